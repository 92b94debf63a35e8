//! Spaced punctuation: text tokenised with a space on each side of its marks, as TIME's 1963
//! archive is (`THE U.S . WANTS`, `" REFLECT "`), is given its marks back where prose has them:
//! a period, comma, colon, semicolon, ? or ! against the word before, an opening quotation mark
//! against the word after and a closing one against the word before.
//!
//! Only when the body is written that way throughout (most of its marks spaced): a stray spaced
//! mark in ordinary prose is left as it is. Marks only move across spaces, so the result is a
//! permutation of the body's bytes, and `origin` maps each byte back. Does not join lines.

/// Marks that belong against the word before them.
const TRAILING: &[u8] = b".,;:?!";

/// The body with its spaced marks moved, and the body offset of each of its bytes; `None` when
/// the body is not spaced-punctuation text.
pub fn unspace(body: &str) -> Option<(String, Vec<u32>)> {
    let bytes = body.as_bytes();
    let spaced_trailing = |i: usize| {
        TRAILING.contains(&bytes[i])
            && i > 0
            && bytes[i - 1] == b' '
            && bytes.get(i + 1).is_none_or(|&b| b == b' ' || b == b'\n')
    };
    let spaced_quote = |i: usize| {
        bytes[i] == b'"'
            && (i == 0 || bytes[i - 1].is_ascii_whitespace())
            && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
    };
    let (mut trailing, mut trailing_spaced, mut quotes, mut quotes_spaced) = (0, 0, 0, 0);
    for i in 0..bytes.len() {
        if TRAILING.contains(&bytes[i]) && bytes.get(i + 1).is_none_or(|&b| b == b' ') {
            trailing += 1;
            trailing_spaced += usize::from(spaced_trailing(i));
        } else if bytes[i] == b'"' {
            quotes += 1;
            quotes_spaced += usize::from(spaced_quote(i));
        }
    }
    let marks = trailing_spaced >= 3 && trailing_spaced * 3 >= trailing;
    let quote_marks = quotes_spaced >= 2 && quotes_spaced * 2 >= quotes;
    if !marks && !quote_marks {
        return None;
    }
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut origin: Vec<u32> = Vec::with_capacity(bytes.len());
    // Whether the next straight quote of the line opens one.
    let mut opening = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            opening = true;
        }
        let glue_left = (marks && spaced_trailing(i))
            || (quote_marks && spaced_quote(i) && !opening && out.last() == Some(&b' '));
        let glue_right = quote_marks && spaced_quote(i) && opening;
        if b == b'"' && quote_marks {
            opening = !opening;
        }
        if glue_left {
            // Move the mark before the spaces that precede it.
            let spaces = out.iter().rev().take_while(|&&c| c == b' ').count();
            let at = out.len() - spaces;
            out.insert(at, b);
            origin.insert(at, i as u32);
            i += 1;
        } else if glue_right {
            // Move the mark after the spaces that follow it (not past a line end).
            let spaces = bytes[i + 1..].iter().take_while(|&&c| c == b' ').count();
            for k in i + 1..i + 1 + spaces {
                out.push(b' ');
                origin.push(k as u32);
            }
            out.push(b);
            origin.push(i as u32);
            i += 1 + spaces;
        } else {
            out.push(b);
            origin.push(i as u32);
            i += 1;
        }
    }
    // Only ASCII bytes moved, each across ASCII spaces, so the bytes are still UTF-8.
    String::from_utf8(out).ok().map(|text| (text, origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIME: &str = "FROM MANHATTAN U.N . HEADQUARTERS, ORDERS WERE FLASHED TO THE U.N . \
        FORCE IN KATANGA : \" TAKE ALL NECESSARY ACTION . \" TSHOMBE \" AGREED \" TO A \
        CEASE-FIRE . \" THEY ARE MAD, \" SAID A RED CROSS OFFICIAL .";

    #[test]
    fn spaced_marks_go_back_against_their_words() {
        let (text, origin) = unspace(TIME).unwrap();
        assert_eq!(
            text,
            "FROM MANHATTAN U.N.  HEADQUARTERS, ORDERS WERE FLASHED TO THE U.N.  \
             FORCE IN KATANGA:   \"TAKE ALL NECESSARY ACTION.\"   TSHOMBE  \"AGREED\"  TO A \
             CEASE-FIRE.   \"THEY ARE MAD,\"  SAID A RED CROSS OFFICIAL. "
        );
        assert_eq!(text.len(), TIME.len());
        let mut seen = origin.clone();
        seen.sort_unstable();
        assert!(seen.iter().enumerate().all(|(i, &o)| o as usize == i));
        for (k, &o) in origin.iter().enumerate() {
            assert_eq!(text.as_bytes()[k], TIME.as_bytes()[o as usize]);
        }
    }

    #[test]
    fn ordinary_prose_is_left_alone() {
        let prose = "He said: \"We will win.\" Then he left . Nobody asked why, and \" nobody \
                     cared,\" one aide said.";
        assert!(unspace(prose).is_none());
    }
}
