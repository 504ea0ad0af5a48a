//! Terminal injection through the table format: a source folder, a title or a
//! term holding control characters (ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J
//! clears it) is printed with each replaced by U+FFFD, in headings and in cells
//! (stderr escapes them as `\u{1b}` instead: tests/hostile.rs).

use assert_cmd::Command;

#[test]
fn table_output_escapes_control_characters_from_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "src\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    std::fs::create_dir_all(tmp.path().join(evil)).unwrap();
    std::fs::write(
        tmp.path().join(evil).join("a.txt"),
        "The rioters marched.\nThe police answered with repression.\n",
    )
    .unwrap();
    std::fs::create_dir_all(tmp.path().join("plain")).unwrap();
    std::fs::write(
        tmp.path().join("plain/b.txt"),
        "The protesters marched.\nThe government called it a coup.\n",
    )
    .unwrap();
    for cmd in [
        &["terms"][..],
        &["tfidf"],
        &["keyness"],
        &["similarity"],
        &["lexicon", "--lexicon", "corpus/lexicon.toml"],
        &["kwic", "march*", "--lexicon", "corpus/lexicon.toml"],
    ] {
        let out = Command::cargo_bin("framelens")
            .unwrap()
            .args(cmd)
            .arg("--corpus")
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{cmd:?} printed a raw control character: {text:?}"
        );
        // Each control character is shown as U+FFFD (output::printable).
        assert!(
            text.contains("src\u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}[2J"),
            "{cmd:?} shows the name with its control characters replaced: {text}"
        );
    }
}
