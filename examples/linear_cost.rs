//! Extraction cost against document size: the issue-16 linear-cost benchmark.
//!
//! `cargo run --release --example linear_cost -- [--max-mb N] [DIR]` (default 64 and
//! `corpus/`) times `extract::analyze` on one document of 1, 2, 4 … N MB of two shapes: real
//! text (the bodies of the articles under DIR one after another, repeated as needed) and a
//! run-on line without a sentence end ("the minister said the minister said …"). It prints
//! seconds per MB and its ratio to the 1 MB figure; linear cost keeps the ratio near 1.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdex::article::Record;

fn main() -> Result<()> {
    let mut max_mb = 64usize;
    let mut dir = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--max-mb" {
            max_mb = args.next().context("--max-mb needs a number")?.parse()?;
        } else {
            dir = PathBuf::from(a);
        }
    }
    let real = article_text(&dir)?;
    println!("shape     MB   seconds   s/MB  ratio to 1 MB");
    for (shape, source) in [("real", real.as_str()), ("run-on", "the minister said ")] {
        let mut first = None;
        let mut mb = 1;
        while mb <= max_mb {
            let body = repeat_to(source, mb << 20);
            let record = Record {
                body,
                ..Record::default()
            };
            let t = Instant::now();
            let analysis = newsdex::extract::analyze(&record);
            let secs = t.elapsed().as_secs_f64();
            let per_mb = secs / mb as f64;
            let ratio = per_mb / *first.get_or_insert(per_mb);
            println!(
                "{shape:<7} {mb:>4} {secs:>9.2} {per_mb:>6.2} {ratio:>6.2}   ({} quotes)",
                analysis.quotes.len()
            );
            mb *= 2;
        }
    }
    Ok(())
}

/// The bodies of the articles under `dir`, one after another, read as newsdex reads them.
fn article_text(dir: &PathBuf) -> Result<String> {
    let (files, _) = newsdex::ingest::walk(std::slice::from_ref(dir))?;
    let mut text = String::new();
    for file in &files {
        let Some((format, gz)) = newsdex::ingest::detect(&file.path) else {
            continue;
        };
        let bytes = std::fs::read(&file.path)
            .with_context(|| format!("cannot read {}", file.path.display()))?;
        let max = newsdex::ingest::DEFAULT_MAX_FILE_SIZE;
        for record in newsdex::ingest::parse(&file.display, format, gz, &bytes, max).records {
            text.push_str(&record.body);
            text.push_str("\n\n");
        }
    }
    anyhow::ensure!(!text.is_empty(), "no articles under {}", dir.display());
    Ok(text)
}

/// `source` repeated and cut (on a character boundary) to `len` bytes.
fn repeat_to(source: &str, len: usize) -> String {
    let mut s = source.repeat(len / source.len() + 1);
    s.truncate(s.floor_char_boundary(len));
    s
}
