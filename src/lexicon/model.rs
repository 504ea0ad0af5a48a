//! The lexicon model: categories of loaded terms, actors (targets) and
//! distancing markers, each entry compiled through the text's `Analyzer`.
//!
//! An entry is a sequence of [`Unit`]s, one per word token of the entry:
//! - a word ("usurpers") matches a token with the same Snowball stem, so
//!   inflections match ("usurper");
//! - a prefix glob ("terror*", LIWC semantics) matches a token whose lowercased
//!   surface form (`Token::norm`) starts with the prefix;
//! - a phrase ("state of emergency") is several units matched on consecutive
//!   tokens of one sentence, stopwords included.
//!
//! Imported LIWC and quanteda dictionaries use [`Matching::Exact`]: a word matches
//! only the same lowercased form (LIWC and quanteda do not stem), so counts equal
//! those tools'.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::analyze::{normalize_word, Analyzer};

/// `[meta]` of a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Meta {
    pub name: String,
    pub version: String,
    pub language: String,
    pub description: String,
    pub license: String,
    /// How word entries match: `stem` (default for TOML) or `exact`.
    pub matching: Matching,
}

/// A lexicon as text, `name version (note, note)`, leaving out what is empty
/// (a lexicon may lack a version, a license or a description): no double
/// space, no empty parentheses, no dangling comma.
pub fn describe(name: &str, version: &str, notes: &[&str]) -> String {
    let present = |parts: &[&str], sep: &str| {
        parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let head = present(&[name, version], " ");
    let notes = present(notes, ", ");
    match (head.is_empty(), notes.is_empty()) {
        (_, true) => head,
        (true, false) => format!("({notes})"),
        (false, false) => format!("{head} ({notes})"),
    }
}

/// How a word entry (not a glob) matches a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Matching {
    /// Same Snowball stem: "terrorists" matches "terrorist".
    Stem,
    /// Same lowercased surface form (LIWC and quanteda semantics).
    Exact,
}

/// One token-level condition of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// The token's stem equals this.
    Stem(String),
    /// The token's normalized form equals this.
    Norm(String),
    /// The token's normalized form starts with this (a `*` glob).
    Prefix(String),
    /// The token's original text equals this, case-sensitively: actor aliases
    /// written as acronyms ("US", "OAS"), so that "US" is not the pronoun "us".
    Surface(String),
}

/// One term of a category, one alias of an actor, or one distancing marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry as written in the lexicon.
    pub text: String,
    pub units: Vec<Unit>,
    /// 1-based line in the lexicon file (0 = unknown).
    pub line: u64,
    /// The language (ISO 639-1) whose articles it matches, and whose analyzer
    /// compiled it. An actor's alias matches in every language: it holds the
    /// lexicon's default language.
    pub language: String,
}

impl Entry {
    pub fn is_glob(&self) -> bool {
        self.units.iter().any(|u| matches!(u, Unit::Prefix(_)))
    }
    pub fn is_phrase(&self) -> bool {
        self.units.len() > 1
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub description: String,
    /// Multiplier reported next to the rates (`weighted_per_1000`); 1 by default.
    pub weight: f64,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub label: String,
    pub aliases: Vec<Entry>,
}

/// A problem in a lexicon that does not stop the run (duplicate entry, a very
/// broad glob, a language mismatch): the corpus's kind of warning, shown as
/// `path:line:column: message` like every other.
pub use crate::corpus::Warning;

/// A compiled lexicon. Immutable after construction; share it as `&Lexicon`
/// between threads.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub meta: Meta,
    pub categories: Vec<Category>,
    pub actors: Vec<Actor>,
    pub distancing: Vec<Entry>,
    pub(crate) index: Indexes,
}

/// Lookup tables built once from the entries. Category terms and distancing
/// markers are indexed by language: an article is matched with its own
/// language's entries only, so that a Spanish article's stems meet Spanish
/// entries' stems. Actor aliases (names, matched as written) are shared.
#[derive(Debug, Clone, Default)]
pub(crate) struct Indexes {
    /// Patterns of the category entries of each language; key = (category, entry).
    pub terms: BTreeMap<String, PatternSet<(u16, u32)>>,
    /// Patterns of all actor aliases; key = actor.
    pub actors: PatternSet<u16>,
    /// Distancing markers of each language; key = marker index.
    pub distancing: BTreeMap<String, PatternSet<u32>>,
}

