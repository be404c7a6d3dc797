//! Small drawing helpers shared by the generators: pick from a list, random digits and
//! letters. Everything takes `&mut dyn RngCore` so the generators compile once, not once per
//! caller's RNG type. Lists passed in are constant and never empty.

use rand::{Rng, RngCore};

/// The RNG type every internal generator takes.
pub(crate) type Rg<'a> = dyn RngCore + 'a;

/// One element of a constant, non-empty list.
pub(crate) fn pick<'a, T>(rng: &mut Rg<'_>, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A copy of one element of a constant, non-empty list of `&str`.
pub(crate) fn pick_str<'a>(rng: &mut Rg<'_>, items: &[&'a str]) -> &'a str {
    let chosen: &&'a str = pick(rng, items);
    chosen
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut Rg<'_>, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// Uniform integer in `lo..=hi`.
pub(crate) fn int(rng: &mut Rg<'_>, lo: u64, hi: u64) -> u64 {
    rng.random_range(lo..=hi)
}

/// `n` random decimal digits as numbers 0..=9.
pub(crate) fn digit_vec(rng: &mut Rg<'_>, n: usize) -> Vec<u8> {
    (0..n).map(|_| rng.random_range(0..10u8)).collect()
}

/// `n` random decimal digits as a string.
pub(crate) fn digits(rng: &mut Rg<'_>, n: usize) -> String {
    digits_to_string(&digit_vec(rng, n))
}

/// Digits 0..=9 rendered as ASCII.
pub(crate) fn digits_to_string(d: &[u8]) -> String {
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

/// `n` characters drawn from `alphabet` (ASCII).
pub(crate) fn chars_from(rng: &mut Rg<'_>, alphabet: &[u8], n: usize) -> String {
    (0..n).map(|_| char::from(*pick(rng, alphabet))).collect()
}

pub(crate) const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub(crate) const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub(crate) const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
pub(crate) const HEX_LOWER: &[u8] = b"0123456789abcdef";

/// `n` random bytes.
pub(crate) fn bytes(rng: &mut Rg<'_>, n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    rng.fill_bytes(&mut v);
    v
}

/// Lower-case hex of `n` random bytes.
pub(crate) fn hex(rng: &mut Rg<'_>, n: usize) -> String {
    chars_from(rng, HEX_LOWER, n * 2)
}

/// Group a compact string into chunks separated by `sep` (e.g. 4s for IBAN and cards).
pub(crate) fn group(s: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::with_capacity(s.len() + sizes.len() * sep.len());
    let mut rest = s;
    for (i, &n) in sizes.iter().enumerate() {
        if rest.is_empty() {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        let cut = n.min(rest.len());
        out.push_str(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        if !out.is_empty() {
            out.push_str(sep);
        }
        out.push_str(rest);
    }
    out
}

/// Group in equal chunks of `n` (the last may be shorter).
pub(crate) fn group_every(s: &str, n: usize, sep: &str) -> String {
    let sizes = vec![n; s.len().div_ceil(n.max(1))];
    group(s, &sizes, sep)
}

/// A calendar date: (year, month 1..=12, day valid for the month).
pub(crate) fn date(rng: &mut Rg<'_>, y_lo: u64, y_hi: u64) -> (u32, u32, u32) {
    let y = int(rng, y_lo, y_hi) as u32;
    let m = int(rng, 1, 12) as u32;
    let d = int(rng, 1, u64::from(days_in_month(y, m))) as u32;
    (y, m, d)
}

pub(crate) fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

/// Capitalise the first letter (Unicode-aware), keep the rest.
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
