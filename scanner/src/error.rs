//! The scanner's errors: one enum for what stops a target or a scan from starting, and the
//! mapping of I/O, object-store and Parquet failures to the stable [`AssetErrorKind`]s that
//! reports carry. Messages name the asset and the reason — never a value read from it.

use piicat_classifiers::{AssetError, AssetErrorKind};
use std::io;

/// Everything that can go wrong in the scanner.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// A command-line target could not be understood.
    #[error("invalid target `{target}`: {reason}")]
    InvalidTarget {
        /// The target as given (passwords are removed before it gets here).
        target: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A source entry in the config is invalid.
    #[error("invalid source `{source_name}`: {reason}")]
    InvalidSource {
        /// The source name, or its location when it has none.
        source_name: String,
        /// Why it was rejected.
        reason: String,
    },
    /// One asset could not be read; becomes a failed report.
    #[error("{asset}: {error}")]
    Asset {
        /// The asset's location.
        asset: String,
        /// The reason, with its stable kind.
        error: AssetError,
    },
}

impl ScanError {
    /// An asset failure of `kind`.
    pub fn asset(
        asset: impl Into<String>,
        kind: AssetErrorKind,
        message: impl Into<String>,
    ) -> Self {
        ScanError::Asset {
            asset: asset.into(),
            error: AssetError::new(kind, message),
        }
    }

    /// The reason as the report type carries it.
    pub fn to_asset_error(&self) -> AssetError {
        match self {
            ScanError::Asset { error, .. } => error.clone(),
            ScanError::InvalidTarget { .. } => {
                AssetError::new(AssetErrorKind::Unsupported, self.to_string())
            }
            ScanError::InvalidSource { .. } => {
                AssetError::new(AssetErrorKind::Unsupported, self.to_string())
            }
        }
    }
}

/// Maps an I/O error on `asset` to a report error.
pub fn io_error(asset: &str, err: &io::Error) -> AssetError {
    use io::ErrorKind as K;
    let (kind, reason) = match err.kind() {
        K::NotFound => (
            AssetErrorKind::NotFound,
            "no such file or directory".to_string(),
        ),
        K::PermissionDenied => (
            AssetErrorKind::PermissionDenied,
            "permission denied".to_string(),
        ),
        K::TimedOut => (AssetErrorKind::Timeout, "timed out".to_string()),
        K::ConnectionRefused | K::ConnectionReset | K::HostUnreachable | K::NetworkUnreachable => {
            (AssetErrorKind::ConnectionRefused, err.to_string())
        }
        K::UnexpectedEof => (
            AssetErrorKind::Corrupt,
            "unexpected end of data (truncated?)".to_string(),
        ),
        K::InvalidData => (
            AssetErrorKind::Corrupt,
            format!("invalid data: {}", inner_reason(err)),
        ),
        K::IsADirectory => (AssetErrorKind::Unsupported, "is a directory".to_string()),
        _ => match err.get_ref().and_then(|e| e.downcast_ref::<TooLarge>()) {
            Some(t) => (AssetErrorKind::TooLarge, t.to_string()),
            None => (AssetErrorKind::Io, err.to_string()),
        },
    };
    AssetError::new(kind, format!("{asset}: {reason}"))
}

fn inner_reason(err: &io::Error) -> String {
    match err.get_ref() {
        Some(inner) => inner.to_string(),
        None => err.to_string(),
    }
}

/// The error a size-capped reader returns (wrapped in an `io::Error`) when its cap is hit.
#[derive(Debug, thiserror::Error)]
#[error("decompressed size exceeds the cap of {cap} bytes (max_decompressed_bytes)")]
pub struct TooLarge {
    /// The cap that was hit.
    pub cap: u64,
}

