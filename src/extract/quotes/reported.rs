//! Attribution frames of one sentence: a cue (speech verb or "according to"), the speaker
//! mention, and the content it introduces. Handles the forward order ("Putin said that …",
//! "X told reporters …", "X said in a statement: “…”"), the inverted order ("…," Putin said /
//! "…," said Mr. Smith / "…, according to officials") and participles ("…, saying that …").
//! Content runs from the cue's complement to the sentence end, or from the sentence start to
//! the comma before an inverted attribution. Whether content is quoted is decided by the
//! caller, which knows the quotation marks.
//!
//! [`frames`] finds the cues and tries the named patterns of `patterns` in order; this file
//! holds the clause reading they share (content spans, verb groups, clause subjects).

use super::View;
use super::lexicon::{
    CueForm, cue_form, is_adjunct_opener, is_aux_or_adverb, is_be, is_cap, is_clause_marker,
    is_clause_opener, is_complement_stop, is_complementizer, is_coordinator, is_cue_blocker,
    is_cue_with_hearer, is_determiner, is_irregular_past, is_name_not_modal, is_np_stop, is_one_of,
    is_phrase_preposition, is_sentence_opener, is_speaker_noun, is_subject_pronoun, is_tell_object,
    is_time_noun, is_title, is_wh_word, needs_clause, turns_back,
};
use super::patterns::{Cue, colon, governed, inverted, nested, participle, relay, subject};
use super::speaker::{mention_left, mention_right};
use crate::article::Span;

/// One attribution found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub cue: Span,
    pub speaker: Option<Span>,
    pub content: Span,
}

pub(super) use crate::extract::token::is_word;

/// Content from token `a` to the end of the sentence `..hi`, without final punctuation. At the
/// very end (an introduction such as "he declared:"), an empty span there.
pub(super) fn content_to_end(v: &View, a: usize, hi: usize) -> Option<Span> {
    if a >= hi && hi > 0 {
        let end = v.span(hi - 1).end;
        return Some(Span::new(end, end));
    }
    let mut b = hi;
    while b > a && !v.quoted(b - 1) && !is_word(v.word(b - 1)) {
        b -= 1;
    }
    (b > a).then(|| Span::new(v.span(a).start, v.span(b - 1).end))
}

/// Content from the sentence start `lo` to before token `b` (a comma or the cue).
pub(super) fn content_before(v: &View, lo: usize, b: usize) -> Option<Span> {
    let mut a = (lo..b)
        .rev()
        .find(|&t| {
            !v.quoted(t) && matches!(v.word(t), "—" | "–" | ";" | "(")
                || (!v.quoted(t)
                    && v.word(t) == "-"
                    && t > lo
                    && v.span(t - 1).end < v.span(t).start)
        })
        .map_or(lo, |t| t + 1);
    while a < b && !v.quoted(a) && !is_word(v.word(a)) {
        a += 1;
    }
    let mut e = b;
    while e > a && !v.quoted(e - 1) && !is_word(v.word(e - 1)) {
        e -= 1;
    }
    (e > a).then(|| Span::new(v.span(a).start, v.span(e - 1).end))
}

pub(super) fn words_in(v: &View, a: usize, b: usize) -> usize {
    (a..b).filter(|&k| is_word(v.word(k))).count()
}

/// Whether `w` is a quotation-mark token (or part of one: the NYT's '').
fn is_mark(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| "“”\"'`’‘„".contains(c))
}

/// Whether the quoted token `q` closes a quote cut where an attribution goes: its words end
/// with a comma, a question or exclamation mark or a dash ("“…,” she said"), or a comma
/// follows the mark ("\"…\", she said").
pub(crate) fn quote_cut_before(v: &View, lo: usize, q: usize) -> bool {
    if !v.quoted(q) || !is_mark(v.word(q)) {
        return false;
    }
    if v.word(q + 1) == "," && !v.quoted(q + 1) {
        return true;
    }
    (lo..q)
        .rev()
        .find(|&t| !is_mark(v.word(t)))
        .is_some_and(|t| v.quoted(t) && matches!(v.word(t), "," | "?" | "!" | "—" | "–" | "-"))
}

