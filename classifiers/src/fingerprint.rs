//! Keyed fingerprints of matched values: HMAC-SHA-256 under the catalog's key, truncated, so
//! the catalog can tell that two fields share values without ever holding a value. A field
//! keeps a bottom-k sketch (the k smallest fingerprints) so overlap can be estimated from
//! sketches alone.
//!
//! A scan fingerprints thousands of values per field, so the HMAC is computed here on
//! SHA-256's compression function: the key's inner and outer blocks are compressed once per
//! key, and a value is normalized straight into the message block. A short value then costs
//! exactly two compressions and no copies; the result is HMAC-SHA-256 as RFC 2104 defines it
//! (tested against RFC 4231's vectors and the `hmac` crate). Scans fingerprint through
//! [`Fingerprints`], which on CPUs with AVX-512 hashes sixteen values at once
//! ([`crate::sha_lanes`]); a sketch keeps the same fingerprints whichever way they were made.

use crate::hints::is_ascii_white_space;
use crate::sha_lanes::{self, LANES, Words};
use arrayvec::ArrayVec;
use sha2::digest::generic_array::GenericArray;
use std::collections::BTreeSet;
use std::fmt;

/// Values kept per (field, class) sketch.
pub const SKETCH_SIZE: usize = 64;

/// SHA-256's block size in bytes.
const BLOCK: usize = 64;

/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

fn compress(state: &mut [u32; 8], block: &[u8; BLOCK]) {
    sha2::compress256(state, std::slice::from_ref(GenericArray::from_slice(block)));
}

/// The secret key of a catalog. Its `Debug` is redacted.
#[derive(Clone)]
pub struct FingerprintKey {
    /// SHA-256 state after the key's inner block (`key ^ ipad`).
    inner: [u32; 8],
    /// SHA-256 state after the key's outer block (`key ^ opad`).
    outer: [u32; 8],
    /// Whether [`Fingerprints`] hashes values sixteen at a time ([`sha_lanes::worthwhile`]).
    lanes: bool,
}

impl FingerprintKey {
    /// A key from 32 secret bytes (the catalog creates them on first use).
    pub fn from_bytes(bytes: [u8; 32]) -> FingerprintKey {
        FingerprintKey::from_key(&bytes)
    }

    /// HMAC's key schedule (RFC 2104): a key longer than a block is hashed first.
    fn from_key(key: &[u8]) -> FingerprintKey {
        use sha2::Digest;
        let hashed;
        let key = if key.len() > BLOCK {
            hashed = sha2::Sha256::digest(key);
            hashed.as_slice()
        } else {
            key
        };
        let mut ipad = [0x36u8; BLOCK];
        let mut opad = [0x5cu8; BLOCK];
        for (i, &k) in key.iter().enumerate() {
            ipad[i] ^= k;
            opad[i] ^= k;
        }
        let (mut inner, mut outer) = (SHA256_IV, SHA256_IV);
        compress(&mut inner, &ipad);
        compress(&mut outer, &opad);
        FingerprintKey {
            inner,
            outer,
            lanes: sha_lanes::worthwhile(),
        }
    }

    /// The fingerprint of one value: the first 8 bytes of HMAC-SHA-256 over the value
    /// normalized for its class (so `4111 1111 1111 1111` and `4111111111111111` agree).
    pub fn fingerprint(&self, normalized: &str) -> u64 {
        let mut out = Message::new(self);
        out.push_bytes(normalized.as_bytes());
        out.finish()
    }

    /// The fingerprint of a value of class `class_id`: the same as [`Self::fingerprint`] of
    /// [`normalize_for_fingerprint`], but normalized straight into the MAC (scans fingerprint
    /// thousands of values per field).
    pub fn fingerprint_value(&self, class_id: &str, value: &str) -> u64 {
        let mut message = Message::new(self);
        message.push_normalized(class_id, value);
        message.finish()
    }

