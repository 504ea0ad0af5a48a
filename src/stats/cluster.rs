//! Agglomerative hierarchical clustering with **average linkage** (UPGMA,
//! Sokal & Michener 1958), and the leaf order of its dendrogram: the order in
//! which a report lays out a similarity matrix so that similar sources sit
//! together.
//!
//! - **Distance**: the caller's symmetric matrix `d`; for sources,
//!   `d = 1 − cos` of their TF-IDF vectors ([`order_by_similarity`]). The
//!   diagonal is never read.
//! - **Linkage**: start with one cluster per item; repeatedly merge the two
//!   closest clusters. The distance between clusters A and B is the mean of
//!   the item distances, `d(A, B) = Σ_{a∈A, b∈B} d(a, b) / (|A| |B|)`, kept
//!   up to date by the Lance–Williams update
//!   `d(A∪B, K) = (|A| d(A, K) + |B| d(B, K)) / (|A| + |B|)` (the formula
//!   and the update scipy's `linkage(method="average")` use).
//! - **Ties**: when several pairs are at the smallest distance, the pair
//!   merged is the one whose clusters' smallest items are smallest (compared
//!   as the pair `(smaller item, larger item)`), so the result does not
//!   depend on how clusters are stored.
//! - **Merges** are numbered as scipy numbers them: items are clusters
//!   `0..n`, the k-th merge (0-based, in merge order, which for average
//!   linkage is by non-decreasing height) makes cluster `n + k`, and each merge
//!   names its two children **smaller cluster id first**: an item before a
//!   merged cluster, an earlier merge before a later one, the smaller of two
//!   items first.
//! - **Leaf order**: the dendrogram read from its root, left child (the
//!   smaller id) before right, as scipy's `leaves_list` reads it.
//!
//! On matrices without ties this gives scipy's merge heights and leaf order
//! (`tests/reference/cluster_reference.py`, compared in
//! `tests/cluster_reference.rs`). Pure functions, O(n³) for n items: the
//! report clusters at most 40 sources.

/// One merge of the dendrogram: cluster ids `left < right` (items `0..n`,
/// merge k is `n + k`), the distance between them, and the items the new
/// cluster holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Merge {
    pub left: usize,
    pub right: usize,
    pub height: f64,
    pub size: usize,
}

/// The `n − 1` merges of average-linkage clustering of the symmetric distance
/// matrix `d` (`n × n`; only the cells off the diagonal are read), in merge
/// order; see the module doc for ties and ids. A distance that is not a
/// number counts as infinite.
pub fn average_linkage(d: &[Vec<f64>]) -> Vec<Merge> {
    let n = d.len();
    // dist[i][j] for the active clusters, stored in the slot of their
    // smallest item; `id` is each slot's cluster id, `size` its items (0:
    // the slot is empty).
    let mut dist: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| d[i].get(j).copied().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let mut id: Vec<usize> = (0..n).collect();
    let mut size: Vec<usize> = vec![1; n];
    let mut merges = Vec::with_capacity(n.saturating_sub(1));
    for k in 0..n.saturating_sub(1) {
        // The closest pair of active slots; the first found in (i, j) order
        // wins ties, and slot i holds the cluster whose smallest item is i.
        let mut best: Option<(usize, usize)> = None;
        for i in 0..n {
            if size[i] == 0 {
                continue;
            }
            for j in i + 1..n {
                if size[j] == 0 {
                    continue;
                }
                let closer = match best {
                    None => true,
                    Some((bi, bj)) => key(dist[i][j]) < key(dist[bi][bj]),
                };
                if closer {
                    best = Some((i, j));
                }
            }
        }
        let Some((a, b)) = best else { break };
        let (na, nb) = (size[a], size[b]);
        let height = dist[a][b];
        merges.push(Merge {
            left: id[a].min(id[b]),
            right: id[a].max(id[b]),
            height,
            size: na + nb,
        });
        // The merged cluster takes slot a (its smallest item is a's).
        for x in 0..n {
            if size[x] == 0 || x == a || x == b {
                continue;
            }
            let v = (na as f64 * dist[a][x] + nb as f64 * dist[b][x]) / (na + nb) as f64;
            dist[a][x] = v;
            dist[x][a] = v;
        }
        id[a] = n + k;
        size[a] = na + nb;
        size[b] = 0;
    }
    merges
}

