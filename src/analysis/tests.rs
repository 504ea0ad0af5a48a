//! Tests of the analysis model on small corpora whose numbers are worked out
//! by hand: documents × terms built two ways, and each statistic's rows.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::collect::{collect, Want};
use super::dtm::Dtm;
use super::keyness::{comparisons, KeynessSpec, REST};
use super::similarity::compute;
use super::terms::{rows, TermsSpec};
use super::tfidf::{weighted, TfidfSpec};
use super::{DocHead, Unit};
use crate::count::SourceCounts;
use crate::pipeline::Config;
use crate::stats::keyness::{score_terms, KeynessOptions, Measure, Prior};
use crate::stats::tfidf::{Norm, TfidfOptions, Variant};

/// A term's (text, count, articles containing it, surface forms with counts).
type TermSpec<'a> = (&'a str, u64, u64, &'a [(&'a str, u64)]);

/// Counts from term specs; `words` is the WC.
fn counts(words: u64, articles: u64, terms: &[TermSpec<'_>]) -> SourceCounts {
    let mut c = SourceCounts {
        articles,
        words,
        ..SourceCounts::default()
    };
    for &(t, n, df, forms) in terms {
        c.terms.insert(t.into(), n);
        c.df.insert(t.into(), df);
        let f: FxHashMap<String, u64> = forms.iter().map(|&(f, n)| (f.into(), n)).collect();
        c.surfaces.insert(t.into(), f);
    }
    c
}

fn head(id: &str, c: &SourceCounts) -> DocHead<'static> {
    DocHead {
        id: Box::leak(id.to_string().into_boxed_str()),
        source: Box::leak(id.to_string().into_boxed_str()),
        name: "",
        articles: c.articles,
        words: c.words,
    }
}

/// Three sources: a = {coup 3, riot 2}, b = {coup 1, massacr 4}, c = {riot 1}.
fn three() -> Vec<SourceCounts> {
    vec![
        counts(
            100,
            2,
            &[
                ("coup", 3, 2, &[("coup", 3)]),
                ("riot", 2, 1, &[("riots", 1), ("rioting", 1)]),
            ],
        ),
        counts(
            50,
            1,
            &[
                ("coup", 1, 1, &[("Coup", 1)]),
                ("massacr", 4, 1, &[("massacre", 3), ("massacres", 1)]),
            ],
        ),
        counts(20, 1, &[("riot", 1, 1, &[("riots", 1)])]),
    ]
}

fn dtm(sources: &[SourceCounts]) -> Dtm<'_> {
    let ids = ["a", "b", "c", "d", "e"];
    Dtm::strings(
        sources
            .iter()
            .zip(ids)
            .map(|(c, id)| (head(id, c), c))
            .collect(),
    )
    .unwrap()
}

/// A keyness spec of `targets` against `vs` (the rest of the corpus when
/// `None`) ranked by `measure`, every other setting its default.
fn spec(targets: &[&str], vs: Option<&str>, measure: Measure) -> KeynessSpec {
    KeynessSpec {
        targets: targets.iter().map(|s| s.to_string()).collect(),
        vs: vs.map(str::to_string),
        measure,
        prior: Default::default(),
        lrc_family: Default::default(),
        permutations: Default::default(),
        denominator: Default::default(),
        options: KeynessOptions::default(),
    }
}

#[test]
fn term_ids_are_ranks_in_text_order_and_rows_are_sorted() {
    let s = three();
    let d = dtm(&s);
    assert_eq!(d.n_terms(), 3);
    let texts: Vec<String> = (0..3).map(|t| d.text(t).into_owned()).collect();
    assert_eq!(texts, ["coup", "massacr", "riot"]);
    assert_eq!(d.rows[0].as_ref(), &[(0, 3, 2), (2, 2, 1)]);
    assert_eq!(d.rows[1].as_ref(), &[(0, 1, 1), (1, 4, 1)]);
    assert_eq!(d.rows[2].as_ref(), &[(2, 1, 1)]);
    assert_eq!(d.totals(), [4, 4, 3]);
    assert_eq!(d.doc_freqs(), [2, 1, 2]);
    assert_eq!(d.words(), 170);
    assert_eq!(d.position("b"), Some(1));
    assert_eq!(d.position("x"), None);
}

