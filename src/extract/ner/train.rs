//! Training: reads CoNLL-2003, builds the gazetteers (jackknifed over the training documents,
//! so that the model learns how far to trust an entry it has not memorised), word clusters and
//! the true-case table from unlabeled news text, extracts features and runs the perceptron.
//! The caseless model is trained the same way on the lower-cased text.

use std::collections::HashMap;

use super::cluster;
use super::features::{
    IdMap, Lexicon, OFFSETS, PAD_END, PAD_START, PosContext, WordInfo, WordKeys, doc_bits,
    is_caps_sentence, normalize, offset_key, phrase_matches, positional_keys, used_at, word_info,
};
use super::model::Model;
use super::perceptron::{self, Seq, make_tag};

/// A CoNLL sentence: words and BILOU tag ids.
pub struct Sentence {
    /// The words, as written.
    pub words: Vec<String>,
    /// The BILOU tag id of each word.
    pub tags: Vec<u8>,
}

/// A CoNLL document: the sentences between two `-DOCSTART-` lines.
pub struct Document {
    /// Its sentences, in order.
    pub sents: Vec<Sentence>,
}

const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Entity chunks of IOB1/IOB2 tags, as conlleval reads them: (start, end exclusive, type).
pub fn chunks(tags: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().chain(std::iter::once(&"O")).enumerate() {
        let (prefix, typ) = tag.split_once('-').unwrap_or((tag, ""));
        let continues = prefix == "I" && cur.is_some_and(|(_, t)| t == typ);
        if !continues {
            if let Some((s, t)) = cur.take()
                && let Some(k) = TYPES.iter().position(|x| *x == t)
            {
                out.push((s, i, k));
            }
            if prefix == "B" || prefix == "I" {
                cur = Some((i, typ));
            }
        }
    }
    out
}

/// Reads a CoNLL-2003 file (`word POS chunk NER` lines, `-DOCSTART-` between documents).
pub fn read_conll(text: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut sents = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    let flush_sent = |words: &mut Vec<String>, tags: &mut Vec<&str>, sents: &mut Vec<Sentence>| {
        if words.is_empty() {
            return;
        }
        let mut bilou = vec![0u8; words.len()];
        for (s, e, t) in chunks(tags) {
            if e - s == 1 {
                bilou[s] = make_tag(t, 3) as u8;
            } else {
                bilou[s] = make_tag(t, 0) as u8;
                for b in &mut bilou[s + 1..e - 1] {
                    *b = make_tag(t, 1) as u8;
                }
                bilou[e - 1] = make_tag(t, 2) as u8;
            }
        }
        sents.push(Sentence {
            words: std::mem::take(words),
            tags: bilou,
        });
        tags.clear();
    };
    for line in text.lines() {
        let mut f = line.split_whitespace();
        let Some(word) = f.next() else {
            flush_sent(&mut words, &mut tags, &mut sents);
            continue;
        };
        if word == "-DOCSTART-" {
            flush_sent(&mut words, &mut tags, &mut sents);
            if !sents.is_empty() {
                docs.push(Document {
                    sents: std::mem::take(&mut sents),
                });
            }
            continue;
        }
        let tag = f.last().unwrap_or("O");
        words.push(word.to_string());
        tags.push(tag);
    }
    flush_sent(&mut words, &mut tags, &mut sents);
    if !sents.is_empty() {
        docs.push(Document { sents });
    }
    docs
}

/// The entities of a sentence: (start, end exclusive, type) from its BILOU tags.
pub fn entities(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &t) in tags.iter().enumerate() {
        let t = t as usize;
        let Some(typ) = perceptron::tag_type(t) else {
            continue;
        };
        match perceptron::tag_pos(t) {
            0 => start = i,
            2 => out.push((start, i + 1, typ)),
            3 => out.push((i, i + 1, typ)),
            _ => {}
        }
    }
    out
}

/// Entity strings counted over documents: phrase -> per-type counts.
type EntityCounts = HashMap<String, [u32; 4]>;

fn count_entities<'a>(docs: impl Iterator<Item = &'a Document>) -> EntityCounts {
    let mut counts = EntityCounts::new();
    for d in docs {
        for s in &d.sents {
            for (a, b, t) in entities(&s.tags) {
                let phrase = s.words[a..b].join(" ");
                counts.entry(phrase).or_default()[t] += 1;
            }
        }
    }
    counts
}

