//! In-process query latency for `scripts/bench`: opens the index once, then times each
//! `Engine::search` (planning, collection, collapsing and snippets) over the benchmark
//! queries, REPEAT times after one warm-up pass.
//!
//! `cargo run --release --example latency -- INDEX_DIR QUERIES.tsv [REPEAT]` prints one JSON
//! object: open time, and per query the median wall and CPU time in microseconds and the hit
//! total.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use newsdex::search::run::{Engine, Request, Sort};
use newsdex::search::understand::Kind;

/// Splits a flags column on blanks, keeping "double quoted" words together.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn request(flags: &str, query: &str) -> Result<Request> {
    let mut req = Request {
        query: query.to_string(),
        limit: 10,
        offset: 0,
        speaker: None,
        entity: None,
        since: None,
        until: None,
        kind: None,
        sort: Sort::Relevance,
        // NEWSDEX_BENCH_NO_COLLAPSE=1 fetches only `limit` hits (no duplicate collapsing):
        // shows how much of the latency is fetching and snippeting the extra candidates.
        collapse: std::env::var_os("NEWSDEX_BENCH_NO_COLLAPSE").is_none(),
        today: chrono::Local::now().date_naive(),
    };
    let mut it = words(flags).into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--since" => req.since = Some(value()?),
            "--until" => req.until = Some(value()?),
            "--speaker" => req.speaker = Some(value()?),
            "--entity" => req.entity = Some(value()?),
            "--quotes" => req.kind = Some(Kind::Quote),
            "--articles" => req.kind = Some(Kind::Article),
            other => bail!("unknown flag {other}"),
        }
    }
    Ok(req)
}

/// CPU time this thread has spent on a core, in microseconds (Linux `schedstat`): on a
/// shared machine it leaves out the time spent waiting for a core, which wall time counts.
fn thread_cpu_us() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e3)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(queries)) = (args.first(), args.get(1)) else {
        bail!("usage: latency INDEX_DIR QUERIES.tsv [REPEAT]");
    };
    let repeat: usize = args.get(2).map_or(Ok(5), |r| r.parse())?;
    let text = std::fs::read_to_string(queries)?;
    let mut reqs = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let flags = cols.next().unwrap_or("");
        let query = cols.next().unwrap_or("");
        reqs.push((
            format!("{flags} {query}").trim().to_string(),
            request(flags, query)?,
        ));
    }
    let t = Instant::now();
    let engine = Engine::open(Path::new(dir))?;
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut times = vec![Vec::new(); reqs.len()];
    let mut cpu_times = vec![Vec::new(); reqs.len()];
    let mut totals = vec![0; reqs.len()];
    for pass in 0..=repeat {
        for (i, (_, req)) in reqs.iter().enumerate() {
            let (t, cpu) = (Instant::now(), thread_cpu_us());
            let resp = engine.search(req)?;
            let us = t.elapsed().as_secs_f64() * 1e6;
            let cpu_us = thread_cpu_us() - cpu;
            if pass > 0
                && let (Some(v), Some(c)) = (times.get_mut(i), cpu_times.get_mut(i))
            {
                v.push(us);
                c.push(cpu_us);
            }
            if let Some(n) = totals.get_mut(i) {
                *n = resp.total;
            }
        }
    }
    let per_query: Vec<serde_json::Value> = reqs
        .iter()
        .zip(times.iter_mut().zip(cpu_times.iter_mut()))
        .zip(&totals)
        .map(|(((label, _), (t, c)), total)| {
            serde_json::json!({
                "query": label, "median_us": median(t), "median_cpu_us": median(c), "total": total
            })
        })
        .collect();
    println!(
        "{}",
        serde_json::json!({"open_ms": open_ms, "repeat": repeat, "queries": per_query})
    );
    Ok(())
}
