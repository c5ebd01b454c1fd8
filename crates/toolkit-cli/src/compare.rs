//! `batch --compare`: matching this run's clients to an earlier run's, and what the
//! cohort's progress report says about them.
//!
//! Clients are matched by name (folded: case, accents, whitespace), so a renamed
//! file is still the same client; a client without a name is matched by file name.
//! Nothing is guessed: a name that two clients share on one side is settled by file
//! name or left unmatched and listed, and two clients with different names are never
//! matched because their files share a name.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use toolkit_match::{Report, Status};
use toolkit_profile::Profile;
use toolkit_sheet::{CheckerChange, ClientChange, CohortProgress, TopicProgress};

use crate::diff::signed;

/// How a client is recognised: the folded name the resume states, and its file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    pub name: Option<String>,
    pub file: Option<String>,
}

/// How the clients of two runs pair up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// (current, previous) positions, in current order.
    pub pairs: Vec<(usize, usize)>,
    /// Current clients with no earlier report.
    pub new: Vec<usize>,
    /// Earlier clients with no resume in this run.
    pub gone: Vec<usize>,
    /// Clients that share a name with another on the same side, not told apart by
    /// their files: (current positions, previous positions) per name.
    pub ambiguous: Vec<(Vec<usize>, Vec<usize>)>,
}

/// The file's last `k` path components, lower-cased, the last without its extension:
/// `clients/Anna/CV.pdf` → `anna/cv` for k = 2.
fn file_key(file: &str, k: usize) -> Option<String> {
    let parts: Vec<&str> = file.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    if parts.len() < k {
        return None;
    }
    let mut tail: Vec<String> = parts[parts.len() - k..]
        .iter()
        .map(|p| p.to_lowercase())
        .collect();
    let last = tail.pop()?;
    let stem = Path::new(&last)
        .file_stem()
        .map_or(last.clone(), |s| s.to_string_lossy().into_owned());
    tail.push(stem);
    Some(tail.join("/"))
}

/// Pairs clients of `cur` and `prev` (positions into `current` and `previous`) whose
/// files share a name that no other client on either side has, trying the file name
/// alone first, then with one and two parent folders. `compatible` can veto a pair.
fn pair_by_file(
    current: &[Who],
    previous: &[Who],
    cur: &mut Vec<usize>,
    prev: &mut Vec<usize>,
    compatible: impl Fn(&Who, &Who) -> bool,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for k in 1..=3 {
        let index = |side: &[Who], pool: &[usize]| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for &i in pool {
                if let Some(key) = side[i].file.as_deref().and_then(|f| file_key(f, k)) {
                    m.entry(key).or_default().push(i);
                }
            }
            m
        };
        let c = index(current, cur);
        let p = index(previous, prev);
        let mut found: Vec<(usize, usize)> = c
            .iter()
            .filter_map(
                |(key, cs)| match (cs.as_slice(), p.get(key).map(Vec::as_slice)) {
                    ([ci], Some([pi])) if compatible(&current[*ci], &previous[*pi]) => {
                        Some((*ci, *pi))
                    }
                    _ => None,
                },
            )
            .collect();
        found.sort_unstable();
        cur.retain(|i| !found.iter().any(|(c, _)| c == i));
        prev.retain(|i| !found.iter().any(|(_, p)| p == i));
        pairs.extend(found);
    }
    pairs
}

