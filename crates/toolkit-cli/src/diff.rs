//! `toolkit diff`: what changed between two versions of one resume.
//!
//! Evidence lines are compared by their text (folded, with personal data masked)
//! and term, never by line number, since lines move between versions and formats.
//! The comparison is made on the reports as checked; the output may then be drawn
//! from redacted copies, which keep every list's length and order.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;
use toolkit_document::printable;
use toolkit_match::{Evidence, Misspelling, Report, Status};
use toolkit_redact::{Redactor, Subject, fold, words};

use crate::args::{CheckFormat, DiffArgs};
use crate::human::{cell, location, shorten};
use crate::json::{self, EvidenceJson, MisspellingJson, SCHEMA_VERSION};
use crate::redact::{self, Redaction};
use crate::style::Style;
use crate::{Failure, exit, input, pipeline};

/// What changed, as positions in the two reports' lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// One entry per topic of the new report, in profile order.
    pub topics: Vec<TopicChange>,
    /// Misspellings of the old version that the new one no longer has.
    pub fixed: Vec<usize>,
    /// Misspellings of the new version that the old one did not have.
    pub new: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicChange {
    /// The topic's position in the old report (`None` if it had no such topic).
    pub old: Option<usize>,
    pub new: usize,
    /// Evidence of the new version with no counterpart in the old one.
    pub added: Vec<usize>,
    /// Evidence of the old version with no counterpart in the new one.
    pub removed: Vec<usize>,
}

/// Compares two checked versions. `redactor` masks personal data before texts are
/// compared, so a line whose only change is a redacted name is the same line.
pub fn changes(old: &Report, new: &Report, redactor: &Redactor) -> Changes {
    let old_subject = subject_of(old);
    let new_subject = subject_of(new);
    let key =
        |e: &Evidence, subject: &Subject| (words(&e.term), words(&redactor.mask(&e.text, subject)));
    let topics = new
        .topics
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let i = old.topics.iter().position(|o| o.id == t.id);
            let before: Vec<(String, String)> = i
                .map(|i| {
                    old.topics[i]
                        .evidence
                        .iter()
                        .map(|e| key(e, &old_subject))
                        .collect()
                })
                .unwrap_or_default();
            let after: Vec<(String, String)> =
                t.evidence.iter().map(|e| key(e, &new_subject)).collect();
            let (added, removed) = unpaired(&before, &after);
            TopicChange {
                old: i,
                new: j,
                added,
                removed,
            }
        })
        .collect();
    let spelling = |m: &Misspelling| (fold(&m.found), m.canonical.clone());
    let before: Vec<_> = old.misspellings.iter().map(spelling).collect();
    let after: Vec<_> = new.misspellings.iter().map(spelling).collect();
    let exact = |a: &(String, String), b: &(String, String)| a == b;
    let (new_spellings, fixed) = pair(&before, &after, exact);
    Changes {
        topics,
        fixed,
        new: new_spellings,
    }
}

/// A report's candidate as a subject to mask, unless the name is a pseudonym already.
fn subject_of(r: &Report) -> Subject {
    Subject::new(
        r.candidate
            .as_deref()
            .filter(|n| !toolkit_redact::is_pseudonym(n)),
    )
}

/// Pairs evidence keys (term, text) of two versions: equal texts first, then a text
/// that holds the other whole (a line a PDF wrapped and a DOCX did not). Returns the
/// unpaired positions of `after` (added) and of `before` (removed).
fn unpaired(before: &[(String, String)], after: &[(String, String)]) -> (Vec<usize>, Vec<usize>) {
    let exact = |a: &(String, String), b: &(String, String)| a == b;
    let (added, removed) = pair(before, after, exact);
    let contains = |a: &(String, String), b: &(String, String)| {
        let long = |s: &str| s.split(' ').count() >= 3;
        a.0 == b.0 && long(&a.1) && long(&b.1) && (a.1.contains(&b.1) || b.1.contains(&a.1))
    };
    let rest_before: Vec<_> = removed.iter().map(|&i| before[i].clone()).collect();
    let rest_after: Vec<_> = added.iter().map(|&i| after[i].clone()).collect();
    let (a2, r2) = pair(&rest_before, &rest_after, contains);
    (
        a2.into_iter().map(|k| added[k]).collect(),
        r2.into_iter().map(|k| removed[k]).collect(),
    )
}

