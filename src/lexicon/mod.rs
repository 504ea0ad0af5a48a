//! The loaded-term lexicon (docs/METHODS.md §5): reading lexicons (framelens TOML,
//! LIWC `.dic`, quanteda YAML), finding their entries in analyzed articles with
//! the voice and target of every hit, scoring per source or article, KWIC and
//! the audit of matched forms.
//!
//! Data flow: `Lexicon::load` once → per article (in parallel) `find_hits` and
//! `ArticleLexStats::from_hits` → `+=` per source → `score` and `audit`.
//! Everything after `load` is pure and deterministic; `&Lexicon` is `Sync`.
//!
//! Files: `model` (types, entry compilation, the first-unit index), `toml`,
//! `liwc`, `yaml` (readers), `matcher` (hits, actor mentions, targets), `voice`
//! (quotations, distancing), `score` (rates, bootstrap CI, G²), `kwic`.

mod build;
#[allow(
    clippy::indexing_slicing,
    reason = "token, sentence, category and entry indices come from the matcher's own scan of `Analyzed::tokens` and the compiled lexicon; fuzzed (fuzz/lexicon)"
)]
pub mod kwic;
pub mod liwc;
#[allow(
    clippy::indexing_slicing,
    reason = "token, sentence, category and entry indices come from the matcher's own scan of `Analyzed::tokens` and the compiled lexicon; fuzzed (fuzz/lexicon)"
)]
pub mod matcher;
#[allow(
    clippy::indexing_slicing,
    reason = "pattern-set indices are those of the entries just compiled"
)]
pub mod model;
#[allow(
    clippy::indexing_slicing,
    reason = "category and sentence indices of the compiled lexicon and the analyzed article"
)]
pub mod score;
pub mod toml;
#[allow(
    clippy::indexing_slicing,
    reason = "token, sentence, category and entry indices come from the matcher's own scan of `Analyzed::tokens` and the compiled lexicon; fuzzed (fuzz/lexicon)"
)]
pub mod voice;
pub mod yaml;

use std::path::Path;

pub use kwic::{hit_lines, kwic, token_lines, ArticleRef, KwicLine, KwicPattern, DEFAULT_WINDOW};
pub use matcher::{find_actor_mentions, find_hits, ActorMention, Hit, HitRecord};
pub use model::{describe, Actor, Category, Entry, Lexicon, Matching, Meta, Unit, Warning};
pub use score::{
    audit, poisson_zero_upper, score, score_against, ArticleCells, ArticleLexStats, AuditRow,
    CategoryScore, CiMethod, LexiconScores, ScoreConfig, Totals, UnitScores, ARTICLE_CI_LIMIT,
    CLUSTER_MIN_ARTICLES, DEFAULT_RESAMPLES, DEFAULT_SEED,
};
pub use voice::{dialogue_spans, quote_spans, uses_dialogue_dashes, Voice, SCARE_MAX_WORDS};

use crate::analyze::Analyzer;
use crate::error::{Error, Result};

/// The default lexicon's path, relative to the project root.
pub const DEFAULT_LEXICON: &str = "corpus/lexicon.toml";

/// `--lexicon none`: no lexicon (a file of that name is `./none`).
pub const NO_LEXICON: &str = "none";

impl Lexicon {
    /// No lexicon (`--lexicon none`): no categories, actors or distancing
    /// markers. Quotation marks still give a match its voice.
    pub fn none(language: &str) -> Lexicon {
        Lexicon::new(
            Meta {
                name: NO_LEXICON.to_string(),
                version: String::new(),
                language: language.to_string(),
                description: String::new(),
                license: String::new(),
                matching: Matching::Stem,
            },
            Vec::new(),
            Vec::new(),
            Vec::new(),
        )
    }

    /// Is this [`Lexicon::none`]?
    pub fn is_none(&self) -> bool {
        self.meta.name == NO_LEXICON
            && self.categories.is_empty()
            && self.actors.is_empty()
            && self.distancing.is_empty()
    }

