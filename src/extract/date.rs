//! Publication dates: metadata > header > dateline > path or file name. Never invented.

use crate::article::{PubDate, Record};

/// The record's publication date, or `None` when nothing states one.
pub fn publication_date(_record: &Record) -> Option<PubDate> {
    None
}
