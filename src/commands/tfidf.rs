//! `framelens tfidf`: TF-IDF by source or by article, in the variant asked for
//! (see `stats::tfidf` for the formulas, `analysis::tfidf` for the table).

use std::io::Write;

use super::{groups_note, heading, within_languages_line, Warnings};
use crate::analysis::collect::{collect, Want};
use crate::analysis::dtm::Dtm;
use crate::analysis::tfidf::{weighted, TfidfRow, TfidfSpec, Weighted};
use crate::analysis::{shows, AnalyzerInfo};
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
    let c = collect(&config, &Want::terms(spec.unit))?.by(spec.unit)?;
    c.check_units(sources)?;
    let dtm = c.dtm(spec.unit)?;
    // Each language's documents are weighed among themselves (idf counts the
    // documents of one language): stems of two languages are different words.
    let languages = c.by_language(&dtm);
    let subs: Vec<(Option<&str>, Option<Dtm<'_>>)> = if languages.len() < 2 {
        vec![(None, None)]
    } else {
        languages
            .iter()
            .map(|(l, docs)| (Some(*l), Some(dtm.subset(docs))))
            .collect()
    };
    let ws: Vec<(Option<&str>, Weighted<'_, '_>)> = subs
        .iter()
        .map(|(l, sub)| (*l, weighted(sub.as_ref().unwrap_or(&dtm), spec)))
        .collect();
    // Rows are made as they are written: CSV of every term of a large corpus
    // is never held whole.
    let rows: Vec<Vec<RowFn<'_, '_>>> = ws
        .iter()
        .map(|(_, w)| {
            (0..w.n_docs())
                .map(|d| Box::new(move |i: usize| w.row(d, &w.cells[d][i])) as RowFn<'_, '_>)
                .collect()
        })
        .collect();
    let mut doc = document(&ws, &rows, spec, sources, &config.analyzer, format);
    within_languages_line(
        &mut doc.text,
        &dtm,
        &languages,
        "TF-IDF weighs each language's documents among themselves (idf over that language's documents)",
    );
    groups_note(&mut doc, &c);
    doc.render(format, out)?;
    Ok(c.read.warnings.clone())
}

/// Makes row `i` of one document.
type RowFn<'a, 'r> = Box<dyn Fn(usize) -> TfidfRow<'a> + Sync + 'r>;

/// The weighted rows of the documents shown (`sources`; empty = all), with
/// their table view: one weighing per language (`Some(code)`) or for the
/// corpus (`None`). `rows[k][d]` makes row `i` of document `d` of weighing `k`.
pub fn document<'a, 'r>(
    ws: &[(Option<&str>, Weighted<'_, 'a>)],
    rows: &'r [Vec<RowFn<'a, 'r>>],
    spec: &TfidfSpec,
    sources: &[String],
    analyzer: &AnalyzerConfig,
    format: Format,
) -> Document<'r, TfidfRow<'a>> {
    let formula = spec.tfidf.variant.formula(spec.tfidf.sublinear_tf);
    let mut text = Vec::new();
    let mut groups = Vec::new();
    for ((language, w), rows) in ws.iter().zip(rows) {
        let within = language.map_or_else(String::new, |l| {
            format!(" within {}", crate::language::labelled(l))
        });
        text.push(Block::Line(format!(
            "TF-IDF by {}{within}, variant {}: {formula}; norm {}; n = {} documents, {} terms\n",
            spec.unit.name(),
            spec.tfidf.variant.name(),
            spec.tfidf.norm.name(),
            w.n_docs(),
            w.vocabulary
        )));
        docs(w, rows, sources, spec, format, &mut text, &mut groups);
    }
    let (n_docs, vocabulary): (usize, usize) = ws
        .iter()
        .fold((0, 0), |(n, v), (_, w)| (n + w.n_docs(), v + w.vocabulary));
    Document {
        command: "tfidf",
        fields: fields([
            ("unit", json(spec.unit)),
            ("variant", spec.tfidf.variant.name().into()),
            ("formula", formula.into()),
            ("norm", spec.tfidf.norm.name().into()),
            ("sublinear_tf", spec.tfidf.sublinear_tf.into()),
            ("n_docs", n_docs.into()),
            ("vocabulary", vocabulary.into()),
            (
                "languages",
                json(ws.iter().filter_map(|(l, _)| *l).collect::<Vec<_>>()),
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

/// The groups (and, for a table, the text) of one weighing's documents.
fn docs<'a, 'r>(
    w: &Weighted<'_, 'a>,
    rows: &'r [RowFn<'a, 'r>],
    sources: &[String],
    spec: &TfidfSpec,
    format: Format,
    text: &mut Vec<Block>,
    groups: &mut Vec<Group<'r, TfidfRow<'a>>>,
) {
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
