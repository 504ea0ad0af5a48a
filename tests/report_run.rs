//! `framelens report` end to end: a failed run leaves the previous reports
//! byte-identical, `--check` passes on a fresh folder and names a changed file,
//! every chart of the sample corpus is valid SVG with a title and axis labels,
//! and the output is the same bytes for 1 and 2 threads.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use framelens::analyze::AnalyzerConfig;
use framelens::corpus::ReadOptions;
use framelens::lexicon::ScoreConfig;
use framelens::pipeline::Config;
use framelens::report::{self, ReportConfig};

const FIXTURE: &str = "tests/fixtures/report/corpus";
const FIXTURE_LEXICON: &str = "tests/fixtures/report/lexicon.toml";

fn config(corpus: &str, lexicon: &Path) -> ReportConfig {
    ReportConfig {
        pipeline: Config {
            corpus: PathBuf::from(corpus),
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

/// Every file under `dir`: relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_failed_run_leaves_the_reports_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("reports");
    report::run(&config(FIXTURE, Path::new(FIXTURE_LEXICON)), &out, false).unwrap();
    let before = snapshot(&out);
    assert!(before.contains_key(Path::new("index.html")) && before.len() > 20);

    let bad = tmp.path().join("bad.toml");
    fs::write(&bad, "[meta\nname = \"unclosed table header\"\n").unwrap();
    let err = report::run(&config(FIXTURE, &bad), &out, false)
        .err()
        .expect("a bad lexicon fails");
    assert!(err.to_string().contains("bad.toml"), "{err}");
    let missing = tmp.path().join("missing.toml");
    assert!(report::run(&config(FIXTURE, &missing), &out, false).is_err());
    let err = report::run(
        &config(
            "tests/fixtures/report/no-such-corpus",
            Path::new(FIXTURE_LEXICON),
        ),
        &out,
        false,
    );
    assert!(err.is_err());

    assert_eq!(snapshot(&out), before, "the previous reports changed");
    assert_eq!(
        names(tmp.path()),
        ["bad.toml", "reports"],
        "temporary folders left behind"
    );
}

fn framelens() -> Command {
    Command::cargo_bin("framelens").unwrap()
}

#[test]
fn check_passes_on_a_fresh_folder_and_names_a_changed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let args = |check: bool| {
        let mut v = vec![
            "report",
            "--corpus",
            FIXTURE,
            "--lexicon",
            FIXTURE_LEXICON,
            "--quiet",
            "--out",
        ];
        v.push(out.to_str().unwrap());
        if check {
            v.push("--check");
        }
        v.into_iter().map(String::from).collect::<Vec<_>>()
    };
    framelens().args(args(false)).assert().success();
    framelens().args(args(true)).assert().success();

    let csv = out.join("data/terms.csv");
    let mut bytes = fs::read(&csv).unwrap();
    bytes.extend_from_slice(b"alpha,extra,extra,1,1.0,1\n");
    fs::write(&csv, bytes).unwrap();
    let assert = framelens().args(args(true)).assert().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("data/terms.csv"), "{stderr}");
    assert!(
        !stderr.contains("index.html"),
        "only the changed file is named: {stderr}"
    );

    // An extra file is stale too. Regenerating would delete it (the whole
    // folder is replaced), so it refuses, names it, and leaves it; without it,
    // regenerating fixes the changed file.
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let assert = framelens().args(args(true)).assert().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("notes.txt") && stderr.contains("data/terms.csv"),
        "{stderr}"
    );
    let assert = framelens().args(args(false)).assert().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("notes.txt") && stderr.contains("not a file of the earlier report"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    fs::remove_file(out.join("notes.txt")).unwrap();
    framelens().args(args(false)).assert().success();
    framelens().args(args(true)).assert().success();
}

/// `--out` is replaced whole, so a folder that is not an earlier report (a
/// user's own files) is refused before any work, and left as it was; an empty
/// folder is fine.
#[test]
fn a_folder_of_other_files_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("thesis");
    fs::create_dir_all(out.join("sub")).unwrap();
    fs::write(out.join("thesis.docx"), "years of work").unwrap();
    fs::write(out.join("sub/data.csv"), "a,b\n").unwrap();
    for stats in [false, true] {
        let mut cmd = framelens();
        cmd.args(["report", "--quiet", "--out"]).arg(&out);
        if stats {
            // The same guard when the report comes from partial statistics.
            let part = tmp.path().join("p.tsv");
            let counted = framelens().arg("count").output().unwrap();
            assert!(counted.status.success());
            fs::write(&part, counted.stdout).unwrap();
            cmd.arg("--stats").arg(&part);
        }
        let assert = cmd.assert().failure();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains("not an earlier framelens report"),
            "{stderr}"
        );
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "years of work"
        );
        assert!(out.join("sub/data.csv").exists());
    }
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    sample_run("2", &empty);
    assert!(empty.join("manifest.json").exists());
}

/// The sample corpus in `corpus/`, reported with 1 and with 2 threads.
fn sample_run(threads: &str, out: &Path) {
    framelens()
        .args(["report", "--quiet", "--threads", threads, "--out"])
        .arg(out)
        .assert()
        .success();
}

