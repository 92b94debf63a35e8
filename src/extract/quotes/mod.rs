//! Quotes and reported speech, each with its cue verb and speaker.
//!
//! Per paragraph (a line of the body): quotation marks are paired (`direct`), the paragraph is
//! cut into sentences that never break inside a quote, and each sentence's attribution frames
//! are read (`reported`, which tries the named rules of `patterns`). A frame whose content
//! holds quoted words is a direct quote (partial quotes inside reported speech keep their
//! clause, as news annotators count it); quotes of a sentence without a frame take the
//! sentence's or the paragraph's speaker, and quote-only paragraphs take the previous
//! paragraph's speaker. Short quotes with no cue near them are scare quotes, titles or
//! nicknames and are dropped, as are names in quotation marks (`not_speech`: "on “Meet the
//! Press,”", "ABC’s “This Week”", markup values). Speakers are resolved in `speaker`. Word lists are
//! data files in `words/`, read by `lexicon`.
//! Everything is a linear scan over the shared tokens.

mod direct;
mod lexicon;
mod names;
pub use lexicon::is_title_small_word;
pub use names::first_name_feminine;
mod not_speech;
mod patterns;
mod reported;
mod speaker;

/// Whether `word` opens a sentence or a clause ("If", "Despite", "Until", "The") or is a verb
/// of speech ("Says", "Calls", "Claim"), in any case: words no person's name begins with.
pub fn opens_clause_or_speech(word: &str) -> bool {
    lexicon::is_clause_opener(word)
        || lexicon::is_sentence_opener(word)
        || lexicon::is_sentence_starter(word)
        || lexicon::is_adjunct_opener(word)
        || lexicon::cue_form(word).is_some()
}

use crate::article::{Entity, EntityKind, Mention, Quote, Span};
use crate::extract::token::Token;
use direct::QuoteSpan;

/// The tokens of the body with, for each, whether it lies inside a quote (marks included).
pub(crate) struct View<'a> {
    body: &'a str,
    tokens: &'a [Token],
    quoted: Vec<bool>,
}

impl<'a> View<'a> {
    fn word(&self, k: usize) -> &'a str {
        self.tokens.get(k).map_or("", |t| t.text(self.body))
    }
    fn span(&self, k: usize) -> Span {
        self.tokens.get(k).map_or(Span::default(), |t| t.span)
    }
    fn quoted(&self, k: usize) -> bool {
        self.quoted.get(k).copied().unwrap_or(false)
    }
    /// The first token in `lo..hi` that starts at or after byte `at`.
    fn token_at(&self, lo: usize, hi: usize, at: usize) -> Option<usize> {
        (lo..hi).find(|&t| self.span(t).start >= at)
    }
}

