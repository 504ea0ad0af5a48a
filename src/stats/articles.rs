//! Keyness that knows articles: dispersion and article-level tests of a term in
//! a target (T) against a reference (R), each side a set of articles.
//!
//! Token-level tests (G², χ², log-odds z) treat every word as an independent
//! draw. Words cluster in articles, so with many articles per side those tests
//! over-state significance (Kilgarriff 2005; Lijffijt, Nevalainen, Säily,
//! Papapetrou, Puolamäki & Mannila 2016, "Significance testing of word
//! frequencies in corpora", Digital Scholarship in the Humanities 31(2)). This
//! module has the measures that take the article as the unit:
//!
//! - **DP** (Gries 2008, "Dispersions and adjusted frequencies in corpora",
//!   IJCL 13(4)): over T's articles, with expected shares `sᵢ = wordsᵢ / Σ words`
//!   and observed shares `vᵢ = countᵢ / Σ count`, `DP = ½ Σ |vᵢ − sᵢ|`;
//!   `DP_norm = DP / (1 − min sᵢ)` (Lijffijt & Gries 2012). 0 = spread like the
//!   text, 1 = all in one place. [`dispersion`].
//! - **Welch's t-test** on per-article relative frequencies `x = count / words`
//!   (Lijffijt et al. 2016): `t = (x̄_T − x̄_R) / √(s²_T/n_T + s²_R/n_R)`, degrees
//!   of freedom by Welch–Satterthwaite, two-sided p from Student's t. It needs
//!   only n, Σx and Σx² per side, so it is a sum that merges. [`welch`].
//! - **Text-dispersion keyness** (Egbert & Biber 2019, "Incorporating text
//!   dispersion into keyword analyses", Corpora 14(1)): G² and Log Ratio on the
//!   2×2 table of articles containing the term vs not. [`doc_g2`].
//! - **Conservative Log Ratio, LRC** (Evert 2022, "Measuring keyness", DH2022;
//!   R package `corpora`, `keyness(measure = "LRC")`): the exact Clopper–Pearson
//!   interval for `τ = f₁ / (f₁ + f₂)` at level `1 − α/m`, turned into
//!   `log2((N₂/N₁)·τ/(1 − τ))`: the lower bound when T's rate is the higher
//!   (clamped at ≥ 0), else the upper bound (clamped at ≤ 0). [`lrc`].
//! - **Permutation test over articles** (Mildenberger 2023, "Assessing keyness
//!   using permutation tests", R package keyperm): which articles are T's is
//!   permuted (keeping T's number of articles), the signed token G² recomputed
//!   from the summed counts; one-sided in the direction of the observed sign.
//!   Exact: `p = #{G²_perm ≥ G²_obs} / #assignments` ([`permutation_exact`]);
//!   Monte Carlo with k draws: `p = (1 + #{G²_perm ≥ G²_obs}) / (1 + k)`
//!   ([`monte_carlo_p`]).
//!
//! Worked values for each are in the unit tests (from docs/METHODS.md, section 3b; checked
//! against scipy's `ttest_ind(equal_var=False)` and `binomtest(...)
//! .proportion_ci(method="exact")` in `tests/reference/`).

use super::keyness::{g2_signed, log_ratio};

/// DP and the top-article share of a term over one side's articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dispersion {
    /// Gries's deviation of proportions, 0 (even) … 1 − min share.
    pub dp: f64,
    /// `dp / (1 − min sᵢ)`, 0 … 1.
    pub dp_norm: f64,
    /// The share of the term's count in the side's single top article.
    pub top_article_share: f64,
}

/// DP over a side's articles. `with_term` holds (count, words) of the articles
/// that contain the term; `words` is the side's total words and `min_words`
/// the words of its shortest article (the articles without the term enter
/// through these two only, so the sums stay sparse). `None` when the term does
/// not occur or the side has no words.
pub fn dispersion(with_term: &[(u64, u64)], words: u64, min_words: u64) -> Option<Dispersion> {
    let total: u64 = with_term.iter().map(|&(c, _)| c).sum();
    if total == 0 || words == 0 {
        return None;
    }
    let (total_f, words_f) = (total as f64, words as f64);
    // Σ over the articles with the term of |vᵢ − sᵢ|, plus Σ sᵢ over the
    // articles without it (their vᵢ = 0): 1 − Σ sᵢ over those with it.
    let mut deviation = 0.0;
    let mut covered = 0u64;
    let mut top = 0u64;
    for &(c, w) in with_term {
        deviation += (c as f64 / total_f - w as f64 / words_f).abs();
        covered += w;
        top = top.max(c);
    }
    let rest = words.saturating_sub(covered) as f64 / words_f;
    let dp = 0.5 * (deviation + rest);
    let min_share = min_words as f64 / words_f;
    let dp_norm = if min_share < 1.0 {
        dp / (1.0 - min_share)
    } else {
        0.0
    };
    Some(Dispersion {
        dp,
        dp_norm: dp_norm.min(1.0),
        top_article_share: top as f64 / total_f,
    })
}

