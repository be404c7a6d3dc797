//! What `piicat scan TARGET` points at: a path, a `file://` URL, a bucket URL
//! (`s3://`, `gs://`, `az://`) or a database URL / SQLite file. Parsing only — nothing is
//! opened here. Passwords in URLs are never echoed: [`redact_url`] removes them from anything
//! that is displayed.

use crate::config::{FilesSource, NamedSource, ObjectSource, SourceConfig};
use crate::db::DatabaseSource;
use crate::error::ScanError;
use std::path::{Path, PathBuf};

/// One thing to scan: a source and, when it came from config, its name.
#[derive(Clone, Debug)]
pub struct Target {
    /// The configured source name, copied into every report.
    pub name: Option<String>,
    /// What to scan.
    pub source: SourceConfig,
}

impl Target {
    /// Parses a command-line target.
    ///
    /// - `postgres://`, `postgresql://`, `mysql://`, `mariadb://`, `sqlite://` URLs and paths
    ///   ending `.db`, `.sqlite`, `.sqlite3` are databases;
    /// - `s3://`, `gs://`, `az://` (also `azure://`, `abfs://`) URLs are object stores;
    /// - `file://` URLs and everything else are local paths.
    pub fn parse(input: &str) -> Result<Target, ScanError> {
        let invalid = |reason: &str| ScanError::InvalidTarget {
            target: redact_url(input),
            reason: reason.to_string(),
        };
        if input.trim().is_empty() {
            return Err(invalid("empty target"));
        }
        let scheme = input.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        let source = match scheme.as_deref() {
            Some("postgres" | "postgresql") => {
                SourceConfig::Postgres(DatabaseSource::from_url(input))
            }
            Some("mysql" | "mariadb") => SourceConfig::Mysql(DatabaseSource::from_url(input)),
            Some("sqlite") => SourceConfig::Sqlite(DatabaseSource::from_url(input)),
            Some("s3" | "s3a") => SourceConfig::S3(ObjectSource::new(
                bucket_url(input, "s3").map_err(|r| invalid(&r))?,
            )),
            Some("gs") => SourceConfig::Gcs(ObjectSource::new(
                bucket_url(input, "gs").map_err(|r| invalid(&r))?,
            )),
            Some("az" | "azure" | "abfs" | "abfss") => SourceConfig::Azure(ObjectSource::new(
                bucket_url(input, "az").map_err(|r| invalid(&r))?,
            )),
            Some("file") => {
                let url = url::Url::parse(input).map_err(|e| invalid(&e.to_string()))?;
                let path = url
                    .to_file_path()
                    .map_err(|()| invalid("not a local file URL"))?;
                return Ok(Target::path(path));
            }
            Some(other) => return Err(invalid(&format!("unknown scheme `{other}://`"))),
            None => return Ok(Target::path(PathBuf::from(input))),
        };
        Ok(Target { name: None, source })
    }

    /// A local path: an SQLite database when its extension says so, files otherwise.
    pub fn path(path: PathBuf) -> Target {
        let source = if is_sqlite_path(&path) {
            SourceConfig::Sqlite(DatabaseSource::from_url(&format!(
                "sqlite://{}",
                path.display()
            )))
        } else {
            SourceConfig::Files(FilesSource::new(path))
        };
        Target { name: None, source }
    }

    /// A configured source.
    pub fn named(source: NamedSource) -> Target {
        Target {
            name: Some(source.name),
            source: source.source,
        }
    }
}

/// Whether a path names an SQLite database by its extension.
pub fn is_sqlite_path(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("db" | "sqlite" | "sqlite3")
    )
}

/// Normalises a bucket URL to `scheme://bucket/prefix` and checks it names a bucket.
fn bucket_url(input: &str, scheme: &str) -> Result<String, String> {
    let (_, rest) = input.split_once("://").ok_or("missing `://`")?;
    let bucket = rest.split('/').next().unwrap_or("");
    if bucket.is_empty() {
        return Err("no bucket name".into());
    }
    Ok(format!("{scheme}://{rest}"))
}

/// `input` with any password in its authority replaced by `***`.
pub fn redact_url(input: &str) -> String {
    let Some((scheme, rest)) = input.split_once("://") else {
        return input.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}{tail}")
            } else {
                format!("{scheme}://{user}@{host}{tail}")
            }
        }
        None => input.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_kind() {
        assert!(matches!(
            Target::parse("samples/").unwrap().source,
            SourceConfig::Files(_)
        ));
        assert!(matches!(
            Target::parse("shop.sqlite").unwrap().source,
            SourceConfig::Sqlite(_)
        ));
        assert!(matches!(
            Target::parse("file:///tmp/x").unwrap().source,
            SourceConfig::Files(_)
        ));
        assert!(matches!(
            Target::parse("postgres://u:p@h/db").unwrap().source,
            SourceConfig::Postgres(_)
        ));
        assert!(matches!(
            Target::parse("mariadb://h/db").unwrap().source,
            SourceConfig::Mysql(_)
        ));
        match Target::parse("s3://lake/events/").unwrap().source {
            SourceConfig::S3(o) => assert_eq!(o.url, "s3://lake/events/"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Target::parse("gs://b").unwrap().source,
            SourceConfig::Gcs(_)
        ));
        assert!(matches!(
            Target::parse("az://c/p").unwrap().source,
            SourceConfig::Azure(_)
        ));
        assert!(Target::parse("s3://").is_err());
        assert!(Target::parse("ftp://x").is_err());
    }

    #[test]
    fn passwords_never_echoed() {
        assert_eq!(
            redact_url("postgres://me:secret@db:5432/x"),
            "postgres://me:***@db:5432/x"
        );
        let err = Target::parse("bogus://me:secret@h")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("secret"), "{err}");
    }
}