/// Pairs each item of `after` with the first unpaired item of `before` that `same`
/// accepts. Returns the unpaired positions of `after`, then of `before`.
fn pair<T>(before: &[T], after: &[T], same: impl Fn(&T, &T) -> bool) -> (Vec<usize>, Vec<usize>) {
    let mut used = vec![false; before.len()];
    let mut added = Vec::new();
    for (j, a) in after.iter().enumerate() {
        match (0..before.len()).find(|&i| !used[i] && same(&before[i], a)) {
            Some(i) => used[i] = true,
            None => added.push(j),
        }
    }
    let removed = (0..before.len()).filter(|&i| !used[i]).collect();
    (added, removed)
}

/// Two versions, their changes, and how each file is shown.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub old: &'a Report,
    pub new: &'a Report,
    pub old_file: &'a str,
    pub new_file: &'a str,
    pub changes: &'a Changes,
}

/// `toolkit diff --format json`: one object.
#[derive(Debug, Serialize)]
pub struct DiffJson<'a> {
    pub schema_version: u32,
    pub old: SideJson<'a>,
    pub new: SideJson<'a>,
    pub topics: Vec<TopicDiffJson<'a>>,
    pub misspellings: MisspellingsDiffJson<'a>,
}

#[derive(Debug, Serialize)]
pub struct SideJson<'a> {
    pub file: &'a str,
    pub score: u32,
}

#[derive(Debug, Serialize)]
pub struct TopicDiffJson<'a> {
    pub id: &'a str,
    pub before: Status,
    pub after: Status,
    pub added: Vec<EvidenceJson<'a>>,
    pub removed: Vec<EvidenceJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct MisspellingsDiffJson<'a> {
    pub fixed: Vec<MisspellingJson<'a>>,
    pub new: Vec<MisspellingJson<'a>>,
}

impl<'a> View<'a> {
    fn before(&self, t: &TopicChange) -> Status {
        t.old.map_or(Status::Missing, |i| self.old.topics[i].status)
    }

