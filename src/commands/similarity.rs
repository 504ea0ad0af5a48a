//! `framelens similarity`: how alike the sources' vocabularies are (cosine of
//! TF-IDF vectors, Jensen–Shannon divergence; see `analysis::similarity`).

use std::io::Write;

use super::{groups_note, within_languages_line, Warnings};
use crate::analysis::collect::{collect, Want};
use crate::analysis::similarity::{compute, Similarity, SimilarityRow};
use crate::analysis::{AnalyzerInfo, Unit};
use crate::analyze::AnalyzerConfig;
use crate::error::Result;
use crate::output::doc::{fields, json, Block, Body, Document, Rows};
use crate::output::{Align, Format, View};
use crate::pipeline::Config;

/// Runs `similarity` and writes its document in `format`: between sources,
/// or between groups (`by` = [`Unit::Group`]).
/// With sources in several languages, each language's sources are compared
/// among themselves (their idf too): stems of two languages are different
/// words, so a pair across languages says nothing.
pub fn run(config: &Config, by: Unit, format: Format, out: &mut dyn Write) -> Result<Warnings> {
    if by == Unit::Article {
        return Err(crate::error::Error::Usage(
            "similarity compares sources or groups: --by source or --by group".into(),
        ));
    }
    let c = collect(config, &Want::terms(by))?.by(by)?;
    let dtm = c.dtm(by)?;
    let languages = c.by_language(&dtm);
    let sims: Vec<(Option<String>, Similarity)> = if languages.len() < 2 {
        vec![(None, compute(&dtm))]
    } else {
        languages
            .iter()
            .map(|(l, docs)| (Some(l.to_string()), compute(&dtm.subset(docs))))
            .collect()
    };
    let mut doc = document(&sims, &config.analyzer);
    within_languages_line(
        &mut doc.text,
        &dtm,
        &languages,
        "similarity compares the sources of each language among themselves",
    );
    groups_note(&mut doc, &c);
    doc.render(format, out)?;
    Ok(c.read.warnings.clone())
}

/// Every pair of sources (CSV), both matrices (JSON), with their table view;
/// one pair of matrices per language (`Some(code)`) or for the corpus (`None`).
pub fn document<'a>(
    sims: &'a [(Option<String>, Similarity)],
    analyzer: &AnalyzerConfig,
) -> Document<'a, SimilarityRow<'a>> {
    let mut text = Vec::new();
    for (language, sim) in sims {
        if let Some(l) = language {
            text.push(Block::Line(format!(
                "== {} ==",
                crate::language::labelled(l)
            )));
        }
        matrices(sim, &mut text);
    }
    let similarity = match sims {
        [(None, sim)] => json(sim),
        _ => json(
            sims.iter()
                .map(|(l, sim)| serde_json::json!({"language": l, "similarity": sim}))
                .collect::<Vec<_>>(),
        ),
    };
    Document {
        command: "similarity",
        fields: fields([
            ("cosine_tfidf", "cosine of the sources' TF-IDF vectors (sklearn variant: tf = count, idf = ln((1+n)/(1+df))+1, L2 norm)".into()),
            ("jsd", "Jensen–Shannon divergence of the term distributions, log base 2 (0 = identical, 1 = disjoint)".into()),
            ("analyzer", json(AnalyzerInfo::new(analyzer))),
            ("similarity", similarity),
        ]),
        body: Body::Groups {
            key: "pairs",
            groups: vec![crate::output::doc::Group {
                fields: Default::default(),
                lists: vec![(
                    "pairs",
                    Rows::Built(sims.iter().flat_map(|(_, s)| s.rows()).collect()),
                )],
            }],
            in_json: false,
        },
        text,
    }
}

/// The two matrices of one comparison, as tables.
fn matrices(sim: &Similarity, text: &mut Vec<Block>) {
    let n = sim.sources.len();
    for (title, m, note) in [
        (
            "Cosine similarity of TF-IDF vectors (sklearn variant)",
            &sim.cosine_tfidf,
            "1 = same weighted vocabulary",
        ),
        (
            "Jensen–Shannon divergence of term distributions (log2)",
            &sim.jsd,
            "0 = identical, 1 = disjoint",
        ),
    ] {
        text.push(Block::Line(format!("{title}; {note}")));
        let mut headers: Vec<(&str, Align)> = vec![("", Align::Left)];
        let short: Vec<String> = (1..=n).map(|k| format!("[{k}]")).collect();
        headers.extend(short.iter().map(|s| (s.as_str(), Align::Right)));
        let mut t = View::new(&headers);
        for (i, (source, values)) in sim.sources.iter().zip(m.iter()).enumerate() {
            let mut row = vec![format!("[{}] {}", i + 1, source)];
            row.extend(values.iter().map(|v| format!("{v:.3}")));
            t.row(row);
        }
        text.push(Block::Table(t));
        text.push(Block::Line(String::new()));
    }
}
