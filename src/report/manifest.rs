//! `manifest.json`: what made this report — tool version, SHA-256 of every input
//! file and of the lexicon, and every parameter. No wall-clock time and no
//! absolute paths that differ between checkouts, so a rerun gives the same bytes.

use serde::Serialize;

use super::model::Report;
pub use crate::corpus::sha256_hex;
use crate::error::{Error, Result};

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    bytes: u64,
    sha256: &'a str,
}

/// `files`: every other file of the report, relative, sorted. The corpus files
/// read are summarized — how many, their bytes, and the SHA-256 of their list
/// (`data/inputs.csv`: path, bytes and SHA-256 of each) — so the manifest
/// stays small for a million inputs and still pins every byte read.
pub fn manifest(report: &Report, files: &[String]) -> Result<Vec<u8>> {
    let lex = Input {
        path: &report.lexicon_file.path,
        bytes: report.lexicon_file.bytes,
        sha256: &report.lexicon_file.sha256,
    };
    let value = serde_json::json!({
        "tool": report.tool,
        "schema_version": report.schema_version,
        "corpus": report.settings.corpus,
        "inputs": {
            "files": report.inputs.files,
            "bytes": report.inputs.bytes,
            "list": "data/inputs.csv",
            "list_sha256": report.inputs.list_sha256,
        },
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
