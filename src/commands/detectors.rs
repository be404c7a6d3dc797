//! `piicat detectors`: every data class with its category, sensitivity, checks and hints.

use crate::config::Config;
use anyhow::Result;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// A JSON array.
    Json,
}

/// Arguments of `piicat detectors`.
#[derive(Debug, clap::Args)]
pub struct DetectorsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Config file with custom detectors.
    #[arg(long, env = "PIICAT_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    category: &'static str,
    sensitivity: &'static str,
    compliance: Vec<&'static str>,
    validators: Vec<String>,
    needs_context: bool,
    hints: Vec<String>,
    patterns: Vec<String>,
    description: &'a str,
}

/// Runs the command.
pub fn run(args: DetectorsArgs) -> Result<ExitCode> {
    let config = Config::load_optional(args.config.as_deref())?;
    let engine = config.engine()?;
    let rows: Vec<Row> = engine
        .classes()
        .iter()
        .map(|c| {
            let dets = engine.detectors_of(&c.id);
            let mut validators: Vec<String> = dets.iter().map(|d| d.check.describe()).collect();
            validators.dedup();
            Row {
                id: &c.id,
                name: &c.name,
                category: c.category.as_str(),
                sensitivity: c.sensitivity.as_str(),
                compliance: c.compliance.iter().map(|t| t.as_str()).collect(),
                validators,
                needs_context: dets.iter().all(|d| d.field_needs_hint),
                hints: engine.hints_of(&c.id),
                patterns: dets
                    .iter()
                    .flat_map(|d| d.patterns.iter().cloned())
                    .collect(),
                description: &c.description,
            }
        })
        .collect();
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        Format::Table => {
            println!(
                "{:<22} {:<13} {:<9} {:<34} {:<6} HINTS",
                "CLASS", "CATEGORY", "SENSITIV.", "VALIDATOR", "HINT?"
            );
            for r in &rows {
                let hints: Vec<&str> = r.hints.iter().take(5).map(String::as_str).collect();
                println!(
                    "{:<22} {:<13} {:<9} {:<34} {:<6} {}",
                    r.id,
                    r.category,
                    r.sensitivity,
                    r.validators.join(", "),
                    if r.needs_context { "yes" } else { "no" },
                    hints.join(", ")
                );
            }
            let (given, family) = engine.name_dictionary_sizes();
            println!(
                "\n{} classes; name dictionaries: {given} given names, {family} family names",
                rows.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
