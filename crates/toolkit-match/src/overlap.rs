//! Which of many patterns match somewhere in a short text: the one question the mood
//! rules ask of every clause.
//!
//! A general regex compiles its patterns twice (forwards, and backwards to find
//! where a match starts) and prepares several engines. Asking only which patterns
//! match needs one forward automaton: a lazy DFA, with the PikeVM over the same NFA
//! for the rare clause that makes the lazy DFA give up ([`AnyOf`]). Fixed patterns do
//! better still: [`Prebuilt`] loads most of them as a DFA compiled when the crate was
//! built, which a run of one resume would otherwise wait to compile, and compiles each
//! of the others only once a text holds what it needs.

use regex_automata::dfa::{Automaton, OverlappingState, dense};
use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};

use std::sync::OnceLock;

use crate::needs::{BytePairs, Needs};

/// The searches' scratch space, one per thread at a time.
struct Caches {
    dfa: dfa::Cache,
    pikevm: Option<thompson::pikevm::Cache>,
}

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync>;

/// Patterns searched for which of them match anywhere in a text.
pub(crate) struct AnyOf {
    dfa: DFA,
    pikevm: PikeVM,
    caches: Pool<Caches, MakeCaches>,
}

impl std::fmt::Debug for AnyOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnyOf")
            .field("patterns", &self.dfa.pattern_len())
            .finish_non_exhaustive()
    }
}

/// The syntax the rules' patterns are written in: ASCII classes and word boundaries (the
/// texts are lower-cased ASCII rules' clauses, and any byte may follow).
pub(crate) fn ascii() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false)
}

impl AnyOf {
    /// Compiles `patterns` (in [`ascii`] syntax).
    pub fn new(patterns: &[&str]) -> AnyOf {
        let nfa = thompson::Compiler::new()
            .syntax(ascii())
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .which_captures(WhichCaptures::None),
            )
            .build_many(patterns)
            .expect("built-in rule patterns are valid");
        // As a general regex configures its lazy DFA: give up (and let the PikeVM
        // answer) when the cache is cleared too often to pay.
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .expect("built-in rule patterns fit a lazy DFA");
        let pikevm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .expect("built-in rule patterns fit the PikeVM");
        let make = {
            let dfa = dfa.clone();
            Box::new(move || Caches {
                dfa: dfa.create_cache(),
                pikevm: None,
            }) as MakeCaches
        };
        AnyOf {
            dfa,
            pikevm,
            caches: Pool::new(make),
        }
    }

    /// How many patterns there are.
    #[cfg(test)]
    pub fn pattern_len(&self) -> usize {
        self.dfa.pattern_len()
    }

    /// Adds to `matched` each pattern that matches somewhere in `text`.
    pub fn which_match(&self, text: &[u8], matched: &mut PatternSet) {
        let input = Input::new(text);
        let mut caches = self.caches.get();
        if self
            .dfa
            .try_which_overlapping_matches(&mut caches.dfa, &input, matched)
            .is_ok()
        {
            return;
        }
        let pikevm = &self.pikevm;
        let cache = caches.pikevm.get_or_insert_with(|| pikevm.create_cache());
        pikevm.which_overlapping_matches(cache, &input, matched);
    }
}

/// Fixed patterns asked which of them match, most of them loaded as a DFA compiled when
/// the crate was built, the rest (those a DFA cannot hold in reasonable space) compiled
/// at run time.
pub(crate) struct Prebuilt {
    dfa: dense::DFA<&'static [u32]>,
    /// The index among all the patterns of each of the DFA's patterns.
    in_dfa: &'static [usize],
    /// The other patterns, each compiled when a text first holds what it needs: most
    /// resumes have no such clause, and most of the others need one or two of them.
    rest_patterns: Vec<&'static str>,
    rest: Vec<OnceLock<AnyOf>>,
    /// The index among all the patterns of each of `rest`'s patterns.
    in_rest: Vec<usize>,
    /// What a text must hold for each of `rest`'s patterns to match in it: most texts
    /// hold none, and are not searched for them.
    rest_needs: Vec<Needs>,
    len: usize,
}

impl std::fmt::Debug for Prebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prebuilt")
            .field("in_dfa", &self.in_dfa.len())
            .field("rest", &self.in_rest.len())
            .finish_non_exhaustive()
    }
}

