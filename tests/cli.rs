//! End-to-end tests of the `newsdex` binary on real articles: indexing, incremental
//! re-indexing, search flags, JSON schemas, exit codes and the writer lock.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{json, newsdex, success_json};

const SEED: &str = "corpus/seed/000_24f06f2ccdc2f1d3.txt";
/// The BBC politics stories of the bundled sample archive.
const BBC: [&str; 11] = [
    "001", "007", "014", "021", "060", "093", "095", "110", "126", "184", "189",
];

/// BBC politics story `i` (from 1) of the bundled sample archive.
fn bbc(i: usize) -> PathBuf {
    Path::new("corpus/bbc").join(format!("politics-{}.txt", BBC[i - 1]))
}

/// A corpus folder with the seed article and `n` BBC politics articles, as `bbc-00I.txt`.
fn corpus(n: usize) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("corpus");
    fs::create_dir_all(&root).unwrap();
    fs::copy(SEED, root.join("seed.txt")).unwrap();
    for i in 1..=n {
        fs::copy(bbc(i), root.join(format!("bbc-{i:03}.txt"))).unwrap();
    }
    (dir, root)
}

fn index_json(index: &Path, paths: &[&Path]) -> Value {
    success_json(
        newsdex(index)
            .arg("index")
            .args(paths)
            .arg("--json")
            .arg("--quiet")
            .output()
            .unwrap(),
    )
}

fn search_json(index: &Path, args: &[&str]) -> (i32, Value) {
    let out = newsdex(index)
        .arg("search")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "search failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, json(&out.stdout))
}

#[test]
fn seed_question_puts_a_putin_nato_quote_first() {
    let (dir, root) = corpus(5);
    let index = dir.path().join("index");
    let summary = index_json(&index, &[&root]);
    assert_eq!(summary["added"], 6);
    assert!(summary["quotes"].as_u64().unwrap() >= 5);
    let (code, resp) = search_json(&index, &["Putin quotes about NATO expansion"]);
    assert_eq!(code, 0);
    let first = &resp["hits"][0];
    assert_eq!(first["kind"], "quote");
    assert_eq!(first["speaker"], "Vladimir Putin");
    let text = format!("{} {}", first["quote"], first["snippet"]).to_lowercase();
    assert!(text.contains("nato"), "{first}");
    assert_eq!(resp["interpretation"]["intent"], "quotes");
    assert_eq!(resp["interpretation"]["speakers"][0], "Vladimir Putin");
}

#[test]
fn json_hits_follow_the_schema() {
    let (dir, root) = corpus(3);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let (_, resp) = search_json(&index, &["NATO"]);
    assert!(resp["total"].as_u64().unwrap() >= 1);
    for hit in resp["hits"].as_array().unwrap() {
        for key in [
            "rank",
            "score",
            "kind",
            "article_id",
            "path",
            "title",
            "date",
            "source",
            "speaker",
            "quote",
            "snippet",
            "highlights",
        ] {
            assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
        }
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        for h in hit["highlights"].as_array().unwrap() {
            let (s, e) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            let word: String = snippet[s..e].iter().collect();
            assert!(
                word.to_lowercase().starts_with("nato"),
                "highlight {word:?} in {hit}"
            );
        }
        if hit["kind"] == "article" {
            assert!(hit["speaker"].is_null() && hit["quote"].is_null());
        }
    }
}

#[test]
fn speaker_flag_matches_aliases() {
    let (dir, root) = corpus(0);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let (code, resp) = search_json(&index, &["--speaker", "Putin", "--quotes", "-n", "50"]);
    assert_eq!(code, 0);
    let hits = resp["hits"].as_array().unwrap();
    assert!(hits.len() >= 4, "{resp}");
    assert!(
        hits.iter()
            .all(|h| h["speaker"] == "Vladimir Putin" && h["kind"] == "quote")
    );
    let (code, _) = search_json(&index, &["--speaker", "Nobody Known", "nato"]);
    assert_eq!(code, 1);
}

