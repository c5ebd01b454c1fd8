//! Finding a set of literal strings where a word starts, through hash tables of
//! whole words instead of an automaton.
//!
//! An automaton over a few thousand phrases (Aho-Corasick) costs about a millisecond
//! to build, which a run of one resume pays before it reads anything. The phrases here
//! are only ever wanted where a word starts, and that makes a cheaper index possible:
//! a phrase of one word must be a prefix of the word the text has there, and a phrase
//! of several words must start with exactly that word (a non-word byte follows its
//! first word, and the text must have the same byte). So one table keyed by the
//! phrase's first word, one keyed by the one-word phrases, and a short list for the
//! phrases that start with a non-word byte find every occurrence. The tables take a
//! few dozen microseconds to fill.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The byte classes the index splits words by: ASCII letters and digits, `#` (a
/// number), and every byte of a non-ASCII character.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'#' || b >= 0x80
}

/// FNV-1a: short keys, no untrusted table sizes to defend against (the keys are the
/// profile's own phrases), and several times quicker than SipHash on words.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Table = HashMap<Box<[u8]>, Vec<u32>, BuildHasherDefault<Fnv>>;

/// A set of non-empty literal byte strings, found where words start.
#[derive(Debug)]
pub(crate) struct Literals {
    lens: Vec<usize>,
    /// Phrases of several words (or of one word followed by other bytes), by their
    /// first word.
    by_first_word: Table,
    /// Phrases that are one word, by that word.
    words: Table,
    /// Lengths of the one-word phrases, ascending.
    word_lens: Vec<usize>,
    /// Phrases that start with a non-word byte, by that byte.
    by_byte: Vec<Vec<u32>>,
    /// Every phrase, to compare against the text.
    bytes: Vec<Box<[u8]>>,
}

