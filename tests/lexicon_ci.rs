//! The lexicon's intervals through the binary: a source of 20 articles or more
//! is resampled by articles, a smaller one by sentences, and a category
//! without hits gets the exact Poisson interval; the CSV names each.

use assert_cmd::Command;

/// `source,category` → (per_1000_lo, per_1000_hi, ci_method) from `lexicon --format csv`.
fn intervals(corpus: &std::path::Path) -> Vec<(String, String, f64, f64, String)> {
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .args(["lexicon", "--format", "csv", "--corpus"])
        .arg(corpus)
        .args(["--lexicon", "corpus/lexicon.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (unit, cat, lo, hi, m) = (
        col("unit"),
        col("category"),
        col("per_1000_lo"),
        col("per_1000_hi"),
        col("ci_method"),
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[unit].to_string(),
                f[cat].to_string(),
                f[lo].parse().unwrap(),
                f[hi].parse().unwrap(),
                f[m].to_string(),
            )
        })
        .collect()
}

#[test]
fn each_interval_names_how_it_was_made() {
    let tmp = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    // "wire": 24 articles of one sentence each, every one calling the
    // protesters rioters once; "blog": 2 articles.
    for i in 0..24 {
        jsonl.push_str(&format!(
            "{{\"source\":\"wire\",\"id\":\"w{i}\",\"text\":\"The rioters gathered in the square today number {i}.\"}}\n"
        ));
    }
    for i in 0..2 {
        jsonl.push_str(&format!(
            "{{\"source\":\"blog\",\"id\":\"b{i}\",\"text\":\"The rioters met the police. The police answered with repression.\"}}\n"
        ));
    }
    let corpus = tmp.path().join("c.jsonl");
    std::fs::write(&corpus, jsonl).unwrap();
    let rows = intervals(&corpus);
    let find = |u: &str, c: &str| rows.iter().find(|r| r.0 == u && r.1 == c).unwrap().clone();
    // Every wire article has the same rate of protester labels: by articles,
    // the interval is that one rate.
    let wire = find("wire", "delegitimize_protesters");
    assert_eq!(wire.4, "article_bootstrap");
    assert_eq!(wire.2, wire.3);
    assert!(wire.2 > 0.0);
    let blog = find("blog", "delegitimize_protesters");
    assert_eq!(blog.4, "sentence_bootstrap");
    // No state-violence word in the wire: 0 to 3.689 hits per its words.
    let none = find("wire", "state_violence");
    assert_eq!(none.4, "poisson_exact");
    assert_eq!(none.2, 0.0);
    assert!(none.3 > 0.0);
}

#[test]
fn per_article_intervals_above_1000_articles_only_with_ci() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl: String = (0..1001)
        .map(|i| {
            format!(
                "{{\"source\":\"s{}\",\"id\":\"a{i}\",\"text\":\"The rioters met the police.\"}}\n",
                i % 2
            )
        })
        .collect();
    let corpus = tmp.path().join("c.jsonl");
    std::fs::write(&corpus, jsonl).unwrap();
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("framelens")
            .unwrap()
            .args([
                "lexicon",
                "--by",
                "article",
                "--resamples",
                "20",
                "--format",
                "csv",
            ])
            .args(extra)
            .arg("--corpus")
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(out.status.success());
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (csv, err) = run(&[]);
    assert!(
        err.contains("1001 articles: no per-article intervals above 1000 (pass --ci for them)"),
        "{err}"
    );
    assert!(
        !csv.contains("bootstrap") && !csv.contains("poisson"),
        "no intervals"
    );
    let (csv, err) = run(&["--ci"]);
    assert!(!err.contains("--ci"), "{err}");
    assert!(csv.contains(",sentence_bootstrap,") && csv.contains(",poisson_exact,"));
}
