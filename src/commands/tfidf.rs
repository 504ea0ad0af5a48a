//! `framelens tfidf`: TF-IDF by source or by article, in the variant asked for
//! (see `stats::tfidf` for the formulas).

use std::borrow::Cow;
use std::io::Write;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;

use super::{
    csv_err, docs, heading, source_name, stdout_err, AnalyzerInfo, Doc, DocHead, Unit, Warnings,
    SCHEMA_VERSION,
};
use crate::count::ranked::RankedCounts;
use crate::count::DisplayForms;
use crate::error::Result;
use crate::output::{csv_builder, csv_writer, printable, write_json, Align, Format, Table};
use crate::pipeline::{self, Config, Counted, ReadSummary};
use crate::stats::tfidf::{weigh, Cell, TfidfOptions};

#[derive(Debug, Clone)]
pub struct TfidfCmdOptions {
    pub by: Unit,
    pub tfidf: TfidfOptions,
    /// Rows per document; `None` = all.
    pub top: Option<usize>,
    /// Terms with fewer occurrences in the whole corpus are left out before weighting.
    pub min_count: u64,
    /// Show only these sources' rows (`--source`); empty = all. The weights are
    /// those of the whole corpus: idf counts every source's documents.
    pub sources: Vec<String>,
}

impl TfidfCmdOptions {
    /// Whether the rows of a document of `source` are shown.
    fn shows(&self, source: &str) -> bool {
        super::shows(&self.sources, source)
    }
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
    pub term: Cow<'a, str>,
    pub display: Cow<'a, str>,
    pub count: u64,
    pub df: u64,
    pub tf: f64,
    pub idf: f64,
    pub weight: f64,
}

/// The TF-IDF table: for each document, its weighted terms sorted by weight
/// (descending), then term.
pub struct TfidfTable<'a> {
    pub docs: Vec<DocHead<'a>>,
    pub rows: Vec<Vec<TfidfRow<'a>>>,
    pub n_docs: usize,
    pub vocabulary: usize,
}

/// Computes TF-IDF over the documents of `unit` from string-keyed counts.
pub fn compute<'a>(
    counted: &'a Counted,
    displays: &'a [DisplayForms],
    opts: &TfidfCmdOptions,
) -> TfidfTable<'a> {
    compute_docs(docs(counted, opts.by), displays, opts)
}

/// [`compute`] over `docs` (`opts.by` is not used: the documents are given).
pub fn compute_docs<'a>(
    docs: Vec<super::Doc<'a>>,
    displays: &'a [DisplayForms],
    opts: &TfidfCmdOptions,
) -> TfidfTable<'a> {
    // Term ids in sorted order, so every sum runs in the same order on every run.
    let mut vocab: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.counts.terms.keys().map(String::as_str))
        .collect();
    vocab.sort_unstable();
    vocab.dedup();
    let id: FxHashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i as u32))
        .collect();
    let matrix: Vec<Vec<(u32, u64)>> = docs
        .iter()
        .map(|d| {
            let mut row: Vec<(u32, u64)> = d
                .counts
                .terms
                .iter()
                .map(|(t, &n)| (id[t.as_str()], n))
                .collect();
            row.sort_unstable();
            row
        })
        .collect();
    let heads = docs.iter().map(Doc::head).collect();
    table(
        heads,
        matrix,
        vocab.len(),
        |t| Cow::Borrowed(vocab[t as usize]),
        |d, t| Cow::Borrowed(displays[d].get(vocab[t as usize])),
        opts,
    )
}

/// Computes TF-IDF by source from the ranked counts of the fast path (no string
/// per term: texts and display forms are looked up for the rows kept).
pub fn compute_ranked<'a>(
    counts: &'a RankedCounts,
    read: &'a ReadSummary,
    opts: &TfidfCmdOptions,
) -> TfidfTable<'a> {
    weighted_ranked(counts, read, opts).into_table(opts)
}

