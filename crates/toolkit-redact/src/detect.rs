//! Finding personal data in a line of text: e-mail addresses, URLs, phone numbers,
//! street addresses, the candidate's name and other people's names.

use std::collections::HashSet;
use std::ops::Range;

use regex::Regex;
use unicode_normalization::char::is_combining_mark;

use crate::key::{Kind, is_pseudonym};

/// A piece of personal data in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub kind: Kind,
    /// The value the pseudonym is keyed on: the text itself, or for a part of the
    /// candidate's name ("Anna"), the whole name.
    pub value: String,
}

/// The candidate a text belongs to: their name and its parts are replaced by their
/// pseudonym wherever they appear.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    /// The name as the reader found it.
    name: Option<String>,
    /// Lower-cased spellings to look for, longest first, and whether each is a part
    /// that must be written with a capital to count.
    targets: Vec<(String, bool)>,
}

impl Subject {
    pub fn new(name: Option<&str>) -> Subject {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Subject::default();
        };
        let mut targets: Vec<(String, bool)> = Vec::new();
        let mut add = |s: &str, part: bool| {
            let s = s.trim().trim_matches(|c: char| !c.is_alphanumeric());
            let long_enough = s.chars().filter(|c| c.is_alphanumeric()).count() >= 2;
            let lower = s.to_lowercase();
            if long_enough && !targets.iter().any(|(t, _)| *t == lower) {
                targets.push((lower, part));
            }
        };
        add(name, false);
        // "陈佳慧 (Chen Jiahui)": each spelling is the whole name too.
        for piece in name.split(['(', ')', ',', '/']) {
            add(piece, false);
        }
        for word in name.split(|c: char| c.is_whitespace() || "(),/".contains(c)) {
            add(word, true);
            if word.contains('-') {
                for piece in word.split('-') {
                    add(piece, true);
                }
            }
        }
        targets.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        Subject {
            name: Some(name.to_string()),
            targets,
        }
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

/// Words after which a capitalised run of words is a person ("paired with Anna
/// Ng", "mentored by Dr. Ivan Petrov", "reported to …").
const CUES: &[&str] = &[
    "with",
    "by",
    "for",
    "under",
    "alongside",
    "from",
    "to",
    "and",
    "&",
    "thanks",
    "mentor",
    "mentored",
    "coached",
    "supervised",
    "supervisor",
    "manager",
    "prof",
    "prof.",
    "professor",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mx.",
    "contact",
    "reference",
    "referee",
];

/// Lower-case words inside a name: "Ludwig van Beethoven", "Maria da Silva".
const PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "bin", "ibn",
    "al", "el", "dos", "das", "ter", "y",
];

/// Capitalised words that are organisations, places, events or ordinary headings,
/// never people: a run holding one of them is not a name (one a line, lower case).
const NOT_NAMES: &str = include_str!("../data/not-names.txt");

/// Cue-less honorifics, always followed by a name.
const HONORIFICS: &[&str] = &[
    "dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
];

/// Finds personal data. Compile once; [`Detector::find`] is then cheap per line.
#[derive(Debug)]
pub struct Detector {
    email: Regex,
    url: Regex,
    bare_url: Regex,
    addresses: Vec<Regex>,
    address_tail: Regex,
    phone_cue: Regex,
    /// Lower-case words of the profile's technology names: "with Spring Boot" is
    /// not a person.
    tech_words: HashSet<String>,
    not_names: HashSet<&'static str>,
}

const STREET_SUFFIX: &str = r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Way|Court|Ct\.?|Place|Pl\.?|Square|Sq\.?|Parkway|Pkwy\.?|Terrace|Close|Crescent|Highway|Hwy\.?|Row|Gardens|Mews|Walk|Hill)";
const WORD: &str = r"[\p{L}\p{M}'’.\-]+";
const POSTAL: &str =
    r"\d{4,5}(?:-\d{3,4})?|\p{Lu}{1,2}\d[\p{Lu}\d]?\s*\d\p{Lu}{2}|\p{Lu}{2}\s+\d{5}(?:-\d{4})?";
