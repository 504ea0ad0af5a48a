//! Keyness: which terms a target corpus uses more (or less) than a reference corpus.
//!
//! For one term: `a` = count in the target, `b` = count in the reference,
//! `c` = target words − a, `d` = reference words − b, `N = a + b + c + d`. "Words" is
//! the word count (WC) of each side: all word tokens, stopwords included. Expected
//! cells: `E_a = (a+b)(a+c)/N`, `E_b = (a+b)(b+d)/N`, `E_c = (c+d)(a+c)/N`,
//! `E_d = (c+d)(b+d)/N`.
//!
//! | measure | formula | reference |
//! |---|---|---|
//! | G² (4-term) | `2 Σ O ln(O/E)` over the four cells, `0 ln 0 = 0` | Dunning 1993; Rayson & Garside 2000 |
//! | G² Williams | `G²/q`, `q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N)` | Williams 1976 |
//! | G² (2-term) | `2(a ln(a/E1) + b ln(b/E2))`, `E1 = T(a+b)/(T+R)`, `E2 = R(a+b)/(T+R)` | Rayson & Garside 2000 |
//! | χ² | `N(|ad − bc| − Nδ)² / ((a+b)(c+d)(a+c)(b+d))`, δ = ½ only when `|ad − bc| ≥ N/2` and some expected cell < 5 | quanteda.textstats `textstat_keyness` (`correction = "default"`) |
//! | Log Ratio | `log2((a/T)/(b/R))`, a zero count replaced by 0.5 | Hardie 2014 |
//! | log-odds z | see [`log_odds_dirichlet`] | Monroe, Colaresi & Quinn 2008 |
//!
//! The log-odds prior defaults to the pooled corpus of the comparison with
//! α0 = its word count, so α_w = the term's pooled count (see [`Prior`] for why).
//!
//! G² and χ² are signed: positive when the term is over-used in the target
//! (`a > E_a`, equivalently `ad > bc`, decided in exact integer arithmetic), negative
//! when under-used. p-values come from χ² with one degree of freedom, through the
//! survival function `P(χ²₁ > x)`, which keeps its precision at tiny p (`1 − cdf`
//! would round to 0 below about 1e-16).
//!
//! Differences from quanteda worth knowing: quanteda's `measure = "lr"` applies the
//! same conditional Yates shift to the cells before computing G², and adds 1e-9
//! inside each logarithm; framelens reports the plain 4-term G² (the formula in
//! Rayson & Garside and in most corpus-linguistics tools) and names the χ² variant
//! separately. quanteda's Williams correction returns q = 1 as soon as any cell is 0;
//! here q follows the formula whenever it is defined (all four margins non-zero).
//!
//! Everything here is a pure function of integer counts and cannot fail.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// `α_w` for a term whose prior count is zero, so that the log-odds stays finite.
/// 0.01 is the uninformative per-word prior of Hessel's widely used FightingWords
/// implementation of Monroe et al. With the default pooled prior it only matters for
/// a term that occurs in neither corpus (such terms are never tested).
pub const MIN_ALPHA_W: f64 = 0.01;

/// Counts of the 2×2 table as exact integers and as floats.
#[derive(Clone, Copy)]
struct Table {
    a: u64,
    b: u64,
    c: u64,
    d: u64,
}

impl Table {
    fn n(self) -> f64 {
        (self.a as u128 + self.b as u128 + self.c as u128 + self.d as u128) as f64
    }
    /// `ad − bc`, exactly (the numerator of every `O − E`: each cell differs from its
    /// expectation by `±(ad − bc)/N`).
    fn det(self) -> i128 {
        (self.a as i128) * (self.d as i128) - (self.b as i128) * (self.c as i128)
    }
    /// Margins `[a+b, c+d, a+c, b+d]`: the term row, the other-words row, the target
    /// column, the reference column.
    fn margins(self) -> [u128; 4] {
        let (a, b, c, d) = (
            self.a as u128,
            self.b as u128,
            self.c as u128,
            self.d as u128,
        );
        [a + b, c + d, a + c, b + d]
    }
    fn degenerate(self) -> bool {
        self.margins().contains(&0)
    }
}

/// +1 if the term is over-used in the target (`a > E_a`), −1 if under-used, 0 if
/// exactly as expected.
pub fn direction(a: u64, b: u64, c: u64, d: u64) -> f64 {
    match (Table { a, b, c, d }).det().cmp(&0) {
        Ordering::Greater => 1.0,
        Ordering::Less => -1.0,
        Ordering::Equal => 0.0,
    }
}

/// `O ln(O/E)` written as `O ln(1 + (O−E)/E)` with `(O−E)/E = ±(ad−bc)/(row·col)`,
/// which keeps full precision when O is close to E (the large c and d cells).
fn o_ln_o_over_e(o: u64, signed_det: f64, row: u128, col: u128) -> f64 {
    if o == 0 {
        return 0.0;
    }
    o as f64 * (signed_det / (row as f64 * col as f64)).ln_1p()
}

/// G², 4-term log-likelihood (unsigned): `2 Σ O ln(O/E)` over the four cells, with
/// `0 ln 0 = 0`. 0 when a margin of the table is empty.
pub fn g2(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let t = Table { a, b, c, d };
    if t.degenerate() {
        return 0.0;
    }
    let det = t.det() as f64;
    let [ab, cd, ac, bd] = t.margins();
    let sum = o_ln_o_over_e(a, det, ab, ac)
        + o_ln_o_over_e(b, -det, ab, bd)
        + o_ln_o_over_e(c, -det, cd, ac)
        + o_ln_o_over_e(d, det, cd, bd);
    // G² ≥ 0 in exact arithmetic; rounding can leave a tiny negative near 0.
    (2.0 * sum).max(0.0)
}

/// G² signed: `+G²` if the term is over-used in the target (`a > E_a`), `−G²` if
/// under-used.
pub fn g2_signed(a: u64, b: u64, c: u64, d: u64) -> f64 {
    direction(a, b, c, d) * g2(a, b, c, d)
}

