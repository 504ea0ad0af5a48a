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
//! Unigram ids are global (the threads share one `Unigrams` table), so
//! ranking unigrams is one sort of the table's stems and one of its surface
//! forms; only n-grams, whose ids are per thread, are merged across threads.
//! The merge takes the threads' counts and frees each part once used (a
//! thread's n-gram tables once its tuples are listed, a source's lists once
//! that source is merged), so they and the result are not held at once.
//!
//! Invariants (tested against the per-article string counts):
//! - `to_corpus()` equals the `CorpusCounts` of the same articles counted
//!   one by one with `SourceCounts::of_article`;
//! - the result does not depend on how articles were spread over threads.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use rayon::prelude::*;

use super::articles::{in_corpus_order, ArticleRow, ArticleTerms};
use super::intern::{id_count, Id, IdLimit, Strings, Unigrams};
use super::{CorpusCounts, Counts, KeptArticle, LocalCounts, LocalSource, RateSum, SourceCounts};
use crate::error::Result;

/// A term's id: its rank in text order among all terms of the corpus.
pub type TermId = u32;

/// Unigram ranks + 1, padded with 0 (see the module comment).
type Tuple = [u32; 3];

/// Counts by source (sorted by source id) over one term table.
#[derive(Debug, Clone, Default)]
pub struct RankedCounts {
    /// The texts of unigram terms and surface forms.
    strings: Strings,
    /// Unigram term texts (stems), sorted: string ids.
    unigrams: Vec<Id>,
    /// Unigram surface forms, sorted: string ids.
    forms: Vec<Id>,
    /// Every term, sorted: index = `TermId`.
    terms: Vec<Tuple>,
    pub sources: Vec<RankedSource>,
    /// Each article's terms, when the counting kept them.
    pub articles: Option<ArticleTerms>,
    /// Articles were to be kept, but their entries went past
    /// [`super::articles::MAX_ENTRIES`].
    pub articles_over_limit: bool,
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
    /// The per-article rates of each term of `terms`, index-aligned.
    pub rates: Vec<RateSum>,
    /// (term, surface form, occurrences), sorted by term then form.
    forms: Vec<(TermId, Tuple, u64)>,
    /// Where to look for a term in `forms`: `index[t >> shift]` is the
    /// position of the first form of a term ≥ `(t >> shift) << shift`, with
    /// `shift` chosen for about four forms per entry. It spares `display`,
    /// which takes terms in no order, a binary search over all of `forms`.
    index: Vec<usize>,
    shift: u32,
}

impl RankedSource {
    /// The forms of `term`, sorted by form.
    fn forms_of(&self, term: TermId) -> &[(TermId, Tuple, u64)] {
        let b = (term >> self.shift) as usize;
        let block = match (self.index.get(b), self.index.get(b + 1)) {
            (Some(&lo), Some(&hi)) => &self.forms[lo..hi],
            _ => &[],
        };
        let start = block.partition_point(|f| f.0 < term);
        let end = start + block[start..].partition_point(|f| f.0 == term);
        &block[start..end]
    }

    /// Builds `index` over `forms`.
    fn build_index(&mut self) {
        let last = self.forms.last().map_or(0, |f| f.0);
        let wanted = self.forms.len() / 4 + 1;
        let mut shift = 0;
        while (last >> shift) as usize >= wanted {
            shift += 1;
        }
        let blocks = (last >> shift) as usize + 2;
        let mut index = Vec::with_capacity(blocks);
        for (i, f) in self.forms.iter().enumerate() {
            let b = (f.0 >> shift) as usize;
            while index.len() <= b {
                index.push(i);
            }
        }
        index.resize(blocks, self.forms.len());
        self.index = index;
        self.shift = shift;
    }
}

