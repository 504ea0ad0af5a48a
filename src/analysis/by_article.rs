//! The columns of a keyness comparison that need each article's counts of a
//! term, from the article × term matrix ([`ArticleTerms`]): DP with the
//! top-article share (Gries 2008), and the permutation test over articles
//! (Mildenberger 2023, R package keyperm). Formulas in `stats::articles`;
//! docs/METHODS.md §3b.
//!
//! The permutation test re-assigns which articles are the target's (keeping
//! the target's number of articles) among the articles of the comparison (all
//! of them one-vs-rest; the two sources' with `--vs`), and recomputes every
//! tested term's signed G² from the summed counts and words of the drawn
//! articles. p is one-sided in the observed direction:
//!
//! - **exact** when the distinct assignments, C(N, n), are at most the
//!   permutations asked for: `p = #{G² ≥ observed} / C(N, n)`;
//! - otherwise **Monte Carlo**: draw `d` of the `k` permutations
//!   `p = (1 + #{G² ≥ observed}) / (1 + d)`. With `d` draws no p is below
//!   1/(d + 1), and Benjamini–Hochberg over m terms cannot go below about
//!   m/(d + 1); so the terms with fewer than [`RESOLVED`] permutations as
//!   extreme as observed get further rounds (10× the draws each) up to
//!   `max_draws` ("plain extra rounds for the unresolved terms"), and those
//!   still unresolved there are named as at the cap.
//!
//! Permutation `j` is drawn from `SplitMix64::for_item(seed, j)` alone, and
//! the counts of extreme permutations are integer sums, so the p-values are
//! the same for any thread count.

use rayon::prelude::*;

use super::dtm::TermId;
use super::keyness::Denominator;
use crate::count::articles::{ArticleTerms, Postings};
use crate::stats::articles::{at_least_as_extreme, binomial, dispersion, Dispersion};
use crate::stats::keyness::g2_signed;
use crate::stats::rng::SplitMix64;

/// The permutations of the test over articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permutations {
    /// Permutations of the first round (`--permutations`; 0 = no test).
    pub draws: u64,
    /// The most permutations a term gets (`--permutations-max`).
    pub max_draws: u64,
    pub seed: u64,
}

/// Default of `--permutations`.
pub const DEFAULT_PERMUTATIONS: u64 = 999;
/// Default of `--permutations-max`.
pub const DEFAULT_PERMUTATIONS_MAX: u64 = 99_999;
/// Default of `--seed` for the permutations.
pub const DEFAULT_SEED: u64 = 20_231_207;
/// A term's Monte Carlo p is resolved once this many permutations were as
/// extreme as observed (its relative standard error is then about 1/√10).
pub const RESOLVED: u64 = 10;
/// The most steps (an article's term added, a term tested) the extra rounds
/// of one comparison may take, a few seconds of one core: past it, the
/// unresolved terms stop where they are and are named as at the cap.
pub const WORK_MAX: u64 = 2_000_000_000;

impl Default for Permutations {
    fn default() -> Self {
        Permutations {
            draws: DEFAULT_PERMUTATIONS,
            max_draws: DEFAULT_PERMUTATIONS_MAX,
            seed: DEFAULT_SEED,
        }
    }
}

/// The permutation result of one term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PermP {
    pub p: f64,
    /// Permutations behind `p` (the assignments, when exact).
    pub draws: u64,
    pub exact: bool,
    /// Monte Carlo, and still unresolved after its last round.
    pub at_cap: bool,
}

/// The article × term matrix of a corpus, with its by-term copy.
pub struct ByArticle<'m> {
    matrix: &'m ArticleTerms,
    /// Each article's document (by default, its source's index).
    doc: std::borrow::Cow<'m, [u32]>,
    postings: Postings,
    /// Each article's size: its words, or its counted terms ([`Denominator`]).
    sizes: Vec<u64>,
}

/// One comparison's articles: the target's and the reference's, those of
/// some documents (one with `--vs`, the rest of a group with
/// `--within-group`) or, `None`, the rest of the corpus.
#[derive(Debug, Clone, Copy)]
pub struct Sides<'s> {
    pub target: u32,
    pub reference: Option<&'s [u32]>,
}

