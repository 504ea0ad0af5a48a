//! `index.html`: one self-contained page (inline CSS and SVG, no script, no
//! network, no external font): findings per source, the charts, the tables, the
//! KWIC lines behind the lexicon scores, the methods, the warnings and the
//! provenance.
//!
//! Invariant: every string from the corpus or the lexicon goes through
//! `escape::html` (links only through `escape::link_url`); the only markup is
//! written here with fixed strings. The inlined SVGs are escaped by the chart
//! module. A Content-Security-Policy forbids scripts and network loads as a
//! second line of defence.

use std::fmt::Write;

use super::charts::ChartFile;
use super::escape::html as esc;
use super::findings::{self as f, Line, Span};
use super::model::Report;
use super::tables;
use crate::lexicon::describe;
use crate::output::{Align, Cell, View};

/// KWIC lines shown per category (all of them are in data/kwic.csv).
pub const MAX_KWIC_PER_CATEGORY: usize = 1000;

/// The page style (system fonts only; print-friendly).
const CSS: &str = include_str!("report.css");

fn line(l: &Line) -> String {
    let mut s = String::new();
    for span in &l.0 {
        match span {
            Span::Text(t) => s.push_str(&esc(t)),
            Span::Term(t) => {
                let _ = write!(s, "<em>{}</em>", esc(t));
            }
            Span::Name(t) => {
                let _ = write!(s, "<strong>{}</strong>", esc(t));
            }
            Span::Key { display, anchor } => {
                let _ = write!(
                    s,
                    "<a class=\"key\" href=\"#{}\"><em>{}</em></a>",
                    esc(anchor),
                    esc(display)
                );
            }
        }
    }
    s
}

/// The SVG element of a chart file, without an XML declaration or doctype.
fn inline_svg(svg: &str) -> &str {
    svg.find("<svg").map_or("", |i| &svg[i..]).trim_end()
}

