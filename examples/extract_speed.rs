//! Extraction speed on one core, stage by stage: the issue-3 benchmark.
//!
//! `cargo run --release --example extract_speed -- [PATH…] [--passes N]` (default
//! `../shared/data/reuters21578`) reads and parses every article first, then times each stage
//! of `extract::analyze` over all of them on this thread only, and prints MB/s of article text
//! (title + body) per stage and for the whole stage. The best of N passes is reported
//! (shared machines are noisy; the best pass is the least disturbed one), beside the first
//! pass, which also pays for loading the model and filling the tagger's word cache.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use newsdex::article::Record;
use newsdex::extract::{canon, date, ner, quotes, token};
use newsdex::ingest;
use newsdex::layout::Layout;

fn main() -> Result<()> {
    let mut paths = Vec::new();
    let mut passes = 3;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--passes" {
            passes = args
                .next()
                .context("--passes needs a number")?
                .parse()
                .context("--passes needs a number")?;
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("../shared/data/reuters21578"));
    }
    let records = read_all(&paths)?;
    let bytes: usize = records
        .iter()
        .map(|r| r.body.len() + r.title.as_ref().map_or(0, String::len))
        .sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB of text, best of {passes} passes, one thread",
        records.len()
    );

    let mut best = [Duration::MAX; 7];
    let mut first = [Duration::ZERO; 7];
    for pass in 0..passes {
        let mut t = [Duration::ZERO; 7];
        for r in &records {
            let l = Instant::now();
            let layout = Layout::of(&r.body);
            let text = layout.text();
            let s = Instant::now();
            let tokens = token::tokenize(text);
            let a = Instant::now();
            let d = date::publication_date(r);
            let b = Instant::now();
            let mentions = ner::tag(text, &tokens);
            let c = Instant::now();
            let entities = canon::canonicalize(text, mentions);
            let e = Instant::now();
            let q = quotes::extract(text, &tokens, &entities);
            let f = Instant::now();
            std::hint::black_box((d, q));
            t[0] += s - l;
            t[1] += a - s;
            t[2] += b - a;
            t[3] += c - b;
            t[4] += e - c;
            t[5] += f - e;
            t[6] += f - l;
        }
        for (b, t) in best.iter_mut().zip(t) {
            *b = (*b).min(t);
        }
        if pass == 0 {
            first = t;
        }
    }
    let names = [
        "layout",
        "tokenize",
        "date",
        "ner",
        "canonical names",
        "quotes",
        "whole extract",
    ];
    println!(
        "{:>16}  {:>18}  {:>18}",
        "stage", "first pass (cold)", "best pass"
    );
    for ((name, c), b) in names.iter().zip(first).zip(best) {
        let (c, b) = (c.as_secs_f64(), b.as_secs_f64());
        println!(
            "{name:>16}  {c:6.3} s {:6.1} MB/s  {b:6.3} s {:6.1} MB/s",
            mb / c,
            mb / b
        );
    }
    Ok(())
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<Record>> {
    let (files, _) = ingest::walk(paths).context("walking the benchmark paths")?;
    let mut records = Vec::new();
    for f in &files {
        let parsed = newsdex::pipeline::read(f, ingest::DEFAULT_MAX_FILE_SIZE)
            .map_err(|skip| anyhow!("{}: {}", skip.path, skip.reason))?;
        records.extend(parsed.map(|p| p.records).unwrap_or_default());
    }
    Ok(records)
}
