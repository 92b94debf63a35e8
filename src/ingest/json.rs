//! JSON and JSON Lines articles, with the field names archives commonly use.
//!
//! A `.json` file holds one article object, an array of them, or a wrapper object with an
//! `articles` (or `items`, `data`, ...) array. A `.jsonl` file holds one object a line; a broken
//! line is skipped with its line number and the others are kept. Wrong field types are ignored
//! or coerced (numbers to ids, arrays of strings joined), never a panic. serde_json's recursion
//! limit (128) turns absurdly nested input into a clean error, hence a skip.

use serde_json::{Map, Value};

use crate::article::{DateSource, RawDate, Record};
use crate::ingest::{Parsed, Skip};

/// Keys of a wrapper object whose array holds the articles.
const WRAPPERS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "documents",
    "docs",
    "records",
    "stories",
    "entries",
];

/// Reads a JSON file (`lines`: JSON Lines, one object a line): one article per object.
pub fn parse(display: &str, bytes: &[u8], lines: bool) -> Parsed {
    let text = match super::decoded(display, bytes, None) {
        Ok(t) => t,
        Err(parsed) => return parsed,
    };
    let mut parsed = Parsed::default();
    if lines {
        parse_lines(display, &text, &mut parsed);
    } else {
        parse_document(display, &text, &mut parsed);
    }
    if parsed.records.is_empty() && parsed.skips.is_empty() {
        parsed
            .skips
            .push(Skip::new(display, "empty article (no JSON records)"));
    }
    parsed
}

/// JSON Lines: one record a line; blank lines are ignored, records are numbered from 1.
fn parse_lines(display: &str, text: &str, parsed: &mut Parsed) {
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        let lineno = i + 1;
        if line.len() > super::MAX_RECORD_BYTES {
            let what = format!("line {lineno}");
            parsed.skips.push(Skip::new(
                display,
                super::too_large(Some(&what), line.len()),
            ));
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                parsed.skips.push(Skip::new(
                    display,
                    format!("line {lineno}: invalid JSON: {}", short_error(&e)),
                ));
                continue;
            }
        };
        match value {
            Value::Object(obj) => match record(display, Some(n), &obj) {
                Ok(r) => parsed.records.push(r),
                Err(reason) => parsed
                    .skips
                    .push(Skip::new(display, format!("line {lineno}: {reason}"))),
            },
            other => parsed.skips.push(Skip::new(
                display,
                format!("line {lineno}: not a JSON object but {}", kind(&other)),
            )),
        }
    }
}

/// A `.json` document: one object, an array of objects, or a wrapper object.
fn parse_document(display: &str, text: &str, parsed: &mut Parsed) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            parsed.skips.push(Skip::new(
                display,
                format!("invalid JSON: {}", short_error(&e)),
            ));
            return;
        }
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(obj) => match wrapped(&obj) {
            Some(items) => items.clone(),
            None => {
                match record(display, None, &obj) {
                    Ok(r) => parsed.records.push(r),
                    Err(reason) => parsed.skips.push(Skip::new(display, reason)),
                }
                return;
            }
        },
        other => {
            parsed.skips.push(Skip::new(
                display,
                format!("not an article: the JSON is {}", kind(&other)),
            ));
            return;
        }
    };
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        match item {
            Value::Object(obj) => match record(display, Some(n), obj) {
                Ok(r) => parsed.records.push(r),
                Err(reason) => parsed
                    .skips
                    .push(Skip::new(display, format!("record {n}: {reason}"))),
            },
            other => parsed.skips.push(Skip::new(
                display,
                format!("record {n}: not a JSON object but {}", kind(other)),
            )),
        }
    }
}

