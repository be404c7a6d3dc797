//! `piicat classify`: PII spans in text from a file or stdin, masked. Streams: the input is
//! read in line-aligned chunks classified in parallel, and output for a chunk is written
//! before the next batch is read, so memory stays flat whatever the input size.

use crate::config::Config;
use anyhow::{Context, Result};
use piicat_classifiers::Engine;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// One finding of a chunk, relative to the chunk: line, start and end within the line,
/// class, confidence, likelihood and the masked value.
type ChunkFinding = (u64, usize, usize, String, f32, &'static str, String);

/// Bytes per chunk handed to one thread.
const CHUNK: usize = 1 << 20;
/// A line longer than this is cut: memory stays bounded even for a file with no newline.
const MAX_CHUNK: usize = 16 << 20;

/// Output formats of `classify`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON document with every finding and a summary.
    Json,
    /// One JSON object per finding per line.
    Ndjson,
}

/// Arguments of `piicat classify`.
#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    /// The file to read; `-` or nothing reads stdin.
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Config file with custom detectors and engine settings.
    #[arg(long, env = "PIICAT_CONFIG")]
    pub config: Option<PathBuf>,
    /// Lowest confidence reported (overrides the config).
    #[arg(long)]
    pub min_confidence: Option<f32>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

/// One finding as printed.
#[derive(Debug, Serialize)]
struct Finding<'a> {
    class: &'a str,
    line: u64,
    start: usize,
    end: usize,
    confidence: f32,
    likelihood: &'static str,
    masked: String,
}

