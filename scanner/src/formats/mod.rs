//! Reading one file or object: format detection (extension, then content), transparent
//! gzip/zstd through a size-capped decoder, sampling (head plus seeded random windows cut to
//! whole lines) or full streaming, then the format's reader. Everything here runs on a
//! blocking thread and keeps memory bounded: ranges and lines have caps, values go straight
//! to the engine.
//!
//! Text must be UTF-8: a file whose first 64 KiB hold NUL bytes is `not_text` (binary), and so
//! is one whose first 64 KiB are not valid UTF-8. Past that head, a stray invalid byte does
//! not fail the asset: the line is decoded lossily and a note counts such lines.
//!
//! Limits are errors, never silent: a line longer than `max_line_bytes` is cut (its head is
//! classified, the rest skipped without buffering) and a decompressed stream longer than
//! `max_decompressed_bytes` is stopped; either way the report keeps what was read and
//! carries a `too_large` error saying the asset was not read whole.

pub(crate) mod collect;
pub(crate) mod delimited;
pub(crate) mod json;
pub(crate) mod lines;
pub(crate) mod parquet;
pub(crate) mod text;

use crate::error::{TooLarge, io_error};
use crate::options::{SamplingMode, ScanOptions};
use crate::store::Blob;
use bytes::Bytes;
use collect::Collector;
use lines::LineReader;
use piicat_classifiers::{AssetError, AssetErrorKind, Engine};
use rand::{Rng, SeedableRng};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};

/// Bytes of (decompressed) content inspected to tell text from binary and to sniff formats.
const SNIFF_BYTES: usize = 64 << 10;

/// How the bytes are compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

/// What the content is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Csv,
    Tsv,
    Json,
    Ndjson,
    Log,
    Parquet,
}

/// The format a name suggests: (content kind if the extension says, compression).
pub(crate) fn by_name(name: &str) -> (Option<Kind>, Compression) {
    let lower = name.to_ascii_lowercase();
    let (stem, compression) = if let Some(s) = lower
        .strip_suffix(".gz")
        .or_else(|| lower.strip_suffix(".gzip"))
    {
        (s, Compression::Gzip)
    } else if let Some(s) = lower
        .strip_suffix(".zst")
        .or_else(|| lower.strip_suffix(".zstd"))
    {
        (s, Compression::Zstd)
    } else {
        (lower.as_str(), Compression::None)
    };
    let ext = stem.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let kind = match ext {
        "csv" => Some(Kind::Csv),
        "tsv" | "tab" => Some(Kind::Tsv),
        "json" => Some(Kind::Json),
        "ndjson" | "jsonl" | "ldjson" => Some(Kind::Ndjson),
        "parquet" | "pq" => Some(Kind::Parquet),
        "log" | "txt" | "text" | "out" | "err" | "md" => Some(Kind::Log),
        // Rotated logs: app.log.1
        _ if stem.contains(".log.") => Some(Kind::Log),
        _ => None,
    };
    (kind, compression)
}

/// Whether a name is an SQLite database to hand to the database scanner.
pub(crate) fn is_sqlite_name(name: &str) -> bool {
    crate::target::is_sqlite_path(std::path::Path::new(name))
}

/// Decoded text with the per-file counters that become notes.
#[derive(Default)]
pub(crate) struct LineText {
    lossy_lines: u64,
}

impl LineText {
    /// The line as text; invalid UTF-8 is decoded lossily and counted.
    pub fn decode<'a>(&mut self, line: &'a [u8]) -> Cow<'a, str> {
        match std::str::from_utf8(line) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                self.lossy_lines += 1;
                String::from_utf8_lossy(line)
            }
        }
    }

    /// Adds notes about lossy decoding and cut lines.
    pub fn notes(&self, input: &Input, c: &mut Collector<'_>) {
        if self.lossy_lines > 0 {
            c.note(format!(
                "{} line(s) held invalid UTF-8 and were decoded lossily",
                self.lossy_lines
            ));
        }
        let cut: u64 = input.segments.iter().map(|s| s.cut_lines).sum();
        if cut > 0 {
            c.note(format!(
                "{cut} line(s) longer than {} bytes were cut (max_line_bytes)",
                input.max_line
            ));
        }
    }
}

pub(crate) type Segment = LineReader<Box<dyn BufRead + Send>>;

