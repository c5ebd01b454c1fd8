//! Writing laid-out pages as PDF: content streams, subset fonts, the logo and
//! fixed metadata, serialised directly.
//!
//! Fonts are embedded as CID-keyed TrueType subsets (`Identity-H`, a ToUnicode
//! map so text extracts). A face is subset to the printable ASCII range plus the
//! characters a document draws, and the prepared objects are kept for the process:
//! in a batch, most sheets draw nothing outside that range and reuse the same
//! subset, so only their content streams are new.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use crate::PdfError;
use crate::fonts::{FaceId, fonts};
use crate::layout::{Draw, Geometry, Page, Rgb};
use crate::logo::{ImageData, Logo};
use crate::subset;

/// Metadata written into the document information dictionary.
pub(crate) struct Meta<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: Option<&'a str>,
    pub(crate) subject: Option<&'a str>,
    pub(crate) timestamp: i64,
}

/// The deflate level for page content, made for every document: the fastest
/// level, since content streams are repetitive operators that any level shrinks
/// several times over.
const CONTENT_LEVEL: u32 = 1;

/// Deflates `data` with a zlib header. Each thread keeps one compressor and resets it
/// between streams: making one allocates and clears a few hundred kilobytes of
/// tables, which cost more than compressing a sheet's page or font subset.
fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    use flate2::{Compress, Compression};
    thread_local! {
        static COMPRESSOR: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
    }
    COMPRESSOR.with_borrow_mut(|slot| {
        let compress = match slot {
            Some((made_at, compress)) if *made_at == level => {
                compress.reset();
                compress
            }
            _ => {
                &mut slot
                    .insert((level, Compress::new(Compression::new(level), true)))
                    .1
            }
        };
        subset::deflate_with(compress, data)
    })
}

/// The PDF file being assembled: object bodies in number order (1-based).
struct Writer {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl Writer {
    fn new() -> Writer {
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Writer {
            out,
            offsets: Vec::new(),
        }
    }

    /// Reserves the next object number.
    fn reserve(&mut self) -> usize {
        self.offsets.push(0);
        self.offsets.len()
    }

    fn object(&mut self, id: usize, body: &str) {
        self.offsets[id - 1] = self.out.len();
        let _ = write!(self.out, "{id} 0 obj\n{body}\nendobj\n");
    }

    fn stream(&mut self, id: usize, dict: &str, data: &[u8]) {
        self.offsets[id - 1] = self.out.len();
        let _ = write!(
            self.out,
            "{id} 0 obj\n<< {dict} /Length {} >>\nstream\n",
            data.len()
        );
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes the cross-reference table and trailer; the file identifier is a
    /// hash of everything before it, so it depends only on the content.
    fn finish(mut self, root: usize, info: usize) -> Vec<u8> {
        let id = fnv_hex(&self.out);
        let xref = self.out.len();
        let _ = write!(
            self.out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.offsets.len() + 1
        );
        for offset in &self.offsets {
            let _ = writeln!(self.out, "{offset:010} 00000 n ");
        }
        let _ = write!(
            self.out,
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1
        );
        self.out
    }
}

pub(crate) fn write(
    pages: &[Page],
    geo: Geometry,
    meta: &Meta<'_>,
    logo: Option<&Logo>,
) -> Result<Vec<u8>, PdfError> {
    let date = pdf_date(meta.timestamp).ok_or(PdfError::Timestamp(meta.timestamp))?;
    // The characters each face draws: ASCII in a table, the rest in a set.
    let mut ascii = [[false; 128]; FaceId::ALL.len()];
    let mut other: [BTreeSet<char>; FaceId::ALL.len()] = Default::default();
    let mut drawn = [false; FaceId::ALL.len()];
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Draw::Text { face, text, .. } = item {
            let f = *face as usize;
            drawn[f] = true;
            for c in text.chars() {
                match ascii[f].get_mut(c as usize) {
                    Some(seen) => *seen = true,
                    None => {
                        other[f].insert(c);
                    }
                }
            }
        }
    }
    let mut faces = Vec::with_capacity(FaceId::ALL.len());
    for face in FaceId::ALL {
        let f = face as usize;
        if !drawn[f] {
            continue;
        }
        let mut chars = std::mem::take(&mut other[f]);
        chars.extend(
            (0u8..128)
                .filter(|&b| ascii[f][usize::from(b)])
                .map(char::from),
        );
        faces.push((face, prepared(face, &chars)?));
    }
    let draws_logo = pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|d| matches!(d, Draw::Image { .. }));

