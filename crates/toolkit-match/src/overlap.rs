//! Which of many patterns match somewhere in a short text, or whether any does: the
//! only questions the mood and line rules ask of every clause.
//!
//! A general regex compiles its patterns twice (forwards, and backwards to find
//! where a match starts) and prepares several engines. Asking only which patterns
//! match needs one forward automaton: a lazy DFA, with the PikeVM over the same NFA
//! for the rare clause that makes the lazy DFA give up. Half the compiling, which a
//! run of one resume waits for.

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

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

impl AnyOf {
    /// Compiles `patterns` (ASCII classes and word boundaries: the texts are
    /// lower-cased ASCII rules' clauses, and any byte may follow).
    pub fn new(patterns: &[&str]) -> AnyOf {
        let nfa = thompson::Compiler::new()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
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
    pub fn pattern_len(&self) -> usize {
        self.dfa.pattern_len()
    }

    /// Whether any pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &[u8]) -> bool {
        let input = Input::new(text).earliest(true);
        let mut caches = self.caches.get();
        if let Ok(found) = self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            return found.is_some();
        }
        let pikevm = &self.pikevm;
        let cache = caches.pikevm.get_or_insert_with(|| pikevm.create_cache());
        pikevm.is_match(cache, input)
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
        assert!(any.is_match(b"i would never used it"));
        assert!(!any.is_match(b"notable work"));
        let anchored = AnyOf::new(&[r"(?i)^\W*(tech )?stack\b[^:]{0,12}:"]);
        assert!(anchored.is_match(b"**Tech Stack:** Go"));
        assert!(!anchored.is_match(b"a stack: no"));
    }
}
