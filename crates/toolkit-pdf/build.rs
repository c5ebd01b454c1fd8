//! Makes each Latin face's subset for its base characters (`src/subset.rs`), raw and
//! deflated, and the subset's deflated ToUnicode map, so that a run writing an English
//! sheet embeds them as they are instead of subsetting and compressing three fonts:
//! most of the time `prep` spends writing a PDF.
//!
//! Writes `OUT_DIR/{regular,bold,italic}.subset`, `.subset.z` and `.tounicode.z`.

use std::path::PathBuf;

#[path = "src/subset.rs"]
mod subset;

const FACES: [(&str, &str); 3] = [
    ("regular", "fonts/NotoSans-Regular.ttf"),
    ("bold", "fonts/NotoSans-Bold.ttf"),
    ("italic", "fonts/NotoSans-Italic.ttf"),
];

fn main() {
    println!("cargo:rerun-if-changed=src/subset.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, path) in FACES {
        println!("cargo:rerun-if-changed={path}");
        let font = std::fs::read(path).expect("the embedded fonts are in the crate");
        let ttf = ttf_parser::Face::parse(&font, 0).expect("the embedded fonts parse");
        let chars = subset::base_set(&ttf);
        let bytes = subset::subset(&font, &chars).expect("the embedded fonts subset");
        let mut compress =
            flate2::Compress::new(flate2::Compression::new(subset::FONT_LEVEL), true);
        let deflated = subset::deflate_with(&mut compress, &bytes);
        std::fs::write(out_dir.join(format!("{name}.subset")), &bytes)
            .expect("OUT_DIR is writable");
        std::fs::write(out_dir.join(format!("{name}.subset.z")), &deflated)
            .expect("OUT_DIR is writable");
        let sub = ttf_parser::Face::parse(&bytes, 0).expect("a subset parses");
        compress.reset();
        let map = subset::to_unicode(&subset::glyph_chars(&sub, &chars));
        let map = subset::deflate_with(&mut compress, map.as_bytes());
        std::fs::write(out_dir.join(format!("{name}.tounicode.z")), &map)
            .expect("OUT_DIR is writable");
    }
}
