//! The PostgreSQL backend, for teams and scale. An optional schema keeps the catalog apart
//! from other tables (and lets each test run use its own); it is created when missing.

use super::{MigrationFiles, PostgresLocation};
use crate::error::{Error, Result};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection};
use std::str::FromStr;
use std::time::Duration;

pub(crate) const MIGRATIONS: &[MigrationFiles] = &[
    MigrationFiles {
        version: 1,
        name: "catalog",
        up: include_str!("../../migrations/postgres/0001_catalog.up.sql"),
        down: include_str!("../../migrations/postgres/0001_catalog.down.sql"),
    },
    MigrationFiles {
        version: 2,
        name: "run_owner_and_settings",
        up: include_str!("../../migrations/postgres/0002_run_owner_and_settings.up.sql"),
        down: include_str!("../../migrations/postgres/0002_run_owner_and_settings.down.sql"),
    },
];

pub(crate) async fn connect(location: &PostgresLocation) -> Result<PgPool> {
    let mut options = PgConnectOptions::from_str(location.url())
        .map_err(|e| Error::InvalidLocation(format!("{location}: {e}")))?;
    if let Some(schema) = location.schema() {
        // The schema name was checked to be a plain identifier, so quoting it is enough.
        let mut conn = options.clone().connect().await?;
        sqlx::query(AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS \"{schema}\""
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        options = options.options([("search_path", schema)]);
    }
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await?;
    Ok(pool)
}
