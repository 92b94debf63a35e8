//! The shipped model: feature weights, transition scores, gazetteers, word clusters and the
//! true-case table, with its compact file format (varints, quantised weights, deflate).
//!
//! File layout (after deflate): magic, scale, transitions, then the feature keys (the high 32
//! bits of each 64-bit feature hash, sorted, delta-coded) with their non-zero tag mask and
//! quantised weights, then the lexicon tables as strings; a caseless model adds its flag and
//! usual-case table at the end.

use std::collections::HashMap;
use std::io::{Read, Write};

use super::features::{IdMap, Lexicon, NCL, NT};
use super::perceptron::TRANS_DIM;

const MAGIC: &[u8; 8] = b"NDXNER02";

/// Weights, transitions and side tables, ready to tag.
#[derive(Default)]
pub struct Model {
    /// High 32 bits of a feature key -> row in `rows`.
    pub keys: IdMap<u32, u32>,
    /// `rows[r * NT + t]`: weight of feature row r for tag t.
    pub rows: Vec<f32>,
    /// Transition scores: `trans[prev * TRANS_DIM + next]`, the boundary at index `NT`.
    pub trans: Vec<f32>,
    /// Gazetteers and word clusters the features read.
    pub lex: Lexicon,
    /// Lower-case word -> its usual spelling, for words usually not written in lower case.
    pub truecase: HashMap<String, String>,
    /// Trained on lower-cased text: it tags the lower-cased words of caseless text.
    pub caseless: bool,
}

/// The high 32 bits of a 64-bit feature key: what [`Model::keys`] is keyed by.
#[inline]
pub fn key32(key: u64) -> u32 {
    (key >> 32) as u32
}

impl Model {
    /// Adds the weights of feature `key` (if known) to `acc`.
    #[inline]
    pub fn add(&self, key: u64, acc: &mut [f32; NT]) {
        if let Some(&r) = self.keys.get(&key32(key)) {
            let row = &self.rows[r as usize * NT..(r as usize + 1) * NT];
            for t in 0..NT {
                acc[t] += row[t];
            }
        }
    }

