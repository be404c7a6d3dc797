//! The catalog store: one abstraction over the two backends (embedded SQLite, PostgreSQL).
//!
//! The catalog's SQL is written once, in the dialect both backends share (`$1` parameters,
//! `ON CONFLICT`, `RETURNING`), and runs through the small wrappers here: [`Conn`] (a
//! connection or transaction of either backend), [`Q`] (a query being bound) and [`Row`]. Each
//! backend module only knows how to connect and which migrations to run. Queries are built at
//! run time (`sqlx::query`), so building needs no database.
//!
//! This layer must never log bound values: the catalog holds only masked examples and
//! fingerprints, and it keeps even those out of logs.

pub(crate) mod location;
pub(crate) mod postgres;
pub(crate) mod sqlite;

pub use location::{CatalogLocation, PostgresLocation};

use crate::error::{Error, Result};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgConnection, PgPool, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{AssertSqlSafe, Decode, Encode, Postgres, Row as _, SqlSafeStr, Sqlite, Type};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Which database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite: the embedded default, one file in the data directory.
    Sqlite,
    /// PostgreSQL: for teams and scale.
    Postgres,
}

/// A connected, migrated catalog database. Cheap to clone (a pool handle).
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// Source name -> id, for sources known to be committed (sources are never deleted, so
    /// an id once committed stays valid; cleared when migrations are reverted).
    sources: Arc<Mutex<HashMap<String, i64>>>,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Connects to the catalog database and brings its schema up to date.
    #[tracing::instrument(skip_all)]
    pub async fn open(location: &CatalogLocation, data_dir: &crate::DataDir) -> Result<Store> {
        let store = match location {
            CatalogLocation::Embedded => {
                data_dir.ensure()?;
                Store::with(Pool::Sqlite(sqlite::connect(&data_dir.catalog_db()).await?))
            }
            CatalogLocation::SqliteFile(path) => {
                Store::with(Pool::Sqlite(sqlite::connect(path).await?))
            }
            CatalogLocation::Postgres(pg) => {
                Store::with(Pool::Postgres(postgres::connect(pg).await?))
            }
        };
        store.migrate_up().await?;
        Ok(store)
    }

    fn with(pool: Pool) -> Store {
        Store {
            pool,
            sources: Arc::default(),
        }
    }

    /// The id of a source known to be committed, if this store has seen it.
    pub(crate) fn cached_source(&self, name: &str) -> Option<i64> {
        self.sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(name)
            .copied()
    }

    /// Remembers a source id; call only once the transaction that read or made it committed.
    pub(crate) fn cache_source(&self, name: &str, id: i64) {
        self.sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_string(), id);
    }

    /// The backend this store runs on.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies every migration not applied yet.
    #[tracing::instrument(skip_all)]
    pub async fn migrate_up(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(p) => migrator(sqlite::MIGRATIONS).run(p).await?,
            Pool::Postgres(p) => migrator(postgres::MIGRATIONS).run(p).await?,
        }
        Ok(())
    }

    /// Reverts migrations newer than `target` (0 reverts them all). For operators and the
    /// reversibility test; the catalog is unusable below the latest version.
    #[tracing::instrument(skip_all)]
    pub async fn migrate_down_to(&self, target: i64) -> Result<()> {
        self.sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        match &self.pool {
            Pool::Sqlite(p) => migrator(sqlite::MIGRATIONS).undo(p, target).await?,
            Pool::Postgres(p) => migrator(postgres::MIGRATIONS).undo(p, target).await?,
        }
        self.sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        Ok(())
    }

    /// The migration versions applied, oldest first.
    pub async fn applied_migrations(&self) -> Result<Vec<i64>> {
        let mut conn = self.conn().await?;
        let mut c = conn.conn();
        let rows = c
            .fetch_all(
                c.q("SELECT version FROM _sqlx_migrations WHERE success = true ORDER BY version"),
            )
            .await?;
        rows.iter().map(|r| r.get::<i64>(0)).collect()
    }

    /// Closes every connection (waits for them to be returned).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// A pooled connection for reads and single statements.
    pub(crate) async fn conn(&self) -> Result<PooledConn> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => PooledConn::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => PooledConn::Postgres(p.acquire().await?),
        })
    }

    /// Runs `work` in one write transaction: committed when it returns `Ok`, rolled back at
    /// once (not lazily on the connection's next use) when it returns `Err`, so a failed
    /// write never leaves locks behind.
    pub(crate) async fn write<T>(
        &self,
        work: impl AsyncFnOnce(&mut Conn<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut tx = self.begin().await?;
        let result = {
            let mut c = tx.conn();
            work(&mut c).await
        };
        match result {
            Ok(v) => {
                tx.commit().await?;
                Ok(v)
            }
            Err(e) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(error = %rollback, "rolling back a failed catalog write failed");
                }
                Err(e)
            }
        }
    }

    /// A write transaction. On SQLite it takes the write lock up front (`BEGIN IMMEDIATE`),
    /// so two writers wait for each other instead of failing on lock upgrade.
    async fn begin(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }
}

