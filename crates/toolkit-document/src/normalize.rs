//! The last step of every reader: invisible characters hidden inside words are
//! removed and counted, and control characters are made visible.
//!
//! `Py\u{AD}thon` or `Post\u{200B}greSQL` reads as one word to a person but as two
//! to a machine, a classic way to slip keywords past (or hide them from) a screening
//! tool. Every reader's text passes through here, so a soft hyphen in Markdown, JSON
//! Resume or DOCX is treated the same way, and the report can show where they were.
//! Control characters (an escape sequence that would drive a terminal) never reach
//! the document: they are replaced by a visible `\x1b`-style escape.

use std::borrow::Cow;

use crate::{BLOCK, Document, Section, printable_ascii};

/// Invisible characters that split a word for a machine but not for a reader.
const INVISIBLE: [char; 6] = [
    '\u{AD}',   // soft hyphen
    '\u{200B}', // zero width space
    '\u{200C}', // zero width non-joiner
    '\u{200D}', // zero width joiner
    '\u{2060}', // word joiner
    '\u{FEFF}', // zero width no-break space (a byte-order mark inside text)
];

/// Invisible characters found inside words on one line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hidden {
    /// The line, numbered as in [`crate::Line::number`].
    pub line: u32,
    /// The page, for PDF input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The character, one of the invisible ones listed by [`Hidden::name`].
    pub ch: char,
    /// How many times it occurs inside words on that line.
    pub count: usize,
}

impl Hidden {
    /// The character's Unicode name, lower-case.
    pub fn name(&self) -> &'static str {
        match self.ch {
            '\u{AD}' => "soft hyphen",
            '\u{200B}' => "zero width space",
            '\u{200C}' => "zero width non-joiner",
            '\u{200D}' => "zero width joiner",
            '\u{2060}' => "word joiner",
            _ => "zero width no-break space",
        }
    }

    /// `U+200B`.
    pub fn code(&self) -> String {
        format!("U+{:04X}", self.ch as u32)
    }
}

/// Cleans every line, heading and the name of a document, recording the invisible
/// characters found inside words.
pub(crate) fn normalize(doc: &mut Document) {
    let mut hidden = Vec::new();
    for section in &mut doc.sections {
        clean_heading(section);
        for line in &mut section.lines {
            let mut counts: Vec<(char, usize)> = Vec::new();
            if let Cow::Owned(text) = clean(&line.text, &mut counts) {
                line.text = text.trim().to_string();
            }
            counts.sort_unstable();
            hidden.extend(counts.into_iter().map(|(ch, count)| Hidden {
                line: line.number,
                page: line.page,
                ch,
                count,
            }));
        }
    }
    // A line of nothing but invisible characters is no line.
    for section in &mut doc.sections {
        section.lines.retain(|l| !l.text.is_empty());
    }
    doc.sections.retain(|s| !s.lines.is_empty());
    // Lines are in section order, which for JSON Resume is not source order.
    hidden.sort_by_key(|h| (h.page, h.line, h.ch));
    doc.hidden = hidden;
    if let Some(name) = &doc.name
        && let Cow::Owned(clean) = clean(name, &mut Vec::new())
    {
        let clean = clean.trim();
        doc.name = (!clean.is_empty()).then(|| clean.to_string());
    }
}

fn clean_heading(section: &mut Section) {
    if let Some(heading) = &section.heading
        && let Cow::Owned(clean) = clean(heading, &mut Vec::new())
    {
        section.heading = Some(clean);
    }
}

/// Removes invisible characters (counting those inside words) and makes control
/// characters visible.
fn clean<'a>(text: &'a str, counts: &mut Vec<(char, usize)>) -> Cow<'a, str> {
    if !needs_cleaning(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut before = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !INVISIBLE.contains(&c) {
            if is_control(c) {
                push_escaped(&mut out, c);
            } else {
                out.push(c);
            }
            before = Some(c);
            i += 1;
            continue;
        }
        // A run of invisible characters, judged by the characters around it.
        let end = chars[i..]
            .iter()
            .position(|c| !INVISIBLE.contains(c))
            .map_or(chars.len(), |n| i + n);
        let after = chars.get(end).copied();
        let inside_word =
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
        let latin_word = inside_word && before.is_some_and(is_latin) && after.is_some_and(is_latin);
        for &c in &chars[i..end] {
            // The joiners are part of the spelling of many scripts (Persian, the
            // Indic scripts) and of emoji sequences: only inside a Latin word are
            // they hidden.
            if matches!(c, '\u{200C}' | '\u{200D}') && !latin_word {
                out.push(c);
            } else if inside_word {
                match counts.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((c, 1)),
                }
            }
        }
        i = end;
    }
    Cow::Owned(out)
}

