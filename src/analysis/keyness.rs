//! Keyness comparisons: each source against the rest of the corpus
//! (one-vs-rest: k sources → k comparisons), or sources against one other
//! (`--vs`). The scores of a term are `stats::keyness::score_terms`; this
//! module picks the two sides of each comparison from the [`Dtm`] and orders
//! the rows.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::by_article::{ByArticle, PermP, Permutations, Sides};
use super::dtm::{Dtm, TermCount, TermId};
use super::per_1000;
use crate::count::RateSum;
use crate::error::{Error, Result};
use crate::stats::articles;
use crate::stats::keyness::{
    benjamini_hochberg, score_terms, KeynessOptions, Measure, Prior, TermScores,
};

/// The reference id of one-vs-rest comparisons.
pub const REST: &str = "(rest of corpus)";

/// Which comparisons, ranked how.
#[derive(Debug, Clone)]
pub struct KeynessSpec {
    /// Target sources (empty = every source).
    pub targets: Vec<String>,
    /// Reference source for a pairwise comparison (`None` = the rest of the corpus).
    pub vs: Option<String>,
    pub measure: Measure,
    /// The log-odds prior of a pairwise comparison (`--prior`); one-vs-rest
    /// always uses the whole corpus (target + rest).
    pub prior: PriorFrom,
    /// LRC's Bonferroni family (`--lrc-family`).
    pub lrc_family: LrcFamily,
    /// The permutation test over articles (`--permutations`, `--permutations-max`, `--seed`).
    pub permutations: Permutations,
    /// What a side's size is (`--denominator`).
    pub denominator: Denominator,
    pub options: KeynessOptions,
}

/// The Bonferroni factor of LRC's confidence level (Evert 2022): the number
/// of terms tested in the comparison, or none (each term at 95% alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LrcFamily {
    #[default]
    Terms,
    None,
}

impl LrcFamily {
    pub fn name(self) -> &'static str {
        match self {
            LrcFamily::Terms => "terms",
            LrcFamily::None => "none",
        }
    }
}

impl std::str::FromStr for LrcFamily {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "terms" => Ok(LrcFamily::Terms),
            "none" => Ok(LrcFamily::None),
            _ => Err(format!("unknown LRC family '{s}' (expected terms or none)")),
        }
    }
}

/// The size of a side, the denominator of its rates and of every test: all
/// its words (WC, stopwords included: the default, LIWC's) or its counted
/// terms (the term tokens counted, n-grams included: quanteda's, Scattertext's
/// and fightin-words' convention). Welch's per-article rates are count /
/// words under either (they are summed while counting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Denominator {
    #[default]
    Words,
    Terms,
}

impl Denominator {
    pub fn name(self) -> &'static str {
        match self {
            Denominator::Words => "words",
            Denominator::Terms => "terms",
        }
    }
}

impl std::str::FromStr for Denominator {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "words" => Ok(Denominator::Words),
            "terms" => Ok(Denominator::Terms),
            _ => Err(format!(
                "unknown denominator '{s}' (expected words or terms)"
            )),
        }
    }
}

/// Where the Monroe et al. log-odds take their informative Dirichlet prior
/// from in a `--vs` comparison: the whole corpus (every source, the default,
/// as fightin-words and Scattertext do with a background corpus), or the two
/// sources compared (their pooled counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PriorFrom {
    #[default]
    Corpus,
    Pair,
}

impl PriorFrom {
    pub fn name(self) -> &'static str {
        match self {
            PriorFrom::Corpus => "corpus",
            PriorFrom::Pair => "pair",
        }
    }
}

impl std::str::FromStr for PriorFrom {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "corpus" => Ok(PriorFrom::Corpus),
            "pair" => Ok(PriorFrom::Pair),
            _ => Err(format!("unknown prior '{s}' (expected corpus or pair)")),
        }
    }
}

