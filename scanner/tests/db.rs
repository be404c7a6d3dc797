//! Database sources against the real servers on this machine (PostgreSQL 127.0.0.1:5432,
//! MariaDB 127.0.0.1:3306) and SQLite files: each test builds its own uniquely named schema or
//! database with realistic tables, scans it through `db::scan_database`, checks what was found
//! and drops what it created, also when it fails (guards).
//!
//! A server that cannot be reached skips its tests with a loud message — unless
//! `PIICAT_REQUIRE_SERVICES=1`, in which case the test fails. Tests never start services.

use piicat_classifiers::{AssetErrorKind, AssetReport, Engine, FieldFinding};
use piicat_scanner::db::{DatabaseSource, scan_database};
use piicat_scanner::{SamplingMode, ScanOptions};
use piicat_testkit::DecoyKind;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::{AssertSqlSafe, Connection, Executor};
use std::sync::{Arc, OnceLock};
use tokio::sync::mpsc;

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";
const PG_BASE: &str = "postgres://127.0.0.1:5432/test";
const MY_ADMIN: &str = "mysql://root@127.0.0.1:3306/test";
const MY_BASE: &str = "mysql://127.0.0.1:3306";

// ---------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------

fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    Arc::clone(ENGINE.get_or_init(|| Arc::new(Engine::builtin())))
}

/// Runs one source to completion and returns its reports sorted by location.
async fn scan(source: DatabaseSource, opts: ScanOptions) -> Vec<AssetReport> {
    let (tx, mut rx) = mpsc::channel(8);
    let task = tokio::spawn(async move {
        scan_database(&source, Some("db-test"), engine(), &opts, tx).await;
    });
    let mut reports = Vec::new();
    while let Some(report) = rx.recv().await {
        reports.push(report);
    }
    task.await.unwrap();
    reports.sort_by(|a, b| a.asset.cmp(&b.asset));
    reports
}

fn source(url: &str) -> DatabaseSource {
    DatabaseSource::from_url(url)
}

/// A server this test needs is down: fail under `PIICAT_REQUIRE_SERVICES=1`, else skip loudly.
fn unavailable(what: &str, err: &dyn std::fmt::Display) {
    if std::env::var("PIICAT_REQUIRE_SERVICES").as_deref() == Ok("1") {
        panic!("{what} is required (PIICAT_REQUIRE_SERVICES=1) but unreachable: {err}");
    }
    eprintln!(
        "!!!!! SKIPPED: {what} is unreachable ({err}); set PIICAT_REQUIRE_SERVICES=1 to fail instead"
    );
}

async fn pg_admin() -> Option<sqlx::PgConnection> {
    match sqlx::PgConnection::connect(PG_ADMIN).await {
        Ok(conn) => Some(conn),
        Err(e) => {
            unavailable("PostgreSQL at 127.0.0.1:5432", &e);
            None
        }
    }
}

async fn my_admin() -> Option<sqlx::MySqlConnection> {
    match sqlx::MySqlConnection::connect(MY_ADMIN).await {
        Ok(conn) => Some(conn),
        Err(e) => {
            unavailable("MariaDB at 127.0.0.1:3306", &e);
            None
        }
    }
}

fn unique(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("piicat_t_{tag}_{}_{nanos}", std::process::id())
}

/// Runs `sql` on a fresh admin connection from a plain thread: usable from `Drop`.
fn cleanup(url: &'static str, statements: Vec<String>, mysql: bool) {
    let _ = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            if mysql {
                if let Ok(mut c) = sqlx::MySqlConnection::connect(url).await {
                    for s in statements {
                        let _ = c.execute(AssertSqlSafe(s)).await;
                    }
                }
            } else if let Ok(mut c) = sqlx::PgConnection::connect(url).await {
                for s in statements {
                    let _ = c.execute(AssertSqlSafe(s)).await;
                }
            }
        });
    })
    .join();
}

/// Drops a PostgreSQL schema when the test ends, pass or fail.
struct PgSchema {
    name: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        cleanup(
            PG_ADMIN,
            vec![format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.name)],
            false,
        );
    }
}

/// Drops a MariaDB database (and users) when the test ends, pass or fail.
struct MyDatabase {
    name: String,
    users: Vec<String>,
}

impl Drop for MyDatabase {
    fn drop(&mut self) {
        let mut statements = vec![format!("DROP DATABASE IF EXISTS `{}`", self.name)];
        statements.extend(
            self.users
                .iter()
                .map(|u| format!("DROP USER IF EXISTS {u}")),
        );
        cleanup(MY_ADMIN, statements, true);
    }
}

async fn exec<'c, E: Executor<'c>>(conn: E, sql: String) {
    if let Err(e) = conn.execute(AssertSqlSafe(sql.clone())).await {
        panic!("fixture SQL failed: {e}\n{}", &sql[..sql.len().min(300)]);
    }
}

fn report<'r>(reports: &'r [AssetReport], location: &str) -> &'r AssetReport {
    reports
        .iter()
        .find(|r| r.asset == location)
        .unwrap_or_else(|| {
            let all: Vec<&str> = reports.iter().map(|r| r.asset.as_str()).collect();
            panic!("no report for {location}; got {all:#?}")
        })
}

fn field<'r>(report: &'r AssetReport, path: &str) -> &'r FieldFinding {
    report
        .fields
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| {
            let all: Vec<&str> = report.fields.iter().map(|f| f.path.as_str()).collect();
            panic!("{}: no field {path}; got {all:?}", report.asset)
        })
}

fn classes(f: &FieldFinding) -> Vec<&str> {
    f.classes.iter().map(|c| c.class.as_str()).collect()
}

// ---------------------------------------------------------------------------------------
// The realistic schema: one description, created on PostgreSQL and MariaDB alike
// ---------------------------------------------------------------------------------------

