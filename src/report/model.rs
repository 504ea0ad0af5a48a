//! The report: what `framelens report` shows, computed once. The exporters
//! (JSON, HTML, Markdown, charts) only format it; this is the only place report
//! types are defined, and the only `Serialize` types of the report
//! (`analysis.json` is this struct).
//!
//! Bounded: the model holds what a reader sees — per source its summary and
//! the top rows of each table, the totals, the parameters — and, for each full
//! table, the file in `data/` that has every row (written as the rows are made,
//! `build`), its row count and its columns. Nothing here grows with the number
//! of articles, hits or terms; it grows with the sources.

use serde::Serialize;

use crate::analysis::keyness::{Comparison, KeyRow};
use crate::analysis::similarity::Similarity;
use crate::lexicon::{AuditRow, KwicLine, LexiconScores};

pub use crate::analysis::SCHEMA_VERSION;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub settings: Settings,
    /// The sources the page shows one by one (findings, per-source tables
    /// and charts): all, or past `--show-sources` the largest by words.
    pub shown_sources: Vec<String>,
    pub corpus: CorpusSection,
    /// Every table in `data/`: its file, its rows and its columns.
    pub tables: Vec<TableInfo>,
    /// The `settings.top` most frequent terms of each source.
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub terms: Vec<TermRow>,
    pub tfidf: TfidfSection,
    pub keyness: KeynessSection,
    /// One matrix per language of two or more sources (one, with no
    /// language, when the corpus has one language): sources of different
    /// languages are not compared.
    pub similarity: Vec<LanguageSimilarity>,
    pub lexicon: LexiconSection,
    /// When sources belong to groups: the group comparison the page leads
    /// with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupSection>,
    /// The sentences behind the key terms the findings name.
    pub key_lines: KeyLines,
    /// The first articles (the page's articles table; all are in `data/articles.csv`).
    #[serde(skip)]
    pub articles: Vec<ArticleRow>,
    /// Per source, every term frequency sorted descending (the rank–frequency plot).
    #[serde(skip)]
    pub zipf: Vec<(String, Vec<u64>)>,
    /// Per comparison, every tested term's corpus frequency and log-odds z
    /// (the fightin' words scatter), and the labelled terms.
    #[serde(skip)]
    pub scatter: Vec<Scatter>,
    /// The lexicon file as read and parsed (for the manifest).
    #[serde(skip)]
    pub lexicon_file: crate::partial::InputFile,
    /// The corpus files read: how many, their bytes, the SHA-256 of their list
    /// (`data/inputs.csv`), for the manifest.
    #[serde(skip)]
    pub inputs: InputsDigest,
}

/// The concordance lines of the key terms the findings name: for each
/// unit the page shows (a group, a shown source) and each term its findings
/// list, the first lines in (article id, position) order. Read from the
/// corpus text in a second pass (`analysis::concordance`), after keyness
/// has said which terms are key; bounded by the findings shown.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KeyLines {
    /// Lines kept per term.
    pub per_term: usize,
    /// Why there are no lines: the text could not be read again (a report
    /// from partials without `--corpus`, a corpus read from standard input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub terms: Vec<KeyTerm>,
    /// The titles of the articles quoted (by source, then article id).
    #[serde(skip)]
    pub titles: std::collections::BTreeMap<(String, String), String>,
}

/// One key term of one unit and its lines.
#[derive(Debug, Clone, Serialize)]
pub struct KeyTerm {
    /// "group" or "source".
    pub unit_type: &'static str,
    pub unit: String,
    pub term: String,
    pub display: String,
    /// Its occurrences in the unit (the keyness count).
    pub count: u64,
    /// The page's anchor of its lines (`#lines-s1-3`).
    pub anchor: String,
    /// The page's anchor of the findings that name it (`#source-1`).
    #[serde(skip)]
    pub findings: String,
    pub lines: Vec<KwicLine>,
}

impl GroupSection {
    /// Who carries `term` in `group`, when one source does.
    pub fn carrier(&self, group: &str, term: &str) -> Option<&CarriedTerm> {
        self.carried
            .iter()
            .find(|c| c.group == group && c.term == term)
    }
}

impl KeyLines {
    /// The anchor of `term`'s lines in `unit`, when it has lines.
    pub fn anchor(&self, unit_type: &str, unit: &str, term: &str) -> Option<&str> {
        self.terms
            .iter()
            .find(|t| t.unit_type == unit_type && t.unit == unit && t.term == term)
            .filter(|t| !t.lines.is_empty())
            .map(|t| t.anchor.as_str())
    }
}

