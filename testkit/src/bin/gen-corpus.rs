//! Writes the labelled corpora to disk as JSON Lines:
//! `cargo run -p piicat-testkit --bin gen-corpus -- [out-dir]` (default
//! `tests/fixtures/corpus`). The files are derived data: regenerate them, never edit them.
//! Seeds are fixed (see `piicat_testkit::fixtures`) so the committed files only change when
//! the generators do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use piicat_testkit::fixtures::{FIXTURE_DIR, fixture_files};

fn run(out: &Path) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let files = fixture_files().map_err(|e| format!("cannot serialise the corpora: {e}"))?;
    for (name, contents) in files {
        let path = out.join(name);
        fs::write(&path, &contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "{}: {} records, {} bytes",
            path.display(),
            contents.lines().count(),
            contents.len()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let out = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from(FIXTURE_DIR), PathBuf::from);
    match run(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
