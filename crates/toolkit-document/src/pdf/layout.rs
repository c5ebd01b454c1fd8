//! Rebuilding lines from placed glyphs: baselines, gaps, segments and columns.

use std::cell::OnceCell;
use std::collections::HashSet;

use super::content::{Glyph, Mark, Page};

/// A line as laid out, in one column of a page.
pub(super) struct LaidLine {
    pub(super) text: String,
    /// The largest font size on the line.
    pub(super) size: f32,
    /// The font size of the line's first glyph.
    pub(super) lead_size: f32,
    /// The left and right edges and the baseline, in points.
    pub(super) x: f32,
    pub(super) x1: f32,
    pub(super) y: f32,
    /// Every glyph with letters is set in a bold face.
    pub(super) bold: bool,
    /// The bold words that start a line set in a regular face (a run-in heading,
    /// "**Skills** Python, Go"), if any.
    pub(super) lead: Option<String>,
    /// The line starts with a list bullet (a bullet character or a bullet-sized
    /// shape just before it); the bullet is not part of `text`, and `x` is where
    /// the item's text starts.
    pub(super) bullet: bool,
    /// The bullet character, when the bullet is one (not a drawn shape).
    pub(super) mark: Option<char>,
    /// 0 on a page without columns or for a line across the gutter, else 1 for the
    /// left column and 2 for the right one.
    pub(super) column: u8,
}

/// A gap this many ems wide ends a run of words: wider than any space between
/// words, even in justified text.
const WORD_GAP: f32 = 1.5;
/// Runs closer than this many ems read as one piece of a row (a date after a job
/// title) unless a column gutter runs between them.
const CELL_GAP: f32 = 2.5;
/// Over a narrow gutter found from the lines' gaps, a gap this many ems wide ends a run.
const NARROW_GUTTER_GAP: f32 = 0.3;
/// Over a gutter found among the cells, a gap this many ems wide ends a run: wider
/// than a word space, so a line that spans the columns stays whole.
const SPLIT_GUTTER_GAP: f32 = 0.6;

/// A horizontal run of glyphs on one line, separated from others by a wide gap.
struct Segment {
    line: usize,
    x0: f32,
    x1: f32,
    y: f32,
    text: String,
    size: f32,
    /// The size of its first glyph.
    lead_size: f32,
    bold: bool,
    /// Where the bold words that start the segment end in `text`, once a regular
    /// letter follows them.
    lead: Option<usize>,
    bullet: bool,
    /// The bullet character that starts the segment, if it is one.
    mark: Option<char>,
}

impl Segment {
    fn new(line: usize, g: &Glyph, bullet: bool) -> Segment {
        Segment {
            line,
            x0: g.x0,
            x1: g.x1,
            y: g.y,
            text: g.text.to_string(),
            size: g.size,
            lead_size: g.size,
            bold: g.bold || !g.text.chars().any(char::is_alphanumeric),
            lead: None,
            bullet,
            mark: None,
        }
    }

    /// Whether the segment runs across the gutter `(g0, g1)` from one column to the other.
    fn spans(&self, (g0, g1): (f32, f32)) -> bool {
        self.x0 < g0 && self.x1 > g1
    }

    /// Whether the segment belongs to the column right of the gutter `(g0, g1)`.
    fn right_of(&self, (g0, g1): (f32, f32)) -> bool {
        (self.x0 + self.x1) / 2.0 >= (g0 + g1) / 2.0
    }
}

/// Characters that mark a list item when they start a line: bullets, LaTeX's
/// markers of nested lists (an en dash, then an asterisk), and the private-use
/// bullets of the Symbol and Wingdings fonts that Word and LibreOffice use (U+F0B7
/// is Symbol's bullet).
pub(super) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '‣'
            | '∙'
            | '⋄'
            | '·'
            | '–'
            | '∗'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F076}'
            | '\u{F0D8}'
            | '\u{F0FC}'
            | '\u{F06C}'
            | '\u{F06E}'
    )
}

fn is_bullet_glyph(g: &Glyph) -> bool {
    let mut chars = g.text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_bullet(c))
}

/// Groups a page's glyphs into lines by baseline, orders them by x, inserts spaces
/// at gaps, and reads two columns one after the other when the page has a gutter.
/// A bullet character or a bullet-sized shape just before a line's text makes the
/// line a list item.
pub(super) fn layout(page: Page) -> Vec<LaidLine> {
    let Page { mut glyphs, marks } = page;
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
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    let narrow = narrow_gutter(&lines);
    let mut segments = runs(&lines, narrow.map(|(g0, g1)| (g0, g1, NARROW_GUTTER_GAP)));
    mark_bullets(&mut segments, &marks);
    // The gutter is looked for among cells (runs of words closer than [`CELL_GAP`],
    // not across a narrow gutter); without one, the cells are read row by row.
    let cells = merge_runs(&segments, narrow);
    let Some(gutter) = find_gutter(&cells) else {
        return order(cells, None);
    };
    // A gutter found among the cells that a few runs still cross: those rows share
    // a baseline across the columns, and a gutter narrower than a word gap (Typst's
    // two columns) left their words in one run. Where the gap inside the gutter is
    // wider than any word space, the row is read again in two.
    if narrow.is_none() && segments.iter().any(|s| s.spans(gutter)) {
        segments = runs(&lines, Some((gutter.0, gutter.1, SPLIT_GUTTER_GAP)));
        mark_bullets(&mut segments, &marks);
    }
    order(segments, Some(gutter))
}

