//! Command-line arguments (clap), part of the binary: the only module that
//! knows clap. It turns arguments into the library's `Config` and options,
//! and runs a command.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use framelens::analysis::by_article::Permutations;
use framelens::analysis::keyness::KeynessSpec;
use framelens::analysis::keyness::{Denominator, LrcFamily, PriorFrom};
use framelens::analysis::terms::TermsSpec;
use framelens::analysis::tfidf::TfidfSpec;
use framelens::analysis::Unit;
use framelens::analyze::{AnalyzerConfig, Case, NgramRange, NgramStopwords, StopwordSpec};
use framelens::commands::lexicon::{KwicOptions, LexiconCmdOptions};
use framelens::commands::{self, Warnings};
use framelens::corpus::ReadOptions;
use framelens::error::{Error, Result};
use framelens::generate::{CorpusFormat, GenerateOptions};
use framelens::lexicon::ScoreConfig;
use framelens::output::Format;
use framelens::pipeline::Config;
use framelens::report::{Outcome, ReportConfig};
use framelens::stats::keyness::{KeynessOptions, Measure};
use framelens::stats::tfidf::{Norm, TfidfOptions, Variant};

#[derive(Debug, Parser)]
#[command(
    name = "framelens",
    version,
    about = "Compare how news sources frame the same events through the words they choose"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Term counts, rates per 1,000 words and document frequencies
    Terms {
        #[command(flatten)]
        common: Common,
        /// Unit: source (default), article, or group (each group the sum of its sources)
        #[arg(long, default_value = "source")]
        by: Unit,
        /// Terms per source or article (default: 20 in a table, all in CSV/JSON)
        #[arg(long, value_parser = at_least_one)]
        top: Option<usize>,
    },
    /// TF-IDF by source or by article
    Tfidf {
        #[command(flatten)]
        common: Common,
        /// Unit: source (default), article, or group (each group the sum of its sources)
        #[arg(long, default_value = "source")]
        by: Unit,
        /// sklearn | sklearn-nosmooth | textbook | quanteda
        #[arg(long, default_value = "sklearn")]
        variant: Variant,
        /// Use 1 + ln(tf) instead of tf
        #[arg(long)]
        sublinear_tf: bool,
        /// l2 | l1 | none (default: l2 for sklearn variants, none otherwise)
        #[arg(long)]
        norm: Option<Norm>,
        /// Terms per source or article (default: 20 in a table, all in CSV/JSON)
        #[arg(long, value_parser = at_least_one)]
        top: Option<usize>,
    },
    /// Keyness: the terms each source over- and under-uses against the rest (or --vs another source)
    Keyness {
        #[command(flatten)]
        common: Common,
        /// Unit: source (default) or group (each group the sum of its sources)
        #[arg(long, default_value = "source")]
        by: Unit,
        /// Compare each source with the other sources of its own group instead of the rest of the corpus
        #[arg(long)]
        within_group: bool,
        /// Compare this source with another (--vs) instead of the rest of the corpus
        #[arg(long = "vs")]
        vs: Option<String>,
        /// Rank by: g2 (log-likelihood) | logratio | logodds (Monroe et al. z) | chi2
        #[arg(long, default_value = "g2")]
        measure: Measure,
        /// Top N over-used and top N under-used terms per comparison (default: 15 in a table, all in CSV/JSON)
        #[arg(long, value_parser = at_least_one)]
        top: Option<usize>,
        /// Prior strength α0 of the log-odds (default: the corpus size, α_w = pooled count of w); finite, > 0
        #[arg(long, value_parser = positive_finite)]
        alpha0: Option<f64>,
        /// With --vs, the log-odds prior: corpus (every source's counts, the default) or pair (the two sources' pooled counts)
        #[arg(long, default_value = "corpus")]
        prior: PriorFrom,
        /// LRC's Bonferroni family: terms (the terms tested in the comparison, the default) or none (95% for each term alone)
        #[arg(long, default_value = "terms")]
        lrc_family: LrcFamily,
        /// Permutations of the article-level permutation test (exact when the assignments are fewer; 0 = no test)
        #[arg(long, default_value_t = framelens::analysis::by_article::DEFAULT_PERMUTATIONS)]
        permutations: u64,
        /// The most permutations a term gets: terms near the p floor get rounds of 10x more, up to this
        #[arg(long, default_value_t = framelens::analysis::by_article::DEFAULT_PERMUTATIONS_MAX)]
        permutations_max: u64,
        /// Seed of the permutations
        #[arg(long, default_value_t = framelens::analysis::by_article::DEFAULT_SEED)]
        seed: u64,
        /// A side's size, the denominator of rates and tests: words (all word tokens, WC, the default) or terms (counted term tokens, as quanteda, Scattertext and fightin-words)
        #[arg(long, default_value = "words")]
        denominator: Denominator,
    },
    /// Similarity between sources: cosine of TF-IDF vectors and Jensen–Shannon divergence
    Similarity {
        #[command(flatten)]
        common: Common,
        /// Unit: source (default) or group (each group the sum of its sources)
        #[arg(long, default_value = "source")]
        by: Unit,
    },
    /// Loaded-term lexicon scores: rates per 1,000 words with bootstrap CIs, G² vs the rest, voice split
    Lexicon {
        #[command(flatten)]
        common: Common,
        /// Lexicon: framelens .toml, LIWC .dic or quanteda .yml
        #[arg(long, default_value = framelens::lexicon::DEFAULT_LEXICON)]
        lexicon: PathBuf,
        /// Unit: source (default), article, or group (each group the sum of its sources)
        #[arg(long, default_value = "source")]
        by: Unit,
        /// Show hits by voice (own, quoted, scare, distanced)
        #[arg(long)]
        voice: bool,
        /// List every hit (byte span, category, surface form, voice, target) instead of the scores
        #[arg(long)]
        hits: bool,
        /// With --by article: intervals for every article even when the corpus has
        /// more than 1,000 articles (a bootstrap per article; off above that by default)
        #[arg(long)]
        ci: bool,
        /// Bootstrap resamples for the CIs (0 = none; at most 100,000)
        #[arg(long, default_value_t = framelens::lexicon::DEFAULT_RESAMPLES, value_parser = resamples)]
        resamples: u32,
        /// Bootstrap seed
        #[arg(long, default_value_t = framelens::lexicon::DEFAULT_SEED)]
        seed: u64,
    },
    /// Concordance: every match of a word, glob (terror*), phrase or category:<id>, with its voice
    Kwic {
        /// A word, a glob (terror*), a phrase ("state of emergency") or category:<id>
        pattern: String,
        #[command(flatten)]
        common: Common,
        /// Lexicon, for category:<id> patterns and its distancing markers: a file, or
        /// none [default: corpus/lexicon.toml if it exists, else none]
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Words of context on each side (at most 1,000)
        #[arg(long, default_value_t = framelens::lexicon::DEFAULT_WINDOW, value_parser = window)]
        window: usize,
    },
    /// Regenerate reports/: index.html, README.md, analysis.json, data/*.csv, charts/*.svg, manifest.json
    Report {
        #[command(flatten)]
        common: Common,
        /// Lexicon: framelens .toml, LIWC .dic or quanteda .yml
        #[arg(long, default_value = framelens::lexicon::DEFAULT_LEXICON)]
        lexicon: PathBuf,
        /// Output folder (replaced atomically)
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        /// Do not write: fail, naming the files, if OUT differs from a fresh run
        #[arg(long)]
        check: bool,
        /// Terms per source in tables and charts
        #[arg(long, default_value_t = 15, value_parser = at_least_one)]
        top: usize,
        /// Lead the keyness findings with terms that pass the article-level tests when every source has at least this many articles
        #[arg(long, default_value_t = framelens::report::build::DEFAULT_MIN_ARTICLES, value_parser = clap::value_parser!(u64).range(2..))]
        min_articles: u64,
        /// With more sources than this, the page shows per-source findings, tables and charts for this many, the largest by words (every source stays in the sources table and in data/)
        #[arg(long, default_value_t = framelens::report::build::DEFAULT_SHOW_SOURCES, value_parser = at_least_one)]
        show_sources: usize,
        /// Make the report from partial statistics (`count`, `merge`) instead of
        /// the corpus; repeatable (summed). Analyzer options come from the partials.
        #[arg(long = "stats", value_name = "PARTIAL")]
        stats: Vec<PathBuf>,
    },
    /// Partial statistics of a corpus shard (--corpus - reads JSONL on stdin), for `merge` and `report --stats`
    Count {
        #[command(flatten)]
        common: Common,
        /// Lexicon: framelens .toml, LIWC .dic or quanteda .yml
        #[arg(long, default_value = framelens::lexicon::DEFAULT_LEXICON)]
        lexicon: PathBuf,
        /// Output file (- = stdout)
        #[arg(long, default_value = "-")]
        out: PathBuf,
    },
    /// Sum partial statistics; the result is itself a partial
    Merge {
        /// Partials made by `count` or `merge` (- = stdin)
        #[arg(required = true)]
        partials: Vec<PathBuf>,
        /// Output file (- = stdout)
        #[arg(long, default_value = "-")]
        out: PathBuf,
    },
    /// One JSON line per article with exactly the terms that are counted
    Tokens {
        #[command(flatten)]
        common: Common,
    },
    /// Write a synthetic corpus for benchmarks (deterministic for a seed)
    Generate {
        /// Output directory (new or empty); with --format jsonl, a .jsonl file or a directory
        #[arg(long)]
        out: PathBuf,
        /// Size of the article text in MB (10^6 bytes; more than 0, at most 1,000,000)
        #[arg(long, default_value_t = 10.0, value_parser = size_mb)]
        size: f64,
        /// Number of sources (1 to 10,000)
        #[arg(long, default_value_t = 5, value_parser = source_count)]
        sources: usize,
        /// Put the sources in this many groups, in turn (source i in group i mod N;
        /// corpus.toml or a "group" field), for `--by group`; 0 = none
        #[arg(long, default_value_t = 0)]
        groups: usize,
        /// Random seed
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// dir | jsonl
        #[arg(long, default_value = "dir")]
        format: CorpusFormat,
    },
}

