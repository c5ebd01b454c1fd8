//! Sentences as the writer wrote them: a line and the wrapped lines that continue it,
//! joined, with contact details masked and words hyphenated at a line break made
//! whole.
//!
//! Every sentence is bounded: lines are joined while the sentence stays under
//! [`MAX_SENTENCE`] bytes, and a longer line is cut into pieces at spaces. So every
//! rule that looks at a whole sentence costs a bounded amount per sentence, and the
//! work and the report grow linearly with the resume.

use std::borrow::Cow;
use std::ops::Range;

use toolkit_document::{Line, Section, SectionKind};

use crate::text;

/// The longest sentence judged as one, in bytes.
pub(crate) const MAX_SENTENCE: usize = 2_000;

/// One sentence of a section, ready for the rules.
#[derive(Debug)]
pub(crate) struct Sentence<'a> {
    pub section: &'a Section,
    /// The source lines and where each starts in `text`.
    pub parts: &'a [(usize, &'a Line)],
    /// The lines joined (or the piece of a long line).
    pub text: &'a str,
    /// `text` with contact details masked and a hyphenated word completed.
    pub masked: &'a str,
    pub name_words: &'a [String],
}

impl<'a> Sentence<'a> {
    /// The source line holding the byte at `offset` of the joined text.
    pub fn line_at(&self, offset: usize) -> &'a Line {
        let i = self.parts.partition_point(|(start, _)| *start <= offset);
        self.parts[i.saturating_sub(1)].1
    }

    /// True when the sentence is a table's header row.
    pub fn is_table_head(&self) -> bool {
        self.parts.iter().all(|(_, line)| line.table_head)
    }

    /// True for sections whose lines only name what the person knows.
    pub fn in_listing_section(&self) -> bool {
        matches!(
            self.section.kind,
            SectionKind::Header
                | SectionKind::Summary
                | SectionKind::Skills
                | SectionKind::Interests
                | SectionKind::Languages
        )
    }
}

/// The sentences of a document's sections, in order. Their texts are written one
/// after another into a few buffers, so that a resume allocates a few times, not a few
/// times a sentence.
#[derive(Debug)]
pub(crate) struct Sentences<'a> {
    /// The sentences' texts (the lines joined).
    text: String,
    /// The sentences' masked texts.
    masked: String,
    /// The sentences' source lines, each with where it starts in its sentence's text.
    parts: Vec<(usize, &'a Line)>,
    units: Vec<Unit<'a>>,
    name_words: &'a [String],
}

/// Where one sentence's pieces lie in the buffers of [`Sentences`].
#[derive(Debug)]
struct Unit<'a> {
    section: &'a Section,
    text: Range<usize>,
    masked: Range<usize>,
    parts: Range<usize>,
}

impl<'a> Sentences<'a> {
    /// The sentences of `sections`, for a candidate whose name has `name_words`.
    pub fn of(sections: &'a [Section], name_words: &'a [String]) -> Self {
        let lines = sections.iter().map(|s| s.lines.len()).sum();
        let bytes = sections
            .iter()
            .flat_map(|s| &s.lines)
            .map(|l| l.text.len() + 1)
            .sum();
        let mut out = Sentences {
            text: String::with_capacity(bytes),
            masked: String::with_capacity(bytes),
            parts: Vec::with_capacity(lines),
            units: Vec::with_capacity(lines),
            name_words,
        };
        for section in sections {
            let first = out.units.len();
            out.join(section);
            out.mask(first);
        }
        out
    }

