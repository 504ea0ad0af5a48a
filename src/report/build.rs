//! Builds the `Report` from partial statistics — those of one pass over the
//! corpus (`analysis::collect::partial`), or partials read back (`report
//! --stats`) — through the analysis model, and writes the full tables of
//! `data/` as it goes (`data::Tables`): every row of every table is written
//! once, as it is made; the report keeps what it shows (the top rows).

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::data::Tables;
use super::model::*;
use super::write::Sink;
use crate::analysis::collect::source_dtm;
use crate::analysis::dtm::{Dtm, TermId};
use crate::analysis::groups::{units_of, Groups};
use crate::analysis::keyness::{Comparison, KeyRow, Keyness, KeynessSpec, ALPHA};
use crate::analysis::lexicon::{group_units, rows as score_rows, units, ScoreRow};
use crate::analysis::similarity;
use crate::analysis::terms::{doc_rows, TermsSpec};
use crate::analysis::tfidf::{weighted, TfidfSpec};
use crate::analysis::{AnalyzerInfo, Unit};
use crate::error::Result;
use crate::lexicon::{self, ArticleLexStats, Lexicon, ScoreConfig};
use crate::output::doc::Rows;
use crate::partial::{ArticleId, InputFile, Stats};
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
    /// The report leads with article-robust terms when every source has at
    /// least this many articles (`--min-articles`).
    pub min_articles: u64,
    /// With more sources than this, the page shows per-source findings,
    /// tables and charts for this many, the largest by words
    /// (`--show-sources`); every source stays in the sources table and in
    /// `data/`.
    pub show_sources: usize,
}

/// Over-used terms named per source in the sources table.
pub const LEADING_TERMS: usize = 3;

/// Default of `--show-sources`: small multiples read well up to about a dozen.
pub const DEFAULT_SHOW_SOURCES: usize = 12;

/// Default of `--min-articles`.
pub const DEFAULT_MIN_ARTICLES: u64 = 5;

/// Articles listed on the page (all are in `data/articles.csv`).
pub const MAX_ARTICLE_ROWS: usize = 1000;

/// Terms labelled in a fightin' words scatter.
pub const SCATTER_LABELS: usize = 12;

/// Articles scored at a time for `data/lexicon_scores.csv`.
const ARTICLE_CHUNK: usize = 4096;

/// Per-article bootstrap intervals only up to this many articles.
pub const MAX_ARTICLE_CIS: usize = crate::lexicon::ARTICLE_CI_LIMIT;

/// A source of fewer words is small: its keyness rows are ranked by log-odds
/// z, not G² ([`KeynessSection::ranked_by_z`]).
pub const SMALL_SOURCE_WORDS: u64 = 1_000;

/// What `build` needs besides the statistics: the lexicon as loaded.
pub struct LexiconInput<'a> {
    pub lexicon: &'a Lexicon,
    pub warnings: Vec<lexicon::Warning>,
    pub file: InputFile,
}

