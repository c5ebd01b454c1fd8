//! Grouping a reader's raw lines into sections and finding the candidate's name.

use crate::sections::classify_heading;
use crate::{Document, Format, Line, RawLine, Role, Section, SectionKind};

/// Groups raw lines into sections.
///
/// Headings that name a known section start a section of that kind. A heading the
/// classifier does not know starts an `Other` section when it sits at the document's
/// section level, and is kept as an ordinary line when it is deeper (a job title or
/// project name under "Experience"). The first line, when it reads like a name, is the
/// candidate's name.
pub fn assemble(format: Format, raw: Vec<RawLine>) -> Document {
    // Each heading-like line is classified once.
    let kinds: Vec<Option<SectionKind>> = raw
        .iter()
        .map(|l| match l.role {
            Role::Heading(_) => classify_heading(l.text.trim()),
            Role::MaybeHeading => {
                let text = l.text.trim();
                reads_like_heading(text)
                    .then(|| classify_heading(text))
                    .flatten()
            }
            _ => None,
        })
        .collect();
    let section_level = raw
        .iter()
        .zip(&kinds)
        .filter_map(|(l, kind)| match l.role {
            Role::Heading(level) if kind.is_some() => Some(level),
            _ => None,
        })
        .min()
        .unwrap_or(1);

    let name = find_name(&raw);
    let tagline = is_tagline(&raw, &kinds);
    let mut sections = vec![Section {
        heading: None,
        kind: SectionKind::Header,
        lines: Vec::new(),
    }];
    for (index, line) in raw.into_iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        let heading = match (line.role, kinds[index]) {
            (Role::Heading(_), Some(kind)) => Some(kind),
            // An unknown top-level heading opens a section of its own, except the
            // very first line, which is the name, and a tagline under it.
            (Role::Heading(level), None)
                if level <= section_level && index > 0 && !(index == 1 && tagline) =>
            {
                Some(SectionKind::Other)
            }
            (Role::MaybeHeading, kind) => kind,
            _ => None,
        };
        match heading {
            Some(kind) => sections.push(Section {
                heading: Some(heading_name(text)),
                kind,
                lines: Vec::new(),
            }),
            None => {
                let depth = match line.role {
                    Role::ListItem(d) => d,
                    _ => 0,
                };
                let current = sections.last_mut().expect("the header section exists");
                // A section's first line continues nothing.
                let continues = line.continues && !current.lines.is_empty();
                current.lines.push(Line {
                    number: line.number,
                    page: line.page,
                    // Most lines have nothing to trim, and keep their buffer.
                    text: if text.len() == line.text.len() {
                        line.text
                    } else {
                        text.to_string()
                    },
                    depth,
                    continues,
                    table_head: line.role == Role::TableHead,
                });
            }
        }
    }
    if sections.len() == 1 {
        split_headingless(&mut sections);
    }
    // Drop empty sections (two headings in a row), but keep the order of the rest.
    sections.retain(|s| !s.lines.is_empty());
    Document {
        format,
        name,
        sections,
        hidden: Vec::new(),
    }
}

/// Whether the second line is a heading the classifier does not know, right under
/// the name, with contact details after it before the next heading ("# Marco
/// Bianchi", "## Junior backend developer, formerly sound engineer", "Bologna ·
/// marco@example.com"): a tagline in the header, not a section.
fn is_tagline(raw: &[RawLine], kinds: &[Option<SectionKind>]) -> bool {
    let under_name = raw
        .first()
        .is_some_and(|l| matches!(l.role, Role::Heading(_)));
    under_name
        && raw
            .get(1)
            .is_some_and(|l| matches!(l.role, Role::Heading(_)))
        && kinds.get(1).is_some_and(Option::is_none)
        && raw[2..]
            .iter()
            .take_while(|l| !matches!(l.role, Role::Heading(_)))
            .any(|l| is_contact(&l.text))
}

/// A line with an e-mail address, a LinkedIn profile or a phone number.
fn is_contact(text: &str) -> bool {
    text.contains('@')
        || text.to_lowercase().contains("linkedin")
        || text.chars().filter(char::is_ascii_digit).count() >= 7
}

/// A resume without a single heading is not all header: the name and contact
/// lines are, the first paragraph after them reads as a summary, and the rest is
/// the body of the resume.
fn split_headingless(sections: &mut Vec<Section>) {
    let lines = std::mem::take(&mut sections[0].lines);
    let contact = lines
        .iter()
        .take(4)
        .rposition(|l| is_contact(&l.text))
        .map_or(1, |i| i + 1)
        .min(lines.len());
    let mut rest = lines.into_iter();
    sections[0].lines = rest.by_ref().take(contact).collect();
    let rest: Vec<Line> = rest.collect();
    let summary = usize::from(rest.first().is_some_and(|l| l.depth == 0));
    let (summary, body) = rest.split_at(summary);
    for (kind, lines) in [(SectionKind::Summary, summary), (SectionKind::Other, body)] {
        sections.push(Section {
            heading: None,
            kind,
            lines: lines.to_vec(),
        });
    }
}

/// A heading as a section's name: without the colon or dash that closes it
/// ("Experience:", "Tools —").
fn heading_name(text: &str) -> String {
    text.trim_end_matches([':', '—', '–', ' '])
        .trim()
        .to_string()
}

/// A short line with no sentence punctuation that could be a section heading.
fn reads_like_heading(text: &str) -> bool {
    let t = text.trim_end_matches(':').trim();
    !t.is_empty()
        && t.chars().next().is_some_and(|c| !c.is_lowercase())
        // Five words at most: counting stops at the sixth.
        && t.split_whitespace().nth(5).is_none()
        && !t.ends_with('.')
        && !t.contains([',', '@', '|', '(', '·'])
        && !text.trim_end_matches(':').contains(':')
}

