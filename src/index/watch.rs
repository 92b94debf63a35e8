//! Saved searches ("watches") and the matches each has already reported, kept beside the
//! index in `INDEX/watches.json` so that they travel with it. Written whole to a temporary
//! file and renamed, so a crash leaves the old file or the new one.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Param, Result};

/// The file in the index directory.
pub const FILE: &str = "watches.json";
/// Longest name a saved search may have.
const MAX_NAME: usize = 64;

/// A saved search: the query and filters of `newsdex search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// Its name (letters, digits, `-`, `_`, `.`).
    pub name: String,
    /// The query, as for `newsdex search`.
    pub query: String,
    /// Only quotes by this speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Only articles or quotes mentioning this entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Only from this date on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Only up to this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// `quote` or `article` when the search is limited to one kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// When it was saved (RFC 3339).
    pub created: String,
    /// When its new matches were last reported (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_report: Option<String>,
}

/// A saved search and the keys of the matches it has reported.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    search: SavedSearch,
    #[serde(default)]
    seen: Vec<u64>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    watches: Vec<Entry>,
}

/// The saved searches of one index.
#[derive(Debug)]
pub struct Watches {
    path: PathBuf,
    entries: Vec<Entry>,
}

fn unknown(name: &str) -> Error {
    Error::Invalid {
        what: Param::SavedSearchName,
        message: format!("no saved search named {name:?} (see `newsdex watch list`)"),
    }
}

/// Checks a name: short, and only letters, digits, `-`, `_` and `.`, so it can be typed and
/// scripted without quoting.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid {
            what: Param::SavedSearchName,
            message: format!(
                "{name:?}: a saved search's name is 1 to {MAX_NAME} letters, digits, '-', '_' or '.'"
            ),
        })
    }
}

impl Watches {
    /// The saved searches of the index in `dir` (none when it has no file yet).
    pub fn load(dir: &Path) -> Result<Watches> {
        let path = dir.join(FILE);
        let entries = match std::fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice::<Stored>(&bytes)
                    .map_err(|e| Error::CorruptIndex {
                        path: path.clone(),
                        message: crate::error::bounded(&e.to_string(), 200),
                    })?
                    .watches
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        Ok(Watches { path, entries })
    }

    /// Writes the saved searches back (to a temporary file, then renamed over the old one).
    pub fn save(&self) -> Result<()> {
        let stored = Stored {
            watches: self.entries.clone(),
        };
        let json = serde_json::to_vec_pretty(&stored).map_err(|e| Error::Invalid {
            what: Param::SavedSearches,
            message: e.to_string(),
        })?;
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| Error::io(&self.path, e))
    }

    /// The saved searches, in the order they were added.
    pub fn searches(&self) -> impl Iterator<Item = &SavedSearch> {
        self.entries.iter().map(|e| &e.search)
    }

    /// Whether no search is saved.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The saved search called `name`.
    pub fn get(&self, name: &str) -> Result<&SavedSearch> {
        self.entries
            .iter()
            .find(|e| e.search.name == name)
            .map(|e| &e.search)
            .ok_or_else(|| unknown(name))
    }

    /// Adds a search whose current matches (`seen`) count as reported.
    pub fn add(&mut self, search: SavedSearch, seen: Vec<u64>) -> Result<()> {
        check_name(&search.name)?;
        if self.entries.iter().any(|e| e.search.name == search.name) {
            return Err(Error::Invalid {
                what: Param::SavedSearchName,
                message: format!(
                    "a saved search named {:?} exists (remove it first)",
                    search.name
                ),
            });
        }
        self.entries.push(Entry { search, seen });
        Ok(())
    }

    /// Deletes the saved search called `name`.
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let before = self.entries.len();
        self.entries.retain(|e| e.search.name != name);
        if self.entries.len() == before {
            return Err(unknown(name));
        }
        Ok(())
    }

    /// The keys of the matches `name` has reported.
    pub fn seen(&self, name: &str) -> Result<HashSet<u64>> {
        self.entries
            .iter()
            .find(|e| e.search.name == name)
            .map(|e| e.seen.iter().copied().collect())
            .ok_or_else(|| unknown(name))
    }

    /// Records a report: `seen` (all current matches) replaces the reported keys.
    pub fn reported(&mut self, name: &str, mut seen: Vec<u64>, at: String) -> Result<()> {
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.search.name == name)
            .ok_or_else(|| unknown(name))?;
        seen.sort_unstable();
        seen.dedup();
        entry.seen = seen;
        entry.search.last_report = Some(at);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(name: &str) -> SavedSearch {
        SavedSearch {
            name: name.into(),
            query: "nato".into(),
            speaker: Some("Putin".into()),
            entity: None,
            since: None,
            until: None,
            kind: Some("quote".into()),
            created: "2026-12-01T09:00:00Z".into(),
            last_report: None,
        }
    }

    #[test]
    fn saved_searches_round_trip_through_the_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut w = Watches::load(dir.path()).unwrap();
        assert!(w.is_empty());
        w.add(search("putin-nato"), vec![3, 1]).unwrap();
        assert!(w.add(search("putin-nato"), vec![]).is_err());
        assert!(w.add(search("bad name"), vec![]).is_err());
        w.save().unwrap();
        let mut w = Watches::load(dir.path()).unwrap();
        assert_eq!(w.get("putin-nato").unwrap(), &search("putin-nato"));
        assert_eq!(w.seen("putin-nato").unwrap(), HashSet::from([1, 3]));
        w.reported("putin-nato", vec![5, 5, 4], "now".into())
            .unwrap();
        assert_eq!(w.seen("putin-nato").unwrap(), HashSet::from([4, 5]));
        w.remove("putin-nato").unwrap();
        assert!(w.remove("putin-nato").is_err());
        assert!(w.get("putin-nato").is_err());
    }

    #[test]
    fn a_damaged_file_is_a_clear_error() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        let err = Watches::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(FILE), "{err}");
    }
}
