//! A time still to come makes a clause a plan: "the hospital is starting a cloud pilot
//! next year", "exam booked for next spring", "in the next year". Read word by word
//! rather than by a mood pattern: "any word but `the`" before "next" would make the
//! build-time automaton ten times larger, or be searched in every clause at run time.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// The times "next" points to.
const PERIODS: &[&str] = &[
    "year", "month", "week", "quarter", "term", "semester", "spring", "summer", "autumn", "fall",
    "winter",
];

/// The words before "the next year" that still point ahead: "in the next year".
const AHEAD: &[&str] = &["in", "within", "over", "during"];

/// Words of a heading over plans: "Goals", "Plans for 2025", "Next steps", "Roadmap".
const PLAN_WORDS: &[&str] = &[
    "goal",
    "goals",
    "plan",
    "plans",
    "roadmap",
    "wishlist",
    "aspiration",
    "aspirations",
];

/// Phrases of a heading over plans: "What's next", "Things I want to learn".
const PLAN_PHRASES: &[&str] = &[
    "next step",
    "what's next",
    "what next",
    "want to learn",
    "looking ahead",
];

/// True when a section heading names goals or plans.
pub(crate) fn names_plans(heading: &str) -> bool {
    let lower = heading.to_lowercase().replace('’', "'");
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| PLAN_WORDS.contains(&w))
        || PLAN_PHRASES.iter().any(|p| lower.contains(p))
}

/// What every time to come [`time_to_come`] finds holds: a clause without it names none.
pub(crate) const NEXT: &str = "next ";

/// True when a lower-cased clause names a time still to come. Not after "the" ("used
/// it the next week", "sales recovered the next quarter") unless "in", "within",
/// "over" or "during" comes before it; not after a figure ("losses down to 8% next
/// winter", a result told tersely); not before "'s" ("next year's committee"); and not
/// opening a clause ("; next month I used the analyser" goes on with a story).
pub(crate) fn time_to_come(clause: &str) -> bool {
    static FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(NEXT));
    FINDER.find_iter(clause.as_bytes()).any(|at| {
        let before = &clause[..at];
        let after = &clause[at + NEXT.len()..];
        let words_before = || before.split_whitespace().rev();
        if !before.ends_with(' ') {
            return false;
        }
        match words_before().next() {
            Some("the") => {
                let ahead = words_before().nth(1).is_some_and(|w| AHEAD.contains(&w));
                let after = after.strip_prefix("few ").unwrap_or(after);
                ahead && names_period(after, true)
            }
            Some(w) => {
                w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
                    && names_period(after, false)
            }
            None => false,
        }
    })
}

/// True when `text` opens with one of [`PERIODS`] (in the plural too, if `plural`) as a
/// whole word, not followed by "'s".
fn names_period(text: &str, plural: bool) -> bool {
    PERIODS.iter().any(|p| {
        text.strip_prefix(p).is_some_and(|rest| {
            let rest = if plural {
                rest.strip_prefix('s').unwrap_or(rest)
            } else {
                rest
            };
            !rest.starts_with(|c: char| c.is_ascii_lowercase() || c == '\'' || c == '’')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{names_plans, time_to_come};

    #[test]
    fn headings_over_plans() {
        for h in [
            "Goals for the next six months",
            "GOALS",
            "Next steps",
            "What’s next",
            "Plans",
        ] {
            assert!(names_plans(h), "{h}");
        }
        for h in [
            "Experience",
            "Planning and logistics",
            "Goalkeeping coach",
            "Projects",
        ] {
            assert!(!names_plans(h), "{h}");
        }
    }

    #[test]
    fn a_time_still_to_come() {
        for clause in [
            "the hospital is starting a cloud pilot next year and i've asked to join",
            "booked the az-900 exam for next spring.",
            "i want to learn go in the next year",
            "hoping to sit it within the next few months",
            "moving the reports to aws next quarter",
        ] {
            assert!(time_to_come(clause), "{clause}");
        }
        for clause in [
            "used it the next week on a dhcp storm",
            "sales recovered the next quarter",
            "losses down to 8% next winter",
            "handed the society over to next year's committee",
            " next month i used the analyser",
            "next month i used the analyser",
            "planned the next steps",
            "the next-year budget",
        ] {
            assert!(!time_to_come(clause), "{clause}");
        }
    }
}
