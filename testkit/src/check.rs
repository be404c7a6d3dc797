//! Check-digit algorithms, implemented from their official definitions, and
//! [`passes_check`], the testkit's own verdict on a formatted value.
//!
//! These are deliberately written independently of `piicat-classifiers`: a generator here and
//! a validator there that agree are two implementations agreeing, not one agreeing with
//! itself. Each function cites its source. Nothing here allocates more than the value.

use crate::encode;

/// Decimal digits of `s` after dropping the separators people type (space, `-`, `.`, `/`);
/// `None` if anything else is left.
pub fn digits_of(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' => out.push(c as u8 - b'0'),
            ' ' | '-' | '.' | '/' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Luhn (ISO/IEC 7812-1 Annex B): the check digit to append to `payload`.
pub fn luhn_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Luhn validity of a full number (check digit last).
pub fn luhn_valid(number: &[u8]) -> bool {
    match number.split_last() {
        Some((&check, payload)) if !payload.is_empty() => luhn_check_digit(payload) == check,
        _ => false,
    }
}

/// ISO 13616 IBAN length per country, for the countries the testkit generates and a few
/// more (SWIFT IBAN Registry).
pub fn iban_length(country: &str) -> Option<usize> {
    Some(match country {
        "NO" => 15,
        "BE" => 16,
        "DK" | "FI" | "NL" => 18,
        "AT" | "LU" => 20,
        "CH" | "LI" => 21,
        "DE" | "GB" | "IE" | "BG" => 22,
        "AE" => 23,
        "ES" | "SE" | "SA" | "SK" | "RO" | "CZ" => 24,
        "PT" => 25,
        "TR" => 26,
        "FR" | "IT" | "GR" | "MC" => 27,
        "PL" | "HU" => 28,
        "BR" => 29,
        _ => return None,
    })
}

/// ISO 7064 MOD 97-10 remainder of an alphanumeric string, letters as A=10..Z=35.
pub fn mod97(s: &str) -> Option<u32> {
    let mut r: u32 = 0;
    for c in s.chars() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return None,
        };
        r = if v >= 10 {
            (r * 100 + v) % 97
        } else {
            (r * 10 + v) % 97
        };
    }
    Some(r)
}

/// IBAN check digits (ISO 13616-1 §7): 98 − (BBAN‖country‖"00" mod 97).
pub fn iban_check_digits(country: &str, bban: &str) -> Option<u32> {
    let r = mod97(&format!("{bban}{country}00"))?;
    Some(98 - r)
}

/// IBAN validity: known country length and mod-97 remainder 1.
pub fn iban_valid(s: &str) -> bool {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if compact.len() < 5 || !compact.is_ascii() {
        return false;
    }
    let (country, rest) = compact.split_at(2);
    if iban_length(country) != Some(compact.len()) {
        return false;
    }
    let (check, bban) = rest.split_at(2);
    matches!(mod97(&format!("{bban}{country}{check}")), Some(1))
}

/// ABA routing number checksum (ABA Key to Routing Numbers: weights 3,7,1) and a
/// Federal Reserve district prefix (00–12, 21–32, 61–72, 80).
pub fn aba_valid(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let prefix = d[0] * 10 + d[1];
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return false;
    }
    let w = [3u32, 7, 1];
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| w[i % 3] * u32::from(x))
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
const VERHOEFF_INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// Verhoeff (dihedral group D5) check digit, as UIDAI uses for Aadhaar.
pub fn verhoeff_check_digit(payload: &[u8]) -> u8 {
    let mut c = 0u8;
    for (i, &d) in payload.iter().rev().enumerate() {
        c = VERHOEFF_D[c as usize][VERHOEFF_P[(i + 1) % 8][d as usize] as usize];
    }
    VERHOEFF_INV[c as usize]
}

