//! Files stackviz writes (--pcap, --html): where each path really leads is
//! decided before anything is sent, and only a regular file is ever replaced.
//!
//! A regular file is written through a temporary file beside it and a
//! rename, so a reader never sees half a file and a failed run leaves
//! nothing behind; an existing one is kept unless --force. A character
//! device or a FIFO (`/dev/null`, a named pipe) is written in place: renaming
//! over it would destroy it (as root, `/dev/null` would become a file). `-` is
//! standard output. Symbolic links, directories, block devices and sockets
//! are refused with the reason.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, OutputProblem};

/// Where an output path leads, decided once before the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `-`: standard output.
    Stdout,
    /// A regular file, new or (with --force) replacing one.
    Regular { replaces: bool },
    /// A character device or a FIFO: written in place, never replaced.
    InPlace { what: SpecialFile },
}

/// The kinds of non-regular file that can take a stream of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    CharDevice,
    Fifo,
}

/// One output path and what writing it will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub destination: Destination,
}

/// What a write did, for the line that tells the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub destination: Destination,
    pub bytes: u64,
}

/// Decides what writing `path` will do, refusing anything it must not touch.
/// Nothing is created or changed (a probe file in the directory is created
/// and removed to prove it writable).
pub fn plan(path: &Path, force: bool) -> Result<OutputFile, Error> {
    let refuse = |problem: OutputProblem| Error::OutputRefused {
        path: path.to_path_buf(),
        problem,
    };
    if path.as_os_str() == "-" {
        return Ok(OutputFile {
            path: path.to_path_buf(),
            destination: Destination::Stdout,
        });
    }
    if path.as_os_str().is_empty() {
        return Err(refuse(OutputProblem::Empty));
    }
    if path.as_os_str().to_string_lossy().ends_with('/') {
        return Err(refuse(OutputProblem::Directory));
    }
    let destination = match std::fs::symlink_metadata(path) {
        Ok(meta) => {
            let kind = meta.file_type();
            if kind.is_symlink() {
                // Writing through a link would replace or fill whatever it
                // points at, which the user did not name: refuse and say where
                // it leads, so they can give that path if they mean it.
                let target = std::fs::read_link(path).unwrap_or_default();
                return Err(refuse(OutputProblem::Symlink { target }));
            } else if kind.is_dir() {
                return Err(refuse(OutputProblem::Directory));
            } else if kind.is_char_device() {
                Destination::InPlace {
                    what: SpecialFile::CharDevice,
                }
            } else if kind.is_fifo() {
                Destination::InPlace {
                    what: SpecialFile::Fifo,
                }
            } else if kind.is_block_device() {
                // A pcap written onto a disk would destroy its contents.
                return Err(refuse(OutputProblem::BlockDevice));
            } else if kind.is_socket() {
                return Err(refuse(OutputProblem::Socket));
            } else if !force {
                return Err(Error::OutputExists {
                    path: path.to_path_buf(),
                });
            } else {
                Destination::Regular { replaces: true }
            }
        }
        // ENOTDIR: a part of the path is a file; the directory check below names it.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Destination::Regular { replaces: false }
        }
        Err(source) => return Err(refuse(OutputProblem::Unreadable { source })),
    };
    match &destination {
        Destination::Regular { .. } => probe_directory(path).map_err(refuse)?,
        Destination::InPlace { .. } => {
            // Open now (without creating) to learn of a permission problem
            // before the run rather than after it. Opening a FIFO for writing
            // would block until a reader comes, so it is only checked then.
            if destination
                != (Destination::InPlace {
                    what: SpecialFile::Fifo,
                })
            {
                OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|source| refuse(OutputProblem::NotWritable { source }))?;
            }
        }
        Destination::Stdout => {}
    }
    Ok(OutputFile {
        path: path.to_path_buf(),
        destination,
    })
}

/// Plans every output of one run, refusing two options that name one file
/// (the second would overwrite the first).
pub fn plan_all(paths: &[(&str, &Path)], force: bool) -> Result<Vec<OutputFile>, Error> {
    let mut planned: Vec<(&str, OutputFile, Option<PathBuf>)> = Vec::new();
    for (option, path) in paths {
        let file = plan(path, force)?;
        let identity = identity(&file);
        if let Some((first, _, _)) = planned
            .iter()
            .find(|(_, other, id)| *id == identity && (id.is_some() || other.path == file.path))
        {
            return Err(Error::SameOutput {
                first: first.to_string(),
                second: option.to_string(),
                path: path.to_path_buf(),
            });
        }
        planned.push((option, file, identity));
    }
    Ok(planned.into_iter().map(|(_, file, _)| file).collect())
}

/// The same file named two ways (`a.pcap`, `./a.pcap`, `dir/../a.pcap`)
/// resolves to one identity: the canonical directory plus the name.
fn identity(file: &OutputFile) -> Option<PathBuf> {
    if file.destination == Destination::Stdout {
        return Some(PathBuf::from("-"));
    }
    let dir = directory_of(&file.path).canonicalize().ok()?;
    Some(dir.join(file.path.file_name()?))
}

fn directory_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn temporary_name(path: &Path, purpose: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    directory_of(path).join(format!(".{name}.{}.{purpose}", std::process::id()))
}

/// The directory exists and a file can be created in it: proven by creating
/// and removing a probe, which answers for permissions, read-only file
/// systems and full inode tables alike.
fn probe_directory(path: &Path) -> Result<(), OutputProblem> {
    let dir = directory_of(path);
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(OutputProblem::ParentNotDirectory {
                dir: dir.to_path_buf(),
            })
        }
        Err(_) => {
            return Err(OutputProblem::NoDirectory {
                dir: dir.to_path_buf(),
            })
        }
    }
    let probe = temporary_name(path, "probe");
    match OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(source) => Err(OutputProblem::DirectoryNotWritable {
            dir: dir.to_path_buf(),
            source,
        }),
    }
}