/// n, Σx and Σx² of the per-article relative frequencies on one side (the
/// articles without the term count in n with x = 0).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RateSums {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl RateSums {
    /// The sums of `n` articles, `with_term` holding (count, words) of those
    /// that contain the term.
    pub fn of(n: u64, with_term: &[(u64, u64)]) -> RateSums {
        let mut s = RateSums {
            n,
            ..RateSums::default()
        };
        for &(c, w) in with_term {
            if w > 0 {
                let x = c as f64 / w as f64;
                s.sum += x;
                s.sum_sq += x * x;
            }
        }
        s
    }

    fn mean(&self) -> f64 {
        self.sum / self.n as f64
    }

    /// The sample variance (n − 1), never below 0.
    fn variance(&self) -> f64 {
        let n = self.n as f64;
        ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0)
    }
}

/// Result of [`welch`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Welch {
    pub t: f64,
    pub df: f64,
    /// Two-sided.
    pub p: f64,
}

/// Welch's t-test on per-article rates. `None` when a side has fewer than 2
/// articles (no variance). When both variances are 0: equal means give t = 0,
/// p = 1; different means give t = ±∞, p = 0 (every article of each side
/// has the same rate, and the rates differ), with df = n_T + n_R − 2.
pub fn welch(t: &RateSums, r: &RateSums) -> Option<Welch> {
    if t.n < 2 || r.n < 2 {
        return None;
    }
    let (vt, vr) = (t.variance() / t.n as f64, r.variance() / r.n as f64);
    let diff = t.mean() - r.mean();
    let se2 = vt + vr;
    if se2 == 0.0 {
        let df = (t.n + r.n - 2) as f64;
        return Some(if diff == 0.0 {
            Welch { t: 0.0, df, p: 1.0 }
        } else {
            Welch {
                t: f64::INFINITY.copysign(diff),
                df,
                p: 0.0,
            }
        });
    }
    let stat = diff / se2.sqrt();
    let df = se2 * se2 / (vt * vt / (t.n - 1) as f64 + vr * vr / (r.n - 1) as f64);
    Some(Welch {
        t: stat,
        df,
        p: student_t_two_sided(stat, df),
    })
}

/// Two-sided tail of Student's t: `P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, ½)`.
pub fn student_t_two_sided(t: f64, df: f64) -> f64 {
    if t.is_infinite() {
        return 0.0;
    }
    let x = df / (df + t * t);
    reg_inc_beta(0.5 * df, 0.5, x).clamp(0.0, 1.0)
}

/// Text-dispersion keyness (Egbert & Biber 2019): signed G² and Log Ratio on
/// (articles of T with the term, of R with it, of T without, of R without).
pub fn doc_g2(t_docs: u64, t_articles: u64, r_docs: u64, r_articles: u64) -> (f64, f64) {
    let c = t_articles.saturating_sub(t_docs);
    let d = r_articles.saturating_sub(r_docs);
    (
        g2_signed(t_docs, r_docs, c, d),
        log_ratio(t_docs, t_articles, r_docs, r_articles),
    )
}

