use piicat_classifiers::Engine;
fn main() {
    let engine = Engine::builtin();
    let col = std::env::args().nth(1).unwrap();
    let reps: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let values: Vec<String> = piicat_testkit::bench_table(10_000)
        .into_iter()
        .find(|(n, _)| n.contains(&col))
        .unwrap()
        .1;
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for v in &values {
            n += engine.find_in_text(v).len();
        }
    }
    eprintln!(
        "{n} {:.0} ns/value",
        t.elapsed().as_nanos() as f64 / (reps * values.len()) as f64
    );
}
