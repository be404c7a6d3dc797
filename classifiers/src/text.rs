//! Free-text accumulation: log lines and documents are searched in chunks and the spans
//! summarised per class into one `$text` field finding (counts, best confidence, masked
//! examples, fingerprints).

use crate::class::Likelihood;
use crate::engine::Engine;
use crate::field::FINGERPRINT_LIMIT;
use crate::fingerprint::{Fingerprints, Sketch};
use crate::report::{ClassScore, FieldFinding};
use std::collections::BTreeMap;

/// The path of the pseudo-field that holds free-text findings.
pub const TEXT_FIELD: &str = "$text";

#[derive(Debug, Default)]
struct Seen {
    matches: u64,
    best: f32,
    examples: Vec<String>,
    sketch: Sketch,
    fingerprinted: u64,
}

/// Accumulates free text; [`TextScan::finish`] summarises it.
#[derive(Debug)]
pub struct TextScan<'e> {
    engine: &'e Engine,
    lines: u64,
    by_class: BTreeMap<usize, Seen>,
    /// Fingerprints on their way to the sketches.
    fingerprints: Fingerprints,
}

impl<'e> TextScan<'e> {
    pub(crate) fn new(engine: &'e Engine) -> TextScan<'e> {
        TextScan {
            engine,
            lines: 0,
            by_class: BTreeMap::new(),
            fingerprints: Fingerprints::new(),
        }
    }

    /// Searches a chunk of whole lines.
    pub fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.lines += memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64
            + u64::from(!text.ends_with('\n'));
        for m in self.engine.find_in_text(text) {
            let class = self
                .engine
                .classes
                .iter()
                .position(|c| std::ptr::eq(c, m.class))
                .unwrap_or(0);
            let seen = self.by_class.entry(class).or_default();
            seen.matches += 1;
            seen.best = seen.best.max(m.confidence);
            if seen.examples.len() < 3 {
                let masked = m.masked();
                if !seen.examples.contains(&masked) {
                    seen.examples.push(masked);
                }
            }
            if let Some(key) = &self.engine.key
                && seen.fingerprinted < FINGERPRINT_LIMIT
            {
                seen.fingerprinted += 1;
                self.fingerprints
                    .add(key, class, &m.class.id, m.value.expose());
            }
        }
        self.sketch_fingerprints();
    }

    /// Puts the fingerprints made so far into their classes' sketches.
    fn sketch_fingerprints(&mut self) {
        for (class, fp) in self.fingerprints.take() {
            if let Some(seen) = self.by_class.get_mut(&class) {
                seen.sketch.insert(fp);
            }
        }
    }

    /// Lines seen so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// The `$text` finding: one class score per class found.
    pub fn finish(mut self) -> FieldFinding {
        if let Some(key) = &self.engine.key {
            self.fingerprints.flush(key);
        }
        self.sketch_fingerprints();
        let mut classes: Vec<ClassScore> = self
            .by_class
            .into_iter()
            .map(|(class, seen)| ClassScore {
                class: self.engine.classes[class].id.clone(),
                confidence: (seen.best * 1000.0).round() / 1000.0,
                likelihood: Likelihood::from_confidence(seen.best),
                matched: seen.matches,
                sampled: self.lines,
                validated_rate: None,
                reasons: vec![format!("{} matches in {} lines", seen.matches, self.lines)],
                masked_examples: seen.examples,
                fingerprints: seen.sketch.to_hex(),
            })
            .collect();
        classes.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| a.class.cmp(&b.class))
        });
        FieldFinding {
            path: TEXT_FIELD.to_string(),
            data_type: None,
            sampled: self.lines,
            classes,
        }
    }
}
