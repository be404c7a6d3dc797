//! Parquet, column by column. Reads the footer, then only the sampled row groups (seeded)
//! and only the columns worth reading (text, binary that is UTF-8, wide integers, decimals,
//! coordinates), through ranged reads — locally and in buckets alike — so a sampled scan
//! never fetches the whole file. Every fetched byte is counted for `meta.bytes_read`.

use super::FileOutcome;
use crate::error::{ScanError, parquet_error};
use crate::formats::collect::Collector;
use crate::options::{SamplingMode, ScanOptions};
use crate::store::Blob;
use arrow::array::{Array, AsArray};
use arrow::datatypes::DataType;
use arrow::util::display::{ArrayFormatter, FormatOptions};
use bytes::Bytes;
use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ArrowReaderOptions, RowSelection, RowSelector};
use parquet::arrow::async_reader::{AsyncFileReader, ParquetRecordBatchStreamBuilder};
use parquet::basic::{LogicalType, Type as PhysicalType};
use parquet::file::metadata::{ParquetMetaData, ParquetMetaDataReader};
use parquet::schema::types::ColumnDescriptor;
use piicat_classifiers::{AssetError, AssetErrorKind, Engine};
use rand::Rng;
use rand::SeedableRng;
use rand::seq::IteratorRandom;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Footer bytes fetched in the first request; most footers fit, so one GET usually suffices.
const FOOTER_PREFETCH: usize = 64 << 10;

/// Ranged, counted access to a blob for the async Parquet reader.
struct BlobReader {
    blob: Blob,
    /// The last suffix fetched (the footer prefetch): small files' column chunks often lie
    /// inside it, and fetching them again would double the bytes read.
    tail: Option<(u64, Bytes)>,
}

fn external(e: AssetError, location: &str) -> parquet::errors::ParquetError {
    parquet::errors::ParquetError::External(Box::new(ScanError::Asset {
        asset: location.to_string(),
        error: e,
    }))
}

impl AsyncFileReader for BlobReader {
    fn get_bytes(&mut self, range: Range<u64>) -> BoxFuture<'_, parquet::errors::Result<Bytes>> {
        async move {
            if let Some((start, tail)) = &self.tail
                && range.start >= *start
                && range.end <= start + tail.len() as u64
            {
                let from = (range.start - start) as usize;
                return Ok(tail.slice(from..from + (range.end - range.start) as usize));
            }
            let want = range.end - range.start;
            let end = range.end;
            let start = range.start;
            let bytes = self
                .blob
                .read_range_async(range)
                .await
                .map_err(|e| external(e, &self.blob.location))?;
            if (bytes.len() as u64) < want {
                return Err(parquet::errors::ParquetError::EOF(format!(
                    "wanted {want} bytes, the file ends after {}",
                    bytes.len()
                )));
            }
            if end == self.blob.size {
                self.tail = Some((start, bytes.clone()));
            }
            Ok(bytes)
        }
        .boxed()
    }

    fn get_metadata<'a>(
        &'a mut self,
        _options: Option<&'a ArrowReaderOptions>,
    ) -> BoxFuture<'a, parquet::errors::Result<Arc<ParquetMetaData>>> {
        async move {
            let size = self.blob.size;
            if size < 12 {
                return Err(parquet::errors::ParquetError::EOF(format!(
                    "{size} bytes is too small to hold a Parquet footer"
                )));
            }
            let meta = ParquetMetaDataReader::new()
                .with_prefetch_hint(Some(FOOTER_PREFETCH))
                .load_and_finish(&mut *self, size)
                .await?;
            Ok(Arc::new(meta))
        }
        .boxed()
    }
}

const COORDINATE_NAMES: [&str; 6] = ["lat", "lon", "lng", "latitude", "longitude", "long"];

