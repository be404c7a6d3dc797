//! Generic check-digit algorithms (Luhn, Verhoeff, ISO 7064) and the financial identifiers
//! built on them: payment cards, IMEI, IBAN, BIC and ABA routing numbers.
//!
//! Pure functions over the candidate string; never panic, never allocate more than a few
//! dozen bytes, never keep or print the value.

use super::{all_same, digits_sep, number};

/// Luhn mod-10 over a digit string (spaces and single dashes allowed between digits); at
/// least 2 digits.
pub fn luhn(digits: &str) -> bool {
    match digits_sep(digits, b" -", 64) {
        Some(d) if d.len() >= 2 => luhn_ok(&d),
        _ => false,
    }
}

/// Luhn over digit values; the rightmost digit is the check digit.
pub(super) fn luhn_ok(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let v = u32::from(x);
            if i % 2 == 1 {
                let v = v * 2;
                if v > 9 { v - 9 } else { v }
            } else {
                v
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff dihedral-group checksum over a digit string (spaces and single dashes allowed);
/// the last digit is the check digit. At least 2 digits.
pub fn verhoeff(s: &str) -> bool {
    match digits_sep(s, b" -", 64) {
        Some(d) if d.len() >= 2 => verhoeff_ok(&d),
        _ => false,
    }
}

/// Verhoeff over digit values (each 0..=9).
pub(super) fn verhoeff_ok(d: &[u8]) -> bool {
    let mut c = 0usize;
    for (i, &x) in d.iter().rev().enumerate() {
        let p = VERHOEFF_P[i % 8][usize::from(x % 10)];
        c = usize::from(VERHOEFF_D[c][usize::from(p)]);
    }
    c == 0
}

/// ISO/IEC 7064 MOD 11,10 (hybrid system) over a digit string whose last digit is the check
/// digit; used by the German tax id. At least 2 digits, no separators.
pub fn iso7064_mod11_10(s: &str) -> bool {
    match digits_sep(s, b"", 64) {
        Some(d) if d.len() >= 2 => iso7064_mod11_10_ok(&d),
        _ => false,
    }
}

pub(super) fn iso7064_mod11_10_ok(d: &[u8]) -> bool {
    let Some((&check, body)) = d.split_last() else {
        return false;
    };
    let mut product = 10u32;
    for &x in body {
        let mut sum = (u32::from(x) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let expected = match 11 - product {
        10 => 0,
        v => v,
    };
    expected == u32::from(check)
}

/// Payment card number: 12–19 digits (single spaces or dashes between groups allowed), not
/// all the same digit, Luhn-valid, and a length that the issuer of its prefix uses.
pub fn credit_card(s: &str) -> bool {
    let Some(d) = digits_sep(s, b" -", 32) else {
        return false;
    };
    (12..=19).contains(&d.len()) && !all_same(&d) && luhn_ok(&d) && known_issuer(&d)
}

/// Whether the IIN prefix belongs to a card scheme that issues numbers of this length.
fn known_issuer(d: &[u8]) -> bool {
    let n = d.len();
    // The number of the first one to six digits (all of them if there are fewer), built
    // digit by digit: dividing the six-digit prefix by a power of ten is a division by a
    // variable, slower than the rest of the card's checks.
    let mut prefixes = [0u64; 7];
    for k in 1..=6 {
        prefixes[k] = d
            .get(k - 1)
            .map_or(prefixes[k - 1], |&x| prefixes[k - 1] * 10 + u64::from(x));
    }
    issuer_rules(n, |k| prefixes[k])
}

/// The card schemes' prefix and length rules, for a number of `n` digits whose first `k`
/// digits read as the number `p(k)`.
fn issuer_rules(n: usize, p: impl Fn(usize) -> u64) -> bool {
    let visa = p(1) == 4 && matches!(n, 13 | 16 | 19);
    let mastercard = ((51..=55).contains(&p(2)) || (2221..=2720).contains(&p(4))) && n == 16;
    let amex = matches!(p(2), 34 | 37) && n == 15;
    let discover = (p(4) == 6011
        || (644..=649).contains(&p(3))
        || p(2) == 65
        || (622_126..=622_925).contains(&p(6)))
        && (16..=19).contains(&n);
    let jcb = (3528..=3589).contains(&p(4)) && (16..=19).contains(&n);
    let diners =
        ((300..=305).contains(&p(3)) || matches!(p(2), 36 | 38 | 39)) && (14..=19).contains(&n);
    let unionpay = p(2) == 62 && (16..=19).contains(&n);
    let maestro = (p(2) == 50 || (56..=69).contains(&p(2))) && (12..=19).contains(&n);
    let mir = (2200..=2204).contains(&p(4)) && (16..=19).contains(&n);
    visa || mastercard || amex || discover || jcb || diners || unionpay || maestro || mir
}

/// IMEI: 15 digits (spaces, dashes or slashes between groups allowed), Luhn-valid, not all
/// zeros.
pub fn imei(s: &str) -> bool {
    match digits_sep(s, b" -/", 40) {
        Some(d) => d.len() == 15 && d.iter().any(|&x| x != 0) && luhn_ok(&d),
        None => false,
    }
}

/// ABA routing transit number: 9 digits, a Federal Reserve prefix (00–12, 21–32, 61–72, 80)
/// and the 3-7-1 weighted checksum.
pub fn aba_routing(s: &str) -> bool {
    let Some(d) = digits_sep(s, b"", 16) else {
        return false;
    };
    if d.len() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let prefix = number(&d[..2]);
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return false;
    }
    let w = |i: usize| u32::from(d[i]);
    let sum = 3 * (w(0) + w(3) + w(6)) + 7 * (w(1) + w(4) + w(7)) + (w(2) + w(5) + w(8));
    sum.is_multiple_of(10)
}

/// IBAN lengths per country from the SWIFT IBAN registry (ISO 13616). Overseas territories
/// that use their parent's code (GF, GP, RE... under FR; IM, JE, GG under GB; AX under FI)
/// are covered by the parent entry.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

fn iban_length(country: &[u8]) -> Option<usize> {
    /// [`IBAN_LENGTHS`] indexed by the two letters, 0 where no IBAN is registered: one load
    /// instead of a binary search whose every step is a coin toss.
    static BY_LETTERS: [u8; 26 * 26] = {
        let mut table = [0u8; 26 * 26];
        let mut i = 0;
        while i < IBAN_LENGTHS.len() {
            let (code, len) = IBAN_LENGTHS[i];
            let code = code.as_bytes();
            table[(code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize] = len as u8;
            i += 1;
        }
        table
    };
    let &[a, b] = country else {
        return None;
    };
    if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
        return None;
    }
    let len = BY_LETTERS[usize::from(a - b'A') * 26 + usize::from(b - b'A')];
    (len > 0).then_some(usize::from(len))
}

/// IBAN (ISO 13616): registered country code, check digits 02–98, the exact length the
/// registry gives for that country, and mod-97 == 1. Case-insensitive; single spaces between
/// characters are ignored.
pub fn iban(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 64 {
        return false;
    }
    // Every byte is written and only kept ones advance, and the checks are gathered into
    // one flag: no branch per byte on random characters.
    let mut buf = [0u8; 64];
    let mut n = 0;
    let (mut prev_space, mut bad) = (false, false);
    for b in s.bytes() {
        let space = b == b' ';
        bad |= (space && prev_space) || !(space || b.is_ascii_alphanumeric());
        prev_space = space;
        buf[n] = b.to_ascii_uppercase();
        n += usize::from(!space);
    }
    if bad || n > 34 {
        return false;
    }
    let iban = &buf[..n];
    if n < 5 || !iban[..2].iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    if !iban[2..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    // 00, 01 and 99 are never produced by the check-digit algorithm (98 - r, r in 0..=96).
    if !(2..=98).contains(&number(&[iban[2] - b'0', iban[3] - b'0'])) {
        return false;
    }
    if iban_length(&iban[..2]) != Some(n) {
        return false;
    }
    mod97(mod97(0, &iban[4..]), &iban[..4]) == 1
}

/// Remainder mod 97 of the number spelled by `r` followed by upper-case alphanumerics,
/// letters counting as 10..=35 (two decimal digits), as ISO 7064 MOD 97-10 does.
fn mod97(r: u64, chars: &[u8]) -> u64 {
    // Reduced once per eight characters, not at every one: a division per character made
    // one long chain of dependent divisions. From a remainder below 97, eight steps of at
    // most `r * 100 + 265` stay below 2^64. Digits and letters step alike (`r * 10 + d`,
    // `r * 100 + 10..=35`), so there is no branch on which it is.
    let mut r = r % 97;
    for chunk in chars.chunks(8) {
        for &c in chunk {
            let (scale, value) = if c.is_ascii_digit() {
                (10, u64::from(c.wrapping_sub(b'0')))
            } else {
                (100, u64::from(c.wrapping_sub(b'A')) + 10)
            };
            r = r * scale + value;
        }
        r %= 97;
    }
    r
}

/// ISO 3166-1 alpha-2 codes (sorted), plus XK (Kosovo), which SWIFT assigns.
const ISO_COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

pub(super) fn is_country_code(code: &[u8]) -> bool {
    ISO_COUNTRIES
        .binary_search_by(|c| c.as_bytes().cmp(code))
        .is_ok()
}

/// SWIFT/BIC (ISO 9362): 8 or 11 upper-case characters — 4-letter institution, an existing
/// ISO 3166 country, 2 alphanumeric location characters, optional 3 alphanumeric branch.
/// Lower case is rejected: BICs are written in capitals, and ordinary lower-case words would
/// otherwise pass.
pub fn swift_bic(s: &str) -> bool {
    let b = s.trim().as_bytes();
    if b.len() != 8 && b.len() != 11 {
        return false;
    }
    let upper_alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    b[..4].iter().all(u8::is_ascii_uppercase)
        && b[4..6].iter().all(u8::is_ascii_uppercase)
        && is_country_code(&b[4..6])
        && b[6..].iter().all(upper_alnum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_vectors() {
        assert!(luhn("79927398713"));
        assert!(luhn("7992 7398 713"));
        assert!(!luhn("79927398710"));
        assert!(!luhn("79927398731")); // transposed
        assert!(!luhn("7"));
        assert!(!luhn("7992-7398--713"));
        assert!(!luhn("79927398713a"));
        assert!(luhn_ok(&[0, 0]));
    }

    #[test]
    fn verhoeff_vectors() {
        // Published examples: 236 -> check 3, 12345 -> check 1.
        assert!(verhoeff("2363"));
        assert!(verhoeff("123451"));
        assert!(!verhoeff("2364"));
        assert!(!verhoeff("123415")); // transposition, which Verhoeff always catches
        assert!(!verhoeff("3"));
    }

    #[test]
    fn iso7064_vectors() {
        assert!(iso7064_mod11_10("86095742719"));
        assert!(!iso7064_mod11_10("86095742718"));
        assert!(!iso7064_mod11_10("8"));
    }

    /// The issuer rules read prefixes digit by digit; over prefixes taken by division of the
    /// six-digit prefix, as they were read before, they give the same answers, for every
    /// 4-digit prefix and every 6-digit one in Discover's and UnionPay's 622xxx ranges, at
    /// every length.
    #[test]
    fn issuer_prefixes_read_digit_by_digit_are_those_by_division() {
        fn by_division(d: &[u8]) -> bool {
            let m = d.len().min(6) as u32;
            let six = number(&d[..m as usize]);
            issuer_rules(d.len(), |k| six / 10u64.pow(m.saturating_sub(k as u32)))
        }
        let digits = |v: u64, width: usize| -> Vec<u8> {
            let text = format!("{v:0width$}");
            text.bytes().map(|b| b - b'0').collect()
        };
        let mut issued = 0;
        for (prefix, width) in (0..10_000)
            .map(|p| (p, 4))
            .chain((622_000..623_000).map(|p| (p, 6)))
        {
            for n in 1..=19usize {
                let mut d = digits(prefix, width);
                d.resize(n.max(width), 7);
                d.truncate(n);
                assert_eq!(known_issuer(&d), by_division(&d), "{d:?}");
                issued += usize::from(known_issuer(&d));
            }
        }
        assert!(issued > 1_000);
    }

    #[test]
    fn credit_card_vectors() {
        // Issuer test numbers.
        for pan in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "4012888888881881",
            "4222222222222", // Visa 13
            "5555555555554444",
            "5105105105105100",
            "2223003122003222", // Mastercard 2-series
            "378282246310005",
            "371449635398431",
            "6011111111111117",
            "6011000990139424",
            "3530111333300000",
            "3566002020360505",
            "30569309025904", // Diners 14
            "38520000023237",
            "6200000000000005", // UnionPay
            "6759649826438453", // Maestro
            "2202200012345672", // Mir
            "2204123456789015", // Mir
        ] {
            assert!(credit_card(pan), "{pan}");
        }
        for decoy in [
            "4111111111111112",                 // one digit changed
            "4111111111111121",                 // transposed
            "411111111111111",                  // 15-digit Visa
            "1234567812345670",                 // Luhn-valid, no issuer starts with 1
            "2205000000000009",                 // Luhn-valid, just past Mir's 2200-2204
            "0000000000000000",                 // all zeros
            "8888888888888888",                 // all same
            "4111  1111 1111 1111",             // double space
            "4111_1111_1111_1111",              // unknown separator
            "550e8400e29b41d4a716446655440000", // UUID
            "1234.56",
            "20240115103000",
        ] {
            assert!(!credit_card(decoy), "{decoy}");
        }
        assert!(credit_card("378282246310005 "));
        assert!(!credit_card("5555555555555555"));
        // Amex prefix at the wrong length, Mastercard at 15.
        assert!(!credit_card("3782822463100"));
        assert!(!credit_card("555555555555444"));
    }

    #[test]
    fn imei_vectors() {
        assert!(imei("490154203237518"));
        assert!(imei("49-015420-323751-8"));
        assert!(imei("35 209900 176148 1"));
        assert!(!imei("490154203237519"));
        assert!(!imei("490154203237581"));
        assert!(!imei("000000000000000"));
        assert!(!imei("49015420323751"));
    }

    #[test]
    fn aba_vectors() {
        assert!(aba_routing("011000015"));
        assert!(aba_routing("021000021"));
        assert!(aba_routing("111000025"));
        assert!(aba_routing("322271627"));
        assert!(!aba_routing("011000016"));
        assert!(!aba_routing("021000012"));
        assert!(!aba_routing("000000000"));
        assert!(!aba_routing("02100002"));
        assert!(!aba_routing("0210000210"));
        // Checksum-valid but prefix 50 is not a Federal Reserve district range.
        assert!(!aba_routing("500000005"));
        assert!(aba_routing(" 021000021 "));
        assert!(!aba_routing("021-000-021"));
    }

    /// One example IBAN for every registry country (SWIFT IBAN registry examples).
    const REGISTRY_EXAMPLES: &[&str] = &[
        "AD12 0001 2030 2003 5910 0100",
        "AE07 0331 2345 6789 0123 456",
        "AL47 2121 1009 0000 0002 3569 8741",
        "AT61 1904 3002 3457 3201",
        "AZ21 NABZ 0000 0000 1370 1000 1944",
        "BA39 1290 0794 0102 8494",
        "BE68 5390 0754 7034",
        "BG80 BNBG 9661 1020 3456 78",
        "BH67 BMAG 0000 1299 1234 56",
        "BI42 1000 0100 0100 0033 2045 181",
        "BR18 0036 0305 0000 1000 9795 493C 1",
        "BY13 NBRB 3600 9000 0000 2Z00 AB00",
        "CH93 0076 2011 6238 5295 7",
        "CR05 0152 0200 1026 2840 66",
        "CY17 0020 0128 0000 0012 0052 7600",
        "CZ65 0800 0000 1920 0014 5399",
        "DE89 3704 0044 0532 0130 00",
        "DK50 0040 0440 1162 43",
        "DO28 BAGR 0000 0001 2124 5361 1324",
        "EE38 2200 2210 2014 5685",
        "EG38 0019 0005 0000 0000 2631 8000 2",
        "ES91 2100 0418 4502 0005 1332",
        "FI21 1234 5600 0007 85",
        "FO62 6460 0001 6316 34",
        "FR14 2004 1010 0505 0001 3M02 606",
        "GB29 NWBK 6016 1331 9268 19",
        "GE29 NB00 0000 0101 9049 17",
        "GI75 NWBK 0000 0000 7099 453",
        "GL89 6471 0001 0002 06",
        "GR16 0110 1250 0000 0001 2300 695",
        "GT82 TRAJ 0102 0000 0012 1002 9690",
        "HR12 1001 0051 8630 0016 0",
        "HU42 1177 3016 1111 1018 0000 0000",
        "IE29 AIBK 9311 5212 3456 78",
        "IL62 0108 0000 0009 9999 999",
        "IQ98 NBIQ 8501 2345 6789 012",
        "IS14 0159 2600 7654 5510 7303 39",
        "IT60 X054 2811 1010 0000 0123 456",
        "JO94 CBJO 0010 0000 0000 0131 0003 02",
        "KW81 CBKU 0000 0000 0000 1234 5601 01",
        "KZ86 125K ZT50 0410 0100",
        "LB62 0999 0000 0001 0019 0122 9114",
        "LC55 HEMM 0001 0001 0012 0012 0002 3015",
        "LI21 0881 0000 2324 013A A",
        "LT12 1000 0111 0100 1000",
        "LU28 0019 4006 4475 0000",
        "LV80 BANK 0000 4351 9500 1",
        "LY83 0020 4800 0020 1001 2036 1",
        "MC58 1122 2000 0101 2345 6789 030",
        "MD24 AG00 0225 1000 1310 4168",
        "ME25 5050 0001 2345 6789 51",
        "MK07 2501 2000 0058 984",
        "MR13 0002 0001 0100 0012 3456 753",
        "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
        "MU17 BOMM 0101 1010 3030 0200 000M UR",
        "NL91 ABNA 0417 1643 00",
        "NO93 8601 1117 947",
        "PK36 SCBL 0000 0011 2345 6702",
        "PL61 1090 1014 0000 0712 1981 2874",
        "PS92 PALS 0000 0000 0400 1234 5670 2",
        "PT50 0002 0123 1234 5678 9015 4",
        "QA58 DOHB 0000 1234 5678 90AB CDEF G",
        "RO49 AAAA 1B31 0075 9384 0000",
        "RS35 2600 0560 1001 6113 79",
        "SA03 8000 0000 6080 1016 7519",
        "SC18 SSCB 1101 0000 0000 0000 1497 USD",
        "SD21 2901 0501 2340 01",
        "SE45 5000 0000 0583 9825 7466",
        "SI56 2633 0001 2039 086",
        "SK31 1200 0000 1987 4263 7541",
        "SM86 U032 2509 8000 0000 0270 100",
        "ST23 0001 0001 0051 8453 1014 6",
        "SV62 CENR 0000 0000 0000 0070 0025",
        "TL38 0080 0123 4567 8910 157",
        "TN59 1000 6035 1835 9847 8831",
        "TR33 0006 1005 1978 6457 8413 26",
        "UA21 3223 1300 0002 6007 2335 6600 1",
        "VA59 0011 2300 0012 3456 78",
        "VG96 VPVG 0000 0123 4567 8901",
        "XK05 1212 0123 4567 8906",
        "NI45 BAPR 0000 0013 0000 0355 8124",
    ];

    #[test]
    fn iban_table_is_sorted_and_registry_examples_pass() {
        assert!(IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
        for example in REGISTRY_EXAMPLES {
            assert!(iban(example), "{example}");
            let compact: String = example.chars().filter(|c| *c != ' ').collect();
            assert!(iban(&compact), "{example}");
            assert!(iban(&compact.to_ascii_lowercase()), "{example}");
        }
    }

    #[test]
    fn mod97_is_the_remainder_of_the_whole_number() {
        // Against a reduction at every character, on long strings of every character (long
        // enough to need the reduction on overflow several times) and on every IBAN length.
        let naive = |s: &[u8]| {
            s.iter().fold(0u64, |r, &c| {
                if c.is_ascii_digit() {
                    (r * 10 + u64::from(c - b'0')) % 97
                } else {
                    (r * 100 + u64::from(c - b'A') + 10) % 97
                }
            })
        };
        use rand::{Rng, SeedableRng};
        let alphabet = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(97);
        for len in 0..200 {
            let s: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            assert_eq!(mod97(0, &s), naive(&s), "{}", String::from_utf8_lossy(&s));
            let cut = len / 3;
            assert_eq!(mod97(mod97(0, &s[..cut]), &s[cut..]), naive(&s));
        }
        assert_eq!(
            mod97(0, b"99999999999999999999999999999999999999"),
            naive(b"99999999999999999999999999999999999999")
        );
        assert_eq!(iban_length(b"GB"), Some(22));
        assert_eq!(iban_length(b"G"), None);
        assert_eq!(iban_length(b"ZZ"), None);
    }

    #[test]
    fn iban_vectors() {
        for ok in [
            "GB82WEST12345698765432",
            "GB82 WEST 1234 5698 7654 32",
            "gb82 west 1234 5698 7654 32",
            "DE89370400440532013000",
            "FR1420041010050500013M02606",
            "NL91ABNA0417164300",
            "BE68539007547034",
        ] {
            assert!(iban(ok), "{ok}");
        }
        for bad in [
            "GB82WEST12345698765433",   // one digit changed
            "GB82WEST12345698765423",   // transposed
            "GB28WEST12345698765432",   // check digits swapped
            "GB82WEST1234569876543",    // one short
            "DE8937040044053201300000", // valid-looking but wrong length for DE
            "NL91ABNA04171643001",
            "XX82WEST12345698765432", // unknown country
            "GB82 WEST  1234 5698 7654 32",
            "GB82-WEST-1234-5698-7654-32",
            "GBXXWEST12345698765432",
            "GB00WEST12345698765432",
            "550e8400-e29b-41d4-a716-446655440000",
            "",
        ] {
            assert!(!iban(bad), "{bad}");
        }
        // A Belgian number carrying a valid mod-97 but moved to a country with another length.
        assert!(!iban("FR68539007547034"));
    }

    #[test]
    fn bic_vectors() {
        assert!(ISO_COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ISO_COUNTRIES.len(), 250);
        for ok in [
            "DEUTDEFF",
            "DEUTDEFF500",
            "NEDSZAJJXXX",
            "BOFAUS3N",
            "CHASGB2L",
        ] {
            assert!(swift_bic(ok), "{ok}");
        }
        for bad in [
            "DEUTXXFF",   // no country XX
            "DEUTDEFF50", // 10 chars
            "deutdeff",   // lower case
            "DEU1DEFF",   // digit in bank code
            "DEUTDEF_",   // bad location
            "DEUTDEFF5000",
            "PASSWORD", // WO is not a country
            "",
        ] {
            assert!(!swift_bic(bad), "{bad}");
        }
    }
}
