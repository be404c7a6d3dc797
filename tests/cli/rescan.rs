//! Rescans: a second `scan --catalog` of an unchanged directory skips every asset, `--force`
//! ingests them again, a changed file is ingested and the rest skipped — on the embedded
//! SQLite catalog and on PostgreSQL (a schema of its own, dropped afterwards). On PostgreSQL
//! the catalog's rows are also checked for raw values.

use crate::support::*;
use std::ffi::OsString;
use std::path::Path;

/// `piicat scan DIR --catalog[=URL] --data-dir DATA [extra]`.
fn scan(dir: &Path, catalog: &[OsString], extra: &[&str]) -> Ran {
    let mut args: Vec<OsString> = vec![
        "scan".into(),
        dir.into(),
        "--format".into(),
        "ndjson".into(),
    ];
    args.extend(catalog.iter().cloned());
    args.extend(extra.iter().map(OsString::from));
    run(args).expect_code(&[1])
}

fn rescan_scenario(catalog: &[OsString]) -> Vec<String> {
    let fixture = tempfile::tempdir().unwrap();
    let values = write_pii_fixture(fixture.path(), 7, 20);

    let first = scan(fixture.path(), catalog, &[]);
    let line = first.catalog_line();
    assert_eq!(
        (
            line.ingested,
            line.new,
            line.skipped,
            line.failed,
            line.not_written
        ),
        (3, 3, 0, 0, 0),
        "first scan: {line:?}"
    );
    // Every asset is printed as before, one NDJSON line each, and stdout holds nothing else.
    assert_eq!(first.stdout.lines().count(), 3, "{}", first.stdout);

    let second = scan(fixture.path(), catalog, &[]);
    let again = second.catalog_line();
    assert_eq!(
        (again.ingested, again.skipped, again.not_written),
        (0, 3, 0),
        "unchanged rescan: {again:?}"
    );
    assert!(again.run > line.run, "{again:?} after {line:?}");
    assert_eq!(second.stdout.lines().count(), 3, "{}", second.stdout);

    let forced = scan(fixture.path(), catalog, &["--force"]).catalog_line();
    assert_eq!(
        (forced.ingested, forced.unchanged, forced.skipped),
        (3, 3, 0),
        "forced rescan: {forced:?}"
    );

    // One file grows: it alone is read into the catalog again.
    let log = fixture.path().join("app.log");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str("2025-03-01T11:00:00Z INFO nothing personal in this line\n");
    std::fs::write(&log, text).unwrap();
    let changed = scan(fixture.path(), catalog, &[]).catalog_line();
    assert_eq!(
        (changed.ingested, changed.skipped),
        (1, 2),
        "one file changed: {changed:?}"
    );

    // The catalog answers searches on what went in.
    let mut search: Vec<OsString> = vec![
        "search".into(),
        "class:EMAIL".into(),
        "--format".into(),
        "json".into(),
    ];
    search.extend(catalog.iter().cloned());
    let hits: serde_json::Value =
        serde_json::from_str(&run(search).expect_code(&[0]).stdout).unwrap();
    assert!(hits["total"].as_u64().unwrap() >= 3, "{hits:#}");
    values
}

#[test]
fn rescans_skip_unchanged_assets_and_force_reingests_them_sqlite() {
    let data = tempfile::tempdir().unwrap();
    rescan_scenario(&["--catalog".into(), "--data-dir".into(), data.path().into()]);
}

#[test]
fn rescans_skip_unchanged_assets_and_force_reingests_them_postgres() {
    let Some(schema) = PgSchema::create("rescan") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    // `--catalog URL` with a space, as the README writes it.
    let values = rescan_scenario(&[
        "--catalog".into(),
        schema.catalog_url().into(),
        "--data-dir".into(),
        data.path().into(),
    ]);
    // Nothing went into the embedded catalog: the data directory holds only the index and
    // the key.
    assert!(!data.path().join("catalog.db").exists());

    let rows = schema.all_rows_as_text();
    assert!(rows.len() > 20, "{} rows", rows.len());
    let mut leaks = Vec::new();
    for value in values.iter().filter(|v| v.len() >= 6) {
        for form in raw_forms(value) {
            if let Some(row) = rows.iter().find(|r| r.contains(form.as_str())) {
                leaks.push(format!("{form:?} in {row}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "raw values in PostgreSQL:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn a_postgres_password_is_never_printed() {
    // A URL that does not parse (the port is not a number): the error names the catalog
    // location without its password.
    let fixture = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(fixture.path().join("a.txt"), "nothing here\n").unwrap();
    let ran = run([
        "scan".as_ref(),
        fixture.path().as_os_str(),
        "--catalog".as_ref(),
        "postgres://piicat:hunter2@127.0.0.1:port/catalog".as_ref(),
        "--data-dir".as_ref(),
        data.path().as_os_str(),
    ])
    .expect_code(&[2]);
    assert!(
        ran.stderr.contains("invalid catalog location"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("127.0.0.1:port"), "{}", ran.stderr);
    assert!(!ran.stderr.contains("hunter2"), "{}", ran.stderr);
    assert!(ran.stdout.is_empty(), "{}", ran.stdout);
}

#[test]
fn a_target_after_a_bare_catalog_flag_gets_a_hint() {
    let fixture = tempfile::tempdir().unwrap();
    let ran = run([
        "scan".as_ref(),
        "--catalog".as_ref(),
        fixture.path().as_os_str(),
    ])
    .expect_code(&[2]);
    assert!(ran.stderr.contains("before --catalog"), "{}", ran.stderr);
}
