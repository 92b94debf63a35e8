//! Why ingest refuses a file or a record as text or as an article: one typed reason per kind
//! of refusal, whose text is the one-line skip reason users read ([`super::Skip`]).

/// Why a file or record is not read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// NUL bytes: binary data, whatever its encoding.
    #[error("binary file (contains NUL bytes)")]
    NulBytes,
    /// Text that is mostly control characters once decoded.
    #[error("binary file ({bad} of the first {total} characters are control characters)")]
    ControlCharacters {
        /// Control characters among the characters looked at.
        bad: usize,
        /// Characters looked at (a prefix of the text).
        total: usize,
    },
    /// A known binary format's signature ("PNG image").
    #[error("binary file ({0})")]
    Signature(&'static str),
    /// A plain-text file with neither a title nor body text.
    #[error("empty article")]
    EmptyText,
    /// An HTML page nested too deep to parse safely.
    #[error("HTML nested about {depth} elements deep, over the limit of {limit}")]
    TooDeep {
        /// How deep the page nests its elements.
        depth: usize,
        /// The deepest nesting read.
        limit: usize,
    },
    /// An HTML page with neither a title nor main text.
    #[error("no article text")]
    NoArticleText,
}
