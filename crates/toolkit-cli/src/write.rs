//! Writing outputs without losing anything that was there.
//!
//! A regular file (or nothing) at the target is replaced atomically: a temporary file
//! beside it, then a rename, so an interrupted run never leaves a half-written file
//! where the output belongs. A symbolic link is never replaced: the output goes to
//! the file it points at. A device or a FIFO (`/dev/stdout`, a named pipe) is written
//! to in place, as a shell redirection would. Anything else (a directory, a socket)
//! is refused with a reason.
//!
//! A written file is flushed to disk before it is renamed into place, so a crash of
//! the machine never leaves an empty file under an output's name either. A batch's
//! per-client outputs ([`for_row`]) are the exception on Linux: a flush per file
//! costs a journal commit each, so they are renamed unflushed and the batch flushes
//! the whole output folder once ([`flush_folder`]) before it writes the summary that
//! lists them.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` (see the module docs) unless it lands on one of the run's
/// `inputs`; on any error a regular target is untouched and the temporary file is
/// removed.
pub fn atomically(path: &Path, bytes: &[u8], inputs: &Inputs) -> io::Result<()> {
    atomically_with(path, bytes, inputs, 0o644, Flush::Now)
}

/// When a written file reaches the disk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flush {
    /// Before it is renamed into place.
    Now,
    /// With the rest of its folder, by [`flush_folder`] (on Linux; elsewhere, now).
    WithFolder,
}

/// [`atomically`], failing with one line that names the output and the reason.
pub fn output(path: &Path, bytes: &[u8], inputs: &Inputs) -> Result<(), crate::Failure> {
    atomically(path, bytes, inputs).map_err(|e| {
        crate::Failure::msg(format!(
            "{}: cannot write: {}",
            crate::input::display_path(path),
            crate::input::io_reason(&e)
        ))
    })
}

/// [`atomically`], but on Linux the file reaches the disk only when the batch calls
/// [`flush_folder`]; fails with the reason a client's row in the summary gives:
/// "cannot write PATH: reason".
pub fn for_row(path: &Path, bytes: &[u8], inputs: &Inputs) -> Result<(), String> {
    atomically_with(path, bytes, inputs, 0o644, Flush::WithFolder).map_err(|e| {
        format!(
            "cannot write {}: {}",
            crate::input::display_path(path),
            crate::input::io_reason(&e)
        )
    })
}

/// [`atomically`], giving a new or replaced file the Unix permissions `mode`
/// (`0o600` for a file only its owner may read).
pub fn atomically_with_mode(
    path: &Path,
    bytes: &[u8],
    inputs: &Inputs,
    mode: u32,
) -> io::Result<()> {
    atomically_with(path, bytes, inputs, mode, Flush::Now)
}

fn atomically_with(
    path: &Path,
    bytes: &[u8],
    inputs: &Inputs,
    mode: u32,
    flush: Flush,
) -> io::Result<()> {
    let target = resolve(path)?;
    if inputs.contains(&target) {
        return Err(io::Error::other("it is one of the inputs"));
    }
    match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => replace(&target, bytes, mode, flush),
        Ok(meta) if is_stream(&meta) => {
            let mut f = OpenOptions::new().write(true).open(&target)?;
            f.write_all(bytes)?;
            f.flush()
        }
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )),
        Ok(_) => Err(io::Error::other("not a regular file, device or pipe")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&target, bytes, mode, flush),
        Err(e) => Err(e),
    }
}

/// The path a write to `path` lands on: `path` itself, or the end of its chain of
/// symbolic links (a dangling link resolves to the file it would create).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // The kernel's own limit on nested links (ELOOP) is 40.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(unix)]
fn is_stream(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    t.is_char_device() || t.is_fifo() || t.is_block_device()
}

#[cfg(not(unix))]
fn is_stream(_: &fs::Metadata) -> bool {
    false
}

/// Writes a temporary file beside `path` and renames it over `path`.
fn replace(path: &Path, bytes: &[u8], mode: u32, flush: Flush) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // Outputs are ordinary documents: readable by others, as `touch` would make them
    // (0o644), unless the caller asks for less.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if flush == Flush::Now || !cfg!(target_os = "linux") {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Flushes to disk everything written under `dir`'s filesystem: one `syncfs` on
