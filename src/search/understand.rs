//! Query understanding: reads a query — field syntax or a plain-English question such as
//! "Putin quotes about NATO expansion" — into a [`Plan`]: filters (speaker, entity, dates,
//! kind), topic terms, and how each was recognised. The plan is what `--explain` prints.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::index::identity::SURNAME_SHARE;
use crate::index::names::Names;

/// Which kind of hit a search returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A quote, with its speaker.
    Quote,
    /// An article.
    Article,
}

/// How a query was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Plain English.
    #[default]
    Natural,
    /// Field syntax handed to the query parser.
    Syntax,
}

/// Where a search's date filter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatesFrom {
    /// The question's own words ("in 1987").
    Query,
    /// `--since` / `--until`.
    Flag,
}

/// What a question asks for beyond its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Intent {
    /// What someone said.
    Quotes,
}

impl Mode {
    /// The mode's name, as `--json` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Natural => "natural",
            Mode::Syntax => "syntax",
        }
    }
}

impl Intent {
    /// The intent's name, as `--json` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Quotes => "quotes",
        }
    }
}

/// One topic word and the token sequences that count as it (each a phrase when longer
/// than one token): the word's stem, aliases ("U.S." = "united states"), word family.
#[derive(Debug, Clone, Serialize)]
pub struct TopicTerm {
    /// The word as the question has it, lower-cased.
    pub word: String,
    /// The token sequences that count as the word (stem, aliases), each a phrase when longer than
    /// one token.
    pub forms: Vec<Vec<String>>,
    /// Same-family words found in the index ("expand" for "expansion"): weaker matches.
    pub expansions: Vec<String>,
}

/// How a query was understood.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    /// Plain English or field syntax.
    pub mode: Mode,
    /// The query-parser text, in syntax mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub syntax: Option<String>,
    /// The topic words.
    pub terms: Vec<TopicTerm>,
    /// Speaker filter: canonical names (any of them).
    pub speakers: Vec<String>,
    /// A `--speaker` flag was given: filter even when no name matched (so nothing is found).
    #[serde(skip)]
    pub speakers_required: bool,
    /// Entity filter: canonical names (any of them).
    pub entities: Vec<String>,
    /// An `--entity` flag was given: filter even when no name matched (so nothing is found).
    #[serde(skip)]
    pub entities_required: bool,
    /// Names recognised in a question without a speech intent: they boost, not filter.
    pub boost_entities: Vec<String>,
    /// Only from this day on.
    pub since: Option<NaiveDate>,
    /// Only up to this day (inclusive).
    pub until: Option<NaiveDate>,
    /// Where the date filter came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates_from: Option<DatesFrom>,
    /// Only quotes or only articles; `None` searches both.
    pub kind: Option<Kind>,
    /// Quotes when the question asks what someone said.
    pub intent: Option<Intent>,
    /// Things the reader should know: "did you mean", relaxed filters, parse errors.
    pub notes: Vec<String>,
    /// Words added by pseudo-relevance feedback (stem, weight relative to a topic word).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<(String, f32)>,
}

/// Counts the quotes of a speaker identity between two dates (either open).
pub type QuotesInPeriod<'a> = &'a dyn Fn(&str, Option<NaiveDate>, Option<NaiveDate>) -> u64;

/// What query understanding needs to know about the archive.
pub struct Context<'a> {
    /// The archive's speaker names.
    pub speakers: &'a Names,
    /// The archive's entity names.
    pub entities: &'a Names,
    /// The day relative dates ("last year") are counted from.
    pub today: NaiveDate,
    /// Quote counts in a date range, to pick which identity a bare surname means then;
    /// without it the archive-wide counts decide.
    pub quotes_in_period: Option<QuotesInPeriod<'a>>,
}