pub fn page(report: &Report, charts: &[ChartFile]) -> String {
    let mut h = String::with_capacity(1 << 20);
    let articles: u64 = report.corpus.sources.iter().map(|s| s.articles).sum();
    let title = format!(
        "framelens report: {} sources, {} articles",
        f::int(report.corpus.sources.len() as u64),
        f::int(articles)
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"generator\" content=\"{} {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        report.tool.name,
        report.tool.version,
        esc(&title)
    );
    let _ = write!(
        h,
        "<h1>How the sources frame it</h1>\n<p class=\"lead\">{}</p>\n",
        line(&f::summary(report))
    );
    let kwic_link = if report.has_lexicon() {
        "<li><a href=\"#kwic\">Concordance of lexicon hits</a></li>"
    } else {
        ""
    };
    let groups_link = if report.groups.is_some() {
        "<li><a href=\"#groups\">Findings by group</a></li>"
    } else {
        ""
    };
    let _ = writeln!(
        h,
        "<nav aria-label=\"Contents\"><strong>Contents</strong><ol>\
         {groups_link}<li><a href=\"#findings\">Findings by source</a></li><li><a href=\"#charts\">Charts</a></li>\
         <li><a href=\"#tables\">Tables</a></li><li><a href=\"#lines\">Key terms in their sentences</a></li>{kwic_link}\
         <li><a href=\"#methods\">Methods</a></li><li><a href=\"#warnings\">Warnings</a></li>\
         <li><a href=\"#provenance\">Provenance</a></li></ol></nav>",
    );
    findings(&mut h, report);
    chart_section(&mut h, charts);
    tables(&mut h, report);
    key_lines(&mut h, report);
    if report.has_lexicon() {
        kwic(&mut h, report);
    }
    methods(&mut h, report);
    warnings(&mut h, report);
    provenance(&mut h, report);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn findings(h: &mut String, report: &Report) {
    let groups = f::per_group(report);
    if !groups.is_empty() {
        h.push_str("<section id=\"groups\">\n<h2>Findings by group</h2>\n<p class=\"muted\">Each group is the sum of its sources: its words, its terms and its lexicon hits; it is compared with the other groups together (within a language). The findings for each source follow.</p>\n");
        for (i, gf) in groups.iter().enumerate() {
            let _ = write!(
                h,
                "<section class=\"source\" id=\"group-{}\">\n<h3>{}</h3>\n<p class=\"meta\">{}",
                i + 1,
                esc(&gf.group.group),
                line(&gf.summary)
            );
            h.push_str("</p>\n");
            sections(h, &gf.sections);
            h.push_str("</section>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("<section id=\"findings\">\n<h2>Findings by source</h2>\n<p class=\"muted\">Every sentence below is generated from the numbers in the tables and in <code>analysis.json</code>; the concordance further down shows each lexicon hit in its sentence.</p>\n");
    if let Some(note) = f::shown_note(report) {
        let _ = writeln!(h, "<p>{}</p>", esc(&note));
    }
    for (i, sf) in f::per_source(report).iter().enumerate() {
        let s = sf.source;
        let _ = write!(
            h,
            "<section class=\"source\" id=\"source-{}\">\n<h3>{}</h3>\n<p class=\"meta\">{}",
            i + 1,
            tables::html_link(&s.name, s.url.as_deref()),
            line(&sf.summary)
        );
        if let Some(n) = &s.notes {
            let _ = write!(h, " {}", esc(n));
        }
        h.push_str("</p>\n");
        sections(h, &sf.sections);
        h.push_str("</section>\n");
    }
    h.push_str("</section>\n");
}

/// A unit's findings, in columns.
fn sections(h: &mut String, sections: &[f::Section]) {
    h.push_str("<div class=\"cols\">\n");
    for sec in sections {
        let _ = writeln!(h, "<div>\n<h4>{}</h4>", esc(sec.heading));
        if sec.intro.0.is_empty() && sec.items.len() == 1 {
            let _ = writeln!(h, "<p>{}</p>\n</div>", line(&sec.items[0]));
            continue;
        }
        if !sec.intro.0.is_empty() {
            let _ = writeln!(h, "<p>{}</p>", line(&sec.intro));
        }
        h.push_str("<ul>\n");
        for item in &sec.items {
            let _ = writeln!(h, "<li>{}</li>", line(item));
        }
        h.push_str("</ul>\n</div>\n");
    }
    h.push_str("</div>\n");
}

fn chart_section(h: &mut String, charts: &[ChartFile]) {
    h.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n<p class=\"muted\">Each chart is also a file under <code>charts/</code>; its data is in <code>data/</code>.</p>\n");
    for (i, c) in charts.iter().enumerate() {
        let _ = write!(
            h,
            "<figure id=\"chart-{}\">\n<div class=\"chart\">\n{}\n</div>\n<figcaption><strong>{}</strong>. {} <a href=\"charts/{}\">SVG file</a>.</figcaption>\n</figure>\n",
            i + 1,
            inline_svg(&c.svg),
            esc(&c.title),
            esc(&c.caption),
            esc(&c.file)
        );
    }
    h.push_str("</section>\n");
}

fn tables(h: &mut String, report: &Report) {
    h.push_str("<section id=\"tables\">\n<h2>Tables</h2>\n<h3>Sources</h3>\n");
    tables::html(h, &sources_view(report), "", "");
    h.push_str("<h3>Articles</h3>\n");
    tables::html(h, &articles_view(report), "", "");
    if report.corpus.articles > report.articles.len() as u64 {
        let _ = writeln!(h, "<p class=\"muted\">The first {} of {} articles; all are in <code>data/articles.csv</code>.</p>", f::int(report.articles.len() as u64), f::int(report.corpus.articles));
    }
    let top = report.settings.top;
    let _ = writeln!(h, "<h3>Top {top} TF-IDF terms per source</h3>\n<p class=\"muted\">{} variant: {}; rows {}-normalized. Count = occurrences in the source.</p>\n<div class=\"grid\">", esc(report.tfidf.variant), esc(&report.tfidf.formula), esc(report.tfidf.norm));
    for s in report
        .corpus
        .sources
        .iter()
        .filter(|s| report.shown(&s.source))
    {
        let mut v = View::new(&[
            ("#", Align::Right),
            ("Term", Align::Left),
            ("Weight", Align::Right),
            ("Count", Align::Right),
        ]);
        for (i, r) in report.top_tfidf(&s.source).enumerate() {
            v.row(vec![
                (i + 1).to_string(),
                r.display.clone(),
                f::dec(r.weight, 3),
                f::int(r.count),
            ]);
        }
        tables::html(h, &v, "", &esc(&s.name));
    }
    h.push_str("</div>\n");
    for ls in &report.similarity {
        if let Some(v) = f::nearest_view(report, ls) {
            let _ = writeln!(
                h,
                "<h3>{}</h3>\n<p class=\"muted\">{}</p>",
                esc(&f::nearest_heading(report, ls)),
                esc(&f::nearest_intro(ls))
            );
            tables::html(h, &v, "", "");
        }
    }
    keyness_tables(h, report);
    if report.has_lexicon() {
        lexicon_tables(h, report);
    }
}

fn sources_view(report: &Report) -> View {
    let grouped = report.groups.is_some();
    let mut headers = vec![
        ("Source", Align::Left),
        ("Folder", Align::Left),
        ("Language", Align::Left),
    ];
    if grouped {
        headers.push(("Group", Align::Left));
    }
    headers.extend([
        ("Articles", Align::Right),
        ("Words (WC)", Align::Right),
        ("Terms counted", Align::Right),
        ("Distinct terms", Align::Right),
        ("Most over-used terms", Align::Left),
    ]);
    let mut v = View::new(&headers);
    for s in &report.corpus.sources {
        let mut cells = vec![
            Cell::Link {
                text: s.name.clone(),
                url: s.url.clone(),
            },
            Cell::Text(s.source.clone()),
            Cell::Text(s.language.clone()),
        ];
        if grouped {
            cells.push(Cell::Text(s.group.clone().unwrap_or_default()));
        }
        v.cells(
            cells
                .into_iter()
                .chain(vec![
                    Cell::Text(f::int(s.articles)),
                    Cell::Text(f::int(s.words)),
                    Cell::Text(f::int(s.term_tokens)),
                    Cell::Text(f::int(s.terms)),
                    Cell::Text(s.leading.join(", ")),
                ])
                .collect(),
        );
    }
    v
}

fn articles_view(report: &Report) -> View {
    let mut v = View::new(&[
        ("Title", Align::Left),
        ("Source", Align::Left),
        ("Date", Align::Left),
        ("Author", Align::Left),
        ("URL", Align::Left),
        ("File / id", Align::Left),
        ("Words", Align::Right),
        ("Sentences", Align::Right),
    ]);
    for a in &report.articles {
        v.cells(vec![
            Cell::Text(a.title.clone().unwrap_or_default()),
            Cell::Text(report.source_name(&a.source).to_string()),
            Cell::NoWrap(a.date.clone().unwrap_or_default()),
            Cell::Text(a.author.clone().unwrap_or_default()),
            Cell::Url(a.url.clone()),
            Cell::Id(a.article.clone()),
            Cell::Text(f::int(a.words)),
            Cell::Text(f::int(a.sentences)),
        ]);
    }
    v
}

fn keyness_tables(h: &mut String, report: &Report) {
    let top = report.settings.top;
    let within = if report.by_language() {
        " (with several languages: against the rest of the sources of its language)"
    } else {
        ""
    };
    let _ = writeln!(h, "<h3>Keyness per source</h3>\n<p class=\"muted\">Each source against the rest of the corpus{within}: the {top} most over-used and {top} most under-used terms by signed G² (terms with at least {} occurrences). n and per 1,000 are for the source and for the rest; p adj. is Benjamini–Hochberg adjusted; z is the Monroe et al. log-odds z.</p>", report.keyness.min_count);
    for (language, c) in f::keyness_by_language(report) {
        if let Some(l) = language {
            let _ = writeln!(h, "<h4>Within {}</h4>", esc(l));
        }
        let mut v = View::new(&[
            ("Term", Align::Left),
            ("Direction", Align::Left),
            ("n source", Align::Right),
            ("n rest", Align::Right),
            ("per 1,000 source", Align::Right),
            ("per 1,000 rest", Align::Right),
            ("G²", Align::Right),
            ("p adj.", Align::Right),
            ("Log Ratio", Align::Right),
            ("z", Align::Right),
        ]);
        for r in Report::top_keyness(c, top) {
            v.row(vec![
                r.display.to_string(),
                r.direction.to_string(),
                f::int(r.target_count),
                f::int(r.reference_count),
                f::rate(r.target_per_1000),
                f::rate(r.reference_per_1000),
                f::signed(r.g2, 2),
                f::p(r.p_adj),
                f::signed(r.log_ratio, 2),
                f::signed(r.z, 2),
            ]);
        }
        let cap = format!(
            "{} <span class=\"muted\">({} words) vs {} ({} words); {} terms tested{}</span>",
            esc(report.source_name(&c.target)),
            f::int(c.target_words),
            esc(&f::rest_of(report, &c.target)),
            f::int(c.reference_words),
            f::int(c.tested as u64),
            if report.ranked_by_z(&c.target) {
                "; a small source: ranked by z, under-use expected from its size"
            } else {
                ""
            }
        );
        tables::html(h, &v, "", &cap);
    }
}

fn lexicon_tables(h: &mut String, report: &Report) {
    let conf = f::dec(report.settings.confidence * 100.0, 0);
    let _ = writeln!(h, "<h3>Lexicon rates per source</h3>\n<p class=\"muted\">Hits per 1,000 words with the {conf}% interval ({}), LIWC-style % of words covered, signed G² and p against all other sources together, and the hits by voice.</p>", f::CI_METHODS);
    let ci_head = if conf == "95" { "95% CI" } else { "CI" };
    let mut v = View::new(&[
        ("Source", Align::Left),
        ("Category", Align::Left),
        ("Hits", Align::Right),
        ("per 1,000", Align::Right),
        (ci_head, Align::Right),
        ("% of words", Align::Right),
        ("per 1,000 rest", Align::Right),
        ("G² vs rest", Align::Right),
        ("p", Align::Right),
        ("own", Align::Right),
        ("quoted", Align::Right),
        ("scare", Align::Right),
        ("distanced", Align::Right),
    ]);
    for u in &report.lexicon.by_source.units {
        for (k, c) in u.categories.iter().enumerate() {
            let voice = |i: usize| {
                f::int(
                    c.voices
                        .iter()
                        .find(|x| x.voice.index() == i)
                        .map_or(0, |x| x.hits),
                )
            };
            v.row(vec![
                if k == 0 {
                    report.source_name(&u.unit).to_string()
                } else {
                    String::new()
                },
                report.category_label(&c.category).to_string(),
                f::int(c.hits),
                f::rate(c.per_1000),
                f::rate_ci(c),
                f::dec(c.percent, 2),
                f::rate(c.rest_per_1000),
                f::signed(c.g2, 2),
                f::p(c.p),
                voice(0),
                voice(1),
                voice(2),
                voice(3),
            ]);
        }
    }
    tables::html(h, &v, "", "");

    lexicon_definition(h, report);
}

/// The lexicon's categories, actors and distancing markers.
fn lexicon_definition(h: &mut String, report: &Report) {
    let lex = &report.lexicon;
    let _ = writeln!(h, "<h3>Lexicon categories</h3>\n<p class=\"muted\">{}. A term is a word (matched after the same analysis as the text), a prefix glob (<code>terror*</code>) or a phrase.</p>", esc(&describe(&lex.name, &lex.version, &[lex.license.as_str()])));
    let mut v = View::new(&[
        ("Id", Align::Left),
        ("Label", Align::Left),
        ("Description", Align::Left),
        ("Weight", Align::Right),
        ("Entries", Align::Left),
    ]);
    for c in &lex.categories {
        v.row(vec![
            c.id.clone(),
            c.label.clone(),
            c.description.clone(),
            f::dec(c.weight, 2),
            c.entries.join(", "),
        ]);
    }
    tables::html(h, &v, "", "");
    let mut v = View::new(&[
        ("Id", Align::Left),
        ("Label", Align::Left),
        ("Aliases", Align::Left),
    ]);
    for a in &lex.actors {
        v.row(vec![a.id.clone(), a.label.clone(), a.aliases.join(", ")]);
    }
    tables::html(h, &v, "", "Target actors");
    let _ = writeln!(
        h,
        "<p><strong>Distancing markers:</strong> {}</p>\n</section>",
        if lex.distancing.is_empty() {
            "none".to_string()
        } else {
            esc(&lex.distancing.join(", "))
        }
    );
}

fn kwic(h: &mut String, report: &Report) {
    let lex = &report.lexicon;
    let _ = writeln!(h, "<section id=\"kwic\">\n<h2>Concordance of lexicon hits</h2>\n<p class=\"muted\">The hits behind the lexicon scores, in their sentence ({} words of context each side), grouped by category: a sample, the first {} per source and category in article order (also in <code>data/kwic.csv</code>). Target is the actor named nearest in the same sentence. Every hit: <code>framelens kwic category:&lt;id&gt;</code> or <code>framelens lexicon --hits</code>.</p>", report.settings.kwic_window, crate::partial::KWIC_SAMPLE);
    let titles = &lex.kwic_titles;
    let mut groups: Vec<(String, String, Vec<&crate::lexicon::KwicLine>)> = lex
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.label.clone(), Vec::new()))
        .collect();
    for k in &lex.kwic {
        let cat = k.category.as_deref().unwrap_or("");
        match groups.iter_mut().find(|g| g.0 == cat) {
            Some(g) => g.2.push(k),
            None => groups.push((cat.to_string(), cat.to_string(), vec![k])),
        }
    }
    for (i, (id, label, lines)) in groups.iter().enumerate() {
        let _ = writeln!(
            h,
            "<h3 id=\"kwic-{}\">{} <span class=\"muted\">({}; {} line{})</span></h3>",
            i + 1,
            esc(label),
            esc(id),
            f::int(lines.len() as u64),
            if lines.len() == 1 { "" } else { "s" }
        );
        if lines.is_empty() {
            h.push_str("<p class=\"muted\">No hits.</p>\n");
            continue;
        }
        let rows: Vec<Vec<String>> = lines
            .iter()
            .take(MAX_KWIC_PER_CATEGORY)
            .map(|k| {
                let target = k
                    .target
                    .as_deref()
                    .map(|t| esc(report.actor_label(t)))
                    .unwrap_or_default();
                vec![
                    esc(report.source_name(&k.source)),
                    esc(titles.get(k.article.as_str()).unwrap_or(&k.article)),
                    k.voice.as_str().to_string(),
                    target,
                    esc(&k.left),
                    esc(&k.matched),
                    esc(&k.right),
                ]
            })
            .collect();
        kwic_table(h, &rows);
        if lines.len() > MAX_KWIC_PER_CATEGORY {
            let _ = writeln!(
                h,
                "<p class=\"muted\">{} more lines in <code>data/kwic.csv</code>.</p>",
                f::int((lines.len() - MAX_KWIC_PER_CATEGORY) as u64)
            );
        }
    }
    h.push_str("</section>\n");
}

