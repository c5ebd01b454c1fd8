//! Turning blocks into positioned boxes, lines and pages.
//!
//! Every block becomes a list of [`Unit`]s: a line of text, a table row, a
//! rule. Units are the smallest things a page break may fall between, and each
//! says how many of the units after it must stay on the same page, which is how
//! a heading keeps the first lines of its section and a paragraph avoids a lone
//! line at the bottom of a page. Pagination then stacks units top-down and the
//! footer is drawn once the page count is known. Coordinates here are in points
//! from the top-left corner; the writer flips them for PDF.

use crate::fonts::{FaceId, Fonts, Style, fonts};
use std::rc::Rc;
use toolkit_markup::{Badge, Block, Document, Span};

/// An RGB colour with components in 0..=1.
pub(crate) type Rgb = [f32; 3];

const fn hex(v: u32) -> Rgb {
    [
        ((v >> 16) & 0xff) as f32 / 255.0,
        ((v >> 8) & 0xff) as f32 / 255.0,
        (v & 0xff) as f32 / 255.0,
    ]
}

// A calm palette: slate text, one teal accent, soft status colours.
const INK: Rgb = hex(0x1E293B);
const INK_STRONG: Rgb = hex(0x0F172A);
const MUTED: Rgb = hex(0x64748B);
const QUOTE_INK: Rgb = hex(0x334155);
const ACCENT: Rgb = hex(0x0F766E);
const ACCENT_SOFT: Rgb = hex(0x5EAAA0);
const HAIRLINE: Rgb = hex(0xE2E8F0);
const RULE: Rgb = hex(0xCBD5E1);
const QUOTE_BG: Rgb = hex(0xF3F7F7);
const HEADER_BG: Rgb = hex(0xF1F5F9);
const CHECKBOX: Rgb = hex(0x64748B);

/// Fill and text colour of a badge.
fn badge_colors(badge: Badge) -> (Rgb, Rgb) {
    match badge {
        Badge::Missing => (hex(0xFDE2E1), hex(0xA3302A)),
        Badge::Listed => (hex(0xFDEDC8), hex(0x8A5300)),
        Badge::Demonstrated | Badge::Ok => (hex(0xD6F2DF), hex(0x17663A)),
        Badge::Error => (hex(0xC8372D), hex(0xFFFFFF)),
    }
}

/// A shorter label for narrow table cells.
fn short_label(badge: Badge) -> &'static str {
    match badge {
        Badge::Missing => "MISS",
        Badge::Listed => "LIST",
        Badge::Demonstrated => "DEMO",
        Badge::Ok => "OK",
        Badge::Error => "ERR",
    }
}

const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 13.4;

/// One thing to paint, positioned from the top-left of the page (or of its unit).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        face: FaceId,
        color: Rgb,
        text: String,
    },
    Fill {
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        radius: f32,
        color: Rgb,
    },
    Stroke {
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        width: f32,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
}

impl Draw {
    fn shifted(&self, dy: f32) -> Draw {
        let mut d = self.clone();
        match &mut d {
            Draw::Text { baseline, .. } => *baseline += dy,
            Draw::Fill { top, .. } | Draw::Stroke { top, .. } => *top += dy,
            Draw::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        d
    }
}

/// The page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub(crate) width: f32,
    pub(crate) height: f32,
    margin_x: f32,
    margin_top: f32,
    margin_bottom: f32,
}

impl Geometry {
    pub(crate) fn new(width: f32, height: f32) -> Geometry {
        Geometry {
            width,
            height,
            margin_x: 50.0,
            margin_top: 48.0,
            margin_bottom: 60.0,
        }
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }
}

/// A laid-out page: what to draw, top-down.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) items: Vec<Draw>,
}

/// The smallest piece pagination moves: drawn relative to its own top.
#[derive(Debug, Default)]
struct Unit {
    height: f32,
    space_before: f32,
    /// How many following units must share this unit's page.
    keep: usize,
    items: Vec<Draw>,
    /// A table header to repeat when this row starts a new page.
    header: Option<Rc<Unit>>,
    page_break: bool,
}

/// A piece of inline content that is never split across lines (unless it is
/// wider than a whole line): a word, possibly mixing styles, or a badge.
#[derive(Debug, Clone)]
enum Atom {
    Word {
        segs: Vec<(Style, String)>,
        width: f32,
    },
    Badge {
        badge: Badge,
        width: f32,
    },
}

#[derive(Debug, Clone)]
struct Token {
    atom: Atom,
    /// The width of the space before it, if the source had one.
    space: Option<(Style, f32)>,
}