/// The speaker filter a name in a question means, and the note saying how it was read: the
/// identity with a clear majority of the name's quotes ([`SURNAME_SHARE`], as a bare surname
/// joins a person in the archive; counted in the question's dates when it has some) alone, and
/// the others listed; without such a majority every identity with the name, most quoted first,
/// since a reader asking "Clinton" of an archive quoting Bill and Hillary alike may mean either.
pub fn speakers_for(
    typed: &str,
    found: Vec<crate::index::names::Identity>,
    period: Option<(Option<NaiveDate>, Option<NaiveDate>, QuotesInPeriod)>,
) -> (Vec<String>, Option<String>) {
    let ranked = ranked(&found, period);
    let Some(&(top, first)) = ranked.first() else {
        return (Vec::new(), None);
    };
    let all: u64 = ranked.iter().map(|(c, _)| c).sum();
    if all == top || (top as f64) >= SURNAME_SHARE * all as f64 {
        let others: Vec<&str> = ranked[1..].iter().map(|(_, n)| *n).collect();
        let note = (!others.is_empty())
            .then(|| format!("\"{typed}\" read as {first}; also: {}", others.join(", ")));
        return (vec![first.to_string()], note);
    }
    let names: Vec<String> = ranked.iter().map(|(_, n)| n.to_string()).collect();
    let note = format!(
        "\"{typed}\" read as any of {} (none has two thirds of its quotes)",
        names.join(", ")
    );
    (names, Some(note))
}

/// Identities with their quote counts (in `period` when given), most counted first; the
/// archive-wide order (already in `found`) breaks ties.
fn ranked<'a>(
    found: &[crate::index::names::Identity<'a>],
    period: Option<(Option<NaiveDate>, Option<NaiveDate>, QuotesInPeriod)>,
) -> Vec<(u64, &'a str)> {
    let mut ranked: Vec<(u64, &str)> = found
        .iter()
        .map(|i| match period {
            Some((since, until, count)) => (count(i.name, since, until), i.name),
            None => (i.count, i.name),
        })
        .collect();
    ranked.sort_by_key(|(c, _)| std::cmp::Reverse(*c));
    ranked
}

/// The identity a name in a question means, and the note naming the others it could mean:
/// a bare surname is the identity that dominates it in the archive, by quotes (in the
/// question's dates when it has some, for speakers).
pub fn dominant(
    typed: &str,
    found: Vec<crate::index::names::Identity>,
    period: Option<(Option<NaiveDate>, Option<NaiveDate>, QuotesInPeriod)>,
) -> (Option<String>, Option<String>) {
    let ranked = ranked(&found, period);
    let Some((_, first)) = ranked.first() else {
        return (None, None);
    };
    let others: Vec<&str> = ranked[1..].iter().map(|(_, n)| *n).collect();
    let note = (!others.is_empty())
        .then(|| format!("\"{typed}\" read as {first}; also: {}", others.join(", ")));
    (Some(first.to_string()), note)
}

const FIELDS: &[&str] = &[
    "speaker", "entity", "title", "body", "quote", "context", "date", "source", "kind", "id",
];

/// Function words, and words that frame a request ("persons involved in ...", "news
/// concerning ...") rather than name its topic. Dropped from topic terms unless typed as an
/// acronym.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "else",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "give",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "re",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    // Request framing.
    "show",
    "find",
    "give",
    "list",
    "tell",
    "concerning",
    "regarding",
    "involved",
    "involving",
    "involves",
    "involve",
    "persons",
    "person",
    "people",
    "related",
    "relating",
    "reports",
    "report",
    "information",
    "news",
    "documents",
    "document",
    "articles",
    "article",
    "stories",
    "story",
    "discussion",
    "discussions",
    "mention",
    "mentions",
    "mentioning",
    "describe",
    "describing",
    "described",
];

const INTENT: &[&str] = &[
    "quote",
    "quotes",
    "quoted",
    "quotation",
    "quotations",
    "said",
    "say",
    "says",
    "saying",
    "statement",
    "statements",
    "remark",
    "remarks",
    "comment",
    "comments",
    "told",
    "tell",
];

/// A question with more content words than this is a description ("persons involved in the
/// Viet Nam coup ..."): relative dates in it do not filter.
const DESCRIPTION_WORDS: usize = 4;

/// Common acronyms and their spelled-out form; matched only when typed in capitals.
const ACRONYMS: &[(&str, &str)] = &[
    ("US", "united states"),
    ("USA", "united states"),
    ("UK", "united kingdom"),
    ("UN", "united nations"),
    ("EU", "european union"),
    ("USSR", "soviet union"),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word))
        .map(|i| i as u32 + 1)
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

/// An inclusive period of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub first: NaiveDate,
    /// The last day (inclusive).
    pub last: NaiveDate,
}

