//! LIWC `.dic` dictionaries (LIWC2001–LIWC-22 plain format):
//!
//! ```text
//! %
//! 1<TAB>posemo
//! 2<TAB>negemo
//! %
//! abandon*<TAB>2
//! kind of<TAB>1<TAB>2
//! ```
//!
//! A `%` line, `id<TAB>category` lines, a `%` line, then `entry<TAB>id<TAB>id…`.
//! `*` only ends a word (prefix match). An entry may belong to several categories.
//! With no tab on a line, the trailing all-digit fields are the ids.
//!
//! Matching follows LIWC: a word without `*` matches only that word form
//! ([`Matching::Exact`]), not its inflections. LIWC 2007 conditional entries
//! (`like<TAB>02 134/125(02 131)…`, `<of>131/125`) are rejected with their line.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::build::{error_at, name_of, EntryCompiler};
use super::model::{Category, EntryKind, Lexicon, Matching, Meta, Unit, Warning};
use crate::analyze::Analyzer;
use crate::error::{Error, Result};

/// Parses a LIWC `.dic` file. `path` names the file in messages and, by its
/// stem, the lexicon.
pub fn parse_dic(text: &str, path: &Path, analyzer: &Analyzer) -> Result<(Lexicon, Vec<Warning>)> {
    let mut cx = EntryCompiler::new(path, text, analyzer, Matching::Exact);
    let lines = split_lines(text);
    let first = opening_line(&lines, path, text)?;
    let (mut header, body) = parse_header(&lines, first, path, text)?;
    let mut seen: Vec<FxHashMap<_, usize>> = vec![FxHashMap::default(); header.categories.len()];
    for &(loff, line) in lines.get(body..).unwrap_or(&[]) {
        if line.trim().is_empty() {
            continue;
        }
        parse_entry_line(loff, line, &mut header, &mut seen, &mut cx)?;
    }
    for c in &header.categories {
        if c.entries.is_empty() {
            cx.warn(None, format!("category '{}' has no entries", c.id));
        }
    }
    let meta = Meta {
        name: name_of(path, "LIWC dictionary"),
        version: String::new(),
        language: analyzer.language().to_string(),
        description: format!("imported from the LIWC dictionary {}", path.display()),
        license: String::new(),
        matching: Matching::Exact,
    };
    let warnings = cx.warnings;
    Ok((
        Lexicon::new(meta, header.categories, Vec::new(), Vec::new()),
        warnings,
    ))
}

/// The lines of `text` without their line ends, each with its byte offset.
fn split_lines(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        lines.push((off, line.trim_end_matches(['\n', '\r'])));
        off += line.len();
    }
    lines
}

/// The index of the opening `%` line, after a BOM and blank lines; an error if
/// the first other line is not `%`.
fn opening_line(lines: &[(usize, &str)], path: &Path, text: &str) -> Result<usize> {
    let content = |l: &(usize, &str)| l.1.trim_start_matches('\u{FEFF}').trim().to_string();
    let i = lines
        .iter()
        .position(|l| !content(l).is_empty())
        .unwrap_or(lines.len());
    if lines.get(i).is_none_or(|l| content(l) != "%") {
        let at = lines.get(i).map_or(0, |l| l.0);
        return Err(error_at(
            path,
            text,
            at,
            "a LIWC .dic file starts with a '%' line",
        ));
    }
    Ok(i)
}

/// The categories declared between the two `%` lines.
struct Header {
    categories: Vec<Category>,
    /// Category id (without leading zeros) → index in `categories`.
    by_number: FxHashMap<String, usize>,
}

/// Reads the category list after the opening `%` line at `open`. Returns it
/// and the index of the first line after the closing `%`.
fn parse_header(
    lines: &[(usize, &str)],
    open: usize,
    path: &Path,
    text: &str,
) -> Result<(Header, usize)> {
    let mut header = Header {
        categories: Vec::new(),
        by_number: FxHashMap::default(),
    };
    let mut i = open + 1;
    loop {
        let Some(&(loff, line)) = lines.get(i) else {
            return Err(Error::input(
                path,
                0,
                "the category list is not closed by a second '%' line",
            ));
        };
        i += 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t == "%" {
            break;
        }
        header.declare(t, |msg| error_at(path, text, loff, msg))?;
    }
    if header.categories.is_empty() {
        return Err(Error::input(path, 0, "the dictionary declares no category"));
    }
    if header.categories.len() > u16::MAX as usize {
        return Err(Error::input(path, 0, "too many categories"));
    }
    Ok((header, i))
}

