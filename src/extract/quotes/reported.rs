//! Attribution frames of one sentence: a cue (speech verb or "according to"), the speaker
//! mention, and the content it introduces. Handles the forward order ("Putin said that …",
//! "X told reporters …", "X said in a statement: “…”"), the inverted order ("…," Putin said /
//! "…," said Mr. Smith / "…, according to officials") and participles ("…, saying that …").
//! Content runs from the cue's complement to the sentence end, or from the sentence start to
//! the comma before an inverted attribution. Whether content is quoted is decided by the
//! caller, which knows the quotation marks.

use super::View;
use super::lexicon::{
    CueForm, cue_form, is_adjunct_opener, is_aux_or_adverb, is_cap, is_determiner,
    is_name_not_modal, is_np_stop, is_one_of, is_possessive_determiner, is_speaker_noun,
    is_subject_pronoun, is_tell_object, is_title, needs_clause,
};
use super::speaker::{mention_left, mention_right};
use crate::article::Span;

/// One attribution found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub cue: Span,
    pub speaker: Option<Span>,
    pub content: Span,
}

fn is_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphanumeric)
}

/// Content from token `a` to the end of the sentence `..hi`, without final punctuation. At the
/// very end (an introduction such as "he declared:"), an empty span there.
fn content_to_end(v: &View, a: usize, hi: usize) -> Option<Span> {
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
fn content_before(v: &View, lo: usize, b: usize) -> Option<Span> {
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

fn words_in(v: &View, a: usize, b: usize) -> usize {
    (a..b).filter(|&k| is_word(v.word(k))).count()
}

/// An appositive attribution ("X, a spokesman, said that …" or "“…,” X, a spokesman, said."),
/// the appositive ending at the comma token `comma` just before the cue. The content is what
/// follows the cue, else the quote before the speaker.
fn appositive_frame(
    v: &View,
    lo: usize,
    comma: usize,
    cue: Span,
    forward: Option<Span>,
) -> Option<Frame> {
    if v.word(comma) != "," {
        return None;
    }
    let (speaker, first) = appositive_subject(v, lo, comma)?;
    let content = match forward {
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
        cue,
        speaker: Some(speaker),
        content,
    })
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
fn quote_subject(v: &View, lo: usize, b: usize) -> Option<Span> {
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
            cue_form(w).is_some()
                || is_one_of(w, &["that", "which", "is", "was", "are", "were", "to"])
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

fn has_quote(v: &View, a: usize, b: usize) -> bool {
    (a..b).any(|k| v.quoted(k))
}

/// The token where the content after the cue at token `cue` starts, if anything the cue
/// governs follows it (a quote, "that …", a clause, after its hearer and adjuncts).
fn forward_start(v: &View, cue: usize, hi: usize) -> Option<usize> {
    let cue_word = v.word(cue);
    let mut r = cue + 1;
    // "told reporters that", "asked him whether"
    if r < hi
        && is_one_of(
            cue_word,
            &[
                "told",
                "tells",
                "telling",
                "tell",
                "asked",
                "asks",
                "asking",
                "ask",
                "reminded",
                "reminding",
                "informed",
                "assured",
                "assuring",
                "urged",
                "urging",
                "warned",
                "warning",
            ],
        )
        && is_tell_object(v.word(r))
    {
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
    if is_one_of(w, &["that", "whether", "if"]) {
        return (r + 1 < hi).then_some(r + 1);
    }
    // "described as “volatile”"
    if is_one_of(w, &["as"]) && r + 1 < hi && v.quoted(r + 1) {
        return Some(r + 1);
    }
    let quote_soon = (r..hi.min(r + 8)).any(|t| v.quoted(t));
    if !is_word(w)
        || needs_clause(cue_word) && !quote_soon && !is_one_of(w, &["how", "why", "what"])
    {
        return None;
    }
    // A bare noun phrase or clause after a verb that takes one.
    if is_one_of(
        w,
        &[
            "and", "or", "but", "as", "because", "so", "than", "to", "for", "of", "by", "with",
        ],
    ) {
        return None;
    }
    Some(r)
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
            || is_word(v.word(t + 1)) && cue_form(v.word(t + 1)) != Some(CueForm::Participle))
}

/// The token index of the first token of `span` (a mention found in this view).
fn first_token(v: &View, lo: usize, hi: usize, span: Span) -> Option<usize> {
    v.token_at(lo, hi, span.start)
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "—" | "–")
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

/// "Mr. Trump was prompted to say, “…”", "That prompted the Atlas to state, “…”": an
/// infinitive cue (base form at token `k`, last token `kv`) with its quote right after it
/// speaks for the verb's object, if a verb like "prompted" governs it, else for the clause's
/// subject.
fn infinitive_frame(v: &View, lo: usize, hi: usize, k: usize, kv: usize) -> Option<Frame> {
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
    let object = (f < k - 1
        && f > lo
        && is_one_of(
            v.word(f - 1),
            &[
                "prompted",
                "asked",
                "urged",
                "led",
                "forced",
                "invited",
                "encouraged",
                "pushed",
                "inspired",
                "moved",
                "caused",
            ],
        ))
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
        .filter(|s| !is_one_of(s.text(v.body), &["the", "a", "an"]));
    Some(Frame {
        cue: Span::new(v.span(k).start, v.span(kv).end),
        speaker,
        content,
    })
}

/// A passive cue with its agent ("was asked by host Bill Maher, who …, “…”"): the agent is
/// the speaker of the quote or clause that follows it. `j..=kv` is the verb group.
fn passive_agent_frame(v: &View, hi: usize, j: usize, kv: usize, cue: Span) -> Option<Frame> {
    let passive = (j..kv).any(|t| is_be_form(v.word(t)));
    if !passive || kv + 2 >= hi || !is_one_of(v.word(kv + 1), &["by"]) {
        return None;
    }
    let agent = mention_right(v, kv + 2, hi)?;
    let after = v.token_at(kv + 2, hi, agent.end)?;
    // Over an appositive to the quote, or to "whether", "if", "that".
    let a = (after..hi.min(after + 25))
        .find(|&t| v.quoted(t) || is_one_of(v.word(t), &["whether", "if", "that"]))?;
    let a = if v.quoted(a) { a } else { a + 1 };
    Some(Frame {
        cue,
        speaker: Some(agent),
        content: content_to_end(v, a, hi)?,
    })
}

/// The first token of the verb group ending before token `k`: auxiliaries and adverbs.
fn verb_group_start(v: &View, lo: usize, k: usize) -> usize {
    let mut j = k;
    while j > lo && !v.quoted(j - 1) && in_verb_group(v, lo, j - 1) {
        j -= 1;
    }
    j
}

fn is_be_form(w: &str) -> bool {
    is_one_of(w, &["is", "are", "was", "were", "am", "been"])
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
        && (is_one_of(w, &["shot", "fired", "hit", "pushed"])
            && is_one_of(v.word(k + 1), &["back"])
            || is_one_of(w, &["went", "goes"])
                && is_one_of(v.word(k + 1), &["on"])
                && (k + 2 >= hi || matches!(v.word(k + 2), "." | "," | ":" | "!")))
}

/// Attribution frames of the sentence made of tokens `lo..hi`.
pub fn frames(v: &View, lo: usize, hi: usize) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    // Participles opening the sentence: their speaker is the next attribution's.
    let mut opening_participles: Vec<usize> = Vec::new();
    let mut k = lo;
    while k < hi {
        let w = v.word(k);
        if v.quoted(k) || !is_word(w) {
            k += 1;
            continue;
        }
        if is_one_of(w, &["according"]) && k + 1 < hi && is_one_of(v.word(k + 1), &["to"]) {
            if let Some(f) = according_to(v, lo, hi, k) {
                out.push(f);
            }
            k += 2;
            continue;
        }
        if is_one_of(w, &["put", "puts"])
            && is_one_of(v.word(k + 1), &["it"])
            && let Some(f) = as_put_it(v, lo, hi, k)
        {
            out.push(f);
            k += 2;
            continue;
        }
        // "Rubio shot back": a phrasal cue; `kv` is the verb's last token.
        let phrasal = phrasal_cue(v, k, hi);
        let kv = k + usize::from(phrasal);
        let Some(form) = cue_form(w)
            .or(phrasal.then_some(CueForm::Finite))
            .or_else(|| unknown_cue(v, lo, hi, k).then_some(CueForm::Finite))
        else {
            k += 1;
            continue;
        };
        // "Mr. Trump was prompted to say, “…”": an infinitive cue with its quote.
        if form == CueForm::Base
            && let Some(frame) = infinitive_frame(v, lo, hi, k, kv)
        {
            out.push(frame);
            k += 1;
            continue;
        }
        // "so-called", "is called": not speech.
        if k > lo
            && !v.quoted(k - 1)
            && (v.word(k - 1) == "-" || is_one_of(v.word(k - 1), &["to", "be", "being"]))
        {
            k += 1;
            continue;
        }
        let cue = Span::new(v.span(k).start, v.span(kv).end);
        // j is the first token of the verb group; j-1 what stands before it.
        let j = verb_group_start(v, lo, k);
        let before = (j > lo).then(|| j - 1);
        // "Rubio was asked by moderator Gerard Baker whether …": the agent speaks.
        if let Some(frame) = passive_agent_frame(v, hi, j, kv, cue) {
            out.push(frame);
            k += 1;
            continue;
        }
        let forward = forward_start(v, kv, hi).and_then(|a| content_to_end(v, a, hi));
        // A closing parenthesis ends a speaker phrase ("Rubio (R-Fla.) said"), not a clause.
        let punct_before =
            before.is_none_or(|b| v.quoted(b) || !is_word(v.word(b)) && v.word(b) != ")");
        // "Trump, the candidate, is promising …": a participle after "is" is a finite verb.
        let form = if form == CueForm::Participle && (j..k).any(|t| is_be_form(v.word(t))) {
            CueForm::Finite
        } else {
            form
        };
        if form == CueForm::Participle {
            // "…, saying that …": the speaker is the clause's subject, which in "“…,” she
            // said, adding that …" is the speaker of the attribution before.
            // "She followed that by saying, “…”": after a preposition too.
            let after_prep = before.is_some_and(|b| {
                is_one_of(
                    v.word(b),
                    &["by", "upon", "after", "before", "while", "when", "in"],
                )
            });
            // "…, with Cruz promising to “…”": an absolute phrase names its own speaker.
            if !punct_before
                && let (Some(content), Some(b)) = (forward, before)
                && let Some(m) = mention_left(v, lo, b)
                && let Some(first) = first_token(v, lo, hi, m)
                && first > lo
                && !v.quoted(first - 1)
                && is_one_of(v.word(first - 1), &["with"])
                && m.text(v.body)
                    .rsplit(' ')
                    .next()
                    .is_some_and(|h| is_cap(h) || is_speaker_noun(h))
            {
                out.push(Frame {
                    cue,
                    speaker: Some(m),
                    content,
                });
                k += 1;
                continue;
            }
            if let (Some(mut content), true) = (forward, punct_before || after_prep) {
                // "Noting that …, Tester added: “…”": a participle opening the sentence ends
                // at its comma; the main clause is an attribution of its own.
                // It ends at a comma, or with a quote cut by one ("Recalling “…,” the
                // statement urged"), and its speaker is the main clause's.
                if before.is_none()
                    && let Some(c) = (k + 1..hi).find(|&t| {
                        (!v.quoted(t) && v.word(t) == ",")
                            || (v.quoted(t) && !v.quoted(t + 1) && quote_cut_before(v, lo, t))
                    })
                    && v.span(c).start > content.start
                {
                    content.end = if v.quoted(c) {
                        v.span(c).end
                    } else {
                        v.span(c - 1).end
                    };
                    opening_participles.push(out.len());
                }
                // The speaker of an attribution before it in the sentence, else the subject
                // of its own clause.
                let before_frame = out
                    .iter()
                    .rev()
                    .find(|f| f.cue.end <= cue.start && f.speaker.is_some())
                    .and_then(|f| f.speaker);
                // "When he returned he began by saying": the subject of the verb before the
                // preposition.
                let prep_subject = before
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
                let own = prep_subject.or_else(|| clause_subject(v, lo, k));
                let speaker = before_frame.or(own).or_else(|| sentence_subject(v, lo, hi));
                out.push(Frame {
                    cue,
                    speaker,
                    content,
                });
            }
            k += 1;
            continue;
        }
        // "John McCain -- who lost in 2008 -- said …": the subject stands before the dashes
        // (not a dateline's: "WASHINGTON — The bill is dead — said Sen. Roe").
        if let Some(b) = before
            && !v.quoted(b)
            && is_dash(v.word(b))
            && let Some(content) = forward
            && let Some(d) = (b.saturating_sub(30).max(lo + 1)..b)
                .rev()
                .find(|&t| !v.quoted(t) && is_dash(v.word(t)))
            && !(lo..d).all(|t| !v.word(t).chars().any(char::is_lowercase))
            && let Some(subject) = mention_left(v, lo, d - 1)
        {
            out.push(Frame {
                cue,
                speaker: Some(subject),
                content,
            });
            k += 1;
            continue;
        }
        if punct_before {
            // "X, a spokesman, said …" / "“…,” X, a spokesman, said." — an appositive.
            if let Some(b) = before
                && b > lo
                && !v.quoted(b - 1)
                && let Some(frame) = appositive_frame(v, lo, b, cue, forward)
            {
                out.push(frame);
                k += 1;
                continue;
            }
            // Cue first: "…," said Mr. Smith, "…?" asked Mr. Smith (not "…," told CBS News:
            // the hearer).
            if form == CueForm::Finite && !is_one_of(w, &["told", "tells"]) {
                // Not "said the candidate could win": a verb after the phrase makes it the
                // subject of a clause the cue governs.
                let speaker = mention_right(v, kv + 1, hi).filter(|m| {
                    v.token_at(kv + 1, hi, m.end).is_none_or(|t| {
                        !is_one_of(
                            v.word(t),
                            &[
                                "could", "would", "will", "should", "might", "can", "may", "must",
                                "was", "is", "were", "are", "had", "has", "have",
                            ],
                        )
                    })
                });
                let b = before.unwrap_or(lo);
                if before.is_some()
                    && speaker.is_some()
                    && (has_quote(v, lo, b + 1) || words_in(v, lo, b) >= 3)
                    && let Some(content) = content_before(v, lo, b)
                {
                    out.push(Frame {
                        cue,
                        speaker,
                        content,
                    });
                } else if let Some(frame) =
                    before.and_then(|b| appositive_frame(v, lo, b, cue, forward))
                {
                    out.push(frame);
                } else if let Some(sp) = speaker
                    && (before.is_none()
                        || (lo..b).all(|t| {
                            !v.quoted(t)
                                && (!is_word(v.word(t))
                                    || is_one_of(v.word(t), &["but", "and", "yet", "so", "then"]))
                        }))
                    && let Some(after) = v.token_at(kv + 1, hi, sp.end)
                    && matches!(v.word(after), "," | ":")
                    && v.quoted(after + 1)
                    && let Some(content) = content_to_end(v, after + 1, hi)
                {
                    // "Said Comey, “…”", "But, said Solovey, “…”": the cue opens its clause.
                    out.push(Frame {
                        cue,
                        speaker,
                        content,
                    });
                }
            }
            k += 1;
            continue;
        }
        let Some(b) = before else {
            k += 1;
            continue;
        };
        // "Carson did not name his rivals but told …": a second verb of the sentence subject.
        // After a possessive the cue is a noun ("Sanders pushed his promise of “…”"): its
        // speaker is the clause's subject, else the possessor.
        let possessor = (!v.quoted(b) && is_possessive_determiner(v.word(b))).then(|| {
            clause_subject(v, lo, b)
                .or_else(|| sentence_subject(v, lo, b))
                .unwrap_or(v.span(b))
        });
        let subject = possessor
            .or_else(|| quote_subject(v, lo, b))
            .or_else(|| mention_left(v, lo, b))
            .or_else(|| {
                // "X … when he brought it up and later said": the nearest clause's subject.
                (is_one_of(v.word(b), &["and", "but"]) && !v.quoted(b))
                    .then(|| clause_subject(v, lo, b).or_else(|| sentence_subject(v, lo, b)))
                    .flatten()
            })
            .or_else(|| relative_clause_antecedent(v, lo, b));
        // "Cruz has railed against what he calls the “Washington cartel”": the pronoun of the
        // free relative is the clause's subject, who is named before it.
        let subject = match subject {
            Some(s)
                if b > lo
                    && is_one_of(s.text(v.body), &["he", "she", "they"])
                    && is_one_of(v.word(b - 1), &["what"]) =>
            {
                clause_subject(v, lo, b - 1)
                    .filter(|c| !is_subject_pronoun(c.text(v.body)))
                    .or(Some(s))
            }
            other => other,
        };
        // A base form is no verb after a singular phrase: "a rare note", "one claim".
        if form == CueForm::Base
            && subject.is_none_or(|s| {
                let first = s.text(v.body).split(' ').next().unwrap_or("");
                is_one_of(
                    first,
                    &["a", "an", "another", "one", "each", "every", "this"],
                )
            })
        {
            k += 1;
            continue;
        }
        let Some(subject) = subject else {
            k += 1;
            continue;
        };
        let subj_tok = first_token(v, lo, hi, subject).unwrap_or(b);
        // The quote or clause before "…," Putin said.
        let pre_end = subj_tok.checked_sub(1).filter(|&p| p >= lo);
        let quote_follow = forward_start(v, kv, hi).is_some_and(|a| v.quoted(a));
        let mut pushed = false;
        if let Some(p) = pre_end
            && v.word(p) == ","
            && forward.is_none()
            && !has_quote(v, lo, p)
            && resumes_after_cue(v, k, hi)
            && let Some(content) = content_to_end(v, lo, hi)
        {
            // "South Carolina, he said, was “where we have a chance …”": the attribution
            // sits inside its content, which is the whole sentence.
            out.push(Frame {
                cue,
                speaker: Some(subject),
                content,
            });
            pushed = true;
        } else if let Some(p) = pre_end
            && (v.quoted(p) || v.word(p) == ",")
            && (forward.is_none() || quote_follow)
            && (has_quote(v, lo, p + 1) || (forward.is_none() && words_in(v, lo, p) >= 3))
            && let Some(content) = content_before(v, lo, p + usize::from(!v.quoted(p)))
        {
            out.push(Frame {
                cue,
                speaker: Some(subject),
                content,
            });
            pushed = true;
        }
        if let Some(content) = forward {
            out.push(Frame {
                cue,
                speaker: Some(subject),
                content,
            });
            pushed = true;
        }
        // "Dianne Bystrom agreed." or "X said in a statement." closing its sentence with
        // nothing said: an introduction whose speaker goes on to the quote that follows.
        if !pushed
            && form == CueForm::Finite
            && (kv + 2 == hi
                || kv + 2 < hi
                    && hi <= kv + 8
                    && is_adjunct_opener(v.word(kv + 1))
                    && (kv + 1..hi - 1).all(|t| is_word(v.word(t))))
            && matches!(v.word(hi - 1), "." | "!")
            && !v.quoted(hi - 1)
            && !has_quote(v, lo, hi)
        {
            let end = v.span(hi - 1).end;
            out.push(Frame {
                cue,
                speaker: Some(subject),
                content: Span::new(end, end),
            });
        }
        k += 1;
    }
    for &i in &opening_participles {
        let end = out[i].content.end;
        if let Some(sp) = out[i + 1..]
            .iter()
            .find(|f| f.cue.start >= end)
            .and_then(|f| f.speaker)
        {
            out[i].speaker = Some(sp);
        }
    }
    // "Clinton: “…”", "Rubio fired back: “…”": a subject, a short predicate, a colon, a quote.
    if let Some(c) = (lo..hi).find(|&t| !v.quoted(t) && v.word(t) == ":")
        && c + 1 < hi
        && v.quoted(c + 1)
        && !out.iter().any(|f| {
            f.content.start <= v.span(c + 1).start
                && v.span(c + 1).start < f.content.end.max(f.content.start + 1)
        })
        && let Some(speaker) = dash_name(v, lo, c).or_else(|| {
            // The predicate is short: the whole sentence, or what follows the subject after
            // opening adverbials ("As if addressing him, the board was conclusive: “…”").
            sentence_subject(v, lo, c).filter(|s| {
                words_in(v, lo, c) <= 12
                    || v.token_at(lo, c, s.end)
                        .is_some_and(|t| words_in(v, t, c) <= 8)
            })
        })
        && let Some(content) = content_to_end(v, c + 1, hi)
    {
        out.push(Frame {
            cue: v.span(c),
            speaker: Some(speaker),
            content,
        });
    }
    // "President Clinton released the following statement:" closing the paragraph: an
    // introduction whose speaker goes on to the quote in the next paragraph.
    if hi > lo + 1
        && v.word(hi - 1) == ":"
        && !v.quoted(hi - 1)
        && !out.iter().any(|f| f.content.is_empty())
        && words_in(v, lo, hi) <= 40
        && let Some(speaker) = clause_subject(v, lo, hi - 1).or_else(|| sentence_subject(v, lo, hi))
    {
        let end = v.span(hi - 1).end;
        out.push(Frame {
            cue: v.span(hi - 1),
            speaker: Some(speaker),
            content: Span::new(end, end),
        });
    }
    // "…," he said, according to Reuters: the verb's speaker wins over the relay.
    let verb_contents: Vec<Span> = out
        .iter()
        .filter(|f| {
            !is_one_of(
                f.cue.text(v.body).split(' ').next().unwrap_or(""),
                &["according"],
            )
        })
        .map(|f| f.content)
        .collect();
    out.retain(|f| {
        !f.cue.text(v.body).starts_with(['a', 'A'])
            || !is_one_of(
                f.cue.text(v.body).split(' ').next().unwrap_or(""),
                &["according"],
            )
            || !verb_contents
                .iter()
                .any(|c| c.start < f.content.end && f.content.start < c.end)
    });
    // A cue inside another frame's content is nested speech: the outer frame holds it, unless
    // the inner verb has a quote of its own, which is the inner speaker's.
    let mut kept: Vec<Frame> = Vec::new();
    for mut f in out {
        let Some(gi) = kept
            .iter()
            .position(|g| g.content.start <= f.cue.start && f.cue.end <= g.content.end)
        else {
            kept.push(f);
            continue;
        };
        let g = &mut kept[gi];
        let cut_at = |g: &mut Frame, at: usize| {
            let at = at.clamp(g.content.start, g.content.end);
            let cut = v.body[g.content.start..at]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
            g.content.end = g.content.start + cut;
        };
        let inverted = f.content.end <= f.cue.start;
        if inverted && f.content.start > g.content.start {
            // "… – “…,” she said – and …": the inner quote is hers; the outer clause stops there.
            cut_at(g, f.content.start);
            kept.push(f);
        } else if inverted {
            // "Feinstein said “…,” she said.": the quote just before the inverted cue is the
            // nearer verb's.
            let Some(qs) = last_quote_start(v, lo, hi, f.content)
                .filter(|&qs| qs >= g.cue.end && qs >= g.content.start)
            else {
                continue;
            };
            f.content.start = qs;
            cut_at(g, qs);
            if g.content.end <= g.content.start {
                *g = f;
            } else {
                kept.push(f);
            }
        } else if let Some(sp) = f.speaker
            && f.content.start >= f.cue.end
            && sp.start > g.content.start
            && (lo..hi).any(|t| {
                v.quoted(t) && v.span(t).start >= f.content.start && v.span(t).end <= f.content.end
            })
        {
            if new_clause_at(v, lo, hi, sp.start) {
                // "Ryan said he was not ready, though he said, “I hope to.”": the later verb
                // introduces its own quote.
                cut_at(g, sp.start.min(f.cue.start));
                kept.push(f);
            } else if let Some(rel) = relative_pronoun_before(v, lo, hi, sp.start)
                && let Some(quote_end) = quote_right_after(v, lo, hi, f.cue.end, f.content.end)
            {
                // "He backs a bill against the accreditors, which he called “a cartel”": the
                // relative clause, up to its quote, is its subject's; the outer clause goes on
                // around it.
                let outer = *g;
                cut_at(g, rel);
                f.content = Span::new(rel, quote_end);
                kept.push(f);
                if let Some(rest) = (lo..hi)
                    .find(|&t| v.span(t).start >= quote_end && is_word(v.word(t)))
                    .filter(|&t| words_in(v, t, hi) >= 3 && v.span(t).start < outer.content.end)
                {
                    kept.push(Frame {
                        content: Span::new(v.span(rest).start, outer.content.end),
                        ..outer
                    });
                }
            }
        }
    }
    kept
}

/// Whether the phrase at byte `at` opens a coordinate clause (after a comma, a colon or
/// "but", "though"…) rather than a clause that the verb before governs ("said that he …").
fn new_clause_at(v: &View, lo: usize, hi: usize, at: usize) -> bool {
    let Some(t) = v.token_at(lo, hi, at) else {
        return false;
    };
    t > lo && {
        let p = v.word(t - 1);
        matches!(p, "," | ";" | ":" | "—" | "–")
            || is_one_of(
                p,
                &["and", "but", "though", "although", "yet", "so", "then"],
            )
    }
}

/// The start of the relative pronoun ("which", "who", "whom") just before the phrase at
/// byte `at`, which then is the subject of a relative clause.
fn relative_pronoun_before(v: &View, lo: usize, hi: usize, at: usize) -> Option<usize> {
    let t = v.token_at(lo, hi, at)?;
    (t > lo && !v.quoted(t - 1) && is_one_of(v.word(t - 1), &["which", "who", "whom"]))
        .then(|| v.span(t - 1).start)
}

/// The end of the quote that opens within three tokens after byte `from` ("called “…”",
/// "described as “…”"), if it ends before byte `to`.
fn quote_right_after(v: &View, lo: usize, hi: usize, from: usize, to: usize) -> Option<usize> {
    let a = v.token_at(lo, hi, from)?;
    let q = (a..hi.min(a + 3)).find(|&t| v.quoted(t))?;
    let last = (q..hi).take_while(|&t| v.quoted(t)).last()?;
    let end = v.span(last).end;
    (end <= to).then_some(end)
}

/// "Pollsters agree - Carl Bialik: “…”", "… - More from the report: “…”": a short phrase
/// after a dash and before the colon names the source of the quote that follows.
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

/// Where the quote that ends `span` opens (its first quoted token), if `span` ends inside one.
fn last_quote_start(v: &View, lo: usize, hi: usize, span: Span) -> Option<usize> {
    let end = (lo..hi)
        .rev()
        .find(|&t| v.span(t).end <= span.end && v.span(t).start >= span.start)?;
    if !v.quoted(end) {
        return None;
    }
    let mut t = end;
    while t > lo && v.quoted(t - 1) && v.span(t - 1).start >= span.start {
        t -= 1;
    }
    Some(v.span(t).start)
}

/// "X, a spokesman for Y, said that …": the subject before an appositive ending at `comma`,
/// and the index of the subject's first token.
fn appositive_subject(v: &View, lo: usize, comma: usize) -> Option<(Span, usize)> {
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
fn looks_finite(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_lowercase())
        && !is_np_stop(w)
        && (cue_form(w).is_some_and(|f| f != CueForm::Participle)
            || (w.len() > 3 && w.ends_with("ed"))
            || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
            || is_one_of(
                w,
                &[
                    "took", "made", "gave", "held", "came", "went", "spoke", "drew", "stood",
                    "began", "got", "put", "saw", "felt", "thought", "brought", "sent", "found",
                    "led", "left", "kept", "ran", "won", "knew", "met", "paid", "became", "shot",
                    "struck", "hit", "let", "set", "heard", "sang", "threw", "wore", "chose",
                    "broke", "fought", "sought", "taught", "lost", "meant",
                ],
            ))
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
                matches!(p, "," | ";" | "—" | "–")
                    || is_one_of(
                        p,
                        &[
                            "when", "as", "while", "after", "and", "but", "because", "since",
                            "before", "then", "though", "although", "where", "if", "until", "once",
                            "which", "whom",
                        ],
                    )
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
            let inner_prep = is_one_of(w, &["of", "for", "in", "at", "from", "with"]);
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
        while a < hi
            && !v.quoted(a)
            && (!is_word(v.word(a)) || is_one_of(v.word(a), &["and", "but", "yet", "so", "then"]))
        {
            a += 1;
        }
        let w = v.word(a);
        // "Eight years ago,", "A month later,": a time phrase up to its comma.
        let time_phrase = (a + 1..hi.min(a + 5))
            .find(|&t| v.word(t) == ",")
            .is_some_and(|c| {
                is_one_of(
                    v.word(c - 1),
                    &[
                        "ago",
                        "later",
                        "earlier",
                        "day",
                        "week",
                        "month",
                        "year",
                        "night",
                        "morning",
                        "afternoon",
                        "evening",
                        "weekend",
                    ],
                )
            });
        let opener = is_adjunct_opener(w)
            || time_phrase
            || (w.ends_with("ly") && v.word(a + 1) == ",")
            || is_one_of(
                w,
                &[
                    "back",
                    "still",
                    "instead",
                    "meanwhile",
                    "although",
                    "though",
                    "despite",
                    "as",
                    "once",
                    "because",
                    "asked",
                    "speaking",
                ],
            )
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

/// "As X put it, “…”" and "…, as X put it." (`k` is "put"): X's words are the rest of the
/// sentence after the comma, or the clause before "as".
fn as_put_it(v: &View, lo: usize, hi: usize, k: usize) -> Option<Frame> {
    // "As Tom Ridge, a former secretary, put it": the speaker may carry an appositive.
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

/// "According to X, …" and "…, according to X."
fn according_to(v: &View, lo: usize, hi: usize, k: usize) -> Option<Frame> {
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
