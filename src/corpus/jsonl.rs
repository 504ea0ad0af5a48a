//! A JSONL corpus: one JSON object per line,
//! `{"source": .., "text": .., "title"?, "date"?, "author"?, "url"?, "id"?, "language"?, "group"?}`.
//!
//! - `source` (a non-empty string) and `text` (a string) are required; `id` is a
//!   string or an integer and must be unique; the other fields are strings (a
//!   number is taken as its JSON text), and `null` or `""` means absent. Other
//!   fields are ignored.
//! - Blank lines are skipped; a UTF-8 BOM on the first line is stripped; CRLF
//!   line ends are accepted. The file is read one line at a time.
//! - Without an `id`, an article's id is `<file name>:<line>` (not checked
//!   against explicit ids).
//! - As in every layout: a NUL (a raw byte, or `\u0000` in any field) is an
//!   error, `date` must be a real date (`text::is_date`), and `language` an
//!   ISO 639-1 code (`crate::language::check`); without one, an article is in
//!   the corpus's default language (`--language`, else "en").
//! - `group` is the group of the article's source (a party, a country, an
//!   owner): every article of a source names the same group or none does
//!   (else an error naming the line and the first line of the source).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::text::{
    bad_date, check_no_nul, check_no_nul_char, check_not_utf16, decode, is_date, read_line_capped,
    strip_cr, At, BOM,
};
use super::{Article, Common};
use crate::error::{Error, Result};

/// The fields we use; `Some(Value::Null)` = present but null, `None` = absent.
/// Only a JSON object is accepted (checked before parsing: serde would also
/// take an array as a struct).
#[derive(Deserialize)]
struct RawArticle {
    #[serde(default, deserialize_with = "present")]
    source: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    text: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    title: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    date: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    author: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    url: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    language: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    group: Option<Value>,
}

pub(crate) struct JsonlReader {
    path: PathBuf,
    file_name: String,
    reader: Box<dyn BufRead + Send>,
    /// Lines consumed so far.
    line: u64,
    /// Bytes consumed so far.
    offset: u64,
    buf: Vec<u8>,
}

impl JsonlReader {
    pub fn open(path: &Path, digest: Option<super::SharedDigest>) -> Result<JsonlReader> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(JsonlReader {
            path: path.to_path_buf(),
            file_name,
            reader: Box::new(BufReader::with_capacity(
                1 << 20,
                super::Hashing::new(file, digest),
            )),
            line: 0,
            offset: 0,
            buf: Vec::new(),
        })
    }

    /// JSONL from any reader (standard input for `--corpus -`), named `name`
    /// in errors and default ids.
    pub fn from_reader(name: &str, reader: Box<dyn BufRead + Send>) -> JsonlReader {
        JsonlReader {
            path: PathBuf::from(name),
            file_name: name.to_string(),
            reader,
            line: 0,
            offset: 0,
            buf: Vec::new(),
        }
    }

    pub fn next_article(&mut self, common: &mut Common) -> Result<Option<Article>> {
        loop {
            self.buf.clear();
            let start = At {
                line: self.line + 1,
                offset: self.offset,
            };
            let n = read_line_capped(&mut self.reader, &mut self.buf).map_err(|e| {
                if e.kind() == std::io::ErrorKind::InvalidData {
                    Error::input(&self.path, start.line, format!("line {e}"))
                } else {
                    Error::io(&self.path, e)
                }
            })?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            self.offset += n as u64;
            let mut at = start;
            if start.line == 1 {
                check_not_utf16(&self.buf, &self.path)?;
            }
            if start.line == 1 && self.buf.starts_with(BOM) {
                self.buf.drain(..BOM.len());
                at.offset += BOM.len() as u64;
            }
            strip_cr(&mut self.buf);
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            check_no_nul(&self.buf, &self.path, at)?;
            let bytes = std::mem::take(&mut self.buf);
            let line_text = decode(bytes, &self.path, at, common)?;
            if let Some(article) = self.parse(&line_text, at.line, common)? {
                return Ok(Some(article));
            }
        }
    }

    /// Parses one line; `None` for an empty article or an unwanted source.
    fn parse(&self, line_text: &str, line: u64, common: &mut Common) -> Result<Option<Article>> {
        let raw = self.decode_object(line_text, line)?;
        let f = Fields::check(raw).map_err(|m| Error::input(&self.path, line, m))?;
        if let Some(id) = &f.id {
            common.check_id(&self.path, line, id)?;
        }
        let source_language = common.source_entry(&f.source).language.clone();
        common.set_group(&self.path, line, &f.source, f.group.as_deref())?;
        let language = f.language.unwrap_or(source_language);
        if !common.wants(&f.source) {
            return Ok(None);
        }
        if let Some(why) = common.emptiness(&f.source, &f.text) {
            common.warn(&self.path, line, why);
            common.skipped_empty += 1;
            return Ok(None);
        }
        Ok(Some(Article {
            id: f.id.unwrap_or_else(|| format!("{}:{line}", self.file_name)),
            source: f.source,
            text: f.text,
            path: self.path.clone(),
            line,
            title: f.title,
            date: f.date,
            author: f.author,
            url: f.url,
            language,
        }))
    }

    /// Deserializes a line that must hold one JSON object; errors carry
    /// serde_json's column.
    fn decode_object(&self, line_text: &str, line: u64) -> Result<RawArticle> {
        let cr_hint = if line_text.contains('\r') {
            " (the line holds a carriage return: CR-only line ends? JSONL lines end with \\n)"
        } else {
            ""
        };
        // `path:line:column: message`, the column serde_json's.
        let json_err = |e: &serde_json::Error, what: &str, hint: &str| {
            Error::input_at(
                &self.path,
                line,
                e.column() as u64,
                format!("{what}{}{hint}", json_message(e)),
            )
        };
        if !line_text.trim_start().starts_with('{') {
            return Err(
                match serde_json::from_str::<serde::de::IgnoredAny>(line_text) {
                    Ok(_) => Error::input(
                        &self.path,
                        line,
                        "expected a JSON object with \"source\" and \"text\"",
                    ),
                    Err(e) => json_err(&e, "not valid JSON: ", cr_hint),
                },
            );
        }
        serde_json::from_str(line_text).map_err(|e| {
            if e.is_data() {
                json_err(
                    &e,
                    "expected a JSON object with \"source\" and \"text\": ",
                    "",
                )
            } else {
                json_err(&e, "not valid JSON: ", cr_hint)
            }
        })
    }
}