/// Verhoeff validity of a full number (check digit last).
pub fn verhoeff_valid(number: &[u8]) -> bool {
    let mut c = 0u8;
    for (i, &d) in number.iter().rev().enumerate() {
        c = VERHOEFF_D[c as usize][VERHOEFF_P[i % 8][d as usize] as usize];
    }
    c == 0 && !number.is_empty()
}

/// ISO 7064 MOD 11,10 (hybrid) check digit, as the German Steuer-IdNr uses (BZSt).
pub fn iso7064_mod11_10(payload: &[u8]) -> u8 {
    let mut product: u32 = 10;
    for &d in payload {
        let mut sum = (u32::from(d) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = 11 - product;
    if check == 10 { 0 } else { check as u8 }
}

/// The Steuer-IdNr digit rule (§139b AO, BZSt): in the first ten digits exactly one digit
/// occurs twice or three times, every other at most once, and a digit occurring three times
/// never stands three in a row. The first digit is not 0.
pub fn de_tax_id_digits_ok(first10: &[u8]) -> bool {
    if first10.len() != 10 || first10[0] == 0 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &d in first10 {
        counts[d as usize] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|&d| counts[d] > 1).collect();
    let [rep] = repeated.as_slice() else {
        return false;
    };
    match counts[*rep] {
        2 => true,
        3 => !first10
            .windows(3)
            .any(|w| w.iter().all(|&x| usize::from(x) == *rep)),
        _ => false,
    }
}

/// NHS number check digit (NHS Data Dictionary: weights 10..2, 11 − sum mod 11);
/// `None` when the remainder gives 10, which is never issued.
pub fn nhs_check_digit(first9: &[u8]) -> Option<u8> {
    let sum: u32 = first9
        .iter()
        .enumerate()
        .map(|(i, &d)| (10 - i as u32) * u32::from(d))
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c as u8),
    }
}

/// Dutch BSN "elfproef": 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
pub fn bsn_valid(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let mut sum: i64 = 0;
    for (i, &x) in d.iter().take(8).enumerate() {
        sum += (9 - i as i64) * i64::from(x);
    }
    sum -= i64::from(d[8]);
    sum % 11 == 0 && d.iter().any(|&x| x != 0)
}

/// Australian TFN: weights 1,4,3,7,5,8,6,9,10, sum ≡ 0 (mod 11) (ATO algorithm).
pub fn tfn_valid(d: &[u8]) -> bool {
    const W: [u32; 9] = [1, 4, 3, 7, 5, 8, 6, 9, 10];
    d.len() == 9 && d.iter().zip(W).map(|(&x, w)| u32::from(x) * w).sum::<u32>() % 11 == 0
}

/// Spanish DNI/NIE control letter: number mod 23 into "TRWAGMYFPDXBNJZSQVHLCKE"
/// (Real Decreto 1553/2005; NIE maps X/Y/Z to 0/1/2 first).
pub fn dni_letter(number: u32) -> char {
    const L: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    char::from(L[(number % 23) as usize])
}

/// Italian codice fiscale control character (DM 23/12/1976): odd positions (1-based) through
/// the "dispari" table, even positions through the "pari" table, sum mod 26 as a letter.
pub fn it_fiscal_check(first15: &str) -> Option<char> {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    if first15.len() != 15 {
        return None;
    }
    let mut sum = 0u32;
    for (i, c) in first15.chars().enumerate() {
        let idx = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            _ => return None,
        };
        sum += if i % 2 == 0 { ODD[idx as usize] } else { idx };
    }
    Some(char::from(b'A' + (sum % 26) as u8))
}

/// PESEL check digit (Polish Ministry of Digital Affairs): weights 1,3,7,9 repeating,
/// (10 − sum mod 10) mod 10.
pub fn pesel_check_digit(first10: &[u8]) -> u8 {
    const W: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = first10.iter().zip(W).map(|(&d, w)| u32::from(d) * w).sum();
    ((10 - sum % 10) % 10) as u8
}

