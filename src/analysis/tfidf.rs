//! TF-IDF over the documents of a [`Dtm`] (sources or articles), in the variant
//! asked for (formulas in `stats::tfidf`): the weights of every term, then the
//! top cells of each document by weight (descending), then term. Rows (with
//! texts and display forms) are built only for the cells that are shown.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use super::dtm::Dtm;
use super::{DocHead, Unit};
use crate::stats::tfidf::{weigh, Cell, TfidfOptions};

/// What to weigh and what to keep.
#[derive(Debug, Clone)]
pub struct TfidfSpec {
    pub unit: Unit,
    pub tfidf: TfidfOptions,
    /// Cells kept per document; `None` = all.
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
    pub term: Cow<'a, str>,
    pub display: Cow<'a, str>,
    pub count: u64,
    pub df: u64,
    pub tf: f64,
    pub idf: f64,
    pub weight: f64,
}

/// Weighted documents: for each, the cells kept, in output order.
pub struct Weighted<'d, 'a> {
    dtm: &'d Dtm<'a>,
    spec: TfidfSpec,
    /// Per document, the cells kept, by weight (descending), then term.
    pub cells: Vec<Vec<Cell>>,
    /// Documents containing each term (after the min-count filter).
    df: Vec<u64>,
    /// Terms weighed (those with at least `min_count` occurrences).
    pub vocabulary: usize,
}

/// Weights, then the top cells of each document.
pub fn weighted<'d, 'a>(dtm: &'d Dtm<'a>, spec: &TfidfSpec) -> Weighted<'d, 'a> {
    let n_terms = dtm.n_terms();
    let mut matrix: Vec<Vec<(u32, u64)>> = dtm
        .rows
        .par_iter()
        .map(|r| r.iter().map(|&(t, n, _)| (t, n)).collect())
        .collect();
    let total = dtm.totals();
    if spec.min_count > 1 {
        for row in &mut matrix {
            row.retain(|&(t, _)| total[t as usize] >= spec.min_count);
        }
    }
    let vocabulary = total
        .iter()
        .filter(|&&n| n > 0 && n >= spec.min_count)
        .count();
    drop(total);
    let mut df = vec![0u64; n_terms];
    for row in &matrix {
        for &(t, _) in row {
            df[t as usize] += 1;
        }
    }
    let weighted = weigh(&matrix, &df, &spec.tfidf);
    drop(matrix);
    let by_weight = |a: &Cell, b: &Cell| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term));
    let top = spec.top;
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
        dtm,
        spec: spec.clone(),
        cells,
        df,
        vocabulary,
    }
}

impl<'a> Weighted<'_, 'a> {
    /// The documents, in order.
    pub fn docs(&self) -> &[DocHead<'a>] {
        &self.dtm.docs
    }

    /// Number of documents weighed.
    pub fn n_docs(&self) -> usize {
        self.dtm.docs.len()
    }

    /// The row of cell `c` of document `d`.
    pub fn row(&self, d: usize, c: &Cell) -> TfidfRow<'a> {
        let head = &self.dtm.docs[d];
        let t = &self.spec.tfidf;
        TfidfRow {
            variant: t.variant.name(),
            norm: t.norm.name(),
            sublinear_tf: t.sublinear_tf,
            unit: self.spec.unit,
            doc: head.id,
            source: head.source,
            term: self.dtm.text(c.term),
            display: self.dtm.display(d, c.term),
            count: c.count,
            df: self.df[c.term as usize],
            tf: c.tf,
            idf: c.idf,
            weight: c.weight,
        }
    }

    /// Row `i` of document `d` (in weight order).
    pub fn row_at(&self, d: usize, i: usize) -> TfidfRow<'a> {
        self.row(d, &self.cells[d][i])
    }

    /// Number of weighted terms of document `d`.
    pub fn len(&self, d: usize) -> usize {
        self.cells.get(d).map_or(0, Vec::len)
    }

    /// The rows of document `d`, built in parallel.
    pub fn rows(&self, d: usize) -> Vec<TfidfRow<'a>> {
        self.cells
            .get(d)
            .map(|cells| cells.par_iter().map(|c| self.row(d, c)).collect())
            .unwrap_or_default()
    }
}