/// What a reader consumes: segments of whole lines (the head first), and how many rows it
/// may take in all (sample mode).
pub(crate) struct Input {
    pub segments: Vec<Segment>,
    pub row_quota: Option<u64>,
    pub max_line: usize,
}

/// Turns a size-capped decoder's overflow into a `TooLarge` error instead of reading on.
struct CappedReader<R> {
    inner: R,
    remaining: u64,
    cap: u64,
}

impl<R: Read> Read for CappedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 {
            // One more byte would prove the cap is exceeded; none means a clean end.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(TooLarge { cap: self.cap })),
            };
        }
        let max = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

fn decoder(
    raw: Box<dyn Read + Send>,
    compression: Compression,
) -> io::Result<Box<dyn Read + Send>> {
    Ok(match compression {
        Compression::None => raw,
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            64 << 10,
            raw,
        ))),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(raw)?),
    })
}

fn magic_compression(head: &[u8]) -> Option<Compression> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(Compression::Gzip)
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Some(Compression::Zstd)
    } else {
        None
    }
}

/// Checks the first bytes of content are text. Returns the reason when they are not.
fn text_check(head: &[u8], complete: bool) -> Option<String> {
    if head.contains(&0) {
        return Some(
            "binary content (NUL bytes); piicat reads text, CSV, JSON and Parquet".to_string(),
        );
    }
    match std::str::from_utf8(head) {
        Ok(_) => None,
        // An incomplete character at the very end of a cut sample is not an error.
        Err(e) if e.error_len().is_none() && !complete => None,
        Err(e) => Some(format!(
            "not UTF-8 text: invalid byte sequence at offset {}; convert the file to UTF-8",
            e.valid_up_to()
        )),
    }
}

/// Content kind from the first bytes, for names that do not say.
fn sniff_kind(head: &[u8], name_kind: Option<Kind>) -> Kind {
    let text = String::from_utf8_lossy(&head[..head.len().min(SNIFF_BYTES)]);
    let trimmed = text.trim_start();
    let first_line = trimmed.lines().next().unwrap_or("");
    let first_is_object = first_line.trim_end().ends_with('}')
        && serde_json::from_str::<serde::de::IgnoredAny>(first_line).is_ok()
        && first_line.starts_with('{');
    match name_kind {
        Some(Kind::Json)
            if first_is_object
                && trimmed
                    .lines()
                    .nth(1)
                    .is_some_and(|l| l.trim_start().starts_with('{')) =>
        {
            Kind::Ndjson
        }
        Some(k) => k,
        None if first_is_object => Kind::Ndjson,
        None if trimmed.starts_with('[') || trimmed.starts_with('{') => Kind::Json,
        None => Kind::Log,
    }
}

/// How one blob was read.
pub(crate) struct FileOutcome {
    pub format: &'static str,
    pub row_estimate: Option<u64>,
    pub schema_fingerprint: Option<String>,
}

