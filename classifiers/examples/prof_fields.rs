use piicat_classifiers::{Engine, FingerprintKey};
fn main() {
    let engine = Engine::builder()
        .fingerprint_key(FingerprintKey::from_bytes([7; 32]))
        .build()
        .unwrap();
    let columns = piicat_testkit::bench_table(10_000);
    let only = std::env::args().nth(1).unwrap_or("all".into());
    let reps: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(40);
    let mut best = f64::MAX;
    let mut n = 0;
    let mut cells = 0;
    for _ in 0..reps {
        let t = std::time::Instant::now();
        cells = 0;
        for (name, values) in &columns {
            if only != "all" && !name.contains(only.as_str()) {
                continue;
            }
            cells += values.len();
            n += engine
                .classify_field(name, values.iter().map(String::as_str))
                .classes
                .len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} M cells best {:.1} ns/cell ({n})",
        cells as f64 / best / 1e6,
        best * 1e9 / cells as f64
    );
}
