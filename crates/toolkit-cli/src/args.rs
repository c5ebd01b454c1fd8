//! Command-line arguments (clap derive); their doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Check resumes against a role profile and write interview-prep sheets, offline.
#[derive(Debug, Parser)]
#[command(
    name = "toolkit",
    version = concat!(env!("CARGO_PKG_VERSION"), " (build ", env!("TOOLKIT_BUILD"), ")"),
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check resumes: each topic's status, the lines that prove it, and misspellings.
    Check(CheckArgs),
    /// Write a printable interview-prep sheet (PDF or Markdown) for one resume.
    Prep(PrepArgs),
    /// Check a folder of resumes: one report and one sheet per client, a CSV and a cohort report.
    Batch(BatchArgs),
    /// Combine the shard summaries of `batch --shard` runs into one summary and cohort report.
    Merge(MergeArgs),
    /// Compare two versions of one resume (any formats): score, topics, evidence and misspellings.
    Diff(DiffArgs),
    /// List the built-in role profiles.
    Profiles,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub sheet: SheetOptions,
    /// How many resumes to work on at once (default: every core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Write the JSON reports and summaries but no PDF sheets.
    #[arg(long)]
    pub no_pdf: bool,
    /// No progress bar and no closing summary line (errors are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Process only the K-th of N deterministic slices of the inputs (for running
    /// one cohort across machines); combine the shards with `toolkit merge`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// The folder to write into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The output folder of an earlier batch of the same clients: match them by name
    /// (or file name), write `<name>.diff.json` per returning client, add
    /// `previous_score` and `change` to summary.csv and a progress section to the
    /// cohort report.
    #[arg(long, value_name = "PREVIOUS_OUT", conflicts_with = "shard")]
    pub compare: Option<PathBuf>,
    #[command(flatten)]
    pub redact: RedactArgs,
    #[command(flatten)]
    pub limits: InputLimits,
    /// Resume files and folders (searched recursively; hidden files are skipped).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// The date printed on the cohort report (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH, then today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Paper size of the cohort PDF.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Write no cohort PDF.
    #[arg(long)]
    pub no_pdf: bool,
    /// The folder to write summary.csv and the cohort report into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub redact: RedactArgs,
    /// Folders holding the `shard-K-of-N.csv` files of a sharded batch.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
}

/// Parses `K/N` with 1 <= K <= N.
fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{s}` is not K/N with 1 <= K <= N, e.g. 2/8");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

#[derive(Debug, Args)]
pub struct SheetOptions {
    /// A handlebars template for the sheet, replacing the built-in one.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Paper size of the PDF.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// The date printed on the sheet (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH, then today (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// How much the sheet says: one sheet of paper printed on both sides, or the full
    /// form with every study plan.
    #[arg(long, value_enum, default_value_t = Detail::Sheet)]
    pub detail: Detail,
    /// A brand file (TOML with `name`, `logo`, `accent`, `footer`) for the sheets and
    /// the cohort report.
    #[arg(long, value_name = "FILE")]
    pub brand: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Detail {
    Sheet,
    Full,
}

#[derive(Debug, Args)]
pub struct PrepArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub sheet: SheetOptions,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PrepFormat::Pdf)]
    pub format: PrepFormat,
    /// Where to write the sheet (`-` writes Markdown to stdout).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    #[command(flatten)]
    pub limits: InputLimits,
    /// The resume (.md, .markdown, .txt, .json, .docx, .pdf), or `-` for Markdown on stdin.
    #[arg(value_name = "RESUME")]
    pub resume: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrepFormat {
    Pdf,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Args)]
pub struct ProfileArg {
    /// A built-in profile name or a profile TOML file.
    #[arg(long, value_name = "NAME|FILE", default_value = toolkit_profile::DEFAULT_PROFILE)]
    pub profile: String,
}

#[derive(Debug, Args)]
pub struct InputLimits {
    /// The largest resume file accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 20)]
    pub max_size: u64,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Output format: a human report, JSON Lines (one object per resume) or Markdown.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with code 1 when a resume scores under this (0 to 100).
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub fail_under: Option<u32>,
    #[command(flatten)]
    pub redact: RedactArgs,
    #[command(flatten)]
    pub limits: InputLimits,
    /// How many resumes to work on at once (default: every core); the reports are
    /// printed in input order whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Resume files (.md, .markdown, .txt, .json, .docx, .pdf), or `-` for Markdown on stdin.
    #[arg(required = true, value_name = "RESUME")]
    pub resumes: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Output format: a human report, one JSON object or Markdown.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with code 1 when the new version scores under this (0 to 100).
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub fail_under: Option<u32>,
    #[command(flatten)]
    pub redact: RedactArgs,
    #[command(flatten)]
    pub limits: InputLimits,
    /// The earlier version of the resume (.md, .markdown, .txt, .json, .docx, .pdf).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later version, in any of the same formats.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Replace names, e-mail addresses, phone numbers, URLs and street addresses in the
    /// output with stable pseudonyms (`Client 07`); the key that maps them back is
    /// kept in the --key file, which is never part of the output. Prep sheets keep
    /// the client's name.
    #[arg(long)]
    pub redact: bool,
    /// The pseudonym key (CSV): read if it exists, extended with new pseudonyms, and
    /// written readable by you only. Default: $XDG_DATA_HOME/toolkit/redaction-key.csv,
    /// else ~/.local/share/toolkit/redaction-key.csv (%APPDATA%\toolkit on Windows).
    /// Keep it private and outside any folder you share; use the same key next session
    /// so returning clients keep their pseudonyms.
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
}
