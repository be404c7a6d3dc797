//! The built-in data classes and their detectors. Patterns here only propose candidates;
//! validators and name dictionaries confirm them, so patterns stay loose and fast while
//! precision comes from the checks. Order matters: earlier detectors win a tie in text.

use crate::class::{Category, Compliance, DataClass, Sensitivity};
use crate::detector::{Check, DetectorDef, Strength};
use crate::validators::Validator as V;

use Category as Cat;
use Compliance::*;
use Sensitivity::*;

fn class(
    id: &str,
    name: &str,
    category: Category,
    sensitivity: Sensitivity,
    compliance: &[Compliance],
    description: &str,
) -> DataClass {
    DataClass {
        id: id.into(),
        name: name.into(),
        category,
        sensitivity,
        compliance: compliance.to_vec(),
        description: description.into(),
    }
}

fn d(patterns: &[&str], check: Check, strength: Strength) -> DetectorDef {
    DetectorDef::new(patterns, check, strength)
}

fn v(validator: V) -> Check {
    Check::Validator(validator)
}

// Name-shape fragments shared by the name and address patterns.
const UPPER: &str = "[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ]";
const LOWER: &str = "[a-zß-öø-ÿā-žſ]";

fn word() -> String {
    format!("{UPPER}{LOWER}+(?:-{UPPER}{LOWER}+)?")
}

