//! Test support: a catalog on each backend (a temp-dir SQLite file; a fresh schema in the
//! local PostgreSQL, dropped afterwards) and hand-built, realistic asset reports.

use chrono::{DateTime, TimeZone, Utc};
use piicat_catalog::{Catalog, CatalogLocation, DataDir};
use piicat_classifiers::{
    AssetKind, AssetMeta, AssetReport, Category, ClassScore, Compliance, DataClass, FieldFinding,
    Likelihood, Sensitivity,
};
use std::sync::atomic::{AtomicU32, Ordering};

/// The PostgreSQL the scenario suite runs against.
pub const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A catalog under test; drops its PostgreSQL schema (if any) when dropped, even on panic.
pub struct TestCatalog {
    pub catalog: Catalog,
    dir: tempfile::TempDir,
    location: CatalogLocation,
    _schema: Option<SchemaGuard>,
}

/// Drops a PostgreSQL test schema when dropped, even when the test panicked.
struct SchemaGuard(String);

impl std::ops::Deref for TestCatalog {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

impl TestCatalog {
    pub fn data_dir(&self) -> DataDir {
        DataDir::at(self.dir.path())
    }

    /// Opens the same catalog again (a second process would).
    pub async fn reopen(&self) -> Catalog {
        Catalog::open(&self.location, &self.data_dir())
            .await
            .unwrap()
    }
}

impl Drop for SchemaGuard {
    fn drop(&mut self) {
        let schema = std::mem::take(&mut self.0);
        // Drop runs inside the test's runtime: clean up from a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                use sqlx::Connection;
                if let Ok(mut conn) = sqlx::PgConnection::connect(PG_URL).await {
                    // The test's own connections (tagged with the schema name) may still be
                    // open, or in a transaction a panic left behind: end them first.
                    let _ = sqlx::query(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                         WHERE application_name = $1 AND pid <> pg_backend_pid()",
                    )
                    .bind(&schema)
                    .execute(&mut conn)
                    .await;
                    let _ = sqlx::query("SET lock_timeout = '10s'")
                        .execute(&mut conn)
                        .await;
                    let sql = format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                    if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut conn)
                        .await
                    {
                        eprintln!("could not drop test schema {schema}: {e}");
                    }
                }
            });
        })
        .join();
    }
}

pub async fn sqlite() -> TestCatalog {
    let dir = tempfile::tempdir().unwrap();
    let location = CatalogLocation::Embedded;
    let catalog = Catalog::open(&location, &DataDir::at(dir.path()))
        .await
        .unwrap();
    catalog.register_classes(&classes(), at(0)).await.unwrap();
    TestCatalog {
        catalog,
        dir,
        location,
        _schema: None,
    }
}

/// A catalog in a fresh schema of the local PostgreSQL; `None` (after a loud message) when
/// PostgreSQL is unreachable, unless PIICAT_REQUIRE_SERVICES=1 makes that a failure.
pub async fn postgres() -> Option<TestCatalog> {
    use sqlx::Connection;
    match sqlx::PgConnection::connect(PG_URL).await {
        Ok(conn) => {
            let _ = conn.close().await;
        }
        Err(e) => {
            let required = std::env::var("PIICAT_REQUIRE_SERVICES").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "PostgreSQL at {PG_URL} is unreachable ({e}) and PIICAT_REQUIRE_SERVICES=1"
            );
            eprintln!(
                "\n!!!!!!!! SKIPPED: PostgreSQL at {PG_URL} is unreachable ({e}); \
                 the PostgreSQL scenario did NOT run. Set PIICAT_REQUIRE_SERVICES=1 to fail instead. !!!!!!!!\n"
            );
            return None;
        }
    }
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let schema = format!(
        "piicat_test_{}_{}_{:08x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        rand_u32()
    );
    // The guard exists before the schema does, so a failed open still drops it.
    let guard = SchemaGuard(schema.clone());
    let dir = tempfile::tempdir().unwrap();
    // Tagged with the schema name, so the cleanup can find this test's connections.
    let location = CatalogLocation::postgres(format!("{PG_URL}?application_name={schema}"))
        .with_schema(&schema)
        .unwrap();
    let catalog = Catalog::open(&location, &DataDir::at(dir.path()))
        .await
        .unwrap();
    catalog.register_classes(&classes(), at(0)).await.unwrap();
    Some(TestCatalog {
        catalog,
        dir,
        location,
        _schema: Some(guard),
    })
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    // RandomState is seeded from the OS per process: enough to keep parallel runs apart.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.finish() as u32
}

