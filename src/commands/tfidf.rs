//! `framelens tfidf`: TF-IDF by source or by article, in the variant asked for
//! (see `stats::tfidf` for the formulas, `analysis::tfidf` for the table).

use std::io::Write;

use super::{heading, Warnings};
use crate::analysis::collect::{collect, Want};
use crate::analysis::tfidf::{weighted, TfidfRow, TfidfSpec, Weighted};
use crate::analysis::{check_sources, shows, AnalyzerInfo};
use crate::analyze::AnalyzerConfig;
use crate::error::Result;
use crate::output::doc::{fields, json, Block, Body, Document, Group, Rows};
use crate::output::{Align, Format, View};
use crate::pipeline::Config;

/// Runs `tfidf` and writes its document in `format`. `sources` (`--source`)
/// picks the rows shown, not a corpus filter: idf counts every source's
/// documents, as a model fitted on the whole corpus does.
pub fn run(
    config: &Config,
    spec: &TfidfSpec,
    sources: &[String],
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    let mut config = config.clone();
    config.read.only_sources.clear();
    let c = collect(&config, &Want::terms(spec.unit))?;
    check_sources(sources, &c.read.sources)?;
    let dtm = c.dtm(spec.unit)?;
    let w = weighted(&dtm, spec);
    // Rows are made as they are written: CSV of every term of a large corpus
    // is never held whole.
    let w = &w;
    let rows: Vec<RowFn<'_, '_>> = (0..w.n_docs())
        .map(|d| Box::new(move |i: usize| w.row(d, &w.cells[d][i])) as RowFn<'_, '_>)
        .collect();
    document(w, &rows, spec, sources, &config.analyzer, format).render(format, out)?;
    Ok(c.read.warnings.clone())
}

/// Makes row `i` of one document.
type RowFn<'a, 'r> = Box<dyn Fn(usize) -> TfidfRow<'a> + Sync + 'r>;

/// The weighted rows of the documents shown (`sources`; empty = all), with
/// their table view. `rows[d]` makes row `i` of document `d`.
pub fn document<'a, 'r>(
    w: &Weighted<'_, 'a>,
    rows: &'r [RowFn<'a, 'r>],
    spec: &TfidfSpec,
    sources: &[String],
    analyzer: &AnalyzerConfig,
    format: Format,
) -> Document<'r, TfidfRow<'a>> {
    let formula = spec.tfidf.variant.formula(spec.tfidf.sublinear_tf);
    let mut text = vec![Block::Line(format!(
        "TF-IDF by {}, variant {}: {formula}; norm {}; n = {} documents, {} terms\n",
        spec.unit.name(),
        spec.tfidf.variant.name(),
        spec.tfidf.norm.name(),
        w.n_docs(),
        w.vocabulary
    ))];
    let mut groups = Vec::new();
    for (d, doc) in w.docs().iter().enumerate() {
        if !shows(sources, doc.source) {
            continue;
        }
        let len = w.cells[d].len();
        if format == Format::Table {
            text.push(Block::Line(heading(doc, spec.unit)));
            text.push(Block::Table(view(&w.rows(d))));
            text.push(Block::Line(String::new()));
        }
        groups.push(Group {
            fields: fields([
                ("id", doc.id.into()),
                ("source", doc.source.into()),
                ("name", doc.name.into()),
                ("articles", doc.articles.into()),
                ("words", doc.words.into()),
            ]),
            lists: vec![(
                "terms",
                Rows::Lazy {
                    len,
                    row: &*rows[d],
                },
            )],
        });
    }
    Document {
        command: "tfidf",
        fields: fields([
            ("unit", json(spec.unit)),
            ("variant", spec.tfidf.variant.name().into()),
            ("formula", formula.into()),
            ("norm", spec.tfidf.norm.name().into()),
            ("sublinear_tf", spec.tfidf.sublinear_tf.into()),
            ("n_docs", w.n_docs().into()),
            ("vocabulary", w.vocabulary.into()),
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

/// The table view of one document's rows.
fn view(rows: &[TfidfRow<'_>]) -> View {
    let mut t = View::new(&[
        ("rank", Align::Right),
        ("term", Align::Left),
        ("tf-idf", Align::Right),
        ("count", Align::Right),
        ("df", Align::Right),
    ]);
    for (i, r) in rows.iter().enumerate() {
        t.row(vec![
            (i + 1).to_string(),
            r.display.to_string(),
            format!("{:.4}", r.weight),
            r.count.to_string(),
            r.df.to_string(),
        ]);
    }
    t
}
