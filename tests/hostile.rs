//! The second round of bad inputs and faults (issue 23), run through the
//! binary like `tests/bad_input.rs`: each case checks the exit code and that
//! the message names the file (and line). Rows in
//! `tests/fixtures/bad/CATALOGUE.md` list the same cases.
//!
//! The complexity checks (work at two sizes 8× apart) are `#[ignore]`d:
//! `cargo test --release --test hostile -- --ignored complexity`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bad_dir() -> PathBuf {
    root().join("tests/fixtures/bad")
}

fn lexicon() -> PathBuf {
    root().join("corpus/lexicon.toml")
}

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("framelens"));
    c.current_dir(bad_dir());
    c
}

/// Runs `args` in `dir`; checks the exit code, that every needle is in
/// stderr, and that nothing panicked. Returns the output.
fn check_in(dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> Output {
    let out = bin().current_dir(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "framelens {args:?}: exit code\nstderr: {stderr}"
    );
    for n in needles {
        assert!(
            stderr.contains(n),
            "framelens {args:?}: expected {n:?} in stderr:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    out
}

fn check(args: &[&str], code: i32, needles: &[&str]) -> Output {
    check_in(&bad_dir(), args, code, needles)
}

/// A shell command line running framelens with `args` (single-quoted).
fn shell_line(args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("framelens");
    let mut s = format!("'{}'", bin.display());
    for a in args {
        s.push_str(&format!(" '{a}'"));
    }
    s
}

/// Runs `sh -c <script>` in `tests/fixtures/bad`.
fn sh(script: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(bad_dir())
        .output()
        .unwrap()
}

/// A directory corpus in a temporary folder: `files` are (relative path, bytes).
fn corpus_of(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let p = tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    tmp
}

// ------------------------------------------------------------- 1. stderr and stdout

#[test]
fn a_closed_or_full_stderr_never_panics() {
    // `empty/` gives a warning; `no-such-corpus` an error. Each with stderr on
    // /dev/full, closed, and a pipe closed before anything is written.
    for args in [
        &["tokens", "--corpus", "empty"][..],
        &["tokens", "--corpus", "no-such-corpus"][..],
    ] {
        let want = if args[2] == "empty" { 0 } else { 1 };
        let line = shell_line(args);
        for redirect in ["2>/dev/full", "2>&-"] {
            let out = sh(&format!("{line} >/dev/null {redirect}"));
            assert_eq!(out.status.code(), Some(want), "{args:?} {redirect}");
        }
        let mut child = bin()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        assert_eq!(child.wait().unwrap().code(), Some(want), "{args:?} | head");
    }
}

#[test]
fn a_closed_stdout_is_an_error_but_dev_null_is_not() {
    let line = shell_line(&["tokens", "--corpus", "no-manifest"]);
    let out = sh(&format!("{line} >&-"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("framelens: <stdout>: standard output is closed"),
        "{stderr}"
    );
    let out = sh(&format!("{line} >/dev/null"));
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    // A command that writes nothing to stdout does not care.
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p.tsv");
    let count = shell_line(&[
        "count",
        "--corpus",
        "no-manifest",
        "--lexicon",
        lexicon().to_str().unwrap(),
        "--out",
        p.to_str().unwrap(),
    ]);
    let out = sh(&format!("{count} >&-"));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // `count --out -` writes the partial to stdout: closed, it fails too.
    let count = shell_line(&[
        "count",
        "--corpus",
        "no-manifest",
        "--lexicon",
        lexicon().to_str().unwrap(),
    ]);
    let out = sh(&format!("{count} >&-"));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

// ------------------------------------------------------------- 7. terminal escapes on stderr

#[test]
fn control_characters_in_names_are_escaped_on_stderr() {
    let evil = "src\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    let empty = format!("{evil}/empty.txt");
    let ok = format!("{evil}/ok.txt");
    let tmp = corpus_of(&[(&empty, b""), (&ok, b"Words here.\n")]);
    let out = check_in(
        tmp.path(),
        &["terms", "--corpus", "."],
        0,
        &["warning: ./src\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J/empty.txt: empty article skipped"],
    );
    assert!(!out.stderr.contains(&0x1b), "a raw ESC reached stderr");
    // An error naming such a path, and the note `report` prints.
    let missing = format!("{evil}.jsonl");
    let out = check(&["tokens", "--corpus", &missing], 1, &["\\u{1b}]0;PWNED"]);
    assert!(!out.stderr.contains(&0x1b));
    let elsewhere = tempfile::tempdir().unwrap();
    let reports = elsewhere.path().join(format!("out{evil}"));
    let out = check_in(
        tmp.path(),
        &[
            "report",
            "--corpus",
            ".",
            "--lexicon",
            lexicon().to_str().unwrap(),
            "--out",
            reports.to_str().unwrap(),
        ],
        0,
        &["framelens: wrote ", "outsrc\\u{1b}]0;PWNED"],
    );
    assert!(!out.stderr.contains(&0x1b));
}

/// Runs `args` in `dir` with a time limit: a hang is a failure, not a stuck test.
fn check_quickly(dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> Output {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("framelens {args:?} hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    for n in needles {
        assert!(stderr.contains(n), "{args:?}: expected {n:?} in:\n{stderr}");
    }
    out
}

// ------------------------------------------------------------- 4. hangs

#[test]
fn too_many_threads_is_a_usage_error_before_any_thread_starts() {
    for n in ["100000", "18446744073709551615", "1025"] {
        check_quickly(
            &bad_dir(),
            &["terms", "--corpus", "no-manifest", "--threads", n],
            2,
            &["--threads", "must be at most 1024"],
        );
    }
    check(
        &["terms", "--corpus", "no-manifest", "--threads", "1024"],
        0,
        &[],
    );
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

#[test]
fn settings_files_that_are_not_regular_files_are_refused() {
    // corpus.toml a FIFO (opening it would block forever), a folder.
    let tmp = corpus_of(&[("src/a.txt", b"Words here.\n")]);
    mkfifo(&tmp.path().join("corpus.toml"));
    check_quickly(
        tmp.path(),
        &["tokens", "--corpus", "."],
        1,
        &["./corpus.toml: not a regular file but a FIFO (named pipe)"],
    );
    std::fs::remove_file(tmp.path().join("corpus.toml")).unwrap();
    std::fs::create_dir(tmp.path().join("corpus.toml")).unwrap();
    check_quickly(
        tmp.path(),
        &["tokens", "--corpus", "."],
        1,
        &["./corpus.toml: not a regular file but a folder"],
    );
    std::fs::remove_dir(tmp.path().join("corpus.toml")).unwrap();
    // The lexicon and the stopword list: /dev/zero (endless), a FIFO, a folder.
    let fifo = tmp.path().join("lexicon.toml");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    for (lex, what) in [
        (
            "/dev/zero",
            "/dev/zero: not a regular file but a character device",
        ),
        (
            fifo,
            "lexicon.toml: not a regular file but a FIFO (named pipe)",
        ),
        (".", ".: not a regular file but a folder"),
    ] {
        check_quickly(
            tmp.path(),
            &["lexicon", "--corpus", ".", "--lexicon", lex],
            1,
            &[what],
        );
        check_quickly(
            tmp.path(),
            &["terms", "--corpus", ".", "--stopwords", lex],
            1,
            &[what],
        );
    }
}

#[test]
fn settings_files_have_a_size_cap() {
    // A sparse file of 257 MiB: refused from its size, before any read.
    let tmp = corpus_of(&[("src/a.txt", b"Words here.\n")]);
    let big = |name: &str| {
        let p = tmp.path().join(name);
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(257 << 20).unwrap();
        p
    };
    let lex = big("big.toml");
    let stop = big("stopwords.txt");
    let msg = "file of 269484032 bytes exceeds the 256 MiB limit";
    check_quickly(
        tmp.path(),
        &[
            "lexicon",
            "--corpus",
            ".",
            "--lexicon",
            lex.to_str().unwrap(),
        ],
        1,
        &["big.toml: ", msg],
    );
    check_quickly(
        tmp.path(),
        &[
            "terms",
            "--corpus",
            ".",
            "--stopwords",
            stop.to_str().unwrap(),
        ],
        1,
        &["stopwords.txt: ", msg],
    );
    std::fs::remove_file(&lex).unwrap();
    std::fs::remove_file(&stop).unwrap();
    big("corpus.toml");
    check_quickly(
        tmp.path(),
        &["tokens", "--corpus", "."],
        1,
        &["./corpus.toml: ", msg],
    );
}

// ------------------------------------------------------------- 9. numeric options

#[test]
fn numeric_options_are_range_checked() {
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["keyness", "--measure", "logodds", "--alpha0=0"],
            "greater than 0",
        ),
        (
            &["keyness", "--measure", "logodds", "--alpha0=-1"],
            "greater than 0",
        ),
        (
            &["keyness", "--measure", "logodds", "--alpha0", "NaN"],
            "finite",
        ),
        (
            &["keyness", "--measure", "logodds", "--alpha0", "inf"],
            "finite",
        ),
        (
            &["keyness", "--measure", "logodds", "--alpha0", "1e-320"],
            "too close to 0",
        ),
        (
            &["keyness", "--measure", "logodds", "--alpha0", "x"],
            "invalid float",
        ),
        (&["terms", "--top", "0"], "at least 1"),
        (&["keyness", "--top", "0"], "at least 1"),
        (&["terms", "--min-count", "0"], "at least 1"),
        (&["terms", "--ngrams", "4"], "not in 1..=3"),
        (&["terms", "--threads", "0"], "at least 1"),
        (
            &["lexicon", "--lexicon", lex, "--resamples", "100001"],
            "at most 100000",
        ),
        (
            &["lexicon", "--lexicon", lex, "--resamples=-1"],
            "--resamples",
        ),
        (&["lexicon", "--lexicon", lex, "--seed=-1"], "--seed"),
        (
            &["kwic", "junta", "--lexicon", lex, "--window", "1001"],
            "at most 1000",
        ),
        (
            &[
                "kwic",
                "junta",
                "--lexicon",
                lex,
                "--window",
                "18446744073709551615",
            ],
            "at most 1000",
        ),
        (&["generate", "--out", "x", "--size", "0"], "more than 0"),
        (&["generate", "--out", "x", "--size", "NaN"], "more than 0"),
        (&["generate", "--out", "x", "--size", "1e300"], "at most"),
        (&["generate", "--out", "x", "--sources", "0"], "at least 1"),
        (
            &["generate", "--out", "x", "--sources", "10001"],
            "at most 10000",
        ),
        (&["report", "--top", "0", "--check"], "at least 1"),
    ];
    for (args, msg) in cases {
        let mut a: Vec<&str> = args.to_vec();
        if a[0] != "generate" {
            a.extend(["--corpus", "no-manifest"]);
        }
        let out = check(&a, 2, &[msg]);
        assert!(out.stdout.is_empty(), "{a:?}");
    }
    // The edges that are fine.
    check(
        &[
            "keyness",
            "--corpus",
            "no-manifest",
            "--measure",
            "logodds",
            "--alpha0",
            "1e-300",
        ],
        0,
        &[],
    );
    check(
        &[
            "kwic",
            "junta",
            "--corpus",
            "no-manifest",
            "--lexicon",
            lex,
            "--window",
            "1000",
        ],
        0,
        &[],
    );
}