/// Williams' (1976) correction factor
/// `q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N)`; 1 when a margin is
/// empty (the formula is undefined there, and G² is 0 anyway).
pub fn williams_q(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let t = Table { a, b, c, d };
    if t.degenerate() {
        return 1.0;
    }
    let n = t.n();
    let [ab, cd, ac, bd] = t.margins().map(|m| m as f64);
    1.0 + (n / ab + n / cd - 1.0) * (n / ac + n / bd - 1.0) / (6.0 * n)
}

/// Williams-corrected G² (unsigned): `G² / q`.
pub fn g2_williams(a: u64, b: u64, c: u64, d: u64) -> f64 {
    g2(a, b, c, d) / williams_q(a, b, c, d)
}

/// G², 2-term form of Rayson & Garside (2000), unsigned, for comparison with tools
/// that use it (the UCREL log-likelihood wizard): `E1 = T(a+b)/(T+R)`,
/// `E2 = R(a+b)/(T+R)`, `G² = 2(a ln(a/E1) + b ln(b/E2))`, `0 ln 0 = 0`. It omits the
/// c and d cells, so it is slightly smaller than the 4-term value.
pub fn g2_two_term(a: u64, target_words: u64, b: u64, reference_words: u64) -> f64 {
    let total = target_words as f64 + reference_words as f64;
    if total == 0.0 {
        return 0.0;
    }
    let ab = a as f64 + b as f64;
    let e1 = target_words as f64 * ab / total;
    let e2 = reference_words as f64 * ab / total;
    let term = |o: u64, e: f64| {
        if o == 0 {
            0.0
        } else {
            o as f64 * (o as f64 / e).ln()
        }
    };
    (2.0 * (term(a, e1) + term(b, e2))).max(0.0)
}

/// p-value of a statistic under χ² with one degree of freedom, `P(χ²₁ > |x|)`.
/// 1 for `x = 0`, NaN for NaN.
///
/// `P(χ²₁ > x) = Q(½, x/2)`, the regularized upper incomplete gamma function
/// (equal to `erfc(√(x/2))`), computed as in the Cephes library's `igamc`
/// (Moshier 1989, *Methods and Programs for Mathematical Functions*; the same
/// algorithm as R's `pchisq(lower = FALSE)` family and scipy's `chdtrc`): for
/// `t = x/2 < 1`, `1 − P(½, t)` from the power series of `P`; otherwise Legendre's
/// continued fraction for `Q`, evaluated by its convergents (renormalized when
/// they grow past 2⁵²) until two successive ones agree to 1e-15. Both are scaled
/// by `e^(½ ln t − t − ln Γ(½))`. This is the computation of statrs 0.18's
/// `ChiSquared::sf` (its `gamma_ur`), written out for `a = ½`, so p-values are
/// the same bits as before statrs was dropped.
///
/// Accuracy, against mpmath at 50 digits (12,000 random x): within 1e-14 relative
/// for x < 100, 4e-14 up to x = 700 and 1.1e-13 up to x = 1,400 (p ≈ 2e-306),
/// where the rounding of `½ ln t − t` near −700 (an ulp of 700 is 1.1e-13)
/// dominates; as good as scipy's `chi2.sf` everywhere, and better below x = 100.
/// `1 − cdf` would round to 0 below p ≈ 1e-16. Below p ≈ 2.2e-308 (x > 1,409) the
/// result is subnormal, with fewer digits; from x ≈ 1,425 (p ≈ 8e-312) it is 0.
pub fn chi2_1_sf(x: f64) -> f64 {
    let x = x.abs();
    if x.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let t = 0.5 * x;
    if t < 1.0 {
        1.0 - gamma_p_half(t)
    } else {
        gamma_q_half(t)
    }
}

/// ln Γ(½) = ln √π = 0.57236494292470008707…, rounded to f64 (statrs' Lanczos
/// `ln_gamma(0.5)` gives the same bits).
const LN_GAMMA_HALF: f64 = 0.572_364_942_924_700_1;

/// Convergence threshold of the series and the continued fraction (Cephes' MACHEP
/// rounded, as in statrs).
const IGAM_EPS: f64 = 1e-15;

/// `e^(½ ln t − t − ln Γ(½))`, the factor in front of both expansions, or `None`
/// when it is below the normal range of f64.
fn igam_factor(t: f64) -> Option<f64> {
    let ax = 0.5 * t.ln() - t - LN_GAMMA_HALF;
    // −ln 2¹⁰²⁴ (Cephes' MAXLOG): below it the factor is subnormal or 0.
    (ax >= -709.782_712_893_384).then(|| ax.exp())
}

/// Lower regularized incomplete gamma `P(½, t)` for `0 < t < 1`, by its power
/// series `P(a, t) = e^(a ln t − t − ln Γ(a)) / a · Σ tⁿ / ((a+1)…(a+n))`.
fn gamma_p_half(t: f64) -> f64 {
    // statrs returns P = 0 for t within 1.1e-15 of 0 (then Q = 1).
    if t <= 1.110_223_024_625_156_5e-15 {
        return 0.0;
    }
    let Some(ax) = igam_factor(t) else {
        return 0.0;
    };
    let (mut r, mut c, mut sum) = (0.5, 1.0, 1.0);
    loop {
        r += 1.0;
        c *= t / r;
        sum += c;
        if c / sum <= IGAM_EPS {
            break;
        }
    }
    ax * sum / 0.5
}

