//! `framelens lexicon` (loaded-term rates per source or article, with bootstrap
//! CIs, G² against the rest, and the split by voice) and `framelens kwic`
//! (a concordance of a word, glob, phrase or `category:<id>`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{csv_err, stdout_err, AnalyzerInfo, Unit, Warnings, SCHEMA_VERSION};
use crate::analyze::Analyzer;
use crate::corpus::Warning;
use crate::error::Result;
use crate::lexicon::{
    self, find_hits, kwic, ArticleLexStats, ArticleRef, KwicPattern, Lexicon, ScoreConfig, Voice,
};
use crate::output::{csv_writer, printable, write_json, Align, Format, Table};
use crate::pipeline::{for_each_article, Config};

/// Loads a lexicon with the analyzer the corpus uses (English settings).
pub fn load(path: &std::path::Path, config: &Config) -> Result<(Lexicon, Vec<Warning>)> {
    let an = Analyzer::new("en", &config.analyzer)?;
    let (lex, warnings) = Lexicon::load(path, &an)?;
    let warnings = warnings
        .into_iter()
        .map(|w| Warning {
            path: w.path,
            line: w.line,
            message: if w.column > 0 {
                format!("column {}: {}", w.column, w.message)
            } else {
                w.message
            },
        })
        .collect();
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
    pub score: ScoreConfig,
    /// Show only these sources (`--source`); empty = all. The scores compare
    /// each unit with the rest of the whole corpus, so every source is read.
    pub sources: Vec<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    unit_type: Unit,
    unit: &'a str,
    wc: u64,
    category: &'a str,
    label: &'a str,
    hits: u64,
    per_1000: f64,
    per_1000_lo: Option<f64>,
    per_1000_hi: Option<f64>,
    percent: f64,
    g2: f64,
    p: f64,
    own: u64,
    quoted: u64,
    scare: u64,
    distanced: u64,
}

pub fn run(
    config: &Config,
    opts: &LexiconCmdOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let (lex, mut warnings) = load(&opts.lexicon, config)?;
    if opts.hits {
        // A hit does not depend on other sources: only those asked for are read.
        return run_hits(config, &lex, warnings, format, out);
    }
    let mut config = config.clone();
    config.read.only_sources.clear();
    let mut units: BTreeMap<String, ArticleLexStats> = BTreeMap::new();
    let mut articles: Vec<(String, ArticleLexStats)> = Vec::new();
    let mut shown: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let read = for_each_article(
        &config,
        |a, _, analyzed| {
            ArticleLexStats::from_hits(&lex, analyzed, &find_hits(&lex, &a.text, analyzed))
        },
        |a, stats| {
            if super::shows(&opts.sources, &a.source) {
                shown.insert(match opts.by {
                    Unit::Article => a.id.clone(),
                    Unit::Source => a.source.clone(),
                });
            }
            match opts.by {
                Unit::Article => articles.push((a.id.clone(), stats)),
                Unit::Source => match units.get_mut(&a.source) {
                    Some(s) => *s += &stats,
                    None => {
                        units.insert(a.source.clone(), stats);
                    }
                },
            }
        },
    )?;
    super::check_sources(&opts.sources, &read.sources)?;
    warnings.extend(read.warnings);
    let units: Vec<(String, ArticleLexStats)> = if opts.by == Unit::Source {
        units.into_iter().collect()
    } else {
        articles
    };
    let mut scores = lexicon::score(&lex, &units, &opts.score);
    scores.units.retain(|u| shown.contains(&u.unit));
    let label = |id: &str| {
        lex.categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.label.as_str())
            .unwrap_or(id)
            .to_string()
    };
    let rows: Vec<Row> = scores
        .units
        .iter()
        .flat_map(|u| {
            u.categories.iter().map(move |c| {
                let v = |voice: Voice| {
                    c.voices
                        .iter()
                        .find(|x| x.voice == voice)
                        .map_or(0, |x| x.hits)
                };
                Row {
                    unit_type: opts.by,
                    unit: &u.unit,
                    wc: u.wc,
                    category: &c.category,
                    label: "",
                    hits: c.hits,
                    per_1000: c.per_1000,
                    per_1000_lo: c.per_1000_ci.map(|x| x.0),
                    per_1000_hi: c.per_1000_ci.map(|x| x.1),
                    percent: c.percent,
                    g2: c.g2,
                    p: c.p,
                    own: v(Voice::Own),
                    quoted: v(Voice::Quoted),
                    scare: v(Voice::Scare),
                    distanced: v(Voice::Distanced),
                }
            })
        })
        .collect();
    let labels: Vec<String> = rows.iter().map(|r| label(r.category)).collect();
    let rows: Vec<Row> = rows
        .into_iter()
        .zip(&labels)
        .map(|(r, l)| Row { label: l, ..r })
        .collect();
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for r in &rows {
                w.serialize(r).map_err(csv_err)?;
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Json => write_json(
            out,
            &serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "command": "lexicon",
                "lexicon": { "path": opts.lexicon.display().to_string(), "name": lex.meta.name, "version": lex.meta.version },
                "rates": "per_1000 = 1000 * hits / words; percent = 100 * words covered / words (LIWC); CI: percentile bootstrap over sentences; g2: the unit against the rest (signed)",
                "analyzer": AnalyzerInfo::new(&config.analyzer),
                "scores": scores,
            }),
        )
        .map_err(stdout_err)?,
        Format::Table => {
            writeln!(
                out,
                "Lexicon {} {}: hits per 1,000 words with {:.0}% bootstrap CI ({} resamples of sentences, seed {}); G² against the rest of the corpus\n",
                printable(&lex.meta.name),
                printable(&lex.meta.version),
                opts.score.confidence * 100.0,
                opts.score.resamples,
                opts.score.seed
            )
            .map_err(stdout_err)?;
            for u in &scores.units {
                writeln!(out, "== {}: {} words, {} sentences ==", printable(&u.unit), u.wc, u.sentences).map_err(stdout_err)?;
                let mut headers = vec![
                    ("category", Align::Left),
                    ("hits", Align::Right),
                    ("per_1000", Align::Right),
                    ("95% CI", Align::Right),
                    ("percent", Align::Right),
                    ("G² vs rest", Align::Right),
                ];
                if opts.voice {
                    headers.extend([("own", Align::Right), ("quoted", Align::Right), ("scare", Align::Right), ("distanced", Align::Right)]);
                }
                let mut t = Table::new(&headers);
                for r in rows.iter().filter(|r| r.unit == u.unit) {
                    let mut cells = vec![
                        printable(r.label),
                        r.hits.to_string(),
                        format!("{:.2}", r.per_1000),
                        match (r.per_1000_lo, r.per_1000_hi) {
                            (Some(lo), Some(hi)) => format!("{lo:.2}–{hi:.2}"),
                            _ => "-".into(),
                        },
                        format!("{:.2}%", r.percent),
                        format!("{:+.2}", r.g2),
                    ];
                    if opts.voice {
                        cells.extend([r.own, r.quoted, r.scare, r.distanced].map(|x| x.to_string()));
                    }
                    t.row(cells);
                }
                t.write(out).map_err(stdout_err)?;
                writeln!(out).map_err(stdout_err)?;
            }
        }
    }
    Ok(warnings)
}