/// "“…,” a Democratic staffer in the room wondered": after a quote cut by a comma (or ending
/// with ? or !), every word up to the verb is its subject, prepositional phrases and
/// appositives included, as long as it opens like a noun phrase. `b` is the token before the
/// verb group.
pub(super) fn quote_subject(v: &View, lo: usize, b: usize) -> Option<Span> {
    let mut a = b;
    while !v.quoted(a) {
        let w = v.word(a);
        if matches!(w, "." | ";" | ":" | "!" | "?" | "—" | "–") || a <= lo || b - a > 24 {
            return None;
        }
        a -= 1;
    }
    if !quote_cut_before(v, lo, a) {
        return None;
    }
    let mut first = a + 1;
    if v.word(first) == "," {
        first += 1;
    }
    if first > b || !is_word(v.word(b)) && v.word(b) != ")" {
        return None;
    }
    let w = v.word(first);
    let opens_np = is_cap(w)
        || is_determiner(w)
        || is_subject_pronoun(w)
        || w.starts_with(|c: char| c.is_ascii_digit());
    // No clause inside: "a flaw that allowed Roof to buy a gun before the check" is none.
    if !opens_np
        || (first..=b).any(|t| {
            let w = v.word(t);
            cue_form(w).is_some() || is_clause_marker(w)
        })
    {
        return None;
    }
    Some(Span::new(v.span(first).start, v.span(b).end))
}

/// "“…?” Hannity pressed.", "“…,” scoffed Ms. Gil": a verb outside the lexicon read as a
/// cue where only an attribution can stand — right after a cut quote with its subject after
/// it, or after the subject of such a quote — and the attribution ends there (a full stop, a
/// comma, an adverb or an adjunct follows).
pub(crate) fn unknown_cue(v: &View, lo: usize, hi: usize, k: usize) -> bool {
    let w = v.word(k);
    if v.quoted(k)
        || w.len() < 5
        || !w.ends_with("ed")
        || !w.starts_with(|c: char| c.is_ascii_lowercase())
        || cue_form(w).is_some()
    {
        return false;
    }
    let ends = |t: usize| t >= hi || matches!(v.word(t), "." | "," | "!" | ";");
    let closes =
        |t: usize| ends(t) || (v.word(t).ends_with("ly") && !is_cap(v.word(t)) && ends(t + 1));
    let j = verb_group_start(v, lo, k);
    let Some(b) = j.checked_sub(1).filter(|&b| b >= lo) else {
        return false;
    };
    let q = if v.word(b) == "," && b > lo { b - 1 } else { b };
    if v.quoted(q) {
        // Cue first: the subject follows.
        let n = v.word(k + 1);
        if !quote_cut_before(v, lo, q)
            || !(is_cap(n) || is_determiner(n) || is_speaker_noun(n) || is_title(n))
        {
            return false;
        }
        return mention_right(v, k + 1, hi).is_some_and(|m| {
            let after = v.token_at(k + 1, hi, m.end).unwrap_or(hi);
            closes(after)
        });
    }
    quote_subject(v, lo, b).is_some_and(|s| first_token(v, lo, hi, s).is_some_and(|f| b < f + 8))
        && closes(k + 1)
}

pub(super) fn has_quote(v: &View, a: usize, b: usize) -> bool {
    (a..b).any(|k| v.quoted(k))
}

