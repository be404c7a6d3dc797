//! Field-name hints and context words. A column name or JSON path is split into tokens
//! (`customer.emailAddress` → `customer email address`, `fechaNacimiento` → `fecha nacimiento`)
//! and matched against multilingual hint phrases as whole tokens, so `lic` never matches
//! inside `public`. The same vocabulary, matched as whole words near a candidate, is the
//! context that raises (or, for negative words, lowers) confidence in free text.

use crate::error::Error;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The built-in vocabulary, shipped with the crate.
pub(crate) const BUILTIN_HINTS: &str = include_str!("../data/hints.toml");

/// Hint phrases of one class, as written in `hints.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClassHints {
    #[serde(default)]
    pub hints: Vec<String>,
    #[serde(default)]
    pub negative: Vec<String>,
}

/// Parses the built-in hints file.
pub(crate) fn builtin_hints() -> Result<BTreeMap<String, ClassHints>, Error> {
    toml::from_str(BUILTIN_HINTS).map_err(|e| Error::Builtin {
        what: "data/hints.toml".into(),
        reason: e.to_string(),
    })
}

/// Splits a field name or path into lower-case, accent-free tokens.
pub fn tokenize_name(name: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in name.chars() {
        let c = fold_accent(c);
        let boundary = prev.is_some_and(|p| token_boundary(p, c));
        if boundary && !cur.is_empty() {
            tokens.push(std::mem::take(&mut cur));
        }
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    // "HTTPServer" style runs: keep as one token; good enough for column names.
    tokens
}

/// Whether a byte is ASCII white space as `char::is_whitespace` (and so `split_whitespace`)
/// sees it: tab to carriage return, the vertical tab included, and space.
pub(crate) fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether a byte can start the UTF-8 of white space outside ASCII: U+0085 and U+00A0
/// start with `C2`, U+1680 with `E1`, U+2000-U+205F with `E2`, U+3000 with `E3`. No
/// accented Latin letter starts with one of them, so text holding none of them is split on
/// its ASCII white space alone.
pub(crate) fn may_start_white_space(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Whether `text` holds white space (`char::is_whitespace`). The bytes are read in one pass
/// with no branch per byte, and only a text that may hold white space outside ASCII is
/// decoded: asked of every value no pattern took, `str::contains` decoded each character,
/// ~6 ns of a `status` column's 41 a value.
pub(crate) fn has_white_space(text: &str) -> bool {
    let (ascii, maybe) = text.bytes().fold((false, false), |(ascii, maybe), b| {
        (
            ascii | is_ascii_white_space(b),
            maybe | may_start_white_space(b),
        )
    });
    ascii || (maybe && text.contains(char::is_whitespace))
}

/// The Latin-1 and Latin Extended-A/B letters, where names spend their accents.
const LATIN_FIRST: u32 = 0xC0;
const LATIN_LAST: u32 = 0x24F;

/// A character as the name dictionaries fold it: its base letter in lower case (`É` → `e`),
/// given to `push`. ASCII and Latin letters are one character, from a table made once (the
/// general lower-casing is a call and a table search per character); others are what
/// `to_lowercase` gives.
pub(crate) fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        return push(c.to_ascii_lowercase());
    }
    static LATIN_LOWER: LazyLock<Vec<char>> = LazyLock::new(|| {
        (LATIN_FIRST..=LATIN_LAST)
            .map(|u| {
                let mut lower = char::from_u32(u).map_or('\0', fold_accent).to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(one), None) => one,
                    // Not one character: folded the general way.
                    _ => '\0',
                }
            })
            .collect()
    });
    if (LATIN_FIRST..=LATIN_LAST).contains(&u32::from(c)) {
        let lower = LATIN_LOWER[(u32::from(c) - LATIN_FIRST) as usize];
        if lower != '\0' {
            return push(lower);
        }
    }
    fold_accent(c).to_lowercase().for_each(push);
}

