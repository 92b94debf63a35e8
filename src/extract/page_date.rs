//! A web page's publication date, chosen among the dates the page states
//! ([`Record::page_dates`]): each candidate has a cue (where it was found), and cues are tried
//! most reliable first — publication metadata, the page's URL, a byline, the text around the
//! headline, `<time>` elements, the modification date, a byline before the headline (a site's
//! header bar shows today's date there; htmldate/: 2 more pages right on the development half,
//! none moved on the check half), a date the page states about itself in its text or
//! boilerplate ("Stand: 09.10.2017", "Diese Seite wurde zuletzt am … bearbeitet"; see
//! `statement_in`), any date in the text, then last resorts
//! (a byline inside a footer or share bar, the main image's path, any date in a footer's or an
//! aside's text, then in a sidebar's, then in a link to the page itself). Sanity checks: a date from
//! the URL or the text is never after the page's modification date, a date in running text that an
//! "updated" word introduces comes after every other date in that text, and text dates before
//! 1990 are not web publication dates.
//!
//! Dates in running text ([`dates_in`]): `12 March 2019`, `March 12, 2019`, `12. März 2019`,
//! `12 de marzo de 2019` (month names of `date_words/months.txt`), `12.03.2019`, `12.03.19`,
//! `4. 2. 2022`,
//! `2019-03-12`, `2019/03/12`, `03/12/2019` (month first unless the first number is over 12).

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::article::{DateCue, DateSource, PageDate, PubDate, Record};
use crate::extract::date::{DateValue, parse_date};

/// Text dates before this year are history the page talks about, not its publication.
const MIN_TEXT_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("date_words/months.txt").lines() {
        let mut words = line.split_whitespace();
        let Some(Ok(n)) = words.next().filter(|w| !w.starts_with('#')).map(str::parse) else {
            continue;
        };
        for w in words {
            map.insert(w.to_string(), n);
        }
    }
    map
});

fn phrases(text: &'static str) -> Vec<&'static str> {
    super::word_list::entries(text).collect()
}

static UPDATED: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| phrases(include_str!("date_words/updated.txt")));
static PUBLISHED: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| phrases(include_str!("date_words/published.txt")));

/// A month name in any of the listed languages (a trailing full stop allowed).
fn month_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.get(&w).copied()
}

/// What a date in running text is introduced by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lead {
    /// "Veröffentlicht am", "Published", "Posted on".
    Published,
    /// No telling word.
    Plain,
    /// "Updated", "aktualisiert", "Stand:".
    Updated,
}

/// A date found in running text, with its byte position and what introduced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextDate {
    /// The date.
    pub date: NaiveDate,
    /// Byte offset of the date in the text searched.
    pub at: usize,
    /// What introduced it.
    pub lead: Lead,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// Digits, how many, and the byte range.
    Num(u32, usize),
    Word(&'a str),
    /// One punctuation character.
    Punct(char),
}

/// Tokens of `s` with their byte starts; whitespace separates, every other character that is
/// neither letter nor digit is its own token.
fn tokens(s: &str) -> Vec<(usize, Tok<'_>)> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                it.next();
            }
            let digits = s.get(i..end).unwrap_or("");
            if digits.len() <= 4
                && let Ok(n) = digits.parse()
            {
                out.push((i, Tok::Num(n, digits.len())));
            } else {
                out.push((i, Tok::Punct('#')));
            }
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            out.push((i, Tok::Word(s.get(i..end).unwrap_or(""))));
        } else if !c.is_whitespace() {
            out.push((i, Tok::Punct(c)));
        }
    }
    out
}

fn full_year(n: u32, len: usize) -> Option<i32> {
    match len {
        4 => Some(n as i32),
        2 => Some(if n <= 40 {
            2000 + n as i32
        } else {
            1900 + n as i32
        }),
        _ => None,
    }
}