const CITY: &str = r"\p{Lu}\p{Ll}[\p{L}\p{M}'’.\-]*";
const CAP_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’.\-]*";

impl Detector {
    /// A detector that never takes one of `technologies` (term spellings of the
    /// profile) for a person's name.
    pub fn new<'a>(technologies: impl IntoIterator<Item = &'a str>) -> Detector {
        let tech_words = technologies
            .into_iter()
            .flat_map(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        let re = |s: &str| Regex::new(s).expect("built-in pattern compiles");
        let addresses = vec![
            // 221B Baker Street; 1600 Amphitheatre Parkway
            re(&format!(
                r"\b\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,4}})?,?\s+(?:{CAP_WORD}\s+){{0,4}}{STREET_SUFFIX}(?:\b|$)"
            )),
            // 5 rue de la Paix; 12 avenue des Champs
            re(&format!(
                r"(?i:\b\d{{1,5}}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd\.?|chemin|allée|allee|impasse|place|quai|cours|route)\s+(?:(?:de|du|des|la|le|l'|d')\s+)*)(?:{WORD})(?:\s+{CAP_WORD}){{0,3}}"
            )),
            // Calle Mayor 3; Rua Augusta, 1500; Via Roma 10; ul. Marszałkowska 10
            re(&format!(
                r"(?i:\b(?:rue|avenida|av\.|calle|rua|travessa|via|viale|piazza|corso|carrer|ulica|ul\.|aleja|al\.|plac|straat|laan|avenue)\s+)(?:{WORD}\s+){{0,4}}?{WORD},?\s+(?:n[º°o]\.?\s*)?\d{{1,5}}[A-Za-z]?\b"
            )),
            // Hauptstraße 5; Kalverstraat 12; Drottninggatan 7
            re(
                r"\b\p{Lu}[\p{L}\-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|straat|gracht|laan|plein|gatan|vägen|gade|vej|veien|gata)\s+\d{1,5}[a-zA-Z]?\b",
            ),
            // ул. Ленина, д. 5; проспект Мира 12
            re(
                r"(?i:ул\.|улица|пр\.|проспект|пер\.|переулок|οδός)\s*\p{L}[\p{L}\-]*(?:\s+\p{L}[\p{L}\-]*){0,2},?\s*(?:д\.\s*)?\d{1,4}",
            ),
        ];
        Detector {
            email: re(r"(?:mailto:)?[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+"),
            url: re(r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>()\[\]"'`|·•]+"#),
            bare_url: re(
                r#"\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|org|net|dev|io|me|co|uk|de|fr|es|it|nl|pl|pt|br|ru|jp|cn|in|gr|eu|info|tech|page|site|online|app|xyz|ca|au|ch|se|no|dk|fi|ie|be|at|cz|tr)(?:/[^\s<>()\[\]"'`|·•]*)?"#,
            ),
            addresses,
            address_tail: re(&format!(
                r"^(?:,\s*|\s+-\s+)(?:(?:{POSTAL})\s*)?(?:{CITY}(?:\s+{CITY}){{0,2}}|\p{{Lu}}{{2,3}}\b)?(?:\s+(?:{POSTAL}))?"
            )),
            phone_cue: re(
                r"(?i)(?:tel|phone|mobile|mob|cell|ph|fon|telefon|téléphone|whatsapp|☎|📞|✆|\bm|\bt)\s*[.:]?\s*$",
            ),
            tech_words,
            not_names: NOT_NAMES
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        }
    }

    /// The personal data in `text`, in order, never overlapping. `references` says
    /// the text comes from a references section, where a line may open with a name.
    pub fn find(&self, text: &str, subject: &Subject, references: bool) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        let mut take = |range: Range<usize>, kind: Kind, value: String| {
            if range.is_empty() || spans.iter().any(|s| overlaps(&s.range, &range)) {
                return;
            }
            spans.push(Span { range, kind, value });
        };
        for m in self.email.find_iter(text) {
            let value = m.as_str().trim_start_matches("mailto:").to_lowercase();
            take(m.range(), Kind::Email, value);
        }
        for m in self
            .url
            .find_iter(text)
            .chain(self.bare_url.find_iter(text))
        {
            let trimmed = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            if trimmed.is_empty() {
                continue;
            }
            let range = m.start()..m.start() + trimmed.len();
            take(range, Kind::Url, trimmed.to_string());
        }
        for range in self.phones(text) {
            take(range.clone(), Kind::Phone, text[range].to_string());
        }
        for range in self.addresses(text) {
            take(range.clone(), Kind::Address, text[range].to_string());
        }
        if let Some(name) = subject.name() {
            for range in subject_ranges(text, subject) {
                take(range, Kind::Client, name.to_string());
            }
        }
        for range in self.people(text, references) {
            let value = text[range.clone()].to_string();
            take(range, Kind::Person, value);
        }
        spans.sort_by_key(|s| s.range.start);
        spans
    }

    fn addresses(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for re in &self.addresses {
            for m in re.find_iter(text) {
                let mut end = m.end();
                // ", London SW1A 1AA", ", 75002 Paris", ", CA 94043": up to three parts.
                for _ in 0..3 {
                    match self.address_tail.find(&text[end..]) {
                        Some(t) if t.end() > 0 && text[end..end + t.end()].trim() != "," => {
                            end += t.end();
                        }
                        _ => break,
                    }
                }
                let end = m.start() + text[m.start()..end].trim_end().len();
                let range = m.start()..end;
                if !out.iter().any(|r| overlaps(r, &range)) {
                    out.push(range);
                }
            }
        }
        out
    }

    /// Phone numbers in national and international formats: `+44 20 7946 0958`,
    /// `(030) 1234 5678`, `415.555.0132`, `06 12 34 56 78`; never a year range, a
    /// date, an IP address or a number with thousands separators.
    fn phones(&self, text: &str) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            let next_digit = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
            let starts = match c {
                '+' => {
                    next_digit(i + 1)
                        || (chars.get(i + 1).is_some_and(|x| x.1 == ' ') && next_digit(i + 2))
                }
                '(' => next_digit(i + 1) || chars.get(i + 1).is_some_and(|x| x.1 == '+'),
                c => c.is_ascii_digit(),
            };
            let glued = i > 0 && {
                let p = chars[i - 1].1;
                p.is_alphanumeric() || matches!(p, '.' | ',' | '-' | '/' | '+' | '$' | '€' | '£')
            };
            if !starts || glued {
                i += 1;
                continue;
            }
            // Scan digits and separators; a run of separators is at most three long.
            let mut j = i;
            let mut last_digit = None;
            let mut sep_run = 0;
            let mut groups: Vec<String> = Vec::new();
            let mut current = String::new();
            let mut seps = String::new();
            let mut pending = String::new();
            while j < chars.len() {
                let ch = chars[j].1;
                if ch.is_ascii_digit() {
                    seps.push_str(&std::mem::take(&mut pending));
                    current.push(ch);
                    last_digit = Some(j);
                    sep_run = 0;
                } else if matches!(
                    ch,
                    ' ' | '\u{a0}' | '\u{202f}' | '.' | '-' | '/' | '(' | ')'
                ) || (ch == '+' && j == i)
                {
                    if !current.is_empty() {
                        groups.push(std::mem::take(&mut current));
                    }
                    if ch != '+' {
                        pending.push(ch);
                    }
                    sep_run += 1;
                    if sep_run > 3 {
                        break;
                    }
                } else {
                    break;
                }
                j += 1;
            }
            if !current.is_empty() {
                groups.push(current);
            }
            let Some(last) = last_digit else {
                i += 1;
                continue;
            };
            let end = chars[last].0 + 1;
            let followed_by_letter = chars
                .get(last + 1)
                .is_some_and(|(_, c)| c.is_alphanumeric());
            let cued = self.phone_cue.is_match(&text[..pos]);
            let plus = c == '+' || (c == '(' && chars.get(i + 1).is_some_and(|x| x.1 == '+'));
            if !followed_by_letter && is_phone(&groups, &seps, plus, cued) {
                // Keep a closing parenthesis that belongs to the number out: it ends
                // on a digit by construction.
                out.push(pos..end);
                i = last + 1;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Other people's names: a run of capitalised words (or words of a script without
    /// capitals) after a cue word, an honorific, or opening a references line.
    fn people(&self, text: &str, references: bool) -> Vec<Range<usize>> {
        let words = words(text);
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let (ref range, word) = words[k];
            let lower = word.to_lowercase();
            let cue = CUES.contains(&lower.as_str());
            let honorific = HONORIFICS.contains(&lower.as_str());
            let opens = references && k == 0;
            let start = if opens { k } else { k + 1 };
            if !(cue || opens) || start >= words.len() {
                k += 1;
                continue;
            }
            // The words must follow each other with only a space between them.
            let mut names = 0;
            let mut uncased = false;
            let mut last = None;
            let mut m = start;
            let mut prev_end = if opens { range.start } else { range.end };
            while m < words.len() {
                let (r, w) = &words[m];
                let gap = &text[prev_end..r.start];
                let gap_ok = if m == start && !opens {
                    gap.chars().all(char::is_whitespace) && !gap.is_empty()
                } else {
                    m == start || gap == " " || gap == "\u{a0}"
                };
                if !gap_ok {
                    break;
                }
                let w = w.trim_end_matches("'s").trim_end_matches("’s");
                if is_cased_name_word(w) && !self.is_known_word(w) {
                    names += 1;
                } else if is_uncased_word(w) {
                    names += 1;
                    uncased = true;
                } else if names > 0 && PARTICLES.contains(&w) {
                    // a particle inside a name
                } else {
                    break;
                }
                if names > 0 && !PARTICLES.contains(&w) {
                    last = Some(r.start + w.len());
                }
                prev_end = r.end;
                m += 1;
                if names == 4 {
                    break;
                }
            }
            let enough = names >= 2 || (names == 1 && (uncased || honorific));
            if let (true, Some(end)) = (enough, last) {
                let begin = words[start].0.start;
                let range = begin..end;
                if !is_pseudonym(&text[range.clone()]) {
                    out.push(range);
                }
                k = m;
            } else {
                k += 1;
            }
        }
        out
    }

    fn is_known_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.tech_words.contains(&lower) || self.not_names.contains(lower.as_str())
    }
}

