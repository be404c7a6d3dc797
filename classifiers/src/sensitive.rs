//! A wrapper for values that may be PII or secret. Its `Debug` and `Display` print
//! `**REDACTED**`, so a raw value cannot reach a log line or an error message by accident.
//! Read the value with [`Sensitive::expose`] only to mask or fingerprint it.

use std::fmt;

/// A value that must never be printed.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a raw value.
    pub fn new(value: T) -> Sensitive<T> {
        Sensitive(value)
    }

    /// The raw value. Use it to mask or fingerprint, never to print or store.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("**REDACTED**")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("**REDACTED**")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Sensitive::new("123-45-6789");
        assert_eq!(format!("{s:?}"), "**REDACTED**");
        assert_eq!(format!("{s}"), "**REDACTED**");
        assert_eq!(format!("{:?}", Some(s)), "Some(**REDACTED**)");
        assert_eq!(*s.expose(), "123-45-6789");
    }
}
