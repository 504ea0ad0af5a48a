//! The counting fast path: the same terms as `Analyzer::analyze` followed by
//! `for_each_term`, as integer ids, with no allocation per token.
//!
//! - `Unigrams` is one table for all threads (behind a mutex, `SharedUnigrams`):
//!   every distinct normalized form and stem is stored once, in one buffer
//!   (`Strings`), and gets a global id. A **key** is a (surface form, term)
//!   pair: a unigram's normalized form with its stem; a **term** is a stem.
//!   Counting by key keeps the surface forms (display forms) for free: a
//!   term's count is the sum of its keys' counts. Each normalized form is
//!   stemmed once per language in all, whichever thread meets it first.
//! - Each thread keeps a `RawCache` in front of it: raw word (the exact bytes
//!   of the text) → `Word`, so a token costs one lookup in the thread's own
//!   map, and the shared table is only locked for a word new to the thread.
//!   A small direct-mapped table in front of that map, which fits in the
//!   core's own cache, answers for the frequent words.
//! - N-grams are interned per thread (`Ngrams`): an n-gram key is a tuple of
//!   global unigram keys, an n-gram term a tuple of global unigram terms, with
//!   ids local to the thread. Bigrams and trigrams have tables of their own
//!   (hash tables whose entries hold the tuple and its ids, a key's term id
//!   included), so a known key costs one probe; the term table is only probed
//!   for a new key.
//! - Sentence boundaries are only computed when they can change the result:
//!   with n-grams (which do not cross sentences), or when the text holds
//!   characters for which a sentence boundary could fall inside a word
//!   (`segment::sentences_cannot_split_words`).
//!
//! Invariant (tested in `tests.rs` and by `framelens tokens`/`tfidf` outputs on
//! whole corpora): `scan` reports the same terms in the same order as
//! `for_each_term(analyze(text))`, and the same word count. Global ids depend
//! on which thread meets a word first; nothing that reaches the output does
//! (`count::ranked` ranks terms by their text).

use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard};

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::{normalize_word, segment, strip_possessive, url_spans, Analyzer};

/// An id: of a unigram key, term or string in `Unigrams` (global), or of an
/// n-gram key or term in `Ngrams` (one thread's).
pub type Id = u32;

/// "Not an id": pads n-gram tuples, marks empty slots.
const NONE: Id = Id::MAX;

/// What a raw word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    /// No letter: not a word (a number, a footnote marker).
    NotWord,
    /// A stopword: counted in WC only.
    Stop,
    /// A counted word: its unigram key and term (global ids).
    Key { key: Id, term: Id },
}

/// A counted term occurrence, as `scan` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A unigram: global key and term ids (`Unigrams`).
    Uni { key: Id, term: Id },
    /// An n-gram: key and term ids of the thread's `Ngrams`.
    Ngram { key: Id, term: Id },
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

    fn push(&mut self, s: &str) -> Id {
        self.bytes.push_str(s);
        self.ends.push(self.bytes.len());
        (self.ends.len() - 1) as Id
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
}

