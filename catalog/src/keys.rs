//! Secret keys: created once from the OS random source, written owner-only, never logged,
//! never printed. Losing the fingerprint key only means new fingerprints no longer match old
//! ones; it never exposes a value.
//!
//! [`FingerprintKey`] is the key the scanner makes fingerprints under, with its [`KeyId`]: a
//! short public name for the key that the catalog records, so fingerprints made under two
//! different keys are never mixed in one catalog. The id is a one-way hash of the key under
//! a label of its own; it names the key without revealing it or anything made with it.

use crate::datadir::{DataDir, create_private_dir};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::ffi::OsString;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable naming a fingerprint key file to use instead of the data
/// directory's (`--fingerprint-key-file` beats it).
pub const FINGERPRINT_KEY_FILE_ENV: &str = "PIICAT_FINGERPRINT_KEY_FILE";

/// Domain separation for [`KeyId`]: the id is SHA-256 over this label and the key, a
/// function no fingerprint (HMAC-SHA-256 under the key) shares.
const KEY_ID_LABEL: &[u8] = b"piicat fingerprint key id v1\0";

/// The fingerprint key: 32 secret bytes and the file they came from. `Debug` never prints
/// the bytes.
#[derive(Clone)]
pub struct FingerprintKey {
    bytes: [u8; 32],
    id: KeyId,
    file: PathBuf,
}

impl FingerprintKey {
    /// The key to use: `cli` (`--fingerprint-key-file`), else `PIICAT_FINGERPRINT_KEY_FILE`,
    /// else the data directory's own key. A named file is created (32 random bytes, mode
    /// 0600) when missing, in a directory that must exist; the data directory's is created
    /// with its directory.
    pub fn resolve(cli: Option<PathBuf>, data_dir: &DataDir) -> Result<FingerprintKey> {
        match FingerprintKey::choose(cli, std::env::var_os(FINGERPRINT_KEY_FILE_ENV)) {
            Some(file) => FingerprintKey::load_or_create(&file),
            None => data_dir.fingerprint_key(),
        }
    }

    /// The precedence rule alone: the flag, else the non-empty environment value, else
    /// `None` (the data directory's key).
    pub fn choose(cli: Option<PathBuf>, env: Option<OsString>) -> Option<PathBuf> {
        cli.filter(|p| !p.as_os_str().is_empty())
            .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
    }

    /// The key in `file`, created there (but not its directory) when missing.
    pub fn load_or_create(file: &Path) -> Result<FingerprintKey> {
        let parent = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(Error::BadKey {
                path: file.to_path_buf(),
                reason: format!("its directory {} does not exist", parent.display()),
            });
        }
        let bytes = load_or_create_key_file(file)?;
        Ok(FingerprintKey::new(bytes, file.to_path_buf()))
    }

    pub(crate) fn new(bytes: [u8; 32], file: PathBuf) -> FingerprintKey {
        FingerprintKey {
            id: KeyId::of(&bytes),
            bytes,
            file,
        }
    }

    /// The secret bytes, for the engine's HMAC. Never print them.
    pub fn bytes(&self) -> [u8; 32] {
        self.bytes
    }

    /// The key's public id.
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// The file the key was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FingerprintKey")
            .field("bytes", &"**REDACTED**")
            .field("id", &self.id)
            .field("file", &self.file)
            .finish()
    }
}

/// A fingerprint key's public id: 16 hex digits (64 bits) of SHA-256 over a fixed label and
/// the key. Equal keys have equal ids; the id reveals nothing that would let anyone make or
/// check a fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyId(String);

impl KeyId {
    /// The id of `key`.
    pub fn of(key: &[u8; 32]) -> KeyId {
        let digest = Sha256::new()
            .chain_update(KEY_ID_LABEL)
            .chain_update(key)
            .finalize();
        KeyId(digest[..8].iter().map(|b| format!("{b:02x}")).collect())
    }

    /// An id as stored (read back from a catalog).
    pub(crate) fn from_stored(id: String) -> KeyId {
        KeyId(id)
    }

    /// The hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads the 32-byte key `dir/name`, creating `dir` (owner-only) and the key on first use.
pub(crate) fn load_or_create_key(dir: &Path, name: &str) -> Result<[u8; 32]> {
    let path = dir.join(name);
    if let Some(key) = read_key(&path)? {
        return Ok(key);
    }
    create_private_dir(dir)?;
    load_or_create_key_file(&path)
}

/// Reads the 32-byte key at `path`, creating it on first use; its directory must exist. Safe
/// against two processes creating it at once: the key is written to a private temporary file
/// and linked into place, so a reader never sees half a key, and the loser of the race reads
/// the winner's key.
fn load_or_create_key_file(path: &Path) -> Result<[u8; 32]> {
    if let Some(key) = read_key(path)? {
        return Ok(key);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = path.to_path_buf();
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

    #[test]
    fn the_key_id_names_the_key_without_holding_it() {
        let key: [u8; 32] = std::array::from_fn(|i| i as u8 * 7 + 1);
        let id = KeyId::of(&key);
        assert_eq!(id.as_str().len(), 16);
        assert!(id.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(id, KeyId::of(&key), "stable");
        let mut other = key;
        other[31] ^= 1;
        assert_ne!(id, KeyId::of(&other));
        // Neither the key's bytes nor its hex form appear in the id.
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!hex.contains(id.as_str()) && !id.as_str().contains(&hex[..8]));
        assert!(
            !id.as_str()
                .as_bytes()
                .windows(4)
                .any(|w| key.windows(4).any(|k| k == w))
        );
        let shown = format!("{:?}", FingerprintKey::new(key, "k".into()));
        assert!(
            shown.contains("REDACTED") && !shown.contains(&hex[..8]),
            "{shown}"
        );
    }

    #[test]
    fn a_named_key_file_beats_the_environment_beats_the_data_dir() {
        let pick = |c: Option<&str>, e: Option<&str>| {
            FingerprintKey::choose(c.map(PathBuf::from), e.map(OsString::from))
        };
        assert_eq!(pick(Some("/flag"), Some("/env")), Some("/flag".into()));
        assert_eq!(pick(None, Some("/env")), Some("/env".into()));
        assert_eq!(pick(None, Some("")), None);
        assert_eq!(pick(None, None), None);
    }

    #[test]
    fn a_named_key_file_is_created_private_but_not_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.key");
        let created = FingerprintKey::load_or_create(&file).unwrap();
        let again = FingerprintKey::load_or_create(&file).unwrap();
        assert_eq!(created.bytes(), again.bytes());
        assert_eq!(created.id(), again.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let missing = dir.path().join("no-such-dir").join("team.key");
        let err = FingerprintKey::load_or_create(&missing).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!missing.parent().unwrap().exists());
    }
}
