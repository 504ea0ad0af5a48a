//! Term counts. Every aggregate is a commutative monoid: `+=` merges two counts
//! of disjoint article sets, in any order and any grouping, to the same result.
//! That is what lets rayon fold per thread and reduce once, and what lets
//! counting shards run in separate processes.
//!
//! Invariants:
//! - only integers live here; floats are computed after the merge (stats/);
//! - a `SourceCounts` of one article has `terms` summing to the article's number
//!   of counted terms (its non-stopword tokens when unigrams are counted, plus its
//!   n-grams when they are);
//! - `df[t]` ≤ `articles` and `df[t]` ≥ 1 exactly for the terms in `terms`.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use rustc_hash::FxHashMap;

use crate::analyze::{Analyzed, Analyzer};
use crate::error::{Error, Result};
use intern::{Id, Ngrams, SharedUnigrams};
use scan::{Hit, RawCache};

pub mod articles;
pub mod intern;
pub mod ranked;
pub mod scan;

/// Counts of one article, or of a union of articles of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceCounts {
    /// Number of articles counted.
    pub articles: u64,
    /// WC: all word tokens, stopwords included (the denominator of every rate).
    pub words: u64,
    /// Term (stem or n-gram of stems) → occurrences.
    pub terms: FxHashMap<String, u64>,
    /// Term → number of articles containing it.
    pub df: FxHashMap<String, u64>,
    /// Term → surface form → occurrences (for display forms).
    pub surfaces: FxHashMap<String, FxHashMap<String, u64>>,
    /// Term → its per-article rates summed (for article-level tests).
    pub rates: FxHashMap<String, RateSum>,
}

/// A term's rates over a set of articles: Σx and Σx², where x = count / words
/// of each article (0 for the articles without the term, which need no
/// entry), as fixed-point integers scaled by 2⁶⁴, and its largest count in one
/// article. Integers, so they add exactly and in any order: the same sums
/// from one pass, from threads, and from merged partials. Welch's t-test on
/// per-article rates needs only n, Σx and Σx² per side (docs/METHODS.md §3b),
/// and the top count gives the share of the top article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateSum {
    pub sum: u128,
    pub sum_sq: u128,
    pub top: u64,
}

/// 2⁶⁴, the scale of [`RateSum`]'s fixed-point sums.
pub const RATE_SCALE: f64 = 18_446_744_073_709_551_616.0;

impl RateSum {
    /// The rate of one article: `count` occurrences in `words` words
    /// (`count` ≤ `words`; an article of 0 words has no rate).
    pub fn of(count: u64, words: u64) -> RateSum {
        if words == 0 {
            return RateSum::default();
        }
        let (c, w) = (u128::from(count.min(words)), u128::from(words));
        // x·2⁶⁴ rounded to nearest; ≤ 2⁶⁴ because count ≤ words.
        let x = ((c << 64) + w / 2) / w;
        // x²·2⁶⁴ = (x·2⁶⁴)² / 2⁶⁴, rounded; x = 2⁶⁴ (every word is the term)
        // would overflow the square and gives 2⁶⁴.
        let sq = if x >> 64 != 0 {
            1u128 << 64
        } else {
            (x * x + (1u128 << 63)) >> 64
        };
        RateSum {
            sum: x,
            sum_sq: sq,
            top: count,
        }
    }

    /// Σx and Σx² as numbers.
    pub fn sums(&self) -> (f64, f64) {
        (
            self.sum as f64 / RATE_SCALE,
            self.sum_sq as f64 / RATE_SCALE,
        )
    }

    /// The sums of the articles in `self` but not in `part` (a subset of
    /// them); the top count is `self`'s.
    pub fn minus(&self, part: &RateSum) -> RateSum {
        RateSum {
            sum: self.sum.saturating_sub(part.sum),
            sum_sq: self.sum_sq.saturating_sub(part.sum_sq),
            top: self.top,
        }
    }
}