    /// The first 8 bytes of the MAC whose inner digest is `state` (RFC 2104's outer hash).
    fn outer_mac(&self, state: [u32; 8]) -> u64 {
        let mut outer_block = [0u8; BLOCK];
        for (to, word) in outer_block.chunks_exact_mut(4).zip(state) {
            to.copy_from_slice(&word.to_be_bytes());
        }
        outer_block[32] = 0x80;
        outer_block[BLOCK - 8..].copy_from_slice(&((BLOCK as u64 + 32) * 8).to_be_bytes());
        let mut mac = self.outer;
        compress(&mut mac, &outer_block);
        (u64::from(mac[0]) << 32) | u64::from(mac[1])
    }
}

impl Message<'_> {
    /// Writes `value`, normalized for `class_id`, into the message. It writes in place: a
    /// message returned by value was copied out in 16-byte loads of bytes just stored one
    /// at a time, and each such load stalled.
    fn push_normalized(&mut self, class_id: &str, value: &str) {
        let out = self;
        match normal_form(class_id) {
            // `str::to_lowercase` treats a word-final capital sigma apart; char by char is
            // the same for every other character.
            NormalForm::Words if value.is_ascii() => {
                let words = value
                    .as_bytes()
                    .split(|&b| is_ascii_white_space(b))
                    .filter(|w| !w.is_empty());
                for (i, word) in words.enumerate() {
                    if i > 0 {
                        out.push_byte(b' ');
                    }
                    out.push_ascii_lowercase(word);
                }
            }
            NormalForm::Words if !value.contains('Σ') => {
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
            }
            NormalForm::Trimmed => out.push_bytes(value.trim().as_bytes()),
            NormalForm::Address => {
                let value = value.trim();
                match ipv6(value) {
                    Some(v6) => out.push_bytes(expanded(v6).as_bytes()),
                    None => out.push_ascii_lowercase(value.as_bytes()),
                }
            }
            NormalForm::Date if value.is_ascii() => {
                let groups = value.as_bytes().split(|b| !b.is_ascii_alphanumeric());
                for group in groups.filter(|g| !g.is_empty()) {
                    if let [digit] = group
                        && digit.is_ascii_digit()
                    {
                        out.push_byte(b'0');
                    }
                    out.push_identifier(group);
                }
            }
            NormalForm::Date | NormalForm::Compact => {
                out.push_bytes(normalize_for_fingerprint(class_id, value).as_bytes());
            }
            NormalForm::Identifier if value.is_ascii() => out.push_identifier(value.as_bytes()),
            NormalForm::Identifier => value
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '+')
                .flat_map(char::to_uppercase)
                .for_each(|c| out.push(c)),
            NormalForm::Words => {
                out.push_bytes(normalize_for_fingerprint(class_id, value).as_bytes());
            }
        }
    }
}

/// Fingerprints of a scan's values, made a batch at a time. Each value comes with the index
/// of the class whose sketch it is for, and its fingerprint comes back with that class from
/// [`Fingerprints::take`], at once or once sixteen values are waiting. A value whose
/// normalized form is longer than one block, or a key on a CPU where batches do not pay
/// ([`sha_lanes::worthwhile`]), is fingerprinted at once. It holds normalized values on
/// their way, so its `Debug` shows only counts.
pub(crate) struct Fingerprints {
    /// The classes of the values waiting in `words`, one per lane.
    waiting: ArrayVec<usize, LANES>,
    /// The waiting values' padded inner blocks, lane by lane. Boxed: a scan of a wide table
    /// or of a JSON document's paths holds thousands of field scans, and moves them.
    words: Box<Words>,
    /// Fingerprints made and not yet taken, with their classes.
    ready: Vec<(usize, u64)>,
}

impl fmt::Debug for Fingerprints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fingerprints")
            .field("waiting", &self.waiting.len())
            .field("ready", &self.ready.len())
            .finish_non_exhaustive()
    }
}

/// With this few values waiting at the end, hashing them one at a time is cheaper than a
/// batch of sixteen lanes.
const FEW: usize = 6;

impl Fingerprints {
    pub(crate) fn new() -> Fingerprints {
        Fingerprints {
            waiting: ArrayVec::new(),
            words: Box::new([[0; LANES]; 16]),
            ready: Vec::new(),
        }
    }

