//! MySQL and MariaDB: tables, views and columns from `information_schema`, row estimates from
//! `TABLES.TABLE_ROWS`, samples read as a few windows of the integer primary key starting at
//! seeded random offsets (index range reads — never `ORDER BY RAND()`), or a plain `LIMIT` for
//! small tables and tables without such a key. Every column is `CAST(.. AS CHAR)` in SQL.
//!
//! Every session is `SET SESSION TRANSACTION READ ONLY` and every read runs in
//! `START TRANSACTION READ ONLY`: the scanner never writes.

use super::catalog::{
    Column, ColumnRead, MAX_JSON_CHARS, MAX_TEXT_CHARS, SkipReason, Table, TableKind, quote_mysql,
};
use super::errors::{CodeMapper, DbFailure, mysql_codes};
use super::read::{Sample, TableSql, WINDOWS, key_windows};
use super::{ConnectFailure, Dialect, ReadStats, ScanContext, display_host, redacted_url};
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlPool, MySqlRow};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor, Row};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

/// Tables whose estimate is at most this many times the sample are read with a plain `LIMIT`.
const SAMPLE_WORTH_IT: u64 = 5;
/// Databases that belong to the server, not to users.
const SYSTEM_DATABASES: [&str; 4] = ["mysql", "information_schema", "performance_schema", "sys"];

/// A connected MySQL or MariaDB server.
#[derive(Debug)]
pub(crate) struct MySql {
    pool: MySqlPool,
    /// `mysql://host:port`
    server: String,
    /// `mysql://host:port/db`, or the server when the URL names no database.
    location: String,
    /// The URL's database; every user database when `None`.
    database: Option<String>,
}

/// The statements that make a session read-only and bounded in time.
fn session_statements(mariadb: bool, ctx: &ScanContext) -> Vec<String> {
    let mut statements = vec!["SET SESSION TRANSACTION READ ONLY".to_string()];
    if let Some(limit) = ctx.statement_timeout {
        if mariadb {
            statements.push(format!(
                "SET SESSION max_statement_time = {:.3}",
                limit.as_secs_f64()
            ));
        } else {
            statements.push(format!(
                "SET SESSION max_execution_time = {}",
                limit.as_millis()
            ));
        }
        statements.push(format!(
            "SET SESSION lock_wait_timeout = {}",
            limit.as_secs().max(1)
        ));
    }
    statements
}

async fn apply(conn: &mut MySqlConnection, statements: &[String]) -> Result<(), sqlx::Error> {
    for statement in statements {
        conn.execute(AssertSqlSafe(statement.clone())).await?;
    }
    Ok(())
}

impl MySql {
    /// Opens one connection to check the server answers and the credentials work (and to
    /// learn whether it is MariaDB), then keeps a lazy pool of `max_connections`.
    pub(crate) async fn connect(url: &str, ctx: &ScanContext) -> Result<MySql, ConnectFailure> {
        let normalized = match url.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mariadb") => {
                format!("mysql://{rest}")
            }
            _ => url.to_string(),
        };
        let options = MySqlConnectOptions::from_str(&normalized)
            .map_err(|e| ConnectFailure::new(redacted_url(url), Self::failure(e)))?;
        let server = format!(
            "mysql://{}:{}",
            display_host(options.get_host()),
            options.get_port()
        );
        let database = options.get_database().map(str::to_string);
        let location = match &database {
            Some(db) => format!("{server}/{db}"),
            None => server.clone(),
        };
        let options = options.disable_statement_logging();
        let fail = |f: DbFailure| ConnectFailure::new(location.clone(), f);
        let mut probe = ctx.probe(&options, Self::CODES).await.map_err(fail)?;
        let version: String = sqlx::query_scalar("SELECT CAST(VERSION() AS CHAR)")
            .fetch_one(&mut probe)
            .await
            .map_err(|e| fail(Self::failure(e)))?;
        let _ = probe.close().await;
        let statements: Arc<[String]> = session_statements(version.contains("MariaDB"), ctx).into();
        let pool = ctx
            .pool_options()
            .after_connect(move |conn, _meta| {
                let statements = Arc::clone(&statements);
                Box::pin(async move { apply(conn, &statements).await })
            })
            .connect_lazy_with(options);
        Ok(MySql {
            pool,
            server,
            location,
            database,
        })
    }
}