/// Every built-in class with its detectors, most specific first.
pub(crate) fn builtin() -> Vec<(DataClass, Vec<DetectorDef>)> {
    let w = word();
    let particle = "(?:[Vv][ao]n|[Dd]e|[Dd]a|[Dd]el|[Dd]ella|[Dd]i|[Dd]er|[Dd]en|[Dd]os|[Dd]as|[Dd]u|[Ll]a|[Ll]e|ter|y|bin|al|el)";
    let person_name =
        format!(r"{w}(?: {UPPER}\.)?(?: (?:{particle} ){{0,2}}(?:O'|Mc|D')?{w}){{1,2}}");
    let reversed_name = format!(r"{w}(?: {w})?, {w}(?: {w})?");
    // A title before a name, as a name column may hold it (text finds the name after it).
    let titles = crate::names::TITLES.map(regex::escape).join("|");
    let titled_name = format!(r"(?:{titles})\.? {person_name}");
    let single_name = format!(
        r"(?:(?:[Dd]e|[Vv]an|[Vv]an der|[Vv]an den|[Vv]on|[Dd]a|[Dd]i|[Dd]el|[Ll]e|[Ll]a) )?(?:O'|Mc|D')?{UPPER}{LOWER}+(?:[-'’]{UPPER}?{LOWER}+)?"
    );
    let street_en = format!(
        r"\b\d{{1,5}}[A-Za-z]?(?: {w}){{1,4}} (?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way|Parkway|Pkwy|Place|Pl\.?|Terrace|Square|Sq\.?|Highway|Hwy|Circle|Close|Crescent|Gardens|Row|Mews)(?: (?:North|South|East|West|N|S|E|W|NE|NW|SE|SW))?(?:,? (?:Apt\.?|Apartment|Suite|Ste\.?|Unit|#) ?\d{{1,5}}[A-Za-z]?)?\b"
    );
    let street_de = format!(
        r"\b{UPPER}{LOWER}+(?:-{UPPER}{LOWER}+)*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|steig|pfad|[ -]?(?:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee|Steig|Pfad)) \d{{1,4}}[a-z]?\b"
    );
    let street_fr = format!(
        r"\b\d{{1,4}}(?: ?(?:bis|ter))?,? (?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Cc]hemin|[Aa]llée|[Aa]llee|[Pp]lace|[Ii]mpasse|[Qq]uai|[Rr]oute|[Cc]ours|[Pp]assage) (?:de la |de l'|du |des |de |d')?{w}(?: (?:de la |de l'|du |des |de |d')?{w}){{0,3}}"
    );
    let street_es_pt_it = format!(
        r"\b(?:(?:Calle|C/|Avenida|Avda\.|Av\.|Plaza|Paseo|Camino|Carrera|Ronda|Rua|Travessa|Praça|Praca|Largo|Estrada|Alameda|V[ií]a|Viale|Piazza|Corso|Vicolo|Piazzale) (?:(?:de la|de los|del|de|da|do|das|dos|dei|della|degli|di) )?{w}(?: (?:(?:de la|de|da|do|del|di) )?(?:{w}|[IVX]{{1,4}})){{0,3}}|Gran V[ií]a),? (?:n[º°o]\.? ?)?\d{{1,5}}\b(?:, ?\d{{1,2}}[ºª°] ?(?:[A-Z]\b|izq(?:da)?\.?|dcha\.?|dch\.?|centro\b)?)?"
    );
    let street_nl = format!(
        r"\b{UPPER}{LOWER}+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg) \d{{1,4}}[a-zA-Z]?\b"
    );
    let months = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)";
    let dob = [
        r"\b(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b".to_string(),
        r"\b(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}\b".to_string(),
        r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}\b".to_string(),
        r"\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b".to_string(),
        format!(r"\b(?:0?[1-9]|[12]\d|3[01])\.? (?:de )?{months}\.?,? (?:de )?(?:19|20)\d{{2}}\b"),
        format!(r"\b{months} (?:0?[1-9]|[12]\d|3[01]),? (?:19|20)\d{{2}}\b"),
    ];
    let dob: Vec<&str> = dob.iter().map(String::as_str).collect();

    let gdpr_ccpa: &[Compliance] = &[Gdpr, Ccpa];
    let gov_us: &[Compliance] = &[Ccpa, Glba];
    let gov_eu: &[Compliance] = &[Gdpr];
    let secret: &[Compliance] = &[Secrets];
    let password_gap = r#"["']?[ \t]*(?:[=:]|=>|:=)[ \t]*["']?"#;

    vec![
        // ---- credentials: fixed prefixes, cheapest to confirm, checked first ----
        (
            class(
                "PRIVATE_KEY",
                "Private key",
                Cat::Credential,
                Critical,
                secret,
                "A PEM-encoded private key (RSA, EC, DSA, OpenSSH, PGP).",
            ),
            vec![d(
                &[r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"],
                v(V::PrivateKey),
                Strength::Strong,
            )],
        ),
        (
            class(
                "JWT",
                "JSON Web Token",
                Cat::Credential,
                High,
                secret,
                "A signed JSON Web Token whose header decodes to JSON with an algorithm.",
            ),
            vec![d(
                &[r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"],
                v(V::Jwt),
                Strength::Strong,
            )],
        ),
        (
            class(
                "URL_WITH_CREDENTIALS",
                "URL with credentials",
                Cat::Credential,
                Critical,
                secret,
                "A URL or connection string carrying a user name and password.",
            ),
            vec![d(
                &[
                    r#"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^ \t\n"'<>:@/]+:[^ \t\n"'<>@/]+@[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[^ \t\n"'<>]*)?"#,
                ],
                v(V::UrlWithCredentials),
                Strength::Strong,
            )],
        ),
        (
            class(
                "AWS_ACCESS_KEY_ID",
                "AWS access key id",
                Cat::Credential,
                High,
                secret,
                "An AWS access key id (AKIA…, ASIA…).",
            ),
            vec![d(
                &[r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z2-7]{16}\b"],
                v(V::AwsAccessKeyId),
                Strength::Strong,
            )],
        ),
        (
            class(
                "GITHUB_TOKEN",
                "GitHub token",
                Cat::Credential,
                Critical,
                secret,
                "A GitHub personal access, OAuth, app or refresh token.",
            ),
            vec![d(
                &[r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b"],
                Check::None,
                Strength::Strong,
            )],
        ),
        (
            class(
                "SLACK_TOKEN",
                "Slack token",
                Cat::Credential,
                Critical,
                secret,
                "A Slack bot, user, app or legacy token (xoxb-, xoxp-…).",
            ),
            vec![d(
                &[r"\bxox[abposr]-[0-9A-Za-z-]{10,}"],
                Check::None,
                Strength::Strong,
            )],
        ),
        (
            class(
                "STRIPE_KEY",
                "Stripe API key",
                Cat::Credential,
                Critical,
                &[Secrets, PciDss],
                "A Stripe secret, restricted or publishable API key.",
            ),
            vec![d(
                &[r"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b"],
                Check::None,
                Strength::Strong,
            )],
        ),
        (
            class(
                "GOOGLE_API_KEY",
                "Google API key",
                Cat::Credential,
                High,
                secret,
                "A Google Cloud / Maps / Firebase API key (AIza…).",
            ),
            vec![d(
                &[r"\bAIza[0-9A-Za-z_-]{35}"],
                Check::None,
                Strength::Strong,
            )],
        ),
        (
            class(
                "AWS_SECRET_ACCESS_KEY",
                "AWS secret access key",
                Cat::Credential,
                Critical,
                secret,
                "The 40-character secret half of an AWS key pair; needs a name hint or context.",
            ),
            vec![
                d(
                    &[r"[A-Za-z0-9/+]{40}\b"],
                    Check::HighEntropy,
                    Strength::Weak,
                )
                .hinted(),
            ],
        ),
        (
            class(
                "PASSWORD",
                "Password",
                Cat::Credential,
                Critical,
                secret,
                "A password in a connection string, config line or password field.",
            ),
            vec![
                d(
                    &[r#"[^ \t\n"';,<>]{3,}"#],
                    Check::PasswordLike,
                    Strength::Weak,
                )
                .hinted()
                .gap(password_gap),
            ],
        ),
        // ---- contact ----
        (
            class(
                "EMAIL",
                "Email address",
                Cat::Contact,
                Medium,
                gdpr_ccpa,
                "An e-mail address.",
            ),
            vec![d(
                &[
                    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b",
                ],
                v(V::Email),
                Strength::Strong,
            )],
        ),
        // ---- financial with strong checksums ----
        (
            class(
                "IBAN",
                "IBAN",
                Cat::Financial,
                High,
                &[Gdpr, Ccpa, Glba],
                "An International Bank Account Number (mod-97 and per-country length checked).",
            ),
            vec![d(
                &[r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"],
                v(V::Iban),
                Strength::Strong,
            )],
        ),
        (
            class(
                "CRYPTO_WALLET",
                "Cryptocurrency wallet address",
                Cat::Financial,
                Medium,
                &[Gdpr, Ccpa, Glba],
                "A Bitcoin (Base58Check or bech32) or Ethereum address.",
            ),
            vec![d(
                &[
                    r"\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b",
                    r"\bbc1[02-9ac-hj-np-z]{11,}\b",
                    r"\b0x[0-9a-fA-F]{40}\b",
                ],
                v(V::CryptoWallet),
                Strength::Strong,
            )],
        ),
        // ---- network ----
        (
            class(
                "MAC_ADDRESS",
                "MAC address",
                Cat::Network,
                Low,
                &[Gdpr, Ccpa, Hipaa],
                "A hardware (MAC) address of a device.",
            ),
            vec![d(
                &[
                    r"\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b",
                    r"\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b",
                ],
                v(V::MacAddress),
                Strength::Medium,
            )],
        ),
        (
            class(
                "IP_ADDRESS",
                "IP address",
                Cat::Network,
                Low,
                &[Gdpr, Ccpa, Hipaa],
                "An IPv4 or IPv6 address.",
            ),
            vec![d(
                &[
                    r"\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b",
                    r"(?:\b[0-9A-Fa-f]{1,4}|::)(?::{1,2}[0-9A-Fa-f]{1,4}){2,7}(?:::)?",
                    r"\b[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}\b",
                ],
                v(V::IpAddress),
                Strength::Medium,
            )],
        ),
        (
            class(
                "GPS_COORDINATES",
                "GPS coordinates",
                Cat::Location,
                Medium,
                &[Gdpr, Ccpa, Hipaa],
                "A latitude/longitude pair with at least four decimals (about 10 m).",
            ),
            vec![d(
                &[
                    r"(?:-|\b)(?:[1-8]?\d|90)\.\d{4,}\s?[,;/ ]\s?(?:-|\b)(?:1[0-7]\d|[1-9]?\d|180)\.\d{4,}\b",
                ],
                v(V::Gps),
                Strength::Medium,
            )],
        ),
        // ---- payment cards and device ids ----
        (
            class(
                "CREDIT_CARD",
                "Payment card number",
                Cat::Financial,
                Critical,
                &[PciDss, Gdpr, Ccpa, Glba],
                "A payment card number (Luhn and issuer prefix and length checked).",
            ),
            vec![d(
                &[
                    r"\b\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?\b",
                    r"\b3\d{3}[ -]\d{6}[ -]\d{4,5}\b",
                    r"\b\d{13,19}\b",
                ],
                v(V::CreditCard),
                Strength::Medium,
            )],
        ),
        (
            class(
                "IMEI",
                "IMEI",
                Cat::Network,
                Medium,
                &[Gdpr, Ccpa, Hipaa],
                "A mobile device's IMEI (15 digits, Luhn).",
            ),
            vec![
                d(
                    &[r"\b\d{2}[ -]?\d{6}[ -]?\d{6}[ -]?\d\b"],
                    v(V::Imei),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        // ---- national ids with distinctive shapes ----
        (
            class(
                "IT_FISCAL_CODE",
                "Italian fiscal code",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Italy's codice fiscale (check character verified).",
            ),
            vec![d(
                &[
                    r"\b[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]\b",
                ],
                v(V::ItFiscalCode),
                Strength::Strong,
            )],
        ),
        (
            class(
                "UK_NINO",
                "UK National Insurance number",
                Cat::GovernmentId,
                High,
                gov_eu,
                "A UK National Insurance number (prefix rules checked).",
            ),
            vec![d(
                &[r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"],
                v(V::UkNino),
                Strength::Medium,
            )],
        ),
        (
            class(
                "SG_NRIC",
                "Singapore NRIC/FIN",
                Cat::GovernmentId,
                High,
                &[Pdpa],
                "A Singapore NRIC or FIN (check letter verified).",
            ),
            vec![d(
                &[r"\b[STFGM]\d{7}[A-Z]\b"],
                v(V::SgNric),
                Strength::Medium,
            )],
        ),
        (
            class(
                "US_MBI",
                "US Medicare Beneficiary Identifier",
                Cat::Health,
                Critical,
                &[Hipaa],
                "A US Medicare Beneficiary Identifier (11-character structure).",
            ),
            vec![d(
                &[
                    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b",
                ],
                v(V::UsMbi),
                Strength::Medium,
            )],
        ),
        (
            class(
                "US_DEA",
                "US DEA registration number",
                Cat::Health,
                High,
                &[Hipaa],
                "A US Drug Enforcement Administration registration number (checksum verified).",
            ),
            vec![
                d(
                    &[r"\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b"],
                    v(V::UsDea),
                    Strength::Medium,
                )
                .text_context(),
            ],
        ),
        (
            class(
                "IN_PAN",
                "Indian PAN",
                Cat::GovernmentId,
                High,
                &[Dpdp],
                "India's Permanent Account Number (holder-type letter checked).",
            ),
            vec![d(
                &[r"\b[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]\b"],
                v(V::InPan),
                Strength::Medium,
            )],
        ),
        (
            class(
                "ES_NIE",
                "Spanish NIE",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Spain's foreigner identity number (mod-23 letter verified).",
            ),
            vec![d(
                &[r"\b[XYZ]-?\d{7}-?[A-HJ-NP-TV-Z]\b"],
                v(V::EsNie),
                Strength::Medium,
            )],
        ),
        (
            class(
                "ES_DNI",
                "Spanish DNI",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Spain's national identity document number (mod-23 letter verified).",
            ),
            vec![d(
                &[r"\b\d{8}-?[A-HJ-NP-TV-Z]\b"],
                v(V::EsDni),
                Strength::Medium,
            )],
        ),
        (
            class(
                "FI_HETU",
                "Finnish personal identity code",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Finland's henkilötunnus (date and mod-31 check verified).",
            ),
            vec![d(
                &[
                    r"\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]\b",
                ],
                v(V::FiHetu),
                Strength::Strong,
            )],
        ),
        (
            class(
                "SE_PERSONNUMMER",
                "Swedish personal identity number",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Sweden's personnummer (date and Luhn verified).",
            ),
            vec![
                d(
                    &[r"\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])\d{2}[-+]\d{4}\b"],
                    v(V::SePersonnummer),
                    Strength::Medium,
                ),
                d(
                    &[r"\b(?:19|20)\d{10}\b", r"\b\d{10}\b"],
                    v(V::SePersonnummer),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        (
            class(
                "BE_NATIONAL_NUMBER",
                "Belgian national number",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Belgium's rijksregisternummer / numéro national (mod-97 verified).",
            ),
            vec![
                d(
                    &[r"\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b"],
                    v(V::BeNationalNumber),
                    Strength::Medium,
                ),
                d(&[r"\b\d{11}\b"], v(V::BeNationalNumber), Strength::Weak).text_context(),
            ],
        ),
        (
            class(
                "BR_CPF",
                "Brazilian CPF",
                Cat::GovernmentId,
                High,
                &[Lgpd],
                "Brazil's Cadastro de Pessoas Físicas number (two check digits verified).",
            ),
            vec![
                d(
                    &[r"\b\d{3}\.\d{3}\.\d{3}-\d{2}\b"],
                    v(V::BrCpf),
                    Strength::Medium,
                ),
                d(&[r"\b\d{11}\b"], v(V::BrCpf), Strength::Weak).text_context(),
            ],
        ),
        (
            class(
                "FR_NIR",
                "French social security number",
                Cat::GovernmentId,
                High,
                gov_eu,
                "France's NIR / numéro de sécurité sociale (mod-97 key verified).",
            ),
            vec![d(
                &[
                    r"\b[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}\b",
                ],
                v(V::FrNir),
                Strength::Medium,
            )],
        ),
        (
            class(
                "US_ITIN",
                "US ITIN",
                Cat::GovernmentId,
                High,
                gov_us,
                "A US Individual Taxpayer Identification Number.",
            ),
            vec![
                d(
                    &[r"\b9\d{2}-\d{2}-\d{4}\b", r"\b9\d{2} \d{2} \d{4}\b"],
                    v(V::UsItin),
                    Strength::Medium,
                ),
                d(&[r"\b9\d{8}\b"], v(V::UsItin), Strength::Weak).hinted(),
            ],
        ),
        (
            class(
                "US_SSN",
                "US Social Security number",
                Cat::GovernmentId,
                Critical,
                &[Ccpa, Glba, Hipaa],
                "A US Social Security number (area, group and serial rules checked).",
            ),
            vec![
                d(
                    &[r"\b\d{3}-\d{2}-\d{4}\b", r"\b\d{3} \d{2} \d{4}\b"],
                    v(V::UsSsn),
                    Strength::Medium,
                ),
                d(&[r"\b\d{9}\b"], v(V::UsSsn), Strength::Weak).hinted(),
            ],
        ),
        (
            class(
                "CA_SIN",
                "Canadian SIN",
                Cat::GovernmentId,
                High,
                &[Pipeda],
                "Canada's Social Insurance Number (Luhn verified).",
            ),
            vec![
                d(
                    &[r"\b\d{3}[ -]\d{3}[ -]\d{3}\b"],
                    v(V::CaSin),
                    Strength::Medium,
                ),
                d(&[r"\b\d{9}\b"], v(V::CaSin), Strength::Weak).text_context(),
            ],
        ),
        (
            class(
                "UK_NHS",
                "UK NHS number",
                Cat::Health,
                Critical,
                &[Gdpr, Hipaa],
                "A UK National Health Service number (mod-11 verified).",
            ),
            vec![
                d(
                    &[r"\b\d{3}[ -]\d{3}[ -]\d{4}\b"],
                    v(V::UkNhs),
                    Strength::Medium,
                )
                .text_context(),
                d(&[r"\b\d{10}\b"], v(V::UkNhs), Strength::Weak).text_context(),
            ],
        ),
        (
            class(
                "IN_AADHAAR",
                "Indian Aadhaar number",
                Cat::GovernmentId,
                Critical,
                &[Dpdp],
                "India's Aadhaar number (Verhoeff verified).",
            ),
            vec![
                d(
                    &[r"\b[2-9]\d{3}[ -]\d{4}[ -]\d{4}\b"],
                    v(V::InAadhaar),
                    Strength::Medium,
                ),
                d(&[r"\b[2-9]\d{11}\b"], v(V::InAadhaar), Strength::Weak).text_context(),
            ],
        ),
        (
            class(
                "US_NPI",
                "US National Provider Identifier",
                Cat::Health,
                Medium,
                &[Hipaa],
                "A US healthcare National Provider Identifier (Luhn with 80840 prefix).",
            ),
            vec![d(&[r"\b[12]\d{9}\b"], v(V::UsNpi), Strength::Weak).text_context()],
        ),
        (
            class(
                "DE_TAX_ID",
                "German tax id",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Germany's Steuer-Identifikationsnummer (ISO 7064 mod 11,10 verified).",
            ),
            vec![
                d(
                    &[r"\b[1-9]\d ?\d{3} ?\d{3} ?\d{3}\b"],
                    v(V::DeTaxId),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        (
            class(
                "PL_PESEL",
                "Polish PESEL",
                Cat::GovernmentId,
                High,
                gov_eu,
                "Poland's PESEL number (date and checksum verified).",
            ),
            vec![d(&[r"\b\d{11}\b"], v(V::PlPesel), Strength::Weak).text_context()],
        ),
        (
            class(
                "NL_BSN",
                "Dutch BSN",
                Cat::GovernmentId,
                High,
                gov_eu,
                "The Netherlands' burgerservicenummer (11-test verified).",
            ),
            vec![
                d(
                    &[r"\b\d{9}\b", r"\b\d{4}\.\d{2}\.\d{3}\b", r"\b\d{8}\b"],
                    v(V::NlBsn),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        (
            class(
                "AU_TFN",
                "Australian TFN",
                Cat::GovernmentId,
                High,
                &[AuPrivacy],
                "An Australian Tax File Number (weighted mod-11 verified).",
            ),
            vec![d(&[r"\b\d{3} ?\d{3} ?\d{2,3}\b"], v(V::AuTfn), Strength::Weak).text_context()],
        ),
        (
            class(
                "AU_MEDICARE",
                "Australian Medicare number",
                Cat::Health,
                High,
                &[AuPrivacy, Hipaa],
                "An Australian Medicare card number (check digit verified).",
            ),
            vec![
                d(
                    &[r"\b[2-6]\d{3} ?\d{5} ?\d(?:[ -/]?\d)?\b"],
                    v(V::AuMedicare),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        (
            class(
                "US_ABA_ROUTING",
                "US ABA routing number",
                Cat::Financial,
                Medium,
                &[Glba],
                "A US bank routing transit number (checksum verified).",
            ),
            vec![d(&[r"\b\d{9}\b"], v(V::AbaRouting), Strength::Weak).text_context()],
        ),
        (
            class(
                "SWIFT_BIC",
                "SWIFT/BIC code",
                Cat::Financial,
                Low,
                &[Glba],
                "A bank's SWIFT/BIC code (country code checked).",
            ),
            vec![
                d(
                    &[r"\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b"],
                    v(V::SwiftBic),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        // ---- phones come after the ids whose shapes they share ----
        (
            class(
                "PHONE_NUMBER",
                "Phone number",
                Cat::Contact,
                Medium,
                gdpr_ccpa,
                "A phone number in international or national format (validated with libphonenumber).",
            ),
            vec![
                d(
                    &[
                        r"(?:\+|\b00)[1-9]\d{0,2}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){2,6}\b",
                        r"(?:\([2-9]\d{2}\) ?|\b[2-9]\d{2}[.-])[2-9]\d{2}[ .-]\d{4}\b",
                        r"\b0[1-9]\d{0,4}(?:[ /-]\d{2,8}){1,4}\b",
                        r"\b0[1-9](?:\.\d{2}){4}\b",
                        r"\b0[1-9]\d{8,10}\b",
                        r"\(0?\d{1,4}\) ?\d{2,5}[ -]?\d{3,5}\b",
                    ],
                    v(V::Phone),
                    Strength::Medium,
                ),
                // National numbers without a trunk prefix (`336 9050929`, `651 73 77 91`) are
                // phone numbers only next to a phone word.
                d(
                    &[
                        r"\b[1-9]\d{1,3}(?:[ .-]\d{2,8}){1,4}\b",
                        r"\b[1-9]\d{7,11}\b",
                    ],
                    v(V::Phone),
                    Strength::Weak,
                )
                .text_context(),
            ],
        ),
        // ---- ids that need a hint or context word ----
        (
            class(
                "US_PASSPORT",
                "US passport number",
                Cat::GovernmentId,
                High,
                gov_us,
                "A US passport number; needs a name hint or context.",
            ),
            vec![d(&[r"\b[A-Z]?\d{8,9}\b"], Check::None, Strength::Weak).hinted()],
        ),
        (
            class(
                "UK_PASSPORT",
                "UK passport number",
                Cat::GovernmentId,
                High,
                gov_eu,
                "A UK passport number; needs a name hint or context.",
            ),
            vec![
                d(
                    &[r"\b\d{9}\b", r"\b[A-Z]{2}\d{7}\b"],
                    Check::None,
                    Strength::Weak,
                )
                .hinted(),
            ],
        ),
        (
            class(
                "US_DRIVER_LICENSE",
                "US driver's license number",
                Cat::GovernmentId,
                High,
                gov_us,
                "A US driver's license number in one of the state formats; needs a name hint or context.",
            ),
            vec![
                d(
                    &[
                        r"\b[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d\b",
                        r"\b[A-Z]\d{3}-\d{4}-\d{4}\b",
                        r"\b[A-Z]\d{2}-\d{2}-\d{4}\b",
                        r"\bWDL[A-Z0-9]{9}\b",
                        r"\b\d{2,3} \d{3} \d{3}\b",
                        r"\b[A-Z]{1,2}\d{4,14}\b",
                        r"\b\d{7,12}\b",
                    ],
                    Check::None,
                    Strength::Weak,
                )
                .hinted(),
            ],
        ),
        (
            class(
                "US_BANK_ACCOUNT",
                "US bank account number",
                Cat::Financial,
                High,
                &[Glba, Ccpa],
                "A bank account number; needs a name hint or context.",
            ),
            vec![d(&[r"\b\d{6,17}\b"], Check::None, Strength::Weak).hinted()],
        ),
        (
            class(
                "DATE_OF_BIRTH",
                "Date of birth",
                Cat::Person,
                High,
                &[Gdpr, Ccpa, Hipaa],
                "A calendar date next to a birth-date name or context word.",
            ),
            vec![d(&dob, v(V::Date), Strength::Weak).hinted()],
        ),
        (
            class(
                "POSTAL_CODE",
                "Postal code",
                Cat::Location,
                Low,
                &[Gdpr, Ccpa, Hipaa],
                "A postal code in one of several national formats; needs a name hint or context.",
            ),
            vec![
                d(
                    &[
                        r"\b\d{5}-\d{3}\b",
                        r"\b\d{5}(?:-\d{4})?\b",
                        r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",
                        r"\b[1-9]\d{3} ?[A-Z]{2}\b",
                        r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b",
                        r"\b\d{2}-\d{3}\b",
                        r"\b\d{3} ?\d{2}\b",
                        r"\b\d{4}\b",
                    ],
                    Check::None,
                    Strength::Weak,
                )
                .hinted(),
            ],
        ),
        // ---- people and places ----
        (
            class(
                "STREET_ADDRESS",
                "Street address",
                Cat::Location,
                Medium,
                &[Gdpr, Ccpa, Hipaa],
                "A street address (street-type words in English, German, French, Spanish, Italian, Dutch, Portuguese).",
            ),
            vec![d(
                &[
                    street_en.as_str(),
                    &street_de,
                    &street_fr,
                    &street_es_pt_it,
                    &street_nl,
                ],
                Check::None,
                Strength::Medium,
            )],
        ),
        (
            class(
                "PERSON_NAME",
                "Person name",
                Cat::Person,
                Medium,
                gdpr_ccpa,
                "A person's full name (given and family names from the dictionaries).",
            ),
            vec![
                d(&[person_name.as_str()], Check::FullName, Strength::Medium),
                d(&[titled_name.as_str()], Check::FullName, Strength::Medium).field_only(),
                d(
                    &[reversed_name.as_str()],
                    Check::ReversedName,
                    Strength::Medium,
                ),
            ],
        ),
        (
            class(
                "FIRST_NAME",
                "Given name",
                Cat::Person,
                Low,
                gdpr_ccpa,
                "A given name alone, as in a first-name column.",
            ),
            vec![d(&[single_name.as_str()], Check::GivenName, Strength::Weak).text_context()],
        ),
        (
            class(
                "LAST_NAME",
                "Family name",
                Cat::Person,
                Low,
                gdpr_ccpa,
                "A family name alone, as in a last-name column.",
            ),
            vec![d(&[single_name.as_str()], Check::FamilyName, Strength::Weak).text_context()],
        ),
    ]
}