/// Merges lists of (value, local id), each sorted by value: the distinct
/// values in order, and for each list its local id → position in that order.
/// A k-way merge, so no value is hashed and the sorting is done per list (in
/// parallel). Positions are term ids: more distinct values than `limit` is an
/// error.
fn merge_sorted<T: Ord + Copy>(
    lists: &[Vec<(T, Id)>],
    ids: &[usize],
    limit: IdLimit,
) -> Result<(Vec<T>, Vec<Vec<TermId>>)> {
    let mut maps: Vec<Vec<TermId>> = ids.iter().map(|&n| vec![0; n]).collect();
    let mut out: Vec<T> = Vec::with_capacity(lists.iter().map(Vec::len).max().unwrap_or(0));
    let mut heap: BinaryHeap<Reverse<(T, usize, usize)>> = lists
        .iter()
        .enumerate()
        .filter_map(|(l, v)| v.first().map(|&(x, _)| Reverse((x, l, 0))))
        .collect();
    let mut position: TermId = 0;
    while let Some(Reverse((x, l, i))) = heap.pop() {
        if out.last() != Some(&x) {
            position = limit.issue(out.len(), "terms in the corpus")?;
            out.push(x);
        }
        let (_, local) = lists[l][i];
        maps[l][local as usize] = position;
        if let Some(&(y, _)) = lists[l].get(i + 1) {
            heap.push(Reverse((y, l, i + 1)));
        }
    }
    Ok((out, maps))
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

/// The first 8 bytes of `s`, zero-padded, as a big-endian number: numbers in
/// order are texts in order as far as these bytes tell (a text that ends
/// sorts first), so equal numbers are the only ones that need the texts.
fn prefix(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut buf = [0u8; 8];
    let n = b.len().min(8);
    buf[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(buf)
}

/// `ids` sorted by `text(id)` (distinct texts): by their first 8 bytes, then
/// by the whole text among equal prefixes.
fn by_text<'s>(ids: Vec<Id>, text: impl Fn(Id) -> &'s str + Sync) -> Vec<Id> {
    let mut keyed: Vec<(u64, Id)> = ids.into_par_iter().map(|i| (prefix(text(i)), i)).collect();
    keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| text(a.1).cmp(text(b.1))));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Values with the local ids they have in one thread.
type Numbered<T> = Vec<(T, Id)>;

/// A thread's n-gram keys by local id: surface form tuples, local term ids.
type Keys = (Vec<Tuple>, Vec<Id>);

/// One thread's n-gram ids → global terms and forms.
struct ThreadMap {
    /// Local n-gram term id → global term id.
    term: Vec<TermId>,
    /// Local n-gram key id → global term id.
    key: Vec<TermId>,
    /// Local n-gram key id → surface form tuple.
    form: Vec<Tuple>,
}

/// Global unigram ids → global terms and forms.
struct UniMap<'a> {
    table: &'a Unigrams,
    /// Unigram term id → global term id.
    term: Vec<TermId>,
    /// Unigram key id → rank + 1 of its surface form.
    form: Vec<u32>,
}

impl RankedCounts {
    /// Merges the counts of several threads (or of one) that shared
    /// `unigrams`. Each part of the threads' counts is freed once merged.
    /// Fails when the corpus has more terms than 32-bit ids number.
    pub fn from_locals(unigrams: Unigrams, locals: Vec<LocalCounts>) -> Result<RankedCounts> {
        RankedCounts::merge(unigrams, locals, IdLimit::default())
    }

