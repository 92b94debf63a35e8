//! Turning an analysed article into tantivy documents: one `article` document and one
//! `quote` document per quote, plus the `file` document of the manifest.

use std::collections::BTreeSet;

use tantivy::TantivyDocument;

use crate::article::{Analysis, Entity, Quote, Record, Span};
use crate::index::Fields;
use crate::index::manifest::FileState;
use crate::index::schema::{KIND_ARTICLE, KIND_FILE, KIND_QUOTE, name_key};

/// Bytes of context kept on each side of a quote.
const CONTEXT_BYTES: usize = 300;

fn date_value(analysis: &Analysis) -> Option<tantivy::DateTime> {
    analysis
        .date
        .as_ref()
        .map(|d| tantivy::DateTime::from_timestamp_secs(d.utc.timestamp()))
}

fn add_common(
    doc: &mut TantivyDocument,
    f: &Fields,
    file_key: &str,
    record: &Record,
    analysis: &Analysis,
) {
    doc.add_text(f.id, &record.id);
    doc.add_text(f.file, file_key);
    doc.add_text(f.path, &record.path);
    if let Some(t) = &record.title {
        doc.add_text(f.title, t);
    }
    if let Some(d) = date_value(analysis) {
        doc.add_date(f.date, d);
    }
    if let Some(d) = &analysis.date {
        doc.add_text(f.date_display, &d.display);
    }
    if let Some(s) = &record.source {
        doc.add_text(f.source, s);
    }
    if let Some(u) = &record.url {
        doc.add_text(f.url, u);
    }
}

/// The article document.
pub fn article(
    f: &Fields,
    file_key: &str,
    record: &Record,
    analysis: &Analysis,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_ARTICLE);
    add_common(&mut doc, f, file_key, record, analysis);
    doc.add_text(f.body, &record.body);
    if let Some(a) = &record.author {
        doc.add_text(f.author, a);
    }
    let speakers: BTreeSet<&str> = analysis
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    for s in speakers {
        doc.add_text(f.speaker, s);
        doc.add_text(f.speaker_key, name_key(s));
    }
    let entities: BTreeSet<&str> = analysis
        .entities
        .iter()
        .map(|e| e.canonical.as_str())
        .collect();
    for e in entities {
        doc.add_text(f.entity, e);
        doc.add_text(f.entity_key, name_key(e));
    }
    doc
}

/// The paragraph around a span, clipped to [`CONTEXT_BYTES`] each side. Only the bytes
/// within reach are searched for the paragraph's ends, so a quote costs the same in a line
/// of any length.
pub fn context_span(body: &str, span: Span) -> Span {
    let bytes = body.as_bytes();
    let lo = span.start.saturating_sub(CONTEXT_BYTES + 1);
    let para_start = bytes[lo..span.start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| lo + i + 1);
    let hi = (span.end + CONTEXT_BYTES + 1).min(body.len());
    let para_end = bytes[span.end..hi]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |i| span.end + i);
    clip_to_context(body, span, para_start, para_end)
}

/// The paragraph `para_start..para_end` around `span`, clipped to [`CONTEXT_BYTES`] each side
/// of it and widened to character boundaries.
fn clip_to_context(body: &str, span: Span, para_start: usize, para_end: usize) -> Span {
    let mut start = para_start.max(span.start.saturating_sub(CONTEXT_BYTES));
    let mut end = para_end.min(span.end + CONTEXT_BYTES);
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    while !body.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// An article's entities ordered by where they start, so that the ones around a quote are
/// found without reading every entity for every quote (a long document has hundreds of
/// thousands of both).
pub struct Entities<'a> {
    /// Start, end and canonical name of each entity, by start.
    by_start: Vec<(usize, usize, &'a str)>,
    /// The longest entity, in bytes: none starting farther before a span can reach it.
    longest: usize,
}

impl<'a> Entities<'a> {
    /// The index of `entities`.
    pub fn new(entities: &'a [Entity]) -> Self {
        let mut by_start: Vec<_> = entities
            .iter()
            .map(|e| (e.span.start, e.span.end, e.canonical.as_str()))
            .collect();
        by_start.sort_unstable_by_key(|e| e.0);
        let longest = by_start
            .iter()
            .map(|e| e.1.saturating_sub(e.0))
            .max()
            .unwrap_or(0);
        Entities { by_start, longest }
    }

    /// The canonical names of the entities overlapping `span`.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &'a str> + '_ {
        let hi = self.by_start.partition_point(|e| e.0 < span.end);
        let lo = self
            .by_start
            .partition_point(|e| e.0 + self.longest <= span.start)
            .min(hi);
        self.by_start[lo..hi]
            .iter()
            .filter(move |e| e.1 > span.start)
            .map(|e| e.2)
    }
}

