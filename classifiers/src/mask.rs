//! Masking of matched values for display: enough shape for a person to recognise the kind of
//! value (`j***@e*****.com`, `***-**-6789`, `****-****-****-4242`), never enough to recover it.
//! Secrets show only their well-known prefix.

/// The masked form of `value`, which was found as class `class_id`.
pub fn mask(class_id: &str, value: &str) -> String {
    let value = value.trim();
    match class_id {
        "EMAIL" => mask_email(value),
        "CREDIT_CARD" => mask_card(value),
        "US_SSN" | "US_ITIN" => keep_last_digits(value, 4),
        "PERSON_NAME" | "FIRST_NAME" | "LAST_NAME" | "STREET_ADDRESS" => mask_words(value),
        "DATE_OF_BIRTH" => mask_date(value),
        "IP_ADDRESS" => mask_ip(value),
        "MAC_ADDRESS" => keep_first_alnum(value, 6),
        "GPS_COORDINATES" => mask_gps(value),
        "IBAN" => keep_first_and_last(value, 2, 4),
        "PASSWORD" => "********".to_string(),
        "PRIVATE_KEY" => mask_private_key(value),
        "URL_WITH_CREDENTIALS" => mask_url(value),
        "AWS_ACCESS_KEY_ID"
        | "GITHUB_TOKEN"
        | "SLACK_TOKEN"
        | "STRIPE_KEY"
        | "GOOGLE_API_KEY"
        | "AWS_SECRET_ACCESS_KEY"
        | "JWT"
        | "CRYPTO_WALLET" => mask_secret(value),
        "POSTAL_CODE" | "SWIFT_BIC" => keep_first_alnum(value, 2),
        _ => keep_last_alnum(value),
    }
}

fn stars(n: usize) -> String {
    "*".repeat(n.max(1))
}

fn mask_email(v: &str) -> String {
    let Some((local, domain)) = v.rsplit_once('@') else {
        return keep_last_alnum(v);
    };
    let first = local.chars().next().map(String::from).unwrap_or_default();
    let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
    let host_first = host.chars().next().map(String::from).unwrap_or_default();
    let host_rest = host.chars().count().saturating_sub(1);
    let masked_host = format!("{host_first}{}", stars(host_rest));
    if tld.is_empty() {
        format!("{first}***@{masked_host}")
    } else {
        format!("{first}***@{masked_host}.{tld}")
    }
}

fn mask_card(v: &str) -> String {
    let digits: Vec<char> = v.chars().filter(char::is_ascii_digit).collect();
    let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    let hidden = digits.len().saturating_sub(4);
    let mut groups: Vec<String> = Vec::new();
    let mut left = hidden;
    while left > 0 {
        let n = left.min(4);
        groups.push("*".repeat(n));
        left -= n;
    }
    groups.push(last);
    groups.join("-")
}

/// Replaces every digit but the last `keep` with `*`, keeping separators.
fn keep_last_digits(v: &str, keep: usize) -> String {
    let total = v.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    v.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > total.saturating_sub(keep) {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// Keeps the last few alphanumerics (4 of long values, 2 of medium, none of short ones).
fn keep_last_alnum(v: &str) -> String {
    let total = v.chars().filter(|c| c.is_alphanumeric()).count();
    let keep = match total {
        0..=5 => 0,
        6..=9 => 2,
        _ => 4,
    };
    let mut seen = 0;
    v.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen > total - keep { c } else { '*' }
            } else {
                c
            }
        })
        .collect()
}

fn keep_first_alnum(v: &str, keep: usize) -> String {
    let mut seen = 0;
    v.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen <= keep { c } else { '*' }
            } else {
                c
            }
        })
        .collect()
}

fn keep_first_and_last(v: &str, first: usize, last: usize) -> String {
    let total = v.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    v.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen <= first || seen > total.saturating_sub(last) {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

fn mask_words(v: &str) -> String {
    v.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => format!("{c}{}", stars(cs.filter(|c| c.is_alphanumeric()).count())),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn mask_date(v: &str) -> String {
    // Keep the century only: enough to see it is a birth date, not enough to narrow it down.
    let mut digits_seen = 0;
    let starts_with_year = v.chars().take(4).all(|c| c.is_ascii_digit());
    v.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                digits_seen += 1;
                if starts_with_year && digits_seen <= 2 {
                    c
                } else {
                    '*'
                }
            } else if c.is_alphabetic() {
                '*'
            } else {
                c
            }
        })
        .collect()
}