/// One term of one comparison, with the raw counts next to every score.
/// The strings are shared (`Arc`) by the rows of a comparison and the comparisons.
#[derive(Debug, Clone, Serialize)]
pub struct KeyRow {
    pub target: Arc<str>,
    pub reference: Arc<str>,
    pub term: Arc<str>,
    pub display: Arc<str>,
    pub direction: &'static str,
    pub target_count: u64,
    pub reference_count: u64,
    pub target_per_1000: f64,
    pub reference_per_1000: f64,
    /// The sizes of the two sides, in [`KeyRow::denominator`] units.
    pub target_words: u64,
    pub reference_words: u64,
    /// "words" (WC) or "terms" (counted term tokens): [`Denominator`].
    pub denominator: &'static str,
    pub g2: f64,
    pub g2_williams: f64,
    /// The test `p` comes from, whatever the measure ranks by: [`P_FROM`].
    pub p: f64,
    pub p_adj: f64,
    pub p_from: &'static str,
    pub chi2: f64,
    pub log_ratio: f64,
    pub log_odds: f64,
    pub z: f64,
    /// Articles containing the term on each side, and the articles of each side.
    pub target_docs: u64,
    pub reference_docs: u64,
    pub target_articles: u64,
    pub reference_articles: u64,
    /// Text-dispersion keyness (Egbert & Biber 2019): signed G² and Log Ratio on
    /// articles with / without the term.
    pub doc_g2: f64,
    pub doc_log_ratio: f64,
    /// Evert's conservative Log Ratio at 95% with a Bonferroni factor = the
    /// terms tested ([`articles::lrc`]).
    pub lrc: f64,
    /// The share of the target's count in its single top article (none when
    /// the target has no occurrence).
    pub top_article_share: Option<f64>,
    /// Over-used, and [`carried_by_one_article`].
    pub carried_by_one_article: bool,
    /// Welch's t-test on per-article rates (count / words), two-sided, and its
    /// Benjamini–Hochberg adjustment over the terms tested; none when a side
    /// has fewer than 2 articles ([`articles::welch`]).
    pub welch_t: Option<f64>,
    pub welch_df: Option<f64>,
    pub welch_p: Option<f64>,
    pub welch_p_adj: Option<f64>,
    /// Gries's DP of the term over the target's articles and its normalized
    /// form (Lijffijt & Gries 2012); none without each article's counts or
    /// with fewer than 2 target articles.
    pub dp: Option<f64>,
    pub dp_norm: Option<f64>,
    /// The permutation test over articles ([`super::by_article`]): one-sided p
    /// in the observed direction, Benjamini–Hochberg over the terms tested,
    /// the permutations behind it (all assignments when exact), whether it is
    /// exact, and whether the term is still unresolved at the cap.
    pub perm_p: Option<f64>,
    pub perm_p_adj: Option<f64>,
    pub perm_draws: Option<u64>,
    pub perm_exact: Option<bool>,
    pub perm_at_cap: Option<bool>,
}

/// An over-used term is carried by one article when its target's top article
/// holds at least half its count and at most 2 of the target's articles
/// contain it.
pub fn carried_by_one_article(top_article_share: Option<f64>, target_docs: u64) -> bool {
    top_article_share.is_some_and(|s| s >= CARRIED_SHARE) && target_docs <= CARRIED_DOCS
}

/// The rule of [`carried_by_one_article`].
pub const CARRIED_SHARE: f64 = 0.5;
pub const CARRIED_DOCS: u64 = 2;

impl KeyRow {
    /// The value `measure` ranks by.
    pub fn score(&self, measure: Measure) -> f64 {
        match measure {
            Measure::G2 => self.g2,
            Measure::LogRatio => self.log_ratio,
            Measure::LogOdds => self.z,
            Measure::Chi2 => self.chi2,
        }
    }
}

/// A comparison: every tested term, over-used first (by the measure, descending),
/// then under-used (most under-used first).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub target: String,
    pub reference: String,
    pub target_words: u64,
    pub reference_words: u64,
    /// Terms tested (count in target + reference ≥ min_count).
    pub tested: usize,
    /// Terms left out by `min_count`.
    pub left_out: usize,
    /// Over- and under-used terms with adjusted p below [`ALPHA`], of all
    /// the terms tested (also after [`Comparison::truncate`]).
    pub over_significant: usize,
    pub under_significant: usize,
    /// Why `dp` and `perm_p` are empty, when they are.
    pub by_article_missing: Option<&'static str>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub over: Vec<KeyRow>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub under: Vec<KeyRow>,
}

