//! The analysis layer: one pass over a corpus into mergeable statistics
//! ([`collect`]), and from them the typed model that every command and the
//! report only select from and render.
//!
//! ```text
//! corpus ──collect──▶ Collection ──into_stats──▶ partial::Stats ──(count / merge / report --stats)
//!                        │                              │
//!                        ▼                              ▼
//!                  Dtm (documents × terms, ids in text order)
//!                        │
//!                        ▼
//!   terms · tfidf · keyness · similarity · lexicon scores  (typed rows)
//! ```
//!
//! Every term statistic starts from one shape, [`dtm::Dtm`]: for each document
//! (a source or an article), its terms as (id, count, articles) sorted by id,
//! where ids are ranks in text order. Built from the fast path's ranked counts,
//! from string-keyed counts (a partial, per-article counts) or from anything
//! else, it gives the same ids for the same terms, so every sum runs in the same
//! order and every output is the same bytes whichever way it was counted.
//!
//! Invariants: nothing here prints or writes files; every function of the
//! model is deterministic for any thread count; floats are computed after the
//! integer counts are complete.

pub mod by_article;
pub mod collect;
pub mod concordance;
pub mod dtm;
pub mod groups;
pub mod keyness;
pub mod lexicon;
pub mod similarity;
pub mod terms;
pub mod tfidf;

use std::collections::BTreeMap;

use crate::analyze::AnalyzerConfig;
use crate::error::{Error, Result};

/// Version of the JSON and CSV layouts (commands and `reports/`); bumped when a
/// field changes meaning or a table moves. 2: `analysis.json` holds the top
/// rows of each table and, under `tables`, each full table's file in `data/`,
/// row count and columns; the manifest summarizes the inputs (their list is
/// `data/inputs.csv`). 3: `analysis.json`'s `similarity` is a list, one matrix
/// per language (`language`: null when the corpus has one), and
/// `corpus.languages` groups the sources by language.
pub const SCHEMA_VERSION: u32 = 3;

/// The unit a statistic is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Source,
    Article,
    /// Source groups (`--by group`): each group the sum of its sources
    /// ([`groups`]).
    Group,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Source => "source",
            Unit::Article => "article",
            Unit::Group => "group",
        }
    }
}

impl std::str::FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "source" => Ok(Unit::Source),
            "article" => Ok(Unit::Article),
            "group" => Ok(Unit::Group),
            _ => Err(format!("unknown unit '{s}' (source, article, group)")),
        }
    }
}

/// A document of a statistic (a source, or one article): what its heading shows.
#[derive(Debug, Clone, Copy)]
pub struct DocHead<'a> {
    pub id: &'a str,
    pub source: &'a str,
    /// The source's display name ("" when the corpus gives none).
    pub name: &'a str,
    pub articles: u64,
    pub words: u64,
}

/// The documents of `dtm` by the language of their source (`language_of`
/// a source id), languages in code order, documents in `dtm` order. Term
/// keyness, TF-IDF and similarity compare sources of one language: stems of
/// different languages are different words. A source of several languages
/// (`mul`) is compared with the other such sources.
pub fn by_language<'s>(
    dtm: &dtm::Dtm<'_>,
    language_of: impl Fn(&str) -> &'s str,
) -> Vec<(&'s str, Vec<usize>)> {
    let mut by: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (d, h) in dtm.docs.iter().enumerate() {
        by.entry(language_of(h.source)).or_default().push(d);
    }
    by.into_iter().collect()
}

/// "English (en): a, b; Spanish (es): c": the sources of each language, for
/// the line that says statistics are within a language.
pub fn languages_line(dtm: &dtm::Dtm<'_>, parts: &[(&str, Vec<usize>)]) -> String {
    parts
        .iter()
        .map(|(l, docs)| {
            let ids: Vec<&str> = docs
                .iter()
                .filter_map(|&d| dtm.docs.get(d))
                .map(|h| h.id)
                .collect();
            let name =
                crate::language::name(l).map_or_else(|| (*l).to_string(), |n| format!("{n} ({l})"));
            format!("{name}: {}", ids.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The analyzer settings as printed in JSON output.
#[derive(serde::Serialize)]
pub struct AnalyzerInfo<'a> {
    #[serde(flatten)]
    pub config: &'a AnalyzerConfig,
    pub tokenizer: &'static str,
    pub stemmer: &'static str,
}

impl<'a> AnalyzerInfo<'a> {
    pub fn new(config: &'a AnalyzerConfig) -> Self {
        AnalyzerInfo {
            config,
            tokenizer: "Unicode UAX #29 words (unicode-segmentation), hyphenated compounds joined",
            stemmer: if config.stem {
                "Snowball (rust-stemmers 1.2; same output as R SnowballC 0.7)"
            } else {
                "none"
            },
        }
    }
}

/// Every source in `wanted` (`--source`, `--vs`) must be one of `known`; else a
/// usage error that lists the known ones.
pub fn check_sources<'a, V>(
    wanted: impl IntoIterator<Item = &'a String>,
    known: &BTreeMap<String, V>,
) -> Result<()> {
    match wanted.into_iter().find(|s| !known.contains_key(*s)) {
        Some(s) => Err(Error::Usage(format!(
            "unknown source '{s}'; known sources: {}",
            known.keys().cloned().collect::<Vec<_>>().join(", ")
        ))),
        None => Ok(()),
    }
}

/// Whether rows of `source` are shown under `--source` (`sources`; empty = all).
pub fn shows(sources: &[String], source: &str) -> bool {
    sources.is_empty() || sources.iter().any(|s| s == source)
}

/// Rate per 1,000 words.
pub fn per_1000(count: u64, words: u64) -> f64 {
    if words == 0 {
        0.0
    } else {
        1000.0 * count as f64 / words as f64
    }
}

#[cfg(test)]
mod tests;
