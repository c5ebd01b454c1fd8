//! `toolkit check`: one report per resume on stdout, every core at work.
//!
//! Resumes are read and matched on `--jobs` threads, and each report is rendered
//! there too; this thread prints them in input order as they become ready, with an
//! unreadable file's error line in its place, so the output is the same with any
//! number of jobs. Only a window of results is held at a time
//! ([`ordered::WINDOW_PER_JOB`] per job), so memory does not grow with the inputs.
//! With `--redact`, pseudonyms are given in input order, so reports are redacted and
//! rendered on this thread. A single resume is read on a thread of its own while this
//! one compiles the profile.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use toolkit_document::Hidden;
use toolkit_match::Report;

use crate::args::{CheckArgs, CheckFormat};
use crate::style::Style;
use crate::{Failure, exit, human, input, json, ordered, pipeline, redact, write};

/// What a worker hands back for one resume.
enum Checked {
    /// The report, rendered; only its score is still needed.
    Rendered {
        score: u32,
        text: Vec<u8>,
    },
    /// The report, to be redacted before it is rendered.
    Held {
        report: Report,
        format: &'static str,
        file: String,
        hidden: Vec<Hidden>,
    },
    Failed(input::InputError),
}

pub fn run(args: CheckArgs, style: &Style) -> Result<i32, Failure> {
    let limits = crate::limits(args.limits.max_size);
    // A single resume is read while the profile compiles (which does not need it); with
    // more, the jobs overlap the two already.
    let early = Mutex::new(match args.resumes.as_slice() {
        [path] => Some(input::Reading::start(path, limits)),
        _ => None,
    });
    let matcher = pipeline::load_matcher(&args.profile.profile)?;
    let profile = matcher.profile();
    let redactor = args.redact.redact.then(|| redact::redactor(profile));
    let inputs = write::Inputs::of(args.resumes.iter().map(|p| p.as_path()));
    let mut redaction = redact::Redaction::open(&args.redact, redactor.as_ref(), &inputs)?;
    let hold = redaction.is_some();
    // One resume is checked on this thread whatever `--jobs` says, so the cores are not
    // counted for it (which reads the process's cgroup files).
    let jobs = match (args.jobs, args.resumes.len()) {
        (Some(jobs), _) => usize::from(jobs),
        (None, 0 | 1) => 1,
        (None, _) => all_cores(),
    };

    let work = |path: &PathBuf| -> Checked {
        let file = input::display_path(path);
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let doc = match early.lock().ok().and_then(|mut early| early.take()) {
                Some(reading) => reading.finish()?,
                None => input::load_resume(path, &limits)?,
            };
            let report = matcher.check(&doc);
            let format = doc.format.name();
            Ok(if hold {
                Checked::Held {
                    report,
                    format,
                    file: file.clone(),
                    hidden: doc.hidden,
                }
            } else {
                Checked::Rendered {
                    score: report.score,
                    text: render(args.format, &file, format, &report, &doc.hidden, style),
                }
            })
        }));
        match checked {
            Ok(Ok(checked)) => checked,
            Ok(Err(e)) => Checked::Failed(e),
            Err(_) => Checked::Failed(input::InputError {
                file,
                reason: "internal error while processing this file".into(),
            }),
        }
    };

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut failed, mut below) = (false, false);
    let emit = |i: usize, checked: Checked| -> Result<(), Failure> {
        let (score, text) = match checked {
            Checked::Failed(e) => {
                out.flush()?;
                crate::diagnostic("error", &e);
                failed = true;
                return Ok(());
            }
            Checked::Rendered { score, text } => (score, text),
            Checked::Held {
                report,
                format,
                file,
                hidden,
            } => {
                let (report, file) = match &mut redaction {
                    Some(r) => r.report(&report, &file),
                    None => (report, file),
                };
                let text = render(args.format, &file, format, &report, &hidden, style);
                (report.score, text)
            }
        };
        below |= args.fail_under.is_some_and(|min| score < min);
        if i > 0 && args.format != CheckFormat::Json {
            writeln!(out)?;
        }
        out.write_all(&text)?;
        Ok(())
    };
    let result =
        ordered::map_in_order(&args.resumes, jobs, work, emit).and_then(|()| Ok(out.flush()?));
    // Pseudonyms already printed are kept, whatever stopped the run.
    if let Some(r) = &redaction {
        r.save()?;
    }
    result?;
    // The redaction borrows the matcher's profile; both go once the output is out.
    drop(redaction);
    pipeline::free_in_background(matcher);
    Ok(if failed {
        exit::ERROR
    } else if below {
        exit::BELOW_THRESHOLD
    } else {
        exit::OK
    })
}

/// One report as `--format` prints it.
fn render(
    format: CheckFormat,
    file: &str,
    read_as: &str,
    report: &Report,
    hidden: &[Hidden],
    style: &Style,
) -> Vec<u8> {
    match format {
        CheckFormat::Json => json::check_line(file, read_as, report, hidden),
        CheckFormat::Human => human::report(file, report, hidden, style).into_bytes(),
        CheckFormat::Markdown => human::markdown(file, report, hidden).into_bytes(),
    }
}

/// Every core the process may use, as `batch` defaults to.
fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
