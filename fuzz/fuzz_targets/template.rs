#![no_main]

//! A template is user input: compiling it and rendering a sheet through it must end
//! quickly in markup or an error, never in a crash, a stack overflow or a hang.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use toolkit_document::{Format, Limits, read};
use toolkit_match::Matcher;
use toolkit_profile::{DEFAULT_PROFILE, Profile};
use toolkit_sheet::{Renderer, Sheet};

const RESUME: &str = "# Ana Díaz\n\n## Experience\n\n- Built a REST API in Go with PostgreSQL, *tested* with `pytest` | [link](x)\n- Would like to learn Kubernetes\n\n## Skills\n\nPython, Git, Docker, Pyhton\n";

fn sheet() -> &'static Sheet {
    static SHEET: OnceLock<Sheet> = OnceLock::new();
    SHEET.get_or_init(|| {
        let profile = Profile::builtin(DEFAULT_PROFILE).expect("built-in profile");
        let matcher = Matcher::new(&profile).expect("built-in profile compiles");
        let doc = read(RESUME.as_bytes(), Format::Markdown, &Limits::default()).expect("resume");
        Sheet::new(&matcher.check(&doc), &profile, "2026-01-01")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(template) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(renderer) = Renderer::new(template) {
        let _ = renderer.render(sheet());
    }
});
