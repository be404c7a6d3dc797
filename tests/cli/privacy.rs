//! No raw PII leaves a scan (DESIGN rule 1): after `piicat scan DIR --catalog` over a
//! PII-heavy directory, no raw value of it is anywhere in the data directory (catalog
//! database, WAL, search index, keys) nor in what the command printed, and piicat scanning
//! its own data directory finds none of them either.

use crate::support::*;
use piicat_classifiers::AssetReport;
use std::collections::BTreeSet;

/// Raw values shorter than this are not looked for byte-wise: a 5-character string turns up
/// in binary index files by chance. Every class the fixture holds is longer than this.
const MIN_RAW_LEN: usize = 6;

#[test]
fn the_catalog_and_its_index_hold_no_raw_value() {
    let fixture = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let values: BTreeSet<String> = write_pii_fixture(fixture.path(), 41, 60)
        .into_iter()
        .filter(|v| v.len() >= MIN_RAW_LEN)
        .collect();
    assert!(values.len() > 300, "fixture too small: {}", values.len());
    // The byte search below finds every value where it is: in the fixture itself.
    let written: Vec<u8> = files_under(fixture.path())
        .iter()
        .flat_map(|p| std::fs::read(p).unwrap())
        .collect();
    for value in &values {
        assert!(
            contains_bytes(&written, value.as_bytes()),
            "{value:?} not written"
        );
    }

    // Debug logging on: the logs must be as clean as the catalog.
    let verbose: &std::ffi::OsStr = "-vv".as_ref();
    let scan = run(std::iter::once(verbose).chain(catalog_scan_args(fixture.path(), data.path())))
        .expect_code(&[1]);
    let line = scan.catalog_line();
    assert_eq!(
        (line.new, line.failed, line.not_written),
        (3, 0, 0),
        "{line:?}"
    );

    // The catalog found what the fixture holds.
    let data_dir = ["--data-dir".as_ref(), data.path().as_os_str()];
    let search = run([
        "search".as_ref(),
        "class:CREDIT_CARD".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]
    .into_iter()
    .chain(data_dir))
    .expect_code(&[0]);
    let hits: serde_json::Value = serde_json::from_str(&search.stdout).unwrap();
    assert!(hits["total"].as_u64().unwrap() >= 3, "{hits:#}");
    let show = run([
        "catalog".as_ref(),
        "show".as_ref(),
        "customers.csv".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]
    .into_iter()
    .chain(data_dir))
    .expect_code(&[0]);
    let shown: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
    let classes: BTreeSet<&str> = shown["asset"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter_map(|x| x["class"].as_str())
        .collect();
    for class in ["EMAIL", "PHONE_NUMBER", "CREDIT_CARD", "IBAN", "US_SSN"] {
        assert!(classes.contains(class), "{class} not in {classes:?}");
    }
    let masked: Vec<&str> = shown["asset"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .flat_map(|x| x["masked_examples"].as_array().unwrap())
        .filter_map(|m| m.as_str())
        .collect();
    assert!(
        masked.iter().any(|m| m.contains('*')),
        "masked examples are kept: {masked:?}"
    );

    // Byte-wise: every file of the data directory, and everything the commands printed.
    let mut places: Vec<(String, Vec<u8>)> = files_under(data.path())
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    assert!(
        places.iter().any(|(p, _)| p.ends_with("catalog.db")),
        "no catalog database in {places:?}",
        places = places.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    assert!(
        places.iter().any(|(p, _)| p.contains("/index/")),
        "no search index in the data directory"
    );
    for (name, ran) in [("scan", &scan), ("search", &search), ("show", &show)] {
        places.push((format!("{name} stdout"), ran.stdout.clone().into_bytes()));
        places.push((format!("{name} stderr"), ran.stderr.clone().into_bytes()));
    }
    let mut leaks = Vec::new();
    for value in &values {
        for form in raw_forms(value) {
            for (place, bytes) in &places {
                if contains_bytes(bytes, form.as_bytes()) {
                    leaks.push(format!("{form:?} in {place}"));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "raw values found:\n{}", leaks.join("\n"));

    // piicat over its own data directory: the catalog's tables are read, nothing is found in
    // them, and nothing found anywhere in the directory is a fixture value.
    let own = run([
        "scan".as_ref(),
        data.path().as_os_str(),
        "--format".as_ref(),
        "ndjson".as_ref(),
        "--full".as_ref(),
    ])
    .expect_code(&[0, 1, 2]);
    let reports: Vec<AssetReport> = own
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let findings_table = reports
        .iter()
        .find(|r| r.asset.contains("catalog.db") && r.asset.ends_with("findings"))
        .unwrap_or_else(|| {
            panic!(
                "the catalog's findings table was not scanned: {:?}",
                reports.iter().map(|r| &r.asset).collect::<Vec<_>>()
            )
        });
    assert!(findings_table.error.is_none(), "{findings_table:?}");
    assert!(findings_table.meta.rows_sampled > 0, "{findings_table:?}");
    // DESIGN rule 1: piicat finds nothing in its own catalog.
    let in_catalog: Vec<String> = reports
        .iter()
        .filter(|r| r.asset.contains("catalog.db"))
        .flat_map(|r| {
            r.fields.iter().flat_map(move |f| {
                f.classes
                    .iter()
                    .map(move |c| format!("{} {} {}", r.asset, f.path, c.class))
            })
        })
        .collect();
    assert!(
        in_catalog.is_empty(),
        "piicat finds personal data in its own catalog:\n{}",
        in_catalog.join("\n")
    );
    let mut found = Vec::new();
    for r in &reports {
        for field in &r.fields {
            for c in &field.classes {
                for m in &c.masked_examples {
                    // A finding of a fixture value: its masked example is that value masked
                    // for the class found, or holds the value itself.
                    let of_fixture = values.iter().any(|v| {
                        piicat_classifiers::mask(&c.class, v) == *m
                            || raw_forms(v).iter().any(|f| m.contains(f.as_str()))
                    });
                    if of_fixture {
                        found.push(format!("{} {} {}: {m}", r.asset, field.path, c.class));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "scanning the data directory found fixture values:\n{}",
        found.join("\n")
    );
}
