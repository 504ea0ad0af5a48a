//! TF-IDF equals scikit-learn's TfidfVectorizer to 1e-9 on the sample corpus's
//! real token streams. The fixture is made by `tests/reference/tfidf_sklearn.py`
//! (see its docstring); this test recomputes every row with framelens, through
//! the code path `framelens tfidf` runs: the collection of the unit asked for
//! (by source: the fast counting path and its ranked counts; by article: each
//! article's counts), its documents × terms, and the weighted rows. The
//! fixtures are unigrams; scikit-learn's own bigrams (stopwords removed, then
//! `ngram_range`) are `--ngram-stopwords join` (see the script).

use std::collections::BTreeMap;
use std::path::Path;

use framelens::analysis::collect::{collect, Want};
use framelens::analysis::tfidf::{weighted, TfidfSpec};
use framelens::analysis::Unit;
use framelens::pipeline::Config;
use framelens::stats::tfidf::{Norm, TfidfOptions, Variant};

fn config() -> Config {
    Config {
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        read: Default::default(),
        analyzer: Default::default(),
        threads: Some(2),
    }
}

/// (variant, sublinear, norm, doc, term) → weight, from the fixture.
type Reference = BTreeMap<(String, bool, String, String, String), f64>;

fn read_reference(path: &str) -> Reference {
    let mut r = csv::Reader::from_path(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let key = (
                rec[0].to_string(),
                &rec[1] == "true",
                rec[2].to_string(),
                rec[3].to_string(),
                rec[4].to_string(),
            );
            (key, rec[5].parse::<f64>().unwrap())
        })
        .collect()
}

fn check(fixture: &str, by: Unit) {
    let reference = read_reference(fixture);
    let collection = collect(&config(), &Want::terms(by)).unwrap();
    let dtm = collection.dtm(by).unwrap();
    let mut compared = 0;
    let mut max_diff = 0f64;
    for variant in [Variant::Sklearn, Variant::SklearnNosmooth] {
        for sublinear in [false, true] {
            for norm in [Norm::L2, Norm::L1, Norm::None] {
                let spec = TfidfSpec {
                    unit: by,
                    tfidf: TfidfOptions {
                        variant,
                        sublinear_tf: sublinear,
                        norm,
                    },
                    top: None,
                    min_count: 1,
                };
                let w = weighted(&dtm, &spec);
                let mut ours = BTreeMap::new();
                for r in (0..w.n_docs()).flat_map(|d| w.rows(d)) {
                    ours.insert(
                        (
                            variant.name().to_string(),
                            sublinear,
                            norm.name().to_string(),
                            r.doc.to_string(),
                            r.term.to_string(),
                        ),
                        r.weight,
                    );
                }
                let theirs: BTreeMap<_, _> = reference
                    .iter()
                    .filter(|(k, _)| {
                        k.0 == variant.name() && k.1 == sublinear && k.2 == norm.name()
                    })
                    .collect();
                assert_eq!(
                    ours.len(),
                    theirs.len(),
                    "{variant:?} sublinear={sublinear} {norm:?}: number of non-zero weights"
                );
                for (k, w) in theirs {
                    let mine = ours.get(k).unwrap_or_else(|| panic!("missing {k:?}"));
                    max_diff = max_diff.max((mine - w).abs());
                    assert!(
                        (mine - w).abs() <= 1e-9,
                        "{k:?}: framelens {mine}, scikit-learn {w}"
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 1000, "only {compared} weights compared");
    eprintln!("{fixture}: {compared} weights, largest difference {max_diff:e}");
}

#[test]
fn tfidf_by_source_equals_scikit_learn() {
    check("tests/fixtures/tfidf/sklearn_by_source.csv", Unit::Source);
}

#[test]
fn tfidf_by_article_equals_scikit_learn() {
    check("tests/fixtures/tfidf/sklearn_by_article.csv", Unit::Article);
}
