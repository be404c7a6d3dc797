//! Nothing is lost (DESIGN rule 2): `piicat scan --catalog` killed with SIGKILL in the middle
//! of ingesting leaves a catalog in which every asset is wholly there or not at all, which
//! piicat opens, searches and shows; a second run skips what the first one stored, completes
//! the rest and marks the killed run interrupted. Ctrl-C finishes the run as interrupted.

use crate::support::*;
use rand::SeedableRng;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

const FILES: u64 = 2_000;
/// Assets the victim must have reported (so: ingested, the catalog writes come first) before
/// it is killed.
const KILL_AFTER: u64 = 150;

/// `FILES` small CSV exports (named so they are not grouped into a dataset), each with an
/// email and a name column.
fn write_many(dir: &Path) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2_000);
    for i in 0..FILES {
        let mut csv = String::from("email,full_name\n");
        for _ in 0..3 {
            let email = piicat_testkit::value("EMAIL", &mut rng);
            let name = piicat_testkit::value("PERSON_NAME", &mut rng).replace(',', " ");
            csv.push_str(&format!("{email},{name}\n"));
        }
        std::fs::write(dir.join(format!("export_{i:04}.csv")), csv).unwrap();
    }
}

/// Assets in the store, and assets whose fields are not exactly the two columns.
fn store_counts(db: &Path) -> (u64, u64) {
    with_sqlite(db, async |c| {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        assert_eq!(integrity, "ok");
        let assets: i64 = sqlx::query_scalar("SELECT count(*) FROM assets")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        let torn: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM assets a WHERE \
             (SELECT count(*) FROM fields f WHERE f.asset_id = a.id) <> 2 \
             OR NOT EXISTS (SELECT 1 FROM asset_scans s WHERE s.asset_id = a.id)",
        )
        .fetch_one(&mut *c)
        .await
        .unwrap();
        (assets as u64, torn as u64)
    })
}

fn assets_found_by_search(data: &Path) -> u64 {
    let ran = run([
        "search".as_ref(),
        "type:asset".as_ref(),
        "--per-page".as_ref(),
        "1".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--data-dir".as_ref(),
        data.as_os_str(),
    ])
    .expect_code(&[0]);
    let hits: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    hits["total"].as_u64().unwrap()
}

#[test]
fn a_scan_killed_mid_ingest_leaves_a_consistent_catalog_and_a_rerun_completes_it() {
    let big = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_many(big.path());
    let scan_args = catalog_scan_args(big.path(), data.path());

    let mut victim = piicat()
        .args(scan_args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    let mut reported = 0;
    while reported < KILL_AFTER {
        match lines.next() {
            Some(Ok(_)) => reported += 1,
            other => {
                let status = victim.wait().unwrap();
                panic!("the scan stopped after {reported} assets ({other:?}, {status})");
            }
        }
    }
    // Child::kill is SIGKILL on Unix: no destructor, no rollback, no finish_run.
    let victim_pid = victim.id();
    victim.kill().unwrap();
    let status = victim.wait().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "{status}");
    }
    drop(lines);

    let db = data.path().join("catalog.db");
    let (stored, torn) = store_counts(&db);
    assert_eq!(torn, 0, "assets stored in part");
    assert!(
        (KILL_AFTER..FILES).contains(&stored),
        "{stored} assets stored; the kill was meant to land mid-scan"
    );
    // piicat opens the killed catalog: the index catches up with the store, and an asset
    // shows.
    assert_eq!(assets_found_by_search(data.path()), stored);
    let any: String = with_sqlite(&db, async |c| {
        sqlx::query_scalar("SELECT location FROM assets ORDER BY id LIMIT 1")
            .fetch_one(&mut *c)
            .await
            .unwrap()
    });
    run([
        "catalog".as_ref(),
        "show".as_ref(),
        any.as_ref(),
        "--data-dir".as_ref(),
        data.path().as_os_str(),
    ])
    .expect_code(&[0]);

    // The rerun completes the catalog: what the killed run stored is skipped (unchanged),
    // the rest is new.
    let rerun = run(scan_args).expect_code(&[0, 1]);
    let line = rerun.catalog_line();
    assert_eq!(
        (line.skipped, line.new, line.failed, line.not_written),
        (stored, FILES - stored, 0, 0),
        "{line:?}"
    );
    assert_eq!(store_counts(&db), (FILES, 0));
    assert_eq!(assets_found_by_search(data.path()), FILES);

    // The killed run no longer claims to be running: the rerun, on the same host, found its
    // process gone and marked it interrupted, with the totals of what it stored.
    let runs = runs_listed(data.path());
    assert_eq!(runs.len(), 2, "{runs:#?}");
    let (rerun_run, killed) = (&runs[0], &runs[1]);
    assert_eq!(rerun_run["id"].as_u64(), Some(line.run));
    assert_eq!(rerun_run["status"], "completed");
    assert_eq!(killed["status"], "interrupted", "{killed:#}");
    assert!(killed["finished_at"].is_string(), "{killed:#}");
    assert_eq!(killed["counts"]["assets_new"].as_u64(), Some(stored));
    assert_eq!(killed["owner"]["pid"].as_u64(), Some(u64::from(victim_pid)));
    assert_eq!(killed["owner"]["host"], rerun_run["owner"]["host"]);
}

/// `piicat catalog runs --format json`, newest first.
fn runs_listed(data: &Path) -> Vec<serde_json::Value> {
    let ran = run([
        "catalog".as_ref(),
        "runs".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--data-dir".as_ref(),
        data.as_os_str(),
    ])
    .expect_code(&[0]);
    serde_json::from_str(&ran.stdout).unwrap()
}

#[cfg(unix)]
#[test]
fn ctrl_c_finishes_the_run_as_interrupted() {
    let big = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_many(big.path());
    let mut victim = piicat()
        .args(catalog_scan_args(big.path(), data.path()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    for reported in 0..KILL_AFTER {
        assert!(
            matches!(lines.next(), Some(Ok(_))),
            "the scan stopped after {reported} assets"
        );
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &victim.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    // Keep reading so the scan never blocks on a full pipe while it stops.
    let more = lines.by_ref().count() as u64;
    let out = victim.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("piicat: interrupted"), "{stderr}");
    let ran = Ran {
        code: 130,
        stdout: String::new(),
        stderr,
    };
    let line = ran.catalog_line();
    let runs = runs_listed(data.path());
    assert_eq!(runs.len(), 1, "{runs:#?}");
    assert_eq!(runs[0]["status"], "interrupted", "{:#}", runs[0]);
    assert!(runs[0]["finished_at"].is_string());
    // Every asset reported was stored whole, and nothing after the interruption was.
    let stored = runs[0]["counts"]["assets_new"].as_u64().unwrap();
    assert_eq!(stored, line.new);
    assert!((KILL_AFTER..FILES).contains(&stored), "{stored}");
    assert!(
        stored <= KILL_AFTER + more + 1,
        "{stored} > {KILL_AFTER} + {more}"
    );
    assert_eq!(store_counts(&data.path().join("catalog.db")), (stored, 0));
}
