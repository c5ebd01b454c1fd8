//! A benchmark corpus made from the labelled resumes: `samples/`, `tests/holdout/`
//! and any other folders of Markdown, text and JSON Resume files given, replicated
//! to as many resumes as asked for.
//!
//! Resume `i` is a copy of one labelled resume (taken in turn) with a new name and
//! e-mail address, the bullets of every list shuffled, and, until it reaches a size
//! drawn between 3 and 5 KB, jobs or projects of other resumes of the same format
//! added to its experience: realistic resumes of realistic length. Resume `i` is the
//! same whatever `n` is and whichever other resumes are made, so the first 800 of a
//! 10,000-resume corpus are the 800-resume corpus.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;
use toolkit_document::{Format, Limits, SectionKind};

/// The smallest and largest size a resume is grown to, in bytes.
const TARGET: (usize, usize) = (3_000, 5_000);
/// A resume is never grown past this.
const MAX_SIZE: usize = 5_120;

/// A small xorshift generator: the same seed gives the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Spread nearby seeds (resume numbers) apart.
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        rng.next();
        rng
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// First and last names by script, so that a name reads as one person's.
const NAMES: &[(&[&str], &[&str])] = &[
    (
        &[
            "Ana", "Łukasz", "Omar", "Chloé", "Kwame", "Priya", "Mateo", "Zofia", "Jamal", "Renée",
            "Hannah", "Tomás", "Aiko", "Fatima", "Siobhán", "Tariq", "Wei", "Ngozi",
        ],
        &[
            "Silva",
            "Kowalczyk",
            "Haddad",
            "Dubois",
            "Asante",
            "Raman",
            "Álvarez",
            "Nowak",
            "Brooks",
            "Laurent",
            "Okafor",
            "Herrera",
            "Lindgren",
            "Nakamura",
            "O'Connell",
            "Yılmaz",
            "Nguyen",
            "Schäfer",
        ],
    ),
    (
        &["Ελένη", "Νίκος", "Μαρία"],
        &["Παπαδοπούλου", "Γεωργίου", "Οικονόμου"],
    ),
    (
        &["Дмитрий", "Анна", "Ольга"],
        &["Волков", "Соколова", "Петренко"],
    ),
    (&["瑋婷", "嘉慧", "志明"], &["林", "陈", "王"]),
];

/// One labelled resume, with what the generator varies in it.
struct Source {
    stem: String,
    format: Format,
    kind: SourceKind,
}

enum SourceKind {
    /// Markdown or text: its lines, the candidate's name, and its jobs and projects.
    Lines {
        lines: Vec<String>,
        name: Option<String>,
        blocks: [Block; 2],
    },
    /// JSON Resume: the parsed object.
    Json(Value),
}

/// Jobs (0) or projects (1) of a line-based resume.
const JOBS: usize = 0;
const PROJECTS: usize = 1;

/// The jobs or the projects of a line-based resume.
#[derive(Default)]
struct Block {
    /// The 0-based line after which borrowed entries go: the block's last line.
    end: Option<usize>,
    /// The indentation of an entry's title lines and of its bullets.
    indent: (String, String),
    /// Each job or project, unindented, for other resumes to borrow.
    entries: Vec<String>,
}

/// The labelled resumes a corpus is made from.
pub struct Corpus {
    sources: Vec<Source>,
}

/// What was written.
#[derive(Debug)]
#[allow(dead_code)] // Not every file that includes this module writes a corpus.
pub struct Written {
    pub files: Vec<PathBuf>,
    pub bytes: Vec<usize>,
}

