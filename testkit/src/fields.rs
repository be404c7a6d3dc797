//! The labelled fields corpus: columns as a database or CSV would hold them — a name, 200
//! cells with realistic empties, and the classes truly present — plus bench columns.
//!
//! Labels are honest by construction: a column's `expected` lists exactly the classes whose
//! values were put into it (for free-text columns, the classes actually embedded in at least
//! one cell), never what its name suggests. Decoy columns hold no personal data at all.

use rand::seq::SliceRandom;

use crate::decoys::{DecoyKind, corrupt_dyn, decoy_dyn, iso_timestamp};
use crate::draw::{Rg, chance, int, pick_str};
use crate::values::{self, secrets};
use crate::{CONTEXT_DEPENDENT_CLASSES, LabelledField, Profile, seeded};

/// Cells per generated column.
pub const ROWS_PER_COLUMN: usize = 200;

/// Column names per class: standard names (several languages and case styles) and holdout
/// names (abbreviated, mixed-case, other languages).
struct ClassColumns {
    class: &'static str,
    standard: &'static [&'static str],
    holdout: &'static [&'static str],
}

const COLUMNS: &[ClassColumns] = &[
    ClassColumns {
        class: "EMAIL",
        standard: &[
            "email",
            "customerEmail",
            "correo_electronico",
            "courriel",
            "E-Mail",
        ],
        holdout: &["cust_eml", "EMAIL_ADDR", "mailadresse"],
    },
    ClassColumns {
        class: "PHONE_NUMBER",
        standard: &["phone", "kunde.telefon", "telefono", "mobileNumber"],
        holdout: &["tel_no", "Handynummer", "num_tel"],
    },
    ClassColumns {
        class: "PERSON_NAME",
        standard: &["full_name", "customerName", "nombre_completo", "Kundenname"],
        holdout: &["cust_nm", "NOM_COMPLET", "account_holder"],
    },
    ClassColumns {
        class: "FIRST_NAME",
        standard: &["first_name", "firstName", "vorname", "prenom"],
        holdout: &["fname", "NOMBRE", "given_nm"],
    },
    ClassColumns {
        class: "LAST_NAME",
        standard: &["last_name", "surname", "nachname", "cognome"],
        holdout: &["lname", "APELLIDOS", "family_nm"],
    },
    ClassColumns {
        class: "DATE_OF_BIRTH",
        standard: &["date_of_birth", "dob", "geburtsdatum", "fecha_nacimiento"],
        holdout: &["dob_dt", "BirthDt", "data_nascita"],
    },
    ClassColumns {
        class: "STREET_ADDRESS",
        standard: &["street_address", "address_line1", "strasse", "direccion"],
        holdout: &["addr1", "STRADR", "rua"],
    },
    ClassColumns {
        class: "POSTAL_CODE",
        standard: &["postal_code", "zip", "plz", "code_postal"],
        holdout: &["zip_cd", "PostCd", "kod_pocztowy"],
    },
    ClassColumns {
        class: "GPS_COORDINATES",
        standard: &["gps", "location_coords", "koordinaten"],
        holdout: &["geo", "LatLon", "posicion"],
    },
    ClassColumns {
        class: "IP_ADDRESS",
        standard: &["ip_address", "client_ip", "remote_addr"],
        holdout: &["src", "IPADDR", "peer"],
    },
    ClassColumns {
        class: "MAC_ADDRESS",
        standard: &["mac_address", "macAddr", "hw_address"],
        holdout: &["mac", "HWADDR", "nic"],
    },
    ClassColumns {
        class: "IMEI",
        standard: &["imei", "device_imei", "imei_number"],
        holdout: &["imei1", "IMEI_NO", "handset"],
    },
    ClassColumns {
        class: "URL_WITH_CREDENTIALS",
        standard: &["database_url", "connection_uri", "dsn"],
        holdout: &["db_conn", "JDBC_URL", "endpoint"],
    },
    ClassColumns {
        class: "CREDIT_CARD",
        standard: &[
            "credit_card_number",
            "card_number",
            "kreditkartennummer",
            "numero_tarjeta",
        ],
        holdout: &["cc_no", "CardNo", "pmt_instr"],
    },
    ClassColumns {
        class: "IBAN",
        standard: &["iban", "bankIban", "IBAN_Kunde"],
        holdout: &["acct_intl", "rekeningnummer", "IBAN_NO"],
    },
    ClassColumns {
        class: "SWIFT_BIC",
        standard: &["swift_code", "bic", "codigo_swift"],
        holdout: &["bic_cd", "SWIFT", "bank_id"],
    },
    ClassColumns {
        class: "US_ABA_ROUTING",
        standard: &["routing_number", "aba_routing", "abaNumber"],
        holdout: &["rtn", "RoutingNo", "bank_routing"],
    },
    ClassColumns {
        class: "US_BANK_ACCOUNT",
        standard: &["account_number", "bank_account_no", "checking_account"],
        holdout: &["acct_no", "AcctNbr", "dda_account"],
    },
    ClassColumns {
        class: "CRYPTO_WALLET",
        standard: &["wallet_address", "btc_address", "eth_wallet"],
        holdout: &["wallet", "PAYOUT_ADDR", "addr_crypto"],
    },
    ClassColumns {
        class: "US_SSN",
        standard: &["ssn", "social_security_number", "taxpayerSsn"],
        holdout: &["ss_no", "SocSecNum", "soc_sec"],
    },
    ClassColumns {
        class: "US_ITIN",
        standard: &["itin", "tax_id_itin", "ITIN_Number"],
        holdout: &["itin_no", "TaxpayerITIN", "indiv_tin"],
    },
    ClassColumns {
        class: "US_PASSPORT",
        standard: &["passport_number", "us_passport_no", "passportNo"],
        holdout: &["pp_no", "PASSPORT", "travel_doc_no"],
    },
    ClassColumns {
        class: "US_DRIVER_LICENSE",
        standard: &["drivers_license", "dl_number", "driverLicenseNumber"],
        holdout: &["dl_no", "DLN", "lic_num"],
    },
    ClassColumns {
        class: "US_NPI",
        standard: &["npi", "provider_npi", "npi_number"],
        holdout: &["prov_id", "NPI_NBR", "rendering_npi"],
    },
    ClassColumns {
        class: "US_DEA",
        standard: &["dea_number", "prescriber_dea", "DEA"],
        holdout: &["dea_no", "DEA_REG", "presc_dea_id"],
    },
    ClassColumns {
        class: "US_MBI",
        standard: &["mbi", "medicare_beneficiary_id", "medicare_id"],
        holdout: &["mbi_no", "BeneficiaryId", "bene_mbi"],
    },
    ClassColumns {
        class: "UK_NINO",
        standard: &["ni_number", "national_insurance_number", "nino"],
        holdout: &["nat_ins", "NINumber", "ni_no"],
    },
    ClassColumns {
        class: "UK_NHS",
        standard: &["nhs_number", "NHSNumber", "nhs_no"],
        holdout: &["patient_nhs", "NHS_NUM", "nhsno"],
    },
    ClassColumns {
        class: "UK_PASSPORT",
        standard: &["uk_passport_number", "passport_no_gb", "passportNumberUK"],
        holdout: &["gb_pp", "UKPassportNo", "pass_gb"],
    },
    ClassColumns {
        class: "CA_SIN",
        standard: &["sin", "social_insurance_number", "numero_assurance_sociale"],
        holdout: &["sin_no", "NAS", "SocialInsNum"],
    },
    ClassColumns {
        class: "DE_TAX_ID",
        standard: &["steuer_id", "steueridentifikationsnummer", "SteuerIdNr"],
        holdout: &["st_idnr", "TIN_DE", "idnr"],
    },
    ClassColumns {
        class: "FR_NIR",
        standard: &["nir", "numero_securite_sociale", "insee_number"],
        holdout: &["num_secu", "NIR_ASSURE", "ss_fr"],
    },
    ClassColumns {
        class: "ES_DNI",
        standard: &["dni", "documento_identidad", "numero_dni"],
        holdout: &["doc_id", "NIF", "dni_nif"],
    },
    ClassColumns {
        class: "ES_NIE",
        standard: &["nie", "numero_nie", "extranjero_nie"],
        holdout: &["nie_no", "NIE_EXTR", "doc_extranjero"],
    },
    ClassColumns {
        class: "IT_FISCAL_CODE",
        standard: &["codice_fiscale", "codiceFiscale", "cod_fisc"],
        holdout: &["cf", "CODFISC", "tax_code_it"],
    },
    ClassColumns {
        class: "NL_BSN",
        standard: &["bsn", "burgerservicenummer", "BSN_nummer"],
        holdout: &["bsn_nr", "Sofinummer", "persoonsnummer"],
    },
    ClassColumns {
        class: "BE_NATIONAL_NUMBER",
        standard: &[
            "rijksregisternummer",
            "numero_national",
            "national_number_be",
        ],
        holdout: &["rrn", "INSZ", "NISS"],
    },
    ClassColumns {
        class: "PL_PESEL",
        standard: &["pesel", "numer_pesel", "peselNumber"],
        holdout: &["psl", "PESEL_NR", "nr_ewid"],
    },
    ClassColumns {
        class: "SE_PERSONNUMMER",
        standard: &["personnummer", "personal_identity_number", "pnr"],
        holdout: &["pers_nr", "PNR_SE", "id_nummer"],
    },
    ClassColumns {
        class: "FI_HETU",
        standard: &["henkilotunnus", "hetu", "finnish_ssn"],
        holdout: &["htun", "HETU_ID", "sotu"],
    },
    ClassColumns {
        class: "IN_AADHAAR",
        standard: &["aadhaar", "aadhaar_number", "uid_aadhaar"],
        holdout: &["adhar_no", "UIDAI", "uid"],
    },
    ClassColumns {
        class: "IN_PAN",
        standard: &["pan", "pan_number", "permanent_account_number"],
        holdout: &["pan_no", "PANCard", "income_tax_pan"],
    },
    ClassColumns {
        class: "BR_CPF",
        standard: &["cpf", "numero_cpf", "cpf_cliente"],
        holdout: &["doc_cpf", "CPF_NUM", "contribuinte"],
    },
    ClassColumns {
        class: "AU_TFN",
        standard: &["tfn", "tax_file_number", "tfnNumber"],
        holdout: &["tfn_no", "TaxFileNo", "ato_ref"],
    },
    ClassColumns {
        class: "AU_MEDICARE",
        standard: &["medicare_number", "medicare_card_no", "medicareNo"],
        holdout: &["mcare", "MEDICARE", "health_card"],
    },
    ClassColumns {
        class: "SG_NRIC",
        standard: &["nric", "nric_fin", "nric_number"],
        holdout: &["ic_no", "NRIC_FIN", "fin"],
    },
    ClassColumns {
        class: "AWS_ACCESS_KEY_ID",
        standard: &["aws_access_key_id", "accessKeyId", "AWS_ACCESS_KEY"],
        holdout: &["ak", "IAM_KEY_ID", "s3_key"],
    },
    ClassColumns {
        class: "AWS_SECRET_ACCESS_KEY",
        standard: &["aws_secret_access_key", "secretAccessKey", "aws_secret"],
        holdout: &["sk", "IAM_SECRET", "s3_secret"],
    },
    ClassColumns {
        class: "GITHUB_TOKEN",
        standard: &["github_token", "gh_token", "GITHUB_PAT"],
        holdout: &["scm_token", "GhToken", "ci_token"],
    },
    ClassColumns {
        class: "SLACK_TOKEN",
        standard: &["slack_token", "slack_bot_token", "slackApiToken"],
        holdout: &["bot_tok", "SLACK", "chat_token"],
    },
    ClassColumns {
        class: "STRIPE_KEY",
        standard: &["stripe_secret_key", "stripe_api_key", "stripeKey"],
        holdout: &["psp_key", "STRIPE_SK", "payment_api_key"],
    },
    ClassColumns {
        class: "GOOGLE_API_KEY",
        standard: &["google_api_key", "gcp_api_key", "maps_api_key"],
        holdout: &["gkey", "GMAPS_KEY", "places_key"],
    },
    ClassColumns {
        class: "PRIVATE_KEY",
        standard: &["private_key", "ssh_private_key", "tls_key_pem"],
        holdout: &["pk_pem", "SSH_KEY", "cert_key"],
    },
    ClassColumns {
        class: "JWT",
        standard: &["jwt", "access_token", "id_token"],
        holdout: &["tok", "Bearer", "session_jwt"],
    },
    ClassColumns {
        class: "PASSWORD",
        standard: &["password", "passwd", "kennwort", "mot_de_passe"],
        holdout: &["pwd", "PassWd", "contrasena"],
    },
];