/// One fixture table: columns (name, PostgreSQL type, MariaDB type) and rows as text
/// literals (`None` is NULL), so one generator serves both servers.
struct FixtureTable {
    name: &'static str,
    columns: Vec<(&'static str, &'static str, &'static str)>,
    rows: Vec<Vec<Option<String>>>,
}

/// Columns that hold personal data, and the class each must be found with.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("customers", "full_name", "PERSON_NAME"),
    ("customers", "email", "EMAIL"),
    ("customers", "phone", "PHONE_NUMBER"),
    ("customers", "date_of_birth", "DATE_OF_BIRTH"),
    ("customers", "street_address", "STREET_ADDRESS"),
    ("customers", "postal_code", "POSTAL_CODE"),
    ("customers", "ssn", "US_SSN"),
    ("customers", "profile.contact.email", "EMAIL"),
    ("customers", "profile.contact.phone", "PHONE_NUMBER"),
    ("orders", "customer_email", "EMAIL"),
    ("orders", "shipping_address", "STREET_ADDRESS"),
    ("payments", "card_number", "CREDIT_CARD"),
    ("payments", "iban", "IBAN"),
    ("support_tickets", "body", "EMAIL"),
    ("events", "ip", "IP_ADDRESS"),
];

/// Columns that are read but hold no personal data: no class may be reported.
const DECOYS: &[(&str, &str)] = &[
    ("customers", "id"),
    ("customers", "loyalty_tier"),
    ("customers", "profile.preferences.language"),
    ("orders", "id"),
    ("orders", "order_number"),
    ("orders", "amount"),
    ("orders", "status"),
    ("orders", "placed_at"),
    ("payments", "id"),
    ("payments", "order_id"),
    ("payments", "status"),
    ("payments", "amount"),
    ("support_tickets", "id"),
    ("support_tickets", "subject"),
    ("events", "id"),
    ("events", "event_id"),
    ("events", "app_version"),
    ("events", "event_type"),
    ("events", "created_at"),
];

/// Columns never read, and a word the table's notes must contain about them.
const SKIPPED: &[(&str, &str, &str)] = &[
    ("customers", "avatar", "binary"),
    ("customers", "is_active", "cannot hold personal data"),
    ("events", "email_verified", "cannot hold personal data"),
];

fn testkit(class: &str, n: usize, seed: u64) -> Vec<String> {
    let values = piicat_testkit::column(class, n, seed);
    assert_eq!(values.len(), n, "testkit has no generator for {class}");
    values
}

fn decoys(kind: DecoyKind, n: usize, rng: &mut ChaCha8Rng) -> Vec<String> {
    (0..n).map(|_| piicat_testkit::decoy(kind, rng)).collect()
}

fn date(rng: &mut ChaCha8Rng, years: std::ops::RangeInclusive<u32>) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.random_range(years),
        rng.random_range(1..=12),
        rng.random_range(1..=28)
    )
}

fn timestamp(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {:02}:{:02}:{:02}",
        date(rng, 2023..=2025),
        rng.random_range(0..24),
        rng.random_range(0..60),
        rng.random_range(0..60)
    )
}

const SUBJECTS: &[&str] = &[
    "Cannot log in",
    "Refund request",
    "Parcel arrived damaged",
    "Change of delivery slot",
    "Invoice missing VAT number",
    "App crashes on start",
    "Discount code not applied",
    "Question about my subscription",
];
const BODIES: &[&str] = &[
    "Hello, since the last update the app closes as soon as I open the basket. I already reinstalled it twice.",
    "The parcel came with a broken corner and the mug inside is cracked. Could you send a replacement?",
    "I was charged twice for the same order last week, please refund one of the payments.",
    "The discount code from the newsletter is rejected at checkout although it should still be valid.",
    "Could you move my delivery to Thursday afternoon? Nobody is at home on Wednesday.",
    "The invoice for my last order does not show the company VAT number, we need it for accounting.",
];
const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "okhttp/4.12.0",
];
const EVENT_TYPES: &[&str] = &[
    "page_view",
    "add_to_cart",
    "checkout",
    "login",
    "logout",
    "search",
];

