//! Reading resumes (Markdown, text, JSON Resume, DOCX, PDF) into one document model.
//!
//! Every reader turns its format into a flat list of [`RawLine`]s (text with a
//! 1-based source line number and a structural role); [`assemble`] then groups
//! them into [`Section`]s with a [`SectionKind`] and finds the candidate's name.
//! The crate does no file I/O: callers pass bytes.

mod assemble;
mod docx;
mod error;
mod html;
mod jsonresume;
mod markdown;
mod normalize;
mod pdf;
mod sections;
mod sniff;
mod text;
pub mod words;

pub use assemble::assemble;
pub use error::ReadError;
pub use normalize::{Hidden, printable};
pub use sections::classify_heading;
pub use sniff::{Sniffed, sniff};

use serde::Serialize;

/// The input formats a resume can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
    JsonResume,
    Docx,
    Pdf,
}

impl Format {
    /// Every supported format, in the order they are documented.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Text,
        Format::JsonResume,
        Format::Docx,
        Format::Pdf,
    ];

    /// The file extensions that select this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Markdown => &["md", "markdown"],
            Format::Text => &["txt"],
            Format::JsonResume => &["json"],
            Format::Docx => &["docx"],
            Format::Pdf => &["pdf"],
        }
    }

    /// The format for a file extension (case-insensitive), if it is supported.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// A short lower-case name, as used in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::JsonResume => "jsonresume",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The supported extensions as one comma-separated list, for error messages.
    pub fn supported_list() -> String {
        Format::ALL
            .iter()
            .flat_map(|f| f.extensions())
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a section of a resume holds, judged from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Lines before the first heading: name, title, contact details.
    Header,
    /// Summary, profile, objective, about.
    Summary,
    /// Skills lists, technologies, toolboxes, keyword lists.
    Skills,
    Experience,
    Projects,
    Education,
    Certifications,
    /// Volunteering, community, talks, writing, training and the like.
    Activities,
    /// Hobbies and interests.
    Interests,
    /// Spoken languages.
    Languages,
    /// A heading the classifier does not know.
    Other,
}

impl SectionKind {
    /// The name used in reports ("Experience", "Skills", ...).
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::Header => "Header",
            SectionKind::Summary => "Summary",
            SectionKind::Skills => "Skills",
            SectionKind::Experience => "Experience",
            SectionKind::Projects => "Projects",
            SectionKind::Education => "Education",
            SectionKind::Certifications => "Certifications",
            SectionKind::Activities => "Activities",
            SectionKind::Interests => "Interests",
            SectionKind::Languages => "Languages",
            SectionKind::Other => "Other",
        }
    }
}

/// A resume read into sections of lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub format: Format,
    /// The candidate's name, when the document states it.
    pub name: Option<String>,
    pub sections: Vec<Section>,
    /// Invisible characters that were found inside words and removed, in line order.
    pub hidden: Vec<Hidden>,
}

impl Document {
    /// Every line of every section, in document order, with its section.
    pub fn lines(&self) -> impl Iterator<Item = (&Section, &Line)> {
        self.sections
            .iter()
            .flat_map(|s| s.lines.iter().map(move |l| (s, l)))
    }

    /// True when the document holds no text at all.
    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(|s| s.lines.is_empty())
    }

    /// Each line's section kind, number and text: what the readers' tests compare.
    #[cfg(test)]
    pub(crate) fn outline(&self) -> Vec<(SectionKind, u32, &str)> {
        self.lines()
            .map(|(s, l)| (s.kind, l.number, l.text.as_str()))
            .collect()
    }
}

/// A run of lines under one heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The heading as written, without markup; `None` for the header.
    pub heading: Option<String>,
    pub kind: SectionKind,
    pub lines: Vec<Line>,
}

impl Section {
    /// The name shown in evidence: the heading as written, or the kind's label.
    pub fn display_name(&self) -> &str {
        self.heading.as_deref().unwrap_or(self.kind.label())
    }
}

/// One line of resume text, without markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// 1-based line number in the source file (for DOCX and PDF: in the extracted text).
    pub number: u32,
    /// 1-based page number, for PDF input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub text: String,
    /// List nesting depth: 0 for plain lines, 1 for a top-level bullet, and so on.
    pub depth: u8,
    /// The line carries on the sentence of the line before it (a paragraph or list
    /// item wrapped over several source lines).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub continues: bool,
    /// The line is a table's header row ([`Role::TableHead`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub table_head: bool,
}

/// A line as a reader produces it, before sections are formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLine {
    pub number: u32,
    pub page: Option<u32>,
    pub text: String,
    pub role: Role,
    /// See [`Line::continues`].
    pub continues: bool,
}

