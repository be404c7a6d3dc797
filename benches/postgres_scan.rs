//! PostgreSQL scan throughput: 500 tables x 10 columns, each sampled at 1,000 rows, must be
//! scanned in at most 30 s (issue 3). The tables live in the schema `piicat_bench` of the
//! local test database and are created once, on the first run (5,000 realistic-looking rows
//! each, made by `generate_series`); later runs reuse them.
//!
//! Run: `cargo bench --bench postgres_scan` (server: `PIICAT_BENCH_PG_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`). Without a server the bench says so and exits.
//! `PIICAT_BENCH_DISABLE=PHONE_NUMBER` measures the scan without one detector's cost.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piicat_classifiers::{AssetReport, Engine};
use piicat_scanner::ScanOptions;
use piicat_scanner::db::{DatabaseSource, scan_database};
use sqlx::{AssertSqlSafe, Connection, Executor};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SCHEMA: &str = "piicat_bench";
const TABLES: usize = 500;
const ROWS: usize = 5_000;
const SAMPLE_ROWS: u64 = 1_000;
const BUDGET: Duration = Duration::from_secs(30);

fn url() -> String {
    std::env::var("PIICAT_BENCH_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

/// Ten columns of plausible customer-ish data; about half of them personal.
fn create_table_sql(i: usize) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {SCHEMA}.t_{i:03} AS
         SELECT g::bigint AS id,
           (ARRAY['Maria','James','Aisha','Lukas','Sofia','Chen','Olivia','Mateo','Emma','Noah',
                  'Yuki','Fatima','Liam','Chloe','Ivan','Priya','Omar','Elena','Hugo','Zoe'])[1 + g % 20]
             || ' ' ||
           (ARRAY['Garcia','Smith','Khan','Muller','Rossi','Wang','Johnson','Silva','Martin','Brown',
                  'Sato','Haddad','Walsh','Dubois','Petrov','Patel','Nasser','Novak','Moreau','Evans'])[1 + (g * 7 + {i}) % 20]
             AS full_name,
           lower((ARRAY['maria','james','aisha','lukas','sofia','chen','olivia','mateo'])[1 + g % 8])
             || '.' || g || '@' || (ARRAY['example.com','mail.test','shop.example','corp.example'])[1 + g % 4]
             AS email,
           '+1 ' || (200 + g % 700) || ' 555 ' || lpad(((g * 37) % 10000)::text, 4, '0') AS phone,
           (ARRAY['Lisbon','Denver','Osaka','Leeds','Lyon','Austin','Porto','Gdansk'])[1 + g % 8] AS city,
           lpad(((g * 7919 + {i}) % 99999)::text, 5, '0') AS postal_code,
           ((g * 13) % 100000 / 100.0)::numeric(10,2) AS amount,
           (ARRAY['pending','paid','shipped','delivered','refunded'])[1 + g % 5] AS status,
           ('10.' || (g % 250) || '.' || ((g / 250) % 250) || '.' || ((g * 7) % 250 + 1))::inet AS ip,
           (timestamp '2025-01-01' + g * interval '17 minutes') AS created_at
         FROM generate_series(1, {ROWS}) g"
    )
}

/// Creates the schema and whichever of its tables are missing.
async fn ensure_tables(conn: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    let existing: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'piicat_bench'")
            .fetch_one(&mut *conn)
            .await?;
    if existing as usize >= TABLES {
        return Ok(());
    }
    eprintln!("creating {TABLES} tables x {ROWS} rows in schema {SCHEMA} (once)...");
    let started = Instant::now();
    conn.execute(AssertSqlSafe(format!(
        "CREATE SCHEMA IF NOT EXISTS {SCHEMA}"
    )))
    .await?;
    for i in 0..TABLES {
        conn.execute(AssertSqlSafe(create_table_sql(i))).await?;
    }
    // Row estimates come from ANALYZE, as they would on a live server.
    for i in 0..TABLES {
        conn.execute(AssertSqlSafe(format!("ANALYZE {SCHEMA}.t_{i:03}")))
            .await?;
    }
    eprintln!("created in {:.1?}", started.elapsed());
    Ok(())
}

async fn scan(
    engine: Arc<Engine>,
    source: &DatabaseSource,
    opts: &ScanOptions,
) -> Vec<AssetReport> {
    let (tx, mut rx) = tokio::sync::mpsc::channel(64);
    let collect = async {
        let mut reports = Vec::with_capacity(TABLES);
        while let Some(report) = rx.recv().await {
            reports.push(report);
        }
        reports
    };
    let (_, reports) = tokio::join!(
        scan_database(source, Some("bench"), engine, opts, tx),
        collect
    );
    reports
}

/// The result is checked inside the timed loop so the work cannot be skipped.
fn check(reports: &[AssetReport]) {
    assert_eq!(reports.len(), TABLES, "one report per table");
    for report in reports {
        assert!(
            report.error.is_none(),
            "{}: {:?}",
            report.asset,
            report.error
        );
        assert_eq!(report.meta.rows_sampled, SAMPLE_ROWS, "{}", report.asset);
        assert_eq!(report.fields.len(), 10, "{}", report.asset);
        assert!(
            report.classes().contains(&"EMAIL"),
            "{}: {:?}",
            report.asset,
            report.classes()
        );
    }
}

fn postgres_scan(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let ready = rt.block_on(async {
        let mut conn = match sqlx::PgConnection::connect(&url()).await {
            Ok(conn) => conn,
            Err(e) => {
                eprintln!("!!!!! postgres_scan bench SKIPPED: cannot connect to PostgreSQL ({e})");
                return false;
            }
        };
        ensure_tables(&mut conn).await.expect("create bench tables");
        true
    });
    if !ready {
        return;
    }
    // `PIICAT_BENCH_DISABLE=CLASS,CLASS` leaves detectors out, to see what one of them costs.
    let disabled: Vec<String> = std::env::var("PIICAT_BENCH_DISABLE")
        .map(|v| v.split(',').map(|c| c.trim().to_string()).collect())
        .unwrap_or_default();
    if !disabled.is_empty() {
        eprintln!("postgres_scan: detectors disabled: {disabled:?}");
    }
    let engine = Arc::new(Engine::builder().disable(disabled).build().expect("engine"));
    let mut source = DatabaseSource::from_url(&url());
    source.include = vec![format!("{SCHEMA}.*")];
    let opts = ScanOptions {
        sample_rows: SAMPLE_ROWS,
        ..ScanOptions::default()
    };

    // One timed scan against the budget, reported plainly besides criterion's statistics.
    let started = Instant::now();
    let reports = rt.block_on(scan(Arc::clone(&engine), &source, &opts));
    let once = started.elapsed();
    check(&reports);
    eprintln!(
        "postgres_scan: {TABLES} tables x 10 columns x {SAMPLE_ROWS} rows in {once:.2?} (budget {BUDGET:?}, max_connections {})",
        opts.max_connections
    );

    let mut group = c.benchmark_group("postgres_scan");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements(TABLES as u64 * 10 * SAMPLE_ROWS));
    group.bench_function("500_tables_x_10_columns_sample_1000", |b| {
        b.iter(|| {
            let reports = rt.block_on(scan(Arc::clone(&engine), &source, &opts));
            check(&reports);
            reports.len()
        })
    });
    group.finish();
    // Checked after criterion's statistics, so an over-budget run still reports its median.
    assert!(
        once <= BUDGET,
        "scan took {once:?}, over the {BUDGET:?} budget"
    );
}

criterion_group!(benches, postgres_scan);
criterion_main!(benches);
