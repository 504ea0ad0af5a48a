//! Partial statistics: what `framelens count` writes for one shard of a corpus,
//! `framelens merge` sums, and `framelens report --stats` turns into `reports/`.
//!
//! Counting is a monoid (counts of disjoint article sets add), so a corpus too
//! large for one machine is counted shard by shard on an existing engine (Spark,
//! `scale/spark/`), the partials are merged, and the report is made from the
//! merged statistics. `report --corpus` goes through the same [`Stats`]
//! (`analysis::collect::partial` then `report::build::assemble`), so both give the
//! same `reports/` by construction.
//!
//! # Format v7 (TSV)
//!
//! UTF-8 text, one record per line, every line ended by `\n` (the last one
//! too), at most 256 MiB a line, fields separated by one tab.
//! In string fields a backslash is written `\\`, a tab `\t`, a newline `\n` and a
//! carriage return `\r`; no other escape exists (any other `\x` is an error).
//! An absent optional string is an empty field. Integers are decimal, unsigned.
//!
//! Line 1 is the header:
//!
//! ```text
//! #framelens-partial<TAB>v7<TAB><settings as compact JSON><TAB><lexicon sha256>
//! ```
//!
//! and the last line is the end record, `N` the number of records between the
//! two (v1 had no end record: a partial cut short read as a smaller corpus; v2
//! had a `hit` record per lexicon hit, 85% of a partial's bytes, where v3 keeps
//! the per-source `target` counts the report uses; v4's surface forms keep the
//! case of the text, "US" and "Boluarte", where v3's were lowercase; v5's
//! warnings keep their column; v6's settings record the n-gram range and
//! stopword rule, `ngram_min`, `ngram_max` and `ngram_stopwords`, where v5 had
//! `ngrams` and its n-grams joined the words around a stopword, and its `term`
//! records carry each term's per-article rates, for the article-level tests;
//! v7's `source` records end with the source's group):
//!
//! ```text
//! end<TAB>N
//! ```
//!
//! A partial without its end record, with a record after it, or whose count
//! differs, is an error naming the file and the line: it was cut off or edited.
//!
//! The settings are `{"analyzer":{..},"kwic_sample":N,"kwic_window":W}`: the
//! analyzer settings (stopwords, stem, split_hyphens, ngram_min, ngram_max,
//! ngram_stopwords, case), the KWIC sample
//! size per source × category and the KWIC context window. The lexicon hash is
//! the SHA-256 of the lexicon file's bytes. Partials merge only when both the
//! settings and the lexicon hash are equal (byte for byte); `report --stats`
//! checks the lexicon it is given against the hash.
//!
//! Then the records, grouped by kind in the order below, each group sorted as
//! stated (strings by bytes; article ids in natural order: runs of digits
//! compare as numbers, so `a.jsonl:2` < `a.jsonl:10`, with bytes breaking ties).
//! Equal statistics are therefore equal bytes.
//!
//! | kind | fields after the kind | sorted by | merge |
//! |---|---|---|---|
//! | `corpus` | path as given to `count` | path | set union |
//! | `input` | path, bytes, sha256 | path, then the rest | set union |
//! | `source` | id, name, url, language, notes, group | id | must agree (language: that of the articles; differing → `mul`; a differing group is an error naming both) |
//! | `skipped` | empty articles skipped (one line) | — | sum |
//! | `warning` | path, line (0 = whole file), column (0 = unknown), message | path, line, column, message | multiset union |
//! | `count` | source, articles, words (WC) | source | sum |
//! | `term` | source, term, count, document frequency, Σx, Σx², top | source, term | sum (top: max) |
//! | `surface` | source, term, surface form, count | source, term, form | sum |
//! | `article` | source, id, title, date, author, url, words, sentences, hits, covered, voice, actors, sentence kinds | source, id | disjoint (a repeated id is an error) |
//! | `form` | source, category index, entry index, matched form, count | source, category, entry, form | sum |
//! | `target` | source, actor, category, matched form, count (hits of the category with that form in a sentence naming the actor) | source, actor, category, form | sum |
//! | `kwic` | source, article, sentence, start, end, voice, category, target, left, match, right | source, category, article, start, end | union, then the first N per source × category |
//!
//! In `term` records, Σx and Σx² sum x = count / words and x² over the
//! source's articles that contain the term (each rounded to an integer scaled
//! by 2⁶⁴, so sums are exact), and `top` is the term's largest count in one
//! article: Welch's test on per-article rates and the top article's share.
//!
//! In `article` records, `hits` and `covered` are comma-separated per-category
//! counts (lexicon order); `voice` is 4 counts per category (own, quoted, scare,
//! distanced) and `actors` is (actors + 1) counts per category (the last: no
//! target), both comma-separated and flattened category-major. The sentence
//! kinds are the multiset of the article's sentences, which is all the bootstrap
//! needs (it orders sentences by content): space-separated items
//! `WC[:CAT.HITS.COVERED]...[*N]` (a sentence of WC words with those per-category
//! hits and covered words; `*N` when N sentences are alike), sorted by
//! (WC, cells). A source's lexicon counts are the sum of its articles'.
//!
//! What the reader checks besides the syntax, so that an edited partial is an
//! error naming its line rather than a wrong or crashing report: in an
//! `article` record the sentence kinds hold `sentences` sentences whose words
//! add up to `words`, and per category the hits of its sentences, its voice
//! counts and its target counts add up to its hits, and the covered words of its
//! sentences to its covered words (as `count` makes them); the `*N` repeats of
//! one stream expand to at most 2^24 + 64 × (bytes read) sentences and cells in
//! memory (the compression cannot make the reader allocate without bound); and
//! no count adds up past 2^64, in a file, in a merge, or summed over all
//! sources and articles as the report sums them (an error naming the file
//! instead of a count that wraps).
//!
//! The KWIC sample: for each source × category, the N (`kwic_sample`) lines
//! with the smallest (article id, start, end) in the order above. Any shard that
//! holds one of the N smallest lines of the union keeps it, so the sample of the
//! merge is the sample of the union: merging stays associative and commutative.
//! No record is written per hit: a partial's size follows the vocabulary, the
//! articles and their sentence kinds, and the bounded sample (`framelens lexicon
//! --hits` and `framelens kwic` list every hit from the corpus).
//!
//! Only TSV: a Parquet writer (the `parquet` + `arrow` crates) would add a
//! large dependency tree and minutes of build time on every machine, for files
//! that are already sorted, compress well with gzip/zstd, and are read once.
//!
//! Several partials concatenated into one stream (header, records, end,
//! header, records, end, ...) read as their sum: that is how a tree merge
//! works through pipes (`framelens merge -` on a coalesced Spark partition).
//!
//! What a partial cannot carry: article texts. `report --stats` has the KWIC
//! sample only, as `report --corpus` does (both go through [`Stats`]); the full
//! concordance of a pattern is `framelens kwic` on the corpus. The manifest's
//! input hashes are the `input` records (files hashed by `count`; a corpus read
//! from standard input has none).

