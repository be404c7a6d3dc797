//! The engine: every detector compiled into one multi-pattern automaton for free text and one
//! anchored pattern set for field values, plus the hint vocabulary and name dictionaries.
//! Built once, then shared read-only across threads (`Send + Sync`, no lock on the hot path).
//! It must never print, log or return a raw value except inside [`Sensitive`].

use crate::automaton::{PatternSource, TextAutomaton, ValuePatterns};
use crate::builtin;
use crate::class::{DataClass, Likelihood};
use crate::custom::CustomDetector;
use crate::detector::{Check, DetectorDef, Strength, TextRule, expand_shorthand};
use crate::error::Error;
use crate::field::FieldScan;
use crate::fingerprint::FingerprintKey;
use crate::hints::{ClassHints, HintIndex, NameHints, builtin_hints, has_white_space};
use crate::names::NameDictionaries;
use crate::report::FieldFinding;
use crate::sensitive::Sensitive;
use crate::text::TextScan;
use memchr::memmem;
use regex_automata::{Anchored, Input};
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

/// The confidence below which nothing is reported, unless configured otherwise.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// Longest field value matched as a whole; longer values are searched as free text.
const WHOLE_VALUE_MAX: usize = 256;

/// How far before a candidate (same line) context words are looked for, in bytes.
const CONTEXT_BEFORE: usize = 48;
/// How far after a candidate context words are looked for, in bytes.
const CONTEXT_AFTER: usize = 16;
/// How far before a candidate negative context words are looked for, in bytes.
const NEGATIVE_BEFORE: usize = 20;

/// A context word may be one segment of an identifier (`uk_passport_number`, `tax-id-de`).
const KEY_PREFIX: &str = r"(?-u:\b)(?:[A-Za-z0-9]+[_-])*";
/// What may follow a context word inside the same identifier.
const KEY_SUFFIX: &str = r"(?:[_-][A-Za-z0-9]+)*(?-u:\b)";

/// The separator allowed between a context word and its value by default: punctuation and a
/// few filler words (`SSN: `, `passport no. `, `zip code is `, `"dob": "`).
const DEFAULT_GAP: &str = r#"[^A-Za-z0-9\n+(]{1,6}(?:(?i-u:no|nr|num|number|is|was|of|on|at|id|#)[^A-Za-z0-9\n+(]{1,4}){0,2}"#;

/// One compiled detector.
#[derive(Debug)]
pub(crate) struct Detector {
    pub class: usize,
    pub def: DetectorDef,
}

/// What a text-automaton pattern stands for.
#[derive(Debug)]
struct TextPattern {
    detector: usize,
    /// For context-prefixed patterns: how to find the value in a match.
    context_value: Option<ContextValue>,
}

/// Finds the value in a match of a context-prefixed pattern `key value`. Under leftmost-first
/// semantics the whole pattern's parse is the key's own preferred parse as long as the value
/// matches after it (a parse of the key that comes first but leaves no value would have been
/// tried first and failed): so the key is searched, then the value after it, two small DFA
/// searches. Only when no value follows the key's parse does the capturing twin run (its NFA
/// holds every spelling of every context phrase, so captures cost microseconds).
#[derive(Debug)]
struct ContextValue {
    /// The key part: identifier segments, context phrase, separator.
    key: regex_automata::meta::Regex,
    /// The value pattern alone.
    value: regex_automata::meta::Regex,
    /// The whole pattern with the value in group `v`.
    capture: regex_automata::meta::Regex,
}

impl ContextValue {
    /// The value's span in the match of the whole pattern starting at `at` in `text`.
    fn span(&self, text: &str, at: usize) -> Option<std::ops::Range<usize>> {
        let from = Input::new(text).range(at..).anchored(Anchored::Yes);
        if let Some(key) = self.key.search(&from) {
            let rest = Input::new(text).range(key.end()..).anchored(Anchored::Yes);
            if let Some(value) = self.value.search(&rest) {
                return Some(value.range());
            }
        }
        self.captured(text, at)
    }

    /// The value group of the capturing twin anchored at `at`.
    fn captured(&self, text: &str, at: usize) -> Option<std::ops::Range<usize>> {
        let from = Input::new(text).range(at..).anchored(Anchored::Yes);
        let mut caps = self.capture.create_captures();
        self.capture.search_captures(&from, &mut caps);
        caps.get_group_by_name("v").map(|s| s.range())
    }
}

/// A span of PII found in free text.
#[derive(Debug, Clone)]
pub struct TextMatch<'e, 't> {
    /// The class found.
    pub class: &'e DataClass,
    /// Byte offset of the first byte of the value.
    pub start: usize,
    /// Byte offset one past the value.
    pub end: usize,
    /// 0..=1.
    pub confidence: f32,
    /// The confidence in five steps.
    pub likelihood: Likelihood,
    /// The raw value; never print it, mask it.
    pub value: Sensitive<&'t str>,
}

impl TextMatch<'_, '_> {
    /// The masked value (`j***@e*****.com`).
    pub fn masked(&self) -> String {
        crate::mask::mask(&self.class.id, self.value.expose())
    }
}

/// How strongly a passed check claims a value: a hinted class first, then the more
/// specific check, then the stronger pattern.
pub(crate) type Rank = (bool, u8, Strength);

/// The classes a whole value passed and the classes whose pattern matched but check failed.
/// Kept by the caller and reused value after value, so classifying a value allocates nothing.
#[derive(Debug)]
pub(crate) struct WholeValue {
    /// Whether the value is wholly one of [`INERT_VALUES`].
    pub inert: bool,
    /// (class, rank, proposed only by a weak pattern, found through a name hint alone).
    pub passed: Vec<(usize, Rank, bool, bool)>,
    pub rejected: Vec<usize>,
    /// The anchored patterns the value matched.
    set: Vec<usize>,
    /// What the sets of patterns met lately propose: a column's values match one of a few
    /// sets (an SSN column: with dashes, with spaces, bare), and a scratch serves one field
    /// (one set of hints), so a set is ranked once while it keeps coming back.
    proposals: Vec<Proposal>,
    /// A hash of each proposal's set, side by side in one cache line: a value whose set is
    /// not among them (a phone column's shapes come and go) is told so without reading
    /// every proposal's set from the heap.
    proposal_keys: [u64; PROPOSALS],
    /// The slot of `proposals` the next new set takes once all are used.
    next_slot: usize,
    /// Detectors whose check ran and failed.
    failed: Vec<usize>,
}

