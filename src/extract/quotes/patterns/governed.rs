//! A speaker that is not the cue's subject but an argument of another verb: the object of a
//! verb governing an infinitive cue ("prompted Trump to say"), or a passive cue's agent ("was
//! asked by moderator Gerard Baker").

use super::super::View;
use super::super::lexicon::{
    is_article, is_cap, is_complementizer, is_one_of, is_prompting_verb, is_subject_pronoun,
    is_tell_object,
};
use super::super::reported::{
    Frame, clause_subject, content_to_end, forward_start, is_be_form, is_word, sentence_subject,
};
use super::super::speaker::{mention_left, mention_right};
use super::Cue;
use crate::article::Span;

/// "Mr. Trump was prompted to say, “…”", "That prompted the Atlas to state, “…”": an
/// infinitive cue (base form at token `k`, last token `kv`) with its quote right after it
/// speaks for the verb's object, if a verb like "prompted" governs it, else for the clause's
/// subject ("Trump went on to say").
pub fn infinitive(v: &View, lo: usize, hi: usize, k: usize, kv: usize) -> Option<Frame> {
    if k <= lo + 1 || v.quoted(k - 1) || !is_one_of(v.word(k - 1), &["to"]) {
        return None;
    }
    let a = forward_start(v, kv, hi).filter(|&a| v.quoted(a))?;
    let content = content_to_end(v, a, hi)?;
    // The object: a name or an object pronoun right after the verb.
    let mut f = k - 1;
    if is_tell_object(v.word(k - 2)) && !v.quoted(k - 2) {
        f = k - 2;
    } else {
        while f > lo && !v.quoted(f - 1) && (is_cap(v.word(f - 1)) || v.word(f - 1) == ".") {
            f -= 1;
        }
    }
    let object = (f < k - 1 && f > lo && is_prompting_verb(v.word(f - 1)))
        .then(|| Span::new(v.span(f).start, v.span(k - 2).end));
    // Else the name or pronoun just before the governing verb ("Mr. Trump was prompted to
    // say", "Trump went on to say").
    let subject = (k.saturating_sub(6).max(lo)..k - 1)
        .rev()
        .find(|&t| !v.quoted(t) && (is_cap(v.word(t)) || is_subject_pronoun(v.word(t))))
        .filter(|&t| (t + 1..k - 1).all(|u| !is_cap(v.word(u)) && is_word(v.word(u))))
        .and_then(|t| mention_left(v, lo, t));
    let speaker = object
        .or(subject)
        .or_else(|| clause_subject(v, lo, k - 1))
        .or_else(|| sentence_subject(v, lo, hi))
        .filter(|s| !is_article(s.text(v.body)));
    Some(Frame {
        cue: Span::new(v.span(k).start, v.span(kv).end),
        speaker,
        content,
    })
}

/// "Rubio was asked by moderator Gerard Baker whether …", "was asked by host Bill Maher,
/// who …, “…”": a passive cue's agent speaks the quote or clause that follows it.
pub fn passive_agent(v: &View, hi: usize, c: &Cue) -> Option<Frame> {
    let passive = (c.j..c.kv).any(|t| is_be_form(v.word(t)));
    if !passive || c.kv + 2 >= hi || !is_one_of(v.word(c.kv + 1), &["by"]) {
        return None;
    }
    let agent = mention_right(v, c.kv + 2, hi)?;
    let after = v.token_at(c.kv + 2, hi, agent.end)?;
    // Over an appositive to the quote, or to "whether", "if", "that".
    let a = (after..hi.min(after + 25)).find(|&t| v.quoted(t) || is_complementizer(v.word(t)))?;
    let a = if v.quoted(a) { a } else { a + 1 };
    Some(Frame {
        cue: c.span,
        speaker: Some(agent),
        content: content_to_end(v, a, hi)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, cue, one, said, view};
    use super::*;

    #[test]
    fn infinitive_speaks_for_the_prompted_object_or_the_subject() {
        let (v, hi) = view("The question prompted Trump to say, “I will win.”");
        let k = at(&v, hi, "say");
        assert_eq!(
            one(&v, infinitive(&v, 0, hi, k, k)),
            said("Trump", "“I will win.”")
        );
        let (v, hi) = view("Mr. Trump was prompted to say, “I will win.”");
        let k = at(&v, hi, "say");
        assert_eq!(
            one(&v, infinitive(&v, 0, hi, k, k)),
            said("Mr. Trump", "“I will win.”")
        );
        // No quote after it: not this pattern.
        let (v, hi) = view("He wanted to say that he would win.");
        let k = at(&v, hi, "say");
        assert_eq!(one(&v, infinitive(&v, 0, hi, k, k)), None);
    }

    #[test]
    fn passive_cue_gives_its_agent() {
        let (v, hi) = view("Rubio was asked by moderator Gerard Baker whether he would run.");
        let c = cue(&v, hi, "asked");
        assert_eq!(
            one(&v, passive_agent(&v, hi, &c)),
            said("moderator Gerard Baker", "he would run")
        );
        let (v, hi) = view("Rubio asked Gerard Baker whether he would run.");
        let c = cue(&v, hi, "asked");
        assert_eq!(one(&v, passive_agent(&v, hi, &c)), None);
    }
}
