//! Prints what the engine misses or wrongly reports on the testkit corpus, per class:
//! `cargo run -p piicat-classifiers --example accuracy_misses -- [standard|holdout] [CLASS]`.
//! A tool for tuning detectors; the accuracy tests hold the thresholds.

use piicat_classifiers::Engine;
use piicat_testkit::{Profile, fields_corpus, text_corpus};
use std::collections::BTreeSet;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("field") {
        let engine = Engine::builtin();
        let f = engine.classify_field(&args[2], args[3..].iter().map(String::as_str));
        println!("{f:#?}");
        return;
    }
    if args.get(1).map(String::as_str) == Some("text") {
        let engine = Engine::builtin();
        for m in engine.find_in_text(&args[2]) {
            println!(
                "{} {:.2} `{}`",
                m.class.id,
                m.confidence,
                &args[2][m.start..m.end]
            );
        }
        return;
    }
    let (profile, seed) = match args.get(1).map(String::as_str) {
        Some("holdout") => (Profile::Holdout, 7),
        _ => (Profile::Standard, 1),
    };
    let only = args.get(2).cloned();
    let engine = Engine::builtin();
    let (mut ftp, mut ffp, mut ffn, mut ttp, mut tfp, mut tfn) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let wanted = |c: &str| only.as_deref().is_none_or(|o| o == c);
    for f in fields_corpus(profile, seed) {
        let finding = engine.classify_field(&f.name, f.values.iter().map(String::as_str));
        let got: BTreeSet<String> = finding.classes.iter().map(|c| c.class.clone()).collect();
        let want: BTreeSet<String> = f.expected.iter().cloned().collect();
        ftp += got.intersection(&want).count() as u32;
        ffp += got.difference(&want).count() as u32;
        ffn += want.difference(&got).count() as u32;
        for c in got.symmetric_difference(&want) {
            if wanted(c) {
                let kind = if got.contains(c) {
                    "FIELD FP"
                } else {
                    "FIELD FN"
                };
                let sample: Vec<&str> = f.values.iter().take(4).map(String::as_str).collect();
                println!("{kind} {c} name={} sample={sample:?}", f.name);
                if let Some(score) = finding.classes.iter().find(|s| &s.class == c) {
                    println!(
                        "    {:.2} {:?} {:?}",
                        score.confidence, score.reasons, score.masked_examples
                    );
                }
            }
        }
    }
    for line in text_corpus(profile, seed) {
        let got = engine.find_in_text(&line.text);
        for s in &line.spans {
            let hit = got
                .iter()
                .any(|m| m.class.id == s.class && m.start < s.end && s.start < m.end);
            if hit {
                ttp += 1
            } else {
                tfn += 1
            }
            if !hit && wanted(&s.class) {
                println!(
                    "TEXT FN {} `{}` in: {}",
                    s.class,
                    &line.text[s.start..s.end],
                    line.text
                );
            }
        }
        for m in &got {
            let hit = line
                .spans
                .iter()
                .any(|s| m.class.id == s.class && m.start < s.end && s.start < m.end);
            if !hit {
                tfp += 1
            }
            if !hit && wanted(&m.class.id) {
                println!(
                    "TEXT FP {} `{}` in: {}",
                    m.class.id,
                    &line.text[m.start..m.end],
                    line.text
                );
            }
        }
    }
    let pr = |tp: u32, fp: u32, fn_: u32| {
        (
            f64::from(tp) / f64::from((tp + fp).max(1)),
            f64::from(tp) / f64::from((tp + fn_).max(1)),
        )
    };
    let (fp_, fr) = pr(ftp, ffp, ffn);
    let (tp_, tr) = pr(ttp, tfp, tfn);
    println!(
        "SUMMARY fields P={fp_:.3} R={fr:.3} (tp {ftp} fp {ffp} fn {ffn}); text P={tp_:.3} R={tr:.3} (tp {ttp} fp {tfp} fn {tfn})"
    );
}
