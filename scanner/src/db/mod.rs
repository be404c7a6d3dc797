//! Database sources: PostgreSQL, MySQL/MariaDB and SQLite through sqlx. Enumerates tables
//! (and, when asked, views) from the catalogs, samples rows with each server's cheapest honest
//! method, casts every read column to text in SQL and classifies the values off the async
//! runtime. One report per table; a failure that stops the whole database is one failed report.
//!
//! Must never write to a scanned database (every session and transaction is read-only), never
//! put a password in a location or message, and never put a row value in an error.

mod catalog;
mod classify;
mod errors;
mod mysql;
mod postgres;
mod read;
mod sqlite;

use crate::options::{SamplingMode, ScanOptions};
use catalog::{ColumnRead, Table, TableFilter};
use classify::{FieldSpec, RowSender};
use errors::{CodeMapper, DbFailure, from_sqlx};
use futures::StreamExt;
use piicat_classifiers::{AssetError, AssetErrorKind, AssetKind, AssetMeta, AssetReport, Engine};
use read::{Driver, Sample, TableSql};
use serde::{Deserialize, Serialize};
use sqlx::pool::{Pool, PoolOptions};
use sqlx::{ConnectOptions, Database};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// A database source: PostgreSQL, MySQL/MariaDB or SQLite, chosen by the URL scheme
/// (postgres://, postgresql://, mysql://, mariadb://, sqlite://path or a path ending
/// .db/.sqlite/.sqlite3).
#[derive(Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSource {
    /// Connection URL; may be omitted when `url_env` names an environment variable holding it.
    #[serde(default)]
    pub url: Option<String>,
    /// Environment variable holding the connection URL, so the secret stays out of the config.
    #[serde(default)]
    pub url_env: Option<String>,
    /// Glob patterns on `schema.table` (or `table`); empty means every table.
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns on `schema.table` (or `table`) left out even when included.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Also scan views (and materialized views and foreign tables on PostgreSQL).
    #[serde(default)]
    pub include_views: bool,
    /// Rows sampled per table; overrides `ScanOptions::sample_rows`.
    #[serde(default)]
    pub sample_rows: Option<u64>,
}

impl DatabaseSource {
    /// A source with every default and this URL (or SQLite file path).
    pub fn from_url(url: &str) -> Self {
        DatabaseSource {
            url: Some(url.to_string()),
            ..DatabaseSource::default()
        }
    }
}

// The URL may carry a password: Debug shows it with the password and user removed.
impl std::fmt::Debug for DatabaseSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseSource")
            .field("url", &self.url.as_deref().map(redacted_url))
            .field("url_env", &self.url_env)
            .field("include", &self.include)
            .field("exclude", &self.exclude)
            .field("include_views", &self.include_views)
            .field("sample_rows", &self.sample_rows)
            .finish()
    }
}

/// Scans every selected table; sends one AssetReport per table (kind Table, location like
/// `postgres://host:5432/db/schema.table` — NEVER with the password) on `out`.
/// A failure that prevents any table from being read (connection refused, authentication failed,
/// unknown database, timeout) is sent as ONE failed AssetReport for the database location.
pub async fn scan_database(
    source: &DatabaseSource,
    source_name: Option<&str>,
    engine: Arc<Engine>,
    opts: &ScanOptions,
    out: mpsc::Sender<AssetReport>,
) {
    let fail = |location: String, error: AssetError| {
        let mut report = AssetReport::failed(location, AssetKind::Table, error);
        report.source = source_name.map(str::to_string);
        report
    };
    let url = match resolve_url(source) {
        Ok(url) => url,
        Err(error) => {
            let location = match (&source.url_env, source_name) {
                (Some(var), _) => format!("env:{var}"),
                (None, Some(name)) => format!("source:{name}"),
                (None, None) => "database".to_string(),
            };
            let _ = out.send(fail(location, error)).await;
            return;
        }
    };
    let filter = match TableFilter::new(&source.include, &source.exclude) {
        Ok(filter) => filter,
        Err(reason) => {
            let error = AssetError::new(AssetErrorKind::Unsupported, reason);
            let _ = out.send(fail(redacted_url(&url), error)).await;
            return;
        }
    };
    let ctx = ScanContext {
        engine,
        filter,
        include_views: source.include_views,
        source_name: source_name.map(str::to_string),
        sample_rows: match opts.mode {
            SamplingMode::Sample => Some(source.sample_rows.unwrap_or(opts.sample_rows).max(1)),
            SamplingMode::Full => None,
        },
        seed: opts.seed,
        statement_timeout: (opts.statement_timeout_secs > 0)
            .then(|| Duration::from_secs(opts.statement_timeout_secs)),
        max_connections: opts.max_connections.max(1),
    };
    let connected = match Backend::of(&url) {
        Backend::Postgres => match postgres::Postgres::connect(&url, &ctx).await {
            Ok(db) => return run(db, &ctx, out).await,
            Err(failure) => failure,
        },
        Backend::MySql => match mysql::MySql::connect(&url, &ctx).await {
            Ok(db) => return run(db, &ctx, out).await,
            Err(failure) => failure,
        },
        Backend::Sqlite => match sqlite::Sqlite::connect(&url, &ctx).await {
            Ok(db) => return run(db, &ctx, out).await,
            Err(failure) => failure,
        },
    };
    let _ = out.send(fail(connected.location, connected.error)).await;
}

