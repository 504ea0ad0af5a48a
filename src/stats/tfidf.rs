//! TF-IDF (docs/METHODS.md, "TF-IDF").
//!
//! n = number of documents (sources, or articles with `--by article`),
//! df = documents containing the term, count = occurrences in the document.
//!
//! | variant            | tf                    | idf                      | default norm | reference |
//! |--------------------|-----------------------|--------------------------|--------------|-----------|
//! | `sklearn`          | count                 | ln((1+n)/(1+df)) + 1     | l2           | scikit-learn `TfidfVectorizer()` |
//! | `sklearn-nosmooth` | count                 | ln(n/df) + 1             | l2           | `TfidfVectorizer(smooth_idf=False)` |
//! | `textbook`         | count / total         | ln(n/df)                 | none         | tidytext `bind_tf_idf` |
//! | `quanteda`         | count                 | log10(n/df)              | none         | quanteda `dfm_tfidf()` |
//!
//! `total` is the number of counted terms in the document (tidytext's `sum(n)`).
//! `--sublinear-tf` replaces tf by 1 + ln(tf) (scikit-learn's `sublinear_tf`;
//! for `textbook` it applies to the raw count before dividing by the total).
//! Normalization divides each document's vector by its L2 or L1 norm.
//! With few documents there are few idf levels (5 sources: 5 levels) and a term
//! in every document gets idf 0 under `textbook` and `quanteda`.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Sklearn,
    SklearnNosmooth,
    Textbook,
    Quanteda,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    L2,
    L1,
    None,
}

impl Variant {
    pub fn name(self) -> &'static str {
        match self {
            Variant::Sklearn => "sklearn",
            Variant::SklearnNosmooth => "sklearn-nosmooth",
            Variant::Textbook => "textbook",
            Variant::Quanteda => "quanteda",
        }
    }

    /// The formula, as printed in every output.
    pub fn formula(self, sublinear: bool) -> String {
        let tf = match (self, sublinear) {
            (Variant::Textbook, false) => "count/total",
            (Variant::Textbook, true) => "(1+ln(count))/total",
            (_, false) => "count",
            (_, true) => "1+ln(count)",
        };
        let idf = match self {
            Variant::Sklearn => "ln((1+n)/(1+df))+1",
            Variant::SklearnNosmooth => "ln(n/df)+1",
            Variant::Textbook => "ln(n/df)",
            Variant::Quanteda => "log10(n/df)",
        };
        format!("tf = {tf}; idf = {idf}; weight = tf*idf")
    }

    pub fn default_norm(self) -> Norm {
        match self {
            Variant::Sklearn | Variant::SklearnNosmooth => Norm::L2,
            Variant::Textbook | Variant::Quanteda => Norm::None,
        }
    }

    pub fn idf(self, n: u64, df: u64) -> f64 {
        let (n, df) = (n as f64, df as f64);
        match self {
            Variant::Sklearn => ((1.0 + n) / (1.0 + df)).ln() + 1.0,
            Variant::SklearnNosmooth => (n / df).ln() + 1.0,
            Variant::Textbook => (n / df).ln(),
            Variant::Quanteda => (n / df).log10(),
        }
    }
}

impl FromStr for Variant {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "sklearn" => Variant::Sklearn,
            "sklearn-nosmooth" => Variant::SklearnNosmooth,
            "textbook" | "tidytext" => Variant::Textbook,
            "quanteda" => Variant::Quanteda,
            _ => {
                return Err(format!(
                    "unknown TF-IDF variant '{s}' (sklearn, sklearn-nosmooth, textbook, quanteda)"
                ))
            }
        })
    }
}

impl Norm {
    pub fn name(self) -> &'static str {
        match self {
            Norm::L2 => "l2",
            Norm::L1 => "l1",
            Norm::None => "none",
        }
    }
}

impl FromStr for Norm {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "l2" => Norm::L2,
            "l1" => Norm::L1,
            "none" => Norm::None,
            _ => return Err(format!("unknown norm '{s}' (l2, l1, none)")),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TfidfOptions {
    pub variant: Variant,
    pub sublinear_tf: bool,
    pub norm: Norm,
}

impl Default for TfidfOptions {
    fn default() -> Self {
        TfidfOptions {
            variant: Variant::Sklearn,
            sublinear_tf: false,
            norm: Norm::L2,
        }
    }
}

/// One weighted cell of a document's vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub term: u32,
    pub count: u64,
    pub tf: f64,
    pub idf: f64,
    pub weight: f64,
}

