//! Corpus and lexicon text is untrusted: a corpus whose source name, article
//! title, URL and text (next to a lexicon term, so it reaches the KWIC lines and
//! the terms) carry markup, and a lexicon whose labels do, must give an
//! index.html whose only elements are the exporter's own, a README.md with no raw
//! HTML, and SVGs that parse as XML.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use framelens::analyze::AnalyzerConfig;
use framelens::corpus::ReadOptions;
use framelens::lexicon::ScoreConfig;
use framelens::pipeline::Config;
use framelens::report::{self, ReportConfig};

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// The elements index.html may contain: the page's own and the charts'.
const ALLOWED: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "nav",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ol",
    "ul",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "span",
    "br",
    "div",
    "figure",
    "figcaption",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd", // SVG
    "svg",
    "desc",
    "rect",
    "text",
    "line",
    "polyline",
    "polygon",
    "path",
    "circle",
    "g",
];

fn hostile_corpus(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let corpus = dir.join("corpus");
    fs::create_dir_all(corpus.join("evil")).unwrap();
    fs::create_dir_all(corpus.join("plain")).unwrap();
    let toml_str = |s: &str| toml_string(s);
    fs::write(
        corpus.join("corpus.toml"),
        format!(
            "[sources.evil]\nname = {}\nurl = \"javascript:alert(1)\"\n\n[sources.plain]\nname = \"Plain & Simple\"\nurl = {}\n\n[articles.\"evil/a.txt\"]\ntitle = {}\nauthor = {}\nurl = {}\n",
            toml_str(&format!("{SCRIPT} & ]]> {IMG}")),
            toml_str("https://plain.example/?a=1&b=\"2\"<x>"),
            toml_str(&format!("Title {IMG} ]]> & {SCRIPT}")),
            toml_str(SCRIPT),
            toml_str("https://x.example/\"><script>alert(1)</script>"),
        ),
    )
    .unwrap();
    fs::write(
        corpus.join("evil/a.txt"),
        format!("The rioters {SCRIPT} attacked. Rioters {IMG} & ]]> came back. The <b>rioters</b> left.\n"),
    )
    .unwrap();
    fs::write(
        corpus.join("plain/b.txt"),
        "The protesters marched. The police watched the protesters.\n",
    )
    .unwrap();
    let lexicon = dir.join("lexicon.toml");
    fs::write(
        &lexicon,
        format!(
            "[meta]\nname = {}\nversion = \"1\"\nlanguage = \"en\"\ndescription = {}\nlicense = \"CC0\"\n\n[categories.evil]\nlabel = {}\ndescription = {}\nterms = [\"rioters\", \"script\"]\n\n[actors.police]\nlabel = {}\naliases = [\"police\"]\n",
            toml_str(&format!("Lex {SCRIPT}")),
            toml_str(IMG),
            toml_str(&format!("Label {SCRIPT}")),
            toml_str(&format!("Desc {IMG} ]]>")),
            toml_str(&format!("Actor {IMG}")),
        ),
    )
    .unwrap();
    (corpus, lexicon)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Every tag of an HTML document: (name, the text between `<` and `>`).
/// Attribute values are quoted, so a `>` inside quotes does not end the tag.
fn tags(html: &str) -> Vec<(String, String)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        let mut quote: Option<u8> = None;
        while j < b.len() {
            match (quote, b[j]) {
                (None, b'"') | (None, b'\'') => quote = Some(b[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let inner = &html[start..j.min(b.len())];
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        out.push((name, inner.to_string()));
        i = j + 1;
    }
    out
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, lexicon) = hostile_corpus(dir.path());
    let cfg = ReportConfig {
        pipeline: Config {
            corpus,
            read: ReadOptions::default(),
            analyzer: AnalyzerConfig::default(),
            threads: Some(2),
        },
        lexicon,
        top: 10,
        min_count: 1,
        score: ScoreConfig::default(),
        window: 6,
        min_articles: framelens::report::build::DEFAULT_MIN_ARTICLES,
        show_sources: framelens::report::build::DEFAULT_SHOW_SOURCES,
    };
    let prepared = report::prepare(&cfg).unwrap();
    let (report, files) = report::files(&prepared).unwrap();
    // The hostile strings did reach the report (else this test proves nothing).
    assert!(report
        .corpus
        .sources
        .iter()
        .any(|s| s.name.contains(SCRIPT)));
    assert!(report
        .lexicon
        .kwic
        .iter()
        .any(|k| k.left.contains("<b>") || k.right.contains(IMG)));
    let html = String::from_utf8(files[Path::new("index.html")].clone()).unwrap();

    // Only allowed elements; no event handler attributes; links only to http(s)
    // URLs, in-page anchors and the report's own files.
    let allowed: BTreeSet<&str> = ALLOWED.iter().copied().collect();
    let mut seen = BTreeSet::new();
    for (name, inner) in tags(&html) {
        assert!(
            allowed.contains(name.as_str()),
            "element <{name}> in index.html: <{inner}>"
        );
        seen.insert(name);
        let lower = inner.to_ascii_lowercase();
        for attr in lower.split_whitespace().skip(1) {
            assert!(!attr.starts_with("on"), "event handler in <{inner}>");
        }
        if let Some(i) = lower.find("href=\"") {
            let href = &inner[i + 6..];
            let href = &href[..href.find('"').unwrap()];
            assert!(
                href.starts_with("https://")
                    || href.starts_with('#')
                    || ["charts/", "data/", "manifest.json", "analysis.json"]
                        .iter()
                        .any(|p| href.starts_with(p)),
                "link to {href:?}"
            );
            assert!(!href.contains('<') && !href.contains('"'), "{href:?}");
        }
    }
    assert!(seen.contains("svg") && seen.contains("table"));
    assert!(
        !html.contains("javascript:"),
        "a javascript: URL must not be shown as a link"
    );
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.to_ascii_lowercase().contains("<img"));
    // The hostile text is there, escaped: in the name, the title, the KWIC lines.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Title &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;b&gt;"));
    assert!(html.contains("Label &lt;script&gt;"));
    assert!(html.contains("href=\"https://plain.example/?a=1&amp;b=&quot;2&quot;&lt;x&gt;\""));

    // README.md: no raw HTML from the corpus; links only to http(s).
    let md = String::from_utf8(files[Path::new("README.md")].clone()).unwrap();
    // README.md has no HTML of its own: every `<` must be an escaped one.
    let b = md.as_bytes();
    for i in (0..b.len()).filter(|&i| b[i] == b'<') {
        assert!(
            i > 0 && b[i - 1] == b'\\',
            "raw `<` in README.md at byte {i}: {}",
            &md[i.saturating_sub(40)..(i + 40).min(md.len())]
        );
    }
    assert!(!md.contains("javascript:"));
    assert!(md.contains(
        "\\<script\\>alert(1)\\</script\\> \\& \\]\\]\\> \"\\>\\<img src=x onerror=alert(1)\\>"
    ));
    assert!(md.contains("[Plain \\& Simple](https://plain.example/?a=1&b=%222%22%3Cx%3E)"));
    // Every row of a table has as many cells as its header: no `|` leaked from text.
    let pipes = |l: &str| {
        let b = l.as_bytes();
        (0..b.len())
            .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
            .count()
    };
    let mut header: Option<usize> = None;
    let mut rows = 0;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = pipes(line);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "table row with a leaked `|`: {line}"),
            }
            rows += 1;
        } else {
            header = None;
        }
    }
    assert!(rows > 10);

    // Every SVG (files and inlined) parses as XML and keeps the text escaped.
    let mut svgs = 0;
    for (path, bytes) in &files {
        if path.extension().is_some_and(|e| e == "svg") {
            let s = std::str::from_utf8(bytes).unwrap();
            let doc =
                roxmltree::Document::parse(s).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
            svgs += 1;
        }
    }
    assert!(svgs >= 10);
    let mut rest = html.as_str();
    let mut inline = 0;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").unwrap() + i + 6;
        roxmltree::Document::parse(&rest[i..end]).expect("inline SVG parses");
        rest = &rest[end..];
        inline += 1;
    }
    assert_eq!(inline, svgs);
}

#[test]
fn the_tag_scanner_sees_real_tags() {
    // The scanner must find what the test forbids, or the test cannot fail.
    let t = tags("<p a=\"x>y\">t</p><img src=x onerror=alert(1)>&lt;script&gt;");
    let names: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["p", "p", "img"]);
}
