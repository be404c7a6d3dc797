//! Field classification: the values of one column or JSON path are matched whole (and, when
//! they are free text, searched), then each class is scored from its match rate, its
//! validator pass rate and the field's name hints. The reasons are kept so a person can see
//! why. Raw values are only masked and fingerprinted here, never stored.

use crate::class::Likelihood;
use crate::detector::Check;
use crate::engine::{Engine, WholeValue, is_uuid};
use crate::fingerprint::{Fingerprints, Sketch};
use crate::hints::{NameHints, has_white_space};
use crate::mask::mask;
use crate::report::{ClassScore, FieldFinding};

/// Values fingerprinted per (field, class): the sketch is a bottom-k over the first this many.
pub const FINGERPRINT_LIMIT: u64 = 4096;

/// Masked examples kept per class.
const EXAMPLES: usize = 3;

#[derive(Clone, Debug, Default)]
struct ClassStats {
    /// Values that matched as a whole and passed the check.
    whole: u64,
    /// Of `whole`, those that only a weak (bare) pattern proposed.
    whole_weak: u64,
    /// Values with the class embedded in free text.
    embedded: u64,
    /// Values the pattern proposed but the check rejected.
    rejected: u64,
    /// Whether a hint alone (no pattern) made the check run.
    by_hint: u64,
    /// Of `whole`, values another class also took (an SSN that also parses as a phone).
    shared: u64,
    /// Best text confidence among embedded matches.
    best_text_confidence: f32,
    examples: Vec<String>,
    sketch: Sketch,
    fingerprinted: u64,
}

/// Accumulates one field's values; [`FieldScan::finish`] scores it. It holds a raw value
/// (one waiting for its pair), so its `Debug` shows no value.
pub struct FieldScan<'e> {
    engine: &'e Engine,
    path: String,
    data_type: Option<String>,
    hints: NameHints,
    /// Classes with a positive hint and a validator, checked on values the patterns missed.
    hinted_checks: Vec<usize>,
    sampled: u64,
    stats: Vec<ClassStats>,
    /// Reused for every value, one per value of a pair.
    scratch: [WholeValue; 2],
    /// A value waiting for the next, so that the two are matched at once.
    pending: Option<String>,
    /// The allocation of the last pending value, for the next.
    spare: String,
    /// Fingerprints on their way to the sketches.
    fingerprints: Fingerprints,
}

impl std::fmt::Debug for FieldScan<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldScan")
            .field("path", &self.path)
            .field("data_type", &self.data_type)
            .field("hints", &self.hints)
            .field("sampled", &self.sampled)
            .finish_non_exhaustive()
    }
}

/// A cell without the white space around it. Most cells have none: two byte checks say
/// so, where `str::trim` decodes a character at each end.
fn trim_cell(v: &str) -> &str {
    match v.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => v,
        [only] if only.is_ascii_graphic() => v,
        _ => v.trim(),
    }
}

/// Cells that mean "no value".
fn is_null(v: &str) -> bool {
    const NULLS: [&str; 12] = [
        "null",
        "none",
        "nil",
        "nan",
        "n/a",
        "na",
        "-",
        "--",
        "undefined",
        "#n/a",
        "(null)",
        "<null>",
    ];
    // Every spelling starts with one of these bytes; most values are ruled out by the first.
    let Some(first) = v.bytes().next() else {
        return true;
    };
    v.len() <= 9
        && matches!(
            first.to_ascii_lowercase(),
            b'n' | b'u' | b'-' | b'#' | b'(' | b'<'
        )
        && NULLS.iter().any(|n| n.eq_ignore_ascii_case(v))
}

