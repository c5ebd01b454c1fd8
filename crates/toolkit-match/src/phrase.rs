//! A profile's phrase patterns, each compiled the first time a line could match it.
//!
//! A run of one resume spends a few hundred microseconds building a pattern's automata,
//! and most resumes have no line any pattern matches. So each pattern keeps the
//! literals every match of it starts with, and those it ends with ("rotate", "rotated"…
//! and "keys", "tokens"… for `\brotat(e|ed|es|ing) (the )?(keys|tokens)\b`): a line
//! without one of each cannot match, and a pattern no line gets past is never built.

use std::sync::OnceLock;

use regex_automata::meta::{BuildError, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_syntax::hir::Hir;

use crate::needs::{BytePairs, Needs};

/// A regex program larger than this is refused (a profile pattern like `.{0,9999}x`
/// would otherwise cost seconds per line).
const PATTERN_SIZE_LIMIT: usize = toolkit_profile::MAX_PATTERN_BYTES;

/// The built-in profiles' patterns that parse without Unicode, each with the two
/// literal lists of [`crate::prefilter::literal_lists`] (written by `build.rs`).
type BuiltInNeeds = (
    &'static str,
    &'static [&'static [u8]],
    &'static [&'static [u8]],
);
const BUILT_IN_NEEDS: &[BuiltInNeeds] = include!(concat!(env!("OUT_DIR"), "/pattern_needs.rs"));

/// One phrase pattern, matched against ASCII-lower-cased lines.
pub(crate) struct PhrasePattern {
    source: String,
    unicode: bool,
    /// What a line must hold for the pattern to match in it.
    needs: Needs,
    regex: OnceLock<Option<Regex>>,
}

impl std::fmt::Debug for PhrasePattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhrasePattern")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl PhrasePattern {
    /// Compiles `pattern` now, so that a pattern that cannot be built is refused with
    /// its reason.
    pub fn compiled(pattern: &str) -> Result<PhrasePattern, String> {
        let (regex, unicode) = match build(pattern, false) {
            Ok(regex) => (regex, false),
            Err(_) => (build(pattern, true).map_err(|e| why(&e))?, true),
        };
        Ok(PhrasePattern {
            source: pattern.to_string(),
            unicode,
            needs: parse(pattern, unicode)
                .map(|hir| Needs::of(&hir))
                .unwrap_or_default(),
            regex: OnceLock::from(Some(regex)),
        })
    }

    /// Keeps `pattern` to be built when a line first could match it. Only for a pattern
    /// known to compile (a built-in profile's: the tests build them all); one that does
    /// not compile after all never matches. A built-in profile's pattern is not even
    /// parsed: what it needs was found when the crate was built.
    pub fn deferred(pattern: &str) -> PhrasePattern {
        if let Some((_, first, then)) = BUILT_IN_NEEDS.iter().find(|(p, ..)| *p == pattern) {
            return PhrasePattern {
                source: pattern.to_string(),
                unicode: false,
                needs: Needs::from_lists(first, then),
                regex: OnceLock::new(),
            };
        }
        let (hir, unicode) = match parse(pattern, false) {
            Some(hir) => (Some(hir), false),
            None => (parse(pattern, true), true),
        };
        PhrasePattern {
            source: pattern.to_string(),
            unicode,
            needs: hir.map(|hir| Needs::of(&hir)).unwrap_or_default(),
            regex: OnceLock::new(),
        }
    }

    /// Where the pattern first matches in `text`, an ASCII-lower-cased line.
    #[cfg(test)]
    pub fn find(&self, text: &[u8]) -> Option<usize> {
        self.find_in(text, &BytePairs::of(text))
    }

    /// [`PhrasePattern::find`], for a line whose byte pairs are `pairs`.
    pub fn find_in(&self, text: &[u8], pairs: &BytePairs) -> Option<usize> {
        if !self.needs.met_by(text, pairs) {
            return None;
        }
        let regex = self
            .regex
            .get_or_init(|| build(&self.source, self.unicode).ok())
            .as_ref()?;
        regex.find(text).map(|m| m.start())
    }
}

/// The pattern parsed, if it parses.
fn parse(pattern: &str, unicode: bool) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(unicode)
        .utf8(false)
        .build()
        .parse(&source(pattern, unicode))
        .ok()
}

/// Why a pattern cannot be built, said for the profile's author.
fn why(e: &BuildError) -> String {
    match (e.size_limit(), e.syntax_error()) {
        (Some(_), _) => {
            "compiles too large: simplify it or split it into several patterns".to_string()
        }
        (None, Some(syntax)) => format!(
            "is not a valid regular expression: {}",
            syntax.to_string().lines().last().unwrap_or("").trim()
        ),
        (None, None) => format!("does not compile: {e}"),
    }
}

