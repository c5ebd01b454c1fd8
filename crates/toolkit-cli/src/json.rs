//! The versioned JSON output of `toolkit check --format json` (one object per line).
//!
//! These types are the contract scripts rely on: fields are only ever added, and a
//! change to an existing one bumps [`SCHEMA_VERSION`].

use serde::{Serialize, Serializer};
use toolkit_document::Hidden;
use toolkit_match::{Cue, Evidence, Ignored, Misspelling, Report, Status, TopicResult};

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
    pub topics: List<'a, TopicResult, TopicJson<'a>>,
    pub misspellings: List<'a, Misspelling, MisspellingJson<'a>>,
    /// Invisible characters found inside words (and removed before matching).
    pub hidden_characters: List<'a, Hidden, HiddenJson>,
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
    pub evidence: List<'a, Evidence, EvidenceJson<'a>>,
    /// How many lines evidence the topic; `evidence` keeps at most 20 of them.
    pub evidence_count: usize,
    pub ignored: List<'a, Ignored, IgnoredJson<'a>>,
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
    #[serde(skip_serializing_if = "List::is_empty")]
    pub cues: List<'a, Cue, CueJson<'a>>,
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

/// A list written as the JSON view of each of its items, made as it is written: a
/// report's views are never collected into vectors of their own.
#[derive(Debug)]
pub struct List<'a, T, J> {
    items: &'a [T],
    view: fn(&'a T) -> J,
}

impl<'a, T, J> List<'a, T, J> {
    pub fn new(items: &'a [T], view: fn(&'a T) -> J) -> Self {
        List { items, view }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T, J: Serialize> Serialize for List<'_, T, J> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.items.iter().map(self.view))
    }
}

/// Builds the JSON view of a report, with the hidden characters its reader removed.
pub fn check_json<'a>(
    file: &'a str,
    format: &'a str,
    r: &'a Report,
    hidden: &'a [Hidden],
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
        topics: List::new(&r.topics, topic_json),
        misspellings: List::new(&r.misspellings, misspelling_json),
        hidden_characters: List::new(hidden, hidden_json),
        checker: CHECKER,
    }
}

fn topic_json(t: &TopicResult) -> TopicJson<'_> {
    TopicJson {
        id: &t.id,
        title: &t.title,
        status: t.status,
        evidence: List::new(&t.evidence, evidence_json),
        evidence_count: t.evidence_count,
        ignored: List::new(&t.ignored, |i| IgnoredJson {
            line: i.line,
            term: &i.term,
            reason: i.reason.as_str(),
        }),
    }
}

