//! Query syntax and the first page, end to end on the bundled `corpus/`: clauses are AND-ed
//! unless OR is written, a speaker clause asks for that speaker's quotes, a mixed page holds
//! one hit per article, and a quote hit shows the whole sentence it stands in.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{newsdex, success_json};

/// One index of `corpus/` shared by the tests of this file.
fn index() -> &'static TempDir {
    static INDEX: OnceLock<TempDir> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        newsdex(&dir.path().join("index"))
            .args(["index", "corpus", "--quiet"])
            .assert()
            .success();
        dir
    })
}

fn search(args: &[&str]) -> Value {
    let out = newsdex(&index().path().join("index"))
        .arg("search")
        .args(args)
        .args(["--json", "-n", "10"])
        .output()
        .unwrap();
    success_json(out)
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().unwrap()
}

#[test]
fn a_speaker_clause_gives_only_that_speakers_quotes_on_the_topic() {
    let v = search(&["speaker:\"tony blair\" war"]);
    assert!(!hits(&v).is_empty(), "{v}");
    for h in hits(&v) {
        assert_eq!(h["kind"], "quote", "{h}");
        assert!(h["speaker"].as_str().unwrap_or("").contains("Blair"), "{h}");
    }
    let either = search(&["speaker:\"tony blair\" OR war"]);
    assert!(
        either["total"].as_u64() > v["total"].as_u64(),
        "OR where written widens: {} vs {}",
        either["total"],
        v["total"]
    );
}

#[test]
fn a_first_page_holds_one_hit_per_article_unless_quotes_are_asked_for() {
    for q in ["oil prices 1987", "Labour election campaign", "Iraq war"] {
        let v = search(&[q]);
        let ids: Vec<&str> = hits(&v)
            .iter()
            .map(|h| h["article_id"].as_str().unwrap())
            .collect();
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{q}: {ids:?}");
    }
    let v = search(&["Blair quotes about the election"]);
    assert!(!hits(&v).is_empty(), "{v}");
    assert!(hits(&v).iter().all(|h| h["kind"] == "quote"), "{v}");
}

#[test]
fn a_quote_hit_shows_its_whole_sentence() {
    let v = search(&["--quotes", "election"]);
    assert!(!hits(&v).is_empty());
    for h in hits(&v) {
        let snippet = h["snippet"].as_str().unwrap();
        let quote = h["quote"].as_str().unwrap();
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat(snippet).contains(&flat(quote)),
            "{snippet:?} / {quote:?}"
        );
        // A whole sentence ends with its punctuation (or an ellipsis where the stored
        // context cut it).
        let end = snippet.trim_end_matches(['"', '\'', ')', '”', '’', ' ']);
        assert!(end.ends_with(['.', '!', '?', '…', ':']), "{snippet:?}");
    }
}
