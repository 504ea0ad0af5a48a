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

// ------------------------------------------------------------- 2, 3. partials

/// The partial `count` writes for `no-manifest` (one source, or all).
fn partial_of(source: Option<&str>) -> String {
    let lex = lexicon();
    let mut args = vec![
        "count",
        "--corpus",
        "no-manifest",
        "--lexicon",
        lex.to_str().unwrap(),
    ];
    if let Some(s) = source {
        args.extend(["--source", s]);
    }
    let out = check(&args, 0, &[]);
    String::from_utf8(out.stdout).unwrap()
}

/// Writes `text` to `dir/name`; returns the path as a string.
fn put(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// (line number, line) of the first line of `text` starting with `prefix`.
fn find_line<'a>(text: &'a str, prefix: &str) -> (usize, &'a str) {
    text.lines()
        .enumerate()
        .find(|(_, l)| l.starts_with(prefix))
        .map(|(i, l)| (i + 1, l))
        .unwrap()
}

fn replace_line(text: &str, line_no: usize, with: &str) -> String {
    let mut v: Vec<&str> = text.lines().collect();
    v[line_no - 1] = with;
    v.join("\n") + "\n"
}

#[test]
fn a_partial_cannot_make_the_reader_allocate_without_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let good = partial_of(None);
    let (n, article) = find_line(&good, "article\t");
    let mut f: Vec<String> = article.split('\t').map(str::to_string).collect();
    let kinds = f.last().unwrap().clone();
    // The 12-byte edit of the issue: one sentence kind repeated 4,294,967,295 times.
    let first = kinds.split(' ').next().unwrap().split('*').next().unwrap();
    let edited = format!("{kinds} {first}*4294967295");
    *f.last_mut().unwrap() = edited.clone();
    let p = put(
        tmp.path(),
        "edit.tsv",
        &replace_line(&good, n, &f.join("\t")),
    );
    for cmd in [
        &["merge", p.as_str()][..],
        &["report", "--stats", p.as_str(), "--check"],
    ] {
        check_quickly(
            &bad_dir(),
            cmd,
            1,
            &[&format!("edit.tsv:{n}: article "), "sentences but"],
        );
    }
    // Made consistent (sentences and words to match): the expansion bound.
    let repeat = 100_000_000u64;
    *f.last_mut().unwrap() = format!("{kinds} {first}*{repeat}");
    let wc: u64 = first.split(':').next().unwrap().parse().unwrap();
    let sentences: u64 = f[8].parse::<u64>().unwrap() + repeat;
    let words: u64 = f[7].parse::<u64>().unwrap() + wc * repeat;
    f[7] = words.to_string();
    f[8] = sentences.to_string();
    let p = put(
        tmp.path(),
        "edit2.tsv",
        &replace_line(&good, n, &f.join("\t")),
    );
    for cmd in [
        &["merge", p.as_str()][..],
        &["report", "--stats", p.as_str(), "--check"],
    ] {
        check_quickly(
            &bad_dir(),
            cmd,
            1,
            &[
                &format!("edit2.tsv:{n}: article "),
                "expand to more sentences than a partial of",
            ],
        );
    }
}