/// Reads one blob into `c`. On a mid-stream failure the error is returned along with
/// whatever the collector already holds (the caller keeps both).
pub(crate) fn scan_blob(
    blob: &Blob,
    engine: &Engine,
    opts: &ScanOptions,
    c: &mut Collector<'_>,
    seed: u64,
) -> Result<FileOutcome, AssetError> {
    let (name_kind, name_compression) = by_name(blob.name());
    if name_kind == Some(Kind::Parquet) && name_compression == Compression::None {
        return parquet::scan(blob, engine, opts, c, seed);
    }
    let sample = opts.mode == SamplingMode::Sample;
    let max_line = usize::try_from(opts.max_line_bytes)
        .unwrap_or(usize::MAX)
        .max(1);
    let budget = opts
        .text_head_bytes
        .saturating_add(u64::from(opts.text_windows).saturating_mul(opts.text_window_bytes));
    let small = blob.size <= budget;

    // Sampled reads of a large plain file: head + windows by range, never the whole file.
    if sample && !small && name_compression == Compression::None {
        let head = blob.read_range(0..opts.text_head_bytes)?;
        if head.starts_with(b"PAR1") {
            return parquet::scan(blob, engine, opts, c, seed);
        }
        if magic_compression(&head).is_none() {
            if let Some(reason) = text_check(&head[..head.len().min(SNIFF_BYTES)], false) {
                return Err(AssetError::new(
                    AssetErrorKind::NotText,
                    format!("{}: {reason}", blob.location),
                ));
            }
            let kind = sniff_kind(&head, name_kind);
            // No line end in the whole head: the first line is longer than the head.
            let first_line_too_long = memchr::memchr(b'\n', &head).is_none();
            let mut chunks = vec![cut_to_lines(head, false, true)];
            chunks.extend(windows(blob, opts, seed)?);
            let mut segments: Vec<Segment> = chunks
                .into_iter()
                .map(|b| {
                    LineReader::new(
                        Box::new(io::Cursor::new(b)) as Box<dyn BufRead + Send>,
                        max_line,
                    )
                })
                .collect();
            if first_line_too_long && let Some(head) = segments.first_mut() {
                head.cut_lines += 1;
            }
            let mut input = Input {
                segments,
                row_quota: Some(opts.sample_rows),
                max_line,
            };
            c.note(format!(
                "sampled: the first {} bytes and {} random window(s) of {} bytes",
                opts.text_head_bytes, opts.text_windows, opts.text_window_bytes
            ));
            return read_kind(kind, &mut input, c, &blob.location);
        }
    }

    // Everything else streams: small files, full mode, compressed content.
    let raw = blob.open()?;
    let mut raw = BufReader::with_capacity(64 << 10, raw);
    let magic = raw.fill_buf().map_err(|e| io_error(&blob.location, &e))?;
    if magic.starts_with(b"PAR1") {
        drop(raw);
        return parquet::scan(blob, engine, opts, c, seed);
    }
    let compression = magic_compression(magic).unwrap_or(Compression::None);
    if name_compression != Compression::None && compression != name_compression {
        return Err(AssetError::new(
            AssetErrorKind::Corrupt,
            format!(
                "{}: the name says compressed but the content has no matching header",
                blob.location
            ),
        ));
    }
    let decoded = decoder(Box::new(raw), compression).map_err(|e| io_error(&blob.location, &e))?;
    let limited: Box<dyn Read + Send> = if sample && compression != Compression::None {
        c.note(format!(
            "compressed: sampled the first {budget} decompressed bytes"
        ));
        Box::new(decoded.take(budget))
    } else if compression != Compression::None {
        Box::new(CappedReader {
            inner: decoded,
            remaining: opts.max_decompressed_bytes,
            cap: opts.max_decompressed_bytes,
        })
    } else {
        decoded
    };
    let mut reader = BufReader::with_capacity(64 << 10, limited);
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| io_error(&blob.location, &e))?;
    let complete = head.len() < SNIFF_BYTES;
    if let Some(reason) = text_check(&head, complete) {
        return Err(AssetError::new(
            AssetErrorKind::NotText,
            format!("{}: {reason}", blob.location),
        ));
    }
    let kind = sniff_kind(&head, name_kind);
    let stream: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(
        64 << 10,
        io::Cursor::new(head).chain(reader),
    ));
    let mut input = Input {
        segments: vec![LineReader::new(stream, max_line)],
        row_quota: sample.then_some(opts.sample_rows),
        max_line,
    };
    read_kind(kind, &mut input, c, &blob.location)
}

fn read_kind(
    kind: Kind,
    input: &mut Input,
    c: &mut Collector<'_>,
    location: &str,
) -> Result<FileOutcome, AssetError> {
    let result = match kind {
        Kind::Csv => delimited::scan(input, None, c),
        Kind::Tsv => delimited::scan(input, Some(b'\t'), c),
        Kind::Json => json::scan_document(input, c),
        Kind::Ndjson => json::scan_lines(input, c),
        Kind::Log | Kind::Parquet => text::scan(input, c),
    };
    let cut: u64 = input.segments.iter().map(|s| s.cut_lines).sum();
    match result {
        Ok(_) if cut > 0 => Err(AssetError::new(
            AssetErrorKind::TooLarge,
            format!(
                "{location}: {cut} line(s) longer than max_line_bytes ({} bytes); their first {} bytes were classified, the rest skipped",
                input.max_line, input.max_line
            ),
        )),
        Ok(format) => Ok(FileOutcome {
            format,
            row_estimate: None,
            schema_fingerprint: None,
        }),
        Err(e) => {
            if let Some(t) = e.get_ref().and_then(|i| i.downcast_ref::<TooLarge>()) {
                // What was read before the cap is kept in the report (the caller keeps
                // fields when rows were read); the error says the asset was not read whole.
                return Err(AssetError::new(
                    AssetErrorKind::TooLarge,
                    format!("{location}: stopped early: {t}"),
                ));
            }
            Err(io_error(location, &e))
        }
    }
}

