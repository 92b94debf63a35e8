//! What the index knows about names: every canonical speaker and entity, so that query
//! understanding recognises "Putin" or "putin's" because the archive has a "Vladimir Putin",
//! never from a fixed list.

use std::path::Path;

use tantivy::Searcher;
use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};
use tantivy::schema::Field;

use crate::error::{Error, Result};

/// Canonical names of one field, with lookups by full name and by single name word.
///
/// Kept as one flat table (sorted fixed-width entries over a string blob) so that it can be
/// saved next to the index by the writer and used straight from the bytes at the next
/// process start: a search process then maps one file instead of streaming every name out
/// of the term dictionaries and hashing it (2 s at 90k names on a loaded machine). The file is
/// memory-mapped, so a query touches only the pages its binary searches visit.
#[derive(Debug)]
pub struct Names {
    table: OwnedBytes,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            table: OwnedBytes::empty(),
        }
    }
}

const MAGIC: &[u8; 8] = b"NXNAMES1";
const HEADER: usize = 28;
const NAME_ENTRY: usize = 8;
const KEY_ENTRY: usize = 12;

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let bytes: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes) as usize)
}

/// The cache file of one field, in the index folder (not a tantivy-managed file).
pub fn cache_name(searcher: &Searcher, field: Field) -> String {
    format!(
        "newsdex-names-{}.cache",
        searcher.schema().get_field_name(field)
    )
}

/// Identifies the committed state a cache was built from: segments and their deletes.
fn state_key(searcher: &Searcher, field: Field) -> u64 {
    let mut s = format!("{}|", field.field_id());
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

/// Every distinct value of an exact-name field, from the term dictionaries (sorted).
fn scan(searcher: &Searcher, field: Field) -> Result<Vec<String>> {
    let mut seen = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Ok(s) = std::str::from_utf8(stream.key()) {
                seen.insert(s.to_string());
            }
        }
    }
    Ok(seen.into_iter().collect())
}

/// Builds the names table of `field` and saves it in `dir` for [`Names::load`] (the writer
/// calls this after a commit that changed something). Atomic: written aside, then renamed.
pub fn write_cache(searcher: &Searcher, field: Field, dir: &Path) -> Result<()> {
    let names = Names::build(scan(searcher, field)?, state_key(searcher, field));
    let path = dir.join(cache_name(searcher, field));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        cache_name(searcher, field),
        std::process::id()
    ));
    std::fs::write(&tmp, names.table.as_slice()).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    Ok(())
}

/// Whether the saved table of `field` in `dir` was built from the searcher's segments.
pub fn cache_is_current(searcher: &Searcher, field: Field, dir: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(dir.join(cache_name(searcher, field)))
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head.get(..8) == Some(&MAGIC[..])
        && head.get(8..16) == Some(&state_key(searcher, field).to_le_bytes()[..])
}

