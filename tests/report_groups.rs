//! `framelens report` on a corpus whose sources belong to groups
//! (tests/fixtures/groups/speeches.jsonl: speakers in the parties left,
//! right and centre, and one speaker with no party): the page leads with the
//! group comparison — its findings and charts come before the sources' — and
//! its numbers are those of `keyness --by group` and `lexicon --by group`;
//! a report of a corpus without groups has no group section.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SPEECHES: &str = "tests/fixtures/groups/speeches.jsonl";
const LEXICON: &str = "corpus/lexicon.toml";

fn framelens(args: &[&str]) -> Vec<u8> {
    Command::cargo_bin("framelens")
        .unwrap()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn a_grouped_corpus_leads_with_the_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let out_s = out.to_str().unwrap();
    framelens(&[
        "report",
        "--quiet",
        "--threads",
        "1",
        "--corpus",
        SPEECHES,
        "--lexicon",
        LEXICON,
        "--min-count",
        "3",
        "--top",
        "15",
        "--out",
        out_s,
    ]);
    let a: Value = json(&fs::read(out.join("analysis.json")).unwrap());
    let g = &a["groups"];
    let units: Vec<(&str, bool, Vec<&str>)> = g["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["group"].as_str().unwrap(),
                u["ungrouped"].as_bool().unwrap(),
                u["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        units,
        [
            ("centre", false, vec!["gus"]),
            ("fay", true, vec!["fay"]),
            ("left", false, vec!["ann", "bob", "cal"]),
            ("right", false, vec!["dee", "eli"]),
        ]
    );
    // A group's words are its sources' summed.
    let words = |id: &str| -> u64 {
        a["corpus"]["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["source"] == id)
            .unwrap()["words"]
            .as_u64()
            .unwrap()
    };
    let left = &g["units"][2];
    assert_eq!(
        left["words"].as_u64().unwrap(),
        words("ann") + words("bob") + words("cal")
    );

    // Keyness by group: the numbers of `keyness --by group`.
    let cli = json(&framelens(&[
        "keyness",
        "--by",
        "group",
        "--corpus",
        SPEECHES,
        "--min-count",
        "3",
        "--top",
        "15",
        "--format",
        "json",
    ]));
    let keep = [
        "target",
        "reference",
        "term",
        "direction",
        "target_count",
        "reference_count",
        "g2",
        "p_adj",
        "z",
    ];
    let rows = |c: &Value| -> Vec<Value> {
        ["over", "under"]
            .iter()
            .flat_map(|side| c[side].as_array().unwrap().clone())
            .map(|r| keep.iter().map(|k| (k.to_string(), r[k].clone())).collect())
            .collect()
    };
    let report_cmps = g["comparisons"].as_array().unwrap();
    let cli_cmps = cli["comparisons"].as_array().unwrap();
    assert_eq!(report_cmps.len(), 4);
    assert_eq!(report_cmps.len(), cli_cmps.len());
    for (r, c) in report_cmps.iter().zip(cli_cmps) {
        assert_eq!(r["target"], c["target"]);
        assert_eq!(r["tested"], c["tested"]);
        assert_eq!(rows(r), rows(c), "{}", r["target"]);
    }
    // Every tested term of every group comparison is in data/.
    let csv = fs::read_to_string(out.join("data/keyness_groups.csv")).unwrap();
    let tested: u64 = report_cmps
        .iter()
        .map(|c| c["tested"].as_u64().unwrap())
        .sum();
    assert_eq!(csv.lines().count() as u64, tested + 1);

    // Lexicon by group: the rates of `lexicon --by group`.
    let lex = json(&framelens(&[
        "lexicon",
        "--by",
        "group",
        "--corpus",
        SPEECHES,
        "--lexicon",
        LEXICON,
        "--format",
        "json",
    ]));
    let rates = |units: &Value| -> Vec<(String, String, u64, String)> {
        units
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|u| {
                u["categories"].as_array().unwrap().iter().map(move |c| {
                    (
                        u["unit"].as_str().unwrap().to_string(),
                        c["category"].as_str().unwrap().to_string(),
                        c["hits"].as_u64().unwrap(),
                        c["per_1000"].to_string(),
                    )
                })
            })
            .collect()
    };
    let from_cli = rates(&lex["scores"]["units"]);
    assert!(!from_cli.is_empty());
    assert_eq!(rates(&g["lexicon"]["units"]), from_cli);

    // The page leads with the groups: their findings before the sources',
    // their charts first.
    let page = fs::read_to_string(out.join("index.html")).unwrap();
    let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("<h2>Findings by group</h2>") < at("<h2>Findings by source</h2>"));
    assert!(at("charts/keyness_groups.svg") < at("charts/tfidf.svg"));
    assert!(at("charts/lexicon_groups.svg") < at("charts/keyness.svg"));
    assert!(page.contains("The sources belong to 3 groups: centre (1 source), left (3 sources), right (2 sources); without a group, standing alone: fay."));
    assert!(out.join("data/lexicon_groups.csv").exists());
    let readme = fs::read_to_string(out.join("README.md")).unwrap();
    assert!(
        readme.find("## Findings by group").unwrap()
            < readme.find("## Findings by source").unwrap()
    );
}