/// A lexicon's gazetteer part from entity counts: a type is listed for a phrase when it is at
/// least a fifth of the phrase's uses.
fn gazetteer(counts: &EntityCounts, base: &Lexicon) -> Lexicon {
    let mut lex = Lexicon {
        clusters: base.clusters.clone(),
        usual_case: base.usual_case.clone(),
        ..Lexicon::default()
    };
    let mut phrases: Vec<(&String, &[u32; 4])> = counts.iter().collect();
    phrases.sort();
    for (phrase, c) in phrases {
        let total: u32 = c.iter().sum();
        let mut types = 0u8;
        for (t, &n) in c.iter().enumerate() {
            if n * 5 >= total {
                types |= 1 << t;
            }
        }
        let words: Vec<&str> = phrase.split(' ').collect();
        for (k, w) in words.iter().enumerate() {
            let pos = if words.len() == 1 {
                3
            } else if k == 0 {
                0
            } else if k + 1 == words.len() {
                2
            } else {
                1
            };
            let e = lex.gaz_tokens.entry((*w).to_string()).or_default();
            for t in 0..4 {
                if types & (1 << t) != 0 {
                    *e |= super::features::gaz_bit(t, pos);
                }
            }
        }
        if words.len() > 1 && words.len() <= super::features::MAX_PHRASE {
            lex.add_phrase_str(phrase.clone(), types);
        }
    }
    lex
}

/// Options for [`train`].
pub struct Options {
    /// Passes of the perceptron over the training sentences.
    pub epochs: usize,
    /// Weights below this (absolute) are dropped from the shipped model.
    pub prune: f32,
    /// Cluster counts, coarse to fine (empty: no clusters).
    pub cluster_sizes: Vec<usize>,
    /// Passes of the exchange algorithm at the finest cluster count (coarser ones take twice as
    /// many).
    pub cluster_iterations: usize,
    /// Documents are split into this many folds for the jackknifed gazetteers.
    pub folds: usize,
    /// Train the caseless model: on lower-cased text, with clusters of lower-cased words and
    /// each word's usual capitals in cased news as features.
    pub caseless: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 12,
            prune: 0.05,
            cluster_sizes: vec![40, 160],
            cluster_iterations: 8,
            folds: 10,
            caseless: false,
        }
    }
}

/// Sentences of feature-ready features of a document: per sentence, padded word infos.
pub struct DocFeatures {
    /// Its sentences, in order.
    pub sents: Vec<SentFeatures>,
}

/// One sentence's features.
pub struct SentFeatures {
    /// Word keys of the sentence padded with two `<S>` before and two `</S>` after.
    pub keys: Vec<WordKeys>,
    /// Per-token context (gazetteer phrases, document bits) of the unpadded tokens.
    pub ctx: Vec<PosContext>,
    /// Whether the sentence is written in capitals.
    pub caps: bool,
}

/// Computes everything per-position for sentences of (normalised) words.
pub fn doc_features(
    sents: &[Vec<&str>],
    lex: &Lexicon,
    infos: &mut HashMap<String, WordInfo>,
) -> DocFeatures {
    let mut out = Vec::with_capacity(sents.len());
    for words in sents {
        let mut keys = Vec::with_capacity(words.len() + 4);
        for w in [PAD_START, PAD_START]
            .iter()
            .chain(words.iter())
            .chain([PAD_END, PAD_END].iter())
        {
            let info = infos
                .entry((*w).to_string())
                .or_insert_with(|| word_info(w, lex));
            keys.push(info.keys);
        }
        let caps = is_caps_sentence(&keys[2..keys.len() - 2]);
        let mut ctx = vec![PosContext::default(); words.len()];
        let hashes: Vec<u64> = keys[2..keys.len() - 2]
            .iter()
            .map(|k| k.word_hash)
            .collect();
        phrase_matches(&hashes, lex, &mut ctx);
        out.push(SentFeatures { keys, ctx, caps });
    }
    let refs: Vec<(&[WordKeys], bool)> = out
        .iter()
        .map(|s| (&s.keys[2..s.keys.len() - 2], s.caps))
        .collect();
    let bits = doc_bits(&refs);
    for (s, b) in out.iter_mut().zip(bits) {
        for (c, b) in s.ctx.iter_mut().zip(b) {
            c.doc_bits = b;
        }
    }
    DocFeatures { sents: out }
}

