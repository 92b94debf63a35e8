//! The archive-wide name table of one exact-name field (`speaker_key`, `entity_key`): every
//! canonical name the index holds, grouped into identities ([`identity`]) with their counts, so
//! that search resolves "Putin" or "putin's" to the person the archive knows, filters on all of
//! an identity's aliases, and counts identities, never from a fixed list. Written by the index
//! writer after each commit that changed something ([`rebuild_name_tables`]); search only
//! reads it.

use std::path::Path;

use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED, Term};

use crate::error::{Error, Result};
use crate::index::identity;
use crate::index::schema::{KIND_ARTICLE, KIND_QUOTE};
use crate::index::{Problem, Store};

/// Canonical names of one field grouped into identities, with lookups by full name and by
/// surname.
///
/// Kept as one flat table (sorted fixed-width entries over a string blob) so that it can be
/// saved next to the index by the writer and used straight from the bytes at the next
/// process start: a search process then maps one file instead of streaming every name out
/// of the term dictionaries and grouping them. The file is memory-mapped, so a query touches
/// only the pages its binary searches visit.
#[derive(Debug)]
pub struct Names {
    table: OwnedBytes,
}

impl Default for Names {
    fn default() -> Self {
        Names::build(&[], &[], &[], &[], 0)
    }
}

/// An identity: its canonical name and how often the archive has it (quotes for speakers,
/// articles for entities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity<'a> {
    /// The canonical name.
    pub name: &'a str,
    /// Quotes (for a speaker) or articles (for an entity) that have it.
    pub count: u64,
}

const MAGIC: &[u8; 8] = b"NXNAMES2";
const HEADER: usize = 32;
const NAME_ENTRY: usize = 16;
const KEY_ENTRY: usize = 12;
const IDENTITY_ENTRY: usize = 16;

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let bytes: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes) as usize)
}

fn push_u32(out: &mut Vec<u8>, v: usize) {
    out.extend((v.min(u32::MAX as usize) as u32).to_le_bytes());
}

/// The table file of one field, in the index folder (not a tantivy-managed file).
pub fn cache_name(searcher: &Searcher, field: Field) -> String {
    format!(
        "newsdex-names-{}.cache",
        searcher.schema().get_field_name(field)
    )
}

/// Fingerprint of the sources and models this binary is built from (`build.rs`): the grouping
/// rules, their word lists and the tagger that reads names as people's. A table saved by a
/// binary of other sources is stale, so `index` rebuilds it.
const SOURCE_HASH: &str = env!("NEWSDEX_SOURCE_HASH");

/// Identifies what a table was built from: segments and their deletes, and the sources
/// ([`SOURCE_HASH`]).
fn state_key(searcher: &Searcher, field: Field) -> u64 {
    state_key_of(SOURCE_HASH, searcher, field)
}

