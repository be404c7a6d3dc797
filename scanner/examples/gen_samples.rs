//! Writes piicat's `samples/`: realistic synthetic data for every source kind (an SQLite
//! shop database, CSV/TSV, nested NDJSON, plain and JSON-in-log logs, gzip and zstd logs, a
//! small partitioned Parquet dataset) plus a sample config. Every value comes from
//! `piicat_testkit`'s seeded generators: synthetic, valid-looking, never real. The same
//! seed always writes the same content.
//!
//! Run: `cargo run -p piicat-scanner --example gen_samples -- samples/`

use anyhow::Context;
use arrow::array::{
    ArrayRef, Float64Builder, Int64Builder, ListBuilder, StringBuilder, StructArray,
    TimestampMicrosecondBuilder,
};
use arrow::datatypes::{DataType, Field, Fields, Schema, TimeUnit};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use piicat_testkit::{DecoyKind, decoy, value};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SEED: u64 = 20_260_101;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

fn timestamp(rng: &mut ChaCha8Rng) -> String {
    format!(
        "2026-01-{:02}T{:02}:{:02}:{:02}Z",
        rng.random_range(1..=3),
        rng.random_range(0..24),
        rng.random_range(0..60),
        rng.random_range(0..60)
    )
}

fn customers_csv(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::from(
        "customer_id,full_name,email,phone,date_of_birth,street_address,postal_code,ssn,signup_source,order_ref,session_id\n",
    );
    for i in 0..200 {
        let row = [
            (1000 + i).to_string(),
            value("PERSON_NAME", rng),
            value("EMAIL", rng),
            value("PHONE_NUMBER", rng),
            value("DATE_OF_BIRTH", rng),
            value("STREET_ADDRESS", rng),
            value("POSTAL_CODE", rng),
            value("US_SSN", rng),
            decoy(DecoyKind::StatusWord, rng),
            decoy(DecoyKind::OrderNumber, rng),
            decoy(DecoyKind::Uuid, rng),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}

fn payments_tsv(rng: &mut ChaCha8Rng) -> String {
    let mut out =
        String::from("payment_id\tcard_number\tiban\tamount\tcurrency\tcreated_at\tsku\n");
    for _ in 0..150 {
        let row = [
            decoy(DecoyKind::Uuid, rng),
            value("CREDIT_CARD", rng),
            value("IBAN", rng),
            decoy(DecoyKind::Price, rng),
            ["EUR", "USD", "GBP"][rng.random_range(0..3)].to_string(),
            decoy(DecoyKind::IsoTimestamp, rng),
            decoy(DecoyKind::Sku, rng),
        ];
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

fn events_ndjson(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for _ in 0..200 {
        let kind = ["signup", "login", "purchase", "logout"][rng.random_range(0..4)];
        let ev = serde_json::json!({
            "event": kind,
            "at": timestamp(rng),
            "session": decoy(DecoyKind::Uuid, rng),
            "customer": {
                "name": value("PERSON_NAME", rng),
                "emails": [value("EMAIL", rng), value("EMAIL", rng)],
                "address": { "street": value("STREET_ADDRESS", rng), "postal_code": value("POSTAL_CODE", rng) },
            },
            "device": { "ip": value("IP_ADDRESS", rng), "build": decoy(DecoyKind::VersionString, rng) },
            "checksum": decoy(DecoyKind::Sha256, rng),
        });
        out.push_str(&ev.to_string());
        out.push('\n');
    }
    out
}

fn app_log(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for i in 0..400 {
        let ts = timestamp(rng);
        let line = match i % 4 {
            0 => {
                let ev = serde_json::json!({
                    "user": { "email": value("EMAIL", rng), "phone": value("PHONE_NUMBER", rng) },
                    "request_id": decoy(DecoyKind::Uuid, rng),
                    "latency_ms": rng.random_range(1..900),
                });
                format!("{ts} INFO api {ev}")
            }
            1 => format!(
                "{ts} WARN billing payment declined for card {} (order {})",
                value("CREDIT_CARD", rng),
                decoy(DecoyKind::OrderNumber, rng)
            ),
            2 => format!(
                "{ts} INFO auth login from {} for {}",
                value("IP_ADDRESS", rng),
                value("EMAIL", rng)
            ),
            _ => format!(
                "{ts} DEBUG cache hit key={} build={}",
                decoy(DecoyKind::Sha1, rng),
                decoy(DecoyKind::VersionString, rng)
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn access_log(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for _ in 0..500 {
        let path = if rng.random_bool(0.3) {
            format!("/account/reset?email={}", value("EMAIL", rng))
        } else {
            format!("/products/{}", decoy(DecoyKind::Sku, rng))
        };
        out.push_str(&format!(
            "{} - - [01/Jan/2026:{:02}:{:02}:{:02} +0000] \"GET {path} HTTP/1.1\" {} {} \"-\" \"Mozilla/5.0\"\n",
            value("IP_ADDRESS", rng),
            rng.random_range(0..24),
            rng.random_range(0..60),
            rng.random_range(0..60),
            [200, 200, 304, 404][rng.random_range(0..4)],
            rng.random_range(200..20_000)
        ));
    }
    out
}

fn audit_log(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for _ in 0..300 {
        out.push_str(&format!(
            "{} audit actor={} action=update_profile phone={} ref={}\n",
            timestamp(rng),
            value("EMAIL", rng),
            value("PHONE_NUMBER", rng),
            decoy(DecoyKind::ReferenceNumber, rng)
        ));
    }
    out
}

fn parquet_part(rng: &mut ChaCha8Rng, rows: usize) -> anyhow::Result<Vec<u8>> {
    let customer_fields = Fields::from(vec![
        Field::new("name", DataType::Utf8, true),
        Field::new("email", DataType::Utf8, true),
    ]);
    let schema = Arc::new(Schema::new(vec![
        Field::new("event_id", DataType::Utf8, false),
        Field::new("user_phone", DataType::Utf8, true),
        Field::new("ip", DataType::Utf8, true),
        Field::new("customer", DataType::Struct(customer_fields.clone()), true),
        Field::new(
            "tags",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            true,
        ),
        Field::new("amount", DataType::Float64, true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new("items", DataType::Int64, true),
        Field::new("ts", DataType::Timestamp(TimeUnit::Microsecond, None), true),
    ]));
    let (mut id, mut phone, mut ip, mut name, mut email) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let mut tags = ListBuilder::new(StringBuilder::new());
    let (mut amount, mut lat, mut lon) = (
        Float64Builder::new(),
        Float64Builder::new(),
        Float64Builder::new(),
    );
    let mut items = Int64Builder::new();
    let mut ts = TimestampMicrosecondBuilder::new();
    for _ in 0..rows {
        id.append_value(decoy(DecoyKind::Uuid, rng));
        phone.append_value(value("PHONE_NUMBER", rng));
        ip.append_value(value("IP_ADDRESS", rng));
        name.append_value(value("PERSON_NAME", rng));
        email.append_value(value("EMAIL", rng));
        for _ in 0..rng.random_range(0..3) {
            tags.values()
                .append_value(decoy(DecoyKind::StatusWord, rng));
        }
        tags.append(true);
        amount.append_value(f64::from(rng.random_range(100..100_000)) / 100.0);
        lat.append_value(rng.random_range(-90.0..90.0));
        lon.append_value(rng.random_range(-180.0..180.0));
        items.append_value(rng.random_range(1..10));
        ts.append_value(1_767_225_600_000_000 + rng.random_range(0..86_400_000_000i64));
    }
    let customer = StructArray::new(
        customer_fields,
        vec![
            Arc::new(name.finish()) as ArrayRef,
            Arc::new(email.finish()),
        ],
        None,
    );
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(phone.finish()),
        Arc::new(ip.finish()),
        Arc::new(customer),
        Arc::new(tags.finish()),
        Arc::new(amount.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(items.finish()),
        Arc::new(ts.finish()),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(100))
        .build();
    let mut buf = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut buf, schema, Some(props))?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(buf)
}

async fn shop_sqlite(path: &Path, rng: &mut ChaCha8Rng) -> anyhow::Result<()> {
    use sqlx::ConnectOptions;
    use sqlx::sqlite::SqliteConnectOptions;
    let _ = std::fs::remove_file(path);
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await?;
    let ddl = [
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT,
            date_of_birth TEXT, street_address TEXT, postal_code TEXT, loyalty_tier TEXT, created_at TEXT)",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), order_number TEXT,
            status TEXT, total REAL, shipping_address TEXT, sku TEXT, created_at TEXT)",
        "CREATE TABLE payments (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id), card_number TEXT,
            iban TEXT, amount REAL, currency TEXT, receipt_hash TEXT, paid_at TEXT)",
        "CREATE TABLE support_tickets (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id),
            subject TEXT, body TEXT, status TEXT, opened_at TEXT)",
    ];
    for stmt in ddl {
        sqlx::query(stmt).execute(&mut conn).await?;
    }
    sqlx::query("BEGIN").execute(&mut conn).await?;
    for id in 1..=120i64 {
        sqlx::query("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?,?)")
            .bind(id)
            .bind(value("FIRST_NAME", rng))
            .bind(value("LAST_NAME", rng))
            .bind(value("EMAIL", rng))
            .bind(value("PHONE_NUMBER", rng))
            .bind(value("DATE_OF_BIRTH", rng))
            .bind(value("STREET_ADDRESS", rng))
            .bind(value("POSTAL_CODE", rng))
            .bind(["bronze", "silver", "gold"][rng.random_range(0..3)])
            .bind(decoy(DecoyKind::IsoTimestamp, rng))
            .execute(&mut conn)
            .await?;
    }
    for id in 1..=300i64 {
        sqlx::query("INSERT INTO orders VALUES (?,?,?,?,?,?,?,?)")
            .bind(id)
            .bind(rng.random_range(1..=120i64))
            .bind(decoy(DecoyKind::OrderNumber, rng))
            .bind(decoy(DecoyKind::StatusWord, rng))
            .bind(f64::from(rng.random_range(500..50_000)) / 100.0)
            .bind(value("STREET_ADDRESS", rng))
            .bind(decoy(DecoyKind::Sku, rng))
            .bind(decoy(DecoyKind::IsoTimestamp, rng))
            .execute(&mut conn)
            .await?;
        sqlx::query("INSERT INTO payments VALUES (?,?,?,?,?,?,?,?)")
            .bind(id)
            .bind(id)
            .bind(value("CREDIT_CARD", rng))
            .bind(value("IBAN", rng))
            .bind(f64::from(rng.random_range(500..50_000)) / 100.0)
            .bind(["EUR", "USD", "GBP"][rng.random_range(0..3)])
            .bind(decoy(DecoyKind::Sha256, rng))
            .bind(decoy(DecoyKind::IsoTimestamp, rng))
            .execute(&mut conn)
            .await?;
    }
    let subjects = [
        "Refund request",
        "Cannot log in",
        "Wrong delivery address",
        "Card charged twice",
    ];
    for id in 1..=80i64 {
        let body = match id % 3 {
            0 => format!(
                "Hi, please call me back on {} — my new e-mail is {}. Thanks!",
                value("PHONE_NUMBER", rng),
                value("EMAIL", rng)
            ),
            1 => format!(
                "The parcel went to the old address; please ship to {} instead.",
                value("STREET_ADDRESS", rng)
            ),
            _ => format!(
                "I was charged twice on card {}. Order {}.",
                value("CREDIT_CARD", rng),
                decoy(DecoyKind::OrderNumber, rng)
            ),
        };
        sqlx::query("INSERT INTO support_tickets VALUES (?,?,?,?,?,?)")
            .bind(id)
            .bind(rng.random_range(1..=120i64))
            .bind(subjects[rng.random_range(0..subjects.len())])
            .bind(body)
            .bind(decoy(DecoyKind::StatusWord, rng))
            .bind(decoy(DecoyKind::IsoTimestamp, rng))
            .execute(&mut conn)
            .await?;
    }
    sqlx::query("COMMIT").execute(&mut conn).await?;
    sqlx::query("VACUUM").execute(&mut conn).await?;
    Ok(())
}

const SAMPLE_CONFIG: &str = r#"# piicat sample configuration: `piicat scan --config samples/piicat.toml --source shop`
# Each [[sources]] entry has a `type` (postgres, mysql, sqlite, files, s3, gcs, azure).

[[sources]]
name = "shop"
type = "sqlite"
url = "sqlite://samples/shop.sqlite"

[[sources]]
name = "exports"
type = "files"
path = "samples/files"
include = ["**/*.csv", "**/*.tsv", "**/*.ndjson"]

[[sources]]
name = "logs"
type = "files"
path = "samples/logs"
schedule = "0 3 * * *"

[[sources]]
name = "lake"
type = "files"
path = "samples/datasets"

# An S3-compatible bucket; the secret is read from the named environment variable.
# [[sources]]
# name = "lake-s3"
# type = "s3"
# url = "s3://lake/events/"
# endpoint = "http://127.0.0.1:9000"
# access_key_id = "piicat"
# secret_access_key_env = "PIICAT_S3_SECRET"
"#;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "samples".to_string()),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    write(
        &out.join("files/customers.csv"),
        customers_csv(&mut rng).as_bytes(),
    )?;
    write(
        &out.join("files/payments.tsv"),
        payments_tsv(&mut rng).as_bytes(),
    )?;
    write(
        &out.join("files/events.ndjson"),
        events_ndjson(&mut rng).as_bytes(),
    )?;
    write(&out.join("logs/app.log"), app_log(&mut rng).as_bytes())?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(access_log(&mut rng).as_bytes())?;
    write(&out.join("logs/access.log.gz"), &gz.finish()?)?;
    write(
        &out.join("logs/audit.log.zst"),
        &zstd::encode_all(audit_log(&mut rng).as_bytes(), 3)?,
    )?;
    for day in 1..=3 {
        for part in 1..=2 {
            let bytes = parquet_part(&mut rng, 300)?;
            write(
                &out.join(format!(
                    "datasets/events/date=2026-01-0{day}/part-000{part}.parquet"
                )),
                &bytes,
            )?;
        }
    }
    std::fs::create_dir_all(&out)?;
    shop_sqlite(&out.join("shop.sqlite"), &mut rng).await?;
    write(&out.join("piicat.toml"), SAMPLE_CONFIG.as_bytes())?;
    println!("samples written to {}", out.display());
    Ok(())
}
