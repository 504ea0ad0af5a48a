//! The pipeline: read the corpus in batches, analyze every article of a batch in
//! parallel (rayon), and hand the per-article results to a sink in corpus order.
//!
//! Invariants:
//! - articles stream through: at most one batch of text is in memory;
//! - the sink sees articles in corpus order whatever the thread count, so
//!   everything built from it is the same for any `--threads`;
//! - one `Analyzer` per language, shared read-only by all threads.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::analyze::{blank_boilerplate, Analyzed, Analyzer, AnalyzerConfig, WordCache};
use crate::corpus::{Article, CorpusReader, ReadOptions, SourceInfo, Warning};
use crate::count::articles::MAX_ENTRIES;
use crate::count::intern::SharedUnigrams;
use crate::count::ranked::RankedCounts;
use crate::count::LocalCounts;
use crate::error::{Error, Result};

/// Bytes of article text read per batch: large enough to keep every thread
/// busy, small enough that memory does not grow with the corpus.
pub const BATCH_BYTES: usize = 8 << 20;

/// What to read and how to analyze it.
#[derive(Debug, Clone)]
pub struct Config {
    pub corpus: PathBuf,
    pub read: ReadOptions,
    pub analyzer: AnalyzerConfig,
    /// Worker threads; `None` = one per core.
    pub threads: Option<usize>,
}

/// What the reader reported besides the articles.
#[derive(Debug, Clone)]
pub struct ReadSummary {
    pub sources: BTreeMap<String, SourceInfo>,
    pub warnings: Vec<Warning>,
    pub skipped_empty: u64,
    pub articles: u64,
    /// The files read and their hashes, with `read.hash_inputs`.
    pub inputs: Vec<crate::corpus::InputDigest>,
}

/// Analyzers by language, built on first use.
struct Analyzers {
    config: AnalyzerConfig,
    by_language: BTreeMap<String, Analyzer>,
}

impl Analyzers {
    fn prepare(&mut self, batch: &[Article]) -> Result<()> {
        for a in batch {
            if !self.by_language.contains_key(&a.language) {
                let an = Analyzer::new(&a.language, &self.config).map_err(|e| match e {
                    Error::Usage(m) => {
                        Error::input(&a.path, a.line, format!("article '{}': {m}", a.id))
                    }
                    other => other,
                })?;
                self.by_language.insert(a.language.clone(), an);
            }
        }
        Ok(())
    }
}

fn thread_pool(config: &Config) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))
}

/// One batch of articles with the sources known when it was read.
type Batch = (Vec<Article>, BTreeMap<String, SourceInfo>);

/// What a read task hands back: the next batch (with the sources known when
/// it was read) or the end, and the reader for the next read.
type Read = (Result<Option<Batch>>, Option<CorpusReader>);

/// Reads one batch on a thread of `scope`'s pool and sends it with the reader.
fn spawn_read<'s>(
    scope: &rayon::Scope<'s>,
    mut reader: CorpusReader,
    batch_bytes: usize,
    tx: std::sync::mpsc::Sender<Read>,
) {
    scope.spawn(move |_| {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reader
                .next_batch(batch_bytes)
                .map(|b| b.map(|b| (b, reader.sources().clone())))
        }));
        let sent = match read {
            Ok(batch) => (batch, Some(reader)),
            Err(_) => (
                Err(Error::Internal("the corpus reader panicked".into())),
                None,
            ),
        };
        // The receiver only goes away after the last read it asked for.
        let _ = tx.send(sent);
    });
}

