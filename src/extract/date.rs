//! Publication dates: metadata > header > dateline > path or file name. Never invented. (Web
//! pages choose among the dates they state in `page_date`.)
//!
//! Parses ISO 8601 / RFC 3339, RFC 2822, the Reuters-21578 form (`26-FEB-1987 15:01:01.79`)
//! and written dates (`Feb. 1, 2022`, `1 February 2022`). Anything doubtful (a year outside
//! 1800..=2100, month 13, `0000-00-00`, words such as "tomorrow", a dateline without any year
//! to go by) is unknown rather than a guess.
//! (`--since`/`--until` arguments are read by `search::understand::parse_period`.)

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};

use crate::article::{DateSource, PubDate, Record};

const MIN_YEAR: i32 = 1800;
const MAX_YEAR: i32 = 2100;

/// The record's publication date, or `None` when nothing states one.
pub fn publication_date(record: &Record) -> Option<PubDate> {
    if !record.page_dates.is_empty() {
        return crate::extract::page_date::publication_date(record);
    }
    if let Some(raw) = &record.date_meta
        && let Some(d) = parse_date(&raw.text)
    {
        return d.to_pub(raw.origin);
    }
    let year_hint = || {
        record
            .date_meta
            .as_ref()
            .and_then(|m| year_in(&m.text))
            .or_else(|| path_year(&record.path))
    };
    let dateline = match &record.dateline {
        Some(d) => Some(d.as_str()),
        None => body_dateline(&record.body),
    };
    if let Some(date) = dateline.and_then(|d| parse_dateline(d, year_hint)) {
        return DateValue { date, time: None }.to_pub(DateSource::Dateline);
    }
    path_date(&record.path).and_then(|date| DateValue { date, time: None }.to_pub(DateSource::Path))
}

/// A parsed date with its time of day and offset when stated (`None` offset = stated without
/// a zone, taken as UTC; `zulu` = written `Z`/`UTC`/`GMT`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DateValue {
    pub(crate) date: NaiveDate,
    time: Option<(NaiveTime, Option<Zone>)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Zone {
    offset: FixedOffset,
    zulu: bool,
}

impl DateValue {
    /// A day without a time.
    pub(crate) fn day(date: NaiveDate) -> Self {
        DateValue { date, time: None }
    }

    /// Whether a time of day was stated in UTC (`Z`, `+00:00`) or without a zone: an instant
    /// whose day in the site's own zone may be the one before or after.
    pub(crate) fn time_in_utc(&self) -> bool {
        matches!(self.time, Some((_, zone)) if zone.is_none_or(|z| z.offset.local_minus_utc() == 0))
    }

    pub(crate) fn to_pub(self, source: DateSource) -> Option<PubDate> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&self.date.year()) {
            return None;
        }
        match self.time {
            None => {
                let utc = Utc.from_utc_datetime(&self.date.and_time(NaiveTime::MIN));
                Some(PubDate {
                    utc,
                    display: self.date.format("%Y-%m-%d").to_string(),
                    source,
                })
            }
            Some((time, zone)) => {
                let zone = zone.unwrap_or(Zone {
                    offset: FixedOffset::east_opt(0)?,
                    zulu: true,
                });
                let dt: DateTime<FixedOffset> = zone
                    .offset
                    .from_local_datetime(&self.date.and_time(time))
                    .single()?;
                let display = dt.to_rfc3339_opts(SecondsFormat::AutoSi, zone.zulu);
                Some(PubDate {
                    utc: dt.with_timezone(&Utc),
                    display,
                    source,
                })
            }
        }
    }
}

/// A date string from metadata or a header: ISO 8601 / RFC 3339 first, then written forms.
pub(crate) fn parse_date(s: &str) -> Option<DateValue> {
    let s = s.trim();
    if s.is_empty() || s.len() > 120 {
        return None;
    }
    let v = iso(s).or_else(|| written(s))?;
    (MIN_YEAR..=MAX_YEAR).contains(&v.date.year()).then_some(v)
}

/// Reads `n` ASCII digits at `*i`.
fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<u32> {
    let start = *i;
    while *i < b.len() && *i - start < max && b.get(*i).is_some_and(u8::is_ascii_digit) {
        *i += 1;
    }
    if *i - start < min {
        return None;
    }
    std::str::from_utf8(b.get(start..*i)?).ok()?.parse().ok()
}

