//! Detection-engine throughput: free text with every built-in detector on, 1 and 2 threads,
//! in bytes/s — dense PII log text (`text`) and production-like logs where 2% of lines carry
//! PII (`text_production_logs`); and field classification of realistic columns on all
//! cores, in cells/s. Inputs come from `piicat-testkit`, generated once outside the timed loop.
//!
//! Run: `cargo bench --bench classify`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use piicat_classifiers::{Engine, FingerprintKey};
use rayon::prelude::*;
use std::hint::black_box;

/// Splits text into line-aligned chunks of about `size` bytes, as `piicat classify` does.
fn chunks(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let end = rest[cut..].find('\n').map_or(rest.len(), |i| cut + i + 1);
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

fn text(c: &mut Criterion) {
    // Dense: every line is PII or a decoy made to fool a scanner (the cost of confirming
    // candidates). Production-like: 2% of lines carry PII (the cost of the scan itself).
    text_group(
        c,
        "text",
        piicat_testkit::log_text(42, 4 << 20),
        "classify-log.txt",
    );
    text_group(
        c,
        "text_production_logs",
        piicat_testkit::log_text_sparse(42, 16 << 20, 20),
        "classify-log-sparse.txt",
    );
}

fn text_group(c: &mut Criterion, name: &str, log: String, file: &str) {
    let engine = Engine::builtin();
    // Kept on disk so `scripts/rg-baseline.sh` measures ripgrep on exactly this text.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(file), &log);
    }
    let parts = chunks(&log, 1 << 20);
    // The result is checked inside the timed loop, so the work cannot be optimised away.
    let expected: usize = parts.iter().map(|p| engine.find_in_text(p).len()).sum();
    assert!(expected > 0, "the benchmark text must contain PII");
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(log.len() as u64));
    group.sample_size(10);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        group.bench_with_input(
            BenchmarkId::new("log_all_detectors", threads),
            &threads,
            |b, _| {
                b.iter(|| {
                    let found: usize = pool.install(|| {
                        parts
                            .par_iter()
                            .map(|p| engine.find_in_text(black_box(p)).len())
                            .sum()
                    });
                    assert_eq!(found, expected);
                })
            },
        );
    }
    group.finish();
}

fn fields(c: &mut Criterion) {
    let key = FingerprintKey::from_bytes([7; 32]);
    let engine = Engine::builder()
        .fingerprint_key(key)
        .build()
        .expect("engine");
    // A realistic table mix: PII columns of several classes and the decoy columns that
    // surround them in real schemas.
    let rows = 10_000;
    let columns = piicat_testkit::bench_table(rows);
    let cells = (columns.len() * rows) as u64;
    let expected: usize = columns
        .iter()
        .map(|(n, v)| {
            engine
                .classify_field(n, v.iter().map(String::as_str))
                .classes
                .len()
        })
        .sum();
    let mut group = c.benchmark_group("fields");
    group.throughput(Throughput::Elements(cells));
    group.sample_size(10);
    group.bench_function("realistic_columns_all_cores", |b| {
        b.iter(|| {
            // One task per column, as the scanner runs one per asset: rayon's default split
            // of 15 uneven columns into a few chunks leaves one core idle at the end.
            let found: usize = columns
                .par_iter()
                .with_max_len(1)
                .map(|(name, values)| {
                    engine
                        .classify_field(black_box(name), values.iter().map(String::as_str))
                        .classes
                        .len()
                })
                .sum();
            assert_eq!(found, expected);
        })
    });
    group.finish();
}

criterion_group!(benches, text, fields);
criterion_main!(benches);
