//! Checksum and structure validators: the second opinion a detector asks for after its
//! pattern matched.
//!
//! A pattern says "this looks like a card number"; a validator says "and it is one": Luhn,
//! IBAN mod-97, SSN area rules, national-ID check digits and calendar dates, EIP-55 and
//! Base58Check, the shape of a JWT or a PEM block. Each takes the candidate exactly as matched
//! (separators included) and normalizes it itself.
//!
//! Validators must never panic, whatever the input (arbitrary UTF-8, empty, megabytes), must
//! stay cheap (they run once per candidate in the hot loop, so every one rejects oversized
//! input before doing work), and must never log, print or return the candidate: it may be PII.

mod checksum;
mod crypto;
mod date;
mod national;
mod network;
mod phone_rules;
mod secret;

pub use checksum::{
    aba_routing, credit_card, iban, imei, iso7064_mod11_10, luhn, swift_bic, verhoeff,
};
pub use crypto::{bitcoin_base58, bitcoin_segwit, crypto_wallet, ethereum_address};
pub use date::{date, parse_date};
pub use national::{
    au_medicare, au_tfn, be_national_number, br_cpf, ca_sin, de_tax_id, es_dni, es_nie, fi_hetu,
    fr_nir, in_aadhaar, in_pan, it_fiscal_code, nl_bsn, pl_pesel, se_personnummer, sg_nric, uk_nhs,
    uk_nino, us_dea, us_itin, us_mbi, us_npi, us_ssn,
};
pub use network::{
    email, gps, ip_address, mac_address, phone, phone_in_region, url_with_credentials,
};
pub use secret::{aws_access_key_id, jwt, pem_block, private_key};

/// Room for the digits or characters of any identifier a validator reads (the longest, an
/// IBAN, has 34).
const BUF: usize = 64;

/// The digits or characters of one candidate, on the stack: a validator runs on every value
/// a pattern proposes, and a heap buffer per call cost as much as some checks themselves.
type Buf = arrayvec::ArrayVec<u8, BUF>;

/// No built-in validator accepts anything longer; a candidate past this is rejected before any
/// validator looks at it (the largest legitimate inputs are PEM blocks and JWTs).
const MAX_CANDIDATE_BYTES: usize = 64 * 1024;

/// A built-in check that a candidate value must pass. Input is the candidate exactly as matched
/// (may contain separators such as spaces, dashes, dots, slashes); each validator normalizes
/// itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    /// Luhn mod-10 over the digits.
    Luhn,
    /// Payment card number: Luhn plus a known issuer prefix and length.
    CreditCard,
    /// Mobile equipment identity: 15 digits, Luhn.
    Imei,
    /// International bank account number (ISO 13616).
    Iban,
    /// SWIFT/BIC bank identifier code (ISO 9362).
    SwiftBic,
    /// US ABA routing transit number.
    AbaRouting,
    /// Bitcoin (Base58Check, bech32/bech32m) or Ethereum (EIP-55) address.
    CryptoWallet,
    /// US Social Security number.
    UsSsn,
    /// US Individual Taxpayer Identification Number.
    UsItin,
    /// US National Provider Identifier (healthcare).
    UsNpi,
    /// US DEA registration number.
    UsDea,
    /// US Medicare Beneficiary Identifier.
    UsMbi,
    /// UK National Insurance number.
    UkNino,
    /// UK NHS number.
    UkNhs,
    /// Canadian Social Insurance Number.
    CaSin,
    /// German tax identification number (Steuer-IdNr).
    DeTaxId,
    /// French social security number (NIR).
    FrNir,
    /// Spanish national identity document number (DNI).
    EsDni,
    /// Spanish foreigner identity number (NIE).
    EsNie,
    /// Italian fiscal code (codice fiscale).
    ItFiscalCode,
    /// Dutch citizen service number (BSN).
    NlBsn,
    /// Belgian national register number.
    BeNationalNumber,
    /// Polish PESEL.
    PlPesel,
    /// Swedish personal identity number (personnummer).
    SePersonnummer,
    /// Finnish personal identity code (HETU).
    FiHetu,
    /// Indian Aadhaar number.
    InAadhaar,
    /// Indian Permanent Account Number (PAN).
    InPan,
    /// Brazilian individual taxpayer number (CPF).
    BrCpf,
    /// Australian Tax File Number.
    AuTfn,
    /// Australian Medicare card number.
    AuMedicare,
    /// Singapore NRIC/FIN.
    SgNric,
    /// Telephone number valid for its region.
    Phone,
    /// IPv4 or IPv6 address.
    IpAddress,
    /// IEEE 802 MAC address.
    MacAddress,
    /// Decimal-degree latitude/longitude pair.
    Gps,
    /// Calendar date in a common written form.
    Date,
    /// JSON Web Token.
    Jwt,
    /// PEM private key block (or its BEGIN line).
    PrivateKey,
    /// AWS access key id.
    AwsAccessKeyId,
    /// URL carrying a real (non-placeholder) password.
    UrlWithCredentials,
    /// E-mail address.
    Email,
}