/// Whether a leaf column can hold PII worth classifying.
fn worth_reading(col: &ColumnDescriptor) -> bool {
    let logical = col.logical_type_ref();
    if matches!(
        logical,
        Some(
            LogicalType::Timestamp { .. }
                | LogicalType::Time { .. }
                | LogicalType::Date
                | LogicalType::Float16
        )
    ) {
        return false;
    }
    match col.physical_type() {
        PhysicalType::BYTE_ARRAY | PhysicalType::FIXED_LEN_BYTE_ARRAY => true,
        PhysicalType::INT32 | PhysicalType::INT64 => {
            !matches!(logical, Some(LogicalType::Integer(int)) if int.bit_width < 32)
                && !matches!(
                    col.converted_type(),
                    parquet::basic::ConvertedType::DATE
                        | parquet::basic::ConvertedType::TIME_MILLIS
                        | parquet::basic::ConvertedType::TIME_MICROS
                        | parquet::basic::ConvertedType::TIMESTAMP_MILLIS
                        | parquet::basic::ConvertedType::TIMESTAMP_MICROS
                        | parquet::basic::ConvertedType::INT_8
                        | parquet::basic::ConvertedType::INT_16
                        | parquet::basic::ConvertedType::UINT_8
                        | parquet::basic::ConvertedType::UINT_16
                )
        }
        // GPS coordinates are personal data; other floats (prices, scores) are not read.
        PhysicalType::FLOAT | PhysicalType::DOUBLE => {
            let name = col.name().to_ascii_lowercase();
            COORDINATE_NAMES.contains(&name.as_str())
        }
        PhysicalType::BOOLEAN | PhysicalType::INT96 => false,
    }
}

pub(crate) fn scan(
    blob: &Blob,
    _engine: &Engine,
    opts: &ScanOptions,
    c: &mut Collector<'_>,
    seed: u64,
) -> Result<FileOutcome, AssetError> {
    let handle = tokio::runtime::Handle::try_current().map_err(|_| {
        AssetError::new(
            AssetErrorKind::Io,
            format!("{}: no async runtime to read Parquet", blob.location),
        )
    })?;
    handle.block_on(scan_async(blob, opts, c, seed))
}

async fn scan_async(
    blob: &Blob,
    opts: &ScanOptions,
    c: &mut Collector<'_>,
    seed: u64,
) -> Result<FileOutcome, AssetError> {
    let loc = blob.location.as_str();
    let err = |e: parquet::errors::ParquetError| parquet_error(loc, &e);
    let reader = BlobReader {
        blob: blob.clone(),
        tail: None,
    };
    let builder = ParquetRecordBatchStreamBuilder::new(reader)
        .await
        .map_err(err)?;
    let meta = builder.metadata().clone();
    let descr = builder.parquet_schema();
    let mut leaves = Vec::new();
    let mut skipped = 0usize;
    for (i, col) in descr.columns().iter().enumerate() {
        if worth_reading(col) {
            leaves.push(i);
        } else {
            skipped += 1;
        }
    }
    let fingerprint = super::fingerprint(
        descr
            .columns()
            .iter()
            .map(|col| format!("{}:{}", col.path().string(), col.physical_type())),
    );
    let total_rows = u64::try_from(meta.file_metadata().num_rows()).unwrap_or(0);
    let outcome = FileOutcome {
        format: "parquet",
        row_estimate: Some(total_rows),
        schema_fingerprint: Some(fingerprint),
    };
    if skipped > 0 {
        c.note(format!(
            "{skipped} column(s) not read (booleans, dates and times, small integers, non-coordinate floats)"
        ));
    }
    if leaves.is_empty() || meta.num_row_groups() == 0 {
        return Ok(outcome);
    }
    let mask = ProjectionMask::leaves(descr, leaves);
    let groups_total = meta.num_row_groups();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut builder = builder.with_projection(mask).with_batch_size(1024);
    if opts.mode == SamplingMode::Sample {
        let k = usize::try_from(opts.parquet_row_groups)
            .unwrap_or(1)
            .max(1)
            .min(groups_total);
        let mut groups: Vec<usize> = (0..groups_total).choose_multiple(&mut rng, k);
        groups.sort_unstable();
        let per_group = opts.sample_rows.div_ceil(groups.len() as u64).max(1);
        let mut selectors = Vec::new();
        for &g in &groups {
            let rows = u64::try_from(meta.row_group(g).num_rows()).unwrap_or(0);
            if rows <= per_group {
                selectors.push(RowSelector::select(rows as usize));
            } else {
                let offset = rng.random_range(0..=rows - per_group);
                selectors.push(RowSelector::skip(offset as usize));
                selectors.push(RowSelector::select(per_group as usize));
                selectors.push(RowSelector::skip((rows - offset - per_group) as usize));
            }
        }
        c.note(format!(
            "sampled {} of {groups_total} row group(s), up to {per_group} rows each",
            groups.len()
        ));
        builder = builder
            .with_row_groups(groups)
            .with_row_selection(RowSelection::from(selectors));
    }
    let mut stream = builder.build().map_err(err)?;
    let mut non_utf8: BTreeMap<String, u64> = BTreeMap::new();
    let mut path = String::new();
    while let Some(batch) = stream.next().await {
        let batch = batch.map_err(err)?;
        for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
            path.clear();
            path.push_str(field.name());
            walk(&mut path, column.as_ref(), c, &mut non_utf8);
        }
        c.rows += batch.num_rows() as u64;
    }
    for (col, n) in non_utf8 {
        c.note(format!(
            "column {col}: {n} binary value(s) are not UTF-8 and were skipped"
        ));
    }
    Ok(outcome)
}

