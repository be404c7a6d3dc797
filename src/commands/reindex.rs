//! `piicat reindex`: rebuilds the search index from the catalog store. The index is derived
//! data; this is always safe, and also happens by itself when the index is missing or corrupt.

use super::catalog::{CatalogTarget, runtime};
use anyhow::Result;
use std::process::ExitCode;

/// Arguments of `piicat reindex`.
#[derive(Debug, clap::Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub target: CatalogTarget,
}

/// Runs the command.
pub fn run(args: ReindexArgs) -> Result<ExitCode> {
    runtime()?.block_on(async move {
        let catalog = args.target.open().await?;
        let stats = catalog.reindex().await?;
        println!(
            "reindexed {} assets ({} documents) into {}",
            stats.assets,
            stats.documents,
            catalog.index().dir().display()
        );
        catalog.close().await;
        Ok(ExitCode::SUCCESS)
    })
}
