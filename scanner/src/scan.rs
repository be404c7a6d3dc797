//! The scan driver: targets in, one report per asset out, into a [`ReportSink`].
//!
//! Enumeration (walking, listing) runs first per target; then assets are read with at most
//! `ScanOptions::concurrency` in flight. Each asset is read and classified on a blocking
//! thread (`spawn_blocking`), never on the async workers; object-store I/O inside it is
//! driven with `block_on`. Reports flow back through a bounded queue, so a slow sink slows
//! the scan instead of growing memory. A panic while reading an asset becomes a failed
//! report for that asset — the scan goes on — and its message (which could quote data) is
//! never shown.

use crate::config::SourceConfig;
use crate::db::{self, DatabaseSource};
use crate::files::Filter;
use crate::files::dataset::{Planned, plan};
use crate::files::walk::walk_local;
use crate::formats::{self, collect::Collector, fingerprint};
use crate::options::{SamplingMode, ScanOptions};
use crate::sink::ReportSink;
use crate::store::{Blob, StoreKind, list_bucket, open_bucket};
use crate::target::Target;
use futures::StreamExt;
use piicat_classifiers::{
    AssetError, AssetErrorKind, AssetKind, AssetReport, DatasetFiles, Engine, Sensitivity,
};
use rand::SeedableRng;
use rand::seq::IteratorRandom;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Reports buffered between the readers and the sink.
const REPORT_QUEUE: usize = 64;

/// Hears about progress; called from the task running the scan, never concurrently.
pub trait Progress {
    /// The number of assets found so far grew to `total` (databases add theirs as they go).
    fn discovered(&self, _total: u64) {}
    /// One asset is done.
    fn finished(&self, _report: &AssetReport) {}
}

/// No progress display.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// What a whole scan did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ScanSummary {
    /// Assets reported (failed ones included).
    pub assets: u64,
    /// Assets that carry an error.
    pub failed: u64,
    /// Fields (columns, JSON paths, `$text`) reported.
    pub fields: u64,
    /// Findings (one per class found in a field), by the class's sensitivity.
    pub findings: BTreeMap<Sensitivity, u64>,
    /// Bytes read from the sources.
    pub bytes_read: u64,
    /// Wall-clock time of the scan.
    #[serde(serialize_with = "as_seconds")]
    pub duration: Duration,
    /// The sink asked to stop before every asset was reported.
    pub stopped_early: bool,
}

fn as_seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl ScanSummary {
    fn add(&mut self, report: &AssetReport, engine: &Engine) {
        self.assets += 1;
        if report.error.is_some() {
            self.failed += 1;
        }
        self.fields += report.fields.len() as u64;
        self.bytes_read += report.meta.bytes_read;
        for field in &report.fields {
            for class in &field.classes {
                if let Some(c) = engine.class(&class.class) {
                    *self.findings.entry(c.sensitivity).or_default() += 1;
                }
            }
        }
    }

    /// Findings whose class is at least `level` sensitive.
    pub fn findings_at_or_above(&self, level: Sensitivity) -> u64 {
        self.findings.range(level..).map(|(_, n)| n).sum()
    }
}

/// Runs scans with one engine and one set of options.
#[derive(Debug, Clone)]
pub struct Scanner {
    engine: Arc<Engine>,
    opts: ScanOptions,
}

impl Scanner {
    /// A scanner sharing `engine` (read-only) across all its workers.
    pub fn new(engine: Arc<Engine>, opts: ScanOptions) -> Scanner {
        Scanner { engine, opts }
    }

    /// The options in force.
    pub fn options(&self) -> &ScanOptions {
        &self.opts
    }

