//! Which lines of a PDF are section headings beyond their size: a section name set
//! apart by weight or capitals, the other bold lines of a heading style that is weight
//! alone, a line over its own rule, a section name after a drawn mark, and the dated
//! entry that ends a summary.

use std::collections::HashMap;

use super::roles::{PageLine, SHORT_LINE, tier};
use crate::Role;

/// A short line in bold or in capitals that names a known section, without the
/// punctuation of an entry ("Creator, Blog", "BSCS (Cornell)").
pub(super) fn is_emphasised_heading(line: &PageLine) -> bool {
    let letters = || line.text.chars().filter(|c| c.is_alphabetic());
    let capitals = letters().count() >= 3 && letters().all(char::is_uppercase);
    (line.bold || capitals)
        && !is_entry(&line.text)
        && crate::classify_heading(&line.text).is_some()
}

/// The punctuation of an entry rather than a heading: a list, an address, a
/// separator, a parenthesis or a full stop at the end.
fn is_entry(text: &str) -> bool {
    text.contains([',', '@', '|', '(', '·']) || text.ends_with('.')
}

/// Where section headings are set apart by weight alone, bold lines of their size
/// that name no known section but read like a heading ("Pinned", "Open source")
/// are headings as well, as the same `###` headings are in Markdown. The weight
/// marks headings when at least three bold lines on their own, in one size, name
/// known sections and they are at least half of that size's bold lines; a heading
/// is followed and preceded by lines that are not bold. Entries (a job "Intern —
/// Acme, 2023") carry punctuation or digits that a heading does not, unless most
/// known headings are in capitals and the line is too.
pub(super) fn bold_section_names(lines: &[PageLine]) -> Vec<bool> {
    // A line of its own between lines that are not bold: not a table's header
    // cell, which shares its baseline with the next cell and sits under a heading.
    // A heading in capitals may have a bold line under it (a project's name).
    let apart_at = |i: usize, below: bool| {
        let l = &lines[i];
        let apart = |o: &PageLine| !o.bold && (o.y - l.y).abs() > 0.5;
        l.bold
            && !l.bullet
            && l.text.chars().count() <= SHORT_LINE
            && tier(l.lead_size) == tier(l.size)
            && (!below || lines.get(i + 1).is_none_or(apart))
            && i.checked_sub(1)
                .and_then(|j| lines.get(j))
                .is_none_or(apart)
    };
    // A heading in capitals wrapped onto a second line in a narrow column ("SKILLS —
    // WHAT I CAN DO" over "TODAY") stands alone as the two lines do.
    let wrapped = |i: usize| {
        let (l, Some(next)) = (&lines[i], lines.get(i + 1)) else {
            return false;
        };
        let gap = l.y - next.y;
        next.bold
            && capitals(&l.text)
            && capitals(&next.text)
            && tier(next.size) == tier(l.size)
            && (next.x - l.x).abs() < 2.0
            && gap > 0.5
            && gap < l.size * 1.6
            && lines
                .get(i + 2)
                .is_none_or(|o| !o.bold && (o.y - next.y).abs() > 0.5)
    };
    let alone: Vec<bool> = (0..lines.len())
        .map(|i| apart_at(i, true) || apart_at(i, false) && wrapped(i))
        .collect();
    // Per size: bold lines alone, those that name known sections, and those of
    // them set in capitals.
    let mut counts: HashMap<i32, (usize, usize, usize)> = HashMap::new();
    let mut first_known = None;
    for i in (0..lines.len()).filter(|&i| alone[i]) {
        let entry = counts.entry(tier(lines[i].size)).or_default();
        entry.0 += 1;
        if crate::classify_heading(&lines[i].text).is_some() {
            entry.1 += 1;
            entry.2 += usize::from(capitals(&lines[i].text));
            first_known.get_or_insert(i);
        }
    }
    let reads_like_heading = |text: &str| {
        let t = text.trim();
        !is_entry(t)
            && !t.contains(['—', '–', ':', '/'])
            && !t.chars().any(|c| c.is_ascii_digit())
            && t.split_whitespace().count() <= 4
            && !t.chars().next().is_some_and(char::is_lowercase)
    };
    // Where most known headings (three or more) are in capitals, the capitals mark
    // a heading too: a bold line in capitals after the first of them is one
    // whatever its punctuation ("PROJECT: PRZYSTANEK (BUS-DELAY TRACKER)"), unless
    // it has a date. Above the first, it is a title in the header.
    let in_capitals = |text: &str| {
        let t = text.trim();
        capitals(t) && !t.chars().any(|c| c.is_ascii_digit()) && t.split_whitespace().count() <= 8
    };
    (0..lines.len())
        .map(|i| {
            let Some(&(all, known, caps)) = counts.get(&tier(lines[i].size)) else {
                return false;
            };
            known >= 3
                && known * 2 >= all
                && (alone[i] && reads_like_heading(&lines[i].text)
                    || (caps >= 3
                        && caps * 2 > known
                        && first_known.is_some_and(|f| f < i)
                        && apart_at(i, false)
                        && in_capitals(&lines[i].text)))
        })
        .collect()
}

