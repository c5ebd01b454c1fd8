//! Fonts, reduced to what text extraction needs: code length, Unicode mapping and
//! glyph widths.

use std::cell::OnceCell;
use std::rc::Rc;

use lopdf::{Dictionary, Document as PdfDocument, Object};

use super::cmap::{CodeMap, parse_cmap};

/// The most bytes a font's encoding may decompress to (a `/ToUnicode` stream read
/// as the encoding of a simple font).
const MAX_ENCODING_BYTES: usize = 4 * 1024 * 1024;

/// A font, reduced to what text extraction needs.
#[derive(Default)]
pub(super) struct Font<'a> {
    pub(super) two_byte: bool,
    to_unicode: CodeMap<Rc<str>>,
    /// For simple fonts: where the encoding is read from, when a code the
    /// ToUnicode map lacks is first drawn (most fonts never need it).
    source: Option<(&'a PdfDocument, &'a Dictionary)>,
    /// The text of each code from the encoding, decoded on first need.
    encoding: OnceCell<Vec<Option<Rc<str>>>>,
    /// CID fonts with a UCS-2 CMap: the code is the character.
    ucs2: bool,
    widths: CodeMap<f32>,
    default_width: f32,
    /// Glyph space to text space (1/1000, or a Type 3 font's matrix).
    scale: f32,
    /// An icon font (Font Awesome, Phosphor, ...): its glyphs are pictures, and
    /// whatever letters they map to are not text.
    icons: bool,
    /// A bold face (by name, weight or flags).
    pub(super) bold: bool,
    /// The texts given to glyphs that have none: nothing, and U+FFFD.
    empty: Rc<str>,
    unmapped: Rc<str>,
}

impl Font<'_> {
    /// The text of a code, shared: a page draws the same code many times.
    pub(super) fn text(&self, code: u32) -> Rc<str> {
        if self.icons {
            return self.empty.clone();
        }
        if let Some(s) = self.to_unicode.get(&code) {
            return s.clone();
        }
        if let Some(s) = self.encoded(code) {
            return s;
        }
        if self.ucs2
            && let Some(c) = char::from_u32(code)
        {
            return Rc::from(c.encode_utf8(&mut [0; 4]) as &str);
        }
        self.unmapped.clone()
    }

    /// A simple font's text for a code from its encoding.
    fn encoded(&self, code: u32) -> Option<Rc<str>> {
        let (doc, dict) = self.source?;
        let table = self.encoding.get_or_init(|| {
            let Ok(encoding) = dict.get_font_encoding_with_limit(doc, MAX_ENCODING_BYTES) else {
                return Vec::new();
            };
            (0..=255u8)
                .map(|b| {
                    encoding
                        .bytes_to_string(&[b])
                        .ok()
                        .filter(|s| {
                            !s.is_empty() && !s.chars().any(|c| c.is_control() && c != '\t')
                        })
                        .map(Rc::from)
                })
                .collect()
        });
        table.get(usize::try_from(code).ok()?)?.clone()
    }

    pub(super) fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

/// Reads a font dictionary: its code length, ToUnicode map, encoding and widths.
pub(super) fn load_font<'a>(doc: &'a PdfDocument, dict: &'a Dictionary) -> Font<'a> {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let deref = |key: &[u8]| dict.get_deref(key, doc).ok();
    let base_font = deref(b"BaseFont").and_then(|o| o.as_name().ok());
    let mut font = Font {
        default_width: 500.0,
        scale: 0.001,
        icons: base_font.is_some_and(is_icon_font),
        bold: base_font.is_some_and(is_bold_name) || has_bold_descriptor(doc, dict),
        empty: Rc::from(""),
        unmapped: Rc::from("\u{FFFD}"),
        ..Font::default()
    };
    if let Some(Ok(stream)) = deref(b"ToUnicode").map(Object::as_stream)
        && let Ok(data) = stream
            .decompressed_content_with_limit(4 * 1024 * 1024)
            .or_else(|_| Ok::<_, lopdf::Error>(stream.content.clone()))
    {
        font.to_unicode = parse_cmap(&data);
    }
    if subtype == b"Type0" {
        font.two_byte = true;
        font.default_width = 1000.0;
        let encoding = deref(b"Encoding")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        font.ucs2 = encoding.windows(4).any(|w| w == b"UCS2" || w == b"UTF1");
        let descendant = deref(b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        if let Some(cid) = descendant {
            if let Some(dw) = cid.get(b"DW").ok().and_then(|o| o.as_float().ok()) {
                font.default_width = dw;
            }
            if let Some(w) = cid
                .get_deref(b"W", doc)
                .ok()
                .and_then(|o| o.as_array().ok())
            {
                font.widths = cid_widths(doc, w);
            }
        }
        return font;
    }
    // Simple fonts: one byte per code.
    if subtype == b"Type3"
        && let Some(m) = deref(b"FontMatrix").and_then(|o| o.as_array().ok())
        && let Some(a) = m.first().and_then(|o| o.as_float().ok())
        && a.is_finite()
        && a != 0.0
    {
        font.scale = a.abs();
    }
    let first = deref(b"FirstChar")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .clamp(0, 255) as u32;
    if let Some(widths) = deref(b"Widths").and_then(|o| o.as_array().ok()) {
        for (i, w) in widths.iter().take(256).enumerate() {
            if let Ok((_, w)) = doc.dereference(w)
                && let Ok(w) = w.as_float()
            {
                font.widths.insert(first + i as u32, w);
            }
        }
    }
    if let Some(missing) = deref(b"FontDescriptor")
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| o.as_float().ok())
        .filter(|w| *w > 0.0)
    {
        font.default_width = missing;
    } else if font.widths.is_empty() {
        // The standard 14 fonts come without widths; an average keeps gaps sane.
        font.default_width = 550.0;
        font.widths.insert(32, 278.0);
    }
    font.source = Some((doc, dict));
    font
}

