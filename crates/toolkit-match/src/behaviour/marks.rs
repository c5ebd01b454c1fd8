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
        word.len() <= MAX_WORD && self.keys.binary_search(&key_of_word(word)).is_ok()
    }
}

/// [`key_of`] for a word of up to seven bytes, with its letters lower-cased all at
/// once rather than byte by byte: a byte of `A` to `Z` gains 0x20.
fn key_of_word(word: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut raw = 0u64;
    for (i, &b) in word.iter().enumerate() {
        raw |= (b as u64) << (8 * i);
    }
    // Each byte's top bit: set in `from_a` from `A` on, in `past_z` past `Z`; bytes
    // beyond ASCII are left out (their low seven bits are added without carrying).
    let low = raw & (0x7F * ONES);
    let from_a = low + (0x80 - b'A' as u64) * ONES;
    let past_z = low + (0x80 - b'Z' as u64 - 1) * ONES;
    let upper = from_a & !past_z & !raw & (0x80 * ONES);
    (raw | upper >> 2) | (word.len() as u64) << 56
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
            let c = wide[i] as u32;
            assert!(c >= 0x80, "wide marks are not ASCII");
            // The first byte of the character's UTF-8.
            let first = if c < 0x800 {
                0xC0 | c >> 6
            } else if c < 0x1_0000 {
                0xE0 | c >> 12
            } else {
                0xF0 | c >> 18
            };
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

/// The words of `text`, as `text.split_whitespace()` gives them from either end, with
/// ASCII spaces told by their byte and only other characters decoded.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words {
        text,
        front: 0,
        back: text.len(),
    }
}

/// The words of a text between `front` and `back`, which are character boundaries.
#[derive(Clone)]
pub(crate) struct Words<'t> {
    text: &'t str,
    front: usize,
    back: usize,
}

/// What a byte is to [`Words`]: a byte of an ASCII word, an ASCII space, or a byte of
/// a character beyond ASCII (decoded to tell).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    Word,
    Space,
    Wide,
}

/// [`Byte`] for each byte value: the ASCII spaces are those `char::is_whitespace` is
/// true for (space, tab, line feed, vertical tab, form feed, carriage return).
static BYTES: [Byte; 256] = {
    let mut t = [Byte::Wide; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if b == b' ' as usize || (b >= 0x09 && b <= 0x0D) {
            Byte::Space
        } else {
            Byte::Word
        };
        b += 1;
    }
    t
};

/// Whether the character of `text` that starts at byte `at` is whitespace, and its
/// length.
#[inline(always)]
fn char_at(text: &str, at: usize) -> (bool, usize) {
    match BYTES[text.as_bytes()[at] as usize] {
        Byte::Word => (false, 1),
        Byte::Space => (true, 1),
        Byte::Wide => wide_char(text[at..].chars().next()),
    }
}

/// Whether the character of `text` that ends at byte `at` is whitespace, and its
/// length.
#[inline(always)]
fn char_before(text: &str, at: usize) -> (bool, usize) {
    match BYTES[text.as_bytes()[at - 1] as usize] {
        Byte::Word => (false, 1),
        Byte::Space => (true, 1),
        Byte::Wide => wide_char(text[..at].chars().next_back()),
    }
}

/// Whether a character beyond ASCII is whitespace, and its length.
fn wide_char(c: Option<char>) -> (bool, usize) {
    let c = c.unwrap_or_default();
    (c.is_whitespace(), c.len_utf8())
}

/// Where the first character from `at` on that is not whitespace starts in `text`,
/// looking no further than `end`.
#[inline(always)]
fn skip_spaces(text: &str, mut at: usize, end: usize) -> usize {
    while at < end {
        match char_at(text, at) {
            (true, n) => at += n,
            (false, _) => break,
        }
    }
    at
}

/// Where the last character before `at` that is not whitespace ends in `text`, looking
/// no further back than `start`.
#[inline(always)]
fn skip_spaces_back(text: &str, start: usize, mut at: usize) -> usize {
    while at > start {
        match char_before(text, at) {
            (true, n) => at -= n,
            (false, _) => break,
        }
    }
    at
}

/// True when `text` is only whitespace, or empty: when `text.trim()` is empty.
#[inline(always)]
pub(crate) fn is_blank(text: &str) -> bool {
    skip_spaces(text, 0, text.len()) == text.len()
}

