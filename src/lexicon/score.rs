//! Lexicon scores per unit (a source, or an article).
//!
//! For a unit with WC word tokens (`Analyzed::wc`, all word tokens, stopwords
//! included) and a category c:
//! - hits = number of matches of c (a phrase is one hit);
//! - rate per 1,000 words = 1000 · hits / WC;
//! - LIWC-style percent = 100 · covered / WC, where covered = word tokens that
//!   match ≥ 1 entry of c (a phrase covers each of its tokens; LIWC 2015 manual,
//!   "percentage of total words");
//! - 95% confidence intervals of both by a percentile bootstrap over sentences
//!   (Efron & Tibshirani 1993, ch. 13): the unit's sentences are resampled with
//!   replacement B = [`DEFAULT_RESAMPLES`] times, each resample giving
//!   1000·Σhits/ΣWC and 100·Σcovered/ΣWC; the interval is the 2.5th and 97.5th
//!   percentiles (linear interpolation between order statistics, R's type 7).
//!   The sentences are put in a canonical order (by content) before resampling,
//!   so the interval does not depend on the order in which articles were merged.
//!   The generator is SplitMix64 (Steele, Lea & Flood 2014), seeded per unit with
//!   SplitMix64(seed XOR FNV-1a(unit name)); the default seed is [`DEFAULT_SEED`].
//!   A resample is n uniform picks of a sentence, or, for units with many
//!   sentences per distinct word count (the sources of a large corpus), the
//!   same distribution drawn by groups: a binomial count of picks among the
//!   sentences with a hit, and a multinomial split of the rest among the
//!   word counts of the sentences without one (see `Draw`). Cost: O(B ·
//!   min(sentences, word counts + picks of hit sentences)) per unit.
//!   A unit of at least [`CLUSTER_MIN_ARTICLES`] articles (a source of an
//!   archive) is resampled by articles instead (a cluster bootstrap: each
//!   resample is n of its articles drawn with replacement, the rate
//!   1000·Σhits/ΣWC over them; same draws, same canonical order), since the
//!   words and sentences of one article are not independent. A category with
//!   no hit in the unit gets the exact Poisson interval (Garwood 1936) instead,
//!   0 to −ln(α/2) = χ²₁₋α/₂(2)/2 hits (3.689 at 95%: 1.88 per 1,000 in 1,967
//!   words), and the same bound on covered words for the percent. Every
//!   interval names its method ([`CiMethod`]);
//! - G² (4-term log-likelihood, Dunning 1993; signed: + when the unit uses c
//!   more than the rest) of the unit against all other units together:
//!   a = hits in the unit, b = hits in the rest, c = WC(unit) − a,
//!   d = WC(rest) − b; G² = 2 Σ O ln(O/E) and p = P(χ²₁ > |G²|), both from
//!   `stats::keyness` (`g2_signed`, `chi2_1_sf`: the one definition of each).
//!   A unit with no rest (only one unit) gets G² = 0, p = 1.
//!
//! Also per unit: hits by voice, and a category × actor matrix of hits
//! ("who is called what"; the last column counts hits with no target).

use std::collections::BTreeMap;
use std::ops::AddAssign;

use rand_distr::{Binomial, Distribution};
use rayon::prelude::*;

use super::matcher::Hit;
use super::model::Lexicon;
use super::voice::Voice;
use crate::analyze::Analyzed;
use crate::stats::keyness::{chi2_1_sf, g2_signed};
use crate::stats::rng::SplitMix64;

/// Bootstrap resamples: 2,000 is Efron & Tibshirani's recommendation for
/// percentile intervals (≥ 1,000); the Monte Carlo error of a 2.5% quantile is
/// then small next to the interval's width.
pub const DEFAULT_RESAMPLES: u32 = 2000;
/// Default bootstrap seed (any fixed value; this one is documented in reports).
pub const DEFAULT_SEED: u64 = 20_221_207;

/// One category's counts in one sentence (only non-zero cells are stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct SentenceCell {
    /// Sentence index within the unit.
    pub sentence: u32,
    pub category: u16,
    pub hits: u32,
    pub covered: u32,
}

/// The integer counts of the lexicon in one article; `+=` merges articles into a
/// source (counts are a monoid; sentences are appended).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLexStats {
    pub wc: u64,
    /// Per category.
    pub hits: Vec<u64>,
    /// Word tokens covered, per category.
    pub covered: Vec<u64>,
    /// Per category × voice (`Voice::index`).
    pub voice: Vec<[u64; 4]>,
    /// Per category × (actor, then "no target"): index `c * (n_actors + 1) + a`.
    pub actors: Vec<u64>,
    /// Word count of every sentence.
    pub sentence_wc: Vec<u32>,
    /// Non-zero (sentence, category) counts, sorted by sentence then category.
    pub cells: Vec<SentenceCell>,
    /// Audit: (category, entry, matched form) → count.
    pub forms: BTreeMap<(u16, u32, String), u64>,
    /// Per-article totals of a sum of articles (a source), for the cluster
    /// bootstrap; empty for a single article (see [`ArticleLexStats::parts`]).
    pub articles: Vec<ArticleCells>,
}

/// One article's word count and non-zero (category, hits, covered) counts: the
/// unit the cluster bootstrap resamples (`sentence` holds 0).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ArticleCells {
    pub wc: u32,
    pub cells: Vec<SentenceCell>,
}

impl ArticleLexStats {
    /// Empty counts shaped for `lex`.
    pub fn empty(lex: &Lexicon) -> ArticleLexStats {
        let k = lex.categories.len();
        ArticleLexStats {
            hits: vec![0; k],
            covered: vec![0; k],
            voice: vec![[0; 4]; k],
            actors: vec![0; k * (lex.actors.len() + 1)],
            ..Default::default()
        }
    }

