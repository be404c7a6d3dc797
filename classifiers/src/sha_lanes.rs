//! HMAC-SHA-256 of sixteen one-block messages at once, for fingerprints.
//!
//! One SHA-256 is a chain of 64 dependent rounds, so a CPU's SHA unit waits on itself: a
//! fingerprint (two compressions) cost ~100 ns, and a field scan spent a quarter of its time
//! there. Sixteen independent messages have no such chain. Here, each of SHA-256's words is
//! a `[u32; 16]`, one lane per message, and every round is the same operation on all sixteen.
//!
//! The code is plain Rust over arrays. `multiversion` compiles it a second time for AVX-512,
//! where the compiler turns each lane loop into one 512-bit instruction (rotates and
//! three-input logic included), and picks that copy at run time when the CPU has it.
//! Without AVX-512 the lanes are slower than one SHA-256 at a time on the CPU's SHA unit,
//! so [`worthwhile`] says when to use them.
//!
//! Tested against the `sha2` crate's compression here, and through the fingerprint tests
//! against the `hmac` crate.

/// Messages hashed at once.
pub(crate) const LANES: usize = 16;

/// One SHA-256 word of each lane's message.
pub(crate) type Lanes = [u32; LANES];

/// A one-block message per lane: word `j` of lane `l` is `words[j][l]`, big-endian as
/// SHA-256 reads it.
pub(crate) type Words = [Lanes; 16];

/// SHA-256's round constants (FIPS 180-4, 4.2.2).
const K: [u32; 64] = [
    0x428a_2f98,
    0x7137_4491,
    0xb5c0_fbcf,
    0xe9b5_dba5,
    0x3956_c25b,
    0x59f1_11f1,
    0x923f_82a4,
    0xab1c_5ed5,
    0xd807_aa98,
    0x1283_5b01,
    0x2431_85be,
    0x550c_7dc3,
    0x72be_5d74,
    0x80de_b1fe,
    0x9bdc_06a7,
    0xc19b_f174,
    0xe49b_69c1,
    0xefbe_4786,
    0x0fc1_9dc6,
    0x240c_a1cc,
    0x2de9_2c6f,
    0x4a74_84aa,
    0x5cb0_a9dc,
    0x76f9_88da,
    0x983e_5152,
    0xa831_c66d,
    0xb003_27c8,
    0xbf59_7fc7,
    0xc6e0_0bf3,
    0xd5a7_9147,
    0x06ca_6351,
    0x1429_2967,
    0x27b7_0a85,
    0x2e1b_2138,
    0x4d2c_6dfc,
    0x5338_0d13,
    0x650a_7354,
    0x766a_0abb,
    0x81c2_c92e,
    0x9272_2c85,
    0xa2bf_e8a1,
    0xa81a_664b,
    0xc24b_8b70,
    0xc76c_51a3,
    0xd192_e819,
    0xd699_0624,
    0xf40e_3585,
    0x106a_a070,
    0x19a4_c116,
    0x1e37_6c08,
    0x2748_774c,
    0x34b0_bcb5,
    0x391c_0cb3,
    0x4ed8_aa4a,
    0x5b9c_ca4f,
    0x682e_6ff3,
    0x748f_82ee,
    0x78a5_636f,
    0x84c8_7814,
    0x8cc7_0208,
    0x90be_fffa,
    0xa450_6ceb,
    0xbef9_a3f7,
    0xc671_78f2,
];