impl AddAssign<&RateSum> for RateSum {
    fn add_assign(&mut self, rhs: &RateSum) {
        self.sum = self.sum.saturating_add(rhs.sum);
        self.sum_sq = self.sum_sq.saturating_add(rhs.sum_sq);
        self.top = self.top.max(rhs.top);
    }
}

fn add_rates(into: &mut FxHashMap<String, RateSum>, from: &FxHashMap<String, RateSum>) {
    for (k, v) in from {
        *into.entry_ref_or_insert(k) += v;
    }
}

impl SourceCounts {
    /// The counts of one analyzed article.
    pub fn of_article(analyzer: &Analyzer, analyzed: &Analyzed) -> SourceCounts {
        let mut c = SourceCounts {
            articles: 1,
            words: analyzed.wc() as u64,
            ..Default::default()
        };
        analyzer.for_each_term(analyzed, |term, surface| {
            *c.terms.entry_ref_or_insert(term) += 1;
            let s = c.surfaces.entry_ref_or_default(term);
            *s.entry_ref_or_insert(surface) += 1;
        });
        c.df = c.terms.keys().map(|k| (k.clone(), 1)).collect();
        c.rates = c
            .terms
            .iter()
            .map(|(k, &n)| (k.clone(), RateSum::of(n, c.words)))
            .collect();
        c
    }

    /// Sum of all term counts.
    pub fn total_terms(&self) -> u64 {
        self.terms.values().sum()
    }
}

/// `entry(key.to_string())` without allocating when the key exists.
trait EntryRef<V> {
    fn entry_ref_or_insert(&mut self, key: &str) -> &mut V;
    fn entry_ref_or_default(&mut self, key: &str) -> &mut V;
}

impl<V: Default> EntryRef<V> for FxHashMap<String, V> {
    fn entry_ref_or_insert(&mut self, key: &str) -> &mut V {
        self.entry_ref_or_default(key)
    }
    fn entry_ref_or_default(&mut self, key: &str) -> &mut V {
        if !self.contains_key(key) {
            self.insert(key.to_string(), V::default());
        }
        // The key was inserted just above if it was missing.
        self.get_mut(key).unwrap_or_else(|| unreachable!())
    }
}

fn add_map(into: &mut FxHashMap<String, u64>, from: &FxHashMap<String, u64>) {
    for (k, v) in from {
        *into.entry_ref_or_insert(k) += v;
    }
}

impl AddAssign<&SourceCounts> for SourceCounts {
    fn add_assign(&mut self, rhs: &SourceCounts) {
        self.articles += rhs.articles;
        self.words += rhs.words;
        add_map(&mut self.terms, &rhs.terms);
        add_map(&mut self.df, &rhs.df);
        for (t, s) in &rhs.surfaces {
            add_map(self.surfaces.entry_ref_or_default(t), s);
        }
        add_rates(&mut self.rates, &rhs.rates);
    }
}

impl AddAssign<SourceCounts> for SourceCounts {
    fn add_assign(&mut self, rhs: SourceCounts) {
        if self.articles == 0 && self.terms.is_empty() {
            *self = rhs;
        } else {
            *self += &rhs;
        }
    }
}

/// Counts of one thread, by integer ids: global unigram ids of the shared
/// `Unigrams` and n-gram ids of the thread's own `Ngrams`. The hot path of
/// `pipeline::count_ranked`: each worker thread folds its articles into one
/// `LocalCounts`; `ranked::RankedCounts::from_locals` merges them once, at the end.
///
/// A term occurrence goes into dense per-thread arrays indexed by id (`Tally`),
/// which hold the counts of the current source: articles of one source mostly
/// come one after the other (corpus order). When an article of another source
/// comes, and at the end (`flush`), they are appended to that source's lists
/// (`Counts`) and cleared. The lists may name an id more than once; the merge
/// sums them.
#[derive(Debug, Default)]
pub struct LocalCounts {
    pub ngrams: Ngrams,
    /// Raw-word caches by language (an article's language picks its analyzer).
    caches: Vec<(String, RawCache)>,
    sources: FxHashMap<String, LocalSource>,
    /// The source whose counts are in `uni` and `ngram`, not yet in `sources`.
    current: Option<String>,
    uni: Tally,
    ngram: Tally,
    /// Articles counted (numbers them from 1 for `Tally::docs`).
    article_no: u32,
    /// Keep each article's terms (for the tests that need them per article).
    keep_articles: bool,
    pub(crate) kept: Vec<KeptArticle>,
    /// (term, count) entries in `kept`.
    kept_entries: usize,
}