    /// Scans every target and feeds each asset's report to `sink` as soon as it is done.
    /// Never fails as a whole: problems become failed reports. Must run inside a
    /// multi-threaded tokio runtime.
    pub async fn run(
        &self,
        targets: Vec<Target>,
        sink: &mut dyn ReportSink,
        progress: &dyn Progress,
    ) -> ScanSummary {
        let start = Instant::now();
        let (tx, mut rx) = mpsc::channel::<AssetReport>(REPORT_QUEUE);
        let discovered = Arc::new(AtomicU64::new(0));
        let producer = tokio::spawn(produce(
            targets,
            self.engine.clone(),
            self.opts.clone(),
            tx.clone(),
            discovered.clone(),
        ));
        drop(tx);
        let mut summary = ScanSummary::default();
        let mut seen_discovered = 0;
        while let Some(report) = rx.recv().await {
            summary.add(&report, &self.engine);
            let d = discovered.load(Ordering::Relaxed).max(summary.assets);
            if d != seen_discovered {
                seen_discovered = d;
                progress.discovered(d);
            }
            progress.finished(&report);
            if !sink.report(report) {
                summary.stopped_early = true;
                break;
            }
        }
        drop(rx);
        if summary.stopped_early {
            producer.abort();
        } else if let Err(e) = producer.await
            && e.is_panic()
        {
            let report = AssetReport::failed(
                "scan",
                AssetKind::File,
                AssetError::new(
                    AssetErrorKind::Io,
                    "internal error: the scan driver stopped unexpectedly",
                ),
            );
            summary.add(&report, &self.engine);
            progress.finished(&report);
            sink.report(report);
        }
        summary.duration = start.elapsed();
        summary
    }
}

/// A per-asset seed: the scan seed mixed with the location, so sampling does not depend on
/// the order assets are found in.
fn asset_seed(opts: &ScanOptions, location: &str) -> u64 {
    let h = fingerprint([location.as_bytes(), &opts.seed.to_le_bytes()]);
    u64::from_str_radix(&h, 16).unwrap_or(opts.seed)
}

fn panicked(location: &str, kind: AssetKind) -> AssetReport {
    AssetReport::failed(
        location,
        kind,
        AssetError::new(
            AssetErrorKind::Io,
            format!(
                "{location}: internal error while reading this asset (the reader panicked); the scan went on"
            ),
        ),
    )
}

async fn produce(
    targets: Vec<Target>,
    engine: Arc<Engine>,
    opts: ScanOptions,
    tx: mpsc::Sender<AssetReport>,
    discovered: Arc<AtomicU64>,
) {
    let mut databases = tokio::task::JoinSet::new();
    let spawn_db =
        |set: &mut tokio::task::JoinSet<String>, source: DatabaseSource, name: Option<String>| {
            let engine = engine.clone();
            let opts = opts.clone();
            let tx = tx.clone();
            set.spawn(async move {
                let location = source
                    .url
                    .as_deref()
                    .map(crate::target::redact_url)
                    .unwrap_or_else(|| "database".to_string());
                db::scan_database(&source, name.as_deref(), engine, &opts, tx).await;
                location
            });
        };
    for target in targets {
        let name = target.name.clone();
        let with_name = |mut r: AssetReport| {
            r.source.clone_from(&name);
            r
        };
        match target.source {
            SourceConfig::Postgres(d) | SourceConfig::Mysql(d) | SourceConfig::Sqlite(d) => {
                discovered.fetch_add(1, Ordering::Relaxed);
                spawn_db(&mut databases, d, name.clone());
            }
            SourceConfig::Files(f) => {
                let group = f.datasets;
                let walked = tokio::task::spawn_blocking(move || walk_local(&f)).await;
                let walked = match walked {
                    Ok(Ok(w)) => w,
                    Ok(Err(error)) => {
                        let loc = error
                            .message
                            .split(": ")
                            .next()
                            .unwrap_or("files")
                            .to_string();
                        discovered.fetch_add(1, Ordering::Relaxed);
                        if tx
                            .send(with_name(AssetReport::failed(loc, AssetKind::File, error)))
                            .await
                            .is_err()
                        {
                            return;
                        }
                        continue;
                    }
                    Err(_) => {
                        discovered.fetch_add(1, Ordering::Relaxed);
                        let _ = tx.send(with_name(panicked("files", AssetKind::File))).await;
                        continue;
                    }
                };
                for path in walked.databases {
                    discovered.fetch_add(1, Ordering::Relaxed);
                    let source = DatabaseSource::from_url(&format!("sqlite://{}", path.display()));
                    spawn_db(&mut databases, source, name.clone());
                }
                discovered.fetch_add(walked.failures.len() as u64, Ordering::Relaxed);
                for failure in walked.failures {
                    if tx.send(with_name(failure)).await.is_err() {
                        return;
                    }
                }
                let planned = plan(walked.blobs, group, &walked.root_location);
                if !run_assets(planned, &engine, &opts, &tx, &name, &discovered).await {
                    return;
                }
            }
            SourceConfig::S3(_) | SourceConfig::Gcs(_) | SourceConfig::Azure(_) => {
                let (o, kind) = match target.source {
                    SourceConfig::Gcs(o) => (o, StoreKind::Gcs),
                    SourceConfig::Azure(o) => (o, StoreKind::Azure),
                    SourceConfig::S3(o) => (o, StoreKind::S3),
                    _ => continue,
                };
                let listed = async {
                    let filter = Filter::new(&o.include, &o.exclude).map_err(|r| {
                        AssetError::new(AssetErrorKind::Unsupported, format!("{}: {r}", o.url))
                    })?;
                    let bucket = open_bucket(&o, kind)?;
                    let metas = list_bucket(&bucket).await?;
                    let blobs: Vec<Blob> = metas
                        .into_iter()
                        .map(|m| {
                            Blob::object(bucket.store.clone(), &bucket.base_url, &bucket.prefix, m)
                        })
                        .filter(|b| filter.file(&b.rel))
                        .collect();
                    let root = if bucket.prefix.as_ref().is_empty() {
                        bucket.base_url.clone()
                    } else {
                        format!("{}/{}", bucket.base_url, bucket.prefix)
                    };
                    Ok::<_, AssetError>((blobs, root))
                }
                .await;
                match listed {
                    Ok((blobs, root)) => {
                        let planned = plan(blobs, o.datasets, &root);
                        if !run_assets(planned, &engine, &opts, &tx, &name, &discovered).await {
                            return;
                        }
                    }
                    Err(error) => {
                        discovered.fetch_add(1, Ordering::Relaxed);
                        let report =
                            with_name(AssetReport::failed(o.url.clone(), AssetKind::Object, error));
                        if tx.send(report).await.is_err() {
                            return;
                        }
                    }
                }
            }
        }
    }
    while let Some(done) = databases.join_next().await {
        if let Err(e) = done
            && e.is_panic()
        {
            let _ = tx.send(panicked("database", AssetKind::Table)).await;
        }
    }
}

