//! Files on local disk: the committed `samples/` (CSV, TSV, nested NDJSON, logs with JSON
//! lines, gzip and zstd logs, a partitioned Parquet dataset, an SQLite file found on the way)
//! scanned as a directory; every PII field found, no decoy flagged.

use crate::support::*;
use piicat_classifiers::AssetKind;
use piicat_scanner::{SamplingMode, ScanOptions, Target};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn samples_directory_finds_pii_and_spares_decoys() {
    let (reports, summary) = scan(vec![Target::path(samples())], ScanOptions::default()).await;
    eprintln!("{}", dump(&reports));
    assert_eq!(summary.failed, 0, "{}", dump(&reports));

    let csv = report(&reports, "files/customers.csv");
    assert_eq!(csv.kind, AssetKind::File);
    assert_eq!(csv.meta.format.as_deref(), Some("csv"));
    assert_eq!(csv.meta.rows_sampled, 200);
    for (path, class) in [
        ("email", "EMAIL"),
        ("phone", "PHONE_NUMBER"),
        ("full_name", "PERSON_NAME"),
        ("ssn", "US_SSN"),
        ("date_of_birth", "DATE_OF_BIRTH"),
        ("street_address", "STREET_ADDRESS"),
    ] {
        assert_class(csv, path, class);
    }
    for decoy in ["customer_id", "signup_source", "order_ref", "session_id"] {
        assert_clean(csv, decoy);
    }

    let tsv = report(&reports, "files/payments.tsv");
    assert_eq!(tsv.meta.format.as_deref(), Some("tsv"));
    assert_class(tsv, "card_number", "CREDIT_CARD");
    assert_class(tsv, "iban", "IBAN");
    for decoy in ["payment_id", "amount", "currency", "created_at", "sku"] {
        assert_clean(tsv, decoy);
    }

    let nd = report(&reports, "files/events.ndjson");
    assert_eq!(nd.meta.format.as_deref(), Some("ndjson"));
    assert_class(nd, "customer.emails[]", "EMAIL");
    assert_class(nd, "customer.name", "PERSON_NAME");
    assert_class(nd, "device.ip", "IP_ADDRESS");
    for decoy in ["session", "checksum", "device.build", "event"] {
        assert_clean(nd, decoy);
    }

    let app = report(&reports, "logs/app.log");
    assert_eq!(app.meta.format.as_deref(), Some("log"));
    assert_class(app, "user.email", "EMAIL");
    assert_class(app, "user.phone", "PHONE_NUMBER");
    assert_clean(app, "request_id");
    let text = classes(field(app, "$text"));
    assert!(
        text.contains(&"EMAIL") && text.contains(&"CREDIT_CARD"),
        "{text:?}"
    );

    let gz = report(&reports, "logs/access.log.gz");
    assert!(classes(field(gz, "$text")).contains(&"IP_ADDRESS"));
    assert!(gz.meta.rows_sampled >= 500);
    let zst = report(&reports, "logs/audit.log.zst");
    let text = classes(field(zst, "$text"));
    assert!(
        text.contains(&"EMAIL") && text.contains(&"PHONE_NUMBER"),
        "{text:?}"
    );

    let ds = report(&reports, "datasets/events/date=*/part-*.parquet");
    assert_eq!(ds.kind, AssetKind::Dataset);
    let files = ds.meta.files.expect("dataset file counts");
    assert_eq!((files.total, files.sampled), (6, 4));
    assert_eq!(ds.meta.format.as_deref(), Some("parquet"));
    assert_class(ds, "customer.email", "EMAIL");
    assert_class(ds, "user_phone", "PHONE_NUMBER");
    assert_class(ds, "ip", "IP_ADDRESS");
    assert_clean(ds, "event_id");
    let read: Vec<&str> = paths(ds);
    assert!(
        !read.contains(&"amount") && !read.contains(&"ts"),
        "skipped columns were read: {read:?}"
    );
    assert!(
        ds.meta.bytes_read < ds.meta.size_bytes.unwrap_or(0),
        "sampling read everything"
    );

    // The SQLite file on the way is scanned as a database, one report per table.
    assert!(
        reports
            .iter()
            .any(|r| r.kind == AssetKind::Table && r.asset.contains("customers")),
        "{:?}",
        locations(&reports)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn include_exclude_and_determinism() {
    let mut t = Target::path(samples());
    if let piicat_scanner::SourceConfig::Files(f) = &mut t.source {
        f.include = vec!["**/*.csv".into(), "**/*.log".into()];
        f.exclude = vec!["logs/**".into()];
    }
    let (a, _) = scan(vec![t.clone()], ScanOptions::default()).await;
    assert_eq!(locations(&a).len(), 1, "{:?}", locations(&a));
    assert!(a[0].asset.ends_with("customers.csv"));
    let (b, _) = scan(vec![t], ScanOptions::default()).await;
    assert_eq!(a, b, "same seed, same reports");

    let full = ScanOptions {
        mode: SamplingMode::Full,
        ..ScanOptions::default()
    };
    let (reports, summary) = scan(vec![Target::path(samples().join("datasets"))], full).await;
    assert_eq!(summary.failed, 0);
    let files = reports[0].meta.files.unwrap();
    assert_eq!(files.sampled, files.total);
    assert_eq!(reports[0].meta.rows_sampled, 1_800);
}
