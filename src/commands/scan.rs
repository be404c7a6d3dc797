//! `piicat scan`: scans paths, URLs and configured sources and prints one report per asset
//! (a table for people, JSON or NDJSON for machines). Shows a progress bar on a terminal and
//! stays quiet when piped. The exit code gates CI: 2 if any asset failed, else 1 if anything
//! at or above `--fail-on` was found, else 0 — errors win because an unread asset may hide
//! findings.
//!
//! With `--catalog [URL]` every report is also written into the catalog, one transaction per
//! asset, inside one scan run; an asset the catalog could not take is reported and the scan
//! goes on (exit code 2). Only what a report carries — masked examples and keyed fingerprints
//! — ever reaches the catalog.

use super::catalog::{CatalogTarget, describe, open, runtime};
use crate::config::Config;
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use piicat_catalog::{
    Catalog, CatalogLocation, DataDir, FingerprintKey, IngestOutcome, RunId, RunOptions, RunOwner,
    RunStatus, ScanRun, Utc,
};
use piicat_classifiers::{AssetError, AssetErrorKind, AssetReport, Engine, Sensitivity};
use piicat_scanner::{
    NamedSource, NoProgress, Progress, ReportSink, SamplingMode, ScanOptions, ScanSummary, Scanner,
    SourceConfig, Target,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable listing, one block per asset, then a summary.
    Table,
    /// One JSON object: `{"summary": {...}, "assets": [...]}`.
    Json,
    /// One JSON object per asset and line, as soon as it is done.
    Ndjson,
}

/// Arguments of `piicat scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// What to scan: paths, file:// URLs, s3:// gs:// az:// bucket URLs, database URLs
    /// (postgres://, mysql://, mariadb://, sqlite://) or .db/.sqlite files.
    pub targets: Vec<String>,
    /// Config file whose [[sources]] can be scanned by name. Relative paths in it are
    /// relative to the current directory.
    #[arg(long, env = "PIICAT_CONFIG")]
    pub config: Option<PathBuf>,
    /// Scan this configured source (repeatable). With --config and no TARGET and no
    /// --source, every configured source is scanned.
    #[arg(long = "source", value_name = "NAME")]
    pub sources: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Rows sampled per table or structured file (default 1000).
    #[arg(long, value_name = "N")]
    pub sample_rows: Option<u64>,
    /// Read everything instead of sampling.
    #[arg(long)]
    pub full: bool,
    /// Seed for every random sampling choice (same seed, same sample).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Assets read at once.
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Exit 1 when a finding of this sensitivity or higher is found.
    #[arg(long, value_name = "LEVEL", default_value = "low")]
    pub fail_on: Sensitivity,
    /// Only files/objects matching this glob (relative to the scanned directory or prefix).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files/objects (and directories) matching this glob.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub no_progress: bool,
    // `--catalog [URL]` turns on writing to the catalog; it goes after the targets (or as
    // `--catalog=URL`) so that a target is not taken for its URL.
    #[command(flatten, next_help_heading = "Catalog")]
    pub target: CatalogTarget,
    /// With --catalog: rescan and re-ingest assets even when their size and mtime (etag;
    /// schema and row estimate for tables) say they are unchanged since the last scan.
    #[arg(long, requires = "catalog", help_heading = "Catalog")]
    pub force: bool,
    /// With --catalog: make fingerprints under the 32-byte key in this file (created, mode
    /// 0600, when missing) instead of the data directory's keys/fingerprint.key. Default:
    /// $PIICAT_FINGERPRINT_KEY_FILE, else the data directory's key. Every machine writing to
    /// one catalog must use the same key.
    // The environment variable is read by `FingerprintKey::resolve`, not through clap's `env`,
    // so that it alone never looks like the flag (which requires --catalog).
    #[arg(
        long,
        value_name = "FILE",
        requires = "catalog",
        help_heading = "Catalog"
    )]
    pub fingerprint_key_file: Option<PathBuf>,
}