/// A date starting at token `k`, and how many tokens it spans.
fn date_at(t: &[(usize, Tok<'_>)], k: usize) -> Option<(NaiveDate, usize)> {
    let tok = |i: usize| t.get(i).map(|x| x.1);
    let num = |i: usize| match tok(i) {
        Some(Tok::Num(n, len)) => Some((n, len)),
        _ => None,
    };
    let punct = |i: usize| match tok(i) {
        Some(Tok::Punct(c)) => Some(c),
        _ => None,
    };
    let word = |i: usize| match tok(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    };
    let ordinal =
        |i: usize| word(i).is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th" | "er" | "e"));
    let ymd = |y: i32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y, m, d).filter(|d| (MIN_TEXT_YEAR..=MAX_YEAR).contains(&d.year()))
    };
    // A number may not continue another number ("1.12.03.2019", "v2.3.2019").
    let prev_glued = k > 0
        && matches!(tok(k - 1), Some(Tok::Punct('.' | '/' | '-' | ':' | ',')))
        && matches!(tok(k.wrapping_sub(2)), Some(Tok::Num(..)))
        && t.get(k - 1).map(|x| x.0 + 1) == t.get(k).map(|x| x.0);
    if prev_glued {
        return None;
    }
    if let Some((a, alen)) = num(k) {
        // Numeric: a SEP b SEP c, the same separator twice, written without spaces.
        if let (Some(s1), Some((b, blen)), Some(s2), Some((c, clen))) =
            (punct(k + 1), num(k + 2), punct(k + 3), num(k + 4))
        {
            let glued = |i: usize| {
                let end = t.get(i).map(|x| {
                    x.0 + match x.1 {
                        Tok::Num(_, l) => l,
                        Tok::Word(w) => w.len(),
                        Tok::Punct(c) => c.len_utf8(),
                    }
                });
                end == t.get(i + 1).map(|x| x.0)
            };
            let tight = (k..k + 4).all(glued);
            // German "4. 2. 2022": each full stop on its number, a space after it.
            let spaced = s1 == '.'
                && s2 == '.'
                && alen <= 2
                && blen <= 2
                && clen == 4
                && glued(k)
                && glued(k + 2);
            let trailing_num = matches!(punct(k + 5), Some('.' | '/' | '-'))
                && num(k + 6).is_some()
                && t.get(k + 5).map(|x| x.0) == t.get(k + 4).map(|x| x.0 + clen);
            if (tight || spaced) && s1 == s2 && matches!(s1, '.' | '/' | '-') && !trailing_num {
                if alen == 4 && blen <= 2 && clen <= 2 {
                    return ymd(a as i32, b, c).map(|d| (d, 5));
                }
                if alen <= 2 && blen <= 2 {
                    let y = full_year(c, clen)?;
                    if clen == 2 && s1 != '.' {
                        return None;
                    }
                    let (d, m) = if s1 == '/' && a <= 12 { (b, a) } else { (a, b) };
                    let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
                    return ymd(y, m, d).map(|x| (x, 5));
                }
            }
            return None;
        }
        // "12 March 2019", "12. März 2019", "12th March, 2019", "12 de marzo de 2019".
        if alen <= 2 {
            let mut i = k + 1;
            if punct(i) == Some('.') || ordinal(i) {
                i += 1;
            }
            if word(i) == Some("de") {
                i += 1;
            }
            let m = word(i).and_then(month_name)?;
            i += 1;
            if punct(i) == Some('.') {
                i += 1;
            }
            if punct(i) == Some(',') || word(i) == Some("de") {
                i += 1;
            }
            let (y, ylen) = num(i)?;
            if ylen != 4 {
                return None;
            }
            return ymd(y as i32, m, a).map(|d| (d, i + 1 - k));
        }
        return None;
    }
    // "March 12, 2019", "Mar. 12th 2019".
    let m = word(k).and_then(month_name)?;
    let mut i = k + 1;
    if punct(i) == Some('.') {
        i += 1;
    }
    let (d, dlen) = num(i)?;
    if dlen > 2 {
        return None;
    }
    i += 1;
    if ordinal(i) {
        i += 1;
    }
    if punct(i) == Some(',') {
        i += 1;
    }
    let (y, ylen) = num(i)?;
    if ylen != 4 {
        return None;
    }
    ymd(y as i32, m, d).map(|x| (x, i + 1 - k))
}

