#!/usr/bin/env python3
"""Independent reference for framelens keyness (one source vs the rest), with scipy.

Usage:
    python3 tests/reference/keyness_reference.py TERMS.csv OUT.csv

TERMS.csv is what `framelens terms --format csv` exports: one row per source x term,
with at least the columns  source,term,count,words  (display, per_1000 and doc_freq
are read but not used). `words` is that source's word count (WC, stopwords included)
and must be the same on every row of a source. A term missing for a source counts 0.

For every source (target) against all other sources summed (reference), and for every
term of the whole vocabulary, OUT.csv gets
    source,term,a,b,g2,p,chi2,log_ratio,z,p_adj
sorted by source then term, floats written with repr() (full precision):
  a, b       counts in target and reference
  g2         4-term log-likelihood G2 from scipy.stats.chi2_contingency(
             lambda_="log-likelihood", correction=False), + if a > E_a, - otherwise
  p          scipy.stats.chi2.sf(|g2|, 1)
  chi2       Pearson chi2 from scipy.stats.chi2_contingency, with Yates' correction
             only when |ad - bc| >= N/2 and some expected cell < 5 (quanteda's
             default rule), signed like g2
  log_ratio  log2((a/T)/(b/R)), a zero count replaced by 0.5 (Hardie 2014)
  z          Monroe, Colaresi & Quinn (2008) log-odds z with the pooled corpus as
             prior: alpha_w = a + b, alpha0 = T + R (0.01 if alpha_w = 0); reported
             as 0 when undefined (the term is the whole corpus)
  p_adj      scipy.stats.false_discovery_control(p) (Benjamini-Hochberg) over the
             terms of that source with a + b >= 1

Needs scipy >= 1.11 and numpy:  pip install scipy numpy
"""
import csv
import math
import sys

import numpy as np
from scipy import stats
from scipy.stats.contingency import expected_freq

MIN_ALPHA_W = 0.01


def read_terms(path):
    words = {}
    counts = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            src, term = row["source"], row["term"]
            w = int(row["words"])
            if words.setdefault(src, w) != w:
                sys.exit(f"{path}:{line}: words {w} differs from {words[src]} for {src}")
            per = counts.setdefault(src, {})
            if term in per:
                sys.exit(f"{path}:{line}: duplicate term {term!r} for {src}")
            per[term] = int(row["count"])
    return words, counts


def scores(a, t, b, r):
    c, d = t - a, r - b
    table = np.array([[a, c], [b, d]], dtype=float)
    sign = 1.0 if a * d > b * c else -1.0
    if min(a + b, c + d, a + c, b + d) == 0:
        g2 = chi2 = 0.0
    else:
        g2 = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        n = a + b + c + d
        small = expected_freq(table).min() < 5
        yates = abs(a * d - b * c) >= n / 2 and small
        chi2 = stats.chi2_contingency(table, correction=yates)[0]
    g2, chi2 = sign * float(g2), sign * float(chi2)
    p = float(stats.chi2.sf(abs(g2), 1))
    if t == 0 or r == 0:
        log_ratio = 0.0
    else:
        log_ratio = math.log2(((a or 0.5) / t) / ((b or 0.5) / r))
    alpha_w = float(a + b) if a + b > 0 else MIN_ALPHA_W
    alpha0 = float(t + r)
    try:
        delta = math.log((a + alpha_w) / (t + alpha0 - a - alpha_w)) - math.log(
            (b + alpha_w) / (r + alpha0 - b - alpha_w)
        )
        z = delta / math.sqrt(1 / (a + alpha_w) + 1 / (b + alpha_w))
    except (ValueError, ZeroDivisionError):
        z = 0.0
    return g2, p, chi2, log_ratio, z


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    words, counts = read_terms(sys.argv[1])
    vocab = sorted({term for per in counts.values() for term in per})
    total_words = sum(words.values())
    out = []
    for src in sorted(words):
        t = words[src]
        r = total_words - t
        rows = []
        for term in vocab:
            a = counts[src].get(term, 0)
            b = sum(per.get(term, 0) for s, per in counts.items() if s != src)
            rows.append([src, term, a, b, *scores(a, t, b, r)])
        tested = [i for i, row in enumerate(rows) if row[2] + row[3] >= 1]
        adj = stats.false_discovery_control([rows[i][5] for i in tested])
        p_adj = [math.nan] * len(rows)
        for i, v in zip(tested, adj):
            p_adj[i] = float(v)
        out.extend(row + [p_adj[i]] for i, row in enumerate(rows))
    with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "term", "a", "b", "g2", "p", "chi2", "log_ratio", "z", "p_adj"])
        for row in out:
            w.writerow(row[:4] + [repr(float(x)) for x in row[4:]])


if __name__ == "__main__":
    main()
