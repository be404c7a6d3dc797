//! The catalog's public vocabulary: ids, statuses, scan runs, ingest outcomes and the views
//! of an asset that `catalog show`, the API and the web pages print. Everything here is
//! serializable and holds masked examples at most — never a value.

use crate::keys::KeyId;
use chrono::{DateTime, Utc};
use piicat_classifiers::{AssetError, AssetKind, Category, Likelihood, Sensitivity};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A scan run.
    RunId
);
id_type!(
    /// An asset (table, file, dataset, object).
    AssetId
);
id_type!(
    /// A field of an asset (column, JSON path, `$text`).
    FieldId
);
id_type!(
    /// One class found in one field.
    FindingId
);

/// What a person decided about a finding. Kept across rescans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    /// Found by piicat, not reviewed yet.
    Suggested,
    /// A person confirmed the field holds the class.
    Confirmed,
    /// A person said the field does not hold the class.
    Rejected,
}

impl FindingStatus {
    /// Every status.
    pub const ALL: [FindingStatus; 3] = [
        FindingStatus::Suggested,
        FindingStatus::Confirmed,
        FindingStatus::Rejected,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Suggested => "suggested",
            FindingStatus::Confirmed => "confirmed",
            FindingStatus::Rejected => "rejected",
        }
    }

    /// Parses the snake_case name, case-insensitively.
    pub fn parse(s: &str) -> Option<FindingStatus> {
        FindingStatus::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for FindingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a scan run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Started, not finished (or its process died and no later run on its host has noticed).
    Running,
    /// Every asset was handled (some may have failed; see the counts).
    Completed,
    /// The run stopped on an error of its own.
    Failed,
    /// The run was stopped before it finished: Ctrl-C, output closed, or its process died
    /// (noticed by the next run on the same host).
    Interrupted,
}

impl RunStatus {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Completed => "completed",
            RunStatus::Failed => "failed",
            RunStatus::Interrupted => "interrupted",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<RunStatus> {
        [
            RunStatus::Running,
            RunStatus::Completed,
            RunStatus::Failed,
            RunStatus::Interrupted,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a scan run is started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOptions {
    /// Rescan every asset, even those whose etag/size/mtime or schema says unchanged.
    pub forced: bool,
    /// What was scanned, for people (`piicat scan samples/`).
    pub label: Option<String>,
    /// The id of the key the run's fingerprints are made under. The first run that names one
    /// records it in the catalog; a run naming another is refused, because sketches under
    /// different keys never overlap and related fields would silently break. `None` claims
    /// no key: only for runs whose reports carry no fingerprints.
    pub fingerprint_key: Option<KeyId>,
    /// The process running the scan. Starting a run marks `interrupted` the runs still
    /// `running` from the same host whose process is gone. `None`: not recorded, never swept.
    pub owner: Option<RunOwner>,
}

/// The process that runs a scan: its host name and process id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOwner {
    /// The host name.
    pub host: String,
    /// The process id on that host.
    pub pid: u32,
}

impl RunOwner {
    /// This process, or `None` when the host has no name piicat can read.
    pub fn this_process() -> Option<RunOwner> {
        Some(RunOwner {
            host: crate::runs::host_name()?,
            pid: std::process::id(),
        })
    }
}

/// Per-run totals, computed from the per-asset records when the run finishes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCounts {
    /// Assets seen for the first time.
    pub assets_new: u64,
    /// Known assets whose fields or findings changed.
    pub assets_updated: u64,
    /// Known assets rescanned with the same result.
    pub assets_unchanged: u64,
    /// Known assets not rescanned because nothing about them changed.
    pub assets_skipped: u64,
    /// Assets that could not be scanned.
    pub assets_failed: u64,
    /// Fields in the reports ingested.
    pub fields_seen: u64,
    /// Findings new to the catalog.
    pub findings_new: u64,
    /// Findings that disappeared.
    pub findings_resolved: u64,
    /// New classes on known fields.
    pub drift_events: u64,
}

/// One scan run as the catalog recorded it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScanRun {
    /// Its id.
    pub id: RunId,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it finished, if it did.
    pub finished_at: Option<DateTime<Utc>>,
    /// Where it is.
    pub status: RunStatus,
    /// Whether unchanged assets were rescanned anyway.
    pub forced: bool,
    /// What was scanned.
    pub label: Option<String>,
    /// The process that ran it, when recorded.
    pub owner: Option<RunOwner>,
    /// Totals.
    pub counts: RunCounts,
    /// The assets that failed, with why.
    pub errors: Vec<AssetFailure>,
}

