//! Keyed fingerprints of matched values: HMAC-SHA-256 under the catalog's key, truncated, so
//! the catalog can tell that two fields share values without ever holding a value. A field
//! keeps a bottom-k sketch (the k smallest fingerprints) so overlap can be estimated from
//! sketches alone.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeSet;
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// Values kept per (field, class) sketch.
pub const SKETCH_SIZE: usize = 64;

/// The secret key of a catalog. Its `Debug` is redacted.
#[derive(Clone)]
pub struct FingerprintKey {
    mac: HmacSha256,
}

impl FingerprintKey {
    /// A key from 32 secret bytes (the catalog creates them on first use).
    pub fn from_bytes(bytes: [u8; 32]) -> FingerprintKey {
        // HMAC accepts keys of any length, so this cannot fail.
        let mac = <HmacSha256 as Mac>::new_from_slice(&bytes)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        FingerprintKey { mac }
    }

    /// The fingerprint of one value: the first 8 bytes of HMAC-SHA-256 over the value
    /// normalized for its class (so `4111 1111 1111 1111` and `4111111111111111` agree).
    pub fn fingerprint(&self, normalized: &str) -> u64 {
        let mut mac = self.mac.clone();
        mac.update(normalized.as_bytes());
        Self::finish(mac)
    }

    /// The fingerprint of a value of class `class_id`: the same as [`Self::fingerprint`] of
    /// [`normalize_for_fingerprint`], but normalized straight into the MAC (scans fingerprint
    /// thousands of values per field).
    pub fn fingerprint_value(&self, class_id: &str, value: &str) -> u64 {
        let mut mac = self.mac.clone();
        match normal_form(class_id) {
            // `str::to_lowercase` treats a word-final capital sigma apart; char by char is
            // the same for every other character.
            NormalForm::Words if value.is_ascii() => {
                // ASCII white space is what `split_whitespace` splits ASCII on: the bytes of
                // `is_ascii_whitespace` and the vertical tab.
                let space = |b: &u8| b.is_ascii_whitespace() || *b == 0x0b;
                let mut out = Chunked::new(&mut mac);
                let words = value.as_bytes().split(space).filter(|w| !w.is_empty());
                for (i, word) in words.enumerate() {
                    if i > 0 {
                        out.push_byte(b' ');
                    }
                    out.push_ascii_lowercase(word);
                }
                out.flush();
            }
            NormalForm::Words if !value.contains('Σ') => {
                let mut out = Chunked::new(&mut mac);
                for (i, word) in value.split_whitespace().enumerate() {
                    if i > 0 {
                        out.push_byte(b' ');
                    }
                    for c in word.chars() {
                        if c.is_ascii() {
                            out.push_byte(c.to_ascii_lowercase() as u8);
                        } else {
                            c.to_lowercase().for_each(|l| out.push(l));
                        }
                    }
                }
                out.flush();
            }
            NormalForm::Trimmed => mac.update(value.trim().as_bytes()),
            NormalForm::Identifier if value.is_ascii() => {
                let mut out = Chunked::new(&mut mac);
                out.push_identifier(value.as_bytes());
                out.flush();
            }
            NormalForm::Identifier => {
                let mut out = Chunked::new(&mut mac);
                value
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '+')
                    .flat_map(char::to_uppercase)
                    .for_each(|c| out.push(c));
                out.flush();
            }
            NormalForm::Words => mac.update(normalize_for_fingerprint(class_id, value).as_bytes()),
        }
        Self::finish(mac)
    }

    fn finish(mac: HmacSha256) -> u64 {
        let out = mac.finalize().into_bytes();
        let mut first = [0u8; 8];
        first.copy_from_slice(&out[..8]);
        u64::from_be_bytes(first)
    }
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FingerprintKey(**REDACTED**)")
    }
}

