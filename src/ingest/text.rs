//! Plain text articles: an optional `Key: value` header block, or a BBC-style title line.

use crate::article::{DateSource, RawDate, Record};
use crate::ingest::{Parsed, Skip, decode};

pub fn parse(display: &str, bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let text = match decode::text(bytes) {
        Ok(t) => t,
        Err(reason) => {
            parsed.skips.push(Skip::new(display, reason));
            return parsed;
        }
    };
    let mut record = Record {
        id: display.to_string(),
        path: display.to_string(),
        ..Record::default()
    };
    let mut body = text.as_str();
    let mut lines = text.split_inclusive('\n');
    let mut consumed = 0;
    let mut header = false;
    for line in lines.by_ref() {
        let l = line.trim_end();
        let Some((k, v)) = l.split_once(": ") else {
            break;
        };
        let v = v.trim().to_string();
        match k.to_ascii_lowercase().as_str() {
            "title" => record.title = Some(v),
            "date" => {
                record.date_meta = Some(RawDate {
                    text: v,
                    origin: DateSource::Header,
                })
            }
            "source" => record.source = Some(v),
            "url" => record.url = Some(v),
            "author" => record.author = Some(v),
            "id" => record.id = v,
            _ => break,
        }
        header = true;
        consumed += line.len();
    }
    if header {
        body = &text[consumed..];
    }
    record.body = body.trim_start_matches(['\n', '\r']).to_string();
    if record.body.trim().is_empty() {
        parsed.skips.push(Skip::new(display, "empty article"));
    } else {
        parsed.records.push(record);
    }
    parsed
}