/// How a column of `data_type` is read, and with what SQL.
fn column(name: String, column_type: String, data_type: &str) -> Column {
    let quoted = quote_mysql(&name);
    let (read, select) = match data_type {
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" | "bit"
        | "geometry" | "point" | "linestring" | "polygon" | "multipoint" | "multilinestring"
        | "multipolygon" | "geometrycollection" => {
            (ColumnRead::Skip(SkipReason::Binary), String::new())
        }
        // TIMESTAMP is an instant stored in UTC: creation and update times, never a birth date.
        "tinyint" | "smallint" | "mediumint" | "float" | "year" | "time" | "timestamp"
        | "boolean" | "bool" => (
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData),
            String::new(),
        ),
        "json" => (
            ColumnRead::Json,
            format!("LEFT(CAST({quoted} AS CHAR), {MAX_JSON_CHARS})"),
        ),
        // MariaDB's JSON is a LONGTEXT; the classifier recognises documents by their shape.
        _ => (
            ColumnRead::Text,
            format!("LEFT(CAST({quoted} AS CHAR), {MAX_TEXT_CHARS})"),
        ),
    };
    Column {
        name,
        data_type: column_type,
        read,
        select,
    }
}

/// A table's columns and its primary-key columns (name, data type).
type TableColumns = (Vec<Column>, Vec<(String, String)>);

const INTEGER_TYPES: [&str; 5] = ["tinyint", "smallint", "mediumint", "int", "bigint"];

impl MySql {
    async fn databases(&self, conn: &mut MySqlConnection) -> Result<Vec<String>, DbFailure> {
        if let Some(db) = &self.database {
            return Ok(vec![db.clone()]);
        }
        let all: Vec<String> = sqlx::query_scalar(
            "SELECT CAST(SCHEMA_NAME AS CHAR) FROM information_schema.SCHEMATA ORDER BY 1",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(Self::failure)?;
        Ok(all
            .into_iter()
            .filter(|d| !SYSTEM_DATABASES.contains(&d.to_ascii_lowercase().as_str()))
            .collect())
    }

    async fn tables_of(
        &self,
        conn: &mut MySqlConnection,
        database: &str,
    ) -> Result<Vec<Table>, DbFailure> {
        let rows = sqlx::query(
            "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(COLUMN_TYPE AS CHAR),
                    CAST(LOWER(DATA_TYPE) AS CHAR), CAST(COLUMN_KEY AS CHAR)
             FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?
             ORDER BY TABLE_NAME, ORDINAL_POSITION",
        )
        .bind(database)
        .fetch_all(&mut *conn)
        .await
        .map_err(Self::failure)?;
        // Per table: its columns, and its primary-key columns with their data types.
        let mut columns: HashMap<String, TableColumns> = HashMap::new();
        for row in rows {
            let get = |i| {
                row.try_get::<Option<String>, _>(i)
                    .map(Option::unwrap_or_default)
                    .map_err(Self::failure)
            };
            let (table, name, column_type, data_type, key) =
                (get(0)?, get(1)?, get(2)?, get(3)?, get(4)?);
            let entry = columns.entry(table).or_default();
            if key == "PRI" {
                entry.1.push((name.clone(), data_type.clone()));
            }
            entry.0.push(column(name, column_type, &data_type));
        }
        let rows = sqlx::query(
            "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_TYPE AS CHAR), CAST(TABLE_ROWS AS SIGNED)
             FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
        )
        .bind(database)
        .fetch_all(&mut *conn)
        .await
        .map_err(Self::failure)?;
        let mut tables = Vec::with_capacity(rows.len());
        for row in rows {
            let name: String = row.try_get(0).map_err(Self::failure)?;
            let table_type: String = row.try_get(1).map_err(Self::failure)?;
            let estimate: Option<i64> = row.try_get(2).map_err(Self::failure)?;
            let kind = match table_type.as_str() {
                "BASE TABLE" | "SYSTEM VERSIONED" => TableKind::Table,
                "VIEW" => TableKind::View,
                // Sequences and system views hold no user data.
                _ => continue,
            };
            let (columns, keys) = columns.remove(&name).unwrap_or_default();
            let range_key = match keys.as_slice() {
                [(key, data_type)] if INTEGER_TYPES.contains(&data_type.as_str()) => {
                    Some(quote_mysql(key))
                }
                _ => None,
            };
            tables.push(Table {
                schema: database.to_string(),
                name,
                kind,
                columns,
                row_estimate: estimate
                    .filter(|_| !kind.is_view())
                    .and_then(|e| u64::try_from(e).ok()),
                range_key,
            });
        }
        Ok(tables)
    }
}

impl Dialect for MySql {
    type Db = sqlx::MySql;
    const FORMAT: &'static str = "mysql";
    const QUOTE: fn(&str) -> String = quote_mysql;
    const CODES: CodeMapper = mysql_codes;
    const BEGIN: Option<&'static str> = Some("START TRANSACTION READ ONLY");

