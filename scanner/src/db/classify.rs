//! Classification of sampled rows, off the async runtime: the async reader batches rows into
//! a small bounded queue ([`RowSender`]) and one blocking task per table feeds them to the
//! engine ([`classify_rows`]), one `FieldScan` per column and per JSON field path.
//! Memory stays bounded whatever the table size; rows are dropped as soon as they are pushed.

use super::errors::DbFailure;
use piicat_classifiers::{AssetErrorKind, Engine, FieldFinding, FieldScan};
use serde_json::Value;
use std::collections::HashMap;
use tokio::sync::mpsc;

/// Batches in flight between a table's reader and its classifier.
pub(crate) const QUEUE_BATCHES: usize = 2;
/// A batch is sent when it holds this many rows...
const BATCH_ROWS: usize = 256;
/// ...or this many bytes of values.
const BATCH_BYTES: usize = 1 << 20;
/// Distinct JSON field paths classified per column; a document store with unbounded keys
/// must not grow memory without bound.
const MAX_JSON_PATHS: usize = 256;
/// Nesting followed into a JSON document.
const MAX_JSON_DEPTH: usize = 16;
/// Items followed in one JSON array.
const MAX_JSON_ARRAY_ITEMS: usize = 64;

/// One row: the read columns' values as text, in select-list order.
pub(crate) type Row = Vec<Option<String>>;

/// What goes down the queue.
#[derive(Debug)]
pub(crate) enum Batch {
    Rows(Vec<Row>),
    /// Forget everything pushed so far: the reader is starting over with another method.
    Restart,
}

/// A read column as the classifier sees it.
#[derive(Clone, Debug)]
pub(crate) struct FieldSpec {
    name: String,
    data_type: String,
    /// Declared JSON: every value is parsed. Text values that look like a JSON object or
    /// array are parsed too (MariaDB and SQLite keep JSON in text columns).
    json: bool,
}

impl FieldSpec {
    pub fn new(name: &str, data_type: &str, json: bool) -> FieldSpec {
        FieldSpec {
            name: name.to_string(),
            data_type: data_type.to_string(),
            json,
        }
    }
}

/// The reader's end of the queue: batches rows and counts what was read.
#[derive(Debug)]
pub(crate) struct RowSender {
    tx: Option<mpsc::Sender<Batch>>,
    batch: Vec<Row>,
    batch_bytes: usize,
    rows: u64,
    bytes: u64,
}

impl RowSender {
    pub fn new(tx: mpsc::Sender<Batch>) -> RowSender {
        RowSender {
            tx: Some(tx),
            batch: Vec::with_capacity(BATCH_ROWS),
            batch_bytes: 0,
            rows: 0,
            bytes: 0,
        }
    }

    /// Queues one row; waits when the classifier is behind.
    pub async fn push(&mut self, row: Row) -> Result<(), DbFailure> {
        let size: usize = row.iter().flatten().map(String::len).sum();
        self.batch_bytes += size;
        self.bytes += size as u64;
        self.rows += 1;
        self.batch.push(row);
        if self.batch.len() >= BATCH_ROWS || self.batch_bytes >= BATCH_BYTES {
            self.flush().await?;
        }
        Ok(())
    }

    /// Rows pushed since the start (or the last restart).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Discards every row pushed so far, for a reader that starts over.
    pub async fn restart(&mut self) -> Result<(), DbFailure> {
        self.batch.clear();
        self.batch_bytes = 0;
        self.rows = 0;
        self.send(Batch::Restart).await
    }

    /// Sends what is left and closes the queue, so the classifier finishes.
    pub async fn finish(&mut self) -> Result<(), DbFailure> {
        self.flush().await?;
        self.tx = None;
        Ok(())
    }

    /// Rows kept and bytes of values read (including any discarded by a restart).
    pub fn counts(&self) -> (u64, u64) {
        (self.rows, self.bytes)
    }

    async fn flush(&mut self) -> Result<(), DbFailure> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_ROWS));
        self.batch_bytes = 0;
        self.send(Batch::Rows(rows)).await
    }

    async fn send(&mut self, batch: Batch) -> Result<(), DbFailure> {
        let gone = || {
            DbFailure::new(
                AssetErrorKind::Io,
                "the classifier stopped (internal error)",
            )
        };
        match &self.tx {
            Some(tx) => tx.send(batch).await.map_err(|_| gone()),
            None => Err(gone()),
        }
    }
}

