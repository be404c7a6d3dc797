//! Store scenarios: ingest semantics, history, decisions, skipping, related fields,
//! metadata, failures and migrations.

use crate::support::*;
use piicat_catalog::{
    AssetMetadata, EventKind, FindingStatus, IngestStatus, RunOptions, RunStatus,
};
use piicat_classifiers::{
    AssetError, AssetErrorKind, AssetKind, AssetMeta, AssetReport, Sensitivity,
};

async fn run(t: &TestCatalog, hour: i64) -> piicat_catalog::RunId {
    t.start_run(RunOptions::default(), at(hour)).await.unwrap()
}

pub async fn new_asset_is_stored_with_fields_findings_and_masked_examples(t: &TestCatalog) {
    let r = run(t, 1).await;
    let outcome = t.ingest(r, &customers(), at(1)).await.unwrap();
    assert_eq!(outcome.status, IngestStatus::New);
    assert_eq!(outcome.new_findings, 4);
    assert!(outcome.drift.is_empty());

    let a = t.asset(CUSTOMERS).await.unwrap().expect("asset stored");
    assert_eq!(a.kind, AssetKind::Table);
    assert_eq!(a.source.as_deref(), Some("prod-db"));
    assert_eq!(a.dataset, "postgres://db.internal/shop/public");
    assert_eq!(a.row_estimate, Some(10_000));
    assert_eq!(a.first_seen, at(1));
    assert_eq!(a.sensitivity, Some(Sensitivity::High));
    assert_eq!(a.fields.len(), 5);
    let email = a
        .fields
        .iter()
        .find(|f| f.path == "customer_email")
        .unwrap();
    assert_eq!(email.data_type.as_deref(), Some("varchar(255)"));
    let finding = &email.findings[0];
    assert_eq!(finding.class, "EMAIL");
    assert_eq!(finding.class_name.as_deref(), Some("Email address"));
    assert_eq!(finding.status, FindingStatus::Suggested);
    assert!((finding.confidence - 0.97).abs() < 1e-6);
    // At most three masked examples are kept.
    assert_eq!(
        finding.masked_examples,
        vec!["j***@e*****.com", "m***@e*****.org", "a***@e*****.net"]
    );
    assert_eq!(finding.reasons.len(), 2);
    assert!(
        a.fields
            .iter()
            .find(|f| f.path == "id")
            .unwrap()
            .findings
            .is_empty()
    );
    assert_eq!(a.history[0].kind, EventKind::AssetNew);

    let finished = t.finish_run(r, RunStatus::Completed, at(2)).await.unwrap();
    assert_eq!(finished.status, RunStatus::Completed);
    assert_eq!(finished.finished_at, Some(at(2)));
    assert_eq!(finished.counts.assets_new, 1);
    assert_eq!(finished.counts.fields_seen, 5);
    assert_eq!(finished.counts.findings_new, 4);
    assert!(finished.errors.is_empty());
}

pub async fn reingest_is_idempotent(t: &TestCatalog) {
    let r1 = run(t, 1).await;
    assert_eq!(
        t.ingest(r1, &customers(), at(1)).await.unwrap().status,
        IngestStatus::New
    );
    let before = t.asset(CUSTOMERS).await.unwrap().unwrap();
    // The same report again, in the same run (a retried write) and in a later run.
    let again = t.ingest(r1, &customers(), at(1)).await.unwrap();
    assert_eq!(again.status, IngestStatus::Unchanged);
    assert_eq!(again.new_findings, 0);
    assert_eq!(t.asset(CUSTOMERS).await.unwrap().unwrap(), before);
    let counts = t
        .finish_run(r1, RunStatus::Completed, at(1))
        .await
        .unwrap()
        .counts;
    assert_eq!((counts.assets_new, counts.assets_unchanged), (1, 0));

    let r2 = run(t, 5).await;
    let later = t.ingest(r2, &customers(), at(5)).await.unwrap();
    assert_eq!(later.status, IngestStatus::Unchanged);
    let after = t.asset(CUSTOMERS).await.unwrap().unwrap();
    assert_eq!(after.last_seen, at(5));
    assert_eq!(after.last_changed_at, before.last_changed_at);
    assert_eq!(after.fields, before.fields);
    assert_eq!(after.history.len(), before.history.len());
    let counts = t
        .finish_run(r2, RunStatus::Completed, at(6))
        .await
        .unwrap()
        .counts;
    assert_eq!(counts.assets_unchanged, 1);
}

