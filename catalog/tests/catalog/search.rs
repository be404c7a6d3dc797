//! Search scenarios: tokenization of names, filters and facet counts, typo tolerance,
//! ranking, pagination, highlights, and an index rebuilt from the store when lost.

use crate::support::*;
use piicat_catalog::{
    AssetMetadata, Catalog, CatalogLocation, DataDir, Dimension, FindingStatus, HitKind, Page,
    RunOptions, RunStatus, SearchResults,
};
use piicat_classifiers::{AssetKind, AssetMeta, AssetReport};
use std::collections::HashSet;

fn file(
    location: &str,
    format: &str,
    fields: Vec<piicat_classifiers::FieldFinding>,
) -> AssetReport {
    AssetReport {
        asset: location.into(),
        kind: AssetKind::File,
        source: Some("exports".into()),
        meta: AssetMeta {
            size_bytes: Some(4096),
            modified: Some("2025-02-01T00:00:00Z".into()),
            format: Some(format.into()),
            ..AssetMeta::default()
        },
        fields,
        error: None,
    }
}

/// Three spellings of one name, a few other assets, and an owner.
async fn seed(t: &TestCatalog) {
    let r = t.start_run(RunOptions::default(), at(1)).await.unwrap();
    let email = || vec![score("EMAIL", 0.96, &["j***@e*****.com"])];
    t.ingest(r, &customers(), at(1)).await.unwrap();
    t.ingest(
        r,
        &file(
            "file:///exports/signups.ndjson",
            "ndjson",
            vec![field("customerEmail", "string", email())],
        ),
        at(1),
    )
    .await
    .unwrap();
    t.ingest(
        r,
        &file(
            "file:///exports/newsletter.csv",
            "csv",
            vec![
                field("customer email", "string", email()),
                field("opt_in", "string", vec![]),
            ],
        ),
        at(1),
    )
    .await
    .unwrap();
    t.ingest(
        r,
        &table(
            "postgres://db.internal/shop/public.payments",
            vec![
                field(
                    "card_number",
                    "text",
                    vec![score("CREDIT_CARD", 0.99, &["****-****-****-4242"])],
                ),
                field(
                    "client_ip",
                    "inet",
                    vec![score("IP_ADDRESS", 0.9, &["10.*.*.*"])],
                ),
            ],
        ),
        at(1),
    )
    .await
    .unwrap();
    t.finish_run(r, RunStatus::Completed, at(2)).await.unwrap();
    t.set_asset_metadata(
        CUSTOMERS,
        &AssetMetadata {
            owner: Some("data-platform".into()),
            purpose: Some("billing".into()),
            description: Some(
                "Every customer account of the web shop, with contact details.".into(),
            ),
            tags: vec!["retention-2y".into()],
        },
        "dana",
        at(3),
    )
    .await
    .unwrap();
}

fn names(r: &SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.name.clone()).collect()
}

fn count(r: &SearchResults, dim: Dimension, value: &str) -> u64 {
    r.facet(dim)
        .iter()
        .find(|c| c.value == value)
        .map_or(0, |c| c.count)
}

pub async fn the_three_spellings_of_a_name_all_match(t: &TestCatalog) {
    seed(t).await;
    let expected: HashSet<&str> = ["customer_email", "customerEmail", "customer email"].into();
    for q in [
        "customer_email",
        "customerEmail",
        "customer email",
        "CUSTOMER-EMAIL",
    ] {
        let r = t
            .search(&format!("{q} type:field"), Page::default())
            .await
            .unwrap();
        let got: HashSet<String> = names(&r).into_iter().collect();
        assert_eq!(r.total, 3, "{q}: {:?}", names(&r));
        for e in &expected {
            assert!(got.contains(*e), "{q}: {e} missing from {got:?}");
        }
    }
    // Without the filter the asset that holds such a field shows up too, below its fields.
    let r = t.search("customer email", Page::default()).await.unwrap();
    assert!(
        r.hits
            .iter()
            .any(|h| h.kind == HitKind::Asset && h.location == CUSTOMERS)
    );
    assert_eq!(r.hits[0].kind, HitKind::Field);
}

