//! The small structured markup that prep sheets and cohort reports are written in.
//!
//! Templates produce this text; [`parse`] turns it into a [`Document`] that both
//! the PDF renderer and [`to_markdown`] consume, so the same content has two outputs.
//! The crate does no I/O.
//!
//! # Syntax
//!
//! The markup is line based. Blank lines separate blocks.
//!
//! ```text
//! % title: Interview prep: Zoë Łukasiewicz
//! % author: Career Lab
//! % subject: Junior backend developer
//!
//! # Interview prep
//!
//! Score **62 / 100**, three gaps to close before *Thursday*.
//!
//! ## SQL joins {missing}
//!
//! > Built a REST API in \*Go\* with PostgreSQL
//!
//! - Read about LEFT JOIN and INNER JOIN
//! - [ ] Situation
//! - [ ] Task
//!
//! | Topic | Zoë | Ελένη |
//! |---|---|---|
//! | SQL | {listed} | {demonstrated} |
//!
//! ---
//!
//! \box
//! ### Tell me about a bug
//! \lines **S** Situation | **T** Task | **A** Action | **R** Result
//! \endbox
//!
//! \pagebreak
//! ```
//!
//! | line starts with | block |
//! |---|---|
//! | `% key: value` | metadata, only before the first block; keys `title`, `author`, `subject` |
//! | `# `, `## `, `### ` | heading of level 1 to 3 |
//! | `- ` / `- [ ] ` | list item / checkbox item; indented lines below an item continue it |
//! | `>` | quote; consecutive `>` lines are one quote |
//! | `\|` | table row; the first row is the header, a following `\|---\|---\|` row is skipped |
//! | `---` (only dashes, at least three) | horizontal rule |
//! | `\pagebreak` (the whole line) | page break |
//! | `\box` … `\endbox` | a framed box around the blocks between, never split across pages |
//! | `\columns` … `\endcolumns` | the blocks between, set in two columns |
//! | `\lines A \| B \| C` or `\lines 4` | ruled lines to write on, one group per label (or that many unlabelled) |
//! | anything else | paragraph; consecutive lines are joined with a space |
//!
//! Inline, `**bold**` and `*italic*` mark text (they do not nest), and
//! `{missing}`, `{listed}`, `{demonstrated}`, `{ok}` and `{error}` are status
//! badges. Any other `{word}` is literal text. A backslash makes the next
//! character literal: `\*`, `\{`, `\\`, `\|`, and at the start of a line `\#`,
//! `\-`, `\>` and `\%`. [`escape`] applies exactly these rules to arbitrary text.
//!
//! A box may sit inside columns, but boxes and columns do not otherwise nest, and
//! a page break cannot sit inside a box.
//!
//! Runs of ASCII whitespace inside text collapse to one space and are trimmed at
//! the ends of a block, as in HTML and Markdown. A document without `% title:`
//! is titled `Untitled`.

mod inline;
mod markdown;
mod parse;

pub use inline::escape;
pub use markdown::{escape_markdown, to_markdown};
pub use parse::parse;

use thiserror::Error;

/// A parsed markup document: metadata and a flat list of blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub blocks: Vec<Block>,
}

/// One block-level element of a [`Document`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; `level` is 1, 2 or 3.
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    List(Vec<Item>),
    /// Quoted evidence, such as lines taken from a resume.
    Quote(Vec<Span>),
    /// A table whose cells are span lists; every row has as many cells as the header.
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    Rule,
    PageBreak,
    /// A framed group of blocks kept on one page (or column): a fill-in box.
    Box(Vec<Block>),
    /// Blocks set in two columns, flowing from the left column to the right one.
    Columns(Vec<Block>),
    /// Ruled lines to write on by hand, one group per label (a label may be empty).
    Lines(Vec<Vec<Span>>),
}

/// One list item, optionally drawn with an empty checkbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub checkbox: bool,
    pub spans: Vec<Span>,
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Bold(String),
    Italic(String),
    Badge(Badge),
}

/// A status badge, written `{missing}`, `{listed}`, `{demonstrated}`, `{ok}` or `{error}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Badge {
    Missing,
    Listed,
    Demonstrated,
    Ok,
    Error,
}

impl Badge {
    /// Every badge, in the order they are documented.
    pub const ALL: [Badge; 5] = [
        Badge::Missing,
        Badge::Listed,
        Badge::Demonstrated,
        Badge::Ok,
        Badge::Error,
    ];

    /// The word written between braces, such as `missing`.
    pub fn keyword(self) -> &'static str {
        match self {
            Badge::Missing => "missing",
            Badge::Listed => "listed",
            Badge::Demonstrated => "demonstrated",
            Badge::Ok => "ok",
            Badge::Error => "error",
        }
    }

    /// The label drawn on the badge, such as `MISSING`.
    pub fn label(self) -> &'static str {
        match self {
            Badge::Missing => "MISSING",
            Badge::Listed => "LISTED",
            Badge::Demonstrated => "DEMONSTRATED",
            Badge::Ok => "OK",
            Badge::Error => "ERROR",
        }
    }

    /// The badge written as `{word}`, if `word` names one.
    pub fn from_keyword(word: &str) -> Option<Badge> {
        Badge::ALL.into_iter().find(|b| b.keyword() == word)
    }
}

impl Span {
    /// The span as plain text; a badge becomes its label.
    pub fn text(&self) -> &str {
        match self {
            Span::Text(s) | Span::Bold(s) | Span::Italic(s) => s,
            Span::Badge(b) => b.label(),
        }
    }
}

/// The plain text of a span list, badges written as their labels.
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(Span::text).collect()
}

/// Why markup could not be parsed, with the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {message}")]
pub struct MarkupError {
    pub line: usize,
    pub message: String,
}