/// Evert's conservative Log Ratio at level `1 − alpha / family` (Bonferroni
/// over `family` terms; 1 = no correction): f₁ of N₁ words in T, f₂ of N₂ in R.
/// 0 when the interval includes equal rates (and when a side has no words).
pub fn lrc(f1: u64, n1: u64, f2: u64, n2: u64, alpha: f64, family: u64) -> f64 {
    if n1 == 0 || n2 == 0 || f1 + f2 == 0 {
        return 0.0;
    }
    let a = alpha / family.max(1) as f64;
    let ratio = n2 as f64 / n1 as f64;
    let log_ratio = |tau: f64| (ratio * tau / (1.0 - tau)).log2();
    // T's rate higher: the lower bound of τ (0 when f₁ = 0).
    // The τ of equal rates, where the log ratio is 0: a bound on its far side
    // clamps to 0, which one evaluation of the CDF there tells (most terms of
    // a large vocabulary, under a Bonferroni factor in the thousands), so the
    // quantile is searched for only when the bound clears it.
    let tau0 = n1 as f64 / (n1 as f64 + n2 as f64);
    if (f1 as u128) * (n2 as u128) >= (f2 as u128) * (n1 as u128) {
        let (shape1, shape2) = (f1 as f64, f2 as f64 + 1.0);
        if f1 == 0 || reg_inc_beta(shape1, shape2, tau0) >= 0.5 * a {
            return 0.0;
        }
        let tau = beta_quantile(0.5 * a, shape1, shape2);
        if tau <= 0.0 {
            return 0.0;
        }
        log_ratio(tau).max(0.0)
    } else {
        let (shape1, shape2) = (f1 as f64 + 1.0, f2 as f64);
        if reg_inc_beta(shape1, shape2, tau0) <= 1.0 - 0.5 * a {
            return 0.0;
        }
        let tau = beta_quantile(1.0 - 0.5 * a, shape1, shape2);
        if tau >= 1.0 {
            return 0.0;
        }
        log_ratio(tau).min(0.0)
    }
}

/// The exact one-sided permutation p of a term: all C(n, k) ways to choose
/// which k of the n articles are T's, each with the signed G² of the summed
/// counts; `articles` = (count, words) of every article, T's `in_target`.
/// One-sided in the direction of the observed sign (G² ≥ observed when it is
/// ≥ 0, ≤ observed when it is negative). `None` when the assignments number
/// more than `max_assignments`.
pub fn permutation_exact(
    articles: &[(u64, u64)],
    in_target: &[bool],
    max_assignments: u64,
) -> Option<f64> {
    let n = articles.len();
    let k = in_target.iter().filter(|&&t| t).count();
    let total = binomial(n as u64, k as u64).filter(|&c| c <= max_assignments)?;
    let (count_all, words_all): (u64, u64) = articles
        .iter()
        .fold((0, 0), |(c, w), &(ac, aw)| (c + ac, w + aw));
    let g2_of = |count: u64, words: u64| {
        g2_signed(
            count,
            count_all - count,
            words - count,
            (words_all - words) - (count_all - count),
        )
    };
    let (oc, ow) = articles
        .iter()
        .zip(in_target)
        .filter(|(_, &t)| t)
        .fold((0, 0), |(c, w), (&(ac, aw), _)| (c + ac, w + aw));
    let observed = g2_of(oc, ow);
    let mut extreme = 0u64;
    for_each_subset(n, k, &mut |subset: &[usize]| {
        let (c, w) = subset
            .iter()
            .fold((0, 0), |(c, w), &i| (c + articles[i].0, w + articles[i].1));
        let g = g2_of(c, w);
        if at_least_as_extreme(g, observed) {
            extreme += 1;
        }
    });
    Some(extreme as f64 / total as f64)
}

/// Whether a permuted G² is at least as extreme as the observed one, in the
/// observed direction.
pub fn at_least_as_extreme(g: f64, observed: f64) -> bool {
    if observed >= 0.0 {
        g >= observed
    } else {
        g <= observed
    }
}

/// The Monte Carlo permutation p: `(1 + extreme) / (1 + draws)`.
pub fn monte_carlo_p(extreme: u64, draws: u64) -> f64 {
    (1 + extreme) as f64 / (1 + draws) as f64
}

/// C(n, k), `None` past u64.
pub fn binomial(n: u64, k: u64) -> Option<u64> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k);
    let mut c: u128 = 1;
    for i in 0..k {
        c = c * u128::from(n - i) / u128::from(i + 1);
        if c > u128::from(u64::MAX) {
            return None;
        }
    }
    u64::try_from(c).ok()
}

