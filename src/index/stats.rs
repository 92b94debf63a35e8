//! What an index holds: document counts, the date range of its articles, and its speaker and
//! entity identities by count, each with the names folded into it. `newsdex stats` renders it.

use serde::Serialize;
use tantivy::collector::Collector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};

use crate::error::Result;
use crate::index::Store;
use crate::index::names::Names;
use crate::index::schema::{KIND_ARTICLE, KIND_FILE, KIND_QUOTE};

/// An identity and how many documents carry it (quotes for speakers, articles for entities).
#[derive(Debug, Serialize)]
pub struct NameCount {
    /// The canonical name.
    pub name: String,
    /// Its documents.
    pub count: u64,
    /// The other names the archive gives this identity ("Donald J. Trump", "Trump").
    pub aliases: Vec<String>,
}

/// The figures `newsdex stats` prints.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Articles indexed.
    pub articles: u64,
    /// Quotes indexed.
    pub quotes: u64,
    /// Source files tracked.
    pub files: u64,
    /// Distinct speaker identities (aliases of one person count once).
    pub speakers: u64,
    /// Distinct entity identities.
    pub entities: u64,
    /// Names folded into another identity, speakers and entities together.
    pub aliases_merged: u64,
    /// Speakers by number of quotes.
    pub top_speakers: Vec<NameCount>,
    /// Entities by number of articles mentioning them.
    pub top_entities: Vec<NameCount>,
    /// The earliest publication date.
    pub first_date: Option<String>,
    /// The latest publication date.
    pub last_date: Option<String>,
    /// The index folder's size on disk.
    pub index_bytes: u64,
}

/// The earliest and latest publication day among the documents a query matches.
struct DateRange;

/// Per segment: the days (seconds since the epoch) of matching documents.
struct SegmentRange {
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    range: Option<(i64, i64)>,
}

impl tantivy::collector::SegmentCollector for SegmentRange {
    type Fruit = Option<(i64, i64)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(d) = self.dates.first(doc) {
            let s = d.into_timestamp_secs();
            self.range = Some(match self.range {
                Some((a, b)) => (a.min(s), b.max(s)),
                None => (s, s),
            });
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.range
    }
}

impl Collector for DateRange {
    type Fruit = Option<(i64, i64)>;
    type Child = SegmentRange;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<SegmentRange> {
        Ok(SegmentRange {
            dates: reader.fast_fields().date("date")?,
            range: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits
            .into_iter()
            .flatten()
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d))))
    }
}

fn day(secs: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive().to_string())
}

/// Reads the figures of the committed index, listing the `top` most counted speakers and
/// entities (`None`: every one).
pub fn collect(store: &Store, top: Option<usize>) -> Result<Stats> {
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let articles = TermQuery::new(
        Term::from_field_text(store.fields.kind, KIND_ARTICLE),
        IndexRecordOption::Basic,
    );
    let range = searcher.search(&articles, &DateRange)?;
    let f = store.fields;
    let mut aliases_merged = 0;
    let mut identities = |field| -> Result<(u64, Vec<NameCount>)> {
        let names = Names::load(&searcher, field, f.kind, &store.dir)?;
        let all = names.identities();
        aliases_merged += (names.len() - names.identity_len()) as u64;
        let listed = all
            .iter()
            .take(top.unwrap_or(usize::MAX))
            .map(|i| NameCount {
                name: i.name.to_string(),
                count: i.count,
                aliases: names
                    .aliases(i.name)
                    .into_iter()
                    .filter(|a| *a != i.name)
                    .map(str::to_string)
                    .collect(),
            })
            .collect();
        Ok((all.len() as u64, listed))
    };
    let (speakers, top_speakers) = identities(f.speaker_key)?;
    let (entities, top_entities) = identities(f.entity_key)?;
    Ok(Stats {
        articles: store.count_kind(&searcher, KIND_ARTICLE)?,
        quotes: store.count_kind(&searcher, KIND_QUOTE)?,
        files: store.count_kind(&searcher, KIND_FILE)?,
        speakers,
        entities,
        aliases_merged,
        top_speakers,
        top_entities,
        first_date: range.and_then(|(a, _)| day(a)),
        last_date: range.and_then(|(_, b)| day(b)),
        index_bytes: store.size_on_disk(),
    })
}
