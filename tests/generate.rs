//! `framelens generate` end to end: the corpus it writes is read back by the
//! analysis commands, and the same seed gives the same bytes.

use assert_cmd::Command;

fn framelens() -> Command {
    Command::cargo_bin("framelens").unwrap()
}

#[test]
fn generated_corpus_is_readable_and_repeatable() {
    let tmp = tempfile::tempdir().unwrap();
    for d in ["a", "b"] {
        framelens()
            .args([
                "generate",
                "--size",
                "0.3",
                "--sources",
                "3",
                "--seed",
                "5",
                "--out",
            ])
            .arg(tmp.path().join(d))
            .assert()
            .success()
            .stdout(predicates::str::contains("3 sources (seed 5)"));
    }
    let terms = |d: &str| {
        framelens()
            .args(["terms", "--format", "csv", "--corpus"])
            .arg(tmp.path().join(d))
            .output()
            .unwrap()
    };
    let (a, b) = (terms("a"), terms("b"));
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let csv = String::from_utf8(a.stdout).unwrap();
    for s in ["source1,", "source2,", "source3,"] {
        assert!(
            csv.lines()
                .any(|l| l.starts_with(&s.replace("source", "source0"))),
            "{s}"
        );
    }
}

#[test]
fn generate_refuses_a_non_empty_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "x").unwrap();
    framelens()
        .args(["generate", "--size", "0.1", "--out"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not empty"));
}