/// Has letters, none of them lower case.
fn capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// A summary holds no dated entries. A bold line with a year, at the left edge of a
/// Summary section and followed by list items (a job heading, "Junior Developer ·
/// Fernhill · 2024 – present", when the Experience heading is missing or is that
/// line), ends the summary: it becomes a heading the classifier does not know, which
/// opens a section of its own. A year on a bold second line counts for the first.
pub(super) fn close_summary_at_an_entry(lines: &[PageLine], roles: &mut [Role]) {
    let mut in_summary = false;
    for i in 0..lines.len() {
        match roles[i] {
            Role::Heading(_) => {
                in_summary =
                    crate::classify_heading(&lines[i].text) == Some(crate::SectionKind::Summary);
                continue;
            }
            Role::MaybeHeading => {
                if let Some(kind) = crate::classify_heading(&lines[i].text) {
                    in_summary = kind == crate::SectionKind::Summary;
                    continue;
                }
                // A short line that names no section is no heading: it may be an entry.
                if !in_summary {
                    continue;
                }
            }
            Role::Body if in_summary => {}
            _ => continue,
        }
        let line = &lines[i];
        let next = |j: usize| lines.get(j).filter(|o| o.page == line.page);
        let bold_at_edge = |o: &PageLine| o.bold && !o.bullet && (o.x - line.x).abs() <= 1.5;
        // The entry, and the line after it when that line carries on its bold words.
        let (dated, last) = match next(i + 1) {
            Some(o) if bold_at_edge(o) && !has_year(&line.text) => (has_year(&o.text), i + 1),
            _ => (has_year(&line.text), i),
        };
        if line.bold
            && !line.bullet
            && dated
            && line.text.chars().count() <= 2 * SHORT_LINE
            && next(last + 1).is_some_and(|o| o.bullet)
        {
            roles[i] = Role::Heading(2);
            in_summary = false;
        }
    }
}

/// A year from 1950 to 2099 as a word of its own.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") && w >= "1950" || w.starts_with("20")))
}

/// True for a line drawn only with one rule character, three or more of it
/// ("-----", "=====", "~~~~~"). Broader than the plain-text reader's underline
/// (`text::is_underline`, `=` or `-` only), which skips other rules as drawn lines:
/// printed, any such rule under a short line marks it a heading and is dropped.
pub(super) fn is_rule(text: &str) -> bool {
    let t = text.trim();
    let mut chars = t.chars();
    let first = chars.next();
    first.is_some_and(|c| matches!(c, '-' | '=' | '_' | '~' | '*'))
        && chars.all(|c| Some(c) == first)
        && t.chars().count() >= 3
}

/// A line with letters over a rule about as long as itself, on the same page and
/// in the same column. A rule that opens a box around the next heading (a rule
/// again after it) parts two sections instead.
pub(super) fn underlined(lines: &[PageLine], i: usize) -> bool {
    let line = &lines[i];
    let len = line.text.trim().chars().count();
    let boxed = lines.get(i + 3).is_some_and(|o| is_rule(&o.text));
    line.text.chars().any(char::is_alphabetic)
        && !boxed
        && lines.get(i + 1).is_some_and(|o| {
            let rule = o.text.trim().chars().count();
            o.page == line.page
                && o.column == line.column
                && !o.bullet
                && is_rule(&o.text)
                && rule * 2 >= len
                && rule * 4 <= len * 5 + 8
        })
}

/// A line of a few words after a bullet-like mark that names a known section and
/// stands alone: no item of a list at its left edge just before or after it, and none
/// nested under it ("▸ Projects" over an entry, where a list of skills would go on
/// with more items and a "• Languages" group holds its own).
pub(super) fn lone_marked_heading(lines: &[PageLine], i: usize) -> bool {
    let line = &lines[i];
    // Items of one list share their mark; a line after another character ("■
    // Experience" over "▸ Night porter") is not one of them.
    let sibling = |j: Option<usize>| {
        j.and_then(|j| lines.get(j)).is_some_and(|o| {
            o.bullet
                && !matches!((o.mark, line.mark), (Some(a), Some(b)) if a != b)
                && o.page == line.page
                && o.column == line.column
                && (o.x - line.x).abs() <= 2.0
        })
    };
    // The item's text going on in the next line, at its left edge and in its size, or
    // items nested under it: a list, not a heading. (An entry's title in a bigger size
    // that happens to start near the heading's text is no item's text.)
    let carried_on = lines.get(i + 1).is_some_and(|o| {
        o.page == line.page
            && o.column == line.column
            && if o.bullet {
                o.x > line.x + 2.0
            } else {
                (o.x - line.x).abs() <= 2.0 && (o.size - line.size).abs() < 0.5
            }
    });
    line.text.split_whitespace().count() <= 4
        && line.text.chars().next().is_some_and(|c| !c.is_lowercase())
        && !is_entry(&line.text)
        && !line.text.contains(':')
        && !sibling(Some(i + 1))
        && !sibling(i.checked_sub(1))
        && !carried_on
        && crate::classify_heading(&line.text).is_some()
}
