//! Corpus input (the layouts of README.md, "Corpus layouts"): streams articles from a directory, a JSONL file
//! or a CSV file, in a deterministic order, in batches of about a given size.
//!
//! Layouts, detected from the path:
//! - a directory `DIR/<source>/<article>.txt|.md` with an optional
//!   `DIR/corpus.toml` manifest ([`dir`], [`manifest`]);
//! - a `.jsonl` (or `.ndjson`) file, one JSON object per line ([`jsonl`]);
//! - a `.csv` file with a header row ([`csv`]);
//! - `-`: JSONL on standard input (for `framelens count` in a pipe; it may hold
//!   no article at all: an empty shard).
//!
//! Invariants:
//! - Articles stream: memory holds one batch of texts, the list of file names of
//!   one source folder, and a 128-bit hash plus a line number per explicit id
//!   (for duplicate detection), never the whole corpus.
//! - Order is deterministic: directory sources sorted by name, files sorted by
//!   name (byte order); JSONL and CSV in file order.
//! - Bad input is an [`Error::Input`] naming the file and line, never a panic; an
//!   empty article (whitespace only, or no letter at all) and a lossily decoded
//!   one are [`Warning`]s, collected; the catalogue of bad inputs and what each
//!   gives is `tests/fixtures/bad/CATALOGUE.md`.
//! - Texts are passed on unchanged (a leading UTF-8 BOM is stripped), so byte
//!   offsets of later stages point into the original text.
//! - With [`ReadOptions::hash_inputs`], every input file is hashed (SHA-256) from
//!   the very bytes read, as they are read ([`CorpusSummary::inputs`]): the
//!   manifest describes the text analyzed even if a file changes during the run,
//!   and no file is read twice.

mod csv;
mod dir;
mod jsonl;
mod manifest;
pub(crate) mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub(crate) use manifest::one_line;
pub use manifest::MANIFEST_FILE;
pub(crate) use text::read_line_capped;

/// The corpus path that means JSONL on standard input.
pub const STDIN: &str = "-";

/// The language used when neither the article nor its source names one, and
/// no other default is given ([`ReadOptions::language`], `--language`).
pub const DEFAULT_LANGUAGE: &str = "en";

/// Upper bound on one article (file, JSONL line or CSV record). Far above any real
/// article; it turns a runaway quote or a missing newline in a multi-gigabyte
/// file into an error instead of an attempt to load the rest of the file.
pub const MAX_RECORD_BYTES: usize = 256 * 1024 * 1024;

/// Upper bound on a settings file: a directory manifest (`corpus.toml`), a
/// lexicon or a stopword list. As for articles, far above any real one.
pub const MAX_SETTINGS_FILE_BYTES: u64 = MAX_RECORD_BYTES as u64;

/// Reads a whole settings file (a manifest, a lexicon, a stopword list): it
/// must be a regular file (a FIFO would block forever, `/dev/zero` never end, a
/// folder is a mistake) of at most `limit` bytes. Errors keep their kind
/// (`NotFound` stays `NotFound`); the caller names the file.
///
/// The type is checked before opening (opening a FIFO blocks until a writer
/// comes) and again on the file opened.
pub fn read_regular_file(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    check_regular(&meta.file_type())?;
    let too_big = |len: u64| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "file of {len} bytes exceeds the {} MiB limit for this kind of file",
                limit >> 20
            ),
        )
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    check_regular(&meta.file_type())?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    // A file that grew since: still no more than the limit (and one byte, to tell).
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// An error unless `t` is a regular file, saying what it is instead.
fn check_regular(t: &std::fs::FileType) -> std::io::Result<()> {
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_dir() {
        "a folder"
    } else {
        special_file_kind(t)
    };
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a regular file but {what}"),
    ))
}

