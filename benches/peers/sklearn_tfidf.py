#!/usr/bin/env python3
"""scikit-learn TfidfVectorizer on a framelens directory corpus (DIR/<source>/<article>.txt),
one document per article. Prints one JSON line: bytes, seconds reading, seconds in
fit_transform, vocabulary size, and peak RSS (MB).

--analyzer default   TfidfVectorizer() as shipped (its regex tokenizer, lowercase, no stopwords)
--analyzer stem      + Snowball English stopwords... scikit-learn's 'english' list and
                     PyStemmer (Snowball English) stems
--ngrams 2           unigrams and bigrams of the stemmed, stopword-filtered stream:
                     stopwords are removed first and the words left join, which is
                     framelens's `--ngrams 2 --ngram-stopwords join` (run.py passes it);
                     framelens's default drops a bigram holding a stopword instead
"""
import argparse, json, os, re, resource, sys, time

from sklearn.feature_extraction.text import TfidfVectorizer, ENGLISH_STOP_WORDS


def read_corpus(root):
    docs = []
    for src in sorted(os.listdir(root)):
        d = os.path.join(root, src)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                docs.append(fh.read())
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--analyzer", choices=["default", "stem"], default="stem")
    ap.add_argument("--ngrams", type=int, default=1)
    a = ap.parse_args()
    t0 = time.perf_counter()
    docs = read_corpus(a.corpus)
    t1 = time.perf_counter()
    if a.analyzer == "default":
        vec = TfidfVectorizer(ngram_range=(1, a.ngrams))
    else:
        import Stemmer

        stemmer = Stemmer.Stemmer("english")
        token = re.compile(r"(?u)\b\w\w+\b")
        stop = ENGLISH_STOP_WORDS
        n = a.ngrams

        def analyzer(doc):
            words = [w for w in token.findall(doc.lower()) if w not in stop]
            stems = stemmer.stemWords(words)
            if n == 1:
                return stems
            out = list(stems)
            out.extend(" ".join(stems[i : i + 2]) for i in range(len(stems) - 1))
            return out

        vec = TfidfVectorizer(analyzer=analyzer)
    m = vec.fit_transform(docs)
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "tool": "scikit-learn",
                "analyzer": a.analyzer,
                "ngrams": a.ngrams,
                "docs": len(docs),
                "bytes": sum(len(d.encode("utf-8")) for d in docs),
                "read_s": t1 - t0,
                "fit_transform_s": t2 - t1,
                "vocabulary": m.shape[1],
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
