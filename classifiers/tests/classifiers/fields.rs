//! Field classification: names, values, rates and the decoys from the issue.

use piicat_classifiers::{Engine, FieldFinding};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::builtin)
}

fn classify(name: &str, values: &[String]) -> FieldFinding {
    engine().classify_field(name, values.iter().map(String::as_str))
}

fn ids(f: &FieldFinding) -> Vec<&str> {
    f.classes.iter().map(|c| c.class.as_str()).collect()
}

fn rep(values: &[&str], n: usize) -> Vec<String> {
    values
        .iter()
        .cycle()
        .take(n)
        .map(|s| s.to_string())
        .collect()
}

/// Asserts that every value of the column is `class` as a whole (not found inside text).
fn assert_every_value_is(name: &str, values: &[String], class: &str) {
    let f = classify(name, values);
    let score = f.classes.iter().find(|c| c.class == class);
    let score = score.unwrap_or_else(|| panic!("{name}: no {class} in {:?}", f.classes));
    assert_eq!(score.matched, values.len() as u64, "{name}");
    let whole = format!("100% of {} values are {class}", values.len());
    assert_eq!(score.reasons[0], whole, "{name}: {:?}", score.reasons);
}

#[test]
fn email_verified_booleans_are_not_email() {
    let f = classify("email_verified", &rep(&["true", "false", "TRUE"], 200));
    assert!(ids(&f).is_empty(), "{:?}", ids(&f));
}

#[test]
fn year_column_is_not_a_card_and_versions_are_not_ips() {
    let years: Vec<String> = (1990..2026).map(|y| y.to_string()).collect();
    assert!(ids(&classify("year", &years)).is_empty());
    let versions = rep(
        &["7.36.123.231", "7.36.124.10", "8.1.0.77", "7.40.2.199"],
        100,
    );
    let f = classify("app_version", &versions);
    assert!(!ids(&f).contains(&"IP_ADDRESS"), "{:?}", f.classes);
}

#[test]
fn decoy_columns_of_a_realistic_table_hold_no_pii() {
    // UUIDs hold digit runs that read as phone numbers (`…-0928-4238-…`); timestamps,
    // prices, order numbers and status words are the other columns around real PII.
    let table = piicat_testkit::bench_table(10_000);
    let decoys: Vec<_> = table
        .iter()
        .filter(|(n, _)| !n.starts_with("col_"))
        .collect();
    assert_eq!(decoys.len(), 5);
    for (name, values) in decoys {
        let f = classify(name, values);
        assert!(f.classes.is_empty(), "{name}: {:?}", f.classes);
    }
}

#[test]
fn bare_nine_digit_references_are_not_ssn_without_hint() {
    let refs = rep(&["536228491", "219459870", "401223345", "771230984"], 100);
    assert!(!ids(&classify("reference_number", &refs)).contains(&"US_SSN"));
    assert!(ids(&classify("ssn", &refs)).contains(&"US_SSN"));
}

#[test]
fn nulls_are_skipped_not_classified() {
    let mut v = rep(&["jane@example.com", "bob@example.org"], 20);
    v.extend(rep(&["", "null", "NULL", "N/A", "nan"], 30));
    let f = classify("contact", &v);
    assert_eq!(f.sampled, 20);
    assert_eq!(ids(&f), ["EMAIL"]);
    assert_eq!(f.classes[0].matched, 20);
}

#[test]
fn multilingual_and_obfuscated_names() {
    let emails = rep(
        &["ana.garcia@correo.es", "luis@empresa.com.mx", "x.y@z.io"],
        60,
    );
    for name in [
        "correo_electronico",
        "courriel",
        "E-Mail",
        "customerEmail",
        "c7",
        "attr_x",
    ] {
        let f = classify(name, &emails);
        assert_eq!(ids(&f), ["EMAIL"], "{name}");
    }
    let f = classify("correo_electronico", &emails);
    assert!(
        f.classes[0].reasons.iter().any(|r| r.contains("name hint")),
        "{:?}",
        f.classes[0].reasons
    );
}

