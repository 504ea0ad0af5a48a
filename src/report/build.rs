//! Builds the `Report`: the partial statistics of one pass over the corpus
//! (`analysis::collect::partial`), or of partials read back (`report --stats`),
//! and from them every statistic, through the analysis model; the report only
//! selects what it shows.

use std::path::PathBuf;

use rayon::prelude::*;

use super::model::*;
use crate::analysis::collect::{load_lexicon, partial, source_dtm};
use crate::analysis::dtm::{Dtm, TermId};
use crate::analysis::keyness::{self, KeynessSpec};
use crate::analysis::lexicon::units;
use crate::analysis::similarity;
use crate::analysis::terms::{self, TermsSpec};
use crate::analysis::tfidf::{weighted, TfidfSpec};
use crate::analysis::{AnalyzerInfo, Unit};
use crate::error::Result;
use crate::lexicon::{self, Lexicon, LexiconScores, ScoreConfig};
use crate::partial::{InputFile, Stats};
use crate::pipeline::Config;
use crate::stats::keyness::{KeynessOptions, Measure};
use crate::stats::tfidf::TfidfOptions;

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
    let (lex, lex_warnings, lex_file) = load_lexicon(&cfg.lexicon, &cfg.pipeline.analyzer)?;
    let stats = partial(&cfg.pipeline, &lex, lex_file.sha256.clone(), cfg.window)?;
    let report = assemble(cfg, &lex, lex_warnings, lex_file, &stats)?;
    // Freeing the summed statistics (millions of strings on a large corpus)
    // overlaps with writing the report.
    // (If no thread can be started, they are freed here.)
    let _ = std::thread::Builder::new().spawn(move || drop(stats));
    Ok(report)
}

/// Computes every statistic of the report from summed statistics.
pub fn assemble(
    cfg: &ReportConfig,
    lex: &Lexicon,
    lex_warnings: Vec<lexicon::Warning>,
    lexicon_file: InputFile,
    stats: &Stats,
) -> Result<Report> {
    let name = |id: &str| stats.sources.get(id).map_or("", |m| m.name.as_str());
    let dtm = source_dtm(&stats.counts, name)?;
    let tfidf_spec = TfidfSpec {
        unit: Unit::Source,
        tfidf: TfidfOptions::default(),
        top: None,
        min_count: 1,
    };
    let key_spec = KeynessSpec {
        targets: Vec::new(),
        vs: None,
        measure: Measure::G2,
        options: KeynessOptions {
            min_count: cfg.min_count,
            alpha0: None,
        },
    };
    // The tables are independent: computed at the same time.
    let (((terms, surface_forms), (tfidf_rows, similarity)), (comparisons, lexicon_scores)) =
        rayon::join(
            || {
                rayon::join(
                    || rayon::join(|| term_rows(&dtm), || surface_rows(&dtm)),
                    || {
                        rayon::join(
                            || tfidf_rows(&dtm, &tfidf_spec),
                            || similarity::compute(&dtm),
                        )
                    },
                )
            },
            || {
                rayon::join(
                    // With one source there is nothing to compare.
                    || keyness::comparisons(&dtm, &key_spec).unwrap_or_default(),
                    || lexicon_scores(lex, stats, &cfg.score),
                )
            },
        );
    let (by_source, by_article, audit) = lexicon_scores;
    Ok(Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "framelens",
            version: env!("CARGO_PKG_VERSION"),
        },
        settings: Settings {
            corpus: stats
                .corpora
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(" + "),
            ..settings(cfg, &tfidf_spec, &key_spec)
        },
        corpus: corpus_section(stats, &dtm),
        terms,
        surface_forms,
        tfidf: TfidfSection {
            variant: tfidf_spec.tfidf.variant.name(),
            formula: tfidf_spec.tfidf.variant.formula(false),
            norm: tfidf_spec.tfidf.norm.name(),
            rows: tfidf_rows,
        },
        keyness: KeynessSection {
            measure: key_spec.measure.name(),
            formula: key_spec.measure.formula(),
            min_count: cfg.min_count,
            comparisons,
        },
        similarity,
        lexicon: lexicon_section(cfg, lex, stats, lex_warnings, by_source, by_article, audit),
        zipf: zipf(&dtm),
        inputs: stats.inputs.iter().cloned().collect(),
        lexicon_file,
    })
}

/// Per source, every term frequency, most frequent first.
fn zipf(dtm: &Dtm<'_>) -> Vec<(String, Vec<u64>)> {
    dtm.docs
        .iter()
        .zip(&dtm.rows)
        .map(|(d, row)| {
            let mut f: Vec<u64> = row.iter().map(|c| c.1).collect();
            f.sort_unstable_by(|a, b| b.cmp(a));
            (d.id.to_string(), f)
        })
        .collect()
}

