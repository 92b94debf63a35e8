//! The incremental indexer: walks the paths, reads only new or changed files, replaces
//! their articles by id, removes articles of files that disappeared, and commits once.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHasher;
use serde::Serialize;
use tantivy::schema::Field;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use crate::article::{Analysis, Record};
use crate::error::{Error, Param, Result};
use crate::index::document;
use crate::index::manifest::{self, FileState};
use crate::index::schema::{Fields, KIND_ARTICLE, KIND_QUOTE};
use crate::index::swap::WorkDir;
use crate::index::{Store, cleanup};
use crate::ingest::{self, Skip, SourceFile};
use crate::pipeline;
pub use crate::pipeline::Scope;

/// How to run an update.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// Re-read every file, even unchanged ones.
    pub full: bool,
    /// Files larger than this many bytes (compressed or not) are skipped.
    pub max_file_size: u64,
    /// Wait this long for another writer to release the lock; `None` fails at once.
    pub wait: Option<Duration>,
    /// Threads for extraction and for tantivy's writer (each side gets this many).
    pub threads: Threads,
    /// tantivy's indexing memory budget, shared by its threads.
    pub memory: MemoryBudget,
}

/// tantivy's floor for the memory budget of one indexing thread, in MB.
pub const MIN_MEMORY_MB_PER_THREAD: u16 = 15;

/// tantivy's floor for the memory budget of one indexing thread, in bytes.
pub const MIN_MEMORY_PER_THREAD: usize = MIN_MEMORY_MB_PER_THREAD as usize * 1_000_000;

/// A number of threads: at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threads(std::num::NonZeroUsize);

impl Threads {
    /// `n` threads; none is an error.
    pub fn new(n: usize) -> Result<Self> {
        std::num::NonZeroUsize::new(n)
            .map(Threads)
            .ok_or_else(|| Error::Invalid {
                what: Param::Threads,
                message: "must be at least 1".into(),
            })
    }

    /// One thread per core of the machine.
    pub fn cores() -> Self {
        Threads(std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN))
    }

    /// The number of threads.
    pub fn get(self) -> usize {
        self.0.get()
    }
}

/// tantivy's indexing memory budget in bytes: at least [`MIN_MEMORY_PER_THREAD`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryBudget(usize);

impl MemoryBudget {
    /// A budget of `mb` megabytes (10^6 bytes); under one thread's floor is an error.
    pub fn from_mb(mb: u64) -> Result<Self> {
        let bytes = usize::try_from(mb.saturating_mul(1_000_000)).unwrap_or(usize::MAX);
        if bytes < MIN_MEMORY_PER_THREAD {
            return Err(Error::Invalid {
                what: Param::Memory,
                message: format!(
                    "must be at least {MIN_MEMORY_MB_PER_THREAD} MB (tantivy's floor for one indexing thread)"
                ),
            });
        }
        Ok(MemoryBudget(bytes))
    }

    /// The budget in bytes.
    pub fn bytes(self) -> usize {
        self.0
    }
}

/// What a run changed. Counts are of files; `articles`/`quotes` are index totals after it.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Files new to the index.
    pub added: u64,
    /// Files that changed, their articles replaced.
    pub updated: u64,
    /// Indexed files that are gone, their articles removed.
    pub removed: u64,
    /// Files unchanged since the last run.
    pub unchanged: u64,
    /// Files whose content was read this run (new, changed, or touched to be hashed).
    pub read: u64,
    /// What was not indexed, and why.
    pub skipped: Vec<Skip>,
    /// Articles in the index after the run.
    pub articles: u64,
    /// Quotes in the index after the run.
    pub quotes: u64,
    /// How long the run took.
    pub seconds: f64,
    /// The index was damaged and has been built afresh from the archive (`--full`).
    pub rebuilt: bool,
}

/// Progress callbacks (the CLI draws a bar; the library stays silent).
pub trait Progress: Sync {
    /// The run will read up to `files` files of `bytes` bytes in all.
    fn start(&self, _files: u64, _bytes: u64) {}
    /// A file of `bytes` bytes is done, with `articles` articles.
    fn advance(&self, _bytes: u64, _articles: u64) {}
    /// The run is over.
    fn finish(&self) {}
}

