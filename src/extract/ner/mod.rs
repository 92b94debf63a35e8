//! Named-entity tagging (PER, ORG, LOC, MISC) over the shared tokens, with an averaged
//! structured perceptron over BILOU tags trained on CoNLL-2003 (see `train`), shipped in
//! `models/ner.bin` and loaded once.
//!
//! The tagger reads one sentence at a time, as the one sentence splitter
//! ([`crate::extract::quotes::sentences_of`]) cuts them, on the layout stage's text. Caseless text — an article written all in
//! capitals (TIME 1963, old wire copy) or all in lower case — is tagged by a second model,
//! `models/ner-caseless.bin`, trained on lower-cased CoNLL with features that need no capitals
//! (clusters of lower-cased words, and how often each word is capitalised in cased news).

pub mod cluster;
pub mod features;
pub mod model;
pub mod perceptron;
pub mod train;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use features::{
    DocSets, IdMap, NT, OFFSETS, PAD_END, PAD_START, PosContext, WordKeys, doc_bits_into,
    is_caps_sentence, normalize, offset_key, phrase_matches, positional_keys, used_at, word_info,
};
use model::Model;
use perceptron::{Scratch, preds, viterbi_with};
use xxhash_rust::xxh3::xxh3_64;

use crate::article::{EntityKind, Span};
use crate::extract::token::Token;

static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");
static MODEL: OnceLock<Option<Model>> = OnceLock::new();
static CASELESS_BYTES: &[u8] = include_bytes!("../../../models/ner-caseless.bin");
static CASELESS: OnceLock<Option<Model>> = OnceLock::new();

/// The shipped model file (deflate-compressed).
pub fn model_bytes() -> &'static [u8] {
    MODEL_BYTES
}

/// The shipped model, decoded on first use (`None` if the file is empty or damaged).
pub fn model() -> Option<&'static Model> {
    MODEL
        .get_or_init(|| Model::from_bytes(MODEL_BYTES).ok())
        .as_ref()
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Location,
    EntityKind::Misc,
];

/// The shipped caseless model file (deflate-compressed).
pub fn caseless_model_bytes() -> &'static [u8] {
    CASELESS_BYTES
}

/// The shipped caseless model, decoded on first use (`None` if the file is empty or damaged).
pub fn caseless_model() -> Option<&'static Model> {
    CASELESS
        .get_or_init(|| Model::from_bytes(CASELESS_BYTES).ok())
        .as_ref()
}

/// Whether the tagger's gazetteer knows `word` alone as a place's, an organisation's or
/// another thing's name ("Israel", "Madison", the nationality "Cuban") and never as a word of
/// a person's name ("Hanson", "Santos" are both).
pub fn names_no_person(word: &str) -> bool {
    use features::{GAZ_ALONE, GAZ_LOC, GAZ_MISC, GAZ_ORG, GAZ_PER, gaz_bit};
    let person: u16 = (0..4).map(|pos| gaz_bit(GAZ_PER, pos)).sum();
    let alone =
        gaz_bit(GAZ_ORG, GAZ_ALONE) | gaz_bit(GAZ_LOC, GAZ_ALONE) | gaz_bit(GAZ_MISC, GAZ_ALONE);
    model()
        .and_then(|m| m.lex.gaz_tokens.get(word))
        .is_some_and(|&bits| bits & person == 0 && bits & alone != 0)
}

/// Whether the tagger's gazetteer knows `word` as the first word of a person's name
/// ("Tiger" of Tiger Woods, "Will").
pub fn begins_person_names(word: &str) -> bool {
    use features::{GAZ_PER, gaz_bit};
    model()
        .and_then(|m| m.lex.gaz_tokens.get(word))
        .is_some_and(|&bits| bits & gaz_bit(GAZ_PER, 0) != 0)
}

/// How cased news writes a word mid-sentence, from the caseless model's table of usual case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsualCase {
    /// Capitalised in under half of its uses: a common word ("against", "black").
    Lower,
    /// Capitalised in half to 90% of its uses ("White", "Carol", "House").
    Mixed,
    /// Capitalised in over 90% of its uses: a name ("Ferrera", "America", "Trump").
    Capitalised,
}

