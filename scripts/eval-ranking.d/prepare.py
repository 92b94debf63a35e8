#!/usr/bin/env python3
"""Writes one collection of scripts/eval-ranking into OUT_DIR:

  docs.jsonl    every document as {"id", "title", "body"} (what the peers index)
  queries.tsv   number<TAB>query as a user typed it (what newsdex is asked)
  clean.tsv     the same, letters and digits only (FTS5 and tantivy syntax treat . , - ( ) :
                as operators)
  qrels.txt     TREC qrels
  input         the path newsdex indexes (the collection in its own shape)

Usage: prepare.py time|reuters DATA_DIR QUERIES_FILE OUT_DIR
TIME: the 423 articles (header block, body), queries.tsv and qrels.txt of DATA_DIR.
Reuters-21578: the stories that have a body (newsdex skips an empty one, so every engine gets
the same 19,043); one query per `topics` code with at least MIN_STORIES of them, from
QUERIES_FILE (`code<TAB>query`); a story is relevant when its `topics` hold the code.
"""
import glob
import json
import os
import re
import sys
from collections import defaultdict

MIN_STORIES = 20


def clean(text):
    return " ".join(re.findall(r"[A-Za-z0-9]+", text))


def time_collection(data, out):
    docs = []
    articles = os.path.join(data, "articles")
    for name in sorted(os.listdir(articles)):
        if not name.endswith(".txt"):
            continue
        text = open(os.path.join(articles, name), encoding="utf-8").read()
        header, _, body = text.partition("\n\n")
        fields = dict(l.split(":", 1) for l in header.splitlines() if ":" in l)
        docs.append({"id": fields.get("ID", name[:-4]).strip(),
                     "title": fields.get("Title", "").strip(), "body": body})
    queries = [l.rstrip("\n").split("\t", 1) for l in open(os.path.join(data, "queries.tsv"), encoding="utf-8")
               if l.strip()]
    qrels = open(os.path.join(data, "qrels.txt"), encoding="utf-8").read()
    return docs, queries, qrels, os.path.abspath(articles)


def reuters_collection(data, queries_file, out):
    stories, relevant = [], defaultdict(list)
    for path in sorted(glob.glob(os.path.join(data, "reut2-*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            story = json.loads(line)
            if not (story.get("body") or "").strip():
                continue
            stories.append(story)
            for code in story.get("topics") or []:
                relevant[code].append(story["id"])
    wanted = dict(l.rstrip("\n").split("\t", 1) for l in open(queries_file, encoding="utf-8")
                  if l.strip() and not l.startswith("#"))
    codes = sorted(c for c, ids in relevant.items() if len(ids) >= MIN_STORIES)
    missing = [c for c in codes if c not in wanted]
    if missing:
        sys.exit(f"{queries_file}: no query for topics code(s) {' '.join(missing)}")
    queries = [[c, wanted[c]] for c in codes]
    qrels = "".join(f"{c} 0 {i} 1\n" for c in codes for i in relevant[c])
    input_path = os.path.join(out, "stories.jsonl")
    with open(input_path, "w", encoding="utf-8") as f:
        for s in stories:
            f.write(json.dumps(s) + "\n")
    docs = [{"id": s["id"], "title": s.get("title") or "", "body": s["body"]} for s in stories]
    return docs, queries, qrels, os.path.abspath(input_path)


def main(name, data, queries_file, out):
    os.makedirs(out, exist_ok=True)
    if name == "time":
        docs, queries, qrels, input_path = time_collection(data, out)
    else:
        docs, queries, qrels, input_path = reuters_collection(data, queries_file, out)
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{n}\t{q}\n" for n, q in queries)
    with open(os.path.join(out, "clean.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{n}\t{clean(q)}\n" for n, q in queries)
    with open(os.path.join(out, "qrels.txt"), "w", encoding="utf-8") as f:
        f.write(qrels)
    with open(os.path.join(out, "input"), "w", encoding="utf-8") as f:
        f.write(input_path + "\n")
    print(f"{name}: {len(docs)} documents, {len(queries)} queries", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
