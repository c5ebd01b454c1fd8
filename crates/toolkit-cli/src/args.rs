//! Command-line arguments (clap derive); their doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Check resumes against a role profile and write interview-prep sheets, offline.
#[derive(Debug, Parser)]
#[command(name = "toolkit", version, about, max_term_width = 100)]
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
    /// List the built-in role profiles.
    Profiles,
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
    pub limits: InputLimits,
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
