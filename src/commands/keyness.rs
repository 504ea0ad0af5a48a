//! `framelens keyness`: the words that set a source apart. Each source against
//! the rest of the corpus (one-vs-rest, the default: k sources → k tables), or
//! sources against one other (`--source A --vs B`). Formulas in
//! `stats::keyness`, comparisons in `analysis::keyness`.

use std::io::Write;

use rayon::prelude::*;

use super::{groups_note, source_label, within_languages_line, Warnings};
use crate::analysis::collect::{collect, Collection, Want};

use crate::analysis::dtm::Dtm;
use crate::analysis::keyness::{
    not_with_itself, Comparison, Denominator, KeyRow, Keyness, KeynessSpec, PriorFrom,
};
use crate::analysis::{AnalyzerInfo, Unit};
use crate::analyze::AnalyzerConfig;
use crate::error::{Error, Result};
use crate::output::doc::{
    fields, json, stdout_err, write_csv_rows, Block, Body, Document, Group, Rows,
};
use crate::output::{Align, Format, View};
use crate::pipeline::Config;
use crate::stats::keyness::Measure;

/// Which units `keyness` compares, and against what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Units {
    /// Sources, or groups of sources (`--by group`).
    pub by: Unit,
    /// Each source against the other sources of its group (`--within-group`).
    pub within_group: bool,
}

impl Default for Units {
    fn default() -> Units {
        Units {
            by: Unit::Source,
            within_group: false,
        }
    }
}

/// Runs `keyness` and writes its document in `format`; `top` over- and
/// under-used terms per comparison (`None` = all). The whole corpus is read:
/// `--source` picks the targets, the rest of the corpus is the reference
/// (or the rest of the target's group, `units.within_group`).
pub fn run(
    config: &Config,
    spec: &KeynessSpec,
    units: Units,
    top: Option<usize>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Warnings> {
    not_with_itself(spec)?;
    let by = units.by;
    if by == Unit::Article {
        return Err(Error::Usage(
            "keyness compares sources or groups (--by source, --by group); the article-level tests are columns of each comparison".into(),
        ));
    }
    if units.within_group && by == Unit::Group {
        return Err(Error::Usage(
            "--within-group compares each source with the rest of its group; --by group compares groups: use one or the other".into(),
        ));
    }
    let mut config = config.clone();
    config.read.only_sources.clear();
    // Each article's terms too, for DP and the permutation test.
    let want = Want {
        keep_articles: true,
        ..Want::terms(by)
    };
    let c = collect(&config, &want)?.by(by)?;
    let named: Vec<String> = spec.targets.iter().chain(&spec.vs).cloned().collect();
    c.check_units(&named)?;
    let dtm = c.dtm(by)?;
    let top = top.unwrap_or(usize::MAX);
    let parts = language_parts(&c, &dtm, spec)?;
    let stream = format == Format::Csv;
    let (mut cmps, mut header) = (Vec::new(), true);
    let mut left_out: Vec<String> = Vec::new();
    let mut compared = 0;
    let group_of = |id: &str| c.read.sources.get(id).and_then(|s| s.group.as_deref());
    for (language, part, spec) in &parts {
        let k = Keyness::new(part.as_ref().unwrap_or(&dtm), spec)?;
        let k = if units.within_group {
            let (k, left) = k.within_groups(group_of)?;
            left_out.extend(left);
            k
        } else {
            k
        };
        compared += k.targets.len();
        // A round of comparisons at a time, as many as threads, each kept to
        // its top rows; CSV writes every round's rows before the next round is
        // made, so memory holds a round's rows, not every row of every
        // comparison (millions on a large corpus).
        let round = rayon::current_num_threads().max(1);
        let started = std::time::Instant::now();
        for (i, targets) in k.targets.chunks(round).enumerate() {
            let made: Vec<Comparison> = targets.par_iter().map(|&d| k.compare(d)).collect();
            for mut cmp in made {
                cmp.truncate(top);
                if let Some(l) = language {
                    cmp.within_language(l);
                }
                if !stream {
                    cmps.push(cmp);
                    continue;
                }
                for rows in [cmp.over, cmp.under] {
                    if !rows.is_empty() {
                        write_csv_rows(&Rows::Built(rows), header, out)?;
                        header = false;
                    }
                }
            }
            let done = (i * round + targets.len()).min(k.targets.len());
            crate::progress::stage(
                &format!("keyness: {done} of {} comparisons", k.targets.len()),
                started,
            );
        }
    }
    if units.within_group && compared == 0 {
        return Err(Error::Usage(
            "--within-group: no source shares its group with another source (of its language), so no source has a reference".into(),
        ));
    }
    if stream {
        out.flush().map_err(stdout_err)?;
        return Ok(c.read.warnings.clone());
    }
    left_out.sort();
    let mut doc = document(&c, cmps, spec, &config.analyzer);
    within_languages_line(
        &mut doc.text,
        &dtm,
        &c.by_language(&dtm),
        "term keyness compares each source with the other sources of its language, and a language with one source has no comparison",
    );
    if units.within_group {
        within_group_note(&mut doc, spec, &left_out);
    }
    groups_note(&mut doc, &c);
    doc.render(format, out)?;
    Ok(c.read.warnings.clone())
}

/// Under `--within-group`: what the reference is, and the sources left out
/// (no other source in their group), first in the table view and in JSON.
fn within_group_note(doc: &mut Document<'_, KeyRow>, spec: &KeynessSpec, left_out: &[String]) {
    let mut line = "Each source is compared with the other sources of its own group (--within-group): its reference, \"(rest of group G)\", is their summed counts; the log-odds prior is the whole corpus (--prior pair: the source and the rest of its group).".to_string();
    if !left_out.is_empty() {
        line += &format!(
            " Left out, with no other source in their group: {}.",
            crate::output::printable(&left_out.join(", "))
        );
    }
    line.push('\n');
    doc.text.insert(0, Block::Line(line));
    doc.fields.insert("within_group".into(), true.into());
    doc.fields.insert("prior".into(), spec.prior.name().into());
    doc.fields.insert("left_out".into(), json(left_out));
}

/// A language's comparisons: its code (`None`: the corpus has one language),
/// its sources' matrix (`None`: the whole one) and the spec kept to them.
type LanguagePart<'a> = (Option<String>, Option<Dtm<'a>>, KeynessSpec);

