//! Distributed builds on the repository's `corpus/`: `newsdex index --files-from` indexes
//! exactly a list of files, and `newsdex merge` joins shard indexes into one that answers as
//! one plain index of the same files does, replaces its output atomically, and refuses an
//! article found in two shards.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{newsdex, success_json};

/// A copy of `corpus/` in a temporary folder, and its article files (sorted).
fn archive() -> (TempDir, Vec<PathBuf>) {
    let dir = TempDir::new().unwrap();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new("corpus").sort_by_file_name() {
        let entry = entry.unwrap();
        let to = dir.path().join("archive").join(entry.path());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else if entry.path().extension().is_some_and(|e| e != "md") {
            fs::copy(entry.path(), &to).unwrap();
            files.push(to);
        }
    }
    (dir, files)
}

/// `newsdex index` run in the archive's folder (article ids of text files are their paths).
fn index(dir: &Path, index: &Path, args: &[&str], stdin: Option<&str>) -> Value {
    let mut cmd = newsdex(index);
    cmd.current_dir(dir.join("archive"))
        .arg("index")
        .args(args)
        .args(["--json", "--quiet"]);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_string());
    }
    success_json(cmd.output().unwrap())
}

fn list(files: &[PathBuf]) -> String {
    files.iter().map(|f| format!("{}\n", f.display())).collect()
}

fn merge(out: &Path, shards: &[&Path]) -> Value {
    success_json(
        newsdex(out)
            .arg("merge")
            .args(shards)
            .arg("--json")
            .output()
            .unwrap(),
    )
}

fn counts(index: &Path) -> (u64, u64, u64) {
    let s = success_json(newsdex(index).args(["stats", "--json"]).output().unwrap());
    (
        s["articles"].as_u64().unwrap(),
        s["quotes"].as_u64().unwrap(),
        s["files"].as_u64().unwrap(),
    )
}

/// Equal scores: BM25 sums the same floats in another order across other segments.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-5 * a.abs().max(1.0)
}

/// The first `n` hits of a search, every copy of a duplicate shown, in their order, with
/// their scores.
fn ranking(index: &Path, query: &str, flags: &[&str], n: usize) -> Vec<(f64, String)> {
    let mut all = vec!["--no-collapse"];
    all.extend_from_slice(flags);
    common::top_hits(index, query, &all, n)
}

fn same_ranking(a: &[(f64, String)], b: &[(f64, String)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((sa, da), (sb, db))| close(*sa, *sb) && da == db)
}

#[test]
fn files_from_indexes_exactly_the_list_and_stays_incremental() {
    let (dir, files) = archive();
    let ix = dir.path().join("ix");
    let listed = &files[..10];
    let first = index(dir.path(), &ix, &["--files-from", "-"], Some(&list(listed)));
    assert_eq!(
        (first["added"].as_u64(), first["read"].as_u64()),
        (Some(10), Some(10))
    );
    // A list file, with a blank line and CRLF ends: nothing changed, nothing read.
    let list_file = dir.path().join("list.txt");
    fs::write(&list_file, list(listed).replace('\n', "\r\n") + "\r\n").unwrap();
    let again = index(
        dir.path(),
        &ix,
        &["--files-from", list_file.to_str().unwrap()],
        None,
    );
    assert_eq!(
        (again["unchanged"].as_u64(), again["read"].as_u64()),
        (Some(10), Some(0)),
        "{again}"
    );
    // Files that leave the list leave the index; a changed file is the only one read; a
    // listed file that does not exist is reported, not fatal.
    fs::write(
        &listed[3],
        "A new title\n\nThe minister said the plan would work.\n",
    )
    .unwrap();
    let missing = dir.path().join("archive/gone.txt");
    let shorter = format!("{}{}\n", list(&listed[..5]), missing.display());
    let third = index(dir.path(), &ix, &["--files-from", "-"], Some(&shorter));
    for (k, v) in [
        ("removed", 5),
        ("updated", 1),
        ("read", 1),
        ("unchanged", 4),
    ] {
        assert_eq!(third[k], v, "{third}");
    }
    let skipped = third["skipped"].to_string();
    assert!(
        skipped.contains("gone.txt") && skipped.contains("does not exist"),
        "{skipped}"
    );
    assert_eq!(counts(&ix).2, 5);
    // An empty list empties the index.
    let empty = index(dir.path(), &ix, &["--files-from", "-"], Some(""));
    assert_eq!(
        (empty["removed"].as_u64(), empty["articles"].as_u64()),
        (Some(5), Some(0))
    );
    // Paths and a list together are refused; an unreadable list names itself.
    newsdex(&ix)
        .args(["index", "corpus", "--files-from", "-"])
        .assert()
        .code(2);
    let out = newsdex(&ix)
        .args(["index", "--files-from", "no-such-list.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-list.txt"));
}

