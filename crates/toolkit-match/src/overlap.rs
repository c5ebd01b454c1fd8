//! Which of many patterns match somewhere in a short text: the one question the mood
//! rules ask of every clause.
//!
//! [`Prebuilt`] loads most of the patterns as a DFA compiled when the crate was built,
//! which a run of one resume would otherwise wait to compile, and compiles each of the
//! others (as [`lean`] regexes) only once a text holds what it needs.

use regex_automata::dfa::{Automaton, OverlappingState, dense};
use regex_automata::meta::{Config, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};

use std::sync::OnceLock;

use crate::needs::{BytePairs, Needs};

/// The syntax the rules' patterns are written in: ASCII classes and word boundaries (the
/// texts are lower-cased ASCII rules' clauses, and any byte may follow).
pub(crate) fn ascii() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false)
}

/// One regex matching any of `patterns`, built for the rules' searches: whether
/// something matches, and where the leftmost match starts.
///
/// The rules read ASCII-lower-cased clauses and care only about ASCII words, so they
/// are compiled without Unicode classes, and without capture groups (but the whole
/// match, to know where it starts) or a literal prefilter, which a clause of a few
/// dozen bytes gains little from: this takes a third off the time a run spends
/// building them before it reads a resume. Nor are the DFAs built (and the patterns
/// compiled a second time, backwards, for them): the rules search only the clauses that
/// hold what a pattern needs with these regexes, a few dozen in a resume, which the
/// NFA's engines read in less time than building the DFAs takes. A file made of such
/// clauses takes longer than with a lazy DFA (a sixth longer for 18 MB of negations and
/// wishes), in time still linear in its length.
pub(crate) fn lean(patterns: &[&str]) -> Regex {
    lean_with(patterns, MatchKind::LeftmostFirst)
}

/// [`lean`], with matches of `kind`.
pub(crate) fn lean_with(patterns: &[&str], kind: MatchKind) -> Regex {
    Regex::builder()
        .syntax(ascii())
        .configure(
            Config::new()
                .match_kind(kind)
                .which_captures(WhichCaptures::Implicit)
                .auto_prefilter(false)
                .hybrid(false)
                .dfa(false)
                .onepass(false),
        )
        .build_many(patterns)
        .expect("built-in rule patterns are valid")
}

/// Fixed patterns asked which of them match, most of them loaded as a DFA compiled when
/// the crate was built, the rest (those a DFA cannot hold in reasonable space) compiled
/// at run time, one [`lean`] regex each: asked whether it matches, and, by the rules
/// that read on from a cue, where.
pub(crate) struct Prebuilt {
    dfa: dense::DFA<&'static [u32]>,
    /// The index among all the patterns of each of the DFA's patterns.
    in_dfa: &'static [usize],
    /// The other patterns, each compiled when a text first holds what it needs: most
    /// resumes have no such clause, and most of the others need one or two of them.
    rest_patterns: Vec<&'static str>,
    rest: Vec<OnceLock<Regex>>,
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
    /// Loads the DFA of `patterns[i]` for each `i` of `in_dfa` from `dfa_bytes` (built
    /// by `build.rs` in [`ascii`] syntax with every pattern's matches, as
    /// `lean_with(patterns, MatchKind::All)` would find them); the others need what
    /// `rest_needs` lists, in order, and are compiled when first needed.
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
            if needs.met_by(text, pairs) && self.rest(i).is_match(text) {
                matched.insert(PatternID::must(self.in_rest[i]));
            }
        }
    }

    /// Where the leftmost match of `pattern`, one of those outside the DFA, starts in
    /// `text`.
    pub fn find_outside(&self, pattern: usize, text: &[u8]) -> Option<usize> {
        let i = self
            .in_rest
            .iter()
            .position(|&p| p == pattern)
            .expect("the pattern is outside the DFA");
        self.rest(i).find(text).map(|m| m.start())
    }

    /// The `i`th pattern outside the DFA, compiled the first time it is asked for.
    fn rest(&self, i: usize) -> &Regex {
        self.rest[i].get_or_init(|| lean(&[self.rest_patterns[i]]))
    }
}
