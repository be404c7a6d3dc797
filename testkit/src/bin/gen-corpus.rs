//! Writes the labelled corpora to disk as JSON Lines:
//! `cargo run -p piicat-testkit --bin gen-corpus -- [out-dir]` (default
//! `tests/fixtures/corpus`). The files are derived data: regenerate them, never edit them.
//! Seeds are fixed so the committed files only change when the generators do.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use piicat_testkit::{Profile, fields_corpus, text_corpus};
use serde::Serialize;

/// Seed of the standard corpora.
const STANDARD_SEED: u64 = 20_240_601;
/// Seed of the holdout corpora (the profile also salts it).
const HOLDOUT_SEED: u64 = 77_031_999;

fn write_jsonl<T: Serialize>(path: &Path, rows: &[T]) -> Result<usize, String> {
    let file = File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let mut w = BufWriter::new(file);
    for row in rows {
        serde_json::to_writer(&mut w, row)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        w.write_all(b"\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    w.flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(rows.len())
}

fn run(out: &Path) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let jobs: [(&str, Profile, u64, bool); 4] = [
        ("fields.jsonl", Profile::Standard, STANDARD_SEED, true),
        ("fields_holdout.jsonl", Profile::Holdout, HOLDOUT_SEED, true),
        ("text.jsonl", Profile::Standard, STANDARD_SEED, false),
        ("text_holdout.jsonl", Profile::Holdout, HOLDOUT_SEED, false),
    ];
    for (name, profile, seed, fields) in jobs {
        let path = out.join(name);
        let n = if fields {
            write_jsonl(&path, &fields_corpus(profile, seed))?
        } else {
            write_jsonl(&path, &text_corpus(profile, seed))?
        };
        let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("{}: {n} records, {bytes} bytes", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    let out = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("tests/fixtures/corpus"), PathBuf::from);
    match run(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
