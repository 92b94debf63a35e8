//! A memoising English stemmer filter. Snowball stemming was a tenth of indexing CPU, and
//! news prose repeats a small vocabulary, so each analyzer instance remembers the stems it
//! has computed. The stems are exactly tantivy's `Stemmer(English)` ones.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Entries kept before the cache is cleared: bounds memory on odd, huge vocabularies.
const CAPACITY: usize = 100_000;

/// Tokens longer than this are stemmed without caching (rare, not worth the memory).
const MAX_CACHED_LEN: usize = 24;

/// The filter: `TextAnalyzer::builder(..).filter(CachedStemmer)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: Stems::default(),
        }
    }
}

/// A cached word, stored in the table itself: comparing a probed entry then reads no other
/// memory (boxed keys made each lookup a cache miss, and the lookups half the stemming cost).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Word {
    len: u8,
    bytes: [u8; MAX_CACHED_LEN],
}

impl Word {
    fn new(text: &str) -> Option<Word> {
        let mut bytes = [0u8; MAX_CACHED_LEN];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(Word {
            len: text.len() as u8,
            bytes,
        })
    }
}

/// Word → stem, `None` when the stem is the word itself (most words: no copy stored).
#[derive(Default)]
struct Stems {
    map: FxHashMap<Word, Option<Box<str>>>,
}

impl Clone for Stems {
    /// A clone starts empty: analyzers are cloned per thread, and caches need not travel.
    fn clone(&self) -> Self {
        Stems::default()
    }
}

impl Stems {
    fn stem_in_place(&mut self, stemmer: &frostem::Stemmer, text: &mut String) {
        let Some(word) = Word::new(text) else {
            let stem = stemmer.stem(text).into_owned();
            *text = stem;
            return;
        };
        if let Some(stem) = self.map.get(&word) {
            if let Some(s) = stem {
                text.clear();
                text.push_str(s);
            }
            return;
        }
        let stem = stemmer.stem(text);
        let entry = (stem != text.as_str()).then(|| Box::<str>::from(stem.as_ref()));
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(word, entry.clone());
        if let Some(s) = entry {
            text.clear();
            text.push_str(&s);
        }
    }
}

/// The tokenizer [`CachedStemmer`] makes: `inner`'s tokens, stemmed.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: Stems,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut Stems,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.cache.stem_in_place(&self.stemmer, &mut token.text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_exactly_like_tantivys_stemmer_twice_over() {
        let text = "Expanding NATO expansion expanded; the presidents' elections \
                    were electing running runners ran quickly quickness internationalisations \
                    counterrevolutionarinesses naïvely cafés";
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let want = tokens(&mut plain, text);
        assert_eq!(tokens(&mut cached, text), want);
        // Second pass is served from the cache and must agree too.
        assert_eq!(tokens(&mut cached, text), want);
        assert!(want.contains(&"expans".to_string()) || want.contains(&"expand".to_string()));
    }

    #[test]
    fn cache_is_bounded() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let mut stems = Stems::default();
        for i in 0..(CAPACITY + 10) {
            let mut w = format!("word{i}ing");
            stems.stem_in_place(&stemmer, &mut w);
        }
        assert!(stems.map.len() <= CAPACITY);
    }
}