/// Collapses whitespace runs (tabs included) to single spaces: a reader's line as it
/// is kept. Soft hyphens are left to the shared normalisation, which reports them like
/// any reader's.
pub(crate) fn single_spaced(text: &str) -> String {
    if is_single_spaced(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How many bytes the fast scans ([`is_single_spaced`], the normalisation's check for
/// characters to clean) judge at once.
pub(crate) const BLOCK: usize = 16;

/// True when every byte of `block` is printable ASCII, the space included. One pass
/// without an early exit, so that the compiler compares the bytes side by side: most
/// of a resume is printable ASCII, and a line is mostly skipped a block at a time.
pub(crate) fn printable_ascii(block: &[u8; BLOCK]) -> bool {
    block
        .iter()
        .fold(true, |ok, &b| ok & (b' '..=b'~').contains(&b))
}

/// True when [`single_spaced`] would leave `text` as it is: single spaces between
/// words, none at either end, and no other whitespace.
///
/// Blocks that hold no whitespace but single spaces (letters outside ASCII, like
/// "é", included) are skipped at once. The rest is read a byte at a time, and only
/// the lead bytes of the few whitespace characters outside ASCII (U+0085, U+00A0,
/// U+1680, U+2000 to U+205F, U+3000) need their character decoded, so a line with an
/// "é" in it is judged almost as fast as a line of ASCII.
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    // As if a space came before the text: one there would not be kept.
    let mut after_space = true;
    let mut i = 0;
    // Bytes before this are read one at a time: a block there was not plain.
    let mut slow_until = 0;
    while i < bytes.len() {
        if i >= slow_until {
            // The block and the byte after it, for the space that may end the block.
            // Near the end of the text, the last such window, over bytes already read
            // (judged again, to the same effect): only the last byte is left over.
            let at = i.min(bytes.len().saturating_sub(BLOCK + 1));
            match bytes.get(at..=at + BLOCK).map(<&[u8; BLOCK + 1]>::try_from) {
                Some(Ok(window))
                    if at + BLOCK > i
                        && !(after_space && bytes[i] == b' ')
                        && single_spaced_block(window) =>
                {
                    after_space = window[BLOCK - 1] == b' ';
                    i = at + BLOCK;
                    continue;
                }
                _ => slow_until = i + BLOCK,
            }
        }
        match bytes[i] {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                // A lead byte, so `i` is a character boundary.
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    return false;
                }
                after_space = false;
                i += c.len_utf8();
                continue;
            }
            // Any other byte, including the rest of a character outside ASCII.
            _ => after_space = false,
        }
        i += 1;
    }
    !after_space || text.is_empty()
}

/// True when the first [`BLOCK`] bytes of `window` (which holds one more) leave the
/// text single-spaced as far as they go: none of them is a space followed by
/// another, whitespace other than the space (tab to carriage return), or the lead
/// byte of a character that may be whitespace (0xC2, 0xE1 to 0xE3). Every byte is
/// judged with bit operations and no early exit, so that the compiler compares the
/// bytes side by side.
fn single_spaced_block(window: &[u8; BLOCK + 1]) -> bool {
    let (here, next) = (&window[..BLOCK], &window[1..]);
    let odd = here.iter().zip(next).fold(false, |odd, (&b, &after)| {
        odd | (b.wrapping_sub(b'\t') <= b'\r' - b'\t')
            | (b == 0xC2)
            | (b.wrapping_sub(0xE1) <= 0xE3 - 0xE1)
            | (b == b' ') & (after == b' ')
    });
    !odd
}

/// The structural role of a [`RawLine`], as far as the reader can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document title (Word's Title style); usually the candidate's name.
    Title,
    /// A heading of the given level (1 = top).
    Heading(u8),
    /// A paragraph line that may still be a heading (plain text, PDF, bold paragraphs);
    /// [`assemble`] promotes it when it reads like a section name.
    MaybeHeading,
    /// A list item at the given depth (1 = top level).
    ListItem(u8),
    /// A table's header row, as the source marks it (Markdown's first row, a row of
    /// `<th>` cells in raw HTML, a Word row that repeats as the header): the names of
    /// its columns, or the first row of a table written without one.
    TableHead,
    /// Ordinary body text.
    Body,
}

impl Role {
    /// A line of running text, which the next line may carry on: a paragraph's
    /// line (one that may still be a heading too) or a list item's.
    pub(crate) fn is_running_text(self) -> bool {
        matches!(self, Role::Body | Role::MaybeHeading | Role::ListItem(_))
    }

    /// The role of a line that carries on a line in this role: the same list item,
    /// or body text.
    pub(crate) fn carried_on(self) -> Role {
        match self {
            Role::ListItem(depth) => Role::ListItem(depth),
            _ => Role::Body,
        }
    }
}

