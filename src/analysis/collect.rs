//! One pass over a corpus: every article read, analyzed and counted in
//! parallel (`pipeline`), into a [`Collection`]; and from it the mergeable
//! [`Stats`] that `framelens count` writes, `merge` sums and `report` turns into
//! `reports/`. Every command and the report collect through [`collect`]; what
//! [`Want`] asks for decides how much of each article is analyzed:
//!
//! - terms by source only: the fast counting path (no token list, no
//!   sentences), the least work per byte;
//! - terms per article: each article's own counts, from the full analyzer;
//! - a lexicon: the full analyzer (tokens with byte spans, sentences) and the
//!   lexicon's matcher on every article, with the fast counting in the same pass.

use std::collections::BTreeSet;
use std::path::Path;

use crate::analyze::{Analyzed, Analyzer, AnalyzerConfig};
use crate::corpus::{Article, InputDigest};
use crate::count::ranked::RankedCounts;
use crate::count::{CorpusCounts, SourceCounts};
use crate::error::{Error, Result};
use crate::lexicon::{self, find_hits, hit_lines, ArticleLexStats, ArticleRef, Lexicon};
use crate::partial::{ArticleEntry, ArticleId, Header, InputFile, SourceMeta, Stats};
use crate::pipeline::{self, Config, ReadSummary};

use super::dtm::Dtm;
use super::groups::Groups;
use super::{DocHead, Unit};

/// What a pass collects.
#[derive(Debug, Clone, Copy)]
pub struct Want<'l> {
    /// Count terms: by source (the fast path), per article (each article's
    /// own counts), or not at all.
    pub terms: Option<Unit>,
    /// Match this lexicon in every article (lexicon statistics, hits, the
    /// KWIC sample, article metadata).
    pub lexicon: Option<&'l Lexicon>,
    /// Words of context on each side of a KWIC line.
    pub window: usize,
    /// Hash every input file from the bytes read (for a manifest).
    pub hash_inputs: bool,
    /// With terms by source and no lexicon: keep each article's terms too
    /// (`RankedCounts::articles`, for DP and the permutation test).
    pub keep_articles: bool,
}

impl Want<'_> {
    /// Terms by `unit` only (groups are counted by source, then summed:
    /// [`Collection::by`]).
    pub fn terms(unit: Unit) -> Want<'static> {
        Want {
            terms: Some(match unit {
                Unit::Group => Unit::Source,
                u => u,
            }),
            lexicon: None,
            window: lexicon::DEFAULT_WINDOW,
            hash_inputs: false,
            keep_articles: false,
        }
    }
}

/// One article's identity and counts.
#[derive(Debug, Clone)]
pub struct ArticleCounts {
    pub id: String,
    pub source: String,
    pub counts: SourceCounts,
}

/// What one pass over a corpus gives.
pub struct Collection {
    pub read: ReadSummary,
    /// Terms by source, from the fast counting path (`Want::terms` = source, or
    /// with a lexicon).
    pub counts: Option<RankedCounts>,
    /// Each article's counts, in corpus order (`Want::terms` = article).
    pub articles: Vec<ArticleCounts>,
    /// With a lexicon: everything summable but the term counts (articles with
    /// their metadata and lexicon counts, hits, the KWIC sample, audit forms).
    pub stats: Stats,
    /// With a lexicon: the articles' keys in corpus order.
    pub order: Vec<(String, ArticleId)>,
    /// Under `--by group` ([`Collection::by`]): the units, groups of sources.
    /// Names, languages and documents by source are then those of the units.
    pub groups: Option<Groups>,
}

/// The per-article result of the lexicon pass.
struct Matched {
    words: u64,
    sentences: u64,
    lex: ArticleLexStats,
    hits: Vec<lexicon::HitRecord>,
    kwic: Vec<lexicon::KwicLine>,
    counts: Option<SourceCounts>,
}

/// Reads the corpus once and collects what `want` asks for.
pub fn collect(config: &Config, want: &Want<'_>) -> Result<Collection> {
    let mut pipeline = config.clone();
    pipeline.read.hash_inputs = want.hash_inputs;
    let by_article = want.terms == Some(Unit::Article);
    let Some(lex) = want.lexicon else {
        return if by_article {
            collect_articles(&pipeline)
        } else if want.terms.is_some() {
            let (read, counts) = pipeline::count_ranked_keeping(&pipeline, want.keep_articles)?;
            Ok(Collection::new(read, Some(counts), Vec::new()))
        } else {
            // Nothing to count: the pass still reads (and checks) the corpus.
            let read = pipeline::for_each_article(&pipeline, |_, _, _| (), |_, _| ())?;
            Ok(Collection::new(read, None, Vec::new()))
        };
    };
    let mut pass = LexiconPass::default();
    let map = |a: &Article, an: &Analyzer, analyzed: &Analyzed| {
        matched(lex, a, an, analyzed, want.window, by_article)
    };
    let sink = |a: &Article, m: Matched| pass.add(a, m);
    // Terms by source are counted on the fast counting path in the same pass
    // (a few times faster than counting the analyzed articles, and equal to it).
    let (read, counts) = if want.terms == Some(Unit::Source) {
        let (read, counts) = pipeline::for_each_article_counted(&pipeline, map, sink)?;
        (read, Some(counts))
    } else {
        (pipeline::for_each_article(&pipeline, map, sink)?, None)
    };
    if let Some(d) = pass.duplicate {
        return Err(d);
    }
    let mut c = Collection::new(read, counts, pass.articles);
    c.stats = pass.stats;
    c.order = pass.order;
    Ok(c)
}

