//! Turns sqlx errors into the stable [`AssetErrorKind`]s of a report, with a reason written
//! here from the error's *code*. sqlx and server error texts can quote the connection URL or
//! a row value, so they never reach a message; only codes, kinds and our own words do.

use piicat_classifiers::{AssetError, AssetErrorKind};
use sqlx::error::DatabaseError;
use std::io;
use std::time::Duration;

/// Why a database, or one of its tables, could not be read. Carries no location: the caller
/// adds the one it is reporting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DbFailure {
    pub kind: AssetErrorKind,
    pub reason: String,
}

impl DbFailure {
    /// The local safety net on a table read fired.
    pub fn timed_out() -> DbFailure {
        DbFailure::new(
            AssetErrorKind::Timeout,
            "the table took longer than allowed to read",
        )
    }

    pub fn new(kind: AssetErrorKind, reason: impl Into<String>) -> DbFailure {
        DbFailure {
            kind,
            reason: reason.into(),
        }
    }

    /// The report error for `location`; a timeout names the limit that was exceeded.
    pub fn into_asset_error(self, location: &str, limit: Option<Duration>) -> AssetError {
        let mut reason = self.reason;
        if let (AssetErrorKind::Timeout, Some(limit)) = (self.kind, limit) {
            reason.push_str(&format!(
                " (statement timeout {} s; raise `statement_timeout_secs` to allow more)",
                limit.as_secs_f32()
            ));
        }
        AssetError::new(self.kind, format!("{location}: {reason}"))
    }
}

/// A server's own error codes, mapped by each dialect.
pub(crate) type CodeMapper =
    fn(&(dyn DatabaseError + 'static)) -> Option<(AssetErrorKind, &'static str)>;

/// Maps any sqlx error; database errors go through the dialect's `codes` table.
pub(crate) fn from_sqlx(err: &sqlx::Error, codes: CodeMapper) -> DbFailure {
    use AssetErrorKind as K;
    match err {
        sqlx::Error::Database(db) => match codes(db.as_ref()) {
            Some((kind, reason)) => DbFailure::new(kind, reason),
            None => DbFailure::new(
                K::Io,
                format!(
                    "the server returned error {}",
                    db.code().as_deref().unwrap_or("(no code)")
                ),
            ),
        },
        sqlx::Error::Io(io) => from_io(io),
        sqlx::Error::Tls(_) => DbFailure::new(K::ConnectionRefused, "the TLS handshake failed"),
        sqlx::Error::PoolTimedOut => DbFailure::new(
            K::Timeout,
            "no database connection became available in time",
        ),
        sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => {
            DbFailure::new(K::Io, "the connection pool was closed")
        }
        sqlx::Error::Configuration(_) => DbFailure::new(
            K::Unsupported,
            "the connection URL is not valid (check its host, port, database and options)",
        ),
        sqlx::Error::Protocol(_) => {
            DbFailure::new(K::Io, "the server sent data the driver did not expect")
        }
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
            DbFailure::new(K::Io, "a value could not be decoded as text")
        }
        _ => DbFailure::new(K::Io, "the database driver failed"),
    }
}

fn from_io(err: &io::Error) -> DbFailure {
    use AssetErrorKind as K;
    use io::ErrorKind as E;
    match err.kind() {
        E::ConnectionRefused => DbFailure::new(
            K::ConnectionRefused,
            "connection refused: nothing listens on that host and port",
        ),
        E::HostUnreachable | E::NetworkUnreachable | E::AddrNotAvailable => {
            DbFailure::new(K::ConnectionRefused, "the host cannot be reached")
        }
        E::TimedOut => DbFailure::new(K::Timeout, "the server did not answer in time"),
        E::NotFound => DbFailure::new(K::NotFound, "no such file or socket"),
        E::PermissionDenied => DbFailure::new(K::PermissionDenied, "permission denied"),
        E::ConnectionReset | E::ConnectionAborted | E::UnexpectedEof | E::BrokenPipe => {
            DbFailure::new(K::Io, "the server closed the connection")
        }
        // Name resolution failures come back as plain `Other` errors.
        _ if err.to_string().contains("lookup") => {
            DbFailure::new(K::ConnectionRefused, "the host name could not be resolved")
        }
        kind => DbFailure::new(K::Io, format!("I/O error ({kind})")),
    }
}

