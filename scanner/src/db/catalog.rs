//! What the dialects learn from a database's catalog — tables, their columns and declared
//! types, which columns are worth reading — and the pieces of SQL every dialect shares:
//! identifier quoting, include/exclude selection and the schema fingerprint.
//! Holds names and types only; never a row value.

use globset::{Glob, GlobSet, GlobSetBuilder};
use sha2::{Digest, Sha256};

/// Longest text read from one value, in characters: enough to find PII in free text while a
/// sample of wide rows stays small in memory.
pub(crate) const MAX_TEXT_CHARS: u32 = 16_384;
/// Longest JSON document read from one value, in characters.
pub(crate) const MAX_JSON_CHARS: u32 = 262_144;

/// One table or view.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// PostgreSQL schema, MySQL database, SQLite schema (`main`, or an attached name).
    pub schema: String,
    pub name: String,
    pub kind: TableKind,
    /// Columns in ordinal order, read or not.
    pub columns: Vec<Column>,
    /// The catalog's row estimate, when it has one.
    pub row_estimate: Option<u64>,
    /// A single-column integer key (quoted) whose ranges can be read cheaply, for sampling
    /// windows on MySQL (primary key) and SQLite (`rowid`).
    pub range_key: Option<String>,
}

impl Table {
    /// SHA-256 (hex) of the ordered column names and declared types: changes exactly when
    /// the schema does.
    pub fn schema_fingerprint(&self) -> String {
        let mut hasher = Sha256::new();
        for column in &self.columns {
            hasher.update(column.name.as_bytes());
            hasher.update([0x1f]);
            hasher.update(column.data_type.as_bytes());
            hasher.update([0x1e]);
        }
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Notes for a person about the columns that were not read, and why.
    pub fn skip_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        let mut trivial = Vec::new();
        for column in &self.columns {
            match column.read {
                ColumnRead::Skip(SkipReason::Binary) => notes.push(format!(
                    "column `{}` ({}) skipped: binary data is not read",
                    column.name, column.data_type
                )),
                ColumnRead::Skip(SkipReason::CannotHoldPersonalData) => {
                    trivial.push(format!("`{}` ({})", column.name, column.data_type));
                }
                ColumnRead::Text | ColumnRead::Json => {}
            }
        }
        if !trivial.is_empty() {
            notes.push(format!(
                "not read, their type cannot hold personal data (booleans, small numbers, \
                 time instants and durations): {}",
                trivial.join(", ")
            ));
        }
        notes
    }

    /// The columns read, in order, with their SQL select expressions.
    pub fn read_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns
            .iter()
            .filter(|c| !matches!(c.read, ColumnRead::Skip(_)))
    }

    /// The comma-separated select list of the columns read.
    pub fn select_list(&self) -> String {
        self.read_columns()
            .map(|c| c.select.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a catalog entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TableKind {
    Table,
    View,
    MaterializedView,
    /// A PostgreSQL foreign table: reading it reads another system.
    ForeignTable,
}

impl TableKind {
    /// Views and view-like relations are only scanned when the source opts in.
    pub fn is_view(self) -> bool {
        !matches!(self, TableKind::Table)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Table => "table",
            TableKind::View => "view",
            TableKind::MaterializedView => "materialized view",
            TableKind::ForeignTable => "foreign table",
        }
    }
}

/// One column of a table.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub name: String,
    /// The declared type as the catalog spells it (`character varying(255)`, `varchar(64)`).
    pub data_type: String,
    pub read: ColumnRead,
    /// The SQL expression that reads the column as text (empty when skipped).
    pub select: String,
}

/// Whether and how a column is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColumnRead {
    /// Read as text.
    Text,
    /// Read as a JSON document, classified per field path.
    Json,
    /// Not read.
    Skip(SkipReason),
}

/// Why a column is not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SkipReason {
    /// Bytes, bits or geometry: not text.
    Binary,
    /// Booleans, numbers of fewer than 8 digits, instants with a time zone, durations.
    CannotHoldPersonalData,
}