#[test]
fn display_forms_are_the_most_frequent_surface_ties_alphabetical() {
    let s = three();
    let d = dtm(&s);
    // riot in a: riots 1, rioting 1 → tie → "rioting" (alphabetical).
    assert_eq!(d.display(0, 2), "rioting");
    // Over the corpus: riots 2, rioting 1.
    assert_eq!(d.corpus_display(2), "riots");
    assert_eq!(
        d.surface_forms(2),
        [("riots".to_string(), 2), ("rioting".to_string(), 1)]
    );
    // coup: "coup" 3 (a) vs "Coup" 1 (b).
    assert_eq!(d.corpus_display(0), "coup");
    assert_eq!(d.display(1, 0), "Coup");
}

#[test]
fn terms_rows_by_count_then_text_with_the_min_count_inclusive() {
    let s = vec![counts(
        10,
        1,
        &[
            ("b", 2, 1, &[("b", 2)]),
            ("a", 2, 1, &[("a", 2)]),
            ("c", 1, 1, &[("c", 1)]),
            ("d", 5, 1, &[("d", 5)]),
        ],
    )];
    let d = dtm(&s);
    let spec = |min_count, top| TermsSpec {
        unit: Unit::Source,
        top,
        min_count,
    };
    let all = rows(&d, &spec(1, None));
    let order: Vec<&str> = all[0].iter().map(|r| r.term.as_ref()).collect();
    assert_eq!(order, ["d", "a", "b", "c"]);
    assert_eq!(all[0][0].per_1000, 500.0);
    assert_eq!(all[0][0].article, None);
    // A count equal to the minimum stays.
    let two = rows(&d, &spec(2, None));
    assert_eq!(two[0].len(), 3);
    assert_eq!(rows(&d, &spec(3, None))[0].len(), 1);
    assert_eq!(rows(&d, &spec(1, Some(2)))[0].len(), 2);
    let by_article = rows(
        &d,
        &TermsSpec {
            unit: Unit::Article,
            top: Some(1),
            min_count: 1,
        },
    );
    assert_eq!(by_article[0][0].article, Some("a"));
}

#[test]
fn tfidf_keeps_terms_at_the_min_count_and_orders_by_weight_then_term() {
    let s = three();
    let d = dtm(&s);
    let spec = |min_count, top| TfidfSpec {
        unit: Unit::Source,
        tfidf: TfidfOptions {
            variant: Variant::Sklearn,
            sublinear_tf: false,
            norm: Norm::None,
        },
        top,
        min_count,
    };
    let w = weighted(&d, &spec(1, None));
    assert_eq!(w.vocabulary, 3);
    // n = 3; coup df 2 → idf ln(4/3)+1; massacr df 1 → ln 2 + 1.
    let b = w.rows(1);
    assert_eq!(b[0].term, "massacr");
    assert!((b[0].weight - 4.0 * ((4.0f64 / 2.0).ln() + 1.0)).abs() < 1e-12);
    assert!((b[1].weight - ((4.0f64 / 3.0).ln() + 1.0)).abs() < 1e-12);
    assert_eq!(b[1].df, 2);
    // Totals: coup 4, massacr 4, riot 3. min_count 4 keeps coup and massacr (= 4), drops riot.
    let w = weighted(&d, &spec(4, None));
    assert_eq!(w.vocabulary, 2);
    assert!(w.rows(2).is_empty());
    // coup is now in 2 documents of 3 still; riot gone from a.
    assert_eq!(w.rows(0).len(), 1);
    let w = weighted(&d, &spec(1, Some(1)));
    assert_eq!(w.rows(0).len(), 1);
    assert_eq!(w.rows(0)[0].term, "coup");
    // Row by row (the report's streaming path) gives the same rows.
    let w = weighted(&d, &spec(1, None));
    for doc in 0..w.n_docs() {
        let one_by_one: Vec<_> = (0..w.len(doc)).map(|i| w.row_at(doc, i)).collect();
        let all = w.rows(doc);
        assert_eq!(one_by_one.len(), all.len());
        for (x, y) in one_by_one.iter().zip(&all) {
            assert_eq!(
                (&x.term, x.doc, x.count, x.weight),
                (&y.term, y.doc, y.count, y.weight)
            );
        }
    }
    assert_eq!(w.row_at(1, 0).term, "massacr");
}

