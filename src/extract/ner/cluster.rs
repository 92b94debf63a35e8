//! Unlabeled news text for the tagger: word clusters (the exchange algorithm of Kneser & Ney /
//! Martin et al., a flat cousin of Brown clustering: words that share neighbouring word
//! classes land in the same class) and the true-case table used for upper-case articles.
//!
//! The finest clustering runs on the words; coarser ones cluster the fine classes themselves
//! with the same algorithm, which keeps them nested and cheap.

use std::collections::HashMap;

use super::features::{Cap, NCL, cap_class, normalize, usual_case_code};
use crate::extract::token::tokenize;

const BOUNDARY: u32 = u32::MAX;

/// Token ids of unlabeled sentences with their vocabulary.
#[derive(Default)]
pub struct Corpus {
    vocab: HashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u64>,
    /// Occurrences not at a sentence start nor after a quote or colon (for true-casing).
    mid: Vec<u64>,
    seq: Vec<u32>,
}

impl Corpus {
    /// Number of tokens added, sentence boundaries included.
    pub fn n_tokens(&self) -> usize {
        self.seq.len()
    }
    /// Number of distinct words.
    pub fn n_types(&self) -> usize {
        self.words.len()
    }

    /// Adds one sentence of (normalised) words.
    pub fn add_sentence(&mut self, words: &[&str]) {
        self.seq.push(BOUNDARY);
        let mut prev = "";
        for (i, w) in words.iter().enumerate() {
            let id = match self.vocab.get(*w) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.vocab.insert((*w).to_string(), id);
                    self.words.push((*w).to_string());
                    self.counts.push(0);
                    self.mid.push(0);
                    id
                }
            };
            self.counts[id as usize] += 1;
            if i > 0 && !matches!(prev, "\"" | "'" | ":" | "`" | "``" | "(" | "-" | "--") {
                self.mid[id as usize] += 1;
            }
            self.seq.push(id);
            prev = w;
        }
    }

    /// Lower-case form -> usual spelling, for words whose mid-sentence spelling is nearly
    /// always not lower case (names, acronyms). Words missing from the table are lower-cased.
    pub fn truecase_table(&self) -> HashMap<String, String> {
        let mut best: HashMap<String, (u64, u64, usize)> = HashMap::new(); // total, best count, id
        for (id, w) in self.words.iter().enumerate() {
            let n = self.mid[id];
            if n == 0 || !w.chars().any(char::is_alphabetic) {
                continue;
            }
            let e = best.entry(w.to_lowercase()).or_insert((0, 0, id));
            e.0 += n;
            if n > e.1 {
                e.1 = n;
                e.2 = id;
            }
        }
        best.into_iter()
            .filter_map(|(lower, (total, n, id))| {
                let w = &self.words[id];
                // Only words almost always capitalised: "Kennedy", "NATO", not "National".
                (n >= 3 && n * 10 >= total * 9 && *w != lower).then(|| (lower, w.clone()))
            })
            .collect()
    }
}

impl Corpus {
    /// Lower-case word -> [`usual_case_code`] of how it is written mid-sentence, for words
    /// seen there at least twice: what the caseless model knows of a word's capitals.
    pub fn usual_case_table(&self) -> HashMap<String, u16> {
        // lower -> (uses, capitalised uses, commonest capitalised spelling and its count)
        let mut stats: HashMap<String, (u64, u64, usize, u64)> = HashMap::new();
        for (id, w) in self.words.iter().enumerate() {
            let n = self.mid[id];
            if n == 0 || !w.chars().any(char::is_alphabetic) {
                continue;
            }
            let e = stats.entry(w.to_lowercase()).or_insert((0, 0, id, 0));
            e.0 += n;
            if w.chars().any(char::is_uppercase) {
                e.1 += n;
                if n > e.3 {
                    e.2 = id;
                    e.3 = n;
                }
            }
        }
        stats
            .into_iter()
            .filter(|(_, s)| s.0 >= 2)
            .map(|(lower, (total, caps, id, _))| {
                let spelling = if caps == 0 {
                    Cap::Lower
                } else {
                    cap_class(&self.words[id])
                };
                (lower, usual_case_code(caps, total, spelling))
            })
            .collect()
    }

