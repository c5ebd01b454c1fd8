//! Renders the demo interview prep sheet: `cargo run -p toolkit-pdf --example demo -- out.pdf`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: demo <output.pdf> [letter]");
        return ExitCode::from(2);
    };
    let paper = match std::env::args().nth(2).as_deref() {
        Some("letter") => toolkit_pdf::Paper::Letter,
        _ => toolkit_pdf::Paper::A4,
    };
    let doc = match toolkit_markup::parse(include_str!("demo.txt")) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("error: demo.txt: {err}");
            return ExitCode::from(2);
        }
    };
    let opts = toolkit_pdf::Options {
        paper,
        timestamp: Some(1_741_910_400),
    };
    let pdf = match toolkit_pdf::render(&doc, &opts) {
        Ok(pdf) => pdf,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    for warning in &pdf.warnings {
        eprintln!("warning: {warning}");
    }
    if let Err(err) = std::fs::write(&path, &pdf.bytes) {
        eprintln!("error: cannot write {}: {err}", path.to_string_lossy());
        return ExitCode::from(2);
    }
    eprintln!(
        "wrote {} ({} pages, {} bytes)",
        path.to_string_lossy(),
        pdf.pages,
        pdf.bytes.len()
    );
    ExitCode::SUCCESS
}
