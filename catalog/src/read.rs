//! Reading the catalog back: an asset with its fields, findings and history (`catalog show`),
//! scan runs with their per-asset errors, and lookups by name. Read-only; never writes.

use crate::classes::ClassBook;
use crate::error::{Error, Result};
use crate::ingest::to_u64;
use crate::model::{
    AssetDetail, AssetFailure, AssetId, AssetMetadata, CatalogEvent, EventKind, FieldDetail,
    FieldId, FindingDetail, FindingId, FindingStatus, RunCounts, RunId, RunOwner, RunStatus,
    ScanRun,
};
use crate::store::Conn;
use chrono::{DateTime, Utc};
use piicat_classifiers::{AssetError, AssetErrorKind, AssetKind, Likelihood, Sensitivity};

/// History entries returned with an asset.
pub const HISTORY_LIMIT: i64 = 200;

pub(crate) fn parse_kind(s: &str) -> Result<AssetKind> {
    [
        AssetKind::Table,
        AssetKind::File,
        AssetKind::Dataset,
        AssetKind::Object,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .ok_or_else(|| Error::Corrupt {
        table: "assets",
        reason: format!("unknown asset kind `{s}`"),
    })
}

pub(crate) fn parse_likelihood(s: &str) -> Likelihood {
    [
        Likelihood::VeryUnlikely,
        Likelihood::Unlikely,
        Likelihood::Possible,
        Likelihood::Likely,
        Likelihood::VeryLikely,
    ]
    .into_iter()
    .find(|l| l.as_str() == s)
    .unwrap_or(Likelihood::Possible)
}

pub(crate) fn parse_error_kind(s: &str) -> AssetErrorKind {
    [
        AssetErrorKind::NotFound,
        AssetErrorKind::PermissionDenied,
        AssetErrorKind::AuthenticationFailed,
        AssetErrorKind::ConnectionRefused,
        AssetErrorKind::Timeout,
        AssetErrorKind::NotText,
        AssetErrorKind::Corrupt,
        AssetErrorKind::Unsupported,
        AssetErrorKind::TooLarge,
        AssetErrorKind::Io,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .unwrap_or(AssetErrorKind::Io)
}

fn json_list(s: &str, table: &'static str, column: &str) -> Result<Vec<String>> {
    serde_json::from_str(s).map_err(|e| Error::Corrupt {
        table,
        reason: format!("{column}: {e}"),
    })
}

/// The asset at exactly `location`.
pub(crate) async fn asset_id(c: &mut Conn<'_>, location: &str) -> Result<Option<AssetId>> {
    c.fetch_optional(
        c.q("SELECT id FROM assets WHERE location = $1")
            .bind(location),
    )
    .await?
    .map(|r| r.get(0).map(AssetId))
    .transpose()
}

/// Assets whose location is `pattern`, whose name is it, whose location ends with it or
/// contains it — in that order.
pub(crate) async fn find_assets(
    c: &mut Conn<'_>,
    pattern: &str,
    limit: i64,
) -> Result<Vec<(AssetId, String)>> {
    let escaped = pattern
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let rows = c
        .fetch_all(
            c.q(
                "SELECT id, location FROM assets WHERE location LIKE $3 ESCAPE '\\' \
                 ORDER BY CASE WHEN location = $1 THEN 0 WHEN name = $1 THEN 1 \
                 WHEN location LIKE $2 ESCAPE '\\' THEN 2 ELSE 3 END, location LIMIT $4",
            )
            .bind(pattern)
            .bind(format!("%{escaped}"))
            .bind(format!("%{escaped}%"))
            .bind(limit),
        )
        .await?;
    // The best class of match only: an exact or suffix match hides mere containment.
    let rank = |location: &str| {
        if location == pattern {
            0
        } else if location.ends_with(pattern) {
            1
        } else {
            2
        }
    };
    let found: Vec<(AssetId, String)> = rows
        .iter()
        .map(|r| Ok((AssetId(r.get(0)?), r.get(1)?)))
        .collect::<Result<_>>()?;
    let best = found.iter().map(|(_, l)| rank(l)).min().unwrap_or(2);
    Ok(found.into_iter().filter(|(_, l)| rank(l) == best).collect())
}

/// Everything about one asset.
pub(crate) async fn asset_detail(
    c: &mut Conn<'_>,
    classes: &ClassBook,
    id: AssetId,
) -> Result<AssetDetail> {
    let r = c
        .fetch_optional(
            c.q("SELECT a.location, a.kind, s.name, a.dataset, a.name, a.format, a.size_bytes, \
                 a.row_estimate, a.schema_fingerprint, a.etag, a.modified, a.rows_sampled, a.bytes_read, \
                 a.notes, a.first_seen, a.last_seen, a.last_scanned_at, a.last_changed_at, a.error_kind, \
                 a.error_message, a.owner, a.purpose, a.description, a.tags, a.metadata_updated_by, \
                 a.metadata_updated_at FROM assets a LEFT JOIN sources s ON s.id = a.source_id \
                 WHERE a.id = $1")
                .bind(id.0),
        )
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "asset",
            id: id.to_string(),
        })?;
    let error_kind: Option<String> = r.get(18)?;
    let error_message: Option<String> = r.get(19)?;
    let mut detail = AssetDetail {
        id,
        location: r.get(0)?,
        kind: parse_kind(&r.get::<String>(1)?)?,
        source: r.get(2)?,
        dataset: r.get(3)?,
        name: r.get(4)?,
        format: r.get(5)?,
        size_bytes: r.get::<Option<i64>>(6)?.map(to_u64),
        row_estimate: r.get::<Option<i64>>(7)?.map(to_u64),
        schema_fingerprint: r.get(8)?,
        etag: r.get(9)?,
        modified: r.get(10)?,
        rows_sampled: to_u64(r.get(11)?),
        bytes_read: to_u64(r.get(12)?),
        notes: json_list(&r.get::<String>(13)?, "assets", "notes")?,
        first_seen: r.get(14)?,
        last_seen: r.get(15)?,
        last_scanned_at: r.get(16)?,
        last_changed_at: r.get(17)?,
        last_error: error_kind.map(|k| AssetError {
            kind: parse_error_kind(&k),
            message: error_message.unwrap_or_default(),
        }),
        metadata: AssetMetadata {
            owner: r.get(20)?,
            purpose: r.get(21)?,
            description: r.get(22)?,
            tags: json_list(&r.get::<String>(23)?, "assets", "tags")?,
        },
        metadata_updated_by: r.get(24)?,
        metadata_updated_at: r.get(25)?,
        sensitivity: None,
        fields: Vec::new(),
        history: Vec::new(),
    };

    let mut fields: Vec<FieldDetail> = Vec::new();
    for r in c
        .fetch_all(
            c.q(
                "SELECT id, path, data_type, sampled, first_seen, gone_at FROM fields \
                 WHERE asset_id = $1 ORDER BY CASE WHEN gone_at IS NULL THEN 0 ELSE 1 END, path",
            )
            .bind(id.0),
        )
        .await?
    {
        fields.push(FieldDetail {
            id: FieldId(r.get(0)?),
            path: r.get(1)?,
            data_type: r.get(2)?,
            sampled: to_u64(r.get(3)?),
            first_seen: r.get(4)?,
            gone_at: r.get(5)?,
            findings: Vec::new(),
        });
    }
    let index: std::collections::HashMap<FieldId, usize> =
        fields.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut sensitivity: Option<Sensitivity> = None;
    for r in c
        .fetch_all(
            c.q("SELECT f.id, f.field_id, f.class_id, f.confidence, f.likelihood, f.matched, f.sampled, \
                 f.validated_rate, f.reasons, f.masked_examples, f.sketch, f.status, f.status_by, \
                 f.status_at, f.first_seen, f.updated_at, f.resolved_at \
                 FROM findings f JOIN fields d ON d.id = f.field_id WHERE d.asset_id = $1 \
                 ORDER BY CASE WHEN f.resolved_at IS NULL THEN 0 ELSE 1 END, f.confidence DESC, f.class_id")
                .bind(id.0),
        )
        .await?
    {
        let class: String = r.get(2)?;
        let info = classes.get(&class);
        let status = FindingStatus::parse(&r.get::<String>(11)?).ok_or_else(|| Error::Corrupt {
            table: "findings",
            reason: "unknown status".into(),
        })?;
        let resolved_at: Option<DateTime<Utc>> = r.get(16)?;
        let class_sensitivity = info.and_then(|i| i.sensitivity);
        if resolved_at.is_none() && status != FindingStatus::Rejected {
            sensitivity = sensitivity.max(class_sensitivity);
        }
        let sketch: Option<Vec<u8>> = r.get(10)?;
        let finding = FindingDetail {
            id: FindingId(r.get(0)?),
            class_name: info.map(|i| i.name.clone()),
            category: info.and_then(|i| i.category),
            sensitivity: class_sensitivity,
            class,
            confidence: r.get(3)?,
            likelihood: parse_likelihood(&r.get::<String>(4)?),
            matched: to_u64(r.get(5)?),
            sampled: to_u64(r.get(6)?),
            validated_rate: r.get(7)?,
            reasons: json_list(&r.get::<String>(8)?, "findings", "reasons")?,
            masked_examples: json_list(&r.get::<String>(9)?, "findings", "masked_examples")?,
            sketch_size: sketch.map_or(0, |s| s.len() / 8),
            status,
            status_by: r.get(12)?,
            status_at: r.get(13)?,
            first_seen: r.get(14)?,
            updated_at: r.get(15)?,
            resolved_at,
        };
        let field = FieldId(r.get(1)?);
        if let Some(i) = index.get(&field) {
            fields[*i].findings.push(finding);
        }
    }
    detail.sensitivity = sensitivity;
    detail.fields = fields;
    detail.history = history(c, id, HISTORY_LIMIT).await?;
    Ok(detail)
}

