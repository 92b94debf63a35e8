//! Extraction: from a [`Record`] to an [`Analysis`] (publication date, named entities,
//! quotes with speakers). Pure functions of the text, no I/O, so they run in parallel and are
//! unit-testable. They read the body's logical text ([`crate::layout`]: wrapped lines joined,
//! spaced punctuation closed up) and their spans are mapped back to the body as given. The
//! tokenizer in [`token`] is shared by every stage; [`date`] (with [`page_date`] for web
//! pages), [`ner`], [`canon`] and [`quotes`] each own one part of the [`Analysis`].
//!
//! A new extractor is a module here called from [`analyze`], its result a field of
//! [`Analysis`]; its word lists are data files beside it, one per concept.

pub mod canon;
pub mod date;
pub mod given_names;
pub mod ner;
pub mod page_date;
pub mod quotes;
pub mod token;
pub mod word_list;

use crate::article::{Analysis, Record, Span};
use crate::layout::Layout;

/// A body longer than this is analysed window by window, each at most this long and cut at
/// a paragraph end (else a line, sentence or word end): names, pronouns and speakers resolve
/// within a window, so a document costs time linear in its size whatever its shape. Far
/// above any article of the evaluation sets, so their output does not change.
pub const WINDOW_BYTES: usize = 64 * 1024;

/// Runs every extractor over one record.
pub fn analyze(record: &Record) -> Analysis {
    let layout = Layout::of(&record.body);
    let date = date::publication_date(record);
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    for (offset, text) in windows(layout.text(), WINDOW_BYTES) {
        let tokens = token::tokenize(text);
        let mentions = ner::tag(text, &tokens);
        let window_entities = canon::canonicalize(text, mentions);
        let window_quotes = quotes::extract(text, &tokens, &window_entities);
        let to_body = |s: Span| layout.to_body(Span::new(s.start + offset, s.end + offset));
        entities.extend(window_entities.into_iter().map(|mut e| {
            e.span = layout.name_to_body(Span::new(e.span.start + offset, e.span.end + offset));
            e
        }));
        quotes.extend(window_quotes.into_iter().map(|mut q| {
            q.span = to_body(q.span);
            for m in [&mut q.cue, &mut q.speaker_mention].into_iter().flatten() {
                m.span = to_body(m.span);
            }
            q
        }));
    }
    Analysis {
        date,
        entities,
        quotes,
    }
}

/// `text` cut into consecutive pieces of at most `max` bytes (with their offsets), each
/// ending at the last paragraph break of its second half, else the last line break,
/// sentence end or space, else at a character boundary.
fn windows(text: &str, max: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let end = text.floor_char_boundary(start + max);
        let half = text.ceil_char_boundary(start + max / 2);
        let region = &text[half..end];
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|sep| region.rfind(sep).map(|i| half + i + sep.len()))
            .unwrap_or(end);
        out.push((start, &text[start..cut]));
        start = cut;
    }
    out.push((start, &text[start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_text_and_cut_at_the_best_break() {
        let text = "one two. three\n\nfour five six. seven eight nine ten";
        let pieces = windows(text, 24);
        let joined: String = pieces.iter().map(|(_, p)| *p).collect();
        assert_eq!(joined, text);
        assert_eq!(pieces[0], (0, "one two. three\n\n"));
        for (offset, piece) in &pieces {
            assert!(piece.len() <= 24);
            assert_eq!(&text[*offset..*offset + piece.len()], *piece);
        }
        let runon = "é".repeat(100);
        let pieces = windows(&runon, 33);
        assert!(pieces.iter().all(|(_, p)| p.len() <= 33 && !p.is_empty()));
        assert_eq!(pieces.iter().map(|(_, p)| p.len()).sum::<usize>(), 200);
        assert_eq!(windows("short", 24), [(0, "short")]);
    }

    #[test]
    fn a_long_body_keeps_its_offsets_window_by_window() {
        let article = "Prime Minister Tony Blair said the war was justified. \"We will not \
                       back down,\" Blair said.\n\n";
        let body = article.repeat(2 * WINDOW_BYTES / article.len());
        let record = Record {
            body,
            ..Record::default()
        };
        let analysis = analyze(&record);
        let one = analyze(&Record {
            body: article.to_string(),
            ..Record::default()
        });
        assert!(one.quotes.len() >= 2, "{:?}", one.quotes);
        let copies = record.body.len() / article.len();
        assert_eq!(analysis.quotes.len(), one.quotes.len() * copies);
        assert_eq!(analysis.entities.len(), one.entities.len() * copies);
        for q in &analysis.quotes {
            let text = q.span.text(&record.body);
            assert!(
                one.quotes.iter().any(|o| o.span.text(article) == text),
                "{text}"
            );
            let cue = q.cue.as_ref().map(|c| c.span.text(&record.body));
            assert!(cue.is_none_or(|c| c == "said"), "{cue:?}");
        }
    }
}
