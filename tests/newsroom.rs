//! End-to-end tests of what a newsroom scripts around, on the bundled sample archive
//! (`corpus/`): export, timelines, facets, saved searches with alerts, completions and the
//! man page, and articles nothing may drop (headline-only stories, untitled articles, an index
//! kept inside the archive). The full Reuters-21578 checks skip without `../shared`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic on what it checks

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{json, newsdex, success_json};

const REUTERS: &str = "../shared/data/reuters21578";

/// One index of the whole bundled archive, shared by the read-only tests of this file.
fn corpus_index() -> &'static Path {
    static DIR: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, index) = DIR.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let index = dir.path().join("index");
        newsdex(&index)
            .args(["index", "corpus", "--quiet"])
            .assert()
            .success();
        (dir, index)
    });
    index
}

fn run(index: &Path, args: &[&str]) -> (i32, String) {
    let out = newsdex(index).args(args).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, String::from_utf8(out.stdout).unwrap())
}

fn run_json(index: &Path, args: &[&str]) -> Value {
    json(run(index, args).1.as_bytes())
}

/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "unterminated CSV"
    );
    rows
}

#[test]
fn export_without_a_query_writes_every_article_and_quote() {
    let index = corpus_index();
    let (code, csv) = run(index, &["export"]);
    assert_eq!(code, 0);
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[0].join(","),
        "kind,article_id,date,source,title,speaker,quote,url,path"
    );
    assert!(rows.iter().all(|r| r.len() == 9), "a row without 9 fields");
    let (articles, quotes) = common::counts(index);
    let count = |kind: &str| rows.iter().filter(|r| r[0] == kind).count() as u64;
    assert_eq!((count("article"), count("quote")), (articles, quotes));
    // Every article row has a title (its own or its first words) and a path.
    for r in rows.iter().skip(1) {
        assert!(
            !r[1].is_empty() && !r[4].is_empty() && !r[8].is_empty(),
            "{r:?}"
        );
        if r[0] == "quote" {
            assert!(!r[6].is_empty(), "{r:?}");
        }
    }
    // Quote rows carry the URL of their article (the HTML pages have one).
    assert!(
        rows.iter()
            .any(|r| r[0] == "quote" && r[7].starts_with("http")),
        "no quote row with a URL"
    );
}

#[test]
fn export_takes_the_query_and_every_search_filter() {
    let index = corpus_index();
    let search = run_json(index, &["search", "--json", "oil", "--articles"]);
    let total = search["total"].as_u64().unwrap();
    assert!(total >= 5, "{total}");
    let (_, jsonl) = run(index, &["export", "oil", "--articles", "--format", "jsonl"]);
    let rows: Vec<Value> = jsonl.lines().map(|l| json(l.as_bytes())).collect();
    // Every match, not a page of them.
    assert_eq!(rows.len() as u64, total);
    assert!(rows.iter().all(|r| r["kind"] == "article"));
    let (_, jsonl) = run(
        index,
        &[
            "export",
            "--quotes",
            "--speaker",
            "Putin",
            "--format",
            "jsonl",
        ],
    );
    let rows: Vec<Value> = jsonl.lines().map(|l| json(l.as_bytes())).collect();
    assert!(rows.len() >= 4, "{}", rows.len());
    assert!(
        rows.iter()
            .all(|r| r["kind"] == "quote" && r["speaker"] == "Vladimir Putin")
    );
    let (_, dated) = run(
        index,
        &[
            "export", "oil", "--since", "1987-03", "--until", "1987-03", "--format", "jsonl",
        ],
    );
    assert!(!dated.is_empty());
    for l in dated.lines() {
        let date = json(l.as_bytes())["date"].as_str().unwrap().to_string();
        assert!(date.starts_with("1987-03"), "{date}");
    }
    let (code, nothing) = run(index, &["export", "zzzyzzx"]);
    assert_eq!((code, nothing.lines().count()), (1, 1), "header only");
}

