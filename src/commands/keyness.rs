//! `framelens keyness`: the words that set a source apart. Each source against
//! the rest of the corpus (one-vs-rest, the default: k sources → k tables), or one
//! source against another (`--source A --vs B`). Formulas in `stats::keyness`.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{csv_err, stdout_err, AnalyzerInfo, Warnings, SCHEMA_VERSION};
use crate::count::{CorpusCounts, DisplayForms, SourceCounts};
use crate::error::{Error, Result};
use crate::output::{csv_writer, per_1000, printable, write_json, Align, Format, Table};
use crate::pipeline::{self, Config};
use crate::stats::keyness::{score_terms, KeynessOptions, Measure, Prior};

#[derive(Debug, Clone)]
pub struct KeynessCmdOptions {
    /// Target sources (empty = every source).
    pub sources: Vec<String>,
    /// Reference source for a pairwise comparison (`None` = the rest of the corpus).
    pub vs: Option<String>,
    pub measure: Measure,
    /// Over-used and under-used terms shown per comparison; `None` = all.
    pub top: Option<usize>,
    pub keyness: KeynessOptions,
}

/// One term of one comparison, with the raw counts next to every score.
#[derive(Debug, Clone, Serialize)]
/// The strings are shared (`Arc`) by the rows of a comparison and the comparisons.
pub struct KeyRow {
    pub target: Arc<str>,
    pub reference: Arc<str>,
    pub term: Arc<str>,
    pub display: Arc<str>,
    pub direction: &'static str,
    pub target_count: u64,
    pub reference_count: u64,
    pub target_per_1000: f64,
    pub reference_per_1000: f64,
    pub target_words: u64,
    pub reference_words: u64,
    pub g2: f64,
    pub g2_williams: f64,
    pub p: f64,
    pub p_adj: f64,
    pub chi2: f64,
    pub log_ratio: f64,
    pub log_odds: f64,
    pub z: f64,
}

/// A comparison: every tested term, over-used first (by the measure, descending),
/// then under-used (most under-used first).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub target: String,
    pub reference: String,
    pub target_words: u64,
    pub reference_words: u64,
    /// Terms tested (count in target + reference ≥ min_count).
    pub tested: usize,
    /// Terms left out by `min_count`.
    pub left_out: usize,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub over: Vec<KeyRow>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub under: Vec<KeyRow>,
}

/// Compares `target` with `reference`; the Dirichlet prior of the log-odds is `prior`
/// (the pooled corpus).
#[allow(clippy::too_many_arguments)]
pub fn compare(
    target_id: &str,
    target: &SourceCounts,
    reference_id: &str,
    reference: &SourceCounts,
    prior: &SourceCounts,
    display: &DisplayForms,
    measure: Measure,
    opts: &KeynessOptions,
) -> Comparison {
    let vocab: Vec<&str> = target
        .terms
        .keys()
        .chain(reference.terms.keys())
        .map(String::as_str)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let get = |c: &SourceCounts, t: &str| c.terms.get(t).copied().unwrap_or(0);
    let counts: Vec<(u64, u64)> = vocab
        .iter()
        .map(|t| (get(target, t), get(reference, t)))
        .collect();
    let prior_counts: Vec<u64> = vocab.iter().map(|t| get(prior, t)).collect();
    let terms = Terms::new(&vocab, display);
    compare_counts(
        Side {
            id: target_id,
            words: target.words,
        },
        Side {
            id: reference_id,
            words: reference.words,
        },
        &terms,
        &counts,
        Prior::Counts {
            counts: &prior_counts,
            size: prior.words,
        },
        measure,
        opts,
    )
}

/// The terms of a comparison (sorted) with their display forms, as shared strings.
pub struct Terms {
    text: Vec<Arc<str>>,
    display: Vec<Arc<str>>,
}

impl Terms {
    pub fn new(vocab: &[&str], display: &DisplayForms) -> Terms {
        Terms {
            text: vocab.iter().map(|&t| Arc::from(t)).collect(),
            display: vocab.iter().map(|&t| Arc::from(display.get(t))).collect(),
        }
    }
}

/// A side of a comparison: its id and its word count.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub id: &'a str,
    pub words: u64,
}

