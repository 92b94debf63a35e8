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
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermStreamer;
use tantivy::{DocSet, Index, SegmentReader, TERMINATED};

use crate::error::{Error, Result};
use crate::index::Store;
use crate::index::schema::{KIND_ARTICLE, KIND_FILE, KIND_QUOTE};

/// What a merge produced.
#[derive(Debug, Default, Serialize)]
pub struct MergeSummary {
    pub shards: u64,
    pub files: u64,
    pub articles: u64,
    pub quotes: u64,
    pub seconds: f64,
}

/// Merges the indexes in `shards` into `out`, replacing what `out` held.
pub fn merge(shards: &[PathBuf], out: &Path) -> Result<MergeSummary> {
    let started = Instant::now();
    if shards.is_empty() {
        return Err(Error::BadArgument {
            arg: "SHARD_INDEX",
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
            return Err(Error::BadArgument {
                arg: "--index",
                message: format!("the output {} is one of the shards", out.display()),
            });
        }
    }
    if out_abs.exists() && !out_abs.join("meta.json").is_file() && !is_empty_dir(&out_abs) {
        return Err(Error::BadArgument {
            arg: "--index",
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

    let parent = out_abs.parent().unwrap_or(Path::new("/")).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out_abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    // One merge into `out` at a time: the lock guards the work folder beside it.
    let lock_path = parent.join(format!(".{name}.merge.lock"));
    let lock = std::fs::File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
    lock.try_lock()
        .map_err(|_| Error::Locked(out.to_path_buf()))?;
    let work = parent.join(format!(".{name}.merging"));
    if work.exists() {
        // Left by a merge that was killed: never part of `out`.
        std::fs::remove_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    }
    std::fs::create_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    let indices: Vec<Index> = stores.iter().map(|s| s.index.clone()).collect();
    let dir = MmapDirectory::open(&work).map_err(|e| Error::CorruptIndex {
        path: work.clone(),
        message: e.to_string(),
    })?;
    if readers.iter().all(Vec::is_empty) {
        // Only empty shards: tantivy merges segments, and there are none.
        drop(dir);
        Store::open_or_create(&work)?;
    } else {
        tantivy::indexer::merge_indices(&indices, dir)?;
    }
    drop(searchers);
    drop(stores);

    let merged = Store::open(&work)?;
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

    replace(&work, &out_abs)?;
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

/// Puts the finished folder `work` in the place of `out` in one step, holding `out`'s writer
/// lock so that no `newsdex index` is writing into the folder being replaced.
fn replace(work: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return std::fs::rename(work, out).map_err(|e| Error::io(out, e));
    }
    let out_dir = MmapDirectory::open(out).map_err(|e| Error::CorruptIndex {
        path: out.to_path_buf(),
        message: e.to_string(),
    })?;
    let _writer_lock = out_dir
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|_| Error::Locked(out.to_path_buf()))?;
    exchange(work, out).map_err(|e| Error::io(out, e))?;
    // `work` now holds the old index: searches that had it open keep their mapped files.
    std::fs::remove_dir_all(work).map_err(|e| Error::io(work, e))
}

/// Swaps two directories atomically (Linux `renameat2(RENAME_EXCHANGE)`); elsewhere, or on
/// a filesystem without it, the old one is moved aside first.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
        let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: both are valid NUL-terminated paths that outlive the call.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let err = std::io::Error::last_os_error();
        if !matches!(err.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(err);
        }
    }
    let aside = b.with_file_name(format!(
        ".{}.old",
        b.file_name()
            .map_or("index".into(), |n| n.to_string_lossy())
    ));
    if aside.exists() {
        std::fs::remove_dir_all(&aside)?;
    }
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
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
