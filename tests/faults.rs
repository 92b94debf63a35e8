//! Faults an archive meets in a cron job: a full disk. A failed run leaves the index at its
//! last commit with none of its own files behind, the next run that needs no space succeeds,
//! and once space is freed the same command completes with a fresh build's counts.
//!
//! The disk is a small tmpfs, so the test needs mount privileges; without them it skips with
//! the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

mod common;

fn index_json(index: &Path, paths: &[&Path]) -> Value {
    common::success_json(
        common::newsdex(index)
            .arg("index")
            .args(paths)
            .args(["--json", "--quiet", "-j", "2", "--memory", "40"])
            .output()
            .unwrap(),
    )
}

/// The bundled archive twice over (the second copy under other names), so that its index
/// outgrows a one-megabyte disk.
fn archive(dir: &Path) -> PathBuf {
    let root = dir.join("archive");
    for copy in ["a", "b"] {
        for entry in walkdir::WalkDir::new("corpus") {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix("corpus").unwrap();
            let target = root.join(copy).join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    root
}

#[test]
fn a_full_disk_leaves_the_last_commit_and_nothing_else() {
    let dir = TempDir::new().unwrap();
    let disk = match common::Tmpfs::mount(&dir.path().join("disk"), "1m") {
        Ok(d) => d,
        Err(reason) => {
            eprintln!("skipped: cannot mount a small tmpfs to fill ({reason})");
            return;
        }
    };
    let index = disk.0.join("index");
    let seed = Path::new("corpus/seed");
    let archive = archive(dir.path());

    index_json(&index, &[seed]);
    let committed = common::counts(&index);

    let out = common::newsdex(&index)
        .arg("index")
        .arg(&archive)
        .args(["--quiet", "-j", "2", "--memory", "40"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // One readable line: what failed, where, and that nothing was lost; said once.
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("newsdex: cannot update index {}", index.display())),
        "{stderr}"
    );
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(stderr.matches("No space left").count(), 1, "{stderr}");
    assert!(
        !stderr.contains("Internal error") && !stderr.contains("IoError"),
        "{stderr}"
    );

    assert_eq!(common::orphaned_bytes(&index), 0);
    assert_eq!(common::counts(&index), committed);

    // A run that needs no space succeeds on the still full disk.
    let again = index_json(&index, &[seed]);
    assert_eq!(again["unchanged"], 1, "{again}");
    assert_eq!(again["articles"].as_u64(), Some(committed.0), "{again}");

    // Space freed: the same command completes, with a fresh build's counts.
    disk.resize("64m");
    index_json(&index, &[archive.as_path()]);
    let fresh = dir.path().join("fresh");
    index_json(&fresh, &[seed]);
    index_json(&fresh, &[archive.as_path()]);
    assert_eq!(common::counts(&index), common::counts(&fresh));
    assert_eq!(common::orphaned_bytes(&index), 0);
}

/// A commit that fails for space on one indexing thread leaves the others flushing their last
/// segment after the rollback: none of what they write may stay behind. The race depends on
/// timing (before the fix, four threads left a segment of 100-700 KB in 11 of 22 runs), so the
/// failure is repeated with the space running out at different points of the run.
#[test]
fn no_disk_full_failure_leaves_orphaned_bytes() {
    let dir = TempDir::new().unwrap();
    let disk = match common::Tmpfs::mount(&dir.path().join("disk"), "8m") {
        Ok(d) => d,
        Err(reason) => {
            eprintln!("skipped: cannot mount a small tmpfs to fill ({reason})");
            return;
        }
    };
    let index = disk.0.join("index");
    let archive = archive(dir.path());
    index_json(&index, &[Path::new("corpus/seed")]);
    let committed = common::counts(&index);

    let mut failures = 0;
    for round in 0..10u64 {
        let _ballast = common::Ballast::fill(&disk.0, 200_000 + round * 90_000);
        let out = common::newsdex(&index)
            .arg("index")
            .arg(&archive)
            .args(["--quiet", "-j", "4", "--memory", "60"])
            .output()
            .unwrap();
        if out.status.success() {
            break;
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("No space left on device"), "{stderr}");
        assert_eq!(common::orphaned_bytes(&index), 0, "round {round}");
        assert_eq!(common::counts(&index), committed);
        failures += 1;
    }
    assert!(failures >= 8, "only {failures} runs failed for space");
}

/// A gzip file of `n` bytes of `fill` after `head`, written as it is compressed.
fn gzip_of(path: &Path, head: &[u8], fill: u8, n: usize, tail: &[u8]) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    gz.write_all(head).unwrap();
    let block = vec![fill; 1 << 20];
    for _ in 0..n / block.len() {
        gz.write_all(&block).unwrap();
    }
    gz.write_all(&block[..n % block.len()]).unwrap();
    gz.write_all(tail).unwrap();
    gz.finish().unwrap();
}

#[test]
fn decompression_bombs_and_huge_records_are_skipped_with_a_reason() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    let bombs = dir.path().join("bombs");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::create_dir_all(&bombs).unwrap();
    std::fs::copy(
        "corpus/seed/000_24f06f2ccdc2f1d3.txt",
        archive.join("seed.txt"),
    )
    .unwrap();
    // 200 MB of one letter in a file of a few hundred KB.
    gzip_of(&bombs.join("bomb.txt.gz"), b"", b'a', 200 << 20, b"");
    // One JSON Lines record over the per-article limit, between two good ones.
    let good =
        |id: &str| format!(r#"{{"id": "{id}", "body": "The minister said it was balanced."}}"#);
    let head = format!("{}\n{{\"id\": \"huge\", \"body\": \"", good("g1"));
    let tail = format!("\"}}\n{}\n", good("g2"));
    gzip_of(
        &archive.join("lines.jsonl.gz"),
        head.as_bytes(),
        b'x',
        65 << 20,
        tail.as_bytes(),
    );

    let index = dir.path().join("index");
    let out = common::newsdex(&index)
        .arg("index")
        .arg(&archive)
        .args(["--json", "--quiet", "--max-file-size", "1000000000"])
        .output()
        .unwrap();
    let summary = common::success_json(out);
    let reasons: Vec<(String, String)> = summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        reasons.iter().any(|(p, r)| p.ends_with("lines.jsonl.gz")
            && r.starts_with("line 2: article is 68157")
            && r.contains("over the limit of 67108864 per article")),
        "{reasons:?}"
    );
    assert_eq!(summary["articles"], 3, "{summary}");

    // Under the default limit, the bomb is refused before it is held in memory.
    let out = common::newsdex(&index)
        .arg("index")
        .arg(&bombs)
        .args(["--json", "--quiet"])
        .output()
        .unwrap();
    let summary = common::success_json(out);
    let bomb = summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with("bomb.txt.gz"))
        .unwrap_or_else(|| panic!("{summary}"));
    assert_eq!(
        bomb["reason"],
        "gzip data expands to over the file size limit of 104857600 bytes (100 MiB)"
    );
}
