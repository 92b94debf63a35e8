//! Change tracking. The index is its own manifest: one `file` document per source file
//! (key, size, mtime, content hash) is committed together with that file's articles, so a
//! crash can never leave the two out of step.

use std::collections::HashMap;

use tantivy::Searcher;

use crate::error::Result;
use crate::index::Store;

/// What the last commit knows of one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// Its content hash ([`crate::ingest::hash`]).
    pub hash: u64,
    /// Articles indexed from it.
    pub records: u64,
}

/// Reads every `file` document of the committed index: key -> state.
pub fn load(store: &Store, searcher: &Searcher) -> Result<HashMap<String, FileState>> {
    let mut out = HashMap::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(keys) = ff.str("manifest")? else {
            continue;
        };
        let size = ff.u64("size")?;
        let mtime = ff.i64("mtime")?;
        let hash = ff.u64("hash")?;
        let records = ff.u64("records")?;
        let mut key = String::new();
        for doc in segment.doc_ids_alive() {
            let Some(ord) = keys.term_ords(doc).next() else {
                continue;
            };
            key.clear();
            if !keys
                .ord_to_str(ord, &mut key)
                .map_err(|e| crate::error::Error::CorruptIndex {
                    path: store.dir.clone(),
                    message: e.to_string(),
                })?
            {
                continue;
            }
            out.insert(
                key.clone(),
                FileState {
                    size: size.first(doc).unwrap_or(0),
                    mtime_ns: mtime.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                    records: records.first(doc).unwrap_or(0),
                },
            );
        }
    }
    Ok(out)
}
