//! piicat's scanner: turns sources (databases, files, Parquet, buckets) into a stream of
//! [`AssetReport`](piicat_classifiers::AssetReport)s. Reads only; never writes to what it scans.
//! One bad asset becomes an error report and the scan goes on.
//!
//! Entry point: [`Scanner::run`] takes [`Target`]s (parsed from the command line with
//! [`Target::parse`] or from config as [`NamedSource`]s) and feeds one report per asset into
//! a [`ReportSink`].

pub mod config;
pub mod db;
pub mod error;
mod files;
mod formats;
pub mod options;
pub mod scan;
pub mod sink;
mod store;
pub mod target;

pub use config::{FilesSource, NamedSource, ObjectSource, SourceConfig};
pub use error::ScanError;
pub use options::{SamplingMode, ScanOptions};
pub use scan::{NoProgress, Progress, ScanSummary, Scanner};
pub use sink::{CollectSink, ReportSink};
pub use target::Target;