/// [`compare`] on counts already gathered: `terms` sorted, `counts[i]` = (target,
/// reference) counts of term `i`. Only the terms with at least `min_count`
/// occurrences are scored (the others are left out of every row and of the
/// Benjamini–Hochberg adjustment alike).
fn compare_counts(
    target: Side<'_>,
    reference: Side<'_>,
    terms: &Terms,
    counts: &[(u64, u64)],
    prior: Prior<'_>,
    measure: Measure,
    opts: &KeynessOptions,
) -> Comparison {
    let min_count = opts.min_count.max(1);
    let keep: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].0.saturating_add(counts[i].1) >= min_count)
        .collect();
    let kept: Vec<(u64, u64)> = keep.iter().map(|&i| counts[i]).collect();
    let kept_prior: Vec<u64>;
    let prior = match prior {
        Prior::Pooled => Prior::Pooled,
        Prior::Counts { counts: pc, size } => {
            kept_prior = keep.iter().map(|&i| pc[i]).collect();
            Prior::Counts {
                counts: &kept_prior,
                size,
            }
        }
    };
    let scores = score_terms(&kept, target.words, reference.words, prior, opts);
    let (target_id, reference_id): (Arc<str>, Arc<str>) = (target.id.into(), reference.id.into());
    let mut over = Vec::new();
    let mut under = Vec::new();
    for (&i, s) in keep.iter().zip(&scores) {
        let v = measure.score(s);
        let row = |direction| KeyRow {
            target: target_id.clone(),
            reference: reference_id.clone(),
            term: terms.text[i].clone(),
            display: terms.display[i].clone(),
            direction,
            target_count: s.a,
            reference_count: s.b,
            target_per_1000: per_1000(s.a, target.words),
            reference_per_1000: per_1000(s.b, reference.words),
            target_words: target.words,
            reference_words: reference.words,
            g2: s.g2,
            g2_williams: s.g2_williams,
            p: s.p,
            p_adj: s.p_adj,
            chi2: s.chi2,
            log_ratio: s.log_ratio,
            log_odds: s.log_odds,
            z: s.z,
        };
        if v > 0.0 {
            over.push((v, row("over")));
        } else if v < 0.0 {
            under.push((v, row("under")));
        }
    }
    over.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.term.cmp(&b.1.term)));
    under.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.term.cmp(&b.1.term)));
    Comparison {
        target: target.id.to_string(),
        reference: reference.id.to_string(),
        target_words: target.words,
        reference_words: reference.words,
        tested: keep.len(),
        left_out: counts.len() - keep.len(),
        over: over.into_iter().map(|(_, r)| r).collect(),
        under: under.into_iter().map(|(_, r)| r).collect(),
    }
}

/// The reference id of one-vs-rest comparisons.
pub const REST: &str = "(rest of corpus)";

/// Every comparison asked for: one-vs-rest for each target, or target vs `vs`.
pub fn comparisons(counts: &CorpusCounts, opts: &KeynessCmdOptions) -> Result<Vec<Comparison>> {
    super::check_sources(opts.sources.iter().chain(&opts.vs), &counts.sources)?;
    not_with_itself(opts)?;
    let total = counts.total();
    let display = DisplayForms::of(&total);
    comparisons_with(counts, &total, &display, opts)
}

/// [`comparisons`] with the corpus total (`counts.total()`) and its display
/// forms already computed. The sources named in `opts` must exist.
pub fn comparisons_with(
    counts: &CorpusCounts,
    total: &SourceCounts,
    display: &DisplayForms,
    opts: &KeynessCmdOptions,
) -> Result<Vec<Comparison>> {
    let targets: Vec<&String> = if opts.sources.is_empty() {
        // Every source, but not the reference of `--vs` against itself.
        counts
            .sources
            .keys()
            .filter(|k| opts.vs.as_ref() != Some(*k))
            .collect()
    } else {
        opts.sources.iter().collect()
    };
    // One-vs-rest: the rest's count of a term is its corpus count minus the
    // target's, and the terms of target ∪ rest are the corpus's.
    let mut vocab: Vec<(&str, u64)> = Vec::new();
    if opts.vs.is_none() {
        vocab = total.terms.iter().map(|(t, &n)| (t.as_str(), n)).collect();
        vocab.sort_unstable_by(|a, b| a.0.cmp(b.0));
    }
    let terms: Vec<&str> = vocab.iter().map(|v| v.0).collect();
    let terms = Terms::new(&terms, display);
    let pooled: Vec<u64> = vocab.iter().map(|v| v.1).collect();
    let out = targets
        .par_iter()
        .map(|t| {
            let target = &counts.sources[*t];
            match &opts.vs {
                Some(v) => compare(
                    t,
                    target,
                    v,
                    &counts.sources[v],
                    total,
                    display,
                    opts.measure,
                    &opts.keyness,
                ),
                None => {
                    let pairs: Vec<(u64, u64)> = vocab
                        .iter()
                        .map(|&(term, n)| {
                            let a = target.terms.get(term).copied().unwrap_or(0);
                            (a, n - a)
                        })
                        .collect();
                    compare_counts(
                        Side {
                            id: t,
                            words: target.words,
                        },
                        Side {
                            id: REST,
                            words: total.words - target.words,
                        },
                        &terms,
                        &pairs,
                        Prior::Counts {
                            counts: &pooled,
                            size: total.words,
                        },
                        opts.measure,
                        &opts.keyness,
                    )
                }
            }
        })
        .collect();
    if opts.sources.is_empty() && counts.sources.len() < 2 {
        return Err(Error::Usage("keyness needs at least two sources".into()));
    }
    Ok(out)
}

