//! Words in quotation marks that are not speech: names of programmes, books and films, markup
//! attribute values, and short unattributed scare quotes. Each is a named pattern with its
//! examples; `mod.rs` drops a direct quote that one of them matches.

use super::direct::QuoteSpan;
use super::lexicon;

/// Whether an unattributed quote reads as speech rather than a title or scare quote: eight
/// words or more, or four and more that end like a sentence or a clause.
pub(super) fn reads_as_speech(body: &str, q: &QuoteSpan) -> bool {
    let text = q.inner.text(body);
    let words = text.split_whitespace().count();
    words >= 8 || (words >= 4 && text.ends_with(['.', '?', '!', ',']))
}

/// Whether the quote `q` names something rather than quoting anyone, by any pattern below.
pub(super) fn is_a_name_in_marks(body: &str, q: &QuoteSpan) -> bool {
    markup_attribute(body, q) || title_after_cue(body, q) || title_after_possessive(body, q)
}

/// A quoted value of markup: `<tweet author="@edhenry" timestamp="1470067200">`. The opening
/// mark stands right after `=`.
fn markup_attribute(body: &str, q: &QuoteSpan) -> bool {
    body[..q.outer.start].ends_with('=')
}

/// A title after a word that introduces one: "appeared on “Meet the Press.”", "the reality
/// show “The Apprentice”", "in her memoir, “Tough Choices.”". The quote is a few title-cased
/// words and the last word before it is a title cue (`words/title_cues.txt`).
fn title_after_cue(body: &str, q: &QuoteSpan) -> bool {
    let before = lexicon::last_word(
        body[..q.outer.start].trim_end_matches(|c: char| c.is_whitespace() || c == ','),
    );
    is_title_cased(body, q) && lexicon::is_title_cue(before)
}

/// A programme of a broadcaster or publication, named in its possessive: "said on ABC’s “This
/// Week,”", "Fox News Channel’s “Hannity,”", "POLITICO’s “Off Message”", "Wednesday’s
/// “MSNBC Live,”". A capitalised word with ’s right before a few title-cased words is whose
/// show or column it is; quoted speech after a possessive is not title-cased ("Trump’s “coarse,
/// vulgar” effusion", "the party’s “basement dwellers”").
fn title_after_possessive(body: &str, q: &QuoteSpan) -> bool {
    let before = body[..q.outer.start].trim_end();
    let Some(owner) = before
        .strip_suffix("’s")
        .or_else(|| before.strip_suffix("'s"))
    else {
        return false;
    };
    lexicon::is_cap(lexicon::last_word(owner)) && is_title_cased(body, q)
}

/// One to six words, each capitalised but for small function words ("Meet the Press").
fn is_title_cased(body: &str, q: &QuoteSpan) -> bool {
    let text = q.inner.text(body).trim_end_matches([',', '.', ';', ':']);
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words.first().is_some_and(|w| lexicon::is_cap(w))
        && words
            .iter()
            .all(|w| lexicon::is_cap(w) || lexicon::is_title_small_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Span;

    /// The first quote of `body`, marked by “ ” or by ASCII double quotes.
    fn first_quote(body: &str) -> QuoteSpan {
        let open = body.find(['“', '"']).expect("an opening mark");
        let open_len = body[open..].chars().next().map_or(1, char::len_utf8);
        let close = open
            + open_len
            + body[open + open_len..]
                .find(['”', '"'])
                .expect("a closing mark");
        let close_len = body[close..].chars().next().map_or(1, char::len_utf8);
        QuoteSpan {
            outer: Span::new(open, close + close_len),
            inner: Span::new(open + open_len, close),
            closed: true,
        }
    }

    fn names(body: &str) -> bool {
        is_a_name_in_marks(body, &first_quote(body))
    }

    #[test]
    fn markup_values_are_not_speech() {
        assert!(names(r#"<tweet author="@edhenry" timestamp="1470067200">"#));
        assert!(!names(r#"He said: "We will win," and left."#));
    }

    #[test]
    fn titles_after_a_cue() {
        assert!(names("He appeared on “Meet the Press.”"));
        assert!(names("the reality show “The Apprentice” ended"));
        assert!(names("she wrote in her memoir, “Tough Choices.”"));
        // Speech after a cue word is not title-cased.
        assert!(!names("He went on “to say what he meant.”"));
    }

    #[test]
    fn programmes_after_a_possessive() {
        assert!(names("Clinton said on ABC’s “This Week,” that she"));
        assert!(names("he told Fox News Channel’s “Hannity.”"));
        assert!(names("an interview for POLITICO's \"Off Message\" podcast"));
        assert!(!names(
            "From Donald Trump’s “coarse, vulgar, and nasty effusion”"
        ));
        assert!(!names("was among the party’s “Basement Dwellers”"));
    }

    #[test]
    fn speech_needs_words_or_a_sentence_end() {
        let q = |body: &str| reads_as_speech(body, &first_quote(body));
        assert!(q("“We are going to win this race, and soon,” he said"));
        assert!(q("“We will see you.”"));
        assert!(!q("the “undocumented Democrats” phrase"));
    }
}
