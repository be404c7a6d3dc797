//! Shared helpers for the scanner's integration tests: one engine per binary, a scan that
//! collects every report, and lookups by asset and field.

use piicat_classifiers::{AssetReport, Engine, FieldFinding};
use piicat_scanner::{CollectSink, NoProgress, ScanOptions, ScanSummary, Scanner, Target};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    Arc::clone(ENGINE.get_or_init(|| Arc::new(Engine::builtin())))
}

/// The repository's committed `samples/` directory.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

pub async fn scan(targets: Vec<Target>, opts: ScanOptions) -> (Vec<AssetReport>, ScanSummary) {
    let scanner = Scanner::new(engine(), opts);
    let mut sink = CollectSink::default();
    let summary = scanner.run(targets, &mut sink, &NoProgress).await;
    let mut reports = sink.reports;
    reports.sort_by(|a, b| a.asset.cmp(&b.asset));
    (reports, summary)
}

/// The one report whose location ends with `suffix`.
pub fn report<'a>(reports: &'a [AssetReport], suffix: &str) -> &'a AssetReport {
    let found: Vec<&AssetReport> = reports
        .iter()
        .filter(|r| r.asset.ends_with(suffix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one report ending {suffix}, got {:?}",
        locations(reports)
    );
    found[0]
}

pub fn locations(reports: &[AssetReport]) -> Vec<&str> {
    reports.iter().map(|r| r.asset.as_str()).collect()
}

pub fn field<'a>(report: &'a AssetReport, path: &str) -> &'a FieldFinding {
    report
        .fields
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| {
            panic!(
                "{}: no field {path}; fields: {:?}",
                report.asset,
                paths(report)
            )
        })
}

pub fn paths(report: &AssetReport) -> Vec<&str> {
    report.fields.iter().map(|f| f.path.as_str()).collect()
}

pub fn classes(field: &FieldFinding) -> Vec<&str> {
    field.classes.iter().map(|c| c.class.as_str()).collect()
}

/// The field holds `class` (among its classes).
#[track_caller]
pub fn assert_class(report: &AssetReport, path: &str, class: &str) {
    let f = field(report, path);
    assert!(
        classes(f).contains(&class),
        "{}: field {path} should hold {class}, has {:?}",
        report.asset,
        classes(f)
    );
}

/// The field holds no class at all (a decoy).
#[track_caller]
pub fn assert_clean(report: &AssetReport, path: &str) {
    let f = field(report, path);
    assert!(
        f.classes.is_empty(),
        "{}: decoy field {path} should hold nothing, has {:?}",
        report.asset,
        classes(f)
    );
}

/// A human dump of what a report found, for failure messages.
pub fn dump(reports: &[AssetReport]) -> String {
    let mut s = String::new();
    for r in reports {
        s.push_str(&format!("{} {:?} err={:?}\n", r.asset, r.kind, r.error));
        for f in &r.fields {
            s.push_str(&format!("   {} {:?}\n", f.path, classes(f)));
        }
    }
    s
}