/// Cuts each line into runs of glyphs at gaps of [`WORD_GAP`] ems, and at gaps over
/// `gutter` (its band, and the gap in ems that ends a run there) when there is one.
fn runs(lines: &[Vec<Glyph>], gutter: Option<(f32, f32, f32)>) -> Vec<Segment> {
    let over = |x0: f32, x1: f32, gap: f32, em: f32| {
        gutter.is_some_and(|(g0, g1, min)| x0 <= g1 && x1 >= g0 && gap >= em * min)
    };
    let mut segments: Vec<Segment> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let mut current: Option<Segment> = None;
        let mut last: Option<&Glyph> = None;
        // A bullet glyph seen at the start of a segment, waiting for its text.
        let mut bullet: Option<&Glyph> = None;
        for g in line {
            // Fake bold draws the same glyph two or three times, slightly shifted.
            if let Some(prev) = last
                && prev.text == g.text
                && (g.x0 - prev.x0).abs() < g.size * 0.1
            {
                continue;
            }
            let gap = last.map(|p| g.x0 - p.x1).unwrap_or(0.0);
            let em = g.size.max(1.0);
            if let Some(b) = bullet {
                if g.text.trim().is_empty() {
                    continue;
                }
                bullet = None;
                if g.x0 - b.x1 < em * 4.0 {
                    if let Some(seg) = current.take() {
                        segments.push(seg);
                    }
                    current = Some(Segment {
                        mark: b.text.chars().next(),
                        ..Segment::new(index, g, true)
                    });
                    last = Some(g);
                    continue;
                }
            }
            let wide = gap >= em * WORD_GAP || last.is_some_and(|p| over(p.x1, g.x0, gap, em));
            let starts = current.is_none() || wide;
            if starts && is_bullet_glyph(g) {
                if let Some(seg) = current.take() {
                    segments.push(seg);
                }
                bullet = Some(g);
                last = Some(g);
                continue;
            }
            match &mut current {
                Some(seg) if !wide => {
                    let space =
                        gap > em * 0.15 && !seg.text.ends_with(' ') && !g.text.starts_with(' ');
                    if space {
                        seg.text.push(' ');
                    }
                    let regular = !g.bold && g.text.chars().any(char::is_alphanumeric);
                    if seg.bold && regular {
                        seg.lead = Some(seg.text.len());
                    }
                    seg.text.push_str(&g.text);
                    seg.x1 = seg.x1.max(g.x1);
                    seg.size = seg.size.max(g.size);
                    seg.bold &= !regular;
                }
                _ => {
                    if let Some(seg) = current.take() {
                        segments.push(seg);
                    }
                    current = Some(Segment::new(index, g, false));
                }
            }
            last = Some(g);
        }
        segments.extend(current);
    }
    // Whitespace-only segments (spaces drawn at the end of a line) carry no text.
    segments.retain(|s| !s.text.trim().is_empty());
    segments
}

/// Makes a segment a list item when a bullet-sized shape sits just before it, on
/// its baseline (between the baseline and the top of its lower-case letters).
fn mark_bullets(segments: &mut [Segment], marks: &[Mark]) {
    if marks.is_empty() {
        return;
    }
    // Segments are in line order, top of the page first: each line's range.
    let mut starts: Vec<usize> = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        if i == 0 || segments[i - 1].line != s.line {
            starts.push(i);
        }
    }
    starts.push(segments.len());
    for mark in marks {
        let cy = (mark.y0 + mark.y1) / 2.0;
        // The first line whose baseline is at or below the mark's top.
        let first = starts[..starts.len() - 1].partition_point(|&i| segments[i].y > mark.y1 + 1.0);
        for w in starts[first..].windows(2).take(2) {
            let line = &mut segments[w[0]..w[1]];
            let Some(size) = line.first().map(|s| s.size.max(1.0)) else {
                continue;
            };
            let y = line[0].y;
            if !(cy >= y - size * 0.1 && cy <= y + size * 0.75) {
                continue;
            }
            // The nearest segment to the right of the mark, close enough to be its
            // text; a mark under or inside text is something else.
            let next = line
                .iter()
                .enumerate()
                .filter(|(_, s)| s.x0 >= mark.x1 - size * 0.2)
                .min_by(|(_, a), (_, b)| a.x0.total_cmp(&b.x0))
                .map(|(k, s)| (k, s.x0));
            let covered = line
                .iter()
                .any(|s| s.x0 < mark.x1 - size * 0.2 && s.x1 > mark.x0);
            if let Some((k, x0)) = next
                && x0 - mark.x1 <= size * 3.0
                && !covered
            {
                line[k].bullet = true;
            }
            break;
        }
    }
}