impl Validator {
    /// Every built-in validator, in declaration order.
    pub const ALL: &'static [Validator] = &[
        Validator::Luhn,
        Validator::CreditCard,
        Validator::Imei,
        Validator::Iban,
        Validator::SwiftBic,
        Validator::AbaRouting,
        Validator::CryptoWallet,
        Validator::UsSsn,
        Validator::UsItin,
        Validator::UsNpi,
        Validator::UsDea,
        Validator::UsMbi,
        Validator::UkNino,
        Validator::UkNhs,
        Validator::CaSin,
        Validator::DeTaxId,
        Validator::FrNir,
        Validator::EsDni,
        Validator::EsNie,
        Validator::ItFiscalCode,
        Validator::NlBsn,
        Validator::BeNationalNumber,
        Validator::PlPesel,
        Validator::SePersonnummer,
        Validator::FiHetu,
        Validator::InAadhaar,
        Validator::InPan,
        Validator::BrCpf,
        Validator::AuTfn,
        Validator::AuMedicare,
        Validator::SgNric,
        Validator::Phone,
        Validator::IpAddress,
        Validator::MacAddress,
        Validator::Gps,
        Validator::Date,
        Validator::Jwt,
        Validator::PrivateKey,
        Validator::AwsAccessKeyId,
        Validator::UrlWithCredentials,
        Validator::Email,
    ];

    /// The snake_case name, identical to the serde form (`"credit_card"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Validator::Luhn => "luhn",
            Validator::CreditCard => "credit_card",
            Validator::Imei => "imei",
            Validator::Iban => "iban",
            Validator::SwiftBic => "swift_bic",
            Validator::AbaRouting => "aba_routing",
            Validator::CryptoWallet => "crypto_wallet",
            Validator::UsSsn => "us_ssn",
            Validator::UsItin => "us_itin",
            Validator::UsNpi => "us_npi",
            Validator::UsDea => "us_dea",
            Validator::UsMbi => "us_mbi",
            Validator::UkNino => "uk_nino",
            Validator::UkNhs => "uk_nhs",
            Validator::CaSin => "ca_sin",
            Validator::DeTaxId => "de_tax_id",
            Validator::FrNir => "fr_nir",
            Validator::EsDni => "es_dni",
            Validator::EsNie => "es_nie",
            Validator::ItFiscalCode => "it_fiscal_code",
            Validator::NlBsn => "nl_bsn",
            Validator::BeNationalNumber => "be_national_number",
            Validator::PlPesel => "pl_pesel",
            Validator::SePersonnummer => "se_personnummer",
            Validator::FiHetu => "fi_hetu",
            Validator::InAadhaar => "in_aadhaar",
            Validator::InPan => "in_pan",
            Validator::BrCpf => "br_cpf",
            Validator::AuTfn => "au_tfn",
            Validator::AuMedicare => "au_medicare",
            Validator::SgNric => "sg_nric",
            Validator::Phone => "phone",
            Validator::IpAddress => "ip_address",
            Validator::MacAddress => "mac_address",
            Validator::Gps => "gps",
            Validator::Date => "date",
            Validator::Jwt => "jwt",
            Validator::PrivateKey => "private_key",
            Validator::AwsAccessKeyId => "aws_access_key_id",
            Validator::UrlWithCredentials => "url_with_credentials",
            Validator::Email => "email",
        }
    }

    /// Looks a validator up by name. Accepts the snake_case name in any ASCII case, with `-`
    /// in place of `_` (`"Credit-Card"`), so hand-written config is forgiving.
    pub fn from_name(s: &str) -> Option<Validator> {
        let s = s.trim();
        Validator::ALL.iter().copied().find(|v| {
            let name = v.as_str().as_bytes();
            name.len() == s.len()
                && name.iter().zip(s.bytes()).all(|(&n, c)| {
                    let c = if c == b'-' {
                        b'_'
                    } else {
                        c.to_ascii_lowercase()
                    };
                    n == c
                })
        })
    }

    /// One line for `piicat detectors`: what the check verifies.
    pub fn description(self) -> &'static str {
        match self {
            Validator::Luhn => "Luhn mod-10 over the digits (spaces and dashes ignored)",
            Validator::CreditCard => {
                "Luhn mod-10 + issuer prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro)"
            }
            Validator::Imei => "15 digits, Luhn mod-10, not all zeros",
            Validator::Iban => "ISO 13616: registered country, exact country length, mod-97 == 1",
            Validator::SwiftBic => {
                "ISO 9362: 4-letter bank, existing ISO 3166 country, location, optional branch; upper case"
            }
            Validator::AbaRouting => {
                "9 digits, Federal Reserve prefix, 3-7-1 weighted checksum mod 10"
            }
            Validator::CryptoWallet => {
                "Bitcoin Base58Check / bech32(m) segwit, or Ethereum 0x address with EIP-55 checksum"
            }
            Validator::UsSsn => {
                "AAA-GG-SSSS: area not 000/666/9xx, group not 00, serial not 0000, not an advertised number"
            }
            Validator::UsItin => "9 digits starting with 9, group digits in the IRS ITIN ranges",
            Validator::UsNpi => "10 digits starting 1 or 2, Luhn with the 80840 prefix",
            Validator::UsDea => "registrant letter + letter + 7 digits, DEA check digit",
            Validator::UsMbi => "11-character CMS MBI structure (letters exclude S, L, O, I, B, Z)",
            Validator::UkNino => "2 allowed prefix letters + 6 digits + suffix A-D",
            Validator::UkNhs => "10 digits, mod-11 check digit (weights 10..2)",
            Validator::CaSin => "9 digits, Luhn mod-10, first digit not 0 or 8",
            Validator::DeTaxId => {
                "11 digits, one digit repeated 2-3 times in the first 10, ISO 7064 MOD 11,10"
            }
            Validator::FrNir => {
                "15 characters (Corsica 2A/2B allowed), sex and month plausible, key = 97 - n mod 97"
            }
            Validator::EsDni => "8 digits + check letter (mod 23)",
            Validator::EsNie => "X/Y/Z + 7 digits + check letter (mod 23)",
            Validator::ItFiscalCode => {
                "16 characters with omocodia, month letter, day range, odd/even check character"
            }
            Validator::NlBsn => "9 digits, 11-test (weights 9..2, -1)",
            Validator::BeNationalNumber => {
                "11 digits, plausible month/day, 97 - mod 97 check (pre- and post-2000 births)"
            }
            Validator::PlPesel => {
                "11 digits, valid birth date with century in month, weights 1-3-7-9"
            }
            Validator::SePersonnummer => {
                "valid birth (or coordination) date, Luhn mod-10 over YYMMDDNNNC"
            }
            Validator::FiHetu => {
                "DDMMYY + century sign + individual number 002-899 + mod-31 check character"
            }
            Validator::InAadhaar => "12 digits, first 2-9, Verhoeff checksum",
            Validator::InPan => "5 letters (4th = holder type) + 4 digits + letter",
            Validator::BrCpf => "11 digits, two mod-11 check digits, not all the same digit",
            Validator::AuTfn => "8 or 9 digits, weighted sum mod 11 == 0",
            Validator::AuMedicare => "10-11 digits, first 2-6, weighted check digit in position 9",
            Validator::SgNric => "S/T/F/G/M + 7 digits + weighted mod-11 check letter",
            Validator::Phone => {
                "valid number for its country (libphonenumber metadata), 7-15 digits"
            }
            Validator::IpAddress => {
                "IPv4 dotted quad (0-255, no leading zeros, not 0.0.0.0) or IPv6 (not ::)"
            }
            Validator::MacAddress => {
                "6 hex pairs (':' or '-') or 3 hex quads ('.'), not all zeros or broadcast"
            }
            Validator::Gps => "latitude within 90, longitude within 180, at least 4 decimals each",
            Validator::Date => "calendar-valid date in a common numeric or written form, 1900-2030",
            Validator::Jwt => {
                "3 base64url segments; header and payload are JSON objects; header has alg"
            }
            Validator::PrivateKey => {
                "PEM private key BEGIN line, or a full block with matching END"
            }
            Validator::AwsAccessKeyId => "known 4-letter prefix + 16 base32 characters",
            Validator::UrlWithCredentials => {
                "scheme://user:password@host with a real (non-placeholder) password"
            }
            Validator::Email => {
                "one @, local part up to 64, dotted domain with alphabetic TLD, total up to 254"
            }
        }
    }

    /// Whether `candidate` passes this check. Never panics, whatever the input.
    pub fn check(self, candidate: &str) -> bool {
        if candidate.len() > MAX_CANDIDATE_BYTES {
            return false;
        }
        let c = candidate;
        match self {
            Validator::Luhn => luhn(c),
            Validator::CreditCard => credit_card(c),
            Validator::Imei => imei(c),
            Validator::Iban => iban(c),
            Validator::SwiftBic => swift_bic(c),
            Validator::AbaRouting => aba_routing(c),
            Validator::CryptoWallet => crypto_wallet(c),
            Validator::UsSsn => us_ssn(c),
            Validator::UsItin => us_itin(c),
            Validator::UsNpi => us_npi(c),
            Validator::UsDea => us_dea(c),
            Validator::UsMbi => us_mbi(c),
            Validator::UkNino => uk_nino(c),
            Validator::UkNhs => uk_nhs(c),
            Validator::CaSin => ca_sin(c),
            Validator::DeTaxId => de_tax_id(c),
            Validator::FrNir => fr_nir(c),
            Validator::EsDni => es_dni(c),
            Validator::EsNie => es_nie(c),
            Validator::ItFiscalCode => it_fiscal_code(c),
            Validator::NlBsn => nl_bsn(c),
            Validator::BeNationalNumber => be_national_number(c),
            Validator::PlPesel => pl_pesel(c),
            Validator::SePersonnummer => se_personnummer(c),
            Validator::FiHetu => fi_hetu(c),
            Validator::InAadhaar => in_aadhaar(c),
            Validator::InPan => in_pan(c),
            Validator::BrCpf => br_cpf(c),
            Validator::AuTfn => au_tfn(c),
            Validator::AuMedicare => au_medicare(c),
            Validator::SgNric => sg_nric(c),
            Validator::Phone => phone(c),
            Validator::IpAddress => ip_address(c),
            Validator::MacAddress => mac_address(c),
            Validator::Gps => gps(c),
            Validator::Date => date(c),
            Validator::Jwt => jwt(c),
            Validator::PrivateKey => private_key(c),
            Validator::AwsAccessKeyId => aws_access_key_id(c),
            Validator::UrlWithCredentials => url_with_credentials(c),
            Validator::Email => email(c),
        }
    }
}

