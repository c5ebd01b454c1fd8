//! Compiles `profiles/behaviour.weights.tsv` into static tables, so a run starts with
//! the behaviour models' weights already in place: the named features of each model,
//! and one hash table of word stems whose rows hold every model's weights. The
//! built-in TOML files are checked and copied as JSON, which a run reads several times
//! faster than TOML.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

const SOURCE: &str = "profiles/behaviour.weights.tsv";
const WORD_PREFIX: &str = "word:";

/// FNV-1a, 64 bits; the matcher hashes stems the same way (`toolkit_profile::fnv1a`).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The built-in data files that are embedded as JSON.
const AS_JSON: &[&str] = &["junior-backend-developer", "behaviour", "context"];

/// Writes each of [`AS_JSON`] to `OUT_DIR/NAME.json`.
fn json_copies(out_dir: &std::path::Path) {
    for name in AS_JSON {
        let path = format!("profiles/{name}.toml");
        println!("cargo:rerun-if-changed={path}");
        let src = std::fs::read_to_string(&path).expect("a built-in profile file is readable");
        let value: toml::Value =
            toml::from_str(&src).unwrap_or_else(|e| panic!("{path}: not valid TOML: {e}"));
        let json = serde_json::to_string(&value).expect("TOML values have a JSON form");
        std::fs::write(out_dir.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
    }
}

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    json_copies(&PathBuf::from(
        std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"),
    ));
    let src = std::fs::read_to_string(SOURCE).expect("the weights file is readable");
    let mut note = String::new();
    let mut models: Vec<String> = Vec::new();
    let mut named: Vec<(usize, String, [f32; 3])> = Vec::new();
    let mut words: BTreeMap<String, BTreeMap<usize, [f32; 3]>> = BTreeMap::new();
    for (n, line) in src.lines().enumerate() {
        if let Some(comment) = line.strip_prefix('#') {
            if !comment.contains('\t') {
                note.push_str(comment.trim());
                note.push(' ');
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "{SOURCE}:{}: expected 5 columns", n + 1);
        let model = match models.iter().position(|m| m == cols[0]) {
            Some(i) => i,
            None => {
                models.push(cols[0].to_string());
                models.len() - 1
            }
        };
        let w: [f32; 3] = [2, 3, 4].map(|i| {
            cols[i]
                .parse()
                .unwrap_or_else(|_| panic!("{SOURCE}:{}: bad number `{}`", n + 1, cols[i]))
        });
        match cols[1].strip_prefix(WORD_PREFIX) {
            Some(stem) => {
                words.entry(stem.to_string()).or_default().insert(model, w);
            }
            None => named.push((model, cols[1].to_string(), w)),
        }
    }

    let m = models.len();
    let mut out = String::new();
    let _ = writeln!(out, "/// How the weights were fitted.");
    let _ = writeln!(out, "pub static NOTE: &str = {:?};", note.trim());
    let _ = writeln!(
        out,
        "/// The models, in the order of the columns of a word row."
    );
    let _ = writeln!(out, "pub static MODELS: &[&str] = &{models:?};");
    let _ = writeln!(
        out,
        "/// The numbers of a word row: no, listed and yes for each model."
    );
    let _ = writeln!(out, "pub const WORD_ROW_WIDTH: usize = {};", m * 3);
    let _ = writeln!(
        out,
        "/// Named features: (model, feature, weights for no, listed, yes)."
    );
    let _ = writeln!(out, "pub static NAMED: &[(u16, &str, [f32; 3])] = &[");
    for (model, name, w) in &named {
        let _ = writeln!(out, "    ({model}, {name:?}, {w:?}),");
    }
    let _ = writeln!(out, "];");

    // Rows are numbered in order of the stems' hashes: the matcher adds a sentence's
    // rows in order of hash, which is then the order of their numbers.
    let mut by_hash: Vec<_> = words
        .iter()
        .map(|(stem, per_model)| (fnv1a(stem.as_bytes()), stem, per_model))
        .collect();
    by_hash.sort_unstable_by_key(|&(hash, _, _)| hash);
    // Open addressing, linear probing, at most half full.
    let slots = (words.len() * 2).next_power_of_two().max(16);
    let mut table: Vec<(u64, u32)> = vec![(0, u32::MAX); slots];
    let mut rows: Vec<f32> = Vec::with_capacity(words.len() * m * 3);
    for (row, &(hash, stem, per_model)) in by_hash.iter().enumerate() {
        let mut i = (hash as usize) & (slots - 1);
        while table[i].1 != u32::MAX {
            assert_ne!(table[i].0, hash, "two stems share a hash: {stem}");
            i = (i + 1) & (slots - 1);
        }
        table[i] = (hash, row as u32);
        for model in 0..m {
            rows.extend(per_model.get(&model).copied().unwrap_or([0.0; 3]));
        }
    }
    let _ = writeln!(
        out,
        "/// Word stems by hash: (FNV-1a of the stem, its row, numbered in order of hash), `u32::MAX` for an empty slot."
    );
    let _ = writeln!(out, "pub static WORD_SLOTS: &[(u64, u32)] = &[");
    for (h, r) in &table {
        let _ = writeln!(out, "({h}, {r}),");
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Word rows: for each model in `MODELS`, weights for no, listed and yes."
    );
    let _ = writeln!(out, "pub static WORD_ROWS: &[f32] = &[");
    for chunk in rows.chunks(m * 3) {
        let _ = writeln!(
            out,
            "{},",
            chunk
                .iter()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    let _ = writeln!(out, "];");

    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("weights.rs");
    std::fs::write(dest, out).expect("the generated weights are writable");
}
