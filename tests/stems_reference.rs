//! Spanish and Portuguese stems against another implementation of Snowball:
//! PyStemmer, the Snowball project's C library (`tests/reference/snowball_stems.py`
//! wrote the fixtures). framelens stems with rust-stemmers 1.2, whose Spanish
//! and Portuguese sources (`algorithms/*.sbl` in the crate) are Snowball
//! 2.0.0's rules (they differ only in how accented letters are written). The
//! fixtures hold the stems of PyStemmer 2.0.1 (Snowball 2.0.0), which must be
//! framelens' exactly, and of PyStemmer 3.1.0 (Snowball 3.1.0, the newest),
//! which differs on the words `NEWER_SNOWBALL` names and nowhere else. Each
//! word goes through `Analyzer::stem` for its language code, so the code →
//! algorithm mapping is checked too.

use std::path::Path;

use framelens::analyze::{Analyzer, AnalyzerConfig};

/// Where Snowball 3.x stems otherwise than framelens (and Snowball 2.0.0):
/// since 3.0, Spanish takes the unaccented misspellings "-acion" and "-ucion"
/// as "-ación" and "-ución". (language, word, framelens' stem, 3.1.0's stem).
const NEWER_SNOWBALL: &[(&str, &str, &str, &str)] = &[
    ("es", "manifestacion", "manifestacion", "manifest"),
    ("es", "constitucion", "constitucion", "constitu"),
];

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stems")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (word, stem) rows of `<code>_snowball-<version>.tsv`, checked to be the
/// words of `<code>_words.txt` in order, under a header naming the version.
fn rows(code: &str, algorithm: &str, version: &str) -> Vec<(String, String)> {
    let words: Vec<String> = fixture(&format!("{code}_words.txt"))
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    assert!(words.len() >= 50, "{code}: {} words", words.len());
    let tsv = fixture(&format!("{code}_snowball-{version}.tsv"));
    let mut lines = tsv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with(&format!("# {algorithm}: PyStemmer "))
            && header.ends_with(&format!("(Snowball {version})")),
        "{header}"
    );
    let rows: Vec<(String, String)> = lines
        .map(|l| l.split_once('\t').unwrap())
        .map(|(w, s)| (w.to_string(), s.to_string()))
        .collect();
    let listed: Vec<&String> = rows.iter().map(|(w, _)| w).collect();
    assert_eq!(
        listed,
        words.iter().collect::<Vec<_>>(),
        "{code}: the fixture is of the word list"
    );
    rows
}

/// framelens' stems against the fixture of `version`: equal except on the
/// words of `NEWER_SNOWBALL` when `newer`, where each side gives the stem named.
fn check(code: &str, algorithm: &str, version: &str, newer: bool) {
    let an = Analyzer::new(code, &AnalyzerConfig::default()).unwrap();
    let differ: Vec<(String, String, String)> = rows(code, algorithm, version)
        .into_iter()
        .map(|(word, stem)| (an.stem(&word), word, stem))
        .filter(|(ours, _, theirs)| ours != theirs)
        .map(|(ours, word, theirs)| (word, ours, theirs))
        .collect();
    let expected: Vec<(String, String, String)> = NEWER_SNOWBALL
        .iter()
        .filter(|(c, ..)| newer && *c == code)
        .map(|(_, w, ours, theirs)| (w.to_string(), ours.to_string(), theirs.to_string()))
        .collect();
    assert_eq!(
        differ, expected,
        "{code} vs Snowball {version}: (word, framelens' stem, Snowball's)"
    );
}

#[test]
fn spanish_stems_equal_snowball_2_0_and_differ_from_3_1_only_where_it_changed() {
    check("es", "spanish", "2.0.0", false);
    check("es", "spanish", "3.1.0", true);
}

#[test]
fn portuguese_stems_equal_snowball_2_0_and_3_1() {
    check("pt", "portuguese", "2.0.0", false);
    check("pt", "portuguese", "3.1.0", true);
}

/// The sentence of the issue, stem by stem.
#[test]
fn the_spanish_sentence() {
    let an = Analyzer::new("es", &AnalyzerConfig::default()).unwrap();
    let stems: Vec<String> = "los golpistas reprimieron a los manifestantes"
        .split(' ')
        .map(|w| an.stem(w))
        .collect();
    assert_eq!(stems, ["los", "golpist", "reprim", "a", "los", "manifest"]);
    let rows = fixture("es_snowball-3.1.0.tsv");
    for (word, stem) in [
        ("golpistas", "golpist"),
        ("reprimieron", "reprim"),
        ("manifestantes", "manifest"),
    ] {
        assert!(rows.contains(&format!("\n{word}\t{stem}\n")), "{word}");
    }
}
