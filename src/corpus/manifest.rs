//! The directory manifest `DIR/corpus.toml`: display names and metadata.
//!
//! ```toml
//! [sources.<folder>]
//! name = "Display name"          # default: the folder name
//! url = "https://…"
//! language = "es"                # ISO 639-1; default: --language, else "en"
//! group = "Party A"              # a party, a country, an owner (`--by group`)
//! boilerplate = ["Subscribe to our channel"]   # whole lines to drop (trimmed)
//! notes = "what is unknown or uncertain"
//!
//! [articles."<folder>/<file>.txt"]
//! title = "…"
//! date = "2023-01-04"            # YYYY-MM-DD (a real day, optionally with a time), YYYY-MM or YYYY
//! author = "…"
//! url = "https://…"
//! language = "es"                # overrides the source's
//! notes = "…"
//! ```
//!
//! Checked strictly, since a typo here silently changes a report: malformed TOML
//! and unknown keys are errors with line and column; an article entry must name
//! an existing `.txt`/`.md` file directly inside a source folder, and may not
//! point outside the corpus directory (`..`, an absolute path, or a symlink that
//! resolves outside); a `[sources.x]` entry needs a folder `x`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path};

use serde::Deserialize;
use toml::Spanned;

use super::SourceInfo;
use crate::error::{Error, Result};

/// The manifest's file name inside a corpus directory.
pub const MANIFEST_FILE: &str = "corpus.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    sources: BTreeMap<String, Spanned<RawSource>>,
    #[serde(default)]
    articles: BTreeMap<String, Spanned<RawArticle>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Option<Spanned<String>>,
    url: Option<String>,
    language: Option<Spanned<String>>,
    #[serde(default)]
    boilerplate: Vec<Spanned<String>>,
    notes: Option<String>,
    group: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    title: Option<String>,
    date: Option<Spanned<String>>,
    author: Option<String>,
    url: Option<String>,
    language: Option<Spanned<String>>,
    notes: Option<String>,
}

/// Metadata of one article from the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ArticleMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub notes: Option<String>,
}

/// A checked manifest.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    /// Source id → (info, line of its table).
    pub sources: BTreeMap<String, (SourceInfo, u64)>,
    /// (source folder, file name) → metadata.
    pub articles: BTreeMap<(String, String), ArticleMeta>,
    /// The file's size and SHA-256, from the bytes parsed (`None`: no file).
    pub digest: Option<super::InputDigest>,
}

impl Manifest {
    /// Reads and checks `root/corpus.toml`; an absent file is an empty
    /// manifest. A source that names no language is in `default_language`.
    pub fn load(root: &Path, default_language: &str) -> Result<Manifest> {
        let path = root.join(MANIFEST_FILE);
        let Some(raw_text) = read_text(&path)? else {
            return Ok(Manifest::default());
        };
        let text = raw_text.strip_prefix('\u{FEFF}').unwrap_or(&raw_text);
        let lines = super::text::LineIndex::new(text);
        let raw = parse_raw(text, &path, &lines)?;
        let mut manifest = Manifest {
            digest: Some(super::InputDigest {
                path: path.clone(),
                bytes: raw_text.len() as u64,
                sha256: super::sha256_hex(raw_text.as_bytes()),
            }),
            ..Manifest::default()
        };
        let canonical_root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let line_of = |span: Range<usize>| lines.line(span.start);
        for (id, entry) in raw.sources {
            let line = line_of(entry.span());
            let mut info = source_info(&path, &line_of, line, &id, entry.into_inner())?;
            if info.language.is_empty() {
                info.language = default_language.to_string();
            }
            manifest.sources.insert(id, (info, line));
        }
        for (key, entry) in raw.articles {
            let line = line_of(entry.span());
            let (source, file) = checked_article_path(&path, line, root, &canonical_root, &key)?;
            let meta = article_meta(&path, &line_of, line, &key, entry.into_inner())?;
            manifest.articles.insert((source, file), meta);
        }
        Ok(manifest)
    }
}