/// An asset that failed in a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssetFailure {
    /// The asset's location.
    pub location: String,
    /// Why.
    pub error: AssetError,
}

/// What ingesting one asset did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestStatus {
    /// The asset was new to the catalog.
    New,
    /// Fields, findings or facts changed.
    Updated,
    /// The report matched what the catalog held.
    Unchanged,
    /// The asset was not rescanned (unchanged since the last scan).
    Skipped,
    /// The report was an error; the asset's findings were kept as they were.
    Failed,
}

impl IngestStatus {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            IngestStatus::New => "new",
            IngestStatus::Updated => "updated",
            IngestStatus::Unchanged => "unchanged",
            IngestStatus::Skipped => "skipped",
            IngestStatus::Failed => "failed",
        }
    }
}

/// A new class on a field the catalog already knew.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriftEvent {
    /// The field.
    pub field: FieldId,
    /// Its path.
    pub path: String,
    /// The class that appeared.
    pub class: String,
}

/// The result of ingesting one asset report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestOutcome {
    /// The asset.
    pub asset: AssetId,
    /// What happened.
    pub status: IngestStatus,
    /// Findings new to the catalog.
    pub new_findings: usize,
    /// Findings that disappeared and are now resolved.
    pub resolved_findings: usize,
    /// Resolved findings that came back.
    pub reappeared_findings: usize,
    /// New classes on known fields.
    pub drift: Vec<DriftEvent>,
}

/// The editable facts people add to an asset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetMetadata {
    /// Team or person responsible (`data-platform`).
    pub owner: Option<String>,
    /// Why the data is kept (`billing`, `support`).
    pub purpose: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Compliance and other tags (`GDPR`, `retention-30d`).
    pub tags: Vec<String>,
}

/// An asset with everything the catalog knows about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssetDetail {
    /// Its id.
    pub id: AssetId,
    /// Where it lives.
    pub location: String,
    /// What it is.
    pub kind: AssetKind,
    /// The configured source it came from.
    pub source: Option<String>,
    /// The group it belongs to (database schema, directory, bucket prefix).
    pub dataset: String,
    /// Its short name.
    pub name: String,
    /// The format it was read as.
    pub format: Option<String>,
    /// Size in bytes.
    pub size_bytes: Option<u64>,
    /// Estimated rows.
    pub row_estimate: Option<u64>,
    /// Hash of column names and types.
    pub schema_fingerprint: Option<String>,
    /// Object etag.
    pub etag: Option<String>,
    /// Last modification time the source reported.
    pub modified: Option<String>,
    /// Rows or lines sampled by the last scan.
    pub rows_sampled: u64,
    /// Bytes read by the last scan.
    pub bytes_read: u64,
    /// Notes from the last scan.
    pub notes: Vec<String>,
    /// First seen by a scan.
    pub first_seen: DateTime<Utc>,
    /// Last seen by a scan (scanned or found unchanged).
    pub last_seen: DateTime<Utc>,
    /// Last actually read.
    pub last_scanned_at: Option<DateTime<Utc>>,
    /// Last time its fields or findings changed.
    pub last_changed_at: DateTime<Utc>,
    /// Why the last scan failed, if it did.
    pub last_error: Option<AssetError>,
    /// Owner, purpose, description, tags.
    pub metadata: AssetMetadata,
    /// Who last edited the metadata.
    pub metadata_updated_by: Option<String>,
    /// When.
    pub metadata_updated_at: Option<DateTime<Utc>>,
    /// The highest sensitivity among its current, not rejected findings.
    pub sensitivity: Option<Sensitivity>,
    /// Its fields, current ones first, in path order.
    pub fields: Vec<FieldDetail>,
    /// Its history, newest first.
    pub history: Vec<CatalogEvent>,
}

