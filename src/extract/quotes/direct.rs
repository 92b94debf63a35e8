//! Quotation-mark spans: finds the double quotation marks of one paragraph (curly “ ”,
//! straight ", the NYT's `` and '') and pairs them. Pairing never crosses a paragraph, so one
//! stray mark costs at most the rest of its paragraph; single apostrophes are never marks.
//! Whether a quoted span is speech is decided elsewhere (`mod.rs`, `reported.rs`).

use crate::article::Span;

/// One quoted span of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// From the opening mark to the closing mark included (or the paragraph end).
    pub outer: Span,
    /// Between the marks, trimmed of white space.
    pub inner: Span,
    /// False when no closing mark was found before the paragraph end (a quote that goes on
    /// in the next paragraph, or a stray opening mark).
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    /// Straight " or '': its side is read from the characters around it.
    Either,
}

/// Quotation marks in `body[para]`: (byte start, byte length, kind).
fn marks(body: &str, para: Span) -> Vec<(usize, usize, Kind)> {
    let text = para.text(body);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ''' closes a single quote nested in a double one ("…,''' he said"): the double mark
        // is the last two apostrophes; before a letter it opens both, the first two being
        // the double mark.
        if bytes[i..].starts_with(b"'''") {
            let closing = !bytes.get(i + 3).is_some_and(|c| c.is_ascii_alphanumeric());
            out.push((para.start + i + usize::from(closing), 2, Kind::Either));
            i += 3;
            continue;
        }
        let found = match b {
            b'"' => Some((1, Kind::Either)),
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => Some((2, Kind::Either)),
            b'`' if bytes.get(i + 1) == Some(&b'`') => Some((2, Kind::Open)),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x9C) => Some((3, Kind::Open)),  // “
                Some(0x9D) => Some((3, Kind::Close)), // ”
                Some(0x9E) => Some((3, Kind::Open)),  // „
                _ => None,
            },
            _ => None,
        };
        match found {
            Some((len, kind)) => {
                out.push((para.start + i, len, kind));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{—–-/:".contains(c))
}

fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}—–-".contains(c))
}

/// Trims white space from both ends of `span`.
pub fn trim(body: &str, span: Span) -> Span {
    let text = span.text(body);
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.end - (text.len() - text.trim_end().len());
    Span::new(start, end.max(start))
}

/// Pairs the quotation marks of one paragraph into quoted spans, in text order.
pub fn quotes_in(body: &str, para: Span) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut pending: Option<usize> = None; // start of the opening mark
    let mut inner_start = 0;
    for (pos, len, kind) in marks(body, para) {
        let before = body[..pos].chars().next_back().filter(|_| pos > para.start);
        let after = body[pos + len..para.end].chars().next();
        let kind = match kind {
            // A typo'd closing “ ("“It's unusual,“ said …"): glued to the words before it,
            // with a space or punctuation after, while a quote is open.
            Kind::Open
                if pending.is_some()
                    && before.is_some_and(|c| !c.is_whitespace() && !"([{—–-/".contains(c))
                    && closes_before(after) =>
            {
                Kind::Close
            }
            Kind::Either if pending.is_some() => Kind::Close,
            Kind::Either if closes_before(after) && !opens_after(before) => Kind::Close,
            Kind::Either => Kind::Open,
            k => k,
        };
        match (kind, pending) {
            (Kind::Close, Some(open)) => {
                out.push(QuoteSpan {
                    outer: Span::new(open, pos + len),
                    inner: trim(body, Span::new(inner_start, pos)),
                    closed: true,
                });
                pending = None;
            }
            (Kind::Close, None) => {} // a stray closing mark: ignored
            _ => {
                // An opening mark; one already open was stray and is dropped.
                pending = Some(pos);
                inner_start = pos + len;
            }
        }
    }
    if let Some(open) = pending {
        let inner = trim(body, Span::new(inner_start, para.end));
        if !inner.is_empty() {
            out.push(QuoteSpan {
                outer: Span::new(open, inner.end),
                inner,
                closed: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(&str, bool)> {
        quotes_in(body, Span::new(0, body.len()))
            .iter()
            .map(|q| (q.inner.text(body), q.closed))
            .collect()
    }

    #[test]
    fn curly_and_straight_marks_pair() {
        let body = "Putin said the U.S. wanted to \"contain Russia\" and that NATO would “undermine Russia's security.”";
        assert_eq!(
            texts(body),
            [
                ("contain Russia", true),
                ("undermine Russia's security.", true)
            ]
        );
    }

    #[test]
    fn nyt_double_apostrophes_pair() {
        let body = "Mrs. Clinton added, ''The race is in the home stretch,'' and Mr. Trump's aides didn't.";
        assert_eq!(texts(body), [("The race is in the home stretch,", true)]);
    }

    #[test]
    fn nested_single_quote_closing_with_the_double_one() {
        let body = "''I said, 'No daylight,''' he recalled. '''Tis true,'' she said.";
        assert_eq!(
            texts(body),
            [("I said, 'No daylight,'", true), ("'Tis true,", true)]
        );
    }

    #[test]
    fn odd_apostrophe_does_not_swallow_the_rest() {
        let body = "The '90s were O'Malley's years, he said. \"We won,\" he added.";
        assert_eq!(texts(body), [("We won,", true)]);
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        let body =
            "“It is very appropriate that from this cradle of the Confederacy we sound the drum.";
        assert_eq!(
            texts(body),
            [(
                "It is very appropriate that from this cradle of the Confederacy we sound the drum.",
                false
            )]
        );
    }

    #[test]
    fn typoed_closing_mark_closes() {
        let body = "“It is rare,“ said Ann Roe. “Very rare.”";
        assert_eq!(texts(body), [("It is rare,", true), ("Very rare.", true)]);
    }

    #[test]
    fn stray_closing_mark_is_ignored() {
        let body = "He is 6'2\" tall. “Fine,” she said.";
        // The inch mark opens nothing: it follows a digit and precedes a space.
        assert_eq!(texts(body), [("Fine,", true)]);
    }
}
