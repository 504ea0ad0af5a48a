//! `manifest.json`: what made this report — tool version, SHA-256 of every input
//! file and of the lexicon, and every parameter. No wall-clock time and no
//! absolute paths that differ between checkouts, so a rerun gives the same bytes.

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::model::Report;
use crate::error::{Error, Result};

#[derive(Serialize)]
struct Input {
    path: String,
    bytes: u64,
    sha256: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn input(path: &Path, shown: String) -> Result<Input> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(Input {
        path: shown,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    })
}

/// `inputs`: the corpus files read, in corpus order (paths as the reader gave them).
pub fn manifest(
    report: &Report,
    corpus_root: &Path,
    inputs: &[std::path::PathBuf],
    lexicon: &Path,
) -> Result<Vec<u8>> {
    let mut files = Vec::new();
    let manifest_file = corpus_root.join(crate::corpus::MANIFEST_FILE);
    if corpus_root.is_dir() && manifest_file.is_file() {
        files.push(input(&manifest_file, shown(corpus_root, &manifest_file))?);
    }
    for p in inputs {
        files.push(input(p, shown(corpus_root, p))?);
    }
    let lex = input(lexicon, lexicon.display().to_string())?;
    let value = serde_json::json!({
        "tool": report.tool,
        "schema_version": report.schema_version,
        "corpus": report.settings.corpus,
        "inputs": files,
        "lexicon": lex,
        "parameters": report.settings,
        "outputs": "index.html, README.md, analysis.json, data/*.csv (see data/README.md), charts/*.svg",
    });
    let mut v =
        serde_json::to_vec_pretty(&value).map_err(|e| Error::Usage(format!("manifest: {e}")))?;
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
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = s.join("/");
    if root.is_dir() {
        format!("{}/{}", root.display(), joined)
    } else {
        joined
    }
}
