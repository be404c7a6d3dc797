//! Secrets and credentials: JSON Web Tokens, PEM private keys and AWS access key ids.
//!
//! These decide whether a token has the real structure (decodable JSON header, matching
//! BEGIN/END labels, a known key prefix) so that look-alike strings are not reported. They
//! never verify signatures, never keep the decoded content, and never print the candidate.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// base64url that accepts segments with or without `=` padding.
const BASE64URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Largest JWT considered; real tokens are a few KiB at most.
const MAX_JWT_BYTES: usize = 16 * 1024;

fn is_base64url_segment(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
}

fn decode_json_object(segment: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = BASE64URL_LENIENT.decode(segment).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

/// JSON Web Token (JWS compact form): three base64url segments separated by `.`; the header
/// and payload decode (padding optional) to JSON objects; the header has a string `alg`; the
/// signature is non-empty unless `alg` is `none`.
pub fn jwt(s: &str) -> bool {
    let s = s.trim();
    if s.len() > MAX_JWT_BYTES {
        return false;
    }
    let mut parts = s.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    if header.is_empty()
        || payload.is_empty()
        || ![header, payload, signature]
            .iter()
            .all(|p| is_base64url_segment(p))
    {
        return false;
    }
    let Some(header) = decode_json_object(header) else {
        return false;
    };
    let Some(alg) = header.get("alg").and_then(|v| v.as_str()) else {
        return false;
    };
    if signature.is_empty() && !alg.eq_ignore_ascii_case("none") {
        return false;
    }
    if !signature.is_empty() && BASE64URL_LENIENT.decode(signature).is_err() {
        return false;
    }
    decode_json_object(payload).is_some()
}

/// Key types that may precede `PRIVATE KEY` in a PEM label.
const PEM_KEY_TYPES: &[&str] = &["RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED ", "PGP "];

/// Whether `label` is a private-key PEM label: `[TYPE ]PRIVATE KEY[ BLOCK]`.
fn is_private_key_label(label: &str) -> bool {
    let rest = PEM_KEY_TYPES
        .iter()
        .find_map(|t| label.strip_prefix(t))
        .unwrap_or(label);
    matches!(rest, "PRIVATE KEY" | "PRIVATE KEY BLOCK")
}

/// When `s` starts with a private-key BEGIN line, its label and the text after the line.
fn begin_line(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix("-----BEGIN ")?;
    let (label, after) = rest.split_once("-----")?;
    is_private_key_label(label).then_some((label, after))
}

/// Text as it would read with JSON/env-style `\n` escapes turned back into line breaks
/// (keys are often stored that way in config files).
fn unescape_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains("\\n") {
        std::borrow::Cow::Owned(s.replace("\\r\\n", "\n").replace("\\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Counts the base64 characters of a PEM body, or `None` if a line is neither a header
/// (`Proc-Type: 4,ENCRYPTED`, `Version: ...`), a PGP checksum (`=abcd`) nor base64.
fn pem_body_base64_len(body: &str) -> Option<usize> {
    let mut count = 0;
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                continue;
            }
            return None;
        }
        for token in line.split_whitespace() {
            if !token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            {
                return None;
            }
            if !token.starts_with('=') {
                count += token.len();
            }
        }
    }
    Some(count)
}

/// A complete PEM private-key block: a `-----BEGIN <label>-----` line with a private-key
/// label (`PRIVATE KEY`, `RSA/EC/DSA/OPENSSH/ENCRYPTED/PGP PRIVATE KEY`, optionally
/// `... BLOCK`), an END line with the same label, and between them optional headers and at
/// least 40 base64 characters. Literal `\n` escapes count as line breaks.
pub fn pem_block(s: &str) -> bool {
    let text = unescape_newlines(s.trim());
    let Some((label, after)) = begin_line(&text) else {
        return false;
    };
    let end_marker = format!("-----END {label}-----");
    let Some((body, tail)) = after.split_once(end_marker.as_str()) else {
        return false;
    };
    tail.trim().is_empty() && pem_body_base64_len(body).is_some_and(|n| n >= 40)
}

/// A private key: a full PEM block ([`pem_block`]), a lone BEGIN line with a private-key
/// label (the block often spans lines the matcher sees one at a time), or a BEGIN line
/// followed by a truncated body with no END line yet.
pub fn private_key(s: &str) -> bool {
    let text = unescape_newlines(s.trim());
    let Some((_, after)) = begin_line(&text) else {
        return false;
    };
    if after.trim().is_empty() {
        return true;
    }
    if after.contains("-----END ") {
        return pem_block(s);
    }
    pem_body_base64_len(after).is_some()
}

/// Prefixes of AWS access key ids (IAM user keys, STS temporary keys and the unique ids of
/// groups, users, roles, instance profiles, managed policies, certificates and contexts).
const AWS_KEY_PREFIXES: &[&str] = &[
    "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "ABIA", "ACCA",
];

/// AWS access key id: 20 characters, a known 4-letter prefix, then 16 base32 characters
/// (`A–Z`, `2–7`).
pub fn aws_access_key_id(s: &str) -> bool {
    let s = s.trim();
    s.len() == 20
        && AWS_KEY_PREFIXES.iter().any(|p| s.starts_with(p))
        && s.as_bytes()[4..]
            .iter()
            .all(|&b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn jwt_vectors() {
        assert!(jwt(JWT_IO));
        assert!(jwt(&format!(" {JWT_IO} ")));
        let none = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"sub":"x"}"#));
        assert!(jwt(&none));
        let padded = format!(
            "{}.{}.c2ln",
            base64::engine::general_purpose::URL_SAFE.encode(r#"{"alg":"HS256"}"#),
            b64(r#"{"a":1}"#)
        );
        assert!(jwt(&padded));

        let no_sig = format!("{}.{}.", b64(r#"{"alg":"HS256"}"#), b64(r#"{"sub":"x"}"#));
        assert!(!jwt(&no_sig));
        let no_alg = format!("{}.{}.c2ln", b64(r#"{"typ":"JWT"}"#), b64(r#"{"sub":"x"}"#));
        assert!(!jwt(&no_alg));
        let array_payload = format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64("[1,2]"));
        assert!(!jwt(&array_payload));
        let not_json = format!("{}.{}.c2ln", b64("alg=HS256"), b64(r#"{"a":1}"#));
        assert!(!jwt(&not_json));
        assert!(!jwt(&JWT_IO.replacen('.', "", 1))); // two segments
        assert!(!jwt(&format!("{JWT_IO}.extra")));
        assert!(!jwt(&JWT_IO.replace("eyJzdWIi", "eyJzdWIi!")));
        assert!(!jwt("1.2.3"));
        assert!(!jwt("com.example.app"));
        assert!(!jwt("a.b.c"));
        // Header with one character changed no longer decodes to JSON.
        assert!(!jwt(&JWT_IO.replacen("eyJhbGci", "eyJhbGcj", 1)));
    }

    fn rsa_block(body_len: usize) -> String {
        let body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun"
            .chars()
            .cycle()
            .take(body_len)
            .collect::<String>();
        format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n")
    }

    #[test]
    fn pem_vectors() {
        assert!(pem_block(&rsa_block(64)));
        assert!(pem_block(&rsa_block(64).replace('\n', "\r\n")));
        assert!(pem_block(&rsa_block(64).replace('\n', "\\n")));
        let pkcs8 = rsa_block(100).replace("RSA PRIVATE KEY", "PRIVATE KEY");
        assert!(pem_block(&pkcs8));
        let openssh = rsa_block(100).replace("RSA PRIVATE KEY", "OPENSSH PRIVATE KEY");
        assert!(pem_block(&openssh));
        let encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----";
        assert!(pem_block(encrypted));
        let pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0AAAABCADL3sLx0w6kW3+4p0hP8U4kCdoX2e2S1lZbXH2Q7bQm1s1nM2a9\n=Ab3x\n-----END PGP PRIVATE KEY BLOCK-----";
        assert!(pem_block(pgp));

        assert!(!pem_block(&rsa_block(39))); // body too short
        assert!(!pem_block(
            &rsa_block(64).replace("-----END RSA", "-----END EC")
        )); // label mismatch
        assert!(!pem_block(
            &rsa_block(64).replace("RSA PRIVATE KEY", "RSA PUBLIC KEY")
        ));
        assert!(!pem_block(
            &rsa_block(64).replace("RSA PRIVATE KEY", "CERTIFICATE")
        ));
        assert!(!pem_block(&rsa_block(64).replace("MIIE", "MI!E")));
        assert!(!pem_block("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(!pem_block(&format!("{}trailing junk", rsa_block(64))));
    }

    #[test]
    fn private_key_vectors() {
        for begin in [
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----",
            "-----BEGIN DSA PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----",
        ] {
            assert!(private_key(begin), "{begin}");
        }
        assert!(private_key(&rsa_block(64)));
        assert!(private_key(
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfV"
        ));
        assert!(!private_key("-----BEGIN PUBLIC KEY-----"));
        assert!(!private_key("-----BEGIN CERTIFICATE-----"));
        assert!(!private_key("-----BEGIN RSA PRIVATE KEY"));
        assert!(!private_key("-----BEGIN SSH2 PRIVATE KEY-----"));
        assert!(!private_key("BEGIN RSA PRIVATE KEY"));
        assert!(!private_key(&rsa_block(10))); // full block, body too short
        assert!(!private_key(
            "-----BEGIN RSA PRIVATE KEY-----\nthis is prose, not base64!"
        ));
    }

    #[test]
    fn aws_vectors() {
        assert!(aws_access_key_id("AKIAIOSFODNN7EXAMPLE"));
        assert!(aws_access_key_id("ASIAY34FZKBOKMUTVV7A"));
        assert!(!aws_access_key_id("AKIAIOSFODNN7EXAMPL")); // 19
        assert!(!aws_access_key_id("AKIAIOSFODNN7EXAMPLE1"));
        assert!(!aws_access_key_id("AKIAIOSFODNN8EXAMPLE")); // 8 is not base32
        assert!(!aws_access_key_id("AKIAIOSFODNN1EXAMPLE")); // 1 is not base32
        assert!(!aws_access_key_id("akiaiosfodnn7example"));
        assert!(!aws_access_key_id("AXXAIOSFODNN7EXAMPLE"));
        assert!(!aws_access_key_id("ABCDEFGHIJKLMNOPQRST"));
    }
}
