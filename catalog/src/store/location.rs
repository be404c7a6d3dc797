//! Where the catalog database lives, as given by `--catalog`: the embedded SQLite file in the
//! data directory (default), another SQLite file, or a PostgreSQL URL. A location's `Debug`
//! and `Display` never show a password.

use crate::error::{Error, Result};
use std::fmt;
use std::path::PathBuf;

/// Where the catalog database lives.
#[derive(Clone, PartialEq, Eq)]
pub enum CatalogLocation {
    /// `catalog.db` in the data directory: zero set-up.
    Embedded,
    /// A SQLite file elsewhere (`sqlite:///var/lib/piicat/catalog.db`).
    SqliteFile(PathBuf),
    /// A PostgreSQL database.
    Postgres(PostgresLocation),
}

/// A PostgreSQL catalog: a connection URL and, optionally, the schema to keep the catalog in.
#[derive(Clone, PartialEq, Eq)]
pub struct PostgresLocation {
    url: String,
    schema: Option<String>,
}

impl PostgresLocation {
    /// The connection URL (may hold a password: never print it; use `Display`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema the catalog lives in; `None` is the connection's default search path.
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }
}

impl CatalogLocation {
    /// Parses `--catalog`: absent or empty means the embedded catalog; `postgres://` and
    /// `postgresql://` URLs (optionally with `?schema=NAME`) mean PostgreSQL; `sqlite://PATH`
    /// or `sqlite:PATH` means that SQLite file.
    pub fn parse(value: Option<&str>) -> Result<CatalogLocation> {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(CatalogLocation::Embedded);
        };
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            let mut url = url::Url::parse(value)
                .map_err(|e| Error::InvalidLocation(format!("{}: {e}", redact(value))))?;
            let schema = url
                .query_pairs()
                .find(|(k, _)| k == "schema")
                .map(|(_, v)| v.into_owned());
            if schema.is_some() {
                let kept: Vec<(String, String)> = url
                    .query_pairs()
                    .filter(|(k, _)| k != "schema")
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                url.set_query(None);
                if !kept.is_empty() {
                    url.query_pairs_mut().extend_pairs(kept);
                }
            }
            let loc = PostgresLocation {
                url: url.to_string(),
                schema: None,
            };
            return match schema {
                Some(s) => CatalogLocation::Postgres(loc).with_schema(&s),
                None => Ok(CatalogLocation::Postgres(loc)),
            };
        }
        if let Some(path) = value
            .strip_prefix("sqlite://")
            .or_else(|| value.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(Error::InvalidLocation("sqlite: needs a file path".into()));
            }
            return Ok(CatalogLocation::SqliteFile(PathBuf::from(path)));
        }
        Err(Error::InvalidLocation(format!(
            "`{}`: expected a postgres:// URL or sqlite://PATH (or nothing, for the embedded catalog)",
            redact(value)
        )))
    }

    /// A PostgreSQL location from a URL, without a schema.
    pub fn postgres(url: impl Into<String>) -> CatalogLocation {
        CatalogLocation::Postgres(PostgresLocation {
            url: url.into(),
            schema: None,
        })
    }

    /// Puts a PostgreSQL catalog in `schema` (created if missing). Schema names are plain
    /// identifiers: lower-case letters, digits and `_`.
    pub fn with_schema(self, schema: &str) -> Result<CatalogLocation> {
        let valid = !schema.is_empty()
            && schema.len() <= 63
            && schema
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !schema.starts_with(|c: char| c.is_ascii_digit());
        if !valid {
            return Err(Error::InvalidLocation(format!(
                "schema `{schema}`: use lower-case letters, digits and _"
            )));
        }
        match self {
            CatalogLocation::Postgres(mut pg) => {
                pg.schema = Some(schema.to_string());
                Ok(CatalogLocation::Postgres(pg))
            }
            _ => Err(Error::InvalidLocation(
                "a schema applies to PostgreSQL catalogs only".into(),
            )),
        }
    }
}

/// The URL with any password replaced, for messages.
fn redact(value: &str) -> String {
    match url::Url::parse(value) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("****"));
            }
            url.to_string()
        }
        Err(_) => value
            .split_once('@')
            .map(|(_, host)| format!("****@{host}"))
            .unwrap_or_else(|| value.to_string()),
    }
}

impl fmt::Display for CatalogLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogLocation::Embedded => f.write_str("embedded SQLite catalog"),
            CatalogLocation::SqliteFile(p) => write!(f, "sqlite://{}", p.display()),
            CatalogLocation::Postgres(pg) => fmt::Display::fmt(pg, f),
        }
    }
}

impl fmt::Debug for CatalogLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for PostgresLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.url))?;
        if let Some(s) = &self.schema {
            write!(f, " (schema {s})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for PostgresLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_kinds() {
        assert_eq!(
            CatalogLocation::parse(None).unwrap(),
            CatalogLocation::Embedded
        );
        assert_eq!(
            CatalogLocation::parse(Some("")).unwrap(),
            CatalogLocation::Embedded
        );
        assert_eq!(
            CatalogLocation::parse(Some("sqlite:///tmp/c.db")).unwrap(),
            CatalogLocation::SqliteFile(PathBuf::from("/tmp/c.db"))
        );
        let pg =
            CatalogLocation::parse(Some("postgres://u:secret@db:5432/cat?schema=piicat")).unwrap();
        match &pg {
            CatalogLocation::Postgres(p) => {
                assert_eq!(p.schema(), Some("piicat"));
                assert!(!p.url().contains("schema"));
            }
            other => panic!("{other:?}"),
        }
        assert!(CatalogLocation::parse(Some("mysql://x/y")).is_err());
        assert!(
            CatalogLocation::postgres("postgres://h/d")
                .with_schema("Bad-Name")
                .is_err()
        );
    }

    #[test]
    fn passwords_never_print() {
        let pg = CatalogLocation::parse(Some("postgres://u:hunter2@db/cat")).unwrap();
        assert!(!format!("{pg:?}").contains("hunter2"));
        assert!(!pg.to_string().contains("hunter2"));
        let err = CatalogLocation::parse(Some("ftp://u:hunter2@db/cat")).unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}