    fn added(&self, t: &TopicChange) -> Vec<&'a Evidence> {
        let evidence = &self.new.topics[t.new].evidence;
        t.added.iter().map(|&k| &evidence[k]).collect()
    }

    fn removed(&self, t: &TopicChange) -> Vec<&'a Evidence> {
        let Some(i) = t.old else {
            return Vec::new();
        };
        let evidence = &self.old.topics[i].evidence;
        t.removed.iter().map(|&k| &evidence[k]).collect()
    }

    fn fixed(&self) -> Vec<&'a Misspelling> {
        let old = self.old;
        self.changes
            .fixed
            .iter()
            .map(|&k| &old.misspellings[k])
            .collect()
    }

    fn new_spellings(&self) -> Vec<&'a Misspelling> {
        let new = self.new;
        self.changes
            .new
            .iter()
            .map(|&k| &new.misspellings[k])
            .collect()
    }

    pub fn json(&self) -> DiffJson<'a> {
        DiffJson {
            schema_version: SCHEMA_VERSION,
            old: SideJson {
                file: self.old_file,
                score: self.old.score,
            },
            new: SideJson {
                file: self.new_file,
                score: self.new.score,
            },
            topics: self
                .changes
                .topics
                .iter()
                .map(|t| TopicDiffJson {
                    id: &self.new.topics[t.new].id,
                    before: self.before(t),
                    after: self.new.topics[t.new].status,
                    added: self.added(t).into_iter().map(json::evidence_json).collect(),
                    removed: self
                        .removed(t)
                        .into_iter()
                        .map(json::evidence_json)
                        .collect(),
                })
                .collect(),
            misspellings: MisspellingsDiffJson {
                fixed: self
                    .fixed()
                    .into_iter()
                    .map(json::misspelling_json)
                    .collect(),
                new: self
                    .new_spellings()
                    .into_iter()
                    .map(json::misspelling_json)
                    .collect(),
            },
        }
    }

    /// The JSON object as one line.
    pub fn json_line(&self) -> String {
        serde_json::to_string(&self.json()).expect("diff JSON serialises")
    }

    fn change(&self) -> String {
        signed(i64::from(self.new.score) - i64::from(self.old.score))
    }

    /// Topics whose status changed, and topics whose status held but whose
    /// evidence did not.
    fn split(&self) -> (Vec<&'a TopicChange>, Vec<&'a TopicChange>) {
        let changes: &'a Changes = self.changes;
        let changed = changes
            .topics
            .iter()
            .filter(|t| self.before(t) != self.new.topics[t.new].status)
            .collect();
        let moved = changes
            .topics
            .iter()
            .filter(|t| {
                self.before(t) == self.new.topics[t.new].status
                    && (!t.added.is_empty() || !t.removed.is_empty())
            })
            .collect();
        (changed, moved)
    }

    /// The terminal report.
    pub fn human(&self, s: &Style) -> String {
        let mut out = String::new();
        let name = self
            .new
            .candidate
            .as_deref()
            .or(self.old.candidate.as_deref())
            .unwrap_or("(no name found)");
        let _ = writeln!(
            out,
            "{}  {} → {}",
            s.bold(name),
            s.dim(self.old_file),
            s.dim(self.new_file)
        );
        let _ = writeln!(
            out,
            "{} · score {} → {} ({})",
            self.new.profile_title,
            self.old.score,
            s.bold(&format!("{}/100", self.new.score)),
            self.change()
        );
        let width = self
            .new
            .topics
            .iter()
            .map(|t| t.title.chars().count())
            .max()
            .unwrap_or(10);
        let (changed, moved) = self.split();
        let section = |out: &mut String, heading: &str, topics: &[&TopicChange]| {
            if topics.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n{}", s.bold(heading));
            for t in topics {
                let topic = &self.new.topics[t.new];
                let before = self.before(t);
                let (mark, status) = match before.cmp(&topic.status) {
                    std::cmp::Ordering::Equal => ("·", topic.status.as_str().to_string()),
                    order => (
                        if order.is_lt() { "↑" } else { "↓" },
                        format!("{} → {}", before.as_str(), topic.status.as_str()),
                    ),
                };
                let _ = writeln!(out, "  {mark} {:width$}  {status}", topic.title);
                for (sign, e) in self
                    .added(t)
                    .into_iter()
                    .map(|e| ('+', e))
                    .chain(self.removed(t).into_iter().map(|e| ('-', e)))
                {
                    let _ = writeln!(
                        out,
                        "      {sign} {} {}: \"{}\"",
                        s.dim(&location(e)),
                        e.term,
                        shorten(&e.text, 80)
                    );
                }
            }
        };
        section(&mut out, "Status changed", &changed);
        section(&mut out, "Evidence changed, same status", &moved);
        let fixed = self.fixed();
        let new = self.new_spellings();
        if !fixed.is_empty() || !new.is_empty() {
            let _ = writeln!(out, "\n{}", s.bold("Misspellings"));
            for m in fixed {
                let _ = writeln!(out, "  fixed  {} → {}", printable(&m.found), m.canonical);
            }
            for m in new {
                let _ = writeln!(
                    out,
                    "  new    line {} {} → {}",
                    m.line,
                    s.warn(&printable(&m.found)),
                    m.canonical
                );
            }
        }
        if changed.is_empty()
            && moved.is_empty()
            && self.changes.fixed.is_empty()
            && self.changes.new.is_empty()
        {
            let _ = writeln!(out, "\nNo change in any topic.");
        }
        out
    }

    /// The Markdown report.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let name = self
            .new
            .candidate
            .as_deref()
            .or(self.old.candidate.as_deref())
            .unwrap_or("Unnamed resume");
        let _ = writeln!(out, "# {}: what changed\n", cell(name));
        let _ = writeln!(
            out,
            "`{}` → `{}` · score {} → **{}/100** ({})\n",
            self.old_file.replace('`', "'"),
            self.new_file.replace('`', "'"),
            self.old.score,
            self.new.score,
            self.change()
        );
        let _ = writeln!(
            out,
            "| Topic | Before | After | New evidence | Evidence gone |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        for t in &self.changes.topics {
            let topic = &self.new.topics[t.new];
            let quote = |e: &Evidence| {
                format!(
                    "{} ({}): {}",
                    location(e),
                    cell(&e.term),
                    cell(&shorten(&e.text, 100))
                )
            };
            let added: Vec<String> = self.added(t).into_iter().map(quote).collect();
            let removed: Vec<String> = self.removed(t).into_iter().map(quote).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&topic.title),
                self.before(t).as_str(),
                topic.status.as_str(),
                added.join("<br>"),
                removed.join("<br>")
            );
        }
        let fixed = self.fixed();
        let new = self.new_spellings();
        if !fixed.is_empty() || !new.is_empty() {
            let _ = writeln!(out, "\n## Misspellings\n");
            for m in fixed {
                let _ = writeln!(out, "- fixed: {} → {}", cell(&m.found), cell(&m.canonical));
            }
            for m in new {
                let _ = writeln!(
                    out,
                    "- new, line {}: {} → {}",
                    m.line,
                    cell(&m.found),
                    cell(&m.canonical)
                );
            }
        }
        out
    }
}