    /// Counts the hits of one article (`find_hits` on the same text).
    pub fn from_hits(lex: &Lexicon, analyzed: &Analyzed, hits: &[Hit]) -> ArticleLexStats {
        let mut s = ArticleLexStats::empty(lex);
        let na = lex.actors.len() + 1;
        s.wc = analyzed.wc() as u64;
        s.sentence_wc = vec![0; analyzed.sentences.len()];
        for t in &analyzed.tokens {
            if let Some(w) = s.sentence_wc.get_mut(t.sentence as usize) {
                *w += 1;
            }
        }
        let mut cells: BTreeMap<(u32, u16), (u32, u32)> = BTreeMap::new();
        for h in hits {
            let c = h.category as usize;
            s.hits[c] += 1;
            s.covered[c] += h.len() as u64;
            s.voice[c][h.voice.index()] += 1;
            s.actors[c * na + h.target.map_or(na - 1, |a| a as usize)] += 1;
            let cell = cells.entry((h.sentence, h.category)).or_default();
            cell.0 += 1;
            cell.1 += h.len() as u32;
            *s.forms
                .entry((h.category, h.entry, h.form(analyzed)))
                .or_default() += 1;
        }
        s.cells = cells
            .into_iter()
            .map(|((sentence, category), (hits, covered))| SentenceCell {
                sentence,
                category,
                hits,
                covered,
            })
            .collect();
        s
    }

    pub fn sentences(&self) -> usize {
        self.sentence_wc.len()
    }

    /// This article's totals as one cluster.
    fn totals(&self) -> ArticleCells {
        let cells = (0..self.hits.len())
            .filter_map(|c| {
                let hits = self.hits.get(c).copied().unwrap_or(0);
                let covered = self.covered.get(c).copied().unwrap_or(0);
                (hits > 0 || covered > 0).then(|| SentenceCell {
                    sentence: 0,
                    category: u16::try_from(c).unwrap_or(u16::MAX),
                    hits: u32::try_from(hits).unwrap_or(u32::MAX),
                    covered: u32::try_from(covered).unwrap_or(u32::MAX),
                })
            })
            .collect();
        ArticleCells {
            wc: u32::try_from(self.wc).unwrap_or(u32::MAX),
            cells,
        }
    }

    /// The articles summed into these counts, each as (word count, counts): the
    /// recorded ones of a sum, or these counts as one article (none when empty).
    pub fn parts(&self) -> Vec<ArticleCells> {
        if !self.articles.is_empty() {
            self.articles.clone()
        } else if self.wc > 0 {
            vec![self.totals()]
        } else {
            Vec::new()
        }
    }

    /// Number of articles (with words) summed into these counts.
    pub fn n_articles(&self) -> usize {
        if self.articles.is_empty() {
            usize::from(self.wc > 0)
        } else {
            self.articles.len()
        }
    }
}

impl AddAssign<&ArticleLexStats> for ArticleLexStats {
    fn add_assign(&mut self, o: &ArticleLexStats) {
        if self.articles.is_empty() && self.wc > 0 {
            self.articles.push(self.totals());
        }
        if o.articles.is_empty() {
            if o.wc > 0 {
                self.articles.push(o.totals());
            }
        } else {
            self.articles.extend(o.articles.iter().cloned());
        }
        fn add(a: &mut Vec<u64>, b: &[u64]) {
            if a.len() < b.len() {
                a.resize(b.len(), 0);
            }
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.wc += o.wc;
        add(&mut self.hits, &o.hits);
        add(&mut self.covered, &o.covered);
        add(&mut self.actors, &o.actors);
        if self.voice.len() < o.voice.len() {
            self.voice.resize(o.voice.len(), [0; 4]);
        }
        for (x, y) in self.voice.iter_mut().zip(&o.voice) {
            for v in 0..4 {
                x[v] += y[v];
            }
        }
        let shift = self.sentence_wc.len() as u32;
        self.sentence_wc.extend_from_slice(&o.sentence_wc);
        self.cells.extend(o.cells.iter().map(|c| SentenceCell {
            sentence: c.sentence + shift,
            ..*c
        }));
        for (k, v) in &o.forms {
            *self.forms.entry(k.clone()).or_default() += v;
        }
    }
}

impl AddAssign for ArticleLexStats {
    fn add_assign(&mut self, o: ArticleLexStats) {
        *self += &o;
    }
}

/// Bootstrap settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScoreConfig {
    /// 0 turns the intervals off.
    pub resamples: u32,
    pub seed: u64,
    /// Two-sided confidence level, e.g. 0.95.
    pub confidence: f64,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            resamples: DEFAULT_RESAMPLES,
            seed: DEFAULT_SEED,
            confidence: 0.95,
        }
    }
}

/// Counts and rates of one voice.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct VoiceScore {
    pub voice: Voice,
    pub hits: u64,
    pub per_1000: f64,
    /// Share of the category's hits in the unit (0 when it has none).
    pub share: f64,
}

