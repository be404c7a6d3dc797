//! Decoys: values that look like personal data to a careless detector but are not —
//! identifiers, versions, hashes, timestamps, prices — and wrong-check-digit twins of every
//! checksummed class. A decoy is never labelled with a class: it is a decoy by what it *is*
//! (an order id, a hash). Some may satisfy a checksum by chance — a random 9-digit reference
//! passes the ABA check one time in ten — which is the point: only context can tell them
//! apart, so they test that the engine uses it.

use rand::Rng;

use crate::check::{luhn_check_digit, passes_check};
use crate::draw::{
    ALNUM, HEX_LOWER, LOWER_ALNUM, Rg, chance, chars_from, date, digit_vec, digits,
    digits_to_string, hex, int, pick, pick_str,
};
use crate::lexicon;
use crate::values;
use crate::{CHECKSUMMED_CLASSES, Profile};

/// The kinds of decoy the testkit generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecoyKind {
    /// RFC 4122 version-4 UUID.
    Uuid,
    /// Order number such as `ORD-2024-000123`.
    OrderNumber,
    /// Bare 9-digit reference number.
    ReferenceNumber,
    /// Four-part version string such as `7.36.123.231`.
    VersionString,
    /// ISO 8601 timestamp.
    IsoTimestamp,
    /// Unix epoch in milliseconds.
    EpochMillis,
    /// MD5 hex digest.
    Md5,
    /// SHA-1 hex digest.
    Sha1,
    /// SHA-256 hex digest.
    Sha256,
    /// A year 1990–2025.
    Year,
    /// A price such as `1234.56`.
    Price,
    /// `true`/`false` and friends.
    Boolean,
    /// Workflow status word.
    StatusWord,
    /// Product name.
    ProductName,
    /// Stock keeping unit.
    Sku,
    /// Host name.
    Hostname,
    /// File path.
    FilePath,
    /// HTTP status code.
    HttpStatus,
    /// Latency such as `123ms`.
    Latency,
    /// Git commit SHA (40 hex).
    GitSha,
    /// Semantic version `1.2.3`.
    Semver,
    /// TCP port.
    Port,
    /// Small count.
    Count,
    /// 16-digit number that fails Luhn.
    TrackingNumber,
    /// 11-digit shipment id.
    ShipmentId,
    /// ISO 3166 alpha-2 country code.
    CountryCode,
    /// ISO 4217 currency code.
    Currency,
    /// Ordered quantity.
    Quantity,
    /// Business text without personal data.
    Description,
    /// Phone type label (`mobile`, `home`).
    PhoneType,
    /// E-mail template name (`welcome_v2`).
    EmailTemplate,
    /// Card brand name (`visa`).
    CardBrand,
    /// CI build number.
    BuildNumber,
    /// A business date (order date, not a birth date).
    BusinessDate,
    /// Order number shaped like a phone number (digit groups), but not a valid one.
    PhoneLikeOrderNumber,
    /// SKU with long digit runs.
    DigitSku,
    /// EAN-13 barcode with a valid EAN check digit.
    Ean13,
    /// SSN-shaped number in a range the SSA never issues (000, 666, 9xx areas).
    InvalidSsn,
    /// Latitude or longitude alone (a sensor reading, not a coordinate pair).
    SingleCoordinate,
}

