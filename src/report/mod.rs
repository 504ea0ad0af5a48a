//! `framelens report`: turns the corpus and the lexicon into `reports/`:
//! `index.html` (self-contained), `README.md`, `analysis.json`, `data/*.csv`,
//! `charts/*.svg` and `manifest.json`.
//!
//! Invariants: `model::Report` is computed once (`build`) and every exporter only
//! formats it; all files are built in memory and written atomically (`write`),
//! so a failed run leaves the previous reports intact; no exporter reads the
//! clock, the environment or absolute paths, so reruns give the same bytes.

pub mod build;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over report rows and series built by the report code itself"
)]
pub mod charts;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over report rows built by the report code itself"
)]
pub mod data;
pub mod escape;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over report rows built by the report code itself"
)]
pub mod findings;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over report rows built by the report code itself"
)]
pub mod html;
mod interrupt;
pub mod lines;
pub mod manifest;
#[allow(
    clippy::indexing_slicing,
    reason = "indices over report rows built by the report code itself"
)]
pub mod markdown;
pub mod model;
pub mod tables;
pub mod write;

use std::path::{Path, PathBuf};

pub use build::ReportConfig;
pub use model::Report;
use write::Sink;

use crate::analysis::collect::{load_lexicon, partial};
use crate::error::{Error, Result, Warning};
use crate::lexicon::Lexicon;
use crate::partial::{InputFile, Stats};

/// The statistics a report is made from, and what made them.
pub struct Prepared {
    pub cfg: ReportConfig,
    pub lexicon: Lexicon,
    pub lexicon_warnings: Vec<crate::lexicon::Warning>,
    pub lexicon_file: InputFile,
    pub stats: Stats,
    /// The text the key terms' lines are read from.
    pub text: lines::Text,
}

/// Reads the lexicon, then the corpus: the report's statistics.
pub fn prepare(cfg: &ReportConfig) -> Result<Prepared> {
    let (lexicon, mut lexicon_warnings, lexicon_file) = load_lexicon(&cfg.lexicon, &cfg.pipeline)?;
    let stats = partial(
        &cfg.pipeline,
        &lexicon,
        lexicon_file.sha256.clone(),
        cfg.window,
    )?;
    lexicon_warnings.extend(uncovered(&lexicon, &cfg.lexicon, &stats));
    let text = if cfg.pipeline.corpus.as_os_str() == "-" {
        lines::Text::Missing(
            "The corpus was read from standard input, which cannot be read a second time for the key terms' lines; give it as a file or a folder for them.".into(),
        )
    } else {
        lines::Text::Corpus {
            config: Box::new(cfg.pipeline.clone()),
            stats_from_partials: false,
        }
    };
    Ok(Prepared {
        cfg: cfg.clone(),
        lexicon,
        lexicon_warnings,
        lexicon_file,
        stats,
        text,
    })
}

/// The lexicon's warnings about the sources' languages it has no terms in.
fn uncovered(lexicon: &Lexicon, path: &Path, stats: &Stats) -> Vec<crate::lexicon::Warning> {
    lexicon.uncovered_languages(
        path,
        stats
            .sources
            .iter()
            .map(|(id, m)| (id.as_str(), m.language.as_str())),
    )
}

/// Every file of `reports/`, into `out`: the full tables of `data/` as they
/// are made, then `analysis.json`, the charts, the page, the README, and last
/// the manifest, which lists every other file. Returns the report.
pub fn write(p: &Prepared, out: &Sink) -> Result<Report> {
    let lex = build::LexiconInput {
        lexicon: &p.lexicon,
        warnings: p.lexicon_warnings.clone(),
        file: p.lexicon_file.clone(),
    };
    let started = std::time::Instant::now();
    let mut report = build::build(&p.cfg, lex, &p.stats, out)?;
    crate::progress::stage("statistics and data/*.csv", started);
    let started = std::time::Instant::now();
    lines::attach(
        &mut report,
        &p.text,
        &p.lexicon,
        &p.stats,
        p.cfg.window,
        out,
    )?;
    crate::progress::stage("the key terms' lines", started);
    let started = std::time::Instant::now();
    let (json, rest) = rayon::join(
        || data::json(&report, out),
        || -> Result<()> {
            // The page shows the shown sources one by one; the lexicon heatmap
            // keeps every source (one row each).
            let page = report.for_page();
            let charts = charts::charts(&report, &page);
            charts::files(&charts, out)?;
            data::readme(&report, out)?;
            out.put("index.html", html::page(&page, &charts).as_bytes())?;
            out.put("README.md", markdown::readme(&page, &charts).as_bytes())?;
            Ok(())
        },
    );
    json.and(rest)?;
    crate::progress::stage("analysis.json, charts and pages", started);
    // Last: it lists every other file, so that a later run knows what it may replace.
    let manifest = manifest::manifest(&report, &out.paths())?;
    out.put("manifest.json", &manifest)?;
    Ok(report)
}

/// The report and every file of `reports/`, in memory.
pub fn files(p: &Prepared) -> Result<(Report, write::Files)> {
    let sink = Sink::memory();
    let report = write(p, &sink)?;
    Ok((report, sink.into_files()))
}

