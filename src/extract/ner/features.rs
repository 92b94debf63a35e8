//! Feature extraction shared by training and tagging: what the perceptron sees of a token.
//!
//! Most features are attributes of one word (form, lowercase, affixes, shape, capitalisation,
//! word clusters, gazetteer tokens) placed at an offset -2..=2 from the tagged token. Those
//! depend on the word alone, so the tagger caches their summed weights per word type; only a
//! few features (word bigrams, shape trigram, sentence start, gazetteer phrases, document
//! context) are computed per position. Features are 64-bit hashes: no strings at tag time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Tags: O, then B/I/L/U for each of PER, ORG, LOC, MISC.
pub const NT: usize = 17;
/// Offsets of the context window.
pub const OFFSETS: [i32; 5] = [-2, -1, 0, 1, 2];
/// Number of cluster granularities.
pub const NCL: usize = 3;

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by values that are already hashes or ids (see [`IdHasher`]).
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A fast hasher for short strings (xxh3), for the tagger's word cache.
#[derive(Default, Clone, Copy)]
pub struct StrHasher(u64);

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u8(&mut self, n: u8) {
        self.0 = self.0.rotate_left(5) ^ u64::from(n);
    }
}

/// A hash map keyed by strings, hashed with xxh3 (see [`StrHasher`]).
pub type StrMap<V> = HashMap<String, V, BuildHasherDefault<StrHasher>>;
/// A hash set of values that are already hashes or ids (see [`IdHasher`]).
pub type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// splitmix64 finaliser: mixes combined hashes.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The xxh3 hash of `s`, seeded with the attribute kind `kind`.
#[inline]
pub fn hash_str(kind: u64, s: &str) -> u64 {
    xxh3_64_with_seed(s.as_bytes(), kind)
}

#[inline]
fn hash_int(kind: u64, n: u64) -> u64 {
    mix(kind.wrapping_mul(0x1000_0000_01b3) ^ n.wrapping_add(0x51_7cc1_b727_220a))
}

// Attribute kinds (seeds). The kind also decides at which offsets an attribute is used.
const K_BIAS: u64 = 1;
const K_WORD: u64 = 2;
const K_LOWER: u64 = 3;
const K_PREFIX: u64 = 4;
const K_SUFFIX: u64 = 5;
const K_SHAPE: u64 = 6;
const K_SHORT_SHAPE: u64 = 7;
const K_CAP: u64 = 8;
const K_FLAGS: u64 = 9;
const K_CLUSTER: u64 = 10;
const K_GAZ_TOKEN: u64 = 11;
const K_LEN: u64 = 12;
const K_USUAL_CASE: u64 = 13;
const K_USUAL_FREQ: u64 = 14;
// Positional kinds.
const K_BIGRAM_L: u64 = 101;
const K_BIGRAM_R: u64 = 102;
const K_SHAPE3: u64 = 103;
const K_FIRST: u64 = 104;
const K_GAZ_PHRASE: u64 = 105;
const K_CAPS_SENT: u64 = 106;
const K_DOC: u64 = 107;

/// Side information the features read: gazetteers and word clusters.
#[derive(Default, Clone)]
pub struct Lexicon {
    /// Word -> bit set of (type, position) it takes in known entities: bit 4*type + {B,I,L,U}.
    pub gaz_tokens: HashMap<String, u16>,
    /// Hash of a multi-token entity's words -> bit set of types.
    pub gaz_phrases: IdMap<u64, u8>,
    /// Hashes of every proper prefix of a gazetteer phrase.
    pub gaz_prefixes: IdSet<u64>,
    /// Word -> cluster id at each granularity.
    pub clusters: HashMap<String, [u16; NCL]>,
    /// The phrases behind `gaz_phrases` (words joined by spaces) with their types, for saving.
    pub phrase_list: Vec<(String, u8)>,
    /// Lower-case word -> how it is usually written in cased news (see [`usual_case_code`]);
    /// filled for the caseless model only, whose words are all lower case.
    pub usual_case: HashMap<String, u16>,
}