#[test]
fn timeline_counts_every_match_per_period() {
    let index = corpus_index();
    let r = run_json(
        index,
        &[
            "search",
            "--json",
            "oil",
            "--since",
            "1987",
            "--timeline",
            "day",
        ],
    );
    let periods = r["timeline"].as_array().unwrap();
    let sum: u64 = periods.iter().map(|p| p["count"].as_u64().unwrap()).sum();
    assert_eq!(
        sum + r["undated"].as_u64().unwrap(),
        r["total"].as_u64().unwrap()
    );
    // Every day of the range is listed, in order, the empty ones too.
    let days: Vec<chrono::NaiveDate> = periods
        .iter()
        .map(|p| {
            chrono::NaiveDate::parse_from_str(p["period"].as_str().unwrap(), "%Y-%m-%d").unwrap()
        })
        .collect();
    assert!(
        days.windows(2).all(|w| (w[1] - w[0]).num_days() == 1),
        "{days:?}"
    );
    assert!(periods.iter().any(|p| p["count"] == 0));
    // From --since to the last match.
    assert_eq!(periods.first().unwrap()["period"], "1987-01-01");
    assert!(periods.last().unwrap()["count"].as_u64().unwrap() > 0);

    let r = run_json(
        index,
        &[
            "search",
            "--json",
            "oil",
            "--since",
            "1987",
            "--timeline",
            "month",
        ],
    );
    let months: Vec<&str> = r["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["1987-01", "1987-02", "1987-03"]);
    // The seed article states no date: counted apart, never dropped.
    let r = run_json(index, &["search", "--json", "Putin", "--timeline", "year"]);
    assert!(r["undated"].as_u64().unwrap() >= 1, "{r}");

    let (_, text) = run(
        index,
        &["search", "oil", "--since", "1987", "--timeline", "month"],
    );
    assert!(text.contains("matches per Month"), "{text}");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("1987-03  "))
        .unwrap();
    assert!(line.contains('█'), "{line}");

    let dir = TempDir::new().unwrap();
    let svg = dir.path().join("oil.svg");
    run(
        index,
        &[
            "search",
            "oil",
            "--since",
            "1987",
            "--timeline",
            "week",
            "--plot",
            svg.to_str().unwrap(),
        ],
    );
    let svg = fs::read_to_string(svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(
        svg.contains("<title>1987-W09:"),
        "no bar for the first week"
    );
}

#[test]
fn facets_give_the_top_names_with_counts() {
    let index = corpus_index();
    let r = run_json(
        index,
        &[
            "search",
            "--json",
            "NATO",
            "--facets",
            "speaker,entity,source",
        ],
    );
    let facets = &r["facets"];
    for name in ["speaker", "entity", "source"] {
        let top = facets[name].as_array().unwrap();
        assert!(!top.is_empty() && top.len() <= 10, "{name}: {top:?}");
        let counts: Vec<u64> = top.iter().map(|t| t["count"].as_u64().unwrap()).collect();
        assert!(
            counts.windows(2).all(|w| w[0] >= w[1]),
            "{name}: {counts:?}"
        );
    }
    assert_eq!(facets["speaker"][0]["name"], "Vladimir Putin", "{facets}");
    assert!(
        facets["entity"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "NATO"),
        "{facets}"
    );
    // Speaker counts are quotes: Putin's equal his NATO quotes.
    let quotes = run_json(
        index,
        &["search", "--json", "NATO", "--quotes", "--speaker", "Putin"],
    );
    assert_eq!(facets["speaker"][0]["count"], quotes["total"]);
    // Sources count articles among the matches.
    let r = run_json(
        index,
        &[
            "search",
            "--json",
            "oil",
            "--articles",
            "--facets",
            "source",
        ],
    );
    assert_eq!(r["facets"]["source"][0]["name"], "Reuters");
    let (_, text) = run(index, &["search", "oil", "--facets", "source"]);
    assert!(text.contains("top source (articles)"), "{text}");
}

#[test]
fn saved_searches_report_what_is_new_at_each_index_run() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("arch");
    fs::create_dir_all(&root).unwrap();
    fs::copy(
        "corpus/seed/000_24f06f2ccdc2f1d3.txt",
        root.join("seed.txt"),
    )
    .unwrap();
    let index = dir.path().join("index");
    success_json(
        newsdex(&index)
            .args(["index", "--json", "--quiet"])
            .arg(&root)
            .output()
            .unwrap(),
    );
    let (code, out) = run(
        &index,
        &[
            "watch",
            "add",
            "putin-nato",
            "NATO",
            "--speaker",
            "Putin",
            "--quotes",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("saved search putin-nato"), "{out}");
    let list = run_json(&index, &["watch", "list", "--json"]);
    assert_eq!(list[0]["name"], "putin-nato");
    assert_eq!(list[0]["query"], "NATO");
    assert_eq!(list[0]["kind"], "quote");
    // A second index run without changes: nothing new.
    let s = success_json(
        newsdex(&index)
            .args(["index", "--json", "--quiet"])
            .arg(&root)
            .output()
            .unwrap(),
    );
    assert_eq!(s["watches"][0]["name"], "putin-nato");
    assert_eq!(s["watches"][0]["new"], 0, "{s}");
    // A new article with a Putin quote about NATO, and one without.
    fs::write(
        root.join("new.txt"),
        "Title: Putin warns the alliance\nDate: 2022-02-01\n\n\
         Vladimir Putin spoke in Moscow on Tuesday. \"NATO has ignored our concerns about its expansion,\" Putin said.\n",
    )
    .unwrap();
    fs::write(
        root.join("other.txt"),
        "Title: Wheat harvest\nDate: 2022-02-01\n\nThe harvest was late, farmers said.\n",
    )
    .unwrap();
    let s = success_json(
        newsdex(&index)
            .args(["index", "--json", "--quiet"])
            .arg(&root)
            .output()
            .unwrap(),
    );
    let w = &s["watches"][0];
    assert_eq!(w["new"], 1, "{s}");
    let hit = &w["hits"][0];
    assert_eq!(hit["kind"], "quote");
    assert_eq!(hit["title"], "Putin warns the alliance");
    assert!(
        hit["quote"].as_str().unwrap().contains("expansion"),
        "{hit}"
    );
    assert!(hit["speaker"].as_str().unwrap().contains("Putin"), "{hit}");
    assert_eq!(hit["date"], "2022-02-01");
    // Reported once: the next run and `watch run --since-last` have nothing new.
    fs::write(
        root.join("more.txt"),
        "Title: Markets\n\nShares rose, traders said.\n",
    )
    .unwrap();
    let out = newsdex(&index).arg("index").arg(&root).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("putin-nato: 0 new matches"), "{text}");
    let (code, _) = run(
        &index,
        &["watch", "run", "putin-nato", "--since-last", "--json"],
    );
    assert_eq!(code, 1);
    // `watch run` without --since-last is the saved search itself.
    let r = run_json(
        &index,
        &["watch", "run", "putin-nato", "--json", "-n", "50"],
    );
    assert!(r["total"].as_u64().unwrap() >= 5, "{r}");
    let (code, _) = run(&index, &["watch", "remove", "putin-nato"]);
    assert_eq!(code, 0);
    assert_eq!(
        run_json(&index, &["watch", "list", "--json"]),
        serde_json::json!([])
    );
    let out = newsdex(&index)
        .args(["watch", "remove", "putin-nato"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no saved search"));
}

#[test]
fn completions_and_man_page_come_from_the_arguments() {
    let index = Path::new("unused-index");
    let (_, bash) = run(index, &["completions", "bash"]);
    assert!(
        bash.contains("_newsdex") && bash.contains("export"),
        "{bash}"
    );
    let (_, zsh) = run(index, &["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef newsdex"), "{zsh}");
    let (_, fish) = run(index, &["completions", "fish"]);
    assert!(fish.contains("complete -c newsdex"), "{fish}");
    assert!(fish.contains("timeline"), "{fish}");
    let (_, man) = run(index, &["man"]);
    assert!(man.contains(".TH newsdex"), "{man}");
    assert!(man.contains("export"), "{man}");
}

#[test]
fn headlines_untitled_articles_and_an_index_inside_the_archive() {
    let dir = TempDir::new().unwrap();
    let arch = dir.path().join("arch");
    fs::create_dir_all(&arch).unwrap();
    fs::copy(
        "tests/fixtures/reuters-headlines.jsonl",
        arch.join("headlines.jsonl"),
    )
    .unwrap();
    fs::write(
        arch.join("note.txt"),
        "The finance ministry said on Monday that coffee export quotas would be reviewed next month.\n",
    )
    .unwrap();
    let index = arch.join("idx");
    let first = success_json(
        newsdex(&index)
            .args(["index", "--json", "--quiet"])
            .arg(&arch)
            .output()
            .unwrap(),
    );
    assert_eq!(first["skipped"], serde_json::json!([]), "{first}");
    assert_eq!(first["articles"], 4, "{first}");
    // A headline-only story is found by its headline.
    let r = run_json(&index, &["search", "--json", "money market mutual funds"]);
    assert_eq!(
        r["hits"][0]["title"],
        "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK"
    );
    // An untitled article shows its first words.
    let r = run_json(&index, &["search", "--json", "coffee quotas"]);
    let title = r["hits"][0]["title"].as_str().unwrap();
    assert!(
        title.starts_with("The finance ministry said on Monday"),
        "{title}"
    );
    let (_, text) = run(&index, &["search", "coffee quotas"]);
    assert!(!text.contains("(untitled)"), "{text}");
    // The index's own files (and its saved searches) are never read as articles.
    run(&index, &["watch", "add", "coffee", "coffee"]);
    let again = success_json(
        newsdex(&index)
            .args(["index", "--json", "--quiet"])
            .arg(&arch)
            .output()
            .unwrap(),
    );
    assert_eq!(again["skipped"], serde_json::json!([]), "{again}");
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(2)),
        "{again}"
    );
}