#[test]
fn merged_shards_answer_like_one_index() {
    let (dir, files) = archive();
    let d = dir.path();
    let plain = d.join("plain");
    index(d, &plain, &["--files-from", "-"], Some(&list(&files)));
    let shards: Vec<PathBuf> = (0..3).map(|k| d.join(format!("shard-{k}"))).collect();
    for (k, shard) in shards.iter().enumerate() {
        let mine: Vec<PathBuf> = files.iter().skip(k).step_by(3).cloned().collect();
        index(d, shard, &["--files-from", "-"], Some(&list(&mine)));
    }
    // One more shard that is empty.
    let empty = d.join("shard-empty");
    index(d, &empty, &["--files-from", "-"], Some(""));
    let out = d.join("index");
    let refs: Vec<&Path> = shards
        .iter()
        .map(PathBuf::as_path)
        .chain([empty.as_path()])
        .collect();
    let summary = merge(&out, &refs);
    let want = counts(&plain);
    assert!(want.0 > 30 && want.1 > 100, "{want:?}");
    assert_eq!(counts(&out), want);
    assert_eq!(
        (summary["articles"].as_u64(), summary["quotes"].as_u64()),
        (Some(want.0), Some(want.1))
    );
    // The same documents in the same order, over quotes and over articles with their
    // quotes (where an article and its quotes tie on a title word).
    for (q, flags) in [
        ("putin nato", &["--quotes"][..]),
        ("oil prices", &["--quotes"]),
        ("what did clinton say about trump", &["--quotes"]),
        ("blair said the election", &["--quotes"]),
        ("election", &["--quotes"]),
        ("oil prices", &[]),
        ("title:election", &[]),
        ("title:labour", &[]),
        ("said", &[]),
    ] {
        let a = ranking(&plain, q, flags, 10);
        assert!(!a.is_empty(), "{q}");
        let b = ranking(&out, q, flags, 10);
        assert!(same_ranking(&a, &b), "{q}: {a:?}\n{b:?}");
    }
    // The merged index is an ordinary one: a plain re-index of the same files reads nothing.
    let re = index(d, &out, &["--files-from", "-"], Some(&list(&files)));
    assert_eq!(
        (re["read"].as_u64(), re["removed"].as_u64()),
        (Some(0), Some(0)),
        "{re}"
    );
    // Merging again replaces the output: a shard loses files, the merge follows.
    let fewer: Vec<PathBuf> = files.iter().step_by(3).take(2).cloned().collect();
    index(d, &shards[0], &["--files-from", "-"], Some(&list(&fewer)));
    merge(&out, &refs);
    let after = counts(&out);
    assert!(after.2 < want.2, "{after:?} {want:?}");
    assert!(!d.join(".index.merging").exists());
}