/// One quote document.
pub fn quote(
    f: &Fields,
    file_key: &str,
    record: &Record,
    analysis: &Analysis,
    entities: &Entities,
    q: &Quote,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_QUOTE);
    add_common(&mut doc, f, file_key, record, analysis);
    let body = &record.body;
    let context = context_span(body, q.span);
    doc.add_text(f.quote, q.span.text(body));
    doc.add_text(f.context, context.text(body));
    if let Some(s) = &q.speaker {
        doc.add_text(f.speaker, s);
        doc.add_text(f.speaker_key, name_key(s));
    }
    // Entities named around the quote, and its speaker, so `--entity` filters quotes too.
    let entities: BTreeSet<&str> = entities
        .overlapping(context)
        .chain(q.speaker.as_deref())
        .collect();
    for e in entities {
        doc.add_text(f.entity, e);
        doc.add_text(f.entity_key, name_key(e));
    }
    if let Some(c) = q.cue {
        doc.add_text(f.cue, c.span.text(body));
    }
    doc.add_bool(f.direct, q.direct);
    doc
}

/// The manifest document of one source file.
pub fn file(
    f: &Fields,
    key: &str,
    display: &str,
    state: FileState,
    skip: Option<&str>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_FILE);
    doc.add_text(f.manifest, key);
    doc.add_text(f.path, display);
    doc.add_u64(f.size, state.size);
    doc.add_i64(f.mtime, state.mtime_ns);
    doc.add_u64(f.hash, state.hash);
    doc.add_u64(f.records, state.records);
    if let Some(s) = skip {
        doc.add_text(f.skip, s);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::EntityKind;

    /// The paragraph around a span as first written: searching the whole body each way
    /// (the clipping is shared; the bounded search is what is under test).
    fn context_by_whole_search(body: &str, span: Span) -> Span {
        let para_start = body[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let para_end = body[span.end..]
            .find('\n')
            .map_or(body.len(), |i| span.end + i);
        clip_to_context(body, span, para_start, para_end)
    }

    fn boundary(body: &str, at: usize) -> usize {
        body.floor_char_boundary(at % (body.len() + 1))
    }

    #[test]
    fn context_is_found_for_every_span_around_a_paragraph_break() {
        for body in [
            format!(
                "{}\n{}\n{}",
                "a".repeat(400),
                "b".repeat(400),
                "c".repeat(400)
            ),
            format!(
                "{}\n{}\n\n{}",
                "é".repeat(200),
                "“".repeat(150),
                "c".repeat(100)
            ),
        ] {
            for start in (0..=body.len()).filter(|&i| body.is_char_boundary(i)) {
                for len in [0, 1, 2, 3, 50, 301, 302] {
                    let end = body.floor_char_boundary((start + len).min(body.len()));
                    let span = Span::new(start, end.max(start));
                    assert_eq!(
                        context_span(&body, span),
                        context_by_whole_search(&body, span),
                        "{span:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn context_is_the_paragraph_clipped_as_by_a_whole_search(
            paragraphs in proptest::collection::vec(("[a-z é“]{0,500}", 0usize..3), 0..12),
            a in 0usize..10_000,
            b in 0usize..10_000,
        ) {
            // Paragraphs shorter and longer than the context, with one or two line breaks.
            let body: String = paragraphs
                .iter()
                .map(|(text, breaks)| format!("{text}{}", "\n".repeat(*breaks)))
                .collect();
            let (a, b) = (boundary(&body, a), boundary(&body, b));
            let span = Span::new(a.min(b), a.max(b));
            proptest::prop_assert_eq!(context_span(&body, span), context_by_whole_search(&body, span));
        }

        #[test]
        fn entities_overlapping_a_span_are_those_a_scan_finds(
            spans in proptest::collection::vec((0usize..2_000, 0usize..300), 0..60),
            queries in proptest::collection::vec((0usize..2_300, 0usize..700), 1..20),
        ) {
            let entities: Vec<Entity> = spans
                .iter()
                .enumerate()
                .map(|(i, &(start, len))| Entity {
                    span: Span::new(start, start + len),
                    kind: EntityKind::Person,
                    canonical: format!("e{i}"),
                })
                .collect();
            let index = Entities::new(&entities);
            for &(start, len) in &queries {
                let span = Span::new(start, start + len);
                let found: BTreeSet<&str> = index.overlapping(span).collect();
                let scanned: BTreeSet<&str> = entities
                    .iter()
                    .filter(|e| e.span.start < span.end && e.span.end > span.start)
                    .map(|e| e.canonical.as_str())
                    .collect();
                proptest::prop_assert_eq!(found, scanned);
            }
        }
    }
}
