//! Answer openers: the first sentence of an answer, built from the resume's own line.
//!
//! The profile gives each topic an opener template (`"{did}. I'll explain …"`);
//! this module supplies `{did}`: what the evidence line says was done, turned
//! into the first person and led by where it happened ("At work, I added REST
//! endpoints …"). A topic that is only listed gets "I list X and Y in my skills".
//! The rules here are about English, not about any role: which first words are
//! verbs, which section names mean work or study.

use toolkit_match::{Evidence, Status};
use toolkit_profile::opener_placeholders;

/// The longest stretch of a resume line an opener repeats, in characters (a wide
/// CJK character counts twice), so every opener fits its place on the sheet.
const MAX_CLAUSE: usize = 70;

/// The longest employer name an opener starts with ("At Bamboo Basket Delivery, …").
const MAX_ORGANISATION: usize = 32;

/// What an opener is built from: one evidence line. (Cues, such as the symptom
/// and the fix of a bug story, can join here when the matcher reports them.)
pub(crate) struct Said<'a> {
    pub(crate) term: &'a str,
    pub(crate) text: &'a str,
    pub(crate) section: &'a str,
    pub(crate) strength: Status,
}

impl<'a> From<&'a Evidence> for Said<'a> {
    fn from(e: &'a Evidence) -> Said<'a> {
        Said {
            term: &e.term,
            text: &e.text,
            section: &e.section,
            strength: e.strength,
        }
    }
}

/// The opener for a topic: `template` (or `listed_template` for a listed topic)
/// with its placeholders filled in. Empty when the profile has no template.
pub(crate) fn opener(template: &str, listed_template: &str, said: &Said<'_>) -> String {
    let (template, did) = match said.strength {
        Status::Listed => (listed_template, listed(said)),
        _ => (template, done(said)),
    };
    let Ok(fields) = opener_placeholders(template) else {
        return String::new();
    };
    if template.is_empty() || fields.is_empty() {
        return String::new();
    }
    let mut out = template.to_string();
    out = out.replace("{did}", &did).replace("{term}", said.term);
    capitalise(&out)
}

/// What was done, in the first person: "at Acme, I added REST endpoints …".
fn done(said: &Said<'_>) -> String {
    let lead = organisation(said.section)
        .map(|org| format!("at {org}, "))
        .unwrap_or_else(|| lead(said.section).to_string());
    match first_person(said.text) {
        Some(clause) => format!("{lead}{clause}"),
        // A technology by name: what it was used for is on the line.
        None if said
            .term
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
            && !said.term.eq_ignore_ascii_case(said.section.trim()) =>
        {
            format!("{lead}I worked with {}", said.term)
        }
        None => format!(
            "on my resume: “{}”",
            shorten(said.text.trim().trim_end_matches(['.', ';', ',', ':', ' ']))
        ),
    }
}

/// The employer or project named in a heading such as "Backend Developer —
/// Bamboo Basket Delivery, Taipei (2024 – present)".
fn organisation(section: &str) -> Option<&str> {
    let (_, rest) = [" — ", " – ", " - ", " | ", " at ", " @ "]
        .iter()
        .filter_map(|sep| section.split_once(sep))
        .min_by_key(|(before, _)| before.len())?;
    let end = rest.find([',', '(', '|', '—', '–']).unwrap_or(rest.len());
    let org = rest[..end].trim();
    let words = org.split_whitespace().count();
    (org.chars().next().is_some_and(char::is_uppercase)
        && (1..=6).contains(&words)
        && org.chars().count() <= MAX_ORGANISATION
        && !org.chars().any(|c| c.is_ascii_digit()))
    .then_some(org)
}

/// How a listed topic is named: "I list Spring Security and JWT in my skills".
fn listed(said: &Said<'_>) -> String {
    let section = said.section.to_lowercase();
    let term = said.term;
    if section.contains("summary") || section.contains("profile") || section.contains("about") {
        format!("I mention {term} in my summary")
    } else if section.contains("header") || section.is_empty() {
        format!("I name {term} at the top of my resume")
    } else if section.contains("skill") || section.contains("tech") || section.contains("tool") {
        format!("I list {} in my skills", skill_items(said.text, term))
    } else {
        format!("I name {term} on my resume")
    }
}

