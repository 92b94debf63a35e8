//! What the index knows about names: every canonical speaker and entity, so that query
//! understanding recognises "Putin" or "putin's" because the archive has a "Vladimir Putin",
//! never from a fixed list.

use std::collections::HashMap;

use tantivy::Searcher;
use tantivy::schema::Field;

use crate::error::Result;

/// Canonical names of one field, with lookups by full name and by single name word.
#[derive(Debug, Default)]
pub struct Names {
    /// Canonical names as indexed (case kept).
    pub names: Vec<String>,
    /// Lower-cased full name -> index into `names`.
    full: HashMap<String, Vec<usize>>,
    /// Lower-cased last word of a multi-word name ("putin") -> indexes into `names`.
    last: HashMap<String, Vec<usize>>,
}

impl Names {
    /// Reads every distinct value of an exact-name field from the index's term dictionaries.
    pub fn load(searcher: &Searcher, field: Field) -> Result<Names> {
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
        Ok(Names::from_names(seen.into_iter().collect()))
    }

    pub fn from_names(names: Vec<String>) -> Names {
        let mut full: HashMap<String, Vec<usize>> = HashMap::new();
        let mut last: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            let lower = n.to_lowercase();
            full.entry(lower.clone()).or_default().push(i);
            let words: Vec<&str> = lower.split_whitespace().collect();
            if words.len() > 1
                && let Some(w) = words.last()
                && w.chars().count() >= 3
            {
                last.entry(w.to_string()).or_default().push(i);
            }
        }
        Names { names, full, last }
    }

    /// Canonical names matching `words` (lower-cased): the full name, or a surname.
    pub fn lookup(&self, words: &[&str]) -> Vec<&str> {
        let joined = words.join(" ");
        let ids = self
            .full
            .get(&joined)
            .or_else(|| (words.len() == 1).then(|| self.last.get(&joined)).flatten());
        ids.map(|ids| ids.iter().map(|&i| self.names[i].as_str()).collect())
            .unwrap_or_default()
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
        let mut best: Option<(usize, &str)> = None;
        let keys = self.full.iter().chain(self.last.iter());
        for (key, ids) in keys {
            let d = levenshtein(&word, key);
            if d > 0 && d <= max && best.is_none_or(|(b, _)| d < b) {
                best = ids.first().map(|&i| (d, self.names[i].as_str()));
            }
        }
        best.map(|(_, n)| n)
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
    fn near_miss_gets_a_suggestion() {
        assert_eq!(names().suggest("putn"), Some("Vladimir Putin"));
        assert_eq!(names().suggest("zzzzzz"), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
