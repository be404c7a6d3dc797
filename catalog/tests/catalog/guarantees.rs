//! The catalog's promises about what it keeps: no raw value of a scan ever reaches the
//! catalog database or the search index — only masked examples and keyed fingerprints.

use crate::support::*;
use piicat_catalog::{Catalog, CatalogLocation, DataDir, Page, RunOptions, RunStatus};
use piicat_classifiers::{ClassScore, Likelihood};

/// A test-local masker with the engine's shape: the first character of each part, the rest
/// starred, digits but the last four starred.
fn mask(class: &str, value: &str) -> String {
    match class {
        "EMAIL" => {
            let (user, domain) = value.split_once('@').unwrap_or((value, ""));
            let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
            let star = |s: &str| {
                let mut c = s.chars();
                c.next()
                    .map_or(String::new(), |f| format!("{f}{}", "*".repeat(c.count())))
            };
            format!("{}@{}.{tld}", star(user), star(host))
        }
        "PERSON_NAME" => value
            .split(' ')
            .map(|w| format!("{}{}", &w[..1], "*".repeat(w.len() - 1)))
            .collect::<Vec<_>>()
            .join(" "),
        _ => {
            let digits = value.chars().filter(char::is_ascii_digit).count();
            let mut seen = 0;
            value
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        seen += 1;
                        if seen > digits.saturating_sub(4) {
                            c
                        } else {
                            '*'
                        }
                    } else {
                        c
                    }
                })
                .collect()
        }
    }
}

fn evidence(class: &str, values: &[&str]) -> ClassScore {
    let mut fps: Vec<u64> = values
        .iter()
        .map(|v| {
            mix(v
                .bytes()
                .fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b))))
        })
        .collect();
    fps.sort_unstable();
    ClassScore {
        class: class.into(),
        confidence: 0.95,
        likelihood: Likelihood::VeryLikely,
        matched: values.len() as u64,
        sampled: values.len() as u64,
        validated_rate: Some(1.0),
        reasons: vec!["pattern and validator".into()],
        masked_examples: values.iter().take(3).map(|v| mask(class, v)).collect(),
        fingerprints: fps.into_iter().map(|f| format!("{f:016x}")).collect(),
    }
}

const EMAILS: &[&str] = &[
    "jane.doe@example.com",
    "kwame.mensah@example.org",
    "li.wei@example.net",
    "ola.nordmann@example.no",
];
const CARDS: &[&str] = &[
    "4111 1111 1111 1111",
    "5500-0000-0000-0004",
    "340000000000009",
];
const SSNS: &[&str] = &["078-05-1120", "219-09-9999", "457-55-5462"];
const PHONES: &[&str] = &["+1 415 555 0134", "+44 20 7946 0958"];
const NAMES: &[&str] = &["Jane Doe", "Kwame Mensah", "Ola Nordmann"];

fn files_bytes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn no_raw_value_reaches_the_catalog_database_or_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
        .await
        .unwrap();
    catalog.register_classes(&classes(), at(0)).await.unwrap();
    let report = table(
        "postgres://db/hr/public.people",
        vec![
            field("work_email", "text", vec![evidence("EMAIL", EMAILS)]),
            field("card", "text", vec![evidence("CREDIT_CARD", CARDS)]),
            field("ssn", "text", vec![evidence("US_SSN", SSNS)]),
            field("mobile", "text", vec![evidence("PHONE_NUMBER", PHONES)]),
            field("full_name", "text", vec![evidence("PERSON_NAME", NAMES)]),
        ],
    );
    let run = catalog
        .start_run(RunOptions::default(), at(1))
        .await
        .unwrap();
    catalog.ingest(run, &report, at(1)).await.unwrap();
    catalog
        .finish_run(run, RunStatus::Completed, at(2))
        .await
        .unwrap();
    assert_eq!(
        catalog
            .search("email", Page::default())
            .await
            .unwrap()
            .total,
        2
    );
    catalog.close().await;
    drop(catalog);

    let files = files_bytes(dir.path());
    assert!(files.iter().any(|(p, _)| p.ends_with("catalog.db")));
    assert!(
        files
            .iter()
            .any(|(p, _)| p.to_string_lossy().contains("/index/"))
    );
    // The check can see what the catalog does keep: the masked examples.
    assert!(
        files
            .iter()
            .any(|(_, b)| contains(b, &mask("EMAIL", EMAILS[0]))),
        "masked examples should be in the catalog"
    );
    for value in EMAILS
        .iter()
        .chain(CARDS)
        .chain(SSNS)
        .chain(PHONES)
        .chain(NAMES)
    {
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        for needle in [value.to_string(), value.to_lowercase(), digits] {
            if needle.len() < 8 {
                continue;
            }
            for (path, bytes) in &files {
                assert!(
                    !contains(bytes, &needle),
                    "a raw value is in {}",
                    path.display()
                );
            }
        }
    }
}
