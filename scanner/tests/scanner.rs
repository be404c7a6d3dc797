//! The scanner's one integration-test binary: a module per concern.

mod db;
mod files;
mod support;