/// Paragraphs: the non-blank lines of the body.
fn paragraphs(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in body.bytes().enumerate() {
        if b == b'\n' {
            let s = direct::trim(body, Span::new(start, i));
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let s = direct::trim(body, Span::new(start, body.len()));
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Sentences of the paragraph made of tokens `lo..hi`, as token ranges. A sentence ends at
/// . ? ! outside quotes (not after an abbreviation or an initial) or at a closing quote mark
/// whose quote ends with one, when a capital or an opening quote follows.
fn sentences(v: &View, lo: usize, hi: usize, quotes: &[QuoteSpan]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = lo;
    let starts_sentence = |k: usize| -> bool {
        k >= hi || {
            let w = v.word(k);
            lexicon::is_cap(w)
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || quotes.iter().any(|q| q.outer.start == v.span(k).start)
        }
    };
    let mut k = lo;
    while k < hi {
        let w = v.word(k);
        let sp = v.span(k);
        let mut end_here = false;
        if !v.quoted(k) {
            if matches!(w, "." | "?" | "!") {
                let prev = if k > lo { v.word(k - 1) } else { "" };
                let abbrev = w == "."
                    && (lexicon::is_abbreviation(prev)
                        || (prev.len() == 1 && prev.chars().all(|c| c.is_ascii_uppercase())));
                end_here = !abbrev && starts_sentence(k + 1);
            } else if w.len() > 2 && w.ends_with('.') && w.contains('.') {
                // "U.S." closing a sentence: only before a word that usually starts one, or a
                // quote that opens with a capital.
                let next = v.span(k + 1).start;
                let capital_quote = quotes.iter().any(|q| {
                    q.outer.start == next && q.inner.text(v.body).starts_with(char::is_uppercase)
                });
                let opener =
                    lexicon::is_sentence_starter(v.word(k + 1)) && lexicon::is_cap(v.word(k + 1));
                end_here = k + 1 < hi && (capital_quote || opener);
            }
        } else if let Some(q) = quotes.iter().find(|q| q.closed && q.outer.end == sp.end) {
            // The closing mark of a quote that ends a sentence: ."  ?"  !"
            let inner = q.inner.text(v.body);
            end_here = inner.ends_with(['.', '?', '!'])
                && k + 1 < hi
                && starts_sentence(k + 1)
                && (introduced(v, start, k, q)
                    || !(attribution_follows(v, k + 1, hi)
                        || inner.ends_with(['?', '!']) && attribution_opens(v, lo, k + 1, hi)));
        }
        if end_here {
            out.push((start, k + 1));
            start = k + 1;
        }
        k += 1;
    }
    if start < hi {
        out.push((start, hi));
    }
    out
}

/// Whether tokens from `k` are a short attribution closing a sentence ("Mr. Biden said."),
/// which belongs to the quote before it.
fn attribution_follows(v: &View, k: usize, hi: usize) -> bool {
    let mut cue = false;
    for t in k..hi.min(k + 9) {
        let w = v.word(t);
        if matches!(w, "." | "!" | "?") && !v.quoted(t) {
            let prev = if t > k { v.word(t - 1) } else { "" };
            if !lexicon::is_abbreviation(prev) {
                return cue;
            }
        }
        if v.quoted(t) {
            return false;
        }
        cue |= matches!(lexicon::cue_form(w), Some(lexicon::CueForm::Finite));
    }
    cue && hi <= k + 9
}

/// Whether the quote `q`, whose closing mark is token `close`, follows a cue and a comma or
/// colon of the sentence starting at token `start` ("Clinton responded: “…?”", "Feinstein
/// said in a statement, “…”"), so that no attribution after it can be its own.
fn introduced(v: &View, start: usize, close: usize, q: &QuoteSpan) -> bool {
    let Some(open) = v.token_at(start, close + 1, q.outer.start) else {
        return false;
    };
    // The cue stands within a few words of the comma or colon, with no comma between.
    open > start
        && matches!(v.word(open - 1), ":" | ",")
        && (start.max(open.saturating_sub(7))..open - 1)
            .rev()
            .take_while(|&t| !v.quoted(t) && v.word(t) != ",")
            .any(|t| lexicon::cue_form(v.word(t)) == Some(lexicon::CueForm::Finite))
}

/// Whether tokens from `k`, after a quote ending with ? or !, open its attribution however
/// long the sentence goes on ("“…!” Sen. Jeff Sessions said as he launched the vote."): a
/// cue within a few words, with only a subject before it.
fn attribution_opens(v: &View, lo: usize, k: usize, hi: usize) -> bool {
    for t in k..hi.min(k + 10) {
        let w = v.word(t);
        if v.quoted(t) || matches!(w, "." | "!" | "?" | ";" | ":") {
            return false;
        }
        if matches!(
            lexicon::cue_form(w),
            Some(lexicon::CueForm::Finite | lexicon::CueForm::Base)
        ) || reported::phrasal_cue(v, t, hi)
            || reported::unknown_cue(v, lo, hi, t)
        {
            // Not when the cue goes straight on to quote words of its own ("…?” Mills writes
            // back, “…”): that is the next sentence.
            return !(t + 1..hi.min(t + 5))
                .take_while(|&u| !matches!(v.word(u), "." | "!" | "?") || v.quoted(u))
                .any(|u| v.quoted(u));
        }
    }
    false
}

/// One attribution before resolution.
struct Found {
    span: Span,
    direct: bool,
    cue: Option<Span>,
    speaker: Option<Span>,
}

/// The paragraphs of `body` with their quotes, and the view of its tokens that knows which
/// are quoted: what both [`extract`] and [`sentences_of`] read.
fn prepare<'a>(body: &'a str, tokens: &'a [Token]) -> (Vec<Span>, Vec<Vec<QuoteSpan>>, View<'a>) {
    let paras = paragraphs(body);
    let para_quotes: Vec<Vec<QuoteSpan>> =
        paras.iter().map(|&p| direct::quotes_in(body, p)).collect();
    let mut quoted = vec![false; tokens.len()];
    {
        let mut qi = para_quotes.iter().flatten().peekable();
        for (k, t) in tokens.iter().enumerate() {
            while qi.peek().is_some_and(|q| q.outer.end <= t.span.start) {
                qi.next();
            }
            if let Some(q) = qi.peek() {
                quoted[k] = q.outer.start <= t.span.start && t.span.end <= q.outer.end;
            }
        }
    }
    let v = View {
        body,
        tokens,
        quoted,
    };
    (paras, para_quotes, v)
}

/// The tokens `lo..hi` of paragraph `para`, the first at or after token `from`.
fn para_tokens(tokens: &[Token], para: Span, from: usize) -> (usize, usize) {
    let mut lo = from;
    while lo < tokens.len() && tokens[lo].span.start < para.start {
        lo += 1;
    }
    let mut hi = lo;
    while hi < tokens.len() && tokens[hi].span.end <= para.end {
        hi += 1;
    }
    (lo, hi)
}

/// The sentences of `body` (tokenized as `tokens`) as the quote stage splits them: within
/// each paragraph, at . ? ! outside quotes (not after an abbreviation or an initial), or at
/// the closing mark of a quote that ends with one, when a capital or an opening quote follows.
pub fn sentences_of(body: &str, tokens: &[Token]) -> Vec<Span> {
    let (paras, para_quotes, v) = prepare(body, tokens);
    let mut out = Vec::new();
    let mut tok = 0;
    for (&para, quotes) in paras.iter().zip(&para_quotes) {
        let (lo, hi) = para_tokens(tokens, para, tok);
        tok = hi;
        for (s_lo, s_hi) in sentences(&v, lo, hi, quotes) {
            out.push(sentence_span(&v, s_lo, s_hi));
        }
    }
    out
}

/// The body span of the sentence of tokens `lo..hi`.
fn sentence_span(v: &View, lo: usize, hi: usize) -> Span {
    Span::new(v.span(lo).start, v.span(hi.saturating_sub(1).max(lo)).end)
}

/// Finds direct quotes and reported speech in `body`.
pub fn extract(body: &str, tokens: &[Token], entities: &[Entity]) -> Vec<Quote> {
    let (paras, para_quotes, v) = prepare(body, tokens);
    let mut found: Vec<Found> = Vec::new();
    let mut tok = 0;
    // The speaker (cue, mention) of the last attribution of the previous paragraph, and
    // whether that paragraph ended inside an unclosed quote.
    let mut last_prev: Option<(Option<Span>, Option<Span>)> = None;
    let mut prev_unclosed = false;
    // The attributions found in the previous paragraph (a range of `found`).
    let mut prev_para = (0, 0);
    for (pi, &para) in paras.iter().enumerate() {
        let (lo, hi) = para_tokens(tokens, para, tok);
        tok = hi;
        let quotes = &para_quotes[pi];
        // "- Bernie Sanders." or "—Jane Roe, tweeting after the debate." under a paragraph of
        // quotes: the source of those quotes.
        if quotes.is_empty()
            && hi > lo + 1
            && hi - lo <= 16
            && matches!(v.word(lo), "-" | "—" | "–")
            && lexicon::is_cap(v.word(lo + 1))
            && let Some(m) = speaker::mention_right(&v, lo + 1, hi)
        {
            for f in &mut found[prev_para.0..prev_para.1] {
                if f.direct && f.speaker.is_none() {
                    f.speaker = Some(m);
                }
            }
        }
        let opens_with_quote = quotes.first().is_some_and(|q| q.outer.start == para.start);
        let mut last_here: Option<(Option<Span>, Option<Span>)> = None;
        let para_first = found.len();
        for (s_lo, s_hi) in sentences(&v, lo, hi, quotes) {
            let s_span = sentence_span(&v, s_lo, s_hi);
            let s_quotes: Vec<&QuoteSpan> = quotes
                .iter()
                .filter(|q| q.inner.start < s_span.end && q.inner.end > s_span.start)
                .collect();
            let frames = reported::frames(&v, s_lo, s_hi);
            let mut used = vec![false; s_quotes.len()];
            for f in &frames {
                if f.content.is_empty() {
                    // An introduction ("he declared:"): its speaker goes on to the next quote.
                    last_here = Some((Some(f.cue), f.speaker));
                    continue;
                }
                let inside: Vec<usize> = (0..s_quotes.len())
                    .filter(|&i| {
                        let q = s_quotes[i].inner;
                        q.start < f.content.end && q.end > f.content.start
                    })
                    .collect();
                for &i in &inside {
                    used[i] = true;
                }
                let direct = !inside.is_empty();
                // Content that is one quote (and its punctuation): the words inside the marks.
                let span = match inside.as_slice() {
                    [i] => {
                        let q = s_quotes[*i];
                        let c = f.content;
                        let extra = c.len().saturating_sub(
                            c.end
                                .min(q.outer.end)
                                .saturating_sub(c.start.max(q.outer.start)),
                        );
                        if extra <= 3 { q.inner } else { c }
                    }
                    _ => f.content,
                };
                found.push(Found {
                    span,
                    direct,
                    cue: Some(f.cue),
                    speaker: f.speaker,
                });
                last_here = Some((Some(f.cue), f.speaker));
            }
            // Quotes of the sentence outside every frame's content.
            let outside_words = (s_lo..s_hi)
                .filter(|&k| !v.quoted(k) && crate::extract::token::is_word(v.word(k)))
                .count();
            let only_quotes = outside_words == 0;
            for (i, q) in s_quotes.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let nearest = frames
                    .iter()
                    .min_by_key(|f| f.cue.start.abs_diff(q.inner.start))
                    .map(|f| (Some(f.cue), f.speaker));
                let is_para_first = q.outer.start == para.start;
                // A quote with a few words of narration around it ("But “…”", "It's “…”"), or
                // one opening its sentence, goes on the paragraph's speech like a bare quote.
                let opens_sentence = q.outer.start == v.span(s_lo).start;
                let carried = if nearest.is_some() {
                    nearest
                } else if only_quotes || is_para_first || opens_sentence || outside_words <= 3 {
                    if found.len() > para_first || last_here.is_some() {
                        last_here
                    } else if (prev_unclosed && is_para_first) || (opens_with_quote && only_quotes)
                    {
                        last_prev.map(|(_, s)| (None, s))
                    } else {
                        None
                    }
                } else {
                    None
                };
                if carried.is_none() && !not_speech::reads_as_speech(body, q) {
                    continue; // a title, nickname or scare quote
                }
                let (cue, mut speaker) = carried.unwrap_or((None, None));
                // A quoted phrase in a sentence with no speech verb ("Moore thanked him for
                // “…”", "Obama decried the “…”") is the words of the sentence's subject.
                if speaker.is_none() {
                    let k = v.token_at(s_lo, s_hi, q.outer.start).unwrap_or(s_hi);
                    speaker = reported::clause_subject(&v, s_lo, k)
                        .or_else(|| reported::sentence_subject(&v, s_lo, s_hi))
                        .filter(|s| s.end <= q.outer.start);
                }
                found.push(Found {
                    span: q.inner,
                    direct: true,
                    cue,
                    speaker,
                });
                if speaker.is_some() {
                    last_here = Some((cue, speaker));
                }
            }
        }
        prev_para = (para_first, found.len());
        prev_unclosed = quotes.last().is_some_and(|q| !q.closed);
        last_prev = last_here.or(if prev_unclosed { last_prev } else { None });
    }
    // One attribution per span: of two frames with the same content, the one whose cue is
    // nearer ("X believed …, he said, “…”" is his saying).
    let gap = |f: &Found| {
        f.cue.map_or(usize::MAX, |c| {
            if c.end <= f.span.start {
                f.span.start - c.end
            } else {
                c.start.saturating_sub(f.span.end)
            }
        })
    };
    // A quote that names a programme, book or film, or a markup value, is no speech ("he
    // said on “Face the Nation,”").
    let titles: Vec<Span> = para_quotes
        .iter()
        .flatten()
        .filter(|q| not_speech::is_a_name_in_marks(body, q))
        .map(|q| q.inner)
        .collect();
    found.retain(|f| !(f.direct && titles.contains(&f.span)));
    found.sort_by_key(|f| (f.span.start, f.span.end, gap(f)));
    found.dedup_by_key(|f| f.span);
    let resolver = speaker::Resolver::new(
        body,
        entities,
        para_quotes.iter().flatten().map(|q| q.outer).collect(),
    );
    let mut previous: Vec<(usize, String, EntityKind)> = Vec::new();
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].speaker.map_or(usize::MAX, |s| s.start));
    let mut names: Vec<Option<String>> = vec![None; found.len()];
    // Every speaker mention resolved so far, in text order, resolved or not.
    let mut earlier: Vec<(Span, Option<String>)> = Vec::new();
    for i in order {
        let Some(m) = found[i].speaker else { continue };
        let name = resolver
            .resolve(m, &previous)
            .or_else(|| resolver.definite_antecedent(m, &earlier));
        if earlier.last().is_none_or(|(s, _)| *s != m) {
            earlier.push((m, name.clone()));
        }
        if let Some(n) = &name
            && previous.last().is_none_or(|(p, _, _)| *p != m.start)
        {
            previous.push((m.start, n.clone(), resolver.kind_of(n)));
        }
        names[i] = name;
    }
    found
        .into_iter()
        .zip(names)
        .map(|(f, speaker)| Quote {
            span: f.span,
            direct: f.direct,
            cue: f.cue.map(|span| Mention { span }),
            speaker_mention: f.speaker.map(|span| Mention { span }),
            speaker,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::token::tokenize;

    /// Entities as a tagger would give them (the Kremlin as a place, as CoNLL taggers do): every occurrence of each (surface,
    /// kind, canonical).
    fn entities(body: &str, names: &[(&str, EntityKind, &str)]) -> Vec<Entity> {
        let mut out = Vec::new();
        for &(surface, kind, canonical) in names {
            for (i, _) in body.match_indices(surface) {
                out.push(Entity {
                    span: Span::new(i, i + surface.len()),
                    kind,
                    canonical: canonical.to_string(),
                });
            }
        }
        out.sort_by_key(|e| e.span.start);
        out
    }

    /// (direct, text, speaker mention, speaker) of every quote.
    fn run(body: &str, ents: &[Entity]) -> Vec<(bool, String, Option<String>, Option<String>)> {
        let tokens = tokenize(body);
        extract(body, &tokens, ents)
            .into_iter()
            .map(|q| {
                (
                    q.direct,
                    q.span.text(body).to_string(),
                    q.speaker_mention.map(|m| m.span.text(body).to_string()),
                    q.speaker,
                )
            })
            .collect()
    }

    #[test]
    fn an_organisation_speaks_under_its_whole_name() {
        // "State" describes a person ("State Sen. Ray Holmberg"), never a department.
        let body = "The State Department has deemed 1,500 pages personal, the State Department \
                    said. \"We are not going to speak to the content,\" a State Department \
                    official said.";
        let ents = entities(
            body,
            &[(
                "State Department",
                EntityKind::Organization,
                "State Department",
            )],
        );
        let speakers: Vec<Option<String>> = run(body, &ents).into_iter().map(|q| q.3).collect();
        assert_eq!(
            speakers,
            [
                Some("State Department".into()),
                Some("State Department".into())
            ],
        );
    }

    #[test]
    fn it_and_the_company_are_the_organisation_that_spoke_last() {
        let body = "Inco Ltd said it did not expect a major impact on its stock.\n\n\"We don't think \
                    investors buy our shares for that reason,\" it said.\n\n\"We remain confident in \
                    our outlook for the year ahead,\" the company said.";
        let ents = entities(body, &[("Inco Ltd", EntityKind::Organization, "Inco Ltd")]);
        let speakers: Vec<Option<String>> = run(body, &ents).into_iter().map(|q| q.3).collect();
        assert_eq!(speakers.len(), 3, "{speakers:?}");
        assert!(
            speakers.iter().all(|s| s.as_deref() == Some("Inco Ltd")),
            "{speakers:?}"
        );
    }

    #[test]
    fn a_quoted_title_is_no_speech() {
        let body = "\"I expect to be vetted,\" he said on \"Meet the Press.\" \"But being vetted is \
                    not being lied about,\" he added.\n\nHe hosted the reality show \"The Apprentice\" for \
                    years. \"It was a great show for the network,\" he said.";
        let texts: Vec<String> = run(body, &[]).into_iter().map(|q| q.1).collect();
        assert!(
            texts.iter().all(|t| !t.contains("Meet the Press")),
            "{texts:?}"
        );
        assert!(texts.iter().all(|t| !t.contains("Apprentice")), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("I expect")), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.starts_with("It was a great show")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_definite_phrase_names_whom_its_noun_named_last() {
        let body = "A Texaco spokesman said the unit was not affected.\n\n\"We are informing our \
                    customers,\" the spokesman said.\n\nThe Finance Ministry said in a statement \
                    that talks would go on.\n\nThe statement said \"the terms must be met.\"\n\n\
                    Union secretary Ross Wilson spoke on radio.\n\n\"We will strike,\" the union said.";
        let ents = entities(
            body,
            &[
                ("Texaco", EntityKind::Organization, "Texaco"),
                (
                    "Finance Ministry",
                    EntityKind::Organization,
                    "Finance Ministry",
                ),
                ("Ross Wilson", EntityKind::Person, "Ross Wilson"),
            ],
        );
        let speakers: Vec<(String, Option<String>)> = run(body, &ents)
            .into_iter()
            .filter(|q| q.0)
            .map(|q| (q.2.unwrap_or_default(), q.3))
            .collect();
        let of = |mention: &str| {
            speakers
                .iter()
                .find(|(m, _)| m == mention)
                .map(|(_, s)| s.as_deref())
        };
        assert_eq!(of("the spokesman"), Some(Some("Texaco")), "{speakers:?}");
        assert_eq!(
            of("The statement"),
            Some(Some("Finance Ministry")),
            "{speakers:?}"
        );
        // "Union" here qualifies "secretary": the union is not Ross Wilson.
        assert_eq!(of("the union"), Some(None), "{speakers:?}");
    }

    const SEED: &str = "Nonetheless, Putin said he hoped dialog over Ukraine would continue and that a way needed to be found to, as he put it, \"protect everyone's security.\"\n\n\"Let's imagine Ukraine is a NATO member and starts these military operations. Are we supposed to go to war with the NATO bloc? Has anyone given that any thought? Apparently not,\" he said, according to Reuters.\n\nPutin said that the U.S. wanted to \"contain Russia\" and that it was using Ukraine to do that.\n\n\"It's already clear now ... that fundamental Russian concerns were ignored,\" Putin said at a press conference Tuesday, according to a Reuters translation.\n\nPresident Vladimir Putin accused Western nations of ignoring key Russian security concerns.\n\nThe Kremlin has accused the West of stirring up \"hysteria\" over Ukraine.";

    fn seed_entities() -> Vec<Entity> {
        entities(
            SEED,
            &[
                ("Putin", EntityKind::Person, "Vladimir Putin"),
                ("Vladimir Putin", EntityKind::Person, "Vladimir Putin"),
                ("Reuters", EntityKind::Organization, "Reuters"),
                ("Kremlin", EntityKind::Location, "Kremlin"),
                ("NATO", EntityKind::Organization, "NATO"),
            ],
        )
        .into_iter()
        .filter(|e| !(e.span.text(SEED) == "Putin" && SEED[..e.span.start].ends_with("Vladimir ")))
        .collect()
    }

    #[test]
    fn seed_quotes_have_their_speakers() {
        let quotes = run(SEED, &seed_entities());
        let direct: Vec<_> = quotes.iter().filter(|q| q.0).collect();
        assert!(direct.len() >= 5, "{quotes:#?}");
        for q in &direct {
            let want = if q.1.contains("hysteria") {
                "Kremlin"
            } else {
                "Vladimir Putin"
            };
            assert_eq!(q.3.as_deref(), Some(want), "{q:?}");
        }
        let lets = direct
            .iter()
            .find(|q| q.1.starts_with("Let's imagine"))
            .unwrap();
        assert_eq!(lets.2.as_deref(), Some("he"));
        assert!(lets.1.ends_with("Apparently not,"));
        let clear = direct
            .iter()
            .find(|q| q.1.starts_with("It's already"))
            .unwrap();
        assert_eq!(clear.2.as_deref(), Some("Putin"));
        // Reported speech with a partial quote keeps its clause.
        assert!(
            direct
                .iter()
                .any(|q| q.1.starts_with("the U.S. wanted to \"contain Russia\""))
        );
        let accused = quotes
            .iter()
            .find(|q| q.1.starts_with("Western nations"))
            .unwrap();
        assert!(!accused.0);
        assert_eq!(accused.3.as_deref(), Some("Vladimir Putin"));
    }

    #[test]
    fn multi_paragraph_quote_keeps_its_speaker() {
        let body = "In a 1963 speech, Wallace declared:\n\n“It is very appropriate that from this cradle of the Confederacy we sound the drum for freedom.\n\n“Let us rise to the call for freedom-loving blood that is in us and send our answer to tyranny.”\n\nThe crowd cheered.";
        let ents = entities(body, &[("Wallace", EntityKind::Person, "George Wallace")]);
        let quotes = run(body, &ents);
        assert_eq!(quotes.len(), 2, "{quotes:#?}");
        for q in &quotes {
            assert!(q.0);
            assert_eq!(q.2.as_deref(), Some("Wallace"));
            assert_eq!(q.3.as_deref(), Some("George Wallace"));
        }
        assert!(quotes[1].1.ends_with("answer to tyranny."));
    }

    #[test]
    fn odd_apostrophe_loses_nothing() {
        let body = "The '90s were O'Malley's best years.\n\n\"We won,\" Mr. Smith said. \"And we will win again.\"";
        let ents = entities(body, &[("Smith", EntityKind::Person, "John Smith")]);
        let quotes = run(body, &ents);
        let texts: Vec<&str> = quotes.iter().map(|q| q.1.as_str()).collect();
        assert_eq!(texts, ["We won,", "And we will win again."]);
        assert!(quotes.iter().all(|q| q.3.as_deref() == Some("John Smith")));
    }

    #[test]
    fn scare_quotes_and_titles_are_not_speech() {
        let body = "He has coined a new phrase, “undocumented Democrats,” for his stump speech, and the “Art of the Deal” author laughed.";
        assert!(run(body, &[]).is_empty());
        // A short quote with a cue stays.
        let body = "Bush, Florida’s former governor, called him a “loser.”";
        let quotes = run(body, &[]);
        assert_eq!(quotes.len(), 1, "{quotes:#?}");
        assert!(quotes[0].0 && quotes[0].1.contains("loser"));
    }

    #[test]
    fn pronouns_resolve_by_gender() {
        let body = "Mrs. Clinton met Mr. Sanders in Iowa. Sanders spoke first.\n\n\"We are going to win,\" she said.";
        let ents = entities(
            body,
            &[
                ("Clinton", EntityKind::Person, "Hillary Clinton"),
                ("Sanders", EntityKind::Person, "Bernie Sanders"),
            ],
        );
        let quotes = run(body, &ents);
        assert_eq!(quotes.len(), 1, "{quotes:#?}");
        assert_eq!(quotes[0].2.as_deref(), Some("she"));
        assert_eq!(quotes[0].3.as_deref(), Some("Hillary Clinton"));
    }

    #[test]
    fn a_shared_surname_spreads_no_gender_and_kin_nouns_tell_one() {
        // "Mr. Khan" and "Ms. Khan" are two people: the bare name tells no gender, and it gives
        // none to Ghazala Khan; "her son" tells Humayun Khan's.
        let body = "Ghazala Khan and Mr. Khan spoke. Ms. Khan talked of her son, Humayun Khan.\n\n\"I am a Gold Star mother,\" Ms. Khan said.";
        let ents = entities(
            body,
            &[
                ("Ghazala Khan", EntityKind::Person, "Ghazala Khan"),
                ("Mr. Khan", EntityKind::Person, "Khan"),
                ("Ms. Khan", EntityKind::Person, "Khan"),
                ("Humayun Khan", EntityKind::Person, "Humayun Khan"),
            ],
        );
        let quotes = run(body, &ents);
        assert_eq!(quotes.len(), 1, "{quotes:#?}");
        assert_eq!(quotes[0].3.as_deref(), Some("Ghazala Khan"));
    }

    #[test]
    fn appositive_and_inverted_attributions() {
        let body = "\"This people-powered campaign is revolutionizing American politics,\" Jeff Weaver, Sanders' campaign manager, said in a statement.\n\n“We are done,” said Mr. Smith, a spokesman.\n\nThe economy is improving, according to officials.";
        let ents = entities(
            body,
            &[
                ("Jeff Weaver", EntityKind::Person, "Jeff Weaver"),
                ("Smith", EntityKind::Person, "Smith"),
            ],
        );
        let quotes = run(body, &ents);
        assert_eq!(quotes.len(), 3, "{quotes:#?}");
        assert_eq!(quotes[0].3.as_deref(), Some("Jeff Weaver"));
        assert_eq!(quotes[1].2.as_deref(), Some("Mr. Smith"));
        assert!(!quotes[2].0);
        assert_eq!(quotes[2].1, "The economy is improving");
        assert_eq!(quotes[2].2.as_deref(), Some("officials"));
    }

    /// (text, speaker mention) of the direct quotes of `body`, without entities.
    fn mentions(body: &str) -> Vec<(String, Option<String>)> {
        run(body, &[])
            .into_iter()
            .filter(|q| q.0)
            .map(|q| (q.1, q.2))
            .collect()
    }

    /// Asserts the speaker mention of the first direct quote of `body`.
    #[track_caller]
    fn assert_first_speaker(body: &str, want: &str) {
        let m = mentions(body);
        assert_eq!(m.first().and_then(|q| q.1.as_deref()), Some(want), "{m:?}");
    }

    #[test]
    fn lower_case_speakers_after_a_determiner() {
        assert_first_speaker(
            "“The schools must reopen next month,” the board said.",
            "the board",
        );
        assert_first_speaker(
            "“Nobody here wants another recount,” one county clerk wrote.",
            "one county clerk",
        );
        // A possessive opens no speaker phrase: the noun after it is what is demanded.
        let q = run(
            "Moscow sent its proposals, including its main demands that the bloc stop growing.",
            &[],
        );
        assert!(
            q.iter().all(|q| q.2.as_deref() != Some("its main")),
            "{q:?}"
        );
    }

    #[test]
    fn speaker_with_party_and_state() {
        assert_first_speaker(
            "“We will fight this bill to the end,” Sen. Jane Doe (D-Ore.) said.",
            "Sen. Jane Doe (D-Ore.)",
        );
    }

    #[test]
    fn relative_pronoun_mention_keeps_its_antecedent() {
        let body = "“We won,” said Ms. Lee, who said the vote was “a turning point for the city.”";
        let ents = entities(body, &[("Lee", EntityKind::Person, "Ann Lee")]);
        let quotes = run(body, &ents);
        let last = quotes.last().unwrap();
        assert_eq!(last.2.as_deref(), Some("Ms. Lee, who"), "{quotes:?}");
        assert_eq!(last.3.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn participle_takes_the_speaker_before_it() {
        let body = "“Taxes are too high,” Mr. Grant said, adding that the plan “would hurt families.” “We will vote no.”";
        let m = mentions(body);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(
            m.iter().all(|q| q.1.as_deref() == Some("Mr. Grant")),
            "{m:?}"
        );
    }

    #[test]
    fn attribution_inside_its_sentence() {
        let m = mentions("Iowa, she said, was “the place where we can turn this race around.”");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].0.starts_with("Iowa"), "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("she"));
    }

    #[test]
    fn second_verb_and_opening_adverbials_keep_the_subject() {
        assert_first_speaker(
            "Mr. Carson did not name his rivals but told the crowd, “Our nation is in trouble.”",
            "Mr. Carson",
        );
        assert_first_speaker(
            "On Friday, after weeks of silence, Warren endorsed Clinton, saying, “She is a fighter.”",
            "Warren",
        );
        assert_first_speaker(
            "And then Trump went on the attack, saying, “He should resign.”",
            "Trump",
        );
        assert_first_speaker(
            "The senator closed by saying, “We will not back down.”",
            "The senator",
        );
    }

    #[test]
    fn phrasal_and_as_put_it_cues() {
        assert_first_speaker("“He has no plan for the border,” Rubio shot back.", "Rubio");
        assert_first_speaker(
            "As the mayor put it, “We are not going to be bullied.”",
            "the mayor",
        );
        assert_first_speaker("“I would say this,” Ms. Ortiz answered.", "Ms. Ortiz");
    }

    #[test]
    fn long_appositives_datelines_and_places() {
        let m = mentions(
            "“Every hour felt like a year,” Mr. Dunn, now 70 and retired in Dayton, Ohio, said by telephone.",
        );
        assert_eq!(
            m[0].1.as_deref().map(|s| s.starts_with("Mr. Dunn")),
            Some(true),
            "{m:?}"
        );
        let m = mentions(
            "Mrs. Hale, during a town hall in Columbus, Ohio, said she was “ready to fight.”",
        );
        assert_eq!(
            m[0].1.as_deref().map(|s| s.starts_with("Mrs. Hale")),
            Some(true),
            "{m:?}"
        );
        assert_first_speaker(
            "WASHINGTON — Sen. Ann Cole on Monday defended the bill, saying it “will save lives.”",
            "Sen. Ann Cole",
        );
        assert_first_speaker(
            "At a rally in Ames, Iowa, on Sunday, Mrs. Hale spoke again, saying that “the fight goes on.”",
            "Mrs. Hale",
        );
        assert_first_speaker(
            "“Is anyone listening to the voters?” asked Mr. Ruiz.",
            "Mr. Ruiz",
        );
    }

    #[test]
    fn adverbs_and_parentheses_around_the_cue() {
        assert_first_speaker(
            "Mr. Ames jokingly said, “I am becoming mainstream.”",
            "Mr. Ames",
        );
        let m = mentions("He added, though, that in the end “the plan did not work.”");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("He"), "{m:?}");
        assert_first_speaker(
            "The family said, “We are grateful for the support.”",
            "The family",
        );
    }

    #[test]
    fn narration_around_a_continued_quote_and_opening_participles() {
        let m = mentions(
            "“It's ambush journalism,” Ms. Reyes says. It's “this new in-your-face journalism.”",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m.iter().all(|q| q.1.as_deref() == Some("Ms. Reyes")),
            "{m:?}"
        );
        let m = mentions(
            "Noting that only one senator voted with them, Mr. Tate added: “That's where the problem is.”",
        );
        let last = m.last().unwrap();
        assert_eq!(last.1.as_deref(), Some("Mr. Tate"), "{m:?}");
        assert_first_speaker(
            "Speaking in Salem, New Hampshire, Mr. Tate went after Bush, calling him “a total stiff.”",
            "Mr. Tate",
        );
    }

    #[test]
    fn quote_opening_its_sentence_continues_the_speaker() {
        let m = mentions(
            "“We are in good shape,” said Tom Hale, an adviser. “We could win enough delegates in Ohio to catch up,” which votes next week.",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m.iter().all(|q| q.1.as_deref() == Some("Tom Hale")),
            "{m:?}"
        );
    }

    #[test]
    fn long_subjects_and_unlisted_verbs_after_a_cut_quote() {
        let m = mentions("“Will the plant ever reopen?” a union steward at the mill wondered.");
        assert_eq!(
            m[0].1.as_deref(),
            Some("a union steward at the mill"),
            "{m:?}"
        );
        let m = mentions(
            "“The figures are badly out of date,” Ann Roe of the Tax Policy Center wrote in March.",
        );
        assert_eq!(
            m[0].1.as_deref(),
            Some("Ann Roe of the Tax Policy Center"),
            "{m:?}"
        );
        assert_first_speaker(
            "“Nobody reads the fine print,” scoffed Dr. Lena Park, 40.",
            "Dr. Lena Park",
        );
        assert_first_speaker("“Is that a promise?” the host pressed.", "the host");
        // A quote ending with ! keeps the attribution that follows, however long.
        assert_first_speaker(
            "“We are ready to vote now!” Gov. Ann Cole said as the delegates took their seats in the hall.",
            "Gov. Ann Cole",
        );
        // Narration after a quoted phrase is no attribution.
        let m = mentions(
            "She liked the “fair and open process,” a rule that allowed voters to register late.",
        );
        assert!(
            m.iter()
                .all(|q| !q.1.as_deref().is_some_and(|s| s.starts_with("a rule"))),
            "{m:?}"
        );
    }

    #[test]
    fn quoted_phrase_without_a_speech_verb_is_the_subjects() {
        let m = mentions(
            "On Monday, Ms. Vega thanked the volunteers for “the long nights they gave to this campaign.”",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("Ms. Vega"), "{m:?}");
    }

    #[test]
    fn quote_takes_the_subject_of_its_own_clause() {
        let m =
            mentions("When the mayor finished her speech, a man in the back yelled “Go home now!”");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("a man in the back"), "{m:?}");
        let m = mentions(
            "After the mayor finished her speech, the crowd erupted in “a roar of approval that lasted for minutes.”",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("the crowd"), "{m:?}");
        assert_first_speaker(
            "The trouble began at the rally in Ames, when the protesters interrupted her, shouting “no more wars, no more lies!”",
            "the protesters",
        );
        assert_first_speaker(
            "Days later, Mr. Lund returned the favor to his rival, telling reporters, “He is a good man and a friend.”",
            "Mr. Lund",
        );
    }

    #[test]
    fn nearer_verb_holds_its_own_quote() {
        let m = mentions(
            "Asked about the vote, Mr. Hale said “I have not read the bill yet,” she said.",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("she"), "{m:?}");
        let m = mentions(
            "Ms. Ortiz said she was not ready to endorse, though he said, “I hope to get there soon.”",
        );
        let last = m.last().unwrap();
        assert_eq!(last.1.as_deref(), Some("he"), "{m:?}");
        // A verb in the clause the first one governs does not take the quote.
        assert_first_speaker(
            "Mr. Hale said that he has “no idea” if the aides told anyone.",
            "Mr. Hale",
        );
    }

    #[test]
    fn opening_participle_and_dash_introduced_sources() {
        assert_first_speaker(
            "Citing “the need to heal after a hard year,” the governor's spokesman told reporters she would stay home.",
            "the governor's spokesman",
        );
        assert_first_speaker(
            "TURNOUT IN THE SOUTH WAS LOWER THAN ANY OF THE MODELS HAD EXPECTED - Ann Roe: “The late deciders stayed home.”",
            "Ann Roe",
        );
    }

    #[test]
    fn introductions_epigraphs_and_as_put_it_with_appositive() {
        assert_first_speaker(
            "After the vote, Gov. Ann Cole released the following statement:\n\n“We will keep fighting for the families of this state.”",
            "Gov. Ann Cole",
        );
        assert_first_speaker(
            "\"We will keep fighting for the families of this state.\"\n\n- Ann Cole.",
            "Ann Cole",
        );
        let m = mentions(
            "As Tom Hale, a former state treasurer, put it in his letter, “The money is simply not there.”",
        );
        assert_eq!(
            m[0].1.as_deref().map(|s| s.starts_with("Tom Hale")),
            Some(true),
            "{m:?}"
        );
        assert_first_speaker(
            "“We are not done yet, not by a long shot,” she went on.",
            "she",
        );
        assert_first_speaker(
            "“The costs keep rising every year,” said Will Dunn, an economist.",
            "Will Dunn",
        );
    }

    #[test]
    fn nearest_cue_wins_over_an_earlier_verb() {
        let m = mentions(
            "Asked what she believed about the new tax, she said, “It is a burden on every family.”",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].1.as_deref(), Some("she"), "{m:?}");
        let q = run(
            "Asked what she believed about the new tax, she said, “It is a burden on every family.”",
            &[],
        );
        assert!(
            q.iter().all(|q| !q.1.contains("about the new tax")),
            "{q:?}"
        );
    }

    #[test]
    fn speaker_phrase_runs_over_its_participle_and_prepositions() {
        let m = mentions(
            "A senior aide speaking to The Herald said, “The governor will not sign this bill.”",
        );
        assert_eq!(
            m[0].1.as_deref(),
            Some("A senior aide speaking to The Herald"),
            "{m:?}"
        );
        let m = mentions("“The numbers do not add up at all,” said of the plan one analyst.");
        assert!(
            m.iter()
                .all(|q| !q.1.as_deref().is_some_and(|s| s.starts_with("of"))),
            "{m:?}"
        );
    }

    #[test]
    fn time_openers_possessive_nouns_and_singular_base_forms() {
        assert_first_speaker(
            "Two weeks later, she told the crowd in Reno, “We are going to win this state.”",
            "she",
        );
        assert_first_speaker(
            "Mr. Reyes again repeated his claim that the plant was “closing for good next year.”",
            "Mr. Reyes",
        );
        assert_first_speaker(
            "He ended with a grim note of caution, saying, “We are not out of the woods.”",
            "He",
        );
    }

    #[test]
    fn bare_attribution_introduces_and_free_relative_pronoun() {
        let m = mentions(
            "Professor Ann Roe of Ohio State agreed. “Nobody expected turnout to be this low.”",
        );
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].1.as_deref().is_some_and(|s| s.contains("Ann Roe")),
            "{m:?}"
        );
        assert_first_speaker(
            "Mr. Lund has campaigned against what he calls the “ruling class of the capital.”",
            "Mr. Lund",
        );
    }

    #[test]
    fn writing_an_object_and_going_on_a_trip_are_no_speech() {
        let q = run(
            "Mr. Lund is a fan of the deal and wrote legislation that gave the governor more power.",
            &[],
        );
        assert!(q.is_empty(), "{q:?}");
        let q = run(
            "Ms. Roe goes on a tour of the state to defend the plan.",
            &[],
        );
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn nested_quote_closing_with_its_outer_quote_keeps_the_attribution() {
        assert_first_speaker(
            "''Part of my job is to say: 'He is one of us,''' Mr. Baxter said of the senator.",
            "Mr. Baxter",
        );
    }

    #[test]
    fn as_put_it_after_an_opening_word_and_parenthetical_appositives() {
        assert_first_speaker(
            "Or, as Ann Roe, a former mayor of the city, put it: ''The gates are open. They're in.''",
            "Ann Roe, a former mayor of the city",
        );
        assert_first_speaker(
            "Many scholars accept this (Ann Roe, who coined the term, once said, “It happened many times over”).",
            "Ann Roe, who coined the term",
        );
    }

    #[test]
    fn question_attributed_after_it_despite_a_later_quote() {
        assert_first_speaker(
            "“Who can count how many times we lost? Two? Three?” Clinton asks as a plumber walks by, saying he is “here to fix the holes.”",
            "Clinton",
        );
        let m = mentions(
            "Kelly answered: “Yes.”\n“It happens, right?” Trump went on, as if he missed it. “But you get over it.”",
        );
        assert_eq!(m[1].1.as_deref(), Some("Trump"), "{m:?}");
    }

    #[test]
    fn relative_clause_subject_calls_it_so() {
        let m = mentions(
            "Dunn said he backs a bill aimed at the accreditors, which he called “a cartel for colleges.” He will vote soon.",
        );
        let cartel = m.iter().find(|q| q.0.contains("cartel"));
        assert_eq!(cartel.and_then(|q| q.1.as_deref()), Some("he"), "{m:?}");
    }

    #[test]
    fn absolute_with_phrase_names_its_speaker() {
        assert_first_speaker(
            "Both men used harsh words, with Cruz recently promising to “bomb them into oblivion.” Neither gave details.",
            "Cruz",
        );
    }

    #[test]
    fn cue_opening_its_clause_names_the_speaker_after_it() {
        assert_first_speaker(
            "Roof was missed, Comey has said. Said Comey, “The thought that we erred is painful to me.”",
            "Comey",
        );
        let m = mentions(
            "Ann Roe said her boss was “always kind.” But, said Dunn, “I do not want a fight with him.”",
        );
        assert_eq!(m[1].1.as_deref(), Some("Dunn"), "{m:?}");
    }

    #[test]
    fn introduced_question_is_not_the_next_sentences() {
        assert_first_speaker(
            "Clinton, exasperated, famously responded: “What difference does it make?” Her critics cited it as evidence against her.",
            "Clinton, exasperated",
        );
    }

    #[test]
    fn subject_before_a_dashed_appositive() {
        assert_first_speaker(
            "Senator Ann Roe — a Democrat from Ohio — said the plan was “a disaster for everyone.”",
            "Senator Ann Roe",
        );
    }

    #[test]
    fn abbreviation_ends_a_sentence_before_a_quote() {
        let m = mentions(
            "The news spread fast, according to Chad.com. “He had so many plans,” his friend Ali Oumar told the site.",
        );
        assert_eq!(m[0].1.as_deref(), Some("his friend Ali Oumar"), "{m:?}");
    }

    #[test]
    fn unlisted_verb_before_a_role_or_possessive_speaker() {
        assert_first_speaker(
            "“Imagine him on the same stage as both of them,” mused host Stu Burns.",
            "host Stu Burns",
        );
        assert_first_speaker(
            "“Imagine him on the same stage as both of them,” mused Blaze co-host Stu Burns.",
            "Blaze co-host Stu Burns",
        );
        assert_first_speaker(
            "“It is about time that we had a woman running this country,” exhorted Clinton's introducer, actress Jamie Lee Curtis.",
            "Clinton's introducer",
        );
    }

    #[test]
    fn relative_clause_quote_ends_where_the_outer_clause_resumes() {
        let m = mentions(
            "Dunn praised the plan and contrasted the old one, whom he described as “volatile,” with the new one: “It is steady.”",
        );
        let volatile = m.iter().find(|q| q.0.contains("volatile"));
        assert_eq!(volatile.and_then(|q| q.1.as_deref()), Some("he"), "{m:?}");
        assert!(volatile.is_some_and(|q| q.0.starts_with("whom")), "{m:?}");
    }

    #[test]
    fn contracted_auxiliary_keeps_the_pronoun_subject() {
        assert_first_speaker(
            "Ever since Ann Roe announced her run last year, she's said the same thing at every stop: “It is about us.”",
            "she",
        );
    }

    #[test]
    fn passive_cue_gives_the_agent() {
        assert_first_speaker(
            "Rubio was asked by moderator Gerard Baker whether his plan would risk “adding to the deficit.”",
            "moderator Gerard Baker",
        );
    }

    #[test]
    fn cue_with_an_adjunct_introduces_the_next_quote() {
        assert_first_speaker(
            "Both sides shrugged. Sam Lau said in a statement. “There are no ballots to recount. It was unique.”",
            "Sam Lau",
        );
    }

    #[test]
    fn relative_pronoun_opens_a_clause_with_its_own_subject() {
        assert_first_speaker(
            "Then came a kinder tweet, followed by one in which he took credit for “being right on terrorism.”",
            "he",
        );
    }

    #[test]
    fn speaker_phrases_with_an_age_or_a_participle_and_agent() {
        let m = mentions(
            "I agree with him.\n17-year-old Jared Potts echoed:\n“He speaks his mind, and I think that is what we need.”",
        );
        assert_eq!(m[0].1.as_deref(), Some("17-year-old Jared Potts"), "{m:?}");
        assert_first_speaker(
            "A letter from the Legion obtained by The Herald warns that “any further contact will be through our attorney.”",
            "A letter from the Legion obtained by The Herald",
        );
    }

    #[test]
    fn infinitive_cue_speaks_for_its_subject_or_prompted_object() {
        assert_first_speaker(
            "The cheering crowd prompted Trump to say, “Thank you all so much for coming tonight.”",
            "Trump",
        );
        assert_first_speaker(
            "Trump went on to say, “There are places here that are among the most dangerous.”",
            "Trump",
        );
    }

    #[test]
    fn progressive_cue_and_passive_infinitive_keep_their_subjects() {
        assert_first_speaker(
            "The debate was so subdued that Mr. Trump was prompted to say, ''So far, I cannot believe how civil it has been.''",
            "Mr. Trump",
        );
        assert_first_speaker(
            "Donald Trump, the candidate, is promising that the show will be “a big spectacle with a showbiz feel.”",
            "Donald Trump, the candidate",
        );
    }

    #[test]
    fn relative_clause_without_commas_and_indefinite_speakers() {
        assert_first_speaker(
            "A White House official who spoke anonymously to discuss strategy said Wednesday, “There are talks between us.”",
            "A White House official",
        );
        let m = mentions(
            "“There are more candidates here,” added one Republican. Yet another said, “Rubio is in a five-way battle.”",
        );
        assert_eq!(m[1].1.as_deref(), Some("another"), "{m:?}");
    }

    #[test]
    fn long_adjuncts_and_here_is_introductions() {
        assert_first_speaker(
            "Then there was host Charlie Sykes, who lamented in an interview with the Business Insider politics editor Oliver Darcy, ''We have spent 20 years on this.''",
            "host Charlie Sykes, who",
        );
        assert_first_speaker(
            "Frank teases it out. Here's Clinton in December 1992: “Our new direction must rest on the new realities.”",
            "Clinton",
        );
    }

    #[test]
    fn determiner_and_name_subject_of_a_colon_attribution() {
        assert_first_speaker(
            "As if addressing him directly, the Illinois Board of Elections was conclusive in its findings: “Further discussion is unnecessary.”",
            "the Illinois Board of Elections",
        );
    }

    #[test]
    fn time_phrase_opener_and_article_never_ends_a_speaker() {
        assert_first_speaker(
            "She spoke about labor. The next day, her Twitter account posted: “Shop the look from her speech.”",
            "her Twitter",
        );
        assert_first_speaker(
            "The evidence for the last claim was a clip from a rally, where the secretary of state said she was “not only here to do my job.”",
            "the secretary of state",
        );
    }

    #[test]
    fn participle_after_a_preposition_takes_the_nearest_verbs_subject() {
        assert_first_speaker(
            "The judge took a recess. When he returned she began by saying, “I do not think jail is needed here.”",
            "she",
        );
    }

    #[test]
    fn coordinated_verb_takes_the_nearest_clause_subject() {
        assert_first_speaker(
            "Col. Ann Roe started the row when she brought up the bombing and later said, “It is not just them.”",
            "she",
        );
    }

    #[test]
    fn inverted_speaker_phrase_after_an_article() {
        assert_first_speaker(
            "''Utilities will get paid for keeping old plants on standby,'' noted a report for Oxfam by a nonprofit.",
            "a report for Oxfam",
        );
        assert_first_speaker(
            "“There are invertebrates with more spine than the senator,” reads a Wednesday editorial in The Register.",
            "a Wednesday editorial",
        );
        let m = mentions(
            "He promised reform and, once again, pledged a “political revolution” for all of us.",
        );
        assert!(m.iter().all(|q| q.1.as_deref() != Some("a")), "{m:?}");
    }

    #[test]
    fn capitalised_will_or_may_before_a_finite_cue_is_a_name() {
        assert_first_speaker(
            "“The war in the capital of an ally is a reminder of the stakes,” Will wrote.",
            "Will",
        );
        assert_first_speaker(
            "“We will deliver on this promise,” May said on Tuesday.",
            "May",
        );
    }

    #[test]
    fn manner_of_speaking_verbs_are_cues() {
        assert_first_speaker(
            "“If they were serious about progress, they would pass the bill,” Toomey fumed on Monday.",
            "Toomey",
        );
        let m = mentions(
            "She snapped a photo of the crowd at the rally in the old town square under its “Vote Here” sign.",
        );
        assert!(m.iter().all(|q| q.1.as_deref() != Some("She")), "{m:?}");
    }

    #[test]
    fn review_cases_keep_their_speakers_and_never_panic() {
        // A relative clause's quote inside an inverted attribution: cut spans stay in order.
        let q = run(
            "Roe said the old plan, which she called “volatile,” an aide recalled later.",
            &[],
        );
        assert!(!q.is_empty());
        assert_first_speaker(
            "WASHINGTON — The bill is dead in the Senate — said Sen. Ann Roe, the sponsor, “and I know it.”",
            "Sen. Ann Roe",
        );
        assert_first_speaker(
            "The crowd prompted him to say, “Thank you all so much for coming.”",
            "him",
        );
        let m = mentions("Ann Roe and Tom Dunn both said the plan was “a disaster for all of us.”");
        assert!(m.iter().all(|q| q.1.as_deref() != Some("both")), "{m:?}");
    }

    #[test]
    fn cue_before_a_clause_subject_is_not_inverted() {
        assert_first_speaker(
            "Mr. Baxter, citing ''the unique magic of the man,'' said the candidate could win in states like Ohio.",
            "Mr. Baxter",
        );
    }

    #[test]
    fn possessive_phrase_after_a_preposition_belongs_to_the_speaker() {
        assert_first_speaker(
            "Sanders’ fundraising email to his supporters notes that Jane Kim “is a civil rights attorney.”",
            "Sanders’ fundraising email to his supporters",
        );
    }

    proptest::proptest! {
        /// Any mix of cues, quote marks, dashes and relative pronouns yields quotes and speaker
        /// mentions that lie inside the body, in order, on character boundaries.
        #[test]
        fn spans_stay_inside_the_body(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "said", "told", "he", "she", "Roe", "Will", "which", "who", "called", "as", "by",
                "was", "asked", "to", "say", "with", "saying", "—", "--", ",", ".", ":", "?",
                "“", "”", "\"", "''", "'''", "'", "(", ")", "the", "a", "according", "and",
                "another", "Here's", "U.S.", "prompted", "him", "Said", "But", "put", "it",
                "As", "is", "went", "on", "’s", "\n", "é",
                // Whole phrases, so that clause patterns meet each other.
                "Roe said", "the old plan,", "which she called “volatile,”", "an aide recalled",
                "“It is fine,”", "he said,", "according to CNN,", "— said Sen. Ann Roe,",
                "was asked by Bill Dunn,", "with Cruz promising to", "went on to say,",
                "''I said, 'No,''' he recalled.", "Here's Roe in 1992:", "whom he described as",
            ]),
            0..80,
        )) {
            let body = words.join(" ");
            let tokens = tokenize(&body);
            for q in extract(&body, &tokens, &[]) {
                let spans = std::iter::once(q.span).chain(q.speaker_mention.map(|m| m.span));
                for s in spans {
                    proptest::prop_assert!(s.start <= s.end && s.end <= body.len());
                    proptest::prop_assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
                }
            }
        }
    }
}