/// Orders segments into lines: with a column gutter, the left column's lines come
/// before the right column's, block by block between lines that span the gutter.
///
/// With a gutter the segments are the finer runs, split between the columns, so a
/// sidebar line that ends close to the gutter does not take the main column's words
/// with it; without one they are cells, read row by row.
fn order(segments: Vec<Segment>, gutter: Option<(f32, f32)>) -> Vec<LaidLine> {
    let join = |parts: &[&Segment], column: u8| -> Option<LaidLine> {
        let first = parts.first()?;
        let mut text = String::new();
        for (i, s) in parts.iter().enumerate() {
            if i > 0 {
                text.push(' ');
                // A bullet inside a row ("Go • Rust") stays in the text.
                if s.bullet {
                    text.push_str("• ");
                }
            }
            text.push_str(s.text.trim());
        }
        (!text.trim().is_empty()).then(|| LaidLine {
            text,
            size: parts.iter().map(|s| s.size).fold(0.0, f32::max),
            lead_size: first.lead_size,
            x: parts.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min),
            x1: parts.iter().map(|s| s.x1).fold(f32::NEG_INFINITY, f32::max),
            y: first.y,
            bold: parts.iter().all(|s| s.bold),
            lead: first.lead.map(|i| first.text[..i].to_string()),
            bullet: first.bullet,
            mark: first.mark,
            column,
        })
    };
    let mut out = Vec::new();
    let mut left: Vec<LaidLine> = Vec::new();
    let mut right: Vec<LaidLine> = Vec::new();
    let rows: Vec<&[Segment]> = segments.chunk_by(|a, b| a.line == b.line).collect();
    // For a table read as two columns: which rows have text right of the gutter
    // below them in their block, and which lines of the block so far have text on
    // each side.
    let right_below = gutter.map(|g| right_below(&rows, g)).unwrap_or_default();
    // (Rows come in order, so each list is sorted.)
    let (mut left_lines, mut right_lines): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    // Section headings on the left inside the block, with more right-hand text below
    // them (a second table after a heading): where each starts in `left`, and its
    // baseline.
    let mut inner: Vec<(usize, f32)> = Vec::new();
    for (row, parts) in rows.iter().enumerate() {
        let line = parts[0].line;
        let parts: Vec<&Segment> = parts.iter().collect();
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
                        label
                            || b.bullet
                            || gap > small * 8.0
                            || (gap > small * 2.0 && big > small * 1.5)
                    };
                    if split {
                        out.extend(join(&parts[start..k], 0));
                        start = k;
                    }
                }
            }
            Some(gutter) => {
                let spans = parts.iter().any(|s| s.spans(gutter));
                let (r, l): (Vec<&Segment>, Vec<&Segment>) =
                    parts.iter().partition(|s| s.right_of(gutter));
                // A section heading on the left under the end of a table whose cells
                // wrap starts a block of its own: the table's right-hand cells are
                // read before it, not after the next section.
                let heading = r.is_empty() && l.iter().all(|s| names_section(&s.text));
                let after_table =
                    heading && !right_below[row] && wrapped_cells(&left_lines, &right_lines);
                if spans || after_table {
                    // Tables stacked under headings of their own are read table by
                    // table: a heading inside the block comes after the right-hand
                    // cells above it.
                    let stacked = if after_table { inner.as_slice() } else { &[] };
                    flush(&mut out, &mut left, &mut right, stacked);
                    inner.clear();
                    left_lines.clear();
                    right_lines.clear();
                } else if heading {
                    inner.push((left.len(), parts[0].y));
                }
                if spans {
                    out.extend(join(&parts, 0));
                } else {
                    if !l.is_empty() {
                        left_lines.push(line);
                    }
                    if !r.is_empty() {
                        right_lines.push(line);
                    }
                    left.extend(join(&l, 1));
                    right.extend(join(&r, 2));
                }
            }
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

