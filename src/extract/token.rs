//! The tokenizer every extractor shares: words, numbers and punctuation with byte offsets.
//!
//! Tokens follow the CoNLL-2003 / Penn Treebank conventions the entity model was trained on, so
//! that raw article text and the space-joined CoNLL tokens come out alike:
//! - clitics are split off: "Putin's" -> "Putin" + "'s", "don't" -> "do" + "n't" (straight or
//!   curly apostrophe), while "O'Brien" stays whole;
//! - abbreviations keep their period: "U.S.", "Inc.", "Mr.", initials "J.";
//! - inner joiners stay inside a word: "well-known", "3.5", "1,000", "10:30", "S&P", "US$";
//! - every other punctuation character is its own token, except runs such as "--" or "...".
//!
//! Does not split sentences: that is the NER module's business.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::article::Span;

/// One token: a word (with the inner joiners above), a clitic, or punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the text.
    pub span: Span,
}

impl Token {
    /// Its text in `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        self.span.text(body)
    }
}

/// The longest word of `abbreviations.txt`.
const MAX_ABBREVIATION: usize = 8;

/// Whether `word` (without its period) is an abbreviation that keeps a trailing period: "Mr",
/// "Sen", "Calif", "Inc" (`abbreviations.txt`, ignoring ASCII case). The tokenizer keeps such
/// a period on the word, and no sentence ends after it.
pub fn is_abbreviation(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_ABBREVIATION || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; MAX_ABBREVIATION];
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    let set =
        SET.get_or_init(|| super::word_list::entries(include_str!("abbreviations.txt")).collect());
    std::str::from_utf8(&buf[..bytes.len()]).is_ok_and(|w| set.contains(w))
}

/// Whether a token is a word or a number (it starts with a letter or digit), not punctuation.
pub fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

/// Apostrophes: straight, curly right single quote, and the modifier letter.
#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// Length in bytes of an English clitic ("s", "re", "ve", "ll", "d", "m") starting at `i`
/// and followed by a non-word character, if there is one.
fn clitic_len(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let lower = |k: usize| b.get(i + k).map(|c| c.to_ascii_lowercase());
    let n = match (lower(0), lower(1)) {
        (Some(b'r'), Some(b'e')) | (Some(b'v'), Some(b'e')) | (Some(b'l'), Some(b'l')) => 2,
        (Some(b's' | b'd' | b'm'), _) => 1,
        _ => return None,
    };
    match char_at(text, i + n) {
        Some(c) if is_alnum(c) => None,
        _ => Some(n),
    }
}

/// Splits `text` into tokens, skipping white space.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    // Whether only white space stands between the last line break and `i`.
    let mut line_start = true;
    while i < bytes.len() {
        let c = match char_at(text, i) {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                line_start = true;
            }
            i += clen;
            continue;
        }
        let at_line_start = line_start;
        line_start = false;
        let start = i;
        let end = if is_alnum(c) {
            scan_word(text, start, at_line_start)
        } else if is_apostrophe(c) {
            match clitic_len(text, i + clen) {
                Some(n) => i + clen + n,
                None => i + clen,
            }
        } else if matches!(c, '+' | '-' | '.')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (start == 0 || !is_alnum(text[..start].chars().next_back().unwrap_or(' ')))
        {
            // A signed number or a decimal fraction: "+0.5", "-3", ".576".
            scan_word(text, i + 1, false)
        } else if matches!(c, '-' | '.' | '*' | '=' | '_' | '~' | '#') {
            // Runs: "--", "...", "***".
            let mut e = i + 1;
            while bytes.get(e) == Some(&(c as u8)) {
                e += 1;
            }
            e
        } else {
            i + clen
        };
        tokens.push(Token {
            span: Span::new(start, end),
        });
        i = end;
    }
    tokens
}

