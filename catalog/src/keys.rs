//! Secret keys kept in the data directory: created once from the OS random source, written
//! owner-only, never logged, never printed. Losing the fingerprint key only means new
//! fingerprints no longer match old ones; it never exposes a value.

use crate::datadir::create_private_dir;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Reads the 32-byte key `dir/name`, creating it on first use. Safe against two processes
/// creating it at once: the key is written to a private temporary file and linked into place,
/// so a reader never sees half a key, and the loser of the race reads the winner's key.
pub(crate) fn load_or_create_key(dir: &Path, name: &str) -> Result<[u8; 32]> {
    let path = dir.join(name);
    if let Some(key) = read_key(&path)? {
        return Ok(key);
    }
    create_private_dir(dir)?;
    let key: [u8; 32] = rand::random();
    let tmp = tempfile_in(dir)?;
    {
        let mut file = open_private(&tmp)?;
        file.write_all(&key).map_err(|e| Error::io(&tmp, e))?;
        file.sync_all().map_err(|e| Error::io(&tmp, e))?;
    }
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            tracing::info!(path = %path.display(), "created a new fingerprint key");
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            read_key(&path)?.ok_or_else(|| Error::BadKey {
                path: path.clone(),
                reason: "disappeared while being created".into(),
            })
        }
        Err(e) => Err(Error::io(&path, e)),
    }
}

fn read_key(path: &Path) -> Result<Option<[u8; 32]>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| Error::BadKey {
        path: path.to_path_buf(),
        reason: format!("expected 32 bytes, found {}", bytes.len()),
    })?;
    warn_if_shared(path);
    Ok(Some(key))
}

#[cfg(unix)]
fn warn_if_shared(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(path = %path.display(), "key file is readable by other users; chmod 600 it");
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_path: &Path) {}

fn tempfile_in(dir: &Path) -> Result<std::path::PathBuf> {
    let suffix: u64 = rand::random();
    Ok(dir.join(format!(".key-{}-{suffix:016x}.tmp", std::process::id())))
}

fn open_private(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_created_once_private_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let first = load_or_create_key(&keys, "fingerprint.key").unwrap();
        let second = load_or_create_key(&keys, "fingerprint.key").unwrap();
        assert_eq!(first, second);
        assert_ne!(first, [0u8; 32]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(keys.join("fingerprint.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(&keys).unwrap().count(), 1);
    }

    #[test]
    fn a_short_key_file_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fingerprint.key"), b"short").unwrap();
        let err = load_or_create_key(dir.path(), "fingerprint.key").unwrap_err();
        assert!(err.to_string().contains("fingerprint.key"), "{err}");
        assert!(err.to_string().contains("32 bytes"), "{err}");
    }
}
