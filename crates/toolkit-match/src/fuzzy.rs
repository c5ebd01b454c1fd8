//! Recognising misspelled technology names ("Postgress", "Kubernets").
//!
//! Candidates are bucketed by first letter; a token is compared, with `strsim`'s
//! optimal string alignment distance, only with the spellings of its bucket whose
//! length is close enough to be a typo. Two more kinds of typo are allowed one edit
//! more: the same letters with one moved ("Phyton", "Heruko"), and a spelling by ear
//! ("Graphana": `ph` for `f`, `ck` for `k`, a doubled letter). Short words and
//! ordinary English words are never flagged.

use std::collections::{BTreeMap, HashSet};

/// The shortest spelling that is checked for misspellings.
pub(crate) const MIN_LEN: usize = 5;

/// The edit distance allowed for a word of this many characters.
fn max_distance(len: usize) -> usize {
    if len >= 9 { 2 } else { 1 }
}

/// A spelling as compared.
#[derive(Debug)]
struct Candidate {
    /// Normalised ("nodejs").
    spelling: String,
    /// In characters.
    len: usize,
    needle: usize,
    letters: Letters,
}

#[derive(Debug)]
pub(crate) struct FuzzyIndex {
    /// First letter → the spellings that start with it; sorted by letter for a
    /// binary search (no hashing on the hot path).
    buckets: Vec<(char, Vec<Candidate>)>,
    /// The bucket of each ASCII first letter, looked up without a search.
    ascii_buckets: [Option<usize>; 128],
}

/// True when `token` is written in camel case and its parts are ordinary English
/// words ("RenderDoc", "PostGrass"): the name of something else, not a typo of a name.
/// The word list starts at four letters, so a shorter part ("Doc") passes unasked, but
/// one part at least must be a word of the list ("GitHib" is still a typo).
fn english_compound(token: &str) -> bool {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in token.char_indices() {
        if c.is_uppercase() && prev_lower {
            parts.push(&token[start..i]);
            start = i;
        }
        prev_lower = c.is_lowercase();
    }
    parts.push(&token[start..]);
    let english = |p: &str| toolkit_document::words::is_english(&p.to_lowercase());
    parts.len() >= 2
        && parts.iter().all(|p| p.chars().all(char::is_alphabetic))
        && parts.iter().all(|p| p.chars().count() < 4 || english(p))
        && parts.iter().any(|p| p.chars().count() >= 4)
}

/// True when `norm` is `cand` and one more letter, not a repeat of its last.
fn extends(norm: &str, cand: &str) -> bool {
    norm.strip_prefix(cand).is_some_and(|rest| {
        let mut more = rest.chars();
        matches!((more.next(), more.next()), (Some(c), None) if !cand.ends_with(c))
    })
}