/// The test every keyness p-value comes from: the 4-term G² (log-likelihood
/// ratio), referred to χ² with 1 degree of freedom, under every `--measure`.
pub const P_FROM: &str = "g2";

/// The level at which a term is counted as significantly over- or under-used
/// (Benjamini–Hochberg adjusted p).
pub const ALPHA: f64 = 0.05;

impl Comparison {
    /// Keeps the first `n` over-used and the first `n` under-used terms (the
    /// counts of significant terms still describe all of them).
    pub fn truncate(&mut self, n: usize) {
        self.over.truncate(n);
        self.under.truncate(n);
    }

    /// Names the reference of a one-vs-rest comparison made within the
    /// sources of `language`: "(rest of es)".
    pub fn within_language(&mut self, language: &str) {
        if self.reference != REST {
            return;
        }
        let name: Arc<str> = Arc::from(format!("(rest of {language})").as_str());
        self.reference = name.to_string();
        for r in self.over.iter_mut().chain(self.under.iter_mut()) {
            r.reference = name.clone();
        }
    }
}

/// `--source X --vs X` asks for nothing: refused (before the corpus is read).
pub fn not_with_itself(spec: &KeynessSpec) -> Result<()> {
    match &spec.vs {
        Some(v) if spec.targets.contains(v) => Err(Error::Usage(format!(
            "--source {v} --vs {v}: a source compared with itself has no keyness; pick another --vs"
        ))),
        _ => Ok(()),
    }
}

/// The texts and corpus-wide display forms of terms, as shared strings, made
/// once for all comparisons.
struct Texts {
    text: Vec<Option<Arc<str>>>,
    display: Vec<Option<Arc<str>>>,
}

impl Texts {
    /// The texts of the terms for which `wanted(id)` holds.
    fn of(dtm: &Dtm<'_>, wanted: impl Fn(usize) -> bool + Sync) -> Texts {
        let (text, display) = (0..dtm.n_terms())
            .into_par_iter()
            .map(|i| {
                if !wanted(i) {
                    return (None, None);
                }
                let t = i as TermId;
                (
                    Some(Arc::from(dtm.text(t).as_ref())),
                    Some(Arc::from(dtm.corpus_display(t).as_ref())),
                )
            })
            .unzip();
        Texts { text, display }
    }

    fn get(&self, t: usize) -> (Arc<str>, Arc<str>) {
        let get = |v: &Vec<Option<Arc<str>>>| v.get(t).cloned().flatten().unwrap_or_default();
        (get(&self.text), get(&self.display))
    }
}

/// A side of a comparison: its id and its word count.
#[derive(Debug, Clone, Copy)]
struct Side<'a> {
    id: &'a str,
    words: u64,
    articles: u64,
}

/// Every comparison asked for: one-vs-rest for each target, or target vs `vs`.
/// The sources named in `spec` must be documents of `dtm`; the Dirichlet prior
/// of the log-odds is the whole corpus.
pub fn comparisons(dtm: &Dtm<'_>, spec: &KeynessSpec) -> Result<Vec<Comparison>> {
    let k = Keyness::new(dtm, spec)?;
    Ok(k.targets.par_iter().map(|&d| k.compare(d)).collect())
}

/// Comparisons prepared: the targets, the corpus totals (the prior, and the
/// rest of one-vs-rest) and the texts of the terms, made once; each
/// comparison is then made on its own ([`Keyness::compare`]), so a caller can
/// write one comparison's rows before it makes the next.
pub struct Keyness<'d, 'a> {
    dtm: &'d Dtm<'a>,
    spec: &'d KeynessSpec,
    /// The documents compared, in order.
    pub targets: Vec<usize>,
    reference: Option<usize>,
    totals: Vec<u64>,
    /// Each document's size ([`Denominator`]) and the corpus's.
    sizes: Vec<u64>,
    corpus_words: u64,
    corpus_articles: u64,
    /// Articles containing each term, corpus-wide.
    article_freqs: Vec<u64>,
    /// Per-article rates of each term, corpus-wide.
    rate_totals: Vec<RateSum>,
    texts: Texts,
    /// Each article's terms (for DP and the permutation test), or why not.
    by_article: std::result::Result<ByArticle<'a>, &'static str>,
    /// With `--within-group`, per document: its reference, the other
    /// sources of its group ([`Keyness::within_groups`]).
    within: Vec<Option<Within>>,
}

