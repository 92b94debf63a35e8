//! End-to-end tests of archive-wide identities on real articles (PolNeAR samples in
//! `tests/fixtures/identity/`, BBC politics in `corpus/bbc/`): aliases of one person count and
//! filter as one identity, a bare surname means the person who dominates it, and a surname two
//! people share in one article goes to the one the sentence names.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{newsdex, success_json};

const FIXTURES: &str = "tests/fixtures/identity";

fn index(paths: &[&str]) -> TempDir {
    let dir = TempDir::new().unwrap();
    success_json(
        newsdex(&dir.path().join("index"))
            .arg("index")
            .args(paths)
            .args(["--json", "--quiet"])
            .output()
            .unwrap(),
    );
    dir
}

fn run(dir: &TempDir, args: &[&str]) -> Value {
    let out = newsdex(&dir.path().join("index"))
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::json(&out.stdout)
}

fn speakers_of_hits(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["speaker"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn stats_count_one_identity_per_person() {
    assert!(Path::new(FIXTURES).exists());
    let dir = index(&[FIXTURES]);
    let stats = run(&dir, &["stats"]);
    let top: Vec<(&str, u64)> = stats["top_speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    let names: Vec<&str> = top.iter().map(|(n, _)| *n).collect();
    assert_eq!(names[0], "Donald Trump", "{top:?}");
    // "Donald J. Trump" (huff-post, nyt) and bare "Trump" (usa-today) are his aliases.
    for alias in ["Donald J. Trump", "Trump"] {
        assert!(!names.contains(&alias), "{alias} listed apart: {top:?}");
    }
    let aliases = &stats["top_speakers"][0]["aliases"];
    assert!(
        aliases
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Donald J. Trump"),
        "{aliases}"
    );
    assert!(names.contains(&"Ivanka Trump"), "{top:?}");
    assert!(names.contains(&"Melania Trump"), "{top:?}");
    // The identity counts the quotes of every alias.
    let donald_j = run(
        &dir,
        &[
            "search",
            "--speaker",
            "Donald J. Trump",
            "-n",
            "100",
            "trump",
        ],
    );
    assert_eq!(
        donald_j["interpretation"]["speakers"],
        serde_json::json!(["Donald Trump"])
    );
    let paths: Vec<&str> = donald_j["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.contains("huff-post_")), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.contains("west-journal_2015")),
        "{paths:?}"
    );
}

#[test]
fn a_bare_surname_is_the_dominant_identity_and_explain_lists_the_others() {
    let dir = index(&[FIXTURES]);
    let v = run(
        &dir,
        &["search", "--speaker", "Trump", "--quotes", "-n", "20"],
    );
    assert_eq!(
        v["interpretation"]["speakers"],
        serde_json::json!(["Donald Trump"])
    );
    let notes = v["interpretation"]["notes"].to_string();
    assert!(
        notes.contains("also:")
            && notes.contains("Ivanka Trump")
            && notes.contains("Melania Trump"),
        "{notes}"
    );
    let speakers = speakers_of_hits(&v);
    assert!(!speakers.is_empty());
    assert!(speakers.iter().all(|s| s == "Donald Trump"), "{speakers:?}");
    // Asking for her gets hers.
    let v = run(&dir, &["search", "Ivanka Trump quotes", "-n", "20"]);
    assert_eq!(
        v["interpretation"]["speakers"],
        serde_json::json!(["Ivanka Trump"])
    );
    let speakers = speakers_of_hits(&v);
    assert!(!speakers.is_empty());
    assert!(speakers.iter().all(|s| s == "Ivanka Trump"), "{speakers:?}");
    let v = run(
        &dir,
        &[
            "search",
            "--quotes",
            "--speaker",
            "Melania Trump",
            "-n",
            "20",
        ],
    );
    let speakers = speakers_of_hits(&v);
    assert!(!speakers.is_empty());
    assert!(
        speakers.iter().all(|s| s == "Melania Trump"),
        "{speakers:?}"
    );
}

#[test]
fn a_shared_surname_goes_to_the_person_the_sentence_names() {
    let dir = index(&["corpus/bbc"]);
    let v = run(
        &dir,
        &["search", "what did Blair say about Iraq", "-n", "20"],
    );
    let hits = v["hits"].as_array().unwrap();
    let rejected = hits
        .iter()
        .find(|h| {
            h["quote"]
                .as_str()
                .is_some_and(|q| q.starts_with("calls for the publication of advice"))
        })
        .expect("the quote of 'Tony Blair has rejected calls …'");
    assert_eq!(rejected["speaker"], "Tony Blair");
    assert!(
        speakers_of_hits(&v).iter().all(|s| s != "Cherie Blair"),
        "{:?}",
        speakers_of_hits(&v)
    );
}
