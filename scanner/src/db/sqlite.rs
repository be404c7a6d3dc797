//! SQLite: tables and views from each schema's `sqlite_master` (`main` and attached
//! databases), columns from `pragma_table_info`, samples read as a few `rowid` windows at
//! seeded random offsets (or a plain `LIMIT` for small tables, views and `WITHOUT ROWID`
//! tables). Values are `CAST(.. AS TEXT)`; a blob stored in any column is never read.
//!
//! The file is opened read-only (`SQLITE_OPEN_READONLY`, `query_only`), never created.

use super::catalog::{
    Column, ColumnRead, MAX_JSON_CHARS, MAX_TEXT_CHARS, SkipReason, Table, TableKind, quote_ansi,
};
use super::errors::{CodeMapper, DbFailure, sqlite_codes};
use super::read::{Sample, TableSql, WINDOWS, key_windows};
use super::{ConnectFailure, Dialect, ReadStats, ScanContext};
use piicat_classifiers::AssetErrorKind;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Tables spanning at most this many times the sample in rowids are read with a plain `LIMIT`.
const SAMPLE_WORTH_IT: i64 = 5;
/// Tables whose rowid span is at most this are counted exactly for the row estimate.
const COUNT_EXACTLY_BELOW: i64 = 100_000;

/// An open SQLite file.
#[derive(Debug)]
pub(crate) struct Sqlite {
    pool: SqlitePool,
    /// `sqlite:///abs/path.db`
    location: String,
}

/// The file path of an `sqlite://` URL or a bare path.
fn file_path(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let rest = rest.split('?').next().unwrap_or(rest);
    PathBuf::from(rest)
}

