//! The versioned JSON output of `toolkit check --format json` (one object per line).
//!
//! These types are the contract scripts rely on: fields are only ever added, and a
//! change to an existing one bumps [`SCHEMA_VERSION`].

use serde::Serialize;
use toolkit_document::Hidden;
use toolkit_match::{Evidence, Misspelling, Report, Status};

/// The version of this JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    pub schema_version: u32,
    pub file: &'a str,
    pub format: &'a str,
    pub candidate: Candidate<'a>,
    pub profile: ProfileRef<'a>,
    pub score: u32,
    pub summary: Summary,
    pub topics: Vec<TopicJson<'a>>,
    pub misspellings: Vec<MisspellingJson<'a>>,
    /// Invisible characters found inside words (and removed before matching).
    pub hidden_characters: Vec<HiddenJson>,
    /// Which checker wrote the report.
    pub checker: Checker,
}

/// Which checker wrote a report, so that a later run can tell whether two reports of
/// one client were judged alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Checker {
    pub name: &'static str,
    pub version: &'static str,
    /// A fingerprint (16 hexadecimal digits) of what decides verdicts: the reader, the
    /// matcher, the built-in profiles, word lists and weights, and the locked
    /// dependencies.
    pub build: &'static str,
}

/// This binary as a checker.
pub const CHECKER: Checker = Checker {
    name: "toolkit",
    version: env!("CARGO_PKG_VERSION"),
    build: env!("TOOLKIT_BUILD"),
};

impl Checker {
    /// `toolkit 0.1.0 (build 0123456789abcdef)`.
    pub fn label(name: &str, version: &str, build: &str) -> String {
        format!("{name} {version} (build {build})")
    }
}

#[derive(Debug, Serialize)]
pub struct HiddenJson {
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// `U+200B`.
    pub char: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Candidate<'a> {
    pub name: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ProfileRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub demonstrated: usize,
    pub listed: usize,
    pub missing: usize,
}

#[derive(Debug, Serialize)]
pub struct TopicJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: Status,
    pub evidence: Vec<EvidenceJson<'a>>,
    /// How many lines evidence the topic; `evidence` keeps at most 20 of them.
    pub evidence_count: usize,
    pub ignored: Vec<IgnoredJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceJson<'a> {
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub section: &'a str,
    pub term: &'a str,
    pub text: &'a str,
    pub strength: Status,
    /// For a behavioural topic: the parts of the line that made it count.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<CueJson<'a>>,
}

/// A part of a story quoted from the line: `symptom`, `clue`, `cause`, `change`,
/// `effect`; `with`, `shared`; `activity`, `source`, `credential`; `tool`; or, for a
/// model that quotes words, the `word` that weighed most and the `section`.
#[derive(Debug, Serialize)]
pub struct CueJson<'a> {
    pub role: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct IgnoredJson<'a> {
    pub line: u32,
    pub term: &'a str,
    pub reason: &'a str,
}

#[derive(Debug, Serialize)]
pub struct MisspellingJson<'a> {
    pub found: &'a str,
    pub canonical: &'a str,
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// Builds the JSON view of a report, with the hidden characters its reader removed.
pub fn check_json<'a>(
    file: &'a str,
    format: &'a str,
    r: &'a Report,
    hidden: &[Hidden],
) -> CheckJson<'a> {
    CheckJson {
        schema_version: SCHEMA_VERSION,
        file,
        format,
        candidate: Candidate {
            name: r.candidate.as_deref(),
        },
        profile: ProfileRef {
            id: &r.profile_id,
            title: &r.profile_title,
        },
        score: r.score,
        summary: Summary {
            demonstrated: r.count(Status::Demonstrated),
            listed: r.count(Status::Listed),
            missing: r.count(Status::Missing),
        },
        topics: r
            .topics
            .iter()
            .map(|t| TopicJson {
                id: &t.id,
                title: &t.title,
                status: t.status,
                evidence: t.evidence.iter().map(evidence_json).collect(),
                evidence_count: t.evidence_count,
                ignored: t
                    .ignored
                    .iter()
                    .map(|i| IgnoredJson {
                        line: i.line,
                        term: &i.term,
                        reason: i.reason.as_str(),
                    })
                    .collect(),
            })
            .collect(),
        misspellings: r.misspellings.iter().map(misspelling_json).collect(),
        hidden_characters: hidden
            .iter()
            .map(|h| HiddenJson {
                line: h.line,
                page: h.page,
                char: h.code(),
                count: h.count,
            })
            .collect(),
        checker: CHECKER,
    }
}

/// The JSON view of one evidence line (also used by `diff`).
pub fn evidence_json(e: &Evidence) -> EvidenceJson<'_> {
    EvidenceJson {
        line: e.line,
        page: e.page,
        section: &e.section,
        term: &e.term,
        text: &e.text,
        strength: e.strength,
        cues: e
            .cues
            .iter()
            .map(|c| CueJson {
                role: &c.role,
                text: &c.text,
            })
            .collect(),
    }
}

/// The JSON view of one misspelling (also used by `diff`).
pub fn misspelling_json(m: &Misspelling) -> MisspellingJson<'_> {
    MisspellingJson {
        found: &m.found,
        canonical: &m.canonical,
        line: m.line,
        page: m.page,
    }
}

/// One JSON line for a report.
pub fn check_line(file: &str, format: &str, r: &Report, hidden: &[Hidden]) -> String {
    serde_json::to_string(&check_json(file, format, r, hidden)).expect("report JSON serialises")
}