/// The manifest's text, `None` if there is no file; invalid UTF-8 is an error
/// naming its line.
fn read_text(path: &Path) -> Result<Option<String>> {
    let bytes = match super::read_regular_file(path, super::MAX_SETTINGS_FILE_BYTES) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let line = super::text::count_newlines(e.as_bytes().get(..bad).unwrap_or(&[])) + 1;
        Error::input(path, line, format!("invalid UTF-8 at byte offset {bad}"))
    })?;
    Ok(Some(text))
}

/// Deserializes `text` (without its BOM); malformed TOML and unknown keys are
/// errors with line and column.
fn parse_raw(text: &str, path: &Path, lines: &super::text::LineIndex) -> Result<RawManifest> {
    // A NUL byte is not TOML; a `\u0000` escape would put one in a title
    // or a name: refused, as in an article file.
    super::text::check_no_nul(
        text.as_bytes(),
        path,
        super::text::At { line: 1, offset: 0 },
    )?;
    toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map(|s| lines.line_col(s.start)).unwrap_or((0, 0));
        let msg = one_line(e.message());
        let msg = msg.as_str();
        Error::input_at(path, line, col, format!("malformed TOML: {msg}"))
    })
}

/// Checks a `[sources.<id>]` table whose header is on `line`; `line_of` gives
/// the line of a value's span.
fn source_info(
    path: &Path,
    line_of: &impl Fn(Range<usize>) -> u64,
    line: u64,
    id: &str,
    raw: RawSource,
) -> Result<SourceInfo> {
    let name = raw.name.as_ref().map(|n| n.get_ref());
    let texts = [name, raw.url.as_ref(), raw.notes.as_ref()]
        .into_iter()
        .zip(["name", "url", "notes"])
        .chain(
            raw.boilerplate
                .iter()
                .map(|b| (Some(b.get_ref()), "boilerplate")),
        );
    for (v, field) in texts {
        if let Some(v) = v {
            super::text::check_no_nul_char(v, field)
                .map_err(|m| Error::input(path, line, format!("source {id:?}: {m}")))?;
        }
    }
    let language = match raw.language {
        Some(l) => checked_language(path, line_of(l.span()), l.into_inner())?,
        None => String::new(),
    };
    let boilerplate = checked_boilerplate(path, line_of, raw.boilerplate)?;
    let group = match raw.group {
        Some(g) => {
            let g_line = line_of(g.span());
            let g = g.into_inner();
            super::text::check_no_nul_char(&g, "group")
                .map_err(|m| Error::input(path, g_line, format!("source {id:?}: {m}")))?;
            if g.trim().is_empty() {
                return Err(Error::input(
                    path,
                    g_line,
                    format!("source {id:?}: empty group (leave the key out for no group)"),
                ));
            }
            Some(g.trim().to_string())
        }
        None => None,
    };
    let name = match raw.name {
        Some(n) if n.get_ref().trim().is_empty() => {
            return Err(Error::input(
                path,
                line_of(n.span()),
                format!("source {id:?}: empty name"),
            ))
        }
        Some(n) => n.into_inner(),
        None => id.to_string(),
    };
    Ok(SourceInfo {
        id: id.to_string(),
        name,
        url: raw.url,
        language,
        boilerplate,
        notes: raw.notes,
        group,
    })
}

/// A source's boilerplate lines, trimmed: each must be one non-empty line.
fn checked_boilerplate(
    path: &Path,
    line_of: &impl Fn(Range<usize>) -> u64,
    raw: Vec<Spanned<String>>,
) -> Result<Vec<String>> {
    let mut boilerplate = Vec::with_capacity(raw.len());
    for b in raw {
        let b_line = line_of(b.span());
        let b = b.into_inner();
        let trimmed = b.trim();
        if trimmed.is_empty() {
            return Err(Error::input(
                path,
                b_line,
                "empty boilerplate entry: it would match nothing",
            ));
        }
        if trimmed.contains('\n') {
            return Err(Error::input(
                path,
                b_line,
                "boilerplate entry spans several lines: entries match one whole line",
            ));
        }
        boilerplate.push(trimmed.to_string());
    }
    Ok(boilerplate)
}