/// True when `text` holds an invisible character or a control character other than a
/// tab: what [`clean`] removes or shows. Most lines hold neither: blocks of printable
/// ASCII are skipped at once, and the rest is read a byte at a time, where outside
/// ASCII only three lead bytes can start such a character (U+0080 to U+009F and the
/// soft hyphen; the zero width characters and the word joiner; U+FEFF).
fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let odd = |i: usize| match bytes[i] {
        b'\t' | b' '..=b'~' => false,
        // C0 controls and DEL.
        ..=0x7F => true,
        // C1 controls (U+0080 to U+009F) and the soft hyphen (U+00AD).
        0xC2 => matches!(at(i + 1), 0x80..=0x9F | 0xAD),
        // U+200B to U+200D, and U+2060.
        0xE2 => matches!((at(i + 1), at(i + 2)), (0x80, 0x8B..=0x8D) | (0x81, 0xA0)),
        // U+FEFF.
        0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
        // Any other character outside ASCII, or the rest of one.
        _ => false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let end = (i + BLOCK).min(bytes.len());
        // The last block ends with the text, over bytes already read if need be.
        let start = end.saturating_sub(BLOCK);
        let plain = <&[u8; BLOCK]>::try_from(&bytes[start..end]).is_ok_and(printable_ascii);
        if !plain && (i..end).any(odd) {
            return true;
        }
        i = end;
    }
    false
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{C0}'..='\u{24F}').contains(&c)
}

/// C0 controls except tab, DEL, and the C1 controls (`\u{9B}` starts an escape
/// sequence in some terminals, like ESC `[`).
fn is_control(c: char) -> bool {
    c.is_control() && c != '\t'
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    let code = c as u32;
    let _ = if code < 0x80 {
        write!(out, "\\x{code:02x}")
    } else {
        write!(out, "\\u{{{code:x}}}")
    };
}

/// Text made safe to print on a terminal: every control character (newlines
/// included, so one diagnostic stays one line) is shown as a `\x1b`-style escape
/// instead of being interpreted, and tabs are kept. Resume text is already clean
/// when a reader returns it; this is for everything else that reaches a terminal
/// (file names, messages quoting a file, profile and template text).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> (String, Vec<(char, usize)>) {
        let mut counts = Vec::new();
        let out = clean(text, &mut counts).into_owned();
        counts.sort_unstable();
        (out, counts)
    }

    #[test]
    fn invisible_characters_inside_words_are_removed_and_counted() {
        assert_eq!(
            cleaned("Py\u{AD}thon, Post\u{200B}gre\u{200B}SQL and Dock\u{200D}er"),
            (
                "Python, PostgreSQL and Docker".to_string(),
                vec![('\u{AD}', 1), ('\u{200B}', 2), ('\u{200D}', 1)]
            )
        );
        assert_eq!(
            cleaned("Ku\u{2060}\u{FEFF}bernetes"),
            (
                "Kubernetes".to_string(),
                vec![('\u{2060}', 1), ('\u{FEFF}', 1)]
            )
        );
        // Between words they are dropped without a report.
        assert_eq!(cleaned("Go \u{200B}Rust"), ("Go Rust".to_string(), vec![]));
    }

    #[test]
    fn the_byte_check_finds_what_the_character_check_finds() {
        let slow = |t: &str| t.chars().any(|c| INVISIBLE.contains(&c) || is_control(c));
        let mut texts: Vec<String> = [
            "", "plain", "tab\there", "Go · Rust — SQL", "café", "陈佳慧", "👩\u{200D}💻",
            "\u{A0}\u{AC}\u{AE}\u{7E}\u{FE}\u{FEFE}\u{FFEF}\u{2000}\u{200A}\u{200E}\u{205F}\u{2061}",
        ]
        .map(String::from)
        .to_vec();
        for c in INVISIBLE
            .into_iter()
            .chain(['\0', '\n', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}'])
        {
            texts.push(format!("a{c}b"));
            texts.push(c.to_string());
        }
        // Long lines, read a block at a time, with the character anywhere in them.
        let line = "Built a REST API in Go and Python for the city's bus timetables";
        for at in 0..=line.len() {
            for c in INVISIBLE
                .into_iter()
                .chain(['\u{1b}', '\u{9f}', 'é', '·', '\t'])
            {
                texts.push(format!("{}{c}{}", &line[..at], &line[at..]));
                texts.push(format!("{}{c}", &line[..at]));
                texts.push(format!("{c}{}", &line[at..]));
            }
        }
        for text in texts {
            assert_eq!(needs_cleaning(&text), slow(&text), "{text:?}");
        }
    }

    #[test]
    fn joiners_that_belong_to_a_script_or_an_emoji_stay() {
        // Persian "I want" is spelt with a zero width non-joiner.
        let persian = "می\u{200C}خواهم";
        assert_eq!(cleaned(persian), (persian.to_string(), vec![]));
        let coder = "👩\u{200D}💻 Ana";
        assert_eq!(cleaned(coder), (coder.to_string(), vec![]));
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(
            cleaned("Jane\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{7f}\tok"),
            (
                "Jane\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\u{9b}31m\\x7f\tok".to_string(),
                vec![]
            )
        );
        assert_eq!(printable("a\nb\r"), "a\\x0ab\\x0d");
        assert!(matches!(printable("plain · text"), Cow::Borrowed(_)));
    }
}
