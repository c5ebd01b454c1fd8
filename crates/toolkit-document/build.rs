//! Compiles the English word list (`data/english-words.txt`) into a hash table of its
//! words' FNV-1a hashes, written to OUT_DIR as raw bytes: looking a word up costs a
//! hash and a probe or two, and building the set costs nothing at start-up.

use std::path::PathBuf;

const SOURCE: &str = "data/english-words.txt";

/// FNV-1a, 64 bits, as `words::fnv1a`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    let words = std::fs::read_to_string(SOURCE).expect("the word list is readable");
    let count = words.lines().filter(|w| !w.is_empty()).count();
    // Open addressing with linear probing, under half full; 0 marks an empty slot.
    let slots = (count * 2).next_power_of_two();
    let mut table = vec![0u64; slots];
    for word in words.lines().filter(|w| !w.is_empty()) {
        let h = fnv1a(word.as_bytes()).max(1);
        let mut i = (h as usize) & (slots - 1);
        while table[i] != 0 {
            if table[i] == h {
                break;
            }
            i = (i + 1) & (slots - 1);
        }
        table[i] = h;
    }
    let bytes: Vec<u8> = table.iter().flat_map(|h| h.to_le_bytes()).collect();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("english-words.bin"), bytes).expect("the table is writable");
}