#[test]
fn one_vs_rest_keyness_takes_the_rest_as_corpus_minus_target() {
    let s = three();
    let d = dtm(&s);
    let spec = spec(&["a"], None, Measure::G2);
    let c = comparisons(&d, &spec).unwrap();
    assert_eq!(c.len(), 1);
    let c = &c[0];
    assert_eq!((c.target.as_str(), c.reference.as_str()), ("a", REST));
    assert_eq!((c.target_words, c.reference_words), (100, 70));
    assert_eq!((c.tested, c.left_out), (3, 0));
    // The same scores as score_terms on (a, rest) with the corpus as prior.
    let want = score_terms(
        &[(3, 1), (0, 4), (2, 1)],
        100,
        70,
        Prior::Counts {
            counts: &[4, 4, 3],
            size: 170,
        },
        &spec.options,
    );
    let all: Vec<_> = c.over.iter().chain(&c.under).collect();
    for (term, w) in ["coup", "massacr", "riot"].iter().zip(&want) {
        let r = all.iter().find(|r| &*r.term == *term).unwrap();
        assert_eq!((r.target_count, r.reference_count), (w.a, w.b), "{term}");
        assert_eq!(r.g2, w.g2, "{term}");
        assert_eq!(r.z, w.z, "{term}");
        assert_eq!(r.p_adj, w.p_adj, "{term}");
        assert_eq!(r.direction, if w.g2 > 0.0 { "over" } else { "under" });
    }
    // Over-used by G², descending; under-used most negative first.
    assert!(c.over.windows(2).all(|p| p[0].g2 >= p[1].g2));
    assert!(c.under.windows(2).all(|p| p[0].g2 <= p[1].g2));
    assert_eq!(&*c.under[0].term, "massacr");
    assert_eq!(&*c.under[0].display, "massacre");
}

#[test]
fn pairwise_keyness_uses_the_union_and_the_whole_corpus_as_prior() {
    let s = three();
    let d = dtm(&s);
    let spec = spec(&["a"], Some("c"), Measure::LogOdds);
    let c = &comparisons(&d, &spec).unwrap()[0];
    // Terms of a ∪ c: coup (3, 0), riot (2, 1); massacr is in neither.
    assert_eq!((c.tested, c.left_out), (2, 0));
    let want = score_terms(
        &[(3, 0), (2, 1)],
        100,
        20,
        Prior::Counts {
            counts: &[4, 3],
            size: 170,
        },
        &spec.options,
    );
    let rows: Vec<_> = c.over.iter().chain(&c.under).collect();
    let coup = rows.iter().find(|r| &*r.term == "coup").unwrap();
    let riot = rows.iter().find(|r| &*r.term == "riot").unwrap();
    assert_eq!(coup.log_odds, want[0].log_odds);
    assert_eq!(coup.z, want[0].z);
    assert_eq!(riot.z, want[1].z);
    assert_eq!(c.reference_words, 20);
}

#[test]
fn keyness_min_count_counts_target_plus_reference_inclusively() {
    let s = three();
    let d = dtm(&s);
    let spec = KeynessSpec {
        options: KeynessOptions {
            min_count: 4,
            alpha0: None,
        },
        ..spec(&["c"], None, Measure::G2)
    };
    let c = &comparisons(&d, &spec).unwrap()[0];
    // Corpus counts 4, 4, 3: riot (3) is left out, coup and massacr (4) tested.
    assert_eq!((c.tested, c.left_out), (2, 1));
}

#[test]
fn keyness_refuses_unknown_sources_itself_and_a_single_source() {
    let s = three();
    let d = dtm(&s);
    let mut spec = spec(&["zz"], None, Measure::G2);
    let e = comparisons(&d, &spec).unwrap_err().to_string();
    assert!(
        e.contains("unknown source 'zz'") && e.contains("a, b, c"),
        "{e}"
    );
    spec.targets = vec!["a".into()];
    spec.vs = Some("a".into());
    assert!(comparisons(&d, &spec).is_err());
    // --vs alone: every other source against it.
    spec.targets.clear();
    spec.vs = Some("b".into());
    let c = comparisons(&d, &spec).unwrap();
    let targets: Vec<&str> = c.iter().map(|c| c.target.as_str()).collect();
    assert_eq!(targets, ["a", "c"]);
    let one = vec![three().remove(0)];
    let d1 = dtm(&one);
    spec.vs = None;
    assert!(comparisons(&d1, &spec).is_err());
}

