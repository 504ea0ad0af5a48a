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

pub use build::{build, ReportConfig};
pub use model::Report;
use write::Sink;

use crate::error::{Error, Result};

/// Every file of `reports/`, into `out`. `analysis.json` (the largest) is
/// serialized on one thread while the other files are made on another.
pub fn render(report: &Report, out: &Sink) -> Result<()> {
    let (json, rest) = rayon::join(
        || data::json(report, out),
        || -> Result<()> {
            let charts = charts::charts(report);
            charts::files(&charts, out)?;
            data::files(report, out)?;
            out.put("index.html", html::page(report, &charts).as_bytes())?;
            out.put("README.md", markdown::readme(report, &charts).as_bytes())?;
            Ok(())
        },
    );
    json.and(rest)?;
    // Last: it lists every other file, so that a later run knows what it may replace.
    let manifest = manifest::manifest(report, &report.inputs, &out.paths())?;
    out.put("manifest.json", &manifest)
}

/// Every file of `reports/`, in memory.
pub fn render_files(report: &Report) -> Result<write::Files> {
    let sink = Sink::memory();
    render(report, &sink)?;
    Ok(sink.into_files())
}

/// What a report run did.
pub enum Outcome {
    Written { files: usize },
    UpToDate { files: usize },
}

/// Builds the report and writes it to `out`, or with `check` compares it with
/// what is there and fails naming every stale file.
pub fn run(cfg: &ReportConfig, out: &Path, check: bool) -> Result<(Outcome, Vec<String>)> {
    if !check {
        // Fail before the work, not after it, when `out` cannot be written.
        write::check_out_place(out, Some(&cfg.pipeline.corpus), &[&cfg.lexicon])?;
        write::check_writable(out)?;
    }
    let report = build(cfg)?;
    write_report(&report, out, check)
}

/// `report --stats`: the report from partial statistics (`framelens count`,
/// `framelens merge`), summed when there are several. The analyzer settings
/// and the KWIC window are the partials'; the lexicon must be the one they
/// were made with (its SHA-256 is in their header).
pub fn run_stats(
    cfg: &ReportConfig,
    partials: &[PathBuf],
    out: &Path,
    check: bool,
) -> Result<(Outcome, Vec<String>)> {
    if !check {
        // Fail before the work, not after it, when `out` cannot be written.
        let mut inputs: Vec<&Path> = partials.iter().map(PathBuf::as_path).collect();
        inputs.push(&cfg.lexicon);
        write::check_out_place(out, None, &inputs)?;
        write::check_writable(out)?;
    }
    let (report, _) = build_from_stats(cfg, partials)?;
    write_report(&report, out, check)
}

/// The report from partials, and the configuration it was made with.
pub fn build_from_stats(
    cfg: &ReportConfig,
    partials: &[PathBuf],
) -> Result<(Report, ReportConfig)> {
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
    let (lex, lex_warnings, lex_file) =
        crate::analysis::collect::load_lexicon(&cfg.lexicon, &cfg.pipeline.analyzer)?;
    if lex_file.sha256 != stats.header.lexicon_sha256 {
        return Err(Error::Usage(format!(
            "{} (sha256 {}) is not the lexicon the partials were made with (sha256 {}); pass that one with --lexicon",
            cfg.lexicon.display(),
            lex_file.sha256,
            stats.header.lexicon_sha256
        )));
    }
    let entries: Vec<usize> = lex.categories.iter().map(|c| c.entries.len()).collect();
    stats
        .check_shape(&entries, lex.actors.len())
        .map_err(|m| Error::input(first, 0, m))?;
    Ok((
        build::assemble(&cfg, &lex, lex_warnings, lex_file, &stats)?,
        cfg,
    ))
}

fn write_report(report: &Report, out: &Path, check: bool) -> Result<(Outcome, Vec<String>)> {
    let mut warnings = report.corpus.warnings.clone();
    warnings.extend(report.lexicon.warnings.iter().cloned());
    if check {
        let files = render_files(report)?;
        let stale = write::stale_files(out, &files)?;
        if !stale.is_empty() {
            return Err(Error::Stale(format!(
                "{} is stale; rerun `framelens report` to regenerate it:\n  {}",
                out.display(),
                stale.join("\n  ")
            )));
        }
        return Ok((Outcome::UpToDate { files: files.len() }, warnings));
    }
    write::check_replaceable(out)?;
    let files = write::write_atomically_with(
        out,
        |sink| render(report, sink),
        || write::check_replaceable(out),
    )?;
    Ok((Outcome::Written { files }, warnings))
}
