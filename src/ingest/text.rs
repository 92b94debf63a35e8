//! Plain text articles: an optional `Key: value` header block, or a BBC-style title line.
//!
//! The body is always a verbatim slice of the decoded file (only leading blank lines and
//! trailing whitespace are left out), so that offsets into it can be found in the file.

use crate::article::{DateSource, RawDate, Record};
use crate::ingest::{Parsed, Refusal};

/// A title line longer than this (bytes or words) is a paragraph, not a headline.
const MAX_TITLE_BYTES: usize = 200;
const MAX_TITLE_WORDS: usize = 25;
/// A header block longer than this many lines is not a header block.
const MAX_HEADER_LINES: usize = 40;

/// Reads a text file: one article, with a `Key: value` header block when it has one.
pub fn parse(display: &str, bytes: &[u8]) -> Parsed {
    super::one_article(display, bytes, None, read)
}

/// The header fields newsdex understands, by normalised key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Source,
    Url,
    Author,
    Id,
    Dateline,
}

fn field(key: &str) -> Option<Field> {
    let k: String = key
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match k.as_str() {
        "title" | "headline" => Field::Title,
        "date" | "published" | "publicationdate" | "pubdate" | "datepublished" | "publishdate"
        | "publishedat" => Field::Date,
        "source" | "publisher" | "site" => Field::Source,
        "url" | "link" => Field::Url,
        "author" | "authors" | "byline" => Field::Author,
        "id" | "docid" | "guid" => Field::Id,
        "dateline" => Field::Dateline,
        _ => return None,
    })
}

/// `Key: value` with a key shaped like a field name (short, starts with a letter, at most three
/// words); unknown keys are allowed in a block that also has a known one.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let key = k.trim_end();
    let first = key.chars().next()?;
    if key.len() > 30
        || !first.is_alphabetic()
        || key.split_whitespace().count() > 3
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
    {
        return None;
    }
    Some((key, v.trim()))
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The header block at the start of `text`: its fields and the byte offset where it ends
/// (after the blank line that closes it), or `None` when the text has no header block.
fn header_block(text: &str) -> Option<(Vec<(Field, String)>, usize)> {
    let mut fields = Vec::new();
    let mut known = false;
    let mut pos = 0;
    let mut closed = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if is_blank(line) {
            if n > 0 {
                pos += line.len();
                closed = true;
            }
            break;
        }
        if n >= MAX_HEADER_LINES {
            return None;
        }
        let (key, value) = key_value(line)?;
        if let Some(f) = field(key) {
            known = true;
            if !value.is_empty() {
                fields.push((f, value.to_string()));
            }
        }
        pos += line.len();
    }
    // A block must be closed by a blank line, unless the file is nothing but header lines.
    (known && (closed || pos == text.len())).then_some((fields, pos))
}

/// A BBC-style title: a short first line, no final full stop, followed by a blank line and
/// more text. Returns the title and where the text after it starts.
fn title_line(text: &str) -> Option<(&str, usize)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    let second = lines.next()?;
    if !is_blank(second) {
        return None;
    }
    let title = first.trim();
    if title.is_empty()
        || title.len() > MAX_TITLE_BYTES
        || title.split_whitespace().count() > MAX_TITLE_WORDS
        || !title.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let end = title.trim_end_matches(['"', '\'', '”', '’', ')']);
    let ellipsis = end.ends_with("...") || end.ends_with('…');
    if !ellipsis && end.ends_with(['.', ',', ';', ':']) {
        return None;
    }
    let rest = first.len() + second.len();
    if text.get(rest..).is_none_or(|r| r.trim().is_empty()) {
        return None;
    }
    Some((title, rest))
}

/// The body from `start`: leading blank lines and trailing whitespace left out.
fn body_from(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    let mut skip = 0;
    for line in rest.split_inclusive('\n') {
        if !is_blank(line) || !line.ends_with('\n') {
            break;
        }
        skip += line.len();
    }
    rest.get(skip..).unwrap_or("").trim_end()
}

