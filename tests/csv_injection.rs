//! CSV injection: corpus text that a spreadsheet would run as a formula gets a
//! leading `'` in every CSV framelens writes (`--format csv` and the report's
//! `data/*.csv`); numbers keep their sign; JSON keeps the raw values.

use assert_cmd::Command;

const EVIL_SOURCE: &str = "=HYPERLINK(\"http://evil.example\",\"x\")";

fn corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("c.jsonl");
    let lines = [
        serde_json::json!({"source": EVIL_SOURCE, "id": "a1", "title": "@SUM(1+1)", "author": "+cmd|' /C calc'!A0", "url": "-2+3", "text": "The rioters marched. The police answered with repression."}),
        serde_json::json!({"source": "plain", "id": "b1", "title": "Plain", "text": "The protesters marched. The government called it a coup."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path
}

fn framelens(args: &[&str], corpus: &std::path::Path) -> String {
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn commands_neutralize_formula_cells_in_csv_and_keep_json_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(tmp.path());
    for cmd in [&["terms"][..], &["tfidf"], &["keyness"]] {
        let mut args = cmd.to_vec();
        args.extend(["--format", "csv"]);
        let csv = framelens(&args, &c);
        assert!(csv.contains("\"'=HYPERLINK("), "{cmd:?}: {csv}");
        assert!(
            !csv.contains(",\"=") && !csv.contains("\n\"="),
            "{cmd:?}: {csv}"
        );
        // Negative scores are numbers, not formulas.
        if cmd == ["keyness"] {
            assert!(csv.contains(",-"), "negative G² kept: {csv}");
        }
        let mut args = cmd.to_vec();
        args.extend(["--format", "json"]);
        let json = framelens(&args, &c);
        assert!(json.contains("\"=HYPERLINK("), "{cmd:?} JSON is raw");
        assert!(!json.contains("'=HYPERLINK("), "{cmd:?} JSON is raw");
    }
}

#[test]
fn report_data_neutralizes_formula_cells() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(tmp.path());
    let out = tmp.path().join("reports");
    let status = Command::cargo_bin("framelens")
        .unwrap()
        .args(["report", "--corpus"])
        .arg(&c)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut checked = 0;
    for entry in std::fs::read_dir(out.join("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let first = cell.bytes().next();
                let formula = matches!(first, Some(b'=' | b'@' | b'\t' | b'\r'))
                    || (matches!(first, Some(b'+' | b'-')) && cell.parse::<f64>().is_err());
                assert!(!formula, "{}: {cell:?}", path.display());
            }
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked} CSV files");
    let articles = std::fs::read_to_string(out.join("data/articles.csv")).unwrap();
    assert!(articles.contains("'@SUM(1+1)"), "{articles}");
    assert!(articles.contains("'+cmd|"), "{articles}");
    assert!(articles.contains("'-2+3"), "{articles}");
    let json = std::fs::read_to_string(out.join("analysis.json")).unwrap();
    assert!(
        json.contains("\"=HYPERLINK("),
        "analysis.json keeps the raw name"
    );
}
