//! The findings in words, shared by `index.html` and `README.md`: every sentence
//! is generated from the numbers of the `Report` (no hand-written claims), as a
//! sequence of spans that each exporter escapes and marks up its own way.
//! Also the number formats and the fixed texts (how to read each chart, the
//! methods) both exporters print.

use std::collections::BTreeMap;

use super::model::{GroupRow, LanguageSimilarity, Report, SourceRow};
use crate::analysis::keyness::{Comparison, KeyRow};
use crate::analysis::similarity::{FULL_MATRIX_MAX_SOURCES, NEAREST};
use crate::analyze::StopwordSpec;
use crate::lexicon::{CategoryScore, CiMethod, UnitScores, Voice};
use crate::output::{Align, View};
use crate::stats::keyness::Measure;

/// Terms listed per direction in a source's "distinctive words".
pub const LIST_TERMS: usize = 8;
/// Over-used / under-used terms spelled out in full sentences.
pub const SENTENCE_OVER: usize = 3;
pub const SENTENCE_UNDER: usize = 2;
/// Categories shown as highest and as lowest against the rest.
pub const LEXICON_CATEGORIES: usize = 3;
/// Actor × category cells shown in "who is called what".
pub const ACTOR_CELLS: usize = 5;
/// Matched forms named per actor × category cell.
pub const CELL_FORMS: usize = 4;
/// Significance level named in the findings.
pub const ALPHA: f64 = crate::analysis::keyness::ALPHA;

/// A piece of a generated sentence. All strings may hold corpus or lexicon text:
/// the exporter escapes every one.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    /// A word or phrase from the corpus (shown in italics).
    Term(String),
    /// A name: a category label or an actor (shown in bold).
    Name(String),
    /// A key term with its lines on the page (`KeyLines`): shown like a
    /// `Term`, linked to the anchor of its concordance lines.
    Key {
        display: String,
        anchor: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line(pub Vec<Span>);

impl Line {
    pub fn text(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Text(s.into()));
        self
    }
    pub fn term(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Term(s.into()));
        self
    }
    pub fn name(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Name(s.into()));
        self
    }
    /// A key term of a comparison (`unit_type`: "group" or "source"),
    /// linked to its lines when the report has them.
    pub fn key(mut self, report: &Report, unit_type: &str, r: &KeyRow) -> Self {
        self.0.push(
            match report.key_lines.anchor(unit_type, &r.target, &r.term) {
                Some(a) => Span::Key {
                    display: r.display.to_string(),
                    anchor: a.to_string(),
                },
                None => Span::Term(r.display.to_string()),
            },
        );
        self
    }
}

/// A titled group of findings about one source.
pub struct Section {
    pub heading: &'static str,
    pub intro: Line,
    pub items: Vec<Line>,
}

pub struct SourceFindings<'a> {
    pub source: &'a SourceRow,
    pub summary: Line,
    pub sections: Vec<Section>,
}

// ---- number formats (fixed precision, so output is the same on every run) ----

/// An integer with thousands separators: 12,345.
pub fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Fixed decimals; "n/a" for NaN or infinity; never "-0.00".
pub fn dec(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let s = format!("{x:.places$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s.replacen('-', "−", 1)
    }
}

/// Fixed decimals with an explicit sign: +17.70, −7.32.
pub fn signed(x: f64, places: usize) -> String {
    let s = dec(x, places);
    if x > 0.0 && x.is_finite() && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// A p-value: three decimals, "< 0.001" below that.
pub fn p(x: f64) -> String {
    if !x.is_finite() {
        "n/a".into()
    } else if x < 0.001 {
        "< 0.001".into()
    } else {
        dec(x, 3)
    }
}

/// "p = 0.012" or "p < 0.001".
pub fn p_is(x: f64) -> String {
    let v = p(x);
    if v.starts_with('<') {
        format!("p {v}")
    } else {
        format!("p = {v}")
    }
}

/// A share 0..1 as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{}%", dec(share * 100.0, 0))
}

/// A rate per 1,000 words.
pub fn rate(x: f64) -> String {
    dec(x, 2)
}

pub fn ci(ci: Option<(f64, f64)>) -> String {
    match ci {
        Some((lo, hi)) => format!("{}–{}", dec(lo, 2), dec(hi, 2)),
        None => "n/a".into(),
    }
}

/// A category's rate interval, naming how it was made unless it is the
/// sentence bootstrap: ", by articles" for the cluster bootstrap over articles,
/// ", exact Poisson" for Garwood's interval of a category without hits.
pub fn rate_ci(c: &CategoryScore) -> String {
    let suffix = match c.ci_method {
        Some(CiMethod::ArticleBootstrap) => ", by articles",
        Some(CiMethod::PoissonExact) => ", exact Poisson",
        Some(CiMethod::SentenceBootstrap) | None => "",
    };
    format!("{}{suffix}", ci(c.per_1000_ci))
}

/// How the lexicon intervals are made, for the sentences that introduce them.
pub const CI_METHODS: &str = "bootstrap over sentences; over articles for a source of 20 articles or more, marked \"by articles\"; exact Poisson for a category without hits";

fn times(n: u64) -> String {
    if n == 1 {
        "once".into()
    } else {
        format!("{} times", int(n))
    }
}

// ---- the findings ----

fn others(report: &Report, within: Option<&str>) -> String {
    match peers(report, within) {
        (1, "") => "the other source".into(),
        (1, label) => format!("the other source in {label}"),
        (n, "") => format!("the other {} sources", int(n as u64)),
        (n, label) => format!("the other {} sources in {label}", int(n as u64)),
    }
}

/// "the other source" / "the other 4 sources together".
fn others_together(report: &Report, within: Option<&str>) -> String {
    match peers(report, within) {
        (1, "") => "the other source".into(),
        (1, label) => format!("the other source in {label}"),
        (n, "") => format!("the other {} sources together", int(n as u64)),
        (n, label) => format!("the other {} sources in {label} together", int(n as u64)),
    }
}

