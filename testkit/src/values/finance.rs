//! Financial values: payment cards, IBANs (with the national check digits inside the BBAN
//! where a country defines them), SWIFT/BIC codes, ABA routing numbers, US bank account
//! numbers and crypto wallet addresses.
//!
//! References: ISO/IEC 7812 (card IIN ranges, Luhn), ISO 13616 and the SWIFT IBAN Registry
//! (lengths, mod 97-10), ISO 9362 (BIC), ABA Key to Routing Numbers, BIP-13/BIP-173/BIP-350
//! (Bitcoin addresses), EIP-55 (Ethereum).

use crate::check::{iban_check_digits, luhn_check_digit};
use crate::draw::{
    Rg, bytes, chance, digit_vec, digits, digits_to_string, group, group_every, int, pick, pick_str,
};
use crate::encode;

/// Card number digits: `prefix` then random digits to `len − 1`, then the Luhn digit.
fn card_digits(rng: &mut Rg<'_>, prefix: &str, len: usize) -> String {
    let mut d: Vec<u8> = prefix.bytes().map(|b| b - b'0').collect();
    let fill = len.saturating_sub(d.len() + 1);
    d.extend(digit_vec(rng, fill));
    d.push(luhn_check_digit(&d));
    digits_to_string(&d)
}

/// A payment card number with a real IIN range, the brand's length, a Luhn check digit and
/// the grouping printed on the card (or none).
pub fn credit_card(rng: &mut Rg<'_>, h: bool) -> String {
    let (num, groups): (String, &[usize]) = if h {
        match int(rng, 0, 5) {
            0 => {
                let p = pick_str(rng, &["36", "38", "300", "305"]);
                (card_digits(rng, p, 14), &[4, 6, 4])
            }
            1 => {
                let p = int(rng, 2221, 2720).to_string();
                (card_digits(rng, &p, 16), &[4, 4, 4, 4])
            }
            2 => {
                let p = int(rng, 2200, 2204).to_string();
                (card_digits(rng, &p, 16), &[4, 4, 4, 4])
            }
            3 => (card_digits(rng, "4", 16), &[4, 4, 4, 4]),
            4 => {
                let p = pick_str(rng, &["34", "37"]);
                (card_digits(rng, p, 15), &[4, 6, 5])
            }
            _ => (card_digits(rng, "62", 16), &[4, 4, 4, 4]),
        }
    } else {
        match int(rng, 0, 7) {
            0..=2 => (card_digits(rng, "4", 16), &[4, 4, 4, 4]),
            3 | 4 => {
                let p = if chance(rng, 0.7) {
                    int(rng, 51, 55).to_string()
                } else {
                    int(rng, 2221, 2720).to_string()
                };
                (card_digits(rng, &p, 16), &[4, 4, 4, 4])
            }
            5 => {
                let p = pick_str(rng, &["34", "37"]);
                (card_digits(rng, p, 15), &[4, 6, 5])
            }
            6 => {
                let p = match int(rng, 0, 2) {
                    0 => "6011".to_string(),
                    1 => "65".to_string(),
                    _ => int(rng, 644, 649).to_string(),
                };
                (card_digits(rng, &p, 16), &[4, 4, 4, 4])
            }
            _ => {
                let p = int(rng, 3528, 3589).to_string();
                (card_digits(rng, &p, 16), &[4, 4, 4, 4])
            }
        }
    };
    match int(rng, 0, 3) {
        0 | 1 => group(&num, groups, " "),
        2 => group(&num, groups, "-"),
        _ => num,
    }
}

/// Spanish CCC control digit (weights 1,2,4,8,5,10,9,7,3,6 over ten digits, mod 11).
fn es_dc(ten: &[u8]) -> u8 {
    const W: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let s: u32 = ten.iter().zip(W).map(|(&d, w)| u32::from(d) * w).sum();
    match 11 - s % 11 {
        11 => 0,
        10 => 1,
        x => x as u8,
    }
}

/// French RIB key: 97 − ((89·bank + 15·branch + 3·account) mod 97), numeric account.
fn fr_rib_key(bank: u64, branch: u64, account: u64) -> u64 {
    97 - ((89 * bank + 15 * branch + 3 * (account % 97)) % 97)
}

/// Norwegian account check digit (MOD11, weights 5,4,3,2,7,6,5,4,3,2); `None` when 10.
fn no_check(ten: &[u8]) -> Option<u8> {
    const W: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let s: u32 = ten.iter().zip(W).map(|(&d, w)| u32::from(d) * w).sum();
    match 11 - s % 11 {
        11 => Some(0),
        10 => None,
        x => Some(x as u8),
    }
}