fn realistic(seed: u64) -> Vec<FixtureTable> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let customers = 300;
    let names = testkit("PERSON_NAME", customers, seed);
    let emails = testkit("EMAIL", customers, seed + 1);
    let phones = testkit("PHONE_NUMBER", customers, seed + 2);
    let streets = testkit("STREET_ADDRESS", customers, seed + 3);
    let postcodes = testkit("POSTAL_CODE", customers, seed + 4);
    let ssns = testkit("US_SSN", customers, seed + 5);
    let tiers = ["bronze", "silver", "gold", "platinum"];
    let customer_rows = (0..customers)
        .map(|i| {
            let language = ["en", "de", "fr", "es"][i % 4];
            let profile = serde_json::json!({
                "contact": {"email": emails[(i + 7) % customers], "phone": phones[(i + 11) % customers]},
                "preferences": {"language": language, "newsletter": i % 3 == 0},
                "tags": ["early-adopter"],
            });
            vec![
                Some((i + 1).to_string()),
                Some(names[i].clone()),
                Some(emails[i].clone()),
                Some(phones[i].clone()),
                Some(date(&mut rng, 1940..=2006)),
                Some(streets[i].clone()),
                Some(postcodes[i].clone()),
                Some(ssns[i].clone()),
                Some(tiers[i % 4].to_string()),
                Some(if i % 5 == 0 { "0" } else { "1" }.to_string()),
                Some(timestamp(&mut rng)),
                Some("\\x89504e470d0a1a0a".to_string()),
                Some(profile.to_string()),
            ]
        })
        .collect();

    let orders = 400;
    let order_numbers = decoys(DecoyKind::OrderNumber, orders, &mut rng);
    let prices = decoys(DecoyKind::Price, orders, &mut rng);
    let shipping = testkit("STREET_ADDRESS", orders, seed + 6);
    let statuses = [
        "pending",
        "paid",
        "shipped",
        "delivered",
        "refunded",
        "cancelled",
    ];
    let order_rows = (0..orders)
        .map(|i| {
            vec![
                Some((i + 1).to_string()),
                Some(order_numbers[i].clone()),
                Some(emails[rng.random_range(0..customers)].clone()),
                Some(shipping[i].clone()),
                Some(prices[i].clone()),
                Some(statuses[rng.random_range(0..statuses.len())].to_string()),
                Some(timestamp(&mut rng)),
            ]
        })
        .collect();

    let cards = testkit("CREDIT_CARD", orders, seed + 7);
    let ibans = testkit("IBAN", orders, seed + 8);
    let payment_status = ["authorized", "captured", "declined", "refunded"];
    let payment_rows = (0..orders)
        .map(|i| {
            vec![
                Some((i + 1).to_string()),
                Some((i + 1).to_string()),
                Some(cards[i].clone()),
                // Not every payment is a bank transfer.
                (i % 3 == 0).then(|| ibans[i].clone()),
                Some(payment_status[i % 4].to_string()),
                Some(prices[i].clone()),
            ]
        })
        .collect();

    let tickets = 300;
    let ticket_rows = (0..tickets)
        .map(|i| {
            let mut body = BODIES[i % BODIES.len()].to_string();
            // A few percent of tickets carry the customer's contact details in free text.
            if i % 25 == 3 {
                body.push_str(&format!(
                    " You can reach me at {} any time.",
                    emails[i % customers]
                ));
            }
            vec![
                Some((i + 1).to_string()),
                Some(SUBJECTS[i % SUBJECTS.len()].to_string()),
                Some(body),
                Some(timestamp(&mut rng)),
            ]
        })
        .collect();

    let events = 500;
    let ips = testkit("IP_ADDRESS", events, seed + 9);
    let uuids = decoys(DecoyKind::Uuid, events, &mut rng);
    let versions = decoys(DecoyKind::VersionString, events, &mut rng);
    let event_rows = (0..events)
        .map(|i| {
            vec![
                Some((i + 1).to_string()),
                Some(uuids[i].clone()),
                Some(ips[i].clone()),
                Some(USER_AGENTS[rng.random_range(0..USER_AGENTS.len())].to_string()),
                Some(versions[i].clone()),
                Some(if rng.random_bool(0.8) { "1" } else { "0" }.to_string()),
                Some(EVENT_TYPES[rng.random_range(0..EVENT_TYPES.len())].to_string()),
                Some(timestamp(&mut rng)),
            ]
        })
        .collect();

    vec![
        FixtureTable {
            name: "customers",
            columns: vec![
                ("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"),
                ("full_name", "text", "VARCHAR(120)"),
                ("email", "varchar(255)", "VARCHAR(255)"),
                ("phone", "varchar(40)", "VARCHAR(40)"),
                ("date_of_birth", "date", "DATE"),
                ("street_address", "text", "VARCHAR(255)"),
                ("postal_code", "varchar(16)", "VARCHAR(16)"),
                ("ssn", "char(11)", "CHAR(11)"),
                ("loyalty_tier", "text", "VARCHAR(16)"),
                ("is_active", "boolean", "BOOLEAN"),
                ("created_at", "timestamptz", "TIMESTAMP"),
                ("avatar", "bytea", "BLOB"),
                ("profile", "jsonb", "JSON"),
            ],
            rows: customer_rows,
        },
        FixtureTable {
            name: "orders",
            columns: vec![
                ("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"),
                ("order_number", "varchar(32)", "VARCHAR(32)"),
                ("customer_email", "varchar(255)", "VARCHAR(255)"),
                ("shipping_address", "text", "TEXT"),
                ("amount", "numeric(10,2)", "DECIMAL(10,2)"),
                ("status", "text", "VARCHAR(16)"),
                ("placed_at", "timestamp", "DATETIME"),
            ],
            rows: order_rows,
        },
        FixtureTable {
            name: "payments",
            columns: vec![
                ("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"),
                ("order_id", "bigint", "BIGINT"),
                ("card_number", "varchar(24)", "VARCHAR(24)"),
                ("iban", "varchar(40)", "VARCHAR(40)"),
                ("status", "text", "VARCHAR(16)"),
                ("amount", "numeric(10,2)", "DECIMAL(10,2)"),
            ],
            rows: payment_rows,
        },
        FixtureTable {
            name: "support_tickets",
            columns: vec![
                ("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"),
                ("subject", "text", "VARCHAR(200)"),
                ("body", "text", "TEXT"),
                ("opened_at", "timestamptz", "TIMESTAMP"),
            ],
            rows: ticket_rows,
        },
        FixtureTable {
            name: "events",
            columns: vec![
                ("id", "bigint PRIMARY KEY", "BIGINT PRIMARY KEY"),
                ("event_id", "uuid", "CHAR(36)"),
                ("ip", "inet", "VARCHAR(45)"),
                ("user_agent", "text", "VARCHAR(255)"),
                ("app_version", "varchar(32)", "VARCHAR(32)"),
                ("email_verified", "boolean", "BOOLEAN"),
                ("event_type", "text", "VARCHAR(32)"),
                ("created_at", "timestamp", "DATETIME"),
            ],
            rows: event_rows,
        },
    ]
}

fn literal(value: &Option<String>, mysql: bool) -> String {
    match value {
        None => "NULL".to_string(),
        Some(v) if mysql => format!("'{}'", v.replace('\\', "\\\\").replace('\'', "''")),
        Some(v) => format!("'{}'", v.replace('\'', "''")),
    }
}