pub async fn filters_narrow_and_facets_count(t: &TestCatalog) {
    seed(t).await;
    let all = t.search("", Page::new(1, 100)).await.unwrap();
    // 4 assets; fields: 5 + 1 + 2 + 2.
    assert_eq!(all.total, 14);
    assert_eq!(count(&all, Dimension::Type, "asset"), 4);
    assert_eq!(count(&all, Dimension::Type, "field"), 10);
    assert_eq!(count(&all, Dimension::Kind, "table"), 2 + 5 + 2);
    assert_eq!(count(&all, Dimension::Source, "prod-db"), 9);
    assert_eq!(count(&all, Dimension::Class, "EMAIL"), 3 + 3);
    assert_eq!(count(&all, Dimension::Sensitivity, "critical"), 2);

    let emails = t
        .search("class:email type:field", Page::default())
        .await
        .unwrap();
    assert_eq!(emails.total, 3);
    assert!(
        emails
            .hits
            .iter()
            .all(|h| h.classes.contains(&"EMAIL".to_string()))
    );
    assert_eq!(count(&emails, Dimension::Class, "EMAIL"), 3);
    assert_eq!(count(&emails, Dimension::Source, "exports"), 2);

    let high = t.search("sensitivity:high", Page::default()).await.unwrap();
    assert_eq!(
        names(&high).into_iter().collect::<HashSet<_>>(),
        ["ssn", "public.customers"].map(String::from).into()
    );
    let at_least = t
        .search("sensitivity:>=high type:field", Page::default())
        .await
        .unwrap();
    assert_eq!(at_least.total, 2, "{:?}", names(&at_least));

    let owned = t
        .search("owner:Data-Platform class:US_SSN", Page::default())
        .await
        .unwrap();
    assert_eq!(
        owned.total,
        2,
        "the table and its ssn field: {:?}",
        names(&owned)
    );
    let tagged = t
        .search("compliance:PCI-DSS", Page::default())
        .await
        .unwrap();
    assert_eq!(
        names(&tagged).into_iter().collect::<HashSet<_>>(),
        ["card_number", "public.payments"].map(String::from).into()
    );
    assert_eq!(
        t.search("tag:retention-2y type:asset", Page::default())
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        t.search("category:financial type:field", Page::default())
            .await
            .unwrap()
            .total,
        1
    );
    // Two values of one dimension are alternatives.
    let either = t
        .search("class:EMAIL class:CREDIT_CARD type:field", Page::default())
        .await
        .unwrap();
    assert_eq!(either.total, 4);
    // Free text and filters together; a key that is not a dimension is text.
    // (`card` matches the field and, through its field names, the payments table.)
    assert_eq!(
        t.search("card source:prod-db", Page::default())
            .await
            .unwrap()
            .total,
        2
    );
    assert_eq!(
        t.search("card source:exports", Page::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        t.search("file:///exports/signups.ndjson type:asset", Page::default())
            .await
            .unwrap()
            .total,
        1
    );

    // A person's decision changes the status facet and the sensitivity at once.
    let customers = t.asset(CUSTOMERS).await.unwrap().unwrap();
    let ssn = customers
        .fields
        .iter()
        .find(|f| f.path == "ssn")
        .unwrap()
        .findings[0]
        .id;
    t.set_finding_status(ssn, FindingStatus::Rejected, "erin", at(4))
        .await
        .unwrap();
    let rejected = t
        .search("status:rejected type:field", Page::default())
        .await
        .unwrap();
    assert_eq!(names(&rejected), vec!["ssn"]);
    assert_eq!(rejected.hits[0].sensitivity, None);
    assert_eq!(
        t.search("sensitivity:high", Page::default())
            .await
            .unwrap()
            .total,
        0
    );
}

pub async fn names_match_despite_typos(t: &TestCatalog) {
    seed(t).await;
    for typo in [
        "emial",
        "custmer emial",
        "cusotmer",
        "card_numbr",
        "pyaments",
    ] {
        let r = t.search(typo, Page::default()).await.unwrap();
        assert!(r.total > 0, "{typo} found nothing");
    }
    let r = t.search("emial type:field", Page::default()).await.unwrap();
    assert_eq!(r.total, 3, "{:?}", names(&r));
    // Highlights follow the typo.
    let h = &r.hits[0].highlights[0];
    assert_eq!(h.field, "name");
    assert!(
        h.marked("[", "]").contains("[email]") || h.marked("[", "]").contains("[Email]"),
        "{h:?}"
    );
    // Short words must match exactly.
    assert_eq!(t.search("snn", Page::default()).await.unwrap().total, 0);
    assert_eq!(t.search("zzzzzz", Page::default()).await.unwrap().total, 0);
}

pub async fn results_page_and_highlight(t: &TestCatalog) {
    let r = t.start_run(RunOptions::default(), at(1)).await.unwrap();
    let fields = (0..25)
        .map(|i| {
            field(
                &format!("contact_email_{i:02}"),
                "text",
                vec![score("EMAIL", 0.9, &[])],
            )
        })
        .collect();
    t.ingest(
        r,
        &table("postgres://db/crm/public.contacts", fields),
        at(1),
    )
    .await
    .unwrap();
    t.finish_run(r, RunStatus::Completed, at(1)).await.unwrap();

    let mut seen = HashSet::new();
    for page in 1..=3 {
        let r = t
            .search("contact email type:field", Page::new(page, 10))
            .await
            .unwrap();
        assert_eq!(r.total, 25);
        assert_eq!(r.page.number, page);
        assert_eq!(r.hits.len(), if page == 3 { 5 } else { 10 });
        for h in &r.hits {
            assert!(seen.insert(h.field.unwrap()), "{} on two pages", h.name);
            let name = h.highlights.iter().find(|x| x.field == "name").unwrap();
            assert!(
                name.marked("<b>", "</b>")
                    .starts_with("<b>contact</b>_<b>email</b>_"),
                "{name:?}"
            );
        }
    }
    assert!(
        t.search("contact email", Page::new(9, 10))
            .await
            .unwrap()
            .hits
            .is_empty()
    );

    // Descriptions are highlighted as snippets.
    t.set_asset_metadata(
        "postgres://db/crm/public.contacts",
        &AssetMetadata {
            description: Some("Leads imported from the marketing tool every night.".into()),
            ..AssetMetadata::default()
        },
        "dana",
        at(2),
    )
    .await
    .unwrap();
    let r = t.search("marketing", Page::default()).await.unwrap();
    assert_eq!(r.total, 1);
    let d = r.hits[0]
        .highlights
        .iter()
        .find(|h| h.field == "description")
        .unwrap();
    assert!(d.marked("*", "*").contains("*marketing*"), "{d:?}");
}

pub async fn equal_relevance_ranks_the_more_sensitive_first(t: &TestCatalog) {
    let r = t.start_run(RunOptions::default(), at(1)).await.unwrap();
    // Same name, same length, different sensitivity: only the tie-break can order them.
    for (loc, class) in [
        ("postgres://db/a/public.t1", "IP_ADDRESS"),
        ("postgres://db/a/public.t2", "US_SSN"),
        ("postgres://db/a/public.t3", "EMAIL"),
    ] {
        t.ingest(
            r,
            &table(
                loc,
                vec![field("ref", "text", vec![score(class, 0.9, &[])])],
            ),
            at(1),
        )
        .await
        .unwrap();
    }
    t.finish_run(r, RunStatus::Completed, at(1)).await.unwrap();
    let res = t.search("ref type:field", Page::default()).await.unwrap();
    let order: Vec<_> = res.hits.iter().map(|h| h.classes[0].as_str()).collect();
    assert_eq!(order, vec!["US_SSN", "EMAIL", "IP_ADDRESS"]);
    assert_eq!(res.hits[0].score, res.hits[2].score);
}

/// Opens a SQLite catalog in `dir` with the seed data and returns what a search finds.
async fn seeded_catalog(dir: &std::path::Path) -> (Catalog, Vec<String>) {
    let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir))
        .await
        .unwrap();
    catalog.register_classes(&classes(), at(0)).await.unwrap();
    let r = catalog
        .start_run(RunOptions::default(), at(1))
        .await
        .unwrap();
    catalog.ingest(r, &customers(), at(1)).await.unwrap();
    catalog
        .finish_run(r, RunStatus::Completed, at(1))
        .await
        .unwrap();
    let found = names(
        &catalog
            .search("customer email", Page::default())
            .await
            .unwrap(),
    );
    assert!(!found.is_empty());
    (catalog, found)
}