mod counts;
mod tsv;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub use tsv::{read, read_file, write, write_file};

use crate::analyze::AnalyzerConfig;
use crate::corpus::SourceInfo;
use crate::count::CorpusCounts;
use crate::error::{Error, Result};
use crate::lexicon::{ArticleLexStats, KwicLine};

/// The first line's magic and the format version.
pub const MAGIC: &str = "#framelens-partial";
pub const VERSION: &str = "v7";

/// The kind of the last record of a partial: `end<TAB>N`, N the records above it.
pub const END: &str = "end";

/// Concordance lines kept per source × category.
pub const KWIC_SAMPLE: usize = 50;

/// What must be equal for two partials to merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Compact JSON: `{"analyzer":{..},"kwic_sample":N,"kwic_window":W}`.
    pub settings: String,
    /// SHA-256 (hex) of the lexicon file.
    pub lexicon_sha256: String,
}

impl Header {
    pub fn new(analyzer: &AnalyzerConfig, kwic_window: usize, lexicon_sha256: String) -> Header {
        let v = serde_json::json!({
            "analyzer": analyzer,
            "kwic_sample": KWIC_SAMPLE,
            "kwic_window": kwic_window,
        });
        Header {
            settings: v.to_string(),
            lexicon_sha256,
        }
    }