/// Matches the lexicon in one analyzed article (and counts its terms when
/// per-article counts are asked for).
fn matched(
    lex: &Lexicon,
    a: &Article,
    an: &Analyzer,
    analyzed: &Analyzed,
    window: usize,
    by_article: bool,
) -> Matched {
    let h = find_hits(lex, &a.language, &a.text, analyzed);
    let doc = ArticleRef {
        source: &a.source,
        article: &a.id,
        language: &a.language,
        text: &a.text,
        analyzed,
    };
    Matched {
        words: analyzed.wc() as u64,
        sentences: analyzed.sentences.len() as u64,
        lex: ArticleLexStats::from_hits(lex, analyzed, &h),
        hits: h
            .iter()
            .map(|x| x.record(lex, &a.text, analyzed, &a.source, &a.id))
            .collect(),
        kwic: hit_lines(&h, lex, doc, window),
        counts: by_article.then(|| SourceCounts::of_article(an, analyzed)),
    }
}

/// What the lexicon pass gathers, article by article in corpus order.
struct LexiconPass {
    stats: Stats,
    order: Vec<(String, ArticleId)>,
    articles: Vec<ArticleCounts>,
    /// The first repeated article id.
    duplicate: Option<Error>,
}

impl Default for LexiconPass {
    fn default() -> Self {
        LexiconPass {
            stats: Stats::new(Header::new(&AnalyzerConfig::default(), 0, String::new())),
            order: Vec::new(),
            articles: Vec::new(),
            duplicate: None,
        }
    }
}

impl LexiconPass {
    fn add(&mut self, a: &Article, mut m: Matched) {
        let stats = &mut self.stats;
        let forms = stats.forms.entry(a.source.clone()).or_default();
        for (k, n) in std::mem::take(&mut m.lex.forms) {
            *forms.entry(k).or_default() += n;
        }
        let entry = ArticleEntry {
            title: a.title.clone(),
            date: a.date.clone(),
            author: a.author.clone(),
            url: a.url.clone(),
            words: m.words,
            sentences: m.sentences,
            lex: m.lex,
        };
        let key = (a.source.clone(), ArticleId(a.id.clone()));
        if stats.articles.insert(key.clone(), entry).is_some() && self.duplicate.is_none() {
            self.duplicate = Some(Error::input(
                &a.path,
                a.line,
                format!("duplicate article id {:?} in source {:?}", a.id, a.source),
            ));
        }
        self.order.push(key);
        for h in m.hits {
            if let Some(actor) = h.target {
                *stats
                    .targets
                    .entry((h.source, actor, h.category, h.form))
                    .or_default() += 1;
            }
        }
        for l in m.kwic {
            stats.add_kwic(l);
        }
        if let Some(counts) = m.counts {
            self.articles.push(ArticleCounts {
                id: a.id.clone(),
                source: a.source.clone(),
                counts,
            });
        }
    }
}

/// Terms per article: each article's own counts, from the full analyzer.
fn collect_articles(config: &Config) -> Result<Collection> {
    let mut articles = Vec::new();
    let read = pipeline::for_each_article(
        config,
        |_, an, analyzed| SourceCounts::of_article(an, analyzed),
        |a, counts| {
            articles.push(ArticleCounts {
                id: a.id.clone(),
                source: a.source.clone(),
                counts,
            })
        },
    )?;
    Ok(Collection::new(read, None, articles))
}

impl Collection {
    fn new(
        read: ReadSummary,
        counts: Option<RankedCounts>,
        articles: Vec<ArticleCounts>,
    ) -> Collection {
        Collection {
            read,
            counts,
            articles,
            stats: Stats::new(Header::new(&AnalyzerConfig::default(), 0, String::new())),
            order: Vec::new(),
            groups: None,
        }
    }

