//! PDF: lopdf parses the file; the text is extracted here from the page content
//! streams with glyph positions, so lines can be rebuilt in reading order.
//!
//! Glyphs are decoded through the font's ToUnicode CMap first and its encoding
//! second, placed with the text and graphics matrices, grouped into lines by
//! baseline, ordered by x with spaces inserted at gaps, and split into two columns
//! when a page has a clear gutter. Ligatures are expanded, soft hyphens and
//! private-use icon glyphs are dropped. Words hyphenated across a line break are
//! left as two lines. PDFs without a text layer, encrypted PDFs and PDFs whose text
//! does not decode are refused rather than guessed at.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Once;

use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDocument, LoadOptions, Object, ObjectId};

use crate::{Document, Format, Limits, RawLine, ReadError, Role, assemble, sniff};

/// Pages after this many are not read; resumes are a few pages long.
const MAX_PAGES: usize = 50;
/// The most bytes one page's content streams may decode to.
const MAX_CONTENT_BYTES: usize = 16 * 1024 * 1024;
/// The most content-stream operations interpreted over the whole document.
const MAX_OPERATIONS: usize = 4_000_000;
/// The most glyphs kept over the whole document.
const MAX_GLYPHS: usize = 1_000_000;
/// How deep form XObjects may nest, and how many may be drawn in all.
const MAX_FORM_DEPTH: usize = 8;
const MAX_FORMS: usize = 10_000;
/// Lines up to this many characters may be headings.
const SHORT_LINE: usize = 60;

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
        _ if contains(bytes, b"/Encrypt") => {
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

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Extracts the lines of every page and gives them roles.
fn extract(bytes: &[u8], limits: &Limits) -> Result<Vec<RawLine>, ReadError> {
    let doc = load(bytes, limits)?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ReadError::Pdf("the PDF has no pages".to_string()));
    }
    let mut state = Extractor {
        doc: &doc,
        marked: Vec::new(),
        fonts: HashMap::new(),
        operations: 0,
        forms: 0,
        glyphs: 0,
        images: 0,
    };
    let mut lines: Vec<PageLine> = Vec::new();
    let mut quality = Quality::default();
    for (&number, &page_id) in pages.iter().take(MAX_PAGES) {
        state.marked.clear();
        let glyphs = state.page(page_id)?;
        for line in layout(glyphs) {
            quality.count(&line.text);
            let text = clean(&line.text);
            if !text.is_empty() {
                lines.push(PageLine {
                    page: number,
                    text,
                    size: line.size,
                    x: line.x,
                });
            }
        }
    }
    quality.verdict(state.images)?;
    if lines.is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    Ok(roles(lines))
}

/// Counts decodable and undecodable characters to tell garbled text from icons.
#[derive(Debug, Default)]
struct Quality {
    good: usize,
    bad: usize,
}

impl Quality {
    fn count(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_alphanumeric() {
                self.good += 1;
            } else if is_private_use(c) || c == '\u{FFFD}' || (c.is_control() && c != '\t') {
                self.bad += 1;
            }
        }
    }

    fn verdict(&self, images: usize) -> Result<(), ReadError> {
        if self.good == 0 && self.bad == 0 {
            // Nothing drawn as text: a scan, or text turned into outlines.
            let _ = images;
            return Err(ReadError::NoTextLayer);
        }
        if self.bad * 10 > (self.good + self.bad) * 3 {
            let share = self.bad * 100 / (self.good + self.bad);
            return Err(ReadError::Garbled(format!(
                "{share}% of the characters have no Unicode mapping"
            )));
        }
        Ok(())
    }
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// Expands ligatures, drops soft hyphens, icons and control characters, and
/// collapses whitespace.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{AD}' | '\u{FFFD}' => {}
            c if is_private_use(c) => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    // Dot leaders (". . . . .") between a heading and a rule carry nothing.
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for w in words {
        if w == "." && kept.last().is_some_and(|l| l.ends_with('.')) {
            continue;
        }
        kept.push(w);
    }
    kept.join(" ")
}

struct PageLine {
    page: u32,
    text: String,
    size: f32,
    /// The left edge, in points.
    x: f32,
}