/// Hits of a category aimed at one actor (`actor` = None: no actor in the sentence).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ActorScore {
    pub actor: Option<String>,
    pub hits: u64,
    pub per_1000: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategoryScore {
    pub category: String,
    pub hits: u64,
    pub covered: u64,
    pub per_1000: f64,
    pub per_1000_ci: Option<(f64, f64)>,
    pub percent: f64,
    pub percent_ci: Option<(f64, f64)>,
    /// How both intervals were made (None: no intervals).
    pub ci_method: Option<CiMethod>,
    /// `per_1000 · weight` of the category.
    pub weighted_per_1000: f64,
    pub rest_hits: u64,
    pub rest_wc: u64,
    pub rest_per_1000: f64,
    /// Signed G² of the unit against the rest.
    pub g2: f64,
    pub p: f64,
    pub voices: Vec<VoiceScore>,
    pub actors: Vec<ActorScore>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnitScores {
    pub unit: String,
    pub wc: u64,
    pub sentences: u64,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub categories: Vec<CategoryScore>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LexiconScores {
    pub config: ScoreConfig,
    pub units: Vec<UnitScores>,
}

/// A row of the audit: how often an entry matched a form in a unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    pub unit: String,
    pub category: String,
    pub entry: String,
    pub form: String,
    pub count: u64,
}

fn per(x: u64, wc: u64, scale: f64) -> f64 {
    if wc == 0 {
        0.0
    } else {
        scale * x as f64 / wc as f64
    }
}

/// The words and per-category hits of a whole corpus: what each unit is
/// compared with ("the rest" = these totals minus the unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub wc: u64,
    pub hits: Vec<u64>,
}

impl Totals {
    /// Zero totals shaped for `lex`.
    pub fn new(lex: &Lexicon) -> Totals {
        Totals {
            wc: 0,
            hits: vec![0; lex.categories.len()],
        }
    }

    /// Adds one unit's counts.
    pub fn add(&mut self, s: &ArticleLexStats) {
        self.wc += s.wc;
        for (t, h) in self.hits.iter_mut().zip(&s.hits) {
            *t += h;
        }
    }
}

/// Scores every unit (in the given order) against the rest of `units`.
pub fn score(
    lex: &Lexicon,
    units: &[(String, ArticleLexStats)],
    config: &ScoreConfig,
) -> LexiconScores {
    let mut total = Totals::new(lex);
    for (_, s) in units {
        total.add(s);
    }
    score_against(lex, units, &total, config)
}

/// Scores every unit (in the given order) against the rest of a corpus whose
/// totals are `total` (the units may be a part of it: a chunk of its articles).
pub fn score_against(
    lex: &Lexicon,
    units: &[(String, ArticleLexStats)],
    total: &Totals,
    config: &ScoreConfig,
) -> LexiconScores {
    let k = lex.categories.len();
    // Each unit has its own seed, so the units can be resampled in parallel
    // and still give the same intervals on every run.
    let out = units
        .par_iter()
        .map(|(name, s)| {
            let ci = if config.resamples > 0 {
                let seed = unit_seed(config.seed, name);
                bootstrap(s, k, config.resamples, seed, config.confidence)
            } else {
                vec![None; k]
            };
            let categories = (0..k)
                .map(|c| category_score(lex, s, total, c, ci[c]))
                .collect();
            UnitScores {
                unit: name.clone(),
                wc: s.wc,
                sentences: s.sentences() as u64,
                categories,
            }
        })
        .collect();
    LexiconScores {
        config: config.clone(),
        units: out,
    }
}

/// One unit's score in category `c` against the rest of the corpus, with its
/// interval (if any).
fn category_score(
    lex: &Lexicon,
    s: &ArticleLexStats,
    total: &Totals,
    c: usize,
    ci: Option<Ci>,
) -> CategoryScore {
    let na = lex.actors.len() + 1;
    let hits = s.hits.get(c).copied().unwrap_or(0);
    let covered = s.covered.get(c).copied().unwrap_or(0);
    let rest_hits = total.hits.get(c).copied().unwrap_or(0).saturating_sub(hits);
    let rest_wc = total.wc.saturating_sub(s.wc);
    let (g2, p) = if rest_wc == 0 || s.wc == 0 {
        (0.0, 1.0)
    } else {
        let g = g2_signed(hits, rest_hits, s.wc - hits, rest_wc - rest_hits);
        (g, chi2_1_sf(g))
    };
    let voice = s.voice.get(c).copied().unwrap_or([0; 4]);
    let voices = Voice::ALL
        .iter()
        .map(|&v| VoiceScore {
            voice: v,
            hits: voice[v.index()],
            per_1000: per(voice[v.index()], s.wc, 1000.0),
            share: if hits == 0 {
                0.0
            } else {
                voice[v.index()] as f64 / hits as f64
            },
        })
        .collect();
    let actors = (0..na)
        .map(|a| {
            let n = s.actors.get(c * na + a).copied().unwrap_or(0);
            ActorScore {
                actor: lex.actors.get(a).map(|x| x.id.clone()),
                hits: n,
                per_1000: per(n, s.wc, 1000.0),
            }
        })
        .collect();
    let per_1000 = per(hits, s.wc, 1000.0);
    CategoryScore {
        category: lex.categories[c].id.clone(),
        hits,
        covered,
        per_1000,
        per_1000_ci: ci.map(|x| x.0),
        percent: per(covered, s.wc, 100.0),
        percent_ci: ci.map(|x| x.1),
        ci_method: ci.map(|x| x.2),
        weighted_per_1000: per_1000 * lex.categories[c].weight,
        rest_hits,
        rest_wc,
        rest_per_1000: per(rest_hits, rest_wc, 1000.0),
        g2,
        p,
        voices,
        actors,
    }
}

