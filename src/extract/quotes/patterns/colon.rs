//! Colon introductions without a speech verb: "Clinton: “…”", "Rubio fired back: “…”",
//! "Pollsters agree - Carl Bialik: “…”", and a paragraph closing with a colon ("President
//! Clinton released the following statement:"), whose quote comes in the next paragraph.

use super::super::View;
use super::super::reported::{
    Frame, clause_subject, content_to_end, is_dash, is_word, sentence_subject, words_in,
};
use super::super::speaker::mention_left;
use crate::article::Span;

/// "Clinton: “…”", "Rubio fired back: “…”", "As if addressing him, the board was conclusive:
/// “…”": a subject, a short predicate (the whole sentence, or what follows the subject after
/// opening adverbials), a colon and a quote that no frame in `found` holds yet.
pub fn colon_quote(v: &View, lo: usize, hi: usize, found: &[Frame]) -> Option<Frame> {
    let c = (lo..hi).find(|&t| !v.quoted(t) && v.word(t) == ":")?;
    if c + 1 >= hi || !v.quoted(c + 1) {
        return None;
    }
    let q = v.span(c + 1).start;
    if found
        .iter()
        .any(|f| f.content.start <= q && q < f.content.end.max(f.content.start + 1))
    {
        return None;
    }
    let speaker = dash_name(v, lo, c).or_else(|| {
        sentence_subject(v, lo, c).filter(|s| {
            words_in(v, lo, c) <= 12
                || v.token_at(lo, c, s.end)
                    .is_some_and(|t| words_in(v, t, c) <= 8)
        })
    })?;
    Some(Frame {
        cue: v.span(c),
        speaker: Some(speaker),
        content: content_to_end(v, c + 1, hi)?,
    })
}

/// "Pollsters agree - Carl Bialik: “…”", "… - More from the report: “…”": a short phrase
/// after a dash and before the colon `c` names the source of the quote that follows.
fn dash_name(v: &View, lo: usize, c: usize) -> Option<Span> {
    let d = (lo..c)
        .rev()
        .take(8)
        .find(|&t| !v.quoted(t) && is_dash(v.word(t)))?;
    if d + 1 >= c || (d + 1..c).any(|t| v.quoted(t) || !is_word(v.word(t)) && v.word(t) != "-") {
        return None;
    }
    mention_left(v, d + 1, c - 1)
}

/// "President Clinton released the following statement:" closing the paragraph (at most 40
/// words, no introduction in `found` yet): an introduction whose speaker goes on to the quote
/// in the next paragraph.
pub fn closing_colon(v: &View, lo: usize, hi: usize, found: &[Frame]) -> Option<Frame> {
    if hi <= lo + 1
        || v.word(hi - 1) != ":"
        || v.quoted(hi - 1)
        || found.iter().any(|f| f.content.is_empty())
        || words_in(v, lo, hi) > 40
    {
        return None;
    }
    let speaker = clause_subject(v, lo, hi - 1).or_else(|| sentence_subject(v, lo, hi))?;
    let end = v.span(hi - 1).end;
    Some(Frame {
        cue: v.span(hi - 1),
        speaker: Some(speaker),
        content: Span::new(end, end),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{one, said, view};
    use super::*;

    #[test]
    fn subject_colon_quote() {
        let (v, hi) = view("Clinton: “We will win.”");
        assert_eq!(
            one(&v, colon_quote(&v, 0, hi, &[])),
            said("Clinton", "“We will win.”")
        );
        let (v, hi) = view("Pollsters agree - Carl Bialik: “It is close.”");
        assert_eq!(
            one(&v, colon_quote(&v, 0, hi, &[])),
            said("Carl Bialik", "“It is close.”")
        );
        // A long predicate is no introduction.
        let (v, hi) = view(
            "The bill that the House passed on Tuesday after a long night of debate \
             and many amendments contains one line: “no new taxes.”",
        );
        assert_eq!(one(&v, colon_quote(&v, 0, hi, &[])), None);
    }

    #[test]
    fn paragraph_closing_with_a_colon() {
        let (v, hi) = view("President Clinton released the following statement:");
        assert_eq!(
            one(&v, closing_colon(&v, 0, hi, &[])),
            said("President Clinton", "")
        );
        let (v, hi) = view("Clinton released this statement.");
        assert_eq!(one(&v, closing_colon(&v, 0, hi, &[])), None);
    }
}
