//! Walking the paths given on the command line into the list of candidate files.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ingest::{Skip, detect};

/// A file to consider, with what change detection needs.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path to read it by.
    pub path: PathBuf,
    /// The identity key: the absolute, canonical path.
    pub key: String,
    /// The path shown to the user: relative to the working directory when under it.
    pub display: String,
    /// Its size in bytes when walked.
    pub size: u64,
    /// Its modification time, in nanoseconds since the Unix epoch.
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
                // A FIFO, socket or device: reading it could block for ever. Named or in an
                // article's name, it is reported; other names are ignored as other formats are.
                if !entry.file_type().is_dir()
                    && (entry.depth() == 0 || detect(entry.path()).is_some())
                {
                    skips.push(Skip::new(
                        entry.path().to_string_lossy(),
                        "not a regular file (a FIFO, socket or device)",
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

/// A path as text without loss: a byte that is not UTF-8 (possible in Unix file names)
/// becomes U+FFFD followed by its two hex digits, so two such names never become one key or
/// one article id. Valid UTF-8 is unchanged.
pub fn path_text(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\u{FFFD}{b:02x}"));
        }
    }
    out
}

fn source_file(path: &Path, cwd: Option<&Path>) -> Result<SourceFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    let abs = path
        .canonicalize()
        .map_err(|e| format!("cannot resolve: {e}"))?;
    let display = path_text(cwd.and_then(|c| abs.strip_prefix(c).ok()).unwrap_or(&abs));
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    Ok(SourceFile {
        key: path_text(&abs),
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_reported_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "a").unwrap();
        for name in ["pipe.txt", "pipe"] {
            let path =
                std::ffi::CString::new(d.join(name).into_os_string().into_encoded_bytes()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        }
        let (files, skips) = walk(&[d.to_path_buf()]).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(skips.len(), 1, "{skips:?}");
        assert!(skips[0].path.ends_with("pipe.txt"), "{skips:?}");
        assert!(
            skips[0].reason.starts_with("not a regular file"),
            "{skips:?}"
        );
        let (files, skips) = walk(&[d.join("pipe")]).unwrap();
        assert!(files.is_empty());
        assert!(
            skips[0].reason.starts_with("not a regular file"),
            "{skips:?}"
        );
    }

    #[test]
    fn paths_as_text_keep_every_byte() {
        assert_eq!(path_text(Path::new("a/b ü.txt")), "a/b ü.txt");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = path_text(Path::new(std::ffi::OsStr::from_bytes(b"bad-\xff\xfe.txt")));
            let b = path_text(Path::new(std::ffi::OsStr::from_bytes(b"bad-\xff\xfd.txt")));
            assert_eq!(a, "bad-\u{FFFD}ff\u{FFFD}fe.txt");
            assert_ne!(a, b);
        }
    }
}