/// Options every analysis command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Corpus: a directory (DIR/<source>/<article>.txt), a .jsonl or a .csv file
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Whether `--corpus` was given on the command line (not its default):
    /// `report --stats` reads it only then (`Cli::parse_args` sets it).
    #[arg(skip)]
    pub corpus_given: bool,
    /// Output format: table | csv | json
    #[arg(long, default_value = "table")]
    pub format: Format,
    /// Worker threads (default: one per core; at most 1,024)
    #[arg(long, value_parser = thread_count)]
    pub threads: Option<usize>,
    /// Stopwords: default (Snowball's list for each article's language; en is an older
    /// spelling), none, FILE (your list only: one word per line, # starts a comment), or
    /// default+FILE (Snowball's and yours). Built in for da de en es fi fr hu it nl no pt
    /// ru sv; not for ar el ro ta tr, which Snowball stems
    #[arg(long, default_value = "default", value_parser = stopwords_arg)]
    pub stopwords: String,
    /// The language of an article that names none, nor its source in corpus.toml: an
    /// ISO 639-1 code (default en). It picks the stemmer and the stopword list
    #[arg(long, value_name = "CODE", value_parser = language_code)]
    pub language: Option<String>,
    /// Do not stem
    #[arg(long)]
    pub no_stem: bool,
    /// Split hyphenated compounds ("right-wing" → "right", "wing")
    #[arg(long)]
    pub split_hyphens: bool,
    /// fold: "US" and "us" are one term; acronyms: a word of 2–5 capitals is a term of
    /// its own ("US" ≠ "us") unless its lowercase form is a stopword. Display forms keep
    /// the case the text uses most either way
    #[arg(long, default_value = "fold")]
    pub case: Case,
    /// N-gram lengths counted, within a sentence: N = 1 to N words (2 = unigrams and
    /// bigrams), MIN..MAX = MIN to MAX words (2..2 = bigrams only); 1 ≤ MIN ≤ MAX ≤ 3
    #[arg(long, value_name = "N|MIN..MAX", default_value = "1")]
    pub ngrams: NgramRange,
    /// skip: an n-gram is words adjacent in the text, and one holding a stopword is
    /// dropped ("we can do better" gives no bigram; tidytext, quanteda); join: stopwords
    /// are removed first and the words left join ("can better"; scikit-learn)
    #[arg(long, value_name = "RULE", default_value = "skip")]
    pub ngram_stopwords: NgramStopwords,
    /// Leave out terms with fewer occurrences (default 1; 3 for keyness in `report`); at least 1
    #[arg(long, value_parser = at_least_one_u64)]
    pub min_count: Option<u64>,
    /// Only these sources (repeatable). tfidf, lexicon and keyness still read the
    /// whole corpus (idf and "vs rest" need it) and show only these sources' rows
    #[arg(long = "source")]
    pub sources: Vec<String>,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing
    #[arg(long)]
    pub lossy: bool,
    /// CSV corpora: the column holding the source (default: source or publication)
    #[arg(long)]
    pub source_column: Option<String>,
    /// CSV corpora: the column holding the text (default: text or content)
    #[arg(long)]
    pub text_column: Option<String>,
    /// CSV corpora: the column holding the article id (default: id, if present)
    #[arg(long)]
    pub id_column: Option<String>,
    /// CSV corpora: the column holding each article's language, an ISO 639-1 code
    /// (default: language, if present; an empty cell is --language)
    #[arg(long)]
    pub language_column: Option<String>,
    /// CSV corpora: the column holding each article's source's group (a party, a
    /// country, an owner; default: group, if present; an empty cell is no group)
    #[arg(long)]
    pub group_column: Option<String>,
    /// No warnings on stderr
    #[arg(long)]
    pub quiet: bool,
}

