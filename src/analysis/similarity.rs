//! How alike the documents' vocabularies are: cosine of their TF-IDF vectors
//! (scikit-learn variant, L2-normalized, so cosine = dot product) and
//! Jensen–Shannon divergence (base 2, in [0, 1]) of their term distributions.
//! Formulas in `stats::similarity`.

use rayon::prelude::*;
use serde::Serialize;

use super::dtm::Dtm;
use crate::stats::similarity::{cosine_matrix, jsd_matrix};
use crate::stats::tfidf::{weigh, TfidfOptions};

/// Both matrices, rows and columns in `sources` order.
#[derive(Debug, Clone, Serialize)]
pub struct Similarity {
    pub sources: Vec<String>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub cosine_tfidf: Vec<Vec<f64>>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub jsd: Vec<Vec<f64>>,
}

/// One cell, for CSV.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarityRow<'a> {
    pub source_a: &'a str,
    pub source_b: &'a str,
    pub cosine_tfidf: f64,
    pub jsd: f64,
}

impl Similarity {
    /// Every cell, row by row.
    pub fn rows(&self) -> impl Iterator<Item = SimilarityRow<'_>> {
        let n = self.sources.len();
        (0..n).flat_map(move |i| {
            (0..n).map(move |j| SimilarityRow {
                source_a: &self.sources[i],
                source_b: &self.sources[j],
                cosine_tfidf: self.cosine_tfidf[i][j],
                jsd: self.jsd[i][j],
            })
        })
    }
}

/// Both matrices over the documents of `dtm`.
pub fn compute(dtm: &Dtm<'_>) -> Similarity {
    let rows: Vec<Vec<(u32, u64)>> = dtm
        .rows
        .par_iter()
        .map(|r| r.iter().map(|&(t, n, _)| (t, n)).collect())
        .collect();
    let df = dtm.doc_freqs();
    let (cosine_tfidf, jsd) = rayon::join(
        || {
            let weighted: Vec<Vec<(u32, f64)>> = weigh(&rows, &df, &TfidfOptions::default())
                .into_iter()
                .map(|cells| cells.into_iter().map(|c| (c.term, c.weight)).collect())
                .collect();
            cosine_matrix(&weighted)
        },
        || jsd_matrix(&rows),
    );
    Similarity {
        sources: dtm.docs.iter().map(|d| d.id.to_string()).collect(),
        cosine_tfidf,
        jsd,
    }
}