/// Whether the lanes beat one SHA-256 at a time on this CPU: only with AVX-512, whose
/// 512-bit registers hold all sixteen lanes and rotate them in one instruction. And only
/// from Ice Lake and Zen 4 on (told by VBMI2, which they brought): the first AVX-512 cores
/// (Skylake-SP, Cascade Lake) lower the clock of a core that runs 512-bit instructions for
/// milliseconds after, which would slow the whole scan more than the lanes speed it.
pub(crate) fn worthwhile() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512vl")
            && std::is_x86_feature_detected!("avx512vbmi2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The first 8 bytes of HMAC-SHA-256 for each lane's message, big-endian: `inner` and
/// `outer` are the SHA-256 states after the key's inner and outer blocks, and `words` holds
/// each message already padded to one block (the key's block counted in its length).
#[multiversion::multiversion(targets("x86_64+avx512f+avx512vl"))]
pub(crate) fn hmac(inner: &[u32; 8], outer: &[u32; 8], words: &Words) -> [u64; LANES] {
    let mut state: [Lanes; 8] = std::array::from_fn(|j| [inner[j]; LANES]);
    compress(&mut state, words);
    // The outer message is the inner digest: one block of eight words, then padding.
    let mut digest: Words = [[0; LANES]; 16];
    digest[..8].copy_from_slice(&state);
    digest[8] = [0x8000_0000; LANES];
    digest[15] = [(64 + 32) * 8; LANES];
    let mut mac: [Lanes; 8] = std::array::from_fn(|j| [outer[j]; LANES]);
    compress(&mut mac, &digest);
    std::array::from_fn(|l| (u64::from(mac[0][l]) << 32) | u64::from(mac[1][l]))
}

/// SHA-256's compression function (FIPS 180-4, 6.2.2), lane by lane. Every loop runs over
/// the lanes, so each one is a vector instruction; the rounds are unrolled eight at a time,
/// renaming `a..h` instead of moving them.
#[inline(always)]
fn compress(state: &mut [Lanes; 8], block: &Words) {
    let mut w = [[0u32; LANES]; 64];
    w[..16].copy_from_slice(block);
    for t in 16..64 {
        let (w15, w2, w7, w16) = (w[t - 15], w[t - 2], w[t - 7], w[t - 16]);
        for l in 0..LANES {
            let s0 = w15[l].rotate_right(7) ^ w15[l].rotate_right(18) ^ (w15[l] >> 3);
            let s1 = w2[l].rotate_right(17) ^ w2[l].rotate_right(19) ^ (w2[l] >> 10);
            w[t][l] = w16[l].wrapping_add(s0).wrapping_add(w7[l]).wrapping_add(s1);
        }
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for t in (0..64).step_by(8) {
        round([&a, &b, &c], &mut d, [&e, &f, &g], &mut h, K[t], &w[t]);
        round(
            [&h, &a, &b],
            &mut c,
            [&d, &e, &f],
            &mut g,
            K[t + 1],
            &w[t + 1],
        );
        round(
            [&g, &h, &a],
            &mut b,
            [&c, &d, &e],
            &mut f,
            K[t + 2],
            &w[t + 2],
        );
        round(
            [&f, &g, &h],
            &mut a,
            [&b, &c, &d],
            &mut e,
            K[t + 3],
            &w[t + 3],
        );
        round(
            [&e, &f, &g],
            &mut h,
            [&a, &b, &c],
            &mut d,
            K[t + 4],
            &w[t + 4],
        );
        round(
            [&d, &e, &f],
            &mut g,
            [&h, &a, &b],
            &mut c,
            K[t + 5],
            &w[t + 5],
        );
        round(
            [&c, &d, &e],
            &mut f,
            [&g, &h, &a],
            &mut b,
            K[t + 6],
            &w[t + 6],
        );
        round(
            [&b, &c, &d],
            &mut e,
            [&f, &g, &h],
            &mut a,
            K[t + 7],
            &w[t + 7],
        );
    }
    // Word by word: a loop over an array of the eight made the compiler gather and scatter.
    add(&mut state[0], &a);
    add(&mut state[1], &b);
    add(&mut state[2], &c);
    add(&mut state[3], &d);
    add(&mut state[4], &e);
    add(&mut state[5], &f);
    add(&mut state[6], &g);
    add(&mut state[7], &h);
}

#[inline(always)]
fn add(to: &mut Lanes, what: &Lanes) {
    for l in 0..LANES {
        to[l] = to[l].wrapping_add(what[l]);
    }
}

/// One round: `d += T1`, `h = T1 + T2`. The caller renames the words for the next.
#[inline(always)]
fn round(
    [a, b, c]: [&Lanes; 3],
    d: &mut Lanes,
    [e, f, g]: [&Lanes; 3],
    h: &mut Lanes,
    k: u32,
    w: &Lanes,
) {
    for l in 0..LANES {
        let s1 = e[l].rotate_right(6) ^ e[l].rotate_right(11) ^ e[l].rotate_right(25);
        let ch = g[l] ^ (e[l] & (f[l] ^ g[l]));
        let t1 = h[l]
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(k)
            .wrapping_add(w[l]);
        let s0 = a[l].rotate_right(2) ^ a[l].rotate_right(13) ^ a[l].rotate_right(22);
        let maj = (a[l] & b[l]) | (c[l] & (a[l] | b[l]));
        d[l] = d[l].wrapping_add(t1);
        h[l] = t1.wrapping_add(s0).wrapping_add(maj);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::digest::generic_array::GenericArray;

    fn one_at_a_time(state: &[u32; 8], block: &[u8; 64]) -> [u32; 8] {
        let mut state = *state;
        sha2::compress256(&mut state, &[*GenericArray::from_slice(block)]);
        state
    }

    #[test]
    fn lanes_compute_the_same_hmac_as_one_message_at_a_time() {
        // Sixteen different messages per call, random bytes in every word and the lanes'
        // states unrelated, so a lane that read another's word or a word in the wrong
        // order would show.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..64 {
            let inner: [u32; 8] = std::array::from_fn(|_| next() as u32);
            let outer: [u32; 8] = std::array::from_fn(|_| next() as u32);
            let blocks: [[u8; 64]; LANES] =
                std::array::from_fn(|_| std::array::from_fn(|_| next() as u8));
            let words: Words = std::array::from_fn(|j| {
                std::array::from_fn(|l| {
                    u32::from_be_bytes(std::array::from_fn(|i| blocks[l][4 * j + i]))
                })
            });
            let macs = hmac(&inner, &outer, &words);
            for (l, block) in blocks.iter().enumerate() {
                let digest = one_at_a_time(&inner, block);
                let mut second = [0u8; 64];
                for (to, word) in second.chunks_exact_mut(4).zip(digest) {
                    to.copy_from_slice(&word.to_be_bytes());
                }
                second[32] = 0x80;
                second[62..].copy_from_slice(&768u16.to_be_bytes());
                let mac = one_at_a_time(&outer, &second);
                assert_eq!(
                    macs[l],
                    (u64::from(mac[0]) << 32) | u64::from(mac[1]),
                    "lane {l}"
                );
            }
        }
    }
}
