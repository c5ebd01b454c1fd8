//! `--redact`: names, e-mail addresses, phone numbers, URLs and street addresses in
//! the outputs a coach shares are replaced by pseudonyms; the key that maps them back
//! is kept in a separate file that only the coach reads.
//!
//! Redaction runs on reports after matching and touches text only, so no status or
//! score can change. Pseudonyms are given in input order, so the same inputs and key
//! give the same outputs, and a key kept between sessions gives a returning client
//! the pseudonym they had.

use std::fs::File;
use std::path::{Path, PathBuf};

use toolkit_match::Report;
use toolkit_profile::Profile;
use toolkit_redact::{Entry, Key, Kind, Redactor, Subject};

use crate::args::RedactArgs;
use crate::{Failure, input, write};

/// The key file's name in the default folder.
const KEY_FILE: &str = "redaction-key.csv";

/// The columns of the key file.
const KEY_HEADER: [&str; 3] = ["pseudonym", "kind", "value"];

/// A redactor that never takes one of the profile's technologies for a name.
pub fn redactor(profile: &Profile) -> Redactor {
    let terms = profile
        .topics
        .iter()
        .flat_map(|t| t.terms.iter())
        .chain(profile.technologies.iter());
    Redactor::new(terms.flat_map(|t| t.spellings()))
}

/// Where the key lives unless `--key` says otherwise: the user's data folder
/// (`$XDG_DATA_HOME/toolkit`, `~/.local/share/toolkit`, or `%APPDATA%\toolkit`).
pub fn default_key_path() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let dir = var("XDG_DATA_HOME")
        .or_else(|| var("HOME").map(|h| h.join(".local").join("share")))
        .or_else(|| var("APPDATA"))?;
    Some(dir.join("toolkit").join(KEY_FILE))
}

/// The key file named by `--key`, or the default one.
pub fn key_path(args: &RedactArgs) -> Result<PathBuf, Failure> {
    match &args.key {
        Some(p) => Ok(p.clone()),
        None => default_key_path().ok_or_else(|| Failure::Message {
            message: "no home folder to keep the pseudonym key in".into(),
            hint: Some("name the key file with --key FILE".into()),
        }),
    }
}

/// Reads a key file; a file that does not exist is an empty key.
pub fn read_key(path: &Path) -> Result<Key, Failure> {
    let shown = path.display().to_string();
    let fail = |m: String| Failure::msg(format!("{shown}: {m}"));
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Key::new()),
        Err(e) => return Err(fail(input::io_reason(&e))),
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().map_err(|e| fail(e.to_string()))?;
    if header.iter().collect::<Vec<_>>() != KEY_HEADER {
        return Err(fail(format!(
            "not a pseudonym key (its first line must be `{}`)",
            KEY_HEADER.join(",")
        )));
    }
    let mut entries = Vec::new();
    for (i, record) in r.records().enumerate() {
        let rec = record.map_err(|e| fail(e.to_string()))?;
        let line = i + 2;
        let field = |k: usize| rec.get(k).unwrap_or("").to_string();
        let kind = Kind::parse(&field(1)).ok_or_else(|| {
            fail(format!(
                "line {line}: unknown kind `{}`; kinds: {}",
                field(1),
                Kind::ALL.map(Kind::as_str).join(", ")
            ))
        })?;
        entries.push(Entry {
            pseudonym: field(0),
            kind,
            value: field(2),
        });
    }
    Key::from_entries(entries).map_err(|e| fail(e.to_string()))
}

/// The key file's bytes: UTF-8 CSV with a byte-order mark, for spreadsheet programs.
fn key_csv(key: &Key) -> Result<Vec<u8>, csv::Error> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        w.write_record(KEY_HEADER)?;
        for e in key.entries() {
            w.write_record([e.pseudonym.as_str(), e.kind.as_str(), e.value.as_str()])?;
        }
        w.flush()?;
    }
    Ok(bytes)
}

/// A redacting run: the key, held exclusively until the run ends.
#[derive(Debug)]
pub struct Redaction<'r> {
    redactor: &'r Redactor,
    key: Key,
    path: PathBuf,
    /// Held so that two runs never give one pseudonym to two people.
    _lock: File,
}

