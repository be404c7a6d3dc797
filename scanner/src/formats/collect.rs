//! Accumulates what one asset's readers produce — values per field path and free text — into
//! the engine's per-field scans, then finishes them into [`FieldFinding`]s. Values are handed
//! straight to the engine and never kept here, so memory grows with the number of fields,
//! not with the data. Notes are for people: they never quote a value.

use piicat_classifiers::{Engine, FieldFinding, FieldScan, TextScan};
use std::collections::HashMap;

/// Free text is handed to the engine in chunks of about this many bytes of whole lines.
const TEXT_CHUNK_BYTES: usize = 64 << 10;

/// Fields tracked per asset; more distinct paths than this (a JSON map keyed by ids...) are
/// dropped with a note instead of growing without bound.
const MAX_FIELDS: usize = 2_000;

pub(crate) struct Collector<'e> {
    engine: &'e Engine,
    index: HashMap<String, usize>,
    fields: Vec<(String, FieldScan<'e>)>,
    text: Option<TextScan<'e>>,
    text_buf: String,
    dropped_paths: u64,
    /// Rows, records or lines read.
    pub rows: u64,
    notes: Vec<String>,
}

impl<'e> Collector<'e> {
    pub fn new(engine: &'e Engine) -> Self {
        Collector {
            engine,
            index: HashMap::new(),
            fields: Vec::new(),
            text: None,
            text_buf: String::new(),
            dropped_paths: 0,
            rows: 0,
            notes: Vec::new(),
        }
    }

    fn slot(&mut self, path: &str) -> Option<&mut FieldScan<'e>> {
        let i = match self.index.get(path) {
            Some(&i) => i,
            None => {
                if self.fields.len() >= MAX_FIELDS {
                    self.dropped_paths += 1;
                    return None;
                }
                self.fields
                    .push((path.to_string(), self.engine.field(path)));
                self.index.insert(path.to_string(), self.fields.len() - 1);
                self.fields.len() - 1
            }
        };
        self.fields.get_mut(i).map(|(_, scan)| scan)
    }

    /// Declares a field (so it is reported even when every value is empty) with its type.
    pub fn declare(&mut self, path: &str, data_type: Option<&str>) {
        if let Some(scan) = self.slot(path)
            && let Some(t) = data_type
        {
            scan.data_type(t);
        }
    }

    /// One value of a field.
    pub fn value(&mut self, path: &str, value: &str) {
        if let Some(scan) = self.slot(path) {
            scan.push(value);
        }
    }

    /// One line (or a few) of free text, without the trailing newline.
    pub fn text_line(&mut self, line: &str) {
        if self.text_buf.len() + line.len() > TEXT_CHUNK_BYTES {
            self.flush_text();
        }
        self.text_buf.push_str(line);
        self.text_buf.push('\n');
    }

    fn flush_text(&mut self) {
        if self.text_buf.is_empty() {
            return;
        }
        let engine = self.engine;
        self.text
            .get_or_insert_with(|| engine.text())
            .push(&self.text_buf);
        self.text_buf.clear();
    }

    /// A note for people about how the asset was read; repeated notes are kept once.
    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) && self.notes.len() < 50 {
            self.notes.push(note);
        }
    }

    /// Scores every field; returns the findings (fields first, `$text` last) and the notes.
    pub fn finish(mut self) -> (Vec<FieldFinding>, Vec<String>) {
        self.flush_text();
        if self.dropped_paths > 0 {
            self.notes.push(format!(
                "only the first {MAX_FIELDS} distinct field paths were classified; {} more were skipped",
                self.dropped_paths
            ));
        }
        let mut out: Vec<FieldFinding> = self
            .fields
            .into_iter()
            .map(|(_, scan)| scan.finish())
            .collect();
        if let Some(text) = self.text {
            out.push(text.finish());
        }
        (out, self.notes)
    }
}