/// Reads the planned assets, `concurrency` at a time. Returns false when the sink is gone.
async fn run_assets(
    planned: Vec<Planned>,
    engine: &Arc<Engine>,
    opts: &ScanOptions,
    tx: &mpsc::Sender<AssetReport>,
    name: &Option<String>,
    discovered: &AtomicU64,
) -> bool {
    discovered.fetch_add(planned.len() as u64, Ordering::Relaxed);
    let mut reports = futures::stream::iter(planned)
        .map(|p| {
            let engine = engine.clone();
            let opts = opts.clone();
            let (location, kind) = match &p {
                Planned::File(b) => (
                    b.location.clone(),
                    if b.is_object() {
                        AssetKind::Object
                    } else {
                        AssetKind::File
                    },
                ),
                Planned::Dataset { location, .. } => (location.clone(), AssetKind::Dataset),
            };
            async move {
                match tokio::task::spawn_blocking(move || scan_planned(p, &engine, &opts)).await {
                    Ok(report) => report,
                    Err(_) => panicked(&location, kind),
                }
            }
        })
        .buffer_unordered(opts.concurrency.max(1));
    while let Some(mut report) = reports.next().await {
        report.source.clone_from(name);
        if tx.send(report).await.is_err() {
            return false;
        }
    }
    true
}

/// Reads one planned asset on the current (blocking) thread.
fn scan_planned(planned: Planned, engine: &Engine, opts: &ScanOptions) -> AssetReport {
    match planned {
        Planned::File(blob) => {
            let kind = if blob.is_object() {
                AssetKind::Object
            } else {
                AssetKind::File
            };
            let mut c = Collector::new(engine);
            let result = formats::scan_blob(
                &blob,
                engine,
                opts,
                &mut c,
                asset_seed(opts, &blob.location),
            );
            let rows = c.rows;
            let (fields, notes) = c.finish();
            let mut meta = blob.meta();
            meta.bytes_read = blob.bytes_read();
            meta.rows_sampled = rows;
            meta.notes = notes;
            let mut report = AssetReport {
                asset: blob.location.clone(),
                kind,
                source: None,
                meta,
                fields,
                error: None,
            };
            match result {
                Ok(o) => {
                    report.meta.format = Some(o.format.to_string());
                    report.meta.row_estimate = o.row_estimate;
                    report.meta.schema_fingerprint = o.schema_fingerprint;
                }
                Err(e) => {
                    if rows == 0 {
                        report.fields.clear();
                    }
                    report.error = Some(e);
                }
            }
            report
        }
        Planned::Dataset { location, files } => scan_dataset(location, files, engine, opts),
    }
}