impl Corpus {
    /// The repository's labelled resumes (`samples/`, `tests/holdout/`) and those in
    /// `extra` folders.
    pub fn load(extra: &[PathBuf]) -> io::Result<Corpus> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut dirs = vec![root.join("samples"), root.join("tests/holdout")];
        dirs.extend(extra.iter().cloned());
        let mut sources = Vec::new();
        for dir in &dirs {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            paths.sort();
            for path in paths {
                if let Some(source) = Source::read(&path)? {
                    sources.push(source);
                }
            }
        }
        if sources.is_empty() {
            return Err(io::Error::other("no labelled resumes found"));
        }
        Ok(Corpus { sources })
    }

    /// How many labelled resumes the corpus is made from.
    pub fn sources(&self) -> usize {
        self.sources.len()
    }

    /// Resume number `i`: its file name and contents.
    pub fn resume(&self, i: usize) -> (String, String) {
        let mut rng = Rng::new(i as u64 + 1);
        let base = &self.sources[i % self.sources.len()];
        // Three names in four are in Latin script.
        let (first, last) = NAMES[if rng.below(4) == 0 {
            rng.below(NAMES.len())
        } else {
            0
        }];
        let (first, last) = (rng.pick(first), rng.pick(last));
        let name = if last.chars().count() == 1 {
            format!("{last}{first}")
        } else {
            format!("{first} {last}")
        };
        let email = email_for(&name, i);
        let target = TARGET.0 + rng.below(TARGET.1 - TARGET.0 + 1);
        let text = match &base.kind {
            SourceKind::Lines {
                lines,
                name: old,
                blocks,
            } => {
                let mut lines = lines.clone();
                shuffle_bullets(&mut lines, &mut rng);
                let skip = i % self.sources.len();
                let donors = [JOBS, PROJECTS].map(|b| self.entries_like(base, skip, b));
                grow_lines(&mut lines, blocks, &donors, target, &mut rng);
                let mut text = lines.concat();
                if let Some(old) = old {
                    text = rename(&text, old, &name, &email);
                }
                text
            }
            SourceKind::Json(value) => {
                let mut value = value.clone();
                shuffle_highlights(&mut value, &mut rng);
                if let Some(basics) = value.get_mut("basics").and_then(Value::as_object_mut) {
                    basics.insert("name".into(), Value::String(name.clone()));
                    if basics.contains_key("email") {
                        basics.insert("email".into(), Value::String(email.clone()));
                    }
                }
                self.grow_json(&mut value, i % self.sources.len(), target, &mut rng);
                serde_json::to_string_pretty(&value).expect("a JSON value serialises") + "\n"
            }
        };
        let ext = match base.format {
            Format::Text => "txt",
            Format::JsonResume => "json",
            _ => "md",
        };
        (format!("r{i:05}-{}.{ext}", base.stem), text)
    }

    /// Writes resumes `0..n` into `dir` (created if needed).
    #[allow(dead_code)]
    pub fn write(&self, dir: &Path, n: usize) -> io::Result<Written> {
        std::fs::create_dir_all(dir)?;
        let mut written = Written {
            files: Vec::with_capacity(n),
            bytes: Vec::with_capacity(n),
        };
        for i in 0..n {
            let (name, text) = self.resume(i);
            let path = dir.join(name);
            std::fs::write(&path, &text)?;
            written.files.push(path);
            written.bytes.push(text.len());
        }
        Ok(written)
    }

    /// The jobs (or projects) of the other line-based resumes of `base`'s format.
    fn entries_like(&self, base: &Source, skip: usize, block: usize) -> Vec<&str> {
        self.sources
            .iter()
            .enumerate()
            .filter(|(k, s)| *k != skip && s.format == base.format)
            .flat_map(|(_, s)| match &s.kind {
                SourceKind::Lines { blocks, .. } => {
                    blocks[block].entries.iter().map(String::as_str).collect()
                }
                SourceKind::Json(_) => Vec::new(),
            })
            .collect()
    }

    /// Adds other JSON resumes' jobs and projects until the resume reaches `target`.
    fn grow_json(&self, value: &mut Value, skip: usize, target: usize, rng: &mut Rng) {
        let donors: Vec<(&str, &Value)> = self
            .sources
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != skip)
            .filter_map(|(_, s)| match &s.kind {
                SourceKind::Json(v) => Some(v),
                SourceKind::Lines { .. } => None,
            })
            .flat_map(|v| {
                ["work", "projects"].into_iter().flat_map(move |key| {
                    v.get(key)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(move |entry| (key, entry))
                })
            })
            .collect();
        let mut size = json_size(value);
        let mut used = vec![false; donors.len()];
        for _ in 0..4 * donors.len() {
            if size >= target {
                break;
            }
            let k = rng.below(donors.len());
            let (key, entry) = donors[k];
            let Some(list) = value.get_mut(key).and_then(Value::as_array_mut) else {
                continue;
            };
            if used[k] {
                continue;
            }
            list.push(entry.clone());
            let grown = json_size(value);
            if grown > MAX_SIZE {
                if let Some(list) = value.get_mut(key).and_then(Value::as_array_mut) {
                    list.pop();
                }
                continue;
            }
            used[k] = true;
            size = grown;
        }
    }
}

