//! Classifying section headings ("Technical Skills", "Work History", ...) into kinds.

use crate::{Document, Line, SectionKind};

/// Heading words for each kind, tried in order; the first kind whose word appears
/// in the heading wins. A word matches the start of a heading word ("skill" matches
/// "Skills"), or the whole word when it ends in `$` ("profile$" is not "Profiles",
/// which are links). More specific words come before general ones, so "Skills &
/// Projects" is skills and "Project Experience" is projects.
const RULES: &[(SectionKind, &[&str])] = &[
    (
        SectionKind::Summary,
        &[
            "个人简介",
            "自我评价",
            "简介",
            "summary",
            "profile$",
            "objective",
            "about",
            "overview",
            "introduction",
            "what i bring",
            "who i am",
            "personal statement",
            "career goal",
            "highlights of qualifications",
        ],
    ),
    (
        SectionKind::Certifications,
        &[
            "certif",
            "licen",
            "credential",
            "courses",
            "coursework",
            "training",
            "learning",
            "bootcamp",
            "workshop",
            "证书",
            "培训",
        ],
    ),
    (
        SectionKind::Skills,
        &[
            "skill",
            "technolog",
            "tech stack",
            "toolbox",
            "tools",
            "tooling",
            "competenc",
            "expertise",
            "proficienc",
            // A list of the writer's traits ("Strengths", "Key Strengths") names them,
            // as a list of skills does.
            "strength",
            "keywords",
            "技能",
            "技术",
            "programming languages",
        ],
    ),
    (
        SectionKind::Projects,
        &[
            "项目",
            "project",
            "portfolio",
            "open source",
            "open-source",
            "side work",
            "things i built",
        ],
    ),
    (
        SectionKind::Experience,
        &[
            "experience",
            "工作",
            "经历",
            "employment",
            "work history",
            "career history",
            "professional history",
            "work",
            "internship",
            "positions",
            "jobs",
            "teaching",
        ],
    ),
    (
        SectionKind::Education,
        &[
            "教育",
            "学历",
            "education",
            "academic",
            "degree",
            "school",
            "university",
            "studies",
            "qualifications",
        ],
    ),
    (
        SectionKind::Activities,
        &[
            "volunteer",
            "activit",
            "community",
            "leadership",
            "extracurricular",
            "involvement",
            "talks",
            "speaking",
            "conference",
            "publication",
            "writing",
            "blog",
            "award",
            "honor",
            "honour",
            "achievement",
            "hackathon",
            "team",
            "contribution",
            "affiliation",
            "membership",
        ],
    ),
    (
        SectionKind::Interests,
        &["interest", "hobb", "outside of work", "personal"],
    ),
    (SectionKind::Languages, &["languages", "language"]),
];

/// The words that end a company's name ("Portwise Technologies Pte Ltd"): a line
/// with one names an employer, however many section words it holds.
const LEGAL_FORMS: &[&str] = &[
    "ltd", "llc", "inc", "gmbh", "pte", "plc", "pty", "corp", "limited", "sarl", "srl",
];

/// Classifies a section heading, or returns `None` when no rule knows it.
///
/// ```
/// use toolkit_document::{classify_heading, SectionKind};
/// assert_eq!(classify_heading("Technical Skills"), Some(SectionKind::Skills));
/// assert_eq!(classify_heading("WORK HISTORY"), Some(SectionKind::Experience));
/// assert_eq!(classify_heading("Jane Doe"), None);
/// assert_eq!(classify_heading("Portwise Technologies Pte Ltd"), None);
/// ```
pub fn classify_heading(heading: &str) -> Option<SectionKind> {
    let norm = normalize(heading);
    if norm.is_empty() {
        return None;
    }
    // Where each word starts; a heading of more than six words is none (`?`).
    let mut word_starts = [0; 6];
    let mut words = 1;
    for (i, b) in norm.bytes().enumerate() {
        if b == b' ' {
            let start = word_starts.get_mut(words)?;
            *start = i + 1;
            words += 1;
        }
    }
    let starts = &word_starts[..words];
    if norm.split(' ').any(|w| LEGAL_FORMS.contains(&w)) {
        return None;
    }
    // "Programming languages" is a skills list; "Languages" alone is usually spoken ones.
    // (Most headings are too short to hold either, and are spared the search.)
    if norm.len() >= "coding language".len()
        && (norm.contains("programming language") || norm.contains("coding language"))
    {
        return Some(SectionKind::Skills);
    }
    // The first rule with a word in the heading. An ASCII rule word can only be at a
    // word start with its first letter: only those are tried there. The others (CJK
    // words) are looked for anywhere, but never in a heading written in ASCII.
    let index = rule_index();
    let bytes = norm.as_bytes();
    let mut first_rule: Option<usize> = None;
    for &i in starts {
        let Some(words) = bytes
            .get(i)
            .and_then(|&b| index.by_first.get(usize::from(b)))
        else {
            continue;
        };
        // In rule order: past the first rule found so far, nothing can come first.
        let before = first_rule;
        if let Some(&(rule, _)) = words
            .iter()
            .take_while(|&&(rule, _)| before.is_none_or(|first| rule < first))
            .find(|(_, word)| word.is_at(bytes, i))
        {
            first_rule = Some(rule);
        }
    }
    if !norm.is_ascii() {
        let before = first_rule;
        if let Some(&(rule, _)) = index
            .others
            .iter()
            .take_while(|&&(rule, _)| before.is_none_or(|first| rule < first))
            .find(|(_, word)| norm.contains(word))
        {
            first_rule = Some(rule);
        }
    }
    first_rule.map(|rule| RULES[rule].0)
}

