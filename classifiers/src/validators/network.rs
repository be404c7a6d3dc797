//! Contact and network identifiers: phone numbers (libphonenumber metadata), IP and MAC
//! addresses, GPS coordinates, e-mail addresses and URLs that carry a password.
//!
//! The phone check hands the `phonenumber` crate only a normalized `+digits` / `digits`
//! string: the crate's parser has panicked on odd punctuation before, and validators must
//! never panic. The crate compiles its metadata regexes lazily into one global LRU cache of
//! 100 entries; trying many regions in turn evicts them faster than they are reused (about
//! 1 ms per candidate), so the first phone check widens that cache once and a cheap length
//! test skips regions whose numbers could not have this many digits. Nothing here keeps or
//! prints the candidate.

use std::net::Ipv6Addr;

use phonenumber::country::Id;
use phonenumber::metadata::{DATABASE, Metadata};

use super::date::parse_date;
use super::phone_rules;

/// Regions tried, in order, for a number written without an international prefix.
const DEFAULT_PHONE_REGIONS: &[Id] = &[
    Id::US,
    Id::GB,
    Id::DE,
    Id::FR,
    Id::ES,
    Id::IT,
    Id::NL,
    Id::BE,
    Id::PT,
    Id::BR,
    Id::IN,
    Id::AU,
    Id::CA,
    Id::SE,
    Id::PL,
    Id::CH,
    Id::AT,
    Id::IE,
    Id::MX,
    Id::JP,
    Id::SG,
];

/// A phone candidate reduced to its digits: `international` when written with `+` or `00`
/// (the prefix itself removed from `digits`).
struct PhoneDigits {
    international: bool,
    digits: Digits,
}

/// The digits of a candidate (at most 40 bytes), kept inline: no allocation per value, and
/// no UTF-8 check each time they are read as a `str`.
struct Digits {
    text: arrayvec::ArrayString<40>,
    start: usize,
}

impl std::ops::Deref for Digits {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text[self.start..]
    }
}

impl std::fmt::Display for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// Keeps only digits, allowing the usual punctuation (spaces, `-`, `.`, `(`, `)`, `/`) and a
/// leading `+`; 7–15 digits (E.164 allows at most 15).
fn phone_digits(s: &str) -> Option<PhoneDigits> {
    let s = s.trim();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let (mut international, rest) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut digits = Digits {
        text: arrayvec::ArrayString::new(),
        start: 0,
    };
    for b in rest.bytes() {
        match b {
            b'0'..=b'9' => digits.text.try_push(char::from(b)).ok()?,
            b' ' | b'-' | b'.' | b'(' | b')' | b'/' => {}
            _ => return None,
        }
    }
    if !international && digits.starts_with("00") {
        international = true;
        digits.start = 2;
    }
    (7..=15).contains(&digits.len()).then_some(PhoneDigits {
        international,
        digits,
    })
}

/// Shapes that are digits-and-punctuation but plainly something else: dates and IPv4
/// addresses would otherwise pass as national numbers in some region.
fn looks_like_other_number(s: &str) -> bool {
    let s = s.trim();
    looks_like_date(s) || parse_date(s).is_some() || ipv4(s)
}

/// `01-02-2024`, `2024/01/02`, `12.03.1985`: dates that a phone pattern would also take.
fn looks_like_date(v: &str) -> bool {
    // Asked of every phone candidate: no allocation.
    let mut lens = [0usize; 3];
    let mut n = 0;
    // Split as bytes: the separators are ASCII, and a `char` split decodes every character.
    for part in v.as_bytes().split(|b| matches!(b, b'-' | b'/' | b'.')) {
        if n == lens.len() || !part.iter().all(u8::is_ascii_digit) {
            return false;
        }
        lens[n] = part.len();
        n += 1;
    }
    n == lens.len()
        && matches!(
            lens,
            [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4] | [1..=2, 1..=2, 2]
        )
}

/// Room for the compiled metadata regexes of the default regions and the international
/// ones commonly met (a few hundred small patterns), so they stay compiled.
const PHONE_REGEX_CACHE_ENTRIES: usize = 2048;

/// Widens the `phonenumber` crate's global regex cache once per process.
fn widen_phone_regex_cache() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let cache = DATABASE.cache();
        // A poisoned lock means a parser panic elsewhere; leave the cache as it is.
        if let Ok(mut cache) = cache.lock()
            && cache.capacity() < PHONE_REGEX_CACHE_ENTRIES
        {
            cache.set_capacity(PHONE_REGEX_CACHE_ENTRIES);
        }
    });
}