impl Source {
    /// A labelled resume in a format the corpus varies, or `None` for other files.
    fn read(path: &Path) -> io::Result<Option<Source>> {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        let Some(format @ (Format::Markdown | Format::Text | Format::JsonResume)) = format else {
            return Ok(None);
        };
        if stem.eq_ignore_ascii_case("readme") || stem == "labels" {
            return Ok(None);
        }
        let text = std::fs::read_to_string(path)?;
        let bad = |e: String| io::Error::other(format!("{}: {e}", path.display()));
        if format == Format::JsonResume {
            let value: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
            return Ok(Some(Source {
                stem,
                format,
                kind: SourceKind::Json(value),
            }));
        }
        let doc = toolkit_document::read(text.as_bytes(), format, &Limits::default())
            .map_err(|e| bad(e.to_string()))?;
        let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        Ok(Some(Source {
            stem,
            format,
            kind: SourceKind::Lines {
                blocks: blocks(&doc, &lines),
                lines,
                name: doc.name,
            },
        }))
    }
}

/// The jobs and projects of a resume. A block opens at an experience or projects
/// section and goes on over the sections of unknown headings after it (jobs written
/// as headings of their own); without an experience section, sections of unknown
/// headings with bullets are taken for jobs.
fn blocks(doc: &toolkit_document::Document, lines: &[String]) -> [Block; 2] {
    let mut blocks = [Block::default(), Block::default()];
    let has_experience = doc
        .sections
        .iter()
        .any(|s| s.kind == SectionKind::Experience && !s.lines.is_empty());
    let mut open = None;
    for section in &doc.sections {
        let bullets = section.lines.iter().any(|l| l.depth > 0);
        let block = match section.kind {
            SectionKind::Experience => {
                open = Some(JOBS);
                JOBS
            }
            SectionKind::Projects => {
                open = Some(PROJECTS);
                PROJECTS
            }
            SectionKind::Other => match open {
                Some(b) => b,
                None if !has_experience && bullets => JOBS,
                None => continue,
            },
            _ => {
                open = None;
                continue;
            }
        };
        let numbers = section.lines.iter().map(|l| l.number as usize - 1);
        let (Some(mut first), Some(last)) = (numbers.clone().min(), numbers.max()) else {
            continue;
        };
        if section.kind == SectionKind::Other {
            // The heading names the job or project: it belongs to the entry.
            first = (0..first)
                .rev()
                .find(|&k| !is_blank(&lines[k]))
                .unwrap_or(first);
        }
        let span = &lines[first..=last];
        let b = &mut blocks[block];
        if b.end.is_none() {
            let indent = |bullet: bool| {
                span.iter()
                    .find(|l| !is_blank(l) && is_bullet(l) == bullet)
                    .map(|l| indent_of(l).to_string())
                    .unwrap_or_default()
            };
            b.indent = (indent(false), indent(true));
        }
        b.end = Some(last);
        b.entries.extend(entries(span));
    }
    blocks
}

/// A bullet: `- `, `* `, `+ ` or `• ` at the start of a line, after any indent.
fn is_bullet(line: &str) -> bool {
    let line = line.trim_start();
    ["- ", "* ", "+ ", "• "].iter().any(|b| line.starts_with(b))
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The width of a line's indent, a tab counting four.
fn depth(line: &str) -> usize {
    indent_of(line)
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// The jobs or projects of a section's lines: a new one starts at a line that is
/// not a bullet, after a blank line, once the one before has had bullets.
fn entries(lines: &[String]) -> Vec<String> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let (mut had_bullets, mut after_blank) = (false, false);
    for line in lines {
        if is_blank(line) {
            after_blank = true;
            if let Some(entry) = out.last_mut() {
                entry.push(line);
            }
            continue;
        }
        if out.is_empty() || (!is_bullet(line) && after_blank && had_bullets) {
            out.push(Vec::new());
            had_bullets = false;
        }
        had_bullets |= is_bullet(line);
        after_blank = false;
        if let Some(entry) = out.last_mut() {
            entry.push(line);
        }
    }
    out.into_iter()
        .map(|entry| {
            let unindented: Vec<&str> = entry.iter().map(|l| l.trim()).collect();
            unindented.join("\n").trim_end().to_string() + "\n"
        })
        .filter(|e| e.lines().any(is_bullet))
        .collect()
}

/// Shuffles every run of bullets at one indent; a bullet keeps the more deeply
/// indented lines under it.
fn shuffle_bullets(lines: &mut Vec<String>, rng: &mut Rng) {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !is_bullet(&lines[i]) {
            out.push(std::mem::take(&mut lines[i]));
            i += 1;
            continue;
        }
        let at = depth(&lines[i]);
        let mut items: Vec<Vec<String>> = Vec::new();
        while let Some(line) = lines.get(i) {
            if is_bullet(line) && depth(line) == at {
                items.push(vec![line.clone()]);
            } else if !is_blank(line) && depth(line) > at {
                items
                    .last_mut()
                    .expect("a bullet came first")
                    .push(line.clone());
            } else {
                break;
            }
            i += 1;
        }
        rng.shuffle(&mut items);
        out.extend(items.into_iter().flatten());
    }
    *lines = out;
}

