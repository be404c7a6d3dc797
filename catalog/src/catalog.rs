//! [`Catalog`]: the one handle the CLI, the scanner's sink and the web service use. It owns
//! the store (the truth) and the search index (derived from it), and keeps the index caught
//! up with the store. Time always comes in as a parameter (`now`); nothing here reads the
//! clock to decide anything.

use crate::classes::{self, ClassBook};
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::index::SearchIndex;
use crate::ingest::{self, NewEvent};
use crate::keys::KeyId;
use crate::model::{
    AssetDetail, AssetId, AssetMetadata, EventKind, FieldId, FindingId, FindingStatus,
    IngestOutcome, RelatedField, RunId, RunOptions, RunStatus, ScanRun,
};
use crate::read;
use crate::runs;
use crate::search::{Page, SearchQuery, SearchResults};
use crate::store::{CatalogLocation, Store};
use crate::sync::{self, SyncStats};
use chrono::{DateTime, Utc};
use piicat_classifiers::{AssetMeta, AssetReport, DataClass};
use std::sync::Arc;

/// The catalog: store + search index. Cheap to clone; share one per process.
#[derive(Clone, Debug)]
pub struct Catalog {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    data_dir: DataDir,
    /// The catalog for messages: the embedded one with its file; never a password.
    place: String,
    index: Arc<SearchIndex>,
    /// One catch-up at a time, so commits carry increasing revisions.
    sync: tokio::sync::Mutex<()>,
}

impl Catalog {
    /// Opens (creating and migrating if needed) the catalog at `location`, with its search
    /// index under `data_dir`.
    #[tracing::instrument(skip_all)]
    pub async fn open(location: &CatalogLocation, data_dir: &DataDir) -> Result<Catalog> {
        let store = Store::open(location, data_dir).await?;
        // The index is local even for a shared PostgreSQL catalog, and named by the catalog's
        // id so two catalogs used from one data directory never share an index.
        let dir = data_dir.index_root().join(sync::catalog_id(&store).await?);
        let index = tokio::task::spawn_blocking(move || SearchIndex::shared(&dir))
            .await
            .map_err(|e| Error::Task(e.to_string()))??;
        let catalog = Catalog {
            inner: Arc::new(Inner {
                store,
                data_dir: data_dir.clone(),
                place: match location {
                    CatalogLocation::Embedded => {
                        format!("{location} at {}", data_dir.catalog_db().display())
                    }
                    other => other.to_string(),
                },
                index,
                sync: tokio::sync::Mutex::new(()),
            }),
        };
        catalog.catch_up_quietly().await?;
        Ok(catalog)
    }

