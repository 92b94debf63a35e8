//! Extraction: from a [`Record`] to an [`Analysis`] (publication date, named entities,
//! quotes with speakers). Pure functions of the text, no I/O, so they run in parallel and are
//! unit-testable. They read the body's logical text ([`crate::layout`]: wrapped lines joined,
//! spaced punctuation closed up) and their spans are mapped back to the body as given. The
//! tokenizer in [`token`] is shared by every stage.

pub mod canon;
pub mod date;
pub mod ner;
pub mod page_date;
pub mod quotes;
pub mod token;

use crate::article::{Analysis, Mention, Record};
use crate::layout::Layout;

/// Runs every extractor over one record.
pub fn analyze(record: &Record) -> Analysis {
    let layout = Layout::of(&record.body);
    let text = layout.text();
    let tokens = token::tokenize(text);
    let date = date::publication_date(record);
    let mentions = ner::tag(text, &tokens);
    let mut entities = canon::canonicalize(text, mentions);
    let mut quotes = quotes::extract(text, &tokens, &entities);
    for e in &mut entities {
        e.span = layout.to_body(e.span);
    }
    let mention = |m: &mut Option<Mention>| {
        if let Some(m) = m {
            m.span = layout.to_body(m.span);
        }
    };
    for q in &mut quotes {
        q.span = layout.to_body(q.span);
        mention(&mut q.cue);
        mention(&mut q.speaker_mention);
    }
    Analysis {
        date,
        entities,
        quotes,
    }
}