    /// A category's label by its id (the id itself if there is no such category).
    pub fn category_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.label.as_str())
    }

    /// Reads a lexicon, choosing the reader by extension: `.toml` (framelens),
    /// `.dic` (LIWC), `.yml` / `.yaml` (quanteda). Entries are compiled with
    /// `analyzer`, the one that analyzes the text.
    pub fn load(path: &Path, analyzer: &Analyzer) -> Result<(Lexicon, Vec<Warning>)> {
        Lexicon::from_bytes(path, &Lexicon::read(path)?, analyzer)
    }

    /// The bytes of the lexicon file at `path` (a missing default lexicon says
    /// where it was looked for): a regular file of at most
    /// [`crate::corpus::MAX_SETTINGS_FILE_BYTES`].
    pub fn read(path: &Path) -> Result<Vec<u8>> {
        crate::corpus::read_regular_file(path, crate::corpus::MAX_SETTINGS_FILE_BYTES).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound && path == Path::new(DEFAULT_LEXICON) {
                Error::input(
                    path,
                    0,
                    format!("no such file: the default lexicon is {DEFAULT_LEXICON}, relative to the folder framelens runs in (not to --corpus); pass --lexicon FILE"),
                )
            } else {
                Error::io(path, e)
            }
        })
    }

    /// Parses the bytes of a lexicon file (`path`: its name, for the format and
    /// for errors).
    pub fn from_bytes(
        path: &Path,
        bytes: &[u8],
        analyzer: &Analyzer,
    ) -> Result<(Lexicon, Vec<Warning>)> {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let ok = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
                let line = ok.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                let col = ok.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
                return Err(Error::input_at(
                    path,
                    line,
                    col as u64,
                    format!("invalid UTF-8 (byte {})", e.valid_up_to()),
                ));
            }
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "toml" => Lexicon::parse_toml(text, path, analyzer),
            "dic" => liwc::parse_dic(text, path, analyzer),
            "yml" | "yaml" => yaml::parse_yaml(text, path, analyzer),
            _ => Err(Error::input(
                path,
                0,
                "unknown lexicon format: expected a .toml, .dic, .yml or .yaml file",
            )),
        }
    }

    /// A warning (at the lexicon file `path`) for each language of `sources`
    /// (id, language) in which the lexicon has no category terms: those
    /// sources' category rates count nothing, which is not the same as using
    /// no loaded terms. Sources of several languages ([`crate::language::MIXED`])
    /// are not judged; no warning without categories.
    pub fn uncovered_languages<'a>(
        &self,
        path: &Path,
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<Warning> {
        if self.categories.is_empty() {
            return Vec::new();
        }
        let covered = self.languages();
        let mut missing: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for (id, language) in sources {
            if language != crate::language::MIXED && !covered.contains(language) {
                missing.entry(language).or_default().push(id);
            }
        }
        missing
            .into_iter()
            .map(|(language, ids)| {
                let shown: Vec<&str> = ids.iter().take(5).copied().collect();
                let more = if ids.len() > shown.len() {
                    format!(" and {} more", ids.len() - shown.len())
                } else {
                    String::new()
                };
                Warning {
                    path: path.to_path_buf(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "the lexicon has no terms in {}, the language of {} source(s) ({}{more}): their category rates count nothing; give each category a `{language} = [...]` list (README, \"The lexicon\")",
                        crate::language::labelled(language),
                        ids.len(),
                        shown.join(", "),
                    ),
                }
            })
            .collect()
    }

    /// Parses a framelens TOML lexicon (see [`toml`]).
    pub fn parse_toml(
        text: &str,
        path: &Path,
        analyzer: &Analyzer,
    ) -> Result<(Lexicon, Vec<Warning>)> {
        toml::parse_toml(text, path, analyzer)
    }
}