#[test]
fn similarity_of_identical_and_disjoint_sources() {
    let s = vec![
        counts(10, 1, &[("x", 2, 1, &[]), ("y", 1, 1, &[])]),
        counts(10, 1, &[("x", 2, 1, &[]), ("y", 1, 1, &[])]),
        counts(10, 1, &[("z", 5, 1, &[])]),
    ];
    let d = dtm(&s);
    let sim = compute(&d);
    assert_eq!(sim.sources, ["a", "b", "c"]);
    assert!((sim.cosine_tfidf[0][1] - 1.0).abs() < 1e-12);
    assert_eq!(sim.cosine_tfidf[0][2], 0.0);
    assert!(sim.jsd[0][1].abs() < 1e-12);
    assert!((sim.jsd[0][2] - 1.0).abs() < 1e-12);
    assert_eq!(sim.rows().count(), 9);
}

fn sample() -> Config {
    Config {
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        read: Default::default(),
        analyzer: Default::default(),
        threads: Some(2),
    }
}

#[test]
fn the_fast_path_and_per_article_counts_give_the_same_model() {
    let fast = collect(&sample(), &Want::terms(Unit::Source)).unwrap();
    let slow = collect(&sample(), &Want::terms(Unit::Article)).unwrap();
    assert_eq!(fast.source_counts(), slow.source_counts());
    let summed = slow.source_counts();
    let a = fast.dtm(Unit::Source).unwrap();
    let b = super::collect::source_dtm(&summed, |s| fast.source_name(s)).unwrap();
    assert_eq!(a.n_terms(), b.n_terms());
    assert_eq!(a.rows, b.rows);
    for t in (0..a.n_terms() as u32).step_by(37) {
        assert_eq!(a.text(t), b.text(t));
        assert_eq!(a.corpus_display(t), b.corpus_display(t));
        assert_eq!(a.surface_forms(t), b.surface_forms(t));
        for d in 0..a.docs.len() {
            assert_eq!(a.display(d, t), b.display(d, t), "term {t} doc {d}");
        }
    }
    // Articles, in corpus order, one per source in the sample corpus.
    let arts = slow.dtm(Unit::Article).unwrap();
    assert_eq!(arts.docs.len(), 5);
    assert!(arts.docs.iter().all(|d| d.id.starts_with(d.source)));
    assert!(fast.dtm(Unit::Article).unwrap().docs.is_empty());
    assert!(slow.dtm(Unit::Source).is_err());
}

#[test]
fn each_measure_ranks_by_its_own_score_and_truncate_keeps_the_counts() {
    let s = three();
    let d = dtm(&s);
    for m in [
        Measure::G2,
        Measure::LogRatio,
        Measure::LogOdds,
        Measure::Chi2,
    ] {
        let spec = spec(&["a"], None, m);
        let mut c = comparisons(&d, &spec).unwrap().remove(0);
        for r in c.over.iter().chain(&c.under) {
            let want = match m {
                Measure::G2 => r.g2,
                Measure::LogRatio => r.log_ratio,
                Measure::LogOdds => r.z,
                Measure::Chi2 => r.chi2,
            };
            assert_eq!(r.score(m), want, "{m:?} {}", r.term);
            assert_ne!(want, 0.0, "{m:?} {}", r.term);
        }
        assert!(c.over.windows(2).all(|p| p[0].score(m) >= p[1].score(m)));
        // a: coup and riot over-used, massacr under-used.
        assert_eq!((c.over.len(), c.under.len()), (2, 1), "{m:?}");
        let (over, under) = (c.over_significant, c.under_significant);
        c.truncate(1);
        assert_eq!((c.over.len(), c.under.len()), (1, 1), "{m:?}");
        c.truncate(0);
        assert_eq!((c.over.len(), c.under.len()), (0, 0), "{m:?}");
        assert_eq!((c.over_significant, c.under_significant), (over, under));
    }
}

