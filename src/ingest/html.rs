//! HTML pages: title, publication date and the article's paragraphs.

use crate::ingest::{Parsed, Skip};

pub fn parse(display: &str, _bytes: &[u8]) -> Parsed {
    Parsed {
        records: Vec::new(),
        skips: vec![Skip::new(display, "HTML not supported yet")],
    }
}