/// PostgreSQL SQLSTATEs.
pub(crate) fn postgres_codes(
    err: &(dyn DatabaseError + 'static),
) -> Option<(AssetErrorKind, &'static str)> {
    use AssetErrorKind as K;
    let code = err.code()?;
    Some(match code.as_ref() {
        "28P01" | "28000" => (
            K::AuthenticationFailed,
            "authentication failed (wrong user or password)",
        ),
        "3D000" => (K::NotFound, "the database does not exist"),
        "3F000" => (K::NotFound, "the schema does not exist"),
        "42P01" => (
            K::NotFound,
            "the table does not exist (dropped while scanning?)",
        ),
        "57014" => (K::Timeout, "the statement timed out"),
        "55P03" => (K::Timeout, "waited too long for a lock"),
        "42501" => (K::PermissionDenied, "permission denied"),
        "25006" => (
            K::PermissionDenied,
            "a write was refused: the scanner's transaction is read-only",
        ),
        "53300" => (K::ConnectionRefused, "the server has too many connections"),
        "57P03" => (
            K::ConnectionRefused,
            "the server is not accepting connections now",
        ),
        "57P01" | "57P02" => (K::ConnectionRefused, "the server shut down"),
        "0A000" => (K::Unsupported, "the server does not support this read"),
        c if c.starts_with("08") => (K::ConnectionRefused, "the connection failed"),
        c if c.starts_with("53") => (K::Io, "the server ran out of resources"),
        _ => return None,
    })
}

/// MySQL / MariaDB error numbers.
pub(crate) fn mysql_codes(
    err: &(dyn DatabaseError + 'static),
) -> Option<(AssetErrorKind, &'static str)> {
    use AssetErrorKind as K;
    let number = err
        .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()?
        .number();
    Some(match number {
        1045 | 1698 => (
            K::AuthenticationFailed,
            "authentication failed (wrong user or password)",
        ),
        1044 => (K::PermissionDenied, "access to the database is denied"),
        1049 => (K::NotFound, "the database does not exist"),
        1142 | 1143 => (K::PermissionDenied, "permission denied"),
        1146 => (
            K::NotFound,
            "the table does not exist (dropped while scanning?)",
        ),
        1356 => (
            K::NotFound,
            "the view refers to tables or columns that do not exist",
        ),
        3024 | 1969 | 1317 => (K::Timeout, "the statement timed out"),
        1205 => (K::Timeout, "waited too long for a lock"),
        1792 => (
            K::PermissionDenied,
            "a write was refused: the scanner's transaction is read-only",
        ),
        1040 | 1203 => (K::ConnectionRefused, "the server has too many connections"),
        1129 | 1130 => (
            K::ConnectionRefused,
            "the server refuses connections from this host",
        ),
        _ => return None,
    })
}

/// SQLite result codes (primary code of an extended one).
pub(crate) fn sqlite_codes(
    err: &(dyn DatabaseError + 'static),
) -> Option<(AssetErrorKind, &'static str)> {
    use AssetErrorKind as K;
    let code: u32 = err.code()?.parse().ok()?;
    Some(match code & 0xff {
        5 | 6 => (
            K::Timeout,
            "the database stayed locked longer than the busy timeout",
        ),
        14 => (K::NotFound, "the database file cannot be opened"),
        11 | 26 => (K::Corrupt, "the file is not a valid SQLite database"),
        3 | 23 => (K::PermissionDenied, "permission denied"),
        8 => (
            K::PermissionDenied,
            "a write was refused: the connection is read-only",
        ),
        9 => (K::Timeout, "the statement was interrupted"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_map_to_stable_kinds_without_their_text() {
        let refused = io::Error::new(io::ErrorKind::ConnectionRefused, "secret://u:pw@h");
        let f = from_sqlx(&sqlx::Error::Io(refused), postgres_codes);
        assert_eq!(f.kind, AssetErrorKind::ConnectionRefused);
        assert!(!f.reason.contains("pw"));
        let lookup = io::Error::other("failed to lookup address information");
        assert_eq!(
            from_sqlx(&sqlx::Error::Io(lookup), postgres_codes).kind,
            AssetErrorKind::ConnectionRefused
        );
        assert_eq!(
            from_sqlx(&sqlx::Error::PoolTimedOut, mysql_codes).kind,
            AssetErrorKind::Timeout
        );
    }

    #[test]
    fn timeout_message_names_location_and_limit() {
        let e = DbFailure::timed_out()
            .into_asset_error("postgres://h:5432/db/s.t", Some(Duration::from_secs(2)));
        assert_eq!(e.kind, AssetErrorKind::Timeout);
        assert!(
            e.message.starts_with("postgres://h:5432/db/s.t: "),
            "{}",
            e.message
        );
        assert!(e.message.contains("2 s"), "{}", e.message);
    }
}
