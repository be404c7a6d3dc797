//! piicat-testkit: deterministic generators of realistic PII values, near-miss decoys and
//! labelled corpora (fields and free text), used by piicat's tests, benches and samples.
//!
//! This crate is the independent cross-check of the detection engine: it never depends on
//! `piicat-classifiers`, and every check digit it produces is computed here, from the official
//! algorithm cited next to the generator (see [`check`]). Everything is seeded: the same seed
//! always yields byte-identical output, so a failing test can be replayed.
//!
//! All values are synthetic. They are *valid-looking* (check digits, numbering plans, country
//! lengths) but drawn at random; they must never be mixed with, or mistaken for, real data.

pub mod check;
pub mod decoys;
mod draw;
pub mod encode;
pub mod fields;
pub mod fixtures;
mod lexicon;
pub mod text;
pub mod values;

use serde::{Deserialize, Serialize};

pub use decoys::{DecoyKind, corrupt_check_digit, decoy};
pub use fields::{bench_table, column, fields_corpus};
pub use text::{log_text, log_text_sparse, text_corpus};
pub use values::{value, value_for};

/// Every class id the testkit can generate, in the engine's vocabulary (exact strings).
pub const CLASSES: &[&str] = &[
    "EMAIL",
    "PHONE_NUMBER",
    "PERSON_NAME",
    "FIRST_NAME",
    "LAST_NAME",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "POSTAL_CODE",
    "GPS_COORDINATES",
    "IP_ADDRESS",
    "MAC_ADDRESS",
    "IMEI",
    "URL_WITH_CREDENTIALS",
    "CREDIT_CARD",
    "IBAN",
    "SWIFT_BIC",
    "US_ABA_ROUTING",
    "US_BANK_ACCOUNT",
    "CRYPTO_WALLET",
    "US_SSN",
    "US_ITIN",
    "US_PASSPORT",
    "US_DRIVER_LICENSE",
    "US_NPI",
    "US_DEA",
    "US_MBI",
    "UK_NINO",
    "UK_NHS",
    "UK_PASSPORT",
    "CA_SIN",
    "DE_TAX_ID",
    "FR_NIR",
    "ES_DNI",
    "ES_NIE",
    "IT_FISCAL_CODE",
    "NL_BSN",
    "BE_NATIONAL_NUMBER",
    "PL_PESEL",
    "SE_PERSONNUMMER",
    "FI_HETU",
    "IN_AADHAAR",
    "IN_PAN",
    "BR_CPF",
    "AU_TFN",
    "AU_MEDICARE",
    "SG_NRIC",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "GITHUB_TOKEN",
    "SLACK_TOKEN",
    "STRIPE_KEY",
    "GOOGLE_API_KEY",
    "PRIVATE_KEY",
    "JWT",
    "PASSWORD",
];

/// Classes whose values carry a check digit (or checksum) that [`check::passes_check`]
/// verifies and [`corrupt_check_digit`] breaks.
pub const CHECKSUMMED_CLASSES: &[&str] = &[
    "IMEI",
    "CREDIT_CARD",
    "IBAN",
    "US_ABA_ROUTING",
    "CRYPTO_WALLET",
    "US_NPI",
    "US_DEA",
    "UK_NHS",
    "CA_SIN",
    "DE_TAX_ID",
    "FR_NIR",
    "ES_DNI",
    "ES_NIE",
    "IT_FISCAL_CODE",
    "NL_BSN",
    "BE_NATIONAL_NUMBER",
    "PL_PESEL",
    "SE_PERSONNUMMER",
    "FI_HETU",
    "IN_AADHAAR",
    "BR_CPF",
    "AU_TFN",
    "AU_MEDICARE",
    "SG_NRIC",
];

/// Classes that a field cannot be recognised as from its values alone (they need the column
/// name or a context word), so the corpora never put them under an obfuscated column name.
pub const CONTEXT_DEPENDENT_CLASSES: &[&str] = &[
    "POSTAL_CODE",
    "US_BANK_ACCOUNT",
    "US_DRIVER_LICENSE",
    "AWS_SECRET_ACCESS_KEY",
    "US_PASSPORT",
    "UK_PASSPORT",
    "DATE_OF_BIRTH",
    "PASSWORD",
];

/// Which flavour of data to generate.
///
/// `Standard` is what the engine is tuned against. `Holdout` is drawn from a different seed
/// stream *and* different data (other locales, national formats, IBAN countries, abbreviated
/// or obfuscated column names, harder decoys), so a score on it estimates accuracy on data
/// nobody tuned for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Profile {
    /// The data the engine is developed against.
    Standard,
    /// Held-out data: other seed, other formats, other names.
    Holdout,
}

/// One labelled column: a name, its sampled cells and the classes it truly holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledField {
    /// Column name as a source would report it.
    pub name: String,
    /// Cell values, including realistic empties (`""`, `null`, `N/A`...).
    pub values: Vec<String>,
    /// Class ids truly present in the column; empty for decoy columns.
    pub expected: Vec<String>,
}

/// One labelled line of free text with the exact spans of every embedded value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledLine {
    /// The line (no trailing newline).
    pub text: String,
    /// Every embedded value, in order of appearance; empty for decoy lines.
    pub spans: Vec<LabelledSpan>,
}

/// A labelled value inside a [`LabelledLine`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledSpan {
    /// Class id of the value.
    pub class: String,
    /// Byte offset of the first byte of the value in the line.
    pub start: usize,
    /// Byte offset one past the last byte of the value (exclusive).
    pub end: usize,
}

/// True when `class` is one of [`CLASSES`].
pub fn is_class(class: &str) -> bool {
    CLASSES.contains(&class)
}

/// A ChaCha generator seeded from `seed`, mixed with `salt` so that two corpora built from
/// the same user seed (say, fields and text, or standard and holdout) do not share a stream.
pub(crate) fn seeded(seed: u64, salt: u64) -> rand_chacha::ChaCha8Rng {
    use rand::SeedableRng;
    rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ salt.rotate_left(17) ^ 0x9E37_79B9_7F4A_7C15)
}