impl Literals {
    /// Indexes `phrases`; the id of each is its position. Empty phrases are never found.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a [u8]>) -> Literals {
        let mut index = Literals {
            lens: Vec::new(),
            by_first_word: Table::default(),
            words: Table::default(),
            word_lens: Vec::new(),
            by_byte: vec![Vec::new(); 256],
            bytes: Vec::new(),
        };
        for (id, phrase) in phrases.into_iter().enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 phrases");
            index.lens.push(phrase.len());
            index.bytes.push(phrase.into());
            let Some(&first) = phrase.first() else {
                continue;
            };
            if !is_word_byte(first) {
                index.by_byte[usize::from(first)].push(id);
                continue;
            }
            let word = phrase.iter().take_while(|&&b| is_word_byte(b)).count();
            let table = if word == phrase.len() {
                index.word_lens.push(word);
                &mut index.words
            } else {
                &mut index.by_first_word
            };
            table.entry(phrase[..word].into()).or_default().push(id);
        }
        index.word_lens.sort_unstable();
        index.word_lens.dedup();
        index
    }

    /// Calls `found(id, end)` for every phrase that occurs in `text` at `start`, where
    /// `start` is the start of a word or a non-word byte. The ids of one table come in
    /// the order the phrases were given.
    pub fn at(&self, text: &[u8], start: usize, mut found: impl FnMut(u32, usize)) {
        let Some(&first) = text.get(start) else {
            return;
        };
        let rest = &text[start..];
        let mut check = |ids: &[u32]| {
            for &id in ids {
                if rest.starts_with(&self.bytes[id as usize]) {
                    found(id, start + self.lens[id as usize]);
                }
            }
        };
        if !is_word_byte(first) {
            check(&self.by_byte[usize::from(first)]);
            return;
        }
        let word = rest.iter().take_while(|&&b| is_word_byte(b)).count();
        for &len in self.word_lens.iter().take_while(|&&len| len <= word) {
            if let Some(ids) = self.words.get(&rest[..len]) {
                check(ids);
            }
        }
        if word < rest.len()
            && let Some(ids) = self.by_first_word.get(&rest[..word])
        {
            check(ids);
        }
    }

    /// The longest phrase at `start`, if any: `(id, end)`.
    pub fn longest_at(&self, text: &[u8], start: usize) -> Option<(u32, usize)> {
        let mut best: Option<(u32, usize)> = None;
        self.at(text, start, |id, end| {
            if best.is_none_or(|(_, e)| end > e) {
                best = Some((id, end));
            }
        });
        best
    }

    /// Leftmost-longest occurrences `(id, start, end)` in `text`, none overlapping,
    /// starting only at `starts` (ascending): at the first start where a phrase occurs,
    /// the longest one, then on from its end.
    pub fn leftmost_longest(
        &self,
        text: &[u8],
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        for start in starts {
            if start < from {
                continue;
            }
            if let Some((id, end)) = self.longest_at(text, start) {
                out.push((id, start, end));
                from = end;
            }
        }
        out
    }

    /// Every occurrence `(id, start, end)` of a phrase in `text` starting at `starts`.
    pub fn all_at(
        &self,
        text: &[u8],
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        for start in starts {
            self.at(text, start, |id, end| out.push((id, start, end)));
        }
        out
    }

    /// Every occurrence `(id, start, end)` of a phrase in `text` that does not start
    /// inside a word, in order of start.
    pub fn find_all(&self, text: &[u8]) -> Vec<(u32, usize, usize)> {
        let starts = (0..text.len())
            .filter(|&i| !(i > 0 && is_word_byte(text[i - 1]) && is_word_byte(text[i])));
        self.all_at(text, starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// What an automaton over the same phrases reports, less the occurrences that
    /// start inside a word: the index must find exactly these.
    fn automaton(phrases: &[&str], text: &str) -> Vec<(u32, usize, usize)> {
        let ac = AhoCorasick::new(phrases).unwrap();
        let t = text.as_bytes();
        let mut out: Vec<(u32, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let s = m.start();
                !(s > 0 && is_word_byte(t[s - 1]) && is_word_byte(t[s]))
            })
            .map(|m| (m.pattern().as_u32(), m.start(), m.end()))
            .collect();
        out.sort_unstable();
        out
    }

    fn index(phrases: &[&str], text: &str) -> Vec<(u32, usize, usize)> {
        let mut out = Literals::new(phrases.iter().map(|p| p.as_bytes())).find_all(text.as_bytes());
        out.sort_unstable();
        out
    }

    #[test]
    fn finds_what_an_automaton_finds_at_word_starts() {
        let phrases = [
            "crash",
            "crashed",
            "went down",
            "# bugs",
            "couldn't",
            "double-",
            "mis-",
            "'d",
            "-",
            "co-work",
            "root cause",
            "root",
            "café",
            "a",
            "an",
            "bug",
            "bugs",
            "on call",
            "on-call",
            ".net",
            "c++",
            "c",
            "node.js",
            "node",
            "time out",
            "timed out",
        ];
        let texts = [
            "The service crashed twice; it went down and we couldn't find # bugs.",
            "double-booked rooms, mis-sorted parcels, a co-worker's on-call root cause",
            "I'd say ASP.NET and .NET with C++ and C, Node.js or node",
            "crashcrash root-cause rootcause timed out, time out; café-bar an a",
            "",
            "-",
            "a",
            "   ##  # bugs#bugs",
        ];
        for text in texts {
            let lower = text.to_lowercase();
            assert_eq!(
                index(&phrases, &lower),
                automaton(&phrases, &lower),
                "{lower:?}"
            );
        }
    }

    #[test]
    fn finds_repeated_phrases_under_every_id() {
        let found = index(&["bug", "bug", "bug fix"], "one bug fix");
        assert_eq!(found, vec![(0, 4, 7), (1, 4, 7), (2, 4, 11)]);
    }

    #[test]
    fn takes_the_longest_phrase_at_the_leftmost_start() {
        let phrases = ["java", "javascript", "script", "rest", "rest api", "api"];
        let text = b"javascript rest api, api";
        let starts = [0, 4, 11, 16, 21];
        let found =
            Literals::new(phrases.iter().map(|p| p.as_bytes())).leftmost_longest(text, starts);
        assert_eq!(found, vec![(1, 0, 10), (4, 11, 19), (5, 21, 24)]);
    }

    #[test]
    fn never_finds_an_empty_phrase() {
        assert_eq!(index(&["", "x"], "x y"), vec![(1, 0, 1)]);
    }
}