    /// The sentences, in order.
    pub fn iter(&self) -> impl Iterator<Item = Sentence<'_>> {
        self.units.iter().map(|u| Sentence {
            section: u.section,
            parts: &self.parts[u.parts.clone()],
            text: &self.text[u.text.clone()],
            masked: &self.masked[u.masked.clone()],
            name_words: self.name_words,
        })
    }

    /// Groups a section's lines into sentences: a line and the lines that continue it,
    /// joined with spaces (or without one, where a word was hyphenated at the break),
    /// while the sentence stays under the bound; a line longer than the bound is cut at
    /// spaces.
    fn join(&mut self, section: &'a Section) {
        let first = self.units.len();
        for line in &section.lines {
            let fits = |unit: &Unit| unit.text.len() + 1 + line.text.len() <= MAX_SENTENCE;
            if let Some(unit) = self.units[first..].last_mut()
                && line.continues
                && fits(unit)
            {
                let text = &self.text[unit.text.clone()];
                if text::hyphen_continuation(text, &line.text).is_some() {
                    let end = unit.text.start + text.trim_end().len() - 1;
                    self.text.truncate(end);
                } else {
                    self.text.push(' ');
                }
                self.parts.push((self.text.len() - unit.text.start, line));
                self.text.push_str(&line.text);
                unit.text.end = self.text.len();
                unit.parts.end = self.parts.len();
                continue;
            }
            for piece in pieces(&line.text) {
                let start = self.text.len();
                self.text.push_str(piece);
                self.parts.push((0, line));
                self.units.push(Unit {
                    section,
                    text: start..self.text.len(),
                    masked: 0..0,
                    parts: self.parts.len() - 1..self.parts.len(),
                });
            }
        }
    }

    /// Writes the masked texts of the sentences from `first` on (one section's).
    fn mask(&mut self, first: usize) {
        let mut carry: Option<String> = None;
        for i in first..self.units.len() {
            let joined = &self.text[self.units[i].text.clone()];
            // A word hyphenated across a line break that ends a sentence is completed
            // from the next one; that fragment is then blanked there.
            let mut completed = mask_fragment(joined, carry.take());
            if let Some(next) = self.units.get(i + 1)
                && let Some(rest) =
                    text::hyphen_continuation(&completed, &self.text[next.text.clone()])
            {
                let stem = completed.trim_end().trim_end_matches('-');
                completed = Cow::Owned(format!("{stem}{rest}"));
                carry = Some(rest.to_string());
            }
            let start = self.masked.len();
            text::mask_contacts_into(&completed, &mut self.masked);
            self.units[i].masked = start..self.masked.len();
        }
    }
}

/// A line cut into pieces of at most [`MAX_SENTENCE`] bytes, at a sentence end or a
/// space where there is one.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let whole = rest?;
        if whole.len() <= MAX_SENTENCE {
            rest = None;
            return Some(whole);
        }
        let mut cut = MAX_SENTENCE;
        while !whole.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &whole[..cut];
        let at = window
            .rfind(". ")
            .map(|i| i + 2)
            .filter(|&i| i > MAX_SENTENCE / 2)
            .or_else(|| window.rfind(' ').map(|i| i + 1))
            .filter(|&i| i > 0)
            .unwrap_or(cut);
        rest = Some(&whole[at..]);
        Some(&whole[..at])
    })
}

/// Replaces the first word of `text` with spaces when it completes a hyphenated
/// word from the sentence before (it was already matched there).
fn mask_fragment(text: &str, fragment: Option<String>) -> Cow<'_, str> {
    let lead = text.len() - text.trim_start().len();
    match fragment {
        Some(f) if text[lead..].starts_with(f.as_str()) => {
            let mut out = text.to_string();
            out.replace_range(lead..lead + f.len(), &" ".repeat(f.len()));
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(text),
    }
}

