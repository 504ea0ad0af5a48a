//! The sentences behind key terms: a second, bounded pass over the corpus
//! that finds, for each unit (a source, or a group of sources) and each of a
//! few terms asked for (the terms the report's findings name), the first
//! occurrences of that term in that unit's articles, as concordance lines.
//!
//! A term is matched as statistics count it: the same analyzer, the same
//! n-gram window ([`Analyzer::for_each_gram`]), so a line exists for every
//! occurrence a count came from and for no other. "First" is by (article id
//! in natural order, source, byte position), whatever the corpus order and the thread count.
//!
//! Bounded: at most `per_term` lines per (unit, term) are kept at any time;
//! memory follows the request, not the corpus. Cheap when the corpus comes in
//! article id order: once a term has its lines, a later article cannot
//! displace them, and an article that can displace none is not analyzed.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;

use crate::analyze::{Analyzed, Analyzer};
use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::lexicon::{token_lines, ArticleRef, KwicLine, Lexicon};
use crate::partial::{natural_cmp, ArticleEntry, ArticleId};
use crate::pipeline::{for_each_article_where, Config, ReadSummary};

/// A source's wanted terms: term → the (request, term index) pairs that want it.
type Wanted<'a> = HashMap<&'a str, Vec<(usize, usize)>>;

/// The (article id, source) of the last of a term's lines, once it has all.
type Last = (String, String);

/// The terms of one unit whose lines are wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinesRequest {
    /// The unit's name (a source id or a group name), echoed in the answer.
    pub unit: String,
    /// The sources whose articles make the unit.
    pub sources: Vec<String>,
    /// Terms as the statistics name them: stems, n-grams joined by a space.
    pub terms: Vec<String>,
}

/// For each request, for each of its terms, the first lines in (article id,
/// source, position) order: `lines[request][term]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermLines {
    pub lines: Vec<Vec<Vec<KwicLine>>>,
    /// Articles analyzed (the others were read only).
    pub analyzed: u64,
}

/// The articles the statistics were counted from, when they came from
/// partials: the text read for the lines must hold exactly these articles
/// (any layout: split, joined, renamed files), and an article whose lines
/// are read must have the words and sentences counted.
pub type Counted = BTreeMap<(String, ArticleId), ArticleEntry>;

