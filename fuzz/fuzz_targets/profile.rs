#![no_main]

//! A profile is user input: a profile that passes validation must compile and check
//! a resume without a panic, whatever its terms and patterns.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use toolkit_document::{Document, Format, Limits, read};
use toolkit_match::Matcher;
use toolkit_profile::Profile;

const RESUME: &str = "# Ana Díaz — Ünïcode 名字\n\n## Experience\n\n- Built a REST API in Go with PostgreSQL; rest of the team — naïve café\n- Would like to learn Kubernetes\n\n## Skills\n\nPython, Git, Docker, Pyhton, C#, .NET, Node.js\n";

fn document() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| read(RESUME.as_bytes(), Format::Markdown, &Limits::default()).expect("resume"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(profile) = Profile::from_toml(src, "fuzz.toml") else {
        return;
    };
    if let Ok(matcher) = Matcher::new(&profile) {
        let _ = matcher.check(document());
    }
});
