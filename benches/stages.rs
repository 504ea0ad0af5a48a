//! One criterion benchmark per stage. Each first asserts a result worked out by
//! hand (or by an independent implementation) so it never times broken code.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use framelens::analyze::{normalize_word, segment, Analyzer, AnalyzerConfig};
use framelens::count::intern::{Ngrams, SharedUnigrams};
use framelens::count::ranked::RankedCounts;
use framelens::count::scan::{scan, RawCache};
use framelens::count::LocalCounts;
use framelens::generate::{vocabulary, Model};
use framelens::lexicon::{find_hits, Lexicon};
use framelens::stats::keyness::{g2, score_terms, KeynessOptions, Prior};
use framelens::stats::tfidf::{weigh, TfidfOptions};
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// Word-like segments, by hand: The protesters so called right wing regime e.g
/// in São Paulo 2023 → 12. Words (with a letter, compounds joined): 9, of which
/// "The" and "in" are stopwords → 7 counted terms.
const SENTENCE: &str =
    "The protesters\u{2019} \u{201C}so-called\u{201D} right-wing regime, e.g. in São Paulo \u{2014} 2023. ";
const REPS: usize = 20_000;

fn generated(mb: usize) -> String {
    let m = Model::new(5, 1);
    let mut s = String::new();
    let mut k = 0;
    while s.len() < mb << 20 {
        s.push_str(&m.article(1, k).1);
        k += 1;
    }
    s
}