impl Common {
    pub fn config(&self) -> Config {
        Config {
            corpus: self.corpus.clone(),
            read: ReadOptions {
                lossy: self.lossy,
                source_column: self.source_column.clone(),
                text_column: self.text_column.clone(),
                id_column: self.id_column.clone(),
                language_column: self.language_column.clone(),
                group_column: self.group_column.clone(),
                language: self.language.clone(),
                only_sources: self.sources.clone(),
                hash_inputs: false,
                batch_bytes: None,
            },
            analyzer: AnalyzerConfig {
                stopwords: StopwordSpec::parse(&self.stopwords),
                stem: !self.no_stem,
                split_hyphens: self.split_hyphens,
                case: self.case,
                ngram_min: self.ngrams.min,
                ngram_max: self.ngrams.max,
                ngram_stopwords: self.ngram_stopwords,
            },
            threads: self.threads,
        }
    }

    fn top(&self, top: Option<usize>) -> Option<usize> {
        top.or(if self.format == Format::Table {
            Some(20)
        } else {
            None
        })
    }
}

/// Runs the command; returns the warnings to print and whether to print them.
impl Cli {
    /// Parses the command line, noting whether `--corpus` was given.
    pub fn parse_args() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        let given = matches.subcommand().is_some_and(|(_, m)| {
            m.try_contains_id("corpus").unwrap_or(false)
                && m.value_source("corpus") == Some(clap::parser::ValueSource::CommandLine)
        });
        if let Command::Report { common, .. } = &mut cli.command {
            common.corpus_given = given;
        }
        cli
    }

    /// `--threads`, for the commands that take it.
    pub fn threads(&self) -> Option<usize> {
        match &self.command {
            Command::Terms { common, .. }
            | Command::Tfidf { common, .. }
            | Command::Keyness { common, .. }
            | Command::Similarity { common, .. }
            | Command::Lexicon { common, .. }
            | Command::Kwic { common, .. }
            | Command::Report { common, .. }
            | Command::Count { common, .. }
            | Command::Tokens { common } => common.threads,
            Command::Merge { .. } | Command::Generate { .. } => None,
        }
    }

    /// `--quiet`, for the commands that read a corpus (the others show no progress).
    pub fn quiet(&self) -> bool {
        match &self.command {
            Command::Terms { common, .. }
            | Command::Tfidf { common, .. }
            | Command::Keyness { common, .. }
            | Command::Similarity { common, .. }
            | Command::Lexicon { common, .. }
            | Command::Kwic { common, .. }
            | Command::Report { common, .. }
            | Command::Count { common, .. }
            | Command::Tokens { common } => common.quiet,
            Command::Merge { .. } | Command::Generate { .. } => true,
        }
    }
}

pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<(Warnings, bool)> {
    let warnings = match &cli.command {
        Command::Terms { common, by, top } => {
            let spec = TermsSpec {
                unit: *by,
                top: common.top(*top),
                min_count: common.min_count.unwrap_or(1),
            };
            commands::terms::run(&common.config(), &spec, common.format, out)?
        }
        Command::Tfidf {
            common,
            by,
            variant,
            sublinear_tf,
            norm,
            top,
        } => {
            let tfidf = TfidfOptions {
                variant: *variant,
                sublinear_tf: *sublinear_tf,
                norm: norm.unwrap_or(variant.default_norm()),
            };
            let spec = TfidfSpec {
                unit: *by,
                tfidf,
                top: common.top(*top),
                min_count: common.min_count.unwrap_or(1),
            };
            commands::tfidf::run(&common.config(), &spec, &common.sources, common.format, out)?
        }
        Command::Keyness {
            common,
            by,
            within_group,
            vs,
            measure,
            top,
            alpha0,
            prior,
            lrc_family,
            permutations,
            permutations_max,
            seed,
            denominator,
        } => {
            let mut spec = keyness_spec(common, vs, *measure, *alpha0, *prior, *lrc_family);
            if permutations_max < permutations {
                return Err(Error::Usage(format!(
                    "--permutations-max {permutations_max} is below --permutations {permutations}"
                )));
            }
            spec.permutations = Permutations {
                draws: *permutations,
                max_draws: *permutations_max,
                seed: *seed,
            };
            spec.denominator = *denominator;
            // A table shows the top 15 unless --top says otherwise; CSV and JSON every row.
            let top = top.or((common.format == Format::Table).then_some(15));
            let units = commands::keyness::Units {
                by: *by,
                within_group: *within_group,
            };
            commands::keyness::run(&common.config(), &spec, units, top, common.format, out)?
        }
        Command::Similarity { common, by } => {
            commands::similarity::run(&common.config(), *by, common.format, out)?
        }
        Command::Lexicon { common, .. } => {
            let opts = lexicon_options(&cli.command).expect("a lexicon command");
            commands::lexicon::run(&common.config(), &opts, common.format, out)?
        }
        Command::Kwic {
            pattern,
            common,
            lexicon,
            window,
        } => {
            let opts = KwicOptions {
                pattern: pattern.clone(),
                lexicon: kwic_lexicon(lexicon.as_deref()),
                window: *window,
            };
            commands::lexicon::run_kwic(&common.config(), &opts, common.format, out)?
        }
        Command::Report {
            common,
            lexicon,
            out: dir,
            check,
            top,
            min_articles,
            show_sources,
            stats,
        } => report(
            common,
            lexicon,
            dir,
            *check,
            (*top, *min_articles, *show_sources),
            stats,
        )?,
        Command::Count {
            common,
            lexicon,
            out: file,
        } => count(common, lexicon, file)?,
        Command::Merge {
            partials,
            out: file,
        } => {
            let stats = framelens::partial::merge_files(partials)?;
            framelens::partial::write_file(&stats, file)?;
            Vec::new()
        }
        Command::Tokens { common } => tokens(common, out)?,
        Command::Generate {
            out: dir,
            size,
            sources,
            groups,
            seed,
            format,
        } => {
            let opts = GenerateOptions {
                out: dir.clone(),
                size_mb: *size,
                sources: *sources,
                groups: *groups,
                seed: *seed,
                format: *format,
            };
            commands::generate::run(&opts, out)?
        }
    };
    // `generate` always shows its warnings, `merge` has none, the others
    // unless --quiet.
    let show = match &cli.command {
        Command::Generate { .. } => true,
        Command::Merge { .. } => false,
        _ => !cli.quiet(),
    };
    Ok((warnings, show))
}

