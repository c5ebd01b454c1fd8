//! Clauses that report what someone other than the writer did: "my manager ran the code
//! reviews" (read by a pattern in `rules.rs`), and the same in the passive, "login is
//! handled by the other team with Keycloak" (read here, word by word).

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::moods::OTHERS;

/// Groups of people that do the work of a passive clause besides [`OTHERS`].
const GROUPS: &[&str] = &[
    "team",
    "department",
    "staff",
    "squad",
    "crew",
    "office",
    "unit",
    "group",
];

/// The auxiliaries of the passive.
const AUXILIARIES: &[&str] = &["is", "are", "was", "were", "been", "being"];

/// Participles that do not end in "-ed".
const IRREGULAR: &[&str] = &[
    "made", "run", "done", "built", "written", "kept", "held", "led", "given", "taken", "chosen",
];

/// Adverbs between the auxiliary and the participle that do not end in "-ly": "was
/// also set up by".
const ADVERBS: &[&str] = &[
    "also", "already", "then", "later", "first", "still", "all", "since",
];

/// What may stand before the doer: "by the other team", "by an outside contractor".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "their", "his", "her", "other", "another", "some", "two", "three", "outside",
    "external",
];

/// Words by which a clause has its writer act or be acted on (not "our", which names
/// the writer's workplace as often: "login in our system is handled by the other
/// team").
pub(crate) const WRITER_ACTS: &[&str] = &[
    "i",
    "me",
    "myself",
    "we",
    "us",
    "ourselves",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "we're",
    "we've",
    "we'd",
];

/// The writer's possessives: with [`WRITER_ACTS`], the words by which a clause mentions
/// its writer.
pub(crate) const WRITER_OWNS: &[&str] = &["my", "mine", "our", "ours"];

/// What every passive done by others ([`passive_by_others`]) holds: a clause without
/// it is in none.
pub(crate) const BY: &str = " by ";

/// True when a lower-cased clause is in the passive with someone else as the doer
/// ("login is handled by the other team", "the servers were set up by an outside
/// contractor", "was designed and run by the infrastructure lead") and never has its
/// writer act. Only with an auxiliary: without one, the participle describes a thing
/// the writer may have worked on ("deployed to the account set up by the platform
/// team").
pub(crate) fn passive_by_others(clause: &str) -> bool {
    static FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(BY));
    if FINDER.find(clause.as_bytes()).is_none() {
        return false;
    }
    let words: Vec<&str> = crate::text::runs(clause, |c| {
        c.is_ascii_alphanumeric() || c == '\'' || c == '-'
    })
    .map(|(_, w)| w)
    .collect();
    if words.iter().any(|w| WRITER_ACTS.contains(w)) {
        return false;
    }
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| **w == "by")
        .any(|(i, _)| passive_before(&words[..i]) && doer_after(&words[i + 1..]))
}

/// True when `before` ends in an auxiliary and a participle: "is handled", "were set
/// up", "was quickly fixed", "was designed and run".
fn passive_before(before: &[&str]) -> bool {
    let participle = |w: &str| {
        w.len() > 3 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase())
            || IRREGULAR.contains(&w)
    };
    // Where the participle (or "set up") that ends at `end` starts.
    let verb_start = |end: usize| -> Option<usize> {
        match before[..end] {
            [.., "set", "up"] => Some(end - 2),
            [.., w] if participle(w) => Some(end - 1),
            _ => None,
        }
    };
    let Some(mut at) = verb_start(before.len()) else {
        return false;
    };
    if at > 0
        && before[at - 1] == "and"
        && let Some(first) = verb_start(at - 1)
    {
        at = first;
    }
    if at > 0 && (before[at - 1].ends_with("ly") || ADVERBS.contains(&before[at - 1])) {
        at -= 1;
    }
    at > 0 && AUXILIARIES.contains(&before[at - 1])
}

/// True when `after` opens with a determiner and names, within three words, a person
/// or a group: "the other team", "an outside contractor", "the senior devs".
fn doer_after(after: &[&str]) -> bool {
    let Some((first, rest)) = after.split_first() else {
        return false;
    };
    let doer = |w: &str| OTHERS.contains(&w) || GROUPS.contains(&w);
    DETERMINERS.contains(first)
        && rest.iter().take(3).any(|w| {
            doer(w)
                || [w.strip_suffix('s'), w.strip_suffix("es")]
                    .into_iter()
                    .flatten()
                    .any(doer)
        })
}

#[cfg(test)]
mod tests {
    use super::passive_by_others;

    #[test]
    fn the_passive_with_another_doer() {
        for clause in [
            "login in our system is handled by the other team with keycloak",
            "the servers were set up by an outside contractor on aws",
            "the migration was designed and run by the infrastructure lead",
            "the reports are quickly checked by two senior analysts",
            "the cluster is run by the platform teams",
            "the rota was set up by the boss",
        ] {
            assert!(passive_by_others(clause), "{clause}");
        }
        for clause in [
            // No auxiliary: the thing someone else made is what the writer worked on.
            "deployed the app to the aws account set up by the platform team",
            // The writer acts.
            "the servers were set up by an outside contractor, and i moved them to aws",
            // Not a person or a group.
            "the load was cut by a third by caching",
            "was reduced by the new index",
            "the page is served by nginx",
        ] {
            assert!(!passive_by_others(clause), "{clause}");
        }
    }
}
