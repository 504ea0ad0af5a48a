//! Chart output: valid XML with `<title>`/`<desc>`, the visible title and axis
//! titles as text, escaping of hostile labels, determinism, degenerate inputs and
//! large (20-source) variants.
//!
//! Set `FRAMELENS_CHART_DIR=/tmp/charts` to also write every sample SVG there
//! (then look at them: `rsvg-convert -o x.png x.svg`).

use framelens::chart::{
    bar_small_multiples, bars_with_ci, diverging_bars, heatmap, rank_frequency, scatter_labeled,
    stacked_bars, Bar, ColourScale, DivergingPanel, Labels, Panel, Point, Series,
};
use ColourScale::Observed;

/// The fixed scale of a cosine or a Jensen–Shannon divergence.
const UNIT: ColourScale = ColourScale::Fixed { lo: 0.0, hi: 1.0 };

const SOURCES: [&str; 5] = [
    "Resumen Latinoamericano",
    "Proletarian",
    "Peoples Dispatch",
    "Reuters",
    "El Comercio",
];

const TERMS: [&str; 15] = [
    "repression",
    "coup",
    "terrorists",
    "Boluarte",
    "Castillo",
    "protesters",
    "massacre",
    "vacancy",
    "congress",
    "state of emergency",
    "police",
    "lawfare",
    "oligarchy",
    "Dina Boluarte's government",
    "mobilization",
];

const HOSTILE: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "A & B",
    "]]>",
];

/// Deterministic pseudo-random numbers in 0..1 (64-bit LCG, Knuth's constants).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn source_names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            if i < SOURCES.len() {
                SOURCES[i].to_string()
            } else {
                format!("Regional outlet number {}", i + 1)
            }
        })
        .collect()
}

/// Parses `svg`, checks `<title>`/`<desc>` come first and read back `labels`, that
/// no script-capable element exists, and returns the text of every `<text>`.
fn parse(svg: &str, labels: &Labels) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let mut kids = root.children().filter(|n| n.is_element());
    let title = kids.next().expect("a first child");
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(title.text().unwrap_or(""), labels.title);
    let desc = kids.next().expect("a second child");
    assert_eq!(desc.tag_name().name(), "desc");
    assert_eq!(desc.text().unwrap_or(""), labels.desc);
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(
            ["svg", "title", "desc", "text", "rect", "polyline", "circle", "line", "path"]
                .contains(&name),
            "unexpected element <{name}>"
        );
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "event attribute {}", a.name());
        }
    }
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim_matches('\n').to_string())
        .collect()
}

/// `parse`, then checks the visible title and the non-empty axis titles are drawn.
fn check(svg: &str, labels: &Labels) -> Vec<String> {
    let texts = parse(svg, labels);
    for want in [labels.title, labels.x, labels.y] {
        if !want.is_empty() {
            assert!(
                texts.iter().any(|t| t == want),
                "{want:?} not drawn; texts: {texts:?}"
            );
        }
    }
    assert!(!texts.iter().any(|t| t.contains("could not be drawn")));
    texts
}

fn size(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let root = doc.root_element();
    let num = |a: &str| root.attribute(a).and_then(|v| v.parse().ok()).expect(a);
    (num("width"), num("height"))
}

fn top_terms(n_sources: usize, n_terms: usize) -> Vec<Panel> {
    let mut rng = Lcg(7);
    source_names(n_sources)
        .into_iter()
        .map(|title| {
            let mut bars: Vec<Bar> = (0..n_terms)
                .map(|j| {
                    let value = 0.35 * rng.next() + 0.02;
                    Bar {
                        label: TERMS[(j * 7 + title.len()) % TERMS.len()].to_string(),
                        value,
                        annotation: Some(format!("n={}", (value * 400.0) as u64)),
                    }
                })
                .collect();
            bars.sort_by(|a, b| b.value.total_cmp(&a.value));
            Panel { title, bars }
        })
        .collect()
}

fn keyness(n_sources: usize, n_terms: usize) -> Vec<DivergingPanel> {
    let mut rng = Lcg(11);
    source_names(n_sources)
        .into_iter()
        .map(|title| {
            let mut side = |sign: f64, offset: usize| -> Vec<Bar> {
                let mut bars: Vec<Bar> = (0..n_terms)
                    .map(|j| Bar {
                        label: TERMS[(j + offset) % TERMS.len()].to_string(),
                        value: sign * (60.0 * rng.next() + 4.0),
                        annotation: None,
                    })
                    .collect();
                bars.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
                bars
            };
            let over = side(1.0, 0);
            let under = side(-1.0, 8);
            DivergingPanel { title, over, under }
        })
        .collect()
}

fn categories() -> Vec<String> {
    [
        "violence",
        "delegitimizing",
        "security framing",
        "sympathy",
        "legality",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn ci_series(n_sources: usize) -> Vec<Series> {
    let mut rng = Lcg(3);
    source_names(n_sources)
        .into_iter()
        .map(|name| Series {
            name,
            points: (0..5)
                .map(|_| {
                    let v = 12.0 * rng.next();
                    let half = 0.5 + 2.0 * rng.next();
                    (v, (v - half).max(0.0), v + half)
                })
                .collect(),
        })
        .collect()
}

fn zipf(n_sources: usize) -> Vec<(String, Vec<u64>)> {
    source_names(n_sources)
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let top = 400.0 * (i + 1) as f64;
            let n = 300 * (i + 1) + 50;
            let f = (1..=n)
                .map(|r| (top / (r as f64).powf(1.0 + 0.05 * i as f64)).ceil() as u64)
                .collect();
            (name, f)
        })
        .collect()
}

