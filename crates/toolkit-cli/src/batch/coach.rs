//! `batch --compare` and `batch --redact`: the whole cohort is read first; then, in
//! input order, its clients are matched to the earlier run and given pseudonyms;
//! then every client's outputs are written, in parallel again.
//!
//! Reading first is what makes both deterministic: a name shared by two resumes is
//! only known once all are read, and pseudonyms are numbered in input order whatever
//! order the workers finish in. The price is that the reports are kept in memory
//! until they are written (about 30 KB a client with --compare, measured).

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use rayon::prelude::*;
use toolkit_match::Report;
use toolkit_profile::Profile;
use toolkit_redact::{Key, Kind, Redactor, fold, is_pseudonym};
use toolkit_sheet::{CheckerChange, CohortProgress};

use super::{INTERRUPTED, Item, Row, progress};
use crate::args::BatchArgs;
use crate::compare::{self, Returning, Who};
use crate::diff::{self, View};
use crate::pipeline::Pipeline;
use crate::redact::{self, Redaction};
use crate::walk::unique_name;
use crate::{Failure, input, json, saved, write};

/// One client of the earlier run.
#[derive(Debug)]
struct Earlier {
    file: String,
    /// The name as the earlier summary shows it (a pseudonym if it was redacted).
    shown: String,
    report: Report,
    who: Who,
    /// The checker that wrote the report, when it says.
    checker: Option<String>,
}

/// What a coach's batch adds to a plain one.
#[derive(Debug)]
pub(super) struct Coach<'r> {
    redactor: &'r Redactor,
    redaction: Option<Redaction<'r>>,
    earlier: Option<Vec<Earlier>>,
}

/// What the written outputs need from the batch.
pub(super) struct Context<'a> {
    pub pipeline: &'a Pipeline,
    pub out: &'a Path,
    pub pdf: bool,
    pub inputs: &'a write::Inputs,
    pub pool: &'a rayon::ThreadPool,
    pub quiet: bool,
}

/// What happened to the cohort, for the summary and the cohort report.
pub(super) struct Outcome {
    pub progress: Option<CohortProgress>,
    pub interrupted: bool,
}

/// One client's outputs, decided in input order and written in parallel.
struct Plan<'a> {
    row: usize,
    stem: String,
    shown: String,
    report: &'a Report,
    /// The format the resume was read as, for the JSON report.
    format: &'static str,
    /// The hidden characters its reader removed, for the JSON report.
    hidden: &'a [toolkit_document::Hidden],
    /// The report as written (a redacted copy, or the report itself).
    written: Cow<'a, Report>,
    /// The matched earlier client: position, file as shown, report as written.
    earlier: Option<(usize, String, Cow<'a, Report>)>,
    /// The matched earlier report was written by another checker, or does not say.
    other_checker: bool,
}