/// Finnish henkilötunnus control character (DVV): DDMMYYZZZ mod 31 into
/// "0123456789ABCDEFHJKLMNPRSTUVWXY".
pub fn hetu_check_char(ddmmyyzzz: u32) -> char {
    const T: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    char::from(T[(ddmmyyzzz % 31) as usize])
}

/// Brazilian CPF check digits (Receita Federal): mod-11 weighted sums, 10..2 then 11..2.
pub fn cpf_check_digits(first9: &[u8]) -> (u8, u8) {
    let dv = |digits: &[u8], start: u32| -> u8 {
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(i, &d)| u32::from(d) * (start - i as u32))
            .sum();
        let r = sum % 11;
        if r < 2 { 0 } else { (11 - r) as u8 }
    };
    let d1 = dv(first9, 10);
    let mut ten = first9.to_vec();
    ten.push(d1);
    (d1, dv(&ten, 11))
}

/// Medicare Australia card check digit (position 9): weights 1,3,7,9,1,3,7,9 mod 10.
pub fn medicare_check_digit(first8: &[u8]) -> u8 {
    const W: [u32; 8] = [1, 3, 7, 9, 1, 3, 7, 9];
    (first8
        .iter()
        .zip(W)
        .map(|(&d, w)| u32::from(d) * w)
        .sum::<u32>()
        % 10) as u8
}

/// Singapore NRIC/FIN check letter (ICA): weights 2,7,6,5,4,3,2, +4 for T/G prefixes,
/// mod 11 into "JZIHGFEDCBA" (S/T) or "XWUTRQPNMLK" (F/G).
pub fn nric_check_letter(prefix: char, seven: &[u8]) -> Option<char> {
    const W: [u32; 7] = [2, 7, 6, 5, 4, 3, 2];
    if seven.len() != 7 {
        return None;
    }
    let mut sum: u32 = seven.iter().zip(W).map(|(&d, w)| u32::from(d) * w).sum();
    if matches!(prefix, 'T' | 'G') {
        sum += 4;
    }
    let table: &[u8; 11] = match prefix {
        'S' | 'T' => b"JZIHGFEDCBA",
        'F' | 'G' => b"XWUTRQPNMLK",
        _ => return None,
    };
    Some(char::from(table[(sum % 11) as usize]))
}

/// DEA registration number check digit (DEA Diversion Control): (d1+d3+d5) + 2·(d2+d4+d6),
/// last digit.
pub fn dea_check_digit(first6: &[u8]) -> u8 {
    let odd = u32::from(first6[0]) + u32::from(first6[2]) + u32::from(first6[4]);
    let even = u32::from(first6[1]) + u32::from(first6[3]) + u32::from(first6[5]);
    ((odd + 2 * even) % 10) as u8
}

/// French NIR key (INSEE): 97 − (13-digit number mod 97), with Corsica 2A read as 19 and
/// 2B as 18.
pub fn nir_key(first13: &str) -> Option<u32> {
    if first13.len() != 13 {
        return None;
    }
    let numeric = match &first13[5..7] {
        "2A" | "2a" => format!("{}19{}", &first13[..5], &first13[7..]),
        "2B" | "2b" => format!("{}18{}", &first13[..5], &first13[7..]),
        _ => first13.to_string(),
    };
    let n: u64 = numeric.parse().ok()?;
    Some(97 - (n % 97) as u32)
}

/// Belgian national number check (Rijksregister): 97 − (first 9 digits mod 97); births from
/// 2000 on prefix the 9 digits with a 2.
pub fn be_check(first9: u64, born_2000_or_later: bool) -> u64 {
    let base = if born_2000_or_later {
        2_000_000_000 + first9
    } else {
        first9
    };
    97 - base % 97
}

fn compact(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '/' | '+'))
        .collect()
}

