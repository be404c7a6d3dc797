//! Dictionaries of given and family names shipped with the crate (see `data/README.md` for
//! their source and licence), and the stoplist of ordinary words that are also names.

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
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
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

    /// Lower-cases into `buf` (reused to keep the hot path allocation-free) and returns it.
    fn lower<'b>(word: &str, buf: &'b mut String) -> &'b str {
        buf.clear();
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
        buf.as_str()
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

    /// Sizes, for `piicat detectors`.
    pub(crate) fn sizes(&self) -> (usize, usize) {
        (self.given.len(), self.family.len())
    }

    /// A full name: 2–4 words, the first a given name, the last a family name (or a given
    /// name followed by a capitalised word that is not an ordinary word, with a family-name
    /// particle like `van`, `de`, `da` allowed in between).
    pub(crate) fn is_full_name(&self, text: &str) -> bool {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        if !(2..=4).contains(&words.len()) {
            return false;
        }
        let first = words[0];
        let last = words[words.len() - 1];
        let first_ok = first
            .split('-')
            .all(|p| !p.is_empty() && self.is_given(p));
        if !first_ok {
            return false;
        }
        let last_parts: Vec<&str> = last.split('-').filter(|p| !p.is_empty()).collect();
        last_parts.iter().any(|p| self.is_family(p))
            || (words.len() == 2 && last_parts.iter().all(|p| self.is_given(p)))
    }
}