/// Checks the fields of an `[articles."<key>"]` table whose header is on
/// `line`; `line_of` gives the line of a value's span.
fn article_meta(
    path: &Path,
    line_of: &impl Fn(Range<usize>) -> u64,
    line: u64,
    key: &str,
    raw: RawArticle,
) -> Result<ArticleMeta> {
    for (field, v) in [
        ("title", &raw.title),
        ("author", &raw.author),
        ("url", &raw.url),
        ("notes", &raw.notes),
    ] {
        if let Some(v) = v {
            super::text::check_no_nul_char(v, field)
                .map_err(|m| Error::input(path, line, format!("{key:?}: {m}")))?;
        }
    }
    let date = match raw.date {
        Some(d) => {
            let d_line = line_of(d.span());
            let d = d.into_inner();
            if !super::text::is_date(&d) {
                return Err(Error::input(
                    path,
                    d_line,
                    format!("{key:?}: {}", super::text::bad_date(&d)),
                ));
            }
            Some(d)
        }
        None => None,
    };
    let language = match raw.language {
        Some(l) => Some(checked_language(path, line_of(l.span()), l.into_inner())?),
        None => None,
    };
    Ok(ArticleMeta {
        title: raw.title,
        date,
        author: raw.author,
        url: raw.url,
        language,
        notes: raw.notes,
    })
}

/// A multi-line parser message on one line (`a\nb` → `a: b`).
pub(crate) fn one_line(msg: &str) -> String {
    msg.trim_end()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}

/// A language value: an ISO 639-1 code (`crate::language::check`, the rule
/// of every layout).
fn checked_language(path: &Path, line: u64, lang: String) -> Result<String> {
    match crate::language::check(&lang) {
        Ok(()) => Ok(lang),
        Err(m) => Err(Error::input(path, line, m)),
    }
}

/// Checks an `[articles."<source>/<file>"]` key: inside the corpus, an existing
/// `.txt`/`.md` file directly in a visible source folder. Returns (source, file).
fn checked_article_path(
    manifest: &Path,
    line: u64,
    root: &Path,
    canonical_root: &Path,
    key: &str,
) -> Result<(String, String)> {
    let rel = Path::new(key);
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(Error::input(
                    manifest,
                    line,
                    format!(
                        "article {key:?} points outside the corpus directory {}",
                        root.display()
                    ),
                ))
            }
        }
    }
    let [source, file] = parts.as_slice() else {
        return Err(Error::input(
            manifest,
            line,
            format!("article {key:?} must be \"<source folder>/<file>.txt\" (or .md)"),
        ));
    };
    if source.starts_with('.') || file.starts_with('.') || !super::dir::is_article_name(file) {
        return Err(Error::input(
            manifest,
            line,
            format!("article {key:?} is not an article file: a visible .txt or .md file in a source folder"),
        ));
    }
    let full = root.join(source).join(file);
    let is_file = std::fs::metadata(&full)
        .map(|m| m.is_file())
        .unwrap_or(false);
    if !is_file {
        return Err(Error::input(
            manifest,
            line,
            format!(
                "article {key:?} points at a missing file {}",
                full.display()
            ),
        ));
    }
    let canonical = std::fs::canonicalize(&full).map_err(|e| Error::io(&full, e))?;
    if !canonical.starts_with(canonical_root) {
        return Err(Error::input(
            manifest,
            line,
            format!(
                "article {key:?} resolves to {}, outside the corpus directory",
                canonical.display()
            ),
        ));
    }
    Ok((source.clone(), file.clone()))
}
