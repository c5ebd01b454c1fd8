//! Text helpers: masking contact details, clauses, hyphenated line breaks, tokens.

use std::ops::Range;

use crate::moods::{BEFORE_VERB, CARRY_ON, COPULAS};

/// [`mask_contacts_into`] a new string.
#[cfg(test)]
pub(crate) fn mask_contacts(line: &str) -> String {
    let mut out = String::new();
    mask_contacts_into(line, &mut out);
    out
}

/// `line` with URLs, e-mail addresses and bare domains replaced by spaces (keeping
/// byte offsets), so `github.com/jane` or `jane@aws-consulting.example` is never
/// evidence, written at the end of `out`, so that the sentences of a resume share one
/// buffer.
pub(crate) fn mask_contacts_into(line: &str, out: &mut String) {
    out.reserve(line.len());
    let bytes = line.as_bytes();
    let boundary = |b: u8| {
        b.is_ascii_whitespace() || matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'"')
    };
    // Only a token with a dot or an at sign can be a contact: look at those tokens
    // alone, each once.
    let mut checked_to = 0;
    // How much of the line is written to `out`.
    let mut written = 0;
    for at in memchr::memchr2_iter(b'.', b'@', bytes) {
        if at < checked_to {
            continue;
        }
        let start = bytes[..at]
            .iter()
            .rposition(|&b| boundary(b))
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| boundary(b))
            .map_or(bytes.len(), |i| at + i);
        checked_to = end;
        if looks_like_contact(&line[start..end]) {
            out.push_str(&line[written..start]);
            out.extend(std::iter::repeat_n(' ', end - start));
            written = end;
        }
    }
    out.push_str(&line[written..]);
}

fn looks_like_contact(token: &str) -> bool {
    // Most words have neither a dot nor an at sign: skip them cheaply.
    if !token.bytes().any(|b| b == b'.' || b == b'@') {
        return false;
    }
    let t = token.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '·' | '|'));
    if t.contains("://") || t.starts_with("www.") || (t.contains('@') && t.contains('.')) {
        return true;
    }
    // A bare domain with a path or a common top-level domain: github.com/x, jane.dev
    let host = t.split('/').next().unwrap_or("");
    let has_tld = host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty()
            && matches!(
                tld,
                "com"
                    | "org"
                    | "net"
                    | "dev"
                    | "io"
                    | "app"
                    | "me"
                    | "edu"
                    | "co"
                    | "ai"
                    | "tech"
                    | "info"
                    | "site"
            )
    });
    has_tld
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Where the colon of a form's label is, when a lower-cased line opens with one: a
/// few words of letters before it ("cloud experience:", "version control
/// experience:"), not a time ("06:00") or a sentence.
pub(crate) fn form_label(lower: &str) -> Option<usize> {
    // Only the line's opening is looked at: a label is short.
    let colon = memchr::memchr(b':', &lower.as_bytes()[..lower.len().min(49)])?;
    let label = lower[..colon].trim();
    let words = label.split_whitespace().count();
    ((1..=5).contains(&words)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '/' | '&' | '\'')))
    .then_some(colon)
}

/// Where a clause begins inside a sentence: the mark, how far into it the split falls,
/// and whether the new clause may still carry the one before on. A consequence ("Had
/// never written Rust, so I worked through the book"), a new subject after an opening
/// phrase ("Having never used Kafka, I spent a sprint on its docs"), what was done
/// before ("Will sit the CKA in March, having finished the course"): what the writer
/// did about a lack is not part of the lack, but "so I can move into cloud work" and
/// "so container orchestration is a gap" are still part of the wish or the lack
/// ([`carries_on`]). A step of a chain ("No VBA → a month with a book → the report
/// builds itself") always is a clause.
const NEW_CLAUSE: [(&[u8], usize, bool); 6] = [
    (b", so ", 1, true),
    (b", having ", 1, true),
    (b", i ", 1, true),
    (b", we ", 1, true),
    (" \u{2192} ".as_bytes(), 4, false),
    (b" -> ", 3, false),
];

