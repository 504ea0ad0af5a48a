//! `framelens terms`: term counts, rates per 1,000 words and document frequency,
//! per source or per article.

use std::io::Write;

use serde_json::Value;

use super::{groups_note, heading, Warnings};
use crate::analysis::collect::{collect, Want};
use crate::analysis::dtm::Dtm;
use crate::analysis::terms::{rows, TermRow, TermsSpec};
use crate::analysis::AnalyzerInfo;
use crate::analyze::AnalyzerConfig;
use crate::error::Result;
use crate::output::doc::{fields, json, Block, Body, Document, Group, Rows};
use crate::output::{Align, Format, View};
use crate::pipeline::Config;

/// Runs `terms` and writes its document in `format`.
pub fn run(
    config: &Config,
    spec: &TermsSpec,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let c = collect(config, &Want::terms(spec.unit))?.by(spec.unit)?;
    let dtm = c.dtm(spec.unit)?;
    let mut doc = document(&dtm, spec, &config.analyzer);
    groups_note(&mut doc, &c);
    doc.render(format, out)?;
    Ok(c.read.warnings.clone())
}

/// The rows of every document (see `analysis::terms`), with their table view.
pub fn document<'a>(
    dtm: &Dtm<'a>,
    spec: &TermsSpec,
    analyzer: &AnalyzerConfig,
) -> Document<'a, TermRow<'a>> {
    let tables = rows(dtm, spec);
    let mut text = Vec::new();
    let mut groups = Vec::new();
    for (doc, rows) in dtm.docs.iter().zip(tables) {
        let mut t = View::new(&[
            ("rank", Align::Right),
            ("term", Align::Left),
            ("count", Align::Right),
            ("per_1000", Align::Right),
            ("articles", Align::Right),
        ]);
        for (i, r) in rows.iter().enumerate() {
            t.row(vec![
                (i + 1).to_string(),
                r.display.to_string(),
                r.count.to_string(),
                format!("{:.2}", r.per_1000),
                r.doc_freq.to_string(),
            ]);
        }
        text.push(Block::Line(heading(doc, spec.unit)));
        text.push(Block::Table(t));
        text.push(Block::Line(String::new()));
        groups.push(Group {
            fields: fields([
                ("id", doc.id.into()),
                ("source", doc.source.into()),
                ("name", doc.name.into()),
                ("articles", doc.articles.into()),
                ("words", doc.words.into()),
            ]),
            lists: vec![("terms", Rows::Built(rows))],
        });
    }
    Document {
        command: "terms",
        fields: fields([
            ("unit", json(spec.unit)),
            (
                "rate",
                Value::from(
                    "per_1000 = 1000 * count / words (words = all word tokens, stopwords included)",
                ),
            ),
            ("analyzer", json(AnalyzerInfo::new(analyzer))),
        ]),
        body: Body::Groups {
            key: "docs",
            groups,
            in_json: true,
        },
        text,
    }
}
