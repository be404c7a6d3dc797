//! National identifiers: US (SSN, ITIN, passport, driver licence, NPI, DEA, MBI), UK (NINO,
//! NHS, passport), Canada, Germany, France, Spain, Italy, the Netherlands, Belgium, Poland,
//! Sweden, Finland, India, Brazil, Australia and Singapore.
//!
//! Each generator follows the issuing authority's published structure; the check digits are
//! computed by [`crate::check`], which cites the algorithm. Dates encoded inside identifiers
//! are real calendar dates.

use crate::check::{
    be_check, cpf_check_digits, de_tax_id_digits_ok, dea_check_digit, dni_letter, hetu_check_char,
    iso7064_mod11_10, it_fiscal_check, luhn_check_digit, medicare_check_digit, nhs_check_digit,
    nir_key, nric_check_letter, pesel_check_digit, verhoeff_check_digit,
};
use crate::draw::{
    Rg, UPPER, chance, chars_from, date, digit_vec, digits, digits_to_string, int, pick, pick_str,
};
use crate::lexicon::{self, BELFIORE, IT_FAMILY, IT_GIVEN_FEMALE, IT_GIVEN_MALE, translit};

/// US SSN (SSA rules): area 001–899 except 666, group 01–99, serial 0001–9999.
pub fn us_ssn(rng: &mut Rg<'_>, h: bool) -> String {
    let area = loop {
        let a = int(rng, 1, 899);
        if a != 666 {
            break a;
        }
    };
    let group = int(rng, 1, 99);
    let serial = int(rng, 1, 9999);
    match int(rng, 0, 9) {
        0 | 1 => format!("{area:03}{group:02}{serial:04}"),
        2 if h => format!("{area:03} {group:02} {serial:04}"),
        _ => format!("{area:03}-{group:02}-{serial:04}"),
    }
}

/// US ITIN (IRS): 9XX-[50–65, 70–88, 90–92, 94–99]-XXXX.
pub fn us_itin(rng: &mut Rg<'_>, h: bool) -> String {
    let group = loop {
        let g = int(rng, 50, 99);
        if matches!(g, 50..=65 | 70..=88 | 90..=92 | 94..=99) {
            break g;
        }
    };
    let head = format!("9{}", digits(rng, 2));
    let tail = digits(rng, 4);
    if chance(rng, if h { 0.4 } else { 0.2 }) {
        format!("{head}{group}{tail}")
    } else {
        format!("{head}-{group}-{tail}")
    }
}

/// US passport book number: 9 digits, or a letter and 8 digits (Next Generation Passport).
pub fn us_passport(rng: &mut Rg<'_>, h: bool) -> String {
    if chance(rng, if h { 0.6 } else { 0.4 }) {
        format!(
            "{}{}",
            pick_str(rng, &["A", "B", "C", "E", "F", "H", "X"]),
            digits(rng, 8)
        )
    } else {
        format!("{}{}", int(rng, 1, 9), digits(rng, 8))
    }
}

/// A US driver licence number in one of the states' published formats.
pub fn us_driver_license(rng: &mut Rg<'_>, h: bool) -> String {
    let l = |rng: &mut Rg<'_>| chars_from(rng, UPPER, 1);
    let state = if h { int(rng, 5, 9) } else { int(rng, 0, 6) };
    match state {
        // California: letter + 7 digits.
        0 => format!("{}{}", l(rng), digits(rng, 7)),
        // New York: 9 digits.
        1 => digits(rng, 9),
        // Florida: letter + 12 digits, printed 4-3-2-3-1.
        2 => {
            let d = digits(rng, 12);
            format!(
                "{}{}-{}-{}-{}-{}",
                l(rng),
                &d[..3],
                &d[3..6],
                &d[6..8],
                &d[8..11],
                &d[11..]
            )
        }
        // Texas: 8 digits.
        3 => format!("{}{}", int(rng, 1, 4), digits(rng, 7)),
        // Illinois: letter + 11 digits, printed 4-4-4.
        4 => {
            let d = digits(rng, 11);
            format!("{}{}-{}-{}", l(rng), &d[..3], &d[3..7], &d[7..])
        }
        // Washington (2018+): WDL + 9 alphanumerics.
        5 => format!(
            "WDL{}",
            chars_from(rng, b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9)
        ),
        // Pennsylvania: 8 digits, printed 2-3-3.
        6 => {
            let d = digits(rng, 8);
            format!("{} {} {}", &d[..2], &d[2..5], &d[5..])
        }
        // New Jersey: letter + 14 digits, printed 5-5-5.
        7 => {
            let d = digits(rng, 14);
            format!("{}{} {} {}", l(rng), &d[..4], &d[4..9], &d[9..])
        }
        // Michigan: letter + 12 digits, printed 1-3-3-3-3.
        8 => {
            let d = digits(rng, 12);
            format!(
                "{} {} {} {} {}",
                l(rng),
                &d[..3],
                &d[3..6],
                &d[6..9],
                &d[9..]
            )
        }
        // Ohio: 2 letters + 6 digits.
        _ => format!("{}{}", chars_from(rng, UPPER, 2), digits(rng, 6)),
    }
}

