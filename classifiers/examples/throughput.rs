//! A quick throughput probe of the engine (release build): free text over production-like
//! logs (2% PII lines) and over testkit's dense PII log text, and field classification of the
//! benchmark table, single thread, warm caches, median of five runs. The criterion benches
//! (`cargo bench --bench classify`) are the reference; this answers "did that change help"
//! in seconds.
//!
//! Run: `cargo run --release -p piicat-classifiers --example throughput
//! [-- sparse|text|fields|columns|fields2]`; `columns` times each column of the table alone,
//! in ns per value, to show which classes cost what; `fields2` runs the table on two threads
//! that live across 30 passes (caches warm, columns taken one at a time from a shared
//! counter), which tells two versions of the code apart where the criterion bench's
//! minute-to-minute spread hides a few percent.

use piicat_classifiers::{Engine, FingerprintKey};
use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median single-thread throughput of `find_in_text` over `text`, caches warm.
fn text_speed(engine: &Engine, what: &str, text: &str) {
    let found = engine.find_in_text(text).len();
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            assert_eq!(engine.find_in_text(text).len(), found);
            text.len() as f64 / t.elapsed().as_secs_f64() / 1e6
        })
        .collect();
    println!(
        "{what}: {:.1} MB/s per core (median of 5, {} bytes, {found} findings)",
        median(runs),
        text.len()
    );
}

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let engine = Engine::builder()
        .fingerprint_key(FingerprintKey::from_bytes([7; 32]))
        .build()
        .expect("engine");
    if what == "all" || what == "sparse" {
        let text = piicat_testkit::log_text_sparse(42, 16 << 20, 20);
        text_speed(&engine, "sparse text (2% PII lines)", &text);
    }
    if what == "all" || what == "text" {
        text_speed(
            &engine,
            "dense text",
            &piicat_testkit::log_text(42, 4 << 20),
        );
    }
    if what == "all" || what == "fields" {
        let rows = 10_000;
        let columns = piicat_testkit::bench_table(rows);
        let cells = (columns.len() * rows) as f64;
        let runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let found: usize = columns
                    .iter()
                    .map(|(name, values)| {
                        let f = engine.classify_field(name, values.iter().map(String::as_str));
                        f.classes.len()
                    })
                    .sum();
                assert!(found >= 10, "the PII columns must be found");
                cells / t.elapsed().as_secs_f64() / 1e6
            })
            .collect();
        println!(
            "fields: {:.2} M cells/s per core (median of 5, {} columns x {rows})",
            median(runs),
            columns.len()
        );
    }
    if what == "columns" {
        for (name, values) in piicat_testkit::bench_table(10_000) {
            let runs: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let f = engine.classify_field(&name, values.iter().map(String::as_str));
                    std::hint::black_box(f);
                    t.elapsed().as_secs_f64() * 1e9 / values.len() as f64
                })
                .collect();
            println!("{name:24} {:6.0} ns per value (median of 5)", median(runs));
        }
    }
    if what == "fields2" {
        two_threads(&engine);
    }
}

/// The fields table on two threads kept across passes: each pass, they take columns one at
/// a time from a shared counter until none is left.
fn two_threads(engine: &Engine) {
    const THREADS: usize = 2;
    const PASSES: usize = 30;
    let rows = 10_000;
    let columns = piicat_testkit::bench_table(rows);
    let next = AtomicUsize::new(0);
    let (start, end) = (Barrier::new(THREADS + 1), Barrier::new(THREADS + 1));
    let mut runs = Vec::new();
    std::thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..PASSES {
                    start.wait();
                    while let Some((name, values)) =
                        columns.get(next.fetch_add(1, Ordering::Relaxed))
                    {
                        let f = engine.classify_field(name, values.iter().map(String::as_str));
                        std::hint::black_box(f);
                    }
                    end.wait();
                }
            });
        }
        for _ in 0..PASSES {
            next.store(0, Ordering::Relaxed);
            let t = Instant::now();
            start.wait();
            end.wait();
            runs.push((columns.len() * rows) as f64 / t.elapsed().as_secs_f64() / 1e6);
        }
    });
    let best = runs.iter().copied().fold(0.0, f64::max);
    println!(
        "fields on {THREADS} threads: {:.2} M cells/s median, {best:.2} best ({PASSES} passes)",
        median(runs)
    );
}
