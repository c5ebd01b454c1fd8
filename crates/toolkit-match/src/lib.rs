//! Matching a resume document against a role profile: topic statuses, evidence and misspellings.
//!
//! [`Matcher::new`] compiles a profile once (an Aho-Corasick automaton over every
//! term spelling, the phrase patterns, and a misspelling index); [`Matcher::check`]
//! then reads a [`Document`] and returns a [`Report`]. The matcher does no I/O.
//!
//! The rules, in the order they apply to each line:
//! 1. URLs and e-mail addresses are masked; a word hyphenated across a line break
//!    (`Post-` / `greSQL`) is joined.
//! 2. Terms match whole words, leftmost-longest, so `JavaScript` is never `Java`.
//!    `exact_case` terms match only as written (`REST`, not "rest").
//! 3. A term inside a profile false friend ("rest of the team") does not count.
//! 4. An `ambiguous` term ("Go", "Ruby", "Docker") counts only in a technical
//!    context: a skills list, another technology on the line, or a technical word
//!    ("script", "service"). It never counts glued into a compound ("go-to",
//!    "Scrum-half") or in front of a capitalised name ("Java Junction").
//! 5. A mention in a negated ("no experience with Docker") or aspirational ("would
//!    like to learn Kubernetes") clause does not count.
//! 6. A misspelled term ("Postgress") counts for its topic and is reported.
//! 7. A mention is `demonstrated` in experience, projects, education, certifications,
//!    activities and unknown sections, and `listed` in the header, summary, skills,
//!    interests and languages sections, on a `Skills:`/`Keywords:` line, or when the
//!    term is a self-description ("team player").

mod fuzzy;
mod rules;
mod text;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet};
use serde::Serialize;
use toolkit_document::{Document, Line, Section, SectionKind};
use toolkit_profile::{Profile, TopicKind};

use crate::fuzzy::FuzzyIndex;
use crate::rules::{ClauseMood, Rules};

/// How well a resume covers a topic, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Missing,
    Listed,
    Demonstrated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Listed => "listed",
            Status::Demonstrated => "demonstrated",
        }
    }

    /// The share of a topic's weight this status earns.
    fn credit(self) -> f64 {
        match self {
            Status::Missing => 0.0,
            Status::Listed => 0.5,
            Status::Demonstrated => 1.0,
        }
    }
}

/// The result of checking one resume.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub candidate: Option<String>,
    pub profile_id: String,
    pub profile_title: String,
    /// 0 to 100: the weighted share of topics covered (demonstrated counts fully,
    /// listed half).
    pub score: u32,
    /// Every topic of the profile, in profile order.
    pub topics: Vec<TopicResult>,
    pub misspellings: Vec<Misspelling>,
}

impl Report {
    /// Topics in sheet order: missing first, then listed, then demonstrated; profile
    /// order within a tier.
    pub fn by_priority(&self) -> Vec<&TopicResult> {
        let mut topics: Vec<&TopicResult> = self.topics.iter().collect();
        topics.sort_by_key(|t| t.status);
        topics
    }

    /// How many topics have the given status.
    pub fn count(&self, status: Status) -> usize {
        self.topics.iter().filter(|t| t.status == status).count()
    }
}

/// One topic's status with the lines that prove it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicResult {
    pub id: String,
    pub title: String,
    pub kind: TopicKind,
    pub status: Status,
    /// The strongest evidence first, then in document order; one entry per line.
    pub evidence: Vec<Evidence>,
    /// Mentions that did not count, and why.
    pub ignored: Vec<Ignored>,
}

/// A resume line that shows or names a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub line: u32,
    pub page: Option<u32>,
    /// The section heading as written (or the section kind).
    pub section: String,
    /// The canonical term or the phrase pattern that matched.
    pub term: String,
    /// The line's text.
    pub text: String,
    /// What this line alone shows: `demonstrated` or `listed`.
    pub strength: Status,
}

/// A mention that looked like evidence but did not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub line: u32,
    pub term: String,
    pub reason: IgnoredReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoredReason {
    /// "no experience with Docker yet"
    Negated,
    /// "would like to learn Kubernetes"
    Aspiration,
    /// "rest of the team"
    FalseFriend,
}

impl IgnoredReason {
    pub fn as_str(self) -> &'static str {
        match self {
            IgnoredReason::Negated => "negated",
            IgnoredReason::Aspiration => "aspiration",
            IgnoredReason::FalseFriend => "false friend",
        }
    }
}