impl RawLine {
    pub fn new(number: u32, text: impl Into<String>, role: Role) -> RawLine {
        RawLine {
            number,
            page: None,
            text: text.into(),
            role,
            continues: false,
        }
    }

    /// Marks the line as carrying on the sentence of the line before.
    pub fn continuing(mut self, continues: bool) -> RawLine {
        self.continues = continues;
        self
    }
}

/// Limits that protect the readers from hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input accepted, in bytes.
    pub max_input_bytes: u64,
    /// The most bytes an archive (DOCX) may inflate to.
    pub max_inflated_bytes: u64,
    /// The most entries an archive may hold.
    pub max_archive_entries: usize,
    /// The longest line a resume may have, in characters (for DOCX, PDF and JSON
    /// Resume: a paragraph or string line as read): a megabyte on one line is data,
    /// not a resume.
    pub max_line_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 20 * 1024 * 1024,
            max_inflated_bytes: 64 * 1024 * 1024,
            max_archive_entries: 2_000,
            max_line_chars: 20_000,
        }
    }
}

/// Refuses a document whose text has a line over the line limit, or more text than
/// the input size limit, whatever its format: a 2 KB DOCX can inflate to a
/// paragraph of 200,000 words, and a JSON Resume string has no line structure of its
/// own. Markdown and text are checked on their source lines before parsing.
fn check_text(doc: &Document, limits: &Limits) -> Result<(), ReadError> {
    let mut total: u64 = 0;
    for (_, line) in doc.lines() {
        total += line.text.len() as u64;
        if total > limits.max_input_bytes {
            return Err(ReadError::TextTooLarge {
                limit: limits.max_input_bytes,
            });
        }
        if line.text.len() > limits.max_line_chars {
            let length = line.text.chars().count();
            if length > limits.max_line_chars {
                return Err(ReadError::LineTooLong {
                    line: line.number as usize,
                    length,
                    limit: limits.max_line_chars,
                });
            }
        }
    }
    Ok(())
}

/// Reads a resume of the given format from its bytes.
///
/// The bytes are checked first: empty input, binary junk in a text format and input
/// over the size limit are refused with a [`ReadError`] that says why. The format is
/// taken as given; use [`sniff`] first to catch a misnamed file. A legacy binary
/// Word `.doc` is refused whatever format is asked for.
pub fn read(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_input_bytes,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if sniff::is_legacy_doc(bytes) {
        return Err(ReadError::LegacyDoc);
    }
    let mut doc = match format {
        Format::Markdown => markdown::read(text::check_lines(&text::decode(bytes)?, limits)?),
        Format::Text => text::read(text::check_lines(&text::decode(bytes)?, limits)?),
        Format::JsonResume => jsonresume::read(text::decode(bytes)?.as_ref())?,
        Format::Docx => docx::read(bytes, limits)?,
        Format::Pdf => pdf::read(bytes, limits)?,
    };
    normalize::normalize(&mut doc);
    sections::read_accounts_as_experience(&mut doc);
    check_text(&doc, limits)?;
    if doc.is_empty() {
        return Err(ReadError::NoText);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::single_spaced;

    #[test]
    fn single_spacing_collapses_every_kind_of_whitespace() {
        let slow = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        for text in [
            "",
            " ",
            "one",
            "two words",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "vertical\x0Btab",
            "form\x0Cfeed",
            "carriage\rreturn",
            "no\u{a0}break",
            "em\u{2003}space",
            "Straße café",
            "Go · Rust — SQL",
            "Go ·  Rust",
            "ideographic\u{3000}space",
            "next\u{85}line",
            "ogham\u{1680}space",
            "narrow\u{202F}space ",
            "\u{205F}math",
            "陈佳慧 (Chen Jiahui)",
        ] {
            assert_eq!(single_spaced(text), slow(text), "{text:?}");
        }
        // Long lines, read a block at a time, with the odd spacing anywhere in them,
        // and lines of every length with it at either end.
        let line = "Built a REST API in Go and Python for the city's bus timetables";
        for at in 0..=line.len() {
            for odd in [
                " ", "  ", "\t", "\n", "\r", "\u{a0}", "·", " · ", "\u{2003}", "\u{85}",
                "\u{1680}", "\u{3000}", "\u{2028}", "\u{205f}", "é", " é ", "陈佳", "—", "\0",
                "\x7f", " \x7f ", "\u{a0} ",
            ] {
                for text in [
                    format!("{}{odd}{}", &line[..at], &line[at..]),
                    format!("{}{odd}", &line[..at]),
                    format!("{odd}{}", &line[at..]),
                    line[..at].to_string(),
                ] {
                    assert_eq!(single_spaced(&text), slow(&text), "{text:?}");
                }
            }
        }
    }
}