fn scan_dataset(
    location: String,
    files: Vec<Blob>,
    engine: &Engine,
    opts: &ScanOptions,
) -> AssetReport {
    let total = files.len();
    let seed = asset_seed(opts, &location);
    let chosen: Vec<&Blob> = match opts.mode {
        SamplingMode::Full => files.iter().collect(),
        SamplingMode::Sample => {
            let k = usize::try_from(opts.dataset_files)
                .unwrap_or(1)
                .max(1)
                .min(total);
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut idx = (0..total).choose_multiple(&mut rng, k);
            idx.sort_unstable();
            idx.into_iter().map(|i| &files[i]).collect()
        }
    };
    let mut c = Collector::new(engine);
    let mut errors: Vec<AssetError> = Vec::new();
    let mut format = None;
    let mut fingerprint = None;
    let mut rows_known: Option<u64> = Some(0);
    for blob in &chosen {
        match formats::scan_blob(blob, engine, opts, &mut c, asset_seed(opts, &blob.location)) {
            Ok(o) => {
                format.get_or_insert(o.format);
                if fingerprint.is_none() {
                    fingerprint = o.schema_fingerprint;
                }
                rows_known = rows_known.zip(o.row_estimate).map(|(a, b)| a + b);
            }
            Err(e) => {
                c.note(format!("{}: {}", blob.rel, e.message));
                errors.push(e);
            }
        }
    }
    let rows = c.rows;
    let (fields, notes) = c.finish();
    let sampled = chosen.len();
    let mut report = AssetReport {
        asset: location,
        kind: AssetKind::Dataset,
        source: None,
        meta: piicat_classifiers::AssetMeta {
            size_bytes: Some(files.iter().map(|b| b.size).sum()),
            modified: files.iter().filter_map(|b| b.modified.clone()).max(),
            format: format.map(str::to_string),
            rows_sampled: rows,
            bytes_read: chosen.iter().map(|b| b.bytes_read()).sum(),
            files: Some(DatasetFiles {
                total: total as u64,
                sampled: sampled as u64,
            }),
            notes,
            schema_fingerprint: fingerprint,
            row_estimate: rows_known
                .filter(|_| errors.is_empty() && sampled > 0)
                .map(|r| r.saturating_mul(total as u64) / sampled as u64),
            etag: None,
        },
        fields,
        error: None,
    };
    if !errors.is_empty() && errors.len() == sampled {
        report.error = errors.into_iter().next();
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_findings_by_sensitivity() {
        let engine = Engine::builtin();
        let mut s = ScanSummary::default();
        let mut r = AssetReport::failed(
            "x",
            AssetKind::File,
            AssetError::new(AssetErrorKind::Io, "x"),
        );
        s.add(&r, &engine);
        r.error = None;
        r.fields
            .push(engine.classify_field("email", ["a@example.com", "b@example.org"]));
        s.add(&r, &engine);
        assert_eq!((s.assets, s.failed, s.fields), (2, 1, 1));
        assert!(s.findings_at_or_above(Sensitivity::Low) >= 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_reader_becomes_a_failed_report() {
        let joined =
            tokio::task::spawn_blocking(|| -> AssetReport { panic!("secret@example.com") }).await;
        let report = match joined {
            Ok(r) => r,
            Err(_) => panicked("file:///x", AssetKind::File),
        };
        let err = report.error.unwrap();
        assert_eq!(err.kind, AssetErrorKind::Io);
        assert!(!err.message.contains("secret"));
    }

    #[test]
    fn seeds_depend_on_location_not_order() {
        let o = ScanOptions::default();
        assert_eq!(asset_seed(&o, "a"), asset_seed(&o, "a"));
        assert_ne!(asset_seed(&o, "a"), asset_seed(&o, "b"));
    }
}
