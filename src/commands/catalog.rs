//! `piicat catalog show ASSET`: everything the catalog knows about one asset — facts,
//! owner and purpose, fields with their classes, masked examples and review status, related
//! fields, and history. `piicat catalog runs`: the latest scan runs and their status. Also [`CatalogTarget`], the `--data-dir` / `--catalog` options every
//! command that touches the catalog shares.

use anyhow::{Context, Result, bail};
use piicat_catalog::{AssetDetail, Catalog, CatalogLocation, DataDir, RelatedField};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// The environment variable naming the default catalog (a URL, as `--catalog` takes).
pub const CATALOG_ENV: &str = "PIICAT_CATALOG";

/// Where the catalog is: shared by every command that reads or writes it.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct CatalogTarget {
    /// Data directory (embedded catalog, search index, keys). Default: $PIICAT_DATA_DIR, else
    /// the platform's data directory.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Catalog database: postgres://USER@HOST/DB[?schema=NAME] or sqlite://PATH. Without a URL
    /// (or without the flag): $PIICAT_CATALOG, else the embedded SQLite catalog in the data
    /// directory. `scan` writes into the catalog only when this flag is given (after the
    /// targets, or as --catalog=URL).
    // `PIICAT_CATALOG` is read in `location()`, not through clap's `env`: with clap's, the
    // variable alone would look like the flag, and `piicat scan` writes to the catalog only
    // when the flag is on its command line.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub catalog: Option<String>,
}

impl CatalogTarget {
    /// The data directory, resolved (flag > PIICAT_DATA_DIR > platform) and created.
    pub fn data_dir(&self) -> Result<DataDir> {
        Ok(DataDir::resolve(self.data_dir.clone())?)
    }

    /// The catalog location: the flag's URL, else `PIICAT_CATALOG`, else the embedded one.
    pub fn location(&self) -> Result<CatalogLocation> {
        let env = match std::env::var(CATALOG_ENV) {
            Ok(v) => Some(v),
            Err(std::env::VarError::NotPresent) => None,
            Err(std::env::VarError::NotUnicode(_)) => bail!("{CATALOG_ENV} is not valid UTF-8"),
        };
        Ok(CatalogLocation::parse(choose_catalog(
            self.catalog.as_deref(),
            env.as_deref(),
        ))?)
    }

    /// Opens the catalog (creating and migrating it on first use).
    pub async fn open(&self) -> Result<Catalog> {
        open(&self.location()?, &self.data_dir()?).await
    }
}

/// Opens the catalog at `location` with its index (and, for the embedded one, its database)
/// in `data_dir`, creating and migrating it on first use.
pub async fn open(location: &CatalogLocation, data_dir: &DataDir) -> Result<Catalog> {
    Catalog::open(location, data_dir)
        .await
        .with_context(|| format!("opening the catalog ({})", describe(location, data_dir)))
}

/// The flag's value when it names a catalog, else the environment's; an empty value is
/// "not given", so `--catalog` alone means the default catalog.
fn choose_catalog<'a>(flag: Option<&'a str>, env: Option<&'a str>) -> Option<&'a str> {
    let given = |v: &&str| !v.trim().is_empty();
    flag.filter(given).or(env.filter(given))
}

/// A catalog location for messages: the embedded one with its file; never a password.
pub fn describe(location: &CatalogLocation, data_dir: &DataDir) -> String {
    match location {
        CatalogLocation::Embedded => {
            format!("{location} at {}", data_dir.catalog_db().display())
        }
        other => other.to_string(),
    }
}

/// A runtime for a command: the catalog is async; the CLI is not.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Table,
    /// One JSON document.
    Json,
}

/// Arguments of `piicat catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    #[command(subcommand)]
    pub command: CatalogCommand,
}

/// `piicat catalog` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// Show one asset: fields, classes, masked examples, status, related fields, history.
    Show(ShowArgs),
    /// List the latest scan runs: status (running, completed, failed, interrupted), when,
    /// by which host and process, and what each stored.
    Runs(RunsArgs),
}

