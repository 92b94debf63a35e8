//! Participle cues ("saying", "adding"): their speaker is the subject of the clause they hang
//! on, or of the attribution before them; an absolute phrase names its own ("with Cruz
//! promising …"); a participle opening the sentence takes the main clause's speaker.

use super::super::View;
use super::super::lexicon::{
    is_cap, is_one_of, is_participle_preposition, is_speaker_noun, is_subject_pronoun,
};
use super::super::reported::{
    Frame, clause_subject, first_token, looks_finite, quote_cut_before, sentence_subject,
    verb_group_start,
};
use super::super::speaker::mention_left;
use super::Cue;

/// "…, with Cruz promising to “…”": an absolute phrase after "with" names its own speaker
/// (a name, or a noun such as "officials").
pub fn absolute_with(v: &View, lo: usize, hi: usize, c: &Cue) -> Option<Frame> {
    if c.punct_before {
        return None;
    }
    let (content, b) = (c.forward?, c.before?);
    let m = mention_left(v, lo, b)?;
    let first = first_token(v, lo, hi, m)?;
    let named = m
        .text(v.body)
        .rsplit(' ')
        .next()
        .is_some_and(|h| is_cap(h) || is_speaker_noun(h));
    (first > lo && !v.quoted(first - 1) && is_one_of(v.word(first - 1), &["with"]) && named)
        .then_some(Frame {
            cue: c.span,
            speaker: Some(m),
            content,
        })
}

/// "…, saying that …", "“…,” she said, adding that …", "She followed that by saying, “…”",
/// "Noting that …, Tester added: “…”": a participle after punctuation or a preposition. Its
/// speaker is that of an attribution before it in the sentence (`found`), else the subject
/// of its own clause ("When he returned he began by saying": the subject of the verb before
/// the preposition), else the sentence's. With `true`, it opens the sentence: its content
/// ends at its comma (or a quote cut by one: "Recalling “…,” the statement urged"), and its
/// speaker is the main clause's, which [`opening_takes_next_speaker`] gives it.
pub fn participle_clause(
    v: &View,
    lo: usize,
    hi: usize,
    c: &Cue,
    found: &[Frame],
) -> Option<(Frame, bool)> {
    let after_prep = c
        .before
        .is_some_and(|b| is_participle_preposition(v.word(b)));
    let mut content = c.forward?;
    if !(c.punct_before || after_prep) {
        return None;
    }
    let mut opening = false;
    if c.before.is_none()
        && let Some(e) = (c.k + 1..hi).find(|&t| {
            (!v.quoted(t) && v.word(t) == ",")
                || (v.quoted(t) && !v.quoted(t + 1) && quote_cut_before(v, lo, t))
        })
        && v.span(e).start > content.start
    {
        content.end = if v.quoted(e) {
            v.span(e).end
        } else {
            v.span(e - 1).end
        };
        opening = true;
    }
    let before_frame = found
        .iter()
        .rev()
        .find(|f| f.cue.end <= c.span.start && f.speaker.is_some())
        .and_then(|f| f.speaker);
    let prep_subject = c
        .before
        .filter(|_| after_prep)
        .and_then(|b| b.checked_sub(1))
        .filter(|&t| t > lo && !v.quoted(t) && looks_finite(v.word(t)))
        .and_then(|t| {
            let s = verb_group_start(v, lo, t);
            mention_left(v, lo, s.checked_sub(1).filter(|&h| h >= lo)?)
        })
        .filter(|m| {
            let t = m.text(v.body);
            is_cap(t) || is_subject_pronoun(t)
        });
    let own = prep_subject.or_else(|| clause_subject(v, lo, c.k));
    let speaker = before_frame.or(own).or_else(|| sentence_subject(v, lo, hi));
    Some((
        Frame {
            cue: c.span,
            speaker,
            content,
        },
        opening,
    ))
}

/// The frames at `opening` (participles opening their sentence) take the speaker of the
/// first frame whose cue comes after their content.
pub fn opening_takes_next_speaker(out: &mut [Frame], opening: &[usize]) {
    for &i in opening {
        let end = out[i].content.end;
        if let Some(sp) = out[i + 1..]
            .iter()
            .find(|f| f.cue.start >= end)
            .and_then(|f| f.speaker)
        {
            out[i].speaker = Some(sp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{cue, frames, one, said, view};
    use super::*;

    #[test]
    fn absolute_phrase_names_its_own_speaker() {
        let (v, hi) = view("The debate ended, with Cruz saying that he would win.");
        let c = cue(&v, hi, "saying");
        assert_eq!(
            one(&v, absolute_with(&v, 0, hi, &c)),
            said("Cruz", "he would win")
        );
        let (v, hi) = view("The debate ended, saying that he would win.");
        let c = cue(&v, hi, "saying");
        assert_eq!(one(&v, absolute_with(&v, 0, hi, &c)), None);
    }

    #[test]
    fn participle_after_a_comma_or_a_preposition() {
        let (v, hi) = view("Sanders spoke for an hour, saying that the system is rigged.");
        let c = cue(&v, hi, "saying");
        let (f, opening) = participle_clause(&v, 0, hi, &c, &[]).expect("a frame");
        assert!(!opening);
        assert_eq!(one(&v, Some(f)), said("Sanders", "the system is rigged"));
        let (v, hi) = view("When he returned he began by saying that he was sorry.");
        let c = cue(&v, hi, "saying");
        let (f, _) = participle_clause(&v, 0, hi, &c, &[]).expect("a frame");
        assert_eq!(one(&v, Some(f)), said("he", "he was sorry"));
    }

    #[test]
    fn opening_participle_takes_the_main_clauses_speaker() {
        let got = frames("Noting that the vote was close, Tester added: “We will try again.”");
        assert_eq!(got[0], (Some("Tester".into()), "the vote was close".into()));
    }
}
