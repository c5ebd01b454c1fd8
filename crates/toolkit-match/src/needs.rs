//! The literals a pattern's every match starts with and those it ends with: a text that
//! holds none of either list cannot match, which is cheaper to find out than searching
//! it (or than building the pattern's automata at all).

use memchr::memmem::Finder;
use regex_syntax::hir::Hir;

use crate::prefilter::literal_lists;

/// The literals every match of a pattern starts with, and those every match ends with,
/// each list kept when it is short and has no empty literal.
#[derive(Default)]
pub(crate) struct Needs {
    /// The list a text is tested against first: the one whose shortest literal is the
    /// longer (a longer literal is rarer), or the shorter list.
    first: Vec<Literal>,
    then: Vec<Literal>,
}

/// A needed literal: its finder, and the bits of its byte pairs in [`BytePairs`],
/// worked out once rather than at every text it is tested against.
struct Literal {
    finder: Finder<'static>,
    pair_bits: Box<[u16]>,
}

impl Needs {
    /// What the pattern parsed as `hir` needs.
    pub fn of(hir: &Hir) -> Needs {
        let (first, then) = literal_lists(hir);
        Needs::from_lists(&first, &then)
    }

    /// Needs from lists that [`literal_lists`] made (perhaps when the crate was built).
    pub fn from_lists<L: AsRef<[u8]>>(first: &[L], then: &[L]) -> Needs {
        let finders = |list: &[L]| {
            list.iter()
                .map(|l| Literal {
                    finder: Finder::new(l.as_ref()).into_owned(),
                    pair_bits: l
                        .as_ref()
                        .windows(2)
                        .map(|pair| pair_bit(pair[0], pair[1]) as u16)
                        .collect(),
                })
                .collect()
        };
        Needs {
            first: finders(first),
            then: finders(then),
        }
    }

    /// Whether `text` holds what the pattern needs (or the pattern needs nothing).
    /// `pairs` are the byte pairs of `text`, or of a text that holds it (a clause's
    /// sentence): every pair of `text` is among them.
    pub fn met_by(&self, text: &[u8], pairs: &BytePairs) -> bool {
        let any = |list: &[Literal]| {
            list.is_empty()
                || list
                    .iter()
                    .any(|l| pairs.has_bits(&l.pair_bits) && l.finder.find(text).is_some())
        };
        any(&self.first) && any(&self.then)
    }
}

/// Bits of [`BytePairs`].
const PAIR_BITS: usize = 1024;

/// Which pairs of neighbouring bytes a text holds, each pair hashed to one of
/// [`PAIR_BITS`] bits. A literal with a pair the text lacks is not in the text: a few
/// bit tests tell that of most literals, where a search costs a call and a pass.
pub(crate) struct BytePairs([u64; PAIR_BITS / 64]);

impl BytePairs {
    pub fn of(text: &[u8]) -> BytePairs {
        let mut bits = [0u64; PAIR_BITS / 64];
        for pair in text.windows(2) {
            let bit = pair_bit(pair[0], pair[1]);
            bits[bit / 64] |= 1 << (bit % 64);
        }
        BytePairs(bits)
    }

    /// False when `literal` cannot be in the text (a literal of one byte may always be).
    pub fn may_hold(&self, literal: &[u8]) -> bool {
        literal
            .windows(2)
            .all(|pair| self.has_bit(pair_bit(pair[0], pair[1])))
    }

    /// [`BytePairs::may_hold`] for a literal whose pairs have these bits.
    fn has_bits(&self, bits: &[u16]) -> bool {
        bits.iter().all(|&bit| self.has_bit(usize::from(bit)))
    }

    fn has_bit(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The bit of a pair of bytes: distinct for most pairs of lower-case letters.
fn pair_bit(a: u8, b: u8) -> usize {
    (usize::from(a) * 31 + usize::from(b)) % PAIR_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_in_the_text_has_all_its_pairs_there() {
        let text = b"i'm currently working through a course, next up: rust";
        let pairs = BytePairs::of(text);
        for start in 0..text.len() {
            for end in start..=text.len() {
                assert!(pairs.may_hold(&text[start..end]));
            }
        }
        assert!(!pairs.may_hold(b"bootcamp"));
        assert!(pairs.may_hold(b"x"));
        let needs = Needs::from_lists(&[&b"course"[..], b"class"], &[b"i'm ", b"i am "]);
        assert!(needs.met_by(text, &pairs));
        let needs = Needs::from_lists(&[&b"class"[..]], &[b"i'm "]);
        assert!(!needs.met_by(text, &pairs));
    }
}
