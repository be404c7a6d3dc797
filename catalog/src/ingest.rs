//! Writing one asset report into the store: one transaction per asset, idempotent.
//!
//! The report is compared with what the catalog holds, in memory, and only the difference is
//! written (multi-row statements, so a fresh asset of hundreds of fields costs a handful of
//! round trips). Findings are never deleted: one that disappears is resolved with the time,
//! one that comes back is reopened, and a person's status decision is never touched by a
//! scan. A new class on a field the catalog already knew is a drift event.
//!
//! Must never store anything a report does not carry (it carries masked examples and keyed
//! fingerprints only), and never log a value.

use crate::error::{Error, Result};
use crate::model::{
    AssetId, DriftEvent, EventKind, FieldId, FindingId, FindingStatus, IngestOutcome, IngestStatus,
    RunId,
};
use crate::store::{BATCH_ROWS, Conn, Store, param_list, values_list};
use chrono::{DateTime, Utc};
use piicat_classifiers::{AssetKind, AssetMeta, AssetReport, ClassScore};
use std::collections::{HashMap, HashSet};

/// Masked examples kept per finding.
pub const MAX_MASKED_EXAMPLES: usize = 3;

/// Ingests one asset report in one transaction.
#[tracing::instrument(skip_all)]
pub(crate) async fn ingest(
    store: &Store,
    run: RunId,
    report: &AssetReport,
    now: DateTime<Utc>,
) -> Result<IngestOutcome> {
    check_report(report)?;
    // A source already committed needs no upsert (its row is never changed or deleted).
    let cached_source = report
        .source
        .as_deref()
        .and_then(|name| store.cached_source(name));
    let (outcome, source_id) = store
        .write(async |c| {
            let source_id = match (&report.source, cached_source) {
                (Some(_), Some(id)) => Some(id),
                (Some(name), None) => Some(upsert_source(c, name, now).await?),
                (None, _) => None,
            };
            let existing = load_asset_facts(c, &report.asset).await?;
            let outcome = match &report.error {
                Some(_) => ingest_failure(c, run, report, existing, source_id, now).await,
                None => ingest_success(c, run, report, existing, source_id, now).await,
            }?;
            Ok((outcome, source_id))
        })
        .await?;
    // Only now is the source known to be committed.
    if let (Some(name), Some(id), None) = (&report.source, source_id, cached_source) {
        store.cache_source(name, id);
    }
    tracing::debug!(
        asset = outcome.asset.0,
        status = outcome.status.as_str(),
        new = outcome.new_findings,
        resolved = outcome.resolved_findings,
        drift = outcome.drift.len(),
        "ingested asset"
    );
    Ok(outcome)
}

/// Records that a known asset was not rescanned because it had not changed.
#[tracing::instrument(skip_all)]
pub(crate) async fn mark_skipped(
    store: &Store,
    run: RunId,
    location: &str,
    now: DateTime<Utc>,
) -> Result<IngestOutcome> {
    let asset = store
        .write(async |c| {
        let row = c
            .fetch_optional(
                c.q("UPDATE assets SET last_seen = $1, last_run_id = $2 WHERE location = $3 RETURNING id")
                    .bind(now)
                    .bind(run.0)
                    .bind(location),
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "asset",
                id: location.to_string(),
            })?;
        let asset = AssetId(row.get(0)?);
        record_asset_scan(c, run, asset, now, IngestStatus::Skipped, 0, (0, 0, 0), None)
            .await?;
        Ok(asset)
        })
        .await?;
    Ok(IngestOutcome {
        asset,
        status: IngestStatus::Skipped,
        new_findings: 0,
        resolved_findings: 0,
        reappeared_findings: 0,
        drift: Vec::new(),
    })
}

/// Whether the asset at `location`, described by `meta`, is unchanged since it was last
/// scanned successfully: same etag, else same size and mtime (files, objects); same schema
/// fingerprint and row estimate (tables).
#[tracing::instrument(skip_all)]
pub(crate) async fn is_unchanged(
    c: &mut Conn<'_>,
    location: &str,
    meta: &AssetMeta,
) -> Result<bool> {
    let Some(stored) = load_asset_facts(c, location).await? else {
        return Ok(false);
    };
    if stored.error_kind.is_some() || stored.last_scanned_at.is_none() {
        return Ok(false);
    }
    Ok(unchanged(&stored.meta, meta))
}