/// One article's terms as the fast path counted them, in the thread's ids.
#[derive(Debug, Default)]
pub(crate) struct KeptArticle {
    /// The article's position in the corpus.
    pub seq: u64,
    pub source: String,
    pub words: u64,
    /// (unigram term id, count), in the order first seen.
    pub uni: Vec<(Id, u32)>,
    /// (thread n-gram term id, count).
    pub ngram: Vec<(Id, u32)>,
}

/// The counts of one id space since they were last spilled: occurrences by key
/// id, document frequencies and per-article rates by term id, and the ids
/// with a nonzero count.
#[derive(Debug, Default)]
struct Tally {
    count: Vec<u64>,
    keys: Vec<Id>,
    /// Per term id: [the last article that counted it, articles counting it,
    /// its count in that article].
    docs: Vec<[u32; 3]>,
    terms: Vec<Id>,
    /// Per term id: the rates of the articles counted since the last spill.
    rates: Vec<RateSum>,
    /// The terms of the current article.
    in_article: Vec<Id>,
}

impl Tally {
    #[inline]
    fn hit(&mut self, key: Id, term: Id, article: u32) {
        let k = key as usize;
        if k >= self.count.len() {
            self.count.resize((k + 1).max(self.count.len() * 2), 0);
        }
        if self.count[k] == 0 {
            self.keys.push(key);
        }
        self.count[k] += 1;
        let t = term as usize;
        if t >= self.docs.len() {
            self.docs
                .resize((t + 1).max(self.docs.len() * 2), [0, 0, 0]);
        }
        let d = &mut self.docs[t];
        if d[0] != article {
            d[0] = article;
            if d[1] == 0 {
                self.terms.push(term);
            }
            d[1] += 1;
            d[2] = 0;
            self.in_article.push(term);
        }
        d[2] = d[2].saturating_add(1);
    }

    /// After an article of `words` words: adds its rate of each of its terms
    /// (and appends its (term, count)s to `keep` when given).
    fn end_article(&mut self, words: u64, mut keep: Option<&mut Vec<(Id, u32)>>) {
        if self.rates.len() < self.docs.len() {
            self.rates.resize(self.docs.len(), RateSum::default());
        }
        for &t in &self.in_article {
            let n = self.docs[t as usize][2];
            self.rates[t as usize] += &RateSum::of(u64::from(n), words);
            if let Some(k) = keep.as_deref_mut() {
                k.push((t, n));
            }
        }
        self.in_article.clear();
    }

    /// Appends the counts to `into` and clears them.
    fn spill(&mut self, into: &mut Counts) {
        let before = into.keys.len() + into.df.len();
        for &k in &self.keys {
            push_count(
                &mut into.keys,
                k,
                std::mem::take(&mut self.count[k as usize]),
            );
        }
        self.keys.clear();
        for &t in &self.terms {
            let n = std::mem::take(&mut self.docs[t as usize][1]);
            into.df.push((t, n));
            let r = self.rates.get_mut(t as usize).map(std::mem::take);
            into.rates.push((t, r.unwrap_or_default()));
        }
        self.terms.clear();
        into.spilled(before);
    }
}

/// Appends (id, n), as several entries when `n` does not fit in a `u32`.
fn push_count(v: &mut Vec<(Id, u32)>, id: Id, mut n: u64) {
    while n > u64::from(u32::MAX) {
        v.push((id, u32::MAX));
        n -= u64::from(u32::MAX);
    }
    v.push((id, n as u32));
}

