//! Turning blocks into positioned boxes, lines and pages.
//!
//! Every block becomes a list of [`Unit`]s: a line of text, a table row, a
//! rule. Units are the smallest things a page break may fall between, and each
//! says how many of the units after it must stay on the same page, which is how
//! a heading keeps the first lines of its section and a paragraph avoids a lone
//! line at the bottom of a page. Pagination then stacks units top-down and the
//! footer is drawn once the page count is known. Coordinates here are in points
//! from the top-left corner; the writer flips them for PDF.

mod blocks;
mod paginate;
mod table;
mod text;

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
const HAIRLINE: Rgb = hex(0xE2E8F0);
const RULE: Rgb = hex(0xCBD5E1);
const QUOTE_BG: Rgb = hex(0xF3F7F7);
const HEADER_BG: Rgb = hex(0xF1F5F9);
const CHECKBOX: Rgb = hex(0x64748B);
/// The frame of a box and the lines to write on: dark enough to survive a
/// black-and-white printer.
const BOX_EDGE: Rgb = hex(0x94A3B8);
const WRITING_RULE: Rgb = hex(0x94A3B8);

/// The height of one handwriting line: 6.35 mm, as on narrow-ruled paper.
const WRITING_ROW: f32 = 18.0;

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

const BODY_SIZE: f32 = 9.0;
const BODY_LEADING: f32 = 11.0;

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
    /// The logo, scaled into the box.
    Image { x: f32, top: f32, w: f32, h: f32 },
}

impl Draw {
    fn shifted(&self, dx: f32, dy: f32) -> Draw {
        let mut d = self.clone();
        match &mut d {
            Draw::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Draw::Fill { x, top, .. }
            | Draw::Stroke { x, top, .. }
            | Draw::Image { x, top, .. } => {
                *x += dx;
                *top += dy;
            }
            Draw::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
        }
        d
    }
}

/// The page size and margins, in points. The margins leave at least 14 mm on
/// every side, which any office printer can print.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub(crate) width: f32,
    pub(crate) height: f32,
    margin_x: f32,
    margin_top: f32,
    margin_bottom: f32,
}

/// The space between two columns.
const GUTTER: f32 = 14.0;

