//! Export: every match of a search as one flat row (no page cap, no ranking), streamed in
//! index order so memory stays constant however many rows there are.

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::store::StoreReader;
use tantivy::{DocId, TantivyDocument};

use crate::error::Result;
use crate::search::matches::Matches;
use crate::search::title;
use crate::search::understand::Kind;

/// The columns of a row, in order: the CSV header.
pub const COLUMNS: [&str; 9] = [
    "kind",
    "article_id",
    "date",
    "source",
    "title",
    "speaker",
    "quote",
    "url",
    "path",
];

/// Store blocks kept decompressed per segment: matches come in index order, so neighbours
/// share blocks.
const STORE_CACHE_BLOCKS: usize = 8;

/// One matching article or quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Whether the match is an article or a quote.
    pub kind: Kind,
    /// The article's id (a quote's: the article it is from).
    pub article_id: String,
    /// The publication date as the article gave it, if known.
    pub date: Option<String>,
    /// The publication or agency.
    pub source: Option<String>,
    /// The article's title, or its first words when it has none.
    pub title: Option<String>,
    /// The speaker (quotes only).
    pub speaker: Option<String>,
    /// The quote's text (quotes only).
    pub quote: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The file the article was read from, as shown to the user.
    pub path: String,
}

impl Row {
    /// The values in [`COLUMNS`] order, absent ones empty.
    pub fn values(&self) -> [&str; 9] {
        fn o(v: &Option<String>) -> &str {
            v.as_deref().unwrap_or("")
        }
        [
            match self.kind {
                Kind::Article => "article",
                Kind::Quote => "quote",
            },
            &self.article_id,
            o(&self.date),
            o(&self.source),
            o(&self.title),
            o(&self.speaker),
            o(&self.quote),
            o(&self.url),
            &self.path,
        ]
    }
}

/// Calls `each` with the row of every match, in index order.
pub fn rows(matches: &Matches, mut each: impl FnMut(Row) -> Result<()>) -> Result<()> {
    let f = matches.fields;
    let searcher = matches.searcher();
    // The title last looked up for an untitled article's quotes (they follow each other).
    let mut untitled: Option<(String, Option<String>)> = None;
    let open = |reader: &tantivy::SegmentReader| -> Result<StoreReader> {
        Ok(reader.get_store_reader(STORE_CACHE_BLOCKS)?)
    };
    matches.for_each(
        open,
        |store: &mut StoreReader, doc: DocId| {
            let doc: TantivyDocument = store.get(doc)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let is_quote = doc.get_first(f.quote).is_some();
            let article_id = text(f.id).unwrap_or_default();
            let title = match text(f.title) {
                Some(t) => Some(t),
                None if !is_quote => text(f.body).as_deref().and_then(title::first_words),
                None => match &untitled {
                    Some((id, t)) if *id == article_id => t.clone(),
                    _ => {
                        let t = title::of_article(searcher, &f, &article_id)?;
                        untitled = Some((article_id.clone(), t.clone()));
                        t
                    }
                },
            };
            each(Row {
                kind: if is_quote { Kind::Quote } else { Kind::Article },
                date: text(f.date_display),
                source: text(f.source),
                title,
                speaker: if is_quote { text(f.speaker) } else { None },
                quote: text(f.quote),
                url: text(f.url),
                path: text(f.path).unwrap_or_default(),
                article_id,
            })
        },
        |_| Ok(()),
    )
}