/// Computes every statistic of the report from summed statistics, writing
/// the full tables to `out` (`data/*.csv`); returns what the report shows.
pub fn build(
    cfg: &ReportConfig,
    lex: LexiconInput<'_>,
    stats: &Stats,
    out: &Sink,
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
        prior: crate::analysis::keyness::PriorFrom::Corpus,
        lrc_family: crate::analysis::keyness::LrcFamily::Terms,
        permutations: Default::default(),
        denominator: Default::default(),
        options: KeynessOptions {
            min_count: cfg.min_count,
            alpha0: None,
        },
    };
    let mut tables = Tables::default();
    let corpus = corpus_section(stats, &dtm, out, &mut tables)?;
    let articles = articles(stats, out, &mut tables)?;
    let inputs = inputs(stats, out, &mut tables)?;
    let terms = terms(&dtm, cfg.top, out, &mut tables)?;
    surface_forms(&dtm, out, &mut tables)?;
    // Term keyness, TF-IDF and similarity compare sources of one language
    // (stems of two languages are different words): with several languages,
    // each language's sources alone.
    let parts: Vec<(Option<&str>, Option<Dtm<'_>>)> = if corpus.languages.len() > 1 {
        corpus
            .languages
            .iter()
            .map(|g| {
                let docs: Vec<usize> = g
                    .sources
                    .iter()
                    .filter_map(|s| dtm.docs.iter().position(|d| d.id == s))
                    .collect();
                (Some(g.language.as_str()), Some(dtm.subset(&docs)))
            })
            .collect()
    } else {
        vec![(None, None)]
    };
    let part_dtms: Vec<(Option<&str>, &Dtm<'_>)> = parts
        .iter()
        .map(|(l, p)| (*l, p.as_ref().unwrap_or(&dtm)))
        .collect();
    let tfidf = tfidf(&part_dtms, &tfidf_spec, cfg.top, out, &mut tables)?;
    let similarity: Vec<LanguageSimilarity> = part_dtms
        .iter()
        .filter(|(_, d)| d.docs.len() > 1 || part_dtms.len() == 1)
        .map(|(l, d)| LanguageSimilarity {
            language: l.map(str::to_string),
            similarity: similarity::compute(d),
        })
        .collect();
    tables.put(out, "similarity.csv", |t| {
        for s in &similarity {
            t.rows(s.similarity.rows().collect())?;
        }
        Ok(())
    })?;
    let similarity = similarity
        .into_iter()
        .map(|s| LanguageSimilarity {
            language: s.language,
            similarity: s.similarity.summarized(),
        })
        .collect();
    let fewest_articles = dtm.docs.iter().map(|d| d.articles).min().unwrap_or(0);
    let mut article_tests = ArticleTests {
        min_articles: cfg.min_articles,
        fewest_articles,
        applied: fewest_articles >= cfg.min_articles.max(2),
        demoted: Vec::new(),
    };
    let (comparisons, scatter) = keyness(
        &part_dtms,
        &key_spec,
        cfg.top,
        &mut article_tests,
        out,
        &mut tables,
    )?;
    let mut corpus = corpus;
    for s in &mut corpus.sources {
        if let Some(c) = comparisons.iter().find(|c| c.target == s.source) {
            s.leading = c
                .over
                .iter()
                .take(LEADING_TERMS)
                .map(|r| r.display.to_string())
                .collect();
        }
    }
    let mut lexicon = lexicon_section(cfg, &lex, stats, out, &mut tables)?;
    // The lexicon charts list the sources as the sources table does.
    let rank = |id: &str| corpus.sources.iter().position(|s| s.source == id);
    lexicon.by_source.units.sort_by_key(|u| rank(&u.unit));
    let groups = group_section(cfg, lex.lexicon, stats, &dtm, &key_spec, out, &mut tables)?;
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
        shown_sources: shown_sources(&corpus.sources, cfg.show_sources),
        corpus,
        tables: tables.written,
        terms,
        tfidf: TfidfSection {
            variant: tfidf_spec.tfidf.variant.name(),
            formula: tfidf_spec.tfidf.variant.formula(false),
            norm: tfidf_spec.tfidf.norm.name(),
            rows: tfidf,
        },
        keyness: KeynessSection {
            measure: key_spec.measure.name(),
            formula: key_spec.measure.formula(),
            min_count: cfg.min_count,
            ranked_by_z: comparisons
                .iter()
                .filter(|c| c.target_words < SMALL_SOURCE_WORDS)
                .map(|c| c.target.clone())
                .collect(),
            comparisons,
            article_tests,
            small_source_words: SMALL_SOURCE_WORDS,
        },
        similarity,
        lexicon,
        groups,
        key_lines: KeyLines::default(),
        articles,
        zipf: zipf(&dtm),
        scatter,
        lexicon_file: lex.file,
        inputs,
    })
}

/// Per source, every term frequency, most frequent first (the chart thins
/// them to what a pixel can show).
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
        show_sources: cfg.show_sources,
        bootstrap_resamples: cfg.score.resamples,
        bootstrap_seed: cfg.score.seed,
        confidence: cfg.score.confidence,
        kwic_window: cfg.window,
    }
}