/// The weights of `compute_ranked`, rows not built yet.
fn weighted_ranked<'a>(
    counts: &'a RankedCounts,
    read: &'a ReadSummary,
    opts: &TfidfCmdOptions,
) -> Weighted<'a, impl Fn(u32) -> Cow<'a, str> + Sync, impl Fn(usize, u32) -> Cow<'a, str> + Sync> {
    let heads = counts
        .sources
        .iter()
        .map(|s| DocHead {
            id: &s.id,
            source: &s.id,
            name: source_name(read, &s.id),
            articles: s.articles,
            words: s.words,
        })
        .collect();
    let matrix = counts
        .sources
        .iter()
        .map(|s| s.terms.iter().map(|&(t, n, _)| (t, n)).collect())
        .collect();
    weighted(
        heads,
        matrix,
        counts.vocabulary(),
        move |t| counts.term_text(t),
        move |d, t| counts.display(d, t),
        opts,
    )
}

/// The table from documents as (term id, count) rows sorted by term id, where
/// term ids are ranks in text order: weights, then the top rows of each
/// document by weight (descending), then term.
fn table<'a>(
    heads: Vec<DocHead<'a>>,
    matrix: Vec<Vec<(u32, u64)>>,
    n_terms: usize,
    text: impl Fn(u32) -> Cow<'a, str> + Sync,
    display: impl Fn(usize, u32) -> Cow<'a, str> + Sync,
    opts: &TfidfCmdOptions,
) -> TfidfTable<'a> {
    weighted(heads, matrix, n_terms, text, display, opts).into_table(opts)
}

/// Weighted documents: for each, the cells kept, in output order; rows (with
/// term texts and display forms) are built from them on demand.
struct Weighted<'a, T, D> {
    heads: Vec<DocHead<'a>>,
    cells: Vec<Vec<Cell>>,
    df: Vec<u64>,
    vocabulary: usize,
    text: T,
    display: D,
}

/// Weights, then the top cells of each document by weight (descending), then term.
fn weighted<'a, T, D>(
    heads: Vec<DocHead<'a>>,
    mut matrix: Vec<Vec<(u32, u64)>>,
    n_terms: usize,
    text: T,
    display: D,
    opts: &TfidfCmdOptions,
) -> Weighted<'a, T, D>
where
    T: Fn(u32) -> Cow<'a, str> + Sync,
    D: Fn(usize, u32) -> Cow<'a, str> + Sync,
{
    let mut total = vec![0u64; n_terms];
    for row in &matrix {
        for &(t, n) in row {
            total[t as usize] += n;
        }
    }
    if opts.min_count > 1 {
        for row in &mut matrix {
            row.retain(|&(t, _)| total[t as usize] >= opts.min_count);
        }
    }
    let vocabulary = total
        .iter()
        .filter(|&&n| n > 0 && n >= opts.min_count)
        .count();
    drop(total);
    let mut df = vec![0u64; n_terms];
    for row in &matrix {
        for &(t, _) in row {
            df[t as usize] += 1;
        }
    }
    let weighted = weigh(&matrix, &df, &opts.tfidf);
    drop(matrix);
    let by_weight = |a: &Cell, b: &Cell| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term));
    let top = opts.top;
    let cells = weighted
        .into_par_iter()
        .map(|mut cells| {
            let keep = top.unwrap_or(usize::MAX).min(cells.len());
            if keep < cells.len() {
                if keep > 0 {
                    cells.select_nth_unstable_by(keep - 1, by_weight);
                }
                cells.truncate(keep);
            }
            // Term ids are unique within a document: the order is total.
            cells.par_sort_unstable_by(by_weight);
            cells
        })
        .collect();
    Weighted {
        heads,
        cells,
        df,
        vocabulary,
        text,
        display,
    }
}

