//! Walking a local directory tree. Hidden entries (`.git`, `.cache`...) and a few well-known
//! system or tool directories are skipped unless asked for; symlinked files are read through
//! the link, symlinked directories are entered only with `follow_links`. Special files
//! (FIFOs, sockets, devices) are never opened — a FIFO would block forever — and become a
//! failed report instead of a silent skip, like every entry that cannot be read.

use super::Filter;
use crate::config::FilesSource;
use crate::error::io_error;
use crate::store::Blob;
use piicat_classifiers::{AssetError, AssetErrorKind, AssetKind, AssetReport};
use std::path::{Path, PathBuf};

/// Directories that hold tool state, never data people put there.
const SKIP_DIRS: [&str; 3] = ["node_modules", "__pycache__", "lost+found"];
/// Kernel pseudo file systems, skipped when walking from `/`.
const SKIP_ROOT_DIRS: [&str; 4] = ["proc", "sys", "dev", "run"];

#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub blobs: Vec<Blob>,
    pub failures: Vec<AssetReport>,
    /// SQLite files found on the way, for the database scanner.
    pub databases: Vec<PathBuf>,
    /// `file:///abs/root` without a trailing slash.
    pub root_location: String,
}

fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn location(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn failure(path: &Path, error: AssetError) -> AssetReport {
    AssetReport::failed(location(path), AssetKind::File, error)
}

pub(crate) fn walk_local(src: &FilesSource) -> Result<Walked, AssetError> {
    let given = src.path.display().to_string();
    let root = std::fs::canonicalize(&src.path).map_err(|e| io_error(&given, &e))?;
    let filter = Filter::new(&src.include, &src.exclude).map_err(|reason| {
        AssetError::new(AssetErrorKind::Unsupported, format!("{given}: {reason}"))
    })?;
    let mut out = Walked {
        root_location: location(&root).trim_end_matches('/').to_string(),
        ..Walked::default()
    };
    let root_meta = std::fs::metadata(&root).map_err(|e| io_error(&given, &e))?;
    if root_meta.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(parent) = root.parent() {
            out.root_location = location(parent).trim_end_matches('/').to_string();
        }
        if crate::formats::is_sqlite_name(&name) {
            out.databases.push(root);
        } else {
            out.blobs.push(Blob::local(root, name, &root_meta));
        }
        return Ok(out);
    }
    let at_fs_root = root.parent().is_none();
    let walker = walkdir::WalkDir::new(&root)
        .follow_links(src.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            if !src.hidden && name.starts_with('.') {
                return false;
            }
            if e.file_type().is_dir() {
                if SKIP_DIRS.contains(&name.as_ref())
                    || (at_fs_root && e.depth() == 1 && SKIP_ROOT_DIRS.contains(&name.as_ref()))
                {
                    return false;
                }
                return filter.dir(&rel_path(&root, e.path()));
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.clone());
                let error = match e.io_error() {
                    Some(io) => io_error(&location(&path), io),
                    None => {
                        AssetError::new(AssetErrorKind::Io, format!("{}: {e}", location(&path)))
                    }
                };
                out.failures.push(failure(&path, error));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let rel = rel_path(&root, entry.path());
        if !filter.file(&rel) {
            continue;
        }
        let path = entry.path().to_path_buf();
        // Symlinks not followed by the walker: read files through them, report dangling ones.
        let meta = if ft.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => continue,
                Ok(m) => m,
                Err(e) => {
                    let mut error = io_error(&location(&path), &e);
                    if e.kind() == std::io::ErrorKind::NotFound {
                        error.message = format!(
                            "{}: unreadable: symbolic link to a missing file",
                            location(&path)
                        );
                    }
                    out.failures.push(failure(&path, error));
                    continue;
                }
            }
        } else {
            match entry.metadata() {
                Ok(m) => m,
                Err(e) => {
                    let error = match e.io_error() {
                        Some(io) => io_error(&location(&path), io),
                        None => {
                            AssetError::new(AssetErrorKind::Io, format!("{}: {e}", location(&path)))
                        }
                    };
                    out.failures.push(failure(&path, error));
                    continue;
                }
            }
        };
        if !meta.is_file() {
            out.failures.push(failure(
                &path,
                AssetError::new(
                    AssetErrorKind::Unsupported,
                    format!(
                        "{}: not a regular file (FIFO, socket or device); not opened",
                        location(&path)
                    ),
                ),
            ));
            continue;
        }
        if crate::formats::is_sqlite_name(&rel) {
            out.databases.push(path);
            continue;
        }
        out.blobs.push(Blob::local(path, rel, &meta));
    }
    Ok(out)
}