    /// Builds a model from trained weights (`emit[f * NT + t]` for the keys in `keys`),
    /// dropping weights below `prune` in absolute value.
    pub fn from_weights(
        keys: &[u64],
        emit: &[f32],
        trans: Vec<f32>,
        prune: f32,
        lex: Lexicon,
        truecase: HashMap<String, String>,
    ) -> Model {
        let mut entries: Vec<(u32, [f32; NT])> = Vec::new();
        for (f, &k) in keys.iter().enumerate() {
            let mut row = [0.0f32; NT];
            let mut any = false;
            for t in 0..NT {
                let w = emit[f * NT + t];
                if w.abs() >= prune {
                    row[t] = w;
                    any = true;
                }
            }
            if any {
                entries.push((key32(k), row));
            }
        }
        entries.sort_by_key(|e| e.0);
        entries.dedup_by(|b, a| {
            if a.0 == b.0 {
                for t in 0..NT {
                    a.1[t] += b.1[t];
                }
                true
            } else {
                false
            }
        });
        let mut model = Model {
            trans,
            lex,
            truecase,
            ..Model::default()
        };
        model.keys.reserve(entries.len());
        model.rows.reserve(entries.len() * NT);
        for (r, (k, row)) in entries.into_iter().enumerate() {
            model.keys.insert(k, r as u32);
            model.rows.extend_from_slice(&row);
        }
        model
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Serialises the model, deflate-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Vec::new();
        w.extend_from_slice(MAGIC);
        let max = self
            .rows
            .iter()
            .fold(0.0f32, |m, x| m.max(x.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        w.extend_from_slice(&scale.to_le_bytes());
        for &x in &self.trans {
            w.extend_from_slice(&x.to_le_bytes());
        }
        let mut keyed: Vec<(u32, u32)> = self.keys.iter().map(|(&k, &r)| (k, r)).collect();
        keyed.sort_unstable();
        varint(&mut w, keyed.len() as u64);
        let mut prev = 0u32;
        for &(k, _) in &keyed {
            varint(&mut w, u64::from(k - prev));
            prev = k;
        }
        for &(_, r) in &keyed {
            let row = &self.rows[r as usize * NT..(r as usize + 1) * NT];
            let q: Vec<i64> = row.iter().map(|x| (x / scale).round() as i64).collect();
            let mask = q
                .iter()
                .enumerate()
                .fold(0u64, |m, (t, &v)| if v != 0 { m | 1 << t } else { m });
            varint(&mut w, mask);
            for &v in q.iter().filter(|&&v| v != 0) {
                varint(&mut w, ((v << 1) ^ (v >> 63)) as u64);
            }
        }
        let mut gaz: Vec<(&String, &u16)> = self.lex.gaz_tokens.iter().collect();
        gaz.sort();
        varint(&mut w, gaz.len() as u64);
        for (s, &bits) in gaz {
            string(&mut w, s);
            varint(&mut w, u64::from(bits));
        }
        varint(&mut w, self.lex.phrase_list.len() as u64);
        for (s, t) in &self.lex.phrase_list {
            string(&mut w, s);
            varint(&mut w, u64::from(*t));
        }
        let mut cl: Vec<(&String, &[u16; NCL])> = self.lex.clusters.iter().collect();
        cl.sort();
        varint(&mut w, cl.len() as u64);
        for (s, c) in cl {
            string(&mut w, s);
            for &x in c {
                varint(&mut w, u64::from(x));
            }
        }
        let mut tc: Vec<&String> = self.truecase.values().collect();
        tc.sort();
        varint(&mut w, tc.len() as u64);
        for s in tc {
            string(&mut w, s);
        }
        // The caseless section is optional: a cased model's file ends here.
        if self.caseless || !self.lex.usual_case.is_empty() {
            varint(&mut w, u64::from(self.caseless));
            let mut uc: Vec<(&String, &u16)> = self.lex.usual_case.iter().collect();
            uc.sort();
            varint(&mut w, uc.len() as u64);
            for (s, &code) in uc {
                string(&mut w, s);
                varint(&mut w, u64::from(code));
            }
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&w);
        enc.finish().unwrap_or_default()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(ModelError::Deflate)?;
        let mut r = Reader { b: &raw, i: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let scale = r.f32()?;
        let mut m = Model::default();
        for _ in 0..TRANS_DIM * TRANS_DIM {
            m.trans.push(r.f32()?);
        }
        let n = r.varint()? as usize;
        m.keys.reserve(n);
        m.rows.reserve(n * NT);
        let mut k = 0u64;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            k += r.varint()?;
            keys.push(k as u32);
        }
        for (row, &k) in keys.iter().enumerate() {
            let mask = r.varint()?;
            for t in 0..NT {
                let v = if mask & (1 << t) != 0 {
                    let z = r.varint()?;
                    ((z >> 1) as i64 ^ -((z & 1) as i64)) as f32 * scale
                } else {
                    0.0
                };
                m.rows.push(v);
            }
            m.keys.insert(k, row as u32);
        }
        let n = r.varint()? as usize;
        m.lex.gaz_tokens.reserve(n);
        for _ in 0..n {
            let s = r.string()?;
            let bits = r.varint()? as u16;
            m.lex.gaz_tokens.insert(s, bits);
        }
        let n = r.varint()? as usize;
        for _ in 0..n {
            let s = r.string()?;
            let t = r.varint()? as u8;
            m.lex.add_phrase_str(s, t);
        }
        let n = r.varint()? as usize;
        m.lex.clusters.reserve(n);
        for _ in 0..n {
            let s = r.string()?;
            let mut c = [0u16; NCL];
            for x in &mut c {
                *x = r.varint()? as u16;
            }
            m.lex.clusters.insert(s, c);
        }
        let n = r.varint()? as usize;
        m.truecase.reserve(n);
        for _ in 0..n {
            let s = r.string()?;
            m.truecase.insert(s.to_lowercase(), s);
        }
        if r.i < r.b.len() {
            m.caseless = r.varint()? != 0;
            let n = r.varint()? as usize;
            m.lex.usual_case.reserve(n);
            for _ in 0..n {
                let s = r.string()?;
                let code = r.varint()? as u16;
                m.lex.usual_case.insert(s, code);
            }
        }
        Ok(m)
    }
}

/// Why bytes are no model [`Model::from_bytes`] can read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes are no deflate stream.
    #[error("model: bad deflate stream: {0}")]
    Deflate(std::io::Error),
    /// The stream does not begin as a model does.
    #[error("model: bad magic")]
    Magic,
    /// The stream ends inside a value.
    #[error("model: truncated")]
    Truncated,
    /// A variable-length number runs past 64 bits.
    #[error("model: bad varint")]
    Varint,
    /// A string is not UTF-8.
    #[error("model: bad string")]
    String,
}

fn varint(w: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        w.push((x as u8) | 0x80);
        x >>= 7;
    }
    w.push(x as u8);
}