/// Calls `f` with every k-subset of 0..n (as sorted indices), in
/// lexicographic order.
pub fn for_each_subset(n: usize, k: usize, f: &mut impl FnMut(&[usize])) {
    let mut idx: Vec<usize> = (0..k).collect();
    if k > n {
        return;
    }
    loop {
        f(&idx);
        // The rightmost index that can still move right.
        let Some(i) = (0..k).rev().find(|&i| idx[i] < n - k + i) else {
            return;
        };
        idx[i] += 1;
        for j in i + 1..k {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, &c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularized incomplete beta function `I_x(a, b)`, by its continued
/// fraction (modified Lentz), on the side of the symmetry
/// `I_x(a, b) = 1 − I_{1−x}(b, a)` where it converges fast.
pub fn reg_inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_fraction(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of `I_x(a, b)` (Numerical Recipes' `betacf`).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    // One step of the modified Lentz recurrence: the new (c, d) and their product.
    let step = |aa: f64, c: f64, d: f64| {
        let d = 1.0 + aa * d;
        let d = 1.0 / if d.abs() < TINY { TINY } else { d };
        let c = 1.0 + aa / c;
        let c = if c.abs() < TINY { TINY } else { c };
        (c, d, c * d)
    };
    for m in 1..10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let (c1, d1, even) = step(m * (b - m) * x / ((qam + m2) * (a + m2)), c, d);
        h *= even;
        let (c2, d2, odd) = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), c1, d1);
        (c, d) = (c2, d2);
        h *= odd;
        if (odd - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The p-quantile of Beta(a, b): the x with `I_x(a, b) = p`, by bisection to
/// the last bit (the CDF is monotone, so this cannot fail to converge).
/// `a = 0` is the point mass at 0, `b = 0` at 1.
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    if a <= 0.0 {
        return 0.0;
    }
    if b <= 0.0 {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if reg_inc_beta(a, b, mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, tol: f64) {
        assert!(
            (got - want).abs() <= tol * want.abs().max(1e-300),
            "got {got}, want {want}"
        );
    }

    /// docs/METHODS.md, section 3b: A has 4 articles (3,100), (0,200), (1,50), (0,150); B has
    /// 3: (0,100), (1,300), (0,100).
    const A: [(u64, u64); 4] = [(3, 100), (0, 200), (1, 50), (0, 150)];
    const B: [(u64, u64); 3] = [(0, 100), (1, 300), (0, 100)];

    fn with_term(side: &[(u64, u64)]) -> Vec<(u64, u64)> {
        side.iter().copied().filter(|&(c, _)| c > 0).collect()
    }

    #[test]
    fn welch_on_the_worked_example() {
        let a = RateSums::of(4, &with_term(&A));
        let b = RateSums::of(3, &with_term(&B));
        let w = welch(&a, &b).unwrap();
        close(w.t, 1.502_123_78, 1e-8);
        close(w.df, 3.130_870_12, 1e-8);
        close(w.p, 0.226_375_80, 1e-7);
    }

    #[test]
    fn welch_degenerate_cases_are_defined() {
        let one = RateSums::of(1, &[(1, 10)]);
        let two = RateSums::of(2, &[(1, 10)]);
        assert_eq!(welch(&one, &two), None, "one article has no variance");
        // Both sides without the term: equal means, no variance.
        let zero = RateSums::of(5, &[]);
        assert_eq!(
            welch(&zero, &zero),
            Some(Welch {
                t: 0.0,
                df: 8.0,
                p: 1.0
            })
        );
        // Every article of T at 1 in 10, none in R: t = +∞, p = 0.
        let all = RateSums::of(2, &[(1, 10), (2, 20)]);
        let w = welch(&all, &zero).unwrap();
        assert_eq!((w.t, w.p), (f64::INFINITY, 0.0));
        assert!(!w.t.is_nan() && !w.p.is_nan());
    }

    #[test]
    fn welch_on_the_known_answer_corpus() {
        // 5 articles of 1,000 words each side; one article of A has the term
        // 20 times: t = 1.0 with 4 degrees of freedom, two-sided p = 0.37390.
        let a = RateSums::of(5, &[(20, 1000)]);
        let b = RateSums::of(5, &[]);
        let w = welch(&a, &b).unwrap();
        close(w.t, 1.0, 1e-12);
        close(w.df, 4.0, 1e-12);
        close(w.p, 0.373_900_966, 1e-8);
    }

    #[test]
    fn text_dispersion_g2_on_the_worked_example() {
        // 2 of 4 articles vs 1 of 3.
        let (g, lr) = doc_g2(2, 4, 1, 3);
        close(g, 0.196_451_01, 1e-7);
        close(lr, (0.5f64 / (1.0 / 3.0)).log2(), 1e-12);
    }

    #[test]
    fn dp_on_the_worked_example() {
        let d = dispersion(&with_term(&A), 500, 50).unwrap();
        close(d.dp, 0.7, 1e-12);
        close(d.dp_norm, 0.777_777_78, 1e-8);
        close(d.top_article_share, 0.75, 1e-12);
        assert_eq!(dispersion(&[], 500, 50), None);
        // Spread exactly like the text: DP = 0.
        let even = dispersion(&[(1, 100), (2, 200)], 300, 100).unwrap();
        assert!(even.dp.abs() < 1e-15);
    }

    #[test]
    fn lrc_on_the_worked_examples() {
        close(lrc(7, 2050, 0, 4905, 0.05, 1), 1.786_008_41, 1e-7);
        assert_eq!(lrc(7, 2050, 0, 4905, 0.05, 382), 0.0);
        close(lrc(4, 2050, 48, 4905, 0.05, 1), -0.876_853_78, 1e-7);
        close(lrc(10, 1000, 10, 10000, 0.05, 1), 1.901_289_18, 1e-7);
        assert_eq!(lrc(0, 100, 0, 100, 0.05, 1), 0.0);
    }

    #[test]
    fn exact_permutation_on_the_worked_example() {
        let all: Vec<(u64, u64)> = A.iter().chain(&B).copied().collect();
        let in_a = [true, true, true, true, false, false, false];
        let (count, words) = (4, 500);
        close(
            g2_signed(count, 1, words - count, 500 - 1),
            1.936_492_81,
            1e-8,
        );
        close(
            permutation_exact(&all, &in_a, 1000).unwrap(),
            10.0 / 35.0,
            1e-15,
        );
        assert_eq!(permutation_exact(&all, &in_a, 34), None, "35 assignments");
    }

    #[test]
    fn exact_permutation_on_the_known_answer_corpus() {
        // C(10, 5) = 252 assignments; the one article with the term is in T
        // in half of them, each with the observed G².
        let mut all = vec![(0u64, 1000u64); 10];
        all[0] = (20, 1000);
        let in_a: Vec<bool> = (0..10).map(|i| i < 5).collect();
        close(g2_signed(20, 0, 4980, 5000), 27.766, 1e-4);
        assert_eq!(permutation_exact(&all, &in_a, 1000), Some(0.5));
    }

    #[test]
    fn binomials_subsets_and_monte_carlo() {
        assert_eq!(binomial(7, 4), Some(35));
        assert_eq!(binomial(10, 5), Some(252));
        assert_eq!(binomial(3, 5), Some(0));
        assert_eq!(binomial(1000, 500), None);
        let mut seen = Vec::new();
        for_each_subset(4, 2, &mut |s: &[usize]| seen.push(s.to_vec()));
        assert_eq!(
            seen,
            [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]].map(|a| a.to_vec())
        );
        assert_eq!(monte_carlo_p(0, 999), 0.001);
        assert_eq!(monte_carlo_p(999, 999), 1.0);
        assert!(at_least_as_extreme(3.0, 2.0) && !at_least_as_extreme(1.0, 2.0));
        assert!(at_least_as_extreme(-3.0, -2.0) && !at_least_as_extreme(-1.0, -2.0));
    }

    #[test]
    fn special_functions_against_known_values() {
        close(ln_gamma(0.5), 0.572_364_942_924_700_1, 1e-14);
        close(ln_gamma(10.0), 362_880f64.ln(), 1e-14);
        close(ln_gamma(0.1), 2.252_712_651_734_206, 1e-13);
        // I_x(1, 1) = x; I_x(a, 1) = xᵃ.
        close(reg_inc_beta(1.0, 1.0, 0.3), 0.3, 1e-14);
        close(reg_inc_beta(3.0, 1.0, 0.5), 0.125, 1e-14);
        // Student t: P(|T| ≥ 2.776445) with 4 df = 0.05.
        close(student_t_two_sided(2.776_445_105_197_793, 4.0), 0.05, 1e-9);
        close(beta_quantile(0.125, 3.0, 1.0), 0.5, 1e-12);
    }
}