/// Sorts `v` by id and sums the entries of each id.
fn compact(v: &mut Vec<(Id, u32)>) {
    v.sort_unstable_by_key(|e| e.0);
    let mut out = Vec::with_capacity(v.len());
    for run in v.chunk_by(|a, b| a.0 == b.0) {
        push_count(&mut out, run[0].0, run.iter().map(|e| u64::from(e.1)).sum());
    }
    *v = out;
}

/// Sorts `v` by id and sums the entries of each id.
fn compact_rates(v: &mut Vec<(Id, RateSum)>) {
    v.sort_unstable_by_key(|e| e.0);
    v.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 += &b.1;
        }
        same
    });
}

/// Occurrences by key id and document frequencies by term id: lists of
/// (id, count) in which an id may come more than once (its counts add up).
#[derive(Debug, Default)]
struct Counts {
    keys: Vec<(Id, u32)>,
    df: Vec<(Id, u32)>,
    /// Per-article rates by term id, an id's sums split over any number of entries.
    rates: Vec<(Id, RateSum)>,
    /// Entries in both lists when they last named each id once.
    distinct: usize,
}

impl Counts {
    /// After a spill into lists that held `before` entries: sums repeated ids
    /// once the lists have grown to over twice their distinct length (sources
    /// interleaved article by article), so they stay within about twice what
    /// they hold, at an amortized O(log n) per entry.
    fn spilled(&mut self, before: usize) {
        self.spilled_with(before, 1 << 16);
    }

    /// `spilled`, with `slack` entries more allowed before summing.
    fn spilled_with(&mut self, before: usize, slack: usize) {
        let len = self.keys.len() + self.df.len();
        if before == 0 {
            self.distinct = len;
        } else if len > 2 * self.distinct + slack {
            compact(&mut self.keys);
            compact(&mut self.df);
            compact_rates(&mut self.rates);
            self.distinct = self.keys.len() + self.df.len();
        }
    }

    /// Every (id, count), an id's count split over any number of entries.
    fn iter(list: &[(Id, u32)]) -> impl Iterator<Item = (Id, u64)> + '_ {
        list.iter().map(|&(id, n)| (id, u64::from(n)))
    }
}

#[derive(Debug, Default)]
struct LocalSource {
    articles: u64,
    words: u64,
    /// Unigrams, by global ids.
    uni: Counts,
    /// N-grams, by the thread's ids.
    ngram: Counts,
}

/// The entry of `name` (added when new).
fn source_entry<'a>(
    sources: &'a mut FxHashMap<String, LocalSource>,
    name: &str,
) -> &'a mut LocalSource {
    if !sources.contains_key(name) {
        sources.insert(name.to_string(), LocalSource::default());
    }
    // Inserted just above when missing.
    sources.get_mut(name).unwrap_or_else(|| unreachable!())
}

impl LocalCounts {
    pub fn new() -> LocalCounts {
        LocalCounts::default()
    }

    /// Counts that also keep each article's terms ([`LocalCounts::add_article_at`]).
    pub fn keeping_articles() -> LocalCounts {
        LocalCounts {
            keep_articles: true,
            ..LocalCounts::default()
        }
    }

    /// Counts one article (`text` with boilerplate already blanked) of `source`;
    /// unigrams are looked up in (or added to) `shared`. Fails only when a
    /// table runs out of ids (or articles run past 32-bit numbers).
    pub fn add_article(
        &mut self,
        analyzer: &Analyzer,
        source: &str,
        text: &str,
        shared: &SharedUnigrams,
    ) -> Result<()> {
        self.add_article_at(0, analyzer, source, text, shared)
    }