    /// The collection with `unit` as its units: under [`Unit::Group`], the
    /// groups of the sources ([`Groups::of_sources`]: a usage error when no
    /// source has a group), whose documents [`Collection::dtm`] and
    /// [`Collection::lexicon_units`] sum from their sources'; else unchanged.
    pub fn by(mut self, unit: Unit) -> Result<Collection> {
        if unit == Unit::Group {
            self.groups = Some(Groups::of_sources(&self.read.sources)?);
        }
        Ok(self)
    }

    /// A source's display name ("" when the corpus gives none); a group's
    /// is its name.
    pub fn source_name(&self, source: &str) -> &str {
        if let Some(g) = &self.groups {
            return g.unit(source).map_or("", |u| u.group.as_str());
        }
        self.read
            .sources
            .get(source)
            .map(|i| i.name.as_str())
            .unwrap_or("")
    }

    /// A source's language, as read: that of its articles, or `mul`; a
    /// group's is that of its sources, or `mul`.
    pub fn source_language(&self, source: &str) -> &str {
        if let Some(g) = &self.groups {
            return g
                .unit(source)
                .map_or(crate::corpus::DEFAULT_LANGUAGE, |u| u.language.as_str());
        }
        self.read
            .sources
            .get(source)
            .map_or(crate::corpus::DEFAULT_LANGUAGE, |i| i.language.as_str())
    }

    /// Every source in `wanted` (`--source`, `--vs`) must be one of the
    /// units (the groups under `--by group`); else a usage error listing them.
    pub fn check_units(&self, wanted: &[String]) -> Result<()> {
        match &self.groups {
            Some(g) => {
                let known: std::collections::BTreeMap<String, ()> =
                    g.units.iter().map(|u| (u.group.clone(), ())).collect();
                super::check_sources(wanted, &known).map_err(|e| match e {
                    Error::Usage(m) => {
                        let mut m = m.replacen("unknown source", "unknown group", 1).replacen(
                            "known sources",
                            "groups",
                            1,
                        );
                        // A source named where a group is wanted: say whose it is.
                        if let Some((s, u)) = wanted.iter().find_map(|s| {
                            let u = g.unit_of(s).and_then(|i| g.units.get(i))?;
                            (!known.contains_key(s)).then_some((s, u))
                        }) {
                            m += &format!(
                                " ('{s}' is a source of group '{}': under --by group, --source and --vs name groups)",
                                u.group
                            );
                        }
                        Error::Usage(m)
                    }
                    e => e,
                })
            }
            None => super::check_sources(wanted, &self.read.sources),
        }
    }

    /// The unit of source `source` (itself, or its group under `--by group`).
    pub fn unit_of<'s>(&'s self, source: &'s str) -> &'s str {
        match &self.groups {
            Some(g) => g
                .unit_of(source)
                .and_then(|i| g.units.get(i))
                .map_or(source, |u| u.group.as_str()),
            None => source,
        }
    }

    /// The lexicon counts of each unit: each source's, or, under `--by
    /// group`, each group's ([`super::lexicon::group_units`]).
    pub fn lexicon_units(&self, unit: Unit) -> Vec<(String, crate::lexicon::ArticleLexStats)> {
        match (&self.groups, unit) {
            (Some(g), _) => super::lexicon::group_units(&self.stats, g),
            (None, u) => super::lexicon::units(&self.stats, u, Some(&self.order)),
        }
    }

    /// The documents of `dtm` (of this collection) by their source's language.
    pub fn by_language(&self, dtm: &Dtm<'_>) -> Vec<(&str, Vec<usize>)> {
        super::by_language(dtm, |s| self.source_language(s))
    }

    /// The term counts of each source, keyed by strings: the fast path's
    /// counts, or the articles' counts summed.
    pub fn source_counts(&self) -> CorpusCounts {
        match &self.counts {
            Some(c) => c.to_corpus(),
            None => {
                let mut counts = CorpusCounts::default();
                for a in &self.articles {
                    counts.add_article(&a.source, a.counts.clone());
                }
                counts
            }
        }
    }