/// The testkit's own verdict on a formatted value of a checksummed class: `Some(true)` when
/// its check digit (and the structure the check relies on) is right, `Some(false)` when not,
/// `None` when the class has no check in the testkit.
pub fn passes_check(class: &str, value: &str) -> Option<bool> {
    let digits = digits_of(value);
    let d = digits.as_deref().unwrap_or(&[]);
    let ok = match class {
        "IMEI" => digits.is_some() && d.len() == 15 && luhn_valid(d),
        "CREDIT_CARD" => digits.is_some() && (12..=19).contains(&d.len()) && luhn_valid(d),
        "CA_SIN" => digits.is_some() && d.len() == 9 && luhn_valid(d),
        "IBAN" => iban_valid(value),
        "US_ABA_ROUTING" => digits.is_some() && aba_valid(d),
        "CRYPTO_WALLET" => crypto_valid(value),
        "US_NPI" => {
            digits.is_some() && d.len() == 10 && {
                let mut full = vec![8, 0, 8, 4, 0];
                full.extend_from_slice(d);
                luhn_valid(&full)
            }
        }
        "US_DEA" => {
            let v: Vec<char> = value.chars().collect();
            v.len() == 9
                && v[0].is_ascii_uppercase()
                && (v[1].is_ascii_uppercase() || v[1] == '9')
                && v[2..].iter().all(char::is_ascii_digit)
                && {
                    let n: Vec<u8> = v[2..].iter().map(|&c| c as u8 - b'0').collect();
                    dea_check_digit(&n[..6]) == n[6]
                }
        }
        "UK_NHS" => digits.is_some() && d.len() == 10 && nhs_check_digit(&d[..9]) == Some(d[9]),
        "DE_TAX_ID" => {
            digits.is_some()
                && d.len() == 11
                && de_tax_id_digits_ok(&d[..10])
                && iso7064_mod11_10(&d[..10]) == d[10]
        }
        "FR_NIR" => {
            let c = compact(value).to_ascii_uppercase();
            c.len() == 15
                && c.is_ascii()
                && c[13..].parse::<u32>().ok() == nir_key(&c[..13])
                && matches!(&c[..1], "1" | "2")
        }
        "ES_DNI" => {
            let c = compact(value).to_ascii_uppercase();
            c.len() == 9
                && c.is_ascii()
                && c[..8]
                    .parse::<u32>()
                    .is_ok_and(|n| c.ends_with(dni_letter(n)))
        }
        "ES_NIE" => {
            let c = compact(value).to_ascii_uppercase();
            c.len() == 9 && c.is_ascii() && {
                let lead = match &c[..1] {
                    "X" => Some("0"),
                    "Y" => Some("1"),
                    "Z" => Some("2"),
                    _ => None,
                };
                lead.and_then(|l| format!("{l}{}", &c[1..8]).parse::<u32>().ok())
                    .is_some_and(|n| c.ends_with(dni_letter(n)))
            }
        }
        "IT_FISCAL_CODE" => {
            let c = value.trim().to_ascii_uppercase();
            c.len() == 16 && c.is_ascii() && it_fiscal_check(&c[..15]) == c[15..].chars().next()
        }
        "NL_BSN" => digits.is_some() && bsn_valid(d),
        "BE_NATIONAL_NUMBER" => {
            digits.is_some() && d.len() == 11 && {
                let first9: u64 = d[..9].iter().fold(0, |a, &x| a * 10 + u64::from(x));
                let check = u64::from(d[9]) * 10 + u64::from(d[10]);
                be_check(first9, false) == check || be_check(first9, true) == check
            }
        }
        "PL_PESEL" => digits.is_some() && d.len() == 11 && pesel_check_digit(&d[..10]) == d[10],
        "SE_PERSONNUMMER" => {
            let c = compact(value);
            let tail = if c.len() == 12 { &c[2..] } else { &c[..] };
            tail.len() == 10 && digits_of(tail).is_some_and(|t| t.len() == 10 && luhn_valid(&t))
        }
        "FI_HETU" => hetu_valid(value),
        "IN_AADHAAR" => digits.is_some() && d.len() == 12 && d[0] >= 2 && verhoeff_valid(d),
        "BR_CPF" => {
            digits.is_some() && d.len() == 11 && {
                let (a, b) = cpf_check_digits(&d[..9]);
                a == d[9] && b == d[10] && d.iter().any(|&x| x != d[0])
            }
        }
        "AU_TFN" => digits.is_some() && tfn_valid(d),
        "AU_MEDICARE" => {
            digits.is_some()
                && (d.len() == 10 || d.len() == 11)
                && (2..=6).contains(&d[0])
                && medicare_check_digit(&d[..8]) == d[8]
        }
        "SG_NRIC" => {
            let c: Vec<char> = value.trim().to_ascii_uppercase().chars().collect();
            c.len() == 9 && c[1..8].iter().all(char::is_ascii_digit) && {
                let seven: Vec<u8> = c[1..8].iter().map(|&x| x as u8 - b'0').collect();
                nric_check_letter(c[0], &seven) == Some(c[8])
            }
        }
        _ => return None,
    };
    Some(ok)
}