/// The sources (with their counts) and the reader's warnings
/// (`data/sources.csv`, `data/warnings.csv`).
fn corpus_section(
    stats: &Stats,
    dtm: &Dtm<'_>,
    out: &Sink,
    tables: &mut Tables,
) -> Result<CorpusSection> {
    let mut sources: Vec<SourceRow> = dtm
        .docs
        .iter()
        .zip(&dtm.rows)
        .map(|(d, row)| {
            let info = stats.sources.get(d.id);
            SourceRow {
                source: d.id.to_string(),
                name: info.map_or_else(|| d.id.to_string(), |i| i.name.clone()),
                url: info.and_then(|i| i.url.clone()),
                language: info.map_or_else(
                    || crate::corpus::DEFAULT_LANGUAGE.into(),
                    |i| i.language.clone(),
                ),
                notes: info.and_then(|i| i.notes.clone()),
                group: info.and_then(|i| i.group.clone()),
                articles: d.articles,
                words: d.words,
                terms: row.len() as u64,
                term_tokens: row.iter().map(|c| c.1).sum(),
                leading: Vec::new(),
            }
        })
        .collect();
    // Several languages: the sources grouped by language (stable: corpus
    // order within one), as the statistics within a language are; with
    // groups, by group within a language (sources without one last), so the
    // tables and the per-source charts read group by group.
    let key = |r: &SourceRow| (r.language.clone(), r.group.is_none(), r.group.clone());
    if sources
        .iter()
        .zip(sources.iter().skip(1))
        .any(|(a, b)| key(a) != key(b))
    {
        sources.sort_by_key(key);
    }
    tables.put(out, "sources.csv", |t| t.rows(sources.clone()))?;
    tables.put(out, "warnings.csv", |t| {
        for chunk in stats.warnings.chunks(4096) {
            t.rows(
                chunk
                    .iter()
                    .map(|w| WarningCsv {
                        path: w.path.to_str().unwrap_or_default(),
                        line: w.line,
                        column: w.column,
                        message: &w.message,
                    })
                    .collect(),
            )?;
        }
        Ok(())
    })?;
    let warnings: Vec<String> = stats
        .warnings
        .iter()
        .take(MAX_WARNINGS)
        .map(|w| w.to_string())
        .collect();
    let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for s in &sources {
        by.entry(s.language.as_str())
            .or_default()
            .push(s.source.clone());
    }
    let languages = by
        .into_iter()
        .map(|(l, sources)| LanguageGroup {
            language: l.to_string(),
            label: match crate::language::name(l) {
                Some(n) => format!("{n} ({l})"),
                None if l == crate::language::MIXED => format!("several languages ({l})"),
                None => l.to_string(),
            },
            sources,
        })
        .collect();
    Ok(CorpusSection {
        sources,
        languages,
        articles: stats.articles.len() as u64,
        skipped_empty: stats.skipped_empty,
        warnings,
        warnings_total: stats.warnings.len() as u64,
    })
}

/// A row of `data/warnings.csv`.
#[derive(Serialize)]
struct WarningCsv<'a> {
    path: &'a str,
    line: u64,
    column: u64,
    message: &'a str,
}

/// Every article (`data/articles.csv`); the first [`MAX_ARTICLE_ROWS`] for the page.
fn articles(stats: &Stats, out: &Sink, tables: &mut Tables) -> Result<Vec<ArticleRow>> {
    let row = |((source, id), a): (
        &(String, crate::partial::ArticleId),
        &crate::partial::ArticleEntry,
    )| ArticleRow {
        article: id.0.clone(),
        source: source.clone(),
        title: a.title.clone(),
        date: a.date.clone(),
        author: a.author.clone(),
        url: a.url.clone(),
        words: a.words,
        sentences: a.sentences,
    };
    tables.put(out, "articles.csv", |t| {
        let mut it = stats.articles.iter().peekable();
        while it.peek().is_some() {
            t.rows(it.by_ref().take(4096).map(row).collect())?;
        }
        Ok(())
    })?;
    Ok(stats
        .articles
        .iter()
        .take(MAX_ARTICLE_ROWS)
        .map(row)
        .collect())
}

/// Every corpus file read (`data/inputs.csv`), and their digest for the manifest.
fn inputs(stats: &Stats, out: &Sink, tables: &mut Tables) -> Result<InputsDigest> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header_only = stats.inputs.is_empty();
    if header_only {
        csv.write_record(["path", "bytes", "sha256"])
            .map_err(crate::output::doc::csv_err)?;
    }
    for i in &stats.inputs {
        csv.serialize(InputCsv {
            path: &i.path,
            bytes: i.bytes,
            sha256: &i.sha256,
        })
        .map_err(crate::output::doc::csv_err)?;
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| crate::error::Error::Internal(format!("inputs.csv: {e}")))?;
    let bytes = crate::output::formula::neutralize(bytes)?;
    out.put(PathBuf::from("data").join("inputs.csv"), &bytes)?;
    tables.written.push(TableInfo {
        name: "inputs",
        file: "data/inputs.csv".into(),
        rows: stats.inputs.len() as u64,
        columns: vec!["path", "bytes", "sha256"],
    });
    Ok(InputsDigest {
        files: stats.inputs.len() as u64,
        bytes: stats.inputs.iter().map(|i| i.bytes).sum(),
        list_sha256: crate::corpus::sha256_hex(&bytes),
    })
}

