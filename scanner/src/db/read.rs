//! Reading one table, the same on every server: one transaction per table; a relation the
//! catalog lists without columns is probed with one row; in full mode every row is read; in
//! sample mode the dialect's cheap [`Sample`] of a big table is tried first and, when it comes
//! back short, dropped for the table's first rows. Rows stream into the classifier's queue one
//! at a time, never a whole result in memory.
//!
//! What differs per server comes from its [`Dialect`]: the statement that opens a read-only
//! transaction, identifier quoting, the sample's SQL, how a value decodes to text and the
//! error codes.

use super::catalog::Table;
use super::classify::{Row, RowSender};
use super::errors::DbFailure;
use super::{Dialect, ReadStats};
use futures::TryStreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::{AssertSqlSafe, Database, Encode, Executor, IntoArguments, Transaction, Type};

/// Random key windows read per sampled table.
pub(super) const WINDOWS: u64 = 4;

/// What the reader needs of an sqlx driver. Every driver that binds `i64` has it; the trait
/// exists so the bounds are stated once, not at every generic function.
pub(super) trait Driver: Database {
    /// The rows of `sql`, with `bind` as its only parameter when given.
    fn fetch(
        conn: &mut Self::Connection,
        sql: String,
        bind: Option<i64>,
    ) -> BoxStream<'_, Result<Self::Row, sqlx::Error>>;
    /// The first row of `sql`, if any.
    fn fetch_optional(
        conn: &mut Self::Connection,
        sql: String,
    ) -> BoxFuture<'_, Result<Option<Self::Row>, sqlx::Error>>;
}

impl<DB> Driver for DB
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    fn fetch(
        conn: &mut DB::Connection,
        sql: String,
        bind: Option<i64>,
    ) -> BoxStream<'_, Result<DB::Row, sqlx::Error>> {
        let mut query = sqlx::query(AssertSqlSafe(sql));
        if let Some(value) = bind {
            query = query.bind(value);
        }
        query.fetch(conn)
    }

    fn fetch_optional(
        conn: &mut DB::Connection,
        sql: String,
    ) -> BoxFuture<'_, Result<Option<DB::Row>, sqlx::Error>> {
        Box::pin(sqlx::query(AssertSqlSafe(sql)).fetch_optional(conn))
    }
}

/// The SQL every read of one table starts from.
#[derive(Debug)]
pub(super) struct TableSql {
    /// The quoted `schema.table`.
    pub from: String,
    /// The select list of the columns read.
    pub select: String,
}

impl TableSql {
    fn new<D: Dialect>(table: &Table) -> TableSql {
        TableSql {
            from: format!("{}.{}", (D::QUOTE)(&table.schema), (D::QUOTE)(&table.name)),
            select: table.select_list(),
        }
    }
}

/// A dialect's cheap way to sample a big table, tried before its first rows.
#[derive(Debug)]
pub(super) struct Sample {
    /// The statements whose rows together are the sample, each with its one `?` bound.
    pub queries: Vec<(String, Option<i64>)>,
    /// The sample is kept when it holds at least half this many rows.
    pub expected: u64,
    /// The note on a kept sample.
    pub note: String,
    /// The method's name in the note on a sample that came back short.
    pub method: &'static str,
}

/// The statements that read [`WINDOWS`] windows of `per_window` rows of the integer `key`
/// (quoted) from seeded random starts in `low..=high`, in key order: index range reads, where
/// `ORDER BY RAND()` would read the whole table.
pub(super) fn key_windows(
    sql: &TableSql,
    key: &str,
    (low, high): (i64, i64),
    wanted: u64,
    seed: u64,
) -> Vec<(String, Option<i64>)> {
    let per_window = wanted.div_ceil(WINDOWS);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut starts: Vec<i64> = (0..WINDOWS).map(|_| rng.random_range(low..=high)).collect();
    starts.sort_unstable();
    let window = format!(
        "SELECT {} FROM {} WHERE {key} >= ? ORDER BY {key} LIMIT {per_window}",
        sql.select, sql.from
    );
    starts
        .into_iter()
        .map(|start| (window.clone(), Some(start)))
        .collect()
}

/// Opens the dialect's read-only transaction.
pub(super) async fn begin<D: Dialect>(db: &D) -> Result<Transaction<'static, D::Db>, DbFailure> {
    match D::BEGIN {
        Some(statement) => db.pool().begin_with(statement).await,
        None => db.pool().begin().await,
    }
    .map_err(D::failure)
}

/// Reads `table`'s rows (a sample of `sample_rows`, or all when `None`) into `rows`.
pub(super) async fn read_table<D: Dialect>(
    db: &D,
    table: &Table,
    sample_rows: Option<u64>,
    seed: u64,
    rows: &mut RowSender,
) -> Result<ReadStats, DbFailure> {
    let mut stats = ReadStats::default();
    let sql = TableSql::new::<D>(table);
    let width = table.read_columns().count();
    let mut tx = begin(db).await?;
    if table.columns.is_empty() {
        // Reading one row surfaces why the catalog could not describe the relation.
        let probe = format!("SELECT * FROM {} LIMIT 1", sql.from);
        D::Db::fetch_optional(&mut *tx, probe)
            .await
            .map_err(D::failure)?;
        tx.commit().await.map_err(D::failure)?;
        stats.notes.push(format!(
            "the catalog lists no columns for this {}",
            table.kind.as_str()
        ));
        return Ok(stats);
    }
    let sample = db
        .sample(&mut tx, table, &sql, sample_rows, seed, &mut stats)
        .await?;
    let Some(wanted) = sample_rows else {
        let all = format!("SELECT {} FROM {}", sql.select, sql.from);
        stream::<D>(&mut tx, all, None, width, rows).await?;
        tx.commit().await.map_err(D::failure)?;
        return Ok(stats);
    };
    if let Some(sample) = sample {
        for (query, bind) in sample.queries {
            stream::<D>(&mut tx, query, bind, width, rows).await?;
        }
        if rows.rows() * 2 >= sample.expected {
            stats.notes.push(sample.note);
            tx.commit().await.map_err(D::failure)?;
            return Ok(stats);
        }
        // Stale statistics or a sparse key: the first rows are a surer sample than too few.
        rows.restart().await?;
        stats.notes.push(format!(
            "{} returned too few rows; read the first rows instead",
            sample.method
        ));
    }
    let first = format!("SELECT {} FROM {} LIMIT {wanted}", sql.select, sql.from);
    stream::<D>(&mut tx, first, None, width, rows).await?;
    tx.commit().await.map_err(D::failure)?;
    Ok(stats)
}

/// Streams the rows of `sql` (with an optional integer bound) into `rows`, one at a time.
async fn stream<D: Dialect>(
    conn: &mut <D::Db as Database>::Connection,
    sql: String,
    bind: Option<i64>,
    width: usize,
    rows: &mut RowSender,
) -> Result<(), DbFailure> {
    let mut results = D::Db::fetch(conn, sql, bind);
    while let Some(row) = results.try_next().await.map_err(D::failure)? {
        let texts: Row = (0..width)
            .map(|i| D::text(&row, i))
            .collect::<Result<_, _>>()?;
        rows.push(texts).await?;
    }
    Ok(())
}