/// Reads the corpus one batch ahead of `process`, which gets every batch in
/// corpus order with an analyzer for each of its languages. Each batch is read
/// by a task on `pool` while `process` works on the batch before it, so the
/// run uses the pool's threads and no other (with `--threads 1`, one thread
/// reads and then analyzes, in turn). The first error of `process` ends the run.
fn read_batches(
    config: &Config,
    pool: &rayon::ThreadPool,
    mut process: impl FnMut(
        &[Article],
        &BTreeMap<String, SourceInfo>,
        &BTreeMap<String, Analyzer>,
    ) -> Result<()>,
) -> Result<ReadSummary> {
    let reader = CorpusReader::open(&config.corpus, &config.read)?;
    let batch_bytes = config.read.batch_bytes.unwrap_or(BATCH_BYTES).max(1);
    let mut analyzers = Analyzers {
        config: config.analyzer.clone(),
        by_language: BTreeMap::new(),
    };
    let (tx, rx) = std::sync::mpsc::channel::<Read>();
    let mut progress = crate::progress::Reading::start(&config.corpus);
    let reader = pool.in_place_scope(|scope| -> Result<CorpusReader> {
        spawn_read(scope, reader, batch_bytes, tx.clone());
        loop {
            let (read, reader) = rx
                .recv()
                .map_err(|_| Error::Internal("the corpus reader stopped".into()))?;
            let (batch, sources) = match read? {
                Some(b) => b,
                None => return reader.ok_or_else(|| Error::Internal("no corpus reader".into())),
            };
            if let Some(reader) = reader {
                spawn_read(scope, reader, batch_bytes, tx.clone());
            }
            analyzers.prepare(&batch)?;
            process(&batch, &sources, &analyzers.by_language)?;
            let bytes: usize = batch.iter().map(|a| a.text.len()).sum();
            progress.advance(bytes as u64, batch.len() as u64);
        }
    })?;
    progress.finish();
    let s = reader.finish()?;
    Ok(ReadSummary {
        sources: s.sources,
        warnings: s.warnings,
        skipped_empty: s.skipped_empty,
        articles: s.articles,
        inputs: s.inputs,
    })
}

/// The boilerplate lines of an article's source.
fn boilerplate<'a>(sources: &'a BTreeMap<String, SourceInfo>, a: &Article) -> &'a [String] {
    sources
        .get(&a.source)
        .map(|s| s.boilerplate.as_slice())
        .unwrap_or(&[])
}

/// Runs `map` on every article in parallel and `sink` on the results in corpus order.
pub fn for_each_article<T, M, S>(config: &Config, map: M, sink: S) -> Result<ReadSummary>
where
    T: Send,
    M: Fn(&Article, &Analyzer, &Analyzed) -> T + Sync,
    S: FnMut(&Article, T),
{
    let pool = thread_pool(config)?;
    each_article(config, &pool, None, &|_| Ok(true), map, sink)
}

/// [`for_each_article`] for the articles `keep` accepts: the others are read
/// (and hashed, with `read.hash_inputs`) but neither analyzed nor mapped. An
/// error of `keep` ends the run with it.
pub fn for_each_article_where<T, K, M, S>(
    config: &Config,
    keep: &K,
    map: M,
    sink: S,
) -> Result<ReadSummary>
where
    T: Send,
    K: Fn(&Article) -> Result<bool> + Sync,
    M: Fn(&Article, &Analyzer, &Analyzed) -> T + Sync,
    S: FnMut(&Article, T),
{
    let pool = thread_pool(config)?;
    each_article(config, &pool, None, keep, map, sink)
}

/// The pass of [`for_each_article`] over the articles `keep` accepts,
/// counting every article into `counters` too when given.
fn each_article<T, K, M, S>(
    config: &Config,
    pool: &rayon::ThreadPool,
    counters: Option<&Counters>,
    keep: &K,
    map: M,
    mut sink: S,
) -> Result<ReadSummary>
where
    T: Send,
    K: Fn(&Article) -> Result<bool> + Sync,
    M: Fn(&Article, &Analyzer, &Analyzed) -> T + Sync,
    S: FnMut(&Article, T),
{
    // Per worker thread and language: each distinct word normalized and
    // stemmed once, its tokens sharing the strings.
    let caches: Vec<Mutex<BTreeMap<String, WordCache>>> = (0..pool.current_num_threads().max(1))
        .map(|_| Mutex::new(BTreeMap::new()))
        .collect();
    read_batches(config, pool, |batch, sources, by_language| {
        let results: Vec<Option<T>> = pool.install(|| {
            batch
                .par_iter()
                .map(|a| -> Result<Option<T>> {
                    if !keep(a)? {
                        return Ok(None);
                    }
                    // `prepare` built an analyzer for every language of the batch.
                    let an = &by_language[&a.language];
                    let lines = boilerplate(sources, a);
                    let text = blank_boilerplate(&a.text, lines);
                    let i = rayon::current_thread_index().unwrap_or(0) % caches.len();
                    let analyzed = {
                        let mut slot = caches[i].lock().unwrap_or_else(|e| e.into_inner());
                        let cache = slot.entry(a.language.clone()).or_default();
                        an.analyze_cached(&text, cache)
                    };
                    if let Some(c) = counters {
                        c.add(0, an, &a.source, &text)?;
                    }
                    Ok(Some(map(a, an, &analyzed)))
                })
                .collect::<Result<_>>()
        })?;
        for (a, r) in batch.iter().zip(results) {
            if let Some(r) = r {
                sink(a, r);
            }
        }
        Ok(())
    })
}

