//! One module per subcommand: each runs the pipeline, computes its table, and
//! writes it as a text table, CSV or JSON. Warnings go back to the caller, which
//! prints them to stderr.

pub mod generate;
pub mod keyness;
pub mod lexicon;
pub mod similarity;
pub mod terms;
pub mod tfidf;
pub mod tokens;

use std::io::Write;

use crate::analyze::AnalyzerConfig;
use crate::corpus::Warning;
use crate::count::{CorpusCounts, SourceCounts};
use crate::error::{Error, Result};
use crate::pipeline::{Counted, ReadSummary};

/// Version of the JSON and CSV layouts; bumped when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// The unit a statistic is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Source,
    Article,
}

impl std::str::FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "source" => Ok(Unit::Source),
            "article" => Ok(Unit::Article),
            _ => Err(format!("unknown unit '{s}' (source, article)")),
        }
    }
}

/// A document of a statistic: a source, or one article.
pub struct Doc<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub name: &'a str,
    pub counts: &'a SourceCounts,
}

/// What a document's heading shows.
#[derive(Debug, Clone, Copy)]
pub struct DocHead<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub name: &'a str,
    pub articles: u64,
    pub words: u64,
}

impl<'a> Doc<'a> {
    pub fn head(&self) -> DocHead<'a> {
        DocHead {
            id: self.id,
            source: self.source,
            name: self.name,
            articles: self.counts.articles,
            words: self.counts.words,
        }
    }
}

/// A source's display name ("" when the corpus gives none).
pub fn source_name<'a>(read: &'a ReadSummary, source: &str) -> &'a str {
    read.sources
        .get(source)
        .map(|i| i.name.as_str())
        .unwrap_or("")
}

/// One document per source, sorted by id.
pub fn source_docs<'a>(read: &'a ReadSummary, counts: &'a CorpusCounts) -> Vec<Doc<'a>> {
    counts
        .sources
        .iter()
        .map(|(id, c)| Doc {
            id,
            source: id,
            name: source_name(read, id),
            counts: c,
        })
        .collect()
}

/// The documents of `unit`, in corpus order (sources sorted by id).
pub fn docs(counted: &Counted, unit: Unit) -> Vec<Doc<'_>> {
    let name = |s: &str| source_name(&counted.read, s);
    match unit {
        Unit::Source => source_docs(&counted.read, &counted.counts),
        Unit::Article => counted
            .articles
            .iter()
            .map(|a| Doc {
                id: &a.id,
                source: &a.source,
                name: name(&a.source),
                counts: &a.counts,
            })
            .collect(),
    }
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

pub(crate) fn stdout_err(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

pub(crate) fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => stdout_err(io),
        other => Error::Internal(format!("CSV output: {other:?}")),
    }
}

/// Writes a heading line for one document in table output.
pub(crate) fn heading(out: &mut dyn Write, doc: &DocHead<'_>, unit: Unit) -> Result<()> {
    let c = doc;
    let what = match unit {
        Unit::Source if doc.name.is_empty() || doc.name == doc.id => doc.id.to_string(),
        Unit::Source => format!("{} ({})", crate::output::printable(doc.name), doc.id),
        Unit::Article => crate::output::printable(doc.id),
    };
    writeln!(
        out,
        "== {what}: {} article{}, {} words ==",
        c.articles,
        if c.articles == 1 { "" } else { "s" },
        c.words
    )
    .map_err(stdout_err)
}

pub type Warnings = Vec<Warning>;

/// Every source in `wanted` (`--source`, `--vs`) must be one of `known`; else a
/// usage error that lists the known ones.
pub(crate) fn check_sources<'a, V>(
    wanted: impl IntoIterator<Item = &'a String>,
    known: &std::collections::BTreeMap<String, V>,
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
pub(crate) fn shows(sources: &[String], source: &str) -> bool {
    sources.is_empty() || sources.iter().any(|s| s == source)
}
