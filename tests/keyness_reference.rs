//! framelens keyness against an independent Python + scipy implementation
//! (`tests/reference/keyness_reference.py`, see `tests/reference/README.md`).
//!
//! Each case is a pair of files under `tests/fixtures/keyness/`: a terms export
//! (`source,term,display,count,per_1000,doc_freq,words`) and the script's output for
//! it (`source,term,a,b,g2,p,chi2,log_ratio,z,p_adj`). The test recomputes every
//! source one-vs-rest with `score_terms` and requires agreement to 1e-9.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use framelens::stats::keyness::{score_terms, KeynessOptions, Prior, TermScores};

/// One case per line: `pair!(test_name, "terms.csv", "expected.csv");`
macro_rules! pair {
    ($name:ident, $terms:literal, $expected:literal) => {
        #[test]
        fn $name() {
            check_pair(&fixture($terms), &fixture($expected));
        }
    };
}

pair!(small_hand_made, "small_terms.csv", "small_expected.csv");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keyness")
        .join(name)
}

struct Source {
    words: u64,
    counts: BTreeMap<String, u64>,
}

fn read_terms(path: &Path) -> BTreeMap<String, Source> {
    let mut rdr =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rdr.headers().expect("header row").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let (c_source, c_term, c_count, c_words) =
        (col("source"), col("term"), col("count"), col("words"));
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.unwrap_or_else(|e| panic!("{}:{line}: {e}", path.display()));
        let num = |c: usize| -> u64 {
            rec[c]
                .parse()
                .unwrap_or_else(|e| panic!("{}:{line}: {:?}: {e}", path.display(), &rec[c]))
        };
        let (words, count) = (num(c_words), num(c_count));
        let src = sources
            .entry(rec[c_source].to_string())
            .or_insert_with(|| Source {
                words,
                counts: BTreeMap::new(),
            });
        assert_eq!(
            src.words,
            words,
            "{}:{line}: words differ within a source",
            path.display()
        );
        let dup = src.counts.insert(rec[c_term].to_string(), count);
        assert!(dup.is_none(), "{}:{line}: duplicate term", path.display());
    }
    sources
}

/// framelens' scores for every (source, term), one source against the rest.
fn compute(sources: &BTreeMap<String, Source>) -> BTreeMap<(String, String), TermScores> {
    let vocab: BTreeSet<&String> = sources.values().flat_map(|s| s.counts.keys()).collect();
    let total_words: u64 = sources.values().map(|s| s.words).sum();
    let mut out = BTreeMap::new();
    for (name, src) in sources {
        let counts: Vec<(u64, u64)> = vocab
            .iter()
            .map(|&term| {
                let a = src.counts.get(term).copied().unwrap_or(0);
                let all: u64 = sources
                    .values()
                    .map(|s| s.counts.get(term).copied().unwrap_or(0))
                    .sum();
                (a, all - a)
            })
            .collect();
        let opts = KeynessOptions {
            min_count: 1,
            alpha0: None,
        };
        let scores = score_terms(
            &counts,
            src.words,
            total_words - src.words,
            Prior::Pooled,
            &opts,
        );
        for (term, s) in vocab.iter().zip(scores) {
            out.insert((name.clone(), term.to_string()), s);
        }
    }
    out
}

/// Agreement to 1e-9 relative; statistics that may sit at 0 also pass within 1e-9
/// absolute (near 0, G² is a difference of large terms: the reference's plain
/// formula loses digits there that framelens's `ln_1p` form keeps — seen: 1.2e-12
/// absolute at G² = 2.9e-4), p-values only relatively (they span hundreds of
/// orders of magnitude).
fn agrees(ours: f64, theirs: f64, may_be_zero: bool) -> bool {
    if ours == theirs || (ours.is_nan() && theirs.is_nan()) {
        return true;
    }
    let diff = (ours - theirs).abs();
    diff <= 1e-9 * ours.abs().max(theirs.abs()) || (may_be_zero && diff <= 1e-9)
}

fn check_pair(terms: &Path, expected: &Path) {
    let ours = compute(&read_terms(terms));
    let mut rdr =
        csv::Reader::from_path(expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
    let mut seen = 0;
    let mut failures = Vec::new();
    for (i, rec) in rdr.deserialize::<ExpectedRow>().enumerate() {
        let line = i + 2;
        let row = rec.unwrap_or_else(|e| panic!("{}:{line}: {e}", expected.display()));
        let key = (row.source.clone(), row.term.clone());
        let s = ours.get(&key).unwrap_or_else(|| {
            panic!(
                "{}:{line}: {key:?} not computed by framelens",
                expected.display()
            )
        });
        seen += 1;
        assert_eq!(
            (s.a, s.b),
            (row.a, row.b),
            "{}:{line}: counts of {key:?}",
            expected.display()
        );
        for (what, x, y, may_be_zero) in [
            ("g2", s.g2, row.g2, true),
            ("p", s.p, row.p, false),
            ("chi2", s.chi2, row.chi2, true),
            ("log_ratio", s.log_ratio, row.log_ratio, true),
            ("z", s.z, row.z, true),
            ("p_adj", s.p_adj, row.p_adj, false),
        ] {
            if !agrees(x, y, may_be_zero) {
                failures.push(format!(
                    "{}:{line}: {key:?} {what}: framelens {x:?}, reference {y:?}",
                    expected.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        seen,
        ours.len(),
        "{}: row count differs from framelens' (source, term) pairs",
        expected.display()
    );
}

#[derive(serde::Deserialize)]
struct ExpectedRow {
    source: String,
    term: String,
    a: u64,
    b: u64,
    g2: f64,
    p: f64,
    chi2: f64,
    log_ratio: f64,
    z: f64,
    p_adj: f64,
}
pair!(sample_corpus, "sample_terms.csv", "sample_expected.csv");
