//! Alerts: running the saved searches of [`crate::index::watch`] and reporting the matches
//! each has not reported before (new articles, and new quotes, also in updated articles).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::index::watch::{SavedSearch, Watches};
use crate::search::export::{self, Row};
use crate::search::run::{Engine, Request, Sort};
use crate::search::understand::Kind;

/// What is new for one saved search (`--json`: `{"name": …, "new": N, "hits": […]}`).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The saved search's name.
    pub name: String,
    /// How many matches are new.
    pub new: usize,
    /// The new matches, newest first.
    pub hits: Vec<Row>,
}

/// The request a saved search stands for.
pub fn request(saved: &SavedSearch, today: NaiveDate) -> Request {
    Request {
        query: saved.query.clone(),
        limit: 10,
        offset: 0,
        speaker: saved.speaker.clone(),
        entity: saved.entity.clone(),
        since: saved.since.clone(),
        until: saved.until.clone(),
        kind: match saved.kind.as_deref() {
            Some("quote") => Some(Kind::Quote),
            Some("article") => Some(Kind::Article),
            _ => None,
        },
        sort: Sort::Relevance,
        collapse: true,
        today,
    }
}

/// The identity of a match across runs: its kind, article id and quote text.
pub fn key(row: &Row) -> u64 {
    let kind = match row.kind {
        Kind::Article => "a",
        Kind::Quote => "q",
    };
    let text = format!(
        "{kind}\0{}\0{}\0{}",
        row.article_id,
        row.speaker.as_deref().unwrap_or(""),
        row.quote.as_deref().unwrap_or("")
    );
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The keys of every current match of `saved`, to save it with as already reported.
pub fn current_keys(engine: &Engine, saved: &SavedSearch, today: NaiveDate) -> Result<Vec<u64>> {
    let matches = engine.matching(&request(saved, today))?;
    let mut keys = Vec::new();
    export::rows(&matches, |row| {
        keys.push(key(&row));
        Ok(())
    })?;
    Ok(keys)
}

/// Reports what is new for the saved search `name` and records it as reported (call
/// [`Watches::save`] after).
pub fn report(
    engine: &Engine,
    watches: &mut Watches,
    name: &str,
    today: NaiveDate,
) -> Result<Report> {
    let saved = watches.get(name)?.clone();
    let seen: HashSet<u64> = watches.seen(name)?;
    let matches = engine.matching(&request(&saved, today))?;
    let mut keys = Vec::new();
    let mut hits = Vec::new();
    export::rows(&matches, |row| {
        let k = key(&row);
        keys.push(k);
        if !seen.contains(&k) {
            hits.push(row);
        }
        Ok(())
    })?;
    hits.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.article_id.cmp(&b.article_id))
    });
    watches.reported(name, keys, chrono::Utc::now().to_rfc3339())?;
    Ok(Report {
        name: saved.name,
        new: hits.len(),
        hits,
    })
}

/// Reports every saved search, in the order they were saved.
pub fn report_all(engine: &Engine, watches: &mut Watches, today: NaiveDate) -> Result<Vec<Report>> {
    let names: Vec<String> = watches.searches().map(|s| s.name.clone()).collect();
    names
        .iter()
        .map(|n| report(engine, watches, n, today))
        .collect()
}