/// The bytes that follow the first byte of a [`NEW_CLAUSE`] mark, so that most commas
/// and spaces are passed over without comparing every mark.
const CLAUSE_SECOND_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < NEW_CLAUSE.len() {
        table[NEW_CLAUSE[k].0[1] as usize] = true;
        k += 1;
    }
    table
};

/// Whether the words after a clause mark carry the clause before on: they open, after
/// at most three of [`BEFORE_VERB`], with one of [`CARRY_ON`] (a modal, a negation, a
/// wish, "that") or a denied "do", or say within four words what something is ("so
/// container orchestration is a gap", but not "so I was sent on a course").
fn carries_on(rest: &str) -> bool {
    let words: Vec<&str> = runs(rest, |c| c.is_ascii_alphanumeric() || c == '\'' || c == '-')
        .map(|(_, w)| w)
        .take(7)
        .collect();
    let opening = words
        .iter()
        .take_while(|w| BEFORE_VERB.contains(w))
        .count()
        .min(3);
    let (first, second) = (words.get(opening), words.get(opening + 1));
    let auxiliary_denied = first.is_some_and(|w| matches!(*w, "do" | "does" | "did"))
        && second.is_some_and(|w| matches!(*w, "not" | "never"));
    auxiliary_denied
        || first.is_some_and(|w| CARRY_ON.contains(w))
        || words
            .iter()
            .take(4)
            .skip(opening + 1)
            .any(|w| COPULAS.contains(w))
}

/// Byte ranges of the clauses of a line: split at sentence punctuation followed by a
/// space (or the end), at semicolons, after a comma that follows a parenthesis, before
/// " but ", and where [`NEW_CLAUSE`] marks one.
#[cfg(test)]
pub(crate) fn clauses(lower: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    clauses_into(lower, &mut out);
    out
}

/// [`clauses`], into `out` (cleared first).
pub(crate) fn clauses_into(lower: &str, out: &mut Vec<Range<usize>>) {
    let bytes = lower.as_bytes();
    out.clear();
    let mut start = 0;
    let mut j = 0;
    // Only these bytes end a clause or start one: the others are passed over at once.
    while let Some(at) = bytes[j..]
        .iter()
        .position(|&c| CLAUSE_BYTES[usize::from(c)])
    {
        j += at;
        let c = bytes[j];
        // A space is a mark only before one of a few bytes: it is read when one of
        // them is, rather than at each of the many spaces of a sentence.
        let (i, b) = if AFTER_SPACE[usize::from(c)] {
            if j == 0 || bytes[j - 1] != b' ' {
                j += 1;
                continue;
            }
            (j - 1, b' ')
        } else {
            (j, c)
        };
        if let Some(end) = clause_cut(lower, i, b, start) {
            out.push(start..end);
            start = end;
        }
        j += 1;
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
}

/// Whether a clause that started at `start` ends at byte `i` of `lower` (a mark byte
/// `b`: sentence punctuation, a comma or a space): where it ends, which is where the
/// next one starts, or `None` when the mark ends nothing there.
fn clause_cut(lower: &str, i: usize, b: u8, start: usize) -> Option<usize> {
    let bytes = lower.as_bytes();
    let at_end_or_space = || bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
    let split_after = match b {
        b';' | b'!' | b'?' => true,
        b'.' => at_end_or_space(),
        // An item of a list and its note ("TypeScript (currently learning), SQL"):
        // the note's mood is the item's alone.
        b',' => i > 0 && bytes[i - 1] == b')' && at_end_or_space(),
        _ => false,
    };
    if split_after {
        Some(i + 1)
    } else if b == b' '
        && bytes.get(i + 1) == Some(&b'b')
        && bytes[i..].starts_with(b" but ")
        && i > start
    {
        Some(i)
    } else if i > start
        && matches!(b, b',' | b' ')
        && bytes
            .get(i + 1)
            .is_some_and(|&n| CLAUSE_SECOND_BYTES[usize::from(n)])
        && let Some(&(mark, split, checked)) = NEW_CLAUSE
            .iter()
            .find(|(m, _, _)| bytes[i..].starts_with(m))
        && !(checked && carries_on(&lower[i + mark.len()..]))
    {
        Some(i + split)
    } else {
        None
    }
}

/// The character at byte `i` of `text` (a character boundary) and its length in
/// bytes: an ASCII byte is taken as it is, without decoding, as most of a resume is.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes()[i] {
        b if b.is_ascii() => (char::from(b), 1),
        _ => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    }
}