    fn location(&self) -> &str {
        &self.location
    }

    fn table_location(&self, table: &Table) -> String {
        format!("{}/{}/{}", self.server, table.schema, table.name)
    }

    fn pool(&self) -> &MySqlPool {
        &self.pool
    }

    async fn tables(&self) -> Result<Vec<Table>, DbFailure> {
        let mut conn = self.pool.acquire().await.map_err(Self::failure)?;
        let mut tables = Vec::new();
        for database in self.databases(&mut conn).await? {
            tables.extend(self.tables_of(&mut conn, &database).await?);
        }
        Ok(tables)
    }

    /// Windows of the integer primary key of a table whose estimate is well above the
    /// sample, between the key's bounds.
    async fn sample(
        &self,
        conn: &mut MySqlConnection,
        table: &Table,
        sql: &TableSql,
        sample_rows: Option<u64>,
        seed: u64,
        _stats: &mut ReadStats,
    ) -> Result<Option<Sample>, DbFailure> {
        let Some(wanted) = sample_rows else {
            return Ok(None);
        };
        let big = table
            .row_estimate
            .is_some_and(|e| e > wanted * SAMPLE_WORTH_IT);
        let (Some(key), true) = (&table.range_key, big) else {
            return Ok(None);
        };
        let bounds: (Option<i64>, Option<i64>) = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT CAST(MIN({key}) AS SIGNED), CAST(MAX({key}) AS SIGNED) FROM {}",
            sql.from
        )))
        .fetch_one(&mut *conn)
        .await
        .map_err(Self::failure)?;
        let (Some(low), Some(high)) = bounds else {
            return Ok(None);
        };
        Ok(Some(Sample {
            queries: key_windows(sql, key, (low, high), wanted, seed),
            expected: wanted,
            note: format!("sampled {WINDOWS} random windows of the key {key}"),
            method: "key windows",
        }))
    }

    fn text(row: &MySqlRow, index: usize) -> Result<Option<String>, DbFailure> {
        match row.try_get::<Option<String>, _>(index) {
            Ok(value) => Ok(value),
            // A column whose text comes back flagged binary: keep it only if it is UTF-8.
            Err(_) => row
                .try_get::<Option<Vec<u8>>, _>(index)
                .map(|bytes| bytes.and_then(|b| String::from_utf8(b).ok()))
                .map_err(Self::failure),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_types_decide_what_is_read() {
        let read = |t: &str| column("c".into(), t.into(), t).read;
        assert_eq!(read("longblob"), ColumnRead::Skip(SkipReason::Binary));
        assert_eq!(read("varbinary"), ColumnRead::Skip(SkipReason::Binary));
        assert_eq!(read("geometry"), ColumnRead::Skip(SkipReason::Binary));
        assert_eq!(
            read("tinyint"),
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData)
        );
        assert_eq!(
            read("timestamp"),
            ColumnRead::Skip(SkipReason::CannotHoldPersonalData)
        );
        assert_eq!(read("json"), ColumnRead::Json);
        for kept in [
            "int", "bigint", "decimal", "varchar", "char", "text", "longtext", "date", "datetime",
            "enum", "uuid",
        ] {
            assert_eq!(read(kept), ColumnRead::Text, "{kept}");
        }
    }

    #[test]
    fn select_expressions_quote_names() {
        let c = column("full `name`".into(), "varchar(64)".into(), "varchar");
        assert_eq!(
            c.select,
            format!("LEFT(CAST(`full ``name``` AS CHAR), {MAX_TEXT_CHARS})")
        );
    }
}
