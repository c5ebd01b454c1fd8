//! `toolkit batch` and `toolkit merge`: a whole cohort of resumes in one run.
//!
//! Inputs are collected and ordered deterministically, processed in parallel with
//! each output written atomically as soon as it is ready, and only a small row per
//! resume is kept for the summaries, so memory stays flat as the cohort grows.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use toolkit_document::Limits;
use toolkit_match::Status;
use toolkit_profile::Profile;
use toolkit_sheet::{Cohort, CohortEntry};

use crate::args::{BatchArgs, MergeArgs};
use crate::pipeline::{Output, Pipeline};
use crate::walk::{self, Item};
use crate::{Failure, diagnostic, exit, input, json, redact, write};

mod coach;

/// Set by Ctrl-C: workers stop taking new resumes and the run ends cleanly.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// A summary.csv row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    file: String,
    candidate: String,
    ok: bool,
    score: Option<u32>,
    statuses: Vec<Status>,
    misspellings: usize,
    error: String,
    /// The score of the earlier run (`--compare`), for a returning client.
    previous: Option<u32>,
}

impl Row {
    /// What the cohort report keeps of a resume that was read; `None` for an error row.
    fn cohort_entry(&self) -> Option<CohortEntry> {
        self.ok.then(|| CohortEntry {
            name: if self.candidate.is_empty() {
                // No name in the resume: the file name stands in for it.
                Path::new(&self.file)
                    .file_name()
                    .map_or_else(|| self.file.clone(), |n| n.to_string_lossy().into_owned())
            } else {
                self.candidate.clone()
            },
            score: self.score.unwrap_or(0),
            statuses: self.statuses.clone(),
        })
    }

    fn error(file: &str, reason: String) -> Row {
        Row {
            file: file.to_string(),
            candidate: String::new(),
            ok: false,
            score: None,
            statuses: Vec::new(),
            misspellings: 0,
            error: reason,
            previous: None,
        }
    }
}

/// A checked resume kept for the coach's pass: the report and the format it was read as.
type Kept = Option<(
    toolkit_match::Report,
    &'static str,
    Vec<toolkit_document::Hidden>,
)>;

/// Reads, checks and writes one resume's outputs; returns its summary row and any
/// warnings. With `keep`, writes nothing and returns the report instead, for the
/// coach's pass to write once the cohort is matched.
fn process(
    item: &Item,
    pipeline: &Pipeline,
    limits: &Limits,
    out: &Path,
    pdf: bool,
    inputs: &write::Inputs,
    keep: bool,
) -> Result<(Row, Kept, Vec<String>), String> {
    if let Some(problem) = &item.problem {
        return Err(problem.clone());
    }
    let doc = input::load_resume(&item.path, limits).map_err(|e| e.reason)?;
    let report = pipeline.matcher.check(&doc);
    let row = Row {
        file: item.shown.clone(),
        candidate: report.candidate.clone().unwrap_or_default(),
        ok: true,
        score: Some(report.score),
        statuses: report.topics.iter().map(|t| t.status).collect(),
        misspellings: report.misspellings.len(),
        error: String::new(),
        previous: None,
    };
    if keep {
        return Ok((
            row,
            Some((report, doc.format.name(), doc.hidden)),
            Vec::new(),
        ));
    }
    let line = json::check_line(&item.shown, doc.format.name(), &report, &doc.hidden);
    let json_path = out.join(format!("{}.check.json", item.name));
    write::for_row(&json_path, &line, inputs)?;
    let mut warnings = Vec::new();
    if pdf {
        let markup = pipeline.markup(&report)?;
        let (bytes, w) = pipeline.output.pdf(&markup)?;
        warnings = w;
        let pdf_path = out.join(format!("{}.prep.pdf", item.name));
        write::for_row(&pdf_path, &bytes, inputs)?;
    }
    Ok((row, None, warnings))
}