/// `lexicon`'s options from its arguments (`None` for another command).
fn lexicon_options(command: &Command) -> Option<LexiconCmdOptions> {
    let Command::Lexicon {
        common,
        lexicon,
        by,
        voice,
        hits,
        ci,
        resamples,
        seed,
    } = command
    else {
        return None;
    };
    Some(LexiconCmdOptions {
        lexicon: lexicon.clone(),
        by: *by,
        voice: *voice,
        hits: *hits,
        article_cis: *ci,
        score: ScoreConfig {
            resamples: *resamples,
            seed: *seed,
            ..Default::default()
        },
        sources: common.sources.clone(),
    })
}

/// `framelens tokens`: JSON lines only.
fn tokens(common: &Common, out: &mut dyn Write) -> Result<Warnings> {
    if common.format == Format::Csv {
        return Err(framelens::error::Error::Usage(
            "tokens writes JSON lines (one article per line, --format json or table); --format csv does not apply".into(),
        ));
    }
    commands::tokens::run(&common.config(), out)
}

/// `keyness`: `--source` picks the targets (the rest of the corpus, or `--vs`,
/// is the reference).
fn keyness_spec(
    common: &Common,
    vs: &Option<String>,
    measure: Measure,
    alpha0: Option<f64>,
    prior: PriorFrom,
    lrc_family: LrcFamily,
) -> KeynessSpec {
    KeynessSpec {
        targets: common.sources.clone(),
        vs: vs.clone(),
        measure,
        prior,
        lrc_family,
        permutations: Permutations::default(),
        denominator: Denominator::Words,
        options: KeynessOptions {
            min_count: common.min_count.unwrap_or(1),
            alpha0,
        },
    }
}

