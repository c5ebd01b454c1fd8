//! Language rules: negation, aspiration and ongoing study (English grammar, the same
//! for every profile), and the profile's context lists: keyword and stack lines, and
//! the words that make an ambiguous term technical.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::dfa::{Automaton, dense};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input, PatternSet};
use toolkit_profile::Context;

use crate::hash::Fnv;
use crate::labels::LabelledLine;
use crate::moods::{COPULAS, MOOD_GROUPS, NEW_TO, REPORTED_OPENERS};
use crate::needs::BytePairs;
use crate::overlap::{NeededLiterals, Prebuilt, lean};
use crate::reported::{WRITER_ACTS, WRITER_OWNS};

/// The bytes of a DFA built by `build.rs`, aligned as a DFA's table of state
/// identifiers must be to be read in place.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// The bytes of a DFA that `build.rs` wrote to this file of `OUT_DIR`, aligned.
macro_rules! built_dfa {
    ($file:literal) => {
        &Aligned {
            _align: [],
            bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/", $file)),
        }
    };
}

// The DFAs below are built by `build.rs`: loaded rather than compiled at run time, and
// searched as quickly.

/// The mood patterns that a DFA can hold in reasonable space.
static MOODS_DFA: &Aligned<[u8]> = built_dfa!("moods.dfa");

/// The patterns of [`crate::moods::NEGATION_AHEAD`] that the moods DFA holds, compiled backwards.
static NEGATION_AHEAD_DFA: &Aligned<[u8]> = built_dfa!("negation_ahead.dfa");

/// The patterns of [`crate::moods::ASPIRATION_AHEAD`] that the moods DFA holds, compiled backwards.
static ASPIRATION_AHEAD_DFA: &Aligned<[u8]> = built_dfa!("aspiration_ahead.dfa");

/// [`crate::moods::reported_opening`], compiled forwards.
static REPORTED_DFA: &Aligned<[u8]> = built_dfa!("reported.dfa");

type BuiltDfa = dense::DFA<&'static [u32]>;

/// The DFA of `bytes` (written by `build.rs`), loaded into `cell` the first time.
fn load<'a>(cell: &'a OnceLock<BuiltDfa>, bytes: &'static [u8]) -> &'a BuiltDfa {
    cell.get_or_init(|| {
        dense::DFA::from_bytes(bytes)
            .expect("the build script wrote the DFA in this target's layout")
            .0
    })
}

/// Which of the mood patterns (flattened in [`MOOD_GROUPS`] order) the DFA holds.
const MOODS_IN_DFA: &[usize] = include!(concat!(env!("OUT_DIR"), "/moods_in_dfa.rs"));

/// The literals each mood pattern outside the DFA needs (in order), as
/// [`crate::prefilter::literal_lists`] found them when the crate was built.
const MOODS_REST_NEEDS: &[NeededLiterals] =
    include!(concat!(env!("OUT_DIR"), "/moods_rest_needs.rs"));

impl ClauseMood {
    /// Whether a mention in a clause of this mood stops counting; ongoing study
    /// still counts for a topic that takes it as evidence (learning).
    pub(crate) fn excludes(self, counts_study: bool) -> bool {
        match self {
            ClauseMood::Plain => false,
            ClauseMood::Negated | ClauseMood::Aspiration | ClauseMood::Reported => true,
            ClauseMood::Studying => !counts_study,
        }
    }
}

/// How a clause speaks of what it mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClauseMood {
    Plain,
    /// "no production experience with Docker yet"
    Negated,
    /// "would like to learn Kubernetes", "Docker is next on my list"
    Aspiration,
    /// "currently learning Go": evidence of learning, not of Go
    Studying,
    /// "My manager ran the code reviews": what someone else did
    Reported,
}