    /// Brings the index up to date with the store; another process holding the index is not
    /// an error here (that process catches it up).
    async fn catch_up_quietly(&self) -> Result<()> {
        match self.sync_index().await {
            Ok(_) => Ok(()),
            Err(Error::IndexLocked(dir)) => {
                tracing::debug!(dir = %dir.display(), "search index held by another process");
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Re-indexes what changed in the store since the index last caught up.
    pub async fn sync_index(&self) -> Result<SyncStats> {
        // The common case — nothing changed — costs one small read and no lock, so searches
        // never queue behind each other here.
        let target = {
            let mut conn = self.inner.store.conn().await?;
            sync::store_revision(&mut conn.conn()).await?
        };
        if self.inner.index.revision()? == target {
            return Ok(SyncStats {
                revision: target,
                ..SyncStats::default()
            });
        }
        let _one = self.inner.sync.lock().await;
        sync::catch_up(&self.inner.store, &self.inner.index, false).await
    }

    /// Rebuilds the search index from the store (`piicat reindex`).
    pub async fn reindex(&self) -> Result<SyncStats> {
        let _one = self.inner.sync.lock().await;
        sync::catch_up(&self.inner.store, &self.inner.index, true).await
    }

    /// The search index (for its directory and document count).
    pub fn index(&self) -> &SearchIndex {
        &self.inner.index
    }

    /// Searches with the query syntax (`customer email class:EMAIL sensitivity:>=high`).
    pub async fn search(&self, query: &str, page: Page) -> Result<SearchResults> {
        let parsed = SearchQuery::parse(query)?;
        self.search_parsed(&parsed, page).await
    }

    /// Searches with an already parsed query. The index first catches up with the store, so
    /// a search always sees every committed change of this process (and of others, once they
    /// have released the index). A corrupt index is rebuilt and the search retried once.
    #[tracing::instrument(skip_all)]
    pub async fn search_parsed(&self, query: &SearchQuery, page: Page) -> Result<SearchResults> {
        self.catch_up_quietly().await?;
        let run = |index: Arc<SearchIndex>, query: SearchQuery| async move {
            tokio::task::spawn_blocking(move || index.search(&query, page))
                .await
                .map_err(|e| Error::Task(e.to_string()))?
        };
        match run(self.inner.index.clone(), query.clone()).await {
            Err(Error::Index(e)) if is_corruption(&e) => {
                tracing::warn!(error = %e, "search index corrupt; rebuilding it from the catalog");
                self.reindex().await?;
                run(self.inner.index.clone(), query.clone()).await
            }
            other => other,
        }
    }

    /// The store, for the parts of piicat that keep their own tables beside the catalog's.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The data directory the catalog was opened with.
    pub fn data_dir(&self) -> &DataDir {
        &self.inner.data_dir
    }

    /// Tells the catalog about classes (the engine's, custom ones from config), so facets and
    /// `catalog show` can name their category and sensitivity.
    #[tracing::instrument(skip_all)]
    pub async fn register_classes(&self, classes: &[DataClass], now: DateTime<Utc>) -> Result<()> {
        self.inner
            .store
            .write(async |c| classes::register(c, classes, now).await)
            .await
    }

    pub(crate) async fn class_book(&self) -> Result<ClassBook> {
        let mut conn = self.inner.store.conn().await?;
        ClassBook::load(&mut conn.conn()).await
    }

    /// Starts a scan run. In the same transaction: the run's fingerprint key is recorded as
    /// the catalog's (first run to name one) or checked against it
    /// ([`Error::FingerprintKeyMismatch`]), and runs left `running` on this host by a process
    /// that is gone are marked interrupted.
    #[tracing::instrument(skip_all)]
    pub async fn start_run(&self, options: RunOptions, now: DateTime<Utc>) -> Result<RunId> {
        let place = self.inner.place.as_str();
        self.inner
            .store
            .write(async |c| {
                if let Some(key) = &options.fingerprint_key {
                    runs::claim_fingerprint_key(c, key, place, now).await?;
                }
                if let Some(owner) = &options.owner {
                    runs::sweep_dead_runs(c, owner, now).await?;
                }
                let row = c
                    .fetch_one(
                        c.q(
                            "INSERT INTO scan_runs (started_at, status, forced, label, host, pid) \
                             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        )
                        .bind(now)
                        .bind(RunStatus::Running.as_str())
                        .bind(options.forced)
                        .bind(options.label.as_deref())
                        .bind(options.owner.as_ref().map(|o| o.host.as_str()))
                        .bind(options.owner.as_ref().map(|o| i64::from(o.pid))),
                    )
                    .await?;
                Ok(RunId(row.get(0)?))
            })
            .await
    }

    /// The id of the key the catalog's fingerprints are under, once a run has named one.
    pub async fn fingerprint_key_id(&self) -> Result<Option<KeyId>> {
        let mut conn = self.inner.store.conn().await?;
        runs::fingerprint_key_id(&mut conn.conn()).await
    }

    /// The newest `limit` scan runs, newest first.
    pub async fn recent_runs(&self, limit: usize) -> Result<Vec<ScanRun>> {
        let mut conn = self.inner.store.conn().await?;
        let mut c = conn.conn();
        let ids = runs::recent(&mut c, ingest::to_i64(limit as u64)).await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(read::scan_run(&mut c, id).await?);
        }
        Ok(out)
    }

    /// Whether the scanner may skip the asset at `location` in `run`: it was scanned before,
    /// its change facts (etag, else size + mtime; schema fingerprint + row estimate for
    /// tables) are the same, and the run is not forced. A skipped asset should then be
    /// recorded with [`Catalog::mark_skipped`].
    #[tracing::instrument(skip_all)]
    pub async fn should_skip(&self, run: RunId, location: &str, meta: &AssetMeta) -> Result<bool> {
        let mut conn = self.inner.store.conn().await?;
        let mut c = conn.conn();
        let forced: bool = c
            .fetch_optional(
                c.q("SELECT forced FROM scan_runs WHERE id = $1")
                    .bind(run.0),
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "scan run",
                id: run.to_string(),
            })?
            .get(0)?;
        if forced {
            return Ok(false);
        }
        ingest::is_unchanged(&mut c, location, meta).await
    }

    /// Records that a known asset was seen but not rescanned in `run`.
    pub async fn mark_skipped(
        &self,
        run: RunId,
        location: &str,
        now: DateTime<Utc>,
    ) -> Result<IngestOutcome> {
        ingest::mark_skipped(&self.inner.store, run, location, now).await
    }

    /// Ingests one asset report (one transaction, idempotent). Only the store is written:
    /// the search index and the related-field candidates catch up in batches, at
    /// [`Catalog::finish_run`], at the next search, or on [`Catalog::sync_index`].
    pub async fn ingest(
        &self,
        run: RunId,
        report: &AssetReport,
        now: DateTime<Utc>,
    ) -> Result<IngestOutcome> {
        ingest::ingest(&self.inner.store, run, report, now).await
    }

    /// Finishes a run: stores its totals and status.
    #[tracing::instrument(skip_all)]
    pub async fn finish_run(
        &self,
        run: RunId,
        status: RunStatus,
        now: DateTime<Utc>,
    ) -> Result<ScanRun> {
        let found = self
            .inner
            .store
            .write(async |c| runs::finish(c, run, status, now).await)
            .await?;
        if !found {
            return Err(Error::NotFound {
                what: "scan run",
                id: run.to_string(),
            });
        }
        crate::related::refresh_candidates(&self.inner.store).await?;
        self.catch_up_quietly().await?;
        self.run(run).await
    }

    /// One scan run.
    pub async fn run(&self, run: RunId) -> Result<ScanRun> {
        let mut conn = self.inner.store.conn().await?;
        read::scan_run(&mut conn.conn(), run).await
    }

    /// Records a person's decision on a finding. Kept across rescans.
    #[tracing::instrument(skip_all)]
    pub async fn set_finding_status(
        &self,
        finding: FindingId,
        status: FindingStatus,
        who: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let who = who.trim();
        if who.is_empty() {
            return Err(Error::Invalid(
                "a finding's status needs the name of who decided".into(),
            ));
        }
        self.inner
            .store
            .write(async |c| {
                let row = c
                    .fetch_optional(
                        c.q(
                            "SELECT f.status, f.field_id, f.class_id, d.asset_id FROM findings f \
                         JOIN fields d ON d.id = f.field_id WHERE f.id = $1",
                        )
                        .bind(finding.0),
                    )
                    .await?
                    .ok_or_else(|| Error::NotFound {
                        what: "finding",
                        id: finding.to_string(),
                    })?;
                let old: String = row.get(0)?;
                let field = FieldId(row.get(1)?);
                let class: String = row.get(2)?;
                let asset = AssetId(row.get(3)?);
                c.execute(
                c.q("UPDATE findings SET status = $1, status_by = $2, status_at = $3 WHERE id = $4")
                    .bind(status.as_str())
                    .bind(who)
                    .bind(now)
                    .bind(finding.0),
            )
            .await?;
                let revision = ingest::next_revision(c).await?;
                c.execute(
                    c.q("UPDATE assets SET revision = $1 WHERE id = $2")
                        .bind(revision)
                        .bind(asset.0),
                )
                .await?;
                let event = NewEvent {
                    kind: EventKind::StatusChanged,
                    field: Some(field),
                    finding: Some(finding),
                    class: Some(class),
                    detail: Some(serde_json::json!({ "from": old, "to": status.as_str() })),
                };
                ingest::insert_event(c, asset, who, now, event).await
            })
            .await?;
        self.catch_up_quietly().await
    }

    /// Replaces an asset's owner, purpose, description and tags.
    #[tracing::instrument(skip_all)]
    pub async fn set_asset_metadata(
        &self,
        location: &str,
        metadata: &AssetMetadata,
        who: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let who = who.trim();
        if who.is_empty() {
            return Err(Error::Invalid(
                "an asset's metadata needs the name of who edited it".into(),
            ));
        }
        let mut tags: Vec<String> = Vec::new();
        for t in metadata
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            if !tags.iter().any(|k| k.eq_ignore_ascii_case(t)) {
                tags.push(t.to_string());
            }
        }
        self.inner.store.write(async |c| {
            let row = c
                .fetch_optional(
                    c.q("SELECT id, owner, purpose, description, tags FROM assets WHERE location = $1")
                        .bind(location),
                )
                .await?
                .ok_or_else(|| Error::NotFound {
                    what: "asset",
                    id: location.to_string(),
                })?;
            let asset = AssetId(row.get(0)?);
            let old_tags: Vec<String> =
                serde_json::from_str(&row.get::<String>(4)?).unwrap_or_default();
            let new = AssetMetadata {
                owner: clean(&metadata.owner),
                purpose: clean(&metadata.purpose),
                description: clean(&metadata.description),
                tags,
            };
            let mut changed = Vec::new();
            if row.get::<Option<String>>(1)? != new.owner {
                changed.push("owner");
            }
            if row.get::<Option<String>>(2)? != new.purpose {
                changed.push("purpose");
            }
            if row.get::<Option<String>>(3)? != new.description {
                changed.push("description");
            }
            if old_tags != new.tags {
                changed.push("tags");
            }
            if changed.is_empty() {
                return Ok(());
            }
            let revision = ingest::next_revision(c).await?;
            c.execute(
                c.q("UPDATE assets SET owner = $1, purpose = $2, description = $3, tags = $4, \
                     metadata_updated_by = $5, metadata_updated_at = $6, revision = $7 WHERE id = $8")
                    .bind(new.owner.as_deref())
                    .bind(new.purpose.as_deref())
                    .bind(new.description.as_deref())
                    .bind(serde_json::to_string(&new.tags).unwrap_or_else(|_| "[]".into()))
                    .bind(who)
                    .bind(now)
                    .bind(revision)
                    .bind(asset.0),
            )
            .await?;
            let event = NewEvent {
                kind: EventKind::MetadataChanged,
                field: None,
                finding: None,
                class: None,
                detail: Some(serde_json::json!({ "changed": changed })),
            };
            ingest::insert_event(c, asset, who, now, event).await
        }).await?;
        self.catch_up_quietly().await
    }

    /// Everything about the asset at exactly `location`.
    pub async fn asset(&self, location: &str) -> Result<Option<AssetDetail>> {
        let classes = self.class_book().await?;
        let mut conn = self.inner.store.conn().await?;
        let mut c = conn.conn();
        match read::asset_id(&mut c, location).await? {
            Some(id) => Ok(Some(read::asset_detail(&mut c, &classes, id).await?)),
            None => Ok(None),
        }
    }

    /// Everything about one asset by id.
    pub async fn asset_by_id(&self, id: AssetId) -> Result<AssetDetail> {
        let classes = self.class_book().await?;
        let mut conn = self.inner.store.conn().await?;
        read::asset_detail(&mut conn.conn(), &classes, id).await
    }

    /// Assets whose location is `pattern`, ends with it, or whose name is it; exact first.
    pub async fn find_assets(&self, pattern: &str, limit: usize) -> Result<Vec<(AssetId, String)>> {
        let mut conn = self.inner.store.conn().await?;
        read::find_assets(&mut conn.conn(), pattern, ingest::to_i64(limit as u64)).await
    }

    /// Fields sharing values with `field`, estimated from fingerprint sketches.
    pub async fn related_fields(&self, field: FieldId) -> Result<Vec<RelatedField>> {
        crate::related::refresh_candidates(&self.inner.store).await?;
        let mut conn = self.inner.store.conn().await?;
        crate::related::related_fields(&mut conn.conn(), field).await
    }

    /// Closes the store's connections.
    pub async fn close(&self) {
        self.inner.store.close().await;
    }
}

fn is_corruption(e: &tantivy::TantivyError) -> bool {
    matches!(
        e,
        tantivy::TantivyError::DataCorruption(_)
            | tantivy::TantivyError::IoError(_)
            | tantivy::TantivyError::OpenReadError(_)
            | tantivy::TantivyError::OpenDirectoryError(_)
    )
}
