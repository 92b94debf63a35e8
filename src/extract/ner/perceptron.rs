//! The averaged structured perceptron: Viterbi decoding over BILOU tags with hard transition
//! constraints, and the training loop (Collins 2002, with the lazy averaging trick).

use super::features::NT;

/// Index of the sentence boundary in the transition matrix (rows and columns 0..=NT).
pub const BOUNDARY: usize = NT;
/// Side of the transition matrix: the tags and the boundary.
pub const TRANS_DIM: usize = NT + 1;

/// Entity type of a tag (0..4), `None` for O and the boundary.
#[inline]
pub fn tag_type(t: usize) -> Option<usize> {
    (1..NT).contains(&t).then(|| (t - 1) / 4)
}

/// Position of a tag inside an entity: 0 B, 1 I, 2 L, 3 U.
#[inline]
pub fn tag_pos(t: usize) -> usize {
    (t - 1) % 4
}

/// The tag of entity type `typ` (0..4) at position `pos` (0 B, 1 I, 2 L, 3 U).
#[inline]
pub fn make_tag(typ: usize, pos: usize) -> usize {
    1 + 4 * typ + pos
}

/// Whether tag `next` may follow tag `prev` (BILOU well-formedness).
pub fn allowed(prev: usize, next: usize) -> bool {
    let open = |t: usize| tag_type(t).is_some() && tag_pos(t) <= 1; // B or I: entity goes on
    let continues = |t: usize| tag_type(t).is_some() && matches!(tag_pos(t), 1 | 2); // I or L
    match (open(prev), continues(next)) {
        (true, true) => tag_type(prev) == tag_type(next),
        (true, false) => false,
        (false, true) => false,
        (false, false) => true,
    }
}

/// Allowed predecessors (tags, not the boundary) of every tag and of the boundary.
pub fn predecessors() -> Vec<Vec<usize>> {
    (0..TRANS_DIM)
        .map(|next| (0..NT).filter(|&p| allowed(p, next)).collect())
        .collect()
}

/// [`predecessors`], computed once.
pub fn preds() -> &'static [Vec<usize>] {
    static PREDS: std::sync::OnceLock<Vec<Vec<usize>>> = std::sync::OnceLock::new();
    PREDS.get_or_init(predecessors)
}

/// Scratch space for [`viterbi`], reused between sentences.
#[derive(Default)]
pub struct Scratch {
    score: Vec<f32>,
    back: Vec<u8>,
}

/// Best tag sequence for `n` tokens given emission scores `emit[i * NT + t]` and transition
/// scores `trans[prev * TRANS_DIM + next]`.
pub fn viterbi(emit: &[f32], n: usize, trans: &[f32], preds: &[Vec<usize>], out: &mut Vec<u8>) {
    viterbi_with(emit, n, trans, preds, out, &mut Scratch::default());
}

/// Tags after which an entity may start or O follow: O, L-*, U-*.
const CLOSED_PREV: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Tags that may follow those: O, B-*, U-*.
const CLOSED_NEXT: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// [`viterbi`] with caller-owned scratch buffers, specialised to the BILOU constraints (the
/// generic `preds` lists are only checked in debug builds).
pub fn viterbi_with(
    emit: &[f32],
    n: usize,
    trans: &[f32],
    preds: &[Vec<usize>],
    out: &mut Vec<u8>,
    scratch: &mut Scratch,
) {
    debug_assert!(CLOSED_NEXT.iter().all(|&t| preds[t] == CLOSED_PREV));
    out.clear();
    if n == 0 {
        return;
    }
    let score = &mut scratch.score;
    let back = &mut scratch.back;
    score.clear();
    score.resize(n * NT, f32::NEG_INFINITY);
    back.clear();
    back.resize(n * NT, 0);
    // closed[j][k]: transition CLOSED_PREV[k] -> CLOSED_NEXT[j].
    let mut closed = [[0.0f32; 9]; 9];
    for (j, &t) in CLOSED_NEXT.iter().enumerate() {
        for (k, &p) in CLOSED_PREV.iter().enumerate() {
            closed[j][k] = trans[p * TRANS_DIM + t];
        }
    }
    for &t in &CLOSED_NEXT {
        score[t] = trans[BOUNDARY * TRANS_DIM + t] + emit[t];
    }
    for i in 1..n {
        let (done, rest) = score.split_at_mut(i * NT);
        let prev: &[f32] = &done[(i - 1) * NT..];
        let cur = &mut rest[..NT];
        let e = &emit[i * NT..(i + 1) * NT];
        let bk = &mut back[i * NT..(i + 1) * NT];
        let mut pc = [0.0f32; 9];
        for (k, &p) in CLOSED_PREV.iter().enumerate() {
            pc[k] = prev[p];
        }
        for (j, &t) in CLOSED_NEXT.iter().enumerate() {
            let row = &closed[j];
            let mut best = pc[0] + row[0];
            let mut arg = 0;
            for k in 1..9 {
                let s = pc[k] + row[k];
                if s > best {
                    best = s;
                    arg = k;
                }
            }
            cur[t] = best + e[t];
            bk[t] = CLOSED_PREV[arg] as u8;
        }
        for typ in 0..4 {
            let b = 1 + 4 * typ;
            let (pb, pi) = (prev[b], prev[b + 1]);
            for t in [b + 1, b + 2] {
                let sb = pb + trans[b * TRANS_DIM + t];
                let si = pi + trans[(b + 1) * TRANS_DIM + t];
                if si > sb {
                    cur[t] = si + e[t];
                    bk[t] = (b + 1) as u8;
                } else {
                    cur[t] = sb + e[t];
                    bk[t] = b as u8;
                }
            }
        }
    }
    let last = &score[(n - 1) * NT..];
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0;
    for &p in &CLOSED_PREV {
        let s = last[p] + trans[p * TRANS_DIM + BOUNDARY];
        if s > best {
            best = s;
            arg = p;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * NT + out[i] as usize];
    }
}

