//! Shared by the readers: positions in the file, compiling entries with their
//! position, duplicate detection.

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::model::{compile_entry, Category, Entry, EntryKind, Matching, Unit, Warning};
use crate::analyze::Analyzer;
use crate::corpus::text::LineIndex;
use crate::error::Error;

/// An input error at a byte offset: `path:line:column: message`.
pub(crate) fn error_at(
    path: &Path,
    text: &str,
    offset: usize,
    message: impl std::fmt::Display,
) -> Error {
    let (line, col) = LineIndex::new(text).line_col(offset);
    Error::input_at(path, line, col, message.to_string())
}

/// A lexicon's name when the file gives none: the file's name without its
/// extension, else `fallback`.
pub(crate) fn name_of(path: &Path, fallback: &str) -> String {
    path.file_stem().map_or_else(
        || fallback.to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// A glob prefix shorter than this many characters is reported: it matches
/// broadly ("a*" matches every word that starts with "a").
const SHORT_GLOB: usize = 3;

/// Compiles entries into a category, collecting warnings for duplicates (the same
/// units after analysis) and very short globs.
pub(crate) struct EntryCompiler<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The analyzer of the lexicon's default language.
    pub analyzer: &'a Analyzer,
    pub matching: Matching,
    pub warnings: Vec<Warning>,
    /// The language entries are compiled in now (see [`EntryCompiler::language`]).
    language: String,
    /// Analyzers of the other languages the lexicon has entries in, with the
    /// default analyzer's settings.
    others: BTreeMap<String, Analyzer>,
    /// Lines of `text`: every entry asks its line (linear in all, see [`LineIndex`]).
    lines: LineIndex<'a>,
}

impl<'a> EntryCompiler<'a> {
    pub fn new(path: &'a Path, text: &'a str, analyzer: &'a Analyzer, matching: Matching) -> Self {
        EntryCompiler {
            path,
            text,
            analyzer,
            matching,
            warnings: Vec::new(),
            language: analyzer.language().to_string(),
            others: BTreeMap::new(),
            lines: LineIndex::new(text),
        }
    }

    /// The language of the entries compiled from now on: `code` (an ISO 639-1
    /// code written at byte `offset` of the file), or the default language
    /// (`None`). Its analyzer is built on first use; a code that is none, or a
    /// language framelens cannot analyze, is an error at `offset`.
    pub fn language(&mut self, code: Option<(&str, usize)>) -> Result<(), Error> {
        let Some((code, offset)) = code else {
            self.language = self.analyzer.language().to_string();
            return Ok(());
        };
        crate::language::check(code).map_err(|m| error_at(self.path, self.text, offset, m))?;
        if code != self.analyzer.language() && !self.others.contains_key(code) {
            let an = Analyzer::new(code, self.analyzer.config()).map_err(|e| {
                let why = match e {
                    Error::Usage(m) => m,
                    other => other.to_string(),
                };
                error_at(
                    self.path,
                    self.text,
                    offset,
                    format!("terms in {}: {why}", crate::language::labelled(code)),
                )
            })?;
            self.others.insert(code.to_string(), an);
        }
        self.language = code.to_string();
        Ok(())
    }

    /// The analyzer of the current language.
    fn current(&self) -> &Analyzer {
        self.others.get(&self.language).unwrap_or(self.analyzer)
    }

    pub fn warn(&mut self, offset: Option<usize>, message: String) {
        let (line, column) = offset.map_or((0, 0), |o| self.lines.line_col(o));
        self.warnings.push(Warning {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
        });
    }

    /// Compiles `raw` found at byte `offset` of the file (`None`: position unknown).
    pub fn entry(
        &mut self,
        raw: &str,
        offset: Option<usize>,
        kind: EntryKind,
    ) -> Result<Entry, Error> {
        let units =
            compile_entry(raw, self.current(), self.matching, kind).map_err(|(at, msg)| {
                match offset {
                    // `o` is the entry's first character in the file (escapes may shift the column).
                    Some(o) => error_at(self.path, self.text, o + at, msg),
                    None => Error::input(self.path, 0, msg),
                }
            })?;
        for u in &units {
            if let Unit::Prefix(p) = u {
                if p.chars().count() < SHORT_GLOB {
                    self.warn(offset, format!("glob '{raw}' has a prefix of under {SHORT_GLOB} letters and matches very broadly"));
                }
            }
        }
        let line = offset.map_or(0, |o| self.lines.line(o));
        Ok(Entry {
            text: raw.to_string(),
            units,
            line,
            language: self.language.clone(),
        })
    }

    /// Adds entries to `cat`, skipping (with a warning) one whose units equal an
    /// earlier entry's.
    pub fn push_unique(
        &mut self,
        cat: &mut Category,
        entry: Entry,
        offset: Option<usize>,
        seen: &mut FxHashMap<(String, Vec<Unit>), usize>,
    ) {
        let key = (entry.language.clone(), entry.units.clone());
        if let Some(first) = seen.get(&key).and_then(|&k| cat.entries.get(k)) {
            let at = if first.line > 0 {
                format!(" (line {})", first.line)
            } else {
                String::new()
            };
            self.warn(
                offset,
                format!(
                    "duplicate entry '{}' in category '{}': same as '{}'{} after analysis; ignored",
                    entry.text, cat.id, first.text, at
                ),
            );
            return;
        }
        seen.insert(key, cat.entries.len());
        cat.entries.push(entry);
    }
}