impl std::fmt::Display for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Digit values of `s` (trimmed) when it holds only ASCII digits and single separators from
/// `seps` between them; `None` otherwise, or when `s` is longer than `max_len` bytes.
fn digits_sep(s: &str, seps: &[u8], max_len: usize) -> Option<Buf> {
    let s = s.trim();
    if s.is_empty() || s.len() > max_len.min(BUF) {
        return None;
    }
    let bytes = s.as_bytes();
    let mut out = Buf::new();
    let mut prev_sep = true; // a leading separator is as bad as a doubled one
    for &b in bytes {
        if b.is_ascii_digit() {
            out.push(b - b'0');
            prev_sep = false;
        } else if seps.contains(&b) && !prev_sep {
            prev_sep = true;
        } else {
            return None;
        }
    }
    if prev_sep {
        return None;
    }
    Some(out)
}

/// Digit values of `s` (trimmed) when it is either all digits of the summed group length, or
/// exactly those groups joined by one separator character from `seps`, used consistently
/// (`078-05-1120`, `078 05 1120`, `078051120`).
fn grouped_digits(s: &str, groups: &[usize], seps: &[u8]) -> Option<Buf> {
    let s = s.trim();
    let total: usize = groups.iter().sum();
    let bytes = s.as_bytes();
    if bytes.len() == total {
        return digit_values(bytes);
    }
    if bytes.len() != total + groups.len().saturating_sub(1) || total > BUF {
        return None;
    }
    let mut out = Buf::new();
    let mut sep: Option<u8> = None;
    let mut pos = 0;
    for (i, &len) in groups.iter().enumerate() {
        if i > 0 {
            let b = *bytes.get(pos)?;
            if !seps.contains(&b) || sep.is_some_and(|s| s != b) {
                return None;
            }
            sep = Some(b);
            pos += 1;
        }
        for &b in bytes.get(pos..pos + len)? {
            if !b.is_ascii_digit() {
                return None;
            }
            out.push(b - b'0');
        }
        pos += len;
    }
    Some(out)
}