/// Removes what an earlier run left in the output folder that could be taken for
/// this run's: its summaries (this run writes its own only when it completes), and,
/// in an unsharded run, temporary files of a killed run. Slices of a sharded run may
/// share the folder and run at the same time, so a slice removes only its own
/// `shard-K-of-N.csv`.
fn clear_previous_run(
    out: &Path,
    sharded: bool,
    summary_name: &str,
    inputs: &write::Inputs,
) -> Result<(), Failure> {
    let stale: &[&str] = if sharded {
        &[summary_name]
    } else {
        write::remove_leftovers(out);
        &["summary.csv", "cohort.md", "cohort.pdf"]
    };
    for name in stale {
        let path = out.join(name);
        write::remove_stale(&path, inputs).map_err(|e| {
            Failure::msg(format!(
                "{}: cannot remove the previous run's summary: {}",
                input::display_path(&path),
                input::io_reason(&e)
            ))
        })?;
    }
    Ok(())
}

/// For tests only: `TOOLKIT_TEST_PAUSE_AFTER=N` holds the workers once N resumes
/// are finished, until Ctrl-C (or 60 seconds), so that a test can interrupt a
/// batch at a known point instead of racing it.
fn test_pause() -> Option<usize> {
    std::env::var("TOOLKIT_TEST_PAUSE_AFTER")
        .ok()
        .and_then(|v| v.parse().ok())
}

fn wait_for_interrupt() {
    for _ in 0..6000 {
        if INTERRUPTED.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A progress bar on a terminal; hidden for pipes, CI and `--quiet`.
fn progress(len: usize, quiet: bool) -> ProgressBar {
    let visible = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let bar = ProgressBar::with_draw_target(
        Some(len as u64),
        if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:32.cyan/blue} {pos}/{len} resumes · {elapsed} elapsed · ETA {eta}",
        )
        .expect("valid progress template")
        .progress_chars("█▉░"),
    );
    bar
}

pub fn batch(args: BatchArgs) -> Result<i32, Failure> {
    let pipeline = Pipeline::new(&args.profile.profile, &args.sheet)?;
    let limits = crate::limits(args.limits.max_size);
    std::fs::create_dir_all(&args.out).map_err(|e| {
        Failure::msg(format!(
            "{}: cannot create the output folder: {}",
            input::display_path(&args.out),
            input::io_reason(&e)
        ))
    })?;
    let mut items = walk::collect(&args.inputs, &args.out);
    if let Some((k, n)) = args.shard {
        items = items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, item)| item)
            .collect();
    }
    let inputs = write::Inputs::of(items.iter().map(|i| i.path.as_path()));
    let summary_name = match args.shard {
        Some((k, n)) => format!("shard-{k}-of-{n}.csv"),
        None => "summary.csv".to_string(),
    };
    let redactor = (args.redact.redact || args.compare.is_some())
        .then(|| redact::redactor(pipeline.profile()));
    // The options are checked and an earlier run to compare with is read before
    // anything of that run is removed (it may be this very folder).
    let mut coach = coach::Coach::open(&args, pipeline.profile(), redactor.as_ref(), &inputs)?;
    clear_previous_run(&args.out, args.shard.is_some(), &summary_name, &inputs)?;
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    let pause_after = test_pause();
    let threads = args.jobs.map_or(0, usize::from);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::msg(format!("cannot start worker threads: {e}")))?;

    let bar = progress(items.len(), args.quiet);
    let done = AtomicUsize::new(0);
    let keep = coach.is_some();
    let finished = AtomicUsize::new(0);
    let results: Vec<Option<(Row, Kept)>> = pool.install(|| {
        items
            .par_iter()
            .map(|item| {
                if INTERRUPTED.load(Ordering::SeqCst) {
                    return None;
                }
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    process(
                        item,
                        &pipeline,
                        &limits,
                        &args.out,
                        !args.no_pdf,
                        &inputs,
                        keep,
                    )
                }))
                .unwrap_or_else(|_| Err("internal error while processing this file".to_string()));
                bar.inc(1);
                if let Some(n) = pause_after
                    && finished.fetch_add(1, Ordering::SeqCst) + 1 >= n
                {
                    wait_for_interrupt();
                }
                Some(match outcome {
                    Ok((row, kept, warnings)) => {
                        done.fetch_add(1, Ordering::Relaxed);
                        for w in warnings {
                            bar.suspend(|| {
                                diagnostic("warning", format_args!("{}: {w}", item.shown))
                            });
                        }
                        (row, kept)
                    }
                    Err(reason) => {
                        bar.suspend(|| {
                            diagnostic("error", format_args!("{}: {reason}", item.shown))
                        });
                        (Row::error(&item.shown, reason), None)
                    }
                })
            })
            .collect()
    });
    bar.finish_and_clear();
    if INTERRUPTED.load(Ordering::SeqCst) {
        flush_outputs(&args.out)?;
        eprintln!(
            "interrupted: {} of {} resumes written; no summary was written (run again to complete it)",
            done.load(Ordering::Relaxed),
            items.len()
        );
        return Ok(130);
    }

    let (mut rows, kept): (Vec<Row>, Vec<Kept>) = results.into_iter().flatten().unzip();
    let mut progress = None;
    if let Some(coach) = &mut coach {
        let cx = coach::Context {
            pipeline: &pipeline,
            out: &args.out,
            pdf: !args.no_pdf,
            inputs: &inputs,
            pool: &pool,
            quiet: args.quiet,
        };
        let outcome = coach.finish(&cx, &items, &mut rows, &kept)?;
        if outcome.interrupted {
            flush_outputs(&args.out)?;
            eprintln!(
                "interrupted: some clients' outputs were not written; no summary was written"
            );
            return Ok(130);
        }
        progress = outcome.progress;
    }
    let compared = coach.as_ref().is_some_and(|c| c.compares());
    let failed = rows.iter().filter(|r| !r.ok).count();
    let topic_ids = pipeline.profile().topic_ids();
    // The clients' outputs reach the disk before the summary that lists them.
    flush_outputs(&args.out)?;
    let summary_path = args.out.join(&summary_name);
    write_csv(&summary_path, &topic_ids, &rows, &inputs, compared)?;
    if args.shard.is_none() {
        write_cohort(
            &args.out,
            pipeline.profile(),
            &pipeline.output,
            &rows,
            !args.no_pdf,
            &inputs,
            progress,
        )?;
    }
    if !args.quiet {
        let ok = rows.len() - failed;
        let summary = input::display_path(&summary_path);
        if failed == 0 {
            eprintln!("{ok} done: see {summary}");
        } else {
            eprintln!("{ok} done, {failed} failed: see {summary}");
        }
    }
    Ok(if failed > 0 { exit::ERROR } else { exit::OK })
}

