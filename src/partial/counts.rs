//! The only place that touches `count::SourceCounts` internals: its rows out
//! (sorted) and its rows in. If the counting representation changes, only
//! these functions change.

use crate::count::{CorpusCounts, SourceCounts};

/// One source's totals: (source, articles, words).
pub fn count_rows(c: &CorpusCounts) -> Vec<(&str, u64, u64)> {
    c.sources
        .iter()
        .map(|(id, s)| (id.as_str(), s.articles, s.words))
        .collect()
}

/// (source, term, count, df), sorted by source then term.
pub fn term_rows(c: &CorpusCounts) -> Vec<(&str, &str, u64, u64)> {
    let mut out = Vec::new();
    for (id, s) in &c.sources {
        let mut v: Vec<(&str, &str, u64, u64)> = s
            .terms
            .iter()
            .map(|(t, &n)| {
                (
                    id.as_str(),
                    t.as_str(),
                    n,
                    s.df.get(t.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        v.sort_unstable_by(|a, b| a.1.cmp(b.1));
        out.extend(v);
    }
    out
}

/// (source, term, surface form, count), sorted by source, term, form.
pub fn surface_rows(c: &CorpusCounts) -> Vec<(&str, &str, &str, u64)> {
    let mut out = Vec::new();
    for (id, s) in &c.sources {
        let mut v: Vec<(&str, &str, &str, u64)> = s
            .surfaces
            .iter()
            .flat_map(|(t, forms)| {
                forms
                    .iter()
                    .map(move |(f, &n)| (id.as_str(), t.as_str(), f.as_str(), n))
            })
            .collect();
        v.sort_unstable_by(|a, b| (a.1, a.2).cmp(&(b.1, b.2)));
        out.extend(v);
    }
    out
}

fn source<'a>(c: &'a mut CorpusCounts, id: &str) -> &'a mut SourceCounts {
    if !c.sources.contains_key(id) {
        c.sources.insert(id.to_string(), SourceCounts::default());
    }
    // Inserted just above when missing.
    c.sources.get_mut(id).unwrap_or_else(|| unreachable!())
}

pub fn add_count(c: &mut CorpusCounts, id: &str, articles: u64, words: u64) {
    let s = source(c, id);
    s.articles += articles;
    s.words += words;
}

pub fn add_term(c: &mut CorpusCounts, id: &str, term: &str, count: u64, df: u64) {
    let s = source(c, id);
    *s.terms.entry(term.to_string()).or_insert(0) += count;
    *s.df.entry(term.to_string()).or_insert(0) += df;
}

pub fn add_surface(c: &mut CorpusCounts, id: &str, term: &str, form: &str, count: u64) {
    let s = source(c, id);
    *s.surfaces
        .entry(term.to_string())
        .or_default()
        .entry(form.to_string())
        .or_insert(0) += count;
}
