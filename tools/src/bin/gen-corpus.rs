//! Benchmark corpus generator (used by `scripts/bench`; not part of the product).
//!
//! `gen-corpus dump OUT.ndjson PATH...` writes the articles newsdex reads from PATH as NDJSON
//! (`id`, `title`, `date`, `body`, `source`) so peer engines index exactly the same text.
//!
//! `gen-corpus scale OUT_DIR N FILES SEED PATH...` writes N synthetic articles as FILES gzipped
//! JSON Lines files. Each article takes the paragraph shape (sentences per paragraph) of a
//! random real article and fills it with real sentences drawn from all of them, so lengths and
//! quote density follow the real corpus; ids are distinct and dates spread over 30 years.
//! Sentences are never cut inside an open quotation, so quotes stay balanced. Output is a
//! function of the seed alone (each file has its own generator).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

/// splitmix64: small, fast and good enough to pick sentences.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }
}

/// Reads every article newsdex would read from `roots`.
fn read_records(roots: &[PathBuf]) -> Result<Vec<newsdex::Record>> {
    let (files, _skips) = newsdex::ingest::walk(roots)?;
    let per_file: Vec<Vec<newsdex::Record>> = files
        .par_iter()
        .map(
            |f| match newsdex::pipeline::read(f, newsdex::ingest::DEFAULT_MAX_FILE_SIZE) {
                Ok(Some(parsed)) => parsed.records,
                _ => Vec::new(),
            },
        )
        .collect();
    Ok(per_file.into_iter().flatten().collect())
}

