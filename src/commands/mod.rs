//! One module per `piicat` subcommand; each has an `Args` struct and a `run` function.

pub mod catalog;
pub mod classify;
pub mod detectors;
pub mod reindex;
pub mod scan;
pub mod search;
