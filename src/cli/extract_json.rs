//! `newsdex extract --json`: one object per article, exactly as `shared/eval/FORMAT.md` says.
//! Offsets become character offsets here, the only place they are converted for extraction.

use serde_json::{Value, json};

use crate::article::{Analysis, Mention, Record, Span};

/// Maps byte offsets of one text to character offsets.
pub struct CharOffsets {
    /// `starts[k]` is the byte offset of char `k`.
    starts: Vec<usize>,
}

impl CharOffsets {
    /// The map of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharOffsets { starts }
    }

    /// Character offset of a byte offset (rounded down to a char boundary).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        }
    }
}

fn span_json(body: &str, offsets: &CharOffsets, span: Span) -> Value {
    json!({"text": span.text(body), "start": offsets.char_at(span.start), "end": offsets.char_at(span.end)})
}

fn mention_json(body: &str, offsets: &CharOffsets, m: Option<Mention>) -> Value {
    m.map_or(Value::Null, |m| span_json(body, offsets, m.span))
}

/// The sink of `newsdex extract --json`: each record becomes its line.
pub struct JsonLines;

impl crate::pipeline::Sink for JsonLines {
    type Item = String;

    fn record(
        &self,
        _file: &crate::ingest::SourceFile,
        record: &Record,
        analysis: Analysis,
    ) -> crate::Result<String> {
        Ok(record_json(record, &analysis).to_string())
    }
}

/// The FORMAT.md object for one analysed record.
pub fn record_json(record: &Record, analysis: &Analysis) -> Value {
    let body = &record.body;
    let offsets = CharOffsets::new(body);
    let entities: Vec<Value> = analysis
        .entities
        .iter()
        .map(|e| {
            let mut v = span_json(body, &offsets, e.span);
            v["type"] = json!(e.kind.as_str());
            v["canonical"] = json!(e.canonical);
            v
        })
        .collect();
    let quotes: Vec<Value> = analysis
        .quotes
        .iter()
        .map(|q| {
            let mut v = span_json(body, &offsets, q.span);
            v["direct"] = json!(q.direct);
            v["cue"] = mention_json(body, &offsets, q.cue);
            v["speaker_mention"] = mention_json(body, &offsets, q.speaker_mention);
            v["speaker"] = json!(q.speaker);
            v
        })
        .collect();
    json!({
        "id": record.id,
        "path": record.path,
        "title": record.title,
        "date": analysis.date.as_ref().map(|d| d.display.clone()),
        "date_source": analysis.date.as_ref().map(|d| d.source),
        "source": record.source,
        "body": body,
        "entities": entities,
        "quotes": quotes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "£1,400 “yes”";
        let o = CharOffsets::new(text);
        let b = text.find('y').unwrap();
        assert_eq!(o.char_at(b), 8);
        assert_eq!(o.char_at(text.len()), text.chars().count());
    }
}