/// Paragraphs of a body: blank lines, or (Reuters) a line break followed by an indent.
fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in body.lines() {
        let indented = line.starts_with(char::is_whitespace);
        if line.trim().is_empty() || (indented && !cur.is_empty()) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if line.trim().is_empty() {
                continue;
            }
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(line.trim());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Sentences of a paragraph, as the quote stage splits them (quotations kept whole).
fn sentences(par: &str) -> Vec<&str> {
    let tokens = newsdex::extract::token::tokenize(par);
    newsdex::extract::quotes::sentences_of(par, &tokens)
        .into_iter()
        .map(|s| s.text(par))
        .collect()
}

fn json_line(id: &str, title: &str, date: &str, body: &str, source: &str) -> Result<String> {
    Ok(serde_json::to_string(&serde_json::json!({
        "id": id, "title": title, "date": date, "body": body, "source": source,
    }))?)
}

fn dump(out: &Path, roots: &[PathBuf]) -> Result<()> {
    let records = read_records(roots)?;
    let mut w = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?,
    );
    let mut bytes = 0usize;
    for r in &records {
        let date = r.date_meta.as_ref().map_or("", |d| d.text.as_str());
        let line = json_line(
            &r.id,
            r.title.as_deref().unwrap_or(""),
            date,
            &r.body,
            r.source.as_deref().unwrap_or(""),
        )?;
        bytes += r.body.len() + r.title.as_ref().map_or(0, String::len);
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    eprintln!(
        "gen-corpus: {} articles, {:.1} MB of text -> {}",
        records.len(),
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

struct Pool {
    sentences: Vec<String>,
    /// Sentences per paragraph of each real article.
    shapes: Vec<Vec<usize>>,
    titles: Vec<String>,
    sources: Vec<String>,
}

fn pool(roots: &[PathBuf]) -> Result<Pool> {
    let records = read_records(roots)?;
    let mut p = Pool {
        sentences: Vec::new(),
        shapes: Vec::new(),
        titles: Vec::new(),
        sources: Vec::new(),
    };
    for r in &records {
        let mut shape = Vec::new();
        for par in paragraphs(&r.body) {
            let s = sentences(&par);
            if s.is_empty() {
                continue;
            }
            shape.push(s.len());
            p.sentences.extend(s.into_iter().map(str::to_string));
        }
        if !shape.is_empty() {
            p.shapes.push(shape);
        }
        if let Some(t) = r.title.as_deref().filter(|t| !t.trim().is_empty()) {
            p.titles.push(t.trim().to_string());
        }
        p.sources
            .push(r.source.clone().unwrap_or_else(|| "Archive".to_string()));
    }
    if p.sentences.is_empty() || p.shapes.is_empty() || p.titles.is_empty() {
        bail!("no sentences found under the given paths");
    }
    Ok(p)
}

fn scale(out: &Path, n: usize, files: usize, seed: u64, roots: &[PathBuf]) -> Result<()> {
    let started = std::time::Instant::now();
    let p = pool(roots)?;
    eprintln!(
        "gen-corpus: {} sentences from {} articles ({:.1}s)",
        p.sentences.len(),
        p.shapes.len(),
        started.elapsed().as_secs_f64()
    );
    std::fs::create_dir_all(out)?;
    let files = files.max(1);
    let per = n.div_ceil(files);
    // 1996-01-01 .. 2025-12-31, as days since the Unix epoch.
    let first_day = 9496u64;
    let days = 10958u64;
    let written: Vec<usize> = (0..files)
        .into_par_iter()
        .map(|f| -> Result<usize> {
            let mut rng = Rng(seed ^ (f as u64).wrapping_mul(0xA076_1D64_78BD_642F));
            let path = out.join(format!("part-{f:04}.jsonl.gz"));
            let file = std::fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = flate2::write::GzEncoder::new(
                std::io::BufWriter::new(file),
                flate2::Compression::fast(),
            );
            let mut bytes = 0;
            let mut body = String::new();
            for i in f * per..((f + 1) * per).min(n) {
                body.clear();
                let shape = &p.shapes[rng.below(p.shapes.len())];
                for (k, &count) in shape.iter().enumerate() {
                    if k > 0 {
                        body.push_str("\n\n");
                    }
                    for s in 0..count {
                        if s > 0 {
                            body.push(' ');
                        }
                        body.push_str(&p.sentences[rng.below(p.sentences.len())]);
                    }
                }
                let day = first_day + rng.next() % days;
                let date = chrono::DateTime::from_timestamp((day * 86_400 + 43_200) as i64, 0)
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                let title = &p.titles[rng.below(p.titles.len())];
                let source = &p.sources[rng.below(p.sources.len())];
                let line = json_line(&format!("gen-{i:07}"), title, &date, &body, source)?;
                bytes += line.len() + 1;
                writeln!(w, "{line}")?;
            }
            w.finish()?.flush()?;
            Ok(bytes)
        })
        .collect::<Result<_>>()?;
    eprintln!(
        "gen-corpus: {n} articles, {:.0} MB of JSON in {files} files -> {} ({:.1}s)",
        written.iter().sum::<usize>() as f64 / 1e6,
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: gen-corpus dump OUT.ndjson PATH... | gen-corpus scale OUT_DIR N FILES SEED PATH...";
    match args.first().map(String::as_str) {
        Some("dump") if args.len() >= 3 => {
            let roots: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
            dump(Path::new(&args[1]), &roots)
        }
        Some("scale") if args.len() >= 6 => {
            let n: usize = args[2].parse().context("N")?;
            let files: usize = args[3].parse().context("FILES")?;
            let seed: u64 = args[4].parse().context("SEED")?;
            let roots: Vec<PathBuf> = args[5..].iter().map(PathBuf::from).collect();
            scale(Path::new(&args[1]), n, files, seed, &roots)
        }
        _ => bail!("{usage}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_quotes_whole_and_skip_abbreviations() {
        let par = "Mr. Baker said the U.S. would act. \"We will not wait. We act now,\" he said. Prices rose.";
        assert_eq!(
            sentences(par),
            [
                "Mr. Baker said the U.S. would act.",
                "\"We will not wait. We act now,\" he said.",
                "Prices rose."
            ]
        );
    }

    #[test]
    fn reuters_paragraphs_split_on_indent() {
        let body = "Showers continued in\nthe Bahia zone.\n    The dry period means late.\n";
        assert_eq!(
            paragraphs(body),
            [
                "Showers continued in the Bahia zone.",
                "The dry period means late."
            ]
        );
    }
}