/// Reads one decoded text file into a record; the error is the skip reason.
pub fn read(display: &str, text: &str) -> Result<Record, Refusal> {
    let mut record = Record {
        id: display.to_string(),
        path: display.to_string(),
        ..Record::default()
    };
    let start = if let Some((fields, end)) = header_block(text) {
        for (f, v) in fields {
            match f {
                Field::Title => record.title = Some(v),
                Field::Date => {
                    record.date_meta = Some(RawDate {
                        text: v,
                        origin: DateSource::Header,
                    })
                }
                Field::Source => record.source = Some(v),
                Field::Url => record.url = Some(v),
                Field::Author => record.author = Some(v),
                Field::Id => record.id = v,
                Field::Dateline => record.dateline = Some(v),
            }
        }
        end
    } else if let Some((title, end)) = title_line(text) {
        record.title = Some(title.to_string());
        end
    } else {
        0
    };
    record.body = body_from(text, start).to_string();
    // A headline with no text is still a story a reader may search for.
    if record.body.trim().is_empty() && record.title.is_none() {
        return Err(Refusal::EmptyText);
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn header_block_is_metadata() {
        let t = "Title: TIME 1963-01-04 page 20\nDate: 1963-01-04\nSource: TIME\nID: time-017\n\nTHE ALLIES AFTER NASSAU IN DECEMBER 1960.\n";
        let r = read("a.txt", t).unwrap();
        assert_eq!(r.title.as_deref(), Some("TIME 1963-01-04 page 20"));
        assert_eq!(r.id, "time-017");
        assert_eq!(r.source.as_deref(), Some("TIME"));
        assert_eq!(r.date_meta.unwrap().text, "1963-01-04");
        assert_eq!(r.body, "THE ALLIES AFTER NASSAU IN DECEMBER 1960.");
    }

    #[test]
    fn header_keys_are_case_insensitive_and_crlf_works() {
        let t = "title: Iraq vote\r\nAUTHOR: Jane Doe\r\nKeywords: war\r\n\r\nMPs voted.\r\n";
        let r = read("a.txt", t).unwrap();
        assert_eq!(r.title.as_deref(), Some("Iraq vote"));
        assert_eq!(r.author.as_deref(), Some("Jane Doe"));
        assert_eq!(r.body, "MPs voted.");
    }

    #[test]
    fn bbc_title_line() {
        let t = "Labour plans maternity pay rise\n\nMaternity pay for new mothers is to rise by £1,400.\n\nIt would mean paid leave.\n";
        let r = read("a.txt", t).unwrap();
        assert_eq!(r.title.as_deref(), Some("Labour plans maternity pay rise"));
        assert!(r.body.starts_with("Maternity pay"));
        assert!(t.contains(&r.body));
        let q = read("a.txt", "Could Yukos be a blessing in disguise?\n\nYes.\n").unwrap();
        assert_eq!(
            q.title.as_deref(),
            Some("Could Yukos be a blessing in disguise?")
        );
        let h = read("a.txt", "Analysis: No pain, no gain?\n\nThe Budget.\n").unwrap();
        assert_eq!(h.title.as_deref(), Some("Analysis: No pain, no gain?"));
    }

    #[test]
    fn prose_first_paragraph_is_not_a_title() {
        let t = "Nonetheless, Putin said he hoped dialog over Ukraine would continue and that a way needed to be found to, as he put it, \"protect everyone's security.\"\n\n\"Let's imagine Ukraine is a NATO member,\" he said.\n";
        let r = read("seed.txt", t).unwrap();
        assert_eq!(r.title, None);
        assert_eq!(r.body, t.trim_end());
        let short = read(
            "a.txt",
            "The dry period means the harvest will be late.\n\nMore.\n",
        )
        .unwrap();
        assert_eq!(short.title, None);
    }

    #[test]
    fn a_title_alone_is_an_article_and_nothing_is_not() {
        assert_eq!(read("a.txt", "").unwrap_err(), Refusal::EmptyText);
        assert_eq!(read("a.txt", " \n\t\n").unwrap_err(), Refusal::EmptyText);
        let headline = read("a.txt", "Title: Oil rises\nDate: 2020-01-01\n\n\n").unwrap();
        assert_eq!(headline.title.as_deref(), Some("Oil rises"));
        assert_eq!(headline.body, "");
        assert_eq!(
            read("a.txt", "Date: 2020-01-01\n\n\n").unwrap_err(),
            Refusal::EmptyText
        );
        // A single short line with nothing after it is the body, not a title.
        assert_eq!(read("a.txt", "Short note\n").unwrap().body, "Short note");
    }

    #[test]
    fn header_needs_a_known_key_and_a_blank_line() {
        let r = read("a.txt", "Note: this is prose\nthat goes on.\n").unwrap();
        assert_eq!(r.title, None);
        assert!(r.body.starts_with("Note:"));
        let r = read(
            "a.txt",
            "Title: x\nthe body starts here without a blank line\n",
        )
        .unwrap();
        assert_eq!(r.title, None);
        assert!(r.body.starts_with("Title: x"));
    }

    #[test]
    fn ten_megabyte_single_line() {
        let line = "The minister said the talks would go on. ".repeat(250_000);
        assert!(line.len() >= 10_000_000);
        let p = parse("big.txt", line.as_bytes());
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].title, None);
        assert_eq!(p.records[0].body, line.trim_end());
    }

    proptest! {
        #[test]
        fn body_is_a_verbatim_slice(s in any::<String>()) {
            if let Ok(r) = read("p.txt", &s) {
                prop_assert!(s.contains(&r.body));
                prop_assert!(!r.body.trim().is_empty() || r.title.is_some());
            }
        }

        #[test]
        fn structured_text_body_is_a_verbatim_slice(
            keys in proptest::collection::vec("(Title|Date|ID|Source|X-Y)", 0..4),
            vals in proptest::collection::vec("[ -~]{0,20}", 4),
            body in "[ -~\n\r\t£“”]{0,200}",
        ) {
            let mut s = String::new();
            for (k, v) in keys.iter().zip(&vals) {
                s.push_str(&format!("{k}: {v}\n"));
            }
            s.push('\n');
            s.push_str(&body);
            if let Ok(r) = read("p.txt", &s) {
                prop_assert!(s.contains(&r.body));
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..512)) {
            let p = parse("p.txt", &b);
            prop_assert_eq!(p.records.len() + p.skips.len(), 1);
        }
    }
}