    let mut w = Writer::new();
    let catalog = w.reserve();
    let pages_id = w.reserve();
    let info = w.reserve();
    let resources = w.reserve();
    w.object(
        catalog,
        &format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"),
    );
    let mut info_body = format!("<< /Title {}", text_string(meta.title));
    for (key, value) in [("Author", meta.author), ("Subject", meta.subject)] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let _ = write!(info_body, " /{key} {}", text_string(v));
        }
    }
    let _ = write!(
        info_body,
        " /Creator (toolkit) /Producer (toolkit-pdf) /CreationDate ({date}) /ModDate ({date}) >>"
    );
    w.object(info, &info_body);

    let mut font_refs = String::new();
    for (face, font) in &faces {
        let id = write_font(&mut w, *face, font);
        let _ = write!(font_refs, " /{} {id} 0 R", font_key(*face));
    }
    let mut xobjects = String::new();
    if let (true, Some(logo)) = (draws_logo, logo) {
        let id = write_image(&mut w, logo);
        let _ = write!(xobjects, " /XObject << /Logo {id} 0 R >>");
    }
    w.object(
        resources,
        &format!("<< /Font <<{font_refs} >>{xobjects} >>"),
    );

    let gids: HashMap<FaceId, &Prepared> = faces.iter().map(|(f, p)| (*f, &**p)).collect();
    let mut kids = String::new();
    for page in pages {
        let content = content_stream(page, geo.height, &gids);
        let content_id = w.reserve();
        w.stream(
            content_id,
            "/Filter /FlateDecode",
            &deflate(&content, CONTENT_LEVEL),
        );
        let page_id = w.reserve();
        w.object(
            page_id,
            &format!(
                "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {} {}] /Resources {resources} 0 R /Contents {content_id} 0 R >>",
                num(geo.width),
                num(geo.height)
            ),
        );
        let _ = write!(kids, "{page_id} 0 R ");
    }
    w.object(
        pages_id,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.trim_end(),
            pages.len()
        ),
    );
    Ok(w.finish(catalog, info))
}

/// The resource name of a face.
fn font_key(face: FaceId) -> &'static str {
    match face {
        FaceId::Regular => "F0",
        FaceId::Bold => "F1",
        FaceId::Italic => "F2",
        FaceId::Cjk => "F3",
    }
}

/// A face subset and ready to embed.
struct Prepared {
    /// Each character's glyph id in the subset.
    gids: HashMap<char, u16>,
    font_file: Cow<'static, [u8]>,
    font_len: usize,
    to_unicode: Cow<'static, [u8]>,
    widths: String,
    descriptor: String,
}

/// The prepared subset of `face` for `chars`, made once per process for each
/// distinct character set.
fn prepared(face: FaceId, chars: &BTreeSet<char>) -> Result<Arc<Prepared>, PdfError> {
    type Cache = Mutex<HashMap<(FaceId, Vec<char>), Arc<Prepared>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (
        face,
        base(face).union(chars).copied().collect::<Vec<char>>(),
    );
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(hit);
    }
    let made = Arc::new(prepare(face, &key.1)?);
    if let Ok(mut c) = cache.lock() {
        // Bounded (a few megabytes at most): a long batch of unusual names never
        // grows it without limit.
        if c.len() >= 64 {
            c.clear();
        }
        c.insert(key, Arc::clone(&made));
    }
    Ok(made)
}

/// The base characters a face has (none for the CJK face, which only ever draws what
/// the Latin faces lack).
fn base(face: FaceId) -> &'static BTreeSet<char> {
    static BASE: OnceLock<[BTreeSet<char>; FaceId::ALL.len()]> = OnceLock::new();
    &BASE.get_or_init(|| {
        FaceId::ALL.map(|f| match f {
            FaceId::Cjk => BTreeSet::new(),
            _ => subset::base_set(&fonts().face(f).ttf).into_iter().collect(),
        })
    })[face as usize]
}