/// What the few words before byte `at` of `s` say about the date there.
fn lead(s: &str, at: usize) -> Lead {
    let mut from = at.saturating_sub(40);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let before = s.get(from..at).unwrap_or("").to_lowercase();
    // Only the words since the last date-free sentence break count.
    let before = before.rsplit(['|', '•', '·', '\n']).next().unwrap_or("");
    let has = |list: &[&str]| {
        list.iter().any(|p| {
            before.match_indices(p).any(|(i, _)| {
                let start_ok = i == 0
                    || !before
                        .get(..i)
                        .and_then(|b| b.chars().next_back())
                        .is_some_and(char::is_alphanumeric);
                let end = i + p.len();
                let end_ok = !before
                    .get(end..)
                    .and_then(|a| a.chars().next())
                    .is_some_and(char::is_alphanumeric);
                start_ok && end_ok
            })
        })
    };
    if has(&UPDATED) {
        Lead::Updated
    } else if has(&PUBLISHED) {
        Lead::Published
    } else {
        Lead::Plain
    }
}

/// Every date written in `s`, in order.
pub fn dates_in(s: &str) -> Vec<TextDate> {
    let t = tokens(s);
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if let Some((date, span)) = date_at(&t, k) {
            let at = t.get(k).map_or(0, |x| x.0);
            out.push(TextDate {
                date,
                at,
                lead: lead(s, at),
            });
            k += span;
        } else {
            k += 1;
        }
    }
    out
}

/// The best date of running text: one introduced as the publication first, then a plain one,
/// then an updated one (the first of each kind).
fn best_in_text(s: &str) -> Option<NaiveDate> {
    let found = dates_in(s);
    found.iter().min_by_key(|d| (d.lead, d.at)).map(|d| d.date)
}

/// A date the page states about itself in running text or boilerplate: the first one a
/// publication word introduces, else the first one a revision word introduces ("Stand:
/// 09.10.2017", "Aktualisiert: 30.12.2016", "Updated: 2016-11-18"). On a page without a byline
/// or metadata, such a statement is its date, while plain dates in its text are mostly what the
/// text talks about ("seit 4. August 2014"; htmldate/: 4 pages more right, 2 / 2 by half, none
/// wrong).
fn statement_in(s: &str) -> Option<NaiveDate> {
    let found = dates_in(s);
    let first = |lead: Lead| found.iter().find(|d| d.lead == lead).map(|d| d.date);
    first(Lead::Published).or_else(|| first(Lead::Updated))
}

/// A full date in a URL's path: `/2019/03/12/`, `/2019-03-12-`, `/2020/oct/02/`, `/20190312/`,
/// day first `/29-10-2021` (the same separator twice).
fn url_date(url: &str) -> Option<NaiveDate> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let t = tokens(path);
    for k in 0..t.len() {
        let num = |i: usize| match t.get(i).map(|x| x.1) {
            Some(Tok::Num(n, len)) => Some((n, len)),
            _ => None,
        };
        let sep = |i: usize| matches!(t.get(i).map(|x| x.1), Some(Tok::Punct('/' | '-' | '_')));
        // Day first: `/meldungen/29-10-2021`.
        if let Some((d, 1..=2)) = num(k)
            && sep(k + 1)
            && let Some((m, 1..=2)) = num(k + 2)
            && sep(k + 3)
            && let Some((y, 4)) = num(k + 4)
            && t.get(k + 1).map(|x| x.1) == t.get(k + 3).map(|x| x.1)
            && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
            && (MIN_TEXT_YEAR..=MAX_YEAR).contains(&date.year())
        {
            return Some(date);
        }
        // The month as a number or a name (`/2020/oct/02/`).
        let month = |i: usize| match t.get(i).map(|x| x.1) {
            Some(Tok::Num(m, 1..=2)) => Some(m),
            Some(Tok::Word(w)) => month_name(w),
            _ => None,
        };
        let Some((y, 4)) = num(k) else { continue };
        if sep(k + 1)
            && let Some(m) = month(k + 2)
            && sep(k + 3)
            && let Some((d, 1..=2)) = num(k + 4)
            && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
            && (MIN_TEXT_YEAR..=MAX_YEAR).contains(&date.year())
        {
            return Some(date);
        }
    }
    // Eight digits in a row, read as YYYYMMDD.
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i - start == 8 {
            let n = |a: usize, z: usize| path.get(a..z).and_then(|x| x.parse::<u32>().ok());
            if let (Some(y), Some(m), Some(d)) = (
                n(start, start + 4),
                n(start + 4, start + 6),
                n(start + 6, i),
            ) && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
                && (MIN_TEXT_YEAR..=MAX_YEAR).contains(&date.year())
            {
                return Some(date);
            }
        }
    }
    None
}