/// Whether a run of digit groups and separators reads as a phone number.
fn is_phone(groups: &[String], seps: &str, plus: bool, cued: bool) -> bool {
    let digits: usize = groups.iter().map(String::len).sum();
    if !(6..=15).contains(&digits) {
        return false;
    }
    let is_year = |g: &str| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"));
    if plus {
        return digits >= 7;
    }
    // 2019-2021, 03/2020 - 06/2021, 15.03.2021, "2023 - 2024 (480 hours)": dates
    // and ranges of years.
    if groups.iter().any(|g| is_year(g)) && groups.iter().all(|g| is_year(g) || g.len() <= 2) {
        return false;
    }
    if groups.len() >= 2 && is_year(&groups[0]) && is_year(&groups[1]) {
        return false;
    }
    // 192.168.0.1
    if groups.len() == 4 && seps.chars().all(|c| c == '.') && groups.iter().all(|g| g.len() <= 3) {
        return false;
    }
    let first = &groups[0];
    // 1.200.000 or 2 500 000: a number with thousands separators.
    if groups.len() > 1
        && !first.starts_with('0')
        && first.len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && !seps.contains(['(', ')'])
    {
        return false;
    }
    if cued {
        return digits >= 6;
    }
    if groups.len() == 1 {
        return (first.starts_with('0') && digits >= 9) || digits >= 10;
    }
    digits >= 8
}

