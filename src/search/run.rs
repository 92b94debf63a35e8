//! Running a search: the [`Plan`] becomes tantivy queries (BM25 over title, body, quote and
//! context with field weights, filters that do not score). The best documents of the word
//! union are collected with block-max WAND, then re-ranked by proximity and, for plain-English
//! topics, by RM3 feedback words; duplicates are collapsed and snippets cut for the page.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring,
    Occur, PhraseQuery, Query, QueryParser, RangeQuery, Scorer, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, IndexReader, Order, Score, Searcher, TantivyDocument, Term};

use crate::error::{Error, Param, Result};
use crate::index::names::Names;
use crate::index::schema::{KIND_ARTICLE, KIND_QUOTE};
use crate::index::{Fields, Store};
use crate::search::matches::Matches;
use crate::search::ranking::Ranking;
use crate::search::snippet::{self, Snippet};
use crate::search::ties;
use crate::search::title;
use crate::search::understand::{self, Context, Kind, Plan, TopicTerm, parse_period};

/// How many of the first pass's best documents the RM3 query re-ranks (at least the hits
/// fetched). Scoring the expanded query over the whole archive cost two thirds of a search
/// at a million articles; on TIME the first ten hits are the same for any depth from 50 up
/// (nDCG@10 0.826 with `-n 10`), and the depth costs WAND pruning: 1M in-process p50 28 ms
/// at 1000, 20 ms at 200.
const FB_RERANK_DEPTH: usize = 200;
const SNIPPET_CHARS: usize = 240;
/// How many of the union's best documents get their proximity score added. Proximity only
/// reorders documents that already match the topic words well.
const RESCORE_DEPTH: usize = 100;

/// Hit ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

/// One search as the user asked for it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The question: field syntax or plain English.
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip first.
    pub offset: usize,
    /// Only quotes by this speaker (`--speaker`): overrides a speaker read from the question.
    pub speaker: Option<String>,
    /// Only articles or quotes mentioning this entity (`--entity`).
    pub entity: Option<String>,
    /// Only from this date on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): overrides the question's dates.
    pub since: Option<String>,
    /// Only up to this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub until: Option<String>,
    /// Only quotes or only articles; `None` lets the question decide.
    pub kind: Option<Kind>,
    /// Order of hits.
    pub sort: Sort,
    /// Whether wire copies of a quote or article are collapsed into one hit.
    pub collapse: bool,
    /// The day relative dates ("last year") are counted from.
    pub today: NaiveDate,
}

/// One ranked hit, as printed (`--json` schema).
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Position in the whole result list, from 1 (`offset` included).
    pub rank: usize,
    /// The ranking score, higher is better (0 when sorted by date).
    pub score: f32,
    /// Whether the hit is an article or a quote.
    pub kind: Kind,
    /// The article's id (a quote's: the article it is from).
    pub article_id: String,
    /// The file the article was read from, as shown to the user.
    pub path: String,
    /// The article's title, or its first words when it has none.
    pub title: Option<String>,
    /// The publication date as the article gave it, if known.
    pub date: Option<String>,
    /// The publication or agency.
    pub source: Option<String>,
    /// The speaker's canonical name (quotes only).
    pub speaker: Option<String>,
    /// The quote's text (quotes only).
    pub quote: Option<String>,
    /// The passage shown: the quote's sentences, or the part of the article that best matches.
    pub snippet: String,
    /// `[start, end)` character offsets of the matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// Other articles carrying the same quote or a near-duplicate article.
    pub duplicates: usize,
}

/// A search's answer (`--json` schema).
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// The question as asked.
    pub query: String,
    /// How the question was understood.
    pub interpretation: Plan,
    /// How many articles and quotes match in all (not only the page shown).
    pub total: usize,
    /// The hits of the page asked for.
    pub hits: Vec<Hit>,
}

/// An opened index ready to answer queries (reused across a batch).
pub struct Engine {
    store: Store,
    reader: IndexReader,
    speakers: Names,
    entities: Names,
    ranking: Ranking,
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

fn boosted(q: Box<dyn Query>, w: Score) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, w))
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// BM25 statistics over the documents that carry each field. tantivy's own divide a field's
/// tokens and a term's document frequency by every document in the index — file records
/// and quotes included — so on an archive with five quotes per article an article body
/// looked five times longer than the average body, and rare words lost weight (measured on
/// TIME, BM25 alone: MAP 0.687 -> 0.696). Counts are rescaled to the kinds searched.
///
/// One is made per search and also memoises document frequencies: the same word is looked up
/// by the first pass, the re-ranks, feedback and highlighting, each time in every segment's
/// term dictionary.
struct FieldStats<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    /// Documents of the kinds searched.
    docs: u64,
    articles: u64,
    quotes: u64,
    /// [`Ranking::body_length_share`].
    body_length_share: f64,
    seen: RefCell<FxHashMap<Term, u64>>,
}

