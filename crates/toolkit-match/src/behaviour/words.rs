//! Word stems of a sentence, for the models' word features.
//!
//! A light suffix stripper, the same at training and at matching time: lower-case
//! ASCII words lose a plural, past or progressive ending and a final vowel, and a
//! doubled consonant left by that is halved ("tripped", "trips" → "trip";
//! "logging", "logs" → "log"; "studies", "studying" → "stud"). Numbers are `#`.

/// A word of a sentence: its stem and where it starts in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stem {
    pub stem: String,
    pub start: usize,
}

/// The stems of the words of `sentence`, in order, and then (with `bigrams`) each
/// pair of neighbouring stems as `a_b`, placed at the first word.
pub fn stems_and_pairs(sentence: &str, bigrams: bool) -> Vec<Stem> {
    let mut out = stems(sentence);
    if bigrams {
        let pairs: Vec<Stem> = out
            .windows(2)
            .map(|p| Stem {
                stem: format!("{}_{}", p[0].stem, p[1].stem),
                start: p[0].start,
            })
            .collect();
        out.extend(pairs);
    }
    out
}

/// The stems of the words of `sentence`, in order.
pub fn stems(sentence: &str) -> Vec<Stem> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
    {
        let word = c.is_alphanumeric() || c == '\'' && start.is_some();
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = sentence[s..i].trim_end_matches('\'');
                if !w.is_empty() {
                    out.push(Stem {
                        stem: stem(w),
                        start: s,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The stem of one word.
pub fn stem(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return "#".to_string();
    }
    let lower = word.to_lowercase();
    if !lower.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        return lower;
    }
    let w = lower.trim_end_matches("'s").replace('\'', "");
    let mut s: &str = &w;
    let mut stripped = false;
    for (suffix, min) in [("ing", 6), ("ed", 5), ("es", 5), ("ly", 5), ("s", 4)] {
        if s.len() >= min && s.ends_with(suffix) && !(suffix == "s" && s.ends_with("ss")) {
            s = &s[..s.len() - suffix.len()];
            stripped = true;
            break;
        }
    }
    if s.len() > 3 && s.ends_with(['e', 'y', 'i']) {
        s = &s[..s.len() - 1];
    }
    let b = s.as_bytes();
    if stripped
        && b.len() > 3
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(
            b[b.len() - 1],
            b'l' | b's' | b'a' | b'e' | b'i' | b'o' | b'u'
        )
    {
        s = &s[..s.len() - 1];
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word_share_a_stem() {
        for group in [
            &["trip", "trips", "tripped", "tripping"][..],
            &["log", "logs", "logged", "logging"],
            &["crash", "crashes", "crashed", "crashing"],
            &["trace", "traced", "traces", "tracing"],
            &["mentor", "mentors", "mentored", "mentoring"],
            &["studies", "studied", "study"],
            &["pass", "passed", "passes", "passing"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?}: {stems:?}");
        }
        assert_eq!(stem("2024"), "#");
        assert_eq!(stem("Łukasz"), "łukasz");
    }

    #[test]
    fn words_keep_their_offsets() {
        let s = stems("Kept crashing; it's 40% off");
        let got: Vec<(&str, usize)> = s.iter().map(|x| (x.stem.as_str(), x.start)).collect();
        assert_eq!(
            got,
            [
                ("kept", 0),
                ("crash", 5),
                ("it", 15),
                ("#", 20),
                ("off", 24)
            ]
        );
    }
}
