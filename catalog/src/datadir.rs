//! Where piicat keeps its state: the embedded catalog database, the search index and the
//! fingerprint key. Chosen by `--data-dir`, else `PIICAT_DATA_DIR`, else the platform's data
//! directory. Never chosen implicitly from the working directory.

use crate::error::{Error, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable naming the data directory.
pub const DATA_DIR_ENV: &str = "PIICAT_DATA_DIR";

/// The fingerprint key's file name in [`DataDir::keys_dir`].
const FINGERPRINT_KEY_FILE: &str = "fingerprint.key";

/// piicat's data directory. Creating one does not touch the disk; [`DataDir::ensure`] does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Resolves the data directory: the command-line flag, else `PIICAT_DATA_DIR`, else the
    /// platform's data directory (`~/.local/share/piicat` on Linux), and creates it.
    pub fn resolve(cli: Option<PathBuf>) -> Result<DataDir> {
        let dir = DataDir::choose(cli, std::env::var_os(DATA_DIR_ENV), dirs::data_dir())?;
        dir.ensure()?;
        Ok(dir)
    }

    /// The precedence rule alone, with the environment and platform passed in.
    pub fn choose(
        cli: Option<PathBuf>,
        env: Option<OsString>,
        platform: Option<PathBuf>,
    ) -> Result<DataDir> {
        if let Some(path) = cli {
            return Ok(DataDir::at(path));
        }
        if let Some(env) = env.filter(|v| !v.is_empty()) {
            return Ok(DataDir::at(PathBuf::from(env)));
        }
        platform
            .map(|p| DataDir::at(p.join("piicat")))
            .ok_or(Error::NoDataDir)
    }

    /// A data directory at an explicit path (not created yet).
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// Creates the directory (owner-only on Unix) if it does not exist.
    pub fn ensure(&self) -> Result<()> {
        create_private_dir(&self.root)
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// The embedded SQLite catalog.
    pub fn catalog_db(&self) -> PathBuf {
        self.root.join("catalog.db")
    }

    /// The parent of the search indexes (one per catalog, named by the catalog's id).
    pub fn index_root(&self) -> PathBuf {
        self.root.join("index")
    }

    /// Where secret keys live.
    pub fn keys_dir(&self) -> PathBuf {
        self.root.join("keys")
    }

    /// The data directory's own fingerprint key file.
    pub fn fingerprint_key_file(&self) -> PathBuf {
        self.keys_dir().join(FINGERPRINT_KEY_FILE)
    }

    /// The data directory's fingerprint key, created (32 random bytes, mode 0600) on first
    /// use. [`FingerprintKey::resolve`](crate::FingerprintKey::resolve) picks between it and
    /// a key file named on the command line or in the environment.
    pub fn fingerprint_key(&self) -> Result<crate::FingerprintKey> {
        self.ensure()?;
        let bytes = crate::keys::load_or_create_key(&self.keys_dir(), FINGERPRINT_KEY_FILE)?;
        Ok(crate::FingerprintKey::new(
            bytes,
            self.fingerprint_key_file(),
        ))
    }
}

/// Creates `path` and its parents; the last component is owner-only on Unix.
pub(crate) fn create_private_dir(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_platform() {
        let flag = Some(PathBuf::from("/flag"));
        let env = Some(OsString::from("/env"));
        let platform = Some(PathBuf::from("/platform"));
        let pick = |c: Option<PathBuf>, e: Option<OsString>, p: Option<PathBuf>| {
            DataDir::choose(c, e, p)
                .map(|d| d.path().to_path_buf())
                .ok()
        };
        assert_eq!(
            pick(flag.clone(), env.clone(), platform.clone()),
            Some(PathBuf::from("/flag"))
        );
        assert_eq!(
            pick(None, env.clone(), platform.clone()),
            Some(PathBuf::from("/env"))
        );
        assert_eq!(
            pick(None, Some(OsString::new()), platform.clone()),
            Some(PathBuf::from("/platform/piicat"))
        );
        assert_eq!(pick(None, None, None), None);
    }
}