/// Whether a national number of these digits could belong to `region` at all, judged only
/// from the region's possible lengths (no regex): with the trunk prefix (`0`) removed or not.
fn region_length_fits(region: Id, digits: &str) -> bool {
    length_fits(DATABASE.by_id(region.as_ref()), digits)
}

/// [`region_length_fits`] for metadata already looked up (`None`: unknown, anything fits).
fn length_fits(meta: Option<&Metadata>, digits: &str) -> bool {
    let Some(meta) = meta else {
        return true;
    };
    let lengths = meta.descriptors().general().possible_length();
    if lengths.is_empty() {
        return true;
    }
    let fits = |n: usize| u16::try_from(n).is_ok_and(|n| lengths.contains(&n));
    let without_prefix = match meta.national_prefix() {
        Some(prefix) if !prefix.is_empty() && digits.starts_with(prefix) => {
            fits(digits.len() - prefix.len())
        }
        _ => false,
    };
    without_prefix || fits(digits.len())
}

/// A default region with its metadata and compiled rules looked up once, not for every
/// number: those lookups cost more than the cheap tests they feed.
struct DefaultRegion {
    id: Id,
    meta: Option<&'static Metadata>,
    rules: Option<phone_rules::Region>,
}

fn default_regions() -> &'static [DefaultRegion] {
    static REGIONS: std::sync::OnceLock<Vec<DefaultRegion>> = std::sync::OnceLock::new();
    REGIONS.get_or_init(|| {
        DEFAULT_PHONE_REGIONS
            .iter()
            .map(|&id| DefaultRegion {
                id,
                meta: DATABASE.by_id(id.as_ref()),
                rules: phone_rules::region(id.as_ref()),
            })
            .collect()
    })
}

fn parse_valid(region: Option<Id>, text: &str) -> Option<phonenumber::PhoneNumber> {
    widen_phone_regex_cache();
    // The input is only ASCII digits with an optional leading '+', which the parser handles;
    // catch_unwind is a second guard so a parser bug can never take down a scan.
    std::panic::catch_unwind(|| phonenumber::parse(region, text).ok())
        .ok()
        .flatten()
        .filter(|n| n.is_valid())
}

/// A telephone number valid for its country per libphonenumber metadata. Numbers written with
/// `+` or `00` are checked against their own country code; others must be valid national
/// numbers in one of US, GB, DE, FR, ES, IT, NL, BE, PT, BR, IN, AU, CA, SE, PL, CH, AT, IE,
/// MX, JP, SG. 7–15 digits.
pub fn phone(s: &str) -> bool {
    let Some(p) = phone_digits(s) else {
        return false;
    };
    let digits: &str = &p.digits;
    if p.international {
        return phone_rules::decide_international(digits).unwrap_or_else(|| {
            phone_rules::possible_international(digits)
                && parse_valid(None, &format!("+{digits}")).is_some()
        });
    }
    if looks_like_other_number(s) {
        return false;
    }
    let regions = default_regions();
    let valid_in = |region: &DefaultRegion| {
        length_fits(region.meta, digits)
            && match region.rules {
                Some(rules) => {
                    phone_rules::decide_national_in(rules, digits).unwrap_or_else(|| {
                        phone_rules::possible_national_in(rules, digits)
                            && parse_valid(Some(region.id), digits).is_some()
                    })
                }
                // Rules that did not compile: the crate decides.
                None => parse_valid(Some(region.id), digits).is_some(),
            }
    };
    // Valid in any region is the answer, so the order they are tried in changes nothing but
    // the time: the region of this thread's last national number goes first, as a column's
    // numbers are mostly of one country.
    let first = LAST_NATIONAL_REGION.get().min(regions.len() - 1);
    if valid_in(&regions[first]) {
        return true;
    }
    let found = regions
        .iter()
        .enumerate()
        .find(|&(i, region)| i != first && valid_in(region));
    if let Some((i, _)) = found {
        LAST_NATIONAL_REGION.set(i);
    }
    found.is_some()
}