/// Weights a sparse document × term count matrix.
///
/// `docs[i]` lists (term id, count > 0) of document i; `df[t]` is the number of
/// documents containing term t. Cells keep the order of the input rows, and every
/// sum runs in that order, so the result is the same on every run.
pub fn weigh(docs: &[Vec<(u32, u64)>], df: &[u64], opts: &TfidfOptions) -> Vec<Vec<Cell>> {
    let n = docs.len() as u64;
    docs.iter()
        .map(|row| {
            let total: u64 = row.iter().map(|&(_, c)| c).sum();
            let mut cells: Vec<Cell> = row
                .iter()
                .map(|&(term, count)| {
                    let raw = if opts.sublinear_tf {
                        1.0 + (count as f64).ln()
                    } else {
                        count as f64
                    };
                    let tf = match opts.variant {
                        Variant::Textbook => raw / total as f64,
                        _ => raw,
                    };
                    let idf = opts.variant.idf(n, df[term as usize]);
                    Cell {
                        term,
                        count,
                        tf,
                        idf,
                        weight: tf * idf,
                    }
                })
                .collect();
            let norm = match opts.norm {
                Norm::L2 => cells
                    .iter()
                    .map(|c| c.weight * c.weight)
                    .sum::<f64>()
                    .sqrt(),
                Norm::L1 => cells.iter().map(|c| c.weight.abs()).sum::<f64>(),
                Norm::None => 1.0,
            };
            if norm > 0.0 {
                for c in &mut cells {
                    c.weight /= norm;
                }
            }
            cells
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_and_norm_is_named_by_what_parses_back_to_it() {
        use std::str::FromStr;
        for v in [
            Variant::Sklearn,
            Variant::SklearnNosmooth,
            Variant::Textbook,
            Variant::Quanteda,
        ] {
            assert_eq!(Variant::from_str(v.name()), Ok(v), "{}", v.name());
        }
        for n in [Norm::L2, Norm::L1, Norm::None] {
            assert_eq!(Norm::from_str(n.name()), Ok(n), "{}", n.name());
        }
    }

    #[test]
    fn a_document_of_zero_weights_is_not_normalized_into_nan() {
        // Textbook idf = ln(N/df) = 0 for a term in every document.
        let docs = vec![vec![(0, 2)], vec![(0, 1)]];
        for norm in [Norm::L2, Norm::L1] {
            let opts = TfidfOptions {
                variant: Variant::Textbook,
                sublinear_tf: false,
                norm,
            };
            let w = weigh(&docs, &[2], &opts);
            assert!(w.iter().flatten().all(|c| c.weight == 0.0), "{w:?}");
        }
    }

    /// docs/METHODS.md: counts [[3,0,1],[2,0,0],[3,0,0],[4,0,0],[3,2,0],[3,0,2]].
    fn methods_matrix() -> (Vec<Vec<(u32, u64)>>, Vec<u64>) {
        let dense = [
            [3, 0, 1],
            [2, 0, 0],
            [3, 0, 0],
            [4, 0, 0],
            [3, 2, 0],
            [3, 0, 2],
        ];
        let docs: Vec<Vec<(u32, u64)>> = dense
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .filter(|(_, &c)| c > 0)
                    .map(|(t, &c)| (t as u32, c))
                    .collect()
            })
            .collect();
        let df = (0..3)
            .map(|t| dense.iter().filter(|r| r[t] > 0).count() as u64)
            .collect();
        (docs, df)
    }

    fn dense_row(cells: &[Cell]) -> [f64; 3] {
        let mut r = [0.0; 3];
        for c in cells {
            r[c.term as usize] = c.weight;
        }
        r
    }

    fn assert_close(got: [f64; 3], want: [f64; 3]) {
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-8, "got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn methods_worked_values_smooth() {
        let (docs, df) = methods_matrix();
        let w = weigh(&docs, &df, &TfidfOptions::default());
        assert_close(dense_row(&w[0]), [0.85151335, 0.0, 0.52433293]);
        assert_close(dense_row(&w[4]), [0.55422893, 0.83236428, 0.0]);
    }

    #[test]
    fn methods_worked_values_nosmooth() {
        let (docs, df) = methods_matrix();
        let opts = TfidfOptions {
            variant: Variant::SklearnNosmooth,
            ..Default::default()
        };
        let w = weigh(&docs, &df, &opts);
        assert_close(dense_row(&w[0]), [0.81940995, 0.0, 0.57320793]);
        assert_close(dense_row(&w[4]), [0.47330339, 0.88089948, 0.0]);
    }

    #[test]
    fn idf_levels_for_five_documents() {
        let ln = [1.6094, 0.9163, 0.5108, 0.2231, 0.0];
        let smooth = [2.0986, 1.6931, 1.4055, 1.1823, 1.0];
        for df in 1..=5u64 {
            assert!((Variant::Textbook.idf(5, df) - ln[df as usize - 1]).abs() < 5e-5);
            assert!((Variant::Sklearn.idf(5, df) - smooth[df as usize - 1]).abs() < 5e-5);
        }
        assert!((Variant::Quanteda.idf(5, 1) - 5f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn textbook_is_share_times_ln_idf_without_norm() {
        // doc 0: a×3, b×1; doc 1: a×1. n = 2; df(a) = 2, df(b) = 1.
        let docs = vec![vec![(0, 3), (1, 1)], vec![(0, 1)]];
        let opts = TfidfOptions {
            variant: Variant::Textbook,
            sublinear_tf: false,
            norm: Norm::None,
        };
        let w = weigh(&docs, &[2, 1], &opts);
        assert_eq!(w[0][0].weight, 0.0); // in every document: ln(2/2) = 0
        assert!((w[0][1].weight - 0.25 * 2f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn sublinear_and_l1() {
        let docs = vec![vec![(0, 4), (1, 1)], vec![(1, 1)]];
        let opts = TfidfOptions {
            variant: Variant::SklearnNosmooth,
            sublinear_tf: true,
            norm: Norm::L1,
        };
        let w = weigh(&docs, &[1, 2], &opts);
        let a = (1.0 + 4f64.ln()) * (2f64.ln() + 1.0);
        let b = 1.0;
        assert!((w[0][0].weight - a / (a + b)).abs() < 1e-15);
        assert!((w[0][1].weight - b / (a + b)).abs() < 1e-15);
        assert!((w[0][0].tf - (1.0 + 4f64.ln())).abs() < 1e-15);
    }
}
