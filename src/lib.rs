//! newsdex: a search engine for news archives.
//!
//! Data flows one way:
//! `paths ──ingest──▶ Record ──layout──▶ logical text ──extract──▶ Analysis ──index──▶ tantivy`, and
//! `query ──search::understand──▶ Plan ──search::run──▶ Hits ──cli──▶ terminal / JSON`.

pub mod article;
pub mod cli;
pub mod error;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod layout;
pub mod pipeline;
pub mod search;

pub use article::{Analysis, Entity, EntityKind, Mention, PubDate, Quote, Record};
pub use error::{Error, Result};