impl<'r> Coach<'r> {
    /// The coach's additions for this batch, or `None` for a plain one.
    pub fn open(
        args: &BatchArgs,
        profile: &Profile,
        redactor: Option<&'r Redactor>,
        inputs: &write::Inputs,
    ) -> Result<Option<Coach<'r>>, Failure> {
        if args.redact.redact && args.shard.is_some() {
            return Err(Failure::Message {
                message: "--redact gives pseudonyms in input order, which a shard cannot see"
                    .into(),
                hint: Some(
                    "run the shards without it and redact when merging: `toolkit merge --redact`"
                        .into(),
                ),
            });
        }
        // Without --redact, --key names the key of a redacted earlier run (--compare).
        let key_for_compare = !args.redact.redact && args.compare.is_some();
        let redaction = if key_for_compare {
            None
        } else {
            Redaction::open(&args.redact, redactor, inputs)?
        };
        if let Some(r) = &redaction {
            r.refuse_inside(&args.out)?;
        }
        let Some(redactor) = redactor.filter(|_| redaction.is_some() || args.compare.is_some())
        else {
            return Ok(None);
        };
        let earlier = match &args.compare {
            Some(dir) => {
                let key = match &redaction {
                    Some(r) => Some(r.key().clone()),
                    None => match redact::key_path(&args.redact) {
                        Ok(p) if p.exists() => Some(redact::read_key(&p)?),
                        _ => None,
                    },
                };
                Some(read_earlier(dir, profile, key.as_ref())?)
            }
            None => None,
        };
        Ok(Some(Coach {
            redactor,
            redaction,
            earlier,
        }))
    }

    /// True when the summary gets the progress columns.
    pub fn compares(&self) -> bool {
        self.earlier.is_some()
    }

    /// Matches, pseudonymises and writes every read client's outputs; updates the
    /// rows (previous score, redacted names, write errors).
    pub fn finish(
        &mut self,
        cx: &Context<'_>,
        items: &[Item],
        rows: &mut [Row],
        reports: &[Option<(Report, &'static str, Vec<toolkit_document::Hidden>)>],
    ) -> Result<Outcome, Failure> {
        let clients: Vec<usize> = (0..rows.len()).filter(|&i| reports[i].is_some()).collect();
        let matching = self.earlier.as_ref().map(|earlier| {
            let current: Vec<Who> = clients
                .iter()
                .map(|&i| Who {
                    name: reports[i]
                        .as_ref()
                        .and_then(|(r, _, _)| r.candidate.as_deref())
                        .map(fold),
                    file: Some(items[i].shown.clone()),
                })
                .collect();
            let previous: Vec<Who> = earlier.iter().map(|e| e.who.clone()).collect();
            compare::match_clients(&current, &previous)
        });
        let earlier_of = |row: usize| -> Option<usize> {
            let m = matching.as_ref()?;
            let k = clients.iter().position(|&c| c == row)?;
            m.pairs.iter().find(|(c, _)| *c == k).map(|(_, p)| *p)
        };

        // In input order: clients' pseudonyms first (so a client named in another
        // resume is known by theirs), then everything else.
        let all_earlier: &[Earlier] = self.earlier.as_deref().unwrap_or(&[]);
        let this = this_checker();
        let mut plans: Vec<Plan<'_>> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        if let Some(r) = &mut self.redaction {
            for (i, row) in rows.iter().enumerate() {
                let name = reports[i]
                    .as_ref()
                    .and_then(|(r, _, _)| r.candidate.as_deref());
                r.client(name, &row.file);
            }
            // Earlier clients the progress section may name.
            for e in self.earlier.iter().flatten() {
                if !is_pseudonym(&e.shown) {
                    r.client(e.report.candidate.as_deref(), &e.file);
                }
            }
        }
        for i in 0..rows.len() {
            let Some((report, format, hidden)) = &reports[i] else {
                if let Some(r) = &mut self.redaction {
                    let subject = toolkit_redact::Subject::new(None);
                    let file = rows[i].file.clone();
                    rows[i].error = r.text(&rows[i].error, &subject);
                    rows[i].file = r.label(None, &file);
                }
                continue;
            };
            let earlier = earlier_of(i).map(|p| {
                let e = &all_earlier[p];
                (p, e.file.clone(), Cow::Borrowed(&e.report))
            });
            let (written, shown, earlier) = match &mut self.redaction {
                Some(r) => {
                    let (written, label) = r.report(report, &items[i].shown);
                    let earlier = earlier.map(|(p, file, prev)| {
                        let (prev, label) = if is_pseudonym(prev.candidate.as_deref().unwrap_or(""))
                        {
                            (prev, file)
                        } else {
                            let (prev, label) = r.report(&prev, &file);
                            (Cow::Owned(prev), label)
                        };
                        (p, label, prev)
                    });
                    rows[i].candidate = written.candidate.clone().unwrap_or_default();
                    rows[i].file = label.clone();
                    (Cow::Owned(written), label, earlier)
                }
                None => (Cow::Borrowed(report), items[i].shown.clone(), earlier),
            };
            let stem = if self.redaction.is_some() {
                unique_name(&shown, &mut taken)
            } else {
                items[i].name.clone()
            };
            rows[i].previous = earlier.as_ref().map(|(_, _, prev)| prev.score);
            let other_checker = earlier
                .as_ref()
                .is_some_and(|(p, _, _)| all_earlier[*p].checker.as_ref() != Some(&this));
            plans.push(Plan {
                row: i,
                stem,
                shown,
                report,
                format,
                hidden,
                written,
                earlier,
                other_checker,
            });
        }
        // The key is complete before any output that uses it is written.
        if let Some(r) = &self.redaction {
            r.save()?;
        }

        let bar = progress(plans.len(), cx.quiet);
        let redactor = self.redactor;
        let outcomes: Vec<Option<Result<Vec<String>, String>>> = cx.pool.install(|| {
            plans
                .par_iter()
                .map(|plan| {
                    if INTERRUPTED.load(Ordering::SeqCst) {
                        return None;
                    }
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        write_client(cx, redactor, plan)
                    }))
                    .unwrap_or_else(|_| {
                        Err("internal error while writing this client".to_string())
                    });
                    bar.inc(1);
                    Some(outcome)
                })
                .collect()
        });
        bar.finish_and_clear();
        let mut interrupted = false;
        for (plan, outcome) in plans.iter().zip(outcomes) {
            match outcome {
                None => interrupted = true,
                Some(Ok(warnings)) => {
                    for w in warnings {
                        crate::diagnostic(
                            "warning",
                            format_args!("{}: {w}", items[plan.row].shown),
                        );
                    }
                }
                Some(Err(reason)) => {
                    crate::diagnostic("error", format_args!("{}: {reason}", items[plan.row].shown));
                    let file = rows[plan.row].file.clone();
                    rows[plan.row] = Row::error(&file, reason);
                }
            }
        }

        let progress = match (&self.earlier, &matching) {
            (Some(earlier), Some(m)) => Some(cohort_progress(
                cx,
                &mut self.redaction,
                rows,
                &plans,
                earlier,
                m,
                &clients,
            )),
            _ => None,
        };
        Ok(Outcome {
            progress,
            interrupted,
        })
    }
}

