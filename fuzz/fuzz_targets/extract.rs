//! Tokenizer, entity tagger, quotes and speakers: never panic, and every span lies on
//! character boundaries inside the body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::article::Record;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let record = Record { body: body.to_string(), ..Record::default() };
    let a = newsdex::extract::analyze(&record);
    let ok = |s: newsdex::article::Span| s.start <= s.end && body.get(s.start..s.end).is_some();
    for e in &a.entities {
        assert!(ok(e.span));
    }
    for q in &a.quotes {
        assert!(ok(q.span));
        assert!(q.cue.is_none_or(|m| ok(m.span)));
        assert!(q.speaker_mention.is_none_or(|m| ok(m.span)));
    }
});
