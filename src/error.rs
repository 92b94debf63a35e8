//! The library's typed errors. The binary maps them to exit codes and one-line messages.

use std::path::PathBuf;

/// Everything the library can fail with. Each variant names what the user has to fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
    #[error("index {0} does not exist; run `newsdex index` first")]
    NoIndex(PathBuf),
    #[error("index {0} is locked by another newsdex process")]
    Locked(PathBuf),
    #[error("index {path} is unreadable: {message}")]
    CorruptIndex { path: PathBuf, message: String },
    #[error("bad query: {0}")]
    BadQuery(String),
    #[error("invalid {arg}: {message}")]
    BadArgument { arg: &'static str, message: String },
    #[error("{what} {value} is in two shards: {first} and {second}")]
    SharedByShards {
        what: &'static str,
        value: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("reading the index: {0}")]
    IndexRead(#[from] std::io::Error),
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
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
    fn bounded_cuts_on_a_character_boundary() {
        assert_eq!(bounded("short", 10), "short");
        assert_eq!(bounded("ééé", 3), "é…");
        assert_eq!(bounded("abcdef", 4), "abcd…");
    }
}