/// The detectors one set of anchored patterns proposes, ranked.
#[derive(Debug)]
struct Proposal {
    set: Vec<usize>,
    /// With their rank, most specific first.
    candidates: Vec<(Rank, usize)>,
    /// Whether the set holds an inert shape.
    inert: bool,
}

/// Sets of patterns whose proposals a field keeps.
const PROPOSALS: usize = 8;

/// The compiled detection engine.
#[derive(Debug)]
pub struct Engine {
    pub(crate) classes: Vec<DataClass>,
    pub(crate) detectors: Vec<Detector>,
    /// Detectors of each class.
    pub(crate) by_class: Vec<Vec<usize>>,
    pub(crate) text_re: TextAutomaton,
    text_patterns: Vec<TextPattern>,
    /// Anchored value patterns; pattern i belongs to detector `whole_detector[i]`.
    pub(crate) whole: ValuePatterns,
    whole_detector: Vec<usize>,
    pub(crate) hints: HintIndex,
    pub(crate) names: NameDictionaries,
    pub(crate) key: Option<FingerprintKey>,
    pub(crate) min_confidence: f32,
    /// A postal code directly after a street address.
    postal_follow: regex::Regex,
}

/// The postal-code formats that follow a street address: BR, US ZIP(+4), UK, NL, CA, PL,
/// and the 4- and 5-digit codes of most of Europe and Australia.
const POSTAL_AFTER_STREET: &str = r"^,?[ \t]*(?:[A-Z]{1,2}-)?(?P<pc>\d{5}-\d{3}|\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[1-9]\d{3} ?[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{2}-\d{3}|\d{4})\b";

/// Field values that hold no PII anywhere in them, as a whole: a date and time as databases
/// and APIs print them. Such a value is not searched as free text: every candidate inside
/// one is glued to the rest of it, and no context word fits in it. Matched with the
/// detectors' anchored patterns, in the same walk. (UUIDs are told by [`is_uuid`] instead:
/// the walk dies a few bytes into one, and carrying it through all 36 cost more.)
const INERT_VALUES: [&str; 1] = [
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:Z| ?[+-][0-9]{2}(?::?[0-9]{2})?| UTC)?",
];

/// Builds an [`Engine`] from the built-ins plus custom detectors.
#[derive(Debug, Default)]
pub struct EngineBuilder {
    custom: Vec<CustomDetector>,
    key: Option<FingerprintKey>,
    min_confidence: Option<f32>,
    disabled: HashSet<String>,
}

impl EngineBuilder {
    /// Adds custom detectors (from `[[detectors]]` in the config).
    pub fn custom(mut self, detectors: Vec<CustomDetector>) -> Self {
        self.custom.extend(detectors);
        self
    }

    /// Enables keyed fingerprints of matched values.
    pub fn fingerprint_key(mut self, key: FingerprintKey) -> Self {
        self.key = Some(key);
        self
    }

    /// Lowest confidence reported (default 0.5).
    pub fn min_confidence(mut self, confidence: f32) -> Self {
        self.min_confidence = Some(confidence);
        self
    }

    /// Turns off built-in classes by id.
    pub fn disable(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.disabled.extend(ids);
        self
    }

    /// Compiles the engine.
    pub fn build(self) -> Result<Engine, Error> {
        Engine::compile(self)
    }
}

impl Engine {
    /// The engine with every built-in detector and no fingerprint key.
    pub fn builtin() -> Engine {
        // The built-in tables are part of the crate and covered by tests; failing here is a
        // bug in piicat, not something a user can cause.
        Engine::builder()
            .build()
            .unwrap_or_else(|e| panic!("built-in detectors failed to compile: {e}"))
    }

