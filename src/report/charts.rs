//! The report's charts: maps the `Report` onto `chart::*` functions. Every label
//! is a display form or a display name (never a stem or a folder id where a
//! name exists); the chart module escapes them.

use std::path::PathBuf;

use super::findings;
use super::model::{LanguageSimilarity, Report};
use super::write::Sink;
use crate::analysis::keyness::KeyRow;
use crate::chart::{self, Bar, ColourScale, DivergingPanel, Labels, Panel, Point, Series};
use crate::error::Result;
use crate::lexicon::Voice;

/// A file-name-safe form of a source id (ids come from the corpus: untrusted).
pub fn slug(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    if s.is_empty() {
        "source".into()
    } else {
        s
    }
}

/// One chart: file name (under `charts/`), title, caption (how to read it,
/// with what its data adds: the range its colours span), and the SVG.
pub struct ChartFile {
    pub file: String,
    pub title: String,
    pub caption: String,
    pub svg: String,
}

/// Every chart of the report, in the order the page shows them.
/// `report` is the page's view ([`Report::for_page`]); `full` has every
/// source, for the lexicon heatmap (a row each).
pub fn charts(full: &Report, report: &Report) -> Vec<ChartFile> {
    // With few sources TF-IDF by source says little (few idf levels): keyness
    // leads.
    // When sources belong to groups the page leads with the groups.
    let mut out = groups(report);
    match findings::few_units_note(report) {
        Some(note) => out.extend([keyness(report), tfidf(report).noted(&note)]),
        None => out.extend([tfidf(report), keyness(report)]),
    }
    if report.has_lexicon() {
        out.extend(lexicon_rates(full, report));
        out.push(voice(report));
        out.extend(actors(report));
    }
    out.extend(similarity(report));
    out.push(zipf(report));
    out.extend(fightin_words(report));
    out
}

/// One chart file from its parts, captioned with how to read it.
fn file(file: impl Into<String>, title: String, svg: String) -> ChartFile {
    let file = file.into();
    ChartFile {
        caption: findings::how_to_read(&file).to_string(),
        file,
        title,
        svg,
    }
}

impl ChartFile {
    /// The caption with `note` (a sentence about this chart's data) after it.
    fn noted(mut self, note: &str) -> ChartFile {
        if !note.is_empty() {
            self.caption = format!("{} {note}", self.caption);
        }
        self
    }
}

/// The smallest and largest finite value, if any.
fn range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |r, v| match r {
            None => Some((v, v)),
            Some((lo, hi)) => Some((v.min(lo), v.max(hi))),
        })
}

/// The finite cells of a heatmap.
fn cells(values: &[Vec<Option<f64>>]) -> impl Iterator<Item = f64> + '_ {
    values.iter().flatten().filter_map(|v| *v)
}

/// Top TF-IDF terms per source (small multiples).
fn tfidf(report: &Report) -> ChartFile {
    let top = report.settings.top;
    let panels: Vec<Panel> = report
        .corpus
        .sources
        .iter()
        .filter(|s| report.shown(&s.source))
        .map(|s| Panel {
            title: s.name.clone(),
            bars: report
                .top_tfidf(&s.source)
                .map(|r| Bar {
                    label: r.display.clone(),
                    value: r.weight,
                    annotation: Some(format!("{:.2} · n={}", r.weight, r.count)),
                })
                .collect(),
        })
        .collect();
    let title = if report.by_language() {
        format!("Top {top} TF-IDF terms per source (idf within each language)")
    } else {
        format!("Top {top} TF-IDF terms per source")
    };
    let desc = format!(
        "Horizontal bars: the {top} terms with the highest TF-IDF weight in each source ({}; {}), labelled with the weight and the raw count n.",
        report.tfidf.variant, report.tfidf.formula
    );
    let svg = chart::bar_small_multiples(
        &Labels {
            title: &title,
            desc: &desc,
            x: "TF-IDF weight (L2-normalized)",
            y: "",
        },
        &panels,
    );
    file("tfidf.svg", title, svg)
}

