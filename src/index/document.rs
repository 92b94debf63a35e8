//! Turning an analysed article into tantivy documents: one `article` document and one
//! `quote` document per quote, plus the `file` document of the manifest.

use std::collections::BTreeSet;

use tantivy::TantivyDocument;

use crate::article::{Analysis, Quote, Record, Span};
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

/// The paragraph around a span, clipped to `CONTEXT_BYTES` each side.
pub fn context_span(body: &str, span: Span) -> Span {
    let para_start = body[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let para_end = body[span.end..]
        .find('\n')
        .map_or(body.len(), |i| span.end + i);
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

/// One quote document.
pub fn quote(
    f: &Fields,
    file_key: &str,
    record: &Record,
    analysis: &Analysis,
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
    let entities: BTreeSet<&str> = analysis
        .entities
        .iter()
        .filter(|e| e.span.start < context.end && e.span.end > context.start)
        .map(|e| e.canonical.as_str())
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
