//! The key: which pseudonym stands for which person, address or number.
//!
//! A pseudonym, once given, is never given to anything else, so a coach's second
//! session (with the same key) names every returning client as the first did.

use std::collections::HashMap;
use std::fmt;

use crate::fold::fold;

/// What a pseudonym stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A client: the candidate whose resume it is (`Client 07`).
    Client,
    /// A client whose resume states no name, known by its file (`Client 08`).
    File,
    /// Someone else named in a resume (`Person 03`).
    Person,
    Email,
    Phone,
    Url,
    Address,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Client,
        Kind::File,
        Kind::Person,
        Kind::Email,
        Kind::Phone,
        Kind::Url,
        Kind::Address,
    ];

    /// The name used in the key file.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Client => "client",
            Kind::File => "file",
            Kind::Person => "person",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Url => "url",
            Kind::Address => "address",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Clients and other people share one namespace: a client named in another
    /// client's resume gets the same pseudonym there.
    fn namespace(self) -> Kind {
        match self {
            Kind::Person => Kind::Client,
            k => k,
        }
    }

    /// Pseudonyms are numbered per series; a nameless client is a client too.
    fn series(self) -> Series {
        match self {
            Kind::Client | Kind::File => Series::Client,
            Kind::Person => Series::Person,
            Kind::Email => Series::Email,
            Kind::Phone => Series::Phone,
            Kind::Url => Series::Url,
            Kind::Address => Series::Address,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Series {
    Client,
    Person,
    Email,
    Phone,
    Url,
    Address,
}

impl Series {
    const ALL: [Series; 6] = [
        Series::Client,
        Series::Person,
        Series::Email,
        Series::Phone,
        Series::Url,
        Series::Address,
    ];

    fn format(self, n: u32) -> String {
        match self {
            Series::Client => format!("Client {n:02}"),
            Series::Person => format!("Person {n:02}"),
            Series::Email => format!("[email {n:02}]"),
            Series::Phone => format!("[phone {n:02}]"),
            Series::Url => format!("[link {n:02}]"),
            Series::Address => format!("[address {n:02}]"),
        }
    }

    /// The number of a pseudonym of this series, if it is one.
    fn number(self, pseudonym: &str) -> Option<u32> {
        let (open, close) = match self {
            Series::Client => ("Client ", ""),
            Series::Person => ("Person ", ""),
            Series::Email => ("[email ", "]"),
            Series::Phone => ("[phone ", "]"),
            Series::Url => ("[link ", "]"),
            Series::Address => ("[address ", "]"),
        };
        let digits = pseudonym.strip_prefix(open)?.strip_suffix(close)?;
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    }
}

/// The identity two values share when they are the same person, address or number:
/// `+44 20 7946 0958` and `+44-20-7946-0958` are one phone number.
pub fn identity(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Phone => {
            let plus = value.trim_start().starts_with('+');
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            if plus { format!("+{digits}") } else { digits }
        }
        Kind::Url => {
            let v = fold(value);
            let v = v
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.");
            v.trim_end_matches('/').to_string()
        }
        Kind::File => value.to_string(),
        _ => fold(value),
    }
}

/// One line of the key: a pseudonym and what it stands for, as first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub pseudonym: String,
    pub kind: Kind,
    pub value: String,
}

/// Why a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

/// Pseudonyms by what they stand for.
#[derive(Debug, Clone, Default)]
pub struct Key {
    entries: Vec<Entry>,
    /// (namespace, identity) → entry index.
    index: HashMap<(Kind, String), usize>,
    /// The highest number given in each series.
    last: HashMap<Series, u32>,
    loaded: usize,
}

impl Key {
    /// An empty key.
    pub fn new() -> Key {
        Key::default()
    }

