//! Recognising misspelled technology names ("Postgress", "Kubernets").
//!
//! A symmetric-deletion index (every spelling with one or two letters removed)
//! finds candidates in a few hash lookups per token; `strsim`'s optimal string
//! alignment distance then confirms them. Short words and ordinary English words are
//! never flagged.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The shortest spelling that is checked for misspellings.
const MIN_LEN: usize = 5;

static ENGLISH: OnceLock<HashSet<&'static str>> = OnceLock::new();

/// Ordinary English words (lower case), which are never misspellings.
pub(crate) fn english() -> &'static HashSet<&'static str> {
    ENGLISH.get_or_init(|| include_str!("../data/english-words.txt").lines().collect())
}

/// The edit distance allowed for a word of this many characters.
fn max_distance(len: usize) -> usize {
    if len >= 9 { 2 } else { 1 }
}

#[derive(Debug)]
pub(crate) struct FuzzyIndex {
    /// Normalised spelling → needle index.
    spellings: Vec<(String, usize)>,
    deletes: HashMap<String, Vec<u32>>,
}

/// Lower-cases and keeps letters and digits only: "Node.js" → "nodejs".
pub(crate) fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn deletions(word: &str, depth: usize, out: &mut HashSet<String>) {
    if depth == 0 {
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    for i in 0..chars.len() {
        let shorter: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
        if out.insert(shorter.clone()) {
            deletions(&shorter, depth - 1, out);
        }
    }
}

impl FuzzyIndex {
    /// Builds the index over single-word spellings (with their needle index).
    pub(crate) fn new<'a>(spellings: impl IntoIterator<Item = (&'a str, usize)>) -> FuzzyIndex {
        let mut list: Vec<(String, usize)> = Vec::new();
        let mut seen = HashSet::new();
        for (spelling, needle) in spellings {
            if spelling.contains(char::is_whitespace) {
                continue;
            }
            let norm = normalize(spelling);
            if norm.chars().count() < MIN_LEN || !seen.insert(norm.clone()) {
                continue;
            }
            list.push((norm, needle));
        }
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, (norm, _)) in list.iter().enumerate() {
            let mut variants = HashSet::from([norm.clone()]);
            deletions(norm, max_distance(norm.chars().count()), &mut variants);
            for v in variants {
                deletes.entry(v).or_default().push(i as u32);
            }
        }
        FuzzyIndex {
            spellings: list,
            deletes,
        }
    }

    /// The needle a misspelled token most likely means, if any.
    pub(crate) fn lookup(&self, token: &str) -> Option<usize> {
        let len = token.chars().count();
        if len < MIN_LEN || token.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let norm = normalize(token);
        if english().contains(norm.as_str()) {
            return None;
        }
        let mut variants = HashSet::from([norm.clone()]);
        deletions(&norm, max_distance(len), &mut variants);
        let mut best: Option<(usize, &str, usize)> = None;
        for v in &variants {
            for &i in self.deletes.get(v).into_iter().flatten() {
                let (cand, needle) = &self.spellings[i as usize];
                let d = strsim::osa_distance(&norm, cand);
                let allowed = max_distance(cand.chars().count().min(len));
                // Distance 0 is a case or punctuation variant, not a misspelling; a
                // different first letter is more often another word than a typo.
                if d == 0 || d > allowed || cand.chars().next() != norm.chars().next() {
                    continue;
                }
                if best.is_none_or(|(bd, bc, _)| (d, cand.as_str()) < (bd, bc)) {
                    best = Some((d, cand, *needle));
                }
            }
        }
        best.map(|(_, _, needle)| needle)
    }
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
        ])
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
        ];
        for (token, want) in cases {
            assert_eq!(idx.lookup(token), want, "{token}");
        }
    }

    #[test]
    fn never_flags_variants_short_or_english_words() {
        let idx = index();
        for token in [
            "Github", "POSTGRES", "Docket", "Flash", "Nails", "docker", "Gox", "Redis2", "Fred",
        ] {
            assert_eq!(idx.lookup(token), None, "{token}");
        }
    }
}
