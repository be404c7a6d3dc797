//! Scan runs' bookkeeping beyond ingest: which fingerprint key a catalog's sketches are under
//! (recorded once, then checked for every run), who runs a scan (host and process id), and
//! the sweep that marks `interrupted` the runs whose process died without finishing them.
//!
//! Only a key's public [`KeyId`] is ever stored or printed here, never the key.

use crate::error::{Error, Result};
use crate::ingest;
use crate::keys::KeyId;
use crate::model::{RunId, RunOwner, RunStatus};
use crate::read;
use crate::store::Conn;
use chrono::{DateTime, Utc};

/// The `catalog_settings` name of the fingerprint key's id.
const FINGERPRINT_KEY_ID: &str = "fingerprint_key_id";

/// The key id the catalog's fingerprints are under, if any run has claimed one.
pub(crate) async fn fingerprint_key_id(c: &mut Conn<'_>) -> Result<Option<KeyId>> {
    let row = c
        .fetch_optional(
            c.q("SELECT value FROM catalog_settings WHERE name = $1")
                .bind(FINGERPRINT_KEY_ID),
        )
        .await?;
    Ok(match row {
        Some(r) => Some(KeyId::from_stored(r.get(0)?)),
        None => None,
    })
}

/// Records `key` as the catalog's fingerprint key when it has none yet; otherwise checks it is
/// the same. Inside the run's write transaction, so of two first writers with different keys
/// one wins and the other is refused (on PostgreSQL the second insert waits for the first to
/// commit, then finds its row).
pub(crate) async fn claim_fingerprint_key(
    c: &mut Conn<'_>,
    key: &KeyId,
    catalog: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if fingerprint_key_id(c).await?.is_none() {
        c.execute(
            c.q(
                "INSERT INTO catalog_settings (name, value, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(FINGERPRINT_KEY_ID)
            .bind(key.as_str())
            .bind(now),
        )
        .await?;
    }
    match fingerprint_key_id(c).await? {
        Some(stored) if &stored == key => Ok(()),
        Some(stored) => Err(Error::FingerprintKeyMismatch {
            catalog: catalog.to_string(),
            catalog_key: stored,
            key: key.clone(),
        }),
        None => Err(Error::Task(
            "the fingerprint key id was recorded but cannot be read back".into(),
        )),
    }
}

/// Marks `interrupted` (finished now, with the totals of what they stored) the runs still
/// `running` on `owner`'s host whose process no longer exists. Runs of this very process are
/// left alone (a service may run several at once), and so is every run when this platform
/// cannot tell whether a process exists. Returns the runs marked.
pub(crate) async fn sweep_dead_runs(
    c: &mut Conn<'_>,
    owner: &RunOwner,
    now: DateTime<Utc>,
) -> Result<Vec<RunId>> {
    let rows = c
        .fetch_all(
            c.q(
                "SELECT id, pid FROM scan_runs WHERE status = $1 AND host = $2 AND pid IS NOT NULL",
            )
            .bind(RunStatus::Running.as_str())
            .bind(owner.host.as_str()),
        )
        .await?;
    let mut swept = Vec::new();
    for r in rows {
        let run = RunId(r.get(0)?);
        let pid: i64 = r.get(1)?;
        let Ok(pid) = u32::try_from(pid) else {
            continue;
        };
        if pid == owner.pid || process_exists(pid) != Some(false) {
            continue;
        }
        finish(c, run, RunStatus::Interrupted, now).await?;
        tracing::info!(
            run = run.0,
            pid,
            "marked a scan run interrupted: its process on this host is gone"
        );
        swept.push(run);
    }
    Ok(swept)
}

/// Stores a run's end: time, status and the totals of what it stored. Returns whether the
/// run exists.
pub(crate) async fn finish(
    c: &mut Conn<'_>,
    run: RunId,
    status: RunStatus,
    now: DateTime<Utc>,
) -> Result<bool> {
    let counts = read::run_counts(c, run).await?;
    let to_i = ingest::to_i64;
    let updated = c
        .execute(
            c.q(
                "UPDATE scan_runs SET finished_at = $1, status = $2, assets_new = $3, \
                 assets_updated = $4, assets_unchanged = $5, assets_skipped = $6, \
                 assets_failed = $7, fields_seen = $8, findings_new = $9, \
                 findings_resolved = $10, drift_events = $11 WHERE id = $12",
            )
            .bind(now)
            .bind(status.as_str())
            .bind(to_i(counts.assets_new))
            .bind(to_i(counts.assets_updated))
            .bind(to_i(counts.assets_unchanged))
            .bind(to_i(counts.assets_skipped))
            .bind(to_i(counts.assets_failed))
            .bind(to_i(counts.fields_seen))
            .bind(to_i(counts.findings_new))
            .bind(to_i(counts.findings_resolved))
            .bind(to_i(counts.drift_events))
            .bind(run.0),
        )
        .await?;
    Ok(updated > 0)
}

/// The newest `limit` runs, newest first.
pub(crate) async fn recent(c: &mut Conn<'_>, limit: i64) -> Result<Vec<RunId>> {
    c.fetch_all(
        c.q("SELECT id FROM scan_runs ORDER BY id DESC LIMIT $1")
            .bind(limit),
    )
    .await?
    .iter()
    .map(|r| Ok(RunId(r.get(0)?)))
    .collect()
}

/// This host's name: what the kernel calls it, else `/etc/hostname`, else `HOSTNAME`.
pub(crate) fn host_name() -> Option<String> {
    let read = |p: &str| std::fs::read_to_string(p).ok();
    read("/proc/sys/kernel/hostname")
        .or_else(|| read("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// Whether process `pid` exists on this host; `None` when this platform cannot tell (then no
/// run is ever swept, rather than a live one by mistake). A reused pid reads as alive: the
/// dead run then waits for a later sweep.
fn process_exists(pid: u32) -> Option<bool> {
    let proc = std::path::Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        Some(proc.join(pid.to_string()).exists())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_exists_and_an_impossible_pid_does_not() {
        if cfg!(target_os = "linux") {
            assert_eq!(process_exists(std::process::id()), Some(true));
            // Above Linux's largest pid_max (2^22).
            assert_eq!(process_exists(999_999_999), Some(false));
        }
    }
}