const STANDARD_DECOYS: &[(&str, DecoyKind)] = &[
    ("email_verified", DecoyKind::Boolean),
    ("year", DecoyKind::Year),
    ("order_id", DecoyKind::OrderNumber),
    ("reference_number", DecoyKind::ReferenceNumber),
    ("app_version", DecoyKind::VersionString),
    ("build", DecoyKind::BuildNumber),
    ("uuid", DecoyKind::Uuid),
    ("created_at", DecoyKind::IsoTimestamp),
    ("updated_at_ms", DecoyKind::EpochMillis),
    ("price", DecoyKind::Price),
    ("quantity", DecoyKind::Quantity),
    ("sku", DecoyKind::Sku),
    ("status", DecoyKind::StatusWord),
    ("sha256", DecoyKind::Sha256),
    ("checksum_md5", DecoyKind::Md5),
    ("git_commit", DecoyKind::GitSha),
    ("http_status", DecoyKind::HttpStatus),
    ("latency", DecoyKind::Latency),
    ("latency_ms", DecoyKind::Count),
    ("country_code", DecoyKind::CountryCode),
    ("currency", DecoyKind::Currency),
    ("product_name", DecoyKind::ProductName),
    ("description", DecoyKind::Description),
    ("postal_code_count", DecoyKind::Count),
    ("ip_count", DecoyKind::Count),
    ("phone_type", DecoyKind::PhoneType),
    ("email_template", DecoyKind::EmailTemplate),
    ("card_brand", DecoyKind::CardBrand),
    ("tracking_number", DecoyKind::TrackingNumber),
    ("shipment_id", DecoyKind::ShipmentId),
    ("order_date", DecoyKind::BusinessDate),
    ("hostname", DecoyKind::Hostname),
    ("file_path", DecoyKind::FilePath),
    ("lib_version", DecoyKind::Semver),
    ("port", DecoyKind::Port),
];

