//! Normalising extracted text, and judging whether it decodes at all.

use crate::ReadError;

/// Counts decodable and undecodable characters to tell garbled text from icons.
#[derive(Debug, Default)]
pub(super) struct Quality {
    good: usize,
    bad: usize,
}

impl Quality {
    pub(super) fn count(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_alphanumeric() {
                self.good += 1;
            } else if is_private_use(c) || c == '\u{FFFD}' || (c.is_control() && c != '\t') {
                self.bad += 1;
            }
        }
    }

    pub(super) fn verdict(&self) -> Result<(), ReadError> {
        if self.good == 0 && self.bad == 0 {
            // Nothing drawn as text: a scan, or text turned into outlines.
            return Err(ReadError::NoTextLayer);
        }
        if self.bad * 10 > (self.good + self.bad) * 3 {
            let share = self.bad * 100 / (self.good + self.bad);
            return Err(ReadError::Garbled(format!(
                "{share}% of the characters have no Unicode mapping"
            )));
        }
        Ok(())
    }
}

pub(super) fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// Expands ligatures, drops soft hyphens, icons and control characters, and
/// collapses whitespace.
pub(super) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{AD}' | '\u{FFFD}' => {}
            c if is_private_use(c) => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    // Dot leaders (". . . . .") between a heading and a rule carry nothing.
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for w in words {
        if w == "." && kept.last().is_some_and(|l| l.ends_with('.')) {
            continue;
        }
        kept.push(w);
    }
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_expands_ligatures_and_drops_icons() {
        assert_eq!(clean("sta\u{FB00} \u{FB01}le"), "staff file");
        assert_eq!(clean("submis\u{AD}"), "submis");
        assert_eq!(clean("\u{F0E0}  jane@example.com"), "jane@example.com");
    }
}
