//! The configuration file (`piicat.toml`): engine settings and custom detectors here; the
//! scanner's sources, schedules and policies join it as those parts grow. Unknown keys are an
//! error that names the key. Dictionary files of custom detectors are read here, relative to
//! the config file, so the engine itself does no I/O.

use anyhow::{Context, Result};
use piicat_classifiers::{CustomDetector, Engine, EngineBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The whole configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Detection engine settings.
    #[serde(default)]
    pub engine: EngineConfig,
    /// Custom detectors.
    #[serde(default)]
    pub detectors: Vec<CustomDetector>,
    /// Scan sources (read by `piicat scan`).
    #[serde(default)]
    pub sources: Vec<toml::Table>,
    /// Where the file was read from, to resolve relative paths.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// `[engine]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineConfig {
    /// Lowest confidence reported (0..=1, default 0.5).
    pub min_confidence: Option<f32>,
    /// Built-in class ids to turn off.
    #[serde(default)]
    pub disabled_classes: Vec<String>,
}

impl Config {
    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        let mut config: Config = toml::from_str(&text)
            .with_context(|| format!("config file {} is not valid", path.display()))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Reads an optional config file; no file means the defaults.
    pub fn load_optional(path: Option<&Path>) -> Result<Config> {
        path.map(Config::load)
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// The engine this config describes: built-ins, settings and custom detectors (with their
    /// dictionary files read).
    pub fn engine_builder(&self) -> Result<EngineBuilder> {
        let base = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or_else(|| Path::new("."));
        let mut detectors = self.detectors.clone();
        for d in &mut detectors {
            if let Some(file) = &d.dictionary_file {
                let path = base.join(file);
                let text = std::fs::read_to_string(&path).with_context(|| {
                    format!(
                        "detector `{}`: cannot read dictionary_file {}",
                        d.id,
                        path.display()
                    )
                })?;
                d.dictionary.extend(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(String::from),
                );
            }
        }
        let mut builder = Engine::builder()
            .custom(detectors)
            .disable(self.engine.disabled_classes.iter().cloned());
        if let Some(c) = self.engine.min_confidence {
            anyhow::ensure!(
                (0.0..=1.0).contains(&c),
                "[engine] min_confidence {c} is not between 0 and 1"
            );
            builder = builder.min_confidence(c);
        }
        Ok(builder)
    }

    /// Builds the engine.
    pub fn engine(&self) -> Result<Engine> {
        Ok(self.engine_builder()?.build()?)
    }
}