impl Names {
    /// The names of an exact-name field: from the writer's cache in `dir` when it matches the
    /// searcher's segments, else read from the term dictionaries.
    pub fn load(searcher: &Searcher, field: Field, dir: &Path) -> Result<Names> {
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
            None => Ok(Names::build(scan(searcher, field)?, key)),
        }
    }

    pub fn from_names(names: Vec<String>) -> Names {
        Names::build(names, 0)
    }

    fn build(names: Vec<String>, key: u64) -> Names {
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
        for n in &names {
            index.extend((blob.len() as u32).to_le_bytes());
            index.extend((n.len() as u32).to_le_bytes());
            blob.extend(n.as_bytes());
        }
        for list in [&full, &last] {
            for (k, i) in list {
                index.extend((blob.len() as u32).to_le_bytes());
                index.extend((k.len() as u32).to_le_bytes());
                index.extend((*i as u32).to_le_bytes());
                blob.extend(k.as_bytes());
            }
        }
        let mut table = Vec::with_capacity(HEADER + index.len() + blob.len());
        table.extend(MAGIC);
        table.extend(key.to_le_bytes());
        for n in [names.len(), full.len(), last.len()] {
            table.extend((n as u32).to_le_bytes());
        }
        table.extend(index);
        table.extend(blob);
        Names {
            table: OwnedBytes::new(table),
        }
    }

    fn counts(&self) -> Option<(usize, usize, usize)> {
        Some((
            u32_at(&self.table, 16)?,
            u32_at(&self.table, 20)?,
            u32_at(&self.table, 24)?,
        ))
    }

    fn valid(&self) -> bool {
        self.table.get(..8) == Some(&MAGIC[..])
            && self.counts().is_some_and(|(n, f, l)| {
                HEADER + n * NAME_ENTRY + (f + l) * KEY_ENTRY <= self.table.len()
            })
    }

    fn key(&self) -> Option<u64> {
        Some(u64::from_le_bytes(self.table.get(8..16)?.try_into().ok()?))
    }

    fn blob_start(&self) -> usize {
        let (n, f, l) = self.counts().unwrap_or_default();
        HEADER + n * NAME_ENTRY + (f + l) * KEY_ENTRY
    }

    fn slice(&self, off: usize, len: usize) -> &[u8] {
        let start = self.blob_start() + off;
        self.table.get(start..start + len).unwrap_or_default()
    }

    /// Number of distinct canonical names.
    pub fn len(&self) -> usize {
        self.counts().map_or(0, |c| c.0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The i-th canonical name (sorted order).
    pub fn name(&self, i: usize) -> Option<&str> {
        let (n, _, _) = self.counts()?;
        if i >= n {
            return None;
        }
        let at = HEADER + i * NAME_ENTRY;
        let s = self.slice(u32_at(&self.table, at)?, u32_at(&self.table, at + 4)?);
        std::str::from_utf8(s).ok()
    }

    /// Entry `i` of key list 0 (full names) or 1 (last words): (key bytes, name index).
    fn entry(&self, list: usize, i: usize) -> Option<(&[u8], usize)> {
        let (n, f, l) = self.counts()?;
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
            .map_or(0, |(_, f, l)| if list == 0 { f } else { l })
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

    /// Canonical names matching `words` (lower-cased): the full name, and for one word every
    /// name with that surname too — an extractor keeps a bare "Blair" as its own speaker when
    /// it cannot tell which Blair, and "Blair quotes" asks for all of them.
    pub fn lookup(&self, words: &[&str]) -> Vec<&str> {
        let joined = words.join(" ");
        let mut ids = self.find(0, joined.as_bytes());
        if words.len() == 1 {
            for i in self.find(1, joined.as_bytes()) {
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
        ids.into_iter().filter_map(|i| self.name(i)).collect()
    }

    /// Resolves a name given on the command line (`--speaker Putin`): full name or surname,
    /// case-insensitive.
    pub fn resolve(&self, name: &str) -> Vec<&str> {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        self.lookup(&words)
    }

    /// The known name closest to `word` within a small edit distance, for "did you mean".
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
                let d = levenshtein(&word, key);
                if d > 0 && d <= max && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, i));
                }
            }
        }
        best.and_then(|(_, i)| self.name(i))
    }
}

/// Edit distance between two strings, by characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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
    fn surname_and_full_name_resolve() {
        let n = names();
        assert_eq!(n.resolve("Putin"), ["Vladimir Putin"]);
        assert_eq!(n.resolve("vladimir PUTIN"), ["Vladimir Putin"]);
        assert_eq!(n.resolve("kremlin"), ["Kremlin"]);
        assert!(n.resolve("Vladimir").is_empty());
    }

    #[test]
    fn table_roundtrips_through_bytes() {
        let n = Names::build(
            vec![
                "Hillary Clinton".into(),
                "Bill Clinton".into(),
                "Clinton".into(),
            ],
            42,
        );
        let copy = Names {
            table: n.table.clone(),
        };
        assert!(copy.valid());
        assert_eq!(copy.key(), Some(42));
        assert_eq!(copy.len(), 3);
        // A bare surname lists the bare name and every full name with it.
        assert_eq!(
            copy.resolve("clinton"),
            ["Clinton", "Hillary Clinton", "Bill Clinton"]
        );
        assert_eq!(copy.resolve("Hillary Clinton"), ["Hillary Clinton"]);
        let surname = Names::from_names(vec!["Bill Clinton".into(), "Hillary Clinton".into()]);
        assert_eq!(
            surname.resolve("Clinton"),
            ["Bill Clinton", "Hillary Clinton"]
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
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
