//! End-to-end tests of the binary on the sample corpus: success paths, failure
//! paths, determinism across thread counts, and a closed pipe.

use assert_cmd::Command;
use predicates::prelude::*;

fn framelens() -> Command {
    let mut c = Command::cargo_bin("framelens").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn stdout_of(args: &[&str]) -> Vec<u8> {
    let out = framelens().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn tfidf_prints_top_terms_per_source_in_display_form() {
    let out = String::from_utf8(stdout_of(&["tfidf", "--top", "15"])).unwrap();
    assert!(
        out.starts_with("TF-IDF by source, variant sklearn: tf = count; idf = ln((1+n)/(1+df))+1")
    );
    assert_eq!(out.matches("== ").count(), 5, "{out}");
    // Display forms, not stems: "elections" is shown, its stem "elect" is not.
    assert!(out.contains(" coup "));
    assert!(!out
        .lines()
        .any(|l| l.split_whitespace().nth(1) == Some("elect")));
}

#[test]
fn output_is_the_same_for_one_and_two_threads() {
    for args in [
        vec!["terms", "--format", "csv"],
        vec!["tfidf", "--format", "json", "--by", "article"],
        vec![
            "tfidf",
            "--format",
            "csv",
            "--ngrams",
            "2",
            "--variant",
            "textbook",
        ],
        vec!["tokens"],
    ] {
        let one = stdout_of(&[args.as_slice(), &["--threads", "1"]].concat());
        let two = stdout_of(&[args.as_slice(), &["--threads", "2"]].concat());
        assert!(!one.is_empty());
        assert!(one == two, "{args:?} differs between 1 and 2 threads");
    }
}

#[test]
fn terms_csv_has_counts_rates_and_stems() {
    let out = String::from_utf8(stdout_of(&["terms", "--format", "csv"])).unwrap();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("source,term,display,count,per_1000,doc_freq,words")
    );
    // Every row's rate is 1000 * count / words.
    for l in lines {
        let f: Vec<&str> = l.rsplitn(5, ',').collect();
        let (words, count, rate): (f64, f64, f64) = (
            f[0].parse().unwrap(),
            f[3].parse().unwrap(),
            f[2].parse().unwrap(),
        );
        assert!((rate - 1000.0 * count / words).abs() < 1e-9, "{l}");
    }
}

#[test]
fn tokens_are_json_lines_with_id_source_terms() {
    let out = String::from_utf8(stdout_of(&["tokens"])).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        assert!(l["id"].is_string() && l["source"].is_string());
        let terms = l["terms"].as_array().unwrap();
        assert!(terms.len() > 300);
        assert!(terms
            .iter()
            .all(|t| t.as_str().is_some_and(|s| !s.is_empty() && s != "the")));
    }
}

