//! The pipeline: walk → ingest (load, detect, parse) → layout and extract → a [`Sink`].
//!
//! Every reader of the archive goes through here: the index writer (a sink that adds
//! documents, and that decides file by file whether a file needs reading at all), its
//! restoring of shadowed articles, and `newsdex extract --json` (a sink that renders lines).
//! Owns the order of the stages and their parallelism, not what a sink does with a record:
//! it never imports the index, so a lower stage does not depend on a higher one.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::article::{Analysis, Record};
use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::{self, Parsed, Skip, SourceFile};

/// What an update covers, and so which indexed files it removes when they are gone.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Files and folders walked: an indexed file under one of them that is gone is removed.
    Roots(&'a [PathBuf]),
    /// The whole set of files: an indexed file not among them is removed.
    Files(&'a [PathBuf]),
}

impl Scope<'_> {
    /// Fails on a root that does not exist (a listed file that does not is only skipped).
    pub fn exists(self) -> Result<()> {
        if let Scope::Roots(roots) = self {
            for root in roots {
                if std::fs::symlink_metadata(root).is_err() {
                    return Err(Error::NotFound(root.clone()));
                }
            }
        }
        Ok(())
    }

    /// The files to read, and the skips met finding them: the roots walked, or the listed
    /// files that exist (one that does not is a skip).
    pub fn walk(self) -> Result<(Vec<SourceFile>, Vec<Skip>)> {
        match self {
            Scope::Roots(roots) => ingest::walk(roots),
            Scope::Files(files) => {
                let (present, missing): (Vec<PathBuf>, Vec<PathBuf>) = files
                    .iter()
                    .cloned()
                    .partition(|p| std::fs::symlink_metadata(p).is_ok());
                let (found, mut skips) = ingest::walk(&present)?;
                skips.extend(
                    missing
                        .iter()
                        .map(|p| Skip::new(p.to_string_lossy(), "listed file does not exist")),
                );
                Ok((found, skips))
            }
        }
    }
}

/// Where the pipeline's records go: one call per record, in parallel, each with the record's
/// analysis. What a call returns is kept in record order ([`extract()`]); a sink that writes
/// as it goes returns `()`, which costs no memory however many records a file holds.
pub trait Sink: Sync {
    /// What one record becomes (a rendered line, or nothing when the sink writes it away).
    type Item: Send;

    /// Takes one record of `file` and its analysis.
    fn record(&self, file: &SourceFile, record: &Record, analysis: Analysis) -> Result<Self::Item>;
}

/// A file's bytes, read under the size limit: what change detection hashes before the file
/// is parsed.
pub struct Loaded<'a> {
    /// The file read.
    pub file: &'a SourceFile,
    /// Its content as stored (still compressed when it is a `.gz`).
    pub bytes: Vec<u8>,
}

/// Reads `file`'s bytes; a file over `max_file_size` bytes or unreadable is the skip to report.
pub fn load(file: &SourceFile, max_file_size: u64) -> Result<Loaded<'_>, Skip> {
    let bytes = ingest::load(file, max_file_size)?;
    Ok(Loaded { file, bytes })
}

impl Loaded<'_> {
    /// The content hash change detection compares.
    pub fn hash(&self) -> u64 {
        ingest::hash(&self.bytes)
    }

    /// The file's records and the skips inside it; `None` when newsdex does not read its
    /// format. A `.gz` that expands to over `max_file_size` bytes is skipped.
    pub fn parse(&self, max_file_size: u64) -> Option<Parsed> {
        let (format, gz) = ingest::detect(&self.file.path)?;
        Some(ingest::parse(
            &self.file.display,
            format,
            gz,
            &self.bytes,
            max_file_size,
        ))
    }
}

/// Loads and parses `file` ([`load`], then [`Loaded::parse`]).
pub fn read(file: &SourceFile, max_file_size: u64) -> Result<Option<Parsed>, Skip> {
    Ok(load(file, max_file_size)?.parse(max_file_size))
}

/// Analyses `records` of `file` in parallel and hands each to `sink` as soon as it is done,
/// so extraction overlaps what the sink does and a big file is never held analysed in
/// memory. Returns the sink's items in the order of `records`; the first error stops it.
pub fn extract<S: Sink, R: std::borrow::Borrow<Record> + Sync>(
    sink: &S,
    file: &SourceFile,
    records: &[R],
) -> Result<Vec<S::Item>> {
    records
        .par_iter()
        .map(|record| {
            let record = record.borrow();
            sink.record(file, record, extract::analyze(record))
        })
        .collect()
}

/// Runs the whole pipeline over `scope` for a sink that takes every record of every file:
/// walked in order, each file read and its records extracted, then `done` called with the
/// file's items in record order. Skips (walking, reading, parsing) go to `skipped` as they
/// are met; a root that does not exist is an error, and so is the first error of `done`.
pub fn run<S: Sink, E: From<Error>>(
    scope: Scope,
    max_file_size: u64,
    sink: &S,
    mut skipped: impl FnMut(Skip),
    mut done: impl FnMut(Vec<S::Item>) -> Result<(), E>,
) -> Result<(), E> {
    let (files, skips) = scope.walk()?;
    skips.into_iter().for_each(&mut skipped);
    for file in &files {
        let parsed = match read(file, max_file_size) {
            Ok(Some(parsed)) => parsed,
            Ok(None) => continue,
            Err(skip) => {
                skipped(skip);
                continue;
            }
        };
        parsed.skips.into_iter().for_each(&mut skipped);
        done(extract(sink, file, &parsed.records)?)?;
    }
    Ok(())
}
