//! Hard-wrapped lines: which line breaks of a body are soft wraps inside a paragraph (wire copy,
//! e-mail and text exports break lines at ~70 columns) and which end a paragraph.
//!
//! Decided from the body's own line-length statistics, never from its words. Two ways of
//! wrapping are recognised, each with one width fitted to the body:
//! - *fill* to width W: a line is broken where its next word would not fit, so a wrapped line
//!   is at most W long and would pass W with the next word (`len ≤ W < len + 1 + next`);
//! - *threshold* T: a line is broken at the first space at or after column T, so a wrapped
//!   line reaches T and would not without its last word (`len - last - 1 < T ≤ len`).
//!
//! The width that explains the most line ends is taken; the body is hard-wrapped when it
//! explains a clear majority of them (three in five), hardly a line contradicts it (one in
//! twenty at most: a wrapped line never passes its width before its last word, as the rows
//! of a table and ragged sentences one a line do) and nine in ten lines are at most that
//! wide. A blank line, or a line indented deeper than the one before, always
//! starts a paragraph. A body that marks its paragraphs by indenting their first lines (Reuters'
//! `\n    `, at least two of them, with lines at the body's margin between) wraps every line
//! at the margin, whatever its length, and starts a paragraph at every indented line. Does not
//! decide sentences or quotes.

/// Widths outside this range are not wrapping (a short list, or paragraphs one a line).
const WIDTHS: std::ops::RangeInclusive<usize> = 30..=140;

/// How far past its width a threshold-wrapped line may run (its last word).
const LONGEST_WORD: usize = 25;

/// Where a line may be wrapped: a no-break space is text, not layout, so words it joins are
/// one word to a wrapper.
const WRAP_POINTS: [char; 2] = [' ', '\t'];

/// Share of line ends a width must explain: (numerator, denominator).
const EXPLAINED: (usize, usize) = (3, 5);

/// Share of line ends that may contradict a width (pass it before their last word).
const CONTRADICTING: (usize, usize) = (1, 20);

/// One line end that may be a soft wrap: the next line is neither blank nor indented deeper.
#[derive(Debug, Clone, Copy)]
struct LineEnd {
    /// Byte offset of the `\n`.
    at: usize,
    /// Characters in the line, trailing white space left out.
    len: usize,
    /// Characters before the line's last word and the space before it.
    before_last: usize,
    /// Characters of the line with the next line's first word appended after a space.
    with_next: usize,
    /// Whether the next line is indented past the body's margin.
    next_indented: bool,
    /// Whether the next line is indented deeper than this one.
    next_deeper: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Fill(usize),
    Threshold(usize),
}

impl Rule {
    fn width(self) -> usize {
        match self {
            Rule::Fill(w) | Rule::Threshold(w) => w,
        }
    }
    /// Whether a line end is a wrap under this rule: a fill breaks where the next word would
    /// not fit (or the line is already too long), a threshold wherever the line reached it.
    fn wraps(self, e: &LineEnd) -> bool {
        match self {
            Rule::Fill(w) => w < e.with_next,
            Rule::Threshold(t) => t <= e.len,
        }
    }
}

/// Byte offsets of the `\n`s of `body` that are soft wraps, in order.
pub fn soft_breaks(body: &str) -> Vec<usize> {
    let ends = line_ends(body);
    let lengths: Vec<usize> = body
        .split('\n')
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    // Wrapped lines are short: nine in ten at most `limit` characters.
    let short =
        |limit: usize| lengths.iter().filter(|&&n| n <= limit).count() * 10 >= lengths.len() * 9;
    let indented = ends.iter().filter(|e| e.next_indented).count();
    if indented >= 2 && ends.len() > indented && short(*WIDTHS.end()) {
        return ends
            .iter()
            .filter(|e| !e.next_indented)
            .map(|e| e.at)
            .collect();
    }
    let ends: Vec<LineEnd> = ends.into_iter().filter(|e| !e.next_deeper).collect();
    match fit(&ends) {
        Some(rule) if short(rule.width() + LONGEST_WORD) => ends
            .iter()
            .filter(|e| rule.wraps(e))
            .map(|e| e.at)
            .collect(),
        _ => Vec::new(),
    }
}