/// Packs how a word is written in cased news, mid-sentence: the share of its uses that carry
/// a capital (0 never, 1 under 10%, 2 under half, 3 under 90%, 4 more), the capitalisation
/// class of its commonest capitalised spelling, and a log2 bucket of its count.
pub fn usual_case_code(capitalised: u64, total: u64, spelling: Cap) -> u16 {
    let share = if capitalised == 0 {
        0
    } else if capitalised * 10 < total {
        1
    } else if capitalised * 2 < total {
        2
    } else if capitalised * 10 < total * 9 {
        3
    } else {
        4
    };
    let freq = (64 - total.leading_zeros()).min(15) as u16;
    share << 8 | (spelling as u16) << 4 | freq
}

/// Gazetteer type indexes (the order of the tagger's entity types).
pub const GAZ_PER: usize = 0;
/// Gazetteer type index of organisations.
pub const GAZ_ORG: usize = 1;
/// Gazetteer type index of locations.
pub const GAZ_LOC: usize = 2;
/// Gazetteer type index of other names (nationalities, events, works).
pub const GAZ_MISC: usize = 3;
/// Gazetteer position of a one-word name (0 begins, 1 is inside, 2 ends a longer one).
pub const GAZ_ALONE: usize = 3;

/// The bit of a gazetteer type at a position in a word's or phrase's bit set.
pub fn gaz_bit(typ: usize, pos: usize) -> u16 {
    1 << (4 * typ + pos)
}

/// Longest gazetteer phrase, in tokens.
pub const MAX_PHRASE: usize = 8;

impl Lexicon {
    /// Adds a multi-token entity (words joined by single spaces) of the given type bits.
    pub fn add_phrase_str(&mut self, phrase: String, types: u8) {
        let words: Vec<&str> = phrase.split(' ').collect();
        self.add_phrase(&words, types);
        self.phrase_list.push((phrase, types));
    }

    fn add_phrase(&mut self, words: &[&str], types: u8) {
        let mut h = 0u64;
        for (k, w) in words.iter().enumerate() {
            h = phrase_step(h, hash_str(K_WORD, w));
            if k + 1 < words.len() {
                self.gaz_prefixes.insert(h);
            }
        }
        *self.gaz_phrases.entry(h).or_default() |= types;
    }
}

/// Extends the running hash `h` of a gazetteer phrase by the next word's hash.
#[inline]
pub fn phrase_step(h: u64, word_hash: u64) -> u64 {
    mix(h.rotate_left(17) ^ word_hash)
}

/// Everything about one word type that features need.
#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    /// Attribute hashes, each with its kind.
    pub attrs: Vec<(u64, u64)>,
    /// The keys positional features combine.
    pub keys: WordKeys,
}

/// The parts of a word's description that positional features combine.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordKeys {
    /// Hash of the word as written.
    pub word_hash: u64,
    /// Hash of the word lower-cased, digits replaced by `0`.
    pub lower_hash: u64,
    /// Hash of the word's short shape (`X`, `x`, `d` for capital, small letter and digit, runs
    /// of one class written once: "Putin" → "Xx").
    pub short_shape_hash: u64,
    /// The word's capitalisation class.
    pub cap: Cap,
}

/// The capitalisation class of a word ([`cap_class`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cap {
    /// The empty word.
    #[default]
    Other,
    /// Letters, none capital: "said".
    Lower,
    /// Capital first letter, the only capital among small letters: "Putin".
    Init,
    /// Letters, all capitals: "NATO", "U.S.".
    Upper,
    /// Capitals and small letters otherwise: "McCain", "iPhone".
    Mixed,
    /// No letters, some digit: "1996", "3.5".
    Digit,
    /// No letters or digits: punctuation and symbols.
    Punct,
}