/// The embedded migration files of one backend.
pub(crate) struct MigrationFiles {
    pub version: i64,
    pub name: &'static str,
    pub up: &'static str,
    pub down: &'static str,
}

fn migrator(files: &[MigrationFiles]) -> Migrator {
    let mut migrations = Vec::with_capacity(files.len() * 2);
    for f in files {
        migrations.push(Migration::new(
            f.version,
            Cow::Borrowed(f.name),
            MigrationType::ReversibleUp,
            f.up.into_sql_str(),
            false,
        ));
        migrations.push(Migration::new(
            f.version,
            Cow::Borrowed(f.name),
            MigrationType::ReversibleDown,
            f.down.into_sql_str(),
            false,
        ));
    }
    Migrator::with_migrations(migrations)
}

/// A connection taken from the pool.
pub(crate) enum PooledConn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl PooledConn {
    pub(crate) fn conn(&mut self) -> Conn<'_> {
        match self {
            PooledConn::Sqlite(c) => Conn::Sqlite(c),
            PooledConn::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// An open transaction; see [`Store::write`].
enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }

    async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.rollback().await?,
            Tx::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}

/// A connection of either backend, borrowed from a pool connection or a transaction.
pub(crate) enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// A query of the backend it was made for, collecting its bound values.
pub(crate) enum Q {
    Sqlite(sqlx::query::Query<'static, Sqlite, SqliteArguments>),
    Postgres(sqlx::query::Query<'static, Postgres, PgArguments>),
}

impl Q {
    /// Binds the next `$n` parameter. The lifetime is the caller's: values are encoded into
    /// the query's own buffer at once (an `Option<&str>` need not be `'static`).
    pub(crate) fn bind<'t, T>(self, value: T) -> Q
    where
        T: Encode<'t, Sqlite> + Type<Sqlite> + Encode<'t, Postgres> + Type<Postgres>,
    {
        match self {
            Q::Sqlite(q) => Q::Sqlite(q.bind(value)),
            Q::Postgres(q) => Q::Postgres(q.bind(value)),
        }
    }
}

fn mismatch() -> Error {
    Error::Task("a query was built for the other database backend".into())
}

impl Conn<'_> {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::Postgres(_) => Backend::Postgres,
        }
    }

    /// A query in the shared dialect for this connection's backend.
    pub(crate) fn q(&self, sql: impl Into<Cow<'static, str>>) -> Q {
        let sql = sql.into();
        match self {
            Conn::Sqlite(_) => {
                let sql = match positional(&sql) {
                    Some(p) => Cow::Owned(p),
                    None => sql,
                };
                Q::Sqlite(sqlx::query(AssertSqlSafe(sql)))
            }
            Conn::Postgres(_) => Q::Postgres(sqlx::query(AssertSqlSafe(sql))),
        }
    }

    /// Runs a statement; returns the rows it affected.
    pub(crate) async fn execute(&mut self, q: Q) -> Result<u64> {
        Ok(match (self, q) {
            (Conn::Sqlite(c), Q::Sqlite(q)) => q.execute(&mut **c).await?.rows_affected(),
            (Conn::Postgres(c), Q::Postgres(q)) => q.execute(&mut **c).await?.rows_affected(),
            _ => return Err(mismatch()),
        })
    }

    pub(crate) async fn fetch_all(&mut self, q: Q) -> Result<Vec<Row>> {
        Ok(match (self, q) {
            (Conn::Sqlite(c), Q::Sqlite(q)) => q
                .fetch_all(&mut **c)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            (Conn::Postgres(c), Q::Postgres(q)) => q
                .fetch_all(&mut **c)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
            _ => return Err(mismatch()),
        })
    }

    pub(crate) async fn fetch_optional(&mut self, q: Q) -> Result<Option<Row>> {
        Ok(match (self, q) {
            (Conn::Sqlite(c), Q::Sqlite(q)) => q.fetch_optional(&mut **c).await?.map(Row::Sqlite),
            (Conn::Postgres(c), Q::Postgres(q)) => {
                q.fetch_optional(&mut **c).await?.map(Row::Postgres)
            }
            _ => return Err(mismatch()),
        })
    }

    pub(crate) async fn fetch_one(&mut self, q: Q) -> Result<Row> {
        Ok(match (self, q) {
            (Conn::Sqlite(c), Q::Sqlite(q)) => Row::Sqlite(q.fetch_one(&mut **c).await?),
            (Conn::Postgres(c), Q::Postgres(q)) => Row::Postgres(q.fetch_one(&mut **c).await?),
            _ => return Err(mismatch()),
        })
    }
}

