//! The counting fast path: the same terms as `Analyzer::analyze` followed by
//! `for_each_term`, as integer ids, with no allocation per token.
//!
//! - Every distinct raw word (the exact bytes of the text) is normalized,
//!   checked against the stopwords and stemmed once per `RawCache`; after that a
//!   token costs one hash lookup.
//! - `Vocab` interns what is counted: a **key** is a (surface form, term) pair —
//!   a unigram's normalized form with its stem, or an n-gram of unigram keys — and
//!   a **term** is a stem or an n-gram of stems. Counting by key keeps the
//!   surface forms (display forms) for free: a term's count is the sum of its
//!   keys' counts.
//! - Sentence boundaries are only computed when they can change the result:
//!   with n-grams (which do not cross sentences), or when the text holds
//!   characters for which a sentence boundary could fall inside a word
//!   (`segment::sentences_cannot_split_words`).
//!
//! Invariant (tested in `tests.rs` and by `framelens tokens`/`tfidf` outputs on
//! whole corpora): `scan` reports the same terms in the same order as
//! `for_each_term(analyze(text))`, and the same word count.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use super::{normalize_word, segment, strip_possessive, url_spans, Analyzer};

/// An id in `Vocab`.
pub type Id = u32;

/// "Not an id": pads n-gram tuples.
const NONE: Id = Id::MAX;

/// What a raw word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// No letter: not a word (a number, a footnote marker).
    NotWord,
    /// A stopword: counted in WC only.
    Stop,
    /// A counted word: its unigram key and term.
    Key { key: Id, term: Id },
}

/// Strings and n-grams ↔ ids, for one thread. Ids are dense from 0.
#[derive(Debug, Default)]
pub struct Vocab {
    /// Key id → (surface, term id).
    keys: Vec<(Surface, Id)>,
    /// Term id → its text.
    terms: Vec<Surface>,
    /// Unigram surface form → (its term, its key id).
    unigram_keys: FxHashMap<Box<str>, (Id, Id)>,
    /// Keys of a surface form already in `unigram_keys` with another term.
    other_keys: FxHashMap<(Box<str>, Id), Id>,
    ngram_keys: FxHashMap<[Id; 3], Id>,
    unigram_terms: FxHashMap<Box<str>, Id>,
    ngram_terms: FxHashMap<[Id; 3], Id>,
}

/// A unigram's string, or an n-gram as a tuple of unigram ids (padded with `NONE`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Surface {
    Uni(Box<str>),
    Ngram([Id; 3]),
}

