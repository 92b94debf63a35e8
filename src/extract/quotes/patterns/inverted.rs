//! Attributions after punctuation: the appositive ("X, a spokesman, said …", "“…,” X, a
//! spokesman, said.") and the inverted order, cue before speaker ("“…,” said Mr. Smith",
//! "Said Comey, “…”").

use super::super::View;
use super::super::lexicon::{CueForm, is_auxiliary, is_coordinator, is_one_of};
use super::super::reported::{
    Frame, appositive_subject, content_before, content_to_end, has_quote, is_word, words_in,
};
use super::super::speaker::mention_right;
use super::Cue;
use crate::article::Span;

/// "X, a spokesman, said that …" or "“…,” X, a spokesman, said.": an appositive ending at
/// the comma token `comma` just before the cue. The content is what follows the cue, else
/// the quote before the speaker.
pub fn appositive(v: &View, lo: usize, comma: usize, c: &Cue) -> Option<Frame> {
    if v.word(comma) != "," {
        return None;
    }
    let (speaker, first) = appositive_subject(v, lo, comma)?;
    let content = match c.forward {
        Some(f) => f,
        None => {
            let p = first.checked_sub(1).filter(|&p| p >= lo)?;
            if !((v.quoted(p) || v.word(p) == ",") && has_quote(v, lo, p + 1)) {
                return None;
            }
            content_before(v, lo, p + usize::from(!v.quoted(p)))?
        }
    };
    Some(Frame {
        cue: c.span,
        speaker: Some(speaker),
        content,
    })
}

/// A finite cue after punctuation, its speaker after it: the content before it ("“…,” said
/// Mr. Smith", "“…?” asked Mr. Smith"), else an appositive before it, else the content after
/// the speaker ([`cue_opens_clause`]). Not "…,” told CBS News": that names the hearer.
pub fn inverted(v: &View, lo: usize, hi: usize, c: &Cue) -> Option<Frame> {
    if c.form != CueForm::Finite || is_one_of(v.word(c.k), &["told", "tells"]) {
        return None;
    }
    let speaker = inverted_speaker(v, hi, c);
    let b = c.before.unwrap_or(lo);
    if c.before.is_some()
        && speaker.is_some()
        && (has_quote(v, lo, b + 1) || words_in(v, lo, b) >= 3)
        && let Some(content) = content_before(v, lo, b)
    {
        return Some(Frame {
            cue: c.span,
            speaker,
            content,
        });
    }
    c.before
        .and_then(|b| appositive(v, lo, b, c))
        .or_else(|| cue_opens_clause(v, lo, hi, c, speaker?))
}

/// The phrase right after an inverted cue. Not "said the candidate could win": a verb
/// after the phrase makes it the subject of a clause the cue governs.
fn inverted_speaker(v: &View, hi: usize, c: &Cue) -> Option<Span> {
    mention_right(v, c.kv + 1, hi).filter(|m| {
        v.token_at(c.kv + 1, hi, m.end)
            .is_none_or(|t| !is_auxiliary(v.word(t)))
    })
}

/// "Said Comey, “…”", "But, said Solovey, “…”": the cue opens its clause (after nothing but
/// a conjunction), its speaker and a comma or colon after it, and a quote after them.
fn cue_opens_clause(v: &View, lo: usize, hi: usize, c: &Cue, speaker: Span) -> Option<Frame> {
    let opens = c.before.is_none_or(|b| {
        (lo..b).all(|t| !v.quoted(t) && (!is_word(v.word(t)) || is_coordinator(v.word(t))))
    });
    let after = v.token_at(c.kv + 1, hi, speaker.end)?;
    if !opens || !matches!(v.word(after), "," | ":") || !v.quoted(after + 1) {
        return None;
    }
    Some(Frame {
        cue: c.span,
        speaker: Some(speaker),
        content: content_to_end(v, after + 1, hi)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, cue, one, said, view};
    use super::*;

    #[test]
    fn appositive_with_its_content_after_or_before() {
        let (v, hi) = view("Josh Earnest, a White House spokesman, said that the talks failed.");
        let c = cue(&v, hi, "said");
        let comma = c.before.expect("a comma before the cue");
        assert_eq!(
            one(&v, appositive(&v, 0, comma, &c)),
            said("Josh Earnest, a White House spokesman", "the talks failed")
        );
        let (v, hi) = view("“The talks failed,” Josh Earnest, a White House spokesman, said.");
        let c = cue(&v, hi, "said");
        assert_eq!(
            one(&v, appositive(&v, 0, c.before.unwrap(), &c)),
            said(
                "Josh Earnest, a White House spokesman",
                "“The talks failed,"
            )
        );
    }

    #[test]
    fn cue_before_its_speaker() {
        let (v, hi) = view("“We are ready,” said Mr. Smith, the mayor.");
        let c = cue(&v, hi, "said");
        assert_eq!(
            one(&v, inverted(&v, 0, hi, &c)),
            said("Mr. Smith", "“We are ready,")
        );
        // The phrase after the cue is the subject of its clause.
        let (v, hi) = view("Yesterday, said the candidate could win.");
        let c = cue(&v, hi, "said");
        assert_eq!(one(&v, inverted(&v, 0, hi, &c)), None);
        // "told" names the hearer.
        let (v, hi) = view("“We are ready,” told CBS News.");
        let c = cue(&v, hi, "told");
        assert_eq!(one(&v, inverted(&v, 0, hi, &c)), None);
    }

    #[test]
    fn cue_opening_its_clause() {
        let (v, hi) = view("But, said Solovey, “the money is gone.”");
        let c = cue(&v, hi, "said");
        assert_eq!(
            one(&v, inverted(&v, 0, hi, &c)),
            said("Solovey", "“the money is gone.”")
        );
        let (v, hi) = view("Said Comey: “I was stunned.”");
        assert_eq!(at(&v, hi, "Said"), 0);
        let c = cue(&v, hi, "Said");
        assert_eq!(
            one(&v, inverted(&v, 0, hi, &c)),
            said("Comey", "“I was stunned.”")
        );
    }
}