/// Linux, where [`for_row`] leaves its files to it (a folder that may be written
/// but not listed cannot be opened for it: then every filesystem is flushed);
/// elsewhere they were flushed one by one and there is nothing left to do.
pub fn flush_folder(dir: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    match fs::File::open(dir) {
        Ok(folder) => rustix::fs::syncfs(folder)?,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => rustix::fs::sync(),
        Err(e) => return Err(e),
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// Temporary files are named `.toolkit-XXXXXX.tmp` beside their target.
pub const TEMP_PREFIX: &str = ".toolkit-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files a killed run left in `dir` (`.toolkit-*.tmp`, regular
/// files only, not in subfolders); returns how many. Nothing else is touched.
pub fn remove_leftovers(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        if ours
            && entry.file_type().is_ok_and(|t| t.is_file())
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Removes an output of an earlier run (a regular file, never a link or an input)
/// so that it cannot be taken for this run's.
pub fn remove_stale(path: &Path, inputs: &Inputs) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && !inputs.contains(path) => fs::remove_file(path),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The files a run reads, by identity, so that no output ever replaces one of them,
/// whatever path or link it is reached by (`prep -o cv.md cv.md`).
#[derive(Debug, Default)]
pub struct Inputs(HashSet<(u64, u64)>);

impl Inputs {
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Inputs {
        Inputs(paths.into_iter().filter_map(identity).collect())
    }

    /// True when `path` (followed through links) is one of the inputs.
    pub fn contains(&self, path: &Path) -> bool {
        identity(path).is_some_and(|id| self.0.contains(&id))
    }
}

/// A regular file's device and inode. Devices and pipes (`-o /dev/stdout` while
/// reading stdin) are streams, not files whose contents a write would destroy.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    let canon = fs::canonicalize(path).ok()?;
    fs::metadata(&canon).ok()?.is_file().then(|| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        canon.hash(&mut h);
        (0, h.finish())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Inputs {
        Inputs::default()
    }

    #[test]
    fn replaces_a_regular_file_and_creates_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.pdf");
        atomically(&p, b"one", &none()).unwrap();
        atomically(&p, b"two", &none()).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_row_is_in_place_at_once_and_its_folder_flushes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("client.check.json");
        for_row(&p, b"{}\n", &none()).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"{}\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        flush_folder(dir.path()).unwrap();
        // Elsewhere there is nothing to flush, and so nothing to fail.
        if cfg!(target_os = "linux") {
            let gone = flush_folder(&dir.path().join("gone")).unwrap_err();
            assert_eq!(gone.kind(), io::ErrorKind::NotFound);
        }
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_link_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.pdf");
        fs::write(&target, b"old").unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink("real.pdf", &link).unwrap();
        atomically(&link, b"new", &none()).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");
        // A dangling link creates the file it names.
        let dangling = dir.path().join("dangling.pdf");
        std::os::unix::fs::symlink("made.pdf", &dangling).unwrap();
        atomically(&dangling, b"x", &none()).unwrap();
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(dir.path().join("made.pdf")).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_directory_and_a_link_loop() {
        let dir = tempfile::tempdir().unwrap();
        assert!(atomically(dir.path(), b"x", &none()).is_err());
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(atomically(&a, b"x", &none()).is_err());
    }

    #[test]
    fn only_our_own_leftovers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".toolkit-abc123.tmp",
            ".toolkit-x.tmp",
            "a.tmp",
            ".toolkit-keep",
            "cv.md",
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        fs::create_dir(dir.path().join(".toolkit-dir.tmp")).unwrap();
        assert_eq!(remove_leftovers(dir.path()), 2);
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".toolkit-dir.tmp", ".toolkit-keep", "a.tmp", "cv.md"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_input_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cv = dir.path().join("cv.md");
        fs::write(&cv, b"# Jane").unwrap();
        let link = dir.path().join("cv-link.pdf");
        std::os::unix::fs::symlink(&cv, &link).unwrap();
        let inputs = Inputs::of([cv.as_path()]);
        assert!(inputs.contains(&cv) && inputs.contains(&link));
        assert!(!inputs.contains(&dir.path().join("other.pdf")));
        assert!(atomically(&cv, b"x", &inputs).is_err());
        assert!(atomically(&link, b"x", &inputs).is_err());
        assert_eq!(fs::read(&cv).unwrap(), b"# Jane");
    }
}
