//! A damaged index: `newsdex check` names every damaged file, search says what to do in one
//! line, and `newsdex index --full` rebuilds the index from the archive beside it and swaps
//! it in, equal to a fresh build, with its saved searches.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

mod common;

fn index_json(index: &Path, extra: &[&str]) -> Value {
    common::success_json(
        common::newsdex(index)
            // One thread: the same segments every time, so equal indexes rank ties alike.
            .args(["index", "corpus", "--json", "--quiet", "-j", "1"])
            .args(extra)
            .output()
            .unwrap(),
    )
}

/// `check --json` and its exit status.
fn check(index: &Path) -> (Value, i32) {
    let out = common::newsdex(index)
        .args(["check", "--json"])
        .output()
        .unwrap();
    (common::json(&out.stdout), out.status.code().unwrap_or(-1))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// The first hits of a few searches, to compare two indexes (scores may differ in their last
/// bits between two builds of the same documents).
fn answers(index: &Path) -> Vec<Vec<String>> {
    ["Putin", "oil prices", "speaker:blair"]
        .iter()
        .map(|q| {
            common::top_hits(index, q, &[], 10)
                .into_iter()
                .map(|(_, hit)| hit)
                .collect()
        })
        .collect()
}

/// Flips one bit in the middle of `file`.
fn flip(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x10;
    std::fs::write(file, bytes).unwrap();
}

/// A copy of `good` with `file` damaged: one flipped bit, or, for tantivy's JSON bookkeeping
/// (which carries no checksum), a broken first byte.
fn damaged_copy(good: &Path, file: &str, dir: &Path) -> PathBuf {
    let ix = dir.join(format!("ix-{file}"));
    copy_dir(good, &ix);
    let path = ix.join(file);
    if file.ends_with(".json") {
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[0] = b'x';
        std::fs::write(&path, bytes).unwrap();
    } else {
        flip(&path);
    }
    ix
}

#[test]
fn a_sound_index_checks_clean() {
    let tmp = TempDir::new().unwrap();
    let ix = tmp.path().join("ix");
    index_json(&ix, &[]);
    let (report, code) = check(&ix);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["files_checked"].as_u64().unwrap() > 0, "{report}");
    assert!(report["documents"].as_u64().unwrap() > 0, "{report}");
}

#[test]
fn every_damaged_file_is_named_and_full_rebuilds_an_equal_index() {
    let tmp = TempDir::new().unwrap();
    let good = tmp.path().join("good");
    index_json(&good, &[]);
    let mut files: Vec<String> = std::fs::read_dir(&good)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.metadata().unwrap().len() > 0) // lock files are empty
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with(".store")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with(".cache")), "{files:?}");
    for file in &files {
        let ix = damaged_copy(&good, file, tmp.path());
        let (report, code) = check(&ix);
        assert_eq!(code, 1, "{file}: {report}");
        let named = report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["file"].as_str().unwrap().contains(file.as_str()));
        // A broken `.managed.json` stops tantivy opening the index: the report says so.
        assert!(
            named || file == ".managed.json",
            "{file} not named: {report}"
        );
        std::fs::remove_dir_all(&ix).unwrap();
    }

    // Damage a document store, as a bad disk would: searches fail in one readable line.
    let store = files.iter().find(|f| f.ends_with(".store")).unwrap();
    let ix = damaged_copy(&good, store, tmp.path());
    common::newsdex(&ix)
        .args(["watch", "add", "putin", "Putin"])
        .assert()
        .success();
    let rebuilt = index_json(&ix, &["--full"]);
    assert_eq!(rebuilt["rebuilt"], true, "{rebuilt}");
    assert_eq!(check(&ix).1, 0);
    assert_eq!(common::counts(&ix), common::counts(&good));
    assert_eq!(answers(&ix), answers(&good));
    // The saved search came across.
    let list = common::newsdex(&ix)
        .args(["watch", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("putin"));
    // Nothing is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rebuild"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unreadable_index_says_how_to_repair_it() {
    let tmp = TempDir::new().unwrap();
    let good = tmp.path().join("good");
    index_json(&good, &[]);
    let ix = damaged_copy(&good, "meta.json", tmp.path());
    let out = common::newsdex(&ix)
        .args(["search", "Putin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("newsdex index --full"), "{err}");
    // A plain re-index does not paper over the damage; --full repairs it.
    common::newsdex(&ix)
        .args(["index", "corpus", "--quiet"])
        .assert()
        .failure();
    let rebuilt = index_json(&ix, &["--full"]);
    assert_eq!(rebuilt["rebuilt"], true, "{rebuilt}");
    assert_eq!(common::counts(&ix), common::counts(&good));
}

#[test]
fn a_name_table_saved_by_another_release_is_stale_until_the_next_index_run() {
    let tmp = TempDir::new().unwrap();
    let ix = tmp.path().join("ix");
    index_json(&ix, &[]);
    // Another release's grouping rules give another key (bytes 8..16 of the table).
    let table = ix.join("newsdex-names-speaker_key.cache");
    let mut bytes = std::fs::read(&table).unwrap();
    bytes[8] ^= 0xff;
    std::fs::write(&table, bytes).unwrap();
    let (report, code) = check(&ix);
    assert_eq!(code, 1, "{report}");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert!(
        problems[0]["problem"]
            .as_str()
            .unwrap()
            .starts_with("stale"),
        "{report}"
    );
    let text = common::newsdex(&ix).arg("check").output().unwrap();
    let verdict = String::from_utf8_lossy(&text.stdout);
    assert!(
        verdict.contains("the next `newsdex index` run rewrites the name tables"),
        "{verdict}"
    );
    // Nothing changed in the archive, yet the run rewrites the table.
    let run = index_json(&ix, &[]);
    assert_eq!(run["added"], 0, "{run}");
    assert_eq!(check(&ix).1, 0);
}
