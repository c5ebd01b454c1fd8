//! Two things the binary needs from its build:
//!
//! - `TOOLKIT_BUILD`: a fingerprint of everything that decides a verdict (the reader,
//!   the matcher, the built-in profiles, word lists and weights, and the locked
//!   dependencies), so a saved report says which checker wrote it and a later run can
//!   tell when last month's reports were checked by another one.
//! - On Linux, the `toolkit` binary is linked position-dependent. A
//!   position-independent one carries some 24,000 relocations (every pointer in its
//!   tables, fonts and word lists) that the loader applies on every start: about
//!   0.6 ms of each run, a tenth of checking one resume. The code is still compiled
//!   position-independent, so the libraries and tests are unchanged.

use std::path::{Path, PathBuf};

/// The crates whose sources and data decide verdicts, beside this one.
const DECIDING: [&str; 3] = ["toolkit-document", "toolkit-match", "toolkit-profile"];

/// Folders of those crates that never reach the binary.
const SKIPPED: [&str; 3] = ["tests", "examples", "benches"];

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let crates = manifest.parent().expect("the crate sits in crates/");
    let mut files = Vec::new();
    for name in DECIDING {
        let dir = crates.join(name);
        println!("cargo:rerun-if-changed={}", dir.display());
        collect(&dir, &mut files);
    }
    let lock = crates
        .parent()
        .expect("crates/ sits in the workspace")
        .join("Cargo.lock");
    if lock.is_file() {
        println!("cargo:rerun-if-changed={}", lock.display());
        files.push(lock);
    }
    files.sort();
    let root = crates.parent().expect("crates/ sits in the workspace");
    let mut h = Fnv::default();
    for path in &files {
        let rel = path.strip_prefix(root).unwrap_or(path);
        h.write(rel.to_string_lossy().replace('\\', "/").as_bytes());
        h.write(&[0]);
        // A checkout with Windows line endings is the same checker.
        let bytes = std::fs::read(path).expect("a source file is readable");
        let text: Vec<u8> = bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
            .map(|(_, &b)| b)
            .collect();
        h.write(&text);
        h.write(&[0]);
    }
    println!("cargo:rustc-env=TOOLKIT_BUILD={:016x}", h.0);
}

/// Every file under `dir`, but for the folders that never reach the binary.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if !SKIPPED.contains(&name.as_ref()) {
                collect(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