fn string(w: &mut Vec<u8>, s: &str) {
    varint(w, s.len() as u64);
    w.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .b
            .get(self.i..self.i.saturating_add(n))
            .ok_or(ModelError::Truncated)?;
        self.i += n;
        Ok(s)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let s = self.take(4)?;
        Ok(f32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            x |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err(ModelError::Varint)
    }
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.varint()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| ModelError::String)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_weights_and_tables() {
        let keys = [
            0x1234_5678_0000_0001u64,
            0xdead_beef_0000_0002,
            0x0000_0001_0000_0003,
        ];
        let mut emit = vec![0.0f32; keys.len() * NT];
        emit[3] = 1.5;
        emit[NT + 16] = -0.75;
        emit[2 * NT] = 0.01; // pruned: the feature disappears
        let trans: Vec<f32> = (0..TRANS_DIM * TRANS_DIM).map(|i| i as f32 * 0.1).collect();
        let mut lex = Lexicon::default();
        lex.gaz_tokens.insert("Putin".into(), 0b1100);
        lex.add_phrase_str("Vladimir Putin".into(), 1);
        lex.clusters.insert("Moscow".into(), [3, 17, 250]);
        let truecase: HashMap<String, String> = [("nato".to_string(), "NATO".to_string())].into();
        let m = Model::from_weights(&keys, &emit, trans.clone(), 0.05, lex, truecase);
        assert_eq!(m.n_features(), 2);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.n_features(), 2);
        let mut acc = [0.0f32; NT];
        back.add(keys[0], &mut acc);
        assert!((acc[3] - 1.5).abs() < 1e-3, "{acc:?}");
        let mut acc = [0.0f32; NT];
        back.add(keys[1], &mut acc);
        assert!((acc[16] + 0.75).abs() < 1e-3, "{acc:?}");
        let mut acc = [0.0f32; NT];
        back.add(keys[2], &mut acc);
        assert_eq!(acc, [0.0; NT]);
        assert_eq!(back.trans, trans);
        assert_eq!(back.lex.gaz_tokens.get("Putin"), Some(&0b1100));
        assert_eq!(
            back.lex.phrase_list,
            vec![("Vladimir Putin".to_string(), 1)]
        );
        assert_eq!(back.lex.gaz_phrases.len(), 1);
        assert_eq!(back.lex.clusters.get("Moscow"), Some(&[3, 17, 250]));
        assert_eq!(back.truecase.get("nato").map(String::as_str), Some("NATO"));
        assert!(!back.caseless && back.lex.usual_case.is_empty());
        assert!(Model::from_bytes(b"not a model").is_err());
        let mut m = m;
        m.caseless = true;
        m.lex.usual_case.insert("nato".into(), 0x4309);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert!(back.caseless);
        assert_eq!(back.lex.usual_case.get("nato"), Some(&0x4309));
    }

    #[test]
    fn shipped_model_loads() {
        let m = Model::from_bytes(super::super::model_bytes()).unwrap();
        assert!(m.n_features() > 10_000);
        assert!(m.truecase.contains_key("nato"));
        assert!(!m.caseless);
        let m = Model::from_bytes(super::super::caseless_model_bytes()).unwrap();
        assert!(m.caseless && m.n_features() > 10_000);
        assert!(m.lex.usual_case.contains_key("nato"));
        assert!(m.lex.clusters.keys().all(|w| w.to_lowercase() == *w));
    }
}
