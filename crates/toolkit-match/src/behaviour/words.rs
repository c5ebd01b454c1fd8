//! Word stems of a sentence, for the models' word features.
//!
//! A light suffix stripper, the same at training and at matching time: lower-case
//! ASCII words lose a plural, past or progressive ending and a final vowel, and a
//! doubled consonant left by that is halved ("tripped", "trips" → "trip";
//! "logging", "logs" → "log"; "studies", "studying" → "stud"). Numbers are `#`.
//! Each stem, and each pair of neighbouring stems (`a_b`), is known by its FNV-1a
//! hash, which is how the learned weights are looked up; the text is kept only when
//! asked for (to fit the models).

use toolkit_profile::weights::{fnv1a, fnv1a_continue, word_row_index};

use super::lexicon::Normalised;
use crate::memo::{WordMemo, key_of_bytes};

/// The stems of the words met before ([`WordMemo`]): a sentence's words are mostly
/// words met before, which are looked up rather than stemmed.
#[derive(Default, Debug)]
pub(crate) struct StemCache {
    memo: WordMemo<PackedStem>,
    /// Room for stemming a word.
    word: Vec<u8>,
    /// Room for a sentence's pairs of stems, before they join its stems.
    pairs: Vec<Stem>,
    /// Room for the words of a sentence whose numbers keep commas or points.
    words: Vec<(usize, usize)>,
}

/// A stem of up to 15 bytes (that of an ASCII word of up to 15 bytes), its hash, and
/// the index of its row of weights: looked up with the stem rather than again for
/// every sentence.
#[derive(Clone, Copy, Default, Debug)]
struct PackedStem {
    hash: u64,
    row: Option<u32>,
    bytes: [u8; 15],
    len: u8,
}

/// The high bit of each byte of a word in its memo key (see [`crate::memo::key`]): none is set in
/// the key of an ASCII word.
const NOT_ASCII: u128 = 0x0080_8080_8080_8080_8080_8080_8080_8080;

impl StemCache {
    /// The hash of the stem of the word at `start..end` of `sentence`, the index of its
    /// row of weights, and the stem.
    fn stem_of(&mut self, sentence: &str, start: usize, end: usize) -> (u64, Option<u32>, &[u8]) {
        // A key is read from the memo where it is kept, not copied out; the word is
        // taken as text (which checks its bounds are those of characters) only to be
        // stemmed.
        let bytes = &sentence.as_bytes()[start..end];
        if let Some(key) = key_of_bytes(bytes).filter(|&key| key & NOT_ASCII == 0) {
            let buf = &mut self.word;
            let packed = self.memo.get_by_key_or(key, || {
                // No longer than the word.
                let stem = stem_into(&sentence[start..end], buf);
                let mut bytes = [0; 15];
                bytes[..stem.len()].copy_from_slice(stem);
                let hash = fnv1a(stem);
                PackedStem {
                    hash,
                    row: word_row_index(hash),
                    bytes,
                    len: stem.len() as u8,
                }
            });
            return (
                packed.hash,
                packed.row,
                &packed.bytes[..usize::from(packed.len)],
            );
        }
        let stem = stem_into(&sentence[start..end], &mut self.word);
        let hash = fnv1a(stem);
        (hash, word_row_index(hash), stem)
    }
}

/// A stem (or a pair of stems) of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stem {
    pub hash: u64,
    /// Where the (first) word starts in the sentence.
    pub start: usize,
    /// Where the (last) word ends.
    pub end: usize,
}

/// The stems of the words of `sentence`, in order, then (with `pairs`) each pair of
/// neighbouring stems; with `keep_text`, their texts too, in the same order.
#[cfg(test)]
pub fn stems(sentence: &str, pairs: bool, keep_text: bool) -> (Vec<Stem>, Vec<String>) {
    let (mut out, mut texts) = (Vec::new(), Vec::new());
    let norm = super::lexicon::Normalised::new(sentence);
    stems_into(
        sentence,
        &norm,
        pairs,
        keep_text.then_some(&mut texts),
        &mut out,
        &mut Vec::new(),
        &mut StemCache::default(),
    );
    (out, texts)
}

