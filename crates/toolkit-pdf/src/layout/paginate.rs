//! Pagination: units stacked top-down into pages and columns.
//!
//! A unit goes on the current page (or column) when it fits together with the
//! units it must keep; otherwise the next column or page starts. Two-column runs
//! are balanced where they end, and a last page left less than a third full
//! takes lines from the page before it.

use super::*;

/// Where one unit goes: its page position, from the top-left of the page.
#[derive(Debug)]
pub(super) struct Placed {
    pub(super) unit: usize,
    /// A repeated table header drawn instead of the unit itself.
    pub(super) header: Option<Rc<Unit>>,
    pub(super) dx: f32,
    pub(super) y: f32,
}

#[derive(Debug)]
pub(super) struct Plan {
    pub(super) pages: Vec<Vec<Placed>>,
    /// How full each page is, from 0 to 1.
    pub(super) fill: Vec<f32>,
    /// Whether each page was started by a page break rather than by overflow.
    forced: Vec<bool>,
}

/// The smallest share of a page the last page should fill.
const MIN_FILL: f32 = 1.0 / 3.0;

pub(super) fn paginate(units: &[Unit], geo: Geometry) -> Plan {
    let plan = flow(units, geo, None);
    let n = plan.pages.len();
    if n < 2 || plan.fill[n - 1] >= MIN_FILL || plan.forced[n - 1] {
        return plan;
    }
    // Move lines from the page before: end it a little higher each time, while it
    // stays at least half full.
    let prev_bottom = geo.margin_top + plan.fill[n - 2] * geo.content_height();
    for step in 1..=40 {
        let cap = prev_bottom - step as f32 * 6.0;
        if (cap - geo.margin_top) / geo.content_height() < 0.5 {
            break;
        }
        let tried = flow(units, geo, Some((n - 2, cap)));
        if tried.pages.len() != n {
            break;
        }
        if tried.fill[n - 1] >= MIN_FILL {
            return tried;
        }
    }
    plan
}

/// An open two-column run on the current page.
struct Region {
    top: f32,
    column: usize,
    /// Where the run starts in the current page's placements.
    start: usize,
}

struct Flow<'a> {
    units: &'a [Unit],
    geo: Geometry,
    cap: Option<(usize, f32)>,
    pages: Vec<Vec<Placed>>,
    bottoms: Vec<f32>,
    forced: Vec<bool>,
    y: f32,
    /// Nothing placed yet in the current column or page.
    frame_empty: bool,
    region: Option<Region>,
}

fn flow(units: &[Unit], geo: Geometry, cap: Option<(usize, f32)>) -> Plan {
    let mut f = Flow {
        units,
        geo,
        cap,
        pages: vec![Vec::new()],
        bottoms: vec![geo.margin_top],
        forced: vec![false],
        y: geo.margin_top,
        frame_empty: true,
        region: None,
    };
    // A page break starts a new page only when something follows it.
    let mut break_pending = false;
    for (i, u) in units.iter().enumerate() {
        if u.page_break {
            if f.region.is_some() {
                f.end_region();
            }
            break_pending |= !f.pages.last().expect("a page").is_empty();
            continue;
        }
        if break_pending {
            break_pending = false;
            f.new_page(true);
        }
        match (&f.region, u.column) {
            (None, true) => {
                let space = if f.page_empty() { 0.0 } else { u.space_before };
                f.y += space;
                f.region = Some(Region {
                    top: f.y,
                    column: 0,
                    start: f.pages.last().expect("a page").len(),
                });
                f.frame_empty = true;
            }
            (Some(_), false) => f.end_region(),
            _ => {}
        }
        let space = if f.frame_empty { 0.0 } else { u.space_before };
        let end = if u.column {
            region_end(units, i)
        } else {
            units.len()
        };
        if !f.frame_empty && f.y + space + chain_height(units, i, end) > f.bottom() {
            f.next_frame();
            if let Some(head) = &u.header {
                f.place(usize::MAX, Some(Rc::clone(head)));
            }
        }
        let space = if f.frame_empty { 0.0 } else { u.space_before };
        f.y += space;
        f.place(i, None);
    }
    if f.region.is_some() {
        f.end_region();
    }
    let h = geo.content_height();
    Plan {
        fill: f
            .bottoms
            .iter()
            .map(|b| ((b - geo.margin_top) / h).clamp(0.0, 1.0))
            .collect(),
        pages: f.pages,
        forced: f.forced,
    }
}

/// The index after the last unit of the two-column run holding unit `i`.
fn region_end(units: &[Unit], i: usize) -> usize {
    units[i..]
        .iter()
        .position(|u| !u.column || u.page_break)
        .map_or(units.len(), |n| i + n)
}

