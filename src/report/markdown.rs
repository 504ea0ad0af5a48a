//! `README.md`: the findings in Markdown for a code forge: generated findings per
//! source, the charts as images, compact tables, a short methods section, and
//! links to the full report (`index.html`) and the data.
//!
//! Invariant: every string from the corpus or the lexicon goes through
//! `escape::markdown` (link targets through `escape::link_url` and
//! `escape::markdown_url`), so no corpus text becomes raw HTML, a link or markup.

use std::fmt::Write;

use super::charts::ChartFile;
use super::escape::{self, markdown as esc};
use super::findings::{self as f, Line, Span};
use super::model::Report;
use super::tables;
use crate::lexicon::describe;
use crate::output::{Align, Cell, View};

/// Rows of the keyness tables per direction.
pub const KEYNESS_ROWS: usize = 10;

fn line(l: &Line) -> String {
    let mut s = String::new();
    for span in &l.0 {
        match span {
            Span::Text(t) => s.push_str(&esc(t)),
            // The lines behind a key term are on the page (index.html).
            Span::Term(t) | Span::Key { display: t, .. } => {
                let _ = write!(s, "*{}*", esc(t));
            }
            Span::Name(t) => {
                let _ = write!(s, "**{}**", esc(t));
            }
        }
    }
    s
}

pub fn readme(report: &Report, charts: &[ChartFile]) -> String {
    let mut m = String::with_capacity(1 << 16);
    m.push_str("# How the sources frame it\n\n");
    let _ = writeln!(m, "{}\n", line(&f::summary(report)));
    let kwic = if report.has_lexicon() {
        ", the concordance of every lexicon hit"
    } else {
        ""
    };
    let _ = write!(m, "The full report, with every table{kwic}, each key term in its first sentences (linked from the findings; also [data/key_lines.csv](data/key_lines.csv)) and the methods, is [index.html](index.html). The numbers are in [analysis.json](analysis.json) and [data/](data/README.md); the inputs and parameters in [manifest.json](manifest.json).\n\n");

    let groups = f::per_group(report);
    if !groups.is_empty() {
        m.push_str("## Findings by group\n\nEach group is the sum of its sources, compared with the other groups together (within a language).\n\n");
        for gf in &groups {
            let _ = writeln!(m, "### {}\n", esc(&gf.group.group));
            let _ = writeln!(m, "{}\n", line(&gf.summary));
            sections(&mut m, &gf.sections);
        }
    }
    m.push_str("## Findings by source\n\n");
    if let Some(note) = f::shown_note(report) {
        let _ = writeln!(m, "{}\n", esc(&note));
    }
    for sf in f::per_source(report) {
        let s = sf.source;
        let _ = writeln!(
            m,
            "### {}\n",
            tables::markdown_link(&s.name, s.url.as_deref())
        );
        let _ = writeln!(m, "{}\n", line(&sf.summary));
        sections(&mut m, &sf.sections);
    }

    m.push_str("## Charts\n\n");
    for c in charts {
        // Chart file names are made by `charts::slug`: safe in a link.
        let _ = writeln!(
            m,
            "### {}\n\n![{}](charts/{})\n\n{}\n",
            esc(&c.title),
            esc(&c.title),
            escape::markdown_url(&c.file),
            esc(&c.caption)
        );
    }

    tables(&mut m, report);
    methods(&mut m, report);

    m.push_str("## Warnings\n\n");
    for (what, list, total) in f::warning_lists(report) {
        let shown = list.len();
        if list.is_empty() {
            let _ = writeln!(m, "- {what}: none.");
        } else {
            if (shown as u64) < total {
                let _ = writeln!(m, "- {what}: {}", esc(&f::warning_count(shown, total)));
            }
            for w in list {
                let _ = writeln!(m, "- {what}: {}", esc(w));
            }
        }
    }
    let lex = &report.lexicon;
    let _ = writeln!(
        m,
        "\n## Provenance\n\n{} {}; corpus {}; lexicon {}; `analysis.json` schema version {}. [manifest.json](manifest.json) holds the SHA-256 of every input and every parameter (no clock time: a rerun gives the same bytes; `framelens report --check` tells whether this folder is up to date). The CSV files are described in [data/README.md](data/README.md).",
        esc(report.tool.name),
        esc(report.tool.version),
        esc(&report.settings.corpus),
        esc(&describe(&lex.name, &lex.version, &[lex.license.as_str()])),
        report.schema_version
    );
    m
}

/// A unit's findings: a paragraph per section, its items as a list.
fn sections(m: &mut String, sections: &[f::Section]) {
    for sec in sections {
        if sec.intro.0.is_empty() && sec.items.len() == 1 {
            let _ = writeln!(m, "**{}.** {}\n", esc(sec.heading), line(&sec.items[0]));
            continue;
        }
        let _ = writeln!(m, "**{}.** {}\n", esc(sec.heading), line(&sec.intro));
        for item in &sec.items {
            let _ = writeln!(m, "- {}", line(item));
        }
        m.push('\n');
    }
}