    /// `from_locals`, with at most `limit` terms in the corpus.
    fn merge(
        unigrams: Unigrams,
        mut locals: Vec<LocalCounts>,
        limit: IdLimit,
    ) -> Result<RankedCounts> {
        locals.par_iter_mut().for_each(LocalCounts::finish);
        // Each word of the shared table is counted as a unigram, or none is
        // (a shortest n-gram of 2 words): then the words only spell the
        // n-grams and are no terms of the corpus.
        let unigrams_counted = locals
            .iter()
            .any(|l| l.sources.values().any(|s| !s.uni.keys.is_empty()));
        let u = &unigrams;
        // The table issued its ids under a limit: they fit.
        let (n_terms, n_keys) = (
            id_count(u.terms(), "unigrams")?,
            id_count(u.keys(), "words")?,
        );
        // 1. Unigram texts and surface forms, ranked.
        let (order, (forms, form_rank)) = rayon::join(
            || by_text((0..n_terms).collect(), |t| u.term_text(t)),
            || rank_forms(u, n_keys),
        );
        // Term id → rank + 1.
        let mut uni_rank = vec![0u32; u.terms()];
        for (r, &t) in (1..=n_terms).zip(&order) {
            uni_rank[t as usize] = r;
        }
        let uni: Vec<Id> = order.iter().map(|&t| u.term_string(t)).collect();
        // 2. Each thread's n-gram terms (with their local ids) as tuples, and
        //    its keys' surface form tuples and local terms.
        let (ngram_tuples, ngram_keys): (Vec<_>, Vec<_>) = locals
            .par_iter_mut()
            .map(|l| ngram_tuples(l, &uni_rank, &form_rank))
            .collect::<Vec<_>>()
            .into_iter()
            .unzip();
        // 3. Global term ids: every distinct tuple, in order.
        let unigram_terms: &[Id] = if unigrams_counted { &order } else { &[] };
        let (terms, uni_term, maps) =
            global_ids(unigram_terms, &uni_rank, ngram_tuples, locals.len(), limit)?;
        let uni_map = UniMap {
            table: u,
            term: uni_term,
            form: form_rank,
        };
        let maps: Vec<ThreadMap> = maps
            .into_par_iter()
            .zip(ngram_keys)
            .map(|(term, (form, mut key))| {
                for t in &mut key {
                    *t = term[*t as usize];
                }
                ThreadMap { term, key, form }
            })
            .collect();
        // 4. Each source: its keys and document frequencies from every thread, summed.
        let kept: Vec<Vec<KeptArticle>> = locals
            .iter_mut()
            .map(|l| std::mem::take(&mut l.kept))
            .collect();
        let keep = locals.iter().any(|l| l.keep_articles);
        let sources = merge_sources(locals, &uni_map, &maps);
        // 5. The kept articles, in global ids and corpus order.
        let articles = keep.then(|| kept_articles(kept, &sources, &uni_map, &maps));
        drop(uni_map);
        Ok(RankedCounts {
            strings: unigrams.into_strings(),
            unigrams: uni,
            forms,
            terms,
            sources,
            articles,
            articles_over_limit: false,
        })
    }

    /// Number of distinct terms in the corpus.
    pub fn vocabulary(&self) -> usize {
        self.terms.len()
    }

