//! Plain text and logs, line by line. A JSON object embedded in a line
//! (`2026-01-01T00:00:00Z INFO {"user":{"email":...}}`) is classified by field path; the
//! rest of the line, and every other line, is free text for the engine.

use super::json::Flatten;
use super::{Input, LineText};
use crate::formats::collect::Collector;
use serde::de::{DeserializeSeed, IgnoredAny};
use std::io;

/// The embedded JSON object of a line, as (start, end) byte offsets, when it parses.
fn embedded_json(line: &str) -> Option<(usize, usize)> {
    let start = line.find('{')?;
    let end = line.rfind('}')? + 1;
    if end <= start {
        return None;
    }
    serde_json::from_str::<IgnoredAny>(&line[start..end]).ok()?;
    Some((start, end))
}

pub(crate) fn scan(input: &mut Input, c: &mut Collector<'_>) -> io::Result<&'static str> {
    let mut text = LineText::default();
    let mut path = String::new();
    let mut json_lines = 0u64;
    for seg in input.segments.iter_mut() {
        while let Some(line) = seg.next_line()? {
            let line = text.decode(line);
            if line.trim().is_empty() {
                continue;
            }
            c.rows += 1;
            match embedded_json(&line) {
                Some((start, end)) => {
                    json_lines += 1;
                    path.clear();
                    let mut de = serde_json::Deserializer::from_str(&line[start..end]);
                    // Validated above; a failure here cannot happen, and would only lose the line.
                    let _ = Flatten {
                        path: &mut path,
                        c: &mut *c,
                    }
                    .deserialize(&mut de);
                    let rest = format!("{} {}", &line[..start], &line[end..]);
                    if !rest.trim().is_empty() {
                        c.text_line(rest.trim());
                    }
                }
                None => c.text_line(&line),
            }
        }
    }
    if json_lines > 0 {
        c.note(format!(
            "{json_lines} line(s) held a JSON object, classified by field path"
        ));
    }
    text.notes(input, c);
    Ok("log")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_json_in_a_log_line() {
        let line = r#"2026-01-01T00:00:00Z INFO {"user":{"id":1}} done"#;
        let (s, e) = embedded_json(line).unwrap();
        assert_eq!(&line[s..e], r#"{"user":{"id":1}}"#);
        assert!(embedded_json("GET /index.html {not json}").is_none());
        assert!(embedded_json("no braces").is_none());
    }
}
