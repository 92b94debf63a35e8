"""newsdex benchmark driver (run through scripts/bench).

Builds the corpora under bench-data/, then for each of --runs runs measures, for newsdex,
tantivy-cli and SQLite FTS5: full index time (articles/s, MB/s), peak RSS (/usr/bin/time -v),
index size, re-index times (newsdex only: the peers have no incremental mode), and query
latency per process (start-up included) and in-process. Prints medians over the runs;
ratios newsdex/peer are computed within each run, then their median is shown.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = (REPO / ".." / "shared" / "data").resolve()
BD = REPO / "bench-data"
QUERIES = REPO / "scripts" / "bench.d" / "queries.tsv"
NEWSDEX = REPO / "target" / "release" / "newsdex"
GEN = REPO / "target" / "release" / "gen-corpus"
LATENCY = REPO / "target" / "release" / "examples" / "latency"
TANTIVY = BD / "tools" / "bin" / "tantivy"
THREADS = os.cpu_count() or 2
SEED = 20261126

REAL_SOURCES = {
    "reuters": (DATA / "reuters21578", "*.jsonl"),
    "bbc": (DATA / "bbc", "*/*.txt"),
    "polnear": (DATA / "polnear" / "train" / "text", "*.txt"),
}


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, stdin=None, keep_stdout=True):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS MiB, stdout)."""
    t = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-v"] + [str(c) for c in cmd],
        stdin=stdin,
        stdout=subprocess.PIPE if keep_stdout else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr[-3000:])
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode})")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr))
    timed.last_cpu = cpu
    return wall, rss, p.stdout


def dir_size(path):
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def load_queries():
    rows = []
    for line in QUERIES.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        flags, query, peer = (line.split("\t") + ["", "", ""])[:3]
        rows.append((flags, query, peer))
    return rows


def split_flags(flags):
    """Flags column to argv words ("double quoted" words stay together)."""
    return [w.strip('"') for w in re.findall(r'"[^"]*"|\S+', flags)]


def fts5_query(peer):
    parts = re.findall(r'"[^"]*"|\S+', peer)
    return " OR ".join(p if p.startswith('"') else f'"{p}"' for p in parts)


# ---------------------------------------------------------------- setup


def ensure_tools(want_peers):
    if not Path("/usr/bin/time").exists():
        log("installing GNU time (Debian package 'time')")
        subprocess.run(["apt-get", "install", "-y", "time"], stdout=subprocess.DEVNULL)
    have_sqlite = shutil.which("sqlite3") is not None
    if want_peers and not have_sqlite:
        log("installing sqlite3 (Debian package)")
        subprocess.run(["apt-get", "install", "-y", "sqlite3"], stdout=subprocess.DEVNULL)
        have_sqlite = shutil.which("sqlite3") is not None
    have_tantivy = TANTIVY.exists()
    if want_peers and not have_tantivy:
        log("installing tantivy-cli into bench-data/tools (cargo install, several minutes)")
        p = subprocess.run(
            ["cargo", "install", "tantivy-cli", "--root", str(BD / "tools")],
            stdout=subprocess.DEVNULL,
            stderr=open(BD / "tantivy-install.log", "w"),
        )
        have_tantivy = p.returncode == 0 and TANTIVY.exists()
        if not have_tantivy:
            log("SKIPPING tantivy-cli: `cargo install tantivy-cli` failed, see bench-data/tantivy-install.log")
    if want_peers and not have_sqlite:
        log("SKIPPING SQLite FTS5: sqlite3 is not installed and apt-get failed")
    return (have_tantivy and want_peers), (have_sqlite and want_peers)


def build():
    log("building newsdex, gen-corpus and the latency example (cargo build --release)")
    run(
        ["cargo", "build", "--release", "--bin", "newsdex", "--bin", "gen-corpus", "--example", "latency"],
        cwd=REPO,
    )


def real_master():
    """A pristine copy of the real corpus (the runs work on copies of it)."""
    master = BD / "real" / "master"
    if not (master / ".complete").exists():
        shutil.rmtree(master, ignore_errors=True)
        for name, (src, pattern) in REAL_SOURCES.items():
            for f in sorted(src.glob(pattern)):
                dst = master / name / f.relative_to(src)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, dst)
        (master / ".complete").write_text("")
    return master