impl<'a> FieldStats<'a> {
    fn new(
        searcher: &'a Searcher,
        fields: &'a Fields,
        kind: Option<Kind>,
        body_length_share: f64,
    ) -> Result<Self> {
        let count = |k: &str| searcher.doc_freq(&Term::from_field_text(fields.kind, k));
        let (articles, quotes) = (count(KIND_ARTICLE)?, count(KIND_QUOTE)?);
        let docs = match kind {
            Some(Kind::Article) => articles,
            Some(Kind::Quote) => quotes,
            None => articles + quotes,
        };
        Ok(FieldStats {
            searcher,
            fields,
            docs: docs.max(1),
            articles,
            quotes,
            body_length_share,
            seen: RefCell::default(),
        })
    }

    /// The number of documents containing `term`, over the whole index.
    fn df(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.seen.borrow().get(term) {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.seen.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }

    /// `count` (over the documents carrying `field`) rescaled to the documents searched.
    fn rescale(&self, field: Field, count: u64) -> u64 {
        let f = self.fields;
        let carrying = if field == f.body {
            self.articles
        } else if field == f.quote || field == f.context {
            self.quotes
        } else {
            self.articles + self.quotes
        };
        (count as f64 * self.docs as f64 / carrying.max(1) as f64).round() as u64
    }
}

impl Bm25StatisticsProvider for FieldStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let tokens = self.rescale(field, self.searcher.total_num_tokens(field)?);
        Ok(if field == self.fields.body {
            body_norm_tokens(tokens, self.body_length_share)
        } else {
            tokens
        })
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let df = self.rescale(term.field(), self.df(term)?);
        Ok(df.min(self.docs))
    }
}

/// The body token count BM25 averages over, `share` of the real count.
/// A field the query syntax names but the index lacks (`nosuch:*`) is the query's fault.
fn unknown_field_is_bad_query(e: Error) -> Error {
    match e {
        Error::Tantivy(tantivy::TantivyError::FieldNotFound(field)) => {
            Error::BadQuery(format!("there is no field {field:?}"))
        }
        e => e,
    }
}

fn body_norm_tokens(tokens: u64, share: f64) -> u64 {
    ((tokens as f64 * share).round() as u64).max(1)
}

fn day_start(d: NaiveDate) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(d.and_time(NaiveTime::MIN).and_utc().timestamp())
}

impl Engine {
    /// Opens the index in `dir` for searching, with its speaker and entity name tables. Fails
    /// when there is no index there or it cannot be read.
    pub fn open(dir: &Path) -> Result<Engine> {
        let store = Store::open(dir)?;
        let reader = store.reader()?;
        let searcher = reader.searcher();
        let f = store.fields;
        let speakers = Names::load(&searcher, f.speaker_key, f.kind, &store.dir)?;
        let entities = Names::load(&searcher, f.entity_key, f.kind, &store.dir)?;
        Ok(Engine {
            store,
            reader,
            speakers,
            entities,
            ranking: Ranking::default(),
        })
    }

    /// Ranks with `ranking` instead of the default constants (for sweeps).
    pub fn with_ranking(mut self, ranking: Ranking) -> Engine {
        self.ranking = ranking;
        self
    }

