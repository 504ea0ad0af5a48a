//! The catalogue of bad inputs (issue 7), run through the binary: for each case
//! the exit code, the message naming file and line, and whether the run goes on
//! with a warning. The table in `tests/fixtures/bad/CATALOGUE.md` lists the same
//! cases; the fixtures are in `tests/fixtures/bad/`, except the large ones and
//! those that need a symlink, a file in the way or a write limit, which the
//! tests make in a temporary folder.
//!
//! Expected messages name the file and the line (and the field), as README.md
//! ("Bad input") promises; they are written
//! here by hand from the fixture bytes: a line number is counted in the fixture,
//! a byte offset counted in the bytes written in `CATALOGUE.md`.
//!
//! The largest cases (a 200 MB single-line article, a record over the 256 MiB
//! cap) are `#[ignore]`d: `cargo test --release --test bad_input -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn lexicon() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/lexicon.toml")
}

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("framelens"));
    c.current_dir(bad_dir());
    c
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut c = bin();
    c.current_dir(dir).args(args);
    c.output().expect("run framelens")
}

/// What a case must give.
struct Expect<'a> {
    code: i32,
    /// Each must appear in stderr (a `path:line:` prefix first).
    stderr: &'a [&'a str],
    /// Each must appear in stdout.
    stdout: &'a [&'a str],
}

fn fails<'a>(stderr: &'a [&'a str]) -> Expect<'a> {
    Expect {
        code: 1,
        stderr,
        stdout: &[],
    }
}

/// Runs `args` in `tests/fixtures/bad` and checks the outcome; returns it.
fn check(args: &[&str], expect: &Expect) -> Output {
    check_in(&bad_dir(), args, expect)
}

fn check_in(dir: &Path, args: &[&str], expect: &Expect) -> Output {
    let out = run_in(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(expect.code),
        "framelens {args:?}: exit code\nstderr: {stderr}"
    );
    for needle in expect.stderr {
        assert!(
            stderr.contains(needle),
            "framelens {args:?}: expected {needle:?} in stderr:\n{stderr}"
        );
    }
    for needle in expect.stdout {
        assert!(
            stdout.contains(needle),
            "framelens {args:?}: expected {needle:?} in stdout:\n{stdout}"
        );
    }
    assert!(
        !stderr.contains("panicked"),
        "framelens {args:?} panicked:\n{stderr}"
    );
    out
}

/// `framelens tokens` lines: (id, terms).
fn token_lines(out: &Output) -> Vec<(String, Vec<String>)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let terms = v["terms"]
                .as_array()
                .expect("terms")
                .iter()
                .map(|t| t.as_str().expect("term").to_string())
                .collect();
            (v["id"].as_str().expect("id").to_string(), terms)
        })
        .collect()
}