fn state_key_of(sources: &str, searcher: &Searcher, field: Field) -> u64 {
    let mut s = format!("{sources}|{}|", field.field_id());
    for seg in searcher.segment_readers() {
        s.push_str(&format!(
            "{}:{}:{}|",
            seg.segment_id().uuid_string(),
            seg.max_doc(),
            seg.num_deleted_docs()
        ));
    }
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// Which table a name field is: speakers or entities.
fn table_of(searcher: &Searcher, field: Field) -> identity::Table {
    if searcher.schema().get_field_name(field) == "speaker_key" {
        identity::Table::Speakers
    } else {
        identity::Table::Entities
    }
}

/// The two scans both name tables are built from, each read once: speaker names with the
/// quotes that carry them (what speakers are counted by), entity names with the articles
/// (what entities are counted by, and which articles name a person at all).
struct Scans {
    speaker_quotes: Vec<(String, Vec<DocRef>)>,
    entity_articles: Vec<(String, Vec<DocRef>)>,
}

impl Scans {
    fn read(searcher: &Searcher, kind_field: Field) -> Result<Scans> {
        let schema = searcher.schema();
        Ok(Scans {
            speaker_quotes: scan(
                searcher,
                schema.get_field("speaker_key")?,
                kind_field,
                KIND_QUOTE,
            )?,
            entity_articles: scan(
                searcher,
                schema.get_field("entity_key")?,
                kind_field,
                KIND_ARTICLE,
            )?,
        })
    }
}

/// How many elements two sorted lists have in common.
fn common_elements(x: &[DocRef], y: &[DocRef]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(a), Some(b)) = (x.get(i), y.get(j)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A set of document ids of one segment.
struct DocBits(Vec<u64>);

impl DocBits {
    fn new(max_doc: u32) -> Self {
        DocBits(vec![0; (max_doc as usize).div_ceil(64)])
    }
    fn insert(&mut self, d: u32) {
        if let Some(w) = self.0.get_mut(d as usize / 64) {
            *w |= 1 << (d % 64);
        }
    }
    fn contains(&self, d: u32) -> bool {
        self.0
            .get(d as usize / 64)
            .is_some_and(|w| w & (1 << (d % 64)) != 0)
    }
}

/// A document: segment ordinal and doc id.
type DocRef = (u32, u32);

/// Every distinct value of an exact-name field with the live documents of `kind` that carry
/// it (sorted by name), and for each value those documents as (segment, doc), in order.
fn scan(
    searcher: &Searcher,
    field: Field,
    kind_field: Field,
    kind: &str,
) -> Result<Vec<(String, Vec<DocRef>)>> {
    let mut all: std::collections::BTreeMap<String, Vec<DocRef>> = Default::default();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let mut of_kind = DocBits::new(segment.max_doc());
        let kinds = segment.inverted_index(kind_field)?;
        if let Some(mut postings) = kinds.read_postings(
            &Term::from_field_text(kind_field, kind),
            IndexRecordOption::Basic,
        )? {
            while postings.doc() != TERMINATED {
                of_kind.insert(postings.doc());
                postings.advance();
            }
        }
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let Ok(name) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let mut postings =
                inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            let docs = all.entry(name.to_string()).or_default();
            while postings.doc() != TERMINATED {
                let d = postings.doc();
                if of_kind.contains(d) && alive.is_none_or(|a| a.is_alive(d)) {
                    docs.push((ord as u32, d));
                }
                postings.advance();
            }
        }
    }
    Ok(all.into_iter().collect())
}

/// What the entity tagger knows about names: whether one read alone is a person, which
/// words are common in lower case (its word clusters are learnt from lower-cased text), the
/// first names of its gender list, and which words its gazetteer knows as places or
/// organisations only.
pub struct TaggerKnowledge;

impl identity::Knowledge for TaggerKnowledge {
    fn is_person(&self, name: &str) -> bool {
        let Some(m) = crate::extract::ner::model() else {
            return true;
        };
        let tokens = crate::extract::token::tokenize(name);
        matches!(
            crate::extract::ner::tag_with(m, name, &tokens).as_slice(),
            [(span, crate::article::EntityKind::Person)] if span.start == 0 && span.end == name.len()
        )
    }

    /// A word the tagger has met in lower case ("black", "claim", "marine"), unless news
    /// nearly always writes it with a capital: "Trump" is a name, though "trump" is a word.
    fn is_common_word(&self, word: &str) -> bool {
        use crate::extract::ner::{UsualCase, usual_case};
        self.is_known_word(word) && usual_case(word) != Some(UsualCase::Capitalised)
    }

    fn is_known_word(&self, word: &str) -> bool {
        crate::extract::ner::model()
            .is_some_and(|m| m.lex.clusters.contains_key(&word.to_lowercase()))
    }

    fn is_first_name(&self, word: &str) -> bool {
        crate::extract::quotes::first_name_feminine(word).is_some()
    }

    fn is_other_name(&self, word: &str) -> bool {
        crate::extract::ner::names_no_person(word)
    }
}

/// The tagger's knowledge, corrected by the archive: a word someone was quoted under alone
/// ("Pence") is no common word, though the tagger met it in lower case.
struct ArchiveKnowledge<'a> {
    quoted_alone: std::collections::HashSet<&'a str>,
}

impl identity::Knowledge for ArchiveKnowledge<'_> {
    fn is_person(&self, name: &str) -> bool {
        TaggerKnowledge.is_person(name)
    }

    fn is_common_word(&self, word: &str) -> bool {
        TaggerKnowledge.is_common_word(word) && !self.quoted_alone.contains(word)
    }

    fn is_known_word(&self, word: &str) -> bool {
        TaggerKnowledge.is_known_word(word)
    }

    fn is_first_name(&self, word: &str) -> bool {
        TaggerKnowledge.is_first_name(word)
    }

    fn is_other_name(&self, word: &str) -> bool {
        TaggerKnowledge.is_other_name(word)
    }
}