/// [`is_word_char`] of each ASCII byte (letters, digits and `_`), looked up rather than
/// worked out: it is asked of every byte of every sentence.
static ASCII_WORD_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_';
        b += 1;
    }
    table
};

/// The bytes that end a clause or may start one ([`clauses_into`]), and those of
/// [`AFTER_SPACE`], which stand for the space before them.
static CLAUSE_BYTES: [bool; 256] = {
    let mut table = AFTER_SPACE;
    let mut k = 0;
    let marks = b";!?.,";
    while k < marks.len() {
        table[marks[k] as usize] = true;
        k += 1;
    }
    table
};

/// The bytes after a space that make it a clause mark: the "b" of " but ", and the
/// second byte of each [`NEW_CLAUSE`] mark that opens with a space.
const AFTER_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'b' as usize] = true;
    let mut k = 0;
    while k < NEW_CLAUSE.len() {
        if NEW_CLAUSE[k].0[0] == b' ' {
            table[NEW_CLAUSE[k].0[1] as usize] = true;
        }
        k += 1;
    }
    table
};

/// A character that continues a word for [`is_word_bounded`].
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii() && c.is_alphanumeric()
}

/// The offsets in `text` where a word-bounded span may start (see
/// [`is_word_bounded`]): every character boundary that does not join two word
/// characters.
#[cfg(test)]
pub(crate) fn unjoined_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    unjoined_starts_into(text, &[true; 256], &mut out);
    out
}

/// [`unjoined_starts`] where the byte written is one of `first_bytes` (the bytes the
/// phrases looked for start with: a space starts none, and most of a sentence's starts
/// are spaces), into `out` (cleared first).
pub(crate) fn unjoined_starts_into(text: &str, first_bytes: &[bool; 256], out: &mut Vec<usize>) {
    out.clear();
    let bytes = text.as_bytes();
    if text.is_ascii() {
        // Most sentences: every byte is a character, and a word character is a letter,
        // a digit or `_`. A byte that follows no word character is a start; the rest
        // of a word is passed over at once.
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if first_bytes[usize::from(b)] {
                out.push(i);
            }
            i += 1;
            if ASCII_WORD_CHARS[usize::from(b)] {
                i += bytes[i..]
                    .iter()
                    .position(|&b| !ASCII_WORD_CHARS[usize::from(b)])
                    .unwrap_or(bytes.len() - i);
            }
        }
        return;
    }
    let mut prev = false;
    let mut i = 0;
    while i < bytes.len() {
        let (cur, len) = match bytes[i] {
            b if b.is_ascii() => (ASCII_WORD_CHARS[usize::from(b)], 1),
            _ => {
                let (c, len) = char_at(text, i);
                (is_word_char(c), len)
            }
        };
        if !(prev && cur) && first_bytes[usize::from(bytes[i])] {
            out.push(i);
        }
        prev = cur;
        i += len;
    }
}

/// True when the character before `start` and after `end` do not continue a word.
pub(crate) fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let joins = |c: Option<char>, edge: Option<char>| match (c, edge) {
        (Some(c), Some(e)) => is_word_char(c) && is_word_char(e),
        _ => false,
    };
    if joins(before, first) || joins(after, last) {
        return false;
    }
    // ".NET" inside "ASP.NET".
    if first == Some('.') && before.is_some_and(char::is_alphanumeric) {
        return false;
    }
    // "Node.js" must not match "Node" followed by ".js": a dot glued to a word
    // continues the token.
    let rest = &text[end..];
    if rest.starts_with('.') && rest[1..].chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    if let Some(head) = text[..start].strip_suffix('.')
        && head.chars().next_back().is_some_and(char::is_alphanumeric)
        && first.is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    true
}

