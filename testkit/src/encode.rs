//! Encodings used to build realistic secrets and wallet addresses: Base64 (standard and
//! URL-safe), Base58 and Base58Check, Bech32/Bech32m, EIP-55 mixed-case checksums, CRC-32 and
//! Base62. Implemented here from the specifications so the testkit stays independent of the
//! engine; this module only encodes and verifies, it never generates randomness.

use sha2::{Digest, Sha256};
use sha3::Keccak256;

const B64_STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64_with(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let emit = chunk.len() + 1;
        for i in 0..4 {
            if i < emit {
                out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// RFC 4648 §4 Base64 with padding.
pub fn base64_std(data: &[u8]) -> String {
    base64_with(data, B64_STD, true)
}

/// RFC 4648 §5 Base64url without padding (as used by JWT, RFC 7515 §2).
pub fn base64_url(data: &[u8]) -> String {
    base64_with(data, B64_URL, false)
}

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Bitcoin Base58 (leading zero bytes become '1').
pub fn base58(data: &[u8]) -> String {
    let zeros = data.iter().take_while(|&&b| b == 0).count();
    // Big-number division by 58, digits little-endian.
    let mut digits: Vec<u8> = Vec::with_capacity(data.len() * 138 / 100 + 1);
    for &byte in &data[zeros..] {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(zeros + digits.len());
    out.extend(std::iter::repeat_n('1', zeros));
    out.extend(digits.iter().rev().map(|&d| char::from(B58[d as usize])));
    out
}

/// Decode Bitcoin Base58; `None` on a character outside the alphabet.
pub fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut bytes: Vec<u8> = Vec::new(); // little-endian
    for c in s.bytes().skip(zeros) {
        let mut carry = B58.iter().position(|&a| a == c)? as u32;
        for b in bytes.iter_mut() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}

fn double_sha256(data: &[u8]) -> [u8; 32] {
    let first = Sha256::digest(data);
    Sha256::digest(first).into()
}

/// Base58Check: payload followed by the first 4 bytes of SHA-256(SHA-256(payload)).
pub fn base58check(payload: &[u8]) -> String {
    let mut full = payload.to_vec();
    full.extend_from_slice(&double_sha256(payload)[..4]);
    base58(&full)
}

/// The payload of a Base58Check string whose checksum is right, else `None`.
pub fn base58check_decode(s: &str) -> Option<Vec<u8>> {
    let full = base58_decode(s)?;
    if full.len() < 5 {
        return None;
    }
    let (payload, sum) = full.split_at(full.len() - 4);
    (double_sha256(payload)[..4] == *sum).then(|| payload.to_vec())
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
/// BIP-173 checksum constant.
pub const BECH32_CONST: u32 = 1;
/// BIP-350 checksum constant.
pub const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.bytes().map(|c| c >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|c| c & 31));
    v
}

/// Regroup bits (BIP-173 `convertbits` with padding).
fn convert_bits(data: &[u8], from: u32, to: u32) -> Vec<u8> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let maxv = (1u32 << to) - 1;
    let mut out = Vec::new();
    for &b in data {
        acc = (acc << from) | u32::from(b);
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & maxv) as u8);
        }
    }
    if bits > 0 {
        out.push(((acc << (to - bits)) & maxv) as u8);
    }
    out
}

/// A segwit address (BIP-173 for version 0, BIP-350 Bech32m for version ≥ 1).
pub fn segwit_address(hrp: &str, version: u8, program: &[u8]) -> String {
    let mut data = vec![version];
    data.extend(convert_bits(program, 8, 5));
    let constant = if version == 0 {
        BECH32_CONST
    } else {
        BECH32M_CONST
    };
    let mut values = hrp_expand(hrp);
    values.extend(&data);
    values.extend([0u8; 6]);
    let pm = bech32_polymod(&values) ^ constant;
    let mut out = String::from(hrp);
    out.push('1');
    for &d in &data {
        out.push(char::from(BECH32_CHARSET[d as usize]));
    }
    for i in 0..6 {
        out.push(char::from(
            BECH32_CHARSET[((pm >> (5 * (5 - i))) & 31) as usize],
        ));
    }
    out
}

/// True when a segwit address has a correct Bech32 (v0) or Bech32m (v1+) checksum.
pub fn segwit_valid(addr: &str) -> bool {
    let lower = addr.to_ascii_lowercase();
    let Some(sep) = lower.rfind('1') else {
        return false;
    };
    let (hrp, rest) = lower.split_at(sep);
    let rest = &rest[1..];
    if hrp.is_empty() || rest.len() < 7 {
        return false;
    }
    let mut data = Vec::with_capacity(rest.len());
    for c in rest.bytes() {
        match BECH32_CHARSET.iter().position(|&a| a == c) {
            Some(p) => data.push(p as u8),
            None => return false,
        }
    }
    let mut values = hrp_expand(hrp);
    values.extend(&data);
    let pm = bech32_polymod(&values);
    match data[0] {
        0 => pm == BECH32_CONST,
        1..=16 => pm == BECH32M_CONST,
        _ => false,
    }
}

/// EIP-55 mixed-case checksum of a 40-hex-digit address (without `0x`).
pub fn eip55(hex_lower: &str) -> String {
    let lower = hex_lower.to_ascii_lowercase();
    let hash = Keccak256::digest(lower.as_bytes());
    lower
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
            if c.is_ascii_alphabetic() && nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib computes it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xffff_ffff;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

const B62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Base62 of `n`, left-padded with '0' to `width`.
pub fn base62(mut n: u64, width: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        out.push(B62[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.iter().rev().map(|&c| char::from(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        assert_eq!(base64_std(b""), "");
        assert_eq!(base64_std(b"f"), "Zg==");
        assert_eq!(base64_std(b"foob"), "Zm9vYg==");
        assert_eq!(base64_std(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_url(b"\xfb\xff"), "-_8");
        assert_eq!(
            base64_url(br#"{"alg":"HS256","typ":"JWT"}"#),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        );
    }

    #[test]
    fn base58check_round_trips_the_genesis_address() {
        // The genesis coinbase address 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.
        let payload = base58check_decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa").unwrap();
        assert_eq!(payload[0], 0);
        assert_eq!(base58check(&payload), "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
        assert!(base58check_decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb").is_none());
    }

    #[test]
    fn segwit_matches_bip173_and_bip350_vectors() {
        let program = [
            0x75, 0x1e, 0x76, 0xe8, 0x19, 0x91, 0x96, 0xd4, 0x54, 0x94, 0x1c, 0x45, 0xd1, 0xb3,
            0xa3, 0x23, 0xf1, 0x43, 0x3b, 0xd6,
        ];
        assert_eq!(
            segwit_address("bc", 0, &program),
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
        );
        assert!(segwit_valid("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"));
        assert!(!segwit_valid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"));
        assert!(segwit_valid(
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
        ));
    }

    #[test]
    fn eip55_matches_the_spec_examples() {
        assert_eq!(
            eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        );
        assert_eq!(
            eip55("fb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
            "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
        );
    }

    #[test]
    fn crc32_and_base62_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(base62(61, 3), "00z");
        assert_eq!(base62(62, 1), "10");
    }
}