/// The article array of a wrapper object (`{"articles": [...]}`), when the object is not
/// itself an article.
fn wrapped(obj: &Map<String, Value>) -> Option<&Vec<Value>> {
    if get(obj, BODY).is_some() {
        return None;
    }
    obj.iter().find_map(|(k, v)| match v {
        Value::Array(a) if WRAPPERS.contains(&k.to_ascii_lowercase().as_str()) => Some(a),
        _ => None,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message, which already names line and column.
fn short_error(e: &serde_json::Error) -> String {
    crate::error::bounded(&e.to_string(), 120)
}

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "article",
    "articlebody",
    "fulltext",
    "story",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "publishdate",
    "datepublished",
    "pubdate",
    "publicationdate",
    "datetime",
    "created",
    "createdat",
];
const URL: &[&str] = &["url", "link", "href"];
const SOURCE: &[&str] = &["source", "publisher", "site", "sitename", "outlet"];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];
const ID: &[&str] = &["id", "_id", "guid", "docid", "uuid"];
const DATELINE: &[&str] = &["dateline"];

/// Normalised field name: lower case, `_`/`-`/spaces removed (`published_at` = `publishedAt`),
/// except a leading underscore (`_id`).
fn norm(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_alphanumeric() || (i == 0 && c == '_') {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The first present, non-null field among `names` (in their order of preference).
fn get<'a>(obj: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    for name in names {
        for (k, v) in obj {
            if !v.is_null() && norm(k) == *name {
                return Some(v);
            }
        }
    }
    None
}

/// A string from a value of any type: strings trimmed, arrays of strings joined with `sep`,
/// objects by their `name`/`text`/`value`/`$oid`, numbers only where `numbers` allows.
fn coerce(v: &Value, sep: &str, numbers: bool) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) if numbers => n.to_string(),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter(|i| !i.is_array())
                .filter_map(|i| coerce(i, sep, numbers))
                .collect();
            parts.join(sep)
        }
        Value::Object(o) => ["name", "text", "value", "$oid", "#text", "@value"]
            .iter()
            .find_map(|k| o.get(*k).filter(|v| !v.is_object() && !v.is_array()))
            .and_then(|v| coerce(v, sep, numbers))?,
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// The article text: a string, or an array of paragraph strings joined by blank lines.
fn body(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<&str> = items
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            Some(parts.join("\n\n"))
        }
        _ => None,
    }
}