    /// Fingerprints `value`, normalized for `class_id`, under `key`, for the sketch of
    /// class `class`.
    pub(crate) fn add(&mut self, key: &FingerprintKey, class: usize, class_id: &str, value: &str) {
        let mut message = Message::new(key);
        message.push_normalized(class_id, value);
        if !key.lanes || !message.fits_one_block() {
            self.ready.push((class, message.finish()));
            return;
        }
        let block = message.one_block();
        let lane = self.waiting.len();
        for (j, word) in block.chunks_exact(4).enumerate() {
            self.words[j][lane] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        self.waiting.push(class);
        if self.waiting.is_full() {
            let macs = sha_lanes::hmac(&key.inner, &key.outer, &self.words);
            self.ready.extend(self.waiting.drain(..).zip(macs));
        }
    }

    /// Fingerprints the values still waiting for a batch.
    pub(crate) fn flush(&mut self, key: &FingerprintKey) {
        if self.waiting.len() > FEW {
            let macs = sha_lanes::hmac(&key.inner, &key.outer, &self.words);
            self.ready.extend(self.waiting.drain(..).zip(macs));
            return;
        }
        for (lane, class) in self.waiting.drain(..).enumerate() {
            let mut block = [0u8; BLOCK];
            for (to, word) in block.chunks_exact_mut(4).zip(self.words.iter()) {
                to.copy_from_slice(&word[lane].to_be_bytes());
            }
            let mut state = key.inner;
            compress(&mut state, &block);
            self.ready.push((class, key.outer_mac(state)));
        }
    }

    /// The fingerprints made since the last call, with their classes.
    pub(crate) fn take(&mut self) -> std::vec::Drain<'_, (usize, u64)> {
        self.ready.drain(..)
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
        NormalForm::Address => {
            let value = value.trim();
            match ipv6(value) {
                Some(v6) => expanded(v6).to_string(),
                None => value.to_ascii_lowercase(),
            }
        }
        NormalForm::Date => value
            .split(|c: char| !c.is_alphanumeric())
            .filter(|group| !group.is_empty())
            .flat_map(|group| {
                let pad = group.len() == 1 && group.as_bytes()[0].is_ascii_digit();
                pad.then_some('0')
                    .into_iter()
                    .chain(group.chars().flat_map(char::to_uppercase))
            })
            .collect(),
        NormalForm::Compact => value
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect(),
        NormalForm::Identifier => value
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '+')
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// `value` as an IPv6 address, if it is one; most IP addresses are IPv4, told apart by
/// their lack of a colon before the parser is asked.
fn ipv6(value: &str) -> Option<std::net::Ipv6Addr> {
    value.contains(':').then(|| value.parse().ok()).flatten()
}

/// An IPv6 address in one spelling of the many it has (`2001:DB8::1`,
/// `2001:db8:0:0:0:0:0:1`, `::ffff:10.0.0.1`): eight groups of four lower-case hex digits.
/// Written by hand: the standard text form (RFC 5952) needs the formatting machinery and
/// a search for the longest run of zeros, and cost an IP column 12% of its time.
fn expanded(v6: std::net::Ipv6Addr) -> arrayvec::ArrayString<39> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = arrayvec::ArrayString::new();
    for (i, group) in v6.segments().into_iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        for shift in [12, 8, 4, 0] {
            out.push(char::from(HEX[usize::from((group >> shift) & 0xf)]));
        }
    }
    out
}

/// How values of a class are normalized before fingerprinting.
enum NormalForm {
    /// Whitespace runs to one space, lower case (emails, names, addresses).
    Words,
    /// Only trimmed: case and punctuation are part of a secret.
    Trimmed,
    /// Letters, digits and `+`, upper case (numbers and codes written with separators).
    Identifier,
    /// An IP address: trimmed, IPv6 written out in full. Its dots and colons say where a
    /// number ends (`1.2.34.5` is not `12.3.4.5`), so they stay.
    Address,
    /// A date: its letters and digits, upper case, a one-digit day or month padded with a
    /// zero, so `1.2.1990` = `01/02/1990` = `01021990` and `1.21.1990` is not `12.1.1990`.
    Date,
    /// White space removed, upper case: coordinates, whose signs, dots and commas are part
    /// of the value (`4.88566, 23.522` is not `48.8566, 2.3522`).
    Compact,
}

