//! The report exporters on a fixed fixture (tests/fixtures/report: two sources of
//! three sentences, a three-category lexicon): the generated findings checked
//! against values worked out by hand, then snapshots of every file (index.html
//! with the inlined SVGs replaced by a marker, README.md, data/*.csv,
//! analysis.json, manifest.json). The snapshots were reviewed line by line.
//!
//! Hand-worked values (alpha: WC 17, beta: WC 16; G² is the 4-term log-likelihood,
//! p from χ²(1); worked in Python from the formulas, not from framelens):
//! - alpha, keyness: "called" and "rioters" 2 vs 0: G² = +2.7745, p = 0.09577;
//!   "protesters", "repressed" 0 vs 2: G² = −3.0331, p = 0.08158; "boluarte",
//!   "police" 1 vs 1: G² = −0.00196, p = 0.9647; Benjamini–Hochberg over the six:
//!   the first four get 0.14366.
//! - alpha, lexicon: "Delegitimizing protesters" 4 hits (rioters ×2, “vandals”,
//!   terrorists) = 235.29 per 1,000; vs beta 0 hits: G² = +5.8258, p = 0.01579.
//!   Bootstrap bounds: the sentences have 1/5, 2/8, 1/4 hits/words, so any
//!   resample lies in [200, 250]; all-first-sentence resamples (1/27 = 3.7%) and
//!   resamples without it ((2/3)³ = 30%) make both percentiles the extremes.
//! - voices: alpha own 3 (75%), scare 1 ("vandals" in one-word quotes); beta
//!   distanced 1 ("so-called government"), own 2.
//! - targets: rioters (sentence with "police") → Police; terrorists → Dina
//!   Boluarte; government, first "repressed" → Dina Boluarte; second → Police.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use framelens::analyze::AnalyzerConfig;
use framelens::corpus::ReadOptions;
use framelens::lexicon::ScoreConfig;
use framelens::pipeline::Config;
use framelens::report::{self, ReportConfig};

pub fn fixture_config(corpus: &Path, lexicon: &Path) -> ReportConfig {
    ReportConfig {
        pipeline: Config {
            corpus: corpus.to_path_buf(),
            read: ReadOptions::default(),
            analyzer: AnalyzerConfig::default(),
            threads: Some(1),
        },
        lexicon: lexicon.to_path_buf(),
        top: 5,
        min_count: 2,
        score: ScoreConfig::default(),
        window: 4,
        min_articles: framelens::report::build::DEFAULT_MIN_ARTICLES,
        show_sources: framelens::report::build::DEFAULT_SHOW_SOURCES,
    }
}

fn files() -> &'static BTreeMap<PathBuf, Vec<u8>> {
    static FILES: OnceLock<BTreeMap<PathBuf, Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        // Relative paths (tests run from the package root), so the manifest and
        // the settings hold no machine-specific path.
        let cfg = fixture_config(
            Path::new("tests/fixtures/report/corpus"),
            Path::new("tests/fixtures/report/lexicon.toml"),
        );
        let prepared = report::prepare(&cfg).expect("fixture corpus reads");
        report::files(&prepared).expect("fixture report renders").1
    })
}

fn text(name: &str) -> String {
    let bytes = files()
        .get(Path::new(name))
        .unwrap_or_else(|| panic!("{name} not rendered"));
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

/// index.html with each inlined `<svg>…</svg>` replaced by a marker naming its
/// size; checks on the way that each is exactly its chart file (without the XML
/// declaration, if any).
fn html_without_svgs() -> String {
    let html = text("index.html");
    let charts: Vec<(String, String)> = files()
        .iter()
        .filter(|(p, _)| p.starts_with("charts"))
        .map(|(p, b)| {
            let s = String::from_utf8(b.clone()).unwrap();
            let svg = s[s.find("<svg").unwrap()..].trim_end().to_string();
            (p.display().to_string(), svg)
        })
        .collect();
    let mut out = String::new();
    let mut rest = html.as_str();
    let mut seen = 0;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").expect("closed svg") + i + "</svg>".len();
        let svg = &rest[i..end];
        let file = charts
            .iter()
            .find(|(_, c)| c == svg)
            .map(|(p, _)| p.clone())
            .expect("every inlined SVG is one of the chart files, unchanged");
        out.push_str(&rest[..i]);
        out.push_str(&format!("[inline SVG = {file}]"));
        rest = &rest[end..];
        seen += 1;
    }
    out.push_str(rest);
    assert_eq!(seen, charts.len(), "every chart is inlined once");
    out
}

