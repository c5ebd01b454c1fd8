//! Remembering what a function of a word gave, for the words a resume repeats.
//!
//! A resume writes the same words again and again ("team", "developed", "customers"),
//! and the buffers the rules keep go from one resume to the next of the same matcher.
//! Working out a word's stem or whether it is a misspelling costs a few hundred
//! instructions; looking it up in a hash map costs about as much, for the hashing, the
//! probing and the comparing of strings. A word of up to 15 bytes packed in a `u128`
//! with its length is its own key, compared at once, and a few multiplications place
//! it in a table of fixed size, in one of a small set of slots: the last words placed
//! in a set keep it.

/// The value of a function of words for the short words asked before, each in a slot
/// of the set its key picks.
#[derive(Debug)]
pub(crate) struct WordMemo<V> {
    /// The key of the word in each slot (0 for none: a key is never 0), and its value,
    /// in sets of [`WAYS`]: the word placed last in a set first.
    slots: Box<[[(u128, V); WAYS]]>,
}

/// Bits of a slot's index: 8,192 slots, many more than the distinct words of a resume,
/// so that the words of a run of many resumes seldom take each other's slot, and few
/// enough that a run of one resume hardly pays for filling the table.
const SLOT_BITS: u32 = 13;

/// Slots a word may take: the set of this many that its key picks (the last words
/// placed in a set keep it, so that words a resume uses often that fall in one set do
/// not push each other out again and again).
const WAYS: usize = 4;
// A word's set is picked by the top bits of its hash: the sets must number a power of two.
const _: () = assert!(WAYS.is_power_of_two());

impl<V: Copy + Default> Default for WordMemo<V> {
    fn default() -> WordMemo<V> {
        WordMemo {
            slots: vec![[(0, V::default()); WAYS]; (1 << SLOT_BITS) / WAYS].into_boxed_slice(),
        }
    }
}

impl<V: Copy + Default> WordMemo<V> {
    /// `value(word)`, taken from the table when `word` was asked before and fewer than
    /// [`WAYS`] new words have been placed in its set since (a word found is not moved
    /// up); kept there when it is short enough to be a key.
    pub fn get_or(&mut self, word: &str, value: impl FnOnce() -> V) -> V {
        let Some(key) = key(word) else {
            return value();
        };
        *self.get_by_key_or(key, value)
    }

    /// `value` of the word whose [`key`] is `key`, as [`WordMemo::get_or`] gives it,
    /// but where it is kept: a value of many bytes is not copied out to be read.
    #[inline]
    pub fn get_by_key_or(&mut self, key: u128, value: impl FnOnce() -> V) -> &V {
        let set = &mut self.slots[set_of(key)];
        if let Some(i) = set.iter().position(|s| s.0 == key) {
            return &set[i].1;
        }
        set.copy_within(..WAYS - 1, 1);
        set[0] = (key, value());
        &set[0].1
    }
}

/// A word of up to 15 bytes as a number: its bytes, then its length with the top bit
/// set in the last byte (so that no key is 0, and words that differ only by trailing
/// zero bytes differ).
#[inline]
pub(crate) fn key(word: &str) -> Option<u128> {
    key_of_bytes(word.as_bytes())
}

/// The set of slots that the word whose [`key`] is `key` may take: a few
/// multiplications mix the key's bits, and the top ones pick the set.
#[inline]
fn set_of(key: u128) -> usize {
    let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - SLOT_BITS + WAYS.ilog2())) as usize
}

/// The [`key`] of a word given as its bytes.
#[inline]
pub(crate) fn key_of_bytes(bytes: &[u8]) -> Option<u128> {
    let len = bytes.len();
    if len > 15 {
        return None;
    }
    // Read in words of the machine rather than copied byte by byte into a buffer (a
    // call to copy and one to clear it, for every word of every sentence).
    let packed = if len > 8 {
        let (low, high) = bytes.split_at(8);
        u128::from(le_u64(low)) | u128::from(le_up_to_8(high)) << 64
    } else {
        u128::from(le_up_to_8(bytes))
    };
    Some(packed | u128::from(0x80 | len as u8) << 120)
}

