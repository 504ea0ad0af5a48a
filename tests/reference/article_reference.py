#!/usr/bin/env python3
"""Independent reference for framelens' article-level keyness statistics, with scipy.

Usage:
    python3 tests/reference/article_reference.py TERMS.csv OUT.csv

TERMS.csv is what `framelens terms --by article --format csv` exports: one row per
article x term with at least the columns  source,article,term,count,words  (`words`
is the article's word count, the same on every row of an article).

For every source (target) against all other sources together (reference), and every
term whose corpus count is at least 3, OUT.csv gets
    source,term,t_docs,r_docs,t_articles,r_articles,top_article_share,dp,dp_norm,
    welch_t,welch_df,welch_p,doc_g2,lrc,perm_p
sorted by source then term, floats written with repr() (full precision):
  t_docs, r_docs            articles containing the term on each side
  t_articles, r_articles    articles on each side
  top_article_share         max count in one target article / target count ("" if 0)
  dp, dp_norm               Gries (2008) DP over the target's articles and
                            DP / (1 - min expected share) (Lijffijt & Gries 2012)
                            ("" when the target has no occurrence)
  welch_t, welch_df, welch_p
                            scipy.stats.ttest_ind(x_T, x_R, equal_var=False) on
                            per-article relative frequencies x = count / words
                            ("" when a side has under 2 articles or both
                            variances are 0)
  doc_g2                    signed 4-term G2 (scipy chi2_contingency,
                            lambda_="log-likelihood") on articles with / without
                            the term: [[t_docs, r_docs], [t_articles - t_docs, ...]]
  lrc                       Evert's conservative Log Ratio: the exact (Clopper-
                            Pearson) interval from scipy.stats.binomtest(f1, f1 + f2)
                            .proportion_ci(confidence_level = 1 - 0.05 / m,
                            method="exact"), m = terms tested for that source,
                            as log2((N2/N1) tau / (1 - tau)): lower bound if
                            f1/N1 >= f2/N2 (clamped >= 0), else upper (clamped <= 0)
  perm_p                    exact one-sided permutation p over articles: every
                            choice of which t_articles articles are the target's
                            (itertools.combinations), signed token G2 of the summed
                            counts; p = #{G2 >= observed} / #choices when observed
                            >= 0, #{G2 <= observed} / #choices otherwise

Needs scipy >= 1.11 and numpy:  pip install scipy numpy
"""

import csv
import itertools
import math
import sys
from collections import defaultdict

import numpy as np
from scipy import stats


