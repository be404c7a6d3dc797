//! Turning a [`SearchQuery`] into a tantivy query, and the top documents into hits with
//! facets and highlights. Every free-text word must match somewhere (name, location,
//! classes, owner, description...); names also match within one or two typos; filters
//! narrow without changing scores; ties in relevance go to the more sensitive hit.

use super::tokenizer::split_ident;
use super::{Fields, facet};
use crate::error::Result;
use crate::model::{AssetId, FieldId};
use crate::search::{
    Dimension, FacetCount, Highlight, HitKind, Page, SearchHit, SearchQuery, SearchResults,
};
use piicat_classifiers::Sensitivity;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocId, Score, Searcher, SegmentReader, TantivyDocument, Term};

/// Most query words considered (the rest are ignored).
const MAX_WORDS: usize = 12;

/// The edit distance a word may be off by on names: 1 from 4 characters, 2 from 8.
pub(crate) fn typo_budget(word: &str) -> u8 {
    match word.chars().count() {
        n if n >= 8 => 2,
        n if n >= 4 => 1,
        _ => 0,
    }
}

fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in split_ident(text) {
        if !out.contains(&t.text) {
            out.push(t.text);
        }
        if out.len() == MAX_WORDS {
            break;
        }
    }
    out
}

fn term_query(field: tantivy::schema::Field, word: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// A query word, and whether it may match names within its typo budget.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub text: String,
    pub fuzzy: bool,
}

fn word_query(f: &Fields, word: &Word) -> Box<dyn Query> {
    let fuzzy = word.fuzzy;
    let word = word.text.as_str();
    let mut any: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Should, term_query(f.name, word, 4.0)),
        (Occur::Should, term_query(f.location, word, 1.5)),
        (Occur::Should, term_query(f.classes_text, word, 2.0)),
        (Occur::Should, term_query(f.fields_text, word, 1.0)),
        (Occur::Should, term_query(f.owner, word, 1.0)),
        (Occur::Should, term_query(f.purpose, word, 1.0)),
        (Occur::Should, term_query(f.description, word, 0.8)),
    ];
    if fuzzy {
        let q = FuzzyTermQuery::new(Term::from_field_text(f.name, word), typo_budget(word), true);
        any.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 1.0))));
    }
    Box::new(BooleanQuery::new(any))
}

pub(crate) fn build(
    searcher: &Searcher,
    f: &Fields,
    query: &SearchQuery,
) -> Result<(Box<dyn Query>, Vec<Word>)> {
    let mut words = Vec::new();
    for text in self::words(&query.text) {
        // Typos are forgiven on names when the word as typed names nothing: a word that
        // does match names exactly means what it says (and skips an expensive expansion).
        let fuzzy = typo_budget(&text) > 0
            && searcher.doc_freq(&Term::from_field_text(f.name, &text))? == 0;
        words.push(Word { text, fuzzy });
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for w in &words {
        clauses.push((Occur::Must, word_query(f, w)));
    }
    if words.len() >= 2 {
        // Words next to each other in a name (`customer email` on `customer_email`) rank up.
        let terms = words
            .iter()
            .map(|w| Term::from_field_text(f.name, &w.text))
            .collect();
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), 2.0)),
        ));
    }
    if words.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for dim in Dimension::ALL {
        let terms: Vec<Term> = query
            .values(dim)
            .map(|v| Term::from_facet(f.facets, &facet(dim, v)))
            .collect();
        if !terms.is_empty() {
            let filter = ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), 0.0);
            clauses.push((Occur::Must, Box::new(filter)));
        }
    }
    Ok((Box::new(BooleanQuery::new(clauses)), words))
}

