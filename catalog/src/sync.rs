//! Keeping the search index caught up with the store. The store is the truth: every change
//! bumps the changed asset's revision, and each index commit records the revision it
//! reflects, so catching up means re-indexing the assets changed since — after a crash, in
//! another process, or from nothing when the index was lost.
//!
//! Reads the store, writes only the index.

use crate::classes::ClassBook;
use crate::error::{Error, Result};
use crate::index::{IndexDoc, IndexedClass, SearchIndex};
use crate::model::FindingStatus;
use crate::read::parse_kind;
use crate::store::{Conn, Store, param_list};
use std::collections::HashMap;
use std::sync::Arc;

/// Assets re-indexed per batch.
const ASSETS_PER_BATCH: usize = 500;

/// What a catch-up did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncStats {
    /// Assets re-indexed.
    pub assets: usize,
    /// Documents written (assets + fields).
    pub documents: usize,
    /// The store revision the index now reflects.
    pub revision: i64,
}

pub(crate) async fn store_revision(c: &mut Conn<'_>) -> Result<i64> {
    c.fetch_one(c.q("SELECT revision FROM catalog_state WHERE id = 1"))
        .await?
        .get(0)
}

pub(crate) async fn catalog_id(store: &Store) -> Result<String> {
    let mut conn = store.conn().await?;
    let mut c = conn.conn();
    c.fetch_one(c.q("SELECT catalog_id FROM catalog_state WHERE id = 1"))
        .await?
        .get(0)
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Task(e.to_string()))?
}

/// Re-indexes every asset changed since the index's revision (all of them when `full`).
#[tracing::instrument(skip_all)]
pub(crate) async fn catch_up(
    store: &Store,
    index: &Arc<SearchIndex>,
    full: bool,
) -> Result<SyncStats> {
    let mut conn = store.conn().await?;
    let mut c = conn.conn();
    let target = store_revision(&mut c).await?;
    let mut from = index.revision()?;
    let rebuild = full || from > target;
    if rebuild {
        // A store older than its index (restored, recreated) cannot be patched: start over,
        // in one commit, so searches see the old index until the new one is complete.
        let index = index.clone();
        blocking(move || index.clear()).await?;
        from = 0;
    }
    if from == target && !rebuild {
        return Ok(SyncStats {
            revision: target,
            ..SyncStats::default()
        });
    }
    let ids: Vec<i64> = c
        .fetch_all(
            c.q("SELECT id FROM assets WHERE revision > $1 ORDER BY id")
                .bind(from),
        )
        .await?
        .iter()
        .map(|r| r.get::<i64>(0))
        .collect::<Result<_>>()?;
    let classes = ClassBook::load(&mut c).await?;
    let mut stats = SyncStats {
        revision: target,
        ..SyncStats::default()
    };
    let written: Result<()> = async {
        for chunk in ids.chunks(ASSETS_PER_BATCH) {
            let docs = load_docs(&mut c, &classes, chunk).await?;
            stats.assets += chunk.len();
            stats.documents += docs.len();
            let index = index.clone();
            let chunk = chunk.to_vec();
            blocking(move || index.upsert(&chunk, &docs)).await?;
        }
        let index = index.clone();
        blocking(move || index.commit(target)).await
    }
    .await;
    if let Err(e) = written {
        let index = index.clone();
        let _ = blocking(move || index.rollback()).await;
        return Err(e);
    }
    tracing::debug!(
        assets = stats.assets,
        documents = stats.documents,
        revision = target,
        "search index caught up"
    );
    Ok(stats)
}

/// The search documents of some assets: one per asset, one per current field.
pub(crate) async fn load_docs(
    c: &mut Conn<'_>,
    classes: &ClassBook,
    assets: &[i64],
) -> Result<Vec<IndexDoc>> {
    if assets.is_empty() {
        return Ok(Vec::new());
    }
    let list = param_list(1, assets.len());
    let bind_all = |mut q: crate::store::Q| {
        for a in assets {
            q = q.bind(*a);
        }
        q
    };
    let asset_rows = c
        .fetch_all(bind_all(c.q(format!(
            "SELECT a.id, a.location, a.name, a.kind, s.name, a.owner, a.purpose, a.description, a.tags \
             FROM assets a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({list}) ORDER BY a.id"
        ))))
        .await?;
    let field_rows = c
        .fetch_all(bind_all(c.q(format!(
            "SELECT id, asset_id, path, data_type FROM fields WHERE asset_id IN ({list}) \
             AND gone_at IS NULL ORDER BY asset_id, path"
        ))))
        .await?;
    let finding_rows = c
        .fetch_all(bind_all(c.q(format!(
            "SELECT f.field_id, f.class_id, f.status FROM findings f JOIN fields d ON d.id = f.field_id \
             WHERE d.asset_id IN ({list}) AND d.gone_at IS NULL AND f.resolved_at IS NULL"
        ))))
        .await?;

    let mut by_field: HashMap<i64, Vec<IndexedClass>> = HashMap::new();
    for r in finding_rows {
        let class: String = r.get(1)?;
        let info = classes.get(&class);
        let status = FindingStatus::parse(&r.get::<String>(2)?).unwrap_or(FindingStatus::Suggested);
        by_field.entry(r.get(0)?).or_default().push(IndexedClass {
            name: info.map(|i| i.name.clone()),
            category: info.and_then(|i| i.category),
            sensitivity: info.and_then(|i| i.sensitivity),
            compliance: info.map(|i| i.compliance.clone()).unwrap_or_default(),
            id: class,
            status,
        });
    }
    let mut fields_of: HashMap<i64, Vec<(i64, String, Option<String>)>> = HashMap::new();
    for r in field_rows {
        fields_of
            .entry(r.get(1)?)
            .or_default()
            .push((r.get(0)?, r.get(2)?, r.get(3)?));
    }

    let mut docs = Vec::new();
    for r in asset_rows {
        let id: i64 = r.get(0)?;
        let tags: Vec<String> = serde_json::from_str(&r.get::<String>(8)?).unwrap_or_default();
        let asset = IndexDoc {
            asset_id: id,
            field_id: None,
            name: r.get(2)?,
            location: r.get(1)?,
            data_type: None,
            asset_kind: parse_kind(&r.get::<String>(3)?)?,
            source: r.get(4)?,
            owner: r.get(5)?,
            purpose: r.get(6)?,
            description: r.get(7)?,
            tags,
            classes: Vec::new(),
            field_paths: Vec::new(),
        };
        let mut asset_classes: Vec<IndexedClass> = Vec::new();
        let mut field_docs = Vec::new();
        for (field_id, path, data_type) in fields_of.remove(&id).unwrap_or_default() {
            let classes = by_field.remove(&field_id).unwrap_or_default();
            for c in &classes {
                // The asset holds a class once, with its most decided status.
                match asset_classes.iter_mut().find(|a| a.id == c.id) {
                    Some(existing) if existing.status == FindingStatus::Rejected => {
                        existing.status = c.status;
                    }
                    Some(_) => {}
                    None => asset_classes.push(c.clone()),
                }
            }
            // Fields inherit what filters need (owner, tags, source), not the asset's prose.
            field_docs.push(IndexDoc {
                field_id: Some(field_id),
                name: path,
                data_type,
                classes,
                description: None,
                purpose: None,
                ..asset.clone()
            });
        }
        let field_paths = field_docs.iter().map(|d| d.name.clone()).collect();
        docs.push(IndexDoc {
            classes: asset_classes,
            field_paths,
            ..asset
        });
        docs.extend(field_docs);
    }
    Ok(docs)
}