/// `--source X --vs X` asks for nothing: refused (before the corpus is read).
fn not_with_itself(opts: &KeynessCmdOptions) -> Result<()> {
    match &opts.vs {
        Some(v) if opts.sources.contains(v) => Err(Error::Usage(format!(
            "--source {v} --vs {v}: a source compared with itself has no keyness; pick another --vs"
        ))),
        _ => Ok(()),
    }
}

pub fn run(
    config: &Config,
    opts: &KeynessCmdOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    not_with_itself(opts)?;
    let counted = pipeline::count(config, false)?;
    let mut cmps = comparisons(&counted.counts, opts)?;
    let top = opts.top.unwrap_or(usize::MAX);
    for c in &mut cmps {
        c.over.truncate(top);
        c.under.truncate(top);
    }
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for c in &cmps {
                for r in c.over.iter().chain(&c.under) {
                    w.serialize(r).map_err(csv_err)?;
                }
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Json => write_json(
            out,
            &serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "command": "keyness",
                "measure": opts.measure.name(),
                "formula": opts.measure.formula(),
                "min_count": opts.keyness.min_count,
                "analyzer": AnalyzerInfo::new(&config.analyzer),
                "comparisons": cmps,
            }),
        )
        .map_err(stdout_err)?,
        Format::Table => {
            writeln!(
                out,
                "Keyness, {}: {}\nOver-used (+) and under-used (−) terms; p adjusted by Benjamini–Hochberg; terms with target + reference count < {} left out.\n",
                opts.measure.name(),
                opts.measure.formula(),
                opts.keyness.min_count
            )
            .map_err(stdout_err)?;
            let name = |id: &str| {
                counted
                    .read
                    .sources
                    .get(id)
                    .map(|s| printable(&s.name))
                    .filter(|n| n != id)
                    .map(|n| format!("{n} ({id})"))
                    .unwrap_or(id.to_string())
            };
            for c in &cmps {
                writeln!(
                    out,
                    "== {} vs {}: {} vs {} words, {} terms tested, {} left out ==",
                    name(&c.target),
                    name(&c.reference),
                    c.target_words,
                    c.reference_words,
                    c.tested,
                    c.left_out
                )
                .map_err(stdout_err)?;
                let mut t = Table::new(&[
                    ("", Align::Left),
                    ("term", Align::Left),
                    ("score", Align::Right),
                    ("count", Align::Right),
                    ("per_1000", Align::Right),
                    ("ref_count", Align::Right),
                    ("ref_per_1000", Align::Right),
                    ("p_adj", Align::Right),
                ]);
                for r in c.over.iter().chain(&c.under) {
                    let s = match opts.measure {
                        Measure::G2 => r.g2,
                        Measure::LogRatio => r.log_ratio,
                        Measure::LogOdds => r.z,
                        Measure::Chi2 => r.chi2,
                    };
                    t.row(vec![
                        if r.direction == "over" {
                            "+".into()
                        } else {
                            "−".into()
                        },
                        printable(&r.display),
                        format!("{s:.2}"),
                        r.target_count.to_string(),
                        format!("{:.2}", r.target_per_1000),
                        r.reference_count.to_string(),
                        format!("{:.2}", r.reference_per_1000),
                        fmt_p(r.p_adj),
                    ]);
                }
                t.write(out).map_err(stdout_err)?;
                writeln!(out).map_err(stdout_err)?;
            }
        }
    }
    Ok(counted.read.warnings)
}

/// p-values for people: three significant digits, "<1e-16" below double precision's reach.
pub fn fmt_p(p: f64) -> String {
    if p.is_nan() {
        "-".into()
    } else if p < 1e-16 {
        "<1e-16".into()
    } else if p < 0.001 {
        format!("{p:.1e}")
    } else {
        format!("{p:.3}")
    }
}
