//! Catalog benchmarks:
//! - ingest into the embedded SQLite catalog: fields/s for new assets (one transaction per
//!   asset, realistic reports: a third of the fields hold a class, each with masked examples
//!   and a 64-fingerprint sketch) and for unchanged rescans;
//! - search over an index of 1,000,000 fields (built once, outside the timed loops): p50 and
//!   p99 latency of a realistic query mix, timed query by query.
//!
//! Run: `cargo bench --bench catalog`. Figures are printed as `catalog-bench:` lines.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piicat_catalog::index::{IndexDoc, IndexedClass, SearchIndex};
use piicat_catalog::{
    Catalog, CatalogLocation, DataDir, DateTime, FindingStatus, Page, RunOptions, RunStatus,
    SearchQuery, Utc,
};
use piicat_classifiers::{
    AssetKind, AssetMeta, AssetReport, Category, ClassScore, Compliance, DataClass, FieldFinding,
    Likelihood, Sensitivity,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ASSETS_PER_ITER: usize = 100;
const FIELDS_PER_ASSET: usize = 40;
const INDEX_ASSETS: usize = 20_000;
const INDEX_FIELDS_PER_ASSET: usize = 50;

fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(1_740_000_000, 0).unwrap_or_default()
}

fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A class a column holds: (id, category, sensitivity).
type ClassOf = (&'static str, Category, Sensitivity);

/// (base column name, the class it holds)
const BASES: &[(&str, Option<ClassOf>)] = &[
    (
        "email",
        Some(("EMAIL", Category::Contact, Sensitivity::Medium)),
    ),
    (
        "phone",
        Some(("PHONE_NUMBER", Category::Contact, Sensitivity::Medium)),
    ),
    (
        "full_name",
        Some(("PERSON_NAME", Category::Person, Sensitivity::Medium)),
    ),
    (
        "ssn",
        Some(("US_SSN", Category::GovernmentId, Sensitivity::High)),
    ),
    (
        "card_number",
        Some(("CREDIT_CARD", Category::Financial, Sensitivity::Critical)),
    ),
    (
        "iban",
        Some(("IBAN", Category::Financial, Sensitivity::High)),
    ),
    (
        "ip_address",
        Some(("IP_ADDRESS", Category::Network, Sensitivity::Low)),
    ),
    (
        "birth_date",
        Some(("DATE_OF_BIRTH", Category::Person, Sensitivity::High)),
    ),
    (
        "street_address",
        Some(("STREET_ADDRESS", Category::Location, Sensitivity::Medium)),
    ),
    ("id", None),
    ("created_at", None),
    ("updated_at", None),
    ("status", None),
    ("amount", None),
    ("currency", None),
    ("notes", None),
    ("country", None),
    ("quantity", None),
    ("sku", None),
    ("version", None),
];
const PREFIXES: &[&str] = &[
    "customer",
    "billing",
    "shipping",
    "user",
    "account",
    "contact",
    "primary",
    "secondary",
    "home",
    "work",
    "legacy",
    "external",
    "",
];
const TABLES: &[&str] = &[
    "users",
    "orders",
    "payments",
    "invoices",
    "customers",
    "leads",
    "tickets",
    "shipments",
    "subscriptions",
    "events",
    "accounts",
    "employees",
    "refunds",
    "sessions",
    "addresses",
];
const OWNERS: &[&str] = &[
    "data-platform",
    "payments",
    "growth",
    "support",
    "hr-systems",
    "security",
    "analytics",
    "logistics",
];
const SOURCES: &[&str] = &[
    "prod-db",
    "crm-db",
    "warehouse",
    "lake",
    "billing-db",
    "hr-db",
];

fn classes() -> Vec<DataClass> {
    BASES
        .iter()
        .filter_map(|(_, c)| *c)
        .map(|(id, category, sensitivity)| DataClass {
            id: id.into(),
            name: id.replace('_', " ").to_lowercase(),
            category,
            sensitivity,
            compliance: vec![Compliance::Gdpr],
            description: String::new(),
        })
        .collect()
}

fn column(asset: usize, i: usize) -> (String, Option<&'static str>) {
    let h = mix((asset * 1000 + i) as u64) as usize;
    let (base, class) = BASES[h % BASES.len()];
    let prefix = PREFIXES[(h >> 8) % PREFIXES.len()];
    let name = if prefix.is_empty() {
        format!("{base}_{i}")
    } else {
        format!("{prefix}_{base}_{i}")
    };
    (name, class.map(|c| c.0))
}

fn report(asset: usize) -> AssetReport {
    let fields = (0..FIELDS_PER_ASSET)
        .map(|i| {
            let (path, class) = column(asset, i);
            let classes = class
                .map(|id| {
                    let mut fps: Vec<u64> = (0..64)
                        .map(|k| mix((asset * 7919 + i * 104_729 + k) as u64))
                        .collect();
                    fps.sort_unstable();
                    vec![ClassScore {
                        class: id.into(),
                        confidence: 0.93,
                        likelihood: Likelihood::VeryLikely,
                        matched: 930,
                        sampled: 1000,
                        validated_rate: Some(0.99),
                        reasons: vec!["93% of values match".into(), "column name hint".into()],
                        masked_examples: vec![
                            "j***@e*****.com".into(),
                            "m***@e*****.org".into(),
                            "a***@e*****.net".into(),
                        ],
                        fingerprints: fps.iter().map(|f| format!("{f:016x}")).collect(),
                    }]
                })
                .unwrap_or_default();
            FieldFinding {
                path,
                data_type: Some("text".into()),
                sampled: 1000,
                classes,
            }
        })
        .collect();
    AssetReport {
        asset: format!(
            "postgres://db{}/app/public.{}_{asset}",
            asset % 7,
            TABLES[asset % TABLES.len()]
        ),
        kind: AssetKind::Table,
        source: Some(SOURCES[asset % SOURCES.len()].into()),
        meta: AssetMeta {
            row_estimate: Some(1_000_000),
            schema_fingerprint: Some(format!("{:016x}", mix(asset as u64))),
            format: Some("postgres".into()),
            rows_sampled: 1000,
            ..AssetMeta::default()
        },
        fields,
        error: None,
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn ingest(c: &mut Criterion) {
    let rt = runtime();
    let reports: Vec<AssetReport> = (0..ASSETS_PER_ITER).map(report).collect();
    let fields = (ASSETS_PER_ITER * FIELDS_PER_ASSET) as u64;
    let mut g = c.benchmark_group("catalog_ingest");
    g.throughput(Throughput::Elements(fields));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    // Fresh assets: a new catalog per iteration, only the ingest is timed.
    g.bench_function("sqlite_new_assets", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().expect("tempdir");
                rt.block_on(async {
                    let catalog =
                        Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
                            .await
                            .expect("open");
                    catalog
                        .register_classes(&classes(), now())
                        .await
                        .expect("classes");
                    let run = catalog
                        .start_run(RunOptions::default(), now())
                        .await
                        .expect("run");
                    let start = Instant::now();
                    for r in &reports {
                        let out = catalog.ingest(run, r, now()).await.expect("ingest");
                        assert_eq!(out.status, piicat_catalog::IngestStatus::New);
                    }
                    total += start.elapsed();
                    catalog.close().await;
                });
            }
            total
        });
    });
    // Unchanged rescans of known assets.
    let dir = tempfile::tempdir().expect("tempdir");
    let catalog = rt.block_on(async {
        let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path()))
            .await
            .expect("open");
        catalog
            .register_classes(&classes(), now())
            .await
            .expect("classes");
        let run = catalog
            .start_run(RunOptions::default(), now())
            .await
            .expect("run");
        for r in &reports {
            catalog.ingest(run, r, now()).await.expect("ingest");
        }
        catalog
    });
    g.bench_function("sqlite_unchanged_rescan", |b| {
        b.iter(|| {
            rt.block_on(async {
                let run = catalog
                    .start_run(RunOptions::default(), now())
                    .await
                    .expect("run");
                for r in &reports {
                    let out = catalog.ingest(run, r, now()).await.expect("ingest");
                    assert_eq!(out.status, piicat_catalog::IngestStatus::Unchanged);
                }
            })
        });
    });
    g.finish();

    // Once, for the record: the same 4,000 fields timed by hand, and the index catch-up.
    let dir = tempfile::tempdir().expect("tempdir");
    rt.block_on(async {
        let catalog = Catalog::open(&CatalogLocation::Embedded, &DataDir::at(dir.path())).await.expect("open");
        catalog.register_classes(&classes(), now()).await.expect("classes");
        let run = catalog.start_run(RunOptions::default(), now()).await.expect("run");
        let many: Vec<AssetReport> = (0..1000).map(report).collect();
        let start = Instant::now();
        for r in &many {
            catalog.ingest(run, r, now()).await.expect("ingest");
        }
        let ingest = start.elapsed();
        let start = Instant::now();
        let run = catalog.finish_run(run, RunStatus::Completed, now()).await.expect("finish");
        let sync = start.elapsed();
        let n = run.counts.fields_seen as f64;
        println!(
            "catalog-bench: ingest {} fields in {} assets into SQLite: {:.0} fields/s; index catch-up {:.0} fields/s",
            run.counts.fields_seen,
            run.counts.assets_new,
            n / ingest.as_secs_f64(),
            n / sync.as_secs_f64()
        );
        let mut lat = Vec::new();
        for q in ["customer email", "emial", "class:CREDIT_CARD owner:payments", "billing address"] {
            for _ in 0..50 {
                let start = Instant::now();
                black_box(catalog.search(q, Page::default()).await.expect("search"));
                lat.push(start.elapsed());
            }
        }
        lat.sort();
        println!(
            "catalog-bench: Catalog::search end to end over {} fields: p50 {:?} p99 {:?}",
            run.counts.fields_seen,
            lat[lat.len() / 2],
            lat[lat.len() * 99 / 100]
        );
        catalog.close().await;
    });
}

