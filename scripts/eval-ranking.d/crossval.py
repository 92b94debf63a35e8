#!/usr/bin/env python3
"""Cross-validates ranking settings over the two collections of scripts/eval-ranking.

Usage: crossval.py WORK SETTING...   (WORK = an eval-ranking work dir with time/ and reuters/
indexed; each SETTING a comma-separated list of name=value changes to Ranking::default, or
`default`; run from the repository root after `cargo build --release --example rank_sweep`).

Each setting is run on every query of both collections (examples/rank_sweep.rs). The objective
of a set of queries is the mean of MAP and nDCG@10, averaged over the collections with equal
weight. Printed:
  in-sample   each setting's MAP / nDCG@10 on each collection (what tuning on all data sees);
  across      the setting chosen on one collection, scored on the other;
  5-fold      queries of each collection split into 5 folds (every 5th query by number);
              for each fold the setting best on the other 4 folds of both collections is
              scored on the held-out fold; the figures are the means over held-out queries,
              with how often each setting was chosen.
"""
import os
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "eval"))
import score_ranking as sr  # noqa: E402

COLLECTIONS = ("time", "reuters")
FOLDS = 5


def per_query(work, coll, settings):
    out = os.path.join(work, "sweep", coll)
    subprocess.run([os.environ.get("RANK_SWEEP", "target/release/examples/rank_sweep"), f"{work}/{coll}/index",
                    f"{work}/{coll}/queries.tsv", out, *settings], check=True)
    qrels = sr.read_qrels(f"{work}/{coll}/qrels.txt")
    queries = sorted(q for q, j in qrels.items() if any(r > 0 for r in j.values()))
    result = []
    for i in range(len(settings)):
        run = sr.read_run(os.path.join(out, f"{i}.run"))
        result.append({q: sr.measures(run.get(q, []), qrels[q]) for q in queries})
    return queries, result


def objective(scores, chosen):
    """Mean over collections of (MAP + nDCG@10) / 2 over the `chosen` queries of each."""
    parts = []
    for coll, qs in chosen.items():
        if qs:
            parts.append(sum((scores[coll][q]["MAP"] + scores[coll][q]["nDCG@10"]) / 2 for q in qs) / len(qs))
    return sum(parts) / len(parts)


def mean(scores, qs, m):
    return sum(scores[q][m] for q in qs) / len(qs)


def main(work, settings):
    data = {c: per_query(work, c, settings) for c in COLLECTIONS}
    queries = {c: data[c][0] for c in COLLECTIONS}
    runs = [{c: data[c][1][i] for c in COLLECTIONS} for i in range(len(settings))]
    print("in-sample (MAP / nDCG@10):")
    for s, r in zip(settings, runs):
        cells = "  ".join(f"{c} {mean(r[c], queries[c], 'MAP'):.3f} / {mean(r[c], queries[c], 'nDCG@10'):.3f}"
                          for c in COLLECTIONS)
        print(f"  {cells}  obj {objective(r, queries):.4f}  {s}")
    print("across collections (chosen on one, scored on the other):")
    for train, test in (COLLECTIONS, COLLECTIONS[::-1]):
        best = max(range(len(settings)), key=lambda i: objective(runs[i], {train: queries[train]}))
        r = runs[best][test]
        print(f"  chosen on {train}: {settings[best]}  -> {test} MAP {mean(r, queries[test], 'MAP'):.3f} "
              f"nDCG@10 {mean(r, queries[test], 'nDCG@10'):.3f}")
    folds = {c: [queries[c][k::FOLDS] for k in range(FOLDS)] for c in COLLECTIONS}
    held = {c: {} for c in COLLECTIONS}
    picks = Counter()
    for k in range(FOLDS):
        train = {c: [q for j, f in enumerate(folds[c]) if j != k for q in f] for c in COLLECTIONS}
        best = max(range(len(settings)), key=lambda i: objective(runs[i], train))
        picks[settings[best]] += 1
        for c in COLLECTIONS:
            for q in folds[c][k]:
                held[c][q] = runs[best][c][q]
    print(f"{FOLDS}-fold over queries of both collections (held-out figures):")
    for c in COLLECTIONS:
        print(f"  {c}: MAP {mean(held[c], queries[c], 'MAP'):.3f} nDCG@10 {mean(held[c], queries[c], 'nDCG@10'):.3f}")
    print(f"  objective {objective(held, queries):.4f}; chosen: " + "; ".join(f"{s} x{n}" for s, n in picks.most_common()))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
