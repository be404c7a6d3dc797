//! Bad inputs: each becomes one clear `AssetError` on its own asset while the rest of the
//! directory is still scanned. Inputs are made at test time in a temp dir (the 100 MB line
//! too), never committed.

use crate::support::*;
use piicat_classifiers::{AssetErrorKind, AssetReport};
use piicat_scanner::{SamplingMode, ScanOptions, Target};
use std::io::Write;
use std::path::Path;

fn error_of<'a>(reports: &'a [AssetReport], suffix: &str) -> &'a piicat_classifiers::AssetError {
    let r = report(reports, suffix);
    r.error
        .as_ref()
        .unwrap_or_else(|| panic!("{suffix} should have failed:\n{}", dump(reports)))
}

/// Whether this process can read a file whose mode is 000 (root, CAP_DAC_OVERRIDE).
fn reads_despite_permissions(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, b"x").unwrap();
    std::fs::set_permissions(&probe, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    readable
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_bad_input_is_a_clear_error_and_the_scan_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bad");
    std::fs::create_dir(&dir).unwrap();
    let parquet =
        std::fs::read(samples().join("datasets/events/date=2026-01-01/part-0001.parquet")).unwrap();

    // A good file next to the bad ones.
    std::fs::write(
        dir.join("good.csv"),
        "id,email\n1,jane.doe@example.com\n2,j.smith@example.org\n",
    )
    .unwrap();
    // Truncated Parquet: the footer is gone.
    std::fs::write(dir.join("truncated.parquet"), &parquet[..parquet.len() / 2]).unwrap();
    // Corrupt footer: the metadata length points outside the file.
    let mut corrupt = parquet.clone();
    let n = corrupt.len();
    corrupt[n - 8..n - 4].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(dir.join("corrupt.parquet"), &corrupt).unwrap();
    // Latin-1 text.
    std::fs::write(dir.join("latin1.csv"), b"name,city\nJos\xe9,M\xe1laga\n").unwrap();
    // A binary file.
    std::fs::write(
        dir.join("blob.bin"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3],
    )
    .unwrap();
    // One 100 MB line, written in pieces.
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("huge.log")).unwrap());
        f.write_all(b"contact jane.doe@example.com ").unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
    }
    // Named gzip, but not gzip.
    std::fs::write(dir.join("fake.log.gz"), b"plain text, no gzip header\n").unwrap();
    // A FIFO would block a reader forever: it must be reported without being opened.
    let fifo = dir.join("pipe.log");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Unreadable: mode 000, or — when running as root, which ignores permissions — a symlink
    // to a file that does not exist, which no one can read.
    let privileged = reads_despite_permissions(tmp.path());
    let unreadable = dir.join("unreadable.csv");
    if privileged {
        std::os::unix::fs::symlink(tmp.path().join("missing.csv"), &unreadable).unwrap();
    } else {
        std::fs::write(&unreadable, "a,b\n").unwrap();
        std::fs::set_permissions(
            &unreadable,
            std::os::unix::fs::PermissionsExt::from_mode(0o000),
        )
        .unwrap();
    }

    let (reports, summary) = scan(vec![Target::path(dir.clone())], ScanOptions::default()).await;
    eprintln!("{}", dump(&reports));
    assert_eq!(summary.assets, 9, "{:?}", locations(&reports));

    let good = report(&reports, "good.csv");
    assert!(good.error.is_none());
    assert_class(good, "email", "EMAIL");

    for name in ["truncated.parquet", "corrupt.parquet"] {
        let e = error_of(&reports, name);
        assert_eq!(e.kind, AssetErrorKind::Corrupt, "{name}: {e}");
        assert!(e.message.contains(name), "{e}");
    }
    let e = error_of(&reports, "latin1.csv");
    assert_eq!(e.kind, AssetErrorKind::NotText);
    assert!(e.message.contains("UTF-8"), "{e}");
    let e = error_of(&reports, "blob.bin");
    assert_eq!(e.kind, AssetErrorKind::NotText);
    assert!(e.message.contains("binary"), "{e}");

    let huge = report(&reports, "huge.log");
    let e = huge.error.as_ref().expect("huge line is an error");
    assert_eq!(e.kind, AssetErrorKind::TooLarge, "{e}");
    assert!(e.message.contains("max_line_bytes"), "{e}");
    assert!(
        classes(field(huge, "$text")).contains(&"EMAIL"),
        "the head of the line is still classified"
    );
    assert!(
        huge.meta.bytes_read < 4 << 20,
        "sampled read {} bytes of a 100 MB line",
        huge.meta.bytes_read
    );

    assert_eq!(
        error_of(&reports, "fake.log.gz").kind,
        AssetErrorKind::Corrupt
    );
    let e = error_of(&reports, "pipe.log");
    assert_eq!(e.kind, AssetErrorKind::Unsupported);
    assert!(e.message.contains("not a regular file"), "{e}");
    let e = error_of(&reports, "unreadable.csv");
    if privileged {
        assert_eq!(e.kind, AssetErrorKind::NotFound, "{e}");
        assert!(e.message.contains("unreadable"), "{e}");
    } else {
        assert_eq!(e.kind, AssetErrorKind::PermissionDenied, "{e}");
    }
    assert_eq!(summary.failed, 8);
    // No value ever shows up in an error message.
    for r in &reports {
        if let Some(e) = &r.error {
            assert!(!e.message.contains("jane.doe"), "{e}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_mode_streams_a_huge_line_and_caps_decompression() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(tmp.path().join("huge.log")).unwrap());
        f.write_all(b"contact jane.doe@example.com ").unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\nsecond line j.smith@example.org\n").unwrap();
    }
    // 64 MiB of zeros-as-text compresses to almost nothing: a small bomb.
    let text = "0123456789abcdef\n".repeat(4 << 20);
    std::fs::write(
        tmp.path().join("bomb.log.zst"),
        zstd::encode_all(text.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let opts = ScanOptions {
        mode: SamplingMode::Full,
        max_decompressed_bytes: 8 << 20,
        ..ScanOptions::default()
    };
    let (reports, summary) = scan(vec![Target::path(tmp.path().to_path_buf())], opts).await;
    eprintln!("{}", dump(&reports));
    assert_eq!(summary.assets, 2);
    let huge = report(&reports, "huge.log");
    assert_eq!(huge.error.as_ref().unwrap().kind, AssetErrorKind::TooLarge);
    assert_eq!(huge.meta.rows_sampled, 2, "both lines read");
    assert!(
        huge.meta.bytes_read > 100 << 20,
        "full mode reads everything"
    );
    let bomb = report(&reports, "bomb.log.zst");
    let e = bomb.error.as_ref().unwrap();
    assert_eq!(e.kind, AssetErrorKind::TooLarge);
    assert!(e.message.contains("max_decompressed_bytes"), "{e}");
}
