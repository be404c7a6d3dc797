//! Cryptocurrency wallet addresses: Bitcoin Base58Check (P2PKH, P2SH), Bitcoin segwit
//! bech32/bech32m (BIP 173, BIP 350) and Ethereum (EIP-55 mixed-case checksum).
//!
//! Checksums are verified in full, so random base58 or hex strings do not pass. Never panics,
//! never keeps or prints the address.

use sha3::{Digest, Keccak256};

/// Bitcoin mainnet Base58Check address: `1...` (P2PKH, version 0x00) or `3...` (P2SH,
/// version 0x05), 25 bytes decoded, double-SHA-256 checksum.
pub fn bitcoin_base58(s: &str) -> bool {
    let s = s.trim();
    if !(26..=35).contains(&s.len()) || !(s.starts_with('1') || s.starts_with('3')) {
        return false;
    }
    match bs58::decode(s).with_check(None).into_vec() {
        // into_vec keeps the version byte and drops the 4 checksum bytes: 25 - 4 = 21.
        Ok(payload) => payload.len() == 21 && matches!(payload[0], 0x00 | 0x05),
        Err(_) => false,
    }
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    values.fold(1u32, |chk, v| {
        let top = chk >> 25;
        let mut chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
        chk
    })
}

/// Regroups 5-bit values into bytes as segwit requires: at most 4 bits of zero padding.
fn five_to_eight(data: &[u8]) -> Option<Vec<u8>> {
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut out = Vec::with_capacity(data.len() * 5 / 8);
    for &v in data {
        acc = ((acc << 5) | u32::from(v)) & 0xfff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if bits >= 5 || (acc << (8 - bits)) & 0xff != 0 {
        return None;
    }
    Some(out)
}

/// Bitcoin mainnet segwit address (`bc1...`, all lower or all upper case): valid bech32
/// checksum for witness version 0 with a 20- or 32-byte program, bech32m for versions 1–16
/// with a 2–40-byte program (BIP 173, BIP 350).
pub fn bitcoin_segwit(s: &str) -> bool {
    let s = s.trim();
    if !(14..=90).contains(&s.len()) || !s.is_ascii() {
        return false;
    }
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let Some((hrp, data)) = lower.rsplit_once('1') else {
        return false;
    };
    if hrp != "bc" || data.len() < 7 {
        return false;
    }
    let mut values = Vec::with_capacity(data.len());
    for b in data.bytes() {
        match BECH32_CHARSET.iter().position(|&c| c == b) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    let hrp_bytes = hrp.as_bytes();
    let expanded = hrp_bytes
        .iter()
        .map(|b| b >> 5)
        .chain(std::iter::once(0))
        .chain(hrp_bytes.iter().map(|b| b & 31))
        .chain(values.iter().copied());
    let residue = bech32_polymod(expanded);
    let version = values[0];
    let expected = match version {
        0 => BECH32_CONST,
        1..=16 => BECH32M_CONST,
        _ => return false,
    };
    if residue != expected {
        return false;
    }
    let Some(program) = five_to_eight(&values[1..values.len() - 6]) else {
        return false;
    };
    match version {
        0 => matches!(program.len(), 20 | 32),
        _ => (2..=40).contains(&program.len()),
    }
}

/// Ethereum address: `0x` + 40 hex digits, not all zeros. All-lower or all-upper case hex is
/// accepted as is; mixed case must match the EIP-55 checksum (Keccak-256 of the lower-case
/// hex).
pub fn ethereum_address(s: &str) -> bool {
    let s = s.trim();
    let Some(hex) = s.strip_prefix("0x") else {
        return false;
    };
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    if hex.bytes().all(|b| b == b'0') {
        return false;
    }
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    if !(has_lower && has_upper) {
        return true;
    }
    let lower = hex.to_ascii_lowercase();
    let hash = Keccak256::digest(lower.as_bytes());
    hex.bytes().enumerate().all(|(i, b)| {
        if b.is_ascii_digit() {
            return true;
        }
        let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
        b.is_ascii_uppercase() == (nibble >= 8)
    })
}

/// Any supported wallet address: Bitcoin Base58Check, Bitcoin segwit or Ethereum.
pub fn crypto_wallet(s: &str) -> bool {
    bitcoin_base58(s) || bitcoin_segwit(s) || ethereum_address(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_vectors() {
        for ok in [
            "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        ] {
            assert!(bitcoin_base58(ok), "{ok}");
            assert!(crypto_wallet(ok), "{ok}");
        }
        for bad in [
            "1BoatSLRHtKNngkdXEeobR76b53LETtpyU", // last char changed
            "1BoatSLRHtKNngkdXEeobR76b53LETtyTp", // transposed
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
            "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", // testnet
            "1BoatSLRHtKNngkdXEeobR76b53LETtpy0", // 0 is not base58
            "",
        ] {
            assert!(!bitcoin_base58(bad), "{bad}");
        }
        // Correct checksum and version, wrong payload length.
        let mut long = vec![0x00u8];
        long.extend([7u8; 21]);
        let long = bs58::encode(long).with_check().into_string();
        assert!(long.starts_with('1'));
        assert!(!bitcoin_base58(&long));
        // Correct checksum and length, other version (0x30, Litecoin P2PKH).
        let mut ltc = vec![0x30u8];
        ltc.extend([7u8; 20]);
        assert!(!bitcoin_base58(
            &bs58::encode(ltc).with_check().into_string()
        ));
        let mut p2sh = vec![0x05u8];
        p2sh.extend([7u8; 20]);
        assert!(bitcoin_base58(
            &bs58::encode(p2sh).with_check().into_string()
        ));
    }

    #[test]
    fn segwit_vectors() {
        // BIP 173 / BIP 350 mainnet valid addresses.
        for ok in [
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
            "BC1SW50QGDZ25J",
            "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        ] {
            assert!(bitcoin_segwit(ok), "{ok}");
            assert!(crypto_wallet(ok), "{ok}");
        }
        // BIP 173 / BIP 350 invalid addresses.
        for bad in [
            "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
            "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
            "bc1rw5uspcuh",
            "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
            "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
            "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
            "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
            "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
            "bc1pw5dgrnzv",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
            "bc1gmk9yu",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", // testnet
            "bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",                     // mixed case
        ] {
            assert!(!bitcoin_segwit(bad), "{bad}");
        }
    }

    #[test]
    fn ethereum_vectors() {
        // EIP-55 test vectors.
        for ok in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            "0x52908400098527886E0F7030069857D2E4169EE7", // all caps
            "0xde709f2102306220921060314715629080e2fb77", // all lower
        ] {
            assert!(ethereum_address(ok), "{ok}");
            assert!(crypto_wallet(ok), "{ok}");
        }
        for bad in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", // one letter's case flipped
            "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", // 39 hex
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd",
            "0x0000000000000000000000000000000000000000",
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // no 0x
            "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
        ] {
            assert!(!ethereum_address(bad), "{bad}");
            assert!(!crypto_wallet(bad), "{bad}");
        }
    }

    #[test]
    fn hashes_and_uuids_are_not_wallets() {
        for s in [
            "d41d8cd98f00b204e9800998ecf8427e",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "550e8400-e29b-41d4-a716-446655440000",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ] {
            assert!(!crypto_wallet(s), "{s}");
        }
    }
}
