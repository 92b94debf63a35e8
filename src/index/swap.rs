//! Replacing an index folder by one built beside it, in one step: `newsdex merge` and the
//! rebuild of a damaged index (`newsdex index --full`) write into a work folder next to the
//! output and swap it in only when it is committed, so a run killed half-way leaves the old
//! index as it was. The saved searches of the old index carry over.

use std::fs::File;
use std::path::{Path, PathBuf};

use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};

use crate::error::{Error, Result};
use crate::index::watch;

/// A work folder beside an index, held by one process until it is swapped in or dropped.
pub struct WorkDir {
    /// The folder being built.
    pub path: PathBuf,
    /// The index it will replace (absolute).
    pub out: PathBuf,
    _lock: File,
}

impl WorkDir {
    /// Creates the empty work folder `.NAME.PURPOSE` beside `out`, removing one a killed run
    /// left. Fails with [`Error::Locked`] while another process builds for the same `out`.
    pub fn beside(out: &Path, purpose: &str) -> Result<WorkDir> {
        let out = std::path::absolute(out).map_err(|e| Error::io(out, e))?;
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        let lock_path = parent.join(format!(".{name}.{purpose}.lock"));
        let lock = File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
        lock.try_lock().map_err(|_| Error::Locked(out.clone()))?;
        let path = parent.join(format!(".{name}.{purpose}"));
        if path.exists() {
            // Left by a run that was killed: never part of `out`.
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        Ok(WorkDir {
            path,
            out,
            _lock: lock,
        })
    }

    /// Puts the finished work folder in the place of the index in one step, holding the
    /// index's writer lock so that no `newsdex index` is writing into the folder being
    /// replaced. The old index's saved searches are copied over first.
    pub fn swap_in(self) -> Result<()> {
        let (work, out) = (&self.path, &self.out);
        if !out.exists() {
            return std::fs::rename(work, out).map_err(|e| Error::io(out, e));
        }
        let saved = out.join(watch::FILE);
        if saved.is_file() {
            let to = work.join(watch::FILE);
            std::fs::copy(&saved, &to).map_err(|e| Error::io(&to, e))?;
        }
        let out_dir = MmapDirectory::open(out).map_err(|e| Error::CorruptIndex {
            path: out.clone(),
            message: e.to_string(),
        })?;
        let _writer_lock = out_dir
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|_| Error::Locked(out.clone()))?;
        exchange(work, out).map_err(|e| Error::io(out, e))?;
        // `work` now holds the old index: searches that had it open keep their mapped files.
        std::fs::remove_dir_all(work).map_err(|e| Error::io(work, e))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        // After a swap this is the old index; after a failure, a half-built one. Either way
        // it is no longer wanted; what cannot be removed now goes with the next run.
        let _ = std::fs::remove_dir_all(&self.path);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_replaces_the_folder_and_keeps_saved_searches() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("ix");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old"), "old").unwrap();
        std::fs::write(out.join(watch::FILE), "{}").unwrap();
        let work = WorkDir::beside(&out, "rebuild").unwrap();
        std::fs::write(work.path.join("new"), "new").unwrap();
        let work_path = work.path.clone();
        work.swap_in().unwrap();
        assert!(out.join("new").is_file());
        assert!(!out.join("old").exists());
        assert_eq!(
            std::fs::read_to_string(out.join(watch::FILE)).unwrap(),
            "{}"
        );
        assert!(!work_path.exists());
    }

    #[test]
    fn a_dropped_work_folder_leaves_the_index_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("ix");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old"), "old").unwrap();
        let work = WorkDir::beside(&out, "rebuild").unwrap();
        let work_path = work.path.clone();
        std::fs::write(work_path.join("half"), "").unwrap();
        drop(work);
        assert!(!work_path.exists());
        assert!(out.join("old").is_file());
    }

    #[test]
    fn two_builds_for_one_index_exclude_each_other() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("ix");
        let _first = WorkDir::beside(&out, "merging").unwrap();
        assert!(matches!(
            WorkDir::beside(&out, "merging"),
            Err(Error::Locked(_))
        ));
    }
}