/// Where the candidate's name or one of its parts appears.
fn subject_ranges(text: &str, subject: &Subject) -> Vec<Range<usize>> {
    if subject.targets.is_empty() {
        return Vec::new();
    }
    let (lower, map) = lowercase_with_map(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    for (target, part) in &subject.targets {
        for (at, _) in lower.match_indices(target.as_str()) {
            let start = map[at];
            let end = map[at + target.len()];
            let range = start..end;
            if out.iter().any(|r| overlaps(r, &range)) {
                continue;
            }
            let first = text[start..].chars().next().unwrap_or(' ');
            if *part && first.is_lowercase() {
                continue;
            }
            let bounded_before = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            let bounded_after = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
            let unspaced = is_unspaced_script(first);
            if unspaced || (bounded_before && bounded_after) {
                out.push(range);
            }
        }
    }
    out
}

/// The lower-cased text and, for every byte of it (and its end), the byte offset in
/// `text` of the character it came from.
fn lowercase_with_map(text: &str) -> (String, Vec<usize>) {
    let mut lower = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        for l in c.to_lowercase() {
            let before = lower.len();
            lower.push(l);
            map.extend(std::iter::repeat_n(i, lower.len() - before));
        }
    }
    map.push(text.len());
    (lower, map)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Scripts written without spaces between words: a name is found inside a run.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The words of a text (letters, marks, digits, apostrophes and inner hyphens or
/// dots) with their byte ranges. `&` counts as a word (a cue).
fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let is_inner = |c: char| matches!(c, '\'' | '’' | '-' | '.');
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word = is_word_char(c) || (start.is_some() && is_inner(c));
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = text[s..i].trim_end_matches(|c: char| is_inner(c) && c != '.');
                // A trailing dot belongs to an abbreviation ("Dr.") but not to a
                // word that ends a sentence.
                let w = if w.ends_with('.') && !HONORIFICS.contains(&w.to_lowercase().as_str()) {
                    &w[..w.len() - 1]
                } else {
                    w
                };
                if !w.is_empty() {
                    out.push((s..s + w.len(), w));
                }
                start = None;
            }
            _ => {}
        }
        if c == '&' {
            out.push((i..i + 1, "&"));
        }
    }
    out
}