    /// A builder for an engine with custom detectors or a key.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    fn compile(b: EngineBuilder) -> Result<Engine, Error> {
        let mut hint_table: BTreeMap<String, ClassHints> = builtin_hints()?;
        let mut classes = Vec::new();
        let mut defs: Vec<(usize, DetectorDef)> = Vec::new();
        for (class, dets) in builtin::builtin() {
            if b.disabled.contains(&class.id) {
                continue;
            }
            let idx = classes.len();
            classes.push(class);
            defs.extend(dets.into_iter().map(|d| (idx, d)));
        }
        let mut taken: HashSet<String> = classes.iter().map(|c| c.id.clone()).collect();
        for custom in &b.custom {
            let (class, def, words) = custom.compile(&taken)?;
            taken.insert(class.id.clone());
            hint_table.insert(
                class.id.clone(),
                ClassHints {
                    hints: words,
                    negative: Vec::new(),
                },
            );
            let idx = classes.len();
            classes.push(class);
            defs.push((idx, def));
        }
        let class_hints: Vec<(usize, &ClassHints)> = classes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| hint_table.get(&c.id).map(|h| (i, h)))
            .collect();
        let hints = HintIndex::new(&class_hints)?;

        let detectors: Vec<Detector> = defs
            .into_iter()
            .map(|(class, def)| Detector { class, def })
            .collect();
        let mut by_class = vec![Vec::new(); classes.len()];
        for (i, d) in detectors.iter().enumerate() {
            by_class[d.class].push(i);
        }

        let mut text_sources = Vec::new();
        let mut text_patterns = Vec::new();
        let mut whole_sources = Vec::new();
        let mut whole_detector = Vec::new();
        let mut key_regexes: std::collections::HashMap<String, regex_automata::meta::Regex> =
            std::collections::HashMap::new();
        for (i, det) in detectors.iter().enumerate() {
            let class = &classes[det.class];
            let invalid = |reason: String| Error::InvalidDetector {
                detector: class.id.clone(),
                reason,
            };
            for p in &det.def.patterns {
                let p = expand_shorthand(p);
                whole_sources.push(format!("^(?:{p})$"));
                whole_detector.push(i);
                match det.def.text {
                    TextRule::Free => {
                        text_sources.push(PatternSource {
                            regex: p.clone(),
                            keywords: None,
                        });
                        text_patterns.push(TextPattern {
                            detector: i,
                            context_value: None,
                        });
                    }
                    TextRule::NeedsContext => {
                        let phrases = context_phrases(hint_table.get(&class.id));
                        let Some(words) = context_alternation(&phrases) else {
                            return Err(invalid(
                                "needs context but has no ASCII context words".into(),
                            ));
                        };
                        let gap = det.def.context_gap.as_deref().unwrap_or(DEFAULT_GAP);
                        let gap = expand_shorthand(gap);
                        let key = format!(r"{KEY_PREFIX}(?i-u:{words}){KEY_SUFFIX}{gap}");
                        let regex = |src: &str| {
                            regex_automata::meta::Regex::new(src)
                                .map_err(|e| invalid(format!("context pattern: {e}")))
                        };
                        // A class's patterns share their key: compiled once (a cheap clone).
                        let key_re = match key_regexes.get(&key) {
                            Some(re) => Clone::clone(re),
                            None => {
                                let re = regex(&key)?;
                                key_regexes.insert(key.clone(), re.clone());
                                re
                            }
                        };
                        let context_value = ContextValue {
                            capture: regex(&format!("{key}(?P<v>{p})"))?,
                            key: key_re,
                            value: regex(&format!("(?:{p})"))?,
                        };
                        text_sources.push(PatternSource {
                            regex: format!("{key}(?:{p})"),
                            keywords: Some(phrases.clone()),
                        });
                        text_patterns.push(TextPattern {
                            detector: i,
                            context_value: Some(context_value),
                        });
                    }
                    TextRule::FieldOnly => {}
                }
            }
        }
        let text_re = TextAutomaton::new(&text_sources).map_err(|e| Error::InvalidDetector {
            detector: e
                .pattern
                .and_then(|i| text_patterns.get(i))
                .map(|tp| classes[detectors[tp.detector].class].id.clone())
                .unwrap_or_else(|| "<engine>".into()),
            reason: format!("pattern does not compile: {}", e.reason),
        })?;
        // After the detectors' patterns, so an index past `whole_detector` is an inert shape.
        whole_sources.extend(INERT_VALUES.iter().map(|p| format!("^(?:{p})$")));
        let whole = ValuePatterns::new(&whole_sources).map_err(|e| Error::InvalidDetector {
            detector: e
                .pattern
                .map(|i| classes[detectors[whole_detector[i]].class].id.clone())
                .unwrap_or_else(|| "<value patterns>".into()),
            reason: e.reason,
        })?;
        Ok(Engine {
            classes,
            detectors,
            by_class,
            text_re,
            text_patterns,
            whole,
            whole_detector,
            hints,
            names: NameDictionaries::builtin(),
            key: b.key,
            min_confidence: b.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE),
            postal_follow: regex::Regex::new(POSTAL_AFTER_STREET).map_err(|e| Error::Builtin {
                what: "postal code after street".into(),
                reason: e.to_string(),
            })?,
        })
    }

    /// Every class the engine detects.
    pub fn classes(&self) -> &[DataClass] {
        &self.classes
    }

    /// A class by id.
    pub fn class(&self, id: &str) -> Option<&DataClass> {
        self.classes.iter().find(|c| c.id == id)
    }

    /// The detectors of a class, for `piicat detectors`.
    pub fn detectors_of(&self, id: &str) -> Vec<&DetectorDef> {
        self.classes
            .iter()
            .position(|c| c.id == id)
            .map(|i| {
                self.by_class[i]
                    .iter()
                    .map(|&d| &self.detectors[d].def)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The field-name hints and context words of a class, for `piicat detectors`.
    pub fn hints_of(&self, id: &str) -> Vec<String> {
        builtin_hints()
            .ok()
            .and_then(|mut t| t.remove(id))
            .map(|h| h.hints)
            .unwrap_or_default()
    }

    /// Sizes of the given- and family-name dictionaries.
    pub fn name_dictionary_sizes(&self) -> (usize, usize) {
        self.names.sizes()
    }

    /// The hints a field name carries.
    pub fn name_hints(&self, name: &str) -> NameHints {
        self.hints.name_hints(name)
    }

    /// Accumulates the values of one field, then scores it.
    pub fn field(&self, path: &str) -> FieldScan<'_> {
        FieldScan::new(self, path)
    }

    /// Scores a field from its values in one call.
    pub fn classify_field<'v>(
        &self,
        path: &str,
        values: impl IntoIterator<Item = &'v str>,
    ) -> FieldFinding {
        let mut scan = self.field(path);
        for v in values {
            scan.push(v);
        }
        scan.finish()
    }

    /// Accumulates free text (log lines, documents) into one `$text` finding.
    pub fn text(&self) -> TextScan<'_> {
        TextScan::new(self)
    }

    /// Spans of PII in free text, in order, non-overlapping. One pass of the automaton over
    /// the text; candidates are then confirmed by their checks and context.
    pub fn find_in_text<'e, 't>(&'e self, text: &'t str) -> Vec<TextMatch<'e, 't>> {
        let mut out = Vec::new();
        let mut pos = 0;
        let bytes = text.as_bytes();
        let mut cursor = self.text_re.cursor(text);
        while pos < text.len() {
            let Some(m) = cursor.find(pos) else {
                break;
            };
            if m.is_empty() {
                pos = m.end() + 1;
                continue;
            }
            let tp = &self.text_patterns[m.pattern().as_usize()];
            let value = tp
                .context_value
                .as_ref()
                .and_then(|cap| cap.span(text, m.start()));
            let (vs, ve, contexted) = match value {
                Some(v) => (v.start, v.end, true),
                None => (m.start(), m.end(), false),
            };
            // A span glued to its neighbours (`2022-02-26 00`, `McDonald`) is no value of
            // any detector: the checks below would all refuse it, so they are not asked.
            let stuck = glued(bytes, vs, ve) || mid_word(text, vs);
            // A value after a context word may be self-evidently something stronger
            // (`STRIPE_SECRET_KEY=sk_live_…` is a Stripe key, not a password).
            let stronger = if stuck {
                None
            } else if contexted {
                self.alternative(text, vs, ve, tp.detector)
                    .filter(|f| self.strength_of(f) == Strength::Strong)
            } else {
                None
            };
            let confirmed = stronger
                .or_else(|| {
                    (!stuck)
                        .then(|| self.confirm_text(text, vs, ve, tp.detector, contexted))
                        .flatten()
                })
                .or_else(|| {
                    contexted
                        .then(|| self.contexted_alternative(text, m.start(), tp.detector))
                        .flatten()
                });
            if let Some(found) = confirmed {
                let street = found.class.id == "STREET_ADDRESS";
                out.push(found);
                pos = m.end();
                if street && let Some(postal) = self.postal_after_street(text, ve) {
                    pos = postal.end;
                    out.push(postal);
                }
                continue;
            }
            if !contexted
                && !stuck
                && let Some(found) = self.alternative(text, vs, ve, tp.detector)
            {
                out.push(found);
                pos = m.end();
                continue;
            }
            // A name-shaped span may hold a name a word later (`Dear Jane Doe`); any other
            // failed span is one token of something else (a corrupt IBAN is not a card).
            pos = if self.detectors[tp.detector].def.check.is_name() {
                next_token_start(bytes, m.start())
            } else {
                m.end()
            };
        }
        self.sql_values(text, &mut out);
        out
    }

    /// Values of SQL `INSERT` statements classified with their column names as hints;
    /// values already found by the automaton keep their match.
    fn sql_values<'e, 't>(&'e self, text: &'t str, out: &mut Vec<TextMatch<'e, 't>>) {
        // Searchers built once: building one costs more than searching a field value.
        static INSERT: LazyLock<[memmem::Finder<'static>; 2]> = LazyLock::new(|| {
            [
                memmem::Finder::new(b"INSERT INTO"),
                memmem::Finder::new(b"insert into"),
            ]
        });
        let bytes = text.as_bytes();
        // Most texts hold none: one search each says so (an iterator per text costs more).
        if !INSERT.iter().any(|f| f.find(bytes).is_some()) {
            return;
        }
        // The lines holding a statement, each once, in order.
        let mut lines: Vec<(usize, usize)> = INSERT
            .iter()
            .flat_map(|f| f.find_iter(bytes))
            .map(|at| {
                let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
                (start, end)
            })
            .collect();
        lines.sort_unstable();
        lines.dedup();
        for (line_start, line_end) in lines {
            let line = &text[line_start..line_end];
            for (column, s, e) in crate::structured::sql_insert_values(line) {
                let (s, e) = (line_start + s, line_start + e);
                // `out` is sorted by start: only the match just before `e` can overlap.
                let i = out.partition_point(|m| m.start < e);
                if i > 0 && out[i - 1].end > s {
                    continue;
                }
                if let Some(found) = self.classify_named_value(column, text, s, e) {
                    out.insert(i, found);
                }
            }
        }
    }

    /// A postal code right after a street address (`Keizersgracht 645, 1017 DS`).
    fn postal_after_street<'e, 't>(
        &'e self,
        text: &'t str,
        end: usize,
    ) -> Option<TextMatch<'e, 't>> {
        let class = self.classes.iter().position(|c| c.id == "POSTAL_CODE")?;
        let m = self.postal_follow.captures(&text[end..])?.name("pc")?;
        let (start, stop) = (end + m.start(), end + m.end());
        let confidence = 0.7;
        (confidence >= self.min_confidence).then(|| TextMatch {
            class: &self.classes[class],
            start,
            end: stop,
            confidence,
            likelihood: Likelihood::from_confidence(confidence),
            value: Sensitive::new(&text[start..stop]),
        })
    }

    /// The strength of the detector that produced a match (the strongest of its class).
    fn strength_of(&self, m: &TextMatch<'_, '_>) -> Strength {
        let class = self.classes.iter().position(|c| std::ptr::eq(c, m.class));
        class
            .into_iter()
            .flat_map(|c| self.by_class[c].iter())
            .map(|&d| self.detectors[d].def.strength)
            .max()
            .unwrap_or(Strength::Weak)
    }

    /// Another context-prefixed detector matching at the same place (`uk_passport_number=`
    /// fits the US and the UK passport keyword; the negative word decides).
    fn contexted_alternative<'e, 't>(
        &'e self,
        text: &'t str,
        at: usize,
        failed: usize,
    ) -> Option<TextMatch<'e, 't>> {
        for tp in &self.text_patterns {
            let Some(cap) = &tp.context_value else {
                continue;
            };
            if tp.detector == failed
                || self.detectors[tp.detector].class == self.detectors[failed].class
            {
                continue;
            }
            // Only the rest of the line, as a text of its own: the key must start at `at`.
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let Some(v) = cap.span(&text[at..line_end], 0) else {
                continue;
            };
            let (vs, ve) = (at + v.start, at + v.end);
            if let Some(found) = self.confirm_text(text, vs, ve, tp.detector, true) {
                return Some(found);
            }
        }
        None
    }

    /// Another detector whose pattern matches the same span and whose check passes.
    fn alternative<'e, 't>(
        &'e self,
        text: &'t str,
        start: usize,
        end: usize,
        failed: usize,
    ) -> Option<TextMatch<'e, 't>> {
        let value = &text[start..end];
        let mut tried: Option<usize> = None;
        let mut set = Vec::new();
        self.whole_matches(value, &mut set);
        for &det in set.iter().filter_map(|&idx| self.whole_detector.get(idx)) {
            if det == failed || tried == Some(det) || self.detectors[det].def.text != TextRule::Free
            {
                continue;
            }
            tried = Some(det);
            if let Some(found) = self.confirm_text(text, start, end, det, false) {
                return Some(found);
            }
        }
        None
    }

    /// Checks a text candidate and scores it; `None` if it does not count.
    fn confirm_text<'e, 't>(
        &'e self,
        text: &'t str,
        start: usize,
        end: usize,
        detector: usize,
        contexted: bool,
    ) -> Option<TextMatch<'e, 't>> {
        let det = &self.detectors[detector];
        let value = &text[start..end];
        if glued(text.as_bytes(), start, end) || mid_word(text, start) {
            return None;
        }
        let passed = self.check(&det.def.check, value);
        // A known given name with an unknown surname, or the other way round, counts only
        // next to a person word (`customer Jane Okonkwo`), so "Grace Period" stays unmatched.
        let loose_name =
            !passed && matches!(det.def.check, Check::FullName) && self.names.is_loose_name(value);
        if !passed && !loose_name {
            return None;
        }
        let mut confidence = base_confidence(det.def.strength);
        if passed {
            confidence += check_bonus(&det.def.check);
        }
        if contexted {
            confidence += 0.3;
            // Only the key itself can say it is about something else (`uk_passport_number`
            // is not a US passport); words further back belong to other fields.
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let key_start = text[line_start..start]
                .rfind(|c: char| c.is_whitespace() || c == '{' || c == ',' || c == '(')
                .map_or(line_start, |i| line_start + i + 1);
            if self.hints.context_in(&text[key_start..start], det.class).1 {
                return None;
            }
        } else {
            let (pos, _) = self.context_around(text, start, end, det.class);
            // Negative words count only right before the value (`version 1.2.3.4`), not
            // anywhere in the line (`InvoiceService - customer Jane Roe`).
            let mut near = start.saturating_sub(NEGATIVE_BEFORE);
            while !text.is_char_boundary(near) {
                near += 1;
            }
            let neg = self.hints.context_in(&text[near..start], det.class).1;
            if loose_name && !pos {
                return None;
            }
            if pos {
                confidence += 0.15;
            }
            if neg {
                confidence -= 0.4;
            }
        }
        let confidence = confidence.clamp(0.0, 0.99);
        let min = det.def.min_confidence.unwrap_or(self.min_confidence);
        if confidence < min {
            return None;
        }
        Some(TextMatch {
            class: &self.classes[det.class],
            start,
            end,
            confidence,
            likelihood: Likelihood::from_confidence(confidence),
            value: Sensitive::new(value),
        })
    }

    /// Positive and negative context words of `class` near `[start, end)` on the same line.
    fn context_around(&self, text: &str, start: usize, end: usize, class: usize) -> (bool, bool) {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let mut from = start.saturating_sub(CONTEXT_BEFORE).max(line_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (end + CONTEXT_AFTER).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        if let Some(nl) = text[end..to].find('\n') {
            to = end + nl;
        }
        let window = text[from..start]
            .chars()
            .chain(std::iter::once(' '))
            .chain(text[end..to].chars());
        self.hints.context_in_chars(window, class)
    }

    /// Runs a detector's check on a candidate value.
    pub(crate) fn check(&self, check: &Check, value: &str) -> bool {
        match check {
            Check::None => true,
            Check::Validator(v) => v.check(value),
            Check::FullName => self.names.is_full_name(value),
            Check::ReversedName => self.names.is_reversed_name(value),
            Check::GivenName => self.names.is_given_loose(value),
            Check::FamilyName => self.names.is_family_loose(value),
            Check::PasswordLike => password_like(value),
            Check::HighEntropy => high_entropy(value),
            Check::Dictionary(terms) => terms.contains(&value.trim().to_lowercase()),
        }
    }

    /// The check of a whole field value: under a field name that hints the class, a loose
    /// name counts too (`Aarav Mehta`, `Colombo, Elena` in a `customer_name` column), as it
    /// does next to a person word in text.
    fn check_whole(&self, check: &Check, hinted: bool, value: &str) -> bool {
        self.check(check, value)
            || (hinted
                && match check {
                    Check::FullName => self.names.is_loose_name(value),
                    Check::ReversedName => self.names.is_loose_reversed_name(value),
                    _ => false,
                })
    }

    /// Scratch space for [`Engine::whole_value`].
    pub(crate) fn whole_scratch(&self) -> WholeValue {
        WholeValue {
            inert: false,
            passed: Vec::new(),
            rejected: Vec::new(),
            set: Vec::new(),
            proposals: Vec::new(),
            proposal_keys: [0; PROPOSALS],
            next_slot: 0,
            failed: Vec::new(),
        }
    }

    /// Classes of a whole field value, into `out`: every detector whose anchored pattern
    /// matches it (and whose name-hint rule is met) runs its check, the most specific first;
    /// classes hinted by the name also run their validators on values the patterns missed.
    ///
    /// A value has one meaning: the caller counts a class that passed below the best rank
    /// exactly as one that failed. So once a check passed, the checks of lower-ranked
    /// detectors are not run at all (a hinted SSN column never runs the phone validator).
    pub(crate) fn whole_value(
        &self,
        hints: &NameHints,
        hinted_checks: &[usize],
        value: &str,
        out: &mut WholeValue,
    ) {
        self.whole_matches(value, &mut out.set);
        self.judge_whole(hints, hinted_checks, value, out);
    }

    /// [`Self::whole_value`] of two values of one field, their patterns matched at once.
    pub(crate) fn whole_values(
        &self,
        hints: &NameHints,
        hinted_checks: &[usize],
        values: [&str; 2],
        [a, b]: [&mut WholeValue; 2],
    ) {
        if values.iter().all(|v| v.len() <= WHOLE_VALUE_MAX) {
            self.whole.matches_pair(values, [&mut a.set, &mut b.set]);
        } else {
            self.whole_matches(values[0], &mut a.set);
            self.whole_matches(values[1], &mut b.set);
        }
        self.judge_whole(hints, hinted_checks, values[0], a);
        self.judge_whole(hints, hinted_checks, values[1], b);
    }

    /// The checks of [`Self::whole_value`], the anchored patterns matched already.
    fn judge_whole(
        &self,
        hints: &NameHints,
        hinted_checks: &[usize],
        value: &str,
        out: &mut WholeValue,
    ) {
        out.passed.clear();
        out.rejected.clear();
        out.failed.clear();
        let key = set_key(&out.set);
        // Sets are a few pattern ids: compared inline, where `==` would call `memcmp`.
        let same = |p: &Proposal| {
            p.set.len() == out.set.len() && p.set.iter().zip(&out.set).all(|(a, b)| a == b)
        };
        let found = out.proposal_keys[..out.proposals.len()]
            .iter()
            .zip(&out.proposals)
            .position(|(&k, p)| k == key && same(p));
        let at = match found {
            Some(at) => at,
            None => self.propose(hints, out, key),
        };
        let proposal = &out.proposals[at];
        out.inert = proposal.inert;
        let mut best: Option<Rank> = None;
        for &(rank, det_idx) in &proposal.candidates {
            let det = &self.detectors[det_idx];
            if out.passed.iter().any(|p| p.0 == det.class) {
                continue;
            }
            let outranked = best.is_some_and(|b| rank < b);
            if !outranked && self.check_whole(&det.def.check, rank.0, value) {
                out.rejected.retain(|c| *c != det.class);
                out.passed
                    .push((det.class, rank, det.def.strength == Strength::Weak, false));
                best = best.max(Some(rank));
                continue;
            }
            if !outranked {
                out.failed.push(det_idx);
            }
            if !out.rejected.contains(&det.class) {
                out.rejected.push(det.class);
            }
        }
        for &class in hinted_checks {
            if out.passed.iter().any(|p| p.0 == class) {
                continue;
            }
            let hit = self.by_class[class].iter().find(|&&d| {
                let check = &self.detectors[d].def.check;
                matches!(check, Check::Validator(_))
                    && !out.failed.contains(&d)
                    && self.check(check, value)
            });
            if let Some(&d) = hit {
                out.rejected.retain(|c| *c != class);
                let def = &self.detectors[d].def;
                out.passed.push((
                    class,
                    (true, def.check.specificity(), def.strength),
                    false,
                    true,
                ));
            }
        }
        let passed = &out.passed;
        out.rejected.retain(|c| !passed.iter().any(|p| p.0 == *c));
    }

    /// The detectors `out.set` proposes, ranked, and whether it holds an inert shape, kept
    /// in a slot of `out.proposals`, whose index this returns.
    fn propose(&self, hints: &NameHints, out: &mut WholeValue, key: u64) -> usize {
        let at = if out.proposals.len() < PROPOSALS {
            out.proposals.push(Proposal {
                set: Vec::new(),
                candidates: Vec::new(),
                inert: false,
            });
            out.proposals.len() - 1
        } else {
            let at = out.next_slot;
            out.next_slot = (at + 1) % PROPOSALS;
            at
        };
        out.proposal_keys[at] = key;
        let proposal = &mut out.proposals[at];
        proposal.inert = false;
        proposal.candidates.clear();
        for &idx in &out.set {
            let Some(&det_idx) = self.whole_detector.get(idx) else {
                proposal.inert = true;
                continue;
            };
            let det = &self.detectors[det_idx];
            let hinted = hints.positive_for(det.class).is_some();
            if (det.def.field_needs_hint && !hinted)
                || proposal.candidates.iter().any(|&(_, d)| d == det_idx)
            {
                continue;
            }
            let rank = (hinted, det.def.check.specificity(), det.def.strength);
            proposal.candidates.push((rank, det_idx));
        }
        // Stable: equal ranks keep the detectors' order.
        proposal.candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
        proposal.set.clone_from(&out.set);
        at
    }

    /// Classes with a positive hint in `hints` whose detectors have a validator: these run on
    /// field values that no pattern proposed (a `phone` column of bare digits).
    pub(crate) fn hinted_checks(&self, hints: &NameHints) -> Vec<usize> {
        hints
            .positive
            .iter()
            .map(|(c, _)| *c)
            .filter(|&c| {
                self.by_class[c]
                    .iter()
                    .any(|&d| matches!(self.detectors[d].def.check, Check::Validator(_)))
            })
            .collect()
    }

    /// The best class of one value known to sit under a column `name` (an SQL `INSERT`),
    /// scored as text with the name as its context.
    fn classify_named_value<'e, 't>(
        &'e self,
        name: &str,
        text: &'t str,
        start: usize,
        end: usize,
    ) -> Option<TextMatch<'e, 't>> {
        let value = &text[start..end];
        if value.trim().is_empty() || value.eq_ignore_ascii_case("null") {
            return None;
        }
        let hints = self.hints.name_hints(name);
        let checks = self.hinted_checks(&hints);
        let mut whole = self.whole_scratch();
        self.whole_value(&hints, &checks, value, &mut whole);
        let (class, rank, _, _) = whole
            .passed
            .iter()
            .copied()
            .filter(|p| hints.negative_for(p.0).is_none())
            .max_by_key(|p| p.1)?;
        let (hinted, spec, strength) = rank;
        // The column says what it holds: a value its own class rejects is not another class.
        if !hinted
            && whole
                .rejected
                .iter()
                .any(|c| hints.positive_for(*c).is_some())
        {
            return None;
        }
        // Without a hint, only what would count in free text counts here.
        let det = self.by_class[class]
            .iter()
            .map(|&d| &self.detectors[d])
            .next()?;
        if !hinted && (det.def.text != TextRule::Free || strength == Strength::Weak) {
            return None;
        }
        let bonus = match spec {
            6.. => 0.3,
            5 => 0.2,
            3 => 0.15,
            _ => 0.0,
        };
        let confidence =
            (base_confidence(strength) + bonus + if hinted { 0.3 } else { 0.0 }).clamp(0.0, 0.99);
        if confidence < self.min_confidence {
            return None;
        }
        Some(TextMatch {
            class: &self.classes[class],
            start,
            end,
            confidence,
            likelihood: Likelihood::from_confidence(confidence),
            value: Sensitive::new(value),
        })
    }

    /// The anchored patterns that match the whole value, into `set`; none for a value
    /// longer than [`WHOLE_VALUE_MAX`].
    fn whole_matches(&self, value: &str, set: &mut Vec<usize>) {
        set.clear();
        if value.len() <= WHOLE_VALUE_MAX {
            self.whole.matches(value, set);
        }
    }
}