/// The normalized form of a value used for fingerprints: case-folded, separators removed for
/// identifiers, so formatting differences between systems do not hide a shared value.
pub fn normalize_for_fingerprint(class_id: &str, value: &str) -> String {
    match normal_form(class_id) {
        NormalForm::Words => value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
        NormalForm::Trimmed => value.trim().to_string(),
        NormalForm::Identifier => value
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '+')
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// How values of a class are normalized before fingerprinting.
enum NormalForm {
    /// Whitespace runs to one space, lower case (emails, names, addresses).
    Words,
    /// Only trimmed: case and punctuation are part of a secret.
    Trimmed,
    /// Letters, digits and `+`, upper case (numbers and codes written with separators).
    Identifier,
}

fn normal_form(class_id: &str) -> NormalForm {
    match class_id {
        "EMAIL" | "PERSON_NAME" | "FIRST_NAME" | "LAST_NAME" | "STREET_ADDRESS" => {
            NormalForm::Words
        }
        "URL_WITH_CREDENTIALS" | "PASSWORD" | "PRIVATE_KEY" | "JWT" | "AWS_SECRET_ACCESS_KEY" => {
            NormalForm::Trimmed
        }
        _ => NormalForm::Identifier,
    }
}

/// Characters fed to a MAC through a small buffer.
struct Chunked<'m> {
    mac: &'m mut HmacSha256,
    buf: [u8; 64],
    len: usize,
}

impl<'m> Chunked<'m> {
    fn new(mac: &'m mut HmacSha256) -> Self {
        Chunked {
            mac,
            buf: [0; 64],
            len: 0,
        }
    }

    fn push(&mut self, c: char) {
        if self.len + 4 > self.buf.len() {
            self.flush();
        }
        self.len += c.encode_utf8(&mut self.buf[self.len..]).len();
    }

    fn push_byte(&mut self, b: u8) {
        if self.len == self.buf.len() {
            self.flush();
        }
        self.buf[self.len] = b;
        self.len += 1;
    }

    /// ASCII bytes, lower-cased, copied in bulk.
    fn push_ascii_lowercase(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.len == self.buf.len() {
                self.flush();
            }
            let take = bytes.len().min(self.buf.len() - self.len);
            let to = &mut self.buf[self.len..self.len + take];
            to.copy_from_slice(&bytes[..take]);
            to.make_ascii_lowercase();
            self.len += take;
            bytes = &bytes[take..];
        }
    }

    /// The ASCII letters, digits and `+` of `bytes`, upper-cased (an identifier's normal
    /// form); every byte is written and only the kept ones advance, so there is no branch
    /// per byte.
    fn push_identifier(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.len == self.buf.len() {
                self.flush();
            }
            let keep = b.is_ascii_alphanumeric() || b == b'+';
            self.buf[self.len] = b.to_ascii_uppercase();
            self.len += usize::from(keep);
        }
    }

    fn flush(&mut self) {
        self.mac.update(&self.buf[..self.len]);
        self.len = 0;
    }
}

/// A bottom-k sketch of fingerprints: the `SKETCH_SIZE` smallest seen.
#[derive(Clone, Debug, Default)]
pub struct Sketch {
    smallest: BTreeSet<u64>,
}

impl Sketch {
    /// Adds one fingerprint.
    pub fn insert(&mut self, fp: u64) {
        if self.smallest.len() < SKETCH_SIZE {
            self.smallest.insert(fp);
        } else if let Some(&max) = self.smallest.last()
            && fp < max
            && self.smallest.insert(fp)
        {
            self.smallest.pop_last();
        }
    }

    /// Whether a fingerprint this large could still enter the sketch (lets callers skip work).
    pub fn would_accept(&self, fp: u64) -> bool {
        self.smallest.len() < SKETCH_SIZE || self.smallest.last().is_some_and(|&m| fp < m)
    }

    /// The sketch as lower-case hex strings, smallest first.
    pub fn to_hex(&self) -> Vec<String> {
        self.smallest
            .iter()
            .map(|fp| format!("{fp:016x}"))
            .collect()
    }
}