/// One article object to a record; `n` is its 1-based number in a multi-record file.
fn record(display: &str, n: Option<usize>, obj: &Map<String, Value>) -> Result<Record, String> {
    let id = get(obj, ID)
        .and_then(|v| coerce(v, " ", true))
        .unwrap_or_else(|| match n {
            Some(n) => format!("{display}#{n}"),
            None => display.to_string(),
        });
    let text = get(obj, BODY).and_then(body).unwrap_or_default();
    let text = text.trim();
    let title = get(obj, TITLE).and_then(|v| coerce(v, " ", false));
    // A headline without a body (1,798 Reuters-21578 stories) is still an article.
    if text.is_empty() && title.is_none() {
        return Err(if get(obj, BODY).is_some() {
            "empty article (no title and no body text)".into()
        } else {
            "no article text (no title and no body/text/content field)".into()
        });
    }
    let date_meta = get(obj, DATE)
        .and_then(|v| match v {
            Value::String(_) | Value::Array(_) | Value::Object(_) => coerce(v, " ", false),
            _ => None,
        })
        .map(|text| RawDate {
            text,
            origin: DateSource::Metadata,
        });
    Ok(Record {
        id,
        path: display.to_string(),
        title,
        body: text.to_string(),
        date_meta,
        dateline: get(obj, DATELINE).and_then(|v| coerce(v, " ", false)),
        source: get(obj, SOURCE).and_then(|v| coerce(v, ", ", false)),
        url: get(obj, URL).and_then(|v| coerce(v, " ", false)),
        author: get(obj, AUTHOR).and_then(|v| coerce(v, ", ", false)),
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reuters_line() {
        let line = r#"{"id": "reuters-1", "title": "BAHIA COCOA REVIEW", "date": "1987-02-26T15:01:01Z", "dateline": "SALVADOR, Feb 26 -", "body": "Showers continued throughout the week in\nthe Bahia cocoa zone.", "source": "Reuters", "places": ["brazil"]}"#;
        let p = parse("r.jsonl", line.as_bytes(), true);
        assert_eq!(p.skips, vec![]);
        let r = &p.records[0];
        assert_eq!(r.id, "reuters-1");
        assert_eq!(r.title.as_deref(), Some("BAHIA COCOA REVIEW"));
        assert_eq!(r.dateline.as_deref(), Some("SALVADOR, Feb 26 -"));
        assert_eq!(r.date_meta.as_ref().unwrap().text, "1987-02-26T15:01:01Z");
        assert_eq!(r.source.as_deref(), Some("Reuters"));
        assert!(r.body.starts_with("Showers"));
    }

    #[test]
    fn field_name_variants() {
        let doc = r#"{"headline": "Blair wins", "maintext": "Tony Blair won.", "datePublished": "2005-05-06", "link": "http://x", "publisher": {"name": "BBC"}, "authors": ["A B", "C D"], "_id": {"$oid": "abc"}}"#;
        let p = parse("a.json", doc.as_bytes(), false);
        let r = &p.records[0];
        assert_eq!(r.title.as_deref(), Some("Blair wins"));
        assert_eq!(r.body, "Tony Blair won.");
        assert_eq!(r.date_meta.as_ref().unwrap().text, "2005-05-06");
        assert_eq!(r.url.as_deref(), Some("http://x"));
        assert_eq!(r.source.as_deref(), Some("BBC"));
        assert_eq!(r.author.as_deref(), Some("A B, C D"));
        assert_eq!(r.id, "abc");
        let p = parse(
            "a.json",
            br#"{"text": "x", "published_at": "2022-02-01", "guid": 42}"#,
            false,
        );
        assert_eq!(p.records[0].id, "42");
        assert_eq!(p.records[0].date_meta.as_ref().unwrap().text, "2022-02-01");
    }

    #[test]
    fn ids_single_array_and_lines() {
        let p = parse("a.json", br#"{"body": "one"}"#, false);
        assert_eq!(p.records[0].id, "a.json");
        let p = parse("b.json", br#"[{"body": "one"}, {"body": "two"}]"#, false);
        assert_eq!(p.records[1].id, "b.json#2");
        let p = parse(
            "c.jsonl",
            b"{\"body\": \"one\"}\n\n{\"body\": \"two\"}\n",
            true,
        );
        assert_eq!(p.records[1].id, "c.jsonl#2");
        let p = parse(
            "w.json",
            br#"{"status": "ok", "articles": [{"content": "x"}]}"#,
            false,
        );
        assert_eq!(p.records[0].id, "w.json#1");
    }

    #[test]
    fn a_headline_without_a_body_is_an_article() {
        let line =
            br#"{"id": "reuters-9", "title": "U.S. TREASURY BALANCE AT FED ROSE", "body": ""}"#;
        let p = parse("r.jsonl", line, true);
        assert_eq!(p.skips, vec![]);
        assert_eq!(
            p.records[0].title.as_deref(),
            Some("U.S. TREASURY BALANCE AT FED ROSE")
        );
        assert_eq!(p.records[0].body, "");
        let p = parse(
            "r.jsonl",
            br#"{"id": "reuters-10", "title": " ", "body": " "}"#,
            true,
        );
        assert!(p.records.is_empty());
        assert!(p.skips[0].reason.contains("no title"), "{:?}", p.skips);
    }

    #[test]
    fn wrong_types_are_tolerated() {
        let p = parse(
            "a.json",
            br#"{"title": ["a"], "date": 5, "body": "text", "author": 7, "id": null, "source": true}"#,
            false,
        );
        let r = &p.records[0];
        assert_eq!(r.title.as_deref(), Some("a"));
        assert_eq!(r.date_meta, None);
        assert_eq!(r.author, None);
        assert_eq!(r.id, "a.json");
        let p = parse("a.json", br#"{"body": 5}"#, false);
        assert!(p.skips[0].reason.contains("no body"), "{:?}", p.skips);
        let p = parse("a.json", br#""just a string""#, false);
        assert!(p.skips[0].reason.contains("a string"));
    }

    #[test]
    fn broken_line_is_skipped_others_kept() {
        let t = "{\"body\": \"one\"}\n{\"body\": \"two\"}\n{broken\n{\"body\": \"four\"}\n";
        let p = parse("x.jsonl", t.as_bytes(), true);
        assert_eq!(p.records.len(), 3);
        assert_eq!(p.records[2].id, "x.jsonl#4");
        assert_eq!(p.skips.len(), 1);
        assert_eq!(p.skips[0].path, "x.jsonl");
        assert!(
            p.skips[0].reason.starts_with("line 3: invalid JSON"),
            "{:?}",
            p.skips
        );
    }

    #[test]
    fn deep_nesting_is_a_skip() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let p = parse("deep.json", deep.as_bytes(), false);
        assert!(p.records.is_empty());
        assert!(
            p.skips[0].reason.contains("recursion limit"),
            "{:?}",
            p.skips
        );
        let deep = format!(
            "{{\"body\": {}1{}}}",
            "{\"a\":".repeat(10_000),
            "}".repeat(10_000)
        );
        let p = parse("deep.jsonl", deep.as_bytes(), true);
        assert!(p.skips[0].reason.starts_with("line 1:"));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..512), lines: bool) {
            let p = parse("p.json", &b, lines);
            prop_assert!(!p.records.is_empty() || !p.skips.is_empty());
        }

        #[test]
        fn arbitrary_json_never_panics(s in r#"[\[\]{}":,0-9a-z \n]{0,200}"#, lines: bool) {
            let _ = parse("p.json", s.as_bytes(), lines);
        }
    }
}
