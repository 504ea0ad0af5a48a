//! Interning: the tables that give counted terms integer ids, so counting
//! costs no string per occurrence (see `scan` for the loop that fills them).
//!
//! - `Unigrams` is one table for all threads (behind a mutex, `SharedUnigrams`):
//!   every distinct normalized form and stem is stored once, in one buffer
//!   (`Strings`), and gets a global id. A **key** is a (surface form, term)
//!   pair: a unigram's normalized form with its stem; a **term** is a stem.
//!   Counting by key keeps the surface forms (display forms) for free: a
//!   term's count is the sum of its keys' counts. Each normalized form is
//!   stemmed once per language in all, whichever thread meets it first.
//! - N-grams are interned per thread (`Ngrams`): an n-gram key is a tuple of
//!   global unigram keys, an n-gram term a tuple of global unigram terms, with
//!   ids local to the thread. Bigrams and trigrams have tables of their own
//!   (hash tables whose entries hold the tuple and its ids, a key's term id
//!   included), so a known key costs one probe; the term table is only probed
//!   for a new key.
//!
//! Ids are 32-bit. A table that would issue an id past that fails with
//! `Error::Internal` (`IdLimit::issue`), where the id is issued: never a
//! silent wrap, and no check per occurrence.

use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::error::{Error, Result};

/// An id: of a unigram key, term or string in `Unigrams` (global), or of an
/// n-gram key or term in `Ngrams` (one thread's).
pub type Id = u32;

/// "Not an id": pads n-gram tuples, marks empty slots. No table issues it.
pub(crate) const NONE: Id = Id::MAX;

/// How many ids a table may issue: ids are `0..limit`. The default is every
/// 32-bit id but `NONE`; tests set a small limit to reach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdLimit(usize);

impl Default for IdLimit {
    fn default() -> Self {
        IdLimit(NONE as usize)
    }
}

impl IdLimit {
    /// A limit of `n` ids (at most the default).
    pub fn new(n: usize) -> IdLimit {
        IdLimit(n.min(IdLimit::default().0))
    }

    /// The id of the next entry of a table that holds `n` (ids are issued
    /// densely from 0), or an error when the table is full.
    #[inline]
    pub fn issue(self, n: usize, what: &str) -> Result<Id> {
        match Id::try_from(n) {
            Ok(id) if n < self.0 => Ok(id),
            _ => Err(Error::Internal(format!(
                "more than {} distinct {what}: framelens numbers them with 32-bit ids",
                self.0
            ))),
        }
    }
}

/// A number of entries (of a table whose ids were issued under an `IdLimit`)
/// as an `Id`: the end of its range of ids.
pub fn id_count(n: usize, what: &str) -> Result<Id> {
    Id::try_from(n).map_err(|_| {
        Error::Internal(format!(
            "{n} {what}: more than framelens numbers with 32-bit ids"
        ))
    })
}

/// Strings stored once, one after the other in one buffer; string `i` is
/// `bytes[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    bytes: String,
    ends: Vec<usize>,
}

impl Strings {
    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String number `i`.
    #[inline]
    pub fn get(&self, i: Id) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    fn push(&mut self, s: &str, limit: IdLimit) -> Result<Id> {
        let id = limit.issue(self.ends.len(), "words and stems")?;
        self.bytes.push_str(s);
        self.ends.push(self.bytes.len());
        Ok(id)
    }
}

#[inline]
fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// The unigram table of a whole run: normalized forms and stems ↔ global ids.
/// Ids are dense from 0, in the order words were first met.
#[derive(Debug, Default)]
pub struct Unigrams {
    /// Every distinct normalized form and stem, once.
    strings: Strings,
    /// String ids by text.
    index: HashTable<Id>,
    /// String id → its term id, or `NONE` when the string is no stem.
    term_of: Vec<Id>,
    /// Term id → string id.
    terms: Vec<Id>,
    /// Key id → (surface form's string id, term id).
    keys: Vec<(Id, Id)>,
    /// Per language: string id of a normalized form (after the possessive is
    /// stripped) → its key, or `NONE` (never met in that language). Sized lazily.
    by_language: Vec<Vec<Id>>,
    languages: Vec<String>,
    limit: IdLimit,
}

impl Unigrams {
    pub fn new() -> Unigrams {
        Unigrams::default()
    }

    /// A table that issues at most `limit` ids of each kind.
    pub fn with_limit(limit: IdLimit) -> Unigrams {
        Unigrams {
            limit,
            ..Unigrams::default()
        }
    }

    /// The index of `language` (added when new).
    pub fn language(&mut self, language: &str) -> usize {
        match self.languages.iter().position(|l| l == language) {
            Some(i) => i,
            None => {
                self.languages.push(language.to_string());
                self.by_language.push(Vec::new());
                self.languages.len() - 1
            }
        }
    }