impl Token {
    fn width(&self) -> f32 {
        match &self.atom {
            Atom::Word { width, .. } | Atom::Badge { width, .. } => *width,
        }
    }
}

/// A line of inline content: tokens with their x offsets.
#[derive(Debug, Default)]
struct TextLine {
    tokens: Vec<(f32, Token, bool)>,
    width: f32,
}

/// How inline text is drawn in a block.
#[derive(Debug, Clone, Copy)]
struct TextStyle {
    size: f32,
    leading: f32,
    color: Rgb,
    /// The style of plain text: headings draw it bold, quotes italic.
    base: Style,
}

struct Layout<'a> {
    fonts: &'a Fonts,
    geo: Geometry,
    warnings: Vec<String>,
    missing: Vec<char>,
}

/// Characters wider than this many points in a row never get a break inside
/// them except when they do not fit a line at all.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

impl Layout<'_> {
    /// The face drawing `c`, with a warning (once per character) and `?` when
    /// no embedded face has it.
    fn route(&mut self, c: char, style: Style) -> (char, FaceId) {
        match self.fonts.face_for(c, style) {
            Some(face) => (c, face),
            None => {
                if !self.missing.contains(&c) {
                    self.missing.push(c);
                    self.warnings.push(format!(
                        "no glyph for U+{:04X} '{c}': drawn as '?'",
                        c as u32
                    ));
                }
                (
                    '?',
                    self.fonts.face_for('?', style).unwrap_or(FaceId::Regular),
                )
            }
        }
    }

    fn text_width(&mut self, text: &str, style: Style, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let (c, face) = self.route(c, style);
                self.fonts.width(face, c, size)
            })
            .sum()
    }

    fn badge_size(size: f32) -> (f32, f32) {
        // Label size and horizontal padding.
        (size * 0.68, size * 0.5)
    }

    /// Splits spans into tokens: words break at spaces and around CJK characters.
    fn tokens(&mut self, spans: &[Span], text: TextStyle) -> Vec<Token> {
        let mut out: Vec<Token> = Vec::new();
        let mut word: Vec<(Style, String)> = Vec::new();
        let mut pending_space: Option<Style> = None;
        let flush = |this: &mut Self,
                     word: &mut Vec<(Style, String)>,
                     out: &mut Vec<Token>,
                     space: &mut Option<Style>| {
            if word.is_empty() {
                return;
            }
            let width = word
                .iter()
                .map(|(style, s)| this.text_width(s, *style, text.size))
                .sum();
            let space = space
                .take()
                .map(|style| (style, this.text_width(" ", style, text.size)));
            out.push(Token {
                atom: Atom::Word {
                    segs: std::mem::take(word),
                    width,
                },
                space,
            });
        };
        for span in spans {
            let (style, s) = match span {
                Span::Text(s) => (text.base, s.as_str()),
                Span::Bold(s) => (Style::Bold, s.as_str()),
                Span::Italic(s) => (
                    if text.base == Style::Bold {
                        Style::Bold
                    } else {
                        Style::Italic
                    },
                    s.as_str(),
                ),
                Span::Badge(badge) => {
                    flush(self, &mut word, &mut out, &mut pending_space);
                    let (label_size, pad) = Self::badge_size(text.size);
                    let width = self.text_width(badge.label(), Style::Bold, label_size) + 2.0 * pad;
                    let space = pending_space
                        .take()
                        .map(|st| (st, self.text_width(" ", st, text.size)));
                    out.push(Token {
                        atom: Atom::Badge {
                            badge: *badge,
                            width,
                        },
                        space,
                    });
                    continue;
                }
            };
            for c in s.chars() {
                if c == ' ' {
                    flush(self, &mut word, &mut out, &mut pending_space);
                    if !out.is_empty() {
                        pending_space = Some(style);
                    }
                    continue;
                }
                let cjk = is_cjk(c);
                if cjk {
                    flush(self, &mut word, &mut out, &mut pending_space);
                }
                match word.last_mut() {
                    Some((st, w)) if *st == style => w.push(c),
                    _ => word.push((style, c.to_string())),
                }
                if cjk {
                    flush(self, &mut word, &mut out, &mut pending_space);
                }
            }
        }
        flush(self, &mut word, &mut out, &mut pending_space);
        out
    }

    /// Greedy word wrap; a token wider than the line is broken between characters.
    fn wrap(&mut self, tokens: Vec<Token>, max: f32, size: f32) -> Vec<TextLine> {
        let mut lines = vec![TextLine::default()];
        for token in tokens {
            let line = lines.last_mut().expect("one line");
            let space = if line.tokens.is_empty() {
                0.0
            } else {
                token.space.map_or(0.0, |(_, w)| w)
            };
            if line.width + space + token.width() <= max + 0.01 {
                line.tokens
                    .push((line.width + space, token.clone(), space > 0.0));
                line.width += space + token.width();
                continue;
            }
            if token.width() <= max {
                lines.push(TextLine {
                    width: token.width(),
                    tokens: vec![(0.0, token, false)],
                });
                continue;
            }
            // Too wide for any line: break between characters.
            let Atom::Word { segs, .. } = token.atom else {
                // A badge wider than the line is drawn anyway.
                lines.push(TextLine {
                    width: token.width(),
                    tokens: vec![(0.0, token, false)],
                });
                continue;
            };
            // Fill the rest of the current line first, as a browser does with
            // `word-break: break-all`.
            let current = lines.last().expect("one line");
            let (mut offset, mut space) = if current.tokens.is_empty() {
                (0.0, None)
            } else {
                (
                    current.width + token.space.map_or(0.0, |(_, w)| w),
                    token.space,
                )
            };
            let mut piece: Vec<(Style, String)> = Vec::new();
            let mut width = 0.0;
            let push = |lines: &mut Vec<TextLine>, segs, offset: f32, width: f32, space| {
                let line = lines.last_mut().expect("one line");
                line.tokens.push((
                    offset,
                    Token {
                        atom: Atom::Word { segs, width },
                        space,
                    },
                    space.is_some(),
                ));
                line.width = offset + width;
            };
            for (style, s) in segs {
                for c in s.chars() {
                    let w = self.text_width(c.encode_utf8(&mut [0; 4]), style, size);
                    if offset + width + w > max && (width > 0.0 || offset > 0.0) {
                        if width > 0.0 {
                            push(&mut lines, std::mem::take(&mut piece), offset, width, space);
                        }
                        lines.push(TextLine::default());
                        (offset, width, space) = (0.0, 0.0, None);
                    }
                    match piece.last_mut() {
                        Some((st, p)) if *st == style => p.push(c),
                        _ => piece.push((style, c.to_string())),
                    }
                    width += w;
                }
            }
            push(&mut lines, piece, offset, width, space);
        }
        lines
    }

    /// Draws one line of tokens with its top at `top` and left edge at `x`.
    ///
    /// Words and the spaces between them are merged into as few text runs as
    /// the faces allow; spaces are drawn, not skipped, so text extraction keeps them.
    fn draw_line(
        &mut self,
        line: &TextLine,
        x: f32,
        top: f32,
        text: TextStyle,
        out: &mut Vec<Draw>,
    ) {
        // Baseline placed so cap height sits centred in the leading.
        let baseline = top + (text.leading + text.size * 0.7) / 2.0;
        let mut pieces: Vec<(Style, String)> = Vec::new();
        let mut start = x;
        let flush = |this: &mut Self,
                     pieces: &mut Vec<(Style, String)>,
                     start: f32,
                     out: &mut Vec<Draw>| {
            let mut pen = start;
            for (style, s) in pieces.drain(..) {
                pen = this.runs(&s, style, pen, baseline, text, out);
            }
        };
        let push =
            |pieces: &mut Vec<(Style, String)>, style: Style, s: &str| match pieces.last_mut() {
                Some((st, p)) if *st == style => p.push_str(s),
                _ => pieces.push((style, s.to_owned())),
            };
        for (dx, token, spaced) in &line.tokens {
            let space = token.space.filter(|_| *spaced);
            match &token.atom {
                Atom::Word { segs, .. } => {
                    if pieces.is_empty() {
                        start = x + dx - space.map_or(0.0, |(_, w)| w);
                    }
                    if let Some((style, _)) = space {
                        push(&mut pieces, style, " ");
                    }
                    for (style, s) in segs {
                        push(&mut pieces, *style, s);
                    }
                }
                Atom::Badge { badge, width } => {
                    flush(self, &mut pieces, start, out);
                    self.pill(*badge, x + dx, *width, baseline, text.size, out);
                }
            }
        }
        flush(self, &mut pieces, start, out);
    }

    /// Draws `s` as runs of one face each; returns the pen position after it.
    fn runs(
        &mut self,
        s: &str,
        style: Style,
        x: f32,
        baseline: f32,
        text: TextStyle,
        out: &mut Vec<Draw>,
    ) -> f32 {
        let mut pen = x;
        let mut run = String::new();
        let mut run_face = None;
        let mut run_x = x;
        let emit = |out: &mut Vec<Draw>, face: Option<FaceId>, x: f32, run: String| {
            if let Some(face) = face {
                out.push(Draw::Text {
                    x,
                    baseline,
                    size: text.size,
                    face,
                    color: text.color,
                    text: run,
                });
            }
        };
        for c in s.chars() {
            let (c, face) = self.route(c, style);
            if run_face != Some(face) {
                emit(out, run_face, run_x, std::mem::take(&mut run));
                run_face = Some(face);
                run_x = pen;
            }
            run.push(c);
            pen += self.fonts.width(face, c, text.size);
        }
        emit(out, run_face, run_x, run);
        pen
    }

    /// A rounded status pill whose text shares the baseline of the line.
    fn pill(
        &mut self,
        badge: Badge,
        x: f32,
        width: f32,
        baseline: f32,
        size: f32,
        out: &mut Vec<Draw>,
    ) {
        let (label_size, pad) = Self::badge_size(size);
        let (bg, fg) = badge_colors(badge);
        let h = size * 1.2;
        let top = baseline - size * 0.35 - h / 2.0;
        out.push(Draw::Fill {
            x,
            top,
            w: width,
            h,
            radius: h / 2.0,
            color: bg,
        });
        let label_base = top + h / 2.0 + label_size * 0.36;
        let label = TextStyle {
            size: label_size,
            leading: label_size,
            color: fg,
            base: Style::Bold,
        };
        self.runs(badge.label(), Style::Bold, x + pad, label_base, label, out);
    }

    /// Lays out inline content as one unit per line.
    fn text_units(&mut self, spans: &[Span], text: TextStyle, x: f32, width: f32) -> Vec<Unit> {
        let tokens = self.tokens(spans, text);
        let lines = self.wrap(tokens, width, text.size);
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let mut items = Vec::new();
                self.draw_line(line, x, 0.0, text, &mut items);
                Unit {
                    height: text.leading,
                    // No single first or last line of a paragraph alone on a page.
                    keep: usize::from(n >= 2 && (i == 0 || i + 2 == n)),
                    items,
                    ..Unit::default()
                }
            })
            .collect()
    }

    fn body(&self) -> TextStyle {
        TextStyle {
            size: BODY_SIZE,
            leading: BODY_LEADING,
            color: INK,
            base: Style::Regular,
        }
    }

    fn heading(&mut self, level: u8, spans: &[Span], first: bool) -> Vec<Unit> {
        let x = self.geo.margin_x;
        let width = self.geo.content_width();
        let (text, space) = match level {
            1 => (
                TextStyle {
                    size: 20.0,
                    leading: 26.0,
                    color: INK_STRONG,
                    base: Style::Bold,
                },
                20.0,
            ),
            2 => (
                TextStyle {
                    size: 13.5,
                    leading: 19.0,
                    color: ACCENT,
                    base: Style::Bold,
                },
                16.0,
            ),
            _ => (
                TextStyle {
                    size: 11.0,
                    leading: 15.5,
                    color: INK_STRONG,
                    base: Style::Bold,
                },
                11.0,
            ),
        };
        let mut units = self.text_units(spans, text, x, width);
        for u in &mut units {
            // A heading keeps the first two lines of what follows.
            u.keep = 2;
        }
        units[0].space_before = if first { 0.0 } else { space };
        let last = units.last_mut().expect("a heading has a line");
        match level {
            1 => {
                last.items.push(Draw::Fill {
                    x,
                    top: last.height + 3.0,
                    w: 36.0,
                    h: 3.0,
                    radius: 1.5,
                    color: ACCENT,
                });
                last.height += 12.0;
            }
            2 => {
                last.items.push(Draw::Line {
                    x1: x,
                    y1: last.height + 2.0,
                    x2: x + width,
                    y2: last.height + 2.0,
                    width: 0.6,
                    color: HAIRLINE,
                });
                last.height += 6.0;
            }
            _ => {}
        }
        units
    }

    fn list(&mut self, items: &[toolkit_markup::Item]) -> Vec<Unit> {
        let x = self.geo.margin_x;
        let indent = 17.0;
        let body = self.body();
        let mut units = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let mut lines = self.text_units(
                &item.spans,
                body,
                x + indent,
                self.geo.content_width() - indent,
            );
            if lines.is_empty() {
                lines.push(Unit {
                    height: body.leading,
                    ..Unit::default()
                });
            }
            let first = &mut lines[0];
            let mid = body.leading / 2.0;
            if item.checkbox {
                let side = 8.0;
                first.items.push(Draw::Stroke {
                    x: x + 2.0,
                    top: mid - side / 2.0 + 0.5,
                    w: side,
                    h: side,
                    width: 0.8,
                    color: CHECKBOX,
                });
            } else {
                first.items.push(Draw::Fill {
                    x: x + 4.0,
                    top: mid - 1.6 + 0.3,
                    w: 3.2,
                    h: 3.2,
                    radius: 1.6,
                    color: ACCENT,
                });
            }
            first.space_before = if n == 0 { 6.0 } else { 2.5 };
            units.extend(lines);
        }
        units
    }

    fn quote(&mut self, spans: &[Span]) -> Vec<Unit> {
        let x = self.geo.margin_x;
        let pad_y = 4.0;
        let text = TextStyle {
            size: 9.5,
            leading: 13.5,
            color: QUOTE_INK,
            base: Style::Italic,
        };
        let width = self.geo.content_width();
        let mut units = self.text_units(spans, text, x + 14.0, width - 24.0);
        let n = units.len();
        for (i, u) in units.iter_mut().enumerate() {
            // Each line paints its own slice of the box, so a quote split
            // across pages still looks whole on both.
            let top_pad = if i == 0 { pad_y } else { 0.0 };
            let bottom_pad = if i + 1 == n { pad_y } else { 0.0 };
            u.items = u.items.iter().map(|d| d.shifted(top_pad)).collect();
            u.height += top_pad + bottom_pad;
            u.items.insert(
                0,
                Draw::Fill {
                    x,
                    top: 0.0,
                    w: width,
                    h: u.height,
                    radius: 0.0,
                    color: QUOTE_BG,
                },
            );
            u.items.insert(
                1,
                Draw::Fill {
                    x,
                    top: 0.0,
                    w: 2.5,
                    h: u.height,
                    radius: 0.0,
                    color: ACCENT_SOFT,
                },
            );
        }
        if let Some(u) = units.first_mut() {
            u.space_before = 7.0;
        }
        units
    }

    fn table(&mut self, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) -> Vec<Unit> {
        let ncols = header.len();
        let (size, pad_x) = match ncols {
            0..=5 => (9.0, 5.0),
            6..=9 => (8.0, 4.0),
            _ => (7.0, 2.5),
        };
        let pad_y = 3.5;
        let leading = size * 1.38;
        let head_style = TextStyle {
            // Client names over narrow badge columns need every point.
            size: if ncols > 9 { size - 0.5 } else { size },
            leading,
            color: INK_STRONG,
            base: Style::Bold,
        };
        let body_style = TextStyle {
            size,
            leading,
            color: INK,
            base: Style::Regular,
        };
        let only_badge = |cell: &[Span]| match cell {
            [Span::Badge(b)] => Some(*b),
            _ => None,
        };
        // Badge cells are wider than pills, so their labels can be larger.
        let label_size = size * 0.8;
        // Measure every cell: natural (one line) and minimum (longest word) widths.
        let mut natural = vec![0.0f32; ncols];
        let mut minimum = vec![0.0f32; ncols];
        let mut head_min = vec![0.0f32; ncols];
        let mut badge_col = vec![!rows.is_empty(); ncols];
        let all_rows = std::iter::once((header, head_style))
            .chain(rows.iter().map(|r| (r.as_slice(), body_style)));
        let mut tokens: Vec<Vec<Vec<Token>>> = Vec::new();
        for (r, (row, style)) in all_rows.enumerate() {
            let mut row_tokens = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                if r > 0 && only_badge(cell).is_none() && !cell.is_empty() {
                    badge_col[c] = false;
                }
                let toks = if r > 0 && only_badge(cell).is_some() {
                    Vec::new()
                } else {
                    self.tokens(cell, style)
                };
                let line: f32 = toks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        t.width()
                            + if i > 0 {
                                t.space.map_or(0.0, |s| s.1)
                            } else {
                                0.0
                            }
                    })
                    .sum();
                let longest = toks.iter().map(Token::width).fold(0.0, f32::max);
                natural[c] = natural[c].max(line + 2.0 * pad_x);
                let min = if r == 0 { &mut head_min } else { &mut minimum };
                min[c] = min[c].max(longest.min(80.0) + 2.0 * pad_x);
                if let (true, Some(b)) = (r > 0, only_badge(cell)) {
                    let w = self.text_width(short_label(b), Style::Bold, label_size) + 2.0 * pad_x;
                    natural[c] = natural[c]
                        .max(self.text_width(b.label(), Style::Bold, label_size) + 2.0 * pad_x);
                    minimum[c] = minimum[c].max(w);
                }
                row_tokens.push(toks);
            }
            tokens.push(row_tokens);
        }
        // A header over a badge column may shrink instead of widening it.
        for c in 0..ncols {
            if !badge_col[c] {
                minimum[c] = minimum[c].max(head_min[c]);
            }
        }
        let widths = column_widths(&natural, &minimum, &badge_col, self.geo.content_width());
        let mut head_styles = vec![head_style; ncols];
        for c in 0..ncols {
            let longest = tokens[0][c].iter().map(Token::width).fold(0.0, f32::max);
            let room = widths[c] - 2.0 * pad_x;
            if longest > room {
                head_styles[c].size = (head_style.size * room / longest).max(5.0);
                tokens[0][c] = self.tokens(&header[c], head_styles[c]);
            }
        }

        let x0 = self.geo.margin_x;
        let total: f32 = widths.iter().sum();
        let make_row = |this: &mut Self, r: usize, cells: &[Vec<Span>]| -> Unit {
            let style = |c: usize| if r == 0 { head_styles[c] } else { body_style };
            let mut wrapped = Vec::new();
            let mut lines_max = 1;
            for (c, toks) in tokens[r].iter().enumerate() {
                let lines = this.wrap(toks.clone(), widths[c] - 2.0 * pad_x, style(c).size);
                lines_max = lines_max.max(lines.len());
                wrapped.push(lines);
            }
            let height = lines_max as f32 * leading + 2.0 * pad_y;
            let mut items = Vec::new();
            if r == 0 {
                items.push(Draw::Fill {
                    x: x0,
                    top: 0.0,
                    w: total,
                    h: height,
                    radius: 0.0,
                    color: HEADER_BG,
                });
            }
            let mut x = x0;
            for (c, lines) in wrapped.iter().enumerate() {
                let w = widths[c];
                match (r > 0).then(|| only_badge(&cells[c])).flatten() {
                    Some(b) => {
                        let (bg, fg) = badge_colors(b);
                        items.push(Draw::Fill {
                            x: x + 1.0,
                            top: 1.0,
                            w: w - 2.0,
                            h: height - 2.0,
                            radius: 1.5,
                            color: bg,
                        });
                        let room = w - 2.0 * pad_x.min(3.0);
                        let label = [b.label(), short_label(b)]
                            .into_iter()
                            .find(|l| this.text_width(l, Style::Bold, label_size) <= room);
                        if let Some(label) = label {
                            let lw = this.text_width(label, Style::Bold, label_size);
                            let st = TextStyle {
                                size: label_size,
                                leading: label_size,
                                color: fg,
                                base: Style::Bold,
                            };
                            this.runs(
                                label,
                                Style::Bold,
                                x + (w - lw) / 2.0,
                                height / 2.0 + label_size * 0.36,
                                st,
                                &mut items,
                            );
                        }
                    }
                    None => {
                        for (i, line) in lines.iter().enumerate() {
                            this.draw_line(
                                line,
                                x + pad_x,
                                pad_y + i as f32 * leading,
                                style(c),
                                &mut items,
                            );
                        }
                    }
                }
                x += w;
            }
            items.push(Draw::Line {
                x1: x0,
                y1: height,
                x2: x0 + total,
                y2: height,
                width: if r == 0 { 0.8 } else { 0.5 },
                color: if r == 0 { RULE } else { HAIRLINE },
            });
            Unit {
                height,
                items,
                ..Unit::default()
            }
        };
        let mut head = make_row(self, 0, header);
        head.keep = 1;
        head.space_before = 6.0;
        let repeat = Rc::new(Unit {
            height: head.height,
            items: head.items.clone(),
            ..Unit::default()
        });
        let mut units = vec![head];
        for (r, row) in rows.iter().enumerate() {
            let mut unit = make_row(self, r + 1, row);
            unit.header = Some(Rc::clone(&repeat));
            units.push(unit);
        }
        units
    }

    fn rule(&self) -> Unit {
        let x = self.geo.margin_x;
        Unit {
            height: 8.0,
            space_before: 8.0,
            items: vec![Draw::Line {
                x1: x,
                y1: 4.0,
                x2: x + self.geo.content_width(),
                y2: 4.0,
                width: 0.6,
                color: RULE,
            }],
            ..Unit::default()
        }
    }

    fn footer(&mut self, title: &str, page: usize, pages: usize) -> Vec<Draw> {
        let g = self.geo;
        let y = g.height - 40.0;
        let size = 8.0;
        let text = TextStyle {
            size,
            leading: size,
            color: MUTED,
            base: Style::Regular,
        };
        let mut out = vec![Draw::Line {
            x1: g.margin_x,
            y1: y,
            x2: g.width - g.margin_x,
            y2: y,
            width: 0.5,
            color: HAIRLINE,
        }];
        let number = format!("Page {page} of {pages}");
        let number_w = self.text_width(&number, Style::Regular, size);
        let room = g.content_width() - number_w - 24.0;
        let title = self.truncate(title, room, size);
        self.runs(&title, Style::Regular, g.margin_x, y + 14.0, text, &mut out);
        self.runs(
            &number,
            Style::Regular,
            g.width - g.margin_x - number_w,
            y + 14.0,
            text,
            &mut out,
        );
        out
    }

    /// `text`, shortened with an ellipsis to fit `room` points.
    fn truncate(&mut self, text: &str, room: f32, size: f32) -> String {
        if self.text_width(text, Style::Regular, size) <= room {
            return text.to_owned();
        }
        let mut out = String::new();
        let mut width = self.text_width("…", Style::Regular, size);
        for c in text.chars() {
            width += self.text_width(c.encode_utf8(&mut [0; 4]), Style::Regular, size);
            if width > room {
                break;
            }
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }
}