/// The word glued to a term by a hyphen after it ("Scrum-half" gives "half").
pub(crate) fn hyphen_suffix(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].strip_prefix('-')?;
    let word_end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (word_end > 0).then(|| &rest[..word_end])
}

/// True when a word is glued to the term by a hyphen before it ("non-Docker").
pub(crate) fn hyphen_prefix(text: &str, start: usize) -> bool {
    text[..start]
        .strip_suffix('-')
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// The next word after `end`, skipping spaces, with its start offset.
pub(crate) fn next_word(text: &str, end: usize) -> Option<(usize, &str)> {
    let rest = &text[end..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    if skip == 0 && !rest.is_empty() {
        return None;
    }
    let start = end + skip;
    let word = &text[start..];
    let len = word
        .find(|c: char| !(c.is_alphanumeric() || c == '\''))
        .unwrap_or(word.len());
    (len > 0).then(|| (start, &word[..len]))
}

/// Past a number that goes on a name after `end` ("Cloud 9 Residences": past the
/// "9", as a capitalised word follows it); `end` itself otherwise.
pub(crate) fn past_number_in_name(text: &str, end: usize) -> usize {
    if let Some((start, word)) = next_word(text, end)
        && word.bytes().all(|b| b.is_ascii_digit())
        && next_word(text, start + word.len())
            .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
    {
        return start + word.len();
    }
    end
}

/// Alphanumeric tokens of a line with their byte ranges. An ASCII line, as most are,
/// is passed over byte by byte to each token's start and end.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ascii = text.is_ascii();
    let mut any = runs(text, char::is_alphanumeric);
    let mut at = 0;
    std::iter::from_fn(move || {
        if !ascii {
            return any.next();
        }
        let bytes = text.as_bytes();
        let start = at + bytes[at..].iter().position(u8::is_ascii_alphanumeric)?;
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |len| start + len);
        at = end;
        Some((start, &text[start..end]))
    })
}

/// The runs of `text` made of characters that `keep` accepts, with their byte offsets.
/// Read with [`char_at`]: most of a line is ASCII, which is taken without decoding.
pub(crate) fn runs(text: &str, keep: impl Fn(char) -> bool) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < text.len() {
            let (c, len) = char_at(text, at);
            match (keep(c), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => return Some((s, &text[s..at])),
                _ => {}
            }
            at += len;
        }
        start.map(|s| (s, &text[s..]))
    })
}

/// For a line ending in a hyphenated word fragment ("... Post-"), the fragment of
/// the next line that completes it ("greSQL"), when the next line starts lower-case.
pub(crate) fn hyphen_continuation<'a>(line: &str, next: &'a str) -> Option<&'a str> {
    let trimmed = line.trim_end();
    let stem = trimmed.strip_suffix('-')?;
    if !stem.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    let next = next.trim_start();
    if !next.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let len = next
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(next.len());
    Some(&next[..len])
}