/// A hash of a set of pattern ids, to tell sets apart before comparing them.
fn set_key(set: &[usize]) -> u64 {
    set.iter().fold(set.len() as u64, |h, &p| {
        (h.rotate_left(5) ^ p as u64).wrapping_mul(0x517c_c1b7_2722_0a95)
    })
}

/// A class's context phrases, ASCII only: normalized words separated by single spaces,
/// longest first, each once.
fn context_phrases(hints: Option<&ClassHints>) -> Vec<String> {
    let mut phrases: Vec<String> = hints
        .into_iter()
        .flat_map(|h| h.hints.iter())
        .map(|h| crate::hints::normalize_phrase(h))
        .filter(|h| !h.is_empty() && h.is_ascii())
        .collect();
    phrases.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    phrases.dedup();
    phrases
}

/// The regex alternation of context phrases, words joined by an optional separator.
fn context_alternation(phrases: &[String]) -> Option<String> {
    if phrases.is_empty() {
        return None;
    }
    let alts: Vec<String> = phrases
        .iter()
        .map(|w| {
            w.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join("[ _.'-]?")
        })
        .collect();
    Some(alts.join("|"))
}

fn base_confidence(strength: Strength) -> f32 {
    match strength {
        Strength::Strong => 0.85,
        Strength::Medium => 0.6,
        Strength::Weak => 0.4,
    }
}