/// A row of `data/inputs.csv`.
#[derive(Serialize)]
struct InputCsv<'a> {
    path: &'a str,
    bytes: u64,
    sha256: &'a str,
}

/// The projection of an analysis row onto the report's term columns.
fn term_row(r: crate::analysis::terms::TermRow<'_>) -> TermRow {
    TermRow {
        source: r.source.to_string(),
        term: r.term.into_owned(),
        display: r.display.into_owned(),
        count: r.count,
        per_1000: r.per_1000,
        doc_freq: r.doc_freq,
    }
}

/// Every term of every source, most frequent first (`data/terms.csv`); the
/// `top` first of each source.
fn terms(dtm: &Dtm<'_>, top: usize, out: &Sink, tables: &mut Tables) -> Result<Vec<TermRow>> {
    let spec = TermsSpec {
        unit: Unit::Source,
        top: None,
        min_count: 1,
    };
    let mut shown = Vec::new();
    tables.put(out, "terms.csv", |t| {
        for d in 0..dtm.docs.len() {
            let rows: Vec<TermRow> = doc_rows(dtm, d, &spec).into_iter().map(term_row).collect();
            shown.extend(rows.iter().take(top).cloned());
            t.rows(rows)?;
        }
        Ok(())
    })?;
    Ok(shown)
}

/// Every surface form behind every term, corpus-wide, terms in order
/// (`data/surface_forms.csv`).
fn surface_forms(dtm: &Dtm<'_>, out: &Sink, tables: &mut Tables) -> Result<()> {
    const TERMS: usize = 8192;
    tables.put(out, "surface_forms.csv", |t| {
        for start in (0..dtm.n_terms()).step_by(TERMS) {
            let end = (start + TERMS).min(dtm.n_terms());
            let rows: Vec<Vec<SurfaceFormRow>> = (start..end)
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
            t.rows(rows.into_iter().flatten().collect())?;
        }
        Ok(())
    })
}

/// A surface form behind a term, corpus-wide (a row of `data/surface_forms.csv`).
#[derive(Serialize)]
struct SurfaceFormRow {
    term: String,
    display: String,
    form: String,
    count: u64,
}