impl<'e> FieldScan<'e> {
    pub(crate) fn new(engine: &'e Engine, path: &str) -> FieldScan<'e> {
        let hints = engine.name_hints(path);
        let hinted_checks = engine.hinted_checks(&hints);
        FieldScan {
            engine,
            path: path.to_string(),
            data_type: None,
            hints,
            hinted_checks,
            sampled: 0,
            stats: vec![ClassStats::default(); engine.classes.len()],
            scratch: [engine.whole_scratch(), engine.whole_scratch()],
            pending: None,
            spare: String::new(),
            fingerprints: Fingerprints::new(),
        }
    }

    /// Records the declared type of the field (`varchar(255)`).
    pub fn data_type(&mut self, data_type: impl Into<String>) {
        self.data_type = Some(data_type.into());
    }

    /// Values looked at so far (nulls excluded).
    pub fn sampled(&self) -> u64 {
        self.sampled
    }

    /// Adds one value. Empty and null-like cells are skipped. Values are classified in
    /// pairs (the second of a pair when it arrives, a last odd one by [`Self::finish`]).
    pub fn push(&mut self, value: &str) {
        let value = trim_cell(value);
        if is_null(value) {
            return;
        }
        self.sampled += 1;
        let Some(first) = self.pending.take() else {
            let mut keep = std::mem::take(&mut self.spare);
            keep.clear();
            keep.push_str(value);
            self.pending = Some(keep);
            return;
        };
        let [a, b] = &mut self.scratch;
        self.engine
            .whole_values(&self.hints, &self.hinted_checks, [&first, value], [a, b]);
        self.take(&first, 0);
        self.take(value, 1);
        self.spare = first;
        self.sketch_fingerprints();
    }

    /// Puts the fingerprints made so far into their classes' sketches.
    fn sketch_fingerprints(&mut self) {
        for (class, fp) in self.fingerprints.take() {
            self.stats[class].sketch.insert(fp);
        }
    }

    /// Counts one value whose anchored patterns and checks are in `scratch[which]`.
    fn take(&mut self, value: &str, which: usize) {
        let engine = self.engine;
        let whole = &self.scratch[which];
        for &class in &whole.rejected {
            self.stats[class].rejected += 1;
        }
        let best = whole.passed.iter().map(|p| p.1).max();
        if let Some(best) = best {
            // One value, one meaning: the most specific check takes it (an NHS number that
            // also parses as a phone number is an NHS number). Dictionary classes tie.
            let winners = whole.passed.iter().filter(|p| p.1 == best).count();
            for &(class, rank, weak, by_hint) in &whole.passed {
                if by_hint {
                    self.stats[class].by_hint += 1;
                }
                if rank == best {
                    let st = &mut self.stats[class];
                    st.whole += 1;
                    if weak {
                        st.whole_weak += 1;
                    }
                    if winners > 1 {
                        st.shared += 1;
                    }
                    remember(engine, st, class, value, &mut self.fingerprints);
                } else {
                    self.stats[class].rejected += 1;
                }
            }
            return;
        }
        // Free text may hold PII inside; an inert value (a UUID, a timestamp) cannot, so the
        // common columns of those are not searched value by value.
        if (value.len() > 24 || has_white_space(value))
            && !whole.inert
            && !is_uuid(value.as_bytes())
        {
            let mut seen: Vec<usize> = Vec::new();
            for m in engine.find_in_text(value) {
                let class = engine
                    .classes
                    .iter()
                    .position(|c| std::ptr::eq(c, m.class))
                    .unwrap_or(0);
                if seen.contains(&class) {
                    continue;
                }
                seen.push(class);
                let st = &mut self.stats[class];
                st.embedded += 1;
                st.best_text_confidence = st.best_text_confidence.max(m.confidence);
                remember(engine, st, class, m.value.expose(), &mut self.fingerprints);
            }
        }
    }

    /// Scores every class seen and returns the field's finding.
    pub fn finish(mut self) -> FieldFinding {
        if let Some(last) = self.pending.take() {
            self.engine.whole_value(
                &self.hints,
                &self.hinted_checks,
                &last,
                &mut self.scratch[0],
            );
            self.take(&last, 0);
        }
        if let Some(key) = &self.engine.key {
            self.fingerprints.flush(key);
        }
        self.sketch_fingerprints();
        let n = self.sampled;
        let mut classes: Vec<ClassScore> = Vec::new();
        if n > 0 {
            for (class, st) in self.stats.iter().enumerate() {
                if let Some(score) = self.score(class, st, n) {
                    classes.push(score);
                }
            }
        }
        resolve_name_parts(&mut classes, &self.hints, self.engine);
        self.drop_shadowed(&mut classes);
        classes.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| a.class.cmp(&b.class))
        });
        FieldFinding {
            path: self.path,
            data_type: self.data_type,
            sampled: n,
            classes,
        }
    }

    /// A column is mostly one thing. Drops a class that is sparse while another class holds
    /// at least half the values (a street name that reads as a person's name inside an
    /// address column), and a class all of whose values another class also took and that
    /// class took more (9-digit passport numbers in a column of US passports).
    fn drop_shadowed(&self, classes: &mut Vec<ClassScore>) {
        let n = self.sampled.max(1) as f32;
        let whole_of = |id: &str| {
            self.engine
                .classes
                .iter()
                .position(|c| c.id == id)
                .map(|i| &self.stats[i])
        };
        let dominant: Vec<(String, u64)> = classes
            .iter()
            .filter_map(|c| whole_of(&c.class).map(|st| (c.class.clone(), st.whole)))
            .filter(|(_, whole)| *whole as f32 / n >= 0.5)
            .collect();
        classes.retain(|c| {
            let Some(st) = whole_of(&c.class) else {
                return true;
            };
            let others = dominant.iter().filter(|(id, _)| *id != c.class);
            let mut others = others.peekable();
            if others.peek().is_none() {
                return true;
            }
            let sparse = (c.matched as f32 / n) < 0.1;
            let nested = st.whole > 0
                && st.shared * 20 >= st.whole * 19
                && dominant
                    .iter()
                    .any(|(id, whole)| *id != c.class && *whole * 10 > st.whole * 11);
            !(sparse || nested)
        });
    }

    fn score(&self, class: usize, st: &ClassStats, n: u64) -> Option<ClassScore> {
        let matched = st.whole + st.embedded;
        if matched == 0 {
            return None;
        }
        let engine = self.engine;
        let id = &engine.classes[class].id;
        let hint = self.hints.positive_for(class);
        let negative = self.hints.negative_for(class);
        let dets: Vec<_> = engine.by_class[class]
            .iter()
            .map(|&d| &engine.detectors[d].def)
            .collect();
        let has_validator = dets.iter().any(|d| {
            !matches!(
                d.check,
                Check::None | Check::PasswordLike | Check::HighEntropy
            )
        });
        let is_name_part = dets
            .iter()
            .any(|d| matches!(d.check, Check::GivenName | Check::FamilyName));
        let nf = n as f32;
        let rate = matched as f32 / nf;
        let whole_rate = st.whole as f32 / nf;
        let attempts = matched + st.rejected;
        let validated_rate = has_validator.then(|| matched as f32 / attempts.max(1) as f32);
        let mut reasons = Vec::new();

        let mut confidence;
        if whole_rate >= 0.3 {
            // A structured column: most values are the class.
            let weak_only = st.whole_weak == st.whole && st.by_hint == 0;
            if weak_only && hint.is_none() && !is_name_part {
                let validated = dets.iter().any(|d| d.check.specificity() >= 5);
                if !(validated && whole_rate >= 0.8 && validated_rate.unwrap_or(0.0) >= 0.9) {
                    return None;
                }
            }
            if is_name_part && whole_rate < if hint.is_some() { 0.3 } else { 0.6 } {
                return None;
            }
            confidence = 0.55 + 0.4 * whole_rate;
            reasons.push(format!("{:.0}% of {n} values are {id}", whole_rate * 100.0));
        } else {
            // Sparse: a few values, or PII embedded in free text. Whole values count here only
            // when a validator confirmed them and no other class took them too.
            let enough = matched >= 2 || n < 10 || hint.is_some();
            let weak_whole = st.whole_weak > 0 && st.embedded == 0 && st.whole == st.whole_weak;
            let validated_whole = dets.iter().any(|d| d.check.specificity() >= 5);
            let mostly_shared = st.shared * 2 > st.whole;
            if !enough
                || (weak_whole && hint.is_none())
                || is_name_part
                || (st.whole > st.embedded && hint.is_none() && (!validated_whole || mostly_shared))
            {
                return None;
            }
            confidence = 0.55 + 0.1 * (matched.min(10) as f32 / 10.0);
            if st.embedded > 0 {
                confidence = confidence.max(st.best_text_confidence.min(0.9) - 0.2);
                reasons.push(format!(
                    "found inside the text of {matched} of {n} values ({:.1}%)",
                    rate * 100.0
                ));
            } else {
                reasons.push(format!(
                    "{matched} of {n} values are {id} ({:.1}%)",
                    rate * 100.0
                ));
            }
        }
        if let Some(v) = validated_rate {
            if v < 0.8 {
                confidence *= v / 0.8;
            }
            if st.whole > 0 {
                reasons.push(format!("{:.0}% of candidates pass validation", v * 100.0));
            }
        }
        if let Some(h) = hint {
            confidence += 0.1;
            reasons.push(format!("name hint \"{h}\""));
        }
        if let Some(h) = negative {
            confidence -= 0.6;
            reasons.push(format!("negative name hint \"{h}\""));
        }
        let confidence = confidence.clamp(0.0, 0.99);
        let min = dets
            .iter()
            .filter_map(|d| d.min_confidence)
            .fold(engine.min_confidence, f32::max);
        if confidence < min {
            return None;
        }
        Some(ClassScore {
            class: id.clone(),
            confidence: (confidence * 1000.0).round() / 1000.0,
            likelihood: Likelihood::from_confidence(confidence),
            matched,
            sampled: n,
            validated_rate: validated_rate.map(|v| (v * 1000.0).round() / 1000.0),
            reasons,
            masked_examples: st.examples.clone(),
            fingerprints: st.sketch.to_hex(),
        })
    }
}