fn hidden_json(h: &Hidden) -> HiddenJson {
    HiddenJson {
        line: h.line,
        page: h.page,
        char: h.code(),
        count: h.count,
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
        cues: List::new(&e.cues, |c| CueJson {
            role: &c.role,
            text: &c.text,
        }),
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

/// One JSON line for a report, newline included.
///
/// It is written straight into a buffer with room for most reports' lines (4 to 8 KB
/// for a realistic resume), so the buffer seldom grows a step at a time.
pub fn check_line(file: &str, format: &str, r: &Report, hidden: &[Hidden]) -> Vec<u8> {
    let mut out = Vec::with_capacity(LINE_CAPACITY);
    serde_json::to_writer(&mut out, &check_json(file, format, r, hidden))
        .expect("report JSON serialises");
    out.push(b'\n');
    out
}

/// The room a report's JSON line is given to start with.
const LINE_CAPACITY: usize = 16 * 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use toolkit_match::{IgnoredReason, TopicResult};
    use toolkit_profile::TopicKind;

    /// Text that JSON must escape, or must not: quotes, backslashes, control
    /// characters, characters outside ASCII, and nothing at all.
    const TRICKY: [&str; 6] = [
        "",
        "say \"hi\" \\ bye",
        "tab\there\nnew\u{1}\u{1f}\u{7f}",
        "Straße · café — 陈佳慧 😀",
        "</script>",
        "plain",
    ];

    fn evidence(text: &str, cues: bool) -> Evidence {
        Evidence {
            line: 3,
            page: cues.then_some(2),
            section: TRICKY[1].into(),
            term: TRICKY[3].into(),
            text: text.into(),
            strength: Status::Demonstrated,
            cues: if cues {
                TRICKY
                    .iter()
                    .map(|t| Cue {
                        role: t.to_string(),
                        text: t.to_string(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    /// The line as the view types' fields say it should read, built by hand.
    fn expected(r: &Report, hidden: &[Hidden]) -> Value {
        let evidence = |e: &Evidence| {
            let mut v = json!({
                "line": e.line, "section": e.section, "term": e.term, "text": e.text,
                "strength": e.strength.as_str(),
            });
            if let Some(page) = e.page {
                v["page"] = json!(page);
            }
            if !e.cues.is_empty() {
                v["cues"] = e
                    .cues
                    .iter()
                    .map(|c| json!({"role": c.role, "text": c.text}))
                    .collect();
            }
            v
        };
        json!({
            "schema_version": SCHEMA_VERSION,
            "file": TRICKY[2],
            "format": "markdown",
            "candidate": {"name": r.candidate},
            "profile": {"id": r.profile_id, "title": r.profile_title},
            "score": r.score,
            "summary": {"demonstrated": 1, "listed": 0, "missing": 1},
            "topics": r.topics.iter().map(|t| json!({
                "id": t.id, "title": t.title, "status": t.status.as_str(),
                "evidence": t.evidence.iter().map(evidence).collect::<Vec<_>>(),
                "evidence_count": t.evidence_count,
                "ignored": t.ignored.iter().map(|i| json!({
                    "line": i.line, "term": i.term, "reason": i.reason.as_str()
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "misspellings": r.misspellings.iter().map(|m| json!({
                "found": m.found, "canonical": m.canonical, "line": m.line
            })).collect::<Vec<_>>(),
            "hidden_characters": hidden.iter().map(|h| json!({
                "line": h.line, "char": h.code(), "count": h.count
            })).collect::<Vec<_>>(),
            "checker": {"name": CHECKER.name, "version": CHECKER.version, "build": CHECKER.build},
        })
    }

    #[test]
    fn a_check_line_holds_every_field_escaped() {
        let topic = |status, evidence: Vec<Evidence>| TopicResult {
            id: TRICKY[4].into(),
            title: TRICKY[3].into(),
            kind: TopicKind::Technical,
            status,
            evidence_count: evidence.len() + 7,
            evidence,
            ignored: vec![Ignored {
                line: 9,
                term: TRICKY[1].into(),
                reason: IgnoredReason::FalseFriend,
            }],
        };
        let r = Report {
            candidate: Some(TRICKY[3].into()),
            profile_id: TRICKY[0].into(),
            profile_title: TRICKY[2].into(),
            score: 42,
            topics: vec![
                topic(
                    Status::Demonstrated,
                    TRICKY
                        .iter()
                        .enumerate()
                        .map(|(i, t)| evidence(t, i % 2 == 0))
                        .collect(),
                ),
                topic(Status::Missing, Vec::new()),
            ],
            misspellings: vec![Misspelling {
                found: TRICKY[2].into(),
                canonical: TRICKY[3].into(),
                line: 4,
                page: None,
            }],
        };
        let hidden = [Hidden {
            line: 5,
            page: None,
            ch: '\u{200B}',
            count: 2,
        }];
        let line = check_line(TRICKY[2], "markdown", &r, &hidden);
        let text = std::str::from_utf8(&line).expect("the line is UTF-8");
        let (body, end) = text.split_at(text.len() - 1);
        assert_eq!(end, "\n");
        assert!(!body.contains('\n'));
        let read: Value = serde_json::from_str(body).expect("the line is JSON");
        assert_eq!(read, expected(&r, &hidden));
        // Written as serde_json writes the same value (in the fields' order).
        assert!(body.contains(r#""text":"say \"hi\" \\ bye""#));
        assert!(body.contains(r#""text":"tab\there\nnew\u0001\u001f"#));
        assert!(body.contains(r#""text":"Straße · café — 陈佳慧 😀""#));
        assert!(body.contains(r#""text":"","strength":"demonstrated","cues":[{"role":"","#));
        assert!(body.contains(r#""text":"say \"hi\" \\ bye","strength":"demonstrated"}"#));
        assert!(body.starts_with(r#"{"schema_version":1,"file":"tab\there"#));
    }
}