/// Quotes an identifier the ANSI way (PostgreSQL, SQLite): `"a ""b"""`.
pub(crate) fn quote_ansi(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes an identifier the MySQL way: `` `a ``b` ``.
pub(crate) fn quote_mysql(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// include/exclude globs on `schema.table` and on `table`.
#[derive(Debug)]
pub(crate) struct TableFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl TableFilter {
    /// Compiles the patterns; the error names the bad pattern.
    pub fn new(include: &[String], exclude: &[String]) -> Result<TableFilter, String> {
        Ok(TableFilter {
            include: compile(include, "include")?,
            exclude: compile(exclude, "exclude")?,
        })
    }

    /// True when the table is included (or no include is given) and not excluded.
    pub fn selects(&self, table: &Table) -> bool {
        let qualified = format!("{}.{}", table.schema, table.name);
        let matches = |set: &GlobSet| set.is_match(&qualified) || set.is_match(&table.name);
        self.include.as_ref().is_none_or(matches) && !self.exclude.as_ref().is_some_and(matches)
    }
}

fn compile(patterns: &[String], what: &str) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| format!("invalid {what} pattern `{pattern}`: {}", e.kind()))?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| format!("invalid {what} patterns: {}", e.kind()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(schema: &str, name: &str, columns: &[(&str, &str)]) -> Table {
        Table {
            schema: schema.into(),
            name: name.into(),
            kind: TableKind::Table,
            columns: columns
                .iter()
                .map(|(n, t)| Column {
                    name: (*n).into(),
                    data_type: (*t).into(),
                    read: ColumnRead::Text,
                    select: String::new(),
                })
                .collect(),
            row_estimate: None,
            range_key: None,
        }
    }

    #[test]
    fn quoting_doubles_the_quote_character() {
        assert_eq!(quote_ansi("Mixed Case \"x\""), "\"Mixed Case \"\"x\"\"\"");
        assert_eq!(quote_mysql("we`ird name"), "`we``ird name`");
    }

    #[test]
    fn filter_matches_qualified_and_bare_names() {
        let t = table("sales", "customers", &[]);
        let pass = |inc: &[&str], exc: &[&str]| {
            let inc: Vec<String> = inc.iter().map(|s| s.to_string()).collect();
            let exc: Vec<String> = exc.iter().map(|s| s.to_string()).collect();
            TableFilter::new(&inc, &exc).unwrap().selects(&t)
        };
        assert!(pass(&[], &[]));
        assert!(pass(&["sales.*"], &[]));
        assert!(pass(&["cust*"], &[]));
        assert!(!pass(&["public.*"], &[]));
        assert!(!pass(&[], &["customers"]));
        assert!(!pass(&["sales.*"], &["*.cust*"]));
        assert!(
            TableFilter::new(&["[".to_string()], &[])
                .unwrap_err()
                .contains("`[`")
        );
    }

    #[test]
    fn fingerprint_changes_with_names_types_and_order() {
        let a = table("s", "t", &[("id", "bigint"), ("email", "text")]);
        let same = table("other", "name", &[("id", "bigint"), ("email", "text")]);
        let retyped = table("s", "t", &[("id", "bigint"), ("email", "varchar(64)")]);
        let reordered = table("s", "t", &[("email", "text"), ("id", "bigint")]);
        // The separators keep ("ab","c") and ("a","bc") apart.
        let shifted = table("s", "t", &[("idb", "igint"), ("email", "text")]);
        let fp = a.schema_fingerprint();
        assert_eq!(fp.len(), 64);
        assert_eq!(fp, same.schema_fingerprint());
        assert_ne!(fp, retyped.schema_fingerprint());
        assert_ne!(fp, reordered.schema_fingerprint());
        assert_ne!(fp, shifted.schema_fingerprint());
    }

    #[test]
    fn skipped_columns_are_explained() {
        let mut t = table(
            "s",
            "t",
            &[
                ("avatar", "bytea"),
                ("active", "boolean"),
                ("email", "text"),
            ],
        );
        t.columns[0].read = ColumnRead::Skip(SkipReason::Binary);
        t.columns[1].read = ColumnRead::Skip(SkipReason::CannotHoldPersonalData);
        let notes = t.skip_notes();
        assert_eq!(notes.len(), 2);
        assert!(notes[0].contains("`avatar` (bytea)") && notes[0].contains("binary"));
        assert!(notes[1].contains("`active` (boolean)"));
        assert_eq!(t.read_columns().count(), 1);
    }
}
