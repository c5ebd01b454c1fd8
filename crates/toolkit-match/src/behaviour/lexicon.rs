//! Finding the words of the behaviour word classes in a sentence.
//!
//! Every class entry goes into one index of phrases ([`Literals`]), searched in a
//! normalised copy of the lower-cased sentence, in which each number is written `#`
//! and typographic apostrophes are plain. An entry matches at word boundaries; a
//! trailing `*` lets it run on to the end of the word. Offsets are mapped back to the
//! original text, so a hit can be quoted.

use toolkit_profile::Behaviour;
use toolkit_profile::Pick;

use super::signals::Signals;
use crate::literals::{Literals, is_word_byte};

/// One word or phrase of a class found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueHit {
    pub class: u16,
    /// Byte range in the original sentence.
    pub start: usize,
    pub end: usize,
    /// Index of the word the hit starts at.
    pub word: u32,
}

#[derive(Debug)]
struct Entry {
    class: u16,
    /// Runs on to the end of the word ("crash*").
    prefix: bool,
}

/// The index of every class entry.
#[derive(Debug)]
pub(crate) struct Lexicon {
    phrases: Literals,
    entries: Vec<Entry>,
    /// Class names, by class index.
    pub names: Vec<String>,
    /// Class roles ("symptom", "clue"; empty when never quoted), by class index.
    pub roles: Vec<String>,
    /// Which of its words each class quotes, by class index.
    pub picks: Vec<Pick>,
    /// The classes that stand for a property of the sentence instead of words.
    pub signals: Signals,
}

/// A sentence prepared for cue search: the normalised text and where its characters
/// are in the original. One is refilled sentence after sentence, so its buffers are
/// allocated once, not once a sentence.
#[derive(Default, Debug)]
pub(crate) struct Normalised {
    text: String,
    /// After each character the normalised text writes shorter than the original has
    /// it (a number of two digits or more, a curly apostrophe): the offset there in the
    /// normalised text and in the original. Elsewhere the two advance together (no
    /// character is written longer), so these are all it takes to find a character's
    /// offset in the original (see [`Normalised::origin`]); most sentences have none.
    shifts: Vec<(usize, usize)>,
    /// Start offsets (in `text`) of its words.
    word_starts: Vec<usize>,
    /// Byte ranges of the same words in the original sentence.
    spans: Vec<(usize, usize)>,
    /// Whether a number among them is written with a comma or a point ("1,200").
    marked_numbers: bool,
}

impl Lexicon {
    pub fn new(behaviour: &Behaviour) -> Result<Lexicon, String> {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        let mut names = Vec::new();
        let mut roles = Vec::new();
        let mut picks = Vec::new();
        for (i, (name, class)) in behaviour.classes.iter().enumerate() {
            // Models keep the classes present in a sentence as bits of a u128.
            let class_index = u16::try_from(i)
                .ok()
                .filter(|&c| c < 128)
                .ok_or_else(|| "more than 128 word classes".to_string())?;
            names.push(name.clone());
            roles.push(class.role.clone());
            picks.push(class.pick);
            for word in &class.words {
                let prefix = word.ends_with('*');
                patterns.push(word.trim_end_matches('*').to_string());
                entries.push(Entry {
                    class: class_index,
                    prefix,
                });
            }
        }
        Ok(Lexicon {
            // A word without `*` is only ever wanted whole.
            phrases: Literals::with_whole_words(
                patterns
                    .iter()
                    .zip(&entries)
                    .map(|(p, e)| (p.as_bytes(), !e.prefix)),
            ),
            entries,
            names,
            roles,
            picks,
            signals: Signals::new(behaviour),
        })
    }

