//! Relayed attributions: "according to X" and "as X put it", which name a source without a
//! speech verb, and the rule that a verb's own speaker wins over a relay of the same words.

use super::super::View;
use super::super::lexicon::is_one_of;
use super::super::reported::{
    Frame, appositive_subject, content_before, content_to_end, first_token, has_quote, words_in,
};
use super::super::speaker::{mention_left, mention_right};
use crate::article::Span;

/// Whether token `k` opens "according to".
pub fn is_according_to(v: &View, k: usize, hi: usize) -> bool {
    is_one_of(v.word(k), &["according"]) && k + 1 < hi && is_one_of(v.word(k + 1), &["to"])
}

/// "According to X, …" and "…, according to X." (`k` is "according"): X's words are the
/// clause before it, else what follows X and its comma.
pub fn according_to(v: &View, lo: usize, hi: usize, k: usize) -> Option<Frame> {
    let cue = Span::new(v.span(k).start, v.span(k + 1).end);
    let speaker = mention_right(v, k + 2, hi);
    let content = if words_in(v, lo, k) >= 3 || has_quote(v, lo, k) {
        content_before(v, lo, k)?
    } else {
        // After the speaker phrase and its comma.
        let after = speaker.map_or(v.span(k + 1).end, |s| s.end);
        let mut a = v.token_at(k + 2, hi, after)?;
        while a < hi && v.word(a) != "," && !v.quoted(a) {
            a += 1;
        }
        while a < hi && v.word(a) == "," {
            a += 1;
        }
        content_to_end(v, a, hi)?
    };
    Some(Frame {
        cue,
        speaker,
        content,
    })
}

/// Whether token `k` opens "put it" / "puts it".
pub fn is_put_it(v: &View, k: usize) -> bool {
    is_one_of(v.word(k), &["put", "puts"]) && is_one_of(v.word(k + 1), &["it"])
}

/// "As X put it, “…”" and "…, as X put it." (`k` is "put"): X's words are the rest of the
/// sentence after the comma, or the clause before "as". "As Tom Ridge, a former secretary,
/// put it": the speaker may carry an appositive.
pub fn as_put_it(v: &View, lo: usize, hi: usize, k: usize) -> Option<Frame> {
    let b = k.checked_sub(1)?;
    let speaker = match mention_left(v, lo, b) {
        Some(m) => m,
        None if v.word(b) == "," => appositive_subject(v, lo, b)?.0,
        None => return None,
    };
    let as_tok = first_token(v, lo, hi, speaker)?.checked_sub(1)?;
    if as_tok < lo || !is_one_of(v.word(as_tok), &["as"]) {
        return None;
    }
    let content = if words_in(v, lo, as_tok) >= 3 || has_quote(v, lo, as_tok) {
        content_before(v, lo, as_tok)?
    } else {
        // "put it in his memo to employees, “…”": over a short adjunct to the comma.
        let a = (k + 2..hi.min(k + 14))
            .find(|&t| v.quoted(t) || matches!(v.word(t), "," | ":"))
            .filter(|&t| !v.quoted(t))?;
        content_to_end(v, a + 1, hi)?
    };
    Some(Frame {
        cue: Span::new(v.span(k).start, v.span(k + 1).end),
        speaker: Some(speaker),
        content,
    })
}

/// "“…,” he said, according to Reuters": an "according to" frame whose content overlaps a
/// verb's frame is dropped; the verb's speaker said it, the relay only reports it.
pub fn relay_yields_to_verb(v: &View, out: &mut Vec<Frame>) {
    let relayed = |f: &Frame| {
        is_one_of(
            f.cue.text(v.body).split(' ').next().unwrap_or(""),
            &["according"],
        )
    };
    let verb_contents: Vec<Span> = out
        .iter()
        .filter(|f| !relayed(f))
        .map(|f| f.content)
        .collect();
    out.retain(|f| {
        !f.cue.text(v.body).starts_with(['a', 'A'])
            || !relayed(f)
            || !verb_contents
                .iter()
                .any(|c| c.start < f.content.end && f.content.start < c.end)
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, frames, one, said, view};
    use super::*;

    #[test]
    fn according_to_after_its_clause_and_opening_it() {
        let (v, hi) = view("The plan will cost $3 billion, according to state officials.");
        let k = at(&v, hi, "according");
        assert!(is_according_to(&v, k, hi));
        assert_eq!(
            one(&v, according_to(&v, 0, hi, k)),
            said("state officials", "The plan will cost $3 billion")
        );
        let (v, hi) = view("According to the report, the mine will close in May.");
        assert_eq!(
            one(&v, according_to(&v, 0, hi, 0)),
            said("the report", "the mine will close in May")
        );
    }

    #[test]
    fn as_put_it_before_and_after_its_words() {
        let (v, hi) = view("As Tom Hale put it in his letter, “The money is simply not there.”");
        let k = at(&v, hi, "put");
        assert!(is_put_it(&v, k));
        assert_eq!(
            one(&v, as_put_it(&v, 0, hi, k)),
            said("Tom Hale", "“The money is simply not there.”")
        );
        let (v, hi) = view("The money is simply not there, as Tom Hale put it.");
        assert_eq!(
            one(&v, as_put_it(&v, 0, hi, at(&v, hi, "put"))),
            said("Tom Hale", "The money is simply not there")
        );
    }

    #[test]
    fn the_verbs_speaker_wins_over_the_relay() {
        let got = frames("“We will not pay,” he said, according to Reuters.");
        assert_eq!(got, vec![(Some("he".into()), "“We will not pay,".into())]);
    }
}
