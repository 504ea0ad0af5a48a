//! Finding the lexicon's entries in one analyzed article.
//!
//! Overlap rules (quanteda `tokens_lookup` with `nested_scope = "key"`):
//! - within one category, matches are taken leftmost-longest: scanning tokens in
//!   order, at each token not yet covered by a match of that category the longest
//!   entry that starts there wins (ties: the entry listed first); its tokens are
//!   then covered, so a token counts at most once per category;
//! - categories are independent: a token may count in several categories, as a
//!   LIWC word counts in every category it is listed in ("regime" in one
//!   category and "regime change" in another both match "regime change");
//! - a phrase matches consecutive tokens of one sentence, stopwords included.
//!
//! Actor mentions are matched leftmost-longest across all actors ("Keiko
//! Fujimori" is one mention). The target of a hit is the nearest actor mention
//! in the same sentence, by the number of tokens between them (0 when adjacent
//! or overlapping); on a tie the mention before the hit wins, since English
//! modifiers tend to precede their noun ("the usurper Boluarte").

use std::ops::Range;

use super::model::{Lexicon, PatternSet, TokView};
use super::voice::{Voice, VoiceContext};
use crate::analyze::Analyzed;

/// One match of a category entry in one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    /// Index into `Lexicon::categories`.
    pub category: u16,
    /// Index into that category's `entries`.
    pub entry: u32,
    /// Token range `first..end` in `Analyzed::tokens`.
    pub first: u32,
    pub end_token: u32,
    /// Index into `Analyzed::sentences`.
    pub sentence: u32,
    /// Byte span in the article's text.
    pub start: usize,
    pub end: usize,
    pub voice: Voice,
    /// Index into `Lexicon::actors` of the nearest actor mention in the sentence.
    pub target: Option<u16>,
}

impl Hit {
    pub fn tokens(&self) -> Range<usize> {
        self.first as usize..self.end_token as usize
    }
    /// Number of word tokens the hit covers (1 for a word, n for a phrase).
    pub fn len(&self) -> usize {
        (self.end_token - self.first) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The matched words as normalized (lowercase, `'` apostrophes), joined by a
    /// space: the form the audit counts.
    pub fn form(&self, analyzed: &Analyzed) -> String {
        join_norms(analyzed, self.tokens())
    }

    /// An owned, serializable record of the hit (for CSV/JSON).
    pub fn record(
        &self,
        lex: &Lexicon,
        text: &str,
        analyzed: &Analyzed,
        source: &str,
        article: &str,
    ) -> HitRecord {
        let cat = &lex.categories[self.category as usize];
        HitRecord {
            source: source.to_string(),
            article: article.to_string(),
            sentence: self.sentence,
            start: self.start,
            end: self.end,
            category: cat.id.clone(),
            entry: cat
                .entries
                .get(self.entry as usize)
                .map(|e| e.text.clone())
                .unwrap_or_default(),
            surface: text
                .get(self.start..self.end)
                .unwrap_or_default()
                .to_string(),
            form: self.form(analyzed),
            voice: self.voice,
            target: self.target.map(|a| lex.actors[a as usize].id.clone()),
        }
    }
}

pub(crate) fn join_norms(analyzed: &Analyzed, r: Range<usize>) -> String {
    let mut s = String::new();
    for t in analyzed.tokens.get(r).unwrap_or_default() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.norm);
    }
    s
}

/// A hit with names instead of indices: one row of the hits table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HitRecord {
    pub source: String,
    pub article: String,
    pub sentence: u32,
    pub start: usize,
    pub end: usize,
    /// Category id.
    pub category: String,
    /// The lexicon entry as written.
    pub entry: String,
    /// The matched text as written in the article.
    pub surface: String,
    /// The matched words, normalized.
    pub form: String,
    pub voice: Voice,
    /// Actor id.
    pub target: Option<String>,
}

/// One mention of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ActorMention {
    pub actor: u16,
    pub first: u32,
    pub end_token: u32,
    pub sentence: u32,
}

