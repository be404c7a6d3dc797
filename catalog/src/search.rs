//! Search queries and results: the query syntax people type (`customer email class:EMAIL
//! sensitivity:>=high owner:data-platform`), the filters it becomes, and the hits, facets and
//! highlights that come back. Parsing is pure; running a query is the index's job.

use crate::error::{Error, Result};
use crate::model::{AssetId, FieldId};
use piicat_classifiers::Sensitivity;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A filterable, faceted dimension of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Whether the hit is an asset or a field.
    Type,
    /// A class id (`EMAIL`).
    Class,
    /// A class category (`contact`).
    Category,
    /// The highest sensitivity held (`high`).
    Sensitivity,
    /// The configured source (`prod-db`).
    Source,
    /// The asset kind (`table`, `file`, `dataset`, `object`).
    Kind,
    /// The asset's owner.
    Owner,
    /// A compliance or user tag (`GDPR`).
    Tag,
    /// A finding review status (`suggested`, `confirmed`, `rejected`).
    Status,
}

impl Dimension {
    /// Every dimension, in facet display order.
    pub const ALL: [Dimension; 9] = [
        Dimension::Type,
        Dimension::Class,
        Dimension::Category,
        Dimension::Sensitivity,
        Dimension::Source,
        Dimension::Kind,
        Dimension::Owner,
        Dimension::Tag,
        Dimension::Status,
    ];

    /// The name used in queries and facet paths.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Type => "type",
            Dimension::Class => "class",
            Dimension::Category => "category",
            Dimension::Sensitivity => "sensitivity",
            Dimension::Source => "source",
            Dimension::Kind => "kind",
            Dimension::Owner => "owner",
            Dimension::Tag => "tag",
            Dimension::Status => "status",
        }
    }

    /// The dimension a query key names (`compliance` is an alias of `tag`).
    pub fn from_key(key: &str) -> Option<Dimension> {
        let key = key.to_ascii_lowercase();
        match key.as_str() {
            "compliance" | "tags" => Some(Dimension::Tag),
            "sens" => Some(Dimension::Sensitivity),
            _ => Dimension::ALL.into_iter().find(|d| d.as_str() == key),
        }
    }

    /// The canonical form of a value of this dimension: class ids and tags upper-case, the
    /// rest lower-case, so `class:email` and `owner:Data-Platform` match.
    pub fn normalize(self, value: &str) -> String {
        let v = value.trim();
        match self {
            Dimension::Class | Dimension::Tag => v.to_uppercase(),
            _ => v.to_lowercase(),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed query: free text plus filters. Filters on the same dimension are alternatives
/// (OR); different dimensions must all hold (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The free text (names, paths, descriptions, owners, classes).
    pub text: String,
    /// `(dimension, normalized value)` pairs.
    pub filters: Vec<(Dimension, String)>,
}

impl SearchQuery {
    /// Parses `free text key:value key:"quoted value"`. Keys that are not dimensions stay
    /// free text (so `s3://bucket` searches for a location); `sensitivity:>=high` expands
    /// to every level from `high` up.
    pub fn parse(input: &str) -> Result<SearchQuery> {
        let mut query = SearchQuery::default();
        let mut text: Vec<String> = Vec::new();
        for word in split_words(input) {
            let Some((key, value)) = word.split_once(':') else {
                text.push(word);
                continue;
            };
            let Some(dim) = Dimension::from_key(key) else {
                text.push(word);
                continue;
            };
            let value = value.trim_matches('"');
            if value.trim().is_empty() {
                return Err(Error::Invalid(format!(
                    "invalid search query: `{key}:` needs a value"
                )));
            }
            if dim == Dimension::Sensitivity {
                for level in sensitivity_levels(value)? {
                    query.filters.push((dim, level.as_str().to_string()));
                }
                continue;
            }
            query.filters.push((dim, dim.normalize(value)));
        }
        query.text = text.join(" ");
        query.filters.sort();
        query.filters.dedup();
        Ok(query)
    }

    /// The filters of one dimension.
    pub fn values(&self, dim: Dimension) -> impl Iterator<Item = &str> {
        self.filters
            .iter()
            .filter(move |(d, _)| *d == dim)
            .map(|(_, v)| v.as_str())
    }
}

fn sensitivity_levels(value: &str) -> Result<Vec<Sensitivity>> {
    let (at_least, level) = match value.strip_prefix(">=") {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let level: Sensitivity = level
        .parse()
        .map_err(|e: String| Error::Invalid(format!("invalid search query: {e}")))?;
    Ok(if at_least {
        Sensitivity::ALL
            .into_iter()
            .filter(|l| *l >= level)
            .collect()
    } else {
        vec![level]
    })
}

/// Splits on whitespace, keeping `"quoted parts"` (also in `key:"a b"`) together.
fn split_words(input: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
        .into_iter()
        .map(|w| {
            if w.contains(':') {
                w
            } else {
                w.trim_matches('"').to_string()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Which page of results to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Hits per page (1..=100).
    pub size: usize,
}

impl Page {
    /// Largest page size served.
    pub const MAX_SIZE: usize = 100;

    /// Page `number` (from 1) of `size` hits, clamped to sane bounds.
    pub fn new(number: usize, size: usize) -> Page {
        Page {
            number: number.max(1),
            size: size.clamp(1, Page::MAX_SIZE),
        }
    }

    pub(crate) fn offset(self) -> usize {
        (self.number - 1).saturating_mul(self.size)
    }
}

impl Default for Page {
    fn default() -> Page {
        Page::new(1, 20)
    }
}

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// An asset.
    Asset,
    /// A field of an asset.
    Field,
}

/// A part of a stored text that matched the query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// Which text (`name`, `location`, `description`, `purpose`).
    pub field: String,
    /// The text (or, for long texts, the fragment around the matches).
    pub fragment: String,
    /// Byte ranges of `fragment` that matched.
    pub ranges: Vec<(usize, usize)>,
}

impl Highlight {
    /// The fragment with every match wrapped in `open` … `close` (`**`, `<b>`…).
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.fragment.len() + 8 * self.ranges.len());
        let mut at = 0;
        for &(s, e) in &self.ranges {
            if s < at || e > self.fragment.len() || s > e {
                continue;
            }
            out.push_str(&self.fragment[at..s]);
            out.push_str(open);
            out.push_str(&self.fragment[s..e]);
            out.push_str(close);
            at = e;
        }
        out.push_str(&self.fragment[at..]);
        out
    }
}

/// One search hit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Asset or field.
    pub kind: HitKind,
    /// The asset (the hit itself, or the field's asset).
    pub asset: AssetId,
    /// The field, for field hits.
    pub field: Option<FieldId>,
    /// The asset's location.
    pub location: String,
    /// The asset's name, or the field's path.
    pub name: String,
    /// Declared type, for fields.
    pub data_type: Option<String>,
    /// Asset kind (`table`...).
    pub asset_kind: Option<String>,
    /// Source name.
    pub source: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Classes held (current findings).
    pub classes: Vec<String>,
    /// The highest sensitivity among them (rejected findings excluded).
    pub sensitivity: Option<Sensitivity>,
    /// Review statuses of the findings.
    pub statuses: Vec<String>,
    /// Relevance.
    pub score: f32,
    /// What matched.
    pub highlights: Vec<Highlight>,
}

