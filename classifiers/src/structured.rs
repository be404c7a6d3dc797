//! Structure inside free text that tells what a value is even when the name is far from it:
//! SQL `INSERT INTO t (cols) VALUES (vals)` statements in dumps and query logs. Values are
//! paired with their column names so they can be classified like field values.

/// Byte ranges of the values of one `INSERT` statement, each with its column name.
pub(crate) fn sql_insert_values(line: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let lower = line.to_ascii_lowercase();
    let Some(ins) = lower.find("insert into") else {
        return out;
    };
    let Some(open) = lower[ins..].find('(').map(|i| ins + i) else {
        return out;
    };
    let Some(close) = lower[open..].find(')').map(|i| open + i) else {
        return out;
    };
    let Some(values_kw) = lower[close..].find("values").map(|i| close + i) else {
        return out;
    };
    let columns: Vec<&str> = line[open + 1..close]
        .split(',')
        .map(|c| {
            c.trim()
                .trim_matches(|ch| ch == '`' || ch == '"' || ch == '[' || ch == ']')
        })
        .collect();
    // Every parenthesised tuple after VALUES is one row.
    let bytes = line.as_bytes();
    let mut i = values_kw + "values".len();
    while i < bytes.len() {
        while i < bytes.len() && bytes[i] != b'(' {
            if bytes[i] == b';' {
                return out;
            }
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        i += 1;
        let mut col = 0;
        loop {
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            if i >= bytes.len() {
                return out;
            }
            let (start, end, next) = if bytes[i] == b'\'' {
                // A quoted string; '' is an escaped quote.
                let start = i + 1;
                let mut j = start;
                loop {
                    match bytes.get(j) {
                        None => return out,
                        Some(b'\'') if bytes.get(j + 1) == Some(&b'\'') => j += 2,
                        Some(b'\'') => break,
                        Some(_) => j += 1,
                    }
                }
                (start, j, j + 1)
            } else {
                let start = i;
                let mut j = i;
                while j < bytes.len() && bytes[j] != b',' && bytes[j] != b')' {
                    j += 1;
                }
                (start, j, j)
            };
            if let Some(name) = columns.get(col)
                && end > start
                && line.is_char_boundary(start)
                && line.is_char_boundary(end)
            {
                let v = line[start..end].trim_end();
                out.push((*name, start, start + v.len()));
            }
            col += 1;
            i = next;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            match bytes.get(i) {
                Some(b',') => i += 1,
                Some(b')') => {
                    i += 1;
                    break;
                }
                _ => return out,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_values_with_columns() {
        let line = "INSERT INTO customers (id, name, dob) VALUES (1, 'O''Brien, Pat', '1985-03-12'), (2, 'X', NULL);";
        let got: Vec<(&str, &str)> = sql_insert_values(line)
            .into_iter()
            .map(|(c, s, e)| (c, &line[s..e]))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "1"),
                ("name", "O''Brien, Pat"),
                ("dob", "1985-03-12"),
                ("id", "2"),
                ("name", "X"),
                ("dob", "NULL")
            ]
        );
    }

    #[test]
    fn ignores_other_statements_and_broken_ones() {
        assert!(sql_insert_values("SELECT * FROM t WHERE a = 'x'").is_empty());
        assert!(sql_insert_values("INSERT INTO t (a, b) VALUES ('unterminated").is_empty());
    }
}
