//! The second round of bad inputs and faults (issue 23), run through the
//! binary like `tests/bad_input.rs`: each case checks the exit code and that
//! the message names the file (and line). Rows in
//! `tests/fixtures/bad/CATALOGUE.md` list the same cases.
//!
//! The complexity checks (work at two sizes 8× apart; on an idle machine: a
//! build running beside them doubles the noise) are `#[ignore]`d:
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
fn a_closed_stdout_is_warned_about_but_dev_null_is_not() {
    let line = shell_line(&["tokens", "--corpus", "no-manifest"]);
    let warning = "framelens: warning: standard output is closed (>&-), or /dev/null opened read-write: the output is discarded";
    // Closed, or read-write /dev/null as Python's subprocess.DEVNULL opens it
    // (the two look alike): one warning, the run goes on.
    for redirect in [">&-", "1<>/dev/null"] {
        let out = sh(&format!("{line} {redirect}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert_eq!(stderr.matches(warning).count(), 1, "{redirect}: {stderr}");
    }
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
    // `count --out -` writes the partial to stdout: closed, it warns too.
    let count = shell_line(&[
        "count",
        "--corpus",
        "no-manifest",
        "--lexicon",
        lexicon().to_str().unwrap(),
    ]);
    let out = sh(&format!("{count} >&-"));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains(warning));
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

/// Runs `args` in `dir` with a time limit (60 s: the machine may be busy):
/// a hang is a failure, not a stuck test.
fn check_quickly(dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> Output {
    check_within(60, dir, args, code, needles)
}

fn check_within(secs: u64, dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> Output {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(secs) {
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
        (&["terms", "--ngrams", "0..2"], "not in 1..=3"),
        (&["terms", "--ngrams", "3..2"], "is empty"),
        (&["terms", "--ngrams", "1-3"], "is not N or MIN..MAX"),
        (&["terms", "--ngram-stopwords", "drop"], "(skip, join)"),
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
    let p = put(
        tmp.path(),
        "v1.tsv",
        &good.replacen(&format!("\t{}\t", framelens::partial::VERSION), "\tv1\t", 1),
    );
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

// ------------------------------------------------------------- 5. complexity

/// A word of letters only, distinct for each `i` (not a stopword, not stemmed
/// into another: `zq` + base-26 letters + `x`).
fn word(i: usize) -> String {
    let mut s = String::from("zq");
    let mut n = i;
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.push('x');
    s
}

/// Seconds for the fastest of `runs` runs of `args` in `dir` (which must succeed).
fn seconds(dir: &Path, args: &[String], runs: usize) -> f64 {
    (0..runs)
        .map(|_| {
            let start = std::time::Instant::now();
            let out = bin().current_dir(dir).args(args).output().unwrap();
            let t = start.elapsed().as_secs_f64();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            t
        })
        .fold(f64::INFINITY, f64::min)
}

/// What one size of a complexity case runs: a folder with its inputs and the
/// command (run inside it).
struct Case {
    dir: tempfile::TempDir,
    args: Vec<String>,
}

/// A `report` (every statistic, every file) of `corpus` with `lexicon`, both
/// relative to the case folder, on one thread.
fn report_args(corpus: &str, lexicon: &str) -> Vec<String> {
    [
        "report",
        "--corpus",
        corpus,
        "--lexicon",
        lexicon,
        "--out",
        "reports",
        "--threads",
        "1",
        "--quiet",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// A case with one JSONL corpus `c.jsonl` of `articles` ((source, text)) and
/// the sample lexicon (or `lexicon`'s text), reported.
fn jsonl_case(articles: &[(String, String)], lexicon_text: Option<&str>) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for (source, text) in articles {
        jsonl += &serde_json::json!({"source": source, "text": text}).to_string();
        jsonl.push('\n');
    }
    std::fs::write(dir.path().join("c.jsonl"), jsonl).unwrap();
    let lex = match lexicon_text {
        Some(text) => text.to_string(),
        None => std::fs::read_to_string(lexicon()).unwrap(),
    };
    std::fs::write(dir.path().join("lexicon.toml"), lex).unwrap();
    let args = report_args("c.jsonl", "lexicon.toml");
    Case { dir, args }
}

/// One article of one source.
fn one(text: String) -> Vec<(String, String)> {
    vec![("s".to_string(), text)]
}

/// Times `make(n)` and `make(8n)` (less the time of `make(1)`: start-up,
/// lexicon, fixed files) and fails when the work grows more than 12 times.
/// Prints the row of the complexity table.
fn grows_linearly(dimension: &str, n: usize, make: impl Fn(usize) -> Case) {
    let base = make(1);
    let t0 = seconds(base.dir.path(), &base.args, 3);
    let small = make(n);
    let t1 = seconds(small.dir.path(), &small.args, 3);
    let large = make(8 * n);
    let t8 = seconds(large.dir.path(), &large.args, 2);
    let ratio = (t8 - t0).max(1e-3) / (t1 - t0).max(1e-3);
    println!(
        "complexity | {dimension} | {n} | {:.3} s | {} | {:.3} s | {ratio:.1}× (fixed cost {:.3} s subtracted)",
        t1,
        8 * n,
        t8,
        t0
    );
    assert!(
        t1 - t0 > 0.05,
        "{dimension}: the small size ({n}) takes too little time ({:.3} s over the fixed cost) to measure",
        t1 - t0
    );
    assert!(
        ratio <= 12.0,
        "{dimension}: 8× the input took {ratio:.1}× the time ({t1:.3} s → {t8:.3} s, fixed cost {t0:.3} s)"
    );
}

const SENTENCE: &str =
    "The junta repressed the protesters in Lima while Boluarte spoke of terrorists. ";

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_articles() {
    grows_linearly("articles", 2_000, |n| {
        let arts = (0..n)
            .map(|i| (format!("s{}", i % 5), SENTENCE.repeat(3)))
            .collect::<Vec<_>>();
        jsonl_case(&arts, None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_sources() {
    grows_linearly("sources", 60, |n| {
        let arts = (0..2 * n)
            .map(|i| (word(i / 2), SENTENCE.repeat(3)))
            .collect::<Vec<_>>();
        jsonl_case(&arts, None)
    });
}

/// A lexicon of `k` categories of 5 words each, from `word(0..)`, and one actor.
fn lexicon_of(k: usize) -> String {
    let mut s = String::from("[meta]\nname = \"t\"\nversion = \"1\"\n\n");
    for c in 0..k {
        let terms: Vec<String> = (0..5).map(|j| format!("\"{}\"", word(c * 5 + j))).collect();
        s += &format!(
            "[categories.c{c}]\nlabel = \"C{c}\"\nterms = [{}]\n\n",
            terms.join(", ")
        );
    }
    s += "[actors.a]\nlabel = \"A\"\naliases = [\"Boluarte\"]\n";
    s
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_categories() {
    // 1,200 articles of 40 sentences using the words of 128 categories: the
    // number of hits is the same whatever the lexicon; the categories grow.
    let text = |a: usize| -> String {
        (0..40)
            .map(|s| format!("Boluarte said {} today. ", word((a * 40 + s) % 640)))
            .collect()
    };
    grows_linearly("categories", 16, |k| {
        let arts = (0..1200)
            .map(|a| (format!("s{}", a % 5), text(a)))
            .collect::<Vec<_>>();
        jsonl_case(&arts, Some(&lexicon_of(k)))
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_lexicon_entries() {
    // One category of k entries; the text uses 1,000 of them.
    let lex = |k: usize| {
        let terms: Vec<String> = (0..k).map(|j| format!("\"{}\"", word(j))).collect();
        format!(
            "[meta]\nname = \"t\"\nversion = \"1\"\n\n[categories.c]\nlabel = \"C\"\nterms = [{}]\n",
            terms.join(", ")
        )
    };
    let text: String = (0..1000).map(|i| format!("{} said. ", word(i))).collect();
    grows_linearly("lexicon entries", 20_000, |k| {
        jsonl_case(&one(text.repeat(10)), Some(&lex(k)))
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_hits_per_sentence() {
    // The case: one sentence of N × "Boluarte repression" (N hits, N actor mentions).
    grows_linearly("hits (and actor mentions) per sentence", 20_000, |n| {
        jsonl_case(&one("Boluarte repression ".repeat(n)), None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_actor_mentions() {
    grows_linearly("actor mentions per sentence, one hit", 160_000, |n| {
        jsonl_case(&one(format!("{} repression.", "Boluarte ".repeat(n))), None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_quotes_per_line() {
    // N scare quotes on one line, each around a hit; then N hits after N
    // quotations (the search back through the quotations).
    grows_linearly("quotations per line", 10_000, |n| {
        let text = format!(
            "{}{}",
            "“repression” said ".repeat(n),
            "repression ".repeat(n)
        );
        jsonl_case(&one(text), None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_unmatched_quote_marks() {
    // N openers of one kind, then N closers of another (none matches).
    grows_linearly("unmatched quote marks per line", 80_000, |n| {
        jsonl_case(
            &one(format!("{} repression {}", "« ".repeat(n), "” ".repeat(n))),
            None,
        )
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_nesting_depth() {
    // N quotations nested N deep around N words with hits.
    grows_linearly("quotation nesting depth", 20_000, |n| {
        jsonl_case(
            &one(format!(
                "{}{}{}",
                "“".repeat(n),
                "repression ".repeat(n),
                "”".repeat(n)
            )),
            None,
        )
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_line_length() {
    // One line, one sentence, of N words (a few distinct), no hit.
    grows_linearly("line length (words in one sentence)", 400_000, |n| {
        let text: String = (0..n).map(|i| format!("{} ", word(i % 50))).collect();
        jsonl_case(&one(text), None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_sentences_per_article() {
    grows_linearly("sentences per article", 10_000, |n| {
        jsonl_case(&one(SENTENCE.repeat(n)), None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_vocabulary() {
    // N distinct words over 100 articles: every term is written.
    grows_linearly("distinct words", 20_000, |n| {
        let arts = (0..100)
            .map(|a| {
                let text: String = (a * n / 100..(a + 1) * n / 100)
                    .map(|i| format!("{} ", word(i)))
                    .collect();
                (format!("s{}", a % 5), text)
            })
            .collect::<Vec<_>>();
        jsonl_case(&arts, None)
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_boilerplate_entries() {
    // A directory corpus of 50 articles of 200 lines; N boilerplate entries.
    grows_linearly("boilerplate entries", 1_000, |n| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus/s")).unwrap();
        let text: String = (0..200)
            .map(|l| format!("{} line {l}.\n", word(l)))
            .collect();
        for a in 0..50 {
            std::fs::write(dir.path().join(format!("corpus/s/a{a}.txt")), &text).unwrap();
        }
        let entries: Vec<String> = (0..n).map(|i| format!("\"{} entry\"", word(i))).collect();
        std::fs::write(
            dir.path().join("corpus/corpus.toml"),
            format!("[sources.s]\nboilerplate = [{}]\n", entries.join(", ")),
        )
        .unwrap();
        let args = report_args("corpus", &lexicon().display().to_string());
        Case { dir, args }
    });
}

#[test]
#[ignore = "complexity: run with --release -- --ignored complexity"]
fn complexity_partial_records() {
    // `merge` of the partial of N articles.
    grows_linearly("partial records (merge)", 4_000, |n| {
        let arts = (0..n)
            .map(|i| (format!("s{}", i % 5), SENTENCE.to_string() + &word(i)))
            .collect::<Vec<_>>();
        let case = jsonl_case(&arts, None);
        let out = bin()
            .current_dir(case.dir.path())
            .args(["count", "--corpus", "c.jsonl", "--lexicon", "lexicon.toml"])
            .args(["--out", "p.tsv", "--quiet"])
            .output()
            .unwrap();
        assert!(out.status.success());
        Case {
            dir: case.dir,
            args: vec![
                "merge".into(),
                "p.tsv".into(),
                "--out".into(),
                "m.tsv".into(),
            ],
        }
    });
}

// ------------------------------------------------------------- 8. reports and data

/// Hidden entries of `dir` (names starting with `.`), sorted.
fn hidden(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// `report` of `corpus` into `out`, run in `dir`.
fn report_cmd<'a>(corpus: &'a str, lex: &'a str, out: &'a str) -> Vec<&'a str> {
    vec!["report", "--corpus", corpus, "--lexicon", lex, "--out", out]
}

#[test]
fn out_inside_the_corpus_or_holding_what_the_run_reads_is_refused_first() {
    let tmp = corpus_of(&[("corpus/src/a.txt", b"The junta spoke.\n")]);
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let d = tmp.path();
    for (out, msg) in [
        (
            "corpus/reports",
            "corpus/reports: is inside the corpus folder corpus: the next run would read the report as a source",
        ),
        ("corpus", "corpus: is inside the corpus folder corpus"),
        (".", ".: is the folder framelens runs in;"),
        ("..", "..: is the folder framelens runs in, or holds it"),
    ] {
        check_quickly(d, &report_cmd("corpus", lex, out), 1, &[msg]);
    }
    // The corpus or the lexicon inside --out (a JSONL corpus beside the reports).
    std::fs::create_dir(d.join("out")).unwrap();
    std::fs::write(
        d.join("out/c.jsonl"),
        "{\"source\":\"a\",\"text\":\"Junta.\"}\n",
    )
    .unwrap();
    check_quickly(
        d,
        &report_cmd("out/c.jsonl", lex, "out"),
        1,
        &["out: holds the corpus out/c.jsonl"],
    );
    std::fs::copy(lex, d.join("out/lex.toml")).unwrap();
    check_quickly(
        d,
        &report_cmd("corpus", "out/lex.toml", "out"),
        1,
        &["out: holds out/lex.toml, which this run reads"],
    );
    // Nothing was made, and a report outside the corpus is read back as it was.
    assert!(!d.join("corpus/reports").exists());
    check_quickly(
        d,
        &report_cmd("corpus", lex, "reports"),
        0,
        &["wrote reports"],
    );
    let out = check_quickly(d, &["tokens", "--corpus", "corpus"], 0, &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    // `--check` writes nothing, so it may compare any folder.
    check_quickly(
        d,
        &[
            "report",
            "--corpus",
            "corpus",
            "--lexicon",
            lex,
            "--out",
            ".",
            "--check",
        ],
        1,
        &["is stale"],
    );
}

/// A process id that is not running (searched from the top of the range).
fn dead_pid() -> u32 {
    (2..32768u32)
        .rev()
        .find(|p| !Path::new(&format!("/proc/{p}")).exists())
        .unwrap()
}

#[test]
fn what_a_killed_run_left_is_cleaned_up_by_the_next() {
    let tmp = corpus_of(&[("corpus/src/a.txt", b"The junta spoke.\n")]);
    let d = tmp.path();
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let args = report_cmd("corpus", lex, "reports");
    check(&["--version"], 0, &[]);
    check_quickly(d, &args, 0, &[]);
    let reference = std::fs::read(d.join("reports/manifest.json")).unwrap();
    let dead = dead_pid();
    let alive = std::process::id();
    // A killed run's temporary folder (70-120 MB on a real corpus), a probe,
    // and a live run's folder, which must stay.
    for name in [
        format!(".reports.tmp-{dead}-0"),
        format!(".reports.probe-{dead}-3"),
        format!(".reports.tmp-{alive}-0"),
        format!(".other.tmp-{dead}-0"),
    ] {
        std::fs::create_dir_all(d.join(&name).join("data")).unwrap();
        std::fs::write(d.join(&name).join("data/x.csv"), "x").unwrap();
    }
    check_quickly(d, &args, 0, &[]);
    assert_eq!(
        hidden(d),
        [
            format!(".other.tmp-{dead}-0"),
            format!(".reports.tmp-{alive}-0")
        ]
    );
    // A run killed between the two renames of the swap: the previous reports
    // are in `.reports.old-PID-K` and `reports` is missing. Put back, then replaced.
    std::fs::rename(d.join("reports"), d.join(format!(".reports.old-{dead}-0"))).unwrap();
    std::fs::create_dir(d.join(format!(".reports.tmp-{dead}-1"))).unwrap();
    check_quickly(d, &args, 0, &[]);
    assert_eq!(
        std::fs::read(d.join("reports/manifest.json")).unwrap(),
        reference
    );
    assert_eq!(
        hidden(d),
        [
            format!(".other.tmp-{dead}-0"),
            format!(".reports.tmp-{alive}-0")
        ]
    );
    // An earlier report with the user's file added is still not deleted.
    std::fs::rename(d.join("reports"), d.join(format!(".reports.old-{dead}-0"))).unwrap();
    std::fs::create_dir(d.join("reports")).unwrap();
    std::fs::write(d.join("reports/thesis.docx"), "mine").unwrap();
    check_quickly(d, &args, 1, &["is a folder of other files"]);
    assert_eq!(
        std::fs::read(d.join("reports/thesis.docx")).unwrap(),
        b"mine"
    );
}

/// A corpus whose report takes a while to write (seconds in a debug build):
/// 40 sources of 5 articles of distinct words.
fn slow_corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..1200 {
        let text: String = (0..150)
            .map(|j| word(i * 150 + j) + " ")
            .collect::<String>()
            + SENTENCE;
        jsonl += &serde_json::json!({"source": format!("s{}", i % 40), "text": text}).to_string();
        jsonl.push('\n');
    }
    std::fs::write(tmp.path().join("c.jsonl"), jsonl).unwrap();
    tmp
}

#[test]
fn an_interrupted_report_leaves_nothing_behind() {
    use std::os::unix::process::ExitStatusExt;
    let tmp = slow_corpus();
    let d = tmp.path();
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    // An earlier report in `reports/` (of a small corpus: quick to make),
    // which the interrupted runs must leave as it is.
    std::fs::write(
        d.join("small.jsonl"),
        "{\"source\":\"s\",\"text\":\"Junta.\"}\n",
    )
    .unwrap();
    check_within(600, d, &report_cmd("small.jsonl", lex, "reports"), 0, &[]);
    let before = std::fs::read(d.join("reports/manifest.json")).unwrap();
    let args = report_cmd("c.jsonl", lex, "reports");
    for signal in ["INT", "TERM"] {
        let mut child = bin()
            .current_dir(d)
            .args(&args)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let tmp_name = format!(".reports.tmp-{}-0", child.id());
        // Wait until the report is being written, then interrupt it.
        let start = std::time::Instant::now();
        while !d.join(&tmp_name).join("data").exists() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "finished before it could be interrupted"
            );
            assert!(start.elapsed().as_secs() < 600, "no temporary folder");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let kill = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        let signum = if signal == "INT" { 2 } else { 15 };
        assert_eq!(status.signal(), Some(signum), "{signal}: {status:?}");
        assert_eq!(hidden(d), Vec::<String>::new(), "{signal}: left behind");
        assert_eq!(
            std::fs::read(d.join("reports/manifest.json")).unwrap(),
            before
        );
    }
}

#[test]
fn concurrent_reports_onto_one_out_lose_nothing() {
    let tmp = corpus_of(&[
        ("corpus/a/1.txt", b"The junta repressed the protesters.\n"),
        ("corpus/b/1.txt", b"Boluarte spoke of terrorists.\n"),
    ]);
    let d = tmp.path();
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let args = report_cmd("corpus", lex, "reports");
    check_quickly(d, &args, 0, &[]);
    let reference = std::fs::read(d.join("reports/manifest.json")).unwrap();
    for round in 0..5 {
        let children: Vec<_> = (0..6)
            .map(|_| {
                bin()
                    .current_dir(d)
                    .args(&args)
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(
            hidden(d),
            Vec::<String>::new(),
            "round {round}: left behind"
        );
        assert_eq!(
            std::fs::read(d.join("reports/manifest.json")).unwrap(),
            reference,
            "round {round}"
        );
    }
}

// ------------------------------------------------------------- 10. one rule per kind of input

#[test]
fn a_nul_is_refused_alike_in_every_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("dir/src")).unwrap();
    std::fs::write(d.join("dir/src/a.txt"), b"Line one.\nLine \0two.\n").unwrap();
    std::fs::write(
        d.join("a.jsonl"),
        "{\"source\":\"s\",\"text\":\"ok\"}\n{\"source\":\"s\",\"text\":\"Line one.\\u0000two\"}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a.csv"),
        b"source,text\ns,ok\ns,\"Line one.\nLine \0two.\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("t.jsonl"),
        "{\"source\":\"s\",\"text\":\"ok\",\"title\":\"a\\u0000b\"}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("raw.jsonl"),
        b"{\"source\":\"s\",\"text\":\"ok\"}\x00\n",
    )
    .unwrap();
    for (corpus, msg) in [
        (
            "dir",
            "dir/src/a.txt:2: binary file (NUL byte at byte offset 15): not a text article",
        ),
        (
            "a.jsonl",
            "a.jsonl:2: NUL character (U+0000) in field \"text\": not text",
        ),
        (
            "a.csv",
            "a.csv:4: binary file (NUL byte at byte offset 35): not a text article",
        ),
        (
            "t.jsonl",
            "t.jsonl:1: NUL character (U+0000) in field \"title\": not text",
        ),
        (
            "raw.jsonl",
            "raw.jsonl:1: binary file (NUL byte at byte offset 26)",
        ),
    ] {
        check_in(d, &["tokens", "--corpus", corpus], 1, &[msg]);
    }
    // In the manifest's metadata too (TOML's \u0000).
    std::fs::write(d.join("dir/src/a.txt"), b"Line one.\n").unwrap();
    std::fs::write(
        d.join("dir/corpus.toml"),
        "[articles.\"src/a.txt\"]\ntitle = \"a\\u0000b\"\n",
    )
    .unwrap();
    check_in(
        d,
        &["tokens", "--corpus", "dir"],
        1,
        &["dir/corpus.toml:1: \"src/a.txt\": NUL character (U+0000) in field \"title\""],
    );
}

#[test]
fn a_date_is_checked_alike_in_every_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("dir/src")).unwrap();
    std::fs::write(d.join("dir/src/a.txt"), b"Words.\n").unwrap();
    let msg =
        |date: &str| format!("date \"{date}\" is not a date: YYYY-MM-DD (a real calendar day");
    for date in ["2023-02-30", "yesterday", "2023-01-04T25:00"] {
        std::fs::write(
            d.join("a.jsonl"),
            format!("{{\"source\":\"s\",\"text\":\"Words.\",\"date\":\"{date}\"}}\n"),
        )
        .unwrap();
        std::fs::write(
            d.join("a.csv"),
            format!("source,text,date\ns,Words.,{date}\n"),
        )
        .unwrap();
        std::fs::write(
            d.join("dir/corpus.toml"),
            format!("[articles.\"src/a.txt\"]\ndate = \"{date}\"\n"),
        )
        .unwrap();
        check_in(
            d,
            &["tokens", "--corpus", "a.jsonl"],
            1,
            &[&format!("a.jsonl:1: {}", msg(date))],
        );
        check_in(
            d,
            &["tokens", "--corpus", "a.csv"],
            1,
            &[&format!("a.csv:2: {}", msg(date))],
        );
        check_in(
            d,
            &["tokens", "--corpus", "dir"],
            1,
            &[&format!("dir/corpus.toml:2: \"src/a.txt\": {}", msg(date))],
        );
    }
    // The same good dates everywhere, with a time or without.
    for date in ["2024-02-29", "2023-01-04T10:30:00Z", "2023-01", "2023"] {
        std::fs::write(
            d.join("a.jsonl"),
            format!("{{\"source\":\"s\",\"text\":\"Words.\",\"date\":\"{date}\"}}\n"),
        )
        .unwrap();
        std::fs::write(
            d.join("a.csv"),
            format!("source,text,date\ns,Words.,{date}\n"),
        )
        .unwrap();
        std::fs::write(
            d.join("dir/corpus.toml"),
            format!("[articles.\"src/a.txt\"]\ndate = \"{date}\"\n"),
        )
        .unwrap();
        for corpus in ["a.jsonl", "a.csv", "dir"] {
            check_in(d, &["tokens", "--corpus", corpus], 0, &[]);
        }
    }
}

#[test]
fn an_article_that_boilerplate_empties_is_skipped_and_counted() {
    let tmp = corpus_of(&[
        (
            "corpus/src/a.txt",
            b"Subscribe to our channel\n\nFollow us\n",
        ),
        (
            "corpus/src/b.txt",
            b"The junta spoke.\nSubscribe to our channel\n",
        ),
        (
            "corpus/corpus.toml",
            b"[sources.src]\nboilerplate = [\"Subscribe to our channel\", \"Follow us\"]\n",
        ),
    ]);
    let d = tmp.path();
    let out = check_in(
        d,
        &["tokens", "--corpus", "corpus"],
        0,
        &["warning: corpus/src/a.txt: article has no words once its source's boilerplate lines are dropped: skipped"],
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let elsewhere = tempfile::tempdir().unwrap();
    let reports = elsewhere.path().join("reports");
    let lex = lexicon();
    check_in(
        d,
        &report_cmd("corpus", lex.to_str().unwrap(), reports.to_str().unwrap()),
        0,
        &["warning: corpus/src/a.txt: article has no words once its source's boilerplate lines are dropped: skipped"],
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(reports.join("analysis.json")).unwrap()).unwrap();
    assert_eq!(json["corpus"]["skipped_empty"], 1);
    assert_eq!(json["corpus"]["articles"], 1);
}