/// Up to 8 bytes as a little-endian number, the missing high bytes 0 (also how the
/// phrase index reads a text's first bytes). Two reads that
/// may overlap cover the bytes; an overlapping byte is the same in both.
#[inline]
pub(crate) fn le_up_to_8(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    match len {
        0 => 0,
        1..=3 => {
            u64::from(bytes[0])
                | u64::from(bytes[len / 2]) << (8 * (len / 2))
                | u64::from(bytes[len - 1]) << (8 * (len - 1))
        }
        4..=7 => {
            u64::from(le_u32(&bytes[..4])) | u64::from(le_u32(&bytes[len - 4..])) << (8 * (len - 4))
        }
        _ => le_u64(bytes),
    }
}

#[inline]
fn le_u32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

#[inline]
pub(crate) fn le_u64(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_remembered_until_another_takes_its_slot() {
        let mut memo: WordMemo<usize> = WordMemo::default();
        let mut asked = 0;
        let mut len = |w: &str| {
            memo.get_or(w, || {
                asked += 1;
                w.len()
            })
        };
        assert_eq!(len("team"), 4);
        assert_eq!(len("team"), 4);
        assert_eq!(len("teams"), 5);
        assert_eq!(len(""), 0);
        assert_eq!(len("a\0"), 2);
        assert_eq!(len("a"), 1);
        let long = "internationalisation";
        assert_eq!(len(long), long.len());
        assert_eq!(len(long), long.len());
        // "team" once, "teams", "", "a\0", "a", and the long word each time.
        assert_eq!(asked, 7);
    }

    #[test]
    fn words_sharing_a_set_are_all_remembered() {
        let mut memo: WordMemo<usize> = WordMemo::default();
        let set_of = |w: &str| set_of(key(w).unwrap());
        // The first words that fall in the set of "team", then one more.
        let mut words = vec!["team".to_string()];
        for i in 0.. {
            let w = format!("w{i}");
            if set_of(&w) == set_of("team") {
                words.push(w);
                if words.len() == WAYS + 1 {
                    break;
                }
            }
        }
        let asked = std::cell::Cell::new(0);
        let mut len = |w: &str| {
            memo.get_or(w, || {
                asked.set(asked.get() + 1);
                w.len()
            })
        };
        for w in &words[..WAYS] {
            assert_eq!(len(w), w.len());
        }
        for w in words[..WAYS].iter().rev() {
            assert_eq!(len(w), w.len());
        }
        assert_eq!(asked.get(), WAYS);
        // One more pushes out the word placed first.
        assert_eq!(len(&words[WAYS]), words[WAYS].len());
        assert_eq!(len(&words[0]), words[0].len());
        assert_eq!(asked.get(), WAYS + 2);
    }

    #[test]
    fn keys_tell_every_short_word_apart() {
        let words = [
            "",
            "a",
            "a\0",
            "\0",
            "team",
            "Team",
            "team's",
            "é",
            "fifteen-bytes-x",
        ];
        let keys: Vec<u128> = words.iter().filter_map(|w| key(w)).collect();
        assert_eq!(keys.len(), words.len());
        for (i, k) in keys.iter().enumerate() {
            assert_ne!(*k, 0);
            assert!(!keys[..i].contains(k), "{:?}", words[i]);
        }
        assert_eq!(key("sixteen-bytes-xx"), None);
        // A key is the word's bytes in order, then its length with the top bit set.
        let text = "abcdefghijklmno";
        for len in 0..=15 {
            let mut packed = [0u8; 16];
            packed[..len].copy_from_slice(&text.as_bytes()[..len]);
            packed[15] = 0x80 | len as u8;
            assert_eq!(
                key(&text[..len]),
                Some(u128::from_le_bytes(packed)),
                "{len}"
            );
        }
    }
}
