//! Matching a resume document against a role profile: topic statuses, evidence and misspellings.
//!
//! [`Matcher::new`] compiles a profile once (an index of every term spelling, the
//! behaviour word classes and models, and a misspelling index); [`Matcher::check`]
//! then reads a [`Document`] and returns a [`Report`]. The matcher does no I/O.
//!
//! The rules, in the order they apply to each sentence (a line and the wrapped lines
//! that continue it, up to a bounded length):
//! 1. URLs and e-mail addresses are masked; a word hyphenated across a line break
//!    (`Post-` / `greSQL`) is joined.
//! 2. Terms match whole words, leftmost-longest, so `JavaScript` is never `Java`.
//!    `exact_case` terms match only as written (`REST`, not "rest").
//! 3. A term inside a profile false friend ("rest of the team") does not count.
//! 4. An `ambiguous` term ("Go", "Ruby", "Docker") counts only in a technical
//!    context: a skills list, another technology on the line, or a technical word
//!    ("script", "service"). It never counts glued into a compound ("go-to",
//!    "Scrum-half") or in front of a capitalised name ("Java Junction"). A
//!    `list_item` term ("C", "R") counts only in a list of its topic's terms.
//! 5. A mention in a negated ("no experience with Docker") or aspirational ("would
//!    like to learn Kubernetes") clause does not count.
//! 6. A topic with a behaviour `model` (a challenging bug, teamwork, learning,
//!    debugging tools) is judged by its model over the sentence's story parts and its
//!    own terms ([`behaviour`]); its evidence quotes those parts as cues.
//! 7. A misspelled term ("Postgress") counts for its topic and is reported.
//! 8. A mention is `demonstrated` in experience, projects, education, certifications,
//!    activities and unknown sections, and `listed` in the header, summary, skills,
//!    interests and languages sections, on a keyword line ("Skills: ..."), or when
//!    the term or the model says it is a self-description ("team player").

pub mod behaviour;
mod compile;
mod fuzzy;
mod hash;
mod judge;
mod labels;
mod line;
mod literals;
mod memo;
mod moods;
mod needs;
mod overlap;
mod phrase;
mod plans;
mod prefilter;
mod reported;
mod rules;
mod sentence;
mod text;

use std::sync::Mutex;

use serde::Serialize;
use toolkit_document::{Document, SectionKind};
use toolkit_profile::{Profile, TopicKind};

pub use crate::behaviour::{Cue, Verdict};
use crate::compile::{Compiled, Patterns};

/// At most this many evidence lines (and as many ignored mentions) are kept per topic;
/// the rest are counted. A resume that repeats a skill on a thousand lines gives a
/// report of the same size as one that names it twenty times.
pub const MAX_EVIDENCE: usize = 20;

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
    /// The strongest evidence first, then in document order; one entry per line, at
    /// most [`MAX_EVIDENCE`].
    pub evidence: Vec<Evidence>,
    /// How many lines evidence the topic, including those not kept in `evidence`.
    pub evidence_count: usize,
    /// Mentions that did not count, and why (at most [`MAX_EVIDENCE`]).
    pub ignored: Vec<Ignored>,
}

impl TopicResult {
    /// The evidence line to lead with: of the lines at the topic's status, the one
    /// that tells the most parts of its story (a symptom, a clue and a change say more
    /// than a change alone), the first of equals.
    pub fn lead(&self) -> Option<&Evidence> {
        let parts = |e: &Evidence| {
            let mut roles: Vec<&str> = e.cues.iter().map(|c| c.role.as_str()).collect();
            roles.sort_unstable();
            roles.dedup();
            roles.len()
        };
        self.evidence
            .iter()
            .filter(|e| e.strength == self.status)
            .enumerate()
            .max_by_key(|(i, e)| (parts(e), std::cmp::Reverse(*i)))
            .map(|(_, e)| e)
    }
}

/// A resume line that shows or names a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub line: u32,
    pub page: Option<u32>,
    /// The section heading as written (or the section kind).
    pub section: String,
    /// The canonical term, or the behaviour model's label ("bug story").
    pub term: String,
    /// The sentence's text.
    pub text: String,
    /// What this line alone shows: `demonstrated` or `listed`.
    pub strength: Status,
    /// For a behavioural topic: the parts of the sentence that made it count.
    pub cues: Vec<Cue>,
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

/// Why a profile could not be compiled for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchError(pub String);

impl std::fmt::Display for MatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MatchError {}

/// A profile compiled for matching.
#[derive(Debug)]
pub struct Matcher {
    profile: Profile,
    compiled: Compiled,
    /// The rules' buffers that resumes checked before left, for the next ones (one set
    /// for each thread that was checking at the same time).
    spare: Mutex<Vec<line::Buffers>>,
}

/// A behavioural topic's features for one sentence, for fitting its model.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceFeatures {
    /// The topic's id.
    pub topic: String,
    /// The model's name.
    pub model: String,
    /// The indices of the model's features (in the order of `ModelSpec::features`)
    /// that are on.
    pub active: Vec<u32>,
    /// The stems of the sentence's counted words (for models that read words).
    pub words: Vec<String>,
    /// The strongest status the sentence's section or keyword label allows.
    pub cap: Status,
    /// The sentence's first source line.
    pub line: u32,
}

/// Evidence and set-aside mentions gathered for each topic while reading a resume.
#[derive(Debug, Default)]
struct Collected {
    demonstrated: Vec<Evidence>,
    listed: Vec<Evidence>,
    count: usize,
    last_line: Option<u32>,
    ignored: Vec<Ignored>,
}