/// The fields of an article line, checked: types, no NUL, a real date.
struct Fields {
    source: String,
    text: String,
    id: Option<String>,
    title: Option<String>,
    date: Option<String>,
    author: Option<String>,
    url: Option<String>,
    language: Option<String>,
    group: Option<String>,
}

impl Fields {
    /// Checks `raw`; an error is the message for the line.
    fn check(raw: RawArticle) -> std::result::Result<Fields, String> {
        let f = Fields {
            source: required_source(raw.source)?,
            text: required_text(raw.text)?,
            id: optional_id(raw.id)?,
            title: optional_string("title", raw.title)?,
            date: optional_string("date", raw.date)?,
            author: optional_string("author", raw.author)?,
            url: optional_string("url", raw.url)?,
            language: optional_string("language", raw.language)?,
            group: optional_string("group", raw.group)?,
        };
        // One rule for every layout: no NUL character in any field (a
        // directory article with one is a binary file), and a real date.
        for (field, v) in [
            ("source", Some(&f.source)),
            ("text", Some(&f.text)),
            ("id", f.id.as_ref()),
            ("title", f.title.as_ref()),
            ("date", f.date.as_ref()),
            ("author", f.author.as_ref()),
            ("url", f.url.as_ref()),
            ("language", f.language.as_ref()),
            ("group", f.group.as_ref()),
        ] {
            if let Some(v) = v {
                check_no_nul_char(v, field)?;
            }
        }
        if let Some(d) = &f.date {
            if !is_date(d) {
                return Err(bad_date(d));
            }
        }
        if let Some(l) = &f.language {
            crate::language::check(l)?;
        }
        Ok(f)
    }
}

/// `source`: a non-empty string, trimmed.
fn required_source(value: Option<Value>) -> std::result::Result<String, String> {
    match value {
        None => Err("missing field \"source\"".into()),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Some(Value::String(_)) => Err("field \"source\" is empty".into()),
        Some(other) => Err(format!(
            "field \"source\" must be a string, not {}",
            kind(&other)
        )),
    }
}

/// `text`: a string (possibly empty).
fn required_text(value: Option<Value>) -> std::result::Result<String, String> {
    match value {
        None => Err("missing field \"text\"".into()),
        Some(Value::String(s)) => Ok(s),
        Some(Value::Null) => Err("field \"text\" is null".into()),
        Some(other) => Err(format!(
            "field \"text\" must be a string, not {}",
            kind(&other)
        )),
    }
}

/// `id`: a string or an integer; `null` or `""` is no id.
fn optional_id(value: Option<Value>) -> std::result::Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
        Some(other) => Err(format!(
            "field \"id\" must be a string or an integer, not {}",
            kind(&other)
        )),
    }
}

/// serde_json's message without its position: its "line 1" is the JSONL
/// line and its column goes into `path:line:column`.
fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(cut) if e.line() > 0 => msg.get(..cut).unwrap_or(&msg).to_string(),
        _ => msg,
    }
}

/// Keeps `null` as `Some(Value::Null)` (plain `Option` would make it `None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

fn optional_string(
    field: &str,
    value: Option<Value>,
) -> std::result::Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!(
            "field {field:?} must be a string, not {}",
            kind(&other)
        )),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