fn mask_ip(v: &str) -> String {
    if v.contains(':') {
        let groups: Vec<&str> = v.split(':').collect();
        let kept = groups.iter().take(2).copied().collect::<Vec<_>>().join(":");
        format!("{kept}:****:****")
    } else {
        match v.rsplit_once('.') {
            Some((head, _)) => match head.rsplit_once('.') {
                Some((net, _)) => format!("{net}.***.***"),
                None => format!("{head}.***"),
            },
            None => stars(v.len()),
        }
    }
}

fn mask_gps(v: &str) -> String {
    // Keep one decimal (~11 km): the region, not the house.
    let mut out = String::new();
    let mut decimals: Option<usize> = None;
    for c in v.chars() {
        match (c, decimals) {
            ('.', _) => {
                decimals = Some(0);
                out.push(c);
            }
            (d, Some(n)) if d.is_ascii_digit() => {
                out.push(if n < 1 { d } else { '*' });
                decimals = Some(n + 1);
            }
            (other, _) => {
                if !other.is_ascii_digit() {
                    decimals = None;
                }
                out.push(other);
            }
        }
    }
    out
}

fn mask_private_key(v: &str) -> String {
    let header = v.lines().next().unwrap_or("").trim();
    if header.starts_with("-----BEGIN") {
        let end = header
            .find("KEY-----")
            .map(|i| i + "KEY-----".len())
            .unwrap_or(header.len());
        format!("{}…", &header[..end])
    } else {
        "-----BEGIN PRIVATE KEY-----…".to_string()
    }
}

fn mask_url(v: &str) -> String {
    let Some((scheme, rest)) = v.split_once("://") else {
        return keep_last_alnum(v);
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return format!("{scheme}://{rest}");
    };
    let user = userinfo.split(':').next().unwrap_or("");
    let user_first = user.chars().next().map(String::from).unwrap_or_default();
    format!(
        "{scheme}://{user_first}{}:****@{host}",
        stars(user.chars().count().saturating_sub(1))
    )
}

/// Secrets keep only a well-known prefix (`AKIA`, `ghp_`, `sk_live_`, `eyJ`) and their length.
fn mask_secret(v: &str) -> String {
    const PREFIXES: [&str; 16] = [
        "sk_live_",
        "rk_live_",
        "pk_live_",
        "sk_test_",
        "github_pat_",
        "ghp_",
        "gho_",
        "ghs_",
        "ghu_",
        "xoxb-",
        "xoxp-",
        "xoxa-",
        "AKIA",
        "ASIA",
        "AIza",
        "eyJ",
    ];
    let prefix = PREFIXES
        .iter()
        .find(|p| v.starts_with(*p))
        .copied()
        .or_else(|| v.strip_prefix("0x").map(|_| "0x"))
        .unwrap_or("");
    let rest = v.chars().count().saturating_sub(prefix.chars().count());
    format!("{prefix}{}", "*".repeat(rest.clamp(4, 12)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_look_like_the_documented_examples() {
        assert_eq!(mask("EMAIL", "jane@example.com"), "j***@e******.com");
        assert_eq!(mask("US_SSN", "123-45-6789"), "***-**-6789");
        assert_eq!(
            mask("CREDIT_CARD", "4242 4242 4242 4242"),
            "****-****-****-4242"
        );
        assert_eq!(mask("PERSON_NAME", "Jane Doe"), "J*** D**");
        assert_eq!(mask("IP_ADDRESS", "203.0.113.7"), "203.0.***.***");
        assert_eq!(mask("PASSWORD", "hunter2"), "********");
        assert_eq!(
            mask("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            "AKIA************"
        );
        assert_eq!(mask("DATE_OF_BIRTH", "1985-03-12"), "19**-**-**");
        assert_eq!(
            mask("IBAN", "DE89 3704 0044 0532 0130 00"),
            "DE** **** **** **** **30 00"
        );
        assert_eq!(
            mask("URL_WITH_CREDENTIALS", "postgres://app:S3cret@db:5432/prod"),
            "postgres://a**:****@db:5432/prod"
        );
        assert_eq!(
            mask("GPS_COORDINATES", "48.85837, 2.29448"),
            "48.8****, 2.2****"
        );
    }

    #[test]
    fn masks_never_contain_the_whole_value() {
        let samples = [
            ("UK_NINO", "AB123456C"),
            ("PHONE_NUMBER", "+44 20 7946 0958"),
            ("IN_AADHAAR", "2345 6789 0124"),
            ("JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc"),
            (
                "PRIVATE_KEY",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
            ),
            ("STREET_ADDRESS", "12 rue de la Paix"),
            ("ES_DNI", "12345678Z"),
            ("EMAIL", "x@y.io"),
        ];
        for (class, v) in samples {
            let m = mask(class, v);
            assert_ne!(m, v, "{class}");
            assert!(!m.contains(v), "{class}: {m}");
        }
    }
}