pub(crate) fn tok_views<'a>(text: &'a str, analyzed: &'a Analyzed) -> Vec<TokView<'a>> {
    analyzed
        .tokens
        .iter()
        .map(|t| TokView {
            stem: &t.stem,
            norm: &t.norm,
            raw: text.get(t.start..t.end).unwrap_or_default(),
            sentence: t.sentence,
        })
        .collect()
}

/// Every actor mention in the article, in text order.
pub fn find_actor_mentions(lex: &Lexicon, text: &str, analyzed: &Analyzed) -> Vec<ActorMention> {
    mentions(lex, &tok_views(text, analyzed))
}

pub(crate) fn mentions(lex: &Lexicon, toks: &[TokView<'_>]) -> Vec<ActorMention> {
    let set = &lex.index.actors;
    let mut found = Vec::new();
    if set.is_empty() {
        return found;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        set.matches_at(toks, i, &mut out);
        // Longest; on a tie the first listed actor (matches come in pattern order).
        let best = out
            .iter()
            .fold(None::<(u16, usize)>, |b, &(a, len)| match b {
                Some((_, bl)) if bl >= len => b,
                _ => Some((a, len)),
            });
        match best {
            Some((actor, len)) => {
                found.push(ActorMention {
                    actor,
                    first: i as u32,
                    end_token: (i + len) as u32,
                    sentence: toks[i].sentence,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    found
}

/// Every hit of every category in one article written in `language`, ordered
/// by first token, then category: only that language's entries match. Pure;
/// call it per article in parallel.
pub fn find_hits(lex: &Lexicon, language: &str, text: &str, analyzed: &Analyzed) -> Vec<Hit> {
    let Some(terms) = lex.terms_in(language) else {
        return Vec::new();
    };
    let toks = tok_views(text, analyzed);
    let spans = category_spans(lex, terms, &toks);
    if spans.is_empty() {
        // Most articles of a large corpus have no hit: their voices and actor
        // mentions would be computed for nothing.
        return Vec::new();
    }
    let voices = VoiceContext::new(lex, language, text, analyzed, &toks);
    let actors = mentions(lex, &toks);
    spans
        .into_iter()
        .map(|(category, entry, i, len)| {
            let first = &analyzed.tokens[i];
            let last = &analyzed.tokens[i + len - 1];
            Hit {
                category,
                entry,
                first: i as u32,
                end_token: (i + len) as u32,
                sentence: first.sentence,
                start: first.start,
                end: last.end,
                voice: voices.voice(i),
                target: nearest_actor(&actors, first.sentence, i, i + len),
            }
        })
        .collect()
}

/// (category, entry, first token, length) of every category match.
fn category_spans(
    lex: &Lexicon,
    terms: &PatternSet<(u16, u32)>,
    toks: &[TokView<'_>],
) -> Vec<(u16, u32, usize, usize)> {
    let n_cat = lex.categories.len();
    // The first token not yet covered, per category.
    let mut free = vec![0usize; n_cat];
    let mut best: Vec<Option<(u32, usize)>> = vec![None; n_cat];
    let mut touched: Vec<u16> = Vec::new();
    let mut out = Vec::new();
    let mut found = Vec::new();
    for i in 0..toks.len() {
        terms.matches_at(toks, i, &mut out);
        if out.is_empty() {
            continue;
        }
        for &((c, e), len) in &out {
            let ci = c as usize;
            if free[ci] > i {
                continue;
            }
            match best[ci] {
                // Longer wins; on equal length the entry listed first.
                Some((be, bl)) if bl > len || (bl == len && be < e) => {}
                prev => {
                    if prev.is_none() {
                        touched.push(c);
                    }
                    best[ci] = Some((e, len));
                }
            }
        }
        touched.sort_unstable();
        for &c in &touched {
            if let Some((e, len)) = best[c as usize].take() {
                found.push((c, e, i, len));
                free[c as usize] = i + len;
            }
        }
        touched.clear();
    }
    found
}

/// The nearest mention in `sentence` to the token range `first..end`; ties go to
/// the mention before the hit.
///
/// `mentions` is in text order and its mentions do not overlap (each is taken
/// leftmost-longest), so they are sorted by end too: the candidates are the
/// last mention ending at or before `first`, the first one overlapping the hit,
/// and the first one starting at or after `end`, found by binary search. The
/// cost is logarithmic in the mentions, not linear: a sentence of N hits and N
/// mentions was N² (each hit scanned every mention of its sentence).
pub(crate) fn nearest_actor(
    mentions: &[ActorMention],
    sentence: u32,
    first: usize,
    end: usize,
) -> Option<u16> {
    let lo = mentions.partition_point(|m| m.sentence < sentence);
    let hi = mentions.partition_point(|m| m.sentence <= sentence);
    let ms = mentions.get(lo..hi).unwrap_or_default();
    // Mentions entirely before the hit; then those that overlap it; then after.
    let before = ms.partition_point(|m| (m.end_token as usize) <= first);
    let after = ms.partition_point(|m| (m.first as usize) < end).max(before);
    let mut best: Option<(usize, u16)> = None; // (distance, actor)
    let mut consider = |m: Option<&ActorMention>, dist: &dyn Fn(&ActorMention) -> usize| {
        if let Some(m) = m {
            let d = dist(m);
            // Strictly nearer only: on a tie the one considered first (before) wins.
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, m.actor));
            }
        }
    };
    consider(before.checked_sub(1).and_then(|i| ms.get(i)), &|m| {
        first - m.end_token as usize
    });
    if before < after {
        consider(ms.get(before), &|_| 0);
    }
    consider(ms.get(after), &|m| m.first as usize - end);
    best.map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain scan `nearest_actor` replaces: every mention of the sentence.
    fn nearest_by_scan(
        mentions: &[ActorMention],
        sentence: u32,
        first: usize,
        end: usize,
    ) -> Option<u16> {
        let mut best: Option<(usize, bool, u16)> = None; // (distance, after, actor)
        for m in mentions.iter().filter(|m| m.sentence == sentence) {
            let (ms, me) = (m.first as usize, m.end_token as usize);
            let (dist, after) = if me <= first {
                (first - me, false)
            } else if ms >= end {
                (ms - end, true)
            } else {
                (0, false)
            };
            let better = match best {
                None => true,
                Some((bd, bafter, _)) => dist < bd || (dist == bd && bafter && !after),
            };
            if better {
                best = Some((dist, after, m.actor));
            }
        }
        best.map(|(_, _, a)| a)
    }

    /// Mentions as `mentions` makes them: in text order, not overlapping, each
    /// at least one token, within sentences given by a token → sentence map.
    fn arb_mentions() -> impl Strategy<Value = (Vec<ActorMention>, u32)> {
        (
            proptest::collection::vec((0usize..3, 1usize..4, 0u16..5, 0u32..2), 0..12),
            1u32..4,
        )
            .prop_map(|(parts, sentences)| {
                let mut v = Vec::new();
                let mut at = 0usize;
                let mut sentence = 0u32;
                for (gap, len, actor, next) in parts {
                    sentence = (sentence + next).min(sentences - 1);
                    at += gap;
                    v.push(ActorMention {
                        actor,
                        first: at as u32,
                        end_token: (at + len) as u32,
                        sentence,
                    });
                    at += len;
                }
                (v, sentences)
            })
    }

    proptest! {
        #[test]
        fn nearest_actor_equals_the_scan(
            (mentions, sentences) in arb_mentions(),
            first in 0usize..40,
            len in 1usize..4,
            sentence in 0u32..4,
        ) {
            let sentence = sentence % sentences;
            prop_assert_eq!(
                nearest_actor(&mentions, sentence, first, first + len),
                nearest_by_scan(&mentions, sentence, first, first + len)
            );
        }
    }
}
