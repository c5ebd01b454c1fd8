//! Writing outputs atomically: a temporary file beside the target, then a rename,
//! so an interrupted run never leaves a half-written file where the output belongs.

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically; on any error the target is untouched and
/// the temporary file is removed.
pub fn atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".toolkit-").suffix(".tmp");
    // Outputs are ordinary documents: readable by others, as `touch` would make them.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
