//! The tantivy search index: a derived view of the store, never the truth.
//!
//! One document per asset and one per current field; names and paths go through the
//! identifier tokenizer; every filterable dimension is a facet (`/class/EMAIL`,
//! `/sensitivity/high`...). One [`SearchIndex`] per directory per process (shared through
//! [`SearchIndex::shared`]), holding one long-lived writer (taken on first write) and one
//! reader that reloads on commit. Each commit carries the store revision it reflects, so the
//! catalog knows what to catch up on; a missing, corrupt or outdated index is wiped and
//! rebuilt from the store.
//!
//! Must never hold anything the store does not (no values), and never decide anything the
//! store has not.

mod query;
pub mod tokenizer;

use crate::error::{Error, Result};
use crate::model::FindingStatus;
use crate::search::{Dimension, Page, SearchQuery, SearchResults};
use piicat_classifiers::{AssetKind, Category, Sensitivity};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock, Weak};
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use tokenizer::{IDENT_TOKENIZER, IdentTokenizer};

/// Bumped whenever the schema or the document layout changes: an index of another format is
/// rebuilt.
pub const INDEX_FORMAT: u32 = 1;

/// Memory the writer may use before it flushes a segment (split across its threads).
const WRITER_HEAP_BYTES: usize = 96 * 1024 * 1024;

/// One class on an indexed document.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexedClass {
    /// Class id.
    pub id: String,
    /// Class name, when known.
    pub name: Option<String>,
    /// Category, when known.
    pub category: Option<Category>,
    /// Sensitivity, when known.
    pub sensitivity: Option<Sensitivity>,
    /// Compliance tags of the class.
    pub compliance: Vec<String>,
    /// Review status of the finding.
    pub status: FindingStatus,
}

/// A search document: an asset (`field == None`) or one of its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexDoc {
    /// The asset.
    pub asset_id: i64,
    /// The field, for field documents.
    pub field_id: Option<i64>,
    /// Asset name, or field path.
    pub name: String,
    /// Asset location.
    pub location: String,
    /// Declared type (fields).
    pub data_type: Option<String>,
    /// Asset kind.
    pub asset_kind: AssetKind,
    /// Source name.
    pub source: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// User tags.
    pub tags: Vec<String>,
    /// Classes held (current findings, rejected included with their status).
    pub classes: Vec<IndexedClass>,
    /// For assets: the paths of their fields, so `orders email` finds the table too.
    pub field_paths: Vec<String>,
}

impl IndexDoc {
    /// The highest sensitivity among classes not rejected by a person.
    pub fn sensitivity(&self) -> Option<Sensitivity> {
        self.classes
            .iter()
            .filter(|c| c.status != FindingStatus::Rejected)
            .filter_map(|c| c.sensitivity)
            .max()
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub asset_id: Field,
    pub field_id: Field,
    pub name: Field,
    pub location: Field,
    pub data_type: Field,
    pub description: Field,
    pub purpose: Field,
    pub owner: Field,
    pub source: Field,
    pub classes_text: Field,
    pub fields_text: Field,
    pub facets: Field,
    pub sens_rank: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let ident = |stored: bool, positions: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(IDENT_TOKENIZER)
            .set_index_option(if positions {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            });
        let opts = TextOptions::default().set_indexing_options(indexing);
        if stored { opts.set_stored() } else { opts }
    };
    let fields = Fields {
        asset_id: b.add_i64_field("asset_id", INDEXED | STORED | FAST),
        field_id: b.add_i64_field("field_id", STORED),
        name: b.add_text_field("name", ident(true, true)),
        location: b.add_text_field("location", ident(true, false)),
        data_type: b.add_text_field("data_type", STORED),
        description: b.add_text_field("description", ident(true, true)),
        purpose: b.add_text_field("purpose", ident(true, false)),
        owner: b.add_text_field("owner", ident(true, false)),
        source: b.add_text_field("source", STRING | STORED),
        classes_text: b.add_text_field("classes_text", ident(false, false)),
        fields_text: b.add_text_field("fields_text", ident(false, false)),
        facets: b.add_facet_field("facets", FacetOptions::default().set_stored()),
        sens_rank: b.add_u64_field("sens_rank", FAST),
    };
    (b.build(), fields)
}

/// What each commit records about itself.
#[derive(Debug, Serialize, Deserialize)]
struct CommitPayload {
    format: u32,
    revision: i64,
}

struct State {
    index: Index,
    reader: IndexReader,
    /// The store revision the last commit reflects.
    revision: i64,
}

