//! Finding the resumes of a batch: folders searched recursively, in a deterministic
//! order, with everything that cannot be searched or read reported rather than
//! skipped.
//!
//! - A folder that cannot be read becomes an error row, so a cohort never looks
//!   complete when it is not.
//! - A symbolic link is followed only when it points inside one of the input folders;
//!   a link out of them (to `/etc/passwd`, to another client's folder) is an error
//!   row. Links to folders are not followed. Files named on the command line are
//!   read wherever they point.
//! - Named pipes, devices and sockets with a resume extension get an error row when
//!   they are read (only regular files are).
//! - toolkit's own outputs (`*.check.json`, `*.prep.pdf`, `cohort.md`, `cohort.pdf`)
//!   are never inputs, wherever they are: an earlier run's output folder may have
//!   lost its `summary.csv` (an interrupted run, a shard's folder).
//! - Hidden files and folders, and the output folder itself, are skipped.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::input;

/// Extensions a folder is searched for. `.doc` is included so that a Word file saved
/// in an old format gets an error row that says so, instead of being skipped.
const SEARCHED: &[&str] = &["md", "markdown", "txt", "json", "docx", "pdf", "doc"];

/// The longest output file stem, in bytes: with `_NN` and `.check.json` it stays
/// well under the 255 bytes most filesystems allow in a name.
const MAX_NAME_BYTES: usize = 200;

/// One resume to process, or a path that could not be searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub path: PathBuf,
    /// The path as reported in summaries and errors (see [`input::display_path`]).
    pub shown: String,
    /// The output file stem, unique within the run and safe on every filesystem.
    pub name: String,
    /// Why this path gets an error row without being read.
    pub problem: Option<String>,
}

/// Collects the resumes under the inputs (see the module docs). An input that does
/// not exist is kept, so that it gets an error row like any other unreadable file.
pub fn collect(inputs: &[PathBuf], out_dir: &Path) -> Vec<Item> {
    let out = std::fs::canonicalize(out_dir).ok();
    // Every input folder, resolved: links may point anywhere inside them.
    let roots: Vec<PathBuf> = inputs
        .iter()
        .filter(|i| i.is_dir())
        .filter_map(|i| std::fs::canonicalize(i).ok())
        .collect();
    let mut found: Vec<(PathBuf, String, Option<String>)> = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let root = std::fs::canonicalize(input).unwrap_or_else(|_| input.clone());
            let mut walker = Walker {
                roots: &roots,
                out: out.as_deref(),
                found: Vec::new(),
            };
            walker.walk(input, &root);
            walker.found.sort();
            for (f, problem) in walker.found {
                let rel = f.strip_prefix(input).unwrap_or(&f).to_path_buf();
                let base = input
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_default()
                    .join(rel);
                found.push((f, normalized(&base), problem));
            }
        } else {
            // A file named on the command line is known by its name; a clash with
            // another one gets a numbered suffix.
            let name = input
                .file_name()
                .map_or_else(|| normalized(input), |n| n.to_string_lossy().into_owned());
            found.push((input.clone(), name, None));
        }
    }
    let mut seen = HashSet::new();
    let mut names = HashSet::new();
    let mut items = Vec::new();
    for (path, rel, problem) in found {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if problem.is_none() && !seen.insert(key) {
            continue;
        }
        let name = if problem.is_none() {
            unique_name(&rel, &mut names)
        } else {
            String::new()
        };
        items.push(Item {
            shown: input::display_path(&path),
            path,
            name,
            problem,
        });
    }
    items
}

struct Walker<'a> {
    roots: &'a [PathBuf],
    /// The output folder, resolved.
    out: Option<&'a Path>,
    found: Vec<(PathBuf, Option<String>)>,
}

