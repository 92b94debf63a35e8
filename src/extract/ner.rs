//! Named-entity tagging (PER, ORG, LOC, MISC) over the shared tokens.

use crate::article::{EntityKind, Span};
use crate::extract::token::Token;

/// Tags entity mentions in `body`. Placeholder: runs of capitalised words are PER.
pub fn tag(body: &str, tokens: &[Token]) -> Vec<(Span, EntityKind)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let cap = |t: &Token| t.text(body).chars().next().is_some_and(char::is_uppercase);
        if cap(&tokens[i]) {
            let start = tokens[i].span.start;
            let mut j = i;
            while j + 1 < tokens.len() && cap(&tokens[j + 1]) {
                j += 1;
            }
            out.push((Span::new(start, tokens[j].span.end), EntityKind::Person));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}