impl Names {
    /// Builds the table of `field` from the index's documents.
    fn from_index(searcher: &Searcher, field: Field, kind_field: Field) -> Result<Names> {
        Ok(Names::from_scans(
            searcher,
            field,
            &Scans::read(searcher, kind_field)?,
        ))
    }

    /// Builds the table of `field` from the two scans of the index.
    fn from_scans(searcher: &Searcher, field: Field, scans: &Scans) -> Names {
        let table = table_of(searcher, field);
        let scanned = match table {
            identity::Table::Speakers => &scans.speaker_quotes,
            identity::Table::Entities => &scans.entity_articles,
        };
        let names: Vec<String> = scanned.iter().map(|(n, _)| n.clone()).collect();
        let counts: Vec<u64> = scanned.iter().map(|(_, d)| d.len() as u64).collect();
        // The articles that name each as an entity (a speaker's name is an entity's too).
        let named = &scans.entity_articles;
        let articles_of = |name: &str| {
            named
                .binary_search_by(|(n, _)| n.as_str().cmp(name))
                .ok()
                .map(|k| named[k].1.as_slice())
        };
        let shared = |a: usize, b: usize| match (articles_of(&names[a]), articles_of(&names[b])) {
            (Some(x), Some(y)) => common_elements(x, y),
            _ => 0,
        };
        // Words someone was quoted under alone: a surname, whatever else the word means.
        let quoted_alone: std::collections::HashSet<&str> = match table {
            identity::Table::Entities => scans
                .speaker_quotes
                .iter()
                .filter(|(name, docs)| !docs.is_empty() && !name.contains(' '))
                .map(|(name, _)| name.as_str())
                .collect(),
            identity::Table::Speakers => Default::default(),
        };
        let reps = identity::identities(
            &names,
            &counts,
            &ArchiveKnowledge { quoted_alone },
            table,
            &shared,
        );
        // An identity's count: the documents carrying any of its names, each once.
        let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (i, r) in reps.iter().enumerate() {
            members.entry(*r).or_default().push(i);
        }
        let mut identity_counts = vec![0u64; names.len()];
        for (rep, m) in &members {
            identity_counts[*rep] = if let [only] = m.as_slice() {
                counts[*only]
            } else {
                let mut docs: Vec<DocRef> = m
                    .iter()
                    .flat_map(|&i| scanned[i].1.iter().copied())
                    .collect();
                docs.sort_unstable();
                docs.dedup();
                docs.len() as u64
            };
        }
        Names::build(
            &names,
            &counts,
            &reps,
            &identity_counts,
            state_key(searcher, field),
        )
    }

    /// A table of the given names, each its own identity (tests and tools).
    pub fn from_names(names: Vec<String>) -> Names {
        let mut names = names;
        names.sort();
        names.dedup();
        let ones = vec![1; names.len()];
        let reps: Vec<usize> = (0..names.len()).collect();
        Names::build(&names, &ones, &reps, &ones, 0)
    }

    /// A table of the given names and counts, grouped into identities as an index's are.
    pub fn from_counts(list: &[(&str, u64)]) -> Names {
        let mut list: Vec<(String, u64)> = list.iter().map(|(n, c)| (n.to_string(), *c)).collect();
        list.sort();
        list.dedup_by(|a, b| a.0 == b.0);
        let names: Vec<String> = list.iter().map(|(n, _)| n.clone()).collect();
        let counts: Vec<u64> = list.iter().map(|(_, c)| *c).collect();
        let reps = identity::identities(
            &names,
            &counts,
            &TaggerKnowledge,
            identity::Table::Entities,
            &|_, _| 0,
        );
        let mut identity_counts = vec![0u64; names.len()];
        for (i, r) in reps.iter().enumerate() {
            identity_counts[*r] += counts[i];
        }
        Names::build(&names, &counts, &reps, &identity_counts, 0)
    }