/// The search index in one directory.
pub struct SearchIndex {
    dir: PathBuf,
    fields: Fields,
    state: RwLock<State>,
    writer: Mutex<Option<IndexWriter>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

fn poisoned() -> Error {
    Error::Task("a thread panicked while holding the search index".into())
}

impl SearchIndex {
    /// The index in `dir` for this process: opened once, shared by every catalog handle.
    pub fn shared(dir: &Path) -> Result<Arc<SearchIndex>> {
        static OPEN: OnceLock<Mutex<HashMap<PathBuf, Weak<SearchIndex>>>> = OnceLock::new();
        let mut open = OPEN
            .get_or_init(Default::default)
            .lock()
            .map_err(|_| poisoned())?;
        open.retain(|_, w| w.strong_count() > 0);
        if let Some(index) = open.get(dir).and_then(Weak::upgrade) {
            return Ok(index);
        }
        let index = Arc::new(SearchIndex::open(dir)?);
        open.insert(dir.to_path_buf(), Arc::downgrade(&index));
        Ok(index)
    }

    /// Opens the index in `dir`; a missing, unreadable or outdated one is replaced by an
    /// empty index (revision 0), which the catalog then fills from the store.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let (_, fields) = schema();
        let state = open_state(dir)?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            fields,
            state: RwLock::new(state),
            writer: Mutex::new(None),
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store revision the index reflects.
    pub fn revision(&self) -> Result<i64> {
        Ok(self.state.read().map_err(|_| poisoned())?.revision)
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> Result<u64> {
        Ok(self
            .state
            .read()
            .map_err(|_| poisoned())?
            .reader
            .searcher()
            .num_docs())
    }

    /// Throws the index away and starts an empty one (revision 0).
    pub fn wipe(&self) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| poisoned())?;
        let mut state = self.state.write().map_err(|_| poisoned())?;
        // Release the writer's lock file before deleting the directory under it.
        *writer = None;
        remove_index_dir(&self.dir)?;
        *state = create_state(&self.dir)?;
        Ok(())
    }

    /// Deletes every document, without committing: searches keep seeing the old ones until
    /// the rebuilt index is committed.
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|w, _| {
            w.delete_all_documents()?;
            Ok(())
        })
    }

    /// Replaces every document of `assets` by `docs` (one asset's documents must come in the
    /// same call), without committing.
    pub fn upsert(&self, assets: &[i64], docs: &[IndexDoc]) -> Result<()> {
        self.with_writer(|w, f| {
            for a in assets {
                w.delete_term(Term::from_field_i64(f.asset_id, *a));
            }
            for d in docs {
                w.add_document(to_document(f, d))?;
            }
            Ok(())
        })
    }

    /// Commits, recording the store revision the index now reflects, and makes the commit
    /// visible to searches at once.
    pub fn commit(&self, revision: i64) -> Result<()> {
        self.with_writer(|w, _| {
            let payload = serde_json::to_string(&CommitPayload {
                format: INDEX_FORMAT,
                revision,
            })
            .map_err(|e| Error::Task(e.to_string()))?;
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            Ok(())
        })?;
        let mut state = self.state.write().map_err(|_| poisoned())?;
        state.reader.reload()?;
        state.revision = revision;
        Ok(())
    }

    /// Drops pending, uncommitted changes.
    pub fn rollback(&self) -> Result<()> {
        let mut guard = self.writer.lock().map_err(|_| poisoned())?;
        if let Some(w) = guard.as_mut() {
            w.rollback()?;
        }
        Ok(())
    }

    fn with_writer<R>(&self, f: impl FnOnce(&mut IndexWriter, &Fields) -> Result<R>) -> Result<R> {
        let mut guard = self.writer.lock().map_err(|_| poisoned())?;
        if guard.is_none() {
            let state = self.state.read().map_err(|_| poisoned())?;
            let threads = std::thread::available_parallelism()
                .map(|n| n.get().clamp(1, 4))
                .unwrap_or(1);
            let writer = state
                .index
                .writer_with_num_threads(threads, WRITER_HEAP_BYTES)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => Error::IndexLocked(self.dir.clone()),
                    e => Error::Index(e),
                })?;
            *guard = Some(writer);
        }
        match guard.as_mut() {
            Some(w) => f(w, &self.fields),
            None => Err(poisoned()),
        }
    }

    /// Runs a query: one page of hits, the total and facet counts.
    pub fn search(&self, query: &SearchQuery, page: Page) -> Result<SearchResults> {
        let state = self.state.read().map_err(|_| poisoned())?;
        query::run(&state.reader.searcher(), &self.fields, query, page)
    }
}

fn facet(dim: Dimension, value: &str) -> tantivy::schema::Facet {
    tantivy::schema::Facet::from_path([dim.as_str(), value])
}

fn sensitivity_rank(s: Option<Sensitivity>) -> u64 {
    match s {
        None => 0,
        Some(Sensitivity::Low) => 1,
        Some(Sensitivity::Medium) => 2,
        Some(Sensitivity::High) => 3,
        Some(Sensitivity::Critical) => 4,
    }
}

