//! Scores ranking settings without rebuilding, for the cross-validation of
//! `scripts/eval-ranking.d/crossval.py`: opens an index once and, for each setting (a
//! comma-separated list of `name=value` changes to [`Ranking::default`], or `default`), runs
//! every query as `newsdex search --articles -n 1000` would and writes a TREC-style run.
//!
//! Usage: `rank_sweep INDEX_DIR QUERIES.tsv OUT_DIR SETTING...` writes `OUT_DIR/N.run` for the
//! N-th setting (from 0). With `--json LIMIT` first, queries are asked as typed (any kind of
//! hit, as `newsdex search --json -n LIMIT`) and `OUT_DIR/N.jsonl` holds one response a line.

use std::path::Path;

use anyhow::{Context, Result, bail};
use newsdex::search::ranking::Ranking;
use newsdex::search::run::{Engine, Request, Sort};
use newsdex::search::understand::Kind;

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json_limit = if args.first().is_some_and(|a| a == "--json") {
        let limit = args
            .get(1)
            .context("--json needs a limit")?
            .parse::<usize>()?;
        args.drain(..2);
        Some(limit)
    } else {
        None
    };
    let [index, queries, out, settings @ ..] = args.as_slice() else {
        bail!("usage: rank_sweep [--json LIMIT] INDEX_DIR QUERIES.tsv OUT_DIR SETTING...");
    };
    let queries: Vec<(String, String)> = std::fs::read_to_string(queries)
        .with_context(|| queries.clone())?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, q)| (n.to_string(), q.to_string()))
        .collect();
    std::fs::create_dir_all(out)?;
    for (i, setting) in settings.iter().enumerate() {
        let mut ranking = Ranking::default();
        for change in setting
            .split(',')
            .filter(|c| !c.is_empty() && *c != "default")
        {
            ranking.set(change)?;
        }
        let engine = Engine::open(Path::new(index))?.with_ranking(ranking);
        let mut run = String::new();
        for (number, query) in &queries {
            let req = Request {
                query: query.clone(),
                limit: json_limit.unwrap_or(1000),
                offset: 0,
                speaker: None,
                entity: None,
                since: None,
                until: None,
                kind: if json_limit.is_some() {
                    None
                } else {
                    Some(Kind::Article)
                },
                sort: Sort::Relevance,
                collapse: true,
                today: chrono::Local::now().date_naive(),
            };
            let response = engine.search(&req)?;
            if json_limit.is_some() {
                run.push_str(&serde_json::to_string(&response)?);
                run.push('\n');
                continue;
            }
            for hit in response.hits {
                run.push_str(&format!("{number}\t{}\t{}\n", hit.rank, hit.article_id));
            }
        }
        let ext = if json_limit.is_some() { "jsonl" } else { "run" };
        std::fs::write(Path::new(out).join(format!("{i}.{ext}")), run)?;
    }
    Ok(())
}
