//! piicat's scanner: turns sources (databases, files, Parquet, buckets) into a stream of
//! [`AssetReport`](piicat_classifiers::AssetReport)s. Reads only; never writes to what it scans.
//! One bad asset becomes an error report and the scan goes on.

pub mod options;

pub use options::{SamplingMode, ScanOptions};
