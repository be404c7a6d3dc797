//! PostgreSQL: tables, views and columns from `pg_catalog`, row estimates from
//! `pg_class.reltuples`, samples with `TABLESAMPLE SYSTEM` (falling back to a plain `LIMIT` for
//! small tables, unknown estimates or a sample that came back short), every column cast to
//! text in SQL.
//!
//! Sessions start with `default_transaction_read_only=on` and every read runs in a
//! `BEGIN READ ONLY` transaction: the scanner never writes, even through a view's function.

use super::catalog::{
    Column, ColumnRead, MAX_JSON_CHARS, MAX_TEXT_CHARS, SkipReason, Table, TableKind, quote_ansi,
};
use super::classify::RowSender;
use super::errors::{DbFailure, from_sqlx, postgres_codes};
use super::{ConnectFailure, Dialect, ReadStats, ScanContext, redacted_url};
use futures::TryStreamExt;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};
use std::collections::HashMap;
use std::str::FromStr;

/// Tables whose estimate is at most this many times the sample are read with a plain
/// `LIMIT`: TABLESAMPLE would read most of their pages anyway.
const SAMPLE_WORTH_IT: f64 = 5.0;
/// TABLESAMPLE asks for this many times the rows wanted, so page-level sampling rarely
/// comes back short.
const OVERSAMPLE: f64 = 2.0;

/// A connected PostgreSQL database.
#[derive(Debug)]
pub(crate) struct Postgres {
    pool: PgPool,
    location: String,
}

fn failure(err: &sqlx::Error) -> DbFailure {
    from_sqlx(err, postgres_codes)
}

impl Postgres {
    /// Opens one connection to check the server answers and the credentials work, then
    /// keeps a lazy pool of `max_connections`.
    pub(crate) async fn connect(url: &str, ctx: &ScanContext) -> Result<Postgres, ConnectFailure> {
        let options = PgConnectOptions::from_str(url).map_err(|e| ConnectFailure {
            location: redacted_url(url),
            error: failure(&e).into_asset_error(&redacted_url(url), None),
        })?;
        let host = match options.get_host() {
            h if h.starts_with('/') => "localhost",
            h => h,
        };
        let database = options
            .get_database()
            .unwrap_or(options.get_username())
            .to_string();
        let location = format!("postgres://{host}:{}/{database}", options.get_port());
        let mut session = vec![("default_transaction_read_only", "on".to_string())];
        if let Some(limit) = ctx.statement_timeout {
            let ms = limit.as_millis().to_string();
            session.push(("statement_timeout", ms.clone()));
            session.push(("lock_timeout", ms.clone()));
            session.push((
                "idle_in_transaction_session_timeout",
                (limit.as_millis() * 4).to_string(),
            ));
        }
        let options = options
            .application_name("piicat")
            .options(session)
            // Statements are ours (names only, no values), but one line per table is noise.
            .disable_statement_logging();
        let fail = |f: DbFailure| ConnectFailure {
            location: location.clone(),
            error: f.into_asset_error(&location, None),
        };
        let probe = tokio::time::timeout(ctx.connect_timeout(), options.connect())
            .await
            .map_err(|_| {
                fail(DbFailure::new(
                    piicat_classifiers::AssetErrorKind::Timeout,
                    "the server did not answer in time",
                ))
            })?
            .map_err(|e| fail(failure(&e)))?;
        let _ = probe.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(ctx.max_connections)
            .min_connections(0)
            .acquire_timeout(ctx.connect_timeout() * 2)
            .test_before_acquire(false)
            .connect_lazy_with(options);
        Ok(Postgres { pool, location })
    }
}

const TABLES_SQL: &str = "
SELECT n.nspname::text, c.relname::text, c.relkind::text,
       CASE WHEN c.relkind = 'p' THEN
              (SELECT sum(greatest(ch.reltuples, 0))::float8
               FROM pg_inherits i JOIN pg_class ch ON ch.oid = i.inhrelid
               WHERE i.inhparent = c.oid)
            ELSE c.reltuples::float8 END
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT c.relispartition
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY 1, 2";

const COLUMNS_SQL: &str = "
SELECT n.nspname::text, c.relname::text, a.attname::text,
       format_type(a.atttypid, a.atttypmod),
       COALESCE(bt.typname, t.typname)::text,
       COALESCE(bt.typcategory, t.typcategory)::text
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT c.relispartition
  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY n.nspname, c.relname, a.attnum";