/// The reference of a target under `--within-group`: the rest of its group.
struct Within {
    /// "(rest of group G)".
    name: String,
    /// The other sources of the group (documents, in order).
    others: Vec<u32>,
}

/// The reference id of a comparison with the rest of `group` (`--within-group`).
pub fn rest_of_group(group: &str) -> String {
    format!("(rest of group {group})")
}

impl<'d, 'a> Keyness<'d, 'a> {
    /// Checks `spec` against the documents of `dtm` (unknown sources, a source
    /// against itself, a corpus of one source) and prepares the comparisons.
    pub fn new(dtm: &'d Dtm<'a>, spec: &'d KeynessSpec) -> Result<Keyness<'d, 'a>> {
        not_with_itself(spec)?;
        if let Some(s) = spec
            .targets
            .iter()
            .chain(&spec.vs)
            .find(|s| dtm.position(s).is_none())
        {
            let known: Vec<&str> = dtm.docs.iter().map(|d| d.id).collect();
            return Err(Error::Usage(format!(
                "unknown source '{s}'; known sources: {}",
                known.join(", ")
            )));
        }
        if spec.targets.is_empty() && dtm.docs.len() < 2 {
            return Err(Error::Usage("keyness needs at least two sources".into()));
        }
        let targets: Vec<usize> = if spec.targets.is_empty() {
            // Every source, but not the reference of `--vs` against itself.
            (0..dtm.docs.len())
                .filter(|&d| spec.vs.as_deref() != dtm.docs.get(d).map(|h| h.id))
                .collect()
        } else {
            spec.targets
                .iter()
                .filter_map(|s| dtm.position(s))
                .collect()
        };
        let totals = dtm.totals();
        let min_count = spec.options.min_count.max(1);
        let reference = spec.vs.as_deref().and_then(|v| dtm.position(v));
        // Texts of the terms some comparison can test: one-vs-rest tests a term
        // when its corpus count reaches min_count, whatever the target.
        let texts = match reference {
            None => Texts::of(dtm, |i| totals.get(i).is_some_and(|&n| n >= min_count)),
            Some(_) => Texts::of(dtm, |i| totals.get(i).is_some_and(|&n| n > 0)),
        };
        let sizes: Vec<u64> = match spec.denominator {
            Denominator::Words => dtm.docs.iter().map(|h| h.words).collect(),
            Denominator::Terms => dtm
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.1).sum())
                .collect(),
        };
        Ok(Keyness {
            dtm,
            spec,
            targets,
            reference,
            corpus_words: sizes.iter().sum(),
            sizes,
            corpus_articles: dtm.docs.iter().map(|h| h.articles).sum(),
            article_freqs: dtm.article_freqs(),
            rate_totals: dtm.rate_totals(),
            by_article: dtm.articles().map(|a| {
                ByArticle::new(a.matrix, dtm.n_terms(), spec.denominator).with_docs(a.doc)
            }),
            totals,
            texts,
            within: Vec::new(),
        })
    }

    /// Compares each target with the other sources of its own group instead
    /// of the rest of the corpus (`--within-group`): what sets a speaker
    /// apart from their party. `group_of` gives a source's group. A target
    /// named by `--source` with no group, or alone in its group (among the
    /// documents here), is refused (a usage error); when every source is a
    /// target, those are left out, and returned (the targets may then be
    /// none: the caller says so when no part of the corpus has one). Refused
    /// with `--vs`.
    pub fn within_groups<'g>(
        mut self,
        group_of: impl Fn(&str) -> Option<&'g str>,
    ) -> Result<(Keyness<'d, 'a>, Vec<String>)> {
        if let Some(v) = &self.spec.vs {
            return Err(Error::Usage(format!(
                "--within-group compares each source with the rest of its group; --vs {v} names another reference: use one or the other"
            )));
        }
        let docs = &self.dtm.docs;
        let groups: Vec<Option<&str>> = docs.iter().map(|h| group_of(h.id)).collect();
        let explicit = !self.spec.targets.is_empty();
        let mut within: Vec<Option<Within>> = (0..docs.len()).map(|_| None).collect();
        let mut left_out = Vec::new();
        let mut targets = Vec::new();
        for &d in &self.targets {
            let id = docs[d].id;
            let why = match groups[d] {
                None => Some(format!(
                    "source '{id}' has no group: --within-group compares a source with the other sources of its group"
                )),
                Some(g) => {
                    let others: Vec<u32> = (0..docs.len())
                        .filter(|&o| o != d && groups[o] == Some(g))
                        .map(|o| o as u32)
                        .collect();
                    if others.is_empty() {
                        Some(format!(
                            "source '{id}' is alone in group '{g}': --within-group needs another source of its group to compare it with"
                        ))
                    } else {
                        within[d] = Some(Within {
                            name: rest_of_group(g),
                            others,
                        });
                        None
                    }
                }
            };
            match why {
                Some(m) if explicit => return Err(Error::Usage(m)),
                Some(_) => left_out.push(id.to_string()),
                None => targets.push(d),
            }
        }
        self.targets = targets;
        self.within = within;
        Ok((self, left_out))
    }

    /// The comparison of document `d` (one of `targets`).
    pub fn compare(&self, d: usize) -> Comparison {
        let dtm = self.dtm;
        let prior = Prior::Counts {
            counts: &self.totals,
            size: self.corpus_words,
        };
        let target = Side {
            id: dtm.docs[d].id,
            words: self.sizes[d],
            articles: dtm.docs[d].articles,
        };
        let row = &dtm.rows[d];
        if let Some(w) = self.within.get(d).and_then(Option::as_ref) {
            let others: Vec<usize> = w.others.iter().map(|&o| o as usize).collect();
            let (r_row, r_rates) = dtm.sum_rows(&others);
            let side = Side {
                id: &w.name,
                words: others.iter().map(|&o| self.sizes[o]).sum(),
                articles: others.iter().map(|&o| dtm.docs[o].articles).sum(),
            };
            return self.against(d, target, (&r_row, &r_rates), side, &w.others);
        }
        match self.reference {
            Some(r) => {
                let side = Side {
                    id: dtm.docs[r].id,
                    words: self.sizes[r],
                    articles: dtm.docs[r].articles,
                };
                let r32 = [r as u32];
                self.against(d, target, (&dtm.rows[r], &dtm.rates[r]), side, &r32)
            }
            None => {
                // The rest's count of a term is its corpus count minus the target's.
                // So is its count of articles containing the term.
                let mut a = vec![(0u64, 0u64); self.totals.len()];
                let mut target_rates = vec![RateSum::default(); self.totals.len()];
                for (&(t, n, docs), r) in row.iter().zip(dtm.rates[d].iter()) {
                    a[t as usize] = (n, docs);
                    target_rates[t as usize] = *r;
                }
                let rates: Vec<(RateSum, RateSum)> = self
                    .rate_totals
                    .iter()
                    .zip(target_rates)
                    .map(|(all, t)| (t, all.minus(&t)))
                    .collect();
                let terms: Vec<TermId> = (0..self.totals.len() as TermId).collect();
                let counts: Vec<(u64, u64)> = self
                    .totals
                    .iter()
                    .zip(&a)
                    .map(|(&n, &(a, _))| (a, n - a))
                    .collect();
                let docs: Vec<(u64, u64)> = self
                    .article_freqs
                    .iter()
                    .zip(&a)
                    .map(|(&n, &(_, a))| (a, n - a))
                    .collect();
                let rest = Side {
                    id: REST,
                    words: self.corpus_words - target.words,
                    articles: self.corpus_articles - target.articles,
                };
                let data = Counts {
                    terms: &terms,
                    counts: &counts,
                    docs: &docs,
                    rates: &rates,
                };
                let sides = Sides {
                    target: d as u32,
                    reference: None,
                };
                let by = self.by_article.as_ref().map(|b| (b, sides)).map_err(|e| *e);
                compare(target, rest, data, prior, &self.texts, self.spec, by)
            }
        }
    }

    /// Target `d` against a reference of the documents `reference_docs`,
    /// whose summed row is `reference`: the terms of both, with their counts
    /// on each side, the prior as `--prior` says.
    fn against(
        &self,
        d: usize,
        target: Side<'_>,
        reference: (&[TermCount], &[RateSum]),
        side: Side<'_>,
        reference_docs: &[u32],
    ) -> Comparison {
        let dtm = self.dtm;
        let (terms, counts, docs, rates) = union((&dtm.rows[d], &dtm.rates[d]), reference);
        let prior = match self.spec.prior {
            PriorFrom::Corpus => Prior::Counts {
                counts: &self.totals,
                size: self.corpus_words,
            },
            // The two sides' pooled counts: α_w = a + b, α0 = T + R.
            PriorFrom::Pair => Prior::Pooled,
        };
        let data = Counts {
            terms: &terms,
            counts: &counts,
            docs: &docs,
            rates: &rates,
        };
        let sides = Sides {
            target: d as u32,
            reference: Some(reference_docs),
        };
        let by = self.by_article.as_ref().map(|b| (b, sides)).map_err(|e| *e);
        compare(target, side, data, prior, &self.texts, self.spec, by)
    }
}