/// Scans a word starting at `start` (an alphanumeric character); returns its end.
fn scan_word(text: &str, start: usize, at_line_start: bool) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut has_period = false;
    let mut all_digits = true;
    let mut all_upper = true;
    while let Some(c) = char_at(text, end) {
        if is_alnum(c) {
            all_digits &= c.is_ascii_digit();
            all_upper &= c.is_uppercase();
            end += c.len_utf8();
            continue;
        }
        let after = end + c.len_utf8();
        let next = char_at(text, after);
        let next_alnum = next.is_some_and(is_alnum);
        let prev = text[..end].chars().next_back().unwrap_or(' ');
        if is_apostrophe(c) {
            // "n't": the word ends before the "n".
            if matches!(prev, 'n' | 'N')
                && matches!(next, Some('t' | 'T'))
                && !char_at(text, after + 1).is_some_and(is_alnum)
            {
                let n_pos = end - 1;
                if n_pos == start {
                    return after + 1; // the word is "n't" itself
                }
                return n_pos;
            }
            if clitic_len(text, after).is_some() {
                return end; // "Putin's": the clitic is the next token
            }
            if next_alnum {
                end = after; // O'Brien
                continue;
            }
            break;
        }
        let keep = match c {
            '-' => next_alnum,
            '.' => next_alnum,
            ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
            ':' | '/' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
            '&' => prev.is_uppercase() && next.is_some_and(char::is_uppercase),
            _ => false,
        };
        if keep {
            has_period |= c == '.';
            all_digits = false;
            end = after;
            continue;
        }
        if c == '$' && all_upper && !all_digits && end - start <= 3 {
            return after; // US$, C$
        }
        if c == '.' {
            let word = &text[start..end];
            let single_letter = word.len() == 1 && prev.is_ascii_uppercase();
            let list_marker = at_line_start
                && all_digits
                && word.len() <= 2
                && next.is_none_or(char::is_whitespace);
            if has_period || single_letter || list_marker || is_abbreviation(word) {
                // Not when the period starts a run ("Inc..." keeps "...").
                if bytes.get(after) != Some(&b'.') {
                    end = after;
                    // "U.S.-led": the hyphen joins on.
                    if bytes.get(end) == Some(&b'-') && char_at(text, end + 1).is_some_and(is_alnum)
                    {
                        end += 1;
                        continue;
                    }
                }
            }
        }
        break;
    }
    end
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
                "Putin", "said", ",", "\"", "It", "'s", "the", "U.S.", "that", "wants", "3.5", "%",
                ".", "\""
            ]
        );
    }

    #[test]
    fn clitics_follow_conll() {
        assert_eq!(words("Putin's Russia"), ["Putin", "'s", "Russia"]);
        assert_eq!(words("Putin\u{2019}s war"), ["Putin", "\u{2019}s", "war"]);
        assert_eq!(words("don't, can't"), ["do", "n't", ",", "ca", "n't"]);
        assert_eq!(
            words("O'Brien and d'Italia"),
            ["O'Brien", "and", "d'Italia"]
        );
        assert_eq!(
            words("they're we've I'm"),
            ["they", "'re", "we", "'ve", "I", "'m"]
        );
        assert_eq!(
            words("the companies' profits"),
            ["the", "companies", "'", "profits"]
        );
        assert_eq!(words("'sorry'"), ["'", "sorry", "'"]);
    }

    #[test]
    fn abbreviation_list_is_lower_case_words_that_fit_the_lookup() {
        let words: Vec<&str> =
            crate::extract::word_list::entries(include_str!("abbreviations.txt")).collect();
        assert!(words.len() > 50, "{words:?}");
        for w in words {
            assert!(
                w.len() <= MAX_ABBREVIATION && w.chars().all(|c| c.is_ascii_lowercase()),
                "{w}"
            );
            assert!(
                is_abbreviation(w) && is_abbreviation(&w.to_ascii_uppercase()),
                "{w}"
            );
        }
        assert!(!is_abbreviation("said") && !is_abbreviation("") && !is_abbreviation("Sén"));
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("Mr. Smith of Acme Inc. met George W. Bush in Washington."),
            [
                "Mr.",
                "Smith",
                "of",
                "Acme",
                "Inc.",
                "met",
                "George",
                "W.",
                "Bush",
                "in",
                "Washington",
                "."
            ]
        );
        assert_eq!(words("the U.S."), ["the", "U.S."]);
        assert_eq!(words("end. Next"), ["end", ".", "Next"]);
    }

    #[test]
    fn inner_joiners() {
        assert_eq!(
            words("well-known 1,000 10:30 3/4 S&P US$ 5 1996-08-22 -3 +0.5 -- ..."),
            [
                "well-known",
                "1,000",
                "10:30",
                "3/4",
                "S&P",
                "US$",
                "5",
                "1996-08-22",
                "-3",
                "+0.5",
                "--",
                "..."
            ]
        );
        assert_eq!(words("(Reuters) - 1-0"), ["(", "Reuters", ")", "-", "1-0"]);
        assert_eq!(
            words("\u{201c}Yes\u{201d} \u{2014} no"),
            ["\u{201c}", "Yes", "\u{201d}", "\u{2014}", "no"]
        );
    }

    #[test]
    fn conll_tokens_stay_intact() {
        let line = "Putin 's U.S.-led visit .576 , said Mr. O'Neill of Acme Inc. ( Reuters ) -- do n't vs. M. US$ 2-1";
        let expected: Vec<&str> = line.split(' ').collect();
        assert_eq!(words(line), expected);
        assert_eq!(
            words("1. Michael Schumacher"),
            ["1.", "Michael", "Schumacher"]
        );
    }

    #[test]
    fn offsets_are_on_char_boundaries() {
        let text = "Zürich’s café — «Ünïcode» naïve";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(!t.span.is_empty());
        }
        assert_eq!(
            words(text),
            ["Zürich", "’s", "café", "—", "«", "Ünïcode", "»", "naïve"]
        );
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_non_empty_and_white_space_free(text in "\\PC{0,80}") {
            let mut last = 0;
            for t in tokenize(&text) {
                proptest::prop_assert!(t.span.start >= last && t.span.end > t.span.start);
                proptest::prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                proptest::prop_assert!(!t.text(&text).chars().any(char::is_whitespace));
                last = t.span.end;
            }
        }
    }
}
