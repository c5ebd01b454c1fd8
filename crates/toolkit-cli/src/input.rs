//! Loading resumes and profiles from files, with one-line reasons when that fails.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use toolkit_document::{Document, Format, Limits, ReadError, Sniffed};
use toolkit_profile::{Profile, ProfileError};

/// A resume that could not be read: the file and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

/// How a path is shown in reports and errors: as given on the command line.
pub fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The format a path selects by its extension.
pub fn format_for(path: &Path) -> Option<Format> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
}

fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Reads and parses one resume (`-` is Markdown on stdin).
pub fn load_resume(path: &Path, limits: &Limits) -> Result<Document, InputError> {
    let file = display_path(path);
    let fail = |reason: String| InputError {
        file: file.clone(),
        reason,
    };
    let (bytes, format) = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(limits.max_input_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
        (buf, Format::Markdown)
    } else {
        let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
        if meta.is_dir() {
            return Err(fail("is a directory".into()));
        }
        if meta.len() > limits.max_input_bytes {
            return Err(fail(
                ReadError::TooLarge {
                    size: meta.len(),
                    limit: limits.max_input_bytes,
                }
                .to_string(),
            ));
        }
        let by_name = format_for(path);
        let unsupported = || {
            fail(format!(
                "unsupported file type; supported: {}",
                Format::supported_list()
            ))
        };
        // Refuse files that are clearly something else before reading them whole.
        let known = by_name.is_some() || has_extension(path, &["doc", "xml"]);
        if !known {
            return Err(unsupported());
        }
        let bytes = std::fs::read(path).map_err(|e| fail(io_reason(&e)))?;
        let format = match (by_name, toolkit_document::sniff(&bytes)) {
            (_, Some(Sniffed::LegacyDoc)) => return Err(fail(ReadError::LegacyDoc.to_string())),
            // The content wins over a misleading name: a `.doc` that is Word 2003
            // XML, a `.pdf` that is really a DOCX.
            (_, Some(sniffed)) if sniffed.format().is_some() => {
                sniffed.format().unwrap_or(Format::Pdf)
            }
            (Some(format), _) => format,
            (None, _) => return Err(unsupported()),
        };
        (bytes, format)
    };
    toolkit_document::read(&bytes, format, limits).map_err(|e| fail(e.to_string()))
}

/// A short, lower-case reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // "Is a directory (os error 21)" → "is a directory"
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// A profile that could not be loaded, with an optional hint line.
#[derive(Debug)]
pub struct ProfileLoadError {
    pub message: String,
    pub hint: Option<String>,
}

/// Loads `--profile`: a built-in name, or a TOML file when the value names one.
pub fn load_profile(value: &str) -> Result<Profile, ProfileLoadError> {
    let path = PathBuf::from(value);
    let looks_like_file = value.ends_with(".toml") || value.contains(std::path::MAIN_SEPARATOR);
    if looks_like_file || path.is_file() {
        let src = std::fs::read_to_string(&path).map_err(|e| ProfileLoadError {
            message: format!("{value}: {}", io_reason(&e)),
            hint: None,
        })?;
        return Profile::from_toml(&src, value).map_err(|e| ProfileLoadError {
            message: e.to_string(),
            hint: None,
        });
    }
    Profile::builtin(value).map_err(|e| {
        let hint = match &e {
            ProfileError::Unknown { available, .. } => Some(format!(
                "built-in profiles: {}; or pass a profile TOML file",
                available
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ => None,
        };
        ProfileLoadError {
            message: e.to_string(),
            hint,
        }
    })
}
