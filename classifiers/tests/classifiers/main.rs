//! Integration tests of the detection engine through its public API, one module per concern.

mod custom;
mod fields;
mod text;
