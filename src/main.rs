//! The `piicat` command line: parses arguments and config, builds the parts, calls them and
//! prints. No business logic lives here.

mod commands;
mod config;
mod logging;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// piicat: find personal data, catalog it, and grant just-in-time access to it.
#[derive(Debug, Parser)]
#[command(name = "piicat", version, about, long_about = None)]
struct Cli {
    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value_t = logging::LogFormat::Text)]
    log_format: logging::LogFormat,
    /// More logging (-v info, -vv debug). Logs never contain raw values.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find PII spans in text (a file or stdin), masked.
    Classify(commands::classify::ClassifyArgs),
    /// List every data class the engine detects.
    Detectors(commands::detectors::DetectorsArgs),
    /// Scan files, buckets and databases for personal data.
    Scan(commands::scan::ScanArgs),
    /// Search the catalog: free text plus filters (class:EMAIL sensitivity:>=high owner:...).
    Search(commands::search::SearchArgs),
    /// Look into the catalog (`catalog show ASSET`).
    Catalog(commands::catalog::CatalogArgs),
    /// Rebuild the catalog's search index from the catalog store.
    Reindex(commands::reindex::ReindexArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init(cli.log_format, cli.verbose);
    let result = match cli.command {
        Command::Classify(args) => commands::classify::run(args),
        Command::Detectors(args) => commands::detectors::run(args),
        Command::Scan(args) => commands::scan::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Catalog(args) => commands::catalog::run(args),
        Command::Reindex(args) => commands::reindex::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("piicat: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