fn year_period(y: i32) -> Option<Period> {
    Some(Period {
        first: NaiveDate::from_ymd_opt(y, 1, 1)?,
        last: NaiveDate::from_ymd_opt(y, 12, 31)?,
    })
}

fn month_period(y: i32, m: u32) -> Option<Period> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(Period { first, last })
}

/// Parses a `--since`/`--until` argument: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_period(arg: &str) -> Option<Period> {
    let parts: Vec<&str> = arg.trim().split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = |s: &str| year_of(s);
    match parts.as_slice() {
        [y] => year_period(year(y)?),
        [y, m] => month_period(year(y)?, num(m, 2)?),
        [y, m, d] => {
            let day = NaiveDate::from_ymd_opt(year(y)?, num(m, 2)?, num(d, 2)?)?;
            Some(Period {
                first: day,
                last: day,
            })
        }
        _ => None,
    }
}

/// Reads a period at `words[i..]` ("2016", "march 2016", "last year"); returns it and the
/// number of words used.
fn period_at(words: &[String], i: usize, today: NaiveDate) -> Option<(Period, usize)> {
    let w = words.get(i)?;
    if let Some(y) = year_of(w) {
        return Some((year_period(y)?, 1));
    }
    if let Some(m) = month_of(w)
        && let Some(y) = words.get(i + 1).and_then(|n| year_of(n))
    {
        return Some((month_period(y, m)?, 2));
    }
    let unit = words.get(i + 1).map(String::as_str);
    match (w.as_str(), unit) {
        ("last", Some("year")) => Some((year_period(today.year() - 1)?, 2)),
        ("this", Some("year")) => Some((year_period(today.year())?, 2)),
        ("last", Some("month")) => {
            let d = today.checked_sub_months(Months::new(1))?;
            Some((month_period(d.year(), d.month())?, 2))
        }
        ("this", Some("month")) => Some((month_period(today.year(), today.month())?, 2)),
        ("past", Some("year")) => Some((
            Period {
                first: today.checked_sub_months(Months::new(12))?,
                last: today,
            },
            2,
        )),
        ("yesterday", _) => {
            let d = today.pred_opt()?;
            Some((Period { first: d, last: d }, 1))
        }
        ("today", _) => Some((
            Period {
                first: today,
                last: today,
            },
            1,
        )),
        _ => None,
    }
}

/// A time expression found in a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TimeExpr {
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    /// Word index and length of the expression.
    start: usize,
    len: usize,
    /// Counted from today ("last year"), not a calendar date ("2016").
    relative: bool,
}

fn is_relative_word(w: &str) -> bool {
    matches!(w, "last" | "this" | "past" | "yesterday" | "today")
}

/// Finds one time expression in `words`.
fn time_expression(words: &[String], today: NaiveDate) -> Option<TimeExpr> {
    for i in 0..words.len() {
        let w = words[i].as_str();
        let prep = matches!(
            w,
            "in" | "during"
                | "since"
                | "after"
                | "from"
                | "before"
                | "until"
                | "till"
                | "through"
                | "between"
        );
        if prep {
            let Some((p, n)) = period_at(words, i + 1, today) else {
                continue;
            };
            if matches!(w, "between" | "from")
                && let Some(conj) = words.get(i + 1 + n)
                && matches!(conj.as_str(), "and" | "to")
                && let Some((q, m)) = period_at(words, i + 2 + n, today)
            {
                return Some(TimeExpr {
                    since: Some(p.first),
                    until: Some(q.last),
                    start: i,
                    len: n + m + 2,
                    relative: words.get(i + 1).is_some_and(|w| is_relative_word(w)),
                });
            }
            let (since, until) = match w {
                "in" | "during" => (Some(p.first), Some(p.last)),
                "since" | "from" => (Some(p.first), None),
                "after" => (p.last.succ_opt(), None),
                "before" => (None, p.first.pred_opt()),
                _ => (None, Some(p.last)),
            };
            return Some(TimeExpr {
                since,
                until,
                start: i,
                len: n + 1,
                relative: words.get(i + 1).is_some_and(|w| is_relative_word(w)),
            });
        }
        // Relative expressions stand on their own: "Putin quotes last year".
        if is_relative_word(w)
            && let Some((p, n)) = period_at(words, i, today)
        {
            return Some(TimeExpr {
                since: Some(p.first),
                until: Some(p.last),
                start: i,
                len: n,
                relative: true,
            });
        }
    }
    None
}

