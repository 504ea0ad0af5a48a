//! Progress through a pseudo-terminal (`script` from util-linux runs the
//! binary with a terminal as stdin, stdout and stderr): a bar while the corpus
//! is read and a summary line; nothing when stderr is a pipe or with --quiet.

use std::process::Command;

/// Runs `framelens ARGS` under `script`, returning everything the terminal got.
fn under_a_terminal(args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_framelens");
    let out = Command::new("script")
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .env("COLUMNS", "100")
        .output()
        .expect("`script` (util-linux) runs a command under a pseudo-terminal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_terminal_gets_a_bar_and_a_summary() {
    let tty = under_a_terminal("tfidf --corpus corpus --top 1");
    assert!(tty.contains("reading "), "{tty}");
    assert!(
        tty.contains(" KiB/"),
        "read of the corpus folder's size: {tty}"
    );
    assert!(tty.contains("framelens: read 5 articles ("), "{tty}");
    assert!(tty.contains("Castillo"), "the output is still there: {tty}");
}

#[test]
fn quiet_or_a_pipe_gets_no_progress() {
    let tty = under_a_terminal("tfidf --corpus corpus --top 1 --quiet");
    assert!(!tty.contains("reading "), "{tty}");
    assert!(!tty.contains("framelens: read"), "{tty}");
    let piped = Command::new(env!("CARGO_BIN_EXE_framelens"))
        .args(["tfidf", "--corpus", "corpus", "--top", "1"])
        .output()
        .unwrap();
    assert!(piped.status.success());
    let err = String::from_utf8_lossy(&piped.stderr);
    assert!(
        !err.contains("reading") && !err.contains("framelens: read"),
        "{err}"
    );
}

#[test]
fn standard_input_gets_a_spinner_with_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("c.jsonl");
    std::fs::write(
        &file,
        "{\"source\":\"a\",\"text\":\"One article.\"}\n{\"source\":\"b\",\"text\":\"Two.\"}\n",
    )
    .unwrap();
    let tty = under_a_terminal(&format!(
        "tokens --corpus - < {} > /dev/null",
        file.display()
    ));
    assert!(tty.contains("framelens: read 2 articles ("), "{tty}");
    assert!(!tty.contains(" left"), "no time left without a size: {tty}");
}