#[test]
fn units_name_themselves_and_parse_back() {
    for u in [Unit::Source, Unit::Article] {
        assert_eq!(u.name().parse::<Unit>().unwrap(), u);
    }
    assert_eq!(
        (Unit::Source.name(), Unit::Article.name()),
        ("source", "article")
    );
}

#[test]
fn source_filters_and_rates() {
    let none: [String; 0] = [];
    assert!(super::shows(&none, "a"), "no --source shows every source");
    let only = ["a".to_string(), "c".to_string()];
    assert!(super::shows(&only, "a") && super::shows(&only, "c"));
    assert!(!super::shows(&only, "b"));
    assert_eq!(super::per_1000(3, 1500), 2.0);
    assert_eq!(super::per_1000(5, 0), 0.0);
}

#[test]
fn significance_counts_are_of_adjusted_p_below_alpha_on_each_side() {
    // a uses x 40 times and never y; the rest the other way round: both
    // significant. z is spread evenly: neither.
    let s = vec![
        counts(
            1000,
            1,
            &[("x", 40, 1, &[("x", 40)]), ("z", 10, 1, &[("z", 10)])],
        ),
        counts(
            1000,
            1,
            &[("y", 40, 1, &[("y", 40)]), ("z", 10, 1, &[("z", 10)])],
        ),
    ];
    let d = dtm(&s);
    let spec = spec(&["a"], None, Measure::G2);
    let c = comparisons(&d, &spec).unwrap().remove(0);
    assert_eq!((c.over_significant, c.under_significant), (1, 1));
    assert!(c.over[0].p_adj < super::keyness::ALPHA);
    assert!(c.under[0].p_adj < super::keyness::ALPHA);
}

#[test]
fn a_collection_names_its_sources_and_keeps_each_articles_lexicon_counts() {
    let mut cfg = sample();
    cfg.corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/dir");
    // One source is Spanish, which has no built-in stopword list yet.
    cfg.analyzer.stopwords = crate::analyze::StopwordSpec::None;
    let fast = collect(&cfg, &Want::terms(Unit::Source)).unwrap();
    assert_eq!(fast.source_name("alpha-news"), "Alpha News");
    assert_eq!(fast.source_name("beta-times"), "The Beta Times");
    assert_eq!(fast.source_name("nobody"), "");

    // With a lexicon, every article is kept with its words and hits.
    let lexicon = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/lexicon.toml");
    let (lex, _, file) = super::collect::load_lexicon(&lexicon, &cfg).unwrap();
    assert!(!lex.is_none());
    assert_ne!(file.sha256, crate::corpus::sha256_hex(b""));
    let want = Want {
        terms: None,
        lexicon: Some(&lex),
        window: crate::lexicon::DEFAULT_WINDOW,
        hash_inputs: false,
        keep_articles: false,
    };
    let c = collect(&cfg, &want).unwrap();
    assert_eq!(c.order.len(), c.stats.articles.len());
    assert!(c.order.len() >= 3, "{:?}", c.order);
    assert!(c.stats.articles.values().all(|a| a.words > 0));

    // `--lexicon none`: no file is read, and the lexicon is empty.
    let (none, warnings, file) =
        super::collect::load_lexicon(Path::new(crate::lexicon::NO_LEXICON), &cfg).unwrap();
    assert!(none.is_none() && warnings.is_empty());
    assert_eq!((file.path.as_str(), file.bytes), ("none", 0));
}