/// Adds borrowed jobs and projects, each after its own block, until the text
/// reaches `target` bytes. They are indented as the resume's own.
fn grow_lines(
    lines: &mut Vec<String>,
    blocks: &[Block; 2],
    donors: &[Vec<&str>; 2],
    target: usize,
    rng: &mut Rng,
) {
    let crlf = lines.first().is_some_and(|l| l.ends_with("\r\n"));
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut size: usize = lines.iter().map(String::len).sum();
    // Jobs three times in four; projects where the resume has a place for them.
    let choices: Vec<(usize, usize)> = [JOBS, JOBS, JOBS, PROJECTS]
        .into_iter()
        .filter_map(|b| {
            let end = blocks[b].end.or(blocks[1 - b].end)?;
            Some((b, end))
        })
        .collect();
    let total: usize = donors.iter().map(Vec::len).sum();
    if choices.is_empty() || total == 0 {
        return;
    }
    let mut used = std::collections::HashSet::new();
    let mut added: Vec<(usize, String)> = Vec::new();
    for _ in 0..4 * total {
        if size >= target {
            break;
        }
        let (b, end) = choices[rng.below(choices.len())];
        if donors[b].is_empty() {
            continue;
        }
        let k = rng.below(donors[b].len());
        let own = if blocks[b].end.is_some() { b } else { 1 - b };
        let (title, bullet) = &blocks[own].indent;
        let mut entry = String::from(newline);
        for line in donors[b][k].lines() {
            if !line.is_empty() {
                entry += if is_bullet(line) { bullet } else { title };
            }
            entry += line;
            entry += newline;
        }
        if used.contains(&(b, k)) || size + entry.len() > MAX_SIZE {
            continue;
        }
        used.insert((b, k));
        size += entry.len();
        added.push((end, entry));
    }
    // From the last line up, so that earlier line numbers stay put.
    added.sort_by_key(|(end, _)| std::cmp::Reverse(*end));
    for (end, entry) in added {
        if !lines[end].ends_with('\n') {
            lines[end].push_str(newline);
        }
        lines.insert(end + 1, entry);
    }
}

/// Shuffles the `highlights` of every job and project.
fn shuffle_highlights(value: &mut Value, rng: &mut Rng) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::Array(items) if key == "highlights" => rng.shuffle(items),
                    _ => shuffle_highlights(v, rng),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shuffle_highlights(v, rng)),
        _ => {}
    }
}

fn json_size(value: &Value) -> usize {
    serde_json::to_string_pretty(value).map_or(0, |s| s.len() + 1)
}

/// `first.last@example.com` for a Latin-script name, else a numbered address.
fn email_for(name: &str, i: usize) -> String {
    let local: String = name
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('.'),
            'a'..='z' => Some(c),
            _ => None,
        })
        .collect();
    if local.len() > 3 && name.is_ascii() {
        format!("{local}@example.com")
    } else {
        format!("candidate{i}@example.com")
    }
}

/// The text with the candidate's name (as written and in capitals) and e-mail
/// address replaced.
fn rename(text: &str, old: &str, new: &str, email: &str) -> String {
    let mut text = text
        .replace(old, new)
        .replace(&old.to_uppercase(), &new.to_uppercase());
    // The first address in the text is the candidate's.
    if let Some(at) = text.find("@example.com") {
        let start = text[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_')))
            .map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
        text.replace_range(start..at + "@example.com".len(), email);
    }
    text
}

/// Peak resident memory of this process so far, in MiB (Linux), if known.
#[allow(dead_code)] // Not every file that includes this module measures memory.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The folders named by `--corpus DIR` arguments (repeatable).
#[allow(dead_code)]
pub fn extra_dirs(args: &[String]) -> Vec<PathBuf> {
    args.windows(2)
        .filter(|w| w[0] == "--corpus")
        .map(|w| PathBuf::from(&w[1]))
        .collect()
}