fn fightin_points() -> Vec<Point> {
    let mut rng = Lcg(5);
    let mut pts: Vec<Point> = (0..600)
        .map(|i| {
            let x = 10f64.powf(3.5 * rng.next());
            let y = (rng.next() - 0.5) * 3.0 * (1.0 + x.log10() / 2.0);
            Point {
                x,
                y,
                label: format!("term{i}"),
                highlight: false,
            }
        })
        .collect();
    for (j, t) in TERMS.iter().enumerate() {
        let sign = if j % 2 == 0 { 1.0 } else { -1.0 };
        pts.push(Point {
            x: 10f64.powf(1.0 + 2.0 * rng.next()),
            y: sign * (3.0 + 5.0 * rng.next()),
            label: t.to_string(),
            highlight: true,
        });
    }
    pts
}

fn similarity(names: &[String]) -> Vec<Vec<Option<f64>>> {
    let mut rng = Lcg(13);
    let n = names.len();
    // Symmetric, 1 on the diagonal; the lower triangle is drawn in row order.
    let mut m = vec![vec![None; n]; n];
    let mut draws: Vec<f64> = (0..n * n).map(|_| 0.3 + 0.6 * rng.next()).collect();
    draws.reverse();
    for (i, j) in (0..n).flat_map(|i| (0..=i).map(move |j| (i, j))) {
        let v = if i == j {
            1.0
        } else {
            draws.pop().unwrap_or(0.5)
        };
        m[i][j] = Some(v);
        m[j][i] = Some(v);
    }
    m
}

/// Every chart with realistic data for `n` sources: (file name, labels, svg).
fn samples(n: usize) -> Vec<(String, Labels<'static>, String)> {
    let names = source_names(n);
    let cats = categories();
    let mut out = Vec::new();

    let l = Labels {
        title: "Top TF-IDF terms per source",
        desc: "Resumen Latinoamericano leads with repression; Reuters with protesters.",
        x: "TF-IDF (l2-normalised)",
        y: "",
    };
    out.push((
        "tfidf".into(),
        l,
        bar_small_multiples(&l, &top_terms(n, 10)),
    ));

    let l = Labels {
        title: "Keyness per source vs. the rest of the corpus",
        desc: "Over-used and under-used terms per source by signed G².",
        x: "signed log-likelihood G²",
        y: "",
    };
    out.push(("keyness".into(), l, diverging_bars(&l, &keyness(n, 6))));

    let l = Labels {
        title: "Loaded-term rates per 1,000 tokens",
        desc: "Violence terms are most frequent in Proletarian.",
        x: "Lexicon category",
        y: "Source",
    };
    let mut rng = Lcg(17);
    let rates: Vec<Vec<Option<f64>>> = (0..n)
        .map(|i| {
            (0..cats.len())
                .map(|j| (i + j != 3).then(|| 14.0 * rng.next()))
                .collect()
        })
        .collect();
    out.push((
        "lexicon_heatmap".into(),
        l,
        heatmap(
            &l,
            &names,
            &cats,
            &rates,
            "rate per 1,000 tokens",
            1,
            Observed,
        ),
    ));

    let l = Labels {
        title: "Source similarity (cosine of TF-IDF vectors)",
        desc: "Reuters and El Comercio are the most similar pair.",
        x: "Source",
        y: "Source",
    };
    out.push((
        "similarity".into(),
        l,
        heatmap(
            &l,
            &names,
            &names,
            &similarity(&names),
            "cosine similarity",
            2,
            UNIT,
        ),
    ));

    let l = Labels {
        title: "Lexicon category rates with 95% confidence intervals",
        desc: "Rates per 1,000 tokens by category and source.",
        x: "Lexicon category",
        y: "Rate per 1,000 tokens",
    };
    out.push((
        "lexicon_ci".into(),
        l,
        bars_with_ci(&l, &cats, &ci_series(n)),
    ));

    let l = Labels {
        title: "Voice of loaded terms per source",
        desc: "Share of loaded terms in the source's own voice, quoted, scare-quoted or distanced.",
        x: "Share of loaded-term occurrences",
        y: "Source",
    };
    let voices: Vec<String> = ["own", "quoted", "scare quotes", "distanced"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut rng = Lcg(19);
    let shares: Vec<Vec<f64>> = (0..n)
        .map(|_| {
            let raw: Vec<f64> = (0..4)
                .map(|k| rng.next() * if k == 0 { 3.0 } else { 1.0 })
                .collect();
            let s: f64 = raw.iter().sum();
            raw.iter().map(|v| v / s).collect()
        })
        .collect();
    out.push((
        "voice".into(),
        l,
        stacked_bars(&l, &names, &voices, &shares),
    ));

    let l = Labels {
        title: "Rank–frequency (Zipf) plot",
        desc: "All sources follow Zipf's law with slopes near -1.",
        x: "Rank",
        y: "Frequency",
    };
    out.push(("zipf".into(), l, rank_frequency(&l, &zipf(n))));

    let l = Labels {
        title: "Fightin' words: Resumen Latinoamericano vs. Reuters",
        desc: "Terms by frequency and z-score of the log-odds ratio with an informative Dirichlet prior.",
        x: "Term frequency (both sources)",
        y: "z-score (log-odds ratio)",
    };
    out.push((
        "fightin".into(),
        l,
        scatter_labeled(&l, &fightin_points(), true),
    ));
    out
}

fn write_out(suffix: &str, charts: &[(String, Labels, String)]) {
    if let Ok(dir) = std::env::var("FRAMELENS_CHART_DIR") {
        std::fs::create_dir_all(&dir).expect("create chart dir");
        for (name, _, svg) in charts {
            std::fs::write(format!("{dir}/{name}{suffix}.svg"), svg).expect("write chart");
        }
    }
}

#[test]
fn every_chart_parses_with_title_desc_and_axis_titles() {
    let charts = samples(5);
    assert_eq!(charts.len(), 8);
    for (name, labels, svg) in &charts {
        let texts = check(svg, labels);
        assert!(texts.len() > 5, "{name}: only {texts:?}");
        let (w, _) = size(svg);
        assert!((600.0..=1300.0).contains(&w), "{name}: width {w}");
    }
    write_out("", &charts);
}

#[test]
fn twenty_sources_render_and_grow() {
    let small = samples(5);
    let large = samples(20);
    write_out("_20", &large);
    for ((name, labels, svg5), (_, _, svg20)) in small.iter().zip(&large) {
        check(svg20, labels);
        let (_, h5) = size(svg5);
        let (_, h20) = size(svg20);
        if ["tfidf", "keyness", "lexicon_heatmap", "similarity", "voice"].contains(&name.as_str()) {
            assert!(h20 > h5 * 1.8, "{name}: {h5} -> {h20}");
        }
    }
}

#[test]
fn panels_show_their_source_names_and_terms() {
    let panels = top_terms(5, 15);
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "",
    };
    let texts = check(&bar_small_multiples(&l, &panels), &l);
    for name in SOURCES {
        assert!(texts.iter().any(|t| t == name), "{name}");
    }
    for t in ["repression", "coup", "terrorists", "Boluarte"] {
        assert!(texts.iter().any(|x| x == t), "{t}");
    }
    // 15 bars per panel, each with its annotation.
    assert_eq!(texts.iter().filter(|t| t.starts_with("n=")).count(), 75);
}