/// How many sources a source is compared with, and the label of their
/// language: with `within` a source, the others of its language when the
/// corpus has several (term keyness); else all the others ("").
fn peers<'a>(report: &'a Report, within: Option<&str>) -> (usize, &'a str) {
    match within
        .and_then(|s| report.language_of(s))
        .filter(|_| report.by_language())
    {
        Some(g) => (g.sources.len().saturating_sub(1), g.label.as_str()),
        None => (report.corpus.sources.len().saturating_sub(1), ""),
    }
}

/// "1 category", "3 categories".
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", int(n), if n == 1 { one } else { many })
}

/// Worth a sentence: the other side never uses the term, or the difference is
/// significant before adjustment (the sentence prints the adjusted p).
fn worth_a_sentence(r: &KeyRow) -> bool {
    r.target_count == 0 || r.reference_count == 0 || r.p < ALPHA
}

/// The rows of a comparison that the findings name: the first
/// [`LIST_TERMS`] of each direction, then any term a sentence spells out
/// that the lists do not reach. The report reads their lines (`lines`).
pub fn named_rows(c: &Comparison) -> Vec<&KeyRow> {
    let mut rows: Vec<&KeyRow> = c.over.iter().take(LIST_TERMS).collect();
    rows.extend(c.under.iter().take(LIST_TERMS));
    let sentences = c
        .over
        .iter()
        .filter(|r| worth_a_sentence(r))
        .take(SENTENCE_OVER)
        .chain(
            c.under
                .iter()
                .filter(|r| worth_a_sentence(r))
                .take(SENTENCE_UNDER),
        );
    for r in sentences {
        if !rows.iter().any(|x| x.term == r.term) {
            rows.push(r);
        }
    }
    rows
}

/// Sources named per group on the page (all are in `analysis.json`).
const GROUP_NAMES: usize = 12;

/// What the page says about one group.
pub struct GroupFindings<'a> {
    pub group: &'a GroupRow,
    pub summary: Line,
    pub sections: Vec<Section>,
}

/// The groups' findings, when sources belong to groups: each group's
/// distinctive words against the other groups (of its language) together and
/// its loaded terms against the other groups.
pub fn per_group(report: &Report) -> Vec<GroupFindings<'_>> {
    let Some(g) = &report.groups else {
        return Vec::new();
    };
    g.units
        .iter()
        .map(|u| {
            // The other units: groups, and sources standing alone.
            let (groups, alone) = g
                .units
                .iter()
                .filter(|o| o.group != u.group)
                .fold((0u64, 0u64), |(gr, al), o| {
                    if o.ungrouped {
                        (gr, al + 1)
                    } else {
                        (gr + 1, al)
                    }
                });
            let mut parts = Vec::new();
            if groups > 0 {
                parts.push(count(groups, "group", "groups"));
            }
            if alone > 0 {
                parts.push(count(alone, "source without a group", "sources without a group"));
            }
            let others = match (groups + alone, parts.as_slice()) {
                (1, [p]) => format!("the other {}", p.trim_start_matches("1 ")),
                (_, ps) => format!("the other {}", ps.join(" and ")),
            };
            let together = if groups + alone == 1 {
                others.clone()
            } else {
                format!("{others} together")
            };
            let mut names: Vec<&str> = u
                .sources
                .iter()
                .take(GROUP_NAMES)
                .map(|s| report.source_name(s))
                .collect();
            let more = u.sources.len().saturating_sub(GROUP_NAMES);
            let more = format!("and {} more (all in analysis.json, groups)", int(more as u64));
            if u.sources.len() > GROUP_NAMES {
                names.push(&more);
            }
            let summary = Line::default().text(if u.ungrouped {
                format!(
                    "A source without a group, standing alone: {} article{}, {} words.",
                    int(u.articles),
                    if u.articles == 1 { "" } else { "s" },
                    int(u.words)
                )
            } else {
                format!(
                    "{}: {}; {} article{}, {} words.",
                    count(u.sources.len() as u64, "source", "sources"),
                    names.join(", "),
                    int(u.articles),
                    if u.articles == 1 { "" } else { "s" },
                    int(u.words)
                )
            });
            let mut sections = Vec::new();
            if u.language == crate::language::MIXED {
                sections.push(Section {
                    heading: "Distinctive words",
                    intro: Line::default(),
                    items: vec![Line::default().text("Its sources are in several languages, so its words are not compared with the other groups' (the stems of two languages are different words); its lexicon rates are, per 1,000 words.")],
                });
            }
            if let Some(c) = g.comparisons.iter().find(|c| c.target == u.group) {
                let mut items = term_lists(report, "group", c, false);
                let under = c.under.iter().filter(|r| worth_a_sentence(r));
                items.extend(
                    c.over
                        .iter()
                        .filter(|r| worth_a_sentence(r))
                        .take(SENTENCE_OVER)
                        .map(|r| over_sentence(report, "group", r, &others, groups + alone == 1)),
                );
                items.extend(
                    under
                        .take(SENTENCE_UNDER)
                        .map(|r| under_sentence(report, "group", r, &others, groups + alone == 1)),
                );
                sections.push(Section {
                    heading: "Distinctive words",
                    intro: Line::default().text(format!(
                        "Against {} (its sources' counts summed; signed G² log-likelihood; {} terms with at least {} occurrences tested; {} over-used and {} under-used at Benjamini–Hochberg adjusted p < {ALPHA}). Counts are this group vs the rest:",
                        if c.reference == crate::analysis::keyness::REST { together.clone() } else { format!("{} {}", together, c.reference) },
                        int(c.tested as u64),
                        int(report.keyness.min_count),
                        int(c.over_significant as u64),
                        int(c.under_significant as u64),
                    )),
                    items,
                });
            }
            if let Some(l) = g
                .lexicon
                .units
                .iter()
                .find(|l| l.unit == u.group && report.has_lexicon())
            {
                sections.push(loaded_against(report, l, &others, &together));
            }
            GroupFindings {
                group: u,
                summary,
                sections,
            }
        })
        .collect()
}

