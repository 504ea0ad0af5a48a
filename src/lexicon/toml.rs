//! The framelens lexicon format (README.md, "The lexicon"), TOML:
//!
//! ```toml
//! distancing = ["so-called", "alleged"]   # top level: before the first [table]
//! [meta]
//! name = "..."; version = "1.0.0"; language = "en"; description = "..."; license = "CC0-1.0"
//!                              # all optional; name: the file's name without its extension
//! matching = "stem"            # optional: "stem" (default) or "exact"
//! [categories.<id>]
//! label = "..."; description = "..."; terms = ["word", "glob*", "a phrase"]; weight = 1.0
//! [actors.<id>]
//! label = "..."; aliases = ["Dina Boluarte", "Boluarte"]
//! ```
//!
//! Errors give `path:line:column:`; unknown keys and empty categories are
//! errors, duplicate entries warnings. Categories and actors keep file order.

use std::collections::BTreeMap;
use std::path::Path;

use ::toml::Spanned;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::build::{error_at, name_of, EntryCompiler};
use super::model::{Actor, Category, Entry, EntryKind, Lexicon, Matching, Meta, Unit, Warning};
use crate::analyze::Analyzer;
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: Spanned<RawMeta>,
    #[serde(default)]
    categories: BTreeMap<Spanned<String>, Spanned<RawCategory>>,
    #[serde(default)]
    actors: BTreeMap<Spanned<String>, Spanned<RawActor>>,
    #[serde(default)]
    distancing: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    license: String,
    #[serde(default)]
    matching: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    weight: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// Offset of a string value's first character (after the opening quote).
fn inner(s: &Spanned<String>) -> usize {
    s.span().start + 1
}

/// Parses a framelens TOML lexicon. `path` is used in messages only.
pub fn parse_toml(text: &str, path: &Path, analyzer: &Analyzer) -> Result<(Lexicon, Vec<Warning>)> {
    let raw = read_raw(text, path)?;
    let meta_span = raw.meta.span();
    let rm = raw.meta.into_inner();
    let matching = matching_of(&rm, path, text)?;
    let mut cx = EntryCompiler::new(path, text, analyzer, matching);
    let meta = build_meta(rm, meta_span.start, &mut cx);
    let categories = build_categories(raw.categories, &mut cx)?;
    let actors = build_actors(raw.actors, &mut cx)?;
    let distancing = build_distancing(&raw.distancing, &mut cx)?;
    let warnings = cx.warnings;
    Ok((Lexicon::new(meta, categories, actors, distancing), warnings))
}

/// Deserializes the file; a TOML error or unknown key is an error at its span.
fn read_raw(text: &str, path: &Path) -> Result<RawFile> {
    ::toml::from_str(text).map_err(|e| {
        let mut msg = crate::corpus::one_line(e.message());
        if msg.contains("unknown field `distancing`") {
            msg.push_str(" (write `distancing = [...]` before the first [table] header: after [meta] it belongs to [meta])");
        }
        match e.span() {
            Some(span) => error_at(path, text, span.start, msg),
            None => Error::input(path, 0, msg),
        }
    })
}

/// `[meta] matching`: "stem" (the default) or "exact".
fn matching_of(rm: &RawMeta, path: &Path, text: &str) -> Result<Matching> {
    match &rm.matching {
        None => Ok(Matching::Stem),
        Some(m) => match m.get_ref().as_str() {
            "stem" => Ok(Matching::Stem),
            "exact" => Ok(Matching::Exact),
            other => Err(error_at(
                path,
                text,
                m.span().start,
                format!("matching must be \"stem\" or \"exact\", not \"{other}\""),
            )),
        },
    }
}

/// The lexicon's metadata, warning (at `meta_off`, the `[meta]` table) when
/// its language is not the analyzer's.
fn build_meta(rm: RawMeta, meta_off: usize, cx: &mut EntryCompiler) -> Meta {
    let analyzer = cx.analyzer;
    let language = rm
        .language
        .unwrap_or_else(|| analyzer.language().to_string());
    if language != analyzer.language() {
        cx.warn(
            Some(meta_off),
            format!(
                "the lexicon's language is '{language}' but the text is analyzed as '{}'",
                analyzer.language()
            ),
        );
    }
    Meta {
        name: if rm.name.trim().is_empty() {
            name_of(cx.path, "lexicon")
        } else {
            rm.name
        },
        version: rm.version,
        language,
        description: rm.description,
        license: rm.license,
        matching: cx.matching,
    }
}