/// The token where the content after the cue at token `cue` starts, if anything the cue
/// governs follows it (a quote, "that …", a clause, after its hearer and adjuncts).
pub(super) fn forward_start(v: &View, cue: usize, hi: usize) -> Option<usize> {
    let cue_word = v.word(cue);
    let mut r = cue + 1;
    // "told reporters that", "asked him whether"
    if r < hi && is_cue_with_hearer(cue_word) && is_tell_object(v.word(r)) {
        r += 1;
    }
    // Adjuncts: "in a statement", "on Tuesday", "at a rally in Iowa"
    let mut guard = 0;
    while r < hi && !v.quoted(r) && is_adjunct_opener(v.word(r)) && guard < 3 {
        guard += 1;
        let mut k = r + 1;
        while k < hi
            && k < r + 14
            && !v.quoted(k)
            && is_word(v.word(k))
            && !is_one_of(v.word(k), &["that"])
        {
            k += 1;
        }
        if k >= hi || k >= r + 14 {
            return None;
        }
        r = k;
    }
    if r >= hi {
        return None;
    }
    let w = v.word(r);
    if v.quoted(r) {
        return Some(r);
    }
    if w == ":" || w == "," || w == "—" || w == "–" {
        let n = r + 1;
        if n < hi && (v.quoted(n) || w == ":" || w == "—") {
            return Some(n);
        }
        // "he declared:" ending the paragraph: the quote comes in the next one.
        if n >= hi && w == ":" {
            return Some(hi);
        }
        // "He added, though, that …", "she announced, in capital letters, “…”": a short
        // parenthesis between the cue and its content.
        if w == "," {
            let c = (n..hi.min(n + 8)).find(|&t| v.quoted(t) || !is_word(v.word(t)))?;
            // Not over an attribution of its own: "believed about X, he said, “…”".
            if (n..c).any(|t| cue_form(v.word(t)) == Some(CueForm::Finite)) {
                return None;
            }
            if v.word(c) == "," && !v.quoted(c) && c + 1 < hi {
                if v.quoted(c + 1) {
                    return Some(c + 1);
                }
                if is_one_of(v.word(c + 1), &["that"]) && c + 2 < hi {
                    return Some(c + 2);
                }
            }
        }
        return None;
    }
    if is_complementizer(w) {
        return (r + 1 < hi).then_some(r + 1);
    }
    // "described as “volatile”"
    if is_one_of(w, &["as"]) && r + 1 < hi && v.quoted(r + 1) {
        return Some(r + 1);
    }
    let quote_soon = (r..hi.min(r + 8)).any(|t| v.quoted(t));
    if !is_word(w) || needs_clause(cue_word) && !quote_soon && !is_wh_word(w) {
        return None;
    }
    // A bare noun phrase or clause after a verb that takes one.
    if is_complement_stop(w) {
        return None;
    }
    Some(r)
}

/// The token index of the first token of `span` (a mention found in this view).
pub(super) fn first_token(v: &View, lo: usize, hi: usize, span: Span) -> Option<usize> {
    v.token_at(lo, hi, span.start)
}

pub(super) fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "—" | "–")
}

/// The first token of the verb group ending before token `k`: auxiliaries and adverbs.
pub(super) fn verb_group_start(v: &View, lo: usize, k: usize) -> usize {
    let mut j = k;
    while j > lo && !v.quoted(j - 1) && in_verb_group(v, lo, j - 1) {
        j -= 1;
    }
    j
}

pub(super) fn is_be_form(w: &str) -> bool {
    is_be(w)
}

/// Whether token `t`, before a verb, belongs to its verb group: an auxiliary, an adverb, or a
/// pronoun's contracted auxiliary ("he's said"; after a name "'s" is a possessive).
fn in_verb_group(v: &View, lo: usize, t: usize) -> bool {
    let w = v.word(t);
    !is_name_not_modal(w, v.word(t + 1)) && is_aux_or_adverb(w)
        || matches!(w, "'s" | "’s" | "'ve" | "’ve" | "'d" | "’d" | "'ll" | "’ll")
            && t > lo
            && is_subject_pronoun(v.word(t - 1))
}