    /// The text of a term (n-gram parts joined by a space).
    pub fn term_text(&self, t: TermId) -> Cow<'_, str> {
        join(&self.strings, &self.unigrams, &self.terms[t as usize])
    }

    /// The display form of `term` in source number `source`: its most frequent
    /// surface form there, ties broken alphabetically (docs/METHODS.md §1).
    pub fn display(&self, source: usize, term: TermId) -> Cow<'_, str> {
        let best = self.sources[source]
            .forms_of(term)
            .iter()
            // Largest count; among equal counts the first (smallest) form wins.
            .fold(None::<&(TermId, Tuple, u64)>, |best, f| match best {
                Some(b) if b.2 >= f.2 => Some(b),
                _ => Some(f),
            });
        match best {
            Some(f) => join(&self.strings, &self.forms, &f.1),
            None => self.term_text(term),
        }
    }

    /// The display form of `term` in the whole corpus: its most frequent
    /// surface form over every source, ties broken alphabetically (as
    /// `display` within one source).
    pub fn corpus_display(&self, term: TermId) -> Cow<'_, str> {
        self.display_among(term, None)
    }

    /// [`RankedCounts::corpus_display`] over the sources `only` (indices;
    /// `None`: all), e.g. those of one language.
    pub fn display_among(&self, term: TermId, only: Option<&[usize]>) -> Cow<'_, str> {
        let mut best: Option<(Tuple, u64)> = None;
        for (f, n) in self.summed_forms(term, only) {
            // Forms come in text order: on a tie the first one stays.
            if best.is_none_or(|b| n > b.1) {
                best = Some((f, n));
            }
        }
        match best {
            Some((f, _)) => join(&self.strings, &self.forms, &f),
            None => self.term_text(term),
        }
    }

    /// Every surface form of `term` in the whole corpus with its count, in
    /// text order.
    pub fn corpus_forms(&self, term: TermId) -> Vec<(String, u64)> {
        self.forms_among(term, None)
    }

    /// [`RankedCounts::corpus_forms`] over the sources `only` (`None`: all).
    pub fn forms_among(&self, term: TermId, only: Option<&[usize]>) -> Vec<(String, u64)> {
        self.summed_forms(term, only)
            .into_iter()
            .map(|(f, n)| (join(&self.strings, &self.forms, &f).into_owned(), n))
            .collect()
    }

    /// The forms of `term` summed over the sources (`only` those, when given),
    /// sorted by form.
    fn summed_forms(&self, term: TermId, only: Option<&[usize]>) -> Vec<(Tuple, u64)> {
        let all: Vec<usize>;
        let picked = match only {
            Some(o) => o,
            None => {
                all = (0..self.sources.len()).collect();
                &all
            }
        };
        let mut forms: Vec<(Tuple, u64)> = picked
            .iter()
            .filter_map(|&d| self.sources.get(d))
            .flat_map(|s| s.forms_of(term).iter().map(|f| (f.1, f.2)))
            .collect();
        forms.sort_unstable();
        forms.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        forms
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
                c.rates.reserve(s.terms.len());
                let mut forms = s.forms.as_slice();
                for (&(t, n, df), &r) in s.terms.iter().zip(&s.rates) {
                    let text = self.term_text(t).into_owned();
                    let end = forms.partition_point(|f| f.0 == t);
                    let (mine, rest) = forms.split_at(end);
                    forms = rest;
                    let surfaces = mine
                        .iter()
                        .map(|f| (join(&self.strings, &self.forms, &f.1).into_owned(), f.2))
                        .collect();
                    c.terms.insert(text.clone(), n);
                    c.df.insert(text.clone(), df);
                    c.rates.insert(text.clone(), r);
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

/// The surface forms of the unigram table in text order, and each key's
/// form rank + 1 (no more forms than keys).
fn rank_forms(u: &Unigrams, n_keys: Id) -> (Vec<Id>, Vec<u32>) {
    let strings = u.strings();
    let mut ids: Vec<Id> = (0..n_keys).map(|k| u.key(k).0).collect();
    ids.par_sort_unstable();
    ids.dedup();
    let forms = by_text(ids, |i| strings.get(i));
    // String id → rank + 1 of that surface form.
    let mut rank = vec![0u32; strings.len()];
    for (r, &s) in (1..=n_keys).zip(&forms) {
        rank[s as usize] = r;
    }
    let form_rank: Vec<u32> = (0..n_keys).map(|k| rank[u.key(k).0 as usize]).collect();
    (forms, form_rank)
}

/// One thread's n-gram terms as tuples of unigram ranks (with their local
/// ids, sorted), and its keys' surface-form tuples and local terms. Takes the
/// thread's n-gram table, which is freed here.
fn ngram_tuples(
    l: &mut LocalCounts,
    uni_rank: &[u32],
    form_rank: &[u32],
) -> (Numbered<Tuple>, Keys) {
    let g = std::mem::take(&mut l.ngrams);
    let mut terms = Vec::with_capacity(g.terms());
    g.for_each_term(|t, parts| {
        terms.push((tuple(parts.iter().map(|&p| uni_rank[p as usize])), t));
    });
    let mut forms = vec![[0; 3]; g.keys()];
    let mut key_term = vec![0; g.keys()];
    g.for_each_key(|k, parts, t| {
        forms[k as usize] = tuple(parts.iter().map(|&p| form_rank[p as usize]));
        key_term[k as usize] = t;
    });
    (sorted(terms), (forms, key_term))
}

/// The corpus's terms as tuples in order, the unigram term id → global id
/// map, and each thread's local n-gram id → global id map. `order` holds the
/// unigram terms counted, in text order: all of them, or none (when only
/// n-grams are counted, the map is then empty). With unigrams only, the
/// global ids are the unigram ranks.
#[allow(clippy::type_complexity)]
fn global_ids(
    order: &[Id],
    uni_rank: &[u32],
    ngram_tuples: Vec<Numbered<Tuple>>,
    threads: usize,
    limit: IdLimit,
) -> Result<(Vec<Tuple>, Vec<Id>, Vec<Vec<Id>>)> {
    let n_terms = order.len() as u32;
    if ngram_tuples.iter().all(Vec::is_empty) && order.len() == uni_rank.len() {
        let terms = (1..=n_terms).map(|r| [r, 0, 0]).collect();
        let uni_term = uni_rank.iter().map(|&r| r - 1).collect();
        return Ok((terms, uni_term, (0..threads).map(|_| Vec::new()).collect()));
    }
    let mut lists = vec![(1..=n_terms)
        .zip(order)
        .map(|(r, &t)| ([r, 0, 0], t))
        .collect::<Vec<_>>()];
    lists.extend(ngram_tuples);
    // Each list holds each of its (local) terms once.
    let sizes: Vec<usize> = lists.iter().map(Vec::len).collect();
    let (terms, mut maps) = merge_sorted(&lists, &sizes, limit)?;
    let uni_term = maps.remove(0);
    Ok((terms, uni_term, maps))
}

/// Each source's keys and document frequencies from every thread, summed, in
/// source order.
fn merge_sources(
    locals: Vec<LocalCounts>,
    uni_map: &UniMap<'_>,
    maps: &[ThreadMap],
) -> Vec<RankedSource> {
    let mut by_name: BTreeMap<String, Vec<(usize, LocalSource)>> = BTreeMap::new();
    for (i, l) in locals.into_iter().enumerate() {
        for (name, src) in l.sources {
            by_name.entry(name).or_default().push((i, src));
        }
    }
    by_name
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(name, parts)| merge_source(name, parts, uni_map, maps))
        .collect()
}

/// The articles the threads kept, their terms in global ids, in corpus order.
fn kept_articles(
    kept: Vec<Vec<KeptArticle>>,
    sources: &[RankedSource],
    uni: &UniMap<'_>,
    maps: &[ThreadMap],
) -> ArticleTerms {
    let rows: Vec<(u64, ArticleRow)> = kept
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(i, arts)| {
            let m = &maps[i];
            arts.into_iter().map(move |a| {
                let source = sources
                    .binary_search_by(|s| s.id.as_str().cmp(&a.source))
                    .unwrap_or(0) as u32;
                let terms = a
                    .uni
                    .iter()
                    .map(|&(t, n)| (uni.term[t as usize], n))
                    .chain(a.ngram.iter().map(|&(t, n)| (m.term[t as usize], n)))
                    .collect();
                (a.seq, (source, a.words, terms))
            })
        })
        .collect();
    ArticleTerms::new(in_corpus_order(rows))
}