/// Which server a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    Postgres,
    MySql,
    Sqlite,
}

impl Backend {
    /// By scheme; anything without a known scheme is taken as an SQLite file path.
    fn of(url: &str) -> Backend {
        let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("postgres" | "postgresql") => Backend::Postgres,
            Some("mysql" | "mariadb") => Backend::MySql,
            _ => Backend::Sqlite,
        }
    }
}

fn resolve_url(source: &DatabaseSource) -> Result<String, AssetError> {
    if let Some(url) = source.url.as_deref().filter(|u| !u.trim().is_empty()) {
        return Ok(url.trim().to_string());
    }
    match &source.url_env {
        Some(var) => match std::env::var(var) {
            Ok(url) if !url.trim().is_empty() => Ok(url.trim().to_string()),
            _ => Err(AssetError::new(
                AssetErrorKind::NotFound,
                format!("environment variable `{var}` (the database URL) is not set"),
            )),
        },
        None => Err(AssetError::new(
            AssetErrorKind::Unsupported,
            "database source has neither `url` nor `url_env`",
        )),
    }
}

/// A URL with user and password removed (and query parameters, which may hold secrets too),
/// for locations of sources that could not be opened.
pub(crate) fn redacted_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.has_host() => {
            let _ = parsed.set_password(None);
            let _ = parsed.set_username("");
            parsed.set_query(None);
            parsed.set_fragment(None);
            parsed.to_string()
        }
        // No host (a bare SQLite path, `sqlite:file.db`): cut anything after `?`, and an
        // `@` could only be part of a path here.
        _ => url.split(['?', '#']).next().unwrap_or_default().to_string(),
    }
}

/// What every table scan of one source shares.
struct ScanContext {
    engine: Arc<Engine>,
    filter: TableFilter,
    include_views: bool,
    source_name: Option<String>,
    /// Rows per table, or `None` to read every row.
    sample_rows: Option<u64>,
    seed: u64,
    statement_timeout: Option<Duration>,
    max_connections: u32,
}

impl ScanContext {
    /// How long opening a connection may take.
    fn connect_timeout(&self) -> Duration {
        self.statement_timeout
            .unwrap_or(Duration::from_secs(30))
            .min(Duration::from_secs(30))
            .max(Duration::from_secs(5))
    }

    /// A seed for `table`'s random choices: the scan seed mixed with its name, so two tables
    /// do not sample the same offsets while a rescan samples the same rows.
    fn table_seed(&self, table: &Table) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in table.schema.bytes().chain([b'.']).chain(table.name.bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^ self.seed
    }

    /// A pool of `max_connections` that opens them as tables need them; a connection is not
    /// pinged before each use, which would cost a round trip per table.
    fn pool_options<DB: Database>(&self) -> PoolOptions<DB> {
        PoolOptions::new()
            .max_connections(self.max_connections)
            .min_connections(0)
            .acquire_timeout(self.connect_timeout() * 2)
            .test_before_acquire(false)
    }

    /// Opens one connection to check that the server answers and the credentials work,
    /// giving up after [`connect_timeout`](Self::connect_timeout).
    async fn probe<C: ConnectOptions>(
        &self,
        options: &C,
        codes: CodeMapper,
    ) -> Result<C::Connection, DbFailure>
    where
        C::Connection: Sized,
    {
        tokio::time::timeout(self.connect_timeout(), options.connect())
            .await
            .map_err(|_| {
                DbFailure::new(AssetErrorKind::Timeout, "the server did not answer in time")
            })?
            .map_err(|e| from_sqlx(&e, codes))
    }
}

/// A failure before any table could be read: where, and why.
#[derive(Debug)]
struct ConnectFailure {
    location: String,
    error: AssetError,
}

impl ConnectFailure {
    fn new(location: String, failure: DbFailure) -> ConnectFailure {
        ConnectFailure {
            error: failure.into_asset_error(&location, None),
            location,
        }
    }
}

