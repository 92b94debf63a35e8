//! JSON and JSON Lines readers: never panic on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Format, parse};

fuzz_target!(|data: &[u8]| {
    let _ = parse("fuzz.json", Format::Json, false, data);
    let _ = parse("fuzz.jsonl", Format::JsonLines, false, data);
});