/// At most about 600 bytes of a sentence around `offset`, cut at spaces, with an
/// ellipsis where text was left out: what evidence quotes of a very long sentence.
pub(crate) fn excerpt(text: &str, offset: usize) -> String {
    const SIDE: usize = 300;
    if text.len() <= 2 * SIDE {
        return text.to_string();
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut start = floor(offset.saturating_sub(SIDE));
    let mut end = floor((offset + SIDE).min(text.len()));
    if start > 0
        && let Some(i) = text[start..offset.max(start)].find(' ')
    {
        start += i + 1;
    }
    if end < text.len()
        && let Some(i) = text[offset.min(end)..end].rfind(' ')
    {
        end = offset.min(end) + i;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[start..end].trim());
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u32, text: &str, continues: bool) -> Line {
        Line {
            number: n,
            page: None,
            text: text.to_string(),
            depth: 0,
            continues,
            table_head: false,
        }
    }

    fn section(lines: Vec<Line>) -> Section {
        Section {
            heading: None,
            kind: SectionKind::Experience,
            lines,
        }
    }

    /// Each sentence's line numbers with where they start, its text and its masked text.
    type Built = Vec<(Vec<(usize, u32)>, String, String)>;

    fn built(sections: &[Section]) -> Built {
        Sentences::of(sections, &[])
            .iter()
            .map(|s| {
                let parts = s.parts.iter().map(|(o, l)| (*o, l.number)).collect();
                (parts, s.text.to_string(), s.masked.to_string())
            })
            .collect()
    }

    /// The sentences of one section built the plain way, each with strings of its own:
    /// what [`Sentences`] must give.
    fn one_by_one(section: &Section) -> Built {
        let mut units: Vec<(Vec<(usize, u32)>, String)> = Vec::new();
        for line in &section.lines {
            match units.last_mut() {
                Some((parts, text))
                    if line.continues && text.len() + 1 + line.text.len() <= MAX_SENTENCE =>
                {
                    if text::hyphen_continuation(text, &line.text).is_some() {
                        text.truncate(text.trim_end().len() - 1);
                    } else {
                        text.push(' ');
                    }
                    parts.push((text.len(), line.number));
                    text.push_str(&line.text);
                }
                _ => {
                    for piece in pieces(&line.text) {
                        units.push((vec![(0, line.number)], piece.to_string()));
                    }
                }
            }
        }
        let mut out = Vec::new();
        let mut carry: Option<String> = None;
        for i in 0..units.len() {
            let (parts, joined) = units[i].clone();
            let mut completed = mask_fragment(&joined, carry.take()).into_owned();
            if let Some((_, next)) = units.get(i + 1)
                && let Some(rest) = text::hyphen_continuation(&completed, next)
            {
                let stem = completed.trim_end().trim_end_matches('-');
                completed = format!("{stem}{rest}");
                carry = Some(rest.to_string());
            }
            let masked = text::mask_contacts(&completed);
            out.push((parts, joined, masked));
        }
        out
    }

    #[test]
    fn joins_wrapped_lines_within_the_bound() {
        let lines = vec![
            line(1, "Traced the slow export to a missing Post-", false),
            line(2, "greSQL index and", true),
            line(3, "added it.", true),
            line(4, "Next bullet", false),
        ];
        let units = built(&[section(lines)]);
        assert_eq!(units.len(), 2);
        assert_eq!(
            units[0].1,
            "Traced the slow export to a missing PostgreSQL index and added it."
        );
        assert_eq!(
            units[0].0.iter().map(|(o, _)| *o).collect::<Vec<_>>(),
            [0, 40, 57]
        );

        // A paragraph of many wrapped lines becomes several bounded sentences.
        let long: Vec<Line> = (1..=500)
            .map(|n| line(n, "word after word after word after word after", n > 1))
            .collect();
        let units = built(&[section(long)]);
        assert!(units.len() > 1);
        assert!(units.iter().all(|(_, t, _)| t.len() <= MAX_SENTENCE));
        assert_eq!(units.iter().map(|(p, _, _)| p.len()).sum::<usize>(), 500);
    }

    #[test]
    fn shared_buffers_give_the_sentences_built_one_by_one() {
        let long = "alpha beta gamma ".repeat(300);
        let sections = vec![
            section(vec![
                line(1, "Jane Doe · jane@example.com · github.com/jane", false),
                line(2, "Built an ETL job in Post-", false),
                line(3, "greSQL for the reports team.", false),
                line(4, "Wrapped line that goes", false),
                line(5, "on here, see https://x.dev/a", true),
                line(6, "", false),
                line(7, &long, false),
                line(8, "and a line that continues the long one.", true),
                line(9, "Ends with a hyphen: data-", false),
            ]),
            // The next section's first word completes nothing of the section before.
            section(vec![
                line(10, "driven reports in Kot-", false),
                line(11, "lin, with tests.", true),
                line(12, "   indented and Java-", false),
                line(13, "script too", false),
            ]),
            section(Vec::new()),
            section(vec![line(14, "Last one.", false)]),
        ];
        let expected: Built = sections.iter().flat_map(one_by_one).collect();
        assert!(expected.len() > 10);
        assert_eq!(built(&sections), expected);
        // The hyphenated words across sentences are completed and blanked.
        assert!(expected.iter().any(|(_, _, m)| m.contains("PostgreSQL")));
        assert!(expected.iter().any(|(_, _, m)| m.contains("Javascript")));
        assert!(!expected.iter().any(|(_, _, m)| m.contains("jane")));
    }

    #[test]
    fn cuts_long_lines_at_spaces() {
        let text = "alpha beta gamma ".repeat(500);
        let parts: Vec<&str> = pieces(&text).collect();
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE));
        assert_eq!(parts.concat(), text);
        let glued = "é".repeat(3_000);
        assert_eq!(pieces(&glued).collect::<String>(), glued);
    }

    #[test]
    fn excerpts_keep_the_hit_and_mark_the_cuts() {
        let text = format!("{} Docker here {}", "a ".repeat(400), "b ".repeat(400));
        let at = text.find("Docker").unwrap();
        let e = excerpt(&text, at);
        assert!(e.starts_with('…') && e.ends_with('…') && e.contains("Docker here"));
        assert!(e.len() < 700);
        assert_eq!(excerpt("short", 0), "short");
    }
}
