//! The sentences behind the findings: for every key term the findings name
//! (a group's, a shown source's), its first concordance lines in that unit,
//! read from the corpus in a second pass once keyness has said which terms
//! are key (`analysis::concordance`), written to `data/key_lines.csv` and
//! shown on the page behind a plain in-page link from each term.
//!
//! Partials hold no text, so a report from partials has these lines only
//! when it is given the corpus the partials were counted from (`report
//! --stats P --corpus C`); the files read are checked against the partials'
//! list of inputs (SHA-256 and size), so the lines always come from the text
//! the numbers were counted from. A corpus read from standard input cannot
//! be read twice: the page says why it has no lines.

use std::collections::BTreeMap;

use serde::Serialize;

use super::data::Tables;
use super::findings::named_rows;
use super::model::{KeyLines, KeyTerm, Report};
use super::write::Sink;
use crate::analysis::concordance::{term_lines, LinesRequest};
use crate::analysis::keyness::Comparison;
use crate::error::{Error, Result};
use crate::lexicon::{KwicLine, Lexicon};
use crate::partial::{ArticleId, InputFile, Stats};
use crate::pipeline::Config;

/// Concordance lines kept per key term.
pub const LINES_PER_TERM: usize = 5;

/// Where the lines' text comes from.
#[derive(Debug, Clone)]
pub enum Text {
    /// The corpus, read again; `stats_from_partials`: the numbers came from
    /// partials (a mismatch is then the user's corpus, not a change).
    Corpus {
        config: Box<Config>,
        stats_from_partials: bool,
    },
    /// No text to read, and why.
    Missing(String),
}

/// The key terms of every unit the page shows, without their lines: the
/// groups' (in the order of the groups' findings), then the shown sources'
/// (in the order of the sources' findings). Anchors follow the findings'
/// section numbers: `lines-g<group>-<k>`, `lines-s<source>-<k>`.
pub fn key_terms(report: &Report) -> Vec<(KeyTerm, Vec<String>)> {
    let mut out = Vec::new();
    if let Some(g) = &report.groups {
        for (i, u) in g.units.iter().enumerate() {
            if let Some(c) = g.comparisons.iter().find(|c| c.target == u.group) {
                let n = i + 1;
                push_terms(&mut out, ("group", n), c, &u.sources);
            }
        }
    }
    let shown = report
        .corpus
        .sources
        .iter()
        .filter(|s| report.shown(&s.source));
    for (i, s) in shown.enumerate() {
        if let Some(c) = report
            .keyness
            .comparisons
            .iter()
            .find(|c| c.target == s.source)
        {
            let sources = vec![s.source.clone()];
            push_terms(&mut out, ("source", i + 1), c, &sources);
        }
    }
    out
}

