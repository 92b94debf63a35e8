//! The tantivy index: schema, writer (incremental, one commit per run), reader.