def real_ndjson(master):
    out = BD / "real" / "articles.ndjson"
    if not out.exists():
        run([GEN, "dump", out] + [master / n for n in REAL_SOURCES])
    return out


def scale_corpus(n):
    out = BD / "scale" / f"corpus-{n}"
    nd = BD / "scale" / f"articles-{n}.ndjson"
    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        log(f"generating {n} articles (seed {SEED})")
        t = time.perf_counter()
        run([GEN, "scale", out, str(n), "100", str(SEED)] + [real_master() / s for s in REAL_SOURCES])
        log(f"generated in {time.perf_counter() - t:.1f}s")
        (out / ".complete").write_text("")
        if nd.exists():
            nd.unlink()
    if not nd.exists():
        with open(nd, "wb") as f:
            for part in sorted(out.glob("*.jsonl.gz")):
                run(["gzip", "-dc", part], stdout=f)
    return out, nd


def count_text(ndjson):
    n = 0
    size = 0
    with open(ndjson, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            n += 1
            size += len((r.get("title") or "").encode()) + len((r.get("body") or "").encode())
    return n, size


# ---------------------------------------------------------------- engines


def per_process(cmds, cpu_out=None):
    """Wall times (ms) of one process per command; their CPU times (user+sys, ms) go to
    cpu_out (on a shared machine wall time includes waiting for a core)."""
    out = []
    for cmd in cmds:
        t = time.perf_counter()
        p = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        out.append((time.perf_counter() - t) * 1e3)
        p.returncode = 0
        if cpu_out is not None:
            cpu_out.append((ru.ru_utime + ru.ru_stime) * 1e3)
    return out


def newsdex_run(corpus, idx, queries, touch_files, repeat, build_index=True):
    r = {}
    if build_index:
        newsdex_index(r, corpus, idx, touch_files)
    cmds = []
    for flags, query, _ in queries:
        cmd = [NEWSDEX, "--index", idx, "search", "--json"] + split_flags(flags)
        if query:
            cmd.append(query)
        cmds.append(cmd)
    per_process(cmds[:5])  # warm the page cache
    r["pp_cpu_ms"] = []
    r["pp_ms"] = per_process(cmds, r["pp_cpu_ms"])
    p = run([LATENCY, idx, QUERIES, str(repeat)], capture_output=True, text=True)
    lat = json.loads(p.stdout)
    r["ip_ms"] = [q["median_us"] / 1e3 for q in lat["queries"]]
    r["open_ms"] = lat["open_ms"]
    r["totals"] = [q["total"] for q in lat["queries"]]
    return r


def newsdex_index(r, corpus, idx, touch_files):
    """Full build, no-change re-index, re-index after touching 1% of files, extract alone."""
    shutil.rmtree(idx, ignore_errors=True)
    base = [NEWSDEX, "--index", idx, "index", "--json", "-q", corpus]
    r["index_s"], r["index_rss"], out = timed(base)
    r["index_cpu"] = timed.last_cpu
    summary = json.loads(out.strip().splitlines()[-1])
    r["articles"] = summary.get("articles")
    r["quotes"] = summary.get("quotes")
    r["skipped"] = len(summary.get("skipped", []))
    r["size"] = dir_size(idx)
    r["nochange_s"], _, _ = timed(base)
    r["nochange_cpu"] = timed.last_cpu
    touched = touch_files()
    r["touched_files"] = touched
    r["touch_s"], _, out = timed(base)
    r["touch_cpu"] = timed.last_cpu
    s2 = json.loads(out.strip().splitlines()[-1])
    r["touch_updated"] = s2.get("updated")
    # Ingest + extraction alone (no indexing), to split the indexing cost.
    r["extract_s"], _, _ = timed([NEWSDEX, "extract", "--json", corpus], keep_stdout=False)
    r["extract_cpu"] = timed.last_cpu


TANTIVY_META = {
    "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
    "segments": [],
    "schema": [
        {"name": "id", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
        {
            "name": "title",
            "type": "text",
            "options": {
                "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"},
                "stored": True,
                "fast": False,
            },
        },
        {"name": "date", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
        {
            "name": "body",
            "type": "text",
            "options": {
                "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"},
                "stored": True,
                "fast": False,
            },
        },
        {"name": "source", "type": "text", "options": {"indexing": None, "stored": True, "fast": False}},
    ],
    "opstamp": 0,
}


def tantivy_run(ndjson, idx, queries, repeat, build_index=True):
    r = {}
    if build_index:
        shutil.rmtree(idx, ignore_errors=True)
        idx.mkdir(parents=True)
        (idx / "meta.json").write_text(json.dumps(TANTIVY_META))
        r["index_s"], r["index_rss"], _ = timed([TANTIVY, "index", "-i", idx, "-t", str(THREADS), "-f", ndjson])
        r["index_cpu"] = timed.last_cpu
    r["size"] = dir_size(idx)
    qdir = idx.parent / (idx.name + "-queries")
    shutil.rmtree(qdir, ignore_errors=True)
    qdir.mkdir()
    cmds = []
    for i, (_, _, peer) in enumerate(queries):
        qf = qdir / f"q{i:02}.txt"
        qf.write_text(peer + "\n")
        cmds.append([TANTIVY, "bench", "-i", idx, "-q", qf, "-n", "1"])
    per_process(cmds[:5])
    r["pp_cpu_ms"] = []
    r["pp_ms"] = per_process(cmds, r["pp_cpu_ms"])
    allq = qdir / "all.txt"
    allq.write_text("".join(p + "\n" for _, _, p in queries))
    p = run([TANTIVY, "bench", "-i", idx, "-q", allq, "-n", str(repeat + 1)], capture_output=True, text=True)
    # Two sections: SEARCH (query, hits, us) then FETCH STORE (query, us), each repeat+1 passes.
    search_part, _, fetch_part = p.stdout.partition("FETCH STORE")
    s = [int(l.rsplit("\t", 1)[1]) for l in search_part.splitlines() if l.count("\t") == 2 and l.rsplit("\t", 1)[1].isdigit()]
    f = [int(l.rsplit("\t", 1)[1]) for l in fetch_part.splitlines() if "\t" in l and l.rsplit("\t", 1)[1].isdigit()]
    n = len(queries)
    per_q = []
    for i in range(n):
        vals = [s[k * n + i] + f[k * n + i] for k in range(1, repeat + 1) if k * n + i < min(len(s), len(f))]
        per_q.append(statistics.median(vals) / 1e3 if vals else float("nan"))
    r["ip_ms"] = per_q
    return r


def sqlite_select(q):
    q = fts5_query(q).replace("'", "''")
    return (
        "SELECT id, title, snippet(articles, 2, '[', ']', '...', 24) FROM articles "
        f"WHERE articles MATCH '{q}' ORDER BY rank LIMIT 10;"
    )


def sqlite_run(ndjson, db, queries, repeat, build_index=True):
    r = {}
    if build_index:
        sqlite_load(r, ndjson, db)
    r["size"] = dir_size(db)
    cmds = [["sqlite3", str(db), sqlite_select(peer)] for _, _, peer in queries]
    per_process(cmds[:5])
    r["pp_cpu_ms"] = []
    r["pp_ms"] = per_process(cmds, r["pp_cpu_ms"])
    lines = [".timer on", ".output /dev/null"]
    for _ in range(repeat + 1):
        lines += [sqlite_select(peer) for _, _, peer in queries]
    p = subprocess.run(["sqlite3", str(db)], input="\n".join(lines) + "\n", capture_output=True, text=True)
    times = [float(x) * 1e3 for x in re.findall(r"Run Time: real ([0-9.]+)", p.stdout + p.stderr)]
    n = len(queries)
    r["ip_ms"] = [
        statistics.median([times[k * n + i] for k in range(1, repeat + 1) if k * n + i < len(times)] or [float("nan")])
        for i in range(n)
    ]
    return r


def sqlite_load(r, ndjson, db):
    if db.exists():
        db.unlink()
    rs = ndjson.with_suffix(".rs")
    if not rs.exists() or rs.stat().st_mtime < ndjson.stat().st_mtime:
        # .import in ascii mode splits rows on 0x1E; JSON Lines only has newlines between rows.
        with open(ndjson, "rb") as src, open(rs, "wb") as dst:
            for chunk in iter(lambda: src.read(1 << 22), b""):
                dst.write(chunk.replace(b"\n", b"\x1e"))
    script = f"""PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA temp_store=MEMORY;
CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body, date UNINDEXED, source UNINDEXED);
CREATE TEMP TABLE raw(j TEXT);
.mode ascii
.import --schema temp {rs} raw
INSERT INTO articles SELECT j->>'id', j->>'title', j->>'body', j->>'date', j->>'source' FROM temp.raw;
"""
    t = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-v", "sqlite3", str(db)], input=script, capture_output=True, text=True
    )
    r["index_s"] = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError("sqlite3 load failed: " + p.stderr[-2000:])
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    r["index_rss"] = int(m.group(1)) / 1024 if m else float("nan")
    r["index_cpu"] = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([0-9.]+)", p.stderr))