/// US NPI (CMS): 1 or 2, 8 digits, and the Luhn digit computed over "80840" + the first 9.
pub fn us_npi(rng: &mut Rg<'_>, _h: bool) -> String {
    let mut d: Vec<u8> = vec![*pick(rng, &[1u8, 2])];
    d.extend(digit_vec(rng, 8));
    let mut prefixed = vec![8, 0, 8, 4, 0];
    prefixed.extend(&d);
    d.push(luhn_check_digit(&prefixed));
    digits_to_string(&d)
}

/// DEA registration number: registrant-type letter, the registrant's last-name initial (or 9),
/// six digits and the DEA check digit.
pub fn us_dea(rng: &mut Rg<'_>, _h: bool) -> String {
    let first = pick_str(rng, &["A", "B", "C", "F", "G", "M", "P", "R"]);
    let second = if chance(rng, 0.1) {
        "9".to_string()
    } else {
        chars_from(rng, UPPER, 1)
    };
    let mut d = digit_vec(rng, 6);
    d.push(dea_check_digit(&d));
    format!("{first}{second}{}", digits_to_string(&d))
}

/// Medicare Beneficiary Identifier (CMS): 11 positions
/// C A AN N A AN N A A N N, letters excluding S, L, O, I, B, Z.
pub fn us_mbi(rng: &mut Rg<'_>, h: bool) -> String {
    const A: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
    const AN: &[u8] = b"ACDEFGHJKMNPQRTUVWXY0123456789";
    const N: &[u8] = b"0123456789";
    let s = format!(
        "{}{}{}{}{}{}{}{}{}{}{}",
        int(rng, 1, 9),
        chars_from(rng, A, 1),
        chars_from(rng, AN, 1),
        chars_from(rng, N, 1),
        chars_from(rng, A, 1),
        chars_from(rng, AN, 1),
        chars_from(rng, N, 1),
        chars_from(rng, A, 1),
        chars_from(rng, A, 1),
        chars_from(rng, N, 1),
        chars_from(rng, N, 1),
    );
    if chance(rng, if h { 0.5 } else { 0.25 }) {
        format!("{}-{}-{}", &s[..4], &s[4..7], &s[7..])
    } else {
        s
    }
}

/// UK National Insurance number (HMRC NIM39110): valid prefix letters, 6 digits, suffix A–D.
pub fn uk_nino(rng: &mut Rg<'_>, h: bool) -> String {
    const FIRST: &[u8] = b"ABCEGHJKLMNOPRSTWXYZ";
    const SECOND: &[u8] = b"ABCEGHJKLMNPRSTWXYZ";
    let prefix = loop {
        let p = format!(
            "{}{}",
            chars_from(rng, FIRST, 1),
            chars_from(rng, SECOND, 1)
        );
        if !matches!(p.as_str(), "BG" | "GB" | "KN" | "NK" | "NT" | "TN" | "ZZ") {
            break p;
        }
    };
    let d = digits(rng, 6);
    let suffix = pick_str(rng, &["A", "B", "C", "D"]);
    match int(rng, 0, 2) {
        0 => format!("{prefix} {} {} {} {suffix}", &d[..2], &d[2..4], &d[4..]),
        1 if h => format!("{prefix}-{}-{}-{}-{suffix}", &d[..2], &d[2..4], &d[4..]),
        _ => format!("{prefix}{d}{suffix}"),
    }
}