/// [`write::flush_folder`], failing with one line that names the folder.
fn flush_outputs(out: &Path) -> Result<(), Failure> {
    write::flush_folder(out).map_err(|e| {
        Failure::msg(format!(
            "{}: cannot flush the outputs to disk: {}",
            input::display_path(out),
            input::io_reason(&e)
        ))
    })
}

const FIXED_COLUMNS: [&str; 4] = ["file", "candidate", "status", "score"];

/// The columns `batch --compare` adds at the end.
const PROGRESS_COLUMNS: [&str; 2] = ["previous_score", "change"];
/// The characters that make a spreadsheet read a cell as a formula (or, for tab
/// and carriage return, shift it into one).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell a spreadsheet shows as text: one that would start a formula
/// (`=HYPERLINK(...)` as a name, a file called `=cmd|...`) gets a leading `'`, the
/// usual guard against CSV formula injection.
fn inert_cell(text: &str) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The text of a cell written by [`inert_cell`].
fn cell_text(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Writes summary.csv: UTF-8 with a byte-order mark, so spreadsheet programs keep
/// accented names intact.
fn write_csv(
    path: &Path,
    topic_ids: &[&str],
    rows: &[Row],
    inputs: &write::Inputs,
    compared: bool,
) -> Result<(), Failure> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        let mut header: Vec<&str> = FIXED_COLUMNS.to_vec();
        header.extend(topic_ids);
        header.extend(["misspellings", "error"]);
        if compared {
            header.extend(PROGRESS_COLUMNS);
        }
        let csv_err = |e: csv::Error| Failure::msg(format!("{}: {e}", input::display_path(path)));
        w.write_record(&header).map_err(csv_err)?;
        for r in rows {
            let mut record = vec![
                inert_cell(&r.file),
                inert_cell(&r.candidate),
                if r.ok { "ok" } else { "error" }.to_string(),
                r.score.map(|s| s.to_string()).unwrap_or_default(),
            ];
            if r.ok {
                record.extend(r.statuses.iter().map(|s| s.as_str().to_string()));
            } else {
                record.extend(topic_ids.iter().map(|_| String::new()));
            }
            record.push(if r.ok {
                r.misspellings.to_string()
            } else {
                String::new()
            });
            record.push(inert_cell(&r.error));
            if compared {
                let now = r.score.filter(|_| r.ok);
                record.push(r.previous.map(|p| p.to_string()).unwrap_or_default());
                record.push(match (r.previous, now) {
                    (Some(p), Some(n)) => (i64::from(n) - i64::from(p)).to_string(),
                    _ => String::new(),
                });
            }
            w.write_record(&record).map_err(csv_err)?;
        }
        w.flush()?;
    }
    write::output(path, &bytes, inputs)
}

