//! Counts by source over one corpus-wide term table, terms as integer ids in
//! text order: what the per-thread `LocalCounts` merge into, with no string
//! per (source, term) pair.
//!
//! A term is a unigram (a stem) or an n-gram of unigrams. It is stored as a
//! `Tuple`: the ranks + 1 of its unigrams in the sorted table of unigram texts,
//! padded with 0. No term contains a byte ≤ 0x20 (a UAX #29 word holds no space
//! or control character), so comparing tuples compares the terms' texts (n-gram
//! parts joined by a space) exactly: "x" < "x y" < "x' y" whenever x < x'.
//! Term ids are positions in the sorted list of tuples, so they are ranks in
//! text order, and anything summed in id order is summed in the same order as
//! over sorted strings (same floating-point result). Surface forms (for
//! display forms) are tuples over the sorted table of unigram surface forms in
//! the same way.
//!
//! Invariants (tested against the per-article string counts):
//! - `to_corpus()` equals the `CorpusCounts` of the same articles counted
//!   one by one with `SourceCounts::of_article`;
//! - the result does not depend on how articles were spread over threads.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::{CorpusCounts, LocalCounts, SourceCounts};
use crate::analyze::fast::{Id, Parts};

/// A term's id: its rank in text order among all terms of the corpus.
pub type TermId = u32;

/// Unigram ranks + 1, padded with 0 (see the module comment).
type Tuple = [u32; 3];

/// Counts by source (sorted by source id) over one term table.
#[derive(Debug, Clone, Default)]
pub struct RankedCounts {
    /// Unigram term texts (stems), sorted.
    unigrams: Vec<Box<str>>,
    /// Unigram surface forms, sorted.
    forms: Vec<Box<str>>,
    /// Every term, sorted: index = `TermId`.
    terms: Vec<Tuple>,
    pub sources: Vec<RankedSource>,
}

/// One source's counts.
#[derive(Debug, Clone, Default)]
pub struct RankedSource {
    pub id: String,
    pub articles: u64,
    /// WC: all word tokens, stopwords included.
    pub words: u64,
    /// (term, occurrences, articles containing it), sorted by term.
    pub terms: Vec<(TermId, u64, u64)>,
    /// (term, surface form, occurrences), sorted by term then form.
    forms: Vec<(TermId, Tuple, u64)>,
}

/// Merges lists of (value, local id), each sorted by value: the distinct
/// values in order, and for each list its local id → position in that order.
/// A k-way merge, so no value is hashed and the sorting is done per list (in
/// parallel).
fn merge_sorted<T: Ord + Copy>(lists: &[Vec<(T, Id)>], ids: &[usize]) -> (Vec<T>, Vec<Vec<u32>>) {
    let mut maps: Vec<Vec<u32>> = ids.iter().map(|&n| vec![0; n]).collect();
    let mut out: Vec<T> = Vec::with_capacity(lists.iter().map(Vec::len).max().unwrap_or(0));
    let mut heap: BinaryHeap<Reverse<(T, usize, usize)>> = lists
        .iter()
        .enumerate()
        .filter_map(|(l, v)| v.first().map(|&(x, _)| Reverse((x, l, 0))))
        .collect();
    while let Some(Reverse((x, l, i))) = heap.pop() {
        if out.last() != Some(&x) {
            out.push(x);
        }
        let (_, local) = lists[l][i];
        maps[l][local as usize] = (out.len() - 1) as u32;
        if let Some(&(y, _)) = lists[l].get(i + 1) {
            heap.push(Reverse((y, l, i + 1)));
        }
    }
    (out, maps)
}

/// A tuple from up to 3 values already shifted by 1.
fn tuple(parts: impl Iterator<Item = u32>) -> Tuple {
    let mut t = [0; 3];
    for (slot, p) in t.iter_mut().zip(parts) {
        *slot = p;
    }
    t
}