/// True when the query uses field syntax, phrases or boolean operators.
/// In a question typed all in capitals, "AND", "OR" and brackets are words, not operators.
pub fn is_syntax(query: &str) -> bool {
    let shouting = is_shouting(query);
    if query.contains('"') || (query.contains('(') && !shouting) {
        return true;
    }
    query.split_whitespace().any(|w| {
        (matches!(w, "AND" | "OR" | "NOT") && !shouting)
            || (w.len() > 1 && (w.starts_with('-') || w.starts_with('+')))
            || w.split_once(':').is_some_and(|(f, _)| FIELDS.contains(&f))
    })
}

/// True when a field-syntax query requires a speaker (`speaker:X`, `+speaker:X`, no written
/// OR): it asks for that speaker's quotes, so only quotes answer it (articles carry the names
/// of everyone they quote).
fn asks_for_a_speaker(query: &str) -> bool {
    let words: Vec<&str> = query.split_whitespace().collect();
    !words.contains(&"OR")
        && words.iter().any(|w| {
            let w = w.trim_start_matches(['(', '+']);
            w.len() > "speaker:".len() && w.starts_with("speaker:")
        })
}

/// Splits a question into words: lower-cased, edge punctuation and possessives removed.
/// Returns (lower-cased word, as typed).
fn words(query: &str) -> Vec<(String, String)> {
    query
        .split(|c: char| c.is_whitespace() || c == ',' || c == '?' || c == '!' || c == ';')
        .filter_map(|raw| {
            let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let t = t.trim_end_matches('.');
            let t = ["'s", "’s", "'S", "’S"]
                .iter()
                .find_map(|p| t.strip_suffix(p))
                .unwrap_or(t);
            let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            (!t.is_empty()).then(|| (t.to_lowercase(), t.to_string()))
        })
        .collect()
}

/// True when a question of several words has no lower-case letter at all.
fn is_shouting(query: &str) -> bool {
    !query.chars().any(char::is_lowercase) && query.split_whitespace().count() >= 3
}

/// Words that separate the speaker from the topic of a question.
const TOPIC_SEPARATORS: &[&str] = &["about", "on", "regarding", "over", "concerning"];