fn terms_of(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ------------------------------------------------------------- encodings

#[test]
fn invalid_utf8_mid_article() {
    // Line 1 is "Good line one.\n" (15 bytes); line 2 "Second line has " is 16
    // more: the bad byte is at offset 31, on line 2.
    check(
        &["tokens", "--corpus", "invalid-utf8"],
        &fails(&[
            "invalid-utf8/src/a.txt:2: invalid UTF-8 at byte offset 31",
            "--lossy",
        ]),
    );
    let out = check(
        &["tokens", "--corpus", "invalid-utf8", "--lossy"],
        &Expect {
            code: 0,
            stderr: &["warning: invalid-utf8/src/a.txt:2: invalid UTF-8 at byte offset 31 replaced with U+FFFD"],
            stdout: &[],
        },
    );
    let lines = token_lines(&out);
    assert_eq!(lines.len(), 1);
    // good line one second line has bad bytes third line (stopwords: has)
    assert_eq!(
        lines[0].1,
        terms_of(&["good", "line", "one", "second", "line", "bad", "byte", "third", "line"])
    );
}

#[test]
fn utf16_files() {
    check(
        &["tokens", "--corpus", "utf16-bom"],
        &fails(&[
            "utf16-bom/src/a.txt:1: UTF-16LE text (byte-order mark FF FE)",
            "iconv",
        ]),
    );
    check(
        &["tokens", "--corpus", "utf16-no-bom"],
        &fails(&["utf16-no-bom/src/a.txt:1: NUL byte at byte offset 1: UTF-16 text"]),
    );
    check(
        &["tokens", "--corpus", "jsonl/utf16.jsonl"],
        &fails(&["jsonl/utf16.jsonl:1: UTF-16LE text (byte-order mark FF FE)"]),
    );
}

#[test]
fn binary_file() {
    // \x89PNG\r\n\x1a\n\0: newlines at offsets 5 and 7, the NUL at 8 is on line 3.
    // photo.png is not a .txt/.md file, so it is not read at all.
    check(
        &["tokens", "--corpus", "binary"],
        &fails(&["binary/src/img.txt:3: binary file (NUL byte at byte offset 8)"]),
    );
}

#[test]
fn utf8_bom_is_stripped_in_every_layout() {
    for corpus in ["bom", "bom/bom.jsonl", "bom/bom.csv"] {
        let out = check(
            &["tokens", "--corpus", corpus],
            &Expect {
                code: 0,
                stderr: &[],
                stdout: &[],
            },
        );
        let lines = token_lines(&out);
        assert_eq!(lines.len(), 1, "{corpus}");
        assert_eq!(lines[0].1, terms_of(&["boluart", "spoke"]), "{corpus}");
    }
}

// ------------------------------------------------------------- empty articles

#[test]
fn empty_file_is_skipped_with_a_warning_and_counted() {
    let out = check(
        &["tokens", "--corpus", "empty"],
        &Expect {
            code: 0,
            stderr: &["warning: empty/src/empty.txt: empty article skipped"],
            stdout: &[],
        },
    );
    assert_eq!(token_lines(&out).len(), 1);
    // The report counts it.
    let tmp = tempfile::tempdir().unwrap();
    let reports = tmp.path().join("reports");
    let lex = lexicon();
    check(
        &[
            "report",
            "--corpus",
            "empty",
            "--lexicon",
            lex.to_str().unwrap(),
            "--out",
            reports.to_str().unwrap(),
        ],
        &Expect {
            code: 0,
            stderr: &["warning: empty/src/empty.txt: empty article skipped"],
            stdout: &[],
        },
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(reports.join("analysis.json")).unwrap()).unwrap();
    assert_eq!(json["corpus"]["skipped_empty"], 1);
    assert_eq!(json["corpus"]["articles"], 1);
}

#[test]
fn whitespace_or_punctuation_only_articles_are_skipped() {
    let out = check(
        &["tokens", "--corpus", "blank"],
        &Expect {
            code: 0,
            stderr: &[
                "warning: blank/src/spaces.txt: empty article skipped",
                "warning: blank/src/punct.txt: article has no words (no letter at all) skipped",
            ],
            stdout: &[],
        },
    );
    let lines = token_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].0, "src/ok.txt");
    let out = check(
        &["tokens", "--corpus", "jsonl/empty-text.jsonl"],
        &Expect {
            code: 0,
            stderr: &[
                "warning: jsonl/empty-text.jsonl:2: empty article skipped",
                "warning: jsonl/empty-text.jsonl:3: article has no words",
            ],
            stdout: &[],
        },
    );
    assert_eq!(token_lines(&out).len(), 1);
}

#[test]
fn a_corpus_with_nothing_to_read() {
    check(
        &["tokens", "--corpus", "all-empty"],
        &fails(&["all-empty: no articles to read (2 empty article(s) skipped)"]),
    );
    check(
        &["tokens", "--corpus", "jsonl/empty.jsonl"],
        &fails(&["jsonl/empty.jsonl: no articles to read"]),
    );
    check(
        &["tokens", "--corpus", "csv/empty.csv"],
        &fails(&["csv/empty.csv: empty CSV file: no header row"]),
    );
}

