//! The scanner's one integration-test binary: a module per concern.

mod bad_inputs;
mod db;
mod files;
mod s3;
mod support;
