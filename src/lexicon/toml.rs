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
    distancing: RawTerms,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    language: Option<Spanned<String>>,
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
    terms: RawTerms,
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

/// A category's `terms` or the `distancing` markers: a list, in the lexicon's
/// language (`[meta] language`), or a table of lists by language
/// (`en = [...]`, `es = [...]`), kept in file order.
enum RawTerms {
    List(Vec<Spanned<String>>),
    ByLanguage(Vec<(Spanned<String>, Vec<Spanned<String>>)>),
}

impl Default for RawTerms {
    fn default() -> Self {
        RawTerms::List(Vec::new())
    }
}

/// A list of terms and its language key (`None`: the lexicon's language).
type LanguageList<'a> = (Option<&'a Spanned<String>>, &'a [Spanned<String>]);

impl RawTerms {
    fn is_empty(&self) -> bool {
        match self {
            RawTerms::List(v) => v.is_empty(),
            RawTerms::ByLanguage(v) => v.iter().all(|(_, terms)| terms.is_empty()),
        }
    }

    /// The lists with their language (`None`: the lexicon's), in file order.
    fn lists(&self) -> Vec<LanguageList<'_>> {
        match self {
            RawTerms::List(v) => vec![(None, v.as_slice())],
            RawTerms::ByLanguage(v) => v.iter().map(|(l, t)| (Some(l), t.as_slice())).collect(),
        }
    }
}

/// Reads [`RawTerms`] from an array or a table, directly from the TOML
/// deserializer, so that every string keeps its span (serde's untagged enums
/// buffer the value and lose them).
impl<'de> Deserialize<'de> for RawTerms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawTerms;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a list of strings, or a table of lists by language (en = [...], es = [...])",
                )
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<RawTerms, A::Error> {
                let mut v = Vec::new();
                while let Some(s) = seq.next_element::<Spanned<String>>()? {
                    v.push(s);
                }
                Ok(RawTerms::List(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawTerms, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    v.push((k, map.next_value::<Vec<Spanned<String>>>()?));
                }
                Ok(RawTerms::ByLanguage(v))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Offset of a string value's first character (after the opening quote).
fn inner(s: &Spanned<String>) -> usize {
    s.span().start + 1
}

/// Parses a framelens TOML lexicon. `path` is used in messages only.
pub fn parse_toml(text: &str, path: &Path, analyzer: &Analyzer) -> Result<(Lexicon, Vec<Warning>)> {
    let raw = read_raw(text, path)?;
    let rm = raw.meta.into_inner();
    let matching = matching_of(&rm, path, text)?;
    // The lexicon's own language, when it names one, is the default one of
    // its entries: compile them with that language's analyzer.
    let own;
    let analyzer = match &rm.language {
        Some(l) if l.get_ref() != analyzer.language() => {
            crate::language::check(l.get_ref())
                .map_err(|m| error_at(path, text, l.span().start, m))?;
            own = Analyzer::new(l.get_ref(), analyzer.config()).map_err(|e| {
                error_at(
                    path,
                    text,
                    l.span().start,
                    format!("the lexicon's language: {e}"),
                )
            })?;
            &own
        }
        _ => analyzer,
    };
    let mut cx = EntryCompiler::new(path, text, analyzer, matching);
    let meta = build_meta(rm, &cx);
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

/// The lexicon's metadata. Its language (`[meta] language`, else the
/// corpus's default) is that of the plain `terms` lists and distancing list.
fn build_meta(rm: RawMeta, cx: &EntryCompiler) -> Meta {
    let language = rm
        .language
        .map_or_else(|| cx.analyzer.language().to_string(), |l| l.into_inner());
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
    for (language, terms) in rc.terms.lists() {
        cx.language(language.map(|l| (l.get_ref().as_str(), l.span().start)))?;
        for t in terms {
            let entry = cx.entry(t.get_ref(), Some(inner(t)), EntryKind::Term)?;
            cx.push_unique(&mut cat, entry, Some(inner(t)), &mut seen);
        }
    }
    cx.language(None)?;
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
fn build_distancing(raw: &RawTerms, cx: &mut EntryCompiler) -> Result<Vec<Entry>> {
    let mut distancing = Vec::new();
    let mut seen_markers = FxHashMap::default();
    for (language, markers) in raw.lists() {
        cx.language(language.map(|l| (l.get_ref().as_str(), l.span().start)))?;
        for m in markers {
            let entry = cx.entry(m.get_ref(), Some(inner(m)), EntryKind::Term)?;
            let key = (entry.language.clone(), entry.units.clone());
            if seen_markers.insert(key, ()).is_some() {
                cx.warn(
                    Some(inner(m)),
                    format!("duplicate distancing marker '{}'; ignored", entry.text),
                );
                continue;
            }
            distancing.push(entry);
        }
    }
    cx.language(None)?;
    Ok(distancing)
}