// ------------------------------------------------------------- text shapes

#[test]
fn line_ends_lf_crlf_and_cr_give_the_same_words() {
    let out = check(
        &["tokens", "--corpus", "line-ends"],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &[],
        },
    );
    let lines = token_lines(&out);
    let ids: Vec<&str> = lines.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["src/cr.txt", "src/crlf.txt", "src/lf.txt"]);
    // "Subscribe to our channel" is boilerplate; "Police repressed the marchers."
    let words = terms_of(&["polic", "repress", "marcher"]);
    assert_eq!(lines[1].1, words, "CRLF");
    assert_eq!(lines[2].1, words, "LF");
    // CR-only: the words are found (the boilerplate line: see the ignored test).
    assert!(lines[0].1.ends_with(&words), "CR: {:?}", lines[0].1);
}

#[test]
fn boilerplate_is_dropped_with_cr_only_line_ends() {
    let out = check(
        &["tokens", "--corpus", "line-ends"],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &[],
        },
    );
    let lines = token_lines(&out);
    assert_eq!(lines[0].1, terms_of(&["polic", "repress", "marcher"]));
}

#[test]
fn mixed_scripts() {
    // UAX #29: Arabic and Hebrew words split on spaces; each Han ideograph is a
    // word; the ZWJ emoji family has no letter and is not a word; "Cafe" + U+0301
    // is NFC "café"; English Snowball: family → famili, naïve → naïv.
    let out = check(
        &["tokens", "--corpus", "mixed-scripts"],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &[],
        },
    );
    let lines = token_lines(&out);
    assert_eq!(
        lines[0].1,
        terms_of(&[
            "مرحبا",
            "بالعالم",
            "שלום",
            "עולם",
            "你",
            "好",
            "世",
            "界",
            "famili",
            "emoji",
            "café",
            "naïv"
        ])
    );
}

/// Writes `DIR/src/a.txt` = `text` in a temporary corpus folder.
fn one_article(text: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("src")).unwrap();
    std::fs::write(tmp.path().join("src/a.txt"), text).unwrap();
    tmp
}

#[test]
fn a_one_megabyte_token() {
    let mut text = b"Junta ".to_vec();
    text.extend(std::iter::repeat_n(b'x', 1 << 20));
    text.extend(b" marchers.\n");
    let tmp = one_article(&text);
    let out = check_in(
        tmp.path(),
        &["tokens", "--corpus", "."],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &[],
        },
    );
    let lines = token_lines(&out);
    let terms = &lines[0].1;
    assert_eq!(terms.len(), 3);
    assert_eq!((terms[0].as_str(), terms[2].as_str()), ("junta", "marcher"));
    assert_eq!(terms[1].len(), 1 << 20);
    assert!(terms[1].bytes().all(|b| b == b'x'));
}

/// "alpha beta gamma " `n` times on one line, no newline: counts are n each.
fn single_line_counts(n: usize) {
    let text = "alpha beta gamma ".repeat(n);
    let tmp = one_article(text.as_bytes());
    let out = check_in(
        tmp.path(),
        &["terms", "--corpus", ".", "--format", "csv"],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &[],
        },
    );
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut found = 0;
    for line in csv.lines().skip(1) {
        for w in ["alpha", "beta", "gamma"] {
            if line.contains(&format!(",{w},")) {
                assert!(line.contains(&format!(",{n},")), "{w}: {line}");
                found += 1;
            }
        }
    }
    assert_eq!(found, 3, "{csv}");
}

#[test]
fn an_eight_megabyte_single_line_article() {
    // 17 bytes × 500,000 = 8.5 MB, one line.
    single_line_counts(500_000);
}

#[test]
#[ignore = "large: 200 MB single-line article, several GB of memory; run with --release -- --ignored"]
fn a_200_megabyte_single_line_article() {
    // 17 bytes × 12,400,000 = 210.8 MB, under the 256 MiB cap for one article.
    single_line_counts(12_400_000);
}