#[test]
fn findings_match_the_hand_worked_values() {
    let md = text("README.md");
    for expected in [
        "1 article, 17 words, 8 distinct terms.",
        "- More than the rest: *called* 2 vs 0, *rioters* 2 vs 0.",
        "- Less than the rest: *protesters* 0 vs 2, *repressed* 0 vs 2, *Boluarte* 1 vs 1, *Police* 1 vs 1.",
        "- It uses *called* 2 times where the other source never does (117.65 per 1,000 words; G² = +2.77, adjusted p = 0.144).",
        "- It never uses *protesters*, which the other source uses 2 times (125.00 per 1,000 words; G² = −3.03, adjusted p = 0.144).",
        "- Higher: **Delegitimizing protesters** 235.29 per 1,000 words (4 hits; 95% CI 200.00–250.00) vs 0.00 in the other source (G² = +5.83, p = 0.016).",
        // 0 hits in 17 words: Garwood's upper bound −ln 0.025 = 3.689 hits, 1000 · 3.689 / 17 = 216.99.
        "- Lower: **State violence** 0.00 per 1,000 words (0 hits; 95% CI 0.00–216.99, exact Poisson) vs 125.00 in the other source (G² = −3.03, p = 0.082).",
        "- Lower: **Delegitimizing the government** 0.00 per 1,000 words (0 hits; 95% CI 0.00–216.99, exact Poisson) vs 62.50 in the other source (G² = −1.48, p = 0.224).",
        "**Whose voice.** Of its 4 category hits (a word in two categories counts twice), 3 (75%) are in its own voice, 0 (0%) quoted, 1 (25%) in scare quotes and 0 (0%) distanced.",
        "(hits whose sentence names no actor: 2)",
        "- **Dina Boluarte**: 1 hit of **Delegitimizing protesters** (*terrorists* 1).",
        "- **Police**: 1 hit of **Delegitimizing protesters** (*rioters* 1).",
        // beta
        "Of its 3 category hits (a word in two categories counts twice), 2 (67%) are in its own voice, 0 (0%) quoted, 0 (0%) in scare quotes and 1 (33%) distanced.",
        "- **Dina Boluarte**: 1 hit of **State violence** (*repressed* 1).",
        "- **Dina Boluarte**: 1 hit of **Delegitimizing the government** (*government* 1).",
        "- **Police**: 1 hit of **State violence** (*repressed* 1).",
        "### [Alpha Daily](https://alpha.example/)",
    ] {
        assert!(md.contains(expected), "README.md lacks {expected:?}\n{md}");
    }
    let html = text("index.html");
    for expected in [
        // The term links to its lines (plain in-page anchor).
        "<li>It uses <a class=\"key\" href=\"#lines-s1-1\"><em>called</em></a> 2 times where the other source never does (117.65 per 1,000 words; G² = +2.77, adjusted p = 0.144).</li>",
        "<h4 id=\"lines-s1-1\"><em>called</em> <span class=\"muted\">(term “call”; 2 occurrences)</span></h4>",
        "<h3><a href=\"https://alpha.example/\" rel=\"noopener noreferrer nofollow\">Alpha Daily</a></h3>",
        // The KWIC line of the scare quote, with its target column empty.
        "<td>scare</td><td class=\"l\">The rioters were called “</td><td class=\"m\">vandals</td>",
        "<td>distanced<br><span class=\"muted\">Dina Boluarte</span></td>",
    ] {
        assert!(html.contains(expected), "index.html lacks {expected:?}");
    }
    assert!(!html.contains("<script"));
}

/// The similarity and divergence heatmaps are on the fixed 0–1 scale, and
/// their captions (page and README) and SVG descriptions name the range
/// observed (data/similarity.csv: cosine 0.0778 between alpha and beta, 1 on
/// the diagonal; JSD 0.8 and 0). The lexicon heatmap's colours stretch over
/// its rates: its caption names the ends (0 hits, and alpha's 4 hits in 17
/// words = 235.3 per 1,000).
#[test]
fn heatmap_captions_name_the_observed_range() {
    let fixed = "Colours are on the fixed 0–1 scale (darkest 0, brightest 1), not stretched to the values; observed:";
    let rates = "The colours stretch over the rates drawn here, from the lowest (darkest: 0.0 per 1,000 words) to the highest (brightest: 235.3 per 1,000 words).";
    let (html, md) = (text("index.html"), text("README.md"));
    for (chart, note) in [
        (
            "similarity",
            format!("{fixed} 0.08–1.00 (0.08 between different sources)."),
        ),
        (
            "divergence",
            format!("{fixed} 0.00–0.80 (0.80 between different sources)."),
        ),
        ("lexicon_rates", rates.to_string()),
    ] {
        let svg = text(&format!("charts/{chart}.svg"));
        let doc = roxmltree::Document::parse(&svg).expect("XML");
        let desc = doc
            .descendants()
            .find(|n| n.has_tag_name("desc"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(desc.ends_with(&note), "{chart}: {desc:?}");
        let figure = html
            .split("<figure")
            .find(|f| f.contains(&format!("href=\"charts/{chart}.svg\"")))
            .unwrap_or_else(|| panic!("{chart} on the page"));
        assert!(
            figure.contains(&format!("{note} <a href")),
            "{chart}: {figure}"
        );
        let section = md
            .split("\n### ")
            .find(|f| f.contains(&format!("(charts/{chart}.svg)")))
            .unwrap_or_else(|| panic!("{chart} in the README"));
        assert!(section.contains(&format!("{note}\n")), "{chart}: {section}");
    }
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!("index_html", html_without_svgs());
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("readme_md", text("README.md"));
}

#[test]
fn data_snapshots() {
    let names: Vec<String> = files()
        .keys()
        .filter(|p| p.starts_with("data"))
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(names.len(), 16, "{names:?}");
    for name in names {
        let snap = name.replace(['/', '.'], "_");
        insta::assert_snapshot!(snap, text(&name));
    }
}

#[test]
fn json_and_manifest_snapshots() {
    insta::assert_snapshot!("analysis_json", text("analysis.json"));
    insta::assert_snapshot!("manifest_json", text("manifest.json"));
}

#[test]
fn the_file_list_is_complete() {
    let names: Vec<String> = files()
        .keys()
        .filter(|p| !p.starts_with("data"))
        .map(|p| p.display().to_string())
        .collect();
    insta::assert_snapshot!("file_list", names.join("\n"));
}
