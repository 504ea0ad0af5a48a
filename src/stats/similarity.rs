//! Similarity between sources (or articles), as full symmetric matrices.
//!
//! - **Cosine similarity** of weight vectors (TF-IDF rows):
//!   `cos(x, y) = Σ x_t y_t / (‖x‖₂ ‖y‖₂)`. For non-negative weights it lies in [0, 1].
//!   The diagonal is exactly 1 for a non-empty row. A row whose norm is 0 (no terms,
//!   or all weights 0 — e.g. under `textbook` TF-IDF a source whose terms all occur in
//!   every source) has no direction: its similarity to every row, itself included,
//!   is reported as 0.
//! - **Jensen–Shannon divergence** of term distributions (Lin 1991): counts are
//!   normalized to probabilities P and Q, `M = (P + Q)/2`,
//!   `JSD(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M)`, `KL(P‖M) = Σ p_t log2(p_t / m_t)`.
//!   Logarithms are **base 2**, so JSD lies in [0, 1]: 0 for identical distributions,
//!   1 for disjoint vocabularies. This is the square of scipy's
//!   `scipy.spatial.distance.jensenshannon(p, q, base=2)` (which returns the distance,
//!   the square root). The diagonal is 0. A row with no counts has no distribution:
//!   its divergence from every other row is reported as 1 (the maximum, like two
//!   disjoint vocabularies), and 0 from itself.
//!
//! Rows are sparse: `(term id, value)` pairs sorted by term id with no repeated id
//! (the order a `BTreeMap` or a sorted vocabulary gives). Each pair of rows is
//! computed once and mirrored, so the matrices are exactly symmetric. Pure functions,
//! sequential, deterministic.

/// Sparse rows must be sorted by strictly increasing term id.
fn is_sorted_unique<T>(row: &[(u32, T)]) -> bool {
    row.windows(2).all(|w| w[0].0 < w[1].0)
}

/// Walks the union of two sorted sparse rows, calling `f(x, y)` with the two values
/// of each term (`zero` where a row lacks it).
fn merge<T: Copy>(x: &[(u32, T)], y: &[(u32, T)], zero: T, mut f: impl FnMut(T, T)) {
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        match (x.get(i), y.get(j)) {
            (Some(&(tx, vx)), Some(&(ty, vy))) if tx == ty => {
                f(vx, vy);
                i += 1;
                j += 1;
            }
            (Some(&(tx, vx)), Some(&(ty, _))) if tx < ty => {
                f(vx, zero);
                i += 1;
            }
            (Some(&(_, vx)), None) => {
                f(vx, zero);
                i += 1;
            }
            (_, Some(&(_, vy))) => {
                f(zero, vy);
                j += 1;
            }
            (None, None) => break,
        }
    }
}

fn l2_norm(row: &[(u32, f64)]) -> f64 {
    row.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt()
}

/// Cosine similarity of two sparse rows (see the module doc); 0 if either has norm 0.
pub fn cosine(x: &[(u32, f64)], y: &[(u32, f64)]) -> f64 {
    cosine_with_norms(x, l2_norm(x), y, l2_norm(y))
}

fn cosine_with_norms(x: &[(u32, f64)], nx: f64, y: &[(u32, f64)], ny: f64) -> f64 {
    debug_assert!(is_sorted_unique(x) && is_sorted_unique(y));
    if nx == 0.0 || ny == 0.0 || !nx.is_finite() || !ny.is_finite() {
        return 0.0;
    }
    let mut dot = 0.0;
    merge(x, y, 0.0, |a, b| dot += a * b);
    // Rounding can push |cos| a hair above 1.
    (dot / (nx * ny)).clamp(-1.0, 1.0)
}

/// Cosine similarity between every pair of rows: `n × n`, symmetric, diagonal 1 for
/// rows with a non-zero norm and 0 otherwise.
pub fn cosine_matrix(rows: &[Vec<(u32, f64)>]) -> Vec<Vec<f64>> {
    let norms: Vec<f64> = rows.iter().map(|r| l2_norm(r)).collect();
    let n = rows.len();
    let mut out = vec![vec![0.0; n]; n];
    for i in 0..n {
        out[i][i] = if norms[i] > 0.0 && norms[i].is_finite() {
            1.0
        } else {
            0.0
        };
        for j in i + 1..n {
            let c = cosine_with_norms(&rows[i], norms[i], &rows[j], norms[j]);
            out[i][j] = c;
            out[j][i] = c;
        }
    }
    out
}

