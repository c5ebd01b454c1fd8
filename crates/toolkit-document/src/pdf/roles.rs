//! Roles of extracted lines: the title, headings by size tier, list items, and
//! the lines that carry on the sentence of the line before.

use std::collections::HashMap;

use super::headings::{
    bold_section_names, close_summary_at_an_entry, is_emphasised_heading, is_rule,
    lone_marked_heading, underlined,
};
use crate::{RawLine, Role};

/// Lines up to this many characters may be headings.
pub(super) const SHORT_LINE: usize = 60;

/// A line of a page, laid out and cleaned.
pub(super) struct PageLine {
    pub(super) page: u32,
    pub(super) text: String,
    pub(super) size: f32,
    /// The size of its first glyph (smaller than `size` when words from another
    /// column in a bigger size share its baseline).
    pub(super) lead_size: f32,
    /// The left and right edges and the baseline, in points.
    pub(super) x: f32,
    pub(super) x1: f32,
    pub(super) y: f32,
    pub(super) bold: bool,
    /// Drawn after a bullet (the bullet is not in `text`).
    pub(super) bullet: bool,
    /// The bullet character, when the bullet is one (not a drawn shape).
    pub(super) mark: Option<char>,
    /// See [`LaidLine::column`](super::layout::LaidLine::column).
    pub(super) column: u8,
    /// The line ended in a soft hyphen: a word was broken there.
    pub(super) soft_hyphen: bool,
}

/// Gives lines roles and joins the lines of one sentence.
///
/// Roles come from font size and emphasis: the one largest line on page 1 is the
/// title (the name); lines in a size tier that holds known section names are
/// headings, and so is a short bold or capitalised line that names a known section
/// (a sidebar heading in the body size). When there is a heading tier, other lines
/// are body text (an employer called "Southwestern University" is not an Education
/// heading); otherwise short lines may be headings. Lines after a bullet are list
/// items. Then the lines that carry on the sentence of the line before are marked,
/// and words broken at a line end are joined (see [`super::hyphen`]).
pub(super) fn roles(lines: Vec<PageLine>) -> Vec<RawLine> {
    let mut roles = assign(&lines);
    close_summary_at_an_entry(&lines, &mut roles);
    let continues = continuations(&lines, &mut roles);
    let texts = super::hyphen::join(&lines, &continues);
    let mut raw = Vec::with_capacity(lines.len());
    for (i, text) in texts.into_iter().enumerate() {
        // A line that held only the end of a broken word is gone, and so is the
        // rule under a heading.
        if text.is_empty() || (i > 0 && roles[i - 1] == Role::Heading(2) && is_rule(&text)) {
            continue;
        }
        raw.push(RawLine {
            number: raw.len() as u32 + 1,
            page: Some(lines[i].page),
            text,
            role: roles[i],
            continues: continues[i],
        });
    }
    raw
}

/// A font size's tier: sizes within a quarter point of each other share one.
pub(super) fn tier(size: f32) -> i32 {
    (size * 2.0).round() as i32
}

fn assign(lines: &[PageLine]) -> Vec<Role> {
    let mut weight: HashMap<i32, usize> = HashMap::new();
    for line in lines {
        *weight.entry(tier(line.size)).or_default() += line.text.chars().count();
    }
    let body = weight
        .iter()
        .max_by_key(|&(t, w)| (*w, -*t))
        .map(|(&t, _)| t)
        .unwrap_or(0);
    // Headings set a point or more above the body are bigger (Typst sets 12-point
    // headings over 11-point text), and so is any size an eighth above it.
    let bigger = |t: i32| t >= body + 2 || (t > body && t as f32 >= body as f32 * 1.12);
    let short = |text: &str| text.chars().count() <= SHORT_LINE;

    // A size tier holds section headings when a good share of its lines name known
    // sections (two in five, or two in six when there are two or more: a writer's
    // own names, "Hello", "Toolkit", "Elsewhere", are common); a tier of job titles
    // where one says "Project 1" does not.
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
        .filter(|&(_, (all, known))| {
            known > 0 && known * 5 >= all * 2 || known >= 2 && known * 3 >= all
        })
        .map(|(t, _)| t)
        .collect();
    section_tiers.sort_unstable_by(|a, b| b.cmp(a));

    let first_page = lines.first().map(|l| l.page).unwrap_or(1);
    let title = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.page == first_page && short(&l.text) && !l.bullet)
        .max_by(|(_, a), (_, b)| a.size.total_cmp(&b.size))
        .filter(|(_, l)| {
            let t = tier(l.size);
            t as f32 >= body as f32 * 1.3
                && !section_tiers.contains(&t)
                && lines.iter().filter(|o| tier(o.size) == t).count() == 1
        })
        .map(|(i, _)| i);

    let bold_named = if section_tiers.is_empty() {
        bold_section_names(lines)
    } else {
        vec![false; lines.len()]
    };

    let mut items = ItemDepth::default();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let t = tier(line.size);
            // (Body text that shares its baseline with a heading in the next column
            // takes the heading's size, but does not start in it.)
            let heading_rank = section_tiers
                .iter()
                .position(|&s| s == t)
                .filter(|_| short(&line.text) && tier(line.lead_size) == t);
            if let Some(rank) = heading_rank
                && line.bullet
            {
                // A heading in a heading size after a drawn mark ("▸ What I've
                // built"): the mark is no list bullet.
                Role::Heading((rank as u8 + 2).min(3))
            } else if line.bullet && lone_marked_heading(lines, i) {
                // A section name after a drawn mark ("▸ Projects"), not in a list.
                Role::Heading(2)
            } else if line.bullet {
                Role::ListItem(items.depth(line))
            } else if Some(i) == title {
                Role::Title
            } else if short(&line.text) && underlined(lines, i) {
                // A line ruled off by the next ("Employment" over "----------"), as
                // a plain-text resume printed to PDF shows its headings.
                Role::Heading(2)
            } else if let Some(rank) = heading_rank {
                Role::Heading((rank as u8 + 2).min(3))
            } else if short(&line.text) && (is_emphasised_heading(line) || bold_named[i]) {
                // A section name set apart by weight or capitals rather than size.
                Role::Heading(2)
            } else if short(&line.text) && section_tiers.is_empty() {
                // Without headings set apart by size, a short line may be one.
                Role::MaybeHeading
            } else {
                Role::Body
            }
        })
        .collect()
}