/// Column widths for a table `total` points wide: columns holding only badges
/// share one equal width, the rest split what is left by their natural width.
fn column_widths(natural: &[f32], minimum: &[f32], badge_col: &[bool], total: f32) -> Vec<f32> {
    let n = natural.len();
    let text_cols: Vec<usize> = (0..n).filter(|&c| !badge_col[c]).collect();
    let badge_cols = n - text_cols.len();
    if text_cols.is_empty() {
        return vec![total / n as f32; n];
    }
    let text_min: f32 = text_cols.iter().map(|&c| minimum[c]).sum();
    // Text columns may ask for their natural width up to half the table.
    let text_want: f32 = text_cols
        .iter()
        .map(|&c| natural[c].max(minimum[c]))
        .sum::<f32>()
        .min(total * 0.5)
        .max(text_min);
    let badge_w = if badge_cols == 0 {
        0.0
    } else {
        let want = (0..n)
            .filter(|&c| badge_col[c])
            .map(|c| natural[c].max(minimum[c]))
            .fold(0.0, f32::max);
        let floor = (0..n)
            .filter(|&c| badge_col[c])
            .map(|c| minimum[c])
            .fold(0.0, f32::max);
        want.min((total - text_want) / badge_cols as f32)
            .max(floor.min(total / n as f32))
    };
    let room = total - badge_w * badge_cols as f32;
    let mut widths: Vec<f32> = (0..n)
        .map(|c| if badge_col[c] { badge_w } else { minimum[c] })
        .collect();
    let min_sum: f32 = text_cols.iter().map(|&c| widths[c]).sum();
    let nat_sum: f32 = text_cols.iter().map(|&c| natural[c].max(minimum[c])).sum();
    if nat_sum <= room {
        // Everything fits on one line: share the rest by natural width.
        for &c in &text_cols {
            widths[c] = natural[c].max(minimum[c]) / nat_sum * room;
        }
    } else if min_sum < room {
        let grow: f32 = text_cols.iter().map(|&c| natural[c] - widths[c]).sum();
        let extra = room - min_sum;
        for &c in &text_cols {
            widths[c] += (natural[c] - widths[c]).max(0.0) / grow.max(0.01) * extra;
        }
    } else {
        for &c in &text_cols {
            widths[c] = minimum[c] / min_sum * room;
        }
    }
    widths
}