/// A result row of either backend.
pub(crate) enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

/// A value both backends can decode.
pub(crate) trait Get:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}
impl<T> Get for T where
    T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

impl Row {
    /// Column `idx` (0-based) as `T`.
    pub(crate) fn get<T: Get>(&self, idx: usize) -> Result<T> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(idx)?,
            Row::Postgres(r) => r.try_get(idx)?,
        })
    }
}

/// For SQLite: `sql` with its `$1, $2, ...` parameters as plain `?`, when they appear
/// exactly once each and in order (so binding by position means the same), else `None`.
/// Numbered names cost sqlx a name lookup per bound value, which SQLite answers by scanning
/// every name: quadratic in a multi-row insert. Quoted text and comments are left alone.
fn positional(sql: &str) -> Option<String> {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut next = 1usize;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => return None,
            b'?' | b':' | b'@' => return None,
            b'$' => {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && b[end].is_ascii_digit() {
                    end += 1;
                }
                if sql[start..end].parse::<usize>().ok()? != next {
                    return None;
                }
                next += 1;
                out.push_str(&sql[copied..i]);
                out.push('?');
                copied = end;
                i = end;
            }
            _ => i += 1,
        }
    }
    if next == 1 {
        return None;
    }
    out.push_str(&sql[copied..]);
    Some(out)
}

/// `($1,$2,$3),($4,$5,$6)...`: the VALUES list of a multi-row insert.
pub(crate) fn values_list(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push(',');
            }
            s.push('$');
            s.push_str(&n.to_string());
            n += 1;
        }
        s.push(')');
    }
    s
}

/// `$first,$first+1,...`: a parameter list for `IN (...)`.
pub(crate) fn param_list(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Rows per multi-row statement: well under SQLite's and PostgreSQL's parameter limits.
pub(crate) const BATCH_ROWS: usize = 400;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_list_numbers_parameters_row_by_row() {
        assert_eq!(values_list(2, 3), "($1,$2,$3),($4,$5,$6)");
        assert_eq!(param_list(3, 2), "$3,$4");
    }

    #[test]
    fn sqlite_parameters_become_positional_only_when_in_order() {
        assert_eq!(
            positional("INSERT INTO t (a, b) VALUES ($1, $2), ($3,$4)").as_deref(),
            Some("INSERT INTO t (a, b) VALUES (?, ?), (?,?)")
        );
        assert_eq!(
            positional("UPDATE t SET s = 'a$2' WHERE x = $1").as_deref(),
            Some("UPDATE t SET s = 'a$2' WHERE x = ?")
        );
        assert_eq!(positional("SELECT 1"), None);
        assert_eq!(positional("SELECT $2, $1"), None);
        assert_eq!(positional("SELECT $1, $1"), None);
        assert_eq!(positional("SELECT $1, ?"), None);
        assert_eq!(positional("SELECT $x"), None);
    }
}
