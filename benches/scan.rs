//! End-to-end scanner benchmarks on generated data (made once into `target/bench-data/` and
//! reused):
//! - a 1 GiB directory of logs, sampled (criterion) and read in full (one timed pass):
//!   bytes/s and the peak RSS of the scan (VmHWM, reset before each measurement);
//! - a sampled scan of a ≥ 2 GiB partitioned Parquet dataset: bytes read as a share of the
//!   dataset, which must stay ≤ 5%.
//!
//! Run: `cargo bench --bench scan`. Figures are printed as `scan-bench:` lines.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piicat_classifiers::Engine;
use piicat_scanner::{
    CollectSink, NoProgress, SamplingMode, ScanOptions, ScanSummary, Scanner, SourceConfig, Target,
};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The scanner's memory bound: peak RSS of a full streaming pass, in MiB.
const MAX_RSS_MIB: f64 = 256.0;

const LOG_FILES: usize = 16;
const LOG_FILE_BYTES: usize = 64 << 20;
const PARQUET_FILES: usize = 32;
const PARQUET_ROWS_PER_FILE: usize = 200_000;
const PARQUET_ROW_GROUP: usize = 20_000;

fn bench_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

fn dir_size(dir: &Path) -> u64 {
    walk(dir)
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// 1 GiB of production-like logs in 16 files (testkit's sparse mix: 2% of lines carry PII).
fn log_dir() -> PathBuf {
    let dir = bench_data().join("logs");
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).expect("bench data dir");
    // Production-like logs: 2% of lines carry PII, the rest are ordinary decoy-laden lines.
    let chunk = piicat_testkit::log_text_sparse(7, 8 << 20, 20);
    for i in 0..LOG_FILES {
        let mut text = String::with_capacity(LOG_FILE_BYTES + chunk.len());
        let mut n = 0u64;
        while text.len() < LOG_FILE_BYTES {
            // Vary the repeated chunk a little so files are not byte-identical.
            text.push_str(&format!("{i:04}-{n:08} boot\n"));
            text.push_str(&chunk);
            n += 1;
        }
        std::fs::write(dir.join(format!("app-{i:02}.log")), text).expect("write log");
    }
    std::fs::write(&done, b"").expect("marker");
    dir
}

/// A ≥ 2 GiB partitioned Parquet dataset, uncompressed so its size is real.
fn parquet_dir() -> PathBuf {
    use arrow::array::{ArrayRef, Float64Builder, StringBuilder};
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    use rand::{Rng, SeedableRng};

    let dir = bench_data().join("parquet");
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let pool = |class: &str, rng: &mut rand_chacha::ChaCha8Rng| -> Vec<String> {
        (0..4096)
            .map(|_| piicat_testkit::value(class, rng))
            .collect()
    };
    let emails = pool("EMAIL", &mut rng);
    let phones = pool("PHONE_NUMBER", &mut rng);
    let names = pool("PERSON_NAME", &mut rng);
    let schema = Arc::new(Schema::new(vec![
        Field::new("email", DataType::Utf8, false),
        Field::new("phone", DataType::Utf8, false),
        Field::new("name", DataType::Utf8, false),
        Field::new("payload", DataType::Utf8, false),
        Field::new("amount", DataType::Float64, false),
    ]));
    for f in 0..PARQUET_FILES {
        let path = dir.join(format!("events/day={:02}/part-{:04}.parquet", f / 4 + 1, f));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dataset dir");
        let props = WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .set_dictionary_enabled(false)
            .set_max_row_group_row_count(Some(PARQUET_ROW_GROUP))
            .build();
        let file = std::fs::File::create(&path).expect("create parquet");
        let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).expect("writer");
        for _ in 0..PARQUET_ROWS_PER_FILE / PARQUET_ROW_GROUP {
            let (mut e, mut p, mut n, mut pl, mut a) = (
                StringBuilder::new(),
                StringBuilder::new(),
                StringBuilder::new(),
                StringBuilder::new(),
                Float64Builder::new(),
            );
            for _ in 0..PARQUET_ROW_GROUP {
                e.append_value(&emails[rng.random_range(0..emails.len())]);
                p.append_value(&phones[rng.random_range(0..phones.len())]);
                n.append_value(&names[rng.random_range(0..names.len())]);
                let bytes: [u8; 160] = std::array::from_fn(|_| rng.random());
                pl.append_value(hex(&bytes));
                a.append_value(rng.random_range(0.0..1000.0));
            }
            let cols: Vec<ArrayRef> = vec![
                Arc::new(e.finish()),
                Arc::new(p.finish()),
                Arc::new(n.finish()),
                Arc::new(pl.finish()),
                Arc::new(a.finish()),
            ];
            writer
                .write(&RecordBatch::try_new(schema.clone(), cols).expect("batch"))
                .expect("write");
        }
        writer.close().expect("close");
    }
    std::fs::write(&done, b"").expect("marker");
    dir
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Resets the peak-RSS counter (Linux `clear_refs` 5) so VmHWM measures what follows.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn scan(
    rt: &tokio::runtime::Runtime,
    engine: &Arc<Engine>,
    target: Target,
    opts: ScanOptions,
) -> ScanSummary {
    let scanner = Scanner::new(engine.clone(), opts);
    rt.block_on(async {
        let mut sink = CollectSink::default();
        let summary = scanner.run(vec![target], &mut sink, &NoProgress).await;
        assert_eq!(summary.failed, 0, "bench scan had failures");
        assert!(
            summary.findings_at_or_above(piicat_classifiers::Sensitivity::Low) > 0,
            "no findings"
        );
        black_box(sink.reports.len());
        summary
    })
}