/// A misspelled technology name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelling {
    /// The text as written in the resume.
    pub found: String,
    /// The correct spelling.
    pub canonical: String,
    pub line: u32,
    pub page: Option<u32>,
}

/// One distinct term spelling (lower-cased) in the automaton.
#[derive(Debug)]
struct Needle {
    /// `None` for a profile technology that evidences no topic by itself.
    topic: Option<usize>,
    also: Vec<usize>,
    canonical: String,
    /// For exact-case terms: the spellings that count, as written.
    exact: Option<Vec<String>>,
    ambiguous: bool,
    listed_only: bool,
}

#[derive(Debug)]
struct PatternInfo {
    topic: usize,
    label: String,
    listed_only: bool,
    regex: Regex,
}

/// A profile compiled for matching.
#[derive(Debug)]
pub struct Matcher {
    profile: Profile,
    needles: Vec<Needle>,
    terms: AhoCorasick,
    false_friends: AhoCorasick,
    /// Topic of each false-friend phrase.
    false_friend_topic: Vec<usize>,
    patterns: RegexSet,
    pattern_info: Vec<PatternInfo>,
    /// For each topic, the section kinds whose every line is evidence.
    topic_sections: Vec<Vec<SectionKind>>,
    fuzzy: FuzzyIndex,
    rules: Rules,
    /// The `learning` topic, which ongoing study ("currently learning Go") still
    /// evidences while it stops counting for the studied technology.
    learning_topic: Option<usize>,
    /// The `languages` topic, whose other mentions make "C" or "R" on the same line
    /// read as a list of languages.
    languages_topic: Option<usize>,
}

/// Why a profile could not be compiled for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchError(pub String);

impl std::fmt::Display for MatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MatchError {}

/// A term found on a line, before the context rules decide whether it counts.
#[derive(Debug, Clone)]
struct Hit {
    needle: usize,
    start: usize,
    end: usize,
    /// Set for a misspelled mention: the text as written.
    misspelled: Option<String>,
}

impl Matcher {
    /// Compiles a (validated) profile.
    pub fn new(profile: &Profile) -> Result<Matcher, MatchError> {
        let topic_index: HashMap<&str, usize> = profile
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut needles: Vec<Needle> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let topic_terms = profile
            .topics
            .iter()
            .enumerate()
            .flat_map(|(ti, t)| t.terms.iter().map(move |term| (Some(ti), term)));
        let technologies = profile.technologies.iter().map(|term| (None, term));
        let mut fuzzy_spellings: Vec<(&str, usize)> = Vec::new();
        for (topic, term) in topic_terms.chain(technologies) {
            let also: Vec<usize> = term
                .also
                .iter()
                .filter_map(|id| topic_index.get(id.as_str()).copied())
                .collect();
            for spelling in term.spellings() {
                let key = spelling.trim().to_ascii_lowercase();
                let idx = *by_key.entry(key.clone()).or_insert_with(|| {
                    keys.push(key.clone());
                    needles.push(Needle {
                        topic,
                        also: also.clone(),
                        canonical: term.name.clone(),
                        exact: term.exact_case.then(Vec::new),
                        ambiguous: term.ambiguous,
                        listed_only: term.listed_only,
                    });
                    needles.len() - 1
                });
                if let Some(exact) = &mut needles[idx].exact {
                    exact.push(spelling.trim().to_string());
                }
                // Misspellings are looked for among technology names, which are
                // written with capitals ("Postgres", "GitHub"), not among phrases
                // and self-descriptions ("analytical", "team player").
                if !term.listed_only && spelling.chars().any(char::is_uppercase) {
                    fuzzy_spellings.push((spelling, idx));
                }
            }
        }
        let terms = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|e| MatchError(format!("cannot compile the term list: {e}")))?;

        let mut ff_keys = Vec::new();
        let mut false_friend_topic = Vec::new();
        for (ti, topic) in profile.topics.iter().enumerate() {
            for phrase in &topic.false_friends {
                ff_keys.push(phrase.to_ascii_lowercase());
                false_friend_topic.push(ti);
            }
        }
        let false_friends = AhoCorasick::new(&ff_keys)
            .map_err(|e| MatchError(format!("cannot compile the false friends: {e}")))?;