/// `text` without the whitespace around it, as `text.trim()` gives it.
pub(crate) fn trim(text: &str) -> &str {
    let start = skip_spaces(text, 0, text.len());
    let end = skip_spaces_back(text, start, text.len());
    &text[start..end]
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    #[inline(always)]
    fn next(&mut self) -> Option<&'t str> {
        let (text, back) = (self.text, self.back);
        let bytes = &text.as_bytes()[..back];
        let mut at = self.front;
        // Past the spaces before the word, then to the end of it.
        let start = loop {
            let &b = bytes.get(at)?;
            match BYTES[b as usize] {
                Byte::Word => break at,
                Byte::Space => at += 1,
                Byte::Wide => match wide_char(text[at..].chars().next()) {
                    (true, n) => at += n,
                    (false, _) => break at,
                },
            }
        };
        while let Some(&b) = bytes.get(at) {
            let space = match BYTES[b as usize] {
                Byte::Word => None,
                Byte::Space => Some(1),
                Byte::Wide => match wide_char(text[at..].chars().next()) {
                    (true, n) => Some(n),
                    (false, n) => {
                        at += n;
                        continue;
                    }
                },
            };
            if let Some(n) = space {
                self.front = at + n;
                return Some(&text[start..at]);
            }
            at += 1;
        }
        self.front = back;
        Some(&text[start..back])
    }
}

impl<'t> DoubleEndedIterator for Words<'t> {
    #[inline(always)]
    fn next_back(&mut self) -> Option<&'t str> {
        let (text, front) = (self.text, self.front);
        let end = skip_spaces_back(text, front, self.back);
        if end <= front {
            self.back = front;
            return None;
        }
        let mut at = end;
        while at > front {
            let (space, n) = char_before(text, at);
            if space {
                self.back = at - n;
                return Some(&text[at..end]);
            }
            at -= n;
        }
        self.back = front;
        Some(&text[front..end])
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

    #[test]
    fn words_are_split_as_split_whitespace_splits_them() {
        let texts = [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tline\nfeed\x0bvt\x0cff\rcr",
            "caf\u{e9}\u{a0}so I\u{3000}then  we\u{2003}moved",
            "\u{a0}\u{a0}",
            "nel\u{85}sep\u{2028}para\u{2029}end\u{202f}x\u{1680}y",
            "\u{2014} dash \u{2192} arrow \u{e9}t\u{e9}",
            "zero\u{200b}width is not a space",
            "a",
            " a ",
            "\u{1f600} emoji \u{1f600}",
        ];
        for t in texts {
            let ours: Vec<&str> = words(t).collect();
            let std: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(ours, std, "{t:?}");
            let ours: Vec<&str> = words(t).rev().collect();
            let std: Vec<&str> = t.split_whitespace().rev().collect();
            assert_eq!(ours, std, "{t:?}");
            // From both ends at once, in turn.
            let (mut a, mut b) = (words(t), t.split_whitespace());
            for i in 0..8 {
                if i % 2 == 0 {
                    assert_eq!(a.next(), b.next(), "{t:?}");
                } else {
                    assert_eq!(a.next_back(), b.next_back(), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn text_is_trimmed_as_trim_trims_it() {
        for t in [
            "",
            " ",
            "\u{a0}",
            "  two  words ",
            "\u{3000}caf\u{e9}\u{a0}",
            "\t\x0bx\x0c\r\n",
            "\u{85}nel\u{2028}",
            "\u{e9}",
            "no-space",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
            assert_eq!(is_blank(t), t.trim().is_empty(), "{t:?}");
        }
    }

    #[test]
    fn keys_are_made_at_once_as_byte_by_byte() {
        let mut words: Vec<Vec<u8>> = vec![b"".to_vec(), b"AZaz@[`{".to_vec()];
        // Every byte value in every place of a word of seven bytes.
        for b in 0..=255u8 {
            for at in 0..7 {
                let mut w = b"mIxEd-Z".to_vec();
                w[at] = b;
                words.push(w[..=at].to_vec());
                words.push(w);
            }
        }
        for w in &words {
            assert_eq!(key_of_word(w), key_of(w), "{w:?}");
        }
    }
}