# ---------------------------------------------------------------- one corpus


def bench_corpus(label, corpus_for_run, ndjson, touch_for_run, runs, peers, repeat, build_index=True):
    queries = load_queries()
    n_articles, text_bytes = count_text(ndjson)
    mb = text_bytes / 1e6
    log(f"{label}: {n_articles} articles, {mb:.1f} MB of text (title+body)")
    results = []
    work = BD / label
    for k in range(runs):
        log(f"{label}: run {k + 1}/{runs}: newsdex")
        idx = work / "newsdex-index"
        if build_index:
            corpus = corpus_for_run()
            res = {"newsdex": newsdex_run(corpus, idx, queries, touch_for_run(corpus), repeat)}
        else:
            res = {"newsdex": newsdex_run(None, idx, queries, None, repeat, build_index=False)}
        if peers[0]:
            log(f"{label}: run {k + 1}/{runs}: tantivy-cli")
            res["tantivy-cli"] = tantivy_run(ndjson, work / "tantivy-index", queries, repeat, build_index)
        if peers[1]:
            log(f"{label}: run {k + 1}/{runs}: sqlite fts5")
            res["sqlite-fts5"] = sqlite_run(ndjson, work / "fts5.db", queries, repeat, build_index)
        results.append(res)
        (work / ("results.json" if build_index else "results-queries.json")).write_text(json.dumps({"articles": n_articles, "mb": mb, "runs": results}, indent=1))
    spawn = per_process([["/bin/true"]] * 50)
    return report(label, n_articles, mb, results, statistics.median(spawn))