    /// The opened index.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Understands the request into a plan (flags override what the text says).
    pub fn plan(&self, req: &Request) -> Result<Plan> {
        let count = |name: &str, since, until| self.quotes_in_period(name, since, until);
        let ctx = Context {
            speakers: &self.speakers,
            entities: &self.entities,
            today: req.today,
            quotes_in_period: Some(&count),
        };
        let mut plan = understand::understand(&req.query, &ctx);
        if let Some(name) = &req.speaker {
            plan.speakers = self.resolve(&self.speakers, name, "speaker", &mut plan.notes);
            plan.speakers_required = true;
        }
        if let Some(name) = &req.entity {
            plan.entities = self.resolve(&self.entities, name, "entity", &mut plan.notes);
            plan.entities_required = true;
        }
        let period = |what: Param, v: &str| {
            parse_period(v).ok_or_else(|| Error::Invalid {
                what,
                message: format!("{v:?} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
            })
        };
        if let Some(s) = &req.since {
            plan.since = Some(period(Param::Since, s)?.first);
            plan.dates_from = Some(understand::DatesFrom::Flag);
        }
        if let Some(u) = &req.until {
            plan.until = Some(period(Param::Until, u)?.last);
            plan.dates_from = Some(understand::DatesFrom::Flag);
        }
        if req.kind.is_some() {
            plan.kind = req.kind;
        }
        let searcher = self.reader.searcher();
        for t in &mut plan.terms {
            t.expansions = self.word_family(&searcher, t)?;
        }
        Ok(plan)
    }

    fn resolve(
        &self,
        names: &Names,
        name: &str,
        what: &str,
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (found, note) = understand::dominant(name, names.lookup_identities(&words), None);
        notes.extend(note);
        let found: Vec<String> = found.into_iter().collect();
        if found.is_empty() {
            let hint = names
                .suggest(name)
                .map(|s| format!("; did you mean \"{s}\"?"))
                .unwrap_or_default();
            notes.push(format!("no {what} \"{name}\" in the index{hint}"));
        }
        found
    }

    /// Quotes of the speaker identity `name` (all its aliases) between two dates.
    fn quotes_in_period(
        &self,
        name: &str,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> u64 {
        let f = &self.store.fields;
        let lower = since.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(f.date, day_start(d)))
        });
        let upper = until
            .and_then(|d| d.succ_opt())
            .map_or(Bound::Unbounded, |d| {
                Bound::Excluded(Term::from_field_date(f.date, day_start(d)))
            });
        let query = BooleanQuery::new(vec![
            filter(self.alias_query(&self.speakers, f.speaker_key, name)),
            filter(term_query(f.kind, KIND_QUOTE)),
            filter(Box::new(RangeQuery::new(lower, upper))),
        ]);
        self.reader
            .searcher()
            .search(&query, &Count)
            .map_or(0, |n| n as u64)
    }

    /// Any of an identity's names in an exact-name field.
    fn alias_query(&self, names: &Names, field: Field, name: &str) -> Box<dyn Query> {
        any_of(
            names
                .aliases(name)
                .into_iter()
                .map(|a| term_query(field, a))
                .collect(),
        )
    }

    /// Same-family words in the index for a one-word term: the stems that English
    /// derivation pairs with it ([`family_stems`]: "expans" ~ "expand", "decis" ~ "decid")
    /// and that the archive actually contains. No list per query: a rule per suffix pair.
    fn word_family(&self, searcher: &Searcher, term: &TopicTerm) -> Result<Vec<String>> {
        let [stem] = term.forms.first().map(Vec::as_slice).unwrap_or_default() else {
            return Ok(Vec::new());
        };
        if term.forms.len() > 1 {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        for candidate in family_stems(stem) {
            let df =
                searcher.doc_freq(&Term::from_field_text(self.store.fields.body, &candidate))?;
            if df > 0 {
                found.push(candidate);
            }
        }
        Ok(found)
    }

    /// The text fields a topic word is looked for in, with their weights (none of weight 0).
    /// A search for quotes only weighs the article's title and the quote's paragraph apart:
    /// there they compete with the quote's own words.
    fn weighted_fields(&self, kind: Option<Kind>) -> Vec<(Field, Score)> {
        let (f, r) = (&self.store.fields, &self.ranking);
        let (title, context) = match kind {
            Some(Kind::Quote) => (r.quotes_title, r.quotes_context),
            _ => (r.title, r.context),
        };
        [
            (f.title, title),
            (f.body, r.body),
            (f.quote, r.quote),
            (f.context, context),
        ]
        .into_iter()
        .filter(|&(_, w)| w > 0.0)
        .collect()
    }

    /// The scored part of a search. Natural-language questions become one flat union of
    /// (boosted) term queries, which tantivy answers with block-max WAND: only documents that
    /// can still enter the top k are scored. Proximity, which needs positions, is kept apart
    /// and added to the top candidates afterwards ([`rescore`]).
    fn topic_query(&self, plan: &Plan, notes: &mut Vec<String>) -> Option<Topic> {
        let f = &self.store.fields;
        if let Some(text) = &plan.syntax {
            let fields = self.weighted_fields(plan.kind);
            let mut parser = QueryParser::for_index(
                &self.store.index,
                fields.iter().map(|&(field, _)| field).collect(),
            );
            for (field, w) in fields {
                parser.set_field_boost(field, w);
            }
            // Clauses are AND-ed unless OR is written: `speaker:"tony blair" war` is his
            // quotes about war, not everything about war or by him.
            parser.set_conjunction_by_default();
            let (q, errors) = parser.parse_query_lenient(text);
            notes.extend(errors.iter().map(|e| format!("query syntax: {e}")));
            return Some(Topic {
                query: q,
                proximity: Vec::new(),
            });
        }
        let fields = self.weighted_fields(plan.kind);
        let form_query = |form: &[String], field: Field| -> Box<dyn Query> {
            match form {
                [one] => term_query(field, one),
                many => Box::new(PhraseQuery::new(
                    many.iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                )),
            }
        };
        // A document's score is the sum of its matching clauses, so one flat union scores
        // exactly as one union per topic word would.
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for t in &plan.terms {
            for &(field, w) in &fields {
                for form in &t.forms {
                    clauses.push(boosted(form_query(form, field), w));
                }
                for e in &t.expansions {
                    clauses.push(boosted(term_query(field, e), w * self.ranking.expansion));
                }
            }
        }
        if clauses.is_empty() {
            return None;
        }
        let singles: Vec<&String> = plan
            .terms
            .iter()
            .filter_map(|t| match t.forms.as_slice() {
                [f] if f.len() == 1 => f.first(),
                _ => None,
            })
            .collect();
        // Sequential dependence (Metzler & Croft 2005): each adjacent pair of topic words as
        // an exact phrase and within a window.
        let r = &self.ranking;
        let mut near: Vec<Box<dyn Query>> = Vec::new();
        if singles.len() >= 2 && plan.terms.len() <= r.proximity_max_terms {
            for field in [f.body, f.quote] {
                for pair in singles.windows(2) {
                    for (slop, w) in [(0, r.ordered), (r.window, r.unordered)] {
                        if w <= 0.0 {
                            continue;
                        }
                        let terms = pair
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect();
                        let mut pq = PhraseQuery::new(terms);
                        pq.set_slop(slop);
                        near.push(boosted(Box::new(pq), w));
                    }
                }
            }
        }
        Some(Topic {
            query: any_of(clauses),
            proximity: near,
        })
    }

    /// RM3's second half: the feedback words over the same fields, weighted so that the
    /// original query and the feedback words share the score (a feedback word of weight 1/n
    /// counts as much as one of the n topic words). Added to the first pass's pool by
    /// [`rescore`], the sum is the RM3 query's score.
    fn feedback_clauses(&self, plan: &Plan) -> Vec<Box<dyn Query>> {
        let n = plan.terms.len().max(1) as Score;
        let original = self.ranking.fb_original;
        let scale = n * (1.0 - original) / original;
        let mut clauses = Vec::new();
        for (word, w) in &plan.feedback {
            for (field, fw) in self.weighted_fields(plan.kind) {
                clauses.push(boosted(term_query(field, word), fw * w * scale));
            }
        }
        clauses
    }

    /// Whether a search gets a feedback pass: plain-English topic searches ranked by
    /// relevance, not quote searches narrowed to a speaker (there the words are the point).
    fn feedback_applies(plan: &Plan, req: &Request) -> bool {
        plan.mode == understand::Mode::Natural
            && !plan.terms.is_empty()
            && req.sort == Sort::Relevance
            && plan.speakers.is_empty()
            && plan.kind != Some(Kind::Quote)
    }

    /// RM1 term distribution of the top documents: P(w|R) = sum over documents of
    /// P(w|d) * P(d|q), with P(d|q) the document's share of the top scores. Function words
    /// and numbers are skipped. Returns the [`Ranking::fb_terms`] heaviest words, weights summing to 1.
    fn feedback_terms(
        &self,
        searcher: &Searcher,
        stats: &FieldStats,
        top: &[(Score, DocAddress)],
    ) -> Result<Vec<(String, f32)>> {
        let f = &self.store.fields;
        let best = top.first().map_or(0.0, |(s, _)| *s);
        if best <= 0.0 {
            return Ok(Vec::new());
        }
        let sharpness = self.ranking.fb_sharpness;
        let doc_weight = |s: Score| {
            if sharpness > 0.0 {
                (sharpness * (s.max(0.0) / best - 1.0)).exp()
            } else {
                s.max(0.0)
            }
        };
        let fb_terms = self.ranking.fb_terms;
        let total: Score = top.iter().map(|(s, _)| doc_weight(*s)).sum();
        let mut weights: HashMap<String, f32> = HashMap::new();
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let text = [f.title, f.body, f.context]
                .iter()
                .filter_map(|&field| doc.get_first(field).and_then(|v| v.as_str()))
                .collect::<Vec<_>>()
                .join("\n");
            let tokens = understand::analyze(&text);
            if tokens.is_empty() {
                continue;
            }
            let share = doc_weight(*score) / total / tokens.len() as f32;
            for t in tokens {
                *weights.entry(t).or_default() += share;
            }
        }
        // Words common across the archive ("week", "time" in a weekly) say nothing about
        // this topic: each word's weight is scaled by its rarity among articles.
        let articles = stats.articles.max(1) as f32;
        // Words in falling P(w|R); no word's rarity exceeds `max_idf`, so the walk stops as
        // soon as no later word can displace the current best `fb_terms`.
        let by_weight =
            |a: &(String, f32), b: &(String, f32)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0));
        let mut candidates: Vec<(String, f32)> = weights.into_iter().collect();
        candidates.sort_by(by_weight);
        let max_idf = ((articles + 1.0) / 0.5).ln();
        let mut ranked: Vec<(String, f32)> = Vec::new();
        for (w, p) in candidates {
            if ranked.len() == fb_terms && ranked.last().is_some_and(|l| p * max_idf < l.1) {
                break;
            }
            if w.chars().count() < 3
                || w.chars().all(|c| c.is_ascii_digit())
                || understand::is_stop_stem(&w)
            {
                continue;
            }
            let df = stats.df(&Term::from_field_text(f.body, &w))? as f32;
            let idf = if self.ranking.fb_idf {
                ((articles + 1.0) / (df + 0.5)).ln().max(0.0)
            } else {
                1.0
            };
            ranked.push((w, p * idf));
            ranked.sort_by(by_weight);
            ranked.truncate(fb_terms);
        }
        let sum: f32 = ranked.iter().map(|(_, w)| w).sum();
        if sum > 0.0 {
            for (_, w) in &mut ranked {
                *w /= sum;
            }
        }
        Ok(ranked)
    }

    fn build_query(&self, plan: &Plan, with_dates: bool, notes: &mut Vec<String>) -> Topic {
        let f = &self.store.fields;
        let topic = self.topic_query(plan, notes);
        // Only articles and quotes carry text, so a natural-language topic needs no kind
        // filter unless one kind is asked for; leaving it out keeps the union prunable.
        let kind_filter = plan.kind.is_some() || plan.syntax.is_some() || topic.is_none();
        let (topic_query, proximity) = match topic {
            Some(t) => (t.query, t.proximity),
            None => (
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 1.0)) as Box<dyn Query>,
                Vec::new(),
            ),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, topic_query)];
        if kind_filter {
            let kinds: Vec<&str> = match plan.kind {
                Some(Kind::Quote) => vec![KIND_QUOTE],
                Some(Kind::Article) => vec![KIND_ARTICLE],
                None => vec![KIND_ARTICLE, KIND_QUOTE],
            };
            clauses.push(filter(any_of(
                kinds.iter().map(|k| term_query(f.kind, k)).collect(),
            )));
        }
        if !plan.speakers.is_empty() || plan.speakers_required {
            clauses.push(filter(any_of(
                plan.speakers
                    .iter()
                    .map(|s| self.alias_query(&self.speakers, f.speaker_key, s))
                    .collect(),
            )));
        }
        if !plan.entities.is_empty() || plan.entities_required {
            clauses.push(filter(any_of(
                plan.entities
                    .iter()
                    .map(|s| self.alias_query(&self.entities, f.entity_key, s))
                    .collect(),
            )));
        }
        let boost_entities = if plan.kind == Some(Kind::Quote) {
            plan.boost_entities.as_slice()
        } else {
            &[]
        };
        for e in boost_entities {
            clauses.push((
                Occur::Should,
                boosted(
                    self.alias_query(&self.entities, f.entity_key, e),
                    self.ranking.entity,
                ),
            ));
        }
        if with_dates && (plan.since.is_some() || plan.until.is_some()) {
            let lower = plan.since.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_date(f.date, day_start(d)))
            });
            let upper = plan
                .until
                .and_then(|d| d.succ_opt())
                .map_or(Bound::Unbounded, |d| {
                    Bound::Excluded(Term::from_field_date(f.date, day_start(d)))
                });
            clauses.push(filter(Box::new(RangeQuery::new(lower, upper))));
        }
        let query = match <[_; 1]>::try_from(clauses) {
            Ok([(_, only)]) => only,
            Err(clauses) => Box::new(BooleanQuery::new(clauses)),
        };
        Topic { query, proximity }
    }

    /// Runs one search.
    pub fn search(&self, req: &Request) -> Result<Response> {
        self.ranked(req).map_err(unknown_field_is_bad_query)
    }

    fn ranked(&self, req: &Request) -> Result<Response> {
        let mut plan = self.plan(req)?;
        let searcher = self.reader.searcher();
        let mut notes = Vec::new();
        let want = req.offset + req.limit;
        // A mixed page shows one hit per article: quotes of an article already shown, and its
        // wire copies when collapsing, are skipped, so more candidates are read.
        let one_per_article = plan.kind != Some(Kind::Quote);
        let fetch = if req.collapse || one_per_article {
            want * 3 + 20
        } else {
            want
        }
        .max(1);
        // With feedback, the first pass keeps a deeper pool for the expanded query to re-rank.
        let feedback = Self::feedback_applies(&plan, req);
        let depth = if feedback {
            fetch.max(FB_RERANK_DEPTH)
        } else {
            fetch
        };
        let mut query = self.build_query(&plan, true, &mut notes);
        let stats = FieldStats::new(
            &searcher,
            &self.store.fields,
            plan.kind,
            self.ranking.body_length_share,
        )?;
        let mut top = self.collect(&searcher, &stats, &query, depth, req.sort)?;
        if top.is_empty() && plan.dates_from == Some(understand::DatesFrom::Query) {
            notes.push(all_dates_note(&plan));
            plan.since = None;
            plan.until = None;
            plan.dates_from = None;
            query = self.build_query(&plan, false, &mut Vec::new());
            top = self.collect(&searcher, &stats, &query, depth, req.sort)?;
        }
        if feedback && top.len() > 1 {
            let k = top.len().min(self.ranking.fb_docs);
            plan.feedback =
                self.feedback_terms(&searcher, &stats, top.get(..k).unwrap_or_default())?;
            let expansion = self.feedback_clauses(&plan);
            if !expansion.is_empty() {
                rescore(&searcher, &self.store.fields, &stats, &expansion, &mut top)?;
            }
        }
        top.truncate(fetch);
        // Counting needs no scores, so it is a plain walk over the matching documents.
        let total = searcher.search(query.query.as_ref(), &Count)?;
        plan.notes.extend(notes);
        // Highlights show the question's own words, not the feedback words.
        let weights = self.snippet_terms(&searcher, &stats, &plan, query.query.as_ref());
        // Collapse on stored fields first; cut snippets only for the hits shown. Documents
        // are read only until the page is full, so `duplicates` counts the copies ranked
        // above the page's last hit.
        let mut hits: Vec<(Hit, String)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut articles_shown: HashSet<String> = HashSet::new();
        for (score, addr) in top {
            if hits.len() == want {
                break;
            }
            let (hit, text) = self.hit(&searcher, addr, score)?;
            if one_per_article && !articles_shown.insert(hit.article_id.clone()) {
                continue;
            }
            if req.collapse {
                let key = duplicate_key(&hit, &text);
                if let Some(&i) = seen.get(&key) {
                    if let Some((h, _)) = hits.get_mut(i) {
                        h.duplicates += 1;
                    }
                    continue;
                }
                seen.insert(key, hits.len());
            }
            hits.push((hit, text));
        }
        let hits: Vec<Hit> = hits
            .into_iter()
            .skip(req.offset)
            .take(req.limit)
            .enumerate()
            .map(|(i, (mut h, text))| {
                let at = h
                    .quote
                    .as_deref()
                    .and_then(|q| text.find(q).map(|s| s..s + q.len()));
                let Snippet { text, highlights } = match at {
                    Some(quote) => snippet::sentence(&text, quote, &weights),
                    None => snippet::make(&text, &weights, SNIPPET_CHARS),
                };
                h.snippet = text;
                h.highlights = highlights;
                h.rank = req.offset + i + 1;
                h
            })
            .collect();
        Ok(Response {
            query: req.query.clone(),
            interpretation: plan,
            total,
            hits,
        })
    }

    /// Every document a search for `req` counts in its `total`, unranked: what export,
    /// timelines and facets walk. Dates read from the question are dropped when nothing
    /// matches within them, as [`Engine::search`] does.
    pub fn matching(&self, req: &Request) -> Result<Matches> {
        self.unranked(req).map_err(unknown_field_is_bad_query)
    }

    fn unranked(&self, req: &Request) -> Result<Matches> {
        let mut plan = self.plan(req)?;
        let searcher = self.reader.searcher();
        let mut notes = Vec::new();
        let mut query = self.build_query(&plan, true, &mut notes).query;
        if plan.dates_from == Some(understand::DatesFrom::Query)
            && searcher.search(query.as_ref(), &Count)? == 0
        {
            notes.push(all_dates_note(&plan));
            plan.since = None;
            plan.until = None;
            plan.dates_from = None;
            query = self.build_query(&plan, false, &mut Vec::new()).query;
        }
        plan.notes.extend(notes);
        Ok(Matches::new(searcher, self.store.fields, plan, query))
    }

    /// The best `n` documents for `topic`. By relevance, the union's top candidates (at
    /// least [`RESCORE_DEPTH`]) get their proximity score added and are ranked again.
    fn collect(
        &self,
        searcher: &Searcher,
        stats: &FieldStats,
        topic: &Topic,
        n: usize,
        sort: Sort,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let query = topic.query.as_ref();
        Ok(match sort {
            Sort::Relevance => {
                let depth = if topic.proximity.is_empty() {
                    n
                } else {
                    n.max(RESCORE_DEPTH)
                };
                let f = &self.store.fields;
                let mut docs = ties::best(searcher, f, depth, ties::same_score, |limit| {
                    let top = TopDocs::with_limit(limit).order_by_score();
                    Ok(searcher.search_with_statistics_provider(query, &top, stats)?)
                })?;
                if !topic.proximity.is_empty() {
                    rescore(searcher, f, stats, &topic.proximity, &mut docs)?;
                }
                docs.truncate(n);
                docs
            }
            Sort::Date => {
                let docs = ties::best(searcher, &self.store.fields, n, PartialEq::eq, |limit| {
                    let top = TopDocs::with_limit(limit)
                        .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
                    Ok(searcher.search(query, &top)?)
                })?;
                docs.into_iter().map(|(_, a)| (0.0, a)).collect()
            }
        })
    }

    /// Analysed words to highlight, weighted by rarity.
    fn snippet_terms(
        &self,
        searcher: &Searcher,
        stats: &FieldStats,
        plan: &Plan,
        query: &dyn Query,
    ) -> HashMap<String, f32> {
        let f = &self.store.fields;
        let mut words: HashSet<String> = HashSet::new();
        for t in &plan.terms {
            words.extend(t.forms.iter().flatten().cloned());
            words.extend(t.expansions.iter().cloned());
        }
        query.query_terms(&mut |term, _| {
            if [f.body, f.quote, f.context, f.title].contains(&term.field())
                && let Some(s) = term.value().as_str()
            {
                words.insert(s.to_string());
            }
        });
        let n = searcher.num_docs().max(1) as f32;
        words
            .into_iter()
            .map(|w| {
                let df = stats.df(&Term::from_field_text(f.body, &w)).unwrap_or(0) as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                (w, idf)
            })
            .collect()
    }

    /// A hit without its snippet, and the text the snippet will be cut from (the quote's
    /// context, or the article's body).
    fn hit(&self, searcher: &Searcher, addr: DocAddress, score: Score) -> Result<(Hit, String)> {
        let f = &self.store.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let is_quote =
            text(f.kind).as_deref() == Some(KIND_QUOTE) || doc.get_first(f.quote).is_some();
        let source_text = text(if is_quote { f.context } else { f.body }).unwrap_or_default();
        let title = match text(f.title) {
            Some(t) => Some(t),
            None if is_quote => title::of_article(searcher, f, &text(f.id).unwrap_or_default())?,
            None => title::first_words(&source_text),
        };
        Ok((
            Hit {
                rank: 0,
                score,
                kind: if is_quote { Kind::Quote } else { Kind::Article },
                article_id: text(f.id).unwrap_or_default(),
                path: text(f.path).unwrap_or_default(),
                title,
                date: text(f.date_display),
                source: text(f.source),
                // Shown as its identity: "Donald J. Trump" and a bare "Trump" are Donald Trump.
                speaker: if is_quote {
                    text(f.speaker).map(|s| {
                        let key = crate::index::schema::name_key(&s);
                        self.speakers.canonical(&key).to_string()
                    })
                } else {
                    None
                },
                quote: if is_quote { text(f.quote) } else { None },
                snippet: String::new(),
                highlights: Vec::new(),
                duplicates: 0,
            },
            source_text,
        ))
    }
}

