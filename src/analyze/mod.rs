//! The analyzer: one article's text → word tokens with byte offsets, sentences,
//! and the terms that statistics count (docs/METHODS.md §1).
//!
//! Steps, in order:
//! 1. boilerplate lines of the article's source are blanked (replaced by spaces,
//!    so byte offsets still point into the original text);
//! 2. UAX #29 sentence segmentation, then UAX #29 word segmentation inside each
//!    sentence (`unicode-segmentation`), U+202F (the French narrow no-break
//!    space) taken as a space between words (`segment`); hyphenated compounds
//!    ("right-wing") are joined back into one token unless `split_hyphens`; URLs
//!    and e-mail addresses are dropped;
//! 3. normalization: Unicode lowercase, NFC, typographic apostrophes to `'`,
//!    invisible format characters removed, a trailing possessive `'s` removed;
//!    a token with no letter (a number, a footnote marker) is not a word;
//! 4. WC = the number of word tokens;
//! 5. stopwords flagged (removed from term statistics only);
//! 6. Snowball stemming (`rust-stemmers`), each part of a compound stemmed
//!    separately ("human-rights" → "human-right");
//! 7. display forms are chosen in `count` (most frequent surface form per term);
//! 8. n-grams: runs of adjacent word tokens of one sentence, joined by a space;
//!    by default a run holding a stopword is dropped (`NgramStopwords::Skip`),
//!    with `NgramStopwords::Join` stopwords are removed first and the words
//!    left join (`window`).
//!
//! Steps 2 (`Analyzer::for_each_span`), 3, 5 and 6 (`word`: the word rules)
//! and 8 (`window`) are each written once: the full analyzer (`analyze`,
//! `for_each_term`) and the counting scan (`count::scan`, which counts by
//! integer ids) both call them.
//!
//! Invariant: the analyzer is pure (no I/O, no global state) and the lexicon's
//! entries go through the same `Analyzer`, so an entry matches its inflections.

pub mod segment;
pub mod stopwords;
pub mod window;
pub mod word;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{Error, Result};
pub use stopwords::StopwordSpec;
pub use window::Window;
pub use word::{normalize_word, WordForm};

/// Settings of the analyzer that change which terms are counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnalyzerConfig {
    pub stopwords: StopwordSpec,
    pub stem: bool,
    pub split_hyphens: bool,
    /// The shortest n-gram counted (`--ngrams MIN..MAX`): 1 counts unigrams,
    /// 2 leaves them out.
    pub ngram_min: u8,
    /// The longest n-gram counted (1 = unigrams only, 2 = bigrams too, at most 3).
    pub ngram_max: u8,
    /// How n-grams meet stopwords (`--ngram-stopwords`).
    pub ngram_stopwords: NgramStopwords,
    /// Whether words in capitals are terms of their own.
    pub case: Case,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            stopwords: StopwordSpec::Default,
            stem: true,
            split_hyphens: false,
            ngram_min: 1,
            ngram_max: 1,
            ngram_stopwords: NgramStopwords::Skip,
            case: Case::Fold,
        }
    }
}

impl AnalyzerConfig {
    /// The n-gram settings in words, for reports: "unigrams", "unigrams and
    /// bigrams (an n-gram with a stopword is dropped)".
    pub fn ngrams_label(&self) -> String {
        let names = ["unigrams", "bigrams", "trigrams"];
        let name = |n: u8| {
            let i = usize::from(n).checked_sub(1);
            i.and_then(|i| names.get(i)).copied().unwrap_or("n-grams")
        };
        let (min, max) = (self.ngram_min, self.ngram_max);
        let lengths = match max.saturating_sub(min) {
            0 => name(min).to_string(),
            1 => format!("{} and {}", name(min), name(max)),
            _ => format!("{}, {} and {}", name(min), name(min + 1), name(max)),
        };
        if max < 2 {
            return lengths;
        }
        let rule = match self.ngram_stopwords {
            NgramStopwords::Skip => "an n-gram with a stopword is dropped",
            NgramStopwords::Join => "stopwords removed first, the words left joined",
        };
        format!("{lengths} ({rule})")
    }
}

/// The n-gram lengths counted, `min..=max` words (`--ngrams`: `N` is `1..N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NgramRange {
    pub min: u8,
    pub max: u8,
}

impl NgramRange {
    /// The longest n-gram there is.
    pub const LONGEST: u8 = window::MAX_N as u8;

