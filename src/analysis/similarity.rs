//! How alike the documents' vocabularies are: cosine of their TF-IDF vectors
//! (scikit-learn variant, L2-normalized, so cosine = dot product) and
//! Jensen–Shannon divergence (base 2, in [0, 1]) of their term distributions.
//! Formulas in `stats::similarity`.

use rayon::prelude::*;
use serde::Serialize;

use super::dtm::Dtm;
use crate::stats::cluster::order_by_similarity;
use crate::stats::similarity::{cosine_matrix, jsd_matrix};
use crate::stats::tfidf::{weigh, TfidfOptions};

/// A report shows the full matrices up to this many sources; past it, each
/// source's [`NEAREST`] nearest sources (a matrix of 200 sources is 40,000
/// cells: unreadable as a chart, and it would make the page grow with the
/// square of the sources). Every pair stays in `data/similarity.csv`.
pub const FULL_MATRIX_MAX_SOURCES: usize = 40;

/// Nearest sources listed per source past [`FULL_MATRIX_MAX_SOURCES`].
pub const NEAREST: usize = 5;

/// Both matrices, rows and columns in `sources` order; or, summarized for a
/// report of many sources ([`Similarity::summarized`]), each source's nearest
/// sources instead.
#[derive(Debug, Clone, Serialize)]
pub struct Similarity {
    pub sources: Vec<String>,
    #[serde(
        serialize_with = "crate::output::one_row_per_line",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cosine_tfidf: Vec<Vec<f64>>,
    #[serde(
        serialize_with = "crate::output::one_row_per_line",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub jsd: Vec<Vec<f64>>,
    /// The sources in the leaf order of average-linkage hierarchical
    /// clustering of `1 − cosine_tfidf` (`stats::cluster`): the order in which
    /// a report draws the matrices, similar sources together. The matrices
    /// stay in `sources` order. Filled by [`Similarity::summarized`] when it
    /// keeps the matrices; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cluster_order: Vec<String>,
    /// Empty unless summarized.
    #[serde(
        serialize_with = "crate::output::one_row_per_line",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub nearest: Vec<Nearest>,
}

/// A source's nearest sources by cosine similarity, most similar first (ties
/// in source order).
#[derive(Debug, Clone, Serialize)]
pub struct Nearest {
    pub source: String,
    pub neighbours: Vec<Neighbour>,
}

/// One of a source's nearest sources.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    pub source: String,
    pub cosine_tfidf: f64,
    pub jsd: f64,
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

impl Similarity {
    /// The matrices as they are up to [`FULL_MATRIX_MAX_SOURCES`] sources,
    /// with their [`Similarity::cluster_order`]; past that, each source's
    /// [`NEAREST`] nearest sources by cosine instead (what a report can show
    /// at any number of sources).
    pub fn summarized(self) -> Similarity {
        if self.sources.len() <= FULL_MATRIX_MAX_SOURCES {
            let cluster_order = order_by_similarity(&self.cosine_tfidf)
                .into_iter()
                .filter_map(|i| self.sources.get(i).cloned())
                .collect();
            return Similarity {
                cluster_order,
                ..self
            };
        }
        let nearest = (0..self.sources.len())
            .into_par_iter()
            .map(|i| self.nearest_of(i, NEAREST))
            .collect();
        Similarity {
            sources: self.sources,
            cosine_tfidf: Vec::new(),
            jsd: Vec::new(),
            cluster_order: Vec::new(),
            nearest,
        }
    }