/// Lower-cases and keeps letters and digits only: "Node.js" → "nodejs".
pub(crate) fn normalize(s: &str) -> String {
    if s.is_ascii() {
        return ascii_folded(s).map(char::from).collect();
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The bytes [`normalize`] keeps of an ASCII string, lower-cased.
fn ascii_folded(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// [`normalize`] of an ASCII token into `room`, when it fits.
fn normalize_ascii<'r>(token: &str, room: &'r mut [u8]) -> Option<&'r str> {
    if !token.is_ascii() || token.len() > room.len() {
        return None;
    }
    let mut len = 0;
    for b in ascii_folded(token) {
        room[len] = b;
        len += 1;
    }
    std::str::from_utf8(&room[..len]).ok()
}

impl FuzzyIndex {
    /// Builds the index over single-word spellings (with their needle index).
    pub(crate) fn new<'a>(spellings: impl IntoIterator<Item = (&'a str, usize)>) -> FuzzyIndex {
        let mut buckets: BTreeMap<char, Vec<Candidate>> = BTreeMap::new();
        let mut seen = HashSet::new();
        for (spelling, needle) in spellings {
            if spelling.contains(char::is_whitespace) {
                continue;
            }
            let norm = normalize(spelling);
            let len = norm.chars().count();
            if len < MIN_LEN || !seen.insert(norm.clone()) {
                continue;
            }
            if let Some(first) = norm.chars().next() {
                let letters = Letters::of(&norm);
                buckets.entry(first).or_default().push(Candidate {
                    spelling: norm,
                    len,
                    needle,
                    letters,
                });
            }
        }
        let buckets: Vec<(char, Vec<Candidate>)> = buckets.into_iter().collect();
        let mut ascii_buckets = [None; 128];
        for (at, (first, _)) in buckets.iter().enumerate() {
            if let Some(slot) = ascii_buckets.get_mut(*first as usize) {
                *slot = Some(at);
            }
        }
        FuzzyIndex {
            buckets,
            ascii_buckets,
        }
    }

    /// The needle a misspelled token most likely means, if any.
    pub(crate) fn lookup(&self, token: &str) -> Option<usize> {
        let ascii = token.is_ascii();
        let len = if ascii {
            token.len()
        } else {
            token.chars().count()
        };
        if len < MIN_LEN || token.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        // A different first letter is more often another word than a typo.
        let at = if ascii {
            let first = token.as_bytes()[0].to_ascii_lowercase();
            self.ascii_buckets[usize::from(first)]?
        } else {
            let first = token.chars().next()?.to_lowercase().next()?;
            self.buckets
                .binary_search_by_key(&first, |(c, _)| *c)
                .ok()?
        };
        let bucket = &self.buckets[at].1;
        if !bucket
            .iter()
            .any(|c| c.len.abs_diff(len) <= max_distance(len.max(c.len)))
        {
            return None;
        }
        // Most tokens are short ASCII words: a lower-case one is its own normal
        // form, and any other is normalised on the stack, not allocated.
        let mut room = [0u8; 48];
        let owned;
        let norm: &str = if token.bytes().all(|b| b.is_ascii_lowercase()) {
            token
        } else {
            match normalize_ascii(token, &mut room) {
                Some(norm) => norm,
                None => {
                    owned = normalize(token);
                    &owned
                }
            }
        };
        if toolkit_document::words::is_english(norm) {
            return None;
        }
        let letters = Letters::of(norm);
        let mut best: Option<(usize, &str, usize)> = None;
        for c in bucket {
            let cand = c.spelling.as_str();
            let allowed = max_distance(c.len.min(len));
            if c.len.abs_diff(len) > allowed {
                continue;
            }
            // Every kind of typo is at most one edit more than allowed.
            if letters.distance(&c.letters) > allowed + 1 {
                continue;
            }
            let d = strsim::osa_distance(norm, cand);
            // Distance 0 is a case or punctuation variant, and a plural is a plural,
            // not a misspelling; nor is a name that runs on past the whole name by a
            // letter other than its last ("kotlinx"), which a typo doubles ("Postgress").
            if d == 0
                || norm.strip_suffix('s').is_some_and(|stem| stem == cand)
                || extends(norm, cand)
            {
                continue;
            }
            let near = d <= allowed
                || (d <= allowed + 1
                    && (same_letters(norm, cand)
                        || strsim::osa_distance(&by_ear(norm), &by_ear(cand)) <= allowed));
            if !near {
                continue;
            }
            if best.is_none_or(|(bd, bc, _)| (d, cand) < (bd, bc)) {
                best = Some((d, cand, c.needle));
            }
        }
        // Asked only of a word near a spelling: most words are near none.
        best.filter(|_| !english_compound(token))
            .map(|(_, _, needle)| needle)
    }
}

/// How often each letter and digit occurs in a word (other characters share one
/// count). The letters one word has and the other lacks, counted on the side that
/// has more of them, never exceed the edit distance between the two (an edit changes
/// at most one letter on each side, a transposition none), and every kind of typo
/// is within one edit more than allowed: a candidate further off than that is
/// skipped before any distance is computed.
#[derive(Debug)]
struct Letters([u8; 37]);

