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

    /// The body span of a name found at `span` of the logical text: as [`Layout::to_body`],
    /// but a mark moved against either end of the name stays out of it, so that `Corp .`
    /// gives the name `Corp` as the body writes it, not `Corp .` (the mark is the sentence's).
    pub fn name_to_body(&self, span: Span) -> Span {
        let Some(origin) = &self.origin else {
            return span;
        };
        let Some(bytes) = origin.get(span.start..span.end) else {
            return span;
        };
        let text = self.text.as_bytes();
        let moved = |k: usize, neighbour: usize| {
            text[span.start + k].is_ascii_punctuation() && bytes[k].abs_diff(bytes[neighbour]) != 1
        };
        let (mut a, mut b) = (0, bytes.len());
        while b >= a + 2 && moved(b - 1, b - 2) {
            b -= 1;
        }
        while b >= a + 2 && moved(a, a + 1) {
            a += 1;
        }
        self.to_body(Span::new(span.start + a, span.start + b))
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

    #[test]
    fn a_name_leaves_out_the_marks_moved_against_it() {
        let body =
            "SHARES OF LEAR CORP . ROSE, SAID THE U.S . \" WE WILL . \" THEN HE LEFT . AND SO ON .";
        let layout = Layout::of(body);
        let text = layout.text();
        let name = |s: &str| {
            let at = text.find(s).unwrap();
            layout.name_to_body(Span::new(at, at + s.len())).text(body)
        };
        assert_eq!(name("LEAR CORP."), "LEAR CORP");
        assert_eq!(name("U.S."), "U.S");
        assert_eq!(name("\"WE"), "WE");
        assert_eq!(name("ROSE"), "ROSE");
        // A mark the body writes against the name stays in it.
        let clean = Layout::of("Lear Corp. rose.");
        assert_eq!(clean.name_to_body(Span::new(5, 10)), Span::new(5, 10));
    }
}