#[test]
fn long_labels_are_shortened_with_an_ellipsis() {
    let long = "a very long source name that cannot possibly fit in a heatmap row label area";
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "y",
    };
    let svg = heatmap(
        &l,
        &[long.to_string()],
        &["c".to_string()],
        &[vec![Some(1.0)]],
        "v",
        1,
        Observed,
    );
    let texts = check(&svg, &l);
    // The row label takes two lines, the second cut.
    let i = texts
        .iter()
        .position(|t| t.ends_with('…'))
        .expect("an ellipsis");
    let shown = format!("{} {}", texts[i - 1], texts[i].trim_end_matches('…'));
    assert!(long.starts_with(shown.trim_end()), "{texts:?}");
    assert!(shown.len() > 30, "{shown:?}");
    assert!(!texts.iter().any(|t| t == long));
}

/// The category names of the grouped bars and the names in their legend are
/// drawn whole: wrapped between words (or after a hyphen), never cut, however
/// many categories share the width.
#[test]
fn grouped_bar_names_wrap_and_are_never_cut() {
    let cats: Vec<String> = [
        "Delegitimizing the government",
        "Delegitimizing protesters",
        "State violence",
        "Protester violence",
        "Legitimacy claims",
        "Foreign interference",
        "Ideological labels",
        "Coup and legal-procedural framing",
        "Electoral fraud claims",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut series = ci_series(5);
    series[0].name = "Fight Racism! Fight Imperialism! (Revolutionary Communist Group)".into();
    for s in &mut series {
        s.points = (0..cats.len())
            .map(|i| (i as f64, 0.0, i as f64 + 1.0))
            .collect();
    }
    let l = Labels {
        title: "t",
        desc: "d",
        x: "Lexicon category",
        y: "Hits per 1,000 words",
    };
    let svg = bars_with_ci(&l, &cats, &series);
    let texts = check(&svg, &l);
    assert!(!texts.iter().any(|t| t.contains('…')), "{texts:?}");
    // Each name reads back from consecutive lines.
    let all = texts.join(" ").replace("- ", "-");
    for name in cats.iter().chain(series.iter().map(|s| &s.name)) {
        assert!(
            all.contains(name.as_str()),
            "{name:?} not whole in {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t.ends_with(" legal-")), "{texts:?}");

    // Heatmap rows and columns, and stacked-bar rows, with the same names.
    let l = Labels {
        title: "t",
        desc: "d",
        x: "Category",
        y: "Source",
    };
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let whole = |texts: &[String], want: &[String]| {
        assert!(!texts.iter().any(|t| t.contains('…')), "{texts:?}");
        let all = texts.join(" ").replace("- ", "-");
        for name in want {
            assert!(
                all.contains(name.as_str()),
                "{name:?} not whole in {texts:?}"
            );
        }
    };
    let values = vec![vec![Some(1.0); cats.len()]; names.len()];
    let svg = heatmap(&l, &names, &cats, &values, "hits", 1, Observed);
    whole(&check(&svg, &l), &cats);
    whole(&check(&svg, &l), &names);
    let square = vec![vec![Some(0.5); names.len()]; names.len()];
    let svg = heatmap(&l, &names, &names, &square, "cosine", 2, Observed);
    whole(&check(&svg, &l), &names);
    let shares = vec![vec![0.5, 0.5]; names.len()];
    let svg = stacked_bars(&l, &names, &["own".into(), "quoted".into()], &shares);
    whole(&check(&svg, &l), &names);

    // Panel titles of small multiples (top terms, keyness): two lines, and
    // every panel's bars start below them.
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "",
    };
    let mut panels = top_terms(5, 15);
    let mut dpanels = keyness(5, 10);
    for (i, name) in names.iter().enumerate() {
        panels[i].title = name.clone();
        dpanels[i].title = name.clone();
    }
    for svg in [
        bar_small_multiples(&l, &panels),
        diverging_bars(&l, &dpanels),
    ] {
        // (Some of the made-up terms are cut; the names are not.)
        let all = check(&svg, &l).join(" ");
        for name in &names {
            assert!(all.contains(name.as_str()), "{name:?} not whole in {all}");
        }
        let doc = roxmltree::Document::parse(&svg).expect("XML");
        let num = |n: &roxmltree::Node, a: &str| -> f64 {
            n.attribute(a)
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        };
        // The title's second line (y of its top) and the first bar under it.
        let second = doc
            .descendants()
            .find(|n| {
                n.has_tag_name("text")
                    && n.text().map(str::trim) == Some("(Revolutionary Communist Group)")
            })
            .expect("the title's second line");
        let first_bar = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && num(n, "height") == 14.0)
            .map(|n| num(&n, "y"))
            .fold(f64::INFINITY, f64::min);
        assert!(
            num(&second, "y") + 13.0 < first_bar,
            "title line at {} overlaps a bar at {first_bar}",
            num(&second, "y")
        );
    }
}

/// A legend of many long names, each wrapped onto two lines, stays inside the
/// chart: the plot grows with it.
#[test]
fn long_legends_stay_inside_the_chart() {
    let names: Vec<String> = (0..20)
        .map(|i| format!("Regional outlet number {i} of the Revolutionary Communist Group"))
        .collect();
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "y",
    };
    let series: Vec<Series> = names
        .iter()
        .map(|n| Series {
            name: n.clone(),
            points: vec![(1.0, 0.5, 1.5), (2.0, 1.0, 3.0)],
        })
        .collect();
    let zipf: Vec<(String, Vec<u64>)> = names.iter().map(|n| (n.clone(), vec![9, 3, 1])).collect();
    for svg in [
        bars_with_ci(&l, &["a".into(), "b".into()], &series),
        rank_frequency(&l, &zipf),
    ] {
        parse(&svg, &l);
        let (_, height) = size(&svg);
        let doc = roxmltree::Document::parse(&svg).expect("XML");
        let mut wrapped = 0;
        for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let y: f64 = t.attribute("y").and_then(|v| v.parse().ok()).expect("y");
            assert!(y < height - 4.0, "{:?} at y={y}, height {height}", t.text());
            // A second line: the end of a name without its start.
            let text = t.text().unwrap_or("");
            if text.contains("Group") && !text.contains("Regional") {
                wrapped += 1;
            }
        }
        assert!(wrapped >= 20, "names not wrapped: {wrapped}");
    }
}

