//! Laying out markup documents and writing them as printable PDF.
//!
//! [`render`] lays out a [`toolkit_markup::Document`] on A4 or Letter pages
//! and returns the PDF bytes. Fonts are compiled in (Noto Sans for Latin,
//! Greek and Cyrillic, Droid Sans Fallback for CJK), parsed once per process
//! and subset per document. A brand (accent colour, logo, footer line) is an
//! option; a [`Logo`] is read from PNG or JPEG bytes once and embedded once per
//! document. The crate does no I/O and never reads the clock: the same document
//! and options always give the same bytes.

mod fonts;
mod layout;
mod logo;
mod subset;
#[cfg(test)]
mod tests;
mod write;

use std::sync::Arc;

use thiserror::Error;
use toolkit_markup::Document;

pub use logo::{Logo, LogoError, MAX_LOGO_BYTES, MAX_LOGO_PIXELS, MAX_LOGO_SIDE};

/// The paper size to lay out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm (595.28 × 841.89 pt).
    #[default]
    A4,
    /// 8.5 × 11 in (612 × 792 pt).
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub paper: Paper,
    /// Creation date for the metadata, in Unix seconds; `None` writes the Unix
    /// epoch, so output never depends on the clock.
    pub timestamp: Option<i64>,
    /// The colour of headings, bullets and box edges, as RGB bytes (a teal by default).
    pub accent: Option<[u8; 3]>,
    /// A logo drawn beside the first title.
    pub logo: Option<Arc<Logo>>,
    /// The footer's left-hand text; the document title when `None`.
    pub footer: Option<String>,
}

/// A rendered PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// How full each page is, from 0 (empty) to 1 (text down to the bottom margin).
    pub fill: Vec<f32>,
    /// Things the reader should know, such as characters no embedded font can
    /// draw (they are drawn as `?`).
    pub warnings: Vec<String>,
}

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PdfError {
    #[error("timestamp {0} is out of range for a PDF date")]
    Timestamp(i64),
    #[error("cannot subset font `{font}`: {reason}")]
    Font { font: &'static str, reason: String },
}

/// Lays out `doc` and writes it as PDF.
///
/// ```
/// let doc = toolkit_markup::parse("% title: Prep\n\n# Prep\n\nHello, Zoë.").unwrap();
/// let pdf = toolkit_pdf::render(&doc, &toolkit_pdf::Options::default()).unwrap();
/// assert!(pdf.bytes.starts_with(b"%PDF"));
/// assert_eq!(pdf.pages, 1);
/// ```
pub fn render(doc: &Document, opts: &Options) -> Result<Rendered, PdfError> {
    let (width, height) = opts.paper.size();
    let geo = layout::Geometry::new(width, height);
    let decor = layout::Decor {
        accent: opts.accent.map(|rgb| rgb.map(|c| f32::from(c) / 255.0)),
        logo: opts.logo.as_ref().map(|l| l.size()),
        footer: opts.footer.clone().unwrap_or_default(),
    };
    let laid = layout::layout(doc, geo, &decor);
    let meta = write::Meta {
        title: &doc.title,
        author: doc.author.as_deref(),
        subject: doc.subject.as_deref(),
        timestamp: opts.timestamp.unwrap_or(0),
    };
    let bytes = write::write(&laid.pages, geo, &meta, opts.logo.as_deref())?;
    Ok(Rendered {
        bytes,
        pages: laid.pages.len(),
        fill: laid.fill,
        warnings: laid.warnings,
    })
}