fn push_terms(
    out: &mut Vec<(KeyTerm, Vec<String>)>,
    (unit_type, n): (&'static str, usize),
    c: &Comparison,
    sources: &[String],
) {
    let tag = if unit_type == "group" { "g" } else { "s" };
    // A term the unit never uses has no line to show.
    let rows = named_rows(c).into_iter().filter(|r| r.target_count > 0);
    for (k, r) in rows.enumerate() {
        let term = KeyTerm {
            unit_type,
            unit: c.target.to_string(),
            term: r.term.to_string(),
            display: r.display.to_string(),
            count: r.target_count,
            anchor: format!("lines-{tag}{n}-{}", k + 1),
            findings: format!("{unit_type}-{n}"),
            lines: Vec::new(),
        };
        out.push((term, sources.to_vec()));
    }
}

/// Reads the lines of the report's key terms from `text` into
/// `report.key_lines`, and writes `data/key_lines.csv`.
pub fn attach(
    report: &mut Report,
    text: &Text,
    lex: &Lexicon,
    stats: &Stats,
    window: usize,
    out: &Sink,
) -> Result<()> {
    let wanted = key_terms(report);
    let mut key_lines = KeyLines {
        per_term: LINES_PER_TERM,
        ..KeyLines::default()
    };
    match text {
        Text::Missing(why) => key_lines.missing = Some(why.clone()),
        Text::Corpus {
            config,
            stats_from_partials,
        } => {
            // One request per unit: its sources and its terms.
            let mut requests: Vec<LinesRequest> = Vec::new();
            let mut at: Vec<(usize, usize)> = Vec::new();
            for (t, sources) in &wanted {
                let r = match requests
                    .iter()
                    .position(|q| q.unit == t.unit && q.sources == *sources)
                {
                    Some(r) => r,
                    None => {
                        requests.push(LinesRequest {
                            unit: t.unit.clone(),
                            sources: sources.clone(),
                            terms: Vec::new(),
                        });
                        requests.len() - 1
                    }
                };
                if let Some(q) = requests.get_mut(r) {
                    at.push((r, q.terms.len()));
                    q.terms.push(t.term.clone());
                }
            }
            let mut config = Config::clone(config);
            config.read.hash_inputs = true;
            let (found, read) = term_lines(&config, lex, &requests, LINES_PER_TERM, window)?;
            check_inputs(
                &config,
                &stats.inputs,
                &crate::analysis::collect::input_files(&config.corpus, &read.inputs),
                *stats_from_partials,
            )?;
            for ((mut t, _), (r, k)) in wanted.into_iter().zip(at) {
                t.lines = found
                    .lines
                    .get(r)
                    .and_then(|v| v.get(k))
                    .cloned()
                    .unwrap_or_default();
                key_lines.terms.push(t);
            }
        }
    }
    key_lines.titles = titles(stats, &key_lines.terms);
    let mut tables = Tables::default();
    tables.put(out, "key_lines.csv", |t| t.rows(rows(&key_lines.terms)))?;
    report.tables.extend(tables.written);
    report.key_lines = key_lines;
    Ok(())
}

/// The text read again must be the text counted: the same files, byte for
/// byte (compared by SHA-256 and size; paths may be spelled differently).
fn check_inputs(
    config: &Config,
    counted: &std::collections::BTreeSet<InputFile>,
    read: &std::collections::BTreeSet<InputFile>,
    from_partials: bool,
) -> Result<()> {
    let key = |f: &InputFile| (f.sha256.clone(), f.bytes);
    let mut a: Vec<_> = counted.iter().map(key).collect();
    let mut b: Vec<_> = read.iter().map(key).collect();
    a.sort();
    b.sort();
    if a == b {
        return Ok(());
    }
    let first_new = read.iter().find(|f| !a.contains(&key(f)));
    let first_missing = counted.iter().find(|f| !b.contains(&key(f)));
    let which = match (first_new, first_missing) {
        (Some(f), _) => format!("{} is not among the files counted", f.path),
        (None, Some(f)) => format!("{} was counted but is not in it", f.path),
        (None, None) => "a file is read twice".to_string(),
    };
    if from_partials {
        Err(Error::Usage(format!(
            "{} is not the corpus the partials were counted from ({which}); pass that corpus with --corpus for the key terms' lines, or leave --corpus out",
            config.corpus.display()
        )))
    } else {
        Err(Error::input(
            &config.corpus,
            0,
            format!("the corpus changed while the report was made ({which}); run the report again"),
        ))
    }
}

/// The titles of the articles quoted, by (source, article id).
fn titles(stats: &Stats, terms: &[KeyTerm]) -> BTreeMap<(String, String), String> {
    terms
        .iter()
        .flat_map(|t| &t.lines)
        .filter_map(|l| {
            let a = stats
                .articles
                .get(&(l.source.clone(), ArticleId(l.article.clone())))?;
            Some(((l.source.clone(), l.article.clone()), a.title.clone()?))
        })
        .collect()
}

/// A row of `data/key_lines.csv`.
#[derive(Serialize)]
struct Row<'a> {
    unit_type: &'static str,
    unit: &'a str,
    term: &'a str,
    display: &'a str,
    count: u64,
    line: usize,
    source: &'a str,
    article: &'a str,
    sentence: u32,
    start: usize,
    end: usize,
    voice: &'static str,
    target: Option<&'a str>,
    left: &'a str,
    #[serde(rename = "match")]
    matched: &'a str,
    right: &'a str,
}

fn rows(terms: &[KeyTerm]) -> Vec<Row<'_>> {
    terms
        .iter()
        .flat_map(|t| {
            t.lines
                .iter()
                .enumerate()
                .map(move |(i, l): (usize, &KwicLine)| Row {
                    unit_type: t.unit_type,
                    unit: &t.unit,
                    term: &t.term,
                    display: &t.display,
                    count: t.count,
                    line: i + 1,
                    source: &l.source,
                    article: &l.article,
                    sentence: l.sentence,
                    start: l.start,
                    end: l.end,
                    voice: l.voice.as_str(),
                    target: l.target.as_deref(),
                    left: &l.left,
                    matched: &l.matched,
                    right: &l.right,
                })
        })
        .collect()
}
