//! Free-text detection: spans, offsets, context words and the decoys that must not match.

use piicat_classifiers::{Engine, Likelihood};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::builtin)
}

fn classes(text: &str) -> Vec<(String, String)> {
    engine()
        .find_in_text(text)
        .into_iter()
        .map(|m| (m.class.id.clone(), text[m.start..m.end].to_string()))
        .collect()
}

fn has(text: &str, class: &str, value: &str) {
    let found = classes(text);
    assert!(
        found.iter().any(|(c, v)| c == class && v == value),
        "expected {class} `{value}` in `{text}`, found {found:?}"
    );
}

fn none(text: &str) {
    let found = classes(text);
    assert!(
        found.is_empty(),
        "expected nothing in `{text}`, found {found:?}"
    );
}

#[test]
fn finds_common_pii_in_log_lines() {
    has(
        "user=jane.doe@example.com login failed from 203.0.113.7",
        "EMAIL",
        "jane.doe@example.com",
    );
    has(
        "user=jane.doe@example.com login failed from 203.0.113.7",
        "IP_ADDRESS",
        "203.0.113.7",
    );
    has(
        "call me at +44 20 7946 0958 tomorrow",
        "PHONE_NUMBER",
        "+44 20 7946 0958",
    );
    has(
        "card 4111 1111 1111 1111 charged",
        "CREDIT_CARD",
        "4111 1111 1111 1111",
    );
    has("SSN: 536-22-8491 on file", "US_SSN", "536-22-8491");
    has(
        "iban=DE89 3704 0044 0532 0130 00;",
        "IBAN",
        "DE89 3704 0044 0532 0130 00",
    );
    has(
        "key AKIAIOSFODNN7EXAMPLE leaked",
        "AWS_ACCESS_KEY_ID",
        "AKIAIOSFODNN7EXAMPLE",
    );
    has(
        "DATABASE_URL=postgres://app:S3cr3t!x@db.internal:5432/prod",
        "URL_WITH_CREDENTIALS",
        "postgres://app:S3cr3t!x@db.internal:5432/prod",
    );
    has(
        "Server=db;User Id=app;Password=Xk9#mP2q;",
        "PASSWORD",
        "Xk9#mP2q",
    );
    has(
        "-----BEGIN RSA PRIVATE KEY-----",
        "PRIVATE_KEY",
        "-----BEGIN RSA PRIVATE KEY-----",
    );
    has(
        "Customer Jane Doe called about her order",
        "PERSON_NAME",
        "Jane Doe",
    );
    has("DOB: 1985-03-12", "DATE_OF_BIRTH", "1985-03-12");
    has(
        "ship to 1600 Amphitheatre Parkway, Mountain View",
        "STREET_ADDRESS",
        "1600 Amphitheatre Parkway",
    );
    has("NINO AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C");
}

#[test]
fn offsets_are_byte_exact_after_multibyte_text() {
    let text = "Grüße — écrivez à marie.curie@exemple.fr s'il vous plaît";
    let m = engine().find_in_text(text);
    assert_eq!(m.len(), 1, "{:?}", classes(text));
    assert_eq!(&text[m[0].start..m[0].end], "marie.curie@exemple.fr");
    assert_eq!(m[0].likelihood, Likelihood::VeryLikely);
    assert_eq!(m[0].masked(), "m***@e******.fr");
}

#[test]
fn decoys_do_not_match() {
    none(
        "2026-11-22T07:53:45.123Z INFO request_id=3f2b9c1e-8a4d-4f6b-9e2a-1c3d5e7f9a0b took 123ms",
    );
    none("build 7.36.123.231 deployed; version 1.2.3.4 rolled back");
    none("sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    none("order ORD-2024-000123 total 1234.56 EUR, 3 items, year 2024");
    none("reference 123456789 shipped");
    none("the public license applies to lic files");
    none("password reset requested for account");
    none("tracking number 4111111111111112");
}

#[test]
fn context_words_are_needed_for_weak_ids() {
    none("processed 536228491 records");
    has("ssn 536228491", "US_SSN", "536228491");
    has("zip code: 94105", "POSTAL_CODE", "94105");
    none("port 94105 opened");
}

#[test]
fn a_text_sketch_is_the_smallest_fingerprints_of_the_values_found() {
    // Text findings are fingerprinted in batches too, across chunks: the `$text` sketch
    // must be the 64 smallest distinct fingerprints of the values found, whatever the
    // count left waiting when the scan ends.
    use piicat_classifiers::FingerprintKey;
    let key = FingerprintKey::from_bytes([6; 32]);
    let e = Engine::builder()
        .fingerprint_key(key.clone())
        .build()
        .unwrap();
    for n in [1, 7, 16, 23, 150] {
        let emails: Vec<String> = (0..n)
            .map(|i| format!("user.{}@example.com", i % 97))
            .collect();
        let mut scan = e.text();
        for chunk in emails.chunks(5) {
            let lines: String = chunk
                .iter()
                .map(|m| format!("2024-05-01 login ok for {m} from the web\n"))
                .collect();
            scan.push(&lines);
        }
        let f = scan.finish();
        let email = f.classes.iter().find(|c| c.class == "EMAIL").unwrap();
        assert_eq!(email.matched, n as u64);
        let expected = crate::expected_sketch(&key, "EMAIL", &emails);
        assert_eq!(email.fingerprints, expected, "{n} e-mail addresses");
    }
}
