//! `framelens terms`: term counts, rates per 1,000 words and document frequency,
//! per source or per article.

use std::io::Write;

use serde::Serialize;

use super::{csv_err, docs, heading, stdout_err, AnalyzerInfo, Unit, Warnings, SCHEMA_VERSION};
use crate::count::DisplayForms;
use crate::error::Result;
use crate::output::{csv_writer, per_1000, printable, write_json, Align, Format, Table};
use crate::pipeline::{self, Config};

#[derive(Debug, Clone)]
pub struct TermsOptions {
    pub by: Unit,
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
    pub term: &'a str,
    pub display: &'a str,
    pub count: u64,
    pub per_1000: f64,
    pub doc_freq: u64,
    pub words: u64,
}

pub fn run(
    config: &Config,
    opts: &TermsOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let counted = pipeline::count(config, opts.by == Unit::Article)?;
    let docs = docs(&counted, opts.by);
    let displays: Vec<DisplayForms> = docs.iter().map(|d| DisplayForms::of(d.counts)).collect();
    let tables: Vec<Vec<TermRow>> = docs
        .iter()
        .zip(&displays)
        .map(|(doc, display)| {
            let c = doc.counts;
            let mut terms: Vec<(&String, &u64)> = c
                .terms
                .iter()
                .filter(|(_, &n)| n >= opts.min_count)
                .collect();
            terms.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            terms.truncate(opts.top.unwrap_or(usize::MAX));
            terms
                .iter()
                .map(|(t, &n)| TermRow {
                    source: doc.source,
                    article: (opts.by == Unit::Article).then_some(doc.id),
                    term: t,
                    display: display.get(t),
                    count: n,
                    per_1000: per_1000(n, c.words),
                    doc_freq: c.df.get(*t).copied().unwrap_or(0),
                    words: c.words,
                })
                .collect()
        })
        .collect();
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for r in tables.iter().flatten() {
                w.serialize(r).map_err(csv_err)?;
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Table => {
            for (doc, rows) in docs.iter().zip(&tables) {
                let mut t = Table::new(&[
                    ("rank", Align::Right),
                    ("term", Align::Left),
                    ("count", Align::Right),
                    ("per_1000", Align::Right),
                    ("articles", Align::Right),
                ]);
                for (i, r) in rows.iter().enumerate() {
                    t.row(vec![
                        (i + 1).to_string(),
                        printable(r.display),
                        r.count.to_string(),
                        format!("{:.2}", r.per_1000),
                        r.doc_freq.to_string(),
                    ]);
                }
                heading(out, &doc.head(), opts.by)?;
                t.write(out).map_err(stdout_err)?;
                writeln!(out).map_err(stdout_err)?;
            }
        }
        Format::Json => {
            let json_docs: Vec<_> = docs
                .iter()
                .zip(&tables)
                .map(|(doc, rows)| {
                    serde_json::json!({
                        "id": doc.id, "source": doc.source, "name": doc.name,
                        "articles": doc.counts.articles, "words": doc.counts.words, "terms": rows,
                    })
                })
                .collect();
            write_json(
            out,
            &serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "command": "terms",
                "unit": opts.by,
                "rate": "per_1000 = 1000 * count / words (words = all word tokens, stopwords included)",
                "analyzer": AnalyzerInfo::new(&config.analyzer),
                "docs": json_docs,
            }),
        )
        .map_err(stdout_err)?;
        }
    }
    Ok(counted.read.warnings)
}