/// Rewrites `\b` as an ASCII word boundary. Unicode word boundaries make the regex
/// engine fall back to its slowest matcher on any non-ASCII text (a name like
/// "Łukasz" on the line); the matcher lower-cases ASCII only, so ASCII boundaries
/// are what the patterns mean anyway.
pub(crate) fn ascii_word_bounds(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Debug)]
pub(crate) struct Rules {
    /// Every mood pattern ([`MOOD_GROUPS`], in that order), searched once a clause for which
    /// of them match: most clauses match none.
    moods: &'static Prebuilt,
    /// [`crate::moods::NEGATION_AHEAD`]: the leftmost match of any of them is where the negation
    /// starts. Loaded the first time a clause needs it.
    negation_ahead: Ahead,
    /// [`crate::moods::ASPIRATION_AHEAD`], as [`Rules::negation_ahead`].
    aspiration_ahead: Ahead,
    /// A clause that opens with someone else and a verb in the past
    /// ([`crate::moods::reported_opening`]), loaded the first time a clause needs it.
    reported: OnceLock<BuiltDfa>,
    /// [`NEW_TO`], built the first time a negated clause needs it.
    new_to: OnceLock<Regex>,
    tech_words: HashSet<String, Fnv>,
    tech_suffixes: HashSet<String, Fnv>,
    placeholders: HashSet<String, Fnv>,
}