    /// Lays out the table: `names` sorted, `reps[i]` the index of name i's identity name,
    /// `identity_counts[r]` the count of the identity named by r.
    fn build(
        names: &[String],
        counts: &[u64],
        reps: &[usize],
        identity_counts: &[u64],
        key: u64,
    ) -> Names {
        // Identities in name order of their canonical names.
        let mut roots: Vec<usize> = reps.to_vec();
        roots.sort_unstable();
        roots.dedup();
        let id_of = |r: usize| roots.binary_search(&r).unwrap_or(0);
        let mut grouped: Vec<(usize, usize)> = reps
            .iter()
            .enumerate()
            .map(|(i, r)| (id_of(*r), i))
            .collect();
        grouped.sort_unstable();
        let mut full: Vec<(String, usize)> = Vec::new();
        let mut last: Vec<(String, usize)> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let lower = n.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            // Surnames come from person-like names of two or three words, not from long
            // phrases a tagger took for a name.
            if (2..=3).contains(&words.len())
                && let Some(w) = words.last()
                && w.chars().count() >= 3
            {
                last.push((w.to_string(), i));
            }
            full.push((lower, i));
        }
        full.sort();
        last.sort();
        let mut blob: Vec<u8> = Vec::new();
        let mut index: Vec<u8> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            push_u32(&mut index, blob.len());
            push_u32(&mut index, n.len());
            push_u32(&mut index, id_of(reps[i]));
            push_u32(&mut index, counts[i] as usize);
            blob.extend(n.as_bytes());
        }
        for list in [&full, &last] {
            for (k, i) in list {
                push_u32(&mut index, blob.len());
                push_u32(&mut index, k.len());
                push_u32(&mut index, *i);
                blob.extend(k.as_bytes());
            }
        }
        let mut first = 0;
        for (id, &r) in roots.iter().enumerate() {
            let n = grouped[first..]
                .iter()
                .take_while(|(g, _)| *g == id)
                .count();
            push_u32(&mut index, r);
            push_u32(&mut index, first);
            push_u32(&mut index, n);
            push_u32(&mut index, identity_counts[r] as usize);
            first += n;
        }
        for (_, i) in &grouped {
            push_u32(&mut index, *i);
        }
        let mut table = Vec::with_capacity(HEADER + index.len() + blob.len());
        table.extend(MAGIC);
        table.extend(key.to_le_bytes());
        for n in [names.len(), full.len(), last.len(), roots.len()] {
            push_u32(&mut table, n);
        }
        table.extend(index);
        table.extend(blob);
        Names {
            table: OwnedBytes::new(table),
        }
    }

    fn counts(&self) -> Option<(usize, usize, usize, usize)> {
        Some((
            u32_at(&self.table, 16)?,
            u32_at(&self.table, 20)?,
            u32_at(&self.table, 24)?,
            u32_at(&self.table, 28)?,
        ))
    }

    fn valid(&self) -> bool {
        self.table.get(..8) == Some(&MAGIC[..])
            && self.counts().is_some_and(|(n, f, l, k)| {
                HEADER + n * (NAME_ENTRY + 4) + (f + l) * KEY_ENTRY + k * IDENTITY_ENTRY
                    <= self.table.len()
            })
    }

    fn key(&self) -> Option<u64> {
        Some(u64::from_le_bytes(self.table.get(8..16)?.try_into().ok()?))
    }

    fn identities_start(&self) -> usize {
        let (n, f, l, _) = self.counts().unwrap_or_default();
        HEADER + n * NAME_ENTRY + (f + l) * KEY_ENTRY
    }

    fn members_start(&self) -> usize {
        let (_, _, _, k) = self.counts().unwrap_or_default();
        self.identities_start() + k * IDENTITY_ENTRY
    }

    fn blob_start(&self) -> usize {
        let (n, _, _, _) = self.counts().unwrap_or_default();
        self.members_start() + n * 4
    }

    fn slice(&self, off: usize, len: usize) -> &[u8] {
        let start = self.blob_start() + off;
        self.table.get(start..start + len).unwrap_or_default()
    }

    /// Number of distinct canonical names (aliases included).
    pub fn len(&self) -> usize {
        self.counts().map_or(0, |c| c.0)
    }

    /// Whether the table holds no name.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The i-th canonical name (sorted order).
    pub fn name(&self, i: usize) -> Option<&str> {
        let (n, ..) = self.counts()?;
        if i >= n {
            return None;
        }
        let at = HEADER + i * NAME_ENTRY;
        let s = self.slice(u32_at(&self.table, at)?, u32_at(&self.table, at + 4)?);
        std::str::from_utf8(s).ok()
    }

    /// The identity number of the i-th name.
    fn identity_of(&self, i: usize) -> Option<usize> {
        let (n, ..) = self.counts()?;
        (i < n).then(|| u32_at(&self.table, HEADER + i * NAME_ENTRY + 8))?
    }

    /// Number of identities.
    pub fn identity_len(&self) -> usize {
        self.counts().map_or(0, |c| c.3)
    }

    /// Identity number `id`: its canonical name and count.
    fn identity(&self, id: usize) -> Option<Identity<'_>> {
        if id >= self.identity_len() {
            return None;
        }
        let at = self.identities_start() + id * IDENTITY_ENTRY;
        Some(Identity {
            name: self.name(u32_at(&self.table, at)?)?,
            count: u32_at(&self.table, at + 12)? as u64,
        })
    }

    /// Every identity with a count, most counted first (ties by name): what `stats` lists.
    pub fn identities(&self) -> Vec<Identity<'_>> {
        let mut all: Vec<Identity> = (0..self.identity_len())
            .filter_map(|id| self.identity(id))
            .filter(|i| i.count > 0)
            .collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(b.name)));
        all
    }

    /// Every name of the identity whose canonical name (or any alias) is `name`: what a
    /// filter on that identity matches.
    pub fn aliases<'a>(&'a self, name: &'a str) -> Vec<&'a str> {
        let Some(id) = self
            .find(0, name.to_lowercase().as_bytes())
            .into_iter()
            .find(|&i| self.name(i) == Some(name))
            .and_then(|i| self.identity_of(i))
        else {
            return vec![name];
        };
        let at = self.identities_start() + id * IDENTITY_ENTRY;
        let (first, n) = (
            u32_at(&self.table, at + 4).unwrap_or(0),
            u32_at(&self.table, at + 8).unwrap_or(0),
        );
        (first..first + n)
            .filter_map(|m| u32_at(&self.table, self.members_start() + m * 4))
            .filter_map(|i| self.name(i))
            .collect()
    }

    /// The canonical name of the identity `name` belongs to (`name` itself when unknown).
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.find(0, name.to_lowercase().as_bytes())
            .into_iter()
            .find(|&i| self.name(i) == Some(name))
            .and_then(|i| self.identity(self.identity_of(i)?))
            .map_or(name, |id| id.name)
    }

    /// Entry `i` of key list 0 (full names) or 1 (last words): (key bytes, name index).
    fn entry(&self, list: usize, i: usize) -> Option<(&[u8], usize)> {
        let (n, f, l, _) = self.counts()?;
        let (base, count) = if list == 0 { (0, f) } else { (f, l) };
        if i >= count {
            return None;
        }
        let at = HEADER + n * NAME_ENTRY + (base + i) * KEY_ENTRY;
        let key = self.slice(u32_at(&self.table, at)?, u32_at(&self.table, at + 4)?);
        Some((key, u32_at(&self.table, at + 8)?))
    }

    fn list_len(&self, list: usize) -> usize {
        self.counts()
            .map_or(0, |(_, f, l, _)| if list == 0 { f } else { l })
    }

    /// Name indexes whose key in `list` equals `key` (binary search).
    fn find(&self, list: usize, key: &[u8]) -> Vec<usize> {
        let (mut lo, mut hi) = (0, self.list_len(list));
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.entry(list, mid) {
                Some((k, _)) if k < key => lo = mid + 1,
                _ => hi = mid,
            }
        }
        let mut out = Vec::new();
        while let Some((k, i)) = self.entry(list, lo)
            && k == key
        {
            out.push(i);
            lo += 1;
        }
        out
    }

    /// Identities matching `words` (lower-cased), most counted first: the identity of the
    /// full name, and for one word every identity with that surname too — "Trump" is Donald
    /// Trump first, then Ivanka Trump and Melania Trump.
    pub fn lookup_identities(&self, words: &[&str]) -> Vec<Identity<'_>> {
        let joined = words.join(" ");
        let mut names = self.find(0, joined.as_bytes());
        if words.len() == 1 {
            names.extend(self.find(1, joined.as_bytes()));
        }
        let mut ids: Vec<usize> = names
            .into_iter()
            .filter_map(|i| self.identity_of(i))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out: Vec<Identity> = ids.into_iter().filter_map(|id| self.identity(id)).collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(b.name)));
        out
    }

    /// Canonical names of the identities matching `words`, most counted first.
    pub fn lookup(&self, words: &[&str]) -> Vec<&str> {
        self.lookup_identities(words)
            .into_iter()
            .map(|i| i.name)
            .collect()
    }

    /// Resolves a name given on the command line (`--speaker Putin`): full name or surname,
    /// case-insensitive; most counted first.
    pub fn resolve(&self, name: &str) -> Vec<&str> {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        self.lookup(&words)
    }

    /// The known identity closest to `word` within a small edit distance, for "did you mean".
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let word = word.to_lowercase();
        let max = (word.chars().count() / 4).clamp(1, 2);
        let mut best: Option<(usize, usize)> = None;
        for list in 0..2 {
            for e in 0..self.list_len(list) {
                let Some((key, i)) = self.entry(list, e) else {
                    continue;
                };
                let Ok(key) = std::str::from_utf8(key) else {
                    continue;
                };
                // Cheap bound first: the length difference is a lower bound of the distance.
                if key.len().abs_diff(word.len()) > max * 4 {
                    continue;
                }
                // A swap of two letters ("putni") is one edit.
                let d = strsim::osa_distance(&word, key);
                if d > 0 && d <= max && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, i));
                }
            }
        }
        let (_, i) = best?;
        self.identity(self.identity_of(i)?).map(|id| id.name)
    }

    /// The table of `field`: from the writer's file in `dir` when it matches the searcher's
    /// segments, else built from the index's documents.
    pub fn load(searcher: &Searcher, field: Field, kind_field: Field, dir: &Path) -> Result<Names> {
        let key = state_key(searcher, field);
        // Mapped through a plain `MmapDirectory`: the index's managed directory would expect
        // a tantivy footer on the file.
        let cached = MmapDirectory::open(dir)
            .ok()
            .and_then(|d| d.open_read(Path::new(&cache_name(searcher, field))).ok())
            .and_then(|file| file.read_bytes().ok())
            .map(|table| Names { table })
            .filter(|n| n.valid() && n.key() == Some(key));
        match cached {
            Some(n) => Ok(n),
            None => Names::from_index(searcher, field, kind_field),
        }
    }
}

