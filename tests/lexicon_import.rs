//! The lexicon readers: LIWC .dic, quanteda YAML, framelens TOML; their errors
//! name the file, line and column.

use std::path::{Path, PathBuf};

use framelens::analyze::{Analyzer, AnalyzerConfig};
use framelens::lexicon::*;

fn en() -> Analyzer {
    Analyzer::new("en", &AnalyzerConfig::default()).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lexicon")
        .join(name)
}

/// (category id, matched text) of every hit.
fn hits(lex: &Lexicon, text: &str) -> Vec<(String, String)> {
    let a = en().analyze(text);
    find_hits(lex, "en", text, &a)
        .iter()
        .map(|h| {
            (
                lex.categories[h.category as usize].id.clone(),
                text[h.start..h.end].to_string(),
            )
        })
        .collect()
}

fn err_of(text: &str, file: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(file);
    std::fs::write(&p, text).unwrap();
    let e = Lexicon::load(&p, &en()).unwrap_err();
    e.to_string()
        .replace(&dir.path().display().to_string(), "DIR")
}

fn warnings_of(text: &str) -> Vec<String> {
    let (_, w) = Lexicon::parse_toml(text, Path::new("x.toml"), &en()).unwrap();
    w.iter().map(|w| w.to_string()).collect()
}

// ---- LIWC -----------------------------------------------------------------

#[test]
fn liwc_fixture_categories_and_entries() {
    let (lex, w) = Lexicon::load(&fixture("sample.dic"), &en()).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let ids: Vec<_> = lex.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["posemo", "negemo", "anger", "power"]);
    let n: Vec<_> = lex.categories.iter().map(|c| c.entries.len()).collect();
    // posemo: agree agreeable care honest* love of course trust* = 7
    // negemo: abandon* abuse* brutal* dictat* hate kill* massacre* thug* = 8
    // anger: abuse* brutal* hate kill* massacre* thug* = 6; power: dictat* leader* rule ruled = 4
    assert_eq!(n, [7, 8, 6, 4]);
    assert_eq!(lex.meta.matching, Matching::Exact);
}

#[test]
fn liwc_semantics_exact_words_globs_and_multiple_categories() {
    let (lex, _) = Lexicon::load(&fixture("sample.dic"), &en()).unwrap();
    // "Thugs" → thug* in negemo and anger; "ruled" and "rule" exact; "rules" is
    // not listed (LIWC does not stem); "agreed" is not "agree"; "of course" is a phrase.
    let got = hits(&lex, "Thugs ruled. The rules agreed, of course, to rule.");
    let want = [
        ("negemo", "Thugs"),
        ("anger", "Thugs"),
        ("power", "ruled"),
        ("posemo", "of course"),
        ("power", "rule"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
}

#[test]
fn liwc_errors_name_line_and_column() {
    let e = err_of("%\n1\tposemo\n%\nhappy\t1\nsad\t2\n", "d.dic");
    assert_eq!(
        e,
        "DIR/d.dic:5:5: category id 2 is not declared in the header"
    );
    let e = err_of("1\tposemo\n%\n", "d.dic");
    assert_eq!(e, "DIR/d.dic:1:1: a LIWC .dic file starts with a '%' line");
    let e = err_of("%\n1\tposemo\n%\nha*ppy\t1\n", "d.dic");
    assert!(
        e.starts_with("DIR/d.dic:4:3: unsupported glob 'ha*ppy'"),
        "{e}"
    );
    let e = err_of(
        "%\n1\tposemo\n2\tfunct\n%\nlike\t02 134/125(02 131)\n",
        "d.dic",
    );
    assert!(
        e.starts_with("DIR/d.dic:5:9: unsupported category reference '134/125(02'"),
        "{e}"
    );
    let e = err_of("%\n1\tposemo\n", "d.dic");
    assert!(e.contains("not closed by a second '%' line"), "{e}");
}

// ---- YAML -----------------------------------------------------------------

#[test]
fn yaml_fixture_nested_keys() {
    let (lex, w) = Lexicon::load(&fixture("sample.yml"), &en()).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let ids: Vec<_> = lex
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.entries.len()))
        .collect();
    assert_eq!(
        ids,
        [
            ("violence.state", 4),
            ("violence.protesters", 4),
            ("labels", 3),
            ("legitimacy", 3)
        ]
    );
}

