//! What a newcomer meets first, through the binary: every option and
//! argument of every command has help text.

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

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
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
