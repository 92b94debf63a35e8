//! Quotes and reported speech, each with its cue verb and speaker.

use crate::article::{Entity, Quote};
use crate::extract::token::Token;

/// Finds direct quotes and reported speech in `body`.
pub fn extract(_body: &str, _tokens: &[Token], _entities: &[Entity]) -> Vec<Quote> {
    Vec::new()
}