/// The row of a scored term (direction to be set by the caller).
fn key_row(
    (target_id, reference_id): &(Arc<str>, Arc<str>),
    target: &Side<'_>,
    reference: &Side<'_>,
    (term, display): (Arc<str>, Arc<str>),
    s: &TermScores,
) -> KeyRow {
    KeyRow {
        target: target_id.clone(),
        reference: reference_id.clone(),
        term,
        display,
        direction: "",
        target_count: s.a,
        reference_count: s.b,
        target_per_1000: per_1000(s.a, target.words),
        reference_per_1000: per_1000(s.b, reference.words),
        target_words: target.words,
        reference_words: reference.words,
        denominator: "",
        g2: s.g2,
        g2_williams: s.g2_williams,
        p: s.p,
        p_adj: s.p_adj,
        p_from: P_FROM,
        chi2: s.chi2,
        log_ratio: s.log_ratio,
        log_odds: s.log_odds,
        z: s.z,
        target_docs: 0,
        reference_docs: 0,
        target_articles: target.articles,
        reference_articles: reference.articles,
        doc_g2: 0.0,
        doc_log_ratio: 0.0,
        lrc: 0.0,
        top_article_share: None,
        carried_by_one_article: false,
        welch_t: None,
        welch_df: None,
        welch_p: None,
        welch_p_adj: None,
        dp: None,
        dp_norm: None,
        perm_p: None,
        perm_p_adj: None,
        perm_draws: None,
        perm_exact: None,
        perm_at_cap: None,
    }
}