/// The items of a skills line that go with the term: "Security | Spring
/// Security, JWT" gives "Spring Security and JWT". At most three, the term's first.
fn skill_items(text: &str, term: &str) -> String {
    let after_label = text.split_once([':', '|']).map_or(text, |(label, rest)| {
        if label.split_whitespace().count() <= 3 {
            rest
        } else {
            text
        }
    });
    let term_lower = term.to_lowercase();
    let mut items: Vec<&str> = after_label
        .split([',', ';', '|', '/', '·', '•'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.chars().count() <= 30)
        .collect();
    // The item naming the term first, then the rest in their order.
    items.sort_by_key(|item| !item.to_lowercase().contains(&term_lower));
    items.truncate(3);
    if !items
        .iter()
        .any(|item| item.to_lowercase().contains(&term_lower))
    {
        return term.to_string();
    }
    match items.as_slice() {
        [] => term.to_string(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Where the work happened, from the section heading, as the start of a sentence.
fn lead(section: &str) -> &'static str {
    let s = section.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if has(&["hackathon"]) {
        "at a hackathon, "
    } else if has(&["project", "portfolio"]) {
        "in a project, "
    } else if has(&["certif", "course", "training", "bootcamp"]) {
        "in my training, "
    } else if has(&[
        "education",
        "study",
        "studies",
        "school",
        "university",
        "academic",
    ]) {
        "during my studies, "
    } else if has(&[
        "volunteer",
        "activit",
        "community",
        "open source",
        "leadership",
        "extracurricular",
    ]) {
        "outside work, "
    } else if has(&[
        "experience",
        "work",
        "employment",
        "career",
        "intern",
        "history",
        "job",
    ]) {
        "at work, "
    } else {
        ""
    }
}

/// A resume line as a first-person clause, or `None` when it does not start with
/// a verb ("Booking API: Flask, PostgreSQL").
fn first_person(text: &str) -> Option<String> {
    let text = text
        .trim()
        .trim_start_matches(['-', '*', '•', '–', '—', '·', '>', ' '])
        .trim();
    let sentence = first_sentence(text);
    let clause = shorten(sentence.trim_end_matches(['.', ';', ',', ':', ' ']));
    let mut words = clause.splitn(2, ' ');
    let first = words.next()?;
    let rest = words.next().unwrap_or("");
    if first == "I" {
        return Some(clause.to_string());
    }
    if first.eq_ignore_ascii_case("we") {
        return Some(format!("we {rest}").trim_end().to_string());
    }
    if !is_verb(first) || rest.is_empty() {
        return None;
    }
    Some(format!("I {} {rest}", first.to_lowercase()))
}

/// The text up to the end of its first sentence (". " before a capital letter).
fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) && i > 20 {
            return &text[..i];
        }
    }
    text
}

/// At most [`MAX_CLAUSE`] characters, cut at a clause boundary where there is one.
fn shorten(text: &str) -> &str {
    // The byte offset where the text reaches MAX_CLAUSE columns.
    let mut columns = 0;
    let mut limit = text.len();
    for (i, c) in text.char_indices() {
        columns += if is_wide(c) { 2 } else { 1 };
        if columns > MAX_CLAUSE {
            limit = i;
            break;
        }
    }
    if limit == text.len() {
        return text;
    }
    let head = &text[..limit];
    let boundaries = [
        ", ",
        "; ",
        " and ",
        " by ",
        " with ",
        " for ",
        " using ",
        " to ",
        " so ",
        " in ",
        " on ",
        " during ",
        " from ",
        " into ",
        " across ",
        " within ",
        " after ",
        " before ",
        " while ",
        " because ",
        " which ",
        " that ",
        " where ",
    ];
    let cut = boundaries
        .iter()
        .filter_map(|b| head.rfind(b))
        .filter(|&i| i >= 20)
        .max()
        .or_else(|| head.rfind(' '))
        .unwrap_or(limit);
    let mut clause = &text[..cut];
    // A clause cut short never ends on a word that needs one after it.
    while let Some((rest, last)) = clause.rsplit_once(' ') {
        if !DANGLING.contains(&last.to_lowercase().as_str()) {
            break;
        }
        clause = rest;
    }
    clause.trim_end_matches([',', ';', ':'])
}

/// Words a shortened clause must not end on.
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "for", "from", "with", "by", "in", "on",
    "at", "as", "into", "onto", "via", "that", "which", "who", "whose", "my", "our", "their",
    "its",
];

/// Whether a capitalised first word reads as a verb: a regular past tense or
/// one of the common irregular and present forms resumes start bullets with.
fn is_verb(word: &str) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase)
        || !word.chars().all(|c| c.is_alphabetic() || c == '-')
    {
        return false;
    }
    let w = word.to_lowercase();
    if w.len() > 4 && w.ends_with("ed") && !NOT_VERBS.contains(&w.as_str()) {
        return true;
    }
    VERBS.contains(&w.as_str())
}

/// Words ending in "ed" that are not verbs at the start of a bullet.
const NOT_VERBS: &[&str] = &[
    "embedded",
    "distributed",
    "automated",
    "advanced",
    "detailed",
    "experienced",
    "skilled",
    "dedicated",
    "motivated",
    "certified",
    "talented",
    "seed",
    "speed",
    "feed",
    "need",
];