/// A metadata value: a whole ISO / written date (keeping its time), else the first date in it.
fn metadata_value(s: &str) -> Option<DateValue> {
    parse_date(s).or_else(|| {
        dates_in(s)
            .first()
            .map(|d| DateValue::day(d.date))
            // A bare Unix time in seconds ("1552348800").
            .or_else(|| unix_seconds(s))
    })
}

fn unix_seconds(s: &str) -> Option<DateValue> {
    let s = s.trim();
    if s.len() != 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = s.parse().ok()?;
    chrono::DateTime::from_timestamp(secs, 0).map(|t| DateValue::day(t.date_naive()))
}

fn source_of(cue: DateCue) -> DateSource {
    match cue {
        DateCue::Published | DateCue::TimeElement | DateCue::Modified => DateSource::Metadata,
        DateCue::Url | DateCue::ImageUrl => DateSource::Url,
        DateCue::Byline
        | DateCue::BylineBeforeTitle
        | DateCue::NearTitle
        | DateCue::PageText
        | DateCue::MarkedBoilerplate
        | DateCue::BoilerplateText
        | DateCue::SidebarText
        | DateCue::OwnTeaser => DateSource::Text,
    }
}

fn value_of(c: &PageDate) -> Option<DateValue> {
    match c.cue {
        DateCue::Published | DateCue::TimeElement | DateCue::Modified => metadata_value(&c.text),
        DateCue::Url | DateCue::ImageUrl => url_date(&c.text).map(DateValue::day),
        DateCue::Byline
        | DateCue::BylineBeforeTitle
        | DateCue::NearTitle
        | DateCue::PageText
        | DateCue::MarkedBoilerplate
        | DateCue::BoilerplateText
        | DateCue::SidebarText
        | DateCue::OwnTeaser => best_in_text(&c.text).map(DateValue::day),
    }
}

/// The day the page shows in its header: the first byline's date, else the first date around
/// the headline, even when an "updated" word introduces it ("Updated June 13, 2019",
/// "Aktualisiert: 11.04.2020"): what a reader sees as the page's date is what its gold means
/// (htmldate/: of 125 pages whose first publication and modification metadata differ, the gold
/// is the publication day on 106 and the modification day on 17, 14 of them shown in the
/// header; reading updated header days moved 6 pages right and none wrong, 3 / 3 by half).
fn header_day(dates: &[PageDate]) -> Option<NaiveDate> {
    let shown = |cue: DateCue| {
        dates
            .iter()
            .filter(|c| c.cue == cue)
            .find_map(|c| dates_in(&c.text).into_iter().min_by_key(|d| (d.lead, d.at)))
            .map(|d| d.date)
    };
    shown(DateCue::Byline).or_else(|| shown(DateCue::NearTitle))
}

/// The header's day when it differs from `chosen` and another machine-readable date of the page
/// (publication or modification metadata, the URL or image path; not a `<time>`, which is
/// often the byline itself) states it: the value
/// of the most reliable such candidate. Pages show the day an article went out, while their
/// first metadata date is often a draft's, a re-publication's or another article's.
fn confirmed_header_day(dates: &[PageDate], chosen: NaiveDate) -> Option<PubDate> {
    let shown = header_day(dates).filter(|d| *d != chosen)?;
    let mut order: Vec<&PageDate> = dates
        .iter()
        .filter(|c| {
            matches!(
                c.cue,
                DateCue::Published | DateCue::Modified | DateCue::Url | DateCue::ImageUrl
            )
        })
        .collect();
    order.sort_by_key(|c| c.cue);
    order.into_iter().find_map(|c| {
        let v = value_of(c).filter(|v| v.date == shown)?;
        v.to_pub(source_of(c.cue))
    })
}

/// The publication date of a web page, or `None` when it states none.
pub fn publication_date(record: &Record) -> Option<PubDate> {
    choose(&record.page_dates)
}

