//! PDF: lopdf parses the file; the text is extracted here from the page content
//! streams with glyph positions, so lines can be rebuilt in reading order.
//!
//! Glyphs are decoded through the font's ToUnicode CMap first and its encoding
//! second, placed with the text and graphics matrices, grouped into lines by
//! baseline, ordered by x with spaces inserted at gaps, and split into two columns
//! when a page has a clear gutter. Bullets (characters or small shapes) start list
//! items, the lines of one sentence are marked as continuing it, and words broken
//! at a line end are joined. Ligatures are expanded, private-use icon glyphs are
//! dropped. PDFs without a text layer, encrypted PDFs and PDFs whose text does not
//! decode are refused rather than guessed at.

//!
//! The work is split by stage: `content` interprets the page content streams into
//! placed glyphs and bullet shapes (with `font` and `cmap` decoding them), `layout`
//! rebuilds lines and columns from positions, `clean` normalises the text and judges
//! whether it decodes, `roles` tells headings, list items and continuation lines
//! apart, and `hyphen` joins words broken at a line end.

mod clean;
mod cmap;
mod content;
mod font;
mod headings;
mod hyphen;
mod layout;
mod lexer;
mod roles;

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

use lopdf::{Document as PdfDocument, LoadOptions};

use crate::{Document, Format, Limits, RawLine, ReadError, assemble, sniff};
use clean::{Quality, clean};
use content::Extractor;
use layout::layout;
use roles::{PageLine, roles};

/// Pages after this many are not read; resumes are a few pages long.
const MAX_PAGES: usize = 50;

pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if !sniff::is_pdf(bytes) {
        return Err(ReadError::Pdf(
            "no `%PDF` header: this is not a PDF file".to_string(),
        ));
    }
    let lines = guarded(|| extract(bytes, limits))??;
    Ok(assemble(Format::Pdf, lines))
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs third-party parsing with panics turned into errors.
///
/// A panic hook is installed once per process; it stays silent for panics inside
/// this guard on this thread and hands every other panic to the hook that was there
/// before. In fuzzing builds only panics inside lopdf are silenced, so the fuzzer
/// still reports panics in this crate's own code.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, ReadError> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let quiet = QUIET.with(Cell::get);
            #[cfg(fuzzing)]
            let quiet = quiet && info.location().is_some_and(|l| l.file().contains("lopdf"));
            if !quiet {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_string());
        ReadError::Pdf(format!("the PDF parser failed: {message}"))
    })
}

fn load(bytes: &[u8], limits: &Limits) -> Result<PdfDocument, ReadError> {
    let max = usize::try_from(limits.max_inflated_bytes).unwrap_or(usize::MAX);
    let options = |password: Option<&str>| LoadOptions {
        password: password.map(str::to_string),
        max_decompressed_size: Some(max),
        ..LoadOptions::default()
    };
    let declares_encryption = |doc: &PdfDocument| doc.trailer.has(b"Encrypt");
    match PdfDocument::load_mem_with_options(bytes, options(None)) {
        Ok(doc) if !declares_encryption(&doc) => Ok(doc),
        // An encrypted file opens when its user password is empty (it only restricts
        // printing or copying); any other password is not ours to guess.
        _ if crate::sniff::contains(bytes, b"/Encrypt") => {
            let doc = PdfDocument::load_mem_with_options(bytes, options(Some("")))
                .map_err(|_| ReadError::Encrypted)?;
            if doc.encryption_state.is_none() {
                return Err(ReadError::Encrypted);
            }
            Ok(doc)
        }
        Ok(doc) => Ok(doc),
        Err(e) => Err(ReadError::Pdf(format!("{e}").to_lowercase())),
    }
}

/// Extracts the lines of every page and gives them roles.
fn extract(bytes: &[u8], limits: &Limits) -> Result<Vec<RawLine>, ReadError> {
    let doc = load(bytes, limits)?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ReadError::Pdf("the PDF has no pages".to_string()));
    }
    let mut state = Extractor::new(&doc);
    let mut lines: Vec<PageLine> = Vec::new();
    let mut quality = Quality::default();
    // The first page whose content could not be read, and why.
    let mut unreadable: Option<(u32, String)> = None;
    for (&number, &page_id) in pages.iter().take(MAX_PAGES) {
        let page = match state.page(page_id) {
            Ok(page) => page,
            Err(reason) => {
                unreadable.get_or_insert((number, reason));
                continue;
            }
        };
        for line in layout(page) {
            // A line longer than any page can hold is text drawn over itself, not
            // a resume line; it is refused as in the text formats.
            if line.text.len() > limits.max_line_chars {
                let length = line.text.chars().count();
                if length > limits.max_line_chars {
                    return Err(ReadError::LineTooLong {
                        line: lines.len() + 1,
                        length,
                        limit: limits.max_line_chars,
                    });
                }
            }
            quality.count(&line.text);
            let text = clean(&line.text);
            if text.is_empty() {
                continue;
            }
            // A plain-text resume printed as it is: a heading drawn in a box ("|
            // PROJECTS |") is read as the text reader reads it. A line of a list set
            // between bars ("| Redis | Kafka |") keeps them.
            let text = match crate::text::framed(&text) {
                Some(inner) if !inner.contains(crate::text::FRAME_SIDES) => inner.to_string(),
                _ => text,
            };
            let mut page_line = PageLine {
                page: number,
                soft_hyphen: line.text.trim_end().ends_with('\u{AD}'),
                text,
                size: line.size,
                lead_size: line.lead_size,
                x: line.x,
                x1: line.x1,
                y: line.y,
                bold: line.bold,
                bullet: line.bullet,
                mark: line.mark,
                column: line.column,
            };
            let lead = line.lead.as_deref().map(clean);
            if let Some((heading, rest)) = lead
                .as_deref()
                .and_then(|l| crate::sections::run_in_heading(&page_line.text, l))
            {
                let rest = rest.to_string();
                page_line.text = heading.to_string();
                page_line.bold = true;
                page_line.soft_hyphen = false;
                let body = PageLine {
                    text: rest,
                    bold: false,
                    soft_hyphen: line.text.trim_end().ends_with('\u{AD}'),
                    bullet: false,
                    mark: None,
                    ..page_line
                };
                lines.push(PageLine {
                    text: std::mem::take(&mut page_line.text),
                    ..page_line
                });
                lines.push(body);
                continue;
            }
            lines.push(page_line);
        }
    }
    // No text because the content could not be read is not a missing text layer.
    if lines.is_empty()
        && let Some((page, reason)) = unreadable
    {
        return Err(ReadError::Pdf(format!(
            "the content of page {page} cannot be read ({reason})"
        )));
    }
    quality.verdict()?;
    if lines.is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    Ok(roles(lines))
}
