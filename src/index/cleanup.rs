//! Removing what no commit refers to: the segment files of a run that failed or was killed,
//! and temporary files the writer left half-written. Only the process holding the writer
//! lock calls this, so nothing here is in use by another writer.

use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::{Index, IndexWriter};

/// Deletes the index files no commit refers to (tantivy's garbage collection) and the
/// writer's temporary files. Returns the bytes freed. Best effort: a file that cannot be
/// removed stays for the next run.
pub fn collect_garbage(writer: &IndexWriter, dir: &Path) -> u64 {
    let mut freed = 0;
    // Sizes are read before tantivy deletes; a file it keeps is not counted.
    let sizes: Vec<(std::path::PathBuf, u64)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.path(), e.metadata().ok()?.len())))
        .collect();
    if let Ok(result) = writer.garbage_collect_files().wait() {
        for deleted in &result.deleted_files {
            let full = dir.join(deleted);
            freed += sizes
                .iter()
                .find(|(p, _)| *p == full)
                .map_or(0, |(_, n)| *n);
        }
    }
    for (path, size) in &sizes {
        if is_temporary(path) && std::fs::remove_file(path).is_ok() {
            freed += size;
        }
    }
    freed
}

/// Files written beside the index and renamed into place when complete: tantivy's
/// `.tmpXXXXXX` and the name tables' `.NAME.PID.tmp`.
fn is_temporary(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with(".tmp") || (name.starts_with('.') && name.ends_with(".tmp"))
}

/// How long a failed run waits for the rolled-back writer's threads to finish their segments.
const SETTLE: Duration = Duration::from_secs(30);

/// Throws away what a failed run wrote: its pending documents and deletes, and its segment
/// files. The index stays at its last commit.
///
/// `rollback()` returns while threads of the writer it replaces still write: a commit that
/// fails on one indexing thread leaves the others unjoined, flushing their last segment, and
/// merges run on. Their segments are alive, so garbage collection keeps them, and once they
/// end nothing would remove their files until the next run. So collection repeats until no
/// file outside the last commit is left, or `SETTLE` has passed.
pub fn discard_run(writer: &mut IndexWriter, dir: &Path) {
    // A rollback that fails leaves files behind; the next run's collection removes them.
    if writer.rollback().is_err() {
        return;
    }
    let deadline = Instant::now() + SETTLE;
    loop {
        collect_garbage(writer, dir);
        if !has_uncommitted_files(writer.index()) || Instant::now() >= deadline {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether `index` manages files its last commit does not use: segments still being written
/// or merged. False when the commit cannot be read.
fn has_uncommitted_files(index: &Index) -> bool {
    let Ok(meta) = index.load_metas() else {
        return false;
    };
    let committed = meta.list_segment_files();
    index
        .directory()
        .list_managed_files()
        .iter()
        .any(|f| !committed.contains(f) && f.as_path() != Path::new("meta.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_are_recognised() {
        assert!(is_temporary(Path::new("ix/.tmpAb3dEf")));
        assert!(is_temporary(Path::new("ix/.speakers.names.4711.tmp")));
        assert!(!is_temporary(Path::new("ix/meta.json")));
        assert!(!is_temporary(Path::new("ix/.managed.json")));
        assert!(!is_temporary(Path::new("ix/0a1b.term")));
    }
}
