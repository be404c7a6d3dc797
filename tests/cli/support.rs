//! Test support: running the real `piicat` binary with a clean environment, generated PII
//! fixtures (from `piicat-testkit`, so every value is synthetic and known), the catalog line
//! `scan --catalog` prints, and the local PostgreSQL (skipped when down, unless
//! `PIICAT_REQUIRE_SERVICES=1`).

use rand::SeedableRng;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The PostgreSQL the tests use (the README's set-up).
pub const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// `piicat` with nothing inherited that could point it elsewhere: no catalog, data
/// directory or config from the developer's environment, no log filter.
pub fn piicat() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_piicat"));
    for var in [
        "PIICAT_CATALOG",
        "PIICAT_DATA_DIR",
        "PIICAT_CONFIG",
        "PIICAT_FINGERPRINT_KEY_FILE",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null());
    cmd
}

/// What one run of `piicat` did.
#[derive(Debug)]
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// The `catalog: run N: ...` line `scan --catalog` writes to stderr.
    pub fn catalog_line(&self) -> CatalogLine {
        let line = self
            .stderr
            .lines()
            .find(|l| l.starts_with("catalog: run "))
            .unwrap_or_else(|| panic!("no catalog line on stderr:\n{}", self.stderr));
        CatalogLine::parse(line)
    }

    /// Panics with the output unless the exit code is one of `codes`.
    #[track_caller]
    pub fn expect_code(self, codes: &[i32]) -> Ran {
        assert!(
            codes.contains(&self.code),
            "exit code {} (wanted one of {codes:?})\nstdout:\n{}\nstderr:\n{}",
            self.code,
            tail(&self.stdout),
            tail(&self.stderr)
        );
        self
    }
}

fn tail(s: &str) -> &str {
    let cut = s.len().saturating_sub(4000);
    let cut = (cut..s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(0);
    &s[cut..]
}

/// Runs `piicat ARGS` to completion.
/// `scan TARGET --catalog --data-dir DATA --format ndjson`: a scan into the embedded catalog
/// of a data dir, one report per line on stdout.
pub fn catalog_scan_args<'a>(target: &'a Path, data: &'a Path) -> [&'a std::ffi::OsStr; 7] {
    [
        "scan".as_ref(),
        target.as_os_str(),
        "--catalog".as_ref(),
        "--data-dir".as_ref(),
        data.as_os_str(),
        "--format".as_ref(),
        "ndjson".as_ref(),
    ]
}

pub fn run<I, S>(args: I) -> Ran
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let Output {
        status,
        stdout,
        stderr,
    } = piicat().args(args).output().expect("running piicat");
    Ran {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// The numbers of the catalog line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogLine {
    pub run: u64,
    pub ingested: u64,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub failed: u64,
    pub not_written: u64,
}

impl CatalogLine {
    /// `catalog: run 3: 5 asset(s) ingested (2 new, 1 updated, 2 unchanged), 4 skipped as
    /// unchanged, 0 recorded as failed, 0 not written; ...`
    fn parse(line: &str) -> CatalogLine {
        let number_before = |word: &str| -> u64 {
            let at = line
                .find(word)
                .unwrap_or_else(|| panic!("no `{word}` in {line}"));
            line[..at]
                .trim_end()
                .rsplit([' ', '(', ','])
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no number before `{word}` in {line}"))
        };
        let run = line["catalog: run ".len()..]
            .split(':')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no run id in {line}"));
        CatalogLine {
            run,
            ingested: number_before(" asset(s) ingested"),
            new: number_before(" new,"),
            updated: number_before(" updated,"),
            unchanged: number_before(" unchanged),"),
            skipped: number_before(" skipped"),
            failed: number_before(" recorded as failed"),
            not_written: number_before(" not written"),
        }
    }
}

/// A PII-heavy directory: a CSV export, an NDJSON event file and an application log, all
/// holding the same synthetic people. Returns every raw value written.
pub fn write_pii_fixture(dir: &Path, seed: u64, rows: usize) -> Vec<String> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut v = |class: &str| piicat_testkit::value(class, &mut rng);
    let people: Vec<[String; 8]> = (0..rows)
        .map(|_| {
            [
                v("PERSON_NAME"),
                v("EMAIL"),
                v("PHONE_NUMBER"),
                v("CREDIT_CARD"),
                v("IBAN"),
                v("US_SSN"),
                v("STREET_ADDRESS"),
                v("IP_ADDRESS"),
            ]
        })
        .collect();
    let mut csv = String::from("full_name,email,phone,card_number,iban,ssn,street_address\n");
    for p in &people {
        let cells: Vec<String> = p[..7].iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    std::fs::write(dir.join("customers.csv"), csv).unwrap();
    let mut ndjson = String::new();
    for (i, p) in people.iter().enumerate() {
        let event = serde_json::json!({
            "event_id": i,
            "type": "checkout",
            "customer": { "name": p[0], "email": p[1], "phone": p[2] },
            "payment": { "card_number": p[3], "iban": p[4] },
            "client_ip": p[7],
        });
        ndjson.push_str(&event.to_string());
        ndjson.push('\n');
    }
    std::fs::write(dir.join("events.ndjson"), ndjson).unwrap();
    let mut log = String::new();
    for (i, p) in people.iter().enumerate() {
        log.push_str(&format!(
            "2025-03-01T10:{:02}:{:02}Z INFO signup user email={} phone={} ssn: {} from {}\n\
             2025-03-01T10:{:02}:{:02}Z WARN payment declined card {} iban {} for {}\n",
            i / 60 % 60,
            i % 60,
            p[1],
            p[2],
            p[5],
            p[7],
            i / 60 % 60,
            i % 60,
            p[3],
            p[4],
            p[0],
        ));
    }
    std::fs::write(dir.join("app.log"), log).unwrap();
    people.into_iter().flatten().collect()
}

fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether `haystack` holds `needle` as a byte string.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The forms of a raw value to look for: as written, lower-case (the index lower-cases
/// what it tokenizes) and, for values with digits, the bare letters and digits (a card or
/// phone number as a normalizer would store it).
pub fn raw_forms(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_string(), value.to_lowercase()];
    if value.chars().any(|c| c.is_ascii_digit()) {
        let bare: String = value.chars().filter(char::is_ascii_alphanumeric).collect();
        // Short digit runs (a house number, a year) occur in any file by chance.
        if bare.len() >= 9 {
            forms.push(bare);
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Whether the tests must fail instead of skipping when a service is down.
pub fn services_required() -> bool {
    std::env::var("PIICAT_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// A fresh PostgreSQL schema for one test, dropped (with its connections) when dropped.
/// `None`, after a loud message, when PostgreSQL is down and services are not required.
pub struct PgSchema {
    pub name: String,
    rt: tokio::runtime::Runtime,
}

impl PgSchema {
    pub fn create(test: &str) -> Option<PgSchema> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        if let Err(e) = rt.block_on(pg_ping()) {
            assert!(
                !services_required(),
                "PostgreSQL at {PG_URL} is unreachable ({e}) and PIICAT_REQUIRE_SERVICES=1"
            );
            eprintln!(
                "\n!!!!!!!! SKIPPED {test}: PostgreSQL at {PG_URL} is unreachable ({e}); \
                 set PIICAT_REQUIRE_SERVICES=1 to fail instead. !!!!!!!!\n"
            );
            return None;
        }
        let name = format!(
            "piicat_cli_{test}_{}_{:08x}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        // The catalog creates the schema itself; this guard only has to drop it.
        Some(PgSchema { name, rt })
    }

    /// The `--catalog` URL of this schema; connections are tagged with the schema's name so
    /// the cleanup can end them.
    pub fn catalog_url(&self) -> String {
        format!("{PG_URL}?schema={0}&application_name={0}", self.name)
    }

    /// Every row of every table in the schema, as PostgreSQL's text form of the row.
    pub fn all_rows_as_text(&self) -> Vec<String> {
        self.rt.block_on(async {
            use sqlx::{Connection, Row};
            let mut conn = sqlx::PgConnection::connect(PG_URL).await.unwrap();
            let tables: Vec<String> = sqlx::query(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            )
            .bind(&self.name)
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.get(0))
            .collect();
            assert!(
                tables.iter().any(|t| t == "findings"),
                "no catalog tables in schema {}: {tables:?}",
                self.name
            );
            let mut rows = Vec::new();
            for table in tables {
                let sql = format!("SELECT t::text FROM \"{}\".\"{table}\" t", self.name);
                for r in sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut conn)
                    .await
                    .unwrap()
                {
                    rows.push(r.get::<String, _>(0));
                }
            }
            rows
        })
    }
}

async fn pg_ping() -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    sqlx::PgConnection::connect(PG_URL).await?.close().await
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let schema = self.name.clone();
        self.rt.block_on(async move {
            use sqlx::Connection;
            let Ok(mut conn) = sqlx::PgConnection::connect(PG_URL).await else {
                return;
            };
            let _ = sqlx::query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE application_name = $1 AND pid <> pg_backend_pid()",
            )
            .bind(&schema)
            .execute(&mut conn)
            .await;
            let sql = format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
            {
                eprintln!("could not drop test schema {schema}: {e}");
            }
        });
    }
}

/// Runs `f` against an embedded SQLite catalog file, via sqlx, read and write (the writer
/// may have been killed: opening recovers its WAL, as a next piicat would).
pub fn with_sqlite<T>(db: &Path, f: impl AsyncFnOnce(&mut sqlx::SqliteConnection) -> T) -> T {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite://{}", db.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let out = f(&mut conn).await;
        let _ = conn.close().await;
        out
    })
}
