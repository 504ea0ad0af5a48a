//! `framelens report` on a corpus in three languages (tests/fixtures/mixed:
//! two English, two Spanish and two Portuguese sources): the page shows each
//! source's language; term keyness, TF-IDF and similarity are computed
//! within each language — each language's numbers equal those of a report
//! on a corpus of that language's sources alone — and shown under a heading
//! per language; the lexicon is one table across all sources, and the
//! aligned lexicon finds the same categories in articles that say the same
//! thing in three languages.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const MIXED: &str = "tests/fixtures/mixed";
const LEXICON: &str = "corpus/lexicon.toml";

fn report(corpus: &Path, out: &Path) -> Value {
    Command::cargo_bin("framelens")
        .unwrap()
        .args(["report", "--quiet", "--threads", "1", "--lexicon", LEXICON])
        .arg("--corpus")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    serde_json::from_str(&fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap()
}

/// A copy of the fixture holding only the sources of `language` (their
/// folders, and the manifest's sections for them).
fn only(language: &str, dir: &Path) -> PathBuf {
    let root = dir.join(language);
    fs::create_dir_all(&root).unwrap();
    let manifest = fs::read_to_string(Path::new(MIXED).join("corpus.toml")).unwrap();
    let mut kept = String::new();
    for section in manifest.split("\n[sources.").skip(1) {
        if section.contains(&format!("language = \"{language}\"")) {
            let id = section.split(']').next().unwrap();
            let to = root.join(id);
            fs::create_dir_all(&to).unwrap();
            for f in fs::read_dir(Path::new(MIXED).join(id)).unwrap() {
                let f = f.unwrap().path();
                fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
            }
            kept.push_str(&format!("\n[sources.{section}"));
        }
    }
    fs::write(root.join("corpus.toml"), kept).unwrap();
    root
}

/// The numbers of a keyness row that do not depend on which sources are
/// beside the compared ones.
fn key_numbers(row: &Value) -> Value {
    let keep = [
        "term",
        "direction",
        "target_count",
        "reference_count",
        "target_words",
        "reference_words",
        "g2",
        "p_adj",
        "log_ratio",
        "z",
    ];
    keep.iter()
        .map(|k| (k.to_string(), row[k].clone()))
        .collect()
}

fn comparisons<'a>(a: &'a Value, sources: &[&str]) -> Vec<&'a Value> {
    a["keyness"]["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| sources.contains(&c["target"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_mixed_corpus_compares_terms_within_each_language_and_the_lexicon_across_all() {
    let tmp = tempfile::tempdir().unwrap();
    let a = report(Path::new(MIXED), &tmp.path().join("all"));

    // The sources by language, grouped on the page as in the statistics.
    let languages = a["corpus"]["languages"].as_array().unwrap();
    let groups: Vec<(&str, Vec<&str>)> = languages
        .iter()
        .map(|g| {
            (
                g["label"].as_str().unwrap(),
                g["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("English (en)", vec!["andean-review", "lima-wire"]),
            ("Spanish (es)", vec!["diario-del-sur", "voz-popular"]),
            ("Portuguese (pt)", vec!["folha-andina", "gazeta-do-povo"]),
        ]
    );
    let listed: Vec<(&str, &str)> = a["corpus"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap(),
                s["language"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("andean-review", "en"),
            ("lima-wire", "en"),
            ("diario-del-sur", "es"),
            ("voz-popular", "es"),
            ("folha-andina", "pt"),
            ("gazeta-do-povo", "pt"),
        ]
    );

    for (code, (_, sources)) in ["en", "es", "pt"].iter().zip(&groups) {
        let alone = report(
            &only(code, tmp.path()),
            &tmp.path().join(format!("{code}-report")),
        );
        // Keyness: each source against the other source of its language,
        // named so, with the numbers of a corpus of that language alone.
        let mixed = comparisons(&a, sources);
        let single = comparisons(&alone, sources);
        assert_eq!(mixed.len(), 2, "{code}");
        assert_eq!(single.len(), 2, "{code}");
        for (m, s) in mixed.iter().zip(&single) {
            assert_eq!(m["target"], s["target"]);
            assert_eq!(m["reference"], format!("(rest of {code})"));
            assert_eq!(s["reference"], "(rest of corpus)");
            assert_eq!(m["reference_words"], s["reference_words"]);
            assert_eq!(m["tested"], s["tested"]);
            for side in ["over", "under"] {
                let rows = |c: &Value| -> Vec<Value> {
                    c[side]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(key_numbers)
                        .collect()
                };
                assert_eq!(rows(m), rows(s), "{code} {side} {}", m["target"]);
            }
        }
        // TF-IDF: idf over the language's sources alone.
        let tfidf = |r: &Value| -> Vec<Value> {
            r["tfidf"]["rows"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|row| sources.contains(&row["source"].as_str().unwrap()))
                .cloned()
                .collect()
        };
        assert!(!tfidf(&alone).is_empty());
        assert_eq!(tfidf(&a), tfidf(&alone), "{code}");
        // Similarity: one matrix per language, that of the language alone.
        let sim = a["similarity"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["language"] == *code)
            .unwrap();
        let solo = &alone["similarity"][0];
        assert_eq!(solo["language"], Value::Null);
        for k in ["sources", "cosine_tfidf", "jsd"] {
            assert_eq!(sim[k], solo[k], "{code} {k}");
        }
    }
    assert_eq!(a["similarity"].as_array().unwrap().len(), 3);

    // One lexicon table across all six sources; the sources that say the
    // same thing in three languages hit the same categories.
    let hit = |unit: &str| -> Vec<String> {
        let u = a["lexicon"]["by_source"]["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == unit)
            .unwrap();
        u["categories"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["hits"].as_u64().unwrap() > 0)
            .map(|c| c["category"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        a["lexicon"]["by_source"]["units"].as_array().unwrap().len(),
        6
    );
    let order = hit("lima-wire");
    assert_eq!(
        order,
        [
            "delegitimize_protesters",
            "state_violence",
            "protester_violence",
            "coup_procedural"
        ]
    );
    assert_eq!(hit("diario-del-sur"), order);
    assert_eq!(hit("folha-andina"), order);
    let critics = hit("andean-review");
    assert_eq!(
        critics,
        [
            "delegitimize_protesters",
            "state_violence",
            "coup_procedural"
        ]
    );
    assert_eq!(hit("voz-popular"), critics);
    assert_eq!(hit("gazeta-do-povo"), critics);

    // The page: a heading per language over its keyness tables, the
    // language of every source, the sentence saying what is within a
    // language, a similarity chart per language.
    let out = tmp.path().join("all");
    let page = fs::read_to_string(out.join("index.html")).unwrap();
    for label in ["English (en)", "Spanish (es)", "Portuguese (pt)"] {
        assert!(
            page.contains(&format!("<h4>Within {label}</h4>")),
            "{label}"
        );
    }
    assert!(page.contains(
        "Diario del Sur <span class=\"muted\">(169 words) vs the rest of Spanish (es) (144 words)"
    ));
    assert!(page.contains("Term keyness, TF-IDF and similarity compare sources within a language"));
    for code in ["en", "es", "pt"] {
        assert!(page.contains(&format!("<td>{code}</td>")), "{code}");
        for chart in ["similarity", "divergence"] {
            assert!(out.join(format!("charts/{chart}_{code}.svg")).exists());
        }
    }
    assert!(!out.join("charts/similarity.svg").exists());
    // Two sources a language: TF-IDF has two idf levels, so the charts lead
    // with keyness and the TF-IDF caption says why.
    let at = |chart: &str| page.find(&format!("charts/{chart}.svg")).unwrap();
    assert!(at("keyness") < at("tfidf"));
    assert!(
        page.contains("With 2 sources weighed together, a term&#39;s idf takes at most 2 values")
    );
    // Sources of fewer than 1,000 words: rows ranked by z, and said so.
    assert_eq!(a["keyness"]["small_source_words"], 1000);
    assert_eq!(a["keyness"]["ranked_by_z"].as_array().unwrap().len(), 6);
    for c in a["keyness"]["comparisons"].as_array().unwrap() {
        let z = |side: &str| -> Vec<f64> {
            c[side]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["z"].as_f64().unwrap())
                .collect()
        };
        assert!(
            z("over").windows(2).all(|w| w[0] >= w[1]),
            "{}",
            c["target"]
        );
        assert!(
            z("under").windows(2).all(|w| w[0] <= w[1]),
            "{}",
            c["target"]
        );
    }
    assert!(page.contains(
        "Every source here has fewer than 1,000 words: the bars are ranked by log-odds z"
    ));
    let readme = fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.contains(
        "#### Within Portuguese (pt)\n\n**Folha Andina (a small source: ranked by z)** vs the rest of Portuguese (pt)"
    ));
    assert!(readme.contains("| Diario del Sur | es |"));
}