impl Sqlite {
    pub(crate) async fn connect(url: &str, ctx: &ScanContext) -> Result<Sqlite, ConnectFailure> {
        let path = file_path(url);
        let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let location = format!("sqlite://{}", absolute.display());
        let fail = |f: DbFailure| ConnectFailure::new(location.clone(), f);
        // SQLite would report a missing file as a generic "unable to open"; say it plainly.
        match tokio::fs::metadata(&absolute).await {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => {
                return Err(fail(DbFailure::new(
                    AssetErrorKind::Unsupported,
                    "not a file",
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(fail(DbFailure::new(
                    AssetErrorKind::NotFound,
                    "no such file",
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(fail(DbFailure::new(
                    AssetErrorKind::PermissionDenied,
                    "permission denied",
                )));
            }
            Err(_) => {}
        }
        let options = options(
            &absolute,
            ctx.statement_timeout.unwrap_or(Duration::from_secs(30)),
        );
        // No connect deadline: opening a local file waits at most the busy timeout.
        let mut probe = options
            .connect()
            .await
            .map_err(|e| fail(Self::failure(e)))?;
        // Reading the schema proves this is an SQLite database (opening alone does not).
        sqlx::query("SELECT count(*) FROM sqlite_master")
            .fetch_one(&mut probe)
            .await
            .map_err(|e| fail(Self::failure(e)))?;
        let _ = probe.close().await;
        let pool = ctx.pool_options().connect_lazy_with(options);
        Ok(Sqlite { pool, location })
    }
}

fn options(path: &Path, busy: Duration) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(busy)
        // A second lock: even a statement that reached the engine could not write.
        .pragma("query_only", "ON")
        .disable_statement_logging()
}

/// How a column with `declared` type is read, and with what SQL.
fn column(name: String, declared: String) -> Column {
    let quoted = quote_ansi(&name);
    let upper = declared.to_ascii_uppercase();
    // Any column may hold a blob whatever its declared type: blobs become NULL.
    let text = |cap: u32| {
        format!(
            "substr(CASE WHEN typeof({quoted}) = 'blob' THEN NULL ELSE CAST({quoted} AS TEXT) END, 1, {cap})"
        )
    };
    let (read, select) = if upper.contains("BLOB") || upper.contains("BINARY") {
        (ColumnRead::Skip(SkipReason::Binary), String::new())
    } else if upper.contains("BOOL") {
        (
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData),
            String::new(),
        )
    } else if upper.contains("JSON") {
        (ColumnRead::Json, text(MAX_JSON_CHARS))
    } else {
        (ColumnRead::Text, text(MAX_TEXT_CHARS))
    };
    Column {
        name,
        data_type: declared,
        read,
        select,
    }
}

impl Dialect for Sqlite {
    type Db = sqlx::Sqlite;
    const FORMAT: &'static str = "sqlite";
    const QUOTE: fn(&str) -> String = quote_ansi;
    const CODES: CodeMapper = sqlite_codes;
    // The connection is read-only already; a plain BEGIN keeps the reads of one table on
    // one snapshot.
    const BEGIN: Option<&'static str> = None;

    fn location(&self) -> &str {
        &self.location
    }

    fn table_location(&self, table: &Table) -> String {
        if table.schema == "main" {
            format!("{}/{}", self.location, table.name)
        } else {
            format!("{}/{}.{}", self.location, table.schema, table.name)
        }
    }

    fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    async fn tables(&self) -> Result<Vec<Table>, DbFailure> {
        let mut conn = self.pool.acquire().await.map_err(Self::failure)?;
        let schemas: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(Self::failure)?;
        let mut tables = Vec::new();
        for schema in schemas {
            let sql = format!(
                "SELECT name, type, coalesce(sql, '') FROM {}.sqlite_master
                 WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                 ORDER BY name",
                quote_ansi(&schema)
            );
            let entries: Vec<(String, String, String)> = sqlx::query_as(AssertSqlSafe(sql))
                .fetch_all(&mut *conn)
                .await
                .map_err(Self::failure)?;
            for (name, kind, sql) in entries {
                let columns: Vec<(String, String)> =
                    sqlx::query_as("SELECT name, type FROM pragma_table_info(?1, ?2) ORDER BY cid")
                        .bind(&name)
                        .bind(&schema)
                        .fetch_all(&mut *conn)
                        .await
                        .map_err(Self::failure)?;
                let kind = if kind == "view" {
                    TableKind::View
                } else {
                    TableKind::Table
                };
                let ddl = sql.to_ascii_uppercase();
                let has_rowid = kind == TableKind::Table
                    && !ddl.contains("WITHOUT ROWID")
                    && !ddl.starts_with("CREATE VIRTUAL");
                tables.push(Table {
                    schema: schema.clone(),
                    name,
                    kind,
                    columns: columns.into_iter().map(|(n, t)| column(n, t)).collect(),
                    row_estimate: None,
                    range_key: has_rowid.then(|| "rowid".to_string()),
                });
            }
        }
        Ok(tables)
    }

    /// Windows of the rowid between its bounds, when the table has one and spans well
    /// above the sample. The bounds also give the row estimate the catalog lacks, in full
    /// mode too: exact for small spans, the span itself for large ones.
    async fn sample(
        &self,
        conn: &mut SqliteConnection,
        table: &Table,
        sql: &TableSql,
        sample_rows: Option<u64>,
        seed: u64,
        stats: &mut ReadStats,
    ) -> Result<Option<Sample>, DbFailure> {
        let Some(key) = &table.range_key else {
            return Ok(None);
        };
        let from = &sql.from;
        let (low, high): (Option<i64>, Option<i64>) = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT min({key}), max({key}) FROM {from}"
        )))
        .fetch_one(&mut *conn)
        .await
        .map_err(Self::failure)?;
        let (Some(low), Some(high)) = (low, high) else {
            stats.row_estimate = Some(0);
            return Ok(None);
        };
        let width_of_span = high.saturating_sub(low).saturating_add(1);
        stats.row_estimate = if width_of_span <= COUNT_EXACTLY_BELOW {
            let count: i64 =
                sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {from}")))
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(Self::failure)?;
            u64::try_from(count).ok()
        } else {
            u64::try_from(width_of_span).ok()
        };
        let Some(wanted) = sample_rows else {
            return Ok(None);
        };
        let wanted_i64 = i64::try_from(wanted).unwrap_or(i64::MAX);
        let big = stats
            .row_estimate
            .is_some_and(|e| e as i64 > wanted_i64.saturating_mul(SAMPLE_WORTH_IT));
        if !big {
            return Ok(None);
        }
        Ok(Some(Sample {
            queries: key_windows(sql, key, (low, high), wanted, seed),
            expected: wanted,
            note: format!("sampled {WINDOWS} random rowid windows"),
            method: "rowid windows",
        }))
    }

    fn text(row: &SqliteRow, index: usize) -> Result<Option<String>, DbFailure> {
        match row.try_get::<Option<String>, _>(index) {
            Ok(value) => Ok(value),
            // Text that is not valid UTF-8 is not read.
            Err(sqlx::Error::ColumnDecode { .. }) => Ok(None),
            Err(e) => Err(Self::failure(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths_give_the_file() {
        assert_eq!(
            file_path("sqlite:///data/app.db?mode=ro"),
            PathBuf::from("/data/app.db")
        );
        assert_eq!(
            file_path("sqlite://rel/app.db"),
            PathBuf::from("rel/app.db")
        );
        assert_eq!(file_path("sqlite:app.db"), PathBuf::from("app.db"));
        assert_eq!(
            file_path("samples/shop.sqlite3"),
            PathBuf::from("samples/shop.sqlite3")
        );
    }

    #[test]
    fn declared_types_decide_what_is_read() {
        let read = |t: &str| column("c".into(), t.into()).read;
        assert_eq!(read("BLOB"), ColumnRead::Skip(SkipReason::Binary));
        assert_eq!(
            read("boolean"),
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData)
        );
        assert_eq!(read("JSON"), ColumnRead::Json);
        assert_eq!(read(""), ColumnRead::Text);
        assert_eq!(read("VARCHAR(80)"), ColumnRead::Text);
        assert_eq!(read("DATE"), ColumnRead::Text);
    }
}