/// A progress sink that shows nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// What happened to one file this run.
enum Outcome {
    Unchanged,
    /// Content unchanged but metadata moved (e.g. `touch`): only the manifest entry is rewritten.
    Touched,
    Indexed {
        new: bool,
    },
    /// Read but yielded no article (binary, empty…): tracked so it is not re-read.
    Empty {
        new: bool,
    },
    /// Could not be read: the committed state is kept.
    Unreadable,
}

fn acquire_writer(store: &Store, opts: &UpdateOptions) -> Result<IndexWriter> {
    let deadline = opts.wait.map(|w| Instant::now() + w);
    // More writer threads than the budget feeds would each get less than tantivy's floor.
    let memory = opts.memory.bytes();
    let threads = opts
        .threads
        .get()
        .clamp(1, (memory / MIN_MEMORY_PER_THREAD).max(1));
    loop {
        match store.index.writer_with_num_threads(threads, memory) {
            Ok(w) => return Ok(w),
            Err(tantivy::TantivyError::LockFailure(..)) => match deadline {
                Some(d) if Instant::now() < d => std::thread::sleep(Duration::from_millis(200)),
                _ => return Err(Error::Locked(store.dir.clone())),
            },
            Err(e) => return Err(e.into()),
        }
    }
}

fn under_any_root(key: &str, roots: &[String]) -> bool {
    roots.iter().any(|r| {
        key == r || (key.starts_with(r.as_str()) && key.as_bytes().get(r.len()) == Some(&b'/'))
    })
}

/// The files and skips that are not inside the index directories `dirs` (the index written,
/// and the one a rebuild replaces): with the index inside the archive (`newsdex index arch
/// --index arch/idx`) its own files are never articles.
fn outside_index(
    dirs: &[&Path],
    mut files: Vec<SourceFile>,
    mut skips: Vec<Skip>,
) -> (Vec<SourceFile>, Vec<Skip>) {
    let index: Vec<String> = dirs
        .iter()
        .filter_map(|d| d.canonicalize().ok())
        .map(|d| ingest::walk::path_text(&d))
        .collect();
    if index.is_empty() {
        return (files, skips);
    }
    files.retain(|f| !under_any_root(&f.key, &index));
    skips.retain(|s| {
        !Path::new(&s.path)
            .canonicalize()
            .is_ok_and(|p| under_any_root(&ingest::walk::path_text(&p), &index))
    });
    (files, skips)
}

/// Indexes `roots` into `store`: the periodic, incremental re-index.
pub fn update(
    store: &Store,
    roots: &[PathBuf],
    opts: &UpdateOptions,
    progress: &dyn Progress,
) -> Result<Summary> {
    Scope::Roots(roots).exists()?;
    run_update(store, Scope::Roots(roots), opts, progress, None)
}

/// Indexes exactly `files` into `store` (`newsdex index --files-from`, one shard of a
/// distributed build): the list is the index's whole set, so an indexed file no longer
/// listed is removed, and a listed file that does not exist is skipped (and removed).
pub fn update_files(
    store: &Store,
    files: &[PathBuf],
    opts: &UpdateOptions,
    progress: &dyn Progress,
) -> Result<Summary> {
    run_update(store, Scope::Files(files), opts, progress, None)
}

/// Builds the index in `dir` afresh from `scope` in a folder beside it and swaps it in once
/// committed (`newsdex index --full` on a damaged index): until then `dir` stays as it was,
/// and a run that fails or is killed leaves it so. Saved searches carry over.
pub fn rebuild(
    dir: &Path,
    scope: Scope,
    opts: &UpdateOptions,
    progress: &dyn Progress,
) -> Result<Summary> {
    scope.exists()?;
    let work = WorkDir::beside(dir, "rebuild")?;
    let store = Store::open_or_create(&work.path)?;
    let mut summary = run_update(&store, scope, opts, progress, Some(dir))?;
    drop(store);
    work.swap_in()?;
    summary.rebuilt = true;
    Ok(summary)
}