#[test]
fn heatmap_prints_every_value_with_the_given_decimals() {
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "y",
    };
    let rows = vec!["r1".to_string(), "r2".to_string()];
    let cols = vec!["c1".to_string(), "c2".to_string()];
    let values = vec![vec![Some(0.126), Some(2.0)], vec![None, Some(f64::NAN)]];
    let texts = check(
        &heatmap(&l, &rows, &cols, &values, "value", 2, Observed),
        &l,
    );
    for want in ["0.13", "2.00", "r1", "r2", "c1", "c2", "value"] {
        assert!(texts.iter().any(|t| t == want), "{want} in {texts:?}");
    }
    // The missing and the NaN cell are marked, not printed as numbers.
    assert_eq!(texts.iter().filter(|t| *t == "–").count(), 2);
    assert!(!texts.iter().any(|t| t.contains("NaN")));
}

#[test]
fn heatmap_text_colour_contrasts_with_its_cell() {
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "y",
    };
    let values = vec![vec![Some(0.0), Some(1.0)]];
    let svg = heatmap(
        &l,
        &["r".into()],
        &["lo".into(), "hi".into()],
        &values,
        "v",
        1,
        Observed,
    );
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let fill_of = |s: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(s))
            .and_then(|n| n.attribute("fill"))
            .map(str::to_string)
    };
    // Lowest value: dark viridis purple (#440154) → white text; highest: yellow → black.
    assert_eq!(fill_of("0.0").as_deref(), Some("#FFFFFF"));
    assert_eq!(fill_of("1.0").as_deref(), Some("#000000"));
    assert!(svg.contains("#440154") && svg.contains("#FDE725"));
}