fn unchanged(stored: &AssetMeta, now: &AssetMeta) -> bool {
    if let (Some(a), Some(b)) = (&stored.schema_fingerprint, &now.schema_fingerprint) {
        return a == b && stored.row_estimate == now.row_estimate;
    }
    if let (Some(a), Some(b)) = (&stored.etag, &now.etag) {
        return a == b && stored.size_bytes == now.size_bytes;
    }
    match (
        (&stored.size_bytes, &stored.modified),
        (&now.size_bytes, &now.modified),
    ) {
        ((Some(s1), Some(m1)), (Some(s2), Some(m2))) => s1 == s2 && m1 == m2,
        _ => false,
    }
}

/// A report the catalog cannot store faithfully is refused as a whole, naming what is wrong.
fn check_report(report: &AssetReport) -> Result<()> {
    if report.asset.trim().is_empty() {
        return Err(Error::Invalid(
            "an asset report has an empty location".into(),
        ));
    }
    let mut paths = HashSet::with_capacity(report.fields.len());
    for f in &report.fields {
        if !paths.insert(f.path.as_str()) {
            return Err(Error::Invalid(format!(
                "report for {} lists field `{}` twice",
                report.asset, f.path
            )));
        }
        let mut classes = HashSet::with_capacity(f.classes.len());
        for c in &f.classes {
            if !classes.insert(c.class.as_str()) {
                return Err(Error::Invalid(format!(
                    "report for {} lists class {} twice on field `{}`",
                    report.asset, c.class, f.path
                )));
            }
        }
    }
    Ok(())
}

/// The facts stored about an asset, to compare with a new report.
struct StoredAsset {
    id: AssetId,
    kind: String,
    source_id: Option<i64>,
    meta: AssetMeta,
    error_kind: Option<String>,
    last_scanned_at: Option<DateTime<Utc>>,
}

