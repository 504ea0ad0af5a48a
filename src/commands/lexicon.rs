//! `framelens lexicon` (loaded-term rates per source or article, with bootstrap
//! CIs, G² against the rest, and the split by voice) and `framelens kwic`
//! (a concordance of a word, glob, phrase or `category:<id>`).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Warnings;
use crate::analysis::collect::{collect, load_lexicon, Collection, Want};
use crate::analysis::lexicon::{rows, ScoreRow};
use crate::analysis::{shows, AnalyzerInfo, Unit};
use crate::analyze::Analyzer;
use crate::corpus::Warning;
use crate::error::{Error, Result};
use crate::lexicon::ARTICLE_CI_LIMIT;
use crate::lexicon::{
    self, find_hits, kwic, ArticleRef, KwicPattern, Lexicon, LexiconScores, ScoreConfig,
};
use crate::output::doc::{fields, json, Block, Body, Document, Rows};
use crate::output::{printable, Align, Format, View};
use crate::pipeline::{for_each_article, Config};

/// Loads a lexicon with the analyzer settings the corpus uses; its
/// warnings as the command prints them.
pub fn load(path: &Path, config: &Config) -> Result<(Lexicon, Vec<Warning>)> {
    let (lex, warnings, _) = load_lexicon(path, config)?;
    Ok((lex, warnings))
}

#[derive(Debug, Clone)]
pub struct LexiconCmdOptions {
    pub lexicon: PathBuf,
    pub by: Unit,
    /// Print the split by voice (table format).
    pub voice: bool,
    /// Print every hit (source, article, sentence, byte span, category, entry,
    /// surface, form, voice, target) instead of the scores.
    pub hits: bool,
    /// By article: intervals even above [`ARTICLE_CI_LIMIT`] articles (`--ci`).
    pub article_cis: bool,
    pub score: ScoreConfig,
    /// Show only these sources (`--source`); empty = all. The scores compare
    /// each unit with the rest of the whole corpus, so every source is read.
    pub sources: Vec<String>,
}

/// A row of `lexicon --format csv`: the columns of a [`ScoreRow`] it shows.
#[derive(Clone, Serialize)]
pub struct Row<'a> {
    unit_type: Unit,
    unit: &'a str,
    wc: u64,
    category: &'a str,
    label: &'a str,
    hits: u64,
    per_1000: f64,
    per_1000_lo: Option<f64>,
    per_1000_hi: Option<f64>,
    ci_method: Option<&'static str>,
    percent: f64,
    g2: f64,
    p: f64,
    own: u64,
    quoted: u64,
    scare: u64,
    distanced: u64,
}

impl<'a> From<&ScoreRow<'a>> for Row<'a> {
    fn from(r: &ScoreRow<'a>) -> Row<'a> {
        let [own, quoted, scare, distanced] = r.voices;
        Row {
            unit_type: r.unit_type,
            unit: r.unit,
            wc: r.wc,
            category: r.category,
            label: r.label,
            hits: r.hits,
            per_1000: r.per_1000,
            per_1000_lo: r.per_1000_lo,
            per_1000_hi: r.per_1000_hi,
            ci_method: r.ci_method,
            percent: r.percent,
            g2: r.g2,
            p: r.p,
            own,
            quoted,
            scare,
            distanced,
        }
    }
}

pub fn run(
    config: &Config,
    opts: &LexiconCmdOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    if opts.lexicon == Path::new(crate::lexicon::NO_LEXICON) {
        return Err(Error::Usage(
            "lexicon scores need a lexicon: --lexicon none applies to report, count and kwic"
                .into(),
        ));
    }
    let (lex, mut warnings) = load(&opts.lexicon, config)?;
    if opts.hits {
        // A hit does not depend on other sources: only those asked for are read.
        warnings.extend(run_hits(config, &lex, format, out)?);
        return Ok(warnings);
    }
    let mut config = config.clone();
    config.read.only_sources.clear();
    let want = Want {
        terms: None,
        lexicon: Some(&lex),
        window: lexicon::DEFAULT_WINDOW,
        hash_inputs: false,
        keep_articles: false,
    };
    let c = collect(&config, &want)?.by(opts.by)?;
    c.check_units(&opts.sources)?;
    warnings.extend(c.read.warnings.iter().cloned());
    warnings.extend(
        lex.uncovered_languages(
            &opts.lexicon,
            c.read
                .sources
                .iter()
                .map(|(id, s)| (id.as_str(), s.language.as_str())),
        ),
    );
    let units = c.lexicon_units(opts.by);
    let mut score = opts.score.clone();
    if opts.by == Unit::Article && !opts.article_cis && units.len() > ARTICLE_CI_LIMIT {
        // A bootstrap per article costs articles × resamples; asked for with --ci.
        score.resamples = 0;
        warnings.push(Warning::about_run(format!(
            "{} articles: no per-article intervals above {ARTICLE_CI_LIMIT} (pass --ci for them)",
            units.len()
        )));
    }
    let mut scores = lexicon::score(&lex, &units, &score);
    drop(units);
    // Units shown: those of the sources asked for.
    let shown = shown_units(&c, opts);
    scores.units.retain(|u| shown.contains(u.unit.as_str()));
    let all = rows(&scores, opts.by, |id| lex.category_label(id));
    let mut doc = document(&lex, &scores, &all, opts, &config);
    super::groups_note(&mut doc, &c);
    doc.render(format, out)?;
    Ok(warnings)
}

