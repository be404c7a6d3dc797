//! The labelled free-text corpus: log and chat lines with byte-exact spans of every embedded
//! value, decoy lines with none, and unlabelled log text for benchmarks.
//!
//! Lines are built by appending literal text and values; a span is recorded at the moment a
//! value is appended, so offsets are exact by construction. Literal text never contains
//! personal data of its own (no IPs, e-mails or names outside spans), so a line's spans are
//! the whole truth about it.

use rand::seq::SliceRandom;

use crate::decoys::{
    DecoyKind, corrupt_dyn, decoy_dyn, hex_token, iso_timestamp, mixed_token, token, uuid,
};
use crate::draw::{Rg, chance, int, pick_str};
use crate::values::{self, secrets};
use crate::{CLASSES, LabelledLine, LabelledSpan, Profile, lexicon, seeded};

/// Targeted lines per class in [`text_corpus`] (each embeds the class once or more).
pub const LINES_PER_CLASS: usize = 24;
/// Lines mixing several classes in the usual log shapes.
pub const MIXED_LINES: usize = 400;
/// Lines without any personal data.
pub const DECOY_LINES: usize = 600;

/// Context for one class in text: machine keys (JSON, logfmt, SQL, env) and human labels
/// that end with their own separator, in standard and holdout wording.
struct TextContext {
    class: &'static str,
    keys: &'static [&'static str],
    labels: &'static [&'static str],
    holdout_labels: &'static [&'static str],
}

