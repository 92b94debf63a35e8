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

/// Walks `roots` (files or folders; no symlink loops) in the order given, each folder sorted
/// by file name. Unknown formats inside folders are ignored silently, as are hidden entries
/// (names starting with `.`, such as `.git`) below a root; a file named explicitly with an
/// unknown format, unreadable entries, broken links and symlink loops become skips. A root that
/// does not exist is an error. A file reached twice (links, overlapping roots) is listed once.
pub fn walk(roots: &[PathBuf]) -> Result<(Vec<SourceFile>, Vec<Skip>)> {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    let mut files = Vec::new();
    let mut skips = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for root in roots {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(Error::NotFound(root.clone()));
        }
        let entries = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b".")
            });
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_else(|| root.to_string_lossy().into_owned());
                    skips.push(Skip::new(path, walk_error(&e)));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                if entry.depth() == 0 && !entry.file_type().is_dir() {
                    skips.push(Skip::new(
                        entry.path().to_string_lossy(),
                        "not a regular file",
                    ));
                }
                continue;
            }
            if detect(entry.path()).is_none() {
                if entry.depth() == 0 {
                    skips.push(Skip::new(
                        entry.path().to_string_lossy(),
                        "unsupported file type (newsdex reads .txt, .text, .json, .jsonl, .ndjson, .html, .htm, and .gz of these)",
                    ));
                }
                continue;
            }
            let path = entry.path();
            match source_file(path, cwd.as_deref()) {
                Ok(f) => {
                    if seen.insert(f.key.clone()) {
                        files.push(f);
                    }
                }
                Err(reason) => skips.push(Skip::new(path.to_string_lossy(), reason)),
            }
        }
    }
    Ok((files, skips))
}

/// A one-line reason for a walking error.
fn walk_error(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!(
            "symlink loop (leads back to {})",
            ancestor.to_string_lossy()
        );
    }
    match e.io_error() {
        // ELOOP: a link that points to itself, directly or through other links.
        Some(io) if io.raw_os_error() == Some(40) => "symlink loop".into(),
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "broken symbolic link (its target does not exist)".into()
        }
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "cannot read: permission denied".into()
        }
        Some(io) => format!("cannot read: {io}"),
        None => e.to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_order_dedups_and_survives_loops() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("b.txt"), "b").unwrap();
        std::fs::write(d.join("a.json"), "{}").unwrap();
        std::fs::write(d.join("notes.csv"), "x").unwrap();
        std::fs::write(d.join("sub/c.html"), "<p>c</p>").unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        std::fs::write(d.join(".git/x.txt"), "hidden").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
            std::os::unix::fs::symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
            std::os::unix::fs::symlink(d.join("b.txt"), d.join("z-link.txt")).unwrap();
        }
        let (files, skips) = walk(&[d.join("b.txt"), d.to_path_buf()]).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b.txt", "a.json", "c.html"]);
        #[cfg(unix)]
        {
            assert!(
                skips.iter().any(|s| s.reason.starts_with("symlink loop (")),
                "{skips:?}"
            );
            assert!(
                skips
                    .iter()
                    .any(|s| s.path.ends_with("self.txt") && s.reason == "symlink loop"),
                "{skips:?}"
            );
        }
        let (_, skips) = walk(&[d.join("notes.csv")]).unwrap();
        assert!(skips[0].reason.starts_with("unsupported file type"));
        assert!(matches!(
            walk(&[d.join("missing")]),
            Err(Error::NotFound(_))
        ));
    }
}