/// How a column of base type `base` (category `category`) is read, and with what SQL.
fn column(name: String, declared: String, base: &str, category: &str) -> Column {
    let quoted = quote_ansi(&name);
    let (read, select) = match (base, category) {
        ("bytea" | "bit" | "varbit" | "geometry" | "geography" | "raster" | "lo", _) | (_, "G") => {
            (ColumnRead::Skip(SkipReason::Binary), String::new())
        }
        (
            "bool" | "int2" | "float4" | "time" | "timetz" | "interval" | "timestamptz"
            | "tsvector" | "tsquery" | "pg_lsn" | "txid_snapshot" | "pg_snapshot",
            _,
        )
        | (_, "B" | "T" | "R") => (
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData),
            String::new(),
        ),
        ("json" | "jsonb", _) => (
            ColumnRead::Json,
            format!("left({quoted}::text, {MAX_JSON_CHARS})"),
        ),
        // Arrays and composite values become JSON so each element is classified alone.
        (_, "A" | "C") => (
            ColumnRead::Json,
            format!("left(to_jsonb({quoted})::text, {MAX_JSON_CHARS})"),
        ),
        // `inet::text` appends the netmask (`10.0.0.1/32`); host() gives the address.
        ("inet", _) => (ColumnRead::Text, format!("host({quoted})")),
        _ => (
            ColumnRead::Text,
            format!("left({quoted}::text, {MAX_TEXT_CHARS})"),
        ),
    };
    Column {
        name,
        data_type: declared,
        read,
        select,
    }
}

impl Dialect for Postgres {
    fn format(&self) -> &'static str {
        "postgres"
    }

    fn location(&self) -> &str {
        &self.location
    }

    fn table_location(&self, table: &Table) -> String {
        format!("{}/{}.{}", self.location, table.schema, table.name)
    }

    async fn tables(&self) -> Result<Vec<Table>, DbFailure> {
        let mut tx = self
            .pool
            .begin_with("BEGIN READ ONLY")
            .await
            .map_err(|e| failure(&e))?;
        let mut columns: HashMap<(String, String), Vec<Column>> = HashMap::new();
        let rows = sqlx::query(COLUMNS_SQL)
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| failure(&e))?;
        for row in rows {
            let get = |i| row.try_get::<String, _>(i).map_err(|e| failure(&e));
            let (schema, table, name, declared, base, category) =
                (get(0)?, get(1)?, get(2)?, get(3)?, get(4)?, get(5)?);
            columns
                .entry((schema, table))
                .or_default()
                .push(column(name, declared, &base, &category));
        }
        let rows = sqlx::query(TABLES_SQL)
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| failure(&e))?;
        tx.commit().await.map_err(|e| failure(&e))?;
        let mut tables = Vec::with_capacity(rows.len());
        for row in rows {
            let schema: String = row.try_get(0).map_err(|e| failure(&e))?;
            let name: String = row.try_get(1).map_err(|e| failure(&e))?;
            let relkind: String = row.try_get(2).map_err(|e| failure(&e))?;
            let estimate: Option<f64> = row.try_get(3).map_err(|e| failure(&e))?;
            let kind = match relkind.as_str() {
                "v" => TableKind::View,
                "m" => TableKind::MaterializedView,
                "f" => TableKind::ForeignTable,
                _ => TableKind::Table,
            };
            let columns = columns
                .remove(&(schema.clone(), name.clone()))
                .unwrap_or_default();
            tables.push(Table {
                schema,
                name,
                kind,
                columns,
                // reltuples is -1 until the table is first vacuumed or analyzed.
                row_estimate: estimate
                    .filter(|e| *e >= 0.0 && !kind.is_view())
                    .map(|e| e.round() as u64),
                range_key: None,
            });
        }
        Ok(tables)
    }

    async fn read(
        &self,
        table: &Table,
        sample_rows: Option<u64>,
        seed: u64,
        rows: &mut RowSender,
    ) -> Result<ReadStats, DbFailure> {
        let mut stats = ReadStats::default();
        let from = format!("{}.{}", quote_ansi(&table.schema), quote_ansi(&table.name));
        let select = table.select_list();
        let width = table.read_columns().count();
        let mut tx = self
            .pool
            .begin_with("BEGIN READ ONLY")
            .await
            .map_err(|e| failure(&e))?;
        if table.columns.is_empty() {
            // Reading one row surfaces why the catalog could not describe the relation.
            sqlx::query(AssertSqlSafe(format!("SELECT * FROM {from} LIMIT 1")))
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| failure(&e))?;
            tx.commit().await.map_err(|e| failure(&e))?;
            stats.notes.push(format!(
                "the catalog lists no columns for this {}",
                table.kind.as_str()
            ));
            return Ok(stats);
        }
        let Some(wanted) = sample_rows else {
            let sql = format!("SELECT {select} FROM {from}");
            stream(&mut tx, sql, width, rows).await?;
            tx.commit().await.map_err(|e| failure(&e))?;
            return Ok(stats);
        };
        let samplable = matches!(table.kind, TableKind::Table | TableKind::MaterializedView);
        let tablesample = match table.row_estimate {
            Some(estimate) if samplable && estimate as f64 > wanted as f64 * SAMPLE_WORTH_IT => {
                Some((wanted as f64 * OVERSAMPLE / estimate as f64 * 100.0).clamp(0.000_001, 100.0))
            }
            _ => None,
        };
        if let Some(percent) = tablesample {
            // REPEATABLE takes a float seed; keep it exact.
            let repeatable = seed % (1 << 31);
            let sql = format!(
                "SELECT {select} FROM {from} TABLESAMPLE SYSTEM ({percent:.6}) REPEATABLE ({repeatable}) LIMIT {wanted}"
            );
            stream(&mut tx, sql, width, rows).await?;
            let expected = wanted.min(table.row_estimate.unwrap_or(wanted));
            if rows.rows() * 2 >= expected {
                stats
                    .notes
                    .push(format!("sampled with TABLESAMPLE SYSTEM ({percent:.4}%)"));
                tx.commit().await.map_err(|e| failure(&e))?;
                return Ok(stats);
            }
            // Page sampling came back short (stale statistics?): read the first rows instead.
            rows.restart().await?;
            stats
                .notes
                .push("TABLESAMPLE returned too few rows; read the first rows instead".to_string());
        }
        let sql = format!("SELECT {select} FROM {from} LIMIT {wanted}");
        stream(&mut tx, sql, width, rows).await?;
        tx.commit().await.map_err(|e| failure(&e))?;
        Ok(stats)
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