/// Understands a plain-English question. Syntax-mode queries are handed over as they are.
pub fn understand(query: &str, ctx: &Context) -> Plan {
    let mut plan = Plan {
        mode: Mode::Natural,
        ..Plan::default()
    };
    if is_syntax(query) {
        plan.mode = Mode::Syntax;
        plan.syntax = Some(query.to_string());
        if asks_for_a_speaker(query) {
            plan.intent = Some(Intent::Quotes);
            plan.kind = Some(Kind::Quote);
        }
        return plan;
    }
    let mut ws = words(query);
    // In a question typed all in capitals, capitals say nothing: only dotted words ("U.S")
    // still read as acronyms, so "ON", "TO", "THE" stay function words.
    if is_shouting(query) {
        for (lower, typed) in &mut ws {
            if !typed.contains('.') {
                typed.clone_from(lower);
            }
        }
    }
    // "according to" is one intent.
    let mut i = 0;
    while i + 1 < ws.len() {
        if ws[i].0 == "according" && ws[i + 1].0 == "to" {
            plan.intent = Some(Intent::Quotes);
            ws.drain(i..i + 2);
        } else {
            i += 1;
        }
    }
    let lower: Vec<String> = ws.iter().map(|w| w.0.clone()).collect();
    if let Some(t) = time_expression(&lower, ctx.today) {
        let phrase = lower[t.start..t.start + t.len].join(" ");
        ws.drain(t.start..t.start + t.len);
        let content = ws
            .iter()
            .filter(|(w, _)| !STOP.contains(&w.as_str()) && !INTENT.contains(&w.as_str()))
            .count();
        let asks_for_speech =
            ws.iter().any(|(w, _)| INTENT.contains(&w.as_str())) || plan.intent.is_some();
        // "last year" inside a long description ("... the truce agreed in Geneva last year")
        // is relative to the story, not to today: a filter would drop the whole archive.
        if t.relative && !asks_for_speech && content > DESCRIPTION_WORDS {
            plan.notes.push(format!(
                "\"{phrase}\" read as part of the description, not as a date filter"
            ));
        } else {
            plan.since = t.since;
            plan.until = t.until;
            plan.dates_from = Some(DatesFrom::Query);
        }
    }
    ws.retain(|(w, _)| {
        if INTENT.contains(&w.as_str()) {
            plan.intent = Some(Intent::Quotes);
            false
        } else {
            true
        }
    });
    // Names the archive knows, longest first.
    // Names after "about"/"on"/… are the topic ("what did Blair say about Iraq"): they
    // boost, they never become the speaker filter.
    let mut rest: Vec<(String, String)> = Vec::new();
    let mut in_topic = false;
    let mut i = 0;
    'outer: while i < ws.len() {
        in_topic |= TOPIC_SEPARATORS.contains(&ws[i].0.as_str());
        for n in (1..=4.min(ws.len() - i)).rev() {
            let slice: Vec<&str> = ws[i..i + n].iter().map(|w| w.0.as_str()).collect();
            if n == 1 && (STOP.contains(&slice[0]) || slice[0].len() < 3) {
                break;
            }
            let typed = ws[i..i + n]
                .iter()
                .map(|w| w.1.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let speakers = ctx.speakers.lookup_identities(&slice);
            let dated = (plan.since.is_some() || plan.until.is_some())
                .then_some(ctx.quotes_in_period)
                .flatten()
                .map(|count| (plan.since, plan.until, count));
            if plan.intent.is_some() && !in_topic && !speakers.is_empty() {
                let (filter, note) = speakers_for(&typed, speakers, dated);
                plan.speakers.extend(filter);
                plan.notes.extend(note);
                i += n;
                continue 'outer;
            }
            let (speaker, _) = dominant(&typed, speakers, dated);
            let found = match speaker {
                Some(s) => Some(s),
                None => dominant(&typed, ctx.entities.lookup_identities(&slice), None).0,
            };
            if let Some(found) = found {
                plan.boost_entities.push(found);
                rest.extend(ws[i..i + n].iter().cloned());
                i += n;
                continue 'outer;
            }
        }
        rest.push(ws[i].clone());
        i += 1;
    }
    for (lower, typed) in rest {
        if STOP.contains(&lower.as_str())
            && !(typed.len() >= 2
                && typed.chars().all(|c| c.is_uppercase() || c == '.')
                && typed != "I")
        {
            continue;
        }
        plan.terms.push(topic_term(&lower, &typed));
    }
    if plan.intent.is_some() && plan.speakers.is_empty() {
        for t in &plan.terms {
            if let Some(s) = ctx.speakers.suggest(&t.word) {
                plan.notes.push(format!(
                    "no speaker \"{}\" in the index; did you mean \"{s}\"?",
                    t.word
                ));
            }
        }
    }
    if plan.intent.is_some() {
        plan.kind = Some(Kind::Quote);
    }
    plan
}

/// True for the stem of a function or request-framing word (feedback skips them).
pub fn is_stop_stem(stem: &str) -> bool {
    static STEMS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    STEMS
        .get_or_init(|| STOP.iter().chain(INTENT).flat_map(|w| analyze(w)).collect())
        .contains(stem)
}

/// Lower-cased, stemmed tokens of `text`, as the prose fields are indexed.
pub fn analyze(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    crate::index::schema::for_each_stemmed(text, |t| out.push(t.text.clone()));
    out
}

