//! Dictionaries of given and family names shipped with the crate (see `data/README.md` for
//! their source and licence), and the stoplist of ordinary words that are also names.

use crate::hints::{
    fold_char, fold_word, has_white_space, is_ascii_white_space, may_start_white_space,
};
use rustc_hash::FxHasher;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

const GIVEN: &str = include_str!("../data/given_names.txt");
const FAMILY: &str = include_str!("../data/family_names.txt");
const STOP: &str = include_str!("../data/name_stopwords.txt");

/// What a folded word is: a given name, a family name, an ordinary word (bit set).
type Kinds = u8;
const GIVEN_NAME: Kinds = 1;
const FAMILY_NAME: Kinds = 2;
const ORDINARY: Kinds = 4;

/// Case-insensitive name dictionaries: one table from the folded word to what it is, so a
/// word is folded and looked up once however many questions are asked about it.
#[derive(Clone, Debug)]
pub(crate) struct NameDictionaries {
    words: WordTable,
    given: usize,
    family: usize,
}

fn load(
    text: &str,
    kind: Kinds,
    into: &mut HashMap<Box<[u8]>, Kinds, BuildHasherDefault<FxHasher>>,
) -> usize {
    let mut buf = String::new();
    let mut count = 0;
    for l in text.lines().map(str::trim) {
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        fold_word(l, &mut buf);
        let kinds = into.entry(buf.as_bytes().into()).or_insert(0);
        count += usize::from(*kinds & kind == 0);
        *kinds |= kind;
    }
    count
}

/// Folded words of up to this many bytes (all but a few dozen) live in [`WordTable`]'s slots.
const SHORT: usize = 15;

/// The folded words and their kinds, keyed by the folded word's bytes (a word folded on the
/// stack needs no UTF-8 check). A name column looks up two or three words per value, and a
/// general-purpose map of boxed keys costs three cache misses a lookup (control bytes,
/// slot, key); here a short word is its own key, inside its slot, so a lookup reads one
/// slot or a few neighbours in one cache line.
#[derive(Clone, Debug)]
struct WordTable {
    /// Open addressing, linear probing. A slot is a word's bytes zero-padded to [`SHORT`]
    /// with its kinds in the sixteenth byte, as two little-endian words; an empty slot is
    /// zero (no folded word is empty or starts with a NUL).
    slots: Box<[[u64; 2]]>,
    /// `64 - log2(slots.len())`: a hash's top bits pick the slot.
    shift: u32,
    /// Words longer than [`SHORT`].
    long: HashMap<Box<[u8]>, Kinds, BuildHasherDefault<FxHasher>>,
    /// The longest word's length in bytes: a longer word is unknown without a lookup.
    longest: usize,
}

/// The bytes of a slot's second word that hold the word; the top byte holds its kinds.
const WORD_BYTES: u64 = (1 << 56) - 1;