#[cfg(unix)]
fn special_file_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// One article, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Unique within the corpus: `<source>/<file name>` in a directory; the `id`
    /// field or column in JSONL/CSV, else `<file name>:<line>`.
    pub id: String,
    /// The source id: the folder name, or the `source` field/column.
    pub source: String,
    /// The text, unchanged except for a stripped leading BOM.
    pub text: String,
    /// The file it came from.
    pub path: PathBuf,
    /// 1-based line where the article starts in a JSONL/CSV file; 0 for a whole file.
    pub line: u64,
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// The article's language (ISO 639-1), else its source's, else the
    /// corpus default ([`ReadOptions::language`], else [`DEFAULT_LANGUAGE`]).
    pub language: String,
}

/// A source: an outlet, a speaker, a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// The folder name or the `source` value.
    pub id: String,
    /// The display name (the manifest's `name`, else the id).
    pub name: String,
    pub url: Option<String>,
    /// While reading, the language declared for the source (`corpus.toml`),
    /// else the corpus default, which articles may override; once read
    /// ([`CorpusReader::finish`]), the language of its articles, or
    /// [`crate::language::MIXED`] when they are in several (shards merge to
    /// the same, see `language::combine`).
    pub language: String,
    /// Whole lines (compared after trimming) that the analyzer drops.
    pub boilerplate: Vec<String>,
    pub notes: Option<String>,
    /// The group the source belongs to (a party, a country, an owner):
    /// `corpus.toml`'s `group`, or the `group` field or column of its
    /// articles, which must all name the same one ([`Common::set_group`]).
    pub group: Option<String>,
}

impl SourceInfo {
    /// A source known only by its id, in the corpus's default `language`.
    pub fn bare(id: &str, language: &str) -> SourceInfo {
        SourceInfo {
            id: id.to_string(),
            name: id.to_string(),
            url: None,
            language: language.to_string(),
            boilerplate: Vec::new(),
            notes: None,
            group: None,
        }
    }
}

pub use crate::error::Warning;

/// How to read a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of failing.
    pub lossy: bool,
    /// CSV only: the source column (default `source`, else `publication`).
    pub source_column: Option<String>,
    /// CSV only: the text column (default `text`, else `content`).
    pub text_column: Option<String>,
    /// CSV only: the id column (default `id` when the header has one).
    pub id_column: Option<String>,
    /// CSV only: the language column (default `language` when the header has one).
    pub language_column: Option<String>,
    /// CSV only: the group column (default `group` when the header has one).
    pub group_column: Option<String>,
    /// The language of an article that names none, nor its source (an ISO
    /// 639-1 code, `--language`); `None`: [`DEFAULT_LANGUAGE`].
    pub language: Option<String>,
    /// Read only these sources (`--source`); empty = all. A name that is not a
    /// source of the corpus is an error listing the known ones.
    pub only_sources: Vec<String>,
    /// Hash every input file as it is read ([`CorpusSummary::inputs`]).
    pub hash_inputs: bool,
    /// Bytes of text per batch of the pipeline; `None`: `pipeline::BATCH_BYTES`.
    pub batch_bytes: Option<usize>,
}

/// An input file as read: its size and SHA-256 (lowercase hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDigest {
    /// The path as the reader opened it.
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(2 * digest.len());
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The running SHA-256 of a file read through [`Hashing`].
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedDigest(Arc<Mutex<(Sha256, u64)>>);

impl SharedDigest {
    fn finish(&self, path: &Path) -> InputDigest {
        let state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        InputDigest {
            path: path.to_path_buf(),
            bytes: state.1,
            sha256: hex(&state.0.clone().finalize()),
        }
    }
}

/// A reader that hashes every byte read through it (when it has a digest).
#[derive(Debug)]
pub(crate) struct Hashing<R> {
    inner: R,
    digest: Option<SharedDigest>,
}

impl<R> Hashing<R> {
    pub(crate) fn new(inner: R, digest: Option<SharedDigest>) -> Hashing<R> {
        Hashing { inner, digest }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(d) = &self.digest {
            let mut state = d.0.lock().unwrap_or_else(|e| e.into_inner());
            state.0.update(buf.get(..n).unwrap_or(&[]));
            state.1 += n as u64;
        }
        Ok(n)
    }
}