/// "The sources belong to 2 groups: A (3 sources), B (2 sources); …".
pub fn groups_sentence(report: &Report) -> Option<String> {
    let g = report.groups.as_ref()?;
    let grouped: Vec<String> = g
        .units
        .iter()
        .filter(|u| !u.ungrouped)
        .map(|u| {
            format!(
                "{} ({})",
                u.group,
                count(u.sources.len() as u64, "source", "sources")
            )
        })
        .collect();
    let alone: Vec<&str> = g
        .units
        .iter()
        .filter(|u| u.ungrouped)
        .map(|u| report.source_name(&u.group))
        .collect();
    let mut s = format!(
        "The sources belong to {}: {}",
        count(grouped.len() as u64, "group", "groups"),
        grouped.join(", ")
    );
    if !alone.is_empty() {
        s += &format!("; without a group, standing alone: {}", alone.join(", "));
    }
    s += ". The report leads with the groups (a group's counts are its sources' summed), then each source";
    Some(s)
}

pub fn per_source(report: &Report) -> Vec<SourceFindings<'_>> {
    report
        .corpus
        .sources
        .iter()
        .filter(|s| report.shown(&s.source))
        .map(|s| {
            let summary = Line::default().text(format!(
                "{} article{}, {} words, {} distinct terms.",
                int(s.articles),
                if s.articles == 1 { "" } else { "s" },
                int(s.words),
                int(s.terms)
            ));
            let mut sections = Vec::new();
            if let Some(c) = report
                .keyness
                .comparisons
                .iter()
                .find(|c| c.target == s.source)
            {
                sections.push(distinctive(report, c));
            }
            if let Some(u) = report
                .lexicon
                .by_source
                .units
                .iter()
                .find(|u| u.unit == s.source && report.has_lexicon())
            {
                sections.push(loaded(report, u));
                sections.push(voice(u));
                sections.push(actors(report, u));
            }
            SourceFindings {
                source: s,
                summary,
                sections,
            }
        })
        .collect()
}

fn distinctive(report: &Report, c: &Comparison) -> Section {
    let others = others(report, Some(&c.target));
    let single = peers(report, Some(&c.target)).0 == 1;
    let tests = &report.keyness.article_tests;
    let mut intro = Line::default().text(format!(
        "Against {} (signed G² log-likelihood, one source vs the rest; {} terms with at least {} occurrences tested; {} over-used and {} under-used at Benjamini–Hochberg adjusted p < {ALPHA}).",
        others_together(report, Some(&c.target)),
        int(c.tested as u64),
        int(report.keyness.min_count),
        int(c.over_significant as u64),
        int(c.under_significant as u64),
    ));
    if tests.applied {
        let i = report
            .keyness
            .comparisons
            .iter()
            .position(|x| x.target == c.target);
        let demoted = i.and_then(|i| tests.demoted.get(i)).copied().unwrap_or(0);
        intro = intro.text(format!(
            " Over-used terms are those that also pass the article-level test (Welch's t on per-article rates, adjusted p < {ALPHA}) and are not carried by one article; {} significant by G² alone {} left out.",
            int(demoted as u64),
            if demoted == 1 { "is" } else { "are" }
        ));
    }
    if report.ranked_by_z(&c.target) {
        intro = intro.text(format!(" {}", small_source_note(report)));
    }
    intro = intro.text(" Counts are this source vs the rest:");
    let mut items = term_lists(report, "source", c, tests.applied);
    let over = c.over.iter().filter(|r| worth_a_sentence(r));
    items.extend(
        over.take(SENTENCE_OVER)
            .map(|r| over_sentence(report, "source", r, &others, single)),
    );
    let under = c.under.iter().filter(|r| worth_a_sentence(r));
    items.extend(
        under
            .take(SENTENCE_UNDER)
            .map(|r| under_sentence(report, "source", r, &others, single)),
    );
    Section {
        heading: "Distinctive words",
        intro,
        items,
    }
}

/// "More than the rest: US 25 vs 0, …" and "Less than the rest: …", the first
/// [`LIST_TERMS`] of each.
fn term_lists(report: &Report, unit_type: &str, c: &Comparison, with_articles: bool) -> Vec<Line> {
    [
        ("More than the rest: ", &c.over),
        ("Less than the rest: ", &c.under),
    ]
    .into_iter()
    .map(|(label, rows)| {
        let mut line = Line::default().text(label);
        if rows.is_empty() {
            line = line.text("none.");
        }
        let shown = rows.len().min(LIST_TERMS);
        for (i, r) in rows.iter().take(LIST_TERMS).enumerate() {
            // With articles each item holds a comma: items are set apart by semicolons.
            let sep = match (i + 1 == shown, with_articles) {
                (true, _) => ".",
                (false, true) => "; ",
                (false, false) => ", ",
            };
            let articles = if with_articles {
                format!(
                    ", in {} of {} articles",
                    int(r.target_docs),
                    int(r.target_articles)
                )
            } else {
                String::new()
            };
            line = line.key(report, unit_type, r).text(format!(
                " {} vs {}{articles}{}{sep}",
                int(r.target_count),
                int(r.reference_count),
                carried(report, unit_type, r)
            ));
        }
        line
    })
    .collect()
}

/// " (6 of them from Ann)" when one source carries a group's term.
fn carried(report: &Report, unit_type: &str, r: &KeyRow) -> String {
    if unit_type != "group" {
        return String::new();
    }
    report
        .groups
        .as_ref()
        .and_then(|g| g.carrier(&r.target, &r.term))
        .map(|c| {
            format!(
                " ({} of them from {})",
                int(c.count),
                report.source_name(&c.source)
            )
        })
        .unwrap_or_default()
}

/// "It uses X 7 times where the others never do (…; G² = …)."; `single`: the
/// rest is one source.
fn over_sentence(report: &Report, unit_type: &str, r: &KeyRow, others: &str, single: bool) -> Line {
    let line = Line::default().text("It uses ").key(report, unit_type, r);
    let line = if r.reference_count == 0 {
        line.text(format!(
            " {} where {others} never {} ({} per 1,000 words",
            times(r.target_count),
            if single { "does" } else { "do" },
            rate(r.target_per_1000)
        ))
    } else {
        line.text(format!(
            " {} against {} in {others} ({} vs {} per 1,000 words",
            times(r.target_count),
            times(r.reference_count),
            rate(r.target_per_1000),
            rate(r.reference_per_1000)
        ))
    };
    let line = line.text(key_stats(r));
    match report
        .groups
        .as_ref()
        .filter(|_| unit_type == "group")
        .and_then(|g| g.carrier(&r.target, &r.term))
    {
        Some(c) if c.sources_using == 1 => line.text(format!(
            " All of them come from {}: none of the group's other sources uses it.",
            report.source_name(&c.source),
        )),
        Some(c) => line.text(format!(
            " {} of them come from {}, and only one other of the group's sources uses it.",
            int(c.count),
            report.source_name(&c.source),
        )),
        None => line,
    }
}