/// Merges the runs of each line that are less than [`CELL_GAP`] apart; a bullet
/// always starts a new cell.
fn merge_runs(runs: &[Segment], narrow: Option<(f32, f32)>) -> Vec<Segment> {
    let over = |x0: f32, x1: f32| narrow.is_some_and(|(g0, g1)| x0 <= g1 && x1 >= g0);
    let mut out: Vec<Segment> = Vec::with_capacity(runs.len());
    for run in runs {
        match out.last_mut() {
            Some(cell)
                if cell.line == run.line
                    && !run.bullet
                    && !over(cell.x1, run.x0)
                    && run.x0 - cell.x1 < run.size.max(1.0) * CELL_GAP =>
            {
                cell.text.push(' ');
                cell.text.push_str(&run.text);
                cell.x1 = cell.x1.max(run.x1);
                cell.size = cell.size.max(run.size);
                if cell.bold && !run.bold && cell.lead.is_none() {
                    cell.lead = Some(cell.text.len());
                }
                cell.bold &= run.bold;
            }
            _ => out.push(Segment {
                text: run.text.clone(),
                ..*run
            }),
        }
    }
    out
}

/// Finds a column gutter too narrow to end a run of words (LaTeX's `twocolumn`
/// leaves 10 points): the x band where the most lines leave a gap wider than a
/// word space, when at least eight lines and 70 % of the lines with text on both
/// sides of it do. Word spaces of justified text wander from line to line; a gutter
/// stays put.
fn narrow_gutter(lines: &[Vec<Glyph>]) -> Option<(f32, f32)> {
    let ink = |line: &[Glyph]| -> Vec<(f32, f32, f32)> {
        line.iter()
            .filter(|g| !g.text.trim().is_empty())
            .map(|g| (g.x0, g.x1, g.size.max(1.0)))
            .collect()
    };
    let all: Vec<(f32, f32, f32)> = lines.iter().flat_map(|l| ink(l)).collect();
    let min_x = all.iter().map(|g| g.0).fold(f32::INFINITY, f32::min);
    let max_x = all.iter().map(|g| g.1).fold(f32::NEG_INFINITY, f32::max);
    let width = max_x - min_x;
    if !(width.is_finite() && width > 100.0) {
        return None;
    }
    // One-point bins, counted with difference arrays: linear in the glyphs.
    let bins = (width.ceil() as usize).clamp(1, 2_000);
    let scale = bins as f32 / width;
    let bin = |x: f32| (((x - min_x) * scale).max(0.0) as usize).min(bins);
    let mut gaps = vec![0i64; bins + 1];
    let mut across = vec![0i64; bins + 1];
    for line in lines {
        let glyphs = ink(line);
        let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else {
            continue;
        };
        if bin(first.1) < bin(last.0) {
            across[bin(first.1)] += 1;
            across[bin(last.0)] -= 1;
        }
        for w in glyphs.windows(2) {
            let (p, g) = (w[0], w[1]);
            if g.0 - p.1 >= g.2 * 0.6 {
                gaps[bin(p.1)] += 1;
                gaps[bin(g.0)] -= 1;
            }
        }
    }
    let sum = |d: &[i64]| -> Vec<i64> {
        d.iter()
            .scan(0i64, |acc, v| {
                *acc += v;
                Some(*acc)
            })
            .collect()
    };
    let (gaps, across) = (sum(&gaps), sum(&across));
    // Among the bands where enough lines leave a gap, the one where most do: the
    // gaps between a table's columns inside one column may be more, but fewer of
    // the lines around them leave one.
    let qualifies = |bin: usize| {
        let centre = min_x + bin as f32 / scale;
        gaps[bin] >= 8
            && gaps[bin] * 10 >= across[bin] * 7
            && centre >= min_x + width * 0.25
            && centre <= max_x - width * 0.25
    };
    let (peak_bin, &peak) = gaps
        .iter()
        .enumerate()
        .filter(|&(bin, _)| qualifies(bin))
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    let (mut lo, mut hi) = (peak_bin, peak_bin + 1);
    while lo > 0 && gaps[lo - 1] * 5 >= peak * 4 {
        lo -= 1;
    }
    while hi < bins && gaps[hi] * 5 >= peak * 4 {
        hi += 1;
    }
    Some((min_x + lo as f32 / scale, min_x + hi as f32 / scale))
}

/// The width of the bins in which [`find_gutter`] counts segments, in points.
const GUTTER_STEP: f32 = 2.0;

