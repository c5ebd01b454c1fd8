//! Bounds on profile data, so that no profile can make checking a resume slow.
//!
//! A profile is compiled once and then run over every line of every resume: a few
//! hundred thousand terms, a term of a megabyte or a pattern like `.{0,9999}x` turn
//! into minutes per resume. These limits are far above what a real profile needs
//! (the built-in one has 13 topics, about 600 spellings and 43 patterns, the
//! largest repetition `{0,100}`).

use regex_syntax::ast::{self, Ast, RepetitionKind, RepetitionRange};

use crate::{Profile, Term};

/// The most topics a profile may have.
pub const MAX_TOPICS: usize = 100;
/// The most spellings (names and aliases, over topics and technologies).
pub const MAX_SPELLINGS: usize = 5_000;
/// The longest spelling, false friend or label, in characters.
pub const MAX_TERM_CHARS: usize = 100;
/// The most false friends over all topics.
pub const MAX_FALSE_FRIENDS: usize = 2_000;
/// The most phrase patterns over all topics.
pub const MAX_PATTERNS: usize = 500;
/// The longest pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 2_000;
/// The largest count in a counted repetition (`x{0,200}`).
pub const MAX_REPETITION: u32 = 200;
/// The most memory one compiled pattern may take (the matcher's compile limit).
pub const MAX_PATTERN_BYTES: usize = 2 << 20;

/// Checks the sizes of a profile's data; the message names what is over which limit.
pub(crate) fn check(profile: &Profile) -> Result<(), String> {
    if profile.topics.len() > MAX_TOPICS {
        return Err(format!(
            "{} topics, over the limit of {MAX_TOPICS}",
            profile.topics.len()
        ));
    }
    let terms = profile
        .topics
        .iter()
        .flat_map(|t| t.terms.iter().map(move |term| (Some(t.id.as_str()), term)))
        .chain(profile.technologies.iter().map(|term| (None, term)));
    let mut spellings = 0;
    for (topic, term) in terms {
        spellings += 1 + term.aliases.len();
        if spellings > MAX_SPELLINGS {
            return Err(format!(
                "more than {MAX_SPELLINGS} term names and aliases; split the profile"
            ));
        }
        check_term(term).map_err(|m| match topic {
            Some(id) => format!("topic `{id}`: {m}"),
            None => format!("technologies: {m}"),
        })?;
    }
    let false_friends: usize = profile.topics.iter().map(|t| t.false_friends.len()).sum();
    if false_friends > MAX_FALSE_FRIENDS {
        return Err(format!(
            "{false_friends} false friends, over the limit of {MAX_FALSE_FRIENDS}"
        ));
    }
    let patterns: usize = profile.topics.iter().map(|t| t.patterns.len()).sum();
    if patterns > MAX_PATTERNS {
        return Err(format!(
            "{patterns} patterns, over the limit of {MAX_PATTERNS}"
        ));
    }
    for t in &profile.topics {
        let at = |what: String| format!("topic `{}`: {what}", t.id);
        for f in &t.false_friends {
            check_text(f, "false friend").map_err(at)?;
        }
        for p in &t.patterns {
            check_text(&p.label, "pattern label").map_err(at)?;
            check_pattern(&p.regex).map_err(|m| at(format!("pattern `{}` {m}", p.label)))?;
        }
    }
    Ok(())
}

fn check_term(term: &Term) -> Result<(), String> {
    for spelling in term.spellings() {
        check_text(spelling, "term").map_err(|m| {
            if spelling == term.name {
                m
            } else {
                format!("term `{}`: {m}", shorten(&term.name))
            }
        })?;
    }
    Ok(())
}

/// A spelling, false friend or label: not blank, not too long.
fn check_text(text: &str, what: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("a {what} is empty or blank"));
    }
    let chars = text.chars().count();
    if chars > MAX_TERM_CHARS {
        return Err(format!(
            "{what} `{}` is {chars} characters long, over the limit of {MAX_TERM_CHARS}",
            shorten(text)
        ));
    }
    Ok(())
}

/// A pattern is valid and repeats nothing too often.
fn check_pattern(pattern: &str) -> Result<(), String> {
    let chars = pattern.chars().count();
    if chars > MAX_PATTERN_CHARS {
        return Err(format!(
            "is {chars} characters long, over the limit of {MAX_PATTERN_CHARS}"
        ));
    }
    let ast = ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| format!("is not a valid regular expression: {}", e.kind()))?;
    ast::visit(&ast, Repetitions)?;
    // The rest of the syntax (classes, escapes) is checked here; the size of the
    // compiled program by the matcher, which builds it once with a size limit.
    regex_syntax::Parser::new().parse(pattern).map_err(|e| {
        format!(
            "is not a valid regular expression: {}",
            e.to_string().lines().last().unwrap_or("").trim()
        )
    })?;
    Ok(())
}

/// Refuses counted repetitions over [`MAX_REPETITION`].
struct Repetitions;

impl ast::Visitor for Repetitions {
    type Output = ();
    type Err = String;

    fn finish(self) -> Result<(), String> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), String> {
        if let Ast::Repetition(rep) = ast
            && let RepetitionKind::Range(range) = &rep.op.kind
        {
            let count = match *range {
                RepetitionRange::Exactly(n) | RepetitionRange::AtLeast(n) => n,
                RepetitionRange::Bounded(m, n) => m.max(n),
            };
            if count > MAX_REPETITION {
                return Err(format!(
                    "repeats something {count} times, over the limit of {MAX_REPETITION}: use `*` or `+`, or a smaller count"
                ));
            }
        }
        Ok(())
    }
}

/// The start of a long value, for a message.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        text.chars().take(40).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_bounded() {
        assert_eq!(check_pattern(r"\bfix(ed)?\b.{0,100}bug"), Ok(()));
        assert_eq!(
            check_pattern(".{0,9999}x").unwrap_err(),
            "repeats something 9999 times, over the limit of 200: use `*` or `+`, or a smaller count"
        );
        assert!(check_pattern("a{300}").is_err());
        assert!(check_pattern("(a{2,}){250,}").is_err());
        assert_eq!(
            check_pattern("(").unwrap_err(),
            "is not a valid regular expression: unclosed group"
        );
        // Within the counts but nested into something enormous: valid here, refused
        // by the matcher's size-limited compile.
        assert_eq!(check_pattern(r"((\w{200}){200}){200}"), Ok(()));
        assert!(
            check_pattern(&"a".repeat(3000))
                .unwrap_err()
                .contains("3000 characters")
        );
    }

    #[test]
    fn texts_are_not_blank_or_huge() {
        assert_eq!(check_text("Go", "term"), Ok(()));
        assert_eq!(
            check_text("  ", "term").unwrap_err(),
            "a term is empty or blank"
        );
        assert!(
            check_text(&"x".repeat(101), "term")
                .unwrap_err()
                .contains("101 characters")
        );
    }
}
