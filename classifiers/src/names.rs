//! Dictionaries of given and family names shipped with the crate (see `data/README.md` for
//! their source and licence), and the stoplist of ordinary words that are also names.

use crate::hints::fold_word;
use std::collections::HashSet;

const GIVEN: &str = include_str!("../data/given_names.txt");
const FAMILY: &str = include_str!("../data/family_names.txt");
const STOP: &str = include_str!("../data/name_stopwords.txt");

/// Case-insensitive name dictionaries.
#[derive(Clone, Debug)]
pub(crate) struct NameDictionaries {
    given: HashSet<String>,
    family: HashSet<String>,
    stop: HashSet<String>,
}

fn load(text: &str) -> HashSet<String> {
    let mut buf = String::new();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            fold_word(l, &mut buf);
            buf.clone()
        })
        .collect()
}

impl NameDictionaries {
    pub(crate) fn builtin() -> NameDictionaries {
        NameDictionaries {
            given: load(GIVEN),
            family: load(FAMILY),
            stop: load(STOP),
        }
    }

    /// Lower-cases and folds accents into `buf` and returns it.
    fn lower<'b>(word: &str, buf: &'b mut String) -> &'b str {
        fold_word(word, buf);
        buf.as_str()
    }

    fn given_any(&self, word: &str) -> bool {
        let mut buf = String::new();
        self.given.contains(Self::lower(word, &mut buf))
    }

    fn family_any(&self, word: &str) -> bool {
        let mut buf = String::new();
        self.family.contains(Self::lower(word, &mut buf))
    }

    /// Whether `word` is a known given name that is not also an ordinary word.
    pub(crate) fn is_given(&self, word: &str) -> bool {
        let mut buf = String::new();
        let w = Self::lower(word, &mut buf);
        self.given.contains(w) && !self.stop.contains(w)
    }

    /// Whether `word` is a known family name that is not also an ordinary word.
    pub(crate) fn is_family(&self, word: &str) -> bool {
        let mut buf = String::new();
        let w = Self::lower(word, &mut buf);
        self.family.contains(w) && !self.stop.contains(w)
    }

    /// Two or three words: a known given name, then capitalised words that are not ordinary
    /// words. Weaker than [`Self::is_full_name`]; the engine wants a context word with it.
    pub(crate) fn is_given_then_surname_shape(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        if !(2..=3).contains(&words.len()) || !self.is_given(words[0]) {
            return false;
        }
        words[1..].iter().all(|w| {
            let mut buf = String::new();
            let lower = Self::lower(w, &mut buf);
            w.chars().count() >= 2 && !self.stop.contains(lower)
        })
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
        (self.given.len(), self.family.len())
    }

    /// A full name: 2–4 words, the first a given name, the last a family name, with a
    /// family-name particle like `van`, `de`, `da` allowed in between. A part that is also an
    /// ordinary word (Mark, Brown) counts when the other part is an unambiguous name.
    pub(crate) fn is_full_name(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        if !(2..=4).contains(&words.len()) {
            return false;
        }
        let first = words[0];
        let last = words[words.len() - 1];
        let parts = |w: &'_ str| -> Vec<String> {
            w.split('-')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        };
        let (first_parts, last_parts) = (parts(first), parts(last));
        if first_parts.is_empty() || last_parts.is_empty() {
            return false;
        }
        let first_strict = first_parts.iter().all(|p| self.is_given(p));
        let first_loose = first_parts.iter().all(|p| self.given_any(p));
        // `Sanne de Jong`: the particle belongs to the family name.
        let with_particle = (words.len() >= 3
            && words[words.len() - 2].chars().all(|c| c.is_lowercase()))
        .then(|| format!("{} {last}", words[words.len() - 2]));
        let particle_family = with_particle.as_deref().is_some_and(|f| self.family_any(f));
        let last_strict = particle_family || last_parts.iter().any(|p| self.is_family(p));
        let last_loose = particle_family || last_parts.iter().any(|p| self.family_any(p));
        (first_strict && last_loose)
            || (first_loose && last_strict)
            || (words.len() == 2 && first_strict && last_parts.iter().all(|p| self.is_given(p)))
    }
}