fn normal_form(class_id: &str) -> NormalForm {
    match class_id {
        "EMAIL" | "PERSON_NAME" | "FIRST_NAME" | "LAST_NAME" | "STREET_ADDRESS" => {
            NormalForm::Words
        }
        "URL_WITH_CREDENTIALS" | "PASSWORD" | "PRIVATE_KEY" | "JWT" | "AWS_SECRET_ACCESS_KEY" => {
            NormalForm::Trimmed
        }
        "IP_ADDRESS" => NormalForm::Address,
        "GPS_COORDINATES" => NormalForm::Compact,
        "DATE_OF_BIRTH" => NormalForm::Date,
        _ => NormalForm::Identifier,
    }
}

/// The inner message of one HMAC, written into SHA-256 blocks as it is normalized.
struct Message<'k> {
    key: &'k FingerprintKey,
    state: [u32; 8],
    block: [u8; BLOCK],
    /// Bytes in `block`.
    len: usize,
    /// Message bytes already compressed (the key's block not counted).
    done: u64,
}

impl<'k> Message<'k> {
    fn new(key: &'k FingerprintKey) -> Self {
        Message {
            key,
            state: key.inner,
            block: [0; BLOCK],
            len: 0,
            done: 0,
        }
    }

    fn full(&mut self) {
        compress(&mut self.state, &self.block);
        self.done += BLOCK as u64;
        self.len = 0;
    }

    fn push(&mut self, c: char) {
        let mut utf8 = [0u8; 4];
        self.push_bytes(c.encode_utf8(&mut utf8).as_bytes());
    }

    fn push_byte(&mut self, b: u8) {
        self.block[self.len] = b;
        self.len += 1;
        if self.len == BLOCK {
            self.full();
        }
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        self.push_chunks(bytes, |_| {});
    }

    /// ASCII bytes, lower-cased, copied in bulk.
    fn push_ascii_lowercase(&mut self, bytes: &[u8]) {
        self.push_chunks(bytes, <[u8]>::make_ascii_lowercase);
    }

    /// `bytes` copied into the block a chunk at a time, each chunk then changed in place by
    /// `change`.
    fn push_chunks(&mut self, mut bytes: &[u8], change: impl Fn(&mut [u8])) {
        while !bytes.is_empty() {
            let take = bytes.len().min(BLOCK - self.len);
            let to = &mut self.block[self.len..self.len + take];
            to.copy_from_slice(&bytes[..take]);
            change(to);
            self.len += take;
            bytes = &bytes[take..];
            if self.len == BLOCK {
                self.full();
            }
        }
    }