const CONTEXTS: &[TextContext] = &[
    TextContext {
        class: "EMAIL",
        keys: &["email", "user_email", "contact"],
        labels: &["email: ", "e-mail address ", "mail="],
        holdout_labels: &["E-Mail-Adresse: ", "courriel : ", "correo: "],
    },
    TextContext {
        class: "PHONE_NUMBER",
        keys: &["phone", "mobile", "msisdn"],
        labels: &["phone: ", "mobile number ", "tel="],
        holdout_labels: &["Telefonnummer: ", "numéro de téléphone : ", "teléfono: "],
    },
    TextContext {
        class: "PERSON_NAME",
        keys: &["customer_name", "full_name", "cardholder"],
        labels: &["customer ", "name: ", "cardholder="],
        holdout_labels: &["Kunde: ", "titulaire : ", "nombre: "],
    },
    TextContext {
        class: "FIRST_NAME",
        keys: &["first_name", "given_name"],
        labels: &["first name: ", "given_name="],
        holdout_labels: &["Vorname: ", "prénom : "],
    },
    TextContext {
        class: "LAST_NAME",
        keys: &["last_name", "surname"],
        labels: &["last name: ", "surname="],
        holdout_labels: &["Nachname: ", "nom de famille : ", "apellido: "],
    },
    TextContext {
        class: "DATE_OF_BIRTH",
        keys: &["dob", "birth_date", "date_of_birth"],
        labels: &["DOB: ", "date of birth ", "born "],
        holdout_labels: &["Geburtsdatum: ", "né le ", "fecha de nacimiento: "],
    },
    TextContext {
        class: "STREET_ADDRESS",
        keys: &["address", "street", "shipping_address"],
        labels: &["address: ", "shipping address ", "street="],
        holdout_labels: &["Anschrift: ", "adresse : ", "dirección: "],
    },
    TextContext {
        class: "POSTAL_CODE",
        keys: &["zip", "postcode", "postal_code"],
        labels: &["zip ", "postcode: ", "postal code "],
        holdout_labels: &["PLZ ", "code postal : ", "CAP "],
    },
    TextContext {
        class: "GPS_COORDINATES",
        keys: &["location", "coords", "gps"],
        labels: &["location: ", "coordinates ", "gps="],
        holdout_labels: &["Standort: ", "position : ", "ubicación: "],
    },
    TextContext {
        class: "IP_ADDRESS",
        keys: &["client_ip", "remote_addr", "src_ip"],
        labels: &["from ", "client=", "IP "],
        holdout_labels: &["Quelle: ", "adresse IP ", "origen="],
    },
    TextContext {
        class: "MAC_ADDRESS",
        keys: &["mac", "hw_addr", "device_mac"],
        labels: &["MAC ", "hardware address ", "mac="],
        holdout_labels: &["MAC-Adresse: ", "adresse MAC ", "dirección MAC: "],
    },
    TextContext {
        class: "IMEI",
        keys: &["imei", "device_imei"],
        labels: &["IMEI ", "device IMEI: "],
        holdout_labels: &["IMEI-Nummer: ", "n° IMEI "],
    },
    TextContext {
        class: "URL_WITH_CREDENTIALS",
        keys: &["db_url", "dsn", "upstream"],
        labels: &["connecting to ", "DATABASE_URL=", "url="],
        holdout_labels: &["Verbindung zu ", "connexion à ", "conexión: "],
    },
    TextContext {
        class: "CREDIT_CARD",
        keys: &["card_number", "pan", "cc"],
        labels: &["card ", "card number: ", "credit card "],
        holdout_labels: &["Kartennummer: ", "carte ", "tarjeta: "],
    },
    TextContext {
        class: "IBAN",
        keys: &["iban", "payout_iban"],
        labels: &["IBAN ", "account IBAN: "],
        holdout_labels: &["Konto-IBAN: ", "IBAN du compte : ", "cuenta IBAN "],
    },
    TextContext {
        class: "SWIFT_BIC",
        keys: &["bic", "swift"],
        labels: &["BIC ", "SWIFT code: ", "SWIFT/BIC "],
        holdout_labels: &["BIC-Code: ", "code BIC ", "código SWIFT: "],
    },
    TextContext {
        class: "US_ABA_ROUTING",
        keys: &["routing_number", "aba"],
        labels: &["routing number ", "ABA: ", "RTN "],
        holdout_labels: &["ABA routing no. ", "routing #"],
    },
    TextContext {
        class: "US_BANK_ACCOUNT",
        keys: &["account_number", "acct_no"],
        labels: &["account number ", "acct #", "bank account: "],
        holdout_labels: &["checking acct no. ", "DDA account "],
    },
    TextContext {
        class: "CRYPTO_WALLET",
        keys: &["wallet", "btc_address", "payout_address"],
        labels: &["wallet ", "BTC address: ", "send to "],
        holdout_labels: &["Wallet-Adresse: ", "portefeuille ", "billetera: "],
    },
    TextContext {
        class: "US_SSN",
        keys: &["ssn", "social_security_number"],
        labels: &["SSN ", "social security number: ", "SSN#"],
        holdout_labels: &["SS no. ", "soc. sec. #", "social security no "],
    },
    TextContext {
        class: "US_ITIN",
        keys: &["itin", "taxpayer_itin"],
        labels: &["ITIN ", "individual taxpayer identification number: "],
        holdout_labels: &["ITIN no. ", "tax id (ITIN) "],
    },
    TextContext {
        class: "US_PASSPORT",
        keys: &["passport_number", "us_passport"],
        labels: &["passport no. ", "US passport number: ", "passport "],
        holdout_labels: &["passport #", "travel document no. "],
    },
    TextContext {
        class: "US_DRIVER_LICENSE",
        keys: &["drivers_license", "dl_number"],
        labels: &["driver's license ", "DL# ", "driver license number: "],
        holdout_labels: &["driving licence no. ", "DL no "],
    },
    TextContext {
        class: "US_NPI",
        keys: &["npi", "provider_npi"],
        labels: &["NPI ", "provider NPI: "],
        holdout_labels: &["NPI #", "rendering NPI "],
    },
    TextContext {
        class: "US_DEA",
        keys: &["dea_number", "dea"],
        labels: &["DEA ", "DEA number: ", "DEA#"],
        holdout_labels: &["DEA reg. ", "prescriber DEA "],
    },
    TextContext {
        class: "US_MBI",
        keys: &["mbi", "medicare_id"],
        labels: &["MBI ", "Medicare ID: ", "Medicare beneficiary identifier "],
        holdout_labels: &["MBI #", "Medicare number "],
    },
    TextContext {
        class: "UK_NINO",
        keys: &["ni_number", "nino"],
        labels: &["NI number ", "National Insurance number: ", "NINO "],
        holdout_labels: &["NI no. ", "NatIns "],
    },
    TextContext {
        class: "UK_NHS",
        keys: &["nhs_number", "nhs_no"],
        labels: &["NHS number ", "NHS no. "],
        holdout_labels: &["NHS #", "patient NHS "],
    },
    TextContext {
        class: "UK_PASSPORT",
        keys: &["uk_passport_number", "passport_gb"],
        labels: &["UK passport number ", "British passport no. "],
        holdout_labels: &["GB passport ", "HMPO passport no. "],
    },
    TextContext {
        class: "CA_SIN",
        keys: &["sin", "social_insurance_number"],
        labels: &["SIN ", "social insurance number: "],
        holdout_labels: &["NAS ", "numéro d'assurance sociale : "],
    },
    TextContext {
        class: "DE_TAX_ID",
        keys: &["steuer_id", "tax_id_de"],
        labels: &["Steuer-ID ", "tax ID: "],
        holdout_labels: &["Steueridentifikationsnummer: ", "IdNr "],
    },
    TextContext {
        class: "FR_NIR",
        keys: &["nir", "numero_secu"],
        labels: &["NIR ", "social security number (FR): "],
        holdout_labels: &["numéro de sécu ", "n° de sécurité sociale : "],
    },
    TextContext {
        class: "ES_DNI",
        keys: &["dni", "nif"],
        labels: &["DNI ", "NIF: "],
        holdout_labels: &["documento nacional de identidad ", "DNI nº "],
    },
    TextContext {
        class: "ES_NIE",
        keys: &["nie"],
        labels: &["NIE ", "foreigner id (NIE): "],
        holdout_labels: &["número de identidad de extranjero ", "NIE nº "],
    },
    TextContext {
        class: "IT_FISCAL_CODE",
        keys: &["codice_fiscale", "cf"],
        labels: &["codice fiscale ", "fiscal code: "],
        holdout_labels: &["C.F. ", "cod. fiscale: "],
    },
    TextContext {
        class: "NL_BSN",
        keys: &["bsn"],
        labels: &["BSN ", "burgerservicenummer: "],
        holdout_labels: &["BSN-nummer: ", "sofinummer "],
    },
    TextContext {
        class: "BE_NATIONAL_NUMBER",
        keys: &["rrn", "national_number"],
        labels: &["national number ", "rijksregisternummer: "],
        holdout_labels: &["numéro national : ", "INSZ "],
    },
    TextContext {
        class: "PL_PESEL",
        keys: &["pesel"],
        labels: &["PESEL ", "PESEL: "],
        holdout_labels: &["numer PESEL ", "nr PESEL: "],
    },
    TextContext {
        class: "SE_PERSONNUMMER",
        keys: &["personnummer", "pnr"],
        labels: &["personnummer ", "personal identity number: "],
        holdout_labels: &["pnr ", "personnr: "],
    },
    TextContext {
        class: "FI_HETU",
        keys: &["hetu", "henkilotunnus"],
        labels: &["henkilötunnus ", "HETU: "],
        holdout_labels: &["hetu ", "sotu: "],
    },
    TextContext {
        class: "IN_AADHAAR",
        keys: &["aadhaar", "uid"],
        labels: &["Aadhaar ", "Aadhaar no. "],
        holdout_labels: &["UID: ", "आधार संख्या "],
    },
    TextContext {
        class: "IN_PAN",
        keys: &["pan_number", "pan"],
        labels: &["PAN ", "PAN card: "],
        holdout_labels: &["PAN no. ", "permanent account number "],
    },
    TextContext {
        class: "BR_CPF",
        keys: &["cpf"],
        labels: &["CPF ", "CPF: "],
        holdout_labels: &["CPF nº ", "cadastro de pessoa física: "],
    },
    TextContext {
        class: "AU_TFN",
        keys: &["tfn", "tax_file_number"],
        labels: &["TFN ", "tax file number: "],
        holdout_labels: &["TFN no. ", "ATO TFN "],
    },
    TextContext {
        class: "AU_MEDICARE",
        keys: &["medicare_number", "medicare"],
        labels: &["Medicare card ", "Medicare number: "],
        holdout_labels: &["Medicare no. ", "Medicare #"],
    },
    TextContext {
        class: "SG_NRIC",
        keys: &["nric", "nric_fin"],
        labels: &["NRIC ", "NRIC/FIN: "],
        holdout_labels: &["IC no. ", "FIN "],
    },
    TextContext {
        class: "AWS_ACCESS_KEY_ID",
        keys: &["aws_access_key_id", "AccessKeyId"],
        labels: &["aws_access_key_id=", "access key "],
        holdout_labels: &["AWS_ACCESS_KEY_ID=", "accessKeyId: "],
    },
    TextContext {
        class: "AWS_SECRET_ACCESS_KEY",
        keys: &["aws_secret_access_key", "SecretAccessKey"],
        labels: &["aws_secret_access_key=", "aws_secret_access_key = "],
        holdout_labels: &["AWS_SECRET_ACCESS_KEY=", "secretAccessKey: "],
    },
    TextContext {
        class: "GITHUB_TOKEN",
        keys: &["github_token", "token"],
        labels: &["GITHUB_TOKEN=", "token "],
        holdout_labels: &["GH_TOKEN=", "Authorization: token "],
    },
    TextContext {
        class: "SLACK_TOKEN",
        keys: &["slack_token", "bot_token"],
        labels: &["SLACK_BOT_TOKEN=", "slack token "],
        holdout_labels: &["SLACK_TOKEN=", "xoxb token: "],
    },
    TextContext {
        class: "STRIPE_KEY",
        keys: &["stripe_key", "api_key"],
        labels: &["STRIPE_SECRET_KEY=", "stripe key "],
        holdout_labels: &["STRIPE_API_KEY=", "Stripe-Key: "],
    },
    TextContext {
        class: "GOOGLE_API_KEY",
        keys: &["google_api_key", "key"],
        labels: &["GOOGLE_API_KEY=", "api key "],
        holdout_labels: &["MAPS_API_KEY=", "key="],
    },
    TextContext {
        class: "PRIVATE_KEY",
        keys: &["private_key", "ssh_key"],
        labels: &["private_key=", "key: "],
        holdout_labels: &["PRIVATE_KEY=", "tls.key: "],
    },
    TextContext {
        class: "JWT",
        keys: &["token", "id_token", "access_token"],
        labels: &["Authorization: Bearer ", "token="],
        holdout_labels: &["bearer ", "jwt: "],
    },
    TextContext {
        class: "PASSWORD",
        keys: &["password", "passwd", "pwd"],
        labels: &["password=", "Password=", "pwd: "],
        holdout_labels: &["Passwort: ", "mot de passe : ", "contraseña="],
    },
];