/// Writes cohort.md and (unless `pdf` is false) cohort.pdf from the summary rows.
fn write_cohort(
    out: &Path,
    profile: &Profile,
    output: &Output,
    rows: &[Row],
    pdf: bool,
    inputs: &write::Inputs,
    progress: Option<toolkit_sheet::CohortProgress>,
) -> Result<(), Failure> {
    let entries: Vec<CohortEntry> = rows.iter().filter_map(Row::cohort_entry).collect();
    let failed = rows.len() - entries.len();
    let mut cohort = output.cohort(Cohort::new(profile, &output.date.text, &entries, failed));
    if let Some(p) = progress {
        cohort = cohort.with_progress(p);
    }
    let markup = toolkit_sheet::render(toolkit_sheet::DEFAULT_COHORT_TEMPLATE, &cohort)
        .map_err(|e| Failure::msg(format!("built-in cohort template: {e}")))?;
    let md_path = out.join("cohort.md");
    write::output(
        &md_path,
        toolkit_markup::to_markdown(&markup).as_bytes(),
        inputs,
    )?;
    if pdf {
        let (bytes, _) = output
            .pdf(&markup)
            .map_err(|e| Failure::msg(format!("cohort report: {e}")))?;
        let pdf_path = out.join("cohort.pdf");
        write::output(&pdf_path, &bytes, inputs)?;
    }
    Ok(())
}

/// Reads the shard CSVs of a sharded batch and writes the combined summary.csv and
/// cohort report.
pub fn merge(args: MergeArgs) -> Result<i32, Failure> {
    let profile = input::load_profile(&args.profile.profile)?;
    let output = Output::new(args.date.as_deref(), args.paper, None)?;
    let topic_ids = profile.topic_ids();
    // shard number → (total, path)
    let mut shards: BTreeMap<usize, (usize, PathBuf)> = BTreeMap::new();
    for dir in &args.shards {
        let entries = std::fs::read_dir(dir).map_err(|e| input::io_failure(dir, &e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((k, n)) = shard_of(&name) {
                shards.insert(k, (n, entry.path()));
            }
        }
    }
    let Some(&(total, _)) = shards.values().next() else {
        return Err(Failure::msg(
            "no shard-K-of-N.csv files found in the given folders",
        ));
    };
    if let Some((k, (n, _))) = shards.iter().find(|(_, (n, _))| *n != total) {
        return Err(Failure::Message {
            message: format!(
                "the shard files belong to different runs: shard-{k}-of-{n}.csv beside shards of {total}"
            ),
            hint: Some("merge the slices of one `batch --shard K/N` run".into()),
        });
    }
    // Only the shard numbers present are looked at: a stray `shard-1-of-99999999999.csv`
    // is reported, never enumerated.
    if shards.len() < total {
        let mut absent = (1..=total).filter(|k| !shards.contains_key(k));
        let first: Vec<String> = absent.by_ref().take(10).map(|k| k.to_string()).collect();
        let more = total - shards.len() - first.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        return Err(Failure::Message {
            message: format!(
                "incomplete shards: missing {}{more} of {total}",
                first.join(", ")
            ),
            hint: Some("run every `batch --shard K/N` slice before merging".into()),
        });
    }
    // Shard K holds inputs K-1, K-1+N, K-1+2N, ...: dealing their rows back out in
    // turn restores the order of an unsharded run.
    let mut per_shard = Vec::with_capacity(total);
    for (_, path) in shards.values() {
        per_shard.push(read_csv(path, &topic_ids)?.into_iter());
    }
    let mut rows = Vec::new();
    'deal: loop {
        for shard in &mut per_shard {
            match shard.next() {
                Some(row) => rows.push(row),
                None => break 'deal,
            }
        }
    }
    for shard in per_shard {
        rows.extend(shard);
    }
    std::fs::create_dir_all(&args.out).map_err(|e| input::io_failure(&args.out, &e))?;
    let failed = rows.iter().filter(|r| !r.ok).count();
    let summary = args.out.join("summary.csv");
    let inputs = write::Inputs::of(shards.values().map(|(_, p)| p.as_path()));
    let redactor = args.redact.redact.then(|| redact::redactor(&profile));
    if let Some(r) = &mut redact::Redaction::open(&args.redact, redactor.as_ref(), &inputs)? {
        r.refuse_inside(&args.out)?;
        redact_rows(r, &mut rows);
        r.save()?;
    }
    write::remove_leftovers(&args.out);
    write_csv(&summary, &topic_ids, &rows, &inputs, false)?;
    write_cohort(
        &args.out,
        &profile,
        &output,
        &rows,
        !args.no_pdf,
        &inputs,
        None,
    )?;
    eprintln!(
        "merged {total} shards, {} resumes: see {}",
        rows.len(),
        input::display_path(&summary)
    );
    Ok(if failed > 0 { exit::ERROR } else { exit::OK })
}

