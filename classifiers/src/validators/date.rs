//! Calendar dates as people write them (ISO, day-first, month-first, written month names in
//! English, German, French, Spanish and Italian), plus the calendar arithmetic the national
//! identifiers share.
//!
//! Only years 1900–2030 count as dates here: the validator exists to recognise birth dates and
//! similar personal dates, and the range keeps order numbers and versions out. Never panics.

/// Inclusive range of years a written date may carry.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2030;

pub(super) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether the Gregorian date exists (any year; callers bound the year themselves).
pub(super) fn valid_ymd(year: i32, month: u32, day: u32) -> bool {
    day >= 1 && day <= days_in_month(year, month)
}

/// A calendar-valid date with a year in 1900–2030, in one of the common forms.
pub fn date(s: &str) -> bool {
    parse_date(s).is_some()
}

/// Parses `s` as `(year, month, day)` when it is a calendar-valid date with a year in
/// 1900–2030 in one of these forms:
/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`, `DD.MM.YYYY`, `DD-MM-YYYY`,
/// `DD/MM/YYYY` or `MM/DD/YYYY` (day first when both readings are valid), and written months:
/// `12 March 1985`, `12th Mar 1985`, `March 12, 1985`, `12. März 1985`, `12 de marzo de 1985`,
/// `1er mars 1985`, `12 marzo 1985`.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    if s.is_empty() || s.len() > 48 {
        return None;
    }
    let found = if s.bytes().any(|b| b.is_ascii_alphabetic() || !b.is_ascii()) {
        parse_written(s)
    } else {
        parse_numeric(s)
    }?;
    let (y, m, d) = found;
    (YEARS.contains(&y) && valid_ymd(y, m, d)).then_some(found)
}

fn small_number(s: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if s.len() < min_len || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_numeric(s: &str) -> Option<(i32, u32, u32)> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y = small_number(&s[..4], 4, 4)? as i32;
        let m = small_number(&s[4..6], 2, 2)?;
        let d = small_number(&s[6..], 2, 2)?;
        return Some((y, m, d));
    }
    let sep = s.bytes().find(|b| matches!(b, b'-' | b'/' | b'.'))?;
    let mut parts = s.split(sep as char);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        let y = small_number(a, 4, 4)? as i32;
        return Some((y, small_number(b, 1, 2)?, small_number(c, 1, 2)?));
    }
    let y = small_number(c, 4, 4)? as i32;
    let first = small_number(a, 1, 2)?;
    let second = small_number(b, 1, 2)?;
    if valid_ymd(y, second, first) {
        return Some((y, second, first));
    }
    // Month first only with slashes, the US convention.
    (sep == b'/' && valid_ymd(y, first, second)).then_some((y, first, second))
}

/// Month names (lower case) in English (full and abbreviated), German, French, Spanish and
/// Italian, with the month number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, m)| m)
}

/// A day token: 1–2 digits, optionally followed by an ordinal suffix (`st`, `nd`, `rd`, `th`,
/// French `er`) or a German ordinal dot.
fn day_number(token: &str) -> Option<u32> {
    let digits_end = token
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(token.len());
    let (digits, suffix) = token.split_at(digits_end);
    let suffix = suffix.to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th" | "er" | ".") {
        return None;
    }
    small_number(digits, 1, 2)
}

fn parse_written(s: &str) -> Option<(i32, u32, u32)> {
    let mut tokens: Vec<&str> = Vec::with_capacity(4);
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        if raw.is_empty() {
            continue;
        }
        // Fillers in "12 de marzo de 1985" and "the 12th of March 1985".
        if matches!(raw.to_ascii_lowercase().as_str(), "de" | "of" | "the") {
            continue;
        }
        if tokens.len() == 3 {
            return None;
        }
        tokens.push(raw);
    }
    let [a, b, c] = tokens.as_slice() else {
        return None;
    };
    let year = small_number(c, 4, 4)? as i32;
    if let Some(month) = month_number(b.trim_end_matches('.')) {
        return Some((year, month, day_number(a)?));
    }
    let month = month_number(a.trim_end_matches('.'))?;
    Some((year, month, day_number(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_forms() {
        assert_eq!(parse_date("1985-03-12"), Some((1985, 3, 12)));
        assert_eq!(parse_date("1985/03/12"), Some((1985, 3, 12)));
        assert_eq!(parse_date("1985.3.12"), Some((1985, 3, 12)));
        assert_eq!(parse_date("19850312"), Some((1985, 3, 12)));
        assert_eq!(parse_date("12.03.1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("12-03-1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("12/03/1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("03/25/1985"), Some((1985, 3, 25))); // only month-first works
        assert_eq!(parse_date("25/03/1985"), Some((1985, 3, 25)));
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date(" 2024-02-29 "), Some((2024, 2, 29)));
    }

    #[test]
    fn written_forms() {
        assert_eq!(parse_date("12 March 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("12th Mar 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("March 12, 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("Mar. 12 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("12. März 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("12 de marzo de 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("1er mars 1985"), Some((1985, 3, 1)));
        assert_eq!(parse_date("12 marzo 1985"), Some((1985, 3, 12)));
        assert_eq!(parse_date("the 4th of July 1976"), Some((1976, 7, 4)));
        assert_eq!(parse_date("31 DÉCEMBRE 1999"), Some((1999, 12, 31)));
    }

    #[test]
    fn decoys() {
        for bad in [
            "1985-02-29", // not a leap year
            "1900-02-29", // century rule
            "1985-13-01",
            "1985-00-10",
            "1985-04-31",
            "31/31/1985",
            "12.25.1985", // month-first only with slashes
            "1899-12-31", // out of range
            "2031-01-01",
            "2024-01-15T10:30:00Z", // timestamp
            "2024-01-15 10:30",
            "1985-03/12", // mixed separators
            "12/03/85",   // two-digit year
            "1.2.3.4",
            "1234.56",
            "20241315",
            "12345678",
            "1985",
            "March 1985",
            "32 March 1985",
            "12 Marchy 1985",
            "12 March 1985 1985",
            "12xx March 1985",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
            assert!(!date(bad), "{bad}");
        }
    }

    #[test]
    fn calendar() {
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
        assert!(is_leap(2024));
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2023, 13), 0);
        assert!(!valid_ymd(2023, 0, 1));
        assert!(!valid_ymd(2023, 1, 0));
    }
}