/// The note of a search whose question's dates matched nothing.
fn all_dates_note(plan: &Plan) -> String {
    format!(
        "nothing between {} and {}; showing all dates",
        plan.since.map_or("the start".into(), |d| d.to_string()),
        plan.until.map_or("now".into(), |d| d.to_string())
    )
}

/// A search's scored query and, apart, the proximity clauses added to its top candidates.
struct Topic {
    query: Box<dyn Query>,
    proximity: Vec<Box<dyn Query>>,
}

/// Adds the scores of `clauses` to each candidate and ranks them again (ties as [`ties`]
/// orders them). Each clause gets its own scorer per segment, walked forward over the
/// candidates sorted by address: skipping through one posting list is cheap, while a union
/// of them refills its whole window at every jump.
fn rescore(
    searcher: &Searcher,
    f: &Fields,
    stats: &dyn Bm25StatisticsProvider,
    clauses: &[Box<dyn Query>],
    docs: &mut [(Score, DocAddress)],
) -> Result<()> {
    docs.sort_by_key(|&(_, addr)| addr);
    for clause in clauses {
        let weight = clause.weight(EnableScoring::enabled_from_statistics_provider(
            stats, searcher,
        ))?;
        let mut scorer: Option<(u32, Box<dyn Scorer>)> = None;
        for (score, addr) in docs.iter_mut() {
            let current = match &mut scorer {
                Some((segment, s)) if *segment == addr.segment_ord => s,
                _ => {
                    let reader = searcher.segment_reader(addr.segment_ord);
                    &mut scorer
                        .insert((addr.segment_ord, weight.scorer(reader, 1.0)?))
                        .1
                }
            };
            if current.doc() < addr.doc_id {
                current.seek(addr.doc_id);
            }
            if current.doc() == addr.doc_id {
                *score += current.score();
            }
        }
    }
    ties::sort_by_score(searcher, f, docs)
}

