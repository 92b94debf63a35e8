//! Snippets: the window of a text that holds the most (and the rarest) query words, cut at
//! word boundaries, or for a quote the whole sentences it stands in; with the matched words'
//! character offsets for highlighting.

use std::collections::HashMap;
use std::ops::Range;

use crate::extract::{ner, token};
use crate::index::schema::for_each_stemmed;

/// A piece of text to show, and where the matched words are in it (character offsets).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Snippet {
    /// The text shown, each white-space character as a space, `…` at an end that was cut.
    pub text: String,
    /// `[start, end)` character offsets of the matched words in `text`.
    pub highlights: Vec<[usize; 2]>,
}

const ELLIPSIS: char = '…';

/// Cuts a snippet of about `max_chars` from `text`, centred on the best cluster of `terms`
/// (analysed tokens mapped to their weight: rarer words weigh more).
pub fn make(text: &str, terms: &HashMap<String, f32>, max_chars: usize) -> Snippet {
    let matches = matches(text, terms);
    // Byte budget: close enough to characters for choosing a window.
    let budget = max_chars;
    let (mut start, mut end) = (0, text.len().min(budget));
    if let Some(first) = matches.first() {
        let mut best = (f32::MIN, first.0, first.1);
        for i in 0..matches.len() {
            let mut seen: Vec<&str> = Vec::new();
            let mut score = 0.0;
            for m in &matches[i..] {
                if m.1 - matches[i].0 > budget {
                    break;
                }
                if !seen.contains(&m.2) {
                    seen.push(m.2);
                    score += terms.get(m.2).copied().unwrap_or(0.0);
                }
                score += 0.01;
                if score > best.0 {
                    best = (score, matches[i].0, m.1);
                }
            }
        }
        let pad = budget.saturating_sub(best.2 - best.1) / 2;
        start = best.1.saturating_sub(pad);
        end = (best.2 + pad).min(text.len());
        // Use the room left at one end on the other.
        if end == text.len() {
            start = end.saturating_sub(budget);
        } else if start == 0 {
            end = budget.min(text.len());
        }
    }
    start = word_start(text, start);
    end = word_end(text, end);
    render(text, start..end, &matches, (start > 0, end < text.len()))
}

/// The whole sentences of `text` that the quote at `quote` (a byte range of `text`) stands
/// in, as a snippet: never cut inside them; an ellipsis only where `text` (a quote's clipped
/// context) cuts a sentence: it begins in lower case or ends without a sentence's end.
pub fn sentence(text: &str, quote: Range<usize>, terms: &HashMap<String, f32>) -> Snippet {
    let tokens = token::tokenize(text);
    let (mut start, mut end) = (quote.start, quote.end);
    for sentence in ner::sentences(text, &tokens) {
        let (Some(first), Some(last)) = (
            tokens.get(sentence.start),
            sentence.end.checked_sub(1).and_then(|i| tokens.get(i)),
        ) else {
            continue;
        };
        if first.span.start < quote.end && last.span.end > quote.start {
            start = start.min(first.span.start);
            end = end.max(last.span.end);
        }
    }
    let piece = &text[start..end];
    let cut_before = start == 0 && piece.chars().next().is_some_and(char::is_lowercase);
    let cut_after = end == text.len()
        && !piece
            .trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}'])
            .ends_with(['.', '!', '?']);
    render(
        text,
        start..end,
        &matches(text, terms),
        (cut_before, cut_after),
    )
}

/// The query words in `text`: byte range and the matched term.
fn matches<'t>(text: &str, terms: &'t HashMap<String, f32>) -> Vec<(usize, usize, &'t str)> {
    let mut out = Vec::new();
    for_each_stemmed(text, |tok| {
        if let Some((k, _)) = terms.get_key_value(&tok.text) {
            out.push((tok.offset_from, tok.offset_to, k.as_str()));
        }
    });
    out
}