impl DecoyKind {
    /// Every decoy kind.
    pub const ALL: &'static [DecoyKind] = &[
        DecoyKind::Uuid,
        DecoyKind::OrderNumber,
        DecoyKind::ReferenceNumber,
        DecoyKind::VersionString,
        DecoyKind::IsoTimestamp,
        DecoyKind::EpochMillis,
        DecoyKind::Md5,
        DecoyKind::Sha1,
        DecoyKind::Sha256,
        DecoyKind::Year,
        DecoyKind::Price,
        DecoyKind::Boolean,
        DecoyKind::StatusWord,
        DecoyKind::ProductName,
        DecoyKind::Sku,
        DecoyKind::Hostname,
        DecoyKind::FilePath,
        DecoyKind::HttpStatus,
        DecoyKind::Latency,
        DecoyKind::GitSha,
        DecoyKind::Semver,
        DecoyKind::Port,
        DecoyKind::Count,
        DecoyKind::TrackingNumber,
        DecoyKind::ShipmentId,
        DecoyKind::CountryCode,
        DecoyKind::Currency,
        DecoyKind::Quantity,
        DecoyKind::Description,
        DecoyKind::PhoneType,
        DecoyKind::EmailTemplate,
        DecoyKind::CardBrand,
        DecoyKind::BuildNumber,
        DecoyKind::BusinessDate,
        DecoyKind::PhoneLikeOrderNumber,
        DecoyKind::DigitSku,
        DecoyKind::Ean13,
        DecoyKind::InvalidSsn,
        DecoyKind::SingleCoordinate,
    ];
}

/// A decoy value of the given kind.
pub fn decoy(kind: DecoyKind, rng: &mut impl Rng) -> String {
    decoy_dyn(kind, rng)
}

pub(crate) fn iso_timestamp(rng: &mut Rg<'_>) -> String {
    let (y, m, d) = date(rng, 2019, 2025);
    let (hh, mm, ss, ms) = (
        int(rng, 0, 23),
        int(rng, 0, 59),
        int(rng, 0, 59),
        int(rng, 0, 999),
    );
    match int(rng, 0, 2) {
        0 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z"),
        1 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{ms:03}Z"),
        _ => format!("{y}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}"),
    }
}

