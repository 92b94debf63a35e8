//! `newsdex extract --json`: one object per article, exactly as `shared/eval/FORMAT.md` says.
//! Offsets become character offsets here, the only place they are converted for extraction.
//! Each line is serialised straight from the analysis (no JSON tree in between), so a line
//! costs its own length in memory and no more.

use serde::ser::{Serialize, Serializer};

use crate::article::{Analysis, DateSource, Entity, Mention, Quote, Record, Span};

/// Maps byte offsets of one text to character offsets, keeping one count per
/// `CharOffsets::BLOCK` bytes (an eighth of a byte per byte of text on 64-bit).
pub struct CharOffsets<'a> {
    text: &'a [u8],
    /// `before[k]` is the number of characters starting before byte `k * BLOCK`.
    before: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    const BLOCK: usize = 64;

    /// The map of `text`.
    pub fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let mut before = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let mut count = 0;
        for block in text.chunks(Self::BLOCK) {
            before.push(count);
            count += starts(block);
        }
        CharOffsets { text, before }
    }

    /// Character offset of a byte offset (rounded down to a char boundary; the text's
    /// length in characters at or past its end).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let k = byte / Self::BLOCK;
        let Some(&before) = self.before.get(k) else {
            // `byte` is the end of a text whose length is a multiple of BLOCK (or empty).
            return self
                .before
                .last()
                .map_or(0, |&b| b + starts(&self.text[byte - Self::BLOCK..]));
        };
        // Characters starting in `k * BLOCK ..= byte`, less the one `byte` is in; the end
        // of the text counts as a start.
        let upto = (byte + 1).min(self.text.len());
        let at_end = usize::from(byte == self.text.len());
        (before + starts(&self.text[k * Self::BLOCK..upto]) + at_end).saturating_sub(1)
    }
}

/// The number of characters starting in `bytes` (bytes that are not UTF-8 continuations).
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A span as FORMAT.md writes it: `{"text", "start", "end"}` and then `rest`'s fields.
struct SpanJson<'a, R> {
    body: &'a str,
    offsets: &'a CharOffsets<'a>,
    span: Span,
    rest: R,
}

impl<'a, R> SpanJson<'a, R> {
    fn of(body: &'a str, offsets: &'a CharOffsets<'a>, span: Span, rest: R) -> Self {
        SpanJson {
            body,
            offsets,
            span,
            rest,
        }
    }
}

impl<R: Fields> Serialize for SpanJson<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("text", self.span.text(self.body))?;
        map.serialize_entry("start", &self.offsets.char_at(self.span.start))?;
        map.serialize_entry("end", &self.offsets.char_at(self.span.end))?;
        self.rest.fields(self.body, self.offsets, &mut map)?;
        map.end()
    }
}

/// The fields an object writes after its span's.
trait Fields {
    fn fields<M: serde::ser::SerializeMap>(
        &self,
        body: &str,
        offsets: &CharOffsets,
        map: &mut M,
    ) -> Result<(), M::Error>;
}

impl Fields for () {
    fn fields<M: serde::ser::SerializeMap>(
        &self,
        _: &str,
        _: &CharOffsets,
        _: &mut M,
    ) -> Result<(), M::Error> {
        Ok(())
    }
}

impl Fields for &Entity {
    fn fields<M: serde::ser::SerializeMap>(
        &self,
        _: &str,
        _: &CharOffsets,
        map: &mut M,
    ) -> Result<(), M::Error> {
        map.serialize_entry("type", self.kind.as_str())?;
        map.serialize_entry("canonical", &self.canonical)
    }
}

impl Fields for &Quote {
    fn fields<M: serde::ser::SerializeMap>(
        &self,
        body: &str,
        offsets: &CharOffsets,
        map: &mut M,
    ) -> Result<(), M::Error> {
        let mention = |m: Option<Mention>| m.map(|m| SpanJson::of(body, offsets, m.span, ()));
        map.serialize_entry("direct", &self.direct)?;
        map.serialize_entry("cue", &mention(self.cue))?;
        map.serialize_entry("speaker_mention", &mention(self.speaker_mention))?;
        map.serialize_entry("speaker", &self.speaker)
    }
}

/// A list written element by element as it is serialised.
struct Each<F>(F);

impl<I, F> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// The FORMAT.md object for one analysed record, in its field order.
#[derive(serde::Serialize)]
struct Line<'a, E, Q> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    date_source: Option<DateSource>,
    source: Option<&'a str>,
    body: &'a str,
    entities: E,
    quotes: Q,
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
        Ok(record_json(record, &analysis))
    }
}

/// The FORMAT.md line (without its newline) for one analysed record.
pub fn record_json(record: &Record, analysis: &Analysis) -> String {
    let body = record.body.as_str();
    let offsets = &CharOffsets::new(body);
    let line = Line {
        id: &record.id,
        path: &record.path,
        title: record.title.as_deref(),
        date: analysis.date.as_ref().map(|d| d.display.as_str()),
        date_source: analysis.date.as_ref().map(|d| d.source),
        source: record.source.as_deref(),
        body,
        entities: Each(|| {
            analysis
                .entities
                .iter()
                .map(|e| SpanJson::of(body, offsets, e.span, e))
        }),
        quotes: Each(|| {
            analysis
                .quotes
                .iter()
                .map(|q| SpanJson::of(body, offsets, q.span, q))
        }),
    };
    // Strings, numbers, booleans and nulls only: serialising them cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
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

    #[test]
    fn char_offsets_match_a_full_table_across_blocks() {
        for text in [
            "",
            "a",
            &"é".repeat(64),
            &"ab£“d”".repeat(50),
            &"x".repeat(128),
        ] {
            let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            starts.push(text.len());
            let o = CharOffsets::new(text);
            for byte in 0..text.len() + 3 {
                let want = match starts.binary_search(&byte) {
                    Ok(k) => k,
                    Err(k) => k.saturating_sub(1),
                };
                assert_eq!(o.char_at(byte), want, "{byte} in {text:?}");
            }
        }
    }
}