impl Letters {
    fn of(word: &str) -> Letters {
        let mut counts = [0u8; 37];
        for c in word.chars() {
            let i = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                _ => 36,
            };
            counts[i] = counts[i].saturating_add(1);
        }
        Letters(counts)
    }

    fn distance(&self, other: &Letters) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
        }
        more.max(fewer)
    }
}

/// True when two words are made of the same letters (one moved: "phyton", "python").
fn same_letters(a: &str, b: &str) -> bool {
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().collect();
        v.sort_unstable();
        v
    };
    a.len() == b.len() && sorted(a) == sorted(b)
}

/// A word as it sounds, roughly: `ph` is `f`, `ck` is `k`, a doubled letter is one.
fn by_ear(word: &str) -> String {
    let replaced = word.replace("ph", "f").replace("ck", "k");
    let mut out = String::with_capacity(replaced.len());
    for c in replaced.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FuzzyIndex {
        FuzzyIndex::new([
            ("PostgreSQL", 0),
            ("Postgres", 0),
            ("Kubernetes", 1),
            ("JavaScript", 2),
            ("Docker", 3),
            ("GitHub", 4),
            ("Python", 5),
            ("Redis", 6),
            ("Swagger", 7),
            ("Flask", 8),
            ("Rails", 9),
            ("Go", 10),
            ("Grafana", 11),
            ("Heroku", 12),
        ])
    }

    #[test]
    fn short_ascii_tokens_normalise_on_the_stack_as_on_the_heap() {
        let mut room = [0u8; 48];
        for token in [
            "Node.js",
            "Kubernetes",
            "C++",
            "k8s",
            "",
            "--",
            "PostgreSQL's",
        ] {
            assert_eq!(
                normalize_ascii(token, &mut room),
                Some(normalize(token).as_str()),
                "{token}"
            );
        }
        assert_eq!(normalize_ascii("Łódź", &mut room), None);
        assert_eq!(normalize_ascii(&"a".repeat(49), &mut room), None);
    }

    #[test]
    fn finds_misspellings() {
        let idx = index();
        let cases = [
            ("Postgress", Some(0)),
            ("Kubernets", Some(1)),
            ("Kuberentes", Some(1)),
            ("Javscript", Some(2)),
            ("Dockr", Some(3)),
            ("Gihub", Some(4)),
            ("Pyhton", Some(5)),
            ("Reddis", Some(6)),
            ("Swager", Some(7)),
            ("Phyton", Some(5)),
            ("Kuberntees", Some(1)),
            // A doubled last letter is a typo; so is a camel-case word with a part that
            // is not English.
            ("Pythonn", Some(5)),
            ("PostGress", Some(0)),
            ("GitHib", Some(4)),
        ];
        for (token, want) in cases {
            assert_eq!(idx.lookup(token), want, "{token}");
        }
        assert_eq!(idx.lookup("Graphana"), Some(11));
        assert_eq!(idx.lookup("Heruko"), Some(12));
    }

    #[test]
    fn the_letter_count_bound_never_exceeds_the_distance() {
        let words = [
            "postgres",
            "postgress",
            "kubernetes",
            "kuberentes",
            "phyton",
            "python",
            "graphana",
            "grafana",
            "heruko",
            "heroku",
            "nodejs",
            "node2js",
            "aaaa",
            "",
            "x",
            "résumé",
            "resume",
        ];
        for a in words {
            for b in words {
                let bound = Letters::of(a).distance(&Letters::of(b));
                assert!(bound <= strsim::osa_distance(a, b), "{a} {b}");
            }
        }
    }

    #[test]
    fn never_flags_variants_short_or_english_words() {
        let idx = index();
        for token in [
            "Github",
            "POSTGRES",
            "Docket",
            "Flash",
            "Nails",
            "docker",
            "Gox",
            "Redis2",
            "Fred",
            "Pythons",
            "Pythonx",
            "PostGrass",
        ] {
            assert_eq!(idx.lookup(token), None, "{token}");
        }
    }
}