/// Trims a range read to whole lines: drop the partial first line (unless the range starts
/// the file) and the partial last line (unless it ends the file).
fn cut_to_lines(bytes: Bytes, drop_first: bool, drop_last: bool) -> Bytes {
    let mut start = 0;
    if drop_first {
        match memchr::memchr(b'\n', &bytes) {
            Some(i) => start = i + 1,
            None => return Bytes::new(),
        }
    }
    let mut end = bytes.len();
    if drop_last && let Some(i) = memchr::memrchr(b'\n', &bytes[start..]) {
        end = start + i + 1;
    }
    bytes.slice(start..end)
}

/// Seeded random windows after the head, each cut to whole lines, in file order.
fn windows(blob: &Blob, opts: &ScanOptions, seed: u64) -> Result<Vec<Bytes>, AssetError> {
    let start = opts.text_head_bytes;
    let span = blob
        .size
        .saturating_sub(start)
        .saturating_sub(opts.text_window_bytes);
    if span == 0 || opts.text_windows == 0 {
        return Ok(Vec::new());
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut offsets: Vec<u64> = (0..opts.text_windows)
        .map(|_| start + rng.random_range(0..span))
        .collect();
    offsets.sort_unstable();
    let mut out = Vec::with_capacity(offsets.len());
    for off in offsets {
        let bytes = blob.read_range(off..off + opts.text_window_bytes)?;
        let ends_file = off + opts.text_window_bytes >= blob.size;
        let chunk = cut_to_lines(bytes, true, !ends_file);
        if !chunk.is_empty() {
            out.push(chunk);
        }
    }
    Ok(out)
}

/// A stable short hash (FNV-1a, hex) for schema fingerprints.
pub(crate) fn fingerprint(parts: impl IntoIterator<Item = impl AsRef<[u8]>>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_ref() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_formats() {
        assert_eq!(
            by_name("access.log.gz"),
            (Some(Kind::Log), Compression::Gzip)
        );
        assert_eq!(by_name("x.CSV"), (Some(Kind::Csv), Compression::None));
        assert_eq!(
            by_name("e.ndjson.zst"),
            (Some(Kind::Ndjson), Compression::Zstd)
        );
        assert_eq!(
            by_name("part-0001.parquet"),
            (Some(Kind::Parquet), Compression::None)
        );
        assert_eq!(by_name("README"), (None, Compression::None));
    }

    #[test]
    fn binary_and_bad_utf8_are_not_text() {
        assert!(text_check(b"abc\0def", true).unwrap().contains("NUL"));
        assert!(
            text_check(b"caf\xe9 au lait", true)
                .unwrap()
                .contains("offset 3")
        );
        assert!(text_check("café".as_bytes(), true).is_none());
        // a cut multi-byte character at the end of a partial sample is fine
        assert!(text_check(&"café".as_bytes()[..4], false).is_none());
    }

    #[test]
    fn windows_are_cut_to_whole_lines() {
        let b = Bytes::from_static(b"tail\nline one\nline two\npartial");
        assert_eq!(
            &cut_to_lines(b.clone(), true, true)[..],
            b"line one\nline two\n"
        );
        assert_eq!(
            &cut_to_lines(b, false, false)[..],
            b"tail\nline one\nline two\npartial"
        );
    }

    #[test]
    fn capped_reader_errors_past_the_cap() {
        let data = [b'a'; 100];
        let mut r = CappedReader {
            inner: &data[..],
            remaining: 10,
            cap: 10,
        };
        let mut out = Vec::new();
        let err = r.read_to_end(&mut out).unwrap_err();
        assert!(err.get_ref().unwrap().downcast_ref::<TooLarge>().is_some());
        let mut r = CappedReader {
            inner: &data[..10],
            remaining: 10,
            cap: 10,
        };
        assert_eq!(r.read_to_end(&mut Vec::new()).unwrap(), 10);
    }
}