/// The most reliable candidate that passes the sanity checks. A metadata instant in UTC one
/// day off the day in the page's own URL is the same moment in another time zone: the URL's day
/// (the site's local day) wins; an instant stated with the site's own offset is its own day
/// (`2020-02-19T18:37:32+01:00` under `/2020/02/18/`; htmldate/: 1 page more right, none
/// wrong: every page the shift was right for states its instant in UTC). The day a byline shows does not override it: bylines near the
/// headline often show today's date or a neighbouring teaser's (htmldate/: 6 more pages right
/// and 6 fewer wrong with the URL alone).
///
/// The day the header shows (a byline, else the text around the headline) beats the first
/// publication metadata when another machine-readable date of the page states it too
/// (htmldate/: 10 more pages right, 2 wrong).
///
/// Publication metadata is believed even when it is after the modification date: re-published
/// and scheduled posts carry a `dateModified` older than their `datePublished` (htmldate/: 14
/// more pages right without that bound). Weaker cues stay bounded by it.
pub fn choose(dates: &[PageDate]) -> Option<PubDate> {
    let modified = dates
        .iter()
        .filter(|c| c.cue == DateCue::Modified)
        .filter_map(value_of)
        .map(|v| v.date)
        .max();
    let mut order: Vec<&PageDate> = dates.iter().collect();
    order.sort_by_key(|c| c.cue);
    let believed = |c: &PageDate, v: DateValue| {
        let after_modified = !matches!(c.cue, DateCue::Published | DateCue::Modified)
            && modified.is_some_and(|m| v.date > m);
        (!after_modified).then_some((c.cue, v))
    };
    let header = order
        .iter()
        .filter(|c| c.cue < DateCue::PageText)
        .find_map(|c| believed(c, value_of(c)?));
    let statement = || {
        order
            .iter()
            .filter(|c| c.cue >= DateCue::PageText)
            .find_map(|c| believed(c, DateValue::day(statement_in(&c.text)?)))
    };
    let (cue, v) = header.or_else(statement).or_else(|| {
        order
            .iter()
            .filter(|c| c.cue >= DateCue::PageText)
            .find_map(|c| believed(c, value_of(c)?))
    })?;
    if let Some(shown) = confirmed_header_day(dates, v.date) {
        return Some(shown);
    }
    if v.time_in_utc() {
        let local_day = dates
            .iter()
            .filter(|c| c.cue == DateCue::Url)
            .filter_map(value_of)
            .find(|s| (s.date - v.date).num_days().abs() == 1);
        if let Some(day) = local_day {
            return day.to_pub(DateSource::Url);
        }
    }
    v.to_pub(source_of(cue))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> Option<String> {
        best_in_text(s).map(|d| d.to_string())
    }

    #[test]
    fn written_dates_in_european_languages() {
        for (s, want) in [
            ("Veröffentlicht am 12. März 2019 um 10:00", "2019-03-12"),
            ("By Jane Doe | March 12, 2019", "2019-03-12"),
            ("Posted on Mar. 12th, 2019", "2019-03-12"),
            ("publié le 12 mars 2019", "2019-03-12"),
            ("12 de marzo de 2019", "2019-03-12"),
            ("12 marzo 2019 - Roma", "2019-03-12"),
            ("12 maart 2019", "2019-03-12"),
            ("1st June 2020", "2020-06-01"),
            ("12 października 2021", "2021-10-12"),
            ("15 августа 2016, 13:43", "2016-08-15"),
            ("3 листопада 2021", "2021-11-03"),
            ("Publikováno 12. března 2019", "2019-03-12"),
        ] {
            assert_eq!(day(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn numeric_dates() {
        for (s, want) in [
            ("12.03.2019, 10:15 Uhr", "2019-03-12"),
            ("Stand 1.3.2019", "2019-03-01"),
            ("am 12.03.19 geschrieben", "2019-03-12"),
            ("2019-03-12", "2019-03-12"),
            ("2019/03/12", "2019-03-12"),
            ("03/12/2019", "2019-03-12"),
            ("25/12/2019", "2019-12-25"),
            (
                "Von Deutscher Tennis Bund 4.\u{2009}2.\u{2009}2022. Teamchef",
                "2022-02-04",
            ),
            ("am 12. 3. 2019", "2019-03-12"),
        ] {
            assert_eq!(day(s).as_deref(), Some(want), "{s}");
        }
        for s in [
            "version 1.2.3",
            "1.12.03.2019",
            "12 March",
            "phone 030/123/4567",
            "12.3.1850",
            "2019",
            "12 / 03 / 2019",
            "12 .3 .2019",
            "Kapitel 4. 2. 22",
        ] {
            assert_eq!(day(s), None, "{s}");
        }
    }

    #[test]
    fn published_before_plain_before_updated() {
        assert_eq!(
            day("Aktualisiert: 14.03.2019 | Erstellt: 12.03.2019").as_deref(),
            Some("2019-03-12")
        );
        assert_eq!(
            day("Updated March 14, 2019 · March 12, 2019").as_deref(),
            Some("2019-03-12")
        );
        assert_eq!(day("Updated March 14, 2019").as_deref(), Some("2019-03-14"));
    }

    #[test]
    fn statements_about_the_page() {
        let st = |s: &str| statement_in(s).map(|d| d.to_string());
        assert_eq!(
            st("Seit 4. August 2014 gilt das Gesetz. Aktualisiert: 30.12.2016").as_deref(),
            Some("2016-12-30")
        );
        assert_eq!(
            st("Stand: 09.10.2017 | erstellt am 01.10.2017").as_deref(),
            Some("2017-10-01")
        );
        assert_eq!(
            st("Diese Seite wurde zuletzt am 29. Januar 2020 um 11:25 Uhr bearbeitet.").as_deref(),
            Some("2020-01-29")
        );
        assert_eq!(
            st("Der nächste Stammtisch findet am Mi. 05.02.2020 statt"),
            None
        );
    }

    #[test]
    fn a_statement_beats_plain_dates_in_the_text() {
        let dates = [
            cand(
                "Der nächste Stammtisch findet am 05.02.2020 statt",
                DateCue::PageText,
            ),
            cand(
                "Diese Seite wurde zuletzt am 29.01.2020 bearbeitet",
                DateCue::BoilerplateText,
            ),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2020-01-29");
        assert_eq!(choose(&dates[..1]).unwrap().display, "2020-02-05");
        // A byline or the modification metadata still beats it.
        let statement = dates[1].clone();
        let byline = cand("Posted 3 January 2020", DateCue::Byline);
        assert_eq!(
            choose(&[statement.clone(), byline]).unwrap().display,
            "2020-01-03"
        );
        let modified = cand("2020-01-10", DateCue::Modified);
        assert_eq!(
            choose(&[statement, modified]).unwrap().display,
            "2020-01-10"
        );
    }

    #[test]
    fn url_dates() {
        for (u, want) in [
            ("https://x.com/2019/03/12/story.html", Some("2019-03-12")),
            ("https://x.com/news/2019-03-12-story", Some("2019-03-12")),
            ("https://x.com/a/20190312/b.html", Some("2019-03-12")),
            ("https://x.org/meldungen/29-10-2021", Some("2021-10-29")),
            (
                "https://x.com/education/2020/oct/02/halls",
                Some("2020-10-02"),
            ),
            ("https://x.com/2020/page/02/", None),
            ("https://x.org/v/1-2_2021", None),
            ("https://x.com/2019/03/story", None),
            ("https://x.com/story-123456789", None),
        ] {
            assert_eq!(url_date(u).map(|d| d.to_string()).as_deref(), want, "{u}");
        }
    }

    fn cand(text: &str, cue: DateCue) -> PageDate {
        PageDate {
            text: text.into(),
            cue,
        }
    }

    #[test]
    fn most_reliable_cue_wins_and_modified_bounds_it() {
        let dates = [
            cand("Posted 1 May 2018", DateCue::Byline),
            cand("https://x.com/2018/04/30/a", DateCue::Url),
            cand("2018-05-03T10:00:00+02:00", DateCue::Published),
        ];
        let p = choose(&dates).unwrap();
        assert_eq!(
            (p.display.as_str(), p.source),
            ("2018-05-03T10:00:00+02:00", DateSource::Metadata)
        );
        let p = choose(&dates[..2]).unwrap();
        assert_eq!(
            (p.display.as_str(), p.source),
            ("2018-04-30", DateSource::Url)
        );
        // A byline or URL date after the modification date is not believed; publication
        // metadata is (a re-published post).
        let dates = [
            cand("https://x.com/2020/01/01/a", DateCue::Url),
            cand("2018-05-04", DateCue::Modified),
            cand("Posted 1 May 2018", DateCue::Byline),
        ];
        let p = choose(&dates).unwrap();
        assert_eq!(
            (p.display.as_str(), p.source),
            ("2018-05-01", DateSource::Text)
        );
        let dates = [
            cand("2020-01-01", DateCue::Published),
            cand("2018-05-04", DateCue::Modified),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2020-01-01");
        // The URL's day beats an instant in another zone; a byline's does not.
        let dates = [
            cand("2018-05-03T23:30:00Z", DateCue::Published),
            cand("https://x.com/2018/05/04/a", DateCue::Url),
        ];
        let p = choose(&dates).unwrap();
        assert_eq!(
            (p.display.as_str(), p.source),
            ("2018-05-04", DateSource::Url)
        );
        // An instant stated in the site's own zone is that zone's day.
        let dates = [
            cand("2020-02-19T18:37:32+01:00", DateCue::Published),
            cand("https://x.com/2020/02/18/a", DateCue::Url),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2020-02-19T18:37:32+01:00");
        let dates = [
            cand("2018-05-03T23:30:00Z", DateCue::Published),
            cand("Posted 4 May 2018", DateCue::Byline),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2018-05-03T23:30:00Z");
        // The byline's day wins when other metadata confirms it, also when "updated"
        // introduces it; alone, or confirmed only by a <time> (often the byline itself), it
        // does not.
        let dates = [
            cand("2021-03-16T16:16:10Z", DateCue::Published),
            cand("2021-03-20T09:00:00Z", DateCue::Modified),
            cand("Posted March 20, 2021", DateCue::Byline),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2021-03-20T09:00:00Z");
        assert_eq!(
            choose(&[dates[0].clone(), dates[2].clone()])
                .unwrap()
                .display,
            "2021-03-16T16:16:10Z"
        );
        let dates = [
            dates[0].clone(),
            cand("2021-03-20", DateCue::TimeElement),
            cand("Posted March 20, 2021", DateCue::Byline),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2021-03-16T16:16:10Z");
        let dates = [
            cand("2021-03-16T16:16:10Z", DateCue::Published),
            cand("2021-03-20T09:00:00Z", DateCue::Modified),
            cand("Updated March 20, 2021", DateCue::Byline),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2021-03-20T09:00:00Z");
        // A byline before the headline is weaker than a <time> or the modification date, and
        // still a date when the page has nothing better.
        let dates = [
            cand(
                "lun. 5 août 2019 Édition du matin",
                DateCue::BylineBeforeTitle,
            ),
            cand("2019-06-27T10:00:00+02:00", DateCue::TimeElement),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2019-06-27T10:00:00+02:00");
        assert_eq!(choose(&dates[..1]).unwrap().display, "2019-08-05");
        // Last resorts only when nothing else states a date.
        let dates = [
            cand("https://x.com/files/2016/05/04/a.png", DateCue::ImageUrl),
            cand(
                "Dieser Artikel wurde am 3. Mai 2016 veröffentlicht",
                DateCue::MarkedBoilerplate,
            ),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2016-05-03");
        assert_eq!(choose(&dates[..1]).unwrap().display, "2016-05-04");
        let dates = [
            dates[0].clone(),
            cand("Posted 1 May 2016", DateCue::PageText),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2016-05-01");
        let p = choose(&[cand("2018-05-04", DateCue::Modified)]).unwrap();
        assert_eq!(p.display, "2018-05-04");
        // A sidebar's text is the very last resort.
        let sidebar = cand("Mise en ligne 23 mai 2019", DateCue::SidebarText);
        assert_eq!(
            choose(std::slice::from_ref(&sidebar)).unwrap().display,
            "2019-05-23"
        );
        let dates = [
            sidebar,
            cand("Copyright © 19.12.2019", DateCue::BoilerplateText),
        ];
        assert_eq!(choose(&dates).unwrap().display, "2019-12-19");
        let teaser = cand("10.11.2021 Menschenrechte achten", DateCue::OwnTeaser);
        assert_eq!(
            choose(&[teaser.clone(), dates[0].clone()]).unwrap().display,
            "2019-05-23"
        );
        assert_eq!(choose(&[teaser]).unwrap().display, "2021-11-10");
        assert_eq!(choose(&[cand("no date here", DateCue::PageText)]), None);
        assert_eq!(choose(&[]), None);
    }

    proptest! {
        #[test]
        fn any_text_never_panics(s in any::<String>()) {
            let _ = dates_in(&s);
            let _ = url_date(&s);
            let _ = metadata_value(&s);
        }

        #[test]
        fn datey_text_never_panics(s in "[0-9a-zA-Zä .,/\\-:|]{0,60}") {
            for d in dates_in(&s) {
                prop_assert!(s.is_char_boundary(d.at));
            }
        }
    }
}