pub(crate) fn uuid(rng: &mut Rg<'_>) -> String {
    let h = hex(rng, 16);
    let variant = pick_str(rng, &["8", "9", "a", "b"]);
    format!(
        "{}-{}-4{}-{variant}{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

pub(crate) fn decoy_dyn(kind: DecoyKind, rng: &mut Rg<'_>) -> String {
    match kind {
        DecoyKind::Uuid => uuid(rng),
        DecoyKind::OrderNumber => match int(rng, 0, 2) {
            0 => format!("ORD-{}-{:06}", int(rng, 2019, 2025), int(rng, 1, 999_999)),
            1 => format!("SO{}", int(rng, 100_000, 999_999)),
            _ => format!("#{}", int(rng, 10_000, 99_999)),
        },
        DecoyKind::ReferenceNumber => format!("{}{}", int(rng, 1, 9), digits(rng, 8)),
        DecoyKind::VersionString => format!(
            "{}.{}.{}.{}",
            int(rng, 1, 20),
            int(rng, 0, 99),
            int(rng, 0, 999),
            int(rng, 0, 999)
        ),
        DecoyKind::IsoTimestamp => iso_timestamp(rng),
        DecoyKind::EpochMillis => int(rng, 1_550_000_000_000, 1_760_000_000_000).to_string(),
        DecoyKind::Md5 => hex(rng, 16),
        DecoyKind::Sha1 | DecoyKind::GitSha => hex(rng, 20),
        DecoyKind::Sha256 => hex(rng, 32),
        DecoyKind::Year => int(rng, 1990, 2025).to_string(),
        DecoyKind::Price => format!("{}.{:02}", int(rng, 0, 4999), int(rng, 0, 99)),
        DecoyKind::Boolean => pick_str(
            rng,
            &[
                "true", "false", "true", "false", "TRUE", "0", "1", "yes", "no",
            ],
        )
        .to_string(),
        DecoyKind::StatusWord => pick_str(rng, lexicon::STATUS_WORDS).to_string(),
        DecoyKind::ProductName => pick_str(rng, lexicon::PRODUCTS).to_string(),
        DecoyKind::Sku => format!(
            "{}-{}-{}",
            chars_from(rng, b"ABCDEFGHJKLMNPRSTUVWXYZ", 3),
            int(rng, 100, 999),
            pick_str(rng, &["BLK", "WHT", "RED", "L", "XL", "S", "M"])
        ),
        DecoyKind::Hostname => pick_str(rng, lexicon::HOSTNAMES).to_string(),
        DecoyKind::FilePath => pick_str(rng, lexicon::FILE_PATHS).to_string(),
        DecoyKind::HttpStatus => pick_str(
            rng,
            &[
                "200", "200", "201", "204", "301", "302", "304", "400", "401", "403", "404", "409",
                "429", "500", "502", "503",
            ],
        )
        .to_string(),
        DecoyKind::Latency => format!("{}ms", int(rng, 1, 2500)),
        DecoyKind::Semver => format!("{}.{}.{}", int(rng, 0, 9), int(rng, 0, 40), int(rng, 0, 30)),
        DecoyKind::Port => pick_str(
            rng,
            &[
                "80", "443", "8080", "5432", "3306", "6379", "9200", "27017", "5672", "22",
            ],
        )
        .to_string(),
        DecoyKind::Count => int(rng, 0, 5000).to_string(),
        DecoyKind::TrackingNumber => {
            let mut d = vec![*pick(rng, &[1u8, 9, 4, 5])];
            d.extend(digit_vec(rng, 14));
            let good = luhn_check_digit(&d);
            d.push((good + int(rng, 1, 9) as u8) % 10);
            digits_to_string(&d)
        }
        DecoyKind::ShipmentId => format!("{}{}", int(rng, 1, 9), digits(rng, 10)),
        DecoyKind::CountryCode => pick_str(rng, lexicon::COUNTRY_CODES).to_string(),
        DecoyKind::Currency => pick_str(rng, lexicon::CURRENCIES).to_string(),
        DecoyKind::Quantity => int(rng, 1, 250).to_string(),
        DecoyKind::Description => {
            let a = pick_str(rng, lexicon::BUSINESS_SENTENCES);
            if chance(rng, 0.4) {
                format!("{a} {}", pick_str(rng, lexicon::BUSINESS_SENTENCES))
            } else {
                a.to_string()
            }
        }
        DecoyKind::PhoneType => pick_str(
            rng,
            &["mobile", "home", "work", "fax", "MOBILE", "landline"],
        )
        .to_string(),
        DecoyKind::EmailTemplate => format!(
            "{}_v{}",
            pick_str(
                rng,
                &[
                    "welcome",
                    "password_reset",
                    "order_confirmation",
                    "newsletter",
                    "invoice",
                    "abandoned_cart"
                ]
            ),
            int(rng, 1, 5)
        ),
        DecoyKind::CardBrand => pick_str(
            rng,
            &[
                "visa",
                "mastercard",
                "amex",
                "discover",
                "jcb",
                "Visa",
                "MasterCard",
            ],
        )
        .to_string(),
        DecoyKind::BuildNumber => match int(rng, 0, 2) {
            0 => format!("build-{}", int(rng, 1000, 99_999)),
            1 => format!("{}.{}", int(rng, 2019, 2025), int(rng, 1, 9999)),
            _ => int(rng, 1000, 99_999).to_string(),
        },
        DecoyKind::BusinessDate => {
            let (y, m, d) = date(rng, 2015, 2025);
            format!("{y}-{m:02}-{d:02}")
        }
        DecoyKind::PhoneLikeOrderNumber => match int(rng, 0, 2) {
            0 => format!(
                "{}-{}-{}",
                int(rng, 2019, 2025),
                digits(rng, 4),
                digits(rng, 6)
            ),
            1 => format!(
                "PO-{}-{}-{}-{:02}",
                digits(rng, 3),
                digits(rng, 3),
                digits(rng, 4),
                int(rng, 1, 99)
            ),
            _ => format!("0000{} {}", digits(rng, 4), digits(rng, 5)),
        },
        DecoyKind::DigitSku => format!(
            "{}{}-{}-{}",
            chars_from(rng, b"ABCDEFGHJKLMNPRSTUVWXYZ", 2),
            digits(rng, 4),
            digits(rng, 4),
            pick_str(rng, &["BLK", "WHT", "01", "02", "XL"])
        ),
        DecoyKind::Ean13 => {
            let mut d = vec![*pick(rng, &[4u8, 5, 8, 9]), int(rng, 0, 9) as u8];
            d.extend(digit_vec(rng, 10));
            let s: u32 = d
                .iter()
                .enumerate()
                .map(|(i, &x)| u32::from(x) * if i % 2 == 0 { 1 } else { 3 })
                .sum();
            d.push(((10 - s % 10) % 10) as u8);
            digits_to_string(&d)
        }
        DecoyKind::InvalidSsn => {
            let area = match int(rng, 0, 2) {
                0 => 0,
                1 => 666,
                _ => int(rng, 900, 999),
            };
            // A 9xx area with an ITIN group would be a valid ITIN, not a decoy.
            let group = if area >= 900 {
                *pick(rng, &[1u64, 12, 23, 34, 45, 49, 66, 67, 68, 69, 89, 93])
            } else {
                int(rng, 1, 99)
            };
            format!("{area:03}-{group:02}-{:04}", int(rng, 1, 9999))
        }
        DecoyKind::SingleCoordinate => {
            let whole = int(rng, 0, 179) as f64;
            format!("{:.5}", whole + int(rng, 0, 99_999) as f64 / 100_000.0)
        }
    }
}

/// A value shaped exactly like a valid value of a checksummed `class` (same format, same
/// length) whose check digit is wrong, so [`passes_check`] rejects it. `None` for classes
/// without a check digit (see [`crate::CHECKSUMMED_CLASSES`]).
pub fn corrupt_check_digit(class: &str, rng: &mut impl Rng) -> Option<String> {
    corrupt_for(Profile::Standard, class, rng)
}

/// [`corrupt_check_digit`] drawing the valid twin from the given profile.
pub fn corrupt_for(profile: Profile, class: &str, rng: &mut impl Rng) -> Option<String> {
    corrupt_dyn(profile, class, rng)
}

pub(crate) fn corrupt_dyn(profile: Profile, class: &str, rng: &mut Rg<'_>) -> Option<String> {
    if !CHECKSUMMED_CLASSES.contains(&class) {
        return None;
    }
    // Every path below changes the check character to a different one, which already fails
    // for the unique-check-digit schemes; the loop covers the rare schemes where a changed
    // character can still verify (two-century Belgian check, Base58Check collisions).
    for _ in 0..64 {
        let valid = values::generate(profile, class, rng)?;
        let broken = match class {
            "IBAN" => replace_nth_alnum(rng, &valid, 3),
            "AU_MEDICARE" => replace_nth_digit(rng, &valid, 8),
            "CRYPTO_WALLET" => corrupt_wallet(rng, &valid),
            _ => replace_last_alnum(rng, &valid),
        };
        if let Some(b) = broken
            && passes_check(class, &b) == Some(false)
        {
            return Some(b);
        }
    }
    None
}

fn different(rng: &mut Rg<'_>, c: char) -> char {
    loop {
        let n = if c.is_ascii_digit() {
            char::from(b'0' + int(rng, 0, 9) as u8)
        } else if c.is_ascii_lowercase() {
            char::from(b'a' + int(rng, 0, 25) as u8)
        } else {
            char::from(b'A' + int(rng, 0, 25) as u8)
        };
        if n != c {
            return n;
        }
    }
}

fn replace_at(rng: &mut Rg<'_>, s: &str, byte_idx: usize) -> Option<String> {
    let c = s[byte_idx..].chars().next()?;
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..byte_idx]);
    out.push(different(rng, c));
    out.push_str(&s[byte_idx + c.len_utf8()..]);
    Some(out)
}

