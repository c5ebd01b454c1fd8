//! `toolkit batch` and `toolkit merge`: a whole cohort of resumes in one run.
//!
//! Inputs are collected and ordered deterministically, processed in parallel with
//! each output written atomically as soon as it is ready, and only a small row per
//! resume is kept for the summaries, so memory stays flat as the cohort grows.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use toolkit_document::Limits;
use toolkit_match::Status;
use toolkit_profile::Profile;
use toolkit_sheet::{Cohort, CohortEntry};

use crate::args::{BatchArgs, MergeArgs};
use crate::pipeline::{Output, Pipeline};
use crate::{Failure, exit, input, json, write};

/// Extensions a folder is searched for. `.doc` is included so that a Word file saved
/// in an old format gets an error row that says so, instead of being skipped.
const SEARCHED: &[&str] = &["md", "markdown", "txt", "json", "docx", "pdf", "doc"];

/// Set by Ctrl-C: workers stop taking new resumes and the run ends cleanly.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// One resume to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub path: PathBuf,
    /// The path as reported in summaries and errors.
    pub shown: String,
    /// The output file stem, unique within the run and safe on every filesystem.
    pub name: String,
}

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
        }
    }
}

/// Collects the resumes under the inputs, in a deterministic order, skipping hidden
/// files and folders and the output folder itself. An input that does not exist is
/// kept, so that it gets an error row like any other unreadable file.
pub fn collect(inputs: &[PathBuf], out_dir: &Path) -> Vec<Item> {
    let out_canon = std::fs::canonicalize(out_dir).ok();
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        if input.is_dir() {
            let mut files = Vec::new();
            walk(input, out_canon.as_deref(), &mut files);
            files.sort();
            for f in files {
                let rel = f.strip_prefix(input).unwrap_or(&f).to_path_buf();
                let base = input
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_default()
                    .join(rel);
                found.push((f, normalized(&base)));
            }
        } else {
            // A file named on the command line is known by its name; a clash with
            // another one gets a numbered suffix.
            let name = input
                .file_name()
                .map_or_else(|| normalized(input), |n| n.to_string_lossy().into_owned());
            found.push((input.clone(), name));
        }
    }
    let mut names = HashSet::new();
    let mut items = Vec::new();
    for (path, rel) in found {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        let name = unique_name(&rel, &mut names);
        items.push(Item {
            shown: path.display().to_string(),
            path,
            name,
        });
    }
    items
}

fn walk(dir: &Path, skip: Option<&Path>, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if skip.is_some_and(|s| std::fs::canonicalize(&path).is_ok_and(|p| p == s)) {
                continue;
            }
            walk(&path, skip, out);
        } else if kind.is_file() || kind.is_symlink() {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if ext.is_some_and(|e| SEARCHED.contains(&e.as_str())) {
                out.push(path);
            }
        }
    }
}

