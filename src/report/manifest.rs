//! `manifest.json`: what made this report — tool version, SHA-256 of every input
//! file and of the lexicon, and every parameter. No wall-clock time and no
//! absolute paths that differ between checkouts, so a rerun gives the same bytes.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::model::Report;
use crate::error::{Error, Result};
use crate::partial::InputFile;

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    bytes: u64,
    sha256: &'a str,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn input(path: &Path, shown: String) -> Result<InputFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(InputFile {
        path: shown,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    })
}

/// Hashes the corpus files read (the directory manifest first when there is
/// one, then `inputs` in corpus order, paths as the reader gave them). A corpus
/// read from standard input (`-`) has no files to hash.
pub fn input_files(corpus_root: &Path, inputs: &[PathBuf]) -> Result<Vec<InputFile>> {
    let mut files = Vec::new();
    let manifest_file = corpus_root.join(crate::corpus::MANIFEST_FILE);
    if corpus_root.is_dir() && manifest_file.is_file() {
        files.push(input(&manifest_file, shown(corpus_root, &manifest_file))?);
    }
    // Hashed in parallel, kept in corpus order; the first error in that
    // order is the one reported.
    let rest: Vec<Result<InputFile>> = inputs
        .par_iter()
        .filter(|p| p.as_path() != Path::new("-"))
        .map(|p| input(p, shown(corpus_root, p)))
        .collect();
    for f in rest {
        files.push(f?);
    }
    Ok(files)
}

/// `inputs`: the corpus files read, hashed by `input_files` (sorted by path;
/// from a partial, its `input` records).
pub fn manifest(report: &Report, inputs: &[InputFile], lexicon: &Path) -> Result<Vec<u8>> {
    let files: Vec<Input> = inputs
        .iter()
        .map(|i| Input {
            path: &i.path,
            bytes: i.bytes,
            sha256: &i.sha256,
        })
        .collect();
    let lex = input(lexicon, lexicon.display().to_string())?;
    let lex = Input {
        path: &lex.path,
        bytes: lex.bytes,
        sha256: &lex.sha256,
    };
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