/// With Unicode classes, word boundaries stay ASCII: a Unicode one sends the engine to
/// its slowest path on any non-ASCII text.
fn source(pattern: &str, unicode: bool) -> String {
    if unicode {
        crate::rules::ascii_word_bounds(pattern)
    } else {
        pattern.to_string()
    }
}

/// Compiles a phrase pattern for finding where it first matches in a lower-cased line.
///
/// Without Unicode classes a pattern's automata are small and quick to build; a pattern
/// that needs Unicode (a non-ASCII class) is compiled with it. Neither capture groups
/// nor a literal prefilter are built: only where a match starts is wanted, and a line
/// is too short for a prefilter to pay for the three quarters of the building time it
/// takes.
fn build(pattern: &str, unicode: bool) -> Result<Regex, Box<BuildError>> {
    Regex::builder()
        .syntax(syntax::Config::new().unicode(unicode).utf8(false))
        .configure(
            Regex::config()
                .utf8_empty(false)
                .which_captures(WhichCaptures::Implicit)
                .auto_prefilter(false)
                .nfa_size_limit(Some(PATTERN_SIZE_LIMIT)),
        )
        .build(&source(pattern, unicode))
        .map_err(Box::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_pattern_finds_what_a_compiled_one_does() {
        let patterns = [
            r"\brotat(e|ed|es|ing) (the |our |all )?(api )?(keys|tokens|secrets)\b",
            r"\b(api keys?|tokens|secrets)\b[^.;]{0,60}\b(vault|env vars?)\b",
            r"[a-z]+ing\b",
            r"\bé\w+",
            r"(?i)\bCAFÉ\b",
        ];
        let lines = [
            "rotated the api keys every quarter",
            "we rotate keys",
            "stored tokens in the vault",
            "secrets; vault",
            "nothing here",
            "testing things",
            "an école and a café",
            "",
        ];
        for p in patterns {
            let (now, later) = (
                PhrasePattern::compiled(p).unwrap(),
                PhrasePattern::deferred(p),
            );
            for line in lines {
                assert_eq!(
                    now.find(line.as_bytes()),
                    later.find(line.as_bytes()),
                    "{p} {line}"
                );
            }
        }
        // A line without any of the opening literals never builds the pattern.
        let rotate = PhrasePattern::deferred(patterns[0]);
        assert_eq!(rotate.find(b"kept the keys safe"), None);
        assert!(rotate.regex.get().is_none());
        assert_eq!(rotate.find(b"rotated our keys"), Some(0));
        assert!(rotate.regex.get().is_some());
    }

    #[test]
    fn the_built_in_patterns_need_what_a_fresh_parse_finds() {
        let profile = toolkit_profile::Profile::builtin(toolkit_profile::DEFAULT_PROFILE).unwrap();
        let mut sources: Vec<&str> = profile
            .topics
            .iter()
            .flat_map(|t| t.patterns.iter().map(|p| p.regex.as_str()))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        // One that needs Unicode is parsed at run time.
        sources.retain(|s| parse(s, false).is_some());
        let mut stored: Vec<&str> = BUILT_IN_NEEDS.iter().map(|(p, ..)| *p).collect();
        stored.sort_unstable();
        assert_eq!(stored, sources, "every built-in pattern is stored, once");
        for (source, first, then) in BUILT_IN_NEEDS {
            let hir = parse(source, false).expect("a stored pattern parses without Unicode");
            let (f, t) = crate::prefilter::literal_lists(&hir);
            let owned = |list: &[&[u8]]| list.iter().map(|l| l.to_vec()).collect::<Vec<_>>();
            assert_eq!((owned(first), owned(then)), (f, t), "{source}");
        }
    }

    #[test]
    fn the_built_in_patterns_find_the_same_when_deferred() {
        let profile = toolkit_profile::Profile::builtin(toolkit_profile::DEFAULT_PROFILE).unwrap();
        let sources: Vec<&str> = profile
            .topics
            .iter()
            .flat_map(|t| t.patterns.iter().map(|p| p.regex.as_str()))
            .collect();
        assert!(!sources.is_empty());
        let lines = crate::tests::repository_lines();
        let mut found = 0;
        let mut built = 0;
        for source in sources {
            let (now, later) = (
                PhrasePattern::compiled(source).unwrap(),
                PhrasePattern::deferred(source),
            );
            for line in &lines {
                let text = line.to_ascii_lowercase();
                let at = now.find(text.as_bytes());
                assert_eq!(at, later.find(text.as_bytes()), "{source} {text}");
                found += usize::from(at.is_some());
            }
            built += usize::from(later.regex.get().is_some());
        }
        eprintln!("{found} matches; {built} patterns built");
        assert!(found > 0);
    }
}