/// A relative path without `.`, `..` or a root, joined with `/`.
fn normalized(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Turns a relative path into a file stem that is safe everywhere and unique in
/// this run (case-insensitively, for macOS and Windows): `2024/Anna Ng/cv.pdf` →
/// `2024__Anna_Ng__cv.pdf`, and a second one `..._2`.
fn unique_name(rel: &str, taken: &mut HashSet<String>) -> String {
    let mut safe: String = rel
        .split('/')
        .map(|part| {
            part.chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("__");
    if safe.is_empty() || safe.starts_with('.') {
        safe.insert(0, '_');
    }
    if safe.chars().count() > 120 {
        safe = safe
            .chars()
            .rev()
            .take(120)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    }
    let mut name = safe.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{safe}_{n}");
        n += 1;
    }
    name
}

/// Reads, checks and writes one resume's outputs; returns its summary row and any
/// warnings.
fn process(
    item: &Item,
    pipeline: &Pipeline,
    limits: &Limits,
    out: &Path,
    pdf: bool,
    inputs: &write::Inputs,
) -> Result<(Row, Vec<String>), String> {
    let doc = input::load_resume(&item.path, limits).map_err(|e| e.reason)?;
    let report = pipeline.matcher.check(&doc);
    let line = json::check_line(&item.shown, doc.format.name(), &report, &doc.hidden) + "\n";
    let json_path = out.join(format!("{}.check.json", item.name));
    write::atomically(&json_path, line.as_bytes(), inputs).map_err(|e| {
        format!(
            "cannot write {}: {}",
            json_path.display(),
            input::io_reason(&e)
        )
    })?;
    let mut warnings = Vec::new();
    if pdf {
        let markup = pipeline.markup(&report)?;
        let (bytes, w) = pipeline.output.pdf(&markup)?;
        warnings = w;
        let pdf_path = out.join(format!("{}.prep.pdf", item.name));
        write::atomically(&pdf_path, &bytes, inputs).map_err(|e| {
            format!(
                "cannot write {}: {}",
                pdf_path.display(),
                input::io_reason(&e)
            )
        })?;
    }
    let row = Row {
        file: item.shown.clone(),
        candidate: report.candidate.clone().unwrap_or_default(),
        ok: true,
        score: Some(report.score),
        statuses: report.topics.iter().map(|t| t.status).collect(),
        misspellings: report.misspellings.len(),
        error: String::new(),
    };
    Ok((row, warnings))
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
            args.out.display(),
            input::io_reason(&e)
        ))
    })?;
    let mut items = collect(&args.inputs, &args.out);
    if let Some((k, n)) = args.shard {
        items = items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, item)| item)
            .collect();
    }
    let inputs = write::Inputs::of(items.iter().map(|i| i.path.as_path()));
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    let threads = args.jobs.map_or(0, usize::from);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::msg(format!("cannot start worker threads: {e}")))?;

    let bar = progress(items.len(), args.quiet);
    let done = AtomicUsize::new(0);
    let results: Vec<Option<Row>> = pool.install(|| {
        items
            .par_iter()
            .map(|item| {
                if INTERRUPTED.load(Ordering::SeqCst) {
                    return None;
                }
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    process(item, &pipeline, &limits, &args.out, !args.no_pdf, &inputs)
                }))
                .unwrap_or_else(|_| Err("internal error while processing this file".to_string()));
                bar.inc(1);
                Some(match outcome {
                    Ok((row, warnings)) => {
                        done.fetch_add(1, Ordering::Relaxed);
                        for w in warnings {
                            bar.suspend(|| eprintln!("warning: {}: {w}", item.shown));
                        }
                        row
                    }
                    Err(reason) => {
                        bar.suspend(|| eprintln!("error: {}: {reason}", item.shown));
                        Row::error(&item.shown, reason)
                    }
                })
            })
            .collect()
    });
    bar.finish_and_clear();
    if INTERRUPTED.load(Ordering::SeqCst) {
        eprintln!(
            "interrupted: {} of {} resumes written; no summary was written",
            done.load(Ordering::Relaxed),
            items.len()
        );
        return Ok(130);
    }

    let rows: Vec<Row> = results.into_iter().flatten().collect();
    let failed = rows.iter().filter(|r| !r.ok).count();
    let topic_ids = pipeline.profile.topic_ids();
    let summary_name = match args.shard {
        Some((k, n)) => format!("shard-{k}-of-{n}.csv"),
        None => "summary.csv".to_string(),
    };
    let summary_path = args.out.join(&summary_name);
    write_csv(&summary_path, &topic_ids, &rows, &inputs)?;
    if args.shard.is_none() {
        write_cohort(
            &args.out,
            &pipeline.profile,
            &pipeline.output,
            &rows,
            !args.no_pdf,
            &inputs,
        )?;
    }
    if !args.quiet {
        let ok = rows.len() - failed;
        if failed == 0 {
            eprintln!("{ok} done: see {}", summary_path.display());
        } else {
            eprintln!("{ok} done, {failed} failed: see {}", summary_path.display());
        }
    }
    Ok(if failed > 0 { exit::ERROR } else { exit::OK })
}

const FIXED_COLUMNS: [&str; 4] = ["file", "candidate", "status", "score"];

/// Writes summary.csv: UTF-8 with a byte-order mark, so spreadsheet programs keep
/// accented names intact.
fn write_csv(
    path: &Path,
    topic_ids: &[&str],
    rows: &[Row],
    inputs: &write::Inputs,
) -> Result<(), Failure> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        let mut header: Vec<&str> = FIXED_COLUMNS.to_vec();
        header.extend(topic_ids);
        header.extend(["misspellings", "error"]);
        let csv_err = |e: csv::Error| Failure::msg(format!("{}: {e}", path.display()));
        w.write_record(&header).map_err(csv_err)?;
        for r in rows {
            let mut record = vec![
                r.file.clone(),
                r.candidate.clone(),
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
            record.push(r.error.clone());
            w.write_record(&record).map_err(csv_err)?;
        }
        w.flush()?;
    }
    write::atomically(path, &bytes, inputs).map_err(|e| {
        Failure::msg(format!(
            "{}: cannot write: {}",
            path.display(),
            input::io_reason(&e)
        ))
    })
}