    /// The analyzer settings and the KWIC window recorded in the header.
    pub fn analyzer(&self) -> std::result::Result<(AnalyzerConfig, usize), String> {
        let v: serde_json::Value = serde_json::from_str(&self.settings)
            .map_err(|e| format!("settings are not JSON: {e}"))?;
        let a = &v["analyzer"];
        let stopwords = match &a["stopwords"] {
            serde_json::Value::String(s) if s == "default" => crate::analyze::StopwordSpec::Default,
            serde_json::Value::String(s) if s == "none" => crate::analyze::StopwordSpec::None,
            serde_json::Value::Object(m) => match (
                m.get("file").and_then(|f| f.as_str()),
                m.get("default_and_file").and_then(|f| f.as_str()),
            ) {
                (Some(f), None) => crate::analyze::StopwordSpec::File(f.into()),
                (None, Some(f)) => crate::analyze::StopwordSpec::DefaultAndFile(f.into()),
                _ => return Err(format!("unknown stopwords setting {}", a["stopwords"])),
            },
            other => return Err(format!("unknown stopwords setting {other}")),
        };
        let flag = |k: &str| {
            a[k].as_bool()
                .ok_or_else(|| format!("analyzer setting {k:?} missing"))
        };
        let length = |k: &str| {
            a[k].as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .ok_or_else(|| format!("analyzer setting {k:?} missing"))
        };
        let cfg = AnalyzerConfig {
            stopwords,
            stem: flag("stem")?,
            split_hyphens: flag("split_hyphens")?,
            ngram_min: length("ngram_min")?,
            ngram_max: length("ngram_max")?,
            ngram_stopwords: a["ngram_stopwords"]
                .as_str()
                .ok_or("analyzer setting \"ngram_stopwords\" missing")?
                .parse()?,
            case: a["case"]
                .as_str()
                .ok_or("analyzer setting \"case\" missing")?
                .parse()?,
        };
        let window = v["kwic_window"]
            .as_u64()
            .ok_or("setting \"kwic_window\" missing")? as usize;
        let sample = v["kwic_sample"].as_u64();
        if sample != Some(KWIC_SAMPLE as u64) {
            return Err(format!(
                "KWIC sample size {sample:?} differs from this version's {KWIC_SAMPLE}"
            ));
        }
        // What we understood must be what was written.
        if Header::new(&cfg, window, self.lexicon_sha256.clone()).settings != self.settings {
            return Err(format!("unrecognized settings {}", self.settings));
        }
        Ok((cfg, window))
    }
}

/// A corpus file read by `count`, for the manifest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A source's metadata (boilerplate is applied before counting, so not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMeta {
    pub name: String,
    pub url: Option<String>,
    pub language: String,
    pub notes: Option<String>,
    /// The source's group (`--by group`), if it has one.
    pub group: Option<String>,
}

impl SourceMeta {
    pub fn of(info: &SourceInfo) -> SourceMeta {
        SourceMeta {
            name: info.name.clone(),
            url: info.url.clone(),
            language: info.language.clone(),
            notes: info.notes.clone(),
            group: info.group.clone(),
        }
    }

    pub fn to_info(&self, id: &str) -> SourceInfo {
        SourceInfo {
            id: id.to_string(),
            name: self.name.clone(),
            url: self.url.clone(),
            language: self.language.clone(),
            boilerplate: Vec::new(),
            notes: self.notes.clone(),
            group: self.group.clone(),
        }
    }
}

/// An article id ordered naturally (digit runs as numbers, then bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleId(pub String);

impl Ord for ArticleId {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.0, &other.0)
    }
}