def signed_g2(a, b, c, d):
    """4-term G2 with the sign of a - E_a (0 for an empty row or column)."""
    table = np.array([[a, b], [c, d]], dtype=float)
    if (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
        return 0.0
    g2, _, _, expected = stats.chi2_contingency(
        table, correction=False, lambda_="log-likelihood"
    )
    return float(g2) if a >= expected[0][0] else -float(g2)


def plain_g2(a, b, c, d):
    """Signed 4-term G2 written out (2 sum O ln(O/E), 0 ln 0 = 0): scipy's
    chi2_contingency per permutation would take hours; `signed_g2` checks the
    same formula through scipy on the observed tables."""
    n = a + b + c + d
    rows, cols = (a + b, c + d), (a + c, b + d)
    if 0 in rows or 0 in cols:
        return 0.0
    g = 0.0
    for o, r, k in ((a, 0, 0), (b, 0, 1), (c, 1, 0), (d, 1, 1)):
        if o > 0:
            g += o * math.log(o * n / (rows[r] * cols[k]))
    g *= 2
    return g if a * n >= rows[0] * cols[0] else -g


def token_g2(count, words, count_all, words_all):
    return plain_g2(
        count, count_all - count, words - count, (words_all - words) - (count_all - count)
    )


def lrc(f1, n1, f2, n2, m):
    if f1 + f2 == 0:
        return 0.0
    ci = stats.binomtest(f1, f1 + f2).proportion_ci(
        confidence_level=1 - 0.05 / m, method="exact"
    )
    if f1 * n2 >= f2 * n1:
        tau = ci.low
        if tau <= 0:
            return 0.0
        return max(0.0, math.log2((n2 / n1) * tau / (1 - tau)))
    tau = ci.high
    if tau >= 1:
        return 0.0
    return min(0.0, math.log2((n2 / n1) * tau / (1 - tau)))


def main(terms_path, out_path):
    words = {}
    source_of = {}
    counts = defaultdict(dict)  # term -> article -> count
    with open(terms_path, newline="") as f:
        for row in csv.DictReader(f):
            art = row["article"]
            words[art] = int(row["words"])
            source_of[art] = row["source"]
            counts[row["term"]][art] = int(row["count"])
    articles = sorted(words)
    sources = sorted(set(source_of.values()))
    terms = sorted(t for t, c in counts.items() if sum(c.values()) >= 3)
    out = []
    for s in sources:
        t_arts = [a for a in articles if source_of[a] == s]
        r_arts = [a for a in articles if source_of[a] != s]
        n1 = sum(words[a] for a in t_arts)
        n2 = sum(words[a] for a in r_arts)
        m = len(terms)
        for term in terms:
            c = counts[term]
            tc = [c.get(a, 0) for a in t_arts]
            rc = [c.get(a, 0) for a in r_arts]
            f1, f2 = sum(tc), sum(rc)
            t_docs = sum(1 for x in tc if x > 0)
            r_docs = sum(1 for x in rc if x > 0)
            row = {
                "source": s,
                "term": term,
                "t_docs": t_docs,
                "r_docs": r_docs,
                "t_articles": len(t_arts),
                "r_articles": len(r_arts),
            }
            if f1 > 0:
                shares = [words[a] / n1 for a in t_arts]
                observed = [x / f1 for x in tc]
                dp = 0.5 * sum(abs(v - e) for v, e in zip(observed, shares))
                row["top_article_share"] = repr(max(tc) / f1)
                row["dp"] = repr(dp)
                row["dp_norm"] = repr(dp / (1 - min(shares)))
            else:
                row["top_article_share"] = row["dp"] = row["dp_norm"] = ""
            xt = [x / words[a] for x, a in zip(tc, t_arts)]
            xr = [x / words[a] for x, a in zip(rc, r_arts)]
            if len(xt) >= 2 and len(xr) >= 2 and (np.var(xt) > 0 or np.var(xr) > 0):
                res = stats.ttest_ind(xt, xr, equal_var=False)
                row["welch_t"] = repr(float(res.statistic))
                row["welch_df"] = repr(float(res.df))
                row["welch_p"] = repr(float(res.pvalue))
            else:
                row["welch_t"] = row["welch_df"] = row["welch_p"] = ""
            row["doc_g2"] = repr(
                signed_g2(t_docs, r_docs, len(t_arts) - t_docs, len(r_arts) - r_docs)
            )
            row["lrc"] = repr(lrc(f1, n1, f2, n2, m))
            all_counts = [c.get(a, 0) for a in articles]
            all_words = [words[a] for a in articles]
            count_all, words_all = sum(all_counts), sum(all_words)
            obs = token_g2(f1, n1, count_all, words_all)
            assert abs(obs - signed_g2(f1, f2, n1 - f1, n2 - f2)) <= 1e-9 * max(1.0, abs(obs))
            extreme = total = 0
            for choice in itertools.combinations(range(len(articles)), len(t_arts)):
                g = token_g2(
                    sum(all_counts[i] for i in choice),
                    sum(all_words[i] for i in choice),
                    count_all,
                    words_all,
                )
                total += 1
                extreme += (g >= obs) if obs >= 0 else (g <= obs)
            row["perm_p"] = repr(extreme / total)
            out.append(row)
    cols = [
        "source", "term", "t_docs", "r_docs", "t_articles", "r_articles",
        "top_article_share", "dp", "dp_norm", "welch_t", "welch_df", "welch_p",
        "doc_g2", "lrc", "perm_p",
    ]
    with open(out_path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