/// Writes cohort.md and (unless `pdf` is false) cohort.pdf from the summary rows.
fn write_cohort(
    out: &Path,
    profile: &Profile,
    output: &Output,
    rows: &[Row],
    pdf: bool,
    inputs: &write::Inputs,
) -> Result<(), Failure> {
    let entries: Vec<CohortEntry> = rows.iter().filter_map(Row::cohort_entry).collect();
    let failed = rows.len() - entries.len();
    let cohort = Cohort::new(profile, &output.date.text, &entries, failed);
    let markup = toolkit_sheet::render(toolkit_sheet::DEFAULT_COHORT_TEMPLATE, &cohort)
        .map_err(|e| Failure::msg(format!("built-in cohort template: {e}")))?;
    let md_path = out.join("cohort.md");
    write::atomically(
        &md_path,
        toolkit_markup::to_markdown(&markup).as_bytes(),
        inputs,
    )
    .map_err(|e| {
        Failure::msg(format!(
            "{}: cannot write: {}",
            md_path.display(),
            input::io_reason(&e)
        ))
    })?;
    if pdf {
        let (bytes, _) = output
            .pdf(&markup)
            .map_err(|e| Failure::msg(format!("cohort report: {e}")))?;
        let pdf_path = out.join("cohort.pdf");
        write::atomically(&pdf_path, &bytes, inputs).map_err(|e| {
            Failure::msg(format!(
                "{}: cannot write: {}",
                pdf_path.display(),
                input::io_reason(&e)
            ))
        })?;
    }
    Ok(())
}

/// Reads the shard CSVs of a sharded batch and writes the combined summary.csv and
/// cohort report.
pub fn merge(args: MergeArgs) -> Result<i32, Failure> {
    let profile = input::load_profile(&args.profile.profile)?;
    let output = Output::new(args.date.as_deref(), args.paper)?;
    let topic_ids = profile.topic_ids();
    // shard number → (total, path)
    let mut shards: BTreeMap<usize, (usize, PathBuf)> = BTreeMap::new();
    for dir in &args.shards {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Failure::msg(format!("{}: {}", dir.display(), input::io_reason(&e))))?;
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
    let absent: Vec<String> = (1..=total)
        .filter(|k| !shards.contains_key(k))
        .map(|k| k.to_string())
        .collect();
    if !absent.is_empty() || shards.values().any(|(n, _)| *n != total) {
        return Err(Failure::Message {
            message: format!(
                "incomplete shards: missing {} of {total}",
                absent.join(", ")
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
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::msg(format!("{}: {}", args.out.display(), input::io_reason(&e))))?;
    let failed = rows.iter().filter(|r| !r.ok).count();
    let summary = args.out.join("summary.csv");
    let inputs = write::Inputs::of(shards.values().map(|(_, p)| p.as_path()));
    write_csv(&summary, &topic_ids, &rows, &inputs)?;
    write_cohort(&args.out, &profile, &output, &rows, !args.no_pdf, &inputs)?;
    eprintln!(
        "merged {total} shards, {} resumes: see {}",
        rows.len(),
        summary.display()
    );
    Ok(if failed > 0 { exit::ERROR } else { exit::OK })
}

fn shard_of(name: &str) -> Option<(usize, usize)> {
    let rest = name.strip_prefix("shard-")?.strip_suffix(".csv")?;
    let (k, n) = rest.split_once("-of-")?;
    let (k, n) = (k.parse().ok()?, n.parse().ok()?);
    (k >= 1 && k <= n).then_some((k, n))
}

fn read_csv(path: &Path, topic_ids: &[&str]) -> Result<Vec<Row>, Failure> {
    let shown = path.display().to_string();
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
    if header != want {
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
            file: field(0),
            candidate: field(1),
            ok,
            score: field(3).parse().ok(),
            statuses: if ok { statuses } else { Vec::new() },
            misspellings: field(4 + n).parse().unwrap_or(0),
            error: field(5 + n),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_unique() {
        let mut taken = HashSet::new();
        let names: Vec<String> = [
            "a/resume.pdf",
            "b/resume.pdf",
            "A/Resume.pdf",
            "x y/ünï cv.md",
            ".hidden.md",
            "a/resume.pdf",
        ]
        .iter()
        .map(|p| unique_name(p, &mut taken))
        .collect();
        assert_eq!(
            names,
            [
                "a__resume.pdf",
                "b__resume.pdf",
                "A__Resume.pdf_2",
                "x_y__ünï_cv.md",
                "_.hidden.md",
                "a__resume.pdf_3"
            ]
        );
    }

    #[test]
    fn shard_file_names() {
        assert_eq!(shard_of("shard-2-of-8.csv"), Some((2, 8)));
        assert_eq!(shard_of("shard-9-of-8.csv"), None);
        assert_eq!(shard_of("summary.csv"), None);
    }
}
