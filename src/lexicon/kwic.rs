//! Keyword in context (KWIC): every match of a pattern with its context.
//!
//! A pattern is `category:<id>` (every hit of that category, as `find_hits`
//! finds them), or an entry in the lexicon's syntax: a word (matches its
//! inflections under stem matching), a `prefix*` glob, or a phrase. A pattern
//! entry is matched leftmost-longest like a category's entries. Context is
//! `window` word tokens on each side (quanteda `kwic`), taken as the text between
//! them with runs of whitespace collapsed to one space.

use super::matcher::{find_hits, mentions, nearest_actor, tok_views, Hit};
use super::model::{compile_entry, EntryKind, Lexicon, PatternSet, Unit};
use super::voice::{Voice, VoiceContext};
use crate::analyze::{Analyzed, Analyzer};
use crate::error::{Error, Result};

/// Default context, in words, on each side.
pub const DEFAULT_WINDOW: usize = 8;

/// A compiled KWIC pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KwicPattern {
    Category(u16),
    Entry(Vec<Unit>),
}

impl KwicPattern {
    /// Parses `category:<id>` or an entry (word, glob, phrase), compiled with the
    /// lexicon's matching mode and the text's analyzer.
    pub fn parse(pattern: &str, lex: &Lexicon, analyzer: &Analyzer) -> Result<KwicPattern> {
        if let Some(id) = pattern.strip_prefix("category:") {
            let id = id.trim();
            if lex.is_none() {
                return Err(Error::Usage(format!(
                    "category:{id} needs a lexicon: pass --lexicon FILE (without one, kwic takes a word, a glob or a phrase)"
                )));
            }
            return match lex.category_index(id) {
                Some(c) => Ok(KwicPattern::Category(c as u16)),
                None => {
                    let known: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
                    Err(Error::Usage(format!(
                        "unknown category '{id}'; the lexicon has: {}",
                        known.join(", ")
                    )))
                }
            };
        }
        compile_entry(pattern, analyzer, lex.meta.matching, EntryKind::Term)
            .map(KwicPattern::Entry)
            .map_err(|(_, msg)| Error::Usage(format!("bad KWIC pattern: {msg}")))
    }
}

/// One line of a concordance.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KwicLine {
    pub source: String,
    pub article: String,
    pub sentence: u32,
    pub start: usize,
    pub end: usize,
    pub voice: Voice,
    /// The category id, for a `category:` pattern.
    pub category: Option<String>,
    /// The nearest actor named in the same sentence (its id), if any.
    pub target: Option<String>,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
}

/// Where an article comes from, for the concordance lines.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRef<'a> {
    pub source: &'a str,
    pub article: &'a str,
    /// The article's language (ISO 639-1): which entries and markers match.
    pub language: &'a str,
    pub text: &'a str,
    pub analyzed: &'a Analyzed,
}

/// Every match of `pattern` in one article, in text order. Call per article and
/// concatenate in corpus order.
pub fn kwic(
    pattern: &KwicPattern,
    lex: &Lexicon,
    doc: ArticleRef<'_>,
    window: usize,
) -> Vec<KwicLine> {
    let spans: Vec<Span> = match pattern {
        KwicPattern::Category(c) => {
            let hits: Vec<Hit> = find_hits(lex, doc.language, doc.text, doc.analyzed)
                .into_iter()
                .filter(|h| h.category == *c)
                .collect();
            hit_spans(&hits, lex)
        }
        KwicPattern::Entry(units) => {
            let toks = tok_views(doc.text, doc.analyzed);
            let mut set = PatternSet::<()>::default();
            set.add((), units);
            let mut out = Vec::new();
            let mut found = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                set.matches_at(&toks, i, &mut out);
                match out.first() {
                    Some(&(_, len)) => {
                        found.push((i, len));
                        i += len;
                    }
                    None => i += 1,
                }
            }
            return token_lines(&found, lex, doc, window);
        }
    };
    lines(spans, doc, window)
}