/// The base letter of an accented Latin letter (`é` → `e`, `ł` → `l`), so `teléfono` ==
/// `telefono` and `imię` == `imie`. Letters without a decomposition map to themselves.
pub(crate) fn fold_accent(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // Latin-1 and Latin Extended-A/B, where names spend their accents: a table made once from
    // the rules below, so a name is not decomposed letter by letter.
    static LATIN: LazyLock<Vec<char>> = LazyLock::new(|| {
        (LATIN_FIRST..=LATIN_LAST)
            .map(|u| char::from_u32(u).map_or('\0', fold_accent_slow))
            .collect()
    });
    if (LATIN_FIRST..=LATIN_LAST).contains(&u32::from(c)) {
        return LATIN[(u32::from(c) - LATIN_FIRST) as usize];
    }
    fold_accent_slow(c)
}

fn fold_accent_slow(c: char) -> char {
    match c {
        'ł' => return 'l',
        'Ł' => return 'L',
        'ø' => return 'o',
        'Ø' => return 'O',
        'ß' => return 's',
        'đ' => return 'd',
        'Đ' => return 'D',
        'ı' => return 'i',
        'æ' => return 'a',
        'Æ' => return 'A',
        _ => {}
    }
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    base.unwrap_or(c)
}

/// Lower-cases and folds accents of a whole word.
pub(crate) fn fold_word(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        fold_char(c, |l| out.push(l));
    }
}

/// Normalizes a phrase to its token string: `E-Mail Adresse` → `e mail adresse`.
pub(crate) fn normalize_phrase(phrase: &str) -> String {
    tokenize_name(phrase).join(" ")
}

/// Which classes a field name hints at, positively or negatively.
#[derive(Clone, Debug, Default)]
pub struct NameHints {
    /// (class index, the hint phrase that matched).
    pub positive: Vec<(usize, String)>,
    /// (class index, the negative phrase that matched).
    pub negative: Vec<(usize, String)>,
}

impl NameHints {
    /// The positive hint for a class, if any.
    pub fn positive_for(&self, class: usize) -> Option<&str> {
        self.positive
            .iter()
            .find(|(c, _)| *c == class)
            .map(|(_, h)| h.as_str())
    }