/// Upper regularized incomplete gamma `Q(½, t)` for `t ≥ 1`, by the continued
/// fraction `Q(a, t) = e^(a ln t − t − ln Γ(a)) · 1/(t + 1 − a − 1·(1 − a)/(t + 3 − a − …))`.
fn gamma_q_half(t: f64) -> f64 {
    const BIG: f64 = 4_503_599_627_370_496.0; // 2⁵²
    const BIG_INV: f64 = 2.220_446_049_250_313e-16; // 2⁻⁵²
    let Some(ax) = igam_factor(t) else {
        return 0.0;
    };
    let mut y = 1.0 - 0.5;
    let mut z = t + y + 1.0;
    let mut c = 0.0;
    let (mut pkm2, mut qkm2) = (1.0, t);
    let (mut pkm1, mut qkm1) = (t + 1.0, z * t);
    let mut ans = pkm1 / qkm1;
    loop {
        y += 1.0;
        z += 2.0;
        c += 1.0;
        let yc = y * c;
        let pk = pkm1 * z - pkm2 * yc;
        let qk = qkm1 * z - qkm2 * yc;
        pkm2 = pkm1;
        pkm1 = pk;
        qkm2 = qkm1;
        qkm1 = qk;
        if pk.abs() > BIG {
            pkm2 *= BIG_INV;
            pkm1 *= BIG_INV;
            qkm2 *= BIG_INV;
            qkm1 *= BIG_INV;
        }
        if qk != 0.0 {
            let r = pk / qk;
            let converged = ((ans - r) / r).abs() <= IGAM_EPS;
            ans = r;
            if converged {
                break;
            }
        }
    }
    ans * ax
}

/// quanteda's conditional Yates correction: δ = 0.5 when `|ad − bc| ≥ N/2` and at
/// least one expected cell is below 5, else 0.
pub fn yates_delta(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let t = Table { a, b, c, d };
    if t.degenerate() {
        return 0.0;
    }
    let n = t.n();
    // |ad − bc| ≥ N/2  ⇔  2|ad − bc| ≥ N, compared exactly.
    let n_exact = a as u128 + b as u128 + c as u128 + d as u128;
    let big_enough = 2 * t.det().unsigned_abs() >= n_exact;
    let [ab, cd, ac, bd] = t.margins().map(|m| m as f64);
    let small_cell = [ab * ac, ab * bd, cd * ac, cd * bd]
        .iter()
        .any(|&rc| rc / n < 5.0);
    if big_enough && small_cell {
        0.5
    } else {
        0.0
    }
}

/// Pearson χ² of the 2×2 table with continuity correction δ, unsigned:
/// `N(|ad − bc| − Nδ)² / ((a+b)(c+d)(a+c)(b+d))`. δ = 0 gives the uncorrected
/// statistic, δ = 0.5 Yates' correction applied unconditionally. 0 when a margin is
/// empty.
pub fn chi2_pearson(a: u64, b: u64, c: u64, d: u64, delta: f64) -> f64 {
    let t = Table { a, b, c, d };
    if t.degenerate() {
        return 0.0;
    }
    let n = t.n();
    let dev = t.det().unsigned_abs() as f64 - n * delta;
    let [ab, cd, ac, bd] = t.margins().map(|m| m as f64);
    n * dev * dev / (ab * cd * ac * bd)
}

/// χ² as quanteda.textstats computes it by default: [`chi2_pearson`] with
/// δ = [`yates_delta`], signed like G².
pub fn chi2_quanteda(a: u64, b: u64, c: u64, d: u64) -> f64 {
    direction(a, b, c, d) * chi2_pearson(a, b, c, d, yates_delta(a, b, c, d))
}

/// Log Ratio (Hardie 2014): `log2((a/T)/(b/R))`, the binary log of the ratio of
/// relative frequencies, with a zero count replaced by 0.5 so the value stays finite.
/// +1 means twice as frequent in the target. 0 when either corpus is empty (no
/// relative frequency exists).
pub fn log_ratio(a: u64, target_words: u64, b: u64, reference_words: u64) -> f64 {
    if target_words == 0 || reference_words == 0 {
        return 0.0;
    }
    let adj = |x: u64| if x == 0 { 0.5 } else { x as f64 };
    ((adj(a) * reference_words as f64) / (adj(b) * target_words as f64)).log2()
}

/// Result of [`log_odds_dirichlet`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogOdds {
    /// δ_w, the difference of posterior log-odds (natural log).
    pub delta: f64,
    /// Approximate variance of δ_w.
    pub var: f64,
    /// `δ_w / √var`, the z-score used for ranking.
    pub z: f64,
}

/// Log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
/// "Fightin' Words", Political Analysis 16(4)), group i = target, j = reference:
///
/// `δ_w = ln[(y_i + α_w)/(n_i + α0 − y_i − α_w)] − ln[(y_j + α_w)/(n_j + α0 − y_j − α_w)]`,
/// `Var(δ_w) ≈ 1/(y_i + α_w) + 1/(y_j + α_w)`, `z = δ_w / √Var`.
///
/// This is Monroe et al.'s two-term variance (as in Hessel's FightingWords and
/// tidylo), not Scattertext's four-term variant. `y` are the term's counts, `n` the
/// corpus word counts. The result is not finite when a numerator or denominator is
/// not positive (α_w = 0 with a zero count, or a term that is the entire corpus);
/// [`score_terms`] guards against both.
pub fn log_odds_dirichlet(
    y_i: u64,
    n_i: u64,
    y_j: u64,
    n_j: u64,
    alpha_w: f64,
    alpha0: f64,
) -> LogOdds {
    let side = |y: u64, n: u64| {
        let num = y as f64 + alpha_w;
        // (n − y) first: exact in integers, then the prior mass outside w.
        let den = n.saturating_sub(y) as f64 + (alpha0 - alpha_w);
        (num.ln() - den.ln(), 1.0 / num)
    };
    let (lo_i, v_i) = side(y_i, n_i);
    let (lo_j, v_j) = side(y_j, n_j);
    let delta = lo_i - lo_j;
    let var = v_i + v_j;
    LogOdds {
        delta,
        var,
        z: delta / var.sqrt(),
    }
}

/// Benjamini–Hochberg (1995) adjusted p-values, returned in input order: with the m
/// p-values sorted ascending, `p_adj(k) = min over j ≥ k of m·p(j)/j`, capped at 1.
/// Ties get the same adjusted value whatever their order, so the result is
/// deterministic. NaN inputs are left out of m and come back as NaN. Equal to R's
/// `p.adjust(p, "BH")` and scipy's `false_discovery_control(p)`.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]).then(i.cmp(&j)));
    let m = order.len() as f64;
    let mut out = vec![f64::NAN; p.len()];
    let mut running = f64::INFINITY;
    for (k, &i) in order.iter().enumerate().rev() {
        running = running.min(m * p[i] / (k + 1) as f64);
        // Exactly, the minimum is ≥ p[i] (m/j ≥ 1, p(j) ≥ p(k)); `max` undoes the
        // rounding of m·p/m, so that p_adj ≥ p holds bit for bit.
        out[i] = running.max(p[i]).min(1.0);
    }
    out
}