const SECRET_CLASSES: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "GITHUB_TOKEN",
    "SLACK_TOKEN",
    "STRIPE_KEY",
    "GOOGLE_API_KEY",
    "PRIVATE_KEY",
    "PASSWORD",
    "URL_WITH_CREDENTIALS",
    "JWT",
];

const MESSAGES: &[&str] = &[
    "request processed",
    "profile updated",
    "payment method saved",
    "verification started",
    "record exported",
    "lookup completed",
    "validation failed",
    "customer record synced",
    "config loaded",
    "retrying upstream call",
];
const SERVICES: &[&str] = &[
    "billing", "auth", "crm-sync", "checkout", "kyc", "export", "gateway", "notifier",
];
const LOGGERS: &[&str] = &[
    "c.a.billing.InvoiceService",
    "c.a.auth.LoginService",
    "o.s.web.servlet.DispatcherServlet",
    "app.kyc.checks",
    "svc.export.Worker",
];

/// A line under construction; spans are recorded as values are appended.
struct Line<'a> {
    rng: &'a mut Rg<'a>,
    profile: Profile,
    text: String,
    spans: Vec<LabelledSpan>,
}

impl<'a> Line<'a> {
    fn new(rng: &'a mut Rg<'a>, profile: Profile) -> Self {
        Self {
            rng,
            profile,
            text: String::new(),
            spans: Vec::new(),
        }
    }