/// An asset's history, newest first.
pub(crate) async fn history(
    c: &mut Conn<'_>,
    id: AssetId,
    limit: i64,
) -> Result<Vec<CatalogEvent>> {
    let rows = c
        .fetch_all(
            c.q(
                "SELECT e.at, e.kind, e.run_id, d.path, e.class_id, e.actor, e.detail \
                 FROM catalog_events e LEFT JOIN fields d ON d.id = e.field_id \
                 WHERE e.asset_id = $1 ORDER BY e.id DESC LIMIT $2",
            )
            .bind(id.0)
            .bind(limit),
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: String = r.get(1)?;
        let detail: Option<String> = r.get(6)?;
        out.push(CatalogEvent {
            at: r.get(0)?,
            kind: EventKind::parse(&kind).ok_or_else(|| Error::Corrupt {
                table: "catalog_events",
                reason: format!("unknown event kind `{kind}`"),
            })?,
            run: r.get::<Option<i64>>(2)?.map(RunId),
            field: r.get(3)?,
            class: r.get(4)?,
            actor: r.get(5)?,
            detail: detail
                .and_then(|d| serde_json::from_str(&d).ok())
                .unwrap_or(serde_json::Value::Null),
        });
    }
    Ok(out)
}

/// Per-run totals, from the per-asset records.
pub(crate) async fn run_counts(c: &mut Conn<'_>, run: RunId) -> Result<RunCounts> {
    let rows = c
        .fetch_all(
            c.q("SELECT outcome, COUNT(*), CAST(SUM(fields) AS BIGINT), CAST(SUM(findings_new) AS BIGINT), \
                 CAST(SUM(findings_resolved) AS BIGINT), CAST(SUM(drift_events) AS BIGINT) \
                 FROM asset_scans WHERE run_id = $1 GROUP BY outcome")
                .bind(run.0),
        )
        .await?;
    let mut counts = RunCounts::default();
    for r in rows {
        let outcome: String = r.get(0)?;
        let n = to_u64(r.get(1)?);
        counts.fields_seen += to_u64(r.get::<Option<i64>>(2)?.unwrap_or(0));
        counts.findings_new += to_u64(r.get::<Option<i64>>(3)?.unwrap_or(0));
        counts.findings_resolved += to_u64(r.get::<Option<i64>>(4)?.unwrap_or(0));
        counts.drift_events += to_u64(r.get::<Option<i64>>(5)?.unwrap_or(0));
        match outcome.as_str() {
            "new" => counts.assets_new += n,
            "updated" => counts.assets_updated += n,
            "unchanged" => counts.assets_unchanged += n,
            "skipped" => counts.assets_skipped += n,
            "failed" => counts.assets_failed += n,
            _ => {}
        }
    }
    Ok(counts)
}