async fn load_asset_facts(c: &mut Conn<'_>, location: &str) -> Result<Option<StoredAsset>> {
    let row = c
        .fetch_optional(
            c.q(
                "SELECT id, kind, source_id, size_bytes, row_estimate, schema_fingerprint, etag, \
                 modified, format, rows_sampled, bytes_read, files_total, files_sampled, notes, \
                 error_kind, last_scanned_at FROM assets WHERE location = $1",
            )
            .bind(location),
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    let files_total: Option<i64> = r.get(11)?;
    let files_sampled: Option<i64> = r.get(12)?;
    let notes: String = r.get(13)?;
    Ok(Some(StoredAsset {
        id: AssetId(r.get(0)?),
        kind: r.get(1)?,
        source_id: r.get(2)?,
        meta: AssetMeta {
            size_bytes: r.get::<Option<i64>>(3)?.map(to_u64),
            row_estimate: r.get::<Option<i64>>(4)?.map(to_u64),
            schema_fingerprint: r.get(5)?,
            etag: r.get(6)?,
            modified: r.get(7)?,
            format: r.get(8)?,
            rows_sampled: to_u64(r.get(9)?),
            bytes_read: to_u64(r.get(10)?),
            files: match (files_total, files_sampled) {
                (Some(t), Some(s)) => Some(piicat_classifiers::DatasetFiles {
                    total: to_u64(t),
                    sampled: to_u64(s),
                }),
                _ => None,
            },
            notes: serde_json::from_str(&notes).map_err(|e| Error::Corrupt {
                table: "assets",
                reason: format!("notes: {e}"),
            })?,
        },
        error_kind: r.get(14)?,
        last_scanned_at: r.get(15)?,
    }))
}

pub(crate) fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub(crate) fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

async fn upsert_source(c: &mut Conn<'_>, name: &str, now: DateTime<Utc>) -> Result<i64> {
    // The no-op update makes RETURNING give the id of an existing row too.
    let row = c
        .fetch_one(
            c.q("INSERT INTO sources (name, first_seen) VALUES ($1, $2) \
                 ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id")
                .bind(name)
                .bind(now),
        )
        .await?;
    row.get(0)
}

/// Takes the next catalog revision (serializes writers, so revisions follow commit order).
pub(crate) async fn next_revision(c: &mut Conn<'_>) -> Result<i64> {
    c.fetch_one(
        c.q("UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision"),
    )
    .await?
    .get(0)
}

/// The group an asset belongs to and its short name, from its location: a table's schema
/// (`postgres://h/db/public`), a file's directory, a dataset itself.
pub(crate) fn dataset_and_name(location: &str, kind: AssetKind) -> (String, String) {
    let trimmed = location.trim_end_matches('/');
    let (parent, last) = match trimmed.rfind('/') {
        Some(i) if i + 1 < trimmed.len() => (&trimmed[..i], &trimmed[i + 1..]),
        _ => (trimmed, trimmed),
    };
    match kind {
        AssetKind::Dataset => (trimmed.to_string(), last.to_string()),
        AssetKind::Table => match last.rsplit_once('.') {
            Some((schema, _)) if !schema.is_empty() => {
                (format!("{parent}/{schema}"), last.to_string())
            }
            _ => (parent.to_string(), last.to_string()),
        },
        AssetKind::File | AssetKind::Object => (parent.to_string(), last.to_string()),
    }
}

#[allow(clippy::too_many_arguments)]
async fn record_asset_scan(
    c: &mut Conn<'_>,
    run: RunId,
    asset: AssetId,
    now: DateTime<Utc>,
    status: IngestStatus,
    fields: usize,
    (new, resolved, drift): (usize, usize, usize),
    error: Option<&piicat_classifiers::AssetError>,
) -> Result<()> {
    // Ingesting the same report twice in one run must not turn `new` into `unchanged`.
    let q = c
        .q("INSERT INTO asset_scans (run_id, asset_id, at, outcome, fields, findings_new, \
            findings_resolved, drift_events, error_kind, error_message) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
            ON CONFLICT (run_id, asset_id) DO UPDATE SET at = excluded.at, fields = excluded.fields, \
            outcome = CASE WHEN excluded.outcome = 'unchanged' AND asset_scans.outcome IN ('new', 'updated') \
                THEN asset_scans.outcome ELSE excluded.outcome END, \
            findings_new = asset_scans.findings_new + excluded.findings_new, \
            findings_resolved = asset_scans.findings_resolved + excluded.findings_resolved, \
            drift_events = asset_scans.drift_events + excluded.drift_events, \
            error_kind = excluded.error_kind, error_message = excluded.error_message")
        .bind(run.0)
        .bind(asset.0)
        .bind(now)
        .bind(status.as_str())
        .bind(fields as i64)
        .bind(new as i64)
        .bind(resolved as i64)
        .bind(drift as i64)
        .bind(error.map(|e| e.kind.as_str()))
        .bind(error.map(|e| e.message.as_str()));
    c.execute(q).await?;
    Ok(())
}

/// One history row to write.
pub(crate) struct NewEvent {
    pub kind: EventKind,
    pub field: Option<FieldId>,
    pub finding: Option<FindingId>,
    pub class: Option<String>,
    pub detail: Option<serde_json::Value>,
}

async fn insert_events(
    c: &mut Conn<'_>,
    run: Option<RunId>,
    asset: AssetId,
    actor: Option<&str>,
    now: DateTime<Utc>,
    events: &[NewEvent],
) -> Result<()> {
    for chunk in events.chunks(BATCH_ROWS) {
        let sql = format!(
            "INSERT INTO catalog_events (at, kind, run_id, asset_id, field_id, finding_id, class_id, actor, detail) VALUES {}",
            values_list(chunk.len(), 9)
        );
        let mut q = c.q(sql);
        for e in chunk {
            q = q
                .bind(now)
                .bind(e.kind.as_str())
                .bind(run.map(|r| r.0))
                .bind(asset.0)
                .bind(e.field.map(|f| f.0))
                .bind(e.finding.map(|f| f.0))
                .bind(e.class.as_deref())
                .bind(actor)
                .bind(e.detail.as_ref().map(|d| d.to_string()));
        }
        c.execute(q).await?;
    }
    Ok(())
}

/// Records one event outside a scan (a person's decision or edit).
pub(crate) async fn insert_event(
    c: &mut Conn<'_>,
    asset: AssetId,
    actor: &str,
    now: DateTime<Utc>,
    event: NewEvent,
) -> Result<()> {
    insert_events(
        c,
        None,
        asset,
        Some(actor),
        now,
        std::slice::from_ref(&event),
    )
    .await
}

async fn ingest_failure(
    c: &mut Conn<'_>,
    run: RunId,
    report: &AssetReport,
    existing: Option<StoredAsset>,
    source_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<IngestOutcome> {
    let Some(error) = &report.error else {
        return Err(Error::Invalid("internal: failure without an error".into()));
    };
    let asset =
        match existing {
            Some(a) => {
                c.execute(
                c.q("UPDATE assets SET error_kind = $1, error_message = $2, last_scanned_at = $3, \
                     last_run_id = $4 WHERE id = $5")
                    .bind(error.kind.as_str())
                    .bind(error.message.as_str())
                    .bind(now)
                    .bind(run.0)
                    .bind(a.id.0),
            )
            .await?;
                a.id
            }
            None => {
                // A new asset that failed is still worth listing: people search for it.
                let revision = next_revision(c).await?;
                let id = insert_asset(c, run, report, source_id, revision, now).await?;
                c.execute(
                    c.q("UPDATE assets SET error_kind = $1, error_message = $2 WHERE id = $3")
                        .bind(error.kind.as_str())
                        .bind(error.message.as_str())
                        .bind(id.0),
                )
                .await?;
                id
            }
        };
    record_asset_scan(
        c,
        run,
        asset,
        now,
        IngestStatus::Failed,
        0,
        (0, 0, 0),
        Some(error),
    )
    .await?;
    let event = NewEvent {
        kind: EventKind::ScanFailed,
        field: None,
        finding: None,
        class: None,
        detail: Some(serde_json::json!({ "error": error.kind.as_str(), "message": error.message })),
    };
    insert_events(c, Some(run), asset, None, now, std::slice::from_ref(&event)).await?;
    Ok(IngestOutcome {
        asset,
        status: IngestStatus::Failed,
        new_findings: 0,
        resolved_findings: 0,
        reappeared_findings: 0,
        drift: Vec::new(),
    })
}

async fn insert_asset(
    c: &mut Conn<'_>,
    run: RunId,
    report: &AssetReport,
    source_id: Option<i64>,
    revision: i64,
    now: DateTime<Utc>,
) -> Result<AssetId> {
    let (dataset, name) = dataset_and_name(&report.asset, report.kind);
    let m = &report.meta;
    let scanned = report.error.is_none().then_some(now);
    let row = c
        .fetch_one(
            c.q(
                "INSERT INTO assets (location, kind, source_id, dataset, name, format, size_bytes, \
                 row_estimate, schema_fingerprint, etag, modified, rows_sampled, bytes_read, \
                 files_total, files_sampled, notes, first_seen, last_seen, last_scanned_at, \
                 last_changed_at, last_run_id, revision) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                 $17, $18, $19, $20, $21, $22) RETURNING id",
            )
            .bind(report.asset.as_str())
            .bind(report.kind.as_str())
            .bind(source_id)
            .bind(dataset)
            .bind(name)
            .bind(m.format.as_deref())
            .bind(m.size_bytes.map(to_i64))
            .bind(m.row_estimate.map(to_i64))
            .bind(m.schema_fingerprint.as_deref())
            .bind(m.etag.as_deref())
            .bind(m.modified.as_deref())
            .bind(to_i64(m.rows_sampled))
            .bind(to_i64(m.bytes_read))
            .bind(m.files.map(|f| to_i64(f.total)))
            .bind(m.files.map(|f| to_i64(f.sampled)))
            .bind(notes_json(&m.notes))
            .bind(now)
            .bind(now)
            .bind(scanned)
            .bind(now)
            .bind(run.0)
            .bind(revision),
        )
        .await?;
    Ok(AssetId(row.get(0)?))
}

fn notes_json(notes: &[String]) -> String {
    serde_json::to_string(notes).unwrap_or_else(|_| "[]".into())
}

/// A stored field, as the diff needs it.
struct StoredField {
    id: FieldId,
    data_type: Option<String>,
    sampled: i64,
    gone: bool,
}

/// A stored finding, as the diff needs it.
struct StoredFinding {
    id: FindingId,
    field: FieldId,
    class: String,
    confidence: f64,
    likelihood: String,
    matched: i64,
    sampled: i64,
    validated_rate: Option<f64>,
    reasons: String,
    masked: String,
    sketch: Option<Vec<u8>>,
    resolved: bool,
}

/// The evidence of a class score in stored form.
struct Evidence<'r> {
    score: &'r ClassScore,
    reasons: String,
    masked: String,
    sketch: Option<Vec<u8>>,
}

impl<'r> Evidence<'r> {
    fn of(score: &'r ClassScore) -> Evidence<'r> {
        let masked: Vec<&String> = score
            .masked_examples
            .iter()
            .take(MAX_MASKED_EXAMPLES)
            .collect();
        let fingerprints = parse_fingerprints(&score.fingerprints);
        Evidence {
            score,
            reasons: serde_json::to_string(&score.reasons).unwrap_or_else(|_| "[]".into()),
            masked: serde_json::to_string(&masked).unwrap_or_else(|_| "[]".into()),
            sketch: (!fingerprints.is_empty()).then(|| sketch_bytes(&fingerprints)),
        }
    }

    fn same_as(&self, f: &StoredFinding) -> bool {
        f.confidence == f64::from(self.score.confidence)
            && f.likelihood == self.score.likelihood.as_str()
            && f.matched == to_i64(self.score.matched)
            && f.sampled == to_i64(self.score.sampled)
            && f.validated_rate == self.score.validated_rate.map(f64::from)
            && f.reasons == self.reasons
            && f.masked == self.masked
            && f.sketch == self.sketch
    }
}

/// Hex fingerprints -> sorted, distinct u64s (the first 16 hex digits of each; a longer
/// fingerprint keeps its order). Anything not hex is ignored: it cannot be compared anyway.
pub(crate) fn parse_fingerprints(hex: &[String]) -> Vec<u64> {
    let mut out: Vec<u64> = hex
        .iter()
        .filter_map(|h| {
            let h = h.get(..h.len().min(16))?;
            if h.is_empty() {
                return None;
            }
            let v = u64::from_str_radix(h, 16).ok()?;
            // Shorter fingerprints are left-aligned so every value compares on the same scale.
            Some(v << (4 * (16 - h.len())))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

pub(crate) fn sketch_bytes(fps: &[u64]) -> Vec<u8> {
    fps.iter().flat_map(|f| f.to_be_bytes()).collect()
}

pub(crate) fn sketch_values(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_be_bytes(b)
        })
        .collect()
}

#[allow(clippy::too_many_lines)]
async fn ingest_success(
    c: &mut Conn<'_>,
    run: RunId,
    report: &AssetReport,
    existing: Option<StoredAsset>,
    source_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<IngestOutcome> {
    let is_new_asset = existing.is_none();
    let mut events: Vec<NewEvent> = Vec::new();

    // The stored fields and findings of a known asset.
    let mut fields: HashMap<String, StoredField> = HashMap::new();
    let mut findings: HashMap<(FieldId, String), StoredFinding> = HashMap::new();
    if let Some(a) = &existing {
        for r in c
            .fetch_all(
                c.q("SELECT id, path, data_type, sampled, gone_at FROM fields WHERE asset_id = $1")
                    .bind(a.id.0),
            )
            .await?
        {
            fields.insert(
                r.get(1)?,
                StoredField {
                    id: FieldId(r.get(0)?),
                    data_type: r.get(2)?,
                    sampled: r.get(3)?,
                    gone: r.get::<Option<DateTime<Utc>>>(4)?.is_some(),
                },
            );
        }
        if !fields.is_empty() {
            for r in c
                .fetch_all(
                    c.q("SELECT f.id, f.field_id, f.class_id, f.confidence, f.likelihood, f.matched, \
                         f.sampled, f.validated_rate, f.reasons, f.masked_examples, f.sketch, \
                         f.resolved_at FROM findings f JOIN fields d ON d.id = f.field_id \
                         WHERE d.asset_id = $1")
                        .bind(a.id.0),
                )
                .await?
            {
                let field = FieldId(r.get(1)?);
                let class: String = r.get(2)?;
                findings.insert(
                    (field, class.clone()),
                    StoredFinding {
                        id: FindingId(r.get(0)?),
                        field,
                        class,
                        confidence: r.get(3)?,
                        likelihood: r.get(4)?,
                        matched: r.get(5)?,
                        sampled: r.get(6)?,
                        validated_rate: r.get(7)?,
                        reasons: r.get(8)?,
                        masked: r.get(9)?,
                        sketch: r.get(10)?,
                        resolved: r.get::<Option<DateTime<Utc>>>(11)?.is_some(),
                    },
                );
            }
        }
    }

    // Fields: which are new, which changed, which are gone.
    let mut new_fields = Vec::new();
    let mut changed_fields: Vec<(FieldId, &piicat_classifiers::FieldFinding)> = Vec::new();
    let mut present: HashSet<FieldId> = HashSet::new();
    for f in &report.fields {
        match fields.get(&f.path) {
            None => new_fields.push(f),
            Some(s) => {
                present.insert(s.id);
                if s.gone || s.data_type != f.data_type || s.sampled != to_i64(f.sampled) {
                    changed_fields.push((s.id, f));
                }
                if s.gone {
                    events.push(NewEvent {
                        kind: EventKind::FieldNew,
                        field: Some(s.id),
                        finding: None,
                        class: None,
                        detail: Some(serde_json::json!({ "reappeared": true })),
                    });
                }
            }
        }
    }
    let gone_fields: Vec<FieldId> = fields
        .values()
        .filter(|s| !s.gone && !present.contains(&s.id))
        .map(|s| s.id)
        .collect();

    // Findings: compare every class score with what is stored.
    let mut new_findings: Vec<(Option<FieldId>, &str, Evidence<'_>, bool)> = Vec::new();
    // (finding, new evidence, whether the sketch changed)
    let mut changed_findings: Vec<(FindingId, Evidence<'_>, bool)> = Vec::new();
    let mut seen_findings: HashSet<FindingId> = HashSet::new();
    let mut reappeared = 0usize;
    for f in &report.fields {
        let field = fields.get(&f.path).map(|s| s.id);
        for score in &f.classes {
            let evidence = Evidence::of(score);
            match field.and_then(|id| findings.get(&(id, score.class.clone()))) {
                Some(stored) => {
                    seen_findings.insert(stored.id);
                    if stored.resolved {
                        reappeared += 1;
                        events.push(NewEvent {
                            kind: EventKind::FindingReappeared,
                            field: Some(stored.field),
                            finding: Some(stored.id),
                            class: Some(score.class.clone()),
                            detail: None,
                        });
                    }
                    if stored.resolved || !evidence.same_as(stored) {
                        let sketch_changed = stored.sketch != evidence.sketch;
                        changed_findings.push((stored.id, evidence, sketch_changed));
                    }
                }
                None => {
                    // A class new to a field the catalog already knew is drift.
                    let drift = field.is_some();
                    new_findings.push((field, f.path.as_str(), evidence, drift));
                }
            }
        }
    }
    let resolved: Vec<&StoredFinding> = findings
        .values()
        .filter(|s| !s.resolved && !seen_findings.contains(&s.id))
        .collect();

    let meta_changed = existing.as_ref().is_some_and(|a| {
        a.meta != report.meta
            || a.kind != report.kind.as_str()
            || a.source_id != source_id
            || a.error_kind.is_some()
    });
    let changed = is_new_asset
        || meta_changed
        || !new_fields.is_empty()
        || !changed_fields.is_empty()
        || !gone_fields.is_empty()
        || !new_findings.is_empty()
        || !changed_findings.is_empty()
        || !resolved.is_empty();

    // The asset row.
    let asset = match &existing {
        None => {
            let revision = next_revision(c).await?;
            let id = insert_asset(c, run, report, source_id, revision, now).await?;
            events.push(NewEvent {
                kind: EventKind::AssetNew,
                field: None,
                finding: None,
                class: None,
                detail: None,
            });
            id
        }
        Some(a) if changed => {
            let revision = next_revision(c).await?;
            let m = &report.meta;
            if a.meta.schema_fingerprint.is_some()
                && a.meta.schema_fingerprint != m.schema_fingerprint
            {
                events.push(NewEvent {
                    kind: EventKind::SchemaChanged,
                    field: None,
                    finding: None,
                    class: None,
                    detail: Some(serde_json::json!({
                        "from": a.meta.schema_fingerprint,
                        "to": m.schema_fingerprint,
                    })),
                });
            }
            let (dataset, name) = dataset_and_name(&report.asset, report.kind);
            c.execute(
                c.q("UPDATE assets SET kind = $1, source_id = $2, dataset = $3, name = $4, format = $5, \
                     size_bytes = $6, row_estimate = $7, schema_fingerprint = $8, etag = $9, modified = $10, \
                     rows_sampled = $11, bytes_read = $12, files_total = $13, files_sampled = $14, notes = $15, \
                     last_seen = $16, last_scanned_at = $17, last_changed_at = $18, last_run_id = $19, \
                     error_kind = NULL, error_message = NULL, revision = $20 WHERE id = $21")
                    .bind(report.kind.as_str())
                    .bind(source_id)
                    .bind(dataset)
                    .bind(name)
                    .bind(m.format.as_deref())
                    .bind(m.size_bytes.map(to_i64))
                    .bind(m.row_estimate.map(to_i64))
                    .bind(m.schema_fingerprint.as_deref())
                    .bind(m.etag.as_deref())
                    .bind(m.modified.as_deref())
                    .bind(to_i64(m.rows_sampled))
                    .bind(to_i64(m.bytes_read))
                    .bind(m.files.map(|f| to_i64(f.total)))
                    .bind(m.files.map(|f| to_i64(f.sampled)))
                    .bind(notes_json(&m.notes))
                    .bind(now)
                    .bind(now)
                    .bind(now)
                    .bind(run.0)
                    .bind(revision)
                    .bind(a.id.0),
            )
            .await?;
            a.id
        }
        Some(a) => {
            c.execute(
                c.q("UPDATE assets SET last_seen = $1, last_scanned_at = $2, last_run_id = $3 WHERE id = $4")
                    .bind(now)
                    .bind(now)
                    .bind(run.0)
                    .bind(a.id.0),
            )
            .await?;
            a.id
        }
    };

    // New fields, then their ids for the findings that need them.
    let mut new_field_ids: HashMap<&str, FieldId> = HashMap::with_capacity(new_fields.len());
    for chunk in new_fields.chunks(BATCH_ROWS) {
        let sql = format!(
            "INSERT INTO fields (asset_id, path, data_type, sampled, first_seen) VALUES {} RETURNING id, path",
            values_list(chunk.len(), 5)
        );
        let mut q = c.q(sql);
        for f in chunk {
            q = q
                .bind(asset.0)
                .bind(f.path.as_str())
                .bind(f.data_type.as_deref())
                .bind(to_i64(f.sampled))
                .bind(now);
        }
        let by_path: HashMap<String, i64> = c
            .fetch_all(q)
            .await?
            .iter()
            .map(|r| Ok((r.get::<String>(1)?, r.get::<i64>(0)?)))
            .collect::<Result<_>>()?;
        for f in chunk {
            let id = by_path.get(&f.path).ok_or_else(|| Error::Corrupt {
                table: "fields",
                reason: "an inserted field returned no id".into(),
            })?;
            new_field_ids.insert(f.path.as_str(), FieldId(*id));
        }
    }
    if !is_new_asset {
        for f in &new_fields {
            if let Some(id) = new_field_ids.get(f.path.as_str()) {
                events.push(NewEvent {
                    kind: EventKind::FieldNew,
                    field: Some(*id),
                    finding: None,
                    class: None,
                    detail: None,
                });
            }
        }
    }
    for (id, f) in &changed_fields {
        c.execute(
            c.q("UPDATE fields SET data_type = $1, sampled = $2, gone_at = NULL WHERE id = $3")
                .bind(f.data_type.as_deref())
                .bind(to_i64(f.sampled))
                .bind(id.0),
        )
        .await?;
    }
    for chunk in gone_fields.chunks(BATCH_ROWS) {
        let sql = format!(
            "UPDATE fields SET gone_at = $1 WHERE id IN ({})",
            param_list(2, chunk.len())
        );
        let mut q = c.q(sql).bind(now);
        for id in chunk {
            q = q.bind(id.0);
            events.push(NewEvent {
                kind: EventKind::FieldGone,
                field: Some(*id),
                finding: None,
                class: None,
                detail: None,
            });
        }
        c.execute(q).await?;
    }

    // New findings.
    let mut drift = Vec::new();
    for chunk in new_findings.chunks(BATCH_ROWS) {
        let sql = format!(
            "INSERT INTO findings (field_id, class_id, confidence, likelihood, matched, sampled, \
             validated_rate, reasons, masked_examples, sketch, status, first_seen, updated_at, \
             candidates_stale) VALUES {}{}",
            values_list(chunk.len(), 14),
            // A new asset's findings need no ids: they make no events and no drift.
            if is_new_asset {
                ""
            } else {
                " RETURNING id, field_id, class_id"
            }
        );
        let mut q = c.q(sql);
        let mut keys = Vec::with_capacity(chunk.len());
        for (field, path, ev, _) in chunk {
            let field = match field.or_else(|| new_field_ids.get(path).copied()) {
                Some(f) => f,
                None => {
                    return Err(Error::Corrupt {
                        table: "fields",
                        reason: "a finding's field has no id".into(),
                    });
                }
            };
            keys.push(field);
            let s = ev.score;
            q = q
                .bind(field.0)
                .bind(s.class.as_str())
                .bind(f64::from(s.confidence))
                .bind(s.likelihood.as_str())
                .bind(to_i64(s.matched))
                .bind(to_i64(s.sampled))
                .bind(s.validated_rate.map(f64::from))
                .bind(ev.reasons.as_str())
                .bind(ev.masked.as_str())
                .bind(ev.sketch.as_deref())
                .bind(FindingStatus::Suggested.as_str())
                .bind(now)
                .bind(now)
                .bind(ev.sketch.is_some());
        }
        if is_new_asset {
            c.execute(q).await?;
            continue;
        }
        let ids: HashMap<(i64, String), i64> = c
            .fetch_all(q)
            .await?
            .iter()
            .map(|r| Ok(((r.get::<i64>(1)?, r.get::<String>(2)?), r.get::<i64>(0)?)))
            .collect::<Result<_>>()?;
        for ((_, path, ev, is_drift), field) in chunk.iter().zip(keys) {
            let class = ev.score.class.as_str();
            let id = *ids
                .get(&(field.0, class.to_string()))
                .ok_or_else(|| Error::Corrupt {
                    table: "findings",
                    reason: "an inserted finding returned no id".into(),
                })?;
            if *is_drift {
                drift.push(DriftEvent {
                    field,
                    path: (*path).to_string(),
                    class: class.to_string(),
                });
            }
            if !is_new_asset {
                events.push(NewEvent {
                    kind: if *is_drift {
                        EventKind::Drift
                    } else {
                        EventKind::FindingNew
                    },
                    field: Some(field),
                    finding: Some(FindingId(id)),
                    class: Some(class.to_string()),
                    detail: Some(serde_json::json!({ "confidence": ev.score.confidence })),
                });
            }
        }
    }

    // Changed and reopened findings keep their status; only the evidence moves.
    // A changed sketch only marks the finding's related-field candidates stale: they are
    // rewritten in batches (related.rs), which is far cheaper than per asset.
    for (id, ev, sketch_changed) in &changed_findings {
        let s = ev.score;
        c.execute(
            c.q("UPDATE findings SET confidence = $1, likelihood = $2, matched = $3, sampled = $4, \
                 validated_rate = $5, reasons = $6, masked_examples = $7, sketch = $8, updated_at = $9, \
                 resolved_at = NULL, candidates_stale = (candidates_stale OR $10) WHERE id = $11")
                .bind(f64::from(s.confidence))
                .bind(s.likelihood.as_str())
                .bind(to_i64(s.matched))
                .bind(to_i64(s.sampled))
                .bind(s.validated_rate.map(f64::from))
                .bind(ev.reasons.as_str())
                .bind(ev.masked.as_str())
                .bind(ev.sketch.as_deref())
                .bind(now)
                .bind(*sketch_changed)
                .bind(id.0),
        )
        .await?;
    }

    // Disappeared findings are resolved, never deleted.
    for chunk in resolved.chunks(BATCH_ROWS) {
        let sql = format!(
            "UPDATE findings SET resolved_at = $1 WHERE id IN ({})",
            param_list(2, chunk.len())
        );
        let mut q = c.q(sql).bind(now);
        for f in chunk {
            q = q.bind(f.id.0);
        }
        c.execute(q).await?;
    }
    for f in &resolved {
        events.push(NewEvent {
            kind: EventKind::FindingResolved,
            field: Some(f.field),
            finding: Some(f.id),
            class: Some(f.class.clone()),
            detail: None,
        });
    }

    for d in &drift {
        tracing::info!(asset = asset.0, field = d.field.0, class = %d.class, "drift: new class on a known field");
    }
    insert_events(c, Some(run), asset, None, now, &events).await?;
    let status = if is_new_asset {
        IngestStatus::New
    } else if changed {
        IngestStatus::Updated
    } else {
        IngestStatus::Unchanged
    };
    record_asset_scan(
        c,
        run,
        asset,
        now,
        status,
        report.fields.len(),
        (new_findings.len(), resolved.len(), drift.len()),
        None,
    )
    .await?;
    Ok(IngestOutcome {
        asset,
        status,
        new_findings: new_findings.len(),
        resolved_findings: resolved.len(),
        reappeared_findings: reappeared,
        drift,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasets_group_tables_by_schema_and_files_by_directory() {
        assert_eq!(
            dataset_and_name("postgres://db/shop/public.customers", AssetKind::Table),
            (
                "postgres://db/shop/public".to_string(),
                "public.customers".to_string()
            )
        );
        assert_eq!(
            dataset_and_name("file:///data/logs/app.log", AssetKind::File),
            ("file:///data/logs".to_string(), "app.log".to_string())
        );
        assert_eq!(
            dataset_and_name("s3://bucket/events/", AssetKind::Dataset),
            ("s3://bucket/events".to_string(), "events".to_string())
        );
    }

    #[test]
    fn fingerprints_parse_sorted_and_left_aligned() {
        let fps = parse_fingerprints(&[
            "ffff000000000000".into(),
            "0000000000000001".into(),
            "not hex".into(),
            "0000000000000001".into(),
            "ab".into(),
        ]);
        assert_eq!(fps, vec![1, 0xab00_0000_0000_0000, 0xffff_0000_0000_0000]);
        assert_eq!(sketch_values(&sketch_bytes(&fps)), fps);
    }

    #[test]
    fn unchanged_needs_matching_change_facts() {
        let table = |fp: &str, rows| AssetMeta {
            schema_fingerprint: Some(fp.into()),
            row_estimate: Some(rows),
            ..AssetMeta::default()
        };
        assert!(unchanged(&table("a", 10), &table("a", 10)));
        assert!(!unchanged(&table("a", 10), &table("a", 11)));
        assert!(!unchanged(&table("a", 10), &table("b", 10)));
        let file = |size, mtime: &str| AssetMeta {
            size_bytes: Some(size),
            modified: Some(mtime.into()),
            ..AssetMeta::default()
        };
        assert!(unchanged(&file(5, "t1"), &file(5, "t1")));
        assert!(!unchanged(&file(5, "t1"), &file(5, "t2")));
        assert!(!unchanged(&AssetMeta::default(), &AssetMeta::default()));
        let obj = |etag: &str| AssetMeta {
            etag: Some(etag.into()),
            size_bytes: Some(9),
            ..AssetMeta::default()
        };
        assert!(unchanged(&obj("e"), &obj("e")));
        assert!(!unchanged(&obj("e"), &obj("f")));
    }
}