/// A rule word written in ASCII, without the `$` that makes it a whole word.
#[derive(Clone, Copy)]
struct RuleWord {
    word: &'static str,
    whole: bool,
}

impl RuleWord {
    /// True when the word starts at byte `i` of the normalised heading (and, for a
    /// whole word, ends at a word's end).
    fn is_at(self, heading: &[u8], i: usize) -> bool {
        heading[i..].starts_with(self.word.as_bytes())
            && (!self.whole || heading.get(i + self.word.len()).is_none_or(|&b| b == b' '))
    }
}

/// [`RULES`]' words, each with its rule's place there, in rule order.
struct RuleIndex {
    /// The ASCII words, by the byte they start with.
    by_first: [Vec<(usize, RuleWord)>; 128],
    /// The rest, looked for anywhere in a heading that is not ASCII.
    others: Vec<(usize, &'static str)>,
}

/// The index of [`RULES`], built on first use.
fn rule_index() -> &'static RuleIndex {
    static INDEX: std::sync::OnceLock<RuleIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = RuleIndex {
            by_first: std::array::from_fn(|_| Vec::new()),
            others: Vec::new(),
        };
        for (rule, (_, words)) in RULES.iter().enumerate() {
            for &word in *words {
                let (bare, whole) = match word.strip_suffix('$') {
                    Some(bare) => (bare, true),
                    None => (word, false),
                };
                // An empty word is never at a word start.
                let Some(&first) = bare.as_bytes().first() else {
                    continue;
                };
                match index.by_first.get_mut(usize::from(first)) {
                    Some(list) if bare.is_ascii() => {
                        list.push((rule, RuleWord { word: bare, whole }))
                    }
                    _ => index.others.push((rule, word)),
                }
            }
        }
        index
    })
}

/// The rest of a line that starts with a run-in heading: `head`, the bold words
/// that start the line, names a known section ("**Summary** Former bookkeeper ...",
/// as a Markdown paragraph whose first line is a bold heading prints), and regular
/// text that starts a sentence follows. The heading is one or two words without
/// punctuation: a bold label with a colon ("**Languages:** Python") stays in its
/// line, and so do a bold school before its degree ("**University of Leeds,** BSc")
/// and a bold job title before a dash ("**Education Officer** — Acme"). A dash
/// inside the bold ends the heading ("***Tools —*** Python · SQL"), and so does a
/// full stop, as in paragraphs that each open with their section's name
/// ("**Experience.** From 2016 I ran ...").
///
/// Returns the heading as a line of its own (without that full stop) and the rest.
pub(crate) fn run_in_heading<'t, 'h>(text: &'t str, head: &'h str) -> Option<(&'h str, &'t str)> {
    let head = head.trim();
    let rest = text.trim_start().strip_prefix(head)?.trim_start();
    let heading = head.strip_suffix('.').unwrap_or(head);
    let words = heading.trim_end_matches(['—', '–']).trim_end();
    let bare = words.chars().next_back().is_some_and(char::is_alphanumeric);
    // A single word may be set off by a dash ("**Skills** — Python · Go"); a title of
    // two before a dash is a job ("**Education Officer** — Acme").
    let word_count = words.split_whitespace().count();
    let rest = match ["— ", "– ", "- "].iter().find_map(|d| rest.strip_prefix(d)) {
        Some(after) if word_count == 1 => after.trim_start(),
        _ => rest,
    };
    let starts_sentence = rest.chars().next().is_some_and(char::is_alphanumeric);
    (bare && word_count <= 2 && starts_sentence && classify_heading(words).is_some())
        .then_some((heading, rest))
}

