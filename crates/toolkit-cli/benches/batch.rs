//! A whole `toolkit batch` run over generated resumes on disk: wall time and peak memory.
//!
//! `cargo bench -p toolkit-cli --bench batch [-- N]` (default N = 1,000). Run it for
//! 1,000 and 10,000 to see that memory stays flat.

#[path = "corpus.rs"]
mod corpus;

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000);
    let no_pdf = std::env::args().any(|a| a == "--no-pdf");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("clients");
    let mut rng = corpus::Rng::new(7);
    for i in 0..n {
        let (name, text) = corpus::resume(&mut rng, i);
        let sub = input.join(format!("group{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(name), text).unwrap();
    }
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
