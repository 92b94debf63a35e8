//! `newsdex stats`: what the index holds.

use serde::Serialize;
use serde_json::{Value, json};
use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};
use crate::index::Store;
use crate::index::names::Names;
use crate::index::schema::{KIND_ARTICLE, KIND_FILE, KIND_QUOTE};

/// A name and how many documents carry it.
#[derive(Debug, Serialize)]
pub struct NameCount {
    pub name: String,
    pub count: u64,
}

/// The figures `newsdex stats` prints.
#[derive(Debug, Serialize)]
pub struct Stats {
    pub articles: u64,
    pub quotes: u64,
    pub files: u64,
    /// Distinct speaker identities (aliases of one person count once).
    pub speakers: u64,
    /// Distinct entity identities.
    pub entities: u64,
    /// Speakers by number of quotes.
    pub top_speakers: Vec<NameCount>,
    /// Entities by number of articles mentioning them.
    pub top_entities: Vec<NameCount>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub index_bytes: u64,
}

/// The date range over one kind of document.
struct Aggregate {
    first: Option<f64>,
    last: Option<f64>,
}

fn aggregate(store: &Store, searcher: &Searcher, kind: &str) -> Result<Aggregate> {
    let req: Aggregations = serde_json::from_value(json!({
        "first": {"min": {"field": "date"}},
        "last": {"max": {"field": "date"}},
    }))
    .map_err(|e| Error::BadQuery(e.to_string()))?;
    let collector = AggregationCollector::from_aggs(req, Default::default());
    let q = TermQuery::new(
        Term::from_field_text(store.fields.kind, kind),
        IndexRecordOption::Basic,
    );
    let res = searcher.search(&q, &collector)?;
    let v = serde_json::to_value(&res).map_err(|e| Error::BadQuery(e.to_string()))?;
    let num = |x: &Value| x["value"].as_f64();
    Ok(Aggregate {
        first: num(&v["first"]),
        last: num(&v["last"]),
    })
}

fn day(ms_or_ns: Option<f64>) -> Option<String> {
    // Date aggregations report nanoseconds since the epoch... or milliseconds in older
    // versions: pick the one that gives a plausible year.
    let v = ms_or_ns?;
    let secs = if v.abs() > 1e14 { v / 1e9 } else { v / 1e3 };
    chrono::DateTime::from_timestamp(secs as i64, 0).map(|d| d.date_naive().to_string())
}

/// Reads the figures of the committed index.
pub fn collect(store: &Store) -> Result<Stats> {
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let dates = aggregate(store, &searcher, KIND_ARTICLE)?;
    // Speakers and entities are counted as identities: "Donald J. Trump" is Donald Trump.
    let f = store.fields;
    let identities = |field| -> Result<(u64, Vec<NameCount>)> {
        let names = Names::load(&searcher, field, f.kind, &store.dir)?;
        let all = names.identities();
        let top = all
            .iter()
            .take(10)
            .map(|i| NameCount {
                name: i.name.to_string(),
                count: i.count,
            })
            .collect();
        Ok((all.len() as u64, top))
    };
    let (speakers, top_speakers) = identities(f.speaker_key)?;
    let (entity_count, top_entities) = identities(f.entity_key)?;
    Ok(Stats {
        articles: store.count_kind(&searcher, KIND_ARTICLE)?,
        quotes: store.count_kind(&searcher, KIND_QUOTE)?,
        files: store.count_kind(&searcher, KIND_FILE)?,
        speakers,
        entities: entity_count,
        top_speakers,
        top_entities,
        first_date: day(dates.first),
        last_date: day(dates.last),
        index_bytes: store.size_on_disk(),
    })
}