/// The group comparison's charts: keyness per group (diverging bars) and
/// lexicon rates per group (a heatmap); none without groups.
fn groups(report: &Report) -> Vec<ChartFile> {
    let Some(g) = &report.groups else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if !g.comparisons.is_empty() {
        let title =
            "Keyness by group: words each group over- and under-uses against the other groups"
                .to_string();
        let desc = "Diverging bars per group (its sources' counts summed): right, terms the group uses more than the other groups together; left, less. Bar length is G²; labels give the count in the group vs in the other groups.".to_string();
        let svg = diverging(report, &g.comparisons, |c| c.target.clone(), &title, &desc);
        out.push(file("keyness_groups.svg", title, svg));
    }
    if report.has_lexicon() {
        let rows: Vec<String> = g.lexicon.units.iter().map(|u| u.unit.clone()).collect();
        out.push(rate_heatmap(
            report,
            &g.lexicon,
            &rows,
            ("Loaded-term rates per 1,000 words by group", "Group"),
            "rows are groups (their sources' hits and words summed)",
            "lexicon_groups.svg",
        ));
    }
    out
}

/// Diverging keyness bars, a panel per comparison (titled by `title_of`):
/// the first `top` (at most 10) over- and under-used terms, G² long,
/// labelled with the counts.
fn diverging(
    report: &Report,
    comparisons: &[crate::analysis::keyness::Comparison],
    title_of: impl Fn(&crate::analysis::keyness::Comparison) -> String,
    title: &str,
    desc: &str,
) -> String {
    let top = report.settings.top.min(10);
    let bar = |r: &KeyRow| Bar {
        label: r.display.to_string(),
        value: r.g2.abs(),
        annotation: Some(format!("{} vs {}", r.target_count, r.reference_count)),
    };
    let panels: Vec<DivergingPanel> = comparisons
        .iter()
        .map(|c| DivergingPanel {
            title: title_of(c),
            over: c.over.iter().take(top).map(bar).collect(),
            under: c.under.iter().take(top).map(bar).collect(),
        })
        .collect();
    chart::diverging_bars(
        &Labels {
            title,
            desc,
            x: "G² (log-likelihood): right over-used, left under-used",
            y: "",
        },
        &panels,
    )
}

