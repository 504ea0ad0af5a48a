//! Each article's term counts, kept from the fast counting path when a
//! command asks for them: the sparse article × term matrix that DP and the
//! permutation test over articles need (docs/METHODS.md §3b). Rows are
//! articles in corpus order, each sorted by term id; about 8 bytes per
//! (article, distinct term) pair.

use rayon::prelude::*;

/// The most (article, term) entries kept: about 640 MB with the by-term copy
/// (16 bytes an entry). Past it the matrix is dropped and the columns that
/// need it are left empty, saying why.
pub const MAX_ENTRIES: usize = 40_000_000;

use super::ranked::TermId;

/// One article: the index of its source, its words, its (term, count)s.
pub type ArticleRow = (u32, u64, Vec<(TermId, u32)>);

/// Articles × terms, rows in corpus order (compressed sparse rows).
#[derive(Debug, Clone, Default)]
pub struct ArticleTerms {
    /// Per article: the index of its source among the counts' sources.
    pub source: Vec<u32>,
    /// Per article: its words (WC).
    pub words: Vec<u64>,
    /// Row `a` is `entries[offsets[a]..offsets[a + 1]]`.
    offsets: Vec<usize>,
    entries: Vec<(TermId, u32)>,
}

impl ArticleTerms {
    /// The matrix of `rows`: (source index, words, (term, count)s) in corpus
    /// order; each row is sorted here.
    pub fn new(rows: Vec<ArticleRow>) -> ArticleTerms {
        let mut m = ArticleTerms {
            offsets: Vec::with_capacity(rows.len() + 1),
            ..ArticleTerms::default()
        };
        m.entries
            .reserve(rows.iter().map(|r| r.2.len()).sum::<usize>());
        m.offsets.push(0);
        for (source, words, mut terms) in rows {
            terms.sort_unstable();
            m.source.push(source);
            m.words.push(words);
            m.entries.extend(terms);
            m.offsets.push(m.entries.len());
        }
        m
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.source.len()
    }

    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
    }

    /// Number of (article, term) entries.
    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// The (term, count)s of article `a`, sorted by term.
    pub fn row(&self, a: usize) -> &[(TermId, u32)] {
        match (self.offsets.get(a), self.offsets.get(a + 1)) {
            (Some(&lo), Some(&hi)) => &self.entries[lo..hi],
            _ => &[],
        }
    }

    /// The same matrix by term: for each of `n_terms` terms, its (article,
    /// count)s in article order.
    pub fn by_term(&self, n_terms: usize) -> Postings {
        let mut starts = vec![0usize; n_terms + 1];
        for &(t, _) in &self.entries {
            if let Some(s) = starts.get_mut(t as usize + 1) {
                *s += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0u32, 0u32); self.entries.len()];
        for a in 0..self.len() {
            for &(t, n) in self.row(a) {
                if let Some(k) = next.get_mut(t as usize) {
                    entries[*k] = (a as u32, n);
                    *k += 1;
                }
            }
        }
        Postings { starts, entries }
    }
}

/// Terms × articles: each term's (article, count)s in article order.
#[derive(Debug, Clone, Default)]
pub struct Postings {
    starts: Vec<usize>,
    entries: Vec<(u32, u32)>,
}

impl Postings {
    /// The (article, count)s of term `t`.
    pub fn of(&self, t: TermId) -> &[(u32, u32)] {
        match (self.starts.get(t as usize), self.starts.get(t as usize + 1)) {
            (Some(&lo), Some(&hi)) => &self.entries[lo..hi],
            _ => &[],
        }
    }
}

/// Sorts kept rows by their corpus position, in parallel.
pub(crate) fn in_corpus_order<T: Send>(mut rows: Vec<(u64, T)>) -> Vec<T> {
    rows.par_sort_unstable_by_key(|r| r.0);
    rows.into_iter().map(|r| r.1).collect()
}