        let mut pattern_info = Vec::new();
        for (ti, topic) in profile.topics.iter().enumerate() {
            for p in &topic.patterns {
                let regex = Regex::new(&rules::ascii_word_bounds(&p.regex)).map_err(|e| {
                    MatchError(format!("topic `{}`: pattern `{}`: {e}", topic.id, p.label))
                })?;
                pattern_info.push(PatternInfo {
                    topic: ti,
                    label: p.label.clone(),
                    listed_only: p.listed_only,
                    regex,
                });
            }
        }
        let patterns = RegexSet::new(pattern_info.iter().map(|p| p.regex.as_str()))
            .map_err(|e| MatchError(format!("cannot compile the patterns: {e}")))?;

        let topic_sections = profile
            .topics
            .iter()
            .map(|t| t.sections.iter().filter_map(|s| section_kind(s)).collect())
            .collect();
        let fuzzy = FuzzyIndex::new(fuzzy_spellings);
        Ok(Matcher {
            profile: profile.clone(),
            needles,
            terms,
            false_friends,
            false_friend_topic,
            patterns,
            pattern_info,
            topic_sections,
            fuzzy,
            rules: Rules::new(),
            learning_topic: topic_index.get("learning").copied(),
            languages_topic: topic_index.get("languages").copied(),
        })
    }

    /// The profile this matcher was compiled from.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Checks a resume against the profile.
    pub fn check(&self, doc: &Document) -> Report {
        let n = self.profile.topics.len();
        let mut evidence: Vec<Vec<Evidence>> = vec![Vec::new(); n];
        let mut ignored: Vec<Vec<Ignored>> = vec![Vec::new(); n];
        let mut misspellings: Vec<Misspelling> = Vec::new();
        let name_words: Vec<String> = doc
            .name
            .iter()
            .flat_map(|n| n.split_whitespace())
            .map(fuzzy::normalize)
            .collect();

        for section in &doc.sections {
            let units = logical_lines(&section.lines);
            let mut carry: Option<String> = None;
            for (i, (parts, joined)) in units.iter().enumerate() {
                // A word hyphenated across a line break that ends a sentence is
                // completed from the next line; that fragment is then skipped there.
                let mut text = mask_fragment(joined, carry.take());
                if let Some((_, next)) = units.get(i + 1)
                    && let Some(rest) = text::hyphen_continuation(&text, next)
                {
                    let stem = text.trim_end().trim_end_matches('-').to_string();
                    text = stem + rest;
                    carry = Some(rest.to_string());
                }
                let ctx = LineCtx {
                    section,
                    parts,
                    text: joined,
                    masked: text::mask_contacts(&text),
                    name_words: &name_words,
                };
                self.check_line(&ctx, &mut evidence, &mut ignored, &mut misspellings);
            }
        }

        let mut topics = Vec::with_capacity(n);
        let mut earned = 0.0;
        let mut total = 0.0;
        for (ti, topic) in self.profile.topics.iter().enumerate() {
            let mut ev = std::mem::take(&mut evidence[ti]);
            // Strongest first, then in document order (each line already names its
            // evidence by its most specific term).
            ev.sort_by(|a, b| b.strength.cmp(&a.strength).then(a.line.cmp(&b.line)));
            let mut seen = std::collections::HashSet::new();
            ev.retain(|e| seen.insert(e.line));
            let status = ev.first().map_or(Status::Missing, |e| e.strength);
            earned += topic.weight * status.credit();
            total += topic.weight;
            let mut ign = std::mem::take(&mut ignored[ti]);
            let mut seen = std::collections::HashSet::new();
            ign.retain(|i| seen.insert((i.line, i.term.clone())));
            topics.push(TopicResult {
                id: topic.id.clone(),
                title: topic.title.clone(),
                kind: topic.kind,
                status,
                evidence: ev,
                ignored: ign,
            });
        }
        let mut seen = std::collections::HashSet::new();
        misspellings.retain(|m| seen.insert((m.line, m.found.clone())));
        let score = if total > 0.0 {
            (100.0 * earned / total).round() as u32
        } else {
            0
        };
        Report {
            candidate: doc.name.clone(),
            profile_id: self.profile.id.clone(),
            profile_title: self.profile.title.clone(),
            score,
            topics,
            misspellings,
        }
    }

    fn check_line(
        &self,
        ctx: &LineCtx<'_, '_>,
        evidence: &mut [Vec<Evidence>],
        ignored: &mut [Vec<Ignored>],
        misspellings: &mut Vec<Misspelling>,
    ) {
        let masked = ctx.masked.as_str();
        let lower = masked.to_ascii_lowercase();
        let base = ctx.base_strength(&self.rules);
        let listy = ctx.is_list_context(&self.rules);
        // (topic, strength, term, offset) of every mention that counts; turned into
        // evidence at the end, once per topic and source line.
        let mut found: Vec<(usize, Status, &str, usize)> = Vec::new();

        // 1. Candidate hits: exact spellings, then misspellings among the other words.
        let mut hits: Vec<Hit> = Vec::new();
        let mut covered: Vec<(usize, usize)> = Vec::new();
        for m in self.terms.find_iter(&lower) {
            let needle = &self.needles[m.pattern().as_usize()];
            if !text::is_word_bounded(masked, m.start(), m.end()) {
                continue;
            }
            covered.push((m.start(), m.end()));
            if let Some(exact) = &needle.exact
                && !exact.iter().any(|s| s == &masked[m.start()..m.end()])
            {
                continue;
            }
            hits.push(Hit {
                needle: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
                misspelled: None,
            });
        }
        if ctx.section.kind != SectionKind::Header {
            for (start, token) in text::tokens(masked) {
                let end = start + token.len();
                if covered.iter().any(|&(s, e)| s < end && start < e) {
                    continue;
                }
                if let Some(needle) = self.fuzzy.lookup(token)
                    && !ctx.name_words.contains(&fuzzy::normalize(token))
                {
                    hits.push(Hit {
                        needle,
                        start,
                        end,
                        misspelled: Some(token.to_string()),
                    });
                }
            }
        }
        if hits.is_empty() && self.pattern_info.is_empty() {
            return;
        }

        // 2. False friends of the hit's own topic.
        let ff_spans: Vec<(usize, usize, usize)> = self
            .false_friends
            .find_overlapping_iter(&lower)
            .filter(|m| text::is_word_bounded(&lower, m.start(), m.end()))
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.false_friend_topic[m.pattern().as_usize()],
                )
            })
            .collect();
        let mut kept: Vec<Hit> = Vec::new();
        for hit in hits {
            let topic = self.needles[hit.needle].topic;
            if let Some(topic) = topic
                && ff_spans
                    .iter()
                    .any(|&(s, e, t)| t == topic && s <= hit.start && hit.end <= e)
            {
                ignored[topic].push(Ignored {
                    line: ctx.line_at(hit.start).number,
                    term: masked[hit.start..hit.end].to_string(),
                    reason: IgnoredReason::FalseFriend,
                });
                continue;
            }
            kept.push(hit);
        }

        // 3. Negated and aspirational clauses.
        let clauses = text::clauses(&lower);
        let moods: Vec<ClauseMood> = clauses
            .iter()
            .map(|r| self.rules.mood(&lower[r.clone()]))
            .collect();
        let mood_at = |pos: usize| {
            clauses
                .iter()
                .position(|r| r.contains(&pos))
                .map_or(ClauseMood::Plain, |i| moods[i])
        };
        let learning = self.learning_topic;

        // Mentions in negated or aspirational clauses are set aside (and reported),
        // before the ambiguity rules, so "no experience with Docker" is explained.
        for hit in &kept {
            let needle = &self.needles[hit.needle];
            let mood = mood_at(hit.start);
            let reason = match mood {
                ClauseMood::Negated => IgnoredReason::Negated,
                ClauseMood::Aspiration | ClauseMood::Studying => IgnoredReason::Aspiration,
                ClauseMood::Plain => continue,
            };
            for topic in needle.topic.into_iter().chain(needle.also.iter().copied()) {
                if mood.excludes(Some(topic) == learning) {
                    ignored[topic].push(Ignored {
                        line: ctx.line_at(hit.start).number,
                        term: masked[hit.start..hit.end].to_string(),
                        reason,
                    });
                }
            }
        }

        // 4. Ambiguous terms need a technical context.
        let anchors: Vec<usize> = kept
            .iter()
            .filter(|h| {
                let n = &self.needles[h.needle];
                !n.ambiguous && !n.listed_only
            })
            .map(|h| h.start)
            .collect();
        let starts: Vec<usize> = kept.iter().map(|h| h.start).collect();
        let language_hits = kept
            .iter()
            .filter(|h| {
                self.languages_topic
                    .is_some_and(|l| self.needles[h.needle].topic == Some(l))
            })
            .count();
        let has_cue = self.rules.has_tech_cue(masked);
        kept.retain(|h| {
            let n = &self.needles[h.needle];
            if !n.ambiguous {
                return true;
            }
            self.ambiguous_ok(masked, h, listy, &anchors, &starts, has_cue, language_hits)
        });

        for hit in kept {
            let needle = &self.needles[hit.needle];
            let mood = mood_at(hit.start);
            let topics = needle.topic.into_iter().chain(needle.also.iter().copied());
            for topic in topics {
                if mood.excludes(Some(topic) == learning) {
                    continue;
                }
                let strength = if needle.listed_only {
                    Status::Listed
                } else {
                    base
                };
                found.push((topic, strength, needle.canonical.as_str(), hit.start));
            }
            // A misspelling is worth fixing even in a negated clause.
            if let Some(found) = hit.misspelled {
                let line = ctx.line_at(hit.start);
                misspellings.push(Misspelling {
                    found,
                    canonical: needle.canonical.clone(),
                    line: line.number,
                    page: line.page,
                });
            }
        }

        // 5. Phrase patterns (stories of debugging, teamwork, learning).
        for i in self.patterns.matches(&lower).into_iter() {
            let p = &self.pattern_info[i];
            let Some(m) = p.regex.find(&lower) else {
                continue;
            };
            if mood_at(m.start()).excludes(Some(p.topic) == learning) {
                continue;
            }
            let strength = if p.listed_only { Status::Listed } else { base };
            found.push((p.topic, strength, p.label.as_str(), m.start()));
        }

        // 6. Sections that evidence a topic by themselves (certifications → learning).
        for (ti, kinds) in self.topic_sections.iter().enumerate() {
            if kinds.contains(&ctx.section.kind) {
                found.push((ti, base, ctx.section.display_name(), 0));
            }
        }

        // Strongest first, and on one line the most specific (longest) term names it.
        found.sort_by_key(|&(topic, strength, term, offset)| {
            (topic, std::cmp::Reverse(strength), is_generic(term), offset)
        });
        let mut last: Option<(usize, u32)> = None;
        for (topic, strength, term, offset) in found {
            let line = ctx.line_at(offset).number;
            if last == Some((topic, line)) {
                continue;
            }
            last = Some((topic, line));
            evidence[topic].push(ctx.evidence(term, strength, offset));
        }
    }

    /// Whether an ambiguous term ("Go", "Docker", "C") reads as technology here.
    #[allow(clippy::too_many_arguments)]
    fn ambiguous_ok(
        &self,
        masked: &str,
        h: &Hit,
        listy: bool,
        anchors: &[usize],
        starts: &[usize],
        has_cue: bool,
        language_hits: usize,
    ) -> bool {
        // Glued into a compound: "go-to", "Scrum-half", "Rust-Proofing", "non-Docker".
        if let Some(suffix) = text::hyphen_suffix(masked, h.end)
            && !self.rules.is_tech_suffix(&suffix.to_ascii_lowercase())
        {
            return false;
        }
        if text::hyphen_prefix(masked, h.start) {
            return false;
        }
        let single_letter = h.end - h.start == 1;
        if single_letter {
            // "C" and "R" count only as an item of a list of languages.
            return language_hits >= 2 && text_is_list_item(masked, h.start, h.end);
        }
        if listy {
            return true;
        }
        // In front of a capitalised word that is neither a term nor a technical word,
        // it is part of a name: "Java Junction", "Ruby Castañeda", "Rust Belt". In front
        // of a technical word it is technology: "Python Developer", "Docker image".
        if let Some((start, word)) = text::next_word(masked, h.end) {
            let technical =
                starts.contains(&start) || self.rules.is_tech_word(&word.to_lowercase());
            if technical {
                return true;
            }
            if word.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
        let versioned = masked[h.end..]
            .trim_start()
            .trim_start_matches(['v', 'V'])
            .starts_with(|c: char| c.is_ascii_digit());
        versioned || has_cue || anchors.iter().any(|&s| s != h.start)
    }
}