    /// The index of the class with this name.
    pub fn class(&self, name: &str) -> Option<u16> {
        self.names
            .iter()
            .position(|n| n == name)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// Every class word in `sentence`, in order of position.
    #[cfg(test)]
    pub fn find(&self, norm: &Normalised) -> Vec<CueHit> {
        let mut hits = Vec::new();
        self.find_into(norm, &mut hits);
        hits
    }

    /// Every class word in `sentence`, in order of position, in place of what `hits`
    /// held.
    pub fn find_into(&self, norm: &Normalised, hits: &mut Vec<CueHit>) {
        let text = norm.text.as_bytes();
        hits.clear();
        // Phrases are found in order of start, so the word a hit starts at is found by
        // walking on from the last one rather than by a search each time.
        let mut word = WordCursor::default();
        self.phrases.for_each(text, |id, start, mut end| {
            let entry = &self.entries[id as usize];
            if entry.prefix {
                while end < text.len() && text[end].is_ascii_alphabetic() {
                    end += 1;
                }
            } else if end < text.len() && is_word_byte(text[end]) && is_word_byte(text[end - 1]) {
                return;
            }
            hits.push(CueHit {
                class: entry.class,
                start: norm.origin(start),
                end: norm.origin(end),
                word: word.at(&norm.word_starts, start),
            });
        });
        hits.sort_by_key(|h| (h.start, h.class, h.end));
        hits.dedup_by_key(|h| (h.start, h.class));
    }
}

impl Normalised {
    /// Lower-cases ASCII, writes each number as `#` and curly apostrophes as `'`.
    #[cfg(test)]
    pub fn new(sentence: &str) -> Normalised {
        let mut norm = Normalised::default();
        norm.refill(sentence);
        norm
    }

    /// Prepares `sentence` in place of the one before (see [`Normalised::new`]).
    pub fn refill(&mut self, sentence: &str) {
        let bytes = sentence.as_bytes();
        let Normalised {
            text,
            shifts,
            word_starts,
            spans,
            marked_numbers,
        } = self;
        *marked_numbers = false;
        text.clear();
        shifts.clear();
        word_starts.clear();
        spans.clear();
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let start_len = text.len();
            // Most of a sentence: runs of ASCII bytes other than digits, each
            // lower-cased, as long as in the original. A run is copied at once, once
            // its words are noted: its runs of letters (it has no digits), each noted
            // once, as `track_word` notes them letter by letter.
            let mut k = i;
            while let Some(&b) = bytes.get(k) {
                match ASCII_KINDS[usize::from(b)] {
                    AsciiKind::Letter => {
                        let from = k;
                        k += 1;
                        k += bytes[k..]
                            .iter()
                            .position(|&b| ASCII_KINDS[usize::from(b)] != AsciiKind::Letter)
                            .unwrap_or(bytes.len() - k);
                        prev_word = track_word(
                            word_starts,
                            spans,
                            prev_word,
                            true,
                            false,
                            start_len + (from - i),
                            from..k,
                        );
                    }
                    // Of no word: as `track_word` notes it, an apostrophe goes on with
                    // the word before it ("team's").
                    AsciiKind::Other => {
                        prev_word = prev_word && b == b'\'';
                        k += 1;
                    }
                    AsciiKind::Neither => break,
                }
            }
            if k > i {
                text.push_str(&sentence[i..k]);
                text[start_len..].make_ascii_lowercase();
                i = k;
                continue;
            }
            let (c, end) = push_normalised(sentence, i, text, marked_numbers);
            // `origin` relies on this: a character is never written longer.
            debug_assert!(text.len() - start_len <= end - i);
            if text.len() - start_len < end - i {
                shifts.push((text.len(), end));
            }
            let word = c.is_alphanumeric();
            prev_word = track_word(
                word_starts,
                spans,
                prev_word,
                word,
                c == '\'',
                start_len,
                i..end,
            );
            i = end;
        }
    }

    /// The words of the original sentence, as byte ranges, in order (their index is
    /// the word index of a hit).
    pub fn words(&self) -> &[(usize, usize)] {
        &self.spans
    }

    /// Whether a word of [`Normalised::words`] is a number written with a comma or a
    /// point ("1,200", "3.5"): the only word that holds characters other than letters,
    /// digits and apostrophes.
    pub fn has_marked_numbers(&self) -> bool {
        self.marked_numbers
    }

    /// The offset in the original sentence of the character at normalised byte `at`,
    /// or of its end when `at` is the length of the text (a number written `#` spans
    /// all its digits in the original). `at` is where a character starts: a byte inside
    /// one has no offset of its own.
    fn origin(&self, at: usize) -> usize {
        let after = self.shifts.partition_point(|&(norm, _)| norm <= at);
        match after.checked_sub(1) {
            Some(last) => {
                let (norm, original) = self.shifts[last];
                original + (at - norm)
            }
            None => at,
        }
    }