/// What was read, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSummary {
    /// The corpus path as given.
    pub path: PathBuf,
    /// The sources that gave at least one article (after `only_sources`).
    pub sources: BTreeMap<String, SourceInfo>,
    /// Articles read per source (same keys as `sources`).
    pub articles_by_source: BTreeMap<String, u64>,
    /// Articles read in all.
    pub articles: u64,
    /// Bytes of article text read.
    pub text_bytes: u64,
    /// Articles skipped as empty: whitespace only, or no letter at all.
    pub skipped_empty: u64,
    pub warnings: Vec<Warning>,
    /// With [`ReadOptions::hash_inputs`], the files read, in the order read: the
    /// directory manifest, then each article file that gave an article (in
    /// corpus order), or the one JSONL/CSV file (none for standard input).
    pub inputs: Vec<InputDigest>,
    /// Notes on articles from a directory manifest, by article id (all entries
    /// that have notes, including articles not selected by `only_sources`).
    pub article_notes: BTreeMap<String, String>,
}

/// State shared by the layouts: options, sources, warnings, counts, ids seen.
#[derive(Debug)]
pub(crate) struct Common {
    pub lossy: bool,
    /// `only_sources` as a set; empty = all.
    pub only: BTreeSet<String>,
    pub sources: BTreeMap<String, SourceInfo>,
    pub warnings: Vec<Warning>,
    pub skipped_empty: u64,
    pub by_source: BTreeMap<String, u64>,
    pub text_bytes: u64,
    /// Whether to hash the files read, and their digests so far.
    pub hash: bool,
    pub inputs: Vec<InputDigest>,
    /// The language of an article that names none, nor its source.
    pub default_language: String,
    /// The language of each source's articles so far (`language::combine`).
    pub article_languages: BTreeMap<String, String>,
    /// JSONL and CSV: each source's group as its first article gave it (none
    /// for no group), with that article's line.
    article_groups: BTreeMap<String, (Option<String>, u64)>,
    ids: IdSet,
}

impl Common {
    fn new(opts: &ReadOptions) -> Common {
        Common {
            lossy: opts.lossy,
            only: opts.only_sources.iter().cloned().collect(),
            sources: BTreeMap::new(),
            warnings: Vec::new(),
            skipped_empty: 0,
            by_source: BTreeMap::new(),
            text_bytes: 0,
            hash: opts.hash_inputs,
            inputs: Vec::new(),
            default_language: opts
                .language
                .clone()
                .unwrap_or_else(|| DEFAULT_LANGUAGE.to_string()),
            article_languages: BTreeMap::new(),
            article_groups: BTreeMap::new(),
            ids: IdSet::default(),
        }
    }

    /// The info of `source`, added as a bare source (in the default
    /// language) when it is new: JSONL and CSV sources, known from their articles.
    pub fn source_entry(&mut self, source: &str) -> &SourceInfo {
        let language = &self.default_language;
        self.sources
            .entry(source.to_string())
            .or_insert_with(|| SourceInfo::bare(source, language))
    }

    /// Records the group an article of `source` names on `line` (`None`: no
    /// group): every article of a source must name the same group, or none
    /// of them any, else an error naming this line and the first one. The
    /// source's group is the one its first article names. A group name is
    /// trimmed; an empty one is no group.
    pub fn set_group(
        &mut self,
        path: &Path,
        line: u64,
        source: &str,
        group: Option<&str>,
    ) -> Result<()> {
        let group = group.map(str::trim).filter(|g| !g.is_empty());
        if let Some(g) = group {
            text::check_no_nul_char(g, "group").map_err(|m| Error::input(path, line, m))?;
        }
        match self.article_groups.get(source) {
            Some((first, _)) if first.as_deref() == group => Ok(()),
            Some((first, first_line)) => {
                let said = |g: Option<&str>| match g {
                    Some(g) => format!("group {g:?}"),
                    None => "no group".to_string(),
                };
                Err(Error::input(
                    path,
                    line,
                    format!(
                        "source {source:?} is in {} here but in {} on line {first_line}: every article of a source must name the same group",
                        said(group),
                        said(first.as_deref())
                    ),
                ))
            }
            None => {
                self.article_groups
                    .insert(source.to_string(), (group.map(str::to_string), line));
                if let Some(info) = self.sources.get_mut(source) {
                    info.group = group.map(str::to_string);
                }
                Ok(())
            }
        }
    }