/// The capitalisation class of `w`.
pub fn cap_class(w: &str) -> Cap {
    let mut upper = 0;
    let mut lower = 0;
    let mut digit = 0;
    let mut other = 0;
    for c in w.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_ascii_digit() {
            digit += 1;
        } else {
            other += 1;
        }
    }
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    if upper + lower == 0 {
        if digit > 0 {
            Cap::Digit
        } else if other > 0 {
            Cap::Punct
        } else {
            Cap::Other
        }
    } else if upper == 0 {
        Cap::Lower
    } else if lower == 0 {
        Cap::Upper
    } else if first_upper && upper == 1 {
        Cap::Init
    } else {
        Cap::Mixed
    }
}

fn shapes(w: &str) -> (String, String) {
    let mut long = String::with_capacity(w.len().min(16));
    let mut short = String::with_capacity(8);
    for (n, c) in w.chars().enumerate() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if n < 12 {
            long.push(s);
        }
        if !short.ends_with(s) {
            short.push(s);
        }
    }
    (long, short)
}

/// Computes the attributes of one (normalised) word.
pub fn word_info(w: &str, lex: &Lexicon) -> WordInfo {
    let mut attrs = Vec::with_capacity(32);
    let lower: String = w
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let word_hash = hash_str(K_WORD, w);
    let lower_hash = hash_str(K_LOWER, &lower);
    attrs.push((K_BIAS, hash_int(K_BIAS, 0)));
    attrs.push((K_WORD, word_hash));
    attrs.push((K_LOWER, lower_hash));
    let chars: Vec<char> = lower.chars().collect();
    for n in 1..=4usize.min(chars.len()) {
        let p: String = chars[..n].iter().collect();
        let s: String = chars[chars.len() - n..].iter().collect();
        attrs.push((K_PREFIX, hash_str(K_PREFIX * 16 + n as u64, &p)));
        attrs.push((K_SUFFIX, hash_str(K_SUFFIX * 16 + n as u64, &s)));
    }
    let (long, short) = shapes(w);
    let short_shape_hash = hash_str(K_SHORT_SHAPE, &short);
    attrs.push((K_SHAPE, hash_str(K_SHAPE, &long)));
    attrs.push((K_SHORT_SHAPE, short_shape_hash));
    let cap = cap_class(w);
    attrs.push((K_CAP, hash_int(K_CAP, cap as u64)));
    let flags = u64::from(w.contains('-'))
        | u64::from(w.contains('.')) << 1
        | u64::from(w.chars().any(|c| c.is_ascii_digit())) << 2
        | u64::from(w.contains('\'')) << 3;
    attrs.push((K_FLAGS, hash_int(K_FLAGS, flags)));
    attrs.push((K_LEN, hash_int(K_LEN, chars.len().min(12) as u64)));
    match lex.clusters.get(w) {
        Some(cl) => {
            for (g, &c) in cl.iter().enumerate() {
                attrs.push((K_CLUSTER, hash_int(K_CLUSTER * 16 + g as u64, u64::from(c))));
            }
        }
        None => attrs.push((K_CLUSTER, hash_int(K_CLUSTER, 999_999))),
    }
    if !lex.usual_case.is_empty() {
        // Unseen words get the code 0xffff: in caseless text, rare words are often names.
        let code = lex.usual_case.get(w).copied().unwrap_or(u16::MAX);
        attrs.push((K_USUAL_CASE, hash_int(K_USUAL_CASE, u64::from(code >> 4))));
        attrs.push((
            K_USUAL_FREQ,
            hash_int(K_USUAL_FREQ, u64::from(code >> 8 << 4 | code & 15)),
        ));
    }
    if let Some(&bits) = lex.gaz_tokens.get(w) {
        for b in 0..16 {
            if bits & (1 << b) != 0 {
                attrs.push((K_GAZ_TOKEN, hash_int(K_GAZ_TOKEN, b)));
            }
        }
    }
    WordInfo {
        attrs,
        keys: WordKeys {
            word_hash,
            lower_hash,
            short_shape_hash,
            cap,
        },
    }
}

