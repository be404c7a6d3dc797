//! How much of each asset a scan reads: sampling mode, sizes, seed and concurrency.
//! Shared by every source so that one `--sample-rows` or `--full` means the same everywhere.

use serde::{Deserialize, Serialize};

/// Whether to sample or read everything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SamplingMode {
    /// Rows per table, head plus random windows per text file, row groups per Parquet file,
    /// files per dataset. Deterministic for a given seed.
    #[default]
    Sample,
    /// Every row, line and file.
    Full,
}

/// Options every source honours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScanOptions {
    /// Sample or read everything.
    pub mode: SamplingMode,
    /// Rows sampled per table / per structured file in sample mode.
    pub sample_rows: u64,
    /// Seed for every random choice, so a scan is reproducible.
    pub seed: u64,
    /// Assets read at once (I/O concurrency).
    pub concurrency: usize,
    /// Bytes read from the head of a text file in sample mode.
    pub text_head_bytes: u64,
    /// Random windows read from the rest of a text file in sample mode.
    pub text_windows: u32,
    /// Bytes per random window.
    pub text_window_bytes: u64,
    /// Row groups sampled per Parquet file in sample mode.
    pub parquet_row_groups: u32,
    /// Files sampled per partitioned dataset in sample mode.
    pub dataset_files: u32,
    /// Cap on decompressed bytes read from one compressed asset.
    pub max_decompressed_bytes: u64,
    /// Longest line read before it is cut (the rest of the line is skipped, with a note).
    pub max_line_bytes: u64,
    /// Per-table statement timeout for databases.
    pub statement_timeout_secs: u64,
    /// Connections per database source.
    pub max_connections: u32,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            mode: SamplingMode::Sample,
            sample_rows: default_sample_rows(),
            seed: 0,
            concurrency: default_concurrency(),
            text_head_bytes: 1 << 20,
            text_windows: 8,
            text_window_bytes: 64 << 10,
            parquet_row_groups: 2,
            dataset_files: 4,
            max_decompressed_bytes: 4 << 30,
            max_line_bytes: 1 << 20,
            statement_timeout_secs: 30,
            max_connections: 4,
        }
    }
}

const fn default_sample_rows() -> u64 {
    1_000
}

fn default_concurrency() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get() * 2)
        .unwrap_or(4)
}
