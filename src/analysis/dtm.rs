//! Documents × terms: the one shape every term statistic starts from.
//!
//! A [`Dtm`] holds, for each document (a source or an article, in a fixed
//! order), its terms as [`TermCount`]s sorted by term id, where ids are ranks
//! of the terms' texts in byte order over the whole vocabulary. So a sum in id
//! order is a sum in text order: the same floating-point result however the
//! counts were made (the fast path's [`RankedCounts`], the string-keyed
//! [`CorpusCounts`] of a partial, per-article counts). Texts and display forms
//! are looked up only for the rows that are shown.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::DocHead;
use crate::count::articles::ArticleTerms;
use crate::count::ranked::RankedCounts;
use crate::count::{most_frequent, RateSum, SourceCounts};
use crate::error::{Error, Result};

/// A term's id: its rank in text order among the terms of the matrix.
pub type TermId = u32;

/// A term of a document: its id, its occurrences, and the number of the
/// document's articles that contain it (1 for an article).
pub type TermCount = (TermId, u64, u64);

/// Documents × terms (see the module doc).
pub struct Dtm<'a> {
    pub docs: Vec<DocHead<'a>>,
    /// Per document, sorted by term id; no zero counts.
    pub rows: Vec<Cow<'a, [TermCount]>>,
    /// Per document, the per-article rates of the terms of `rows`, index-aligned.
    pub rates: Vec<Cow<'a, [RateSum]>>,
    n_terms: usize,
    texts: Texts<'a>,
    /// Some documents of a larger matrix ([`Dtm::subset`]): their indices
    /// in it (in the fast path's counts, for their surface forms).
    part: Option<Vec<usize>>,
}

/// Where the texts of terms and their surface forms come from.
enum Texts<'a> {
    Ranked(&'a RankedCounts),
    /// The sorted vocabulary, and each document's string-keyed counts (for
    /// its surface forms).
    Strings {
        vocab: Vec<&'a str>,
        counts: Vec<&'a SourceCounts>,
    },
}