/// The paths of a file list: one a line, blank lines ignored, a trailing `\r` dropped.
pub fn parse_file_list(bytes: &[u8]) -> Vec<PathBuf> {
    bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(path_of_bytes)
        .collect()
}

#[cfg(unix)]
fn path_of_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// `replaces`: the index a rebuild into `store` will replace, kept out of the walk too.
fn run_update(
    store: &Store,
    scope: Scope,
    opts: &UpdateOptions,
    progress: &dyn Progress,
    replaces: Option<&Path>,
) -> Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.get())
        .build()
        .map_err(|e| Error::Invalid {
            what: Param::Threads,
            message: e.to_string(),
        })?;
    pool.install(|| update_on_pool(store, scope, opts, progress, started, replaces))
}

fn update_on_pool(
    store: &Store,
    scope: Scope,
    opts: &UpdateOptions,
    progress: &dyn Progress,
    started: Instant,
    replaces: Option<&Path>,
) -> Result<Summary> {
    let mut writer = acquire_writer(store, opts)?;
    // A run that failed or was killed may have left files no commit refers to.
    cleanup::collect_garbage(&writer, &store.dir);
    let reader = store.reader()?;
    let exclude: Vec<&Path> = std::iter::once(store.dir.as_path())
        .chain(replaces)
        .collect();
    let written = write_and_commit(store, scope, opts, progress, &mut writer, &reader, &exclude);
    progress.finish();
    let mut summary = match written {
        Ok(s) => s,
        Err(e) => {
            cleanup::discard_run(&mut writer, &store.dir);
            return Err(e.while_writing(&store.dir));
        }
    };
    writer.wait_merging_threads()?;
    reader.reload()?;
    let searcher = reader.searcher();
    summary.articles = store.count_kind(&searcher, KIND_ARTICLE)?;
    summary.quotes = store.count_kind(&searcher, KIND_QUOTE)?;
    // The archive-wide name tables (identities of speakers and entities), so each search
    // process reads one file. Only when the segments moved (any change, even a manifest-only
    // touch) or the tables were saved by a binary of other sources (its grouping rules may
    // differ): otherwise they still match. A failure only costs speed: search builds them from
    // the documents.
    if !crate::index::names::name_tables_are_current(store, &searcher) {
        let _ = crate::index::names::rebuild_name_tables(store, &searcher);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Everything of a run up to and including its commit; an error leaves the writer's work to
/// be discarded.
fn write_and_commit(
    store: &Store,
    scope: Scope,
    opts: &UpdateOptions,
    progress: &dyn Progress,
    writer: &mut IndexWriter,
    reader: &tantivy::IndexReader,
    exclude: &[&Path],
) -> Result<Summary> {
    let known = manifest::load(store, &reader.searcher())?;
    let (files, walk_skips) = scope.walk()?;
    let (files, walk_skips) = outside_index(exclude, files, walk_skips);

    let root_keys: Vec<String> = match scope {
        Scope::Roots(roots) => roots
            .iter()
            .filter_map(|r| r.canonicalize().ok())
            .map(|r| ingest::walk::path_text(&r))
            .collect(),
        Scope::Files(_) => Vec::new(),
    };
    let in_scope = |key: &str| matches!(scope, Scope::Files(_)) || under_any_root(key, &root_keys);
    let present: HashSet<&str> = files.iter().map(|f| f.key.as_str()).collect();
    let f = store.fields;
    let mut summary = Summary {
        skipped: walk_skips,
        ..Summary::default()
    };
    let mut gone: Vec<&str> = Vec::new();
    for key in known.keys() {
        if !present.contains(key.as_str()) && in_scope(key) {
            writer.delete_term(Term::from_field_text(f.file, key));
            writer.delete_term(Term::from_field_text(f.manifest, key));
            summary.removed += 1;
            gone.push(key);
        }
    }

    let total_bytes: u64 = files.iter().map(|f| f.size).sum();
    progress.start(files.len() as u64, total_bytes);
    let before = reader.searcher();
    let run = Run {
        store,
        writer: &*writer,
        ids: KnownIds::new(&before, f.id),
        opts,
        skips: Mutex::new(Vec::new()),
        progress,
    };
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|file| {
            index_file(&run, file, known.get(&file.key)).unwrap_or_else(|e| {
                push(&run.skips, Skip::new(&file.display, e.to_string()));
                Outcome::Unreadable
            })
        })
        .collect();
    // Files re-read whose earlier articles were deleted, as were those of removed files.
    gone.extend(
        files
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| {
                matches!(
                    o,
                    Outcome::Indexed { new: false } | Outcome::Empty { new: false }
                )
            })
            .map(|(file, _)| file.key.as_str()),
    );
    restore_shadowed(&run, &before, &known, &files, &outcomes, &gone)?;
    let skips = run.skips;
    for o in &outcomes {
        if matches!(
            o,
            Outcome::Touched | Outcome::Indexed { .. } | Outcome::Empty { .. }
        ) {
            summary.read += 1;
        }
        match *o {
            Outcome::Unchanged | Outcome::Touched => summary.unchanged += 1,
            Outcome::Indexed { new: true } => summary.added += 1,
            Outcome::Indexed { new: false } => summary.updated += 1,
            // A known file that no longer yields articles lost them: an update.
            Outcome::Empty { new: false } => summary.updated += 1,
            Outcome::Empty { new: true } | Outcome::Unreadable => {}
        }
    }
    summary
        .skipped
        .extend(skips.into_inner().unwrap_or_default());

    writer.commit()?;
    Ok(summary)
}