fn bban(rng: &mut Rg<'_>, country: &str) -> String {
    match country {
        "DE" => format!("{}{}", int(rng, 10_000_000, 89_999_999), digits(rng, 10)),
        "FR" => {
            let bank = *pick(rng, &[30004u64, 30003, 10278, 20041, 30066, 11315, 12548]);
            let branch = int(rng, 100, 9999);
            let account = int(rng, 0, 99_999_999_999);
            let key = fr_rib_key(bank, branch, account);
            format!("{bank:05}{branch:05}{account:011}{key:02}")
        }
        "GB" => format!(
            "{}{}{}",
            pick_str(
                rng,
                &[
                    "NWBK", "BARC", "HBUK", "LOYD", "MIDL", "WEST", "NAIA", "MONZ"
                ]
            ),
            digits(rng, 6),
            digits(rng, 8)
        ),
        "IE" => format!(
            "{}{}{}",
            pick_str(rng, &["AIBK", "BOFI", "IPBS", "ULSB"]),
            digits(rng, 6),
            digits(rng, 8)
        ),
        "ES" => {
            let bank = pick_str(rng, &["2100", "0049", "0182", "2038", "0081", "0128"]);
            let branch = digits(rng, 4);
            let account = digit_vec(rng, 10);
            let mut head: Vec<u8> = vec![0, 0];
            head.extend(bank.bytes().chain(branch.bytes()).map(|b| b - b'0'));
            format!(
                "{bank}{branch}{}{}{}",
                es_dc(&head),
                es_dc(&account),
                digits_to_string(&account)
            )
        }
        "IT" => {
            let abi = pick_str(rng, &["03069", "02008", "05034", "03062", "01030", "05387"]);
            let rest = format!("{abi}{}{}", digits(rng, 5), digits(rng, 12));
            format!("{}{rest}", it_cin(&rest))
        }
        "NL" => format!(
            "{}{}",
            pick_str(
                rng,
                &[
                    "ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB", "ASNB", "BUNQ"
                ]
            ),
            digits(rng, 10)
        ),
        "BE" => {
            let first: u64 = int(rng, 0, 999) * 10_000_000 + int(rng, 0, 9_999_999);
            let r = first % 97;
            let check = if r == 0 { 97 } else { r };
            format!("{first:010}{check:02}")
        }
        "CH" => format!("{:05}{}", int(rng, 100, 9999), digits(rng, 12)),
        "AT" => format!("{}{}", int(rng, 10000, 99999), digits(rng, 11)),
        "PL" => format!("{}{}", int(rng, 10_000_000, 99_999_999), digits(rng, 16)),
        "SE" => format!(
            "{}{}",
            pick_str(rng, &["500", "800", "600", "300", "120"]),
            digits(rng, 17)
        ),
        "PT" => format!(
            "{}{}",
            pick_str(rng, &["0002", "0007", "0033", "0035", "0010"]),
            digits(rng, 17)
        ),
        "NO" => loop {
            let ten = digit_vec(rng, 10);
            if let Some(c) = no_check(&ten) {
                break format!("{}{c}", digits_to_string(&ten));
            }
        },
        "DK" | "FI" => digits(rng, 14),
        "LU" => format!("{}{}", digits(rng, 3), digits(rng, 13)),
        "BR" => format!(
            "{}{}{}{}{}",
            digits(rng, 8),
            digits(rng, 5),
            digits(rng, 10),
            pick_str(rng, &["C", "P"]),
            int(rng, 1, 2)
        ),
        "SA" => format!(
            "{}{}",
            pick_str(rng, &["80", "10", "45", "20"]),
            digits(rng, 18)
        ),
        "AE" => format!(
            "{}{}",
            pick_str(rng, &["033", "026", "035"]),
            digits(rng, 16)
        ),
        "TR" => format!("{}0{}", digits(rng, 5), digits(rng, 16)),
        "GR" => format!(
            "{}{}{}",
            pick_str(rng, &["011", "014", "017", "026"]),
            digits(rng, 4),
            digits(rng, 16)
        ),
        "CZ" => format!(
            "{}{}",
            pick_str(rng, &["0800", "0100", "2010", "0300"]),
            digits(rng, 16)
        ),
        "HU" => digits(rng, 24),
        _ => format!(
            "{}{}",
            pick_str(rng, &["BTRL", "RNCB", "BRDE", "INGB"]),
            digits(rng, 16)
        ),
    }
}

/// Italian CIN, the control letter in front of an Italian BBAN (Banca d'Italia): the
/// codice fiscale's odd/even tables over the 22 characters ABI+CAB+account, mod 26.
fn it_cin(abi_cab_account: &str) -> char {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut sum = 0u32;
    for (i, c) in abi_cab_account.bytes().enumerate() {
        let idx = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c.to_ascii_uppercase().saturating_sub(b'A'))
        };
        sum += if i % 2 == 0 {
            ODD[idx as usize % 26]
        } else {
            idx
        };
    }
    char::from(b'A' + (sum % 26) as u8)
}

const STANDARD_IBAN: &[&str] = &[
    "DE", "FR", "GB", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE",
];
const HOLDOUT_IBAN: &[&str] = &[
    "SE", "PT", "NO", "DK", "FI", "LU", "BR", "SA", "AE", "TR", "GR", "CZ", "HU", "RO",
];