fn tables(m: &mut String, report: &Report) {
    m.push_str("## Tables\n\n### Sources\n\n");
    tables::markdown(m, &sources_view(report));
    tfidf_table(m, report);
    for ls in &report.similarity {
        if let Some(v) = f::nearest_view(report, ls) {
            let _ = writeln!(
                m,
                "### {}\n\n{}\n",
                escape::markdown(&f::nearest_heading(report, ls)),
                escape::markdown(&f::nearest_intro(ls))
            );
            tables::markdown(m, &v);
        }
    }
    keyness_tables(m, report);
    if report.has_lexicon() {
        lexicon_table(m, report);
    }
}

fn sources_view(report: &Report) -> View {
    let mut v = View::new(&[
        ("Source", Align::Left),
        ("Language", Align::Left),
        ("Articles", Align::Right),
        ("Words (WC)", Align::Right),
        ("Distinct terms", Align::Right),
    ]);
    for s in &report.corpus.sources {
        v.cells(vec![
            Cell::Link {
                text: s.name.clone(),
                url: s.url.clone(),
            },
            Cell::Text(s.language.clone()),
            Cell::Text(f::int(s.articles)),
            Cell::Text(f::int(s.words)),
            Cell::Text(f::int(s.terms)),
        ]);
    }
    v
}

fn tfidf_table(m: &mut String, report: &Report) {
    let top = report.settings.top;
    let _ = writeln!(
        m,
        "### Top {top} TF-IDF terms per source\n\n{} variant; weight (count).\n",
        esc(report.tfidf.variant)
    );
    let mut v = View::new(&[("Source", Align::Left), ("Terms", Align::Left)]);
    for s in report
        .corpus
        .sources
        .iter()
        .filter(|s| report.shown(&s.source))
    {
        let terms: Vec<String> = report
            .top_tfidf(&s.source)
            .map(|r| {
                format!(
                    "{} {} ({})",
                    r.display,
                    f::dec(r.weight, 3),
                    f::int(r.count)
                )
            })
            .collect();
        v.row(vec![s.name.clone(), terms.join(", ")]);
    }
    tables::markdown(m, &v);
}

fn keyness_tables(m: &mut String, report: &Report) {
    let _ = writeln!(
        m,
        "### Keyness: top {KEYNESS_ROWS} per source\n\nEach source against the rest{}; signed G², Benjamini–Hochberg adjusted p, counts and rates per 1,000 words in the source and in the rest.\n",
        if report.by_language() {
            " of the sources of its language"
        } else {
            ""
        }
    );
    for (language, c) in f::keyness_by_language(report) {
        if let Some(l) = language {
            let _ = writeln!(m, "#### Within {}\n", esc(l));
        }
        let name = format!(
            "{}{}",
            esc(report.source_name(&c.target)),
            if report.ranked_by_z(&c.target) {
                " (a small source: ranked by z)"
            } else {
                ""
            }
        );
        if report.by_language() {
            let _ = writeln!(m, "**{name}** vs {}\n", esc(&f::rest_of(report, &c.target)));
        } else {
            let _ = writeln!(m, "**{name}**\n");
        }
        let mut v = View::new(&[
            ("Term", Align::Left),
            ("Direction", Align::Left),
            ("n", Align::Right),
            ("per 1,000", Align::Right),
            ("G²", Align::Right),
            ("p adj.", Align::Right),
        ]);
        for r in Report::top_keyness(c, KEYNESS_ROWS) {
            v.row(vec![
                r.display.to_string(),
                r.direction.to_string(),
                format!(
                    "{} vs {}",
                    f::int(r.target_count),
                    f::int(r.reference_count)
                ),
                format!(
                    "{} vs {}",
                    f::rate(r.target_per_1000),
                    f::rate(r.reference_per_1000)
                ),
                f::signed(r.g2, 2),
                f::p(r.p_adj),
            ]);
        }
        tables::markdown(m, &v);
    }
}

fn lexicon_table(m: &mut String, report: &Report) {
    let _ = writeln!(
        m,
        "### Lexicon rates per source\n\nHits per 1,000 words ({}% interval: {}); G² against the other sources together.\n",
        f::dec(report.settings.confidence * 100.0, 0),
        f::CI_METHODS
    );
    let mut v = View::new(&[
        ("Source", Align::Left),
        ("Category", Align::Left),
        ("Hits", Align::Right),
        ("per 1,000", Align::Right),
        ("CI", Align::Right),
        ("G² vs rest", Align::Right),
        ("p", Align::Right),
    ]);
    for u in &report.lexicon.by_source.units {
        for c in &u.categories {
            v.row(vec![
                report.source_name(&u.unit).to_string(),
                report.category_label(&c.category).to_string(),
                f::int(c.hits),
                f::rate(c.per_1000),
                f::rate_ci(c),
                f::signed(c.g2, 2),
                f::p(c.p),
            ]);
        }
    }
    tables::markdown(m, &v);
}

fn methods(m: &mut String, report: &Report) {
    m.push_str("## Methods\n\n");
    for (name, text) in f::methods(report) {
        let _ = writeln!(m, "- **{}**: {}", esc(name), esc(&text));
    }
    m.push('\n');
}