/// The mood of each group of [`MOOD_GROUPS`] (strongest first): a clause takes the mood
/// of the first group with a pattern that matches it.
const MOODS: [Mood; 5] = [
    Mood::Negated,
    Mood::NegatedAhead,
    Mood::Aspiration,
    Mood::AspirationAhead,
    Mood::Studying,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mood {
    Negated,
    NegatedAhead,
    Aspiration,
    AspirationAhead,
    Studying,
}

/// Each mood with the indices of its group's patterns among the flattened mood
/// patterns of [`Rules::moods`], strongest first.
fn mood_groups() -> impl Iterator<Item = (Mood, Range<usize>)> {
    MOOD_GROUPS
        .iter()
        .zip(MOODS)
        .scan(0, |first, (patterns, mood)| {
            let group = *first..*first + patterns.len();
            *first = group.end;
            Some((mood, group))
        })
}

/// The group of each pattern of [`Rules::moods`], by pattern index.
fn mood_of_pattern(index: usize) -> Mood {
    mood_groups()
        .find(|(_, group)| group.contains(&index))
        .map(|(mood, _)| mood)
        .expect("a mood pattern index is below the number of mood patterns")
}

/// A group of mood patterns whose cue starts the mood ("would like to learn"), asked
/// where the leftmost of them starts.
///
/// Those the moods DFA holds are searched backwards over the whole clause with a DFA
/// built with the crate, which meets every place a match may start and reports the
/// last it met: the leftmost. The few with a window (which a DFA cannot hold) are
/// searched, each alone, with the regex the moods compiled when it matched the clause.
#[derive(Debug)]
struct Ahead {
    /// The indices of the group's patterns among the flattened mood patterns.
    group: Range<usize>,
    reverse_bytes: &'static [u8],
    reverse: OnceLock<BuiltDfa>,
}

impl Ahead {
    fn new(mood: Mood, reverse_bytes: &'static [u8]) -> Ahead {
        Ahead {
            group: group_of(mood),
            reverse_bytes,
            reverse: OnceLock::new(),
        }
    }

    /// Where the leftmost of the group's patterns matches in `text` (the clause with
    /// typographic apostrophes made plain), as an offset in `clause` as written (each ’
    /// is three bytes). `matched` holds the mood patterns of `moods` that match `text`.
    fn find(
        &self,
        moods: &Prebuilt,
        matched: &PatternSet,
        clause: &str,
        text: &[u8],
    ) -> Option<usize> {
        // The indices of the patterns the DFA holds are in ascending order.
        let in_dfa = |p: &usize| MOODS_IN_DFA.binary_search(p).is_ok();
        let of_group = || {
            matched
                .iter()
                .map(|p| p.as_usize())
                .filter(|p| self.group.contains(p))
        };
        // The backward DFA holds only the group's patterns without windows: where none
        // of them matched, it cannot find one.
        let backwards = if !of_group().any(|p| in_dfa(&p)) {
            None
        } else {
            load(&self.reverse, self.reverse_bytes)
                .try_search_rev(&Input::new(text))
                .expect("a full DFA without quit bytes cannot fail")
                .map(|m| m.offset())
        };
        // The leftmost start of any of them is the least of the leftmost start of each.
        let outside = of_group()
            .filter(|p| !in_dfa(p))
            .filter_map(|p| moods.find_outside(p, text))
            .min();
        let at = match (backwards, outside) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some(written_offset(clause, at))
    }
}

/// The indices among the flattened mood patterns of the patterns of `mood`'s group.
fn group_of(mood: Mood) -> Range<usize> {
    mood_groups()
        .find(|(m, _)| *m == mood)
        .map(|(_, group)| group)
        .expect("every mood has its group")
}

/// The offset in `clause` as written of offset `at` in it with its typographic
/// apostrophes made plain.
fn written_offset(clause: &str, at: usize) -> usize {
    let mut written = 0;
    let mut plain = 0;
    for c in clause.chars() {
        if plain >= at {
            break;
        }
        written += c.len_utf8();
        plain += if c == '’' { 1 } else { c.len_utf8() };
    }
    written
}

/// Whether the last word of `before` is a form of "to be" ("is", "was", "it's").
fn ends_with_copula(before: &str) -> bool {
    let last = before
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    COPULAS.contains(&last) || last.ends_with("'s")
}

/// The profile's labels that open a line of keywords or a job's stack.
#[derive(Debug)]
pub(crate) struct LineLabels {
    /// A labelled list: "Skills: ...", "**Toolbox:** ...", "Keywords: ...".
    keyword_line: LabelledLine,
    /// A stack line attached to a job or project: "Stack: Go, Redis".
    stack_line: LabelledLine,
}

impl LineLabels {
    pub(crate) fn new(context: &Context) -> LineLabels {
        LineLabels {
            keyword_line: LabelledLine::new(
                &context.keyword_qualifiers,
                &context.keyword_labels,
                20,
            ),
            stack_line: LabelledLine::new(&[], &context.stack_labels, 12),
        }
    }

    pub(crate) fn is_keyword_line(&self, line: &str) -> bool {
        self.keyword_line.is_match(line)
    }

    pub(crate) fn is_stack_line(&self, line: &str) -> bool {
        self.stack_line.is_match(line)
    }
}

/// The mood patterns, which are the same for every profile: loaded once a process, by
/// [`crate::warm_up`] or by whoever needs them first.
pub(crate) fn moods() -> &'static Prebuilt {
    static MOODS: OnceLock<Prebuilt> = OnceLock::new();
    MOODS.get_or_init(|| {
        let patterns: Vec<&'static str> =
            MOOD_GROUPS.iter().flat_map(|p| p.iter().copied()).collect();
        Prebuilt::new(&patterns, &MOODS_DFA.bytes, MOODS_IN_DFA, MOODS_REST_NEEDS)
    })
}

impl Rules {
    pub(crate) fn new(context: &Context) -> Rules {
        Rules {
            moods: moods(),
            negation_ahead: Ahead::new(Mood::NegatedAhead, &NEGATION_AHEAD_DFA.bytes),
            aspiration_ahead: Ahead::new(Mood::AspirationAhead, &ASPIRATION_AHEAD_DFA.bytes),
            reported: OnceLock::new(),
            new_to: OnceLock::new(),
            tech_words: context.technical_words.iter().cloned().collect(),
            tech_suffixes: context.hyphen_suffixes.iter().cloned().collect(),
            placeholders: context.placeholders.iter().cloned().collect(),
        }
    }

    /// Room for which mood patterns match a clause, for [`Rules::mood_with`].
    pub(crate) fn mood_patterns(&self) -> PatternSet {
        PatternSet::new(self.moods.pattern_len())
    }