/// Keeps a masked example and has the value fingerprinted.
fn remember(
    engine: &Engine,
    st: &mut ClassStats,
    class: usize,
    value: &str,
    fingerprints: &mut Fingerprints,
) {
    let id = &engine.classes[class].id;
    if st.examples.len() < EXAMPLES {
        let m = mask(id, value);
        if !st.examples.contains(&m) {
            st.examples.push(m);
        }
    }
    if let Some(key) = &engine.key
        && st.fingerprinted < FINGERPRINT_LIMIT
    {
        st.fingerprinted += 1;
        fingerprints.add(key, class, id, value);
    }
}

/// Given and family names overlap (Thomas, Martin): a column is one or the other. The name
/// hint decides; otherwise the higher match count wins.
fn resolve_name_parts(classes: &mut Vec<ClassScore>, hints: &NameHints, engine: &Engine) {
    let pos = |id: &str| classes.iter().position(|c| c.class == id);
    let (Some(first), Some(last)) = (pos("FIRST_NAME"), pos("LAST_NAME")) else {
        return;
    };
    let hinted = |id: &str| {
        engine
            .classes
            .iter()
            .position(|c| c.id == id)
            .and_then(|i| hints.positive_for(i))
            .is_some()
    };
    let drop = match (hinted("FIRST_NAME"), hinted("LAST_NAME")) {
        (true, false) => last,
        (false, true) => first,
        _ if classes[first].matched >= classes[last].matched => last,
        _ => first,
    };
    classes.remove(drop);
}