fn total(row: &[(u32, u64)]) -> u64 {
    row.iter().map(|&(_, c)| c).sum()
}

/// Jensen–Shannon divergence (base 2, in [0, 1]) of the term distributions of two
/// sparse count rows; see the module doc for empty rows.
pub fn jsd(x: &[(u32, u64)], y: &[(u32, u64)]) -> f64 {
    jsd_with_totals(x, total(x), y, total(y))
}

fn jsd_with_totals(x: &[(u32, u64)], tx: u64, y: &[(u32, u64)], ty: u64) -> f64 {
    debug_assert!(is_sorted_unique(x) && is_sorted_unique(y));
    match (tx, ty) {
        (0, 0) => return 0.0,
        (0, _) | (_, 0) => return 1.0,
        _ => {}
    }
    let (tx, ty) = (tx as f64, ty as f64);
    // p·log2(p/m) with 0·log 0 = 0.
    let part = |p: f64, m: f64| if p > 0.0 { p * (p / m).log2() } else { 0.0 };
    let mut sum = 0.0;
    merge(x, y, 0, |cx, cy| {
        let (p, q) = (cx as f64 / tx, cy as f64 / ty);
        let m = 0.5 * (p + q);
        sum += part(p, m) + part(q, m);
    });
    // Exactly in [0, 1]; rounding can step a hair outside.
    (0.5 * sum).clamp(0.0, 1.0)
}

