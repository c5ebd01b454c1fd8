//! Prints what the readers make of resume files: the name, then each section with
//! its lines (`number[:page] text`, indented by list depth, with `+` before a line
//! that continues the sentence of the line before).
//!
//! Usage: `cargo run -p toolkit-document --example dump -- FILE...`

use std::process::ExitCode;

use toolkit_document::{Format, Limits, read, sniff};

fn main() -> ExitCode {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        println!("== {path}");
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("error: cannot read the file: {e}");
                failed = true;
                continue;
            }
        };
        let by_extension = std::path::Path::new(&path)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        let by_content = sniff(&bytes);
        let format = by_content
            .and_then(|s| s.format())
            .or(by_extension)
            .unwrap_or(Format::Markdown);
        if let Some(s) = by_content {
            println!("sniffed: {s:?}");
        }
        let start = std::time::Instant::now();
        match read(&bytes, format, &Limits::default()) {
            Ok(doc) => {
                println!(
                    "format: {}, name: {:?}, read in {:.1?}",
                    format.name(),
                    doc.name,
                    start.elapsed()
                );
                for section in &doc.sections {
                    println!("[{}] {}", section.kind.label(), section.display_name());
                    for line in &section.lines {
                        let at = match line.page {
                            Some(p) => format!("{}:{p}", line.number),
                            None => line.number.to_string(),
                        };
                        let indent = "  ".repeat(line.depth as usize);
                        // `+` marks a line that carries on the sentence before it.
                        let join = if line.continues { "+" } else { " " };
                        println!("  {at:>6}{join}{indent}{}", line.text);
                    }
                }
            }
            Err(e) => {
                println!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
