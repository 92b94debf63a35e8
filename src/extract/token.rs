//! The tokenizer every extractor shares: words, numbers and punctuation with byte offsets.

use crate::article::Span;

/// One token: a run of word characters (with inner apostrophes, hyphens, periods of
/// abbreviations such as "U.S."), or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

impl Token {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        self.span.text(body)
    }
}

/// Splits `text` into tokens, skipping white space.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token {
                span: Span::new(start, start + c.len_utf8()),
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            if n.is_alphanumeric() {
                end = i + n.len_utf8();
                chars.next();
                continue;
            }
            // Inner joiners: don't, U.S., 3.5, well-known.
            if matches!(n, '\'' | '’' | '.' | '-' | ',') {
                let rest = &text[i + n.len_utf8()..];
                let next_alnum = rest.chars().next().is_some_and(|x| x.is_alphanumeric());
                let keep = match n {
                    ',' => {
                        text[start..end].chars().all(|x| x.is_ascii_digit())
                            && rest.chars().next().is_some_and(|x| x.is_ascii_digit())
                    }
                    _ => next_alnum,
                };
                if keep {
                    end = i + n.len_utf8();
                    chars.next();
                    continue;
                }
                // Trailing period of an abbreviation like "U.S." or "Mr.".
                if n == '.' && text[start..end].contains('.') {
                    end = i + 1;
                    chars.next();
                }
            }
            break;
        }
        tokens.push(Token {
            span: Span::new(start, end),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            words("Putin said, \"It's the U.S. that wants 3.5%.\""),
            [
                "Putin", "said", ",", "\"", "It's", "the", "U.S.", "that", "wants", "3.5", "%",
                ".", "\""
            ]
        );
    }
}
