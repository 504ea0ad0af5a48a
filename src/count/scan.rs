//! The counting scan: the terms of a text as integer ids, with no allocation
//! per token. It drives the analyzer's own pieces — the word loop
//! (`Analyzer::for_each_span`), the word rules (`Analyzer::word`, `stem`) and
//! the n-gram `Window` — and interns what they give (`intern`), so it counts
//! exactly the terms of `Analyzer::analyze` followed by `for_each_term`.
//!
//! - Each thread keeps a `RawCache` in front of the word rules and the shared
//!   `Unigrams`: raw word (the exact bytes of the text) → `Word`, so a token
//!   costs one lookup in the thread's own map, and the shared table is only
//!   locked for a word new to the thread. A small direct-mapped table in front
//!   of that map, which fits in the core's own cache, answers for the
//!   frequent words.
//! - Sentence boundaries are only computed when they can change the result:
//!   with n-grams (which do not cross sentences), or when the text holds
//!   characters for which a sentence boundary could fall inside a word
//!   (`segment::sentences_cannot_split_words`).
//!
//! Invariant (tested below, in `ranked.rs`, and by `framelens tokens`/`tfidf`
//! outputs on whole corpora): `scan` reports the same terms in the same order
//! as `for_each_term(analyze(text))`, and the same word count. Global ids
//! depend on which thread meets a word first; nothing that reaches the output
//! does (`count::ranked` ranks terms by their text).

use rustc_hash::FxHashMap;

use super::intern::{Id, Ngrams, SharedUnigrams};
use crate::analyze::{Analyzer, Span, Window};
use crate::error::{Error, Result};

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
/// half (neither is `NONE`, which no table issues), or one of two codes that
/// no such pair takes.
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
        // The two halves of the code.
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

    /// What the raw word `raw` is, by the analyzer's word rules: computed
    /// once per distinct raw word and thread, and stemmed once per distinct
    /// normalized form in all (`shared`).
    #[inline]
    pub fn classify(&mut self, an: &Analyzer, raw: &str, shared: &SharedUnigrams) -> Result<Word> {
        self.classify_packed(an, raw, pack(raw), shared)
    }

    #[inline]
    fn classify_packed(
        &mut self,
        an: &Analyzer,
        raw: &str,
        packed: Option<[u64; 2]>,
        shared: &SharedUnigrams,
    ) -> Result<Word> {
        match packed {
            Some(k) => {
                let slot = front_slot(k);
                if let Some(&(f, v)) = self.front.get(slot) {
                    if f == k {
                        return Ok(decode(v));
                    }
                }
                let v = match self.short.get(&k) {
                    Some(&v) => v,
                    None => {
                        let v = encode(classify_uncached(an, raw, self.lang, shared)?);
                        self.short.insert(k, v);
                        v
                    }
                };
                if let Some(e) = self.front.get_mut(slot) {
                    *e = (k, v);
                }
                Ok(decode(v))
            }
            None => {
                if let Some(&w) = self.long.get(raw) {
                    return Ok(decode(w));
                }
                let w = classify_uncached(an, raw, self.lang, shared)?;
                self.long.insert(raw.into(), encode(w));
                Ok(w)
            }
        }
    }
}

/// The word rules (`Analyzer::word`), then the shared table: the ids of a
/// counted word, stemmed only when no thread has stemmed its form before.
#[cold]
fn classify_uncached(
    an: &Analyzer,
    raw: &str,
    lang: usize,
    shared: &SharedUnigrams,
) -> Result<Word> {
    let Some(form) = an.word(raw) else {
        return Ok(Word::NotWord);
    };
    if form.stop {
        return Ok(Word::Stop);
    }
    // Keyed by the cased form: the surface forms (display forms) keep the
    // case of the text; the term is the stem of the lowercase form.
    if let Some((key, term)) = shared.lock().known(lang, &form.cased) {
        return Ok(Word::Key { key, term });
    }
    // Stemmed outside the lock; `add` keeps the first thread's entry if two
    // threads stem the same word at once (same stem either way).
    let stem = an.stem(&form.norm);
    let (key, term) = shared.lock().add(lang, &form.cased, &stem)?;
    Ok(Word::Key { key, term })
}

