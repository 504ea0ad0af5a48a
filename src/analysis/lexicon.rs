//! Lexicon statistics from a collection: the units (sources, or articles) with
//! their lexicon counts, their scores (`lexicon::score`: rates, bootstrap CIs,
//! G² against the rest, voices, targets), and one row per unit × category with
//! every number, which the command and the report select columns from.

use serde::Serialize;

use crate::lexicon::{ArticleLexStats, LexiconScores, Voice};
use crate::partial::{ArticleId, Stats};

use super::groups::Groups;
use super::Unit;

/// The lexicon counts of each unit: each source (the sum of its articles, in
/// source order), or each article (in `order`, or in the statistics' order:
/// source, then article id in natural order).
pub fn units(
    stats: &Stats,
    unit: Unit,
    order: Option<&[(String, ArticleId)]>,
) -> Vec<(String, ArticleLexStats)> {
    match (unit, order) {
        (Unit::Source | Unit::Group, _) => stats.lex_by_source(),
        (Unit::Article, Some(order)) => order
            .iter()
            .filter_map(|k| {
                let a = stats.articles.get(k)?;
                Some((k.1 .0.clone(), a.lex.clone()))
            })
            .collect(),
        (Unit::Article, None) => stats
            .articles
            .iter()
            .map(|((_, id), a)| (id.0.clone(), a.lex.clone()))
            .collect(),
    }
}

/// The lexicon counts of each group of `groups` (in their order): the sum
/// of its sources' articles, taken in article id order (natural), as in the
/// counts of a corpus whose articles were filed under the group's name (the
/// bootstrap over articles draws from them in that order), with the audit
/// forms of its sources summed.
pub fn group_units(stats: &Stats, groups: &Groups) -> Vec<(String, ArticleLexStats)> {
    let mut by: Vec<Vec<(&ArticleId, &ArticleLexStats)>> = vec![Vec::new(); groups.units.len()];
    for ((source, id), a) in &stats.articles {
        if let Some(v) = groups.unit_of(source).and_then(|u| by.get_mut(u)) {
            v.push((id, &a.lex));
        }
    }
    groups
        .units
        .iter()
        .zip(by)
        .filter_map(|(u, mut arts)| {
            arts.sort_by(|a, b| a.0.cmp(b.0));
            let mut it = arts.into_iter();
            let mut sum = it.next()?.1.clone();
            for (_, l) in it {
                sum += l;
            }
            let mut forms: std::collections::BTreeMap<(u16, u32, String), u64> = Default::default();
            for s in &u.sources {
                for (k, n) in stats.forms.get(s).into_iter().flatten() {
                    *forms.entry(k.clone()).or_default() += n;
                }
            }
            sum.forms = forms;
            Some((u.group.clone(), sum))
        })
        .collect()
}

/// One category in one unit, with every number of its score.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRow<'a> {
    pub unit_type: Unit,
    pub unit: &'a str,
    pub wc: u64,
    pub category: &'a str,
    pub label: &'a str,
    pub hits: u64,
    pub covered: u64,
    pub per_1000: f64,
    pub per_1000_lo: Option<f64>,
    pub per_1000_hi: Option<f64>,
    pub percent: f64,
    pub percent_lo: Option<f64>,
    pub percent_hi: Option<f64>,
    /// How the intervals were made (`CiMethod::name`), None without intervals.
    pub ci_method: Option<&'static str>,
    pub weighted_per_1000: f64,
    pub rest_hits: u64,
    pub rest_wc: u64,
    pub rest_per_1000: f64,
    pub g2: f64,
    pub p: f64,
    /// Hits by voice: own, quoted, scare, distanced.
    pub voices: [u64; 4],
}

/// Every unit × category of `scores`, in order; `label` gives a category's label.
pub fn rows<'a>(
    scores: &'a LexiconScores,
    unit_type: Unit,
    label: impl Fn(&'a str) -> &'a str,
) -> Vec<ScoreRow<'a>> {
    scores
        .units
        .iter()
        .flat_map(|u| u.categories.iter().map(move |c| (u, c)))
        .map(|(u, c)| {
            let v = |voice: Voice| {
                c.voices
                    .iter()
                    .find(|x| x.voice == voice)
                    .map_or(0, |x| x.hits)
            };
            ScoreRow {
                unit_type,
                unit: &u.unit,
                wc: u.wc,
                category: &c.category,
                label: label(&c.category),
                hits: c.hits,
                covered: c.covered,
                per_1000: c.per_1000,
                per_1000_lo: c.per_1000_ci.map(|x| x.0),
                per_1000_hi: c.per_1000_ci.map(|x| x.1),
                percent: c.percent,
                percent_lo: c.percent_ci.map(|x| x.0),
                percent_hi: c.percent_ci.map(|x| x.1),
                ci_method: c.ci_method.map(|m| m.name()),
                weighted_per_1000: c.weighted_per_1000,
                rest_hits: c.rest_hits,
                rest_wc: c.rest_wc,
                rest_per_1000: c.rest_per_1000,
                g2: c.g2,
                p: c.p,
                voices: [Voice::Own, Voice::Quoted, Voice::Scare, Voice::Distanced].map(v),
            }
        })
        .collect()
}