    /// `min..=max`, when 1 ≤ min ≤ max ≤ 3; else why not.
    pub fn new(min: u8, max: u8) -> std::result::Result<NgramRange, String> {
        let longest = NgramRange::LONGEST;
        for n in [min, max] {
            if !(1..=longest).contains(&n) {
                return Err(format!(
                    "{n} is not in 1..={longest} (n-grams of 1 to {longest} words)"
                ));
            }
        }
        if min > max {
            return Err(format!(
                "{min}..{max} is empty: the shortest length comes first (MIN..MAX, MIN ≤ MAX)"
            ));
        }
        Ok(NgramRange { min, max })
    }
}

impl std::str::FromStr for NgramRange {
    type Err = String;
    /// `N` (1..N) or `MIN..MAX` (both ends included).
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let number = |t: &str| {
            t.trim().parse::<u8>().map_err(|_| {
                format!(
                    "'{s}' is not N or MIN..MAX (1 ≤ MIN ≤ MAX ≤ {}: 2, 2..2, 1..3)",
                    NgramRange::LONGEST
                )
            })
        };
        match s.split_once("..") {
            Some((a, b)) => NgramRange::new(number(a)?, number(b)?),
            None => NgramRange::new(1, number(s)?),
        }
    }
}

/// How n-grams meet stopwords (`--ngram-stopwords`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NgramStopwords {
    /// N-grams are runs of adjacent words of the text; a run holding a
    /// stopword is dropped (tidytext, quanteda): "we can do better" gives no
    /// bigram.
    #[default]
    Skip,
    /// Stopwords are removed first and the words left join (scikit-learn's
    /// `stop_words` with `ngram_range`): "we can do better" gives "can better".
    Join,
}

impl std::str::FromStr for NgramStopwords {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "skip" => Ok(NgramStopwords::Skip),
            "join" => Ok(NgramStopwords::Join),
            _ => Err(format!("unknown n-gram stopword rule '{s}' (skip, join)")),
        }
    }
}

/// How the case of a word counts (`--case`). Display forms keep the case the
/// text uses most either way ("US", "Boluarte").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// Every word is lowercased before it is counted: "US" and "us" are one term.
    #[default]
    Fold,
    /// A word of 2 to 5 letters written all in capitals is a term of its own,
    /// unstemmed ("US" ≠ "us", "OAS"), unless its lowercase form is a
    /// stopword ("THE", "IT" in a headline stay "the", "it").
    Acronyms,
}

impl Case {
    pub fn name(self) -> &'static str {
        match self {
            Case::Fold => "fold",
            Case::Acronyms => "acronyms",
        }
    }
}

impl std::str::FromStr for Case {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "fold" => Ok(Case::Fold),
            "acronyms" => Ok(Case::Acronyms),
            _ => Err(format!("unknown case rule '{s}' (fold, acronyms)")),
        }
    }
}

/// One word token of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the article's original text.
    pub start: usize,
    pub end: usize,
    /// Index into `Analyzed::sentences`.
    pub sentence: u32,
    /// The normalized surface form: lowercase, `'` apostrophes, possessive removed.
    /// Shared by the tokens of one word (see `WordCache`).
    pub norm: Arc<str>,
    /// The Snowball stem of `norm` (equal to `norm` with stemming off).
    pub stem: Arc<str>,
    /// A stopword: part of WC and of lexicon phrases, not of term statistics.
    pub stop: bool,
    /// `norm` with the case of the text ("US"): the surface form that display
    /// forms are chosen from.
    pub cased: Arc<str>,
}

/// The analysis of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analyzed {
    /// Word tokens in text order.
    pub tokens: Vec<Token>,
    /// Byte ranges of the sentences that contain at least one word token.
    pub sentences: Vec<Range<usize>>,
}

impl Analyzed {
    /// Word count: the denominator of every rate.
    pub fn wc(&self) -> usize {
        self.tokens.len()
    }
}

/// What a raw word (its exact bytes in the text) is: `None` when it is no word
/// (no letter), else its normalized form, stem and stopword flag
/// (`Analyzer::word`, then `Analyzer::stem`).
/// A raw word's (normalized form, stem, stopword, cased form), or not a word.
type WordInfo = Option<(Arc<str>, Arc<str>, bool, Arc<str>)>;

/// Raw word → what the analyzer makes of it, for one analyzer: each distinct
/// word is normalized and stemmed once, and its tokens share the strings (no
/// allocation per token). Keep one per thread and analyzer across articles
/// (`pipeline` does); a fresh one gives the same tokens, only slower.
#[derive(Debug, Default)]
pub struct WordCache {
    words: FxHashMap<Box<str>, WordInfo>,
}

impl WordCache {
    /// Entries kept at most; the cache starts over when full, so memory stays
    /// bounded on any vocabulary.
    const MAX: usize = 1 << 20;