/// Lays out `doc` on pages of `geo`; returns the pages and warnings.
pub(crate) fn layout(doc: &Document, geo: Geometry) -> (Vec<Page>, Vec<String>) {
    let mut l = Layout {
        fonts: fonts(),
        geo,
        warnings: Vec::new(),
        missing: Vec::new(),
    };
    let mut units: Vec<Unit> = Vec::new();
    let has_h1 = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if !has_h1 {
        units.extend(l.heading(1, &[Span::Text(doc.title.clone())], true));
    }
    let mut after_heading = !has_h1;
    for block in &doc.blocks {
        let first = units.is_empty();
        let mut new = match block {
            Block::Heading { level, spans } => l.heading(*level, spans, first),
            Block::Paragraph(spans) => {
                let body = l.body();
                let mut u = l.text_units(spans, body, geo.margin_x, geo.content_width());
                if let Some(u) = u.first_mut() {
                    u.space_before = 5.5;
                }
                u
            }
            Block::List(items) => l.list(items),
            Block::Quote(spans) => l.quote(spans),
            Block::Table { header, rows } => l.table(header, rows),
            Block::Rule => vec![l.rule()],
            Block::PageBreak => vec![Unit {
                page_break: true,
                ..Unit::default()
            }],
        };
        if after_heading
            && !matches!(block, Block::Heading { .. })
            && let Some(u) = new.first_mut()
        {
            u.space_before = u.space_before.min(4.0);
        }
        after_heading = matches!(block, Block::Heading { .. });
        // A short table (a fill-in grid, a two-row summary) never starts a page on
        // its own: the line before it comes along.
        if let Block::Table { rows, .. } = block
            && rows.len() <= 2
            && let Some(prev) = units.last_mut()
        {
            prev.keep = prev.keep.max(new.len());
        }
        units.extend(new);
    }

    let mut pages = vec![Page::default()];
    let mut y = geo.margin_top;
    let mut empty = true;
    // A page break starts a new page only when something follows it.
    let mut break_pending = false;
    for i in 0..units.len() {
        let u = &units[i];
        if u.page_break {
            break_pending |= !empty;
            continue;
        }
        let space = if empty { 0.0 } else { u.space_before };
        if break_pending || !empty && y + space + chain_height(&units, i) > geo.bottom() {
            break_pending = false;
            pages.push(Page::default());
            y = geo.margin_top;
            empty = true;
            if let Some(head) = &u.header {
                place(&mut pages, head, &mut y);
                empty = false;
            }
        }
        let space = if empty { 0.0 } else { u.space_before };
        y += space;
        place(&mut pages, u, &mut y);
        empty = false;
    }
    let count = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        let footer = l.footer(&doc.title, n + 1, count);
        page.items.extend(footer);
    }
    (pages, l.warnings)
}

