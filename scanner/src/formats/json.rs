//! JSON documents and NDJSON. Nested objects are flattened to dotted paths and arrays to
//! `[]` (`customer.emails[]`) while the document streams through a serde visitor: no
//! `Value` tree of the whole document is ever built, and each string goes straight to the
//! engine.

use super::{Input, LineText};
use crate::formats::collect::Collector;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io;

/// Flattens one JSON value at `path` into the collector.
pub(crate) struct Flatten<'a, 'c, 'e> {
    pub path: &'a mut String,
    pub c: &'c mut Collector<'e>,
}

impl Flatten<'_, '_, '_> {
    fn field(&self) -> &str {
        if self.path.is_empty() { "$" } else { self.path }
    }
}

impl<'de> DeserializeSeed<'de> for Flatten<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Flatten<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        let path = self.field().to_string();
        self.c.value(&path, v);
        Ok(())
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        let path = self.field().to_string();
        self.c.declare(&path, None);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        let path = self.field().to_string();
        self.c.declare(&path, None);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let base = self.path.len();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if !self.path.is_empty() {
                self.path.push('.');
            }
            self.path.push_str(&key);
            map.next_value_seed(Flatten {
                path: &mut *self.path,
                c: &mut *self.c,
            })?;
            self.path.truncate(base);
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let base = self.path.len();
        self.path.push_str("[]");
        while seq
            .next_element_seed(Flatten {
                path: &mut *self.path,
                c: &mut *self.c,
            })?
            .is_some()
        {}
        self.path.truncate(base);
        Ok(())
    }
}

/// A top-level document: an array of records is read record by record (each a row, keys
/// at the top level), anything else is one record.
struct Rows<'c, 'e> {
    c: &'c mut Collector<'e>,
    quota: Option<u64>,
}

impl<'de> DeserializeSeed<'de> for Rows<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut path = String::new();
        loop {
            if self.quota.is_some_and(|q| self.c.rows >= q) {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(());
            }
            let more = seq.next_element_seed(Flatten {
                path: &mut path,
                c: &mut *self.c,
            })?;
            if more.is_none() {
                return Ok(());
            }
            self.c.rows += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut path = String::new();
        self.c.rows += 1;
        Flatten {
            path: &mut path,
            c: self.c,
        }
        .visit_map(map)
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.c.rows += 1;
        self.c.value("$", v);
        Ok(())
    }
}

/// Reads a JSON document from the first segment. A document cut by sampling ends in a
/// parse error after the records before the cut were read; that is expected and noted.
pub(crate) fn scan_document(input: &mut Input, c: &mut Collector<'_>) -> io::Result<&'static str> {
    let sampled = input.segments.len() > 1 || input.row_quota.is_some();
    let Some(seg) = input.segments.first_mut() else {
        return Ok("json");
    };
    // Streamed straight from the reader: a minified one-line document is fine, and no
    // tree of the whole document is built.
    let mut de = serde_json::Deserializer::from_reader(seg.inner_mut());
    let result = Rows {
        c: &mut *c,
        quota: input.row_quota,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if let Err(e) = result {
        if sampled && e.is_eof() && c.rows > 0 {
            c.note(
                "the JSON document was read up to the sampled size; later records were not read",
            );
        } else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("invalid JSON at line {} column {}", e.line(), e.column()),
            ));
        }
    }
    Ok("json")
}

/// Reads NDJSON: one JSON value per line. Lines that are not JSON are counted in a note.
pub(crate) fn scan_lines(input: &mut Input, c: &mut Collector<'_>) -> io::Result<&'static str> {
    let mut text = LineText::default();
    let segments = input.segments.len();
    let mut remaining = input.row_quota;
    let mut bad = 0u64;
    let mut path = String::new();
    for (i, seg) in input.segments.iter_mut().enumerate() {
        let quota = remaining.map(|r| r.div_ceil((segments - i) as u64));
        let mut taken = 0u64;
        while quota.is_none_or(|q| taken < q) {
            let Some(line) = seg.next_line()? else { break };
            let line = text.decode(line);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            // Validate first so a broken line contributes nothing, then flatten.
            if serde_json::from_str::<IgnoredAny>(trimmed).is_err() {
                bad += 1;
                continue;
            }
            path.clear();
            let mut de = serde_json::Deserializer::from_str(trimmed);
            let flatten = Flatten {
                path: &mut path,
                c: &mut *c,
            };
            if flatten.deserialize(&mut de).is_err() {
                bad += 1;
            }
            taken += 1;
            c.rows += 1;
        }
        if let Some(r) = remaining.as_mut() {
            *r = r.saturating_sub(taken);
        }
    }
    if bad > 0 {
        c.note(format!(
            "{bad} line(s) were not valid JSON and were skipped"
        ));
    }
    text.notes(input, c);
    Ok("ndjson")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::lines::LineReader;
    use piicat_classifiers::Engine;
    use std::io::BufRead;

    fn input(text: &'static str, quota: Option<u64>) -> Input {
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(text.as_bytes()));
        Input {
            segments: vec![LineReader::new(reader, 1 << 20)],
            row_quota: quota,
            max_line: 1 << 20,
        }
    }

    #[test]
    fn documents_flatten_to_dotted_paths() {
        let engine = Engine::builtin();
        let mut c = Collector::new(&engine);
        let doc =
            r#"[{"id": 1, "customer": {"emails": ["a@example.com"], "vip": true}}, {"id": 2}]"#;
        scan_document(&mut input(doc, None), &mut c).unwrap();
        assert_eq!(c.rows, 2);
        let (fields, _) = c.finish();
        let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["id", "customer.emails[]", "customer.vip"]);
    }

    #[test]
    fn a_document_cut_by_sampling_keeps_what_was_read() {
        let engine = Engine::builtin();
        let mut c = Collector::new(&engine);
        scan_document(
            &mut input(r#"[{"a": "x"}, {"a": "y"}, {"a": "#, Some(10)),
            &mut c,
        )
        .unwrap();
        assert_eq!(c.rows, 2);
        let (_, notes) = c.finish();
        assert!(
            notes.iter().any(|n| n.contains("sampled size")),
            "{notes:?}"
        );
        let mut c = Collector::new(&engine);
        assert!(scan_document(&mut input("{not json", None), &mut c).is_err());
    }

    #[test]
    fn ndjson_counts_bad_lines_and_honours_the_quota() {
        let engine = Engine::builtin();
        let mut c = Collector::new(&engine);
        scan_lines(
            &mut input("{\"a\":1}\nnot json\n{\"a\":2}\n{\"a\":3}\n", Some(2)),
            &mut c,
        )
        .unwrap();
        assert_eq!(c.rows, 2);
        let (_, notes) = c.finish();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("1 line(s) were not valid JSON")),
            "{notes:?}"
        );
    }
}