/// What the build script made for a Latin face's base characters: the subset, raw and
/// deflated, and its ToUnicode map, deflated.
struct Prebuilt {
    raw: &'static [u8],
    deflated: &'static [u8],
    to_unicode: &'static [u8],
}

/// The build script's files for `face`; none for the CJK face.
fn prebuilt(face: FaceId) -> Option<Prebuilt> {
    macro_rules! made {
        ($name:literal) => {
            Some(Prebuilt {
                raw: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".subset")),
                deflated: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".subset.z")),
                to_unicode: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".tounicode.z")),
            })
        };
    }
    match face {
        FaceId::Regular => made!("regular"),
        FaceId::Bold => made!("bold"),
        FaceId::Italic => made!("italic"),
        FaceId::Cjk => None,
    }
}

fn prepare(face: FaceId, chars: &[char]) -> Result<Prepared, PdfError> {
    let err = |reason: String| PdfError::Font {
        font: face.pdf_name(),
        reason,
    };
    let face_data = fonts().face(face);
    // An English sheet draws only base characters: its subset was made at build time.
    let made = prebuilt(face).filter(|_| chars.iter().eq(base(face).iter()));
    let (bytes, font_file): (Cow<'static, [u8]>, Cow<'static, [u8]>) = match &made {
        Some(m) => (Cow::Borrowed(m.raw), Cow::Borrowed(m.deflated)),
        None => {
            let raw = subset::subset(face.bytes(), chars).map_err(err)?;
            let deflated = deflate(&raw, subset::FONT_LEVEL);
            (Cow::Owned(raw), Cow::Owned(deflated))
        }
    };
    // Read the mapping back from the subset itself rather than assume its order.
    let sub = ttf_parser::Face::parse(&bytes, 0).map_err(|e| err(e.to_string()))?;
    let scale = 1000.0 / f32::from(sub.units_per_em());
    let glyphs = subset::glyph_chars(&sub, chars);
    let gids: HashMap<char, u16> = chars
        .iter()
        .filter_map(|&c| Some((c, sub.glyph_index(c)?.0)))
        .collect();
    let mut widths = String::from("[");
    for &(gid, _) in &glyphs {
        let advance = sub.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
        let _ = write!(
            widths,
            "{gid} [{}] ",
            (f32::from(advance) * scale).round() as u16
        );
    }
    widths.push(']');
    let to_unicode = match &made {
        Some(m) => Cow::Borrowed(m.to_unicode),
        None => Cow::Owned(deflate(
            subset::to_unicode(&glyphs).as_bytes(),
            subset::FONT_LEVEL,
        )),
    };

    let ttf = &face_data.ttf;
    let s = |v: i16| (f32::from(v) * 1000.0 / f32::from(ttf.units_per_em())).round() as i32;
    let bbox = ttf.global_bounding_box();
    let italic = ttf.italic_angle();
    let flags = 32 | if italic != 0.0 { 64 } else { 0 };
    let descriptor = format!(
        "/Type /FontDescriptor /FontName /{} /Flags {flags} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} /CapHeight {} /StemV 80",
        face.pdf_name(),
        s(bbox.x_min),
        s(bbox.y_min),
        s(bbox.x_max),
        s(bbox.y_max),
        num(italic),
        s(ttf.ascender()),
        s(ttf.descender()),
        s(ttf.capital_height().unwrap_or(ttf.ascender())),
    );
    Ok(Prepared {
        gids,
        font_len: bytes.len(),
        font_file,
        to_unicode,
        widths,
        descriptor,
    })
}

/// Writes a face's five objects; returns the id of its Type0 font.
fn write_font(w: &mut Writer, face: FaceId, font: &Prepared) -> usize {
    let [type0, cid, descriptor, file, to_unicode] = [(); 5].map(|_| w.reserve());
    let name = face.pdf_name();
    w.object(
        type0,
        &format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>"
        ),
    );
    w.object(
        cid,
        &format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W {} >>",
            font.widths
        ),
    );
    w.object(
        descriptor,
        &format!("<< {} /FontFile2 {file} 0 R >>", font.descriptor),
    );
    w.stream(
        file,
        &format!("/Filter /FlateDecode /Length1 {}", font.font_len),
        &font.font_file,
    );
    w.stream(to_unicode, "/Filter /FlateDecode", &font.to_unicode);
    type0
}

