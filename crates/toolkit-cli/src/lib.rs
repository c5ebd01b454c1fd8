//! The `toolkit` command line: check resumes, write prep sheets, run a cohort.
//!
//! Only this crate knows about arguments, files, the terminal, JSON and exit codes;
//! [`run`] is the whole program and is testable in-process.

mod args;
mod batch;
mod brand;
mod check;
mod compare;
mod dates;
mod diff;
mod human;
mod input;
mod json;
mod ordered;
mod pipeline;
mod redact;
mod saved;
mod style;
mod walk;
mod write;

use std::ffi::OsString;
use std::io::{self, Write};

use clap::Parser;
use toolkit_document::Limits;

use crate::args::{Cli, Command, PrepArgs, PrepFormat};
use crate::pipeline::Pipeline;
use crate::style::Style;

/// Exit codes, as documented in the README.
pub mod exit {
    /// Done.
    pub const OK: i32 = 0;
    /// Done, but a resume scored under `--fail-under`.
    pub const BELOW_THRESHOLD: i32 = 1;
    /// Usage error or unreadable input.
    pub const ERROR: i32 = 2;
}

/// Runs the program with the given arguments and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let _ = e.print();
            return exit::ERROR;
        }
        // `--help` and `--version` are the output: failing to write them is an error.
        Err(e) => return help_written(e.print().and_then(|()| io::stdout().flush())),
    };
    if matches!(
        cli.command,
        Command::Check(_) | Command::Prep(_) | Command::Batch(_)
    ) {
        toolkit_match::warm_up();
    }
    let style = Style::new(cli.color);
    let result = match cli.command {
        Command::Check(args) => check::run(args, &style),
        Command::Prep(args) => prep(args),
        Command::Batch(args) => batch::batch(args),
        Command::Merge(args) => batch::merge(args),
        Command::Diff(args) => diff::run(args, &style),
        Command::Profiles => profiles(),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`toolkit check ... | head`) is not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(Failure::Io(e)) => {
            diagnostic(
                "error",
                format_args!("cannot write output: {}", input::io_reason(&e)),
            );
            exit::ERROR
        }
        Err(Failure::Message { message, hint }) => {
            diagnostic("error", &message);
            if let Some(hint) = hint {
                diagnostic("hint", &hint);
            }
            exit::ERROR
        }
    }
}

/// The exit code after printing help or the version.
fn help_written(result: io::Result<()>) -> i32 {
    match result {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            diagnostic(
                "error",
                format_args!("cannot write output: {}", input::io_reason(&e)),
            );
            exit::ERROR
        }
    }
}

/// Prints one diagnostic line on stderr, `error: FILE: reason`. Control characters
/// (a newline or an escape sequence in a file name or in a message quoting a file)
/// are shown escaped, so a diagnostic is always one line and never drives the
/// terminal.
pub(crate) fn diagnostic(kind: &str, message: impl std::fmt::Display) {
    eprintln!(
        "{kind}: {}",
        toolkit_document::printable(&message.to_string())
    );
}

/// Why a command stopped before finishing.
#[derive(Debug)]
enum Failure {
    Io(io::Error),
    Message {
        message: String,
        hint: Option<String>,
    },
}

impl Failure {
    fn msg(message: impl Into<String>) -> Failure {
        Failure::Message {
            message: message.into(),
            hint: None,
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

impl From<input::ProfileLoadError> for Failure {
    fn from(e: input::ProfileLoadError) -> Failure {
        Failure::Message {
            message: e.message,
            hint: e.hint,
        }
    }
}

pub(crate) fn limits(max_size_mb: u64) -> Limits {
    Limits {
        max_input_bytes: max_size_mb.saturating_mul(1024 * 1024),
        ..Limits::default()
    }
}

fn prep(args: PrepArgs) -> Result<i32, Failure> {
    let to_stdout = args.output.as_os_str() == "-";
    let inputs = write::Inputs::of([args.resume.as_path()]);
    if !to_stdout && inputs.contains(&args.output) {
        return Err(Failure::msg(format!(
            "{}: the output is the resume itself; choose another -o",
            input::display_path(&args.output)
        )));
    }
    let starting = Pipeline::start(&args.profile.profile, &args.sheet)?;
    let limits = limits(args.limits.max_size);
    let file = input::display_path(&args.resume);
    // The resume is read and checked while the template compiles; a broken template
    // is still reported before a broken resume.
    let doc = match input::load_resume(&args.resume, &limits) {
        Ok(doc) => doc,
        Err(e) => {
            starting.finish()?;
            return Err(Failure::msg(e.to_string()));
        }
    };
    let report = starting.matcher.check(&doc);
    let pipeline = starting.finish()?;
    let markup = pipeline.markup(&report).map_err(Failure::msg)?;
    let bytes = match args.format {
        PrepFormat::Markdown => printable_lines(&toolkit_markup::to_markdown(&markup)).into_bytes(),
        PrepFormat::Pdf => {
            let (bytes, warnings) = pipeline
                .output
                .pdf(&markup)
                .map_err(|e| Failure::msg(format!("{file}: {e}")))?;
            for w in warnings {
                diagnostic("warning", format_args!("{file}: {w}"));
            }
            bytes
        }
    };
    if to_stdout {
        let mut out = io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
    } else {
        write::output(&args.output, &bytes, &inputs)?;
    }
    pipeline::free_in_background(pipeline);
    Ok(exit::OK)
}

/// Text for a terminal or a text file: control characters on every line escaped
/// (resume text is clean already; this covers profile and template text).
fn printable_lines(text: &str) -> String {
    text.split('\n')
        .map(toolkit_document::printable)
        .collect::<Vec<_>>()
        .join("\n")
}

fn profiles() -> Result<i32, Failure> {
    let mut out = io::stdout().lock();
    for p in toolkit_profile::builtins() {
        writeln!(out, "{}\t{}\t{} topics", p.id, p.title, p.topics.len())?;
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_help_write_is_an_error_but_a_closed_pipe_is_not() {
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert_eq!(help_written(Err(full)), exit::ERROR);
        let closed = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(help_written(Err(closed)), exit::OK);
        assert_eq!(help_written(Ok(())), exit::OK);
    }
}
