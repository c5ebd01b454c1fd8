//! Writes a benchmark corpus: the labelled resumes replicated to N realistic resumes
//! of 3 to 5 KB (Markdown, text and JSON Resume) with new names and shuffled bullets.
//!
//! `cargo run --release -p toolkit-cli --example bench-corpus -- --out DIR [-n N] [--corpus DIR]...`
//! (default N = 1,000; `--corpus` adds another folder of labelled resumes, such as
//! the shared development corpus).

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1].clone());
    let Some(out) = value("--out").map(PathBuf::from) else {
        eprintln!("usage: bench-corpus --out DIR [-n N] [--corpus DIR]...");
        return ExitCode::from(2);
    };
    let n: usize = match value("-n").map(|v| v.parse()) {
        None => 1_000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("error: -n takes a number");
            return ExitCode::from(2);
        }
    };
    let corpus = match corpus::Corpus::load(&corpus::extra_dirs(&args)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match corpus.write(&out, n) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            return ExitCode::from(2);
        }
    };
    let mut sizes = written.bytes.clone();
    sizes.sort_unstable();
    let count = |ext: &str| {
        written
            .files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == ext))
            .count()
    };
    if let (Some(min), Some(max)) = (sizes.first(), sizes.last()) {
        eprintln!(
            "{n} resumes from {} labelled ones ({} md, {} txt, {} json) in {}: {:.1} to {:.1} KB, median {:.1} KB, {:.1} MB in all",
            corpus.sources(),
            count("md"),
            count("txt"),
            count("json"),
            out.display(),
            *min as f64 / 1e3,
            *max as f64 / 1e3,
            sizes[sizes.len() / 2] as f64 / 1e3,
            sizes.iter().sum::<usize>() as f64 / 1e6
        );
    }
    ExitCode::SUCCESS
}
