//! One lexicon aligned across languages: a category lists its terms per
//! language (`[categories.x.terms]` with `en = [...]`, `es = [...]`), each list
//! is analyzed by its own language's analyzer, and an article is matched with
//! its own language's terms and distancing markers only; actors' aliases are
//! shared.
//!
//! The three fixture sentences say the same thing in English, Spanish and
//! Portuguese. Read by hand, each holds six loaded terms of the default
//! lexicon (corpus/lexicon.toml) in five categories:
//! - "coup" / "golpe de Estado" (coup_procedural), own voice;
//! - "terrorists" / "terroristas" after "so-called" / "supuestos" / "supostos"
//!   (delegitimize_protesters), distanced;
//! - "repression" / "represión" / "repressão" and "massacre" / "masacre" /
//!   "massacre" (state_violence), own;
//! - "de facto government" / "gobierno de facto" / "governo de facto"
//!   (delegitimize_government), own;
//! - "vandals" in “ ” / "vándalos" and "vândalos" in « » (delegitimize_protesters),
//!   scare quotes (one word).

use std::path::Path;

use assert_cmd::Command;
use framelens::analyze::{Analyzer, AnalyzerConfig};
use framelens::lexicon::*;

const EN: &str = "Congress staged a coup against President Castillo. The so-called terrorists were peasants who protested. The repression left a massacre in Ayacucho, and the de facto government of Boluarte called the protesters “vandals”.";
const ES: &str = "El Congreso consumó un golpe de Estado contra el presidente Castillo. Los supuestos terroristas eran campesinos que protestaban. La represión dejó una masacre en Ayacucho, y el gobierno de facto de Boluarte llamó «vándalos» a los manifestantes.";
const PT: &str = "O Congresso deu um golpe de Estado contra o presidente Castillo. Os supostos terroristas eram camponeses que protestavam. A repressão deixou um massacre em Ayacucho, e o governo de facto de Boluarte chamou de «vândalos» os manifestantes.";

fn analyzer(language: &str) -> Analyzer {
    Analyzer::new(language, &AnalyzerConfig::default()).unwrap()
}

fn default_lexicon() -> Lexicon {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_LEXICON);
    let (lex, warnings) = Lexicon::load(&path, &analyzer("en")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    lex
}

/// (category id, matched text, voice) of every hit of `text` read as `language`.
fn hits(lex: &Lexicon, language: &str, text: &str) -> Vec<(String, String, Voice)> {
    let analyzed = analyzer(language).analyze(text);
    find_hits(lex, language, text, &analyzed)
        .iter()
        .map(|h| {
            (
                lex.categories[h.category as usize].id.clone(),
                text[h.start..h.end].to_string(),
                h.voice,
            )
        })
        .collect()
}

#[test]
fn the_same_categories_and_voices_in_three_languages() {
    let lex = default_lexicon();
    assert_eq!(
        lex.languages().into_iter().collect::<Vec<_>>(),
        ["en", "es", "pt"]
    );
    let expected = |coup: &str, terr: &str, rep: &str, mas: &str, facto: &str, vand: &str| {
        use Voice::*;
        vec![
            ("coup_procedural".to_string(), coup.to_string(), Own),
            ("delegitimize_protesters".into(), terr.into(), Distanced),
            ("state_violence".into(), rep.into(), Own),
            ("state_violence".into(), mas.into(), Own),
            ("delegitimize_government".into(), facto.into(), Own),
            ("delegitimize_protesters".into(), vand.into(), Scare),
        ]
    };
    assert_eq!(
        hits(&lex, "en", EN),
        expected(
            "coup",
            "terrorists",
            "repression",
            "massacre",
            "de facto government",
            "vandals"
        )
    );
    assert_eq!(
        hits(&lex, "es", ES),
        expected(
            "golpe de Estado",
            "terroristas",
            "represión",
            "masacre",
            "gobierno de facto",
            "vándalos"
        )
    );
    assert_eq!(
        hits(&lex, "pt", PT),
        expected(
            "golpe de Estado",
            "terroristas",
            "repressão",
            "massacre",
            "governo de facto",
            "vândalos"
        )
    );
}

#[test]
fn an_article_meets_only_its_own_languages_terms() {
    let lex = default_lexicon();
    // Read as English, the Spanish sentence keeps only what the English list
    // has in common with it: "masacre" is no English word, "represión" has one
    // s (the English glob is "repress*"), "golpe de Estado" is no English entry.
    let as_en: Vec<String> = hits(&lex, "en", ES).into_iter().map(|h| h.1).collect();
    assert!(
        !as_en
            .iter()
            .any(|w| w == "golpe de Estado" || w == "represión"),
        "{as_en:?}"
    );
    // An article in a language the lexicon has no terms in gets no hits.
    assert!(hits(&lex, "de", "Der Putsch und die Terroristen.").is_empty());
    // Actors are shared: the Spanish sentence's hits have the same targets as
    // the aliases name them in any language ("Boluarte", "manifestantes").
    let analyzed = analyzer("es").analyze(ES);
    let targets: Vec<Option<String>> = find_hits(&lex, "es", ES, &analyzed)
        .iter()
        .map(|h| h.target.map(|a| lex.actors[a as usize].id.clone()))
        .collect();
    assert_eq!(targets[0].as_deref(), Some("congress"));
    assert_eq!(targets[4].as_deref(), Some("boluarte"));
}

const ALIGNED: &str = r#"
[meta]
name = "aligned"
language = "en"