/// One training sequence: the feature ids of each token and the gold tags.
pub struct Seq {
    /// Feature ids of every token, one token after the other.
    pub feats: Vec<u32>,
    /// `feats[offs[i]..offs[i+1]]` are token i's features.
    pub offs: Vec<u32>,
    /// The gold tag of each token.
    pub gold: Vec<u8>,
}

/// Averaged weights: `emit[f * NT + t]` and `trans[p * TRANS_DIM + t]`.
pub struct Trained {
    /// Emission weights: `emit[f * NT + t]`, feature f for tag t.
    pub emit: Vec<f32>,
    /// Transition weights: `trans[p * TRANS_DIM + t]`, tag t after tag p.
    pub trans: Vec<f32>,
}

struct Averaged {
    w: Vec<f32>,
    acc: Vec<f32>,
}

impl Averaged {
    fn new(n: usize) -> Self {
        Averaged {
            w: vec![0.0; n],
            acc: vec![0.0; n],
        }
    }
    #[inline]
    fn add(&mut self, i: usize, d: f32, c: f32) {
        self.w[i] += d;
        self.acc[i] += c * d;
    }
    fn average(self, c: f32) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.acc)
            .map(|(w, a)| w - a / c)
            .collect()
    }
}

/// Trains for `epochs` passes over `seqs` in a deterministic shuffled order.
pub fn train(
    seqs: &[Seq],
    n_feats: usize,
    epochs: usize,
    mut log: impl FnMut(usize, f64),
) -> Trained {
    let preds = predecessors();
    let mut emit = Averaged::new(n_feats * NT);
    let mut trans = Averaged::new(TRANS_DIM * TRANS_DIM);
    let mut c = 1.0f32;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut scores = Vec::new();
    let mut pred = Vec::new();
    for epoch in 0..epochs {
        // Fisher-Yates with xorshift.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        let mut total = 0usize;
        for &s in &order {
            let seq = &seqs[s];
            let n = seq.gold.len();
            scores.clear();
            scores.resize(n * NT, 0.0);
            for i in 0..n {
                let row = &mut scores[i * NT..(i + 1) * NT];
                for &f in &seq.feats[seq.offs[i] as usize..seq.offs[i + 1] as usize] {
                    let w = &emit.w[f as usize * NT..(f as usize + 1) * NT];
                    for t in 0..NT {
                        row[t] += w[t];
                    }
                }
            }
            viterbi(&scores, n, &trans.w, &preds, &mut pred);
            total += n;
            if pred == seq.gold {
                c += 1.0;
                continue;
            }
            for i in 0..n {
                let (g, p) = (seq.gold[i] as usize, pred[i] as usize);
                if g != p {
                    errors += 1;
                    for &f in &seq.feats[seq.offs[i] as usize..seq.offs[i + 1] as usize] {
                        emit.add(f as usize * NT + g, 1.0, c);
                        emit.add(f as usize * NT + p, -1.0, c);
                    }
                }
                let gp = if i == 0 {
                    BOUNDARY
                } else {
                    seq.gold[i - 1] as usize
                };
                let pp = if i == 0 {
                    BOUNDARY
                } else {
                    pred[i - 1] as usize
                };
                if gp != pp || g != p {
                    trans.add(gp * TRANS_DIM + g, 1.0, c);
                    trans.add(pp * TRANS_DIM + p, -1.0, c);
                }
            }
            let (g, p) = (seq.gold[n - 1] as usize, pred[n - 1] as usize);
            if g != p {
                trans.add(g * TRANS_DIM + BOUNDARY, 1.0, c);
                trans.add(p * TRANS_DIM + BOUNDARY, -1.0, c);
            }
            c += 1.0;
        }
        log(epoch, errors as f64 / total.max(1) as f64);
    }
    Trained {
        emit: emit.average(c),
        trans: trans.average(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_constraints() {
        let b_per = make_tag(0, 0);
        let i_per = make_tag(0, 1);
        let l_per = make_tag(0, 2);
        let u_org = make_tag(1, 3);
        assert!(allowed(BOUNDARY, b_per));
        assert!(!allowed(BOUNDARY, i_per));
        assert!(allowed(b_per, l_per));
        assert!(!allowed(b_per, make_tag(1, 2)));
        assert!(!allowed(b_per, 0));
        assert!(allowed(l_per, u_org));
        assert!(!allowed(i_per, BOUNDARY));
    }

    #[test]
    fn viterbi_obeys_constraints() {
        // Emissions favour I-PER at token 0, which is not allowed first.
        let mut emit = vec![0.0f32; 2 * NT];
        emit[make_tag(0, 1)] = 5.0;
        emit[NT + make_tag(0, 2)] = 5.0;
        let trans = vec![0.0f32; TRANS_DIM * TRANS_DIM];
        let mut out = Vec::new();
        viterbi(&emit, 2, &trans, &predecessors(), &mut out);
        assert_eq!(out, [make_tag(0, 0) as u8, make_tag(0, 2) as u8]);
    }
}