/// Bold faces by name (after the subset tag and the family): `Arial-BoldMT`,
/// `LiberationSans-Bold`, `Arial,Bold`, `Inter-SemiBold`, `Roboto-Black`, and
/// `LibertinusSerif-Bold-Identity-H` as Typst names its CID fonts, `ArialBold`.
fn is_bold_name(name: &[u8]) -> bool {
    let name = String::from_utf8_lossy(name).to_lowercase();
    let name = name.rsplit('+').next().unwrap_or("");
    let words = ["bold", "black", "heavy", "semibold", "demi"];
    let mut parts = name.split(['-', ',']);
    let family = parts.next().unwrap_or("");
    // Without a separator the style is glued to the family: `ArialBold`.
    parts.any(|style| words.iter().any(|w| style.contains(w)))
        || words.iter().any(|w| family.find(w).is_some_and(|i| i > 0))
}

/// A font descriptor that says bold: a weight of 600 or more, or the ForceBold flag.
fn has_bold_descriptor(doc: &PdfDocument, dict: &Dictionary) -> bool {
    let descriptor = |d: &Dictionary| {
        d.get_deref(b"FontDescriptor", doc)
            .ok()
            .and_then(|o| o.as_dict().ok())
            .map(|fd| {
                let weight = fd.get(b"FontWeight").and_then(Object::as_float).ok();
                let flags = fd.get(b"Flags").and_then(Object::as_i64).ok();
                weight.is_some_and(|w| w >= 600.0) || flags.is_some_and(|f| f & (1 << 18) != 0)
            })
    };
    let descendant = dict
        .get_deref(b"DescendantFonts", doc)
        .ok()
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    descriptor(dict)
        .or_else(|| descendant.and_then(descriptor))
        .unwrap_or(false)
}

/// Icon fonts by name (after the subset tag): Font Awesome, Phosphor, Simple
/// Icons, marvosym, academicons and the like.
fn is_icon_font(name: &[u8]) -> bool {
    let name = String::from_utf8_lossy(name).to_lowercase();
    [
        "awesome",
        "phosphor",
        "icons",
        "marvosym",
        "academicons",
        "octicons",
    ]
    .iter()
    .any(|w| name.contains(w))
}

/// Reads a CID font's `W` array: `c [w1 w2 ...]` and `c_first c_last w` entries.
fn cid_widths(doc: &PdfDocument, w: &[Object]) -> CodeMap<f32> {
    let mut widths = CodeMap::default();
    let value = |o: &Object| doc.dereference(o).ok().and_then(|(_, o)| o.as_float().ok());
    let mut i = 0;
    while i < w.len() && widths.len() < 65_536 {
        let Some(start) = value(&w[i]) else { break };
        let start = start.max(0.0) as u32;
        match w
            .get(i + 1)
            .and_then(|o| doc.dereference(o).ok())
            .map(|(_, o)| o)
        {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().take(65_536).enumerate() {
                    if let Some(v) = value(v) {
                        widths.insert(start + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(end) => {
                let (Ok(end), Some(v)) = (end.as_float(), w.get(i + 2).and_then(value)) else {
                    break;
                };
                let end = (end.max(0.0) as u32).min(start.saturating_add(65_535));
                for code in start..=end {
                    widths.insert(code, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_faces_by_name() {
        assert!(is_bold_name(b"ABCDEF+LiberationSans-Bold"));
        assert!(is_bold_name(b"Arial,Bold"));
        assert!(is_bold_name(b"Inter-SemiBold"));
        assert!(is_bold_name(b"OUSPZY+LibertinusSerif-Bold-Identity-H"));
        assert!(!is_bold_name(b"ETEFXN+LibertinusSerif-Regular-Identity-H"));
        assert!(!is_bold_name(b"ABCDEF+LiberationSans"));
        assert!(!is_bold_name(b"BoldonseRegular-Italic"));
        assert!(is_bold_name(b"ArialBold"));
        assert!(!is_bold_name(b"ArialRegular"));
    }
}