/// Finds a vertical gutter: an x band that few segments cross, with enough lines on
/// both sides that are not row-aligned with each other (aligned rows are a table or
/// a date column, which read best as whole lines), unless each side has a section
/// heading of its own (a sidebar).
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
    let step = GUTTER_STEP;
    // Which segments name a known section, worked out once a page when a band needs it.
    let headings = OnceCell::new();
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
        let mut g0 = min_x + start as f32 * step;
        let mut g1 = min_x + k as f32 * step;
        // Beside a short column, the column itself has low cover and the band is
        // wider than any gutter: the gutter ends where two or more segments start
        // (and begins where two or more end).
        let trim = g1 - g0 > width * 0.25;
        let starts: Vec<f32> = segments
            .iter()
            .map(|s| s.x0)
            .filter(|&x| x > g0 + step && x < g1)
            .collect();
        if trim && starts.len() >= 2 {
            g1 = starts.iter().copied().fold(g1, f32::min);
        }
        let ends: Vec<f32> = segments
            .iter()
            .map(|s| s.x1)
            .filter(|&x| x > g0 && x < g1 - step)
            .collect();
        if trim && ends.len() >= 2 {
            g0 = ends.iter().copied().fold(g0, f32::max);
        }
        // A narrow band is read as it is first; if that does not make two columns,
        // it may run on over the indent of the next column's list items, and it is
        // tried again ending at that column's edge, where its headings start.
        let edge = shared_edge(&starts).filter(|_| !trim);
        let found = columns_beside(segments, &headings, (g0, g1), (min_x, max_x))
            .map(|n| (n, (g0, g1)))
            .or_else(|| {
                let band = (g0, edge?);
                columns_beside(segments, &headings, band, (min_x, max_x)).map(|n| (n, band))
            });
        if let Some((smaller, band)) = found
            && best.is_none_or(|(score, _)| smaller > score)
        {
            best = Some((smaller, band));
        }
    }
    best.map(|(_, g)| g)
}

/// Whether the band `(g0, g1)` of a page whose text spans `(min_x, max_x)` is a
/// gutter between two columns: the number of lines of the shorter column if so.
/// `headings` holds, once filled, which segments name a known section.
fn columns_beside(
    segments: &[Segment],
    headings: &OnceCell<Vec<bool>>,
    (g0, g1): (f32, f32),
    (min_x, max_x): (f32, f32),
) -> Option<usize> {
    let step = GUTTER_STEP;
    let width = max_x - min_x;
    let centre = (g0 + g1) / 2.0;
    if g1 - g0 < 6.0 || centre < min_x + width * 0.2 || centre > max_x - width * 0.2 {
        return None;
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
    if smaller < 3 {
        return None;
    }
    // Two columns that each have a section heading of their own (a sidebar with
    // Skills and Education beside Experience) are independent, however their
    // rows happen to line up: a sidebar in the body size and line height shares
    // many baselines with the main column, and may be much shorter than it:
    // two lines side by side are enough.
    let headings =
        headings.get_or_init(|| segments.iter().map(|s| may_name_section(&s.text)).collect());
    let headed = |side: &dyn Fn(&Segment) -> bool| {
        segments
            .iter()
            .zip(headings)
            .any(|(s, &heading)| heading && side(s))
    };
    let headed_left = headed(&|s| s.x1 <= g0 + step);
    let headed_right = headed(&|s| s.x0 >= g1 - step);
    if headed_left && headed_right {
        let rows = |lines: &HashSet<usize>| -> (usize, usize) {
            let lo = lines.iter().copied().min().unwrap_or(0);
            let hi = lines.iter().copied().max().unwrap_or(0);
            (lo, hi)
        };
        let ((l0, l1), (r0, r1)) = (rows(&left), rows(&right));
        let (top, bottom) = (l0.max(r0), l1.min(r1));
        let beside =
            |lines: &HashSet<usize>| lines.iter().filter(|&&l| l >= top && l <= bottom).count();
        if top > bottom || beside(&left) < 2 || beside(&right) < 2 {
            return None;
        }
    } else {
        // Otherwise rows on a shared grid are a table (dates or labels beside
        // entries), which reads best as whole lines.
        if smaller < 5 || aligned * 2 > smaller {
            return None;
        }
        // Both columns run down a good part of the page; a block beside the
        // name (contact details at the top right) is not a column. A stray page
        // number or running header at one end does not make a column.
        let span = |lines: &HashSet<usize>| {
            let mut sorted: Vec<usize> = lines.iter().copied().collect();
            sorted.sort_unstable();
            let n = sorted.len();
            if n < 3 { 0 } else { sorted[n - 2] - sorted[1] }
        };
        let total = segments.last().map(|s| s.line).unwrap_or(0);
        // A short second column at the top of a page (where the text of a two-column
        // page runs out) is set as the first is: three or more of its lines start at
        // one left edge and fill its width. Contact lines beside a name do not.
        let short_column = || {
            let side: Vec<&Segment> = segments.iter().filter(|s| s.x0 >= g1 - step).collect();
            let edge = side.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min);
            let width = max_x - edge;
            side.iter()
                .filter(|s| s.x0 - edge < 1.0 && s.x1 - s.x0 >= width * 0.8)
                .count()
                >= 3
        };
        if span(&left) * 5 < total * 2 || span(&right) * 5 < total * 2 && !short_column() {
            return None;
        }
    }
    Some(smaller)
}