/// Whether the saved table of `field` in `dir` was built from the searcher's segments.
fn table_is_current(searcher: &Searcher, field: Field, dir: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(dir.join(cache_name(searcher, field)))
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head.get(..8) == Some(&MAGIC[..])
        && head.get(8..16) == Some(&state_key(searcher, field).to_le_bytes()[..])
}

/// Whether both name tables of `store` match the committed state `searcher` sees.
pub fn name_tables_are_current(store: &Store, searcher: &Searcher) -> bool {
    let f = store.fields;
    [f.speaker_key, f.entity_key]
        .into_iter()
        .all(|field| table_is_current(searcher, field, &store.dir))
}

/// Rebuilds the archive-wide name tables (speakers and entities, grouped into identities)
/// of `store` from the documents `searcher` sees, and saves them in the index folder, where
/// search reads them. Deterministic: the same documents give the same identities, however the
/// index was built (one run, many runs, or shards merged). Call it after every commit that
/// changed documents (the index writer does); each file is written aside, then renamed.
pub fn rebuild_name_tables(store: &Store, searcher: &Searcher) -> Result<()> {
    let f = store.fields;
    let scans = Scans::read(searcher, f.kind)?;
    for field in [f.speaker_key, f.entity_key] {
        let names = Names::from_scans(searcher, field, &scans);
        let path = store.dir.join(cache_name(searcher, field));
        let tmp = store.dir.join(format!(
            ".{}.{}.tmp",
            cache_name(searcher, field),
            std::process::id()
        ));
        // A full disk must leave no half-written file behind.
        if let Err(e) =
            std::fs::write(&tmp, names.table.as_slice()).and_then(|()| std::fs::rename(&tmp, &path))
        {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(&path, e));
        }
    }
    Ok(())
}