    /// The mood of a lower-cased clause, and the offset in it where the mood starts
    /// (0 for the whole clause).
    #[cfg(test)]
    pub(crate) fn mood(&self, clause: &str) -> (ClauseMood, usize) {
        self.mood_with(clause, None, &mut self.mood_patterns())
    }

    /// [`Rules::mood`], with `matched` (from [`Rules::mood_patterns`]) as room for the
    /// patterns that match, and the byte pairs of the clause's sentence if known.
    pub(crate) fn mood_with(
        &self,
        clause: &str,
        sentence_pairs: Option<&BytePairs>,
        matched: &mut PatternSet,
    ) -> (ClauseMood, usize) {
        // Typographic apostrophes ("haven’t") read as plain ones. (The clauses of a
        // sentence do not overlap: looking for one in each reads the sentence once.)
        let normalized;
        let as_written = !clause.contains('’');
        let text = if as_written {
            clause
        } else {
            normalized = clause.replace('’', "'");
            normalized.as_str()
        };
        let bytes = text.as_bytes();
        // The sentence's pairs hold the clause's as written.
        let own_pairs;
        let pairs = match sentence_pairs {
            Some(pairs) if as_written => pairs,
            _ => {
                own_pairs = BytePairs::of(bytes);
                &own_pairs
            }
        };
        matched.clear();
        self.moods.which_match(bytes, pairs, matched);
        let has = |mood: Mood| {
            matched
                .iter()
                .any(|p| mood_of_pattern(p.as_usize()) == mood)
        };
        // A time still to come ("next year") is a plan, as the patterns of aspiration are.
        // Most clauses lack its "next " altogether, which a few bit tests of the pairs tell.
        let planned =
            || pairs.may_hold(crate::plans::NEXT.as_bytes()) && crate::plans::time_to_come(text);
        if matched.is_empty() {
            if planned() {
                return (ClauseMood::Aspiration, 0);
            }
            return (self.plain_or_reported(text, pairs), 0);
        }
        if has(Mood::Negated) {
            // A lack of the thing named ("in Go, a language I'd never used"): the rest of
            // the clause decides. Not when the clause says what something is ("Docker is a
            // tool I have never used"). Every such lack is set aside at once, so a clause
            // is read at most twice whatever it holds.
            let new_to = self.new_to.get_or_init(|| lean(&[NEW_TO]));
            let mut rest: Option<String> = None;
            for m in new_to.find_iter(bytes) {
                if !ends_with_copula(&text[..m.start()]) {
                    rest.get_or_insert_with(|| text.to_string())
                        .replace_range(m.range(), &" ".repeat(m.len()));
                }
            }
            if let Some(rest) = rest {
                let (mood, at) = self.mood_with(&rest, None, matched);
                return (mood, written_offset(clause, at));
            }
            return (ClauseMood::Negated, 0);
        }
        if has(Mood::Aspiration) || planned() {
            return (ClauseMood::Aspiration, 0);
        }
        if has(Mood::NegatedAhead)
            && let Some(at) = self.negation_ahead.find(self.moods, matched, clause, bytes)
        {
            return (ClauseMood::Negated, at);
        }
        if has(Mood::AspirationAhead)
            && let Some(at) = self
                .aspiration_ahead
                .find(self.moods, matched, clause, bytes)
        {
            return (ClauseMood::Aspiration, at);
        }
        if has(Mood::Studying) {
            return (ClauseMood::Studying, 0);
        }
        (self.plain_or_reported(text, pairs), 0)
    }