impl Flow<'_> {
    fn page_empty(&self) -> bool {
        self.pages.last().is_none_or(Vec::is_empty)
    }

    fn bottom(&self) -> f32 {
        match self.cap {
            Some((page, cap)) if page + 1 == self.pages.len() => cap,
            _ => self.geo.bottom(),
        }
    }

    fn dx(&self) -> f32 {
        self.region.as_ref().map_or(0.0, |r| {
            r.column as f32 * (self.geo.column_width() + GUTTER)
        })
    }

    fn place(&mut self, unit: usize, header: Option<Rc<Unit>>) {
        let height = header
            .as_ref()
            .map_or_else(|| self.units[unit].height, |h| h.height);
        let dx = self.dx();
        let page = self.pages.len() - 1;
        self.pages[page].push(Placed {
            unit,
            header,
            dx,
            y: self.y,
        });
        self.y += height;
        self.bottoms[page] = self.bottoms[page].max(self.y);
        self.frame_empty = false;
    }

    fn new_page(&mut self, forced: bool) {
        self.pages.push(Vec::new());
        self.bottoms.push(self.geo.margin_top);
        self.forced.push(forced);
        self.y = self.geo.margin_top;
        self.frame_empty = true;
        if let Some(r) = &mut self.region {
            r.top = self.y;
            r.column = 0;
            r.start = 0;
        }
    }

    /// The next column of a two-column run, else the next page.
    fn next_frame(&mut self) {
        match &mut self.region {
            Some(r) if r.column == 0 => {
                r.column = 1;
                self.y = r.top;
                self.frame_empty = true;
            }
            _ => self.new_page(false),
        }
    }

    /// Closes a two-column run: balances its two columns on the current page and
    /// continues below the longer one.
    fn end_region(&mut self) {
        let Some(r) = self.region.take() else {
            return;
        };
        let page = self.pages.len() - 1;
        let placed = &self.pages[page][r.start..];
        let ids: Vec<usize> = placed.iter().map(|p| p.unit).collect();
        if ids.is_empty() || placed.iter().any(|p| p.header.is_some()) {
            self.frame_empty = self.page_empty();
            return;
        }
        let room = self.bottom() - r.top;
        let lo = ids
            .iter()
            .map(|&i| self.units[i].height)
            .fold(0.0, f32::max);
        let split = |limit: f32| split_columns(self.units, &ids, limit);
        let (mut lo, mut hi) = (lo, room);
        if split(hi).is_none() {
            // What overflowed stays as it was placed.
            self.y = placed
                .iter()
                .map(|p| p.y + self.units[p.unit].height)
                .fold(r.top, f32::max);
            self.frame_empty = false;
            return;
        }
        while hi - lo > 1.0 {
            let mid = (lo + hi) / 2.0;
            if split(mid).is_some() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let positions = split(hi).expect("the upper bound fits");
        let column_dx = self.geo.column_width() + GUTTER;
        let mut bottom = r.top;
        for (placed, (column, y)) in self.pages[page][r.start..].iter_mut().zip(positions) {
            placed.dx = column as f32 * column_dx;
            placed.y = r.top + y;
            bottom = bottom.max(placed.y + self.units[placed.unit].height);
        }
        self.y = bottom;
        self.bottoms[page] = self.bottoms[page].max(bottom);
        self.frame_empty = false;
    }
}

/// Places the units `ids` in two columns at most `limit` tall; returns each
/// unit's column and offset from the top, or `None` if they do not fit.
fn split_columns(units: &[Unit], ids: &[usize], limit: f32) -> Option<Vec<(usize, f32)>> {
    let mut out = Vec::with_capacity(ids.len());
    let (mut column, mut y, mut empty) = (0, 0.0, true);
    let end = ids.last().map_or(0, |&last| last + 1);
    for &i in ids {
        let u = &units[i];
        let space = if empty { 0.0 } else { u.space_before };
        if y + space + chain_height(units, i, end) > limit {
            // What must stay together does not fit an empty column at this height.
            if column == 1 || empty {
                return None;
            }
            (column, y, empty) = (1, 0.0, true);
            if chain_height(units, i, end) > limit {
                return None;
            }
        }
        let space = if empty { 0.0 } else { u.space_before };
        y += space;
        out.push((column, y));
        y += u.height;
        empty = false;
        if y > limit + 0.01 && column == 1 {
            return None;
        }
    }
    Some(out)
}

/// The height of unit `i` plus the units it must keep on its page, looking no
/// further than `end`.
fn chain_height(units: &[Unit], i: usize, end: usize) -> f32 {
    let mut h = units[i].height;
    let mut keep = units[i].keep;
    let mut j = i;
    // A long run of keeps (headings in a row) is cut off after a few units.
    while keep > 0 && j + 1 < end && j - i < 6 {
        j += 1;
        if units[j].page_break {
            break;
        }
        h += units[j].space_before + units[j].height;
        // A whole box or table is all a heading needs beside it.
        keep = if units[j].whole {
            0
        } else {
            (keep - 1).max(units[j].keep)
        };
    }
    h
}
