//! CSV and TSV: delimiter and header sniffing, then one record per line. Records are split
//! line by line (a quoted field cannot span lines) so that a stray quote can never swallow
//! the rest of a file into one record — memory stays bounded by the line cap.

use super::{Input, LineText};
use crate::formats::collect::Collector;
use std::io;

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
const SNIFF_LINES: usize = 20;

/// Splits one line into fields, honouring `"` quoting with `""` escapes. Reuses `out`.
pub(crate) fn split_record(line: &str, delim: u8, out: &mut Vec<String>) {
    out.clear();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut at_start = true;
    let mut chars = line.chars().peekable();
    let delim = delim as char;
    while let Some(ch) = chars.next() {
        if in_quotes {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(ch);
            }
        } else if ch == delim {
            out.push(std::mem::take(&mut field));
            at_start = true;
            continue;
        } else if ch == '"' && at_start {
            in_quotes = true;
        } else {
            field.push(ch);
        }
        at_start = false;
    }
    out.push(field);
}

/// Picks the delimiter that splits the sample lines most consistently into 2+ fields.
pub(crate) fn sniff_delimiter(lines: &[String]) -> Option<u8> {
    let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return None;
    }
    let mut best: Option<(f64, usize, u8)> = None;
    let mut fields = Vec::new();
    for &d in &CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| {
                split_record(l, d, &mut fields);
                fields.len()
            })
            .collect();
        let mut freq: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for &c in &counts {
            *freq.entry(c).or_default() += 1;
        }
        let Some((&mode, &n)) = freq.iter().max_by_key(|&(&c, &n)| (n, c)) else {
            continue;
        };
        if mode < 2 {
            continue;
        }
        let consistency = n as f64 / counts.len() as f64;
        let better = match best {
            None => true,
            Some((bc, bm, _)) => {
                consistency > bc + 1e-9 || ((consistency - bc).abs() < 1e-9 && mode > bm)
            }
        };
        if better {
            best = Some((consistency, mode, d));
        }
    }
    best.filter(|(c, _, _)| *c >= 0.5).map(|(_, _, d)| d)
}

fn looks_like_value(field: &str) -> bool {
    let f = field.trim();
    f.is_empty()
        || f.len() > 64
        || f.parse::<f64>().is_ok()
        || f.contains('@')
        || f.chars().filter(|c| c.is_ascii_digit()).count() * 2 > f.len()
}

/// A first row is a header when its fields are non-empty, distinct and none looks like a
/// value (a number, an e-mail, mostly digits).
pub(crate) fn is_header(first: &[String]) -> bool {
    if first.is_empty() || first.iter().any(|f| looks_like_value(f)) {
        return false;
    }
    let mut seen = std::collections::HashSet::new();
    first
        .iter()
        .all(|f| seen.insert(f.trim().to_ascii_lowercase()))
}

fn column_names(header: Option<&[String]>, n: usize) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let name = header
            .and_then(|h| h.get(i))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("column_{}", i + 1));
        let name = if names.contains(&name) {
            format!("{name}_{}", i + 1)
        } else {
            name
        };
        names.push(name);
    }
    names
}

/// Reads delimited records from every segment into `c`. `delim` is fixed for TSV, sniffed
/// otherwise.
pub(crate) fn scan(
    input: &mut Input,
    delim: Option<u8>,
    c: &mut Collector<'_>,
) -> io::Result<&'static str> {
    let mut text = LineText::default();
    let segments = input.segments.len();
    let mut remaining = input.row_quota;
    let mut names: Vec<String> = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut delimiter = delim.unwrap_or(b',');
    let mut fields = Vec::new();
    for (i, seg) in input.segments.iter_mut().enumerate() {
        let quota = remaining.map(|r| r.div_ceil((segments - i) as u64));
        let mut taken = 0u64;
        let mut pending: std::collections::VecDeque<String> = std::collections::VecDeque::new();
        if i == 0 {
            while pending.len() < SNIFF_LINES {
                match seg.next_line()? {
                    Some(line) => pending.push_back(text.decode(line).into_owned()),
                    None => break,
                }
            }
            let sample: Vec<String> = pending.iter().cloned().collect();
            if delim.is_none() {
                delimiter = sniff_delimiter(&sample).unwrap_or(b',');
            }
            if let Some(first) = pending.front() {
                split_record(first, delimiter, &mut fields);
                if is_header(&fields) {
                    header = Some(fields.clone());
                    pending.pop_front();
                }
                names = column_names(header.as_deref(), fields.len());
                for n in &names {
                    c.declare(n, None);
                }
            }
        }
        loop {
            if quota.is_some_and(|q| taken >= q) {
                break;
            }
            let line = match pending.pop_front() {
                Some(l) => l,
                None => match seg.next_line()? {
                    Some(line) => text.decode(line).into_owned(),
                    None => break,
                },
            };
            if line.trim().is_empty() {
                continue;
            }
            split_record(&line, delimiter, &mut fields);
            if names.len() < fields.len() {
                names = column_names(header.as_deref(), fields.len());
            }
            for (name, value) in names.iter().zip(&fields) {
                c.value(name, value);
            }
            taken += 1;
            c.rows += 1;
        }
        if let Some(r) = remaining.as_mut() {
            *r = r.saturating_sub(taken);
        }
    }
    text.notes(input, c);
    Ok(if delimiter == b'\t' { "tsv" } else { "csv" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn sniffs_common_delimiters() {
        assert_eq!(sniff_delimiter(&lines("a,b,c\n1,2,3\n4,5,6")), Some(b','));
        assert_eq!(sniff_delimiter(&lines("a;b;c\n1,5;2;3\n4;5;6")), Some(b';'));
        assert_eq!(sniff_delimiter(&lines("a\tb\n1\t2")), Some(b'\t'));
        assert_eq!(sniff_delimiter(&lines("a|b|c\nx|y|z")), Some(b'|'));
        assert_eq!(sniff_delimiter(&lines("just some text\nmore text")), None);
    }

    #[test]
    fn quoted_fields_keep_delimiters() {
        let mut out = Vec::new();
        split_record(r#"1,"Doe, Jane","say ""hi""",x"#, b',', &mut out);
        assert_eq!(out, vec!["1", "Doe, Jane", r#"say "hi""#, "x"]);
    }

    #[test]
    fn header_detection() {
        let row = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        assert!(is_header(&row("id,email,name")));
        assert!(!is_header(&row("1,jane@example.com,Jane")));
        assert!(!is_header(&row("name,name")));
    }
}