/// The audit: every (unit, category, entry, form) with its count, sorted by
/// unit (in the given order), category and entry (lexicon order), then count
/// descending and form.
pub fn audit(lex: &Lexicon, units: &[(String, ArticleLexStats)]) -> Vec<AuditRow> {
    let mut rows = Vec::new();
    for (name, s) in units {
        let mut v: Vec<_> = s.forms.iter().collect();
        v.sort_by(|((c1, e1, f1), n1), ((c2, e2, f2), n2)| (c1, e1, n2, f1).cmp(&(c2, e2, n1, f2)));
        for ((c, e, form), n) in v {
            let cat = &lex.categories[*c as usize];
            rows.push(AuditRow {
                unit: name.clone(),
                category: cat.id.clone(),
                entry: cat
                    .entries
                    .get(*e as usize)
                    .map(|x| x.text.clone())
                    .unwrap_or_default(),
                form: form.clone(),
                count: *n,
            });
        }
    }
    rows
}

fn unit_seed(seed: u64, name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    SplitMix64::new(seed ^ h).next_u64()
}

/// Quantile of sorted values, R type 7 (the definition `select_quantile` is tested against).
#[cfg(test)]
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

type Interval = (f64, f64);

/// How a category's interval was made: the bootstrap's resampling unit, or the
/// exact interval used where a bootstrap cannot say anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiMethod {
    /// Percentile bootstrap over the unit's sentences (a unit of fewer than
    /// [`CLUSTER_MIN_ARTICLES`] articles).
    SentenceBootstrap,
    /// Cluster bootstrap over the unit's articles (a source of at least
    /// [`CLUSTER_MIN_ARTICLES`]): a resample is n articles drawn with replacement,
    /// its rate Σhits/Σwords over them.
    ArticleBootstrap,
    /// No hit in the unit: the exact Poisson interval (Garwood 1936) on the
    /// count, 0 to χ²₁₋α/₂(2)/2 = −ln(α/2) events (3.689 at 95%), per the
    /// unit's words; for the percent, the same bound on the covered words.
    PoissonExact,
}

impl CiMethod {
    /// The name in CSV, JSON and on the page.
    pub fn name(self) -> &'static str {
        match self {
            CiMethod::SentenceBootstrap => "sentence_bootstrap",
            CiMethod::ArticleBootstrap => "article_bootstrap",
            CiMethod::PoissonExact => "poisson_exact",
        }
    }
}

/// A source with at least this many articles gets its intervals by resampling
/// articles (words of one article are not independent draws), one with fewer
/// by resampling sentences.
pub const CLUSTER_MIN_ARTICLES: usize = 20;

/// Above this many articles, per-article intervals are not computed unless
/// asked for (`lexicon --by article --ci`): a bootstrap per article costs
/// articles × resamples, and a long table of wide intervals says little.
pub const ARTICLE_CI_LIMIT: usize = 1000;

/// A category's intervals: (rate per 1,000, percent, how they were made).
pub type Ci = (Interval, Interval, CiMethod);

/// Upper end of the exact (Garwood) Poisson interval for 0 events, with
/// `alpha` in each tail: the λ with P(0; λ) = e^(−λ) = alpha, i.e. χ²₁₋α(2)/2.
pub fn poisson_zero_upper(alpha: f64) -> f64 {
    -alpha.ln()
}

/// Intervals of (rate per 1,000, percent) per category: a percentile bootstrap
/// over articles (a unit of at least [`CLUSTER_MIN_ARTICLES`]) or sentences, and
/// the exact Poisson interval for a category without hits.
fn bootstrap(s: &ArticleLexStats, k: usize, b: u32, seed: u64, confidence: f64) -> Vec<Option<Ci>> {
    if s.wc == 0 {
        return vec![None; k];
    }
    let alpha = (1.0 - confidence.clamp(0.0, 1.0)) / 2.0;
    let upper = poisson_zero_upper(alpha);
    let exact = Some((
        (0.0, per_f(upper, s.wc, 1000.0)),
        (0.0, per_f(upper, s.wc, 100.0)),
        CiMethod::PoissonExact,
    ));
    // A category with no hit in the unit gets the exact interval; the draws
    // are shared by all categories, so the others' intervals do not depend on
    // it. A unit with no hit is not resampled.
    let live: Vec<usize> = (0..k)
        .filter(|&c| s.hits.get(c).is_some_and(|&h| h > 0))
        .collect();
    let mut out = vec![exact; k];
    if live.is_empty() {
        return out;
    }
    let parts;
    let cells;
    let (units, method) = if s.n_articles() >= CLUSTER_MIN_ARTICLES {
        parts = {
            let mut p = s.parts();
            p.sort_unstable();
            p
        };
        let units: Vec<(u32, &[SentenceCell])> =
            parts.iter().map(|a| (a.wc, a.cells.as_slice())).collect();
        (units, CiMethod::ArticleBootstrap)
    } else {
        if s.sentence_wc.is_empty() {
            return vec![None; k];
        }
        cells = sorted_cells(s);
        (canonical_sentences(s, &cells), CiMethod::SentenceBootstrap)
    };
    let draw = Draw::new(&units);
    let mut rng = SplitMix64::new(seed);
    let mut rates = vec![Vec::with_capacity(b as usize); k];
    let mut pcts = vec![Vec::with_capacity(b as usize); k];
    let mut hits = vec![0u64; k];
    let mut cov = vec![0u64; k];
    for _ in 0..b {
        hits.iter_mut().for_each(|x| *x = 0);
        cov.iter_mut().for_each(|x| *x = 0);
        let wc = draw.resample(&units, &mut rng, &mut hits, &mut cov);
        for &c in &live {
            rates[c].push(per(hits[c], wc, 1000.0));
            pcts[c].push(per(cov[c], wc, 100.0));
        }
    }
    for &c in &live {
        out[c] = Some((
            interval(&mut rates[c], alpha),
            interval(&mut pcts[c], alpha),
            method,
        ));
    }
    out
}

fn per_f(x: f64, wc: u64, scale: f64) -> f64 {
    if wc == 0 {
        0.0
    } else {
        scale * x / wc as f64
    }
}

