//! Query understanding and snippets: never panic on any query text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::search::understand::{Context, understand};
use newsdex::search::vocab::Names;

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let speakers = Names::from_names(vec!["Vladimir Putin".into(), "Tony Blair".into()]);
    let entities = Names::from_names(vec!["NATO".into(), "United States".into()]);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let ctx = Context { speakers: &speakers, entities: &entities, today };
    let plan = understand(q, &ctx);
    let terms = plan
        .terms
        .iter()
        .flat_map(|t| t.forms.iter().flatten())
        .map(|w| (w.clone(), 1.0))
        .collect();
    let s = newsdex::search::snippet::make(q, &terms, 40);
    let n = s.text.chars().count();
    assert!(s.highlights.iter().all(|[a, b]| a < b && *b <= n));
    let _ = speakers.suggest(q);
});
