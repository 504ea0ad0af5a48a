//! A directory corpus: `DIR/<source>/<article>.txt|.md`, optional `DIR/corpus.toml`.
//!
//! - Each visible sub-folder of `DIR` is a source; its name is the source id.
//! - Its visible `.txt` and `.md` files (extension in any case) are the articles,
//!   read whole, in byte order of their names. Other files are ignored, as are
//!   hidden files and folders (names starting with `.`) and files directly in
//!   `DIR` (such as `corpus.toml` or a lexicon). A sub-folder inside a source
//!   folder is ignored with a warning: articles must sit directly in it.
//! - Symlinks are followed while walking; a manifest entry must still resolve
//!   inside `DIR` (see [`super::manifest`]).
//! - A file with a NUL byte is binary (or UTF-16), not an article, and a file
//!   with a UTF-16/UTF-32 byte-order mark is in another encoding: errors naming it.
//! - An article that its source's boilerplate lines leave without a word is
//!   skipped with a warning and counted, like an empty one.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::manifest::{ArticleMeta, Manifest, MANIFEST_FILE};
use super::text::{check_no_nul, check_not_utf16, decode, At, BOM};
use super::{Article, Common, SourceInfo, MAX_RECORD_BYTES};
use crate::error::{Error, Result};

/// Whether a file name has an article extension (`.txt` or `.md`, any case).
pub(crate) fn is_article_name(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty() && (ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("md"))
        }
        None => false,
    }
}

#[derive(Debug)]
pub(crate) struct DirReader {
    root: PathBuf,
    /// Article metadata from the manifest, by (source, file).
    meta: BTreeMap<(String, String), ArticleMeta>,
    /// Selected sources still to read, in reverse order (popped from the end).
    pending_sources: Vec<String>,
    /// The source being read and its remaining files, in reverse order.
    current: Option<(String, Vec<String>)>,
}

impl DirReader {
    pub fn open(root: &Path, common: &mut Common) -> Result<DirReader> {
        let manifest = Manifest::load(root, &common.default_language)?;
        if common.hash {
            common.inputs.extend(manifest.digest.clone());
        }
        let mut folders = Vec::new();
        for entry in std::fs::read_dir(root).map_err(|e| Error::io(root, e))? {
            let entry = entry.map_err(|e| Error::io(root, e))?;
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            let path = entry.path();
            let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
            if !meta.is_dir() {
                continue;
            }
            let Some(id) = name.to_str() else {
                return Err(Error::input(
                    &path,
                    0,
                    "source folder name is not valid UTF-8",
                ));
            };
            folders.push(id.to_string());
        }
        folders.sort();

        let manifest_path = root.join(MANIFEST_FILE);
        let Manifest {
            mut sources,
            articles,
            ..
        } = manifest;
        for (id, (_, line)) in &sources {
            if folders.binary_search(id).is_err() {
                return Err(Error::input(
                    &manifest_path,
                    *line,
                    format!(
                        "[sources.{id}] names no folder: {} does not exist",
                        root.join(id).display()
                    ),
                ));
            }
        }
        for id in &folders {
            let info = sources
                .remove(id)
                .map(|(info, _)| info)
                .unwrap_or_else(|| SourceInfo::bare(id, &common.default_language));
            common.sources.insert(id.clone(), info);
        }
        common.check_only_sources(root)?;
        let mut pending_sources: Vec<String> =
            folders.into_iter().filter(|s| common.wants(s)).collect();
        pending_sources.reverse();
        Ok(DirReader {
            root: root.to_path_buf(),
            meta: articles,
            pending_sources,
            current: None,
        })
    }

    pub fn next_article(&mut self, common: &mut Common) -> Result<Option<Article>> {
        loop {
            let next = match &mut self.current {
                Some((source, files)) => files.pop().map(|f| (source.clone(), f)),
                None => None,
            };
            let Some((source, file)) = next else {
                let Some(source) = self.pending_sources.pop() else {
                    return Ok(None);
                };
                let files = self.list_articles(&source, common)?;
                self.current = Some((source, files));
                continue;
            };
            if let Some(article) = self.read_article(&source, &file, common)? {
                return Ok(Some(article));
            }
        }
    }

    /// Manifest notes by article id.
    pub fn article_notes(&self) -> BTreeMap<String, String> {
        self.meta
            .iter()
            .filter_map(|((source, file), m)| {
                m.notes.clone().map(|n| (format!("{source}/{file}"), n))
            })
            .collect()
    }

