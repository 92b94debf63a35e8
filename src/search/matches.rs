//! Every document a search matches, walked in index order without scoring, so that export,
//! timelines and facets see all of them (a search ranks and reads only its page). Memory
//! does not grow with the number of matches.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use crate::error::Result;
use crate::index::Fields;
use crate::search::understand::Plan;

/// The matches of one request: its plan and its filtering query over one commit.
pub struct Matches {
    /// How the request was understood (with the notes a search would print).
    pub plan: Plan,
    /// The index's field handles.
    pub fields: Fields,
    searcher: Searcher,
    query: Box<dyn Query>,
}

impl Matches {
    pub(crate) fn new(
        searcher: Searcher,
        fields: Fields,
        plan: Plan,
        query: Box<dyn Query>,
    ) -> Self {
        Matches {
            plan,
            fields,
            searcher,
            query,
        }
    }

    /// The commit the matches were taken from.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// Walks the live matching documents segment by segment: `open` prepares what a segment
    /// needs (columns, a store reader, counts), `each` is called with it for each document,
    /// and `close` receives it when the segment is done.
    pub fn for_each<S>(
        &self,
        mut open: impl FnMut(&SegmentReader) -> Result<S>,
        mut each: impl FnMut(&mut S, DocId) -> Result<()>,
        mut close: impl FnMut(S) -> Result<()>,
    ) -> Result<()> {
        let weight = self
            .query
            .weight(EnableScoring::disabled_from_searcher(&self.searcher))?;
        for reader in self.searcher.segment_readers() {
            let mut scorer = weight.scorer(reader, 1.0)?;
            if scorer.doc() == TERMINATED {
                continue;
            }
            let mut state = open(reader)?;
            let alive = reader.alive_bitset();
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    each(&mut state, doc)?;
                }
                doc = scorer.advance();
            }
            close(state)?;
        }
        Ok(())
    }

    /// The number of live matching documents.
    pub fn count(&self) -> Result<usize> {
        Ok(self
            .searcher
            .search(self.query.as_ref(), &tantivy::collector::Count)?)
    }
}