/// Writes the logo (and its soft mask); returns the image's id.
fn write_image(w: &mut Writer, logo: &Logo) -> usize {
    let image = w.reserve();
    let mask = logo.alpha.as_ref().map(|alpha| {
        let id = w.reserve();
        w.stream(
            id,
            &format!(
                "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                logo.width, logo.height
            ),
            alpha,
        );
        id
    });
    let (filter, data) = match &logo.data {
        ImageData::Jpeg(bytes) => ("/DCTDecode", bytes),
        ImageData::Deflated(bytes) => ("/FlateDecode", bytes),
    };
    let space = if logo.gray {
        "/DeviceGray"
    } else {
        "/DeviceRGB"
    };
    let smask = mask.map_or(String::new(), |id| format!(" /SMask {id} 0 R"));
    w.stream(
        image,
        &format!(
            "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {space} /BitsPerComponent 8 /Filter {filter}{smask}",
            logo.width, logo.height
        ),
        data,
    );
    image
}

/// A PDF text string: literal when printable ASCII, else UTF-16BE in hex.
fn text_string(s: &str) -> String {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('(');
        for c in s.chars() {
            if matches!(c, '(' | ')' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push(')');
        return out;
    }
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// `D:YYYYMMDDHHmmSSZ` for Unix seconds, or `None` outside years 1 to 9999.
fn pdf_date(t: i64) -> Option<String> {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (1..=9999).contains(&year).then(|| {
        format!(
            "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    })
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let mut out = Vec::new();
    push_num(&mut out, v);
    String::from_utf8(out).unwrap_or_default()
}

fn push_num(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let a = hundredths.unsigned_abs();
    push_int(out, a / 100);
    let frac = a % 100;
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

fn push_int(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends numbers separated by spaces, then an operator.
fn op(out: &mut Vec<u8>, nums: &[f32], operator: &str) {
    for &n in nums {
        push_num(out, n);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

/// The content stream of one page. Colours, fonts and line widths are only set
/// when they change.
fn content_stream(page: &Page, page_h: f32, fonts: &HashMap<FaceId, &Prepared>) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(page.items.len() * 40);
    let mut fill: Option<Rgb> = None;
    let mut stroke: Option<(Rgb, f32)> = None;
    let mut font: Option<(FaceId, f32)> = None;
    for item in &page.items {
        match item {
            Draw::Text {
                x,
                baseline,
                size,
                face,
                color,
                text,
            } => {
                if fill != Some(*color) {
                    op(&mut out, color, "rg");
                    fill = Some(*color);
                }
                out.extend_from_slice(b"BT\n");
                if font != Some((*face, *size)) {
                    out.push(b'/');
                    out.extend_from_slice(font_key(*face).as_bytes());
                    out.push(b' ');
                    op(&mut out, &[*size], "Tf");
                    font = Some((*face, *size));
                }
                op(&mut out, &[1.0, 0.0, 0.0, 1.0, *x, page_h - baseline], "Tm");
                // Two bytes of glyph id per character, as a literal string: half
                // the size of hex, so less to write and to deflate.
                out.push(b'(');
                let gids = fonts.get(face);
                for c in text.chars() {
                    let gid = gids.and_then(|f| f.gids.get(&c)).copied().unwrap_or(0);
                    for b in gid.to_be_bytes() {
                        match b {
                            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                            // A raw line end in a string would be read back as `\n`.
                            b'\r' => out.extend_from_slice(b"\\r"),
                            b'\n' => out.extend_from_slice(b"\\n"),
                            _ => out.push(b),
                        }
                    }
                }
                out.extend_from_slice(b") Tj\nET\n");
            }
            Draw::Fill {
                x,
                top,
                w,
                h,
                radius,
                color,
            } => {
                if fill != Some(*color) {
                    op(&mut out, color, "rg");
                    fill = Some(*color);
                }
                let y = page_h - top - h;
                if *radius > 0.0 {
                    rounded(&mut out, *x, y, *w, *h, *radius);
                } else {
                    op(&mut out, &[*x, y, *w, *h], "re f");
                }
            }
            Draw::Stroke {
                x,
                top,
                w,
                h,
                width,
                color,
            } => {
                if stroke != Some((*color, *width)) {
                    op(&mut out, color, "RG");
                    op(&mut out, &[*width], "w");
                    stroke = Some((*color, *width));
                }
                op(&mut out, &[*x, page_h - top - h, *w, *h], "re S");
            }
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                if stroke != Some((*color, *width)) {
                    op(&mut out, color, "RG");
                    op(&mut out, &[*width], "w");
                    stroke = Some((*color, *width));
                }
                op(&mut out, &[*x1, page_h - y1], "m");
                op(&mut out, &[*x2, page_h - y2], "l S");
            }
            Draw::Image { x, top, w, h } => {
                out.extend_from_slice(b"q\n");
                op(&mut out, &[*w, 0.0, 0.0, *h, *x, page_h - top - h], "cm");
                out.extend_from_slice(b"/Logo Do\nQ\n");
            }
        }
    }
    out
}

/// A filled rectangle with corners of radius `r` (`y` is the bottom edge).
fn rounded(out: &mut Vec<u8>, x: f32, y: f32, w: f32, h: f32, r: f32) {
    let r = r.min(w / 2.0).min(h / 2.0);
    let k = r * 0.552_284_8;
    let (x1, y1) = (x + w, y + h);
    op(out, &[x + r, y], "m");
    op(out, &[x1 - r, y], "l");
    op(out, &[x1 - r + k, y, x1, y + r - k, x1, y + r], "c");
    op(out, &[x1, y1 - r], "l");
    op(out, &[x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1], "c");
    op(out, &[x + r, y1], "l");
    op(out, &[x + r - k, y1, x, y1 - r + k, x, y1 - r], "c");
    op(out, &[x, y + r], "l");
    op(out, &[x, y + r - k, x + r - k, y, x + r, y], "c");
    out.extend_from_slice(b"f\n");
}

/// Two FNV-1a hashes (different offsets) as 32 hex digits.
fn fnv_hex(bytes: &[u8]) -> String {
    let hash = |mut h: u64| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    format!(
        "{:016x}{:016x}",
        hash(0xcbf2_9ce4_8422_2325),
        hash(0x6c62_272e_07bb_0142)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_strings() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(841.888), "841.89");
        assert_eq!(num(0.004), "0");
        assert_eq!(pdf_date(0).unwrap(), "D:19700101000000Z");
        assert_eq!(pdf_date(1_741_910_400).unwrap(), "D:20250314000000Z");
        assert_eq!(pdf_date(951_782_400).unwrap(), "D:20000229000000Z");
        assert!(pdf_date(i64::MAX / 2).is_none());
        assert_eq!(text_string("a (b) \\"), "(a \\(b\\) \\\\)");
        assert_eq!(text_string("Zoë"), "<FEFF005A006F00EB>");
    }

    /// The subsets and text maps made at build time are the ones a run would make for
    /// the same characters, and a sheet that draws anything else makes its own.
    #[test]
    fn prebuilt_subsets_are_what_a_run_makes() {
        for face in [FaceId::Regular, FaceId::Bold, FaceId::Italic] {
            let Prebuilt {
                raw,
                deflated,
                to_unicode,
            } = prebuilt(face).unwrap();
            let chars: Vec<char> = base(face).iter().copied().collect();
            assert!(
                chars.len() > 90,
                "{face:?}: {} base characters",
                chars.len()
            );
            assert_eq!(
                raw,
                subset::subset(face.bytes(), &chars).unwrap().as_slice()
            );
            assert_eq!(deflated, deflate(raw, subset::FONT_LEVEL).as_slice());
            let made = prepare(face, &chars).unwrap();
            assert!(matches!(made.font_file, Cow::Borrowed(_)));
            let sub = ttf_parser::Face::parse(raw, 0).unwrap();
            let map = subset::to_unicode(&subset::glyph_chars(&sub, &chars));
            assert_eq!(to_unicode, deflate(map.as_bytes(), subset::FONT_LEVEL));
            assert!(matches!(made.to_unicode, Cow::Borrowed(_)));
            let mut more = chars.clone();
            more.push('é');
            more.sort_unstable();
            let made = prepare(face, &more).unwrap();
            assert!(matches!(made.font_file, Cow::Owned(_)));
            assert!(made.gids.contains_key(&'é'));
        }
        assert!(prebuilt(FaceId::Cjk).is_none());
    }
}