impl<'r> Redaction<'r> {
    /// Opens the key for `--redact` (`None` without it, when `redactor` is `None`
    /// too). The key must not be one of the run's inputs.
    pub fn open(
        args: &RedactArgs,
        redactor: Option<&'r Redactor>,
        inputs: &write::Inputs,
    ) -> Result<Option<Redaction<'r>>, Failure> {
        let Some(redactor) = redactor.filter(|_| args.redact) else {
            return match &args.key {
                Some(key) => Err(Failure::msg(format!(
                    "{}: --key is only used with --redact",
                    key.display()
                ))),
                None => Ok(None),
            };
        };
        let path = key_path(args)?;
        let shown = path.display().to_string();
        if inputs.contains(&path) {
            return Err(Failure::msg(format!(
                "{shown}: the key file is one of the inputs; choose another --key"
            )));
        }
        let lock = lock(&path)?;
        let key = read_key(&path)?;
        Ok(Some(Redaction {
            redactor,
            key,
            path,
            _lock: lock,
        }))
    }

    /// Refuses a key inside a folder whose contents are meant to be shared.
    pub fn refuse_inside(&self, out: &Path) -> Result<(), Failure> {
        let dir = self.path.parent().filter(|p| !p.as_os_str().is_empty());
        let dir = dir.map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf);
        if let (Ok(dir), Ok(out)) = (std::fs::canonicalize(&dir), std::fs::canonicalize(out))
            && dir.starts_with(&out)
        {
            return Err(Failure::Message {
                message: format!(
                    "{}: the pseudonym key would be inside the output folder {}, which is for sharing",
                    self.path.display(),
                    out.display()
                ),
                hint: Some("keep the key elsewhere: --key FILE".into()),
            });
        }
        Ok(())
    }

    pub fn key(&self) -> &Key {
        &self.key
    }

    /// The pseudonym of a client: by name, or by file when the resume states none.
    pub fn client(&mut self, candidate: Option<&str>, file: &str) -> String {
        match candidate.filter(|c| !c.trim().is_empty()) {
            Some(name) => self.key.pseudonym(Kind::Client, name).to_string(),
            None => self.key.pseudonym(Kind::File, file).to_string(),
        }
    }

    /// How a client's file is shown: `Client 07.pdf` (standard input stays `<stdin>`).
    pub fn label(&mut self, candidate: Option<&str>, file: &str) -> String {
        if file == "<stdin>" {
            return file.to_string();
        }
        let pseudonym = self.client(candidate, file);
        match Path::new(file).extension() {
            Some(ext) => format!("{pseudonym}.{}", ext.to_string_lossy().to_lowercase()),
            None => pseudonym,
        }
    }

    /// A text with its personal data replaced.
    pub fn text(&mut self, text: &str, subject: &Subject) -> String {
        self.redactor.redact(text, subject, false, &mut self.key)
    }

    /// A redacted copy of a report, and its file's label. Only text changes: every
    /// list keeps its length and order, every status and score stays.
    pub fn report(&mut self, r: &Report, file: &str) -> (Report, String) {
        let label = self.label(r.candidate.as_deref(), file);
        let subject = Subject::new(r.candidate.as_deref());
        let mut out = r.clone();
        out.candidate = r.candidate.as_ref().map(|c| self.client(Some(c), file));
        for t in &mut out.topics {
            for e in &mut t.evidence {
                let references = e.section.to_lowercase().contains("referen");
                e.text = self
                    .redactor
                    .redact(&e.text, &subject, references, &mut self.key);
                // Cues quote the same line ("with Priya from finance").
                for c in &mut e.cues {
                    c.text = self
                        .redactor
                        .redact(&c.text, &subject, references, &mut self.key);
                }
                e.section = self.text(&e.section, &subject);
            }
            for i in &mut t.ignored {
                i.term = self.text(&i.term, &subject);
            }
        }
        for m in &mut out.misspellings {
            m.found = self.text(&m.found, &subject);
        }
        (out, label)
    }

    /// Writes the key if this run added to it (owner-only permissions, atomically).
    pub fn save(&self) -> Result<(), Failure> {
        let added = self.key.added();
        if added == 0 {
            return Ok(());
        }
        let shown = self.path.display();
        let bytes = key_csv(&self.key).map_err(|e| Failure::msg(format!("{shown}: {e}")))?;
        write::atomically_with_mode(&self.path, &bytes, &write::Inputs::default(), 0o600).map_err(
            |e| Failure::msg(format!("{shown}: cannot write: {}", input::io_reason(&e))),
        )?;
        eprintln!(
            "pseudonym key: {shown} ({added} new); keep it private, it maps pseudonyms back to names"
        );
        Ok(())
    }
}

/// Takes the key's lock file (`.redaction-key.csv.lock` beside it), creating the
/// key's folder (owner-only) if needed.
fn lock(path: &Path) -> Result<File, Failure> {
    let shown = path.display().to_string();
    let fail = |m: String| Failure::msg(format!("{shown}: {m}"));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.exists() {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(&dir).map_err(|e| {
            fail(format!(
                "cannot create its folder: {}",
                input::io_reason(&e)
            ))
        })?;
    }
    let name = path
        .file_name()
        .map_or_else(|| KEY_FILE.into(), |n| n.to_string_lossy().into_owned());
    let lock_path = dir.join(format!(".{name}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| fail(format!("cannot lock: {}", input::io_reason(&e))))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(fail(
            "another toolkit run is using this key; run again when it has finished".into(),
        )),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(fail(format!("cannot lock: {}", input::io_reason(&e))))
        }
    }
}