/// The article × term matrix with the sides of one comparison, or why there is none.
type ByArticleOf<'b, 'm, 's> = std::result::Result<(&'b ByArticle<'m>, Sides<'s>), &'static str>;

/// Each permutation p with its Benjamini–Hochberg adjustment over the terms
/// that have one.
fn permutation_tests(perms: Vec<Option<PermP>>) -> Vec<Option<(PermP, f64)>> {
    let p: Vec<f64> = perms.iter().flatten().map(|q| q.p).collect();
    let mut adjusted = benjamini_hochberg(&p).into_iter();
    perms
        .into_iter()
        .map(|q| q.and_then(|q| adjusted.next().map(|adj| (q, adj))))
        .collect()
}

/// Welch's test of each kept term on its per-article rates, with its p
/// adjusted by Benjamini–Hochberg over the kept terms that have a test (none
/// when a side has fewer than 2 articles).
fn welch_tests(
    keep: &[usize],
    rates: &[(RateSum, RateSum)],
    t_articles: u64,
    r_articles: u64,
) -> Vec<Option<(articles::Welch, f64)>> {
    let sums = |n: u64, r: &RateSum| {
        let (sum, sum_sq) = r.sums();
        articles::RateSums { n, sum, sum_sq }
    };
    let tests: Vec<Option<articles::Welch>> = keep
        .iter()
        .map(|&i| {
            let (t, r) = &rates[i];
            articles::welch(&sums(t_articles, t), &sums(r_articles, r))
        })
        .collect();
    let p: Vec<f64> = tests.iter().flatten().map(|w| w.p).collect();
    let mut adjusted = benjamini_hochberg(&p).into_iter();
    tests
        .into_iter()
        .map(|w| w.and_then(|w| adjusted.next().map(|adj| (w, adj))))
        .collect()
}