thread_local! {
    /// The default region the last valid national number of this thread was found in.
    static LAST_NATIONAL_REGION: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A telephone number valid in `region` (ISO 3166 alpha-2, any case, e.g. `"GB"`): a national
/// number valid there, or an international one whose country code belongs to it. An unknown
/// region gives `false`.
pub fn phone_in_region(s: &str, region: &str) -> bool {
    let Ok(region) = region.trim().to_ascii_uppercase().parse::<Id>() else {
        return false;
    };
    let Some(p) = phone_digits(s) else {
        return false;
    };
    if p.international {
        return phone_rules::possible_international(&p.digits)
            && parse_valid(None, &format!("+{}", p.digits))
                .is_some_and(|n| n.country().id() == Some(region));
    }
    !looks_like_other_number(s)
        && region_length_fits(region, &p.digits)
        && phone_rules::possible_national(region.as_ref(), &p.digits)
        && parse_valid(Some(region), &p.digits).is_some()
}

/// IPv4 dotted quad: 4 decimal octets 0–255 without leading zeros, not `0.0.0.0`.
fn ipv4(s: &str) -> bool {
    // One pass over the bytes: this runs on every dotted candidate of a field or a log.
    let b = s.as_bytes();
    if b.len() > 15 {
        return false;
    }
    let (mut parts, mut value, mut digits, mut all_zero) = (0, 0u32, 0, true);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                // A leading zero is refused (`01`), a lone `0` is not.
                if digits == 3 || (digits == 1 && value == 0) {
                    return false;
                }
                value = value * 10 + u32::from(c - b'0');
                digits += 1;
            }
            b'.' if digits > 0 && i + 1 < b.len() => {
                parts += 1;
                if parts == 4 || value > 255 {
                    return false;
                }
                all_zero &= value == 0;
                (value, digits) = (0, 0);
            }
            _ => return false,
        }
    }
    all_zero &= value == 0;
    parts == 3 && digits > 0 && value <= 255 && !all_zero
}

/// IPv4 (dotted quad, octets 0–255, no leading zeros, not `0.0.0.0`) or IPv6 in any textual
/// form the standard library accepts (`::1`, embedded IPv4), except the unspecified `::`.
/// Zone ids (`%eth0`) are not accepted.
pub fn ip_address(s: &str) -> bool {
    let s = s.trim();
    if ipv4(s) {
        return true;
    }
    if s.len() > 45 || !s.contains(':') {
        return false;
    }
    s.parse::<Ipv6Addr>()
        .is_ok_and(|addr| !addr.is_unspecified())
}

/// MAC address: six hex pairs separated consistently by `:` or `-`, or three groups of four
/// hex digits separated by `.` (Cisco style); not all zeros and not the broadcast address.
pub fn mac_address(s: &str) -> bool {
    let b = s.trim().as_bytes();
    let (group, sep) = match b.len() {
        17 => (2, b[2]),
        14 => (4, b'.'),
        _ => return false,
    };
    if group == 2 && !matches!(sep, b':' | b'-') {
        return false;
    }
    let mut hex = [0u8; 12];
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if (i + 1) % (group + 1) == 0 {
            if c != sep {
                return false;
            }
        } else if c.is_ascii_hexdigit() {
            hex[n] = c.to_ascii_uppercase();
            n += 1;
        } else {
            return false;
        }
    }
    n == 12 && !hex.iter().all(|&c| c == b'0') && !hex.iter().all(|&c| c == b'F')
}

/// One decimal-degree coordinate: optional sign, 1–3 integer digits, a point and at least 4
/// (at most 15) decimals.
fn coordinate(s: &str) -> Option<f64> {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = unsigned.split_once('.')?;
    if int.is_empty()
        || int.len() > 3
        || !(4..=15).contains(&frac.len())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    s.parse().ok()
}

/// GPS position `lat, lon` (or `lat,lon`, or `lat lon`) in decimal degrees: |lat| ≤ 90,
/// |lon| ≤ 180, at least 4 decimals on each, and not the 0,0 placeholder.
pub fn gps(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 64 {
        return false;
    }
    let (lat, lon) = match s.split_once(',') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => {
            let mut it = s.split_whitespace();
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => (a, b),
                _ => return false,
            }
        }
    };
    let (Some(lat), Some(lon)) = (coordinate(lat), coordinate(lon)) else {
        return false;
    };
    lat.abs() <= 90.0 && lon.abs() <= 180.0 && !(lat == 0.0 && lon == 0.0)
}

/// Dot-separated labels of 1–63 letters, digits or inner hyphens, read in one pass.
fn is_dns_name(name: &[u8]) -> bool {
    let (mut label, mut prev) = (0, b'.');
    for &b in name {
        if b == b'.' {
            if label == 0 || prev == b'-' {
                return false;
            }
            label = 0;
        } else if b.is_ascii_alphanumeric() || (b == b'-' && label > 0) {
            label += 1;
            if label > 63 {
                return false;
            }
        } else {
            return false;
        }
        prev = b;
    }
    label > 0 && prev != b'-'
}