fn check_bonus(check: &Check) -> f32 {
    match check.specificity() {
        6.. => 0.3,
        5 => 0.2,
        3 => 0.15,
        _ => 0.0,
    }
}

/// Whether a numeric candidate is glued to more digits by `.`, `,`, `-` or `/`, as in version
/// strings (`1.2.3.4.5`) and longer ids, or is a piece of a UUID (`…-0928-4238-…`), so it is
/// part of something else.
fn glued(bytes: &[u8], start: usize, end: usize) -> bool {
    glued_digits(bytes, start, end) || inside_uuid(bytes, start, end)
}

/// Whether `[start, end)` lies strictly inside a UUID (`8-4-4-4-12` hex digits).
fn inside_uuid(bytes: &[u8], start: usize, end: usize) -> bool {
    let part = |b: u8| b.is_ascii_hexdigit() || b == b'-';
    let from = bytes[..start]
        .iter()
        .rposition(|&b| !part(b))
        .map_or(0, |i| i + 1);
    let to = bytes[end..]
        .iter()
        .position(|&b| !part(b))
        .map_or(bytes.len(), |i| end + i);
    (from < start || to > end) && is_uuid(&bytes[from..to])
}

/// Whether `token` is a UUID (`8-4-4-4-12` hex digits).
pub(crate) fn is_uuid(token: &[u8]) -> bool {
    let Ok(token) = <&[u8; 36]>::try_from(token) else {
        return false;
    };
    // No early exit: hex digits are random, so a branch on each byte is a coin toss the
    // CPU keeps losing (a column of UUIDs cost ~130 ns a value with one).
    let mut ok = true;
    for (i, &b) in token.iter().enumerate() {
        ok &= if matches!(i, 8 | 13 | 18 | 23) {
            b == b'-'
        } else {
            HEX_DIGIT[usize::from(b)]
        };
    }
    ok
}