impl Lexicon {
    /// Builds the lookup tables. `categories` must have fewer than 65,536
    /// members (checked by the readers).
    pub fn new(
        meta: Meta,
        categories: Vec<Category>,
        actors: Vec<Actor>,
        distancing: Vec<Entry>,
    ) -> Lexicon {
        let index = build_index(&categories, &actors, &distancing);
        Lexicon {
            meta,
            categories,
            actors,
            distancing,
            index,
        }
    }

    /// The index of the category with this id.
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }

    /// The languages that have category terms, sorted.
    pub fn languages(&self) -> BTreeSet<&str> {
        self.index.terms.keys().map(String::as_str).collect()
    }

    /// The languages in which category `c` has terms, sorted.
    pub fn category_languages(&self, c: usize) -> BTreeSet<&str> {
        self.categories.get(c).map_or_else(BTreeSet::new, |cat| {
            cat.entries.iter().map(|e| e.language.as_str()).collect()
        })
    }

    /// The category terms' patterns for articles in `language` (`None`: it has none).
    pub(crate) fn terms_in(&self, language: &str) -> Option<&PatternSet<(u16, u32)>> {
        self.index.terms.get(language)
    }

    /// The distancing markers' patterns for articles in `language`.
    pub(crate) fn distancing_in(&self, language: &str) -> Option<&PatternSet<u32>> {
        self.index.distancing.get(language)
    }

    /// Takes the actors and distancing markers of `other` when this lexicon has
    /// none (an imported LIWC or YAML dictionary with the default lexicon's actors).
    pub fn adopt_actors_and_distancing(&mut self, other: &Lexicon) {
        if self.actors.is_empty() {
            self.actors = other.actors.clone();
        }
        if self.distancing.is_empty() {
            self.distancing = other.distancing.clone();
        }
        self.index = build_index(&self.categories, &self.actors, &self.distancing);
    }
}

fn build_index(categories: &[Category], actors: &[Actor], distancing: &[Entry]) -> Indexes {
    let mut index = Indexes::default();
    for (c, cat) in categories.iter().enumerate() {
        for (e, entry) in cat.entries.iter().enumerate() {
            index
                .terms
                .entry(entry.language.clone())
                .or_default()
                .add((c as u16, e as u32), &entry.units);
        }
    }
    for (a, actor) in actors.iter().enumerate() {
        for alias in &actor.aliases {
            index.actors.add(a as u16, &alias.units);
        }
    }
    for (m, marker) in distancing.iter().enumerate() {
        index
            .distancing
            .entry(marker.language.clone())
            .or_default()
            .add(m as u32, &marker.units);
    }
    index
}

/// Which kind of entry is being compiled (acronym handling differs for actors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Term,
    Alias,
}

/// Compiles an entry's text into units with the text's analyzer. Errors are a
/// message and the byte offset of the problem inside `text`.
pub(crate) fn compile_entry(
    text: &str,
    analyzer: &Analyzer,
    matching: Matching,
    kind: EntryKind,
) -> Result<Vec<Unit>, (usize, String)> {
    let mut units = Vec::new();
    let base = text.as_ptr() as usize;
    for piece in text.split_whitespace() {
        let off = piece.as_ptr() as usize - base;
        if let Some(star) = piece.find('*') {
            if star + 1 != piece.len() || star == 0 {
                return Err((
                    off + star,
                    format!("unsupported glob '{piece}': '*' may only end a word (a LIWC prefix glob such as 'terror*')"),
                ));
            }
            let prefix = normalize_word(&piece[..star]);
            if !prefix.chars().any(char::is_alphabetic) {
                return Err((off, format!("glob '{piece}' has no letter before the '*'")));
            }
            units.push(Unit::Prefix(prefix));
            continue;
        }
        let analyzed = analyzer.analyze(piece);
        for t in &analyzed.tokens {
            let raw = &piece[t.start..t.end];
            let acronym = kind == EntryKind::Alias
                && raw.chars().count() >= 2
                && raw.chars().all(|c| c.is_uppercase() && c.is_alphabetic());
            units.push(if acronym {
                Unit::Surface(raw.to_string())
            } else if kind == EntryKind::Alias {
                // Names match as written (case-insensitively): stemming would make
                // "protesters" match "protests".
                Unit::Norm(t.norm.to_string())
            } else {
                match matching {
                    Matching::Stem => Unit::Stem(t.stem.to_string()),
                    Matching::Exact => Unit::Norm(t.norm.to_string()),
                }
            });
        }
    }
    if units.is_empty() {
        return Err((0, format!("entry '{text}' contains no word")));
    }
    Ok(units)
}