impl OutputFile {
    /// Writes the file as planned with `fill`.
    pub fn write(
        &self,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<Written, Error> {
        let write_error = |source: std::io::Error| Error::WriteFile {
            path: self.path.clone(),
            source,
        };
        let bytes = match &self.destination {
            Destination::Stdout => {
                let mut counter = Counting::new(std::io::stdout().lock());
                fill(&mut counter)
                    .and_then(|()| counter.flush())
                    .map_err(write_error)?;
                counter.count
            }
            Destination::InPlace { .. } => {
                // No create, no truncate: the device or FIFO stays what it is.
                let file = OpenOptions::new()
                    .write(true)
                    .open(&self.path)
                    .map_err(write_error)?;
                let mut counter = Counting::new(BufWriter::new(file));
                fill(&mut counter)
                    .and_then(|()| counter.flush())
                    .map_err(write_error)?;
                counter.count
            }
            Destination::Regular { .. } => self.write_regular(fill)?,
        };
        Ok(Written {
            path: self.path.clone(),
            destination: self.destination.clone(),
            bytes,
        })
    }

    fn write_regular(
        &self,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<u64, Error> {
        let write_error = |source: std::io::Error| Error::WriteFile {
            path: self.path.clone(),
            source,
        };
        let temp = temporary_name(&self.path, "tmp");
        // create_new: never follow or reuse something already at the
        // temporary name.
        let result = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(write_error)
            .and_then(|file: File| {
                let mut counter = Counting::new(BufWriter::new(file));
                fill(&mut counter)
                    .and_then(|()| counter.flush())
                    .map_err(write_error)?;
                Ok(counter.count)
            })
            .and_then(|bytes| {
                // The path may have changed during the run: rename only over
                // nothing or a regular file, never over a device, FIFO, link
                // or directory that appeared meanwhile.
                match std::fs::symlink_metadata(&self.path) {
                    Ok(meta) if !meta.file_type().is_file() => {
                        return Err(Error::OutputRefused {
                            path: self.path.clone(),
                            problem: OutputProblem::Changed,
                        })
                    }
                    Ok(_) if self.destination == (Destination::Regular { replaces: false }) => {
                        return Err(Error::OutputExists {
                            path: self.path.clone(),
                        })
                    }
                    _ => {}
                }
                std::fs::rename(&temp, &self.path).map_err(write_error)?;
                Ok(bytes)
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }
}

/// Counts the bytes that pass, for the line that says what was written.
struct Counting<W: Write> {
    inner: W,
    count: u64,
}

impl<W: Write> Counting<W> {
    fn new(inner: W) -> Self {
        Counting { inner, count: 0 }
    }
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("stackviz-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_character_device_is_written_in_place_never_replaced() {
        let planned = plan(Path::new("/dev/null"), true).unwrap();
        assert_eq!(
            planned.destination,
            Destination::InPlace {
                what: SpecialFile::CharDevice
            }
        );
        let written = planned.write(|w| w.write_all(b"0123456789")).unwrap();
        assert_eq!(written.bytes, 10);
        let meta = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(
            meta.file_type().is_char_device(),
            "/dev/null is still a device"
        );
    }

    #[test]
    fn a_full_device_reports_the_write_error() {
        let planned = plan(Path::new("/dev/full"), true).unwrap();
        let error = planned.write(|w| w.write_all(&[0; 100_000])).unwrap_err();
        assert!(matches!(error, Error::WriteFile { .. }), "{error:?}");
        let meta = std::fs::symlink_metadata("/dev/full").unwrap();
        assert!(meta.file_type().is_char_device());
    }

    #[test]
    fn an_existing_file_needs_force_and_force_replaces_it() {
        let dir = scratch("force");
        let path = dir.join("a.pcapng");
        std::fs::write(&path, b"old").unwrap();
        assert!(matches!(
            plan(&path, false),
            Err(Error::OutputExists { .. })
        ));
        plan(&path, true)
            .unwrap()
            .write(|w| w.write_all(b"new"))
            .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary or probe file is left");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn links_directories_and_missing_directories_are_refused() {
        let dir = scratch("refuse");
        let target = dir.join("target");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let refused = |path: &Path| match plan(path, true) {
            Err(Error::OutputRefused { problem, .. }) => problem,
            other => panic!("{path:?} was not refused: {other:?}"),
        };
        assert!(matches!(refused(&link), OutputProblem::Symlink { .. }));
        assert!(matches!(refused(&dir), OutputProblem::Directory));
        assert!(matches!(
            refused(&dir.join("nowhere/x.html")),
            OutputProblem::NoDirectory { .. }
        ));
        assert!(matches!(
            refused(&target.join("x.html")),
            OutputProblem::ParentNotDirectory { .. }
        ));
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn one_file_named_twice_is_refused() {
        let dir = scratch("same");
        let a = dir.join("r.html");
        let b = dir.join("sub/../r.html");
        std::fs::create_dir(dir.join("sub")).unwrap();
        let error = plan_all(&[("--pcap", &a), ("--html", &b)], false).unwrap_err();
        assert!(matches!(error, Error::SameOutput { .. }), "{error:?}");
        let dash = Path::new("-");
        let error = plan_all(&[("--pcap", dash), ("--html", dash)], false).unwrap_err();
        assert!(matches!(error, Error::SameOutput { .. }), "{error:?}");
        // Two different character devices, or one device twice, are both
        // harmless in-place writes but the same name twice still clashes.
        assert!(plan_all(&[("--pcap", &a), ("--html", &dir.join("s.html"))], false).is_ok());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