impl Collected {
    fn push(&mut self, e: Evidence) {
        if self.last_line != Some(e.line) {
            self.count += 1;
            self.last_line = Some(e.line);
        }
        let list = match e.strength {
            Status::Demonstrated => &mut self.demonstrated,
            _ => &mut self.listed,
        };
        if list.len() < MAX_EVIDENCE && list.last().is_none_or(|l| l.line != e.line) {
            list.push(e);
        }
    }

    fn ignore(&mut self, i: Ignored) {
        if self.ignored.len() < MAX_EVIDENCE
            && !self
                .ignored
                .iter()
                .any(|x| x.line == i.line && x.term == i.term)
        {
            self.ignored.push(i);
        }
    }

    /// The kept evidence, strongest first, then in document order, one per line.
    fn evidence(self) -> (Vec<Evidence>, Vec<Ignored>, usize) {
        let mut ev = self.demonstrated;
        let shown = ev.len();
        for e in self.listed {
            if !ev[..shown].iter().any(|d| d.line == e.line) {
                ev.push(e);
            }
        }
        ev.truncate(MAX_EVIDENCE);
        (ev, self.ignored, self.count)
    }
}

/// Starts building what matching needs whatever the profile (the built-in behaviour
/// data, the behaviour models' detector, the mood patterns) on a thread of its own, once
/// a process. Compiling a matcher starts it too; a program that will need one calls it
/// earlier, before it loads the profile, so that the two are built side by side.
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // If no thread can be had, the first matcher builds them.
        let _ = std::thread::Builder::new()
            .name("warm-up".into())
            .spawn(|| {
                toolkit_profile::Context::builtin();
                let _ = compile::detector();
                rules::moods();
            });
    });
}

impl Matcher {
    /// Compiles a (validated) profile.
    pub fn new(profile: &Profile) -> Result<Matcher, MatchError> {
        Matcher::from_profile(profile.clone())
    }

    /// Compiles a (validated) profile and keeps it, without a copy.
    pub fn from_profile(profile: Profile) -> Result<Matcher, MatchError> {
        Ok(Matcher {
            compiled: Compiled::new(&profile, Patterns::Now)?,
            profile,
            spare: Mutex::default(),
        })
    }

    /// Compiles a built-in profile and keeps it. Its phrase patterns are built the first
    /// time a line could match them (the tests build every one), so a run whose resumes
    /// give them no chance never waits for them.
    pub fn from_builtin_profile(profile: Profile) -> Result<Matcher, MatchError> {
        Ok(Matcher {
            compiled: Compiled::new(&profile, Patterns::WhenNeeded)?,
            profile,
            spare: Mutex::default(),
        })
    }

    /// The profile this matcher was compiled from.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Checks a resume against the profile.
    pub fn check(&self, doc: &Document) -> Report {
        let n = self.profile.topics.len();
        let mut collected: Vec<Collected> = (0..n).map(|_| Collected::default()).collect();
        let mut misspellings: Vec<Misspelling> = Vec::new();
        self.walk(doc, false, &mut |out| match out {
            line::Output::Evidence(topic, e) => collected[topic].push(e),
            line::Output::Ignored(topic, i) => collected[topic].ignore(i),
            line::Output::Misspelling(m) => {
                if !misspellings
                    .iter()
                    .any(|x| x.line == m.line && x.found == m.found)
                {
                    misspellings.push(m);
                }
            }
            line::Output::Features(_) => {}
        });

        let mut topics = Vec::with_capacity(n);
        let mut earned = 0.0;
        let mut total = 0.0;
        for (topic, c) in self.profile.topics.iter().zip(collected) {
            let (evidence, ignored, evidence_count) = c.evidence();
            let status = evidence.first().map_or(Status::Missing, |e| e.strength);
            earned += topic.weight * status.credit();
            total += topic.weight;
            topics.push(TopicResult {
                id: topic.id.clone(),
                title: topic.title.clone(),
                kind: topic.kind,
                status,
                evidence,
                evidence_count,
                ignored,
            });
        }
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

    /// The behaviour models' features of every sentence of a resume, for fitting the
    /// models (`toolkit-train`); the same pipeline as [`Matcher::check`].
    pub fn sentence_features(&self, doc: &Document) -> Vec<SentenceFeatures> {
        let mut out = Vec::new();
        self.walk(doc, true, &mut |o| {
            if let line::Output::Features(f) = o {
                out.push(f);
            }
        });
        out
    }

    /// Runs every sentence of the document through the rules, reporting what it finds.
    fn walk(&self, doc: &Document, features: bool, emit: &mut dyn FnMut(line::Output)) {
        let name_words: Vec<String> = doc
            .name
            .iter()
            .flat_map(|n| n.split_whitespace())
            .map(fuzzy::normalize)
            .collect();
        let buffers = self.spare.lock().ok().and_then(|mut spare| spare.pop());
        let mut scratch =
            line::SentenceScratch::new(buffers.unwrap_or_else(|| line::Buffers::new(self)));
        // A topic stands on a resume's best line, so the longer the resume, the more a
        // line needs to count (one line, as the models are fitted, needs nothing more).
        let body_lines = doc
            .sections
            .iter()
            .filter(|s| s.kind != SectionKind::Header)
            .map(|s| s.lines.len())
            .sum();
        let penalty = self.compiled.detector.penalty(body_lines);
        let sentences = sentence::Sentences::of(&doc.sections, &name_words);
        for unit in sentences.iter() {
            self.check_sentence(&unit, features, penalty, emit, &mut scratch);
        }
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(scratch.into_buffers());
        }
    }
}

#[cfg(test)]
mod tests;
