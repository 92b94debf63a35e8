#!/usr/bin/env python3
"""Prints scripts/eval-ranking's table from the per-query score files WORK/COLL/ENGINE.score
(score_ranking.py --per-query output): per collection MAP, nDCG@10 and P@10 of each engine,
newsdex over the best peer, and newsdex's per-query wins/losses against plain tantivy BM25
with a two-sided paired randomization test (10,000 sign flips, fixed seed); then the mean
over the collections.

Usage: report.py WORK COLLECTION...
"""
import random
import sys

ENGINES = [("newsdex", "newsdex"), ("fts5", "sqlite-fts5 bm25"), ("tantivy", "tantivy bm25")]
MEASURES = ("MAP", "nDCG@10", "P@10")
TIE = 1e-4


def per_query(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) == 5 and parts[0] != "query":
            try:
                rows[parts[0]] = dict(zip(("MAP", "nDCG@10", "P@10", "Recall@100"), map(float, parts[1:])))
            except ValueError:
                pass
    return rows


def randomization_p(diffs, rounds=10_000, seed=13):
    rng = random.Random(seed)
    observed = abs(sum(diffs))
    hits = sum(abs(sum(d if rng.random() < 0.5 else -d for d in diffs)) >= observed - 1e-12
               for _ in range(rounds))
    return (hits + 1) / (rounds + 1)


def main(work, collections):
    means = {}
    for coll in collections:
        scores = {e: per_query(f"{work}/{coll}/{e}.score") for e, _ in ENGINES}
        queries = sorted(scores["newsdex"])
        mean = {e: {m: sum(scores[e][q][m] for q in queries) / len(queries) for m in MEASURES}
                for e, _ in ENGINES}
        means[coll] = mean
        print(f"{coll} ({len(queries)} queries)")
        print(f"  {'engine':<18}{'MAP':>8}{'nDCG@10':>10}{'P@10':>8}")
        for e, label in ENGINES:
            print(f"  {label:<18}" + "".join(f"{mean[e][m]:>{w}.3f}" for m, w in zip(MEASURES, (8, 10, 8))))
        for m in ("MAP", "nDCG@10"):
            best = max(mean[e][m] for e, _ in ENGINES[1:])
            diffs = [scores["newsdex"][q][m] - scores["tantivy"][q][m] for q in queries]
            wins = sum(d > TIE for d in diffs)
            losses = sum(d < -TIE for d in diffs)
            print(f"  newsdex {m}: {mean['newsdex'][m] / best:.3f}x best peer; vs tantivy bm25 "
                  f"{wins} wins {losses} losses {len(queries) - wins - losses} ties, "
                  f"randomization p {randomization_p(diffs):.3f}")
    if len(collections) > 1:
        print(f"mean over {', '.join(collections)}")
        for e, label in ENGINES:
            print(f"  {label:<18}" + "".join(
                f"{sum(means[c][e][m] for c in collections) / len(collections):>{w}.3f}"
                for m, w in zip(MEASURES, (8, 10, 8))))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