[distancing]
en = ["so-called"]
es = ["supuesto"]

[categories.coup]
description = "coup"
[categories.coup.terms]
en = ["coup", "coup d'état"]
es = ["golpe de Estado", "golpe"]

[categories.plain]
description = "a plain list: the lexicon's language"
terms = ["terrorist"]
"#;

#[test]
fn entries_are_compiled_by_their_own_languages_analyzer() {
    let (lex, warnings) =
        Lexicon::parse_toml(ALIGNED, Path::new("a.toml"), &analyzer("en")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let coup = &lex.categories[0];
    let langs: Vec<(&str, &str)> = coup
        .entries
        .iter()
        .map(|e| (e.text.as_str(), e.language.as_str()))
        .collect();
    assert_eq!(
        langs,
        [
            ("coup", "en"),
            ("coup d'état", "en"),
            ("golpe de Estado", "es"),
            ("golpe", "es")
        ]
    );
    // Spanish Snowball: "golpes" → "golp", as the entry "golpe"; the plain list
    // is English ("terrorists" → "terrorist").
    assert_eq!(
        hits(&lex, "es", "Dos golpes. El supuesto golpe."),
        [
            ("coup".to_string(), "golpes".to_string(), Voice::Own),
            ("coup".into(), "golpe".into(), Voice::Distanced),
        ]
    );
    assert_eq!(
        hits(&lex, "en", "The so-called terrorists; a coup."),
        [
            (
                "plain".to_string(),
                "terrorists".to_string(),
                Voice::Distanced
            ),
            ("coup".into(), "coup".into(), Voice::Own),
        ]
    );
    // A distancing marker of one language does nothing in another.
    assert_eq!(hits(&lex, "en", "The supuesto coup.")[0].2, Voice::Own);
    assert_eq!(
        lex.category_languages(1).into_iter().collect::<Vec<_>>(),
        ["en"]
    );
}

#[test]
fn a_bad_language_key_is_an_error_at_its_line() {
    for (key, says) in [
        ("spanish", "is not an ISO 639-1 code"),
        ("ja", "terms in 'ja': no built-in stopword list"),
    ] {
        let text = ALIGNED.replace(
            "es = [\"golpe de Estado\"",
            &format!("{key} = [\"golpe de Estado\""),
        );
        let e = Lexicon::parse_toml(&text, Path::new("a.toml"), &analyzer("en"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.toml:14:1:"), "{e}");
        assert!(e.contains(says), "{e}");
    }
    let e = Lexicon::parse_toml(
        &ALIGNED.replace("en = [\"coup\", \"coup d'état\"]", "en = \"coup\""),
        Path::new("a.toml"),
        &analyzer("en"),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("a.toml:13:"), "{e}");
}

/// The three sentences as a JSONL corpus of three sources.
fn corpus(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("c.jsonl");
    let line = |id: &str, source: &str, language: &str, text: &str| {
        serde_json::json!({"id": id, "source": source, "language": language, "text": text})
            .to_string()
    };
    std::fs::write(
        &path,
        [
            line("a1", "en-times", "en", EN),
            line("a2", "el-diario", "es", ES),
            line("a3", "o-jornal", "pt", PT),
        ]
        .join("\n"),
    )
    .unwrap();
    path
}

#[test]
fn lexicon_rates_are_compared_across_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(tmp.path());
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lexicon", "--format", "csv", "--corpus"])
        .arg(&c)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let head = rows.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (unit, wc, cat, hits) = (col("unit"), col("wc"), col("category"), col("hits"));
    let mut by_source = std::collections::BTreeMap::<String, (u64, Vec<(String, u64)>)>::new();
    for r in rows.records() {
        let r = r.unwrap();
        let e = by_source.entry(r[unit].to_string()).or_default();
        e.0 = r[wc].parse().unwrap();
        let n: u64 = r[hits].parse().unwrap();
        if n > 0 {
            e.1.push((r[cat].to_string(), n));
        }
    }
    // Every source: the same five categories, the same six hits.
    let want = vec![
        ("delegitimize_government".to_string(), 1),
        ("delegitimize_protesters".into(), 2),
        ("state_violence".into(), 2),
        ("coup_procedural".into(), 1),
    ];
    // Words (stopwords included) counted by hand: the English has 32
    // ("so-called" is one word), the Spanish and Portuguese 37 each; the
    // rates per 1,000 words are the hits over those.
    for (source, words) in [("en-times", 32), ("el-diario", 37), ("o-jornal", 37)] {
        let (wc, mut got) = by_source[source].clone();
        got.sort_by_key(|(c, _)| lexicon_order(c));
        assert_eq!(got, want, "{source}");
        assert_eq!(wc, words, "{source}");
    }
}

fn lexicon_order(id: &str) -> usize {
    default_lexicon().category_index(id).unwrap()
}

#[test]
fn a_language_without_terms_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(tmp.path());
    let text = std::fs::read_to_string(&c).unwrap();
    std::fs::write(
        &c,
        text.replace("\"language\":\"pt\"", "\"language\":\"de\""),
    )
    .unwrap();
    let out = Command::cargo_bin("framelens")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lexicon", "--corpus"])
        .arg(&c)
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "the lexicon has no terms in 'de' (German), the language of 1 source(s) (o-jornal)"
        ),
        "{err}"
    );
    assert!(!err.contains("'es'") && !err.contains("'en'"), "{err}");
}
