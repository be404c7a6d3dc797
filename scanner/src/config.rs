//! Typed source configuration: the `[[sources]]` entries of `piicat.toml`. Each entry has a
//! `type` tag, unknown keys are an error that names the key, and every default is a
//! `const fn`. Secrets are referenced by environment variable names rather than stored here
//! whenever the source allows it.

use crate::db::DatabaseSource;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One source of data to scan, chosen by its `type`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SourceConfig {
    /// A PostgreSQL database (`url = "postgres://user@host/db"` or `url_env`).
    Postgres(DatabaseSource),
    /// A MySQL or MariaDB database.
    Mysql(DatabaseSource),
    /// An SQLite file.
    Sqlite(DatabaseSource),
    /// A file or a directory tree on local disk.
    Files(FilesSource),
    /// An S3 or S3-compatible bucket (`url = "s3://bucket/prefix"`).
    S3(ObjectSource),
    /// A Google Cloud Storage bucket (`url = "gs://bucket/prefix"`).
    Gcs(ObjectSource),
    /// An Azure Blob Storage container (`url = "az://container/prefix"`).
    Azure(ObjectSource),
}

impl SourceConfig {
    /// Where the source is, for messages and report locations (no password).
    pub fn display_location(&self) -> String {
        match self {
            SourceConfig::Postgres(d) | SourceConfig::Mysql(d) | SourceConfig::Sqlite(d) => d
                .url
                .as_deref()
                .map(crate::target::redact_url)
                .or_else(|| d.url_env.as_ref().map(|v| format!("${v}")))
                .unwrap_or_else(|| "<database>".to_string()),
            SourceConfig::Files(f) => f.path.display().to_string(),
            SourceConfig::S3(o) | SourceConfig::Gcs(o) | SourceConfig::Azure(o) => o.url.clone(),
        }
    }
}

/// A named source from the config file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NamedSource {
    /// A short unique name (`prod-orders`), used in reports and the catalog.
    pub name: String,
    /// What to scan and how to reach it.
    #[serde(flatten)]
    pub source: SourceConfig,
    /// When the service rescans it: a cron expression (`0 3 * * *`). Unused by `piicat scan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
}

/// Files on local disk: one file or a directory walked recursively.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesSource {
    /// A file or a directory.
    pub path: PathBuf,
    /// Glob patterns on the path relative to `path` (`**/*.csv`); empty means every file.
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns of files or directories to skip (`**/tmp/**`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Also walk hidden files and directories (names starting with `.`).
    #[serde(default = "default_hidden")]
    pub hidden: bool,
    /// Follow symbolic links while walking.
    #[serde(default = "default_follow_links")]
    pub follow_links: bool,
    /// Group files sharing a partitioned layout (`date=*/part-*.parquet`) into one dataset.
    #[serde(default = "default_datasets")]
    pub datasets: bool,
}

impl FilesSource {
    /// A source for `path` with every default.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FilesSource {
            path: path.into(),
            include: Vec::new(),
            exclude: Vec::new(),
            hidden: default_hidden(),
            follow_links: default_follow_links(),
            datasets: default_datasets(),
        }
    }
}

/// A bucket or container in an object store, optionally narrowed by a key prefix.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectSource {
    /// `s3://bucket/prefix`, `gs://bucket/prefix` or `az://container/prefix`.
    pub url: String,
    /// Custom endpoint for S3-compatible stores (`http://127.0.0.1:9000`).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Region (S3); defaults to `AWS_REGION`/`AWS_DEFAULT_REGION`, then `us-east-1`.
    #[serde(default)]
    pub region: Option<String>,
    /// Access key id (S3); defaults to `AWS_ACCESS_KEY_ID`.
    #[serde(default)]
    pub access_key_id: Option<String>,
    /// Name of the environment variable holding the secret access key (S3); defaults to
    /// `AWS_SECRET_ACCESS_KEY`. The secret itself is never written in config.
    #[serde(default)]
    pub secret_access_key_env: Option<String>,
    /// Allow plain HTTP. Always allowed for loopback endpoints.
    #[serde(default = "default_allow_http")]
    pub allow_http: bool,
    /// Glob patterns on the key relative to the prefix; empty means every object.
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns of keys to skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Group objects sharing a partitioned layout into one dataset.
    #[serde(default = "default_datasets")]
    pub datasets: bool,
    /// Extra `object_store` configuration keys (`google_service_account`,
    /// `azure_storage_account_name`, `aws_session_token`...), passed through as given.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

impl ObjectSource {
    /// A source for `url` with every default.
    pub fn new(url: impl Into<String>) -> Self {
        ObjectSource {
            url: url.into(),
            endpoint: None,
            region: None,
            access_key_id: None,
            secret_access_key_env: None,
            allow_http: default_allow_http(),
            include: Vec::new(),
            exclude: Vec::new(),
            datasets: default_datasets(),
            options: BTreeMap::new(),
        }
    }
}

/// Redacted: `options` may hold tokens.
impl std::fmt::Debug for ObjectSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectSource")
            .field("url", &self.url)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field(
                "access_key_id",
                &self.access_key_id.as_ref().map(|_| "**REDACTED**"),
            )
            .field("secret_access_key_env", &self.secret_access_key_env)
            .field("allow_http", &self.allow_http)
            .field("include", &self.include)
            .field("exclude", &self.exclude)
            .field("datasets", &self.datasets)
            .field("options", &self.options.keys().collect::<Vec<_>>())
            .finish()
    }
}

const fn default_hidden() -> bool {
    false
}

const fn default_follow_links() -> bool {
    false
}

const fn default_datasets() -> bool {
    true
}

const fn default_allow_http() -> bool {
    false
}

/// The `[[sources]]` part of a config file, for callers that do not own the whole file.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SourcesSection {
    /// Every configured source.
    #[serde(default)]
    pub sources: Vec<NamedSource>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tagged_sources_with_defaults() {
        let cfg: SourcesSection = toml::from_str(
            r#"
            [[sources]]
            name = "local"
            type = "files"
            path = "samples"
            exclude = ["**/tmp/**"]

            [[sources]]
            name = "lake"
            type = "s3"
            url = "s3://lake/events/"
            endpoint = "http://127.0.0.1:9000"
            schedule = "0 3 * * *"
            "#,
        )
        .unwrap();
        assert_eq!(cfg.sources.len(), 2);
        match &cfg.sources[0].source {
            SourceConfig::Files(f) => {
                assert!(f.datasets && !f.hidden);
                assert_eq!(f.exclude, vec!["**/tmp/**"]);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(cfg.sources[1].schedule.as_deref(), Some("0 3 * * *"));
    }

    #[test]
    fn the_sample_config_parses() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/piicat.toml");
        let cfg: SourcesSection = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let names: Vec<&str> = cfg.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["shop", "exports", "logs", "lake"]);
        assert!(matches!(cfg.sources[0].source, SourceConfig::Sqlite(_)));
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = toml::from_str::<SourcesSection>(
            r#"
            [[sources]]
            name = "x"
            type = "files"
            path = "p"
            colour = "red"
            "#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
    }
}