/// The concordance lines of token runs `(first token, length)` of one
/// article, in the given order, each with its voice and the actor named
/// nearest in its sentence: what `kwic` gives for a word pattern, for runs
/// found by the caller (the report's key terms, matched by term).
pub fn token_lines(
    runs: &[(usize, usize)],
    lex: &Lexicon,
    doc: ArticleRef<'_>,
    window: usize,
) -> Vec<KwicLine> {
    if runs.is_empty() {
        return Vec::new();
    }
    let toks = tok_views(doc.text, doc.analyzed);
    let voices = VoiceContext::new(lex, doc.language, doc.text, doc.analyzed, &toks);
    let actors = mentions(lex, &toks);
    let spans = runs
        .iter()
        .filter(|&&(i, len)| len > 0 && i + len <= doc.analyzed.tokens.len())
        .map(|&(i, len)| {
            let t = &doc.analyzed.tokens[i];
            let target = nearest_actor(&actors, t.sentence, i, i + len)
                .map(|a| lex.actors[a as usize].id.clone());
            (i, len, voices.voice(i), None, target)
        })
        .collect();
    lines(spans, doc, window)
}

/// The concordance lines of hits already found (`find_hits` on the same article):
/// what the report shows behind every lexicon score, without matching twice.
pub fn hit_lines(hits: &[Hit], lex: &Lexicon, doc: ArticleRef<'_>, window: usize) -> Vec<KwicLine> {
    lines(hit_spans(hits, lex), doc, window)
}

/// (first token, length, voice, category id, target actor id) of a match.
type Span = (usize, usize, Voice, Option<String>, Option<String>);

fn hit_spans(hits: &[Hit], lex: &Lexicon) -> Vec<Span> {
    hits.iter()
        .map(|h| {
            let category = Some(lex.categories[h.category as usize].id.clone());
            let target = h.target.map(|a| lex.actors[a as usize].id.clone());
            (h.first as usize, h.len(), h.voice, category, target)
        })
        .collect()
}

fn lines(spans: Vec<Span>, doc: ArticleRef<'_>, window: usize) -> Vec<KwicLine> {
    let toks = &doc.analyzed.tokens;
    spans
        .into_iter()
        .map(|(i, len, voice, category, target)| {
            let (start, end) = (toks[i].start, toks[i + len - 1].end);
            let lo = i.saturating_sub(window);
            let hi = (i + len + window).min(toks.len());
            let t = doc.text;
            let left = if lo < i {
                squash(Some(
                    &(join(t, toks, lo, i) + &gap(t, toks[i - 1].end, start)),
                ))
            } else {
                String::new()
            };
            let right = if hi > i + len {
                squash(Some(
                    &(gap(t, end, toks[i + len].start) + &join(t, toks, i + len, hi)),
                ))
            } else {
                String::new()
            };
            KwicLine {
                source: doc.source.to_string(),
                article: doc.article.to_string(),
                sentence: toks[i].sentence,
                start,
                end,
                voice,
                category,
                target,
                left,
                matched: squash(doc.text.get(start..end)),
                right,
            }
        })
        .collect()
}

/// Tokens `from..to` with the text between them (see `gap`).
fn join(text: &str, toks: &[crate::analyze::Token], from: usize, to: usize) -> String {
    let mut s = String::new();
    for k in from..to {
        if k > from {
            s.push_str(&gap(text, toks[k - 1].end, toks[k].start));
        }
        s.push_str(text.get(toks[k].start..toks[k].end).unwrap_or_default());
    }
    s
}

/// The text between two words, with whatever stands on lines of its own in
/// between left out: a boilerplate line the analyzer dropped, a photo caption's
/// number, a heading rule. The context then reads as the analyzer read it.
fn gap(text: &str, from: usize, to: usize) -> String {
    let g = text.get(from..to.max(from)).unwrap_or_default();
    match (g.find('\n'), g.rfind('\n')) {
        (Some(a), Some(b)) => format!("{} {}", &g[..a], &g[b + 1..]),
        _ => g.to_string(),
    }
}

fn squash(s: Option<&str>) -> String {
    s.unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