/// "It never uses X, which the others use 7 times (…)." or "It uses X only …".
fn under_sentence(
    report: &Report,
    unit_type: &str,
    r: &KeyRow,
    others: &str,
    single: bool,
) -> Line {
    let line = if r.target_count == 0 {
        Line::default()
            .text("It never uses ")
            .term(&*r.display)
            .text(format!(
                ", which {others} {} {} ({} per 1,000 words",
                if single { "uses" } else { "use" },
                times(r.reference_count),
                rate(r.reference_per_1000)
            ))
    } else {
        Line::default()
            .text("It uses ")
            .key(report, unit_type, r)
            .text(format!(
                " only {} against {} in {others} ({} vs {} per 1,000 words",
                times(r.target_count),
                times(r.reference_count),
                rate(r.target_per_1000),
                rate(r.reference_per_1000)
            ))
    };
    line.text(key_stats(r))
}

fn key_stats(r: &KeyRow) -> String {
    format!("; G² = {}, adjusted {}).", signed(r.g2, 2), p_is(r.p_adj))
}

fn loaded(report: &Report, u: &UnitScores) -> Section {
    loaded_against(
        report,
        u,
        &others(report, None),
        &others_together(report, None),
    )
}

/// A unit's lexicon rates against `together` ("the other 4 sources
/// together"), each rate set beside that of `others`.
fn loaded_against(report: &Report, u: &UnitScores, others: &str, together: &str) -> Section {
    let intro = Line::default().text(format!(
        "Hits per 1,000 words of each lexicon category, with {}% intervals ({CI_METHODS}), against {together} (signed G² on the category's hits):",
        dec(report.settings.confidence * 100.0, 0),
    ));
    let mut items = Vec::new();
    let total: u64 = u.categories.iter().map(|c| c.hits).sum();
    if total == 0 {
        items.push(Line::default().text("No lexicon term occurs here."));
    }
    let mut higher: Vec<&CategoryScore> = u.categories.iter().filter(|c| c.g2 > 0.0).collect();
    higher.sort_by(|a, b| {
        b.g2.total_cmp(&a.g2)
            .then_with(|| a.category.cmp(&b.category))
    });
    let mut lower: Vec<&CategoryScore> = u.categories.iter().filter(|c| c.g2 < 0.0).collect();
    lower.sort_by(|a, b| {
        a.g2.total_cmp(&b.g2)
            .then_with(|| a.category.cmp(&b.category))
    });
    for (word, list) in [("Higher", higher), ("Lower", lower)] {
        for c in list.into_iter().take(LEXICON_CATEGORIES) {
            items.push(
                Line::default()
                    .text(format!("{word}: "))
                    .name(report.category_label(&c.category))
                    .text(format!(
                        " {} per 1,000 words ({} hit{}; {}% CI {}) vs {} in {others} (G² = {}, {}).",
                        rate(c.per_1000),
                        int(c.hits),
                        if c.hits == 1 { "" } else { "s" },
                        dec(report.settings.confidence * 100.0, 0),
                        rate_ci(c),
                        rate(c.rest_per_1000),
                        signed(c.g2, 2),
                        p_is(c.p)
                    )),
            );
        }
    }
    Section {
        heading: "Loaded terms",
        intro,
        items,
    }
}

/// Hits per voice, summed over the categories.
pub fn voice_totals(u: &UnitScores) -> [u64; 4] {
    let mut h = [0u64; 4];
    for c in &u.categories {
        for v in &c.voices {
            h[v.voice.index()] += v.hits;
        }
    }
    h
}

fn voice(u: &UnitScores) -> Section {
    let h = voice_totals(u);
    let total: u64 = h.iter().sum();
    let line = if total == 0 {
        Line::default().text("No lexicon hits, so no voice split.")
    } else {
        let words = ["in its own voice", "quoted", "in scare quotes", "distanced"];
        let parts: Vec<String> = Voice::ALL
            .iter()
            .map(|v| {
                let n = h[v.index()];
                format!(
                    "{} ({}){}{}",
                    int(n),
                    percent(n as f64 / total as f64),
                    if v.index() == 0 { " are " } else { " " },
                    words[v.index()]
                )
            })
            .collect();
        Line::default().text(format!(
            "Of its {} category hits (a word in two categories counts twice), {}, {}, {} and {}.",
            int(total),
            parts[0],
            parts[1],
            parts[2],
            parts[3]
        ))
    };
    Section {
        heading: "Whose voice",
        intro: Line::default(),
        items: vec![line],
    }
}