/// `v` sorted by value (ids break no ties: values are distinct within a list).
fn sorted<T: Ord + Send>(mut v: Vec<(T, Id)>) -> Vec<(T, Id)> {
    v.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Values with the local ids they have in one thread.
type Numbered<T> = Vec<(T, Id)>;

/// One thread's local ids → global terms and forms.
struct ThreadMap {
    /// Local term id → global term id.
    term: Vec<TermId>,
    /// Local key id → surface form tuple.
    form: Vec<Tuple>,
}

impl RankedCounts {
    /// Merges the counts of several threads (or of one).
    pub fn from_locals(locals: &[LocalCounts]) -> RankedCounts {
        // 1. The unigram texts and surface forms of every thread, ranked.
        let (uni, forms): (Vec<Numbered<&str>>, Vec<Numbered<&str>>) = locals
            .par_iter()
            .map(|l| {
                let v = &l.vocab;
                let uni = (0..v.terms() as Id).filter_map(|t| match v.term_parts(t) {
                    Parts::Uni(s) => Some((s, t)),
                    Parts::Ngram(_) => None,
                });
                let forms = (0..v.keys() as Id).filter_map(|k| match v.key_parts(k) {
                    Parts::Uni(s) => Some((s, k)),
                    Parts::Ngram(_) => None,
                });
                (sorted(uni.collect()), sorted(forms.collect()))
            })
            .unzip();
        let n_terms: Vec<usize> = locals.iter().map(|l| l.vocab.terms()).collect();
        let n_keys: Vec<usize> = locals.iter().map(|l| l.vocab.keys()).collect();
        let ((uni, uni_rank), (forms, form_rank)) = rayon::join(
            || merge_sorted(&uni, &n_terms),
            || merge_sorted(&forms, &n_keys),
        );

        // 2. Each thread's terms (with their local ids) and keys as tuples.
        let tuples: Vec<(Numbered<Tuple>, Vec<Tuple>)> = locals
            .par_iter()
            .zip(uni_rank.par_iter().zip(&form_rank))
            .map(|(l, (uni_rank, form_rank))| {
                let v = &l.vocab;
                let uni = |t: Id| uni_rank[t as usize] + 1;
                let terms = (0..v.terms() as Id)
                    .map(|t| match v.term_parts(t) {
                        Parts::Uni(_) => ([uni(t), 0, 0], t),
                        Parts::Ngram(p) => (tuple(p.iter().map(|&u| uni(u))), t),
                    })
                    .collect();
                let form = |k: Id| form_rank[k as usize] + 1;
                let keys = (0..v.keys() as Id)
                    .map(|k| match v.key_parts(k) {
                        Parts::Uni(_) => [form(k), 0, 0],
                        Parts::Ngram(p) => tuple(p.iter().map(|&u| form(u))),
                    })
                    .collect();
                (sorted(terms), keys)
            })
            .collect();

        // 3. Global term ids: every distinct tuple, in order.
        let (term_tuples, keys): (Vec<_>, Vec<_>) = tuples.into_iter().unzip();
        let (terms, term_maps) = merge_sorted(&term_tuples, &n_terms);
        drop(term_tuples);
        let maps: Vec<ThreadMap> = term_maps
            .into_iter()
            .zip(keys)
            .map(|(term, form)| ThreadMap { term, form })
            .collect();

        // 4. Each source: its keys and document frequencies from every thread, summed.
        let mut names: Vec<&str> = locals
            .iter()
            .flat_map(|l| l.sources.keys().map(String::as_str))
            .collect();
        names.sort_unstable();
        names.dedup();
        let sources = names
            .into_par_iter()
            .map(|name| merge_source(name, locals, &maps))
            .collect();
        RankedCounts {
            unigrams: uni.into_iter().map(Box::from).collect(),
            forms: forms.into_iter().map(Box::from).collect(),
            terms,
            sources,
        }
    }

    /// Number of distinct terms in the corpus.
    pub fn vocabulary(&self) -> usize {
        self.terms.len()
    }

    /// The text of a term (n-gram parts joined by a space).
    pub fn term_text(&self, t: TermId) -> Cow<'_, str> {
        join(&self.unigrams, &self.terms[t as usize])
    }

    /// The display form of `term` in source number `source`: its most frequent
    /// surface form there, ties broken alphabetically (DESIGN.md §2 step 7).
    pub fn display(&self, source: usize, term: TermId) -> Cow<'_, str> {
        let forms = &self.sources[source].forms;
        let start = forms.partition_point(|f| f.0 < term);
        let best = forms[start..]
            .iter()
            .take_while(|f| f.0 == term)
            // Largest count; among equal counts the first (smallest) form wins.
            .fold(None::<&(TermId, Tuple, u64)>, |best, f| match best {
                Some(b) if b.2 >= f.2 => Some(b),
                _ => Some(f),
            });
        match best {
            Some(f) => join(&self.forms, &f.1),
            None => self.term_text(term),
        }
    }

    /// The same counts keyed by strings, for the commands that work on those.
    pub fn to_corpus(&self) -> CorpusCounts {
        let sources = self
            .sources
            .par_iter()
            .map(|s| {
                let mut c = SourceCounts {
                    articles: s.articles,
                    words: s.words,
                    ..SourceCounts::default()
                };
                c.terms.reserve(s.terms.len());
                c.df.reserve(s.terms.len());
                c.surfaces.reserve(s.terms.len());
                let mut forms = s.forms.as_slice();
                for &(t, n, df) in &s.terms {
                    let text = self.term_text(t).into_owned();
                    let end = forms.partition_point(|f| f.0 == t);
                    let (mine, rest) = forms.split_at(end);
                    forms = rest;
                    let surfaces = mine
                        .iter()
                        .map(|f| (join(&self.forms, &f.1).into_owned(), f.2))
                        .collect();
                    c.terms.insert(text.clone(), n);
                    c.df.insert(text.clone(), df);
                    c.surfaces.insert(text, surfaces);
                }
                (s.id.clone(), c)
            })
            .collect::<Vec<_>>();
        CorpusCounts {
            sources: sources.into_iter().collect(),
        }
    }
}

