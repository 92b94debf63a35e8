//! Crash safety and concurrency: `newsdex index` killed with SIGKILL at several points
//! never loses committed articles nor leaves duplicates, a killed writer's lock does not
//! block the next run, and searches during a re-index see the old or the new state.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

mod common;

const REUTERS: &str = "../shared/data/reuters21578";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newsdex")
}

fn run_json(index: &Path, args: &[&str]) -> Value {
    common::success_json(common::newsdex(index).args(args).output().unwrap())
}

/// A few thousand real Reuters stories, as several files so that indexing takes a while;
/// `None` (the test skips) without `../shared`.
fn corpus(dir: &Path) -> Option<PathBuf> {
    let reuters = common::shared_data(REUTERS)?;
    let root = dir.join("reuters");
    std::fs::create_dir_all(&root).unwrap();
    for n in 0..3 {
        let name = format!("reut2-{n:03}.jsonl");
        std::fs::copy(reuters.join(&name), root.join(&name)).unwrap();
    }
    Some(root)
}

/// Number of distinct article ids a search for everything in one file returns, and hits.
fn distinct_hits(index: &Path) -> (usize, usize) {
    let r = run_json(
        index,
        &[
            "search",
            "--json",
            "--articles",
            "--no-collapse",
            "-n",
            "5000",
            "said",
        ],
    );
    let ids: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    (ids.len(), unique.len())
}

#[test]
fn sigkill_at_any_point_loses_nothing_and_duplicates_nothing() {
    let dir = TempDir::new().unwrap();
    let Some(root) = corpus(dir.path()) else {
        return;
    };
    let root_s = root.to_str().unwrap();

    // Reference: a clean build, timed.
    let clean = dir.path().join("clean");
    let t = Instant::now();
    run_json(&clean, &["index", root_s, "--json", "--quiet"]);
    let full_time = t.elapsed();
    let expected = common::counts(&clean);
    assert!(expected.0 > 2500, "{expected:?}");
    let (hits, unique) = distinct_hits(&clean);
    assert_eq!(hits, unique);

    let index = dir.path().join("index");
    let mut committed = (0, 0);
    // Kill points: early, mid-way, late (commit and merge), as fractions of a clean run.
    for fraction in [0.05, 0.3, 0.6, 0.85, 0.95, 0.99] {
        let mut child = Command::new(bin())
            .arg("--index")
            .arg(&index)
            .args(["index", root_s, "--quiet", "--full"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full_time.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        if !index.join("meta.json").exists() {
            continue; // Killed before the index was created: nothing committed yet.
        }
        // The index opens, and holds the last committed state: empty or complete.
        let now = common::counts(&index);
        assert!(
            now == committed || now == expected,
            "after kill at {fraction}: {now:?}, committed {committed:?}, expected {expected:?}"
        );
        committed = now;
    }
    // The next run completes (no stale lock) with exactly the clean counts.
    let summary = run_json(&index, &["index", root_s, "--json", "--quiet"]);
    assert_eq!(summary["articles"].as_u64(), Some(expected.0), "{summary}");
    assert_eq!(common::counts(&index), expected);
    let (hits, unique) = distinct_hits(&index);
    assert_eq!(hits, unique, "duplicates after recovery");
    assert_eq!(distinct_hits(&clean), (hits, unique));
}

#[test]
fn searches_during_a_reindex_see_old_or_new_state() {
    let dir = TempDir::new().unwrap();
    let Some(root) = corpus(dir.path()) else {
        return;
    };
    let index = dir.path().join("index");
    let one = dir.path().join("one");
    std::fs::create_dir_all(&one).unwrap();
    std::fs::copy(root.join("reut2-000.jsonl"), one.join("reut2-000.jsonl")).unwrap();
    run_json(
        &index,
        &["index", one.to_str().unwrap(), "--json", "--quiet"],
    );
    let old = common::counts(&index).0;

    let mut child = Command::new(bin())
        .arg("--index")
        .arg(&index)
        .args(["index", root.to_str().unwrap(), "--quiet"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let done = child.try_wait().unwrap().is_some();
        let out = Command::new(bin())
            .arg("--index")
            .arg(&index)
            .args(["stats", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "stats failed during indexing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s: Value = serde_json::from_slice(&out.stdout).unwrap();
        seen.push(s["articles"].as_u64().unwrap());
        let out = Command::new(bin())
            .arg("--index")
            .arg(&index)
            .args(["search", "--json", "oil"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "search failed during indexing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if done || Instant::now() > deadline {
            break;
        }
    }
    assert!(child.wait().unwrap().success());
    let new = common::counts(&index).0;
    assert!(new > old);
    assert!(
        seen.iter().all(|&n| n == old || n == new),
        "saw {seen:?}, old {old}, new {new}"
    );
}