/// Trains a model from the text of a CoNLL file, with `unlabeled`, a corpus of news text
/// ([`cluster::add_news_file`]), for the word clusters and the true-case table. `log`
/// receives progress lines.
pub fn train(
    conll: &str,
    mut corpus: cluster::Corpus,
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Model {
    let mut docs = read_conll(conll);
    log(&format!(
        "CoNLL: {} documents, {} sentences",
        docs.len(),
        docs.iter().map(|d| d.sents.len()).sum::<usize>()
    ));
    let started = std::time::Instant::now();
    // Unlabeled text: clusters and true-case table. The CoNLL training words join it.
    for d in &docs {
        for s in &d.sents {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            corpus.add_sentence(&words);
        }
    }
    log(&format!(
        "unlabeled corpus: {} tokens, {} types ({:.1}s)",
        corpus.n_tokens(),
        corpus.n_types(),
        started.elapsed().as_secs_f64()
    ));
    let mut base = Lexicon::default();
    let mut truecase = HashMap::new();
    if opts.caseless {
        base.usual_case = corpus.usual_case_table();
        corpus = corpus.folded();
        for w in docs
            .iter_mut()
            .flat_map(|d| &mut d.sents)
            .flat_map(|s| &mut s.words)
        {
            *w = w.to_lowercase();
        }
        log(&format!(
            "caseless: {} words with their usual case",
            base.usual_case.len()
        ));
    } else {
        truecase = corpus.truecase_table();
    }
    if !opts.cluster_sizes.is_empty() {
        base.clusters = cluster::clusters(
            &corpus,
            &opts.cluster_sizes,
            opts.cluster_iterations,
            &mut log,
        );
        log(&format!(
            "clusters: {} words ({:.1}s)",
            base.clusters.len(),
            started.elapsed().as_secs_f64()
        ));
    }
    drop(corpus);

    // Jackknifed gazetteers: fold f's documents see the entities of the other folds only.
    let folds = opts.folds.max(2);
    let fold_lex: Vec<Lexicon> = (0..folds)
        .map(|f| {
            let counts = count_entities(
                docs.iter()
                    .enumerate()
                    .filter(|(i, _)| i % folds != f)
                    .map(|(_, d)| d),
            );
            gazetteer(&counts, &base)
        })
        .collect();

    let mut ids: IdMap<u64, u32> = IdMap::default();
    let mut keys_by_id: Vec<u64> = Vec::new();
    let mut seqs = Vec::new();
    let mut feats_buf = Vec::new();
    for (f, lex) in fold_lex.iter().enumerate() {
        let mut infos = HashMap::new();
        for d in docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == f)
            .map(|(_, d)| d)
        {
            let words: Vec<Vec<std::borrow::Cow<str>>> = d
                .sents
                .iter()
                .map(|s| s.words.iter().map(|w| normalize(w)).collect())
                .collect();
            let refs: Vec<Vec<&str>> = words
                .iter()
                .map(|s| s.iter().map(|w| w.as_ref()).collect())
                .collect();
            let df = doc_features(&refs, lex, &mut infos);
            for ((s, sf), ws) in d.sents.iter().zip(&df.sents).zip(&refs) {
                let mut seq = Seq {
                    feats: Vec::new(),
                    offs: vec![0],
                    gold: s.tags.clone(),
                };
                for i in 0..ws.len() {
                    feats_buf.clear();
                    for &off in &OFFSETS {
                        let w = match (i as i32 + off).clamp(-2, ws.len() as i32 + 1) {
                            k if k < 0 => PAD_START,
                            k if k >= ws.len() as i32 => PAD_END,
                            k => ws[k as usize],
                        };
                        let info = &infos[w];
                        for &(kind, a) in &info.attrs {
                            if used_at(kind, off) {
                                feats_buf.push(offset_key(a, off));
                            }
                        }
                    }
                    positional_keys(&sf.keys, &sf.ctx, i, sf.caps, &mut feats_buf);
                    for &k in &feats_buf {
                        let next = ids.len() as u32;
                        let id = *ids.entry(k).or_insert_with(|| {
                            keys_by_id.push(k);
                            next
                        });
                        seq.feats.push(id);
                    }
                    seq.offs.push(seq.feats.len() as u32);
                }
                seqs.push(seq);
            }
        }
    }
    log(&format!(
        "features: {} distinct, {} sequences ({:.1}s)",
        ids.len(),
        seqs.len(),
        started.elapsed().as_secs_f64()
    ));
    drop(ids);
    let trained = perceptron::train(&seqs, keys_by_id.len(), opts.epochs, |e, err| {
        log(&format!("epoch {}: token error rate {:.4}", e + 1, err));
    });
    log(&format!(
        "perceptron done ({:.1}s)",
        started.elapsed().as_secs_f64()
    ));
    let full = gazetteer(&count_entities(docs.iter()), &base);
    let mut model = Model::from_weights(
        &keys_by_id,
        &trained.emit,
        trained.trans,
        opts.prune,
        full,
        truecase,
    );
    model.caseless = opts.caseless;
    log(&format!("model: {} features kept", model.n_features()));
    model
}
