//! Integration tests of the detection engine through its public API, one module per concern.

mod accuracy;
mod custom;
mod fields;
mod text;