/// True when the span sits between list separators: "Python, C, Go", "C/C++", "(C)".
pub(crate) fn is_list_item(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let sep_before = before.is_empty()
        || before.ends_with([',', '·', '|', '/', '(', '&', ':', ';', '•'])
        || before.to_ascii_lowercase().ends_with(" and");
    let sep_after = after.is_empty()
        || after.starts_with([',', '·', '|', '/', ')', '&', ';', '•'])
        || after.starts_with(". ")
        || after == "."
        || after.to_ascii_lowercase().starts_with("and ");
    sep_before && sep_after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_their_offsets() {
        let text = "  Łódź: back-end, API v2!";
        let words: Vec<(usize, &str)> = tokens(text).collect();
        assert_eq!(
            words,
            [
                (2, "Łódź"),
                (11, "back"),
                (16, "end"),
                (21, "API"),
                (25, "v2")
            ]
        );
        let hyphened: Vec<&str> = runs(text, |c| c.is_alphanumeric() || c == '-')
            .map(|(_, w)| w)
            .collect();
        assert_eq!(hyphened, ["Łódź", "back-end", "API", "v2"]);
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens("...").count(), 0);
        let ascii = "  Lodz: back-end, API v2!";
        assert_eq!(
            tokens(ascii).collect::<Vec<_>>(),
            runs(ascii, char::is_alphanumeric).collect::<Vec<_>>()
        );
        assert_eq!(tokens("v2").collect::<Vec<_>>(), [(0, "v2")]);
    }

    #[test]
    fn masks_urls_and_emails_but_keeps_offsets() {
        let line = "jane@example.com · github.com/jane-aws · https://x.dev/go (Go)";
        let masked = mask_contacts(line);
        assert_eq!(masked.len(), line.len());
        assert!(
            !masked.contains("github") && !masked.contains("aws") && !masked.contains("example")
        );
        assert!(masked.ends_with("(Go)"));
        assert_eq!(
            mask_contacts("Used Node.js and ASP.NET"),
            "Used Node.js and ASP.NET"
        );
        // Written after what the buffer holds, every token where it was.
        let mut out = String::from("kept ");
        mask_contacts_into("a@b.io and x.dev/y. Go", &mut out);
        assert_eq!(
            out,
            "kept ".to_string() + &" ".repeat(6) + " and " + &" ".repeat(8) + " Go"
        );
    }

    #[test]
    fn byte_tables_are_what_they_stand_for() {
        for b in 0..=u8::MAX {
            let ascii_word = b.is_ascii() && is_word_char(char::from(b));
            assert_eq!(ASCII_WORD_CHARS[usize::from(b)], ascii_word, "{b}");
            let after_space = matches!(b, b'b' | b'-' | 0xe2);
            assert_eq!(AFTER_SPACE[usize::from(b)], after_space, "{b}");
            let clause = matches!(b, b';' | b'!' | b'?' | b'.' | b',') || after_space;
            assert_eq!(CLAUSE_BYTES[usize::from(b)], clause, "{b}");
        }
    }

    #[test]
    fn spans_start_where_no_two_word_characters_join() {
        // Every offset but those inside a run of letters, digits and `_` (bytes).
        let text = "Łukasz's C#/snake_case — naïve 2024";
        assert_eq!(
            unjoined_starts(text),
            [0, 7, 8, 9, 10, 11, 12, 13, 23, 24, 27, 28, 34, 35]
        );
        assert!(unjoined_starts("").is_empty());
    }

    #[test]
    fn starts_are_those_of_reading_every_character() {
        // Read character by character, as the general path does.
        let plain = |text: &str, first: &[bool; 256]| -> Vec<usize> {
            let mut prev = false;
            let mut out = Vec::new();
            for (i, c) in text.char_indices() {
                let cur = is_word_char(c);
                if !(prev && cur) && first[usize::from(text.as_bytes()[i])] {
                    out.push(i);
                }
                prev = cur;
            }
            out
        };
        let mut some = [false; 256];
        for b in b"abcdgkmnprstx0123456789.#+-_(" {
            some[usize::from(*b)] = true;
        }
        let mut texts = crate::tests::repository_lines();
        texts.extend(
            ["", " ", "a", "__init__ c++ .net", "x.y-z (k8s)", "ab  cd"].map(str::to_string),
        );
        texts.push("docker, k8s and c# in 2024; ".repeat(2000));
        let mut out = vec![7; 3];
        for text in &texts {
            for first in [&some, &[true; 256], &[false; 256]] {
                unjoined_starts_into(text, first, &mut out);
                assert_eq!(out, plain(text, first), "{text:?}");
            }
        }
    }

    /// [`clauses_into`] as it read every byte of the marks, spaces included: the same
    /// cut at each, without passing over the bytes that cannot make one.
    fn clauses_byte_by_byte(lower: &str, out: &mut Vec<Range<usize>>) {
        out.clear();
        let mut start = 0;
        for (i, &b) in lower.as_bytes().iter().enumerate() {
            if matches!(b, b';' | b'!' | b'?' | b'.' | b',' | b' ')
                && let Some(end) = clause_cut(lower, i, b, start)
            {
                out.push(start..end);
                start = end;
            }
        }
        if start < lower.len() {
            out.push(start..lower.len());
        }
    }

    #[test]
    fn clauses_are_those_of_reading_every_mark_byte() {
        let mut texts = crate::tests::repository_lines();
        texts.extend(
            [
                "",
                " ",
                " but",
                " but x",
                "a but b",
                "x  but y,  but z",
                "a -> b -> c",
                "-> a ->b",
                " \u{2192} x \u{2192} y \u{2192}",
                "no docker, so i can't speak to it, so i learnt go; we \u{2019}re done",
                "had never used kafka, i spent a sprint on it -> it works \u{2192} done.",
                "tools (new), sql, but not yet. b-b -b b",
            ]
            .map(str::to_string),
        );
        texts.push("i used go, so i can ship, but not -> rust; ".repeat(200));
        let (mut want, mut got) = (Vec::new(), vec![0..1, 1..2]);
        for line in &texts {
            let text = line.to_ascii_lowercase();
            clauses_byte_by_byte(&text, &mut want);
            clauses_into(&text, &mut got);
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn splits_clauses() {
        let parts = |text: &'static str| -> Vec<&'static str> {
            clauses(text).into_iter().map(|r| &text[r]).collect()
        };
        assert_eq!(
            parts("built it in go. no docker yet; but fine v1.2 ok"),
            ["built it in go.", " no docker yet;", " but fine v1.2 ok"]
        );
        // A list item with a note in brackets is a clause of its own.
        assert_eq!(
            parts("typescript (currently learning), sql, rest apis (f(x),y)"),
            [
                "typescript (currently learning),",
                " sql, rest apis (f(x),y)"
            ]
        );
        assert_eq!(
            parts("had never used it, so i read the docs, also some sql"),
            ["had never used it,", " so i read the docs, also some sql"]
        );
        // A consequence that restates the lack or the wish is part of it.
        for text in [
            "would like to get certified, so i can move into cloud work",
            "not yet used kubernetes, so container orchestration is a gap",
            "no docker experience, i only know the theory",
        ] {
            assert_eq!(parts(text), [text]);
        }
        assert_eq!(
            parts("no course yet, so i'm reading the docs, so then i built a cli"),
            [
                "no course yet,",
                " so i'm reading the docs,",
                " so then i built a cli"
            ]
        );
        assert_eq!(
            parts("having never used go, i read a book \u{2192} a cli -> done, we shipped"),
            [
                "having never used go,",
                " i read a book \u{2192}",
                " a cli ->",
                " done,",
                " we shipped"
            ]
        );
    }

    #[test]
    fn word_bounds() {
        let t = "JavaScript and Java, Node.js, ASP.NET, C#";
        assert!(!is_word_bounded(t, 0, 4)); // Java inside JavaScript
        assert!(is_word_bounded(t, 15, 19)); // Java
        assert!(!is_word_bounded(t, 21, 25)); // Node of Node.js
        assert!(!is_word_bounded(t, 33, 37)); // .NET of ASP.NET
        assert!(is_word_bounded(t, 39, 41)); // C#
    }

    #[test]
    fn hyphenation() {
        assert_eq!(
            hyphen_continuation("stored in Post-", "greSQL tables"),
            Some("greSQL")
        );
        assert_eq!(hyphen_continuation("a well-", "Known thing"), None);
        assert_eq!(hyphen_continuation("dates 2019-", "2020"), None);
        assert_eq!(hyphen_suffix("Scrum-half", 5), Some("half"));
        assert!(hyphen_prefix("non-Docker", 4));
        assert_eq!(next_word("Java Junction", 4), Some((5, "Junction")));
    }
}
