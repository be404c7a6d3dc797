//! Crash safety: a process killed (SIGKILL) in the middle of ingesting leaves a catalog in
//! which every asset is either wholly there or not at all, and a rerun completes it.
//!
//! The test re-runs its own binary as the victim: with `PIICAT_CRASH_CHILD` set, this same
//! test ingests forever instead of supervising.

use crate::support::*;
use piicat_catalog::{
    Catalog, CatalogLocation, DataDir, IngestStatus, Page, RunOptions, RunStatus,
};
use piicat_classifiers::AssetReport;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const ASSETS: usize = 400;
const FIELDS: usize = 30;

fn report(i: usize) -> AssetReport {
    let fields = (0..FIELDS)
        .map(|f| {
            let classes = match f % 3 {
                0 => {
                    let mut s = score("EMAIL", 0.9, &["j***@e*****.com"]);
                    s.fingerprints =
                        sketch((i * 1000 + f) as u64 * 100..(i * 1000 + f) as u64 * 100 + 80);
                    vec![s]
                }
                1 => vec![score("PHONE_NUMBER", 0.8, &["+1 ***-***-0134"])],
                _ => vec![],
            };
            field(&format!("col_{f}"), "text", classes)
        })
        .collect();
    table(&format!("postgres://db/crash/public.t{i:04}"), fields)
}

async fn child(dir: &str) {
    let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir))
        .await
        .unwrap();
    catalog.register_classes(&classes(), at(0)).await.unwrap();
    let run = catalog
        .start_run(RunOptions::default(), at(1))
        .await
        .unwrap();
    for i in 0..ASSETS {
        catalog.ingest(run, &report(i), at(1)).await.unwrap();
        if i % 10 == 9 {
            // Index commits too, so the kill may land in one of them.
            catalog.sync_index().await.unwrap();
        }
        println!("ingested {i}");
    }
    // Finished before being killed: the parent notices (it wanted a kill mid-way).
    println!("done");
}

#[tokio::test]
async fn killing_the_process_mid_ingest_leaves_a_consistent_catalog() {
    if let Ok(dir) = std::env::var("PIICAT_CRASH_CHILD") {
        child(&dir).await;
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut victim = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash::killing_the_process_mid_ingest_leaves_a_consistent_catalog",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PIICAT_CRASH_CHILD", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    let mut ingested = 0;
    while let Some(Ok(line)) = lines.next() {
        assert_ne!(
            line, "done",
            "the victim finished before it could be killed"
        );
        if line.starts_with("ingested ") {
            ingested += 1;
            if ingested == 60 {
                break;
            }
        }
    }
    assert_eq!(ingested, 60, "the victim died on its own");
    // Let it get into the next transaction, then kill it without warning.
    std::thread::sleep(Duration::from_millis(7));
    victim.kill().unwrap();
    victim.wait().unwrap();

    // The database file is sound.
    {
        use sqlx::Connection;
        let url = format!("sqlite://{}", dir.path().join("catalog.db").display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(check, "ok");
        conn.close().await.unwrap();
    }
    let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
        .await
        .unwrap();
    // Every asset is whole or absent.
    let mut present = 0;
    for i in 0..ASSETS {
        let expected = report(i);
        if let Some(a) = catalog.asset(&expected.asset).await.unwrap() {
            present += 1;
            assert_eq!(a.fields.len(), FIELDS, "{} is partial", expected.asset);
            let findings: usize = a.fields.iter().map(|f| f.findings.len()).sum();
            assert_eq!(findings, FIELDS / 3 * 2, "{} is partial", expected.asset);
        }
    }
    assert!((60..ASSETS).contains(&present), "{present} assets survived");

    // A rerun completes: what was written is unchanged, the rest is new.
    let run = catalog
        .start_run(RunOptions::default(), at(2))
        .await
        .unwrap();
    let (mut unchanged, mut new) = (0, 0);
    for i in 0..ASSETS {
        match catalog.ingest(run, &report(i), at(2)).await.unwrap().status {
            IngestStatus::Unchanged => unchanged += 1,
            IngestStatus::New => new += 1,
            other => panic!("asset {i}: {other:?}"),
        }
    }
    assert_eq!((unchanged, new), (present, ASSETS - present));
    let finished = catalog
        .finish_run(run, RunStatus::Completed, at(3))
        .await
        .unwrap();
    assert_eq!(finished.counts.assets_new as usize, ASSETS - present);
    // The index, whatever state the kill left it in, agrees with the store.
    let all = catalog.search("type:asset", Page::new(1, 1)).await.unwrap();
    assert_eq!(all.total, ASSETS);
    assert_eq!(
        catalog
            .search("col_7 type:field", Page::new(1, 1))
            .await
            .unwrap()
            .total,
        ASSETS
    );
}