/// Whether token `k` opens a two-word cue: "shot/fired/hit/pushed back", or "went/goes on"
/// where the attribution ends ("…,” she went on." continues her words; "goes on a spree"
/// does not).
pub(crate) fn phrasal_cue(v: &View, k: usize, hi: usize) -> bool {
    let w = v.word(k);
    k + 1 < hi
        && (turns_back(w) && is_one_of(v.word(k + 1), &["back"])
            || is_one_of(w, &["went", "goes"])
                && is_one_of(v.word(k + 1), &["on"])
                && (k + 2 >= hi || matches!(v.word(k + 2), "." | "," | ":" | "!")))
}

/// Attribution frames of the sentence made of tokens `lo..hi`: the per-cue patterns at each
/// cue, then the colon introductions, the relay rule and nested speech.
pub fn frames(v: &View, lo: usize, hi: usize) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    // Participles opening the sentence: their speaker is the next attribution's.
    let mut opening_participles: Vec<usize> = Vec::new();
    let mut k = lo;
    while k < hi {
        k = frames_at(v, lo, hi, k, &mut out, &mut opening_participles);
    }
    participle::opening_takes_next_speaker(&mut out, &opening_participles);
    if let Some(f) = colon::colon_quote(v, lo, hi, &out) {
        out.push(f);
    }
    if let Some(f) = colon::closing_colon(v, lo, hi, &out) {
        out.push(f);
    }
    relay::relay_yields_to_verb(v, &mut out);
    nested::resolve(v, lo, hi, out)
}

/// The frames of the cue at token `k`, if it is one, pushed on `out` (the index of an opening
/// participle's on `opening`); returns the token to go on from.
fn frames_at(
    v: &View,
    lo: usize,
    hi: usize,
    k: usize,
    out: &mut Vec<Frame>,
    opening: &mut Vec<usize>,
) -> usize {
    let w = v.word(k);
    if v.quoted(k) || !is_word(w) {
        return k + 1;
    }
    if relay::is_according_to(v, k, hi) {
        out.extend(relay::according_to(v, lo, hi, k));
        return k + 2;
    }
    if relay::is_put_it(v, k)
        && let Some(f) = relay::as_put_it(v, lo, hi, k)
    {
        out.push(f);
        return k + 2;
    }
    // "Rubio shot back": a phrasal cue; `kv` is the verb's last token.
    let phrasal = phrasal_cue(v, k, hi);
    let kv = k + usize::from(phrasal);
    let Some(form) = cue_form(w)
        .or(phrasal.then_some(CueForm::Finite))
        .or_else(|| unknown_cue(v, lo, hi, k).then_some(CueForm::Finite))
    else {
        return k + 1;
    };
    if form == CueForm::Base
        && let Some(f) = governed::infinitive(v, lo, hi, k, kv)
    {
        out.push(f);
        return k + 1;
    }
    if names_not_speech(v, lo, k) {
        return k + 1;
    }
    let c = Cue::new(v, lo, hi, k, kv, form);
    if let Some(f) = governed::passive_agent(v, hi, &c) {
        out.push(f);
        return k + 1;
    }
    if c.form == CueForm::Participle {
        if let Some(f) = participle::absolute_with(v, lo, hi, &c) {
            out.push(f);
        } else if let Some((f, opens)) = participle::participle_clause(v, lo, hi, &c, out) {
            if opens {
                opening.push(out.len());
            }
            out.push(f);
        }
        return k + 1;
    }
    if let Some(f) = subject::dashed_subject(v, lo, &c) {
        out.push(f);
        return k + 1;
    }
    if c.punct_before {
        let appositive = c
            .before
            .filter(|&b| b > lo && !v.quoted(b - 1))
            .and_then(|b| inverted::appositive(v, lo, b, &c));
        out.extend(appositive.or_else(|| inverted::inverted(v, lo, hi, &c)));
        return k + 1;
    }
    let Some(s) = c.before.and_then(|b| subject::cue_subject(v, lo, b, &c)) else {
        return k + 1;
    };
    let before = subject::inside_content(v, lo, hi, &c, s)
        .or_else(|| subject::content_before_subject(v, lo, hi, &c, s));
    let after = c.forward.map(|content| Frame {
        cue: c.span,
        speaker: Some(s),
        content,
    });
    if before.is_none() && after.is_none() {
        out.extend(subject::closing_introduction(v, lo, hi, &c, s));
    }
    out.extend(before);
    out.extend(after);
    k + 1
}

