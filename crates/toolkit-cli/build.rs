//! Links the `toolkit` binary as a position-dependent executable on Linux. A
//! position-independent one carries some 24,000 relocations (every pointer in its
//! tables, fonts and word lists) that the loader applies on every start: about
//! 0.6 ms of each run, a tenth of checking one resume. The code is still compiled
//! position-independent, so the libraries and tests are unchanged.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