/// Each key term the findings name, in its first sentences in its unit.
fn key_lines(h: &mut String, report: &Report) {
    let k = &report.key_lines;
    let _ = write!(h, "<section id=\"lines\">\n<h2>Key terms in their sentences</h2>\n<p class=\"muted\">Each term the findings name (the terms a group or source uses, linked from the findings), in up to {} sentences, {} words of context each side, with the article named: for a source its first, by article id and then position in the article; for a group the first of each of its sources in turn. A term is matched as the counts count it: its stem, so every form of it (and its n-grams).", f::int(k.per_term as u64), report.settings.kwic_window);
    if let Some(why) = &k.missing {
        let _ = writeln!(h, "</p>\n<p>{}</p>", esc(why));
    } else {
        h.push_str(" All of them: <code>data/key_lines.csv</code>; every occurrence: <code>framelens kwic WORD --source SOURCE</code> (in corpus order).</p>\n");
    }
    let mut unit: Option<(&str, &str)> = None;
    for t in &k.terms {
        if unit != Some((t.unit_type, t.unit.as_str())) {
            unit = Some((t.unit_type, t.unit.as_str()));
            let name = match t.unit_type {
                "group" => report
                    .groups
                    .as_ref()
                    .and_then(|g| g.units.iter().find(|u| u.group == t.unit))
                    .map(|u| {
                        if u.ungrouped {
                            report.source_name(&u.group).to_string()
                        } else {
                            format!("Group {}", u.group)
                        }
                    })
                    .unwrap_or_else(|| t.unit.clone()),
                _ => report.source_name(&t.unit).to_string(),
            };
            let _ = writeln!(
                h,
                "<h3>{} <a class=\"back\" href=\"#{}\">back to its findings</a></h3>",
                esc(&name),
                esc(&t.findings)
            );
        }
        let shown = if t.lines.len() as u64 == t.count {
            count_of(t.count, "occurrence", "occurrences")
        } else {
            format!(
                "{}; the first {}",
                count_of(t.count, "occurrence", "occurrences"),
                t.lines.len()
            )
        };
        let _ = writeln!(
            h,
            "<h4 id=\"{}\"><em>{}</em> <span class=\"muted\">(term “{}”; {shown})</span></h4>",
            esc(&t.anchor),
            esc(&t.display),
            esc(&t.term)
        );
        if t.lines.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = t
            .lines
            .iter()
            .map(|l| {
                let title = k
                    .titles
                    .get(&(l.source.clone(), l.article.clone()))
                    .unwrap_or(&l.article);
                // Under a source's own heading its name is not repeated.
                let source = if t.unit_type == "source" {
                    String::new()
                } else {
                    esc(report.source_name(&l.source))
                };
                vec![
                    source,
                    esc(title),
                    l.voice.as_str().to_string(),
                    l.target
                        .as_deref()
                        .map(|a| esc(report.actor_label(a)))
                        .unwrap_or_default(),
                    esc(&l.left),
                    esc(&l.matched),
                    esc(&l.right),
                ]
            })
            .collect();
        kwic_table(h, &rows);
    }
    h.push_str("</section>\n");
}