    /// [`LocalCounts::add_article`] for the article at position `seq` of the
    /// corpus (which orders the kept articles).
    pub fn add_article_at(
        &mut self,
        seq: u64,
        analyzer: &Analyzer,
        source: &str,
        text: &str,
        shared: &SharedUnigrams,
    ) -> Result<()> {
        let lang = analyzer.language();
        let ci = match self.caches.iter().position(|(l, _)| l == lang) {
            Some(i) => i,
            None => {
                let index = shared.lock().language(lang);
                self.caches.push((lang.to_string(), RawCache::new(index)));
                self.caches.len() - 1
            }
        };
        if self.current.as_deref() != Some(source) {
            self.flush();
            self.current = Some(source.to_string());
        }
        self.article_no = self.article_no.checked_add(1).ok_or_else(|| {
            Error::Internal("more than 4294967295 articles counted by one thread".into())
        })?;
        let article = self.article_no;
        let (uni, ngram) = (&mut self.uni, &mut self.ngram);
        let words = scan::scan(
            analyzer,
            text,
            &mut self.caches[ci].1,
            shared,
            &mut self.ngrams,
            |hit| match hit {
                Hit::Uni { key, term } => uni.hit(key, term, article),
                Hit::Ngram { key, term } => ngram.hit(key, term, article),
            },
        )?;
        if self.keep_articles {
            let mut kept = KeptArticle {
                seq,
                source: source.to_string(),
                words,
                ..KeptArticle::default()
            };
            self.uni.end_article(words, Some(&mut kept.uni));
            self.ngram.end_article(words, Some(&mut kept.ngram));
            self.kept_entries += kept.uni.len() + kept.ngram.len();
            self.kept.push(kept);
        } else {
            self.uni.end_article(words, None);
            self.ngram.end_article(words, None);
        }
        let src = source_entry(&mut self.sources, source);
        src.articles += 1;
        src.words += words;
        Ok(())
    }

    /// (term, count) entries of the articles kept so far.
    pub fn kept_entries(&self) -> usize {
        self.kept_entries
    }

    /// Stops keeping articles and frees those kept.
    pub fn drop_kept(&mut self) {
        self.keep_articles = false;
        self.kept = Vec::new();
        self.kept_entries = 0;
    }

    /// After the last article: moves the counts of the current source into
    /// its lists (what the merge reads) and frees everything else but the
    /// n-grams.
    fn finish(&mut self) {
        self.flush();
        self.uni = Tally::default();
        self.ngram = Tally::default();
        self.caches = Vec::new();
    }

    /// Moves the counts of the current source into its lists.
    fn flush(&mut self) {
        if let Some(name) = self.current.take() {
            let src = source_entry(&mut self.sources, &name);
            self.uni.spill(&mut src.uni);
            self.ngram.spill(&mut src.ngram);
        }
    }
}

/// Counts per source (sorted by source id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusCounts {
    pub sources: BTreeMap<String, SourceCounts>,
}

impl CorpusCounts {
    pub fn add_article(&mut self, source: &str, counts: SourceCounts) {
        match self.sources.get_mut(source) {
            Some(s) => *s += counts,
            None => {
                self.sources.insert(source.to_string(), counts);
            }
        }
    }

    /// The whole corpus as one `SourceCounts`.
    pub fn total(&self) -> SourceCounts {
        // `+=` over the sources, its three maps summed at the same time (each
        // in source order, as `+=` would).
        let sources: Vec<&SourceCounts> = self.sources.values().collect();
        let sum = |map: fn(&SourceCounts) -> &FxHashMap<String, u64>| {
            let mut m = FxHashMap::default();
            for s in &sources {
                add_map(&mut m, map(s));
            }
            m
        };
        let surfaces = || {
            let mut m: FxHashMap<String, FxHashMap<String, u64>> = FxHashMap::default();
            for s in &sources {
                for (t, forms) in &s.surfaces {
                    add_map(m.entry_ref_or_default(t), forms);
                }
            }
            m
        };
        let rates = || {
            let mut m = FxHashMap::default();
            for s in &sources {
                add_rates(&mut m, &s.rates);
            }
            m
        };
        let (((terms, df), surfaces), rates) = rayon::join(
            || {
                rayon::join(
                    || rayon::join(|| sum(|s| &s.terms), || sum(|s| &s.df)),
                    surfaces,
                )
            },
            rates,
        );
        SourceCounts {
            articles: sources.iter().map(|s| s.articles).sum(),
            words: sources.iter().map(|s| s.words).sum(),
            terms,
            df,
            surfaces,
            rates,
        }
    }
}

