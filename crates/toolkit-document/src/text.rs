//! Plain-text resumes: ALL-CAPS or underlined headings, CRLF, BOM, tabs.

use std::borrow::Cow;

use crate::{Document, Format, RawLine, ReadError, Role, assemble};

/// Decodes text input: strips a UTF-8 BOM and refuses binary data or invalid UTF-8,
/// naming the line where decoding failed.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(ReadError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(ReadError::InvalidUtf8 { line })
        }
    }
}

/// Refuses text with a line longer than the limit, naming the line.
pub(crate) fn check_lines<'a>(text: &'a str, limits: &crate::Limits) -> Result<&'a str, ReadError> {
    // No line is longer than the whole text: a short text needs no splitting.
    if text.len() <= limits.max_line_chars {
        return Ok(text);
    }
    for (i, line) in text.split('\n').enumerate() {
        // Bytes bound characters from above: only long lines need counting.
        if line.len() > limits.max_line_chars {
            let length = line.chars().count();
            if length > limits.max_line_chars {
                return Err(ReadError::LineTooLong {
                    line: i + 1,
                    length,
                    limit: limits.max_line_chars,
                });
            }
        }
    }
    Ok(text)
}

/// The 1-based line numbers of byte offsets in a text. Where each line starts is
/// found once; an offset's line is then found by binary search, so offsets may be
/// asked in any order at the same cost.
pub(crate) struct LineStarts {
    /// Where each line after the first starts: one past each newline, in order.
    starts: Vec<usize>,
}

impl LineStarts {
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Room for lines of 32 bytes on average: most resumes' lines are longer, so
        // the list is seldom moved while it grows.
        let mut starts = Vec::with_capacity(bytes.len() / 32);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineStarts { starts }
    }

    /// The line of `offset`: one more than the newlines before it (all of them, for
    /// an offset past the end).
    pub(crate) fn line_of(&self, offset: usize) -> u32 {
        (self.starts.partition_point(|&start| start <= offset) + 1) as u32
    }
}

/// Splits text into lines, accepting `\n`, `\r\n` and lone `\r` endings.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

pub(crate) fn read(text: &str) -> Document {
    let lines: Vec<&str> = split_lines(text).collect();
    // Grown as lines come: blank lines give none, and a file of newlines would reserve
    // far more than it ever fills.
    let mut raw: Vec<RawLine> = Vec::new();
    // The list depth of the item the previous line belonged to, while no blank line
    // has come since: a following indented or lower-case line wraps that item.
    let mut open_item: Option<u8> = None;
    let mut open_paragraph = false;
    // A hard-wrapped file's column (see `fills_column`): the most characters on a
    // line. A line has no more characters than bytes, so only lines longer in bytes
    // than the widest so far need their characters counted.
    let width = lines.iter().fold(0, |width, line| {
        let line = line.trim_end();
        if line.len() > width {
            width.max(line.chars().count())
        } else {
            width
        }
    });
    let filled = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| lines.get(j))
            .is_some_and(|prev| fills_column(prev, width) && !is_rule(prev.trim()))
    };
    let mut i = 0;
    while i < lines.len() {
        let line = unframe(lines[i]);
        let number = (i + 1) as u32;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open_item = None;
            open_paragraph = false;
            i += 1;
            continue;
        }
        // An underline (`=====` or `-----`) under a short line makes it a heading.
        if let Some(next) = lines.get(i + 1)
            && is_underline(next)
            && trimmed.chars().count() <= 60
        {
            let level = if next.trim_start().starts_with('=') {
                1
            } else {
                2
            };
            raw.push(RawLine::new(number, trimmed, Role::Heading(level)));
            i += 2;
            continue;
        }
        // A rule, and an underline with no heading above it.
        if is_rule(line) {
            i += 1;
            continue;
        }
        // "SKILLS: Python, Go" or "EXPERIENCE: Since 2024 I ..." starts a section and
        // carries its first line.
        if let Some((heading, rest)) = inline_heading(trimmed) {
            raw.push(RawLine::new(number, heading, Role::Heading(2)));
            raw.push(RawLine::new(number, rest, Role::Body));
            i += 1;
            continue;
        }
        let (depth, body) = list_item(line);
        let indented = line.starts_with([' ', '\t']);
        let lower_start = body.chars().next().is_some_and(char::is_lowercase)
            || filled(i) && !is_caps_heading(trimmed) && !labelled(body);
        if depth == 0
            && let Some(item_depth) = open_item
            && (indented || lower_start)
        {
            raw.push(RawLine::new(number, body, Role::ListItem(item_depth)).continuing(true));
            i += 1;
            continue;
        }
        if depth == 0 && open_paragraph && lower_start {
            raw.push(RawLine::new(number, body, Role::Body).continuing(true));
            i += 1;
            continue;
        }
        let role = if depth > 0 {
            Role::ListItem(depth)
        } else if is_caps_heading(trimmed) {
            Role::Heading(2)
        } else {
            Role::MaybeHeading
        };
        open_item = (depth > 0).then_some(depth);
        open_paragraph = depth == 0 && role == Role::MaybeHeading;
        raw.push(RawLine::new(number, body, role));
        i += 1;
    }
    assemble(Format::Text, raw)
}

