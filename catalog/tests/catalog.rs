//! The catalog's integration tests: one binary, a module per concern. Scenarios run against
//! both backends — SQLite in a temp dir and the local PostgreSQL in a schema of their own.

#[path = "catalog/crash.rs"]
mod crash;
#[path = "catalog/guarantees.rs"]
mod guarantees;
#[path = "catalog/runs.rs"]
mod runs;
#[path = "catalog/search.rs"]
mod search;
#[path = "catalog/store.rs"]
mod store;
#[path = "catalog/support.rs"]
mod support;

/// Runs each scenario `module::name(&TestCatalog)` once per backend.
macro_rules! on_both_backends {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let t = crate::support::sqlite().await;
                    crate::$module::$name(&t).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(t) = crate::support::postgres().await else { return };
                    crate::$module::$name(&t).await;
                }
            )*
        }
    };
}

on_both_backends!(
    store::new_asset_is_stored_with_fields_findings_and_masked_examples,
    store::reingest_is_idempotent,
    store::a_persons_decision_survives_rescans,
    store::a_disappearing_finding_is_resolved_not_deleted,
    store::a_new_class_on_a_known_field_is_drift,
    store::unchanged_assets_are_skipped_unless_forced,
    store::related_fields_come_from_fingerprint_overlap,
    store::metadata_is_editable_and_recorded,
    store::a_failed_asset_keeps_its_findings_and_is_listed_in_the_run,
    store::migrations_go_up_down_and_up_again,
    store::bad_reports_are_refused_whole,
    store::reopening_sees_the_same_catalog,
    runs::a_run_under_another_fingerprint_key_is_refused,
    runs::a_run_of_a_dead_process_is_marked_interrupted,
    search::the_three_spellings_of_a_name_all_match,
    search::filters_narrow_and_facets_count,
    search::names_match_despite_typos,
    search::results_page_and_highlight,
    search::equal_relevance_ranks_the_more_sensitive_first,
);
