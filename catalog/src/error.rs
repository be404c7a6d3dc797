//! The catalog's one error type. Messages name what failed and where (a path, an asset
//! location, a query); they never carry a scanned value — the catalog holds none to leak.

use crate::keys::KeyId;
use std::path::PathBuf;

/// Everything that can go wrong in the catalog.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The `--catalog` location is not one piicat understands.
    #[error("invalid catalog location: {0}")]
    InvalidLocation(String),

    /// No data directory was given and the platform has none.
    #[error(
        "no data directory: pass --data-dir or set PIICAT_DATA_DIR (the platform has no default)"
    )]
    NoDataDir,

    /// A file or directory of the data directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },

    /// The fingerprint key file exists but is not a key.
    #[error("fingerprint key {path}: {reason}")]
    BadKey {
        /// The key file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The catalog's fingerprints were made under another key than the one given.
    #[error(
        "the catalog ({catalog}) holds fingerprints made under fingerprint key id {catalog_key}, \
         but this piicat's key has id {key}: fingerprints under different keys never match, so \
         related fields would silently break. Use the catalog's key: copy the key file of a \
         machine that writes to this catalog (its DATA_DIR/keys/fingerprint.key) and point \
         --fingerprint-key-file or PIICAT_FINGERPRINT_KEY_FILE at the copy (or put it in this \
         data directory's keys/fingerprint.key)"
    )]
    FingerprintKeyMismatch {
        /// The catalog, for people (never a password).
        catalog: String,
        /// The id of the key the catalog's fingerprints are under.
        catalog_key: KeyId,
        /// The id of the key given.
        key: KeyId,
    },

    /// A query to the catalog database failed.
    #[error("catalog database: {0}")]
    Database(#[from] sqlx::Error),

    /// The catalog schema could not be migrated.
    #[error("catalog migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    /// The search index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),

    /// The search index directory could not be opened or created.
    #[error("search index directory {path}: {reason}")]
    IndexDir {
        /// The index directory.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },

    /// Another process holds the search index for writing.
    #[error(
        "search index {0} is being written by another piicat process; it catches up when that process next commits"
    )]
    IndexLocked(PathBuf),

    /// The thing asked for is not in the catalog.
    #[error("no {what} `{id}` in the catalog")]
    NotFound {
        /// What kind of thing (`asset`, `finding`, `scan run`).
        what: &'static str,
        /// How it was named.
        id: String,
    },

    /// The caller asked for something the catalog does not allow (an unknown status...).
    #[error("{0}")]
    Invalid(String),

    /// A row in the catalog database holds something the catalog did not write.
    #[error("corrupt catalog row in {table}: {reason}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// What could not be read.
        reason: String,
    },

    /// A background task (index work runs off the async runtime) died.
    #[error("catalog background task failed: {0}")]
    Task(String),
}

/// The catalog's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