#[cfg(test)]
mod tests {
    use super::{is_null, trim_cell};

    #[test]
    fn a_scan_never_shows_a_value_in_debug() {
        let engine = crate::Engine::builtin();
        let mut scan = engine.field("customer_email");
        scan.push("jane.doe@example.com");
        let shown = format!("{scan:?}");
        assert!(shown.contains("customer_email"), "{shown}");
        assert!(!shown.contains("jane"), "{shown}");
    }

    #[test]
    fn cells_are_trimmed_as_str_trim_does() {
        for v in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\tab\n",
            "a b",
            "\u{a0}x\u{a0}",
            "x\u{2003}",
            "é",
            " é ",
            "\u{3000}名前\u{3000}",
            "-",
            "0",
        ] {
            assert_eq!(trim_cell(v), v.trim(), "{v:?}");
        }
    }

    #[test]
    fn null_like_cells_are_skipped() {
        for v in [
            "",
            "null",
            "NULL",
            "N/A",
            "nan",
            "None",
            "-",
            "(null)",
            "nil",
            "NA",
            "--",
            "undefined",
            "#N/A",
            "<null>",
        ] {
            assert!(is_null(v), "{v}");
        }
        for v in ["0", "Nancy", "nano", "n/a/b"] {
            assert!(!is_null(v), "{v}");
        }
    }
}