/// "Anna", "O'Brien", "Jean-Luc", "Παπαδόπουλος", "Петров": a capital, then at least
/// one lower-case letter; never an acronym.
fn is_cased_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_uppercase() || matches!(first, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ'))
        && w.chars().count() >= 2
        && w.chars().any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || is_combining_mark(c) || matches!(c, '\'' | '’' | '-'))
}

/// A word of a script without capitals (Arabic, Devanagari, Han, ...).
fn is_uncased_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
        && w.chars().all(|c| {
            (c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase() && (c as u32) >= 0x0590)
                || is_combining_mark(c)
        })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        Detector::new([
            "Spring Boot",
            "Java",
            "PostgreSQL",
            "Google Cloud",
            "GitHub Actions",
            "Docker",
        ])
    }

    fn found<'a>(text: &'a str, name: Option<&str>) -> Vec<(Kind, &'a str)> {
        let subject = Subject::new(name);
        detector()
            .find(text, &subject, false)
            .into_iter()
            .map(|s| (s.kind, &text[s.range]))
            .collect()
    }

    #[test]
    fn phones_in_many_formats() {
        for phone in [
            "+44 20 7946 0958",
            "+1 (415) 555-0132",
            "+49 30 12345678",
            "+33 1 23 45 67 89",
            "+91 98765 43210",
            "+81 3-1234-5678",
            "+55 11 91234-5678",
            "(020) 7946 0958",
            "(030) 1234 5678",
            "415.555.0132",
            "06 12 34 56 78",
            "06.12.34.56.78",
            "0176 1234 5678",
            "+44 (0)20 7946 0958",
            "+7 (495) 123-45-67",
            "07912345678",
        ] {
            let text = format!("Call {phone} today");
            assert_eq!(found(&text, None), [(Kind::Phone, phone)], "{text}");
        }
        assert_eq!(found("Phone: 555-0132", None), [(Kind::Phone, "555-0132")]);
    }

    #[test]
    fn numbers_that_are_not_phones() {
        for text in [
            "Backend intern 2019-2021 at Acme",
            "03/2020 - 06/2021",
            "on 15.03.2021",
            "served 1,000,000 requests",
            "moved 2 500 000 rows",
            "host 192.168.0.1 behind NAT",
            "Java 8, 11 and 17",
            "cut p99 latency from 800 ms to 120 ms",
            "version 3.11.2",
            "ISO 27001",
            "Bootcamp, 2023 - 2024 (480 hours)",
        ] {
            assert_eq!(found(text, None), [], "{text}");
        }
    }

    #[test]
    fn emails_urls_and_addresses() {
        assert_eq!(
            found(
                "anna.ng+cv@example.co.uk · https://github.com/anna-ng.",
                None
            ),
            [
                (Kind::Email, "anna.ng+cv@example.co.uk"),
                (Kind::Url, "https://github.com/anna-ng")
            ]
        );
        assert_eq!(
            found(
                "see linkedin.com/in/anna and anna.dev but not Node.js or ASP.NET",
                None
            ),
            [(Kind::Url, "linkedin.com/in/anna"), (Kind::Url, "anna.dev")]
        );
        for address in [
            "221B Baker Street, London NW1 6XE",
            "1600 Amphitheatre Parkway, Mountain View, CA 94043",
            "Hauptstraße 5, 10115 Berlin",
            "5 rue de la Paix, 75002 Paris",
            "Calle Mayor 3, 28013 Madrid",
            "Rua Augusta, 1500",
            "Via Roma 10, 00184 Roma",
            "ul. Marszałkowska 10",
            "Kalverstraat 12, 1012 Amsterdam",
        ] {
            let text = format!("Lives at {address} · open to relocation");
            assert_eq!(found(&text, None), [(Kind::Address, address)], "{text}");
        }
    }

    #[test]
    fn the_candidates_name_and_its_parts() {
        assert_eq!(
            found(
                "Anna Ng · Anna's thesis with ANNA NG; annals of Ng",
                Some("Anna Ng")
            ),
            [
                (Kind::Client, "Anna Ng"),
                (Kind::Client, "Anna"),
                (Kind::Client, "ANNA NG"),
                (Kind::Client, "Ng")
            ]
        );
        assert_eq!(
            found("陈佳慧的项目 Chen built it", Some("陈佳慧 (Chen Jiahui)")),
            [(Kind::Client, "陈佳慧"), (Kind::Client, "Chen")]
        );
        assert_eq!(
            found("राहुल शर्मा built a REST API", Some("राहुल शर्मा")),
            [(Kind::Client, "राहुल शर्मा")]
        );
    }

    #[test]
    fn other_peoples_names_after_cues() {
        assert_eq!(
            found(
                "Paired with Maria da Silva and Γιώργος Παπαδόπουλος on Java",
                None
            ),
            [
                (Kind::Person, "Maria da Silva"),
                (Kind::Person, "Γιώργος Παπαδόπουλος")
            ]
        );
        assert_eq!(
            found(
                "Mentored by Dr. Иван Петров; reviewed by 王伟 and محمد الأحمد",
                None
            ),
            [
                (Kind::Person, "Иван Петров"),
                (Kind::Person, "王伟"),
                (Kind::Person, "محمد الأحمد")
            ]
        );
        // Technologies, organisations and pseudonyms are not people.
        assert_eq!(
            found(
                "Built with Spring Boot for Google Cloud by GitHub Actions with Client 07 for Acme Labs; the Tail Latency and Ship It Sideways podcasts",
                None
            ),
            []
        );
    }
}