#[test]
fn a_corpus_without_groups_has_no_group_section() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    framelens(&[
        "report",
        "--quiet",
        "--corpus",
        "tests/fixtures/mixed",
        "--lexicon",
        LEXICON,
        "--out",
        out.to_str().unwrap(),
    ]);
    let a: Value = json(&fs::read(out.join("analysis.json")).unwrap());
    assert!(a.get("groups").is_none());
    assert!(!Path::new(&out.join("data/keyness_groups.csv")).exists());
    let page = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!page.contains("Findings by group"));
    // The data files listed are those written.
    assert!(!page.contains("keyness_groups.csv"));
    let data_readme = fs::read_to_string(out.join("data/README.md")).unwrap();
    assert!(!data_readme.contains("lexicon_groups.csv"));
}

/// Groups whose sources are in several languages are not compared by terms
/// (their stems would pool languages); their lexicon rates are, and the
/// page says why.
#[test]
fn groups_of_several_languages_are_not_compared_by_terms() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c.jsonl");
    let lines = [
        (
            "a",
            "en",
            "order",
            "The rioters blocked the roads. Order must return.",
        ),
        (
            "b",
            "es",
            "order",
            "Los vándalos bloquearon las carreteras. El orden debe volver.",
        ),
        (
            "c",
            "en",
            "protest",
            "The massacre in Juliaca was repression.",
        ),
        ("d", "es", "protest", "La masacre de Juliaca fue represión."),
    ];
    let text: Vec<String> = lines
        .iter()
        .map(|(s, l, g, t)| {
            serde_json::json!({"source": s, "language": l, "group": g, "text": t}).to_string()
        })
        .collect();
    fs::write(&corpus, text.join("\n")).unwrap();
    let out = tmp.path().join("report");
    framelens(&[
        "report",
        "--quiet",
        "--corpus",
        corpus.to_str().unwrap(),
        "--lexicon",
        LEXICON,
        "--out",
        out.to_str().unwrap(),
    ]);
    let a: Value = json(&fs::read(out.join("analysis.json")).unwrap());
    assert_eq!(a["groups"]["units"][0]["language"], "mul");
    assert_eq!(a["groups"]["comparisons"].as_array().unwrap().len(), 0);
    assert_eq!(a["groups"]["lexicon"]["units"].as_array().unwrap().len(), 2);
    let page = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        page.matches("Its sources are in several languages, so its words are not compared")
            .count(),
        2
    );
}

