//! Where reports go. A scan pushes each [`AssetReport`] into a [`ReportSink`] as soon as the
//! asset is done; the sink decides what to do with it (print it, write it to the catalog,
//! collect it for a test) and may stop the scan early. A sink must never see a raw value:
//! reports only hold masked examples and fingerprints.

use piicat_classifiers::AssetReport;

/// Receives one report per asset, in completion order (not input order).
///
/// Contract (ripgrep's sink habit):
/// - `report` is called once per asset, from the task that called [`crate::Scanner::run`];
///   it is never called concurrently, so a sink needs no locking.
/// - Returning `false` stops the scan: no further reports are delivered, work in flight is
///   abandoned, and `run` returns the summary of what was delivered so far.
/// - A sink should be quick; slow sinks apply back-pressure to the scan through the bounded
///   report queue, which is intended (memory stays bounded).
pub trait ReportSink {
    /// Handles one report; `false` stops the scan.
    fn report(&mut self, report: AssetReport) -> bool;
}

/// Closures are sinks.
impl<F: FnMut(AssetReport) -> bool> ReportSink for F {
    fn report(&mut self, report: AssetReport) -> bool {
        self(report)
    }
}

/// Keeps every report in memory (tests, small scans, the JSON printer).
#[derive(Debug, Default)]
pub struct CollectSink {
    /// Reports in completion order.
    pub reports: Vec<AssetReport>,
}

impl ReportSink for CollectSink {
    fn report(&mut self, report: AssetReport) -> bool {
        self.reports.push(report);
        true
    }
}