/// Arguments of `piicat catalog runs`.
#[derive(Debug, clap::Args)]
pub struct RunsArgs {
    /// How many runs, newest first.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub target: CatalogTarget,
}

/// Arguments of `piicat catalog show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The asset: its full location, or the end of it (`public.customers`, `users.csv`).
    pub asset: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// History entries to print (table format).
    #[arg(long, default_value_t = 20)]
    pub history: usize,
    #[command(flatten)]
    pub target: CatalogTarget,
}

/// Runs the command. Exit code 1 when the asset is not in the catalog.
pub fn run(args: CatalogArgs) -> Result<ExitCode> {
    match args.command {
        CatalogCommand::Show(show) => runtime()?.block_on(run_show(show)),
        CatalogCommand::Runs(runs) => runtime()?.block_on(run_runs(runs)),
    }
}

async fn run_runs(args: RunsArgs) -> Result<ExitCode> {
    let catalog = args.target.open().await?;
    let runs = catalog.recent_runs(args.limit).await?;
    catalog.close().await;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&runs)?),
        Format::Table => {
            println!(
                "{:>5}  {:<11}  {:<23}  {:<23}  {:<24}  {:>6} {:>6} {:>6} {:>6}  LABEL",
                "RUN", "STATUS", "STARTED", "FINISHED", "BY", "NEW", "UPD", "SKIP", "FAIL"
            );
            for r in &runs {
                let by = r
                    .owner
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |o| format!("{}:{}", o.host, o.pid));
                let c = &r.counts;
                println!(
                    "{:>5}  {:<11}  {:<23}  {:<23}  {:<24}  {:>6} {:>6} {:>6} {:>6}  {}",
                    r.id.0,
                    r.status.as_str(),
                    when(&r.started_at),
                    r.finished_at.as_ref().map_or_else(|| "-".to_string(), when),
                    by,
                    c.assets_new,
                    c.assets_updated + c.assets_unchanged,
                    c.assets_skipped,
                    c.assets_failed,
                    r.label.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn run_show(args: ShowArgs) -> Result<ExitCode> {
    let catalog = args.target.open().await?;
    let detail = match catalog.asset(&args.asset).await? {
        Some(d) => d,
        None => {
            let candidates = catalog.find_assets(&args.asset, 20).await?;
            match candidates.as_slice() {
                [] => {
                    eprintln!("piicat: no asset matching `{}` in the catalog", args.asset);
                    return Ok(ExitCode::from(1));
                }
                [(id, _)] => catalog.asset_by_id(*id).await?,
                many => {
                    eprintln!(
                        "piicat: `{}` matches {} assets; give one of these:",
                        args.asset,
                        many.len()
                    );
                    for (_, location) in many {
                        eprintln!("  {location}");
                    }
                    return Ok(ExitCode::from(2));
                }
            }
        }
    };
    let mut related: BTreeMap<String, Vec<RelatedField>> = BTreeMap::new();
    for f in detail.fields.iter().filter(|f| f.gone_at.is_none()) {
        if f.findings
            .iter()
            .any(|x| x.sketch_size > 0 && x.resolved_at.is_none())
        {
            let r = catalog.related_fields(f.id).await?;
            if !r.is_empty() {
                related.insert(f.path.clone(), r);
            }
        }
    }
    catalog.close().await;
    match args.format {
        Format::Json => {
            let out = serde_json::json!({ "asset": detail, "related": related });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Table => print_table(&detail, &related, args.history),
    }
    Ok(ExitCode::SUCCESS)
}

fn when(t: &piicat_catalog::DateTime<piicat_catalog::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "-".to_string(), ToString::to_string)
}

fn print_table(a: &AssetDetail, related: &BTreeMap<String, Vec<RelatedField>>, history: usize) {
    println!("{}", a.location);
    println!("  kind         {} ({})", a.kind.as_str(), opt(&a.format));
    println!("  source       {}", opt(&a.source));
    println!("  dataset      {}", a.dataset);
    let mut size = Vec::new();
    if let Some(b) = a.size_bytes {
        size.push(format!("{b} bytes"));
    }
    if let Some(r) = a.row_estimate {
        size.push(format!("~{r} rows"));
    }
    size.push(format!("{} rows sampled", a.rows_sampled));
    println!("  size         {}", size.join(", "));
    println!(
        "  seen         first {}, last {}",
        when(&a.first_seen),
        when(&a.last_seen)
    );
    println!(
        "  sensitivity  {}",
        a.sensitivity.map_or("none", |s| s.as_str())
    );
    println!("  owner        {}", opt(&a.metadata.owner));
    println!("  purpose      {}", opt(&a.metadata.purpose));
    if let Some(d) = &a.metadata.description {
        println!("  description  {d}");
    }
    if !a.metadata.tags.is_empty() {
        println!("  tags         {}", a.metadata.tags.join(", "));
    }
    if let Some(e) = &a.last_error {
        println!("  last error   {e}");
    }
    for n in &a.notes {
        println!("  note         {n}");
    }
    println!();
    println!(
        "{:<28} {:<14} {:<14} {:>5} {:<13} {:<10} EXAMPLES (masked)",
        "FIELD", "TYPE", "CLASS", "CONF", "LIKELIHOOD", "STATUS"
    );
    for f in &a.fields {
        let path = if f.gone_at.is_some() {
            format!("{} (gone)", f.path)
        } else {
            f.path.clone()
        };
        let data_type = f.data_type.as_deref().unwrap_or("-");
        if f.findings.is_empty() {
            println!("{path:<28} {data_type:<14} -");
            continue;
        }
        for (i, x) in f.findings.iter().enumerate() {
            let status = match (&x.resolved_at, &x.status_by) {
                (Some(_), _) => format!("{} (resolved)", x.status),
                (None, Some(by)) => format!("{} by {by}", x.status),
                (None, None) => x.status.to_string(),
            };
            let (p, t) = if i == 0 {
                (path.as_str(), data_type)
            } else {
                ("", "")
            };
            println!(
                "{p:<28} {t:<14} {:<14} {:>5.2} {:<13} {:<10} {}",
                x.class,
                x.confidence,
                x.likelihood.as_str(),
                status,
                x.masked_examples.join("  ")
            );
        }
    }
    if !related.is_empty() {
        println!("\nRELATED FIELDS (shared values, from keyed fingerprints)");
        for (path, rel) in related {
            for r in rel {
                println!(
                    "  {path} ({}) ~ {} {} ({}): {:.0}% of this field's values, {:.0}% of theirs",
                    r.via_class,
                    r.asset,
                    r.path,
                    r.class,
                    r.overlap * 100.0,
                    r.reverse_overlap * 100.0
                );
            }
        }
    }
    if history > 0 && !a.history.is_empty() {
        println!("\nHISTORY (newest first)");
        for e in a.history.iter().take(history) {
            let mut line = format!("  {}  {}", when(&e.at), e.kind);
            if let Some(f) = &e.field {
                line.push_str(&format!("  {f}"));
            }
            if let Some(c) = &e.class {
                line.push_str(&format!("  {c}"));
            }
            if let Some(who) = &e.actor {
                line.push_str(&format!("  by {who}"));
            }
            if !e.detail.is_null() {
                line.push_str(&format!("  {}", e.detail));
            }
            println!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::choose_catalog;

    #[test]
    fn the_flag_beats_the_environment_and_empty_means_not_given() {
        let pg = "postgres://h/db";
        let file = "sqlite:///tmp/c.db";
        assert_eq!(choose_catalog(Some(pg), Some(file)), Some(pg));
        assert_eq!(choose_catalog(Some(""), Some(file)), Some(file));
        assert_eq!(choose_catalog(None, Some(file)), Some(file));
        assert_eq!(choose_catalog(Some(""), Some(" ")), None);
        assert_eq!(choose_catalog(None, None), None);
    }
}