fn finding_id(
    a: &piicat_catalog::AssetDetail,
    path: &str,
    class: &str,
) -> piicat_catalog::FindingId {
    a.fields
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| f.findings.iter().find(|x| x.class == class))
        .map(|x| x.id)
        .unwrap_or_else(|| panic!("no {class} on {path}"))
}

fn finding<'a>(
    a: &'a piicat_catalog::AssetDetail,
    path: &str,
    class: &str,
) -> &'a piicat_catalog::FindingDetail {
    a.fields
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| f.findings.iter().find(|x| x.class == class))
        .unwrap_or_else(|| panic!("no {class} on {path}"))
}

pub async fn a_persons_decision_survives_rescans(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    let name = finding_id(&a, "full_name", "PERSON_NAME");
    let email = finding_id(&a, "customer_email", "EMAIL");
    t.set_finding_status(name, FindingStatus::Rejected, "alice", at(2))
        .await
        .unwrap();
    t.set_finding_status(email, FindingStatus::Confirmed, "bob", at(2))
        .await
        .unwrap();
    assert!(
        t.set_finding_status(email, FindingStatus::Confirmed, "  ", at(2))
            .await
            .is_err()
    );

    // A rescan with different evidence for both.
    let mut report = customers();
    report.fields[3].classes[0].confidence = 0.61;
    report.fields[1].classes[0].masked_examples = vec!["z***@e*****.com".into()];
    let r2 = run(t, 3).await;
    assert_eq!(
        t.ingest(r2, &report, at(3)).await.unwrap().status,
        IngestStatus::Updated
    );

    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    let n = finding(&a, "full_name", "PERSON_NAME");
    assert_eq!(n.status, FindingStatus::Rejected);
    assert_eq!(n.status_by.as_deref(), Some("alice"));
    assert_eq!(n.status_at, Some(at(2)));
    assert!((n.confidence - 0.61).abs() < 1e-6);
    assert_eq!(n.updated_at, at(3));
    let e = finding(&a, "customer_email", "EMAIL");
    assert_eq!(e.status, FindingStatus::Confirmed);
    assert_eq!(e.masked_examples, vec!["z***@e*****.com"]);
    // A rejected finding no longer counts toward the asset's sensitivity; SSN still does.
    assert_eq!(a.sensitivity, Some(Sensitivity::High));
    let decisions: Vec<_> = a
        .history
        .iter()
        .filter(|e| e.kind == EventKind::StatusChanged)
        .collect();
    assert_eq!(decisions.len(), 2);
    assert!(decisions.iter().any(|e| e.actor.as_deref() == Some("alice")
        && e.field.as_deref() == Some("full_name")
        && e.detail["to"] == "rejected"));
}