/// Hour `n` of a fixed day: tests pass time in, they never read the clock.
pub fn at(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(n)
}

pub fn class(
    id: &str,
    name: &str,
    category: Category,
    sensitivity: Sensitivity,
    compliance: Vec<Compliance>,
) -> DataClass {
    DataClass {
        id: id.into(),
        name: name.into(),
        category,
        sensitivity,
        compliance,
        description: format!("{name} (test vocabulary)"),
    }
}

/// The classes the tests use (a subset of the built-in vocabulary).
pub fn classes() -> Vec<DataClass> {
    use Compliance::*;
    vec![
        class(
            "EMAIL",
            "Email address",
            Category::Contact,
            Sensitivity::Medium,
            vec![Gdpr, Ccpa],
        ),
        class(
            "PHONE_NUMBER",
            "Phone number",
            Category::Contact,
            Sensitivity::Medium,
            vec![Gdpr, Ccpa],
        ),
        class(
            "PERSON_NAME",
            "Person name",
            Category::Person,
            Sensitivity::Medium,
            vec![Gdpr],
        ),
        class(
            "US_SSN",
            "US Social Security number",
            Category::GovernmentId,
            Sensitivity::High,
            vec![Ccpa, Glba],
        ),
        class(
            "CREDIT_CARD",
            "Payment card number",
            Category::Financial,
            Sensitivity::Critical,
            vec![PciDss],
        ),
        class(
            "IP_ADDRESS",
            "IP address",
            Category::Network,
            Sensitivity::Low,
            vec![Gdpr],
        ),
        class(
            "DATE_OF_BIRTH",
            "Date of birth",
            Category::Person,
            Sensitivity::High,
            vec![Gdpr, Hipaa],
        ),
    ]
}

/// splitmix64: a stand-in for the engine's keyed HMAC in tests.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The bottom-64 sketch (hex) of the values numbered `range`, as the engine would make it.
pub fn sketch(range: std::ops::Range<u64>) -> Vec<String> {
    let mut v: Vec<u64> = range.map(mix).collect();
    v.sort_unstable();
    v.truncate(64);
    v.into_iter().map(|f| format!("{f:016x}")).collect()
}

/// A class score with the evidence a real scan gives.
pub fn score(class: &str, confidence: f32, masked: &[&str]) -> ClassScore {
    ClassScore {
        class: class.into(),
        confidence,
        likelihood: Likelihood::from_confidence(confidence),
        matched: 95,
        sampled: 100,
        validated_rate: None,
        reasons: vec![
            format!("{}% of values match", (confidence * 100.0) as u32),
            "name hint".into(),
        ],
        masked_examples: masked.iter().map(|s| s.to_string()).collect(),
        fingerprints: Vec::new(),
    }
}

pub fn field(path: &str, data_type: &str, classes: Vec<ClassScore>) -> FieldFinding {
    FieldFinding {
        path: path.into(),
        data_type: Some(data_type.into()),
        sampled: 100,
        classes,
    }
}

/// A table report.
pub fn table(location: &str, fields: Vec<FieldFinding>) -> AssetReport {
    AssetReport {
        asset: location.into(),
        kind: AssetKind::Table,
        source: Some("prod-db".into()),
        meta: AssetMeta {
            row_estimate: Some(10_000),
            schema_fingerprint: Some("schema-v1".into()),
            format: Some("postgres".into()),
            rows_sampled: 100,
            ..AssetMeta::default()
        },
        fields,
        error: None,
    }
}

pub const CUSTOMERS: &str = "postgres://db.internal/shop/public.customers";

/// `public.customers`: email, phone, name, ssn, and a column with nothing in it.
pub fn customers() -> AssetReport {
    table(
        CUSTOMERS,
        vec![
            field("id", "bigint", vec![]),
            field(
                "customer_email",
                "varchar(255)",
                vec![score(
                    "EMAIL",
                    0.97,
                    &[
                        "j***@e*****.com",
                        "m***@e*****.org",
                        "a***@e*****.net",
                        "extra@x.y",
                    ],
                )],
            ),
            field(
                "phone",
                "text",
                vec![score("PHONE_NUMBER", 0.88, &["+1 ***-***-4567"])],
            ),
            field(
                "full_name",
                "text",
                vec![score("PERSON_NAME", 0.72, &["J*** D**"])],
            ),
            field(
                "ssn",
                "char(11)",
                vec![score("US_SSN", 0.99, &["***-**-6789"])],
            ),
        ],
    )
}