    /// Number of keys (key ids are `0..keys()`).
    pub fn keys(&self) -> usize {
        self.keys.len()
    }

    /// Number of terms (term ids are `0..terms()`).
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// The strings behind every id.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// The string id of a term's text.
    #[inline]
    pub fn term_string(&self, term: Id) -> Id {
        self.terms[term as usize]
    }

    /// A key's (surface form string id, term id).
    #[inline]
    pub fn key(&self, key: Id) -> (Id, Id) {
        self.keys[key as usize]
    }

    /// The text of a term (a stem).
    pub fn term_text(&self, term: Id) -> &str {
        self.strings.get(self.term_string(term))
    }

    /// The surface form of a key (a normalized word).
    pub fn key_text(&self, key: Id) -> &str {
        self.strings.get(self.key(key).0)
    }

    /// Takes the strings out (what `count::ranked` keeps of the table).
    pub fn into_strings(self) -> Strings {
        self.strings
    }

    fn find(&self, s: &str) -> Option<Id> {
        let strings = &self.strings;
        self.index.find(hash(s), |&i| strings.get(i) == s).copied()
    }

    fn intern(&mut self, s: &str) -> Result<Id> {
        let h = hash(s);
        let strings = &self.strings;
        if let Some(&i) = self.index.find(h, |&i| strings.get(i) == s) {
            return Ok(i);
        }
        let i = self.strings.push(s, self.limit)?;
        let strings = &self.strings;
        self.index.insert_unique(h, i, |&j| hash(strings.get(j)));
        self.term_of.push(NONE);
        Ok(i)
    }

    /// The (key, term) of `surface` (a cased normalized word, not a stopword) in
    /// language `lang`, if some thread has already stemmed it.
    pub fn known(&self, lang: usize, surface: &str) -> Option<(Id, Id)> {
        let s = self.find(surface)?;
        let key = *self.by_language.get(lang)?.get(s as usize)?;
        if key == NONE {
            return None;
        }
        Some((key, self.key(key).1))
    }

    /// Adds the surface form `surface` (the cased normalized word) with its
    /// stem in language `lang` (or finds it, when another thread added it
    /// meanwhile): its (key, term).
    pub fn add(&mut self, lang: usize, surface: &str, stem: &str) -> Result<(Id, Id)> {
        let form = self.intern(surface)?;
        let known = self
            .by_language
            .get(lang)
            .and_then(|l| l.get(form as usize));
        if let Some(&key) = known.filter(|&&k| k != NONE) {
            return Ok((key, self.key(key).1));
        }
        let st = self.intern(stem)?;
        let term = match self.term_of[st as usize] {
            NONE => {
                let t = self.limit.issue(self.terms.len(), "terms")?;
                self.terms.push(st);
                self.term_of[st as usize] = t;
                t
            }
            t => t,
        };
        // The same form with the same stem in another language: the same key.
        let same = self
            .by_language
            .iter()
            .filter_map(|l| l.get(form as usize).copied())
            .find(|&k| k != NONE && self.keys[k as usize] == (form, term));
        let key = match same {
            Some(k) => k,
            None => {
                let k = self.limit.issue(self.keys.len(), "words")?;
                self.keys.push((form, term));
                k
            }
        };
        if let Some(l) = self.by_language.get_mut(lang) {
            if l.len() <= form as usize {
                l.resize(form as usize + 1, NONE);
            }
            l[form as usize] = key;
        }
        Ok((key, term))
    }
}

/// `Unigrams` shared by the worker threads.
#[derive(Debug, Default)]
pub struct SharedUnigrams(Mutex<Unigrams>);

impl SharedUnigrams {
    pub fn new() -> SharedUnigrams {
        SharedUnigrams::default()
    }

    /// A shared `Unigrams::with_limit`.
    pub fn with_limit(limit: IdLimit) -> SharedUnigrams {
        SharedUnigrams(Mutex::new(Unigrams::with_limit(limit)))
    }