/// Whether a byte is an ASCII hex digit, as a table.
static HEX_DIGIT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_hexdigit();
        b += 1;
    }
    t
};

fn glued_digits(bytes: &[u8], start: usize, end: usize) -> bool {
    let first = bytes.get(start).copied().unwrap_or(b' ');
    let last = bytes.get(end.wrapping_sub(1)).copied().unwrap_or(b' ');
    let sep = |b: u8| matches!(b, b'.' | b',' | b'-' | b'/');
    let before = start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .copied()
        .unwrap_or(b' ');
    let before2 = start
        .checked_sub(2)
        .and_then(|i| bytes.get(i))
        .copied()
        .unwrap_or(b' ');
    let after = bytes.get(end).copied().unwrap_or(b' ');
    let after2 = bytes.get(end + 1).copied().unwrap_or(b' ');
    (first.is_ascii_digit() && sep(before) && before2.is_ascii_digit())
        || (first.is_ascii_digit()
            && (before == b'v' || before == b'V')
            && !before2.is_ascii_alphanumeric())
        || (last.is_ascii_digit() && sep(after) && after2.is_ascii_digit())
}

/// Whether `start` falls inside a word (`Donald` in `McDonald`), for any script.
fn mid_word(text: &str, start: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    matches!((before, first), (Some(b), Some(f)) if b.is_alphanumeric() && f.is_alphanumeric())
}