/// The wrapping rule that explains most line ends, if the body is hard-wrapped.
fn fit(ends: &[LineEnd]) -> Option<Rule> {
    if ends.is_empty() {
        return None;
    }
    let top = *WIDTHS.end() + 1;
    // counts[x] after a prefix sum: how many line ends width x explains.
    let mut fill = vec![0i32; top + 1];
    let mut threshold = vec![0i32; top + 1];
    let add = |counts: &mut [i32], lo: usize, hi: usize| {
        let (lo, hi) = (lo.min(top), hi.min(top));
        if lo < hi {
            counts[lo] += 1;
            counts[hi] -= 1;
        }
    };
    for e in ends {
        add(&mut fill, e.len, e.with_next);
        add(&mut threshold, e.before_last + 1, e.len + 1);
    }
    let best = |counts: &mut [i32]| -> (usize, usize) {
        let mut run = 0;
        let mut best = (0, 0);
        for (x, c) in counts.iter().enumerate() {
            run += c;
            if WIDTHS.contains(&x) && run as usize > best.0 {
                best = (run as usize, x);
            }
        }
        best
    };
    let (f, w) = best(&mut fill);
    let (t, x) = best(&mut threshold);
    let (explained, rule) = if f >= t {
        (f, Rule::Fill(w))
    } else {
        (t, Rule::Threshold(x))
    };
    // A clear majority of line ends explained, and more than one; next to none contradicting.
    let contradicting = ends
        .iter()
        .filter(|e| e.before_last >= rule.width())
        .count();
    (explained * EXPLAINED.1 >= ends.len() * EXPLAINED.0
        && explained >= 2
        && contradicting * CONTRADICTING.1 <= ends.len() * CONTRADICTING.0)
        .then_some(rule)
}

/// The line ends of `body` between two non-blank lines.
fn line_ends(body: &str) -> Vec<LineEnd> {
    let margin = body
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(indent)
        .min()
        .unwrap_or(0);
    let mut out = Vec::new();
    let mut lines = body.split('\n').peekable();
    let mut at = 0;
    while let Some(line) = lines.next() {
        let next = lines.peek();
        let end = at + line.len();
        at = end + 1;
        let Some(next) = next else { break };
        let text = line.trim_end();
        let next_text = next.trim_start();
        if text.trim_start().is_empty() || next_text.trim_end().is_empty() {
            continue;
        }
        let len = text.chars().count();
        let before_last = text
            .trim_start()
            .rfind(WRAP_POINTS)
            .map_or(0, |i| indent(text) + text.trim_start()[..i].chars().count());
        let first = next_text
            .split(WRAP_POINTS)
            .next()
            .map_or(0, |w| w.chars().count());
        out.push(LineEnd {
            at: end,
            len,
            before_last,
            with_next: len + 1 + first,
            next_indented: indent(next) > margin,
            next_deeper: indent(next) > indent(line),
        });
    }
    out
}

