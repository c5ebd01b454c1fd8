//! Renders the demo prep sheet 200 times and prints the time and size per sheet.

use std::time::Instant;

fn main() {
    let doc = toolkit_markup::parse(include_str!("../examples/demo.txt")).expect("demo parses");
    let opts = toolkit_pdf::Options::default();
    // The first render parses the fonts; time it on its own.
    let start = Instant::now();
    let first = toolkit_pdf::render(&doc, &opts).expect("demo renders");
    let cold = start.elapsed();

    let runs: u32 = 200;
    let mut bytes = 0;
    let start = Instant::now();
    for _ in 0..runs {
        let pdf = toolkit_pdf::render(std::hint::black_box(&doc), &opts).expect("demo renders");
        bytes += pdf.bytes.len();
    }
    let elapsed = start.elapsed();
    println!(
        "render demo sheet ({} pages): first {:.2} ms, then {:.3} ms/sheet over {runs} runs, {:.1} KB/sheet",
        first.pages,
        cold.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e3 / f64::from(runs),
        bytes as f64 / f64::from(runs) / 1024.0,
    );
}