    /// A key from its entries, as read from a key file. Two entries may share a
    /// pseudonym (two spellings of one person, joined by hand); a value listed twice
    /// keeps its first pseudonym.
    pub fn from_entries(entries: Vec<Entry>) -> Result<Key, KeyError> {
        let mut key = Key::new();
        for (i, e) in entries.into_iter().enumerate() {
            let series = e.kind.series();
            let Some(n) = series.number(&e.pseudonym) else {
                return Err(KeyError(format!(
                    "entry {}: `{}` is not a pseudonym for a {} (like `{}`)",
                    i + 1,
                    e.pseudonym,
                    e.kind.as_str(),
                    series.format(7)
                )));
            };
            let last = key.last.entry(series).or_insert(0);
            *last = (*last).max(n);
            key.push(e);
        }
        key.loaded = key.entries.len();
        Ok(key)
    }

    fn push(&mut self, e: Entry) {
        let id = (e.kind.namespace(), identity(e.kind, &e.value));
        if !self.index.contains_key(&id) {
            self.index.insert(id, self.entries.len());
        }
        self.entries.push(e);
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many entries this run added.
    pub fn added(&self) -> usize {
        self.entries.len() - self.loaded
    }

    /// The pseudonym of a value, if it has one.
    pub fn lookup(&self, kind: Kind, value: &str) -> Option<&str> {
        self.index
            .get(&(kind.namespace(), identity(kind, value)))
            .map(|&i| self.entries[i].pseudonym.as_str())
    }

    /// The pseudonym of a value, given the next free one of its series if it has none.
    pub fn pseudonym(&mut self, kind: Kind, value: &str) -> &str {
        let id = (kind.namespace(), identity(kind, value));
        let i = match self.index.get(&id) {
            Some(&i) => i,
            None => {
                let series = kind.series();
                let n = self.last.entry(series).or_insert(0);
                *n += 1;
                let pseudonym = series.format(*n);
                self.entries.push(Entry {
                    pseudonym,
                    kind,
                    value: value.trim().to_string(),
                });
                self.index.insert(id, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        &self.entries[i].pseudonym
    }

    /// The entries a pseudonym stands for (more than one when joined by hand).
    pub fn resolve(&self, pseudonym: &str) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| e.pseudonym == pseudonym)
    }
}

/// True when `text` is a pseudonym of any series (`Client 07`, `[email 02]`).
pub fn is_pseudonym(text: &str) -> bool {
    Series::ALL.iter().any(|s| s.number(text).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_and_numbered_per_series() {
        let mut key = Key::new();
        assert_eq!(key.pseudonym(Kind::Client, "Anna Ng"), "Client 01");
        assert_eq!(key.pseudonym(Kind::Client, "ANNA  NG"), "Client 01");
        assert_eq!(key.pseudonym(Kind::File, "clients/cv.pdf"), "Client 02");
        assert_eq!(key.pseudonym(Kind::Person, "John Smith"), "Person 01");
        // A client named in someone else's resume keeps the client's pseudonym.
        assert_eq!(key.pseudonym(Kind::Person, "Anna Ng"), "Client 01");
        assert_eq!(key.pseudonym(Kind::Phone, "+44 20 7946 0958"), "[phone 01]");
        assert_eq!(key.pseudonym(Kind::Phone, "+44-20-7946-0958"), "[phone 01]");
        assert_eq!(
            key.pseudonym(Kind::Url, "https://www.GitHub.com/anna/"),
            "[link 01]"
        );
        assert_eq!(key.pseudonym(Kind::Url, "github.com/anna"), "[link 01]");
        assert_eq!(key.added(), 5);

        // Read back, the key goes on where it stopped.
        let mut again = Key::from_entries(key.entries().to_vec()).unwrap();
        assert_eq!(again.added(), 0);
        assert_eq!(again.pseudonym(Kind::Client, "Anna Ng"), "Client 01");
        assert_eq!(again.pseudonym(Kind::Client, "Li Wei"), "Client 03");
        assert_eq!(again.lookup(Kind::Email, "x@y.z"), None);
        assert!(is_pseudonym("Client 03") && is_pseudonym("[link 12]"));
        assert!(!is_pseudonym("Client") && !is_pseudonym("Client 3a"));
    }

    #[test]
    fn a_bad_entry_is_named() {
        let err = Key::from_entries(vec![Entry {
            pseudonym: "Anna".into(),
            kind: Kind::Client,
            value: "Anna Ng".into(),
        }])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "entry 1: `Anna` is not a pseudonym for a client (like `Client 07`)"
        );
    }
}
