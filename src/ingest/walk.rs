//! Walking the paths given on the command line into the list of candidate files.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ingest::{Skip, detect};

/// A file to consider, with what change detection needs.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The identity key: the absolute, canonical path.
    pub key: String,
    /// The path shown to the user: relative to the working directory when under it.
    pub display: String,
    pub size: u64,
    pub mtime_ns: i64,
}

/// Walks `roots` (files or folders; no symlink loops). Unknown formats are ignored silently;
/// unreadable entries become skips. A root that does not exist is an error.
pub fn walk(roots: &[PathBuf]) -> Result<(Vec<SourceFile>, Vec<Skip>)> {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    let mut files = Vec::new();
    let mut skips = Vec::new();
    for root in roots {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(Error::NotFound(root.clone()));
        }
        for entry in walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    let reason = if e.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else {
                        e.to_string()
                    };
                    skips.push(Skip::new(path, reason));
                    continue;
                }
            };
            if !entry.file_type().is_file() || detect(entry.path()).is_none() {
                continue;
            }
            let path = entry.path();
            match source_file(path, cwd.as_deref()) {
                Ok(f) => files.push(f),
                Err(reason) => skips.push(Skip::new(path.display().to_string(), reason)),
            }
        }
    }
    files.sort_by(|a, b| a.key.cmp(&b.key));
    files.dedup_by(|a, b| a.key == b.key);
    Ok((files, skips))
}

fn source_file(path: &Path, cwd: Option<&Path>) -> Result<SourceFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    let abs = path
        .canonicalize()
        .map_err(|e| format!("cannot resolve: {e}"))?;
    let display = match cwd.and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) => rel.to_string_lossy().into_owned(),
        None => abs.to_string_lossy().into_owned(),
    };
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    Ok(SourceFile {
        key: abs.to_string_lossy().into_owned(),
        path: path.to_path_buf(),
        display,
        size: meta.len(),
        mtime_ns,
    })
}