/// The start of the token after the one at `from`, so a failed candidate is retried from the
/// next word (`Dear Jane Doe` → `Jane Doe`).
fn next_token_start(bytes: &[u8], from: usize) -> usize {
    let mut i = from + 1;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() && bytes[i] != b'+' {
        i += 1;
    }
    i.max(from + 1)
}

/// A value that could be a password: 4–128 visible characters without spaces, not a
/// placeholder or an ordinary word.
fn password_like(v: &str) -> bool {
    let v = v.trim();
    let n = v.chars().count();
    if !(4..=128).contains(&n) || has_white_space(v) {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    const PLACEHOLDERS: [&str; 14] = [
        "null",
        "none",
        "true",
        "false",
        "****",
        "xxxx",
        "redacted",
        "changeme",
        "password",
        "secret",
        "required",
        "optional",
        "undefined",
        "empty",
    ];
    if PLACEHOLDERS.contains(&lower.as_str())
        || v.chars().all(|c| c == '*' || c == 'x' || c == 'X')
        || (v.starts_with("${") || v.starts_with('<') || v.starts_with("{{"))
        || v == "%s"
        || v.starts_with("%(")
    {
        return false;
    }
    // An ordinary lower-case word ("reset", "expired") is not a password.
    !(v.chars().all(|c| c.is_ascii_lowercase()) && n < 10)
}

/// Random-looking: at least three of lower, upper, digit, symbol and no long repeated runs.
fn high_entropy(v: &str) -> bool {
    let kinds = [
        v.chars().any(|c| c.is_ascii_lowercase()),
        v.chars().any(|c| c.is_ascii_uppercase()),
        v.chars().any(|c| c.is_ascii_digit()),
        v.chars().any(|c| matches!(c, '/' | '+' | '=' | '_' | '-')),
    ];
    let distinct: HashSet<char> = v.chars().collect();
    kinds.iter().filter(|k| **k).count() >= 3 && distinct.len() * 3 >= v.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_reused_across_many_shapes_judges_as_a_fresh_one() {
        // Values of every benchmark column interleaved, so one scratch meets far more sets
        // of patterns than it keeps proposals for, and sets come back after being evicted.
        let engine = Engine::builtin();
        let columns = piicat_testkit::bench_table(40);
        for name in ["customer_ssn", "c7"] {
            let hints = engine.name_hints(name);
            let checks = engine.hinted_checks(&hints);
            let mut reused = engine.whole_scratch();
            for i in 0..40 {
                for (_, values) in &columns {
                    let v = &values[i];
                    engine.whole_value(&hints, &checks, v, &mut reused);
                    let mut fresh = engine.whole_scratch();
                    engine.whole_value(&hints, &checks, v, &mut fresh);
                    assert_eq!(reused.passed, fresh.passed, "{name}: {i}");
                    assert_eq!(reused.rejected, fresh.rejected, "{name}: {i}");
                    assert_eq!(reused.inert, fresh.inert, "{name}: {i}");
                }
            }
            assert!(
                reused.proposals.len() == PROPOSALS,
                "{name}: every slot used"
            );
        }
    }

    #[test]
    fn uuids_are_told_from_their_near_misses() {
        assert!(is_uuid(b"c17adae7-4027-4add-9e62-c451ec9c8e78"));
        assert!(is_uuid(b"C17ADAE7-4027-4ADD-9E62-C451EC9C8E78"));
        for near in [
            "c17adae7-4027-4add-9e62-c451ec9c8e7",
            "c17adae7-4027-4add-9e62-c451ec9c8e78a",
            "c17adae7_4027-4add-9e62-c451ec9c8e78",
            "c17adae74-027-4add-9e62-c451ec9c8e78",
            "g17adae7-4027-4add-9e62-c451ec9c8e78",
            "c17adae7-4027-4add-9e62-c451ec9c8e7\u{e9}",
            "c17adae7-4027-4add-9e62-c451ec9c8e-8",
        ] {
            assert!(!is_uuid(near.as_bytes()), "{near}");
        }
    }

    #[test]
    fn context_values_found_by_key_then_value_are_the_captured_ones() {
        let engine = Engine::builtin();
        // Dense text: every line is PII or a decoy, with context keys of every class.
        let text = piicat_testkit::log_text(17, 1 << 20);
        let mut cursor = engine.text_re.cursor(&text);
        let (mut from, mut checked) = (0, 0);
        while let Some(m) = cursor.find(from) {
            from = m.end() + usize::from(m.is_empty());
            let Some(cv) = &engine.text_patterns[m.pattern().as_usize()].context_value else {
                continue;
            };
            assert_eq!(cv.span(&text, m.start()), cv.captured(&text, m.start()));
            // As `contexted_alternative` asks: the rest of the line as a text of its own.
            let line_end = text[m.start()..]
                .find('\n')
                .map_or(text.len(), |i| m.start() + i);
            let line = &text[m.start()..line_end];
            assert_eq!(cv.span(line, 0), cv.captured(line, 0));
            checked += 1;
        }
        assert!(checked > 1000, "only {checked} context matches");
    }

    #[test]
    fn glue_rejects_version_fragments_only() {
        let t = b"ver 1.2.3.4.5 and 10.0.0.1:8080";
        assert!(glued(t, 4, 11)); // 1.2.3.4 followed by .5
        assert!(!glued(t, 18, 26)); // 10.0.0.1 followed by :8080
        assert!(glued(b"v1.2.3.4", 1, 8));
    }

    #[test]
    fn pieces_of_a_uuid_are_glued() {
        let t = b"id f760593d-0928-4238-ad9b-3b16bdaca903 ok";
        assert!(glued(t, 12, 21), "0928-4238");
        assert!(!glued(t, 3, 39), "the whole UUID is its own token");
        let t = b"call 0928-4238 now";
        assert!(!glued(t, 5, 14));
    }

    #[test]
    fn password_shapes() {
        assert!(password_like("Tr0ub4dor&3"));
        assert!(password_like("hunter2!"));
        assert!(!password_like("${DB_PASSWORD}"));
        assert!(!password_like("reset"));
        assert!(!password_like("****"));
        assert!(!password_like("two words"));
    }
}