/// CREATE TABLE + multi-row INSERTs for one fixture table.
fn table_sql(qualified: &str, table: &FixtureTable, mysql: bool) -> Vec<String> {
    let quote = |n: &str| {
        if mysql {
            format!("`{n}`")
        } else {
            format!("\"{n}\"")
        }
    };
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|(n, pg, my)| format!("{} {}", quote(n), if mysql { my } else { pg }))
        .collect();
    let mut statements = vec![format!("CREATE TABLE {qualified} ({})", columns.join(", "))];
    let names: Vec<String> = table.columns.iter().map(|c| quote(c.0)).collect();
    for chunk in table.rows.chunks(100) {
        let values: Vec<String> = chunk
            .iter()
            .map(|row| {
                let cells: Vec<String> = row.iter().map(|v| literal(v, mysql)).collect();
                format!("({})", cells.join(", "))
            })
            .collect();
        statements.push(format!(
            "INSERT INTO {qualified} ({}) VALUES {}",
            names.join(", "),
            values.join(", ")
        ));
    }
    statements
}

/// Creates the realistic schema in a new PostgreSQL schema.
async fn pg_realistic(conn: &mut sqlx::PgConnection, tag: &str) -> PgSchema {
    let schema = PgSchema { name: unique(tag) };
    exec(&mut *conn, format!("CREATE SCHEMA \"{}\"", schema.name)).await;
    for table in realistic(42) {
        for sql in table_sql(
            &format!("\"{}\".\"{}\"", schema.name, table.name),
            &table,
            false,
        ) {
            exec(&mut *conn, sql).await;
        }
    }
    exec(&mut *conn, format!("ANALYZE \"{}\".customers", schema.name)).await;
    schema
}

/// Creates the realistic schema in a new MariaDB database.
async fn my_realistic(conn: &mut sqlx::MySqlConnection, tag: &str) -> MyDatabase {
    let db = MyDatabase {
        name: unique(tag),
        users: Vec::new(),
    };
    exec(
        &mut *conn,
        format!("CREATE DATABASE `{}` CHARACTER SET utf8mb4", db.name),
    )
    .await;
    for table in realistic(42) {
        for sql in table_sql(&format!("`{}`.`{}`", db.name, table.name), &table, true) {
            exec(&mut *conn, sql).await;
        }
    }
    db
}

