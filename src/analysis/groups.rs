//! Source groups (a party, a country, an owner, a kind of outlet): the units
//! of `--by group`, and the reference of `keyness --within-group`.
//!
//! A source belongs to at most one group (`corpus.toml`'s `group`, the
//! `group` field of JSONL articles, a CSV group column; partials carry it).
//! Under `--by group` every statistic by source is computed with the groups
//! as its units: a group's counts are the sums of its sources' counts, so a
//! group is exactly the source a corpus would have if its sources' articles
//! were filed under the group's name ([`super::dtm::Dtm::merged`], one place
//! for every term statistic; [`super::lexicon::group_units`] for the lexicon).
//!
//! Rules a researcher can rely on:
//! - A source without a group stands alone: it is a unit of its own, named
//!   after the source (independents next to parties), and the output says
//!   which sources stand alone. A group named like such a source would make
//!   two units one: refused.
//! - A corpus where no source has a group has no groups: `--by group` is
//!   refused rather than silently giving the sources.
//! - A group's language is that of its sources, or `mul` when they differ
//!   (`language::combine`, as for a source of articles in several languages),
//!   so the statistics computed within a language group the same way.

use std::collections::BTreeMap;

use super::dtm::Dtm;
use super::DocHead;
use crate::error::{Error, Result};

/// One unit of `--by group`: a group and its sources, or a source with no
/// group, alone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupUnit {
    /// The group's name, or the id of a source that has none.
    pub group: String,
    /// Its sources' ids, sorted.
    pub sources: Vec<String>,
    /// Its sources' language, or `mul` when they differ.
    pub language: String,
    /// `true` for a source without a group, standing alone.
    pub ungrouped: bool,
}

/// The units of `--by group`, sorted by name, and each source's unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    pub units: Vec<GroupUnit>,
    of_source: BTreeMap<String, usize>,
}

impl Groups {
    /// The groups of `sources`: (id, group, language) of each source. Fails
    /// (a usage error) when no source has a group, or when a group has the
    /// name of a source that has none.
    pub fn of<'a>(
        sources: impl IntoIterator<Item = (&'a str, Option<&'a str>, &'a str)>,
    ) -> Result<Groups> {
        let mut by: BTreeMap<&str, GroupUnit> = BTreeMap::new();
        let mut alone: Vec<&str> = Vec::new();
        for (id, group, language) in sources {
            let name = group.unwrap_or(id);
            if group.is_none() {
                alone.push(id);
            }
            match by.get_mut(name) {
                Some(u) if u.ungrouped || group.is_none() => {
                    let grouped = if group.is_none() {
                        u.sources.clone()
                    } else {
                        vec![id.to_string()]
                    };
                    return Err(Error::Usage(format!(
                        "source {name:?} has no group, and a group has that name too (its sources: {}): rename the group or give {name:?} a group",
                        grouped.join(", ")
                    )));
                }
                Some(u) => {
                    u.sources.push(id.to_string());
                    u.language = crate::language::combine(&u.language, language);
                }
                None => {
                    by.insert(
                        name,
                        GroupUnit {
                            group: name.to_string(),
                            sources: vec![id.to_string()],
                            language: language.to_string(),
                            ungrouped: group.is_none(),
                        },
                    );
                }
            }
        }
        if by.values().all(|u| u.ungrouped) {
            return Err(Error::Usage(
                "no source has a group: give each source one (corpus.toml [sources.<id>] group = \"...\", a \"group\" field in JSONL, a group column in CSV, --group-column) to compare groups".into(),
            ));
        }
        let mut units: Vec<GroupUnit> = by.into_values().collect();
        for u in &mut units {
            u.sources.sort();
        }
        let of_source = units
            .iter()
            .enumerate()
            .flat_map(|(i, u)| u.sources.iter().map(move |s| (s.clone(), i)))
            .collect();
        Ok(Groups { units, of_source })
    }

