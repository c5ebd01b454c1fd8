//! Telling file types apart by their first bytes, so a misnamed file can be read
//! with the right reader (or refused with the right reason).

use crate::Format;

/// What the bytes of a file look like, whatever its extension says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A PDF file: `%PDF-` near the start.
    Pdf,
    /// A zip archive holding `word/document.xml` (Office Open XML, `.docx`).
    Docx,
    /// A Word 2003 XML document: one flat XML file, often saved as `.doc` or `.xml`.
    WordXml,
    /// A legacy binary Word `.doc` (an OLE2 compound file), which no reader supports.
    LegacyDoc,
    /// A zip archive that is not a Word document (`.odt`, `.xlsx`, `.pages`, ...).
    OtherZip,
}

impl Sniffed {
    /// The reader for this kind of file, if there is one.
    pub fn format(self) -> Option<Format> {
        match self {
            Sniffed::Pdf => Some(Format::Pdf),
            Sniffed::Docx | Sniffed::WordXml => Some(Format::Docx),
            Sniffed::LegacyDoc | Sniffed::OtherZip => None,
        }
    }
}

const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Recognises PDF, DOCX, Word 2003 XML, legacy `.doc` and other zip archives from
/// their content; `None` for anything else (text formats are not sniffed).
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    if is_pdf(bytes) {
        return Some(Sniffed::Pdf);
    }
    if bytes.starts_with(OLE2_MAGIC) {
        return Some(Sniffed::LegacyDoc);
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return Some(if contains(bytes, b"word/document.xml") {
            Sniffed::Docx
        } else {
            Sniffed::OtherZip
        });
    }
    if is_word_xml(bytes) {
        return Some(Sniffed::WordXml);
    }
    None
}

/// PDF readers accept the header anywhere in the first kilobyte.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    contains(&bytes[..bytes.len().min(1024)], b"%PDF-")
}

pub(crate) fn is_legacy_doc(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE2_MAGIC)
}

/// Word 2003 XML starts with an XML declaration, often a processing instruction
/// naming Word, and then the `w:wordDocument` root element.
pub(crate) fn is_word_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else { return false };
    let head = &bytes[start..bytes.len().min(start + 4096)];
    head.starts_with(b"<")
        && (contains(head, b"<w:wordDocument") || contains(head, b"progid=\"Word.Document\""))
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Sniffed::Pdf));
        assert_eq!(sniff(b"\n\n%PDF-1.4"), Some(Sniffed::Pdf));
        assert_eq!(
            sniff(b"PK\x03\x04....word/document.xml...."),
            Some(Sniffed::Docx)
        );
        assert_eq!(sniff(b"PK\x03\x04....content.xml"), Some(Sniffed::OtherZip));
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Some(Sniffed::LegacyDoc)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Word.Document\"?>\n<w:wordDocument>"),
            Some(Sniffed::WordXml)
        );
        assert_eq!(sniff(b"# Jane Doe\n"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(Sniffed::WordXml.format(), Some(Format::Docx));
        assert_eq!(Sniffed::LegacyDoc.format(), None);
    }
}