/// The units asked for (`--source`: sources, or groups under `--by
/// group`): article ids, source ids or group names.
fn shown_units<'a>(c: &'a Collection, opts: &LexiconCmdOptions) -> BTreeSet<&'a str> {
    c.order
        .iter()
        .map(|(source, id)| (c.unit_of(source), id))
        .filter(|(unit, _)| shows(&opts.sources, unit))
        .map(|(unit, id)| match opts.by {
            Unit::Article => id.0.as_str(),
            Unit::Source | Unit::Group => unit,
        })
        .collect()
}

/// The command's output: one row per unit and category, the scores in JSON.
fn document<'a>(
    lex: &Lexicon,
    scores: &LexiconScores,
    all: &'a [ScoreRow],
    opts: &LexiconCmdOptions,
    config: &Config,
) -> Document<'a, Row<'a>> {
    let rows: Vec<Row> = all.iter().map(Row::from).collect();
    let text = text(lex, scores, all, opts);
    Document {
        command: "lexicon",
        fields: fields([
            (
                "lexicon",
                serde_json::json!({ "path": opts.lexicon.display().to_string(), "name": lex.meta.name, "version": lex.meta.version }),
            ),
            ("rates", "per_1000 = 1000 * hits / words; percent = 100 * words covered / words (LIWC); CI: percentile bootstrap over sentences, over articles for a source of 20 articles or more, exact Poisson (Garwood) for 0 hits, none per article above 1,000 articles without --ci (ci_method names it); g2: the unit against the rest (signed)".into()),
            ("analyzer", json(AnalyzerInfo::new(&config.analyzer))),
            ("scores", json(scores)),
        ]),
        body: Body::Groups {
            key: "",
            groups: vec![crate::output::doc::Group {
                fields: Default::default(),
                lists: vec![("rows", Rows::Built(rows))],
            }],
            in_json: false,
        },
        text,
    }
}

/// The table view: a heading, then each unit's categories.
fn text(
    lex: &Lexicon,
    scores: &LexiconScores,
    rows: &[ScoreRow<'_>],
    opts: &LexiconCmdOptions,
) -> Vec<Block> {
    let mut text = vec![Block::Line(format!(
        "Lexicon {}: hits per 1,000 words with {:.0}% CI (bootstrap, {} resamples of sentences, or of articles for a source of {} or more, seed {}; exact Poisson for 0 hits); G² against the rest of the corpus\n",
        printable(&lexicon::describe(&lex.meta.name, &lex.meta.version, &[])),
        opts.score.confidence * 100.0,
        opts.score.resamples,
        crate::lexicon::CLUSTER_MIN_ARTICLES,
        opts.score.seed
    ))];
    for u in &scores.units {
        text.push(Block::Line(format!(
            "== {}: {} words, {} sentences ==",
            printable(&u.unit),
            u.wc,
            u.sentences
        )));
        text.push(Block::Table(view(
            rows.iter().filter(|r| r.unit == u.unit),
            opts.voice,
        )));
        text.push(Block::Line(String::new()));
    }
    text
}

/// The table view of one unit's categories.
fn view<'r, 'a: 'r>(rows: impl Iterator<Item = &'r ScoreRow<'a>>, voice: bool) -> View {
    let mut headers = vec![
        ("category", Align::Left),
        ("hits", Align::Right),
        ("per_1000", Align::Right),
        ("95% CI", Align::Right),
        ("CI by", Align::Left),
        ("percent", Align::Right),
        ("G² vs rest", Align::Right),
    ];
    if voice {
        headers.extend([
            ("own", Align::Right),
            ("quoted", Align::Right),
            ("scare", Align::Right),
            ("distanced", Align::Right),
        ]);
    }
    let mut t = View::new(&headers);
    for r in rows {
        let mut cells = vec![
            r.label.to_string(),
            r.hits.to_string(),
            format!("{:.2}", r.per_1000),
            match (r.per_1000_lo, r.per_1000_hi) {
                (Some(lo), Some(hi)) => format!("{lo:.2}–{hi:.2}"),
                _ => "-".into(),
            },
            match r.ci_method {
                Some("sentence_bootstrap") => "sentences",
                Some("article_bootstrap") => "articles",
                Some("poisson_exact") => "Poisson",
                _ => "-",
            }
            .to_string(),
            format!("{:.2}%", r.percent),
            format!("{:+.2}", r.g2),
        ];
        if voice {
            cells.extend(r.voices.map(|x| x.to_string()));
        }
        t.row(cells);
    }
    t
}