/// E-mail address, practical RFC 5322 subset: exactly one `@`; a local part of 1–64
/// unquoted atext characters and dots, no leading, trailing or doubled dot; a domain of at
/// least two labels (1–63 letters, digits or inner hyphens each) ending in an alphabetic TLD
/// of 2+ letters or an `xn--` IDN TLD; at most 254 characters in all.
pub fn email(s: &str) -> bool {
    let s = s.trim().as_bytes();
    if s.len() > 254 {
        return false;
    }
    let Some(at) = memchr::memchr(b'@', s) else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return false;
    }
    // The local part in one pass: atext runs joined by single dots.
    let mut after_dot = true;
    for &b in local {
        if b == b'.' {
            if after_dot {
                return false;
            }
            after_dot = true;
        } else if is_atext(b) {
            after_dot = false;
        } else {
            return false;
        }
    }
    if after_dot {
        return false;
    }
    // Labels of the domain (a second `@` fails as a label character).
    let Some(last_dot) = memchr::memrchr(b'.', domain) else {
        return false;
    };
    if !is_dns_name(domain) {
        return false;
    }
    let tld = &domain[last_dot + 1..];
    (tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic))
        || (tld.len() > 4 && tld[..4].eq_ignore_ascii_case(b"xn--"))
}

/// RFC 5322 atext: letters, digits and ``!#$%&'*+/=?^_`{|}~-``.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b)
}