/// Splits "SKILLS: Python, Go" into a known ALL-CAPS heading and its content.
fn inline_heading(line: &str) -> Option<(&str, &str)> {
    let (head, rest) = line.split_once(':')?;
    let rest = rest.trim();
    (!rest.is_empty() && is_caps_heading(head) && crate::classify_heading(head).is_some())
        .then_some((head.trim(), rest))
}

/// The characters that draw the sides of a frame.
pub(crate) const FRAME_SIDES: [char; 3] = ['|', '│', '║'];

/// The text inside a frame drawn with characters, if the line is framed:
/// `| PROJECTS |` holds `PROJECTS`.
pub(crate) fn framed(line: &str) -> Option<&str> {
    let t = line.trim();
    FRAME_SIDES
        .iter()
        .find_map(|&side| t.strip_prefix(side)?.strip_suffix(side))
        .map(str::trim)
}

/// The text inside a frame drawn with characters, or the line as it is.
fn unframe(line: &str) -> &str {
    framed(line).unwrap_or(line)
}

/// A line drawn with characters (`+======+`, `.........`, `* * *`, `└──┘`): a
/// separator, not text.
fn is_rule(line: &str) -> bool {
    let mut drawn = 0;
    for c in line.chars() {
        match c {
            '+' | '=' | '-' | '_' | '~' | '*' | '#' | '.' | '|' => drawn += 1,
            '\u{2500}'..='\u{257f}' => drawn += 1,
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    drawn >= 3
}

fn is_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// In text hard-wrapped at `width` characters (the longest line, at most 120), a
/// line that reaches the column without ending a sentence or being a label row: its
/// sentence goes on in the next line, whatever the case of that line's first letter.
pub(crate) fn fills_column(line: &str, width: usize) -> bool {
    let line = line.trim();
    width <= 120
        && line.chars().count() + 15 >= width
        && !line.ends_with(['.', '!', '?', ':'])
        && !labelled(line)
}

/// A line of a label and its value: a short label and a colon ("Email: …"), dotted
/// leaders ("Languages ...... Go") or columns set apart by runs of spaces.
pub(crate) fn labelled(line: &str) -> bool {
    let line = line.trim();
    line.split_once(": ")
        .is_some_and(|(label, _)| label.chars().count() <= 25 && !label.contains(['.', ',']))
        || line.contains("...")
        || line.contains('…')
        || line.contains("  ")
        || line.contains('\t')
}

/// An ALL-CAPS line of a few words with no sentence punctuation reads as a heading.
pub(crate) fn is_caps_heading(line: &str) -> bool {
    // Its letters, none of them lower-case (most lines fail at their second letter).
    let mut letters = 0;
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 4
        && line.chars().count() <= 40
        && !line.contains(['@', '|', '.', ',', ':'])
        && !line.chars().any(|c| c.is_ascii_digit())
}

/// Recognises a bullet (`-`, `*`, `•`, `·`, `–`, `▪`, `○`) and returns the nesting
/// depth from the indentation (tabs count as one level, two spaces as one level).
fn list_item(line: &str) -> (u8, &str) {
    let indent: usize = line
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 2 } else { 1 })
        .sum();
    let rest = line.trim_start();
    for bullet in ["- ", "* ", "• ", "· ", "– ", "▪ ", "○ ", "◦ ", "● "] {
        if let Some(body) = rest.strip_prefix(bullet) {
            let depth = (indent / 2).min(6) as u8 + 1;
            return (depth, body.trim());
        }
    }
    (0, rest.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SectionKind;

    #[test]
    fn decode_strips_bom_and_names_bad_line() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(
            decode(b"ok\nok\nbad \xFF\n").unwrap_err(),
            ReadError::InvalidUtf8 { line: 3 }
        );
        assert!(matches!(
            decode(b"a\0b"),
            Err(ReadError::Binary { offset: 1 })
        ));
    }

    #[test]
    fn caps_and_underlined_headings_with_crlf_and_tabs() {
        let doc = read(
            "JANE DOE\r\nBackend developer\r\n\r\nSKILLS\r\nPython, Go\r\n\r\nWork History\r\n------------\r\n\t- Built an API\r\n\t\t- in Go\r\n",
        );
        assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
        let kinds: Vec<_> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Header,
                SectionKind::Skills,
                SectionKind::Experience
            ]
        );
        let exp = &doc.sections[2].lines;
        assert_eq!(
            (exp[0].number, exp[0].depth, exp[0].text.as_str()),
            (9, 2, "Built an API")
        );
        assert_eq!(exp[1].depth, 3);
    }

    #[test]
    fn a_filled_line_goes_on_whatever_the_case_of_the_next() {
        // Hard-wrapped at 76 columns: "AWS" carries on the wish of the line before.
        // Label rows with dotted leaders, and a line that ends a sentence, do not.
        let doc = read(
            "Rosa Castillo\n\nPROFILE\n\
             I have taught myself Python and SQL and want to move into a junior backend\n\
             role. I am keen to learn more and keen to deploy to the cloud, starting with\n\
             AWS and Docker, and would love a role with mentoring.\n\
             Happy to relocate.\n\nSKILLS\n\
             Frameworks ........... Flask (beginner), Django (tutorials only), FastAPI\n\
             Databases ............ MySQL, SQLite, PostgreSQL (learning)\n",
        );
        let lines: Vec<(&str, bool)> = doc
            .lines()
            .map(|(_, l)| (l.text.as_str(), l.continues))
            .collect();
        assert_eq!(
            lines[1..],
            [
                (
                    "I have taught myself Python and SQL and want to move into a junior backend",
                    false
                ),
                (
                    "role. I am keen to learn more and keen to deploy to the cloud, starting with",
                    true
                ),
                (
                    "AWS and Docker, and would love a role with mentoring.",
                    true
                ),
                ("Happy to relocate.", false),
                (
                    "Frameworks ........... Flask (beginner), Django (tutorials only), FastAPI",
                    false
                ),
                (
                    "Databases ............ MySQL, SQLite, PostgreSQL (learning)",
                    false
                ),
            ]
        );
    }

    #[test]
    fn an_employer_named_with_a_section_word_stays_in_its_job() {
        let doc = read(
            "Jane Doe\n\nEXPERIENCE\n----------\n\n\
             Associate Software Engineer          Jan 2024 - present\n\
             Portwise Technologies Pte Ltd\n\n\
             * Wrote resolvers for vessel schedules.\n\n\
             SKILLS\n------\nGo, MongoDB\n",
        );
        let kinds: Vec<_> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Header,
                SectionKind::Experience,
                SectionKind::Skills
            ]
        );
        assert_eq!(
            doc.sections[1].lines[1].text,
            "Portwise Technologies Pte Ltd"
        );
    }

    #[test]
    fn headings_drawn_in_boxes_and_rules_between_entries() {
        let doc = read(
            "+==========================+\n|       JANE Q DOE         |\n+==========================+\n\
             |  jane@example.com  |  Leeds  |\n+==========================+\n\n\
             +--------------------------+\n| EXPERIENCE               |\n+--------------------------+\n\
             Clerk, Leeds Court\n..........................\n  * Kept the hearing log\n\
             * * *\n\n\u{2554}\u{2550}\u{2550}\u{2550}\u{2557}\n\u{2551} SKILLS \u{2551}\n\
             \u{255a}\u{2550}\u{2550}\u{2550}\u{255d}\nPython, SQL\n",
        );
        assert_eq!(doc.name.as_deref(), Some("Jane Q Doe"));
        let sections: Vec<_> = doc
            .sections
            .iter()
            .map(|s| {
                let lines: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
                (s.kind, lines)
            })
            .collect();
        assert_eq!(
            sections,
            [
                (
                    SectionKind::Header,
                    vec!["JANE Q DOE", "jane@example.com  |  Leeds"]
                ),
                (
                    SectionKind::Experience,
                    vec!["Clerk, Leeds Court", "Kept the hearing log"]
                ),
                (SectionKind::Skills, vec!["Python, SQL"]),
            ]
        );
        // A line with words in it is never a rule.
        assert!(is_rule("+----+") && is_rule(". . . . ."));
        assert!(!is_rule("--- see below ---") && !is_rule("C++"));
    }

    #[test]
    fn lines_are_found_in_any_order() {
        let slow = |text: &str, offset: usize| {
            text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1
        };
        for text in [
            "one\ntwo\n\nfour is a longer line, longer than a block of bytes\nfive\n",
            "",
            "\n",
            "no newline",
            "\n\n\nthree blank lines first",
        ] {
            let lines = LineStarts::new(text);
            for offset in [0, 3, 4, 9, 70, 10, 0, 200, 8, 64, 65, 72, 1, 2] {
                assert_eq!(
                    lines.line_of(offset),
                    slow(text, offset),
                    "{text:?} {offset}"
                );
            }
            for offset in (0..=text.len() + 1).rev() {
                assert_eq!(
                    lines.line_of(offset),
                    slow(text, offset),
                    "{text:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn caps_heading_rules() {
        assert!(is_caps_heading("TECHNICAL SKILLS"));
        assert!(!is_caps_heading("AWS, GCP"));
        assert!(!is_caps_heading("SQL"));
        assert!(!is_caps_heading("Experience"));
    }
}