/// NHS number (NHS Data Dictionary): 10 digits, modulus-11 check digit, printed 3-3-4.
pub fn uk_nhs(rng: &mut Rg<'_>, h: bool) -> String {
    let d = loop {
        let mut d = vec![*pick(rng, &[4u8, 4, 6, 7])];
        d.extend(digit_vec(rng, 8));
        if let Some(c) = nhs_check_digit(&d) {
            d.push(c);
            break digits_to_string(&d);
        }
    };
    match int(rng, 0, 2) {
        0 | 1 => format!("{} {} {}", &d[..3], &d[3..6], &d[6..]),
        _ if h => format!("{}-{}-{}", &d[..3], &d[3..6], &d[6..]),
        _ => d,
    }
}

/// UK passport number: 9 digits.
pub fn uk_passport(rng: &mut Rg<'_>, _h: bool) -> String {
    format!("{}{}", int(rng, 1, 9), digits(rng, 8))
}

/// Canadian SIN: first digit 1–7 or 9 (temporary), Luhn check, printed 3-3-3.
pub fn ca_sin(rng: &mut Rg<'_>, h: bool) -> String {
    let mut d = vec![*pick(rng, &[1u8, 2, 3, 4, 5, 6, 7, 9])];
    d.extend(digit_vec(rng, 7));
    d.push(luhn_check_digit(&d));
    let s = digits_to_string(&d);
    match int(rng, 0, 2) {
        0 => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
        1 => format!("{}-{}-{}", &s[..3], &s[3..6], &s[6..]),
        _ if h => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
        _ => s,
    }
}

/// Shuffle a small vector in place (Fisher–Yates).
fn shuffle(rng: &mut Rg<'_>, v: &mut [u8]) {
    for i in (1..v.len()).rev() {
        let j = int(rng, 0, i as u64) as usize;
        v.swap(i, j);
    }
}

/// German Steuer-IdNr (§139b AO): ten digits in which exactly one digit repeats (twice, or
/// three times never in a row), first digit not 0, and the ISO 7064 MOD 11,10 check digit.
pub fn de_tax_id(rng: &mut Rg<'_>, h: bool) -> String {
    let first10 = loop {
        let triple = chance(rng, if h { 0.3 } else { 0.1 });
        let mut pool: Vec<u8> = (0..10).collect();
        shuffle(rng, &mut pool);
        let (rep, rest) = (pool[0], &pool[1..]);
        let mut v: Vec<u8> = if triple {
            let mut v = rest[..7].to_vec();
            v.extend([rep, rep, rep]);
            v
        } else {
            let mut v = rest[..8].to_vec();
            v.extend([rep, rep]);
            v
        };
        shuffle(rng, &mut v);
        if de_tax_id_digits_ok(&v) {
            break v;
        }
    };
    let mut d = first10;
    d.push(iso7064_mod11_10(&d));
    let s = digits_to_string(&d);
    if chance(rng, 0.3) {
        format!("{} {} {} {}", &s[..2], &s[2..5], &s[5..8], &s[8..])
    } else {
        s
    }
}

/// French NIR (INSEE): sex, year, month, département (incl. Corsica 2A/2B, overseas 97x and
/// 99 for births abroad), commune, order number and the mod-97 key.
pub fn fr_nir(rng: &mut Rg<'_>, h: bool) -> String {
    let sex = int(rng, 1, 2);
    let (y, m, _) = date(rng, 1935, 2007);
    let (dept, commune) = match int(rng, 0, 19) {
        0 | 1 => (
            pick_str(rng, &["2A", "2B"]).to_string(),
            format!("{:03}", int(rng, 1, 366)),
        ),
        2 => (
            "97".to_string(),
            format!("{}{:02}", int(rng, 1, 6), int(rng, 1, 34)),
        ),
        3 => ("99".to_string(), format!("{:03}", int(rng, 100, 450))),
        _ => {
            let d = loop {
                let d = int(rng, 1, 95);
                if d != 20 {
                    break d;
                }
            };
            (format!("{d:02}"), format!("{:03}", int(rng, 1, 900)))
        }
    };
    let order = int(rng, 1, 999);
    let first13 = format!("{sex}{:02}{m:02}{dept}{commune}{order:03}", y % 100);
    let key = nir_key(&first13).unwrap_or(0);
    let s = format!("{first13}{key:02}");
    match int(rng, 0, 2) {
        0 => format!(
            "{} {} {} {} {} {} {}",
            &s[..1],
            &s[1..3],
            &s[3..5],
            &s[5..7],
            &s[7..10],
            &s[10..13],
            &s[13..]
        ),
        1 if h => format!("{} {}", &s[..13], &s[13..]),
        _ => s,
    }
}