/// Pairs of stem endings that English derivation swaps between a verb and its noun or
/// between "-ist" and "-ism" (after stemming): "expansion" -> "expans", "expand" -> "expand".
const FAMILY_SUFFIXES: &[(&str, &str)] = &[
    ("ans", "and"),
    ("ens", "end"),
    ("is", "id"),
    ("as", "ad"),
    ("us", "ud"),
    ("os", "od"),
    ("iss", "it"),
    ("ct", "c"),
    ("pt", "iv"),
    ("ipt", "ib"),
    ("umpt", "um"),
    ("olut", "olv"),
    ("ist", "ism"),
];

/// Stem endings that derive a word from another by adding to it (after stemming): place and
/// its people ("syria" ~ "syrian", "germani" ~ "german", "yugoslav" ~ "yugoslavia"), doctrine
/// and follower ("social" ~ "socialist"), office ("chancellor" ~ "chancellorship").
const DERIVED_ENDINGS: &[&str] = &[
    "n", "an", "ian", "i", "ia", "ese", "ist", "ism", "ship", "er", "or", "al", "ic",
];

/// Stems of the same word family as `stem`: by [`FAMILY_SUFFIXES`] for stems of five letters
/// or more with a root of three, so short words do not drift ("this" is not "thid"); by
/// [`DERIVED_ENDINGS`] when the shorter stem has five letters or more ("iraq" is not "ira").
fn family_stems(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    let long_enough = |s: &str| s.chars().count() >= 5;
    for ending in DERIVED_ENDINGS {
        if long_enough(stem) {
            out.push(format!("{stem}{ending}"));
        }
        if let Some(root) = stem.strip_suffix(ending)
            && long_enough(root)
        {
            out.push(root.to_string());
        }
    }
    for (a, b) in FAMILY_SUFFIXES {
        for (from, to) in [(a, b), (b, a)] {
            if let Some(root) = stem.strip_suffix(from)
                && root.chars().count() >= 3
                && stem.chars().count() >= 5
            {
                let other = format!("{root}{to}");
                if other != stem && !out.contains(&other) {
                    out.push(other);
                }
            }
        }
    }
    out
}

