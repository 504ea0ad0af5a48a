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

/// The open quotation marks of one line: a stack of (mark, content start),
/// with, for each kind of mark, the stack positions holding it, so that finding
/// the innermost open mark of a kind is O(1) (a scan of the stack made a line
/// of N unmatched openers and N closers of another kind N²).
#[derive(Default)]
struct Open {
    stack: Vec<(Mark, usize)>,
    by_mark: [Vec<usize>; 6],
}

impl Open {
    fn push(&mut self, m: Mark, start: usize) {
        self.by_mark[m as usize].push(self.stack.len());
        self.stack.push((m, start));
    }

    /// Closes the innermost open quotation whose mark is one of `marks` (and
    /// drops the ones opened inside it, left unclosed): its content start.
    fn close(&mut self, marks: &[Mark]) -> Option<usize> {
        let k = marks
            .iter()
            .filter_map(|&m| self.by_mark[m as usize].last().copied())
            .max()?;
        let (_, start) = self.stack[k];
        self.stack.truncate(k);
        for v in &mut self.by_mark {
            while v.last().is_some_and(|&i| i >= k) {
                v.pop();
            }
        }
        Some(start)
    }
}

fn line_spans(line: &str, base: usize, spans: &mut Vec<Range<usize>>) {
    let mut open = Open::default();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut close = |open: &mut Open, pos: usize, marks: &[Mark]| -> bool {
        match open.close(marks) {
            Some(start) => {
                spans.push(base + start..base + pos);
                true
            }
            None => false,
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
                let closed = close(&mut open, pos, &[Mark::Low]);
                if !closed {
                    open.push(Mark::Curly, after);
                }
            }
            '\u{201D}' => {
                close(&mut open, pos, &[Mark::Curly, Mark::Low]);
            }
            '\u{201E}' => open.push(Mark::Low, after),
            '\u{00AB}' => open.push(Mark::Guillemet, after),
            '\u{00BB}' => {
                close(&mut open, pos, &[Mark::Guillemet]);
            }
            '\u{2039}' => open.push(Mark::SingleGuillemet, after),
            '\u{203A}' => {
                close(&mut open, pos, &[Mark::SingleGuillemet]);
            }
            '"' => {
                let closed = close(&mut open, pos, &[Mark::Straight]);
                if !closed {
                    open.push(Mark::Straight, after);
                }
            }
            '\u{2018}' if !alnum(prev) => open.push(Mark::Single, after),
            '\u{2019}' if !(alnum(prev) && alnum(next)) => {
                close(&mut open, pos, &[Mark::Single]);
            }
            _ => {}
        }
    }
}

/// The voice quotations give each token of `analyzed` (own, quoted or scare),
/// from its innermost quotation: the one with the latest start (in
/// [`quote_spans`] order) that starts at or before the token and ends at or
/// after it.
fn quote_voices(text: &str, analyzed: &Analyzed) -> Vec<Voice> {
    let spans = quote_spans(text);
    let tokens = &analyzed.tokens;
    // Word tokens inside each span: those starting in it, less the last one if
    // it runs past the span's end (tokens do not overlap, so only the last
    // can). Logarithmic per span, whatever the nesting depth (counting them
    // one by one made N nested quotations of N words N²).
    let words: Vec<usize> = spans
        .iter()
        .map(|r| {
            let lo = tokens.partition_point(|t| t.start < r.start);
            let hi = tokens.partition_point(|t| t.start < r.end).max(lo);
            let past = hi > lo && tokens[hi - 1].end > r.end;
            hi - lo - usize::from(past)
        })
        .collect();
    // One sweep: spans are pushed as the tokens reach their start, and popped
    // from the top once they end before the token (tokens come in order, their
    // ends increasing), so the top is the innermost quotation. Linear in
    // tokens + spans (a search back through the spans for each match made N
    // quotations before N matches N²).
    let mut voices = Vec::with_capacity(tokens.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for t in tokens {
        while next < spans.len() && spans[next].start <= t.start {
            stack.push(next);
            next += 1;
        }
        while stack.last().is_some_and(|&k| spans[k].end < t.end) {
            stack.pop();
        }
        voices.push(match stack.last() {
            Some(&k) if words[k] <= SCARE_MAX_WORDS => Voice::Scare,
            Some(_) => Voice::Quoted,
            None => Voice::Own,
        });
    }
    voices
}

/// Everything needed to give a voice to a match in one article.
#[derive(Debug, Clone)]
pub struct VoiceContext {
    /// The voice quotations give each token (own, quoted or scare): from its
    /// innermost quotation.
    quoted: Vec<Voice>,
    /// Indices of the tokens that directly follow a distancing marker, sorted.
    after_marker: Vec<u32>,
}

impl VoiceContext {
    pub(crate) fn new(
        lex: &Lexicon,
        language: &str,
        text: &str,
        analyzed: &Analyzed,
        toks: &[TokView<'_>],
    ) -> VoiceContext {
        let quoted = quote_voices(text, analyzed);
        let mut after_marker = Vec::new();
        if let Some(set) = lex.distancing_in(language).filter(|s| !s.is_empty()) {
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
            quoted,
            after_marker,
        }
    }

    /// The voice of a match whose first token is `first`. Only the first token
    /// counts for quotations: in a ‘soft’ coup the phrase "soft coup" is in
    /// scare quotes.
    pub fn voice(&self, first: usize) -> Voice {
        if self.after_marker.binary_search(&(first as u32)).is_ok() {
            return Voice::Distanced;
        }
        self.quoted.get(first).copied().unwrap_or(Voice::Own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analyzer, AnalyzerConfig};
    use proptest::prelude::*;

    /// The quotation voice as it was computed before the sweep: for the
    /// token's bytes, the last span (in `quote_spans` order) that starts at or
    /// before them and ends at or after them, its words counted one by one.
    fn voice_by_scan(text: &str, analyzed: &Analyzed, i: usize) -> Voice {
        let spans = quote_spans(text);
        let t = &analyzed.tokens[i];
        let upto = spans.partition_point(|r| r.start <= t.start);
        match (0..upto).rev().find(|&k| spans[k].end >= t.end) {
            Some(k) => {
                let r = &spans[k];
                let words = analyzed
                    .tokens
                    .iter()
                    .filter(|t| t.start >= r.start && t.start < r.end && t.end <= r.end)
                    .count();
                if words <= SCARE_MAX_WORDS {
                    Voice::Scare
                } else {
                    Voice::Quoted
                }
            }
            None => Voice::Own,
        }
    }

    proptest! {
        #[test]
        fn quote_voices_equal_the_scan(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("\u{201C}"), Just("\u{201D}"), Just("\u{201E}"), Just("\u{AB}"),
                    Just("\u{BB}"), Just("\u{2039}"), Just("\u{203A}"), Just("\""),
                    Just("\u{2018}"), Just("\u{2019}"), Just(" "), Just("\n"), Just("a"),
                    Just("word "), Just("don\u{2019}t "), Just(". "),
                ],
                0..40,
            )
        ) {
            let text: String = parts.concat();
            let an = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
            let analyzed = an.analyze(&text);
            let voices = quote_voices(&text, &analyzed);
            prop_assert_eq!(voices.len(), analyzed.tokens.len());
            for (i, v) in voices.iter().enumerate() {
                prop_assert_eq!(*v, voice_by_scan(&text, &analyzed, i), "token {} of {:?}", i, text);
            }
        }
    }
}