/// The heading's words in lower case, single-spaced: letters, digits and dashes
/// are kept, `&`, `/`, `_` and whitespace part words, and the rest is dropped
/// ("Skills & Tools:" is "skills tools"). Built in one pass: a space is written only
/// before the next word, so runs of separators leave one and the ends none.
fn normalize(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    let mut parted = false;
    for c in heading.chars() {
        let in_word = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '-'
        } else {
            !is_mark(c) && c.is_alphanumeric()
        };
        if in_word {
            if parted && !out.is_empty() {
                out.push(' ');
            }
            parted = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c == '&' || c == '/' || c.is_whitespace() || c == '_' {
            parted = true;
        }
    }
    out
}

/// Punctuation that headings and the lines read as headings are full of (the middle
/// dot, dashes, quotes, bullets, the ellipsis): neither letters nor digits nor
/// whitespace, so [`normalize`] drops them, and knows it without a look-up in the
/// Unicode tables.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{B7}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// Words ending in "-ed" that open a self-description or name a field, not an account
/// of something done ("Experienced in Docker", "Embedded C for microcontrollers");
/// separated by spaces.
const DESCRIBING: &str = "\
    experienced skilled talented motivated dedicated certified qualified seasoned advanced \
    interested committed organized organised focused versed accomplished detail-oriented \
    results-oriented self-motivated well-versed embedded distributed applied need speed";

/// Irregular past tenses that open an account of work ("Wrote the SQL views", "Led
/// the migration"); separated by spaces.
const PAST: &str = "\
    wrote built led ran made took found gave kept set sent taught began drove won grew \
    brought caught held met rebuilt rewrote sold spent told went saw did shipped cut put got \
    co-wrote co-led oversaw undertook upheld withdrew dealt chose";

/// True for a line that opens with a verb in the past and goes on for a sentence:
/// "Added spatial indexes on the peg geometries; the query went from 11 minutes to 40
/// seconds." A skills list ("Data: PostgreSQL, PostGIS") or a self-description
/// ("Experienced in Docker and Kubernetes") is not one.
fn tells_of_work(line: &Line) -> bool {
    let mut words = line.text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    let listed = |words: &str| words.split_whitespace().any(|w| w == first);
    let past = listed(PAST) || first.len() >= 5 && first.ends_with("ed") && !listed(DESCRIBING);
    past && words.count() >= 5
}

