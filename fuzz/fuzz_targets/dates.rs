//! Date parsing from metadata, datelines, paths and `--since`-style arguments: never
//! panics, and any date found lies in the accepted range.
#![no_main]
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use newsdex::article::{DateSource, RawDate, Record};
use newsdex::extract::date::publication_date;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let record = Record {
        id: s.to_string(),
        path: format!("a/{s}.txt"),
        body: s.to_string(),
        dateline: Some(s.to_string()),
        date_meta: Some(RawDate { text: s.to_string(), origin: DateSource::Metadata }),
        ..Record::default()
    };
    if let Some(d) = publication_date(&record) {
        assert!((1800..=2100).contains(&d.utc.year()), "{s:?} -> {d:?}");
    }
    let _ = newsdex::search::understand::parse_period(s);
});