/// The `[categories.<id>]` tables in file order.
fn build_categories(
    raw: BTreeMap<Spanned<String>, Spanned<RawCategory>>,
    cx: &mut EntryCompiler,
) -> Result<Vec<Category>> {
    // BTreeMap sorts by id; the spans give back the order of the file.
    let mut cats: Vec<_> = raw.into_iter().collect();
    cats.sort_by_key(|(k, _)| k.span().start);
    if cats.len() > u16::MAX as usize {
        return Err(Error::input(
            cx.path,
            0,
            format!(
                "{} categories: at most {} are supported",
                cats.len(),
                u16::MAX
            ),
        ));
    }
    let mut categories = Vec::with_capacity(cats.len());
    for (id, body) in cats {
        categories.push(build_category(id, body.into_inner(), cx)?);
    }
    Ok(categories)
}

/// One category: its terms compiled, duplicates warned about and skipped.
fn build_category(
    id: Spanned<String>,
    rc: RawCategory,
    cx: &mut EntryCompiler,
) -> Result<Category> {
    let id_off = id.span().start;
    let id = id.into_inner();
    if rc.terms.is_empty() {
        return Err(error_at(
            cx.path,
            cx.text,
            id_off,
            format!("category '{id}' has no terms"),
        ));
    }
    let weight = match rc.weight {
        Some(w) if !(w.get_ref().is_finite() && *w.get_ref() >= 0.0) => {
            return Err(error_at(
                cx.path,
                cx.text,
                w.span().start,
                format!("weight of '{id}' must be a finite number ≥ 0"),
            ))
        }
        Some(w) => w.into_inner(),
        None => 1.0,
    };
    let description = rc.description.unwrap_or_default();
    if description.trim().is_empty() {
        cx.warn(Some(id_off), format!("category '{id}' has no description"));
    }
    let mut cat = Category {
        label: rc.label.unwrap_or_else(|| id.clone()),
        id,
        description,
        weight,
        entries: Vec::new(),
    };
    let mut seen = FxHashMap::default();
    for t in &rc.terms {
        let entry = cx.entry(t.get_ref(), Some(inner(t)), EntryKind::Term)?;
        cx.push_unique(&mut cat, entry, Some(inner(t)), &mut seen);
    }
    Ok(cat)
}

/// The `[actors.<id>]` tables in file order. An alias that another actor (or
/// the same one) already has is warned about and skipped.
fn build_actors(
    raw: BTreeMap<Spanned<String>, Spanned<RawActor>>,
    cx: &mut EntryCompiler,
) -> Result<Vec<Actor>> {
    let mut acts: Vec<_> = raw.into_iter().collect();
    acts.sort_by_key(|(k, _)| k.span().start);
    if acts.len() > u16::MAX as usize {
        return Err(Error::input(
            cx.path,
            0,
            format!("{} actors: at most {} are supported", acts.len(), u16::MAX),
        ));
    }
    let mut actors: Vec<Actor> = Vec::with_capacity(acts.len());
    let mut alias_owner: FxHashMap<Vec<Unit>, String> = FxHashMap::default();
    for (id, body) in acts {
        let id_off = id.span().start;
        let id = id.into_inner();
        let ra = body.into_inner();
        if ra.aliases.is_empty() {
            return Err(error_at(
                cx.path,
                cx.text,
                id_off,
                format!("actor '{id}' has no aliases"),
            ));
        }
        let mut actor = Actor {
            label: ra.label.unwrap_or_else(|| id.clone()),
            id,
            aliases: Vec::new(),
        };
        for a in &ra.aliases {
            let entry = cx.entry(a.get_ref(), Some(inner(a)), EntryKind::Alias)?;
            if let Some(owner) = alias_owner.get(&entry.units) {
                cx.warn(
                    Some(inner(a)),
                    format!("duplicate alias '{}' of actor '{}': already an alias of '{owner}' after analysis; ignored", entry.text, actor.id),
                );
                continue;
            }
            alias_owner.insert(entry.units.clone(), actor.id.clone());
            actor.aliases.push(entry);
        }
        actors.push(actor);
    }
    Ok(actors)
}

/// The top-level `distancing` markers; a duplicate is warned about and skipped.
fn build_distancing(raw: &[Spanned<String>], cx: &mut EntryCompiler) -> Result<Vec<Entry>> {
    let mut distancing = Vec::with_capacity(raw.len());
    let mut seen_markers = FxHashMap::default();
    for m in raw {
        let entry = cx.entry(m.get_ref(), Some(inner(m)), EntryKind::Term)?;
        if seen_markers.insert(entry.units.clone(), ()).is_some() {
            cx.warn(
                Some(inner(m)),
                format!("duplicate distancing marker '{}'; ignored", entry.text),
            );
            continue;
        }
        distancing.push(entry);
    }
    Ok(distancing)
}