    /// The table (a panic in another thread leaves it consistent: every
    /// change is complete before the lock is released).
    pub fn lock(&self) -> MutexGuard<'_, Unigrams> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn into_inner(self) -> Unigrams {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// One thread's n-grams ↔ local ids. Key ids are dense from 0 (bigrams and
/// trigrams share them), and so are term ids.
///
/// A key is met on nearly every n-gram occurrence, so each entry of a key
/// table holds the key's unigram keys, its id and its term: a known key costs
/// one probe and no other lookup. A term is only looked up when a key is new;
/// its entry holds its unigram terms and its id. There is no by-id list
/// besides: `for_each_key` and `for_each_term` walk the tables.
#[derive(Debug, Default)]
pub struct Ngrams {
    /// Bigram keys: (unigram keys, key id, term id).
    pairs: HashTable<([Id; 2], Id, Id)>,
    /// Trigram keys: (unigram keys, key id, term id).
    triples: HashTable<([Id; 3], Id, Id)>,
    /// Bigram terms: (unigram terms, term id).
    pair_terms: HashTable<([Id; 2], Id)>,
    /// Trigram terms: (unigram terms, term id).
    triple_terms: HashTable<([Id; 3], Id)>,
    limit: IdLimit,
}

#[inline]
fn hash_pair(p: [Id; 2]) -> u64 {
    FxBuildHasher.hash_one((u64::from(p[0]) << 32) | u64::from(p[1]))
}

#[inline]
fn hash_triple(t: [Id; 3]) -> u64 {
    FxBuildHasher.hash_one(t)
}

impl Ngrams {
    pub fn new() -> Ngrams {
        Ngrams::default()
    }

    /// Tables that issue at most `limit` ids of each kind.
    pub fn with_limit(limit: IdLimit) -> Ngrams {
        Ngrams {
            limit,
            ..Ngrams::default()
        }
    }

    /// Number of keys (key ids are `0..keys()`).
    pub fn keys(&self) -> usize {
        self.pairs.len() + self.triples.len()
    }

    /// Number of terms (term ids are `0..terms()`).
    pub fn terms(&self) -> usize {
        self.pair_terms.len() + self.triple_terms.len()
    }

    /// Calls `f(key id, its global unigram keys in order, its term id)` for
    /// every key, in no particular order.
    pub fn for_each_key(&self, mut f: impl FnMut(Id, &[Id], Id)) {
        for (parts, key, term) in &self.pairs {
            f(*key, parts, *term);
        }
        for (parts, key, term) in &self.triples {
            f(*key, parts, *term);
        }
    }

    /// Calls `f(term id, its global unigram terms in order)` for every term,
    /// in no particular order.
    pub fn for_each_term(&self, mut f: impl FnMut(Id, &[Id])) {
        for (parts, term) in &self.pair_terms {
            f(*term, parts);
        }
        for (parts, term) in &self.triple_terms {
            f(*term, parts);
        }
    }

    /// The key and term of a bigram.
    #[inline]
    pub fn pair(&mut self, keys: [Id; 2], terms: [Id; 2]) -> Result<(Id, Id)> {
        let h = hash_pair(keys);
        if let Some(&(_, key, term)) = self.pairs.find(h, |e| e.0 == keys) {
            return Ok((key, term));
        }
        let th = hash_pair(terms);
        let term = match self.pair_terms.find(th, |e| e.0 == terms) {
            Some(&(_, t)) => t,
            None => {
                let t = self.limit.issue(self.terms(), "n-grams")?;
                self.pair_terms
                    .insert_unique(th, (terms, t), |e| hash_pair(e.0));
                t
            }
        };
        let key = self.limit.issue(self.keys(), "n-gram forms")?;
        self.pairs
            .insert_unique(h, (keys, key, term), |e| hash_pair(e.0));
        Ok((key, term))
    }

    /// The key and term of a trigram.
    pub fn triple(&mut self, keys: [Id; 3], terms: [Id; 3]) -> Result<(Id, Id)> {
        let h = hash_triple(keys);
        if let Some(&(_, key, term)) = self.triples.find(h, |e| e.0 == keys) {
            return Ok((key, term));
        }
        let th = hash_triple(terms);
        let term = match self.triple_terms.find(th, |e| e.0 == terms) {
            Some(&(_, t)) => t,
            None => {
                let t = self.limit.issue(self.terms(), "n-grams")?;
                self.triple_terms
                    .insert_unique(th, (terms, t), |e| hash_triple(e.0));
                t
            }
        };
        let key = self.limit.issue(self.keys(), "n-gram forms")?;
        self.triples
            .insert_unique(h, (keys, key, term), |e| hash_triple(e.0));
        Ok((key, term))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Ids handed out in first-met order by a plain map.
    #[derive(Default)]
    struct Reference {
        keys: HashMap<Vec<Id>, (Id, Id)>,
        terms: HashMap<Vec<Id>, Id>,
    }

    impl Reference {
        fn id(&mut self, keys: &[Id], terms: &[Id]) -> (Id, Id) {
            if let Some(&ids) = self.keys.get(keys) {
                return ids;
            }
            let next = self.terms.len() as Id;
            let term = *self.terms.entry(terms.to_vec()).or_insert(next);
            let key = self.keys.len() as Id;
            self.keys.insert(keys.to_vec(), (key, term));
            (key, term)
        }
    }

    fn internal(r: Result<impl std::fmt::Debug>) -> String {
        match r {
            Err(Error::Internal(m)) => m,
            other => panic!("not an internal error: {other:?}"),
        }
    }

    #[test]
    fn ids_end_below_none_at_32_bits() {
        let l = IdLimit::default();
        let last = u32::MAX as usize - 1;
        assert_eq!(l.issue(last, "terms").unwrap(), u32::MAX - 1);
        let m = internal(l.issue(last + 1, "terms"));
        assert_eq!(
            m,
            "more than 4294967295 distinct terms: framelens numbers them with 32-bit ids"
        );
        internal(l.issue(1 << 32, "terms"));
        internal(l.issue(usize::MAX, "terms"));
        assert_eq!(IdLimit::new(usize::MAX), l);
        assert_eq!(id_count(u32::MAX as usize, "terms").unwrap(), u32::MAX);
        internal(id_count(1 << 32, "terms"));
    }

    #[test]
    fn a_full_unigram_table_is_an_error_not_a_wrap() {
        // Three ids of each kind.
        let mut u = Unigrams::with_limit(IdLimit::new(3));
        let (en, fr, es, de) = (
            u.language("en"),
            u.language("fr"),
            u.language("es"),
            u.language("de"),
        );
        // "a", its own stem in English: string 0, term 0, key 0.
        assert_eq!(u.add(en, "a", "a").unwrap(), (0, 0));
        // The same form with another stem: a new string, term and key.
        assert_eq!(u.add(fr, "a", "b").unwrap(), (1, 1));
        // The same form and stem in another language: the same key.
        assert_eq!(u.add(es, "a", "b").unwrap(), (1, 1));
        // The stem "b" as a form: no new string, a third key.
        assert_eq!(u.add(fr, "b", "b").unwrap(), (2, 1));
        // Known words are still found, and added again without a new id.
        assert_eq!(u.known(fr, "b"), Some((2, 1)));
        assert_eq!(u.add(en, "a", "a").unwrap(), (0, 0));
        // A fourth key (the form "b" with the stem "a": no new string).
        let m = internal(u.add(de, "b", "a"));
        assert!(m.starts_with("more than 3 distinct words:"), "{m}");
        assert_eq!((u.strings().len(), u.terms(), u.keys()), (2, 2, 3));
        assert_eq!(u.known(de, "b"), None);

        // A third string ("y") is one too many.
        let mut u = Unigrams::with_limit(IdLimit::new(2));
        let en = u.language("en");
        assert_eq!(u.add(en, "xs", "x").unwrap(), (0, 0));
        let m = internal(u.add(en, "y", "y"));
        assert!(
            m.starts_with("more than 2 distinct words and stems:"),
            "{m}"
        );
        assert_eq!(u.strings().len(), 2);
    }

    #[test]
    fn full_ngram_tables_are_an_error_not_a_wrap() {
        let mut g = Ngrams::with_limit(IdLimit::new(2));
        assert_eq!(g.pair([0, 1], [0, 1]).unwrap(), (0, 0));
        assert_eq!(g.triple([0, 1, 2], [0, 1, 2]).unwrap(), (1, 1));
        // Known keys are still found.
        assert_eq!(g.pair([0, 1], [0, 1]).unwrap(), (0, 0));
        // A third term.
        let m = internal(g.pair([1, 2], [1, 2]));
        assert!(m.starts_with("more than 2 distinct n-grams:"), "{m}");
        // A new key of a known term: a third key.
        let m = internal(g.triple([0, 1, 3], [0, 1, 2]));
        assert!(m.starts_with("more than 2 distinct n-gram forms:"), "{m}");
        assert_eq!((g.keys(), g.terms()), (2, 2));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn ngram_tables_equal_a_map(
            grams in proptest::collection::vec(proptest::collection::vec(0u32..6, 2..=3), 0..300)
        ) {
            // A unigram key's term is a function of the key, as in `Unigrams`.
            let term_of = |k: Id| k / 2;
            let (mut fast, mut slow) = (Ngrams::new(), Reference::default());
            for keys in &grams {
                let terms: Vec<Id> = keys.iter().map(|&k| term_of(k)).collect();
                let got = match (keys.as_slice(), terms.as_slice()) {
                    (&[a, b], &[s, t]) => fast.pair([a, b], [s, t]),
                    (&[a, b, c], &[s, t, u]) => fast.triple([a, b, c], [s, t, u]),
                    _ => unreachable!(),
                };
                prop_assert_eq!(got.unwrap(), slow.id(keys, &terms));
            }
            prop_assert_eq!((fast.keys(), fast.terms()), (slow.keys.len(), slow.terms.len()));
            let mut keys = HashMap::new();
            fast.for_each_key(|k, parts, t| {
                keys.insert(parts.to_vec(), (k, t));
            });
            prop_assert_eq!(keys, slow.keys);
            let mut terms = HashMap::new();
            fast.for_each_term(|t, parts| {
                terms.insert(parts.to_vec(), t);
            });
            prop_assert_eq!(terms, slow.terms);
        }
    }
}