/// Counts of one value of a dimension among all hits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value (`EMAIL`).
    pub value: String,
    /// Hits having it.
    pub count: u64,
}

/// One page of results, with facet counts over all the hits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Hits matching, over all pages.
    pub total: usize,
    /// The page returned.
    pub page: Page,
    /// This page's hits, best first.
    pub hits: Vec<SearchHit>,
    /// For each dimension, the counts of its values among all hits, most frequent first.
    pub facets: Vec<(Dimension, Vec<FacetCount>)>,
}

impl SearchResults {
    /// The counts of one dimension.
    pub fn facet(&self, dim: Dimension) -> &[FacetCount] {
        self.facets
            .iter()
            .find(|(d, _)| *d == dim)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_text_and_filters() {
        let q = SearchQuery::parse(
            "customer email class:email sensitivity:HIGH source:Prod-DB owner:\"data platform\" s3://bucket/x",
        )
        .unwrap();
        assert_eq!(q.text, "customer email s3://bucket/x");
        assert_eq!(
            q.values(Dimension::Class).collect::<Vec<_>>(),
            vec!["EMAIL"]
        );
        assert_eq!(
            q.values(Dimension::Sensitivity).collect::<Vec<_>>(),
            vec!["high"]
        );
        assert_eq!(
            q.values(Dimension::Source).collect::<Vec<_>>(),
            vec!["prod-db"]
        );
        assert_eq!(
            q.values(Dimension::Owner).collect::<Vec<_>>(),
            vec!["data platform"]
        );
    }

    #[test]
    fn at_least_sensitivity_expands() {
        let q = SearchQuery::parse("sensitivity:>=high compliance:gdpr").unwrap();
        assert_eq!(
            q.values(Dimension::Sensitivity).collect::<Vec<_>>(),
            vec!["critical", "high"]
        );
        assert_eq!(q.values(Dimension::Tag).collect::<Vec<_>>(), vec!["GDPR"]);
        assert!(SearchQuery::parse("sensitivity:severe").is_err());
        assert!(SearchQuery::parse("class:").is_err());
    }

    #[test]
    fn marked_wraps_ranges() {
        let h = Highlight {
            field: "name".into(),
            fragment: "customer_email".into(),
            ranges: vec![(9, 14)],
        };
        assert_eq!(h.marked("[", "]"), "customer_[email]");
        assert_eq!(Page::new(0, 1000), Page::new(1, 100));
        assert_eq!(Page::new(3, 10).offset(), 20);
    }
}
