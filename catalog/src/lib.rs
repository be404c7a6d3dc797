//! piicat's catalog: the inventory of where personal data lives, what it is, how sensitive,
//! who owns it and what people decided about it.
//!
//! - [`store`]: the truth, in SQLite (embedded, default) or PostgreSQL, with reversible
//!   migrations for both.
//! - [`ingest`](Catalog::ingest): one asset report per transaction, idempotent; findings are
//!   resolved, never deleted; people's decisions survive rescans; new classes on known fields
//!   are drift.
//! - [`index`]: the tantivy search index, derived from the store and rebuilt from it when
//!   missing or corrupt; [`search`]: the query syntax, facets, highlights, pages.
//! - related fields from keyed fingerprint sketches (never values).
//! - [`DataDir`]: where the embedded catalog, the index and the keys live; [`FingerprintKey`]:
//!   the key fingerprints are made under, whose [`KeyId`] the catalog records so sketches
//!   made under different keys are never mixed.
//!
//! The catalog holds what an `AssetReport` carries — masked examples and fingerprints — and
//! nothing else; it never logs a value.

mod catalog;
mod classes;
pub mod datadir;
mod error;
pub mod index;
mod ingest;
mod keys;
pub mod model;
mod read;
mod related;
mod runs;
pub mod search;
pub mod store;
mod sync;

pub use catalog::Catalog;
/// The time type every write takes as `now` (re-exported so callers need not name chrono).
pub use chrono::{DateTime, Utc};
pub use datadir::{DATA_DIR_ENV, DataDir};
pub use error::{Error, Result};
pub use ingest::MAX_MASKED_EXAMPLES;
pub use keys::{FINGERPRINT_KEY_FILE_ENV, FingerprintKey, KeyId};
pub use model::*;
pub use related::{CANDIDATE_FINGERPRINTS, MIN_OVERLAP};
pub use search::{
    Dimension, FacetCount, Highlight, HitKind, Page, SearchHit, SearchQuery, SearchResults,
};
pub use store::{Backend, CatalogLocation, PostgresLocation, Store};
pub use sync::SyncStats;
