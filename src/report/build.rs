//! Builds the `Report` in one pass over the corpus: counting and lexicon
//! matching run together per article (in parallel), then every statistic is
//! computed from the merged integer counts.

use std::path::PathBuf;

use super::manifest::{input_files, sha256_hex};
use super::model::*;
use crate::analyze::Analyzer;
use crate::commands::keyness::{comparisons_with, KeynessCmdOptions};
use crate::commands::source_docs;
use crate::commands::tfidf::{compute_docs, TfidfCmdOptions};
use crate::commands::{similarity, AnalyzerInfo, Unit};
use crate::count::{DisplayForms, SourceCounts};
use crate::error::{Error, Result};
use crate::lexicon::{
    self, find_hits, hit_lines, ArticleLexStats, ArticleRef, Lexicon, ScoreConfig,
};
use crate::output::per_1000;
use crate::partial::{ArticleEntry, ArticleId, Header, SourceMeta, Stats, WarningRow};
use crate::pipeline::{self, Config, ReadSummary};
use crate::stats::keyness::{KeynessOptions, Measure};
use crate::stats::tfidf::TfidfOptions;
use rayon::prelude::*;

/// Everything `framelens report` needs to know.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    pub pipeline: Config,
    pub lexicon: PathBuf,
    /// Terms per source in tables and charts.
    pub top: usize,
    /// Keyness: terms with fewer occurrences (target + reference) are not tested.
    pub min_count: u64,
    pub score: ScoreConfig,
    /// Words of context on each side of a concordance line.
    pub window: usize,
}

/// Reads the lexicon, then the corpus, and computes every statistic.
pub fn build(cfg: &ReportConfig) -> Result<Report> {
    let (lex, lex_warnings, lex_file) = load_lexicon(cfg)?;
    let stats = collect(cfg, &lex, lex_file.sha256.clone())?;
    let report = assemble(cfg, &lex, lex_warnings, lex_file, &stats);
    // Freeing the summed statistics (millions of strings on a large corpus)
    // overlaps with writing the report.
    // (If no thread can be started, they are freed here.)
    let _ = std::thread::Builder::new().spawn(move || drop(stats));
    Ok(report)
}

/// `framelens count`: the partial statistics of a corpus (or a shard of one).
pub fn count(cfg: &ReportConfig) -> Result<Stats> {
    let (lex, _, lex_file) = load_lexicon(cfg)?;
    collect(cfg, &lex, lex_file.sha256)
}

/// Reads the lexicon with the analyzer of `cfg`; also returns its size and
/// SHA-256, of the very bytes parsed (the file is read once).
pub fn load_lexicon(
    cfg: &ReportConfig,
) -> Result<(Lexicon, Vec<lexicon::Warning>, crate::partial::InputFile)> {
    let lex_analyzer = Analyzer::new("en", &cfg.pipeline.analyzer)?;
    let bytes = Lexicon::read(&cfg.lexicon)?;
    let (lex, warnings) = Lexicon::from_bytes(&cfg.lexicon, &bytes, &lex_analyzer)?;
    let file = crate::partial::InputFile {
        path: cfg.lexicon.display().to_string(),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    };
    Ok((lex, warnings, file))
}

/// One pass over the corpus: counting and lexicon matching together, per
/// article in parallel; everything that can be summed, in [`Stats`].
pub fn collect(cfg: &ReportConfig, lex: &Lexicon, lexicon_sha256: String) -> Result<Stats> {
    let header = Header::new(&cfg.pipeline.analyzer, cfg.window, lexicon_sha256);
    let mut stats = Stats::new(header);
    let mut dup: Option<Error> = None;
    // The reader hashes each input file from the bytes it reads.
    let mut pipeline = cfg.pipeline.clone();
    pipeline.read.hash_inputs = true;
    // Terms are counted on the fast counting path in the same pass (a few times
    // faster than counting the analyzed articles, and equal to it).
    let (read, counts) = pipeline::for_each_article_counted(
        &pipeline,
        |a, _, analyzed| {
            let h = find_hits(lex, &a.text, analyzed);
            let lstats = ArticleLexStats::from_hits(lex, analyzed, &h);
            let records: Vec<_> = h
                .iter()
                .map(|x| x.record(lex, &a.text, analyzed, &a.source, &a.id))
                .collect();
            let doc = ArticleRef {
                source: &a.source,
                article: &a.id,
                text: &a.text,
                analyzed,
            };
            let lines = hit_lines(&h, lex, doc, cfg.window);
            let words = analyzed.wc() as u64;
            (
                words,
                lstats,
                records,
                lines,
                analyzed.sentences.len() as u64,
            )
        },
        |a, (words, mut lstats, records, lines, sentences)| {
            let forms = stats.forms.entry(a.source.clone()).or_default();
            for (k, n) in std::mem::take(&mut lstats.forms) {
                *forms.entry(k).or_default() += n;
            }
            let entry = ArticleEntry {
                title: a.title.clone(),
                date: a.date.clone(),
                author: a.author.clone(),
                url: a.url.clone(),
                words,
                sentences,
                lex: lstats,
            };
            let key = (a.source.clone(), ArticleId(a.id.clone()));
            if stats.articles.insert(key, entry).is_some() && dup.is_none() {
                dup = Some(Error::input(
                    &a.path,
                    a.line,
                    format!("duplicate article id {:?} in source {:?}", a.id, a.source),
                ));
            }
            stats.hits.extend(records);
            for l in lines {
                stats.add_kwic(l);
            }
        },
    )?;
    if let Some(d) = dup {
        return Err(d);
    }
    stats.counts = counts.to_corpus();
    let root = &cfg.pipeline.corpus;
    stats.corpora.insert(root.display().to_string());
    stats.inputs = input_files(root, &read.inputs);
    stats.sources = read
        .sources
        .iter()
        .map(|(id, info)| (id.clone(), SourceMeta::of(info)))
        .collect();
    stats.warnings = read
        .warnings
        .iter()
        .map(|w| WarningRow {
            path: w.path.display().to_string(),
            line: w.line,
            message: w.message.clone(),
        })
        .collect();
    stats.skipped_empty = read.skipped_empty;
    stats.finish();
    Ok(stats)
}