    /// The groups of the sources read (`CorpusReader::finish`'s, or a
    /// partial's turned back into sources).
    pub fn of_sources(sources: &BTreeMap<String, crate::corpus::SourceInfo>) -> Result<Groups> {
        Groups::of(
            sources
                .iter()
                .map(|(id, s)| (id.as_str(), s.group.as_deref(), s.language.as_str())),
        )
    }

    /// The unit of source `id`, by position in [`Groups::units`].
    pub fn unit_of(&self, id: &str) -> Option<usize> {
        self.of_source.get(id).copied()
    }

    /// The unit named `name`.
    pub fn unit(&self, name: &str) -> Option<&GroupUnit> {
        self.units
            .binary_search_by(|u| u.group.as_str().cmp(name))
            .ok()
            .and_then(|i| self.units.get(i))
    }

    /// "Units are groups of sources: A = a, b; B = c. Sources without a group
    /// stand alone: d.": what the output says about its units.
    pub fn describe(&self) -> String {
        let grouped: Vec<String> = self
            .units
            .iter()
            .filter(|u| !u.ungrouped)
            .map(|u| format!("{} = {}", u.group, u.sources.join(", ")))
            .collect();
        let alone: Vec<&str> = self
            .units
            .iter()
            .filter(|u| u.ungrouped)
            .map(|u| u.group.as_str())
            .collect();
        let mut s = format!(
            "Units are groups of sources, each the sum of its sources' counts: {}.",
            grouped.join("; ")
        );
        if !alone.is_empty() {
            s += &format!(
                " Sources without a group stand alone, each a unit of its own: {}.",
                alone.join(", ")
            );
        }
        s
    }
}

/// The units of `groups` as documents of `sources` (a matrix of sources):
/// each unit's heading (id and name = the group's name, its sources'
/// articles and words) and its sources' positions, for [`Dtm::merged`]. A
/// source that is not a document of `sources` (it gave no article) adds
/// nothing; a unit with no document is left out.
pub fn units_of<'a>(sources: &Dtm<'a>, groups: &'a Groups) -> Vec<(DocHead<'a>, Vec<usize>)> {
    groups
        .units
        .iter()
        .filter_map(|u| {
            let docs: Vec<usize> = u
                .sources
                .iter()
                .filter_map(|s| sources.position(s))
                .collect();
            if docs.is_empty() {
                return None;
            }
            let head = DocHead {
                id: &u.group,
                source: &u.group,
                name: &u.group,
                articles: docs.iter().map(|&d| sources.docs[d].articles).sum(),
                words: docs.iter().map(|&d| sources.docs[d].words).sum(),
            };
            Some((head, docs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ungrouped_sources_stand_alone_and_languages_combine() {
        let g = Groups::of([
            ("a", Some("left"), "en"),
            ("b", Some("left"), "es"),
            ("c", Some("right"), "en"),
            ("d", None, "en"),
        ])
        .unwrap();
        let names: Vec<&str> = g.units.iter().map(|u| u.group.as_str()).collect();
        assert_eq!(names, ["d", "left", "right"]);
        assert_eq!(g.unit("left").unwrap().language, "mul");
        assert_eq!(g.unit("left").unwrap().sources, ["a", "b"]);
        assert!(g.unit("d").unwrap().ungrouped);
        assert_eq!(g.unit_of("b"), Some(1));
        assert!(g
            .describe()
            .contains("stand alone, each a unit of its own: d."));
    }

    #[test]
    fn no_group_or_a_clash_is_refused() {
        let e = Groups::of([("a", None, "en"), ("b", None, "en")]).unwrap_err();
        assert!(e.to_string().contains("no source has a group"), "{e}");
        let e = Groups::of([("a", Some("b"), "en"), ("b", None, "en")]).unwrap_err();
        assert!(e.to_string().contains("source \"b\" has no group"), "{e}");
        let e = Groups::of([("b", None, "en"), ("a", Some("b"), "en")]).unwrap_err();
        assert!(e.to_string().contains("source \"b\" has no group"), "{e}");
    }
}