/// An IBAN with the right length for its country and correct mod-97 check digits, printed in
/// groups of four or compact.
pub fn iban(rng: &mut Rg<'_>, h: bool) -> String {
    let country = if h && chance(rng, 0.85) {
        pick_str(rng, HOLDOUT_IBAN)
    } else {
        pick_str(rng, STANDARD_IBAN)
    };
    let b = bban(rng, country);
    let check = iban_check_digits(country, &b).unwrap_or(0);
    let compact = format!("{country}{check:02}{b}");
    match int(rng, 0, 2) {
        0 | 1 => group_every(&compact, 4, " "),
        _ => compact,
    }
}

/// A BIC (ISO 9362) of a real institution, with or without a branch code.
pub fn swift_bic(rng: &mut Rg<'_>, h: bool) -> String {
    const STANDARD: &[&str] = &[
        "DEUTDEFF", "COBADEFF", "BNPAFRPP", "SOGEFRPP", "BARCGB22", "HSBCGB2L", "NWBKGB2L",
        "CHASUS33", "BOFAUS3N", "CITIUS33", "INGBNL2A", "ABNANL2A", "RABONL2U", "BBVAESMM",
        "CAIXESBB", "UNCRITMM", "BCITITMM", "UBSWCHZH", "KREDBEBB", "GEBABEBB", "PKOPPLPW",
        "BSCHESMM", "DRESDEFF", "CRLYFRPP",
    ];
    const HOLDOUT: &[&str] = &[
        "NDEAFIHH", "ESSESESS", "HANDSESS", "DABADKKK", "DNBANOKK", "BCOMPTPL", "CGDIPTPL",
        "ITAUBRSP", "BRASBRRJ", "SBININBB", "HDFCINBB", "ANZBAU3M", "CTBAAU2S", "DBSSSGSG",
        "MHCBJPJT", "NBADAEAA", "TGBATRIS", "RZBAATWW", "BKAUATWW", "KOMBCZPP",
    ];
    let base = if h {
        pick_str(rng, HOLDOUT)
    } else {
        pick_str(rng, STANDARD)
    };
    match int(rng, 0, 3) {
        0 => format!("{base}XXX"),
        1 => format!(
            "{base}{}",
            pick_str(rng, &["500", "100", "MUC", "HAM", "B01", "PAR", "210"])
        ),
        _ => base.to_string(),
    }
}

/// An ABA routing number: Federal Reserve district prefix, institution digits and the
/// 3-7-1 weighted check digit.
pub fn aba_routing(rng: &mut Rg<'_>, h: bool) -> String {
    let prefix = match int(rng, 0, 2) {
        0 => int(rng, 1, 12),
        1 => int(rng, 21, 32),
        _ => int(rng, 61, 72),
    };
    let mut d: Vec<u8> = vec![(prefix / 10) as u8, (prefix % 10) as u8];
    d.extend(digit_vec(rng, 6));
    let w = [3u32, 7, 1];
    let s: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| w[i % 3] * u32::from(x))
        .sum();
    d.push(((10 - s % 10) % 10) as u8);
    let s = digits_to_string(&d);
    if h && chance(rng, 0.3) {
        format!("{}-{}-{}", &s[..4], &s[4..8], &s[8..])
    } else {
        s
    }
}

/// A US deposit account number (8 to 12 digits; no public check digit).
pub fn us_bank_account(rng: &mut Rg<'_>, h: bool) -> String {
    let n = int(rng, 8, 12) as usize;
    let mut s = format!("{}{}", int(rng, 1, 9), digits(rng, n - 1));
    if h && chance(rng, 0.3) {
        s = format!("{}-{}", &s[..4], &s[4..]);
    }
    s
}

/// A cryptocurrency address with a valid checksum: Bitcoin P2PKH/P2SH (Base58Check),
/// P2WPKH (Bech32) or P2TR (Bech32m), or an Ethereum address with its EIP-55 case checksum.
pub fn crypto_wallet(rng: &mut Rg<'_>, h: bool) -> String {
    let kind = if h {
        *pick(rng, &[1u8, 3, 3, 4, 4])
    } else {
        *pick(rng, &[0u8, 0, 1, 2, 2, 4, 4])
    };
    match kind {
        0 | 1 => {
            let mut payload = vec![if kind == 0 { 0x00 } else { 0x05 }];
            payload.extend(bytes(rng, 20));
            encode::base58check(&payload)
        }
        2 => encode::segwit_address("bc", 0, &bytes(rng, 20)),
        3 => encode::segwit_address("bc", 1, &bytes(rng, 32)),
        _ => {
            // Retry the (1 in 2^40) address with no letter, whose case carries no checksum.
            loop {
                let hex = crate::draw::hex(rng, 20);
                if hex.bytes().any(|c| c.is_ascii_alphabetic()) {
                    break format!("0x{}", encode::eip55(&hex));
                }
            }
        }
    }
}
