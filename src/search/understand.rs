//! Query understanding: reads a query — field syntax or a plain-English question such as
//! "Putin quotes about NATO expansion" — into a [`Plan`]: filters (speaker, entity, dates,
//! kind), topic terms, and how each was recognised. The plan is what `--explain` prints.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::search::vocab::Names;

/// Which kind of hit a search returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Quote,
    Article,
}

/// One topic word and the token sequences that count as it (each a phrase when longer
/// than one token): the word's stem, aliases ("U.S." = "united states"), word family.
#[derive(Debug, Clone, Serialize)]
pub struct TopicTerm {
    pub word: String,
    pub forms: Vec<Vec<String>>,
    /// Same-family words found in the index ("expand" for "expansion"): weaker matches.
    pub expansions: Vec<String>,
}

/// How a query was understood.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    /// `natural` (plain English) or `syntax` (field syntax handed to the query parser).
    pub mode: &'static str,
    /// The query-parser text, in syntax mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub syntax: Option<String>,
    pub terms: Vec<TopicTerm>,
    /// Speaker filter: canonical names (any of them).
    pub speakers: Vec<String>,
    /// A `--speaker` flag was given: filter even when no name matched (so nothing is found).
    #[serde(skip)]
    pub speakers_required: bool,
    /// Entity filter: canonical names (any of them).
    pub entities: Vec<String>,
    #[serde(skip)]
    pub entities_required: bool,
    /// Names recognised in a question without a speech intent: they boost, not filter.
    pub boost_entities: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Where the date filter came from (`query` text or `flag`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates_from: Option<&'static str>,
    pub kind: Option<Kind>,
    /// `quotes` when the question asks what someone said.
    pub intent: Option<&'static str>,
    /// Things the reader should know: "did you mean", relaxed filters, parse errors.
    pub notes: Vec<String>,
}

/// What query understanding needs to know about the archive.
pub struct Context<'a> {
    pub speakers: &'a Names,
    pub entities: &'a Names,
    pub today: NaiveDate,
}

const FIELDS: &[&str] = &[
    "speaker", "entity", "title", "body", "quote", "context", "date", "source", "kind", "id",
];

const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "for",
    "and",
    "or",
    "what",
    "did",
    "does",
    "do",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "by",
    "with",
    "from",
    "at",
    "as",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "how",
    "why",
    "when",
    "who",
    "whom",
    "which",
    "has",
    "have",
    "had",
    "any",
    "all",
    "me",
    "my",
    "show",
    "find",
    "give",
    "i",
    "we",
    "their",
    "his",
    "her",
    "there",
    "into",
    "than",
    "then",
    "so",
    "not",
    "no",
    "but",
    "if",
    "will",
    "would",
    "can",
    "could",
    "about",
    "on",
    "regarding",
    "over",
    "concerning",
    "re",
    "being",
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
    pub first: NaiveDate,
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

/// Finds one time expression in `words`; returns (since, until, start, len).
fn time_expression(
    words: &[String],
    today: NaiveDate,
) -> Option<(Option<NaiveDate>, Option<NaiveDate>, usize, usize)> {
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
                return Some((Some(p.first), Some(q.last), i, n + m + 2));
            }
            let (since, until) = match w {
                "in" | "during" => (Some(p.first), Some(p.last)),
                "since" | "from" => (Some(p.first), None),
                "after" => (p.last.succ_opt(), None),
                "before" => (None, p.first.pred_opt()),
                _ => (None, Some(p.last)),
            };
            return Some((since, until, i, n + 1));
        }
        // Relative expressions stand on their own: "Putin quotes last year".
        if matches!(w, "last" | "this" | "past" | "yesterday" | "today")
            && let Some((p, n)) = period_at(words, i, today)
        {
            return Some((Some(p.first), Some(p.last), i, n));
        }
    }
    None
}

