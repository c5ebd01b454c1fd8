//! Interpreting page content streams: text and graphics state, text-showing
//! operators and form XObjects, into glyphs placed on the page.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId, StringFormat};

use super::font::{Font, load_font};
use super::lexer::{Lexer, Operand};

/// The most bytes one page's content streams (or one form's) may decode to.
pub(super) const MAX_CONTENT_BYTES: usize = 16 * 1024 * 1024;
/// The most content-stream operations interpreted over the whole document.
const MAX_OPERATIONS: usize = 4_000_000;
/// The most glyphs kept over the whole document.
const MAX_GLYPHS: usize = 1_000_000;
/// How deep form XObjects may nest, and how many may be drawn in all.
const MAX_FORM_DEPTH: usize = 8;
const MAX_FORMS: usize = 10_000;

/// A 2D affine matrix `[a b c d e f]` as PDF writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The first six of some numbers, if they are all finite.
    fn from_numbers(numbers: impl Iterator<Item = f32>) -> Option<Matrix> {
        let mut m = [0.0; 6];
        let mut n = 0;
        for (slot, value) in m.iter_mut().zip(numbers) {
            *slot = value;
            n += 1;
        }
        (n == 6 && m.iter().all(|x| x.is_finite())).then_some(Matrix(m))
    }
}

#[derive(Clone)]
struct GraphicsState<'a> {
    ctm: Matrix,
    font: Option<Rc<Font<'a>>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for GraphicsState<'_> {
    fn default() -> Self {
        GraphicsState {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// One glyph placed on the page, in user space.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// The glyph's text, shared with the font's map (a code can map to a few
    /// characters, and a page draws the same code many times).
    pub(super) text: Rc<str>,
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    /// Set in a bold face.
    pub(super) bold: bool,
}

/// A small filled or stroked shape: a list bullet drawn as a path (Chromium and
/// wkhtmltopdf draw a disc, a circle or a square instead of a bullet character).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Mark {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y0: f32,
    pub(super) y1: f32,
}

/// What one page draws: its glyphs and its bullet-sized shapes.
#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) marks: Vec<Mark>,
}

/// Shapes up to this size (in points, each side) may be bullets.
const MARK_MAX: f32 = 10.0;
/// The most bullet-sized shapes kept on a page.
const MAX_MARKS: usize = 10_000;
/// Glyphs smaller than this (in points) cannot be read on paper.
const MIN_GLYPH_SIZE: f32 = 1.0;

/// Interprets the pages of one document, with its fonts loaded once and its work
/// bounded over all pages.
pub(super) struct Extractor<'a> {
    doc: &'a PdfDocument,
    /// Open marked-content sequences; those with `/ActualText` replace the text of
    /// the glyphs they hold (Typst marks a soft hyphen this way). The flag says
    /// whether the replacement was already given to a glyph.
    marked: Vec<Option<(Rc<str>, bool)>>,
    fonts: HashMap<usize, Rc<Font<'a>>>,
    operations: usize,
    forms: usize,
    glyphs: usize,
    /// The visible area of the current page (`x0, y0, x1, y1`): text drawn outside
    /// it is not on the paper.
    bounds: [f32; 4],
}

