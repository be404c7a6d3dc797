//! Custom detectors from configuration (`[[detectors]]` in piicat.toml): a team's own
//! identifiers (employee numbers, internal account ids) detected with the same engine.
//! This module only checks and converts definitions; reading dictionary files is the
//! caller's job, so the engine stays free of I/O.

use crate::class::{Category, Compliance, DataClass, Sensitivity};
use crate::detector::{Check, DetectorDef, Strength, TextRule};
use crate::error::Error;
use crate::validators::Validator;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// One custom detector as written in TOML.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomDetector {
    /// Upper-case id, the class id (`EMPLOYEE_ID`). Must not reuse a built-in id.
    pub id: String,
    /// Human name; defaults to the id.
    #[serde(default)]
    pub name: Option<String>,
    /// Category of the class.
    pub category: Option<Category>,
    /// Sensitivity of the class.
    pub sensitivity: Option<Sensitivity>,
    /// Compliance tags.
    #[serde(default)]
    pub compliance: Vec<Compliance>,
    /// Description for people.
    #[serde(default)]
    pub description: String,
    /// Regexes (Rust `regex` syntax) that match a value.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Literal terms (matched case-insensitively as whole words).
    #[serde(default)]
    pub dictionary: Vec<String>,
    /// A file with one term per line, read by the caller into `dictionary` before building.
    #[serde(default)]
    pub dictionary_file: Option<PathBuf>,
    /// A built-in validator every candidate must pass (`luhn`, `iban`...).
    #[serde(default)]
    pub validator: Option<Validator>,
    /// Field-name hints (`employee id`, `personalnummer`).
    #[serde(default)]
    pub hints: Vec<String>,
    /// Context words that raise confidence in text.
    #[serde(default)]
    pub context: Vec<String>,
    /// Report in text only right after a context word, and in fields only under a hinted name.
    #[serde(default)]
    pub require_context: bool,
    /// Lowest confidence reported (0..=1).
    #[serde(default)]
    pub min_confidence: Option<f32>,
}

impl CustomDetector {
    /// Checks the definition and turns it into a class and its detector.
    pub(crate) fn compile(
        &self,
        taken: &HashSet<String>,
    ) -> Result<(DataClass, DetectorDef, Vec<String>), Error> {
        let bad = |reason: String| Error::InvalidDetector {
            detector: if self.id.is_empty() {
                "<no id>".into()
            } else {
                self.id.clone()
            },
            reason,
        };
        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(bad(
                "id must be non-empty and use only A-Z, 0-9 and _ (like EMPLOYEE_ID)".into(),
            ));
        }
        if taken.contains(&self.id) {
            return Err(bad("id is already used by another detector".into()));
        }
        let category = self
            .category
            .ok_or_else(|| bad("`category` is required".into()))?;
        let sensitivity = self
            .sensitivity
            .ok_or_else(|| bad("`sensitivity` is required".into()))?;
        if self.dictionary_file.is_some() && self.dictionary.is_empty() {
            return Err(bad("`dictionary_file` was not loaded or is empty".into()));
        }
        if self.patterns.is_empty() && self.dictionary.is_empty() {
            return Err(bad(
                "needs at least one of `patterns`, `dictionary` or `dictionary_file`".into(),
            ));
        }
        if let Some(c) = self.min_confidence
            && !(0.0..=1.0).contains(&c)
        {
            return Err(bad(format!("min_confidence {c} is not between 0 and 1")));
        }
        let mut patterns = Vec::new();
        for p in &self.patterns {
            if p.is_empty() {
                return Err(bad("a pattern is empty".into()));
            }
            regex::Regex::new(p)
                .map_err(|e| bad(format!("pattern `{p}` does not compile: {e}")))?;
            if regex::Regex::new(p).is_ok_and(|r| r.is_match("")) {
                return Err(bad(format!("pattern `{p}` matches the empty string")));
            }
            patterns.push(format!("(?:{p})"));
        }
        let mut check = self.validator.map(Check::Validator).unwrap_or(Check::None);
        if !self.dictionary.is_empty() {
            let terms: Vec<String> = self
                .dictionary
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(regex::escape)
                .collect();
            if terms.is_empty() {
                return Err(bad("the dictionary has no terms".into()));
            }
            patterns.push(format!(r"(?i)\b(?:{})\b", terms.join("|")));
            if self.patterns.is_empty() && self.validator.is_none() {
                let set: HashSet<String> = self
                    .dictionary
                    .iter()
                    .map(|t| t.trim().to_lowercase())
                    .collect();
                check = Check::Dictionary(Arc::new(set));
            }
        }
        let class = DataClass {
            id: self.id.clone(),
            name: self.name.clone().unwrap_or_else(|| self.id.clone()),
            category,
            sensitivity,
            compliance: self.compliance.clone(),
            description: self.description.clone(),
        };
        let def = DetectorDef {
            patterns,
            check,
            strength: Strength::Medium,
            text: if self.require_context {
                TextRule::NeedsContext
            } else {
                TextRule::Free
            },
            field_needs_hint: self.require_context,
            context_gap: None,
            min_confidence: self.min_confidence,
        };
        let mut words = self.hints.clone();
        words.extend(self.context.iter().cloned());
        if self.require_context && words.is_empty() {
            return Err(bad(
                "require_context is set but no `hints` or `context` words are given".into(),
            ));
        }
        Ok((class, def, words))
    }
}