#[test]
#[ignore = "large: writes a 257 MiB JSONL line; run with --release -- --ignored"]
fn a_record_over_the_size_cap_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let mut line = br#"{"source":"a","text":"ok"}"#.to_vec();
    line.push(b'\n');
    line.extend(br#"{"source":"a","text":""#);
    line.extend(std::iter::repeat_n(b'a', 257 << 20));
    line.extend(b"\"}\n");
    std::fs::write(tmp.path().join("big.jsonl"), line).unwrap();
    check_in(
        tmp.path(),
        &["tokens", "--corpus", "big.jsonl"],
        &fails(&["big.jsonl:2: line longer than 256 MiB"]),
    );
}

// ------------------------------------------------------------- the manifest

#[test]
fn manifest_paths_that_leave_the_corpus() {
    check(
        &["tokens", "--corpus", "manifest-parent"],
        &fails(&[
            "manifest-parent/corpus.toml:4: article \"../../etc/passwd\" points outside the corpus directory",
        ]),
    );
    check(
        &["tokens", "--corpus", "manifest-absolute"],
        &fails(&[
            "manifest-absolute/corpus.toml:1: article \"/etc/passwd\" points outside the corpus directory",
        ]),
    );
}

#[test]
fn manifest_symlink_that_leaves_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("src")).unwrap();
    std::fs::write(corpus.join("src/a.txt"), "Words here.\n").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "Secret words.\n").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), corpus.join("src/link.txt")).unwrap();
    std::fs::write(
        corpus.join("corpus.toml"),
        "[articles.\"src/link.txt\"]\ntitle = \"x\"\n",
    )
    .unwrap();
    check_in(
        tmp.path(),
        &["tokens", "--corpus", "corpus"],
        &fails(&[
            "corpus/corpus.toml:1: article \"src/link.txt\" resolves to",
            "outside the corpus directory",
        ]),
    );
}

#[test]
fn missing_manifest_and_missing_files() {
    // No corpus.toml: sources are the folder names.
    let out = check(
        &["tokens", "--corpus", "no-manifest"],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &["\"source\":\"outlet-a\"", "\"source\":\"outlet-b\""],
        },
    );
    assert_eq!(token_lines(&out).len(), 2);
    check(
        &["tokens", "--corpus", "manifest-missing-file"],
        &fails(&[
            "manifest-missing-file/corpus.toml:2: article \"src/nope.txt\" points at a missing file",
        ]),
    );
    check(
        &["tokens", "--corpus", "no-such-corpus"],
        &fails(&["no-such-corpus: No such file or directory"]),
    );
    check(
        &["tokens", "--corpus", "manifest-malformed"],
        &fails(&["manifest-malformed/corpus.toml:3:1: malformed TOML: duplicate key `name`"]),
    );
    check(
        &["tokens", "--corpus", "no-manifest", "--source", "zzz"],
        &Expect {
            code: 2,
            stderr: &["no-manifest: unknown source \"zzz\"; known sources: outlet-a, outlet-b"],
            stdout: &[],
        },
    );
}

// ------------------------------------------------------------- JSONL