pub async fn a_disappearing_finding_is_resolved_not_deleted(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    t.set_finding_status(
        finding_id(&a, "ssn", "US_SSN"),
        FindingStatus::Confirmed,
        "carol",
        at(1),
    )
    .await
    .unwrap();

    // The ssn column is emptied: no class found any more.
    let mut report = customers();
    report.fields[4].classes.clear();
    let r2 = run(t, 4).await;
    let outcome = t.ingest(r2, &report, at(4)).await.unwrap();
    assert_eq!(outcome.status, IngestStatus::Updated);
    assert_eq!(outcome.resolved_findings, 1);
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    let ssn = finding(&a, "ssn", "US_SSN");
    assert_eq!(ssn.resolved_at, Some(at(4)));
    assert_eq!(ssn.status, FindingStatus::Confirmed);
    assert_eq!(a.sensitivity, Some(Sensitivity::Medium));
    assert!(
        a.history
            .iter()
            .any(|e| e.kind == EventKind::FindingResolved
                && e.class.as_deref() == Some("US_SSN")
                && e.run == Some(r2))
    );
    assert_eq!(
        t.finish_run(r2, RunStatus::Completed, at(4))
            .await
            .unwrap()
            .counts
            .findings_resolved,
        1
    );

    // A dropped column resolves its findings and is marked gone, not deleted.
    let mut report2 = customers();
    report2.fields.remove(2);
    let r3 = run(t, 6).await;
    t.ingest(r3, &report2, at(6)).await.unwrap();
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    let phone = a.fields.iter().find(|f| f.path == "phone").unwrap();
    assert_eq!(phone.gone_at, Some(at(6)));
    assert_eq!(phone.findings[0].resolved_at, Some(at(6)));
    // The ssn finding came back: reopened, decision kept.
    let ssn = finding(&a, "ssn", "US_SSN");
    assert_eq!(ssn.resolved_at, None);
    assert_eq!(ssn.status, FindingStatus::Confirmed);
    assert!(
        a.history
            .iter()
            .any(|e| e.kind == EventKind::FindingReappeared)
    );
    assert!(
        a.history
            .iter()
            .any(|e| e.kind == EventKind::FieldGone && e.field.as_deref() == Some("phone"))
    );
}

pub async fn a_new_class_on_a_known_field_is_drift(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    let mut report = customers();
    // `id` starts holding card numbers; a new column arrives with dates of birth.
    report.fields[0]
        .classes
        .push(score("CREDIT_CARD", 0.9, &["****-****-****-4242"]));
    report.fields.push(field(
        "dob",
        "date",
        vec![score("DATE_OF_BIRTH", 0.8, &["19**-**-**"])],
    ));
    let r2 = run(t, 2).await;
    let outcome = t.ingest(r2, &report, at(2)).await.unwrap();
    assert_eq!(outcome.status, IngestStatus::Updated);
    assert_eq!(outcome.new_findings, 2);
    assert_eq!(outcome.drift.len(), 1);
    assert_eq!(outcome.drift[0].path, "id");
    assert_eq!(outcome.drift[0].class, "CREDIT_CARD");

    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    assert_eq!(a.sensitivity, Some(Sensitivity::Critical));
    let drift: Vec<_> = a
        .history
        .iter()
        .filter(|e| e.kind == EventKind::Drift)
        .collect();
    assert_eq!(drift.len(), 1);
    assert_eq!(drift[0].field.as_deref(), Some("id"));
    assert_eq!(drift[0].run, Some(r2));
    assert!(
        a.history
            .iter()
            .any(|e| e.kind == EventKind::FindingNew && e.field.as_deref() == Some("dob"))
    );
    assert!(
        a.history
            .iter()
            .any(|e| e.kind == EventKind::FieldNew && e.field.as_deref() == Some("dob"))
    );
    let run = t.finish_run(r2, RunStatus::Completed, at(2)).await.unwrap();
    assert_eq!(run.counts.drift_events, 1);
    assert_eq!(run.counts.assets_updated, 1);
}