fn replace_last_alnum(rng: &mut Rg<'_>, s: &str) -> Option<String> {
    let (i, _) = s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_alphanumeric())?;
    replace_at(rng, s, i)
}

fn replace_nth_alnum(rng: &mut Rg<'_>, s: &str, n: usize) -> Option<String> {
    let (i, _) = s
        .char_indices()
        .filter(|(_, c)| c.is_ascii_alphanumeric())
        .nth(n)?;
    replace_at(rng, s, i)
}

fn replace_nth_digit(rng: &mut Rg<'_>, s: &str, n: usize) -> Option<String> {
    let (i, _) = s
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .nth(n)?;
    replace_at(rng, s, i)
}

fn corrupt_wallet(rng: &mut Rg<'_>, s: &str) -> Option<String> {
    if let Some(hex) = s.strip_prefix("0x") {
        // Flip the case of one letter: same address, broken EIP-55 checksum.
        let letters: Vec<usize> = hex
            .char_indices()
            .filter(|(_, c)| c.is_ascii_alphabetic())
            .map(|(i, _)| i)
            .collect();
        let &i = letters.get(int(rng, 0, letters.len().saturating_sub(1) as u64) as usize)?;
        let mut b = hex.as_bytes().to_vec();
        b[i] = if b[i].is_ascii_uppercase() {
            b[i].to_ascii_lowercase()
        } else {
            b[i].to_ascii_uppercase()
        };
        return Some(format!("0x{}", String::from_utf8(b).ok()?));
    }
    let (alphabet, start): (&[u8], usize) = if s.starts_with("bc1") {
        (b"qpzry9x8gf2tvdw0s3jn54khce6mua7l", 4)
    } else {
        (
            b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
            1,
        )
    };
    let i = int(rng, start as u64, s.len() as u64 - 1) as usize;
    let old = s.as_bytes()[i];
    let new = loop {
        let c = *pick(rng, alphabet);
        if c != old {
            break c;
        }
    };
    let mut b = s.as_bytes().to_vec();
    b[i] = new;
    String::from_utf8(b).ok()
}