#[tokio::test]
async fn a_deleted_index_is_rebuilt_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (catalog, before) = seeded_catalog(dir.path()).await;
    catalog.close().await;
    drop(catalog);
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
        .await
        .unwrap();
    assert_eq!(
        names(
            &catalog
                .search("customer email", Page::default())
                .await
                .unwrap()
        ),
        before
    );
    assert_eq!(catalog.index().num_docs().unwrap(), 6);
}

#[tokio::test]
async fn a_garbled_index_is_rebuilt_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (catalog, before) = seeded_catalog(dir.path()).await;
    let index_dir = catalog.index().dir().to_path_buf();
    catalog.close().await;
    drop(catalog);
    let mut garbled = 0;
    for entry in std::fs::read_dir(&index_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && !path.ends_with(".tantivy-writer.lock") {
            std::fs::write(&path, b"\x00garbage\xff not an index").unwrap();
            garbled += 1;
        }
    }
    assert!(
        garbled >= 3,
        "expected index files in {}",
        index_dir.display()
    );
    let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
        .await
        .unwrap();
    assert_eq!(
        names(
            &catalog
                .search("customer email", Page::default())
                .await
                .unwrap()
        ),
        before
    );
}

#[tokio::test]
async fn reindex_rebuilds_everything_and_a_second_handle_shares_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (catalog, before) = seeded_catalog(dir.path()).await;
    let stats = catalog.reindex().await.unwrap();
    assert_eq!((stats.assets, stats.documents), (1, 6));
    // A second handle in the same process uses the same index (one writer per process).
    let again = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
        .await
        .unwrap();
    assert_eq!(again.index().dir(), catalog.index().dir());
    assert_eq!(
        names(
            &again
                .search("customer email", Page::default())
                .await
                .unwrap()
        ),
        before
    );
    assert!(catalog.search("class:", Page::default()).await.is_err());
}