/// A set of token patterns with an index on the first unit.
#[derive(Debug, Clone)]
pub(crate) struct PatternSet<K> {
    pub patterns: Vec<(K, Vec<Unit>)>,
    by_stem: FxHashMap<String, Vec<u32>>,
    by_norm: FxHashMap<String, Vec<u32>>,
    by_prefix: FxHashMap<String, Vec<u32>>,
    /// Keyed by the lowercased surface; the case is checked on match.
    by_surface: FxHashMap<String, Vec<u32>>,
    /// Longest glob prefix, in bytes (bounds the prefix lookups per token).
    max_prefix: usize,
}

impl<K> Default for PatternSet<K> {
    fn default() -> Self {
        PatternSet {
            patterns: Vec::new(),
            by_stem: FxHashMap::default(),
            by_norm: FxHashMap::default(),
            by_prefix: FxHashMap::default(),
            by_surface: FxHashMap::default(),
            max_prefix: 0,
        }
    }
}

impl<K: Copy> PatternSet<K> {
    pub fn add(&mut self, key: K, units: &[Unit]) {
        let id = self.patterns.len() as u32;
        let Some(first) = units.first() else {
            return;
        };
        match first {
            Unit::Stem(s) => self.by_stem.entry(s.clone()).or_default().push(id),
            Unit::Norm(s) => self.by_norm.entry(s.clone()).or_default().push(id),
            Unit::Prefix(p) => {
                self.max_prefix = self.max_prefix.max(p.len());
                self.by_prefix.entry(p.clone()).or_default().push(id)
            }
            Unit::Surface(s) => self
                .by_surface
                .entry(s.to_lowercase())
                .or_default()
                .push(id),
        }
        self.patterns.push((key, units.to_vec()));
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Calls `f(key, len)` for every pattern that matches the tokens starting at
    /// `i` (all within `i`'s sentence), in pattern order.
    pub fn matches_at(&self, toks: &[TokView<'_>], i: usize, out: &mut Vec<(K, usize)>) {
        out.clear();
        let t = &toks[i];
        let mut ids: Vec<u32> = Vec::new();
        if let Some(v) = self.by_stem.get(t.stem) {
            ids.extend_from_slice(v);
        }
        if let Some(v) = self.by_norm.get(t.norm) {
            ids.extend_from_slice(v);
        }
        if let Some(v) = self.by_surface.get(t.norm) {
            ids.extend_from_slice(v);
        }
        if !self.by_prefix.is_empty() {
            for (k, _) in t
                .norm
                .char_indices()
                .skip(1)
                .chain(std::iter::once((t.norm.len(), ' ')))
            {
                if k > self.max_prefix {
                    break;
                }
                if let Some(v) = self.by_prefix.get(&t.norm[..k]) {
                    ids.extend_from_slice(v);
                }
            }
        }
        if ids.len() > 1 {
            ids.sort_unstable();
            ids.dedup();
        }
        for id in ids {
            let (key, units) = &self.patterns[id as usize];
            if i + units.len() > toks.len() {
                continue;
            }
            let ok = units.iter().enumerate().all(|(j, u)| {
                let tj = &toks[i + j];
                tj.sentence == t.sentence && unit_matches(u, tj)
            });
            if ok {
                out.push((*key, units.len()));
            }
        }
    }
}

/// What the matcher needs of a token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokView<'a> {
    pub stem: &'a str,
    pub norm: &'a str,
    pub raw: &'a str,
    pub sentence: u32,
}

fn unit_matches(u: &Unit, t: &TokView<'_>) -> bool {
    match u {
        Unit::Stem(s) => s == t.stem,
        Unit::Norm(s) => s == t.norm,
        Unit::Prefix(p) => t.norm.starts_with(p.as_str()),
        Unit::Surface(s) => s == t.raw,
    }
}