fn files_target(dir: &Path, include: &[&str]) -> Target {
    let mut t = Target::path(dir.to_path_buf());
    if let SourceConfig::Files(f) = &mut t.source {
        f.include = include.iter().map(|s| s.to_string()).collect();
    }
    t
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let engine = Arc::new(Engine::builtin());
    let logs = log_dir();
    let logs_size = dir_size(&logs);

    // One full pass over the whole 1 GiB, timed once (a criterion loop of full passes would
    // take many minutes on 2 cores): bytes/s and peak RSS. SCAN_BENCH_FULL=0 skips it.
    let full = ScanOptions {
        mode: SamplingMode::Full,
        ..ScanOptions::default()
    };
    if std::env::var("SCAN_BENCH_FULL").as_deref() != Ok("0") {
        reset_peak_rss();
        let start = Instant::now();
        let s = scan(&rt, &engine, files_target(&logs, &[]), full);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "scan-bench: logs full: {:.0} MiB in {secs:.1}s = {:.1} MiB/s, read {} bytes, peak RSS {:.0} MiB",
            logs_size as f64 / 1048576.0,
            logs_size as f64 / 1048576.0 / secs,
            s.bytes_read,
            peak_rss_mib()
        );
        // The scanner's memory bound: a full pass streams, whatever the input size.
        assert!(
            peak_rss_mib() < MAX_RSS_MIB,
            "a full scan of the logs peaked at {:.0} MiB",
            peak_rss_mib()
        );
    }

    let mut g = c.benchmark_group("scan_logs");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(logs_size));
    reset_peak_rss();
    g.bench_function("sample_1GiB", |b| {
        b.iter(|| {
            scan(
                &rt,
                &engine,
                files_target(&logs, &[]),
                ScanOptions::default(),
            )
        })
    });
    println!(
        "scan-bench: logs sample: peak RSS {:.0} MiB",
        peak_rss_mib()
    );
    g.finish();

    let pq = parquet_dir();
    let pq_size = dir_size(&pq);
    let mut g = c.benchmark_group("scan_parquet");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(pq_size));
    reset_peak_rss();
    let mut last = None;
    g.bench_function("sample_dataset", |b| {
        b.iter(|| {
            last = Some(scan(
                &rt,
                &engine,
                files_target(&pq, &[]),
                ScanOptions::default(),
            ))
        })
    });
    g.finish();
    if let Some(s) = last {
        let share = s.bytes_read as f64 / pq_size as f64;
        println!(
            "scan-bench: parquet sample: dataset {:.0} MiB, read {:.1} MiB = {:.2}% (limit 5%), peak RSS {:.0} MiB",
            pq_size as f64 / 1048576.0,
            s.bytes_read as f64 / 1048576.0,
            share * 100.0,
            peak_rss_mib()
        );
        assert!(
            share <= 0.05,
            "sampled Parquet scan read {:.2}% of the dataset",
            share * 100.0
        );
    }
}

criterion_group!(scan_benches, benches);
criterion_main!(scan_benches);
