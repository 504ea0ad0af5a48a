//! What a newcomer meets first, through the binary: every option has help
//! text; one exit code per kind of mistake (2 for every bad usage) in every
//! command; a lexicon with little metadata reads without broken text; one
//! message format, `path:line:column: message`, in every command.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

fn framelens() -> Command {
    let mut c = Command::cargo_bin("framelens").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    framelens().args(args).output().unwrap()
}

/// A lexicon file `name` holding `text`, in a new temporary folder.
fn lexicon_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The lines of a section of `--help` (`Commands:`, `Options:`, `Arguments:`).
fn section<'a>(help: &'a str, title: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .collect()
}

/// The subcommands `framelens --help` lists (without `help`).
fn commands() -> Vec<String> {
    let help = stdout(&run(&["--help"]));
    let names: Vec<String> = section(&help, "Commands:")
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 10, "commands not found in:\n{help}");
    names
}

/// Each item (option or argument) of a `--help` section with its help text:
/// the text after the item on its line and on the indented lines under it
/// (clap's long format), without the `[default: …]`-like notes.
fn items(lines: &[&str]) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = Vec::new();
    for line in lines {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        // An item starts at an indent of 2 (a short option or an argument)
        // or 6 (a long option without a short one); help lines are deeper.
        if indent <= 6 {
            let (spec, text) = trimmed.split_once("  ").unwrap_or((trimmed, ""));
            items.push((spec.to_string(), text.trim().to_string()));
        } else if let Some((_, text)) = items.last_mut() {
            text.push(' ');
            text.push_str(trimmed);
        }
    }
    for (_, text) in &mut items {
        while let Some(start) = text.find(" [").or(text.starts_with('[').then_some(0)) {
            match text[start..].find(']') {
                Some(end) => text.replace_range(start..start + end + 1, ""),
                None => break,
            }
        }
        *text = text.trim().to_string();
    }
    items
}

#[test]
fn every_option_and_argument_of_every_command_has_help() {
    let mut empty = Vec::new();
    let mut seen = 0;
    for command in commands() {
        for flag in ["--help", "-h"] {
            let help = stdout(&run(&[&command, flag]));
            for title in ["Options:", "Arguments:"] {
                for (spec, text) in items(&section(&help, title)) {
                    seen += 1;
                    if text.is_empty() {
                        empty.push(format!("framelens {command} {flag}: {spec}"));
                    }
                }
            }
        }
    }
    assert!(
        seen > 100,
        "too few options found ({seen}): the help format changed?"
    );
    assert!(
        empty.is_empty(),
        "options without help text:\n{}",
        empty.join("\n")
    );
}

#[test]
fn the_help_parser_sees_an_empty_help() {
    let help = "Options:\n      --by <BY>    [default: source]\n      --top <TOP>  Terms per source\n  -h, --help   Print help\n";
    let found = items(&section(help, "Options:"));
    assert_eq!(
        found,
        [
            ("--by <BY>".to_string(), String::new()),
            ("--top <TOP>".to_string(), "Terms per source".to_string()),
            ("-h, --help".to_string(), "Print help".to_string()),
        ]
    );
}

/// What each command that reads a corpus needs besides `--source` to run.
const SOURCE_COMMANDS: &[(&str, &[&str])] = &[
    ("terms", &[]),
    ("tfidf", &[]),
    ("keyness", &[]),
    ("similarity", &[]),
    ("lexicon", &[]),
    ("kwic", &["coup"]),
    ("report", &["--check"]),
    ("count", &[]),
    ("tokens", &[]),
];

#[test]
fn an_unknown_source_exits_2_naming_it_in_every_command() {
    let with_source: BTreeSet<String> = commands()
        .into_iter()
        .filter(|c| stdout(&run(&[c, "--help"])).contains("--source <"))
        .collect();
    let listed: BTreeSet<String> = SOURCE_COMMANDS.iter().map(|(c, _)| c.to_string()).collect();
    assert_eq!(with_source, listed, "commands taking --source");
    for (command, extra) in SOURCE_COMMANDS {
        let args = [&[*command, "--source", "no-such-outlet"][..], extra].concat();
        let out = run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "framelens {args:?}: {err}");
        assert!(
            err.contains("unknown source") && err.contains("no-such-outlet"),
            "framelens {args:?}: {err}"
        );
        assert!(
            err.contains("unnamed-outlet"),
            "lists the known ones: {err}"
        );
        assert!(out.stdout.is_empty(), "framelens {args:?} printed output");
    }
}

#[test]
fn a_bad_option_value_exits_2_in_every_command() {
    for command in commands() {
        let help = stdout(&run(&[&command, "--help"]));
        let mut cases: Vec<(Vec<&str>, &str)> =
            vec![(vec!["--no-such-option"], "--no-such-option")];
        if help.contains("--format <") {
            cases.push((vec!["--format", "nope"], "--format"));
        }
        if help.contains("--top <") {
            cases.push((vec!["--top", "0"], "--top"));
        }
        if help.contains("--threads <") {
            cases.push((vec!["--threads", "many"], "--threads"));
        }
        if help.contains("--by <") {
            cases.push((vec!["--by", "paragraph"], "--by"));
        }
        assert!(
            cases.len() > 1 || command == "merge",
            "{command}: no option to try"
        );
        for (bad, names) in cases {
            let args = [&[command.as_str()][..], &bad].concat();
            let out = run(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "framelens {args:?}: {err}");
            assert!(
                err.contains(names),
                "framelens {args:?} does not name {names}: {err}"
            );
            assert!(out.stdout.is_empty(), "framelens {args:?} printed output");
        }
    }
}

