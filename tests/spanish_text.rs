//! A real Spanish text through framelens: 5 KB of running prose from the
//! Spanish Debian New Maintainers' Guide (`tests/fixtures/spanish/`, whose
//! README names the package, version, licence and source file).
//!
//! - Every word's stem is Snowball's: `tests/reference/spanish_text.py` found
//!   the words on its own (runs of letters, lowercased) and stemmed them with
//!   PyStemmer, under 2.0.1 (Snowball 2.0.0, the rules of framelens'
//!   rust-stemmers 1.2) and 3.1.0 (the newest). Framelens must find the same
//!   words (its UAX #29 tokens, compounds split at their hyphens) and give
//!   each the same stem. Snowball 3.x stems otherwise only the unaccented
//!   misspellings "-acion" and "-ucion" (`tests/stems_reference.rs`), which
//!   the text does not have, so both fixtures hold the same stems.
//! - Spanish stopwords ("los", "a", "de", "que", …) are dropped from the terms.
//! - The CLI reads the text with `--language es`: `tokens` prints the terms the
//!   library gives, and `terms` counts each stem as often as the reference's
//!   words give it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use framelens::analyze::{Analyzed, Analyzer, AnalyzerConfig};

const TEXT: &str = include_str!("fixtures/spanish/maint-guide-es_start.txt");

/// Words in the text, counted by reading it as the reference does (runs of
/// letters): framelens' word count must be the same.
const WORDS: usize = 813;

fn es() -> Analyzer {
    Analyzer::new("es", &AnalyzerConfig::default()).unwrap()
}

/// word → stem of `maint-guide-es_start_snowball-<version>.tsv`, under a
/// header naming the version.
fn reference(version: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/spanish")
        .join(format!("maint-guide-es_start_snowball-{version}.tsv"));
    let tsv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = tsv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("# spanish: PyStemmer ")
            && header.ends_with(&format!("(Snowball {version})")),
        "{header}"
    );
    let rows: BTreeMap<String, String> = lines
        .map(|l| l.split_once('\t').unwrap())
        .map(|(w, s)| (w.to_string(), s.to_string()))
        .collect();
    assert_eq!(rows.len(), 349, "{version}: distinct words");
    rows
}

/// The text's words as the reference reads them: runs of letters, lowercased.
fn reference_words() -> Vec<String> {
    TEXT.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn analyzed() -> Analyzed {
    es().analyze(TEXT)
}

#[test]
fn every_word_is_stemmed_as_snowball_stems_it() {
    let an = es();
    let a = analyzed();
    assert_eq!(a.tokens.len(), WORDS);
    assert_eq!(reference_words().len(), WORDS);
    for version in ["2.0.0", "3.1.0"] {
        let want = reference(version);
        let mut found = BTreeSet::new();
        // (word, framelens' stem, Snowball's) wherever they differ.
        let mut differ = Vec::new();
        for t in &a.tokens {
            let parts: Vec<&str> = t.norm.split('-').collect();
            for part in &parts {
                found.insert(part.to_string());
                let Some(theirs) = want.get(*part) else {
                    panic!("{part:?} (of {:?}) is no word of the reference", t.norm);
                };
                let ours = an.stem(part);
                if &ours != theirs {
                    differ.push((part.to_string(), ours, theirs.clone()));
                }
            }
            // The token's stem is its parts' stems.
            let parts_stems: Vec<String> = parts.iter().map(|p| an.stem(p)).collect();
            assert_eq!(*t.stem, parts_stems.join("-"), "{:?}", t.norm);
        }
        assert_eq!(
            differ,
            Vec::<(String, String, String)>::new(),
            "Snowball {version}: (word, framelens' stem, Snowball's)"
        );
        // Every word the reference found is one of framelens' words.
        let missing: Vec<&String> = want.keys().filter(|w| !found.contains(*w)).collect();
        assert!(
            missing.is_empty(),
            "{version}: not found by framelens: {missing:?}"
        );
    }
}

#[test]
fn spanish_stopwords_are_dropped() {
    let an = es();
    let a = analyzed();
    let terms = an.terms(&a);
    // Occurrences in the text, read by hand with a search (as whole words).
    for (word, n) in [("los", 12), ("a", 10), ("de", 55), ("que", 28)] {
        let tokens: Vec<_> = a.tokens.iter().filter(|t| &*t.norm == word).collect();
        assert_eq!(tokens.len(), n, "{word}");
        assert!(tokens.iter().all(|t| t.stop), "{word}");
        assert!(!terms.iter().any(|t| t == word), "{word} is counted");
    }
    // Every other word is counted, once per occurrence.
    let kept = a.tokens.iter().filter(|t| !t.stop).count();
    assert_eq!(terms.len(), kept);
    assert!(kept > WORDS / 3 && kept < WORDS, "{kept} of {WORDS}");
}

fn framelens(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_cli_reads_the_text_as_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("corpus/maint-guide");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(source.join("start.txt"), TEXT).unwrap();
    let args = ["--corpus", "corpus", "--language", "es", "--threads", "1"];

    // `tokens`: the library's terms, and no stopword.
    let out = framelens(dir.path(), &[&["tokens"][..], &args].concat());
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let printed: Vec<&str> = line["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let an = es();
    assert_eq!(printed, an.terms(&analyzed()));
    for stop in ["los", "a", "de", "que"] {
        assert!(!printed.contains(&stop), "{stop}");
    }

    // `terms`: each stem counted as often as the reference's words give it
    // (Snowball 2.0.0's stems of the words that are no stopword).
    let stems = reference("2.0.0");
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for w in reference_words() {
        if !an.is_stopword(&w) {
            *want.entry(stems[&w].clone()).or_default() += 1;
        }
    }
    let csv = framelens(
        dir.path(),
        &[&["terms", "--format", "csv"][..], &args].concat(),
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("source,term,display,count,per_1000,doc_freq,words")
    );
    let mut got: BTreeMap<String, u64> = BTreeMap::new();
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        assert_eq!(f.len(), 7, "{l}");
        assert_eq!((f[0], f[5], f[6]), ("maint-guide", "1", "813"), "{l}");
        got.insert(f[1].to_string(), f[3].parse().unwrap());
    }
    assert_eq!(got, want);
    // The most frequent terms, read from the text: "Debian" 27 times,
    // "paquete(s)" 22, "desarrollador(es)" 16.
    assert_eq!((got["debi"], got["paquet"], got["desarroll"]), (27, 22, 16));
}