fn run_hits(
    config: &Config,
    lex: &Lexicon,
    mut warnings: Warnings,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let mut hits = Vec::new();
    let read = for_each_article(
        config,
        |a, _, analyzed| {
            find_hits(lex, &a.text, analyzed)
                .iter()
                .map(|h| h.record(lex, &a.text, analyzed, &a.source, &a.id))
                .collect::<Vec<_>>()
        },
        |_, h| hits.extend(h),
    )?;
    warnings.extend(read.warnings);
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for h in &hits {
                w.serialize(h).map_err(csv_err)?;
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Json => write_json(out, &serde_json::json!({"schema_version": SCHEMA_VERSION, "command": "lexicon --hits", "hits": hits}))
            .map_err(stdout_err)?,
        Format::Table => {
            let mut t = Table::new(&[
                ("source", Align::Left),
                ("article", Align::Left),
                ("bytes", Align::Right),
                ("category", Align::Left),
                ("surface", Align::Left),
                ("voice", Align::Left),
                ("target", Align::Left),
            ]);
            for h in &hits {
                t.row(vec![
                    printable(&h.source),
                    printable(&h.article),
                    format!("{}..{}", h.start, h.end),
                    printable(&h.category),
                    printable(&h.surface),
                    h.voice.as_str().to_string(),
                    h.target.as_deref().map(printable).unwrap_or_default(),
                ]);
            }
            t.write(out).map_err(stdout_err)?;
        }
    }
    Ok(warnings)
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
    let an = Analyzer::new("en", &config.analyzer)?;
    let pattern = KwicPattern::parse(&opts.pattern, &lex, &an)?;
    let mut lines = Vec::new();
    let read = for_each_article(
        config,
        |a, _, analyzed| {
            kwic(
                &pattern,
                &lex,
                ArticleRef {
                    source: &a.source,
                    article: &a.id,
                    text: &a.text,
                    analyzed,
                },
                opts.window,
            )
        },
        |_, l| lines.extend(l),
    )?;
    warnings.extend(read.warnings);
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for l in &lines {
                w.serialize(l).map_err(csv_err)?;
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Json => write_json(
            out,
            &serde_json::json!({"schema_version": SCHEMA_VERSION, "command": "kwic", "pattern": opts.pattern, "window": opts.window, "lines": lines}),
        )
        .map_err(stdout_err)?,
        Format::Table => {
            let mut t = Table::new(&[
                ("source", Align::Left),
                ("voice", Align::Left),
                ("left", Align::Right),
                ("match", Align::Left),
                ("right", Align::Left),
            ]);
            for l in &lines {
                t.row(vec![
                    printable(&l.source),
                    l.voice.as_str().to_string(),
                    printable(&tail_chars(&l.left, 60)),
                    format!("[{}]", printable(&l.matched)),
                    printable(&head_chars(&l.right, 60)),
                ]);
            }
            t.write(out).map_err(stdout_err)?;
            writeln!(out, "{} line(s) for {}", lines.len(), printable(&opts.pattern)).map_err(stdout_err)?;
        }
    }
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
