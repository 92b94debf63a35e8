//! The order of documents that rank equal. Their internal addresses depend on how the index
//! was built (writer threads, shards merged in another order, segments merged later), so
//! equal documents are ordered by what they are: article id, the article before its quotes,
//! then the quote's text, context and speaker. The same data gives the same ranking however
//! it was indexed, and a cut (the first N hits) that falls inside a tie keeps the same members.
//! A tie of more than [`TIE_LIMIT`] documents (a search of filters alone, where every match
//! scores the same) keeps the index's order: reading that many stored documents would cost
//! more than the search.

use tantivy::schema::Value;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument};

use crate::error::Result;
use crate::index::Fields;

/// The largest tie put in `TieKey` order (about 30 ms of stored-document reads).
pub const TIE_LIMIT: usize = 2048;

/// What orders documents of equal rank.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct TieKey {
    id: String,
    kind: String,
    quote: String,
    context: String,
    speaker: String,
}

fn tie_key(searcher: &Searcher, f: &Fields, addr: DocAddress) -> Result<TieKey> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Ok(TieKey {
        id: text(f.id),
        kind: text(f.kind),
        quote: text(f.quote),
        context: text(f.context),
        speaker: text(f.speaker),
    })
}

/// Whether two scores are a tie. A document's BM25 sum adds the same terms in an order that
/// depends on the other documents of its segment, so the same document scores a few units
/// in the last place apart in two builds of the same data: those are equal.
pub fn same_score(a: &Score, b: &Score) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
}

/// The end of the run of ties that holds `docs[at]` (each a tie with the one before).
fn run_end<R>(docs: &[(R, DocAddress)], at: usize, same: &impl Fn(&R, &R) -> bool) -> usize {
    let mut end = at + 1;
    while end < docs.len() && same(&docs[end - 1].0, &docs[end].0) {
        end += 1;
    }
    end
}

/// Reorders each run of ties in `docs` (sorted by rank, best first) by `TieKey`. The
/// stored documents are read only for the documents that tie.
pub fn order_ties<R: Copy>(
    searcher: &Searcher,
    f: &Fields,
    docs: &mut [(R, DocAddress)],
    same: impl Fn(&R, &R) -> bool,
) -> Result<()> {
    let mut start = 0;
    while start < docs.len() {
        let end = run_end(docs, start, &same);
        if end - start > 1 && end - start <= TIE_LIMIT {
            let run = &mut docs[start..end];
            let mut keyed = Vec::with_capacity(run.len());
            for &(r, addr) in run.iter() {
                keyed.push((tie_key(searcher, f, addr)?, r, addr));
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            for (slot, (_, r, addr)) in run.iter_mut().zip(keyed) {
                *slot = (r, addr);
            }
        }
        start = end;
    }
    Ok(())
}

/// The best `n` documents, ties ordered: `collect(limit)` gives the best `limit` (best
/// first, a tie in the index's order); where the tie at the `n`th runs to the end of what
/// was collected, more are collected, so the cut takes the tie's first members by key.
pub fn best<R: Copy>(
    searcher: &Searcher,
    f: &Fields,
    n: usize,
    same: impl Fn(&R, &R) -> bool,
    mut collect: impl FnMut(usize) -> Result<Vec<(R, DocAddress)>>,
) -> Result<Vec<(R, DocAddress)>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut limit = n + 1;
    let mut docs = loop {
        let docs = collect(limit)?;
        let whole = docs.len() < limit || run_end(&docs, n - 1, &same) < docs.len();
        if whole || limit > n + TIE_LIMIT {
            break docs;
        }
        limit = limit.saturating_mul(2);
    };
    order_ties(searcher, f, &mut docs, same)?;
    docs.truncate(n);
    Ok(docs)
}

/// Sorts by score, best first, with ties in `TieKey` order.
pub fn sort_by_score(
    searcher: &Searcher,
    f: &Fields,
    docs: &mut [(Score, DocAddress)],
) -> Result<()> {
    docs.sort_by(|a, b| b.0.total_cmp(&a.0));
    order_ties(searcher, f, docs, same_score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_few_units_in_the_last_place_apart_tie() {
        let x: Score = 5.120_833;
        let next = Score::from_bits(x.to_bits() + 3);
        assert!(same_score(&x, &next));
        assert!(!same_score(&x, &5.1209));
        assert!(same_score(&0.0, &0.0));
    }

    #[test]
    fn a_run_of_ties_ends_at_the_first_clear_gap() {
        let addr = |d| DocAddress::new(0, d);
        let docs: Vec<(Score, DocAddress)> = [3.0, 2.0, 2.000_001, 2.0, 1.0]
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, addr(i as u32)))
            .collect();
        assert_eq!(run_end(&docs, 0, &same_score), 1);
        assert_eq!(run_end(&docs, 1, &same_score), 4);
        assert_eq!(run_end(&docs, 4, &same_score), 5);
    }
}
