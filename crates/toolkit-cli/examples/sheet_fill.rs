//! Prints, for each resume, how many pages its prep sheet takes on A4 and Letter and
//! how full each page is, as a Markdown table.
//!
//! `cargo run --release -p toolkit-cli --example sheet_fill -- [--full] FILE_OR_DIR...`

use std::path::{Path, PathBuf};

use toolkit_document::{Format, Limits, read};
use toolkit_match::Matcher;
use toolkit_pdf::{Options, Paper};
use toolkit_profile::{DEFAULT_PROFILE, Profile};
use toolkit_sheet::{DEFAULT_SHEET_TEMPLATE, Renderer, Sheet};

fn resumes(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(input)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    p.is_file()
                        && !name.starts_with('.')
                        && !name.eq_ignore_ascii_case("README.md")
                        && name != "labels.json"
                        && Format::from_extension(
                            p.extension().and_then(|e| e.to_str()).unwrap_or(""),
                        )
                        .is_some()
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(input.clone());
        }
    }
    out
}

fn percent(fill: f32) -> String {
    format!("{:.0}%", fill * 100.0)
}

fn main() {
    let full = std::env::args().any(|a| a == "--full");
    let inputs: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| a != "--full")
        .map(PathBuf::from)
        .collect();
    let profile = Profile::builtin(DEFAULT_PROFILE).expect("built-in profile");
    let matcher = Matcher::new(&profile).expect("built-in profile compiles");
    let renderer = Renderer::new(DEFAULT_SHEET_TEMPLATE).expect("built-in template");
    println!(
        "| resume | A4 pages | A4 fill (each page) | Letter pages | Letter fill (each page) |"
    );
    println!("|---|---|---|---|---|");
    for path in resumes(&inputs) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("cannot read {}", path.display());
            continue;
        };
        let format = Format::from_extension(
            Path::new(&path)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or(""),
        )
        .unwrap_or(Format::Markdown);
        let doc = match read(&bytes, format, &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        let report = matcher.check(&doc);
        let mut sheet = Sheet::new(&report, &profile, "2026-11-25");
        if full {
            sheet = sheet.full();
        }
        let markup = renderer.render(&sheet).expect("the sheet renders");
        let mut cells = Vec::new();
        for paper in [Paper::A4, Paper::Letter] {
            let opts = Options {
                paper,
                ..Options::default()
            };
            let pdf = toolkit_pdf::render(&markup, &opts).expect("the PDF renders");
            cells.push(pdf.pages.to_string());
            cells.push(
                pdf.fill
                    .iter()
                    .map(|f| percent(*f))
                    .collect::<Vec<_>>()
                    .join(" / "),
            );
        }
        println!("| {} | {} |", path.display(), cells.join(" | "));
    }
}
