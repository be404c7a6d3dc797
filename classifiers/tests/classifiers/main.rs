//! Integration tests of the detection engine through its public API, one module per concern.

mod accuracy;
mod custom;
mod fields;
mod text;

use piicat_classifiers::FingerprintKey;
use piicat_classifiers::fingerprint::SKETCH_SIZE;

/// The sketch a scan of `values` of `class` must hold: the smallest distinct fingerprints,
/// each as `fingerprint_value` makes it alone, in hex.
fn expected_sketch<'a>(
    key: &FingerprintKey,
    class: &str,
    values: impl IntoIterator<Item = &'a String>,
) -> Vec<String> {
    let mut fps: Vec<u64> = values
        .into_iter()
        .map(|v| key.fingerprint_value(class, v))
        .collect();
    fps.sort_unstable();
    fps.dedup();
    fps.truncate(SKETCH_SIZE);
    fps.iter().map(|fp| format!("{fp:016x}")).collect()
}