    /// The same text with every word lower-cased.
    pub fn folded(&self) -> Corpus {
        let mut out = Corpus::default();
        let mut map = Vec::with_capacity(self.words.len());
        for (id, w) in self.words.iter().enumerate() {
            let lower = w.to_lowercase();
            let new = match out.vocab.get(&lower) {
                Some(&n) => n,
                None => {
                    let n = out.words.len() as u32;
                    out.vocab.insert(lower.clone(), n);
                    out.words.push(lower);
                    out.counts.push(0);
                    out.mid.push(0);
                    n
                }
            };
            out.counts[new as usize] += self.counts[id];
            out.mid[new as usize] += self.mid[id];
            map.push(new);
        }
        out.seq = self
            .seq
            .iter()
            .map(|&id| if id == BOUNDARY { id } else { map[id as usize] })
            .collect();
        out
    }
}

/// Adds the text of one news file to the corpus, by its extension `ext`: `.jsonl`/`.json`
/// records' `body` fields, or a text file's body (a `Key: value` header block is skipped).
/// Other files add nothing. Reading the files is the caller's (extraction does no I/O).
pub fn add_news_file(ext: &str, text: &str, corpus: &mut Corpus) {
    if ext == "jsonl" || ext == "json" {
        for line in text.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                && let Some(body) = v.get("body").and_then(|b| b.as_str())
            {
                add_text(body, corpus);
            }
        }
    } else if ext == "txt" {
        add_text(skip_header(text), corpus);
    }
}

fn skip_header(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.is_empty() {
            return if offset > 0 { &text[offset..] } else { text };
        }
        let is_field = t.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.len() < 20 && k.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if !is_field {
            return text;
        }
        offset += line.len();
    }
    text
}

fn add_text(body: &str, corpus: &mut Corpus) {
    let tokens = tokenize(body);
    for range in super::sentences(body, &tokens) {
        let words: Vec<std::borrow::Cow<str>> = tokens[range]
            .iter()
            .map(|t| normalize(t.text(body)))
            .collect();
        let refs: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
        corpus.add_sentence(&refs);
    }
}

/// x ln x, tabulated for small counts.
struct XLogX {
    table: Vec<f64>,
}