/// Gives back the articles whose id one file shares with another. Of two files with a record
/// of one id, the index keeps the one read last: the other file's article was replaced (it is
/// *shadowed*: fewer live articles than its manifest's records). When the file read last is
/// removed or re-read without that id, its article goes, so a shadowed file that is not re-read
/// this run gives back its records of the ids that went and that no file added again.
fn restore_shadowed(
    run: &Run,
    before: &Searcher,
    known: &HashMap<String, FileState>,
    files: &[SourceFile],
    outcomes: &[Outcome],
    gone: &[&str],
) -> Result<()> {
    if gone.is_empty() {
        return Ok(());
    }
    let f = run.store.fields;
    let live = live_articles_per_file(before, f.kind)?;
    let shadowed: Vec<&SourceFile> = files
        .iter()
        .zip(outcomes)
        .filter(|(_, o)| matches!(o, Outcome::Unchanged | Outcome::Touched))
        .filter(|(file, _)| {
            known
                .get(&file.key)
                .is_some_and(|k| k.records > live.get(&file.key).copied().unwrap_or(0))
        })
        .map(|(file, _)| file)
        .collect();
    if shadowed.is_empty() {
        return Ok(());
    }
    let went = article_ids_of(before, f, gone)?;
    let added = run.ids.added.lock().unwrap_or_else(PoisonError::into_inner);
    let missing: HashSet<String> = went
        .into_iter()
        .filter(|id| !added.contains(&xxhash_rust::xxh3::xxh3_64(id.as_bytes())))
        .collect();
    drop(added);
    if missing.is_empty() {
        return Ok(());
    }
    let restored = Mutex::new(HashSet::new());
    shadowed.par_iter().try_for_each(|file| -> Result<()> {
        let Ok(Some(parsed)) = pipeline::read(file, run.opts.max_file_size) else {
            return Ok(());
        };
        let claimed: Vec<&Record> = last_per_id(&parsed.records)
            .into_iter()
            .filter(|record| {
                missing.contains(&record.id)
                    && restored
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(record.id.clone())
            })
            .collect();
        pipeline::extract(run, file, &claimed)?;
        Ok(())
    })
}