/// The host part of a location: a Unix socket path shows as `localhost`.
fn display_host(host: &str) -> &str {
    if host.starts_with('/') {
        "localhost"
    } else {
        host
    }
}

/// What a dialect learned while reading one table beyond its rows.
#[derive(Debug, Default)]
struct ReadStats {
    /// A row estimate found while reading (SQLite), overriding the catalog's.
    row_estimate: Option<u64>,
    notes: Vec<String>,
}

/// One server dialect: what differs between servers. Everything they share — the read of a
/// table ([`read::read_table`]), the pool and the connection probe ([`ScanContext`]), the
/// mapping of driver errors ([`from_sqlx`]) — is written once around it.
trait Dialect: Send + Sync {
    /// The sqlx driver.
    type Db: Driver;
    /// `postgres`, `mysql` or `sqlite`, for `AssetMeta::format`.
    const FORMAT: &'static str;
    /// Quotes an identifier.
    const QUOTE: fn(&str) -> String;
    /// The server's own error codes.
    const CODES: CodeMapper;
    /// The statement that opens a read-only transaction; `None` for the driver's plain
    /// `BEGIN` (SQLite, whose connections are read-only already).
    const BEGIN: Option<&'static str>;
    /// The database location (`postgres://host:5432/db`), never with credentials.
    fn location(&self) -> &str;
    /// The location of one table.
    fn table_location(&self, table: &Table) -> String;
    /// The connection pool.
    fn pool(&self) -> &Pool<Self::Db>;
    /// Every table and view with its columns, before filtering.
    fn tables(&self) -> impl Future<Output = Result<Vec<Table>, DbFailure>> + Send;
    /// Runs in `conn`, the read's transaction, before a table with columns is read: the
    /// dialect's cheap sample of `sample_rows` rows for a table big enough for one, or `None`
    /// to read its first rows. Called in full mode too (`sample_rows` is `None`, and so is
    /// the answer), so a dialect can note in `stats` what only a read learns (a row count).
    fn sample(
        &self,
        conn: &mut <Self::Db as Database>::Connection,
        table: &Table,
        sql: &TableSql,
        sample_rows: Option<u64>,
        seed: u64,
        stats: &mut ReadStats,
    ) -> impl Future<Output = Result<Option<Sample>, DbFailure>> + Send;
    /// Column `index` of `row` as text, `None` for NULL; whether a value that is not valid
    /// text is dropped or fails the read is the dialect's choice.
    fn text(row: &<Self::Db as Database>::Row, index: usize) -> Result<Option<String>, DbFailure>;

    /// A driver error in this dialect's words.
    fn failure(err: sqlx::Error) -> DbFailure {
        from_sqlx(&err, Self::CODES)
    }
}

async fn run<D: Dialect>(db: D, ctx: &ScanContext, out: mpsc::Sender<AssetReport>) {
    let tables = match db.tables().await {
        Ok(tables) => tables,
        Err(failure) => {
            let error = failure.into_asset_error(db.location(), ctx.statement_timeout);
            let mut report = AssetReport::failed(db.location(), AssetKind::Table, error);
            report.source = ctx.source_name.clone();
            let _ = out.send(report).await;
            db.pool().close().await;
            return;
        }
    };
    let selected: Vec<Table> = tables
        .into_iter()
        .filter(|t| (ctx.include_views || !t.kind.is_view()) && ctx.filter.selects(t))
        .collect();
    tracing::debug!(
        database = db.location(),
        tables = selected.len(),
        "scanning tables"
    );
    let mut reports = futures::stream::iter(selected)
        .map(|table| scan_table(&db, ctx, table))
        .buffer_unordered(ctx.max_connections as usize);
    while let Some(report) = reports.next().await {
        if out.send(report).await.is_err() {
            // Nobody listens any more: stop reading.
            break;
        }
    }
    drop(reports);
    db.pool().close().await;
}

