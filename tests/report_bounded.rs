//! The report is bounded: what the page shows does not grow with the number of
//! articles, while `data/` keeps every row.

use std::path::Path;

use assert_cmd::Command;

/// `n` short articles over 5 sources and a fixed vocabulary of 300 words
/// (deterministic: a linear congruential sequence picks the words).
fn corpus(path: &Path, n: usize) {
    let vocab: Vec<String> = (0..300)
        .map(|i| format!("w{}x{}", i % 37, i / 37))
        .collect();
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut text = String::new();
    for i in 0..n {
        let words: Vec<&str> = (0..12)
            .map(|_| vocab[next() % vocab.len()].as_str())
            .collect();
        text.push_str(&format!(
            "{{\"source\":\"s{}\",\"id\":\"a{i}\",\"title\":\"Article {i}\",\"text\":\"{}. The rioters met the police.\"}}\n",
            i % 5,
            words.join(" ")
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// `framelens report --corpus corpus --out out`, which must succeed.
fn run_report(corpus: &Path, out: &Path) {
    let run = Command::cargo_bin("framelens")
        .unwrap()
        .args(["report", "--corpus"])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn report(dir: &Path, n: usize) -> (u64, usize, usize) {
    let c = dir.join(format!("c{n}.jsonl"));
    corpus(&c, n);
    let out = dir.join(format!("r{n}"));
    run_report(&c, &out);
    let json_size = std::fs::metadata(out.join("analysis.json")).unwrap().len();
    let articles = std::fs::read_to_string(out.join("data/articles.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    let scores = std::fs::read_to_string(out.join("data/lexicon_scores.csv"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("article,"))
        .count();
    (json_size, articles, scores)
}

#[test]
fn analysis_json_does_not_grow_with_articles_and_data_keeps_every_row() {
    let tmp = tempfile::tempdir().unwrap();
    let (small, small_articles, _) = report(tmp.path(), 2_000);
    let (large, large_articles, large_scores) = report(tmp.path(), 20_000);
    assert_eq!(small_articles, 2_000);
    assert_eq!(
        large_articles, 20_000,
        "data/articles.csv has every article"
    );
    // Every article × category of the lexicon (9 categories).
    assert_eq!(
        large_scores,
        20_000 * 9,
        "data/lexicon_scores.csv has every article"
    );
    let ratio = large as f64 / small as f64;
    assert!(
        (0.95..=1.05).contains(&ratio),
        "analysis.json: {small} bytes for 2,000 articles, {large} for 20,000 ({ratio:.3}×)"
    );
}

/// A report of `sources` sources of one short article each (the words differ
/// by source), in `dir`; returns the report folder.
fn report_of_sources(dir: &Path, sources: usize) -> std::path::PathBuf {
    let c = dir.join(format!("s{sources}.jsonl"));
    let mut text = String::new();
    for s in 0..sources {
        text.push_str(&format!(
            "{{\"source\":\"src{s:03}\",\"text\":\"The rioters met the police w{}x and w{}x.\"}}\n",
            s % 7,
            s % 11
        ));
    }
    std::fs::write(&c, text).unwrap();
    let out = dir.join(format!("r{sources}"));
    run_report(&c, &out);
    out
}

#[test]
fn past_forty_sources_the_page_lists_nearest_sources_instead_of_the_matrices() {
    let dir = tempfile::tempdir().unwrap();
    for (n, full) in [(40, true), (41, false)] {
        let out = report_of_sources(dir.path(), n);
        assert_eq!(
            out.join("charts/similarity.svg").exists(),
            full,
            "{n} sources"
        );
        assert_eq!(
            out.join("charts/divergence.svg").exists(),
            full,
            "{n} sources"
        );
        let page = std::fs::read_to_string(out.join("index.html")).unwrap();
        let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
        assert_eq!(page.contains("<h3>Nearest sources</h3>"), !full);
        assert_eq!(readme.contains("### Nearest sources"), !full);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("analysis.json")).unwrap())
                .unwrap();
        // One language: one matrix, with no language.
        assert_eq!(json["similarity"].as_array().unwrap().len(), 1);
        let sim = &json["similarity"][0];
        assert_eq!(sim["language"], serde_json::Value::Null);
        assert_eq!(sim["sources"].as_array().unwrap().len(), n);
        assert_eq!(sim["cosine_tfidf"].is_array(), full);
        assert_eq!(sim["nearest"].is_array(), !full);
        if !full {
            let nearest = sim["nearest"].as_array().unwrap();
            assert_eq!(nearest.len(), n);
            assert!(nearest
                .iter()
                .all(|x| x["neighbours"].as_array().unwrap().len() == 5));
            // A source's nearest is another source, never itself.
            let first = &nearest[0]["neighbours"][0];
            assert_ne!(first["source"], "src000");
            assert!(first["cosine_tfidf"].as_f64().unwrap() <= 1.0);
            assert!(page.contains("With 41 sources a similarity matrix has 1,681 cells"));
        }
        // Every pair stays in data/.
        let pairs = std::fs::read_to_string(out.join("data/similarity.csv"))
            .unwrap()
            .lines()
            .count()
            - 1;
        assert_eq!(pairs, n * n);
    }
}

#[test]
fn the_page_counts_every_warning_and_every_significant_term() {
    let dir = tempfile::tempdir().unwrap();
    // 260 empty articles (a warning each) and four short ones.
    let c = dir.path().join("w.jsonl");
    let mut text = String::new();
    for i in 0..260 {
        text.push_str(&format!("{{\"source\":\"s{}\",\"text\":\"\"}}\n", i % 2));
    }
    for i in 0..4 {
        text.push_str(&format!(
            "{{\"source\":\"s{}\",\"text\":\"The rioters met the police in Lima.\"}}\n",
            i % 2
        ));
    }
    std::fs::write(&c, text).unwrap();
    let out = dir.path().join("w");
    run_report(&c, &out);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        page.contains("<strong>Corpus:</strong> 260 (the first 200 are listed here; all are in data/warnings.csv)"),
        "{page}"
    );
    // The skipped articles are counted once, in the summary, not as a
    // warning of their own (each is a warning already).
    assert!(page.contains("(260 empty articles were skipped; see Warnings)"));
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.contains("- Corpus: 260 (the first 200 are listed here"));
    assert!(!readme.contains("empty article(s) skipped"));

    // The counts of significant terms describe every tested term, not the
    // --top rows the page lists: each of 5 sources has 10 words of its own in
    // 40 articles (10 over-used and 40 under-used terms per source).
    let c = dir.path().join("k.jsonl");
    let mut text = String::new();
    for a in 0..200 {
        let s = a % 5;
        let own: Vec<String> = (0..10).map(|w| format!("own{s}x{w}")).collect();
        text.push_str(&format!(
            "{{\"source\":\"s{s}\",\"text\":\"{} and the police.\"}}\n",
            own.join(" ")
        ));
    }
    std::fs::write(&c, text).unwrap();
    let out = dir.path().join("k");
    let run = Command::cargo_bin("framelens")
        .unwrap()
        .args(["report", "--top", "2", "--corpus"])
        .arg(&c)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let csv = std::fs::read_to_string(out.join("data/keyness.csv")).unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (t, dir_, p) = (col("target"), col("direction"), col("p_adj"));
    let significant = |direction: &str| {
        csv.lines()
            .skip(1)
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|r| r[t] == "s0" && r[dir_] == direction && r[p].parse::<f64>().unwrap() < 0.05)
            .count()
    };
    let (over, under) = (significant("over"), significant("under"));
    assert_eq!((over, under), (10, 40));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap();
    let s0 = json["keyness"]["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["target"] == "s0")
        .unwrap();
    assert_eq!(s0["over_significant"], over);
    assert_eq!(s0["under_significant"], under);
    assert!(s0["over"].as_array().unwrap().len() <= 2);
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!(
            "{over} over-used and {under} under-used at Benjamini–Hochberg"
        )),
        "{over} {under}\n{readme}"
    );
}

/// Past `--show-sources` (12 by default) the page shows the largest sources
/// one by one (findings, per-source charts) and lists every source in the
/// sources table; `analysis.json` and `data/` keep every source.
#[test]
fn past_show_sources_the_page_shows_the_largest_sources() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("sizes.jsonl");
    let mut text = String::new();
    // Source k has k + 1 articles: src019 is the largest, src000 the smallest.
    for s in 0..20 {
        for a in 0..=s {
            text.push_str(&format!(
                "{{\"source\":\"src{s:03}\",\"id\":\"a{s}-{a}\",\"text\":\"The rioters met the police w{}x and w{}x.\"}}\n",
                (s + a) % 7,
                (s * a) % 11
            ));
        }
    }
    std::fs::write(&c, text).unwrap();
    let count_charts = |out: &Path, prefix: &str| {
        std::fs::read_dir(out.join("charts"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(prefix)
            })
            .count()
    };
    let out = dir.path().join("default");
    run_report(&c, &out);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        page.matches("<section class=\"source\" id=\"source-")
            .count(),
        12
    );
    assert_eq!(count_charts(&out, "fightin-"), 12);
    assert!(page.contains("With 20 sources, the findings, the per-source tables and the per-source charts show the 12 largest by words"));
    // The 12 largest are src008 … src019; every source is in the table.
    assert!(page.contains("id=\"source-1\">\n<h3>src008</h3>"));
    for s in 0..20 {
        assert!(page.contains(&format!("<td>src{s:03}</td>")), "src{s:03}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap();
    assert_eq!(json["keyness"]["comparisons"].as_array().unwrap().len(), 20);
    let shown: Vec<&str> = json["shown_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let largest: Vec<String> = (8..20).map(|s| format!("src{s:03}")).collect();
    assert_eq!(shown, largest);

    let all = dir.path().join("all");
    let run = Command::cargo_bin("framelens")
        .unwrap()
        .args(["report", "--show-sources", "20", "--corpus"])
        .arg(&c)
        .arg("--out")
        .arg(&all)
        .output()
        .unwrap();
    assert!(run.status.success());
    let page = std::fs::read_to_string(all.join("index.html")).unwrap();
    assert_eq!(
        page.matches("<section class=\"source\" id=\"source-")
            .count(),
        20
    );
    assert_eq!(count_charts(&all, "fightin-"), 20);
    assert!(!page.contains("--show-sources changes how many"));
}

/// Generated corpora of 2, 20 and 200 sources (the last in 2 groups): the
/// page stays under 5 MB and the report outside `data/` under 25 MB, and
/// every chart is well-formed SVG with a title.
#[test]
fn two_twenty_and_two_hundred_sources_stay_within_the_page_bounds() {
    let dir = tempfile::tempdir().unwrap();
    for (sources, groups) in [(2, 0), (20, 0), (200, 2)] {
        let c = dir.path().join(format!("g{sources}.jsonl"));
        let gen = Command::cargo_bin("framelens")
            .unwrap()
            .args([
                "generate", "--size", "1", "--seed", "3", "--format", "jsonl",
            ])
            .args([
                "--sources",
                &sources.to_string(),
                "--groups",
                &groups.to_string(),
            ])
            .arg("--out")
            .arg(&c)
            .output()
            .unwrap();
        assert!(
            gen.status.success(),
            "{}",
            String::from_utf8_lossy(&gen.stderr)
        );
        let out = dir.path().join(format!("r{sources}"));
        run_report(&c, &out);
        let size = |p: &Path| std::fs::metadata(p).unwrap().len();
        let page = size(&out.join("index.html"));
        assert!(
            page <= 5_000_000,
            "{sources} sources: index.html {page} bytes"
        );
        let mut outside = page
            + size(&out.join("README.md"))
            + size(&out.join("analysis.json"))
            + size(&out.join("manifest.json"));
        for e in std::fs::read_dir(out.join("charts")).unwrap() {
            let path = e.unwrap().path();
            outside += size(&path);
            let svg = std::fs::read_to_string(&path).unwrap();
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                doc.descendants().any(|n| n.has_tag_name("title")),
                "{}",
                path.display()
            );
        }
        assert!(
            outside <= 25_000_000,
            "{sources} sources: {outside} bytes outside data/"
        );
        let html = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(
            html.contains("<h2>Findings by group</h2>"),
            groups > 0,
            "{sources}"
        );
        if groups > 0 {
            // Group rates are well under 1 per 1,000 words: two decimals, so
            // that a rate of 0.03 is not printed as 0.0.
            let svg = std::fs::read_to_string(out.join("charts/lexicon_groups.svg")).unwrap();
            assert!(
                svg.lines()
                    .any(|l| l.len() == 4 && l.starts_with("0.") && l != "0.00"),
                "two decimals"
            );
        }
    }
}