/// Live article documents per file key.
fn live_articles_per_file(searcher: &Searcher, kind: Field) -> Result<HashMap<String, u64>> {
    let articles = searcher.search(
        &tantivy::query::TermQuery::new(
            Term::from_field_text(kind, KIND_ARTICLE),
            tantivy::schema::IndexRecordOption::Basic,
        ),
        &tantivy::collector::DocSetCollector,
    )?;
    let mut per_ord: HashMap<(u32, u64), u64> = HashMap::new();
    let mut columns = HashMap::new();
    for addr in articles {
        let segment = searcher.segment_reader(addr.segment_ord);
        let column = match columns.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(segment.fast_fields().str("file")?)
            }
        };
        if let Some(ord) = column
            .as_ref()
            .and_then(|c| c.term_ords(addr.doc_id).next())
        {
            *per_ord.entry((addr.segment_ord, ord)).or_default() += 1;
        }
    }
    let mut out = HashMap::new();
    let mut key = String::new();
    for ((segment, ord), n) in per_ord {
        key.clear();
        if let Some(Some(column)) = columns.get(&segment)
            && column.ord_to_str(ord, &mut key)?
        {
            *out.entry(key.clone()).or_default() += n;
        }
    }
    Ok(out)
}

/// The ids of the live articles of the files `keys`.
fn article_ids_of(searcher: &Searcher, f: Fields, keys: &[&str]) -> Result<Vec<String>> {
    use tantivy::schema::{IndexRecordOption, Value};
    let mut ids = Vec::new();
    for key in keys {
        let query = tantivy::query::BooleanQuery::intersection(vec![
            Box::new(tantivy::query::TermQuery::new(
                Term::from_field_text(f.file, key),
                IndexRecordOption::Basic,
            )),
            Box::new(tantivy::query::TermQuery::new(
                Term::from_field_text(f.kind, KIND_ARTICLE),
                IndexRecordOption::Basic,
            )),
        ]);
        for addr in searcher.search(&query, &tantivy::collector::DocSetCollector)? {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
    }
    Ok(ids)
}

/// The records of one file with each id once: the last record of an id wins, as it would
/// if they were indexed one after the other.
fn last_per_id(records: &[Record]) -> Vec<&Record> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        last.insert(r.id.as_str(), i);
    }
    records
        .iter()
        .enumerate()
        .filter(|(i, r)| last.get(r.id.as_str()) == Some(i))
        .map(|(_, r)| r)
        .collect()
}

/// The article ids a new record may replace: those of the index before this run, and those
/// added during it. A record whose id is in neither needs no delete: tantivy keeps every
/// pending delete as a term query with a 1 KB scoring table until the commit, so deleting
/// each new id of a million-article build held over a gigabyte.
struct KnownIds<'a> {
    before: &'a Searcher,
    field: Field,
    /// Hashes of the ids added in this run (a collision only costs a needless delete).
    added: Mutex<HashSet<u64, BuildHasherDefault<FxHasher>>>,
}

impl<'a> KnownIds<'a> {
    fn new(before: &'a Searcher, field: Field) -> Self {
        KnownIds {
            before,
            field,
            added: Mutex::default(),
        }
    }

    /// Runs `add` for a record with `id`, telling it whether an earlier document may carry
    /// the id. One record at a time: an earlier record's documents are added before a later
    /// one deletes its id, so of two records with one id exactly the last stays.
    fn add_record(&self, id: &str, add: impl FnOnce(bool) -> Result<()>) -> Result<()> {
        let mut added = self.added.lock().unwrap_or_else(PoisonError::into_inner);
        let first = added.insert(xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
        let replaces = !first
            || self
                .before
                .doc_freq(&Term::from_field_text(self.field, id))?
                > 0;
        add(replaces)
    }
}

fn push(skips: &Mutex<Vec<Skip>>, skip: Skip) {
    if let Ok(mut s) = skips.lock() {
        s.push(skip);
    }
}

/// What every file of one update shares.
struct Run<'a> {
    store: &'a Store,
    writer: &'a IndexWriter,
    ids: KnownIds<'a>,
    opts: &'a UpdateOptions,
    skips: Mutex<Vec<Skip>>,
    progress: &'a dyn Progress,
}