impl Unigrams {
    pub fn new() -> Unigrams {
        Unigrams::default()
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

    fn intern(&mut self, s: &str) -> Id {
        let h = hash(s);
        let strings = &self.strings;
        if let Some(&i) = self.index.find(h, |&i| strings.get(i) == s) {
            return i;
        }
        let i = self.strings.push(s);
        let strings = &self.strings;
        self.index.insert_unique(h, i, |&j| hash(strings.get(j)));
        self.term_of.push(NONE);
        i
    }

    /// The word of `norm` (normalized, possessive stripped, no stopword) in
    /// language `lang`, if some thread has already stemmed it.
    fn known(&self, lang: usize, norm: &str) -> Option<Word> {
        let s = self.find(norm)?;
        let key = *self.by_language.get(lang)?.get(s as usize)?;
        if key == NONE {
            return None;
        }
        let (_, term) = self.key(key);
        Some(Word::Key { key, term })
    }

    /// Adds `norm` with its stem in language `lang` (or finds it, when another
    /// thread added it meanwhile).
    fn add(&mut self, lang: usize, norm: &str, stem: &str) -> Word {
        let form = self.intern(norm);
        let known = self
            .by_language
            .get(lang)
            .and_then(|l| l.get(form as usize));
        if let Some(&key) = known.filter(|&&k| k != NONE) {
            let (_, term) = self.key(key);
            return Word::Key { key, term };
        }
        let st = self.intern(stem);
        let term = match self.term_of[st as usize] {
            NONE => {
                let t = self.terms.len() as Id;
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
                self.keys.push((form, term));
                (self.keys.len() - 1) as Id
            }
        };
        if let Some(l) = self.by_language.get_mut(lang) {
            if l.len() <= form as usize {
                l.resize(form as usize + 1, NONE);
            }
            l[form as usize] = key;
        }
        Word::Key { key, term }
    }
}

/// `Unigrams` shared by the worker threads.
#[derive(Debug, Default)]
pub struct SharedUnigrams(Mutex<Unigrams>);

impl SharedUnigrams {
    pub fn new() -> SharedUnigrams {
        SharedUnigrams::default()
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
    fn pair(&mut self, keys: [Id; 2], terms: [Id; 2]) -> (Id, Id) {
        let h = hash_pair(keys);
        if let Some(&(_, key, term)) = self.pairs.find(h, |e| e.0 == keys) {
            return (key, term);
        }
        let th = hash_pair(terms);
        let next = self.terms() as Id;
        let term = match self.pair_terms.find(th, |e| e.0 == terms) {
            Some(&(_, t)) => t,
            None => {
                self.pair_terms
                    .insert_unique(th, (terms, next), |e| hash_pair(e.0));
                next
            }
        };
        let key = self.keys() as Id;
        self.pairs
            .insert_unique(h, (keys, key, term), |e| hash_pair(e.0));
        (key, term)
    }

    /// The key and term of a trigram.
    fn triple(&mut self, keys: [Id; 3], terms: [Id; 3]) -> (Id, Id) {
        let h = hash_triple(keys);
        if let Some(&(_, key, term)) = self.triples.find(h, |e| e.0 == keys) {
            return (key, term);
        }
        let th = hash_triple(terms);
        let next = self.terms() as Id;
        let term = match self.triple_terms.find(th, |e| e.0 == terms) {
            Some(&(_, t)) => t,
            None => {
                self.triple_terms
                    .insert_unique(th, (terms, next), |e| hash_triple(e.0));
                next
            }
        };
        let key = self.keys() as Id;
        self.triples
            .insert_unique(h, (keys, key, term), |e| hash_triple(e.0));
        (key, term)
    }
}

/// Raw word → `Word`, for one thread and one language (an index of
/// `Unigrams::language`). Words of up to 15 bytes (nearly all) are keyed by
/// their bytes packed in two `u64` with the length in the last byte: no
/// allocation, no `memcmp`; with the `Word` packed in a `u64`, an entry is 24
/// bytes.
///
/// In front of the map of short words sits a small direct-mapped table
/// (`FRONT` slots of 24 bytes, a few hundred KB: it stays in the core's own
/// cache), where the frequent words are found without touching the map, whose
/// entries are spread over megabytes.
#[derive(Debug, Default)]
pub struct RawCache {
    lang: usize,
    front: Vec<([u64; 2], u64)>,
    short: FxHashMap<[u64; 2], u64>,
    long: FxHashMap<Box<str>, u64>,
}

/// Slots of `RawCache::front` (a power of two).
const FRONT: usize = 1 << 14;

/// The front slot of a packed short word.
#[inline]
fn front_slot(k: [u64; 2]) -> usize {
    let h = (k[0] ^ k[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - FRONT.trailing_zeros())) as usize
}

const NOT_WORD: u64 = u64::MAX;
const STOP: u64 = u64::MAX - 1;

/// A `Word` as a `u64`: the term id in the high half, the key id in the low
/// half (neither is `NONE`), or one of two codes that no such pair takes.
#[inline]
fn encode(w: Word) -> u64 {
    match w {
        Word::NotWord => NOT_WORD,
        Word::Stop => STOP,
        Word::Key { key, term } => (u64::from(term) << 32) | u64::from(key),
    }
}

#[inline]
fn decode(v: u64) -> Word {
    match v {
        NOT_WORD => Word::NotWord,
        STOP => Word::Stop,
        v => Word::Key {
            key: v as u32,
            term: (v >> 32) as u32,
        },
    }
}

#[inline]
fn split(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}

#[inline]
fn pack(raw: &str) -> Option<[u64; 2]> {
    let b = raw.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(split(u128::from_le_bytes(buf)))
}

/// `pack(&text[s..e])`, with one 16-byte load when the text goes on that far.
#[inline]
fn pack_at(text: &str, s: usize, e: usize) -> Option<[u64; 2]> {
    let len = e - s;
    if len > 15 {
        return None;
    }
    match text.as_bytes().get(s..s + 16) {
        Some(w) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(w);
            let v = u128::from_le_bytes(buf);
            let mask = (1u128 << (8 * len)) - 1;
            Some(split((v & mask) | ((len as u128) << 120)))
        }
        None => pack(&text[s..e]),
    }
}

impl RawCache {
    /// An empty cache for language number `lang` of the shared table.
    pub fn new(lang: usize) -> RawCache {
        RawCache {
            lang,
            // [0, 0] packs no word (every raw word has a length): an empty slot.
            front: vec![([0, 0], 0); FRONT],
            ..RawCache::default()
        }
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Analyzer {
    /// What the raw word `raw` is: exactly the steps of `analyze` (normalize,
    /// letter check, stopword, possessive, stem), computed once per distinct raw
    /// word and thread, and stemmed once per distinct normalized form in all.
    #[inline]
    pub fn classify(&self, raw: &str, cache: &mut RawCache, shared: &SharedUnigrams) -> Word {
        self.classify_packed(raw, pack(raw), cache, shared)
    }

    #[inline]
    fn classify_packed(
        &self,
        raw: &str,
        packed: Option<[u64; 2]>,
        cache: &mut RawCache,
        shared: &SharedUnigrams,
    ) -> Word {
        let lang = cache.lang;
        match packed {
            Some(k) => {
                let slot = front_slot(k);
                if let Some(&(f, v)) = cache.front.get(slot) {
                    if f == k {
                        return decode(v);
                    }
                }
                let v = *cache
                    .short
                    .entry(k)
                    .or_insert_with(|| encode(self.classify_uncached(raw, lang, shared)));
                if let Some(e) = cache.front.get_mut(slot) {
                    *e = (k, v);
                }
                decode(v)
            }
            None => {
                if let Some(&w) = cache.long.get(raw) {
                    return decode(w);
                }
                let w = self.classify_uncached(raw, lang, shared);
                cache.long.insert(raw.into(), encode(w));
                w
            }
        }
    }

    fn classify_uncached(&self, raw: &str, lang: usize, shared: &SharedUnigrams) -> Word {
        let norm = normalize_word(raw);
        if !norm.chars().any(char::is_alphabetic) {
            return Word::NotWord;
        }
        let whole_is_stop = self.stopwords.contains(&norm);
        let norm = if whole_is_stop {
            norm
        } else {
            strip_possessive(norm)
        };
        if whole_is_stop || self.stopwords.contains(&norm) {
            return Word::Stop;
        }
        if let Some(w) = shared.lock().known(lang, &norm) {
            return w;
        }
        // Stemmed outside the lock; `add` keeps the first thread's entry if two
        // threads stem the same word at once (same stem either way).
        let stem = self.stem(&norm);
        shared.lock().add(lang, &norm, &stem)
    }

    /// Scans `text` (boilerplate already blanked): calls `f` for every counted
    /// term in text order — each non-stopword word, and with `ngrams` ≥ 2 every
    /// run of 2..=ngrams adjacent non-stopword words of one sentence — and
    /// returns the word count WC (stopwords included).
    pub fn scan(
        &self,
        text: &str,
        cache: &mut RawCache,
        shared: &SharedUnigrams,
        ngrams: &mut Ngrams,
        mut f: impl FnMut(Hit),
    ) -> u64 {
        let excluded = url_spans(text);
        let n = self.config.ngrams as usize;
        let mut wc = 0u64;
        // The last n-1 counted keys (and their terms) of the current sentence.
        let mut keys = [NONE; 3];
        let mut terms = [NONE; 3];
        let mut len = 0usize;
        let mut on_word = |s: usize, e: usize, len: &mut usize| {
            if !excluded.is_empty() && excluded.iter().any(|r| r.start < e && s < r.end) {
                return;
            }
            match self.classify_packed(&text[s..e], pack_at(text, s, e), cache, shared) {
                Word::NotWord => {}
                Word::Stop => wc += 1,
                Word::Key { key, term } => {
                    wc += 1;
                    f(Hit::Uni { key, term });
                    if n < 2 {
                        return;
                    }
                    if *len == n {
                        keys.copy_within(1..n, 0);
                        terms.copy_within(1..n, 0);
                        *len -= 1;
                    }
                    keys[*len] = key;
                    terms[*len] = term;
                    *len += 1;
                    if *len >= 2 {
                        let (a, b) = (*len - 2, *len - 1);
                        let (key, term) = ngrams.pair([keys[a], keys[b]], [terms[a], terms[b]]);
                        f(Hit::Ngram { key, term });
                    }
                    if *len == 3 {
                        let (key, term) = ngrams.triple(keys, terms);
                        f(Hit::Ngram { key, term });
                    }
                }
            }
        };
        if n < 2 && segment::sentences_cannot_split_words(text) {
            self.word_spans(text, 0, &mut |s, e| on_word(s, e, &mut len));
        } else {
            for (off, sentence) in segment::sentence_bound_indices(text) {
                len = 0;
                self.word_spans(sentence, off, &mut |s, e| on_word(s, e, &mut len));
            }
        }
        wc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::AnalyzerConfig;
    use proptest::prelude::*;
    use std::collections::HashMap;

    type Terms = Vec<(String, String)>;

    /// (terms with their surface forms, WC) the slow way and the fast way.
    fn both(an: &Analyzer, text: &str) -> (Terms, u64, Terms, u64) {
        let a = an.analyze(text);
        let mut slow = Vec::new();
        an.for_each_term(&a, |t, s| slow.push((t.to_string(), s.to_string())));
        let shared = SharedUnigrams::new();
        let mut cache = RawCache::new(shared.lock().language(an.language()));
        let mut ngrams = Ngrams::new();
        let mut hits = Vec::new();
        let wc = an.scan(text, &mut cache, &shared, &mut ngrams, |h| hits.push(h));
        let u = shared.into_inner();
        let mut keys = vec![(Vec::new(), NONE); ngrams.keys()];
        ngrams.for_each_key(|k, parts, t| keys[k as usize] = (parts.to_vec(), t));
        let mut terms = vec![Vec::new(); ngrams.terms()];
        ngrams.for_each_term(|t, parts| terms[t as usize] = parts.to_vec());
        let join = |parts: &[Id], text: &dyn Fn(Id) -> String| {
            parts.iter().map(|&p| text(p)).collect::<Vec<_>>().join(" ")
        };
        let fast = hits
            .iter()
            .map(|&h| match h {
                Hit::Uni { key, term } => {
                    assert_eq!(u.key(key).1, term);
                    (u.term_text(term).to_string(), u.key_text(key).to_string())
                }
                Hit::Ngram { key, term } => {
                    assert_eq!(keys[key as usize].1, term);
                    (
                        join(&terms[term as usize], &|t| u.term_text(t).to_string()),
                        join(&keys[key as usize].0, &|k| u.key_text(k).to_string()),
                    )
                }
            })
            .collect();
        (slow, a.wc() as u64, fast, wc)
    }

    fn analyzers() -> Vec<Analyzer> {
        (1..=3)
            .flat_map(|n| {
                [false, true].map(|split| {
                    Analyzer::new(
                        "en",
                        &AnalyzerConfig {
                            ngrams: n,
                            split_hyphens: split,
                            ..AnalyzerConfig::default()
                        },
                    )
                    .unwrap()
                })
            })
            .collect()
    }

    #[test]
    fn fast_path_equals_analyze_on_tricky_text() {
        let texts = [
            "The protesters’ “vandals” — so-called right-wing Boluarte’s regime. U.S. e.g. 3.5 a:b",
            "Visit https://example.com or mail a@b.org now. Café naïve São Paulo. Zürich!",
            "שלום.world a.ב 1։2 x\u{0589}y ب.A — end",
            "human-rights co-op -- x- -y \u{2010}z a\u{2011}b\r\nNew line. Next? Yes!",
        ];
        for an in analyzers() {
            for t in texts {
                let (s, swc, f, fwc) = both(&an, t);
                assert_eq!(s, f, "{t:?} {:?}", an.config());
                assert_eq!(swc, fwc);
            }
        }
    }

    #[test]
    fn front_slots_that_collide_keep_every_word_apart() {
        let an = &analyzers()[0];
        let shared = SharedUnigrams::new();
        let lang = shared.lock().language(an.language());
        let mut cache = RawCache::new(lang);
        // Three times as many words as front slots: slots are shared and
        // overwritten, and each word must still get its own ids.
        let words: Vec<String> = (0..3 * FRONT).map(|i| format!("w{i}x")).collect();
        let first: Vec<Word> = words
            .iter()
            .map(|w| an.classify(w, &mut cache, &shared))
            .collect();
        let keys: std::collections::HashSet<Word> = first.iter().copied().collect();
        assert_eq!(keys.len(), words.len());
        let collided = words
            .iter()
            .filter(|w| pack(w).map(front_slot) == pack(&words[0]).map(front_slot))
            .count();
        assert!(collided > 1, "no two test words share a slot");
        for (w, &before) in words.iter().zip(&first).rev() {
            assert_eq!(an.classify(w, &mut cache, &shared), before, "{w}");
        }
        assert_eq!(cache.len(), words.len());
        let u = shared.into_inner();
        for (w, &word) in words.iter().zip(&first) {
            let Word::Key { key, .. } = word else {
                panic!("{w} is a word");
            };
            assert_eq!(u.key_text(key), w);
        }
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "the",
                    "The",
                    "coup",
                    "Coup",
                    "protesters",
                    "Boluarte’s",
                    "regime's",
                    "right",
                    "wing",
                    "of",
                    "café",
                    "São",
                    "שלום",
                    "ب",
                    "3",
                    "3.5",
                    "U.S.",
                    "e.g",
                    "a",
                    "Ä",
                    "ǀ",
                    "£5",
                    "°C",
                    "的",
                    "😀",
                ]),
                prop::sample::select(vec![
                    " ",
                    " ",
                    " ",
                    ". ",
                    ".",
                    "! ",
                    "? ",
                    "-",
                    "\u{2010}",
                    " — ",
                    ", ",
                    "“",
                    "”",
                    "’",
                    "\n",
                    "\r\n",
                    "\n\n",
                    ":",
                    "'",
                    "\u{0301}",
                    "\u{00A0}",
                    "a@b.c",
                    "http://x.y",
                    "。",
                    "，",
                    "？",
                    "©",
                ]),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

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
                prop_assert_eq!(got, slow.id(keys, &terms));
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

        #[test]
        fn fast_path_equals_analyze(t in text()) {
            for an in analyzers() {
                let (s, swc, f, fwc) = both(&an, &t);
                prop_assert_eq!(&s, &f, "{:?} {:?}", t, an.config());
                prop_assert_eq!(swc, fwc);
            }
        }
    }
}