impl<'m> ByArticle<'m> {
    pub fn new(
        matrix: &'m ArticleTerms,
        n_terms: usize,
        denominator: Denominator,
    ) -> ByArticle<'m> {
        let sizes = match denominator {
            Denominator::Words => matrix.words.clone(),
            Denominator::Terms => (0..matrix.len())
                .map(|a| matrix.row(a).iter().map(|&(_, c)| u64::from(c)).sum())
                .collect(),
        };
        ByArticle {
            postings: matrix.by_term(n_terms),
            doc: std::borrow::Cow::Borrowed(&matrix.source),
            matrix,
            sizes,
        }
    }

    /// The same, each article in document `doc[a]` instead of its source's
    /// index (sources summed into groups, `Dtm::merged`).
    pub fn with_docs(mut self, doc: Option<Vec<u32>>) -> ByArticle<'m> {
        if let Some(d) = doc {
            self.doc = std::borrow::Cow::Owned(d);
        }
        self
    }

    fn in_comparison(&self, sides: Sides<'_>, a: usize) -> bool {
        let s = self.doc[a];
        s == sides.target || sides.reference.is_none_or(|r| r.contains(&s))
    }

    /// The target's words and the words of its shortest article.
    pub fn target_words(&self, sides: Sides<'_>) -> (u64, u64) {
        let m = self.matrix;
        let (mut words, mut min_words) = (0u64, u64::MAX);
        for a in 0..m.len() {
            if self.doc[a] == sides.target {
                words += self.sizes[a];
                min_words = min_words.min(self.sizes[a]);
            }
        }
        (words, min_words)
    }

    /// DP and the top-article share of term `t` over the target's articles;
    /// `words` from [`ByArticle::target_words`].
    pub fn dispersion(&self, sides: Sides<'_>, words: (u64, u64), t: TermId) -> Option<Dispersion> {
        let with_term: Vec<(u64, u64)> = self
            .postings
            .of(t)
            .iter()
            .filter(|&&(a, _)| self.doc[a as usize] == sides.target)
            .map(|&(a, n)| (u64::from(n), self.sizes[a as usize]))
            .collect();
        dispersion(&with_term, words.0, words.1)
    }

    /// The permutation test of each of `terms` (tested in the comparison),
    /// in their order; `None` for all when `perm.draws` is 0 or a side has no
    /// article.
    pub fn permutation(
        &self,
        sides: Sides<'_>,
        terms: &[TermId],
        perm: &Permutations,
    ) -> Vec<Option<PermP>> {
        let m = self.matrix;
        let arts: Vec<usize> = (0..m.len())
            .filter(|&a| self.in_comparison(sides, a))
            .collect();
        let n = arts
            .iter()
            .filter(|&&a| self.doc[a] == sides.target)
            .count();
        if perm.draws == 0 || n == 0 || n == arts.len() {
            return vec![None; terms.len()];
        }
        let table = Table::new(self, &arts, terms, sides.target);
        let observed: Vec<f64> = (0..terms.len())
            .map(|i| table.g2(i, table.target_count[i], table.target_words))
            .collect();
        match binomial(arts.len() as u64, n as u64) {
            Some(total) if total <= perm.draws => {
                let extreme = table.exact(n, &observed);
                extreme
                    .into_iter()
                    .map(|e| {
                        Some(PermP {
                            p: e as f64 / total as f64,
                            draws: total,
                            exact: true,
                            at_cap: false,
                        })
                    })
                    .collect()
            }
            _ => table.monte_carlo(n, &observed, perm),
        }
    }
}

/// The tested terms of one comparison over its articles.
struct Table<'a> {
    matrix: &'a ArticleTerms,
    /// Each article's size ([`ByArticle`]'s).
    sizes: &'a [u64],
    /// The comparison's articles (matrix rows).
    arts: &'a [usize],
    terms: &'a [TermId],
    /// Per tested term: its count over the comparison's articles, and the target's.
    total_count: Vec<u64>,
    target_count: Vec<u64>,
    total_words: u64,
    target_words: u64,
}