/// Matches the clients of this run to those of an earlier one.
pub fn match_clients(current: &[Who], previous: &[Who]) -> Matching {
    let group = |side: &[Who]| {
        let mut m: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, w) in side.iter().enumerate() {
            if let Some(n) = &w.name {
                m.entry(n.clone()).or_default().push(i);
            }
        }
        m
    };
    let by_name_cur = group(current);
    let by_name_prev = group(previous);
    let mut pairs = Vec::new();
    let mut ambiguous = Vec::new();
    let mut settled_cur: HashSet<usize> = HashSet::new();
    let mut settled_prev: HashSet<usize> = HashSet::new();
    for (name, cs) in &by_name_cur {
        let Some(ps) = by_name_prev.get(name) else {
            continue;
        };
        if let ([c], [p]) = (cs.as_slice(), ps.as_slice()) {
            pairs.push((*c, *p));
        } else {
            // The same name more than once: only their files can tell them apart.
            let (mut c, mut p) = (cs.clone(), ps.clone());
            pairs.extend(pair_by_file(current, previous, &mut c, &mut p, |_, _| true));
            if !c.is_empty() || !p.is_empty() {
                ambiguous.push((c, p));
            }
        }
        settled_cur.extend(cs);
        settled_prev.extend(ps);
    }
    // Clients whose name is not on the other side: by file, unless both sides state
    // names and they differ.
    let mut cur: Vec<usize> = (0..current.len())
        .filter(|i| !settled_cur.contains(i))
        .collect();
    let mut prev: Vec<usize> = (0..previous.len())
        .filter(|i| !settled_prev.contains(i))
        .collect();
    let names_agree = |a: &Who, b: &Who| a.name.is_none() || b.name.is_none() || a.name == b.name;
    pairs.extend(pair_by_file(
        current,
        previous,
        &mut cur,
        &mut prev,
        names_agree,
    ));
    pairs.sort_unstable();
    ambiguous.sort();
    Matching {
        pairs,
        new: cur,
        gone: prev,
        ambiguous,
    }
}

/// One returning client, as the progress report sees them.
#[derive(Debug, Clone, Copy)]
pub struct Returning<'a> {
    pub name: &'a str,
    pub before: &'a Report,
    pub after: &'a Report,
}

/// The most clients each progress list names; summary.csv has every row.
const LIST_MAX: usize = 200;