/// A field with its findings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldDetail {
    /// Its id.
    pub id: FieldId,
    /// Column name or path.
    pub path: String,
    /// Declared type.
    pub data_type: Option<String>,
    /// Values looked at in the last scan.
    pub sampled: u64,
    /// First seen.
    pub first_seen: DateTime<Utc>,
    /// When it disappeared from the asset, if it did.
    pub gone_at: Option<DateTime<Utc>>,
    /// What it holds (current first, then resolved).
    pub findings: Vec<FindingDetail>,
}

/// One class in one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingDetail {
    /// Its id (for `set_finding_status`).
    pub id: FindingId,
    /// The class id.
    pub class: String,
    /// The class's name, when the catalog knows the class.
    pub class_name: Option<String>,
    /// The class's category.
    pub category: Option<Category>,
    /// The class's sensitivity.
    pub sensitivity: Option<Sensitivity>,
    /// 0..=1.
    pub confidence: f64,
    /// The confidence in five steps.
    pub likelihood: Likelihood,
    /// Values that held the class.
    pub matched: u64,
    /// Values looked at.
    pub sampled: u64,
    /// Share of pattern matches the validator accepted.
    pub validated_rate: Option<f64>,
    /// Why the engine believes it.
    pub reasons: Vec<String>,
    /// At most three masked examples.
    pub masked_examples: Vec<String>,
    /// How many fingerprints its sketch holds.
    pub sketch_size: usize,
    /// The review status.
    pub status: FindingStatus,
    /// Who set the status.
    pub status_by: Option<String>,
    /// When.
    pub status_at: Option<DateTime<Utc>>,
    /// First found.
    pub first_seen: DateTime<Utc>,
    /// Last time its evidence changed.
    pub updated_at: DateTime<Utc>,
    /// When it disappeared, if it did.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// What kind of thing happened to an asset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// First seen.
    AssetNew,
    /// A field appeared on a known asset.
    FieldNew,
    /// A field disappeared.
    FieldGone,
    /// The schema fingerprint changed.
    SchemaChanged,
    /// A class was found in a new field of a known asset.
    FindingNew,
    /// A new class on a known field.
    Drift,
    /// A finding disappeared.
    FindingResolved,
    /// A resolved finding came back.
    FindingReappeared,
    /// A person confirmed or rejected a finding.
    StatusChanged,
    /// A person edited owner, purpose, description or tags.
    MetadataChanged,
    /// The asset could not be scanned.
    ScanFailed,
}

impl EventKind {
    const ALL: [EventKind; 11] = [
        EventKind::AssetNew,
        EventKind::FieldNew,
        EventKind::FieldGone,
        EventKind::SchemaChanged,
        EventKind::FindingNew,
        EventKind::Drift,
        EventKind::FindingResolved,
        EventKind::FindingReappeared,
        EventKind::StatusChanged,
        EventKind::MetadataChanged,
        EventKind::ScanFailed,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::AssetNew => "asset_new",
            EventKind::FieldNew => "field_new",
            EventKind::FieldGone => "field_gone",
            EventKind::SchemaChanged => "schema_changed",
            EventKind::FindingNew => "finding_new",
            EventKind::Drift => "drift",
            EventKind::FindingResolved => "finding_resolved",
            EventKind::FindingReappeared => "finding_reappeared",
            EventKind::StatusChanged => "status_changed",
            EventKind::MetadataChanged => "metadata_changed",
            EventKind::ScanFailed => "scan_failed",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of an asset's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub kind: EventKind,
    /// The run that saw it, for scan events.
    pub run: Option<RunId>,
    /// The field path, for field and finding events.
    pub field: Option<String>,
    /// The class, for finding events.
    pub class: Option<String>,
    /// The person, for decisions and edits.
    pub actor: Option<String>,
    /// Details (old and new status, changed keys...). Never values.
    pub detail: serde_json::Value,
}

/// A field that shares values with another, estimated from keyed fingerprint sketches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelatedField {
    /// The other field.
    pub field: FieldId,
    /// Its asset's location.
    pub asset: String,
    /// Its path.
    pub path: String,
    /// The class of the other field's finding.
    pub class: String,
    /// The class of the asked field's finding that overlaps.
    pub via_class: String,
    /// Estimated share of the asked field's sampled values also in the other field (0..=1).
    pub overlap: f64,
    /// Estimated share of the other field's sampled values also in the asked field.
    pub reverse_overlap: f64,
    /// Fingerprints the two sketches share.
    pub shared_fingerprints: usize,
}
