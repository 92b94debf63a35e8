"""Build a newsdex index on Apache Spark, shard by shard, and merge the shards.

    spark-submit spark/newsdex_spark.py --newsdex PATH --shards N --out DIR ARCHIVE...

The driver lists the archive and gives each file to a shard by a stable hash of its path
relative to its archive root, so a file lands in the same shard on every run. One Spark task
per shard runs `newsdex index --files-from -` into DIR/shards/shard-K: the list is the shard's
whole set, so re-runs read only new or changed files and drop files that left. The driver
then runs `newsdex merge` into DIR/index. The newsdex binary, the archive and DIR must be on
a filesystem that every worker and the driver see at the same paths.

A task whose newsdex fails or is killed raises; Spark runs it again, and the re-run resumes
from the shard's last commit, so the result is exact. Needs PySpark >= 3.5.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import threading
import time

# The file names newsdex reads (README "Formats"); others would only be reported as skipped.
FORMATS = (".txt", ".text", ".json", ".jsonl", ".ndjson", ".html", ".htm")


def is_article_file(name):
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith(FORMATS)


def shard_of(relpath, shards):
    """The shard of a file: a hash of its path relative to the archive root, stable across
    runs, machines and Python versions (unlike `hash()`)."""
    digest = hashlib.blake2b(relpath.encode("utf-8", "surrogateescape"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") % shards


def list_archive(root):
    """(path, relative path) of every article file under `root`, hidden entries skipped as
    `newsdex index` skips them, in a stable order."""
    root = os.path.abspath(root)
    if os.path.isfile(root):
        return [(root, os.path.basename(root))]
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and is_article_file(name):
                path = os.path.join(dirpath, name)
                out.append((path, os.path.relpath(path, root)))
    return out


def assign(archives, shards):
    """The file list of each shard."""
    lists = [[] for _ in range(shards)]
    for root in archives:
        for path, rel in list_archive(root):
            lists[shard_of(rel, shards)].append(path)
    return lists


def run_newsdex(newsdex, index, files, cwd, threads, memory):
    """Runs one shard's `newsdex index --files-from -`; returns its JSON summary."""
    cmd = [
        newsdex, "--index", index, "index", "--files-from", "-", "--json", "--quiet",
        "--wait", "3600", "-j", str(threads), "--memory", str(memory),
    ]
    data = "".join(p + "\n" for p in files).encode("utf-8", "surrogateescape")
    proc = subprocess.run(cmd, input=data, cwd=cwd, capture_output=True)
    if proc.returncode != 0:
        reason = (
            f"killed by signal {-proc.returncode}" if proc.returncode < 0
            else f"exit status {proc.returncode}"
        )
        err = proc.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise RuntimeError(f"newsdex on {index} failed ({reason}): {err}")
    return json.loads(proc.stdout)


def shard_task(args, cwd):
    """The function run by Spark for each shard (one element per partition)."""

    def task(items):
        from pyspark import TaskContext

        ctx = TaskContext.get()
        threads = max(1, int(ctx.cpus())) if ctx is not None and hasattr(ctx, "cpus") else 1
        attempt = ctx.attemptNumber() if ctx is not None else 0
        for k, files in items:
            index = os.path.join(args.out, "shards", f"shard-{k}")
            started = time.time()
            summary = run_newsdex(args.newsdex, index, files, cwd, threads, args.memory)
            yield {
                "shard": k,
                "listed": len(files),
                "attempt": attempt,
                "host": os.uname().nodename,
                "wall": time.time() - started,
                **{key: summary.get(key, 0) for key in (
                    "added", "updated", "removed", "unchanged", "read", "articles", "quotes",
                )},
                "skipped": len(summary.get("skipped", [])),
            }

    return task


def check_layout(out, shards):
    """The shard count is part of the layout: with another count files would move between
    shards and appear twice at the merge."""
    path = os.path.join(out, "shards", "layout.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        with open(path) as f:
            before = json.load(f).get("shards")
        if before != shards:
            sys.exit(
                f"newsdex_spark: {out} was built with --shards {before}; use that, "
                f"or a new --out (or remove {os.path.join(out, 'shards')})"
            )
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"shards": shards}, f)
    os.replace(tmp, path)


