#!/usr/bin/env python3
"""Reference TF-IDF weights from scikit-learn, on framelens's own token streams.

framelens's `tokens` command prints exactly the terms it counts, one JSON line per
article. This script groups them into documents (by source or by article), feeds
them to scikit-learn's TfidfVectorizer with an identity analyzer (so tokenization
and stemming are framelens's, and only the weighting is compared), and writes one
CSV row per non-zero weight for every setting framelens maps onto scikit-learn:

    smooth_idf in {True, False}  ->  --variant sklearn | sklearn-nosmooth
    sublinear_tf in {False, True} ->  --sublinear-tf
    norm in {l2, l1, None}        ->  --norm l2 | l1 | none

Usage (from the repository root):
    pip install scikit-learn
    cargo run --release -- tokens > /tmp/tokens.jsonl
    python3 tests/reference/tfidf_sklearn.py --by source /tmp/tokens.jsonl > tests/fixtures/tfidf/sklearn_by_source.csv

The Rust test `tests/tfidf_sklearn.rs` recomputes every row and asserts agreement to 1e-9.

The fixtures are unigrams (the default). The terms come from framelens either way, so
only the weighting is compared; for scikit-learn's own bigrams (`ngram_range=(1, 2)`
with `stop_words`: stopwords removed first, the words left joined) the framelens
equivalent is `tokens --ngrams 2 --ngram-stopwords join`, not the default rule, which
drops every n-gram that holds a stopword.
"""
import argparse
import csv
import json
import sys
from collections import OrderedDict

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--by", choices=["source", "article"], default="source")
    ap.add_argument("tokens")
    args = ap.parse_args()

    docs = OrderedDict()
    with open(args.tokens, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            key = rec["source"] if args.by == "source" else rec["id"]
            docs.setdefault(key, []).extend(rec["terms"])
    keys = sorted(docs) if args.by == "source" else list(docs)

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["variant", "sublinear_tf", "norm", "doc", "term", "weight"])
    print(f"# scikit-learn {sklearn.__version__}", file=sys.stderr)
    for smooth in (True, False):
        for sublinear in (False, True):
            for norm in ("l2", "l1", None):
                vec = TfidfVectorizer(
                    analyzer=lambda terms: terms,
                    lowercase=False,
                    smooth_idf=smooth,
                    sublinear_tf=sublinear,
                    norm=norm,
                )
                x = vec.fit_transform([docs[k] for k in keys]).tocoo()
                vocab = vec.get_feature_names_out()
                rows = sorted(zip(x.row, x.col, x.data), key=lambda r: (r[0], vocab[r[1]]))
                variant = "sklearn" if smooth else "sklearn-nosmooth"
                for r, c, w in rows:
                    out.writerow([variant, str(sublinear).lower(), norm or "none", keys[r], vocab[c], repr(float(w))])


if __name__ == "__main__":
    main()