/// Every weighted term of every source, by weight (`data/tfidf.csv`); the
/// `top` first of each source.
fn tfidf(
    parts: &[(Option<&str>, &Dtm<'_>)],
    spec: &TfidfSpec,
    top: usize,
    out: &Sink,
    tables: &mut Tables,
) -> Result<Vec<TfidfRow>> {
    let mut shown = Vec::new();
    tables.put(out, "tfidf.csv", |t| {
        // Each language's sources weighed alone (idf over them).
        for (_, dtm) in parts {
            let w = weighted(dtm, spec);
            let row = |d: usize, i: usize| {
                let r = w.row_at(d, i);
                TfidfRow {
                    source: r.source.to_string(),
                    term: r.term.into_owned(),
                    display: r.display.into_owned(),
                    count: r.count,
                    df: r.df,
                    tf: r.tf,
                    idf: r.idf,
                    weight: r.weight,
                }
            };
            for d in 0..w.n_docs() {
                let f = |i| row(d, i);
                t.write(&Rows::Lazy {
                    len: w.len(d),
                    row: &f,
                })?;
                shown.extend((0..w.len(d).min(top)).map(|i| row(d, i)));
            }
        }
        Ok(())
    })?;
    Ok(shown)
}

/// Every comparison's every tested term (`data/keyness.csv`), made a round
/// of comparisons at a time (as many as threads); the `top` over- and
/// under-used terms of each, and its scatter.
fn keyness(
    parts: &[(Option<&str>, &Dtm<'_>)],
    spec: &KeynessSpec,
    top: usize,
    article_tests: &mut ArticleTests,
    out: &Sink,
    tables: &mut Tables,
) -> Result<(Vec<Comparison>, Vec<Scatter>)> {
    let mut shown = Vec::new();
    let mut scatter = Vec::new();
    let round = rayon::current_num_threads().max(1);
    tables.put(out, "keyness.csv", |t| {
        for (language, dtm) in parts {
            // A language with one source has nothing to compare.
            let Ok(k) = Keyness::new(dtm, spec) else {
                continue;
            };
            for targets in k.targets.chunks(round) {
                let cmps: Vec<_> = targets.par_iter().map(|&d| k.compare(d)).collect();
                for mut c in cmps {
                    if let Some(l) = language {
                        c.within_language(l);
                    }
                    t.write(&Rows::Built(c.over.clone()))?;
                    t.write(&Rows::Built(c.under.clone()))?;
                    scatter.push(scatter_of(&c));
                    if article_tests.applied {
                        let before = c.over.iter().filter(|r| r.p_adj < ALPHA).count();
                        c.over.retain(article_robust);
                        let after = c.over.iter().filter(|r| r.p_adj < ALPHA).count();
                        article_tests.demoted.push(before - after);
                    }
                    if c.target_words < SMALL_SOURCE_WORDS {
                        rank_by_z(&mut c);
                    }
                    c.truncate(top);
                    shown.push(c);
                }
            }
        }
        Ok(())
    })?;
    Ok((shown, scatter))
}

/// The group comparison, when sources belong to groups: each group's
/// counts are its sources' summed (`Dtm::merged`, as `--by group`); its
/// keyness against the other groups of its language together
/// (`data/keyness_groups.csv`) and its lexicon scores
/// (`data/lexicon_groups.csv`). `None` (and no files) without groups.
fn group_section(
    cfg: &ReportConfig,
    l: &Lexicon,
    stats: &Stats,
    dtm: &Dtm<'_>,
    spec: &KeynessSpec,
    out: &Sink,
    tables: &mut Tables,
) -> Result<Option<GroupSection>> {
    if stats.sources.values().all(|m| m.group.is_none()) {
        return Ok(None);
    }
    let groups = Groups::of(
        stats
            .sources
            .iter()
            .map(|(id, m)| (id.as_str(), m.group.as_deref(), m.language.as_str())),
    )?;
    let gdtm = dtm.merged(units_of(dtm, &groups));
    let units: Vec<GroupRow> = groups
        .units
        .iter()
        .map(|u| {
            let head = gdtm.docs.iter().find(|d| d.id == u.group);
            GroupRow {
                group: u.group.clone(),
                sources: u.sources.clone(),
                language: u.language.clone(),
                ungrouped: u.ungrouped,
                articles: head.map_or(0, |d| d.articles),
                words: head.map_or(0, |d| d.words),
            }
        })
        .collect();
    let language_of = |g: &str| groups.unit(g).map_or("", |u| u.language.as_str());
    let languages = crate::analysis::by_language(&gdtm, language_of);
    let several = languages.len() > 1;
    let mut comparisons = Vec::new();
    let top = cfg.top;
    tables.put(out, "keyness_groups.csv", |t| {
        for (language, docs) in &languages {
            // Groups of sources in several languages pool the stems of
            // different languages: not compared by terms.
            if *language == crate::language::MIXED {
                continue;
            }
            let part = several.then(|| gdtm.subset(docs));
            // A language with one group has nothing to compare.
            let Ok(k) = Keyness::new(part.as_ref().unwrap_or(&gdtm), spec) else {
                continue;
            };
            for &d in &k.targets {
                let mut c = k.compare(d);
                if several {
                    c.within_language(language);
                }
                t.write(&Rows::Built(c.over.clone()))?;
                t.write(&Rows::Built(c.under.clone()))?;
                c.truncate(top);
                comparisons.push(c);
            }
        }
        Ok(())
    })?;
    let carried = carried_terms(dtm, &groups, &comparisons);
    let scores = lexicon::score(l, &group_units(stats, &groups), &cfg.score);
    tables.put(out, "lexicon_groups.csv", |t| {
        let rows = score_rows(&scores, Unit::Group, |id| l.category_label(id));
        t.rows(rows.iter().map(ScoreCsv::from).collect())
    })?;
    Ok(Some(GroupSection {
        units,
        comparisons,
        carried,
        lexicon: scores,
    }))
}

/// The over-used terms of the groups' comparisons that one source carries:
/// at least half of the group's uses come from one of its sources, and at
/// most two of its sources use the term at all — the rule for a term carried
/// by one article, a level up (one speaker's surname in a party's words).
/// Only groups of three sources or more: in a pair, one source always has
/// half.
fn carried_terms(dtm: &Dtm<'_>, groups: &Groups, comparisons: &[Comparison]) -> Vec<CarriedTerm> {
    let needed: std::collections::HashSet<&str> = comparisons
        .iter()
        .flat_map(|c| c.over.iter())
        .map(|r| &*r.term)
        .collect();
    let mut ids: std::collections::HashMap<&str, TermId> = std::collections::HashMap::new();
    for t in 0..dtm.n_terms() {
        let Ok(id) = TermId::try_from(t) else {
            break;
        };
        if let Some(&term) = needed.get(dtm.text(id).as_ref()) {
            ids.insert(term, id);
        }
    }
    let mut out = Vec::new();
    for c in comparisons {
        let Some(u) = groups.unit(&c.target).filter(|u| u.sources.len() >= 3) else {
            continue;
        };
        for r in c.over.iter().filter(|r| r.target_count > 0) {
            let Some(&id) = ids.get(&*r.term) else {
                continue;
            };
            let counts: Vec<(&str, u64)> = u
                .sources
                .iter()
                .filter_map(|s| {
                    let row = dtm.rows.get(dtm.position(s)?)?;
                    let i = row.binary_search_by_key(&id, |x| x.0).ok()?;
                    Some((s.as_str(), row.get(i)?.1))
                })
                .collect();
            let top = counts
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)));
            if let Some(&(source, count)) = top {
                if counts.len() <= 2 && 2 * count >= r.target_count {
                    out.push(CarriedTerm {
                        group: c.target.to_string(),
                        term: r.term.to_string(),
                        source: source.to_string(),
                        count,
                        sources_using: counts.len() as u64,
                    });
                }
            }
        }
    }
    out
}

/// The sources the page shows one by one: all of them up to `show`, else
/// the `show` largest by words (ties by id), in the sources' order.
fn shown_sources(sources: &[SourceRow], show: usize) -> Vec<String> {
    if sources.len() <= show {
        return sources.iter().map(|s| s.source.clone()).collect();
    }
    let mut by_size: Vec<&SourceRow> = sources.iter().collect();
    by_size.sort_by(|a, b| b.words.cmp(&a.words).then_with(|| a.source.cmp(&b.source)));
    let largest: std::collections::BTreeSet<&str> = by_size
        .iter()
        .take(show)
        .map(|s| s.source.as_str())
        .collect();
    sources
        .iter()
        .filter(|s| largest.contains(s.source.as_str()))
        .map(|s| s.source.clone())
        .collect()
}

/// A small source's rows by log-odds z: over-used by z descending, under-used
/// by z ascending (ties by term). Its G² ranks its absent terms by their
/// frequency in the rest: under-use a source of a few hundred words shows by
/// its size alone.
fn rank_by_z(c: &mut Comparison) {
    c.over
        .sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
    c.under
        .sort_by(|a, b| a.z.total_cmp(&b.z).then_with(|| a.term.cmp(&b.term)));
}

/// An over-used term that passes the article-level tests: Welch's (and the
/// permutation test's, where it ran) BH-adjusted p below [`ALPHA`], and not
/// carried by one article.
pub fn article_robust(r: &KeyRow) -> bool {
    r.welch_p_adj.is_some_and(|p| p < ALPHA)
        && r.perm_p_adj.is_none_or(|p| p < ALPHA)
        && !r.carried_by_one_article
}

/// The fightin' words points of a comparison: every tested term's corpus
/// frequency and z; the [`SCATTER_LABELS`] terms of largest |z| labelled.
fn scatter_of(c: &Comparison) -> Scatter {
    let rows: Vec<&KeyRow> = c.over.iter().chain(&c.under).collect();
    let x = |r: &KeyRow| (r.target_count + r.reference_count) as f64;
    let mut by_z: Vec<&KeyRow> = rows.clone();
    by_z.sort_by(|a, b| {
        b.z.abs()
            .total_cmp(&a.z.abs())
            .then_with(|| a.term.cmp(&b.term))
    });
    Scatter {
        target: c.target.clone(),
        points: by_z.iter().map(|r| (x(r), r.z)).collect(),
        labelled: by_z
            .iter()
            .take(SCATTER_LABELS)
            .map(|r| (x(r), r.z, r.display.to_string()))
            .collect(),
    }
}

/// The lexicon: its definition, its scores (`data/lexicon_scores.csv`,
/// `lexicon_voice.csv`, `lexicon_actors.csv`), the KWIC sample (`kwic.csv`),
/// the audit (`lexicon_audit.csv`) and who is called what.
fn lexicon_section(
    cfg: &ReportConfig,
    lex: &LexiconInput<'_>,
    stats: &Stats,
    out: &Sink,
    tables: &mut Tables,
) -> Result<LexiconSection> {
    let l = lex.lexicon;
    let by_source_units = units(stats, Unit::Source, None);
    let by_source = lexicon::score(l, &by_source_units, &cfg.score);
    let audit = lexicon::audit(l, &by_source_units);
    drop(by_source_units);
    tables.put(out, "lexicon_scores.csv", |t| {
        let label = |id| l.category_label(id);
        let rows = score_rows(&by_source, Unit::Source, label);
        t.rows(rows.iter().map(ScoreCsv::from).collect())?;
        article_scores(cfg, l, stats, t)
    })?;
    tables.put(out, "lexicon_voice.csv", |t| t.rows(voice_rows(&by_source)))?;
    tables.put(out, "lexicon_actors.csv", |t| {
        t.rows(actor_rows(&by_source))
    })?;
    let kwic: Vec<lexicon::KwicLine> = stats.kwic.values().flatten().cloned().collect();
    tables.put(out, "kwic.csv", |t| t.rows(kwic.clone()))?;
    tables.put(out, "lexicon_audit.csv", |t| t.rows(audit.clone()))?;
    let (categories, actors, distancing) = definition(l);
    Ok(LexiconSection {
        path: cfg.lexicon.display().to_string(),
        name: l.meta.name.clone(),
        version: l.meta.version.clone(),
        license: l.meta.license.clone(),
        description: l.meta.description.clone(),
        categories,
        actors,
        distancing,
        by_source,
        target_forms: target_forms(stats),
        kwic_titles: kwic_titles(stats, &kwic),
        kwic,
        audit,
        warnings: lex.warnings.iter().map(|w| w.to_string()).collect(),
    })
}

/// The per-article rows of `lexicon_scores.csv`. A bootstrap per article only
/// for a small corpus. The articles are scored against the corpus totals a
/// chunk at a time, so memory does not grow with the number of articles.
fn article_scores(
    cfg: &ReportConfig,
    l: &Lexicon,
    stats: &Stats,
    t: &mut super::data::Table<'_>,
) -> Result<()> {
    let mut score = cfg.score.clone();
    if stats.articles.len() > MAX_ARTICLE_CIS {
        score.resamples = 0;
    }
    let mut total = lexicon::Totals::new(l);
    for a in stats.articles.values() {
        total.add(&a.lex);
    }
    let keys: Vec<&(String, ArticleId)> = stats.articles.keys().collect();
    for chunk in keys.chunks(ARTICLE_CHUNK) {
        let articles: Vec<(String, ArticleLexStats)> = chunk
            .iter()
            .filter_map(|k| Some((k.1 .0.clone(), stats.articles.get(*k)?.lex.clone())))
            .collect();
        let scores = lexicon::score_against(l, &articles, &total, &score);
        drop(articles);
        let rows = score_rows(&scores, Unit::Article, |id| l.category_label(id));
        t.rows(rows.iter().map(ScoreCsv::from).collect())?;
    }
    Ok(())
}

/// The rows of `lexicon_voice.csv`: each source's hits of each category by voice.
fn voice_rows(by_source: &lexicon::LexiconScores) -> Vec<VoiceRow<'_>> {
    by_source
        .units
        .iter()
        .flat_map(|u| {
            u.categories.iter().flat_map(move |c| {
                c.voices.iter().map(move |v| VoiceRow {
                    source: &u.unit,
                    category: &c.category,
                    voice: v.voice.as_str(),
                    hits: v.hits,
                    per_1000: v.per_1000,
                    share: v.share,
                })
            })
        })
        .collect()
}