    pub fn new() -> WordCache {
        WordCache::default()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// An analyzer for one language. Cheap to share between threads (`&Analyzer`).
pub struct Analyzer {
    language: String,
    stemmer: Option<Stemmer>,
    stopwords: FxHashSet<String>,
    config: AnalyzerConfig,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .field("config", &self.config)
            .finish()
    }
}

/// The Snowball stemmers, by ISO 639-1 code ("nb", Norwegian Bokmål, is
/// Norwegian's).
const SNOWBALL_STEMMERS: &[(&str, Algorithm)] = &[
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("en", Algorithm::English),
    ("es", Algorithm::Spanish),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nb", Algorithm::Norwegian),
    ("nl", Algorithm::Dutch),
    ("no", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
];

/// The Snowball algorithm for an ISO 639-1 language code.
pub fn snowball_algorithm(language: &str) -> Option<Algorithm> {
    SNOWBALL_STEMMERS
        .iter()
        .find(|(code, _)| *code == language)
        .map(|(_, alg)| *alg)
}

/// The languages Snowball stems (ISO 639-1 codes, sorted).
pub fn snowball_languages() -> impl Iterator<Item = &'static str> {
    SNOWBALL_STEMMERS.iter().map(|(code, _)| *code)
}

impl Analyzer {
    /// Builds an analyzer for `language` (ISO 639-1). Fails for a language with
    /// no Snowball stemmer (when stemming) or no stopword list (when asked for one),
    /// or an unreadable stopword file.
    pub fn new(language: &str, config: &AnalyzerConfig) -> Result<Analyzer> {
        let stopwords = config.stopwords.load(language)?;
        Analyzer::with_stopwords(language, config, stopwords)
    }

