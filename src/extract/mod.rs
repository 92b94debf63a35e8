//! Extraction: from a [`Record`] to an [`Analysis`] (publication date, named entities,
//! quotes with speakers). Pure functions of the text, no I/O, so they run in parallel and are
//! unit-testable. The tokenizer in [`token`] is shared by every stage.

pub mod canon;
pub mod date;
pub mod ner;
pub mod quotes;
pub mod token;

use crate::article::{Analysis, Record};

/// Runs every extractor over one record.
pub fn analyze(record: &Record) -> Analysis {
    let tokens = token::tokenize(&record.body);
    let date = date::publication_date(record);
    let mentions = ner::tag(&record.body, &tokens);
    let entities = canon::canonicalize(&record.body, mentions);
    let quotes = quotes::extract(&record.body, &tokens, &entities);
    Analysis {
        date,
        entities,
        quotes,
    }
}
