//! `data/inputs.csv` lists every input file with the SHA-256 of the bytes the
//! reader read: for a directory (its `corpus.toml`, then each article file
//! that gave an article), a JSONL file and a CSV file; `manifest.json` has
//! their number, their bytes and the SHA-256 of that list. The hashes here are
//! computed independently, from the files on disk.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use sha2::{Digest, Sha256};

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs `report` on `corpus` and returns the manifest's inputs: path → (bytes, sha256).
fn manifest_inputs(corpus: &Path, args: &[&str]) -> BTreeMap<String, (u64, String)> {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("r");
    Command::cargo_bin("framelens")
        .unwrap()
        .arg("report")
        .arg("--corpus")
        .arg(corpus)
        .arg("--lexicon")
        .arg("tests/fixtures/report/lexicon.toml")
        .arg("--out")
        .arg(&dir)
        .args(args)
        .arg("--quiet")
        .assert()
        .success();
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let list = std::fs::read(dir.join("data/inputs.csv")).unwrap();
    // The manifest pins the list: its SHA-256, the number of files and their bytes.
    assert_eq!(m["inputs"]["list"], "data/inputs.csv");
    assert_eq!(m["inputs"]["list_sha256"], sha256(&list));
    let mut r = csv::Reader::from_reader(list.as_slice());
    let rows: BTreeMap<String, (u64, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                (rec[1].parse().unwrap(), rec[2].to_string()),
            )
        })
        .collect();
    assert_eq!(m["inputs"]["files"], rows.len() as u64);
    assert_eq!(
        m["inputs"]["bytes"],
        rows.values().map(|r| r.0).sum::<u64>()
    );
    rows
}

fn on_disk(path: &Path) -> (u64, String) {
    let bytes = std::fs::read(path).unwrap();
    (bytes.len() as u64, sha256(&bytes))
}

#[test]
fn a_directory_lists_its_manifest_and_every_article_file() {
    let root = Path::new("tests/fixtures/report/corpus");
    let got = manifest_inputs(root, &[]);
    let mut want = BTreeMap::new();
    let shown = |p: &str| format!("{}/{p}", root.display());
    want.insert(shown("corpus.toml"), on_disk(&root.join("corpus.toml")));
    for source in ["alpha", "beta"] {
        for f in std::fs::read_dir(root.join(source)).unwrap() {
            let p = f.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            want.insert(shown(&format!("{source}/{name}")), on_disk(&p));
        }
    }
    assert_eq!(want.len(), 3, "{want:?}");
    assert_eq!(got, want);
}

#[test]
fn only_the_sources_read_are_listed() {
    let root = Path::new("tests/fixtures/report/corpus");
    let got = manifest_inputs(root, &["--source", "beta"]);
    let shown = |p: &str| format!("{}/{p}", root.display());
    let want: BTreeMap<String, (u64, String)> = [
        (shown("corpus.toml"), on_disk(&root.join("corpus.toml"))),
        (shown("beta/two.txt"), on_disk(&root.join("beta/two.txt"))),
    ]
    .into();
    assert_eq!(got, want);
}

#[test]
fn a_jsonl_or_csv_file_is_one_input_hashed_whole() {
    for (file, args) in [
        // (It holds a Spanish article: no built-in Spanish stopwords.)
        (
            "tests/fixtures/corpus/articles.jsonl",
            &["--stopwords", "none"][..],
        ),
        ("tests/fixtures/corpus/all-the-news.csv", &[][..]),
    ] {
        let got = manifest_inputs(Path::new(file), args);
        let want: BTreeMap<String, (u64, String)> =
            [(file.to_string(), on_disk(Path::new(file)))].into();
        assert_eq!(got, want, "{file}");
    }
}

/// The lexicon's entry: the size and SHA-256 of the very bytes parsed (the file
/// is read once), equal to a hash of the file on disk.
#[test]
fn the_lexicon_is_hashed_from_the_bytes_parsed() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("r");
    let lexicon = "tests/fixtures/report/lexicon.toml";
    Command::cargo_bin("framelens")
        .unwrap()
        .args([
            "report",
            "--corpus",
            "tests/fixtures/report/corpus",
            "--lexicon",
            lexicon,
            "--quiet",
            "--out",
        ])
        .arg(&dir)
        .assert()
        .success();
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let (bytes, sha) = on_disk(Path::new(lexicon));
    assert_eq!(m["lexicon"]["path"], lexicon);
    assert_eq!(m["lexicon"]["bytes"], bytes);
    assert_eq!(m["lexicon"]["sha256"], sha.as_str());
}