#[test]
fn sparse_pii_in_free_text_is_found() {
    let mut notes = rep(
        &[
            "Customer asked about delivery times.",
            "Refund processed, no further action.",
            "Called back, left voicemail.",
        ],
        190,
    );
    notes.push("Please reach me at maria.rossi@example.it about the refund".into());
    notes.push("new address is jean.dupont@example.fr".into());
    notes.push("alt contact: k.schmidt@example.de".into());
    let f = classify("notes", &notes);
    assert!(ids(&f).contains(&"EMAIL"), "{:?}", f.classes);
}

#[test]
fn fingerprints_only_with_a_key_and_never_raw() {
    let key = piicat_classifiers::FingerprintKey::from_bytes([9; 32]);
    let e = Engine::builder().fingerprint_key(key).build().unwrap();
    let v = rep(&["jane@example.com", "bob@example.org"], 10);
    let f = e.classify_field("email", v.iter().map(String::as_str));
    let c = &f.classes[0];
    assert_eq!(c.fingerprints.len(), 2);
    let json = serde_json::to_string(&f).unwrap();
    assert!(
        !json.contains("jane@example.com") && !json.contains("bob@example.org"),
        "{json}"
    );
    assert!(classify("email", &v).classes[0].fingerprints.is_empty());
}

#[test]
fn a_sketch_is_the_smallest_fingerprints_of_the_first_values_whatever_the_batch() {
    // Fingerprints are made sixteen at a time where the CPU allows, the last few of a field
    // one by one. Whatever the count, a field's sketch must be the 64 smallest distinct
    // fingerprints of its first 4096 e-mail addresses, each as `fingerprint_value` makes it
    // alone: values longer than one SHA-256 block, repeats and cells that are no address
    // included.
    use piicat_classifiers::FingerprintKey;
    use piicat_classifiers::field::FINGERPRINT_LIMIT;
    let key = FingerprintKey::from_bytes([5; 32]);
    let e = Engine::builder()
        .fingerprint_key(key.clone())
        .build()
        .unwrap();
    let long = "the.quite.long.local.part.of.a.mailbox.that.never.ends";
    for n in [1, 2, 6, 7, 8, 15, 16, 17, 31, 33, 100, 4095, 4097, 5000] {
        let cells: Vec<String> = (0..n)
            .map(|i| match i % 11 {
                0 => format!("{long}.{i}@Example.ORG"),
                1 => "repeat.me@example.com".to_string(),
                5 => "no e-mail given".to_string(),
                _ => format!("Person.{i}@example.com"),
            })
            .collect();
        let f = e.classify_field("email", cells.iter().map(String::as_str));
        let email = f.classes.iter().find(|c| c.class == "EMAIL").unwrap();
        let emails = cells.iter().filter(|c| c.contains('@'));
        let expected =
            crate::expected_sketch(&key, "EMAIL", emails.take(FINGERPRINT_LIMIT as usize));
        assert_eq!(email.fingerprints, expected, "{n} values");
    }
}

#[test]
fn every_value_counts_whatever_the_count() {
    // Values are classified two at a time; an odd last value and nulls between pairs
    // must count exactly once each, and the masked examples keep the order of arrival.
    let emails = ["ana@example.com", "bo@example.org", "cy@example.net"];
    for n in 1..=7 {
        let mut values: Vec<String> = rep(&emails, n);
        values.insert(n / 2, "NULL".into());
        let f = classify("email", &values);
        let email = &f.classes[0];
        assert_eq!(
            (f.sampled, email.matched),
            (n as u64, n as u64),
            "{n} values"
        );
        assert_eq!(email.masked_examples.len(), n.min(3), "{n} values");
        assert!(
            email.masked_examples[0].starts_with('a'),
            "{:?}",
            email.masked_examples
        );
    }
    let f = classify("email", &[]);
    assert_eq!(f.sampled, 0);
    assert!(f.classes.is_empty());
}

