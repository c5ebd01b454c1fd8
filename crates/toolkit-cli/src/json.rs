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

/// One JSON line for a report: what `serde_json::to_string` makes of [`check_json`]
/// (a test pins the two), written straight into one string. Most of a line is quoted
/// resume text that needs no escaping, which [`push_str`] skips over a word at a time.
pub fn check_line(file: &str, format: &str, r: &Report, hidden: &[Hidden]) -> String {
    let mut out = String::with_capacity(LINE_CAPACITY);
    check_json(file, format, r, hidden).write(&mut out);
    out
}

/// Room for a typical report's line, so that it is seldom copied as it grows.
const LINE_CAPACITY: usize = 16 * 1024;

impl CheckJson<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("{\"schema_version\":");
        push_uint(out, self.schema_version);
        out.push_str(",\"file\":");
        push_str(out, self.file);
        out.push_str(",\"format\":");
        push_str(out, self.format);
        out.push_str(",\"candidate\":{\"name\":");
        match self.candidate.name {
            Some(name) => push_str(out, name),
            None => out.push_str("null"),
        }
        out.push_str("},\"profile\":{\"id\":");
        push_str(out, self.profile.id);
        out.push_str(",\"title\":");
        push_str(out, self.profile.title);
        out.push_str("},\"score\":");
        push_uint(out, self.score);
        out.push_str(",\"summary\":{\"demonstrated\":");
        push_uint(out, self.summary.demonstrated);
        out.push_str(",\"listed\":");
        push_uint(out, self.summary.listed);
        out.push_str(",\"missing\":");
        push_uint(out, self.summary.missing);
        out.push_str("},\"topics\":");
        push_array(out, &self.topics, TopicJson::write);
        out.push_str(",\"misspellings\":");
        push_array(out, &self.misspellings, MisspellingJson::write);
        out.push_str(",\"hidden_characters\":");
        push_array(out, &self.hidden_characters, HiddenJson::write);
        out.push('}');
    }
}

impl TopicJson<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("{\"id\":");
        push_str(out, self.id);
        out.push_str(",\"title\":");
        push_str(out, self.title);
        out.push_str(",\"status\":");
        push_str(out, self.status.as_str());
        out.push_str(",\"evidence\":");
        push_array(out, &self.evidence, EvidenceJson::write);
        out.push_str(",\"evidence_count\":");
        push_uint(out, self.evidence_count);
        out.push_str(",\"ignored\":");
        push_array(out, &self.ignored, IgnoredJson::write);
        out.push('}');
    }
}

impl EvidenceJson<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("{\"line\":");
        push_uint(out, self.line);
        push_page(out, self.page);
        out.push_str(",\"section\":");
        push_str(out, self.section);
        out.push_str(",\"term\":");
        push_str(out, self.term);
        out.push_str(",\"text\":");
        push_str(out, self.text);
        out.push_str(",\"strength\":");
        push_str(out, self.strength.as_str());
        if !self.cues.is_empty() {
            out.push_str(",\"cues\":");
            push_array(out, &self.cues, CueJson::write);
        }
        out.push('}');
    }
}

impl CueJson<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("{\"role\":");
        push_str(out, self.role);
        out.push_str(",\"text\":");
        push_str(out, self.text);
        out.push('}');
    }
}

impl IgnoredJson<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("{\"line\":");
        push_uint(out, self.line);
        out.push_str(",\"term\":");
        push_str(out, self.term);
        out.push_str(",\"reason\":");
        push_str(out, self.reason);
        out.push('}');
    }
}

impl MisspellingJson<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("{\"found\":");
        push_str(out, self.found);
        out.push_str(",\"canonical\":");
        push_str(out, self.canonical);
        out.push_str(",\"line\":");
        push_uint(out, self.line);
        push_page(out, self.page);
        out.push('}');
    }
}

impl HiddenJson {
    fn write(&self, out: &mut String) {
        out.push_str("{\"line\":");
        push_uint(out, self.line);
        push_page(out, self.page);
        out.push_str(",\"char\":");
        push_str(out, &self.char);
        out.push_str(",\"count\":");
        push_uint(out, self.count);
        out.push('}');
    }
}

/// `,"page":N` when there is a page; nothing otherwise.
fn push_page(out: &mut String, page: Option<u32>) {
    if let Some(page) = page {
        out.push_str(",\"page\":");
        push_uint(out, page);
    }
}