/// Runs on a blocking thread: classifies every batch until the queue closes. Returns one
/// finding per column (and per JSON field path) and notes about limits that were hit.
pub(crate) fn classify_rows(
    engine: &Engine,
    specs: &[FieldSpec],
    mut rx: mpsc::Receiver<Batch>,
) -> (Vec<FieldFinding>, Vec<String>) {
    let start = |engine| -> Vec<ColumnScan<'_>> {
        specs.iter().map(|s| ColumnScan::new(engine, s)).collect()
    };
    let mut columns = start(engine);
    while let Some(batch) = rx.blocking_recv() {
        match batch {
            Batch::Rows(rows) => {
                for row in rows {
                    for (column, value) in columns.iter_mut().zip(row) {
                        if let Some(value) = value {
                            column.push(&value);
                        }
                    }
                }
            }
            Batch::Restart => columns = start(engine),
        }
    }
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    for column in columns {
        column.finish(&mut findings, &mut notes);
    }
    (findings, notes)
}

/// The scans of one column: the column itself and its JSON field paths.
struct ColumnScan<'e> {
    engine: &'e Engine,
    spec: &'e FieldSpec,
    scan: FieldScan<'e>,
    /// Values pushed to the column itself (not to a JSON path).
    plain_values: u64,
    paths: Vec<FieldScan<'e>>,
    path_index: HashMap<String, usize>,
    paths_dropped: bool,
}

impl<'e> ColumnScan<'e> {
    fn new(engine: &'e Engine, spec: &'e FieldSpec) -> ColumnScan<'e> {
        let mut scan = engine.field(&spec.name);
        scan.data_type(spec.data_type.clone());
        ColumnScan {
            engine,
            spec,
            scan,
            plain_values: 0,
            paths: Vec::new(),
            path_index: HashMap::new(),
            paths_dropped: false,
        }
    }

    fn push(&mut self, value: &str) {
        let head = value.trim_start().as_bytes().first();
        if (self.spec.json || matches!(head, Some(b'{' | b'[')))
            && let Ok(doc) = serde_json::from_str::<Value>(value)
        {
            match doc {
                Value::Object(_) | Value::Array(_) => {
                    let mut path = self.spec.name.clone();
                    self.flatten(&doc, &mut path, 0);
                }
                Value::String(s) => self.push_plain(&s),
                Value::Number(n) => self.push_plain(&n.to_string()),
                Value::Bool(_) | Value::Null => {}
            }
            return;
        }
        self.push_plain(value);
    }

    fn push_plain(&mut self, value: &str) {
        self.plain_values += 1;
        self.scan.push(value);
    }

    fn flatten(&mut self, value: &Value, path: &mut String, depth: usize) {
        match value {
            Value::Object(map) if depth < MAX_JSON_DEPTH => {
                for (key, child) in map {
                    let len = path.len();
                    path.push('.');
                    path.push_str(key);
                    self.flatten(child, path, depth + 1);
                    path.truncate(len);
                }
            }
            Value::Array(items) if depth < MAX_JSON_DEPTH => {
                let len = path.len();
                path.push_str("[]");
                for child in items.iter().take(MAX_JSON_ARRAY_ITEMS) {
                    self.flatten(child, path, depth + 1);
                }
                path.truncate(len);
            }
            Value::String(s) => self.push_path(path, s),
            Value::Number(n) => self.push_path(path, &n.to_string()),
            _ => {}
        }
    }

    fn push_path(&mut self, path: &str, value: &str) {
        let index = match self.path_index.get(path) {
            Some(&i) => i,
            None if self.paths.len() < MAX_JSON_PATHS => {
                let mut scan = self.engine.field(path);
                scan.data_type("json");
                self.paths.push(scan);
                self.path_index
                    .insert(path.to_string(), self.paths.len() - 1);
                self.paths.len() - 1
            }
            None => {
                self.paths_dropped = true;
                return;
            }
        };
        self.paths[index].push(value);
    }

    fn finish(self, findings: &mut Vec<FieldFinding>, notes: &mut Vec<String>) {
        // A column that only ever held JSON documents is reported through its paths.
        if self.plain_values > 0 || self.paths.is_empty() {
            findings.push(self.scan.finish());
        }
        findings.extend(self.paths.into_iter().map(FieldScan::finish));
        if self.paths_dropped {
            notes.push(format!(
                "column `{}`: more than {MAX_JSON_PATHS} JSON field paths; the rest were not classified",
                self.spec.name
            ));
        }
    }
}