pub async fn unchanged_assets_are_skipped_unless_forced(t: &TestCatalog) {
    let object = |etag: &str| AssetReport {
        asset: "s3://lake/exports/users.csv".into(),
        kind: AssetKind::Object,
        source: Some("lake".into()),
        meta: AssetMeta {
            etag: Some(etag.into()),
            size_bytes: Some(2048),
            format: Some("csv".into()),
            ..AssetMeta::default()
        },
        fields: vec![field(
            "email",
            "Utf8",
            vec![score("EMAIL", 0.95, &["j***@e*****.com"])],
        )],
        error: None,
    };
    let r = run(t, 1).await;
    assert!(
        !t.should_skip(r, "s3://lake/exports/users.csv", &object("e1").meta)
            .await
            .unwrap()
    );
    t.ingest(r, &object("e1"), at(1)).await.unwrap();
    t.ingest(r, &customers(), at(1)).await.unwrap();

    let r2 = run(t, 2).await;
    assert!(
        t.should_skip(r2, "s3://lake/exports/users.csv", &object("e1").meta)
            .await
            .unwrap()
    );
    assert!(
        !t.should_skip(r2, "s3://lake/exports/users.csv", &object("e2").meta)
            .await
            .unwrap()
    );
    // Tables: schema fingerprint and row estimate.
    let meta = customers().meta;
    assert!(t.should_skip(r2, CUSTOMERS, &meta).await.unwrap());
    let grown = AssetMeta {
        row_estimate: Some(10_001),
        ..meta.clone()
    };
    assert!(!t.should_skip(r2, CUSTOMERS, &grown).await.unwrap());
    let altered = AssetMeta {
        schema_fingerprint: Some("schema-v2".into()),
        ..meta.clone()
    };
    assert!(!t.should_skip(r2, CUSTOMERS, &altered).await.unwrap());

    let skipped = t.mark_skipped(r2, CUSTOMERS, at(2)).await.unwrap();
    assert_eq!(skipped.status, IngestStatus::Skipped);
    assert_eq!(t.asset(CUSTOMERS).await.unwrap().unwrap().last_seen, at(2));
    let counts = t
        .finish_run(r2, RunStatus::Completed, at(2))
        .await
        .unwrap()
        .counts;
    assert_eq!(counts.assets_skipped, 1);

    // A forced run rescans everything.
    let forced = t
        .start_run(
            RunOptions {
                forced: true,
                label: Some("forced".into()),
                ..RunOptions::default()
            },
            at(3),
        )
        .await
        .unwrap();
    assert!(!t.should_skip(forced, CUSTOMERS, &meta).await.unwrap());
    assert!(
        t.mark_skipped(forced, "file:///nowhere", at(3))
            .await
            .is_err()
    );
}

pub async fn related_fields_come_from_fingerprint_overlap(t: &TestCatalog) {
    let with_sketch = |path: &str, class: &str, values: std::ops::Range<u64>| {
        let mut s = score(class, 0.95, &[]);
        s.fingerprints = sketch(values);
        field(path, "text", vec![s])
    };
    let r = run(t, 1).await;
    // users hold 4000 addresses; orders reference the first 1000 of them.
    t.ingest(
        r,
        &table(
            "postgres://db/shop/public.users",
            vec![with_sketch("email", "EMAIL", 0..4000)],
        ),
        at(1),
    )
    .await
    .unwrap();
    t.ingest(
        r,
        &table(
            "postgres://db/shop/public.orders",
            vec![
                with_sketch("customer_email", "EMAIL", 0..1000),
                with_sketch("billing_phone", "PHONE_NUMBER", 100_000..101_000),
            ],
        ),
        at(1),
    )
    .await
    .unwrap();
    t.ingest(
        r,
        &table(
            "postgres://db/crm/public.leads",
            vec![with_sketch("email", "EMAIL", 50_000..53_000)],
        ),
        at(1),
    )
    .await
    .unwrap();

    // `catalog show` finds assets by the end of their location, else by a part of it.
    let found = |v: Vec<(piicat_catalog::AssetId, String)>| {
        v.into_iter().map(|(_, l)| l).collect::<Vec<_>>()
    };
    assert_eq!(
        found(t.find_assets("public.users", 10).await.unwrap()),
        vec!["postgres://db/shop/public.users"]
    );
    assert_eq!(
        found(t.find_assets("/shop/", 10).await.unwrap()),
        vec![
            "postgres://db/shop/public.orders",
            "postgres://db/shop/public.users"
        ]
    );
    assert!(t.find_assets("nowhere", 10).await.unwrap().is_empty());
    let orders = t
        .asset("postgres://db/shop/public.orders")
        .await
        .unwrap()
        .unwrap();
    let customer_email = orders
        .fields
        .iter()
        .find(|f| f.path == "customer_email")
        .unwrap();
    assert_eq!(customer_email.findings[0].sketch_size, 64);
    let related = t.related_fields(customer_email.id).await.unwrap();
    assert_eq!(related.len(), 1, "{related:?}");
    let users = &related[0];
    assert_eq!(users.asset, "postgres://db/shop/public.users");
    assert_eq!(users.path, "email");
    assert_eq!(users.class, "EMAIL");
    assert!(users.overlap > 0.8, "{users:?}");
    assert!(
        users.reverse_overlap > 0.1 && users.reverse_overlap < 0.45,
        "{users:?}"
    );

    let users_asset = t
        .asset("postgres://db/shop/public.users")
        .await
        .unwrap()
        .unwrap();
    let back = t.related_fields(users_asset.fields[0].id).await.unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].path, "customer_email");
    assert!(back[0].overlap < 0.45);

    // A resolved finding relates to nothing any more.
    let r2 = run(t, 2).await;
    let mut emptied = table(
        "postgres://db/shop/public.users",
        vec![field("email", "text", vec![])],
    );
    emptied.meta.row_estimate = Some(0);
    t.ingest(r2, &emptied, at(2)).await.unwrap();
    assert!(
        t.related_fields(customer_email.id)
            .await
            .unwrap()
            .is_empty()
    );

    // A rescan with a new sketch moves the relation: orders now share values with leads.
    let r3 = run(t, 3).await;
    t.ingest(
        r3,
        &table(
            "postgres://db/shop/public.orders",
            vec![
                with_sketch("customer_email", "EMAIL", 50_000..51_000),
                with_sketch("billing_phone", "PHONE_NUMBER", 100_000..101_000),
            ],
        ),
        at(3),
    )
    .await
    .unwrap();
    let moved = t.related_fields(customer_email.id).await.unwrap();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0].asset, "postgres://db/crm/public.leads");
    assert!(moved[0].overlap > 0.8, "{moved:?}");
}