/// Maps an object-store error on `asset` to a report error.
pub fn object_store_error(asset: &str, err: &object_store::Error) -> AssetError {
    use object_store::Error as E;
    let text = err.to_string();
    let (kind, reason) = match err {
        E::NotFound { .. } if text.contains("NoSuchBucket") => (
            AssetErrorKind::NotFound,
            "the bucket does not exist".to_string(),
        ),
        E::NotFound { .. } => (
            AssetErrorKind::NotFound,
            "no such object or bucket".to_string(),
        ),
        E::PermissionDenied { .. } => (
            AssetErrorKind::PermissionDenied,
            "access denied by the store".to_string(),
        ),
        E::Unauthenticated { .. } => (
            AssetErrorKind::AuthenticationFailed,
            "the store rejected the credentials".to_string(),
        ),
        // No credentials configured: the AWS client fell back to the instance metadata service.
        _ if text.contains("169.254.169.254") || text.contains("latest/api/token") => (
            AssetErrorKind::AuthenticationFailed,
            "no credentials: set access_key_id and secret_access_key_env (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or run where an instance role is available".to_string(),
        ),
        _ if text.contains("NoSuchBucket") => (
            AssetErrorKind::NotFound,
            "the bucket does not exist".to_string(),
        ),
        _ if text.contains("InvalidAccessKeyId") || text.contains("SignatureDoesNotMatch") => (
            AssetErrorKind::AuthenticationFailed,
            "the store rejected the credentials".to_string(),
        ),
        _ if text.contains("AccessDenied") => (
            AssetErrorKind::PermissionDenied,
            "access denied by the store".to_string(),
        ),
        _ if text.contains("onnection refused") => (
            AssetErrorKind::ConnectionRefused,
            "connection refused".to_string(),
        ),
        _ if text.contains("timed out") || text.contains("Timeout") => {
            (AssetErrorKind::Timeout, "timed out".to_string())
        }
        _ => (AssetErrorKind::Io, text),
    };
    AssetError::new(kind, format!("{asset}: {reason}"))
}

/// Maps a Parquet error on `asset` to a report error. Footer and format problems are
/// `Corrupt`; I/O underneath keeps its own kind.
pub fn parquet_error(asset: &str, err: &parquet::errors::ParquetError) -> AssetError {
    use parquet::errors::ParquetError as P;
    match err {
        P::External(inner) => {
            if let Some(e) = inner.downcast_ref::<object_store::Error>() {
                return object_store_error(asset, e);
            }
            if let Some(e) = inner.downcast_ref::<io::Error>() {
                return io_error(asset, e);
            }
            if let Some(ScanError::Asset { error, .. }) = inner.downcast_ref::<ScanError>() {
                return error.clone();
            }
            AssetError::new(AssetErrorKind::Io, format!("{asset}: {inner}"))
        }
        P::EOF(_) | P::NeedMoreData(_) | P::NeedMoreDataRange(_) => AssetError::new(
            AssetErrorKind::Corrupt,
            format!("{asset}: truncated or corrupt Parquet footer ({err})"),
        ),
        P::NYI(_) => AssetError::new(
            AssetErrorKind::Unsupported,
            format!("{asset}: unsupported Parquet feature ({err})"),
        ),
        _ => AssetError::new(
            AssetErrorKind::Corrupt,
            format!("{asset}: corrupt Parquet file ({err})"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_kinds_map_to_stable_reasons() {
        let e = io_error("/x", &io::Error::from(io::ErrorKind::PermissionDenied));
        assert_eq!(e.kind, AssetErrorKind::PermissionDenied);
        assert!(e.message.starts_with("/x: "));
        let e = io_error("/x", &io::Error::other(TooLarge { cap: 10 }));
        assert_eq!(e.kind, AssetErrorKind::TooLarge);
        assert!(e.message.contains("cap of 10"));
    }

    #[test]
    fn parquet_eof_is_corrupt() {
        let e = parquet_error(
            "f.parquet",
            &parquet::errors::ParquetError::EOF("footer".into()),
        );
        assert_eq!(e.kind, AssetErrorKind::Corrupt);
        assert!(e.message.contains("f.parquet"));
    }
}