fn count_of(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", f::int(n), if n == 1 { one } else { many })
}

fn kwic_table(h: &mut String, rows: &[Vec<String>]) {
    h.push_str("<div class=\"wide\"><table class=\"kwic\"><colgroup><col class=\"w\"><col class=\"v\"><col class=\"l\"><col class=\"m\"><col class=\"r\"></colgroup>\n<thead><tr><th>Source · article</th><th>Voice · target</th><th class=\"l\">Left</th><th class=\"m\">Match</th><th>Right</th></tr></thead>\n<tbody>\n");
    for r in rows {
        let target = if r[3].is_empty() {
            String::new()
        } else {
            format!("<br><span class=\"muted\">{}</span>", r[3])
        };
        let first = if r[0].is_empty() {
            format!("<span class=\"muted\">{}</span>", r[1])
        } else {
            format!("{}<br><span class=\"muted\">{}</span>", r[0], r[1])
        };
        let _ = writeln!(h, "<tr><td>{first}</td><td>{}{target}</td><td class=\"l\">{}</td><td class=\"m\">{}</td><td>{}</td></tr>", r[2], r[4], r[5], r[6]);
    }
    h.push_str("</tbody></table></div>\n");
}

fn methods(h: &mut String, report: &Report) {
    h.push_str("<section id=\"methods\">\n<h2>Methods</h2>\n<p class=\"muted\">The formulas and settings behind every number (also in <code>analysis.json</code> under <code>settings</code> and in <code>manifest.json</code>).</p>\n<dl class=\"methods\">\n");
    for (name, text) in f::methods(report) {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(name), esc(&text));
    }
    h.push_str("</dl>\n</section>\n");
}