/// `lexicon --hits`: every hit, streamed from the pass.
fn run_hits(
    config: &Config,
    lex: &Lexicon,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let mut hits = Vec::new();
    let read = for_each_article(
        config,
        |a, _, analyzed| {
            find_hits(lex, &a.language, &a.text, analyzed)
                .iter()
                .map(|h| h.record(lex, &a.text, analyzed, &a.source, &a.id))
                .collect::<Vec<_>>()
        },
        |_, h| hits.extend(h),
    )?;
    let mut t = View::new(&[
        ("source", Align::Left),
        ("article", Align::Left),
        ("bytes", Align::Right),
        ("category", Align::Left),
        ("surface", Align::Left),
        ("voice", Align::Left),
        ("target", Align::Left),
    ]);
    if format == Format::Table {
        for h in &hits {
            t.row(vec![
                h.source.clone(),
                h.article.clone(),
                format!("{}..{}", h.start, h.end),
                h.category.clone(),
                h.surface.clone(),
                h.voice.as_str().to_string(),
                h.target.clone().unwrap_or_default(),
            ]);
        }
    }
    Document {
        command: "lexicon --hits",
        fields: Default::default(),
        body: Body::Rows {
            key: "hits",
            rows: Rows::Built(hits),
        },
        text: vec![Block::Table(t)],
    }
    .render(format, out)?;
    Ok(read.warnings)
}

#[derive(Debug, Clone)]
pub struct KwicOptions {
    pub pattern: String,
    pub lexicon: PathBuf,
    pub window: usize,
}

pub fn run_kwic(
    config: &Config,
    opts: &KwicOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let (lex, mut warnings) = load(&opts.lexicon, config)?;
    let an = Analyzer::new(&lex.meta.language, &config.analyzer)?;
    let pattern = KwicPattern::parse(&opts.pattern, &lex, &an)?;
    let mut lines = Vec::new();
    let read = for_each_article(
        config,
        |a, an, analyzed| {
            // A word or phrase is analyzed as each article's language is (it
            // parsed above, so it parses again).
            let own;
            let pattern = match &pattern {
                KwicPattern::Entry(_) if an.language() != lex.meta.language => {
                    own = KwicPattern::parse(&opts.pattern, &lex, an).unwrap_or(pattern.clone());
                    &own
                }
                p => p,
            };
            kwic(
                pattern,
                &lex,
                ArticleRef {
                    source: &a.source,
                    article: &a.id,
                    language: &a.language,
                    text: &a.text,
                    analyzed,
                },
                opts.window,
            )
        },
        |_, l| lines.extend(l),
    )?;
    warnings.extend(read.warnings);
    let mut t = View::new(&[
        ("source", Align::Left),
        ("voice", Align::Left),
        ("left", Align::Right),
        ("match", Align::Left),
        ("right", Align::Left),
    ]);
    if format == Format::Table {
        for l in &lines {
            t.row(vec![
                l.source.clone(),
                l.voice.as_str().to_string(),
                tail_chars(&l.left, 60),
                format!("[{}]", l.matched),
                head_chars(&l.right, 60),
            ]);
        }
    }
    let footer = format!("{} line(s) for {}", lines.len(), printable(&opts.pattern));
    Document {
        command: "kwic",
        fields: fields([
            ("pattern", opts.pattern.clone().into()),
            ("window", opts.window.into()),
        ]),
        body: Body::Rows {
            key: "lines",
            rows: Rows::Built(lines),
        },
        text: vec![Block::Table(t), Block::Line(footer)],
    }
    .render(format, out)?;
    Ok(warnings)
}

fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n).collect::<String>())
    }
}

fn head_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}
