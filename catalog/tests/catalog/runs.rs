//! Run bookkeeping scenarios: one fingerprint key per catalog (recorded by the first run that
//! names one, refused when another is named), and runs left `running` by a dead process
//! marked interrupted by the next run on the same host.

use crate::support::*;
use piicat_catalog::{Error, FingerprintKey, RunOptions, RunOwner, RunStatus};

fn keyed(key: &FingerprintKey) -> RunOptions {
    RunOptions {
        fingerprint_key: Some(key.id().clone()),
        ..RunOptions::default()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn a_run_under_another_fingerprint_key_is_refused(t: &TestCatalog) {
    let dir = tempfile::tempdir().unwrap();
    let ours = FingerprintKey::load_or_create(&dir.path().join("ours.key")).unwrap();
    let theirs = FingerprintKey::load_or_create(&dir.path().join("theirs.key")).unwrap();
    assert_ne!(ours.id(), theirs.id());
    assert_eq!(t.fingerprint_key_id().await.unwrap(), None);

    // A run naming no key neither records nor checks one.
    t.start_run(RunOptions::default(), at(0)).await.unwrap();
    assert_eq!(t.fingerprint_key_id().await.unwrap(), None);

    let first = t.start_run(keyed(&ours), at(1)).await.unwrap();
    t.ingest(first, &customers(), at(1)).await.unwrap();
    t.finish_run(first, RunStatus::Completed, at(1))
        .await
        .unwrap();
    let recorded = t.fingerprint_key_id().await.unwrap().expect("recorded");
    assert_eq!(&recorded, ours.id());
    // The recorded id is not the key, nor any part of it a fingerprint could be made with.
    let key_hex = hex(&ours.bytes());
    assert!(!key_hex.contains(recorded.as_str()), "{recorded}");
    assert!(!recorded.as_str().contains(&key_hex[..16]));
    assert_ne!(recorded.as_str().as_bytes(), &ours.bytes()[..16]);

    // Another process with another key (a second machine with its own data directory).
    let other = t.reopen().await;
    let err = other.start_run(keyed(&theirs), at(2)).await.unwrap_err();
    assert!(matches!(err, Error::FingerprintKeyMismatch { .. }), "{err}");
    let msg = err.to_string();
    for needed in [
        ours.id().as_str(),
        theirs.id().as_str(),
        "--fingerprint-key-file",
        "PIICAT_FINGERPRINT_KEY_FILE",
        "fingerprint.key",
    ] {
        assert!(msg.contains(needed), "`{needed}` missing from: {msg}");
    }
    // It names the catalog (the embedded one by its file, PostgreSQL by its schema).
    assert!(
        msg.contains("catalog.db") || msg.contains("schema piicat_test_"),
        "{msg}"
    );
    for secret in [&ours, &theirs] {
        let h = hex(&secret.bytes());
        assert!(!msg.contains(&h[..16]), "key material in: {msg}");
    }
    // Nothing of the refused run was stored, and the catalog keeps its key.
    let runs = other.recent_runs(10).await.unwrap();
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert_eq!(
        other.fingerprint_key_id().await.unwrap().as_ref(),
        Some(ours.id())
    );

    // The same key (a copy of the file) is accepted from the other process.
    let copy = dir.path().join("copy.key");
    std::fs::copy(ours.file(), &copy).unwrap();
    let same = FingerprintKey::load_or_create(&copy).unwrap();
    let again = other.start_run(keyed(&same), at(3)).await.unwrap();
    other
        .finish_run(again, RunStatus::Completed, at(3))
        .await
        .unwrap();
    other.close().await;
}

pub async fn a_run_of_a_dead_process_is_marked_interrupted(t: &TestCatalog) {
    let owner = |host: &str, pid: u32| RunOptions {
        owner: Some(RunOwner {
            host: host.into(),
            pid,
        }),
        ..RunOptions::default()
    };
    // Above Linux's largest pid_max, so no process has it.
    const DEAD: u32 = 999_999_999;
    // pid 1 always exists.
    let alive = t.start_run(owner("scanner-a", 1), at(1)).await.unwrap();
    let dead = t.start_run(owner("scanner-a", DEAD), at(1)).await.unwrap();
    t.ingest(dead, &customers(), at(1)).await.unwrap();
    // Starting a run sweeps only its own host's runs: another host's processes cannot be
    // checked from here, nor can runs that recorded no owner.
    let elsewhere = t.start_run(owner("scanner-b", DEAD), at(1)).await.unwrap();
    let unowned = t.start_run(RunOptions::default(), at(1)).await.unwrap();

    let next = t
        .start_run(owner("scanner-a", std::process::id()), at(5))
        .await
        .unwrap();
    let swept = t.run(dead).await.unwrap();
    if cfg!(target_os = "linux") {
        assert_eq!(swept.status, RunStatus::Interrupted);
        assert_eq!(swept.finished_at, Some(at(5)));
        // Its totals are what it stored before it died.
        assert_eq!(swept.counts.assets_new, 1);
        assert_eq!(swept.counts.findings_new, 4);
    }
    assert_eq!(
        swept.owner,
        Some(RunOwner {
            host: "scanner-a".into(),
            pid: DEAD
        })
    );
    for still in [alive, elsewhere, unowned, next] {
        let r = t.run(still).await.unwrap();
        assert_eq!(r.status, RunStatus::Running, "{r:?}");
        assert_eq!(r.finished_at, None);
    }
    let listed: Vec<_> = t
        .recent_runs(3)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, vec![next, unowned, elsewhere]);
}