    /// Builds an analyzer with an already loaded stopword set.
    pub fn with_stopwords(
        language: &str,
        config: &AnalyzerConfig,
        stopwords: FxHashSet<String>,
    ) -> Result<Analyzer> {
        let stemmer = if config.stem {
            let alg = snowball_algorithm(language).ok_or_else(|| {
                Error::Usage(format!(
                    "no Snowball stemmer for language {} (Snowball stems {}): use --no-stem",
                    crate::language::labelled(language),
                    snowball_languages().collect::<Vec<_>>().join(", ")
                ))
            })?;
            Some(Stemmer::create(alg))
        } else {
            None
        };
        if let Err(why) = NgramRange::new(config.ngram_min, config.ngram_max) {
            return Err(Error::Usage(format!("--ngrams: {why}")));
        }
        Ok(Analyzer {
            language: language.to_string(),
            stemmer,
            stopwords,
            config: config.clone(),
        })
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// Analyzes `text`, first blanking every line whose trimmed content equals one
    /// of `boilerplate` (byte offsets stay those of `text`).
    pub fn analyze_with_boilerplate(&self, text: &str, boilerplate: &[String]) -> Analyzed {
        self.analyze(&blank_boilerplate(text, boilerplate))
    }

    /// Analyzes one text.
    pub fn analyze(&self, text: &str) -> Analyzed {
        self.analyze_cached(text, &mut WordCache::new())
    }

    /// [`Analyzer::analyze`] with `cache`, which must only ever be used with this analyzer.
    pub fn analyze_cached(&self, text: &str, cache: &mut WordCache) -> Analyzed {
        let mut out = Analyzed {
            tokens: Vec::with_capacity(text.len() / 6),
            sentences: Vec::new(),
        };
        // The sentence being read, until its first word adds it to `sentences`.
        let mut sentence: Option<Range<usize>> = None;
        self.for_each_span(text, true, |span| match span {
            Span::Sentence { start, end } => sentence = Some(start..end),
            Span::Word { start, end } => {
                let Some((norm, stem, stop, cased)) = self.cached_word(&text[start..end], cache)
                else {
                    return;
                };
                if let Some(r) = sentence.take() {
                    out.sentences.push(r);
                }
                out.tokens.push(Token {
                    start,
                    end,
                    sentence: out.sentences.len().saturating_sub(1) as u32,
                    norm,
                    stem,
                    stop,
                    cased,
                });
            }
        });
        out
    }

    /// Step 2 of the module doc, the loop over a text's words that every
    /// reader of words drives: calls `f` with each word span of `text` in
    /// order (byte offsets into `text`; URLs and e-mail addresses left out),
    /// and with each sentence before its words.
    ///
    /// With `sentences` false the caller has no use for sentences: they are
    /// then only found when a sentence boundary could fall inside a word of
    /// `text`, and `Span::Sentence` may not come at all.
    #[inline]
    pub fn for_each_span(&self, text: &str, sentences: bool, mut f: impl FnMut(Span)) {
        let excluded = url_spans(text);
        if !sentences && segment::sentences_cannot_split_words(text) {
            self.word_spans(text, 0, &mut |s, e| word_span(&excluded, &mut f, s, e));
        } else {
            for (off, sentence) in segment::sentence_bound_indices(text) {
                f(Span::Sentence {
                    start: off,
                    end: off + sentence.len(),
                });
                self.word_spans(sentence, off, &mut |s, e| {
                    word_span(&excluded, &mut f, s, e)
                });
            }
        }
    }

    /// Calls `f(start, end)` (offsets from `base`) for every word of `text` in
    /// order: UAX #29 word-like segments, hyphenated compounds joined unless
    /// `split_hyphens`.
    #[inline]
    fn word_spans(&self, text: &str, base: usize, f: &mut impl FnMut(usize, usize)) {
        let mut cur: Option<(usize, usize)> = None;
        let mut hyphen_end: Option<usize> = None;
        let split = self.config.split_hyphens;
        segment::segments(text, base, &mut |i, end, wordlike| {
            if wordlike {
                if let Some((s, e)) = cur {
                    if hyphen_end == Some(i) {
                        cur = Some((s, end));
                        hyphen_end = None;
                        return;
                    }
                    f(s, e);
                }
                cur = Some((i, end));
                hyphen_end = None;
            } else if !split && hyphen_end.is_none() && matches!(cur, Some((_, e)) if e == i) {
                // Only segments that touch are reported, so anything between
                // two segments (a space, punctuation) shows as a gap in offsets.
                hyphen_end = Some(end);
            } else {
                if let Some((s, e)) = cur.take() {
                    f(s, e);
                }
                hyphen_end = None;
            }
        });
        if let Some((s, e)) = cur {
            f(s, e);
        }
    }

    /// What the raw word `raw` is (`word`, then `stem`), from `cache` when it
    /// was met before.
    fn cached_word(&self, raw: &str, cache: &mut WordCache) -> WordInfo {
        if let Some(info) = cache.words.get(raw) {
            return info.clone();
        }
        if cache.words.len() >= WordCache::MAX {
            cache.words.clear();
        }
        let info = self.word(raw).map(|w| {
            let stem: Arc<str> = self.stem(&w.norm).into();
            let norm: Arc<str> = if *stem == *w.norm {
                stem.clone()
            } else {
                w.norm.into()
            };
            let cased: Arc<str> = if *w.cased == *norm {
                norm.clone()
            } else {
                w.cased.into()
            };
            (norm, stem, w.stop, cased)
        });
        cache.words.insert(raw.into(), info.clone());
        info
    }

    /// Calls `f(term, surface)` for every term that statistics count, in text
    /// order: with `ngram_min` 1 each non-stopword token's stem (surface: its
    /// cased form) and, with `ngram_max` ≥ 2, the n-grams of 2..=ngram_max
    /// tokens of one sentence (terms and surfaces joined by a space): adjacent
    /// tokens with no stopword among them, or with `NgramStopwords::Join`
    /// adjacent non-stopword tokens. The tokens of `a` go through the n-gram
    /// [`Window`], which makes that choice.
    pub fn for_each_term(&self, a: &Analyzed, mut f: impl FnMut(&str, &str)) {
        let (mut term, mut surface) = (String::new(), String::new());
        self.for_each_gram(a, |gram| match gram {
            [i] => f(&a.tokens[*i].stem, &a.tokens[*i].cased),
            _ => {
                term.clear();
                surface.clear();
                for (j, &i) in gram.iter().enumerate() {
                    if j > 0 {
                        term.push(' ');
                        surface.push(' ');
                    }
                    term.push_str(&a.tokens[i].stem);
                    surface.push_str(&a.tokens[i].cased);
                }
                f(&term, &surface);
            }
        });
    }

    /// Calls `f` with the token indices of every term that statistics count,
    /// in the order of [`Analyzer::for_each_term`] (which is this, spelled
    /// out): where each counted term lies in the text, for its concordance.
    pub fn for_each_gram(&self, a: &Analyzed, mut f: impl FnMut(&[usize])) {
        let mut window: Window<usize> = Window::of(&self.config);
        let mut sentence = None;
        for (i, t) in a.tokens.iter().enumerate() {
            if sentence != Some(t.sentence) {
                sentence = Some(t.sentence);
                window.sentence();
            }
            if t.stop {
                window.stopword();
                continue;
            }
            window.word(i, &mut f);
        }
    }

    /// The terms of `a` as owned strings, in text order (what `framelens tokens` prints).
    pub fn terms(&self, a: &Analyzed) -> Vec<String> {
        let mut v = Vec::with_capacity(a.tokens.len());
        self.for_each_term(a, |t, _| v.push(t.to_string()));
        v
    }
}

/// What [`Analyzer::for_each_span`] reports: byte ranges in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// A sentence starts (UAX #29), with the words that follow up to the next one.
    Sentence { start: usize, end: usize },
    /// A word: a UAX #29 word-like segment, or a hyphenated compound of them.
    Word { start: usize, end: usize },
}

/// Reports the word `start..end` unless it lies in a URL or e-mail address.
#[inline(always)]
fn word_span(excluded: &[Range<usize>], f: &mut impl FnMut(Span), start: usize, end: usize) {
    if excluded.is_empty() || !excluded.iter().any(|r| r.start < end && start < r.end) {
        f(Span::Word { start, end });
    }
}

/// `text` with every line whose trimmed content equals one of `boilerplate`
/// replaced by spaces (one per byte, so every byte offset stays that of `text`).
pub fn blank_boilerplate<'a>(text: &'a str, boilerplate: &[String]) -> Cow<'a, str> {
    if boilerplate.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut blanked: Option<String> = None;
    let mut offset = 0;
    // CR, LF and CRLF all end a line (a CRLF gives an empty piece between them).
    for line in text.split_inclusive(['\n', '\r']) {
        let trimmed = line.trim();
        if !trimmed.is_empty() && boilerplate.iter().any(|b| b.trim() == trimmed) {
            let buf = blanked.get_or_insert_with(|| text.to_string());
            let content_len = line.trim_end_matches(['\n', '\r']).len();
            // One ASCII space per byte keeps the string valid UTF-8 and every offset fixed.
            let range = offset..offset + content_len;
            buf.replace_range(range, &" ".repeat(content_len));
        }
        offset += line.len();
    }
    match blanked {
        Some(b) => Cow::Owned(b),
        None => Cow::Borrowed(text),
    }
}

