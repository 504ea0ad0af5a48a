//! The report: every number `framelens report` publishes, computed once. The
//! exporters (JSON, CSV, HTML, Markdown, charts) only format it; this is the
//! only place report types are defined, and the only `Serialize` types of the
//! report (`analysis.json` is this struct).

use serde::Serialize;

use crate::analysis::keyness::{Comparison, KeyRow};
use crate::analysis::similarity::Similarity;
use crate::lexicon::{AuditRow, HitRecord, KwicLine, LexiconScores};

pub use crate::analysis::SCHEMA_VERSION;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub settings: Settings,
    pub corpus: CorpusSection,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub terms: Vec<TermRow>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub surface_forms: Vec<SurfaceFormRow>,
    pub tfidf: TfidfSection,
    pub keyness: KeynessSection,
    pub similarity: Similarity,
    pub lexicon: LexiconSection,
    /// Per source, every term frequency sorted descending (the rank–frequency plot).
    #[serde(skip)]
    pub zipf: Vec<(String, Vec<u64>)>,
    /// The corpus files read, with their hashes, sorted by path (for the manifest).
    #[serde(skip)]
    pub inputs: Vec<crate::partial::InputFile>,
    /// The lexicon file as read and parsed (for the manifest).
    #[serde(skip)]
    pub lexicon_file: crate::partial::InputFile,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub corpus: String,
    pub lexicon: String,
    pub analyzer: crate::analyze::AnalyzerConfig,
    pub tokenizer: &'static str,
    pub stemmer: &'static str,
    pub tfidf_variant: &'static str,
    pub tfidf_formula: String,
    pub keyness_measure: &'static str,
    pub keyness_formula: &'static str,
    pub keyness_min_count: u64,
    pub log_odds_prior: &'static str,
    pub top: usize,
    pub bootstrap_resamples: u32,
    pub bootstrap_seed: u64,
    pub confidence: f64,
    pub kwic_window: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorpusSection {
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub sources: Vec<SourceRow>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub articles: Vec<ArticleRow>,
    pub skipped_empty: u64,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub source: String,
    pub name: String,
    pub url: Option<String>,
    pub language: String,
    pub notes: Option<String>,
    pub articles: u64,
    pub words: u64,
    /// Distinct terms (stems after stopword removal).
    pub terms: u64,
    /// Term occurrences counted (WC minus stopwords, plus n-grams when enabled).
    pub term_tokens: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub article: String,
    pub source: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub words: u64,
    pub sentences: u64,
}

/// A term in a source: count, rate, articles containing it.
#[derive(Debug, Clone, Serialize)]
pub struct TermRow {
    pub source: String,
    pub term: String,
    pub display: String,
    pub count: u64,
    pub per_1000: f64,
    pub doc_freq: u64,
}

/// A surface form behind a term, corpus-wide.
#[derive(Debug, Clone, Serialize)]
pub struct SurfaceFormRow {
    pub term: String,
    pub display: String,
    pub form: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TfidfSection {
    pub variant: &'static str,
    pub formula: String,
    pub norm: &'static str,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub rows: Vec<TfidfRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TfidfRow {
    pub source: String,
    pub term: String,
    pub display: String,
    pub count: u64,
    pub df: u64,
    pub tf: f64,
    pub idf: f64,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeynessSection {
    pub measure: &'static str,
    pub formula: &'static str,
    pub min_count: u64,
    /// One-vs-rest for every source; every tested term.
    pub comparisons: Vec<Comparison>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LexiconSection {
    pub path: String,
    pub name: String,
    pub version: String,
    pub license: String,
    pub description: String,
    pub categories: Vec<CategoryInfo>,
    pub actors: Vec<ActorInfo>,
    pub distancing: Vec<String>,
    pub by_source: LexiconScores,
    pub by_article: LexiconScores,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub hits: Vec<HitRecord>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub kwic: Vec<KwicLine>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub audit: Vec<AuditRow>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryInfo {
    pub id: String,
    pub label: String,
    pub description: String,
    pub weight: f64,
    pub entries: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorInfo {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
}

impl Report {
    /// The top `settings.top` TF-IDF rows of a source, by weight: what the
    /// page, the README and the chart show.
    pub fn top_tfidf<'a>(&'a self, source: &'a str) -> impl Iterator<Item = &'a TfidfRow> + 'a {
        self.tfidf
            .rows
            .iter()
            .filter(move |r| r.source == source)
            .take(self.settings.top)
    }

    /// The `n` most over-used, then the `n` most under-used terms of a comparison.
    pub fn top_keyness(c: &Comparison, n: usize) -> impl Iterator<Item = &KeyRow> {
        c.over.iter().take(n).chain(c.under.iter().take(n))
    }

    /// The display name of a source id ("" when unknown).
    pub fn source_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.corpus
            .sources
            .iter()
            .find(|s| s.source == id)
            .map(|s| s.name.as_str())
            .unwrap_or(id)
    }

    pub fn category_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.lexicon
            .categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.label.as_str())
            .unwrap_or(id)
    }

    pub fn actor_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.lexicon
            .actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.label.as_str())
            .unwrap_or(id)
    }
}
