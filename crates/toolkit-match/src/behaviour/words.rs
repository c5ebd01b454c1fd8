//! Word stems of a sentence, for the models' word features.
//!
//! A light suffix stripper, the same at training and at matching time: lower-case
//! ASCII words lose a plural, past or progressive ending and a final vowel, and a
//! doubled consonant left by that is halved ("tripped", "trips" → "trip";
//! "logging", "logs" → "log"; "studies", "studying" → "stud"). Numbers are `#`.
//! Each stem, and each pair of neighbouring stems (`a_b`), is known by its FNV-1a
//! hash, which is how the learned weights are looked up; the text is kept only when
//! asked for (to fit the models).

use toolkit_profile::weights::{fnv1a, fnv1a_continue};

/// A stem (or a pair of stems) of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stem {
    pub hash: u64,
    /// Where the (first) word starts in the sentence.
    pub start: usize,
    /// Where the (last) word ends.
    pub end: usize,
    /// The stem's text, when asked for.
    pub text: Option<String>,
}

/// The stems of the words of `sentence`, in order, then (with `pairs`) each pair of
/// neighbouring stems.
#[cfg(test)]
pub fn stems(sentence: &str, pairs: bool, keep_text: bool) -> Vec<Stem> {
    let mut out = Vec::new();
    stems_into(
        sentence,
        pairs,
        keep_text,
        &mut out,
        &mut Vec::new(),
        &mut String::new(),
    );
    out
}

/// [`stems`] into `out` (cleared first), with `pair_stems` as room for the pairs and
/// `buf` for a word.
pub fn stems_into(
    sentence: &str,
    pairs: bool,
    keep_text: bool,
    out: &mut Vec<Stem>,
    pair_stems: &mut Vec<Stem>,
    buf: &mut String,
) {
    out.clear();
    pair_stems.clear();
    let mut prev: Option<(u64, usize, String)> = None;
    let is_letter = |c: char| c.is_ascii_alphanumeric() || !c.is_ascii() && c.is_alphanumeric();
    let mut i = 0;
    while i < sentence.len() {
        let (c, len) = crate::text::char_at(sentence, i);
        i += len;
        if !is_letter(c) {
            continue;
        }
        // A word: letters and digits, and the apostrophes inside it ("team's").
        let s = i - len;
        while i < sentence.len() {
            let (c, len) = crate::text::char_at(sentence, i);
            if !(is_letter(c) || c == '\'') {
                break;
            }
            i += len;
        }
        let w = sentence[s..i].trim_end_matches('\'');
        let stem = stem_into(w, buf);
        let hash = fnv1a(stem.as_bytes());
        if pairs {
            if let Some((prev_hash, prev_start, prev_text)) = &prev {
                let h = fnv1a_continue(fnv1a_continue(*prev_hash, b"_"), stem.as_bytes());
                pair_stems.push(Stem {
                    hash: h,
                    start: *prev_start,
                    end: s + w.len(),
                    text: keep_text.then(|| format!("{prev_text}_{stem}")),
                });
            }
            prev = Some((
                hash,
                s,
                if keep_text {
                    stem.to_string()
                } else {
                    String::new()
                },
            ));
        }
        out.push(Stem {
            hash,
            start: s,
            end: s + w.len(),
            text: keep_text.then(|| stem.to_string()),
        });
    }
    out.append(pair_stems);
}

/// The stem of one word.
#[cfg(test)]
fn stem(word: &str) -> String {
    let mut buf = String::new();
    stem_into(word, &mut buf).to_string()
}

/// Writes the lower-cased word into `buf` and returns its stem, a prefix of it.
fn stem_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.bytes().all(|b| b.is_ascii_digit()) {
        buf.push('#');
        return buf;
    }
    if !word.is_ascii() {
        buf.extend(word.chars().flat_map(char::to_lowercase));
        return buf;
    }
    buf.push_str(word);
    buf.make_ascii_lowercase();
    if word.contains('\'') {
        buf.retain(|c| c != '\'');
    }
    // "it's" → "it", "team's" → "team".
    if word.len() > 2 && word.ends_with("'s") {
        buf.truncate(buf.len() - 1);
    }
    if !buf.bytes().all(|b| b.is_ascii_lowercase()) {
        return buf;
    }
    let mut len = buf.len();
    let mut stripped = false;
    for (suffix, min) in [("ing", 6), ("ed", 5), ("es", 5), ("ly", 5), ("s", 4)] {
        let s = &buf[..len];
        if s.len() >= min && s.ends_with(suffix) && !(suffix == "s" && s.ends_with("ss")) {
            len -= suffix.len();
            stripped = true;
            break;
        }
    }
    if len > 3 && buf[..len].ends_with(['e', 'y', 'i']) {
        len -= 1;
    }
    let b = buf.as_bytes();
    if stripped
        && len > 3
        && b[len - 1] == b[len - 2]
        && !matches!(b[len - 1], b'l' | b's' | b'a' | b'e' | b'i' | b'o' | b'u')
    {
        len -= 1;
    }
    &buf[..len]
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
        assert_eq!(stem("team's"), "team");
    }

    #[test]
    fn words_and_pairs_keep_their_offsets_and_hashes() {
        let s = stems("Kept crashing; it's 40% off", true, true);
        let sentence = "Kept crashing; it's 40% off";
        let got: Vec<(&str, &str)> = s
            .iter()
            .map(|x| (x.text.as_deref().unwrap(), &sentence[x.start..x.end]))
            .collect();
        assert_eq!(
            got,
            [
                ("kept", "Kept"),
                ("crash", "crashing"),
                ("it", "it's"),
                ("#", "40"),
                ("off", "off"),
                ("kept_crash", "Kept crashing"),
                ("crash_it", "crashing; it's"),
                ("it_#", "it's 40"),
                ("#_off", "40% off"),
            ]
        );
        for x in &s {
            assert_eq!(x.hash, fnv1a(x.text.as_deref().unwrap().as_bytes()));
        }
        assert!(
            stems("Kept crashing", true, false)
                .iter()
                .all(|x| x.text.is_none())
        );
    }
}
