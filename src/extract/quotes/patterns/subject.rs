//! The cue after its subject ("Putin said …", "“…,” Putin said"): who the subject is (a name,
//! the subject of a cut quote, a possessor, a relative clause's antecedent), and where the
//! content is — after the cue, before the subject, or around the attribution — or, with
//! nothing said, an introduction of the quote that follows.

use super::super::View;
use super::super::lexicon::{
    CueForm, is_adjunct_opener, is_one_of, is_possessive_determiner, is_singular_determiner,
    is_subject_pronoun,
};
use super::super::reported::{
    Frame, clause_subject, content_before, content_to_end, first_token, forward_start, has_quote,
    is_dash, is_word, quote_subject, sentence_subject, words_in,
};
use super::super::speaker::mention_left;
use super::Cue;
use crate::article::Span;

/// "John McCain -- who lost in 2008 -- said …": the subject stands before the dashes (not a
/// dateline's: "WASHINGTON — The bill is dead — said Sen. Roe").
pub fn dashed_subject(v: &View, lo: usize, c: &Cue) -> Option<Frame> {
    let b = c.before?;
    if v.quoted(b) || !is_dash(v.word(b)) {
        return None;
    }
    let content = c.forward?;
    let d = (b.saturating_sub(30).max(lo + 1)..b)
        .rev()
        .find(|&t| !v.quoted(t) && is_dash(v.word(t)))?;
    if (lo..d).all(|t| !v.word(t).chars().any(char::is_lowercase)) {
        return None;
    }
    Some(Frame {
        cue: c.span,
        speaker: Some(mention_left(v, lo, d - 1)?),
        content,
    })
}

/// The subject of a cue with a word `b` before its verb group: the possessor of a noun cue
/// ("Sanders pushed his promise of “…”": the clause's subject, else the possessor), the
/// subject of a quote cut before it ("“…,” a Democratic staffer in the room wondered"), the
/// phrase before it, the subject of the clause before a conjunction ("X … when he brought it
/// up and later said"), or a relative clause's antecedent. A pronoun in a free relative
/// ("Cruz has railed against what he calls the “Washington cartel”") is the clause's subject,
/// named before it. A base form after a singular phrase is no verb ("a rare note", "one
/// claim").
pub fn cue_subject(v: &View, lo: usize, b: usize, c: &Cue) -> Option<Span> {
    let possessor = (!v.quoted(b) && is_possessive_determiner(v.word(b))).then(|| {
        clause_subject(v, lo, b)
            .or_else(|| sentence_subject(v, lo, b))
            .unwrap_or(v.span(b))
    });
    let subject = possessor
        .or_else(|| quote_subject(v, lo, b))
        .or_else(|| mention_left(v, lo, b))
        .or_else(|| {
            (is_one_of(v.word(b), &["and", "but"]) && !v.quoted(b))
                .then(|| clause_subject(v, lo, b).or_else(|| sentence_subject(v, lo, b)))
                .flatten()
        })
        .or_else(|| relative_clause_antecedent(v, lo, b))?;
    let subject = if b > lo
        && is_one_of(subject.text(v.body), &["he", "she", "they"])
        && is_one_of(v.word(b - 1), &["what"])
    {
        clause_subject(v, lo, b - 1)
            .filter(|s| !is_subject_pronoun(s.text(v.body)))
            .unwrap_or(subject)
    } else {
        subject
    };
    let first = subject.text(v.body).split(' ').next().unwrap_or("");
    (c.form != CueForm::Base || !is_singular_determiner(first)).then_some(subject)
}

/// "a White House official who spoke anonymously to discuss strategy said": the phrase
/// before a relative clause without commas that ends at token `b`, just before the cue.
fn relative_clause_antecedent(v: &View, lo: usize, b: usize) -> Option<Span> {
    let who = (b.saturating_sub(12).max(lo + 1)..b)
        .rev()
        .take_while(|&t| !v.quoted(t) && is_word(v.word(t)))
        .find(|&t| is_one_of(v.word(t), &["who"]))?;
    mention_left(v, lo, who - 1).filter(|m| !is_subject_pronoun(m.text(v.body)))
}

/// "South Carolina, he said, was “where we have a chance …”": the attribution sits inside
/// its content, which is the whole sentence.
pub fn inside_content(v: &View, lo: usize, hi: usize, c: &Cue, subject: Span) -> Option<Frame> {
    let p = subject_prefix_end(v, lo, hi, c, subject)?;
    if v.word(p) != ","
        || c.forward.is_some()
        || has_quote(v, lo, p)
        || !resumes_after_cue(v, c.k, hi)
    {
        return None;
    }
    Some(Frame {
        cue: c.span,
        speaker: Some(subject),
        content: content_to_end(v, lo, hi)?,
    })
}

/// "“…,” Putin said", "The talks failed, Putin said.": the quote or clause before the
/// subject, ending with a quote or a comma. With content after the cue too, only when that
/// is a quote ("Feinstein said “…,” she said").
pub fn content_before_subject(
    v: &View,
    lo: usize,
    hi: usize,
    c: &Cue,
    subject: Span,
) -> Option<Frame> {
    let p = subject_prefix_end(v, lo, hi, c, subject)?;
    let quote_follow = forward_start(v, c.kv, hi).is_some_and(|a| v.quoted(a));
    if !((v.quoted(p) || v.word(p) == ",")
        && (c.forward.is_none() || quote_follow)
        && (has_quote(v, lo, p + 1) || (c.forward.is_none() && words_in(v, lo, p) >= 3)))
    {
        return None;
    }
    Some(Frame {
        cue: c.span,
        speaker: Some(subject),
        content: content_before(v, lo, p + usize::from(!v.quoted(p)))?,
    })
}