/// What a report run did.
pub enum Outcome {
    Written { files: usize },
    UpToDate { files: usize },
}

/// Builds the report and writes it to `out`, or with `check` compares it with
/// what is there and fails naming every stale file.
pub fn run(cfg: &ReportConfig, out: &Path, check: bool) -> Result<(Outcome, Vec<Warning>)> {
    if !check {
        // Fail before the work, not after it, when `out` cannot be written.
        write::check_out_place(out, Some(&cfg.pipeline.corpus), &[&cfg.lexicon])?;
        write::check_writable(out)?;
    }
    let p = prepare(cfg)?;
    write_report(&p, out, check)
}

/// `report --stats`: the report from partial statistics (`framelens count`,
/// `framelens merge`), summed when there are several. The analyzer settings
/// and the KWIC window are the partials'; the lexicon must be the one they
/// were made with (its SHA-256 is in their header).
pub fn run_stats(
    cfg: &ReportConfig,
    partials: &[PathBuf],
    corpus: Option<&Path>,
    out: &Path,
    check: bool,
) -> Result<(Outcome, Vec<Warning>)> {
    if !check {
        // Fail before the work, not after it, when `out` cannot be written.
        let mut inputs: Vec<&Path> = partials.iter().map(PathBuf::as_path).collect();
        inputs.push(&cfg.lexicon);
        write::check_out_place(out, None, &inputs)?;
        write::check_writable(out)?;
    }
    let p = prepare_stats(cfg, partials, corpus)?;
    write_report(&p, out, check)
}

/// The report's statistics from partials, with the configuration they were
/// made with; `corpus`: the corpus they were counted from, for the key
/// terms' lines (partials hold no text).
pub fn prepare_stats(
    cfg: &ReportConfig,
    partials: &[PathBuf],
    corpus: Option<&Path>,
) -> Result<Prepared> {
    let stats = crate::partial::merge_files(partials)?;
    let first = partials
        .first()
        .map(PathBuf::as_path)
        .unwrap_or(Path::new("-"));
    let (analyzer, window) = stats
        .header
        .analyzer()
        .map_err(|m| Error::input(first, 1, m))?;
    let mut cfg = cfg.clone();
    cfg.pipeline.analyzer = analyzer;
    cfg.window = window;
    let (lexicon, mut lexicon_warnings, lexicon_file) = load_lexicon(&cfg.lexicon, &cfg.pipeline)?;
    lexicon_warnings.extend(uncovered(&lexicon, &cfg.lexicon, &stats));
    if lexicon_file.sha256 != stats.header.lexicon_sha256 {
        return Err(Error::Usage(format!(
            "{} (sha256 {}) is not the lexicon the partials were made with (sha256 {}); pass that one with --lexicon",
            cfg.lexicon.display(),
            lexicon_file.sha256,
            stats.header.lexicon_sha256
        )));
    }
    let entries: Vec<usize> = lexicon.categories.iter().map(|c| c.entries.len()).collect();
    stats
        .check_shape(&entries, lexicon.actors.len())
        .map_err(|m| Error::input(first, 0, m))?;
    let text = match corpus {
        Some(c) if c.as_os_str() == "-" => {
            return Err(Error::Usage(
                "report --stats --corpus reads the corpus for the key terms' lines: give it as a file or a folder, not standard input".into(),
            ))
        }
        Some(c) => {
            let mut config = cfg.pipeline.clone();
            config.corpus = c.to_path_buf();
            lines::Text::Corpus {
                config: Box::new(config),
                stats_from_partials: true,
            }
        }
        None => lines::Text::Missing(
            "A report made from partials has no text, so the key terms are not linked to their sentences: framelens report --stats PARTIAL --corpus CORPUS, with the corpus the partials were counted from (in any layout), adds them.".into(),
        ),
    };
    Ok(Prepared {
        cfg,
        lexicon,
        lexicon_warnings,
        lexicon_file,
        stats,
        text,
    })
}

/// The warnings to print: the reader's (all of them are in `data/warnings.csv`;
/// an empty article is one of them) and the lexicon's.
fn warnings(p: &Prepared) -> Vec<Warning> {
    let mut w = p.stats.warnings.clone();
    w.extend(p.lexicon_warnings.iter().cloned());
    w
}

fn write_report(p: &Prepared, out: &Path, check: bool) -> Result<(Outcome, Vec<Warning>)> {
    if check {
        let (_, files) = files(p)?;
        let stale = write::stale_files(out, &files)?;
        if !stale.is_empty() {
            return Err(Error::Stale(format!(
                "{} is stale; rerun `framelens report` to regenerate it:\n  {}",
                out.display(),
                stale.join("\n  ")
            )));
        }
        return Ok((Outcome::UpToDate { files: files.len() }, warnings(p)));
    }
    write::check_replaceable(out)?;
    let files = write::write_atomically_with(
        out,
        |sink| write(p, sink).map(|_| ()),
        || write::check_replaceable(out),
    )?;
    Ok((Outcome::Written { files }, warnings(p)))
}
