//! Keyness that knows articles, end to end through `framelens keyness`: the
//! known-answer corpus of the issue (docs/METHODS.md §3b), the Monte Carlo
//! permutation test against exact enumeration, its determinism for any
//! thread count, and the extra rounds for terms near the p floor.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn framelens(args: &[&str]) -> String {
    let out = Command::new(assert_cmd::cargo::cargo_bin("framelens"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Writes `articles[source] = [text, …]` as a folder corpus.
fn corpus(dir: &Path, articles: &[(&str, Vec<String>)]) {
    for (source, texts) in articles {
        std::fs::create_dir_all(dir.join(source)).unwrap();
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(dir.join(source).join(format!("{:02}.txt", i + 1)), t).unwrap();
        }
    }
}

fn words(parts: &[(&str, usize)]) -> String {
    let mut v = Vec::new();
    for &(w, n) in parts {
        v.extend(std::iter::repeat_n(w, n));
    }
    v.join(" ") + "\n"
}

/// The CSV rows of `keyness`, by (target, term).
fn rows(csv: &str) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let m: BTreeMap<String, String> = h
                .iter()
                .zip(rec.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            ((m["target"].clone(), m["term"].clone()), m)
        })
        .collect()
}

fn num(row: &BTreeMap<String, String>, col: &str) -> f64 {
    row[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col}: {:?}", row[col]))
}

/// 5 articles per source, each of 1,000 words; one article of A repeats a
/// term 20 times, no other article has it.
fn known_answer(dir: &Path) {
    let filler = words(&[("lorem", 1000)]);
    let mut a = vec![words(&[("barricade", 20), ("lorem", 980)])];
    a.extend(std::iter::repeat_n(filler.clone(), 4));
    corpus(dir, &[("a", a), ("b", vec![filler; 5])]);
}