fn to_document(f: &Fields, d: &IndexDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_i64(f.asset_id, d.asset_id);
    if let Some(id) = d.field_id {
        doc.add_i64(f.field_id, id);
    }
    doc.add_text(f.name, &d.name);
    doc.add_text(f.location, &d.location);
    if let Some(t) = &d.data_type {
        doc.add_text(f.data_type, t);
    }
    if let Some(t) = &d.description {
        doc.add_text(f.description, t);
    }
    if let Some(t) = &d.purpose {
        doc.add_text(f.purpose, t);
    }
    if let Some(t) = &d.owner {
        doc.add_text(f.owner, t);
    }
    if let Some(t) = &d.source {
        doc.add_text(f.source, t);
    }
    for p in &d.field_paths {
        doc.add_text(f.fields_text, p);
    }
    let mut facets: Vec<(Dimension, String)> = Vec::new();
    let kind = if d.field_id.is_some() {
        "field"
    } else {
        "asset"
    };
    facets.push((Dimension::Type, kind.to_string()));
    facets.push((Dimension::Kind, d.asset_kind.as_str().to_string()));
    if let Some(s) = &d.source {
        facets.push((Dimension::Source, Dimension::Source.normalize(s)));
    }
    if let Some(o) = &d.owner {
        facets.push((Dimension::Owner, Dimension::Owner.normalize(o)));
    }
    for t in &d.tags {
        facets.push((Dimension::Tag, Dimension::Tag.normalize(t)));
    }
    for c in &d.classes {
        doc.add_text(f.classes_text, &c.id);
        if let Some(n) = &c.name {
            doc.add_text(f.classes_text, n);
        }
        facets.push((Dimension::Class, Dimension::Class.normalize(&c.id)));
        facets.push((Dimension::Status, c.status.as_str().to_string()));
        if let Some(cat) = c.category {
            facets.push((Dimension::Category, cat.as_str().to_string()));
        }
        if c.status != FindingStatus::Rejected {
            for t in &c.compliance {
                facets.push((Dimension::Tag, Dimension::Tag.normalize(t)));
            }
        }
    }
    let sensitivity = d.sensitivity();
    if let Some(s) = sensitivity {
        facets.push((Dimension::Sensitivity, s.as_str().to_string()));
    }
    facets.sort();
    facets.dedup();
    for (dim, value) in facets {
        if !value.is_empty() {
            doc.add_facet(f.facets, facet(dim, &value));
        }
    }
    doc.add_u64(f.sens_rank, sensitivity_rank(sensitivity));
    doc
}

fn register_tokenizer(index: &mut Index) {
    index
        .tokenizers()
        .register(IDENT_TOKENIZER, IdentTokenizer::default());
    // Search a query's segments on every core: latency, not throughput, is what people see.
    if let Err(e) = index.set_default_multithread_executor() {
        tracing::debug!(error = %e, "searching segments on one thread");
    }
}

fn reader_of(index: &Index) -> Result<IndexReader> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::OnCommitWithDelay)
        .try_into()?)
}

fn open_state(dir: &Path) -> Result<State> {
    if dir.join("meta.json").exists() {
        match try_open(dir) {
            Ok(state) => return Ok(state),
            Err(reason) => {
                tracing::warn!(dir = %dir.display(), %reason, "search index unusable; rebuilding it from the catalog");
                remove_index_dir(dir)?;
            }
        }
    }
    create_state(dir)
}

fn try_open(dir: &Path) -> std::result::Result<State, String> {
    let mut index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let (expected, _) = schema();
    if index.schema() != expected {
        return Err("schema differs from this piicat's".into());
    }
    register_tokenizer(&mut index);
    let payload = index
        .load_metas()
        .map_err(|e| e.to_string())?
        .payload
        .map(|p| serde_json::from_str::<CommitPayload>(&p))
        .transpose()
        .map_err(|e| format!("commit payload: {e}"))?;
    let revision = match payload {
        Some(p) if p.format == INDEX_FORMAT => p.revision,
        Some(p) => {
            return Err(format!(
                "index format {} (expected {INDEX_FORMAT})",
                p.format
            ));
        }
        None => 0,
    };
    let reader = reader_of(&index).map_err(|e| e.to_string())?;
    // Touch every segment's readers so a garbled file shows up now, not mid-search.
    let searcher = reader.searcher();
    for segment in searcher.segment_readers() {
        segment
            .inverted_index(tantivy::schema::Field::from_field_id(0))
            .map_err(|e| e.to_string())?;
        segment
            .fast_fields()
            .u64("sens_rank")
            .map_err(|e| e.to_string())?;
    }
    Ok(State {
        index,
        reader,
        revision,
    })
}

fn create_state(dir: &Path) -> Result<State> {
    crate::datadir::create_private_dir(dir)?;
    let (schema, _) = schema();
    let mut index = Index::create_in_dir(dir, schema).map_err(|e| Error::IndexDir {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    register_tokenizer(&mut index);
    let reader = reader_of(&index)?;
    Ok(State {
        index,
        reader,
        revision: 0,
    })
}

/// Deletes an index directory. Only ever called on `<data-dir>/index/<catalog-id>`.
fn remove_index_dir(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(dir, e)),
    }
}
