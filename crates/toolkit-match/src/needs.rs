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
    /// The [`Gate`] of each list.
    first_gate: Gate,
    then_gate: Gate,
}

/// The rarest pair of each literal of a list, as bits of [`BytePairs`] gathered by the
/// word that holds them: a text without any of them holds none of the literals, which
/// a few word tests tell where testing each literal in turn takes a loop per literal.
/// Empty when some literal has no pair (it is a byte), or the list is empty: either
/// way no text can be turned away by it.
#[derive(Default)]
struct Gate(Box<[(u8, u64)]>);

impl Gate {
    fn of(literals: &[Literal]) -> Gate {
        let mut words: Vec<(u8, u64)> = Vec::new();
        for literal in literals {
            let Some(&bit) = literal.pair_bits.first() else {
                return Gate::default();
            };
            let (word, mask) = ((bit / 64) as u8, 1u64 << (bit % 64));
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, m)) => *m |= mask,
                None => words.push((word, mask)),
            }
        }
        Gate(words.into_boxed_slice())
    }

    /// False when the text of `pairs` cannot hold any literal of the list.
    #[inline]
    fn may_pass(&self, pairs: &BytePairs) -> bool {
        self.0.is_empty()
            || self
                .0
                .iter()
                .any(|&(word, mask)| pairs.0[usize::from(word)] & mask != 0)
    }
}

/// A needed literal: its finder, and the bits of its byte pairs in [`BytePairs`],
/// worked out once rather than at every text it is tested against, the rarest pair's
/// first (most texts lack it, and the test stops there).
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
        let finders = |list: &[L]| -> Vec<Literal> {
            list.iter()
                .map(|l| {
                    let mut pairs: Vec<[u8; 2]> =
                        l.as_ref().windows(2).map(|p| [p[0], p[1]]).collect();
                    pairs.sort_by_key(|&pair| std::cmp::Reverse(rarity(pair)));
                    Literal {
                        finder: Finder::new(l.as_ref()).into_owned(),
                        pair_bits: pairs.iter().map(|&[a, b]| pair_bit(a, b) as u16).collect(),
                    }
                })
                .collect()
        };
        let (first, then) = (finders(first), finders(then));
        Needs {
            first_gate: Gate::of(&first),
            then_gate: Gate::of(&then),
            first,
            then,
        }
    }

    /// Whether `text` holds what the pattern needs (or the pattern needs nothing).
    /// `pairs` are the byte pairs of `text`, or of a text that holds it (a clause's
    /// sentence): every pair of `text` is among them.
    ///
    /// The gates are tested where this is called: most texts stop there, for the price
    /// of a few word tests rather than of a call.
    #[inline]
    pub fn met_by(&self, text: &[u8], pairs: &BytePairs) -> bool {
        self.first_gate.may_pass(pairs)
            && self.then_gate.may_pass(pairs)
            && self.literals_in(text, pairs)
    }

    /// Whether `text` holds a literal of each list ([`Needs::met_by`] past the gates).
    #[inline(never)]
    fn literals_in(&self, text: &[u8], pairs: &BytePairs) -> bool {
        let any = |list: &[Literal]| {
            list.is_empty()
                || list
                    .iter()
                    .any(|l| pairs.has_bits(&l.pair_bits) && l.finder.find(text).is_some())
        };
        // The second list's pairs are tested before the first list is searched for: a
        // text without them is turned away without a search.
        let may_hold =
            |list: &[Literal]| list.is_empty() || list.iter().any(|l| pairs.has_bits(&l.pair_bits));
        may_hold(&self.then) && any(&self.first) && any(&self.then)
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

/// How rare a pair of bytes is in English text, roughly: the sum of the ranks of its
/// bytes among the commonest (a space, then letters by how often they are written),
/// any other byte ranked among the rarer letters.
fn rarity(pair: [u8; 2]) -> usize {
    const COMMONEST: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    pair.iter()
        .map(|b| COMMONEST.iter().position(|c| c == b).unwrap_or(20))
        .sum()
}

/// The bit of a pair of bytes: distinct for every pair of lower-case letters, whose
/// low five bits tell them apart. A shift and an exclusive or: the bits of every
/// sentence's pairs are worked out, and a multiplication costs more.
fn pair_bit(a: u8, b: u8) -> usize {
    ((usize::from(a) << 5) ^ usize::from(b)) % PAIR_BITS
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

    #[test]
    fn pairs_of_lower_case_letters_have_bits_of_their_own() {
        let mut seen = std::collections::HashSet::new();
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                assert!(seen.insert(pair_bit(a, b)), "{}{}", a as char, b as char);
            }
        }
    }

    #[test]
    fn needs_are_met_where_the_literals_are_found() {
        let holds = |text: &[u8], l: &[u8]| l.is_empty() || text.windows(l.len()).any(|w| w == l);
        type Lists<'a> = (&'a [&'a [u8]], &'a [&'a [u8]]);
        let lists: [Lists; 7] = [
            (
                &[b"experience", b"exposure", b"idea"],
                &[b"no", b"never", b"without any"],
            ),
            (&[b"yet"], &[b"no"]),
            (&[b"next up", b"next step"], &[b":"]),
            (&[b" learning", b"course"], &[b"i'm ", b"we are "]),
            (&[], &[b"go"]),
            (&[b"q", b"zz"], &[]),
            (&["na\u{ef}ve".as_bytes(), b"\xe2\x80\x99"], &[b"e"]),
        ];
        let mut texts = crate::tests::repository_lines();
        texts.extend(["", "x", "no: yet", "naïve ’quotes’ next up: go"].map(str::to_string));
        texts.push("no experience, not yet; ".repeat(500));
        let built: Vec<Needs> = lists
            .iter()
            .map(|(first, then)| Needs::from_lists(first, then))
            .collect();
        let (mut met, mut unmet) = (0, 0);
        for line in &texts {
            let text = line.to_ascii_lowercase();
            let text = text.as_bytes();
            // The pairs of the text, and of a text that holds it.
            let within = [b"i'm ".as_slice(), text, b" next step:"].concat();
            for pairs in [BytePairs::of(text), BytePairs::of(&within)] {
                for ((first, then), needs) in lists.iter().zip(&built) {
                    let want = (first.is_empty() || first.iter().any(|l| holds(text, l)))
                        && (then.is_empty() || then.iter().any(|l| holds(text, l)));
                    assert_eq!(needs.met_by(text, &pairs), want, "{line:?}");
                    met += usize::from(want);
                    unmet += usize::from(!want);
                }
            }
        }
        assert!(met > 1000 && unmet > 1000, "{met} and {unmet}");
    }
}