/// Keyness per source (diverging bars).
fn keyness(report: &Report) -> ChartFile {
    let title = if report.by_language() {
        "Keyness: words each source over- and under-uses against the rest of its language"
    } else {
        "Keyness: words each source over- and under-uses against the rest"
    }
    .to_string();
    let desc = format!(
        "Diverging bars per source: right, terms the source uses more than the other sources{} together; left, terms it uses less. Bar length is G² (4-term log-likelihood); labels give the count in the source vs the count in the rest. Terms with fewer than {} occurrences are not tested.",
        if report.by_language() {
            " of its language"
        } else {
            ""
        },
        report.keyness.min_count
    );
    let title_of = |c: &crate::analysis::keyness::Comparison| match report
        .language_of(&c.target)
        .filter(|_| report.by_language())
    {
        Some(g) => format!("{} ({})", report.source_name(&c.target), g.language),
        None => report.source_name(&c.target).to_string(),
    };
    let svg = diverging(report, &report.keyness.comparisons, title_of, &title, &desc);
    let small = report.keyness.ranked_by_z.len();
    let note = match small {
        0 => String::new(),
        n if n == report.keyness.comparisons.len() => format!(
            "Every source here has fewer than {} words: the bars are ranked by log-odds z (under-use is expected from a small source's size alone), their length is still G².",
            findings::int(report.keyness.small_source_words)
        ),
        n => {
            let which = if n <= 5 {
                report
                    .keyness
                    .ranked_by_z
                    .iter()
                    .map(|s| report.source_name(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                format!("{} sources", findings::int(n as u64))
            };
            format!(
                "Sources of fewer than {} words ({which}) have their bars ranked by log-odds z (under-use is expected from a small source's size alone); the length is still G².",
                findings::int(report.keyness.small_source_words)
            )
        }
    };
    file("keyness.svg", title, svg).noted(&note)
}

/// The sources' display names, in the lexicon scores' order.
fn lexicon_sources(report: &Report) -> Vec<String> {
    report
        .lexicon
        .by_source
        .units
        .iter()
        .map(|u| report.source_name(&u.unit).to_string())
        .collect()
}

/// The lexicon's category labels.
fn category_labels(report: &Report) -> Vec<String> {
    report
        .lexicon
        .categories
        .iter()
        .map(|c| c.label.clone())
        .collect()
}

/// Lexicon rates: a heatmap, and bars with their intervals.
fn lexicon_rates(full: &Report, report: &Report) -> [ChartFile; 2] {
    [lexicon_heatmap(full), lexicon_ci(report)]
}

/// Lexicon rates per source and category, a heatmap coloured over the rates
/// observed (they have no upper bound); the caption names its ends.
fn lexicon_heatmap(report: &Report) -> ChartFile {
    rate_heatmap(
        report,
        &report.lexicon.by_source,
        &lexicon_sources(report),
        ("Loaded-term rates per 1,000 words", "Source"),
        "rows are sources",
        "lexicon_rates.svg",
    )
}

/// A heatmap of `scores`' rates per 1,000 words, a row per unit (`rows`
/// their names; `(title, y)`; `what_rows` says what they are), a column per
/// category, coloured over the rates observed.
fn rate_heatmap(
    report: &Report,
    scores: &crate::lexicon::LexiconScores,
    rows: &[String],
    (title, y): (&str, &str),
    what_rows: &str,
    name: &str,
) -> ChartFile {
    let lex = &report.lexicon;
    let values: Vec<Vec<Option<f64>>> = scores
        .units
        .iter()
        .map(|u| u.categories.iter().map(|c| Some(c.per_1000)).collect())
        .collect();
    // Rates under 1 per 1,000 words (a large corpus) get two decimals, so
    // that 0.03 is not printed as a zero.
    let decimals = match range(cells(&values)) {
        Some((_, hi)) if hi < 1.0 => 2,
        _ => 1,
    };
    let note = findings::observed_scale_note(
        range(cells(&values)),
        "rate",
        ("per 1,000 words", "per 1,000 words"),
        decimals,
    );
    let desc = format!(
        "Heatmap: {what_rows}, columns are the categories of the lexicon {}; each cell is hits per 1,000 words. {note}",
        crate::lexicon::describe(&lex.name, &lex.version, &[])
    );
    let svg = chart::heatmap(
        &Labels {
            title,
            desc: &desc,
            x: "Lexicon category",
            y,
        },
        rows,
        &category_labels(report),
        &values,
        "hits per 1,000 words",
        decimals,
        ColourScale::Observed,
    );
    file(name, title.to_string(), svg).noted(&note)
}

/// Lexicon rates with their intervals: grouped bars, in panels of at most
/// [`chart::CI_PANEL_SERIES`] sources.
fn lexicon_ci(report: &Report) -> ChartFile {
    let lex = &report.lexicon;
    let series: Vec<Series> = lex
        .by_source
        .units
        .iter()
        .map(|u| Series {
            name: report.source_name(&u.unit).to_string(),
            points: u
                .categories
                .iter()
                .map(|c| {
                    let (lo, hi) = c.per_1000_ci.unwrap_or((c.per_1000, c.per_1000));
                    (c.per_1000, lo, hi)
                })
                .collect(),
        })
        .collect();
    let note = findings::panels_note(series.len(), chart::CI_PANEL_SERIES);
    let title = "Loaded-term rates with 95% intervals".to_string();
    let desc = format!(
        "Grouped bars: hits per 1,000 words per category and source, with {:.0}% intervals from {} bootstrap resamples of sentences, or of articles for a source of 20 articles or more (seed {}); exact Poisson intervals for a category without hits.{}{note}",
        report.settings.confidence * 100.0,
        report.settings.bootstrap_resamples,
        report.settings.bootstrap_seed,
        if note.is_empty() { "" } else { " " },
    );
    let svg = chart::bars_with_ci(
        &Labels {
            title: &title,
            desc: &desc,
            x: "Lexicon category",
            y: "Hits per 1,000 words",
        },
        &category_labels(report),
        &series,
    );
    file("lexicon_ci.svg", title, svg).noted(&note)
}

/// Voice split per source (all categories together).
fn voice(report: &Report) -> ChartFile {
    let voices: Vec<String> = Voice::ALL.iter().map(|v| v.as_str().to_string()).collect();
    let shares: Vec<Vec<f64>> = report
        .lexicon
        .by_source
        .units
        .iter()
        .map(|u| {
            let mut h = [0u64; 4];
            for c in &u.categories {
                for v in &c.voices {
                    h[v.voice.index()] += v.hits;
                }
            }
            let total: u64 = h.iter().sum();
            h.iter()
                .map(|&x| {
                    if total == 0 {
                        0.0
                    } else {
                        x as f64 / total as f64
                    }
                })
                .collect()
        })
        .collect();
    let title = "Voice of loaded terms: own words, quoted, scare quotes, distanced".to_string();
    let desc = "Stacked bars per source: the share of all lexicon hits in each voice. own = the author's words; quoted = inside quotation marks; scare = a quotation of one to three words around the term; distanced = right after a marker such as so-called.".to_string();
    let svg = chart::stacked_bars(
        &Labels {
            title: &title,
            desc: &desc,
            x: "Share of lexicon hits",
            y: "",
        },
        &lexicon_sources(report),
        &voices,
        &shares,
    );
    file("voice.svg", title, svg)
}

/// Who is called what: actor × category, one heatmap per source.
fn actors(report: &Report) -> Vec<ChartFile> {
    let lex = &report.lexicon;
    let cat_labels = category_labels(report);
    let actor_rows: Vec<String> = lex
        .actors
        .iter()
        .map(|a| a.label.clone())
        .chain(["(no actor named)".to_string()])
        .collect();
    let actor_ids: Vec<Option<&str>> = lex
        .actors
        .iter()
        .map(|a| Some(a.id.as_str()))
        .chain([None])
        .collect();
    let mut out = Vec::new();
    for (k, u) in lex.by_source.units.iter().enumerate() {
        let values: Vec<Vec<Option<f64>>> = actor_ids
            .iter()
            .map(|aid| {
                u.categories
                    .iter()
                    .map(|c| {
                        Some(
                            c.actors
                                .iter()
                                .find(|a| a.actor.as_deref() == *aid)
                                .map_or(0.0, |a| a.hits as f64),
                        )
                    })
                    .collect()
            })
            .collect();
        let name = report.source_name(&u.unit);
        let note =
            findings::observed_scale_note(range(cells(&values)), "count", ("hit", "hits"), 0);
        let title = format!("Who is called what: {name}");
        let desc = format!("Heatmap for {name}: rows are actors (the nearest actor named in the same sentence as the loaded term), columns are lexicon categories; each cell is the number of hits. {note}");
        let svg = chart::heatmap(
            &Labels {
                title: &title,
                desc: &desc,
                x: "Lexicon category",
                y: "Target actor",
            },
            &actor_rows,
            &cat_labels,
            &values,
            "hits",
            0,
            ColourScale::Observed,
        );
        let file_name = format!("actors-{:02}-{}.svg", k + 1, slug(&u.unit));
        out.push(file(file_name, title, svg).noted(&note));
    }
    out
}

/// Similarity and divergence heatmaps, on the fixed 0–1 scale of both
/// measures; none past
/// [`FULL_MATRIX_MAX_SOURCES`](crate::analysis::similarity::FULL_MATRIX_MAX_SOURCES)
/// sources, where the tables list each source's nearest sources instead.
fn similarity(report: &Report) -> Vec<ChartFile> {
    report
        .similarity
        .iter()
        .flat_map(|ls| language_similarity(report, ls))
        .collect()
}

/// The heatmaps of one language's sources (`similarity_es.svg`, …), or of
/// all sources when the corpus has one language (`similarity.svg`).
fn language_similarity(report: &Report, ls: &LanguageSimilarity) -> Vec<ChartFile> {
    let sim = &ls.similarity;
    if sim.cosine_tfidf.is_empty() {
        return Vec::new();
    }
    let order = cluster_order(&sim.sources, &sim.cluster_order);
    let names: Vec<String> = order
        .iter()
        .filter_map(|&i| sim.sources.get(i))
        .map(|s| report.source_name(s).to_string())
        .collect();
    let (suffix, within) = match &ls.language {
        Some(l) => (
            format!("_{}", l.to_lowercase()),
            format!(
                " within {}",
                report
                    .corpus
                    .languages
                    .iter()
                    .find(|g| &g.language == l)
                    .map_or(l.as_str(), |g| g.label.as_str())
            ),
        ),
        None => (String::new(), String::new()),
    };
    [
        Matrix {
            file: format!("similarity{suffix}.svg"),
            title: format!("Source similarity{within}: cosine of TF-IDF vectors"),
            desc: "Heatmap: cosine similarity of the sources' TF-IDF vectors (sklearn variant); 1 = same weighted vocabulary.",
            values: reordered(&sim.cosine_tfidf, &order),
            label: "cosine",
            order: "Rows and columns are ordered by average-linkage hierarchical clustering of 1 − cosine (UPGMA), so similar sources sit together.",
        },
        Matrix {
            file: format!("divergence{suffix}.svg"),
            title: format!("Source divergence{within}: Jensen–Shannon divergence of term distributions"),
            desc: "Heatmap: Jensen–Shannon divergence (log base 2) of the sources' term distributions; 0 = identical, 1 = disjoint.",
            values: reordered(&sim.jsd, &order),
            label: "JSD",
            order: "Rows and columns are ordered by average-linkage hierarchical clustering of 1 − cosine (UPGMA), as in the similarity heatmap.",
        },
    ]
    .iter()
    .map(|m| m.chart(&names))
    .collect()
}

/// The positions in `sources` of the ids of `cluster_order`: the heatmaps'
/// order. Source order when `cluster_order` is not a permutation of
/// `sources` (empty: a model made without it).
fn cluster_order(sources: &[String], cluster_order: &[String]) -> Vec<usize> {
    let order: Vec<usize> = cluster_order
        .iter()
        .filter_map(|id| sources.iter().position(|s| s == id))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    if sorted.iter().copied().eq(0..sources.len()) {
        order
    } else {
        (0..sources.len()).collect()
    }
}

/// `values` with rows and columns in `order`.
fn reordered(values: &[Vec<f64>], order: &[usize]) -> Vec<Vec<f64>> {
    order
        .iter()
        .map(|&i| {
            order
                .iter()
                .map(|&j| {
                    values
                        .get(i)
                        .and_then(|r| r.get(j))
                        .copied()
                        .unwrap_or(f64::NAN)
                })
                .collect()
        })
        .collect()
}

/// A source × source matrix of a measure bounded by 0 and 1, its rows and
/// columns in the heatmaps' order.
struct Matrix {
    file: String,
    title: String,
    desc: &'static str,
    values: Vec<Vec<f64>>,
    label: &'static str,
    /// The sentence naming the order of the rows and columns.
    order: &'static str,
}

impl Matrix {
    /// The heatmap on the fixed 0–1 scale, its caption and description naming
    /// the range observed, overall and between different sources.
    fn chart(&self, names: &[String]) -> ChartFile {
        let all = range(self.values.iter().flatten().copied());
        let between = range(self.values.iter().enumerate().flat_map(|(i, row)| {
            row.iter()
                .enumerate()
                .filter(move |(j, _)| *j != i)
                .map(|(_, v)| *v)
        }));
        let note = format!("{} {}", self.order, findings::unit_scale_note(all, between))
            .trim_end()
            .to_string();
        let desc = format!("{} {note}", self.desc);
        let v: Vec<Vec<Option<f64>>> = self
            .values
            .iter()
            .map(|r| r.iter().map(|&x| Some(x)).collect())
            .collect();
        let labels = Labels {
            title: &self.title,
            desc: &desc,
            x: "Source",
            y: "Source",
        };
        let unit = ColourScale::Fixed { lo: 0.0, hi: 1.0 };
        let svg = chart::heatmap(&labels, names, names, &v, self.label, 2, unit);
        file(self.file.clone(), self.title.clone(), svg).noted(&note)
    }
}

/// Rank–frequency (Zipf) lines per source.
fn zipf(report: &Report) -> ChartFile {
    let zipf: Vec<(String, Vec<u64>)> = report
        .zipf
        .iter()
        .map(|(id, f)| (report.source_name(id).to_string(), f.clone()))
        .collect();
    let title = "Rank–frequency (Zipf) plot of terms per source".to_string();
    let desc = "Log–log lines: the frequency of each source's terms against their rank; a straight line is Zipf's law.".to_string();
    let svg = chart::rank_frequency(
        &Labels {
            title: &title,
            desc: &desc,
            x: "Rank",
            y: "Frequency",
        },
        &zipf,
    );
    file("zipf.svg", title, svg)
}

/// Fightin' words: frequency vs Monroe et al. z, one per source.
fn fightin_words(report: &Report) -> Vec<ChartFile> {
    let mut out = Vec::new();
    for (k, sc) in report.scatter.iter().enumerate() {
        // Points come largest |z| first; the first ones are labelled.
        let points: Vec<Point> = sc
            .points
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| Point {
                x,
                y,
                label: sc.labelled.get(i).map(|l| l.2.clone()).unwrap_or_default(),
                highlight: i < sc.labelled.len(),
            })
            .collect();
        let name = report.source_name(&sc.target);
        let rest = findings::rest_of(report, &sc.target);
        let title = format!("Fightin' words: {name} vs {rest}");
        let desc = format!("Scatter: each term's frequency in the compared sources (log scale) against its Monroe, Colaresi & Quinn z-score for {name} against {rest}; the {} terms with the largest |z| are labelled.", sc.labelled.len());
        let svg = chart::scatter_labeled(
            &Labels {
                title: &title,
                desc: &desc,
                x: "Frequency in the corpus (log scale)",
                y: "z (log-odds, informative Dirichlet prior)",
            },
            &points,
            true,
        );
        out.push(file(
            format!("fightin-{:02}-{}.svg", k + 1, slug(&sc.target)),
            title,
            svg,
        ));
    }
    out
}

pub fn files(charts: &[ChartFile], out: &Sink) -> Result<()> {
    for c in charts {
        out.put(PathBuf::from("charts").join(&c.file), c.svg.as_bytes())?;
    }
    Ok(())
}