/// True when the query uses field syntax, phrases or boolean operators.
pub fn is_syntax(query: &str) -> bool {
    if query.contains('"') || query.contains('(') {
        return true;
    }
    query.split_whitespace().any(|w| {
        matches!(w, "AND" | "OR" | "NOT")
            || (w.len() > 1 && (w.starts_with('-') || w.starts_with('+')))
            || w.split_once(':').is_some_and(|(f, _)| FIELDS.contains(&f))
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
            let t = t
                .strip_suffix("'s")
                .or_else(|| t.strip_suffix("’s"))
                .unwrap_or(t);
            let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            (!t.is_empty()).then(|| (t.to_lowercase(), t.to_string()))
        })
        .collect()
}

/// Understands a plain-English question. Syntax-mode queries are handed over as they are.
pub fn understand(query: &str, ctx: &Context) -> Plan {
    let mut plan = Plan {
        mode: "natural",
        ..Plan::default()
    };
    if is_syntax(query) {
        plan.mode = "syntax";
        plan.syntax = Some(query.to_string());
        return plan;
    }
    let mut ws = words(query);
    // "according to" is one intent.
    let mut i = 0;
    while i + 1 < ws.len() {
        if ws[i].0 == "according" && ws[i + 1].0 == "to" {
            plan.intent = Some("quotes");
            ws.drain(i..i + 2);
        } else {
            i += 1;
        }
    }
    let lower: Vec<String> = ws.iter().map(|w| w.0.clone()).collect();
    if let Some((since, until, start, len)) = time_expression(&lower, ctx.today) {
        plan.since = since;
        plan.until = until;
        plan.dates_from = Some("query");
        ws.drain(start..start + len);
    }
    ws.retain(|(w, _)| {
        if INTENT.contains(&w.as_str()) {
            plan.intent = Some("quotes");
            false
        } else {
            true
        }
    });
    // Names the archive knows, longest first.
    let mut rest: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    'outer: while i < ws.len() {
        for n in (1..=4.min(ws.len() - i)).rev() {
            let slice: Vec<&str> = ws[i..i + n].iter().map(|w| w.0.as_str()).collect();
            if n == 1 && (STOP.contains(&slice[0]) || slice[0].len() < 3) {
                break;
            }
            let speakers = ctx.speakers.lookup(&slice);
            let found: Vec<String> = if !speakers.is_empty() && plan.intent.is_some() {
                plan.speakers.extend(speakers.iter().map(|s| s.to_string()));
                i += n;
                continue 'outer;
            } else if !speakers.is_empty() {
                speakers.iter().map(|s| s.to_string()).collect()
            } else {
                ctx.entities
                    .lookup(&slice)
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            };
            if !found.is_empty() {
                plan.boost_entities.extend(found);
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

fn analyze(text: &str) -> Vec<String> {
    let mut analyzer = crate::index::schema::stemmed_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = tantivy::tokenizer::TokenStream::next(&mut stream) {
        out.push(t.text.clone());
    }
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
        };
        understand(q, &ctx)
    }

    #[test]
    fn speaker_intent_topic() {
        let p = plan("Putin quotes about NATO expansion");
        assert_eq!(p.speakers, ["Vladimir Putin"]);
        assert_eq!(p.intent, Some("quotes"));
        assert_eq!(p.kind, Some(Kind::Quote));
        let words: Vec<&str> = p.terms.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["nato", "expansion"]);
        assert_eq!(p.boost_entities, ["NATO"]);
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
    fn syntax_is_detected() {
        assert!(is_syntax("speaker:putin nato"));
        assert!(is_syntax("\"nato expansion\""));
        assert!(is_syntax("nato -ukraine"));
        assert!(!is_syntax("Putin quotes about NATO expansion"));
        assert!(!is_syntax("what: no field"));
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
        assert!(parse_period("2022-13-45").is_none());
        assert!(parse_period("20x6").is_none());
        assert!(parse_period("99999").is_none());
    }
}