impl<'a> Table<'a> {
    fn new(
        by: &'a ByArticle<'a>,
        arts: &'a [usize],
        terms: &'a [TermId],
        target: u32,
    ) -> Table<'a> {
        let m = by.matrix;
        let mut in_cmp = vec![false; m.len()];
        for &a in arts {
            in_cmp[a] = true;
        }
        let (mut total_count, mut target_count) =
            (vec![0u64; terms.len()], vec![0u64; terms.len()]);
        for (i, &t) in terms.iter().enumerate() {
            for &(a, c) in by.postings.of(t) {
                let a = a as usize;
                if in_cmp[a] {
                    total_count[i] += u64::from(c);
                    if by.doc[a] == target {
                        target_count[i] += u64::from(c);
                    }
                }
            }
        }
        let total_words = arts.iter().map(|&a| by.sizes[a]).sum();
        let target_words = arts
            .iter()
            .filter(|&&a| by.doc[a] == target)
            .map(|&a| by.sizes[a])
            .sum();
        Table {
            matrix: m,
            sizes: &by.sizes,
            arts,
            terms,
            total_count,
            target_count,
            total_words,
            target_words,
        }
    }

    /// The signed G² of term `i` when the target's articles hold `count` of
    /// it in `words` words.
    fn g2(&self, i: usize, count: u64, words: u64) -> f64 {
        let (c_all, w_all) = (self.total_count[i], self.total_words);
        g2_signed(
            count,
            c_all - count,
            words - count,
            (w_all - words) - (c_all - count),
        )
    }

    /// For the terms at positions `open`, how many of the assignments
    /// `draws` calls `f` with are at least as extreme as observed.
    /// `reduced`, when given, holds per article (by position) its entries of
    /// the open terms as (position in `open`, count).
    fn count_extreme(
        &self,
        open: &[usize],
        observed: &[f64],
        reduced: Option<&[Vec<(u32, u32)>]>,
        mut draws: impl FnMut(&mut dyn FnMut(&[usize])),
    ) -> Vec<u64> {
        let local = self.positions(open);
        let mut extreme = vec![0u64; open.len()];
        let mut acc = vec![0u64; open.len()];
        // G² depends on a term only through its total count: within one
        // assignment, the G² of (total, count) is computed once for small totals.
        let mut memo = vec![f64::NAN; MEMO * MEMO];
        draws(&mut |drawn: &[usize]| {
            let mut words = 0;
            for &k in drawn {
                let a = self.arts[k];
                words += self.sizes[a];
                match reduced {
                    Some(rows) => {
                        for &(j, c) in &rows[k] {
                            acc[j as usize] += u64::from(c);
                        }
                    }
                    None => {
                        for &(t, c) in self.matrix.row(a) {
                            if let Some(&j) = local.get(t as usize) {
                                if j != u32::MAX {
                                    acc[j as usize] += u64::from(c);
                                }
                            }
                        }
                    }
                }
            }
            memo.fill(f64::NAN);
            for (k, &i) in open.iter().enumerate() {
                let (c, total) = (acc[k], self.total_count[i]);
                let g = if total < MEMO as u64 {
                    let slot = &mut memo[total as usize * MEMO + c as usize];
                    if slot.is_nan() {
                        *slot = self.g2(i, c, words);
                    }
                    *slot
                } else {
                    self.g2(i, c, words)
                };
                if at_least_as_extreme(g, observed[i]) {
                    extreme[k] += 1;
                }
                acc[k] = 0;
            }
        });
        extreme
    }

    /// Every n-subset of the articles: how many are at least as extreme as
    /// observed, per term.
    fn exact(&self, n: usize, observed: &[f64]) -> Vec<u64> {
        let all: Vec<usize> = (0..self.terms.len()).collect();
        self.count_extreme(&all, observed, None, |f| {
            crate::stats::articles::for_each_subset(self.arts.len(), n, &mut |s: &[usize]| f(s));
        })
    }

    /// Permutations `from..to` for the terms at positions `open`, in parallel
    /// chunks of draws (each permutation from its own stream, the counts
    /// integer sums: the same for any thread count).
    fn monte_carlo_round(
        &self,
        n: usize,
        observed: &[f64],
        open: &[usize],
        (from, to): (u64, u64),
        seed: u64,
        reduced: Option<&[Vec<(u32, u32)>]>,
    ) -> Vec<u64> {
        let chunks: Vec<(u64, u64)> = (from..to)
            .step_by(CHUNK as usize)
            .map(|c| (c, (c + CHUNK).min(to)))
            .collect();
        chunks
            .into_par_iter()
            .map(|(lo, hi)| {
                let mut order: Vec<usize> = (0..self.arts.len()).collect();
                self.count_extreme(open, observed, reduced, |f| {
                    for j in lo..hi {
                        let swaps = draw(seed, j, n, &mut order);
                        f(&order[..n]);
                        undo(&mut order, &swaps);
                    }
                })
            })
            .reduce(|| vec![0u64; open.len()], add)
    }

    /// Term id → position in `open` (`u32::MAX` for the terms not in it).
    fn positions(&self, open: &[usize]) -> Vec<u32> {
        let n_ids = open
            .iter()
            .map(|&i| self.terms[i] as usize + 1)
            .max()
            .unwrap_or(0);
        let mut local = vec![u32::MAX; n_ids];
        for (k, &i) in open.iter().enumerate() {
            local[self.terms[i] as usize] = k as u32;
        }
        local
    }

    /// Per article of the comparison (by position), its entries of the terms
    /// at positions `open`, as (position in `open`, count).
    fn reduced(&self, open: &[usize]) -> Vec<Vec<(u32, u32)>> {
        let local = self.positions(open);
        self.arts
            .par_iter()
            .map(|&a| {
                self.matrix
                    .row(a)
                    .iter()
                    .filter_map(|&(t, c)| match local.get(t as usize) {
                        Some(&j) if j != u32::MAX => Some((j, c)),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// Monte Carlo permutations, with extra rounds for the unresolved terms.
    fn monte_carlo(&self, n: usize, observed: &[f64], perm: &Permutations) -> Vec<Option<PermP>> {
        let m = self.terms.len();
        let all: Vec<usize> = (0..m).collect();
        let first = perm.draws;
        let extreme = self.monte_carlo_round(n, observed, &all, (0, first), perm.seed, None);
        let mut result: Vec<(u64, u64)> = extreme.into_iter().map(|e| (e, first)).collect();
        // Further rounds, 10× the draws each: the unresolved terms only.
        let (mut done, mut work) = (first, 0u64);
        loop {
            let open: Vec<usize> = (0..m).filter(|&i| result[i].0 < RESOLVED).collect();
            let next = done
                .saturating_mul(10)
                .saturating_add(9)
                .min(perm.max_draws);
            if open.is_empty() || next <= done {
                break;
            }
            // Each draw adds the open terms' entries of n articles, and tests
            // the open terms.
            let reduced = self.reduced(&open);
            let entries: u64 = reduced.iter().map(|r| r.len() as u64).sum();
            let per_draw =
                entries * n as u64 / self.arts.len() as u64 + open.len() as u64 + n as u64;
            let cost = per_draw.saturating_mul(next - done);
            if work.saturating_add(cost) > WORK_MAX {
                break;
            }
            work += cost;
            let more =
                self.monte_carlo_round(n, observed, &open, (done, next), perm.seed, Some(&reduced));
            for (k, &i) in open.iter().enumerate() {
                result[i].0 += more[k];
                result[i].1 = next;
            }
            done = next;
        }
        result
            .into_iter()
            .map(|(e, d)| {
                Some(PermP {
                    p: crate::stats::articles::monte_carlo_p(e, d),
                    draws: d,
                    exact: false,
                    at_cap: e < RESOLVED,
                })
            })
            .collect()
    }
}

/// Totals below this get their G² memoized per assignment.
const MEMO: usize = 64;

/// Permutations per parallel task.
const CHUNK: u64 = 64;

fn add(mut a: Vec<u64>, b: Vec<u64>) -> Vec<u64> {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
    a
}

/// Permutation `j`: moves the `n` articles drawn as the target's to the front
/// of `order` by a partial Fisher–Yates shuffle of stream `j`, returning the
/// swaps so that [`undo`] restores `order`. On the identity order, the draw
/// depends on `(seed, j)` alone.
fn draw(seed: u64, j: u64, n: usize, order: &mut [usize]) -> Vec<usize> {
    let mut rng = SplitMix64::for_item(seed, j);
    let all = order.len();
    let mut swaps = Vec::with_capacity(n);
    for i in 0..n {
        let k = i + rng.below(all - i);
        order.swap(i, k);
        swaps.push(k);
    }
    swaps
}

/// Undoes [`draw`]'s swaps, last first.
fn undo(order: &mut [usize], swaps: &[usize]) {
    for (i, &k) in swaps.iter().enumerate().rev() {
        order.swap(i, k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles (source, words, (term, count)s).
    type Row<'a> = (u32, u64, &'a [(TermId, u32)]);

    fn matrix(rows: &[Row<'_>]) -> ArticleTerms {
        ArticleTerms::new(rows.iter().map(|&(s, w, t)| (s, w, t.to_vec())).collect())
    }

    #[test]
    fn a_draw_is_a_uniform_subset_and_undo_restores_the_order() {
        let mut order: Vec<usize> = (0..10).collect();
        let mut seen = [0u32; 10];
        for j in 0..2000 {
            let swaps = draw(7, j, 3, &mut order);
            let mut d = order[..3].to_vec();
            d.sort_unstable();
            d.dedup();
            assert_eq!(d.len(), 3, "three distinct articles");
            for &a in &d {
                seen[a] += 1;
            }
            undo(&mut order, &swaps);
            assert_eq!(order, (0..10).collect::<Vec<_>>());
        }
        // Each article drawn about 2000 · 3/10 = 600 times.
        assert!(seen.iter().all(|&n| (500..700).contains(&n)), "{seen:?}");
        // The same permutation for the same (seed, j), another for another j.
        let (mut a, mut b, mut c) = (
            (0..10).collect::<Vec<_>>(),
            (0..10).collect::<Vec<_>>(),
            (0..10).collect::<Vec<_>>(),
        );
        draw(7, 5, 3, &mut a);
        draw(7, 5, 3, &mut b);
        draw(7, 6, 3, &mut c);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn dispersion_and_the_exact_test_use_the_target_articles_only() {
        // The worked example of docs/METHODS.md §3b: A has (3, 100), (0, 200),
        // (1, 50), (0, 150); B has (0, 100), (1, 300), (0, 100). Term 0; term 1
        // fills the rest of each article's words.
        let m = matrix(&[
            (0, 100, &[(0, 3), (1, 97)]),
            (0, 200, &[(1, 200)]),
            (0, 50, &[(0, 1), (1, 49)]),
            (0, 150, &[(1, 150)]),
            (1, 100, &[(1, 100)]),
            (1, 300, &[(0, 1), (1, 299)]),
            (1, 100, &[(1, 100)]),
        ]);
        let by = ByArticle::new(&m, 2, Denominator::Words);
        let sides = Sides {
            target: 0,
            reference: None,
        };
        let words = by.target_words(sides);
        assert_eq!(words, (500, 50));
        let d = by.dispersion(sides, words, 0).unwrap();
        assert!((d.dp - 0.7).abs() < 1e-12);
        assert!((d.dp_norm - 0.777_777_777_777_777_8).abs() < 1e-12);
        assert!((d.top_article_share - 0.75).abs() < 1e-12);
        // C(7, 4) = 35 assignments, 10 at least as extreme: p = 10/35.
        let perm = Permutations {
            draws: 35,
            max_draws: 35,
            seed: 1,
        };
        let p = by.permutation(sides, &[0], &perm)[0].unwrap();
        assert!(p.exact && p.draws == 35 && !p.at_cap);
        assert!((p.p - 10.0 / 35.0).abs() < 1e-15, "{}", p.p);
        // With B as the explicit reference, the same articles: the same p.
        let vs = Sides {
            target: 0,
            reference: Some(&[1]),
        };
        assert_eq!(by.permutation(vs, &[0], &perm)[0].unwrap().p, p.p);
        // One fewer permutation than assignments: Monte Carlo.
        let mc = Permutations {
            draws: 34,
            max_draws: 34,
            seed: 1,
        };
        let q = by.permutation(sides, &[0], &mc)[0].unwrap();
        assert!(!q.exact && q.draws == 34);
        // No test without permutations, or with a side of no article.
        let none = Permutations { draws: 0, ..perm };
        assert_eq!(by.permutation(sides, &[0], &none), vec![None]);
        let alone = Sides {
            target: 0,
            reference: Some(&[0]),
        };
        assert_eq!(by.permutation(alone, &[0], &perm), vec![None]);
    }
}
