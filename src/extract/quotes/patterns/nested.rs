//! Nested speech: a cue inside another frame's content. The outer frame holds it, unless the
//! inner verb has a quote of its own, which is the inner speaker's; the outer content then
//! stops where the inner frame starts.

use super::super::View;
use super::super::lexicon::{is_coordinator, is_one_of, is_relative_pronoun};
use super::super::reported::{Frame, is_word, words_in};
use crate::article::Span;

/// The frames `found` in the sentence `lo..hi` with nested speech resolved, in order:
/// - "… – “…,” she said – and …": an inverted inner frame inside the outer content keeps its
///   quote; the outer clause stops there;
/// - "Feinstein said “…,” she said.": the quote just before an inverted cue is the nearer
///   verb's;
/// - "Ryan said he was not ready, though he said, “I hope to.”": a later verb opening a
///   clause of its own introduces its own quote;
/// - "He backs a bill against the accreditors, which he called “a cartel”": a relative
///   clause, up to its quote, is its subject's, and the outer clause goes on around it.
pub fn resolve(v: &View, lo: usize, hi: usize, found: Vec<Frame>) -> Vec<Frame> {
    let mut kept: Vec<Frame> = Vec::new();
    for mut f in found {
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
            cut_at(g, f.content.start);
            kept.push(f);
        } else if inverted {
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
                cut_at(g, sp.start.min(f.cue.start));
                kept.push(f);
            } else if let Some(rel) = relative_pronoun_before(v, lo, hi, sp.start)
                && let Some(quote_end) = quote_right_after(v, lo, hi, f.cue.end, f.content.end)
            {
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
            || is_coordinator(p)
            || is_one_of(p, &["though", "although"])
    }
}

/// The start of the relative pronoun ("which", "who", "whom") just before the phrase at
/// byte `at`, which then is the subject of a relative clause.
fn relative_pronoun_before(v: &View, lo: usize, hi: usize, at: usize) -> Option<usize> {
    let t = v.token_at(lo, hi, at)?;
    (t > lo && !v.quoted(t - 1) && is_relative_pronoun(v.word(t - 1))).then(|| v.span(t - 1).start)
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

#[cfg(test)]
mod tests {
    use super::super::testing::frames;

    fn speakers_and_contents(body: &'static str) -> Vec<(String, String)> {
        frames(body)
            .into_iter()
            .map(|(s, c)| (s.unwrap_or_default(), c))
            .collect()
    }

    #[test]
    fn the_nearer_verb_holds_its_own_quote() {
        let got = speakers_and_contents("Feinstein said “we have the votes,” she said.");
        assert!(
            got.contains(&("she".into(), "“we have the votes,".into())),
            "{got:?}"
        );
        let got = speakers_and_contents("Ryan said he was not ready, though he said, “I hope to.”");
        assert_eq!(
            got,
            vec![
                ("Ryan".into(), "he was not ready, though".into()),
                ("he".into(), "“I hope to.”".into())
            ]
        );
    }

    #[test]
    fn a_relative_clause_keeps_its_quote_and_the_outer_clause_goes_on() {
        let got = speakers_and_contents(
            "Sanders said he backs a bill against the banks, which he called “a cartel,” in the Senate.",
        );
        assert!(
            got.iter()
                .any(|(s, c)| s == "he" && c.starts_with("which he called")),
            "{got:?}"
        );
    }
}
