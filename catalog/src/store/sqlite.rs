//! The SQLite backend: the embedded, zero set-up catalog. WAL journal so readers never block
//! the writer, `synchronous = NORMAL` so a killed process never corrupts the file (WAL keeps
//! every committed transaction or none of a torn one), and a busy timeout so a second piicat
//! process waits instead of failing.

use super::MigrationFiles;
use crate::error::Result;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;
use std::time::Duration;

pub(crate) const MIGRATIONS: &[MigrationFiles] = &[
    MigrationFiles {
        version: 1,
        name: "catalog",
        up: include_str!("../../migrations/sqlite/0001_catalog.up.sql"),
        down: include_str!("../../migrations/sqlite/0001_catalog.down.sql"),
    },
    MigrationFiles {
        version: 2,
        name: "run_owner_and_settings",
        up: include_str!("../../migrations/sqlite/0002_run_owner_and_settings.up.sql"),
        down: include_str!("../../migrations/sqlite/0002_run_owner_and_settings.down.sql"),
    },
];

pub(crate) async fn connect(path: &Path) -> Result<SqlitePool> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::datadir::create_private_dir(parent)?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30))
        // 32 MiB of page cache per connection (the default is 2 MiB): the candidate table is
        // keyed by random fingerprints, and its batches touch pages all over it.
        .pragma("cache_size", "-32768")
        // Checkpoint (and fsync) every ~40 MiB of WAL rather than every 4 MiB.
        .pragma("wal_autocheckpoint", "10000");
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        // A connection to a local file cannot go stale: no ping before every acquire (a
        // round trip to the connection's worker thread, per transaction).
        .test_before_acquire(false)
        .connect_with(options)
        .await?;
    Ok(pool)
}