/// Estimated share of `a`'s distinct values that also occur in `b`, from two bottom-k
/// sketches in hex (as stored in [`crate::ClassScore::fingerprints`]). `None` if either is empty.
pub fn estimate_overlap(a: &[String], b: &[String]) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let parse = |v: &[String]| -> BTreeSet<u64> {
        v.iter()
            .filter_map(|h| u64::from_str_radix(h, 16).ok())
            .collect()
    };
    let (sa, sb) = (parse(a), parse(b));
    // Bottom-k of the union, then the share of those present in both (Broder's estimator).
    let k = sa.len().min(sb.len()).max(1);
    let union: Vec<u64> = sa.union(&sb).copied().take(k).collect();
    let both = union
        .iter()
        .filter(|x| sa.contains(x) && sb.contains(x))
        .count();
    let jaccard = both as f32 / union.len() as f32;
    // Containment of a in b from Jaccard and the sketches' cardinality ratio is unknown
    // without sizes; Jaccard is the honest figure to show.
    Some(jaccard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_fingerprints_equal_the_normalized_ones() {
        let key = FingerprintKey::from_bytes([3; 32]);
        let values = [
            "Jane  Doe",
            "Jane\x0bDoe\tX",
            " ΟΔΥΣΣΕΑΣ Παπαδόπουλος ",
            "J.Doe@Example.COM",
            "4111 1111-1111 1111",
            "+44 20 7946 0958",
            "straße 12",
            "ﬁnn İlkay",
            "Álvarez Ñúñez  Łukasz",
            "ΣΟΦΙΑ ΟΔΥΣΣΕΑΣ",
            "",
            "   ",
            "a very long street name that goes on and on well past sixty-four bytes 12345",
            "sk_live_AbC 123 ",
            "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789@Example.COM",
            "GB82 WEST 1234 5698 7654 32 GB82 WEST 1234 5698 7654 32 GB82-WEST-1234-5698-7654-32",
        ];
        for class in [
            "EMAIL",
            "PERSON_NAME",
            "PASSWORD",
            "JWT",
            "IBAN",
            "PHONE_NUMBER",
        ] {
            for v in values {
                assert_eq!(
                    key.fingerprint_value(class, v),
                    key.fingerprint(&normalize_for_fingerprint(class, v)),
                    "{class} {v:?}"
                );
            }
        }
    }

    #[test]
    fn fingerprint_depends_on_key_and_normalized_value() {
        let k1 = FingerprintKey::from_bytes([1; 32]);
        let k2 = FingerprintKey::from_bytes([2; 32]);
        let a = normalize_for_fingerprint("CREDIT_CARD", "4111 1111 1111 1111");
        let b = normalize_for_fingerprint("CREDIT_CARD", "4111-1111-1111-1111");
        assert_eq!(a, b);
        assert_eq!(k1.fingerprint(&a), k1.fingerprint(&b));
        assert_ne!(k1.fingerprint(&a), k2.fingerprint(&a));
        assert_eq!(format!("{k1:?}"), "FingerprintKey(**REDACTED**)");
    }

    #[test]
    fn sketch_keeps_the_smallest_and_estimates_overlap() {
        let key = FingerprintKey::from_bytes([7; 32]);
        let (mut a, mut b, mut c) = (Sketch::default(), Sketch::default(), Sketch::default());
        for i in 0..2000 {
            let v = format!("user{i}@example.com");
            a.insert(key.fingerprint(&v));
            if i % 2 == 0 {
                b.insert(key.fingerprint(&v));
            }
            c.insert(key.fingerprint(&format!("other{i}@example.org")));
        }
        assert_eq!(a.to_hex().len(), SKETCH_SIZE);
        let ab = estimate_overlap(&a.to_hex(), &b.to_hex()).unwrap_or(0.0);
        let ac = estimate_overlap(&a.to_hex(), &c.to_hex()).unwrap_or(1.0);
        assert!(
            (0.3..0.75).contains(&ab),
            "jaccard of half-overlap was {ab}"
        );
        assert!(ac < 0.05, "disjoint sets overlapped {ac}");
    }
}