/// Spanish DNI: 8 digits and the mod-23 control letter.
pub fn es_dni(rng: &mut Rg<'_>, h: bool) -> String {
    let n = int(rng, 1_000_000, 79_999_999) as u32;
    let l = dni_letter(n);
    let s = format!("{n:08}");
    match int(rng, 0, 3) {
        0 => format!("{s}-{l}"),
        1 if h => format!("{}.{}.{}-{l}", &s[..2], &s[2..5], &s[5..]),
        _ => format!("{s}{l}"),
    }
}

/// Spanish NIE: X/Y/Z (read as 0/1/2), 7 digits and the DNI control letter.
pub fn es_nie(rng: &mut Rg<'_>, h: bool) -> String {
    let lead = int(rng, 0, 2);
    let body = int(rng, 0, 9_999_999);
    let letter = dni_letter((lead * 10_000_000 + body) as u32);
    let x = ["X", "Y", "Z"][lead as usize];
    if chance(rng, if h { 0.5 } else { 0.2 }) {
        format!("{x}-{body:07}-{letter}")
    } else {
        format!("{x}{body:07}{letter}")
    }
}

fn consonants_vowels(name: &str) -> (Vec<char>, Vec<char>) {
    let up: Vec<char> = translit(name)
        .to_uppercase()
        .chars()
        .filter(char::is_ascii_uppercase)
        .collect();
    let vowels: Vec<char> = up
        .iter()
        .copied()
        .filter(|c| "AEIOU".contains(*c))
        .collect();
    let cons: Vec<char> = up
        .iter()
        .copied()
        .filter(|c| !"AEIOU".contains(*c))
        .collect();
    (cons, vowels)
}

fn fill3(mut v: Vec<char>) -> String {
    while v.len() < 3 {
        v.push('X');
    }
    v.into_iter().take(3).collect()
}

/// Italian codice fiscale (DM 23/12/1976): surname and name letters, birth year, month
/// letter, day (+40 for women), Belfiore code of the comune, and the control character.
/// Holdout adds omocodia (digits replaced by LMNPQRSTUV from the right), as the Agenzia
/// delle Entrate issues for colliding codes.
pub fn it_fiscal_code(rng: &mut Rg<'_>, h: bool) -> String {
    const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
    let female = chance(rng, 0.5);
    let given = if female {
        pick_str(rng, IT_GIVEN_FEMALE)
    } else {
        pick_str(rng, IT_GIVEN_MALE)
    };
    let family = pick_str(rng, IT_FAMILY);
    let (fc, fv) = consonants_vowels(family);
    let surname = fill3(fc.into_iter().chain(fv).collect());
    let (gc, gv) = consonants_vowels(given);
    let name = if gc.len() >= 4 {
        [gc[0], gc[2], gc[3]].iter().collect()
    } else {
        fill3(gc.into_iter().chain(gv).collect())
    };
    let (y, m, d) = date(rng, 1935, 2007);
    let day = if female { d + 40 } else { d };
    let mut first15: Vec<char> = format!(
        "{surname}{name}{:02}{}{day:02}{}",
        y % 100,
        char::from(MONTHS[(m - 1) as usize]),
        pick_str(rng, BELFIORE)
    )
    .chars()
    .collect();
    if h && chance(rng, 0.2) {
        const OMO: &[u8; 10] = b"LMNPQRSTUV";
        let digit_positions = [14usize, 13, 12, 10, 9, 7, 6];
        let k = int(rng, 1, 2) as usize;
        for &p in digit_positions.iter().take(k) {
            if let Some(dg) = first15[p].to_digit(10) {
                first15[p] = char::from(OMO[dg as usize]);
            }
        }
    }
    let first15: String = first15.into_iter().collect();
    let check = it_fiscal_check(&first15).unwrap_or('X');
    let code = format!("{first15}{check}");
    if h && chance(rng, 0.1) {
        code.to_lowercase()
    } else {
        code
    }
}