fn warnings(h: &mut String, report: &Report) {
    h.push_str("<section id=\"warnings\">\n<h2>Warnings</h2>\n");
    for (what, list, total) in f::warning_lists(report) {
        let shown = list.len();
        if list.is_empty() {
            let _ = writeln!(h, "<p><strong>{what}:</strong> none.</p>");
        } else {
            let _ = writeln!(
                h,
                "<p><strong>{what}:</strong> {}</p>\n<ul>",
                esc(&f::warning_count(shown, total))
            );
            for w in list {
                let _ = writeln!(h, "<li>{}</li>", esc(w));
            }
            h.push_str("</ul>\n");
        }
    }
    h.push_str("</section>\n");
}

fn provenance(h: &mut String, report: &Report) {
    let lex = &report.lexicon;
    let _ = writeln!(
        h,
        "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"methods\">\n\
         <dt>Tool</dt><dd>{} {}</dd>\n<dt>Corpus</dt><dd><code>{}</code></dd>\n\
         <dt>Lexicon</dt><dd>{}, <code>{}</code></dd>\n\
         <dt>Inputs</dt><dd><a href=\"manifest.json\"><code>manifest.json</code></a>: the SHA-256 of every input file and of the lexicon, and every parameter. It holds no clock time, so a rerun on the same inputs gives the same bytes; <code>framelens report --check</code> tells whether this folder is up to date.</dd>\n\
         <dt>Everything</dt><dd><a href=\"analysis.json\"><code>analysis.json</code></a>, schema version {}</dd>\n</dl>\n\
         <h3>Data files</h3>\n<p class=\"muted\">Tidy CSV under <code>data/</code>, one row per observation (see <a href=\"data/README.md\"><code>data/README.md</code></a>).</p>",
        esc(report.tool.name),
        esc(report.tool.version),
        esc(&report.settings.corpus),
        esc(&describe(&lex.name, &lex.version, &[lex.license.as_str()])),
        esc(&lex.path),
        report.schema_version
    );
    let mut v = View::new(&[
        ("File", Align::Left),
        ("One row is", Align::Left),
        ("Columns", Align::Left),
    ]);
    for d in super::data::written(report) {
        v.cells(vec![
            Cell::File {
                name: d.file.to_string(),
                href: format!("data/{}", d.file),
            },
            Cell::Text(d.row.to_string()),
            Cell::Text(d.about.to_string()),
        ]);
    }
    tables::html(h, &v, "", "");
    h.push_str("</section>\n");
}