const HOLDOUT_DECOYS: &[(&str, DecoyKind)] = &[
    ("order_no", DecoyKind::PhoneLikeOrderNumber),
    ("item_sku", DecoyKind::DigitSku),
    ("ref", DecoyKind::ReferenceNumber),
    ("trk", DecoyKind::TrackingNumber),
    ("ean", DecoyKind::Ean13),
    ("legacy_id", DecoyKind::InvalidSsn),
    ("sensor_lat", DecoyKind::SingleCoordinate),
    ("AppVersion", DecoyKind::VersionString),
    ("evt_ts", DecoyKind::IsoTimestamp),
    ("Amount", DecoyKind::Price),
    ("is_active", DecoyKind::Boolean),
    ("shipDate", DecoyKind::BusinessDate),
    ("corr_id", DecoyKind::Uuid),
    ("fw_build", DecoyKind::BuildNumber),
    ("Hash", DecoyKind::Sha1),
    ("Status", DecoyKind::StatusWord),
    ("ProductDescr", DecoyKind::Description),
    ("iso_ctry", DecoyKind::CountryCode),
    ("ccy", DecoyKind::Currency),
    ("qty", DecoyKind::Quantity),
    ("x_99", DecoyKind::Count),
    ("c_phone_kind", DecoyKind::PhoneType),
    ("tmpl", DecoyKind::EmailTemplate),
    ("brand", DecoyKind::CardBrand),
    ("epoch", DecoyKind::EpochMillis),
    ("birth_year_bucket", DecoyKind::Year),
    ("svc_port", DecoyKind::Port),
    ("host", DecoyKind::Hostname),
    ("etag", DecoyKind::Md5),
];

