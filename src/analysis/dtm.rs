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
    /// The documents counted (the fast path's sources, or the string-keyed
    /// counts) behind each document, when they are not one each in order:
    /// some documents ([`Dtm::subset`]) or sums of them ([`Dtm::merged`]).
    members: Option<Vec<Vec<usize>>>,
    /// All the documents counted behind `members`, sorted (`None`: all):
    /// what corpus-wide display forms sum over.
    all: Option<Vec<usize>>,
    /// Whether every document counted is behind exactly one document (each
    /// article then belongs to one document, for [`Dtm::articles`]).
    whole: bool,
}

/// Where the texts of terms and their surface forms come from.
#[derive(Clone)]
enum Texts<'a> {
    Ranked(&'a RankedCounts),
    /// The sorted vocabulary, and each counted document's string-keyed
    /// counts (for its surface forms).
    Strings {
        vocab: Vec<&'a str>,
        counts: Vec<&'a SourceCounts>,
    },
}

/// Each article's terms with the document each article belongs to, by index
/// in the matrix's documents.
pub struct ArticlesOf<'a> {
    pub matrix: &'a ArticleTerms,
    /// Per article, its document; `None`: the index of its source.
    pub doc: Option<Vec<u32>>,
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
            members: None,
            all: None,
            whole: true,
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
            members: None,
            all: None,
            whole: true,
        })
    }

    /// Documents `keep` (indices, in that order) alone, with the same term ids
    /// and texts: the sources of one language, compared among themselves.
    /// Each article's terms are not carried over ([`Dtm::articles`] says why).
    pub fn subset(&self, keep: &[usize]) -> Dtm<'a> {
        let keep: Vec<usize> = keep
            .iter()
            .copied()
            .filter(|&d| d < self.docs.len())
            .collect();
        Dtm {
            docs: keep.iter().map(|&d| self.docs[d]).collect(),
            rows: keep.iter().map(|&d| self.rows[d].clone()).collect(),
            rates: keep.iter().map(|&d| self.rates[d].clone()).collect(),
            n_terms: self.n_terms,
            texts: self.texts.clone(),
            members: Some(keep.iter().map(|&d| self.members_of(d)).collect()),
            all: None,
            whole: false,
        }
        .with_all()
    }

    /// Documents that are sums of documents of this one: for each of
    /// `units`, its heading and the documents it sums (indices). A unit's
    /// row is the sum of theirs: counts, articles containing each term and
    /// per-article rates add up (the documents hold disjoint articles), so
    /// it is the row of a document holding all their articles. Source
    /// groups (`--by group`) and the rest of a group (`--within-group`).
    pub fn merged(&self, units: Vec<(DocHead<'a>, Vec<usize>)>) -> Dtm<'a> {
        let mut seen = vec![0u32; self.docs.len()];
        for (_, ds) in &units {
            for &d in ds {
                if let Some(n) = seen.get_mut(d) {
                    *n += 1;
                }
            }
        }
        let whole = self.whole && seen.iter().all(|&n| n == 1);
        let (rows, rates): (Vec<_>, Vec<_>) = units
            .par_iter()
            .map(|(_, ds)| {
                let (row, rates) = self.sum_rows(ds);
                (Cow::Owned(row), Cow::Owned(rates))
            })
            .unzip();
        let members = units
            .iter()
            .map(|(_, ds)| {
                let mut m: Vec<usize> = ds.iter().flat_map(|&d| self.members_of(d)).collect();
                m.sort_unstable();
                m
            })
            .collect();
        Dtm {
            docs: units.into_iter().map(|(h, _)| h).collect(),
            rows,
            rates,
            n_terms: self.n_terms,
            texts: self.texts.clone(),
            members: Some(members),
            all: None,
            whole,
        }
        .with_all()
    }

    /// Sets `all` from `members`.
    fn with_all(mut self) -> Dtm<'a> {
        self.all = self.members.as_ref().map(|m| {
            let mut all: Vec<usize> = m.iter().flatten().copied().collect();
            all.sort_unstable();
            all.dedup();
            all
        });
        self
    }

    /// The sum of the rows (and rates) of documents `ds`, sorted by term id.
    pub fn sum_rows(&self, ds: &[usize]) -> (Vec<TermCount>, Vec<RateSum>) {
        let mut all: Vec<(TermCount, RateSum)> = ds
            .iter()
            .filter_map(|&d| Some((self.rows.get(d)?, self.rates.get(d)?)))
            .flat_map(|(row, rates)| row.iter().copied().zip(rates.iter().copied()))
            .collect();
        all.sort_by_key(|e| e.0 .0);
        let mut out: Vec<(TermCount, RateSum)> = Vec::with_capacity(all.len());
        for (c, r) in all {
            match out.last_mut() {
                Some((last, lr)) if last.0 == c.0 => {
                    last.1 += c.1;
                    last.2 += c.2;
                    *lr += &r;
                }
                _ => out.push((c, r)),
            }
        }
        out.into_iter().unzip()
    }

    /// The documents counted behind document `d`.
    fn members_of(&self, d: usize) -> Vec<usize> {
        match &self.members {
            Some(m) => m.get(d).cloned().unwrap_or_default(),
            None => vec![d],
        }
    }

    /// Each article's terms, when the counting kept them, with each
    /// article's document here; else why not.
    pub fn articles(&self) -> std::result::Result<ArticlesOf<'a>, &'static str> {
        if !self.whole {
            return Err(NO_MATRIX_PART);
        }
        let matrix = match &self.texts {
            Texts::Ranked(c) => match &c.articles {
                Some(m) => m,
                None if c.articles_over_limit => return Err(NO_MATRIX_OVER_LIMIT),
                None => return Err(NO_MATRIX),
            },
            Texts::Strings { .. } => return Err(NO_MATRIX_STATS),
        };
        let doc = self.members.as_ref().map(|members| {
            let mut doc_of = vec![u32::MAX; members.iter().flatten().max().map_or(0, |&m| m + 1)];
            for (d, ms) in members.iter().enumerate() {
                for &m in ms {
                    if let Some(x) = doc_of.get_mut(m) {
                        *x = d as u32;
                    }
                }
            }
            matrix
                .source
                .iter()
                .map(|&s| doc_of.get(s as usize).copied().unwrap_or(u32::MAX))
                .collect()
        });
        Ok(ArticlesOf { matrix, doc })
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
        let members = self.members.as_ref().map(|m| m.get(d));
        match (&self.texts, members) {
            (Texts::Ranked(c), None) => c.display(d, t),
            (Texts::Ranked(c), Some(Some(m))) if m.len() == 1 => c.display(m[0], t),
            (Texts::Ranked(c), Some(Some(m))) => c.display_among(t, Some(m)),
            (Texts::Ranked(_), Some(None)) => self.text(t),
            (Texts::Strings { .. }, None) => self.strings_display(t, &[d]),
            (Texts::Strings { .. }, Some(m)) => {
                self.strings_display(t, m.map_or(&[][..], Vec::as_slice))
            }
        }
    }

    /// The most frequent surface form of `t` over counted documents `ds`
    /// (string-keyed counts), ties broken alphabetically; else its text.
    fn strings_display(&self, t: TermId, ds: &[usize]) -> Cow<'a, str> {
        let Texts::Strings { vocab, counts } = &self.texts else {
            return self.text(t);
        };
        let term = vocab.get(t as usize).copied().unwrap_or("");
        if let [d] = ds {
            return match counts.get(*d).and_then(|c| c.surfaces.get(term)) {
                Some(forms) if !forms.is_empty() => Cow::Owned(most_frequent(forms).to_string()),
                _ => Cow::Borrowed(term),
            };
        }
        let mut sum: FxHashMap<String, u64> = FxHashMap::default();
        for c in ds.iter().filter_map(|&d| counts.get(d)) {
            for (f, n) in c.surfaces.get(term).into_iter().flatten() {
                *sum.entry(f.clone()).or_default() += n;
            }
        }
        if sum.is_empty() {
            Cow::Borrowed(term)
        } else {
            Cow::Owned(most_frequent(&sum).to_string())
        }
    }

    /// The display form of term `t` over all documents: its most frequent
    /// surface form, ties broken alphabetically.
    pub fn corpus_display(&self, t: TermId) -> Cow<'a, str> {
        match &self.texts {
            Texts::Ranked(c) => c.display_among(t, self.all.as_deref()),
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
            Texts::Ranked(c) => c.forms_among(t, self.all.as_deref()),
            Texts::Strings { vocab, counts } => {
                let term = vocab.get(t as usize).copied().unwrap_or("");
                let picked: Vec<&SourceCounts> = match &self.all {
                    Some(ds) => ds.iter().filter_map(|&d| counts.get(d).copied()).collect(),
                    None => counts.clone(),
                };
                let mut sum: FxHashMap<&str, u64> = FxHashMap::default();
                for c in picked {
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