/// The rows of `lexicon_actors.csv`: each source's hits of each category by target actor.
fn actor_rows(by_source: &lexicon::LexiconScores) -> Vec<ActorRow<'_>> {
    by_source
        .units
        .iter()
        .flat_map(|u| {
            u.categories.iter().flat_map(move |c| {
                c.actors.iter().map(move |a| ActorRow {
                    source: &u.unit,
                    category: &c.category,
                    actor: a.actor.as_deref().unwrap_or(""),
                    hits: a.hits,
                    per_1000: a.per_1000,
                })
            })
        })
        .collect()
}

/// The titles of the articles the KWIC sample quotes, by article id.
fn kwic_titles(stats: &Stats, kwic: &[lexicon::KwicLine]) -> BTreeMap<String, String> {
    kwic.iter()
        .filter_map(|k| {
            let a = stats
                .articles
                .get(&(k.source.clone(), ArticleId(k.article.clone())))?;
            Some((k.article.clone(), a.title.clone()?))
        })
        .collect()
}

/// The lexicon's definition as the report shows it: categories with their
/// entries, target actors with their aliases, distancing markers.
fn definition(l: &Lexicon) -> (Vec<CategoryInfo>, Vec<ActorInfo>, Vec<String>) {
    let categories = l
        .categories
        .iter()
        .map(|c| CategoryInfo {
            id: c.id.clone(),
            label: c.label.clone(),
            description: c.description.clone(),
            weight: c.weight,
            entries: c.entries.iter().map(|e| e.text.clone()).collect(),
        })
        .collect();
    let actors = l
        .actors
        .iter()
        .map(|a| ActorInfo {
            id: a.id.clone(),
            label: a.label.clone(),
            aliases: a.aliases.iter().map(|e| e.text.clone()).collect(),
        })
        .collect();
    let distancing = l.distancing.iter().map(|e| e.text.clone()).collect();
    (categories, actors, distancing)
}

