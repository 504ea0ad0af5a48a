//! `framelens tfidf`: TF-IDF by source or by article, in the variant asked for
//! (see `stats::tfidf` for the formulas).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{
    csv_err, docs, heading, stdout_err, AnalyzerInfo, Doc, Unit, Warnings, SCHEMA_VERSION,
};
use crate::count::DisplayForms;
use crate::error::Result;
use crate::output::{csv_writer, printable, write_json, Align, Format, Table};
use crate::pipeline::{self, Config, Counted};
use crate::stats::tfidf::{weigh, TfidfOptions};

#[derive(Debug, Clone)]
pub struct TfidfCmdOptions {
    pub by: Unit,
    pub tfidf: TfidfOptions,
    /// Rows per document; `None` = all.
    pub top: Option<usize>,
    /// Terms with fewer occurrences in the whole corpus are left out before weighting.
    pub min_count: u64,
}

/// One weighted term of one document.
#[derive(Debug, Clone, Serialize)]
pub struct TfidfRow<'a> {
    pub variant: &'static str,
    pub norm: &'static str,
    pub sublinear_tf: bool,
    pub unit: Unit,
    pub doc: &'a str,
    pub source: &'a str,
    pub term: &'a str,
    pub display: &'a str,
    pub count: u64,
    pub df: u64,
    pub tf: f64,
    pub idf: f64,
    pub weight: f64,
}

/// The TF-IDF table: for each document, its weighted terms sorted by weight
/// (descending), then term.
pub struct TfidfTable<'a> {
    pub docs: Vec<Doc<'a>>,
    pub rows: Vec<Vec<TfidfRow<'a>>>,
    pub n_docs: usize,
    pub vocabulary: usize,
}

/// Computes TF-IDF over the documents of `unit`.
pub fn compute<'a>(
    counted: &'a Counted,
    displays: &'a [DisplayForms],
    opts: &TfidfCmdOptions,
) -> TfidfTable<'a> {
    let docs = docs(counted, opts.by);
    // Vocabulary in sorted order, so term ids (and every sum) are the same on every run.
    let mut corpus_counts: BTreeMap<&str, u64> = BTreeMap::new();
    for d in &docs {
        for (t, n) in &d.counts.terms {
            *corpus_counts.entry(t.as_str()).or_default() += n;
        }
    }
    let vocab: Vec<&str> = corpus_counts
        .into_iter()
        .filter(|&(_, n)| n >= opts.min_count)
        .map(|(t, _)| t)
        .collect();
    let id: BTreeMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i as u32))
        .collect();
    let mut df = vec![0u64; vocab.len()];
    let matrix: Vec<Vec<(u32, u64)>> = docs
        .iter()
        .map(|d| {
            let mut row: Vec<(u32, u64)> = d
                .counts
                .terms
                .iter()
                .filter_map(|(t, &n)| id.get(t.as_str()).map(|&i| (i, n)))
                .collect();
            row.sort_unstable();
            for &(i, _) in &row {
                df[i as usize] += 1;
            }
            row
        })
        .collect();
    let weighted = weigh(&matrix, &df, &opts.tfidf);
    let rows = docs
        .iter()
        .zip(weighted)
        .zip(displays)
        .map(|((d, cells), display)| {
            let mut rows: Vec<TfidfRow> = cells
                .iter()
                .map(|c| {
                    let term = vocab[c.term as usize];
                    TfidfRow {
                        variant: opts.tfidf.variant.name(),
                        norm: opts.tfidf.norm.name(),
                        sublinear_tf: opts.tfidf.sublinear_tf,
                        unit: opts.by,
                        doc: d.id,
                        source: d.source,
                        term,
                        display: display.get(term),
                        count: c.count,
                        df: df[c.term as usize],
                        tf: c.tf,
                        idf: c.idf,
                        weight: c.weight,
                    }
                })
                .collect();
            rows.sort_by(|a, b| {
                b.weight
                    .total_cmp(&a.weight)
                    .then_with(|| a.term.cmp(b.term))
            });
            rows.truncate(opts.top.unwrap_or(usize::MAX));
            rows
        })
        .collect();
    TfidfTable {
        n_docs: docs.len(),
        docs,
        rows,
        vocabulary: vocab.len(),
    }
}

pub fn run(
    config: &Config,
    opts: &TfidfCmdOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let counted = pipeline::count(config, opts.by == Unit::Article)?;
    let displays: Vec<DisplayForms> = docs(&counted, opts.by)
        .iter()
        .map(|d| DisplayForms::of(d.counts))
        .collect();
    let table = compute(&counted, &displays, opts);
    let formula = opts.tfidf.variant.formula(opts.tfidf.sublinear_tf);
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for r in table.rows.iter().flatten() {
                w.serialize(r).map_err(csv_err)?;
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Table => {
            writeln!(
                out,
                "TF-IDF by {}, variant {}: {formula}; norm {}; n = {} documents, {} terms\n",
                if opts.by == Unit::Source {
                    "source"
                } else {
                    "article"
                },
                opts.tfidf.variant.name(),
                opts.tfidf.norm.name(),
                table.n_docs,
                table.vocabulary
            )
            .map_err(stdout_err)?;
            for (doc, rows) in table.docs.iter().zip(&table.rows) {
                let mut t = Table::new(&[
                    ("rank", Align::Right),
                    ("term", Align::Left),
                    ("tf-idf", Align::Right),
                    ("count", Align::Right),
                    ("df", Align::Right),
                ]);
                for (i, r) in rows.iter().enumerate() {
                    t.row(vec![
                        (i + 1).to_string(),
                        printable(r.display),
                        format!("{:.4}", r.weight),
                        r.count.to_string(),
                        r.df.to_string(),
                    ]);
                }
                heading(out, doc, opts.by)?;
                t.write(out).map_err(stdout_err)?;
                writeln!(out).map_err(stdout_err)?;
            }
        }
        Format::Json => {
            let docs: Vec<_> = table
                .docs
                .iter()
                .zip(&table.rows)
                .map(|(d, rows)| {
                    serde_json::json!({
                        "id": d.id, "source": d.source, "name": d.name,
                        "articles": d.counts.articles, "words": d.counts.words, "terms": rows,
                    })
                })
                .collect();
            write_json(
                out,
                &serde_json::json!({
                    "schema_version": SCHEMA_VERSION,
                    "command": "tfidf",
                    "unit": opts.by,
                    "variant": opts.tfidf.variant.name(),
                    "formula": formula,
                    "norm": opts.tfidf.norm.name(),
                    "sublinear_tf": opts.tfidf.sublinear_tf,
                    "n_docs": table.n_docs,
                    "vocabulary": table.vocabulary,
                    "analyzer": AnalyzerInfo::new(&config.analyzer),
                    "docs": docs,
                }),
            )
            .map_err(stdout_err)?;
        }
    }
    Ok(counted.read.warnings)
}
