//! quanteda-style YAML dictionaries (`quanteda::dictionary(file = "x.yml")`):
//!
//! ```yaml
//! violence:
//!   state: [repress*, massacre, state of emergency]
//!   protesters:
//!     - loot*
//!     - vandal*
//! ```
//!
//! Nested keys become categories named by their path joined with "."
//! (`violence.state`), as quanteda flattens them. Values are glob patterns
//! (quanteda's default `valuetype = "glob"`, case-insensitive); a multi-word value
//! matches a sequence of tokens, and each key counts once per matched span
//! (`tokens_lookup`, `nested_scope = "key"`). Only a trailing `*` is supported.
//! Words match their exact lowercased form ([`Matching::Exact`]), as quanteda does
//! on unstemmed tokens.
//!
//! Parsed with `serde_norway` (a maintained fork of serde_yaml). Errors in the
//! YAML itself carry its line and column; errors in a value give the line of the
//! value's first occurrence after its key.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde_norway::Value;

use super::build::{error_at, name_of, EntryCompiler};
use super::model::{Category, EntryKind, Lexicon, Matching, Meta, Warning};
use crate::analyze::Analyzer;
use crate::error::{Error, Result};

/// Parses a quanteda-style YAML dictionary.
pub fn parse_yaml(text: &str, path: &Path, analyzer: &Analyzer) -> Result<(Lexicon, Vec<Warning>)> {
    let value: Value = serde_norway::from_str(text).map_err(|e| {
        let mut msg = e.to_string();
        if let Some(cut) = msg.find(" at line ") {
            msg.truncate(cut);
        }
        let from = e.location().map_or(1, |l| l.line());
        if let Some(line) = duplicate_key_line(text, &msg, from) {
            return Error::input(path, line, msg);
        }
        match e.location() {
            Some(loc) => Error::input_at(path, loc.line() as u64, loc.column() as u64, msg),
            None => Error::input(path, 0, msg),
        }
    })?;
    let Value::Mapping(map) = value else {
        return Err(Error::input(
            path,
            0,
            "a YAML dictionary is a mapping of keys to lists of patterns",
        ));
    };
    let mut walker = Walker {
        cx: EntryCompiler::new(path, text, analyzer, Matching::Exact),
        cursor: 0,
        categories: Vec::new(),
    };
    walker.mapping(&map, "")?;
    if walker.categories.is_empty() {
        return Err(Error::input(path, 0, "the dictionary has no keys"));
    }
    if walker.categories.len() > u16::MAX as usize {
        return Err(Error::input(path, 0, "too many keys"));
    }
    let meta = Meta {
        name: name_of(path, "YAML dictionary"),
        version: String::new(),
        language: analyzer.language().to_string(),
        description: format!("imported from the YAML dictionary {}", path.display()),
        license: String::new(),
        matching: Matching::Exact,
    };
    let warnings = walker.cx.warnings;
    Ok((
        Lexicon::new(meta, walker.categories, Vec::new(), Vec::new()),
        warnings,
    ))
}

/// For a "duplicate entry with key \"k\"" error, which the parser places at the
/// start of the mapping (1-based line `from`): the line of the second `k:` key
/// from there, the duplicate itself.
fn duplicate_key_line(text: &str, msg: &str, from: usize) -> Option<u64> {
    const DUP: &str = "duplicate entry with key \"";
    let rest = msg.get(msg.find(DUP)? + DUP.len()..)?;
    let key = rest.get(..rest.find('"')?)?;
    let is_key_line = |line: &str| {
        let t = line.trim_start().trim_start_matches("- ");
        [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .any(|k| t.starts_with(k.as_str()))
    };
    let (n, _) = text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter(|(_, l)| is_key_line(l))
        .nth(1)?;
    Some(n as u64 + 1)
}

struct Walker<'a> {
    cx: EntryCompiler<'a>,
    /// Byte offset in the text up to which keys and values have been located.
    cursor: usize,
    categories: Vec<Category>,
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Walker<'_> {
    /// The offset of the next occurrence of `needle` at or after the cursor,
    /// which it then moves to.
    fn locate(&mut self, needle: &str) -> usize {
        match self.cx.text[self.cursor..].find(needle) {
            Some(k) => {
                self.cursor += k;
                self.cursor
            }
            None => self.cursor,
        }
    }

    fn mapping(&mut self, map: &serde_norway::Mapping, prefix: &str) -> Result<()> {
        for (k, v) in map {
            let Some(key) = scalar(k) else {
                let at = self.cursor;
                return Err(error_at(
                    self.cx.path,
                    self.cx.text,
                    at,
                    "a dictionary key must be a string",
                ));
            };
            let key_off = self.locate(&key);
            let id = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match v {
                Value::Mapping(m) => self.mapping(m, &id)?,
                Value::Sequence(items) => self.category(id, key_off, items)?,
                Value::Null => {
                    return Err(error_at(
                        self.cx.path,
                        self.cx.text,
                        key_off,
                        format!("key '{id}' has no patterns"),
                    ))
                }
                other => match scalar(other) {
                    Some(_) => self.category(id, key_off, std::slice::from_ref(other))?,
                    None => {
                        return Err(error_at(
                            self.cx.path,
                            self.cx.text,
                            key_off,
                            format!("key '{id}' must hold a list of patterns or nested keys"),
                        ))
                    }
                },
            }
        }
        Ok(())
    }

    fn category(&mut self, id: String, key_off: usize, items: &[Value]) -> Result<()> {
        if items.is_empty() {
            return Err(error_at(
                self.cx.path,
                self.cx.text,
                key_off,
                format!("key '{id}' has no patterns"),
            ));
        }
        let mut cat = Category {
            label: id.clone(),
            description: String::new(),
            id,
            weight: 1.0,
            entries: Vec::new(),
        };
        let mut seen = FxHashMap::default();
        for item in items {
            let Some(pattern) = scalar(item) else {
                return Err(error_at(
                    self.cx.path,
                    self.cx.text,
                    self.cursor,
                    format!("a pattern of key '{}' is not a string", cat.id),
                ));
            };
            let off = self.locate(&pattern);
            let entry = self.cx.entry(&pattern, Some(off), EntryKind::Term)?;
            self.cx.push_unique(&mut cat, entry, Some(off), &mut seen);
        }
        self.categories.push(cat);
        Ok(())
    }
}