/// Reads the corpus of `config` once and returns the first `per_term`
/// concordance lines of every requested (unit, term), with `window` words of
/// context, voice and target read with `lex` (as `framelens kwic` does), and
/// what the reader reported (its inputs, when `config.read.hash_inputs`).
/// With `counted`, the corpus is checked against it as it is read: an
/// article the statistics do not have stops the run at once, naming its
/// file and line.
pub fn term_lines(
    config: &Config,
    lex: &Lexicon,
    requests: &[LinesRequest],
    per_term: usize,
    window: usize,
    counted: Option<&Counted>,
) -> Result<(TermLines, ReadSummary)> {
    // source → term → the (request, term index) pairs that want it.
    let mut wanted: HashMap<&str, Wanted<'_>> = HashMap::new();
    for (r, req) in requests.iter().enumerate() {
        for s in &req.sources {
            let terms = wanted.entry(s.as_str()).or_default();
            for (t, term) in req.terms.iter().enumerate() {
                terms.entry(term.as_str()).or_default().push((r, t));
            }
        }
    }
    let mut out = TermLines {
        lines: requests
            .iter()
            .map(|r| vec![Vec::new(); r.terms.len()])
            .collect(),
        analyzed: 0,
    };
    // Per (request, term), once it has `per_term` lines: the (article id,
    // source) of the last. It only moves earlier, so an article after it for
    // every term its source is asked for can never be among the first lines,
    // and is not analyzed: read in id order (a folder's sorted files, most
    // archives' JSONL), only the first articles of each source are. Skipping
    // changes nothing found, so the lines are the same whatever the timing.
    let full: RwLock<Vec<Vec<Option<Last>>>> =
        RwLock::new(requests.iter().map(|r| vec![None; r.terms.len()]).collect());
    // Only the articles of the units asked for are analyzed; the others are
    // read (and hashed) only.
    let seen = AtomicU64::new(0);
    let keep = |a: &Article| -> Result<bool> {
        if let Some(c) = counted {
            if !c.contains_key(&(a.source.clone(), ArticleId(a.id.clone()))) {
                return Err(Error::input(
                    &a.path,
                    a.line,
                    format!(
                        "article {:?} of source {:?} is not among the articles the partials were counted from: --corpus must be their corpus (in any layout)",
                        a.id, a.source
                    ),
                ));
            }
            seen.fetch_add(1, Ordering::Relaxed);
        }
        let Some(terms) = wanted.get(a.source.as_str()).filter(|_| per_term > 0) else {
            return Ok(false);
        };
        let full = full.read().unwrap_or_else(|e| e.into_inner());
        Ok(terms.values().flatten().any(|&(r, t)| {
            match full.get(r).and_then(|v| v.get(t)).and_then(Option::as_ref) {
                None => true,
                Some((article, source)) => natural_cmp(&a.id, article)
                    .then_with(|| a.source.as_str().cmp(source))
                    .is_le(),
            }
        }))
    };
    let map = |a: &Article, an: &Analyzer, analyzed: &Analyzed| -> Found {
        let Some(terms) = wanted.get(a.source.as_str()) else {
            return Ok(Vec::new());
        };
        if let Some(e) = counted.and_then(|c| c.get(&(a.source.clone(), ArticleId(a.id.clone())))) {
            let (words, sentences) = (analyzed.wc() as u64, analyzed.sentences.len() as u64);
            if (words, sentences) != (e.words, e.sentences) {
                return Err(Error::input(
                    &a.path,
                    a.line,
                    format!(
                        "article {:?} of source {:?} has {words} words and {sentences} sentences here, but {} and {} in the partials: its text is not the text counted",
                        a.id, a.source, e.words, e.sentences
                    ),
                ));
            }
        }
        // Per (request, term): the first `per_term` runs in this article
        // (positions ascend, so later ones can never be among the first).
        let mut runs: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
        let mut term = String::new();
        an.for_each_gram(analyzed, |gram| {
            let (Some(&first), Some(&last)) = (gram.first(), gram.last()) else {
                return;
            };
            term.clear();
            for (j, &i) in gram.iter().enumerate() {
                if j > 0 {
                    term.push(' ');
                }
                term.push_str(&analyzed.tokens[i].stem);
            }
            if let Some(pairs) = terms.get(term.as_str()) {
                for &p in pairs {
                    let v = runs.entry(p).or_default();
                    if v.len() < per_term {
                        v.push((first, last + 1 - first));
                    }
                }
            }
        });
        if runs.is_empty() {
            return Ok(Vec::new());
        }
        let doc = ArticleRef {
            source: &a.source,
            article: &a.id,
            language: &a.language,
            text: &a.text,
            analyzed,
        };
        // One voice and actor reading of the article for all its runs.
        let all: Vec<(usize, usize)> = runs.values().flatten().copied().collect();
        let mut lines = token_lines(&all, lex, doc, window).into_iter();
        let mut found = Vec::with_capacity(all.len());
        for ((r, t), v) in &runs {
            for _ in v {
                if let Some(l) = lines.next() {
                    found.push((*r, *t, l));
                }
            }
        }
        Ok(found)
    };
    let mut failed: Option<Error> = None;
    let read = for_each_article_where(config, &keep, map, |_, found| {
        out.analyzed += 1;
        let found = match found {
            Ok(f) => f,
            Err(e) => {
                failed.get_or_insert(e);
                return;
            }
        };
        for (r, t, line) in found {
            if let Some(slot) = out.lines.get_mut(r).and_then(|v| v.get_mut(t)) {
                keep_first(slot, line, per_term);
                if let Some(last) = slot.get(per_term.saturating_sub(1)) {
                    let mut full = full.write().unwrap_or_else(|e| e.into_inner());
                    if let Some(f) = full.get_mut(r).and_then(|v| v.get_mut(t)) {
                        *f = Some((last.article.clone(), last.source.clone()));
                    }
                }
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    if let Some(c) = counted {
        let seen = seen.into_inner();
        if seen != c.len() as u64 {
            return Err(Error::input(
                &config.corpus,
                0,
                format!(
                    "holds {seen} of the {} articles the partials were counted from: --corpus must be their whole corpus (in any layout)",
                    c.len()
                ),
            ));
        }
    }
    Ok((out, read))
}

/// An article's lines as (request, term, line), or why its text is not the
/// text counted.
type Found = Result<Vec<(usize, usize, KwicLine)>>;

/// Inserts `line` into `slot` (sorted by article id in natural order, as
/// `data/articles.csv` lists them, then source, then start), keeping the
/// first `n`.
fn keep_first(slot: &mut Vec<KwicLine>, line: KwicLine, n: usize) {
    let before = |l: &KwicLine| {
        natural_cmp(&l.article, &line.article)
            .then_with(|| l.source.cmp(&line.source))
            .then_with(|| l.start.cmp(&line.start))
            .is_le()
    };
    let at = slot.partition_point(before);
    if at < n {
        slot.insert(at, line);
        slot.truncate(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(article: &str, start: usize) -> KwicLine {
        KwicLine {
            source: "s".into(),
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
    fn keeps_the_first_lines_by_article_and_position_whatever_the_arrival_order() {
        let arrivals = [
            ("b", 5),
            ("a10", 9),
            ("c", 1),
            ("a9", 2),
            ("a9", 1),
            ("b", 1),
        ];
        let mut slot = Vec::new();
        for (a, s) in arrivals {
            keep_first(&mut slot, line(a, s), 3);
        }
        let got: Vec<(&str, usize)> = slot.iter().map(|l| (l.article.as_str(), l.start)).collect();
        // a9 before a10: ids in natural order, as articles.csv lists them.
        assert_eq!(got, vec![("a9", 1), ("a9", 2), ("a10", 9)]);
    }
}
