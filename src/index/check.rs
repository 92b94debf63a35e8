//! Verifying an index (`newsdex check`): that its commit opens, that every segment file
//! matches its checksum, that the manifest agrees with the articles, and that the saved name
//! tables are the ones its documents give. Each problem is one line naming the file.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use tantivy::Index;

use crate::error::{Error, Result, tantivy_message};
use crate::index::Store;
use crate::index::schema::{KIND_ARTICLE, KIND_FILE};

pub use crate::index::Problem;

/// What a check looked at and found.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Segments of the last commit.
    pub segments: u64,
    /// Segment files whose checksum was verified.
    pub files_checked: u64,
    /// Documents in those segments.
    pub documents: u64,
    /// What was found wrong (none: the index is sound).
    pub problems: Vec<Problem>,
}

impl Report {
    /// Whether the index is sound.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Whether the next `newsdex index` run mends every problem found (there is one).
    pub fn index_mends_all(&self) -> bool {
        !self.problems.is_empty() && self.problems.iter().all(|p| p.index_mends)
    }

    fn problem(&mut self, file: impl Into<String>, problem: impl Into<String>) {
        self.problems.push(Problem {
            file: file.into(),
            problem: problem.into(),
            index_mends: false,
        });
    }
}

/// Checks the index in `dir`. A missing index is an error; damage is a [`Report`] problem.
pub fn check(dir: &Path) -> Result<Report> {
    if !dir.join("meta.json").is_file() {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let mut report = Report::default();
    let store = match Store::open(dir) {
        Ok(store) => store,
        Err(Error::CorruptIndex { message, .. }) => {
            report.problem("meta.json", message);
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    checksums(&store.index, &mut report);
    if !report.ok() {
        // Reading documents from damaged files tells nothing more.
        return Ok(report);
    }
    let searcher = match store.reader() {
        Ok(reader) => reader.searcher(),
        Err(e) => {
            report.problem("meta.json", e.to_string());
            return Ok(report);
        }
    };
    report.documents = searcher.num_docs();
    if let Err(e) = manifest_agrees(&store, &searcher, &mut report) {
        report.problem("meta.json", e.to_string());
        return Ok(report);
    }
    report
        .problems
        .extend(crate::index::names::check_name_tables(&store, &searcher)?);
    Ok(report)
}

/// Whether `dir` holds an index that cannot be used as it is: it does not open, or a
/// segment file fails its checksum. (A stale name table is not damage: any run rewrites it.)
pub fn is_damaged(dir: &Path) -> bool {
    if !dir.join("meta.json").is_file() {
        return false;
    }
    let Ok(store) = Store::open(dir) else {
        return true;
    };
    let mut report = Report::default();
    checksums(&store.index, &mut report);
    !report.ok() || store.reader().is_err()
}

/// Every file of the committed segments against the checksum in its footer.
fn checksums(index: &Index, report: &mut Report) {
    let metas = match index.load_metas() {
        Ok(m) => m,
        Err(e) => return report.problem("meta.json", tantivy_message(&e)),
    };
    report.segments = metas.segments.len() as u64;
    let managed = index.directory().list_managed_files();
    let mut files: Vec<_> = metas
        .list_segment_files()
        .into_iter()
        // Components a segment lacks (e.g. deletes) are listed but never written.
        .filter(|f| managed.contains(f))
        .collect();
    files.sort();
    for file in files {
        let name = file.display().to_string();
        report.files_checked += 1;
        match index.directory().validate_checksum(&file) {
            Ok(true) => {}
            Ok(false) => report.problem(name, "damaged: its contents do not match its checksum"),
            Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {
                report.problem(name, "missing: the last commit needs it")
            }
            Err(e) => report.problem(name, format!("unreadable: {e}")),
        }
    }
}

/// Every article's source file against the manifest: each has a `file` entry, and none holds
/// more articles than its entry records.
fn manifest_agrees(store: &Store, searcher: &tantivy::Searcher, report: &mut Report) -> Result<()> {
    let manifest = crate::index::manifest::load(store, searcher)?;
    let mut articles: HashMap<String, u64> = HashMap::new();
    let mut text = String::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let (Some(kinds), Some(files)) = (ff.str("kind")?, ff.str("file")?) else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            let Some(kind) = kinds.term_ords(doc).next() else {
                continue;
            };
            text.clear();
            kinds.ord_to_str(kind, &mut text)?;
            if text != KIND_ARTICLE {
                continue;
            }
            let Some(file) = files.term_ords(doc).next() else {
                report.problem(KIND_ARTICLE, "an article has no source file");
                continue;
            };
            text.clear();
            files.ord_to_str(file, &mut text)?;
            *articles.entry(text.clone()).or_default() += 1;
        }
    }
    let mut keys: Vec<&String> = manifest.keys().chain(articles.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let found = articles.get(key).copied().unwrap_or(0);
        match manifest.get(key) {
            None => report.problem(
                key.as_str(),
                format!("{found} articles indexed, but no {KIND_FILE} entry records the file"),
            ),
            // Fewer is no damage: an article id another file also holds went to that file.
            Some(state) if found > state.records => report.problem(
                key.as_str(),
                format!(
                    "the manifest records {} articles, the index holds {found}",
                    state.records
                ),
            ),
            Some(_) => {}
        }
    }
    Ok(())
}