/// Spaces and tabs at the start of a line (a no-break space is text, not layout).
fn indent(line: &str) -> usize {
    line.bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(body: &str) -> String {
        let mut bytes = body.as_bytes().to_vec();
        for at in soft_breaks(body) {
            bytes[at] = b' ';
        }
        String::from_utf8(bytes).unwrap()
    }

    /// Fills `text`, indented by `indent` spaces, to `width` columns as a wire service would.
    fn fill(text: &str, indent: usize, width: usize) -> String {
        let mut out = " ".repeat(indent);
        let mut col = indent;
        let mut fresh = true;
        for w in text.split(' ') {
            if !fresh && col + 1 + w.len() > width {
                out.push('\n');
                col = 0;
            } else if !fresh {
                out.push(' ');
                col += 1;
            }
            out.push_str(w);
            col += w.len();
            fresh = false;
        }
        out
    }

    const PARAGRAPHS: [&str; 3] = [
        "Inco Ltd said it did not expect its earlier reported removal from the Dow Jones \
         industrial index to make a major impact on the company's stock.",
        "\"We don't think that individuals or institutions buy our shares because we were one \
         of the Dow Jones industrials,\" spokesman Ken Cherney said in reply to a query.",
        "Inco closed 1-3/8 lower at 19-3/8 in second most active trading on the Toronto Stock \
         Exchange.",
    ];

    #[test]
    fn filled_paragraphs_indented_as_reuters_are_joined() {
        let body: Vec<String> = PARAGRAPHS.iter().map(|p| fill(p, 4, 64)).collect();
        let body = body.join("\n");
        assert_eq!(joined(&body).replace("    ", ""), PARAGRAPHS.join("\n"));
    }

    #[test]
    fn indented_paragraphs_are_kept_however_long_their_lines() {
        let body = "    \"We do not think that,\" he said of the\nplan.\n    Short one.\n    \
                    And a last paragraph that\nis wrapped\nraggedly.";
        assert_eq!(
            joined(body),
            "    \"We do not think that,\" he said of the plan.\n    Short one.\n    \
             And a last paragraph that is wrapped raggedly."
        );
    }

    #[test]
    fn threshold_wrapped_paragraphs_one_a_line_are_joined() {
        // Every space after column 50 turned into a newline.
        let text = PARAGRAPHS.join("\n");
        let mut col = 0;
        let wrapped: String = text
            .chars()
            .map(|c| match c {
                '\n' => {
                    col = 0;
                    c
                }
                ' ' if col >= 50 => {
                    col = 0;
                    '\n'
                }
                _ => {
                    col += 1;
                    c
                }
            })
            .collect();
        assert_ne!(wrapped, text);
        assert_eq!(joined(&wrapped), text);
    }

    #[test]
    fn paragraphs_one_a_line_are_left_alone() {
        let body = PARAGRAPHS.join("\n");
        assert!(soft_breaks(&body).is_empty());
        let body = PARAGRAPHS.join("\n\n");
        assert!(soft_breaks(&body).is_empty());
    }

    #[test]
    fn a_table_of_rows_is_left_alone() {
        // A money list (CoNLL-2003 testa, one row a line): a threshold of 35 explains 13 of its
        // 24 line ends, short of a clear majority, and two rows pass it a word early.
        let table = "GOLF - LEADING MONEY WINNERS ON EUROPEAN TOUR .\nLONDON 1996-08-31\n\
             Leading money winners on the\n\
             European Tour after the British Masters won by Robert Allenby on\n\
             Saturday ( British unless stated ) :\n1. Ian Woosnam 510,258 pounds sterling\n\
             2. Colin Montgomerie 442,201\n3. Robert Allenby ( Australia ) 407,748\n\
             4. Lee Westwood 301,972\n5. Costantino Rocca ( Italy ) 297,157\n\
             6. Mark McNulty ( Zimbabwe ) 254,247\n7. Andrew Coltart 248,142\n\
             8. Wayne Riley ( Australia ) 239,733\n9. Raymond Russell 234,330\n\
             10. Paul Lawrie 211,420\n11. Stephen Ames ( Trinidad ) 211,175\n\
             12. Frank Nobilo ( New Zealand ) 209,412\n13. Paul McGinley ( Ireland ) 208,978\n\
             14. Padraig Harrington ( Ireland ) 202,593\n\
             15. Retief Goosen ( South Africa ) 195,283\n\
             16. Miguel Angel Jimenez ( Spain ) 184,180\n17. Peter Mitchell 183,704\n\
             18. Miguel Angel Martin ( Spain ) 182,533\n19. Jonathan Lomas 181,005\n\
             20. Paul Broadhurst 176,780";
        assert!(soft_breaks(table).is_empty(), "{:?}", joined(table));
    }

    #[test]
    fn a_short_list_is_left_alone() {
        let body = "Results:\nAlpha 1\nBeta 22\nGamma 3\nDelta 44";
        assert!(soft_breaks(body).is_empty());
    }
}