/// Per source, the forms of the hits of each category aimed at each actor.
fn target_forms(stats: &Stats) -> Vec<TargetForms> {
    let mut m: BTreeMap<(&str, &str, &str), BTreeMap<&str, u64>> = BTreeMap::new();
    for ((source, actor, category, form), n) in &stats.targets {
        *m.entry((source.as_str(), actor.as_str(), category.as_str()))
            .or_default()
            .entry(form.as_str())
            .or_default() += n;
    }
    m.into_iter()
        .map(|((source, actor, category), forms)| {
            let mut forms: Vec<(String, u64)> =
                forms.into_iter().map(|(f, n)| (f.to_string(), n)).collect();
            forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            TargetForms {
                source: source.to_string(),
                actor: actor.to_string(),
                category: category.to_string(),
                forms,
            }
        })
        .collect()
}

/// A row of `data/lexicon_scores.csv`: the columns of a [`ScoreRow`] it keeps.
#[derive(Serialize)]
struct ScoreCsv<'a> {
    unit_type: Unit,
    unit: &'a str,
    wc: u64,
    category: &'a str,
    hits: u64,
    covered: u64,
    per_1000: f64,
    per_1000_lo: Option<f64>,
    per_1000_hi: Option<f64>,
    percent: f64,
    percent_lo: Option<f64>,
    percent_hi: Option<f64>,
    ci_method: Option<&'static str>,
    weighted_per_1000: f64,
    rest_hits: u64,
    rest_wc: u64,
    rest_per_1000: f64,
    g2: f64,
    p: f64,
}

impl<'a> From<&ScoreRow<'a>> for ScoreCsv<'a> {
    fn from(r: &ScoreRow<'a>) -> ScoreCsv<'a> {
        ScoreCsv {
            unit_type: r.unit_type,
            unit: r.unit,
            wc: r.wc,
            category: r.category,
            hits: r.hits,
            covered: r.covered,
            per_1000: r.per_1000,
            per_1000_lo: r.per_1000_lo,
            per_1000_hi: r.per_1000_hi,
            percent: r.percent,
            percent_lo: r.percent_lo,
            percent_hi: r.percent_hi,
            ci_method: r.ci_method,
            weighted_per_1000: r.weighted_per_1000,
            rest_hits: r.rest_hits,
            rest_wc: r.rest_wc,
            rest_per_1000: r.rest_per_1000,
            g2: r.g2,
            p: r.p,
        }
    }
}

#[derive(Serialize)]
struct VoiceRow<'a> {
    source: &'a str,
    category: &'a str,
    voice: &'static str,
    hits: u64,
    per_1000: f64,
    share: f64,
}

#[derive(Serialize)]
struct ActorRow<'a> {
    source: &'a str,
    category: &'a str,
    actor: &'a str,
    hits: u64,
    per_1000: f64,
}
