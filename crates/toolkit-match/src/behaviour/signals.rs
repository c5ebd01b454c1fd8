//! Signals: classes that are properties of a sentence rather than words of it.
//!
//! A credential is often written as nothing but its name and a date ("ITIL 4
//! Foundation, 2022", "OSHA 30-Hour card"), in a section about education: no word of
//! study in it, and a name no word list can hold. What such lines share is their
//! shape and their place, so a class may stand for one of these instead of words:
//! the kind of section the sentence stands in, a word written in capitals, a year.
//! The models weigh them like any other class; their weights are learned.

use toolkit_document::SectionKind;
use toolkit_profile::{Behaviour, signal_section};

use super::lexicon::{CueHit, Normalised};

/// What a signal class stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    /// The sentence stands in a section of this kind.
    Section(SectionKind),
    /// A word of two or more capitals and no lower-case letter but a plural `s`.
    Acronym,
    /// A year from 1950 to 2099, written alone.
    Year,
}

/// The signal classes of the word classes, by class index.
#[derive(Debug)]
pub(crate) struct Signals {
    classes: Vec<(u16, Signal)>,
}

/// Where a section hit "is": it has no place in the sentence, so it is never quoted
/// and never at the same place as a word.
const NOWHERE: usize = usize::MAX;

impl Signals {
    /// The signal classes of `behaviour` (validated: every signal is known).
    pub fn new(behaviour: &Behaviour) -> Signals {
        let mut classes = Vec::new();
        for (i, class) in behaviour.classes.values().enumerate() {
            let Some(signal) = class.signal.as_deref() else {
                continue;
            };
            let parsed = match (signal, signal_section(signal)) {
                (_, Some(kind)) => crate::compile::section_kind(kind).map(Signal::Section),
                ("acronym", _) => Some(Signal::Acronym),
                ("year", _) => Some(Signal::Year),
                _ => None,
            };
            if let (Some(s), Ok(index)) = (parsed, u16::try_from(i)) {
                classes.push((index, s));
            }
        }
        Signals { classes }
    }

    /// The signals of `sentence` (prepared as `norm`) in a section of `kind`: hits at
    /// words (capitals, years; in order of position) and hits of the section, which
    /// have no place. A word in capitals inside one of the `named` byte ranges (a
    /// profile term: "SQL", "AWS") is a technology, not an acronym of this kind.
    #[cfg(test)]
    pub fn find(
        &self,
        sentence: &str,
        norm: &Normalised,
        kind: SectionKind,
        named: &[(usize, usize)],
    ) -> (Vec<CueHit>, Vec<CueHit>) {
        let (mut at_words, mut placed) = (Vec::new(), Vec::new());
        self.find_into(sentence, norm, kind, named, &mut at_words, &mut placed);
        (at_words, placed)
    }

    /// [`Signals::find`], into `at_words` and `placed` (cleared first).
    pub fn find_into(
        &self,
        sentence: &str,
        norm: &Normalised,
        kind: SectionKind,
        named: &[(usize, usize)],
        at_words: &mut Vec<CueHit>,
        placed: &mut Vec<CueHit>,
    ) {
        at_words.clear();
        placed.clear();
        if self.classes.is_empty() {
            return;
        }
        for &(class, signal) in &self.classes {
            if signal == Signal::Section(kind) {
                placed.push(CueHit {
                    class,
                    start: NOWHERE,
                    end: NOWHERE,
                    word: u32::MAX,
                });
            }
        }
        let wanted = |s: Signal| self.classes.iter().filter(move |(_, x)| *x == s);
        let bytes = sentence.as_bytes();
        for (word, &(start, end)) in norm.words().iter().enumerate() {
            // Most words start with a lower-case letter, or with a capital and then
            // one ("Built"), or are one byte long: neither capitals nor a year (see
            // [`may_be_signal`]).
            if !may_be_signal(&bytes[start..end]) {
                continue;
            }
            let token = &sentence[start..end];
            let is_named = named.iter().any(|&(s, e)| start < e && s < end);
            let signal = if is_acronym(token) && !is_named {
                Signal::Acronym
            } else if is_year(token) {
                Signal::Year
            } else {
                continue;
            };
            for &(class, _) in wanted(signal) {
                at_words.push(CueHit {
                    class,
                    start,
                    end,
                    word: u32::try_from(word).unwrap_or(u32::MAX),
                });
            }
        }
    }
}

/// Whether a word may be in capitals ([`is_acronym`]) or a year ([`is_year`]), by its
/// first two bytes: not when it is shorter than two bytes, nor when either of them is a
/// lower-case letter (a plural `s` only ever follows two capitals or more).
fn may_be_signal(word: &[u8]) -> bool {
    match word {
        [first, second, ..] => !(first.is_ascii_lowercase() || second.is_ascii_lowercase()),
        _ => false,
    }
}

fn is_acronym(token: &str) -> bool {
    let core = token.strip_suffix('s').unwrap_or(token);
    token.len() <= 12
        && core.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !core.chars().any(char::is_lowercase)
}

fn is_year(token: &str) -> bool {
    token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
        && token
            .parse::<u16>()
            .is_ok_and(|y| (1950..=2099).contains(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals() -> Signals {
        let b = Behaviour::parse(
            "[class.caps]\nrole = \"credential\"\nsignal = \"acronym\"\n\
             [class.dated]\nsignal = \"year\"\n\
             [class.ed]\nsignal = \"section:education\"\n\
             [class.w]\nwords = [\"passed\"]\n",
        )
        .unwrap();
        Signals::new(&b)
    }

    #[test]
    fn words_passed_over_are_neither_capitals_nor_years() {
        let words = [
            "", "a", "A", "I", "Is", "As", "AS", "ASs", "Ab", "aB", "AB", "ABs", "ABc", "Built",
            "BUILT", "BSc", "BSc's", "PRs", "iOS", "x2024", "2024", "1949", "20s", "É", "ÉCOLE",
            "Éa", "4G", "Q1", "AZ", "O'Reilly", "IT's",
        ];
        for word in words {
            if !may_be_signal(word.as_bytes()) {
                assert!(!is_acronym(word) && !is_year(word), "{word:?}");
            }
        }
    }

    #[test]
    fn capitals_years_and_the_section() {
        let s = signals();
        let sentence = "Passed ITIL 4 Foundation and AZ-900 (2023); PRs to the BSc's O'Reilly API";
        let norm = Normalised::new(sentence);
        let (at_words, placed) = s.find(sentence, &norm, SectionKind::Education, &[]);
        let found: Vec<(u16, &str, u32)> = at_words
            .iter()
            .map(|h| (h.class, &sentence[h.start..h.end], h.word))
            .collect();
        // Classes are indexed in name order: caps 0, dated 1, ed 2, w 3.
        assert_eq!(
            found,
            [
                (0, "ITIL", 1),
                (0, "AZ", 5),
                (1, "2023", 7),
                (0, "PRs", 8),
                (0, "API", 13),
            ]
        );
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].class, 2);
        let (_, placed) = s.find(sentence, &norm, SectionKind::Experience, &[]);
        assert!(placed.is_empty());
        // "API" written as a profile term is a technology.
        let api = sentence.find("API").unwrap();
        let (at_words, _) = s.find(sentence, &norm, SectionKind::Education, &[(api, api + 3)]);
        assert_eq!(
            at_words.last().map(|h| h.start),
            Some(sentence.find("PRs").unwrap())
        );
    }
}