fn index_docs(asset: usize) -> Vec<IndexDoc> {
    let table = TABLES[asset % TABLES.len()];
    let location = format!("postgres://db{}/app/public.{table}_{asset}", asset % 7);
    let owner = OWNERS[asset % OWNERS.len()];
    let base = IndexDoc {
        asset_id: asset as i64,
        field_id: None,
        name: format!("public.{table}_{asset}"),
        location,
        data_type: None,
        asset_kind: AssetKind::Table,
        source: Some(SOURCES[asset % SOURCES.len()].into()),
        owner: Some(owner.into()),
        purpose: None,
        description: asset
            .is_multiple_of(10)
            .then(|| format!("The {table} of the {owner} team, refreshed nightly.")),
        tags: vec![],
        classes: vec![],
        field_paths: vec![],
    };
    let mut docs = vec![];
    let mut asset_classes: Vec<IndexedClass> = vec![];
    for i in 0..INDEX_FIELDS_PER_ASSET {
        let h = mix((asset * 1000 + i) as u64) as usize;
        let (b, class) = BASES[h % BASES.len()];
        let prefix = PREFIXES[(h >> 8) % PREFIXES.len()];
        let name = if prefix.is_empty() {
            format!("{b}_{}", i % 3)
        } else {
            format!("{prefix}_{b}")
        };
        let classes: Vec<IndexedClass> = class
            .map(|(id, category, sensitivity)| IndexedClass {
                id: id.into(),
                name: Some(id.to_lowercase()),
                category: Some(category),
                sensitivity: Some(sensitivity),
                compliance: vec!["GDPR".into()],
                status: if h.is_multiple_of(17) {
                    FindingStatus::Confirmed
                } else {
                    FindingStatus::Suggested
                },
            })
            .into_iter()
            .collect();
        for c in &classes {
            if !asset_classes.iter().any(|a| a.id == c.id) {
                asset_classes.push(c.clone());
            }
        }
        docs.push(IndexDoc {
            field_id: Some((asset * INDEX_FIELDS_PER_ASSET + i) as i64),
            name,
            data_type: Some("text".into()),
            classes,
            description: None,
            ..base.clone()
        });
    }
    let field_paths = docs.iter().map(|d| d.name.clone()).collect();
    docs.insert(
        0,
        IndexDoc {
            classes: asset_classes,
            field_paths,
            ..base
        },
    );
    docs
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("index");
    let start = Instant::now();
    let mut batch_assets = Vec::new();
    let mut batch_docs = Vec::new();
    for a in 0..INDEX_ASSETS {
        batch_assets.push(a as i64);
        batch_docs.extend(index_docs(a));
        if batch_assets.len() == 1000 {
            index.upsert(&batch_assets, &batch_docs).expect("upsert");
            batch_assets.clear();
            batch_docs.clear();
        }
    }
    index.upsert(&batch_assets, &batch_docs).expect("upsert");
    index.commit(1).expect("commit");
    let docs = index.num_docs().expect("docs");
    println!(
        "catalog-bench: built an index of {} fields ({docs} documents) in {:.1}s",
        INDEX_ASSETS * INDEX_FIELDS_PER_ASSET,
        start.elapsed().as_secs_f64()
    );

    let queries = [
        "customer email",
        "emial",
        "custmer phne",
        "billing address owner:payments",
        "card number sensitivity:critical",
        "phone type:field source:crm-db",
        "ssn",
        "class:EMAIL sensitivity:>=medium",
        "orders_1234",
        "status:confirmed class:IBAN",
        "refreshed nightly support",
        "shipping street address type:field",
    ];
    let parsed: Vec<SearchQuery> = queries
        .iter()
        .map(|q| SearchQuery::parse(q).expect("query"))
        .collect();
    // Warm up, then time every query one by one.
    for q in &parsed {
        black_box(index.search(q, Page::default()).expect("search"));
    }
    let mut all = Vec::new();
    for (q, text) in parsed.iter().zip(queries) {
        let mut lat = Vec::new();
        let mut total = 0;
        for _ in 0..100 {
            let start = Instant::now();
            let r = index.search(q, Page::default()).expect("search");
            lat.push(start.elapsed());
            total = r.total;
        }
        lat.sort();
        println!(
            "catalog-bench: search {text:?}: {total} hits, p50 {:?} p99 {:?}",
            lat[50], lat[99]
        );
        all.extend(lat);
    }
    all.sort();
    println!(
        "catalog-bench: search over {} fields, {} queries: p50 {:?} p99 {:?}",
        INDEX_ASSETS * INDEX_FIELDS_PER_ASSET,
        all.len(),
        all[all.len() / 2],
        all[all.len() * 99 / 100]
    );

    let mut g = c.benchmark_group("catalog_search_1m_fields");
    g.throughput(Throughput::Elements(1));
    g.sample_size(30);
    for (q, text) in parsed.iter().zip(queries).take(3) {
        g.bench_function(text, |b| {
            b.iter(|| {
                let r = index.search(q, Page::default()).expect("search");
                assert!(r.total > 0);
                black_box(r)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, ingest, search);
criterion_main!(benches);
