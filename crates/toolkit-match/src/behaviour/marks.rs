//! The small words and marks that bound a phrase in a quote, looked up cheaply: a
//! word is compared as one number rather than letter by letter against each word of
//! a list, and a mark is found by its byte where it is ASCII rather than by decoding
//! every character.

/// A fixed set of short words (up to seven bytes), matched in any ASCII case, as
/// `eq_ignore_ascii_case` matches: each word is known by a number made of its
/// lower-cased bytes and its length, and the numbers are kept sorted.
pub(crate) struct WordSet<const N: usize> {
    keys: [u64; N],
}

/// The longest word a [`WordSet`] holds: its bytes and its length fit in 64 bits.
const MAX_WORD: usize = 7;

impl<const N: usize> WordSet<N> {
    /// The set of `words`, which must number `N` and be at most seven bytes each
    /// (checked where the set is built, at compile time for a `const`).
    pub(crate) const fn new(words: &[&str]) -> WordSet<N> {
        assert!(words.len() == N, "a word set is built from exactly N words");
        let mut keys = [0u64; N];
        let mut i = 0;
        while i < N {
            let word = words[i].as_bytes();
            assert!(
                word.len() <= MAX_WORD,
                "a word set holds words of up to 7 bytes"
            );
            keys[i] = key_of(word);
            i += 1;
        }
        // Sorted by insertion, for a binary search.
        let mut i = 1;
        while i < N {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                let k = keys[j];
                keys[j] = keys[j - 1];
                keys[j - 1] = k;
                j -= 1;
            }
            i += 1;
        }
        WordSet { keys }
    }

    /// True when `word` is one of the set's words, in any ASCII case.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let word = word.as_bytes();
        word.len() <= MAX_WORD && self.keys.binary_search(&key_of(word)).is_ok()
    }
}

/// The number that stands for a word of up to seven bytes: its bytes, ASCII letters
/// lower-cased, from the lowest byte up, and its length in the highest byte (so that
/// "an" and "an\0" differ).
const fn key_of(word: &[u8]) -> u64 {
    let mut key = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    key
}

/// A fixed set of characters that end a phrase, found in a text byte by byte: an
/// ASCII mark by its byte, and a mark beyond ASCII only decoded where a byte starts
/// one like it.
pub(crate) struct Marks {
    /// For each byte: [`ASCII_MARK`], [`WIDE_START`] or 0.
    bytes: [u8; 256],
    /// The marks beyond ASCII.
    wide: &'static [char],
}

/// A byte that is an ASCII mark.
const ASCII_MARK: u8 = 1;
/// A byte that starts the UTF-8 of a mark beyond ASCII (and maybe of other characters).
const WIDE_START: u8 = 2;

impl Marks {
    /// The marks of `ascii` and `wide` (every character of `ascii` below U+0080,
    /// every one of `wide` above it).
    pub(crate) const fn new(ascii: &[char], wide: &'static [char]) -> Marks {
        let mut bytes = [0u8; 256];
        let mut i = 0;
        while i < ascii.len() {
            assert!(ascii[i].is_ascii(), "ASCII marks are ASCII");
            bytes[ascii[i] as usize] = ASCII_MARK;
            i += 1;
        }
        let mut i = 0;
        while i < wide.len() {
            assert!(!wide[i].is_ascii(), "wide marks are not ASCII");
            // The first byte of the character's UTF-8.
            let mut utf8 = [0u8; 4];
            let first = wide[i].encode_utf8(&mut utf8).as_bytes()[0];
            bytes[first as usize] = WIDE_START;
            i += 1;
        }
        Marks { bytes, wide }
    }

    /// True when `c` is one of the marks.
    pub(crate) fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.bytes[c as usize] == ASCII_MARK
        } else {
            self.wide.contains(&c)
        }
    }

    /// The length of the mark beyond ASCII that starts at byte `at` of `text`, if
    /// one does.
    fn wide_at(&self, text: &str, at: usize) -> Option<usize> {
        // `at` starts a character: a byte that starts one is never in the middle of one.
        text[at..]
            .chars()
            .next()
            .filter(|c| self.wide.contains(c))
            .map(char::len_utf8)
    }

    /// Where the first mark in `text` starts, as `text.find(marks)` tells.
    pub(crate) fn find(&self, text: &str) -> Option<usize> {
        for (i, &b) in text.as_bytes().iter().enumerate() {
            match self.bytes[b as usize] {
                ASCII_MARK => return Some(i),
                WIDE_START if self.wide_at(text, i).is_some() => return Some(i),
                _ => {}
            }
        }
        None
    }

    /// Where the last mark in `text` ends, as `text.rfind(marks)` and the mark's
    /// length tell.
    pub(crate) fn end_of_last(&self, text: &str) -> Option<usize> {
        for (i, &b) in text.as_bytes().iter().enumerate().rev() {
            match self.bytes[b as usize] {
                ASCII_MARK => return Some(i + 1),
                WIDE_START => {
                    if let Some(n) = self.wide_at(text, i) {
                        return Some(i + n);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// True when `text` ends with a mark.
    pub(crate) fn ends(&self, text: &str) -> bool {
        text.chars().next_back().is_some_and(|c| self.has(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &["and", "to", "i", "amongst", "Mixed", "caf\u{e9}", ""];
    const SET: WordSet<{ WORDS.len() }> = WordSet::new(WORDS);

    #[test]
    fn word_sets_match_as_a_case_blind_comparison_does() {
        let probes = [
            "and",
            "AND",
            "aNd",
            "an",
            "andy",
            "And\0",
            "to",
            "TO",
            "t",
            "I",
            "i",
            "",
            " ",
            "amongst",
            "AMONGST",
            "amongsts",
            "mixed",
            "MIXED",
            "caf\u{e9}",
            "CAF\u{e9}",
            "CAF\u{c9}",
            "cafe",
            "\u{a0}and",
            "and\u{a0}",
            "\u{130}",
            "wi\u{f1}o",
            "toolong1",
        ];
        for w in probes {
            let plain = WORDS.iter().any(|x| x.eq_ignore_ascii_case(w));
            assert_eq!(SET.contains(w), plain, "{w:?}");
        }
        assert!(SET.contains("Caf\u{e9}") && !SET.contains("caf\u{c9}"));
    }

    const ASCII: [char; 3] = [',', '.', '|'];
    const WIDE: &[char] = &['\u{2014}', '\u{2192}'];
    const MARKS: Marks = Marks::new(&ASCII, WIDE);

    #[test]
    fn marks_are_found_as_a_search_by_character_finds_them() {
        let all = [',', '.', '|', '\u{2014}', '\u{2192}'];
        let texts = [
            "",
            "no marks here",
            "one, two. three",
            "a \u{2014} b",
            "\u{2014}",
            "tail \u{2192}",
            "\u{2013} en dash is not one \u{2012}",
            "caf\u{e9}\u{a0}so, ok",
            "\u{3000}\u{2014},\u{2192}.",
            "\u{2192}x\u{2014}",
            "dots... and pipes |",
        ];
        for t in texts {
            assert_eq!(MARKS.find(t), t.find(all), "{t:?}");
            let last = t
                .rfind(all)
                .map(|i| i + t[i..].chars().next().unwrap().len_utf8());
            assert_eq!(MARKS.end_of_last(t), last, "{t:?}");
            assert_eq!(MARKS.ends(t), t.ends_with(all), "{t:?}");
            for c in t.chars() {
                assert_eq!(MARKS.has(c), all.contains(&c), "{c:?}");
            }
        }
    }
}
