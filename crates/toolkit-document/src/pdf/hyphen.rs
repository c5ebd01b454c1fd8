//! Words broken at a line end: joining the two halves of a word, and keeping the
//! hyphen of a compound that was broken at its own hyphen.
//!
//! A soft hyphen (U+00AD, as Typst draws it) is only ever drawn where a word was
//! broken, so the halves are joined without it. A hard hyphen at a line end
//! (LaTeX, or a compound that wrapped) is ambiguous: "main-" / "tained" is one word,
//! "role-" / "based" is a compound. The rule, first match wins:
//!
//! 1. the document's own spelling: the joined word written elsewhere in the
//!    document unbroken ("maintained", "Elasticsearch") drops the hyphen, the
//!    hyphenated form written elsewhere ("role-based") keeps it;
//! 2. a second half that starts with a capital or a digit keeps it ("non-" /
//!    "Docker", "COVID-" / "19");
//! 3. a first half that already holds a hyphen or ends in a digit keeps it
//!    ("state-of-the-" / "art", "16-" / "week");
//! 4. an English word when joined drops it ("main-" / "tained", "de-" / "ployed");
//! 5. two English words that do not make one keep it ("role-" / "based",
//!    "in-" / "person": a first half of up to three letters counts as a word);
//! 6. otherwise the hyphen is dropped: technology names are not in the dictionary
//!    ("Post-" / "greSQL", "Kuber-" / "netes").
//!
//! The joined word moves up to the line where it starts, so the line below keeps
//! the rest of its text (a line that held only the word's end disappears).

use std::collections::HashSet;

use super::roles::{PageLine, ends_in_hyphen};
use crate::words::is_english;

/// The lines' texts, with each word broken at the end of a line that the next line
/// continues joined onto the first line.
pub(super) fn join(lines: &[PageLine], continues: &[bool]) -> Vec<String> {
    let mut texts: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
    let mut spelling: Option<Spelling> = None;
    for i in 1..lines.len() {
        if !continues[i] {
            continue;
        }
        let soft = lines[i - 1].soft_hyphen;
        if !soft && !ends_in_hyphen(&texts[i - 1]) {
            continue;
        }
        let next = texts[i].trim_start();
        let end = next.find(char::is_whitespace).unwrap_or(next.len());
        let (fragment, rest) = (
            next[..end].to_string(),
            next[end..].trim_start().to_string(),
        );
        if fragment.is_empty() {
            continue;
        }
        let prev = &mut texts[i - 1];
        prev.truncate(prev.trim_end().len());
        if !soft {
            let stem = &prev[..prev.len() - prev.chars().next_back().map_or(0, char::len_utf8)];
            let first = stem.rsplit(char::is_whitespace).next().unwrap_or(stem);
            let spelling = spelling.get_or_insert_with(|| Spelling::of(lines));
            if !keeps_hyphen(first, &fragment, spelling) {
                prev.pop();
            }
        }
        prev.push_str(&fragment);
        texts[i] = rest;
    }
    texts
}

/// Whether the hyphen between `first` (the start of the word, without the hyphen)
/// and `second` (the rest, as written on the next line) belongs to the word.
fn keeps_hyphen(first: &str, second: &str, spelling: &Spelling) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let second_word = second.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last = first.rsplit(['-', '\u{2010}']).next().unwrap_or(first);
    let joined = letters(&format!("{last}{second_word}"));
    let hyphenated = format!("{}-{}", letters(last), letters(second_word));
    if spelling.words.contains(&joined) {
        return false;
    }
    if spelling.words.contains(&hyphenated) {
        return true;
    }
    if second_word
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return true;
    }
    if last.len() < first.len() || last.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if is_english(&joined) {
        return false;
    }
    let (a, b) = (letters(last), letters(second_word));
    (a.chars().count() <= 3 || is_english(&a)) && is_english(&b)
}

/// The words a document spells, lower-cased: single words and hyphenated ones.
struct Spelling {
    words: HashSet<String>,
}

impl Spelling {
    fn of(lines: &[PageLine]) -> Spelling {
        let mut words = HashSet::new();
        for line in lines {
            // A word at the end of a line may be broken; it is not evidence.
            let mut tokens = line.text.split_whitespace().peekable();
            while let Some(token) = tokens.next() {
                if tokens.peek().is_none() && ends_in_hyphen(token) {
                    break;
                }
                let word: String = token
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-')
                    .flat_map(char::to_lowercase)
                    .collect();
                if !word.is_empty() {
                    words.insert(word);
                }
            }
        }
        Spelling { words }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> PageLine {
        PageLine {
            page: 1,
            text: text.to_string(),
            size: 10.0,
            lead_size: 10.0,
            x: 72.0,
            x1: 500.0,
            y: 700.0,
            bold: false,
            bullet: false,
            mark: None,
            column: 0,
            soft_hyphen: false,
        }
    }

    fn joined(pairs: &[&str]) -> Vec<String> {
        let lines: Vec<PageLine> = pairs.iter().map(|t| line(t)).collect();
        let continues: Vec<bool> = (0..lines.len()).map(|i| i > 0).collect();
        join(&lines, &continues)
    }

    #[test]
    fn dictionary_lookup() {
        assert!(is_english("maintained"));
        assert!(is_english("aardvark"));
        assert!(is_english("postgresql"));
        assert!(!is_english("tained"));
        assert!(!is_english("zzzzzz"));
        assert!(!is_english(""));
    }

    #[test]
    fn broken_words_are_joined_and_compounds_keep_their_hyphen() {
        assert_eq!(
            joined(&["data in Post-", "greSQL tables"]),
            ["data in PostgreSQL", "tables"]
        );
        assert_eq!(joined(&["I main-", "tained it"]), ["I maintained", "it"]);
        assert_eq!(joined(&["Root-", "caused a bug"]), ["Root-caused", "a bug"]);
        assert_eq!(joined(&["in-", "person demos"]), ["in-person", "demos"]);
        assert_eq!(
            joined(&["ran on Kuber-", "netes."]),
            ["ran on Kubernetes.", ""]
        );
        assert_eq!(joined(&["a non-", "Docker host"]), ["a non-Docker", "host"]);
        assert_eq!(joined(&["a 16-", "week course"]), ["a 16-week", "course"]);
        assert_eq!(
            joined(&["state-of-the-", "art tools"]),
            ["state-of-the-art", "tools"]
        );
    }

    #[test]
    fn the_documents_own_spelling_decides_first() {
        // "Elastic" and "search" are words, but the document writes "Elasticsearch".
        assert_eq!(
            joined(&[
                "Skills: Elasticsearch, Go",
                "indexed logs in Elastic-",
                "search daily"
            ]),
            [
                "Skills: Elasticsearch, Go",
                "indexed logs in Elasticsearch",
                "daily"
            ]
        );
        // "ticket" + "ing" is one word, but the document hyphenates it.
        assert_eq!(
            joined(&["a code-review habit and a code-", "review bot"]),
            ["a code-review habit and a code-review", "bot"]
        );
    }

    #[test]
    fn soft_hyphens_always_join() {
        let mut first = line("built the submis");
        first.soft_hyphen = true;
        let lines = [first, line("sion form")];
        assert_eq!(
            join(&lines, &[false, true]),
            ["built the submission", "form"]
        );
    }

    #[test]
    fn lines_that_do_not_continue_are_left_alone() {
        let lines = [line("Post-"), line("greSQL")];
        assert_eq!(join(&lines, &[false, false]), ["Post-", "greSQL"]);
    }
}