/// The cohort's progress since the earlier run.
pub fn cohort_progress(
    profile: &Profile,
    returning: &[Returning<'_>],
    new: Vec<String>,
    gone: Vec<String>,
    ambiguous: Vec<String>,
    checker_change: Option<CheckerChange>,
) -> CohortProgress {
    let n = returning.len();
    let status = |r: &Report, id: &str| {
        r.topics
            .iter()
            .find(|t| t.id == id)
            .map_or(Status::Missing, |t| t.status)
    };
    let topics: Vec<TopicProgress> = profile
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let count = |f: &dyn Fn(Status, Status) -> bool| {
                returning
                    .iter()
                    .filter(|c| f(status(c.before, &t.id), status(c.after, &t.id)))
                    .count()
            };
            TopicProgress {
                number: i + 1,
                title: t.title.clone(),
                closed: count(&|b, a| b == Status::Missing && a != Status::Missing),
                now_demonstrated: count(&|b, a| {
                    b != Status::Demonstrated && a == Status::Demonstrated
                }),
                reopened: count(&|b, a| b != Status::Missing && a == Status::Missing),
                still_missing: count(&|b, a| b == Status::Missing && a == Status::Missing),
            }
        })
        .collect();
    let mut closed: Vec<TopicProgress> = topics
        .iter()
        .filter(|t| t.closed + t.now_demonstrated + t.reopened > 0)
        .cloned()
        .collect();
    closed.sort_by(|a, b| {
        b.closed
            .cmp(&a.closed)
            .then(b.now_demonstrated.cmp(&a.now_demonstrated))
            .then(a.number.cmp(&b.number))
    });
    let titles = |c: &Returning<'_>, better: bool| {
        c.after
            .topics
            .iter()
            .filter(|t| {
                let b = status(c.before, &t.id);
                if better { t.status > b } else { t.status < b }
            })
            .map(|t| t.title.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let change = |c: &Returning<'_>| i64::from(c.after.score) - i64::from(c.before.score);
    let entry = |c: &Returning<'_>| ClientChange {
        name: c.name.to_string(),
        before: c.before.score,
        after: c.after.score,
        change: signed(change(c)),
        gained: titles(c, true),
        lost: titles(c, false),
    };
    let mut improved: Vec<&Returning<'_>> = returning.iter().filter(|c| change(c) > 0).collect();
    improved.sort_by_key(|c| (std::cmp::Reverse(change(c)), c.name));
    let mut slipped: Vec<&Returning<'_>> = returning
        .iter()
        .filter(|c| change(c) < 0 || (change(c) == 0 && !titles(c, false).is_empty()))
        .collect();
    slipped.sort_by_key(|c| (change(c), c.name));
    let average = |f: &dyn Fn(&Returning<'_>) -> u32| {
        if n == 0 {
            0
        } else {
            (returning.iter().map(|c| f(c) as f64).sum::<f64>() / n as f64).round() as u32
        }
    };
    let unchanged = returning.iter().filter(|c| change(c) == 0).count();
    CohortProgress {
        returning: n,
        improved_count: improved.len(),
        slipped_count: returning.iter().filter(|c| change(c) < 0).count(),
        unchanged_count: unchanged,
        average_before: average(&|c| c.before.score),
        average_after: average(&|c| c.after.score),
        topics: closed,
        improved_omitted: improved.len().saturating_sub(LIST_MAX),
        improved: improved.into_iter().take(LIST_MAX).map(entry).collect(),
        slipped_omitted: slipped.len().saturating_sub(LIST_MAX),
        slipped: slipped.into_iter().take(LIST_MAX).map(entry).collect(),
        new_clients: new,
        gone_clients: gone,
        ambiguous,
        checker_change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(name: Option<&str>, file: &str) -> Who {
        Who {
            name: name.map(toolkit_redact::fold),
            file: Some(file.to_string()),
        }
    }

    #[test]
    fn file_keys() {
        assert_eq!(file_key("clients/Anna/CV.pdf", 1).as_deref(), Some("cv"));
        assert_eq!(
            file_key("clients/Anna/CV.pdf", 2).as_deref(),
            Some("anna/cv")
        );
        assert_eq!(file_key("cv.pdf", 2), None);
    }

    #[test]
    fn matches_by_name_then_file_and_never_guesses() {
        let previous = [
            who(Some("Anna Ng"), "jan/anna.pdf"),
            who(Some("José Díaz"), "jan/jose.docx"),
            who(None, "jan/nameless.md"),
            who(Some("Li Wei"), "jan/li-wei/cv.pdf"),
            who(Some("Li Wei"), "jan/li-wei-2/cv.pdf"),
            who(Some("Sam Lee"), "jan/sam.md"),
            who(Some("Gone Person"), "jan/gone.md"),
            who(Some("Kim Park"), "jan/shared.md"),
        ];
        let current = [
            // renamed and reformatted: matched by name
            who(Some("ANNA  NG"), "mar/anna-ng-v2.docx"),
            who(Some("Jose Diaz"), "mar/jose.pdf"),
            who(None, "mar/nameless.pdf"),
            // two people of one name, told apart by their folders
            who(Some("Li Wei"), "mar/li-wei-2/cv.docx"),
            who(Some("Li Wei"), "mar/li-wei/cv.docx"),
            // the same name twice, and nothing to tell them apart
            who(Some("Sam Lee"), "mar/a/sam.md"),
            who(Some("Sam Lee"), "mar/b/sam.md"),
            who(Some("New Person"), "mar/new.md"),
            // a file name shared with a client of another name is not a match
            who(Some("Someone Else"), "mar/shared.md"),
        ];
        let m = match_clients(&current, &previous);
        assert_eq!(m.pairs, [(0, 0), (1, 1), (2, 2), (3, 4), (4, 3)]);
        assert_eq!(m.ambiguous, [(vec![5, 6], vec![5])]);
        assert_eq!(m.new, [7, 8]);
        assert_eq!(m.gone, [6, 7]);
    }
}
