//! A quick throughput probe of the engine (release build): free text over testkit's mixed log
//! lines and field classification of realistic columns, single thread, warm caches, median of
//! several runs. The criterion benches (`cargo bench --bench classify`) are the reference;
//! this answers "did that change help" in seconds.
//!
//! Run: `cargo run --release -p piicat-classifiers --example throughput [-- text|fields]`.

use piicat_classifiers::{Engine, FingerprintKey};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let engine = Engine::builder()
        .fingerprint_key(FingerprintKey::from_bytes([7; 32]))
        .build()
        .expect("engine");
    if what == "all" || what == "sparse" {
        let text = piicat_testkit::log_text_sparse(42, 16 << 20, 20);
        let found = engine.find_in_text(&text).len();
        let runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                assert_eq!(engine.find_in_text(&text).len(), found);
                text.len() as f64 / t.elapsed().as_secs_f64() / 1e6
            })
            .collect();
        println!(
            "sparse text (2% PII lines): {:.1} MB/s per core (median of 5, {} bytes, {found} findings)",
            median(runs),
            text.len()
        );
    }
    if what == "all" || what == "text" {
        let text = piicat_testkit::log_text(42, 4 << 20);
        let found = engine.find_in_text(&text).len();
        let runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                assert_eq!(engine.find_in_text(&text).len(), found);
                text.len() as f64 / t.elapsed().as_secs_f64() / 1e6
            })
            .collect();
        println!(
            "text: {:.1} MB/s per core (median of 5, {} bytes, {found} findings)",
            median(runs),
            text.len()
        );
    }
    if what == "all" || what == "fields" {
        let classes = [
            "EMAIL",
            "PHONE_NUMBER",
            "PERSON_NAME",
            "STREET_ADDRESS",
            "CREDIT_CARD",
            "IBAN",
            "US_SSN",
            "IP_ADDRESS",
            "DATE_OF_BIRTH",
            "UK_NINO",
        ];
        let rows = 10_000;
        let columns: Vec<(String, Vec<String>)> = classes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    format!("col_{i}_{}", c.to_lowercase()),
                    piicat_testkit::column(c, rows, i as u64),
                )
            })
            .collect();
        let cells = (columns.len() * rows) as f64;
        let runs: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                for (name, values) in &columns {
                    let f = engine.classify_field(name, values.iter().map(String::as_str));
                    assert!(!f.classes.is_empty(), "{name} found nothing");
                }
                cells / t.elapsed().as_secs_f64() / 1e6
            })
            .collect();
        println!(
            "fields: {:.2} M cells/s per core (median of 5)",
            median(runs)
        );
    }
}