fn place(pages: &mut [Page], u: &Unit, y: &mut f32) {
    let page = pages.last_mut().expect("one page");
    page.items.extend(u.items.iter().map(|d| d.shifted(*y)));
    *y += u.height;
}

/// The height of unit `i` plus the units it must keep on its page.
fn chain_height(units: &[Unit], i: usize) -> f32 {
    let mut h = units[i].height;
    let mut keep = units[i].keep;
    let mut j = i;
    // A long run of keeps (headings in a row) is cut off after a few units.
    while keep > 0 && j + 1 < units.len() && j - i < 6 {
        j += 1;
        if units[j].page_break {
            break;
        }
        h += units[j].space_before + units[j].height;
        keep = (keep - 1).max(units[j].keep);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_share_the_table() {
        let w = column_widths(
            &[100.0, 40.0, 40.0],
            &[60.0, 30.0, 30.0],
            &[false, true, true],
            400.0,
        );
        assert_eq!(w[1], w[2]);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01, "{w:?}");
        assert!(w[0] > w[1]);
        // Fourteen badge columns and a name column.
        let mut natural = vec![120.0];
        natural.extend([50.0; 14]);
        let mut minimum = vec![70.0];
        minimum.extend([24.0; 14]);
        let mut badge = vec![false];
        badge.extend([true; 14]);
        let w = column_widths(&natural, &minimum, &badge, 487.0);
        assert!((w.iter().sum::<f32>() - 487.0).abs() < 0.01, "{w:?}");
        assert!(w[0] >= 70.0 && w[1] >= 24.0, "{w:?}");
    }

    #[test]
    fn long_tokens_break_between_characters() {
        let mut l = Layout {
            fonts: fonts(),
            geo: Geometry::new(595.28, 841.89),
            warnings: Vec::new(),
            missing: Vec::new(),
        };
        let body = l.body();
        let url = "https://example.com/".to_owned() + &"very-long-path-".repeat(20);
        let tokens = l.tokens(&[Span::Text(format!("see {url}"))], body);
        let lines = l.wrap(tokens, 200.0, body.size);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|line| line.width <= 200.01));
        let cjk = l.tokens(&[Span::Text("林瑋婷".repeat(30))], body);
        assert_eq!(cjk.len(), 90);
        let lines = l.wrap(cjk, 100.0, body.size);
        assert!(lines.len() >= 9 && lines.iter().all(|line| line.width <= 100.01));
    }
}