/// The unit's cells sorted by sentence, then category.
fn sorted_cells(s: &ArticleLexStats) -> Vec<SentenceCell> {
    let mut cells = s.cells.clone();
    cells.sort_unstable();
    cells
}

/// The unit's sentences (word count, cells) in a canonical order, by content,
/// so that the draws do not depend on the order in which articles were merged.
/// `cells` are the unit's cells sorted ([`sorted_cells`]).
fn canonical_sentences<'c>(
    s: &ArticleLexStats,
    cells: &'c [SentenceCell],
) -> Vec<(u32, &'c [SentenceCell])> {
    let n = s.sentence_wc.len();
    let mut start = vec![0usize; n + 1];
    for c in cells {
        if let Some(x) = start.get_mut(c.sentence as usize + 1) {
            *x += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let of = |i: usize| &cells[start[i]..start[i + 1]];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_cached_key(|&i| {
        (
            s.sentence_wc[i],
            of(i)
                .iter()
                .map(|c| (c.category, c.hits, c.covered))
                .collect::<Vec<_>>(),
        )
    });
    order.iter().map(|&i| (s.sentence_wc[i], of(i))).collect()
}

/// How a resample of n sentences (with replacement) is drawn. Both ways draw
/// from the same distribution — n independent picks of a sentence, each with
/// probability 1/n — and are used on every run for the same units, so the
/// intervals are reproducible:
/// - `Each`: n uniform picks (cost n per resample). Used when the unit has few
///   sentences for its number of distinct word counts (every article of a small
///   corpus, the sources of the sample corpus).
/// - `Grouped`: the sentences without a hit only add their word count, so they
///   are grouped by it. A resample draws K ~ Binomial(n, n_hit/n) picks among
///   the sentences with a hit (K uniform picks), and splits the other n − K
///   among the word-count groups by the multinomial distribution (one binomial
///   per group, conditional on the groups before it). Cost: groups + K per
///   resample instead of n — about 300 + K instead of 100,000 for a source of a
///   large corpus.
#[derive(Debug)]
enum Draw {
    Each,
    Grouped {
        /// Sentences without a hit: (word count, how many), by word count.
        groups: Vec<(u32, u64)>,
        /// Indices of the sentences with a hit, in canonical order.
        hit: Vec<usize>,
    },
}

/// `Grouped` pays off when there are this many sentences per group or more
/// (a binomial draw costs about as much as 16 uniform picks).
const GROUPED_MIN_RATIO: usize = 16;

impl Draw {
    fn new(sentences: &[(u32, &[SentenceCell])]) -> Draw {
        let mut groups: BTreeMap<u32, u64> = BTreeMap::new();
        let mut hit = Vec::new();
        for (i, (wc, cells)) in sentences.iter().enumerate() {
            if cells.is_empty() {
                *groups.entry(*wc).or_default() += 1;
            } else {
                hit.push(i);
            }
        }
        if sentences.len() < GROUPED_MIN_RATIO * (groups.len() + 1) {
            return Draw::Each;
        }
        Draw::Grouped {
            groups: groups.into_iter().collect(),
            hit,
        }
    }

    /// Adds one resample's hits and covered words per category; returns its word count.
    fn resample(
        &self,
        sentences: &[(u32, &[SentenceCell])],
        rng: &mut SplitMix64,
        hits: &mut [u64],
        cov: &mut [u64],
    ) -> u64 {
        let n = sentences.len();
        let mut wc = 0u64;
        // The picks are drawn first and counted, then the picked sentences are
        // read in order, each once with its multiplicity: the same sums as
        // adding them pick by pick (integers), without a random access into a
        // large unit per pick (the cost stays linear in n when the unit
        // outgrows the cache).
        let mut add = |i: usize, times: u64, wc: &mut u64| {
            if let Some((w, cells)) = sentences.get(i) {
                *wc += times * *w as u64;
                for c in cells.iter() {
                    if let Some(h) = hits.get_mut(c.category as usize) {
                        *h += times * c.hits as u64;
                    }
                    if let Some(v) = cov.get_mut(c.category as usize) {
                        *v += times * c.covered as u64;
                    }
                }
            }
        };
        match self {
            Draw::Each => {
                let mut times = vec![0u32; n];
                for _ in 0..n {
                    if let Some(t) = times.get_mut(rng.below(n)) {
                        *t += 1;
                    }
                }
                for (i, &t) in times.iter().enumerate() {
                    if t > 0 {
                        add(i, t as u64, &mut wc);
                    }
                }
            }
            Draw::Grouped { groups, hit } => {
                let k = binomial(rng, n as u64, hit.len() as u64, n as u64);
                let mut times = vec![0u32; hit.len()];
                for _ in 0..k {
                    if let Some(t) = times.get_mut(rng.below(hit.len())) {
                        *t += 1;
                    }
                }
                for (&i, &t) in hit.iter().zip(&times) {
                    if t > 0 {
                        add(i, t as u64, &mut wc);
                    }
                }
                let mut left = n as u64 - k;
                let mut pool = (n - hit.len()) as u64;
                for &(w, count) in groups {
                    if left == 0 {
                        break;
                    }
                    let x = binomial(rng, left, count, pool);
                    wc += x * w as u64;
                    left -= x;
                    pool -= count;
                }
            }
        }
        wc
    }
}

/// A draw from Binomial(trials, part/whole); `part ≤ whole`. rand_distr's
/// sampler (BTPE, Kachitvichyanukul & Schmeiser 1988, or inversion for small
/// means) on the unit's SplitMix64 stream.
fn binomial(rng: &mut SplitMix64, trials: u64, part: u64, whole: u64) -> u64 {
    if part == 0 || trials == 0 {
        return 0;
    }
    if part >= whole {
        return trials;
    }
    match Binomial::new(trials, part as f64 / whole as f64) {
        Ok(d) => d.sample(rng),
        // The probability is in (0, 1) by construction.
        Err(_) => 0,
    }
}

/// The (alpha, 1 − alpha) quantiles of `v` (R type 7), by selection: the same
/// values as sorting `v` and calling [`quantile`], in O(len) instead of O(len log len).
fn interval(v: &mut [f64], alpha: f64) -> Interval {
    (select_quantile(v, alpha), select_quantile(v, 1.0 - alpha))
}

/// Quantile (R type 7) of unsorted values: the order statistics it interpolates
/// between are found with `select_nth_unstable_by` (reorders `v`).
fn select_quantile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let h = (v.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let (_, x_lo, above) = v.select_nth_unstable_by(lo, f64::total_cmp);
    let x_lo = *x_lo;
    // The next order statistic is the smallest value above position `lo`.
    let x_hi = above.iter().copied().min_by(f64::total_cmp).unwrap_or(x_lo);
    x_lo + (h - lo as f64) * (x_hi - x_lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon with one category, and a unit of `n` ten-word sentences with
    /// `h` hits of it (one per sentence).
    fn one_category_unit(n: u32, h: u32) -> (Lexicon, ArticleLexStats) {
        let analyzer = crate::analyze::Analyzer::new("en", &Default::default()).unwrap();
        let toml = "[meta]\nname = \"t\"\nversion = \"1\"\nlanguage = \"en\"\n\
                    [categories.c]\nlabel = \"C\"\ndescription = \"C\"\nterms = [\"mob\"]\n";
        let (lex, _) =
            Lexicon::parse_toml(toml, std::path::Path::new("t.toml"), &analyzer).unwrap();
        let mut s = ArticleLexStats::empty(&lex);
        s.wc = 10 * n as u64;
        s.sentence_wc = vec![10; n as usize];
        s.hits[0] = h as u64;
        s.covered[0] = h as u64;
        s.cells = (0..h)
            .map(|sentence| SentenceCell {
                sentence,
                category: 0,
                hits: 1,
                covered: 1,
            })
            .collect();
        (lex, s)
    }

    #[test]
    fn g2_is_the_keyness_g2_of_the_unit_against_the_rest() {
        // docs/METHODS.md worked example: a = 12 of 1,000 words vs b = 3 of 4,000
        // → G² = +25.055 for the unit, −25.055 for the rest; p = P(χ²₁ > 25.055).
        let (lex, t) = one_category_unit(100, 12);
        let (_, r) = one_category_unit(400, 3);
        let units = [("t".to_string(), t), ("r".to_string(), r)];
        let config = ScoreConfig {
            resamples: 0,
            ..Default::default()
        };
        let sc = score(&lex, &units, &config);
        let (t, r) = (&sc.units[0].categories[0], &sc.units[1].categories[0]);
        assert!((t.g2 - 25.055).abs() < 5e-4, "{}", t.g2);
        assert!((r.g2 + 25.055).abs() < 5e-4, "{}", r.g2);
        // The very numbers of stats::keyness (one definition of G² and its p).
        assert_eq!(t.g2.to_bits(), g2_signed(12, 3, 988, 3997).to_bits());
        assert_eq!(r.g2.to_bits(), g2_signed(3, 12, 3997, 988).to_bits());
        assert_eq!(t.p.to_bits(), chi2_1_sf(t.g2).to_bits());
        assert_eq!(r.p.to_bits(), chi2_1_sf(r.g2).to_bits());
        // The rest's table is the unit's transposed: the same G² up to rounding.
        assert!((r.p / t.p - 1.0).abs() < 1e-12, "{} {}", r.p, t.p);
        assert!((t.p / 5.5718e-7 - 1.0).abs() < 1e-3, "{}", t.p);
        // A category used at the same rate in the unit and the rest: G² = 0, p = 1.
        let (lex, a) = one_category_unit(100, 10);
        let (_, b) = one_category_unit(300, 30);
        let sc = score(&lex, &[("a".into(), a), ("b".into(), b)], &config);
        let c = &sc.units[0].categories[0];
        assert_eq!((c.g2, c.p), (0.0, 1.0));
    }

    #[test]
    fn each_draw_picks_with_the_full_width_below() {
        // The bootstrap's n uniform picks are `SplitMix64::below` (64-bit
        // multiply-shift), not `below_hi32`: the intervals of every report were
        // drawn so. Word counts 1, 2, 4, … 2⁹ make a resample's word count tell
        // which sentences were picked.
        let wc: Vec<u32> = (0..10).map(|i| 1 << i).collect();
        let sentences: Vec<(u32, &[SentenceCell])> = wc.iter().map(|&w| (w, &[][..])).collect();
        for seed in [1, 2, 3, 20_221_207] {
            let mut rng = SplitMix64::new(seed);
            let (mut h, mut c) = (vec![0u64; 1], vec![0u64; 1]);
            let got = Draw::Each.resample(&sentences, &mut rng, &mut h, &mut c);
            let mut want_rng = SplitMix64::new(seed);
            let want: u64 = (0..10).map(|_| wc[want_rng.below(10)] as u64).sum();
            assert_eq!(got, want, "seed {seed}");
        }
        // unit_seed: SplitMix64(seed XOR FNV-1a(name)), first output. FNV-1a of ""
        // is its offset basis.
        assert_eq!(
            unit_seed(5, ""),
            SplitMix64::new(5 ^ 0xcbf2_9ce4_8422_2325).next_u64()
        );
    }

    proptest::proptest! {
        #[test]
        fn selection_equals_sorting(small in proptest::collection::vec(0u8..6, 1..300), q in 0.0f64..1.0, wide in proptest::bool::ANY) {
            // Few distinct values (ties, as in resampled rates) or many.
            let mut v: Vec<f64> = small.iter().enumerate().map(|(i, &x)| if wide { x as f64 * 7.3 + i as f64 / 3.0 } else { x as f64 / 4.0 }).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let want = quantile(&sorted, q);
            proptest::prop_assert_eq!(select_quantile(&mut v, q).to_bits(), want.to_bits());
        }
    }

    /// A unit of `n` sentences with word counts 1..=40 in turn; every
    /// `every`-th sentence has 1 hit (category 0) covering 1 word.
    fn unit(n: u32, every: u32) -> (Vec<u32>, Vec<SentenceCell>) {
        let wc = (0..n).map(|i| 1 + i % 40).collect();
        let cells = (0..n)
            .filter(|i| i % every == 0)
            .map(|sentence| SentenceCell {
                sentence,
                category: 0,
                hits: 1,
                covered: 1,
            })
            .collect();
        (wc, cells)
    }

    /// (word count, cells) of each sentence; `cells` sorted by sentence.
    fn by_sentence<'a>(wc: &[u32], cells: &'a [SentenceCell]) -> Vec<(u32, &'a [SentenceCell])> {
        let mut start = vec![0usize; wc.len() + 1];
        for c in cells {
            start[c.sentence as usize + 1] += 1;
        }
        for i in 0..wc.len() {
            start[i + 1] += start[i];
        }
        (0..wc.len())
            .map(|i| (wc[i], &cells[start[i]..start[i + 1]]))
            .collect()
    }

    fn rates(wc: &[u32], cells: &[SentenceCell], draw: &Draw, b: usize, seed: u64) -> Vec<f64> {
        let sentences = by_sentence(wc, cells);
        let mut rng = SplitMix64::new(seed);
        let mut v: Vec<f64> = (0..b)
            .map(|_| {
                let (mut h, mut c) = (vec![0u64; 1], vec![0u64; 1]);
                let w = draw.resample(&sentences, &mut rng, &mut h, &mut c);
                per(h[0], w, 1000.0)
            })
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }

    #[test]
    fn grouped_draws_resample_n_sentences() {
        // All sentences of 7 words: every resample has exactly 7·n words.
        let n = 5000;
        let wc = vec![7u32; n];
        let cells: Vec<SentenceCell> = (0..n as u32)
            .step_by(50)
            .map(|sentence| SentenceCell {
                sentence,
                category: 0,
                hits: 2,
                covered: 3,
            })
            .collect();
        let sentences: Vec<(u32, &[SentenceCell])> = (0..n)
            .map(|i| {
                (
                    wc[i],
                    if i % 50 == 0 {
                        &cells[i / 50..i / 50 + 1]
                    } else {
                        &cells[0..0]
                    },
                )
            })
            .collect();
        let draw = Draw::new(&sentences);
        assert!(matches!(draw, Draw::Grouped { .. }));
        let mut rng = SplitMix64::new(1);
        let (mut hits_total, mut cov_total) = (0u64, 0u64);
        for _ in 0..200 {
            let (mut h, mut c) = (vec![0u64; 1], vec![0u64; 1]);
            assert_eq!(
                draw.resample(&sentences, &mut rng, &mut h, &mut c),
                7 * n as u64
            );
            assert_eq!(
                c[0] * 2,
                h[0] * 3,
                "a hit sentence adds 2 hits and 3 covered words"
            );
            hits_total += h[0];
            cov_total += c[0];
        }
        // 100 hit sentences of 5,000, 2 hits each: 200 hits per resample on average.
        let mean = hits_total as f64 / 200.0;
        assert!((mean - 200.0).abs() < 5.0, "mean hits {mean}");
        assert!(cov_total > 0);
    }

    #[test]
    fn grouped_and_each_draw_the_same_distribution() {
        // 4,000 sentences, 40 word counts, 1 in 25 with a hit: large enough for
        // `Grouped`. Its resampled rates must match n uniform picks: same
        // quantiles within Monte Carlo error (10,000 resamples each; seeded, so
        // the comparison is the same on every run).
        let (wc, cells) = unit(4000, 25);
        let sentences = by_sentence(&wc, &cells);
        let grouped = Draw::new(&sentences);
        assert!(matches!(grouped, Draw::Grouped { .. }));
        let a = rates(&wc, &cells, &grouped, 10_000, 7);
        let b = rates(&wc, &cells, &Draw::Each, 10_000, 8);
        // The point estimate: 160 hits / 82,000 words = 1.95 per 1,000.
        let point = 160.0 * 1000.0 / 82_000.0;
        for q in [0.025, 0.5, 0.975] {
            let (x, y) = (quantile(&a, q), quantile(&b, q));
            // Bootstrap SD of the rate is ≈ 0.15; the quantiles' MC error ≈ 0.01.
            assert!((x - y).abs() < 0.03, "q {q}: grouped {x} vs each {y}");
        }
        assert!((quantile(&a, 0.5) - point).abs() < 0.03);
        // And a different seed gives different draws (the test is not vacuous).
        assert_ne!(
            rates(&wc, &cells, &grouped, 100, 1),
            rates(&wc, &cells, &grouped, 100, 2)
        );
    }

    #[test]
    fn small_units_draw_each_sentence() {
        // 50 sentences with 40 word counts: n uniform picks, as before grouping.
        let (wc, cells) = unit(50, 10);
        let none: &[SentenceCell] = &[];
        let sentences: Vec<(u32, &[SentenceCell])> = wc
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                (
                    w,
                    if i % 10 == 0 {
                        &cells[i / 10..i / 10 + 1]
                    } else {
                        none
                    },
                )
            })
            .collect();
        assert!(matches!(Draw::new(&sentences), Draw::Each));
    }

    #[test]
    fn quantile_type7() {
        // R: quantile(c(1,2,3,4), c(0.025, 0.5, 0.975), type = 7) = 1.075 2.5 3.925
        let v = [1.0, 2.0, 3.0, 4.0];
        assert!((quantile(&v, 0.025) - 1.075).abs() < 1e-12);
        assert!((quantile(&v, 0.5) - 2.5).abs() < 1e-12);
        assert!((quantile(&v, 0.975) - 3.925).abs() < 1e-12);
    }

    /// A source of articles summed with `+=`: article i has `sizes[i]`
    /// ten-word sentences and `hits[i]` hits (one per sentence).
    fn source_of(sizes: &[u32], hits: &[u32]) -> (Lexicon, ArticleLexStats) {
        let (lex, mut total) = one_category_unit(sizes[0], hits[0]);
        for (&n, &h) in sizes.iter().zip(hits).skip(1) {
            total += one_category_unit(n, h).1;
        }
        (lex, total)
    }

    fn ci_of(lex: &Lexicon, s: ArticleLexStats) -> CategoryScore {
        let config = ScoreConfig::default();
        let sc = score(lex, &[("s".into(), s)], &config);
        sc.units[0].categories[0].clone()
    }

    #[test]
    fn a_source_of_twenty_articles_of_one_rate_has_a_point_interval_by_articles() {
        // 25 articles of 10 sentences with 2 hits each: every resample of
        // articles has the rate 1000 · 2 / 100 = 20 per 1,000.
        let (lex, s) = source_of(&[10; 25], &[2; 25]);
        assert_eq!(s.n_articles(), 25);
        let c = ci_of(&lex, s);
        assert_eq!(c.ci_method, Some(CiMethod::ArticleBootstrap));
        assert_eq!(c.per_1000, 20.0);
        assert_eq!(c.per_1000_ci, Some((20.0, 20.0)));
        assert_eq!(c.percent_ci, Some((2.0, 2.0)));
    }

    #[test]
    fn one_article_carrying_every_hit_gives_an_interval_from_zero() {
        // 25 articles, only the first with hits: a resample leaves it out with
        // probability (24/25)^25 ≈ 0.36, so the 2.5th percentile is 0; the
        // sentence bootstrap would have given a narrow interval above 0.
        let mut hits = [0; 25];
        hits[0] = 10;
        let (lex, s) = source_of(&[10; 25], &hits);
        let c = ci_of(&lex, s.clone());
        assert_eq!(c.ci_method, Some(CiMethod::ArticleBootstrap));
        let (lo, hi) = c.per_1000_ci.unwrap();
        assert_eq!(lo, 0.0);
        assert!(hi > c.per_1000, "{hi} above the point {}", c.per_1000);
        // The same counts as one article (fewer than 20): sentences.
        let mut one = s;
        one.articles.clear();
        let c = ci_of(&lex, one);
        assert_eq!(c.ci_method, Some(CiMethod::SentenceBootstrap));
        assert!(c.per_1000_ci.unwrap().0 > 0.0);
    }

    #[test]
    fn nineteen_articles_are_resampled_by_sentences() {
        let (lex, s) = source_of(&[10; 19], &[2; 19]);
        assert_eq!(s.n_articles(), 19);
        assert_eq!(ci_of(&lex, s).ci_method, Some(CiMethod::SentenceBootstrap));
    }

    #[test]
    fn the_cluster_bootstrap_does_not_depend_on_the_order_of_the_articles() {
        let sizes: Vec<u32> = (0..30).map(|i| 5 + i % 7).collect();
        let hits: Vec<u32> = (0..30).map(|i| i % 4).collect();
        let (lex, a) = source_of(&sizes, &hits);
        let rev_sizes: Vec<u32> = sizes.iter().rev().copied().collect();
        let rev_hits: Vec<u32> = hits.iter().rev().copied().collect();
        let (_, b) = source_of(&rev_sizes, &rev_hits);
        assert_eq!(ci_of(&lex, a).per_1000_ci, ci_of(&lex, b).per_1000_ci);
    }

    #[test]
    fn no_hits_get_garwoods_exact_poisson_interval() {
        // docs/METHODS.md's worked value (section 5): 0 hits in 1,967 words, upper bound
        // χ²₀.₉₇₅(2)/2 = −ln 0.025 = 3.689 hits, 1.88 per 1,000 words.
        assert!((poisson_zero_upper(0.025) - 3.688_879_454).abs() < 1e-9);
        let (lex, mut s) = one_category_unit(1, 0);
        s.wc = 1967;
        s.sentence_wc = vec![1967];
        let c = ci_of(&lex, s);
        assert_eq!(c.ci_method, Some(CiMethod::PoissonExact));
        let (lo, hi) = c.per_1000_ci.unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - 1.875_383).abs() < 1e-6, "{hi}");
        assert!((c.percent_ci.unwrap().1 - 0.187_538_3).abs() < 1e-7);
        // Without resamples there is no interval at all.
        let sc = score(
            &lex,
            &[(
                "s".into(),
                ArticleLexStats {
                    wc: 1967,
                    ..ArticleLexStats::empty(&lex)
                },
            )],
            &ScoreConfig {
                resamples: 0,
                ..Default::default()
            },
        );
        assert_eq!(sc.units[0].categories[0].ci_method, None);
    }
}