/// The settings every number was computed with.
fn settings(cfg: &ReportConfig, tfidf: &TfidfSpec, keyness: &KeynessSpec) -> Settings {
    let info = AnalyzerInfo::new(&cfg.pipeline.analyzer);
    Settings {
        corpus: String::new(),
        lexicon: cfg.lexicon.display().to_string(),
        analyzer: cfg.pipeline.analyzer.clone(),
        tokenizer: info.tokenizer,
        stemmer: info.stemmer,
        tfidf_variant: tfidf.tfidf.variant.name(),
        tfidf_formula: tfidf.tfidf.variant.formula(false),
        keyness_measure: keyness.measure.name(),
        keyness_formula: keyness.measure.formula(),
        keyness_min_count: cfg.min_count,
        log_odds_prior: "Monroe, Colaresi & Quinn (2008) informative Dirichlet prior: the pooled corpus, α_w = pooled count of w, α0 = corpus size; Var = 1/(y_i+α_w) + 1/(y_j+α_w)",
        top: cfg.top,
        bootstrap_resamples: cfg.score.resamples,
        bootstrap_seed: cfg.score.seed,
        confidence: cfg.score.confidence,
        kwic_window: cfg.window,
    }
}

/// The sources (with their counts), the articles and the reader's warnings.
fn corpus_section(stats: &Stats, dtm: &Dtm<'_>) -> CorpusSection {
    let sources = dtm
        .docs
        .iter()
        .zip(&dtm.rows)
        .map(|(d, row)| {
            let info = stats.sources.get(d.id);
            SourceRow {
                source: d.id.to_string(),
                name: info.map_or_else(|| d.id.to_string(), |i| i.name.clone()),
                url: info.and_then(|i| i.url.clone()),
                language: info.map_or_else(|| "en".into(), |i| i.language.clone()),
                notes: info.and_then(|i| i.notes.clone()),
                articles: d.articles,
                words: d.words,
                terms: row.len() as u64,
                term_tokens: row.iter().map(|c| c.1).sum(),
            }
        })
        .collect();
    let articles = stats
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
    let mut warnings: Vec<String> = stats.warnings.iter().map(|w| w.to_string()).collect();
    if stats.skipped_empty > 0 {
        warnings.push(format!("{} empty article(s) skipped", stats.skipped_empty));
    }
    CorpusSection {
        sources,
        articles,
        skipped_empty: stats.skipped_empty,
        warnings,
    }
}

/// Every term of every source, most frequent first.
fn term_rows(dtm: &Dtm<'_>) -> Vec<TermRow> {
    let spec = TermsSpec {
        unit: Unit::Source,
        top: None,
        min_count: 1,
    };
    terms::rows(dtm, &spec)
        .into_iter()
        .flatten()
        .map(|r| TermRow {
            source: r.source.to_string(),
            term: r.term.into_owned(),
            display: r.display.into_owned(),
            count: r.count,
            per_1000: r.per_1000,
            doc_freq: r.doc_freq,
        })
        .collect()
}

/// Every surface form behind every term, corpus-wide, terms in order.
fn surface_rows(dtm: &Dtm<'_>) -> Vec<SurfaceFormRow> {
    let per_term: Vec<Vec<SurfaceFormRow>> = (0..dtm.n_terms())
        .into_par_iter()
        .map(|i| {
            let t = i as TermId;
            let forms = dtm.surface_forms(t);
            let display = forms
                .first()
                .map_or_else(|| dtm.text(t).into_owned(), |f| f.0.clone());
            let term = dtm.text(t);
            forms
                .into_iter()
                .map(|(form, count)| SurfaceFormRow {
                    term: term.to_string(),
                    display: display.clone(),
                    form,
                    count,
                })
                .collect()
        })
        .collect();
    per_term.into_iter().flatten().collect()
}

/// Every weighted term of every source, by weight.
fn tfidf_rows(dtm: &Dtm<'_>, spec: &TfidfSpec) -> Vec<TfidfRow> {
    let w = weighted(dtm, spec);
    (0..w.n_docs())
        .flat_map(|d| w.rows(d))
        .map(|r| TfidfRow {
            source: r.source.to_string(),
            term: r.term.into_owned(),
            display: r.display.into_owned(),
            count: r.count,
            df: r.df,
            tf: r.tf,
            idf: r.idf,
            weight: r.weight,
        })
        .collect()
}

/// The lexicon scores by source and by article, and the audit.
fn lexicon_scores(
    lex: &Lexicon,
    stats: &Stats,
    score: &ScoreConfig,
) -> (LexiconScores, LexiconScores, Vec<lexicon::AuditRow>) {
    let by_source = units(stats, Unit::Source, None);
    let by_article = units(stats, Unit::Article, None);
    (
        lexicon::score(lex, &by_source, score),
        lexicon::score(lex, &by_article, score),
        lexicon::audit(lex, &by_source),
    )
}

/// The lexicon: its definition, its scores, every hit, the KWIC sample, the audit.
fn lexicon_section(
    cfg: &ReportConfig,
    lex: &Lexicon,
    stats: &Stats,
    warnings: Vec<lexicon::Warning>,
    by_source: LexiconScores,
    by_article: LexiconScores,
    audit: Vec<lexicon::AuditRow>,
) -> LexiconSection {
    LexiconSection {
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
        by_source,
        by_article,
        hits: stats.hits.clone(),
        kwic: stats.kwic.values().flatten().cloned().collect(),
        audit,
        warnings: warnings.iter().map(|w| w.to_string()).collect(),
    }
}
