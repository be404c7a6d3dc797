//! The same sample files served by an S3 protocol server (s3s over a local directory) that
//! the test starts on loopback: objects, compressed objects and a partitioned Parquet
//! dataset read through ranged GETs; a bucket that does not exist and wrong credentials are
//! clear errors.

use crate::support::*;
use piicat_classifiers::{AssetErrorKind, AssetKind};
use piicat_scanner::{ObjectSource, ScanOptions, SourceConfig, Target};
use std::net::SocketAddr;
use std::path::Path;

const ACCESS_KEY: &str = "piicat-test";
const SECRET_KEY: &str = "piicat-test-secret";

/// Uploads every file under `from` through the S3 API, so the server computes etags.
async fn upload_tree(addr: SocketAddr, bucket: &str, from: &Path, prefix: &str) {
    use object_store::ObjectStoreExt;
    let store = object_store::aws::AmazonS3Builder::new()
        .with_bucket_name(bucket)
        .with_endpoint(format!("http://{addr}"))
        .with_allow_http(true)
        .with_region("us-east-1")
        .with_access_key_id(ACCESS_KEY)
        .with_secret_access_key(SECRET_KEY)
        .build()
        .unwrap();
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(from)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let key = object_store::path::Path::from(format!("{prefix}/{rel}"));
        let bytes = std::fs::read(entry.path()).unwrap();
        store.put(&key, bytes.into()).await.unwrap();
    }
}

/// Starts an S3 server over `root` (each directory a bucket) on 127.0.0.1; it lives as long
/// as the test's runtime.
async fn start_s3(root: &Path) -> SocketAddr {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto::Builder as ConnBuilder;
    let fs = s3s_fs::FileSystem::new(root).unwrap();
    let mut builder = s3s::service::S3ServiceBuilder::new(fs);
    builder.set_auth(s3s::auth::SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let http = ConnBuilder::new(TokioExecutor::new());
        while let Ok((socket, _)) = listener.accept().await {
            let conn = http
                .serve_connection(TokioIo::new(socket), service.clone())
                .into_owned();
            tokio::spawn(async move {
                let _ = conn.await;
            });
        }
    });
    addr
}

fn bucket(url: &str, addr: SocketAddr, secret: &str) -> Target {
    let mut o = ObjectSource::new(url);
    o.endpoint = Some(format!("http://{addr}"));
    o.region = Some("us-east-1".into());
    o.access_key_id = Some(ACCESS_KEY.into());
    o.options
        .insert("aws_secret_access_key".into(), secret.into());
    Target {
        name: Some("lake".into()),
        source: SourceConfig::S3(o),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bucket_objects_and_datasets_are_scanned_by_range() {
    let root = tempfile::tempdir().unwrap();
    let lake = root.path().join("lake");
    std::fs::create_dir(&lake).unwrap();
    let addr = start_s3(root.path()).await;
    for dir in ["files", "logs", "datasets"] {
        upload_tree(addr, "lake", &samples().join(dir), dir).await;
    }

    let (reports, summary) = scan(
        vec![bucket("s3://lake", addr, SECRET_KEY)],
        ScanOptions::default(),
    )
    .await;
    eprintln!("{}", dump(&reports));
    assert_eq!(summary.failed, 0, "{}", dump(&reports));
    assert_eq!(summary.assets, 7, "{:?}", locations(&reports));

    let csv = report(&reports, "s3://lake/files/customers.csv");
    assert_eq!(csv.kind, AssetKind::Object);
    assert_eq!(csv.source.as_deref(), Some("lake"));
    // s3s-fs lists no ETag; stores that list one (S3, MinIO) fill meta.etag from the listing.
    assert!(csv.meta.modified.is_some());
    assert_eq!(
        csv.meta.size_bytes,
        Some(
            std::fs::metadata(lake.join("files/customers.csv"))
                .unwrap()
                .len()
        )
    );
    assert_class(csv, "email", "EMAIL");
    assert_class(csv, "ssn", "US_SSN");
    assert_clean(csv, "session_id");

    let nd = report(&reports, "s3://lake/files/events.ndjson");
    assert_class(nd, "customer.emails[]", "EMAIL");
    let tsv = report(&reports, "s3://lake/files/payments.tsv");
    assert_class(tsv, "card_number", "CREDIT_CARD");
    let app = report(&reports, "s3://lake/logs/app.log");
    assert_class(app, "user.email", "EMAIL");
    let gz = report(&reports, "s3://lake/logs/access.log.gz");
    assert!(classes(field(gz, "$text")).contains(&"IP_ADDRESS"));
    let zst = report(&reports, "s3://lake/logs/audit.log.zst");
    assert!(classes(field(zst, "$text")).contains(&"PHONE_NUMBER"));

    let ds = report(&reports, "s3://lake/datasets/events/date=*/part-*.parquet");
    assert_eq!(ds.kind, AssetKind::Dataset);
    assert_eq!(ds.meta.files.map(|f| (f.total, f.sampled)), Some((6, 4)));
    assert_class(ds, "customer.email", "EMAIL");
    assert_class(ds, "user_phone", "PHONE_NUMBER");
    assert!(ds.meta.bytes_read > 0 && ds.meta.bytes_read < ds.meta.size_bytes.unwrap());

    // A prefix narrows the listing; a prefix naming one object scans that object.
    let (only_logs, _) = scan(
        vec![bucket("s3://lake/logs/", addr, SECRET_KEY)],
        ScanOptions::default(),
    )
    .await;
    assert_eq!(only_logs.len(), 3, "{:?}", locations(&only_logs));
    let (one, _) = scan(
        vec![bucket("s3://lake/files/payments.tsv", addr, SECRET_KEY)],
        ScanOptions::default(),
    )
    .await;
    assert_eq!(locations(&one), vec!["s3://lake/files/payments.tsv"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_bucket_and_bad_credentials_are_clear_errors() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("lake")).unwrap();
    std::fs::write(root.path().join("lake/a.csv"), "email\njane@example.com\n").unwrap();
    let addr = start_s3(root.path()).await;

    let (reports, summary) = scan(
        vec![
            bucket("s3://no-such-bucket/data/", addr, SECRET_KEY),
            bucket("s3://lake", addr, "wrong-secret"),
            bucket("s3://lake", addr, SECRET_KEY),
        ],
        ScanOptions::default(),
    )
    .await;
    eprintln!("{}", dump(&reports));
    assert_eq!((summary.assets, summary.failed), (3, 2));
    let missing = report(&reports, "s3://no-such-bucket/data/");
    let e = missing.error.as_ref().unwrap();
    assert_eq!(e.kind, AssetErrorKind::NotFound, "{e}");
    assert!(e.message.contains("bucket does not exist"), "{e}");
    let failed_auth: Vec<_> = reports
        .iter()
        .filter(|r| r.asset == "s3://lake" && r.error.is_some())
        .collect();
    assert_eq!(failed_auth.len(), 1);
    let e = failed_auth[0].error.as_ref().unwrap();
    assert_eq!(e.kind, AssetErrorKind::AuthenticationFailed, "{e}");
    assert!(!e.message.contains("wrong-secret"), "{e}");
    assert!(
        reports
            .iter()
            .any(|r| r.asset == "s3://lake/a.csv" && r.error.is_none())
    );
}
