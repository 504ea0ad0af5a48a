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
            // One request per unit and member source (a source's own unit
            // has one): its terms. A group's lines are then drawn from its
            // sources in turn.
            let mut requests: Vec<LinesRequest> = Vec::new();
            let mut at: Vec<Vec<(usize, usize)>> = Vec::new();
            for (t, sources) in &wanted {
                let mut places = Vec::new();
                for source in sources {
                    let r = match requests
                        .iter()
                        .position(|q| q.unit == t.unit && q.sources.first() == Some(source))
                    {
                        Some(r) => r,
                        None => {
                            requests.push(LinesRequest {
                                unit: t.unit.clone(),
                                sources: vec![source.clone()],
                                terms: Vec::new(),
                            });
                            requests.len() - 1
                        }
                    };
                    if let Some(q) = requests.get_mut(r) {
                        places.push((r, q.terms.len()));
                        q.terms.push(t.term.clone());
                    }
                }
                at.push(places);
            }
            let mut config = Config::clone(config);
            // Numbers from partials: the text is checked article by article
            // against them (any layout). Numbers from this run's first pass:
            // the very files, by SHA-256, so a file changed in between is seen.
            config.read.hash_inputs = !*stats_from_partials;
            let counted = stats_from_partials.then_some(&stats.articles);
            let (found, read) =
                term_lines(&config, lex, &requests, LINES_PER_TERM, window, counted)?;
            if !*stats_from_partials {
                check_inputs(
                    &config,
                    &stats.inputs,
                    &crate::analysis::collect::input_files(&config.corpus, &read.inputs),
                )?;
            }
            for ((mut t, _), places) in wanted.into_iter().zip(at) {
                let per_source: Vec<&[KwicLine]> = places
                    .iter()
                    .filter_map(|&(r, k)| found.lines.get(r).and_then(|v| v.get(k)))
                    .map(Vec::as_slice)
                    .collect();
                t.lines = in_turn(per_source, LINES_PER_TERM);
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

/// Up to `n` lines from the sources' lists (each in article id order): the
/// first of each source, then the second of each, …, the sources taken in
/// the order of their first line (article id, source). One source: its
/// first `n`. So a group's lines show several of its sources, not the one
/// whose articles happen to have the smallest ids.
fn in_turn(mut lists: Vec<&[KwicLine]>, n: usize) -> Vec<KwicLine> {
    lists.retain(|l| !l.is_empty());
    lists.sort_by(|a, b| match (a.first(), b.first()) {
        (Some(x), Some(y)) => crate::partial::natural_cmp(&x.article, &y.article)
            .then_with(|| x.source.cmp(&y.source)),
        _ => std::cmp::Ordering::Equal,
    });
    let mut out = Vec::with_capacity(n);
    let longest = lists.iter().map(|l| l.len()).max().unwrap_or(0);
    for i in 0..longest {
        for l in &lists {
            if out.len() == n {
                return out;
            }
            if let Some(line) = l.get(i) {
                out.push(line.clone());
            }
        }
    }
    out
}

/// The text read again must be the text counted: the same files, byte for
/// byte (compared by SHA-256 and size; paths may be spelled differently).
fn check_inputs(
    config: &Config,
    counted: &std::collections::BTreeSet<InputFile>,
    read: &std::collections::BTreeSet<InputFile>,
) -> Result<()> {
    let key = |f: &InputFile| (f.sha256.clone(), f.bytes);
    let mut a: Vec<_> = counted.iter().map(key).collect();
    let mut b: Vec<_> = read.iter().map(key).collect();
    a.sort();
    b.sort();
    if a == b {
        return Ok(());
    }
    let which = match read.iter().find(|f| !a.contains(&key(f))) {
        Some(f) => format!("{} differs from the file counted", f.path),
        None => match counted.iter().find(|f| !b.contains(&key(f))) {
            Some(f) => format!("{} is gone", f.path),
            None => "a file is read twice".to_string(),
        },
    };
    Err(Error::input(
        &config.corpus,
        0,
        format!(
            "the corpus changed while the report was being made ({which}); run the report again"
        ),
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(source: &str, article: &str, start: usize) -> KwicLine {
        KwicLine {
            source: source.into(),
            article: article.into(),
            sentence: 0,
            start,
            end: start + 1,
            voice: crate::lexicon::Voice::Own,
            category: None,
            target: None,
            left: String::new(),
            matched: String::new(),
            right: String::new(),
        }
    }

    #[test]
    fn a_groups_lines_take_its_sources_in_turn_by_their_first_article() {
        let b = [line("b", "b1", 0), line("b", "b1", 9), line("b", "b2", 0)];
        let a = [line("a", "x7", 0), line("a", "x8", 0)];
        let c = [line("c", "a3", 4)];
        let got: Vec<(String, usize)> = in_turn(vec![&b, &a, &[], &c], 5)
            .into_iter()
            .map(|l| (l.article, l.start))
            .collect();
        // c (a3) first, then b (b1), then a (x7); then the second of each.
        let want = [("a3", 4), ("b1", 0), ("x7", 0), ("b1", 9), ("x8", 0)];
        assert_eq!(got, want.map(|(a, s)| (a.to_string(), s)));
        assert_eq!(in_turn(vec![&b], 2).len(), 2);
    }

    fn file(path: &str, sha: &str) -> InputFile {
        InputFile {
            path: path.into(),
            bytes: 10,
            sha256: sha.into(),
        }
    }

    #[test]
    fn the_text_read_again_must_be_the_files_counted() {
        let config = Config {
            corpus: "c".into(),
            read: Default::default(),
            analyzer: Default::default(),
            threads: None,
        };
        let counted: std::collections::BTreeSet<InputFile> =
            [file("c/a.txt", "1"), file("c/b.txt", "2")].into();
        // The same bytes under other paths: fine.
        let moved = [file("d/a.txt", "1"), file("d/b.txt", "2")].into();
        assert!(check_inputs(&config, &counted, &moved).is_ok());
        let changed = [file("c/a.txt", "1"), file("c/b.txt", "3")].into();
        let e = check_inputs(&config, &counted, &changed)
            .unwrap_err()
            .to_string();
        assert!(e.contains("c/b.txt differs from the file counted"), "{e}");
        let gone = [file("c/a.txt", "1")].into();
        let e = check_inputs(&config, &counted, &gone)
            .unwrap_err()
            .to_string();
        assert!(e.contains("c/b.txt is gone"), "{e}");
    }
}