/// The columns that count articles: those containing the term on each side,
/// text-dispersion G² and Log Ratio, and LRC with `tested` as the Bonferroni
/// family.
fn article_columns(row: &mut KeyRow, (t_docs, r_docs): (u64, u64), tested: u64) {
    row.target_docs = t_docs;
    row.reference_docs = r_docs;
    (row.doc_g2, row.doc_log_ratio) =
        articles::doc_g2(t_docs, row.target_articles, r_docs, row.reference_articles);
    row.lrc = articles::lrc(
        row.target_count,
        row.target_words,
        row.reference_count,
        row.reference_words,
        LRC_ALPHA,
        tested,
    );
}

/// LRC's confidence level: 95%, before the Bonferroni factor.
pub const LRC_ALPHA: f64 = 0.05;

/// "over" when a/`a_words` > b/`b_words`, "under" when less, `None` for equal
/// rates (exact: the products are compared as integers).
fn direction(a: u64, a_words: u64, b: u64, b_words: u64) -> Option<&'static str> {
    match (u128::from(a) * u128::from(b_words)).cmp(&(u128::from(b) * u128::from(a_words))) {
        std::cmp::Ordering::Greater => Some("over"),
        std::cmp::Ordering::Less => Some("under"),
        std::cmp::Ordering::Equal => None,
    }
}

/// The term ids of two sorted rows together, with (left, right) counts,
/// (left, right) counts of articles containing them and (left, right)
/// per-article rates.
#[allow(clippy::type_complexity)]
fn union(
    (x, xr): (&[(TermId, u64, u64)], &[RateSum]),
    (y, yr): (&[(TermId, u64, u64)], &[RateSum]),
) -> (
    Vec<TermId>,
    Vec<(u64, u64)>,
    Vec<(u64, u64)>,
    Vec<(RateSum, RateSum)>,
) {
    let (mut terms, mut counts, mut docs, mut rates) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    let none = ((0, 0, 0), RateSum::default());
    let at = |v: &[(TermId, u64, u64)], r: &[RateSum], k: usize| {
        v.get(k)
            .map(|&e| (e, r.get(k).copied().unwrap_or_default()))
    };
    loop {
        let (t, p, q) = match (at(x, xr, i), at(y, yr, j)) {
            (Some(p), Some(q)) if p.0 .0 == q.0 .0 => {
                i += 1;
                j += 1;
                (p.0 .0, p, q)
            }
            (Some(p), Some(q)) if p.0 .0 < q.0 .0 => {
                i += 1;
                (p.0 .0, p, none)
            }
            (Some(p), None) => {
                i += 1;
                (p.0 .0, p, none)
            }
            (_, Some(q)) => {
                j += 1;
                (q.0 .0, none, q)
            }
            (None, None) => break,
        };
        terms.push(t);
        counts.push((p.0 .1, q.0 .1));
        docs.push((p.0 .2, q.0 .2));
        rates.push((p.1, q.1));
    }
    (terms, counts, docs, rates)
}

/// One comparison on counts already gathered: `terms` sorted, `counts[i]` =
/// (target, reference) counts of `terms[i]`; the prior's counts are by term
/// id. Only the terms with at least
/// `min_count` occurrences are scored (the others are left out of every row
/// and of the Benjamini–Hochberg adjustment alike).
/// The terms of one comparison, index-aligned: their ids, (target, reference)
/// counts, and (target, reference) counts of articles containing them.
struct Counts<'c> {
    terms: &'c [TermId],
    counts: &'c [(u64, u64)],
    docs: &'c [(u64, u64)],
    /// (target, reference) per-article rates.
    rates: &'c [(RateSum, RateSum)],
}