    /// The negative hint for a class, if any.
    pub fn negative_for(&self, class: usize) -> Option<&str> {
        self.negative
            .iter()
            .find(|(c, _)| *c == class)
            .map(|(_, h)| h.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Polarity {
    Positive,
    Negative,
}

/// The compiled vocabulary: a lookup for field names and an Aho-Corasick automaton for
/// context words in text.
#[derive(Clone, Debug)]
pub(crate) struct HintIndex {
    /// Concatenated phrase (no spaces) → (class, polarity, phrase as written).
    by_joined: HashMap<String, Vec<(usize, Polarity, String)>>,
    /// Context automaton over normalized text; pattern i ↔ `context_meta[i]`.
    context: AhoCorasick,
    context_meta: Vec<(usize, Polarity)>,
}

/// Longest run of name tokens joined when looking up hints (`date of birth` is 3).
const MAX_PHRASE_TOKENS: usize = 4;

impl HintIndex {
    /// Builds the index from (class index, hints) pairs.
    pub(crate) fn new(classes: &[(usize, &ClassHints)]) -> Result<HintIndex, Error> {
        let mut by_joined: HashMap<String, Vec<(usize, Polarity, String)>> = HashMap::new();
        let mut patterns = Vec::new();
        let mut context_meta = Vec::new();
        for (class, hints) in classes {
            for (list, pol) in [
                (&hints.hints, Polarity::Positive),
                (&hints.negative, Polarity::Negative),
            ] {
                for phrase in list {
                    let norm = normalize_phrase(phrase);
                    if norm.is_empty() {
                        continue;
                    }
                    let joined: String = norm.split(' ').collect();
                    by_joined
                        .entry(joined)
                        .or_default()
                        .push((*class, pol, norm.clone()));
                    patterns.push(norm);
                    context_meta.push((*class, pol));
                }
            }
        }
        let context = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| Error::Builtin {
                what: "context words".into(),
                reason: e.to_string(),
            })?;
        Ok(HintIndex {
            by_joined,
            context,
            context_meta,
        })
    }

    /// The hints a field name carries.
    pub(crate) fn name_hints(&self, name: &str) -> NameHints {
        let tokens = tokenize_name(name);
        let mut out = NameHints::default();
        for start in 0..tokens.len() {
            let mut joined = String::new();
            for tok in tokens.iter().skip(start).take(MAX_PHRASE_TOKENS) {
                joined.push_str(tok);
                if let Some(hits) = self.by_joined.get(&joined) {
                    for (class, pol, phrase) in hits {
                        let list = match pol {
                            Polarity::Positive => &mut out.positive,
                            Polarity::Negative => &mut out.negative,
                        };
                        if !list.iter().any(|(c, _)| c == class) {
                            list.push((*class, phrase.clone()));
                        }
                    }
                }
            }
        }
        out
    }

    /// Context words of `class` found as whole words in `window` (free text near a candidate):
    /// `(positive, negative)`.
    pub(crate) fn context_in(&self, window: &str, class: usize) -> (bool, bool) {
        self.context_in_chars(window.chars(), class)
    }

    /// [`Self::context_in`] over a window given as characters (two pieces of a line joined
    /// by a space, without building the string first).
    pub(crate) fn context_in_chars(
        &self,
        window: impl Iterator<Item = char>,
        class: usize,
    ) -> (bool, bool) {
        WINDOW.with(|buffer| match buffer.try_borrow_mut() {
            Ok(mut norm) => self.context_in_normalized(window, class, &mut norm),
            Err(_) => self.context_in_normalized(window, class, &mut String::new()),
        })
    }

    fn context_in_normalized(
        &self,
        window: impl Iterator<Item = char>,
        class: usize,
        norm: &mut String,
    ) -> (bool, bool) {
        normalize_chars(window, norm);
        let bytes = norm.as_bytes();
        let (mut pos, mut neg) = (false, false);
        for m in self.context.find_overlapping_iter(norm.as_str()) {
            let (c, pol) = self.context_meta[m.pattern().as_usize()];
            if c != class {
                continue;
            }
            let before_ok = m.start() == 0 || bytes[m.start() - 1] == b' ';
            let after_ok = m.end() == bytes.len() || bytes[m.end()] == b' ';
            if before_ok && after_ok {
                match pol {
                    Polarity::Positive => pos = true,
                    Polarity::Negative => neg = true,
                }
            }
        }
        (pos, neg)
    }
}

thread_local! {
    /// The normalized window of [`HintIndex::context_in_chars`], reused call after call (it
    /// runs for every confirmed candidate in text).
    static WINDOW: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Lower-cases, folds accents, splits camelCase and turns every non-alphanumeric into one
/// space, so context phrases match as whole tokens: [`tokenize_name`]'s tokens joined by
/// spaces, written straight into `out`.
fn normalize_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    out.clear();
    let mut prev: Option<char> = None;
    // Whether the token being written has a character yet.
    let mut in_token = false;
    for c in chars {
        let c = fold_accent(c);
        if let Some(p) = prev
            && in_token
            && token_boundary(p, c)
        {
            in_token = false;
        }
        if c.is_alphanumeric() {
            if !in_token && !out.is_empty() {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            in_token = true;
        }
        prev = Some(c);
    }
}

/// Whether a new token starts at `c` after `prev` (camelCase, letters to digits, separators).
fn token_boundary(prev: char, c: char) -> bool {
    !c.is_alphanumeric()
        || (prev.is_lowercase() && c.is_uppercase())
        || (prev.is_alphabetic() && c.is_ascii_digit())
        || (prev.is_ascii_digit() && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_found_as_str_contains_finds_it() {
        // Every character below U+3100 (the white space of Unicode included: NBSP, U+1680,
        // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+0085) alone, at either
        // end of a word and inside one, and the ASCII controls that are not white space.
        for c in (0..0x3100).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("ab{c}"),
                format!("{c}cd"),
                format!("Zoë{c}Ávila"),
            ] {
                assert_eq!(
                    has_white_space(&text),
                    text.contains(char::is_whitespace),
                    "{:?}",
                    text
                );
            }
        }
        assert!(!has_white_space(""));
        assert!(!has_white_space("pending"));
        assert!(!has_white_space("a\u{1c}b\u{1f}c"));
    }

    #[test]
    fn the_latin_table_folds_as_the_rules_do() {
        for u in 0x80..0x300 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(fold_accent(c), fold_accent_slow(c), "{c:?}");
            }
        }
        for u in 0..0x3000 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut folded = String::new();
            fold_char(c, |l| folded.push(l));
            assert_eq!(
                folded,
                fold_accent(c).to_lowercase().collect::<String>(),
                "{c:?}"
            );
        }
        assert_eq!(fold_accent('é'), 'e');
        assert_eq!(fold_accent('Ł'), 'L');
    }

    #[test]
    fn normalized_windows_are_the_joined_tokens() {
        const ALPHABET: [char; 16] = [
            'a', 'Z', 'é', 'Ł', '7', '0', ' ', '_', '-', '.', ':', 'q', 'B', 'ß', '\n', 'İ',
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut out = String::new();
        for _ in 0..5_000 {
            let len = (seed % 24) as usize;
            let s: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ALPHABET[(seed % 16) as usize]
                })
                .collect();
            normalize_chars(s.chars(), &mut out);
            assert_eq!(out, tokenize_name(&s).join(" "), "{s:?}");
        }
    }

    #[test]
    fn tokenizes_every_naming_style() {
        assert_eq!(tokenize_name("customer_email"), ["customer", "email"]);
        assert_eq!(tokenize_name("customerEmail"), ["customer", "email"]);
        assert_eq!(
            tokenize_name("customer.emailAddress"),
            ["customer", "email", "address"]
        );
        assert_eq!(tokenize_name("E-Mail"), ["e", "mail"]);
        assert_eq!(tokenize_name("fechaNacimiento"), ["fecha", "nacimiento"]);
        assert_eq!(tokenize_name("Teléfono"), ["telefono"]);
        assert_eq!(tokenize_name("imię"), ["imie"]);
        assert_eq!(tokenize_name("addr_line2"), ["addr", "line", "2"]);
        assert_eq!(tokenize_name("items[].sku"), ["items", "sku"]);
    }

    fn index() -> HintIndex {
        let email = ClassHints {
            hints: vec!["email".into(), "e mail".into(), "correo".into()],
            negative: vec!["verified".into()],
        };
        let lic = ClassHints {
            hints: vec!["lic".into(), "driver license".into()],
            negative: vec![],
        };
        HintIndex::new(&[(0, &email), (1, &lic)]).unwrap()
    }

    #[test]
    fn hints_match_whole_tokens_in_names() {
        let idx = index();
        assert_eq!(
            idx.name_hints("customerEmail").positive_for(0),
            Some("email")
        );
        assert!(idx.name_hints("E-Mail").positive_for(0).is_some());
        assert_eq!(
            idx.name_hints("correo_cliente").positive_for(0),
            Some("correo")
        );
        let verified = idx.name_hints("email_verified");
        assert!(verified.positive_for(0).is_some() && verified.negative_for(0).is_some());
        assert!(idx.name_hints("public_key").positive_for(1).is_none());
        assert!(idx.name_hints("driverLicense").positive_for(1).is_some());
    }

    #[test]
    fn context_words_are_whole_words() {
        let idx = index();
        assert_eq!(idx.context_in("the public record", 1), (false, false));
        assert_eq!(
            idx.context_in_chars("x lic".chars().chain(" ".chars()).chain(": 1".chars()), 1),
            (true, false)
        );
        assert_eq!(idx.context_in("lic: ", 1), (true, false));
        assert_eq!(idx.context_in("Driver-License no. ", 1), (true, false));
        assert_eq!(idx.context_in("email not verified", 0), (true, true));
    }
}