/// The testkit's structural verdict on values of classes without a check digit (issuer
/// layouts: SSA area/group/serial, IRS ITIN groups, HMRC NINO prefixes, CMS MBI positions,
/// PAN holder types, ISO 9362 BIC, token prefixes and lengths, GitHub's CRC-32 checksum, JWT
/// and PEM framing). `None` for classes it does not cover.
pub fn passes_structure(class: &str, value: &str) -> Option<bool> {
    let v = value.trim();
    let all = |s: &str, f: fn(&u8) -> bool| !s.is_empty() && s.as_bytes().iter().all(f);
    let ok = match class {
        "US_SSN" => {
            let d: String = v.chars().filter(|c| *c != '-' && *c != ' ').collect();
            d.len() == 9 && all(&d, u8::is_ascii_digit) && {
                let (area, group, serial) = (&d[..3], &d[3..5], &d[5..]);
                area != "000"
                    && area != "666"
                    && !area.starts_with('9')
                    && group != "00"
                    && serial != "0000"
            }
        }
        "US_ITIN" => {
            let d: String = v.chars().filter(|c| *c != '-' && *c != ' ').collect();
            d.len() == 9
                && all(&d, u8::is_ascii_digit)
                && d.starts_with('9')
                && d[3..5]
                    .parse::<u32>()
                    .is_ok_and(|g| matches!(g, 50..=65 | 70..=88 | 90..=92 | 94..=99))
        }
        "UK_NINO" => {
            let c: String = v.chars().filter(|c| *c != ' ' && *c != '-').collect();
            let b = c.as_bytes();
            c.len() == 9
                && b"ABCEGHJKLMNOPRSTWXYZ".contains(&b[0])
                && b"ABCEGHJKLMNPRSTWXYZ".contains(&b[1])
                && !matches!(&c[..2], "BG" | "GB" | "KN" | "NK" | "NT" | "TN" | "ZZ")
                && all(&c[2..8], u8::is_ascii_digit)
                && b"ABCD".contains(&b[8])
        }
        "US_MBI" => {
            let c: String = v.chars().filter(|c| *c != '-').collect();
            const A: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
            let an = |x: &u8| A.contains(x) || x.is_ascii_digit();
            let b = c.as_bytes();
            c.len() == 11
                && (b'1'..=b'9').contains(&b[0])
                && A.contains(&b[1])
                && an(&b[2])
                && b[3].is_ascii_digit()
                && A.contains(&b[4])
                && an(&b[5])
                && b[6].is_ascii_digit()
                && A.contains(&b[7])
                && A.contains(&b[8])
                && b[9].is_ascii_digit()
                && b[10].is_ascii_digit()
        }
        "IN_PAN" => {
            let b = v.as_bytes();
            v.len() == 10
                && all(&v[..5], u8::is_ascii_uppercase)
                && b"PCHFATBLJG".contains(&b[3])
                && all(&v[5..9], u8::is_ascii_digit)
                && b[9].is_ascii_uppercase()
        }
        "SWIFT_BIC" => {
            (v.len() == 8 || v.len() == 11)
                && all(&v[..6], u8::is_ascii_uppercase)
                && all(&v[6..], u8::is_ascii_alphanumeric)
        }
        "AWS_ACCESS_KEY_ID" => {
            v.len() == 20
                && (v.starts_with("AKIA") || v.starts_with("ASIA"))
                && all(&v[4..], |c| {
                    c.is_ascii_uppercase() || (b'2'..=b'7').contains(c)
                })
        }
        "AWS_SECRET_ACCESS_KEY" => {
            v.len() == 40 && all(v, |c| c.is_ascii_alphanumeric() || *c == b'/' || *c == b'+')
        }
        "GITHUB_TOKEN" => {
            if let Some(rest) = v.strip_prefix("github_pat_") {
                rest.len() == 82
                    && rest.as_bytes()[22] == b'_'
                    && all(&rest[..22], u8::is_ascii_alphanumeric)
                    && all(&rest[23..], u8::is_ascii_alphanumeric)
            } else {
                let known = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"];
                v.len() == 40
                    && known.iter().any(|p| v.starts_with(p))
                    && all(&v[4..], u8::is_ascii_alphanumeric)
                    && encode::base62(u64::from(encode::crc32(&v.as_bytes()[4..34])), 6) == v[34..]
            }
        }
        "SLACK_TOKEN" => {
            let parts: Vec<&str> = v.split('-').collect();
            match parts.first().copied() {
                Some("xoxb") => {
                    parts.len() == 4
                        && all(parts[1], u8::is_ascii_digit)
                        && all(parts[2], u8::is_ascii_digit)
                        && parts[3].len() == 24
                        && all(parts[3], u8::is_ascii_alphanumeric)
                }
                Some("xoxp") => {
                    parts.len() == 5
                        && parts[1..4].iter().all(|p| all(p, u8::is_ascii_digit))
                        && parts[4].len() == 32
                        && all(parts[4], u8::is_ascii_hexdigit)
                }
                Some("xapp") => parts.len() == 5 && parts[1] == "1" && parts[4].len() == 64,
                _ => false,
            }
        }
        "STRIPE_KEY" => ["sk_live_", "rk_live_", "pk_live_"]
            .iter()
            .find_map(|p| v.strip_prefix(p))
            .is_some_and(|rest| rest.len() >= 24 && all(rest, u8::is_ascii_alphanumeric)),
        "GOOGLE_API_KEY" => {
            v.len() == 39
                && v.starts_with("AIza")
                && all(&v[4..], |c| {
                    c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-'
                })
        }
        "JWT" => {
            let parts: Vec<&str> = v.split('.').collect();
            parts.len() == 3
                && parts[0].starts_with("eyJ")
                && parts[1].starts_with("eyJ")
                && parts
                    .iter()
                    .all(|p| all(p, |c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'))
        }
        "PRIVATE_KEY" => {
            let begin = v
                .strip_prefix("-----BEGIN ")
                .and_then(|r| r.split_once("-----"))
                .map(|(label, _)| label);
            begin.is_some_and(|label| {
                label.ends_with("PRIVATE KEY") && v.ends_with(&format!("-----END {label}-----"))
            })
        }
        _ => return None,
    };
    Some(ok)
}

fn hetu_valid(value: &str) -> bool {
    let v = value.trim().to_ascii_uppercase();
    if v.len() != 11 || !v.is_ascii() {
        return false;
    }
    let (ddmmyy, rest) = v.split_at(6);
    let (century, rest) = rest.split_at(1);
    let (zzz, check) = rest.split_at(3);
    if !"+-YXWVUABCDEF".contains(century) {
        return false;
    }
    match format!("{ddmmyy}{zzz}").parse::<u32>() {
        Ok(n)
            if ddmmyy
                .bytes()
                .chain(zzz.bytes())
                .all(|b| b.is_ascii_digit()) =>
        {
            check.starts_with(hetu_check_char(n))
        }
        _ => false,
    }
}

fn crypto_valid(value: &str) -> bool {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix("0x") {
        return hex.len() == 40
            && hex.chars().all(|c| c.is_ascii_hexdigit())
            && encode::eip55(hex) == hex;
    }
    if v.to_ascii_lowercase().starts_with("bc1") {
        return encode::segwit_valid(v);
    }
    match encode::base58check_decode(v) {
        Some(p) => p.len() == 21 && matches!(p[0], 0x00 | 0x05),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples_pass() {
        let cases = [
            ("CREDIT_CARD", "4111 1111 1111 1111"),
            ("CA_SIN", "046 454 286"),
            ("UK_NHS", "943 476 5919"),
            ("US_NPI", "1234567893"),
            ("US_ABA_ROUTING", "021000021"),
            ("US_DEA", "AB1234563"),
            ("IBAN", "DE89 3704 0044 0532 0130 00"),
            ("IBAN", "GB82WEST12345698765432"),
            ("NL_BSN", "111222333"),
            ("AU_TFN", "123 456 782"),
            ("BR_CPF", "111.444.777-35"),
            ("ES_DNI", "12345678Z"),
            ("ES_NIE", "X1234567L"),
            ("IT_FISCAL_CODE", "RSSMRA85T10A562S"),
            ("PL_PESEL", "44051401359"),
            ("SE_PERSONNUMMER", "811218-9876"),
            ("FI_HETU", "131052-308T"),
            ("SG_NRIC", "S1234567D"),
            ("AU_MEDICARE", "2123 45670 1"),
            ("DE_TAX_ID", "86095742719"),
            ("BE_NATIONAL_NUMBER", "85.07.30-033.28"),
            ("CRYPTO_WALLET", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
            (
                "CRYPTO_WALLET",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            ),
        ];
        for (class, v) in cases {
            assert_eq!(passes_check(class, v), Some(true), "{class} {v}");
        }
    }

    #[test]
    fn one_changed_digit_fails() {
        let cases = [
            ("CREDIT_CARD", "4111 1111 1111 1112"),
            ("UK_NHS", "943 476 5918"),
            ("IBAN", "DE88 3704 0044 0532 0130 00"),
            ("NL_BSN", "111222334"),
            ("BR_CPF", "111.444.777-36"),
            ("ES_DNI", "12345678A"),
            ("IT_FISCAL_CODE", "RSSMRA85T10A562T"),
            ("FI_HETU", "131052-308U"),
            (
                "CRYPTO_WALLET",
                "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            ),
        ];
        for (class, v) in cases {
            assert_eq!(passes_check(class, v), Some(false), "{class} {v}");
        }
        assert_eq!(passes_check("EMAIL", "a@b.co"), None);
    }

    #[test]
    fn verhoeff_and_iso7064_agree_with_reference_values() {
        assert_eq!(verhoeff_check_digit(&[2, 3, 6]), 3);
        assert!(verhoeff_valid(&[2, 3, 6, 3]));
        assert!(!verhoeff_valid(&[2, 3, 6, 4]));
        assert_eq!(iso7064_mod11_10(&[8, 6, 0, 9, 5, 7, 4, 2, 7, 1]), 9);
    }

    #[test]
    fn de_tax_id_digit_rule() {
        assert!(de_tax_id_digits_ok(&[8, 6, 0, 9, 5, 7, 4, 2, 7, 1]));
        // Two repeated digits.
        assert!(!de_tax_id_digits_ok(&[1, 1, 2, 2, 3, 4, 5, 6, 7, 8]));
        // Three in a row.
        assert!(!de_tax_id_digits_ok(&[1, 2, 2, 2, 3, 4, 5, 6, 7, 8]));
        assert!(de_tax_id_digits_ok(&[1, 2, 2, 3, 2, 4, 5, 6, 7, 8]));
    }
}