/// ISO 8601 / RFC 3339: `2022-02-01`, `2022/02/01`, `20220201`, with an optional time
/// (`T` or space) and zone (`Z`, `+03:00`, `+0300`, `UTC`, ...). Trailing text is refused.
fn iso(s: &str) -> Option<DateValue> {
    let b = s.as_bytes();
    let mut i = 0;
    let year = digits(b, &mut i, 4, 4)? as i32;
    let (month, day) = match b.get(i) {
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            i += 1;
            let m = digits(b, &mut i, 1, 2)?;
            if b.get(i) != Some(&sep) {
                return None;
            }
            i += 1;
            (m, digits(b, &mut i, 1, 2)?)
        }
        Some(c) if c.is_ascii_digit() => {
            let m = digits(b, &mut i, 2, 2)?;
            (m, digits(b, &mut i, 2, 2)?)
        }
        _ => return None,
    };
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let rest = s.get(i..)?;
    if rest.trim().is_empty() {
        return Some(DateValue { date, time: None });
    }
    let t = rest
        .strip_prefix(['T', 't'])
        .or_else(|| rest.strip_prefix(' ').map(str::trim_start))?;
    let (time, after) = clock(t, true)?;
    let after = after.trim();
    if after.is_empty() {
        return Some(DateValue {
            date,
            time: Some((time, None)),
        });
    }
    let zone = zone(after)?;
    Some(DateValue {
        date,
        time: Some((time, Some(zone))),
    })
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` (also `HHMMSS` right after an ISO `T`) at the start of
/// `s`; returns the time and the rest.
fn clock(s: &str, compact_ok: bool) -> Option<(NaiveTime, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    let h = digits(b, &mut i, 1, 2)?;
    let compact = compact_ok && i == 2 && b.get(i).is_some_and(u8::is_ascii_digit);
    if !compact && b.get(i) != Some(&b':') {
        return None;
    }
    if !compact {
        i += 1;
    }
    let m = digits(b, &mut i, 2, 2)?;
    let mut sec = 0;
    let mut nano = 0;
    let has_sec = if compact {
        b.get(i).is_some_and(u8::is_ascii_digit)
    } else if b.get(i) == Some(&b':') {
        i += 1;
        true
    } else {
        false
    };
    if has_sec {
        sec = digits(b, &mut i, 2, 2)?;
        if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let frac = s.get(start..i)?;
            let padded: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
            nano = padded.parse().ok()?;
        }
    }
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let rest = s.get(i..)?;
    // 12-hour clock.
    let trimmed = rest.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    for (suffix, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(after) = lower.strip_prefix(suffix)
            && !after.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            if !(1..=12).contains(&h) {
                return None;
            }
            let h24 = (h % 12) + if pm { 12 } else { 0 };
            let t = NaiveTime::from_hms_nano_opt(h24, m, sec, nano)?;
            return Some((t, trimmed.get(suffix.len()..)?));
        }
    }
    Some((NaiveTime::from_hms_nano_opt(h, m, sec, nano)?, rest))
}

/// A zone: `Z`, `UTC`, `GMT`, `+03:00`, `+0300`, `+03`, or a common North American / European
/// abbreviation. The whole string must be the zone.
fn zone(s: &str) -> Option<Zone> {
    let s = s.trim();
    let named = |h: i32, zulu: bool| {
        Some(Zone {
            offset: FixedOffset::east_opt(h * 3600)?,
            zulu,
        })
    };
    match s.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" | "UT" => return named(0, true),
        "EST" => return named(-5, false),
        "EDT" | "AST" => return named(-4, false),
        "CST" => return named(-6, false),
        "CDT" => return named(-5, false),
        "MST" => return named(-7, false),
        "MDT" => return named(-6, false),
        "PST" => return named(-8, false),
        "PDT" => return named(-7, false),
        "BST" | "CET" => return named(1, false),
        "CEST" | "EET" => return named(2, false),
        "EEST" | "MSK" => return named(3, false),
        _ => {}
    }
    let s = s
        .strip_prefix("UTC")
        .or_else(|| s.strip_prefix("GMT"))
        .unwrap_or(s);
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, s.get(1..)?),
        b'-' | 0xe2 => (-1, s.strip_prefix('-').or_else(|| s.strip_prefix('−'))?),
        _ => return None,
    };
    let b = rest.as_bytes();
    let mut i = 0;
    let h = digits(b, &mut i, 2, 2)? as i32;
    if b.get(i) == Some(&b':') {
        i += 1;
    }
    let m = if i < b.len() {
        digits(b, &mut i, 2, 2)? as i32
    } else {
        0
    };
    if i != b.len() || h > 14 || m > 59 {
        return None;
    }
    Some(Zone {
        offset: FixedOffset::east_opt(sign * (h * 3600 + m * 60))?,
        zulu: false,
    })
}

/// A month name or its abbreviation (with or without a full stop).
fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    Some(match w {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

fn is_weekday(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    matches!(
        w.trim_end_matches('.'),
        "mon"
            | "monday"
            | "tue"
            | "tues"
            | "tuesday"
            | "wed"
            | "wednesday"
            | "thu"
            | "thur"
            | "thurs"
            | "thursday"
            | "fri"
            | "friday"
            | "sat"
            | "saturday"
            | "sun"
            | "sunday"
    )
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    /// Digits (ordinal suffixes such as `1st` dropped) and how many digits were written.
    Num(u32, usize),
    /// A clock time and any zone written right after it.
    Time(NaiveTime, Option<Zone>, bool),
}

/// Splits a written date into words, numbers and times; separators (spaces, commas, dashes,
/// slashes, parentheses) are dropped.
fn tokens(s: &str) -> Option<Vec<Tok<'_>>> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        let c = s.get(i..)?.chars().next()?;
        if c.is_alphabetic() {
            let start = i;
            while let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) {
                if !ch.is_alphabetic() {
                    break;
                }
                i += ch.len_utf8();
            }
            // Abbreviation dots belong to the word ("Feb.", "N.Y.").
            if b.get(i) == Some(&b'.') {
                i += 1;
            }
            out.push(Tok::Word(s.get(start..i)?));
        } else if c.is_ascii_digit() {
            if let Some((time, rest)) = clock(s.get(i..)?, false) {
                // A zone may follow: "+0000", " GMT", "Z".
                let after = rest.trim_start();
                let mut consumed = s.len() - rest.len();
                let mut z = None;
                let end = after
                    .find(|ch: char| ch.is_whitespace() || ch == ',' || ch == ')')
                    .unwrap_or(after.len());
                let cand = after.get(..end).unwrap_or("");
                let known = !cand.is_empty() && month(cand).is_none() && !is_weekday(cand);
                if known && let Some(zz) = zone(cand) {
                    z = Some(zz);
                    consumed = s.len() - after.len() + end;
                }
                let unknown_zone = z.is_none()
                    && cand.len() >= 2
                    && cand.len() <= 5
                    && cand.chars().all(|ch| ch.is_ascii_uppercase());
                if unknown_zone {
                    consumed = s.len() - after.len() + end;
                }
                out.push(Tok::Time(time, z, unknown_zone));
                i = consumed;
                continue;
            }
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let n = s.get(start..i)?;
            if n.len() > 4 {
                return None;
            }
            let lower = s.get(i..)?.to_ascii_lowercase();
            for suffix in ["st", "nd", "rd", "th"] {
                if lower.starts_with(suffix)
                    && !lower
                        .get(2..)
                        .is_some_and(|r| r.starts_with(|ch: char| ch.is_alphabetic()))
                {
                    i += 2;
                    break;
                }
            }
            out.push(Tok::Num(n.parse().ok()?, n.len()));
        } else if c.is_whitespace() || matches!(c, ',' | '-' | '/' | '(' | ')' | '.' | '–' | '—')
        {
            i += c.len_utf8();
        } else {
            return None;
        }
    }
    Some(out)
}

/// A written date: "Feb. 1, 2022", "February 1, 2022", "1 February 2022",
/// "Tue, 01 Feb 2022 10:00:00 +0300", "26-FEB-1987 15:01:01.79". Every word must be a month,
/// a weekday or a small filler word; anything else ("tomorrow") means no date.
fn written(s: &str) -> Option<DateValue> {
    let toks = tokens(s)?;
    let mut month_n = None;
    let mut day = None;
    let mut year = None;
    let mut time = None;
    for t in &toks {
        match t {
            Tok::Word(w) => {
                if let Some(m) = month(w) {
                    if month_n.replace(m).is_some() {
                        return None;
                    }
                } else if !is_weekday(w)
                    && !matches!(
                        w.to_ascii_lowercase().trim_end_matches('.'),
                        "at" | "on" | "of" | "the" | "published" | "updated" | "posted"
                    )
                {
                    return None;
                }
            }
            Tok::Num(n, len) => {
                let clash = match len {
                    4 => year.replace(*n as i32).is_some(),
                    1 | 2 => day.replace(*n).is_some(),
                    _ => true,
                };
                if clash {
                    return None;
                }
            }
            Tok::Time(t, z, unknown) => {
                if time.is_some() {
                    return None;
                }
                // A zone newsdex does not know leaves the instant unknown: keep the date only.
                time = Some((*t, *z, *unknown));
            }
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month_n?, day?)?;
    let time = match time {
        Some((_, _, true)) | None => None,
        Some((t, z, false)) => Some((t, z)),
    };
    Some(DateValue { date, time })
}

/// The first 4-digit year (1800..=2100) written in `s`.
fn year_in(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start == 4 {
                let y: i32 = s.get(start..i)?.parse().ok()?;
                if (MIN_YEAR..=MAX_YEAR).contains(&y) {
                    return Some(y);
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The dateline at the start of a body: "WASHINGTON, Feb 26 (Reuters) - ...". Only a line whose
/// first word is an upper-case place name, with a dash soon after, counts.
fn body_dateline(body: &str) -> Option<&str> {
    let first = body.trim_start().lines().next()?;
    let mut end = first.len().min(120);
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    let head = first.get(..end)?;
    let dash = [" - ", " -- ", " — ", " – ", " —", " –"]
        .iter()
        .filter_map(|d| head.find(d))
        .min()?;
    let prefix = head.get(..dash)?;
    let word: String = prefix
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && word.chars().all(|c| !c.is_lowercase())).then_some(prefix)
}

/// A month and day in a dateline ("SALVADOR, Feb 26 -"), with its year, else the year hint.
fn parse_dateline(s: &str, year_hint: impl FnOnce() -> Option<i32>) -> Option<NaiveDate> {
    // Lenient tokenising: a dateline holds place names and agency names besides the date.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '-' | '—' | '–'))
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        let d = w.trim_end_matches(['.', ':']);
        let d = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suf| d.strip_suffix(suf))
            .unwrap_or(d);
        (len.contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
            .then(|| d.parse().ok())
            .flatten()
    };
    for (k, w) in words.iter().enumerate() {
        let Some(m) = month(w) else { continue };
        let next = words.get(k + 1).and_then(|n| num(n, 1..=2));
        let prev = k
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .and_then(|n| num(n, 1..=2));
        let (day, year_at) = match (next, prev) {
            (Some(d), _) => (d, k + 2),
            (None, Some(d)) => (d, k + 1),
            _ => continue,
        };
        if !(1..=31).contains(&day) {
            continue;
        }
        let year = match words.get(year_at).and_then(|y| num(y, 4..=4)) {
            Some(y) => y as i32,
            None => year_hint()?,
        };
        let date = NaiveDate::from_ymd_opt(year, m, day)?;
        return (MIN_YEAR..=MAX_YEAR).contains(&year).then_some(date);
    }
    None
}

/// The year named in a path ("2016/…", "…_2016_…"): the last 4-digit number in range.
fn path_year(path: &str) -> Option<i32> {
    let mut last = None;
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start == 4
                && let Some(y) = path.get(start..i).and_then(|y| y.parse::<i32>().ok())
                && (MIN_YEAR..=MAX_YEAR).contains(&y)
            {
                last = Some(y);
            }
        } else {
            i += 1;
        }
    }
    last
}

/// A full date in a path or file name: `2016/03/11/…`, `…_2016-03-11_…`, `…-20160311-…`.
/// The last one wins (the file name is more specific than its folders).
fn path_date(path: &str) -> Option<NaiveDate> {
    let b = path.as_bytes();
    let is_digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let is_sep = |i: usize| matches!(b.get(i), Some(b'-' | b'_' | b'.' | b'/' | b'\\'));
    let run = |mut i: usize| {
        let s = i;
        while is_digit(i) {
            i += 1;
        }
        (s, i)
    };
    let num = |s: usize, e: usize| path.get(s..e).and_then(|n| n.parse::<u32>().ok());
    let mut found = None;
    let mut i = 0;
    while i < b.len() {
        if !is_digit(i) {
            i += 1;
            continue;
        }
        let (s, e) = run(i);
        i = e;
        let len = e - s;
        let candidate = if len == 8 {
            let y = num(s, s + 4);
            let m = num(s + 4, s + 6);
            let d = num(s + 6, e);
            match (y, m, d) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            }
        } else if len == 4 && is_sep(e) && is_digit(e + 1) {
            let (ms, me) = run(e + 1);
            if (1..=2).contains(&(me - ms)) && is_sep(me) && is_digit(me + 1) {
                let (ds, de) = run(me + 1);
                match (num(s, e), num(ms, me), num(ds, de)) {
                    (Some(y), Some(m), Some(d)) if (1..=2).contains(&(de - ds)) => {
                        i = de;
                        NaiveDate::from_ymd_opt(y as i32, m, d)
                    }
                    _ => None,
                }
            } else {
                None
            }
        } else {
            None
        };
        if let Some(d) = candidate
            && (MIN_YEAR..=MAX_YEAR).contains(&d.year())
        {
            found = Some(d);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::RawDate;
    use proptest::prelude::*;

    fn show(s: &str) -> Option<String> {
        parse_date(s)
            .and_then(|d| d.to_pub(DateSource::Metadata))
            .map(|p| p.display)
    }

    fn rec(path: &str, meta: Option<&str>, dateline: Option<&str>, body: &str) -> Record {
        Record {
            id: path.into(),
            path: path.into(),
            body: body.into(),
            date_meta: meta.map(|m| RawDate {
                text: m.into(),
                origin: DateSource::Metadata,
            }),
            dateline: dateline.map(str::to_string),
            ..Record::default()
        }
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(show("2022-02-01").as_deref(), Some("2022-02-01"));
        assert_eq!(
            show("1987-02-26T15:01:01Z").as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
        assert_eq!(
            show("2022-02-01T10:00:00+03:00").as_deref(),
            Some("2022-02-01T10:00:00+03:00")
        );
        let p = parse_date("2022-02-01T10:00:00+03:00")
            .and_then(|d| d.to_pub(DateSource::Metadata))
            .unwrap();
        assert_eq!(p.utc.to_rfc3339(), "2022-02-01T07:00:00+00:00");
        assert_eq!(
            show("2022-02-01 10:00").as_deref(),
            Some("2022-02-01T10:00:00Z")
        );
        assert_eq!(
            show("2016-03-11T09:30:00.250-0500").as_deref(),
            Some("2016-03-11T09:30:00.250-05:00")
        );
        assert_eq!(show("20160311").as_deref(), Some("2016-03-11"));
        assert_eq!(show("2016/3/11").as_deref(), Some("2016-03-11"));
    }

    #[test]
    fn rfc2822_and_reuters() {
        assert_eq!(
            show("Thu, 26 Feb 1987 15:01:01 +0000").as_deref(),
            Some("1987-02-26T15:01:01+00:00")
        );
        assert_eq!(
            show("Tue, 1 Feb 2022 10:00:00 GMT").as_deref(),
            Some("2022-02-01T10:00:00Z")
        );
        assert_eq!(
            show("26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26T15:01:01.790Z")
        );
    }

    #[test]
    fn written_dates() {
        for s in [
            "Feb. 1, 2022",
            "February 1, 2022",
            "1 February 2022",
            "Tuesday, February 1st, 2022",
            "Published Feb 1 2022",
        ] {
            assert_eq!(show(s).as_deref(), Some("2022-02-01"), "{s}");
        }
        assert_eq!(
            show("Feb. 1, 2022 10:30 p.m.").as_deref(),
            Some("2022-02-01T22:30:00Z")
        );
        assert_eq!(
            show("February 1, 2022 10:00 AM ET").as_deref(),
            Some("2022-02-01")
        );
        assert_eq!(
            show("Sept. 5, 2016 at 9:15 EDT").as_deref(),
            Some("2016-09-05T09:15:00-04:00")
        );
    }

    #[test]
    fn absurd_dates_are_unknown() {
        for s in [
            "0000-00-00",
            "99999-01-01",
            "tomorrow",
            "2022-13-01",
            "2022-02-30",
            "1700-01-01",
            "2200-01-01",
            "Feb 30, 2022",
            "2022-02-01T25:00:00Z",
            "yesterday at 5pm",
            "2022",
            "February 2022",
            "",
            "5",
        ] {
            assert_eq!(show(s), None, "{s}");
        }
    }

    #[test]
    fn priority_metadata_then_dateline_then_path() {
        let r = rec(
            "2016/03/11/x.txt",
            Some("1987-02-26T15:01:01Z"),
            Some("SALVADOR, Feb 27 -"),
            "x",
        );
        assert_eq!(publication_date(&r).unwrap().source, DateSource::Metadata);
        let r = rec("news_1987_x.txt", None, Some("SALVADOR, Feb 27 -"), "x");
        let p = publication_date(&r).unwrap();
        assert_eq!(
            (p.display.as_str(), p.source),
            ("1987-02-27", DateSource::Dateline)
        );
        let r = rec(
            "x.txt",
            Some("sometime in 1987"),
            None,
            "WASHINGTON, Feb 26 (Reuters) - The U.S. said.",
        );
        assert_eq!(publication_date(&r).unwrap().display, "1987-02-26");
        // No year anywhere: a dateline alone is not enough.
        let r = rec(
            "x.txt",
            None,
            None,
            "WASHINGTON, Feb 26 (Reuters) - The U.S. said.",
        );
        assert_eq!(publication_date(&r), None);
        let r = rec(
            "polnear/breitbart_2015-11-16_o-malley-campaign.txt",
            None,
            None,
            "DALLAS (AP) — Democratic",
        );
        let p = publication_date(&r).unwrap();
        assert_eq!(
            (p.display.as_str(), p.source),
            ("2015-11-16", DateSource::Path)
        );
        // An absurd metadata date falls through to the path.
        let r = rec("a/2016/03/11/story.txt", Some("0000-00-00"), None, "x");
        assert_eq!(publication_date(&r).unwrap().display, "2016-03-11");
        assert_eq!(
            publication_date(&rec("a-20160311-b.json", None, None, "x"))
                .unwrap()
                .display,
            "2016-03-11"
        );
    }

    #[test]
    fn seed_has_no_date() {
        let body = "Nonetheless, Putin said he hoped dialog over Ukraine would continue and that a way needed to be found to, as he put it, \"protect everyone's security.\"\n\nPutin said at a press conference Tuesday.";
        let r = rec("corpus/seed/000_24f06f2ccdc2f1d3.txt", None, None, body);
        assert_eq!(publication_date(&r), None);
        assert_eq!(
            publication_date(&rec("bbc/politics/001.txt", None, None, "Labour plans")),
            None
        );
        assert_eq!(
            publication_date(&rec("time-017.txt", None, None, "x")),
            None
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>()) {
            if let Some(p) = parse_date(&s).and_then(|d| d.to_pub(DateSource::Metadata)) {
                let y = p.utc.year();
                prop_assert!((MIN_YEAR - 1..=MAX_YEAR + 1).contains(&y));
            }
            let _ = path_date(&s);
            let _ = parse_dateline(&s, || Some(2000));
            let _ = body_dateline(&s);
        }

        #[test]
        fn datey_strings_never_panic(s in "[0-9A-Za-z:+\\-./, T]{0,40}") {
            let _ = show(&s);
            let _ = publication_date(&rec(&s, Some(&s), Some(&s), &s));
        }

        #[test]
        fn iso_roundtrip(y in 1800i32..=2100, m in 1u32..=12, d in 1u32..=28) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(show(&s), Some(s.clone()));
        }
    }
}