    /// Whether articles of `source` are wanted.
    pub fn wants(&self, source: &str) -> bool {
        self.only.is_empty() || self.only.contains(source)
    }

    /// Why an article of `source` with this text holds no article, if it does
    /// not ([`text::emptiness_of_article`] with the source's boilerplate lines):
    /// the rule of every layout.
    pub fn emptiness(&self, source: &str, text: &str) -> Option<&'static str> {
        let boilerplate = self
            .sources
            .get(source)
            .map(|s| s.boilerplate.as_slice())
            .unwrap_or(&[]);
        text::emptiness_of_article(text, boilerplate)
    }

    pub fn warn(&mut self, path: &Path, line: u64, message: impl Into<String>) {
        self.warnings.push(Warning::new(path, line, message));
    }

    /// Records an explicit id; a second sighting is an error naming both lines.
    pub fn check_id(&mut self, path: &Path, line: u64, id: &str) -> Result<()> {
        match self.ids.insert(id, line) {
            None => Ok(()),
            Some(first) => Err(Error::input(
                path,
                line,
                format!("duplicate id {id:?}: already used on line {first}"),
            )),
        }
    }

    /// Fails when a name in `only_sources` is not among the known sources: a
    /// usage error (exit 2), as in the commands that check `--source` themselves.
    pub fn check_only_sources(&self, path: &Path) -> Result<()> {
        let unknown: Vec<&str> = self
            .only
            .iter()
            .filter(|s| !self.sources.contains_key(*s))
            .map(String::as_str)
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let known: Vec<&str> = self.sources.keys().map(String::as_str).collect();
        let list = if known.is_empty() {
            "(none)".to_string()
        } else {
            known.join(", ")
        };
        Err(Error::Usage(format!(
            "{}: unknown source {}; known sources: {list}",
            path.display(),
            quote_list(&unknown)
        )))
    }
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ids seen so far, as 128-bit hashes (SHA-256, truncated) with the line of the
/// first sighting: 24 bytes per id whatever its length. A collision between two
/// distinct ids has probability about n²/2¹²⁹, negligible for any corpus.
#[derive(Debug, Default)]
struct IdSet {
    seen: FxHashMap<u128, u64>,
}

impl IdSet {
    /// Inserts `id`; returns the first line if it was already there.
    fn insert(&mut self, id: &str, line: u64) -> Option<u64> {
        let digest = Sha256::digest(id.as_bytes());
        let mut key = [0u8; 16];
        for (k, d) in key.iter_mut().zip(digest.iter()) {
            *k = *d;
        }
        let key = u128::from_le_bytes(key);
        match self.seen.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }
}

enum Layout {
    Dir(dir::DirReader),
    Jsonl(jsonl::JsonlReader),
    Csv(csv::CsvReader),
}

/// Streams the articles of a corpus. Call [`CorpusReader::next_batch`] until it
/// returns `None`, then [`CorpusReader::finish`].
pub struct CorpusReader {
    path: PathBuf,
    layout: Layout,
    common: Common,
    done: bool,
    /// The running hash of a JSONL/CSV file (`hash_inputs`).
    digest: Option<SharedDigest>,
}