/// The cohort report's progress section.
fn cohort_progress(
    cx: &Context<'_>,
    redaction: &mut Option<Redaction<'_>>,
    rows: &[Row],
    plans: &[Plan<'_>],
    earlier: &[Earlier],
    m: &compare::Matching,
    clients: &[usize],
) -> CohortProgress {
    let name_of = |row: usize| {
        rows[row]
            .cohort_entry()
            .map_or_else(|| rows[row].file.clone(), |e| e.name)
    };
    let names: Vec<String> = plans.iter().map(|p| name_of(p.row)).collect();
    let returning: Vec<Returning<'_>> = plans
        .iter()
        .zip(&names)
        .filter(|(p, _)| rows[p.row].ok)
        .filter_map(|(p, name)| {
            let (_, _, before) = p.earlier.as_ref()?;
            Some(Returning {
                name,
                before,
                after: &p.written,
            })
        })
        .collect();
    let mut earlier_name = |p: usize| {
        let e = &earlier[p];
        match redaction {
            Some(r) if !is_pseudonym(&e.shown) => r.client(e.report.candidate.as_deref(), &e.file),
            _ => e.shown.clone(),
        }
    };
    let new = m.new.iter().map(|&k| name_of(clients[k])).collect();
    let gone = m.gone.iter().map(|&p| earlier_name(p)).collect();
    let ambiguous = m
        .ambiguous
        .iter()
        .map(|(cs, ps)| {
            let now: Vec<String> = cs.iter().map(|&k| name_of(clients[k])).collect();
            let name = now
                .first()
                .cloned()
                .or_else(|| ps.first().map(|&p| earlier_name(p)))
                .unwrap_or_default();
            format!("{name} ({} now, {} then)", now.len(), ps.len())
        })
        .collect();
    let checker_change = checker_change(rows, plans, earlier, returning.len());
    compare::cohort_progress(
        cx.pipeline.profile(),
        &returning,
        new,
        gone,
        ambiguous,
        checker_change,
    )
}

/// The checkers behind the comparison when some returning client's earlier report was
/// written by another one (or does not say), told on stderr too; `None` when all are
/// this binary's.
fn checker_change(
    rows: &[Row],
    plans: &[Plan<'_>],
    earlier: &[Earlier],
    returning: usize,
) -> Option<CheckerChange> {
    let mut others: Vec<String> = Vec::new();
    let mut unrecorded = 0;
    for p in plans.iter().filter(|p| p.other_checker && rows[p.row].ok) {
        match p
            .earlier
            .as_ref()
            .and_then(|(e, _, _)| earlier[*e].checker.clone())
        {
            Some(label) => others.push(label),
            None => unrecorded += 1,
        }
    }
    let n = others.len() + unrecorded;
    if n == 0 {
        return None;
    }
    crate::diagnostic(
        "note",
        format_args!(
            "{n} of {returning} returning clients were last checked by another release of \
             toolkit (or by one that does not say); some of their changes may be the \
             checker's (see the progress section of cohort.md)"
        ),
    );
    others.sort();
    others.dedup();
    Some(CheckerChange {
        now: this_checker(),
        earlier: others,
        unrecorded,
    })
}

/// How this binary labels itself as a checker.
fn this_checker() -> String {
    let c = json::CHECKER;
    json::Checker::label(c.name, c.version, c.build)
}

/// Writes one client's `.check.json`, `.diff.json` (when returning) and prep sheet.
fn write_client(
    cx: &Context<'_>,
    redactor: &Redactor,
    plan: &Plan<'_>,
) -> Result<Vec<String>, String> {
    let write = |name: String, bytes: &[u8]| write::for_row(&cx.out.join(name), bytes, cx.inputs);
    let line = json::check_line(&plan.shown, plan.format, &plan.written, plan.hidden);
    write(format!("{}.check.json", plan.stem), &line)?;
    let mut sheet_progress = None;
    if let Some((_, file, before)) = &plan.earlier {
        let changes = diff::changes(before, plan.report, redactor);
        sheet_progress = Some(diff::sheet_progress(
            before,
            plan.report,
            &changes,
            plan.other_checker,
        ));
        let view = View {
            old: before,
            new: &plan.written,
            old_file: file,
            new_file: &plan.shown,
            changes: &changes,
        };
        write(
            format!("{}.diff.json", plan.stem),
            (view.json_line() + "\n").as_bytes(),
        )?;
    }
    let mut warnings = Vec::new();
    if cx.pdf {
        let markup = cx.pipeline.markup_with(plan.report, sheet_progress)?;
        let (bytes, w) = cx.pipeline.output.pdf(&markup)?;
        warnings = w;
        write(format!("{}.prep.pdf", plan.stem), &bytes)?;
    }
    Ok(warnings)
}

/// Reads an earlier batch's `summary.csv` and the `.check.json` of each client in it.
fn read_earlier(dir: &Path, profile: &Profile, key: Option<&Key>) -> Result<Vec<Earlier>, Failure> {
    let summary = dir.join("summary.csv");
    if !summary.is_file() {
        return Err(Failure::Message {
            message: format!("{}: no summary.csv", input::display_path(dir)),
            hint: Some("--compare takes the --out folder of an earlier, unsharded batch".into()),
        });
    }
    let rows = super::read_csv(&summary, &profile.topic_ids())?;
    let mut reports: std::collections::HashMap<String, saved::SavedReport> =
        std::collections::HashMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| input::io_failure(dir, &e))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".check.json"))
        .collect();
    paths.sort();
    for path in paths {
        let saved = saved::read(&path, profile)
            .map_err(|reason| Failure::msg(format!("{}: {reason}", input::display_path(&path))))?;
        reports.entry(saved.file.clone()).or_insert(saved);
    }
    let mut earlier = Vec::new();
    for row in rows.into_iter().filter(|r| r.ok) {
        let Some(saved) = reports.remove(&row.file) else {
            crate::diagnostic(
                "warning",
                format_args!(
                    "{}: no .check.json for {}; it is left out of the comparison",
                    input::display_path(&summary),
                    row.file
                ),
            );
            continue;
        };
        let who = who_then(&row, key).map_err(|m| Failure::Message {
            message: format!("{}: {m}", input::display_path(&summary)),
            hint: Some("pass the key the earlier run used: --key FILE".into()),
        })?;
        earlier.push(Earlier {
            shown: if row.candidate.is_empty() {
                row.file.clone()
            } else {
                row.candidate.clone()
            },
            file: row.file,
            report: saved.report,
            who,
            checker: saved.checker,
        });
    }
    Ok(earlier)
}

/// How an earlier client is recognised; a pseudonym is looked up in the key.
fn who_then(row: &Row, key: Option<&Key>) -> Result<Who, String> {
    let pseudonym = if is_pseudonym(&row.candidate) {
        Some(row.candidate.as_str())
    } else {
        let stem = Path::new(&row.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        stem.filter(|s| is_pseudonym(s)).map(|_| row.file.as_str())
    };
    let Some(p) = pseudonym else {
        return Ok(Who {
            name: (!row.candidate.is_empty()).then(|| fold(&row.candidate)),
            file: Some(row.file.clone()),
        });
    };
    let p = Path::new(p)
        .file_stem()
        .map_or(p.to_string(), |s| s.to_string_lossy().into_owned());
    let entry = key
        .and_then(|k| k.resolve(&p).next().cloned())
        .ok_or_else(|| format!("{p} is a pseudonym that the key does not hold"))?;
    Ok(match entry.kind {
        Kind::File => Who {
            name: None,
            file: Some(entry.value),
        },
        _ => Who {
            name: Some(fold(&entry.value)),
            file: None,
        },
    })
}
