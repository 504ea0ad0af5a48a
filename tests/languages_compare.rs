//! Comparisons that make sense across languages: with sources in several
//! languages, term keyness, TF-IDF and similarity compare each language's
//! sources among themselves (stems of two languages are different words), so
//! each language's numbers equal those of a corpus holding only that
//! language's sources; `--vs` across languages is refused.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const EN: &[&str] = &[
    "Congress staged a coup against President Castillo. The so-called terrorists were peasants.",
    "Police fired on protesters in Ayacucho; the massacre shocked Peru.",
    "The rioters blocked roads and the government declared an emergency.",
];
const ES: &[&str] = &[
    "El Congreso consumó un golpe de Estado. Los supuestos terroristas eran campesinos.",
    "La policía disparó contra los manifestantes en Ayacucho; la masacre conmocionó al Perú.",
    "Los vándalos bloquearon carreteras y el gobierno declaró la emergencia.",
];

/// Two English sources, two Spanish ones (the second repeats two of the
/// first's articles, so the pair shares words) and one Portuguese source;
/// `only` keeps the lines of one language.
fn corpus(dir: &Path, name: &str, only: Option<&str>) -> PathBuf {
    let mut lines = Vec::new();
    let mut k = 0;
    let sources: [(&str, &str, Vec<&str>); 5] = [
        ("en-a", "en", EN.to_vec()),
        ("en-b", "en", EN.iter().rev().copied().collect()),
        ("es-a", "es", ES.to_vec()),
        ("es-b", "es", ES[1..].to_vec()),
        ("pt-a", "pt", vec!["O golpe de Estado."]),
    ];
    for (source, language, texts) in sources {
        for t in texts {
            k += 1;
            if only.is_some_and(|o| o != language) {
                continue;
            }
            let text = if k % 2 == 1 {
                format!("{t} Extra {source}")
            } else {
                t.to_string()
            };
            lines.push(
                serde_json::json!({"id": format!("a{k}"), "source": source, "language": language, "text": text})
                    .to_string(),
            );
        }
    }
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn run(args: &[&str], corpus: &Path) -> String {
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The CSV lines whose source column (`col`, 0-based) starts with `prefix`.
fn rows_of(csv: &str, col: usize, prefix: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .filter(|l| l.split(',').nth(col).is_some_and(|c| c.starts_with(prefix)))
        .map(str::to_string)
        .collect()
}

#[test]
fn each_language_is_weighed_and_compared_among_its_own_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let mixed = corpus(tmp.path(), "m.jsonl", None);
    let spanish = corpus(tmp.path(), "es.jsonl", Some("es"));
    let english = corpus(tmp.path(), "en.jsonl", Some("en"));
    for (alone, prefix) in [(&spanish, "es-"), (&english, "en-")] {
        // TF-IDF: the same rows, display forms included (a Spanish term is
        // shown as the Spanish sources write it, though "declar" is also an
        // English stem).
        let tfidf = ["tfidf", "--format", "csv"];
        assert_eq!(
            rows_of(&run(&tfidf, &mixed), 4, prefix),
            rows_of(&run(&tfidf, alone), 4, prefix)
        );
        // Similarity: the same pairs.
        let sim = ["similarity", "--format", "csv"];
        assert_eq!(
            rows_of(&run(&sim, &mixed), 0, prefix),
            rows_of(&run(&sim, alone), 0, prefix)
        );
        // Keyness against the rest of the language: the same counts and
        // statistics (the first 22 columns: through the log-odds z and the
        // target's documents); DP and the permutation test are left empty
        // in a mixed corpus.
        let key = ["keyness", "--format", "csv", "--permutations", "0"];
        let cut = |rows: Vec<String>, rest: &str| -> Vec<String> {
            rows.iter()
                .map(|r| {
                    r.split(',')
                        .take(22)
                        .collect::<Vec<_>>()
                        .join(",")
                        .replace(rest, "REST")
                })
                .collect()
        };
        let language = &prefix[..2];
        let got = cut(
            rows_of(&run(&key, &mixed), 0, prefix),
            &format!("(rest of {language})"),
        );
        let want = cut(rows_of(&run(&key, alone), 0, prefix), "(rest of corpus)");
        assert!(!want.is_empty());
        assert_eq!(got, want, "{prefix}");
    }
    // A language with one source has no keyness comparison, and the text
    // output says which sources are compared with which.
    let key = run(&["keyness", "--top", "1"], &mixed);
    assert!(!key.contains("== pt-a vs"), "{key}");
    assert!(
        key.contains("English (en): en-a, en-b; Spanish (es): es-a, es-b; Portuguese (pt): pt-a"),
        "{key}"
    );
    let tfidf = run(&["tfidf", "--top", "1"], &mixed);
    assert!(
        tfidf.contains("TF-IDF by source within 'es' (Spanish)"),
        "{tfidf}"
    );
}

#[test]
fn vs_across_languages_is_refused_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    let mixed = corpus(tmp.path(), "m.jsonl", None);
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .args(["keyness", "--source", "en-a", "--vs", "es-a", "--corpus"])
        .arg(&mixed)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("en-a is in 'en' (English) and es-a in 'es' (Spanish)"),
        "{err}"
    );
    // Within one language, --vs works as ever.
    run(&["keyness", "--source", "es-b", "--vs", "es-a"], &mixed);
}