/// Gives lines roles from font size: the one largest line on page 1 is the title
/// (the name); lines in a size tier that holds known section names are headings.
/// When there is such a tier, other lines are body text (an employer called
/// "Southwestern University" is not an Education heading); otherwise short lines
/// may be headings. Lines that start with a bullet are list items.
fn roles(lines: Vec<PageLine>) -> Vec<RawLine> {
    let tier = |size: f32| (size * 2.0).round() as i32;
    let mut weight: HashMap<i32, usize> = HashMap::new();
    for line in &lines {
        *weight.entry(tier(line.size)).or_default() += line.text.chars().count();
    }
    let body = weight
        .iter()
        .max_by_key(|&(t, w)| (*w, -*t))
        .map(|(&t, _)| t)
        .unwrap_or(0);
    let bigger = |t: i32| t as f32 >= body as f32 * 1.12 && t > body;
    let short = |text: &str| text.chars().count() <= SHORT_LINE;

    // A size tier holds section headings when a good share of its lines name known
    // sections; a tier of job titles where one says "Project 1" does not.
    let mut tiers: HashMap<i32, (usize, usize)> = HashMap::new();
    for line in lines
        .iter()
        .filter(|l| bigger(tier(l.size)) && short(&l.text))
    {
        let entry = tiers.entry(tier(line.size)).or_default();
        entry.0 += 1;
        if crate::classify_heading(&line.text).is_some() {
            entry.1 += 1;
        }
    }
    let mut section_tiers: Vec<i32> = tiers
        .into_iter()
        .filter(|&(_, (all, known))| known > 0 && known * 5 >= all * 2)
        .map(|(t, _)| t)
        .collect();
    section_tiers.sort_unstable_by(|a, b| b.cmp(a));

    let first_page = lines.first().map(|l| l.page).unwrap_or(1);
    let title = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.page == first_page && short(&l.text))
        .max_by(|(_, a), (_, b)| a.size.total_cmp(&b.size))
        .filter(|(_, l)| {
            let t = tier(l.size);
            t as f32 >= body as f32 * 1.3
                && !section_tiers.contains(&t)
                && lines.iter().filter(|o| tier(o.size) == t).count() == 1
        })
        .map(|(i, _)| i);

    let xs: Vec<f32> = lines.iter().map(|l| l.x).collect();
    let mut raw = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let t = tier(line.size);
            let (text, bullet) = strip_bullet(&line.text);
            let role = if bullet {
                Role::ListItem(1)
            } else if Some(i) == title {
                Role::Title
            } else if let Some(rank) = section_tiers.iter().position(|&s| s == t)
                && short(&line.text)
            {
                Role::Heading((rank as u8 + 2).min(3))
            } else if short(&line.text) && section_tiers.is_empty() {
                // Without headings set apart by size, a short line may be one.
                Role::MaybeHeading
            } else {
                Role::Body
            };
            RawLine {
                number: i as u32 + 1,
                page: Some(line.page),
                text: text.to_string(),
                role,
                continues: false,
            }
        })
        .collect::<Vec<_>>();
    mark_continuations(&mut raw, &xs);
    raw
}

/// A body line right after a bullet (or after such a line) on the same page carries
/// on the bullet's sentence when it starts to the right of the bullet (the hanging
/// indent of a wrapped item) or in lower case.
fn mark_continuations(raw: &mut [RawLine], xs: &[f32]) {
    let mut item_x = None;
    for i in 0..raw.len() {
        if !raw[i].continues && matches!(raw[i].role, Role::ListItem(_)) {
            item_x = Some(xs[i]);
        }
        if i == 0 {
            continue;
        }
        let (before, rest) = raw.split_at_mut(i);
        let (prev, line) = (&before[i - 1], &mut rest[0]);
        let indented = item_x.is_some_and(|x| xs[i] > x + 1.0);
        let lower = line.text.chars().next().is_some_and(char::is_lowercase);
        if let Role::ListItem(depth) = prev.role
            && line.role == Role::Body
            && line.page == prev.page
            && (indented || lower)
        {
            line.role = Role::ListItem(depth);
            line.continues = true;
        } else if !matches!(line.role, Role::ListItem(_)) {
            item_x = None;
        }
    }
}