    /// A clause that opens with someone else doing something ("my manager ran the
    /// reviews", "the senior devs did the code reviews") and never mentions the writer
    /// reports what they did, and so does one in the passive done by someone else
    /// ([`crate::reported::passive_by_others`]). `pairs` are the byte pairs of the
    /// clause or of a text that holds it: a clause without the pairs of " by " is in no
    /// such passive, and is not searched for it.
    fn plain_or_reported(&self, clause: &str, pairs: &BytePairs) -> ClauseMood {
        if pairs.may_hold(crate::reported::BY.as_bytes())
            && crate::reported::passive_by_others(clause)
        {
            return ClauseMood::Reported;
        }
        // Most clauses open otherwise: one look at the first word keeps the search off
        // them.
        let opener = crate::text::runs(clause, |c| c.is_ascii_alphanumeric()).next();
        if !opener.is_some_and(|(_, w)| REPORTED_OPENERS.contains(&w)) {
            return ClauseMood::Plain;
        }
        let Some(opening) = load(&self.reported, &REPORTED_DFA.bytes)
            .try_search_fwd(&Input::new(clause).anchored(Anchored::Yes))
            .expect("a full DFA without quit bytes cannot fail")
        else {
            return ClauseMood::Plain;
        };
        let rest = &clause[opening.offset()..];
        let writer = crate::text::runs(rest, |c| c.is_ascii_alphanumeric() || c == '\'')
            .any(|(_, w)| WRITER_ACTS.contains(&w) || WRITER_OWNS.contains(&w));
        if writer {
            ClauseMood::Plain
        } else {
            ClauseMood::Reported
        }
    }

    pub(crate) fn is_tech_word(&self, lower: &str) -> bool {
        self.tech_words.contains(lower)
    }

    pub(crate) fn is_tech_suffix(&self, lower: &str) -> bool {
        self.tech_suffixes.contains(lower)
    }

    /// True when a lower-cased line says only that an entry is empty ("None.", "N/A").
    pub(crate) fn is_placeholder(&self, lower: &str) -> bool {
        let said = lower
            .trim()
            .trim_end_matches(['.', '!', ';'])
            .trim_matches(['(', ')', '*', '_', ' ']);
        self.placeholders.contains(said)
    }