/// Reuters-21578 whole: every story with a headline or a body is an article, and export,
/// timeline and facets agree with the index's own counts.
#[test]
fn reuters_keeps_every_story_and_exports_all_of_it() {
    let Some(reuters) = common::shared_data(REUTERS) else {
        return;
    };
    let mut stories = 0;
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(&reuters).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in fs::read_to_string(&path).unwrap().lines() {
                let r = json(line.as_bytes());
                let text = |k: &str| r[k].as_str().unwrap_or("").trim().to_string();
                if !text("title").is_empty() || !text("body").is_empty() {
                    stories += 1;
                    ids.insert(text("id"));
                }
            }
        }
    }
    let dir = TempDir::new().unwrap();
    let index = dir.path().join("index");
    let s = success_json(
        newsdex(&index)
            .args(["index", "--json", "--quiet"])
            .arg(&reuters)
            .output()
            .unwrap(),
    );
    assert_eq!(
        s["articles"].as_u64(),
        Some(ids.len() as u64),
        "{stories} stories"
    );
    let (articles, quotes) = common::counts(&index);
    let (_, csv) = run(&index, &["export"]);
    assert_eq!(parse_csv(&csv).len() as u64, 1 + articles + quotes);
    let r = run_json(
        &index,
        &[
            "search",
            "--json",
            "oil prices",
            "--timeline",
            "month",
            "--facets",
            "source",
        ],
    );
    let sum: u64 = r["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        sum + r["undated"].as_u64().unwrap(),
        r["total"].as_u64().unwrap()
    );
    assert_eq!(r["facets"]["source"][0]["name"], "Reuters");
}