/// A lexicon with nothing but categories under `[meta]`: no name, version,
/// license or description.
const BARE_LEXICON: &str = "[meta]\n\n[categories.unrest]\nlabel = \"Unrest\"\ndescription = \"Words of unrest.\"\nterms = [\"riot*\", \"coup\"]\n";

/// Text that only appears when an empty field was printed between separators.
const BROKEN: &[&str] = &["()", "(,", ", )", ",)", " ,", " :", "  ", ": .", ":."];

fn assert_clean(what: &str, line: &str) {
    for b in BROKEN {
        assert!(!line.contains(b), "{what}: {b:?} in {line:?}");
    }
}

#[test]
fn a_lexicon_without_metadata_reads_without_dangling_punctuation() {
    let (dir, lex) = lexicon_file("bare.toml", BARE_LEXICON);
    let lex_arg = lex.to_str().unwrap();

    let out = run(&["lexicon", "--lexicon", lex_arg, "--resamples", "0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("Lexicon bare: hits per 1,000 words"),
        "{first}"
    );
    assert_clean("lexicon", first);

    let reports = dir.path().join("r");
    let out = run(&[
        "report",
        "--lexicon",
        lex_arg,
        "--out",
        reports.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let readme = std::fs::read_to_string(reports.join("README.md")).unwrap();
    let html = std::fs::read_to_string(reports.join("index.html")).unwrap();
    assert!(
        readme.contains("counted with the lexicon **bare** (1 category, 0 target actors, 0 distancing markers)."),
        "summary in README.md"
    );
    assert!(
        readme.contains("; lexicon bare; `analysis.json`"),
        "provenance in README.md"
    );
    assert!(
        html.contains("<dt>Lexicon</dt><dd>bare, <code>"),
        "provenance in index.html"
    );
    assert!(
        html.contains("<p class=\"muted\">bare. A term is"),
        "categories in index.html"
    );
    for (file, text) in [("README.md", &readme), ("index.html", &html)] {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains("bare")).collect();
        assert!(lines.len() >= 2, "{file}: the lexicon is not named");
        for line in lines {
            // The lexicon's path is shown as it was given.
            assert_clean(file, &line.replace(lex_arg, "PATH"));
        }
    }
}

/// A lexicon whose line 5 repeats a term (after stemming): a warning at the
/// column of the entry's first character.
const DUPLICATE_LEXICON: &str =
    "[meta]\nname = \"dup\"\nversion = \"1\"\n[categories.c]\nterms = [\"coup\", \"coups\"]\n";

#[test]
fn a_lexicon_warning_reads_path_line_column_in_lexicon_and_report() {
    let (dir, lex) = lexicon_file("dup.toml", DUPLICATE_LEXICON);
    let lex_arg = lex.to_str().unwrap();
    let column = DUPLICATE_LEXICON
        .lines()
        .nth(4)
        .unwrap()
        .find("coups")
        .unwrap()
        + 1;
    let want = format!("framelens: warning: {lex_arg}:5:{column}: duplicate entry 'coups'");

    let reports = dir.path().join("r");
    for args in [
        vec!["lexicon", "--lexicon", lex_arg, "--resamples", "0"],
        vec![
            "report",
            "--lexicon",
            lex_arg,
            "--out",
            reports.to_str().unwrap(),
        ],
    ] {
        let out = run(&args);
        let err = stderr(&out);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(
            err.contains(&want),
            "{args:?}: expected {want:?} in:\n{err}"
        );
        assert!(
            !err.contains("column "),
            "{args:?}: a column in words:\n{err}"
        );
    }
    // The report lists it the same way.
    let readme = std::fs::read_to_string(reports.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!(":5:{column}: duplicate entry")),
        "warnings in README.md"
    );
}

#[test]
fn an_input_error_at_a_column_reads_path_line_column() {
    let text = "[meta]\nname = \"g\"\nversion = \"1\"\n[categories.c]\nterms = [\"ter*or\"]\n";
    let (_dir, lex) = lexicon_file("glob.toml", text);
    let lex_arg = lex.to_str().unwrap();
    // The error points at the '*' that may only end a word.
    let column = text.lines().nth(4).unwrap().find('*').unwrap() + 1;
    let want = format!("framelens: {lex_arg}:5:{column}: unsupported glob 'ter*or'");
    for args in [
        vec!["lexicon", "--lexicon", lex_arg],
        vec!["kwic", "coup", "--lexicon", lex_arg],
        vec!["report", "--lexicon", lex_arg, "--check"],
        vec!["count", "--lexicon", lex_arg],
    ] {
        let out = run(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with(&want), "{args:?}: expected {want:?}: {err}");
    }
}