/// Counts by source on the fast path: every worker thread folds its articles
/// into its own id-based `LocalCounts` (no per-token allocation; each distinct
/// word looked up once per thread in the shared unigram table, and stemmed once
/// in all), merged once at the end into one term table.
pub fn count_ranked(config: &Config) -> Result<(ReadSummary, RankedCounts)> {
    count_ranked_keeping(config, false)
}

/// [`count_ranked`], keeping each article's terms (`RankedCounts::articles`)
/// when `keep_articles`.
pub fn count_ranked_keeping(
    config: &Config,
    keep_articles: bool,
) -> Result<(ReadSummary, RankedCounts)> {
    let pool = thread_pool(config)?;
    let counters = Counters::new(pool.current_num_threads(), keep_articles);
    let mut seen = 0u64;
    let read = read_batches(config, &pool, |batch, sources, by_language| {
        let first = seen;
        seen += batch.len() as u64;
        pool.install(|| {
            batch.par_iter().enumerate().try_for_each(|(i, a)| {
                let an = &by_language[&a.language];
                let text = blank_boilerplate(&a.text, boilerplate(sources, a));
                counters.add(first + i as u64, an, &a.source, &text)
            })
        })
    })?;
    Ok((read, counters.finish(&pool)?))
}

/// The fast-path counters of one pass: a `LocalCounts` per worker thread and
/// the unigram table they share.
struct Counters {
    shared: SharedUnigrams,
    workers: Vec<Mutex<LocalCounts>>,
    /// Articles' entries kept by all threads, and whether they went past
    /// `count::articles::MAX_ENTRIES` (then none are kept).
    kept: AtomicUsize,
    over: AtomicBool,
}

impl Counters {
    fn new(threads: usize, keep_articles: bool) -> Counters {
        let local = || {
            if keep_articles {
                LocalCounts::keeping_articles()
            } else {
                LocalCounts::new()
            }
        };
        Counters {
            shared: SharedUnigrams::new(),
            workers: (0..threads.max(1)).map(|_| Mutex::new(local())).collect(),
            kept: AtomicUsize::new(0),
            over: AtomicBool::new(false),
        }
    }

    /// Counts the article at corpus position `seq` into the calling worker
    /// thread's counts (fails only when ids run out).
    fn add(&self, seq: u64, an: &Analyzer, source: &str, text: &str) -> Result<()> {
        let i = rayon::current_thread_index().unwrap_or(0) % self.workers.len();
        match self.workers.get(i) {
            Some(w) => {
                let mut w = w.lock().unwrap_or_else(|e| e.into_inner());
                let before = w.kept_entries();
                w.add_article_at(seq, an, source, text, &self.shared)?;
                let added = w.kept_entries() - before;
                if added > 0 {
                    let kept = self.kept.fetch_add(added, Ordering::Relaxed) + added;
                    if kept > MAX_ENTRIES {
                        self.over.store(true, Ordering::Relaxed);
                    }
                }
                if self.over.load(Ordering::Relaxed) && before + added > 0 {
                    w.drop_kept();
                }
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Merges the threads' counts once, after all articles.
    fn finish(self, pool: &rayon::ThreadPool) -> Result<RankedCounts> {
        let locals: Vec<LocalCounts> = self
            .workers
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .collect();
        let mut locals = locals;
        let over = self.over.load(Ordering::Relaxed);
        if over {
            locals.iter_mut().for_each(LocalCounts::drop_kept);
        }
        let unigrams = self.shared.into_inner();
        let mut counts = pool.install(|| RankedCounts::from_locals(unigrams, locals))?;
        counts.articles_over_limit = over;
        Ok(counts)
    }
}

/// [`for_each_article`] that also counts the terms of every article on the
/// fast path (as [`count_ranked`] does), in the same pass: for commands that
/// need both the analyzed articles and the corpus counts, without reading the
/// corpus twice (it may be standard input).
pub fn for_each_article_counted<T, M, S>(
    config: &Config,
    map: M,
    sink: S,
) -> Result<(ReadSummary, RankedCounts)>
where
    T: Send,
    M: Fn(&Article, &Analyzer, &Analyzed) -> T + Sync,
    S: FnMut(&Article, T),
{
    let pool = thread_pool(config)?;
    let counters = Counters::new(pool.current_num_threads(), false);
    let read = each_article(config, &pool, Some(&counters), &|_| Ok(true), map, sink)?;
    Ok((read, counters.finish(&pool)?))
}
