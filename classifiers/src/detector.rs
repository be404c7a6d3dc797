//! What a detector is: the patterns that propose candidates, the check that confirms them,
//! and the rules for when a candidate counts (context needed in text, name hint needed in a
//! field). Built-in and custom detectors share this one shape.

use crate::validators::Validator;
use std::collections::HashSet;
use std::sync::Arc;

/// How much a pattern match alone says, before checks and context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Bare digit runs and other shapes that many non-PII values share.
    Weak,
    /// A distinctive format (`123-45-6789`, `AB 12 34 56 C`).
    Medium,
    /// A format nothing else has (`AKIA…`, `-----BEGIN PRIVATE KEY-----`, an e-mail address).
    Strong,
}

/// When a candidate found in free text is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRule {
    /// On its own (context still raises or lowers confidence).
    Free,
    /// Only right after one of the class's context words (`SSN: 123456789`).
    NeedsContext,
    /// Never in free text; only as a whole field value (single first names).
    FieldOnly,
}

/// What confirms a candidate.
#[derive(Clone, Debug)]
pub enum Check {
    /// The pattern is enough.
    None,
    /// A built-in checksum or structure validator.
    Validator(Validator),
    /// A full name: given name + family name from the dictionaries.
    FullName,
    /// A full name written family name first: `Gallo, Chiara`.
    ReversedName,
    /// A single given name.
    GivenName,
    /// A single family name.
    FamilyName,
    /// A plausible password: 4–128 characters, no spaces, not a placeholder.
    PasswordLike,
    /// A random-looking secret: mixed character classes, no long runs.
    HighEntropy,
    /// One of a set of terms (case-insensitive), from a custom detector.
    Dictionary(Arc<HashSet<String>>),
}

impl Check {
    /// How much a pass says: checksums beat structure, structure beats dictionaries.
    /// When one value passes the checks of two classes, the more specific one takes it.
    pub(crate) fn specificity(&self) -> u8 {
        match self {
            Check::Validator(v) if is_checksum(*v) => 6,
            Check::Validator(_) => 5,
            Check::FullName
            | Check::ReversedName
            | Check::GivenName
            | Check::FamilyName
            | Check::Dictionary(_) => 3,
            Check::HighEntropy => 2,
            Check::None => 1,
            Check::PasswordLike => 0,
        }
    }

    /// Whether the check is a name-dictionary lookup (candidates are retried word by word).
    pub(crate) fn is_name(&self) -> bool {
        matches!(
            self,
            Check::FullName | Check::ReversedName | Check::GivenName | Check::FamilyName
        )
    }

    /// The name shown by `piicat detectors`.
    pub fn describe(&self) -> String {
        match self {
            Check::None => "-".into(),
            Check::Validator(v) => v.as_str().into(),
            Check::FullName | Check::ReversedName => "name dictionaries (given + family)".into(),
            Check::GivenName => "given-name dictionary".into(),
            Check::FamilyName => "family-name dictionary".into(),
            Check::PasswordLike => "password shape".into(),
            Check::HighEntropy => "entropy".into(),
            Check::Dictionary(d) => format!("dictionary ({} terms)", d.len()),
        }
    }
}

/// Validators that verify a check digit or checksum, which random digits rarely pass.
fn is_checksum(v: Validator) -> bool {
    use Validator::*;
    matches!(
        v,
        Luhn | CreditCard
            | Imei
            | Iban
            | AbaRouting
            | CryptoWallet
            | UsNpi
            | UsDea
            | UkNhs
            | CaSin
            | DeTaxId
            | FrNir
            | EsDni
            | EsNie
            | ItFiscalCode
            | NlBsn
            | BeNationalNumber
            | PlPesel
            | SePersonnummer
            | FiHetu
            | InAadhaar
            | BrCpf
            | AuTfn
            | AuMedicare
            | SgNric
    )
}

/// One detector of one class. A class may have several (formatted and bare SSNs, say).
#[derive(Clone, Debug)]
pub struct DetectorDef {
    /// Regex patterns (Rust `regex` syntax, no anchors) proposing candidates. `\b`, `\d` and
    /// `\s` mean their ASCII forms. Empty for dictionary-only detectors.
    pub patterns: Vec<String>,
    /// What confirms a candidate.
    pub check: Check,
    /// How much a match says alone.
    pub strength: Strength,
    /// When text candidates count.
    pub text: TextRule,
    /// Whether a field needs a name hint before its values count.
    pub field_needs_hint: bool,
    /// The separator allowed between a context word and the value, for `NeedsContext`.
    /// `None` means the default: a few punctuation characters and filler words.
    pub context_gap: Option<String>,
    /// Lowest confidence at which this detector reports.
    pub min_confidence: Option<f32>,
}

impl DetectorDef {
    pub(crate) fn new(patterns: &[&str], check: Check, strength: Strength) -> DetectorDef {
        DetectorDef {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            check,
            strength,
            text: TextRule::Free,
            field_needs_hint: false,
            context_gap: None,
            min_confidence: None,
        }
    }

    /// Only counts after a context word in text and under a hinted name in fields.
    pub(crate) fn hinted(mut self) -> DetectorDef {
        self.text = TextRule::NeedsContext;
        self.field_needs_hint = true;
        self
    }

    /// Matches whole field values only; text finds the same values another way.
    pub(crate) fn field_only(mut self) -> DetectorDef {
        self.text = TextRule::FieldOnly;
        self
    }

    /// Needs a context word in text; fields may still be found from values alone.
    pub(crate) fn text_context(mut self) -> DetectorDef {
        self.text = TextRule::NeedsContext;
        self
    }

    pub(crate) fn gap(mut self, gap: &str) -> DetectorDef {
        self.context_gap = Some(gap.to_string());
        self
    }
}

/// Rewrites the readable shorthand of built-in patterns into the forms that keep the
/// automaton a fast DFA: ASCII word boundaries and digit classes, spaces without newlines.
pub(crate) fn expand_shorthand(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some('d') => out.push_str("[0-9]"),
                Some('s') => out.push_str("[ \\t]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthand_becomes_ascii_forms() {
        assert_eq!(
            expand_shorthand(r"\b\d{3}\s\.\\b"),
            r"(?-u:\b)[0-9]{3}[ \t]\.\\b"
        );
    }
}