    /// Documents × terms of `unit`: sources (from the fast path's counts, or
    /// the articles' counts summed) or articles, in corpus order.
    pub fn dtm(&self, unit: Unit) -> Result<Dtm<'_>> {
        match (unit, &self.counts) {
            (Unit::Group, Some(counts)) => {
                let g = self.groups.as_ref().ok_or_else(|| {
                    Error::Internal("the units were not grouped (Collection::by)".into())
                })?;
                let sources = Dtm::ranked(counts, |_| "");
                Ok(sources.merged(super::groups::units_of(&sources, g)))
            }
            (Unit::Source, Some(counts)) => Ok(Dtm::ranked(counts, |s| self.source_name(s))),
            (Unit::Source | Unit::Group, None) => Err(Error::Internal(
                "terms by source were not counted in this pass".into(),
            )),
            (Unit::Article, _) => Dtm::strings(
                self.articles
                    .iter()
                    .map(|a| {
                        let head = DocHead {
                            id: &a.id,
                            source: &a.source,
                            name: self.source_name(&a.source),
                            articles: a.counts.articles,
                            words: a.counts.words,
                        };
                        (head, &a.counts)
                    })
                    .collect(),
            ),
        }
    }

    /// The partial statistics of this pass (`framelens count`, the report):
    /// the collection with its term counts keyed by strings, the corpus path,
    /// the sources, the warnings and the input files.
    pub fn into_stats(self, header: Header, corpus: &Path) -> Stats {
        let mut stats = self.stats;
        stats.header = header;
        stats.counts = self
            .counts
            .as_ref()
            .map(RankedCounts::to_corpus)
            .unwrap_or_default();
        stats.corpora.insert(corpus.display().to_string());
        stats.inputs = input_files(corpus, &self.read.inputs);
        stats.sources = self
            .read
            .sources
            .iter()
            .map(|(id, info)| (id.clone(), SourceMeta::of(info)))
            .collect();
        stats.warnings = self.read.warnings.clone();
        stats.skipped_empty = self.read.skipped_empty;
        stats.finish();
        stats
    }
}

/// The partial statistics of a corpus, or of a shard of one (`framelens
/// count`, and the pass of `framelens report`): terms by source, the lexicon
/// matched in every article, every input file hashed.
pub fn partial(
    config: &Config,
    lex: &Lexicon,
    lexicon_sha256: String,
    window: usize,
) -> Result<Stats> {
    let want = Want {
        terms: Some(Unit::Source),
        lexicon: Some(lex),
        window,
        hash_inputs: true,
        keep_articles: false,
    };
    let header = Header::new(&config.analyzer, window, lexicon_sha256);
    Ok(collect(config, &want)?.into_stats(header, &config.corpus))
}

/// Documents × terms of the sources of summed statistics (a partial, or the
/// report's collection).
pub fn source_dtm<'a>(counts: &'a CorpusCounts, name: impl Fn(&str) -> &'a str) -> Result<Dtm<'a>> {
    Dtm::strings(
        counts
            .sources
            .iter()
            .map(|(id, c)| {
                let head = DocHead {
                    id,
                    source: id,
                    name: name(id),
                    articles: c.articles,
                    words: c.words,
                };
                (head, c)
            })
            .collect(),
    )
}

/// Reads a lexicon with the analyzer settings of `config`; also returns the
/// file's size and SHA-256, of the very bytes parsed (the file is read once),
/// and its warnings. Entries without a language of their own (a LIWC or YAML
/// dictionary; a TOML lexicon's plain `terms` lists when its `[meta]` names
/// no language) are in the corpus's default language (`--language`, else
/// English).
pub fn load_lexicon(
    path: &Path,
    config: &Config,
) -> Result<(Lexicon, Vec<lexicon::Warning>, InputFile)> {
    let language = config
        .read
        .language
        .as_deref()
        .unwrap_or(crate::corpus::DEFAULT_LANGUAGE);
    let an = Analyzer::new(language, &config.analyzer)?;
    if path == Path::new(lexicon::NO_LEXICON) {
        let file = InputFile {
            path: lexicon::NO_LEXICON.to_string(),
            bytes: 0,
            sha256: crate::corpus::sha256_hex(b""),
        };
        return Ok((Lexicon::none(an.language()), Vec::new(), file));
    }
    let bytes = Lexicon::read(path)?;
    let (lex, warnings) = Lexicon::from_bytes(path, &bytes, &an)?;
    let file = InputFile {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
        sha256: crate::corpus::sha256_hex(&bytes),
    };
    Ok((lex, warnings, file))
}

/// The corpus files read, as hashed by the reader from the bytes it read
/// (`ReadOptions::hash_inputs`), with their paths as shown in the manifest.
pub fn input_files(corpus_root: &Path, inputs: &[InputDigest]) -> BTreeSet<InputFile> {
    inputs
        .iter()
        .map(|d| InputFile {
            path: shown(corpus_root, &d.path),
            bytes: d.bytes,
            sha256: d.sha256.clone(),
        })
        .collect()
}

/// A path relative to the corpus root, with `/` separators, when it is inside it.
fn shown(root: &Path, p: &Path) -> String {
    let rel = if root.is_dir() {
        p.strip_prefix(root).unwrap_or(p)
    } else {
        p
    };
    let s: Vec<String> = rel
        .components()
        .map(|c| match c {
            // Joined with "/" below: the root becomes the leading "/".
            std::path::Component::RootDir => String::new(),
            c => c.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    let joined = s.join("/");
    if root.is_dir() {
        format!("{}/{}", root.display(), joined)
    } else {
        joined
    }
}