pub(crate) fn run(
    searcher: &Searcher,
    f: &Fields,
    query: &SearchQuery,
    page: Page,
) -> Result<SearchResults> {
    let (q, words) = build(searcher, f, query)?;
    let top = TopDocs::with_limit(page.size)
        .and_offset(page.offset())
        .tweak_score(move |segment: &SegmentReader| {
            let rank = segment
                .fast_fields()
                .u64("sens_rank")
                .ok()
                .map(|c| c.first_or_default_col(0));
            move |doc: DocId, score: Score| (score, rank.as_ref().map_or(0, |c| c.get_val(doc)))
        });
    let mut facets = FacetCollector::for_field("facets");
    for dim in Dimension::ALL {
        facets.add_facet(Facet::from_path([dim.as_str()]));
    }
    let (top, total, facet_counts) = searcher.search(&q, &(top, Count, facets))?;

    let mut snippets = Vec::new();
    for (field, name) in [(f.description, "description"), (f.purpose, "purpose")] {
        let mut g = SnippetGenerator::create(searcher, &*q, field)?;
        g.set_max_num_chars(160);
        snippets.push((name, field, g));
    }

    let mut hits = Vec::with_capacity(top.len());
    for ((score, _), address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        hits.push(hit(f, &doc, score, &words, &snippets));
    }

    let facets = Dimension::ALL
        .into_iter()
        .map(|dim| {
            let mut counts: Vec<FacetCount> = facet_counts
                .get(Facet::from_path([dim.as_str()]))
                .filter_map(|(facet, count)| {
                    facet.to_path().get(1).map(|v| FacetCount {
                        value: (*v).to_string(),
                        count,
                    })
                })
                .collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            (dim, counts)
        })
        .collect();

    Ok(SearchResults {
        total,
        page,
        hits,
        facets,
    })
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

fn hit(
    f: &Fields,
    doc: &TantivyDocument,
    score: Score,
    words: &[Word],
    snippets: &[(&str, tantivy::schema::Field, SnippetGenerator)],
) -> SearchHit {
    let asset = doc
        .get_first(f.asset_id)
        .and_then(|v| v.as_i64())
        .unwrap_or_default();
    let field = doc.get_first(f.field_id).and_then(|v| v.as_i64());
    let mut classes = Vec::new();
    let mut statuses = Vec::new();
    let mut sensitivity = None;
    let mut asset_kind = None;
    for v in doc.get_all(f.facets) {
        let Some(encoded) = v.as_facet() else {
            continue;
        };
        let Ok(facet) = Facet::from_encoded(encoded.as_bytes().to_vec()) else {
            continue;
        };
        let path = facet.to_path();
        let (Some(dim), Some(value)) = (path.first(), path.get(1)) else {
            continue;
        };
        match Dimension::from_key(dim) {
            Some(Dimension::Class) => classes.push((*value).to_string()),
            Some(Dimension::Status) => statuses.push((*value).to_string()),
            Some(Dimension::Sensitivity) => sensitivity = value.parse::<Sensitivity>().ok(),
            Some(Dimension::Kind) => asset_kind = Some((*value).to_string()),
            _ => {}
        }
    }
    let name = text_of(doc, f.name).unwrap_or_default();
    let location = text_of(doc, f.location).unwrap_or_default();
    let mut highlights = Vec::new();
    for (label, text) in [("name", &name), ("location", &location)] {
        let ranges = match_ranges(text, words);
        if !ranges.is_empty() {
            highlights.push(Highlight {
                field: label.to_string(),
                fragment: text.clone(),
                ranges,
            });
        }
    }
    for (label, _, generator) in snippets {
        let snippet = generator.snippet_from_doc(doc);
        if !snippet.is_empty() && !snippet.highlighted().is_empty() {
            highlights.push(Highlight {
                field: (*label).to_string(),
                fragment: snippet.fragment().to_string(),
                ranges: snippet
                    .highlighted()
                    .iter()
                    .map(|r| (r.start, r.end))
                    .collect(),
            });
        }
    }
    SearchHit {
        kind: if field.is_some() {
            HitKind::Field
        } else {
            HitKind::Asset
        },
        asset: AssetId(asset),
        field: field.map(FieldId),
        location,
        name,
        data_type: text_of(doc, f.data_type),
        asset_kind,
        source: text_of(doc, f.source),
        owner: text_of(doc, f.owner),
        classes,
        sensitivity,
        statuses,
        score,
        highlights,
    }
}

/// Byte ranges of `text`'s identifier tokens that a query word matches, exactly or (for a
/// word searched with typos forgiven) within the word's typo budget.
pub(crate) fn match_ranges(text: &str, words: &[Word]) -> Vec<(usize, usize)> {
    if words.is_empty() {
        return Vec::new();
    }
    split_ident(text)
        .into_iter()
        .filter(|t| {
            words.iter().any(|w| {
                w.text == t.text
                    || (w.fuzzy
                        && edit_distance(&w.text, &t.text) <= usize::from(typo_budget(&w.text)))
            })
        })
        .map(|t| (t.start, t.end))
        .collect()
}

/// Optimal-string-alignment distance (adjacent transpositions cost one), as the fuzzy query
/// counts it.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 2 {
        return n.abs_diff(m);
    }
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_transpositions_once() {
        assert_eq!(edit_distance("email", "emial"), 1);
        assert_eq!(edit_distance("email", "email"), 0);
        assert_eq!(edit_distance("customer", "custmoer"), 1);
        assert_eq!(edit_distance("phone", "fone"), 2);
        assert_eq!(typo_budget("ssn"), 0);
        assert_eq!(typo_budget("email"), 1);
        assert_eq!(typo_budget("customers"), 2);
    }

    #[test]
    fn ranges_cover_matching_tokens() {
        let words = vec![Word {
            text: "emial".into(),
            fuzzy: true,
        }];
        assert_eq!(match_ranges("customer_email", &words), vec![(9, 14)]);
        assert!(match_ranges("customer_phone", &words).is_empty());
        let exact = vec![Word {
            text: "mail".into(),
            fuzzy: false,
        }];
        assert!(match_ranges("customer_email", &exact).is_empty());
    }
}
