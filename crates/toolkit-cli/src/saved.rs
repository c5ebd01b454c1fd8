//! Reading a `.check.json` written by an earlier run back into a report.

use std::path::Path;

use serde::Deserialize;
use toolkit_match::{
    Cue, Evidence, Ignored, IgnoredReason, Misspelling, Report, Status, TopicResult,
};
use toolkit_profile::Profile;

use crate::human::shorten;
use crate::input;
use crate::json::{Checker, SCHEMA_VERSION};

/// The largest `.check.json` read back: far above any real report.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Deserialize)]
struct Saved {
    schema_version: u32,
    file: String,
    candidate: SavedCandidate,
    profile: SavedProfile,
    score: u32,
    topics: Vec<SavedTopic>,
    misspellings: Vec<SavedMisspelling>,
    /// Absent from reports written before it was added.
    #[serde(default)]
    checker: Option<SavedChecker>,
}

#[derive(Debug, Deserialize)]
struct SavedChecker {
    name: String,
    version: String,
    build: String,
}

#[derive(Debug, Deserialize)]
struct SavedCandidate {
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SavedProfile {
    id: String,
    title: String,
}

#[derive(Debug, Deserialize)]
struct SavedTopic {
    id: String,
    title: String,
    status: String,
    evidence: Vec<SavedEvidence>,
    /// Absent from reports written before it was added.
    #[serde(default)]
    evidence_count: Option<usize>,
    ignored: Vec<SavedIgnored>,
}

#[derive(Debug, Deserialize)]
struct SavedEvidence {
    line: u32,
    page: Option<u32>,
    section: String,
    term: String,
    text: String,
    strength: String,
    #[serde(default)]
    cues: Vec<SavedCue>,
}

#[derive(Debug, Deserialize)]
struct SavedCue {
    role: String,
    text: String,
}

#[derive(Debug, Deserialize)]
struct SavedIgnored {
    line: u32,
    term: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
struct SavedMisspelling {
    found: String,
    canonical: String,
    line: u32,
    page: Option<u32>,
}

fn status(s: &str) -> Result<Status, String> {
    match s {
        "missing" => Ok(Status::Missing),
        "listed" => Ok(Status::Listed),
        "demonstrated" => Ok(Status::Demonstrated),
        other => Err(format!("unknown status `{other}`")),
    }
}

fn reason(s: &str) -> Result<IgnoredReason, String> {
    match s {
        "negated" => Ok(IgnoredReason::Negated),
        "aspiration" => Ok(IgnoredReason::Aspiration),
        "false friend" => Ok(IgnoredReason::FalseFriend),
        other => Err(format!("unknown reason `{other}`")),
    }
}

/// A report read back: the file it was made from, the report, and the checker that
/// wrote it (`toolkit 0.1.0 (build …)`), when the report says.
#[derive(Debug)]
pub struct SavedReport {
    pub file: String,
    pub report: Report,
    pub checker: Option<String>,
}

/// Reads a saved report. Errors are reasons, without the path.
pub fn read(path: &Path, profile: &Profile) -> Result<SavedReport, String> {
    let meta = std::fs::metadata(path).map_err(|e| input::io_reason(&e))?;
    if meta.len() > MAX_BYTES {
        return Err("too large for a check report".into());
    }
    let bytes = std::fs::read(path).map_err(|e| input::io_reason(&e))?;
    let saved: Saved =
        serde_json::from_slice(&bytes).map_err(|e| format!("not a check report: {e}"))?;
    if saved.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "schema_version {} is not {SCHEMA_VERSION}",
            saved.schema_version
        ));
    }
    if saved.profile.id != profile.id {
        return Err(format!(
            "checked against profile `{}`, not `{}`; compare with the same --profile",
            saved.profile.id, profile.id
        ));
    }
    let mut topics = Vec::with_capacity(saved.topics.len());
    for t in saved.topics {
        let kind = profile
            .topic(&t.id)
            .ok_or_else(|| format!("topic `{}` is not in profile `{}`", t.id, profile.id))?
            .kind;
        let mut evidence = Vec::with_capacity(t.evidence.len());
        for e in t.evidence {
            evidence.push(Evidence {
                line: e.line,
                page: e.page,
                section: e.section,
                term: e.term,
                text: e.text,
                strength: status(&e.strength)?,
                cues: e
                    .cues
                    .into_iter()
                    .map(|c| Cue {
                        role: c.role,
                        text: c.text,
                    })
                    .collect(),
            });
        }
        let mut ignored = Vec::with_capacity(t.ignored.len());
        for i in t.ignored {
            ignored.push(Ignored {
                line: i.line,
                term: i.term,
                reason: reason(&i.reason)?,
            });
        }
        topics.push(TopicResult {
            id: t.id,
            title: t.title,
            kind,
            status: status(&t.status)?,
            evidence_count: t.evidence_count.unwrap_or(evidence.len()),
            evidence,
            ignored,
        });
    }
    let report = Report {
        candidate: saved.candidate.name,
        profile_id: saved.profile.id,
        profile_title: saved.profile.title,
        score: saved.score,
        topics,
        misspellings: saved
            .misspellings
            .into_iter()
            .map(|m| Misspelling {
                found: m.found,
                canonical: m.canonical,
                line: m.line,
                page: m.page,
            })
            .collect(),
    };
    Ok(SavedReport {
        file: saved.file,
        report,
        checker: saved.checker.map(|c| {
            Checker::label(
                &shown_part(&c.name),
                &shown_part(&c.version),
                &shown_part(&c.build),
            )
        }),
    })
}

/// A part of a saved checker's label as reports may show it: control characters made
/// visible, and at most [`PART_MAX`] characters (the file may have been edited).
fn shown_part(part: &str) -> String {
    shorten(&toolkit_document::printable(part), PART_MAX)
}

/// The longest part of a checker's label shown, its ellipsis included: far above any
/// real name, version or fingerprint.
const PART_MAX: usize = 41;
