//! What a scan says about one asset: the shared vocabulary between the scanner that writes
//! reports and the catalog that ingests them. Holds masked examples and keyed fingerprints
//! only — never a raw value.

use crate::class::Likelihood;
use serde::{Deserialize, Serialize};

/// What kind of thing an asset is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// A database table or view.
    Table,
    /// A file on disk.
    File,
    /// Many files sharing one layout (a partitioned dataset), scanned as one.
    Dataset,
    /// An object in a bucket.
    Object,
}

impl AssetKind {
    /// The snake_case name (`table`).
    pub fn as_str(self) -> &'static str {
        match self {
            AssetKind::Table => "table",
            AssetKind::File => "file",
            AssetKind::Dataset => "dataset",
            AssetKind::Object => "object",
        }
    }
}

/// The outcome of scanning one asset: its fields and what they hold, or why it failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssetReport {
    /// Where the asset lives, as a URL-like location (`postgres://host/db/public.customers`,
    /// `file:///data/app.log`, `s3://bucket/events/`). Never carries a password.
    pub asset: String,
    /// What kind of asset this is.
    pub kind: AssetKind,
    /// The configured source name the asset came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Facts about the asset that let a rescan skip it when unchanged.
    #[serde(default)]
    pub meta: AssetMeta,
    /// One entry per field (column, JSON path, or `$text` for free text) that was sampled.
    #[serde(default)]
    pub fields: Vec<FieldFinding>,
    /// Why the asset could not be scanned, when it could not.
    pub error: Option<AssetError>,
}

impl AssetReport {
    /// A report for an asset that could not be scanned.
    pub fn failed(asset: impl Into<String>, kind: AssetKind, error: AssetError) -> AssetReport {
        AssetReport {
            asset: asset.into(),
            kind,
            source: None,
            meta: AssetMeta::default(),
            fields: Vec::new(),
            error: Some(error),
        }
    }

    /// The highest-confidence classes found anywhere in the asset, each once.
    pub fn classes(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .fields
            .iter()
            .flat_map(|f| f.classes.iter().map(|c| c.class.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Facts about an asset used for change detection, grouping and display.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AssetMeta {
    /// Size in bytes (files, objects, datasets: the sum of their files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<u64>,
    /// Estimated row count (tables, Parquet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_estimate: Option<u64>,
    /// A hash of the column names and types, so a schema change is visible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_fingerprint: Option<String>,
    /// Object etag, when the store gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// Last modification time, RFC 3339, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The format the asset was read as (`csv`, `ndjson`, `log`, `parquet`, `postgres`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Rows or lines sampled.
    #[serde(default)]
    pub rows_sampled: u64,
    /// Bytes actually read to produce this report.
    #[serde(default)]
    pub bytes_read: u64,
    /// For a dataset: how many files it has, and how many were sampled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<DatasetFiles>,
    /// Things a person should know about how the asset was read (skipped binary columns...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// How much of a partitioned dataset was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetFiles {
    /// Files in the dataset.
    pub total: u64,
    /// Files sampled.
    pub sampled: u64,
}

/// What was found in one field of an asset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldFinding {
    /// Column name, dotted JSON path (`customer.emails[]`), or `$text` for unstructured text.
    pub path: String,
    /// The declared type, when the source has one (`varchar(255)`, `Utf8`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    /// Non-empty values looked at.
    pub sampled: u64,
    /// The classes the field holds, most confident first.
    pub classes: Vec<ClassScore>,
}

/// The evidence that a field holds one class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassScore {
    /// The class id (`EMAIL`).
    pub class: String,
    /// 0..=1.
    pub confidence: f32,
    /// The confidence in five steps.
    pub likelihood: Likelihood,
    /// Values that held the class (whole or embedded).
    pub matched: u64,
    /// Non-empty values looked at.
    pub sampled: u64,
    /// Of the values the pattern matched, the share its validator accepted; `None` when the
    /// class has no validator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validated_rate: Option<f32>,
    /// Why the engine believes it, for people (`name hint "correo"`, `97% of values match`).
    #[serde(default)]
    pub reasons: Vec<String>,
    /// At most three masked examples (`j***@e*****.com`).
    #[serde(default)]
    pub masked_examples: Vec<String>,
    /// Keyed fingerprints (hex, truncated HMAC-SHA-256) of a bottom-k sample of the matched
    /// values; empty when no key was given. Lets the catalog relate fields without raw values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<String>,
}

/// Why an asset could not be scanned. The message names the asset's problem, never a value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetError {
    /// A stable machine-readable reason.
    pub kind: AssetErrorKind,
    /// A sentence for people.
    pub message: String,
}

impl AssetError {
    /// An error of `kind` with a message.
    pub fn new(kind: AssetErrorKind, message: impl Into<String>) -> AssetError {
        AssetError {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for AssetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

/// Stable reasons an asset fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetErrorKind {
    /// The asset does not exist (file, table, bucket, key).
    NotFound,
    /// The OS or the server refused access.
    PermissionDenied,
    /// Wrong user or password.
    AuthenticationFailed,
    /// Nothing listens, or the host cannot be reached.
    ConnectionRefused,
    /// The asset or the server took longer than allowed.
    Timeout,
    /// The bytes are not text where text was expected.
    NotText,
    /// The format is broken (corrupt Parquet footer, bad gzip stream...).
    Corrupt,
    /// The format is not one piicat reads.
    Unsupported,
    /// A limit was hit (decompressed size, line length).
    TooLarge,
    /// Any other I/O or driver failure.
    Io,
}

impl AssetErrorKind {
    /// The snake_case name (`permission_denied`).
    pub fn as_str(self) -> &'static str {
        match self {
            AssetErrorKind::NotFound => "not_found",
            AssetErrorKind::PermissionDenied => "permission_denied",
            AssetErrorKind::AuthenticationFailed => "authentication_failed",
            AssetErrorKind::ConnectionRefused => "connection_refused",
            AssetErrorKind::Timeout => "timeout",
            AssetErrorKind::NotText => "not_text",
            AssetErrorKind::Corrupt => "corrupt",
            AssetErrorKind::Unsupported => "unsupported",
            AssetErrorKind::TooLarge => "too_large",
            AssetErrorKind::Io => "io",
        }
    }
}
