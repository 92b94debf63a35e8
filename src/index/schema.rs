//! The tantivy schema, in one place. One index holds three kinds of document:
//! `file` (the change-tracking manifest: one per source file, committed with its articles),
//! `article`, and `quote` (one per extracted quote, so quotes are hits of their own).

use std::cell::RefCell;

use tantivy::schema::{
    FAST, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenStream,
};

/// Tokenizer for prose fields: lower-cased, English-stemmed.
pub const STEMMED: &str = "newsdex_en";
/// Tokenizer for names: lower-cased words, no stemming ("putin" matches "Vladimir Putin").
pub const NAMES: &str = "newsdex_names";

/// The `kind` of a source file's manifest document.
pub const KIND_FILE: &str = "file";
/// The `kind` of an article document.
pub const KIND_ARTICLE: &str = "article";
/// The `kind` of a quote document.
pub const KIND_QUOTE: &str = "quote";

/// Every field handle, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `file`, `article` or `quote`.
    pub kind: tantivy::schema::Field,
    /// Article id (on articles and their quotes): re-indexing deletes by it.
    pub id: tantivy::schema::Field,
    /// Canonical absolute path of the source file (on articles and quotes).
    pub file: tantivy::schema::Field,
    /// Same key, only on `file` documents, so they can be replaced on their own.
    pub manifest: tantivy::schema::Field,
    /// Path as shown to the user.
    pub path: tantivy::schema::Field,
    /// The headline.
    pub title: tantivy::schema::Field,
    /// The article text.
    pub body: tantivy::schema::Field,
    /// Quote text (quote documents).
    pub quote: tantivy::schema::Field,
    /// The paragraph around a quote (quote documents).
    pub context: tantivy::schema::Field,
    /// Speaker names, tokenised (articles: every speaker quoted; quotes: the speaker).
    pub speaker: tantivy::schema::Field,
    /// Canonical speaker names, exact: filters, counts and the query vocabulary.
    pub speaker_key: tantivy::schema::Field,
    /// Entity names, tokenised (articles: every entity named; quotes: those around it).
    pub entity: tantivy::schema::Field,
    /// Canonical entity names, exact: filters, counts and the query vocabulary.
    pub entity_key: tantivy::schema::Field,
    /// The cue verb of a quote.
    pub cue: tantivy::schema::Field,
    /// Whether a quote is direct (in quotation marks).
    pub direct: tantivy::schema::Field,
    /// The publication date, as a UTC instant.
    pub date: tantivy::schema::Field,
    /// The date as the article gave it (with its offset), for display.
    pub date_display: tantivy::schema::Field,
    /// The publication or agency.
    pub source: tantivy::schema::Field,
    /// The article's address.
    pub url: tantivy::schema::Field,
    /// The byline.
    pub author: tantivy::schema::Field,
    /// File documents: size, mtime (ns), content hash, records indexed, skip reason.
    pub size: tantivy::schema::Field,
    /// See `size`.
    pub mtime: tantivy::schema::Field,
    /// See `size`.
    pub hash: tantivy::schema::Field,
    /// See `size`.
    pub records: tantivy::schema::Field,
    /// See `size`.
    pub skip: tantivy::schema::Field,
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | FAST),
        id: b.add_text_field("id", STRING | STORED),
        file: b.add_text_field("file", STRING | FAST),
        manifest: b.add_text_field("manifest", STRING | STORED | FAST),
        path: b.add_text_field("path", STORED),
        title: b.add_text_field("title", text(STEMMED, true) | STORED),
        body: b.add_text_field("body", text(STEMMED, true) | STORED),
        quote: b.add_text_field("quote", text(STEMMED, true) | STORED),
        context: b.add_text_field("context", text(STEMMED, true) | STORED),
        speaker: b.add_text_field("speaker", text(NAMES, true) | STORED),
        speaker_key: b.add_text_field("speaker_key", STRING | FAST),
        entity: b.add_text_field("entity", text(NAMES, true) | STORED),
        entity_key: b.add_text_field("entity_key", STRING | FAST),
        cue: b.add_text_field("cue", STORED),
        direct: b.add_bool_field("direct", STORED),
        date: b.add_date_field("date", INDEXED | FAST | STORED),
        date_display: b.add_text_field("date_display", STORED),
        source: b.add_text_field("source", text(NAMES, false) | STORED),
        url: b.add_text_field("url", STORED),
        author: b.add_text_field("author", STORED),
        size: b.add_u64_field("size", FAST),
        mtime: b.add_i64_field("mtime", FAST),
        hash: b.add_u64_field("hash", FAST),
        records: b.add_u64_field("records", FAST | STORED),
        skip: b.add_text_field("skip", STORED),
    };
    (b.build(), fields)
}

/// Resolves field handles of an existing index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        kind: f("kind")?,
        id: f("id")?,
        file: f("file")?,
        manifest: f("manifest")?,
        path: f("path")?,
        title: f("title")?,
        body: f("body")?,
        quote: f("quote")?,
        context: f("context")?,
        speaker: f("speaker")?,
        speaker_key: f("speaker_key")?,
        entity: f("entity")?,
        entity_key: f("entity_key")?,
        cue: f("cue")?,
        direct: f("direct")?,
        date: f("date")?,
        date_display: f("date_display")?,
        source: f("source")?,
        url: f("url")?,
        author: f("author")?,
        size: f("size")?,
        mtime: f("mtime")?,
        hash: f("hash")?,
        records: f("records")?,
        skip: f("skip")?,
    })
}

/// The analyzer for prose: the same one indexing and query expansion use.
pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(crate::index::stem::CachedStemmer)
        .build()
}

thread_local! {
    /// The query side's prose analyzer, one per thread, so that its stem cache lasts across
    /// the many short texts a search analyses (query words, feedback documents, snippets).
    static PROSE: RefCell<TextAnalyzer> = RefCell::new(stemmed_analyzer());
}

/// Calls `f` with each token of `text` as the prose analyzer makes it (stem and offsets).
pub fn for_each_stemmed(text: &str, mut f: impl FnMut(&Token)) {
    let mut run = |analyzer: &mut TextAnalyzer| {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            f(token);
        }
    };
    PROSE.with(|shared| match shared.try_borrow_mut() {
        Ok(mut analyzer) => run(&mut analyzer),
        // Only if `f` itself analyses text: a fresh analyzer instead of a double borrow.
        Err(_) => run(&mut stemmed_analyzer()),
    });
}

/// The analyzer for names.
pub fn names_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// Registers this schema's tokenizers on an index.
pub fn register_tokenizers(index: &tantivy::Index) {
    let t = index.tokenizers();
    t.register(STEMMED, stemmed_analyzer());
    t.register(NAMES, names_analyzer());
}

/// The exact key of a name: white space folded (case kept for display; matching lower-cases).
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}
