//! Ordinary English words: lower-cased, 4 to 20 ASCII letters, from SCOWL
//! (`data/english-words.txt`, with its licence in `data/README.md`). The PDF reader
//! asks whether a word broken at a line end is one word; the matcher never flags one
//! as a misspelled technology name.

/// The words' FNV-1a hashes in an open-addressing table, built by `build.rs`.
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/english-words.bin"));

/// FNV-1a, 64 bits.
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// True for a lower-case English word in the list.
pub fn is_english(word: &str) -> bool {
    in_table(fnv1a(word.bytes()))
}

/// True for a word in the list written in any ASCII case ("Agile", "CLOUD"): what
/// [`is_english`] says of the word with ASCII lower-cased, without a lower-case copy.
pub fn is_english_ascii_any_case(word: &str) -> bool {
    in_table(fnv1a(word.bytes().map(|b| b.to_ascii_lowercase())))
}

/// True when the table holds the hash `h` of a word.
fn in_table(h: u64) -> bool {
    let slots = TABLE.len() / 8;
    let h = h.max(1);
    let mut i = (h as usize) & (slots - 1);
    loop {
        let at = i * 8;
        let slot = u64::from_le_bytes(TABLE[at..at + 8].try_into().unwrap_or([0; 8]));
        if slot == 0 {
            return false;
        }
        if slot == h {
            return true;
        }
        i = (i + 1) & (slots - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_words_and_not_technologies() {
        for w in ["docket", "flash", "nails", "maintained", "zygote"] {
            assert!(is_english(w), "{w}");
        }
        for w in ["postgress", "kubernetes", "dokcer", "Docket", "", "x"] {
            assert!(!is_english(w), "{w}");
        }
    }

    #[test]
    fn any_case_is_the_lower_cased_word() {
        for w in [
            "Docket",
            "FLASH",
            "nails",
            "MaInTaInEd",
            "Postgress",
            "Kubernetes",
            "",
            "X",
            "Café",
            "ÉCOLE",
            "Stand",
            "Cloud",
        ] {
            assert_eq!(
                is_english_ascii_any_case(w),
                is_english(&w.to_ascii_lowercase()),
                "{w}"
            );
        }
        assert!(is_english_ascii_any_case("Docket"));
        assert!(!is_english_ascii_any_case("Dokcer"));
    }
}
