//! Every key term the report's findings name links to its first concordance
//! lines in that source or group (#20 item 6): read from the corpus text,
//! matched as the counts count the term, the first by article id (natural
//! order) and position, bounded per term, the page script-free (plain
//! in-page anchors).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use framelens::analyze::{Analyzer, AnalyzerConfig};
use serde_json::Value;

const LEXICON: &str = "corpus/lexicon.toml";

fn report(corpus: &str, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "report",
        "--quiet",
        "--corpus",
        corpus,
        "--lexicon",
        LEXICON,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    Command::cargo_bin("framelens")
        .unwrap()
        .args(&args)
        .assert()
        .success();
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// The terms of `text` as the statistics count them (`--ngrams` of `config`).
fn terms(an: &Analyzer, text: &str) -> Vec<String> {
    an.terms(&an.analyze(text))
}

/// Checks every key term's lines against the page and the counts: as many
/// lines as occurrences up to 5, each one's match counted as that very term,
/// from the unit's own sources, in (article id, position) order; each
/// anchor is a target on the page and linked from the findings, and every
/// link of a term goes to an anchor that exists.
fn check_lines(dir: &Path, config: &AnalyzerConfig) -> usize {
    let a = json(&dir.join("analysis.json"));
    let page = fs::read_to_string(dir.join("index.html")).unwrap();
    let an = Analyzer::new("en", config).unwrap();
    let k = &a["key_lines"];
    assert_eq!(k["per_term"], 5);
    let group_sources = |g: &str| -> Vec<String> {
        a["groups"]["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["group"] == g)
            .map(|u| {
                u["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap()
    };
    let terms_ = k["terms"].as_array().unwrap();
    let mut anchors = BTreeSet::new();
    for t in terms_ {
        let (unit, term) = (t["unit"].as_str().unwrap(), t["term"].as_str().unwrap());
        let count = t["count"].as_u64().unwrap();
        let lines = t["lines"].as_array().unwrap();
        assert_eq!(lines.len() as u64, count.min(5), "{unit} {term}");
        let sources = if t["unit_type"] == "group" {
            group_sources(unit)
        } else {
            vec![unit.to_string()]
        };
        // In (article id, position) order within each source (a group's
        // lines take its sources in turn).
        let mut last: std::collections::BTreeMap<String, (String, u64)> = Default::default();
        for l in lines {
            let m = l["match"].as_str().unwrap();
            assert_eq!(
                terms(&an, m).last().map(String::as_str),
                Some(term),
                "{m:?}"
            );
            assert!(sources.iter().any(|s| s == l["source"].as_str().unwrap()));
            let key = (
                l["article"].as_str().unwrap().to_string(),
                l["start"].as_u64().unwrap(),
            );
            let source = l["source"].as_str().unwrap().to_string();
            if let Some(prev) = last.get(&source) {
                let natural = framelens::partial::natural_cmp(&prev.0, &key.0);
                assert!(
                    natural.then(prev.1.cmp(&key.1)).is_lt(),
                    "{prev:?} then {key:?}"
                );
            }
            last.insert(source, key);
        }
        let anchor = t["anchor"].as_str().unwrap();
        assert!(anchors.insert(anchor.to_string()), "{anchor} twice");
        assert!(page.contains(&format!("<h4 id=\"{anchor}\">")), "{anchor}");
        assert!(
            page.contains(&format!("<a class=\"key\" href=\"#{anchor}\">")),
            "{anchor} is not linked from the findings"
        );
    }
    for link in page.split("<a class=\"key\" href=\"#").skip(1) {
        let target = &link[..link.find('"').unwrap()];
        assert!(
            anchors.contains(target),
            "a link to #{target}, which is not on the page"
        );
    }
    terms_.len()
}

#[test]
fn the_sample_reports_key_terms_link_to_their_sentences() {
    let tmp = tempfile::tempdir().unwrap();
    report("corpus", tmp.path(), &[]);
    let n = check_lines(tmp.path(), &AnalyzerConfig::default());
    // 5 sources, up to 8 over-used and 8 under-used terms each that they use.
    assert!((25..=80).contains(&n), "{n}");
    // A line reads as the text: "poor" in Fight Racism!'s article, named.
    let csv = fs::read_to_string(tmp.path().join("data/key_lines.csv")).unwrap();
    assert!(csv.starts_with("unit_type,unit,term,display,count,line,source,article,sentence,start,end,voice,target,left,match,right\n"));
    assert!(csv.contains(",fight-racism-fight-imperialism/peruvian-masses-defy-coup.txt,"));
    let page = fs::read_to_string(tmp.path().join("index.html")).unwrap();
    assert!(page.contains("<span class=\"muted\">Peruvian masses defy coup</span>"));
    assert!(page.contains("<a class=\"back\" href=\"#source-1\">back to its findings</a>"));
    // The byte span points at the matched word in the article file.
    let row = csv.lines().nth(1).unwrap();
    let cols: Vec<&str> = row.split(',').collect();
    let text = fs::read_to_string(Path::new("corpus").join(cols[7])).unwrap();
    let (start, end): (usize, usize) = (cols[9].parse().unwrap(), cols[10].parse().unwrap());
    assert_eq!(&text[start..end], cols[14]);
}

#[test]
fn bigrams_are_matched_as_they_are_counted() {
    let tmp = tempfile::tempdir().unwrap();
    report("corpus", tmp.path(), &["--ngrams", "2..2"]);
    let config = AnalyzerConfig {
        ngram_min: 2,
        ngram_max: 2,
        ..AnalyzerConfig::default()
    };
    assert!(check_lines(tmp.path(), &config) > 10);
    let a = json(&tmp.path().join("analysis.json"));
    let first = &a["key_lines"]["terms"][0];
    assert!(first["term"].as_str().unwrap().contains(' '), "{first}");
}

#[test]
fn the_first_lines_are_by_article_id_whatever_the_file_order() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c.jsonl");
    // Source "a" says "tyranny" in every article; the file lists a10 first.
    let mut s = String::new();
    for i in [10, 3, 9, 1, 12, 2, 11] {
        s += &format!(
            "{{\"id\": \"a{i}\", \"source\": \"a\", \"text\": \"Article {i}. The tyranny of the regime is plain. Tyranny again.\"}}\n"
        );
    }
    for i in 1..=4 {
        s += &format!(
            "{{\"id\": \"b{i}\", \"source\": \"b\", \"text\": \"Article {i}. The council met on the budget and the roads.\"}}\n"
        );
    }
    fs::write(&corpus, s).unwrap();
    let out = tmp.path().join("r");
    report(corpus.to_str().unwrap(), &out, &["--threads", "2"]);
    check_lines(&out, &AnalyzerConfig::default());
    let a = json(&out.join("analysis.json"));
    let t = a["key_lines"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["unit"] == "a" && t["term"] == "tyranni")
        .unwrap()
        .clone();
    assert_eq!(t["count"], 14);
    let got: Vec<(&str, &str)> = t["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["article"].as_str().unwrap(), l["match"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("a1", "tyranny"),
            ("a1", "Tyranny"),
            ("a2", "tyranny"),
            ("a2", "Tyranny"),
            ("a3", "tyranny")
        ]
    );
}

#[test]
fn groups_key_terms_link_to_lines_of_their_members() {
    let tmp = tempfile::tempdir().unwrap();
    report("tests/fixtures/groups/speeches.jsonl", tmp.path(), &[]);
    check_lines(tmp.path(), &AnalyzerConfig::default());
    let a = json(&tmp.path().join("analysis.json"));
    let groups: Vec<&Value> = a["key_lines"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["unit_type"] == "group")
        .collect();
    assert!(!groups.is_empty());
    assert!(groups
        .iter()
        .all(|t| t["anchor"].as_str().unwrap().starts_with("lines-g")));
    // A group's lines take its sources in turn: left's "workers" is used by
    // ann (in her first articles), bob and cal.
    let workers = groups
        .iter()
        .find(|t| t["unit"] == "left" && t["term"] == "worker")
        .unwrap();
    let sources: Vec<&str> = workers["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources[..3], ["ann", "bob", "cal"], "{workers}");
    let page = fs::read_to_string(tmp.path().join("index.html")).unwrap();
    // The group findings come first on the page, and link to the group lines.
    let g = page.find("<a class=\"key\" href=\"#lines-g1-1\">").unwrap();
    assert!(g < page.find("<section id=\"findings\">").unwrap());
}

#[test]
fn a_corpus_on_standard_input_says_why_it_has_no_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read("tests/fixtures/groups/speeches.jsonl").unwrap();
    Command::cargo_bin("framelens")
        .unwrap()
        .args([
            "report",
            "--quiet",
            "--corpus",
            "-",
            "--lexicon",
            LEXICON,
            "--out",
            tmp.path().to_str().unwrap(),
        ])
        .write_stdin(text)
        .assert()
        .success();
    let page = fs::read_to_string(tmp.path().join("index.html")).unwrap();
    assert!(page.contains("read from standard input, which cannot be read a second time"));
    assert!(!page.contains("class=\"key\""));
}

/// The pass skips the articles that cannot be among the first lines (after
/// the last of every term's lines, in article id order), and what it finds
/// is the same with or without skipping, in id order or not, for any thread
/// count: batches of about one article make skipping possible after each.
#[test]
fn articles_after_every_terms_last_line_are_not_analyzed_and_change_nothing() {
    use framelens::analysis::concordance::{term_lines, LinesRequest};
    use framelens::corpus::ReadOptions;
    use framelens::pipeline::Config;
    let tmp = tempfile::tempdir().unwrap();
    let article = |i: usize| {
        let extra = if i.is_multiple_of(7) {
            " A massacre."
        } else {
            ""
        };
        format!(
            "{{\"id\": \"a{i}\", \"source\": \"a\", \"text\": \"Day {i}. The tyranny of the regime.{extra}\"}}\n"
        )
    };
    let in_order: String = (1..=60).map(article).collect();
    let shuffled: String = (1..=60).map(|i| article((i * 37) % 60 + 1)).collect();
    let lex = framelens::lexicon::Lexicon::none("en");
    let requests = [LinesRequest {
        unit: "a".into(),
        sources: vec!["a".into()],
        terms: vec!["tyranni".into(), "massacr".into(), "absent".into()],
    }];
    let run = |text: &str, batch: Option<usize>, threads: usize| {
        let path = tmp.path().join(format!("c{batch:?}{threads}.jsonl"));
        fs::write(&path, text).unwrap();
        let config = Config {
            corpus: path,
            read: ReadOptions {
                batch_bytes: batch,
                ..ReadOptions::default()
            },
            analyzer: AnalyzerConfig::default(),
            threads: Some(threads),
        };
        term_lines(&config, &lex, &requests, 5, 3, None).unwrap().0
    };
    let whole = run(&in_order, None, 1);
    let ids = |t: usize| -> Vec<String> {
        whole.lines[0][t]
            .iter()
            .map(|l| l.article.clone())
            .collect()
    };
    assert_eq!(ids(0), ["a1", "a2", "a3", "a4", "a5"]);
    assert_eq!(ids(1), ["a7", "a14", "a21", "a28", "a35"]);
    assert!(ids(2).is_empty());
    // One batch: every article of the source analyzed.
    assert_eq!(whole.analyzed, 60);
    for threads in [1, 2] {
        let small = run(&in_order, Some(64), threads);
        assert_eq!(small.lines, whole.lines, "{threads} threads");
        // "absent" never gets its lines, so any article might hold one:
        // none is skipped.
        assert_eq!(small.analyzed, 60, "{threads} threads");
        let mixed = run(&shuffled, Some(64), threads);
        assert_eq!(mixed.lines, whole.lines, "shuffled, {threads} threads");
    }
    // Without the term that never fills: articles after a35 are skipped.
    let requests2 = [LinesRequest {
        terms: vec!["tyranni".into(), "massacr".into()],
        ..requests[0].clone()
    }];
    let path = tmp.path().join("c2.jsonl");
    fs::write(&path, &in_order).unwrap();
    let config = Config {
        corpus: path,
        read: ReadOptions {
            batch_bytes: Some(64),
            ..ReadOptions::default()
        },
        analyzer: AnalyzerConfig::default(),
        threads: Some(1),
    };
    let (skipping, _) = term_lines(&config, &lex, &requests2, 5, 3, None).unwrap();
    // No line wanted: nothing analyzed.
    let (none, _) = term_lines(&config, &lex, &requests2, 0, 3, None).unwrap();
    assert_eq!(none.analyzed, 0);
    assert!(none.lines[0].iter().all(Vec::is_empty));
    assert_eq!(skipping.lines[0][..], whole.lines[0][..2]);
    assert!(skipping.analyzed < 40, "{}", skipping.analyzed);
}