/// Passwords that are templates or redactions, not secrets: `***`, `xxx`, `${VAR}`, `$VAR`,
/// `<password>`, `{password}`, `{{ password }}`, `[password]`, `%s`, `%(password)s`, `...`.
fn is_placeholder_password(p: &str) -> bool {
    let lower = p.to_ascii_lowercase();
    let wrapped = |open: char, close: char| p.starts_with(open) && p.ends_with(close);
    p.bytes().all(|b| b == b'*')
        || lower.bytes().all(|b| b == b'x')
        || p.bytes().all(|b| b == b'.')
        || p.starts_with("${")
        || (p.starts_with('$')
            && p.len() > 1
            && p[1..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        || wrapped('<', '>')
        || wrapped('{', '}')
        || wrapped('[', ']')
        || p == "%s"
        || (p.starts_with("%(") && p.ends_with(")s"))
}

/// URL with embedded credentials, `scheme://user:password@host...`: a valid scheme, a
/// non-empty password that is not a placeholder (`***`, `xxx`, `${VAR}`, `<...>`, `{...}`, `%s`...;
/// weak but real words such as `password` still count), and a non-empty host. The user may be
/// empty (`redis://:secret@host`). No whitespace anywhere.
pub fn url_with_credentials(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 4096
        || s.bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return false;
    }
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    let mut scheme_bytes = scheme.bytes();
    if !scheme_bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !scheme_bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return false;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    // The last '@' ends the user info: an unencoded '@' inside a password is a common slip.
    let Some((userinfo, hostport)) = authority.rsplit_once('@') else {
        return false;
    };
    let Some((_user, password)) = userinfo.split_once(':') else {
        return false;
    };
    if password.is_empty() || is_placeholder_password(password) {
        return false;
    }
    let host = if let Some(v6) = hostport.strip_prefix('[') {
        v6.split_once(']').map_or("", |(h, _)| h)
    } else {
        hostport.split(':').next().unwrap_or("")
    };
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':' | b'%'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The crate alone, without the pre-check: what `phone` must agree with.
    fn phone_by_crate_only(s: &str) -> bool {
        let Some(p) = phone_digits(s) else {
            return false;
        };
        if p.international {
            return parse_valid(None, &format!("+{}", p.digits)).is_some();
        }
        !looks_like_other_number(s)
            && DEFAULT_PHONE_REGIONS.iter().any(|&r| {
                region_length_fits(r, &p.digits) && parse_valid(Some(r), &p.digits).is_some()
            })
    }

    /// International dialling prefixes of the default regions that do not start with `00`
    /// (which `phone_digits` reads as `+`): NANPA, AU (carrier-selected), MX, JP, SG. Each
    /// is also another region's national digits; the `00…` ones check the `+` reading.
    const IDDS: &[&str] = &[
        "011", "0011", "0014", "0015", "0019", "14110011", "14880011", "09", "010", "012", "023",
        "039", "0012",
    ];

    /// The country codes of the default regions, and a few whose national numbers keep
    /// leading zeros or share a code among regions.
    fn generator_codes() -> Vec<String> {
        let mut codes: Vec<String> = DEFAULT_PHONE_REGIONS
            .iter()
            .filter_map(|r| DATABASE.by_id(r.as_ref()))
            .map(|m| m.country_code().to_string())
            .collect();
        for extra in [
            "225", "242", "378", "7", "380", "27", "54", "379", "262", "590",
        ] {
            codes.push(extra.to_string());
        }
        codes.sort();
        codes.dedup();
        codes
    }

    /// Shapes the parser reads in a particular way, generated heavily so that a wrong replay
    /// shows: zeros after the country code (Italian fixed lines `+39 06…`), national digits
    /// that begin with the region's own country code (with and without the national prefix
    /// after it), and international dialling prefixes (`011 44…`, `0011 61…`, `010 81…`).
    /// Built from real numbers (`+cc rest` as testkit writes them) and from random digits.
    fn parser_reading_inputs(rng: &mut impl rand::Rng, rounds: usize) -> Vec<String> {
        let codes = generator_codes();
        let mut out = Vec::new();
        let digits = |rng: &mut dyn rand::RngCore, len: usize| -> String {
            (0..len)
                .map(|_| char::from(b'0' + (rng.next_u32() % 10) as u8))
                .collect()
        };
        for i in 0..rounds {
            let profile = if i % 2 == 0 {
                piicat_testkit::Profile::Standard
            } else {
                piicat_testkit::Profile::Holdout
            };
            let v = piicat_testkit::value_for(profile, "PHONE_NUMBER", rng);
            let idd = IDDS[rng.random_range(0..IDDS.len())];
            // A real number split into its code and the rest, else one made of random digits.
            let (code, rest) = match v.strip_prefix('+').and_then(|r| r.split_once(' ')) {
                Some((code, rest)) if rng.random_bool(0.7) => (code.to_string(), rest.to_string()),
                _ => {
                    let code = codes[rng.random_range(0..codes.len())].clone();
                    let len = rng.random_range(4..=11);
                    (code, digits(rng, len))
                }
            };
            let first = rest.trim_start_matches(['0', ' ']);
            out.push(format!("+{code} 0{first}"));
            out.push(format!("+{code} 00{first}"));
            out.push(format!("{code}{rest}"));
            out.push(format!("{code} 0{first}"));
            out.push(format!("{idd} {code} {rest}"));
            out.push(format!("{idd}{code}0{first}"));
            out.push(format!("{idd} 0{code}{rest}"));
            // Italian fixed lines: the leading 0 is part of the number after +39.
            let area = [
                "2", "6", "10", "11", "51", "55", "81", "91", "331", "471", "9",
            ][rng.random_range(0..11)];
            let len = rng.random_range(4..=8);
            let local = digits(rng, len);
            out.push(format!("+39 0{area} {local}"));
            out.push(format!("0{area} {local}"));
            out.push(format!("39 0{area}{local}"));
            out.push(format!("{idd} 39 0{area}{local}"));
            // A default region's own code followed by digits to one of its possible lengths,
            // so that whether the parser drops the code turns on the general pattern.
            let region = DEFAULT_PHONE_REGIONS[rng.random_range(0..DEFAULT_PHONE_REGIONS.len())];
            if let Some(meta) = DATABASE.by_id(region.as_ref()) {
                let cc = meta.country_code().to_string();
                let lengths = meta.descriptors().general().possible_length();
                if let Some(&n) = lengths.get(rng.random_range(0..lengths.len().max(1))) {
                    let n = usize::from(n) + rng.random_range(0..=cc.len());
                    let tail = digits(rng, n.saturating_sub(cc.len()).max(1));
                    out.push(format!("{cc}{tail}"));
                    out.push(format!("{cc}0{tail}"));
                }
            }
            // Codes shared by several regions, with the digits that pick one of them, written
            // with and without zeros before them: the parser picks by the digits without
            // zeros, then strips that region's prefix.
            let (code, lead) = SHARED[rng.random_range(0..SHARED.len())];
            let len = rng.random_range(3..=8);
            let tail = digits(rng, len);
            out.push(format!("+{code} 0{lead}{tail}"));
            out.push(format!("+{code} {lead}{tail}"));
            out.push(format!("+{code} 00{lead}{tail}"));
            out.push(format!("{idd} {code} 0{lead}{tail}"));
        }
        out
    }

    /// Country codes shared among regions, and leading digits that pick a region other than
    /// the first (GG, JE, IM, KZ, CX, YT, BL, AX, BS, JM, SJ, BQ, EH, VA).
    const SHARED: &[(&str, &str)] = &[
        ("44", "1481"),
        ("44", "1534"),
        ("44", "1624"),
        ("44", "7781"),
        ("44", "7839"),
        ("44", "7624"),
        ("7", "7"),
        ("7", "9"),
        ("61", "89162"),
        ("61", "89164"),
        ("262", "269"),
        ("262", "639"),
        ("590", "590"),
        ("358", "18"),
        ("1", "242"),
        ("1", "876"),
        ("47", "79"),
        ("599", "9"),
        ("212", "5288"),
        ("39", "6698"),
    ];

    #[test]
    fn compiled_rules_agree_with_the_crate() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut inputs: Vec<String> = Vec::new();
        // Real numbers of many countries, in the formats testkit writes, and mutations.
        for i in 0..4000u64 {
            let profile = if i % 2 == 0 {
                piicat_testkit::Profile::Standard
            } else {
                piicat_testkit::Profile::Holdout
            };
            let v = piicat_testkit::value_for(profile, "PHONE_NUMBER", &mut rng);
            let mut flipped = v.clone().into_bytes();
            if let Some(b) = flipped.iter_mut().rev().find(|b| b.is_ascii_digit()) {
                *b = b'0' + (*b - b'0' + 1) % 10;
            }
            inputs.push(String::from_utf8(flipped).unwrap());
            inputs.push(v.replace('+', "00"));
            inputs.push(v.trim_start_matches('+').to_string());
            inputs.push(v);
        }
        // Random digit strings, national and international, of every plausible length.
        for _ in 0..6000 {
            let len = rng.random_range(7..=15);
            let digits: String = (0..len)
                .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
                .collect();
            inputs.push(format!("+{digits}"));
            inputs.push(digits);
        }
        // NANPA-shaped numbers: 25 regions share +1, the crate picks one by leading digits.
        for _ in 0..3000 {
            let area = rng.random_range(200..1000u32);
            let exchange = rng.random_range(200..1000u32);
            let line = rng.random_range(0..10000u32);
            inputs.push(format!("({area}) {exchange}-{line:04}"));
            inputs.push(format!("+1 {area} {exchange} {line:04}"));
            inputs.push(format!("1{area}{exchange}{line:04}"));
        }
        inputs.extend(parser_reading_inputs(&mut rng, 4000));
        let mut valid = 0;
        for input in &inputs {
            let expected = phone_by_crate_only(input);
            assert_eq!(
                phone(input),
                expected,
                "compiled rules disagree with the crate on a generated number (index {})",
                inputs.iter().position(|i| i == input).unwrap_or(0)
            );
            valid += usize::from(expected);
        }
        assert!(
            valid > 4000,
            "too few valid numbers to mean anything: {valid}"
        );
    }

    #[test]
    fn a_phone_answer_does_not_depend_on_the_numbers_before_it() {
        // The region of the last national number is tried first: answers in any order, and
        // on a fresh thread, must be the same.
        let numbers = [
            "07.32.08.31.54",
            "(801) 735-8898",
            "0413 490 168",
            "097108 49962",
            "0157/46817884",
            "914128908",
            "347 5841680",
            "06-44146732",
            "19 97529-7478",
            "2540.00",
            "0000000",
            "123456789012",
            "01 44 30 74 86",
        ];
        let forward: Vec<bool> = numbers.iter().map(|n| phone(n)).collect();
        let backward: Vec<bool> = numbers.iter().rev().map(|n| phone(n)).collect();
        let fresh: Vec<bool> = numbers
            .iter()
            .map(|n| std::thread::scope(|s| s.spawn(|| phone(n)).join().unwrap_or(false)))
            .collect();
        assert_eq!(forward, backward.into_iter().rev().collect::<Vec<_>>());
        assert_eq!(forward, fresh);
        assert!(forward.iter().filter(|&&v| v).count() >= 9, "{forward:?}");
        assert!(!forward[9] && !forward[10], "{forward:?}");
    }

    /// `phone` asks the regions in turn and stops at the first yes, so a wrong "no" in a
    /// later region could hide: here every default region's replay of national digits is
    /// held to the crate on its own, for the shapes the parser reads in a particular way.
    #[test]
    fn national_replay_agrees_with_the_crate_in_every_region() {
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let (mut decided, mut valid) = (0, 0);
        for input in parser_reading_inputs(&mut rng, 2000) {
            let Some(p) = phone_digits(&input) else {
                continue;
            };
            if p.international {
                if let Some(answer) = phone_rules::decide_international(&p.digits) {
                    let expected = parse_valid(None, &format!("+{}", p.digits)).is_some();
                    assert_eq!(answer, expected, "international replay disagrees: {input}");
                }
                continue;
            }
            for &region in DEFAULT_PHONE_REGIONS {
                if let Some(answer) = phone_rules::decide_national(region.as_ref(), &p.digits) {
                    let expected = parse_valid(Some(region), &p.digits).is_some();
                    assert_eq!(
                        answer, expected,
                        "national replay disagrees in {region:?}: {input}"
                    );
                    decided += 1;
                    valid += usize::from(expected);
                }
            }
        }
        assert!(
            decided > 40_000 && valid > 1000,
            "too few replays to mean anything: {decided} decided, {valid} valid"
        );
    }

    #[test]
    fn phone_vectors() {
        for ok in [
            "+1 201-555-0123",
            "+12015550123",
            "(201) 555-0123",
            "201.555.0123",
            "+44 7400 123456",
            "+44 20 7946 0958",
            "07400 123456",
            "0044 7400 123456",
            "+49 30 123456",
            "+49 1512 3456789",
            "030 123456",
            "+33 1 23 45 67 89",
            "01 23 45 67 89",
            "+34 612 34 56 78",
            "+91 81234 56789",
            "+61 412 345 678",
            "+65 8123 4567",
        ] {
            assert!(phone(ok), "{ok}");
        }
        for bad in [
            "123456",           // too short
            "1234567890123456", // too long
            "+1 555 555 5555",  // invalid area code 555
            "+44 1234",         // too short for GB
            "2024-01-15",       // date
            "15.01.2024",
            "192.168.1.10", // IPv4
            "1234.56",
            "+1 201-555-0123 ext", // letters
            "+1 (201) 555-0123#",
            "0000000000",
            "+999 1234567", // no such country code
            "1.2.3.4",
            "",
        ] {
            assert!(!phone(bad), "{bad}");
        }
    }

    #[test]
    fn phone_region() {
        assert!(phone_in_region("07400 123456", "GB"));
        assert!(phone_in_region("07400 123456", "gb"));
        assert!(phone_in_region("+44 7400 123456", "GB"));
        assert!(!phone_in_region("+44 7400 123456", "US"));
        assert!(phone_in_region("(201) 555-0123", "US"));
        assert!(!phone_in_region("(201) 555-0123", "XX"));
        assert!(!phone_in_region("(201) 555-0123", ""));
        assert!(!phone_in_region("abc", "US"));
    }

    #[test]
    fn phone_parser_fuzz_inputs_do_not_panic() {
        // Inputs the phonenumber parser has panicked on, plus punctuation soup.
        for s in [
            "  2 22#:",
            "+",
            "++1",
            "+()",
            "00",
            "+0000000",
            "(((((((",
            "+1-----------2",
            "1/2/3/4/5/6/7",
            "+800 1234 5678",
            "+882 1234 5678 9",
        ] {
            let _ = phone(s);
            let _ = phone_in_region(s, "US");
        }
    }

    #[test]
    fn dates_are_not_phone_numbers() {
        assert!(looks_like_date("01-02-2024"));
        assert!(looks_like_date("2024/01/02"));
        assert!(!looks_like_date("030-1234567"));
        assert!(looks_like_date("12.05.1990"));
        assert!(looks_like_date("1.2.24"));
        for not_date in [
            "",
            "01-02-2024-5",
            "01-0a-2024",
            "1--2024",
            "123-45-6789",
            "+44 20 7946",
            "2024-01",
        ] {
            assert!(!looks_like_date(not_date), "{not_date}");
        }
    }

    #[test]
    fn ip_vectors() {
        for ok in [
            "192.168.1.10",
            "8.8.8.8",
            "255.255.255.255",
            "1.2.3.4",
            "0.1.2.3",
            "100.200.0.255",
            "10.0.0.0",
            "::1",
            "2001:db8::8a2e:370:7334",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "::ffff:192.168.1.1",
            "fe80::1",
        ] {
            assert!(ip_address(ok), "{ok}");
        }
        for bad in [
            "0.0.0.0",
            "256.1.1.1",
            "192.168.01.1",
            "192.168.1",
            "192.168.1.1.1",
            "1.2.3.4.",
            ".1.2.3.4",
            "1..2.3",
            "00.1.1.1",
            "1000.1.1.1",
            "1.2.3.256",
            "1.2.3.04",
            "192.168.1.-1",
            "::",
            "fe80::1%eth0",
            "12:30:45",
            "2001:db8::g",
            "1234.56",
            "1.2.3",
            "a.b.c.d",
            "",
        ] {
            assert!(!ip_address(bad), "{bad}");
        }
    }

    #[test]
    fn mac_vectors() {
        for ok in [
            "00:1A:2B:3C:4D:5E",
            "00-1a-2b-3c-4d-5e",
            "001a.2b3c.4d5e",
            "ff:ff:ff:ff:ff:fe",
        ] {
            assert!(mac_address(ok), "{ok}");
        }
        for bad in [
            "00:00:00:00:00:00",
            "FF:FF:FF:FF:FF:FF",
            "ff-ff-ff-ff-ff-ff",
            "00:1A:2B-3C:4D:5E",
            "00:1A:2B:3C:4D",
            "00:1A:2B:3C:4D:5G",
            "001A.2B3C.4D5",
            "001a:2b3c:4d5e",
            "00.1A.2B.3C.4D.5E",
            "12:30:45:00:00:01:02",
        ] {
            assert!(!mac_address(bad), "{bad}");
        }
    }

    #[test]
    fn gps_vectors() {
        for ok in [
            "48.8584, 2.2945",
            "48.858370,2.294481",
            "-33.8568 151.2153",
            "+40.6892, -74.0445",
            "-90.0000, 180.0000",
        ] {
            assert!(gps(ok), "{ok}");
        }
        for bad in [
            "48.858, 2.2945",  // 3 decimals
            "91.0000, 2.2945", // latitude out of range
            "48.8584, 180.0001",
            "0.0000, 0.0000",
            "48.8584",
            "48.8584, 2.2945, 1.0000",
            "1234.5678, 12.3456",
            "48,8584, 2,2945",
            "48.8584; 2.2945",
            "1.2.3.4",
            "abc, def",
        ] {
            assert!(!gps(bad), "{bad}");
        }
    }

    #[test]
    fn dns_names_are_labels_joined_by_dots() {
        // Against the definition label by label, on every string of up to 6 characters
        // over an alphabet of the interesting ones, and at the 63-character limit.
        let label = |l: &[u8]| {
            !l.is_empty()
                && l.len() <= 63
                && l[0] != b'-'
                && l[l.len() - 1] != b'-'
                && l.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
        };
        let alphabet = b"a-.9_";
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = strings
                .iter()
                .filter(|s| s.len() == strings.last().map_or(0, Vec::len))
                .flat_map(|s| alphabet.iter().map(move |&c| [s.as_slice(), &[c]].concat()))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            let want = s.split(|&b| b == b'.').all(label);
            assert_eq!(is_dns_name(s), want, "{}", String::from_utf8_lossy(s));
        }
        let long = "b".repeat(63);
        assert!(is_dns_name(format!("{long}.com").as_bytes()));
        assert!(!is_dns_name(format!("{long}b.com").as_bytes()));
    }

    #[test]
    fn email_vectors() {
        for ok in [
            "jane.doe@example.com",
            "j+tag@sub.example.co.uk",
            "o'brien@example.ie",
            "user_1@xn--bcher-kva.example",
            "a@b.co",
            "x@example.xn--p1ai",
        ] {
            assert!(email(ok), "{ok}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_label = format!("a@{}.com", "b".repeat(64));
        for bad in [
            "jane.doe@example",
            "jane..doe@example.com",
            ".jane@example.com",
            "jane.@example.com",
            "jane@@example.com",
            "jane@exa@mple.com",
            "@example.com",
            "jane@-example.com",
            "jane@example-.com",
            "jane@example.c",
            "jane@example.123",
            "jane doe@example.com",
            "jane@exam_ple.com",
            "user@[192.168.1.1]",
            "name@1.2.3.4",
            long_local.as_str(),
            long_label.as_str(),
        ] {
            assert!(!email(bad), "{bad}");
        }
    }

    #[test]
    fn url_credentials_vectors() {
        for ok in [
            "postgres://admin:s3cr3t@db.internal:5432/app",
            "https://user:p%40ss@example.com/path",
            "redis://:hunter2@cache:6379/0",
            "mysql://root:p@ss@localhost/db",
            "amqp://guest:password@rabbit",
            "ftp://bob:Tr0ub4dor@[2001:db8::1]:21/",
        ] {
            assert!(url_with_credentials(ok), "{ok}");
        }
        for bad in [
            "postgres://admin@db.internal/app",  // no password
            "postgres://admin:@db.internal/app", // empty password
            "postgres://admin:***@db.internal/app",
            "postgres://admin:****@db",
            "postgres://admin:xxx@db",
            "postgres://admin:XXXX@db",
            "postgres://admin:${DB_PASSWORD}@db",
            "postgres://admin:$DB_PASSWORD@db",
            "postgres://admin:<password>@db",
            "postgres://admin:{password}@db",
            "postgres://admin:{{ db_pass }}@db",
            "postgres://admin:%s@db",
            "postgres://admin:%(password)s@db",
            "postgres://admin:secret@", // no host
            "postgres://admin:secret@:5432",
            "admin:secret@db", // no scheme
            "1http://admin:secret@db",
            "https://example.com/a:b@c", // '@' only in the path
            "https://admin:sec ret@db",
        ] {
            assert!(!url_with_credentials(bad), "{bad}");
        }
    }
}