def report(label, n, mb, results, spawn_ms):
    engines = [e for e in ("newsdex", "tantivy-cli", "sqlite-fts5") if e in results[0]]
    nd = results[0]["newsdex"]

    def metric(res, key):
        r = res
        if key in ("aps", "mbps") and "index_s" not in r:
            return None
        if key == "aps":
            return n / r["index_s"]
        if key == "mbps":
            return mb / r["index_s"]
        if key == "ppcpu50":
            return pct(r["pp_cpu_ms"], 50)
        if key in ("pp50", "pp95", "ip50", "ip95"):
            vals = r["pp_ms" if key.startswith("pp") else "ip_ms"]
            return pct(vals, 50 if key.endswith("50") else 95)
        if key == "size":
            return r["size"] / 2**20 if "size" in r else None
        return r.get(key)

    rows = [
        ("index: articles/s", "aps", "{:,.0f}"),
        ("index: MB/s", "mbps", "{:.2f}"),
        ("index: wall s", "index_s", "{:.2f}"),
        ("index: CPU s (user+sys)", "index_cpu", "{:.2f}"),
        ("index: peak RSS MiB", "index_rss", "{:.0f}"),
        ("of which ingest+extraction alone (`newsdex extract`): CPU s", "extract_cpu", "{:.2f}"),
        ("index size MiB", "size", "{:.1f}"),
        ("re-index, no change: s", "nochange_s", "{:.3f}"),
        ("re-index, no change: CPU s", "nochange_cpu", "{:.3f}"),
        ("re-index, 1% files changed: s", "touch_s", "{:.3f}"),
        ("re-index, 1% files changed: CPU s", "touch_cpu", "{:.3f}"),
        ("query per process p50 ms", "pp50", "{:.1f}"),
        ("query per process p95 ms", "pp95", "{:.1f}"),
        ("query per process p50 CPU ms (user+sys)", "ppcpu50", "{:.1f}"),
        ("query in-process p50 ms", "ip50", "{:.3f}"),
        ("query in-process p95 ms", "ip95", "{:.3f}"),
    ]
    header = ["metric (median of %d runs)" % len(results)] + engines + [f"newsdex/{e}" for e in engines[1:]]
    lines = [f"### {label}: {n:,} articles, {mb:.1f} MB text, {THREADS} threads", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for title, key, fmt in rows:
        cells = [title]
        for e in engines:
            vals = [metric(r[e], key) for r in results if metric(r[e], key) is not None]
            cells.append(fmt.format(statistics.median(vals)) if vals else "—")
        for e in engines[1:]:
            ratios = [
                metric(r["newsdex"], key) / metric(r[e], key)
                for r in results
                if metric(r[e], key) and metric(r["newsdex"], key) is not None
            ]
            cells.append(f"{statistics.median(ratios):.2f}×" if ratios else "—")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if "articles" in nd:
        lines.append(
            f"newsdex: {nd['articles']:,} articles + {nd['quotes']:,} quotes indexed, {nd['skipped']} skips; "
            f"1% change = {nd['touched_files']} files ({nd['touch_updated']} re-read)."
        )
    else:
        lines.append("queries only, on the indexes an earlier full run built (`--queries-only`).")
    lines.append(
        f"Engine::open {statistics.median([r['newsdex']['open_ms'] for r in results]):.1f} ms; "
        f"bare process spawn (/bin/true) {spawn_ms:.2f} ms."
    )
    qs = load_queries()
    slow = sorted(zip(nd["ip_ms"], nd["pp_ms"], [f"{f} {q}".strip() for f, q, _ in qs]), reverse=True)[:5]
    lines.append(
        "slowest newsdex queries in-process (ms, per-process ms): "
        + "; ".join(f"`{q}` {a:.2f} ({b:.1f})" for a, b, q in slow)
    )
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    (BD / label / ("table.md" if "articles" in nd else "table-queries.md")).write_text(text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=5, help="in-process passes per query")
    ap.add_argument("--scale", action="store_true", default=os.environ.get("NEWSDEX_BENCH_SCALE") == "1")
    ap.add_argument("--scale-only", action="store_true")
    ap.add_argument("--scale-n", type=int, default=1_000_000)
    ap.add_argument("--scale-runs", type=int, default=1)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument(
        "--queries-only",
        action="store_true",
        help="reuse the indexes of an earlier run and measure the queries only",
    )
    a = ap.parse_args()
    BD.mkdir(exist_ok=True)
    if not a.no_build:
        build()
    peers = ensure_tools(not a.no_peers)
    master = real_master()

    if not a.scale_only:
        ndjson = real_ndjson(master)
        corpus = BD / "real" / "corpus"

        def fresh_copy():
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.copytree(master, corpus, ignore=shutil.ignore_patterns(".complete"))
            return corpus

        def touch_real(c):
            def touch():
                files = sorted(p for p in c.rglob("*") if p.is_file())
                texts = [p for p in files if p.suffix == ".txt"]
                k = max(1, round(len(files) / 100))
                step = max(1, len(texts) // k)
                chosen = texts[::step][:k]
                for p in chosen:
                    with open(p, "ab") as f:
                        f.write(b"\n\nThis article was updated by the benchmark.\n")
                return len(chosen)

            return touch

        bench_corpus("real", fresh_copy, ndjson, touch_real, a.runs, peers, a.repeat, not a.queries_only)

    if a.scale or a.scale_only:
        out, nd = scale_corpus(a.scale_n)

        def touch_scale(c):
            def touch():
                parts = sorted(c.glob("*.jsonl.gz"))
                chosen = parts[:: max(1, len(parts) // max(1, round(len(parts) / 100)))][
                    : max(1, round(len(parts) / 100))
                ]
                now = time.time()
                for p in chosen:
                    os.utime(p, (now, now))
                return len(chosen)

            return touch

        bench_corpus(
            f"scale-{a.scale_n}", lambda: out, nd, touch_scale, a.scale_runs, peers, a.repeat, not a.queries_only
        )


if __name__ == "__main__":
    main()
