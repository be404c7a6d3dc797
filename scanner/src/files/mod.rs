//! Finding assets: walking a local directory tree or listing a bucket prefix, filtering with
//! include/exclude globs, and grouping files that share a partitioned layout into one
//! dataset. Only names and sizes are read here — never content.

pub(crate) mod dataset;
pub(crate) mod walk;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Include/exclude patterns on `/`-separated relative paths.
#[derive(Debug)]
pub(crate) struct Filter {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let build = |patterns: &[String]| -> Result<GlobSet, String> {
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                b.add(Glob::new(p).map_err(|e| format!("bad glob `{p}`: {e}"))?);
            }
            b.build().map_err(|e| e.to_string())
        };
        Ok(Filter {
            include: if include.is_empty() {
                None
            } else {
                Some(build(include)?)
            },
            exclude: build(exclude)?,
        })
    }

    /// Whether a file is scanned.
    pub fn file(&self, rel: &str) -> bool {
        !self.exclude.is_match(rel) && self.include.as_ref().is_none_or(|i| i.is_match(rel))
    }

    /// Whether a directory is entered (only excludes prune directories).
    pub fn dir(&self, rel: &str) -> bool {
        rel.is_empty() || !(self.exclude.is_match(rel) || self.exclude.is_match(format!("{rel}/")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_and_exclude() {
        let f = Filter::new(&["**/*.csv".into()], &["tmp/**".into(), "**/skip".into()]).unwrap();
        assert!(f.file("a/b.csv"));
        assert!(!f.file("a/b.log"));
        assert!(!f.file("tmp/b.csv"));
        assert!(!f.dir("a/skip"));
        assert!(f.dir("a"));
        assert!(Filter::new(&["[".into()], &[]).is_err());
    }
}