/// "so-called", "is called", "to be named": a cue after a hyphen or a naming verb names a
/// thing; nobody speaks.
fn names_not_speech(v: &View, lo: usize, k: usize) -> bool {
    k > lo && !v.quoted(k - 1) && (v.word(k - 1) == "-" || is_cue_blocker(v.word(k - 1)))
}

/// "X, a spokesman for Y, said that …": the subject before an appositive ending at `comma`,
/// and the index of the subject's first token.
pub(super) fn appositive_subject(v: &View, lo: usize, comma: usize) -> Option<(Span, usize)> {
    // The phrase starts the clause (the sentence or what follows a quote), and the appositive
    // may hold commas of its own ("Mr. Daniloff, now 81 and retired in Cambridge, Mass.,"):
    // the subject is the first comma-ended name that starts the clause or follows a comma
    // (so "in Columbus, Ohio," is passed over).
    let floor = comma.saturating_sub(40).max(lo);
    let mut b = (floor..comma)
        .rev()
        .find(|&t| v.quoted(t))
        .map_or(floor, |t| t + 1);
    while b < comma
        && !v.quoted(b)
        && (!is_word(v.word(b)) || is_one_of(v.word(b), &["and", "but", "as"]))
    {
        b += 1;
    }
    for c in b + 1..comma {
        if v.word(c) != "," || v.quoted(c) {
            continue;
        }
        let Some(head) = mention_left(v, b, c - 1) else {
            continue;
        };
        let first = v.token_at(b, c, head.start)?;
        if first == b
            || matches!(v.word(first - 1), "," | "(")
            || is_one_of(v.word(first - 1), &["as"])
        {
            return Some((Span::new(head.start, v.span(comma - 1).end), first));
        }
    }
    None
}

/// Whether a lower-case word reads as a finite verb after its subject: a speech verb, a past
/// tense in -ed, a present in -s, or a common irregular past.
pub(super) fn looks_finite(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_lowercase())
        && !is_np_stop(w)
        && (cue_form(w).is_some_and(|f| f != CueForm::Participle)
            || (w.len() > 3 && w.ends_with("ed"))
            || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
            || is_irregular_past(w))
}

/// The subject of the clause that holds token `k`: the last noun phrase before `k` that opens
/// a clause (at the sentence start, after a comma or a conjunction) and is followed by its
/// verb. "When Rubio spoke, a man yelled “…”" → "a man"; "Hours later, Trump returned the
/// favour, telling …" → "Trump".
pub(crate) fn clause_subject(v: &View, lo: usize, k: usize) -> Option<Span> {
    let mut t = k;
    while t > lo {
        t -= 1;
        if v.quoted(t) {
            continue;
        }
        let opens = t == lo || {
            let p = v.word(t - 1);
            if v.quoted(t - 1) {
                is_mark(p)
            } else {
                matches!(p, "," | ";" | "—" | "–") || is_clause_opener(p)
            }
        };
        let w = v.word(t);
        if !opens || !(is_cap(w) || is_subject_pronoun(w) || is_determiner(w)) {
            continue;
        }
        // The phrase runs to its verb: a speech verb, a past tense, a common irregular past,
        // or a present in -s right after a name or pronoun ("Trump says"), possibly after an
        // adverb or auxiliary ("he infamously referred").
        let verb_at = |a: usize, prev: &str| {
            let w = v.word(a);
            looks_finite(w)
                && (!w.ends_with('s')
                    || cue_form(w).is_some()
                    || is_cap(prev)
                    || is_subject_pronoun(prev))
        };
        let stop = k.min(t + 12);
        let mut a = t + 1;
        while a < stop && !v.quoted(a) {
            let w = v.word(a);
            let prev = v.word(a - 1);
            if w == "(" {
                // "Gov. Pat McCrory (R) blamed"
                match (a + 1..stop.min(a + 6)).find(|&u| v.word(u) == ")") {
                    Some(c) => {
                        a = c + 1;
                        continue;
                    }
                    None => break,
                }
            }
            if verb_at(a, prev)
                || (is_aux_or_adverb(w)
                    && !is_cap(w)
                    && a + 1 < stop
                    && !v.quoted(a + 1)
                    && verb_at(a + 1, prev))
            {
                return Some(Span::new(v.span(t).start, v.span(a - 1).end));
            }
            if !(is_word(w) || matches!(w, "-" | "'s" | "’s" | "'" | "’" | ")")) {
                break;
            }
            // Prepositions inside a phrase ("the secretary of state", "a man in the back").
            let inner_prep = is_phrase_preposition(w);
            if !is_cap(w) && !inner_prep && (is_np_stop(w) || is_adjunct_opener(w)) {
                break;
            }
            a += 1;
        }
    }
    None
}