impl<'a, T, D> Weighted<'a, T, D>
where
    T: Fn(u32) -> Cow<'a, str> + Sync,
    D: Fn(usize, u32) -> Cow<'a, str> + Sync,
{
    /// The row of cell `c` of document `d`.
    fn row(&self, d: usize, c: &Cell, opts: &TfidfCmdOptions) -> TfidfRow<'a> {
        let head = &self.heads[d];
        TfidfRow {
            variant: opts.tfidf.variant.name(),
            norm: opts.tfidf.norm.name(),
            sublinear_tf: opts.tfidf.sublinear_tf,
            unit: opts.by,
            doc: head.id,
            source: head.source,
            term: (self.text)(c.term),
            display: (self.display)(d, c.term),
            count: c.count,
            df: self.df[c.term as usize],
            tf: c.tf,
            idf: c.idf,
            weight: c.weight,
        }
    }

    /// Every row, built in parallel.
    fn into_table(self, opts: &TfidfCmdOptions) -> TfidfTable<'a> {
        let rows = (0..self.heads.len())
            .into_par_iter()
            .map(|d| {
                self.cells[d]
                    .par_iter()
                    .map(|c| self.row(d, c, opts))
                    .collect()
            })
            .collect();
        TfidfTable {
            n_docs: self.heads.len(),
            docs: self.heads,
            rows,
            vocabulary: self.vocabulary,
        }
    }

    /// Writes every row as CSV (header first), the same bytes as one writer
    /// serializing them in order: chunks of rows are rendered in parallel, a
    /// few at a time, and written in order, so memory stays bounded.
    fn write_csv(&self, opts: &TfidfCmdOptions, out: &mut dyn Write) -> Result<()> {
        const ROWS: usize = 4096;
        let chunks: Vec<(usize, &[Cell])> = self
            .cells
            .iter()
            .enumerate()
            .filter(|(d, _)| self.heads.get(*d).is_some_and(|h| opts.shows(h.source)))
            .flat_map(|(d, cells)| cells.chunks(ROWS).map(move |c| (d, c)))
            .collect();
        let window = 4 * rayon::current_num_threads().max(1);
        for (w, group) in chunks.chunks(window).enumerate() {
            let rendered: Vec<Result<Vec<u8>>> = group
                .par_iter()
                .enumerate()
                .map(|(i, &(d, cells))| {
                    // The header goes before the first row of all.
                    let mut csv = csv_builder(w == 0 && i == 0).from_writer(Vec::new());
                    for c in cells {
                        csv.serialize(self.row(d, c, opts)).map_err(csv_err)?;
                    }
                    csv.into_inner().map_err(|e| stdout_err(e.into_error()))
                })
                .collect();
            for bytes in rendered {
                out.write_all(&bytes?).map_err(stdout_err)?;
            }
        }
        out.flush().map_err(stdout_err)
    }
}

pub fn run(
    config: &Config,
    opts: &TfidfCmdOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    // --source picks the rows shown, not a corpus filter: idf counts every
    // source's documents, as a model fitted on the whole corpus does.
    let mut config = config.clone();
    config.read.only_sources.clear();
    let config = &config;
    // By source, the fast path's ranked counts are enough; by article, each
    // article's own counts are needed.
    let (counted, ranked, displays);
    let (mut table, read) = if opts.by == Unit::Source {
        ranked = pipeline::count_ranked(config)?;
        super::check_sources(&opts.sources, &ranked.0.sources)?;
        let weighted = weighted_ranked(&ranked.1, &ranked.0, opts);
        if format == Format::Csv {
            // CSV holds every row: streamed rather than built whole.
            weighted.write_csv(opts, out)?;
            return Ok(ranked.0.warnings.clone());
        }
        (weighted.into_table(opts), &ranked.0)
    } else {
        counted = pipeline::count(config, true)?;
        super::check_sources(&opts.sources, &counted.read.sources)?;
        displays = docs(&counted, opts.by)
            .iter()
            .map(|d| DisplayForms::of(d.counts))
            .collect::<Vec<_>>();
        (compute(&counted, &displays, opts), &counted.read)
    };
    if !opts.sources.is_empty() {
        let (docs, rows): (Vec<_>, Vec<_>) = std::mem::take(&mut table.docs)
            .into_iter()
            .zip(std::mem::take(&mut table.rows))
            .filter(|(d, _)| opts.shows(d.source))
            .unzip();
        table.docs = docs;
        table.rows = rows;
    }
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
                        printable(&r.display),
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
                        "articles": d.articles, "words": d.words, "terms": rows,
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
    Ok(read.warnings.clone())
}