#[test]
fn date_filters_apply() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("c");
    fs::create_dir_all(&root).unwrap();
    for (name, date) in [("a.txt", "2016-03-11"), ("b.txt", "2020-01-02")] {
        fs::write(root.join(name), format!("Title: Oil {name}\nDate: {date}\n\nOil prices rose sharply, traders said on Friday.\n")).unwrap();
    }
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let (_, all) = search_json(&index, &["oil", "--articles"]);
    assert_eq!(all["total"], 2);
    let (_, r) = search_json(&index, &["oil", "--articles", "--since", "2017"]);
    assert_eq!(r["total"], 1);
    assert_eq!(r["hits"][0]["date"], "2020-01-02");
    let (_, r) = search_json(&index, &["oil", "--articles", "--until", "2016-03"]);
    assert_eq!(r["total"], 1);
    assert_eq!(r["hits"][0]["date"], "2016-03-11");
    let (_, r) = search_json(&index, &["oil prices in 2016", "--articles"]);
    assert_eq!(r["hits"].as_array().unwrap().len(), 1);
    newsdex(&index)
        .args(["search", "oil", "--since", "2022-13-45"])
        .assert()
        .code(2);
}

#[test]
fn reindex_reads_only_changes_and_never_duplicates() {
    let (dir, root) = corpus(4);
    let index = dir.path().join("index");
    let first = index_json(&index, &[&root]);
    assert_eq!(
        (first["added"].as_u64(), first["articles"].as_u64()),
        (Some(5), Some(5))
    );
    let again = index_json(&index, &[&root]);
    for (k, v) in [
        ("added", 0),
        ("updated", 0),
        ("removed", 0),
        ("unchanged", 5),
    ] {
        assert_eq!(again[k], v, "{again}");
    }
    // Change one, add one, delete one.
    fs::write(
        root.join("bbc-001.txt"),
        "New title\n\nA changed article about the budget, Brown said.\n",
    )
    .unwrap();
    fs::copy(bbc(10), root.join("bbc-010.txt")).unwrap();
    fs::remove_file(root.join("bbc-002.txt")).unwrap();
    let third = index_json(&index, &[&root]);
    for (k, v) in [
        ("added", 1),
        ("updated", 1),
        ("removed", 1),
        ("unchanged", 3),
        ("articles", 5),
    ] {
        assert_eq!(third[k], v, "{third}");
    }
    // --full re-reads everything and still holds each article once.
    let full = index_json(&index, &["--full".as_ref(), root.as_path()]);
    assert_eq!(full["updated"], 5, "{full}");
    let out = newsdex(&index).args(["stats", "--json"]).output().unwrap();
    let stats = json(&out.stdout);
    assert_eq!(
        (stats["articles"].as_u64(), stats["files"].as_u64()),
        (Some(5), Some(5))
    );
    let (_, r) = search_json(
        &index,
        &["budget", "--articles", "-n", "100", "--no-collapse"],
    );
    let ids: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}