/// How cased news usually writes `word` mid-sentence; `None` for a word seen there fewer
/// than 8 times, too rare to know ("Emanuel").
pub fn usual_case(word: &str) -> Option<UsualCase> {
    let code = *caseless_model()?.lex.usual_case.get(&word.to_lowercase())?;
    // The low four bits are a log2 bucket of the count: 4 is 8 to 15 uses; bits 8 and up are
    // the capitalised share's bucket (features::usual_case_code).
    (code & 0xf >= 4).then_some(match code >> 8 {
        0..=2 => UsualCase::Lower,
        3 => UsualCase::Mixed,
        _ => UsualCase::Capitalised,
    })
}

/// Tags entity mentions in `body`, with the caseless model when the text has no case.
pub fn tag(body: &str, tokens: &[Token]) -> Vec<(Span, EntityKind)> {
    let chosen = if is_caseless_text(body) {
        caseless_model().or_else(model)
    } else {
        model()
    };
    match chosen {
        Some(m) => tag_with(m, body, tokens),
        None => Vec::new(),
    }
}

/// Picks the model for `body` from a cased and a caseless one.
pub fn choose<'m>(cased: &'m Model, caseless: Option<&'m Model>, body: &str) -> &'m Model {
    match caseless {
        Some(c) if is_caseless_text(body) => c,
        _ => cased,
    }
}

/// Longest sentence handed to Viterbi at once.
const MAX_SENTENCE: usize = 250;

/// The tagger's windows: the one sentence splitter's sentences
/// ([`crate::extract::quotes::sentences_of`]) as token index ranges, each cut to at most
/// [`MAX_SENTENCE`] tokens.
pub fn sentences(body: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    for s in crate::extract::quotes::sentences_of(body, tokens) {
        while i < tokens.len() && tokens[i].span.start < s.start {
            i += 1;
        }
        let mut j = i;
        while j < tokens.len() && tokens[j].span.end <= s.end {
            j += 1;
        }
        let mut a = i;
        while a < j {
            let b = (a + MAX_SENTENCE).min(j);
            out.push(a..b);
            a = b;
        }
        i = j;
    }
    out
}