impl Walker<'_> {
    fn walk(&mut self, dir: &Path, resolved: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, folder_reason(&e)),
        };
        let mut entries: Vec<_> = match entries.collect::<Result<Vec<_>, _>>() {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, folder_reason(&e)),
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let file_name = entry.file_name();
            if file_name.to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    self.problem(&path, input::io_reason(&e));
                    continue;
                }
            };
            if kind.is_dir() {
                let real = resolved.join(&file_name);
                if self.out != Some(real.as_path()) {
                    self.walk(&path, &real);
                }
                continue;
            }
            if !searched(&path) || is_own_output(&file_name) {
                continue;
            }
            if kind.is_symlink() {
                match std::fs::canonicalize(&path) {
                    Ok(target) if !self.roots.iter().any(|r| target.starts_with(r)) => {
                        self.problem(
                            &path,
                            "a link to a file outside the input folders: not followed".into(),
                        );
                        continue;
                    }
                    // A link to a folder named like a resume: not followed.
                    Ok(target) if target.is_dir() => continue,
                    // A broken link is read like a missing file, and reported so.
                    _ => {}
                }
            }
            self.found.push((path, None));
        }
    }

    fn problem(&mut self, path: &Path, reason: String) {
        self.found.push((path.to_path_buf(), Some(reason)));
    }
}

fn folder_reason(e: &std::io::Error) -> String {
    format!("cannot read this folder: {}", input::io_reason(e))
}

fn searched(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SEARCHED.iter().any(|s| e.eq_ignore_ascii_case(s)))
}

/// The names toolkit gives its own outputs that a folder search would otherwise
/// take for resumes.
fn is_own_output(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.ends_with(".check.json")
        || name.ends_with(".prep.pdf")
        || name == "cohort.md"
        || name == "cohort.pdf"
}

/// A relative path without `.`, `..` or a root, joined with `/`.
fn normalized(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Turns a relative path into a file stem that is safe everywhere and unique in
/// this run (case-insensitively, for macOS and Windows): `2024/Anna Ng/cv.pdf` →
/// `2024__Anna_Ng__cv.pdf`, and a second one `..._2`. A long path keeps its end,
/// at most [`MAX_NAME_BYTES`] bytes cut on a character boundary.
pub fn unique_name(rel: &str, taken: &mut HashSet<String>) -> String {
    let mut safe: String = rel
        .split('/')
        .map(|part| {
            part.chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("__");
    if safe.len() > MAX_NAME_BYTES {
        let mut cut = safe.len() - MAX_NAME_BYTES;
        while !safe.is_char_boundary(cut) {
            cut += 1;
        }
        safe = safe[cut..].to_string();
    }
    if safe.is_empty() || safe.starts_with('.') {
        safe.insert(0, '_');
    }
    let mut name = safe.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{safe}_{n}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_unique() {
        let mut taken = HashSet::new();
        let names: Vec<String> = [
            "a/resume.pdf",
            "b/resume.pdf",
            "A/Resume.pdf",
            "x y/ünï cv.md",
            ".hidden.md",
            "a/resume.pdf",
        ]
        .iter()
        .map(|p| unique_name(p, &mut taken))
        .collect();
        assert_eq!(
            names,
            [
                "a__resume.pdf",
                "b__resume.pdf",
                "A__Resume.pdf_2",
                "x_y__ünï_cv.md",
                "_.hidden.md",
                "a__resume.pdf_3"
            ]
        );
    }

    #[test]
    fn long_names_are_cut_by_bytes_on_a_character_boundary() {
        let mut taken = HashSet::new();
        // 150 Chinese characters are 450 bytes.
        let long = format!("{}/简历.md", "张".repeat(150));
        let name = unique_name(&long, &mut taken);
        assert!(name.len() <= MAX_NAME_BYTES, "{}", name.len());
        assert!(name.len() >= MAX_NAME_BYTES - 3);
        assert!(name.ends_with("张__简历.md"), "{name}");
        let again = unique_name(&long, &mut taken);
        assert!(format!("{again}.check.json").len() < 255);
    }
}