fn push_array<T>(out: &mut String, items: &[T], write: impl Fn(&T, &mut String)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

/// A whole number in decimal, as `serde_json` writes it.
fn push_uint(out: &mut String, n: impl TryInto<u64>) {
    use std::fmt::Write as _;
    let n: u64 = n
        .try_into()
        .unwrap_or_else(|_| unreachable!("a count fits 64 bits"));
    write!(out, "{n}").expect("writing to a String does not fail");
}

/// A string in quotes, escaped as `serde_json` escapes it: `"` and `\`, and control
/// characters (below U+0020) as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX`.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    // `s[copied..at]` is still to be copied; an escaped byte is ASCII, so both are
    // character boundaries.
    let (mut copied, mut at) = (0, 0);
    let clean =
        |word: &[u8]| !may_need_escape(u64::from_le_bytes(word.try_into().expect("eight bytes")));
    while at < bytes.len() {
        match bytes.get(at..at + 8) {
            Some(word) if clean(word) => {
                at += 8;
                continue;
            }
            // Fewer than eight bytes are left: they are looked at in one go with the
            // bytes before them that make up the last eight of the string.
            None if bytes.len() >= 8 && clean(&bytes[bytes.len() - 8..]) => break,
            _ => {}
        }
        let b = bytes[at];
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0C => "\\f",
            b'\r' => "\\r",
            0x00..0x20 => "",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&s[copied..at]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(short);
        }
        at += 1;
        copied = at;
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

/// False when none of the eight bytes of `word` is a control character, `"` or `\`
/// (true may be a false alarm: the bytes are then looked at one by one).
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte below `n` (at most 0x80) sets its high bit in `below(word, n)`; so does a
    // zero byte of `word ^ c` where a byte equals `c`.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    below(word, 0x20)
        | below(word ^ (ONES * u64::from(b'"')), 1)
        | below(word ^ (ONES * u64::from(b'\\')), 1)
        != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use toolkit_match::{Cue, Ignored, IgnoredReason, TopicResult};
    use toolkit_profile::TopicKind;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "Kubernetes".into(),
            "林瑋婷 (Lin Wei-Ting) — “quoted” café".into(),
            "Py\u{AD}thon\u{200B}".into(),
        ];
        // Every ASCII character, alone and at each place of a word-sized run, with
        // text of other widths around it.
        for b in 0..=0x7F_u8 {
            let ch = char::from(b);
            texts.push(ch.to_string());
            for at in 0..17 {
                let mut text: String = "abcdefghéjklmnopq".chars().take(at).collect();
                text.push(ch);
                texts.push(text.clone());
                text.push_str("rst→uvwxyz0123456789");
                texts.push(text);
            }
        }
        // Strings of every length up to 40 drawn from characters of each kind, in a
        // fixed pseudo-random order.
        let pieces = [
            "a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{8}", "\u{c}",
            "\u{1f}", "\u{7f}", "é", "→", "😀", "\u{200b}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in 0..=40 {
            for _ in 0..50 {
                let text: String = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        pieces[(state % pieces.len() as u64) as usize]
                    })
                    .collect();
                texts.push(text);
            }
        }
        for text in &texts {
            let mut out = String::new();
            push_str(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295, u64::MAX] {
            let mut out = String::new();
            push_uint(&mut out, n);
            assert_eq!(out, serde_json::to_string(&n).unwrap());
        }
    }

    #[test]
    fn a_line_is_what_serde_json_makes_of_the_report() {
        let evidence = |line: u32, page: Option<u32>, cues: Vec<Cue>| Evidence {
            line,
            page,
            section: "Experience".into(),
            term: "PostgreSQL".into(),
            text: "Moved the \"orders\" table to PostgreSQL\t(C:\\data)".into(),
            strength: Status::Demonstrated,
            cues,
        };
        let topic = |id: &str, status: Status, evidence: Vec<Evidence>, ignored: Vec<Ignored>| {
            TopicResult {
                id: id.into(),
                title: format!("Title of {id}"),
                kind: TopicKind::Technical,
                status,
                evidence_count: evidence.len() + 3,
                evidence,
                ignored,
            }
        };
        let cue = |role: &str, text: &str| Cue {
            role: role.into(),
            text: text.into(),
        };
        let report = Report {
            candidate: Some("Zoë \"Z\" O'Brien".into()),
            profile_id: "junior-backend-developer".into(),
            profile_title: "Junior Backend Developer".into(),
            score: 57,
            topics: vec![
                topic(
                    "databases",
                    Status::Demonstrated,
                    vec![
                        evidence(12, None, Vec::new()),
                        evidence(
                            40,
                            Some(2),
                            vec![cue("symptom", "slow"), cue("change", "added an index")],
                        ),
                    ],
                    vec![Ignored {
                        line: 3,
                        term: "Docker".into(),
                        reason: IgnoredReason::FalseFriend,
                    }],
                ),
                topic("testing", Status::Missing, Vec::new(), Vec::new()),
                topic(
                    "cloud",
                    Status::Listed,
                    vec![evidence(7, Some(1), vec![cue("word", "\u{1}")])],
                    Vec::new(),
                ),
            ],
            misspellings: vec![
                Misspelling {
                    found: "Postgress".into(),
                    canonical: "PostgreSQL".into(),
                    line: 9,
                    page: None,
                },
                Misspelling {
                    found: "Kuberentes".into(),
                    canonical: "Kubernetes".into(),
                    line: 10,
                    page: Some(3),
                },
            ],
        };
        let hidden = [
            Hidden {
                line: 4,
                page: None,
                ch: '\u{AD}',
                count: 2,
            },
            Hidden {
                line: 5,
                page: Some(1),
                ch: '\u{200B}',
                count: 1,
            },
        ];
        let definition = |r: &Report, hidden: &[Hidden]| {
            serde_json::to_string(&check_json("in/a \"b\".md", "markdown", r, hidden)).unwrap()
        };
        assert_eq!(
            check_line("in/a \"b\".md", "markdown", &report, &hidden),
            definition(&report, &hidden)
        );
        let bare = Report {
            candidate: None,
            topics: Vec::new(),
            misspellings: Vec::new(),
            ..report
        };
        assert_eq!(
            check_line("in/a \"b\".md", "markdown", &bare, &[]),
            definition(&bare, &[])
        );
    }
}
