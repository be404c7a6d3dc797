//! The committed corpus files (`tests/fixtures/corpus/*.jsonl`): their fixed seeds and their
//! exact contents, so the `gen-corpus` binary writes them and a test proves the committed
//! copies are what the generators produce today. Nothing here touches the file system.

use serde::Serialize;

use crate::{Profile, fields_corpus, text_corpus};

/// Seed of the standard corpus files.
pub const STANDARD_SEED: u64 = 20_240_601;
/// Seed of the holdout corpus files (the profile salts it further).
pub const HOLDOUT_SEED: u64 = 77_031_999;

/// Directory of the committed files, relative to the workspace root.
pub const FIXTURE_DIR: &str = "tests/fixtures/corpus";

fn jsonl<T: Serialize>(rows: &[T]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&serde_json::to_string(row)?);
        out.push('\n');
    }
    Ok(out)
}

/// `(file name, JSON Lines contents)` of every corpus file: `fields.jsonl`,
/// `fields_holdout.jsonl`, `text.jsonl`, `text_holdout.jsonl`. One JSON object per line with
/// the fields of [`crate::LabelledField`] or [`crate::LabelledLine`].
pub fn fixture_files() -> Result<Vec<(&'static str, String)>, serde_json::Error> {
    Ok(vec![
        (
            "fields.jsonl",
            jsonl(&fields_corpus(Profile::Standard, STANDARD_SEED))?,
        ),
        (
            "fields_holdout.jsonl",
            jsonl(&fields_corpus(Profile::Holdout, HOLDOUT_SEED))?,
        ),
        (
            "text.jsonl",
            jsonl(&text_corpus(Profile::Standard, STANDARD_SEED))?,
        ),
        (
            "text_holdout.jsonl",
            jsonl(&text_corpus(Profile::Holdout, HOLDOUT_SEED))?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Fails when a generator changed and the committed files were not regenerated
    /// (`cargo run -p piicat-testkit --bin gen-corpus`).
    #[test]
    fn committed_files_match_the_generators() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(FIXTURE_DIR);
        for (name, contents) in fixture_files().unwrap() {
            let on_disk = std::fs::read_to_string(dir.join(name)).unwrap();
            assert!(on_disk == contents, "{name} is stale: run gen-corpus");
            assert!(contents.len() < 5_000_000, "{name} too large");
        }
    }

    #[test]
    fn every_line_parses_back() {
        for (name, contents) in fixture_files().unwrap() {
            for line in contents.lines() {
                if name.starts_with("fields") {
                    serde_json::from_str::<crate::LabelledField>(line).unwrap();
                } else {
                    serde_json::from_str::<crate::LabelledLine>(line).unwrap();
                }
            }
        }
    }
}