pub async fn metadata_is_editable_and_recorded(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    let meta = AssetMetadata {
        owner: Some(" data-platform ".into()),
        purpose: Some("billing".into()),
        description: Some("Customers of the web shop, one row per account.".into()),
        tags: vec![
            "GDPR".into(),
            "gdpr".into(),
            "retention-2y".into(),
            " ".into(),
        ],
    };
    t.set_asset_metadata(CUSTOMERS, &meta, "dana", at(2))
        .await
        .unwrap();
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    assert_eq!(a.metadata.owner.as_deref(), Some("data-platform"));
    assert_eq!(a.metadata.purpose.as_deref(), Some("billing"));
    assert_eq!(a.metadata.tags, vec!["GDPR", "retention-2y"]);
    assert_eq!(a.metadata_updated_by.as_deref(), Some("dana"));
    assert_eq!(a.metadata_updated_at, Some(at(2)));
    let edits: Vec<_> = a
        .history
        .iter()
        .filter(|e| e.kind == EventKind::MetadataChanged)
        .collect();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].actor.as_deref(), Some("dana"));

    // Saving the same metadata again records nothing; a rescan keeps it.
    t.set_asset_metadata(CUSTOMERS, &meta, "dana", at(3))
        .await
        .unwrap();
    let r2 = run(t, 4).await;
    let mut report = customers();
    report.meta.row_estimate = Some(12_000);
    t.ingest(r2, &report, at(4)).await.unwrap();
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    assert_eq!(a.metadata.owner.as_deref(), Some("data-platform"));
    assert_eq!(
        a.history
            .iter()
            .filter(|e| e.kind == EventKind::MetadataChanged)
            .count(),
        1
    );
    assert!(
        t.set_asset_metadata("file:///nowhere", &meta, "dana", at(3))
            .await
            .is_err()
    );
}

