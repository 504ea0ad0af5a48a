//! `manifest.json`: what made this report — tool version, SHA-256 of every input
//! file and of the lexicon, and every parameter. No wall-clock time and no
//! absolute paths that differ between checkouts, so a rerun gives the same bytes.

use std::path::Path;

use serde::Serialize;

use super::model::Report;
pub use crate::corpus::sha256_hex;
use crate::corpus::InputDigest;
use crate::error::{Error, Result};
use crate::partial::InputFile;

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    bytes: u64,
    sha256: &'a str,
}

/// The corpus files read, as hashed by the reader from the bytes it read
/// (`ReadOptions::hash_inputs`), with their paths as shown in the manifest.
pub fn input_files(
    corpus_root: &Path,
    inputs: &[InputDigest],
) -> std::collections::BTreeSet<InputFile> {
    inputs
        .iter()
        .map(|d| InputFile {
            path: shown(corpus_root, &d.path),
            bytes: d.bytes,
            sha256: d.sha256.clone(),
        })
        .collect()
}

/// `inputs`: the corpus files read, as [`input_files`] gives them (sorted by
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

/// A path relative to the corpus root, with `/` separators, when it is inside it.
fn shown(root: &Path, p: &Path) -> String {
    let rel = if root.is_dir() {
        p.strip_prefix(root).unwrap_or(p)
    } else {
        p
    };
    let s: Vec<String> = rel
        .components()
        .map(|c| match c {
            // Joined with "/" below: the root becomes the leading "/".
            std::path::Component::RootDir => String::new(),
            c => c.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    let joined = s.join("/");
    if root.is_dir() {
        format!("{}/{}", root.display(), joined)
    } else {
        joined
    }
}