/// The writer as the pipeline's sink: each record's article and quotes are added, replacing
/// any earlier article of its id.
impl pipeline::Sink for Run<'_> {
    type Item = ();

    fn record(&self, file: &SourceFile, record: &Record, analysis: Analysis) -> Result<()> {
        add_record_docs(self, file, record, &analysis)
    }
}

fn add_record_docs(
    run: &Run,
    file: &SourceFile,
    record: &Record,
    analysis: &Analysis,
) -> Result<()> {
    let f = run.store.fields;
    let article = document::article(&f, &file.key, record, analysis);
    let entities = document::Entities::new(&analysis.entities);
    run.ids.add_record(&record.id, |replaces| {
        // The same id in another file (or an earlier run): this record replaces it.
        if replaces {
            run.writer
                .delete_term(Term::from_field_text(f.id, &record.id));
        }
        run.writer.add_document(article)?;
        // Each quote's document is made as it is added: a long document's would not all fit.
        for q in &analysis.quotes {
            let doc = document::quote(&f, &file.key, record, analysis, &entities, q);
            run.writer.add_document(doc)?;
        }
        Ok(())
    })
}

fn index_file(run: &Run, file: &SourceFile, known: Option<&FileState>) -> Result<Outcome> {
    let Run {
        store,
        writer,
        opts,
        skips,
        progress,
        ..
    } = run;
    let f = store.fields;
    if let Some(k) = known
        && !opts.full
        && k.size == file.size
        && k.mtime_ns == file.mtime_ns
    {
        progress.advance(file.size, 0);
        return Ok(Outcome::Unchanged);
    }
    let loaded = match pipeline::load(file, opts.max_file_size) {
        Ok(l) => l,
        Err(skip) => {
            push(skips, skip);
            progress.advance(file.size, 0);
            return Ok(Outcome::Unreadable);
        }
    };
    let mut state = FileState {
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash: loaded.hash(),
        records: 0,
    };
    // A file new to the index has no documents to delete, and a pending delete holds about
    // 1 KB until the commit (see `KnownIds`): two per new file add up over many small files.
    let replace_manifest = |state: FileState, skip: Option<&str>| -> Result<()> {
        if known.is_some() {
            writer.delete_term(Term::from_field_text(f.manifest, &file.key));
        }
        writer.add_document(document::file(&f, &file.key, &file.display, state, skip))?;
        Ok(())
    };
    if let Some(k) = known
        && !opts.full
        && k.hash == state.hash
    {
        state.records = k.records;
        replace_manifest(state, None)?;
        progress.advance(file.size, 0);
        return Ok(Outcome::Touched);
    }
    let Some(parsed) = loaded.parse(opts.max_file_size) else {
        return Ok(Outcome::Unchanged);
    };
    let first_skip = parsed.skips.first().map(|s| s.reason.clone());
    for s in parsed.skips {
        push(skips, s);
    }
    if known.is_some() {
        writer.delete_term(Term::from_field_text(f.file, &file.key));
    }
    // Each record is handed to tantivy's writer threads as soon as it is extracted.
    let records = last_per_id(&parsed.records);
    pipeline::extract(run, file, &records)?;
    let n = records.len() as u64;
    progress.advance(file.size, n);
    state.records = n;
    if n == 0 {
        replace_manifest(state, first_skip.as_deref().or(Some("no articles")))?;
        return Ok(Outcome::Empty {
            new: known.is_none(),
        });
    }
    replace_manifest(state, None)?;
    Ok(Outcome::Indexed {
        new: known.is_none(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, body: &str) -> Record {
        Record {
            id: id.into(),
            body: body.into(),
            ..Record::default()
        }
    }

    #[test]
    fn last_record_of_an_id_wins_and_order_is_kept() {
        let records = [
            record("a", "first a"),
            record("b", "only b"),
            record("a", "second a"),
            record("c", "only c"),
        ];
        let kept: Vec<&str> = last_per_id(&records)
            .iter()
            .map(|r| r.body.as_str())
            .collect();
        assert_eq!(kept, ["only b", "second a", "only c"]);
    }
}
