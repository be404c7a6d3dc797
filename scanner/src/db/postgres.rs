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
use super::errors::{CodeMapper, DbFailure, postgres_codes};
use super::read::{self, Sample, TableSql};
use super::{ConnectFailure, Dialect, ReadStats, ScanContext, display_host, redacted_url};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgRow};
use sqlx::{ConnectOptions, Connection, Row};
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

impl Postgres {
    /// Opens one connection to check the server answers and the credentials work, then
    /// keeps a lazy pool of `max_connections`.
    pub(crate) async fn connect(url: &str, ctx: &ScanContext) -> Result<Postgres, ConnectFailure> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| ConnectFailure::new(redacted_url(url), Self::failure(e)))?;
        let host = display_host(options.get_host());
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
        let probe = ctx
            .probe(&options, Self::CODES)
            .await
            .map_err(|f| ConnectFailure::new(location.clone(), f))?;
        let _ = probe.close().await;
        let pool = ctx.pool_options().connect_lazy_with(options);
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
    type Db = sqlx::Postgres;
    const FORMAT: &'static str = "postgres";
    const QUOTE: fn(&str) -> String = quote_ansi;
    const CODES: CodeMapper = postgres_codes;
    const BEGIN: Option<&'static str> = Some("BEGIN READ ONLY");

    fn location(&self) -> &str {
        &self.location
    }

    fn table_location(&self, table: &Table) -> String {
        format!("{}/{}.{}", self.location, table.schema, table.name)
    }

    fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn tables(&self) -> Result<Vec<Table>, DbFailure> {
        let mut tx = read::begin(self).await?;
        let mut columns: HashMap<(String, String), Vec<Column>> = HashMap::new();
        let rows = sqlx::query(COLUMNS_SQL)
            .fetch_all(&mut *tx)
            .await
            .map_err(Self::failure)?;
        for row in rows {
            let get = |i| row.try_get::<String, _>(i).map_err(Self::failure);
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
            .map_err(Self::failure)?;
        tx.commit().await.map_err(Self::failure)?;
        let mut tables = Vec::with_capacity(rows.len());
        for row in rows {
            let schema: String = row.try_get(0).map_err(Self::failure)?;
            let name: String = row.try_get(1).map_err(Self::failure)?;
            let relkind: String = row.try_get(2).map_err(Self::failure)?;
            let estimate: Option<f64> = row.try_get(3).map_err(Self::failure)?;
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

    /// `TABLESAMPLE SYSTEM` on a table or materialized view whose estimate is well above the
    /// sample; page sampling needs no query to plan.
    async fn sample(
        &self,
        _conn: &mut PgConnection,
        table: &Table,
        sql: &TableSql,
        sample_rows: Option<u64>,
        seed: u64,
        _stats: &mut ReadStats,
    ) -> Result<Option<Sample>, DbFailure> {
        let Some(wanted) = sample_rows else {
            return Ok(None);
        };
        let samplable = matches!(table.kind, TableKind::Table | TableKind::MaterializedView);
        let percent = match table.row_estimate {
            Some(estimate) if samplable && estimate as f64 > wanted as f64 * SAMPLE_WORTH_IT => {
                (wanted as f64 * OVERSAMPLE / estimate as f64 * 100.0).clamp(0.000_001, 100.0)
            }
            _ => return Ok(None),
        };
        // REPEATABLE takes a float seed; keep it exact.
        let repeatable = seed % (1 << 31);
        let query = format!(
            "SELECT {} FROM {} TABLESAMPLE SYSTEM ({percent:.6}) REPEATABLE ({repeatable}) LIMIT {wanted}",
            sql.select, sql.from
        );
        Ok(Some(Sample {
            queries: vec![(query, None)],
            expected: wanted.min(table.row_estimate.unwrap_or(wanted)),
            note: format!("sampled with TABLESAMPLE SYSTEM ({percent:.4}%)"),
            method: "TABLESAMPLE",
        }))
    }

    fn text(row: &PgRow, index: usize) -> Result<Option<String>, DbFailure> {
        row.try_get(index).map_err(Self::failure)
    }
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
