//! Every example in the README runs: each fenced block whose first line is
//! `$ framelens ARGS` is run with the built binary in the project root (the
//! sample corpus and lexicon are the defaults), and its stdout must equal the
//! rest of the block, line by line (trailing whitespace aside). The same holds
//! for the Markdown files the README links to, except the generated reports.
//!
//! A stale example fails naming the file and line of its block, with a diff.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const PROMPT: &str = "$ framelens ";

/// One example: where its block starts, its command line, the output shown.
#[derive(Debug)]
struct Example {
    file: PathBuf,
    /// 1-based line of the `$ framelens` line.
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// The examples of a Markdown text: fenced blocks (```) that open with the prompt.
fn examples(file: &Path, text: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut block: Option<(usize, Vec<&str>)> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            match block.take() {
                None => block = Some((i + 2, Vec::new())),
                Some((start, lines)) => {
                    if let Some(command) = lines.first().and_then(|l| l.strip_prefix(PROMPT)) {
                        found.push(Example {
                            file: file.to_path_buf(),
                            line: start,
                            command: command.trim().to_string(),
                            expected: lines.iter().skip(1).map(|l| l.to_string()).collect(),
                        });
                    }
                }
            }
        } else if let Some((_, lines)) = block.as_mut() {
            lines.push(line);
        }
    }
    assert!(
        block.is_none(),
        "{}: a ``` block is not closed",
        file.display()
    );
    found
}

/// Splits a command line into words: whitespace separates, '…' and "…" quote.
/// Anything else a shell would interpret (pipes, redirections, variables) is
/// refused: an example must be a plain framelens command.
fn words(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some(other) => w.push(other),
                        None => return Err(format!("unclosed {c} quote")),
                    }
                }
            }
            c if c.is_whitespace() => words.extend(word.take()),
            '|' | '>' | '<' | ';' | '&' | '$' | '`' | '\\' | '*' | '?' | '(' | ')' => {
                return Err(format!(
                    "'{c}' outside quotes: README examples are plain framelens commands \
                     (no pipes, redirections, variables or globs)"
                ))
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// A line-by-line diff (longest common subsequence): `-` lines are the
/// README's, `+` lines framelens's, `  ` lines both.
fn diff(old: &[&str], new: &[&str]) -> String {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push_str(&format!("  {}\n", old[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("- {}\n", old[i]));
            i += 1;
        } else {
            out.push_str(&format!("+ {}\n", new[j]));
            j += 1;
        }
    }
    out
}

/// Runs an example; `Err` says what is wrong with it.
fn check(example: &Example) -> Result<(), String> {
    let args = words(&example.command)?;
    let out = Command::new(env!("CARGO_BIN_EXE_framelens"))
        .args(&args)
        .current_dir(ROOT)
        .output()
        .map_err(|e| format!("cannot run framelens: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "framelens exited with {}:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let stdout = String::from_utf8(out.stdout).map_err(|e| format!("stdout is not UTF-8: {e}"))?;
    let got: Vec<&str> = stdout.lines().map(str::trim_end).collect();
    let want: Vec<&str> = example.expected.iter().map(|l| l.trim_end()).collect();
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "the output shown is stale (- shown, + printed now); run the command \
             and paste its output into the block:\n{}",
            diff(&want, &got)
        ))
    }
}

/// README.md and the Markdown files it links to, but not the generated reports.
fn documents() -> Vec<PathBuf> {
    let readme = Path::new(ROOT).join("README.md");
    let text = std::fs::read_to_string(&readme).unwrap();
    let mut docs = vec![readme];
    for link in text.split("](").skip(1) {
        let Some(target) = link.split(')').next() else {
            continue;
        };
        let target = target.split('#').next().unwrap_or(target);
        if target.ends_with(".md") && !target.contains("://") && !target.starts_with("reports/") {
            let path = Path::new(ROOT).join(target);
            if !docs.contains(&path) {
                docs.push(path);
            }
        }
    }
    docs
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let mut all = Vec::new();
    for doc in documents() {
        let text =
            std::fs::read_to_string(&doc).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        let rel = doc.strip_prefix(ROOT).unwrap_or(&doc).to_path_buf();
        all.extend(examples(&rel, &text));
    }
    assert!(
        all.iter().any(|e| e.file == Path::new("README.md")),
        "no `{PROMPT}…` block found in README.md: the parser or the README changed"
    );
    let failures: Vec<String> = all
        .iter()
        .filter_map(|e| {
            check(e).err().map(|why| {
                format!(
                    "{}:{}: example `framelens {}`: {why}",
                    e.file.display(),
                    e.line,
                    e.command
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} README example(s) fail:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn the_parser_finds_blocks_and_quotes() {
    let text = "intro\n```\n$ framelens kwic 'state of emergency' --window 3\nline one  \n\nline two\n```\n\n```sh\ncargo test\n```\n";
    let found = examples(Path::new("X.md"), text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 3);
    assert_eq!(found[0].expected, ["line one  ", "", "line two"]);
    assert_eq!(
        words(&found[0].command).unwrap(),
        ["kwic", "state of emergency", "--window", "3"]
    );
    assert!(words("terms | head").unwrap_err().contains("'|'"));
    assert!(words("kwic terror*").is_err());
    assert_eq!(words("kwic \"terror*\"").unwrap(), ["kwic", "terror*"]);
    assert_eq!(
        diff(&["a", "b", "c"], &["a", "x", "c"]),
        "  a\n- b\n+ x\n  c\n"
    );
}