/// A lower-case term ("security", "migrations") or pattern label is generic; a
/// capitalised one names a technology ("Spring Security", "MySQL") and is the better
/// name for a line's evidence.
fn is_generic(term: &str) -> bool {
    !term.chars().any(char::is_uppercase)
}

/// True when the span sits between list separators: "Python, C, Go", "C/C++", "(C)".
fn text_is_list_item(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let sep_before = before.is_empty()
        || before.ends_with([',', '·', '|', '/', '(', '&', ':', ';', '•'])
        || before.to_ascii_lowercase().ends_with(" and");
    let sep_after = after.is_empty()
        || after.starts_with([',', '·', '|', '/', ')', '&', ';', '•'])
        || after.starts_with(". ")
        || after == "."
        || after.to_ascii_lowercase().starts_with("and ");
    sep_before && sep_after
}

/// Replaces the first word of `text` with spaces when it completes a hyphenated
/// word from the line before (it was already matched there).
fn mask_fragment(text: &str, fragment: Option<String>) -> String {
    match fragment {
        Some(f) => {
            let lead = text.len() - text.trim_start().len();
            let mut out = text.to_string();
            if out[lead..].starts_with(f.as_str()) {
                out.replace_range(lead..lead + f.len(), &" ".repeat(f.len()));
            }
            out
        }
        None => text.to_string(),
    }
}