    /// The ASCII letters, digits and `+` of `bytes`, upper-cased (an identifier's normal
    /// form); every byte is written and only the kept ones advance, so there is no branch
    /// per byte.
    fn push_identifier(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let keep = b.is_ascii_alphanumeric() || b == b'+';
            self.block[self.len] = b.to_ascii_uppercase();
            self.len += usize::from(keep);
            if self.len == BLOCK {
                self.full();
            }
        }
    }

    /// Pads the inner message, then hashes its digest under the outer key block; the
    /// first 8 bytes of the MAC, big-endian.
    fn finish(mut self) -> u64 {
        // The key's block counts in the length SHA-256 pads with.
        let bits = (BLOCK as u64 + self.done + self.len as u64) * 8;
        self.block[self.len] = 0x80;
        self.block[self.len + 1..].fill(0);
        if self.len + 1 > BLOCK - 8 {
            compress(&mut self.state, &self.block);
            self.block.fill(0);
        }
        self.block[BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        compress(&mut self.state, &self.block);
        self.key.outer_mac(self.state)
    }

    /// Whether the whole inner message fits in one padded block: a normalized value of at
    /// most 55 bytes.
    fn fits_one_block(&self) -> bool {
        self.done == 0 && self.len < BLOCK - 8
    }

    /// The whole inner message as one padded block, to be compressed elsewhere; only when it
    /// [fits](Self::fits_one_block).
    fn one_block(&mut self) -> &[u8; BLOCK] {
        debug_assert!(self.fits_one_block());
        let bits = (BLOCK + self.len) as u64 * 8;
        self.block[self.len] = 0x80;
        self.block[self.len + 1..].fill(0);
        self.block[BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        &self.block
    }
}

/// A bottom-k sketch of fingerprints: the `SKETCH_SIZE` smallest seen, each once.
#[derive(Clone, Debug, Default)]
pub struct Sketch {
    /// Ascending. A sorted vector, not a tree: once full, most fingerprints are refused by
    /// one compare with the last, and an insert moves at most `SKETCH_SIZE` words.
    smallest: Vec<u64>,
}

impl Sketch {
    /// Adds one fingerprint.
    pub fn insert(&mut self, fp: u64) {
        if !self.would_accept(fp) {
            return;
        }
        if let Err(at) = self.smallest.binary_search(&fp) {
            if self.smallest.len() == SKETCH_SIZE {
                self.smallest.pop();
            }
            self.smallest.insert(at, fp);
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
    use hmac::{Hmac, Mac};

    /// The first 8 bytes of the MAC, as the fingerprint keeps them.
    fn first8(hex_mac: &str) -> u64 {
        u64::from_str_radix(&hex_mac[..16], 16).unwrap_or_default()
    }

    #[test]
    fn fingerprints_are_hmac_sha256_by_rfc_4231() {
        // RFC 4231, test cases 1 to 4 and 6 (5 truncates the MAC; 6 has a key longer than
        // a block, which is hashed first).
        let cases: [(&[u8], &[u8], &str); 5] = [
            (
                &[0x0b; 20],
                b"Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &[0xaa; 20],
                &[0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                &[
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                    23, 24, 25,
                ],
                &[0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
        ];
        for (key, data, mac) in cases {
            let key = FingerprintKey::from_key(key);
            let mut m = Message::new(&key);
            m.push_bytes(data);
            assert_eq!(m.finish(), first8(mac), "{mac}");
        }
    }

    #[test]
    fn fingerprints_equal_the_hmac_crate_at_every_length() {
        // Every padding case: empty, one byte short of the length field, exactly a block,
        // several blocks, written whole and byte by byte.
        let key_bytes: [u8; 32] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let key = FingerprintKey::from_bytes(key_bytes);
        for len in 0..=200 {
            let value: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            let mut reference = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&key_bytes)
                .unwrap_or_else(|_| unreachable!());
            reference.update(value.as_bytes());
            let expected = reference.finalize().into_bytes();
            let expected = u64::from_be_bytes(std::array::from_fn(|i| expected[i]));
            assert_eq!(key.fingerprint(&value), expected, "length {len}");
            let mut bytewise = Message::new(&key);
            value.bytes().for_each(|b| bytewise.push_byte(b));
            assert_eq!(bytewise.finish(), expected, "length {len}, byte by byte");
        }
    }

    #[test]
    fn values_waiting_for_a_batch_never_show_in_debug() {
        let mut key = FingerprintKey::from_bytes([4; 32]);
        key.lanes = true;
        let mut batch = Fingerprints::new();
        batch.add(&key, 0, "EMAIL", "jane@example.com");
        let shown = format!("{batch:?}");
        // The first word of the waiting message (`jane`), in the forms Debug would print.
        let word = u32::from_be_bytes(*b"jane");
        for leak in [word.to_string(), format!("{word:x}"), "jane".to_string()] {
            assert!(!shown.contains(&leak), "{shown}");
        }
        assert_eq!(shown, "Fingerprints { waiting: 1, ready: 0, .. }");
    }

    #[test]
    fn batched_fingerprints_equal_those_made_one_at_a_time() {
        // Every length around one block's room (55 bytes), classes of every normal form,
        // batches filled and flushed with few and many waiting, lanes on and off: each
        // fingerprint comes back with its own tag and equals `fingerprint_value`'s.
        let classes = ["EMAIL", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH", "PASSWORD"];
        let values: Vec<(usize, String)> = (0..=80)
            .flat_map(|len| {
                classes.iter().enumerate().map(move |(c, _)| {
                    let value: String = (0..len)
                        .map(|i| char::from(b"aZ9-. :"[(i * 5 + c) % 7]))
                        .collect();
                    (c, value)
                })
            })
            .collect();
        for lanes in [true, false] {
            let mut key = FingerprintKey::from_bytes([4; 32]);
            key.lanes = lanes;
            for take in [1, 6, 7, 16, 17, 40, values.len()] {
                let mut batch = Fingerprints::new();
                let mut got = Vec::new();
                for (tag, (class, value)) in values.iter().take(take).enumerate() {
                    batch.add(&key, tag, classes[*class], value);
                    got.extend(batch.take());
                }
                batch.flush(&key);
                got.extend(batch.take());
                got.sort_unstable();
                let expected: Vec<(usize, u64)> = values
                    .iter()
                    .take(take)
                    .enumerate()
                    .map(|(tag, (class, v))| (tag, key.fingerprint_value(classes[*class], v)))
                    .collect();
                assert_eq!(got, expected, "{take} values, lanes {lanes}");
            }
        }
    }

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
            " 192.168.1.20 ",
            "2001:DB8:0:0:0:0:0:1",
            "::ffff:10.0.0.1",
            "fe80::1%eth0",
            "48.8566, 2.3522",
            "48°51′24″N 2°21′08″E",
            "1.2.1990",
            "12 März 1990",
            "1990-01-12T00:00:00",
        ];
        for class in [
            "EMAIL",
            "PERSON_NAME",
            "PASSWORD",
            "JWT",
            "IBAN",
            "PHONE_NUMBER",
            "IP_ADDRESS",
            "GPS_COORDINATES",
            "DATE_OF_BIRTH",
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

    /// Separators that say where a number ends stay in the fingerprint (or, in a date, the
    /// padding that takes their place), so distinct addresses, coordinates and dates with
    /// the same digits do not share one; spellings of one value still do.
    #[test]
    fn addresses_coordinates_and_dates_keep_what_tells_them_apart() {
        let key = FingerprintKey::from_bytes([5; 32]);
        let fp = |class: &str, v: &str| key.fingerprint_value(class, v);
        assert_ne!(fp("IP_ADDRESS", "1.2.34.5"), fp("IP_ADDRESS", "12.3.4.5"));
        assert_ne!(fp("IP_ADDRESS", "10.0.0.1"), fp("IP_ADDRESS", "100.0.1.0"));
        assert_eq!(
            fp("IP_ADDRESS", "10.0.0.1"),
            fp("IP_ADDRESS", " 10.0.0.1\t")
        );
        assert_eq!(
            fp("IP_ADDRESS", "2001:DB8:0:0:0:0:0:1"),
            fp("IP_ADDRESS", "2001:db8::1")
        );
        assert_ne!(
            fp("IP_ADDRESS", "2001:db8::1"),
            fp("IP_ADDRESS", "2001:db8::1:0")
        );
        assert_ne!(
            fp("GPS_COORDINATES", "48.8566, 2.3522"),
            fp("GPS_COORDINATES", "4.88566, 23.522")
        );
        assert_eq!(
            fp("GPS_COORDINATES", "48.8566, 2.3522"),
            fp("GPS_COORDINATES", "48.8566,2.3522")
        );
        assert_eq!(
            fp("GPS_COORDINATES", "48°51′24″n 2°21′08″e"),
            fp("GPS_COORDINATES", "48°51′24″N 2°21′08″E")
        );
        let dob = |v: &str| fp("DATE_OF_BIRTH", v);
        assert_ne!(dob("1.21.1990"), dob("12.1.1990"));
        assert_eq!(dob("1.2.1990"), dob("01/02/1990"));
        assert_eq!(dob("1990-01-12"), dob("19900112"));
        assert_eq!(dob("12 jan 1990"), dob("12-JAN-1990"));
        // Card numbers still match across separators.
        assert_eq!(
            fp("CREDIT_CARD", "4111 1111 1111 1111"),
            fp("CREDIT_CARD", "4111-1111-1111-1111")
        );
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
    fn sketch_is_the_smallest_distinct_fingerprints() {
        // Repeats, ties with the largest kept, and values falling out as smaller ones come.
        let mut sketch = Sketch::default();
        let mut all = BTreeSet::new();
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..5_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let fp = if i % 3 == 0 { i / 3 } else { x };
            sketch.insert(fp);
            sketch.insert(fp);
            all.insert(fp);
            let expected: Vec<u64> = all.iter().copied().take(SKETCH_SIZE).collect();
            assert_eq!(sketch.smallest, expected, "after {i}");
        }
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