def watch_progress(sc, total, done):
    """Prints task progress every few seconds until `done` is set."""
    tracker = sc.statusTracker()
    last = None
    while not done.wait(3):
        for stage_id in tracker.getActiveStageIds():
            info = tracker.getStageInfo(stage_id)
            if info is None:
                continue
            line = (
                f"newsdex_spark: shards done {info.numCompletedTasks}/{total}, "
                f"running {info.numActiveTasks}, failed attempts {info.numFailedTasks}"
            )
            if line != last:
                print(line, flush=True)
                last = line


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--newsdex", required=True, help="the newsdex binary (same path on every worker)")
    p.add_argument("--shards", type=int, required=True, help="number of shard indexes")
    p.add_argument("--out", required=True, help="DIR: shards go to DIR/shards, the index to DIR/index")
    p.add_argument("--memory", type=int, default=256, help="newsdex --memory per task, MB")
    p.add_argument("archives", nargs="+", metavar="ARCHIVE")
    args = p.parse_args(argv)
    if args.shards < 1:
        p.error("--shards must be at least 1")
    args.newsdex = os.path.abspath(args.newsdex)
    args.out = os.path.abspath(args.out)
    archives = [os.path.abspath(a) for a in args.archives]
    for a in archives:
        if not os.path.exists(a):
            p.error(f"{a}: no such file or directory")
    # Articles without an id of their own are named by their path as newsdex shows it, which
    # is relative to its working directory: the archives' common folder, the same on every
    # worker and every run.
    cwd = os.path.commonpath([a if os.path.isdir(a) else os.path.dirname(a) for a in archives])

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.appName("newsdex")
        .config("spark.task.maxFailures", "4")
        .getOrCreate()
    )
    sc = spark.sparkContext
    started = time.time()
    check_layout(args.out, args.shards)
    lists = assign(archives, args.shards)
    listed = sum(len(l) for l in lists)
    print(f"newsdex_spark: {listed} files in {args.shards} shards "
          f"(listed in {time.time() - started:.1f}s)", flush=True)

    done = threading.Event()
    watcher = threading.Thread(target=watch_progress, args=(sc, args.shards, done), daemon=True)
    watcher.start()
    try:
        rows = (
            sc.parallelize(list(enumerate(lists)), args.shards)
            .mapPartitions(shard_task(args, cwd))
            .collect()
        )
    finally:
        done.set()
    indexed = time.time()

    shard_dirs = [os.path.join(args.out, "shards", f"shard-{k}") for k in range(args.shards)]
    merge = subprocess.run(
        [args.newsdex, "--index", os.path.join(args.out, "index"), "merge", "--json", *shard_dirs],
        capture_output=True,
    )
    if merge.returncode != 0:
        sys.exit("newsdex_spark: merge failed: " + merge.stderr.decode("utf-8", "replace").strip())
    merged = json.loads(merge.stdout)
    finished = time.time()

    rows.sort(key=lambda r: r["shard"])
    head = ("shard", "files", "read", "removed", "articles", "quotes", "attempt", "seconds", "host")
    print("  ".join(f"{h:>8}" for h in head))
    for r in rows:
        print("  ".join(f"{v:>8}" for v in (
            r["shard"], r["listed"], r["read"], r["removed"], r["articles"], r["quotes"],
            r["attempt"], f"{r['wall']:.1f}", r["host"],
        )))
    print(
        f"newsdex_spark: {merged['files']} files, {merged['articles']} articles, "
        f"{merged['quotes']} quotes in {os.path.join(args.out, 'index')}; "
        f"shards {indexed - started:.1f}s, merge {finished - indexed:.1f}s, "
        f"total {finished - started:.1f}s",
        flush=True,
    )
    report = {
        "shards": rows,
        "merged": merged,
        "seconds": {"shards": indexed - started, "merge": finished - indexed,
                    "total": finished - started},
    }
    tmp = os.path.join(args.out, ".last-run.json.tmp")
    with open(tmp, "w") as f:
        json.dump(report, f, indent=1)
    os.replace(tmp, os.path.join(args.out, "last-run.json"))
    spark.stop()


if __name__ == "__main__":
    main()