    /// The article file names of one source folder, in reverse byte order.
    fn list_articles(&self, source: &str, common: &mut Common) -> Result<Vec<String>> {
        let dir = self.root.join(source);
        let mut files: Vec<OsString> = Vec::new();
        let mut subfolders: Vec<OsString> = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            // The directory entry's own type needs no `stat`; a symbolic
            // link is followed to what it points at.
            let mut kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
            if kind.is_symlink() {
                let path = entry.path();
                kind = std::fs::metadata(&path)
                    .map_err(|e| Error::io(&path, e))?
                    .file_type();
            }
            if kind.is_dir() {
                subfolders.push(name);
            } else if kind.is_file()
                && name
                    .to_str()
                    .map_or(has_article_ext_lossy(&name), is_article_name)
            {
                files.push(name);
            }
        }
        subfolders.sort();
        for sub in subfolders {
            common.warn(
                &dir.join(sub),
                0,
                "folder inside a source folder ignored: articles must sit directly in the source folder",
            );
        }
        if files.is_empty() {
            common.warn(&dir, 0, "source folder has no .txt or .md articles");
        }
        files.sort();
        let mut names = Vec::with_capacity(files.len());
        for name in files.into_iter().rev() {
            match name.into_string() {
                Ok(s) => names.push(s),
                Err(name) => {
                    return Err(Error::input(
                        dir.join(name),
                        0,
                        "article file name is not valid UTF-8",
                    ));
                }
            }
        }
        Ok(names)
    }

    /// Reads one file; `None` for an empty article (warned and counted).
    fn read_article(
        &self,
        source: &str,
        file: &str,
        common: &mut Common,
    ) -> Result<Option<Article>> {
        let path = self.root.join(source).join(file);
        // Opened once: the size comes from the open file, not another lookup by path.
        let f = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        let len = f.metadata().map_err(|e| Error::io(&path, e))?.len();
        if len > MAX_RECORD_BYTES as u64 {
            return Err(Error::input(
                &path,
                0,
                format!(
                    "file of {len} bytes exceeds the {} MiB limit for one article",
                    MAX_RECORD_BYTES >> 20
                ),
            ));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        // A file that grew since: still no more than the limit (and one byte, to tell).
        f.take(MAX_RECORD_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&path, e))?;
        if bytes.len() > MAX_RECORD_BYTES {
            return Err(Error::input(
                &path,
                0,
                format!(
                    "file grew past the {} MiB limit for one article while being read",
                    MAX_RECORD_BYTES >> 20
                ),
            ));
        }
        check_not_utf16(&bytes, &path)?;
        check_no_nul(&bytes, &path, At { line: 1, offset: 0 })?;
        // Hashed from the bytes read, before anything is stripped.
        let digest = common.hash.then(|| super::InputDigest {
            path: path.clone(),
            bytes: bytes.len() as u64,
            sha256: super::sha256_hex(&bytes),
        });
        let mut at = At { line: 1, offset: 0 };
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
            at.offset = BOM.len() as u64;
        }
        let text = decode(bytes, &path, at, common)?;
        // Empty as read, or once its source's boilerplate lines are dropped (as
        // the analyzer drops them): skipped and counted alike.
        if let Some(why) = common.emptiness(source, &text) {
            common.warn(&path, 0, why);
            common.skipped_empty += 1;
            return Ok(None);
        }
        common.inputs.extend(digest);
        let meta = self
            .meta
            .get(&(source.to_string(), file.to_string()))
            .cloned()
            .unwrap_or_default();
        let language = meta
            .language
            .or_else(|| common.sources.get(source).map(|s| s.language.clone()))
            .unwrap_or_else(|| common.default_language.clone());
        Ok(Some(Article {
            id: format!("{source}/{file}"),
            source: source.to_string(),
            text,
            path,
            line: 0,
            title: meta.title,
            date: meta.date,
            author: meta.author,
            url: meta.url,
            language,
        }))
    }
}

fn is_hidden(name: &OsString) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// For a non-UTF-8 name: whether it still looks like an article (so that it is
/// reported rather than silently skipped).
fn has_article_ext_lossy(name: &OsString) -> bool {
    is_article_name(&name.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_names() {
        for ok in ["a.txt", "a.md", "B.TXT", "x.y.Md"] {
            assert!(is_article_name(ok), "{ok}");
        }
        for bad in ["a.csv", "txt", ".txt", "a.txt.bak", "a.markdown", "a"] {
            assert!(!is_article_name(bad), "{bad}");
        }
    }
}