impl CorpusReader {
    /// Opens a corpus: a directory, a `.jsonl`/`.ndjson` file or a `.csv` file.
    /// A directory's manifest is read and checked here, and `only_sources` is
    /// checked against its source folders; for JSONL/CSV the sources are known
    /// only at the end of the file, so that check happens there.
    pub fn open(path: &Path, opts: &ReadOptions) -> Result<CorpusReader> {
        if let Some(language) = &opts.language {
            crate::language::check(language)
                .map_err(|m| Error::Usage(format!("--language: {m}")))?;
        }
        let mut common = Common::new(opts);
        if path == Path::new(STDIN) {
            let stdin = std::io::BufReader::with_capacity(1 << 20, std::io::stdin());
            return Ok(CorpusReader {
                path: path.to_path_buf(),
                layout: Layout::Jsonl(jsonl::JsonlReader::from_reader(STDIN, Box::new(stdin))),
                common,
                done: false,
                digest: None,
            });
        }
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let csv_only = [
            &opts.source_column,
            &opts.text_column,
            &opts.id_column,
            &opts.language_column,
            &opts.group_column,
        ]
        .iter()
        .any(|c| c.is_some());
        let digest = (opts.hash_inputs && !meta.is_dir()).then(SharedDigest::default);
        let layout = if meta.is_dir() {
            if csv_only {
                return Err(csv_only_error(path));
            }
            Layout::Dir(dir::DirReader::open(path, &mut common)?)
        } else {
            match ext.as_deref() {
                Some("jsonl") | Some("ndjson") => {
                    if csv_only {
                        return Err(csv_only_error(path));
                    }
                    Layout::Jsonl(jsonl::JsonlReader::open(path, digest.clone())?)
                }
                Some("csv") => Layout::Csv(csv::CsvReader::open(
                    path,
                    opts,
                    &mut common,
                    digest.clone(),
                )?),
                _ => {
                    return Err(Error::input(
                        path,
                        0,
                        "not a corpus: expected a directory, a .jsonl file or a .csv file",
                    ))
                }
            }
        };
        Ok(CorpusReader {
            path: path.to_path_buf(),
            layout,
            common,
            done: false,
            digest,
        })
    }

    /// The next batch of articles: at least one, then more until their texts
    /// reach `max_bytes`. `None` once the corpus is exhausted. The concatenation
    /// of all batches is the same for any `max_bytes`.
    pub fn next_batch(&mut self, max_bytes: usize) -> Result<Option<Vec<Article>>> {
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        while !self.done && (batch.is_empty() || bytes < max_bytes) {
            let next = match &mut self.layout {
                Layout::Dir(r) => r.next_article(&mut self.common)?,
                Layout::Jsonl(r) => r.next_article(&mut self.common)?,
                Layout::Csv(r) => r.next_article(&mut self.common)?,
            };
            match next {
                Some(article) => {
                    bytes += article.text.len();
                    self.common.text_bytes += article.text.len() as u64;
                    *self
                        .common
                        .by_source
                        .entry(article.source.clone())
                        .or_insert(0) += 1;
                    let langs = &mut self.common.article_languages;
                    match langs.get_mut(&article.source) {
                        Some(l) if *l != article.language => *l = crate::language::MIXED.into(),
                        Some(_) => {}
                        None => {
                            langs.insert(article.source.clone(), article.language.clone());
                        }
                    }
                    batch.push(article);
                }
                None => {
                    self.done = true;
                    // At the end of the file: every byte of it went through the hash.
                    if let Some(d) = self.digest.take() {
                        self.common.inputs.push(d.finish(&self.path));
                    }
                    if !matches!(self.layout, Layout::Dir(_)) {
                        self.common.check_only_sources(&self.path)?;
                    }
                }
            }
        }
        Ok(if batch.is_empty() { None } else { Some(batch) })
    }

    /// Warnings so far.
    pub fn warnings(&self) -> &[Warning] {
        &self.common.warnings
    }