fn section_kind(name: &str) -> Option<SectionKind> {
    Some(match name {
        "header" => SectionKind::Header,
        "summary" => SectionKind::Summary,
        "skills" => SectionKind::Skills,
        "experience" => SectionKind::Experience,
        "projects" => SectionKind::Projects,
        "education" => SectionKind::Education,
        "certifications" => SectionKind::Certifications,
        "activities" => SectionKind::Activities,
        "interests" => SectionKind::Interests,
        "languages" => SectionKind::Languages,
        "other" => SectionKind::Other,
        _ => return None,
    })
}

/// Groups a section's lines into sentences: a line and the lines that continue it,
/// joined with spaces (or without one, where a word was hyphenated at the break).
/// Each part keeps the byte offset where it starts in the joined text.
fn logical_lines(lines: &[Line]) -> Vec<(Vec<(usize, &Line)>, String)> {
    let mut out: Vec<(Vec<(usize, &Line)>, String)> = Vec::new();
    for line in lines {
        match out.last_mut() {
            Some((parts, text)) if line.continues => {
                if text::hyphen_continuation(text, &line.text).is_some() {
                    text.truncate(text.trim_end().len() - 1);
                } else {
                    text.push(' ');
                }
                parts.push((text.len(), line));
                text.push_str(&line.text);
            }
            _ => out.push((vec![(0, line)], line.text.clone())),
        }
    }
    out
}