impl<'a> Dtm<'a> {
    /// The sources of the fast path's counts; `name` gives a source's display name.
    pub fn ranked(counts: &'a RankedCounts, name: impl Fn(&str) -> &'a str) -> Dtm<'a> {
        let docs = counts
            .sources
            .iter()
            .map(|s| DocHead {
                id: &s.id,
                source: &s.id,
                name: name(&s.id),
                articles: s.articles,
                words: s.words,
            })
            .collect();
        Dtm {
            docs,
            rows: counts
                .sources
                .iter()
                .map(|s| Cow::Borrowed(s.terms.as_slice()))
                .collect(),
            rates: counts
                .sources
                .iter()
                .map(|s| Cow::Borrowed(s.rates.as_slice()))
                .collect(),
            n_terms: counts.vocabulary(),
            texts: Texts::Ranked(counts),
            part: None,
        }
    }

    /// Documents with string-keyed counts (sources of a partial, or articles).
    /// Term ids are ranks in the sorted union of their terms.
    pub fn strings(docs: Vec<(DocHead<'a>, &'a SourceCounts)>) -> Result<Dtm<'a>> {
        let mut vocab: Vec<&str> = docs
            .iter()
            .flat_map(|(_, c)| c.terms.keys().map(String::as_str))
            .collect();
        vocab.par_sort_unstable();
        vocab.dedup();
        let ids: FxHashMap<&str, TermId> = vocab
            .iter()
            .enumerate()
            .map(|(i, &t)| Ok((t, term_id(i)?)))
            .collect::<Result<_>>()?;
        let (rows, rates): (Vec<_>, Vec<_>) = docs
            .par_iter()
            .map(|(_, c)| {
                let mut row: Vec<(TermCount, RateSum)> = c
                    .terms
                    .iter()
                    .filter(|(_, &n)| n > 0)
                    .filter_map(|(t, &n)| {
                        let id = *ids.get(t.as_str())?;
                        let df = c.df.get(t).copied().unwrap_or(0);
                        let rates = c.rates.get(t).copied().unwrap_or_default();
                        Some(((id, n, df), rates))
                    })
                    .collect();
                row.sort_unstable_by_key(|e| e.0);
                let (row, rates): (Vec<_>, Vec<_>) = row.into_iter().unzip();
                (Cow::Owned(row), Cow::Owned(rates))
            })
            .unzip();
        let (heads, counts) = docs.into_iter().unzip();
        Ok(Dtm {
            docs: heads,
            rows,
            rates,
            n_terms: vocab.len(),
            texts: Texts::Strings { vocab, counts },
            part: None,
        })
    }

    /// Documents `keep` (indices, in that order) alone, with the same term ids
    /// and texts: the sources of one language, compared among themselves.
    /// Each article's terms are not carried over ([`Dtm::articles`] says why).
    pub fn subset(&self, keep: &[usize]) -> Dtm<'a> {
        let pick = |d: &usize| *d < self.docs.len();
        let texts = match &self.texts {
            Texts::Ranked(c) => Texts::Ranked(c),
            Texts::Strings { vocab, counts } => Texts::Strings {
                vocab: vocab.clone(),
                counts: keep
                    .iter()
                    .filter_map(|&d| counts.get(d).copied())
                    .collect(),
            },
        };
        Dtm {
            docs: keep
                .iter()
                .filter(|d| pick(d))
                .map(|&d| self.docs[d])
                .collect(),
            rows: keep
                .iter()
                .filter(|d| pick(d))
                .map(|&d| self.rows[d].clone())
                .collect(),
            rates: keep
                .iter()
                .filter(|d| pick(d))
                .map(|&d| self.rates[d].clone())
                .collect(),
            n_terms: self.n_terms,
            texts,
            part: Some(match &self.part {
                Some(origin) => keep
                    .iter()
                    .filter_map(|&d| origin.get(d).copied())
                    .collect(),
                None => keep
                    .iter()
                    .copied()
                    .filter(|&d| d < self.docs.len())
                    .collect(),
            }),
        }
    }

    /// Each article's terms, when the counting kept them (ids as here,
    /// sources in document order); else why not.
    pub fn articles(&self) -> std::result::Result<&'a ArticleTerms, &'static str> {
        if self.part.is_some() {
            return Err(NO_MATRIX_PART);
        }
        match &self.texts {
            Texts::Ranked(c) => match &c.articles {
                Some(m) => Ok(m),
                None if c.articles_over_limit => Err(NO_MATRIX_OVER_LIMIT),
                None => Err(NO_MATRIX),
            },
            Texts::Strings { .. } => Err(NO_MATRIX_STATS),
        }
    }

    /// Number of distinct terms.
    pub fn n_terms(&self) -> usize {
        self.n_terms
    }

    /// The text of a term (a stem, or an n-gram of stems joined by a space).
    pub fn text(&self, t: TermId) -> Cow<'a, str> {
        match &self.texts {
            Texts::Ranked(c) => c.term_text(t),
            Texts::Strings { vocab, .. } => {
                Cow::Borrowed(vocab.get(t as usize).copied().unwrap_or(""))
            }
        }
    }

    /// The display form of term `t` in document `d`: its most frequent
    /// surface form there, ties broken alphabetically.
    pub fn display(&self, d: usize, t: TermId) -> Cow<'a, str> {
        match &self.texts {
            Texts::Ranked(c) => {
                let d = self.part.as_ref().map_or(Some(d), |o| o.get(d).copied());
                match d {
                    Some(d) => c.display(d, t),
                    None => self.text(t),
                }
            }
            Texts::Strings { vocab, counts } => {
                let term = vocab.get(t as usize).copied().unwrap_or("");
                match counts.get(d).and_then(|c| c.surfaces.get(term)) {
                    Some(forms) if !forms.is_empty() => {
                        Cow::Owned(most_frequent(forms).to_string())
                    }
                    _ => Cow::Borrowed(term),
                }
            }
        }
    }

    /// The display form of term `t` over all documents: its most frequent
    /// surface form, ties broken alphabetically.
    pub fn corpus_display(&self, t: TermId) -> Cow<'a, str> {
        match &self.texts {
            Texts::Ranked(c) => c.display_among(t, self.part.as_deref()),
            Texts::Strings { .. } => match self.surface_forms(t).into_iter().next() {
                Some((form, _)) => Cow::Owned(form),
                None => self.text(t),
            },
        }
    }

    /// Every surface form of term `t` over all documents with its count,
    /// most frequent first, ties alphabetical.
    pub fn surface_forms(&self, t: TermId) -> Vec<(String, u64)> {
        let mut forms: Vec<(String, u64)> = match &self.texts {
            Texts::Ranked(c) => c.forms_among(t, self.part.as_deref()),
            Texts::Strings { vocab, counts } => {
                let term = vocab.get(t as usize).copied().unwrap_or("");
                let mut sum: FxHashMap<&str, u64> = FxHashMap::default();
                for c in counts {
                    for (f, n) in c.surfaces.get(term).into_iter().flatten() {
                        *sum.entry(f.as_str()).or_default() += n;
                    }
                }
                sum.into_iter().map(|(f, n)| (f.to_string(), n)).collect()
            }
        };
        forms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        forms
    }

    /// Each term's count over all documents, by id.
    pub fn totals(&self) -> Vec<u64> {
        let mut total = vec![0u64; self.n_terms];
        for row in &self.rows {
            for &(t, n, _) in row.iter() {
                if let Some(x) = total.get_mut(t as usize) {
                    *x += n;
                }
            }
        }
        total
    }

    /// The number of documents containing each term, by id.
    pub fn doc_freqs(&self) -> Vec<u64> {
        let mut df = vec![0u64; self.n_terms];
        for row in &self.rows {
            for &(t, _, _) in row.iter() {
                if let Some(x) = df.get_mut(t as usize) {
                    *x += 1;
                }
            }
        }
        df
    }

    /// The number of articles containing each term, by id (the sum of each
    /// document's article counts).
    pub fn article_freqs(&self) -> Vec<u64> {
        let mut df = vec![0u64; self.n_terms];
        for row in &self.rows {
            for &(t, _, d) in row.iter() {
                if let Some(x) = df.get_mut(t as usize) {
                    *x += d;
                }
            }
        }
        df
    }

    /// Each term's per-article rates over all documents, by id.
    pub fn rate_totals(&self) -> Vec<RateSum> {
        let mut total = vec![RateSum::default(); self.n_terms];
        for (row, rates) in self.rows.iter().zip(&self.rates) {
            for (&(t, _, _), r) in row.iter().zip(rates.iter()) {
                if let Some(x) = total.get_mut(t as usize) {
                    *x += r;
                }
            }
        }
        total
    }

    /// Words (WC) of all documents together.
    pub fn words(&self) -> u64 {
        self.docs.iter().map(|d| d.words).sum()
    }

    /// The position of the document with id `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }
}

/// Why DP and the permutation test are empty: the counts kept no article's terms.
pub const NO_MATRIX: &str = "each article's term counts were not kept";
/// … because the documents are some of the corpus's (one language's sources).
pub const NO_MATRIX_PART: &str = "the corpus mixes languages, each language's sources are compared among themselves, and DP and the permutation test are not computed per language: run keyness on a corpus of one language for them";
/// … because they went past the limit.
pub const NO_MATRIX_OVER_LIMIT: &str = "the corpus has more than 40,000,000 (article, term) pairs, past what is kept in memory for DP and the permutation test";
/// … because the counts are mergeable sums (partials, the report).
pub const NO_MATRIX_STATS: &str = "partials and the report keep mergeable sums per source, not each article's term counts; run `framelens keyness` on the corpus for DP and the permutation test";

/// A vocabulary position as a term id: an error past `u32::MAX` terms, never a wrap.
pub fn term_id(i: usize) -> Result<TermId> {
    TermId::try_from(i).map_err(|_| {
        Error::Internal(format!(
            "more than {} distinct terms: past what a term id can hold",
            TermId::MAX
        ))
    })
}