impl<'a> Extractor<'a> {
    pub(super) fn new(doc: &'a PdfDocument) -> Extractor<'a> {
        Extractor {
            doc,
            marked: Vec::new(),
            fonts: HashMap::new(),
            operations: 0,
            forms: 0,
            glyphs: 0,
            bounds: [
                f32::NEG_INFINITY,
                f32::NEG_INFINITY,
                f32::INFINITY,
                f32::INFINITY,
            ],
        }
    }

    /// What one page draws. A page whose content cannot be decoded is an error
    /// that says why; the caller decides whether the other pages make up for it.
    pub(super) fn page(&mut self, page_id: ObjectId) -> Result<Page, String> {
        let content = self
            .doc
            .get_page_content_with_limit(page_id, MAX_CONTENT_BYTES)
            .map_err(|e| content_error(&e))?;
        if content.iter().all(u8::is_ascii_whitespace)
            && let Some(reason) = self.broken_contents(page_id)
        {
            return Err(reason);
        }
        self.marked.clear();
        self.bounds = self.page_box(page_id);
        let resources = self.page_resources(page_id);
        let mut page = Page::default();
        let mut seen = HashSet::new();
        self.run(
            &content,
            &resources,
            GraphicsState::default(),
            0,
            &mut page,
            &mut seen,
        );
        Ok(page)
    }

    /// Why a page that names content streams has none: a stream object that is
    /// missing or could not be parsed (a `/Length` no file can have, for one).
    fn broken_contents(&self, page_id: ObjectId) -> Option<String> {
        let page = self.doc.get_dictionary(page_id).ok()?;
        let refs: Vec<ObjectId> = match page.get(b"Contents").ok()? {
            Object::Reference(id) => vec![*id],
            Object::Array(items) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
            _ => Vec::new(),
        };
        refs.into_iter()
            .find_map(|id| match self.doc.get_object(id) {
                Ok(Object::Stream(_)) => None,
                Ok(_) => Some(format!("object {} {} is not a content stream", id.0, id.1)),
                Err(_) => Some(format!(
                    "its content stream (object {} {}) is damaged or missing",
                    id.0, id.1
                )),
            })
    }

    /// The page's crop box (else media box), inherited from its parents, widened by
    /// a margin; unbounded when the page states none.
    fn page_box(&self, page_id: ObjectId) -> [f32; 4] {
        let unbounded = [
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
            f32::INFINITY,
            f32::INFINITY,
        ];
        let mut node = self.doc.get_dictionary(page_id).ok();
        for _ in 0..32 {
            let Some(dict) = node else { break };
            for key in [&b"CropBox"[..], b"MediaBox"] {
                let corners: Option<Vec<f32>> = dict
                    .get_deref(key, self.doc)
                    .and_then(Object::as_array)
                    .ok()
                    .map(|a| a.iter().filter_map(|o| o.as_float().ok()).collect());
                if let Some(&[a, b, c, d]) = corners.as_deref()
                    && [a, b, c, d].iter().all(|v| v.is_finite())
                {
                    // Text a little outside the box (a bleed) still counts.
                    let margin = 72.0;
                    return [
                        a.min(c) - margin,
                        b.min(d) - margin,
                        a.max(c) + margin,
                        b.max(d) + margin,
                    ];
                }
            }
            node = dict
                .get(b"Parent")
                .and_then(Object::as_reference)
                .and_then(|id| self.doc.get_dictionary(id))
                .ok();
        }
        unbounded
    }

    /// The page's resource dictionaries, nearest first (inherited ones after).
    fn page_resources(&self, page_id: ObjectId) -> Vec<&'a Dictionary> {
        let Ok((own, inherited)) = self.doc.get_page_resources(page_id) else {
            return Vec::new();
        };
        own.into_iter()
            .chain(
                inherited
                    .into_iter()
                    .filter_map(|id| self.doc.get_dictionary(id).ok()),
            )
            .collect()
    }