/// Irregular past forms and present forms that open resume bullets.
const VERBS: &[&str] = &[
    "built",
    "wrote",
    "led",
    "made",
    "ran",
    "set",
    "took",
    "found",
    "gave",
    "taught",
    "kept",
    "drove",
    "brought",
    "won",
    "began",
    "chose",
    "held",
    "sent",
    "spent",
    "put",
    "cut",
    "got",
    "rebuilt",
    "rewrote",
    "oversaw",
    "sped",
    "met",
    "sold",
    "told",
    "understood",
    "did",
    "saw",
    "shipped",
    "build",
    "write",
    "lead",
    "design",
    "develop",
    "maintain",
    "create",
    "implement",
    "manage",
    "run",
    "own",
    "ship",
    "deploy",
    "migrate",
    "test",
    "debug",
    "fix",
    "mentor",
    "review",
    "automate",
    "optimise",
    "optimize",
    "refactor",
    "integrate",
    "support",
    "use",
    "work",
    "help",
    "teach",
    "learn",
    "contribute",
    "organise",
    "organize",
    "present",
    "add",
    "designs",
    "develops",
    "maintains",
    "builds",
    "writes",
    "leads",
    "manages",
    "runs",
    "owns",
    "join",
    "issue",
    "handle",
    "pair",
    "answer",
    "onboard",
    "monitor",
    "plan",
    "coordinate",
    "document",
    "host",
    "keep",
    "move",
    "reduce",
    "improve",
    "scale",
    "secure",
    "train",
    "triage",
    "patch",
    "configure",
    "containerise",
    "containerize",
    "package",
    "publish",
    "release",
    "translate",
    "investigate",
    "trace",
    "profile",
    "benchmark",
    "model",
];

/// East Asian wide characters, about twice as wide as a Latin letter.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said<'a>(text: &'a str, term: &'a str, section: &'a str, strength: Status) -> Said<'a> {
        Said {
            term,
            text,
            section,
            strength,
        }
    }

    const T: &str = "{did}. I'll build on that.";
    const L: &str = "{did}; my example is one {term} request.";

    #[test]
    fn openers_follow_the_line() {
        let cases = [
            (
                said(
                    "Added REST endpoints in Java for the transfer-status page.",
                    "REST",
                    "Experience",
                    Status::Demonstrated,
                ),
                "At work, I added REST endpoints in Java for the transfer-status page. I'll build on that.",
            ),
            (
                said(
                    "I reproduced it against a copy of the staging data.",
                    "IntelliJ",
                    "Work history",
                    Status::Demonstrated,
                ),
                "At work, I reproduced it against a copy of the staging data. I'll build on that.",
            ),
            (
                said(
                    "Built a booking API with Flask and PostgreSQL",
                    "PostgreSQL",
                    "Projects",
                    Status::Demonstrated,
                ),
                "In a project, I built a booking API with Flask and PostgreSQL. I'll build on that.",
            ),
            (
                said(
                    "Booking API: Flask, PostgreSQL, Docker",
                    "Docker",
                    "Projects",
                    Status::Demonstrated,
                ),
                "In a project, I worked with Docker. I'll build on that.",
            ),
            (
                said(
                    "We moved the team to trunk-based development",
                    "Git",
                    "Volunteering",
                    Status::Demonstrated,
                ),
                "Outside work, we moved the team to trunk-based development. I'll build on that.",
            ),
            (
                said(
                    "Security | Spring Security, JWT",
                    "Spring Security",
                    "Skills",
                    Status::Listed,
                ),
                "I list Spring Security and JWT in my skills; my example is one Spring Security request.",
            ),
            (
                said(
                    "Team player who enjoys pairing",
                    "team player",
                    "Summary",
                    Status::Listed,
                ),
                "I mention team player in my summary; my example is one team player request.",
            ),
        ];
        let more = [
            (
                said(
                    "Join daily stand-ups and sprint reviews, and review pull requests.",
                    "reviews",
                    "Backend Developer — Bamboo Basket Delivery, Taipei (2024 – present)",
                    Status::Demonstrated,
                ),
                "At Bamboo Basket Delivery, I join daily stand-ups and sprint reviews, and review pull requests. I'll build on that.",
            ),
            (
                said(
                    "Maintainer of a small open-source date package.",
                    "open source",
                    "Community",
                    Status::Demonstrated,
                ),
                "On my resume: “Maintainer of a small open-source date package”. I'll build on that.",
            ),
        ];
        for (s, want) in cases.into_iter().chain(more) {
            assert_eq!(opener(T, L, &s), want, "{}", s.text);
        }
    }

    #[test]
    fn long_lines_are_cut_at_a_clause() {
        let line = "Designed the schema for the clinic's appointment service, normalised the visit tables to third normal form and added indexes that cut the slowest query from four seconds to forty milliseconds";
        let s = said(line, "indexing", "Experience", Status::Demonstrated);
        let got = opener("{did}.", "{did}.", &s);
        assert_eq!(
            got,
            "At work, I designed the schema for the clinic's appointment service."
        );
        // Cut at a word, a clause never ends on one that needs another after it.
        let s = said(
            "Pushed each change to Github and worked through review comments from the senior developer",
            "Git",
            "Experience",
            Status::Demonstrated,
        );
        assert_eq!(
            opener("{did}.", "{did}.", &s),
            "At work, I pushed each change to Github and worked through review comments."
        );
        assert!(got.chars().count() < MAX_CLAUSE + 20);
    }

    #[test]
    fn nouns_ending_in_ed_are_not_verbs() {
        assert!(is_verb("Migrated") && is_verb("Led") && is_verb("Designs"));
        assert!(!is_verb("Embedded") && !is_verb("Speed") && !is_verb("REST") && !is_verb("led"));
    }
}