impl AddAssign<&CorpusCounts> for CorpusCounts {
    fn add_assign(&mut self, rhs: &CorpusCounts) {
        for (id, s) in &rhs.sources {
            match self.sources.get_mut(id) {
                Some(mine) => *mine += s,
                None => {
                    self.sources.insert(id.clone(), s.clone());
                }
            }
        }
    }
}

impl AddAssign<CorpusCounts> for CorpusCounts {
    fn add_assign(&mut self, rhs: CorpusCounts) {
        for (id, s) in rhs.sources {
            self.add_article(&id, s);
        }
    }
}

/// The most frequent surface form of each term, ties broken alphabetically
/// (docs/METHODS.md §1), with every surface form behind it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisplayForms {
    map: FxHashMap<String, String>,
}

impl DisplayForms {
    pub fn of(counts: &SourceCounts) -> DisplayForms {
        let map = counts
            .surfaces
            .iter()
            .map(|(term, forms)| (term.clone(), most_frequent(forms).to_string()))
            .collect();
        DisplayForms { map }
    }

    /// The display form of `term` (the term itself when no surface was seen).
    pub fn get<'a>(&'a self, term: &'a str) -> &'a str {
        self.map.get(term).map(String::as_str).unwrap_or(term)
    }
}

/// The key with the largest count; on a tie, the alphabetically first key.
pub fn most_frequent(forms: &FxHashMap<String, u64>) -> &str {
    forms
        .iter()
        .max_by(|(ka, va), (kb, vb)| va.cmp(vb).then_with(|| kb.cmp(ka)))
        .map(|(k, _)| k.as_str())
        .unwrap_or("")
}

