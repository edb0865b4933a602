//! Files stackviz writes (--pcap, --html): through a temporary file in the
//! same directory and a rename, so a reader never sees half a file, a failed
//! run leaves nothing behind, and an existing file is kept unless --force.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::Error;

/// Refuses early (before any work) when `path` exists and `force` is off.
pub fn check_free(path: &Path, force: bool) -> Result<(), Error> {
    if path.exists() && !force {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes `path` with `fill`, atomically.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write_error = |source: std::io::Error| Error::WriteFile {
        path: path.to_path_buf(),
        source,
    };
    let result = std::fs::File::create(&temp)
        .map_err(write_error)
        .and_then(|file| {
            let mut writer = BufWriter::new(file);
            fill(&mut writer).map_err(write_error)?;
            writer.flush().map_err(write_error)
        })
        .and_then(|()| std::fs::rename(&temp, path).map_err(write_error));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