    /// The byte ranges of a line's technical words written in lower case, as in running
    /// text ("a Python script"); a capitalised one is part of a name ("Postal Service").
    pub(crate) fn tech_cues(&self, text: &str) -> Vec<(usize, usize)> {
        crate::text::runs(text, |c| c.is_alphanumeric() || c == '-')
            .filter(|(_, w)| !w.chars().any(char::is_uppercase) && self.is_tech_word(w))
            .map(|(s, w)| (s, s + w.len()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::moods::{ASPIRATION_AHEAD, NEGATION_AHEAD};
    use crate::overlap::lean_with;
    use regex_automata::MatchKind;

    #[test]
    fn the_built_mood_automaton_agrees_with_compiling_the_patterns() {
        let all: Vec<&str> = MOOD_GROUPS.iter().flat_map(|p| p.iter().copied()).collect();
        let built = Prebuilt::new(&all, &MOODS_DFA.bytes, MOODS_IN_DFA, MOODS_REST_NEEDS);
        // `Ahead::find` looks its patterns up by a binary search.
        assert!(MOODS_IN_DFA.is_sorted());
        let compiled = lean_with(&all, MatchKind::All);
        let (mut in_dfa, mut outside) = (0, 0);
        for line in crate::tests::repository_lines() {
            let text = line.to_ascii_lowercase().replace('’', "'");
            let (mut a, mut b) = (PatternSet::new(all.len()), PatternSet::new(all.len()));
            built.which_match(text.as_bytes(), &BytePairs::of(text.as_bytes()), &mut a);
            compiled.which_overlapping_matches(&Input::new(&text), &mut b);
            assert_eq!(a, b, "{text:?}");
            let (dfa, rest): (Vec<_>, Vec<_>) =
                a.iter().partition(|p| MOODS_IN_DFA.contains(&p.as_usize()));
            in_dfa += usize::from(!dfa.is_empty());
            outside += usize::from(!rest.is_empty());
        }
        // Most of the patterns are in the DFA, and the lines exercise both parts.
        assert!(MOODS_IN_DFA.len() * 2 > all.len());
        assert!(in_dfa > 500 && outside > 20, "{in_dfa} and {outside}");
    }

    /// Texts to hold the built searches to the regexes they stand for: the repository's
    /// lines, their clauses, and some made to be awkward.
    fn awkward_texts() -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for line in crate::tests::repository_lines() {
            let text = line.to_ascii_lowercase().replace('’', "'");
            for r in crate::text::clauses(&text) {
                texts.push(text[r].to_string());
            }
            texts.push(text);
        }
        let long = "i did not use it, ".repeat(300);
        texts.extend(
            [
                "",
                " ",
                ",",
                "would like to",
                "wouldn't like to learn go but would like to learn rust",
                "looking for a role to learn in, where i can grow; eager to learn go",
                "looking for a team where i'd love to grow, i plan to learn go",
                "plan to learn go",
                "  plan to x",
                "we plan to ship; i don't use docker and never touch k8s",
                "łukasz did not use sentry; we never deployed to any cloud",
                "naïve caches: i haven't yet containerized anything",
                "not on any cloud, haven't tested it, none of it was used",
                "uses no orm and we run no servers",
                "my manager ran the handover",
                "the senior devs did all the reviews",
                "our senior developer, marek, set up the ci",
                "our senior developer, marek nowak, handled it, and i watched",
                "the the the manager managed",
                "my mentor and i paired",
                "their lead engineers reviewed it",
                "- the client's team lead chose the stack",
                "...my boss went home",
                "my boss   went",
                "my bosses went",
                "my manager ranked it",
                "mymanager ran",
                "the manager",
                "our ceo ñ ran",
            ]
            .map(str::to_string),
        );
        texts.push(long.clone());
        texts.push(format!("my manager ran it{long}"));
        texts.push(format!("{long}looking for a role where i can learn"));
        texts
    }

    #[test]
    fn the_built_reverse_searches_find_where_the_leftmost_cue_starts() {
        let r = Rules::new(Context::builtin());
        let all: Vec<&str> = MOOD_GROUPS.iter().flat_map(|p| p.iter().copied()).collect();
        let any = lean_with(&all, MatchKind::All);
        let (mut found, mut windowed) = (0, 0);
        for (ahead, patterns) in [
            (&r.negation_ahead, NEGATION_AHEAD),
            (&r.aspiration_ahead, ASPIRATION_AHEAD),
        ] {
            let regex = lean(patterns);
            for text in awkward_texts() {
                let mut matched = PatternSet::new(all.len());
                any.which_overlapping_matches(&Input::new(&text), &mut matched);
                let want = regex.find(text.as_bytes()).map(|m| m.start());
                assert_eq!(
                    ahead.find(r.moods, &matched, &text, text.as_bytes()),
                    want,
                    "{text:?}"
                );
                found += usize::from(want.is_some());
                windowed += usize::from(matched.iter().any(|p| {
                    !MOODS_IN_DFA.contains(&p.as_usize()) && ahead.group.contains(&p.as_usize())
                }));
            }
        }
        assert!(found > 100 && windowed > 2, "{found} and {windowed}");
    }

    #[test]
    fn the_built_reported_opening_ends_where_its_regex_does() {
        let r = Rules::new(Context::builtin());
        let regex = lean(&[&crate::moods::reported_opening()]);
        let mut found = 0;
        for text in awkward_texts() {
            let want = regex.find(text.as_bytes()).map(|m| m.end());
            let got = load(&r.reported, &REPORTED_DFA.bytes)
                .try_search_fwd(&Input::new(&text).anchored(Anchored::Yes))
                .unwrap()
                .map(|m| m.offset());
            assert_eq!(got, want, "{text:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 20, "{found}");
    }

    #[test]
    fn the_built_needs_of_the_patterns_outside_the_automaton_are_their_own() {
        let all: Vec<&str> = MOOD_GROUPS.iter().flat_map(|p| p.iter().copied()).collect();
        let rest: Vec<&str> = (0..all.len())
            .filter(|i| !MOODS_IN_DFA.contains(i))
            .map(|i| all[i])
            .collect();
        assert_eq!(rest.len(), MOODS_REST_NEEDS.len());
        let owned = |list: &[&[u8]]| list.iter().map(|l| l.to_vec()).collect::<Vec<_>>();
        for (pattern, (first, then)) in rest.iter().zip(MOODS_REST_NEEDS) {
            let hir = regex_automata::util::syntax::parse_with(pattern, &crate::overlap::ascii())
                .unwrap();
            let want = crate::prefilter::literal_lists(&hir);
            assert_eq!((owned(first), owned(then)), want, "{pattern}");
        }
        // Each of them needs some literal, or none could be skipped.
        assert!(
            MOODS_REST_NEEDS
                .iter()
                .all(|(f, t)| !f.is_empty() || !t.is_empty())
        );
    }

    #[test]
    fn moods() {
        let r = Rules::new(Context::builtin());
        let cases = [
            (
                "no production experience with docker yet.",
                ClauseMood::Negated,
            ),
            ("i have never used aws", ClauseMood::Negated),
            // A lack of the thing named is not the clause's.
            (
                "completed advent of code in elixir, a language i’d never used before.",
                ClauseMood::Plain,
            ),
            (
                "paired with a senior engineer to learn rails, which i had never used",
                ClauseMood::Plain,
            ),
            (
                "no experience with docker, a tool i have never used",
                ClauseMood::Negated,
            ),
            ("docker is a tool i have never used", ClauseMood::Negated),
            (
                "it’s the one stack we have not tried yet",
                ClauseMood::Negated,
            ),
            (
                "i would like to learn kubernetes and container orchestration",
                ClauseMood::Aspiration,
            ),
            ("docker is next on my list", ClauseMood::Aspiration),
            (
                "looking for a junior role where i can learn to build rest services.",
                ClauseMood::Aspiration,
            ),
            ("hoping to work with microservices", ClauseMood::Aspiration),
            ("currently learning go", ClauseMood::Studying),
            ("built rest endpoints in python", ClauseMood::Plain),
            (
                "some volunteers could not see their own shifts.",
                ClauseMood::Plain,
            ),
            ("deployed without downtime using docker", ClauseMood::Plain),
            // Plans and the future are not done yet.
            ("will set up sentry for the new app", ClauseMood::Aspiration),
            (
                "- would sign up for an aws exam if funded",
                ClauseMood::Aspiration,
            ),
            ("planned to co-lead the migration", ClauseMood::Aspiration),
            // A wish or plan before any verb; "plan" as a noun is no plan.
            (
                "hoping to sit the aws developer exam next spring",
                ClauseMood::Aspiration,
            ),
            (
                "next i want to add proper sign-in with oauth",
                ClauseMood::Aspiration,
            ),
            ("plan to take the cka next year.", ClauseMood::Aspiration),
            (
                "took the migration plan to the finance stakeholders",
                ClauseMood::Plain,
            ),
            (
                "next step: moving my scripts into version control",
                ClauseMood::Aspiration,
            ),
            ("next: cka (not started yet).", ClauseMood::Aspiration),
            (
                "pairing sessions were planned for q3",
                ClauseMood::Aspiration,
            ),
            (
                "was down to co-teach the training day",
                ClauseMood::Aspiration,
            ),
            (
                "the failed runs were down to the new primer batch",
                ClauseMood::Plain,
            ),
            // "will" inside a story is not a plan.
            (
                "added a retry so the upload will not fail again",
                ClauseMood::Plain,
            ),
            ("planned and ran the sprint retros", ClauseMood::Plain),
            // What someone else did, unless the writer is in it.
            (
                "my supervisor ran the handover to the night shift",
                ClauseMood::Reported,
            ),
            (
                "the senior devs did all the code reviews on the project.",
                ClauseMood::Reported,
            ),
            (
                "our lead reviewed every merge request",
                ClauseMood::Reported,
            ),
            (
                "my mentor reviewed my first pull request",
                ClauseMood::Plain,
            ),
            (
                "my mentor and i paired on the billing service",
                ClauseMood::Plain,
            ),
            (
                "the nurses' rota app crashed every monday",
                ClauseMood::Plain,
            ),
        ];
        for (clause, want) in cases {
            assert_eq!(r.mood(clause).0, want, "{clause}");
        }
        // Many lacks of named things are set aside together: the clause keeps its own mood.
        let many = ", a tool i had never used".repeat(500);
        assert_eq!(
            r.mood(&format!("built it in go{many}")).0,
            ClauseMood::Plain
        );
        assert_eq!(
            r.mood(&format!("no experience with docker{many}")).0,
            ClauseMood::Negated
        );
        // An aspiration at the end of a self-description covers only what follows.
        let clause = "resourceful problem solver and team player, eager to learn go.";
        assert_eq!(
            r.mood(clause),
            (ClauseMood::Aspiration, clause.find("eager").unwrap())
        );
        // So does a negation of using something, past or present.
        for clause in [
            "i did not use sentry or any error tracker there.",
            "practised go, a language i didn’t use at work.",
        ] {
            let cue = clause.find("did").unwrap();
            assert_eq!(r.mood(clause), (ClauseMood::Negated, cue), "{clause}");
        }
        // "No" and "none" before what was not used or done.
        for (clause, cue) in [
            (
                "processing runs on our own server; we run no cloud services",
                "run no",
            ),
            (
                "the fab is air-gapped, so none of this is deployed to the cloud.",
                "none",
            ),
            (
                "the app ran on the lab server; we did not deploy it to the cloud.",
                "we did",
            ),
        ] {
            assert_eq!(
                r.mood(clause),
                (ClauseMood::Negated, clause.find(cue).unwrap()),
                "{clause}"
            );
        }
        for clause in [
            "none of the outages recurred after i added sentry alerts",
            "the service had no monitoring, so i added prometheus",
            "the build did not deploy to heroku until i pinned the node version",
        ] {
            assert_eq!(r.mood(clause).0, ClauseMood::Plain, "{clause}");
        }
    }

    #[test]
    fn a_clause_reads_the_same_with_its_sentence_pairs_as_alone() {
        let r = Rules::new(Context::builtin());
        let mut lines = crate::tests::repository_lines();
        lines.extend(
            [
                "i haven’t used docker yet, but i’d like to learn it",
                "it’s the one stack we have not tried yet; my manager’s team ran it",
                "no experience with docker – it’s next on my list",
            ]
            .map(str::to_string),
        );
        let (mut curly, mut moody) = (0, 0);
        for line in lines {
            let sentence = line.to_ascii_lowercase();
            let pairs = BytePairs::of(sentence.as_bytes());
            let mut matched = r.mood_patterns();
            for range in crate::text::clauses(&sentence) {
                let clause = &sentence[range];
                let alone = r.mood(clause);
                assert_eq!(
                    r.mood_with(clause, Some(&pairs), &mut matched),
                    alone,
                    "{clause:?}"
                );
                curly += usize::from(clause.contains('’'));
                moody += usize::from(alone.0 != ClauseMood::Plain);
            }
        }
        assert!(curly > 3 && moody > 1000, "{curly} and {moody}");
    }

    #[test]
    fn word_bounds_become_ascii() {
        assert_eq!(
            ascii_word_bounds(r"\bgo\b \\b \d"),
            r"(?-u:\b)go(?-u:\b) \\b \d"
        );
    }

    #[test]
    fn keyword_and_stack_lines() {
        let r = LineLabels::new(Context::builtin());
        assert!(r.is_keyword_line("Skills: Python, SQL"));
        assert!(r.is_keyword_line("**Toolbox:** Python · SQLite"));
        assert!(r.is_keyword_line("Keywords: C#, Scrum"));
        assert!(!r.is_keyword_line("Skills used daily included Python"));
        assert!(r.is_stack_line("Stack: TypeScript, NodeJS"));
        assert!(!r.is_stack_line("Stacked shelves: 400 a night"));
    }
}