/// A term or key seen from outside `Vocab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts<'a> {
    /// A unigram: its text.
    Uni(&'a str),
    /// An n-gram: the ids of its unigrams (2 or 3), in order.
    Ngram(&'a [Id]),
}

impl<'a> Parts<'a> {
    fn of(s: &'a Surface) -> Parts<'a> {
        match s {
            Surface::Uni(t) => Parts::Uni(t),
            Surface::Ngram(p) => {
                let n = p.iter().take_while(|&&x| x != NONE).count();
                Parts::Ngram(&p[..n])
            }
        }
    }
}

impl Vocab {
    pub fn new() -> Vocab {
        Vocab::default()
    }

    /// Number of keys (key ids are `0..keys()`).
    pub fn keys(&self) -> usize {
        self.keys.len()
    }

    /// Number of terms (term ids are `0..terms()`).
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// The term of a key.
    #[inline]
    pub fn key_term(&self, key: Id) -> Id {
        self.keys[key as usize].1
    }

    fn unigram_term(&mut self, stem: String) -> Id {
        if let Some(&id) = self.unigram_terms.get(stem.as_str()) {
            return id;
        }
        let id = self.terms.len() as Id;
        let stem = stem.into_boxed_str();
        self.terms.push(Surface::Uni(stem.clone()));
        self.unigram_terms.insert(stem, id);
        id
    }

    fn unigram_key(&mut self, norm: String, term: Id) -> Id {
        // Nearly always one term per surface form; a second one (the same
        // form stemmed by two languages) goes to `other_keys`.
        let known = match self.unigram_keys.get(norm.as_str()) {
            Some(&(t, key)) if t == term => return key,
            Some(_) => true,
            None => false,
        };
        let norm = norm.into_boxed_str();
        if known {
            if let Some(&key) = self.other_keys.get(&(norm.clone(), term)) {
                return key;
            }
        }
        let id = self.keys.len() as Id;
        self.keys.push((Surface::Uni(norm.clone()), term));
        if known {
            self.other_keys.insert((norm, term), id);
        } else {
            self.unigram_keys.insert(norm, (term, id));
        }
        id
    }

    /// The key of an n-gram of unigram keys (2 or 3 of them).
    #[inline]
    fn ngram_key(&mut self, parts: &[Id]) -> Id {
        let mut t = [NONE; 3];
        t[..parts.len()].copy_from_slice(parts);
        if let Some(&id) = self.ngram_keys.get(&t) {
            return id;
        }
        let mut terms = [NONE; 3];
        for (i, &k) in parts.iter().enumerate() {
            terms[i] = self.keys[k as usize].1;
        }
        let term = match self.ngram_terms.get(&terms) {
            Some(&id) => id,
            None => {
                let id = self.terms.len() as Id;
                self.terms.push(Surface::Ngram(terms));
                self.ngram_terms.insert(terms, id);
                id
            }
        };
        let id = self.keys.len() as Id;
        self.keys.push((Surface::Ngram(t), term));
        self.ngram_keys.insert(t, id);
        id
    }

    /// The surface form of a key (borrowed for a unigram).
    pub fn key_text(&self, key: Id) -> Cow<'_, str> {
        match &self.keys[key as usize].0 {
            Surface::Uni(s) => Cow::Borrowed(s),
            Surface::Ngram(_) => {
                let mut s = String::new();
                self.write_key(key, &mut s);
                Cow::Owned(s)
            }
        }
    }

    /// The text of a term (borrowed for a unigram).
    pub fn term_text(&self, term: Id) -> Cow<'_, str> {
        match &self.terms[term as usize] {
            Surface::Uni(s) => Cow::Borrowed(s),
            Surface::Ngram(_) => {
                let mut s = String::new();
                self.write_term(term, &mut s);
                Cow::Owned(s)
            }
        }
    }

    /// Writes the surface form of a key (n-gram parts joined by a space).
    pub fn write_key(&self, key: Id, out: &mut String) {
        match &self.keys[key as usize].0 {
            Surface::Uni(s) => out.push_str(s),
            Surface::Ngram(parts) => self.join(parts, out, |v, k, o| v.write_key(k, o)),
        }
    }

    /// Writes the text of a term (n-gram parts joined by a space).
    pub fn write_term(&self, term: Id, out: &mut String) {
        match &self.terms[term as usize] {
            Surface::Uni(s) => out.push_str(s),
            Surface::Ngram(parts) => self.join(parts, out, |v, t, o| v.write_term(t, o)),
        }
    }

    /// What a term is made of: a unigram's text, or an n-gram's unigram term ids.
    pub fn term_parts(&self, term: Id) -> Parts<'_> {
        Parts::of(&self.terms[term as usize])
    }

    /// What a key is made of: a unigram's surface form, or an n-gram's unigram key ids.
    pub fn key_parts(&self, key: Id) -> Parts<'_> {
        Parts::of(&self.keys[key as usize].0)
    }

    fn join(&self, parts: &[Id; 3], out: &mut String, write: impl Fn(&Vocab, Id, &mut String)) {
        for (i, &p) in parts.iter().take_while(|&&p| p != NONE).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            write(self, p, out);
        }
    }
}

/// Raw word → `Word`, for one analyzer (one language and configuration) and one
/// `Vocab`. Words of up to 15 bytes (nearly all) are keyed by their bytes packed
/// in a `u128` with the length in the last byte: no allocation, no `memcmp`.
#[derive(Debug, Default)]
pub struct RawCache {
    short: FxHashMap<u128, Word>,
    long: FxHashMap<Box<str>, Word>,
}