/// Every PII column found with its class, no decoy classified, skipped columns explained,
/// and the table facts recorded.
fn check_realistic(reports: &[AssetReport], location: impl Fn(&str) -> String) {
    for r in reports {
        assert!(r.error.is_none(), "{}: {:?}", r.asset, r.error);
        assert!(
            !r.asset.contains("root@") && !r.asset.contains("postgres@"),
            "{}",
            r.asset
        );
    }
    let mut failures = Vec::new();
    for (table, path, class) in EXPECTED {
        let f = field(report(reports, &location(table)), path);
        if !classes(f).contains(class) {
            failures.push(format!(
                "{table}.{path}: expected {class}, got {:?}",
                classes(f)
            ));
        }
    }
    for (table, path) in DECOYS {
        let f = field(report(reports, &location(table)), path);
        assert!(f.sampled > 0, "{table}.{path} was not sampled");
        if !f.classes.is_empty() {
            failures.push(format!(
                "decoy {table}.{path} classified as {:?}",
                classes(f)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "classification mistakes:\n{}",
        failures.join("\n")
    );
    for (table, column, why) in SKIPPED {
        let r = report(reports, &location(table));
        assert!(
            r.fields.iter().all(|f| f.path != *column),
            "{table}.{column} should not be read"
        );
        assert!(
            r.meta
                .notes
                .iter()
                .any(|n| n.contains(&format!("`{column}`")) && n.contains(why)),
            "{table}: no note about {column}: {:?}",
            r.meta.notes
        );
    }
    for table in [
        "customers",
        "orders",
        "payments",
        "support_tickets",
        "events",
    ] {
        let r = report(reports, &location(table));
        assert_eq!(r.kind, piicat_classifiers::AssetKind::Table);
        assert_eq!(r.source.as_deref(), Some("db-test"));
        let fp = r.meta.schema_fingerprint.as_deref().unwrap_or_default();
        assert_eq!(fp.len(), 64, "{table}: fingerprint {fp:?}");
        assert!(
            r.meta.rows_sampled >= 300,
            "{table}: {} rows sampled",
            r.meta.rows_sampled
        );
        assert!(r.meta.bytes_read > 0);
    }
    // A JSON column is classified by field path.
    let customers = report(reports, &location("customers"));
    assert!(
        customers.fields.iter().all(|f| f.path != "profile"),
        "profile held only documents"
    );
    assert!(field(customers, "profile.tags[]").classes.is_empty());
}

// ---------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_realistic_schema_finds_every_pii_column_and_no_decoy() {
    let Some(mut admin) = pg_admin().await else {
        return;
    };
    let schema = pg_realistic(&mut admin, "real").await;
    // A table whose names need quoting.
    exec(
        &mut admin,
        format!(
            "CREATE TABLE \"{0}\".\"VIP \"\"Gold\"\" Members\" (\"Contact E-Mail\" text, \"Tier Name\" text);
             INSERT INTO \"{0}\".\"VIP \"\"Gold\"\" Members\" SELECT email, loyalty_tier FROM \"{0}\".customers",
            schema.name
        ),
    )
    .await;
    let mut src = source(PG_ADMIN);
    src.include = vec![format!("{}.*", schema.name)];
    let reports = scan(src, ScanOptions::default()).await;
    assert_eq!(
        reports.len(),
        6,
        "{:#?}",
        reports.iter().map(|r| &r.asset).collect::<Vec<_>>()
    );
    check_realistic(&reports, |t| format!("{PG_BASE}/{}.{t}", schema.name));

    let vip = report(
        &reports,
        &format!("{PG_BASE}/{}.VIP \"Gold\" Members", schema.name),
    );
    assert_eq!(classes(field(vip, "Contact E-Mail")), ["EMAIL"]);
    let customers = report(&reports, &format!("{PG_BASE}/{}.customers", schema.name));
    assert_eq!(customers.meta.format.as_deref(), Some("postgres"));
    // ANALYZE ran on customers: its estimate comes from pg_class.reltuples.
    assert_eq!(customers.meta.row_estimate, Some(300));
    assert!(
        customers
            .meta
            .notes
            .iter()
            .any(|n| n.contains("`created_at` (timestamp with time zone)"))
    );
    assert_eq!(
        field(customers, "date_of_birth").data_type.as_deref(),
        Some("date")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_views_are_opt_in_and_include_exclude_select_tables() {
    let Some(mut admin) = pg_admin().await else {
        return;
    };
    let schema = pg_realistic(&mut admin, "views").await;
    exec(
        &mut admin,
        format!(
            "CREATE VIEW \"{0}\".customer_contacts AS SELECT full_name, email FROM \"{0}\".customers",
            schema.name
        ),
    )
    .await;
    let view = format!("{PG_BASE}/{}.customer_contacts", schema.name);

    let mut src = source(PG_ADMIN);
    src.include = vec![format!("{}.*", schema.name)];
    let without = scan(src.clone(), ScanOptions::default()).await;
    assert!(without.iter().all(|r| r.asset != view));
    assert_eq!(without.len(), 5);

    src.include_views = true;
    let with = scan(src.clone(), ScanOptions::default()).await;
    let v = report(&with, &view);
    assert!(v.error.is_none(), "{:?}", v.error);
    assert!(classes(field(v, "email")).contains(&"EMAIL"));
    assert!(v.meta.notes.iter().any(|n| n.contains("view")));
    assert_eq!(v.meta.row_estimate, None);

    // include on schema.table and on the bare name; exclude wins.
    // (Other tests run at the same time in their own schemas: includes stay qualified.)
    src.include = ["cust*", "orders", "payments"]
        .map(|t| format!("{}.{t}", schema.name))
        .to_vec();
    src.exclude = vec!["customer_contacts".into(), "*.pay*".into()];
    let picked = scan(src, ScanOptions::default()).await;
    let names: Vec<&str> = picked
        .iter()
        .map(|r| r.asset.rsplit('.').next().unwrap())
        .collect();
    assert_eq!(names, ["customers", "orders"], "{picked:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_statement_timeout_fails_one_view_while_other_tables_complete() {
    let Some(mut admin) = pg_admin().await else {
        return;
    };
    let schema = pg_realistic(&mut admin, "slow").await;
    exec(
        &mut admin,
        format!(
            "CREATE VIEW \"{0}\".slow_customers AS
             SELECT pg_sleep(3)::text AS waited, email FROM \"{0}\".customers",
            schema.name
        ),
    )
    .await;
    let mut src = source(PG_ADMIN);
    src.include = vec![format!("{}.*", schema.name)];
    src.include_views = true;
    let opts = ScanOptions {
        statement_timeout_secs: 1,
        max_connections: 2,
        ..ScanOptions::default()
    };
    let started = std::time::Instant::now();
    let reports = scan(src, opts).await;
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(reports.len(), 6);
    let slow = report(
        &reports,
        &format!("{PG_BASE}/{}.slow_customers", schema.name),
    );
    let error = slow.error.as_ref().expect("the slow view must time out");
    assert_eq!(error.kind, AssetErrorKind::Timeout, "{error}");
    assert!(
        error.message.contains("slow_customers") && error.message.contains("timeout"),
        "{error}"
    );
    for r in reports.iter().filter(|r| r.asset != slow.asset) {
        assert!(r.error.is_none(), "{}: {:?}", r.asset, r.error);
        assert!(!r.fields.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_scanner_session_is_read_only() {
    let Some(mut admin) = pg_admin().await else {
        return;
    };
    let schema = PgSchema { name: unique("ro") };
    // A view whose function writes: reading it is the scanner's only chance to write.
    exec(
        &mut admin,
        format!(
            "CREATE SCHEMA \"{0}\";
             CREATE TABLE \"{0}\".canary (n int);
             CREATE FUNCTION \"{0}\".touch() RETURNS text LANGUAGE plpgsql AS
               $$ BEGIN INSERT INTO \"{0}\".canary VALUES (1); RETURN 'touched'; END $$;
             CREATE VIEW \"{0}\".writer AS SELECT \"{0}\".touch() AS touched;",
            schema.name
        ),
    )
    .await;
    let mut src = source(PG_ADMIN);
    src.include = vec![format!("{}.writer", schema.name)];
    src.include_views = true;
    let reports = scan(src, ScanOptions::default()).await;
    assert_eq!(reports.len(), 1);
    let error = reports[0]
        .error
        .as_ref()
        .expect("the write must be refused");
    assert_eq!(error.kind, AssetErrorKind::PermissionDenied, "{error}");
    assert!(error.message.contains("read-only"), "{error}");
    let written: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT count(*) FROM \"{}\".canary",
        schema.name
    )))
    .fetch_one(&mut admin)
    .await
    .unwrap();
    assert_eq!(written, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_big_table_is_sampled_with_tablesample_deterministically_and_full_reads_all() {
    let Some(mut admin) = pg_admin().await else {
        return;
    };
    let schema = PgSchema {
        name: unique("big"),
    };
    exec(
        &mut admin,
        format!(
            "CREATE SCHEMA \"{0}\";
             CREATE TABLE \"{0}\".contacts AS
               SELECT g AS id, 'user' || g || '@example.org' AS email, md5(g::text) AS token
               FROM generate_series(1, 20000) g;
             ANALYZE \"{0}\".contacts;
             CREATE TABLE \"{0}\".visits (id int, email text, day date) PARTITION BY RANGE (day);
             CREATE TABLE \"{0}\".visits_2024 PARTITION OF \"{0}\".visits
               FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
             CREATE TABLE \"{0}\".visits_2025 PARTITION OF \"{0}\".visits
               FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
             INSERT INTO \"{0}\".visits
               SELECT g, 'visitor' || g || '@example.org', date '2024-01-01' + (g % 700)
               FROM generate_series(1, 30000) g;
             ANALYZE \"{0}\".visits;",
            schema.name
        ),
    )
    .await;
    let mut src = source(PG_ADMIN);
    src.include = vec![format!("{}.*", schema.name)];
    src.sample_rows = Some(200);
    // A partitioned table is one asset sampled across its partitions, which are not listed.
    let first = scan(src.clone(), ScanOptions::default()).await;
    assert_eq!(first.len(), 2, "{first:#?}");
    let visits = report(&first, &format!("{PG_BASE}/{}.visits", schema.name));
    assert_eq!(visits.meta.row_estimate, Some(30000));
    assert!(
        (100..=200).contains(&visits.meta.rows_sampled),
        "{}",
        visits.meta.rows_sampled
    );
    assert!(classes(field(visits, "email")).contains(&"EMAIL"));

    let opts = ScanOptions {
        seed: 7,
        ..ScanOptions::default()
    };
    let first = scan(src.clone(), opts.clone()).await;
    let r = report(&first, &format!("{PG_BASE}/{}.contacts", schema.name));
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.meta.row_estimate, Some(20000));
    assert!(
        (100..=200).contains(&r.meta.rows_sampled),
        "{}",
        r.meta.rows_sampled
    );
    assert!(
        r.meta.notes.iter().any(|n| n.contains("TABLESAMPLE")),
        "{:?}",
        r.meta.notes
    );
    assert!(classes(field(r, "email")).contains(&"EMAIL"));
    let again = scan(src.clone(), opts).await;
    assert_eq!(again[0].fields, r.fields, "same seed, same sample");
    assert_eq!(again[0].meta.rows_sampled, r.meta.rows_sampled);

    let full = scan(
        src,
        ScanOptions {
            mode: SamplingMode::Full,
            ..ScanOptions::default()
        },
    )
    .await;
    assert_eq!(full[0].meta.rows_sampled, 20000);
    assert_eq!(field(&full[0], "email").sampled, 20000);
    assert_eq!(full[1].meta.rows_sampled, 30000, "{}", full[1].asset);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connection_failures_are_one_clear_report() {
    // Nothing listens on port 1.
    let reports = scan(
        source("postgres://postgres:S3cret-pw@127.0.0.1:1/test"),
        ScanOptions::default(),
    )
    .await;
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r.asset, "postgres://127.0.0.1:1/test");
    let error = r.error.as_ref().unwrap();
    assert_eq!(error.kind, AssetErrorKind::ConnectionRefused, "{error}");
    assert!(
        error.message.contains("127.0.0.1:1") && !error.message.contains("S3cret"),
        "{error}"
    );

    if pg_admin().await.is_none() {
        return;
    }
    let reports = scan(
        source("postgres://postgres@127.0.0.1:5432/piicat_no_such_database"),
        ScanOptions::default(),
    )
    .await;
    assert_eq!(reports.len(), 1);
    let error = reports[0].error.as_ref().unwrap();
    assert_eq!(error.kind, AssetErrorKind::NotFound, "{error}");
    assert!(error.message.contains("does not exist"), "{error}");
}

// ---------------------------------------------------------------------------------------
// MariaDB
// ---------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_realistic_schema_finds_every_pii_column_and_no_decoy() {
    let Some(mut admin) = my_admin().await else {
        return;
    };
    let db = my_realistic(&mut admin, "real").await;
    exec(
        &mut admin,
        format!(
            "CREATE TABLE `{0}`.`vip ``gold`` members` (`Contact E-Mail` VARCHAR(255), `tier name` VARCHAR(16))",
            db.name
        ),
    )
    .await;
    exec(
        &mut admin,
        format!("INSERT INTO `{0}`.`vip ``gold`` members` SELECT email, loyalty_tier FROM `{0}`.customers", db.name),
    )
    .await;
    let reports = scan(
        source(&format!("mysql://root@127.0.0.1:3306/{}", db.name)),
        ScanOptions::default(),
    )
    .await;
    assert_eq!(
        reports.len(),
        6,
        "{:#?}",
        reports.iter().map(|r| &r.asset).collect::<Vec<_>>()
    );
    check_realistic(&reports, |t| format!("{MY_BASE}/{}/{t}", db.name));
    let vip = report(
        &reports,
        &format!("{MY_BASE}/{}/vip `gold` members", db.name),
    );
    assert_eq!(classes(field(vip, "Contact E-Mail")), ["EMAIL"]);
    let customers = report(&reports, &format!("{MY_BASE}/{}/customers", db.name));
    assert_eq!(customers.meta.format.as_deref(), Some("mysql"));
    assert!(customers.meta.row_estimate.is_some());
    // MariaDB keeps JSON in a LONGTEXT: documents are still classified by path.
    assert!(
        field(customers, "profile.contact.email")
            .data_type
            .as_deref()
            == Some("json")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_big_table_is_sampled_by_key_windows() {
    let Some(mut admin) = my_admin().await else {
        return;
    };
    let db = MyDatabase {
        name: unique("big"),
        users: Vec::new(),
    };
    exec(&mut admin, format!("CREATE DATABASE `{}`", db.name)).await;
    exec(
        &mut admin,
        format!(
            "CREATE TABLE `{0}`.contacts (id INT PRIMARY KEY, email VARCHAR(64), token CHAR(32)) ENGINE=InnoDB",
            db.name
        ),
    )
    .await;
    exec(
        &mut admin,
        format!(
            "INSERT INTO `{0}`.contacts
             SELECT seq, CONCAT('user', seq, '@example.org'), MD5(seq) FROM seq_1_to_20000",
            db.name
        ),
    )
    .await;
    exec(&mut admin, format!("ANALYZE TABLE `{0}`.contacts", db.name)).await;
    let mut src = source(&format!("mariadb://root@127.0.0.1:3306/{}", db.name));
    src.sample_rows = Some(200);
    let reports = scan(
        src.clone(),
        ScanOptions {
            seed: 3,
            ..ScanOptions::default()
        },
    )
    .await;
    let r = &reports[0];
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.asset, format!("{MY_BASE}/{}/contacts", db.name));
    assert!(
        r.meta.row_estimate.is_some_and(|e| e > 10_000),
        "{:?}",
        r.meta.row_estimate
    );
    assert!(
        (100..=200).contains(&r.meta.rows_sampled),
        "{}",
        r.meta.rows_sampled
    );
    assert!(
        r.meta.notes.iter().any(|n| n.contains("windows")),
        "{:?}",
        r.meta.notes
    );
    assert!(classes(field(r, "email")).contains(&"EMAIL"));
    let again = scan(
        src,
        ScanOptions {
            seed: 3,
            ..ScanOptions::default()
        },
    )
    .await;
    assert_eq!(again[0].fields, r.fields, "same seed, same sample");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_scanner_session_is_read_only() {
    let Some(mut admin) = my_admin().await else {
        return;
    };
    let db = MyDatabase {
        name: unique("ro"),
        users: Vec::new(),
    };
    exec(&mut admin, format!("CREATE DATABASE `{}`", db.name)).await;
    exec(
        &mut admin,
        format!("CREATE TABLE `{}`.canary (n INT)", db.name),
    )
    .await;
    exec(
        &mut admin,
        format!(
            "CREATE FUNCTION `{0}`.touch() RETURNS INT MODIFIES SQL DATA
             BEGIN INSERT INTO `{0}`.canary VALUES (1); RETURN 1; END",
            db.name
        ),
    )
    .await;
    exec(
        &mut admin,
        format!(
            "CREATE VIEW `{0}`.writer AS SELECT `{0}`.touch() AS touched",
            db.name
        ),
    )
    .await;
    let mut src = source(&format!("mysql://root@127.0.0.1:3306/{}", db.name));
    src.include = vec!["writer".into()];
    src.include_views = true;
    let reports = scan(src, ScanOptions::default()).await;
    assert_eq!(reports.len(), 1);
    let error = reports[0]
        .error
        .as_ref()
        .unwrap_or_else(|| panic!("the write must be refused: {reports:#?}"));
    assert_eq!(error.kind, AssetErrorKind::PermissionDenied, "{error}");
    assert!(error.message.contains("read-only"), "{error}");
    let written: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM `{}`.canary",
        db.name
    )))
    .fetch_one(&mut admin)
    .await
    .unwrap();
    assert_eq!(written, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_wrong_password_unknown_database_and_closed_port_are_clear_errors() {
    // Nothing listens on port 1: no server needed.
    let reports = scan(
        source("mysql://root:S3cret-pw@127.0.0.1:1/test"),
        ScanOptions::default(),
    )
    .await;
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].asset, "mysql://127.0.0.1:1/test");
    let error = reports[0].error.as_ref().unwrap();
    assert_eq!(error.kind, AssetErrorKind::ConnectionRefused, "{error}");
    assert!(!error.message.contains("S3cret"), "{error}");

    let Some(mut admin) = my_admin().await else {
        return;
    };
    let user = unique("auth");
    let db = MyDatabase {
        name: unique("auth"),
        users: vec![
            format!("'{user}'@'127.0.0.1'"),
            format!("'{user}'@'localhost'"),
        ],
    };
    exec(&mut admin, format!("CREATE DATABASE `{}`", db.name)).await;
    for host in ["127.0.0.1", "localhost"] {
        exec(
            &mut admin,
            format!("CREATE USER '{user}'@'{host}' IDENTIFIED BY 'Correct-Horse-42'"),
        )
        .await;
        exec(
            &mut admin,
            format!("GRANT SELECT ON `{}`.* TO '{user}'@'{host}'", db.name),
        )
        .await;
    }
    let reports = scan(
        source(&format!(
            "mysql://{user}:Wrong-Battery-99@127.0.0.1:3306/{}",
            db.name
        )),
        ScanOptions::default(),
    )
    .await;
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r.asset, format!("{MY_BASE}/{}", db.name));
    let error = r.error.as_ref().unwrap();
    assert_eq!(error.kind, AssetErrorKind::AuthenticationFailed, "{error}");
    assert!(error.message.contains(&r.asset), "{error}");
    assert!(
        !error.message.contains("Wrong-Battery") && !error.message.contains(&user),
        "{error}"
    );
    // The right password works, with only SELECT granted.
    let reports = scan(
        source(&format!(
            "mysql://{user}:Correct-Horse-42@127.0.0.1:3306/{}",
            db.name
        )),
        ScanOptions::default(),
    )
    .await;
    assert!(reports.iter().all(|r| r.error.is_none()), "{reports:#?}");

    let reports = scan(
        source("mysql://root@127.0.0.1:3306/piicat_no_such_database"),
        ScanOptions::default(),
    )
    .await;
    let error = reports[0].error.as_ref().unwrap();
    assert_eq!(error.kind, AssetErrorKind::NotFound, "{error}");
}

// ---------------------------------------------------------------------------------------
// SQLite
// ---------------------------------------------------------------------------------------

async fn sqlite_fixture(path: &std::path::Path) {
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    exec(
        &mut conn,
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT, email TEXT, photo BLOB,
                                 newsletter BOOLEAN, settings JSON, created_at TEXT);
         CREATE TABLE \"Order \"\"Lines\"\"\" (\"Line No\" INTEGER, \"Buyer E-Mail\" TEXT) ;
         CREATE TABLE tags (tag TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;
         CREATE TABLE big (id INTEGER PRIMARY KEY, email TEXT, note);
         CREATE VIEW customer_emails AS SELECT email FROM customers;"
            .to_string(),
    )
    .await;
    let names = testkit("PERSON_NAME", 200, 1);
    let emails = testkit("EMAIL", 200, 2);
    for i in 0..200 {
        let settings =
            serde_json::json!({"contact": {"email": emails[(i + 3) % 200]}, "theme": "dark"});
        sqlx::query("INSERT INTO customers (full_name, email, photo, newsletter, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(&names[i])
            .bind(&emails[i])
            .bind(vec![0x89u8, 0x50, 0x4e, 0x47, 0xff, 0xfe])
            .bind(i % 2 == 0)
            .bind(settings.to_string())
            .bind(timestamp(&mut rng))
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("INSERT INTO \"Order \"\"Lines\"\"\" VALUES (?, ?)")
            .bind(i as i64)
            .bind(&emails[(i * 7) % 200])
            .execute(&mut conn)
            .await
            .unwrap();
    }
    exec(
        &mut conn,
        "INSERT INTO tags VALUES ('vip', 'Very important'), ('new', 'New customer')".into(),
    )
    .await;
    // 30,000 rows with a blob hiding in an untyped column now and then.
    exec(
        &mut conn,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
         INSERT INTO big SELECT i, 'member' || i || '@example.net',
                CASE WHEN i % 10 = 0 THEN x'00ff00ff' ELSE 'note ' || i END FROM n"
            .into(),
    )
    .await;
    conn.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_file_is_scanned_read_only_with_paths_notes_and_rowid_sampling() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    sqlite_fixture(&path).await;
    let before = std::fs::read(&path).unwrap();
    let abs = std::path::absolute(&path).unwrap();
    let location = |t: &str| format!("sqlite://{}/{t}", abs.display());

    let mut src = source(&path.display().to_string());
    src.sample_rows = Some(400);
    let reports = scan(src.clone(), ScanOptions::default()).await;
    assert_eq!(
        reports.len(),
        4,
        "{:#?}",
        reports.iter().map(|r| &r.asset).collect::<Vec<_>>()
    );
    for r in &reports {
        assert!(r.error.is_none(), "{}: {:?}", r.asset, r.error);
        assert_eq!(r.meta.format.as_deref(), Some("sqlite"));
        assert_eq!(
            r.meta.schema_fingerprint.as_ref().map(String::len),
            Some(64)
        );
    }
    let customers = report(&reports, &location("customers"));
    assert!(classes(field(customers, "email")).contains(&"EMAIL"));
    assert!(classes(field(customers, "full_name")).contains(&"PERSON_NAME"));
    assert!(classes(field(customers, "settings.contact.email")).contains(&"EMAIL"));
    assert!(field(customers, "settings.theme").classes.is_empty());
    assert!(
        customers
            .fields
            .iter()
            .all(|f| f.path != "photo" && f.path != "newsletter")
    );
    assert!(
        customers
            .meta
            .notes
            .iter()
            .any(|n| n.contains("`photo` (BLOB)") && n.contains("binary")),
        "{:?}",
        customers.meta.notes
    );
    assert_eq!(customers.meta.row_estimate, Some(200));

    let lines = report(&reports, &location("Order \"Lines\""));
    assert_eq!(classes(field(lines, "Buyer E-Mail")), ["EMAIL"]);
    let tags = report(&reports, &location("tags"));
    assert!(tags.fields.iter().all(|f| f.classes.is_empty()));

    let big = report(&reports, &location("big"));
    assert!(
        (200..=400).contains(&big.meta.rows_sampled),
        "{}",
        big.meta.rows_sampled
    );
    assert!(
        big.meta.notes.iter().any(|n| n.contains("rowid windows")),
        "{:?}",
        big.meta.notes
    );
    assert_eq!(big.meta.row_estimate, Some(30000));
    // Blobs in an untyped column are never read as text.
    assert!(field(big, "note").sampled < big.meta.rows_sampled);

    // Views are opt-in; full mode reads every row.
    src.include_views = true;
    src.include = vec!["customer_emails".into(), "main.big".into()];
    let full = scan(
        src,
        ScanOptions {
            mode: SamplingMode::Full,
            ..ScanOptions::default()
        },
    )
    .await;
    assert_eq!(full.len(), 2);
    assert_eq!(report(&full, &location("big")).meta.rows_sampled, 30000);
    assert_eq!(
        report(&full, &location("customer_emails"))
            .meta
            .rows_sampled,
        200
    );

    assert!(
        std::fs::read(&path).unwrap() == before,
        "the scan changed the database file"
    );
}

#[tokio::test]
async fn sqlite_missing_file_and_non_database_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let reports = scan(
        source(&format!("sqlite://{}", missing.display())),
        ScanOptions::default(),
    )
    .await;
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0].error.as_ref().unwrap().kind,
        AssetErrorKind::NotFound
    );
    assert!(!missing.exists(), "the scanner must not create the file");

    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "this is a text file, not a database\n".repeat(200)).unwrap();
    let reports = scan(source(&text.display().to_string()), ScanOptions::default()).await;
    let error = reports[0].error.as_ref().unwrap();
    assert_eq!(error.kind, AssetErrorKind::Corrupt, "{error}");
    assert!(error.message.contains("notes.sqlite"), "{error}");
}