#[test]
fn the_known_answer_corpus_gives_the_worked_values() {
    let tmp = tempfile::tempdir().unwrap();
    known_answer(tmp.path());
    let dir = tmp.path().to_str().unwrap();
    let csv = framelens(&[
        "keyness", "--corpus", dir, "--source", "a", "--format", "csv",
    ]);
    let r = &rows(&csv)[&("a".to_string(), "barricad".to_string())];
    assert_eq!(r["target_count"], "20");
    assert_eq!(r["reference_count"], "0");
    assert!((num(r, "g2") - 27.766).abs() < 5e-4, "{}", r["g2"]);
    assert!((num(r, "p") - 1.369e-7).abs() < 1e-10, "{}", r["p"]);
    assert_eq!(r["target_docs"], "1");
    assert_eq!(r["target_articles"], "5");
    assert_eq!(num(r, "top_article_share"), 1.0);
    assert_eq!(r["carried_by_one_article"], "true");
    // DP = ½(|1 − 0.2| + 4 · 0.2) = 0.8; DP_norm = 0.8 / (1 − 0.2) = 1.
    assert!((num(r, "dp") - 0.8).abs() < 1e-12);
    assert!((num(r, "dp_norm") - 1.0).abs() < 1e-12);
    // Welch: rates (0.02, 0, 0, 0, 0) vs five zeros: t = 1, df = 4.
    assert!((num(r, "welch_t") - 1.0).abs() < 1e-9, "{}", r["welch_t"]);
    assert!((num(r, "welch_df") - 4.0).abs() < 1e-9);
    assert!((num(r, "welch_p") - 0.37390).abs() < 5e-6);
    // Exact: every one of the C(10, 5) = 252 assignments; the 126 that put
    // the article in the target give the observed G².
    assert_eq!(r["perm_exact"], "true");
    assert_eq!(r["perm_draws"], "252");
    assert_eq!(r["perm_p"], "0.5");
    assert_eq!(r["perm_at_cap"], "false");
    // The table marks it.
    let table = framelens(&["keyness", "--corpus", dir, "--source", "a"]);
    let line = table.lines().find(|l| l.contains("barricade")).unwrap();
    assert!(line.ends_with("one article"), "{line}");
    assert!(line.contains("1 of 5"), "{line}");
    // Every source has 5 articles: the report leads with article-robust
    // terms, and this one is not among them (G² alone would put it first).
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("r");
    framelens(&[
        "report",
        "--quiet",
        "--corpus",
        dir,
        "--lexicon",
        "none",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(out.join("README.md")).unwrap();
    let more = md
        .lines()
        .find(|l| l.contains("More than the rest"))
        .unwrap();
    assert!(!more.contains("barricade"), "{more}");
    assert!(md.contains("1 significant by G² alone is left out"), "{md}");
}

/// 7 articles per source of 200 words: a term in every article of A at
/// varying rates and in a few of B's, another spread evenly.
fn enumerable(dir: &Path) {
    let a: Vec<String> = (0..7)
        .map(|i| words(&[("riot", 1 + i % 3), ("crowd", 2), ("lorem", 197 - i % 3)]))
        .collect();
    let b: Vec<String> = (0..7)
        .map(|i| {
            words(&[
                ("riot", usize::from(i < 2)),
                ("crowd", 2),
                ("lorem", 198 - usize::from(i < 2)),
            ])
        })
        .collect();
    corpus(dir, &[("a", a), ("b", b)]);
}

#[test]
fn monte_carlo_permutations_agree_with_the_exact_test_and_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    enumerable(tmp.path());
    let dir = tmp.path().to_str().unwrap();
    // C(14, 7) = 3,432 assignments: exact with 5,000 permutations, Monte
    // Carlo with 999.
    let exact = rows(&framelens(&[
        "keyness",
        "--corpus",
        dir,
        "--format",
        "csv",
        "--permutations",
        "5000",
    ]));
    let args = |threads: &str| {
        framelens(&[
            "keyness",
            "--corpus",
            dir,
            "--format",
            "csv",
            "--permutations",
            "999",
            "--permutations-max",
            "999",
            "--threads",
            threads,
        ])
    };
    let (one, two) = (args("1"), args("2"));
    assert_eq!(one, two, "the same bytes for 1 and 2 threads");
    let mc = rows(&one);
    assert_eq!(mc.len(), exact.len());
    for (k, e) in &exact {
        let m = &mc[k];
        assert_eq!(e["perm_exact"], "true", "{k:?}");
        assert_eq!(e["perm_draws"], "3432");
        assert_eq!(m["perm_exact"], "false", "{k:?}");
        assert_eq!(m["perm_draws"], "999");
        let (pe, pm) = (num(e, "perm_p"), num(m, "perm_p"));
        assert!(
            (pe - pm).abs() <= 0.03,
            "{k:?}: exact {pe}, Monte Carlo {pm}"
        );
    }
    // The term A uses in every article, B in two: p near the floor.
    let riot = &exact[&("a".to_string(), "riot".to_string())];
    assert!(num(riot, "perm_p") < 0.01, "{}", riot["perm_p"]);
    // Another seed gives other draws, still close.
    let other = rows(&framelens(&[
        "keyness",
        "--corpus",
        dir,
        "--format",
        "csv",
        "--permutations",
        "999",
        "--permutations-max",
        "999",
        "--seed",
        "7",
    ]));
    let k = ("b".to_string(), "riot".to_string());
    assert!((num(&other[&k], "perm_p") - num(&exact[&k], "perm_p")).abs() <= 0.03);
}

#[test]
fn terms_near_the_floor_get_more_permutations_up_to_the_cap() {
    let tmp = tempfile::tempdir().unwrap();
    // 40 articles a side of 100 words (C(80, 40) assignments: Monte Carlo);
    // "riot" in every article of A and none of B; "crowd" 0–3 times an
    // article on both sides, a little less in B (one article 0 where A has 3).
    let a: Vec<String> = (0..40)
        .map(|i| words(&[("riot", 3), ("crowd", i % 4), ("lorem", 97 - i % 4)]))
        .collect();
    let b: Vec<String> = (0..40)
        .map(|i| {
            let k = if i == 3 { 0 } else { i % 4 };
            words(&[("crowd", k), ("lorem", 100 - k)])
        })
        .collect();
    corpus(tmp.path(), &[("a", a), ("b", b)]);
    let dir = tmp.path().to_str().unwrap();
    let csv = framelens(&[
        "keyness",
        "--corpus",
        dir,
        "--source",
        "a",
        "--format",
        "csv",
        "--permutations",
        "99",
        "--permutations-max",
        "9999",
    ]);
    let r = rows(&csv);
    let riot = &r[&("a".to_string(), "riot".to_string())];
    // No permutation is as extreme: 99 → 999 → 9,999 draws, and still at the floor.
    assert_eq!(riot["perm_draws"], "9999");
    assert_eq!(riot["perm_at_cap"], "true");
    assert_eq!(num(riot, "perm_p"), 1.0 / 10_000.0);
    // A term far from the floor keeps the first round.
    let crowd = &r[&("a".to_string(), "crowd".to_string())];
    assert_eq!(crowd["perm_draws"], "99");
    assert_eq!(crowd["perm_at_cap"], "false");
    // The table names the term at the cap.
    let table = framelens(&[
        "keyness",
        "--corpus",
        dir,
        "--source",
        "a",
        "--permutations",
        "99",
        "--permutations-max",
        "9999",
    ]);
    assert!(
        table.contains("reached the cap") && table.contains("riot"),
        "{table}"
    );
}

/// Two sources of 6 articles: "riot" in every article of A, "castillo" 14
/// times in one article of A and nowhere else, filler elsewhere.
fn speeches(dir: &Path) {
    let filler = ["people", "country", "government", "law", "work", "today"];
    let article = |i: usize, extra: &[(&str, usize)]| {
        let mut parts: Vec<(&str, usize)> = extra.to_vec();
        for (k, w) in filler.iter().enumerate() {
            parts.push((w, 5 + (i + k) % 4));
        }
        words(&parts)
    };
    let a: Vec<String> = (0..6)
        .map(|i| {
            let mut extra = vec![("riot", 2 + i % 2)];
            if i == 2 {
                extra.push(("castillo", 14));
            }
            article(i, &extra)
        })
        .collect();
    let b: Vec<String> = (0..6).map(|i| article(i + 1, &[])).collect();
    corpus(dir, &[("a", a), ("b", b)]);
}

#[test]
fn merged_partials_give_the_article_columns_of_the_whole_corpus_and_the_report_leads_with_robust_terms(
) {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    speeches(&whole);
    // Two shards, each with half of every source's articles.
    let (s1, s2) = (tmp.path().join("s1"), tmp.path().join("s2"));
    for src in ["a", "b"] {
        for (i, shard) in [(1, &s1), (4, &s2)] {
            std::fs::create_dir_all(shard.join(src)).unwrap();
            for k in i..i + 3 {
                let name = format!("{k:02}.txt");
                std::fs::copy(whole.join(src).join(&name), shard.join(src).join(&name)).unwrap();
            }
        }
    }
    let p = |x: &Path| x.to_str().unwrap().to_string();
    let out1 = tmp.path().join("r1");
    framelens(&[
        "report",
        "--quiet",
        "--corpus",
        &p(&whole),
        "--lexicon",
        "none",
        "--out",
        &p(&out1),
    ]);
    let (c1, c2) = (tmp.path().join("c1.tsv"), tmp.path().join("c2.tsv"));
    framelens(&[
        "count",
        "--corpus",
        &p(&s1),
        "--lexicon",
        "none",
        "--out",
        &p(&c1),
    ]);
    framelens(&[
        "count",
        "--corpus",
        &p(&s2),
        "--lexicon",
        "none",
        "--out",
        &p(&c2),
    ]);
    let out2 = tmp.path().join("r2");
    framelens(&[
        "report",
        "--quiet",
        "--lexicon",
        "none",
        "--stats",
        &p(&c1),
        "--stats",
        &p(&c2),
        "--out",
        &p(&out2),
    ]);
    let k1 = std::fs::read_to_string(out1.join("data/keyness.csv")).unwrap();
    let k2 = std::fs::read_to_string(out2.join("data/keyness.csv")).unwrap();
    assert_eq!(k1, k2, "keyness.csv from merged partials = from the corpus");
    let r = rows(&k1);
    let riot = &r[&("a".to_string(), "riot".to_string())];
    assert_eq!(riot["target_docs"], "6");
    assert!(num(riot, "welch_p_adj") < 0.05, "{}", riot["welch_p_adj"]);
    let castillo = &r[&("a".to_string(), "castillo".to_string())];
    assert_eq!(castillo["carried_by_one_article"], "true");
    assert_eq!(num(castillo, "top_article_share"), 1.0);
    assert!(
        num(castillo, "p_adj") < 0.05,
        "G² alone calls it significant"
    );
    assert!(num(castillo, "welch_p_adj") > 0.05);
    // DP and the permutation test need each article's counts: not in the report.
    assert_eq!(riot["dp"], "");
    assert_eq!(riot["perm_p"], "");
    // The report leads with the article-robust term, with its articles, and
    // leaves the surname out of the findings.
    let md = std::fs::read_to_string(out1.join("README.md")).unwrap();
    let more = md
        .lines()
        .find(|l| l.contains("More than the rest"))
        .unwrap();
    assert!(
        more.contains("riot") && more.contains("in 6 of 6 articles"),
        "{more}"
    );
    assert!(
        !more.contains("Castillo") && !more.contains("castillo"),
        "{more}"
    );
    assert!(md.contains("significant by G² alone"), "{md}");
    // keyness on the corpus has them.
    let kc = rows(&framelens(&[
        "keyness",
        "--corpus",
        &p(&whole),
        "--format",
        "csv",
    ]));
    let riot = &kc[&("a".to_string(), "riot".to_string())];
    assert!(!riot["dp"].is_empty() && !riot["perm_p"].is_empty());
    assert_eq!(
        riot["welch_p"],
        r[&("a".to_string(), "riot".to_string())]["welch_p"]
    );
}