/// Column names of the free-text columns (notes, tickets, addresses, connection strings),
/// whose cells embed values in prose rather than holding one value each.
pub const FREE_TEXT_COLUMNS: &[&str] = &[
    "notes",
    "comment",
    "remarks",
    "internal_notes",
    "support_ticket",
    "ticket_description",
    "mailing_address",
    "connection_string",
    "contact",
    "bemerkungen",
    "observaciones",
    "Memo",
    "ticket_text",
    "adresse_complete",
    "conn_str",
    "kontakt",
];

/// The spellings of an empty cell the corpora use.
pub const NULL_TOKENS: &[&str] = &["", "null", "NULL", "N/A", "nan", "None", "-", " "];

/// Cells of which 5–15% (a per-column rate) are empty, mostly one null spelling per column.
fn cells(
    rng: &mut Rg<'_>,
    rows: usize,
    mut gen_cell: impl FnMut(&mut Rg<'_>) -> String,
) -> Vec<String> {
    let empties = int(rng, (rows * 5 / 100) as u64, (rows * 15 / 100) as u64) as usize;
    let mut empty: Vec<bool> = (0..rows).map(|i| i < empties).collect();
    empty.shuffle(rng);
    let main_null = pick_str(rng, NULL_TOKENS);
    empty
        .into_iter()
        .map(|is_empty| {
            if is_empty {
                if chance(rng, 0.8) {
                    main_null.to_string()
                } else {
                    pick_str(rng, NULL_TOKENS).to_string()
                }
            } else {
                gen_cell(rng)
            }
        })
        .collect()
}

/// Generator of obfuscated column names, unique within one corpus.
struct ObfuscatedNames {
    next: usize,
    holdout: bool,
}

impl ObfuscatedNames {
    fn name(&mut self) -> String {
        self.next += 1;
        let n = self.next;
        let letters = b"abcdefghijklmnopqrstuvwxyz";
        if self.holdout {
            match n % 4 {
                0 => format!("x_{n}"),
                1 => format!("fld{n}"),
                2 => format!("v{n}"),
                _ => format!("COL{n}"),
            }
        } else {
            match n % 4 {
                0 => format!("c{n}"),
                1 => format!("attr_{}{}", char::from(letters[n % 26]), n / 26),
                2 => format!("col_{n}"),
                _ => format!("f{n}"),
            }
        }
    }
}

fn value_cell(rng: &mut Rg<'_>, profile: Profile, class: &str) -> String {
    if class == "PRIVATE_KEY" {
        // Stored keys keep their line breaks; a few are stored escaped.
        let multiline = !chance(rng, 0.15);
        return secrets::private_key(rng, profile == Profile::Holdout, multiline);
    }
    values::generate(profile, class, rng).unwrap_or_default()
}

fn class_column(rng: &mut Rg<'_>, profile: Profile, class: &str, name: &str) -> LabelledField {
    LabelledField {
        name: name.to_string(),
        values: cells(rng, ROWS_PER_COLUMN, |r| value_cell(r, profile, class)),
        expected: vec![class.to_string()],
    }
}

/// A free-text cell builder that records which classes it embedded.
struct TextCell<'a> {
    rng: &'a mut Rg<'a>,
    profile: Profile,
    text: String,
    classes: Vec<&'static str>,
}