fn actors(report: &Report, u: &UnitScores) -> Section {
    // The forms behind each actor × category cell, from the hit records.
    let forms: BTreeMap<(&str, &str), &[(String, u64)]> = report
        .lexicon
        .target_forms
        .iter()
        .filter(|t| t.source == u.unit)
        .map(|t| ((t.actor.as_str(), t.category.as_str()), t.forms.as_slice()))
        .collect();
    let actor_pos = |id: &str| report.lexicon.actors.iter().position(|a| a.id == id);
    let mut cells: Vec<(usize, usize, &str, &str, u64)> = Vec::new();
    let mut no_actor = 0;
    for (ci, c) in u.categories.iter().enumerate() {
        for a in &c.actors {
            match &a.actor {
                Some(id) if a.hits > 0 => cells.push((
                    actor_pos(id).unwrap_or(usize::MAX),
                    ci,
                    id,
                    &c.category,
                    a.hits,
                )),
                None => no_actor += a.hits,
                _ => {}
            }
        }
    }
    cells.sort_by(|a, b| b.4.cmp(&a.4).then_with(|| (a.0, a.1).cmp(&(b.0, b.1))));
    let mut items = Vec::new();
    for &(_, _, actor, cat, n) in cells.iter().take(ACTOR_CELLS) {
        let mut line = Line::default()
            .name(report.actor_label(actor))
            .text(format!(
                ": {} hit{} of ",
                int(n),
                if n == 1 { "" } else { "s" }
            ))
            .name(report.category_label(cat));
        if let Some(f) = forms.get(&(actor, cat)) {
            line = line.text(" (");
            for (i, (form, k)) in f.iter().take(CELL_FORMS).enumerate() {
                if i > 0 {
                    line = line.text(", ");
                }
                line = line.term(form).text(format!(" {}", int(*k)));
            }
            if f.len() > CELL_FORMS {
                line = line.text(", …");
            }
            line = line.text(")");
        }
        items.push(line.text("."));
    }
    if cells.is_empty() {
        items.push(Line::default().text("No loaded term has a named actor in its sentence."));
    }
    Section {
        heading: "Who is called what",
        intro: Line::default().text(format!(
            "Loaded terms by the actor named nearest to them in the same sentence, most frequent first (hits whose sentence names no actor: {}):",
            int(no_actor)
        )),
        items,
    }
}

/// One paragraph: what the corpus and the lexicon are.
/// Each source's nearest sources (a report past
/// [`FULL_MATRIX_MAX_SOURCES`] sources, which has no similarity heatmaps):
/// one row per source, a cell per neighbour with its cosine. `None` when the
/// report has the full matrices.
pub fn nearest_view(report: &Report, ls: &LanguageSimilarity) -> Option<View> {
    let sim = &ls.similarity;
    if sim.nearest.is_empty() {
        return None;
    }
    let ordinals = [
        "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th",
    ];
    let k = sim
        .nearest
        .iter()
        .map(|n| n.neighbours.len())
        .max()
        .unwrap_or(0);
    let mut headers = vec![("Source", Align::Left)];
    headers.extend(ordinals.iter().take(k).map(|o| (*o, Align::Left)));
    let mut v = View::new(&headers);
    for n in &sim.nearest {
        let mut cells = vec![report.source_name(&n.source).to_string()];
        cells.extend(n.neighbours.iter().map(|x| {
            format!(
                "{} {}",
                report.source_name(&x.source),
                dec(x.cosine_tfidf, 2)
            )
        }));
        v.row(cells);
    }
    Some(v)
}

