//! `piicat scan`: scans paths, URLs and configured sources and prints one report per asset
//! (a table for people, JSON or NDJSON for machines). Shows a progress bar on a terminal and
//! stays quiet when piped. The exit code gates CI: 2 if any asset failed, else 1 if anything
//! at or above `--fail-on` was found, else 0 — errors win because an unread asset may hide
//! findings.

use crate::config::Config;
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use piicat_classifiers::{AssetReport, Engine, Sensitivity};
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
    let targets = targets(&args, &config)?;
    let engine = Arc::new(
        config
            .engine_builder()?
            .build()
            .context("building the detection engine")?,
    );
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
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
    let summary = match &bar {
        Some(bar) => {
            runtime.block_on(scanner.run(targets, &mut printer, &BarProgress(bar.clone())))
        }
        None => runtime.block_on(scanner.run(targets, &mut printer, &NoProgress)),
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
    Ok(if summary.failed > 0 {
        ExitCode::from(2)
    } else if summary.findings_at_or_above(args.fail_on) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