/// The forms of one topic word: its stemmed tokens, and an acronym's long form.
pub fn topic_term(lower: &str, typed: &str) -> TopicTerm {
    let mut forms = vec![analyze(lower)];
    let bare: String = typed.chars().filter(|c| *c != '.').collect();
    if bare.chars().all(|c| c.is_uppercase())
        && let Some((_, long)) = ACRONYMS.iter().find(|(a, _)| *a == bare)
    {
        forms = vec![
            analyze(&bare.chars().map(|c| format!("{c} ")).collect::<String>()),
            analyze(long),
        ];
    }
    forms.retain(|f| !f.is_empty());
    TopicTerm {
        word: lower.to_string(),
        forms,
        expansions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_names() -> (Names, Names) {
        (
            Names::from_names(vec!["Vladimir Putin".into(), "Tony Blair".into()]),
            Names::from_names(vec!["NATO".into(), "Hillary Clinton".into()]),
        )
    }

    fn plan(q: &str) -> Plan {
        let (s, e) = ctx_names();
        let ctx = Context {
            speakers: &s,
            entities: &e,
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            quotes_in_period: None,
        };
        understand(q, &ctx)
    }

    #[test]
    fn a_surname_means_its_clear_majority_else_every_identity_with_it() {
        let id = |name, count| crate::index::names::Identity { name, count };
        let trumps = || {
            vec![
                id("Donald Trump", 90),
                id("Ivanka Trump", 8),
                id("Melania Trump", 2),
            ]
        };
        let (filter, note) = speakers_for("Trump", trumps(), None);
        assert_eq!(filter, ["Donald Trump"]);
        assert_eq!(
            note.as_deref(),
            Some("\"Trump\" read as Donald Trump; also: Ivanka Trump, Melania Trump")
        );
        let clintons = || vec![id("Hillary Clinton", 60), id("Bill Clinton", 40)];
        let (filter, _) = speakers_for("Clinton", clintons(), None);
        assert_eq!(filter, ["Hillary Clinton", "Bill Clinton"]);
        // In the question's dates the counts there decide: Bill's years are his.
        let in_1990s = |name: &str, _: Option<NaiveDate>, _: Option<NaiveDate>| {
            if name == "Bill Clinton" { 30 } else { 1 }
        };
        let since = NaiveDate::from_ymd_opt(1993, 1, 1);
        let (filter, note) = speakers_for("Clinton", clintons(), Some((since, None, &in_1990s)));
        assert_eq!(filter, ["Bill Clinton"]);
        assert!(note.is_some_and(|n| n.ends_with("also: Hillary Clinton")));
        assert_eq!(
            speakers_for("Nobody", Vec::new(), None).0,
            Vec::<String>::new()
        );
    }

    #[test]
    fn speaker_intent_topic() {
        let p = plan("Putin quotes about NATO expansion");
        assert_eq!(p.speakers, ["Vladimir Putin"]);
        assert_eq!(p.intent, Some(Intent::Quotes));
        assert_eq!(p.kind, Some(Kind::Quote));
        let words: Vec<&str> = p.terms.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["nato", "expansion"]);
        assert_eq!(p.boost_entities, ["NATO"]);
    }

    #[test]
    fn names_in_the_topic_boost_but_do_not_filter() {
        let (_, e) = ctx_names();
        let s = Names::from_names(vec!["Tony Blair".into(), "Iraq".into()]);
        let ctx = Context {
            speakers: &s,
            entities: &e,
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            quotes_in_period: None,
        };
        let p = understand("what did Blair say about Iraq", &ctx);
        assert_eq!(p.speakers, ["Tony Blair"]);
        assert_eq!(p.boost_entities, ["Iraq"]);
        assert!(p.terms.iter().any(|t| t.word == "iraq"));
    }

    #[test]
    fn time_expressions_become_filters() {
        let p = plan("what did Blair say about Iraq in 2005");
        assert_eq!(p.speakers, ["Tony Blair"]);
        assert_eq!(p.since, NaiveDate::from_ymd_opt(2005, 1, 1));
        assert_eq!(p.until, NaiveDate::from_ymd_opt(2005, 12, 31));
        let p = plan("Clinton emails since March 2016");
        assert_eq!(p.since, NaiveDate::from_ymd_opt(2016, 3, 1));
        assert_eq!(p.until, None);
        assert_eq!(p.boost_entities, ["Hillary Clinton"]);
        let p = plan("nato between 2015 and 2016");
        assert_eq!(
            (p.since, p.until),
            (
                NaiveDate::from_ymd_opt(2015, 1, 1),
                NaiveDate::from_ymd_opt(2016, 12, 31)
            )
        );
        let p = plan("oil before 2005");
        assert_eq!(p.until, NaiveDate::from_ymd_opt(2004, 12, 31));
        let p = plan("Putin remarks last year");
        assert_eq!(p.since, NaiveDate::from_ymd_opt(2025, 1, 1));
        let p = plan("talks in February 2022");
        assert_eq!(
            (p.since, p.until),
            (
                NaiveDate::from_ymd_opt(2022, 2, 1),
                NaiveDate::from_ymd_opt(2022, 2, 28)
            )
        );
    }

    #[test]
    fn acronyms_fold_only_in_capitals() {
        let p = plan("U.S. aid");
        assert_eq!(
            p.terms[0].forms,
            vec![
                vec!["u".to_string(), "s".to_string()],
                vec!["unit".to_string(), "state".to_string()]
            ]
        );
        let p = plan("tell us more");
        assert!(p.terms.iter().all(|t| t.word != "us"));
    }

    #[test]
    fn capitals_only_questions_keep_function_words_out() {
        let p = plan("REJECTION BY PRINCE SIHANOUK OF ALL FURTHER U.S . AID TO HIS NATION .");
        let words: Vec<&str> = p.terms.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(
            words,
            ["rejection", "prince", "sihanouk", "u.s", "aid", "nation"]
        );
        assert_eq!(
            p.terms[3].forms.len(),
            2,
            "U.S still reads as United States"
        );
        let p = plan("WHEAT DEALS INVOLVING THE UNITED STATES, RUSSIA AND CANADA .");
        assert_eq!(
            p.mode,
            Mode::Natural,
            "AND in capitals is a word, not an operator"
        );
        let p = plan("SPAIN'S RELAXATION OF CONTROLS");
        assert_eq!(p.terms[0].forms, vec![vec!["spain".to_string()]]);
    }

    #[test]
    fn relative_dates_in_descriptions_do_not_filter() {
        let p = plan("precarious truce in Laos agreed by 14 nations in Geneva last year");
        assert_eq!((p.since, p.until), (None, None));
        assert!(
            p.notes.iter().any(|n| n.contains("last year")),
            "{:?}",
            p.notes
        );
        // Short questions and quote requests still filter.
        let p = plan("Laos truce last year");
        assert_eq!(p.since, NaiveDate::from_ymd_opt(2025, 1, 1));
        let p = plan("what did Blair say about the Geneva truce in Laos last year");
        assert_eq!(p.since, NaiveDate::from_ymd_opt(2025, 1, 1));
        // Calendar dates filter whatever the length.
        let p = plan("precarious truce in Laos agreed by 14 nations in Geneva in 1962");
        assert_eq!(p.until, NaiveDate::from_ymd_opt(1962, 12, 31));
    }

    #[test]
    fn syntax_is_detected() {
        assert!(is_syntax("speaker:putin nato"));
        assert!(is_syntax("\"nato expansion\""));
        assert!(is_syntax("nato -ukraine"));
        assert!(!is_syntax("Putin quotes about NATO expansion"));
        assert!(!is_syntax("what: no field"));
    }

    #[test]
    fn a_speaker_clause_asks_for_quotes() {
        for q in [
            "speaker:\"tony blair\" war",
            "war +speaker:blair",
            "(speaker:blair) iraq",
        ] {
            let p = plan(q);
            assert_eq!((p.mode, p.kind), (Mode::Syntax, Some(Kind::Quote)), "{q}");
        }
        for q in ["-speaker:blair war", "speaker:blair OR war", "title:war"] {
            assert_eq!(plan(q).kind, None, "{q}");
        }
    }

    #[test]
    fn near_miss_speaker_suggests() {
        let p = plan("Putn quotes about nato");
        assert!(
            p.notes.iter().any(|n| n.contains("Vladimir Putin")),
            "{:?}",
            p.notes
        );
    }

    #[test]
    fn period_arguments() {
        assert_eq!(
            parse_period("2016").map(|p| p.last),
            NaiveDate::from_ymd_opt(2016, 12, 31)
        );
        assert_eq!(
            parse_period("2016-02").map(|p| p.last),
            NaiveDate::from_ymd_opt(2016, 2, 29)
        );
        assert_eq!(
            parse_period("2022-12").map(|p| p.last),
            NaiveDate::from_ymd_opt(2022, 12, 31)
        );
        for bad in [
            "2022-13-45",
            "2022-13",
            "22",
            "2022-1-1",
            "x",
            "",
            "2022-02-30",
        ] {
            assert!(parse_period(bad).is_none(), "{bad}");
        }
        assert!(parse_period("20x6").is_none());
        assert!(parse_period("99999").is_none());
    }
}