/// A tuple's text: its strings joined by a space (borrowed for one).
fn join<'a>(table: &'a [Box<str>], t: &Tuple) -> Cow<'a, str> {
    let mut parts = t
        .iter()
        .take_while(|&&p| p != 0)
        .map(|&p| &*table[p as usize - 1]);
    let first = parts.next().unwrap_or("");
    match parts.next() {
        None => Cow::Borrowed(first),
        Some(second) => {
            let mut s = String::with_capacity(first.len() + second.len() + 16);
            s.push_str(first);
            s.push(' ');
            s.push_str(second);
            for p in parts {
                s.push(' ');
                s.push_str(p);
            }
            Cow::Owned(s)
        }
    }
}

/// One source's counts from every thread, in global ids.
fn merge_source(name: &str, locals: &[LocalCounts], maps: &[ThreadMap]) -> RankedSource {
    let mut s = RankedSource {
        id: name.to_string(),
        ..RankedSource::default()
    };
    let mut forms: Vec<(TermId, Tuple, u64)> = Vec::new();
    let mut df: Vec<(TermId, u64)> = Vec::new();
    for (l, m) in locals.iter().zip(maps) {
        let Some(src) = l.sources.get(name) else {
            continue;
        };
        s.articles += src.articles;
        s.words += src.words;
        forms.extend(
            src.keys
                .iter()
                .map(|(&k, &n)| (m.term[l.vocab.key_term(k) as usize], m.form[k as usize], n)),
        );
        df.extend(src.df.iter().map(|(&t, &n)| (m.term[t as usize], n)));
    }
    forms.sort_unstable();
    // The same key counted by two threads: one row, summed.
    forms.dedup_by(|b, a| {
        let same = a.0 == b.0 && a.1 == b.1;
        if same {
            a.2 += b.2;
        }
        same
    });
    df.sort_unstable();
    df.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 += b.1;
        }
        same
    });
    // Every term with a key has a document frequency, and the other way round.
    let mut df = df.into_iter().peekable();
    for group in forms.chunk_by(|a, b| a.0 == b.0) {
        let t = group[0].0;
        let n = group.iter().map(|f| f.2).sum();
        let d = match df.peek() {
            Some(&(dt, d)) if dt == t => {
                df.next();
                d
            }
            _ => 0,
        };
        s.terms.push((t, n, d));
    }
    s.forms = forms;
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analyzer, AnalyzerConfig};
    use proptest::prelude::*;

    /// Articles (source, text) counted the slow way, one by one.
    fn slow(an: &Analyzer, articles: &[(&str, String)]) -> CorpusCounts {
        let mut c = CorpusCounts::default();
        for (src, text) in articles {
            c.add_article(src, SourceCounts::of_article(an, &an.analyze(text)));
        }
        c
    }

    /// The same articles spread over `threads` local counts (article i to thread i % threads).
    fn fast(an: &Analyzer, articles: &[(&str, String)], threads: usize) -> RankedCounts {
        let mut locals: Vec<LocalCounts> = (0..threads).map(|_| LocalCounts::new()).collect();
        for (i, (src, text)) in articles.iter().enumerate() {
            locals[i % threads].add_article(an, src, text);
        }
        RankedCounts::from_locals(&locals)
    }

    fn analyzer(ngrams: u8) -> Analyzer {
        Analyzer::new(
            "en",
            &AnalyzerConfig {
                ngrams,
                ..AnalyzerConfig::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn display_form_and_text_order() {
        let an = analyzer(2);
        let arts = vec![
            ("a", "Protesters protested. Protesters marched.".to_string()),
            ("a", "The protest marched on.".to_string()),
            ("b", "Protest protest protesters.".to_string()),
        ];
        let r = fast(&an, &arts, 2);
        let texts: Vec<String> = (0..r.vocabulary() as TermId)
            .map(|t| r.term_text(t).into_owned())
            .collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted, "term ids are ranks in text order");
        assert!(texts.contains(&"protest march".to_string()));
        let t = texts.iter().position(|t| t == "protest").unwrap() as TermId;
        // Source a: protesters 2, protested 1, protest 1 → "protesters".
        assert_eq!(r.display(0, t), "protesters");
        // Source b: protest 2, protesters 1.
        assert_eq!(r.display(1, t), "protest");
        let pm = texts.iter().position(|t| t == "protest march").unwrap() as TermId;
        // "protesters marched" 1 and "protest marched" 1: the tie goes to the first alphabetically.
        assert_eq!(r.display(0, pm), "protest marched");
        let a = &r.sources[0];
        assert_eq!((a.articles, a.words), (2, 8));
        assert_eq!(a.terms.iter().find(|x| x.0 == t), Some(&(t, 4, 2)));
    }

    fn arb_articles() -> impl Strategy<Value = Vec<(&'static str, String)>> {
        let word = prop::sample::select(vec![
            "coup",
            "Coup",
            "the",
            "protesters",
            "protest",
            "Boluarte’s",
            "right-wing",
            "2022",
            ".",
            "“vandals”",
            "café",
            "x",
            "x-y",
            "coups",
        ]);
        let text = proptest::collection::vec(word, 0..25).prop_map(|w| w.join(" "));
        let source = prop::sample::select(vec!["s1", "s2", "s3"]);
        proptest::collection::vec((source, text), 0..12)
    }

    proptest! {
        #[test]
        fn equals_the_per_article_counts(arts in arb_articles(), threads in 1usize..4, ngrams in 1u8..4) {
            let an = analyzer(ngrams);
            let want = slow(&an, &arts);
            let r = fast(&an, &arts, threads);
            prop_assert_eq!(r.to_corpus(), want);
            let texts: Vec<String> = (0..r.vocabulary() as TermId).map(|t| r.term_text(t).into_owned()).collect();
            prop_assert!(texts.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