/// A tuple's text: its strings joined by a space (borrowed for one).
fn join<'a>(strings: &'a Strings, table: &[Id], t: &Tuple) -> Cow<'a, str> {
    let mut parts = t
        .iter()
        .take_while(|&&p| p != 0)
        .map(|&p| strings.get(table[p as usize - 1]));
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
fn merge_source(
    name: String,
    parts: Vec<(usize, LocalSource)>,
    uni: &UniMap,
    maps: &[ThreadMap],
) -> RankedSource {
    let mut s = RankedSource {
        id: name,
        ..RankedSource::default()
    };
    let mut forms: Vec<(TermId, Tuple, u64)> = Vec::with_capacity(
        parts
            .iter()
            .map(|(_, s)| s.uni.keys.len() + s.ngram.keys.len())
            .sum(),
    );
    let mut df: Vec<(TermId, u64)> = Vec::with_capacity(
        parts
            .iter()
            .map(|(_, s)| s.uni.df.len() + s.ngram.df.len())
            .sum(),
    );
    let mut rates: Vec<(TermId, RateSum)> = Vec::with_capacity(df.capacity());
    for (i, src) in parts {
        let m = &maps[i];
        s.articles += src.articles;
        s.words += src.words;
        forms.extend(Counts::iter(&src.uni.keys).map(|(k, n)| {
            let term = uni.table.key(k).1;
            (uni.term[term as usize], [uni.form[k as usize], 0, 0], n)
        }));
        df.extend(Counts::iter(&src.uni.df).map(|(t, n)| (uni.term[t as usize], n)));
        forms.extend(
            Counts::iter(&src.ngram.keys).map(|(k, n)| (m.key[k as usize], m.form[k as usize], n)),
        );
        df.extend(Counts::iter(&src.ngram.df).map(|(t, n)| (m.term[t as usize], n)));
        rates.extend(
            src.uni
                .rates
                .iter()
                .map(|&(t, r)| (uni.term[t as usize], r)),
        );
        rates.extend(
            src.ngram
                .rates
                .iter()
                .map(|&(t, r)| (m.term[t as usize], r)),
        );
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
    super::compact_rates(&mut rates);
    let mut rates = rates.into_iter().peekable();
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
        s.rates.push(match rates.peek() {
            Some(&(rt, r)) if rt == t => {
                rates.next();
                r
            }
            _ => RateSum::default(),
        });
    }
    s.forms = forms;
    s.build_index();
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Analyzer, AnalyzerConfig, NgramStopwords};
    use crate::count::intern::SharedUnigrams;
    use crate::count::DisplayForms;
    use crate::error::Error;
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
        let shared = SharedUnigrams::new();
        let mut locals: Vec<LocalCounts> = (0..threads).map(|_| LocalCounts::new()).collect();
        for (i, (src, text)) in articles.iter().enumerate() {
            locals[i % threads]
                .add_article(an, src, text, &shared)
                .unwrap();
        }
        RankedCounts::from_locals(shared.into_inner(), locals).unwrap()
    }

    /// The same, with the threads running at once on one shared table (so
    /// which thread meets a word first, and so every global id, varies).
    fn concurrent(an: &Analyzer, articles: &[(&str, String)], threads: usize) -> RankedCounts {
        let shared = SharedUnigrams::new();
        let locals: Vec<LocalCounts> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let shared = &shared;
                    scope.spawn(move || {
                        let mut l = LocalCounts::new();
                        for (src, text) in articles.iter().skip(t).step_by(threads) {
                            l.add_article(an, src, text, shared).unwrap();
                        }
                        l
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        RankedCounts::from_locals(shared.into_inner(), locals).unwrap()
    }

    fn analyzer(ngrams: u8) -> Analyzer {
        analyzer_of((1, ngrams, NgramStopwords::Skip))
    }

    /// An analyzer counting `min..=max`-grams under `rule`.
    fn analyzer_of((min, max, rule): (u8, u8, NgramStopwords)) -> Analyzer {
        Analyzer::new(
            "en",
            &AnalyzerConfig {
                ngram_min: min,
                ngram_max: max,
                ngram_stopwords: rule,
                ..AnalyzerConfig::default()
            },
        )
        .unwrap()
    }

    /// Any n-gram range (1 ≤ min ≤ max ≤ 3) under either stopword rule.
    fn arb_ngrams() -> impl Strategy<Value = (u8, u8, NgramStopwords)> {
        let rule = prop::sample::select(vec![NgramStopwords::Skip, NgramStopwords::Join]);
        (1u8..4, 1u8..4, rule).prop_map(|(a, b, rule)| (a.min(b), a.max(b), rule))
    }

    /// The number of distinct terms of `c`, over all its sources.
    fn distinct_terms(c: &CorpusCounts) -> usize {
        let all: std::collections::BTreeSet<&String> =
            c.sources.values().flat_map(|s| s.terms.keys()).collect();
        all.len()
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
        // Source a: Protesters 2, protested 1, protest 1 → "Protesters" (the
        // case as written: display forms are not lowercased).
        assert_eq!(r.display(0, t), "Protesters");
        // Source b: Protest 1, protest 1, protesters 1: the tie goes to the
        // first in byte order, capitals first.
        assert_eq!(r.display(1, t), "Protest");
        let pm = texts.iter().position(|t| t == "protest march").unwrap() as TermId;
        // "Protesters marched" 1 and "protest marched" 1: the tie goes to the first in byte order.
        assert_eq!(r.display(0, pm), "Protesters marched");
        let a = &r.sources[0];
        assert_eq!((a.articles, a.words), (2, 8));
        assert_eq!(a.terms.iter().find(|x| x.0 == t), Some(&(t, 4, 2)));
    }

    #[test]
    fn more_terms_than_ids_is_an_error_not_a_wrap() {
        let an = analyzer(2);
        // Terms: coup, regim, "coup regim", "regim coup".
        let merged = |limit| {
            let shared = SharedUnigrams::new();
            let mut l = LocalCounts::new();
            l.add_article(&an, "a", "Coup, regime coup.", &shared)
                .unwrap();
            RankedCounts::merge(shared.into_inner(), vec![l], IdLimit::new(limit))
        };
        match merged(3) {
            Err(Error::Internal(m)) => assert_eq!(
                m,
                "more than 3 distinct terms in the corpus: framelens numbers them with 32-bit ids"
            ),
            other => panic!("{other:?}"),
        }
        let r = merged(4).unwrap();
        assert_eq!(r.vocabulary(), 4);
        assert_eq!(r.term_text(3), "regim coup");
    }

    #[test]
    fn bigrams_only_leave_the_words_out_of_the_vocabulary() {
        let an = analyzer_of((2, 2, NgramStopwords::Skip));
        let arts = vec![
            (
                "a",
                "State of emergency declared. Police fired.".to_string(),
            ),
            ("b", "Emergency declared today.".to_string()),
        ];
        let r = fast(&an, &arts, 2);
        let texts: Vec<String> = (0..r.vocabulary() as TermId)
            .map(|t| r.term_text(t).into_owned())
            .collect();
        assert_eq!(texts, ["declar today", "emerg declar", "polic fire"]);
        assert_eq!(r.to_corpus(), slow(&an, &arts));
        let ed = 1;
        assert_eq!(r.display(0, ed), "emergency declared");
        assert_eq!(r.display(1, ed), "Emergency declared");
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
        fn equals_the_per_article_counts(arts in arb_articles(), threads in 1usize..4, ngrams in arb_ngrams()) {
            let an = analyzer_of(ngrams);
            let want = slow(&an, &arts);
            let r = fast(&an, &arts, threads);
            // The vocabulary is the terms counted (no word that only spells
            // n-grams when unigrams are left out).
            prop_assert_eq!(r.vocabulary(), distinct_terms(&want));
            prop_assert_eq!(r.to_corpus(), want);
            let texts: Vec<String> = (0..r.vocabulary() as TermId).map(|t| r.term_text(t).into_owned()).collect();
            prop_assert!(texts.windows(2).all(|w| w[0] < w[1]));
        }

        #[test]
        fn display_is_the_most_frequent_form(arts in arb_articles(), threads in 1usize..4, ngrams in arb_ngrams()) {
            let an = analyzer_of(ngrams);
            let r = fast(&an, &arts, threads);
            let c = r.to_corpus();
            for (d, s) in r.sources.iter().enumerate() {
                let want = DisplayForms::of(&c.sources[&s.id]);
                for t in 0..r.vocabulary() as TermId + 2 {
                    let text = if (t as usize) < r.vocabulary() { r.term_text(t) } else { Cow::Borrowed("") };
                    if s.terms.iter().any(|x| x.0 == t) {
                        prop_assert_eq!(r.display(d, t), want.get(&text));
                    } else {
                        prop_assert!(s.forms_of(t).is_empty());
                    }
                }
            }
        }

        #[test]
        fn by_text_sorts_like_the_texts(texts in proptest::collection::btree_set("(aaaaaaa|aaaaaaaa|b)?[ab\u{e9}\u{1}-]{0,4}", 0..40)) {
            let texts: Vec<String> = texts.into_iter().rev().collect();
            let ids = (0..texts.len() as Id).collect();
            let sorted: Vec<&str> = by_text(ids, |i| texts[i as usize].as_str())
                .into_iter()
                .map(|i| texts[i as usize].as_str())
                .collect();
            let mut want: Vec<&str> = texts.iter().map(String::as_str).collect();
            want.sort();
            prop_assert_eq!(sorted, want);
        }

        #[test]
        fn a_shared_table_filled_by_concurrent_threads_gives_the_same_counts(
            arts in arb_articles(), threads in 2usize..4, ngrams in arb_ngrams()
        ) {
            let an = analyzer_of(ngrams);
            let want = slow(&an, &arts);
            let r = concurrent(&an, &arts, threads);
            prop_assert_eq!(r.to_corpus(), want);
            let mut reversed = arts.clone();
            reversed.reverse();
            prop_assert_eq!(fast(&an, &reversed, 1).to_corpus(), r.to_corpus());
        }
    }
}