/// A distance as the search for the closest pair compares it: NaN as +∞.
fn key(d: f64) -> f64 {
    if d.is_nan() {
        f64::INFINITY
    } else {
        d
    }
}

/// The items in the dendrogram's leaf order: from the root, each merge's left
/// child before its right (scipy's `leaves_list`). `merges` as
/// [`average_linkage`] gives them for `n` items; an id out of range is
/// skipped.
pub fn leaf_order(merges: &[Merge], n: usize) -> Vec<usize> {
    if merges.is_empty() {
        return (0..n).collect();
    }
    let mut order = Vec::with_capacity(n);
    let mut stack = vec![n + merges.len() - 1];
    while let Some(c) = stack.pop() {
        if c < n {
            order.push(c);
        } else if let Some(m) = merges.get(c - n) {
            // Right pushed first, so the left child is walked first.
            stack.push(m.right);
            stack.push(m.left);
        }
    }
    order
}

/// The leaf order of average-linkage clustering on `d = 1 − s`, for a
/// similarity matrix `s` (cosine): the order in which similar items sit
/// together.
pub fn order_by_similarity(s: &[Vec<f64>]) -> Vec<usize> {
    let d: Vec<Vec<f64>> = s
        .iter()
        .map(|row| row.iter().map(|&x| 1.0 - x).collect())
        .collect();
    leaf_order(&average_linkage(&d), s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(rows: &[&[f64]]) -> Vec<Vec<f64>> {
        rows.iter().map(|r| r.to_vec()).collect()
    }

    fn merge(left: usize, right: usize, height: f64, size: usize) -> Merge {
        Merge {
            left,
            right,
            height,
            size,
        }
    }

    /// Points on a line at 0, 10, 1, 11: {0, 2} and {1, 3} are pairs.
    /// By hand: d(0,2) = 1 and d(1,3) = 1 (a tie: the pair of smaller items,
    /// (0, 2), first, making cluster 4); then d(1,3) = 1 (cluster 5); then
    /// d({0,2}, {1,3}) = (10 + 11 + 9 + 10) / 4 = 10.
    #[test]
    fn four_points_on_a_line() {
        let x = [0.0, 10.0, 1.0, 11.0];
        let d: Vec<Vec<f64>> = x
            .iter()
            .map(|a| x.iter().map(|b| f64::abs(a - b)).collect())
            .collect();
        let z = average_linkage(&d);
        assert_eq!(
            z,
            [
                merge(0, 2, 1.0, 2),
                merge(1, 3, 1.0, 2),
                merge(4, 5, 10.0, 4)
            ]
        );
        assert_eq!(leaf_order(&z, 4), [0, 2, 1, 3]);
    }

    /// Average, not complete linkage: item 3 is 2 from item 0 and 6 from
    /// item 1, so it joins {0, 1} at (2 + 6) / 2 = 4, before item 2, whose
    /// mean is (5 + 5) / 2 = 5 (complete linkage would take 2 first: its
    /// largest distance, 5, is below 3's, 6).
    #[test]
    fn the_mean_distance_decides() {
        let d = m(&[
            &[0.0, 1.0, 5.0, 2.0],
            &[1.0, 0.0, 5.0, 6.0],
            &[5.0, 5.0, 0.0, 9.0],
            &[2.0, 6.0, 9.0, 0.0],
        ]);
        let z = average_linkage(&d);
        assert_eq!(
            z,
            [
                merge(0, 1, 1.0, 2),
                merge(3, 4, 4.0, 3),
                // d({0,1,3}, 2) = (5 + 5 + 9) / 3.
                merge(2, 5, 19.0 / 3.0, 4),
            ]
        );
        // Cluster 5 = (3, {0, 1}); an item before a cluster: 3, then 0, 1.
        // The root: item 2 before cluster 5.
        assert_eq!(leaf_order(&z, 4), [2, 3, 0, 1]);
    }

    /// Average, not single linkage: item 2 is 1.5 from item 0 but 9 from
    /// item 1 (mean 5.25); item 3 is 4 from both (mean 4), so 3 joins {0, 1}
    /// first (single linkage would take 2, at 1.5).
    #[test]
    fn the_mean_distance_decides_not_the_nearest_item() {
        let d = m(&[
            &[0.0, 1.0, 1.5, 4.0],
            &[1.0, 0.0, 9.0, 4.0],
            &[1.5, 9.0, 0.0, 9.0],
            &[4.0, 4.0, 9.0, 0.0],
        ]);
        let z = average_linkage(&d);
        assert_eq!(
            z,
            [
                merge(0, 1, 1.0, 2),
                merge(3, 4, 4.0, 3),
                // d({0,1,3}, 2) = (1.5 + 9 + 9) / 3.
                merge(2, 5, 19.5 / 3.0, 4),
            ]
        );
        assert_eq!(leaf_order(&z, 4), [2, 3, 0, 1]);
    }

    #[test]
    fn an_earlier_merge_is_the_left_child() {
        // {2, 3} merge first (cluster 4), then {0, 1} (cluster 5): the root
        // is (4, 5), so 2, 3 come before 0, 1.
        let d = m(&[
            &[0.0, 0.5, 0.9, 0.9],
            &[0.5, 0.0, 0.9, 0.9],
            &[0.9, 0.9, 0.0, 0.1],
            &[0.9, 0.9, 0.1, 0.0],
        ]);
        let z = average_linkage(&d);
        assert_eq!(z[0], merge(2, 3, 0.1, 2));
        assert_eq!(z[1], merge(0, 1, 0.5, 2));
        assert_eq!((z[2].left, z[2].right, z[2].size), (4, 5, 4));
        assert_eq!(leaf_order(&z, 4), [2, 3, 0, 1]);
    }

    #[test]
    fn similar_items_sit_together() {
        // A and C alike, B and D alike: cosine 0.9 within, 0.1 across.
        let s = m(&[
            &[1.0, 0.1, 0.9, 0.1],
            &[0.1, 1.0, 0.1, 0.9],
            &[0.9, 0.1, 1.0, 0.1],
            &[0.1, 0.9, 0.1, 1.0],
        ]);
        assert_eq!(order_by_similarity(&s), [0, 2, 1, 3]);
    }

    #[test]
    fn equal_distances_keep_the_items_in_order() {
        // Every pair at 1: (0, 1), then (2, {0, 1}), then (3, …).
        let d = vec![vec![1.0; 4]; 4];
        let z = average_linkage(&d);
        assert_eq!(
            z,
            [
                merge(0, 1, 1.0, 2),
                merge(2, 4, 1.0, 3),
                merge(3, 5, 1.0, 4)
            ]
        );
        assert_eq!(leaf_order(&z, 4), [3, 2, 0, 1]);
    }

    #[test]
    fn edge_cases() {
        assert!(average_linkage(&[]).is_empty());
        assert_eq!(leaf_order(&[], 0), Vec::<usize>::new());
        assert_eq!(order_by_similarity(&[vec![1.0]]), [0]);
        assert_eq!(order_by_similarity(&m(&[&[1.0, 0.3], &[0.3, 1.0]])), [0, 1]);
        // A NaN distance counts as infinite: merged after every number.
        let d = m(&[
            &[0.0, f64::NAN, 0.2],
            &[f64::NAN, 0.0, f64::NAN],
            &[0.2, f64::NAN, 0.0],
        ]);
        let z = average_linkage(&d);
        assert_eq!(z[0], merge(0, 2, 0.2, 2));
        assert_eq!(leaf_order(&z, 3), [1, 0, 2]);
    }
}