/// Settings for [`score_terms`].
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessOptions {
    /// A term is tested only when `a + b ≥ min_count` (and always needs `a + b ≥ 1`).
    pub min_count: u64,
    /// Prior strength α0 of the Monroe et al. log-odds; `None` = the prior's size,
    /// so `α_w` = the term's prior count (see [`Prior`]).
    pub alpha0: Option<f64>,
}

impl Default for KeynessOptions {
    fn default() -> Self {
        KeynessOptions {
            min_count: 1,
            alpha0: None,
        }
    }
}

/// Prior counts for the Monroe et al. log-odds: `α_w = α0 · count_w / size`.
///
/// Default `α0 = size`, i.e. `α_w` = the term's count in the prior corpus. Monroe et
/// al. leave α0 as the analyst's choice of how strongly to shrink toward the prior;
/// α0 = size is what the common implementations of their informative prior do
/// (Hessel's FightingWords and Kawintiranon's log-odds-ratio with a background
/// corpus: `α_w` = background count, `α0` = its total; tidylo: `α_w` = the word's
/// total count). It shrinks rare terms strongly and lets frequent ones speak.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Prior<'a> {
    /// The pooled corpus of the comparison: count_w = a + b, size = T + R.
    Pooled,
    /// Counts index-aligned with the terms, and the prior corpus' word count (its WC,
    /// not the sum of the listed counts, which may omit stopwords).
    Counts { counts: &'a [u64], size: u64 },
}

/// All scores of one term. Index-aligned with the input of [`score_terms`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermScores {
    /// Count in the target.
    pub a: u64,
    /// Count in the reference.
    pub b: u64,
    /// G² 4-term, signed.
    pub g2: f64,
    /// Williams-corrected G², signed.
    pub g2_williams: f64,
    /// p of G² under χ²(1).
    pub p: f64,
    /// Benjamini–Hochberg adjusted `p` over the tested terms; NaN when not tested.
    pub p_adj: f64,
    /// χ² with quanteda's conditional Yates correction, signed.
    pub chi2: f64,
    /// p of χ² under χ²(1).
    pub chi2_p: f64,
    /// Benjamini–Hochberg adjusted `chi2_p` over the tested terms; NaN when not tested.
    pub chi2_p_adj: f64,
    /// Log Ratio (Hardie), log2.
    pub log_ratio: f64,
    /// Monroe et al. δ (natural log).
    pub log_odds: f64,
    /// Monroe et al. z-score.
    pub z: f64,
    /// `a + b ≥ max(min_count, 1)`: the term takes part in the BH adjustment.
    pub tested: bool,
}

/// Scores every term of one comparison (target vs reference); the result is
/// index-aligned with `counts` (`(a, b)` per term).
///
/// Every term gets every score; only tested terms (`a + b ≥ max(min_count, 1)`) enter
/// the Benjamini–Hochberg adjustment, which runs over the G² p-values (and separately
/// over the χ² p-values). Untested terms get `p_adj = chi2_p_adj = NaN`: "not tested"
/// is not the same as "not significant", and NaN cannot be mistaken for a p-value.
///
/// A log-odds that is undefined (a term that is the entire pooled corpus, so both
/// posterior odds are infinite) is reported as δ = z = 0: there is no difference.
///
/// # Panics
/// If `Prior::Counts` has a different length from `counts` (a caller bug).
pub fn score_terms(
    counts: &[(u64, u64)],
    target_words: u64,
    reference_words: u64,
    prior: Prior<'_>,
    opts: &KeynessOptions,
) -> Vec<TermScores> {
    let (prior_counts, prior_size) = match prior {
        Prior::Pooled => (None, target_words as f64 + reference_words as f64),
        Prior::Counts { counts: pc, size } => {
            assert_eq!(
                pc.len(),
                counts.len(),
                "prior counts must align with the terms"
            );
            (Some(pc), size as f64)
        }
    };
    let alpha0 = opts.alpha0.unwrap_or(prior_size);
    let min_count = opts.min_count.max(1);

    let mut scores: Vec<TermScores> = counts
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let c = target_words.saturating_sub(a);
            let d = reference_words.saturating_sub(b);
            let g = g2_signed(a, b, c, d);
            let chi2 = chi2_quanteda(a, b, c, d);
            let prior_w = prior_counts.map_or(a as f64 + b as f64, |pc| pc[i] as f64);
            let alpha_w = match opts.alpha0 {
                _ if prior_w == 0.0 || prior_size == 0.0 => MIN_ALPHA_W,
                None => prior_w,
                Some(a0) => a0 * prior_w / prior_size,
            };
            let lo = log_odds_dirichlet(a, target_words, b, reference_words, alpha_w, alpha0);
            let (log_odds, z) = if lo.delta.is_finite() && lo.z.is_finite() {
                (lo.delta, lo.z)
            } else {
                (0.0, 0.0)
            };
            TermScores {
                a,
                b,
                g2: g,
                g2_williams: g / williams_q(a, b, c, d),
                p: chi2_1_sf(g),
                p_adj: f64::NAN,
                chi2,
                chi2_p: chi2_1_sf(chi2),
                chi2_p_adj: f64::NAN,
                log_ratio: log_ratio(a, target_words, b, reference_words),
                log_odds,
                z,
                tested: a.saturating_add(b) >= min_count,
            }
        })
        .collect();

    let tested: Vec<usize> = (0..scores.len()).filter(|&i| scores[i].tested).collect();
    let p: Vec<f64> = tested.iter().map(|&i| scores[i].p).collect();
    let chi2_p: Vec<f64> = tested.iter().map(|&i| scores[i].chi2_p).collect();
    for ((&i, p_adj), chi2_p_adj) in tested
        .iter()
        .zip(benjamini_hochberg(&p))
        .zip(benjamini_hochberg(&chi2_p))
    {
        scores[i].p_adj = p_adj;
        scores[i].chi2_p_adj = chi2_p_adj;
    }
    scores
}

