//! One fingerprint key per catalog: two machines (two data directories, each with its own
//! key) sharing a PostgreSQL catalog. The second is refused with a message that says how to
//! fix it and shows no key; with the first one's key file (flag or environment) it is let in.

use crate::support::*;
use std::ffi::OsString;
use std::path::Path;

fn scan(fixture: &Path, catalog: &str, data: &Path, extra: &[&OsString]) -> std::process::Command {
    let mut cmd = piicat();
    cmd.args([
        OsString::from("scan"),
        fixture.into(),
        "--format".into(),
        "ndjson".into(),
        format!("--catalog={catalog}").into(),
        "--data-dir".into(),
        data.into(),
    ]);
    cmd.args(extra);
    cmd
}

fn ran(mut cmd: std::process::Command) -> Ran {
    let out = cmd.output().expect("running piicat");
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_second_machine_with_its_own_key_is_refused_until_it_uses_the_catalogs() {
    let Some(schema) = PgSchema::create("keys") else {
        return;
    };
    let catalog = schema.catalog_url();
    let fixture = tempfile::tempdir().unwrap();
    write_pii_fixture(fixture.path(), 11, 10);
    let (machine_a, machine_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());

    let first = ran(scan(fixture.path(), &catalog, machine_a.path(), &[])).expect_code(&[1]);
    assert_eq!(first.catalog_line().new, 3);
    let key_a = machine_a.path().join("keys").join("fingerprint.key");

    // Machine B: its own (new) key. Refused before anything is written, exit code 2.
    let refused = ran(scan(fixture.path(), &catalog, machine_b.path(), &[])).expect_code(&[2]);
    let key_b = machine_b.path().join("keys").join("fingerprint.key");
    let msg = &refused.stderr;
    for needed in [
        "fingerprint key",
        "--fingerprint-key-file",
        "PIICAT_FINGERPRINT_KEY_FILE",
        &schema.name,
    ] {
        assert!(msg.contains(needed), "`{needed}` missing from:\n{msg}");
    }
    for key in [&key_a, &key_b] {
        let bytes = std::fs::read(key).unwrap();
        assert_eq!(bytes.len(), 32);
        let h = hex(&bytes);
        assert!(!msg.contains(&h[..12]), "key material printed:\n{msg}");
        assert!(!contains_bytes(msg.as_bytes(), &bytes[..8]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", key.display());
        }
    }
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    let ids: Vec<String> = schema
        .all_rows_as_text()
        .into_iter()
        .filter(|r| r.starts_with("(fingerprint_key_id,"))
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let key_a_hex = hex(&std::fs::read(&key_a).unwrap());
    assert!(!ids[0].contains(&key_a_hex[..12]), "{ids:?}");

    // Machine B with a copy of A's key, by flag and by environment: let in, and everything
    // is unchanged (the fingerprints agree).
    let copy = machine_b.path().join("team.key");
    std::fs::copy(&key_a, &copy).unwrap();
    let flag = ran(scan(
        fixture.path(),
        &catalog,
        machine_b.path(),
        &[
            &"--fingerprint-key-file".into(),
            &copy.clone().into_os_string(),
        ],
    ))
    .expect_code(&[1]);
    assert_eq!(flag.catalog_line().skipped, 3, "{}", flag.stderr);
    let mut by_env = scan(
        fixture.path(),
        &catalog,
        machine_b.path(),
        &[&"--force".into()],
    );
    by_env.env("PIICAT_FINGERPRINT_KEY_FILE", &copy);
    let forced = ran(by_env).expect_code(&[1]);
    let line = forced.catalog_line();
    assert_eq!((line.unchanged, line.updated), (3, 0), "{}", forced.stderr);
}