impl Geometry {
    pub(crate) fn new(width: f32, height: f32) -> Geometry {
        Geometry {
            width,
            height,
            margin_x: 38.0,
            margin_top: 38.0,
            margin_bottom: 50.0,
        }
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    fn column_width(&self) -> f32 {
        (self.content_width() - GUTTER) / 2.0
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }

    /// The height text may fill on a page.
    pub(crate) fn content_height(&self) -> f32 {
        self.bottom() - self.margin_top
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
    /// Set in two columns.
    column: bool,
    /// A whole block (a box, a table) that satisfies the keep of what precedes it.
    whole: bool,
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
    /// The left edge and width of the current frame: the page, or a column.
    x0: f32,
    width: f32,
    accent: Rgb,
    accent_soft: Rgb,
    /// The logo's size on the page, drawn beside the first heading.
    logo: Option<(f32, f32)>,
}

/// What a document's pages carry besides its blocks: the brand's accent colour,
/// logo and footer line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decor {
    pub(crate) accent: Option<Rgb>,
    /// The logo's width and height in pixels.
    pub(crate) logo: Option<(u32, u32)>,
    /// The footer's left-hand text; the document title when empty.
    pub(crate) footer: String,
}

/// The most room a logo takes beside the title, in points.
const LOGO_MAX: (f32, f32) = (150.0, 36.0);

/// Characters wider than this many points in a row never get a break inside
/// them except when they do not fit a line at all.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A laid-out document: its pages, and how full each page is (0 to 1).
pub(crate) struct Laid {
    pub(crate) pages: Vec<Page>,
    pub(crate) fill: Vec<f32>,
    pub(crate) warnings: Vec<String>,
}

/// Lays out `doc` on pages of `geo`.
pub(crate) fn layout(doc: &Document, geo: Geometry, decor: &Decor) -> Laid {
    let mut l = Layout::new(geo, decor);
    let mut units: Vec<Unit> = Vec::new();
    let has_h1 = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if !has_h1 {
        units.extend(l.heading(1, &[Span::Text(doc.title.clone())], true));
    }
    units.extend(l.blocks(&doc.blocks, !has_h1));
    let plan = paginate::paginate(&units, geo);
    let count = plan.pages.len();
    let footer = if decor.footer.is_empty() {
        &doc.title
    } else {
        &decor.footer
    };
    let mut pages = Vec::with_capacity(count);
    for (n, placed) in plan.pages.iter().enumerate() {
        let mut page = Page::default();
        for p in placed {
            let u = match &p.header {
                Some(head) => head,
                None => &units[p.unit],
            };
            page.items
                .extend(u.items.iter().map(|d| d.shifted(p.dx, p.y)));
        }
        page.items.extend(l.footer(footer, n + 1, count));
        pages.push(page);
    }
    Laid {
        pages,
        fill: plan.fill,
        warnings: l.warnings,
    }
}

/// The logo's size on the page: as large as fits [`LOGO_MAX`], keeping its shape.
fn logo_size(w: u32, h: u32) -> (f32, f32) {
    let (w, h) = (w.max(1) as f32, h.max(1) as f32);
    let scale = (LOGO_MAX.0 / w).min(LOGO_MAX.1 / h);
    (w * scale, h * scale)
}

impl Layout<'_> {
    fn new(geo: Geometry, decor: &Decor) -> Layout<'static> {
        let accent = decor.accent.unwrap_or(ACCENT);
        Layout {
            fonts: fonts(),
            geo,
            warnings: Vec::new(),
            missing: Vec::new(),
            x0: geo.margin_x,
            width: geo.content_width(),
            accent,
            // Half-way to white: the quote bar and other quiet marks.
            accent_soft: accent.map(|c| c + (1.0 - c) * 0.5),
            logo: decor.logo.map(|(w, h)| logo_size(w, h)),
        }
    }

    /// Lays out blocks in the current frame (the page, a column, a box).
    fn blocks(&mut self, blocks: &[Block], mut after_heading: bool) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        let mut previous: Option<&Block> = None;
        for block in blocks {
            let first = units.is_empty();
            let mut new = match block {
                Block::Heading { level, spans } => self.heading(*level, spans, first),
                Block::Paragraph(spans) => {
                    let body = self.body();
                    let mut u = self.text_units(spans, body, self.x0, self.width);
                    if let Some(u) = u.first_mut() {
                        u.space_before = 3.5;
                    }
                    u
                }
                Block::List(items) => self.list(items),
                Block::Quote(spans) => self.quote(spans),
                Block::Table { header, rows } => self.table(header, rows),
                Block::Rule => vec![self.rule()],
                Block::PageBreak => vec![Unit {
                    page_break: true,
                    ..Unit::default()
                }],
                Block::Box(inner) => self.boxed(inner),
                Block::Lines(labels) => self.ruled_lines(labels),
                Block::Columns(inner) => self.columns(inner),
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
                prev.keep = prev.keep.max(1);
            }
            // Nor does a short paragraph that closes a list (a note under bullets).
            if matches!(block, Block::Paragraph(_))
                && new.len() <= 3
                && matches!(previous, Some(Block::List(_)))
                && let Some(prev) = units.last_mut()
            {
                prev.keep = prev.keep.max(new.len());
            }
            previous = Some(block);
            units.extend(new);
        }
        units
    }

    /// Blocks set in two columns: laid out at column width, placed by pagination.
    fn columns(&mut self, inner: &[Block]) -> Vec<Unit> {
        let (x0, width) = (self.x0, self.width);
        self.width = self.geo.column_width();
        let mut units = self.blocks(inner, false);
        (self.x0, self.width) = (x0, width);
        for u in &mut units {
            u.column = true;
        }
        if let Some(u) = units.first_mut() {
            u.space_before = u.space_before.max(6.0);
        }
        units
    }
}

#[cfg(test)]
mod tests {
    use super::table::column_widths;
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
        let mut l = Layout::new(Geometry::new(595.28, 841.89), &Decor::default());
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