/// The nesting depth of list items, from the left edges of their text: an item to
/// the right of the one before is nested in it.
#[derive(Default)]
struct ItemDepth {
    /// Left edges of the open levels, outermost first, with their page and column.
    open: Vec<f32>,
    place: (u32, u8),
}

impl ItemDepth {
    fn depth(&mut self, line: &PageLine) -> u8 {
        if self.place != (line.page, line.column) {
            self.open.clear();
            self.place = (line.page, line.column);
        }
        while self.open.last().is_some_and(|&x| x > line.x + 2.0) {
            self.open.pop();
        }
        match self.open.last() {
            Some(&x) if (x - line.x).abs() <= 2.0 => {}
            _ => self.open.push(line.x),
        }
        self.open.len().clamp(1, 9) as u8
    }
}

/// Marks the lines that carry on the sentence of the line before, on the same
/// page and in the same column:
///
/// - in a list item, a line without a bullet that starts where the item's text
///   starts or further right (the hanging indent), or in lower case; in lower case
///   also after the list's spacing (up to 2.2 lines), when the item leaves its
///   sentence open;
/// - in a paragraph, a line in the same size and at the same left edge, at the
///   paragraph's line spacing, when the line before was full (the next line's
///   first word would not have fitted after it) or starts in lower case;
/// - after a line that ends in a hyphen and is followed by a lower-case start, or
///   in a soft hyphen, whatever the layout.
///
/// A continued list line becomes part of the item; a short continued line, and a
/// short line that the next one continues, are body text, not headings.
fn continuations(lines: &[PageLine], roles: &mut [Role]) -> Vec<bool> {
    let mut continues = vec![false; lines.len()];
    // The right edge of the text of each page and column.
    let mut right: HashMap<(u32, u8), f32> = HashMap::new();
    for line in lines {
        let edge = right.entry((line.page, line.column)).or_insert(line.x1);
        *edge = edge.max(line.x1);
    }
    // The left edge of the text of the list item being read.
    let mut item_x: Option<f32> = None;
    for i in 0..lines.len() {
        let line = &lines[i];
        if line.bullet {
            item_x = Some(line.x);
        }
        if i == 0 || line.bullet || matches!(roles[i], Role::Title | Role::Heading(_)) {
            if !line.bullet {
                item_x = None;
            }
            continue;
        }
        let prev = &lines[i - 1];
        let same_place = prev.page == line.page && prev.column == line.column;
        let size = line.size.max(1.0);
        let step = prev.y - line.y;
        let lower = line.text.chars().next().is_some_and(char::is_lowercase);
        let hyphen = prev.soft_hyphen || (ends_in_hyphen(&prev.text) && lower);
        let in_item = matches!(roles[i - 1], Role::ListItem(_));
        let after_text = !matches!(roles[i - 1], Role::Title | Role::Heading(_));
        let joined = same_place
            && step > 0.0
            && (hyphen && after_text && step <= size * 2.0
                || if let (true, Some(x)) = (in_item, item_x) {
                    step <= size * 1.6 && (line.x >= x - 1.0 || lower)
                        // A sentence an item leaves open goes on in lower case after
                        // the list's spacing (a hard-wrapped line turned paragraph).
                        || lower && !ends_sentence(&prev.text) && step <= size * 2.2
                } else if matches!(roles[i - 1], Role::Body | Role::MaybeHeading) {
                    let edge = right
                        .get(&(line.page, line.column))
                        .copied()
                        .unwrap_or(prev.x1);
                    let first_word = line.text.split_whitespace().next().unwrap_or("");
                    let needed = first_word.chars().count() as f32 * size * 0.45;
                    let full = prev.x1 + size * 0.3 + needed >= edge - size * 0.5;
                    // A lower-case start carries a sentence on over looser spacing
                    // (LibreOffice sets a quotation at 1.55 lines).
                    (prev.size - line.size).abs() < 0.5
                        && (step <= size * 1.5 || lower && step <= size * 1.8)
                        && (prev.x - line.x).abs() <= 1.5
                        && (full || lower)
                } else {
                    false
                });
        if joined {
            continues[i] = true;
            // A line whose sentence goes on is no heading.
            if roles[i - 1] == Role::MaybeHeading {
                roles[i - 1] = Role::Body;
            }
            roles[i] = roles[i - 1].carried_on();
        } else if !matches!(roles[i], Role::ListItem(_)) {
            item_x = None;
        }
    }
    continues
}

/// The text ends a sentence or a clause: a full stop, a question or exclamation
/// mark, a colon or a semicolon at its end.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// True when a line ends in a word and a hyphen ("Post-", "16-"), not a dash.
pub(super) fn ends_in_hyphen(text: &str) -> bool {
    let t = text.trim_end();
    let Some(stem) = t.strip_suffix(['-', '\u{2010}']) else {
        return false;
    };
    stem.chars().next_back().is_some_and(char::is_alphanumeric)
}
