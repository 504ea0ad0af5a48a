//! framelens' article-level keyness statistics (`stats::articles`) against an
//! independent Python + scipy implementation (`tests/reference/article_reference.py`,
//! see `tests/reference/README.md`), on framelens' own per-article counts of a
//! small real corpus: 4 articles each of three sources of the benchmark corpus
//! (registry packages: the Devil's Dictionary, fortunes, Lee's news texts),
//! `tests/fixtures/articles/registry_terms.csv`. Every source one-vs-rest, every
//! term with a corpus count of at least 3: dispersion, Welch's t, text-dispersion
//! G², LRC (Bonferroni over the terms tested) and the exact permutation p, to 1e-9.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use framelens::stats::articles::{dispersion, doc_g2, lrc, permutation_exact, welch, RateSums};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .join(name)
}

struct Corpus {
    /// article → (source, words), in article order.
    articles: BTreeMap<String, (String, u64)>,
    /// term → article → count.
    counts: BTreeMap<String, BTreeMap<String, u64>>,
}

fn read_terms(path: &Path) -> Corpus {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (cs, ca, ct, cc, cw) = (
        col("source"),
        col("article"),
        col("term"),
        col("count"),
        col("words"),
    );
    let mut c = Corpus {
        articles: BTreeMap::new(),
        counts: BTreeMap::new(),
    };
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let words: u64 = rec[cw].parse().unwrap();
        c.articles
            .insert(rec[ca].to_string(), (rec[cs].to_string(), words));
        c.counts
            .entry(rec[ct].to_string())
            .or_default()
            .insert(rec[ca].to_string(), rec[cc].parse().unwrap());
    }
    c
}

fn close(what: &str, got: f64, want: &str) {
    let want: f64 = want.parse().unwrap_or_else(|_| panic!("{what}: {want:?}"));
    let tol = 1e-9 * want.abs().max(1e-3);
    assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
}

#[test]
fn article_statistics_equal_scipy_on_a_real_multi_article_corpus() {
    let corpus = read_terms(&fixture("registry_terms.csv"));
    let mut rdr = csv::Reader::from_path(fixture("registry_expected.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let mut rows = 0;
    let tested_per_source = corpus
        .counts
        .values()
        .filter(|c| c.values().sum::<u64>() >= 3)
        .count() as u64;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let get = |n: &str| &rec[h.iter().position(|x| x == n).unwrap()];
        let (source, term) = (get("source"), get("term"));
        let what = format!("{source} {term}");
        let counts = &corpus.counts[term];
        let mut t_with = Vec::new();
        let mut r_with = Vec::new();
        let (mut t_n, mut r_n, mut t_words, mut r_words) = (0u64, 0u64, 0u64, 0u64);
        let mut t_min = u64::MAX;
        let mut all = Vec::new();
        let mut in_target = Vec::new();
        for (article, (s, words)) in &corpus.articles {
            let n = counts.get(article).copied().unwrap_or(0);
            all.push((n, *words));
            in_target.push(s == source);
            if s == source {
                t_n += 1;
                t_words += words;
                t_min = t_min.min(*words);
                if n > 0 {
                    t_with.push((n, *words));
                }
            } else {
                r_n += 1;
                r_words += words;
                if n > 0 {
                    r_with.push((n, *words));
                }
            }
        }
        assert_eq!(get("t_docs"), t_with.len().to_string(), "{what}");
        assert_eq!(get("r_docs"), r_with.len().to_string(), "{what}");
        assert_eq!(get("t_articles"), t_n.to_string(), "{what}");
        assert_eq!(get("r_articles"), r_n.to_string(), "{what}");
        match dispersion(&t_with, t_words, t_min) {
            Some(d) => {
                close(&what, d.top_article_share, get("top_article_share"));
                close(&what, d.dp, get("dp"));
                close(&what, d.dp_norm, get("dp_norm"));
            }
            None => assert_eq!(get("dp"), "", "{what}"),
        }
        let w = welch(&RateSums::of(t_n, &t_with), &RateSums::of(r_n, &r_with)).unwrap();
        if get("welch_t").is_empty() {
            // scipy has no answer when both variances are 0; framelens says
            // t = 0, p = 1 (equal means) or t = ±∞, p = 0.
            assert!(w.p == 1.0 || w.p == 0.0, "{what}: {w:?}");
        } else {
            close(&what, w.t, get("welch_t"));
            close(&what, w.df, get("welch_df"));
            close(&what, w.p, get("welch_p"));
        }
        let (g, _) = doc_g2(t_with.len() as u64, t_n, r_with.len() as u64, r_n);
        close(&what, g, get("doc_g2"));
        let f1: u64 = t_with.iter().map(|x| x.0).sum();
        let f2: u64 = r_with.iter().map(|x| x.0).sum();
        close(
            &what,
            lrc(f1, t_words, f2, r_words, 0.05, tested_per_source),
            get("lrc"),
        );
        close(
            &what,
            permutation_exact(&all, &in_target, 10_000).unwrap(),
            get("perm_p"),
        );
        rows += 1;
    }
    // Three sources × every term with a corpus count of at least 3.
    assert_eq!(rows as u64, 3 * tested_per_source);
    assert!(rows > 500, "{rows}");
}
