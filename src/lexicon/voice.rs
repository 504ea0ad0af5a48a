//! The voice of a hit (docs/METHODS.md §5): whose words are they?
//!
//! - `distanced`: the hit starts right after a distancing marker of the lexicon
//!   ("so-called", "alleged"), in the same sentence; quote marks between them do
//!   not matter (so-called “leftist” is distanced);
//! - `scare`: inside a quotation of one to [`SCARE_MAX_WORDS`] words (“vandals”,
//!   “murderous Dina”): the author holds the word at a distance;
//! - `quoted`: inside a longer quotation: someone else's words;
//! - `own`: none of these: the author's words.
//!
//! The first that applies wins, in that order. A quotation contains a hit when it
//! contains the hit's first word (a phrase may run past a scare quote: a ‘soft’
//! coup). With nested quotations the innermost one decides between `scare` and
//! `quoted`.
//!
//! Quote marks: “ ” (and „ as an opener), « », ‹ ›, " (a straight quote opens
//! unless one is open), and ‘ ’ only at word boundaries: ’ between two letters or
//! digits is an apostrophe (don’t), and a ’ with no ‘ open is a possessive
//! (workers’). Quotations are paired within one line (a paragraph): an opening
//! mark left unclosed at the end of its line opens nothing, so an unbalanced
//! quote never changes the voice of the rest of the article. A quotation that
//! runs over a hard line break is therefore not detected (the limitation of
//! that choice).

use std::ops::Range;

use super::model::{Lexicon, TokView};
use crate::analyze::Analyzed;

/// A quotation of at most this many words around a term is a scare quote.
pub const SCARE_MAX_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    Own,
    Quoted,
    Scare,
    Distanced,
}

impl Voice {
    pub const ALL: [Voice; 4] = [Voice::Own, Voice::Quoted, Voice::Scare, Voice::Distanced];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Own => "own",
            Voice::Quoted => "quoted",
            Voice::Scare => "scare",
            Voice::Distanced => "distanced",
        }
    }
}

impl std::fmt::Display for Voice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// “ … ” (also „ … “ / „ … ”)
    Curly,
    Low,
    Guillemet,
    SingleGuillemet,
    Straight,
    Single,
}

/// The byte ranges of the contents of every quotation in `text` (between the
/// marks), sorted by start. Quotations nest; each is within one line.
pub fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        line_spans(line, offset, &mut spans);
        offset += line.len();
    }
    spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    spans
}

fn line_spans(line: &str, base: usize, spans: &mut Vec<Range<usize>>) {
    let mut stack: Vec<(Mark, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let close = |stack: &mut Vec<(Mark, usize)>,
                 spans: &mut Vec<Range<usize>>,
                 pos: usize,
                 ok: &dyn Fn(Mark) -> bool|
     -> bool {
        if let Some(k) = stack.iter().rposition(|&(m, _)| ok(m)) {
            let (_, start) = stack[k];
            stack.truncate(k);
            spans.push(base + start..base + pos);
            true
        } else {
            false
        }
    };
    for (k, &(pos, c)) in chars.iter().enumerate() {
        let after = pos + c.len_utf8();
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '\u{201C}' => {
                // “ closes a „ quotation (German style), otherwise opens.
                let closed = close(&mut stack, spans, pos, &|m| m == Mark::Low);
                if !closed {
                    stack.push((Mark::Curly, after));
                }
            }
            '\u{201D}' => {
                close(&mut stack, spans, pos, &|m| {
                    m == Mark::Curly || m == Mark::Low
                });
            }
            '\u{201E}' => stack.push((Mark::Low, after)),
            '\u{00AB}' => stack.push((Mark::Guillemet, after)),
            '\u{00BB}' => {
                close(&mut stack, spans, pos, &|m| m == Mark::Guillemet);
            }
            '\u{2039}' => stack.push((Mark::SingleGuillemet, after)),
            '\u{203A}' => {
                close(&mut stack, spans, pos, &|m| m == Mark::SingleGuillemet);
            }
            '"' => {
                let closed = close(&mut stack, spans, pos, &|m| m == Mark::Straight);
                if !closed {
                    stack.push((Mark::Straight, after));
                }
            }
            '\u{2018}' if !alnum(prev) => stack.push((Mark::Single, after)),
            '\u{2019}' if !(alnum(prev) && alnum(next)) => {
                close(&mut stack, spans, pos, &|m| m == Mark::Single);
            }
            _ => {}
        }
    }
}

/// Everything needed to give a voice to a match in one article.
#[derive(Debug, Clone)]
pub struct VoiceContext {
    /// Quotation contents, sorted by start.
    spans: Vec<Range<usize>>,
    /// Word tokens inside each span.
    words: Vec<usize>,
    /// Indices of the tokens that directly follow a distancing marker, sorted.
    after_marker: Vec<u32>,
}

impl VoiceContext {
    pub(crate) fn new(
        lex: &Lexicon,
        text: &str,
        analyzed: &Analyzed,
        toks: &[TokView<'_>],
    ) -> VoiceContext {
        let spans = quote_spans(text);
        let words = spans
            .iter()
            .map(|r| {
                let lo = analyzed.tokens.partition_point(|t| t.start < r.start);
                let hi = analyzed.tokens.partition_point(|t| t.start < r.end);
                analyzed.tokens[lo..hi]
                    .iter()
                    .filter(|t| t.end <= r.end)
                    .count()
            })
            .collect();
        let mut after_marker = Vec::new();
        let set = &lex.index.distancing;
        if !set.is_empty() {
            let mut out = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                set.matches_at(toks, i, &mut out);
                match out.iter().map(|&(_, len)| len).max() {
                    Some(len) => {
                        let next = i + len;
                        if next < toks.len() && toks[next].sentence == toks[i].sentence {
                            after_marker.push(next as u32);
                        }
                        i = next;
                    }
                    None => i += 1,
                }
            }
        }
        VoiceContext {
            spans,
            words,
            after_marker,
        }
    }

    /// The voice of a match whose first token is `first`, at bytes `start..end`.
    /// Only the first token counts for quotations: in a ‘soft’ coup the phrase
    /// "soft coup" is in scare quotes.
    pub fn voice(&self, first: usize, start: usize, end: usize) -> Voice {
        if self.after_marker.binary_search(&(first as u32)).is_ok() {
            return Voice::Distanced;
        }
        // The innermost quotation containing the match: the one with the latest start.
        let upto = self.spans.partition_point(|r| r.start <= start);
        let inner = (0..upto).rev().find(|&k| self.spans[k].end >= end);
        match inner {
            Some(k) if self.words[k] <= SCARE_MAX_WORDS => Voice::Scare,
            Some(_) => Voice::Quoted,
            None => Voice::Own,
        }
    }
}
