//! Layout: from a body as stored to the logical text every extractor reads, and back.
//!
//! Soft line wraps inside hard-wrapped paragraphs ([`wrap`]) become spaces, so that a line is a
//! paragraph; spaced punctuation ([`spacing`]) goes back against its words. The logical text
//! has exactly the body's length and differs from it only by those moves, so a span of it maps
//! to the body span holding the same characters ([`Layout::to_body`]): every offset that leaves
//! the library points into `body` as given. Does not split sentences (each extractor does).

pub mod spacing;
pub mod wrap;

use std::borrow::Cow;

use crate::article::Span;

/// A body's logical text and the map back to the body.
#[derive(Debug, Clone)]
pub struct Layout<'a> {
    text: Cow<'a, str>,
    /// For each byte of `text`, the body offset it came from; `None` when no byte moved.
    origin: Option<Vec<u32>>,
}

impl<'a> Layout<'a> {
    /// Lays out `body`: soft wraps joined, spaced punctuation closed up.
    pub fn of(body: &'a str) -> Self {
        let breaks = wrap::soft_breaks(body);
        let joined: Cow<'a, str> = if breaks.is_empty() {
            Cow::Borrowed(body)
        } else {
            let mut bytes = body.as_bytes().to_vec();
            for at in breaks {
                // "\r\n" as well as "\n": both become spaces.
                if at > 0 && bytes[at - 1] == b'\r' {
                    bytes[at - 1] = b' ';
                }
                bytes[at] = b' ';
            }
            // Only ASCII line-end bytes were replaced by ASCII spaces.
            Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| body.to_owned()))
        };
        match spacing::unspace(&joined) {
            Some((text, origin)) => Layout {
                text: Cow::Owned(text),
                origin: Some(origin),
            },
            None => Layout {
                text: joined,
                origin: None,
            },
        }
    }

    /// The logical text: as long as the body, with the same characters, some moved.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The body span holding the characters of `span` of the logical text (the smallest one
    /// covering all of them, so a mark moved out of a span's end is found again).
    pub fn to_body(&self, span: Span) -> Span {
        let Some(origin) = &self.origin else {
            return span;
        };
        let Some(bytes) = origin.get(span.start..span.end) else {
            return span;
        };
        let lo = bytes.iter().min().map_or(span.start, |&o| o as usize);
        let hi = bytes.iter().max().map_or(span.end, |&o| o as usize + 1);
        Span::new(lo, hi.max(lo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed_and_maps_to_itself() {
        let body = "Mr. Biden said, \"We will.\"\n\nShe agreed.";
        let layout = Layout::of(body);
        assert!(matches!(layout.text, Cow::Borrowed(_)));
        assert_eq!(layout.to_body(Span::new(3, 8)), Span::new(3, 8));
    }

    #[test]
    fn spans_of_moved_marks_map_to_the_body_characters() {
        let body = "THE U.S . WANTS IT, HE SAID . \" WE WILL . \" THEN HE LEFT . AND SO ON .";
        let layout = Layout::of(body);
        let text = layout.text();
        let find = |s: &str| {
            let at = text.find(s).unwrap();
            layout.to_body(Span::new(at, at + s.len())).text(body)
        };
        assert_eq!(find("U.S."), "U.S .");
        assert_eq!(find("\"WE WILL.\""), "\" WE WILL . \"");
        assert_eq!(find("WE WILL."), "WE WILL .");
        assert_eq!(find("WANTS"), "WANTS");
    }
}