#[test]
fn jsonl_bad_lines() {
    let cases: &[(&str, &str)] = &[
        (
            "jsonl/duplicate-id.jsonl",
            "jsonl/duplicate-id.jsonl:3: duplicate id \"x\": already used on line 1",
        ),
        (
            "jsonl/not-json.jsonl",
            "jsonl/not-json.jsonl:2:2: not valid JSON: expected ident",
        ),
        // Line 2 is blank (skipped); line 3 lacks "text".
        ("jsonl/no-text.jsonl", "jsonl/no-text.jsonl:3: missing field \"text\""),
        ("jsonl/null-text.jsonl", "jsonl/null-text.jsonl:2: field \"text\" is null"),
        (
            "jsonl/truncated.jsonl",
            "jsonl/truncated.jsonl:2:24: not valid JSON: EOF while parsing a string",
        ),
        (
            "jsonl/array.jsonl",
            "jsonl/array.jsonl:1: expected a JSON object with \"source\" and \"text\"",
        ),
        (
            "jsonl/text-number.jsonl",
            "jsonl/text-number.jsonl:1: field \"text\" must be a string, not a number",
        ),
        (
            "jsonl/cr-only.jsonl",
            "jsonl/cr-only.jsonl:1:30: not valid JSON: trailing characters (the line holds a carriage return: CR-only line ends?",
        ),
        (
            "jsonl/bad-language.jsonl",
            "jsonl/bad-language.jsonl:2: language \"Spanish\" is not an ISO 639-1 code such as \"en\" or \"es\": did you mean \"es\"?",
        ),
    ];
    for (corpus, msg) in cases {
        check(&["tokens", "--corpus", corpus], &fails(&[msg]));
    }
}

// ------------------------------------------------------------- CSV

#[test]
fn csv_bad_rows() {
    let cases: &[(&str, &str)] = &[
        (
            "csv/ragged.csv",
            "csv/ragged.csv:3: row has 3 field(s) but the header (line 1) has 2",
        ),
        (
            "csv/unclosed-quote.csv",
            "csv/unclosed-quote.csv:3: unclosed quote: the quoted field opened on this line runs to the end of the file",
        ),
        (
            "csv/stray-quote.csv",
            "csv/stray-quote.csv:2: quote inside unquoted field 2",
        ),
        (
            "csv/duplicate-id.csv",
            "csv/duplicate-id.csv:4: duplicate id \"1\": already used on line 2",
        ),
        (
            "csv/no-text-column.csv",
            "csv/no-text-column.csv:1: no \"text\" or \"content\" column (choose one with --text-column)",
        ),
        (
            "csv/cr-only.csv",
            "csv/cr-only.csv:1: the header row holds a carriage return: CR-only line ends?",
        ),
    ];
    for (corpus, msg) in cases {
        check(&["tokens", "--corpus", corpus], &fails(&[msg]));
    }
    check(
        &[
            "tokens",
            "--corpus",
            "csv/bad-language.csv",
            "--language-column",
            "lang",
        ],
        &fails(&[
            "csv/bad-language.csv:3: language \"es-MX\" is not an ISO 639-1 code such as \"en\" or \"es\": did you mean \"es\"?",
        ]),
    );
    // CRLF rows, and a CRLF inside a quoted field, are fine.
    let out = check(
        &["tokens", "--corpus", "csv/crlf.csv"],
        &Expect {
            code: 0,
            stderr: &[],
            stdout: &[],
        },
    );
    assert_eq!(token_lines(&out)[0].1, terms_of(&["one", "two"]));
}

// ------------------------------------------------------------- lexicons

#[test]
fn lexicon_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "lexicon/bad-glob.toml",
            "lexicon/bad-glob.toml:7:22: unsupported glob 'ter*or'",
        ),
        ("lexicon/bad-glob.dic", "lexicon/bad-glob.dic:5:4: unsupported glob 'ter*or'"),
        ("lexicon/bad-glob.yml", "lexicon/bad-glob.yml:3:9: unsupported glob 'ter*or'"),
        (
            "lexicon/empty-phrase.toml",
            "lexicon/empty-phrase.toml:7:19: entry '' contains no word",
        ),
        (
            "lexicon/duplicate-category.toml",
            "lexicon/duplicate-category.toml:9:1: invalid table header: duplicate key `c` in table `categories`",
        ),
        (
            "lexicon/duplicate-category.dic",
            "lexicon/duplicate-category.dic:3:1: category 'violence' is declared twice",
        ),
        (
            "lexicon/duplicate-category.yml",
            "lexicon/duplicate-category.yml:2: duplicate entry with key \"violence\"",
        ),
        (
            "lexicon/lexicon.txt",
            "lexicon/lexicon.txt: unknown lexicon format: expected a .toml, .dic, .yml or .yaml file",
        ),
        ("lexicon/missing.toml", "lexicon/missing.toml: No such file or directory"),
    ];
    for (lex, msg) in cases {
        let out = check(
            &["lexicon", "--corpus", "no-manifest", "--lexicon", lex],
            &fails(&[msg]),
        );
        // One line: the message does not spill over.
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).lines().count(),
            1,
            "{lex}"
        );
    }
    // A duplicate term is a warning; the run goes on.
    check(
        &[
            "lexicon",
            "--corpus",
            "no-manifest",
            "--lexicon",
            "lexicon/duplicate-term.toml",
            "--resamples",
            "0",
        ],
        &Expect {
            code: 0,
            stderr: &["warning: lexicon/duplicate-term.toml:7:20: duplicate entry 'juntas' in category 'c': same as 'junta'"],
            stdout: &[],
        },
    );
}

