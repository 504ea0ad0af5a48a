//! `manifest.json`: what made this report — tool version, SHA-256 of every input
//! file and of the lexicon, and every parameter. No wall-clock time and no
//! absolute paths that differ between checkouts, so a rerun gives the same bytes.

use serde::Serialize;

use super::model::Report;
pub use crate::corpus::sha256_hex;
use crate::error::{Error, Result};
use crate::partial::InputFile;

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    bytes: u64,
    sha256: &'a str,
}

/// `inputs`: the corpus files read, as `analysis::collect::input_files` gives them (sorted by
/// path; from a partial, its `input` records). `files`: every other file of
/// the report, relative, sorted.
pub fn manifest(report: &Report, inputs: &[InputFile], files: &[String]) -> Result<Vec<u8>> {
    let input_list: Vec<Input> = inputs
        .iter()
        .map(|i| Input {
            path: &i.path,
            bytes: i.bytes,
            sha256: &i.sha256,
        })
        .collect();
    let lex = Input {
        path: &report.lexicon_file.path,
        bytes: report.lexicon_file.bytes,
        sha256: &report.lexicon_file.sha256,
    };
    let value = serde_json::json!({
        "tool": report.tool,
        "schema_version": report.schema_version,
        "corpus": report.settings.corpus,
        "inputs": input_list,
        "lexicon": lex,
        "parameters": report.settings,
        "outputs": "index.html, README.md, analysis.json, data/*.csv (see data/README.md), charts/*.svg",
        "files": files,
    });
    let mut v =
        serde_json::to_vec_pretty(&value).map_err(|e| Error::Internal(format!("manifest: {e}")))?;
    v.push(b'\n');
    Ok(v)
}
