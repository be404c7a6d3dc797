//! piicat's detection engine and shared vocabulary.
//!
//! Pure: no I/O, no async, no database. An [`Engine`] is compiled once from the built-in
//! detectors plus custom ones and shared read-only across threads. Raw matched values never
//! leave this crate except inside [`Sensitive`], whose `Debug`/`Display` are redacted.

pub mod class;
pub mod report;

pub use class::{Category, Compliance, DataClass, Likelihood, Sensitivity};
pub use report::{
    AssetError, AssetErrorKind, AssetKind, AssetMeta, AssetReport, ClassScore, DatasetFiles,
    FieldFinding,
};
