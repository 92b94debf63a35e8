//! The tantivy index: schema ([`schema`]), documents built from analysed articles
//! ([`document`]), the change-tracking manifest ([`manifest`]), the incremental writer
//! ([`writer`]), merging shard indexes ([`merge`]), swapping a folder built beside the index
//! into its place ([`swap`]), removing what a failed run left ([`cleanup`]), verifying an
//! index ([`check`]), what it holds ([`stats`]), the archive-wide name table ([`names`], grouped by [`identity`]), the saved
//! searches kept beside it ([`watch`]), the cached stemmer of its text fields ([`stem`]) and
//! opening an index for reading ([`Store`]).
//!
//! A new stored or searchable field goes in [`schema`] and is filled in [`document`]; reading
//! the index to answer a query belongs to [`crate::search`].

pub mod check;
pub mod cleanup;
pub mod document;
pub mod identity;
pub mod manifest;
pub mod merge;
pub mod names;
pub mod schema;
pub mod stats;
pub mod stem;
pub mod swap;
pub mod watch;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

use crate::error::{Error, Result, tantivy_message};
pub use schema::Fields;

/// One thing found wrong in an index folder, and where ([`check`], [`names`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file of the index folder (or the source file, for manifest problems).
    pub file: String,
    /// What is wrong, in one line.
    pub problem: String,
    /// Whether the next `newsdex index` run mends it (a missing or stale name table); else
    /// `newsdex index --full` rebuilds the index.
    #[serde(skip)]
    pub index_mends: bool,
}

/// An opened index with its field handles.
pub struct Store {
    /// The tantivy index.
    pub index: Index,
    /// Its fields.
    pub fields: Fields,
    /// Its folder.
    pub dir: PathBuf,
}

/// Longest tantivy message kept in an error: some quote a whole damaged file.
const MAX_MESSAGE: usize = 300;

fn corrupt(dir: &Path, e: impl std::fmt::Display) -> Error {
    let one_line = e
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Error::CorruptIndex {
        path: dir.to_path_buf(),
        message: crate::error::bounded(&one_line, MAX_MESSAGE),
    }
}

impl Store {
    /// Opens an existing index for reading.
    pub fn open(dir: &Path) -> Result<Store> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let index = Index::open_in_dir(dir).map_err(|e| corrupt(dir, tantivy_message(&e)))?;
        let fields = schema::fields_of(&index.schema()).map_err(|e| corrupt(dir, e))?;
        schema::register_tokenizers(&index);
        Ok(Store {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Opens the index, creating it (and its folder) when there is none yet.
    pub fn open_or_create(dir: &Path) -> Result<Store> {
        if dir.join("meta.json").is_file() {
            return Store::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let (schema, fields) = schema::build();
        let index =
            Index::create_in_dir(dir, schema).map_err(|e| corrupt(dir, tantivy_message(&e)))?;
        schema::register_tokenizers(&index);
        Ok(Store {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// A reader on the last commit (searches never see a half-written run).
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| corrupt(&self.dir, tantivy_message(&e)))
    }

    /// Number of live documents of one kind.
    pub fn count_kind(&self, searcher: &Searcher, kind: &str) -> Result<u64> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        );
        Ok(searcher.search(&q, &Count)? as u64)
    }

    /// Size of the index folder on disk, in bytes.
    pub fn size_on_disk(&self) -> u64 {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_index_errors_are_one_bounded_line() {
        let long = format!(
            "Meta file cannot be deserialized.\nContent: {}",
            "{é}\n".repeat(500)
        );
        let Error::CorruptIndex { message, .. } = corrupt(Path::new("ix"), long) else {
            panic!("not a CorruptIndex error");
        };
        assert!(!message.contains('\n'));
        assert!(
            message.len() <= MAX_MESSAGE + '…'.len_utf8(),
            "{}",
            message.len()
        );
        assert!(message.starts_with("Meta file cannot be deserialized. Content:"));
    }
}