    /// The `k` sources most similar to source `i` (itself excluded): highest
    /// cosine first, ties in source order.
    fn nearest_of(&self, i: usize, k: usize) -> Nearest {
        let row = self.cosine_tfidf.get(i).map_or(&[][..], Vec::as_slice);
        let mut order: Vec<usize> = (0..row.len()).filter(|&j| j != i).collect();
        order.sort_by(|&a, &b| row[b].total_cmp(&row[a]).then(a.cmp(&b)));
        order.truncate(k);
        Nearest {
            source: self.sources[i].clone(),
            neighbours: order
                .into_iter()
                .map(|j| Neighbour {
                    source: self.sources[j].clone(),
                    cosine_tfidf: row[j],
                    jsd: self.jsd[i][j],
                })
                .collect(),
        }
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
        cluster_order: Vec::new(),
        nearest: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` sources on a line: cosine(i, j) = 1 − |i − j| / n, JSD its complement.
    fn line(n: usize) -> Similarity {
        let cos = |i: usize, j: usize| 1.0 - (i.abs_diff(j) as f64) / n as f64;
        Similarity {
            sources: (0..n).map(|i| format!("s{i:03}")).collect(),
            cosine_tfidf: (0..n)
                .map(|i| (0..n).map(|j| cos(i, j)).collect())
                .collect(),
            jsd: (0..n)
                .map(|i| (0..n).map(|j| 1.0 - cos(i, j)).collect())
                .collect(),
            cluster_order: Vec::new(),
            nearest: Vec::new(),
        }
    }

    #[test]
    fn up_to_the_limit_the_matrices_stay_with_their_cluster_order() {
        let s = line(FULL_MATRIX_MAX_SOURCES).summarized();
        assert_eq!(s.cosine_tfidf.len(), FULL_MATRIX_MAX_SOURCES);
        assert!(s.nearest.is_empty());
        // Every source once; neighbours on the line stay neighbours.
        let mut sorted = s.cluster_order.clone();
        sorted.sort();
        assert_eq!(sorted, s.sources);
        let at = |id: &str| s.cluster_order.iter().position(|x| x == id).unwrap();
        assert_eq!(at("s000").abs_diff(at("s001")), 1);
        assert_eq!(at("s038").abs_diff(at("s039")), 1);
    }

    #[test]
    fn the_cluster_order_puts_alike_sources_together() {
        // a and c alike, b and d alike; the matrices stay in source order.
        let cos = [
            [1.0, 0.1, 0.8, 0.2],
            [0.1, 1.0, 0.2, 0.9],
            [0.8, 0.2, 1.0, 0.1],
            [0.2, 0.9, 0.1, 1.0],
        ];
        let s = Similarity {
            sources: ["a", "b", "c", "d"].map(String::from).to_vec(),
            cosine_tfidf: cos.iter().map(|r| r.to_vec()).collect(),
            jsd: cos.iter().map(|r| r.map(|x| 1.0 - x).to_vec()).collect(),
            cluster_order: Vec::new(),
            nearest: Vec::new(),
        }
        .summarized();
        // b–d (distance 0.1) merge first, then a–c (0.2); the earlier merge
        // is the left child.
        assert_eq!(s.cluster_order, ["b", "d", "a", "c"]);
        assert_eq!(s.cosine_tfidf[0], cos[0]);
    }

    #[test]
    fn past_the_limit_each_source_gets_its_nearest_most_similar_first() {
        let n = FULL_MATRIX_MAX_SOURCES + 1;
        let s = line(n).summarized();
        assert!(s.cosine_tfidf.is_empty() && s.jsd.is_empty() && s.cluster_order.is_empty());
        assert_eq!(s.nearest.len(), n);
        let names = |k: usize| -> Vec<&str> {
            s.nearest[k]
                .neighbours
                .iter()
                .map(|x| x.source.as_str())
                .collect()
        };
        // An end of the line: the next five, in order; itself never.
        assert_eq!(names(0), ["s001", "s002", "s003", "s004", "s005"]);
        // In the middle, ties (one step left or right) go in source order.
        assert_eq!(names(10), ["s009", "s011", "s008", "s012", "s007"]);
        let first = &s.nearest[10].neighbours[0];
        assert_eq!(first.cosine_tfidf, 1.0 - 1.0 / n as f64);
        assert_eq!(first.jsd, 1.0 - first.cosine_tfidf);
        assert_eq!(s.nearest[10].source, "s010");
    }
}