/// Dutch BSN: 9 digits passing the elfproef.
pub fn nl_bsn(rng: &mut Rg<'_>, h: bool) -> String {
    let s = loop {
        let mut d = vec![int(rng, 1, 6) as u8];
        d.extend(digit_vec(rng, 7));
        let sum: u32 = d
            .iter()
            .enumerate()
            .map(|(i, &x)| (9 - i as u32) * u32::from(x))
            .sum();
        let last = sum % 11;
        if last < 10 {
            d.push(last as u8);
            break digits_to_string(&d);
        }
    };
    match int(rng, 0, 4) {
        0 => format!("{}.{}.{}", &s[..4], &s[4..6], &s[6..]),
        1 if h => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
        _ => s,
    }
}

/// Belgian national register number: YYMMDD, serial (odd men, even women) and the mod-97
/// check (with the 2000+ rule), printed YY.MM.DD-SSS.CC or compact.
pub fn be_national_number(rng: &mut Rg<'_>, h: bool) -> String {
    let (y, m, d) = date(rng, 1935, 2007);
    let serial = int(rng, 1, 997);
    let first9 =
        u64::from(y % 100) * 10_000_000 + u64::from(m) * 100_000 + u64::from(d) * 1000 + serial;
    let check = be_check(first9, y >= 2000);
    let s = format!("{first9:09}{check:02}");
    match int(rng, 0, 2) {
        0 | 1 => format!(
            "{}.{}.{}-{}.{}",
            &s[..2],
            &s[2..4],
            &s[4..6],
            &s[6..9],
            &s[9..]
        ),
        _ if h => format!("{} {} {}", &s[..6], &s[6..9], &s[9..]),
        _ => s,
    }
}

/// Polish PESEL: YYMMDD with the century in the month (+20 for 2000s), serial (even digit
/// for women) and the 1-3-7-9 check digit.
pub fn pl_pesel(rng: &mut Rg<'_>, _h: bool) -> String {
    let (y, m, d) = date(rng, 1935, 2007);
    let mm = if y >= 2000 { m + 20 } else { m };
    let head = format!("{:02}{mm:02}{d:02}{}", y % 100, digits(rng, 4));
    let dv: Vec<u8> = head.bytes().map(|b| b - b'0').collect();
    format!("{head}{}", pesel_check_digit(&dv))
}

/// Swedish personnummer (Skatteverket): YYMMDD, birth number and the Luhn digit over the
/// ten-digit form; printed with '-' (or '+' at 100+), 10 or 12 digits. Holdout adds
/// samordningsnummer (day + 60).
pub fn se_personnummer(rng: &mut Rg<'_>, h: bool) -> String {
    let (y, m, d) = date(rng, 1935, 2007);
    let day = if h && chance(rng, 0.2) { d + 60 } else { d };
    let short = format!("{:02}{m:02}{day:02}{}", y % 100, digits(rng, 3));
    let dv: Vec<u8> = short.bytes().map(|b| b - b'0').collect();
    let c = luhn_check_digit(&dv);
    let cent = y / 100;
    match int(rng, 0, 4) {
        0 | 1 => format!("{}-{}{c}", &short[..6], &short[6..]),
        2 => format!("{cent}{}-{}{c}", &short[..6], &short[6..]),
        3 => format!("{cent}{short}{c}"),
        _ => format!("{short}{c}"),
    }
}

/// Finnish henkilötunnus (DVV): DDMMYY, century sign, individual number 002–899 and the
/// mod-31 control character. Holdout uses the 2023 extra century signs (Y/X/… and B/C/…).
pub fn fi_hetu(rng: &mut Rg<'_>, h: bool) -> String {
    let (y, m, d) = date(rng, 1935, 2007);
    let sign = match (y >= 2000, h && chance(rng, 0.4)) {
        (false, false) => "-",
        (true, false) => "A",
        (false, true) => pick_str(rng, &["Y", "X", "W", "V", "U"]),
        (true, true) => pick_str(rng, &["B", "C", "D", "E", "F"]),
    };
    let ind = int(rng, 2, 899);
    let n = d * 10_000_000 + m * 100_000 + (y % 100) * 1000 + ind as u32;
    format!(
        "{d:02}{m:02}{:02}{sign}{ind:03}{}",
        y % 100,
        hetu_check_char(n)
    )
}

