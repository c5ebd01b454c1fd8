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
//! phrases that start with a non-word byte find every occurrence. The tables are
//! open-addressing tables over hashes, which take a few dozen microseconds to fill.
//! A word of the text is hashed once, byte by byte: its prefixes are looked up only
//! at the lengths that a one-word phrase starting like it has, and only as long as
//! some phrase does start like it.

use toolkit_profile::weights::{FNV1A_START, fnv1a, fnv1a_continue};

use crate::memo::{le_u64, le_up_to_8};

/// The byte classes the index splits words by: ASCII letters and digits, `#` (a
/// number), and every byte of a non-ASCII character.
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word_byte`] of every byte, looked up rather than worked out: it is asked of
/// nearly every byte of every sentence, several times.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'#' || byte >= 0x80;
        b += 1;
    }
    table
};

/// Bits of [`Literals::whole_word_keys`]: a few times the number of keys, so most
/// words of a text, which no phrase starts with, cost one bit test.
const FILTER_BITS: usize = 1 << 16;

/// A bit for each key of a table, by its low bits: of a fixed size, so that testing a
/// bit needs no bounds check.
#[derive(Debug)]
struct Filter(Box<[u64; FILTER_BITS / 64]>);

impl Default for Filter {
    fn default() -> Filter {
        Filter(Box::new([0; FILTER_BITS / 64]))
    }
}

impl Filter {
    fn insert(&mut self, key: u64) {
        let bit = key as usize % FILTER_BITS;
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether `key` may have been inserted (false only when it was not).
    #[inline]
    fn may_hold(&self, key: u64) -> bool {
        let bit = key as usize % FILTER_BITS;
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A phrase as a table holds it: its id, its length, and its first eight bytes (all
/// of it, the higher bytes zero, when shorter) or, when longer, its last eight, so
/// that most phrases that are not in the text are told apart by one comparison of
/// eight bytes, without reading the phrase itself.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    id: u32,
    len: u32,
    bytes: u64,
    /// The bits of `bytes` that hold the phrase's bytes.
    mask: u64,
}

impl Candidate {
    fn of(id: u32, phrase: &[u8]) -> Candidate {
        let len = phrase.len();
        let bytes = if len >= 8 {
            word_at(phrase, len - 8)
        } else {
            head(phrase)
        };
        Candidate {
            id,
            len: u32::try_from(len).expect("a phrase shorter than 4 GiB"),
            bytes,
            mask: if len >= 8 {
                u64::MAX
            } else {
                (1 << (8 * len)) - 1
            },
        }
    }

    /// Whether the phrase starts `rest`, whose [`head`] is `first`.
    #[inline]
    fn starts(&self, rest: &[u8], first: u64, bytes: &[u8], spans: &[(usize, usize)]) -> bool {
        let len = self.len as usize;
        if len > rest.len() {
            return false;
        }
        if len <= 8 {
            return first & self.mask == self.bytes;
        }
        word_at(rest, len - 8) == self.bytes && {
            let (from, _) = spans[self.id as usize];
            rest[..len - 8] == bytes[from..from + len - 8]
        }
    }
}

/// The eight bytes of `text` at `at` (which must be there), as a number.
#[inline]
fn word_at(text: &[u8], at: usize) -> u64 {
    le_u64(&text[at..])
}

/// The first eight bytes of `text` as a number, the higher bytes zero when there are
/// fewer.
#[inline]
fn head(text: &[u8]) -> u64 {
    le_up_to_8(&text[..text.len().min(8)])
}

/// Phrases by key: a key is a hash; two words that share one only add candidates,
/// which are compared with the text anyway. Sealed into an open-addressing table over
/// the keys (the key is already a hash, so its low bits pick the slot), whose phrases
/// under one key keep the order of their ranks.
#[derive(Debug, Default)]
struct Table {
    /// `(key, rank)` of each phrase until the table is sealed; a rank's low 32 bits are
    /// the phrase's id.
    pairs: Vec<(u64, u64)>,
    /// `(key, start, end)` of each key's phrases in `phrases`; `end == 0` marks an
    /// empty slot.
    slots: Vec<(u64, u32, u32)>,
    phrases: Vec<Candidate>,
}

impl Table {
    /// Adds the phrase whose id is the low 32 bits of `rank` under `key`; phrases under
    /// one key are checked in order of `rank`.
    fn insert(&mut self, key: u64, rank: u64) {
        self.pairs.push((key, rank));
    }

    /// Lays the phrases out by key, each as `candidate` gives it by its id. (The pairs
    /// sorted are small; the phrases are made once they are in order.)
    fn seal(&mut self, candidate: impl Fn(u32) -> Candidate) {
        self.pairs.sort_unstable();
        let keys = self.pairs.chunk_by(|a, b| a.0 == b.0).count();
        let size = (keys * 2).next_power_of_two().max(1);
        self.slots = vec![(0, 0, 0); size];
        self.phrases = self
            .pairs
            .iter()
            .map(|&(_, rank)| candidate(rank as u32))
            .collect();
        let mut start = 0usize;
        for run in self.pairs.chunk_by(|a, b| a.0 == b.0) {
            let key = run[0].0;
            let end = start + run.len();
            let mut i = Self::home(key, size);
            while self.slots[i].2 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = (
                key,
                u32::try_from(start).unwrap_or(u32::MAX),
                u32::try_from(end).unwrap_or(u32::MAX),
            );
            start = end;
        }
        self.pairs = Vec::new();
    }

    fn home(key: u64, size: usize) -> usize {
        (key ^ (key >> 29)) as usize & (size - 1)
    }

    /// The phrases under `key`. (Most keys looked up in the tables of one word are
    /// turned away before: see [`Literals::prefix_lens`] and
    /// [`Literals::whole_word_keys`].)
    fn get(&self, key: u64) -> &[Candidate] {
        let mut found: &[Candidate] = &[];
        if !self.slots.is_empty() {
            let size = self.slots.len();
            let mut i = Self::home(key, size);
            loop {
                let (k, start, end) = self.slots[i];
                if end == 0 {
                    break;
                }
                if k == key {
                    found = &self.phrases[start as usize..end as usize];
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        found
    }
}

/// Slots of [`Literals::prefix_lens`]: several times the number of prefixes of the
/// phrases of one word (a profile's terms have about 1,500), so that a word that no
/// phrase starts like seldom finds a slot in use.
const PREFIX_SLOTS: usize = 1 << 14;

/// A set of non-empty literal byte strings, found where words start.
#[derive(Debug)]
pub(crate) struct Literals {
    /// Every phrase, one after another, to compare against the text.
    bytes: Vec<u8>,
    /// Where each phrase is in `bytes`.
    spans: Vec<(usize, usize)>,
    /// Phrases that are one word and may end inside a word of the text, by its hash.
    words: Table,
    /// The lengths of those phrases, a bit each ([`len_bit`]), by the hash of each of
    /// their prefixes (a slot of it, which several prefixes may share): whether a word
    /// of the text that starts so may be one of them at this length, and whether any
    /// starts so at all. Most words are looked up at a few lengths, and hashed on
    /// without a look at the rest.
    prefix_lens: Box<[u32; PREFIX_SLOTS]>,
    /// By the hash of a whole word: first the phrases that are one word and are only
    /// wanted as a whole word of the text (looked up once a word, not at every
    /// prefix), then the phrases of several words (or of one word followed by other
    /// bytes) that start with that word.
    whole_words: Table,
    /// The keys of `whole_words`: most words of a text are in no table, and are turned
    /// away by one bit test.
    whole_word_keys: Filter,
    /// The longest first word of any phrase: no word of the text beyond it is hashed.
    longest_word: usize,
    /// Phrases that start with a non-word byte, by that byte (looked up only for a byte
    /// of `first_bytes`, so always found).
    by_byte: Table,
    /// The bytes some phrase starts with, a bit each.
    first_bytes: [u64; 4],
}

/// The bit of a phrase's length among the lengths of [`Literals::prefix_lens`]:
/// lengths 32 apart share one, which only costs a lookup that finds nothing.
#[inline]
fn len_bit(len: usize) -> u32 {
    1 << (len % 32)
}

/// The slot of [`Literals::prefix_lens`] for the hash of a prefix.
#[inline]
fn prefix_slot(h: u64) -> usize {
    h as usize % PREFIX_SLOTS
}

impl Literals {
    /// Indexes `phrases`; the id of each is its position. Empty phrases are never found.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a [u8]>) -> Literals {
        Literals::with_whole_words(phrases.into_iter().map(|p| (p, false)))
    }

    /// Indexes `phrases` like [`Literals::new`]; a phrase of one word paired with
    /// `true` is found only where the text's word is exactly that word, never as the
    /// start of a longer word.
    pub fn with_whole_words<'a>(phrases: impl IntoIterator<Item = (&'a [u8], bool)>) -> Literals {
        let mut index = Literals {
            bytes: Vec::new(),
            spans: Vec::new(),
            words: Table::default(),
            prefix_lens: Box::new([0; PREFIX_SLOTS]),
            whole_words: Table::default(),
            whole_word_keys: Filter::default(),
            longest_word: 0,
            by_byte: Table::default(),
            first_bytes: [0; 4],
        };
        for (id, (phrase, whole)) in phrases.into_iter().enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 phrases");
            index.spans.push((index.bytes.len(), phrase.len()));
            index.bytes.extend_from_slice(phrase);
            let Some(&first) = phrase.first() else {
                continue;
            };
            index.first_bytes[usize::from(first / 64)] |= 1 << (first % 64);
            if !is_word_byte(first) {
                index.by_byte.insert(u64::from(first), u64::from(id));
                continue;
            }
            let word = phrase.iter().take_while(|&&b| is_word_byte(b)).count();
            index.longest_word = index.longest_word.max(word);
            let key = fnv1a(&phrase[..word]);
            if word == phrase.len() && !whole {
                let mut h = FNV1A_START;
                for &b in phrase {
                    h = fnv1a_continue(h, &[b]);
                    index.prefix_lens[prefix_slot(h)] |= len_bit(word);
                }
                index.words.insert(key, u64::from(id));
            } else {
                // The whole words first, then the longer phrases, each in order of id.
                let longer = u64::from(word < phrase.len()) << 32;
                index.whole_words.insert(key, longer | u64::from(id));
                index.whole_word_keys.insert(key);
            }
        }
        let Literals {
            bytes,
            spans,
            words,
            whole_words,
            by_byte,
            ..
        } = &mut index;
        let candidate = |id: u32| {
            let (from, len) = spans[id as usize];
            Candidate::of(id, &bytes[from..from + len])
        };
        for table in [words, whole_words, by_byte] {
            table.seal(candidate);
        }
        index
    }

    /// Whether some phrase starts with byte `b`: none occurs where another is written.
    pub fn may_start_with(&self, b: u8) -> bool {
        self.first_bytes[usize::from(b / 64)] & (1 << (b % 64)) != 0
    }

    /// Calls `found(id, end)` for every phrase that occurs in `text` at `start`. The
    /// ids of phrases of the same kind and first word come in the order they were
    /// given.
    pub fn at(&self, text: &[u8], start: usize, found: impl FnMut(u32, usize)) {
        let Some(&first) = text.get(start) else {
            return;
        };
        if self.may_start_with(first) {
            self.at_start(text, start, found);
        }
    }

    /// [`Literals::at`] where some phrase starts with the byte at `start`. Returns how
    /// many word bytes it read there: all of the word, unless it is longer than the
    /// longest first word.
    #[inline]
    fn at_start(&self, text: &[u8], start: usize, mut found: impl FnMut(u32, usize)) -> usize {
        let rest = &text[start..];
        let first = rest[0];
        if !is_word_byte(first) {
            let phrases = self.by_byte.get(u64::from(first));
            if !phrases.is_empty() {
                self.check(phrases, rest, start, &mut found);
            }
            return 0;
        }
        // No byte beyond the longest first word is read; the bytes are taken from a
        // slice cut to that length, not indexed one by one.
        let bytes = &rest[..rest.len().min(self.longest_word + 1)];
        // Hash the word at `start` byte by byte, looking each prefix up where a phrase
        // of one word may have its length, as long as a longer one may start like it.
        let mut h = FNV1A_START;
        let mut word = 0;
        while let Some(&b) = bytes.get(word) {
            if !is_word_byte(b) {
                break;
            }
            h = fnv1a_continue(h, &[b]);
            word += 1;
            let lens = self.prefix_lens[prefix_slot(h)];
            if lens & len_bit(word) != 0 {
                let phrases = self.words.get(h);
                if !phrases.is_empty() {
                    self.check(phrases, rest, start, &mut found);
                }
            }
            // No phrase of one word starts with these bytes.
            if lens == 0 {
                break;
            }
        }
        // No phrase of one word ends further on: the rest of the word is only hashed,
        // then looked up whole when it is no longer than the longest first word: as a
        // phrase of its own, then as the start of longer phrases.
        for &b in &bytes[word..] {
            if !is_word_byte(b) {
                break;
            }
            h = fnv1a_continue(h, &[b]);
            word += 1;
        }
        let ended = word == rest.len() || !is_word_byte(rest[word]);
        if ended && word <= self.longest_word && self.whole_word_keys.may_hold(h) {
            let phrases = self.whole_words.get(h);
            if !phrases.is_empty() {
                self.check(phrases, rest, start, &mut found);
            }
        }
        word
    }

    /// Calls `found(id, end)` for each of `phrases` that `rest` (the text from
    /// `start` on) starts with. Kept out of line: most words have nothing to check.
    #[inline(never)]
    fn check(
        &self,
        phrases: &[Candidate],
        rest: &[u8],
        start: usize,
        found: &mut impl FnMut(u32, usize),
    ) {
        let first = head(rest);
        for c in phrases {
            if c.starts(rest, first, &self.bytes, &self.spans) {
                found(c.id, start + c.len as usize);
            }
        }
    }

    /// The longest phrase at `start` that `keep(start, end)` accepts, if any: `(id,
    /// end)`.
    fn longest_at(
        &self,
        text: &[u8],
        start: usize,
        keep: &impl Fn(usize, usize) -> bool,
    ) -> Option<(u32, usize)> {
        let mut best: Option<(u32, usize)> = None;
        self.at(text, start, |id, end| {
            if best.is_none_or(|(_, e)| end > e) && keep(start, end) {
                best = Some((id, end));
            }
        });
        best
    }

    /// Leftmost-longest occurrences `(id, start, end)` in `text`, none overlapping,
    /// starting only at `starts` (ascending): at the first start where a phrase occurs,
    /// the longest one, then on from its end.
    #[cfg(test)]
    pub fn leftmost_longest(
        &self,
        text: &[u8],
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<(u32, usize, usize)> {
        self.leftmost_longest_where(text, starts, |_, _| true)
    }

    /// Leftmost-longest occurrences, as `leftmost_longest` finds them, among those
    /// `keep(start, end)` accepts: where the longest phrase at a start is refused
    /// ("OpenAPI spec" in "OpenAPI specification"), a shorter one there can still be
    /// taken.
    #[cfg(test)]
    pub fn leftmost_longest_where(
        &self,
        text: &[u8],
        starts: impl IntoIterator<Item = usize>,
        keep: impl Fn(usize, usize) -> bool,
    ) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        self.leftmost_longest_into(text, starts, keep, &mut out);
        out
    }

    /// [`Literals::leftmost_longest_where`], into `out` (cleared first).
    pub fn leftmost_longest_into(
        &self,
        text: &[u8],
        starts: impl IntoIterator<Item = usize>,
        keep: impl Fn(usize, usize) -> bool,
        out: &mut Vec<(u32, usize, usize)>,
    ) {
        out.clear();
        let mut from = 0;
        for start in starts {
            if start < from {
                continue;
            }
            if let Some((id, end)) = self.longest_at(text, start, &keep) {
                out.push((id, start, end));
                from = end;
            }
        }
    }

    /// Every occurrence `(id, start, end)` of a phrase in `text` starting at `starts`,
    /// into `out` (cleared first).
    pub fn all_at_into(
        &self,
        text: &[u8],
        starts: impl IntoIterator<Item = usize>,
        out: &mut Vec<(u32, usize, usize)>,
    ) {
        out.clear();
        for start in starts {
            self.at(text, start, |id, end| out.push((id, start, end)));
        }
    }

    /// Every occurrence `(id, start, end)` of a phrase in `text` that does not start
    /// inside a word, in order of start.
    #[cfg(test)]
    pub fn find_all(&self, text: &[u8]) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        self.for_each(text, |id, start, end| out.push((id, start, end)));
        out
    }

    /// Calls `found(id, start, end)` for every occurrence of a phrase in `text` that
    /// does not start inside a word, in order of start.
    pub fn for_each(&self, text: &[u8], mut found: impl FnMut(u32, usize, usize)) {
        let mut start = 0;
        while start < text.len() {
            let first = text[start];
            let mut next = start + 1;
            if self.may_start_with(first) {
                next = start
                    + self
                        .at_start(text, start, |id, end| found(id, start, end))
                        .max(1);
            }
            // No phrase starts inside a word: on past its end.
            if is_word_byte(first) {
                while next < text.len() && is_word_byte(text[next]) {
                    next += 1;
                }
            }
            start = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    #[test]
    fn word_bytes_are_letters_digits_hashes_and_non_ascii() {
        for b in 0..=u8::MAX {
            let want = b.is_ascii_alphanumeric() || b == b'#' || b >= 0x80;
            assert_eq!(is_word_byte(b), want, "{b}");
        }
    }

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
    fn whole_words_are_never_found_inside_a_longer_word() {
        let phrases = ["crash", "crash", "went", "bug", "root cause", "c", "c++"];
        let whole = [true, false, true, true, true, true, false];
        let index =
            Literals::with_whole_words(phrases.iter().zip(whole).map(|(p, w)| (p.as_bytes(), w)));
        let text = "crashed, crash; went wentworth bugs bug root causes c c++ c#";
        let mut found = index.find_all(text.as_bytes());
        found.sort_unstable();
        // Everything the automaton finds, less the matches of a whole-word phrase
        // that a word byte follows.
        let expected: Vec<(u32, usize, usize)> = automaton(&phrases, text)
            .into_iter()
            .filter(|&(id, _, end)| {
                let one_word = phrases[id as usize].bytes().all(is_word_byte);
                !(whole[id as usize]
                    && one_word
                    && text.as_bytes().get(end).is_some_and(|&b| is_word_byte(b)))
            })
            .collect();
        assert_eq!(found, expected);
        assert!(
            found.contains(&(1, 0, 5)),
            "a prefix phrase inside `crashed`"
        );
        assert!(!found.contains(&(0, 0, 5)), "a whole word inside `crashed`");
        assert!(
            found.contains(&(4, 40, 50)),
            "several words are found as before"
        );
    }

    #[test]
    fn finds_what_an_automaton_finds_in_awkward_text() {
        let long = "x".repeat(300);
        let phrases = [
            "cra", "crash", "crashing", "cr", "caf", "café", "naïve", "co-", "co-work", "# bugs",
            "#", "'s", "couldn't", "xxxx", "xxx", "x y", "with the", "with a", "with",
        ];
        let texts = [
            "",
            "'",
            "crash crashing crashed cra cr c craft",
            "café-bar naïve cafés ca’t couldn't co-worker's",
            "# bugs, #,# 1,200 with the team with a bug withal",
            &format!("{long} y {long}"),
            "x y xx y xxx y",
        ];
        for text in texts {
            assert_eq!(index(&phrases, text), automaton(&phrases, text), "{text:?}");
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
    fn a_refused_longest_phrase_leaves_the_shorter_one() {
        let phrases = ["openapi", "openapi spec", "spec"];
        let text = b"openapi specification; openapi spec";
        let starts = [0, 8, 23, 31];
        let index = Literals::new(phrases.iter().map(|p| p.as_bytes()));
        let bounded = |s: usize, e: usize| {
            let word = |i: usize| text.get(i).is_some_and(|&b| is_word_byte(b));
            !(word(e) || s > 0 && word(s - 1))
        };
        assert_eq!(
            index.leftmost_longest_where(text, starts, bounded),
            vec![(0, 0, 7), (1, 23, 35)]
        );
        assert_eq!(
            index.leftmost_longest(text, starts),
            vec![(1, 0, 12), (1, 23, 35)]
        );
    }

    #[test]
    fn a_candidate_starts_a_text_exactly_when_the_phrase_does() {
        let phrases: Vec<Vec<u8>> = (1..=20)
            .flat_map(|len| {
                let plain: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                // The same bytes but the first, the last, or one in the middle.
                let mut edits = vec![plain.clone()];
                for at in [0, len / 2, len - 1] {
                    let mut edited = plain.clone();
                    edited[at] = b'#';
                    edits.push(edited);
                }
                edits
            })
            .collect();
        let spans: Vec<(usize, usize)> = phrases
            .iter()
            .scan(0, |from, p| {
                let span = (*from, p.len());
                *from += p.len();
                Some(span)
            })
            .collect();
        let bytes = phrases.concat();
        let alphabet: Vec<u8> = (0..24).map(|i| b'a' + (i % 26) as u8).collect();
        for text_len in 0..=24 {
            for cut in [0, 1, 3] {
                let rest = &alphabet[cut.min(text_len)..text_len];
                for (id, phrase) in phrases.iter().enumerate() {
                    let c = Candidate::of(id as u32, phrase);
                    assert_eq!(
                        c.starts(rest, head(rest), &bytes, &spans),
                        rest.starts_with(phrase),
                        "{:?} in {:?}",
                        String::from_utf8_lossy(phrase),
                        String::from_utf8_lossy(rest)
                    );
                }
            }
        }
    }

    #[test]
    fn finds_phrases_of_one_word_at_every_length() {
        // Lengths 32 apart share a bit of the lengths looked up; words run on past
        // the longest phrase; phrases share their first bytes.
        let long =
            |n: usize| -> String { (0..n).map(|i| (b'a' + (i % 7) as u8) as char).collect() };
        let phrases: Vec<String> = [1, 2, 3, 4, 5, 8, 9, 31, 32, 33, 34, 63, 64, 65, 66, 129]
            .into_iter()
            .map(long)
            .chain(["ab#", "abd", "abcx", "b", "bab"].map(String::from))
            .collect();
        let refs: Vec<&str> = phrases.iter().map(String::as_str).collect();
        let texts = [
            long(200),
            format!("{} {} x{}", long(64), long(66), long(70)),
            "a ab abc abcd ab# abd abcx b ba bab babe".to_string(),
            format!("{}# {}", long(65), long(9)),
        ];
        for text in &texts {
            assert_eq!(index(&refs, text), automaton(&refs, text), "{text:?}");
        }
    }

    #[test]
    fn never_finds_an_empty_phrase() {
        assert_eq!(index(&["", "x"], "x y"), vec![(1, 0, 1)]);
    }
}