/// Hits with the same key are copies: the same quote by the same speaker, or an article
/// with the same title and opening.
fn duplicate_key(hit: &Hit, text: &str) -> String {
    let norm = |s: &str, n: usize| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .take(n)
            .collect()
    };
    match hit.kind {
        Kind::Quote => format!(
            "q|{}|{}",
            hit.speaker.as_deref().unwrap_or(""),
            norm(hit.quote.as_deref().unwrap_or(""), 400)
        ),
        Kind::Article => format!(
            "a|{}|{}",
            norm(hit.title.as_deref().unwrap_or(""), 200),
            norm(text, 120)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_length_is_normalised_against_a_share_of_the_average() {
        // The total handed to BM25 is the share of the real one, so its average length is
        // that share of the real average and a body of average length counts as longer.
        assert_eq!(body_norm_tokens(50_000, 0.65), 32_500);
        assert_eq!(body_norm_tokens(50_000, 1.0), 50_000);
        assert!(body_norm_tokens(50_001, 0.65) >= body_norm_tokens(50_000, 0.65));
        // Never zero, so the average stays defined on an empty archive.
        assert_eq!(body_norm_tokens(0, 0.65), 1);
    }

    #[test]
    fn word_families_follow_derivation() {
        let stem = |w: &str| understand::analyze(w).concat();
        // expansion ~ expand, expanded, expanding
        assert!(family_stems(&stem("expansion")).contains(&stem("expanded")));
        assert!(family_stems(&stem("expanding")).contains(&stem("expansion")));
        assert!(family_stems(&stem("decision")).contains(&stem("decide")));
        assert!(family_stems(&stem("permission")).contains(&stem("permit")));
        assert!(family_stems(&stem("communist")).contains(&stem("communism")));
        // Place ~ people, office ~ holder, in both directions.
        assert!(family_stems(&stem("Syria")).contains(&stem("Syrian")));
        assert!(family_stems(&stem("Algerians")).contains(&stem("Algeria")));
        assert!(family_stems(&stem("chancellorship")).contains(&stem("chancellor")));
        assert!(!family_stems(&stem("Iraqi")).contains(&stem("Iraq")));
        // election and elected already share a stem.
        assert_eq!(stem("election"), stem("elected"));
        // Short words do not drift.
        assert!(family_stems(&stem("this")).is_empty());
        assert!(!family_stems(&stem("kennedy")).contains(&stem("kennel")));
    }
}