impl Header {
    /// Adds the category of an `id<TAB>category` line `t` (trimmed, not
    /// empty); `err` makes an error at the line.
    fn declare(&mut self, t: &str, err: impl Fn(String) -> Error) -> Result<()> {
        let mut parts = t.split_whitespace();
        let (Some(num), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(err(format!("expected 'id<TAB>category', found '{t}'")));
        };
        if !num.chars().all(|c| c.is_ascii_digit()) {
            return Err(err(format!("category id '{num}' is not a number")));
        }
        let num = num.trim_start_matches('0').to_string();
        if self.by_number.contains_key(&num) {
            return Err(err(format!("category id {num} is declared twice")));
        }
        if self.categories.iter().any(|c| c.id == name) {
            return Err(err(format!("category '{name}' is declared twice")));
        }
        self.by_number.insert(num.clone(), self.categories.len());
        self.categories.push(Category {
            id: name.to_string(),
            label: name.to_string(),
            description: format!("LIWC category {num} ({name})"),
            weight: 1.0,
            entries: Vec::new(),
        });
        Ok(())
    }
}

/// Splits an entry line into the entry text and its category ids, each id
/// with its byte offset in the line. With a tab, the first field is the entry
/// and the ids follow; without one, the trailing all-digit fields are the ids.
fn split_entry_line(line: &str) -> (&str, Vec<(&str, usize)>) {
    if line.contains('\t') {
        let mut fields = line.split('\t');
        let first = fields.next().unwrap_or("");
        let mut ids = Vec::new();
        let mut pos = first.len() + 1;
        for f in fields {
            for (k, id) in f
                .split_whitespace()
                .map(|id| (id.as_ptr() as usize - f.as_ptr() as usize, id))
            {
                ids.push((id, pos + k));
            }
            pos += f.len() + 1;
        }
        (first, ids)
    } else {
        let fields: Vec<(usize, &str)> = line
            .split_whitespace()
            .map(|f| (f.as_ptr() as usize - line.as_ptr() as usize, f))
            .collect();
        let n_ids = fields
            .iter()
            .rev()
            .take_while(|(_, f)| f.chars().all(|c| c.is_ascii_digit()))
            .count();
        let first_id = fields.len() - n_ids;
        let end = fields.get(first_id).map_or(line.len(), |f| f.0);
        (
            &line[..end],
            fields
                .get(first_id..)
                .unwrap_or(&[])
                .iter()
                .map(|&(o, f)| (f, o))
                .collect(),
        )
    }
}

/// Compiles the entry of a non-blank `line` at byte `loff` into each category
/// it names; `seen` has one duplicate map per category.
fn parse_entry_line(
    loff: usize,
    line: &str,
    header: &mut Header,
    seen: &mut [FxHashMap<(String, Vec<Unit>), usize>],
    cx: &mut EntryCompiler,
) -> Result<()> {
    let (path, text) = (cx.path, cx.text);
    let (entry_text, ids) = split_entry_line(line);
    let entry_text = entry_text.trim();
    let entry_off = loff + (entry_text.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
    if entry_text.is_empty() {
        return Err(error_at(
            path,
            text,
            loff,
            "a line with category ids but no entry",
        ));
    }
    if ids.is_empty() {
        return Err(error_at(
            path,
            text,
            entry_off,
            format!("entry '{entry_text}' has no category id"),
        ));
    }
    let entry = cx.entry(entry_text, Some(entry_off), EntryKind::Term)?;
    for (id, at) in ids {
        if !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(error_at(
                path,
                text,
                loff + at,
                format!("unsupported category reference '{id}' (LIWC 2007 conditional entries are not supported)"),
            ));
        }
        let Some(&c) = header.by_number.get(id.trim_start_matches('0')) else {
            return Err(error_at(
                path,
                text,
                loff + at,
                format!("category id {id} is not declared in the header"),
            ));
        };
        // `c` indexes `categories`, and `seen` has one map per category.
        if let (Some(cats), Some(seen_c)) = (header.categories.get_mut(c), seen.get_mut(c)) {
            cx.push_unique(cats, entry.clone(), Some(entry_off), seen_c);
        }
    }
    Ok(())
}