/// Random lower-case alphanumerics; used for synthetic ids in decoy lines.
pub(crate) fn token(rng: &mut Rg<'_>, n: usize) -> String {
    chars_from(rng, LOWER_ALNUM, n)
}

/// Random mixed-case alphanumerics.
pub(crate) fn mixed_token(rng: &mut Rg<'_>, n: usize) -> String {
    chars_from(rng, ALNUM, n)
}

/// Random lower-case hex.
pub(crate) fn hex_token(rng: &mut Rg<'_>, n: usize) -> String {
    chars_from(rng, HEX_LOWER, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes_structure;
    use rand::SeedableRng;

    #[test]
    fn corrupted_values_fail_their_check() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for p in [Profile::Standard, Profile::Holdout] {
            for class in CHECKSUMMED_CLASSES {
                for _ in 0..200 {
                    let bad = corrupt_for(p, class, &mut rng).unwrap();
                    assert_eq!(passes_check(class, &bad), Some(false), "{class}: {bad}");
                }
            }
        }
        assert!(corrupt_check_digit("EMAIL", &mut rng).is_none());
    }

    #[test]
    fn luhn_shaped_decoys_fail_luhn_and_invalid_ssns_are_out_of_range() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
        for _ in 0..500 {
            let t = decoy(DecoyKind::TrackingNumber, &mut rng);
            assert_eq!(t.len(), 16);
            assert_eq!(passes_check("CREDIT_CARD", &t), Some(false));
            let s = decoy(DecoyKind::InvalidSsn, &mut rng);
            let area: u32 = s[..3].parse().unwrap();
            assert!(area == 0 || area == 666 || area >= 900);
            assert_eq!(passes_structure("US_SSN", &s), Some(false), "{s}");
            assert_eq!(passes_structure("US_ITIN", &s), Some(false), "{s}");
        }
        for kind in DecoyKind::ALL {
            assert!(!decoy(*kind, &mut rng).is_empty(), "{kind:?}");
        }
    }
}