#[test]
fn hostile_labels_are_escaped_and_read_back_exactly() {
    let hostile: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    let bars = |sign: f64| -> Vec<Bar> {
        hostile
            .iter()
            .enumerate()
            .map(|(i, s)| Bar {
                label: s.clone(),
                value: sign * (i + 1) as f64,
                annotation: Some(s.clone()),
            })
            .collect()
    };
    let panels: Vec<Panel> = hostile
        .iter()
        .map(|s| Panel {
            title: s.clone(),
            bars: bars(1.0),
        })
        .collect();
    let dpanels: Vec<DivergingPanel> = hostile
        .iter()
        .map(|s| DivergingPanel {
            title: s.clone(),
            over: bars(1.0),
            under: bars(-1.0),
        })
        .collect();
    let series: Vec<Series> = hostile
        .iter()
        .map(|s| Series {
            name: s.clone(),
            points: vec![(1.0, 0.5, 1.5); 4],
        })
        .collect();
    let values4 = vec![vec![Some(1.0); 4]; 4];
    let shares = vec![vec![0.25; 4]; 4];
    let zipf_series: Vec<(String, Vec<u64>)> = hostile
        .iter()
        .map(|s| (s.clone(), vec![9, 5, 3, 1]))
        .collect();
    let points: Vec<Point> = hostile
        .iter()
        .enumerate()
        .map(|(i, s)| Point {
            x: 10f64.powi(i as i32),
            y: 2.0 * i as f64 - 3.0,
            label: s.clone(),
            highlight: true,
        })
        .collect();
    for (ti, title) in HOSTILE.iter().enumerate() {
        let desc = HOSTILE[(ti + 1) % 4];
        let l = Labels {
            title,
            desc,
            x: HOSTILE[(ti + 2) % 4],
            y: HOSTILE[(ti + 3) % 4],
        };
        let charts = [
            bar_small_multiples(&l, &panels),
            diverging_bars(&l, &dpanels),
            heatmap(&l, &hostile, &hostile, &values4, title, 1, Observed),
            bars_with_ci(&l, &hostile, &series),
            stacked_bars(&l, &hostile, &hostile, &shares),
            rank_frequency(&l, &zipf_series),
            scatter_labeled(&l, &points, true),
        ];
        if ti == 0 {
            let names = [
                "bars",
                "diverging",
                "heatmap",
                "ci",
                "stacked",
                "zipf",
                "scatter",
            ];
            let named: Vec<(String, Labels, String)> = names
                .iter()
                .zip(&charts)
                .map(|(n, svg)| (format!("hostile_{n}"), l, svg.clone()))
                .collect();
            write_out("", &named);
        }
        for svg in &charts {
            assert!(!svg.contains("<script") && !svg.contains("<img"));
            let texts = check(svg, &l);
            // Every drawn label is a hostile string, a shortened one, or chart text.
            for h in HOSTILE {
                assert!(
                    texts.iter().any(|t| t == h),
                    "{h:?} not read back in {texts:?}"
                );
            }
        }
    }
}

#[test]
fn control_characters_do_not_break_the_xml() {
    let nasty = "bad\u{0}\u{7}\u{1b}[0m label\u{FFFF}";
    let l = Labels {
        title: nasty,
        desc: nasty,
        x: "x",
        y: "y",
    };
    let svg = heatmap(
        &l,
        &[nasty.into()],
        &[nasty.into()],
        &[vec![Some(1.0)]],
        nasty,
        0,
        Observed,
    );
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .expect("title");
    assert_eq!(title.text(), Some("bad [0m label"));
}

#[test]
fn same_input_same_bytes() {
    let a = samples(7);
    let b = samples(7);
    for ((name, _, x), (_, _, y)) in a.iter().zip(&b) {
        assert_eq!(x, y, "{name} differs between runs");
    }
    // And across threads (the font registry is global).
    let handles: Vec<_> = (0..4).map(|_| std::thread::spawn(|| samples(7))).collect();
    for h in handles {
        let c = h.join().expect("thread");
        for ((name, _, x), (_, _, y)) in a.iter().zip(&c) {
            assert_eq!(x, y, "{name} differs across threads");
        }
    }
}