/// [`stems`] into `out` (cleared first), the indices of their rows of weights into
/// `rows` (cleared first, in the same order), and their texts into `texts` (cleared
/// first) when it is given, with `cache` for the stems of words met before (and room
/// for the pairs).
pub(crate) fn stems_into(
    sentence: &str,
    norm: &Normalised,
    pairs: bool,
    texts: Option<&mut Vec<String>>,
    out: &mut Vec<Stem>,
    rows: &mut Vec<Option<u32>>,
    cache: &mut StemCache,
) {
    let mut pair_stems = std::mem::take(&mut cache.pairs);
    let mut room = std::mem::take(&mut cache.words);
    let words = words_of(sentence, norm, &mut room);
    out.clear();
    rows.clear();
    pair_stems.clear();
    // The previous word's stem hash and start.
    let mut prev: Option<(u64, usize)> = None;
    for &(s, end) in words {
        let (hash, row, stem) = cache.stem_of(sentence, s, end);
        if pairs {
            if let Some((prev_hash, prev_start)) = prev {
                // The pair's hash: `a_b` continues `a`'s.
                pair_stems.push(Stem {
                    hash: fnv1a_continue(fnv1a_continue(prev_hash, b"_"), stem),
                    start: prev_start,
                    end,
                });
            }
            prev = Some((hash, s));
        }
        out.push(Stem {
            hash,
            start: s,
            end,
        });
        rows.push(row);
    }
    rows.extend(pair_stems.iter().map(|p| word_row_index(p.hash)));
    out.append(&mut pair_stems);
    cache.pairs = pair_stems;
    if let Some(texts) = texts {
        texts_into(sentence, words, pairs, texts, &mut cache.word);
    }
    cache.words = room;
}

/// The texts of the stems that [`stems_into`] finds in `sentence` (whose `words` it
/// found), in the same order, into `texts` (cleared first), with `buf` as room for
/// stemming: asked for only to fit the models, so the words are stemmed again rather
/// than their texts kept as they are met.
fn texts_into(
    sentence: &str,
    words: &[(usize, usize)],
    pairs: bool,
    texts: &mut Vec<String>,
    buf: &mut Vec<u8>,
) {
    texts.clear();
    for &(s, end) in words {
        texts.push(text_of(stem_into(&sentence[s..end], buf)));
    }
    if pairs {
        for second in 1..texts.len() {
            let pair = format!("{}_{}", texts[second - 1], texts[second]);
            texts.push(pair);
        }
    }
}

/// The start and end of each word of `sentence`, in order: those `norm` found, or when
/// they are to be split, those written into `room` (cleared first).
///
/// A word is a run of letters and digits and the apostrophes inside it ("team's"). The
/// words of the sentence as `norm` found them are these, but that a number there keeps
/// its commas and points ("1,200"): split at them, they are the words, and the sentence
/// is not read byte by byte a second time.
fn words_of<'a>(
    sentence: &str,
    norm: &'a Normalised,
    room: &'a mut Vec<(usize, usize)>,
) -> &'a [(usize, usize)] {
    if !norm.has_marked_numbers() {
        return norm.words();
    }
    room.clear();
    for &(start, end) in norm.words() {
        let mut s = start;
        for piece in sentence.as_bytes()[start..end].split(|&b| matches!(b, b',' | b'.')) {
            room.push((s, s + piece.len()));
            s += piece.len() + 1;
        }
    }
    room
}

/// The stem of one word.
#[cfg(test)]
fn stem(word: &str) -> String {
    let mut buf = Vec::new();
    text_of(stem_into(word, &mut buf))
}

/// A stem's text (its bytes are those of lower-cased characters).
fn text_of(stem: &[u8]) -> String {
    String::from_utf8_lossy(stem).into_owned()
}

