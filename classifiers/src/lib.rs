//! piicat's detection engine and shared vocabulary.
//!
//! Pure: no I/O, no async, no database. An [`Engine`] is compiled once from the built-in
//! detectors plus custom ones and shared read-only across threads. Raw matched values never
//! leave this crate except inside [`Sensitive`], whose `Debug`/`Display` are redacted.

mod automaton;
mod builtin;
pub mod class;
pub mod custom;
pub mod detector;
pub mod engine;
pub mod error;
pub mod field;
pub mod fingerprint;
pub mod hints;
mod lanes;
mod literals;
pub mod mask;
mod names;
pub mod report;
pub mod sensitive;
mod sha_lanes;
mod structured;
pub mod text;
pub mod validators;

pub use class::{Category, Compliance, DataClass, Likelihood, Sensitivity};
pub use custom::CustomDetector;
pub use engine::{DEFAULT_MIN_CONFIDENCE, Engine, EngineBuilder, TextMatch};
pub use error::Error;
pub use field::FieldScan;
pub use fingerprint::{FingerprintKey, estimate_overlap};
pub use mask::mask;
pub use report::{
    AssetError, AssetErrorKind, AssetKind, AssetMeta, AssetReport, ClassScore, DatasetFiles,
    FieldFinding,
};
pub use sensitive::Sensitive;
pub use text::{TEXT_FIELD, TextScan};
pub use validators::Validator;
