//! HTML extractor: never panics on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Format, parse};

fuzz_target!(|data: &[u8]| {
    let _ = parse("fuzz.html", Format::Html, false, data);
});