#[test]
fn empty_and_non_finite_inputs_give_a_no_data_chart() {
    let l = Labels {
        title: "Empty",
        desc: "nothing",
        x: "x",
        y: "y",
    };
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let nan_bar = vec![Bar {
        label: "coup".into(),
        value: nan,
        annotation: None,
    }];
    let charts = [
        bar_small_multiples(&l, &[]),
        bar_small_multiples(
            &l,
            &[Panel {
                title: "p".into(),
                bars: nan_bar.clone(),
            }],
        ),
        diverging_bars(&l, &[]),
        diverging_bars(
            &l,
            &[DivergingPanel {
                title: "p".into(),
                over: nan_bar.clone(),
                under: vec![],
            }],
        ),
        heatmap(&l, &[], &[], &[], "v", 2, Observed),
        heatmap(
            &l,
            &["r".into()],
            &["c".into()],
            &[vec![Some(nan)]],
            "v",
            2,
            Observed,
        ),
        heatmap(&l, &["r".into()], &["c".into()], &[], "v", 2, Observed),
        bars_with_ci(&l, &[], &[]),
        bars_with_ci(
            &l,
            &["g".into()],
            &[Series {
                name: "s".into(),
                points: vec![(inf, 0.0, 1.0)],
            }],
        ),
        stacked_bars(&l, &[], &[], &[]),
        stacked_bars(&l, &["r".into()], &["k".into()], &[vec![nan]]),
        rank_frequency(&l, &[]),
        rank_frequency(&l, &[("s".into(), vec![0, 0])]),
        scatter_labeled(&l, &[], true),
        scatter_labeled(
            &l,
            &[Point {
                x: -1.0,
                y: 1.0,
                label: "neg".into(),
                highlight: true,
            }],
            true,
        ),
        scatter_labeled(
            &l,
            &[Point {
                x: nan,
                y: inf,
                label: "nan".into(),
                highlight: true,
            }],
            false,
        ),
    ];
    for svg in &charts {
        let texts = parse(svg, &l);
        assert!(texts.iter().any(|t| t == "Empty"));
        assert!(texts.iter().any(|t| t.starts_with("No data")), "{texts:?}");
    }
}

#[test]
fn partly_non_finite_inputs_draw_the_finite_part() {
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "y",
    };
    let bars = vec![
        Bar {
            label: "coup".into(),
            value: 0.5,
            annotation: None,
        },
        Bar {
            label: "nan".into(),
            value: f64::NAN,
            annotation: None,
        },
        Bar {
            label: "inf".into(),
            value: f64::NEG_INFINITY,
            annotation: None,
        },
    ];
    let texts = check(
        &bar_small_multiples(
            &l,
            &[Panel {
                title: "p".into(),
                bars,
            }],
        ),
        &l,
    );
    assert!(texts.iter().any(|t| t == "coup"));
    assert!(texts.iter().any(|t| t == "0.500"));
    assert!(!texts.iter().any(|t| t == "nan" || t == "inf"));

    // A single point, a single rank, equal values: degenerate axes, no panic.
    let texts = check(&rank_frequency(&l, &[("only".into(), vec![3])]), &l);
    assert!(texts.iter().any(|t| t == "only"));
    check(
        &scatter_labeled(
            &l,
            &[Point {
                x: 5.0,
                y: 0.0,
                label: "p".into(),
                highlight: true,
            }],
            false,
        ),
        &l,
    );
    check(
        &heatmap(
            &l,
            &["r".into()],
            &["c".into()],
            &[vec![Some(2.0)]],
            "v",
            0,
            Observed,
        ),
        &l,
    );
}

#[test]
fn scatter_labels_the_highlighted_points() {
    let l = Labels {
        title: "t",
        desc: "d",
        x: "frequency",
        y: "z",
    };
    let texts = check(&scatter_labeled(&l, &fightin_points(), true), &l);
    let labelled = TERMS
        .iter()
        .filter(|t| texts.iter().any(|x| x == *t))
        .count();
    // The 15 highlighted terms are spread out: most get a label.
    assert!(labelled >= 12, "{labelled}");
    // Non-highlighted points are never labelled.
    assert!(!texts.iter().any(|t| t.starts_with("term")));
}

#[test]
fn large_inputs_stay_small_svgs() {
    let l = Labels {
        title: "t",
        desc: "d",
        x: "x",
        y: "y",
    };
    let mut rng = Lcg(23);
    let points: Vec<Point> = (0..100_000)
        .map(|i| Point {
            x: 10f64.powf(5.0 * rng.next()),
            y: 6.0 * (rng.next() - 0.5),
            label: format!("t{i}"),
            highlight: i % 10_000 == 0,
        })
        .collect();
    let svg = scatter_labeled(&l, &points, true);
    check(&svg, &l);
    // Worst case (uniform over the plot): one dot per 3 × 3 px cell.
    // (about 56,000 cells of 80 bytes); real term frequencies are far denser.
    assert!(svg.len() < 5_000_000, "{} bytes", svg.len());

    // A Zipf curve over a million ranks is thinned to what changes a pixel.
    let freqs: Vec<u64> = (1..=1_000_000u64).map(|r| 1_000_000 / r).collect();
    let svg = rank_frequency(&l, &[("big".to_string(), freqs)]);
    check(&svg, &l);
    assert!(svg.len() < 200_000, "{} bytes", svg.len());
}