    fn lookup(&self, resources: &[&'a Dictionary], kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        resources.iter().find_map(|res| {
            let group = res.get(kind).ok()?;
            let (_, group) = self.doc.dereference(group).ok()?;
            let entry = group.as_dict().ok()?.get(name).ok()?;
            Some(entry)
        })
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<Rc<Font<'a>>> {
        let obj = self.lookup(resources, b"Font", name)?;
        let (_, obj) = self.doc.dereference(obj).ok()?;
        let dict = obj.as_dict().ok()?;
        let key = dict as *const Dictionary as usize;
        if let Some(font) = self.fonts.get(&key) {
            return Some(font.clone());
        }
        let font = Rc::new(load_font(self.doc, dict));
        self.fonts.insert(key, font.clone());
        Some(font)
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        mut gs: GraphicsState<'a>,
        depth: usize,
        out: &mut Page,
        seen: &mut HashSet<ObjectId>,
    ) {
        let mut stack: Vec<GraphicsState<'a>> = Vec::new();
        // The bounding box of the path being built, in user space.
        let mut path: Option<Mark> = None;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Operations are decoded one at a time: a huge stream never sits in memory
        // as a list, and a syntax error keeps what came before it.
        let mut lexer = Lexer::new(content);
        while let Some(op) = lexer.next() {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.glyphs > MAX_GLYPHS {
                return;
            }
            match op.operator {
                b"q" if stack.len() < 64 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from_numbers(op.numbers()) {
                        gs.ctm = m.then(gs.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    gs.font = op.name(0).and_then(|name| self.font(resources, name));
                    gs.size = op.number(1).unwrap_or(0.0);
                }
                b"Td" | b"TD" => {
                    if let (Some(x), Some(y)) = (op.number(0), op.number(1)) {
                        if op.operator == b"TD" {
                            gs.leading = -y;
                        }
                        tlm = Matrix::translate(x, y).then(tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_numbers(op.numbers()) {
                        tm = m;
                        tlm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                b"TL" => gs.leading = op.number(0).unwrap_or(0.0),
                b"Tc" => gs.char_spacing = op.number(0).unwrap_or(0.0),
                b"Tw" => gs.word_spacing = op.number(0).unwrap_or(0.0),
                b"Tz" => gs.horizontal_scale = op.number(0).unwrap_or(100.0) / 100.0,
                b"Ts" => gs.rise = op.number(0).unwrap_or(0.0),
                b"Tj" => {
                    if let Some(s) = op.operands.first().and_then(|o| op.string(o)) {
                        self.show(s, &gs, &mut tm, out);
                    }
                }
                b"'" | b"\"" => {
                    if op.operator == b"\"" {
                        gs.word_spacing = op.number(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = op.number(1).unwrap_or(gs.char_spacing);
                    }
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                    if let Some(s) = op.operands.last().and_then(|o| op.string(o)) {
                        self.show(s, &gs, &mut tm, out);
                    }
                }
                b"TJ" => {
                    let Some(items) = op.array(0) else {
                        continue;
                    };
                    for item in items {
                        match item {
                            Operand::String(_) => {
                                if let Some(s) = op.string(item) {
                                    self.show(s, &gs, &mut tm, out);
                                }
                            }
                            Operand::Number(n) if n.is_finite() => {
                                let tx = -n / 1000.0 * gs.size * gs.horizontal_scale;
                                tm = Matrix::translate(tx, 0.0).then(tm);
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = op.name(0) {
                        self.draw_xobject(resources, name, &gs, depth, out, seen);
                    }
                }
                b"BMC" | b"BDC" if self.marked.len() < 64 => {
                    let actual = op.actual_text(1).and_then(|t| {
                        lopdf::decode_text_string(&Object::String(
                            t.to_vec(),
                            StringFormat::Literal,
                        ))
                        .ok()
                    });
                    self.marked.push(actual.map(|t| (Rc::from(t), false)));
                }
                b"EMC" => {
                    self.marked.pop();
                }
                b"m" | b"l" | b"c" | b"v" | b"y" => {
                    let mut numbers = op.numbers().filter(|v| v.is_finite());
                    while let (Some(x), Some(y)) = (numbers.next(), numbers.next()) {
                        extend(&mut path, gs.ctm.apply(x, y));
                    }
                }
                b"re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) =
                        (op.number(0), op.number(1), op.number(2), op.number(3))
                    {
                        for (px, py) in [(x, y), (x + w, y + h)] {
                            extend(&mut path, gs.ctm.apply(px, py));
                        }
                    }
                }
                b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"S" | b"s" => {
                    if let Some(mark) = path.take()
                        && is_bullet_sized(&mark)
                        && out.marks.len() < MAX_MARKS
                    {
                        out.marks.push(mark);
                    }
                }
                b"n" => path = None,
                _ => {}
            }
        }
    }

    fn draw_xobject(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
        gs: &GraphicsState<'a>,
        depth: usize,
        out: &mut Page,
        seen: &mut HashSet<ObjectId>,
    ) {
        let Some(obj) = self.lookup(resources, b"XObject", name) else {
            return;
        };
        let Ok((id, obj)) = self.doc.dereference(obj) else {
            return;
        };
        let Ok(stream) = obj.as_stream() else {
            return;
        };
        // Images carry no text; only forms are drawn.
        if let Ok(b"Form") = stream.dict.get(b"Subtype").and_then(Object::as_name) {
            self.forms += 1;
            if depth >= MAX_FORM_DEPTH || self.forms > MAX_FORMS {
                return;
            }
            // A form that draws itself would recurse forever.
            if let Some(id) = id
                && !seen.insert(id)
            {
                return;
            }
            let Ok(content) = stream.decompressed_content_with_limit(MAX_CONTENT_BYTES) else {
                if let Some(id) = id {
                    seen.remove(&id);
                }
                return;
            };
            let mut inner = gs.clone();
            if let Some(m) = stream
                .dict
                .get(b"Matrix")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| Matrix::from_numbers(a.iter().filter_map(|o| o.as_float().ok())))
            {
                inner.ctm = m.then(inner.ctm);
            }
            let own = stream
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| self.doc.dereference(r).ok())
                .and_then(|(_, r)| r.as_dict().ok());
            let mut res: Vec<&'a Dictionary> = own.into_iter().collect();
            res.extend_from_slice(resources);
            self.run(&content, &res, inner, depth + 1, out, seen);
            if let Some(id) = id {
                seen.remove(&id);
            }
        }
    }

    /// Places the glyphs of one shown string and advances the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GraphicsState<'a>, tm: &mut Matrix, out: &mut Page) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let codes: Vec<u32> = if font.two_byte {
            bytes
                .chunks_exact(2)
                .map(|c| u32::from(c[0]) << 8 | u32::from(c[1]))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        };
        for code in codes {
            let render = Matrix([
                gs.size * gs.horizontal_scale,
                0.0,
                0.0,
                gs.size,
                0.0,
                gs.rise,
            ])
            .then(*tm)
            .then(gs.ctm);
            let [a, b, c, d, ..] = render.0;
            let (x, y) = render.apply(0.0, 0.0);
            let mut advance = font.width(code) * gs.size + gs.char_spacing;
            if !font.two_byte && code == 32 {
                advance += gs.word_spacing;
            }
            advance *= gs.horizontal_scale;
            *tm = Matrix::translate(advance, 0.0).then(*tm);
            let (x_end, _) = Matrix::IDENTITY.then(*tm).then(gs.ctm).apply(0.0, 0.0);
            // Rotated text (vertical labels in margins) cannot join horizontal lines.
            let horizontal = a.abs() > 1e-3 && b.abs() <= a.abs() * 0.1 && c.abs() <= d.abs() * 0.1;
            let size = (c * c + d * d).sqrt();
            if !horizontal || !x.is_finite() || !y.is_finite() || !size.is_finite() {
                continue;
            }
            // Text off the paper or too small to read is not part of the page a
            // reader sees (and a long run of it would only cost time).
            let [bx0, by0, bx1, by1] = self.bounds;
            if size < MIN_GLYPH_SIZE || x < bx0 || x > bx1 || y < by0 || y > by1 {
                continue;
            }
            self.glyphs += 1;
            if self.glyphs > MAX_GLYPHS {
                return;
            }
            let x1 = if x_end.is_finite() && x_end >= x {
                x_end
            } else {
                x
            };
            out.glyphs.push(Glyph {
                text: match self.marked.iter_mut().rev().find_map(Option::as_mut) {
                    Some((actual, given)) => {
                        if std::mem::replace(given, true) {
                            Rc::from("")
                        } else {
                            actual.clone()
                        }
                    }
                    None => font.text(code),
                },
                x0: x,
                x1,
                y,
                size,
                bold: font.bold,
            });
        }
    }
}

/// Grows a path's bounding box by a point.
fn extend(path: &mut Option<Mark>, (x, y): (f32, f32)) {
    if !(x.is_finite() && y.is_finite()) {
        return;
    }
    let m = path.get_or_insert(Mark {
        x0: x,
        x1: x,
        y0: y,
        y1: y,
    });
    m.x0 = m.x0.min(x);
    m.x1 = m.x1.max(x);
    m.y0 = m.y0.min(y);
    m.y1 = m.y1.max(y);
}

/// A bullet is small and roughly as wide as it is high: rules, borders and
/// backgrounds are not.
fn is_bullet_sized(m: &Mark) -> bool {
    let (w, h) = (m.x1 - m.x0, m.y1 - m.y0);
    (1.0..=MARK_MAX).contains(&w) && (1.0..=MARK_MAX).contains(&h) && w <= h * 2.0 && h <= w * 2.0
}

/// Why a page's content cannot be read, in words.
fn content_error(e: &lopdf::Error) -> String {
    format!("{e}").to_lowercase()
}