/// The page's warning lists: (what, the lines shown, the warnings among
/// them, how many warnings there are). The corpus's list is capped (the report
/// keeps the first 200; every one is in `data/warnings.csv`).
pub fn warning_lists(report: &Report) -> [(&'static str, &[String], u64); 2] {
    let corpus = &report.corpus;
    let lexicon = &report.lexicon.warnings;
    [
        ("Corpus", &corpus.warnings, corpus.warnings_total),
        ("Lexicon", lexicon, lexicon.len() as u64),
    ]
}

/// "12", or "the first 200 of 260 (all in data/warnings.csv)".
pub fn warning_count(shown: usize, total: u64) -> String {
    if shown as u64 >= total {
        int(total)
    } else {
        format!(
            "{} (the first {} are listed here; all are in data/warnings.csv)",
            int(total),
            int(shown as u64)
        )
    }
}

/// The heading of a nearest-sources table: "Nearest sources", or "Nearest
/// sources within Spanish (es)".
pub fn nearest_heading(report: &Report, ls: &LanguageSimilarity) -> String {
    match ls
        .language
        .as_deref()
        .and_then(|l| report.corpus.languages.iter().find(|g| g.language == l))
    {
        Some(g) => format!("Nearest sources within {}", g.label),
        None => "Nearest sources".to_string(),
    }
}

/// The sentence above a nearest-sources table.
pub fn nearest_intro(ls: &LanguageSimilarity) -> String {
    let n = ls.similarity.sources.len() as u64;
    format!(
        "With {} sources a similarity matrix has {} cells, too many to read as a chart: each source is listed with its {} nearest sources by cosine similarity of TF-IDF vectors (1 = the same weighted vocabulary), most similar first. Every pair, with its Jensen–Shannon divergence, is in data/similarity.csv.",
        int(n),
        int(n.pow(2)),
        NEAREST
    )
}

pub fn summary(report: &Report) -> Line {
    let articles: u64 = report.corpus.sources.iter().map(|s| s.articles).sum();
    let words: u64 = report.corpus.sources.iter().map(|s| s.words).sum();
    let n = report.corpus.sources.len();
    let mut line = Line::default().text(format!(
        "This report compares {} source{} through {} article{} and {} words (word tokens, stopwords included): ",
        int(n as u64),
        if n == 1 { "" } else { "s" },
        int(articles),
        if articles == 1 { "" } else { "s" },
        int(words)
    ));
    let listed: Vec<&SourceRow> = report
        .corpus
        .sources
        .iter()
        .filter(|s| report.shown(&s.source))
        .collect();
    if listed.len() < n {
        line = line.text(format!("the {} largest are ", int(listed.len() as u64)));
    }
    let k = listed.len();
    for (i, s) in listed.iter().enumerate() {
        if i > 0 {
            line = line.text(if i + 1 == k { " and " } else { ", " });
        }
        line = line.name(&s.name).text(format!(" ({})", int(s.words)));
    }
    if k < n {
        line = line.text(" (every source is in the Sources table)");
    }
    if report.corpus.skipped_empty > 0 {
        let skipped = report.corpus.skipped_empty;
        line = line.text(format!(
            " ({} empty article{} skipped; see Warnings)",
            int(skipped),
            if skipped == 1 { " was" } else { "s were" }
        ));
    }
    if let Some(g) = groups_sentence(report) {
        line = line.text(format!(". {g}"));
    }
    if report.by_language() {
        line = line.text(format!(". {}", languages_sentence(report)));
    }
    let tests = &report.keyness.article_tests;
    if !tests.applied && n > 1 {
        line = line.text(format!(
            ". Keyness p-values are word-level: they assume independent words, and the article-level test (Welch's t on per-article rates) needs several articles per source (at least {}; the smallest source here has {})",
            int(tests.min_articles.max(2)),
            count(tests.fewest_articles, "article", "articles")
        ));
    }
    let lex = &report.lexicon;
    if !report.has_lexicon() {
        return line.text(". No lexicon (--lexicon none): loaded terms, their voice and their targets are not counted.");
    }
    let about = crate::lexicon::describe(
        "",
        &lex.version,
        &[
            lex.license.as_str(),
            &count(lex.categories.len() as u64, "category", "categories"),
            &count(lex.actors.len() as u64, "target actor", "target actors"),
            &count(
                lex.distancing.len() as u64,
                "distancing marker",
                "distancing markers",
            ),
        ],
    );
    let line = line
        .text(". Loaded terms are counted with the lexicon ")
        .name(&lex.name)
        .text(format!(" {about}"));
    // Its description after a colon, if it has one; the paragraph ends with a period.
    let description = lex.description.trim();
    if description.is_empty() {
        line.text(".")
    } else if description.ends_with(['.', '!', '?']) {
        line.text(": ").text(description)
    } else {
        line.text(": ").text(format!("{description}."))
    }
}

/// The keyness comparisons, each with the label of its language when the
/// corpus has several and it opens that language's comparisons ("Spanish
/// (es)"), for a heading above it.
pub fn keyness_by_language(report: &Report) -> Vec<(Option<&str>, &Comparison)> {
    let mut last: Option<&str> = None;
    report
        .keyness
        .comparisons
        .iter()
        .map(|c| {
            let label = report
                .language_of(&c.target)
                .filter(|_| report.by_language())
                .map(|g| g.label.as_str());
            let opens = label.filter(|l| last != Some(*l));
            last = label;
            (opens, c)
        })
        .collect()
}

/// What a comparison's source is set against: "the rest", or "the rest of
/// Spanish (es)" when the corpus has several languages.
pub fn rest_of(report: &Report, target: &str) -> String {
    match report.language_of(target).filter(|_| report.by_language()) {
        Some(g) => format!("the rest of {}", g.label),
        None => "the rest".to_string(),
    }
}

/// When the page shows only some sources one by one: which, and where the
/// others are.
pub fn shown_note(report: &Report) -> Option<String> {
    if !report.thinned() {
        return None;
    }
    let names: Vec<&str> = report
        .shown_sources
        .iter()
        .map(|s| report.source_name(s))
        .collect();
    Some(format!(
        "With {} sources, the findings, the per-source tables and the per-source charts show the {} largest by words (--show-sources changes how many): {}. Every source is in the Sources table, with its most over-used terms, in the lexicon heatmap and in data/.",
        int(report.corpus.sources.len() as u64),
        int(report.shown_sources.len() as u64),
        names.join(", ")
    ))
}

/// Fewer sources than this weighed together, and TF-IDF has too few idf
/// levels to rank terms by.
pub const FEW_UNITS: usize = 5;

/// The most sources TF-IDF weighs together: all of them, or with several
/// languages those of the largest language.
pub fn tfidf_units(report: &Report) -> usize {
    if report.by_language() {
        report
            .corpus
            .languages
            .iter()
            .map(|g| g.sources.len())
            .max()
            .unwrap_or(0)
    } else {
        report.corpus.sources.len()
    }
}

/// With fewer than [`FEW_UNITS`] sources weighed together, what TF-IDF by
/// source can say: a term's idf takes at most that many values.
pub fn few_units_note(report: &Report) -> Option<String> {
    let n = tfidf_units(report);
    (n < FEW_UNITS).then(|| {
        format!(
            "With {} weighed together, a term's idf takes at most {} (it is in 1 to {} of them), so TF-IDF by source is close to raw frequency in a few bands; the charts lead with keyness, which tests the difference.",
            count(n as u64, "source", "sources"),
            count(n as u64, "value", "values"),
            int(n as u64)
        )
    })
}

/// What a small source's keyness rows are ranked by, and why.
pub fn small_source_note(report: &Report) -> String {
    format!(
        "Under {} words a source is small: most terms of the rest are absent from it by its size alone, so under-use is expected and its terms are ranked by log-odds z (which shrinks small counts), not by G².",
        int(report.keyness.small_source_words)
    )
}

/// "The sources are in 2 languages — English (en): A, B; Spanish (es): C,
/// D. Term keyness, TF-IDF and similarity compare …".
pub fn languages_sentence(report: &Report) -> String {
    let groups: Vec<String> = report
        .corpus
        .languages
        .iter()
        .map(|g| {
            let names: Vec<&str> = g.sources.iter().map(|s| report.source_name(s)).collect();
            format!("{}: {}", g.label, names.join(", "))
        })
        .collect();
    format!(
        "The sources are in {} languages ({}). Term keyness, TF-IDF and similarity compare sources within a language, since the stems of two languages are different words (a language with one source has no keyness and no similarity); lexicon rates, voice and targets compare all sources, counted per 1,000 words in each language",
        int(report.corpus.languages.len() as u64),
        groups.join("; ")
    )
}

/// How to read a chart, by its file name.
pub fn how_to_read(file: &str) -> &'static str {
    match file {
        f if f.starts_with("keyness_groups") => "Right of the axis: words a group (its sources together) uses more than the other groups together; left: less. Longer bars = stronger evidence (|G²|); labels give the counts in the group vs the other groups.",
        f if f.starts_with("lexicon_groups") => "Each cell is a group's hits per 1,000 words in a lexicon category (its sources' hits and words summed); brighter = more. Compare along a column.",
        f if f.starts_with("keyness") => "Right of the axis: words a source uses more than the other sources together; left: less. Longer bars = stronger evidence (|G²|); labels give the counts in the source vs the rest.",
        f if f.starts_with("tfidf") => "Each panel lists a source's highest-weighted terms: frequent in that source and rare across the others.",
        f if f.starts_with("lexicon_rates") => "Each cell is a source's hits per 1,000 words in a lexicon category; brighter = more. Compare along a column to see which source uses a kind of loaded language most.",
        f if f.starts_with("lexicon_ci") => "Bar height is hits per 1,000 words; the whisker is the bootstrap interval. Overlapping whiskers mean the sources may not really differ.",
        f if f.starts_with("voice") => "Each bar splits a source's lexicon hits by whose words they are: the author's own, a quotation, scare quotes, or after a distancing marker.",
        f if f.starts_with("actors") => "Each cell counts the loaded terms of a category whose sentence names that actor (nearest mention); brighter = more. The last row holds hits with no actor named.",
        f if f.starts_with("similarity") => "Cosine similarity of TF-IDF vectors: 1 = the same weighted vocabulary, 0 = nothing shared. Read along a row.",
        f if f.starts_with("divergence") => "Jensen–Shannon divergence of the term distributions: 0 = identical, 1 = disjoint vocabularies.",
        f if f.starts_with("zipf") => "Term frequency against rank on log–log axes. Roughly straight, parallel lines mean ordinary texts; a kink at the top means a few words dominate.",
        f if f.starts_with("fightin") => "Each dot is a term: right = frequent in the corpus, up = used more by this source (Monroe et al. z), down = less. |z| > 1.96 is the usual 5% threshold.",
        _ => "",
    }
}