/// Computes every statistic of the report from summed statistics.
pub fn assemble(
    cfg: &ReportConfig,
    lex: &Lexicon,
    lex_warnings: Vec<lexicon::Warning>,
    lexicon_file: crate::partial::InputFile,
    stats: &Stats,
) -> Report {
    let read = ReadSummary {
        sources: stats
            .sources
            .iter()
            .map(|(id, m)| (id.clone(), m.to_info(id)))
            .collect(),
        warnings: Vec::new(),
        skipped_empty: stats.skipped_empty,
        articles: stats.articles.len() as u64,
        inputs: Vec::new(),
    };
    let counts = &stats.counts;
    // The corpus total, the display forms and the copies of the article rows,
    // hits and KWIC lines are independent: made at the same time.
    let copies = || {
        let articles: Vec<ArticleRow> = stats
            .articles
            .iter()
            .map(|((source, id), a)| ArticleRow {
                article: id.0.clone(),
                source: source.clone(),
                title: a.title.clone(),
                date: a.date.clone(),
                author: a.author.clone(),
                url: a.url.clone(),
                words: a.words,
                sentences: a.sentences,
            })
            .collect();
        let hits = stats.hits.clone();
        let kwic: Vec<lexicon::KwicLine> = stats.kwic.values().flatten().cloned().collect();
        (articles, hits, kwic)
    };
    let totals = || {
        let total = counts.total();
        let display = DisplayForms::of(&total);
        (total, display)
    };
    let displays = || {
        let sources: Vec<&SourceCounts> = counts.sources.values().collect();
        sources
            .par_iter()
            .map(|c| DisplayForms::of(c))
            .collect::<Vec<DisplayForms>>()
    };
    let (((total, corpus_display), source_displays), (articles, hits, kwic)) =
        rayon::join(|| rayon::join(totals, displays), copies);

    let sources = counts
        .sources
        .iter()
        .map(|(id, c)| {
            let info = read.sources.get(id);
            SourceRow {
                source: id.clone(),
                name: info.map(|i| i.name.clone()).unwrap_or_else(|| id.clone()),
                url: info.and_then(|i| i.url.clone()),
                language: info
                    .map(|i| i.language.clone())
                    .unwrap_or_else(|| "en".into()),
                notes: info.and_then(|i| i.notes.clone()),
                articles: c.articles,
                words: c.words,
                terms: c.terms.len() as u64,
                term_tokens: c.total_terms(),
            }
        })
        .collect();

    // The tables below are independent: computed at the same time.
    let terms_rows = || {
        // Each source's rows at the same time, then in source order.
        let sources: Vec<_> = counts.sources.iter().zip(&source_displays).collect();
        let per_source: Vec<Vec<TermRow>> = sources
            .par_iter()
            .map(|((id, c), display)| {
                let mut v: Vec<(&String, &u64)> = c.terms.iter().collect();
                v.sort_unstable_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                v.into_iter()
                    .map(|(t, &n)| TermRow {
                        source: (*id).clone(),
                        term: t.clone(),
                        display: display.get(t).to_string(),
                        count: n,
                        per_1000: per_1000(n, c.words),
                        doc_freq: c.df.get(t).copied().unwrap_or(0),
                    })
                    .collect()
            })
            .collect();
        per_source.into_iter().flatten().collect::<Vec<_>>()
    };
    let surface_rows = || {
        let mut surface_forms = Vec::new();
        let mut all_terms: Vec<&String> = total.surfaces.keys().collect();
        all_terms.sort();
        for t in all_terms {
            for (form, n) in crate::count::surface_forms(&total, t) {
                surface_forms.push(SurfaceFormRow {
                    term: t.clone(),
                    display: corpus_display.get(t).to_string(),
                    form,
                    count: n,
                });
            }
        }
        surface_forms
    };

    let tfidf_opts = TfidfCmdOptions {
        by: Unit::Source,
        tfidf: TfidfOptions::default(),
        top: None,
        min_count: 1,
        sources: Vec::new(),
    };
    let tfidf_rows = || {
        let docs = source_docs(&read, counts);
        let table = compute_docs(docs, &source_displays, &tfidf_opts);
        table
            .rows
            .iter()
            .flatten()
            .map(|r| TfidfRow {
                source: r.source.to_string(),
                term: r.term.to_string(),
                display: r.display.to_string(),
                count: r.count,
                df: r.df,
                tf: r.tf,
                idf: r.idf,
                weight: r.weight,
            })
            .collect::<Vec<_>>()
    };

    let measure = Measure::G2;
    let key_opts = KeynessCmdOptions {
        sources: vec![],
        vs: None,
        measure,
        top: None,
        keyness: KeynessOptions {
            min_count: cfg.min_count,
            alpha0: None,
        },
    };
    // With two or more sources this cannot fail; with one there is nothing to compare.
    let keyness =
        || comparisons_with(counts, &total, &corpus_display, &key_opts).unwrap_or_default();
    let lexicon_scores = || {
        let by_article: Vec<(String, ArticleLexStats)> = stats
            .articles
            .iter()
            .map(|((_, id), a)| (id.0.clone(), a.lex.clone()))
            .collect();
        let units = stats.lex_by_source();
        (
            lexicon::score(lex, &units, &cfg.score),
            lexicon::score(lex, &by_article, &cfg.score),
            lexicon::audit(lex, &units),
        )
    };
    let (
        ((terms, surface_forms), (tfidf_rows, similarity)),
        (comparisons, (lex_by_source, lex_by_article, audit)),
    ) = rayon::join(
        || {
            rayon::join(
                || rayon::join(terms_rows, surface_rows),
                || rayon::join(tfidf_rows, || similarity::compute(counts)),
            )
        },
        || rayon::join(keyness, lexicon_scores),
    );

    let info = AnalyzerInfo::new(&cfg.pipeline.analyzer);
    let mut warnings: Vec<String> = stats.warnings.iter().map(|w| w.to_string()).collect();
    if read.skipped_empty > 0 {
        warnings.push(format!("{} empty article(s) skipped", read.skipped_empty));
    }
    let zipf = counts
        .sources
        .iter()
        .map(|(id, c)| {
            let mut f: Vec<u64> = c.terms.values().copied().collect();
            f.sort_unstable_by(|a, b| b.cmp(a));
            (id.clone(), f)
        })
        .collect();

    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: "framelens", version: env!("CARGO_PKG_VERSION") },
        settings: Settings {
            corpus: stats.corpora.iter().cloned().collect::<Vec<_>>().join(" + "),
            lexicon: cfg.lexicon.display().to_string(),
            analyzer: cfg.pipeline.analyzer.clone(),
            tokenizer: info.tokenizer,
            stemmer: info.stemmer,
            tfidf_variant: tfidf_opts.tfidf.variant.name(),
            tfidf_formula: tfidf_opts.tfidf.variant.formula(false),
            keyness_measure: measure.name(),
            keyness_formula: measure.formula(),
            keyness_min_count: cfg.min_count,
            log_odds_prior: "Monroe, Colaresi & Quinn (2008) informative Dirichlet prior: the pooled corpus, α_w = pooled count of w, α0 = corpus size; Var = 1/(y_i+α_w) + 1/(y_j+α_w)",
            top: cfg.top,
            bootstrap_resamples: cfg.score.resamples,
            bootstrap_seed: cfg.score.seed,
            confidence: cfg.score.confidence,
            kwic_window: cfg.window,
        },
        corpus: CorpusSection { sources, articles, skipped_empty: read.skipped_empty, warnings },
        terms,
        surface_forms,
        tfidf: TfidfSection {
            variant: tfidf_opts.tfidf.variant.name(),
            formula: tfidf_opts.tfidf.variant.formula(false),
            norm: tfidf_opts.tfidf.norm.name(),
            rows: tfidf_rows,
        },
        keyness: KeynessSection { measure: measure.name(), formula: measure.formula(), min_count: cfg.min_count, comparisons },
        similarity,
        lexicon: LexiconSection {
            path: cfg.lexicon.display().to_string(),
            name: lex.meta.name.clone(),
            version: lex.meta.version.clone(),
            license: lex.meta.license.clone(),
            description: lex.meta.description.clone(),
            categories: lex
                .categories
                .iter()
                .map(|c| CategoryInfo {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    description: c.description.clone(),
                    weight: c.weight,
                    entries: c.entries.iter().map(|e| e.text.clone()).collect(),
                })
                .collect(),
            actors: lex
                .actors
                .iter()
                .map(|a| ActorInfo {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    aliases: a.aliases.iter().map(|e| e.text.clone()).collect(),
                })
                .collect(),
            distancing: lex.distancing.iter().map(|e| e.text.clone()).collect(),
            by_source: lex_by_source,
            by_article: lex_by_article,
            hits,
            kwic,
            audit,
            warnings: lex_warnings.iter().map(|w| w.to_string()).collect(),
        },
        zipf,
        inputs: stats.inputs.iter().cloned().collect(),
        lexicon_file,
    }
}
