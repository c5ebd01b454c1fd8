#![no_main]

use libfuzzer_sys::fuzz_target;
use toolkit_document::{Format, Limits, read};

fuzz_target!(|data: &[u8]| {
    let _ = read(data, Format::JsonResume, &Limits::default());
});