/// Appends a block's lines to `out`: its left column, then its right one. Where
/// headings on the left split the block (`inner`: where each starts in `left`, and
/// its baseline), each part of the left column is followed by the right-hand lines
/// above the next heading.
fn flush(
    out: &mut Vec<LaidLine>,
    left: &mut Vec<LaidLine>,
    right: &mut Vec<LaidLine>,
    inner: &[(usize, f32)],
) {
    let mut lefts = left.drain(..);
    let mut rights = right.drain(..).peekable();
    let mut taken = 0;
    for &(at, y) in inner {
        out.extend(lefts.by_ref().take(at - taken));
        taken = at;
        while let Some(line) = rights.next_if(|line| line.y > y) {
            out.push(line);
        }
    }
    out.extend(lefts);
    out.extend(rights);
}

/// For each row, whether a row below it in its block (up to the next row that
/// spans the gutter) has text right of the gutter.
fn right_below(rows: &[&[Segment]], gutter: (f32, f32)) -> Vec<bool> {
    let mut out = vec![false; rows.len()];
    let mut seen = false;
    for (row, parts) in rows.iter().enumerate().rev() {
        out[row] = seen;
        if parts.iter().any(|s| s.spans(gutter)) {
            seen = false;
        } else if parts.iter().any(|s| s.right_of(gutter)) {
            seen = true;
        }
    }
    out
}

/// Whether a segment's text is short and holds the name of a known section: the
/// lenient test by which a column has a heading of its own.
fn may_name_section(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 40 && crate::classify_heading(text).is_some()
}

/// Whether a segment's text reads as the name of a known section: [`may_name_section`],
/// neither starting in lower case nor ending a sentence or a list entry.
fn names_section(text: &str) -> bool {
    let text = text.trim();
    !text.starts_with(char::is_lowercase)
        && !text.ends_with(['.', ',', ';'])
        && may_name_section(text)
}

/// Whether the lines left and right of a band are the cells of a table whose cells
/// wrap: between the first and the last line of the side with fewer (three or more),
/// the other side has at least twice as many (long cells wrapping beside a short
/// cell's two or three lines, whether the short cell starts on the long one's first
/// baseline or not). Two columns of running text each fill most of the lines where
/// they run, so neither leaves such gaps.
/// `left` and `right` are the lines with text on each side, in order.
fn wrapped_cells(left: &[usize], right: &[usize]) -> bool {
    let (sparse, dense) = if left.len() <= right.len() {
        (left, right)
    } else {
        (right, left)
    };
    let (Some(&top), Some(&bottom)) = (sparse.first(), sparse.last()) else {
        return false;
    };
    let beside = dense.iter().filter(|&&l| l >= top && l <= bottom).count();
    sparse.len() >= 3 && beside >= sparse.len() * 2
}