/// A plain word search needs no lexicon: without `--lexicon`, `kwic` uses the
/// default one only where it exists.
fn kwic_lexicon(given: Option<&Path>) -> PathBuf {
    let default = Path::new(framelens::lexicon::DEFAULT_LEXICON);
    match given {
        Some(p) => p.to_path_buf(),
        None if default.exists() => default.to_path_buf(),
        None => PathBuf::from(framelens::lexicon::NO_LEXICON),
    }
}

/// `framelens report`: from the corpus, or from partials (`--stats`).
fn report(
    common: &Common,
    lexicon: &Path,
    dir: &Path,
    check: bool,
    (top, min_articles, show_sources): (usize, u64, usize),
    stats: &[PathBuf],
) -> Result<Warnings> {
    if common.format != Format::Table {
        return Err(framelens::error::Error::Usage(
            "report writes every format at once (HTML, Markdown, CSV, JSON, SVG); --format does not apply".into(),
        ));
    }
    let cfg = ReportConfig {
        pipeline: common.config(),
        lexicon: lexicon.to_path_buf(),
        top,
        min_count: common.min_count.unwrap_or(3),
        score: ScoreConfig::default(),
        window: framelens::lexicon::DEFAULT_WINDOW,
        min_articles,
        show_sources,
    };
    let (outcome, warnings) = if stats.is_empty() {
        framelens::report::run(&cfg, dir, check)?
    } else {
        let corpus = common.corpus_given.then_some(common.corpus.as_path());
        framelens::report::run_stats(&cfg, stats, corpus, dir, check)?
    };
    if !common.quiet {
        framelens::diag::eprint(&match outcome {
            Outcome::Written { files } => format!("wrote {} ({files} files)", dir.display()),
            Outcome::UpToDate { files } => {
                format!("{} is up to date ({files} files)", dir.display())
            }
        });
    }
    Ok(warnings)
}

/// `framelens count`: the corpus's partial statistics, written as TSV.
fn count(common: &Common, lexicon: &Path, file: &Path) -> Result<Warnings> {
    if common.format != Format::Table {
        return Err(framelens::error::Error::Usage(
            "count writes TSV partials only (see `framelens count --help`); --format does not apply".into(),
        ));
    }
    let pipeline = common.config();
    let (lex, _, lex_file) = framelens::analysis::collect::load_lexicon(lexicon, &pipeline)?;
    let stats = framelens::analysis::collect::partial(
        &pipeline,
        &lex,
        lex_file.sha256,
        framelens::lexicon::DEFAULT_WINDOW,
    )?;
    framelens::partial::write_file(&stats, file)?;
    Ok(stats.warnings)
}