/// What a returning client's prep sheet says about their progress; `other_checker` when
/// the earlier report was written by another release (or does not say which).
pub fn sheet_progress(
    old: &Report,
    new: &Report,
    changes: &Changes,
    other_checker: bool,
) -> toolkit_sheet::Progress {
    let moved = |better: bool| {
        changes
            .topics
            .iter()
            .filter_map(|t| {
                let before = t.old.map_or(Status::Missing, |i| old.topics[i].status);
                let topic = &new.topics[t.new];
                let rose = topic.status > before;
                (topic.status != before && rose == better)
                    .then(|| format!("{} (now {})", topic.title, topic.status.as_str()))
            })
            .collect()
    };
    toolkit_sheet::Progress {
        // A saved report does not record when it was made.
        previous_date: String::new(),
        previous_score: old.score,
        improved: moved(true),
        slipped: moved(false),
        misspellings_fixed: changes
            .fixed
            .iter()
            .map(|&k| {
                format!(
                    "{} → {}",
                    old.misspellings[k].found, old.misspellings[k].canonical
                )
            })
            .collect(),
        other_checker,
    }
}

/// `+12`, `-3`, `0`.
pub fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// Runs `toolkit diff`.
pub fn run(args: DiffArgs, style: &Style) -> Result<i32, Failure> {
    let matcher = pipeline::load_matcher(&args.profile.profile)?;
    let profile = matcher.profile();
    let limits = crate::limits(args.limits.max_size);
    let mut docs = Vec::new();
    let mut failed = false;
    for path in [&args.old, &args.new] {
        match input::load_resume(path, &limits) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                crate::diagnostic("error", &e);
                failed = true;
            }
        }
    }
    if failed {
        return Ok(exit::ERROR);
    }
    let old = matcher.check(&docs[0]);
    let new = matcher.check(&docs[1]);
    if let (Some(a), Some(b)) = (&old.candidate, &new.candidate)
        && fold(a) != fold(b)
    {
        eprintln!(
            "warning: the versions name different people ({} and {}): is this one resume?",
            input::display_path(&args.old),
            input::display_path(&args.new)
        );
    }
    let redactor = redact::redactor(profile);
    let changes = changes(&old, &new, &redactor);
    let mut old_file = input::display_path(&args.old);
    let mut new_file = input::display_path(&args.new);
    let mut redaction = Redaction::open(&args.redact, Some(&redactor), &write_inputs(&args))?;
    let (old, new) = match &mut redaction {
        Some(r) => {
            let (o, of) = r.report(&old, &old_file);
            let (n, nf) = r.report(&new, &new_file);
            (old_file, new_file) = (of, nf);
            r.save()?;
            (o, n)
        }
        None => (old, new),
    };
    let view = View {
        old: &old,
        new: &new,
        old_file: &old_file,
        new_file: &new_file,
        changes: &changes,
    };
    let text = match args.format {
        CheckFormat::Json => view.json_line() + "\n",
        CheckFormat::Human => view.human(style),
        CheckFormat::Markdown => view.markdown(),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if args.fail_under.is_some_and(|min| new.score < min) {
        exit::BELOW_THRESHOLD
    } else {
        exit::OK
    })
}

fn write_inputs(args: &DiffArgs) -> crate::write::Inputs {
    crate::write::Inputs::of([args.old.as_path(), args.new.as_path()])
}
