//! A whole `toolkit batch` run over realistic resumes on disk (the labelled ones
//! replicated to 3-5 KB each, see `corpus.rs`): wall time and peak memory.
//!
//! `cargo bench -p toolkit-cli --bench batch [-- N] [--no-pdf] [--corpus DIR]`
//! (default N = 1,000). Run it for 1,000 and 10,000 to see that memory stays flat.

#[path = "corpus.rs"]
mod corpus;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1_000);
    let no_pdf = args.iter().any(|a| a == "--no-pdf");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("clients");
    let corpus = corpus::Corpus::load(&corpus::extra_dirs(&args)).expect("labelled resumes");
    let written = corpus.write(&input, n).unwrap();
    let bytes: usize = written.bytes.iter().sum();
    println!(
        "corpus: {n} resumes made from {} labelled ones, {:.1} KB each on average",
        corpus.sources(),
        bytes as f64 / n as f64 / 1e3
    );
    let before = corpus::peak_rss_mib().unwrap_or(0.0);
    let out = dir.path().join("out");
    let mut args = vec![
        "toolkit",
        "batch",
        "--quiet",
        "--date",
        "2026-11-25",
        "--out",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    if no_pdf {
        args.push("--no-pdf");
    }
    let t = Instant::now();
    let code = toolkit_cli::run(args);
    let wall = t.elapsed().as_secs_f64();
    let files = std::fs::read_dir(&out).unwrap().count();
    println!(
        "batch: {n} resumes{} in {wall:.2} s wall ({:.1} ms each), exit {code}, {files} files written",
        if no_pdf {
            " (no PDF)"
        } else {
            " to JSON + PDF"
        },
        wall / n as f64 * 1e3
    );
    if let Some(peak) = corpus::peak_rss_mib() {
        println!("peak RSS: {peak:.1} MiB (before the batch: {before:.1} MiB)");
    }
}
