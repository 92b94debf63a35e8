//! The attribution patterns `reported::frames` tries, one named rule each, with its example
//! sentences and tests beside it; one file per family:
//! - `relay`: "according to X", "as X put it", and the relay yielding to a verb's speaker;
//! - `governed`: a speaker that is another verb's object or agent (infinitive, passive);
//! - `participle`: participle clauses ("…, saying …", "by saying", "with X saying");
//! - `inverted`: the cue before its speaker ("said Mr. Smith", "Said Comey, “…”") and the
//!   appositive ("X, a spokesman, said");
//! - `subject`: the cue after its subject, with the content after it, before it or around it;
//! - `colon`: a subject and a colon before a quote, and a paragraph closing with a colon;
//! - `nested`: a cue inside another frame's content.
//!
//! A per-cue pattern reads a [`Cue`]; the whole-sentence ones read the frames found so far.

pub(super) mod colon;
pub(super) mod governed;
pub(super) mod inverted;
pub(super) mod nested;
pub(super) mod participle;
pub(super) mod relay;
pub(super) mod subject;

use super::View;
use super::lexicon::CueForm;
use super::reported::{content_to_end, forward_start, is_be_form, is_word, verb_group_start};
use crate::article::Span;

/// A cue verb of a sentence and what the patterns read around it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    /// The verb's first token and last token ("shot back" has two).
    pub k: usize,
    pub kv: usize,
    /// A participle after a form of "be" ("is promising") counts as finite.
    pub form: CueForm,
    /// The verb's bytes.
    pub span: Span,
    /// The first token of the verb group (auxiliaries and adverbs before the verb).
    pub j: usize,
    /// The token just before the verb group, if the sentence has one.
    pub before: Option<usize>,
    /// What the verb governs after it, to the sentence end ("said that …", "said: “…”").
    pub forward: Option<Span>,
    /// The verb group opens the sentence or follows a quote or punctuation (not a closing
    /// parenthesis, which ends a speaker phrase: "Rubio (R-Fla.) said").
    pub punct_before: bool,
}

impl Cue {
    /// The cue of form `form` whose verb runs over tokens `k..=kv` of the sentence `lo..hi`.
    pub fn new(v: &View, lo: usize, hi: usize, k: usize, kv: usize, form: CueForm) -> Cue {
        let j = verb_group_start(v, lo, k);
        let before = (j > lo).then(|| j - 1);
        let form = if form == CueForm::Participle && (j..k).any(|t| is_be_form(v.word(t))) {
            CueForm::Finite
        } else {
            form
        };
        Cue {
            k,
            kv,
            form,
            span: Span::new(v.span(k).start, v.span(kv).end),
            j,
            before,
            forward: forward_start(v, kv, hi).and_then(|a| content_to_end(v, a, hi)),
            punct_before: before
                .is_none_or(|b| v.quoted(b) || !is_word(v.word(b)) && v.word(b) != ")"),
        }
    }
}

#[cfg(test)]
pub(super) mod testing {
    //! One sentence as a `View`, and frames shown as (speaker, content) text.
    use super::super::reported::{self, Frame};
    use super::super::{View, direct};
    use super::Cue;
    use crate::article::Span;
    use crate::extract::quotes::lexicon::cue_form;
    use crate::extract::token::tokenize;

    /// The view of `body` (one paragraph) with its quotes marked, and its token count.
    pub fn view(body: &'static str) -> (View<'static>, usize) {
        let tokens: &'static [_] = Box::leak(tokenize(body).into_boxed_slice());
        let quotes = direct::quotes_in(body, Span::new(0, body.len()));
        let quoted = tokens
            .iter()
            .map(|t| {
                quotes
                    .iter()
                    .any(|q| q.outer.start <= t.span.start && t.span.end <= q.outer.end)
            })
            .collect();
        let n = tokens.len();
        (
            View {
                body,
                tokens,
                quoted,
            },
            n,
        )
    }

    /// The cue at the first token `word` of the view (one token long).
    pub fn cue(v: &View, hi: usize, word: &str) -> Cue {
        let k = (0..hi)
            .find(|&k| v.word(k) == word && !v.quoted(k))
            .expect("the cue word is in the sentence");
        let form = cue_form(word).expect("a cue verb");
        Cue::new(v, 0, hi, k, k, form)
    }

    /// The token index of the first `word`.
    pub fn at(v: &View, hi: usize, word: &str) -> usize {
        (0..hi)
            .find(|&k| v.word(k) == word)
            .expect("the word is in the sentence")
    }

    /// (speaker, content) of a frame.
    pub fn shown(v: &View, f: Frame) -> (Option<String>, String) {
        (
            f.speaker.map(|s| s.text(v.body).to_string()),
            f.content.text(v.body).to_string(),
        )
    }

    /// (speaker, content) of a frame, if one.
    pub fn one(v: &View, f: Option<Frame>) -> Option<(Option<String>, String)> {
        f.map(|f| shown(v, f))
    }

    /// The frames of `body` read as one sentence.
    pub fn frames(body: &'static str) -> Vec<(Option<String>, String)> {
        let (v, hi) = view(body);
        reported::frames(&v, 0, hi)
            .into_iter()
            .map(|f| shown(&v, f))
            .collect()
    }

    /// `Some((Some(speaker), content))`, for comparing with `one`.
    pub fn said(speaker: &str, content: &str) -> Option<(Option<String>, String)> {
        Some((Some(speaker.to_string()), content.to_string()))
    }
}