#[test]
fn lexicon_rows_give_each_voice_its_own_column() {
    let lexicon = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/lexicon.toml");
    let cfg = sample();
    let (lex, _, _) = super::collect::load_lexicon(&lexicon, &cfg).unwrap();
    let want = Want {
        terms: None,
        lexicon: Some(&lex),
        window: crate::lexicon::DEFAULT_WINDOW,
        hash_inputs: false,
        keep_articles: false,
    };
    let c = collect(&cfg, &want).unwrap();
    let units = super::lexicon::units(&c.stats, Unit::Source, None);
    let config = crate::lexicon::ScoreConfig {
        resamples: 0,
        ..Default::default()
    };
    let scores = crate::lexicon::score(&lex, &units, &config);
    let rows = super::lexicon::rows(&scores, Unit::Source, |id| lex.category_label(id));
    let cells: Vec<_> = scores
        .units
        .iter()
        .flat_map(|u| u.categories.iter().map(move |c| (u, c)))
        .collect();
    assert_eq!(rows.len(), cells.len());
    let mut mixed = 0;
    for (r, (u, cat)) in rows.iter().zip(&cells) {
        assert_eq!(
            (r.unit, r.category),
            (u.unit.as_str(), cat.category.as_str())
        );
        let by_voice =
            |v: crate::lexicon::Voice| cat.voices.iter().find(|x| x.voice == v).unwrap().hits;
        use crate::lexicon::Voice::*;
        assert_eq!(r.voices, [Own, Quoted, Scare, Distanced].map(by_voice));
        assert_eq!(r.voices.iter().sum::<u64>(), r.hits);
        mixed += (r.voices.iter().filter(|&&n| n > 0).count() > 1) as usize;
    }
    // The sample has hits in more than one voice, so a column mix-up shows.
    assert!(mixed > 0);
}

#[test]
fn direction_comes_from_the_observed_rates_not_a_smoothed_score() {
    // a never uses "apparently" (0 of 100 words); b uses it 3 times in 1,000.
    // Log Ratio's 0.5 stand-in for the zero gives log2((0.5/100)/(3/1000)) =
    // +0.74, yet a uses the word less.
    let s = vec![
        counts(100, 1, &[("coup", 5, 1, &[("coup", 5)])]),
        counts(
            1000,
            1,
            &[
                ("appar", 3, 1, &[("apparently", 3)]),
                ("coup", 5, 1, &[("coup", 5)]),
            ],
        ),
    ];
    let d = dtm(&s);
    let spec = spec(&["a"], None, Measure::LogRatio);
    let c = comparisons(&d, &spec).unwrap().remove(0);
    let r = c.under.iter().find(|r| &*r.term == "appar").unwrap();
    assert_eq!(
        (r.direction, r.target_count, r.reference_count),
        ("under", 0, 3)
    );
    assert!(
        (r.log_ratio - (0.005f64 / 0.003).log2()).abs() < 1e-12,
        "{}",
        r.log_ratio
    );
    assert!(c
        .over
        .iter()
        .all(|r| r.target_per_1000 > r.reference_per_1000));
    assert!(c
        .under
        .iter()
        .all(|r| r.target_per_1000 < r.reference_per_1000));
    assert_eq!(r.p_from, "g2");
}

#[test]
fn pairwise_keyness_with_the_pair_as_prior_pools_the_two_sources() {
    let s = three();
    let d = dtm(&s);
    let spec = KeynessSpec {
        prior: super::keyness::PriorFrom::Pair,
        ..spec(&["a"], Some("c"), Measure::LogOdds)
    };
    let c = &comparisons(&d, &spec).unwrap()[0];
    // a ∪ c: coup (3, 0), riot (2, 1); the prior is their pooled counts (3, 3)
    // and words (120), not the corpus's (4, 3 of 170).
    let want = score_terms(&[(3, 0), (2, 1)], 100, 20, Prior::Pooled, &spec.options);
    let rows: Vec<_> = c.over.iter().chain(&c.under).collect();
    let coup = rows.iter().find(|r| &*r.term == "coup").unwrap();
    let riot = rows.iter().find(|r| &*r.term == "riot").unwrap();
    assert_eq!((coup.z, riot.z), (want[0].z, want[1].z));
    let corpus = KeynessSpec {
        prior: super::keyness::PriorFrom::Corpus,
        ..spec.clone()
    };
    let c2 = &comparisons(&d, &corpus).unwrap()[0];
    let coup2 = c2.over.iter().find(|r| &*r.term == "coup").unwrap();
    assert_ne!(coup.z, coup2.z, "the two priors differ here");
}

