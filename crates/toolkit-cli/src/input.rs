//! Loading resumes and profiles from files, with one-line reasons when that fails.

use std::borrow::Cow;
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

/// How a path is shown in reports and errors: as given on the command line, with
/// bytes that are not UTF-8 shown as `\xFF` (so two such names never look alike)
/// and control characters escaped (so a name with a newline stays on one line and
/// an escape sequence in a name never reaches the terminal).
pub fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        return "<stdin>".to_string();
    }
    let name = lossless(path.as_os_str());
    match toolkit_document::printable(&name) {
        Cow::Owned(escaped) => escaped,
        // Most names have nothing to escape, and keep their buffer.
        Cow::Borrowed(_) => name,
    }
}

/// A file name as text, with every byte that is not UTF-8 written as `\xHH`.
#[cfg(unix)]
pub fn lossless(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::with_capacity(name.len());
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
pub fn lossless(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

/// Why a path that exists is not read: only regular files are, so that a FIFO
/// never blocks the run and a device never feeds it endless bytes.
pub fn not_a_regular_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("is a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("is a named pipe (FIFO), not a regular file");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("is a device, not a regular file");
        }
        if t.is_socket() {
            return Some("is a socket, not a regular file");
        }
    }
    Some("is not a regular file")
}

/// Reads a regular file of at most `limit` bytes. The caller has found a regular
/// file by that name (opening a named pipe would wait for a writer); the file that
/// was opened is checked again, in case something else took its place.
fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if let Some(why) = not_a_regular_file(&meta) {
        return Err(why.to_string());
    }
    let too_large = |size: u64| ReadError::TooLarge { size, limit }.to_string();
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
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

/// A resume being read on a thread of its own, so that it is ready by the time the
/// profile has compiled (which does not need it). `check` of one resume reads it so;
/// `prep` gains nothing from it, as its template already takes the second core.
pub enum Reading {
    Started(std::thread::JoinHandle<Result<Document, InputError>>),
    /// No thread could be had: it is read by [`Reading::finish`].
    Later(PathBuf, Limits),
}

impl Reading {
    /// Starts reading `path`.
    pub fn start(path: &Path, limits: Limits) -> Reading {
        let owned = path.to_path_buf();
        match std::thread::Builder::new()
            .name("read".into())
            .spawn(move || load_resume(&owned, &limits))
        {
            Ok(thread) => Reading::Started(thread),
            Err(_) => Reading::Later(path.to_path_buf(), limits),
        }
    }

    /// The resume, as [`load_resume`] gives it (a panic while reading goes on here).
    pub fn finish(self) -> Result<Document, InputError> {
        match self {
            Reading::Started(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Reading::Later(path, limits) => load_resume(&path, &limits),
        }
    }
}

/// Reads and parses one resume (`-` is Markdown on stdin).
pub fn load_resume(path: &Path, limits: &Limits) -> Result<Document, InputError> {
    // The path is shown only when reading fails.
    let fail = |reason: String| InputError {
        file: display_path(path),
        reason,
    };
    let (bytes, format) = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(limits.max_input_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| fail(format!("cannot read standard input: {e}")))?;
        (buf, Format::Markdown)
    } else {
        let by_name = format_for(path);
        let unsupported = || {
            fail(format!(
                "unsupported file type; supported: {}",
                Format::supported_list()
            ))
        };
        // Refuse files that are clearly something else before reading them whole.
        let known = by_name.is_some() || has_extension(path, &["doc", "xml"]);
        let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
        if let Some(why) = not_a_regular_file(&meta) {
            return Err(fail(why.to_string()));
        }
        if !known {
            return Err(unsupported());
        }
        let bytes = read_regular(path, limits.max_input_bytes).map_err(fail)?;
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

/// The one-line failure for an I/O error on `path`: "PATH: reason".
pub fn io_failure(path: &Path, e: &std::io::Error) -> crate::Failure {
    crate::Failure::msg(format!("{}: {}", display_path(path), io_reason(e)))
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

/// The largest profile file read (the built-in profile is about 45 KB).
pub const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// Reads a file the user named for the run's settings (a profile, a template) up to
/// `limit` bytes. Unlike a resume it may be a pipe (`--profile <(...)`), so only
/// the amount read is bounded.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("is a directory".to_string());
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("the file is over the limit of {limit} bytes"));
    }
    Ok(bytes)
}

/// A profile that could not be loaded, with an optional hint line.
#[derive(Debug)]
pub struct ProfileLoadError {
    pub message: String,
    pub hint: Option<String>,
}

/// True when `--profile` names a TOML file rather than a built-in profile.
pub fn is_profile_file(value: &str) -> bool {
    value.ends_with(".toml")
        || value.contains(std::path::MAIN_SEPARATOR)
        || Path::new(value).is_file()
}

/// How a `--profile` value is named in errors: the file, or the built-in profile.
pub fn profile_origin(value: &str) -> String {
    if is_profile_file(value) {
        display_path(Path::new(value))
    } else {
        format!("built-in profile `{value}`")
    }
}

/// Loads `--profile`: a built-in name, or a TOML file when the value names one.
pub fn load_profile(value: &str) -> Result<Profile, ProfileLoadError> {
    let path = PathBuf::from(value);
    if is_profile_file(value) {
        let shown = display_path(&path);
        let fail = |reason: String| ProfileLoadError {
            message: format!("{shown}: {reason}"),
            hint: None,
        };
        let bytes = read_bounded(&path, MAX_PROFILE_BYTES).map_err(fail)?;
        let src = String::from_utf8(bytes)
            .map_err(|_| fail("the profile is not UTF-8 text".to_string()))?;
        return Profile::from_toml(&src, &shown).map_err(|e| ProfileLoadError {
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
