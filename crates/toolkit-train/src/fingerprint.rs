//! A fingerprint of everything a fit depends on: the training settings and what each
//! model sees of every training line (its features, words, label and writer). `just train`
//! writes it into the header of the weights file, and a test recomputes it from the
//! corpus and the matcher as they are now, so a change to the word classes, the
//! sentence reader or the corpus that is not followed by a refit fails the tests
//! instead of shipping weights fitted on features the program no longer computes.

use toolkit_profile::Feature;
use toolkit_profile::weights::{FNV1A_START, fnv1a_continue};

use crate::corpus::{Example, LabelledLine, Split};

/// The header line that holds the fingerprint, before its 16 hexadecimal digits.
pub const HEADER: &str = "# features fingerprint: ";

/// Folds items into one FNV-1a hash, each item ended by a byte no item holds.
#[derive(Clone, Copy)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(FNV1A_START)
    }
}

impl Fingerprint {
    pub fn add(&mut self, item: &str) {
        self.0 = fnv1a_continue(fnv1a_continue(self.0, item.as_bytes()), &[0xff]);
    }

    /// Adds one model: its name, its named features and its training examples.
    pub fn add_model(
        &mut self,
        model: &str,
        features: &[Feature],
        examples: &[Example],
        lines: &[LabelledLine],
    ) {
        self.add(model);
        for f in features {
            self.add(&f.name());
        }
        for e in examples.iter().filter(|e| e.split == Split::Train) {
            let mut active = e.active.clone();
            active.sort_unstable();
            // The writer decides the line's fold, and so what cross-validation chooses.
            self.add(&lines[e.line].id);
            self.add(&format!(
                "{} {} {} {active:?}",
                e.writer,
                e.label.index(),
                e.capped
            ));
            for w in &e.words {
                self.add(w);
            }
        }
    }

    /// Its 16 hexadecimal digits.
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }

    /// The header line that records it.
    pub fn header(self) -> String {
        format!("{HEADER}{}", self.hex())
    }
}

/// The digits of the fingerprint recorded in a weights file, if it has one.
#[cfg(test)]
pub fn recorded(weights: &str) -> Option<&str> {
    weights
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(HEADER))
}