#[test]
fn yaml_multiword_entries_count_once_per_span() {
    let (lex, _) = Lexicon::load(&fixture("sample.yml"), &en()).unwrap();
    let text = "A state of emergency, looting and riots; the so called mob defended the Constitution and the rule of law.";
    let got = hits(&lex, text);
    let want = [
        ("violence.state", "state of emergency"),
        ("violence.protesters", "looting"),
        ("violence.protesters", "riots"),
        ("labels", "so called"),
        ("labels", "mob"),
        ("legitimacy", "Constitution"),
        ("legitimacy", "rule of law"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    // Exact matching: "riot" and "riots" are listed, "rioting" is not.
    assert!(hits(&lex, "rioting").is_empty());
}

#[test]
fn yaml_errors_name_line_and_column() {
    let e = err_of("a:\n  - x\n b: [y\n", "d.yml");
    assert!(e.starts_with("DIR/d.yml:3:2: "), "{e}");
    let e = err_of("a:\n  - ok\n  - te*rm\n", "d.yml");
    assert!(
        e.starts_with("DIR/d.yml:3:7: unsupported glob 'te*rm'"),
        "{e}"
    );
    let e = err_of("a:\nb: [x]\n", "d.yml");
    assert_eq!(e, "DIR/d.yml:1:1: key 'a' has no patterns");
}

// ---- TOML -----------------------------------------------------------------

const HEAD: &str = "[meta]\nname = \"t\"\nversion = \"1\"\n";

#[test]
fn toml_malformed() {
    let e = err_of(&format!("{HEAD}[categories.a\nterms = [\"x\"]\n"), "l.toml");
    assert!(e.starts_with("DIR/l.toml:4:14: "), "{e}");
}

#[test]
fn toml_unknown_key() {
    let e = err_of(
        &format!("{HEAD}[categories.a]\nlable = \"A\"\nterms = [\"x\"]\n"),
        "l.toml",
    );
    assert!(
        e.starts_with("DIR/l.toml:5:1: unknown field `lable`"),
        "{e}"
    );
}

#[test]
fn toml_empty_category() {
    let e = err_of(
        &format!("{HEAD}[categories.a]\ndescription = \"d\"\nterms = []\n"),
        "l.toml",
    );
    assert_eq!(e, "DIR/l.toml:4:13: category 'a' has no terms");
}

#[test]
fn toml_bad_glob() {
    let e = err_of(
        &format!("{HEAD}[categories.a]\nterms = [\"ok\", \"ter*or\"]\n"),
        "l.toml",
    );
    assert!(
        e.starts_with("DIR/l.toml:5:20: unsupported glob 'ter*or'"),
        "{e}"
    );
    let e = err_of(
        &format!("{HEAD}[categories.a]\nterms = [\"*\"]\n"),
        "l.toml",
    );
    assert!(e.contains("l.toml:5:11:"), "{e}");
}

#[test]
fn toml_duplicates_are_warnings() {
    let w = warnings_of(&format!(
        "{HEAD}[categories.a]\ndescription = \"d\"\nterms = [\"rioters\",\n  \"rioter\"]\n"
    ));
    assert_eq!(
        w,
        ["x.toml:7:4: duplicate entry 'rioter' in category 'a': same as 'rioters' (line 6) after analysis; ignored"]
    );
    let w = warnings_of(&format!(
        "{HEAD}[categories.a]\ndescription = \"d\"\nterms = [\"abc*\", \"x*\"]\n"
    ));
    assert_eq!(
        w,
        ["x.toml:6:19: glob 'x*' has a prefix of under 3 letters and matches very broadly"]
    );
}

#[test]
fn toml_order_and_meta() {
    let text = format!(
        "distancing = [\"so-called\"]\n{HEAD}language = \"en\"\n[categories.zeta]\ndescription = \"z\"\nterms = [\"a b\"]\nweight = 2\n[categories.alpha]\ndescription = \"a\"\nterms = [\"c\"]\n"
    );
    let (lex, w) = Lexicon::parse_toml(&text, Path::new("x.toml"), &en()).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let ids: Vec<_> = lex
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.weight))
        .collect();
    assert_eq!(ids, [("zeta", 2.0), ("alpha", 1.0)]);
    assert_eq!(lex.distancing.len(), 1);
    // distancing after [meta] belongs to [meta]: a helpful error.
    let e = err_of(&format!("{HEAD}distancing = [\"x\"]\n"), "l.toml");
    assert!(e.contains("before the first [table] header"), "{e}");
}

#[test]
fn load_dispatches_on_extension() {
    let e = err_of("x", "lexicon.txt");
    assert_eq!(
        e,
        "DIR/lexicon.txt: unknown lexicon format: expected a .toml, .dic, .yml or .yaml file"
    );
    let e = Lexicon::load(Path::new("/nonexistent/l.toml"), &en())
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("/nonexistent/l.toml: "), "{e}");
}