fn targets(args: &ScanArgs, config: &Config) -> Result<Vec<Target>> {
    let mut out = Vec::new();
    for t in &args.targets {
        out.push(Target::parse(t)?);
    }
    let configured: Vec<NamedSource> = config
        .sources
        .iter()
        .map(|table| {
            toml::Value::Table(table.clone())
                .try_into::<NamedSource>()
                .map_err(|e| anyhow::anyhow!("invalid [[sources]] entry: {e}"))
        })
        .collect::<Result<_>>()?;
    if !args.sources.is_empty() {
        for name in &args.sources {
            let Some(source) = configured.iter().find(|s| &s.name == name) else {
                let known: Vec<&str> = configured.iter().map(|s| s.name.as_str()).collect();
                bail!(
                    "no source named `{name}` in the config (known: {})",
                    known.join(", ")
                );
            };
            out.push(Target::named(source.clone()));
        }
    } else if args.targets.is_empty() {
        out.extend(configured.into_iter().map(Target::named));
    }
    if out.is_empty() {
        bail!("nothing to scan: give a TARGET, or --config with [[sources]]");
    }
    for t in &mut out {
        match &mut t.source {
            SourceConfig::Files(f) => {
                f.include.extend(args.include.iter().cloned());
                f.exclude.extend(args.exclude.iter().cloned());
            }
            SourceConfig::S3(o) | SourceConfig::Gcs(o) | SourceConfig::Azure(o) => {
                o.include.extend(args.include.iter().cloned());
                o.exclude.extend(args.exclude.iter().cloned());
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Runs `piicat scan`.
pub fn run(args: ScanArgs) -> Result<ExitCode> {
    let config = Config::load_optional(args.config.as_deref())?;
    let location = match &args.target.catalog {
        Some(value) => Some(args.target.location().map_err(|e| {
            if std::path::Path::new(value).exists() {
                // `--catalog` takes an optional value: `scan --catalog DIR` reads DIR as the URL.
                anyhow::anyhow!(
                    "`{value}` after --catalog was read as the catalog's URL; to scan it, write \
                     it before --catalog (or give the catalog as --catalog=URL)"
                )
            } else {
                e
            }
        })?),
        None if args.target.data_dir.is_some() => {
            bail!("--data-dir is only used with --catalog (it holds the catalog and its key)")
        }
        None => None,
    };
    let targets = targets(&args, &config)?;
    let catalog_at = match location {
        Some(location) => Some((location, args.target.data_dir()?)),
        None => None,
    };
    let mut builder = config.engine_builder()?;
    let key = match &catalog_at {
        Some((_, dir)) => {
            // Fingerprints under the catalog's key, so the catalog can relate fields that
            // share values without ever holding one. The catalog checks the key's id when the
            // run starts.
            let key = FingerprintKey::resolve(args.fingerprint_key_file.clone(), dir)
                .context("reading the fingerprint key")?;
            builder = builder
                .fingerprint_key(piicat_classifiers::FingerprintKey::from_bytes(key.bytes()));
            Some(key)
        }
        None => None,
    };
    let engine = Arc::new(builder.build().context("building the detection engine")?);
    let mut opts = ScanOptions::default();
    if let Some(n) = args.sample_rows {
        opts.sample_rows = n;
    }
    if args.full {
        opts.mode = SamplingMode::Full;
    }
    if let Some(s) = args.seed {
        opts.seed = s;
    }
    if let Some(c) = args.concurrency {
        opts.concurrency = c.max(1);
    }
    let runtime = runtime()?;
    let writer = match (&catalog_at, &key) {
        (Some((location, dir)), Some(key)) => {
            Some(runtime.block_on(CatalogWriter::start(&args, location, dir, key, &engine))?)
        }
        _ => None,
    };
    let show_progress = !args.no_progress && std::io::stderr().is_terminal();
    let bar = show_progress.then(|| {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} scanning [{bar:30}] {pos}/{len} assets {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    });
    let mut printer = Printer {
        format: args.format,
        engine: engine.clone(),
        out: std::io::stdout().lock(),
        collected: Vec::new(),
        bar: bar.clone(),
        broken: false,
    };
    let scanner = Scanner::new(engine.clone(), opts);
    let progress: &dyn Progress = match &bar {
        Some(bar) => &BarProgress(bar.clone()),
        None => &NoProgress,
    };
    let (summary, not_written) = match &writer {
        Some(writer) => {
            let ctrl_c = Arc::new(CtrlC::default());
            runtime.spawn(ctrl_c.clone().watch());
            let mut sink = CatalogSink {
                writer,
                handle: runtime.handle().clone(),
                bar: bar.clone(),
                next: &mut printer,
                not_written: 0,
                ctrl_c: &ctrl_c,
            };
            let scan = scanner.run(targets, &mut sink, progress);
            let summary = runtime.block_on(ctrl_c.until_pressed(scan));
            if ctrl_c.pressed() || summary.is_none() {
                // Ctrl-C: the scan stopped between two reports (each report's catalog write
                // is done or not begun), so the run holds whole assets only.
                if let Some(bar) = &bar {
                    bar.finish_and_clear();
                }
                let not_written = sink.not_written;
                let run = runtime.block_on(writer.finish(true))?;
                eprintln!("piicat: interrupted");
                eprintln!("{}", writer.summary_line(&run, not_written));
                // The scan's reader tasks may still be busy: do not wait for them.
                runtime.shutdown_background();
                return Ok(ExitCode::from(130));
            }
            (summary.unwrap_or_default(), sink.not_written)
        }
        None => (
            runtime.block_on(scanner.run(targets, &mut printer, progress)),
            0,
        ),
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    printer.finish(&summary)?;
    if args.format != Format::Json
        && (args.format == Format::Table || std::io::stderr().is_terminal())
    {
        eprintln!("{}", summary_line(&summary));
    }
    if let Some(writer) = writer {
        let run = runtime.block_on(writer.finish(summary.stopped_early))?;
        // Always on stderr (stdout may be NDJSON for a machine): what the catalog now holds
        // from this run is the one thing a piped `scan --catalog` must still say.
        eprintln!("{}", writer.summary_line(&run, not_written));
    }
    Ok(if summary.failed > 0 || not_written > 0 {
        ExitCode::from(2)
    } else if summary.findings_at_or_above(args.fail_on) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One scan run in the catalog: opened before the scan, finished after it.
struct CatalogWriter {
    catalog: Catalog,
    run: RunId,
    /// The catalog for messages (the embedded one with its file; never a password).
    place: String,
}

impl CatalogWriter {
    /// Opens the catalog, tells it the engine's classes and starts a run (which checks that
    /// the catalog's fingerprints are under `key`, and marks runs of dead processes on this
    /// host interrupted).
    async fn start(
        args: &ScanArgs,
        location: &CatalogLocation,
        data_dir: &DataDir,
        key: &FingerprintKey,
        engine: &Engine,
    ) -> Result<CatalogWriter> {
        let place = describe(location, data_dir);
        let catalog = open(location, data_dir).await?;
        catalog
            .register_classes(engine.classes(), Utc::now())
            .await
            .with_context(|| {
                format!("registering the engine's classes in the catalog ({place})")
            })?;
        let options = RunOptions {
            forced: args.force,
            label: Some(run_label(args)),
            fingerprint_key: Some(key.id().clone()),
            owner: RunOwner::this_process(),
        };
        let run = catalog
            .start_run(options, Utc::now())
            .await
            .with_context(|| {
                format!(
                    "starting a scan run in the catalog ({place}) with the fingerprint key {}",
                    key.file().display()
                )
            })?;
        Ok(CatalogWriter {
            catalog,
            run,
            place,
        })
    }

    /// Writes one report: a skip when the asset is unchanged (and the run is not forced),
    /// else the report itself. One transaction either way.
    ///
    /// The scanner has no hook to ask before reading an asset (a table's change facts, its
    /// schema fingerprint and row estimate, are only known once the scanner has introspected
    /// it), so an unchanged asset is read and classified anyway and only its catalog write is
    /// skipped: the catalog keeps what the last full ingest recorded, and the printed output
    /// and exit code still cover every asset.
    async fn write(&self, report: &AssetReport) -> piicat_catalog::Result<IngestOutcome> {
        // A failed read is always recorded, even of an unchanged asset: it is news.
        if report.error.is_none()
            && self
                .catalog
                .should_skip(self.run, &report.asset, &report.meta)
                .await?
        {
            return self
                .catalog
                .mark_skipped(self.run, &report.asset, Utc::now())
                .await;
        }
        self.catalog.ingest(self.run, report, Utc::now()).await
    }

    /// Records, as a failed asset of the run, that the catalog refused an asset's report, so
    /// the run's errors list it. Best effort: the store may be what failed.
    async fn record_refusal(&self, report: &AssetReport, reason: &str) {
        let mut failed = AssetReport::failed(
            report.asset.clone(),
            report.kind,
            AssetError::new(
                AssetErrorKind::Io,
                format!(
                    "{}: the catalog could not store this asset's report: {reason}",
                    report.asset
                ),
            ),
        );
        failed.source.clone_from(&report.source);
        if let Err(e) = self.catalog.ingest(self.run, &failed, Utc::now()).await {
            tracing::debug!(error = %e, "recording a refused report failed too");
        }
    }

    /// Finishes the run (its totals come from the store) and brings the index up to date.
    async fn finish(&self, stopped_early: bool) -> Result<ScanRun> {
        let status = if stopped_early {
            RunStatus::Interrupted
        } else {
            RunStatus::Completed
        };
        let run = self
            .catalog
            .finish_run(self.run, status, Utc::now())
            .await
            .with_context(|| {
                format!(
                    "finishing scan run {} in the catalog ({})",
                    self.run, self.place
                )
            })?;
        self.catalog.close().await;
        Ok(run)
    }

    fn summary_line(&self, run: &ScanRun, not_written: u64) -> String {
        let c = &run.counts;
        format!(
            "catalog: run {}: {} asset(s) ingested ({} new, {} updated, {} unchanged), {} skipped \
             as unchanged, {} recorded as failed, {} not written; {}",
            run.id,
            c.assets_new + c.assets_updated + c.assets_unchanged,
            c.assets_new,
            c.assets_updated,
            c.assets_unchanged,
            c.assets_skipped,
            c.assets_failed,
            not_written,
            self.place
        )
    }
}

/// Ctrl-C during `scan --catalog`: the first press stops the scan and finishes the run as
/// interrupted; a second one exits at once (the next run on this host then marks the run
/// interrupted).
#[derive(Debug, Default)]
struct CtrlC {
    pressed: std::sync::atomic::AtomicBool,
    wake: tokio::sync::Notify,
}

impl CtrlC {
    /// Waits for Ctrl-C (a task of its own: the scan may not yield to the runtime for a
    /// long while, so the sink checks [`CtrlC::pressed`] before each report).
    async fn watch(self: Arc<Self>) {
        if tokio::signal::ctrl_c().await.is_err() {
            // No handler could be installed, so the default one (exit) stays in force.
            return;
        }
        self.pressed
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.wake.notify_one();
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(130);
        }
    }

    fn pressed(&self) -> bool {
        self.pressed.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Runs `scan` to its end, or until Ctrl-C while it waits (`None`).
    async fn until_pressed<F: std::future::Future>(&self, scan: F) -> Option<F::Output> {
        tokio::select! {
            summary = scan => Some(summary),
            () = self.wake.notified() => None,
        }
    }
}

/// What was scanned, for the run's label: the targets (passwords redacted) and sources.
fn run_label(args: &ScanArgs) -> String {
    let mut parts = vec!["piicat scan".to_string()];
    parts.extend(
        args.targets
            .iter()
            .map(|t| piicat_scanner::target::redact_url(t)),
    );
    parts.extend(args.sources.iter().map(|s| format!("--source {s}")));
    if let Some(config) = &args.config {
        parts.push(format!("--config {}", config.display()));
    }
    if args.force {
        parts.push("--force".into());
    }
    parts.join(" ")
}

/// Writes each report into the catalog, then hands it on to the printer.
struct CatalogSink<'a> {
    writer: &'a CatalogWriter,
    handle: tokio::runtime::Handle,
    bar: Option<ProgressBar>,
    next: &'a mut dyn ReportSink,
    /// Assets whose report the catalog could not store.
    not_written: u64,
    ctrl_c: &'a CtrlC,
}

impl ReportSink for CatalogSink<'_> {
    fn report(&mut self, report: AssetReport) -> bool {
        if self.ctrl_c.pressed() {
            return false;
        }
        // The scanner calls its sink from the future `Runtime::block_on` drives, one report
        // at a time. `block_in_place` lets this synchronous sink wait for the async catalog
        // there; while it waits, the scan runs on and fills its bounded report queue, which
        // is the back-pressure the sink contract intends.
        let writer = self.writer;
        let written = tokio::task::block_in_place(|| self.handle.block_on(writer.write(&report)));
        match written {
            Ok(outcome) => {
                tracing::debug!(
                    asset = outcome.asset.0,
                    status = outcome.status.as_str(),
                    "catalog write"
                );
            }
            Err(e) => {
                self.not_written += 1;
                let reason = e.to_string();
                let line = format!(
                    "piicat: catalog: {}: not written ({reason}); the scan goes on",
                    report.asset
                );
                match &self.bar {
                    Some(bar) => bar.suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                }
                tokio::task::block_in_place(|| {
                    self.handle
                        .block_on(writer.record_refusal(&report, &reason))
                });
            }
        }
        self.next.report(report)
    }
}

struct BarProgress(ProgressBar);

impl Progress for BarProgress {
    fn discovered(&self, total: u64) {
        self.0.set_length(total);
    }
    fn finished(&self, report: &AssetReport) {
        self.0.inc(1);
        self.0.set_message(report.asset.clone());
    }
}

fn summary_line(s: &ScanSummary) -> String {
    let findings: Vec<String> = s
        .findings
        .iter()
        .rev()
        .map(|(level, n)| format!("{n} {level}"))
        .collect();
    format!(
        "scanned {} asset(s), {} failed, {} field(s); findings: {}; read {:.1} MiB in {:.1}s",
        s.assets,
        s.failed,
        s.fields,
        if findings.is_empty() {
            "none".to_string()
        } else {
            findings.join(", ")
        },
        s.bytes_read as f64 / (1024.0 * 1024.0),
        s.duration.as_secs_f64()
    )
}

/// Prints reports as they come (table, ndjson) or at the end (json).
struct Printer<W: Write> {
    format: Format,
    engine: Arc<Engine>,
    out: W,
    collected: Vec<AssetReport>,
    bar: Option<ProgressBar>,
    broken: bool,
}

impl<W: Write> Printer<W> {
    fn table_block(&self, r: &AssetReport) -> String {
        let mut s = String::new();
        let mut facts = vec![r.kind.as_str().to_string()];
        if let Some(f) = &r.meta.format {
            facts.push(f.clone());
        }
        if let Some(files) = r.meta.files {
            facts.push(format!("{}/{} files sampled", files.sampled, files.total));
        }
        if r.meta.rows_sampled > 0 {
            facts.push(format!("{} rows", r.meta.rows_sampled));
        }
        s.push_str(&format!("{}  [{}]\n", r.asset, facts.join(", ")));
        if let Some(e) = &r.error {
            s.push_str(&format!("  ERROR {}: {}\n", e.kind.as_str(), e.message));
        }
        let mut any = false;
        for field in &r.fields {
            for c in &field.classes {
                any = true;
                let level = self
                    .engine
                    .class(&c.class)
                    .map(|d| d.sensitivity.as_str())
                    .unwrap_or("?");
                s.push_str(&format!(
                    "  {:<28} {:<20} {:<8} {:>4.2}  {:>5}/{:<5} {}\n",
                    field.path,
                    c.class,
                    level,
                    c.confidence,
                    c.matched,
                    c.sampled,
                    c.masked_examples.join(", ")
                ));
            }
        }
        if !any && r.error.is_none() {
            s.push_str("  no personal data found\n");
        }
        s
    }

    fn emit(&mut self, text: &str) -> bool {
        let out = &mut self.out;
        let mut write = || out.write_all(text.as_bytes()).and_then(|()| out.flush());
        let ok = match &self.bar {
            Some(bar) => bar.suspend(&mut write),
            None => write(),
        };
        if ok.is_err() {
            // stdout closed (`| head`): stop scanning, nothing more can be shown.
            self.broken = true;
        }
        ok.is_ok()
    }

    fn finish(&mut self, summary: &ScanSummary) -> Result<()> {
        if self.format == Format::Json && !self.broken {
            let doc = serde_json::json!({ "summary": summary, "assets": self.collected });
            let text = serde_json::to_string_pretty(&doc)? + "\n";
            self.emit(&text);
        }
        Ok(())
    }
}

impl<W: Write> ReportSink for Printer<W> {
    fn report(&mut self, report: AssetReport) -> bool {
        match self.format {
            Format::Json => {
                self.collected.push(report);
                true
            }
            Format::Ndjson => match serde_json::to_string(&report) {
                Ok(line) => self.emit(&(line + "\n")),
                Err(_) => true,
            },
            Format::Table => {
                let block = self.table_block(&report) + "\n";
                self.emit(&block)
            }
        }
    }
}