#[test]
fn ties_rank_by_article_id_however_the_index_was_built() {
    // The same wire story in three files: every copy scores the same, so which leads (and
    // which make a page cut inside the tie) is their ids' order, not the order the files
    // were indexed in nor the shards merged in.
    let (dir, files) = archive();
    let d = dir.path();
    let story = d.join("archive/corpus/bbc/politics-001.txt");
    fs::create_dir_all(d.join("archive/copies")).unwrap();
    let copies = [
        d.join("archive/copies/a.txt"),
        d.join("archive/copies/z.txt"),
    ];
    for c in &copies {
        fs::copy(&story, c).unwrap();
    }
    let all: Vec<PathBuf> = files.iter().chain(&copies).cloned().collect();
    let plain = d.join("plain");
    index(
        d,
        &plain,
        &["-j", "1", "--files-from", "-"],
        Some(&list(&all)),
    );
    // Shards merged in the reverse of the ids' order: the rest, then z, then a.
    let shards = [d.join("s0"), d.join("s1"), d.join("s2")];
    for (shard, mine) in shards.iter().zip([&files[..], &copies[1..], &copies[..1]]) {
        index(
            d,
            shard,
            &["-j", "1", "--files-from", "-"],
            Some(&list(mine)),
        );
    }
    let out = d.join("index");
    merge(&out, &[&shards[0], &shards[1], &shards[2]]);
    let ids = [
        "copies/a.txt",
        "copies/z.txt",
        "corpus/bbc/politics-001.txt",
    ];
    for ix in [&plain, &out] {
        let got = ranking(ix, "maternity pay", &["--articles"], 3);
        let order: Vec<&str> = got
            .iter()
            .map(|(_, d)| d.split('"').nth(3).unwrap())
            .collect();
        assert_eq!(order, ids, "{}: {got:?}", ix.display());
        // A page of one hit (copies collapsed) holds the first of the tie.
        let one = success_json(
            newsdex(ix)
                .args(["search", "--json", "--articles", "-n", "1", "maternity pay"])
                .output()
                .unwrap(),
        );
        assert_eq!(one["hits"][0]["article_id"], ids[0], "{one}");
    }
    // A title word ties an article with its quotes: the article comes first.
    let mixed = ranking(&out, "title:maternity", &[], 10);
    assert!(
        mixed[0].1.starts_with("\"article\" \"copies/a.txt\""),
        "{mixed:?}"
    );
    assert!(same_ranking(
        &mixed,
        &ranking(&plain, "title:maternity", &[], 10)
    ));
}

#[test]
fn an_article_in_two_shards_is_an_error_naming_it() {
    let (dir, files) = archive();
    let d = dir.path();
    let (a, b) = (d.join("a"), d.join("b"));
    index(d, &a, &["--files-from", "-"], Some(&list(&files[..4])));
    index(d, &b, &["--files-from", "-"], Some(&list(&files[3..6])));
    let out = d.join("index");
    let err = newsdex(&out)
        .args(["merge"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&err.stderr);
    let shared = files[3].strip_prefix(d.join("archive")).unwrap();
    assert!(
        msg.contains(&format!("article id {}", shared.display()))
            && msg.contains("two shards")
            && msg.lines().count() == 1,
        "{msg}"
    );
    assert!(!out.exists());
    // Neither a shard as output nor a folder that is no index is overwritten.
    newsdex(&a).arg("merge").arg(&a).arg(&b).assert().code(2);
    let not_index = d.join("notes");
    fs::create_dir_all(&not_index).unwrap();
    fs::write(not_index.join("keep.txt"), "mine").unwrap();
    newsdex(&not_index).arg("merge").arg(&b).assert().code(2);
    assert!(not_index.join("keep.txt").exists());
}

#[test]
fn a_merge_killed_half_way_leaves_the_old_index() {
    let (dir, files) = archive();
    let d = dir.path();
    let (a, b) = (d.join("a"), d.join("b"));
    let half = files.len() / 2;
    index(d, &a, &["--files-from", "-"], Some(&list(&files[..half])));
    index(d, &b, &["--files-from", "-"], Some(&list(&files[half..])));
    let out = d.join("index");
    merge(&out, &[&a]);
    let old = counts(&out);
    let new = {
        let probe = d.join("probe");
        merge(&probe, &[&a, &b]);
        counts(&probe)
    };
    assert_ne!(old, new);
    let bin = assert_cmd::cargo::cargo_bin("newsdex");
    for delay_ms in [0u64, 5, 10, 20, 40, 80] {
        let mut child = Command::new(&bin)
            .arg("--index")
            .arg(&out)
            .arg("merge")
            .args([&a, &b])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = counts(&out);
        assert!(now == old || now == new, "after {delay_ms} ms: {now:?}");
        if now == new {
            merge(&out, &[&a]);
        }
    }
    // A killed merge's work folder is cleared by the next one.
    merge(&out, &[&a, &b]);
    assert_eq!(counts(&out), new);
    let _ = std::io::stdout().flush();
}
