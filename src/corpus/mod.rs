//! TEMPORARY minimal directory reader; replaced by the corpus branch.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub text: String,
    pub path: PathBuf,
    pub line: u64,
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: String,
}

#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub language: String,
    pub boilerplate: Vec<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Warning {
    pub path: PathBuf,
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub lossy: bool,
    pub source_column: Option<String>,
    pub text_column: Option<String>,
    pub id_column: Option<String>,
    pub only_sources: Vec<String>,
}

pub struct CorpusReader {
    files: Vec<(String, PathBuf, String)>,
    pos: usize,
    sources: BTreeMap<String, SourceInfo>,
    warnings: Vec<Warning>,
    skipped: u64,
    read: u64,
}

pub struct CorpusSummary {
    pub sources: BTreeMap<String, SourceInfo>,
    pub warnings: Vec<Warning>,
    pub skipped_empty: u64,
    pub articles: u64,
}

impl CorpusReader {
    pub fn open(path: &Path, _opts: &ReadOptions) -> Result<CorpusReader> {
        let mut files = vec![];
        let mut sources = BTreeMap::new();
        let rd = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
        let mut dirs: Vec<_> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let src = d.file_name().unwrap().to_string_lossy().to_string();
            let mut fs: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect();
            fs.sort();
            for f in fs {
                let id = format!("{}/{}", src, f.file_name().unwrap().to_string_lossy());
                files.push((src.clone(), f, id));
            }
            sources.insert(
                src.clone(),
                SourceInfo {
                    id: src.clone(),
                    name: src.clone(),
                    url: None,
                    language: "en".into(),
                    boilerplate: vec![],
                    notes: None,
                },
            );
        }
        Ok(CorpusReader {
            files,
            pos: 0,
            sources,
            warnings: vec![],
            skipped: 0,
            read: 0,
        })
    }

    pub fn next_batch(&mut self, max_bytes: usize) -> Result<Option<Vec<Article>>> {
        let mut out = vec![];
        let mut bytes = 0;
        while self.pos < self.files.len() && (out.is_empty() || bytes < max_bytes) {
            let (src, path, id) = self.files[self.pos].clone();
            self.pos += 1;
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            bytes += text.len();
            self.read += 1;
            out.push(Article {
                id,
                source: src,
                text,
                path,
                line: 0,
                title: None,
                date: None,
                author: None,
                url: None,
                language: "en".into(),
            });
        }
        Ok(if out.is_empty() { None } else { Some(out) })
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
    pub fn sources(&self) -> &BTreeMap<String, SourceInfo> {
        &self.sources
    }
    pub fn finish(self) -> Result<CorpusSummary> {
        Ok(CorpusSummary {
            sources: self.sources,
            warnings: self.warnings,
            skipped_empty: self.skipped,
            articles: self.read,
        })
    }
}