/// Whether attribute `kind` is used at offset `off`.
#[inline]
pub fn used_at(kind: u64, off: i32) -> bool {
    match off {
        0 => true,
        -1 | 1 => matches!(
            kind,
            K_WORD
                | K_LOWER
                | K_SHORT_SHAPE
                | K_CAP
                | K_CLUSTER
                | K_GAZ_TOKEN
                | K_SUFFIX
                | K_USUAL_CASE
                | K_USUAL_FREQ
        ),
        _ => matches!(
            kind,
            K_LOWER | K_SHORT_SHAPE | K_CLUSTER | K_GAZ_TOKEN | K_USUAL_CASE
        ),
    }
}

/// The feature key of attribute `attr` at offset `off`.
#[inline]
pub fn offset_key(attr: u64, off: i32) -> u64 {
    mix(attr
        ^ (off as i64 as u64)
            .wrapping_add(3)
            .wrapping_mul(0x2545_F491_4F6C_DD1D))
}

/// Per-position context of one sentence token (beyond the word attributes).
#[derive(Debug, Clone, Copy, Default)]
pub struct PosContext {
    /// Bit set of gazetteer phrase matches covering this token: bit 4*type + {B,I,L,U}.
    pub phrase_bits: u16,
    /// Document-level evidence about this word (see `doc_bits`).
    pub doc_bits: u8,
}

/// Positional feature keys for token `i` of a sentence, given the word keys of the sentence
/// padded with two `<S>` before and two `</S>` after (token i is at i + 2).
pub fn positional_keys(
    infos: &[WordKeys],
    ctx: &[PosContext],
    i: usize,
    caps_sentence: bool,
    out: &mut Vec<u64>,
) {
    let p = &infos[i + 1];
    let w = &infos[i + 2];
    let n = &infos[i + 3];
    out.push(mix(K_BIGRAM_L ^ p.lower_hash.rotate_left(7) ^ w.lower_hash));
    out.push(mix(K_BIGRAM_R ^ w.lower_hash.rotate_left(7) ^ n.lower_hash));
    out.push(mix(K_SHAPE3
        ^ p.short_shape_hash.rotate_left(11)
        ^ w.short_shape_hash.rotate_left(5)
        ^ n.short_shape_hash));
    if i == 0 {
        out.push(hash_int(K_FIRST, w.cap as u64));
    }
    if caps_sentence {
        out.push(hash_int(K_CAPS_SENT, w.cap as u64));
        out.push(mix(K_CAPS_SENT ^ w.lower_hash));
    }
    let c = ctx[i];
    for b in 0..16 {
        if c.phrase_bits & (1 << b) != 0 {
            out.push(hash_int(K_GAZ_PHRASE, b));
        }
    }
    for b in 0..8 {
        if c.doc_bits & (1 << b) != 0 {
            out.push(hash_int(K_DOC * 16 + b, w.cap as u64));
        }
    }
}

