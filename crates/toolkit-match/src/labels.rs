//! Lines that open with a label: "Skills: Python, SQL", "**Tech stack:** Go, Redis".
//!
//! The form is fixed and the labels are the profile's data, so the test is written out
//! instead of compiled from a regex at every run: optional non-word characters, an
//! optional qualifier and one space, a label (ASCII letters in either case), the end of
//! a word, and a colon within a few bytes. The tests hold it to that regex,
//! `(?i)^\W*(qualifier )?label\b[^:]{0,reach}:` with ASCII classes.

/// An ASCII word byte (`\w` without Unicode).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Labels that may open a line, each optionally after one of the qualifiers.
#[derive(Debug)]
pub(crate) struct LabelledLine {
    qualifiers: Vec<Vec<u8>>,
    labels: Vec<Vec<u8>>,
    /// The most bytes between the label and its colon.
    reach: usize,
    /// Whether a label or qualifier opens with a non-word byte, and so may start before
    /// the line's first word.
    opens_before_words: bool,
    /// The most bytes from where a label may start to its colon.
    span: usize,
}

impl LabelledLine {
    pub fn new(qualifiers: &[String], labels: &[String], reach: usize) -> LabelledLine {
        let bytes = |words: &[String]| words.iter().map(|w| w.as_bytes().to_vec()).collect();
        let opens_before_words = qualifiers
            .iter()
            .chain(labels)
            .any(|w| w.bytes().next().is_some_and(|b| !is_word(b)));
        let longest = |words: &[String]| words.iter().map(String::len).max();
        let span =
            longest(qualifiers).map_or(0, |q| q + 1) + longest(labels).unwrap_or(0) + reach + 1;
        LabelledLine {
            qualifiers: bytes(qualifiers),
            labels: bytes(labels),
            reach,
            opens_before_words,
            span,
        }
    }

    /// Whether `line` opens with a label.
    pub fn is_match(&self, line: &str) -> bool {
        let text = line.as_bytes();
        // The label starts after some of the non-word bytes that open the line: at the
        // first word byte, or earlier where a label or qualifier itself opens with a
        // non-word byte.
        let lead = text.iter().position(|&b| is_word(b)).unwrap_or(text.len());
        // Most lines have no colon near their start: no label can open them.
        let near = &text[..text.len().min(lead + self.span)];
        if !near.contains(&b':') {
            return false;
        }
        let earliest = if self.opens_before_words { 0 } else { lead };
        (earliest..=lead).any(|start| {
            self.label_at(text, start)
                || self.qualifiers.iter().any(|q| {
                    let after = start + q.len();
                    starts_with(text, start, q)
                        && text.get(after) == Some(&b' ')
                        && self.label_at(text, after + 1)
                })
        })
    }

    /// Whether a label starts at `at`, ends a word and has its colon in reach.
    fn label_at(&self, text: &[u8], at: usize) -> bool {
        self.labels.iter().any(|label| {
            let end = at + label.len();
            starts_with(text, at, label)
                && word_ends(text, end)
                && text[end..].iter().take(self.reach + 1).any(|&b| b == b':')
        })
    }
}

/// Whether `text` has `word` at `at`, ASCII letters in either case.
fn starts_with(text: &[u8], at: usize, word: &[u8]) -> bool {
    // Most places hold no label: the first byte tells.
    let (Some(&here), Some(&first)) = (text.get(at), word.first()) else {
        return false;
    };
    here.eq_ignore_ascii_case(&first)
        && text
            .get(at..at + word.len())
            .is_some_and(|here| here.eq_ignore_ascii_case(word))
}

/// Whether a word boundary (`\b`, ASCII) falls at `at`, after at least one byte.
fn word_ends(text: &[u8], at: usize) -> bool {
    let before = at.checked_sub(1).map(|i| is_word(text[i]));
    let after = text.get(at).is_some_and(|&b| is_word(b));
    before.is_some_and(|before| before != after)
}

#[cfg(test)]
mod tests {
    use super::*;

    use regex_automata::meta::Regex;
    use regex_automata::util::syntax;

    /// The regex a labelled line is held to.
    fn reference(qualifiers: &[String], labels: &[String], reach: usize) -> Regex {
        let alternation = |words: &[String]| {
            if words.is_empty() {
                return r"([^\s\S])".to_string();
            }
            let escaped: Vec<String> = words.iter().map(|w| regex_syntax::escape(w)).collect();
            format!("({})", escaped.join("|"))
        };
        let pattern = format!(
            r"(?i)^\W*({} )?{}\b[^:]{{0,{reach}}}:",
            alternation(qualifiers),
            alternation(labels)
        );
        Regex::builder()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .build(&pattern)
            .expect("the reference pattern is valid")
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn agrees_with_the_regex_it_replaces() {
        let qualifiers = words(&["key", "technical", "it"]);
        let labels = words(&[
            "skills",
            "skill",
            "tech stack",
            "tech",
            "familiar with",
            "-x",
            "é",
        ]);
        let lines = [
            "Skills: Python, SQL",
            "**Toolbox:** Python",
            "  * Key skills: Go",
            "KEY SKILLS : Go",
            "Technical  skills: Go",
            "Skills used daily included Python",
            "Skills used every day by me and the team in 2024: Go",
            "Skills used daily by: Go",
            "Skillset: Go",
            "Tech Stack: Go",
            "Tech: Go",
            "Techstack: Go",
            "tech-stack: go",
            "Familiar with: Docker",
            "Familiar withDocker:",
            "-x: a",
            "--x: a",
            "- -x: a",
            "é: a",
            "éé: a",
            "*é: a",
            "it skills:",
            "it skill:",
            "it it skills:",
            ": skills:",
            "skills",
            "",
            "::",
            "skills_: a",
            "skills9: a",
            "skills!: a",
            "***",
            "Skills — Python: SQL",
        ];
        let ours = LabelledLine::new(&qualifiers, &labels, 20);
        let theirs = reference(&qualifiers, &labels, 20);
        for line in lines {
            assert_eq!(ours.is_match(line), theirs.is_match(line), "{line:?}");
        }
        let none = LabelledLine::new(&[], &[], 12);
        assert!(!none.is_match("skills: go"));
    }

    #[test]
    fn agrees_on_the_built_in_labels_over_the_repository_lines() {
        let context = toolkit_profile::Context::builtin();
        let keyword = LabelledLine::new(&context.keyword_qualifiers, &context.keyword_labels, 20);
        let keyword_ref = reference(&context.keyword_qualifiers, &context.keyword_labels, 20);
        let stack = LabelledLine::new(&[], &context.stack_labels, 12);
        let stack_ref = reference(&[], &context.stack_labels, 12);
        let lines = crate::tests::repository_lines();
        let (mut keywords, mut stacks) = (0, 0);
        for text in &lines {
            let (k, s) = (keyword.is_match(text), stack.is_match(text));
            assert_eq!(k, keyword_ref.is_match(text), "{text:?}");
            assert_eq!(s, stack_ref.is_match(text), "{text:?}");
            keywords += usize::from(k);
            stacks += usize::from(s);
        }
        eprintln!(
            "{} lines, {keywords} keyword lines, {stacks} stack lines",
            lines.len()
        );
        assert!(lines.len() > 23_000 && keywords > 10 && stacks > 10);
    }
}