fn compare(
    target: Side<'_>,
    reference: Side<'_>,
    data: Counts<'_>,
    prior: Prior<'_>,
    texts: &Texts,
    spec: &KeynessSpec,
    by_article: ByArticleOf<'_, '_, '_>,
) -> Comparison {
    let Counts {
        terms,
        counts,
        docs,
        rates,
    } = data;
    let opts = &spec.options;
    let min_count = opts.min_count.max(1);
    let keep: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].0.saturating_add(counts[i].1) >= min_count)
        .collect();
    let kept: Vec<(u64, u64)> = keep.iter().map(|&i| counts[i]).collect();
    let kept_prior: Vec<u64>;
    let prior = match prior {
        Prior::Pooled => Prior::Pooled,
        Prior::Counts { counts: pc, size } => {
            kept_prior = keep
                .iter()
                .map(|&i| pc.get(terms[i] as usize).copied().unwrap_or(0))
                .collect();
            Prior::Counts {
                counts: &kept_prior,
                size,
            }
        }
    };
    let scores = score_terms(&kept, target.words, reference.words, prior, opts);
    let ids: (Arc<str>, Arc<str>) = (target.id.into(), reference.id.into());
    let welch = welch_tests(&keep, rates, target.articles, reference.articles);
    let perms = match by_article {
        Ok((by, sides)) => {
            let ids: Vec<TermId> = keep.iter().map(|&i| terms[i]).collect();
            permutation_tests(by.permutation(sides, &ids, &spec.permutations))
        }
        Err(_) => vec![None; keep.len()],
    };
    let target_words = by_article.ok().map(|(by, sides)| by.target_words(sides));
    let mut over = Vec::new();
    let mut under = Vec::new();
    for (((&i, s), w), perm) in keep.iter().zip(&scores).zip(welch).zip(perms) {
        // Over- or under-used by the observed rates a/|T| vs b/|R|, never by
        // the sign of a smoothed score (Log Ratio's 0.5 for a zero, the
        // log-odds prior), which can point the other way.
        let Some(direction) = direction(s.a, target.words, s.b, reference.words) else {
            continue;
        };
        let mut row = key_row(&ids, &target, &reference, texts.get(terms[i] as usize), s);
        row.denominator = spec.denominator.name();
        let family = match spec.lrc_family {
            LrcFamily::Terms => keep.len() as u64,
            LrcFamily::None => 1,
        };
        article_columns(&mut row, docs[i], family);
        row.top_article_share = (s.a > 0).then(|| rates[i].0.top as f64 / s.a as f64);
        row.carried_by_one_article =
            direction == "over" && carried_by_one_article(row.top_article_share, docs[i].0);
        if let Some((w, adj)) = w {
            (row.welch_t, row.welch_df, row.welch_p) = (Some(w.t), Some(w.df), Some(w.p));
            row.welch_p_adj = Some(adj);
        }
        // DP over a single article is 0 by definition: no dispersion to speak of.
        if let (Ok((by, sides)), Some(words), true) =
            (by_article, target_words, target.articles >= 2)
        {
            if let Some(d) = by.dispersion(sides, words, terms[i]) {
                (row.dp, row.dp_norm) = (Some(d.dp), Some(d.dp_norm));
            }
        }
        if let Some((p, adj)) = perm {
            (row.perm_p, row.perm_p_adj) = (Some(p.p), Some(adj));
            (row.perm_draws, row.perm_exact) = (Some(p.draws), Some(p.exact));
            row.perm_at_cap = Some(p.at_cap);
        }
        let v = spec.measure.score(s);
        if direction == "over" {
            over.push((v, KeyRow { direction, ..row }));
        } else {
            under.push((v, KeyRow { direction, ..row }));
        }
    }
    over.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.term.cmp(&b.1.term)));
    under.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.term.cmp(&b.1.term)));
    Comparison {
        target: target.id.to_string(),
        reference: reference.id.to_string(),
        target_words: target.words,
        reference_words: reference.words,
        tested: keep.len(),
        left_out: counts.len() - keep.len(),
        by_article_missing: by_article.err(),
        over_significant: over.iter().filter(|(_, r)| r.p_adj < ALPHA).count(),
        under_significant: under.iter().filter(|(_, r)| r.p_adj < ALPHA).count(),
        over: over.into_iter().map(|(_, r)| r).collect(),
        under: under.into_iter().map(|(_, r)| r).collect(),
    }
}