    /// The index of the word holding normalised byte `offset`.
    #[cfg(test)]
    fn word_at(&self, offset: usize) -> u32 {
        let i = self.word_starts.partition_point(|&s| s <= offset);
        u32::try_from(i.saturating_sub(1)).unwrap_or(u32::MAX)
    }
}

/// Writes the character of `sentence` at `i` into `text` as a normalised sentence has
/// it (a number, however long, as `#`; a curly apostrophe as `'`; ASCII lower-cased),
/// noting in `marked_numbers` a number written with a comma or a point. Returns the
/// character and where what it stood for ends in `sentence`.
fn push_normalised(
    sentence: &str,
    i: usize,
    text: &mut String,
    marked_numbers: &mut bool,
) -> (char, usize) {
    let bytes = sentence.as_bytes();
    let c = sentence[i..].chars().next().unwrap_or(' ');
    let mut end = i + c.len_utf8();
    if c.is_ascii_digit() {
        // 1,200 and 3.5 and 2024 are one number.
        while end < bytes.len() {
            if matches!(bytes[end], b',' | b'.')
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                *marked_numbers = true;
            } else if !bytes[end].is_ascii_digit() {
                break;
            }
            end += 1;
        }
        text.push('#');
    } else if c == '\u{2019}' || c == '\u{2018}' {
        text.push('\'');
    } else {
        text.push(c.to_ascii_lowercase());
    }
    (c, end)
}

/// The index of the word holding a normalised offset, as [`Normalised::word_at`]
/// gives it, for offsets asked in ascending order.
#[derive(Default)]
struct WordCursor {
    /// How many word starts are at or before the offset asked last.
    passed: usize,
}

impl WordCursor {
    fn at(&mut self, word_starts: &[usize], offset: usize) -> u32 {
        while word_starts.get(self.passed).is_some_and(|&s| s <= offset) {
            self.passed += 1;
        }
        u32::try_from(self.passed.saturating_sub(1)).unwrap_or(u32::MAX)
    }
}

/// What [`Normalised::refill`] makes of a byte of a sentence at once.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiKind {
    /// An ASCII letter, copied lower-cased.
    Letter,
    /// Any other ASCII byte but a digit, copied as it is, of no word.
    Other,
    /// A digit or a byte of a non-ASCII character, normalised one character at a time.
    Neither,
}

/// The [`AsciiKind`] of each byte, looked up rather than worked out: it is asked of
/// nearly every byte of every sentence.
static ASCII_KINDS: [AsciiKind; 256] = {
    let mut table = [AsciiKind::Neither; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphabetic() {
            table[b] = AsciiKind::Letter;
        } else if !byte.is_ascii_digit() {
            table[b] = AsciiKind::Other;
        }
        b += 1;
    }
    table
};

