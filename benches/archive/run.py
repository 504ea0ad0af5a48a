#!/usr/bin/env python3
"""The report at archive scale: `framelens report` beside `framelens tfidf` on the
same corpus, run after run in turns (A B A B ...), with wall time, CPU time and
peak RSS from `/usr/bin/time -v`; the report's size outside `data/` and in
`data/`; the size of `framelens count`'s partial per GB of text; and the peak
RSS of the report of one JSONL file of 1,000,000 tiny articles.

usage: benches/archive/run.py --bin target/release/framelens \\
           [--lexicon corpus/lexicon.toml] --corpus CORPUS/docs [--corpus FILE.jsonl ...] [--reps 3] \\
           [--million DIR] [--work DIR]

Each --corpus is measured in turn; --million writes (once) and measures the
1M-article file in DIR. Prints a Markdown table.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile


def timed(cmd):
    """(wall s, cpu s, peak RSS MB) of one run of cmd, via /usr/bin/time -v."""
    # /dev/null opened for writing, as a shell's `> /dev/null` does.
    with open(os.devnull, "w") as null:
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=null,
                           stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    err = p.stderr
    def field(name):
        m = re.search(re.escape(name) + r":\s*(\S+)", err)
        return m.group(1)
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(x) for x in wall.split(":")]
    secs = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) / 1024
    return secs, cpu, rss


def size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def mb(n):
    return f"{n / 1e6:.1f}"


def corpus_text_bytes(path):
    return size(path)


def million(dirname):
    """One JSONL file of 1,000,000 tiny articles over 13 sources (written once)."""
    path = os.path.join(dirname, "million.jsonl")
    if os.path.exists(path):
        return path
    os.makedirs(dirname, exist_ok=True)
    words = ("protest police government coup congress president rioters repression "
             "the a of in and to march square capital army vote people").split()
    state = 12345
    with open(path + ".tmp", "w") as f:
        for i in range(1_000_000):
            ws = []
            for _ in range(12):
                state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
                ws.append(words[(state >> 33) % len(words)])
            f.write('{"source":"s%d","id":"a%d","text":"%s."}\n' % (i % 13, i, " ".join(ws)))
    os.rename(path + ".tmp", path)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--lexicon", default="corpus/lexicon.toml")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--million")
    ap.add_argument("--work", default=tempfile.gettempdir())
    a = ap.parse_args()
    rows = []
    for corpus in a.corpus:
        out = os.path.join(a.work, "archive-bench-report")
        t, r = [], []
        for _ in range(a.reps):
            t.append(timed([a.bin, "tfidf", "--quiet", "--corpus", corpus]))
            if os.path.exists(out):
                shutil.rmtree(out)
            r.append(timed([a.bin, "report", "--quiet", "--lexicon", a.lexicon,
                            "--corpus", corpus, "--out", out]))
        data = size(os.path.join(out, "data"))
        outside = size(out) - data
        partial = os.path.join(a.work, "archive-bench.tsv")
        timed([a.bin, "count", "--quiet", "--lexicon", a.lexicon, "--corpus", corpus,
               "--out", partial])
        text = corpus_text_bytes(corpus)
        med = lambda xs, i: statistics.median(x[i] for x in xs)
        rows.append((corpus, text, med(t, 0), med(t, 1), med(r, 0), med(r, 1),
                     med(t, 2), med(r, 2), outside, data, size(partial)))
        shutil.rmtree(out)
        os.remove(partial)
    print("| corpus | MB | tfidf wall (CPU) s | report wall (CPU) s | report/tfidf wall | tfidf RSS MB | report RSS MB | report outside data/ MB | data/ MB | partial MB per GB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (c, text, tw, tc, rw, rc, trss, rrss, outside, data, part) in rows:
        print(f"| {c} | {mb(text)} | {tw:.2f} ({tc:.2f}) | {rw:.2f} ({rc:.2f}) | {rw / tw:.2f} | "
              f"{trss:.0f} | {rrss:.0f} | {mb(outside)} | {mb(data)} | {part / text * 1000:.0f} |")
    if a.million:
        path = million(a.million)
        out = os.path.join(a.work, "archive-bench-million")
        if os.path.exists(out):
            shutil.rmtree(out)
        wall, cpu, rss = timed([a.bin, "report", "--quiet", "--lexicon", a.lexicon,
                                "--corpus", path, "--out", out])
        print(f"\n1,000,000 articles ({mb(size(path))} MB JSONL): report {wall:.1f} s "
              f"(CPU {cpu:.1f} s), peak RSS {rss:.0f} MB, outside data/ "
              f"{mb(size(out) - size(os.path.join(out, 'data')))} MB")
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
