#!/usr/bin/env python3
"""Runs framelens and its peers on the same corpus and prints a Markdown table of
throughput (MB/s of article text), peak memory and the ratios the targets use.

    python3 benches/peers/run.py --corpus CORPUS/docs \
        --news CORPUS/docs_newsstyle [--reps 5] [--peer-reps 1] [--no-r] [--gen-1gb DIR] [--report]

framelens is timed end to end (`framelens tfidf`: read, analyze, count, TF-IDF, write
the table) with /usr/bin/time; each framelens row is the median of --reps runs, after
the corpus files have been read once (so every run reads them from the page cache);
the framelens runs take turns rep by rep, so a drift of the machine's speed moves
them alike. The
peers' times are their own measurements of the work alone (scikit-learn:
fit_transform, reading excluded; tidytext: tokenizing to bind_tf_idf, reading
excluded), which favours the peers. Peak memory is the peak RSS of the whole process.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def corpus_bytes(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs
               if f.endswith((".txt", ".md")))


def warm(d):
    """Reads every file of corpus `d` once, so that a timed run reads from the page
    cache (as the other runs on the same corpus do) and not from the disk."""
    for r, _, fs in os.walk(d):
        for f in fs:
            with open(os.path.join(r, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


def timed(cmd, reps):
    """Median wall seconds, median user+sys seconds, max peak RSS (MB), last stdout."""
    walls, cpus, rss, out = [], [], [], ""
    for _ in range(reps):
        with tempfile.NamedTemporaryFile("r") as tf:
            p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + cmd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"{cmd}: {p.stderr[-2000:]}")
            e, u, s, m = tf.read().split()[-4:]
        walls.append(float(e)); cpus.append(float(u) + float(s)); rss.append(int(m) / 1024); out = p.stdout
    return statistics.median(walls), statistics.median(cpus), max(rss), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--news", help="the same corpus in news typography (curly quotes, dashes)")
    ap.add_argument("--framelens", default=os.path.join(ROOT, "target", "release", "framelens"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--peer-reps", type=int, default=1)
    ap.add_argument("--no-r", action="store_true")
    ap.add_argument("--no-bigrams", action="store_true")
    ap.add_argument("--gen-1gb", metavar="DIR", help="generate (if absent) and measure a 1 GB corpus here")
    ap.add_argument("--report", action="store_true", help="also time `framelens report` (all statistics and charts) once")
    a = ap.parse_args()
    fl = a.framelens
    mb = corpus_bytes(a.corpus) / 1e6
    rows = {}

    def fl_runs(runs):
        """Times the framelens runs (name, corpus, extra args, MB) in turn, rep by
        rep (A B C A B C ...), so that a drift of the machine's speed during the
        run moves all of them alike and the ratios between them hold."""
        for _, corpus, _, _ in runs:
            warm(corpus)
        times = {name: [] for name, _, _, _ in runs}
        for _ in range(a.reps):
            for name, corpus, extra, _ in runs:
                times[name].append(timed([fl, "tfidf", "--corpus", corpus, "--quiet"] + extra, 1))
        for name, _, _, size_mb in runs:
            w = statistics.median(t[0] for t in times[name])
            c = statistics.median(t[1] for t in times[name])
            m = max(t[2] for t in times[name])
            rows[name] = dict(seconds=w, cpu=c, mbps=size_mb / w, rss=m)
            print(f"  {name}: {w:.2f} s wall, {c:.2f} s CPU, {m:.0f} MB", file=sys.stderr)

    print(f"corpus {a.corpus}: {mb:.1f} MB", file=sys.stderr)
    runs = [("framelens tfidf, 2 threads", a.corpus, ["--threads", "2"], mb),
            ("framelens tfidf, 1 thread", a.corpus, ["--threads", "1"], mb)]
    if a.news:
        runs.append(("framelens tfidf, 2 threads, news style", a.news, ["--threads", "2"], corpus_bytes(a.news) / 1e6))
    if not a.no_bigrams:
        # --ngram-stopwords join: the bigrams scikit-learn's recipe forms (stopwords
        # removed first, the words left joined), so both count the same bigrams.
        runs.append(("framelens tfidf --ngrams 2, 2 threads", a.corpus, ["--threads", "2", "--ngrams", "2", "--ngram-stopwords", "join"], mb))
    fl_runs(runs)

    def sk(name, analyzer, n):
        cmd = [sys.executable, os.path.join(HERE, "sklearn_tfidf.py"), a.corpus, "--analyzer", analyzer, "--ngrams", str(n)]
        w, c, m, out = timed(cmd, a.peer_reps)
        j = json.loads(out.strip().splitlines()[-1])
        rows[name] = dict(seconds=j["fit_transform_s"], cpu=None, mbps=mb / j["fit_transform_s"], rss=m)
        print(f"  {name}: {j['fit_transform_s']:.2f} s fit_transform, {m:.0f} MB", file=sys.stderr)

    sk("scikit-learn TfidfVectorizer (default analyzer)", "default", 1)
    sk("scikit-learn + PyStemmer", "stem", 1)
    if not a.no_bigrams:
        sk("scikit-learn + PyStemmer, bigrams", "stem", 2)

    if not a.no_r and shutil.which("Rscript"):
        def r(name, n):
            try:
                w, c, m, out = timed(["Rscript", os.path.join(HERE, "tidytext_tfidf.R"), a.corpus, str(n)], a.peer_reps)
            except RuntimeError as e:
                print(f"  {name}: skipped ({e})", file=sys.stderr)
                return
            j = json.loads(out.strip().splitlines()[-1])
            rows[name] = dict(seconds=j["seconds"], cpu=None, mbps=mb / j["seconds"], rss=m)
            print(f"  {name}: {j['seconds']:.2f} s, {m:.0f} MB", file=sys.stderr)
        r("R tidytext + SnowballC", 1)
        if not a.no_bigrams:
            r("R tidytext + SnowballC, bigrams", 2)
    elif not a.no_r:
        print("  R tidytext: skipped (Rscript not found; apt-get install -y r-cran-tidytext r-cran-snowballc)", file=sys.stderr)

    if a.report:
        with tempfile.TemporaryDirectory() as out:
            w, c, m, _ = timed([fl, "report", "--corpus", a.corpus, "--out", os.path.join(out, "r"), "--threads", "2", "--quiet"], 1)
        rows["framelens report, 2 threads"] = dict(seconds=w, cpu=c, mbps=mb / w, rss=m)
        print(f"  framelens report: {w:.2f} s wall, {c:.2f} s CPU, {m:.0f} MB", file=sys.stderr)

    if a.gen_1gb:
        if not os.path.isdir(a.gen_1gb):
            subprocess.run([fl, "generate", "--out", a.gen_1gb, "--size", "1000", "--sources", "13", "--seed", "1"], check=True)
        g = corpus_bytes(a.gen_1gb) / 1e6
        warm(a.gen_1gb)
        w, c, m, _ = timed([fl, "tfidf", "--corpus", a.gen_1gb, "--quiet", "--threads", "2"], 1)
        rows["framelens tfidf, 2 threads, generated 1 GB"] = dict(seconds=w, cpu=c, mbps=g / w, rss=m)

    print("| run | seconds | MB/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|")
    for k, v in rows.items():
        cpu = f" (CPU {v['cpu']:.2f})" if v["cpu"] is not None else ""
        print(f"| {k} | {v['seconds']:.2f}{cpu} | {v['mbps']:.1f} | {v['rss']:.0f} |")

    def ratio(x, y):
        return rows[x]["mbps"] / rows[y]["mbps"] if x in rows and y in rows else float("nan")

    f2 = "framelens tfidf, 2 threads"
    checks = [
        ("framelens 2 threads ≥ 150 MB/s", rows[f2]["mbps"], 150, rows[f2]["mbps"] >= 150),
        ("× scikit-learn + PyStemmer ≥ 20", ratio(f2, "scikit-learn + PyStemmer"), 20, None),
        ("bigrams × scikit-learn bigrams ≥ 30", ratio("framelens tfidf --ngrams 2, 2 threads", "scikit-learn + PyStemmer, bigrams"), 30, None),
        ("2 threads / 1 thread ≥ 1.8", ratio(f2, "framelens tfidf, 1 thread"), 1.8, None),
        ("news style slowdown ≤ 1.5", 1 / ratio("framelens tfidf, 2 threads, news style", f2), 1.5, "le"),
        ("peak RSS < 250 MB", rows[f2]["rss"], 250, "lt"),
    ]
    if "framelens report, 2 threads" in rows:
        checks.append(("report time / tfidf time < 3", rows["framelens report, 2 threads"]["seconds"] / rows[f2]["seconds"], 3, "lt"))
    if "framelens tfidf, 2 threads, generated 1 GB" in rows:
        checks.append(("1 GB peak RSS / 117 MB peak RSS ≤ 1.3", rows["framelens tfidf, 2 threads, generated 1 GB"]["rss"] / rows[f2]["rss"], 1.3, "le"))
    print()
    print("| target | measured | holds |")
    print("|---|---:|---|")
    for name, v, t, how in checks:
        if v != v:  # NaN: a run this call skipped
            print(f"| {name} | not run | – |")
            continue
        ok = v <= t if how == "le" else v < t if how == "lt" else v >= t
        print(f"| {name} | {v:.2f} | {'yes' if ok else 'no'} |")


if __name__ == "__main__":
    main()