impl XLogX {
    fn new(n: usize) -> Self {
        XLogX {
            table: (0..n)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        }
    }
    #[inline]
    fn f(&self, x: i64) -> f64 {
        match self.table.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Bigram statistics of items 0..n (items n and n+1 are fixed: boundary and rare words).
struct Bigrams {
    n: usize,
    left: Vec<Vec<(u32, i64)>>,
    right: Vec<Vec<(u32, i64)>>,
    selfs: Vec<i64>,
}

/// Exchange clustering of `bi.n` items into `c` classes; fixed items keep classes c, c+1.
fn exchange(bi: &Bigrams, init: Vec<u32>, c: usize, iterations: usize, f: &XLogX) -> Vec<u32> {
    let d = c + 2;
    let mut class = init;
    class.push(c as u32);
    class.push(c as u32 + 1);
    let mut n = vec![0i64; d * d]; // n[a * d + b]: class a followed by class b
    let mut nt = vec![0i64; d * d]; // transposed
    for (w, rs) in bi.right.iter().enumerate() {
        for &(v, k) in rs {
            n[class[w] as usize * d + class[v as usize] as usize] += k;
        }
    }
    for a in 0..d {
        for b in 0..d {
            nt[b * d + a] = n[a * d + b];
        }
    }
    let mut nl: Vec<i64> = (0..d).map(|a| n[a * d..(a + 1) * d].iter().sum()).collect();
    let mut nr: Vec<i64> = (0..d)
        .map(|b| nt[b * d..(b + 1) * d].iter().sum())
        .collect();
    let mut lw = vec![0i64; d];
    let mut rw = vec![0i64; d];
    let mut tl: Vec<usize> = Vec::new();
    let mut tr: Vec<usize> = Vec::new();
    for _ in 0..iterations {
        let mut moved = 0;
        for w in 0..bi.n {
            let s = bi.selfs[w];
            tl.clear();
            tr.clear();
            for &(v, k) in &bi.left[w] {
                if v as usize == w {
                    continue;
                }
                let cv = class[v as usize] as usize;
                if lw[cv] == 0 {
                    tl.push(cv);
                }
                lw[cv] += k;
            }
            for &(v, k) in &bi.right[w] {
                if v as usize == w {
                    continue;
                }
                let cv = class[v as usize] as usize;
                if rw[cv] == 0 {
                    tr.push(cv);
                }
                rw[cv] += k;
            }
            let nlw: i64 = tr.iter().map(|&k| rw[k]).sum::<i64>() + s;
            let nrw: i64 = tl.iter().map(|&k| lw[k]).sum::<i64>() + s;
            // Take w out of its class.
            let a = class[w] as usize;
            let apply = |n: &mut Vec<i64>,
                         nt: &mut Vec<i64>,
                         nl: &mut Vec<i64>,
                         nr: &mut Vec<i64>,
                         cl: usize,
                         sign: i64| {
                for &k in &tl {
                    n[k * d + cl] += sign * lw[k];
                    nt[cl * d + k] += sign * lw[k];
                }
                for &k in &tr {
                    n[cl * d + k] += sign * rw[k];
                    nt[k * d + cl] += sign * rw[k];
                }
                n[cl * d + cl] += sign * s;
                nt[cl * d + cl] += sign * s;
                nl[cl] += sign * nlw;
                nr[cl] += sign * nrw;
            };
            // Note: lw[a]/rw[a] count neighbours in w's own class; after removal they still
            // sit in class a, which `apply` handles since the cell (a,a) receives both.
            apply(&mut n, &mut nt, &mut nl, &mut nr, a, -1);
            let mut best = a;
            let mut best_gain = f64::NEG_INFINITY;
            for cand in 0..c {
                let mut g = 0.0;
                let row = &n[cand * d..(cand + 1) * d];
                let col = &nt[cand * d..(cand + 1) * d];
                for &k in &tl {
                    if k != cand {
                        let x = col[k];
                        g += f.f(x + lw[k]) - f.f(x);
                    }
                }
                for &k in &tr {
                    if k != cand {
                        let x = row[k];
                        g += f.f(x + rw[k]) - f.f(x);
                    }
                }
                let x = row[cand];
                g += f.f(x + lw[cand] + rw[cand] + s) - f.f(x);
                g -= f.f(nl[cand] + nlw) - f.f(nl[cand]);
                g -= f.f(nr[cand] + nrw) - f.f(nr[cand]);
                if g > best_gain + 1e-9 || (cand == a && g >= best_gain - 1e-9) {
                    best_gain = g;
                    best = cand;
                }
            }
            apply(&mut n, &mut nt, &mut nl, &mut nr, best, 1);
            if best != a {
                moved += 1;
                class[w] = best as u32;
            }
            for &k in &tl {
                lw[k] = 0;
            }
            for &k in &tr {
                rw[k] = 0;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class.truncate(bi.n);
    class
}

/// Bigram lists from a sequence of item ids (ids >= n are fixed items).
fn bigrams(n: usize, pairs: impl Iterator<Item = (u32, u32, i64)>) -> Bigrams {
    let mut right: Vec<HashMap<u32, i64>> = vec![HashMap::new(); n + 2];
    let mut left: Vec<HashMap<u32, i64>> = vec![HashMap::new(); n + 2];
    for (a, b, k) in pairs {
        *right[a as usize].entry(b).or_default() += k;
        *left[b as usize].entry(a).or_default() += k;
    }
    let selfs = (0..n)
        .map(|w| right[w].get(&(w as u32)).copied().unwrap_or(0))
        .collect();
    let sort = |m: Vec<HashMap<u32, i64>>| -> Vec<Vec<(u32, i64)>> {
        m.into_iter()
            .map(|h| {
                let mut v: Vec<(u32, i64)> = h.into_iter().collect();
                v.sort_unstable();
                v
            })
            .collect()
    };
    Bigrams {
        n,
        left: sort(left),
        right: sort(right),
        selfs,
    }
}

/// Clusters the corpus' frequent words at the given sizes (coarse to fine; the last is run on
/// words, the others on the classes of the next finer one). Returns word -> class per size.
pub fn clusters(
    corpus: &Corpus,
    sizes: &[usize],
    iterations: usize,
    log: &mut impl FnMut(&str),
) -> HashMap<String, [u16; NCL]> {
    const MIN_COUNT: u64 = 3;
    const MAX_WORDS: usize = 60_000;
    let mut order: Vec<usize> = (0..corpus.words.len())
        .filter(|&i| corpus.counts[i] >= MIN_COUNT)
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(corpus.counts[i]), i));
    order.truncate(MAX_WORDS);
    let v = order.len();
    let mut item = vec![u32::MAX; corpus.words.len()];
    for (k, &i) in order.iter().enumerate() {
        item[i] = k as u32;
    }
    let fixed_boundary = v as u32;
    let fixed_rare = v as u32 + 1;
    let map = |id: u32| -> u32 {
        if id == BOUNDARY {
            fixed_boundary
        } else if item[id as usize] == u32::MAX {
            fixed_rare
        } else {
            item[id as usize]
        }
    };
    let f = XLogX::new(1 << 20);
    let mut all: Vec<Vec<u32>> = Vec::new();
    let Some((&finest, coarser)) = sizes.split_last() else {
        return HashMap::new();
    };
    let bi = bigrams(v, corpus.seq.windows(2).map(|p| (map(p[0]), map(p[1]), 1)));
    let started = std::time::Instant::now();
    let init: Vec<u32> = (0..v).map(|k| (k % finest) as u32).collect();
    let fine = exchange(&bi, init, finest, iterations, &f);
    log(&format!(
        "  {finest} clusters over {v} words ({:.1}s)",
        started.elapsed().as_secs_f64()
    ));
    all.push(fine.clone());
    // Coarser levels: cluster the classes of the finer level.
    let mut cur = fine;
    let mut cur_n = finest;
    for &size in coarser.iter().rev() {
        let pairs: HashMap<(u32, u32), i64> = bi
            .right
            .iter()
            .enumerate()
            .flat_map(|(w, rs)| rs.iter().map(move |&(x, k)| (w, x, k)))
            .fold(HashMap::new(), |mut m, (w, x, k)| {
                let cw = if w < v {
                    cur[w]
                } else {
                    (cur_n + w - v) as u32
                };
                let cx = if (x as usize) < v {
                    cur[x as usize]
                } else {
                    (cur_n + x as usize - v) as u32
                };
                *m.entry((cw, cx)).or_default() += k;
                m
            });
        let cbi = bigrams(cur_n, pairs.into_iter().map(|((a, b), k)| (a, b, k)));
        let init: Vec<u32> = (0..cur_n).map(|k| (k % size) as u32).collect();
        let classes = exchange(&cbi, init, size, iterations * 2, &f);
        let words: Vec<u32> = cur.iter().map(|&c| classes[c as usize]).collect();
        all.push(words.clone());
        cur = words;
        cur_n = size;
    }
    all.reverse(); // coarse to fine
    let mut out = HashMap::with_capacity(v);
    for (k, &i) in order.iter().enumerate() {
        let mut ids = [0u16; NCL];
        for (g, level) in all.iter().enumerate().take(NCL) {
            ids[g] = level[k] as u16;
        }
        out.insert(corpus.words[i].clone(), ids);
    }
    out
}