/// A group's over-used term that one of its sources carries (at least half
/// of the group's uses from one source, at most two of its sources use it)
/// is marked so in the group's findings and listed in analysis.json; a term
/// its sources share is not.
#[test]
fn a_groups_term_carried_by_one_source_is_marked() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c.jsonl");
    let mut s = String::new();
    let mut add = |id: &str, source: &str, group: &str, text: &str| {
        s += &format!(
            "{{\"id\": \"{id}\", \"source\": \"{source}\", \"group\": \"{group}\", \"text\": \"{text}\"}}\n"
        );
    };
    for (i, src) in ["s1", "s2", "s3"].iter().enumerate() {
        let smith = if i == 0 {
            " Smith said it. Smith again. Smith agrees."
        } else {
            ""
        };
        add(
            &format!("{src}-1"),
            src,
            "p",
            &format!("Wages and wages for workers. The harbour opened.{smith}"),
        );
        add(
            &format!("{src}-2"),
            src,
            "p",
            &format!("Fair wages now. The bridge closed.{smith}"),
        );
    }
    for src in ["t1", "t2", "t3"] {
        add(
            &format!("{src}-1"),
            src,
            "q",
            "Taxes and taxes for owners. The harbour opened.",
        );
        add(
            &format!("{src}-2"),
            src,
            "q",
            "Lower taxes now. The bridge closed.",
        );
    }
    fs::write(&corpus, s).unwrap();
    let out = tmp.path().join("r");
    framelens(&[
        "report",
        "--quiet",
        "--corpus",
        corpus.to_str().unwrap(),
        "--lexicon",
        LEXICON,
        "--out",
        out.to_str().unwrap(),
    ]);
    let a = json(&fs::read(out.join("analysis.json")).unwrap());
    let carried = a["groups"]["carried"].as_array().unwrap();
    let smith = carried.iter().find(|c| c["term"] == "smith").unwrap();
    assert_eq!(
        (
            &smith["group"],
            &smith["source"],
            &smith["count"],
            &smith["sources_using"]
        ),
        (
            &Value::from("p"),
            &Value::from("s1"),
            &Value::from(6),
            &Value::from(1)
        )
    );
    assert!(!carried.iter().any(|c| c["term"] == "wage"), "{carried:?}");
    let over: Vec<&str> = a["groups"]["comparisons"][0]["over"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["term"].as_str().unwrap())
        .collect();
    assert!(
        over.contains(&"wage") && over.contains(&"smith"),
        "{over:?}"
    );
    let page = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        page.contains("</a> 6 vs 0 (6 of them from s1)"),
        "carried mark"
    );
    assert!(
        page.contains("All of them come from s1: none of the group&#39;s other sources uses it.")
    );
}

/// With groups, the sources table, `data/sources.csv` and the per-source
/// lexicon charts list the sources group by group (groups by name, a source
/// without a group last), not by id: gus (centre) first, fay (none) last.
#[test]
fn sources_are_listed_group_by_group() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    framelens(&[
        "report",
        "--quiet",
        "--corpus",
        SPEECHES,
        "--lexicon",
        LEXICON,
        "--out",
        out.to_str().unwrap(),
    ]);
    let a = json(&fs::read(out.join("analysis.json")).unwrap());
    let ids = |v: &Value, key: &str| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s[key].as_str().unwrap().to_string())
            .collect()
    };
    let order = ["gus", "ann", "bob", "cal", "dee", "eli", "fay"];
    assert_eq!(ids(&a["corpus"]["sources"], "source"), order);
    assert_eq!(ids(&a["lexicon"]["by_source"]["units"], "unit"), order);
    let csv = fs::read_to_string(out.join("data/sources.csv")).unwrap();
    let first: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(first, order);
    // The lexicon heatmap's rows, top to bottom.
    let svg = fs::read_to_string(out.join("charts/lexicon_rates.svg")).unwrap();
    let rows: Vec<usize> = order
        .iter()
        .map(|name| svg.find(&format!("\n{name}\n")).unwrap())
        .collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}");
}
