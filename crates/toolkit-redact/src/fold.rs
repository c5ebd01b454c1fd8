//! Folding text for comparison: case, accents and whitespace do not make two names
//! (or two evidence lines) different.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters below this are Latin, Greek and Cyrillic, whose accents are
/// decoration ("José" is "Jose"); above it marks can be letters of their own (the
/// vowel signs of Devanagari), so they are kept.
const ACCENTED_SCRIPTS_END: char = '\u{0530}';

/// Lower-cases, strips accents from Latin, Greek and Cyrillic letters, unifies
/// apostrophes and collapses whitespace: `"  JOSÉ  O’Brien "` → `"jose o'brien"`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut base = ' ';
    let mut space = true;
    for c in text.nfkd() {
        if is_combining_mark(c) {
            if base < ACCENTED_SCRIPTS_END {
                continue;
            }
            out.push(c);
            continue;
        }
        base = c;
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
        match c {
            '’' | '‘' | '`' | 'ʼ' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`fold`], keeping only letters, digits and marks as words separated by single
/// spaces: two renderings of one line (a PDF's and a DOCX's) compare equal.
pub fn words(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    let mut space = true;
    for c in folded.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        for (text, want) in [
            ("  JOSÉ  O’Brien ", "jose o'brien"),
            ("Łukasz Kowalczyk", "łukasz kowalczyk"),
            ("Ελένη Παπαδοπούλου", "ελενη παπαδοπουλου"),
            ("Йован Петровић", "иован петровић"),
            ("राहुल शर्मा", "राहुल शर्मा"),
            ("陈佳慧", "陈佳慧"),
        ] {
            assert_eq!(fold(text), want, "{text}");
        }
        assert_eq!(fold("राहुल"), "राहुल".nfkd().collect::<String>());
    }

    #[test]
    fn words_drop_punctuation() {
        assert_eq!(
            words("• Built the ﬁrst REST API (Spring Boot)."),
            "built the first rest api spring boot"
        );
    }
}