/// A full table in `data/`.
/// The similarity of the sources of one language (`language`: `None` when
/// the corpus has one language).
#[derive(Debug, Clone, Serialize)]
pub struct LanguageSimilarity {
    pub language: Option<String>,
    #[serde(flatten)]
    pub similarity: Similarity,
}

/// The groups of the sources (a party, a country, an owner): each group's
/// counts are the sums of its sources' (`--by group`), a source without a
/// group stands alone.
#[derive(Debug, Clone, Serialize)]
pub struct GroupSection {
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub units: Vec<GroupRow>,
    /// Each group against the other groups of its language together: the
    /// `settings.top` most over- and under-used terms (every tested term is
    /// in `data/keyness_groups.csv`).
    pub comparisons: Vec<Comparison>,
    /// The over-used terms above that one source of the group carries.
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub carried: Vec<CarriedTerm>,
    /// Lexicon scores by group (`data/lexicon_groups.csv`).
    pub lexicon: LexiconScores,
}

/// A group's over-used term that one of its sources carries: at least half
/// of the group's uses from `source`, and at most two of its sources use it.
#[derive(Debug, Clone, Serialize)]
pub struct CarriedTerm {
    pub group: String,
    pub term: String,
    pub source: String,
    /// The uses from `source`.
    pub count: u64,
    /// The group's sources that use the term.
    pub sources_using: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub group: String,
    pub sources: Vec<String>,
    pub language: String,
    /// A source without a group, standing alone.
    pub ungrouped: bool,
    pub articles: u64,
    pub words: u64,
}

/// The sources of one language, in source order.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageGroup {
    /// ISO 639-1 code (`mul`: sources whose articles are in several).
    pub language: String,
    /// "Spanish (es)".
    pub label: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    pub name: &'static str,
    pub file: String,
    pub rows: u64,
    pub columns: Vec<&'static str>,
}

/// The corpus files read, summarized (the list is `data/inputs.csv`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct InputsDigest {
    pub files: u64,
    pub bytes: u64,
    /// SHA-256 of `data/inputs.csv` (path, bytes and SHA-256 of every file, sorted by path).
    pub list_sha256: String,
}

/// One fightin' words scatter.
#[derive(Debug, Clone, Default)]
pub struct Scatter {
    pub target: String,
    /// (corpus frequency, z) of every tested term.
    pub points: Vec<(f64, f64)>,
    /// The terms with the largest |z|: (frequency, z, display form).
    pub labelled: Vec<(f64, f64, String)>,
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
    /// `--show-sources`.
    pub show_sources: usize,
    pub bootstrap_resamples: u32,
    pub bootstrap_seed: u64,
    pub confidence: f64,
    pub kwic_window: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorpusSection {
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub sources: Vec<SourceRow>,
    /// The sources by language, languages in code order. With more than
    /// one, term keyness, TF-IDF and similarity are within each language.
    pub languages: Vec<LanguageGroup>,
    /// Articles read (each is a row of `data/articles.csv`).
    pub articles: u64,
    pub skipped_empty: u64,
    /// The reader's warnings: the first [`MAX_WARNINGS`] (all are in `data/warnings.csv`).
    pub warnings: Vec<String>,
    /// How many warnings there are in all.
    pub warnings_total: u64,
}

/// Warnings listed in `analysis.json` and on the page.
pub const MAX_WARNINGS: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    pub source: String,
    pub name: String,
    pub url: Option<String>,
    pub language: String,
    pub notes: Option<String>,
    /// Its group (party, country, owner), if any.
    pub group: Option<String>,
    pub articles: u64,
    pub words: u64,
    /// Distinct terms (stems after stopword removal).
    pub terms: u64,
    /// Term occurrences counted (WC minus stopwords, plus n-grams when enabled).
    pub term_tokens: u64,
    /// Its first over-used terms by keyness (display forms), for the sources
    /// table, which lists every source (filled once keyness is made).
    #[serde(skip)]
    pub leading: Vec<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct TfidfSection {
    pub variant: &'static str,
    pub formula: String,
    pub norm: &'static str,
    /// The `settings.top` terms of each source by weight.
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
    /// One-vs-rest for every source: the `settings.top` most over- and
    /// under-used terms (every tested term is in `data/keyness.csv`); with
    /// `article_tests.applied`, the over-used ones are those that pass the
    /// article-level tests.
    pub comparisons: Vec<Comparison>,
    pub article_tests: ArticleTests,
    /// A source of fewer words than this is small: most terms of the rest are
    /// absent from it by its size alone, so its rows are ranked by log-odds z
    /// (which shrinks small counts toward the prior) instead of by G².
    pub small_source_words: u64,
    /// The small sources, whose shown rows are ranked by z.
    pub ranked_by_z: Vec<String>,
}

/// Whether the report leads with article-robust terms: when every source has
/// at least `min_articles` articles, the over-used terms shown are those that
/// pass Welch's test on per-article rates (BH-adjusted p < 0.05; and the
/// permutation test where it ran) and are not carried by one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleTests {
    pub min_articles: u64,
    /// The fewest articles of a source.
    pub fewest_articles: u64,
    pub applied: bool,
    /// Per comparison (in order): the over-used terms significant by G² that
    /// the article-level tests left out.
    pub demoted: Vec<usize>,
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
    /// Per source: (actor, category) → the matched forms with their counts,
    /// most frequent first (who is called what, in which words).
    pub target_forms: Vec<TargetForms>,
    /// A sample of concordance lines: the first per source × category.
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub kwic: Vec<KwicLine>,
    /// The titles of the articles of the KWIC sample (by article id).
    #[serde(skip)]
    pub kwic_titles: std::collections::BTreeMap<String, String>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub audit: Vec<AuditRow>,
    pub warnings: Vec<String>,
}