/// The token just before the subject's first token (else before the cue's verb group).
fn subject_prefix_end(v: &View, lo: usize, hi: usize, c: &Cue, subject: Span) -> Option<usize> {
    first_token(v, lo, hi, subject)
        .unwrap_or(c.before?)
        .checked_sub(1)
        .filter(|&p| p >= lo)
}

/// Whether the sentence goes on after the cue at `k` and a comma ("…, he said, was …"),
/// with an optional short adjunct between ("he said in an interview,"), and not with a
/// participle ("she said, adding that …").
fn resumes_after_cue(v: &View, k: usize, hi: usize) -> bool {
    let mut t = k + 1;
    if t < hi && !v.quoted(t) && is_adjunct_opener(v.word(t)) {
        let stop = hi.min(t + 7);
        while t < stop && !v.quoted(t) && is_word(v.word(t)) {
            t += 1;
        }
    }
    t + 1 < hi
        && v.word(t) == ","
        && !v.quoted(t)
        && (v.quoted(t + 1)
            || is_word(v.word(t + 1))
                && super::super::lexicon::cue_form(v.word(t + 1)) != Some(CueForm::Participle))
}

/// "Dianne Bystrom agreed." or "X said in a statement." closing its sentence with nothing
/// said: an introduction whose speaker goes on to the quote that follows (an empty content).
pub fn closing_introduction(
    v: &View,
    lo: usize,
    hi: usize,
    c: &Cue,
    subject: Span,
) -> Option<Frame> {
    let kv = c.kv;
    let closes = kv + 2 == hi
        || kv + 2 < hi
            && hi <= kv + 8
            && is_adjunct_opener(v.word(kv + 1))
            && (kv + 1..hi - 1).all(|t| is_word(v.word(t)));
    if c.form != CueForm::Finite
        || !closes
        || !matches!(v.word(hi - 1), "." | "!")
        || v.quoted(hi - 1)
        || has_quote(v, lo, hi)
    {
        return None;
    }
    let end = v.span(hi - 1).end;
    Some(Frame {
        cue: c.span,
        speaker: Some(subject),
        content: Span::new(end, end),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{cue, frames, one, said, view};
    use super::*;

    #[test]
    fn subject_before_dashes() {
        let (v, hi) = view("John McCain -- who lost in 2008 -- said that the bill is dead.");
        let c = cue(&v, hi, "said");
        assert_eq!(
            one(&v, dashed_subject(&v, 0, &c)),
            said("John McCain", "the bill is dead")
        );
        let (v, hi) = view("WASHINGTON — The bill is dead — said that the vote failed.");
        let c = cue(&v, hi, "said");
        assert_eq!(one(&v, dashed_subject(&v, 0, &c)), None);
    }

    #[test]
    fn subjects_of_possessive_noun_cues_free_relatives_and_singular_phrases() {
        let (v, hi) = view("Cruz has railed against what he calls the “Washington cartel.”");
        let c = cue(&v, hi, "calls");
        let s = cue_subject(&v, 0, c.before.unwrap(), &c).map(|s| s.text(v.body));
        assert_eq!(s, Some("Cruz"));
        let (v, hi) = view("Sanders pushed his promise of “free college.”");
        let c = cue(&v, hi, "promise");
        let s = cue_subject(&v, 0, c.before.unwrap(), &c).map(|s| s.text(v.body));
        assert_eq!(s, Some("Sanders"));
        let (v, hi) = view("It was a rare note of “humility.”");
        let c = cue(&v, hi, "note");
        assert_eq!(cue_subject(&v, 0, c.before.unwrap(), &c), None);
    }

    #[test]
    fn content_around_before_or_after_the_cue() {
        let (v, hi) = view("South Carolina, he said, was “where we have a chance.”");
        let c = cue(&v, hi, "said");
        let s = cue_subject(&v, 0, c.before.unwrap(), &c).expect("a subject");
        assert_eq!(
            one(&v, inside_content(&v, 0, hi, &c, s)),
            said(
                "he",
                "South Carolina, he said, was “where we have a chance.”"
            )
        );
        let (v, hi) = view("“We will not pay,” Putin said.");
        let c = cue(&v, hi, "said");
        let s = cue_subject(&v, 0, c.before.unwrap(), &c).expect("a subject");
        assert_eq!(one(&v, inside_content(&v, 0, hi, &c, s)), None);
        assert_eq!(
            one(&v, content_before_subject(&v, 0, hi, &c, s)),
            said("Putin", "“We will not pay,")
        );
        assert_eq!(
            frames("Putin said that the talks failed."),
            vec![(Some("Putin".into()), "the talks failed".into())]
        );
    }

    #[test]
    fn a_cue_closing_its_sentence_introduces_the_next_quote() {
        let (v, hi) = view("Feinstein said in a statement.");
        let c = cue(&v, hi, "said");
        let s = cue_subject(&v, 0, c.before.unwrap(), &c).expect("a subject");
        assert_eq!(
            one(&v, closing_introduction(&v, 0, hi, &c, s)),
            said("Feinstein", "")
        );
        let (v, hi) = view("Feinstein said the bill would pass in a statement.");
        let c = cue(&v, hi, "said");
        let s = cue_subject(&v, 0, c.before.unwrap(), &c).expect("a subject");
        assert_eq!(one(&v, closing_introduction(&v, 0, hi, &c, s)), None);
    }
}