/// Digit values of `b` when it is only ASCII digits (and at most [`BUF`] of them).
fn digit_values(b: &[u8]) -> Option<Buf> {
    if b.len() > BUF {
        return None;
    }
    let mut out = Buf::new();
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        out.push(c - b'0');
    }
    Some(out)
}

/// The decimal number spelled by `d` (at most 19 digits, so it cannot overflow).
fn number(d: &[u8]) -> u64 {
    d.iter()
        .take(19)
        .fold(0u64, |acc, &x| acc * 10 + u64::from(x))
}

/// True when every digit is the same (`0000000000`, `1111111111`): test or filler values.
fn all_same(d: &[u8]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        assert_eq!(Validator::ALL.len(), 41);
        for &v in Validator::ALL {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
            let back: Validator = serde_json::from_str(&json).unwrap();
            assert_eq!(back, v);
            assert_eq!(Validator::from_name(v.as_str()), Some(v));
            assert!(!v.description().is_empty());
            assert_eq!(v.to_string(), v.as_str());
        }
        assert_eq!(
            Validator::from_name("Credit-Card"),
            Some(Validator::CreditCard)
        );
        assert_eq!(Validator::from_name(" IBAN "), Some(Validator::Iban));
        assert_eq!(Validator::from_name("creditcard"), None);
        assert_eq!(Validator::from_name(""), None);
        assert_eq!(Validator::from_name("ñ"), None);
    }

    #[test]
    fn all_is_complete_and_unique() {
        let mut names: Vec<&str> = Validator::ALL.iter().map(|v| v.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Validator::ALL.len());
    }

    #[test]
    fn junk_never_passes_and_never_panics() {
        let huge = "7".repeat(10_000);
        let huge_mixed = "a1-".repeat(4_000);
        let over_cap = "x".repeat(MAX_CANDIDATE_BYTES + 1);
        let junk: &[&str] = &[
            "",
            " ",
            "abc",
            "ñ",
            "\u{0}",
            &huge,
            &huge_mixed,
            &over_cap,
            "-----",
            "0x",
            "@@",
            "\u{1F600}\u{1F600}",
            "..",
            "::",
            "--",
            "   \t\n",
            "1",
            "\u{FF10}\u{FF12}\u{FF13}",
            "  2 22#:",
        ];
        for &v in Validator::ALL {
            for j in junk {
                assert!(
                    !v.check(j),
                    "{} accepted junk {:?}",
                    v.as_str(),
                    j.get(..20)
                );
            }
        }
    }

    #[test]
    fn every_validator_rejects_every_byte_prefix_of_a_valid_value_without_panicking() {
        // Cutting valid values at every char boundary exercises the length and index guards.
        let samples = [
            "4111 1111 1111 1111",
            "GB82 WEST 1234 5698 7654 32",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "RSSMRA85T10A562S",
            "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln",
            "postgres://u:p4ss@db:5432/x",
            "+44 20 7946 0958",
            "12 März 1985",
            "-----BEGIN RSA PRIVATE KEY-----",
        ];
        for &v in Validator::ALL {
            for s in samples {
                for (i, _) in s.char_indices() {
                    let _ = v.check(&s[..i]);
                    let _ = v.check(&s[i..]);
                }
            }
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(
            digits_sep("12 34", b" ", 10).as_deref(),
            Some(&[1, 2, 3, 4][..])
        );
        assert_eq!(digits_sep("12  34", b" ", 10), None);
        assert_eq!(digits_sep("-1234", b"-", 10), None);
        assert_eq!(digits_sep("1234-", b"-", 10), None);
        assert_eq!(digits_sep("12345678901", b"", 10), None);
        assert_eq!(
            grouped_digits("078-05-1120", &[3, 2, 4], b"- ").as_deref(),
            Some(&[0, 7, 8, 0, 5, 1, 1, 2, 0][..])
        );
        assert_eq!(grouped_digits("078-05 1120", &[3, 2, 4], b"- "), None);
        assert_eq!(grouped_digits("0780-5-1120", &[3, 2, 4], b"- "), None);
        assert_eq!(grouped_digits("07805112a", &[3, 2, 4], b"- "), None);
        assert_eq!(
            grouped_digits("078051120", &[3, 2, 4], b"- ").as_deref(),
            Some(&[0, 7, 8, 0, 5, 1, 1, 2, 0][..])
        );
        // Longer than the buffer: refused, never cut.
        assert_eq!(digits_sep(&"1".repeat(BUF + 1), b"", 1000), None);
        assert_eq!(digit_values("7".repeat(BUF + 1).as_bytes()), None);
        assert_eq!(digit_values(b"12a"), None);
        assert_eq!(number(&[1, 2, 3]), 123);
        assert!(all_same(&[4, 4, 4]));
        assert!(!all_same(&[4, 4, 5]));
    }
}