/// `lo`–`hi` with two decimals, or one number when they read the same.
fn span((lo, hi): (f64, f64)) -> String {
    let (a, b) = (dec(lo, 2), dec(hi, 2));
    if a == b {
        a
    } else {
        format!("{a}–{b}")
    }
}

/// The sentence under a heatmap of a measure bounded by 0 and 1 (cosine,
/// Jensen–Shannon divergence), coloured on that fixed scale: the scale, and
/// the range observed over `all` cells and `between` different sources.
pub fn unit_scale_note(all: Option<(f64, f64)>, between: Option<(f64, f64)>) -> String {
    let Some(all) = all else {
        return String::new();
    };
    let between = between.map_or(String::new(), |b| {
        format!(" ({} between different sources)", span(b))
    });
    format!(
        "Colours are on the fixed 0–1 scale (darkest 0, brightest 1), not stretched to the values; observed: {}{between}.",
        span(all)
    )
}

/// The sentence under a heatmap coloured over the values it holds (rates,
/// counts: no upper bound), naming what its darkest and brightest cells hold:
/// `what` names a value ("rate"), `unit` follows a number (singular, plural),
/// `decimals` as the cells print them.
pub fn observed_scale_note(
    range: Option<(f64, f64)>,
    what: &str,
    unit: (&str, &str),
    decimals: usize,
) -> String {
    let Some((lo, hi)) = range else {
        return String::new();
    };
    let amount = |x: f64| {
        let n = dec(x, decimals);
        format!("{n} {}", if n == "1" { unit.0 } else { unit.1 })
    };
    let (a, b) = (amount(lo), amount(hi));
    if a == b {
        return format!("Every cell holds {a}, so all share one colour.");
    }
    let zero = dec(0.0, decimals);
    let tail = if dec(lo, decimals) == zero {
        ""
    } else {
        ", so the darkest cell is not zero"
    };
    format!("The colours stretch over the {what}s drawn here, from the lowest (darkest: {a}) to the highest (brightest: {b}){tail}.")
}

/// The sentence under grouped bars drawn in panels of at most `per` of the
/// `n` sources; nothing when one panel holds them all.
pub fn panels_note(n: usize, per: usize) -> String {
    if n <= per || per == 0 {
        return String::new();
    }
    format!(
        "With {} sources the bars are in {} panels of at most {per} sources, each with its own legend; the vertical scale is the same in every panel.",
        int(n as u64),
        int(n.div_ceil(per) as u64)
    )
}