/// `text[range]` with white space flattened, an ellipsis at each end marked cut, and the
/// highlights of the `matches` inside it.
fn render(
    text: &str,
    range: Range<usize>,
    matches: &[(usize, usize, &str)],
    (cut_before, cut_after): (bool, bool),
) -> Snippet {
    let (start, end) = (range.start, range.end);
    let mut out = String::with_capacity(end - start + 8);
    let mut offset_chars = 0;
    if cut_before {
        out.push(ELLIPSIS);
        offset_chars = 1;
    }
    let piece = &text[start..end];
    out.extend(
        piece
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c }),
    );
    if cut_after {
        out.push(ELLIPSIS);
    }
    let mut highlights = Vec::new();
    for &(s, e, _) in matches {
        if s >= start && e <= end {
            let cs = offset_chars + text[start..s].chars().count();
            let ce = cs + text[s..e].chars().count();
            highlights.push([cs, ce]);
        }
    }
    Snippet {
        text: out,
        highlights,
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Moves `i` back to the start of the word it falls in.
fn word_start(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i.min(text.len()));
    if i == 0 {
        return 0;
    }
    match text[..i].rfind(char::is_whitespace) {
        Some(ws) => ws + text[ws..].chars().next().map_or(1, char::len_utf8),
        None => 0,
    }
}

/// Moves `i` forward to the end of the word it falls in.
fn word_end(text: &str, i: usize) -> usize {
    let i = floor_boundary(text, i.min(text.len()));
    match text[i..].find(char::is_whitespace) {
        Some(ws) => i + ws,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> HashMap<String, f32> {
        words.iter().map(|w| (w.to_string(), 1.0)).collect()
    }

    #[test]
    fn centres_on_matches_and_highlights_them() {
        let text = "Russia has insisted that it just wants to protect its security interests, particularly in the face of an expanded NATO that has deployed military hardware to eastern Europe.";
        let s = make(text, &terms(&["nato", "expand"]), 60);
        let hl: Vec<String> = s
            .highlights
            .iter()
            .map(|[a, b]| s.text.chars().skip(*a).take(b - a).collect())
            .collect();
        assert_eq!(hl, ["expanded", "NATO"]);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= 80);
    }

    #[test]
    fn a_quote_shows_its_whole_sentence() {
        let text = "Talks stalled on Monday. Asked about the war, Blair said “we will not \
                    retreat” before he left for Brussels. He declined to say more.";
        let quote = "we will not retreat";
        let at = text.find(quote).unwrap();
        let s = sentence(text, at..at + quote.len(), &terms(&["war"]));
        assert_eq!(
            s.text,
            "Asked about the war, Blair said “we will not retreat” before he left for Brussels."
        );
        let hl: Vec<String> = s
            .highlights
            .iter()
            .map(|[a, b]| s.text.chars().skip(*a).take(b - a).collect())
            .collect();
        assert_eq!(hl, ["war"]);
        // A quote over two sentences shows both; a sentence cut by the context's edge says so.
        let two = "He said: “It is over. We lost.” Then he left.";
        let q = "It is over. We lost.";
        let at = two.find(q).unwrap();
        assert_eq!(
            sentence(two, at..at + q.len(), &terms(&[])).text,
            "He said: “It is over. We lost.”"
        );
        let cut = "he said “it is over” and left";
        let at = cut.find("it is").unwrap();
        assert_eq!(
            sentence(cut, at..at + 10, &terms(&[])).text,
            "…he said “it is over” and left…"
        );
    }

    #[test]
    fn no_match_gives_the_start() {
        let s = make(
            "Maternity pay for new mothers is to rise.",
            &terms(&["zzz"]),
            20,
        );
        assert_eq!(s.text, "Maternity pay for new…");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn multibyte_text_is_safe() {
        let text = "£1,400 “desperate” — said Hewitt ünd “NATO”";
        for n in 1..text.len() {
            let s = make(text, &terms(&["nato", "hewitt"]), n);
            for [a, b] in s.highlights {
                assert!(a < b && b <= s.text.chars().count());
            }
        }
    }
}