#[inline]
fn pack(raw: &str) -> Option<u128> {
    let b = raw.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// `pack(&text[s..e])`, with one 16-byte load when the text goes on that far.
#[inline]
fn pack_at(text: &str, s: usize, e: usize) -> Option<u128> {
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
            Some((v & mask) | ((len as u128) << 120))
        }
        None => pack(&text[s..e]),
    }
}

impl RawCache {
    pub fn new() -> RawCache {
        RawCache::default()
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
    /// letter check, stopword, possessive, stem), computed once per distinct raw word.
    #[inline]
    pub fn classify(&self, raw: &str, cache: &mut RawCache, vocab: &mut Vocab) -> Word {
        self.classify_packed(raw, pack(raw), cache, vocab)
    }

    #[inline]
    fn classify_packed(
        &self,
        raw: &str,
        packed: Option<u128>,
        cache: &mut RawCache,
        vocab: &mut Vocab,
    ) -> Word {
        match packed {
            Some(k) => *cache
                .short
                .entry(k)
                .or_insert_with(|| self.classify_uncached(raw, vocab)),
            None => {
                if let Some(&w) = cache.long.get(raw) {
                    return w;
                }
                let w = self.classify_uncached(raw, vocab);
                cache.long.insert(raw.into(), w);
                w
            }
        }
    }

    fn classify_uncached(&self, raw: &str, vocab: &mut Vocab) -> Word {
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
        let term = vocab.unigram_term(self.stem(&norm));
        Word::Key {
            key: vocab.unigram_key(norm, term),
            term,
        }
    }

    /// Scans `text` (boilerplate already blanked): calls `f(key)` for every
    /// counted term in text order — each non-stopword word, and with `ngrams` ≥ 2
    /// every run of 2..=ngrams adjacent non-stopword words of one sentence — and
    /// returns the word count WC (stopwords included).
    pub fn scan(
        &self,
        text: &str,
        cache: &mut RawCache,
        vocab: &mut Vocab,
        mut f: impl FnMut(Id),
    ) -> u64 {
        let excluded = url_spans(text);
        let n = self.config.ngrams as usize;
        let mut wc = 0u64;
        // The last n-1 counted keys of the current sentence (n-gram window).
        let mut window = [NONE; 3];
        let mut len = 0usize;
        let mut on_word = |s: usize, e: usize, vocab: &mut Vocab, len: &mut usize| {
            if !excluded.is_empty() && excluded.iter().any(|r| r.start < e && s < r.end) {
                return;
            }
            match self.classify_packed(&text[s..e], pack_at(text, s, e), cache, vocab) {
                Word::NotWord => {}
                Word::Stop => wc += 1,
                Word::Key { key, .. } => {
                    wc += 1;
                    f(key);
                    if n < 2 {
                        return;
                    }
                    if *len == n {
                        window.copy_within(1..n, 0);
                        *len -= 1;
                    }
                    window[*len] = key;
                    *len += 1;
                    for k in 2..=*len {
                        f(vocab.ngram_key(&window[*len - k..*len]));
                    }
                }
            }
        };
        if n < 2 && segment::sentences_cannot_split_words(text) {
            self.word_spans(text, 0, &mut |s, e| on_word(s, e, vocab, &mut len));
        } else {
            for (off, sentence) in text.split_sentence_bound_indices() {
                len = 0;
                self.word_spans(sentence, off, &mut |s, e| on_word(s, e, vocab, &mut len));
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

    type Terms = Vec<(String, String)>;

    /// (terms with their surface forms, WC) the slow way and the fast way.
    fn both(an: &Analyzer, text: &str) -> (Terms, u64, Terms, u64) {
        let a = an.analyze(text);
        let mut slow = Vec::new();
        an.for_each_term(&a, |t, s| slow.push((t.to_string(), s.to_string())));
        let (mut cache, mut vocab) = (RawCache::new(), Vocab::new());
        let mut keys = Vec::new();
        let wc = an.scan(text, &mut cache, &mut vocab, |k| keys.push(k));
        let fast = keys
            .iter()
            .map(|&k| {
                (
                    vocab.term_text(vocab.key_term(k)).into_owned(),
                    vocab.key_text(k).into_owned(),
                )
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
                ]),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
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