impl WordTable {
    fn new(words: &HashMap<Box<[u8]>, Kinds, BuildHasherDefault<FxHasher>>) -> WordTable {
        // At most ~60% full: a miss then probes a few slots on average.
        let len = (words.len() * 5 / 3).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![[0, 0]; len].into_boxed_slice(),
            shift: 64 - len.trailing_zeros(),
            long: HashMap::default(),
            longest: words.keys().map(|w| w.len()).max().unwrap_or(0),
        };
        for (word, &kinds) in words {
            if word.len() > SHORT {
                table.long.insert(word.clone(), kinds);
                continue;
            }
            let key = pack(word, |b| b);
            let at = table.probe(key);
            table.slots[at] = [key[0], key[1] | u64::from(kinds) << 56];
        }
        table
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn probe(&self, key: [u64; 2]) -> usize {
        let mask = self.slots.len() - 1;
        let hash = (key[0] ^ key[1].rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut at = (hash >> self.shift) as usize;
        loop {
            let [a, b] = self.slots[at];
            if a == 0 || (a == key[0] && b & WORD_BYTES == key[1]) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The kinds of a folded word, 0 for an unknown one.
    fn get(&self, word: &[u8]) -> Kinds {
        self.get_folding(word, |b| b)
    }

    /// The kinds of `word` with each byte mapped by `fold` (ASCII lower-casing), without
    /// first copying the folded word.
    fn get_folding(&self, word: &[u8], fold: impl Fn(u8) -> u8) -> Kinds {
        // Padding is zeros, so a word holding a NUL could pass for a shorter one; no
        // dictionary word holds one.
        if word.is_empty() || word.contains(&0) {
            return 0;
        }
        if word.len() > SHORT {
            if word.len() > self.longest {
                return 0;
            }
            let folded: Vec<u8> = word.iter().map(|&b| fold(b)).collect();
            return self.long.get(&*folded).copied().unwrap_or(0);
        }
        let [_, b] = self.slots[self.probe(pack(word, fold))];
        (b >> 56) as Kinds
    }
}

/// A word of at most [`SHORT`] bytes, zero-padded, as two little-endian words, each byte
/// mapped by `fold`. Built in registers: bytes written to a buffer and read back as words
/// stall the load that reads them.
fn pack(word: &[u8], fold: impl Fn(u8) -> u8) -> [u64; 2] {
    let mut key = [0u64; 2];
    for (i, &b) in word.iter().enumerate() {
        key[i / 8] |= u64::from(fold(b)) << (8 * (i % 8));
    }
    key
}

/// Accented words are folded on the stack into twice this many bytes, more than any
/// dictionary word holds (checked when the dictionaries load).
const WORD_MAX: usize = 48;

impl NameDictionaries {
    pub(crate) fn builtin() -> NameDictionaries {
        let mut words = HashMap::default();
        let given = load(GIVEN, GIVEN_NAME, &mut words);
        let family = load(FAMILY, FAMILY_NAME, &mut words);
        load(STOP, ORDINARY, &mut words);
        let words = WordTable::new(&words);
        debug_assert!(
            words.longest <= 2 * WORD_MAX,
            "a name longer than the fold buffer"
        );
        NameDictionaries {
            words,
            given,
            family,
        }
    }

    /// What `word` is, case and accents folded.
    fn kinds(&self, word: &str) -> Kinds {
        if word.is_ascii() {
            return self
                .words
                .get_folding(word.as_bytes(), |b| b.to_ascii_lowercase());
        }
        // Accented words fold on the stack. One that does not fit is longer than any
        // dictionary word, so it is no name.
        let mut buf = [0u8; 2 * WORD_MAX];
        let mut n = 0;
        let mut fits = true;
        for c in word.chars() {
            fold_char(c, |l| {
                fits &= n + l.len_utf8() <= buf.len();
                if fits {
                    n += l.encode_utf8(&mut buf[n..]).len();
                }
            });
        }
        if !fits {
            return 0;
        }
        self.words.get(&buf[..n])
    }

    fn given_any(&self, word: &str) -> bool {
        self.kinds(word) & GIVEN_NAME != 0
    }

    fn family_any(&self, word: &str) -> bool {
        self.kinds(word) & FAMILY_NAME != 0
    }

    /// Whether `word` is a known given name that is not also an ordinary word.
    pub(crate) fn is_given(&self, word: &str) -> bool {
        self.kinds(word) & (GIVEN_NAME | ORDINARY) == GIVEN_NAME
    }

    /// Whether `word` is a known family name that is not also an ordinary word.
    pub(crate) fn is_family(&self, word: &str) -> bool {
        self.kinds(word) & (FAMILY_NAME | ORDINARY) == FAMILY_NAME
    }

    /// Two or three words with a known name at one end and no ordinary word: a known given
    /// name, then unknown words (`Aarav Mehta`), or unknown words, then a known family name
    /// (`Ananya Desai`). Weaker than [`Self::is_full_name`]: the engine wants a context word
    /// or a field-name hint with it.
    pub(crate) fn is_loose_name(&self, text: &str) -> bool {
        let mut all = [""; 4];
        let Some(words) = name_words(text, &mut all) else {
            return false;
        };
        let n = words.len();
        if n > 3 {
            return false;
        }
        let plain = |w: &&str| self.is_plain_word(w);
        (self.is_given(words[0]) && words[1..].iter().all(plain))
            || (self.is_family(words[n - 1]) && words[..n - 1].iter().all(plain))
    }

    /// `Family, Given` with one side known and the other no ordinary word (`Colombo,
    /// Elena`, `Desai, Rahul`): weaker than [`Self::is_reversed_name`], wanted with a
    /// field-name hint.
    pub(crate) fn is_loose_reversed_name(&self, text: &str) -> bool {
        let Some((family, given)) = text.split_once(',') else {
            return false;
        };
        let mut family_words = family.split_whitespace();
        let Some(family_last) = family_words.next_back() else {
            return false;
        };
        let given_first = given.split_whitespace().next().unwrap_or("");
        family_words.all(is_particle)
            && ((self.is_given(given_first) && self.is_plain_word(family_last))
                || (self.is_family(family_last) && self.is_plain_word(given_first)))
    }

    /// A word that may be the unknown part of a name: two letters or more, not an ordinary
    /// word.
    fn is_plain_word(&self, word: &str) -> bool {
        word.chars().count() >= 2 && self.kinds(word) & ORDINARY == 0
    }

    /// A given name, counting those that are also ordinary words (for whole columns of
    /// names and for values next to a context word).
    pub(crate) fn is_given_loose(&self, word: &str) -> bool {
        !has_white_space(word) && self.given_any(word)
    }

    /// A family name, counting those that are also ordinary words.
    pub(crate) fn is_family_loose(&self, word: &str) -> bool {
        !has_white_space(word) && self.family_any(word)
    }

    /// `Family, Given` (`Gallo, Chiara`, `Eriksson, Måns`).
    pub(crate) fn is_reversed_name(&self, text: &str) -> bool {
        let Some((family, given)) = text.split_once(',') else {
            return false;
        };
        let (family, given) = (family.trim(), given.trim());
        let given_first = given.split_whitespace().next().unwrap_or("");
        (self.is_family(family) && self.given_any(given_first))
            || (self.family_any(family) && self.is_given(given_first))
    }

    /// Sizes, for `piicat detectors`.
    pub(crate) fn sizes(&self) -> (usize, usize) {
        (self.given, self.family)
    }

    /// A full name: 2–4 words, the first a given name, the last a family name, with
    /// family-name particles like `van`, `de`, `da` allowed before the last, and a title
    /// (`Dr.`, `Herr`) before the first. A part that is also an ordinary word (Mark, Brown)
    /// counts when the other part is an unambiguous name.
    pub(crate) fn is_full_name(&self, text: &str) -> bool {
        let mut all = [""; 7];
        let Some(words) = name_words(text, &mut all) else {
            return false;
        };
        let n = words.len();
        if n > 4 && words.iter().filter(|w| !is_particle(w)).count() > 4 {
            return false;
        }
        let (first, last) = (words[0], words[n - 1]);
        let strict = |k: Kinds, kind: Kinds| k & (kind | ORDINARY) == kind;
        // Hyphenated parts: every part of the given name, and any part of the family name.
        // Each part is looked up once.
        let (mut first_strict, mut first_loose, mut first_parts) = (true, true, 0);
        for k in first
            .split('-')
            .filter(|p| !p.is_empty())
            .map(|p| self.kinds(p))
        {
            first_strict &= strict(k, GIVEN_NAME);
            first_loose &= k & GIVEN_NAME != 0;
            first_parts += 1;
        }
        let (mut last_strict, mut last_loose, mut last_given, mut last_parts) =
            (false, false, true, 0);
        for k in last
            .split('-')
            .filter(|p| !p.is_empty())
            .map(|p| self.kinds(p))
        {
            last_strict |= strict(k, FAMILY_NAME);
            last_loose |= k & FAMILY_NAME != 0;
            last_given &= strict(k, GIVEN_NAME);
            last_parts += 1;
        }
        if first_parts == 0 || last_parts == 0 {
            return false;
        }
        // `Sanne de Jong`, `Chiara De Luca`, `Anouk van der Linden`: particles make the last
        // word a family name, known or not (the lists hold no names with a space).
        let particle_family =
            words[1..n - 1].last().is_some_and(|w| is_particle(w)) && self.is_plain_word(last);
        let last_strict = particle_family || last_strict;
        let last_loose = particle_family || last_loose;
        (first_strict && last_loose)
            || (first_loose && last_strict)
            || (n == 2 && first_strict && last_given)
    }
}

/// The words of a name, a title before it (`Dr.`, `Herr`) left out: at least two, and at
/// most as many as `all` holds with the title.
fn name_words<'t, 'a>(text: &'t str, all: &'a mut [&'t str]) -> Option<&'a [&'t str]> {
    let n = split_words(text, all)?;
    let words = match &all[..n] {
        [title, rest @ ..] if rest.len() >= 2 && is_title(title) => rest,
        words => words,
    };
    (words.len() >= 2).then_some(words)
}

/// The words of `text` (those of `str::split_whitespace`) into `all`, and how many; `None`
/// if more than `all` holds. One pass over the bytes; only a text that may hold white
/// space outside ASCII ([`may_start_white_space`]) is split character by character.
fn split_words<'t>(text: &'t str, all: &mut [&'t str]) -> Option<usize> {
    let mut n = 0;
    let mut start = None;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if is_ascii_white_space(b) {
            if let Some(s) = start.take() {
                *all.get_mut(n)? = &text[s..i];
                n += 1;
            }
        } else if may_start_white_space(b) {
            // Splitting on more spaces only makes more words, so a text that already had
            // too many words has too many still.
            n = 0;
            for w in text.split_whitespace() {
                *all.get_mut(n)? = w;
                n += 1;
            }
            return Some(n);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        *all.get_mut(n)? = &text[s..];
        n += 1;
    }
    Some(n)
}

/// Words that join a family name (`van der`, `de`, `da`, `von`), any case.
fn is_particle(word: &str) -> bool {
    const PARTICLES: [&str; 25] = [
        "van", "von", "de", "der", "den", "da", "di", "del", "della", "dos", "das", "do", "du",
        "la", "le", "ter", "ten", "bin", "ibn", "al", "el", "zu", "af", "av", "y",
    ];
    // Most words are longer than any particle: the length rules them out first.
    word.len() <= 5 && PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Titles written before a name (`Dr.`, `Herr`, `Mme`), each with or without a final dot.
pub(crate) const TITLES: [&str; 21] = [
    "Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Herr", "Frau", "Mme", "Mlle", "Sr", "Sra", "Srta",
    "Sig", "Sig.ra", "Dott", "Dott.ssa", "Dhr", "Mevr", "Dra", "Ing",
];

/// Whether `word` is one of [`TITLES`].
fn is_title(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    TITLES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table answers exactly what a map of the same words answers, for every word of
    /// the dictionaries and for near misses of each: a letter more or less, a NUL after it
    /// (padding is zeros), long words.
    #[test]
    fn the_word_table_answers_as_a_map_of_its_words() {
        let mut words = HashMap::default();
        load(GIVEN, GIVEN_NAME, &mut words);
        load(FAMILY, FAMILY_NAME, &mut words);
        load(STOP, ORDINARY, &mut words);
        let table = WordTable::new(&words);
        assert!(words.keys().any(|w| w.len() > SHORT), "some words are long");
        let expect = |w: &[u8]| words.get(w).copied().unwrap_or(0);
        let mut asked = 0;
        for word in words.keys() {
            assert_ne!(table.get(word), 0, "{:?}", String::from_utf8_lossy(word));
            let mut more = word.to_vec();
            let mut misses: Vec<Vec<u8>> = Vec::new();
            for extra in [b"x".as_slice(), b"\0", b"\0\0", b"ssssssssssssssss"] {
                more.truncate(word.len());
                more.extend_from_slice(extra);
                misses.push(more.clone());
            }
            misses.push(word[..word.len() - 1].to_vec());
            misses.push(word[1..].to_vec());
            for w in std::iter::once(word.to_vec()).chain(misses) {
                assert_eq!(
                    table.get(&w),
                    expect(&w),
                    "{:?}",
                    String::from_utf8_lossy(&w)
                );
                asked += 1;
            }
        }
        assert!(asked > 100_000);
        assert_eq!(table.get(b""), 0);
        assert_eq!(table.get(b"\0anna"), 0);
    }

    /// The words a name is split into are `str::split_whitespace`'s, white space outside
    /// ASCII included.
    #[test]
    fn names_split_into_the_words_split_whitespace_finds() {
        let texts = [
            "Anna Schmidt",
            "  Anna\tSchmidt \r\n",
            "Anna\u{0b}Schmidt",
            "Anna\u{0c}\u{0c}Maria  Schmidt",
            "José\u{a0}García",
            "Jörg\u{2009}Müller",
            "山田\u{3000}太郎",
            "Ana\u{1680}Pérez",
            "Erik Łukasz Persson",
            "Dr. Jérôme D. Lefèvre",
            "Anna\u{1c}Schmidt",
            "",
            " \t ",
            "Madonna",
        ];
        for text in texts {
            let expected: Vec<&str> = text.split_whitespace().collect();
            let mut all = [""; 8];
            let n = split_words(text, &mut all).expect("fits");
            assert_eq!(&all[..n], &expected[..], "{text:?}");
            let mut two = [""; 2];
            let fits = split_words(text, &mut two);
            assert_eq!(fits.is_some(), expected.len() <= 2, "{text:?}");
        }
        let names = NameDictionaries::builtin();
        assert!(names.is_full_name("José\u{a0}García"));
        assert!(names.is_full_name("Anna\u{0b}Schmidt"));
        assert!(names.is_full_name("Herr\tStefan  Bauer"));
        assert!(!names.is_full_name("Anna\u{1c}Schmidt"));
    }
}