/// One sentence being matched (a line and its continuation lines), with what the
/// rules need to know about it.
struct LineCtx<'a, 'u> {
    section: &'a Section,
    /// The source lines and where each starts in `text`.
    parts: &'u [(usize, &'a Line)],
    /// The lines joined.
    text: &'u str,
    /// `text` with contact details masked (and a hyphenated word completed).
    masked: String,
    name_words: &'a [String],
}

impl<'a> LineCtx<'a, '_> {
    /// What a mention on this line shows, before term-level caps.
    fn base_strength(&self, rules: &Rules) -> Status {
        let listed_section = matches!(
            self.section.kind,
            SectionKind::Header
                | SectionKind::Summary
                | SectionKind::Skills
                | SectionKind::Interests
                | SectionKind::Languages
        );
        if listed_section || rules.is_keyword_line(self.text) {
            Status::Listed
        } else {
            Status::Demonstrated
        }
    }

    /// Skills lists and labelled keyword or stack lines read as lists of technology.
    fn is_list_context(&self, rules: &Rules) -> bool {
        matches!(self.section.kind, SectionKind::Skills)
            || rules.is_keyword_line(self.text)
            || rules.is_stack_line(self.text)
    }

    /// The source line holding the byte at `offset` of the joined text.
    fn line_at(&self, offset: usize) -> &'a Line {
        let i = self.parts.partition_point(|(start, _)| *start <= offset);
        self.parts[i.saturating_sub(1)].1
    }

    fn evidence(&self, term: &str, strength: Status, offset: usize) -> Evidence {
        let line = self.line_at(offset);
        Evidence {
            line: line.number,
            page: line.page,
            section: self.section.display_name().to_string(),
            term: term.to_string(),
            text: self.text.to_string(),
            strength,
        }
    }
}

#[cfg(test)]
mod tests;