/// Pushes every non-null leaf value of `array` at `path` (struct fields dotted, list
/// elements `[]`, map entries `{}`.key / `{}`.value).
fn walk(
    path: &mut String,
    array: &dyn Array,
    c: &mut Collector<'_>,
    non_utf8: &mut BTreeMap<String, u64>,
) {
    let base = path.len();
    match array.data_type() {
        DataType::Struct(_) => {
            let s = array.as_struct();
            for (f, col) in s.fields().iter().zip(s.columns()) {
                path.push('.');
                path.push_str(f.name());
                walk(path, col.as_ref(), c, non_utf8);
                path.truncate(base);
            }
            return;
        }
        DataType::List(_) => {
            path.push_str("[]");
            walk(path, array.as_list::<i32>().values().as_ref(), c, non_utf8);
        }
        DataType::LargeList(_) => {
            path.push_str("[]");
            walk(path, array.as_list::<i64>().values().as_ref(), c, non_utf8);
        }
        DataType::FixedSizeList(_, _) => {
            path.push_str("[]");
            walk(
                path,
                array.as_fixed_size_list().values().as_ref(),
                c,
                non_utf8,
            );
        }
        DataType::Map(_, _) => {
            path.push_str("{}");
            walk(path, array.as_map().entries(), c, non_utf8);
        }
        DataType::Utf8 => {
            c.declare(path, Some("Utf8"));
            for v in array.as_string::<i32>().iter().flatten() {
                c.value(path, v);
            }
        }
        DataType::LargeUtf8 => {
            c.declare(path, Some("LargeUtf8"));
            for v in array.as_string::<i64>().iter().flatten() {
                c.value(path, v);
            }
        }
        DataType::Utf8View => {
            c.declare(path, Some("Utf8View"));
            for v in array.as_string_view().iter().flatten() {
                c.value(path, v);
            }
        }
        DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::FixedSizeBinary(_) => {
            c.declare(path, Some(&array.data_type().to_string()));
            let mut bad = 0u64;
            let mut push = |v: &[u8]| match std::str::from_utf8(v) {
                Ok(s) => c.value(path, s),
                Err(_) => bad += 1,
            };
            match array.data_type() {
                DataType::Binary => array
                    .as_binary::<i32>()
                    .iter()
                    .flatten()
                    .for_each(&mut push),
                DataType::LargeBinary => array
                    .as_binary::<i64>()
                    .iter()
                    .flatten()
                    .for_each(&mut push),
                DataType::BinaryView => array.as_binary_view().iter().flatten().for_each(&mut push),
                _ => array
                    .as_fixed_size_binary()
                    .iter()
                    .flatten()
                    .for_each(&mut push),
            }
            if bad > 0 {
                *non_utf8.entry(path.clone()).or_default() += bad;
            }
        }
        other => {
            c.declare(path, Some(&other.to_string()));
            if let Ok(fmt) = ArrayFormatter::try_new(array, &FormatOptions::default()) {
                let mut buf = String::new();
                for i in 0..array.len() {
                    if array.is_null(i) {
                        continue;
                    }
                    buf.clear();
                    use std::fmt::Write;
                    if write!(buf, "{}", fmt.value(i)).is_ok() {
                        c.value(path, &buf);
                    }
                }
            }
        }
    }
    path.truncate(base);
}
