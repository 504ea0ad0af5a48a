//! Term frequencies per document: count, rate per 1,000 words, and the number
//! of the document's articles that contain the term.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use super::dtm::Dtm;
use super::{per_1000, Unit};

/// Which rows.
#[derive(Debug, Clone)]
pub struct TermsSpec {
    pub unit: Unit,
    /// Rows per document; `None` = all.
    pub top: Option<usize>,
    /// Leave out terms with fewer occurrences in the document.
    pub min_count: u64,
}

/// One row: a term in a document. `doc_freq` is the number of the document's
/// articles that contain the term (1 for an article).
#[derive(Debug, Clone, Serialize)]
pub struct TermRow<'a> {
    pub source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<&'a str>,
    pub term: Cow<'a, str>,
    pub display: Cow<'a, str>,
    pub count: u64,
    pub per_1000: f64,
    pub doc_freq: u64,
    pub words: u64,
}

/// The rows of each document (in document order), most frequent first, ties
/// in term order.
pub fn rows<'a>(dtm: &Dtm<'a>, spec: &TermsSpec) -> Vec<Vec<TermRow<'a>>> {
    (0..dtm.docs.len())
        .into_par_iter()
        .map(|d| doc_rows(dtm, d, spec))
        .collect()
}

/// The rows of document `d`.
pub fn doc_rows<'a>(dtm: &Dtm<'a>, d: usize, spec: &TermsSpec) -> Vec<TermRow<'a>> {
    let (Some(doc), Some(row)) = (dtm.docs.get(d), dtm.rows.get(d)) else {
        return Vec::new();
    };
    let mut cells: Vec<_> = row.iter().filter(|c| c.1 >= spec.min_count).collect();
    cells.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    cells.truncate(spec.top.unwrap_or(usize::MAX));
    cells
        .into_iter()
        .map(|&(t, n, df)| TermRow {
            source: doc.source,
            article: (spec.unit == Unit::Article).then_some(doc.id),
            term: dtm.text(t),
            display: dtm.display(d, t),
            count: n,
            per_1000: per_1000(n, doc.words),
            doc_freq: df,
            words: doc.words,
        })
        .collect()
}
