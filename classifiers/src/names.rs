//! Dictionaries of given and family names shipped with the crate (see `data/README.md` for
//! their source and licence), and the stoplist of ordinary words that are also names.

use crate::hints::{fold_accent, fold_word};
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

/// Case-insensitive name dictionaries: one map from the folded word to what it is, so a word
/// is folded and looked up once however many questions are asked about it.
#[derive(Clone, Debug)]
pub(crate) struct NameDictionaries {
    /// Keyed by the folded word's bytes: a lookup of a word folded on the stack needs no
    /// UTF-8 check.
    words: HashMap<Box<[u8]>, Kinds, BuildHasherDefault<FxHasher>>,
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

/// Words longer than this are never names; shorter ASCII words are folded on the stack.
const WORD_MAX: usize = 48;

impl NameDictionaries {
    pub(crate) fn builtin() -> NameDictionaries {
        let mut words = HashMap::default();
        let given = load(GIVEN, GIVEN_NAME, &mut words);
        let family = load(FAMILY, FAMILY_NAME, &mut words);
        load(STOP, ORDINARY, &mut words);
        NameDictionaries {
            words,
            given,
            family,
        }
    }

    /// What `word` is, case and accents folded.
    fn kinds(&self, word: &str) -> Kinds {
        if word.len() <= WORD_MAX && word.is_ascii() {
            let mut buf = [0u8; WORD_MAX];
            let folded = &mut buf[..word.len()];
            folded.copy_from_slice(word.as_bytes());
            folded.make_ascii_lowercase();
            return self.words.get(&*folded).copied().unwrap_or(0);
        }
        // Accented words fold on the stack too, unless they are long.
        let mut buf = [0u8; 2 * WORD_MAX];
        let mut n = 0;
        for c in word.chars() {
            for l in fold_accent(c).to_lowercase() {
                if n + l.len_utf8() > buf.len() {
                    let mut long = String::new();
                    fold_word(word, &mut long);
                    return self.words.get(long.as_bytes()).copied().unwrap_or(0);
                }
                n += l.encode_utf8(&mut buf[n..]).len();
            }
        }
        self.words.get(&buf[..n]).copied().unwrap_or(0)
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
        !word.contains(char::is_whitespace) && self.given_any(word)
    }

    /// A family name, counting those that are also ordinary words.
    pub(crate) fn is_family_loose(&self, word: &str) -> bool {
        !word.contains(char::is_whitespace) && self.family_any(word)
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
    let mut n = 0;
    for w in text.split_whitespace() {
        *all.get_mut(n)? = w;
        n += 1;
    }
    let words = match &all[..n] {
        [title, rest @ ..] if rest.len() >= 2 && is_title(title) => rest,
        words => words,
    };
    (words.len() >= 2).then_some(words)
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