/// The leftmost x at which two or more of `starts` begin, within half a point: a
/// column's left edge.
fn shared_edge(starts: &[f32]) -> Option<f32> {
    let mut sorted = starts.to_vec();
    sorted.sort_by(f32::total_cmp);
    sorted.windows(2).find(|w| w[1] - w[0] <= 0.5).map(|w| w[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines' text in reading order, with the gutter the cells show.
    fn read_order(segs: Vec<Segment>) -> Vec<String> {
        let cells = merge_runs(&segs, None);
        let laid = match find_gutter(&cells) {
            Some(gutter) => order(segs, Some(gutter)),
            None => order(cells, None),
        };
        laid.into_iter().map(|l| l.text).collect()
    }

    fn seg(line: usize, x0: f32, x1: f32, text: &str) -> Segment {
        Segment {
            line,
            x0,
            x1,
            y: 700.0 - line as f32 * 12.0,
            text: text.to_string(),
            size: 10.0,
            lead_size: 10.0,
            bold: false,
            lead: None,
            bullet: false,
            mark: None,
        }
    }

    #[test]
    fn two_columns_read_one_after_the_other() {
        let mut segs = vec![seg(0, 50.0, 550.0, "Jane Doe — a header across the page")];
        for i in 1..8 {
            segs.push(seg(i * 2 - 1, 50.0, 200.0, &format!("left {i}")));
            segs.push(seg(i * 2, 300.0, 550.0, &format!("right {i}")));
        }
        let got = read_order(segs);
        assert_eq!(got[0], "Jane Doe — a header across the page");
        assert_eq!(got[1], "left 1");
        assert_eq!(got[7], "left 7");
        assert_eq!(got[8], "right 1");
    }

    #[test]
    fn a_section_after_a_table_of_wrapped_cells_follows_the_table() {
        let text =
            |laid: Vec<LaidLine>| -> Vec<String> { laid.into_iter().map(|l| l.text).collect() };
        // Dates and employers on the left, each row's duties wrapping on the right;
        // then the next section in one column, under the end of the table.
        let table = vec![
            seg(0, 50.0, 100.0, "When"),
            seg(0, 300.0, 400.0, "What I did"),
            seg(1, 50.0, 150.0, "2021 – now"),
            seg(1, 300.0, 550.0, "Wrote API tests for"),
            seg(2, 50.0, 150.0, "Vela Bookings"),
            seg(2, 300.0, 550.0, "140 endpoints."),
            seg(3, 300.0, 550.0, "Built fixtures"),
            seg(4, 300.0, 550.0, "in SQL."),
            seg(5, 300.0, 550.0, "Ran the reviews"),
            seg(6, 300.0, 550.0, "every week."),
            seg(7, 50.0, 150.0, "2019 – 2021"),
            seg(7, 300.0, 550.0, "Tested releases"),
            seg(8, 300.0, 550.0, "on Windows."),
            seg(9, 50.0, 100.0, "Skills"),
            seg(10, 50.0, 150.0, "Python, SQL"),
        ];
        let got = text(order(table, Some((200.0, 290.0))));
        assert_eq!(
            got,
            [
                "When",
                "2021 – now",
                "Vela Bookings",
                "2019 – 2021",
                "What I did",
                "Wrote API tests for",
                "140 endpoints.",
                "Built fixtures",
                "in SQL.",
                "Ran the reviews",
                "every week.",
                "Tested releases",
                "on Windows.",
                "Skills",
                "Python, SQL",
            ]
        );
        // The same when the short cells sit between the long cells' baselines
        // (wkhtmltopdf): a role, its dates and its employer beside each job's duties.
        let left = [2, 4, 6, 16, 18, 20];
        let mut offset = Vec::new();
        for line in 0..26 {
            if let Some(k) = left.iter().position(|&l| l == line) {
                offset.push(seg(line, 50.0, 150.0, &format!("role {k}")));
            } else {
                offset.push(seg(line, 300.0, 550.0, &format!("duty {line}")));
            }
        }
        offset.push(seg(26, 50.0, 100.0, "Skills"));
        let got = text(order(offset, Some((200.0, 290.0))));
        assert_eq!(got[5], "role 5");
        assert_eq!(got[6], "duty 0");
        assert_eq!(got[26], "Skills");
        // Tables stacked under headings: projects whose descriptions wrap, then a
        // heading and a skills table, then the next section. Each table's right-hand
        // cells are read under its own heading.
        let mut stacked = Vec::new();
        for (k, name) in ["setlist-api", "cue-timer", "loudcheck"].iter().enumerate() {
            stacked.push(seg(k * 4, 50.0, 150.0, name));
            for line in k * 4..k * 4 + 4 {
                stacked.push(seg(line, 300.0, 550.0, &format!("what {line}")));
            }
        }
        stacked.push(seg(12, 50.0, 100.0, "Skills"));
        stacked.push(seg(13, 50.0, 150.0, "Languages"));
        stacked.push(seg(13, 300.0, 550.0, "Go, Python"));
        stacked.push(seg(14, 50.0, 150.0, "Data"));
        stacked.push(seg(14, 300.0, 550.0, "PostgreSQL"));
        stacked.push(seg(15, 50.0, 100.0, "Education"));
        let got = text(order(stacked, Some((200.0, 290.0))));
        assert_eq!(got[3], "what 0");
        assert_eq!(got[14], "what 11");
        assert_eq!(
            got[15..],
            [
                "Skills",
                "Languages",
                "Data",
                "Go, Python",
                "PostgreSQL",
                "Education"
            ]
        );
        // Two columns of running text: the right one ends first, and a heading in
        // the left one below its end does not cut the left column in two.
        let mut flow = Vec::new();
        for line in 0..10 {
            let left = if line == 7 {
                "Projects".to_string()
            } else {
                format!("left {line}")
            };
            flow.push(seg(line, 50.0, 200.0, &left));
            if line < 5 {
                flow.push(seg(line, 300.0, 550.0, &format!("right {line}")));
            }
        }
        let got = text(order(flow, Some((200.0, 290.0))));
        assert_eq!(got[7], "Projects");
        assert_eq!(got[10], "right 0");
    }

    #[test]
    fn aligned_rows_stay_whole_lines() {
        let mut segs = Vec::new();
        for i in 0..10 {
            segs.push(seg(i, 50.0, 120.0, "2019–2021"));
            segs.push(seg(i, 150.0, 550.0, "Backend intern"));
        }
        let got = read_order(segs);
        assert_eq!(got[0], "2019–2021 Backend intern");
    }

    /// Glyphs of `text` set from `x` on baseline `y` in 10-point type, 5 points a
    /// character.
    fn glyphs(x: f32, y: f32, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .filter(|(_, c)| *c != ' ')
            .map(|(i, c)| Glyph {
                text: c.to_string().into(),
                x0: x + i as f32 * 5.0,
                x1: x + (i + 1) as f32 * 5.0,
                y,
                size: 10.0,
                bold: false,
            })
            .collect()
    }

    /// A page that opens with a heading over each of two columns, at x 50 and 290.
    fn headed_columns() -> Page {
        let mut drawn = glyphs(50.0, 700.0, "Experience");
        drawn.extend(glyphs(290.0, 700.0, "Skills"));
        Page {
            glyphs: drawn,
            marks: Vec::new(),
        }
    }

    #[test]
    fn a_row_shared_across_a_narrow_gutter_is_read_in_two() {
        // Two columns 10 points apart (less than a word gap), each with a heading;
        // the right column's lines sit between the left one's baselines except on
        // three rows, where each column's words reach the gutter.
        let mut page = headed_columns();
        for i in 1..30 {
            let y = 700.0 - 12.0 * i as f32;
            page.glyphs.extend(glyphs(
                50.0,
                y,
                &format!("left line {i:02} runs all the way on to the gutter"),
            ));
            let shared = i % 8 == 0;
            let text = format!("right {i:02} also runs to the page edge, far");
            page.glyphs
                .extend(glyphs(290.0, if shared { y } else { y - 6.0 }, &text));
        }
        let got: Vec<String> = layout(page).into_iter().map(|l| l.text).collect();
        let first_right = got.iter().position(|l| l.starts_with("Skills")).unwrap();
        assert_eq!(
            got[first_right - 1],
            "left line 29 runs all the way on to the gutter"
        );
        assert_eq!(got[8], "left line 08 runs all the way on to the gutter");
        assert_eq!(
            got[first_right + 8],
            "right 08 also runs to the page edge, far"
        );
        assert_eq!(got.len(), 60);
    }

    #[test]
    fn a_narrow_gutter_is_found_beside_a_table_with_more_gaps() {
        // Two columns 10 points apart; the left one opens with a table whose cells
        // leave a gap on thirty rows, more rows than the twenty beside which the
        // right column runs, but among lines that mostly have none there.
        let mut page = headed_columns();
        for i in 1..50 {
            let y = 700.0 - 12.0 * i as f32;
            if i < 30 {
                page.glyphs.extend(glyphs(50.0, y, &format!("cell {i:02}")));
                page.glyphs
                    .extend(glyphs(160.0, y, "runs up on to the gutter"));
            } else {
                page.glyphs.extend(glyphs(
                    50.0,
                    y,
                    &format!("left line {i:02} runs all the way on to the gutter"),
                ));
            }
            if i < 20 {
                page.glyphs.extend(glyphs(
                    290.0,
                    y,
                    &format!("right {i:02} runs to the page edge, far"),
                ));
            }
        }
        let got: Vec<String> = layout(page).into_iter().map(|l| l.text).collect();
        let first_right = got.iter().position(|l| l == "Skills").unwrap();
        assert_eq!(
            got[first_right - 1],
            "left line 49 runs all the way on to the gutter"
        );
        assert_eq!(got[first_right + 1], "right 01 runs to the page edge, far");
    }

    #[test]
    fn a_short_second_column_at_the_top_of_the_page_is_a_column() {
        // The last page of a two-column resume: the right column holds the end of
        // the text, three full lines, a heading no rule knows and an item, beside
        // the top of a long left column (their baselines do not line up).
        let mut segs = vec![seg(0, 50.0, 120.0, "Experience")];
        let right = [
            (300.0, 540.0, "the end of a story from the page before"),
            (300.0, 540.0, "which goes on for two more lines at the"),
            (300.0, 540.0, "top of the right column of this page."),
            (300.0, 380.0, "Elsewhere"),
            (312.0, 380.0, "Talk at a meetup"),
        ];
        for i in 1..30 {
            if let Some(&(x0, x1, text)) = right.get(i - 1) {
                segs.push(seg(2 * i - 1, x0, x1, text));
            }
            segs.push(seg(2 * i, 50.0, 280.0, &format!("left {i}")));
        }
        let got = read_order(segs);
        assert_eq!(got[29], "left 29");
        assert_eq!(got[30], "the end of a story from the page before");
    }

    #[test]
    fn a_gutter_ends_where_the_next_column_s_headings_start() {
        // The right column's list items (bullets drawn at 290) are indented past
        // its headings, so few segments cover the band between the left column
        // and the items: the gutter is the part of it before the headings.
        let mut segs = vec![
            seg(0, 50.0, 110.0, "Experience"),
            seg(0, 290.0, 320.0, "Skills"),
        ];
        for i in 1..20 {
            if i == 10 {
                // A heading sits between rows of the left column.
                segs.push(seg(i, 290.0, 335.0, "Languages"));
            } else {
                segs.push(seg(i, 50.0, 280.0, &format!("left {i}")));
                let mut item = seg(i, 302.0, 540.0, &format!("item {i}"));
                item.bullet = true;
                segs.push(item);
            }
        }
        let got = read_order(segs);
        assert_eq!(got[..3], ["Experience", "left 1", "left 2"]);
        assert_eq!(got[19..22], ["Skills", "item 1", "item 2"]);
    }
}