/// One scan run with its per-asset errors.
pub(crate) async fn scan_run(c: &mut Conn<'_>, run: RunId) -> Result<ScanRun> {
    let r = c
        .fetch_optional(
            c.q("SELECT started_at, finished_at, status, forced, label, assets_new, assets_updated, \
                 assets_unchanged, assets_skipped, assets_failed, fields_seen, findings_new, \
                 findings_resolved, drift_events, host, pid FROM scan_runs WHERE id = $1")
                .bind(run.0),
        )
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "scan run",
            id: run.to_string(),
        })?;
    let status_text: String = r.get(2)?;
    let status = RunStatus::parse(&status_text).ok_or_else(|| Error::Corrupt {
        table: "scan_runs",
        reason: format!("unknown status `{status_text}`"),
    })?;
    let counts = if status == RunStatus::Running {
        run_counts(c, run).await?
    } else {
        RunCounts {
            assets_new: to_u64(r.get(5)?),
            assets_updated: to_u64(r.get(6)?),
            assets_unchanged: to_u64(r.get(7)?),
            assets_skipped: to_u64(r.get(8)?),
            assets_failed: to_u64(r.get(9)?),
            fields_seen: to_u64(r.get(10)?),
            findings_new: to_u64(r.get(11)?),
            findings_resolved: to_u64(r.get(12)?),
            drift_events: to_u64(r.get(13)?),
        }
    };
    let errors = c
        .fetch_all(
            c.q(
                "SELECT a.location, s.error_kind, s.error_message FROM asset_scans s \
                 JOIN assets a ON a.id = s.asset_id WHERE s.run_id = $1 AND s.outcome = 'failed' \
                 ORDER BY a.location",
            )
            .bind(run.0),
        )
        .await?
        .iter()
        .map(|r| {
            Ok(AssetFailure {
                location: r.get(0)?,
                error: AssetError {
                    kind: parse_error_kind(&r.get::<Option<String>>(1)?.unwrap_or_default()),
                    message: r.get::<Option<String>>(2)?.unwrap_or_default(),
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ScanRun {
        id: run,
        started_at: r.get(0)?,
        finished_at: r.get(1)?,
        status,
        forced: r.get(3)?,
        label: r.get(4)?,
        owner: match (r.get::<Option<String>>(14)?, r.get::<Option<i64>>(15)?) {
            (Some(host), Some(pid)) => Some(RunOwner {
                host,
                pid: u32::try_from(pid).map_err(|_| Error::Corrupt {
                    table: "scan_runs",
                    reason: format!("process id {pid} out of range"),
                })?,
            }),
            _ => None,
        },
        counts,
        errors,
    })
}
