//! Errors of the detection engine: a bad custom detector or a broken built-in table.

/// What can go wrong building an [`Engine`](crate::Engine).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A custom detector's definition is wrong; names the detector and the problem.
    #[error("detector `{detector}`: {reason}")]
    InvalidDetector {
        /// The detector's id.
        detector: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A built-in table failed to load (a bug in piicat, never the user's input).
    #[error("built-in {what} is broken: {reason}")]
    Builtin {
        /// Which table.
        what: String,
        /// Why.
        reason: String,
    },
}