#[test]
fn a_name_column_takes_names_known_at_one_end_only() {
    // One part from the dictionaries, the other not: under a name hint each value is a
    // name (as next to a person word in text); under an obfuscated name they are not, and
    // product names that start with a given name stay out of a `name` column.
    let names = rep(
        &[
            "Aarav Mehta",
            "Ananya Desai",
            "Jane Okonkwo",
            "Alessandro V. Colombo",
        ],
        40,
    );
    assert_every_value_is("customer_name", &names, "PERSON_NAME");
    assert!(
        !ids(&classify("c7", &names)).contains(&"PERSON_NAME"),
        "no hint, no loose name"
    );
    let products = rep(
        &[
            "Grace Period",
            "Rose Garden",
            "Summer Sale",
            "Victoria Falls Tour",
        ],
        40,
    );
    assert!(ids(&classify("name", &products)).is_empty());
}

#[test]
fn street_addresses_with_units_floors_directions_and_spelled_types() {
    let streets = rep(
        &[
            "1 Queen Street West",
            "10 Cedar Road, Apt 3B",
            "250 King Street East, Suite 400",
            "1 Rue Sainte-Catherine",
            "73 bis rue du Faubourg Saint-Honoré",
            "Berliner Straße 97",
            "Bahnhof-Allee 12a",
            "Gran Vía 1",
            "Calle Mayor 5, 2º B",
            "Avenida de la Constitución 11, 4º izq.",
        ],
        50,
    );
    for name in ["shipping_address", "c9"] {
        assert_every_value_is(name, &streets, "STREET_ADDRESS");
    }
}

#[test]
fn timestamps_are_not_searched_as_text_but_text_after_one_is() {
    // A field value that is wholly a date and time is not searched as free text; that is
    // only sound if the search would find nothing in one, which is checked here on every
    // spelling databases and APIs print.
    let table = piicat_testkit::bench_table(2_000);
    let mut stamps: Vec<String> = table
        .iter()
        .find(|(n, _)| n == "created_at")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    stamps.extend((0..500u32).map(|i| {
        let (d, h, m) = (1 + i % 28, i % 24, (i * 7) % 60);
        match i % 4 {
            0 => format!("2024-03-{d:02} {h:02}:{m:02}"),
            1 => format!(
                "2019-11-{d:02}T{h:02}:{m:02}:{:02},{:06}+02:00",
                i % 60,
                i * 97
            ),
            2 => format!("2021-07-{d:02} {h:02}:{m:02}:{:02} -0500", i % 60),
            _ => format!("2022-01-{d:02} {h:02}:{m:02}:{:02} UTC", i % 60),
        }
    }));
    assert_eq!(stamps.len(), 2_500);
    for s in &stamps {
        let found: Vec<_> = engine()
            .find_in_text(s)
            .iter()
            .map(|m| m.class.id.clone())
            .collect();
        assert!(found.is_empty(), "{s}: {found:?}");
    }
    assert!(ids(&classify("event_time", &stamps)).is_empty());
    // Not wholly a timestamp: searched, and the phone number after it is found.
    let notes: Vec<String> = stamps
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{s} called back on +44 20 7946 0{:03}", i % 1000))
        .collect();
    let f = classify("c3", &notes);
    assert!(ids(&f).contains(&"PHONE_NUMBER"), "{:?}", f.classes);
}

#[test]
fn names_with_particles_titles_or_family_name_first() {
    // Particles make the last word a family name (the dictionaries hold no spaced names);
    // a title before a name is not part of it. Both count with or without a name hint.
    let names = rep(
        &[
            "Chiara De Luca",
            "Anouk van der Linden",
            "Sanne de Jong",
            "Dr. Anna Weber",
            "Herr Stefan Schmidt",
            "Mme Camille Durand",
        ],
        60,
    );
    for name in ["customer_name", "c7"] {
        assert_every_value_is(name, &names, "PERSON_NAME");
    }
    // Family name first, one side unknown: only a name column takes it.
    let reversed = rep(
        &["Colombo, Elena", "Desai, Rahul", "Castaño, José Luis"],
        30,
    );
    let f = classify("full_name", &reversed);
    let person = f.classes.iter().find(|c| c.class == "PERSON_NAME");
    assert_eq!(person.map(|p| p.matched), Some(30), "{:?}", f.classes);
    assert!(!ids(&classify("c7", &reversed)).contains(&"PERSON_NAME"));
}