/// Whether a whitespace-delimited chunk is a URL (holds `://` or starts with
/// `www.`, after leading punctuation) or an e-mail address (`name@host.tld`).
fn is_url_or_email(word: &str) -> bool {
    let inner = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let is_url = word.contains("://") || inner.starts_with("www.");
    let is_email = match inner.find('@') {
        Some(at) => {
            at > 0
                && inner[at + 1..]
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .contains('.')
        }
        None => false,
    };
    is_url || is_email
}

/// Byte ranges of URLs and e-mail addresses: whitespace-separated chunks that
/// contain `://`, start with `www.`, or look like `name@host.tld`.
fn url_spans(text: &str) -> Vec<Range<usize>> {
    // Only a whitespace-delimited chunk holding "://", "www." or '@' can be a
    // URL or an e-mail address: find those, then judge each chunk once. One
    // pass over the bytes for ':', '.' and '@' (all ASCII, so every hit and the
    // "www" before a '.' lie on char boundaries).
    let b = text.as_bytes();
    let mut starts: Vec<usize> = memchr::memchr3_iter(b':', b'.', b'@', b)
        .filter_map(|i| match b.get(i) {
            Some(b':') => b.get(i + 1..i + 3).filter(|s| *s == b"//").map(|_| i),
            Some(b'.') => i.checked_sub(3).filter(|&w| b.get(w..i) == Some(b"www")),
            _ => Some(i),
        })
        .collect();
    // The start of each candidate's chunk: the end of the last whitespace
    // before it. Candidates come in text order, so the search back from one
    // stops at the one before (same chunk, unless whitespace lies between):
    // linear overall, where an unbounded search per candidate is quadratic on
    // a long chunk with many '@' (a line of e-mail addresses without spaces).
    let mut chunk_start = 0;
    let mut prev = 0;
    for c in starts.iter_mut() {
        let here = *c;
        if let Some(gap) = text.get(prev..here) {
            if let Some((j, ch)) = gap.char_indices().rev().find(|&(_, ch)| ch.is_whitespace()) {
                chunk_start = prev + j + ch.len_utf8();
            }
        }
        prev = here.max(prev);
        *c = chunk_start;
    }
    if starts.is_empty() {
        return Vec::new();
    }
    starts.sort_unstable();
    starts.dedup();
    let mut spans = Vec::new();
    for start in starts {
        let rest = &text[start..];
        let word = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
        if is_url_or_email(word) {
            spans.push(start..start + word.len());
        }
    }
    spans
}

#[cfg(test)]
mod tests;