/// The formulas and definitions behind every number, as (name, text) pairs.
pub fn methods(report: &Report) -> Vec<(&'static str, String)> {
    let s = &report.settings;
    vec![
        ("Word count (WC)", "All word tokens of a text, stopwords included; tokens with no letter (numbers, footnote markers) are not words. WC is the denominator of every rate. Term statistics (TF-IDF, keyness) leave stopwords out of the counts, but not out of WC.".to_string()),
        ("Tokenizer", s.tokenizer.to_string()),
        ("Stemmer", format!("{}; stemming {}. Terms are shown in their most frequent surface form (per source where a table or chart is per source, ties alphabetical).", s.stemmer, if s.analyzer.stem { "on" } else { "off" })),
        ("Stopwords", match &s.analyzer.stopwords {
            StopwordSpec::Default => "Snowball's stopword list for each article's language".to_string(),
            StopwordSpec::None => "none removed".to_string(),
            StopwordSpec::File(f) => format!("the list in {} (only)", f.display()),
            StopwordSpec::DefaultAndFile(f) => format!("Snowball's stopword list for each article's language and the words in {}", f.display()),
        }),
        ("TF-IDF", format!("variant {} (by source: each source is one document): {}; rows normalized: {}.", s.tfidf_variant, s.tfidf_formula, report.tfidf.norm)),
        ("Keyness", format!("each source against the rest of the corpus{}. a = count in the source, b = count in the rest, c = source words − a, d = rest words − b. {}. Terms with fewer than {} occurrences (a + b) are not tested. The rows shown are ranked by G², except for a source of fewer than {} words: most terms of the rest are absent from it by its size alone, so its rows are ranked by log-odds z, which shrinks small counts toward the prior.", if report.by_language() { " (with several languages: the rest of the sources of its language)" } else { "" }, s.keyness_formula, s.keyness_min_count, int(report.keyness.small_source_words))),
        ("Languages", if report.by_language() {
            format!("{}. An article's language is its own (corpus.toml, JSONL or --language-column) or the corpus default; a source's language is that of its articles (mul when they differ). The lexicon lists each category's terms per language, and each article is matched with the terms of its language.", languages_sentence(report))
        } else {
            format!("every source is in {}.", report.corpus.languages.first().map_or("one language", |g| g.label.as_str()))
        }),
        ("χ²", Measure::Chi2.formula().to_string()),
        ("Log Ratio", Measure::LogRatio.formula().to_string()),
        ("Log-odds z (fightin' words)", format!("{}. Prior: {}", Measure::LogOdds.formula(), s.log_odds_prior)),
        ("Benjamini–Hochberg", "Within each comparison, the m tested terms' p-values are sorted ascending and p_adj(k) = min over j ≥ k of m·p(j)/j, capped at 1 (Benjamini & Hochberg 1995).".to_string()),
        ("Lexicon rates", "hits = matches of a category (a phrase is one hit; within a category the longest match wins and a word counts once); per 1,000 = 1000 · hits / WC; LIWC-style % = 100 · words covered / WC. Each source against all others together: signed 4-term G² on the hits, p from χ²(1).".to_string()),
        ("Bootstrap intervals", format!("percentile bootstrap over sentences: {} resamples with replacement, seed {}, {}% interval from the 2.5th and 97.5th percentiles (R type 7); the generator is SplitMix64 seeded per unit. A unit with at least 16 sentences per distinct sentence length (the sources of a large corpus) is resampled by groups, which draws from the same distribution faster: a binomial number of picks among its sentences with a hit, and a multinomial split of the other picks among the lengths of its sentences without one (rand_distr's binomial sampler). A source of 20 articles or more is resampled by articles instead (a cluster bootstrap: each resample draws as many of its articles with replacement, its rate is Σhits/Σwords over them), because the words of one article are not independent; such intervals are marked \"by articles\". A category with no hit in a unit gets the exact Poisson interval on its count (Garwood 1936) instead of a bootstrap, which would say 0–0: from 0 to −ln(α/2) = χ²(2) quantile / 2 hits (3.689 at 95%) per the unit's words, marked \"exact Poisson\".", s.bootstrap_resamples, s.bootstrap_seed, dec(s.confidence * 100.0, 0))),
        ("Voice", "distanced = the term follows a distancing marker of the lexicon (so-called, alleged, …) in the same sentence; scare = inside a quotation of one to three words; quoted = inside a longer quotation; own = none of these, the author's words. The first that applies wins.".to_string()),
        ("Target actor", "the actor of the lexicon named nearest to the hit in the same sentence, if any.".to_string()),
        ("Similarity", format!("cosine similarity of the sources' TF-IDF vectors; Jensen–Shannon divergence (log base 2) of their term distributions. Up to {FULL_MATRIX_MAX_SOURCES} sources the charts show both matrices with rows and columns in one order: the leaf order of average-linkage (UPGMA) hierarchical clustering on the distance 1 − cosine, where the distance between two clusters is the mean distance between their sources (Sokal & Michener 1958). The dendrogram is read as scipy's linkage(method='average') and leaves_list read it (a merge's source, or else its earlier-made cluster, first), and the order equals scipy's on matrices without ties; of pairs at equal distance, the one with the sources earliest in source order merges first. analysis.json keeps the matrices in source order and gives the order drawn as cluster_order. With more, the tables list each source's {NEAREST} nearest sources by cosine (ties in source order) and every pair is in data/similarity.csv.")),
        ("Settings", format!("n-grams: {}; split hyphens: {}; case: {}; top terms per source: {}; KWIC window: {} words each side; corpus: {}; lexicon: {}.", s.analyzer.ngrams_label(), s.analyzer.split_hyphens, s.analyzer.case.name(), s.top, s.kwic_window, s.corpus, s.lexicon)),
    ]
    .into_iter()
    .filter(|(name, _)| report.has_lexicon() || !LEXICON_METHODS.contains(name))
    .collect()
}

/// The methods that describe the lexicon's scores (left out without one).
const LEXICON_METHODS: [&str; 4] = [
    "Lexicon rates",
    "Bootstrap intervals",
    "Voice",
    "Target actor",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1,000");
        assert_eq!(int(1234567), "1,234,567");
        assert_eq!(dec(2.9268, 2), "2.93");
        assert_eq!(dec(-0.001, 2), "0.00");
        assert_eq!(dec(-7.3202, 2), "−7.32");
        assert_eq!(dec(f64::NAN, 2), "n/a");
        assert_eq!(signed(17.699, 2), "+17.70");
        assert_eq!(signed(0.0, 2), "0.00");
        assert_eq!(signed(0.001, 2), "0.00");
        assert_eq!(p(0.0098836), "0.010");
        assert_eq!(p(2.6e-5), "< 0.001");
        assert_eq!(percent(0.625), "62%");
        assert_eq!(ci(Some((0.0, 3.5394))), "0.00–3.54");
        assert_eq!(times(1), "once");
        assert_eq!(times(1200), "1,200 times");
    }

    #[test]
    fn scale_notes_name_the_observed_range() {
        assert_eq!(
            unit_scale_note(Some((0.8942, 1.0)), Some((0.8942, 0.8942))),
            "Colours are on the fixed 0–1 scale (darkest 0, brightest 1), not stretched to the values; observed: 0.89–1.00 (0.89 between different sources)."
        );
        assert_eq!(
            unit_scale_note(Some((1.0, 1.0)), None),
            "Colours are on the fixed 0–1 scale (darkest 0, brightest 1), not stretched to the values; observed: 1.00."
        );
        assert_eq!(unit_scale_note(None, None), "");
        let rate = ("per 1,000 words", "per 1,000 words");
        assert_eq!(
            observed_scale_note(Some((0.0, 19.84)), "rate", rate, 1),
            "The colours stretch over the rates drawn here, from the lowest (darkest: 0.0 per 1,000 words) to the highest (brightest: 19.8 per 1,000 words)."
        );
        assert_eq!(
            observed_scale_note(Some((2.0, 9.0)), "rate", rate, 1),
            "The colours stretch over the rates drawn here, from the lowest (darkest: 2.0 per 1,000 words) to the highest (brightest: 9.0 per 1,000 words), so the darkest cell is not zero."
        );
        assert_eq!(
            observed_scale_note(Some((1.0, 1.0)), "count", ("hit", "hits"), 0),
            "Every cell holds 1 hit, so all share one colour."
        );
        assert_eq!(observed_scale_note(None, "count", ("hit", "hits"), 0), "");
        assert_eq!(panels_note(8, 8), "");
        assert_eq!(
            panels_note(20, 8),
            "With 20 sources the bars are in 3 panels of at most 8 sources, each with its own legend; the vertical scale is the same in every panel."
        );
    }
}
