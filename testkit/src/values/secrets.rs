//! Secrets: cloud and SaaS API keys and tokens, PEM private keys, JWTs and passwords.
//!
//! Layouts follow the issuers' published formats: AWS access key ids (AKIA/ASIA + 16 Base32
//! characters), GitHub tokens (prefix + 30 Base62 + the 6-character Base62 CRC-32 checksum,
//! per GitHub's 2021 token-format post; and fine-grained `github_pat_` tokens), Slack
//! (`xoxb-`/`xoxp-`/`xapp-`), Stripe (`sk_live_`/`rk_live_`/`pk_live_`), Google API keys
//! (`AIza` + 35), PEM (RFC 7468) around realistic DER prefixes, JWT (RFC 7519). Keys are
//! random bytes shaped like the real thing; none of them works anywhere.

use crate::draw::{ALNUM, HEX_LOWER, Rg, bytes, chance, chars_from, digits, hex, int, pick_str};
use crate::encode::{base62, base64_std, base64_url, crc32};

/// `AKIA` (long-term) or `ASIA` (temporary) followed by 16 Base32 characters.
pub fn aws_access_key_id(rng: &mut Rg<'_>, h: bool) -> String {
    let prefix = if chance(rng, if h { 0.4 } else { 0.15 }) {
        "ASIA"
    } else {
        "AKIA"
    };
    format!(
        "{prefix}{}",
        chars_from(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    )
}

/// 40 characters of Base64 alphabet, as AWS issues secret access keys.
pub fn aws_secret_access_key(rng: &mut Rg<'_>, _h: bool) -> String {
    chars_from(
        rng,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        40,
    )
}

/// A GitHub token: classic (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 30 Base62 + CRC-32
/// checksum in 6 Base62 characters) or fine-grained (`github_pat_` + 22 + `_` + 59).
pub fn github_token(rng: &mut Rg<'_>, h: bool) -> String {
    if chance(rng, if h { 0.4 } else { 0.25 }) {
        return format!(
            "github_pat_11{}_{}",
            chars_from(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20),
            chars_from(rng, ALNUM, 59)
        );
    }
    let prefix = if h {
        pick_str(rng, &["ghp", "gho", "ghu", "ghs", "ghr"])
    } else {
        pick_str(rng, &["ghp", "ghp", "ghp", "gho", "ghs"])
    };
    let body = chars_from(rng, ALNUM, 30);
    let sum = base62(u64::from(crc32(body.as_bytes())), 6);
    format!("{prefix}_{body}{sum}")
}

/// A Slack token: bot (`xoxb-`), user (`xoxp-`) or app-level (`xapp-`).
pub fn slack_token(rng: &mut Rg<'_>, h: bool) -> String {
    let kind = int(rng, 0, if h { 3 } else { 2 });
    match kind {
        0 | 1 => format!(
            "xoxb-{}-{}-{}",
            {
                let n = int(rng, 11, 13) as usize;
                digits(rng, n)
            },
            digits(rng, 13),
            chars_from(rng, ALNUM, 24)
        ),
        2 => format!(
            "xoxp-{}-{}-{}-{}",
            digits(rng, 12),
            digits(rng, 12),
            digits(rng, 13),
            chars_from(rng, HEX_LOWER, 32)
        ),
        _ => format!(
            "xapp-1-A{}-{}-{}",
            chars_from(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10),
            digits(rng, 13),
            chars_from(rng, HEX_LOWER, 64)
        ),
    }
}

/// A Stripe live key: secret (`sk_live_`), restricted (`rk_live_`) or publishable
/// (`pk_live_`), in the 24-character legacy or the 99-character current length.
pub fn stripe_key(rng: &mut Rg<'_>, h: bool) -> String {
    let prefix = if h {
        pick_str(rng, &["sk_live_", "rk_live_", "rk_live_", "pk_live_"])
    } else {
        pick_str(
            rng,
            &["sk_live_", "sk_live_", "sk_live_", "rk_live_", "pk_live_"],
        )
    };
    if chance(rng, if h { 0.7 } else { 0.4 }) {
        format!("{prefix}51{}", chars_from(rng, ALNUM, 97))
    } else {
        format!("{prefix}{}", chars_from(rng, ALNUM, 24))
    }
}

/// A Google API key: `AIza` + 35 characters of `[A-Za-z0-9_-]`.
pub fn google_api_key(rng: &mut Rg<'_>, _h: bool) -> String {
    format!(
        "AIza{}",
        chars_from(
            rng,
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
            35
        )
    )
}

/// The DER of a key of the given shape: a real prefix (ASN.1 header, algorithm OID) and random
/// key material to the real length.
fn key_der(rng: &mut Rg<'_>, kind: u8) -> (&'static str, Vec<u8>, usize) {
    match kind {
        // EC P-256 (RFC 5915).
        0 => {
            let mut d = vec![0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20];
            d.extend(bytes(rng, 32));
            d.extend([
                0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0xa1, 0x44,
                0x03, 0x42, 0x00, 0x04,
            ]);
            d.extend(bytes(rng, 64));
            ("EC PRIVATE KEY", d, 64)
        }
        // OpenSSH ed25519 (PROTOCOL.key).
        1 => {
            let mut d = b"openssh-key-v1\0\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01\0\0\0\x33\0\0\0\x0bssh-ed25519\0\0\0\x20".to_vec();
            d.extend(bytes(rng, 32));
            d.extend(b"\0\0\0\x88");
            d.extend(bytes(rng, 136));
            ("OPENSSH PRIVATE KEY", d, 70)
        }
        // RSA 1024, PKCS#1 (RFC 8017 A.1.2).
        2 => {
            let mut d = vec![
                0x30, 0x82, 0x02, 0x5c, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00,
            ];
            let n = 608 - d.len();
            d.extend(bytes(rng, n));
            ("RSA PRIVATE KEY", d, 64)
        }
        // RSA 2048, PKCS#1.
        3 => {
            let mut d = vec![
                0x30, 0x82, 0x04, 0xa3, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00,
            ];
            let n = 1191 - d.len();
            d.extend(bytes(rng, n));
            ("RSA PRIVATE KEY", d, 64)
        }
        // RSA 2048, PKCS#8 (RFC 5208).
        _ => {
            let mut d = vec![
                0x30, 0x82, 0x04, 0xbd, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48,
                0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x04, 0x82, 0x04, 0xa7, 0x30, 0x82,
                0x04, 0xa3, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00,
            ];
            let n = 1217 - d.len();
            d.extend(bytes(rng, n));
            ("PRIVATE KEY", d, 64)
        }
    }
}

/// A PEM private key block. `multiline` gives real line breaks; otherwise the breaks are the
/// two characters `\n`, as keys appear inside JSON, `.env` files and log lines.
pub fn private_key(rng: &mut Rg<'_>, h: bool, multiline: bool) -> String {
    let kind = match int(rng, 0, 19) {
        0..=7 => 0,
        8..=12 => 1,
        13..=16 => 2,
        17 | 18 => 3,
        _ => 4,
    };
    let kind = if h && kind == 2 { 4 } else { kind };
    let (label, der, width) = key_der(rng, kind);
    let b64 = base64_std(&der);
    let sep = if multiline { "\n" } else { "\\n" };
    let mut out = format!("-----BEGIN {label}-----");
    for chunk in b64.as_bytes().chunks(width) {
        out.push_str(sep);
        out.push_str(&String::from_utf8_lossy(chunk));
    }
    out.push_str(sep);
    out.push_str(&format!("-----END {label}-----"));
    out
}

/// A JWT (RFC 7519): Base64url header, claims and a signature of the algorithm's size.
pub fn jwt(rng: &mut Rg<'_>, h: bool) -> String {
    let (header, sig_len) = match int(rng, 0, if h { 3 } else { 2 }) {
        0 => (r#"{"alg":"HS256","typ":"JWT"}"#.to_string(), 32),
        1 => (
            format!(r#"{{"alg":"RS256","typ":"JWT","kid":"{}"}}"#, hex(rng, 8)),
            256,
        ),
        2 => (r#"{"typ":"JWT","alg":"ES256"}"#.to_string(), 64),
        _ => (r#"{"alg":"HS512","typ":"JWT"}"#.to_string(), 64),
    };
    let iat = int(rng, 1_600_000_000, 1_760_000_000);
    let exp = iat + *crate::draw::pick(rng, &[900u64, 3600, 86_400]);
    let iss = pick_str(
        rng,
        &[
            "https://auth.acme.com",
            "https://login.contoso.io/",
            "accounts.globex.net",
            "api",
        ],
    );
    let payload = format!(
        r#"{{"sub":"{}","iss":"{iss}","aud":"{}","iat":{iat},"exp":{exp},"scope":"{}"}}"#,
        int(rng, 10_000, 99_999_999),
        pick_str(rng, &["api", "web", "mobile", "billing"]),
        pick_str(rng, &["read", "read write", "admin", "openid profile"])
    );
    format!(
        "{}.{}.{}",
        base64_url(header.as_bytes()),
        base64_url(payload.as_bytes()),
        base64_url(&bytes(rng, sig_len))
    )
}

const WORDS: &[&str] = &[
    "Summer",
    "Winter",
    "Dragon",
    "Monkey",
    "Sunshine",
    "Welcome",
    "Football",
    "Princess",
    "Shadow",
    "Master",
    "Qwerty",
    "Letmein",
    "Admin",
    "Trustno",
    "Berlin",
    "Paris",
    "Troub",
    "hunter",
    "Spring",
    "Liverpool",
];
const HOLDOUT_WORDS: &[&str] = &[
    "Sommer",
    "Geheim",
    "Contrasena",
    "Motdepasse",
    "Fruehling",
    "Kalimera",
    "Sakura",
    "Istanbul",
    "Wachtwoord",
    "Haslo",
    "Salasana",
    "Lösenord",
];

fn leet(s: &str, rng: &mut Rg<'_>) -> String {
    s.chars()
        .map(|c| match c {
            'a' if chance(rng, 0.5) => '@',
            'o' if chance(rng, 0.5) => '0',
            'e' if chance(rng, 0.4) => '3',
            's' if chance(rng, 0.3) => '$',
            'i' if chance(rng, 0.3) => '1',
            _ => c,
        })
        .collect()
}

/// A password as a user sets it: a word with digits and a symbol, leetspeak, a passphrase,
/// or a random generated string.
pub fn password(rng: &mut Rg<'_>, h: bool) -> String {
    let words = if h && chance(rng, 0.7) {
        HOLDOUT_WORDS
    } else {
        WORDS
    };
    match int(rng, 0, 5) {
        0 => format!(
            "{}{}{}",
            pick_str(rng, words),
            int(rng, 1, 2025),
            pick_str(rng, &["!", "#", "$", "?", "*", "&", ""])
        ),
        1 => {
            let w = leet(pick_str(rng, words), rng);
            format!(
                "{w}{}{}",
                pick_str(rng, &["&", "!", "%", "_"]),
                int(rng, 1, 99)
            )
        }
        2 => {
            let parts: Vec<String> = (0..4)
                .map(|_| {
                    pick_str(
                        rng,
                        &[
                            "correct", "horse", "battery", "staple", "blue", "river", "coffee",
                            "orbit", "lemon", "tiger",
                        ],
                    )
                    .to_string()
                })
                .collect();
            parts.join(pick_str(rng, &["-", "_", ".", ""]))
        }
        3 => format!("P@ssw0rd{}", int(rng, 1, 2025)),
        _ => {
            let n = int(rng, 8, 16) as usize;
            chars_from(
                rng,
                b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+=?@^",
                n,
            )
        }
    }
}

/// A password that can sit inside a URL's userinfo without escaping.
pub(crate) fn password_in_url(rng: &mut Rg<'_>) -> String {
    match int(rng, 0, 2) {
        0 => format!(
            "{}{}!",
            pick_str(rng, &["S3cr3t", "pa55", "Welc0me", "Ch@ngeMe"]).replace('@', "a"),
            chars_from(rng, ALNUM, 3)
        ),
        1 => {
            let n = int(rng, 10, 24) as usize;
            chars_from(rng, ALNUM, n)
        }
        _ => format!(
            "{}-{}",
            chars_from(rng, ALNUM, 6),
            chars_from(rng, b"abcdefghijklmnopqrstuvwxyz0123456789_.~", 8)
        ),
    }
}