#[test]
fn a_truncated_partial_is_an_error_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let good = partial_of(None);
    let lines = good.lines().count();
    assert!(good.ends_with(&format!("end\t{}\n", lines - 2)), "{good}");
    // `head -n 12`: whole lines, no end record.
    let cut: String = good.lines().take(12).map(|l| format!("{l}\n")).collect();
    let p = put(tmp.path(), "cut.tsv", &cut);
    let msg = "cut.tsv:12: the partial that starts on line 1 ends without its end record: it was cut off (truncated)";
    check(&["merge", &p], 1, &[msg]);
    check(&["report", "--stats", &p, "--check"], 1, &[msg]);
    // Cut in the middle of a line.
    let p = put(tmp.path(), "mid.tsv", &good[..good.len() - 3]);
    check(
        &["merge", &p],
        1,
        &[&format!("mid.tsv:{lines}: the last line has no line end")],
    );
    // A line lost in the middle: the end record's count says so.
    let (n, _) = find_line(&good, "term\t");
    let mut v: Vec<&str> = good.lines().collect();
    v.remove(n - 1);
    let p = put(tmp.path(), "lost.tsv", &(v.join("\n") + "\n"));
    check(
        &["merge", &p],
        1,
        &[&format!(
            "lost.tsv:{}: the partial that starts on line 1 has {} records but its end record says {}",
            lines - 1,
            lines - 3,
            lines - 2
        )],
    );
    // Two partials concatenated, the first cut: named at the second header.
    let a = partial_of(Some("outlet-a"));
    let b = partial_of(Some("outlet-b"));
    let a_cut: String = a.lines().take(5).map(|l| format!("{l}\n")).collect();
    let p = put(tmp.path(), "cat.tsv", &(a_cut + &b));
    check(
        &["merge", &p],
        1,
        &["cat.tsv:6: the partial that starts on line 1 has no end record before this header"],
    );
    // Concatenated whole, they read as their sum; a record after an end is not.
    let p = put(tmp.path(), "cat2.tsv", &(a.clone() + &b));
    check(&["merge", &p], 0, &[]);
    let p = put(tmp.path(), "after.tsv", &(a.clone() + "skipped\t0\n"));
    check(
        &["merge", &p],
        1,
        &[&format!(
            "after.tsv:{}: a record after the end record of its partial",
            a.lines().count() + 1
        )],
    );
    // A v1 partial (no end record) is refused as such.
    let p = put(tmp.path(), "v1.tsv", &good.replacen("\tv2\t", "\tv1\t", 1));
    check(
        &["merge", &p],
        1,
        &["v1.tsv:1: partial format v1 is not supported"],
    );
}

#[test]
fn counts_that_add_up_past_2_64_are_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let big = "18446744073709551000";
    let edit = |text: &str| -> String {
        // The count of the first term of the partial set near 2^64.
        let mut first = true;
        text.lines()
            .map(|l| {
                let mut f: Vec<&str> = l.split('\t').collect();
                if f[0] == "term" && first {
                    f[3] = big;
                    first = false;
                }
                f.join("\t") + "\n"
            })
            .collect()
    };
    let a_alone = edit(&partial_of(Some("outlet-a")));
    let a = put(tmp.path(), "a.tsv", &a_alone);
    let b = put(tmp.path(), "b.tsv", &edit(&partial_of(Some("outlet-b"))));
    // Each alone is fine; merged, the terms' total (which the report sums) is
    // not: an error naming the file, not 18446744073709551614.
    assert_eq!(a_alone.matches(big).count(), 1, "{a_alone}");
    check(&["merge", &a], 0, &[]);
    let err = check(
        &["merge", &a, &b],
        1,
        &[
            "b.tsv: cannot merge with",
            "the term counts of all sources add up past 2^64",
        ],
    );
    let stderr = String::from_utf8_lossy(&err.stderr);
    assert!(!stderr.contains("18446744073709551614"), "{stderr}");
    // Two terms near 2^64 in one file: the total again.
    let (n, term) = find_line(&a_alone, "term\t");
    let mut f: Vec<&str> = a_alone.lines().nth(n).unwrap().split('\t').collect();
    assert_eq!(f[0], "term");
    f[3] = big;
    let p = put(
        tmp.path(),
        "two.tsv",
        &replace_line(&a_alone, n + 1, &f.join("\t")),
    );
    check(
        &["merge", &p],
        1,
        &["two.tsv: the term counts of all sources add up past 2^64"],
    );
    // The same record twice in one file sums, checked.
    let twice = replace_line(&a_alone, n, &format!("{term}\n{term}"));
    let twice = twice.replace(
        &format!("end\t{}", a_alone.lines().count() - 2),
        &format!("end\t{}", a_alone.lines().count() - 1),
    );
    let p = put(tmp.path(), "twice.tsv", &twice);
    check(
        &["merge", &p],
        1,
        &[&format!(
            "twice.tsv:{}: source \"outlet-a\": term counts add up past 2^64",
            n + 1
        )],
    );
}
