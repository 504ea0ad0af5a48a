//! A corpus in two languages: each article is stemmed, and its stopwords
//! dropped, by the analyzer of its own language (one per language in a run,
//! each with its own word cache), in every layout, with no `--stopwords`.
//!
//! The two sources share words on purpose: "manifestantes" and "golpistas"
//! stem one way in English and another in Spanish, "con" is a Spanish
//! stopword and an English word, "the" the other way round. Articles of the
//! two languages alternate and one thread analyzes them all, so a word cache
//! shared between the languages would give the second language the first's stems.

use std::path::Path;

use assert_cmd::Command;

const EN_1: &str = "The manifestantes con the golpistas.";
const ES_1: &str = "Los manifestantes con los golpistas, the end.";
const EN_2: &str = "Golpistas and manifestantes.";
const ES_2: &str = "Golpistas y manifestantes.";

/// Each article's terms, as `framelens tokens` prints them: the English ones
/// with English stems and stopwords ("the", "and" dropped), the Spanish ones
/// with Spanish stems and stopwords ("los", "con", "y" dropped).
const TOKENS: &[(&str, &[&str])] = &[
    ("en1", &["manifestant", "con", "golpista"]),
    ("es1", &["manifest", "golpist", "the", "end"]),
    ("en2", &["golpista", "manifestant"]),
    ("es2", &["golpist", "manifest"]),
];

/// `terms --format csv`, and the report's `data/terms.csv` (the same rows
/// without the words column): counts by source, stems of each language.
const TERMS: &str = "\
daily,golpista,Golpistas,2,250.0,2
daily,manifestant,manifestantes,2,250.0,2
daily,con,con,1,125.0,1
diario,golpist,Golpistas,2,200.0,2
diario,manifest,manifestantes,2,200.0,2
diario,end,end,1,100.0,1
diario,the,the,1,100.0,1
";

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

/// (id, terms) of each line of `framelens tokens`.
fn tokens_of(out: &str) -> Vec<(String, Vec<String>)> {
    out.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            let terms = v["terms"].as_array().unwrap().iter();
            let terms = terms.map(|t| t.as_str().unwrap().to_string()).collect();
            (v["id"].as_str().unwrap().to_string(), terms)
        })
        .collect()
}

/// `TOKENS` in `order`, each id written by `id`.
fn want_tokens(order: &[&str], id: impl Fn(&str) -> String) -> Vec<(String, Vec<String>)> {
    order
        .iter()
        .map(|o| {
            let (_, terms) = TOKENS.iter().find(|(i, _)| i == o).unwrap();
            (id(o), terms.iter().map(|s| s.to_string()).collect())
        })
        .collect()
}

/// The rows of `terms --format csv`: `TERMS` with each source's words.
fn want_terms() -> Vec<String> {
    TERMS
        .lines()
        .map(|l| format!("{l},{}", if l.starts_with("daily") { 8 } else { 10 }))
        .collect()
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Runs `tokens`, `terms` and `report` on `corpus` (inside `dir`) with
/// `extra` options, on one thread and on two, and checks them against
/// `TOKENS` and `TERMS`.
fn check_corpus(dir: &Path, corpus: &str, extra: &[&str]) {
    for threads in ["1", "2"] {
        let with = |args: &[&str]| -> Vec<String> {
            let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            v.extend(["--corpus", corpus, "--threads", threads].map(String::from));
            v.extend(extra.iter().map(|s| s.to_string()));
            v
        };
        let run = |args: &[&str]| {
            let args = with(args);
            framelens(dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let want = want_tokens(&["en1", "es1", "en2", "es2"], str::to_string);
        assert_eq!(
            tokens_of(&run(&["tokens"])),
            want,
            "{corpus}, {threads} thread(s)"
        );

        let terms = run(&["terms", "--format", "csv"]);
        let rows: Vec<&str> = terms.lines().skip(1).collect();
        assert_eq!(rows, want_terms(), "{corpus}, {threads} thread(s)");

        let out = dir.join(format!("report-{threads}"));
        let out_arg = out.to_str().unwrap();
        run(&["report", "--lexicon", "none", "--quiet", "--out", out_arg]);
        let data = std::fs::read_to_string(out.join("data/terms.csv")).unwrap();
        assert_eq!(
            data.lines().skip(1).collect::<Vec<_>>(),
            TERMS.lines().collect::<Vec<_>>()
        );
    }
}

#[test]
fn jsonl_with_a_language_field() {
    let dir = tempfile::tempdir().unwrap();
    // The English articles name no language: the default, English.
    let line = |id: &str, source: &str, text: &str, lang: &str| {
        format!(
            "{{\"id\":\"{id}\",\"source\":\"{source}\",\"text\":{}{lang}}}\n",
            json_string(text)
        )
    };
    let es = ",\"language\":\"es\"";
    let jsonl = [
        line("en1", "daily", EN_1, ""),
        line("es1", "diario", ES_1, es),
        line("en2", "daily", EN_2, ""),
        line("es2", "diario", ES_2, es),
    ]
    .concat();
    std::fs::write(dir.path().join("mixed.jsonl"), jsonl).unwrap();
    check_corpus(dir.path(), "mixed.jsonl", &[]);
}

#[test]
fn csv_with_a_language_column() {
    let dir = tempfile::tempdir().unwrap();
    // --language es makes Spanish the default; the column says "en" where it is not.
    let csv = format!(
        "id,source,idioma,text\nen1,daily,en,{EN_1}\nes1,diario,,\"{ES_1}\"\nen2,daily,en,{EN_2}\nes2,diario,es,{ES_2}\n"
    );
    std::fs::write(dir.path().join("mixed.csv"), csv).unwrap();
    check_corpus(
        dir.path(),
        "mixed.csv",
        &["--language-column", "idioma", "--language", "es"],
    );
}

#[test]
fn directory_with_a_language_per_source_and_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    // Article ids are <source>/<file>: named so that `TOKENS`' ids are the files'.
    for (source, file, text) in [
        ("daily", "en1.txt", EN_1),
        ("daily", "en2.txt", EN_2),
        ("diario", "es1.txt", ES_1),
        ("diario", "es2.txt", ES_2),
    ] {
        std::fs::create_dir_all(root.join(source)).unwrap();
        std::fs::write(root.join(source).join(file), text).unwrap();
    }
    // "daily" is declared Portuguese, and each of its articles English (an
    // article's language wins over its source's); "diario" declares none, so
    // it is in --language's, Spanish.
    std::fs::write(
        root.join("corpus.toml"),
        "[sources.daily]\nlanguage = \"pt\"\n\n[articles.\"daily/en1.txt\"]\nlanguage = \"en\"\n\n[articles.\"daily/en2.txt\"]\nlanguage = \"en\"\n",
    )
    .unwrap();
    let args = ["--corpus", "corpus", "--threads", "1", "--language", "es"];
    let out = framelens(dir.path(), &[&["tokens"][..], &args].concat());
    let source = |id: &str| {
        let s = if id.starts_with("en") {
            "daily"
        } else {
            "diario"
        };
        format!("{s}/{id}.txt")
    };
    let want = want_tokens(&["en1", "en2", "es1", "es2"], source);
    assert_eq!(tokens_of(&out), want);
    let terms = framelens(
        dir.path(),
        &[&["terms", "--format", "csv"][..], &args].concat(),
    );
    assert_eq!(terms.lines().skip(1).collect::<Vec<_>>(), want_terms());
}
