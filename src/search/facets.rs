//! Facets: the most frequent speakers, entities and sources among all of a search's matches,
//! with counts ("who is quoted most about NATO", "which outlets covered it").
//!
//! Each facet counts one kind of match: speakers count quotes (who said it), entities and
//! sources count articles (what covered it); a search limited to one kind counts that kind.
//! Speakers and entities are the stored canonical keys, read from fast columns; sources are
//! read from the stored documents.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::schema::Value;
use tantivy::store::StoreReader;
use tantivy::{DocId, SegmentReader, TantivyDocument};

use crate::error::Result;
use crate::index::schema::{KIND_ARTICLE, KIND_QUOTE};
use crate::search::matches::Matches;
use crate::search::understand::Kind;

/// How many names a facet lists.
pub const TOP: usize = 10;

/// What a facet counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    /// Speakers: who said the quotes.
    Speaker,
    /// Entities: what the articles name.
    Entity,
    /// Sources: the publications or agencies.
    Source,
}

impl Facet {
    /// The facet's name in `--facets` and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Speaker => "speaker",
            Facet::Entity => "entity",
            Facet::Source => "source",
        }
    }

    /// The kind of match this facet counts for a search of `kind`.
    pub fn counts(self, kind: Option<Kind>) -> Kind {
        kind.unwrap_or(match self {
            Facet::Speaker => Kind::Quote,
            Facet::Entity | Facet::Source => Kind::Article,
        })
    }
}

/// One name and how many matches carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCount {
    /// The canonical name (or source).
    pub name: String,
    /// How many matches carry it.
    pub count: u64,
}

/// The top names of one facet.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// Which facet.
    pub facet: Facet,
    /// What was counted: `quote` or `article` matches.
    pub counted: Kind,
    /// The names most counted first, at most [`TOP`].
    pub top: Vec<NameCount>,
}

/// What one segment's walk needs: its kind column and, per facet, its names' column or the
/// store (sources), with counts by term ordinal.
struct Segment {
    kinds: Option<StrColumn>,
    quote_ord: Option<u64>,
    article_ord: Option<u64>,
    columns: Vec<Option<(StrColumn, Vec<u64>)>>,
    store: Option<StoreReader>,
}

fn ord_of(column: &StrColumn, term: &str) -> Result<Option<u64>> {
    Ok(column.dictionary().term_ord(term.as_bytes())?)
}

/// Counts the top [`TOP`] names of each facet in `facets` over the matches.
pub fn count(matches: &Matches, facets: &[Facet]) -> Result<Vec<FacetCounts>> {
    let f = matches.fields;
    let kind = matches.plan.kind;
    let mut totals: Vec<HashMap<String, u64>> = vec![HashMap::new(); facets.len()];
    let open = |reader: &SegmentReader| -> Result<Segment> {
        let fast = reader.fast_fields();
        let kinds = fast.str("kind")?;
        let (quote_ord, article_ord) = match &kinds {
            Some(k) => (ord_of(k, KIND_QUOTE)?, ord_of(k, KIND_ARTICLE)?),
            None => (None, None),
        };
        let mut columns = Vec::new();
        for facet in facets {
            let column = match facet {
                Facet::Speaker => fast.str("speaker_key")?,
                Facet::Entity => fast.str("entity_key")?,
                Facet::Source => None,
            };
            columns.push(column.map(|c| {
                let n = c.num_terms();
                (c, vec![0; n])
            }));
        }
        let store = if facets.contains(&Facet::Source) {
            Some(reader.get_store_reader(1)?)
        } else {
            None
        };
        Ok(Segment {
            kinds,
            quote_ord,
            article_ord,
            columns,
            store,
        })
    };
    let mut sources: HashMap<String, u64> = HashMap::new();
    let each = |seg: &mut Segment, doc: DocId| -> Result<()> {
        let ord = seg.kinds.as_ref().and_then(|k| k.term_ords(doc).next());
        let doc_kind = if ord.is_some() && ord == seg.quote_ord {
            Kind::Quote
        } else if ord.is_some() && ord == seg.article_ord {
            Kind::Article
        } else {
            return Ok(());
        };
        let mut stored: Option<TantivyDocument> = None;
        for (i, facet) in facets.iter().enumerate() {
            if facet.counts(kind) != doc_kind {
                continue;
            }
            if *facet == Facet::Source {
                if stored.is_none()
                    && let Some(store) = &seg.store
                {
                    stored = Some(store.get(doc)?);
                }
                if let Some(s) = stored
                    .as_ref()
                    .and_then(|d| d.get_first(f.source))
                    .and_then(|v| v.as_str())
                {
                    *sources.entry(s.to_string()).or_default() += 1;
                }
            } else if let Some(Some((column, counts))) = seg.columns.get_mut(i) {
                for ord in column.term_ords(doc) {
                    if let Some(c) = counts.get_mut(ord as usize) {
                        *c += 1;
                    }
                }
            }
        }
        Ok(())
    };
    let close = |seg: Segment| -> Result<()> {
        for (column, total) in seg.columns.into_iter().zip(totals.iter_mut()) {
            let Some((column, counts)) = column else {
                continue;
            };
            let mut name = String::new();
            for (ord, n) in counts.into_iter().enumerate() {
                if n > 0 && column.ord_to_str(ord as u64, &mut name)? {
                    *total.entry(name.clone()).or_default() += n;
                }
            }
        }
        Ok(())
    };
    matches.for_each(open, each, close)?;
    Ok(facets
        .iter()
        .zip(totals)
        .map(|(&facet, total)| {
            let total = if facet == Facet::Source {
                std::mem::take(&mut sources)
            } else {
                total
            };
            FacetCounts {
                facet,
                counted: facet.counts(kind),
                top: top(total),
            }
        })
        .collect())
}

/// The [`TOP`] names by falling count, then by name.
fn top(counts: HashMap<String, u64>) -> Vec<NameCount> {
    let mut all: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, count)| NameCount { name, count })
        .collect();
    all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    all.truncate(TOP);
    all
}