    fn s(&mut self, t: &str) -> &mut Self {
        self.text.push_str(t);
        self
    }

    /// Append a generated value of `class` and record its span.
    fn v(&mut self, class: &str) -> &mut Self {
        let value = text_value(self.rng, self.profile, class);
        self.put(class, &value)
    }

    fn put(&mut self, class: &str, value: &str) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(value);
        self.spans.push(LabelledSpan {
            class: class.to_string(),
            start,
            end: self.text.len(),
        });
        self
    }

    fn finish(self) -> LabelledLine {
        LabelledLine {
            text: self.text,
            spans: self.spans,
        }
    }
}

/// A value as it appears inside one line of text: keys keep their PEM breaks escaped.
fn text_value(rng: &mut Rg<'_>, profile: Profile, class: &str) -> String {
    if class == "PRIVATE_KEY" {
        return secrets::private_key(rng, profile == Profile::Holdout, false);
    }
    values::generate(profile, class, rng).unwrap_or_default()
}

fn context(class: &str) -> Option<&'static TextContext> {
    CONTEXTS.iter().find(|c| c.class == class)
}

fn clock(rng: &mut Rg<'_>) -> String {
    format!("{:02}:{:02}", int(rng, 0, 23), int(rng, 0, 59))
}

fn level(rng: &mut Rg<'_>) -> &'static str {
    pick_str(rng, &["INFO", "INFO", "WARN", "DEBUG", "ERROR"])
}

fn camel(key: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in key.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A line that embeds `class` with a natural context word or key right before it.
fn targeted_line(rng: &mut Rg<'_>, profile: Profile, class: &str) -> LabelledLine {
    let ctx = context(class);
    let keys: &[&str] = ctx.map_or(&["value"], |c| c.keys);
    let labels: &[&str] = match (ctx, profile) {
        (Some(c), Profile::Holdout) if chance(rng, 0.7) => c.holdout_labels,
        (Some(c), _) => c.labels,
        (None, _) => &["value: "],
    };
    let key = pick_str(rng, keys);
    let label = pick_str(rng, labels);
    let ts = iso_timestamp(rng);
    let lvl = level(rng);
    let msg = pick_str(rng, MESSAGES);
    let svc = pick_str(rng, SERVICES);
    let secret = SECRET_CLASSES.contains(&class);
    let holdout = profile == Profile::Holdout;
    let carrier = if holdout {
        int(rng, 6, 11)
    } else {
        int(rng, 0, 5)
    };
    let mut l = Line::new(rng, profile);
    match carrier {
        0 => {
            let rid = uuid(l.rng);
            l.s(&format!(
                r#"{{"ts":"{ts}","level":"{}","service":"{svc}","request_id":"{rid}","msg":"{msg}","{key}":""#,
                lvl.to_lowercase()
            ))
            .v(class)
            .s(r#""}"#);
        }
        1 => {
            let thread = format!("http-nio-8080-exec-{}", int(l.rng, 1, 40));
            let logger = pick_str(l.rng, LOGGERS);
            l.s(&format!("{ts} {lvl} [{thread}] {logger} - {msg}, "))
                .s(label)
                .v(class);
        }
        2 => {
            l.s(&format!(
                "ts={ts} level={} svc={svc} msg=\"{msg}\" {key}=",
                lvl.to_lowercase()
            ));
            let value = text_value(l.rng, profile, class);
            if value.contains(' ') {
                l.s("\"").put(class, &value).s("\"");
            } else {
                l.put(class, &value);
            }
            let ms = int(l.rng, 1, 900);
            l.s(&format!(" duration={ms}ms"));
        }
        3 => {
            let t = clock(l.rng);
            let opener = pick_str(
                l.rng,
                &["sure, ", "ok here it is: ", "yes - ", "my details: "],
            );
            l.s(&format!("[{t}] Customer: {opener}")).s(label).v(class);
        }
        4 if !secret => {
            let table = pick_str(
                l.rng,
                &[
                    "customers",
                    "patients",
                    "applicants",
                    "employees",
                    "accounts",
                ],
            );
            let id = int(l.rng, 1000, 999_999);
            l.s(&format!(
                "INSERT INTO {table} (id, {key}, created_at) VALUES ({id}, '"
            ))
            .v(class)
            .s(&format!("', '{ts}');"));
        }
        4 | 5 if secret => {
            let env = key.to_uppercase();
            if chance(l.rng, 0.5) {
                l.s(&format!("export {env}=\"")).v(class).s("\"");
            } else {
                l.s(&format!("{ts} DEBUG config - loaded settings from env, "))
                    .s(label)
                    .v(class);
            }
        }
        5 => {
            let n = int(l.rng, 1, 99_999);
            l.s(&format!("audit,{ts},{svc},{n},"))
                .s(label)
                .v(class)
                .s(",ok");
        }
        // Holdout carriers.
        6 => {
            let host = pick_str(l.rng, lexicon::HOSTNAMES);
            let pid = int(l.rng, 100, 65_000);
            l.s(&format!("<134>1 {ts} {host} {svc} {pid} ID47 - {msg}; "))
                .s(label)
                .v(class);
        }
        7 => {
            let line_no = int(l.rng, 10, 900);
            let (mon, day, micros) = (int(l.rng, 1, 9), int(l.rng, 10, 28), int(l.rng, 0, 999_999));
            l.s(&format!(
                "I0{mon}{day} 12:01:02.{micros:06}       1 controller.go:{line_no}] \"{msg}\" {}=\"",
                camel(key)
            ))
            .v(class)
            .s("\"");
        }
        8 => {
            let n = int(l.rng, 1, 99_999);
            let value = text_value(l.rng, profile, class);
            l.s(&format!("{n};"));
            if value.contains(';') || value.contains(' ') {
                l.s("\"").put(class, &value).s("\"");
            } else {
                l.put(class, &value);
            }
            let status = pick_str(l.rng, lexicon::STATUS_WORDS);
            l.s(&format!(";{status};{ts}"));
        }
        9 => {
            l.s(&format!("  {}: \"", camel(key))).v(class).s("\"");
        }
        10 => {
            let t = clock(l.rng);
            let opener = pick_str(
                l.rng,
                &[
                    "Kunde: hier bitte, ",
                    "Client : voilà, ",
                    "Cliente: aquí tiene, ",
                    "Klant: alsjeblieft, ",
                ],
            );
            l.s(&format!("{t} {opener}")).s(label).v(class);
        }
        _ => {
            l.s(&format!(
                r#"{{"@timestamp":"{ts}","log.level":"{}","event":{{"action":"{}"}},"{}":""#,
                lvl.to_lowercase(),
                msg.replace(' ', "-"),
                camel(key)
            ))
            .v(class)
            .s(r#""}"#);
        }
    }
    l.finish()
}

fn clf_time(rng: &mut Rg<'_>) -> String {
    const MON: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{:02}/{}/{}:{:02}:{:02}:{:02} +0000",
        int(rng, 1, 28),
        pick_str(rng, MON),
        int(rng, 2021, 2025),
        int(rng, 0, 23),
        int(rng, 0, 59),
        int(rng, 0, 59)
    )
}

const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "curl/8.5.0",
    "okhttp/4.12.0",
    "python-requests/2.31.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
];
const PATHS: &[&str] = &[
    "/api/v1/orders?page=2",
    "/static/js/app.3f9a1c.js",
    "/login",
    "/api/v2/cart/items",
    "/health",
    "/checkout/confirm",
    "/images/logo.svg",
];

/// A line in a common log shape that carries several values.
fn mixed_line(rng: &mut Rg<'_>, profile: Profile) -> LabelledLine {
    let ts = iso_timestamp(rng);
    let shape = int(rng, 0, if profile == Profile::Holdout { 8 } else { 6 });
    let mut l = Line::new(rng, profile);
    match shape {
        0 => {
            // nginx combined access log.
            let t = clf_time(l.rng);
            let status = decoy_dyn(DecoyKind::HttpStatus, l.rng);
            let bytes = int(l.rng, 0, 90_000);
            let ua = pick_str(l.rng, USER_AGENTS);
            l.v("IP_ADDRESS").s(&format!(" - - [{t}] \"GET "));
            if chance(l.rng, 0.3) {
                l.s("/api/v1/users/lookup?email=").v("EMAIL");
            } else {
                let p = pick_str(l.rng, PATHS);
                l.s(p);
            }
            l.s(&format!(" HTTP/1.1\" {status} {bytes} \"-\" \"{ua}\""));
        }
        1 => {
            // Apache error log.
            let pid = int(l.rng, 1000, 65_000);
            let port = int(l.rng, 1024, 65_535);
            l.s(&format!("[{ts}] [auth_basic:error] [pid {pid}] [client "))
                .v("IP_ADDRESS")
                .s(&format!(":{port}] AH01618: user "))
                .v("EMAIL")
                .s(" not found: /admin");
        }
        2 => {
            let attempts = int(l.rng, 1, 9);
            l.s(&format!("{ts} WARN auth - user="))
                .v("EMAIL")
                .s(" login failed from ")
                .v("IP_ADDRESS")
                .s(&format!(" attempts={attempts}"));
        }
        3 => {
            let t = clock(l.rng);
            l.s(&format!("[{t}] Customer: hi, this is "))
                .v("PERSON_NAME")
                .s(", you can reach me on ")
                .v("PHONE_NUMBER");
        }
        4 => {
            let id = int(l.rng, 1000, 999_999);
            l.s(&format!(
                "INSERT INTO customers (id, name, email, phone, dob) VALUES ({id}, '"
            ))
            .v("PERSON_NAME")
            .s("', '")
            .v("EMAIL")
            .s("', '")
            .v("PHONE_NUMBER")
            .s("', '")
            .v("DATE_OF_BIRTH")
            .s("');");
        }
        5 => {
            let ua = pick_str(l.rng, USER_AGENTS);
            l.s(&format!(r#"{{"ts":"{ts}","event":"signup","email":""#))
                .v("EMAIL")
                .s(r#"","ip":""#)
                .v("IP_ADDRESS")
                .s(&format!(r#"","ua":"{ua}"}}"#));
        }
        6 => {
            let code = int(l.rng, 1, 99);
            l.s("ValidationError: card ")
                .v("CREDIT_CARD")
                .s(&format!(" rejected by issuer (code {code})"));
        }
        7 => {
            let t = clock(l.rng);
            l.s(&format!("{t} Kunde "))
                .v("PERSON_NAME")
                .s(" hat die Lieferadresse geändert: ")
                .v("STREET_ADDRESS")
                .s(", ")
                .v("POSTAL_CODE");
        }
        _ => {
            let host = pick_str(l.rng, lexicon::HOSTNAMES);
            let port = int(l.rng, 1024, 65_535);
            l.s(&format!(
                "<38>1 {ts} {host} sshd 4242 - - Failed password for "
            ))
            .v("FIRST_NAME")
            .s(" from ")
            .v("IP_ADDRESS")
            .s(&format!(" port {port} ssh2"));
        }
    }
    l.finish()
}

/// A line with no personal data: timestamps, ids, versions, hashes, prices, paths.
fn decoy_line(rng: &mut Rg<'_>, profile: Profile) -> LabelledLine {
    let ts = iso_timestamp(rng);
    let d = |rng: &mut Rg<'_>, k: DecoyKind| decoy_dyn(k, rng);
    let max = if profile == Profile::Holdout { 15 } else { 11 };
    let text = match int(rng, 0, max) {
        0 => format!(
            "{ts} INFO [scheduler] job=reindex duration={} items={} version={}",
            d(rng, DecoyKind::Latency),
            d(rng, DecoyKind::Count),
            d(rng, DecoyKind::VersionString)
        ),
        1 => format!(
            r#"{{"ts":"{ts}","level":"debug","request_id":"{}","status":{},"latency_ms":{},"path":"/api/v1/orders/{}"}}"#,
            uuid(rng),
            d(rng, DecoyKind::HttpStatus),
            int(rng, 1, 2000),
            int(rng, 1, 999_999)
        ),
        2 => format!(
            "commit {} Merge pull request #{} from acme/feature-{}",
            d(rng, DecoyKind::GitSha),
            int(rng, 1, 9999),
            token(rng, 6)
        ),
        3 => format!(
            "{ts} order {} total {} {} status={}",
            d(rng, DecoyKind::OrderNumber),
            d(rng, DecoyKind::Price),
            d(rng, DecoyKind::Currency),
            d(rng, DecoyKind::StatusWord)
        ),
        4 => format!(
            "\tat com.acme.billing.{}.{}({}.java:{})",
            pick_str(
                rng,
                &[
                    "InvoiceService",
                    "LedgerWriter",
                    "TaxCalculator",
                    "PdfRenderer"
                ]
            ),
            pick_str(rng, &["render", "post", "compute", "flush"]),
            pick_str(
                rng,
                &[
                    "InvoiceService",
                    "LedgerWriter",
                    "TaxCalculator",
                    "PdfRenderer"
                ]
            ),
            int(rng, 10, 999)
        ),
        5 => format!(
            "sha256:{}  {}",
            d(rng, DecoyKind::Sha256),
            d(rng, DecoyKind::FilePath)
        ),
        6 => format!(
            "{ts} GET /health {} {}",
            d(rng, DecoyKind::HttpStatus),
            d(rng, DecoyKind::Latency)
        ),
        7 => format!(
            "Deployed build {} to {} in {}s (image tag {})",
            d(rng, DecoyKind::BuildNumber),
            d(rng, DecoyKind::Hostname),
            int(rng, 3, 600),
            d(rng, DecoyKind::Semver)
        ),
        8 => format!(
            "{ts} cache stats hit_ratio=0.{} keys={} evictions={} epoch_ms={}",
            int(rng, 10, 99),
            d(rng, DecoyKind::Count),
            d(rng, DecoyKind::Count),
            d(rng, DecoyKind::EpochMillis)
        ),
        9 => format!(
            "{ts} shipment {} tracking {} ref {} weight={}kg",
            d(rng, DecoyKind::ShipmentId),
            d(rng, DecoyKind::TrackingNumber),
            d(rng, DecoyKind::ReferenceNumber),
            int(rng, 1, 80)
        ),
        10 => format!(
            "year={} quarter=Q{} revenue={} sku={} qty={}",
            d(rng, DecoyKind::Year),
            int(rng, 1, 4),
            d(rng, DecoyKind::Price),
            d(rng, DecoyKind::Sku),
            d(rng, DecoyKind::Quantity)
        ),
        11 => format!(
            "java.lang.IllegalStateException: session {} expired after {} (md5 {})",
            mixed_token(rng, 24),
            d(rng, DecoyKind::Latency),
            d(rng, DecoyKind::Md5)
        ),
        // Holdout: harder decoys.
        12 => format!(
            "{ts} order_no={} item={} ean={}",
            d(rng, DecoyKind::PhoneLikeOrderNumber),
            d(rng, DecoyKind::DigitSku),
            d(rng, DecoyKind::Ean13)
        ),
        13 => format!(
            "{ts} legacy import skipped invalid id {} (checksum mismatch)",
            d(rng, DecoyKind::InvalidSsn)
        ),
        14 => {
            let twin = pick_str(rng, &["CREDIT_CARD", "IBAN", "BR_CPF", "IN_AADHAAR"]);
            let bad = corrupt_dyn(profile, twin, rng).unwrap_or_else(|| hex_token(rng, 12));
            format!("{ts} WARN rejected test fixture {bad}: check digit mismatch")
        }
        _ => format!(
            "sensor={} reading={} unit=deg ts={}",
            token(rng, 5),
            d(rng, DecoyKind::SingleCoordinate),
            d(rng, DecoyKind::EpochMillis)
        ),
    };
    LabelledLine {
        text,
        spans: Vec::new(),
    }
}

fn profile_salt(profile: Profile) -> u64 {
    match profile {
        Profile::Standard => 0x5445_5854,
        Profile::Holdout => 0x4854_4558_5448_4f4c,
    }
}

/// The labelled text corpus for a profile: [`LINES_PER_CLASS`] targeted lines per class,
/// [`MIXED_LINES`] multi-value log lines and [`DECOY_LINES`] lines with no personal data,
/// in seeded random order. Every class gets at least [`LINES_PER_CLASS`] spans.
pub fn text_corpus(profile: Profile, seed: u64) -> Vec<LabelledLine> {
    let mut rng = seeded(seed, profile_salt(profile));
    let rng: &mut Rg<'_> = &mut rng;
    let mut lines = Vec::with_capacity(CLASSES.len() * LINES_PER_CLASS + MIXED_LINES + DECOY_LINES);
    for class in CLASSES {
        for _ in 0..LINES_PER_CLASS {
            lines.push(targeted_line(rng, profile, class));
        }
    }
    for _ in 0..MIXED_LINES {
        lines.push(mixed_line(rng, profile));
    }
    for _ in 0..DECOY_LINES {
        lines.push(decoy_line(rng, profile));
    }
    lines.shuffle(rng);
    lines
}

/// Unlabelled, realistic mixed log text of about `approx_bytes` bytes (it stops at the first
/// line that reaches the size), newline-terminated lines: half targeted lines, a fifth mixed
/// log shapes, the rest decoy lines. For throughput benchmarks.
pub fn log_text(seed: u64, approx_bytes: usize) -> String {
    let mut rng = seeded(seed, 0x004c_4f47_5445_5854);
    log_lines(&mut rng, approx_bytes, |rng| {
        let r = int(rng, 0, 9);
        if r < 5 {
            let class = pick_str(rng, CLASSES);
            targeted_line(rng, Profile::Standard, class)
        } else if r < 7 {
            mixed_line(rng, Profile::Standard)
        } else {
            decoy_line(rng, Profile::Standard)
        }
    })
}

/// Log text as production services write it: `pii_per_mille` lines in a thousand carry PII
/// (a targeted or mixed line), the rest are ordinary decoy-laden lines. Deterministic for a
/// seed. Dense PII ([`log_text`]) measures confirmation cost; this measures the scan itself.
pub fn log_text_sparse(seed: u64, approx_bytes: usize, pii_per_mille: u32) -> String {
    let mut rng = seeded(seed, 0x5350_4152_5345_4c47);
    log_lines(&mut rng, approx_bytes, |rng| {
        if int(rng, 0, 999) < u64::from(pii_per_mille) {
            if int(rng, 0, 1) == 0 {
                let class = pick_str(rng, CLASSES);
                targeted_line(rng, Profile::Standard, class)
            } else {
                mixed_line(rng, Profile::Standard)
            }
        } else {
            decoy_line(rng, Profile::Standard)
        }
    })
}

/// Lines from `next` until the text reaches `approx_bytes`.
fn log_lines(
    rng: &mut Rg<'_>,
    approx_bytes: usize,
    mut next: impl FnMut(&mut Rg<'_>) -> LabelledLine,
) -> String {
    let mut out = String::with_capacity(approx_bytes + 512);
    while out.len() < approx_bytes {
        out.push_str(&next(rng).text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes_check;
    use std::collections::BTreeMap;
    use std::sync::OnceLock;

    fn corpus(profile: Profile) -> &'static [LabelledLine] {
        static S: OnceLock<Vec<LabelledLine>> = OnceLock::new();
        static H: OnceLock<Vec<LabelledLine>> = OnceLock::new();
        match profile {
            Profile::Standard => S.get_or_init(|| text_corpus(Profile::Standard, 11)),
            Profile::Holdout => H.get_or_init(|| text_corpus(Profile::Holdout, 11)),
        }
    }

    #[test]
    fn same_seed_same_lines() {
        assert_eq!(
            text_corpus(Profile::Standard, 11),
            corpus(Profile::Standard)
        );
        assert_ne!(
            text_corpus(Profile::Standard, 12),
            corpus(Profile::Standard)
        );
        assert_eq!(log_text(5, 10_000), log_text(5, 10_000));
    }

    #[test]
    fn every_class_has_twenty_spans_and_spans_are_exact() {
        for p in [Profile::Standard, Profile::Holdout] {
            let lines = corpus(p);
            assert!(lines.len() >= 2000);
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for line in lines {
                let mut last_end = 0;
                for s in &line.spans {
                    assert!(
                        s.start < s.end && s.start >= last_end,
                        "{p:?} {}",
                        line.text
                    );
                    let value = line.text.get(s.start..s.end).unwrap();
                    assert_eq!(value, value.trim(), "{}", line.text);
                    if let Some(ok) = passes_check(&s.class, value) {
                        assert!(ok, "{}: {value}", s.class);
                    }
                    *counts.entry(s.class.as_str()).or_default() += 1;
                    last_end = s.end;
                }
                assert!(!line.text.contains('\n'));
            }
            for class in CLASSES {
                let n = counts.get(class).copied().unwrap_or(0);
                assert!(n >= 20, "{p:?} {class}: {n}");
            }
            let decoys = lines.iter().filter(|l| l.spans.is_empty()).count();
            assert!(decoys >= DECOY_LINES, "{decoys}");
        }
    }

    #[test]
    fn decoy_lines_carry_no_ip_or_email() {
        for p in [Profile::Standard, Profile::Holdout] {
            for line in corpus(p).iter().filter(|l| l.spans.is_empty()) {
                assert!(!line.text.contains('@'), "{}", line.text);
                // Four-part versions may read as dotted quads; they only ever follow
                // `version=`, the context that makes them decoys.
                let dotted_quad = line
                    .text
                    .split_whitespace()
                    .filter(|w| !w.starts_with("version="))
                    .flat_map(|w| w.split(|c: char| !(c.is_ascii_digit() || c == '.')))
                    .any(|w| {
                        let parts: Vec<&str> = w.split('.').collect();
                        parts.len() == 4
                            && parts
                                .iter()
                                .all(|x| x.parse::<u16>().is_ok_and(|n| n < 256))
                    });
                assert!(!dotted_quad, "{}", line.text);
            }
        }
    }

    #[test]
    fn log_text_reaches_the_requested_size() {
        let t = log_text(9, 50_000);
        assert!(t.len() >= 50_000 && t.len() < 60_000);
        assert!(t.ends_with('\n'));
        assert!(t.lines().count() > 100);
    }
}
