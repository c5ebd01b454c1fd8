//! Renders the demo interview prep sheet, or another markup file, for eyeballing:
//! `cargo run -p toolkit-pdf --example demo -- out.pdf [a4|letter] [input.txt]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: demo <output.pdf> [a4|letter] [input.txt]");
        return ExitCode::from(2);
    };
    let paper = match std::env::args().nth(2).as_deref() {
        Some("letter") => toolkit_pdf::Paper::Letter,
        _ => toolkit_pdf::Paper::A4,
    };
    let (name, src) = match std::env::args().nth(3) {
        Some(input) => match std::fs::read_to_string(&input) {
            Ok(src) => (input, src),
            Err(err) => {
                eprintln!("error: cannot read {input}: {err}");
                return ExitCode::from(2);
            }
        },
        None => ("demo.txt".to_owned(), include_str!("demo.txt").to_owned()),
    };
    let doc = match toolkit_markup::parse(&src) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("error: {name}: {err}");
            return ExitCode::from(2);
        }
    };
    let opts = toolkit_pdf::Options {
        paper,
        timestamp: Some(1_741_910_400),
        ..Default::default()
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
