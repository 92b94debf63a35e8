//! The library's typed errors. The binary maps them to exit codes and one-line messages.

use std::path::PathBuf;

/// Everything the library can fail with. Each variant names what the user has to fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing `path` failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A path given to read does not exist.
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
    /// No index where one was expected.
    #[error("index {0} does not exist; run `newsdex index` first")]
    NoIndex(PathBuf),
    /// Another process writes the index.
    #[error("index {0} is locked by another newsdex process")]
    Locked(PathBuf),
    /// The index's files cannot be read as an index.
    #[error("index {path} is unreadable: {message}")]
    CorruptIndex {
        /// The index.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A query that cannot be run.
    #[error("bad query: {0}")]
    BadQuery(String),
    /// A value the library was given and cannot use. `what` names the value; how it was
    /// given (a flag, a file) is the caller's to say.
    #[error("invalid {what}: {message}")]
    Invalid {
        /// The value.
        what: Param,
        /// What is wrong with it.
        message: String,
    },
    /// Two shards of a merge hold the same article or file.
    #[error("{what} {value} is in two shards: {first} and {second}")]
    SharedByShards {
        /// What is shared ("article", "file").
        what: &'static str,
        /// Its id or path.
        value: String,
        /// One shard holding it.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// Reading the index's files failed.
    #[error("reading the index: {0}")]
    IndexRead(std::io::Error),
    /// tantivy failed.
    #[error("tantivy: {}", tantivy_message(.0))]
    Tantivy(tantivy::TantivyError),
    /// A run that failed part-way; the index was left at its last commit.
    #[error("cannot update index {path}: {message}; it is unchanged since its last commit")]
    WriteFailed {
        /// The index.
        path: PathBuf,
        /// What failed.
        message: String,
    },
}

/// The values callers give the library, named in [`Error::Invalid`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// Threads for extraction and indexing.
    Threads,
    /// The index writer's memory budget.
    Memory,
    /// The first date of a search's period.
    Since,
    /// The last date of a search's period.
    Until,
    /// A timeline's interval over a search's period.
    Timeline,
    /// The shard indexes of a merge.
    Shards,
    /// The index a merge writes.
    MergeOutput,
    /// A saved search's name.
    SavedSearchName,
    /// The saved searches of an index.
    SavedSearches,
}

impl std::fmt::Display for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Param::Threads => "thread count",
            Param::Memory => "memory budget",
            Param::Since => "start date",
            Param::Until => "end date",
            Param::Timeline => "timeline",
            Param::Shards => "shard list",
            Param::MergeOutput => "merge output",
            Param::SavedSearchName => "saved search name",
            Param::SavedSearches => "saved searches",
        })
    }
}

// By hand rather than `#[from]`: a source would make the error chain repeat the message.
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::IndexRead(e)
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Tantivy(e)
    }
}

/// The library's result: [`Error`] unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O failure on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The error of a run that failed while writing `index`: what the user reads is that the
    /// update failed and why, and that the index is still at its last commit.
    pub fn while_writing(self, index: &std::path::Path) -> Self {
        let message = match &self {
            Error::Tantivy(e) => tantivy_message(e),
            Error::IndexRead(e) => e.to_string(),
            Error::Io { .. } => self.to_string(),
            _ => return self,
        };
        Error::WriteFailed {
            path: index.to_path_buf(),
            message,
        }
    }
}

/// A tantivy error as one readable line: what failed and on which file, without the debug
/// structures and quoting of tantivy's own messages.
pub fn tantivy_message(e: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{OpenDirectoryError, OpenReadError, OpenWriteError};
    let text = match e {
        T::IoError(io) => io.to_string(),
        T::InternalError(m) | T::ErrorInThread(m) | T::SystemError(m) => m.clone(),
        T::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            format!("{}: file is missing", p.display())
        }
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("{}: {io_error}", filepath.display())
        }
        T::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
            format!("{}: {io_error}", filepath.display())
        }
        T::OpenDirectoryError(OpenDirectoryError::IoError {
            io_error,
            directory_path,
        }) => format!("{}: {io_error}", directory_path.display()),
        T::DataCorruption(d) => format!("{d:?}").replace("`\"", "").replace("\"`", ""),
        T::LockFailure(..) => "the index is locked by another process".into(),
        other => other.to_string(),
    };
    // Some io errors carry the path as a debug string (` at path "…"`).
    let text = text.replace(" at path \"", " at ").replace("\"", "");
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    bounded(&one_line, 300)
}

/// A message cut to at most `max` bytes (on a character boundary, with "…" when cut): some
/// library errors quote a whole file or document.
pub fn bounded(message: &str, max: usize) -> String {
    if message.len() <= max {
        return message.to_string();
    }
    format!("{}…", &message[..message.floor_char_boundary(max)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tantivy_errors_read_as_one_line_naming_the_file() {
        use tantivy::TantivyError as T;
        use tantivy::directory::error::OpenReadError;
        let bad_json = serde_json::from_str::<serde_json::Value>("{x").unwrap_err();
        let e = T::OpenReadError(OpenReadError::wrap_io_error(
            std::io::Error::new(std::io::ErrorKind::InvalidData, bad_json),
            PathBuf::from("idx/abc.term"),
        ));
        let m = tantivy_message(&e);
        assert!(m.starts_with("idx/abc.term: key must be a string"), "{m}");
        assert!(!m.contains("IoError") && !m.contains("Custom"), "{m}");
        let full = std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "No space left on device (os error 28) at path \"/i/.tmpX\"",
        );
        let m = Error::Tantivy(T::IoError(std::sync::Arc::new(full))).while_writing("i".as_ref());
        assert_eq!(
            m.to_string(),
            "cannot update index i: No space left on device (os error 28) at /i/.tmpX; it is unchanged since its last commit"
        );
        assert!(std::error::Error::source(&m).is_none());
    }

    #[test]
    fn bounded_cuts_on_a_character_boundary() {
        assert_eq!(bounded("short", 10), "short");
        assert_eq!(bounded("ééé", 3), "é…");
        assert_eq!(bounded("abcdef", 4), "abcd…");
    }
}