/// Runs the command.
pub fn run(args: ClassifyArgs) -> Result<ExitCode> {
    let config = Config::load_optional(args.config.as_deref())?;
    let mut builder = config.engine_builder()?;
    if let Some(c) = args.min_confidence {
        anyhow::ensure!(
            (0.0..=1.0).contains(&c),
            "--min-confidence {c} is not between 0 and 1"
        );
        builder = builder.min_confidence(c);
    }
    let engine = builder.build()?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .context("cannot start worker threads")?;
    let (name, mut input): (String, Box<dyn Read>) = match &args.file {
        None => ("<stdin>".into(), Box::new(std::io::stdin().lock())),
        Some(p) if p.as_os_str() == "-" => ("<stdin>".into(), Box::new(std::io::stdin().lock())),
        Some(p) => (
            p.display().to_string(),
            Box::new(
                std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
            ),
        ),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let found = classify_stream(&engine, &mut *input, &pool, args.format, &mut out)
        .with_context(|| format!("while classifying {name}"))?;
    out.flush()?;
    Ok(if found > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads line-aligned chunks in batches of `threads`, classifies a batch in parallel and
/// writes it in input order. Returns the number of findings.
fn classify_stream(
    engine: &Engine,
    input: &mut dyn Read,
    pool: &rayon::ThreadPool,
    format: Format,
    out: &mut dyn Write,
) -> Result<u64> {
    let threads = pool.current_num_threads().max(1);
    let mut reader = ChunkReader::new(input);
    let mut line_base: u64 = 0;
    let mut total = 0u64;
    let mut by_class: std::collections::BTreeMap<String, u64> = Default::default();
    if format == Format::Json {
        write!(out, "{{\"findings\":[")?;
    } else if format == Format::Table {
        writeln!(
            out,
            "{:<6} {:<5} {:<5} {:<22} {:>5} {:<13} MASKED",
            "LINE", "START", "END", "CLASS", "CONF", "LIKELIHOOD"
        )?;
    }
    loop {
        let mut batch = Vec::with_capacity(threads);
        for _ in 0..threads {
            match reader.next_chunk()? {
                Some(c) => batch.push(c),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<(u64, Vec<ChunkFinding>)> = pool.install(|| {
            batch
                .par_iter()
                .map(|chunk| {
                    let text = String::from_utf8_lossy(chunk);
                    let lines = memchr::memchr_iter(b'\n', chunk).count() as u64;
                    let mut found = Vec::new();
                    let mut line_no = 0u64;
                    let mut line_start = 0usize;
                    let mut scanned = 0usize;
                    for m in engine.find_in_text(&text) {
                        // Advance the line counter to the match, counting newlines once.
                        let nl = memchr::memchr_iter(b'\n', &text.as_bytes()[scanned..m.start]);
                        for i in nl {
                            line_no += 1;
                            line_start = scanned + i + 1;
                        }
                        scanned = m.start;
                        found.push((
                            line_no,
                            m.start - line_start,
                            m.end - line_start,
                            m.class.id.clone(),
                            m.confidence,
                            m.likelihood.as_str(),
                            m.masked(),
                        ));
                    }
                    (lines, found)
                })
                .collect()
        });
        for (lines, found) in results {
            for (line, start, end, class, confidence, likelihood, masked) in found {
                let f = Finding {
                    class: &class,
                    line: line_base + line + 1,
                    start,
                    end,
                    confidence: (confidence * 100.0).round() / 100.0,
                    likelihood,
                    masked,
                };
                match format {
                    Format::Ndjson => {
                        serde_json::to_writer(&mut *out, &f)?;
                        writeln!(out)?;
                    }
                    Format::Json => {
                        if total > 0 {
                            write!(out, ",")?;
                        }
                        serde_json::to_writer(&mut *out, &f)?;
                    }
                    Format::Table => writeln!(
                        out,
                        "{:<6} {:<5} {:<5} {:<22} {:>5.2} {:<13} {}",
                        f.line, f.start, f.end, f.class, f.confidence, f.likelihood, f.masked
                    )?,
                }
                *by_class.entry(class).or_default() += 1;
                total += 1;
            }
            line_base += lines;
        }
        out.flush()?;
    }
    match format {
        Format::Json => {
            writeln!(
                out,
                "],\"summary\":{{\"findings\":{total},\"by_class\":{}}}}}",
                serde_json::to_string(&by_class)?
            )?;
        }
        Format::Table => {
            let summary: Vec<String> = by_class.iter().map(|(c, n)| format!("{c}={n}")).collect();
            writeln!(
                out,
                "\n{total} findings{}{}",
                if summary.is_empty() { "" } else { ": " },
                summary.join(" ")
            )?;
        }
        Format::Ndjson => {}
    }
    Ok(total)
}

/// Splits a byte stream into chunks that end at a newline (or at `MAX_CHUNK` for an
/// endless line).
struct ChunkReader<'r> {
    input: &'r mut dyn Read,
    carry: Vec<u8>,
    eof: bool,
}

impl<'r> ChunkReader<'r> {
    fn new(input: &'r mut dyn Read) -> Self {
        ChunkReader {
            input,
            carry: Vec::new(),
            eof: false,
        }
    }

    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>> {
        let mut buf = std::mem::take(&mut self.carry);
        while !self.eof && buf.len() < CHUNK {
            let old = buf.len();
            buf.resize(old + CHUNK, 0);
            let n = loop {
                match self.input.read(&mut buf[old..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e).context("read failed"),
                }
            };
            buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
            }
        }
        if buf.is_empty() {
            return Ok(None);
        }
        if self.eof {
            return Ok(Some(buf));
        }
        match memchr::memrchr(b'\n', &buf) {
            Some(i) => {
                self.carry = buf.split_off(i + 1);
                Ok(Some(buf))
            }
            None if buf.len() >= MAX_CHUNK => Ok(Some(buf)),
            None => {
                // No newline yet: keep reading this line (up to MAX_CHUNK).
                self.carry = buf;
                let more = self.next_chunk_grow()?;
                Ok(more)
            }
        }
    }

    fn next_chunk_grow(&mut self) -> Result<Option<Vec<u8>>> {
        let mut buf = std::mem::take(&mut self.carry);
        loop {
            let old = buf.len();
            buf.resize(old + CHUNK, 0);
            let n = self.input.read(&mut buf[old..]).context("read failed")?;
            buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
                return Ok(Some(buf));
            }
            if let Some(i) = memchr::memchr(b'\n', &buf[old..]) {
                let cut = old + i + 1;
                self.carry = buf.split_off(cut);
                return Ok(Some(buf));
            }
            if buf.len() >= MAX_CHUNK {
                return Ok(Some(buf));
            }
        }
    }
}