/// Notes a character of the original sentence at `span` (normalised at `at`): a word
/// character starts a word after a non-word one, or extends the word. Returns whether
/// the next character follows a word (an apostrophe inside one does: "team's").
#[inline]
fn track_word(
    word_starts: &mut Vec<usize>,
    spans: &mut Vec<(usize, usize)>,
    prev_word: bool,
    word: bool,
    apostrophe: bool,
    at: usize,
    span: std::ops::Range<usize>,
) -> bool {
    if word && !prev_word {
        word_starts.push(at);
        spans.push((span.start, span.end));
    } else if let (true, Some(last)) = (word, spans.last_mut()) {
        last.1 = span.end;
    }
    word || (prev_word && apostrophe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(src: &str) -> Lexicon {
        let b = Behaviour::parse(src).unwrap();
        Lexicon::new(&b).unwrap()
    }

    #[test]
    fn words_prefixes_and_numbers() {
        let lx = lexicon(
            "[class.s]\nwords = [\"crash*\", \"kept\", \"# bugs\", \"double-*\"]\n[class.c]\nwords = [\"fixed\", \"fix\"]\n",
        );
        let sentence = "The app Kept crashing; fixed 1,200 bugs and a double-booked room, unfixed.";
        let norm = Normalised::new(sentence);
        let hits = lx.find(&norm);
        let quoted: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| {
                (
                    lx.names[h.class as usize].as_str(),
                    &sentence[h.start..h.end],
                )
            })
            .collect();
        assert_eq!(
            quoted,
            [
                ("s", "Kept"),
                ("s", "crashing"),
                ("c", "fixed"),
                ("s", "1,200 bugs"),
                ("s", "double-booked"),
            ]
        );
        assert_eq!(hits[0].word, 2);
        assert_eq!(hits[3].word, 5);
    }

    #[test]
    fn the_word_cursor_finds_the_word_a_search_finds() {
        for sentence in [
            "",
            " ",
            "a",
            "Łukasz’s team couldn’t log in — twice, 1,200 times",
            "  double-booked rooms; it's a co-worker's on-call rota  ",
            &"x".repeat(300),
            "é'é ’ 3.5 #tag",
        ] {
            let norm = Normalised::new(sentence);
            let mut cursor = WordCursor::default();
            for offset in 0..=norm.text.len() + 1 {
                assert_eq!(
                    cursor.at(&norm.word_starts, offset),
                    norm.word_at(offset),
                    "{sentence:?} at {offset}"
                );
                // The same offset asked again gives the same word.
                assert_eq!(cursor.at(&norm.word_starts, offset), norm.word_at(offset));
            }
        }
    }

    /// What [`Normalised::refill`] makes of `sentence`, worked out a character at a
    /// time: text, origins, word starts, word spans, marked numbers.
    #[allow(clippy::type_complexity)]
    fn normalised_by_character(
        sentence: &str,
    ) -> (String, Vec<usize>, Vec<usize>, Vec<(usize, usize)>, bool) {
        let bytes = sentence.as_bytes();
        let (mut text, mut origin, mut word_starts, mut spans) =
            (String::new(), Vec::new(), Vec::new(), Vec::new());
        let mut marked = false;
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let start_len = text.len();
            let (c, end) = push_normalised(sentence, i, &mut text, &mut marked);
            origin.extend(std::iter::repeat_n(i, text.len() - start_len));
            prev_word = track_word(
                &mut word_starts,
                &mut spans,
                prev_word,
                c.is_alphanumeric(),
                c == '\'',
                start_len,
                i..end,
            );
            i = end;
        }
        origin.push(sentence.len());
        (text, origin, word_starts, spans, marked)
    }

    #[test]
    fn runs_copied_at_once_are_normalised_as_characters_are() {
        let long = format!("A{}z ok", "b".repeat(300));
        let mut norm = Normalised::default();
        for sentence in [
            "",
            " ",
            "'",
            "a",
            "Z",
            "The app Kept crashing; fixed 1,200 bugs and a double-booked room, unfixed.",
            "Łukasz’s team couldn’t log in — twice, 1,200 times (3.5%) in 2024.",
            "  double-booked rooms; it's a co-worker's on-call rota  ",
            "é'é ’ 3.5 #tag naïve café-bar ‘quoted’ x'",
            "1,2,3 12. .5 a1b2 O'Reilly's 'tis",
            &long,
        ] {
            norm.refill(sentence);
            let (text, origin, word_starts, spans, marked) = normalised_by_character(sentence);
            assert_eq!(norm.text, text, "{sentence:?}");
            // Every character, and the end, is where it is found a character at a time.
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(norm.origin(at), origin[at], "{sentence:?} at {at}");
            }
            assert_eq!(norm.word_starts, word_starts, "{sentence:?}");
            assert_eq!(norm.spans, spans, "{sentence:?}");
            assert_eq!(norm.marked_numbers, marked, "{sentence:?}");
        }
    }

    #[test]
    fn curly_apostrophes_and_non_ascii_text() {
        let lx = lexicon("[class.n]\nwords = [\"couldn't\"]\n");
        let sentence = "Łukasz’s team couldn’t log in";
        let hits = lx.find(&Normalised::new(sentence));
        assert_eq!(hits.len(), 1);
        assert_eq!(&sentence[hits[0].start..hits[0].end], "couldn’t");
    }
}
