//! Baseline for `scripts/eval-ranking`: plain tantivy with its defaults — title and body as
//! `TEXT` (default tokenizer, no stemming), the default `QueryParser` (OR over both fields),
//! BM25 (k1 1.2, b 0.75) top 1000.
//!
//! Usage: `tantivy_baseline DOCS.jsonl QUERIES.tsv > RUN.tsv` (one `{"id", "title", "body"}`
//! object a line; queries already cleaned of query-syntax punctuation).

use anyhow::{Context, Result};
use serde_json::Value as Json;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, doc};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(docs), Some(queries)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: tantivy_baseline DOCS.jsonl QUERIES.tsv");
    };
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", TEXT);
    let body = b.add_text_field("body", TEXT);
    let index = Index::create_in_ram(b.build());
    let mut writer = index.writer(50_000_000)?;
    let text = std::fs::read_to_string(docs).with_context(|| docs.clone())?;
    for (n, line) in text.lines().enumerate() {
        let record: Json =
            serde_json::from_str(line).with_context(|| format!("{docs}: line {}", n + 1))?;
        let field = |name: &str| record[name].as_str().unwrap_or("").to_string();
        writer.add_document(
            doc!(id => field("id"), title => field("title"), body => field("body")),
        )?;
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