/// Aadhaar (UIDAI): 12 digits, first 2–9, Verhoeff check digit, printed 4-4-4.
pub fn in_aadhaar(rng: &mut Rg<'_>, h: bool) -> String {
    let mut d = vec![int(rng, 2, 9) as u8];
    d.extend(digit_vec(rng, 10));
    d.push(verhoeff_check_digit(&d));
    let s = digits_to_string(&d);
    match int(rng, 0, 3) {
        0 | 1 => format!("{} {} {}", &s[..4], &s[4..8], &s[8..]),
        2 if h => format!("{}-{}-{}", &s[..4], &s[4..8], &s[8..]),
        _ => s,
    }
}

/// Indian PAN (Income Tax Department): 3 letters, holder-type letter (P for persons, C, H,
/// F, A, T, B, L, J, G), the surname initial, 4 digits and a letter.
pub fn in_pan(rng: &mut Rg<'_>, _h: bool) -> String {
    let kind = if chance(rng, 0.75) {
        "P"
    } else {
        pick_str(rng, &["C", "H", "F", "A", "T", "B", "L", "J", "G"])
    };
    let loc = pick(rng, lexicon::STANDARD_LOCALES);
    let initial = translit(pick_str(rng, loc.family))
        .chars()
        .find(char::is_ascii_alphabetic)
        .map_or('K', |c| c.to_ascii_uppercase());
    format!(
        "{}{kind}{initial}{:04}{}",
        chars_from(rng, UPPER, 3),
        int(rng, 1, 9999),
        chars_from(rng, UPPER, 1)
    )
}

/// Brazilian CPF (Receita Federal): 9 digits (not all equal) and two mod-11 check digits.
pub fn br_cpf(rng: &mut Rg<'_>, h: bool) -> String {
    let d = loop {
        let d = digit_vec(rng, 9);
        if d.iter().any(|&x| x != d[0]) {
            break d;
        }
    };
    let (a, b) = cpf_check_digits(&d);
    let s = format!("{}{a}{b}", digits_to_string(&d));
    if chance(rng, if h { 0.4 } else { 0.7 }) {
        format!("{}.{}.{}-{}", &s[..3], &s[3..6], &s[6..9], &s[9..])
    } else {
        s
    }
}

/// Australian TFN (ATO): 9 digits with weights 1,4,3,7,5,8,6,9,10 summing to 0 mod 11.
pub fn au_tfn(rng: &mut Rg<'_>, h: bool) -> String {
    const W: [u32; 8] = [1, 4, 3, 7, 5, 8, 6, 9];
    let s = loop {
        let mut d = vec![int(rng, 1, 9) as u8];
        d.extend(digit_vec(rng, 7));
        let sum: u32 = d.iter().zip(W).map(|(&x, w)| u32::from(x) * w).sum();
        // 10·d9 ≡ −sum, and 10 ≡ −1 (mod 11), so d9 ≡ sum (mod 11).
        let last = sum % 11;
        if last < 10 {
            d.push(last as u8);
            break digits_to_string(&d);
        }
    };
    if chance(rng, if h { 0.3 } else { 0.6 }) {
        format!("{} {} {}", &s[..3], &s[3..6], &s[6..])
    } else {
        s
    }
}

/// Medicare card number (Services Australia): first digit 2–6, check digit in position 9,
/// issue number, optional individual reference number; printed 4-5-1 or compact.
pub fn au_medicare(rng: &mut Rg<'_>, h: bool) -> String {
    let mut d = vec![int(rng, 2, 6) as u8];
    d.extend(digit_vec(rng, 7));
    d.push(medicare_check_digit(&d));
    d.push(int(rng, 1, 9) as u8);
    let s = digits_to_string(&d);
    match int(rng, 0, 3) {
        0 | 1 => format!("{} {} {}", &s[..4], &s[4..9], &s[9..]),
        2 if h => format!("{s}{}", int(rng, 1, 9)),
        _ => s,
    }
}

/// Singapore NRIC/FIN: S/T (citizens) or F/G (foreigners), 7 digits, check letter.
pub fn sg_nric(rng: &mut Rg<'_>, h: bool) -> String {
    let prefix = if chance(rng, if h { 0.5 } else { 0.2 }) {
        *pick(rng, &['F', 'G'])
    } else {
        *pick(rng, &['S', 'T'])
    };
    let d = digit_vec(rng, 7);
    let letter = nric_check_letter(prefix, &d).unwrap_or('A');
    format!("{prefix}{}{letter}", digits_to_string(&d))
}