fn segmentation(c: &mut Criterion) {
    let text = SENTENCE.repeat(REPS);
    let ascii = generated(4).replace(|ch: char| !ch.is_ascii(), " ");
    let count = |t: &str| {
        let mut n = 0usize;
        segment::segments(t, 0, &mut |_, _, w| n += w as usize);
        n
    };
    assert_eq!(count(&text), 12 * REPS);
    assert_eq!(count(&ascii), ascii.unicode_words().count());
    let mut g = c.benchmark_group("segmentation");
    g.throughput(Throughput::Bytes(ascii.len() as u64));
    g.bench_function("fast_path_ascii", |b| b.iter(|| count(black_box(&ascii))));
    g.bench_function("uax29_unicode_words_ascii", |b| {
        b.iter(|| black_box(&ascii).unicode_words().count())
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("fast_path_news_style", |b| {
        b.iter(|| count(black_box(&text)))
    });
    g.finish();
}

fn normalize_and_stem(c: &mut Criterion) {
    let an = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
    // Snowball English, checked against the published Snowball vocabulary/output lists.
    assert_eq!(an.stem(&normalize_word("Protesters")), "protest");
    assert_eq!(an.stem(&normalize_word("generously")), "generous");
    assert_eq!(normalize_word("Boluarte\u{2019}s"), "boluarte's");
    let words: Vec<String> = vocabulary().iter().map(|w| w.to_string()).collect();
    let mut g = c.benchmark_group("normalize_and_stem");
    g.throughput(Throughput::Elements(words.len() as u64));
    g.bench_function("vocabulary", |b| {
        b.iter(|| {
            words
                .iter()
                .map(|w| an.stem(&normalize_word(w)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn analyze_and_count(c: &mut Criterion) {
    let an = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
    let text = SENTENCE.repeat(REPS);
    let analyzed = an.analyze(&text);
    assert_eq!(analyzed.wc(), 9 * REPS);
    assert_eq!(an.terms(&analyzed).len(), 7 * REPS);
    let news = generated(4);
    let shared = SharedUnigrams::new();
    let (mut cache, mut ngrams) = (RawCache::new(0), Ngrams::new());
    let mut n = 0;
    let wc = scan(&an, &news, &mut cache, &shared, &mut ngrams, |_| n += 1).unwrap();
    let slow = an.analyze(&news);
    assert_eq!(wc, slow.wc() as u64);
    assert_eq!(n, an.terms(&slow).len());

    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(news.len() as u64));
    g.sample_size(10);
    g.bench_function("full_tokens", |b| {
        b.iter(|| an.analyze(black_box(&news)).wc())
    });
    g.bench_function("fast_scan_warm_cache", |b| {
        b.iter(|| {
            scan(
                &an,
                black_box(&news),
                &mut cache,
                &shared,
                &mut ngrams,
                |k| {
                    black_box(k);
                },
            )
            .unwrap()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("count");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("local_counts", |b| {
        b.iter(|| {
            let shared = SharedUnigrams::new();
            let mut l = LocalCounts::new();
            l.add_article(&an, "s", black_box(&text), &shared).unwrap();
            let corpus = RankedCounts::from_locals(shared.into_inner(), vec![l]).unwrap();
            let s = &corpus.sources[0];
            let total: u64 = s.terms.iter().map(|t| t.1).sum();
            assert_eq!((s.words, total), (9 * REPS as u64, 7 * REPS as u64));
            s.terms.len()
        })
    });
    g.finish();
}

fn tfidf(c: &mut Criterion) {
    // Two documents: d0 = {t0, t1}, d1 = {t0}; sklearn idf: t0 = 1, t1 = ln(3/2) + 1;
    // d0 L2-normalized: t1 = 1.405465 / sqrt(1 + 1.405465²) = 0.8148025.
    let w = weigh(
        &[vec![(0, 1), (1, 1)], vec![(0, 1)]],
        &[2, 1],
        &TfidfOptions::default(),
    );
    assert!((w[0][1].weight - 0.814_802_474_667_168_9).abs() < 1e-12);
    // A matrix like a 13-source corpus: 50,000 terms, Zipf-like counts.
    let docs: Vec<Vec<(u32, u64)>> = (0..13u64)
        .map(|d| {
            (0..50_000u32)
                .filter(|t| !(*t as u64 + d).is_multiple_of(3))
                .map(|t| (t, 1 + 100_000 / (t as u64 + 1 + d)))
                .collect()
        })
        .collect();
    let mut df = vec![0u64; 50_000];
    for row in &docs {
        for &(t, _) in row {
            df[t as usize] += 1;
        }
    }
    c.bench_function("tfidf_weigh_13x50000", |b| {
        b.iter(|| weigh(black_box(&docs), &df, &TfidfOptions::default()).len())
    });
}

fn keyness(c: &mut Criterion) {
    // 4-term G² of a=10, b=5, c=90, d=195, computed by hand (2 Σ O ln(O/E)): 7.3298117.
    assert!((g2(10, 5, 90, 195) - 7.329_811_674_221_491).abs() < 1e-9);
    let counts: Vec<(u64, u64)> = (0..50_000u64)
        .map(|t| (1 + 5_000 / (t + 1), 1 + 60_000 / (t + 3)))
        .collect();
    let (tw, rw) = (
        counts.iter().map(|c| c.0).sum::<u64>() * 2,
        counts.iter().map(|c| c.1).sum::<u64>() * 2,
    );
    c.bench_function("keyness_score_terms_50000", |b| {
        b.iter(|| {
            score_terms(
                black_box(&counts),
                tw,
                rw,
                Prior::Pooled,
                &KeynessOptions::default(),
            )
            .len()
        })
    });
}

/// Three categories and an actor; per repetition of `LEX_TEXT`, by hand:
/// labels "rioters", "terrorists" (the word entry and the glob `terror*` both
/// match; one hit, once per category); emergency "state of emergency" (the
/// longest entry covers "emergency") and "coup"; gov "regime" → 5 hits.
const LEX: &str = r#"
[meta]
name = "bench"
version = "0.1.0"
language = "en"

[categories.labels]
label = "Labels"
description = "Labels for protesters."
terms = ["terrorists", "terror*", "rioters", "vandals"]

[categories.emergency]
label = "Emergency rule"
description = "Emergency rule."
terms = ["emergency", "state of emergency", "coup"]

[categories.gov]
label = "Gov"
description = "Delegitimizing."
terms = ["regime"]

[actors.boluarte]
label = "Dina Boluarte"
aliases = ["Dina Boluarte", "Boluarte"]
"#;
const LEX_TEXT: &str = "Boluarte called the rioters \u{201C}terrorists\u{201D} and declared a state of emergency. The regime answered with a coup. ";

fn lexicon_matching(c: &mut Criterion) {
    let an = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
    let (lex, warnings) = Lexicon::parse_toml(LEX, Path::new("bench.toml"), &an).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let reps = REPS / 10;
    let text = LEX_TEXT.repeat(reps);
    let analyzed = an.analyze(&text);
    assert_eq!(find_hits(&lex, "en", &text, &analyzed).len(), 5 * reps);
    let mut g = c.benchmark_group("lexicon");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("find_hits", |b| {
        b.iter(|| find_hits(&lex, "en", black_box(&text), &analyzed).len())
    });
    g.finish();
}

criterion_group!(
    benches,
    lexicon_matching,
    segmentation,
    normalize_and_stem,
    analyze_and_count,
    tfidf,
    keyness
);
criterion_main!(benches);