async fn scan_table<D: Dialect>(db: &D, ctx: &ScanContext, table: Table) -> AssetReport {
    let location = db.table_location(&table);
    let mut meta = AssetMeta {
        row_estimate: table.row_estimate,
        schema_fingerprint: Some(table.schema_fingerprint()),
        format: Some(D::FORMAT.to_string()),
        ..AssetMeta::default()
    };
    meta.notes.extend(table.skip_notes());
    if table.kind.is_view() {
        meta.notes
            .push(format!("{} read through its query", table.kind.as_str()));
    }
    let specs: Vec<FieldSpec> = table
        .columns
        .iter()
        .filter_map(|c| match c.read {
            ColumnRead::Text => Some(FieldSpec::new(&c.name, &c.data_type, false)),
            ColumnRead::Json => Some(FieldSpec::new(&c.name, &c.data_type, true)),
            ColumnRead::Skip(_) => None,
        })
        .collect();
    let report = |meta: AssetMeta, fields, error| AssetReport {
        asset: location.clone(),
        kind: AssetKind::Table,
        source: ctx.source_name.clone(),
        meta,
        fields,
        error,
    };
    // A table without any catalog column still gets read: the dialect probes it, so a view
    // the catalog could not describe reports why (missing table, refused write...).
    if specs.is_empty() && !table.columns.is_empty() {
        meta.notes.push("no column worth reading".to_string());
        return report(meta, Vec::new(), None);
    }

    let (tx, rx) = mpsc::channel(classify::QUEUE_BATCHES);
    let engine = Arc::clone(&ctx.engine);
    let classifier =
        tokio::task::spawn_blocking(move || classify::classify_rows(&engine, &specs, rx));
    let mut rows = RowSender::new(tx);
    let read = read::read_table(
        db,
        &table,
        ctx.sample_rows,
        ctx.table_seed(&table),
        &mut rows,
    );
    // The server enforces the statement timeout; this net catches a server (or SQLite
    // query) that does not, so one table can never hold the scan forever in sample mode.
    let read = match (ctx.sample_rows, ctx.statement_timeout) {
        (Some(_), Some(limit)) => tokio::time::timeout(limit * 3 + Duration::from_secs(5), read)
            .await
            .unwrap_or(Err(DbFailure::timed_out())),
        _ => read.await,
    };
    let read = match read {
        Ok(stats) => rows.finish().await.map(|()| stats),
        Err(failure) => Err(failure),
    };
    let (rows_sampled, bytes_read) = rows.counts();
    drop(rows);
    let classified = classifier.await;
    match (read, classified) {
        (Ok(stats), Ok((fields, notes))) => {
            if stats.row_estimate.is_some() {
                meta.row_estimate = stats.row_estimate;
            }
            meta.notes.extend(stats.notes);
            meta.notes.extend(notes);
            meta.rows_sampled = rows_sampled;
            meta.bytes_read = bytes_read;
            report(meta, fields, None)
        }
        (Err(failure), _) => {
            let error = failure.into_asset_error(&location, ctx.statement_timeout);
            report(meta, Vec::new(), Some(error))
        }
        (Ok(_), Err(join)) => {
            tracing::error!(asset = %location, panicked = join.is_panic(), "classification failed");
            let error = AssetError::new(
                AssetErrorKind::Io,
                format!("{location}: classification of the sampled rows failed (internal error)"),
            );
            report(meta, Vec::new(), Some(error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_scheme_and_paths_are_sqlite() {
        assert_eq!(Backend::of("postgres://h/db"), Backend::Postgres);
        assert_eq!(Backend::of("PostgreSQL://h/db"), Backend::Postgres);
        assert_eq!(Backend::of("mysql://h/db"), Backend::MySql);
        assert_eq!(Backend::of("mariadb://h/db"), Backend::MySql);
        assert_eq!(Backend::of("sqlite:///tmp/a.db"), Backend::Sqlite);
        assert_eq!(Backend::of("data/app.sqlite3"), Backend::Sqlite);
    }

    #[test]
    fn debug_and_redacted_url_hide_credentials() {
        let source =
            DatabaseSource::from_url("postgres://alice:hunter2@db.example:5432/app?password=x");
        let shown = format!("{source:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("alice"), "{shown}");
        assert!(!shown.contains("password=x"), "{shown}");
        assert!(shown.contains("db.example:5432/app"), "{shown}");
        assert_eq!(redacted_url("/data/app.db?mode=ro"), "/data/app.db");
    }

    #[test]
    fn url_env_is_resolved_and_missing_env_is_a_clear_error() {
        let source = DatabaseSource {
            url_env: Some("PIICAT_TEST_DB_URL_THAT_IS_NOT_SET".into()),
            ..DatabaseSource::default()
        };
        let err = resolve_url(&source).unwrap_err();
        assert_eq!(err.kind, AssetErrorKind::NotFound);
        assert!(err.message.contains("PIICAT_TEST_DB_URL_THAT_IS_NOT_SET"));
        assert_eq!(
            resolve_url(&DatabaseSource::default()).unwrap_err().kind,
            AssetErrorKind::Unsupported
        );
    }

    #[test]
    fn config_rejects_unknown_keys() {
        let ok: DatabaseSource =
            serde_json::from_str(r#"{"url":"sqlite://a.db","include":["main.*"],"sample_rows":5}"#)
                .unwrap();
        assert_eq!(ok.sample_rows, Some(5));
        assert!(serde_json::from_str::<DatabaseSource>(r#"{"url":"x","sampel_rows":5}"#).is_err());
    }
}