impl PartialOrd for ArticleId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Natural order: digit runs compare by value (leading zeros ignored, then
/// shorter first), other runs by bytes; equal under that, by bytes. A total
/// order consistent with `==`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let si = i;
            while i < x.len() && x[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < y.len() && y[j].is_ascii_digit() {
                j += 1;
            }
            let p = trim_zeros(&x[si..i]);
            let q = trim_zeros(&y[sj..j]);
            let o = p.len().cmp(&q.len()).then_with(|| p.cmp(q));
            if o != Ordering::Equal {
                return o;
            }
        } else {
            if x[i] != y[j] {
                return x[i].cmp(&y[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| x.cmp(y))
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let k = d.iter().take_while(|&&c| c == b'0').count();
    &d[k..]
}

/// One article: its metadata and its lexicon counts (without the audit forms,
/// which are kept per source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleEntry {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub words: u64,
    pub sentences: u64,
    pub lex: ArticleLexStats,
}

/// Everything the report needs that can be summed over shards.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub header: Header,
    /// Corpus paths as given to `count`.
    pub corpora: BTreeSet<String>,
    pub inputs: BTreeSet<InputFile>,
    pub sources: BTreeMap<String, SourceMeta>,
    pub skipped_empty: u64,
    /// Sorted on write and merge.
    pub warnings: Vec<crate::error::Warning>,
    pub counts: CorpusCounts,
    /// By (source, id).
    pub articles: BTreeMap<(String, ArticleId), ArticleEntry>,
    /// Per source, the audit: (category, entry, matched form) → count.
    pub forms: BTreeMap<String, BTreeMap<(u16, u32, String), u64>>,
    /// Hits aimed at an actor: (source, actor, category, matched form) → count.
    pub targets: BTreeMap<(String, String, String, String), u64>,
    /// By (source, category): at most [`KWIC_SAMPLE`] lines, sorted by [`kwic_order`], after `finish`.
    pub kwic: BTreeMap<(String, String), Vec<KwicLine>>,
}

/// Reads partials and sums them; errors name the files involved.
pub fn merge_files(paths: &[PathBuf]) -> Result<Stats> {
    let Some((first, rest)) = paths.split_first() else {
        return Err(Error::Usage("no partials to merge".into()));
    };
    let mut acc = read_file(first)?;
    for p in rest {
        let s = read_file(p)?;
        acc.merge_unsorted(s)
            .and_then(|_| acc.check_totals())
            .map_err(|m| {
                Error::input(p, 0, format!("cannot merge with {}: {m}", first.display()))
            })?;
    }
    acc.finish();
    Ok(acc)
}

/// `a + b`, or an error naming `what` past 2^64.
pub(crate) fn checked_sum(a: u64, b: u64, what: &str) -> std::result::Result<u64, String> {
    a.checked_add(b)
        .ok_or_else(|| format!("{what} add up past 2^64"))
}

/// Running sums by kind of count (indexed by [`TOTALS`]), checked.
#[derive(Default)]
struct Totals([u64; TOTALS.len()]);

/// The kinds of count [`Totals`] sums.
const TOTALS: [&str; 7] = [
    "article word counts",
    "article sentence counts",
    "lexicon hits",
    "covered words",
    "hits by voice",
    "hits by target",
    "form counts",
];

impl Totals {
    fn add(&mut self, kind: usize, n: u64) -> std::result::Result<(), String> {
        let t = &mut self.0[kind];
        *t = t
            .checked_add(n)
            .ok_or_else(|| format!("the {} of all articles add up past 2^64", TOTALS[kind]))?;
        Ok(())
    }
}

/// The order of `kwic` records within a source × category.
pub fn kwic_order(a: &KwicLine, b: &KwicLine) -> Ordering {
    natural_cmp(&a.article, &b.article)
        .then_with(|| a.start.cmp(&b.start))
        .then_with(|| a.end.cmp(&b.end))
        .then_with(|| a.sentence.cmp(&b.sentence))
        .then_with(|| a.voice.index().cmp(&b.voice.index()))
        .then_with(|| a.left.cmp(&b.left))
        .then_with(|| a.matched.cmp(&b.matched))
        .then_with(|| a.right.cmp(&b.right))
}

impl Stats {
    pub fn new(header: Header) -> Stats {
        Stats {
            header,
            corpora: BTreeSet::new(),
            inputs: BTreeSet::new(),
            sources: BTreeMap::new(),
            skipped_empty: 0,
            warnings: Vec::new(),
            counts: CorpusCounts::default(),
            articles: BTreeMap::new(),
            forms: BTreeMap::new(),
            targets: BTreeMap::new(),
            kwic: BTreeMap::new(),
        }
    }

    /// Adds one concordance line to the sample, keeping memory bounded.
    pub fn add_kwic(&mut self, line: KwicLine) {
        let key = (
            line.source.clone(),
            line.category.clone().unwrap_or_default(),
        );
        let v = self.kwic.entry(key).or_default();
        v.push(line);
        if v.len() >= 2 * KWIC_SAMPLE {
            v.sort_by(kwic_order);
            v.truncate(KWIC_SAMPLE);
        }
    }

    /// Puts everything in canonical order (sorting, the KWIC bound).
    pub fn finish(&mut self) {
        self.warnings.sort();
        for v in self.kwic.values_mut() {
            v.sort_by(kwic_order);
            v.dedup();
            v.truncate(KWIC_SAMPLE);
        }
    }

    /// Adds `other` (statistics of a disjoint set of articles). Fails, leaving
    /// `self` partly merged, when the settings differ, a source's metadata
    /// differs, or an article appears in both.
    pub fn merge(&mut self, other: Stats) -> std::result::Result<(), String> {
        self.merge_unsorted(other)?;
        self.finish();
        Ok(())
    }

    /// `merge` without the final sort: call [`Stats::finish`] after the last one.
    pub(crate) fn merge_unsorted(&mut self, other: Stats) -> std::result::Result<(), String> {
        if self.header != other.header {
            return Err(format!(
                "made with different settings: {} (lexicon sha256 {}) vs {} (lexicon sha256 {})",
                self.header.settings,
                self.header.lexicon_sha256,
                other.header.settings,
                other.header.lexicon_sha256
            ));
        }
        self.corpora.extend(other.corpora);
        self.inputs.extend(other.inputs);
        for (id, meta) in other.sources {
            match self.sources.get_mut(&id) {
                Some(m) if m.group != meta.group => {
                    let said = |g: &Option<String>| match g {
                        Some(g) => format!("group {g:?}"),
                        None => "no group".to_string(),
                    };
                    return Err(format!(
                        "source {id:?} is in {} in one partial and in {} in the other: a source belongs to one group",
                        said(&m.group),
                        said(&meta.group)
                    ));
                }
                // The language is that of the source's articles in each shard:
                // shards that differ make a source of several languages.
                Some(m)
                    if (SourceMeta {
                        language: meta.language.clone(),
                        ..m.clone()
                    }) != meta =>
                {
                    return Err(format!(
                        "source {id:?} has different metadata: {m:?} vs {meta:?}"
                    ))
                }
                Some(m) => m.language = crate::language::combine(&m.language, &meta.language),
                None => {
                    self.sources.insert(id, meta);
                }
            }
        }
        self.skipped_empty =
            checked_sum(self.skipped_empty, other.skipped_empty, "skipped articles")?;
        self.warnings.extend(other.warnings);
        counts::merge(&mut self.counts, other.counts)?;
        for (key, a) in other.articles {
            if self.articles.contains_key(&key) {
                return Err(format!(
                    "article {:?} of source {:?} is in both (shards must not overlap)",
                    key.1 .0, key.0
                ));
            }
            self.articles.insert(key, a);
        }
        for (source, forms) in other.forms {
            let mine = self.forms.entry(source).or_default();
            for (k, n) in forms {
                let m = mine.entry(k).or_default();
                *m = checked_sum(*m, n, "form counts")?;
            }
        }
        for (k, n) in other.targets {
            let m = self.targets.entry(k).or_default();
            *m = checked_sum(*m, n, "target counts")?;
        }
        for (key, lines) in other.kwic {
            self.kwic.entry(key).or_default().extend(lines);
        }
        Ok(())
    }

    /// Checks that every kind of count, summed over everything, fits in 64
    /// bits: then so does every sum the report makes of some of them (all are
    /// ≥ 0). Fails naming the kind, instead of a count that wraps.
    pub fn check_totals(&self) -> std::result::Result<(), String> {
        counts::check_totals(&self.counts)?;
        let mut t = Totals::default();
        for a in self.articles.values() {
            let l = &a.lex;
            t.add(0, a.words)?;
            t.add(1, a.sentences)?;
            for &n in l.hits.iter() {
                t.add(2, n)?;
            }
            for &n in l.covered.iter() {
                t.add(3, n)?;
            }
            for &n in l.voice.iter().flatten() {
                t.add(4, n)?;
            }
            for &n in l.actors.iter() {
                t.add(5, n)?;
            }
        }
        for forms in self.forms.values() {
            for &n in forms.values() {
                t.add(6, n)?;
            }
        }
        Ok(())
    }

    /// The lexicon counts of each source: the sum of its articles', with the audit forms.
    pub fn lex_by_source(&self) -> Vec<(String, ArticleLexStats)> {
        let mut out: BTreeMap<&str, ArticleLexStats> = BTreeMap::new();
        for ((source, _), a) in &self.articles {
            match out.get_mut(source.as_str()) {
                Some(s) => *s += &a.lex,
                None => {
                    out.insert(source, a.lex.clone());
                }
            }
        }
        out.into_iter()
            .map(|(source, mut s)| {
                s.forms = self.forms.get(source).cloned().unwrap_or_default();
                (source.to_string(), s)
            })
            .collect()
    }

    /// Checks indices against a lexicon with `categories` categories, each with
    /// `entries[c]` entries, and `actors` actors: a partial edited by hand or made
    /// with another lexicon of the same hash (impossible short of a collision)
    /// must not make the report index out of range.
    pub fn check_shape(&self, entries: &[usize], actors: usize) -> std::result::Result<(), String> {
        let k = entries.len();
        for ((source, id), a) in &self.articles {
            let l = &a.lex;
            let ok = l.hits.len() == k
                && l.covered.len() == k
                && l.voice.len() == k
                && l.actors.len() == k * (actors + 1)
                && l.cells.iter().all(|c| (c.category as usize) < k);
            if !ok {
                return Err(format!(
                    "article {:?} of source {source:?}: lexicon counts do not fit a lexicon of {k} categories and {actors} actors",
                    id.0
                ));
            }
        }
        for (source, forms) in &self.forms {
            for (c, e, _) in forms.keys() {
                if entries.get(*c as usize).is_none_or(|&n| (*e as usize) >= n) {
                    return Err(format!(
                        "source {source:?}: audit form of category {c}, entry {e} is not in the lexicon"
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::StopwordSpec;

    #[test]
    fn every_stopword_setting_reads_back_from_the_header() {
        for stopwords in [
            StopwordSpec::Default,
            StopwordSpec::None,
            StopwordSpec::File("names.txt".into()),
            StopwordSpec::DefaultAndFile("names.txt".into()),
        ] {
            let cfg = AnalyzerConfig {
                stopwords: stopwords.clone(),
                ..AnalyzerConfig::default()
            };
            let h = Header::new(&cfg, 7, "sha".into());
            let (back, window) = h.analyzer().unwrap();
            assert_eq!(back.stopwords, stopwords);
            assert_eq!(window, 7);
        }
    }

    #[test]
    fn every_ngram_setting_reads_back_from_the_header() {
        use crate::analyze::NgramStopwords;
        let mut seen = std::collections::BTreeSet::new();
        for (min, max) in [(1, 1), (1, 2), (2, 2), (1, 3), (2, 3), (3, 3)] {
            for rule in [NgramStopwords::Skip, NgramStopwords::Join] {
                let cfg = AnalyzerConfig {
                    ngram_min: min,
                    ngram_max: max,
                    ngram_stopwords: rule,
                    ..AnalyzerConfig::default()
                };
                let h = Header::new(&cfg, 8, "sha".into());
                assert_eq!(h.analyzer().unwrap().0, cfg);
                // Each setting is its own header: partials of two settings never merge.
                assert!(seen.insert(h.settings), "{cfg:?}");
            }
        }
        let v5 = r#"{"analyzer":{"case":"fold","ngrams":1,"split_hyphens":false,"stem":true,"stopwords":"default"},"kwic_sample":50,"kwic_window":8}"#;
        let h = Header {
            settings: v5.into(),
            lexicon_sha256: "sha".into(),
        };
        assert!(h.analyzer().unwrap_err().contains("ngram_min"));
    }
}
