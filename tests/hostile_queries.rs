//! Hostile queries: unbalanced quotes and parentheses, unknown fields, a 100 KB query,
//! control characters, emoji, only stop words, bad dates. Each gives results or one clear
//! error line with exit 2, never a panic. A proptest drives the in-process search path with
//! arbitrary text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use newsdex::search::run::{Engine, Request, Sort};
use proptest::prelude::*;

mod common;

const SEED: &str = "corpus/seed/000_24f06f2ccdc2f1d3.txt";

/// One index of the seed article, shared by every test in this file.
fn index() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = DIR.get_or_init(|| {
        let dir = tempfile::TempDir::new().unwrap();
        let index = dir.path().join("index");
        common::newsdex(&index)
            .args(["index", SEED, "--quiet"])
            .assert()
            .success();
        (dir, index)
    });
    p
}

fn search(args: &[&str]) -> std::process::Output {
    common::newsdex(index())
        .arg("search")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn hostile_queries_answer_or_fail_cleanly() {
    let long = "nato ".repeat(20_000);
    let queries = [
        "\"unbalanced quote nato",
        "nato)) ((russia",
        "(((",
        "foo:bar nato",
        "speaker:",
        "date:[2020 TO",
        "title:\"",
        "nato\u{1}\u{7}\u{1b}[31m",
        "🦀 NATO 🇺🇦",
        "the of and a to in",
        "AND OR NOT",
        "-",
        "--",
        "*",
        "speaker:putin AND NOT",
        "Putin quotes about",
        "nosuch:*",
        long.as_str(),
    ];
    for q in queries {
        let out = search(&["--json", "--", q]);
        let code = out.status.code();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{q:?}: {err}");
        match code {
            Some(0) | Some(1) => {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                assert!(v["hits"].is_array(), "{q:?}");
            }
            Some(2) => {
                assert_eq!(err.trim().lines().count(), 1, "{q:?}: {err}");
                assert!(err.contains("bad query"), "{q:?}: {err}");
            }
            other => panic!("{q:?}: exit {other:?}: {err}"),
        }
    }
}

#[test]
fn bad_flags_are_one_line_errors() {
    for args in [
        vec!["nato", "--since", "2022-13-45"],
        vec!["nato", "--until", "tomorrow"],
        vec!["nato", "--limit", "-3"],
        vec!["nato", "--sort", "sideways"],
        vec!["nato", "--limit", "0"],
    ] {
        let out = search(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.lines()
                .next()
                .is_some_and(|l| l.contains("error") || l.contains("invalid")),
            "{args:?}: {err}"
        );
    }
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::open(index()).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_query_text_is_answered(q in "\\PC{0,80}", speaker in proptest::option::of("[a-zA-Z ]{0,12}")) {
        let req = Request {
            query: q,
            limit: 5,
            offset: 0,
            speaker,
            entity: None,
            since: None,
            until: None,
            kind: None,
            sort: Sort::Relevance,
            collapse: true,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        };
        // Text that is no query is refused as one; nothing else may fail.
        match engine().search(&req) {
            Ok(resp) => {
                for h in resp.hits {
                    let n = h.snippet.chars().count();
                    prop_assert!(h.highlights.iter().all(|[a, b]| a < b && *b <= n));
                }
            }
            Err(newsdex::error::Error::BadQuery(_)) => {}
            Err(e) => prop_assert!(false, "{:?}: {e}", req.query),
        }
    }
}
