//! Generators of realistic, valid values for every class id in [`crate::CLASSES`].
//!
//! Each family module cites the rule it implements (numbering plan, check digit, token
//! layout). A generator returns a value that a careful human validator would accept, in one of
//! the formats people really write it in. Generators never read the clock or the
//! environment: the RNG is the only input.

use rand::Rng;

use crate::Profile;
use crate::draw::Rg;

pub mod contact;
pub mod finance;
pub mod national;
pub mod secrets;

/// A realistic valid value of `class` in the standard profile.
///
/// Returns an empty string for an id that is not in [`crate::CLASSES`]; use [`try_value`]
/// to tell the two apart.
pub fn value(class: &str, rng: &mut impl Rng) -> String {
    value_for(Profile::Standard, class, rng)
}

/// A realistic valid value of `class` in the given profile (holdout draws other locales,
/// countries and formats). Empty for an unknown class id.
pub fn value_for(profile: Profile, class: &str, rng: &mut impl Rng) -> String {
    generate(profile, class, rng).unwrap_or_default()
}

/// Like [`value_for`], but `None` for an unknown class id.
pub fn try_value(profile: Profile, class: &str, rng: &mut impl Rng) -> Option<String> {
    generate(profile, class, rng)
}

pub(crate) fn generate(profile: Profile, class: &str, rng: &mut Rg<'_>) -> Option<String> {
    let h = profile == Profile::Holdout;
    let v = match class {
        "EMAIL" => contact::email(rng, h),
        "PHONE_NUMBER" => contact::phone(rng, h),
        "PERSON_NAME" => contact::person_name(rng, h),
        "FIRST_NAME" => contact::first_name(rng, h),
        "LAST_NAME" => contact::last_name(rng, h),
        "DATE_OF_BIRTH" => contact::date_of_birth(rng, h),
        "STREET_ADDRESS" => contact::street_address(rng, h),
        "POSTAL_CODE" => contact::postal_code(rng, h),
        "GPS_COORDINATES" => contact::gps(rng, h),
        "IP_ADDRESS" => contact::ip_address(rng, h),
        "MAC_ADDRESS" => contact::mac_address(rng, h),
        "IMEI" => contact::imei(rng, h),
        "URL_WITH_CREDENTIALS" => contact::url_with_credentials(rng, h),
        "CREDIT_CARD" => finance::credit_card(rng, h),
        "IBAN" => finance::iban(rng, h),
        "SWIFT_BIC" => finance::swift_bic(rng, h),
        "US_ABA_ROUTING" => finance::aba_routing(rng, h),
        "US_BANK_ACCOUNT" => finance::us_bank_account(rng, h),
        "CRYPTO_WALLET" => finance::crypto_wallet(rng, h),
        "US_SSN" => national::us_ssn(rng, h),
        "US_ITIN" => national::us_itin(rng, h),
        "US_PASSPORT" => national::us_passport(rng, h),
        "US_DRIVER_LICENSE" => national::us_driver_license(rng, h),
        "US_NPI" => national::us_npi(rng, h),
        "US_DEA" => national::us_dea(rng, h),
        "US_MBI" => national::us_mbi(rng, h),
        "UK_NINO" => national::uk_nino(rng, h),
        "UK_NHS" => national::uk_nhs(rng, h),
        "UK_PASSPORT" => national::uk_passport(rng, h),
        "CA_SIN" => national::ca_sin(rng, h),
        "DE_TAX_ID" => national::de_tax_id(rng, h),
        "FR_NIR" => national::fr_nir(rng, h),
        "ES_DNI" => national::es_dni(rng, h),
        "ES_NIE" => national::es_nie(rng, h),
        "IT_FISCAL_CODE" => national::it_fiscal_code(rng, h),
        "NL_BSN" => national::nl_bsn(rng, h),
        "BE_NATIONAL_NUMBER" => national::be_national_number(rng, h),
        "PL_PESEL" => national::pl_pesel(rng, h),
        "SE_PERSONNUMMER" => national::se_personnummer(rng, h),
        "FI_HETU" => national::fi_hetu(rng, h),
        "IN_AADHAAR" => national::in_aadhaar(rng, h),
        "IN_PAN" => national::in_pan(rng, h),
        "BR_CPF" => national::br_cpf(rng, h),
        "AU_TFN" => national::au_tfn(rng, h),
        "AU_MEDICARE" => national::au_medicare(rng, h),
        "SG_NRIC" => national::sg_nric(rng, h),
        "AWS_ACCESS_KEY_ID" => secrets::aws_access_key_id(rng, h),
        "AWS_SECRET_ACCESS_KEY" => secrets::aws_secret_access_key(rng, h),
        "GITHUB_TOKEN" => secrets::github_token(rng, h),
        "SLACK_TOKEN" => secrets::slack_token(rng, h),
        "STRIPE_KEY" => secrets::stripe_key(rng, h),
        "GOOGLE_API_KEY" => secrets::google_api_key(rng, h),
        "PRIVATE_KEY" => {
            let multiline = !crate::draw::chance(rng, 0.2);
            secrets::private_key(rng, h, multiline)
        }
        "JWT" => secrets::jwt(rng, h),
        "PASSWORD" => secrets::password(rng, h),
        _ => return None,
    };
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CLASSES, check};
    use rand::SeedableRng;

    #[test]
    fn every_class_generates_non_empty_values_and_unknown_is_empty() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        for p in [Profile::Standard, Profile::Holdout] {
            for class in CLASSES {
                for _ in 0..50 {
                    let v = value_for(p, class, &mut rng);
                    assert!(!v.trim().is_empty(), "{class}");
                }
            }
        }
        assert_eq!(value("NOT_A_CLASS", &mut rng), "");
        assert!(try_value(Profile::Standard, "NOT_A_CLASS", &mut rng).is_none());
    }

    #[test]
    fn structured_values_pass_their_own_structure_check() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
        let mut covered = 0;
        for p in [Profile::Standard, Profile::Holdout] {
            for class in CLASSES {
                for _ in 0..300 {
                    let v = value_for(p, class, &mut rng);
                    match check::passes_structure(class, &v) {
                        Some(ok) => {
                            assert!(ok, "{class}: {v}");
                            covered += 1;
                        }
                        None => break,
                    }
                }
            }
        }
        assert_eq!(covered, 2 * 300 * 14);
    }

    #[test]
    fn checksummed_values_pass_their_own_check() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        for p in [Profile::Standard, Profile::Holdout] {
            for class in crate::CHECKSUMMED_CLASSES {
                for _ in 0..300 {
                    let v = value_for(p, class, &mut rng);
                    assert_eq!(check::passes_check(class, &v), Some(true), "{class}: {v}");
                }
            }
        }
    }
}