/// Jensen–Shannon divergence between every pair of rows: `n × n`, symmetric,
/// diagonal 0, base-2 logarithm so every entry lies in [0, 1].
pub fn jsd_matrix(rows: &[Vec<(u32, u64)>]) -> Vec<Vec<f64>> {
    let totals: Vec<u64> = rows.iter().map(|r| total(r)).collect();
    let n = rows.len();
    let mut out = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let d = jsd_with_totals(&rows[i], totals[i], &rows[j], totals[j]);
            out[i][j] = d;
            out[j][i] = d;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rows_with_terms_the_other_lacks_on_either_side() {
        // y has a term before, between and after x's: the union walk must
        // step through each side's own terms.
        let x = [(2, 1.0), (4, 1.0)];
        let y = [(1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0), (5, 1.0)];
        close(cosine(&x, &y), 2.0 / (2f64.sqrt() * 5f64.sqrt()), 1e-15);
        close(cosine(&y, &x), 2.0 / (2f64.sqrt() * 5f64.sqrt()), 1e-15);
        // JSD of disjoint distributions is 1 bit, whichever row leads.
        close(jsd(&[(1, 2)], &[(0, 1), (2, 1)]), 1.0, 1e-15);
        close(jsd(&[(0, 1), (2, 1)], &[(1, 2)]), 1.0, 1e-15);
        assert!(is_sorted_unique(&[(1, ()), (2, ())]));
        assert!(!is_sorted_unique(&[(1, ()), (1, ())]), "a repeated term id");
    }

    #[track_caller]
    fn close(x: f64, want: f64, tol: f64) {
        assert!((x - want).abs() <= tol, "got {x}, want {want} ± {tol}");
    }

    #[test]
    fn cosine_by_hand() {
        // (1,1,0)·(0,1,1) = 1, norms √2 · √2 = 2.
        close(
            cosine(&[(0, 1.0), (1, 1.0)], &[(1, 1.0), (2, 1.0)]),
            0.5,
            1e-15,
        );
        // (3,4)·(4,3) = 24, norms 5 · 5.
        close(
            cosine(&[(0, 3.0), (1, 4.0)], &[(0, 4.0), (1, 3.0)]),
            0.96,
            1e-15,
        );
        assert_eq!(cosine(&[(0, 1.0)], &[(1, 2.0)]), 0.0);
        // Scale does not matter.
        close(
            cosine(&[(5, 2.0), (9, 7.0)], &[(5, 20.0), (9, 70.0)]),
            1.0,
            1e-15,
        );
    }

    #[test]
    fn cosine_matrix_shape_and_empty_rows() {
        let rows = vec![
            vec![(0, 3.0), (1, 4.0)],
            vec![],
            vec![(0, 4.0), (1, 3.0)],
            vec![(7, 0.0)],
        ];
        let m = cosine_matrix(&rows);
        let want = [
            [1.0, 0.0, 0.96, 0.0],
            [0.0, 0.0, 0.0, 0.0],
            [0.96, 0.0, 1.0, 0.0],
            [0.0, 0.0, 0.0, 0.0],
        ];
        for (got, want) in m.iter().zip(want) {
            for (g, w) in got.iter().zip(want) {
                close(*g, w, 1e-15);
            }
        }
        assert!(cosine_matrix(&[]).is_empty());
    }

    #[test]
    fn jsd_by_hand() {
        // Disjoint supports: M = (½, ½), each KL = log2 2 = 1 → JSD = 1.
        assert_eq!(jsd(&[(0, 3)], &[(1, 5)]), 1.0);
        // P = (½, ½), Q = (1, 0), M = (¾, ¼):
        // KL(P‖M) = ½ log2(2/3) + ½ log2 2, KL(Q‖M) = log2(4/3),
        // JSD = 3/2 − (3/4) log2 3 = 0.311278124459133
        // (scipy.spatial.distance.jensenshannon([1,1],[1,0], base=2)**2 = 0.3112781244591328).
        let want = 1.5 - 0.75 * 3f64.log2();
        close(jsd(&[(0, 1), (1, 1)], &[(0, 1)]), want, 1e-15);
        // Counts are normalized: (2,2) vs (5,0) is the same distribution pair.
        close(jsd(&[(0, 2), (1, 2)], &[(0, 5)]), want, 1e-15);
        // Identical distributions at different sizes.
        assert_eq!(jsd(&[(0, 1), (4, 3)], &[(0, 10), (4, 30)]), 0.0);
    }

    #[test]
    fn jsd_matrix_shape_and_empty_rows() {
        let rows = vec![vec![(0, 1), (1, 1)], vec![], vec![(0, 1)], vec![]];
        let m = jsd_matrix(&rows);
        let h = 1.5 - 0.75 * 3f64.log2();
        let want = [
            [0.0, 1.0, h, 1.0],
            [1.0, 0.0, 1.0, 0.0],
            [h, 1.0, 0.0, 1.0],
            [1.0, 0.0, 1.0, 0.0],
        ];
        for (got, want) in m.iter().zip(want) {
            for (g, w) in got.iter().zip(want) {
                close(*g, w, 1e-15);
            }
        }
        assert!(jsd_matrix(&[]).is_empty());
    }

    /// Sparse rows: unique sorted ids below 40.
    fn count_row() -> impl Strategy<Value = Vec<(u32, u64)>> {
        proptest::collection::btree_map(0u32..40, 0u64..1000, 0..25)
            .prop_map(|m| m.into_iter().collect())
    }

    fn weight_row() -> impl Strategy<Value = Vec<(u32, f64)>> {
        proptest::collection::btree_map(0u32..40, 0.0f64..50.0, 0..25)
            .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        #[test]
        fn jsd_symmetric_and_bounded(rows in proptest::collection::vec(count_row(), 0..6)) {
            let m = jsd_matrix(&rows);
            for i in 0..rows.len() {
                prop_assert_eq!(m[i][i], 0.0);
                for j in 0..rows.len() {
                    prop_assert_eq!(m[i][j], m[j][i]);
                    prop_assert!((0.0..=1.0).contains(&m[i][j]));
                    // The pairwise function agrees in both argument orders.
                    if i != j {
                        let (d1, d2) = (jsd(&rows[i], &rows[j]), jsd(&rows[j], &rows[i]));
                        prop_assert!((d1 - d2).abs() <= 1e-15, "{} {}", d1, d2);
                    }
                }
            }
        }

        #[test]
        fn jsd_ignores_scale(row in count_row(), other in count_row(), k in 1u64..20) {
            let scaled: Vec<(u32, u64)> = row.iter().map(|&(t, c)| (t, c * k)).collect();
            let (d1, d2) = (jsd(&row, &other), jsd(&scaled, &other));
            prop_assert!((d1 - d2).abs() <= 1e-12, "{} {}", d1, d2);
        }

        #[test]
        fn cosine_symmetric_and_in_unit_interval(
            rows in proptest::collection::vec(weight_row(), 0..6),
        ) {
            let m = cosine_matrix(&rows);
            prop_assert_eq!(m.len(), rows.len());
            for i in 0..rows.len() {
                for j in 0..rows.len() {
                    prop_assert_eq!(m[i][j], m[j][i]);
                    prop_assert!((0.0..=1.0).contains(&m[i][j]), "{}", m[i][j]);
                    if i != j {
                        prop_assert_eq!(m[i][j], cosine(&rows[i], &rows[j]));
                    }
                }
            }
        }
    }
}
