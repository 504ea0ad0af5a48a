//! Opt-in test of the Spark driver (`scale/spark/framelens_spark.py`):
//!
//! ```text
//! PYSPARK_PYTHON=/path/to/python-with-pyspark cargo test --release --test spark -- --ignored --nocapture
//! ```
//!
//! It runs the driver on `local[2]` with several partitions and a two-level
//! merge tree, and compares the merged partial byte for byte with a
//! single-process `framelens count`; it checks that one bad input line fails
//! the job. Without Java or pyspark it prints why and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn python() -> String {
    std::env::var("PYSPARK_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Why the test cannot run here, if it cannot.
fn missing() -> Option<String> {
    match Command::new("java").arg("-version").output() {
        Ok(o) if o.status.success() => {}
        _ => return Some("java is not on PATH".into()),
    }
    match Command::new(python())
        .args(["-c", "import pyspark"])
        .output()
    {
        Ok(o) if o.status.success() => None,
        _ => Some(format!(
            "{} cannot import pyspark (pip install pyspark; set PYSPARK_PYTHON)",
            python()
        )),
    }
}

fn sample_articles() -> Vec<(String, String)> {
    let mut v = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let source = d.file_name().unwrap().to_string_lossy().into_owned();
            v.push((source, std::fs::read_to_string(f).unwrap()));
        }
    }
    v
}

/// About 300 articles made of rotated paragraphs of the sample articles; every
/// third line has no id (the driver must number it as framelens would); a
/// blank line and an empty article in the middle.
fn dataset() -> String {
    let arts = sample_articles();
    let mut out = String::new();
    for i in 0..300usize {
        let (source, text) = &arts[i % arts.len()];
        let paras: Vec<&str> = text.split("\n\n").collect();
        let k = (i * 7) % paras.len();
        let body = paras[k..]
            .iter()
            .chain(&paras[..k])
            .take(1 + i % 6)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut obj = serde_json::json!({"source": format!("{source}-{}", i % 3), "text": body});
        if i % 3 != 0 {
            obj["id"] = serde_json::json!(format!("art-{i}"));
        }
        if i % 10 == 0 {
            obj["title"] = serde_json::json!(format!("Title\t{i}"));
            obj["date"] = serde_json::json!("2023-01-15");
        }
        out += &obj.to_string();
        out.push('\n');
        if i == 150 {
            out += "\n{\"id\": \"empty\", \"source\": \"x\", \"text\": \"  \"}\n";
        }
    }
    out
}

fn driver(dir: &Path, args: &[&str]) -> std::process::Output {
    let script = Path::new(ROOT).join("scale/spark/framelens_spark.py");
    Command::new(python())
        .arg(script)
        .args([
            "--master",
            "local[2]",
            "--binary",
            env!("CARGO_BIN_EXE_framelens"),
        ])
        .args(["--lexicon", &format!("{ROOT}/corpus/lexicon.toml")])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
#[ignore = "opt-in: needs Java and pyspark; see the module doc"]
fn spark_count_and_merge_equal_single_process_count() {
    if let Some(why) = missing() {
        eprintln!("skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("data.jsonl"), dataset()).unwrap();
    let single = Command::new(env!("CARGO_BIN_EXE_framelens"))
        .args(["count", "--corpus", "data.jsonl", "--quiet", "--lexicon"])
        .arg(format!("{ROOT}/corpus/lexicon.toml"))
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(single.status.success());
    let t = std::time::Instant::now();
    let out = driver(
        dir,
        &[
            "--input",
            "data.jsonl",
            "--partitions",
            "5",
            "--fan-in",
            "2",
            "--out",
            "merged.tsv",
        ],
    );
    eprintln!("spark run: {:.1} s", t.elapsed().as_secs_f64());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read(dir.join("merged.tsv")).unwrap();
    let text = String::from_utf8_lossy(&single.stdout);
    assert!(
        text.contains("article\tfourth-international-1\tart-1\t"),
        "ids kept"
    );
    assert!(text.contains("\tdata.jsonl:1\t"), "ids made from lines");
    // Article i is on line i + 1; after i = 150 (line 151) a blank line (152)
    // and the empty article (153).
    assert!(
        text.contains("warning\tdata.jsonl\t153\t0\tempty article skipped\n"),
        "the empty article is a warning"
    );
    if merged != single.stdout {
        let keep = std::env::temp_dir().join("framelens-spark-failure");
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(keep.join("spark.tsv"), &merged).unwrap();
        std::fs::write(keep.join("single.tsv"), &single.stdout).unwrap();
        std::fs::copy(dir.join("data.jsonl"), keep.join("data.jsonl")).unwrap();
        panic!(
            "Spark's merged partial differs from framelens count: see {}",
            keep.display()
        );
    }

    // One malformed line fails the job, naming framelens's error.
    let mut bad = dataset();
    let at = bad.match_indices('\n').nth(200).unwrap().0;
    bad.insert_str(
        at + 1,
        "{\"id\": \"bad\", \"source\": \"x\", \"text\": 3}\n",
    );
    std::fs::write(dir.join("bad.jsonl"), bad).unwrap();
    let out = driver(
        dir,
        &[
            "--input",
            "bad.jsonl",
            "--partitions",
            "4",
            "--out",
            "bad.tsv",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("the Spark job failed"), "{err}");
    assert!(err.contains("field \"text\" must be a string"), "{err}");
    assert!(!dir.join("bad.tsv").exists());
}

#[test]
#[ignore = "opt-in: needs Java and pyspark; see the module doc"]
fn spark_directory_layout_equals_single_process_count() {
    if let Some(why) = missing() {
        eprintln!("skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // The sample corpus without corpus.toml (the driver does not apply it).
    for (i, (source, text)) in sample_articles().into_iter().enumerate() {
        std::fs::create_dir_all(dir.join("c").join(&source)).unwrap();
        std::fs::write(dir.join("c").join(&source).join(format!("a{i}.txt")), text).unwrap();
    }
    let single = Command::new(env!("CARGO_BIN_EXE_framelens"))
        .args(["count", "--corpus", "c", "--quiet", "--lexicon"])
        .arg(format!("{ROOT}/corpus/lexicon.toml"))
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(single.status.success());
    let out = driver(
        dir,
        &[
            "--input",
            "c",
            "--layout",
            "dir",
            "--partitions",
            "3",
            "--out",
            "merged.tsv",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Same statistics; only the provenance lines differ (the shards read stdin).
    let strip = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.starts_with("corpus\t") && !l.starts_with("input\t"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    let merged = std::fs::read(dir.join("merged.tsv")).unwrap();
    assert_eq!(strip(&merged), strip(&single.stdout));
}