/// Writes the lower-cased word into `buf` and returns its stem, a prefix of it. (Not
/// part of the loop over a sentence's words, which mostly finds their stems
/// remembered.)
#[inline(never)]
fn stem_into<'b>(word: &str, buf: &'b mut Vec<u8>) -> &'b [u8] {
    buf.clear();
    if !word.is_ascii() {
        for c in word.chars().flat_map(char::to_lowercase) {
            buf.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        return buf;
    }
    // One pass over the word (ASCII letters, digits and apostrophes): lower-cased,
    // and whether it is all digits, all letters or has an apostrophe.
    buf.extend_from_slice(word.as_bytes());
    let (mut digits, mut letters, mut apostrophe) = (true, true, false);
    for b in buf.iter_mut() {
        digits &= b.is_ascii_digit();
        letters &= b.is_ascii_alphabetic() || *b == b'\'';
        apostrophe |= *b == b'\'';
        b.make_ascii_lowercase();
    }
    if digits {
        buf.clear();
        buf.push(b'#');
        return buf;
    }
    if apostrophe {
        buf.retain(|&b| b != b'\'');
    }
    // "it's" → "it", "team's" → "team".
    if word.len() > 2 && word.ends_with("'s") {
        buf.truncate(buf.len() - 1);
    }
    if !letters {
        return buf;
    }
    let mut len = buf.len();
    let mut stripped = false;
    for (suffix, min) in [
        (&b"ing"[..], 6),
        (b"ed", 5),
        (b"es", 5),
        (b"ly", 5),
        (b"s", 4),
    ] {
        let s = &buf[..len];
        if s.len() >= min && s.ends_with(suffix) && !(suffix == b"s" && s.ends_with(b"ss")) {
            len -= suffix.len();
            stripped = true;
            break;
        }
    }
    if len > 3 && matches!(buf[len - 1], b'e' | b'y' | b'i') {
        len -= 1;
    }
    if stripped
        && len > 3
        && buf[len - 1] == buf[len - 2]
        && !matches!(buf[len - 1], b'l' | b's' | b'a' | b'e' | b'i' | b'o' | b'u')
    {
        len -= 1;
    }
    &buf[..len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use toolkit_profile::weights::fnv1a;

    #[test]
    fn forms_of_a_word_share_a_stem() {
        for group in [
            &["trip", "trips", "tripped", "tripping"][..],
            &["log", "logs", "logged", "logging"],
            &["crash", "crashes", "crashed", "crashing"],
            &["trace", "traced", "traces", "tracing"],
            &["mentor", "mentors", "mentored", "mentoring"],
            &["studies", "studied", "study"],
            &["pass", "passed", "passes", "passing"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?}: {stems:?}");
        }
        assert_eq!(stem("2024"), "#");
        assert_eq!(stem("Łukasz"), "łukasz");
        assert_eq!(stem("team's"), "team");
    }

    #[test]
    fn remembered_stems_are_the_stems() {
        let mut cache = StemCache::default();
        let words = [
            "Tripped",
            "café",
            "Łukasz",
            "naïve",
            "team's",
            "2024",
            "crashing",
            "internationalisation",
            "ÉCOLE",
            "tripped",
            "Café",
        ];
        // Twice: stemmed, then remembered.
        for word in words.iter().chain(&words) {
            let (hash, row, got) = cache.stem_of(word, 0, word.len());
            let want = stem(word);
            assert_eq!(got, want.as_bytes(), "{word}");
            assert_eq!(hash, fnv1a(want.as_bytes()), "{word}");
            assert_eq!(row, word_row_index(hash), "{word}");
        }
    }

    #[test]
    fn words_and_pairs_keep_their_offsets_and_hashes() {
        let (s, texts) = stems("Kept crashing; it's 40% off", true, true);
        let sentence = "Kept crashing; it's 40% off";
        assert_eq!(s.len(), texts.len());
        let got: Vec<(&str, &str)> = s
            .iter()
            .zip(&texts)
            .map(|(x, text)| (text.as_str(), &sentence[x.start..x.end]))
            .collect();
        assert_eq!(
            got,
            [
                ("kept", "Kept"),
                ("crash", "crashing"),
                ("it", "it's"),
                ("#", "40"),
                ("off", "off"),
                ("kept_crash", "Kept crashing"),
                ("crash_it", "crashing; it's"),
                ("it_#", "it's 40"),
                ("#_off", "40% off"),
            ]
        );
        for (x, text) in s.iter().zip(&texts) {
            assert_eq!(x.hash, fnv1a(text.as_bytes()));
        }
        let (s, texts) = stems("Kept crashing", true, false);
        assert_eq!(s.len(), 3);
        assert!(texts.is_empty());
    }
}