/// Every surface form of `term` with its count, most frequent first.
pub fn surface_forms(counts: &SourceCounts, term: &str) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts
        .surfaces
        .get(term)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
        .unwrap_or_default();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::AnalyzerConfig;
    use proptest::prelude::*;

    fn counts(text: &str) -> SourceCounts {
        let a = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
        SourceCounts::of_article(&a, &a.analyze(text))
    }

    #[test]
    fn corpus_total_is_the_sum_of_its_sources() {
        let mut corpus = CorpusCounts::default();
        let texts = [
            ("a", "The protesters protested the protest."),
            ("b", "Protests! Protesters marched; police protested."),
            (
                "a",
                "A coup, said the Congress. A coup, said the protesters.",
            ),
            ("c", ""),
        ];
        let mut want = SourceCounts::default();
        for (source, text) in texts {
            let c = counts(text);
            want += &c;
            corpus.add_article(source, c);
        }
        let got = corpus.total();
        assert_eq!(got, want);
        assert_eq!(got.articles, 4);
        // 3 + 3 (Protests, Protesters, protested) + 1, in 3 articles.
        assert_eq!(got.terms.get("protest"), Some(&7));
        assert_eq!(got.df.get("protest"), Some(&3));
        // Surfaces keep the case: "protesters" twice, "Protesters" once.
        assert_eq!(got.surfaces["protest"].get("protesters"), Some(&2));
        assert_eq!(got.surfaces["protest"].get("Protesters"), Some(&1));
    }

    #[test]
    fn one_article() {
        // words: the(stop) protesters protested the(stop) protest → WC 5, terms: protest ×3
        let c = counts("The protesters protested the protest.");
        assert_eq!(c.words, 5);
        assert_eq!(c.terms.get("protest"), Some(&3));
        assert_eq!(c.df.get("protest"), Some(&1));
        assert_eq!(c.total_terms(), 3);
        let d = DisplayForms::of(&c);
        // protesters, protested, protest once each: alphabetical tie-break picks "protest".
        assert_eq!(d.get("protest"), "protest");
    }

    #[test]
    fn display_form_is_most_frequent_surface() {
        let c = counts("Repression. Repression! Repressive repress.");
        // In the case the text uses most.
        assert_eq!(DisplayForms::of(&c).get("repress"), "Repression");
        assert_eq!(
            surface_forms(&c, "repress")[0],
            ("Repression".to_string(), 2)
        );
    }

    #[test]
    fn merge_sums_and_counts_documents() {
        let mut a = counts("coup coup");
        a += &counts("coup regime");
        assert_eq!(a.articles, 2);
        assert_eq!(a.words, 4);
        assert_eq!(a.terms["coup"], 3);
        assert_eq!(a.df["coup"], 2);
        assert_eq!(a.df["regim"], 1);
    }

    #[test]
    fn counts_over_u32_are_split_and_summed() {
        let mut v = Vec::new();
        push_count(&mut v, 7, 2 * u64::from(u32::MAX) + 3);
        push_count(&mut v, 1, 5);
        push_count(&mut v, 7, u64::from(u32::MAX));
        assert_eq!(v.len(), 5);
        compact(&mut v);
        let total = |id| {
            Counts::iter(&v)
                .filter(|e| e.0 == id)
                .map(|e| e.1)
                .sum::<u64>()
        };
        assert_eq!((total(7), total(1)), (3 * u64::from(u32::MAX) + 3, 5));
        assert_eq!(v.len(), 5);
        assert!(v.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    fn arb_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("coup"),
                Just("the"),
                Just("protesters"),
                Just("Boluarte’s"),
                Just("right-wing"),
                Just("2022"),
                Just("."),
                Just("“vandals”")
            ],
            0..30,
        )
        .prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn spilled_lists_sum_to_the_counts(
            spills in proptest::collection::vec(proptest::collection::btree_map(0u32..20, 1u64..4, 0..10), 0..30),
            slack in 0usize..4,
        ) {
            let mut c = Counts::default();
            let mut want: BTreeMap<Id, u64> = BTreeMap::new();
            for spill in &spills {
                let before = c.keys.len() + c.df.len();
                for (&id, &n) in spill {
                    push_count(&mut c.keys, id, n);
                    *want.entry(id).or_default() += n;
                }
                c.spilled_with(before, slack);
                // Summed once over twice what it names (plus the slack).
                prop_assert!(c.keys.len() <= 2 * want.len() + slack + spill.len());
            }
            let mut got: BTreeMap<Id, u64> = BTreeMap::new();
            for (id, n) in Counts::iter(&c.keys) {
                *got.entry(id).or_default() += n;
            }
            prop_assert_eq!(got, want);
        }

        #[test]
        fn merge_is_associative_and_commutative(x in arb_text(), y in arb_text(), z in arb_text()) {
            let (a, b, c) = (counts(&x), counts(&y), counts(&z));
            let mut ab_c = a.clone(); ab_c += &b; ab_c += &c;
            let mut bc = b.clone(); bc += &c;
            let mut a_bc = a.clone(); a_bc += &bc;
            let mut c_b_a = c.clone(); c_b_a += &b; c_b_a += &a;
            prop_assert_eq!(&ab_c, &a_bc);
            prop_assert_eq!(&ab_c, &c_b_a);
        }

        #[test]
        fn counts_sum_to_wc_minus_stopwords(x in arb_text()) {
            let an = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
            let analyzed = an.analyze(&x);
            let stops = analyzed.tokens.iter().filter(|t| t.stop).count() as u64;
            let c = SourceCounts::of_article(&an, &analyzed);
            prop_assert_eq!(c.total_terms(), c.words - stops);
        }
    }
}