impl<'a> TextCell<'a> {
    fn new(rng: &'a mut Rg<'a>, profile: Profile) -> Self {
        Self {
            rng,
            profile,
            text: String::new(),
            classes: Vec::new(),
        }
    }
    fn s(&mut self, t: &str) -> &mut Self {
        self.text.push_str(t);
        self
    }
    fn v(&mut self, class: &'static str) -> &mut Self {
        let v = values::generate(self.profile, class, self.rng).unwrap_or_default();
        self.text.push_str(&v);
        if !self.classes.contains(&class) {
            self.classes.push(class);
        }
        self
    }
    fn finish(self) -> (String, Vec<&'static str>) {
        (self.text, self.classes)
    }
}

/// A column of business notes where only `k` cells embed personal data.
fn sparse_column(
    rng: &mut Rg<'_>,
    profile: Profile,
    name: &str,
    embed: fn(&mut TextCell<'_>),
) -> LabelledField {
    let k = int(rng, 6, 10) as usize; // 3–5% of 200 rows
    let mut rows: Vec<bool> = (0..ROWS_PER_COLUMN).map(|i| i < k).collect();
    rows.shuffle(rng);
    let mut expected: Vec<&'static str> = Vec::new();
    let mut values = Vec::with_capacity(ROWS_PER_COLUMN);
    for with_pii in rows {
        if with_pii {
            let mut cell = TextCell::new(rng, profile);
            embed(&mut cell);
            let (text, classes) = cell.finish();
            for c in classes {
                if !expected.contains(&c) {
                    expected.push(c);
                }
            }
            values.push(text);
        } else if chance(rng, 0.1) {
            values.push(pick_str(rng, NULL_TOKENS).to_string());
        } else {
            values.push(decoy_dyn(DecoyKind::Description, rng));
        }
    }
    LabelledField {
        name: name.to_string(),
        values,
        expected: expected.into_iter().map(String::from).collect(),
    }
}

/// A column where most cells carry personal data in prose (support tickets, chats).
fn dense_text_column(
    rng: &mut Rg<'_>,
    profile: Profile,
    name: &str,
    templates: &[fn(&mut TextCell<'_>)],
) -> LabelledField {
    let mut expected: Vec<&'static str> = Vec::new();
    let mut values = Vec::with_capacity(ROWS_PER_COLUMN);
    for _ in 0..ROWS_PER_COLUMN {
        let r = int(rng, 0, 99);
        if r < 7 {
            values.push(pick_str(rng, NULL_TOKENS).to_string());
        } else if r < 22 {
            values.push(decoy_dyn(DecoyKind::Description, rng));
        } else {
            let t = templates[int(rng, 0, templates.len() as u64 - 1) as usize];
            let mut cell = TextCell::new(rng, profile);
            t(&mut cell);
            let (text, classes) = cell.finish();
            for c in classes {
                if !expected.contains(&c) {
                    expected.push(c);
                }
            }
            values.push(text);
        }
    }
    LabelledField {
        name: name.to_string(),
        values,
        expected: expected.into_iter().map(String::from).collect(),
    }
}

fn last4(c: &mut TextCell<'_>) -> String {
    format!("{:04}", int(c.rng, 0, 9999))
}

const STANDARD_TICKETS: &[fn(&mut TextCell<'_>)] = &[
    |c| {
        let l4 = last4(c);
        c.s("Customer ")
            .v("PERSON_NAME")
            .s(" called from ")
            .v("PHONE_NUMBER")
            .s(" about card ending ")
            .s(&l4)
            .s(". Refund approved.");
    },
    |c| {
        c.v("PERSON_NAME")
            .s(" (")
            .v("EMAIL")
            .s(") reports repeated login failures from ")
            .v("IP_ADDRESS")
            .s(".");
    },
    |c| {
        c.s("Please update the payout IBAN to ")
            .v("IBAN")
            .s(" for ")
            .v("PERSON_NAME")
            .s(", effective next cycle.");
    },
    |c| {
        c.s("Ticket from ")
            .v("EMAIL")
            .s(": parcel not delivered to ")
            .v("STREET_ADDRESS")
            .s(", ")
            .v("POSTAL_CODE")
            .s(".");
    },
    |c| {
        c.s("Caller verified with DOB ")
            .v("DATE_OF_BIRTH")
            .s(" and asked to change the number on file to ")
            .v("PHONE_NUMBER")
            .s(".");
    },
    |c| {
        c.s("Chargeback on card ")
            .v("CREDIT_CARD")
            .s("; customer ")
            .v("PERSON_NAME")
            .s(" disputes the order.");
    },
];

const HOLDOUT_TICKETS: &[fn(&mut TextCell<'_>)] = &[
    |c| {
        c.s("Kunde ")
            .v("PERSON_NAME")
            .s(" bittet um Rückruf unter ")
            .v("PHONE_NUMBER")
            .s(", Bestellung verspätet.");
    },
    |c| {
        c.s("Le client ")
            .v("PERSON_NAME")
            .s(" signale un prélèvement inconnu sur ")
            .v("IBAN")
            .s(".");
    },
    |c| {
        c.s("El cliente escribió desde ")
            .v("EMAIL")
            .s(" y pidió cambiar la dirección a ")
            .v("STREET_ADDRESS")
            .s(".");
    },
    |c| {
        c.s("escalated: acct holder ")
            .v("PERSON_NAME")
            .s(" // new contact ")
            .v("EMAIL")
            .s(" // last login ip ")
            .v("IP_ADDRESS");
    },
    |c| {
        c.s("ID check passed (born ")
            .v("DATE_OF_BIRTH")
            .s("), card ")
            .v("CREDIT_CARD")
            .s(" re-issued.");
    },
];

fn connection_string(c: &mut TextCell<'_>) {
    let host = pick_str(
        c.rng,
        &[
            "db01",
            "sql-prod.internal",
            "mssql02.corp.local",
            "(local)\\SQLEXPRESS",
        ],
    );
    let user = pick_str(c.rng, &["app", "sa", "report_user", "etl"]);
    match int(c.rng, 0, 2) {
        0 => c
            .s(&format!(
                "Server={host};Database=shop;User Id={user};Password="
            ))
            .v("PASSWORD")
            .s(";"),
        1 => c
            .s(&format!("Host={host};Port=5432;Username={user};Password="))
            .v("PASSWORD")
            .s(";Pooling=true"),
        _ => c
            .s(&format!(
                "Data Source={host};Initial Catalog=crm;User ID={user};Pwd="
            ))
            .v("PASSWORD")
            .s(";"),
    };
}

fn multi_class_columns(rng: &mut Rg<'_>, profile: Profile, out: &mut Vec<LabelledField>) {
    match profile {
        Profile::Standard => {
            out.push(sparse_column(rng, profile, "notes", |c| {
                c.s("Customer asked us to send the invoice to ")
                    .v("EMAIL")
                    .s(" instead.");
            }));
            out.push(sparse_column(rng, profile, "comment", |c| {
                c.s("Please call back on ")
                    .v("PHONE_NUMBER")
                    .s(" after 5pm.");
            }));
            out.push(sparse_column(rng, profile, "remarks", |c| {
                c.s("Card ")
                    .v("CREDIT_CARD")
                    .s(" was declined twice, customer will retry.");
            }));
            out.push(sparse_column(rng, profile, "internal_notes", |c| {
                if chance(c.rng, 0.5) {
                    c.s("New billing contact: ").v("EMAIL");
                } else {
                    c.s("Reached via mobile ")
                        .v("PHONE_NUMBER")
                        .s(", confirmed delivery window.");
                }
            }));
            out.push(dense_text_column(
                rng,
                profile,
                "support_ticket",
                STANDARD_TICKETS,
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "ticket_description",
                STANDARD_TICKETS,
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "mailing_address",
                &[|c| {
                    let city = pick_str(
                        c.rng,
                        &[
                            "Springfield",
                            "Berlin",
                            "Paris",
                            "Madrid",
                            "Leeds",
                            "Toronto",
                        ],
                    );
                    c.v("STREET_ADDRESS")
                        .s(", ")
                        .v("POSTAL_CODE")
                        .s(" ")
                        .s(city);
                }],
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "connection_string",
                &[connection_string],
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "contact",
                &[|c| {
                    c.v("PERSON_NAME").s(" <").v("EMAIL").s(">");
                }],
            ));
        }
        Profile::Holdout => {
            out.push(sparse_column(rng, profile, "bemerkungen", |c| {
                c.s("Rechnung bitte an ").v("EMAIL").s(" schicken.");
            }));
            out.push(sparse_column(rng, profile, "observaciones", |c| {
                c.s("Llamar al ").v("PHONE_NUMBER").s(" por la tarde.");
            }));
            out.push(sparse_column(rng, profile, "Memo", |c| {
                c.s("cust gave card ")
                    .v("CREDIT_CARD")
                    .s(" over the phone (!)");
            }));
            out.push(dense_text_column(
                rng,
                profile,
                "ticket_text",
                HOLDOUT_TICKETS,
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "adresse_complete",
                &[|c| {
                    c.v("STREET_ADDRESS").s(" - ").v("POSTAL_CODE");
                }],
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "conn_str",
                &[connection_string],
            ));
            out.push(dense_text_column(
                rng,
                profile,
                "kontakt",
                &[|c| {
                    c.v("LAST_NAME")
                        .s(", ")
                        .v("FIRST_NAME")
                        .s(" <")
                        .v("EMAIL")
                        .s(">");
                }],
            ));
        }
    }
}

fn decoy_columns(rng: &mut Rg<'_>, profile: Profile, out: &mut Vec<LabelledField>) {
    let list = match profile {
        Profile::Standard => STANDARD_DECOYS,
        Profile::Holdout => HOLDOUT_DECOYS,
    };
    for (name, kind) in list {
        out.push(LabelledField {
            name: (*name).to_string(),
            values: cells(rng, ROWS_PER_COLUMN, |r| decoy_dyn(*kind, r)),
            expected: Vec::new(),
        });
    }
    // Wrong-check-digit twins: shaped like the class, valid for none.
    let twins: &[(&str, &str)] = match profile {
        Profile::Standard => &[
            ("legacy_card_ref", "CREDIT_CARD"),
            ("old_account_ref", "IBAN"),
        ],
        Profile::Holdout => &[
            ("card_ref", "CREDIT_CARD"),
            ("acct_ref", "IBAN"),
            ("member_ref", "IN_AADHAAR"),
        ],
    };
    for (name, class) in twins {
        out.push(LabelledField {
            name: (*name).to_string(),
            values: cells(rng, ROWS_PER_COLUMN, |r| {
                corrupt_dyn(profile, class, r).unwrap_or_else(|| iso_timestamp(r))
            }),
            expected: Vec::new(),
        });
    }
}

fn profile_salt(profile: Profile) -> u64 {
    match profile {
        Profile::Standard => 0x5354_4446,
        Profile::Holdout => 0x484f_4c44_4f55_5446,
    }
}

/// The labelled fields corpus for a profile.
///
/// Standard: for every class, one column per standard name (≥ 3, several languages and case
/// styles) plus one under an obfuscated name when the class is recognisable from values
/// alone; sparse note columns and dense ticket columns with embedded PII; and decoy columns
/// with `expected` empty. Holdout: the same structure with abbreviated and mixed-case names,
/// other locales and formats, and harder decoys. Every column has [`ROWS_PER_COLUMN`] cells
/// with 5–15% empties. Columns come in a seeded random order.
pub fn fields_corpus(profile: Profile, seed: u64) -> Vec<LabelledField> {
    let mut rng = seeded(seed, profile_salt(profile) ^ 0x4649_454c_4453);
    let rng: &mut Rg<'_> = &mut rng;
    let mut names = ObfuscatedNames {
        next: 0,
        holdout: profile == Profile::Holdout,
    };
    let mut out = Vec::new();
    for cc in COLUMNS {
        let list = match profile {
            Profile::Standard => cc.standard,
            Profile::Holdout => cc.holdout,
        };
        for name in list {
            out.push(class_column(rng, profile, cc.class, name));
        }
        if !CONTEXT_DEPENDENT_CLASSES.contains(&cc.class) {
            let name = names.name();
            out.push(class_column(rng, profile, cc.class, &name));
        }
    }
    multi_class_columns(rng, profile, &mut out);
    decoy_columns(rng, profile, &mut out);
    out.shuffle(rng);
    out
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `rows` standard-profile values of `class`, every cell filled (no empties), for benches.
/// Empty for an unknown class id.
pub fn column(class: &str, rows: usize, seed: u64) -> Vec<String> {
    if !crate::is_class(class) {
        return Vec::new();
    }
    let mut rng = seeded(seed, fnv1a(class));
    let rng: &mut Rg<'_> = &mut rng;
    (0..rows)
        .map(|_| value_cell(rng, Profile::Standard, class))
        .collect()
}

/// The benchmark table: ten PII columns (hinted names, `rows` values each) and the five decoy
/// columns that surround them in real schemas (order numbers, timestamps, prices, status
/// words, UUIDs). Deterministic.
pub fn bench_table(rows: usize) -> Vec<(String, Vec<String>)> {
    const PII: [&str; 10] = [
        "EMAIL",
        "PHONE_NUMBER",
        "PERSON_NAME",
        "STREET_ADDRESS",
        "CREDIT_CARD",
        "IBAN",
        "US_SSN",
        "IP_ADDRESS",
        "DATE_OF_BIRTH",
        "UK_NINO",
    ];
    const DECOYS: [(&str, DecoyKind); 5] = [
        ("order_id", DecoyKind::OrderNumber),
        ("created_at", DecoyKind::IsoTimestamp),
        ("price", DecoyKind::Price),
        ("status", DecoyKind::StatusWord),
        ("request_id", DecoyKind::Uuid),
    ];
    let mut columns: Vec<(String, Vec<String>)> = PII
        .iter()
        .enumerate()
        .map(|(i, class)| {
            (
                format!("col_{i}_{}", class.to_lowercase()),
                column(class, rows, i as u64),
            )
        })
        .collect();
    for (name, kind) in DECOYS {
        let mut rng = seeded(0xbe9c, fnv1a(name));
        let rng: &mut Rg<'_> = &mut rng;
        let values = (0..rows).map(|_| decoy_dyn(kind, rng)).collect();
        columns.push((name.to_string(), values));
    }
    columns
}

/// The standard and holdout names the corpus uses for `class` (for tests and docs).
pub fn column_names(class: &str, profile: Profile) -> &'static [&'static str] {
    COLUMNS
        .iter()
        .find(|c| c.class == class)
        .map_or(&[], |c| match profile {
            Profile::Standard => c.standard,
            Profile::Holdout => c.holdout,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes_check;
    use crate::{CHECKSUMMED_CLASSES, CLASSES};
    use std::sync::OnceLock;

    fn standard() -> &'static [LabelledField] {
        static C: OnceLock<Vec<LabelledField>> = OnceLock::new();
        C.get_or_init(|| fields_corpus(Profile::Standard, 7))
    }
    fn holdout() -> &'static [LabelledField] {
        static C: OnceLock<Vec<LabelledField>> = OnceLock::new();
        C.get_or_init(|| fields_corpus(Profile::Holdout, 7))
    }

    fn is_null(v: &str) -> bool {
        NULL_TOKENS.contains(&v)
    }

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        assert_eq!(fields_corpus(Profile::Standard, 7), standard());
        assert_ne!(fields_corpus(Profile::Standard, 8), standard());
        assert_eq!(column("IBAN", 50, 3), column("IBAN", 50, 3));
        assert_ne!(column("IBAN", 50, 3), column("IBAN", 50, 4));
    }

    #[test]
    fn every_class_has_three_labelled_columns_and_an_obfuscated_one_when_recognisable() {
        for corpus in [standard(), holdout()] {
            for class in CLASSES {
                let cols: Vec<&LabelledField> = corpus
                    .iter()
                    .filter(|f| {
                        f.expected == [class.to_string()]
                            && !FREE_TEXT_COLUMNS.contains(&f.name.as_str())
                    })
                    .collect();
                assert!(cols.len() >= 3, "{class}: {} columns", cols.len());
                let named = column_names(class, Profile::Standard)
                    .iter()
                    .chain(column_names(class, Profile::Holdout))
                    .copied()
                    .collect::<Vec<_>>();
                let obfuscated = cols
                    .iter()
                    .filter(|f| !named.contains(&f.name.as_str()))
                    .count();
                if CONTEXT_DEPENDENT_CLASSES.contains(class) {
                    assert_eq!(obfuscated, 0, "{class}");
                } else {
                    assert_eq!(obfuscated, 1, "{class}");
                }
            }
        }
    }

    #[test]
    fn columns_have_200_cells_with_5_to_15_percent_empties_in_class_columns() {
        for corpus in [standard(), holdout()] {
            let mut names = std::collections::BTreeSet::new();
            for f in corpus {
                assert!(names.insert(f.name.clone()), "duplicate column {}", f.name);
                assert_eq!(f.values.len(), ROWS_PER_COLUMN, "{}", f.name);
                if !FREE_TEXT_COLUMNS.contains(&f.name.as_str()) {
                    let empties = f.values.iter().filter(|v| is_null(v)).count();
                    assert!((10..=30).contains(&empties), "{}: {empties}", f.name);
                }
            }
        }
    }

    #[test]
    fn checksummed_columns_hold_only_valid_values() {
        for corpus in [standard(), holdout()] {
            for f in corpus {
                let [class] = f.expected.as_slice() else {
                    continue;
                };
                if FREE_TEXT_COLUMNS.contains(&f.name.as_str())
                    || !CHECKSUMMED_CLASSES.contains(&class.as_str())
                {
                    continue;
                }
                for v in f.values.iter().filter(|v| !is_null(v)) {
                    assert_eq!(passes_check(class, v), Some(true), "{}: {v}", f.name);
                }
            }
        }
    }

    #[test]
    fn decoy_and_free_text_columns_are_labelled_honestly() {
        for corpus in [standard(), holdout()] {
            let decoys = corpus.iter().filter(|f| f.expected.is_empty()).count();
            assert!(decoys >= 25, "{decoys} decoy columns");
            for f in corpus.iter().filter(|f| f.expected.is_empty()) {
                // Card-shaped decoys never pass Luhn.
                for v in f.values.iter().filter(|v| !is_null(v)) {
                    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
                    if digits.len() == 16
                        && v.chars()
                            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
                    {
                        assert_eq!(
                            passes_check("CREDIT_CARD", v),
                            Some(false),
                            "{}: {v}",
                            f.name
                        );
                    }
                }
            }
            let free_text: Vec<&LabelledField> = corpus
                .iter()
                .filter(|f| FREE_TEXT_COLUMNS.contains(&f.name.as_str()))
                .collect();
            assert!(free_text.len() >= 7);
            assert!(free_text.iter().all(|f| !f.expected.is_empty()));
        }
        let notes = standard().iter().find(|f| f.name == "notes").unwrap();
        assert_eq!(notes.expected, ["EMAIL"]);
        let with_at = notes.values.iter().filter(|v| v.contains('@')).count();
        assert!((6..=10).contains(&with_at), "{with_at}");
    }

    #[test]
    fn holdout_differs_from_standard() {
        let std_names: std::collections::BTreeSet<&str> =
            standard().iter().map(|f| f.name.as_str()).collect();
        let shared = holdout()
            .iter()
            .filter(|f| std_names.contains(f.name.as_str()))
            .count();
        assert!(shared <= 3, "{shared} shared column names");
        let countries = |c: &[LabelledField]| -> std::collections::BTreeSet<String> {
            c.iter()
                .filter(|f| f.expected == ["IBAN"])
                .flat_map(|f| f.values.iter())
                .filter(|v| !is_null(v))
                .map(|v| v[..2].to_string())
                .collect()
        };
        let (s, h) = (countries(standard()), countries(holdout()));
        assert!(s.len() >= 10 && h.len() >= 10);
        assert!(h.difference(&s).count() >= 8);
    }
}