pub async fn a_failed_asset_keeps_its_findings_and_is_listed_in_the_run(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    let r2 = run(t, 2).await;
    let failed = AssetReport::failed(
        CUSTOMERS,
        AssetKind::Table,
        AssetError::new(
            AssetErrorKind::PermissionDenied,
            "permission denied for table customers",
        ),
    );
    let outcome = t.ingest(r2, &failed, at(2)).await.unwrap();
    assert_eq!(outcome.status, IngestStatus::Failed);
    let new_failure = AssetReport::failed(
        "file:///srv/secret/dump.csv",
        AssetKind::File,
        AssetError::new(AssetErrorKind::NotFound, "no such file"),
    );
    t.ingest(r2, &new_failure, at(2)).await.unwrap();
    let a = t.asset(CUSTOMERS).await.unwrap().unwrap();
    assert_eq!(
        a.last_error.as_ref().map(|e| e.kind),
        Some(AssetErrorKind::PermissionDenied)
    );
    assert_eq!(a.fields.iter().map(|f| f.findings.len()).sum::<usize>(), 4);
    assert!(
        a.fields
            .iter()
            .flat_map(|f| &f.findings)
            .all(|f| f.resolved_at.is_none())
    );
    let run2 = t.finish_run(r2, RunStatus::Completed, at(3)).await.unwrap();
    assert_eq!(run2.counts.assets_failed, 2);
    assert_eq!(run2.errors.len(), 2);
    assert_eq!(run2.errors[1].location, CUSTOMERS);
    assert_eq!(run2.errors[1].error.kind, AssetErrorKind::PermissionDenied);
    // A failed asset is never skipped; a good scan clears the error.
    let r3 = run(t, 4).await;
    assert!(
        !t.should_skip(r3, CUSTOMERS, &customers().meta)
            .await
            .unwrap()
    );
    assert_eq!(
        t.ingest(r3, &customers(), at(4)).await.unwrap().status,
        IngestStatus::Updated
    );
    assert!(
        t.asset(CUSTOMERS)
            .await
            .unwrap()
            .unwrap()
            .last_error
            .is_none()
    );
}

pub async fn migrations_go_up_down_and_up_again(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    let store = t.store();
    assert_eq!(store.applied_migrations().await.unwrap(), vec![1, 2]);
    // One step down keeps the catalog's data; back up, it is all there.
    store.migrate_down_to(1).await.unwrap();
    assert_eq!(store.applied_migrations().await.unwrap(), vec![1]);
    store.migrate_up().await.unwrap();
    assert!(t.asset(CUSTOMERS).await.unwrap().is_some());
    store.migrate_down_to(0).await.unwrap();
    assert!(store.applied_migrations().await.unwrap().is_empty());
    assert!(
        t.asset(CUSTOMERS).await.is_err(),
        "tables are gone after down"
    );
    store.migrate_up().await.unwrap();
    assert_eq!(store.applied_migrations().await.unwrap(), vec![1, 2]);
    assert!(t.asset(CUSTOMERS).await.unwrap().is_none());
    t.register_classes(&classes(), at(2)).await.unwrap();
    let r = run(t, 2).await;
    assert_eq!(
        t.ingest(r, &customers(), at(2)).await.unwrap().status,
        IngestStatus::New
    );
}

pub async fn bad_reports_are_refused_whole(t: &TestCatalog) {
    let r = run(t, 1).await;
    let mut dup = customers();
    dup.fields.push(field("phone", "text", vec![]));
    let err = t.ingest(r, &dup, at(1)).await.unwrap_err();
    assert!(err.to_string().contains("`phone` twice"), "{err}");
    assert!(
        t.asset(CUSTOMERS).await.unwrap().is_none(),
        "nothing half-written"
    );
    let mut empty = customers();
    empty.asset = " ".into();
    assert!(t.ingest(r, &empty, at(1)).await.is_err());
}

pub async fn reopening_sees_the_same_catalog(t: &TestCatalog) {
    let r = run(t, 1).await;
    t.ingest(r, &customers(), at(1)).await.unwrap();
    t.finish_run(r, RunStatus::Completed, at(1)).await.unwrap();
    let again = t.reopen().await;
    assert_eq!(
        again.asset(CUSTOMERS).await.unwrap(),
        t.asset(CUSTOMERS).await.unwrap()
    );
    assert_eq!(again.run(r).await.unwrap().counts.assets_new, 1);
    // The index is local, under the data directory, whatever the backend.
    assert!(again.index().dir().starts_with(t.data_dir().index_root()));
    let hits = again
        .search("ssn", piicat_catalog::Page::default())
        .await
        .unwrap();
    assert!(hits.hits.iter().any(|h| h.name == "ssn"));
}