    /// The sources known so far: all source folders of a directory (with the
    /// manifest's metadata); for JSONL/CSV, each source once it has been seen
    /// (name = id). An article's source is always here when it is returned.
    pub fn sources(&self) -> &BTreeMap<String, SourceInfo> {
        &self.common.sources
    }

    /// Notes on articles from a directory manifest, by article id.
    pub fn article_notes(&self) -> BTreeMap<String, String> {
        match &self.layout {
            Layout::Dir(r) => r.article_notes(),
            _ => BTreeMap::new(),
        }
    }

    /// Articles skipped as empty (whitespace only, or no letter) so far.
    pub fn skipped_empty(&self) -> u64 {
        self.common.skipped_empty
    }

    /// Ends the read; call it after `next_batch` returned `None` (earlier, it
    /// summarizes what was read so far). Fails if no article was read.
    pub fn finish(self) -> Result<CorpusSummary> {
        let article_notes = self.article_notes();
        let Common {
            sources,
            warnings,
            skipped_empty,
            by_source,
            text_bytes,
            inputs,
            article_languages,
            ..
        } = self.common;
        let articles: u64 = by_source.values().sum();
        // Standard input is a shard of a larger corpus (`framelens count` in a
        // pipe): an empty one is the identity of the merge, not an error.
        if articles == 0 && self.path != Path::new(STDIN) {
            let mut msg = "no articles to read".to_string();
            if skipped_empty > 0 {
                msg.push_str(&format!(" ({skipped_empty} empty article(s) skipped)"));
            }
            return Err(Error::input(&self.path, 0, msg));
        }
        // A source's language is that of its articles (an article may name
        // its own), or `mul` when they differ.
        let sources = sources
            .into_iter()
            .filter(|(id, _)| by_source.contains_key(id))
            .map(|(id, mut info)| {
                if let Some(l) = article_languages.get(&id) {
                    info.language.clone_from(l);
                }
                (id, info)
            })
            .collect::<BTreeMap<_, _>>();
        Ok(CorpusSummary {
            path: self.path,
            sources,
            articles_by_source: by_source,
            articles,
            text_bytes,
            skipped_empty,
            warnings,
            inputs,
            article_notes,
        })
    }
}

fn csv_only_error(path: &Path) -> Error {
    Error::Usage(format!(
        "{}: the source/text/id/language/group column options apply to CSV corpora only",
        path.display()
    ))
}

/// Reads a whole corpus into memory: for tests and small corpora.
pub fn read_all(path: &Path, opts: &ReadOptions) -> Result<(Vec<Article>, CorpusSummary)> {
    let mut reader = CorpusReader::open(path, opts)?;
    let mut all = Vec::new();
    while let Some(batch) = reader.next_batch(usize::MAX)? {
        all.extend(batch);
    }
    Ok((all, reader.finish()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};

    /// Hands out its bytes `step` at a time, as a slow file or a pipe may.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// The hash spans every read: one byte at a time, through a small buffer,
    /// and a line longer than the buffer (which `BufReader` reads past its
    /// buffer); without a digest nothing is hashed.
    #[test]
    fn hashing_sees_every_byte_however_it_is_read() {
        let mut data = b"{\"a\":1}\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', 5000));
        data.extend_from_slice(b"\nlast line, no newline");
        for (step, cap) in [(1, 16), (7, 64), (4096, 1024), (usize::MAX, 1 << 20)] {
            let digest = SharedDigest::default();
            let mut r = BufReader::with_capacity(
                cap,
                Hashing::new(Trickle { data: &data, step }, Some(digest.clone())),
            );
            let mut line = Vec::new();
            while r.read_until(b'\n', &mut line).unwrap() > 0 {}
            let d = digest.finish(Path::new("f"));
            assert_eq!(d.bytes, data.len() as u64, "step {step}, buffer {cap}");
            assert_eq!(d.sha256, sha256_hex(&data), "step {step}, buffer {cap}");
        }
        // A known value: SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
