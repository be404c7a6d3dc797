//! Partitioned datasets: files whose relative paths share one template after replacing
//! `key=value` directory segments with `key=*` and the numbers of numbered part files with
//! `*` (`events/date=*/part-*.parquet`) form ONE dataset asset instead of thousands.
//! Grouping is by name only and deterministic.

use crate::store::Blob;
use std::collections::BTreeMap;

/// A file on its own, or a dataset of files sharing a layout.
#[derive(Debug)]
pub(crate) enum Planned {
    File(Blob),
    Dataset {
        /// `<root location>/<template>`.
        location: String,
        files: Vec<Blob>,
    },
}

fn is_partition(segment: &str) -> bool {
    segment
        .split_once('=')
        .is_some_and(|(k, v)| !k.is_empty() && !v.is_empty() && !k.contains(['.', ' ']))
}

/// A file name with its numbers replaced by `*` when it is a numbered part file
/// (`part-0001.parquet`, `part-00000-<uuid>.snappy.parquet`, `0001.csv`).
fn file_template(name: &str) -> Option<String> {
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    let lower = stem.to_ascii_lowercase();
    let numbered = lower.starts_with("part")
        || lower.starts_with("chunk")
        || stem.chars().all(|c| c.is_ascii_digit());
    if !numbered || !stem.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let prefix: String = if lower.starts_with("part") || lower.starts_with("chunk") {
        let word_len = if lower.starts_with("part") { 4 } else { 5 };
        let sep = stem[word_len..]
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '_'))
            .map(String::from)
            .unwrap_or_default();
        format!("{}{sep}*", &stem[..word_len])
    } else {
        "*".to_string()
    };
    Some(if ext.is_empty() {
        prefix
    } else {
        format!("{prefix}.{ext}")
    })
}

/// The layout template of a relative path and the number of leading segments that are the
/// dataset root, or `None` when the path is not part of a partitioned layout.
fn template(rel: &str) -> Option<(usize, String)> {
    let segments: Vec<&str> = rel.split('/').collect();
    let (name, dirs) = segments.split_last()?;
    let mut root_len = None;
    let mut out: Vec<String> = Vec::with_capacity(segments.len());
    for (i, d) in dirs.iter().enumerate() {
        if is_partition(d) {
            root_len.get_or_insert(i);
            let key = d.split_once('=').map(|(k, _)| k).unwrap_or(d);
            out.push(format!("{key}=*"));
        } else {
            out.push((*d).to_string());
        }
    }
    let file = file_template(name);
    if root_len.is_none() && file.is_none() {
        return None;
    }
    let root_len = root_len.unwrap_or(dirs.len());
    out.push(file.unwrap_or_else(|| (*name).to_string()));
    Some((root_len, out.join("/")))
}

/// Groups listed blobs; groups of one stay plain files. `root_location` is the location of
/// the scanned directory or prefix, without a trailing slash.
pub(crate) fn plan(blobs: Vec<Blob>, group: bool, root_location: &str) -> Vec<Planned> {
    if !group {
        return blobs.into_iter().map(Planned::File).collect();
    }
    let mut groups: BTreeMap<String, Vec<Blob>> = BTreeMap::new();
    let mut out = Vec::new();
    for blob in blobs {
        match template(&blob.rel) {
            Some((_, t)) => groups.entry(t).or_default().push(blob),
            None => out.push(Planned::File(blob)),
        }
    }
    for (template, mut files) in groups {
        if files.len() == 1 {
            out.extend(files.pop().map(Planned::File));
            continue;
        }
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        let root = root_location.trim_end_matches('/');
        out.push(Planned::Dataset {
            location: format!("{root}/{template}"),
            files,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitioned_paths_share_a_template() {
        assert_eq!(
            template("events/date=2026-01-01/part-0001.parquet"),
            Some((1, "events/date=*/part-*.parquet".to_string()))
        );
        assert_eq!(
            template("events/date=2026-01-02/part-0002.parquet").map(|t| t.1),
            Some("events/date=*/part-*.parquet".to_string())
        );
        assert_eq!(
            template("t/year=2026/month=01/part-00000-3f2a.snappy.parquet").map(|t| t.1),
            Some("t/year=*/month=*/part-*.snappy.parquet".to_string())
        );
        assert_eq!(
            template("logs/0001.csv").map(|t| t.1),
            Some("logs/*.csv".to_string())
        );
        assert_eq!(template("files/customers.csv"), None);
        assert_eq!(template("customers2024.csv"), None);
    }
}