#[test]
fn same_bytes_for_any_thread_count_and_valid_charts() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("t1"), tmp.path().join("t2"));
    sample_run("1", &one);
    sample_run("2", &two);
    let a = snapshot(&one);
    let b = snapshot(&two);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(
            b[k] == *v,
            "{} differs between --threads 1 and --threads 2",
            k.display()
        );
    }

    // Every chart: XML, a <title> child of the root, and its axis or panel labels
    // as <text> (the axis title named for each kind of chart).
    let axis = |file: &str| -> &[&str] {
        match file {
            f if f.starts_with("tfidf") => &["TF-IDF weight"],
            f if f.starts_with("keyness") => &["(log-likelihood)"],
            f if f.starts_with("lexicon_rates") => &["Lexicon category", "Source"],
            f if f.starts_with("lexicon_ci") => &["Lexicon category", "Hits per 1,000 words"],
            f if f.starts_with("voice") => &["Share of lexicon hits"],
            f if f.starts_with("actors") => &["Lexicon category", "Target actor"],
            f if f.starts_with("similarity") || f.starts_with("divergence") => &["Source"],
            f if f.starts_with("zipf") => &["Rank", "Frequency"],
            f if f.starts_with("fightin") => &["Frequency in the corpus", "z (log-odds"],
            other => panic!("unexpected chart {other}"),
        }
    };
    let mut n = 0;
    for (path, bytes) in a.iter().filter(|(p, _)| p.starts_with("charts")) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::str::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{file}");
        let title = root
            .children()
            .find(|c| c.tag_name().name() == "title")
            .and_then(|t| t.text())
            .unwrap_or_default();
        assert!(!title.trim().is_empty(), "{file}: no <title>");
        assert!(
            root.children().any(|c| c.tag_name().name() == "desc"),
            "{file}: no <desc>"
        );
        let texts: Vec<String> = root
            .descendants()
            .filter(|d| d.tag_name().name() == "text")
            .map(|d| d.text().unwrap_or_default().trim().to_string())
            .collect();
        for label in axis(&file) {
            assert!(
                texts.iter().any(|t| t.contains(label)),
                "{file}: no axis label {label:?} in {texts:?}"
            );
        }
        n += 1;
    }
    // 5 sources: tfidf, keyness, 2 lexicon, voice, 5 actors, similarity,
    // divergence, zipf, 5 fightin'.
    assert_eq!(n, 18);

    // The page inlines each chart and names every source.
    let html = String::from_utf8(a[Path::new("index.html")].clone()).unwrap();
    assert_eq!(html.matches("<svg").count(), 18);
    for s in [
        "Fourth International",
        "Proletarian writers",
        "Resumen Latinoamericano – US",
        "Unnamed outlet",
    ] {
        assert!(html.contains(&format!("<h3>{s}</h3>")), "{s}");
    }
}

/// The manifest lists every file of the report; a later run replaces only a
/// folder holding those (and file-browser metadata). A user's own CSV or SVG
/// beside the report's is refused and kept. A report from before the list
/// is judged by the names a report writes.
#[test]
fn user_files_inside_a_report_are_never_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("reports");
    sample_run("2", &out);
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let files: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(files.contains(&"analysis.json") && files.contains(&"data/keyness.csv"));
    assert!(files.iter().any(|f| f.starts_with("charts/")));
    assert!(!files.contains(&"manifest.json"));
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);

    for mine in [
        "data/my_coding.csv",
        "charts/figure1.svg",
        "notes.txt",
        "data/sub/x.csv",
    ] {
        let p = out.join(mine);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, "mine").unwrap();
        let assert = framelens()
            .args(["report", "--quiet", "--out"])
            .arg(&out)
            .assert()
            .failure();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains(mine) && stderr.contains("not a file of the earlier report"),
            "{mine}: {stderr}"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "mine");
        fs::remove_file(&p).unwrap();
    }
    fs::remove_dir(out.join("data/sub")).unwrap();

    // Finder's and Explorer's metadata do not stop a rerun.
    fs::write(out.join(".DS_Store"), "x").unwrap();
    fs::write(out.join("charts/Thumbs.db"), "x").unwrap();
    sample_run("2", &out);

    // An older report's manifest has no list: the names a report writes.
    let mut m: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    m.as_object_mut().unwrap().remove("files");
    fs::write(out.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    framelens()
        .args(["report", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .failure();
    fs::remove_file(out.join("notes.txt")).unwrap();
    sample_run("2", &out);
}

#[test]
fn a_report_without_a_lexicon_leaves_its_sections_out() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("corpus");
    let corpus = corpus.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("framelens")
            .unwrap()
            .current_dir(tmp.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "report",
        "--corpus",
        corpus,
        "--lexicon",
        "none",
        "--out",
        "r",
        "--quiet",
    ]);
    let r = tmp.path().join("r");
    let charts: Vec<String> = fs::read_dir(r.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(charts.iter().any(|c| c == "keyness.svg"));
    assert!(
        !charts
            .iter()
            .any(|c| c.starts_with("lexicon") || c.starts_with("voice") || c.starts_with("actors")),
        "{charts:?}"
    );
    let page = fs::read_to_string(r.join("index.html")).unwrap();
    let readme = fs::read_to_string(r.join("README.md")).unwrap();
    for text in [&page, &readme] {
        assert!(text.contains("No lexicon (--lexicon none): loaded terms, their voice and their targets are not counted."));
        assert!(!text.contains("Lexicon rates per source"));
        assert!(!text.contains("Bootstrap intervals"));
    }
    assert!(!page.contains("id=\"kwic\"") && !page.contains("href=\"#kwic\""));
    assert!(page.contains("id=\"methods\""));
    // The same from partial statistics counted without a lexicon.
    run(&[
        "count",
        "--corpus",
        corpus,
        "--lexicon",
        "none",
        "--out",
        "p.tsv",
        "--quiet",
    ]);
    run(&[
        "report",
        "--lexicon",
        "none",
        "--stats",
        "p.tsv",
        "--out",
        "s",
        "--quiet",
    ]);
    let from_stats = fs::read_to_string(tmp.path().join("s/README.md")).unwrap();
    assert!(from_stats.contains("No lexicon (--lexicon none)"));
}
