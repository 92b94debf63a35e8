//! Plain text with a header block or title line, raw and gzipped: never panics, and every
//! record's body is valid text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Format, parse};

fuzz_target!(|data: &[u8]| {
    for gz in [false, true] {
        let parsed = parse("fuzz.txt", Format::Text, gz, data);
        for r in parsed.records {
            assert!(!r.body.trim().is_empty());
        }
    }
});