/// The forms of the hits of one category aimed at one actor, in one source.
#[derive(Debug, Clone, Serialize)]
pub struct TargetForms {
    pub source: String,
    pub actor: String,
    pub category: String,
    pub forms: Vec<(String, u64)>,
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
    /// False for a report made with `--lexicon none`: its lexicon sections
    /// (findings, charts, tables, concordance, methods) are left out.
    pub fn has_lexicon(&self) -> bool {
        !(self.lexicon_file.path == crate::lexicon::NO_LEXICON
            && self.lexicon.categories.is_empty()
            && self.lexicon.actors.is_empty())
    }

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
    /// The corpus has sources in more than one language: term keyness,
    /// TF-IDF and similarity were computed within each.
    pub fn by_language(&self) -> bool {
        self.corpus.languages.len() > 1
    }

    /// The language group of source `id`.
    pub fn language_of(&self, id: &str) -> Option<&LanguageGroup> {
        self.corpus
            .languages
            .iter()
            .find(|g| g.sources.iter().any(|s| s == id))
    }

    /// Whether the page shows `source` one by one.
    pub fn shown(&self, source: &str) -> bool {
        self.shown_sources.iter().any(|s| s == source)
    }

    /// Whether the page shows some sources only in the tables of all.
    pub fn thinned(&self) -> bool {
        self.shown_sources.len() < self.corpus.sources.len()
    }

    /// What the page shows: this report with its per-source parts (keyness
    /// comparisons, scatter and Zipf points, TF-IDF rows, lexicon scores,
    /// concordance lines, target forms) kept to the shown sources. The
    /// statistics are those of the whole corpus; `analysis.json` and `data/`
    /// keep every source.
    pub fn for_page(&self) -> Report {
        let mut r = self.clone();
        if !self.thinned() {
            return r;
        }
        let keep = |s: &str| self.shown(s);
        let k = &mut r.keyness;
        if k.article_tests.demoted.len() == k.comparisons.len() {
            let demoted: Vec<usize> = k
                .comparisons
                .iter()
                .zip(&k.article_tests.demoted)
                .filter(|(c, _)| keep(&c.target))
                .map(|(_, d)| *d)
                .collect();
            k.article_tests.demoted = demoted;
        }
        k.comparisons.retain(|c| keep(&c.target));
        k.ranked_by_z.retain(|s| keep(s));
        r.scatter.retain(|s| keep(&s.target));
        r.zipf.retain(|(s, _)| keep(s));
        r.tfidf.rows.retain(|row| keep(&row.source));
        r.lexicon.by_source.units.retain(|u| keep(&u.unit));
        r.lexicon.kwic.retain(|l| keep(&l.source));
        r.lexicon.target_forms.retain(|t| keep(&t.source));
        r.key_lines
            .terms
            .retain(|t| t.unit_type != "source" || keep(&t.unit));
        r
    }

    /// Whether `source`'s keyness rows are ranked by z (a small source).
    pub fn ranked_by_z(&self, source: &str) -> bool {
        self.keyness.ranked_by_z.iter().any(|s| s == source)
    }

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