/// The score a keyness table is ranked by (`--measure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Measure {
    /// Signed 4-term G².
    #[default]
    G2,
    /// Log Ratio (Hardie 2014).
    LogRatio,
    /// Monroe et al. z-score of the log-odds ratio.
    LogOdds,
    /// Signed χ² with quanteda's conditional Yates correction.
    Chi2,
}

impl Measure {
    /// Every measure, in the order of the CLI help.
    pub const ALL: [Measure; 4] = [
        Measure::G2,
        Measure::LogRatio,
        Measure::LogOdds,
        Measure::Chi2,
    ];

    /// The value this measure ranks by.
    pub fn score(self, s: &TermScores) -> f64 {
        match self {
            Measure::G2 => s.g2,
            Measure::LogRatio => s.log_ratio,
            Measure::LogOdds => s.z,
            Measure::Chi2 => s.chi2,
        }
    }

    /// The CLI name (`--measure`), also used as a column name.
    pub fn name(self) -> &'static str {
        match self {
            Measure::G2 => "g2",
            Measure::LogRatio => "logratio",
            Measure::LogOdds => "logodds",
            Measure::Chi2 => "chi2",
        }
    }

    /// A human-readable label for reports and chart axes.
    pub fn label(self) -> &'static str {
        match self {
            Measure::G2 => "G² log-likelihood (signed)",
            Measure::LogRatio => "Log Ratio (log2)",
            Measure::LogOdds => "log-odds z (Monroe et al.)",
            Measure::Chi2 => "χ² (signed)",
        }
    }

    /// The formula and its reference, for report headers and the manifest.
    pub fn formula(self) -> &'static str {
        match self {
            Measure::G2 => {
                "G2 = ±2·Σ O·ln(O/E) over the 4 cells of the 2×2 table (0·ln 0 = 0), \
                 + if over-used in the target; p from χ²(1), BH-adjusted \
                 (Dunning 1993; Rayson & Garside 2000)"
            }
            Measure::LogRatio => {
                "Log Ratio = log2((a/T)/(b/R)), a zero count replaced by 0.5 (Hardie 2014)"
            }
            Measure::LogOdds => {
                "z = δ/√Var, δ = ln[(a+α_w)/(T+α0−a−α_w)] − ln[(b+α_w)/(R+α0−b−α_w)], \
                 Var = 1/(a+α_w) + 1/(b+α_w), α_w = pooled count of w, α0 = pooled words \
                 (Monroe, Colaresi & Quinn 2008)"
            }
            Measure::Chi2 => {
                "χ2 = ±N(|ad−bc| − Nδ)²/((a+b)(c+d)(a+c)(b+d)), δ = 0.5 if |ad−bc| ≥ N/2 \
                 and an expected cell < 5, else 0 (quanteda textstat_keyness default)"
            }
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Measure {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Measure::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown keyness measure '{s}' (expected g2, logratio, logodds or chi2)"
                ))
            })
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn yates_applies_from_half_the_sample_size() {
        // |ad − bc| = 11 of N = 20: at least N/2, below N − 2; a small expected
        // cell (1·9/20): δ = 0.5. |ad − bc| = 8 < N/2: δ = 0.
        assert_eq!(yates_delta(1, 0, 8, 11), 0.5);
        assert_eq!(yates_delta(1, 1, 5, 13), 0.0);
    }

    use super::*;
    use proptest::prelude::*;

    /// `|x − want| ≤ tol`, with a message naming the quantity.
    #[track_caller]
    fn close(what: &str, x: f64, want: f64, tol: f64) {
        assert!(
            (x - want).abs() <= tol,
            "{what}: got {x}, want {want} ± {tol}"
        );
    }

    /// Counts of one term in the (a, T, b, R) form of docs/METHODS.md.
    fn cells(a: u64, t: u64, b: u64, r: u64) -> (u64, u64, u64, u64) {
        (a, b, t - a, r - b)
    }

    // docs/METHODS.md worked example 1: a = 12 in 1,000 vs b = 3 in 4,000.
    #[test]
    fn worked_example_12_in_1000_vs_3_in_4000() {
        let (a, b, c, d) = cells(12, 1000, 3, 4000);
        close("G² 4-term", g2(a, b, c, d), 25.055, 5e-4);
        close("G² signed", g2_signed(a, b, c, d), 25.055, 5e-4);
        close("G² Williams", g2_williams(a, b, c, d), 23.674, 5e-4);
        close("G² 2-term", g2_two_term(12, 1000, 3, 4000), 24.95, 5e-3);
        close("χ² raw", chi2_pearson(a, b, c, d, 0.0), 33.852, 5e-4);
        close("χ² Yates", chi2_pearson(a, b, c, d, 0.5), 30.195, 5e-4);
        // E_a = 15·1000/5000 = 3 < 5 and |ad − bc| = 45,000 ≥ N/2 = 2,500: quanteda's
        // rule applies the correction here.
        assert_eq!(yates_delta(a, b, c, d), 0.5);
        close("χ² quanteda", chi2_quanteda(a, b, c, d), 30.195, 5e-4);
        assert_eq!(log_ratio(12, 1000, 3, 4000), 4.0);
    }

    // docs/METHODS.md worked example 2: 30 per 1,000 vs 10 per 1,000.
    #[test]
    fn worked_example_30_vs_10_per_1000() {
        let (a, b, c, d) = cells(30, 1000, 10, 1000);
        close("G² 4-term", g2_signed(a, b, c, d), 10.669, 5e-4);
        close("G² 2-term", g2_two_term(30, 1000, 10, 1000), 10.465, 5e-4);
        close("χ² raw", chi2_pearson(a, b, c, d, 0.0), 10.204, 5e-4);
        // Smallest expected cell is E_a = E_b = 20: no correction.
        assert_eq!(yates_delta(a, b, c, d), 0.0);
        close("χ² quanteda", chi2_quanteda(a, b, c, d), 10.204, 5e-4);
        close("log ratio", log_ratio(30, 1000, 10, 1000), 1.585, 5e-4);
    }

    #[test]
    fn williams_q_by_hand() {
        // N = 5000: q = 1 + (5000/15 + 5000/4985 − 1)(5000/1000 + 5000/4000 − 1)/30000.
        let want = 1.0 + (5000.0 / 15.0 + 5000.0 / 4985.0 - 1.0) * (5.0 + 1.25 - 1.0) / 30000.0;
        close("q", williams_q(12, 3, 988, 3997), want, 1e-15);
    }

    #[test]
    fn yates_needs_both_conditions() {
        // Small expected cells but |ad − bc| < N/2: a = 1 in 1000 vs b = 1 in 1001.
        // ad − bc = 1·1000 − 1·999 = 1 < N/2.
        let (a, b, c, d) = cells(1, 1000, 1, 1001);
        assert_eq!(yates_delta(a, b, c, d), 0.0);
        // Large deviation but all expected cells ≥ 5 (example 2) is covered above.
    }

    #[test]
    fn zero_in_reference_is_finite() {
        // a = 5 in 1000, b = 0 in 1000. Oracle: 2Σ O ln(O/E) over the 3 non-zero cells
        // and erfc(√(G²/2)), with mpmath at 50 digits. (Plain f64 Python gives
        // 6.944003147039047, 3e-14 off: the c and d cells cancel.)
        let (a, b, c, d) = cells(5, 1000, 0, 1000);
        close("G²", g2_signed(a, b, c, d), 6.944003147039268, 1e-14);
        close("p", chi2_1_sf(g2(a, b, c, d)), 0.008410069063442366, 1e-16);
        // 0.5 replaces the zero: log2((5/1000)/(0.5/1000)) = log2 10.
        close(
            "log ratio",
            log_ratio(5, 1000, 0, 1000),
            10f64.log2(),
            1e-15,
        );
        let s = score_terms(
            &[(5, 0)],
            1000,
            1000,
            Prior::Pooled,
            &KeynessOptions::default(),
        );
        assert!(s[0].z.is_finite() && s[0].z > 0.0);
    }

    #[test]
    fn zero_in_target_is_negative() {
        let (a, b, c, d) = cells(0, 1000, 5, 1000);
        close("G²", g2_signed(a, b, c, d), -6.944003147039268, 1e-14);
        close(
            "log ratio",
            log_ratio(0, 1000, 5, 1000),
            -(10f64.log2()),
            1e-15,
        );
        assert!(chi2_quanteda(a, b, c, d) < 0.0);
        let s = score_terms(
            &[(0, 5)],
            1000,
            1000,
            Prior::Pooled,
            &KeynessOptions::default(),
        );
        assert!(s[0].z < 0.0 && s[0].log_odds < 0.0);
    }

    #[test]
    fn identical_corpora_score_zero() {
        let s = score_terms(
            &[(7, 7), (1, 1), (993, 993)],
            1000,
            1000,
            Prior::Pooled,
            &KeynessOptions::default(),
        );
        for t in &s {
            assert_eq!(t.g2, 0.0);
            assert_eq!(t.g2_williams, 0.0);
            assert_eq!(t.chi2, 0.0);
            assert_eq!(t.p, 1.0);
            assert_eq!(t.chi2_p, 1.0);
            assert_eq!(t.p_adj, 1.0);
            assert_eq!(t.log_ratio, 0.0);
            assert_eq!(t.z, 0.0);
            assert!(t.tested);
        }
    }

    #[test]
    fn one_word_corpus() {
        // Target is the single word "x"; reference 1000 other words.
        // G² = 2(1·ln(1/E_a) + 1000·ln(1000/E_d)), E_a = 1/1001, E_d = 10⁶/1001
        //    = 2(ln 1001 + 1000 ln(1.001)).
        let want = 2.0 * (1001f64.ln() + 1000.0 * 1.001f64.ln());
        close("G²", g2_signed(1, 0, 0, 1000), want, 1e-12);
        // One word against one identical word: nothing to see.
        assert_eq!(g2_signed(1, 1, 0, 0), 0.0);
        let s = score_terms(&[(1, 1)], 1, 1, Prior::Pooled, &KeynessOptions::default());
        assert_eq!(
            (s[0].g2, s[0].p, s[0].log_ratio, s[0].z),
            (0.0, 1.0, 0.0, 0.0)
        );
        // The whole pooled corpus is this one term: log-odds undefined → reported 0.
        let s = score_terms(&[(1, 0)], 1, 0, Prior::Pooled, &KeynessOptions::default());
        assert_eq!(
            (s[0].g2, s[0].chi2, s[0].log_ratio, s[0].z),
            (0.0, 0.0, 0.0, 0.0)
        );
        assert!(s[0].g2_williams == 0.0 && s[0].p == 1.0);
    }

    #[test]
    fn empty_margins_are_zero_not_nan() {
        for (a, b, c, d) in [(0, 0, 10, 20), (0, 0, 0, 0), (3, 4, 0, 0), (3, 0, 5, 0)] {
            assert_eq!(g2(a, b, c, d), 0.0);
            assert_eq!(chi2_quanteda(a, b, c, d), 0.0);
            assert_eq!(williams_q(a, b, c, d), 1.0);
            assert_eq!(g2_williams(a, b, c, d), 0.0);
        }
        assert_eq!(g2_two_term(0, 0, 0, 0), 0.0);
        assert_eq!(log_ratio(3, 0, 1, 10), 0.0);
    }

    #[test]
    fn chi2_1_sf_matches_scipy_and_mpmath() {
        // erfc(√(x/2)) to 40 digits with mpmath, rounded to f64; tolerance 1e-13 relative.
        for (x, want) in [
            (0.5, 0.4795001221869535),
            (3.84, 0.0500435212487051),
            (6.944003147039047, 0.008410069063443404),
            (25.055, 5.571808700021823e-07),
            // Far in the tail, where 1 − cdf is 0.
            (200.0, 2.088487583762545e-45),
            (1000.0, 1.7958327848007262e-219),
        ] {
            close(&format!("sf({x})"), chi2_1_sf(x), want, 1e-13 * want);
        }
        assert_eq!(chi2_1_sf(0.0), 1.0);
        assert_eq!(chi2_1_sf(-3.84), chi2_1_sf(3.84));
    }

    #[test]
    fn chi2_1_sf_matches_scipy_to_1e_12_into_the_far_tail() {
        // scipy 1.17 `chi2.sf(x, 1)` (Cephes `chdtrc`); tolerance 1e-12 relative.
        // Where scipy itself is off (mpmath at 50 digits: x = 1, 2 and 200 are
        // 9e-15, 2.6e-14 and 1.2e-14 away), framelens is as close or closer.
        let cases = [
            (1e-10, 0.9999920211543921),
            (0.001, 0.9747728793699604),
            (0.5, 0.47950012218695337),
            (1.0, 0.31731050786291115),
            (1.9999999999999998, 0.15729920705028108),
            (2.0, 0.15729920705028105),
            (3.841458820694124, 0.04999999999999989),
            (10.0, 0.001565402258002549),
            (25.055, 5.571808700021823e-07),
            (100.0, 1.5239706048320995e-23),
            (200.0, 2.0884875837625688e-45),
            (500.0, 9.505397766554137e-111),
            (700.0, 2.990226975124623e-154),
            (1000.0, 1.7958327848007363e-219),
            (1200.0, 6.099568814808675e-263),
            (1300.0, 1.1303728441493301e-284),
            (1400.0, 2.1010145162644003e-306),
        ];
        for (x, want) in cases {
            let got = chi2_1_sf(x);
            assert!(
                (got - want).abs() <= 1e-12 * want,
                "sf({x}): got {got:e}, scipy {want:e}, rel {:e}",
                (got - want).abs() / want
            );
        }
        // The two branches (series below x = 2, continued fraction from it) meet
        // within 5e-15 relative (each is within 3e-15 of mpmath's 0.157299207050285).
        let (below, at) = (chi2_1_sf(2f64.next_down()), chi2_1_sf(2.0));
        assert!((below - at).abs() / at < 5e-15, "{below:e} {at:e}");
        // Below the normal range: subnormal, then 0 (scipy: 7.8e-312 at 1424.98).
        assert!(chi2_1_sf(1420.0) > 0.0 && chi2_1_sf(1420.0) < f64::MIN_POSITIVE);
        assert_eq!(chi2_1_sf(1425.0), 0.0);
        assert_eq!(chi2_1_sf(f64::INFINITY), 0.0);
        assert!(chi2_1_sf(f64::NAN).is_nan());
        // Decreasing over the whole range.
        let mut last = 1.0;
        for i in 1..3000 {
            let p = chi2_1_sf(i as f64 * 0.5);
            assert!(p <= last, "not decreasing at {}", i as f64 * 0.5);
            last = p;
        }
    }

    #[test]
    fn log_odds_by_hand() {
        // y_i = 10 of 100, y_j = 2 of 100, pooled prior: α_w = 12, α0 = 200.
        // δ = ln(22/278) − ln(14/286), Var = 1/22 + 1/14 (values from Python).
        let lo = log_odds_dirichlet(10, 100, 2, 100, 12.0, 200.0);
        close("δ", lo.delta, 0.4803558208722727, 1e-14);
        close("Var", lo.var, 0.11688311688311688, 1e-15);
        close("z", lo.z, 1.405035073810234, 1e-14);
        let s = score_terms(
            &[(10, 2)],
            100,
            100,
            Prior::Pooled,
            &KeynessOptions::default(),
        );
        close("z pooled", s[0].z, 1.405035073810234, 1e-14);
        close("δ pooled", s[0].log_odds, 0.4803558208722727, 1e-14);
        // The same prior given explicitly.
        let prior = Prior::Counts {
            counts: &[12],
            size: 200,
        };
        let s2 = score_terms(&[(10, 2)], 100, 100, prior, &KeynessOptions::default());
        assert_eq!(s2[0].z, s[0].z);
        // α0 = 50: α_w = 50·12/200 = 3; δ = ln(13/137) − ln(5/145), Var = 1/13 + 1/5.
        let opts = KeynessOptions {
            min_count: 1,
            alpha0: Some(50.0),
        };
        let s3 = score_terms(&[(10, 2)], 100, 100, Prior::Pooled, &opts);
        close("δ α0=50", s3[0].log_odds, 1.0122642616198858, 1e-14);
        close("z α0=50", s3[0].z, 1.9235980580085303, 1e-14);
    }

    #[test]
    fn zero_prior_uses_floor() {
        // A prior that never saw the term: α_w = MIN_ALPHA_W keeps δ finite.
        let prior = Prior::Counts {
            counts: &[0],
            size: 500,
        };
        let s = score_terms(&[(4, 0)], 100, 100, prior, &KeynessOptions::default());
        let want = ((4.0 + 0.01) / (96.0 + 500.0 - 0.01f64)).ln()
            - (0.01 / (100.0 + 500.0 - 0.01f64)).ln();
        close("δ", s[0].log_odds, want, 1e-12);
    }

    #[test]
    fn benjamini_hochberg_by_hand() {
        // Sorted: 0.005, 0.01, 0.03, 0.04, 0.5; m·p/k = 0.025, 0.025, 0.05, 0.05, 0.5;
        // running minimum from the top gives the same. scipy's false_discovery_control
        // returns [0.025, 0.05, 0.05, 0.025, 0.5] too.
        let adj = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.5]);
        let want = [0.025, 0.05, 0.05, 0.025, 0.5];
        for (x, w) in adj.iter().zip(want) {
            close("bh", *x, w, 1e-15);
        }
        // Step-up: a larger p later lowers an earlier adjusted value.
        // 0.9·2/1 = 1.8 → min(1.8, 0.95) = 0.95.
        assert_eq!(benjamini_hochberg(&[0.9, 0.95]), vec![0.95, 0.95]);
        // Ties share a value.
        assert_eq!(
            benjamini_hochberg(&[0.02, 0.02, 0.02]),
            vec![0.02, 0.02, 0.02]
        );
        // Cap at 1 (only reachable with p > 1, which a caller should never pass).
        assert_eq!(benjamini_hochberg(&[1.5]), vec![1.0]);
        assert!(benjamini_hochberg(&[]).is_empty());
        // NaN stays NaN and does not count in m.
        let adj = benjamini_hochberg(&[0.01, f64::NAN, 0.02]);
        assert!(adj[1].is_nan());
        assert_eq!((adj[0], adj[2]), (0.02, 0.02));
    }

    #[test]
    fn score_terms_min_count_and_bh() {
        // T = R = 1000. Term 2 (a + b = 2) is below min_count 3: untested, p_adj NaN,
        // but still scored. Term 3 (a + b = 0) is never tested.
        let counts = [(30, 10), (12, 3), (2, 0), (0, 0)];
        let opts = KeynessOptions {
            min_count: 3,
            alpha0: None,
        };
        let s = score_terms(&counts, 1000, 1000, Prior::Pooled, &opts);
        assert_eq!(
            s.iter().map(|t| t.tested).collect::<Vec<_>>(),
            [true, true, false, false]
        );
        assert!(s[2].p_adj.is_nan() && s[2].chi2_p_adj.is_nan() && s[2].g2 > 0.0);
        assert!(s[3].p_adj.is_nan());
        // BH over the two tested p-values.
        let bh = benjamini_hochberg(&[s[0].p, s[1].p]);
        assert_eq!((s[0].p_adj, s[1].p_adj), (bh[0], bh[1]));
        let bh = benjamini_hochberg(&[s[0].chi2_p, s[1].chi2_p]);
        assert_eq!((s[0].chi2_p_adj, s[1].chi2_p_adj), (bh[0], bh[1]));
        // Index-aligned with the input; every field from its own function.
        let (a, b, c, d) = cells(30, 1000, 10, 1000);
        assert_eq!((s[0].a, s[0].b), (30, 10));
        assert_eq!(s[0].g2, g2_signed(a, b, c, d));
        assert_eq!(
            s[0].g2_williams,
            g2_signed(a, b, c, d) / williams_q(a, b, c, d)
        );
        assert_eq!(s[0].p, chi2_1_sf(g2(a, b, c, d)));
        assert_eq!(s[0].chi2, chi2_quanteda(a, b, c, d));
        assert_eq!(s[0].log_ratio, log_ratio(30, 1000, 10, 1000));
        // min_count 0 still skips a + b = 0.
        let opts = KeynessOptions {
            min_count: 0,
            alpha0: None,
        };
        let s = score_terms(&counts, 1000, 1000, Prior::Pooled, &opts);
        assert!(s[2].tested && !s[3].tested);
    }

    #[test]
    fn measure_parse_and_score() {
        for m in Measure::ALL {
            assert_eq!(m.name().parse::<Measure>().unwrap(), m);
            assert_eq!(m.to_string(), m.name());
            assert!(!m.formula().is_empty() && !m.label().is_empty());
        }
        let err = "G2x".parse::<Measure>().unwrap_err().to_string();
        assert!(err.contains("G2x") && err.contains("logodds"), "{err}");
        let s = score_terms(
            &[(30, 10)],
            1000,
            1000,
            Prior::Pooled,
            &KeynessOptions::default(),
        );
        assert_eq!(Measure::G2.score(&s[0]), s[0].g2);
        assert_eq!(Measure::LogRatio.score(&s[0]), s[0].log_ratio);
        assert_eq!(Measure::LogOdds.score(&s[0]), s[0].z);
        assert_eq!(Measure::Chi2.score(&s[0]), s[0].chi2);
        assert_eq!(Measure::default(), Measure::G2);
    }

    /// Relative-or-absolute closeness for property tests.
    fn near(x: f64, y: f64) -> bool {
        (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
    }

    proptest! {
        #[test]
        fn swapping_target_and_reference_flips_sign(
            a in 0u64..500, b in 0u64..500, extra_t in 0u64..5000, extra_r in 0u64..5000,
        ) {
            let (t, r) = (a + extra_t, b + extra_r);
            let fwd = score_terms(&[(a, b)], t, r, Prior::Pooled, &KeynessOptions::default());
            let rev = score_terms(&[(b, a)], r, t, Prior::Pooled, &KeynessOptions::default());
            let (f, v) = (fwd[0], rev[0]);
            prop_assert!(near(f.g2, -v.g2), "g2 {} {}", f.g2, v.g2);
            prop_assert!(near(f.chi2, -v.chi2), "chi2 {} {}", f.chi2, v.chi2);
            prop_assert!(near(f.log_ratio, -v.log_ratio), "lr {} {}", f.log_ratio, v.log_ratio);
            prop_assert!(near(f.z, -v.z), "z {} {}", f.z, v.z);
            prop_assert!(near(f.p, v.p));
            prop_assert!(f.g2 >= 0.0 || f.log_ratio <= 0.0 || a == 0 || b == 0 || t == 0 || r == 0);
        }

        #[test]
        fn g2_is_non_negative_and_p_in_unit_interval(
            a in 0u64..1000, b in 0u64..1000, c in 0u64..100_000, d in 0u64..100_000,
        ) {
            let g = g2(a, b, c, d);
            prop_assert!(g >= 0.0 && g.is_finite());
            let p = chi2_1_sf(g);
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!(chi2_pearson(a, b, c, d, yates_delta(a, b, c, d)).is_finite());
        }

        #[test]
        fn bh_is_monotone_and_not_below_p(p in proptest::collection::vec(0.0f64..=1.0, 0..60)) {
            let adj = benjamini_hochberg(&p);
            prop_assert_eq!(adj.len(), p.len());
            for i in 0..p.len() {
                prop_assert!(adj[i] >= p[i] && adj[i] <= 1.0);
                for j in 0..p.len() {
                    if p[i] <= p[j] {
                        prop_assert!(adj[i] <= adj[j]);
                    }
                }
            }
        }
    }
}