/// Streams the rows of `sql` into `rows`, one at a time: never the whole result in memory.
async fn stream(
    conn: &mut sqlx::PgConnection,
    sql: String,
    width: usize,
    rows: &mut RowSender,
) -> Result<(), DbFailure> {
    let mut results = sqlx::query(AssertSqlSafe(sql)).fetch(conn);
    while let Some(row) = results.try_next().await.map_err(|e| failure(&e))? {
        rows.push(texts(&row, width)?).await?;
    }
    Ok(())
}

fn texts(row: &PgRow, width: usize) -> Result<Vec<Option<String>>, DbFailure> {
    (0..width)
        .map(|i| row.try_get::<Option<String>, _>(i).map_err(|e| failure(&e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_of(base: &str, category: &str) -> ColumnRead {
        column("c".into(), base.into(), base, category).read
    }

    #[test]
    fn column_types_decide_what_is_read() {
        assert_eq!(read_of("bytea", "U"), ColumnRead::Skip(SkipReason::Binary));
        assert_eq!(read_of("point", "G"), ColumnRead::Skip(SkipReason::Binary));
        assert_eq!(
            read_of("bool", "B"),
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData)
        );
        assert_eq!(
            read_of("int2", "N"),
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData)
        );
        assert_eq!(
            read_of("timestamptz", "D"),
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData)
        );
        assert_eq!(read_of("jsonb", "U"), ColumnRead::Json);
        assert_eq!(read_of("_text", "A"), ColumnRead::Json);
        for kept in [
            "int8",
            "numeric",
            "text",
            "varchar",
            "bpchar",
            "date",
            "timestamp",
            "uuid",
            "int4",
        ] {
            assert_eq!(read_of(kept, "S"), ColumnRead::Text, "{kept}");
        }
    }

    #[test]
    fn select_expressions_quote_names() {
        let c = column("Mixed \"Name\"".into(), "text".into(), "text", "S");
        assert_eq!(
            c.select,
            format!("left(\"Mixed \"\"Name\"\"\"::text, {MAX_TEXT_CHARS})")
        );
        let c = column("ip".into(), "inet".into(), "inet", "I");
        assert_eq!(c.select, "host(\"ip\")");
    }
}
