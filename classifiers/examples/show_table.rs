use piicat_classifiers::Engine;
fn main() {
    let engine = Engine::builtin();
    let want = std::env::args().nth(1).unwrap();
    for (name, values) in piicat_testkit::bench_table(10_000) {
        if !name.contains(&want) {
            continue;
        }
        let mut fails = std::collections::BTreeMap::new();
        for v in &values {
            let f = engine.classify_field(&name, [v.as_str()]);
            if f.classes.is_empty() || f.classes[0].reasons.iter().any(|r| r.contains("inside")) {
                let t = engine
                    .find_in_text(v)
                    .iter()
                    .map(|m| format!("{}:{}", m.class.id, &v[m.start..m.end]))
                    .collect::<Vec<_>>()
                    .join(",");
                *fails.entry((v.clone(), t)).or_insert(0) += 1;
            }
        }
        println!("{name}: {} failing", fails.values().sum::<i32>());
        for (k, c) in fails.iter().take(60) {
            println!("   {c} {k:?}");
        }
    }
}
