//! Timelines: how many of a search's matches fall in each day, week, month or year of its
//! date range, every period listed (zero ones too), and the undated matches counted apart.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Param, Result};
use crate::search::matches::Matches;

/// Most periods a timeline lists (a century of weeks); more asks for a coarser interval.
const MAX_PERIODS: usize = 10_000;

/// The length of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl Interval {
    /// The first day of the period holding `d` (weeks start on Monday, as ISO weeks do).
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => d,
            Interval::Week => d - Days::new(u64::from(d.weekday().num_days_from_monday())),
            Interval::Month => d.with_day(1).unwrap_or(d),
            Interval::Year => d.with_ordinal(1).unwrap_or(d),
        }
    }

    /// The start of the period after the one starting at `start`.
    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.checked_add_days(Days::new(1)),
            Interval::Week => start.checked_add_days(Days::new(7)),
            Interval::Month => start.checked_add_months(Months::new(1)),
            Interval::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// The period's name: `2016-10-03`, `2016-W40` (ISO week), `2016-10`, `2016`.
    pub fn label(self, start: NaiveDate) -> String {
        let format = match self {
            Interval::Day => "%Y-%m-%d",
            Interval::Week => "%G-W%V",
            Interval::Month => "%Y-%m",
            Interval::Year => "%Y",
        };
        start.format(format).to_string()
    }
}

/// One period and its matches (`--json`: `{"period": "2016-10", "count": 12}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The period's label (see [`Interval::label`]).
    pub period: String,
    /// Matches dated in it.
    pub count: u64,
}

/// A search's matches per period; `periods` and `undated` add up to the search's total.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The length of each period.
    pub interval: Interval,
    /// Every period of the range, in order, zero counts included.
    pub periods: Vec<Period>,
    /// Matches without a publication date.
    pub undated: u64,
}

/// Counts the matches per period. The range runs from the search's `since` date (else the
/// first dated match) to its `until` date (else the last one).
pub fn count(matches: &Matches, interval: Interval) -> Result<Timeline> {
    let mut per_start: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let mut undated = 0;
    let open = |reader: &tantivy::SegmentReader| Ok(reader.fast_fields().date("date")?);
    matches.for_each(
        open,
        |dates, doc| {
            let day = dates
                .first(doc)
                .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0));
            match day {
                Some(d) => *per_start.entry(interval.start(d.date_naive())).or_default() += 1,
                None => undated += 1,
            }
            Ok(())
        },
        |_| Ok(()),
    )?;
    let first = matches.plan.since.or(per_start.keys().next().copied());
    let last = matches.plan.until.or(per_start.keys().next_back().copied());
    let mut periods = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let (first, last) = (interval.start(first), interval.start(last));
        let mut start = Some(first);
        while let Some(s) = start.filter(|s| *s <= last) {
            if periods.len() == MAX_PERIODS {
                return Err(Error::Invalid {
                    what: Param::Timeline,
                    message: format!(
                        "more than {MAX_PERIODS} periods from {first} to {last}; use a longer interval"
                    ),
                });
            }
            periods.push(Period {
                period: interval.label(s),
                count: per_start.get(&s).copied().unwrap_or(0),
            });
            start = interval.next(s);
        }
    }
    Ok(Timeline {
        interval,
        periods,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_start_and_are_named() {
        let d = day("2016-10-06"); // a Thursday
        assert_eq!(Interval::Day.label(Interval::Day.start(d)), "2016-10-06");
        assert_eq!(Interval::Week.start(d), day("2016-10-03"));
        assert_eq!(Interval::Week.label(Interval::Week.start(d)), "2016-W40");
        assert_eq!(Interval::Month.label(Interval::Month.start(d)), "2016-10");
        assert_eq!(Interval::Year.start(d), day("2016-01-01"));
        // ISO week years: 2016-01-01 is in the last week of 2015.
        let ny = day("2016-01-01");
        assert_eq!(Interval::Week.label(Interval::Week.start(ny)), "2015-W53");
        assert_eq!(
            Interval::Month.next(day("2016-12-01")),
            Some(day("2017-01-01"))
        );
    }
}