/// The comparisons to make: the whole corpus when its sources share a
/// language; else, per language with at least two sources, its sources alone
/// (`Some(language)`, `Some(its documents)`), the targets and `--vs` of `spec` kept to that
/// language. `--vs` with a target of another language is refused.
fn language_parts<'a>(
    c: &Collection,
    dtm: &Dtm<'a>,
    spec: &KeynessSpec,
) -> Result<Vec<LanguagePart<'a>>> {
    let languages = c.by_language(dtm);
    if languages.len() < 2 {
        return Ok(vec![(None, None, spec.clone())]);
    }
    if let Some(vs) = &spec.vs {
        let lv = c.source_language(vs);
        if let Some(t) = spec.targets.iter().find(|t| c.source_language(t) != lv) {
            return Err(Error::Usage(format!(
                "--source {t} --vs {vs}: {t} is in {} and {vs} in {}; term keyness compares sources of one language (stems of two languages are different words); compare lexicon categories across languages with `framelens lexicon`",
                crate::language::labelled(c.source_language(t)),
                crate::language::labelled(lv),
            )));
        }
    }
    let mut parts = Vec::new();
    for (language, docs) in languages {
        let ids: Vec<&str> = docs.iter().map(|&d| dtm.docs[d].id).collect();
        let mut s = spec.clone();
        if !spec.targets.is_empty() {
            s.targets.retain(|t| ids.contains(&t.as_str()));
            if s.targets.is_empty() {
                continue;
            }
        }
        if spec.vs.as_deref().is_some_and(|v| !ids.contains(&v)) || docs.len() < 2 {
            continue;
        }
        parts.push((Some(language.to_string()), Some(dtm.subset(&docs)), s));
    }
    Ok(parts)
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
        "Keyness, {}: {}\nOver-used (+) and under-used (−) terms by their observed rates; p from the G² test under every measure, adjusted by Benjamini–Hochberg; terms with target + reference count < {} left out; articles: the target's articles that contain the term, of all its articles; welch_p_adj: Welch's t-test on per-article rates (count / words; Lijffijt et al. 2016), adjusted by Benjamini–Hochberg, – when a side has fewer than 2 articles; \"one article\": an over-used term carried by one article (its top article holds at least half the target's count, and at most 2 of the target's articles contain it).\n",
        measure.name(),
        measure.formula(),
        spec.options.min_count
    ))];
    text.push(Block::Line(
        match spec.denominator {
            Denominator::Words => "Sizes and rates (per_1000) count all words (WC, stopwords included; --denominator terms for counted terms); Welch's per-article rates are count / words.\n",
            Denominator::Terms => "Sizes and rates (per_1000) count the counted terms (term tokens, n-grams included; --denominator terms), as quanteda, Scattertext and fightin-words do; Welch's per-article rates are count / words.\n",
        }
        .to_string(),
    ));
    if spec.vs.is_some() {
        text.push(Block::Line(
            match prior_of(spec) {
                PriorFrom::Corpus => "Log-odds prior: the whole corpus (every source's counts; --prior pair for the two sources' pooled counts).\n",
                PriorFrom::Pair => "Log-odds prior: the two sources' pooled counts (--prior pair).\n",
            }
            .to_string(),
        ));
    }
    text.push(Block::Line(article_tests_line(&cmps, spec)));
    let name = |id: &str| source_label(c.source_name(id), id);
    let mut groups = Vec::new();
    for cmp in cmps {
        text.push(Block::Line(format!(
            "== {} vs {}: {} vs {} {}, {} terms tested, {} left out ==",
            name(&cmp.target),
            name(&cmp.reference),
            cmp.target_words,
            cmp.reference_words,
            spec.denominator.name(),
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
            ("denominator", spec.denominator.name().into()),
            ("permutations", spec.permutations.draws.into()),
            ("permutations_max", spec.permutations.max_draws.into()),
            ("seed", spec.permutations.seed.into()),
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

/// What the article-level columns are, and why they are empty when they are.
fn article_tests_line(cmps: &[Comparison], spec: &KeynessSpec) -> String {
    let perm = &spec.permutations;
    let mut s = String::from(
        "dp: Gries's deviation of proportions over the target's articles (0 = spread like the text, 1 = in one place); perm_p_adj: ",
    );
    if let Some(why) = cmps.iter().find_map(|c| c.by_article_missing) {
        s += &format!("dp and the permutation test are empty: {why}.\n");
        return s;
    }
    if perm.draws == 0 {
        s += "no permutation test (--permutations 0).\n";
        return s;
    }
    s += &format!(
        "permutation test over articles (Mildenberger 2023): the target's articles re-drawn among the comparison's, G² recomputed, one-sided; exact when there are at most {} assignments, else {} Monte Carlo permutations (seed {}), with rounds of 10× more for terms with fewer than {} as extreme, up to {}; adjusted by Benjamini–Hochberg.\n",
        perm.draws,
        perm.draws,
        perm.seed,
        crate::analysis::by_article::RESOLVED,
        perm.max_draws
    );
    let capped: Vec<&str> = cmps
        .iter()
        .flat_map(|c| c.over.iter().chain(&c.under))
        .filter(|r| r.perm_at_cap == Some(true))
        .map(|r| r.display.as_ref())
        .collect();
    if !capped.is_empty() {
        let shown: Vec<&str> = capped.iter().take(12).copied().collect();
        s += &format!(
            "{} terms shown reached the cap with fewer than {} permutations as extreme (their perm_p is an upper bound): {}{}.\n",
            capped.len(),
            crate::analysis::by_article::RESOLVED,
            shown.join(", "),
            if capped.len() > shown.len() { ", …" } else { "" }
        );
    }
    s
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
        ("dp", Align::Right),
        ("welch_p_adj", Align::Right),
        ("perm_p_adj", Align::Right),
        ("", Align::Left),
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
            r.dp.map_or_else(|| "–".to_string(), |d| format!("{d:.2}")),
            r.welch_p_adj.map_or_else(|| "–".to_string(), fmt_p),
            r.perm_p_adj.map_or_else(|| "–".to_string(), fmt_p),
            if r.carried_by_one_article {
                "one article"
            } else {
                ""
            }
            .into(),
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
