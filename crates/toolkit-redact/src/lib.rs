//! Finding personal data in resume text and replacing it with stable pseudonyms.
//!
//! A [`Detector`] finds e-mail addresses, URLs, phone numbers, street addresses,
//! the candidate's name (and its parts) and other people's names in a line of text;
//! a [`Key`] gives each of them a pseudonym (`Client 07`, `Person 03`,
//! `[email 02]`) that stays the same for the same value, run after run, as long as
//! the key is kept. The crate does no I/O: the key is read and written by the caller.

mod detect;
mod fold;
mod key;

pub use detect::{Detector, Span, Subject};
pub use fold::{fold, words};
pub use key::{Entry, Key, KeyError, Kind, identity, is_pseudonym};

use regex::Regex;

/// Replaces personal data in texts with pseudonyms.
#[derive(Debug)]
pub struct Redactor {
    detector: Detector,
    pseudonyms: Regex,
}

/// What [`Redactor::mask`] puts where personal data was.
pub const MASK: &str = "\u{2588}";

impl Redactor {
    /// A redactor that never takes one of `technologies` for a person's name.
    pub fn new<'a>(technologies: impl IntoIterator<Item = &'a str>) -> Redactor {
        Redactor {
            detector: Detector::new(technologies),
            pseudonyms: Regex::new(
                r"\b(?:Client|Person) \d{2,}\b|\[(?:email|phone|link|address) \d{2,}\]",
            )
            .expect("built-in pattern compiles"),
        }
    }

    /// The personal data in `text` (see [`Detector::find`]).
    pub fn find(&self, text: &str, subject: &Subject, references: bool) -> Vec<Span> {
        self.detector.find(text, subject, references)
    }

    /// `text` with its personal data replaced by pseudonyms from `key`, which gives
    /// new ones as needed.
    pub fn redact(&self, text: &str, subject: &Subject, references: bool, key: &mut Key) -> String {
        let spans = self.find(text, subject, references);
        if spans.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for s in spans {
            out.push_str(&text[at..s.range.start]);
            out.push_str(key.pseudonym(s.kind, &s.value));
            at = s.range.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// `text` with its personal data and any pseudonyms replaced by [`MASK`]: a line
    /// and its redacted copy mask alike, so two versions of a resume compare equal
    /// whether or not either was redacted.
    pub fn mask(&self, text: &str, subject: &Subject) -> String {
        let masked = self.pseudonyms.replace_all(text, MASK);
        let spans = self.find(&masked, subject, false);
        let mut out = String::with_capacity(masked.len());
        let mut at = 0;
        for s in spans {
            out.push_str(&masked[at..s.range.start]);
            out.push_str(MASK);
            at = s.range.end;
        }
        out.push_str(&masked[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_with_stable_pseudonyms_and_masks_alike() {
        let r = Redactor::new(["Java"]);
        let anna = Subject::new(Some("Anna Ng"));
        let mut key = Key::new();
        let text = "Anna Ng (anna@example.com, +44 20 7946 0958) paired with John Smith on Java";
        let red = r.redact(text, &anna, false, &mut key);
        assert_eq!(
            red,
            "Client 01 ([email 01], [phone 01]) paired with Person 01 on Java"
        );
        assert_eq!(r.redact(text, &anna, false, &mut key), red);
        assert_eq!(r.mask(text, &anna), r.mask(&red, &anna));
        assert_eq!(
            r.redact("Nothing personal", &anna, false, &mut key),
            "Nothing personal"
        );
    }
}
