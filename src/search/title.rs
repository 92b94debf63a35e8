//! The title a hit shows: the article's own, or for an article without one its first words
//! (never "(untitled)": a reader recognises a story by how it starts).

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::index::Fields;
use crate::index::schema::KIND_ARTICLE;

/// Most words a title made from the text keeps.
const TITLE_WORDS: usize = 12;
/// Most characters it keeps (long words, or text without spaces).
const TITLE_CHARS: usize = 80;

/// The first words of `text` as a one-line title, with "…" when it was cut; `None` when the
/// text has no words.
pub fn first_words(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut cut = false;
    for (i, word) in text.split_whitespace().enumerate() {
        if i == TITLE_WORDS || out.chars().count() + word.chars().count() > TITLE_CHARS {
            cut = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than the limit.
        out = text.trim().chars().take(TITLE_CHARS).collect();
        cut = text.trim().chars().count() > TITLE_CHARS;
    }
    if out.is_empty() {
        return None;
    }
    if cut {
        out.push('…');
    }
    Some(out)
}

/// The title of article `id`: its stored title, else the first words of its body.
pub fn of_article(searcher: &Searcher, f: &Fields, id: &str) -> Result<Option<String>> {
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let query = BooleanQuery::new(vec![
        (Occur::Must, term(f.id, id)),
        (Occur::Must, term(f.kind, KIND_ARTICLE)),
    ]);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(*addr)?;
    let text = |field| doc.get_first(field).and_then(|v| v.as_str());
    Ok(text(f.title)
        .map(str::to_string)
        .or_else(|| first_words(text(f.body).unwrap_or(""))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_make_a_short_title() {
        assert_eq!(
            first_words("  Oil prices rose\nsharply on Friday. ").as_deref(),
            Some("Oil prices rose sharply on Friday.")
        );
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen";
        assert_eq!(
            first_words(long).as_deref(),
            Some("one two three four five six seven eight nine ten eleven twelve…")
        );
        let word = "x".repeat(100);
        assert_eq!(first_words(&word).unwrap().chars().count(), TITLE_CHARS + 1);
        assert_eq!(first_words(" \n "), None);
    }
}
