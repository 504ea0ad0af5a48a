//! The only place that touches `count::SourceCounts` internals: its rows out
//! (sorted) and its rows in. If the counting representation changes, only
//! these functions change.

use crate::count::{CorpusCounts, RateSum, SourceCounts};

/// One source's totals: (source, articles, words).
pub fn count_rows(c: &CorpusCounts) -> Vec<(&str, u64, u64)> {
    c.sources
        .iter()
        .map(|(id, s)| (id.as_str(), s.articles, s.words))
        .collect()
}

/// One `term` record: (source, term, count, df, per-article rates).
pub type TermRow<'a> = (&'a str, &'a str, u64, u64, RateSum);

/// The `term` records, sorted by source then term.
pub fn term_rows(c: &CorpusCounts) -> Vec<TermRow<'_>> {
    let mut out = Vec::new();
    for (id, s) in &c.sources {
        let mut v: Vec<TermRow<'_>> = s
            .terms
            .iter()
            .map(|(t, &n)| {
                (
                    id.as_str(),
                    t.as_str(),
                    n,
                    s.df.get(t.as_str()).copied().unwrap_or(0),
                    s.rates.get(t.as_str()).copied().unwrap_or_default(),
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

/// `a + b`, or an error naming `what` past 2^64.
fn sum(a: u64, b: u64, what: &str, source: &str) -> Result<u64, String> {
    a.checked_add(b)
        .ok_or_else(|| format!("source {source:?}: {what} add up past 2^64"))
}

pub fn add_count(c: &mut CorpusCounts, id: &str, articles: u64, words: u64) -> Result<(), String> {
    let s = source(c, id);
    s.articles = sum(s.articles, articles, "article counts", id)?;
    s.words = sum(s.words, words, "word counts", id)?;
    Ok(())
}

pub fn add_term(
    c: &mut CorpusCounts,
    id: &str,
    term: &str,
    count: u64,
    df: u64,
    rates: RateSum,
) -> Result<(), String> {
    let s = source(c, id);
    let n = s.terms.entry(term.to_string()).or_insert(0);
    *n = sum(*n, count, "term counts", id)?;
    let d = s.df.entry(term.to_string()).or_insert(0);
    *d = sum(*d, df, "document frequencies", id)?;
    *s.rates.entry(term.to_string()).or_default() += &rates;
    Ok(())
}

pub fn add_surface(
    c: &mut CorpusCounts,
    id: &str,
    term: &str,
    form: &str,
    count: u64,
) -> Result<(), String> {
    let s = source(c, id);
    let n = s
        .surfaces
        .entry(term.to_string())
        .or_default()
        .entry(form.to_string())
        .or_insert(0);
    *n = sum(*n, count, "surface form counts", id)?;
    Ok(())
}

/// `a += b` with every sum checked: an error instead of a count that wraps.
/// On error `a` is partly merged.
pub fn merge(a: &mut CorpusCounts, b: CorpusCounts) -> Result<(), String> {
    for (id, s) in b.sources {
        let Some(mine) = a.sources.get_mut(&id) else {
            a.sources.insert(id, s);
            continue;
        };
        mine.articles = sum(mine.articles, s.articles, "article counts", &id)?;
        mine.words = sum(mine.words, s.words, "word counts", &id)?;
        for (t, n) in s.terms {
            let m = mine.terms.entry(t).or_insert(0);
            *m = sum(*m, n, "term counts", &id)?;
        }
        for (t, n) in s.df {
            let m = mine.df.entry(t).or_insert(0);
            *m = sum(*m, n, "document frequencies", &id)?;
        }
        for (t, r) in s.rates {
            *mine.rates.entry(t).or_default() += &r;
        }
        for (t, forms) in s.surfaces {
            let mf = mine.surfaces.entry(t).or_default();
            for (f, n) in forms {
                let m = mf.entry(f).or_insert(0);
                *m = sum(*m, n, "surface form counts", &id)?;
            }
        }
    }
    Ok(())
}

/// The sums of every kind of count over all sources and terms (articles,
/// words, term counts, document frequencies, surface counts), checked: when
/// they fit in 64 bits, so does any sum of some of them (all are ≥ 0), which is
/// every sum the report makes.
pub fn check_totals(c: &CorpusCounts) -> Result<(), String> {
    let mut t = [0u64; 5];
    let names = [
        "article counts",
        "word counts",
        "term counts",
        "document frequencies",
        "surface form counts",
    ];
    let mut add = |k: usize, n: u64| -> Result<(), String> {
        t[k] = t[k]
            .checked_add(n)
            .ok_or_else(|| format!("the {} of all sources add up past 2^64", names[k]))?;
        Ok(())
    };
    for s in c.sources.values() {
        add(0, s.articles)?;
        add(1, s.words)?;
        for &n in s.terms.values() {
            add(2, n)?;
        }
        for &n in s.df.values() {
            add(3, n)?;
        }
        for forms in s.surfaces.values() {
            for &n in forms.values() {
                add(4, n)?;
            }
        }
    }
    Ok(())
}
