//! `piicat search QUERY`: searches the catalog — free text over names, paths, owners,
//! descriptions and classes, typo-tolerant on names, plus filters (`class:EMAIL
//! sensitivity:>=high source:prod-db owner:data-platform tag:GDPR status:confirmed
//! kind:table type:field`). Prints one page of hits with what matched, and facet counts.

use super::catalog::{CatalogTarget, Format, runtime};
use anyhow::Result;
use piicat_catalog::{Dimension, HitKind, Page, SearchResults};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Arguments of `piicat search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The query (several words are joined). Nothing lists everything, most sensitive first.
    pub query: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Hits per page (at most 100).
    #[arg(long, default_value_t = 20)]
    pub per_page: usize,
    #[command(flatten)]
    pub target: CatalogTarget,
}

/// Runs the command. Exit code 0 with hits, 1 with none (like grep).
pub fn run(args: SearchArgs) -> Result<ExitCode> {
    runtime()?.block_on(async move {
        let catalog = args.target.open().await?;
        let query = args.query.join(" ");
        let results = catalog
            .search(&query, Page::new(args.page, args.per_page))
            .await?;
        catalog.close().await;
        match args.format {
            Format::Json => println!("{}", serde_json::to_string_pretty(&results)?),
            Format::Table => print_table(&results, std::io::stdout().is_terminal()),
        }
        Ok(if results.total == 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    })
}

fn print_table(r: &SearchResults, terminal: bool) {
    let (open, close) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    if r.hits.is_empty() {
        println!("no hits");
    } else {
        println!(
            "{:<9} {:<6} {:<32} {:<28} {:<16} LOCATION",
            "SENSITIV.", "KIND", "NAME", "CLASSES", "OWNER"
        );
    }
    for h in &r.hits {
        let name = h
            .highlights
            .iter()
            .find(|x| x.field == "name")
            .map_or_else(|| h.name.clone(), |x| x.marked(open, close));
        // Padding counts the escape codes too: pad the plain name, print the marked one.
        let pad = 32usize.saturating_sub(h.name.chars().count());
        println!(
            "{:<9} {:<6} {name}{:pad$} {:<28} {:<16} {}",
            h.sensitivity.map_or("-", |s| s.as_str()),
            match h.kind {
                HitKind::Asset => "asset",
                HitKind::Field => "field",
            },
            "",
            h.classes.join(","),
            h.owner.as_deref().unwrap_or("-"),
            h.location,
        );
        for x in h
            .highlights
            .iter()
            .filter(|x| x.field == "description" || x.field == "purpose")
        {
            println!("{:17}{}: {}", "", x.field, x.marked(open, close));
        }
    }
    let pages = r.total.div_ceil(r.page.size).max(1);
    println!(
        "\n{} hit{} (page {} of {pages})",
        r.total,
        if r.total == 1 { "" } else { "s" },
        r.page.number
    );
    for dim in Dimension::ALL {
        let counts = r.facet(dim);
        if counts.is_empty() {
            continue;
        }
        let shown: Vec<String> = counts
            .iter()
            .take(8)
            .map(|c| format!("{} ({})", c.value, c.count))
            .collect();
        let more = if counts.len() > 8 { ", ..." } else { "" };
        println!("  {:<12} {}{more}", format!("{dim}:"), shown.join(", "));
    }
}