#[test]
fn crowded_panels_render() {
    let l = Labels {
        title: "Top TF-IDF terms per source (15 terms, 20 sources)",
        desc: "Crowded variant.",
        x: "TF-IDF",
        y: "Term",
    };
    let tfidf = bar_small_multiples(&l, &top_terms(20, 15));
    let texts = check(&tfidf, &l);
    assert_eq!(texts.iter().filter(|t| t.starts_with("n=")).count(), 300);
    let lk = Labels {
        title: "Keyness (15 over, 15 under)",
        desc: "Crowded variant.",
        x: "G²",
        y: "",
    };
    let keyness = diverging_bars(&lk, &keyness(5, 15));
    check(&keyness, &lk);
    write_out(
        "",
        &[
            ("tfidf_20x15".to_string(), l, tfidf),
            ("keyness_5x15".to_string(), lk, keyness),
        ],
    );
}

#[test]
fn diverging_labels_sit_across_the_zero_line_from_their_bars() {
    let l = Labels {
        title: "t",
        desc: "d",
        x: "G²",
        y: "",
    };
    // Seven terms a side: the over and under term lists are then disjoint.
    let panel = &keyness(1, 7)[0];
    let svg = diverging_bars(&l, std::slice::from_ref(panel));
    check(&svg, &l);
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let num = |n: &roxmltree::Node, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).expect(a)
    };
    let rects = |fill: &str| -> Vec<(f64, f64)> {
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(fill))
            .filter(|n| num(n, "height") > 12.5) // bars (14 px), not legend swatches (12 px)
            .map(|n| (num(&n, "x"), num(&n, "x") + num(&n, "width")))
            .collect()
    };
    // Over-used bars (orange) start at zero; under-used (blue) end there.
    let over = rects("#E69F00");
    let under = rects("#0072B2");
    assert_eq!(over.len(), 7);
    assert_eq!(under.len(), 7);
    let zero = over[0].0;
    assert!(over.iter().all(|&(a, b)| a == zero && b > zero));
    assert!(under
        .iter()
        .all(|&(a, b)| (b - zero).abs() <= 1.0 && a < zero));
    let text = |s: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("text") && n.text().map(|t| t.trim()) == Some(s))
            .unwrap_or_else(|| panic!("{s} drawn"))
    };
    for b in &panel.over {
        let t = text(&b.label);
        assert_eq!(t.attribute("text-anchor"), Some("end"), "{}", b.label);
        assert!(num(&t, "x") < zero);
    }
    for b in &panel.under {
        let t = text(&b.label);
        assert_eq!(t.attribute("text-anchor"), Some("start"), "{}", b.label);
        assert!(num(&t, "x") > zero);
    }
}

/// The fill of the heatmap cell whose value is printed as `value`.
fn cell_fill(svg: &str, value: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let num = |n: &roxmltree::Node, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).expect(a)
    };
    let text = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(value))
        .unwrap_or_else(|| panic!("{value} drawn"));
    let (x, y) = (num(&text, "x"), num(&text, "y"));
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && num(n, "height") == 24.0)
        .find(|n| {
            let (rx, ry) = (num(n, "x"), num(n, "y"));
            (rx..rx + num(n, "width")).contains(&x) && (ry..ry + 24.0).contains(&y)
        })
        .and_then(|n| n.attribute("fill"))
        .unwrap_or_else(|| panic!("no cell under {value}"))
        .to_string()
}

/// Two sources whose cosine is 0.90: on the fixed 0–1 scale 0.90 is drawn
/// near the bright end (viridis at 0.9), not as the darkest colour, as it
/// would be on a scale stretched to the values.
#[test]
fn a_fixed_scale_draws_high_values_bright() {
    let l = Labels {
        title: "Source similarity",
        desc: "cosine",
        x: "Source",
        y: "Source",
    };
    let names: Vec<String> = vec!["Alpha".into(), "Beta".into()];
    let values = vec![vec![Some(1.0), Some(0.9)], vec![Some(0.9), Some(1.0)]];
    let fixed = heatmap(&l, &names, &names, &values, "cosine", 2, UNIT);
    // viridis(0.9): a fifth of the way from #AADC32 to #FDE725.
    assert_eq!(cell_fill(&fixed, "0.90"), "#BBDE2F");
    assert_eq!(cell_fill(&fixed, "1.00"), "#FDE725");
    let texts = check(&fixed, &l);
    // The colour bar spans the fixed scale and names the observed range.
    for want in ["0.0", "0.2", "0.8", "1.0", "observed 0.90–1.00"] {
        assert!(texts.iter().any(|t| t == want), "{want} in {texts:?}");
    }
    // Stretched to the values, the same cell is the darkest colour.
    let stretched = heatmap(&l, &names, &names, &values, "cosine", 2, Observed);
    assert_eq!(cell_fill(&stretched, "0.90"), "#440154");
    assert!(!check(&stretched, &l)
        .iter()
        .any(|t| t.starts_with("observed")));

    // Values beyond a fixed end take its colour; one value is named alone.
    let one = vec![vec![Some(1.2)]];
    let svg = heatmap(&l, &names[..1], &names[..1], &one, "v", 1, UNIT);
    assert_eq!(cell_fill(&svg, "1.2"), "#FDE725");
    assert!(check(&svg, &l).iter().any(|t| t == "observed 1.2"));
    // A fixed scale without a span falls back to the observed one.
    let bad = ColourScale::Fixed { lo: 1.0, hi: 1.0 };
    let svg = heatmap(&l, &names, &names, &values, "v", 2, bad);
    assert_eq!(cell_fill(&svg, "0.90"), "#440154");
}

