//! `framelens keyness`: the words that set a source apart. Each source against
//! the rest of the corpus (one-vs-rest, the default: k sources → k tables), or
//! sources against one other (`--source A --vs B`). Formulas in
//! `stats::keyness`, comparisons in `analysis::keyness`.

use std::io::Write;

use super::{source_label, Warnings};
use crate::analysis::collect::{collect, Collection, Want};
use crate::analysis::keyness::{
    comparisons, not_with_itself, Comparison, KeyRow, KeynessSpec, PriorFrom,
};
use crate::analysis::{AnalyzerInfo, Unit};
use crate::analyze::AnalyzerConfig;
use crate::error::Result;
use crate::output::doc::{fields, json, Block, Body, Document, Group, Rows};
use crate::output::{Align, Format, View};
use crate::pipeline::Config;
use crate::stats::keyness::Measure;

/// Runs `keyness` and writes its document in `format`; `top` over- and
/// under-used terms per comparison (`None` = all). The whole corpus is read:
/// `--source` picks the targets, the rest of the corpus is the reference.
pub fn run(
    config: &Config,
    spec: &KeynessSpec,
    top: Option<usize>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    not_with_itself(spec)?;
    let mut config = config.clone();
    config.read.only_sources.clear();
    let c = collect(&config, &Want::terms(Unit::Source))?;
    let dtm = c.dtm(Unit::Source)?;
    let mut cmps = comparisons(&dtm, spec)?;
    for cmp in &mut cmps {
        cmp.truncate(top.unwrap_or(usize::MAX));
    }
    document(&c, cmps, spec, &config.analyzer).render(format, out)?;
    Ok(c.read.warnings.clone())
}

/// The comparisons' rows (over-used, then under-used), with their table view.
pub fn document<'a>(
    c: &Collection,
    cmps: Vec<Comparison>,
    spec: &KeynessSpec,
    analyzer: &AnalyzerConfig,
) -> Document<'a, KeyRow> {
    let measure = spec.measure;
    let mut text = vec![Block::Line(format!(
        "Keyness, {}: {}\nOver-used (+) and under-used (−) terms by their observed rates; p from the G² test under every measure, adjusted by Benjamini–Hochberg; terms with target + reference count < {} left out; articles: the target's articles that contain the term, of all its articles.\n",
        measure.name(),
        measure.formula(),
        spec.options.min_count
    ))];
    if spec.vs.is_some() {
        text.push(Block::Line(
            match prior_of(spec) {
                PriorFrom::Corpus => "Log-odds prior: the whole corpus (every source's counts; --prior pair for the two sources' pooled counts).\n",
                PriorFrom::Pair => "Log-odds prior: the two sources' pooled counts (--prior pair).\n",
            }
            .to_string(),
        ));
    }
    let name = |id: &str| source_label(c.source_name(id), id);
    let mut groups = Vec::new();
    for cmp in cmps {
        text.push(Block::Line(format!(
            "== {} vs {}: {} vs {} words, {} terms tested, {} left out ==",
            name(&cmp.target),
            name(&cmp.reference),
            cmp.target_words,
            cmp.reference_words,
            cmp.tested,
            cmp.left_out
        )));
        text.push(Block::Table(view(&cmp, measure)));
        text.push(Block::Line(String::new()));
        groups.push(Group {
            fields: fields([
                ("target", cmp.target.into()),
                ("reference", cmp.reference.into()),
                ("target_words", cmp.target_words.into()),
                ("reference_words", cmp.reference_words.into()),
                ("tested", cmp.tested.into()),
                ("left_out", cmp.left_out.into()),
            ]),
            lists: vec![
                ("over", Rows::Built(cmp.over)),
                ("under", Rows::Built(cmp.under)),
            ],
        });
    }
    Document {
        command: "keyness",
        fields: fields([
            ("measure", measure.name().into()),
            ("formula", measure.formula().into()),
            ("min_count", spec.options.min_count.into()),
            ("prior", prior_of(spec).name().into()),
            ("lrc_family", spec.lrc_family.name().into()),
            ("analyzer", json(AnalyzerInfo::new(analyzer))),
        ]),
        body: Body::Groups {
            key: "comparisons",
            groups,
            in_json: true,
        },
        text,
    }
}

/// Where the log-odds prior comes from: one-vs-rest always the corpus.
fn prior_of(spec: &KeynessSpec) -> PriorFrom {
    if spec.vs.is_some() {
        spec.prior
    } else {
        PriorFrom::Corpus
    }
}

/// The table view of one comparison.
fn view(cmp: &Comparison, measure: Measure) -> View {
    let mut t = View::new(&[
        ("", Align::Left),
        ("term", Align::Left),
        ("score", Align::Right),
        ("count", Align::Right),
        ("per_1000", Align::Right),
        ("ref_count", Align::Right),
        ("ref_per_1000", Align::Right),
        ("p_adj", Align::Right),
        ("articles", Align::Right),
    ]);
    for r in cmp.over.iter().chain(&cmp.under) {
        t.row(vec![
            if r.direction == "over" { "+" } else { "−" }.into(),
            r.display.to_string(),
            format!("{:.2}", r.score(measure)),
            r.target_count.to_string(),
            format!("{:.2}", r.target_per_1000),
            r.reference_count.to_string(),
            format!("{:.2}", r.reference_per_1000),
            fmt_p(r.p_adj),
            format!("{} of {}", r.target_docs, r.target_articles),
        ]);
    }
    t
}

/// p-values for people: three significant digits, "<1e-16" below double precision's reach.
pub fn fmt_p(p: f64) -> String {
    if p.is_nan() {
        "-".into()
    } else if p < 1e-16 {
        "<1e-16".into()
    } else if p < 0.001 {
        format!("{p:.1e}")
    } else {
        format!("{p:.3}")
    }
}