// ------------------------------------------------------------- output

/// A small corpus (two articles) and a lexicon path, for `report` runs.
fn report_args<'a>(lex: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "report",
        "--corpus",
        "no-manifest",
        "--lexicon",
        lex,
        "--out",
        out,
    ]
}

#[test]
fn unwritable_out_fails_before_the_work_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "in the way").unwrap();
    let lex = lexicon();
    let lex = lex.to_str().unwrap();
    let under_file = file.join("reports");
    let f = file.display().to_string();
    let msg = format!("{f}: is a file, so the output folder {f}/reports cannot be created");
    check(
        &report_args(lex, under_file.to_str().unwrap()),
        &fails(&[&msg]),
    );
    let msg = format!("{f}: exists and is not a folder");
    check(&report_args(lex, &f), &fails(&[&msg]));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "in the way");
    check(
        &report_args(lex, "/proc/self/reports"),
        &fails(&["/proc/self: cannot create the output folder /proc/self/reports here"]),
    );
    // Nothing was left beside the file.
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a-file"]);
}

/// Every file under `dir` with its bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_write_error_midway_leaves_the_previous_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let reports = tmp.path().join("reports");
    let lex = lexicon();
    let args = report_args(lex.to_str().unwrap(), reports.to_str().unwrap());
    check(
        &args,
        &Expect {
            code: 0,
            stderr: &["wrote"],
            stdout: &[],
        },
    );
    // Mark the previous reports so that a rewrite would show.
    std::fs::write(reports.join("data/README.md"), "previous run").unwrap();
    let before = snapshot(&reports);
    // A file-size limit makes a write fail part-way, as a full disk does (root
    // is not stopped by permissions, but is by RLIMIT_FSIZE). SIGXFSZ is ignored
    // so that the write returns EFBIG instead of killing the process.
    let bin = assert_cmd::cargo::cargo_bin("framelens");
    let script = format!(
        "trap '' XFSZ; ulimit -f 16; exec '{}' {}",
        bin.display(),
        args.iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(bad_dir())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let msg = format!(
        "cannot write: File too large (os error 27); {} was left as it was",
        reports.display()
    );
    assert!(stderr.contains(&msg), "{stderr}");
    assert!(stderr.contains(&reports.display().to_string()), "{stderr}");
    assert_eq!(snapshot(&reports), before, "the previous reports changed");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["reports"], "a temporary folder was left behind");
}

#[test]
fn stdout_full_is_an_error_and_a_closed_pipe_is_not() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = bin()
        .args(["tokens", "--corpus", "no-manifest"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("framelens: <stdout>: No space left on device"));

    // Closed early (`| head`), with lines longer than the 64 KiB output buffer
    // so that the error comes from inside the JSON writer.
    let tmp = one_article(&b"Junta marchers ".repeat(20_000));
    for corpus in ["no-manifest", tmp.path().to_str().unwrap()] {
        let mut child = bin()
            .args(["tokens", "--corpus", corpus])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{corpus}: {stderr}");
        assert!(stderr.is_empty(), "{corpus}: {stderr}");
    }
}
