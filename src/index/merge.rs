//! Merging shard indexes into one (`newsdex merge`): the last step of a distributed build.
//! The shards' documents — articles, quotes and the `file` manifest entries — are merged by
//! tantivy into a fresh folder beside the output, the name tables are rebuilt there, and the
//! folder then takes the output's place in one rename, so a merge killed half-way leaves the
//! old output as it was. An article id (or a source file) found in two shards is an error.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermStreamer;
use tantivy::{DocSet, Index, SegmentReader, TERMINATED};

use crate::error::{Error, Param, Result};
use crate::index::Store;
use crate::index::schema::{KIND_ARTICLE, KIND_FILE, KIND_QUOTE};
use crate::index::swap::WorkDir;

/// What a merge produced.
#[derive(Debug, Default, Serialize)]
pub struct MergeSummary {
    /// Shard indexes merged.
    pub shards: u64,
    /// Source files in the merged index.
    pub files: u64,
    /// Articles in the merged index.
    pub articles: u64,
    /// Quotes in the merged index.
    pub quotes: u64,
    /// How long the merge took.
    pub seconds: f64,
}

/// Merges the indexes in `shards` into `out`, replacing what `out` held.
pub fn merge(shards: &[PathBuf], out: &Path) -> Result<MergeSummary> {
    let started = Instant::now();
    if shards.is_empty() {
        return Err(Error::Invalid {
            what: Param::Shards,
            message: "give at least one shard index to merge".into(),
        });
    }
    let out_abs = absolute(out)?;
    let stores = shards
        .iter()
        .map(|s| Store::open(s))
        .collect::<Result<Vec<_>>>()?;
    for s in shards {
        if s.canonicalize().ok().as_deref() == Some(out_abs.as_path()) {
            return Err(Error::Invalid {
                what: Param::MergeOutput,
                message: format!("the output {} is one of the shards", out.display()),
            });
        }
    }
    if out_abs.exists() && !out_abs.join("meta.json").is_file() && !is_empty_dir(&out_abs) {
        return Err(Error::Invalid {
            what: Param::MergeOutput,
            message: format!("{} exists and is not a newsdex index", out.display()),
        });
    }
    let searchers = stores
        .iter()
        .map(|s| Ok(s.reader()?.searcher()))
        .collect::<Result<Vec<_>>>()?;
    let f = stores[0].fields;
    let readers: Vec<Vec<&SegmentReader>> = searchers
        .iter()
        .map(|s| s.segment_readers().iter().collect())
        .collect();
    if let Some((value, a, b)) = first_shared_term(&readers, f.id)? {
        return Err(Error::SharedByShards {
            what: "article id",
            value,
            first: shards[a].clone(),
            second: shards[b].clone(),
        });
    }
    if let Some((value, a, b)) = first_shared_term(&readers, f.manifest)? {
        return Err(Error::SharedByShards {
            what: "source file",
            value,
            first: shards[a].clone(),
            second: shards[b].clone(),
        });
    }

    // One merge into `out` at a time: the work folder beside it is locked.
    let work = WorkDir::beside(out, "merging")?;
    let indices: Vec<Index> = stores.iter().map(|s| s.index.clone()).collect();
    let dir = MmapDirectory::open(&work.path).map_err(|e| Error::CorruptIndex {
        path: work.path.clone(),
        message: e.to_string(),
    })?;
    if readers.iter().all(Vec::is_empty) {
        // Only empty shards: tantivy merges segments, and there are none.
        drop(dir);
        Store::open_or_create(&work.path)?;
    } else {
        tantivy::indexer::merge_indices(&indices, dir)?;
    }
    drop(searchers);
    drop(stores);

    let merged = Store::open(&work.path)?;
    let reader = merged.reader()?;
    let searcher = reader.searcher();
    // The name tables (identities) of the merged segments; a failure only costs search speed.
    let _ = crate::index::names::rebuild_name_tables(&merged, &searcher);
    let summary = MergeSummary {
        shards: shards.len() as u64,
        files: merged.count_kind(&searcher, KIND_FILE)?,
        articles: merged.count_kind(&searcher, KIND_ARTICLE)?,
        quotes: merged.count_kind(&searcher, KIND_QUOTE)?,
        seconds: 0.0,
    };
    drop(searcher);
    drop(reader);
    drop(merged);

    work.swap_in()?;
    Ok(MergeSummary {
        seconds: started.elapsed().as_secs_f64(),
        ..summary
    })
}

fn absolute(p: &Path) -> Result<PathBuf> {
    std::path::absolute(p).map_err(|e| Error::io(p, e))
}

fn is_empty_dir(p: &Path) -> bool {
    std::fs::read_dir(p).is_ok_and(|mut d| d.next().is_none())
}

/// The live terms of one field in one segment, in order.
struct LiveTerms<'a> {
    stream: TermStreamer<'a>,
    inverted: &'a tantivy::InvertedIndexReader,
    segment: &'a SegmentReader,
}

impl LiveTerms<'_> {
    fn next(&mut self) -> Result<Option<Vec<u8>>> {
        while self.stream.advance() {
            if self.is_live()? {
                return Ok(Some(self.stream.key().to_vec()));
            }
        }
        Ok(None)
    }

    /// Whether a document that is not deleted carries the current term.
    fn is_live(&self) -> Result<bool> {
        let Some(alive) = self.segment.alive_bitset() else {
            return Ok(true);
        };
        let mut postings = self
            .inverted
            .read_postings_from_terminfo(self.stream.value(), IndexRecordOption::Basic)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_alive(doc) {
                return Ok(true);
            }
            doc = postings.advance();
        }
        Ok(false)
    }
}

/// The first value of `field` that is live in two shards (`readers[shard]` are a shard's
/// segments), with the two shards: a k-way walk over the sorted term dictionaries, so memory
/// stays one term per segment whatever the archive's size.
fn first_shared_term(
    readers: &[Vec<&SegmentReader>],
    field: Field,
) -> Result<Option<(String, usize, usize)>> {
    let mut inverted = Vec::new();
    for (shard, segments) in readers.iter().enumerate() {
        for seg in segments {
            inverted.push((shard, *seg, seg.inverted_index(field)?));
        }
    }
    let mut streams = Vec::with_capacity(inverted.len());
    for (shard, segment, inv) in &inverted {
        streams.push((
            *shard,
            LiveTerms {
                stream: inv.terms().stream()?,
                inverted: inv,
                segment,
            },
        ));
    }
    let mut heap = BinaryHeap::new();
    for (i, (_, s)) in streams.iter_mut().enumerate() {
        if let Some(term) = s.next()? {
            heap.push(Reverse((term, i)));
        }
    }
    let mut last: Option<(Vec<u8>, usize)> = None;
    while let Some(Reverse((term, i))) = heap.pop() {
        let shard = streams[i].0;
        if let Some((prev, prev_shard)) = &last
            && *prev == term
            && *prev_shard != shard
        {
            let value = String::from_utf8_lossy(&term).into_owned();
            return Ok(Some((value, *prev_shard, shard)));
        }
        if let Some(next) = streams[i].1.next()? {
            heap.push(Reverse((next, i)));
        }
        last = Some((term, shard));
    }
    Ok(None)
}