#[test]
fn second_writer_is_refused_while_locked() {
    let (dir, root) = corpus(1);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let store = newsdex::index::Store::open(&index).unwrap();
    let _writer: tantivy::IndexWriter = store.index.writer(50_000_000).unwrap();
    let out = newsdex(&index).arg("index").arg(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("locked by another newsdex process"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Searches still work on the last commit.
    let (code, _) = search_json(&index, &["NATO"]);
    assert_eq!(code, 0);
}

#[test]
fn errors_are_one_line_with_exit_2() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope");
    let out = newsdex(&dir.path().join("index"))
        .arg("index")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope") && err.lines().count() == 1, "{err}");
    let out = newsdex(&dir.path().join("no-index"))
        .args(["search", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    for (flag, value) in [("--threads", "0"), ("--memory", "5"), ("--limit", "x")] {
        let cmd = if flag == "--limit" { "search" } else { "index" };
        let out = newsdex(&dir.path().join("index"))
            .args([cmd, flag, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag) && err.lines().count() == 1, "{err}");
    }
}

#[test]
fn a_bad_value_the_library_rejects_is_named_by_its_flag() {
    let (dir, root) = corpus(0);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    for flag in ["--since", "--until"] {
        let out = newsdex(&index)
            .args(["search", "nato", flag, "last spring"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err.trim_end(),
            format!(
                "newsdex: invalid {flag}: \"last spring\" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        );
    }
}

#[test]
fn threads_and_memory_flags_bound_the_indexer() {
    let (dir, root) = corpus(3);
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    let a = success_json(
        newsdex(&one)
            .args(["index", "--quiet", "--json", "-j", "1", "--memory", "20"])
            .arg(&root)
            .output()
            .unwrap(),
    );
    let b = index_json(&two, &[&root]);
    assert_eq!(a["articles"], 4);
    assert_eq!(a["articles"], b["articles"]);
    assert_eq!(a["quotes"], b["quotes"]);
}

#[test]
fn nothing_found_exits_1() {
    let (dir, root) = corpus(0);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    newsdex(&index).args(["search", "zzzyzzx"]).assert().code(1);
}

#[test]
fn human_output_shows_rank_title_speaker_and_highlights() {
    let (dir, root) = corpus(0);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let out = newsdex(&index)
        .args(["search", "--color", "always", "Putin quotes about NATO"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1. "), "{text}");
    assert!(text.contains("Vladimir Putin"), "{text}");
    assert!(text.contains("\x1b[1;31m"), "{text}");
    let out = newsdex(&index)
        .args(["search", "Putin quotes about NATO"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

#[test]
fn index_summary_names_each_bad_file_and_keeps_the_good_ones() {
    let (dir, root) = corpus(2);
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(root.join("fake.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(root.join("mixed.jsonl"), "{\"id\": \"g1\", \"body\": \"Oil rose.\"}\n{broken\n{\"id\": \"g2\", \"body\": \"Oil fell.\"}\n").unwrap();
    // A 200 MB file, sparse so the test stays fast.
    let big = fs::File::create(root.join("huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    let index = dir.path().join("index");
    let s = index_json(&index, &[&root]);
    let reason = |name: &str| -> String {
        s["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["path"].as_str().unwrap().ends_with(name))
            .map(|k| k["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no skip for {name}: {s}"))
    };
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("fake.txt").contains("binary"));
    assert!(reason("mixed.jsonl").contains("line 2"));
    assert_eq!(
        reason("huge.txt"),
        "file is 209715200 bytes, over the file size limit of 104857600 bytes (100 MiB)"
    );
    // seed + 2 BBC + the 2 good JSON lines.
    assert_eq!(s["articles"], 5, "{s}");
    let again = index_json(&index, &[&root]);
    assert_eq!(
        (again["added"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
}

#[test]
fn wait_flag_waits_for_the_lock_then_indexes() {
    let (dir, root) = corpus(1);
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let store = newsdex::index::Store::open(&index).unwrap();
    let writer: tantivy::IndexWriter = store.index.writer(50_000_000).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        drop(writer);
    });
    let started = std::time::Instant::now();
    let out = newsdex(&index)
        .arg("index")
        .arg(&root)
        .args(["--wait", "30", "--json"])
        .output()
        .unwrap();
    release.join().unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_millis(1000));
    assert_eq!(success_json(out)["unchanged"], 2);
}

/// Writes `articles` (file name, title, body) as header-block text files under a new folder
/// and indexes them.
fn indexed(articles: &[(&str, &str, &str)]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("c");
    fs::create_dir_all(&root).unwrap();
    for (name, title, body) in articles {
        fs::write(root.join(name), format!("Title: {title}\n\n{body}\n")).unwrap();
    }
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    (dir, index)
}

#[test]
fn words_close_together_rank_first() {
    // Same words; the close pair's article is a little longer, so without the proximity
    // re-rank of the union's best documents it would come second.
    let filler = "The committee met on Tuesday and reviewed the figures in detail.";
    let (_dir, index) = indexed(&[
        (
            "apart.txt",
            "Report one",
            &format!("Coffee was discussed first. {filler} {filler} Exports came up later."),
        ),
        (
            "close.txt",
            "Report two",
            &format!(
                "Coffee exports were discussed first. {filler} {filler} Much later came more."
            ),
        ),
    ]);
    let (_, r) = search_json(&index, &["coffee exports", "--articles"]);
    assert_eq!(r["total"], 2);
    assert_eq!(r["hits"][0]["title"], "Report two");
}

#[test]
fn searches_without_a_kind_never_return_file_records() {
    let (_dir, index) = indexed(&[(
        "a.txt",
        "Budget talks",
        "\"We will cut taxes,\" the minister said. The budget was debated.",
    )]);
    let (_, r) = search_json(&index, &["budget taxes", "-n", "50"]);
    let hits = r["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["kind"] == "article" || h["kind"] == "quote"),
        "{hits:?}"
    );
    // One hit per article on a mixed page: the article or its quote, not both.
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(r["total"].as_u64().unwrap() as usize >= hits.len());
}

#[test]
fn pages_follow_the_collapsed_ranking() {
    // Two copies of one story collapse into one hit; pages of one hit walk the same list.
    let story = "Wheat exports to the Soviet Union rose, the agriculture department said.";
    let (_dir, index) = indexed(&[
        ("a.txt", "Wheat sales", story),
        ("b.txt", "Wheat sales", story),
        (
            "c.txt",
            "Grain",
            "Wheat exports fell in March as prices climbed.",
        ),
        (
            "d.txt",
            "Soviet grain",
            "The Soviet Union bought more wheat this year.",
        ),
    ]);
    let (_, all) = search_json(&index, &["wheat exports", "--articles", "-n", "10"]);
    let titles: Vec<&Value> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["title"])
        .collect();
    assert_eq!(titles.len(), 3, "{all}");
    let copies = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["title"] == "Wheat sales")
        .unwrap();
    assert_eq!(copies["duplicates"], 1);
    for (i, title) in titles.iter().enumerate() {
        let offset = i.to_string();
        let (_, page) = search_json(
            &index,
            &[
                "wheat exports",
                "--articles",
                "-n",
                "1",
                "--offset",
                &offset,
            ],
        );
        assert_eq!(&&page["hits"][0]["title"], title, "page {i}");
        assert_eq!(page["hits"][0]["rank"], i + 1);
    }
}

#[test]
fn an_id_is_indexed_once_across_files_and_runs() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("c");
    fs::create_dir_all(&root).unwrap();
    let record =
        |body: &str| format!("{{\"id\": \"w1\", \"title\": \"Wheat\", \"body\": \"{body}\"}}\n");
    fs::write(
        root.join("a.jsonl"),
        record("Wheat exports rose sharply this year."),
    )
    .unwrap();
    fs::write(
        root.join("b.jsonl"),
        record("Wheat exports fell sharply this year."),
    )
    .unwrap();
    let index = dir.path().join("index");
    index_json(&index, &[&root]);
    let (_, r) = search_json(&index, &["wheat", "--articles"]);
    assert_eq!(r["total"], 1, "{r}");
    // The id moves to a new file in a later run: the new record replaces the old one.
    fs::remove_file(root.join("a.jsonl")).unwrap();
    fs::write(
        root.join("c.jsonl"),
        record("Wheat exports were flat this year."),
    )
    .unwrap();
    index_json(&index, &[&root]);
    let (_, r) = search_json(&index, &["wheat", "--articles"]);
    assert_eq!(r["total"], 1, "{r}");
    assert!(
        r["hits"][0]["snippet"].as_str().unwrap().contains("flat"),
        "{r}"
    );
}