#[test]
fn keyness_rows_count_articles_on_each_side() {
    use crate::stats::articles;
    let s = three();
    let d = dtm(&s);
    let mut spec = spec(&["a"], None, Measure::G2);
    // a (2 articles) vs the rest (b and c, 1 article each); coup is in both of
    // a's articles and in b's; riot in one of a's and in c's.
    let c = comparisons(&d, &spec).unwrap().remove(0);
    let all: Vec<_> = c.over.iter().chain(&c.under).collect();
    let coup = all.iter().find(|r| &*r.term == "coup").unwrap();
    assert_eq!(
        (
            coup.target_docs,
            coup.reference_docs,
            coup.target_articles,
            coup.reference_articles
        ),
        (2, 1, 2, 2)
    );
    assert_eq!(
        (coup.doc_g2, coup.doc_log_ratio),
        articles::doc_g2(2, 2, 1, 2)
    );
    assert_eq!(
        coup.lrc,
        articles::lrc(3, 100, 1, 70, 0.05, c.tested as u64)
    );
    let massacr = all.iter().find(|r| &*r.term == "massacr").unwrap();
    assert_eq!((massacr.target_docs, massacr.reference_docs), (0, 1));
    // a vs c: riot is in one article on each side; c has 1 article.
    spec.vs = Some("c".into());
    let c = comparisons(&d, &spec).unwrap().remove(0);
    let all: Vec<_> = c.over.iter().chain(&c.under).collect();
    let riot = all.iter().find(|r| &*r.term == "riot").unwrap();
    assert_eq!(
        (
            riot.target_docs,
            riot.reference_docs,
            riot.target_articles,
            riot.reference_articles
        ),
        (1, 1, 2, 1)
    );
    let coup = all.iter().find(|r| &*r.term == "coup").unwrap();
    assert_eq!((coup.target_docs, coup.reference_docs), (2, 0));
}

#[test]
fn lrc_family_none_tests_each_term_at_95_percent_alone() {
    use crate::stats::articles;
    let s = three();
    let d = dtm(&s);
    let mut spec = KeynessSpec {
        lrc_family: super::keyness::LrcFamily::None,
        ..spec(&["b"], None, Measure::G2)
    };
    let lrc = |spec: &KeynessSpec| {
        let c = comparisons(&d, spec).unwrap().remove(0);
        let r = c
            .over
            .iter()
            .find(|r| &*r.term == "massacr")
            .unwrap()
            .clone();
        (r.lrc, c.tested as u64)
    };
    // b uses massacr 4 times in 50 words, the rest never in 120.
    let (alone, _) = lrc(&spec);
    assert_eq!(alone, articles::lrc(4, 50, 0, 120, 0.05, 1));
    assert!(alone > 0.0);
    spec.lrc_family = super::keyness::LrcFamily::Terms;
    let (family, tested) = lrc(&spec);
    assert_eq!(family, articles::lrc(4, 50, 0, 120, 0.05, tested));
    assert!(family < alone, "{family} vs {alone}");
}

#[test]
fn keyness_over_counted_terms_uses_the_term_totals_as_sizes() {
    use crate::stats::keyness::g2_signed;
    let s = three();
    let d = dtm(&s);
    let spec = KeynessSpec {
        denominator: super::keyness::Denominator::Terms,
        ..spec(&["a"], None, Measure::G2)
    };
    // a counts 5 terms (coup 3, riot 2); the rest 6 (coup 1, massacr 4, riot 1).
    let c = comparisons(&d, &spec).unwrap().remove(0);
    assert_eq!((c.target_words, c.reference_words), (5, 6));
    let all: Vec<_> = c.over.iter().chain(&c.under).collect();
    let coup = all.iter().find(|r| &*r.term == "coup").unwrap();
    assert_eq!(coup.denominator, "terms");
    assert_eq!((coup.target_words, coup.reference_words), (5, 6));
    assert_eq!(coup.g2, g2_signed(3, 1, 5 - 3, 6 - 1));
    assert_eq!(coup.target_per_1000, 3.0 / 5.0 * 1000.0);
    // Under words (the default) the sizes are WC: 100 vs 70.
    let words = KeynessSpec {
        denominator: super::keyness::Denominator::Words,
        ..spec
    };
    let c = comparisons(&d, &words).unwrap().remove(0);
    let coup = c.over.iter().find(|r| &*r.term == "coup").unwrap();
    assert_eq!((coup.denominator, coup.target_words), ("words", 100));
    assert_eq!(coup.g2, g2_signed(3, 1, 100 - 3, 70 - 1));
}