/// Marks gazetteer phrase matches (longest match first) in a sentence of word hashes.
pub fn phrase_matches(word_hashes: &[u64], lex: &Lexicon, ctx: &mut [PosContext]) {
    if lex.gaz_phrases.is_empty() {
        return;
    }
    let n = word_hashes.len();
    let mut i = 0;
    while i < n {
        let mut h = 0u64;
        let mut best: Option<(usize, u8)> = None;
        for (j, &wh) in word_hashes
            .iter()
            .enumerate()
            .take(n.min(i + MAX_PHRASE))
            .skip(i)
        {
            h = phrase_step(h, wh);
            if j > i
                && let Some(&t) = lex.gaz_phrases.get(&h)
            {
                best = Some((j, t));
            }
            if !lex.gaz_prefixes.contains(&h) {
                break;
            }
        }
        match best {
            Some((j, types)) => {
                for t in 0..4u16 {
                    if types & (1 << t) == 0 {
                        continue;
                    }
                    for (k, c) in ctx[i..=j].iter_mut().enumerate() {
                        let pos = if k == 0 {
                            0
                        } else if i + k == j {
                            2
                        } else {
                            1
                        };
                        c.phrase_bits |= gaz_bit(usize::from(t), pos);
                    }
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

/// Is a sentence written in capitals: most of its cased words upper case.
pub fn is_caps_sentence(words: &[WordKeys]) -> bool {
    let upper = words.iter().filter(|w| w.cap == Cap::Upper).count();
    let cased = words
        .iter()
        .filter(|w| matches!(w.cap, Cap::Upper | Cap::Lower | Cap::Init | Cap::Mixed))
        .count();
    cased >= 2 && upper * 10 >= cased * 8
}

/// Document-level evidence bits for a word: 1 = seen elsewhere in the document capitalised
/// in mid-sentence, 2 = seen lower-case elsewhere.
pub const DOC_CAP_ELSEWHERE: u8 = 1;
/// Document-level evidence bit: the word is seen lower-case elsewhere in the document.
pub const DOC_LOWER_ELSEWHERE: u8 = 2;

/// Document-level bits for every token of every sentence (sentences given by their word keys,
/// unpadded, each with its caps-sentence flag).
pub fn doc_bits(sents: &[(&[WordKeys], bool)]) -> Vec<Vec<u8>> {
    let mut sets = DocSets::default();
    let mut flat = Vec::new();
    doc_bits_into(sents.iter().copied(), &mut sets, &mut flat);
    let mut out = Vec::with_capacity(sents.len());
    let mut k = 0;
    for (words, _) in sents {
        out.push(flat[k..k + words.len()].to_vec());
        k += words.len();
    }
    out
}

/// Reusable sets for [`doc_bits_into`].
#[derive(Default)]
pub struct DocSets {
    cap_mid: IdSet<u64>,
    lower: IdSet<u64>,
}

/// [`doc_bits`] into a flat vector (token after token), with reusable sets.
pub fn doc_bits_into<'a>(
    sents: impl Iterator<Item = (&'a [WordKeys], bool)> + Clone,
    sets: &mut DocSets,
    out: &mut Vec<u8>,
) {
    sets.cap_mid.clear();
    sets.lower.clear();
    out.clear();
    for (words, caps) in sents.clone() {
        if caps {
            continue;
        }
        for (i, w) in words.iter().enumerate() {
            match w.cap {
                Cap::Init | Cap::Mixed if i > 0 => {
                    sets.cap_mid.insert(w.lower_hash);
                }
                Cap::Lower => {
                    sets.lower.insert(w.lower_hash);
                }
                _ => {}
            }
        }
    }
    for (words, _) in sents {
        out.extend(words.iter().map(|w| {
            if matches!(w.cap, Cap::Lower | Cap::Digit | Cap::Punct | Cap::Other) {
                return 0;
            }
            let mut b = 0;
            if sets.cap_mid.contains(&w.lower_hash) {
                b |= DOC_CAP_ELSEWHERE;
            }
            if sets.lower.contains(&w.lower_hash) {
                b |= DOC_LOWER_ELSEWHERE;
            }
            b
        }));
    }
}

/// The text features see for a token: curly quotes and apostrophes made straight.
pub fn normalize(w: &str) -> std::borrow::Cow<'_, str> {
    if w.is_ascii() {
        return std::borrow::Cow::Borrowed(w);
    }
    std::borrow::Cow::Owned(
        w.chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{201B}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
                '\u{2013}' | '\u{2014}' => '-',
                c => c,
            })
            .collect(),
    )
}

/// Padding words before and after a sentence.
pub const PAD_START: &str = "<S>";
/// Padding word after a sentence.
pub const PAD_END: &str = "</S>";
