//! The identifier tokenizer for names and paths: splits snake_case, camelCase, dots, dashes,
//! spaces and letter/digit boundaries, and lower-cases, so `customer_email`,
//! `customerEmail`, `CustomerEMAIL` and `customer email` all become `customer` `email`.
//! Used for indexing and for queries alike, so both sides always agree.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the tokenizer is registered under in the index.
pub const IDENT_TOKENIZER: &str = "piicat_ident";

/// Longest token kept (longer runs are cut): keeps base64 blobs out of the term dictionary.
const MAX_TOKEN_CHARS: usize = 64;

/// One token: byte range in the input and the lower-cased text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentToken {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset past the last byte.
    pub end: usize,
    /// Lower-cased text.
    pub text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Upper,
    Lower,
    Digit,
    Other,
}

fn class_of(c: char) -> CharClass {
    if c.is_numeric() {
        CharClass::Digit
    } else if c.is_uppercase() {
        CharClass::Upper
    } else if c.is_alphabetic() {
        CharClass::Lower
    } else {
        CharClass::Other
    }
}

/// Splits `text` into identifier tokens.
pub fn split_ident(text: &str) -> Vec<IdentToken> {
    let chars: Vec<(usize, char, CharClass)> = text
        .char_indices()
        .map(|(i, c)| (i, c, class_of(c)))
        .collect();
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let push = |from: usize, to: usize, tokens: &mut Vec<IdentToken>| {
        let raw = &text[from..to];
        let text: String = raw
            .chars()
            .take(MAX_TOKEN_CHARS)
            .flat_map(char::to_lowercase)
            .collect();
        if !text.is_empty() {
            tokens.push(IdentToken {
                start: from,
                end: to,
                text,
            });
        }
    };
    for (k, &(i, _, class)) in chars.iter().enumerate() {
        if class == CharClass::Other {
            if let Some(s) = start.take() {
                push(s, i, &mut tokens);
            }
            continue;
        }
        let Some(s) = start else {
            start = Some(i);
            continue;
        };
        let prev = chars[k - 1].2;
        let next = chars.get(k + 1).map(|c| c.2);
        let boundary = match (prev, class) {
            (CharClass::Digit, CharClass::Upper | CharClass::Lower)
            | (CharClass::Upper | CharClass::Lower, CharClass::Digit) => true,
            (CharClass::Lower, CharClass::Upper) => true,
            // `HTTPServer`: the last capital of a run starts the next word.
            (CharClass::Upper, CharClass::Upper) => next == Some(CharClass::Lower),
            _ => false,
        };
        if boundary {
            push(s, i, &mut tokens);
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut tokens);
    }
    tokens
}

/// The tantivy tokenizer over [`split_ident`].
#[derive(Clone, Debug, Default)]
pub struct IdentTokenizer {
    token: Token,
}

/// The token stream of [`IdentTokenizer`].
#[derive(Debug)]
pub struct IdentTokenStream<'a> {
    tokens: std::vec::IntoIter<IdentToken>,
    token: &'a mut Token,
    position: usize,
}

impl Tokenizer for IdentTokenizer {
    type TokenStream<'a> = IdentTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> IdentTokenStream<'a> {
        self.token.reset();
        IdentTokenStream {
            tokens: split_ident(text).into_iter(),
            token: &mut self.token,
            position: 0,
        }
    }
}

impl TokenStream for IdentTokenStream<'_> {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.token.offset_from = t.start;
                self.token.offset_to = t.end;
                self.token.position = self.position;
                self.token.position_length = 1;
                self.token.text = t.text;
                self.position += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        split_ident(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn the_three_spellings_agree() {
        let expected = vec!["customer", "email"];
        assert_eq!(words("customer_email"), expected);
        assert_eq!(words("customerEmail"), expected);
        assert_eq!(words("customer email"), expected);
        assert_eq!(words("CustomerEMAIL"), expected);
        assert_eq!(words("customer-email"), expected);
        assert_eq!(words("Customer.Email"), expected);
    }

    #[test]
    fn splits_acronyms_digits_and_paths() {
        assert_eq!(words("HTTPServer2Log"), vec!["http", "server", "2", "log"]);
        assert_eq!(words("address2"), vec!["address", "2"]);
        assert_eq!(
            words("postgres://db/shop/public.users"),
            vec!["postgres", "db", "shop", "public", "users"]
        );
        assert_eq!(words("customer.emails[]"), vec!["customer", "emails"]);
        assert_eq!(words("Straße_Nr"), vec!["straße", "nr"]);
        assert!(words("__ --").is_empty());
    }

    #[test]
    fn offsets_point_into_the_input() {
        let s = "billingAddress_line2";
        for t in split_ident(s) {
            assert_eq!(s[t.start..t.end].to_lowercase(), t.text);
        }
    }
}
