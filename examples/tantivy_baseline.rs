//! Baseline for `scripts/eval-ranking`: plain tantivy with its defaults — title and body as
//! `TEXT` (default tokenizer, no stemming), the default `QueryParser` (OR over both fields),
//! BM25 top 1000. Reads the article files' header block for the id and title.
//!
//! Usage: `tantivy_baseline ARTICLES_DIR QUERIES.tsv > RUN.tsv` (queries already cleaned of
//! query-syntax punctuation).

use std::path::PathBuf;

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, doc};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(queries)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: tantivy_baseline ARTICLES_DIR QUERIES.tsv");
    };
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", TEXT);
    let body = b.add_text_field("body", TEXT);
    let index = Index::create_in_ram(b.build());
    let mut writer = index.writer(50_000_000)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let (header, text_body) = text.split_once("\n\n").unwrap_or(("", &text));
        let field = |name: &str| {
            header
                .lines()
                .find_map(|l| l.strip_prefix(name).map(str::trim))
                .unwrap_or("")
                .to_string()
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc_id = Some(field("ID:")).filter(|s| !s.is_empty()).unwrap_or(stem);
        writer.add_document(doc!(id => doc_id, title => field("Title:"), body => text_body))?;
    }
    writer.commit()?;
    let searcher = index.reader()?.searcher();
    let parser = QueryParser::for_index(&index, vec![title, body]);
    for line in std::fs::read_to_string(queries)?.lines() {
        let Some((number, text)) = line.split_once('\t') else {
            continue;
        };
        let (query, _errors) = parser.parse_query_lenient(text);
        let top = searcher.search(&query, &TopDocs::with_limit(1000).order_by_score())?;
        for (rank, (_, addr)) in top.into_iter().enumerate() {
            let d: TantivyDocument = searcher.doc(addr)?;
            let name = d.get_first(id).and_then(|v| v.as_str()).unwrap_or("");
            println!("{number}\t{}\t{name}", rank + 1);
        }
    }
    Ok(())
}