/// The literals a pattern needs a text to hold, as two lists (see [`Needs::from_lists`]).
pub(crate) type NeededLiterals = (&'static [&'static [u8]], &'static [&'static [u8]]);

impl Prebuilt {
    /// Loads the DFA of `patterns[i]` for each `i` of `in_dfa` from `dfa_bytes` (as
    /// [`AnyOf`] would compile them: ASCII classes, every pattern's matches); the others
    /// need what `rest_needs` lists, in order, and are compiled when first needed.
    pub fn new(
        patterns: &[&'static str],
        dfa_bytes: &'static [u8],
        in_dfa: &'static [usize],
        rest_needs: &[NeededLiterals],
    ) -> Prebuilt {
        let (dfa, _) = dense::DFA::from_bytes(dfa_bytes)
            .expect("the build script wrote the mood DFA in this target's layout");
        assert_eq!(
            dfa.pattern_len(),
            in_dfa.len(),
            "the mood DFA was built from the listed patterns"
        );
        let in_rest: Vec<usize> = (0..patterns.len())
            .filter(|i| !in_dfa.contains(i))
            .collect();
        let rest_patterns: Vec<&'static str> = in_rest.iter().map(|&i| patterns[i]).collect();
        assert_eq!(
            rest_needs.len(),
            rest_patterns.len(),
            "the needs of the patterns outside the DFA were found for each of them"
        );
        let rest_needs = rest_needs
            .iter()
            .map(|(first, then)| Needs::from_lists(first, then))
            .collect();
        Prebuilt {
            dfa,
            in_dfa,
            rest: rest_patterns.iter().map(|_| OnceLock::new()).collect(),
            rest_patterns,
            in_rest,
            rest_needs,
            len: patterns.len(),
        }
    }

    /// How many patterns there are.
    pub fn pattern_len(&self) -> usize {
        self.len
    }

    /// Adds to `matched` (of [`Prebuilt::pattern_len`] patterns) each pattern that
    /// matches somewhere in `text`. `pairs` are the byte pairs of `text` or of a text
    /// that holds it.
    pub fn which_match(&self, text: &[u8], pairs: &BytePairs, matched: &mut PatternSet) {
        // A DFA compiled in full, without quit bytes and searching unanchored, has no
        // way to fail. Most texts match none of its patterns: a search that stops at
        // the first match tells so in a fraction of the time the search for every
        // match takes, which then reads only the few texts that match something.
        let input = Input::new(text);
        let any = self
            .dfa
            .try_search_fwd(&input.clone().earliest(true))
            .expect("a full DFA without quit bytes cannot fail")
            .is_some();
        if any {
            let mut state = OverlappingState::start();
            loop {
                self.dfa
                    .try_search_overlapping_fwd(&input, &mut state)
                    .expect("a full DFA without quit bytes cannot fail");
                let Some(m) = state.get_match() else { break };
                matched.insert(PatternID::must(self.in_dfa[m.pattern().as_usize()]));
            }
        }
        for (i, needs) in self.rest_needs.iter().enumerate() {
            if !needs.met_by(text, pairs) {
                continue;
            }
            let rest = self.rest[i].get_or_init(|| AnyOf::new(&[self.rest_patterns[i]]));
            let mut found = PatternSet::new(1);
            rest.which_match(text, &mut found);
            if !found.is_empty() {
                matched.insert(PatternID::must(self.in_rest[i]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_matching_pattern_is_named() {
        let any = AnyOf::new(&[r"\bnot\b", r"\bnever used\b", r"\bwant(ed)? to\b", r"x{3}"]);
        let which = |text: &str| {
            let mut set = PatternSet::new(any.pattern_len());
            any.which_match(text.as_bytes(), &mut set);
            set.iter().map(|p| p.as_usize()).collect::<Vec<_>>()
        };
        assert_eq!(which("i have never used it, not once"), [0, 1]);
        assert_eq!(which("wanted to learn go"), [2]);
        assert_eq!(which("notable work"), Vec::<usize>::new());
        assert_eq!(which("łukasz said not yet"), [0]);
        let anchored = AnyOf::new(&[r"(?i)^\W*(tech )?stack\b[^:]{0,12}:"]);
        let matches = |text: &str| {
            let mut set = PatternSet::new(1);
            anchored.which_match(text.as_bytes(), &mut set);
            !set.is_empty()
        };
        assert!(matches("**Tech Stack:** Go"));
        assert!(!matches("a stack: no"));
    }
}