/// Replaces the names, files and error texts of summary rows with pseudonyms, in row
/// order: clients first, so a client named in another's error keeps their own.
fn redact_rows(r: &mut redact::Redaction<'_>, rows: &mut [Row]) {
    for row in rows.iter() {
        r.client(
            Some(&row.candidate)
                .filter(|c| !c.is_empty())
                .map(String::as_str),
            &row.file,
        );
    }
    for row in rows.iter_mut() {
        let candidate = Some(row.candidate.clone()).filter(|c| !c.is_empty());
        let subject = toolkit_redact::Subject::new(candidate.as_deref());
        row.error = r.text(&row.error, &subject);
        row.file = r.label(candidate.as_deref(), &row.file);
        if let Some(c) = &candidate {
            row.candidate = r.client(Some(c), "");
        }
    }
}

fn shard_of(name: &str) -> Option<(usize, usize)> {
    let rest = name.strip_prefix("shard-")?.strip_suffix(".csv")?;
    let (k, n) = rest.split_once("-of-")?;
    let (k, n) = (k.parse().ok()?, n.parse().ok()?);
    (k >= 1 && k <= n).then_some((k, n))
}

fn read_csv(path: &Path, topic_ids: &[&str]) -> Result<Vec<Row>, Failure> {
    let shown = input::display_path(path);
    let fail = |m: String| Failure::msg(format!("{shown}: {m}"));
    let bytes = std::fs::read(path).map_err(|e| fail(input::io_reason(&e)))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .map_err(|e| fail(e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut want: Vec<&str> = FIXED_COLUMNS.to_vec();
    want.extend(topic_ids);
    want.extend(["misspellings", "error"]);
    let compared: Vec<&str> = want.iter().copied().chain(PROGRESS_COLUMNS).collect();
    if header != want && header != compared {
        return Err(fail(
            "the columns do not match this profile's topics; merge with the same --profile".into(),
        ));
    }
    let n = topic_ids.len();
    let mut rows = Vec::new();
    for record in r.records() {
        let rec = record.map_err(|e| fail(e.to_string()))?;
        let field = |i: usize| rec.get(i).unwrap_or("").to_string();
        let ok = field(2) == "ok";
        let statuses = (4..4 + n)
            .map(|i| match rec.get(i) {
                Some("demonstrated") => Status::Demonstrated,
                Some("listed") => Status::Listed,
                _ => Status::Missing,
            })
            .collect();
        rows.push(Row {
            file: cell_text(&field(0)),
            candidate: cell_text(&field(1)),
            ok,
            score: field(3).parse().ok(),
            statuses: if ok { statuses } else { Vec::new() },
            misspellings: field(4 + n).parse().unwrap_or(0),
            error: cell_text(&field(5 + n)),
            previous: field(6 + n).parse().ok(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_file_names() {
        assert_eq!(shard_of("shard-2-of-8.csv"), Some((2, 8)));
        assert_eq!(shard_of("shard-9-of-8.csv"), None);
        assert_eq!(shard_of("summary.csv"), None);
    }
}