/// What is wrong with the saved name tables of `store`: a problem for each table that
/// is missing, was built by a binary of other sources, or differs from the table
/// the documents give (the build is deterministic, so any damaged byte shows).
pub fn check_name_tables(store: &Store, searcher: &Searcher) -> Result<Vec<Problem>> {
    let f = store.fields;
    let mut problems = Vec::new();
    // Read once, when a current table is there to compare.
    let mut scans: Option<Scans> = None;
    for field in [f.speaker_key, f.entity_key] {
        let name = cache_name(searcher, field);
        let (problem, index_mends) = match std::fs::read(store.dir.join(&name)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
                "missing: search builds it on every start until `newsdex index` saves it".into(),
                true,
            ),
            Err(e) => (format!("unreadable: {e}"), false),
            Ok(_) if !table_is_current(searcher, field, &store.dir) => (
                "stale: built by another build of newsdex (other sources); `newsdex index` \
                 rewrites it"
                    .into(),
                true,
            ),
            Ok(saved) => {
                if scans.is_none() {
                    scans = Some(Scans::read(searcher, f.kind)?);
                }
                match &scans {
                    Some(s) if saved == Names::from_scans(searcher, field, s).table.as_slice() => {
                        continue;
                    }
                    _ => (
                        "damaged: differs from the table the documents give".into(),
                        false,
                    ),
                }
            }
        };
        problems.push(Problem {
            file: name,
            problem,
            index_mends,
        });
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::from_names(vec![
            "Vladimir Putin".into(),
            "Tony Blair".into(),
            "Kremlin".into(),
        ])
    }

    #[test]
    fn a_table_key_names_the_sources_it_was_built_by() {
        let tmp = tempfile::TempDir::new().unwrap();
        let store = Store::open_or_create(tmp.path()).unwrap();
        let searcher = store.reader().unwrap().searcher();
        let field = store.fields.speaker_key;
        assert_eq!(SOURCE_HASH.len(), 16, "{SOURCE_HASH}");
        let key = state_key(&searcher, field);
        assert_eq!(key, state_key_of(SOURCE_HASH, &searcher, field));
        assert_ne!(key, state_key_of("0000000000000000", &searcher, field));
        assert_ne!(key, state_key(&searcher, store.fields.entity_key));
    }

    #[test]
    fn common_words_are_those_news_writes_in_lower_case() {
        use identity::Knowledge;
        let know = TaggerKnowledge;
        assert!(know.is_common_word("black") && know.is_common_word("Claim"));
        assert!(
            !know.is_common_word("Trump"),
            "nearly always written as a name"
        );
        assert!(!know.is_common_word("Carol"), "never met in lower case");
        let archive = ArchiveKnowledge {
            quoted_alone: ["Pence"].into_iter().collect(),
        };
        assert!(know.is_common_word("Pence") && !archive.is_common_word("Pence"));
        assert!(
            archive.is_common_word("black"),
            "no one was quoted as Black"
        );
        assert!(know.is_other_name("Cuban") && know.is_other_name("Israel"));
        assert!(!know.is_other_name("Trump"));
    }

    #[test]
    fn surname_and_full_name_resolve() {
        let n = names();
        assert_eq!(n.resolve("Putin"), ["Vladimir Putin"]);
        assert_eq!(n.resolve("vladimir PUTIN"), ["Vladimir Putin"]);
        assert_eq!(n.resolve("kremlin"), ["Kremlin"]);
        assert!(n.resolve("Vladimir").is_empty());
    }

    #[test]
    fn table_roundtrips_through_bytes() {
        let n = Names::from_counts(&[
            ("Hillary Clinton", 670),
            ("Hillary Rodham Clinton", 29),
            ("Bill Clinton", 17),
            ("Clinton", 5),
        ]);
        let copy = Names {
            table: n.table.clone(),
        };
        assert!(copy.valid());
        assert_eq!(copy.len(), 4);
        assert_eq!(copy.identity_len(), 2);
        // A bare surname lists every identity with it, the dominant one first.
        assert_eq!(copy.resolve("clinton"), ["Hillary Clinton", "Bill Clinton"]);
        assert_eq!(copy.resolve("Bill Clinton"), ["Bill Clinton"]);
        assert_eq!(copy.resolve("hillary rodham clinton"), ["Hillary Clinton"]);
        let mut aliases = copy.aliases("Hillary Clinton");
        aliases.sort_unstable();
        assert_eq!(
            aliases,
            ["Clinton", "Hillary Clinton", "Hillary Rodham Clinton"]
        );
        assert_eq!(
            copy.identities(),
            [
                Identity {
                    name: "Hillary Clinton",
                    count: 704
                },
                Identity {
                    name: "Bill Clinton",
                    count: 17
                }
            ]
        );
        let broken = Names {
            table: OwnedBytes::new(n.table.get(..20).unwrap().to_vec()),
        };
        assert!(!broken.valid());
        assert!(broken.resolve("clinton").is_empty());
    }

    #[test]
    fn near_miss_gets_a_suggestion() {
        assert_eq!(names().suggest("putn"), Some("Vladimir Putin"));
        assert_eq!(names().suggest("zzzzzz"), None);
        assert_eq!(
            names().suggest("bliar"),
            Some("Tony Blair"),
            "a swap is one edit"
        );
    }
}