/// `--stopwords`: not a language code that names no file (`es`).
fn stopwords_arg(s: &str) -> std::result::Result<String, String> {
    StopwordSpec::check_arg(s).map(|()| s.to_string())
}

/// `--language`: an ISO 639-1 code.
fn language_code(s: &str) -> std::result::Result<String, String> {
    framelens::language::check(s).map(|()| s.to_string())
}

/// A count of at least 1 (`--top`, `--threads`).
fn at_least_one(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Most worker threads `--threads` takes: far more than any machine's cores,
/// few enough that a typo (`--threads 100000`) is refused before a thread
/// starts rather than starting them one by one.
pub const MAX_THREADS: usize = 1024;

/// Most bootstrap resamples (`--resamples`): each costs a pass over every
/// unit's sentences, and each keeps 16 bytes per category and unit.
pub const MAX_RESAMPLES: u32 = 100_000;

/// Most words of KWIC context on each side (`--window`).
pub const MAX_WINDOW: usize = 1_000;

/// Largest corpus `generate` writes, in MB (`--size`): 1 TB.
pub const MAX_GENERATE_MB: f64 = 1e6;

/// Most sources `generate` makes (`--sources`).
pub const MAX_GENERATE_SOURCES: usize = 10_000;

/// `--threads`: 1 to [`MAX_THREADS`].
fn thread_count(s: &str) -> std::result::Result<usize, String> {
    let n = at_least_one(s)?;
    if n > MAX_THREADS {
        return Err(format!(
            "must be at most {MAX_THREADS} (this machine has {} cores)",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        ));
    }
    Ok(n)
}

/// A count of at least 1, as u64 (`--min-count`: 0 would keep the same terms as 1).
fn at_least_one_u64(s: &str) -> std::result::Result<u64, String> {
    match s.parse::<u64>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// A finite number above 0 and not so close to it that it is subnormal
/// (`--alpha0`: 0, a negative number, NaN or infinity gives no scores at all).
fn positive_finite(s: &str) -> std::result::Result<f64, String> {
    let x: f64 = s.trim().parse().map_err(|e| format!("{e}"))?;
    if !x.is_finite() {
        return Err("must be a finite number".into());
    }
    if x <= 0.0 {
        return Err("must be greater than 0".into());
    }
    if !x.is_normal() {
        return Err(format!(
            "is too close to 0 to compute with (at least {:e})",
            f64::MIN_POSITIVE
        ));
    }
    Ok(x)
}

/// `--resamples`: 0 to [`MAX_RESAMPLES`].
fn resamples(s: &str) -> std::result::Result<u32, String> {
    let n: u32 = s.parse().map_err(|e| format!("{e}"))?;
    if n > MAX_RESAMPLES {
        return Err(format!("must be at most {MAX_RESAMPLES}"));
    }
    Ok(n)
}

/// `--window`: 0 to [`MAX_WINDOW`].
fn window(s: &str) -> std::result::Result<usize, String> {
    let n: usize = s.parse().map_err(|e| format!("{e}"))?;
    if n > MAX_WINDOW {
        return Err(format!("must be at most {MAX_WINDOW}"));
    }
    Ok(n)
}

/// `generate --size`: more than 0, at most [`MAX_GENERATE_MB`].
fn size_mb(s: &str) -> std::result::Result<f64, String> {
    let x: f64 = s.trim().parse().map_err(|e| format!("{e}"))?;
    if !(x > 0.0 && x <= MAX_GENERATE_MB) {
        return Err(format!(
            "must be more than 0 and at most {MAX_GENERATE_MB} (MB)"
        ));
    }
    Ok(x)
}

/// `generate --sources`: 1 to [`MAX_GENERATE_SOURCES`].
fn source_count(s: &str) -> std::result::Result<usize, String> {
    let n = at_least_one(s)?;
    if n > MAX_GENERATE_SOURCES {
        return Err(format!("must be at most {MAX_GENERATE_SOURCES}"));
    }
    Ok(n)
}