/// Whether the text's letters carry no case: nearly all capitals (an all-caps article) or
/// nearly all lower case (under one capital in a hundred letters; prose has several).
pub fn is_caseless_text(body: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in body.chars().take(20_000) {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    (upper >= 20 && upper > 9 * lower) || (lower >= 20 && upper * 100 < lower)
}

/// A word's cached scores: summed weights of its attributes at each offset.
struct Cached {
    v: [[f32; NT]; 5],
    keys: WordKeys,
}

/// Per-thread tagging state: the word cache and reusable buffers.
#[derive(Default)]
struct Cache {
    /// Address of the model whose weights `entries` hold.
    owner: usize,
    /// xxh3 of the word -> entry (no string compare: 64-bit collisions are negligible).
    index: IdMap<u64, u32>,
    entries: Vec<Cached>,
    scratch: Scratch,
    ids: Vec<u32>,
    keys: Vec<WordKeys>,
    caps: Vec<bool>,
    bits: Vec<u8>,
    doc_sets: DocSets,
    emit: Vec<f32>,
    ctx: Vec<PosContext>,
    hashes: Vec<u64>,
}

const CACHE_LIMIT: usize = 300_000;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    static CASELESS_CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

impl Cache {
    fn get(&mut self, m: &Model, w: &str) -> u32 {
        let h = xxh3_64(w.as_bytes());
        if let Some(&i) = self.index.get(&h) {
            return i;
        }
        let info = word_info(w, &m.lex);
        let mut v = [[0.0f32; NT]; 5];
        for (slot, &off) in v.iter_mut().zip(&OFFSETS) {
            for &(kind, a) in &info.attrs {
                if used_at(kind, off) {
                    m.add(offset_key(a, off), slot);
                }
            }
        }
        let i = self.entries.len() as u32;
        self.entries.push(Cached { v, keys: info.keys });
        self.index.insert(h, i);
        i
    }
}

/// Tags with a given model (a caseless one sees the words lower-cased).
pub fn tag_with(m: &Model, body: &str, tokens: &[Token]) -> Vec<(Span, EntityKind)> {
    let sents = sentences(body, tokens);
    let cache = if m.caseless { &CASELESS_CACHE } else { &CACHE };
    cache.with(|cache| {
        let mut guard = cache.borrow_mut();
        let cache = &mut *guard;
        // Bounded memory: start afresh between documents (ids must stay valid within one),
        // and when another model tags.
        let owner = std::ptr::from_ref(m) as usize;
        if cache.entries.len() >= CACHE_LIMIT || cache.owner != owner {
            cache.index.clear();
            cache.entries.clear();
            cache.owner = owner;
        }
        let pad_s = cache.get(m, PAD_START);
        let pad_e = cache.get(m, PAD_END);
        // Padded cache ids and word keys of all sentences, one after the other: sentence s
        // starts at 4 * s + its first token's index.
        let mut ids = std::mem::take(&mut cache.ids);
        ids.clear();
        for r in &sents {
            ids.extend([pad_s, pad_s]);
            for t in &tokens[r.clone()] {
                let w = normalize(t.text(body));
                let id = if m.caseless {
                    cache.get(m, &w.to_lowercase())
                } else {
                    cache.get(m, &w)
                };
                ids.push(id);
            }
            ids.extend([pad_e, pad_e]);
        }
        let mut keys = std::mem::take(&mut cache.keys);
        keys.clear();
        keys.extend(ids.iter().map(|&i| cache.entries[i as usize].keys));
        let mut caps = std::mem::take(&mut cache.caps);
        caps.clear();
        let unpadded = |s: usize, r: &Range<usize>| {
            let a = 4 * s + r.start + 2;
            a..a + r.len()
        };
        caps.extend(
            sents
                .iter()
                .enumerate()
                .map(|(s, r)| is_caps_sentence(&keys[unpadded(s, r)])),
        );
        let mut bits = std::mem::take(&mut cache.bits);
        doc_bits_into(
            sents
                .iter()
                .enumerate()
                .map(|(s, r)| (&keys[unpadded(s, r)], caps[s])),
            &mut cache.doc_sets,
            &mut bits,
        );
        let preds = preds();
        let mut out = Vec::new();
        let mut emit = std::mem::take(&mut cache.emit);
        let mut ctx: Vec<PosContext> = std::mem::take(&mut cache.ctx);
        let mut pos_keys = Vec::with_capacity(16);
        let mut tags = Vec::new();
        let mut hashes = std::mem::take(&mut cache.hashes);
        for (s, r) in sents.iter().enumerate() {
            let n = r.len();
            let base = 4 * s + r.start;
            let ids = &ids[base..base + n + 4];
            let k = &keys[base..base + n + 4];
            ctx.clear();
            ctx.extend(bits[r.clone()].iter().map(|&b| PosContext {
                phrase_bits: 0,
                doc_bits: b,
            }));
            hashes.clear();
            hashes.extend(k[2..n + 2].iter().map(|w| w.word_hash));
            phrase_matches(&hashes, &m.lex, &mut ctx);
            emit.clear();
            emit.resize(n * NT, 0.0);
            for i in 0..n {
                let mut acc = [0.0f32; NT];
                for (slot, &id) in ids[i..i + 5].iter().enumerate() {
                    let v = &cache.entries[id as usize].v[slot];
                    for t in 0..NT {
                        acc[t] += v[t];
                    }
                }
                pos_keys.clear();
                positional_keys(k, &ctx, i, caps[s], &mut pos_keys);
                for &key in &pos_keys {
                    m.add(key, &mut acc);
                }
                emit[i * NT..(i + 1) * NT].copy_from_slice(&acc);
            }
            viterbi_with(&emit, n, &m.trans, preds, &mut tags, &mut cache.scratch);
            for (a, b, typ) in train::entities(&tags) {
                let span = Span::new(
                    tokens[r.start + a].span.start,
                    tokens[r.start + b - 1].span.end,
                );
                out.push((span, KINDS[typ]));
            }
        }
        cache.ids = ids;
        cache.keys = keys;
        cache.caps = caps;
        cache.bits = bits;
        cache.emit = emit;
        cache.ctx = ctx;
        cache.hashes = hashes;
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::token::tokenize;

    fn tagged(text: &str) -> Vec<(String, &'static str)> {
        let tokens = tokenize(text);
        tag(text, &tokens)
            .into_iter()
            .map(|(s, k)| (s.text(text).to_string(), k.as_str()))
            .collect()
    }

    #[test]
    fn windows_are_sentences_and_lines_cut_at_the_cap() {
        // Lines are paragraphs here: the layout stage joins hard-wrapped lines before tagging.
        let text = "Peter Blackburn\nBRUSSELS 1996-08-22\nThe Commission said so. It \"agreed.\" Then it went on and\non with a long line that wraps at about seventy characters like\nnewswire.";
        let tokens = tokenize(text);
        let s: Vec<String> = sentences(text, &tokens)
            .into_iter()
            .map(|r| {
                tokens[r]
                    .iter()
                    .map(|t| t.text(text))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            s,
            [
                "Peter Blackburn",
                "BRUSSELS 1996-08-22",
                "The Commission said so .",
                "It \" agreed . \"",
                "Then it went on and",
                "on with a long line that wraps at about seventy characters like",
                "newswire ."
            ]
        );
        let long = "word ".repeat(MAX_SENTENCE + 10);
        let tokens = tokenize(&long);
        let lens: Vec<usize> = sentences(&long, &tokens).iter().map(|r| r.len()).collect();
        assert_eq!(lens, [MAX_SENTENCE, 10]);
    }

    #[test]
    fn tags_seed_article_sentences() {
        if model().is_none() {
            return; // bootstrap build without a trained model
        }
        let got = tagged(
            "President Vladimir Putin accused Western nations of ignoring key Russian security concerns, \
             following the U.S.' refusal last week to concede to Moscow's demands over Ukraine and NATO.",
        );
        assert!(got.contains(&("Vladimir Putin".into(), "PER")), "{got:?}");
        assert!(got.contains(&("Ukraine".into(), "LOC")), "{got:?}");
        assert!(got.contains(&("NATO".into(), "ORG")), "{got:?}");
        assert!(got.contains(&("Moscow".into(), "LOC")), "{got:?}");
        let got = tagged("\"Apparently not,\" he said, according to Reuters.");
        assert_eq!(got, [("Reuters".to_string(), "ORG")]);
    }

    #[test]
    fn caseless_text_is_all_capitals_or_all_lower_case() {
        let prose = "President Vladimir Putin accused Western nations of ignoring key Russian \
                     security concerns. The U.S. refused last week to concede to Moscow.";
        assert!(!is_caseless_text(prose));
        assert!(is_caseless_text(&prose.to_uppercase()));
        assert!(is_caseless_text(&prose.to_lowercase()));
        // A capitalised headline over a lower-case body is not caseless text.
        assert!(!is_caseless_text(
            "NATO SUMMIT\nleaders met in brussels on monday."
        ));
        assert!(!is_caseless_text("ok"), "too few letters to tell");
    }

    #[test]
    fn tags_upper_and_lower_case_text() {
        let text = "President Vladimir Putin accused Western nations of ignoring key Russian \
                    security concerns, following the U.S.' refusal last week to concede to \
                    Moscow's demands over Ukraine and NATO.";
        for caseless in [text.to_uppercase(), text.to_lowercase()] {
            let got = tagged(&caseless);
            let has = |name: &str, kind: &str| {
                got.iter()
                    .any(|(n, k)| n.eq_ignore_ascii_case(name) && *k == kind)
            };
            assert!(has("Vladimir Putin", "PER"), "{got:?}");
            assert!(has("Moscow", "LOC"), "{got:?}");
            assert!(has("Ukraine", "LOC"), "{got:?}");
            assert!(has("NATO", "ORG"), "{got:?}");
        }
    }
}