/// The y of every `<text>` reading `s`, top to bottom.
fn text_ys(svg: &str, s: &str) -> Vec<f64> {
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let mut ys: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(s))
        .filter_map(|n| n.attribute("y").and_then(|v| v.parse().ok()))
        .collect();
    ys.sort_by(f64::total_cmp);
    ys
}

/// Column labels sit above the cells, are repeated above every block of 40
/// rows, and below the last row when its block is long.
#[test]
fn heatmap_column_labels_are_on_top_and_repeated_when_tall() {
    let l = Labels {
        title: "Loaded-term rates per 1,000 words",
        desc: "d",
        x: "Lexicon category",
        y: "Source",
    };
    let cats = categories();
    let rows = |n: usize| -> Vec<String> { (1..=n).map(|i| format!("outlet {i}")).collect() };
    let values = |n: usize| vec![vec![Some(1.5); cats.len()]; n];
    for (n, bands) in [(3, 1), (30, 2), (41, 2), (100, 3), (110, 4)] {
        let names = rows(n);
        let svg = heatmap(&l, &names, &cats, &values(n), "hits", 1, Observed);
        check(&svg, &l);
        let first_row = text_ys(&svg, "outlet 1")[0];
        for cat in &cats {
            let ys = text_ys(&svg, cat);
            assert_eq!(ys.len(), bands, "{n} rows: {cat} at {ys:?}");
            assert!(ys[0] < first_row, "{n} rows: {cat} at {ys:?}");
        }
        // A band between rows 40 and 41, 80 and 81.
        for k in (40..n).step_by(40) {
            let (above, below) = (
                text_ys(&svg, &format!("outlet {k}"))[0],
                text_ys(&svg, &format!("outlet {}", k + 1))[0],
            );
            let between = text_ys(&svg, &cats[0])
                .into_iter()
                .filter(|y| *y > above && *y < below)
                .count();
            assert_eq!(
                between,
                1,
                "{n} rows: no labels between rows {k} and {}",
                k + 1
            );
        }
    }
    if let Ok(dir) = std::env::var("FRAMELENS_CHART_DIR") {
        let names = rows(100);
        let svg = heatmap(&l, &names, &cats, &values(100), "hits", 1, Observed);
        std::fs::create_dir_all(&dir).expect("create chart dir");
        std::fs::write(format!("{dir}/lexicon_heatmap_100.svg"), svg).expect("write chart");
    }
}

/// Twenty sources of grouped bars: three panels of at most eight, each with
/// its own legend in which no colour repeats, and every source named once.
#[test]
fn ci_bars_of_many_sources_are_panels_of_at_most_eight() {
    let l = Labels {
        title: "Loaded-term rates with 95% intervals",
        desc: "d",
        x: "Lexicon category",
        y: "Hits per 1,000 words",
    };
    let mut series = ci_series(20);
    for (i, s) in series.iter_mut().enumerate() {
        s.name = format!("source{:02}", i + 1);
    }
    let svg = bars_with_ci(&l, &categories(), &series);
    let texts = check(&svg, &l);
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let y_of =
        |n: &roxmltree::Node| -> f64 { n.attribute("y").and_then(|v| v.parse().ok()).expect("y") };
    let headings: Vec<f64> = (1..=3)
        .map(|k| text_ys(&svg, &format!("Panel {k} of 3"))[0])
        .collect();
    assert!(headings.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
    // Each legend entry: its swatch is drawn just before its name.
    let mut panels: Vec<Vec<(String, String)>> = vec![Vec::new(); 3];
    for s in &series {
        let text = doc
            .descendants()
            .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(s.name.as_str()))
            .unwrap_or_else(|| panic!("{} in the legend: {texts:?}", s.name));
        let swatch = text
            .prev_sibling_element()
            .filter(|n| n.has_tag_name("rect"))
            .expect("a swatch before the name");
        let fill = swatch.attribute("fill").expect("fill").to_string();
        let panel = headings.iter().filter(|h| **h < y_of(&text)).count() - 1;
        panels[panel].push((s.name.clone(), fill));
    }
    for (k, entries) in panels.iter().enumerate() {
        assert!((1..=8).contains(&entries.len()), "panel {k}: {entries:?}");
        let mut fills: Vec<&String> = entries.iter().map(|e| &e.1).collect();
        fills.sort();
        fills.dedup();
        assert_eq!(
            fills.len(),
            entries.len(),
            "panel {k} repeats a colour: {entries:?}"
        );
    }
    assert_eq!(panels.iter().map(Vec::len).collect::<Vec<_>>(), [7, 7, 6]);
    // Every panel draws the same vertical scale and the group names.
    let top_tick = text_ys(&svg, "14");
    assert_eq!(top_tick.len(), 3, "{texts:?}");
    assert_eq!(text_ys(&svg, "sympathy").len(), 3);
    // Eight sources still make one panel, with no heading.
    let one = bars_with_ci(&l, &categories(), &series[..8]);
    assert!(!check(&one, &l).iter().any(|t| t.starts_with("Panel")));
    write_out("", &[("lexicon_ci_20_panels".to_string(), l, svg)]);
}