/// The subject at the start of the sentence: "Sanders, insisting that …".
pub(crate) fn sentence_subject(v: &View, lo: usize, hi: usize) -> Option<Span> {
    let mut a = lo;
    // A dateline: "WASHINGTON — Sen. Chuck Grassley …", "Washington (AFP) – Democrat …".
    if let Some(d) = (lo..hi.min(lo + 6)).find(|&t| is_dash(v.word(t)))
        && d > lo
        && (lo..d).all(|t| !v.quoted(t) && (is_cap(v.word(t)) || matches!(v.word(t), "(" | ")")))
    {
        a = d + 1;
    }
    // "And then Trump …", "Back on CNBC, Mr. Trump …", "On Thursday, after the vote, Warren …",
    // "Facing criticism, Mr. Trump …", "In Ames, Iowa, on Sunday, Mrs. Clinton …": skip
    // conjunctions and up to four opening adverbials, each up to its comma.
    let mut skipped = false;
    for _ in 0..4 {
        while a < hi && !v.quoted(a) && (!is_word(v.word(a)) || is_coordinator(v.word(a))) {
            a += 1;
        }
        let w = v.word(a);
        // "Eight years ago,", "A month later,": a time phrase up to its comma.
        let time_phrase = (a + 1..hi.min(a + 5))
            .find(|&t| v.word(t) == ",")
            .is_some_and(|c| is_time_noun(v.word(c - 1)));
        let opener = is_adjunct_opener(w)
            || time_phrase
            || (w.ends_with("ly") && v.word(a + 1) == ",")
            || is_sentence_opener(w)
            || (w.ends_with("ing") && is_cap(w));
        match (a..hi.min(a + 14)).find(|&t| !v.quoted(t) && v.word(t) == ",") {
            // After an adverbial, a lone capitalised word is the rest of a place ("Ames, Iowa,").
            Some(c)
                if (opener || skipped && c <= a + 2 && (a..c).all(|t| is_cap(v.word(t))))
                    && !v.quoted(a) =>
            {
                a = c + 1;
                skipped = true;
            }
            _ => break,
        }
    }
    while a < hi && !is_word(v.word(a)) && !v.quoted(a) {
        a += 1;
    }
    // "Here's Clinton in 1992: “…”"
    if is_one_of(v.word(a), &["here"]) && matches!(v.word(a + 1), "'s" | "’s" | "is") {
        a += 2;
    }
    if a >= hi || v.quoted(a) {
        return None;
    }
    let m = mention_right(v, a, hi)?;
    let t = m.text(v.body);
    // "the Illinois Board of Elections was": a determiner before a name.
    let det_name = is_determiner(v.word(a)) && t.split(' ').skip(1).any(is_cap);
    // "17-year-old Jared Potts echoed:"
    let aged = t.starts_with(|c: char| c.is_ascii_digit());
    (is_cap(t) || det_name || aged || is_subject_pronoun(t)).then_some(m)
}