/// A functional resume files its work under competency headings ("Core Competencies",
/// "Building tools in Python"): a skills section whose lines mostly tell of work done,
/// at least two of them, is read as experience, so what it shows counts as shown.
pub(crate) fn read_accounts_as_experience(doc: &mut Document) {
    for section in &mut doc.sections {
        if section.kind != SectionKind::Skills {
            continue;
        }
        let told = section.lines.iter().filter(|l| tells_of_work(l)).count();
        if told >= 2 && told * 2 > section.lines.len() {
            section.kind = SectionKind::Experience;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn classifies_common_headings() {
        let cases = [
            ("Summary", Some(Summary)),
            ("Professional Profile", Some(Summary)),
            ("What I bring", Some(Summary)),
            ("Technical Skills", Some(Skills)),
            ("Tech Stack", Some(Skills)),
            ("Toolbox", Some(Skills)),
            ("Programming Languages", Some(Skills)),
            ("Key Strengths", Some(Skills)),
            ("STRENGTHS", Some(Skills)),
            ("Languages", Some(Languages)),
            ("Work History", Some(Experience)),
            ("Relevant Experience", Some(Experience)),
            ("Teaching experience", Some(Experience)),
            ("Selected Projects", Some(Projects)),
            ("Technical projects", Some(Projects)),
            ("Project Experience", Some(Projects)),
            ("Education", Some(Education)),
            ("Certifications and community", Some(Certifications)),
            ("Courses", Some(Certifications)),
            ("Training", Some(Certifications)),
            ("Learning", Some(Certifications)),
            ("Community", Some(Activities)),
            ("Writing", Some(Activities)),
            ("Conferences", Some(Activities)),
            ("Team", Some(Activities)),
            ("Interests", Some(Interests)),
            ("Profiles", None),
            ("StackOverflow", None),
            ("工作经历", Some(Experience)),
            ("教育背景", Some(Education)),
            ("Jane Doe", None),
            ("", None),
        ];
        for (heading, want) in cases {
            assert_eq!(classify_heading(heading), want, "{heading}");
        }
    }

    #[test]
    fn the_rule_index_finds_the_first_rule_with_a_word_in_the_heading() {
        // Every rule word tried at every word start, rule by rule.
        let slow = |heading: &str| {
            let norm = normalize(heading);
            let starts: Vec<usize> = std::iter::once(0)
                .chain(norm.match_indices(' ').map(|(i, _)| i + 1))
                .collect();
            let holds = |word: &str| {
                if !word.is_ascii() {
                    return !norm.is_ascii() && norm.contains(word);
                }
                let (bare, whole) = word
                    .strip_suffix('$')
                    .map_or((word, false), |bare| (bare, true));
                starts.iter().any(|&i| {
                    norm[i..].starts_with(bare)
                        && (!whole
                            || norm[i + bare.len()..].is_empty()
                            || norm[i + bare.len()..].starts_with(' '))
                })
            };
            RULES
                .iter()
                .find(|(_, words)| words.iter().any(|w| holds(w)))
                .map(|(kind, _)| *kind)
        };
        let mut headings = vec!["Profiles".to_string(), "工作 Experience".to_string()];
        for (_, words) in RULES {
            for word in *words {
                let word = word.trim_end_matches('$');
                for heading in [
                    word.to_string(),
                    format!("{word}s"),
                    format!("My {word} and Projects"),
                    format!("Personal {word}"),
                    format!("x{word}"),
                    format!("工作{word}"),
                    format!("Team {}", word.to_uppercase()),
                ] {
                    headings.push(heading);
                }
            }
        }
        for heading in headings {
            // Past six words the rules are not asked.
            if normalize(&heading).split(' ').count() <= 6 {
                let want = if heading.to_lowercase().contains("programming language") {
                    Some(Skills)
                } else {
                    slow(&heading)
                };
                assert_eq!(classify_heading(&heading), want, "{heading:?}");
            }
        }
    }

    #[test]
    fn marks_are_neither_words_nor_spaces() {
        for c in (0..=0x2FFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_mark(c))
        {
            assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
        }
        assert!(is_mark('—') && is_mark('·') && is_mark('•') && is_mark('’'));
        assert!(!is_mark('\u{2028}') && !is_mark('\u{205F}') && !is_mark('é'));
    }

    #[test]
    fn headings_are_normalised_in_one_pass() {
        // Separators written as spaces, then the spaces collapsed.
        let slow = |heading: &str| {
            let mut out = String::new();
            for c in heading.chars() {
                if c.is_alphanumeric() || c == '-' {
                    out.extend(c.to_lowercase());
                } else if c == '&' || c == '/' || c.is_whitespace() || c == '_' {
                    out.push(' ');
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for heading in [
            "",
            " ",
            "Skills",
            "  Skills & Tools:  ",
            "&Skills",
            "Work / Volunteer_History",
            "**Education**",
            "ÉDUCATION — İSTANBUL",
            "工作 经历",
            "Tools —",
            "Skills · Tools • “Stack” … ‘Go’",
            "Line\u{2028}Separator\u{205F}Math‿Tie",
            "Self-Taught\u{a0}Projects",
            "- - -",
            "a.b,c",
            "tab\tvertical\x0Bform\x0Creturn\r\nend",
            "\x1Cfile separator\x1F",
        ] {
            assert_eq!(normalize(heading), slow(heading), "{heading:?}");
        }
    }

    #[test]
    fn a_functional_resume_s_competencies_are_experience() {
        let md = "# Thandi Example\n\n## Core Competencies\n\nData and databases\n\n\
                  - Designed a PostgreSQL database for 14,000 survey pegs and beacons.\n\
                  - Added spatial indexes; the month-end query went from 11 minutes to 40 seconds.\n\
                  - Wrote the SQL views the planning office uses every month.\n\n\
                  ## Technical Skills\n\n- Languages: Python, SQL\n\
                  - Embedded C for microcontrollers and real-time operating systems\n\
                  - Distributed systems with Kafka, RabbitMQ and gRPC services\n\n\
                  ## Key Skills\n\n\
                  - Experienced in Docker and Kubernetes for local development work\n\
                  - Skilled at writing clear documentation for other people to read\n\
                  - Built with: Flask, FastAPI\n";
        let doc = crate::read(
            md.as_bytes(),
            crate::Format::Markdown,
            &crate::Limits::default(),
        )
        .unwrap();
        let kinds: Vec<(&str, SectionKind)> = doc
            .sections
            .iter()
            .map(|s| (s.display_name(), s.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Header", SectionKind::Header),
                ("Core Competencies", SectionKind::Experience),
                ("Technical Skills", SectionKind::Skills),
                ("Key Skills", SectionKind::Skills),
            ]
        );
    }
}
