//! Check throughput over a generated corpus, and prep-sheet rendering speed.
//!
//! `cargo bench -p toolkit-cli --bench throughput [-- N]` (default N = 10,000).

#[path = "corpus.rs"]
mod corpus;

use std::time::Instant;

use toolkit_document::{Format, Limits, read};
use toolkit_match::Matcher;
use toolkit_profile::{DEFAULT_PROFILE, Profile};
use toolkit_sheet::{DEFAULT_SHEET_TEMPLATE, Sheet};

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut rng = corpus::Rng::new(42);
    let resumes: Vec<(String, String)> = (0..n).map(|i| corpus::resume(&mut rng, i)).collect();
    let bytes: usize = resumes.iter().map(|(_, s)| s.len()).sum();

    let t = Instant::now();
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let matcher = Matcher::new(&profile).unwrap();
    let compile = t.elapsed();

    let limits = Limits::default();
    let format = |name: &str| Format::from_extension(name.rsplit('.').next().unwrap()).unwrap();
    let t = Instant::now();
    let mut demonstrated = 0;
    for (name, text) in &resumes {
        let doc = read(text.as_bytes(), format(name), &limits).unwrap();
        let report = matcher.check(&doc);
        demonstrated += report.count(toolkit_match::Status::Demonstrated);
    }
    let all = t.elapsed();
    let per = all.as_secs_f64() / n as f64;
    println!(
        "check: {n} resumes ({:.1} MB) in {:.3} s: {:.0} resumes/s, {:.1} µs each; profile compiled once in {:.1} ms",
        bytes as f64 / 1e6,
        all.as_secs_f64(),
        n as f64 / all.as_secs_f64(),
        per * 1e6,
        compile.as_secs_f64() * 1e3
    );
    println!(
        "check: 800 typical resumes take {:.1} ms (+{:.1} ms to compile the profile); {demonstrated} demonstrated topics found",
        per * 800.0 * 1e3,
        compile.as_secs_f64() * 1e3
    );

    // The same 800 on every core, as `batch` runs them.
    use rayon::prelude::*;
    let sample: Vec<&(String, String)> = resumes.iter().take(800).collect();
    let t = Instant::now();
    let n800: usize = sample
        .par_iter()
        .map(|(name, text)| {
            let doc = read(text.as_bytes(), format(name), &limits).unwrap();
            matcher.check(&doc).count(toolkit_match::Status::Missing)
        })
        .sum();
    println!(
        "check: 800 resumes on {} threads take {:.1} ms ({n800} gaps found)",
        rayon::current_num_threads(),
        t.elapsed().as_secs_f64() * 1e3
    );

    let sheets = if std::env::args().any(|a| a == "--check-only") {
        0
    } else {
        n.min(300)
    };
    // The template is compiled once, as `prep` and `batch` do.
    let renderer = toolkit_sheet::Renderer::new(DEFAULT_SHEET_TEMPLATE).unwrap();
    let t = Instant::now();
    let mut pdf_bytes = 0;
    let mut pages = 0;
    // The sheet alone (model, template and PDF), as `batch` spends it after `check`.
    let mut sheet_time = std::time::Duration::ZERO;
    for (name, text) in resumes.iter().take(sheets) {
        let doc = read(text.as_bytes(), format(name), &limits).unwrap();
        let report = matcher.check(&doc);
        let s = Instant::now();
        let sheet = Sheet::new(&report, &profile, "2026-11-25");
        let markup = renderer.render(&sheet).unwrap();
        let pdf = toolkit_pdf::render(&markup, &toolkit_pdf::Options::default()).unwrap();
        sheet_time += s.elapsed();
        pdf_bytes += pdf.bytes.len();
        pages += pdf.pages;
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "prep: {sheets} sheets (check + template + PDF) in {:.3} s: {:.2} ms per sheet ({:.2} ms of it the sheet itself), {:.0} KB and {:.1} pages per PDF",
        el,
        el / sheets as f64 * 1e3,
        sheet_time.as_secs_f64() / sheets as f64 * 1e3,
        pdf_bytes as f64 / sheets as f64 / 1024.0,
        pages as f64 / sheets as f64
    );
    if let Some(mib) = corpus::peak_rss_mib() {
        println!("peak RSS: {mib:.1} MiB (the generated corpus itself is held in memory)");
    }
}