/// Scans `text` (boilerplate already blanked): calls `f` for every counted
/// term in text order — each non-stopword word (with `ngram_min` 1), and
/// with `ngram_max` ≥ 2 the n-grams of one sentence that the analyzer's
/// n-gram `Window` gives over (key, term) ids, by its stopword rule — and
/// returns the word count WC (stopwords included). Fails only when a table
/// runs out of ids.
pub fn scan(
    an: &Analyzer,
    text: &str,
    cache: &mut RawCache,
    shared: &SharedUnigrams,
    ngrams: &mut Ngrams,
    mut f: impl FnMut(Hit),
) -> Result<u64> {
    let mut window: Window<(Id, Id)> = Window::of(an.config());
    let mut wc = 0u64;
    // The first error; the words after it are still read, not counted.
    let mut failed: Option<Error> = None;
    an.for_each_span(text, an.config().ngram_max >= 2, |span| {
        let (s, e) = match span {
            Span::Word { start, end } => (start, end),
            Span::Sentence { .. } => return window.sentence(),
        };
        match cache.classify_packed(an, &text[s..e], pack_at(text, s, e), shared) {
            Ok(Word::NotWord) => {}
            Ok(Word::Stop) => {
                wc += 1;
                window.stopword();
            }
            Ok(Word::Key { key, term }) => {
                wc += 1;
                window.word((key, term), |gram| {
                    let ids = match *gram {
                        [(key, term)] => return f(Hit::Uni { key, term }),
                        [(k1, t1), (k2, t2)] => ngrams.pair([k1, k2], [t1, t2]),
                        [(k1, t1), (k2, t2), (k3, t3)] => ngrams.triple([k1, k2, k3], [t1, t2, t3]),
                        _ => return,
                    };
                    match ids {
                        Ok((key, term)) => f(Hit::Ngram { key, term }),
                        Err(err) => {
                            failed.get_or_insert(err);
                        }
                    }
                });
            }
            Err(err) => {
                failed.get_or_insert(err);
            }
        }
    });
    match failed {
        Some(err) => Err(err),
        None => Ok(wc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{AnalyzerConfig, NgramStopwords};
    use crate::count::intern::{IdLimit, NONE};
    use proptest::prelude::*;

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
        let wc = scan(an, text, &mut cache, &shared, &mut ngrams, |h| hits.push(h)).unwrap();
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

    fn analyzer(min: u8, max: u8, rule: NgramStopwords, split_hyphens: bool) -> Analyzer {
        let config = AnalyzerConfig {
            ngram_min: min,
            ngram_max: max,
            ngram_stopwords: rule,
            split_hyphens,
            ..AnalyzerConfig::default()
        };
        Analyzer::new("en", &config).unwrap()
    }

    /// Every n-gram range (1 ≤ min ≤ max ≤ 3) under both stopword rules,
    /// with and without split hyphens (built once: the proptest checks every
    /// one on each text).
    fn analyzers() -> &'static [Analyzer] {
        static ALL: std::sync::OnceLock<Vec<Analyzer>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            let mut v = Vec::new();
            for max in 1..=3 {
                for min in 1..=max {
                    for rule in [NgramStopwords::Skip, NgramStopwords::Join] {
                        for split in [false, true] {
                            v.push(analyzer(min, max, rule, split));
                        }
                    }
                }
            }
            v
        })
    }

    #[test]
    fn scan_equals_analyze_on_tricky_text() {
        let texts = [
            "The protesters’ “vandals” — so-called right-wing Boluarte’s regime. U.S. e.g. 3.5 a:b",
            "Visit https://example.com or mail a@b.org now. Café naïve São Paulo. Zürich!",
            "שלום.world a.ב 1։2 x\u{0589}y ب.A — end",
            "human-rights co-op -- x- -y \u{2010}z a\u{2011}b\r\nNew line. Next? Yes!",
        ];
        assert_eq!(analyzers().len(), 24);
        for an in analyzers() {
            for t in texts {
                let (s, swc, f, fwc) = both(an, t);
                assert_eq!(s, f, "{t:?} {:?}", an.config());
                assert_eq!(swc, fwc);
            }
        }
    }

    fn owned(want: Vec<(&str, &str)>) -> Terms {
        want.into_iter()
            .map(|(t, s)| (t.to_string(), s.to_string()))
            .collect()
    }

    #[test]
    fn scan_gives_the_window_terms_in_order() {
        // The default rule: an n-gram spanning a stopword ("we", "do") is
        // dropped; the sentence end breaks the run.
        let an = &analyzer(1, 3, NgramStopwords::Skip, false);
        let (s, swc, f, fwc) = both(an, "We can do better, said Coups. Better coups!");
        let want = owned(vec![
            ("can", "can"),
            ("better", "better"),
            ("said", "said"),
            ("better said", "better said"),
            ("coup", "Coups"),
            ("said coup", "said Coups"),
            ("better said coup", "better said Coups"),
            ("better", "Better"),
            ("coup", "coups"),
            ("better coup", "Better coups"),
        ]);
        assert_eq!(f, want);
        assert_eq!((s, swc, fwc), (want, 8, 8));
        // Bigrams only.
        let an = &analyzer(2, 2, NgramStopwords::Skip, false);
        let (s, _, f, fwc) = both(an, "We can do better, said Coups. Better coups!");
        let want = owned(vec![
            ("better said", "better said"),
            ("said coup", "said Coups"),
            ("better coup", "Better coups"),
        ]);
        assert_eq!((&s, &f, fwc), (&want, &want, 8));
    }

    #[test]
    fn scan_joins_across_stopwords_with_join() {
        // The words around the stopwords ("we", "do") join; the sentence end
        // breaks the run.
        let an = &analyzer(1, 3, NgramStopwords::Join, false);
        let (s, swc, f, fwc) = both(an, "We can do better, said Coups. Better coups!");
        let want: Vec<(&str, &str)> = vec![
            ("can", "can"),
            ("better", "better"),
            ("can better", "can better"),
            ("said", "said"),
            ("better said", "better said"),
            ("can better said", "can better said"),
            ("coup", "Coups"),
            ("said coup", "said Coups"),
            ("better said coup", "better said Coups"),
            ("better", "Better"),
            ("coup", "coups"),
            ("better coup", "Better coups"),
        ];
        let want = owned(want);
        assert_eq!(f, want);
        assert_eq!((s, swc, fwc), (want, 8, 8));
    }

    #[test]
    fn scan_fails_when_ids_run_out() {
        let an = &analyzer(1, 2, NgramStopwords::Skip, false);
        let text = "alpha beta gamma delta";
        // Unigrams: four words are four strings (each its own stem).
        let shared = SharedUnigrams::with_limit(IdLimit::new(3));
        let mut cache = RawCache::new(shared.lock().language("en"));
        let mut hits = 0;
        let r = scan(an, text, &mut cache, &shared, &mut Ngrams::new(), |_| {
            hits += 1
        });
        match r {
            Err(Error::Internal(m)) => assert!(m.contains("more than 3 distinct"), "{m}"),
            other => panic!("{other:?}"),
        }
        // N-grams: three bigrams, room for two.
        let shared = SharedUnigrams::new();
        let mut cache = RawCache::new(shared.lock().language("en"));
        let mut ngrams = Ngrams::with_limit(IdLimit::new(2));
        let r = scan(an, text, &mut cache, &shared, &mut ngrams, |_| {});
        match r {
            Err(Error::Internal(m)) => assert!(m.contains("more than 2 distinct n-grams"), "{m}"),
            other => panic!("{other:?}"),
        }
        // The same text with room enough.
        let mut ngrams = Ngrams::with_limit(IdLimit::new(3));
        let r = scan(an, text, &mut cache, &shared, &mut ngrams, |_| {});
        assert_eq!(r.unwrap(), 4);
        assert!(hits > 0);
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
            .map(|w| cache.classify(an, w, &shared).unwrap())
            .collect();
        let keys: std::collections::HashSet<Word> = first.iter().copied().collect();
        assert_eq!(keys.len(), words.len());
        let collided = words
            .iter()
            .filter(|w| pack(w).map(front_slot) == pack(&words[0]).map(front_slot))
            .count();
        assert!(collided > 1, "no two test words share a slot");
        for (w, &before) in words.iter().zip(&first).rev() {
            assert_eq!(cache.classify(an, w, &shared).unwrap(), before, "{w}");
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn scan_equals_analyze(t in text()) {
            for an in analyzers() {
                let (s, swc, f, fwc) = both(an, &t);
                prop_assert_eq!(&s, &f, "{:?} {:?}", t, an.config());
                prop_assert_eq!(swc, fwc);
            }
        }
    }
}