/// Splits a leading bullet glyph (`•`, `◦`, `▪`, ...) off a line.
fn strip_bullet(text: &str) -> (&str, bool) {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (
            Some('•' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□' | '►' | '▸' | '➢' | '‣' | '∙' | '⋄'),
            Some(' '),
        ) => (chars.as_str().trim_start(), true),
        _ => (text, false),
    }
}

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

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        let v: Vec<f32> = ops.iter().filter_map(|o| o.as_float().ok()).collect();
        let m: [f32; 6] = v.get(..6)?.try_into().ok()?;
        m.iter().all(|x| x.is_finite()).then_some(Matrix(m))
    }
}

/// A font, reduced to what text extraction needs.
#[derive(Debug, Default)]
struct Font {
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    /// For simple fonts: the text of each code from the font's encoding.
    encoding: Vec<Option<String>>,
    /// CID fonts with a UCS-2 CMap: the code is the character.
    ucs2: bool,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space (1/1000, or a Type 3 font's matrix).
    scale: f32,
    /// An icon font (Font Awesome, Phosphor, ...): its glyphs are pictures, and
    /// whatever letters they map to are not text.
    icons: bool,
}

impl Font {
    fn text(&self, code: u32) -> String {
        if self.icons {
            return String::new();
        }
        if let Some(s) = self.to_unicode.get(&code) {
            return s.clone();
        }
        if let Some(Some(s)) = self.encoding.get(code as usize) {
            return s.clone();
        }
        if self.ucs2
            && let Some(c) = char::from_u32(code)
        {
            return c.to_string();
        }
        '\u{FFFD}'.to_string()
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

#[derive(Debug, Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for GraphicsState {
    fn default() -> GraphicsState {
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
struct Glyph {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

struct Extractor<'a> {
    doc: &'a PdfDocument,
    /// Open marked-content sequences; those with `/ActualText` replace the text of
    /// the glyphs they hold (Typst marks a soft hyphen this way). The flag says
    /// whether the replacement was already given to a glyph.
    marked: Vec<Option<(String, bool)>>,
    fonts: HashMap<usize, Rc<Font>>,
    operations: usize,
    forms: usize,
    glyphs: usize,
    images: usize,
}

impl<'a> Extractor<'a> {
    fn page(&mut self, page_id: ObjectId) -> Result<Vec<Glyph>, ReadError> {
        let content = match self
            .doc
            .get_page_content_with_limit(page_id, MAX_CONTENT_BYTES)
        {
            Ok(c) => c,
            // A page whose content cannot be decoded contributes no text; the
            // document is judged on what the other pages hold.
            Err(_) => return Ok(Vec::new()),
        };
        let resources = self.page_resources(page_id);
        let mut glyphs = Vec::new();
        let mut seen = HashSet::new();
        self.run(
            &content,
            &resources,
            GraphicsState::default(),
            0,
            &mut glyphs,
            &mut seen,
        );
        Ok(glyphs)
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

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<Rc<Font>> {
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
        mut gs: GraphicsState,
        depth: usize,
        out: &mut Vec<Glyph>,
        seen: &mut HashSet<ObjectId>,
    ) {
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Operations are decoded one at a time: a huge stream never sits in memory
        // as a list, and a syntax error keeps what came before it.
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.glyphs > MAX_GLYPHS {
                return;
            }
            let ops = &op.operands;
            let num = |i: usize| {
                ops.get(i)
                    .and_then(|o| o.as_float().ok())
                    .filter(|v| v.is_finite())
            };
            match op.operator.as_str() {
                "q" if stack.len() < 64 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(ops) {
                        gs.ctm = m.then(gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.font = ops
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| self.font(resources, name));
                    gs.size = num(1).unwrap_or(0.0);
                }
                "Td" | "TD" => {
                    if let (Some(x), Some(y)) = (num(0), num(1)) {
                        if op.operator == "TD" {
                            gs.leading = -y;
                        }
                        tlm = Matrix::translate(x, y).then(tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(ops) {
                        tm = m;
                        tlm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                "TL" => gs.leading = num(0).unwrap_or(0.0),
                "Tc" => gs.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = num(0).unwrap_or(0.0),
                "Tz" => gs.horizontal_scale = num(0).unwrap_or(100.0) / 100.0,
                "Ts" => gs.rise = num(0).unwrap_or(0.0),
                "Tj" => {
                    if let Some(Ok(s)) = ops.first().map(Object::as_str) {
                        self.show(s, &gs, &mut tm, out);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = num(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = num(1).unwrap_or(gs.char_spacing);
                    }
                    tlm = Matrix::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                    if let Some(Ok(s)) = ops.last().map(Object::as_str) {
                        self.show(s, &gs, &mut tm, out);
                    }
                }
                "TJ" => {
                    let Some(Ok(items)) = ops.first().map(Object::as_array) else {
                        continue;
                    };
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s, &gs, &mut tm, out),
                            other => {
                                if let Ok(n) = other.as_float()
                                    && n.is_finite()
                                {
                                    let tx = -n / 1000.0 * gs.size * gs.horizontal_scale;
                                    tm = Matrix::translate(tx, 0.0).then(tm);
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = ops.first().and_then(|o| o.as_name().ok()) {
                        self.draw_xobject(resources, name, &gs, depth, out, seen);
                    }
                }
                "BI" | "EI" => self.images += 1,
                "BMC" | "BDC" if self.marked.len() < 64 => {
                    let actual = ops
                        .get(1)
                        .and_then(|o| self.doc.dereference(o).ok())
                        .and_then(|(_, o)| o.as_dict().ok())
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|t| lopdf::decode_text_string(t).ok());
                    self.marked.push(actual.map(|t| (t, false)));
                }
                "EMC" => {
                    self.marked.pop();
                }
                _ => {}
            }
        }
    }

    fn draw_xobject(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
        gs: &GraphicsState,
        depth: usize,
        out: &mut Vec<Glyph>,
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
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.images += 1,
            Ok(b"Form") => {
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
                    .and_then(|a| Matrix::from_operands(a))
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
            _ => {}
        }
    }

    /// Places the glyphs of one shown string and advances the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GraphicsState, tm: &mut Matrix, out: &mut Vec<Glyph>) {
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
            self.glyphs += 1;
            if self.glyphs > MAX_GLYPHS {
                return;
            }
            let x1 = if x_end.is_finite() && x_end >= x {
                x_end
            } else {
                x
            };
            out.push(Glyph {
                text: match self.marked.iter_mut().rev().find_map(Option::as_mut) {
                    Some((actual, given)) => {
                        if std::mem::replace(given, true) {
                            String::new()
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
            });
        }
    }
}

/// Reads a font dictionary: its code length, ToUnicode map, encoding and widths.
fn load_font(doc: &PdfDocument, dict: &Dictionary) -> Font {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let deref = |key: &[u8]| dict.get_deref(key, doc).ok();
    let mut font = Font {
        default_width: 500.0,
        scale: 0.001,
        icons: deref(b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .is_some_and(is_icon_font),
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
    if let Ok(encoding) = dict.get_font_encoding(doc) {
        font.encoding = (0..=255u8)
            .map(|b| {
                encoding
                    .bytes_to_string(&[b])
                    .ok()
                    .filter(|s| !s.is_empty() && !s.chars().any(|c| c.is_control() && c != '\t'))
            })
            .collect();
    }
    font
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
fn cid_widths(doc: &PdfDocument, w: &[Object]) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
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

/// Parses the `bfchar` and `bfrange` sections of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    #[derive(Debug)]
    enum Token {
        Hex(Vec<u8>),
        Open,
        Close,
        Word(Vec<u8>),
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() && tokens.len() < 1_000_000 {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&b| b == b'>').map(|p| i + p);
                let end = end.unwrap_or(data.len());
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                tokens.push(Token::Hex(bytes));
                i = end;
            }
            b'[' => tokens.push(Token::Open),
            b']' => tokens.push(Token::Close),
            b if b.is_ascii_alphanumeric() || b == b'/' => {
                let start = i;
                while i < data.len()
                    && (data[i].is_ascii_alphanumeric() || data[i] == b'/' || data[i] == b'.')
                {
                    i += 1;
                }
                tokens.push(Token::Word(data[start..i].to_vec()));
                continue;
            }
            _ => {}
        }
        i += 1;
    }

    let code = |b: &[u8]| {
        b.iter()
            .take(4)
            .fold(0u32, |acc, &x| acc << 8 | u32::from(x))
    };
    let utf16 = |b: &[u8]| {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| u16::from(c[0]) << 8 | u16::from(c.get(1).copied().unwrap_or(0)))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut map = HashMap::new();
    let mut section: &[u8] = b"";
    let mut k = 0;
    while k < tokens.len() && map.len() < 200_000 {
        match &tokens[k] {
            Token::Word(w) if w == b"beginbfchar" || w == b"beginbfrange" => {
                section = if w == b"beginbfchar" {
                    b"char"
                } else {
                    b"range"
                };
                k += 1;
            }
            Token::Word(w) if w.starts_with(b"end") => {
                section = b"";
                k += 1;
            }
            Token::Hex(src) if section == b"char" => {
                if let Some(Token::Hex(dst)) = tokens.get(k + 1) {
                    map.insert(code(src), utf16(dst));
                }
                k += 2;
            }
            Token::Hex(lo) if section == b"range" => {
                let Some(Token::Hex(hi)) = tokens.get(k + 1) else {
                    break;
                };
                let (lo, hi) = (code(lo), code(hi));
                let hi = hi.min(lo.saturating_add(65_535));
                match tokens.get(k + 2) {
                    Some(Token::Hex(dst)) if !dst.is_empty() => {
                        // The last UTF-16 unit counts up through the range.
                        let mut units: Vec<u16> = dst
                            .chunks(2)
                            .map(|c| {
                                u16::from(c[0]) << 8 | u16::from(c.get(1).copied().unwrap_or(0))
                            })
                            .collect();
                        for c in lo..=hi {
                            map.insert(c, String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        k += 3;
                    }
                    Some(Token::Open) => {
                        let mut j = k + 3;
                        let mut c = lo;
                        while let Some(Token::Hex(dst)) = tokens.get(j) {
                            if c <= hi {
                                map.insert(c, utf16(dst));
                            }
                            c = c.saturating_add(1);
                            j += 1;
                        }
                        k = j + 1;
                    }
                    _ => k += 3,
                }
            }
            _ => k += 1,
        }
    }
    map
}

/// A line as laid out: its text, its largest font size and its left edge.
struct LaidLine {
    text: String,
    size: f32,
    x: f32,
}

/// A horizontal run of glyphs on one line, separated from others by a wide gap.
struct Segment {
    line: usize,
    x0: f32,
    x1: f32,
    text: String,
    size: f32,
}

/// Groups a page's glyphs into lines by baseline, orders them by x, inserts spaces
/// at gaps, and reads two columns one after the other when the page has a gutter.
fn layout(mut glyphs: Vec<Glyph>) -> Vec<LaidLine> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    // Top of the page first; ties keep content order.
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    let mut baseline = f32::NAN;
    for g in glyphs {
        let tolerance = (g.size * 0.4).max(1.0);
        match lines.last_mut() {
            Some(line) if (baseline - g.y).abs() <= tolerance => line.push(g),
            _ => {
                baseline = g.y;
                lines.push(vec![g]);
            }
        }
    }
    let mut segments: Vec<Segment> = Vec::new();
    for (index, mut line) in lines.into_iter().enumerate() {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut current: Option<Segment> = None;
        let mut last: Option<&Glyph> = None;
        for g in &line {
            // Fake bold draws the same glyph two or three times, slightly shifted.
            if let Some(prev) = last
                && prev.text == g.text
                && (g.x0 - prev.x0).abs() < g.size * 0.1
            {
                continue;
            }
            let gap = last.map(|p| g.x0 - p.x1).unwrap_or(0.0);
            let em = g.size.max(1.0);
            match &mut current {
                Some(seg) if gap < em * 2.5 => {
                    let space =
                        gap > em * 0.15 && !seg.text.ends_with(' ') && !g.text.starts_with(' ');
                    if space {
                        seg.text.push(' ');
                    }
                    seg.text.push_str(&g.text);
                    seg.x1 = seg.x1.max(g.x1);
                    seg.size = seg.size.max(g.size);
                }
                _ => {
                    if let Some(seg) = current.take() {
                        segments.push(seg);
                    }
                    current = Some(Segment {
                        line: index,
                        x0: g.x0,
                        x1: g.x1,
                        text: g.text.clone(),
                        size: g.size,
                    });
                }
            }
            last = Some(g);
        }
        segments.extend(current);
    }
    // Whitespace-only segments (spaces drawn at the end of a line) carry no text.
    segments.retain(|s| !s.text.trim().is_empty());
    order(segments)
}

/// Orders segments into lines: with a column gutter, the left column's lines come
/// before the right column's, block by block between lines that span the gutter.
fn order(segments: Vec<Segment>) -> Vec<LaidLine> {
    let gutter = find_gutter(&segments);
    let join = |parts: &[&Segment]| -> Option<LaidLine> {
        let text = parts
            .iter()
            .map(|s| s.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let size = parts.iter().map(|s| s.size).fold(0.0, f32::max);
        let x = parts.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min);
        (!text.is_empty()).then_some(LaidLine { text, size, x })
    };
    let mut out = Vec::new();
    let mut left: Vec<LaidLine> = Vec::new();
    let mut right: Vec<LaidLine> = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let line = segments[i].line;
        let mut j = i;
        while j < segments.len() && segments[j].line == line {
            j += 1;
        }
        let parts: Vec<&Segment> = segments[i..j].iter().collect();
        i = j;
        match gutter {
            // Far-apart pieces of one row in different sizes (a name beside a
            // contact block) or very far apart are separate lines; the rest of a
            // row (a date after a job title, table cells) reads as one line.
            None => {
                let mut start = 0;
                for k in 1..=parts.len() {
                    let split = k == parts.len() || {
                        let (a, b) = (parts[k - 1], parts[k]);
                        let small = a.size.min(b.size).max(1.0);
                        let big = a.size.max(b.size);
                        let gap = b.x0 - a.x1;
                        // A section label in a left gutter ("Experience" beside
                        // the first entry) starts a line of its own.
                        let label = k == 1
                            && !a.text.trim_end().ends_with(':')
                            && a.text.split_whitespace().count() <= 4
                            && crate::classify_heading(&a.text).is_some();
                        label || gap > small * 8.0 || (gap > small * 2.0 && big > small * 1.5)
                    };
                    if split {
                        out.extend(join(&parts[start..k]));
                        start = k;
                    }
                }
            }
            Some((g0, g1)) => {
                let spans = parts.iter().any(|s| s.x0 < g0 && s.x1 > g1);
                if spans {
                    out.append(&mut left);
                    out.append(&mut right);
                    out.extend(join(&parts));
                } else {
                    let mid = (g0 + g1) / 2.0;
                    let is_left = |s: &&Segment| (s.x0 + s.x1) / 2.0 < mid;
                    let l: Vec<&Segment> = parts.iter().copied().filter(is_left).collect();
                    let r: Vec<&Segment> = parts.iter().copied().filter(|s| !is_left(s)).collect();
                    left.extend(join(&l));
                    right.extend(join(&r));
                }
            }
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

/// Finds a vertical gutter: an x band that few segments cross, with enough lines on
/// both sides that are not row-aligned with each other (aligned rows are a table or
/// a date column, which read best as whole lines).
fn find_gutter(segments: &[Segment]) -> Option<(f32, f32)> {
    // Resume pages hold a few hundred segments; thousands are not worth the search.
    if segments.len() < 10 || segments.len() > 5_000 {
        return None;
    }
    let min_x = segments.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min);
    let max_x = segments
        .iter()
        .map(|s| s.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let width = max_x - min_x;
    if !(width.is_finite() && width > 100.0) {
        return None;
    }
    let step = 2.0;
    let bins = ((width / step).ceil() as usize).min(2_000);
    let mut cover = vec![0usize; bins];
    for s in segments {
        let a = ((s.x0 - min_x) / step).floor().max(0.0) as usize;
        let b = (((s.x1 - min_x) / step).ceil() as usize).min(bins);
        for c in cover.iter_mut().take(b).skip(a) {
            *c += 1;
        }
    }
    let allowed = segments.len() / 12;
    let mut best: Option<(usize, (f32, f32))> = None;
    let mut k = 0;
    while k < bins {
        if cover[k] > allowed {
            k += 1;
            continue;
        }
        let start = k;
        while k < bins && cover[k] <= allowed {
            k += 1;
        }
        let g0 = min_x + start as f32 * step;
        let g1 = min_x + k as f32 * step;
        let centre = (g0 + g1) / 2.0;
        if g1 - g0 < 6.0 || centre < min_x + width * 0.2 || centre > max_x - width * 0.2 {
            continue;
        }
        let left: HashSet<usize> = segments
            .iter()
            .filter(|s| s.x1 <= g0 + step)
            .map(|s| s.line)
            .collect();
        let right: HashSet<usize> = segments
            .iter()
            .filter(|s| s.x0 >= g1 - step)
            .map(|s| s.line)
            .collect();
        let aligned = left.intersection(&right).count();
        let smaller = left.len().min(right.len());
        if smaller < 5 || aligned * 2 > smaller {
            continue;
        }
        // Both columns run down a good part of the page; a block beside the name
        // (contact details at the top right) is not a column.
        // A stray page number or running header at one end does not make a column.
        let span = |lines: &HashSet<usize>| {
            let mut sorted: Vec<usize> = lines.iter().copied().collect();
            sorted.sort_unstable();
            let n = sorted.len();
            if n < 3 { 0 } else { sorted[n - 2] - sorted[1] }
        };
        let total = segments.last().map(|s| s.line).unwrap_or(0);
        if span(&left) * 5 < total * 2 || span(&right) * 5 < total * 2 {
            continue;
        }
        if best.is_none_or(|(score, _)| smaller > score) {
            best = Some((smaller, (g0, g1)));
        }
    }
    best.map(|(_, g)| g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_and_ranges() {
        let cmap = b"/CIDInit /ProcSet findresource begin\n2 beginbfchar\n<0003> <0020>\n<0011> <FB01>\nendbfchar\n1 beginbfrange\n<0024> <0026> <0041>\nendbfrange\n1 beginbfrange\n<0030> <0031> [<00660069> <4E2D>]\nendbfrange\n";
        let map = parse_cmap(cmap);
        assert_eq!(map.get(&3).map(String::as_str), Some(" "));
        assert_eq!(map.get(&0x11).map(String::as_str), Some("\u{FB01}"));
        assert_eq!(map.get(&0x26).map(String::as_str), Some("C"));
        assert_eq!(map.get(&0x30).map(String::as_str), Some("fi"));
        assert_eq!(map.get(&0x31).map(String::as_str), Some("中"));
    }

    #[test]
    fn clean_expands_ligatures_and_drops_icons() {
        assert_eq!(clean("sta\u{FB00} \u{FB01}le"), "staff file");
        assert_eq!(clean("submis\u{AD}"), "submis");
        assert_eq!(clean("\u{F0E0}  jane@example.com"), "jane@example.com");
    }

    fn seg(line: usize, x0: f32, x1: f32, text: &str) -> Segment {
        Segment {
            line,
            x0,
            x1,
            text: text.to_string(),
            size: 10.0,
        }
    }

    #[test]
    fn two_columns_read_one_after_the_other() {
        let mut segs = vec![seg(0, 50.0, 550.0, "Jane Doe — a header across the page")];
        for i in 1..8 {
            segs.push(seg(i * 2 - 1, 50.0, 200.0, &format!("left {i}")));
            segs.push(seg(i * 2, 300.0, 550.0, &format!("right {i}")));
        }
        let got: Vec<String> = order(segs).into_iter().map(|l| l.text).collect();
        assert_eq!(got[0], "Jane Doe — a header across the page");
        assert_eq!(got[1], "left 1");
        assert_eq!(got[7], "left 7");
        assert_eq!(got[8], "right 1");
    }

    #[test]
    fn aligned_rows_stay_whole_lines() {
        let mut segs = Vec::new();
        for i in 0..10 {
            segs.push(seg(i, 50.0, 120.0, "2019–2021"));
            segs.push(seg(i, 150.0, 550.0, "Backend intern"));
        }
        let got: Vec<String> = order(segs).into_iter().map(|l| l.text).collect();
        assert_eq!(got[0], "2019–2021 Backend intern");
    }
}
