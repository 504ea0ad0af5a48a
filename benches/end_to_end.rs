//! End to end on a fixed generated corpus (10 MB, 5 sources, seed 1): read,
//! analyze, count (the fast path), TF-IDF, write. Before timing, the fast path's
//! counts are checked against the slow path (full `analyze` of every article)
//! and the article count against what the generator wrote.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use framelens::analysis::collect::{collect, Want};
use framelens::analysis::tfidf::TfidfSpec;
use framelens::analysis::Unit;
use framelens::analyze::AnalyzerConfig;
use framelens::commands::tfidf;
use framelens::corpus::ReadOptions;
use framelens::generate::{generate, CorpusFormat, GenerateOptions};
use framelens::output::Format;
use framelens::pipeline::Config;
use framelens::stats::tfidf::TfidfOptions;

fn end_to_end(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let g = generate(&GenerateOptions {
        out: dir.clone(),
        size_mb: 10.0,
        sources: 5,
        groups: 0,
        seed: 1,
        format: CorpusFormat::Dir,
    })
    .unwrap();
    let config = |threads: usize, ngrams: u8| Config {
        corpus: PathBuf::from(&dir),
        read: ReadOptions::default(),
        analyzer: AnalyzerConfig {
            ngram_max: ngrams,
            ..AnalyzerConfig::default()
        },
        threads: Some(threads),
    };
    // Fast path (by source) == slow path (per article, full analyzer), summed.
    for ngrams in [1, 2] {
        let fast = collect(&config(2, ngrams), &Want::terms(Unit::Source)).unwrap();
        let slow = collect(&config(2, ngrams), &Want::terms(Unit::Article)).unwrap();
        assert_eq!(
            fast.source_counts(),
            slow.source_counts(),
            "ngrams {ngrams}"
        );
        assert_eq!(fast.read.articles, g.articles);
    }
    let spec = TfidfSpec {
        unit: Unit::Source,
        tfidf: TfidfOptions::default(),
        top: Some(20),
        min_count: 1,
    };
    let mut group = c.benchmark_group("end_to_end_10MB");
    group.throughput(Throughput::Bytes(g.bytes));
    group.sample_size(10);
    for threads in [1, 2] {
        group.bench_function(format!("tfidf_unigrams_{threads}_threads"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                tfidf::run(&config(threads, 1), &spec, &[], Format::Table, &mut out).unwrap();
                out.len()
            })
        });
    }
    group.bench_function("tfidf_bigrams_2_threads", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            tfidf::run(&config(2, 2), &spec, &[], Format::Table, &mut out).unwrap();
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);
