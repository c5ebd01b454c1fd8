//! Check throughput over realistic resumes (the labelled ones replicated to 3-5 KB
//! each, see `corpus.rs`), and prep-sheet rendering speed.
//!
//! `cargo bench -p toolkit-cli --bench throughput [-- N] [--corpus DIR] [--check-only]`
//! (default N = 10,000; `--corpus` adds another folder of labelled resumes).

#[path = "corpus.rs"]
mod corpus;

use std::time::Instant;

use rayon::prelude::*;
use toolkit_document::{Format, Limits, read};
use toolkit_match::{Matcher, Status};
use toolkit_profile::{DEFAULT_PROFILE, Profile};
use toolkit_sheet::{DEFAULT_SHEET_TEMPLATE, Sheet};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let corpus = corpus::Corpus::load(&corpus::extra_dirs(&args)).expect("labelled resumes");
    let resumes: Vec<(String, String)> = (0..n).map(|i| corpus.resume(i)).collect();
    let bytes: usize = resumes.iter().map(|(_, s)| s.len()).sum();

    let t = Instant::now();
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let loaded = t.elapsed();
    let matcher = Matcher::new(&profile).unwrap();
    let compile = t.elapsed();

    let limits = Limits::default();
    let format = |name: &str| Format::from_extension(name.rsplit('.').next().unwrap()).unwrap();
    let read_resume =
        |(name, text): &(String, String)| read(text.as_bytes(), format(name), &limits).unwrap();
    let check = |resume: &(String, String)| matcher.check(&read_resume(resume));

    let t = Instant::now();
    let mut demonstrated = 0;
    for resume in &resumes {
        demonstrated += check(resume).count(Status::Demonstrated);
    }
    let all = t.elapsed();
    let per = all.as_secs_f64() / n as f64;
    println!(
        "check: {n} resumes made from {} labelled ones ({:.1} MB, {:.1} KB each) in {:.3} s: {:.0} resumes/s, {:.1} µs each; {demonstrated} demonstrated topics",
        corpus.sources(),
        bytes as f64 / 1e6,
        bytes as f64 / n as f64 / 1e3,
        all.as_secs_f64(),
        n as f64 / all.as_secs_f64(),
        per * 1e6,
    );
    println!(
        "profile: read in {:.1} ms, compiled for matching in {:.1} ms more",
        loaded.as_secs_f64() * 1e3,
        (compile - loaded).as_secs_f64() * 1e3
    );

    // 800 resumes on one thread, then on every core as `check` and `batch` run them.
    let sample = &resumes[..n.min(800)];
    let t = Instant::now();
    let gaps: usize = sample.iter().map(|r| check(r).count(Status::Missing)).sum();
    let one = t.elapsed();
    let t = Instant::now();
    let gaps_par: usize = sample
        .par_iter()
        .map(|r| check(r).count(Status::Missing))
        .sum();
    let every = t.elapsed();
    assert_eq!(gaps, gaps_par);
    println!(
        "check: {} resumes in {:.1} ms on 1 thread, {:.1} ms on {} threads ({gaps} gaps found)",
        sample.len(),
        one.as_secs_f64() * 1e3,
        every.as_secs_f64() * 1e3,
        rayon::current_num_threads(),
    );

    // Matching alone, on the same resumes already read: what the speed issue's bar of
    // 0.1 ms a resume is about.
    let docs: Vec<_> = sample.iter().map(read_resume).collect();
    let t = Instant::now();
    let gaps_matched: usize = docs
        .iter()
        .map(|doc| matcher.check(doc).count(Status::Missing))
        .sum();
    let matching = t.elapsed();
    assert_eq!(gaps, gaps_matched);
    println!(
        "matching alone: {} resumes already read, {:.1} µs each on 1 thread",
        docs.len(),
        matching.as_secs_f64() / docs.len() as f64 * 1e6,
    );

    let sheets = if args.iter().any(|a| a == "--check-only") {
        0
    } else {
        n.min(300)
    };
    if sheets > 0 {
        // The template is compiled once, as `prep` and `batch` do.
        let renderer = toolkit_sheet::Renderer::new(DEFAULT_SHEET_TEMPLATE).unwrap();
        let t = Instant::now();
        let mut pdf_bytes = 0;
        let mut pages = 0;
        // The sheet alone (model, template and PDF), as `batch` spends it after `check`.
        let mut sheet_time = std::time::Duration::ZERO;
        for resume in resumes.iter().take(sheets) {
            let report = check(resume);
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
    }
    if let Some(mib) = corpus::peak_rss_mib() {
        println!("peak RSS: {mib:.1} MiB (the corpus itself is held in memory)");
    }
}