#[test]
fn a_missing_corpus_is_an_error_naming_it() {
    framelens()
        .args(["tfidf", "--corpus", "no/such/dir"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/dir"));
}

#[test]
fn bad_usage_exits_2() {
    framelens()
        .args(["tfidf", "--variant", "bm25"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bm25"));
    framelens()
        .args(["tfidf", "--ngrams", "7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ngrams"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command as StdCommand, Stdio};
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("framelens"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["terms", "--format", "csv", "--ngrams", "3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn keyness_gives_one_table_per_source_with_counts() {
    let out = String::from_utf8(stdout_of(&["keyness", "--top", "10"])).unwrap();
    assert_eq!(out.matches("vs (rest of corpus)").count(), 5, "{out}");
    // The one outlet that calls protesters "rioters" over-uses it: 6 there, 0 elsewhere.
    let csv = String::from_utf8(stdout_of(&[
        "keyness",
        "--format",
        "csv",
        "--source",
        "unnamed-outlet",
    ]))
    .unwrap();
    let row = csv
        .lines()
        .find(|l| l.contains(",rioter,"))
        .expect("rioter row");
    assert!(
        row.starts_with("unnamed-outlet,(rest of corpus),rioter,rioters,over,6,0,"),
        "{row}"
    );
}

#[test]
fn pairwise_keyness_and_unknown_sources() {
    let out = String::from_utf8(stdout_of(&[
        "keyness",
        "--source",
        "proletarian",
        "--vs",
        "unnamed-outlet",
    ]))
    .unwrap();
    assert!(
        out.contains("== Proletarian writers (proletarian) vs Unnamed outlet (unnamed-outlet)"),
        "{out}"
    );
    framelens()
        .args(["keyness", "--source", "nope"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown source 'nope'")
                .and(predicate::str::contains("proletarian")),
        );
}

#[test]
fn lexicon_rates_have_cis_and_voices() {
    let out = String::from_utf8(stdout_of(&["lexicon", "--voice"])).unwrap();
    assert_eq!(out.matches("== ").count(), 5);
    assert!(out.contains("95% CI") && out.contains("scare"));
    let json: serde_json::Value =
        serde_json::from_slice(&stdout_of(&["lexicon", "--format", "json"])).unwrap();
    for unit in json["scores"]["units"].as_array().unwrap() {
        for c in unit["categories"].as_array().unwrap() {
            let (r, ci) = (
                c["per_1000"].as_f64().unwrap(),
                c["per_1000_ci"].as_array().unwrap(),
            );
            assert!(
                ci[0].as_f64().unwrap() <= r && r <= ci[1].as_f64().unwrap(),
                "{c}"
            );
        }
    }
}

#[test]
fn kwic_shows_the_scare_quoted_vandals() {
    let out = String::from_utf8(stdout_of(&[
        "kwic",
        "vandals",
        "--source",
        "resumen-latinoamericano",
    ]))
    .unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("[vandals]"))
        .expect("a vandals line");
    assert!(
        line.contains("scare") && line.contains("what she calls"),
        "{line}"
    );
}

/// Options that cannot apply are refused with exit code 2, not silently ignored:
/// `--top 0` and `--threads 0`, CSV from `tokens` (JSON lines only), and
/// `--format` for `report` (which writes every format).
#[test]
fn options_that_cannot_apply_are_refused() {
    for (args, want) in [
        (&["tfidf", "--top", "0"][..], "must be at least 1"),
        (
            &["report", "--top", "0", "--check"][..],
            "must be at least 1",
        ),
        (&["terms", "--threads", "0"][..], "must be at least 1"),
        (
            &["tokens", "--format", "csv"][..],
            "--format csv does not apply",
        ),
        (
            &["report", "--format", "json", "--check"][..],
            "--format does not apply",
        ),
    ] {
        let out = framelens().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // One thread and a top of one still work.
    let out = framelens()
        .args(["terms", "--threads", "1", "--top", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

/// `keyness --vs X` compares every other source with X, never X with itself;
/// asking for X against itself is refused.
#[test]
fn keyness_never_compares_a_source_with_itself() {
    let out =
        String::from_utf8(stdout_of(&["keyness", "--vs", "proletarian", "--top", "1"])).unwrap();
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(headings.len(), 4, "{headings:?}");
    assert!(
        headings.iter().all(|h| !h.starts_with("== Proletarian")),
        "{headings:?}"
    );
    assert!(
        out.contains("terms with target + reference count < 1 left out"),
        "{out}"
    );
    let out = framelens()
        .args(["keyness", "--vs", "proletarian", "--source", "proletarian"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("compared with itself"));
}

/// The default lexicon is looked up from the current folder; when it is not
/// there, the error says so and how to pass one.
#[test]
fn a_missing_default_lexicon_says_where_it_was_looked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = framelens()
        .current_dir(tmp.path())
        .args(["lexicon", "--corpus"])
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("corpus/lexicon.toml")
            && stderr.contains("relative to the folder framelens runs in")
            && stderr.contains("--lexicon FILE"),
        "{stderr}"
    );
}

/// `--source S` shows S's rows of the whole-corpus statistics in `tfidf` and
/// `lexicon` (idf and G² vs rest need the other sources), the same rows as a
/// run without it; an unknown source is a usage error listing the known ones.
#[test]
fn source_shows_rows_of_the_whole_corpus_statistics() {
    let csv_rows = |args: &[&str], source: &str| -> Vec<String> {
        String::from_utf8(stdout_of(args))
            .unwrap()
            .lines()
            .filter(|l| l.contains(&format!(",{source},")))
            .map(String::from)
            .collect()
    };
    for cmd in [
        &["tfidf", "--format", "csv"][..],
        &["tfidf", "--format", "csv", "--by", "article"][..],
        &["lexicon", "--format", "csv"][..],
    ] {
        let all = csv_rows(cmd, "proletarian");
        let mut with = cmd.to_vec();
        with.extend(["--source", "proletarian"]);
        let out = String::from_utf8(stdout_of(&with)).unwrap();
        let rows: Vec<&str> = out.lines().skip(1).collect();
        assert!(!all.is_empty(), "{cmd:?}");
        assert_eq!(rows, all, "{cmd:?}");
        let mut bad = cmd.to_vec();
        bad.extend(["--source", "nope"]);
        let out = framelens().args(&bad).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {stderr}");
        assert!(
            stderr.contains("unknown source 'nope'") && stderr.contains("proletarian"),
            "{stderr}"
        );
    }
}

#[test]
fn a_stopword_file_replaces_the_list_or_adds_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let names = dir.path().join("names.txt");
    std::fs::write(&names, "Boluarte\nCastillo\n").unwrap();
    let terms = |spec: String| -> Vec<String> {
        let out = stdout_of(&[
            "terms",
            "--stopwords",
            &spec,
            "--format",
            "csv",
            "--top",
            "400",
        ]);
        String::from_utf8(out)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap_or("").to_string())
            .collect()
    };
    let yours = terms(names.display().to_string());
    let both = terms(format!("en+{}", names.display()));
    for t in [&yours, &both] {
        assert!(
            !t.iter().any(|x| x == "boluart" || x == "castillo"),
            "{t:?}"
        );
    }
    // Yours only: English function words are terms again; with en+ they are not.
    assert!(yours.iter().any(|x| x == "the"), "{yours:?}");
    assert!(!both.iter().any(|x| x == "the"), "{both:?}");
    assert!(both.iter().any(|x| x == "coup"));
}

#[test]
fn kwic_of_a_word_needs_no_lexicon() {
    // Run where there is no corpus/lexicon.toml (a new user's own folder).
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let run = |args: &[&str]| {
        Command::cargo_bin("framelens")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .arg("--corpus")
            .arg(&corpus)
            .output()
            .unwrap()
    };
    let out = run(&["kwic", "rioters"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[rioters]"), "{text}");
    assert!(text.contains("line(s) for rioters"), "{text}");
    // The same lines as with the sample lexicon, but for distancing markers:
    // a word search does not depend on the lexicon's categories.
    let with = stdout_of(&["kwic", "rioters"]);
    assert_eq!(
        String::from_utf8(with).unwrap().lines().count(),
        text.lines().count()
    );
    // A category needs one: a usage error that says so.
    let out = run(&["kwic", "category:violence"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("category:violence needs a lexicon: pass --lexicon FILE"),
        "{err}"
    );
    // --lexicon none, also where the default exists.
    let none = stdout_of(&["kwic", "rioters", "--lexicon", "none"]);
    assert_eq!(String::from_utf8(none).unwrap(), text);
    // `lexicon` cannot score without one.
    let out = framelens()
        .args(["lexicon", "--lexicon", "none"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn display_forms_keep_the_case_the_text_uses_most() {
    // The sample corpus writes "US" 30 times and "us" once.
    let out = String::from_utf8(stdout_of(&[
        "keyness",
        "--source",
        "unnamed-outlet",
        "--format",
        "csv",
        "--min-count",
        "3",
    ]))
    .unwrap();
    let row = |term: &str| {
        out.lines()
            .find(|l| l.split(',').nth(3) == Some(term))
            .unwrap_or_else(|| panic!("no row for {term}:\n{out}"))
            .to_string()
    };
    for display in ["US", "USAID", "Boluarte", "coup"] {
        row(display);
    }
    // With --case acronyms the capitals are a term of their own.
    let terms = String::from_utf8(stdout_of(&[
        "terms", "--case", "acronyms", "--format", "csv", "--top", "1000",
    ]))
    .unwrap();
    assert!(terms.lines().any(|l| l.split(',').nth(1) == Some("US")));
    let folded =
        String::from_utf8(stdout_of(&["terms", "--format", "csv", "--top", "1000"])).unwrap();
    assert!(!folded.lines().any(|l| l.split(',').nth(1) == Some("US")));
    assert!(folded.lines().any(|l| l.split(',').nth(1) == Some("us")));
}

/// The terms `tokens` prints for one article read from standard input.
fn tokens_of(text: &str, args: &[&str]) -> Vec<String> {
    let line = serde_json::json!({"id": "1", "source": "s", "text": text}).to_string();
    let out = framelens()
        .args(["tokens", "--corpus", "-"])
        .args(args)
        .write_stdin(line + "\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ngrams_holding_a_stopword_are_dropped_unless_join() {
    let better = "We can do better.";
    assert_eq!(tokens_of(better, &["--ngrams", "2"]), ["can", "better"]);
    assert_eq!(
        tokens_of(better, &["--ngrams", "2", "--ngram-stopwords", "skip"]),
        ["can", "better"]
    );
    assert_eq!(
        tokens_of(better, &["--ngrams", "2", "--ngram-stopwords", "join"]),
        ["can", "better", "can better"]
    );
    let emergency = "They declared a state of emergency in Lima.";
    let skip = tokens_of(emergency, &["--ngrams", "3"]);
    assert!(!skip.iter().any(|t| t == "state emerg"), "{skip:?}");
    assert!(skip.iter().any(|t| t == "emerg"), "{skip:?}");
    let join = tokens_of(emergency, &["--ngrams", "2", "--ngram-stopwords", "join"]);
    assert!(join.iter().any(|t| t == "state emerg"), "{join:?}");
}

#[test]
fn an_ngram_range_counts_those_lengths_only() {
    let text = "Police fired tear gas at students.";
    assert_eq!(
        tokens_of(text, &["--ngrams", "2..2"]),
        ["polic fire", "fire tear", "tear gas"]
    );
    // N is 1..N: unigrams and bigrams.
    assert_eq!(
        tokens_of(text, &["--ngrams", "2"]),
        tokens_of(text, &["--ngrams", "1..2"])
    );
    assert_eq!(
        tokens_of(text, &["--ngrams", "2"]),
        [
            "polic",
            "fire",
            "polic fire",
            "tear",
            "fire tear",
            "gas",
            "tear gas",
            "student"
        ]
    );
    assert_eq!(
        tokens_of(text, &["--ngrams", "3..3"]),
        ["polic fire tear", "fire tear gas"]
    );
    // The default is unigrams only.
    assert_eq!(
        tokens_of(text, &[]),
        ["polic", "fire", "tear", "gas", "student"]
    );
    // Bigrams only, through the counting path: no unigram among the terms.
    let out = String::from_utf8(stdout_of(&[
        "terms", "--ngrams", "2..2", "--format", "csv", "--top", "50",
    ]))
    .unwrap();
    let terms: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert!(terms.len() > 50, "{out}");
    assert!(terms.iter().all(|t| t.contains(' ')), "{terms:?}");
}

#[test]
fn a_bad_ngram_range_is_a_usage_error_naming_the_flag() {
    for (bad, why) in [
        ("0", "0 is not in 1..=3"),
        ("4", "4 is not in 1..=3"),
        ("3..2", "3..2 is empty"),
        ("0..2", "0 is not in 1..=3"),
        ("1..4", "4 is not in 1..=3"),
        ("1-2", "is not N or MIN..MAX"),
        ("2..", "is not N or MIN..MAX"),
    ] {
        framelens()
            .args(["tfidf", "--ngrams", bad])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "invalid value '{bad}' for '--ngrams"
            )))
            .stderr(predicate::str::contains(why));
    }
    framelens()
        .args(["terms", "--ngram-stopwords", "drop"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ngram-stopwords"))
        .stderr(predicate::str::contains("(skip, join)"));
}