fn find_name(raw: &[RawLine]) -> Option<String> {
    // The title names the candidate unless it names the job ("Junior Backend
    // Developer"); then the first line may.
    if let Some(name) = raw
        .iter()
        .find(|l| l.role == Role::Title)
        .and_then(|title| clean_name(&title.text))
    {
        return Some(name);
    }
    let first = raw.iter().find(|l| !l.text.trim().is_empty())?;
    if matches!(first.role, Role::ListItem(_)) {
        return None;
    }
    clean_name(&first.text)
}

/// Returns the name part of a line like "John Doe | Resume" when it reads like a
/// person's name: one to five words, letters only, no contact details.
pub(crate) fn clean_name(line: &str) -> Option<String> {
    let line = line.split(" - ").next().unwrap_or(line);
    let part = line
        .split(['|', '·', '—', '–', ',', '•'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(|c: char| {
            c == '*' || c == '_' || c == '#' || is_symbol(c) || c.is_whitespace()
        });
    let words: Vec<&str> = part.split_whitespace().collect();
    let ok = (1..=6).contains(&words.len())
        && part.chars().count() <= 60
        && part.chars().any(char::is_alphabetic)
        && !part
            .chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == ':' || c == '/')
        && classify_heading(part).is_none()
        && !looks_like_role(part);
    ok.then(|| title_case_if_shouting(part))
}

/// Emoji and pictographs that decorate a name line ("Sam Lee 🚀") but are not part
/// of the name.
fn is_symbol(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D | 0xE000..=0xF8FF)
}

/// Job titles on the first line ("Junior Backend Developer") are not names.
fn looks_like_role(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "developer",
        "engineer",
        "resume",
        "résumé",
        "curriculum",
        "programmer",
        "intern",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Turns "KEVIN O'MALLEY" into "Kevin O'Malley"; leaves mixed-case names alone.
fn title_case_if_shouting(name: &str) -> String {
    // Shouting: two capitals at least, and no lower-case letter.
    let mut capitals = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return name.to_string();
        }
        capitals += usize::from(c.is_uppercase());
    }
    if capitals < 2 {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start_of_word = true;
    for c in name.chars() {
        if start_of_word {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_word = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(lines: &[(Role, &str)]) -> Vec<RawLine> {
        lines
            .iter()
            .enumerate()
            .map(|(i, (role, text))| RawLine::new(i as u32 + 1, *text, *role))
            .collect()
    }

    #[test]
    fn names_from_first_line() {
        assert_eq!(
            clean_name("KEVIN O'MALLEY").as_deref(),
            Some("Kevin O'Malley")
        );
        assert_eq!(
            clean_name("**NGUYỄN THỊ LAN**").as_deref(),
            Some("Nguyễn Thị Lan")
        );
        assert_eq!(
            clean_name("John Doe | Resumé title").as_deref(),
            Some("John Doe")
        );
        assert_eq!(
            clean_name("陈佳慧 (Chen Jiahui)").as_deref(),
            Some("陈佳慧 (Chen Jiahui)")
        );
        assert_eq!(clean_name("Junior Backend Developer"), None);
        assert_eq!(clean_name("jane@example.com"), None);
        assert_eq!(clean_name("Experience"), None);
        assert_eq!(clean_name("Sam Lee 🚀").as_deref(), Some("Sam Lee"));
        assert_eq!(
            clean_name("PATRICK O'SULLIVAN - Junior Backend Developer").as_deref(),
            Some("Patrick O'Sullivan")
        );
    }

    #[test]
    fn a_tagline_heading_over_contact_details_stays_in_the_header() {
        let lines = |tagline: Role, contact: &'static str| {
            raw(&[
                (Role::Heading(1), "Marco Bianchi"),
                (tagline, "Junior backend developer, formerly sound engineer"),
                (Role::Body, contact),
                (Role::Heading(2), "Experience"),
                (Role::ListItem(1), "Built a ticket API"),
            ])
        };
        let kinds = |doc: &Document| doc.sections.iter().map(|s| s.kind).collect::<Vec<_>>();
        let doc = assemble(
            Format::Markdown,
            lines(Role::Heading(2), "Bologna · marco@example.com · GitHub: mb"),
        );
        assert_eq!(kinds(&doc), [SectionKind::Header, SectionKind::Experience]);
        assert_eq!(
            doc.sections[0].lines[2].text,
            "Bologna · marco@example.com · GitHub: mb"
        );
        // Without contact details under it, the heading opens a section.
        let doc = assemble(
            Format::Markdown,
            lines(Role::Heading(2), "I build small services in Go"),
        );
        assert_eq!(
            kinds(&doc),
            [
                SectionKind::Header,
                SectionKind::Other,
                SectionKind::Experience
            ]
        );
    }

    #[test]
    fn deep_unknown_headings_stay_lines() {
        let doc = assemble(
            Format::Markdown,
            raw(&[
                (Role::Heading(1), "Jane Doe"),
                (Role::Body, "Berlin"),
                (Role::Heading(2), "Experience"),
                (Role::Heading(3), "Backend Intern — Acme"),
                (Role::ListItem(1), "Built things"),
                (Role::Heading(2), "Hobbies and Stuff"),
                (Role::Body, "Chess"),
                (Role::MaybeHeading, "Projects"),
                (Role::Body, "A queue"),
            ]),
        );
        assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
        let got: Vec<_> = doc
            .sections
            .iter()
            .map(|s| (s.kind, s.lines.iter().map(|l| l.number).collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            got,
            [
                (SectionKind::Header, vec![1, 2]),
                (SectionKind::Experience, vec![4, 5]),
                (SectionKind::Interests, vec![7]),
                (SectionKind::Projects, vec![9]),
            ]
        );
    }
}
