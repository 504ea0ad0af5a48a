//! Stopword lists. The built-in lists are the Snowball project's
//! (snowballstem.org/algorithms/<language>/stop.txt, BSD licence), embedded
//! unchanged from `assets/stopwords/<code>.txt` (the folder's LICENSE says
//! where each came from): Danish, Dutch, English, Finnish, French, German,
//! Hungarian, Italian, Norwegian, Portuguese, Russian, Spanish and Swedish.
//! English's (174 words) is the same list as tidytext's `stop_words` lexicon
//! "snowball" and quanteda's `stopwords("en")`. Snowball publishes none for
//! Arabic, Greek, Romanian, Tamil and Turkish, which it stems.

use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Snowball's stop-word files by ISO 639-1 code, as published: `|` starts a
/// comment, the words are what is left, separated by white space.
const SNOWBALL_LISTS: &[(&str, &str)] = &[
    ("da", include_str!("../../assets/stopwords/da.txt")),
    ("de", include_str!("../../assets/stopwords/de.txt")),
    ("en", include_str!("../../assets/stopwords/en.txt")),
    ("es", include_str!("../../assets/stopwords/es.txt")),
    ("fi", include_str!("../../assets/stopwords/fi.txt")),
    ("fr", include_str!("../../assets/stopwords/fr.txt")),
    ("hu", include_str!("../../assets/stopwords/hu.txt")),
    ("it", include_str!("../../assets/stopwords/it.txt")),
    ("nl", include_str!("../../assets/stopwords/nl.txt")),
    ("no", include_str!("../../assets/stopwords/no.txt")),
    ("pt", include_str!("../../assets/stopwords/pt.txt")),
    ("ru", include_str!("../../assets/stopwords/ru.txt")),
    ("sv", include_str!("../../assets/stopwords/sv.txt")),
];

/// The languages with a built-in list (ISO 639-1 codes, sorted; "nb" is
/// Norwegian's list too).
pub fn snowball_languages() -> impl Iterator<Item = &'static str> {
    SNOWBALL_LISTS.iter().map(|(code, _)| *code)
}

/// Snowball's stopword list for `language` (ISO 639-1), in the order of its
/// file (a word may come twice); `None` when Snowball publishes none.
pub fn snowball_list(language: &str) -> Option<Vec<&'static str>> {
    let language = if language == "nb" { "no" } else { language };
    let (_, text) = SNOWBALL_LISTS.iter().find(|(code, _)| *code == language)?;
    Some(
        text.lines()
            .flat_map(|line| line.split('|').next().unwrap_or("").split_whitespace())
            .collect(),
    )
}

/// Which stopwords to remove before term statistics.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StopwordSpec {
    /// Snowball's list for the article's language.
    Default,
    /// No stopword removal.
    None,
    /// One word per line; `#` starts a comment: these words only.
    File(PathBuf),
    /// Snowball's list for the article's language and the words of a file.
    #[serde(rename = "default_and_file")]
    DefaultAndFile(PathBuf),
}

impl StopwordSpec {
    /// Parses the `--stopwords` argument: `default` (Snowball's list for each
    /// article's language; `en` and `english` are older spellings of it),
    /// `none`, a file path (that list only), or `default+FILE` (both).
    pub fn parse(s: &str) -> StopwordSpec {
        let builtin = |name: &str| matches!(name, "default" | "en" | "english");
        match s {
            "none" => StopwordSpec::None,
            s if builtin(s) => StopwordSpec::Default,
            s => match s.split_once('+') {
                Some((lang, file)) if builtin(lang) && !file.is_empty() => {
                    StopwordSpec::DefaultAndFile(PathBuf::from(file))
                }
                _ => StopwordSpec::File(PathBuf::from(s)),
            },
        }
    }

    /// Checks a `--stopwords` argument: a language code that names no file
    /// (`--stopwords es`) is a mistake, since the built-in list follows each
    /// article's language; the message says how to choose it.
    pub fn check_arg(s: &str) -> std::result::Result<(), String> {
        let (first, _) = s.split_once('+').unwrap_or((s, ""));
        if snowball_list(first).is_some()
            && matches!(StopwordSpec::parse(s), StopwordSpec::File(_))
            && !Path::new(s).exists()
        {
            let file = s.strip_prefix(first).unwrap_or("");
            return Err(format!(
                "no file {s:?}; Snowball's list follows each article's language: \
                 --stopwords default{file}, with --language {first} (or a language field or column)"
            ));
        }
        Ok(())
    }

    /// Resolves the list for `language` (ISO 639-1).
    pub fn load(&self, language: &str) -> Result<FxHashSet<String>> {
        match self {
            StopwordSpec::None => Ok(FxHashSet::default()),
            StopwordSpec::Default => match snowball_list(language) {
                Some(words) => Ok(words.into_iter().map(super::normalize_word).collect()),
                None => Err(Error::Usage(format!(
                    "no built-in stopword list for language {} (Snowball's lists: {}): pass --stopwords FILE or --stopwords none",
                    crate::language::labelled(language),
                    snowball_languages().collect::<Vec<_>>().join(", ")
                ))),
            },
            StopwordSpec::File(path) => read_list(path),
            StopwordSpec::DefaultAndFile(path) => {
                let mut words = StopwordSpec::Default.load(language)?;
                words.extend(read_list(path)?);
                Ok(words)
            }
        }
    }
}

fn read_list(path: &Path) -> Result<FxHashSet<String>> {
    let bytes = crate::corpus::read_regular_file(path, crate::corpus::MAX_SETTINGS_FILE_BYTES)
        .map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        Error::input(path, line, "stopword file is not valid UTF-8")
    })?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(super::normalize_word)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{normalize_word, snowball_algorithm, Analyzer, AnalyzerConfig};

    /// Each list as published: its words (distinct), and a few that must be
    /// there, counted by hand from the files.
    #[test]
    fn every_list_parses_to_its_words() {
        let expected: &[(&str, usize, &[&str])] = &[
            ("da", 94, &["og", "ikke", "hvad"]),
            ("de", 231, &["und", "nicht", "über"]),
            ("en", 174, &["i", "the", "i'm", "very"]),
            ("es", 308, &["de", "los", "a", "más", "tuviesen"]),
            ("fi", 230, &["olla", "minä", "minulle", "joiksi"]),
            ("fr", 154, &["au", "le", "étée", "ayant"]),
            ("hu", 198, &["a", "által", "így"]),
            ("it", 279, &["ad", "il", "più", "stessimo"]),
            ("nl", 101, &["de", "en", "zijn"]),
            ("no", 172, &["og", "ikkje", "hoss"]),
            ("pt", 203, &["de", "os", "não", "tiverem"]),
            ("ru", 159, &["и", "не", "всегда"]),
            ("sv", 114, &["och", "inte", "vilkas"]),
        ];
        let languages: Vec<&str> = snowball_languages().collect();
        let codes: Vec<&str> = expected.iter().map(|(c, ..)| *c).collect();
        assert_eq!(languages, codes);
        for (code, distinct, some) in expected {
            let words = snowball_list(code).unwrap();
            let set: FxHashSet<&str> = words.iter().copied().collect();
            assert_eq!(set.len(), *distinct, "{code}");
            for w in *some {
                assert!(set.contains(w), "{code}: {w}");
            }
            for w in &words {
                assert!(
                    !w.contains('|') && !w.contains(char::is_whitespace),
                    "{code}: {w:?}"
                );
                assert_eq!(normalize_word(w), *w, "{code}: {w:?} is not normalized");
            }
            assert!(
                snowball_algorithm(code).is_some(),
                "{code} has a list, no stemmer"
            );
        }
        assert_eq!(snowball_list("nb"), snowball_list("no"));
        for none in ["ar", "el", "ro", "ta", "tr", "ja", "xx"] {
            assert_eq!(snowball_list(none), None, "{none}");
        }
    }

    /// English is Snowball's list in the order of its file (the list built in
    /// before the others were).
    #[test]
    fn english_is_snowball_s_174_words_in_order() {
        let en = snowball_list("en").unwrap();
        assert_eq!(en.len(), 174);
        assert_eq!(en[..6], ["i", "me", "my", "myself", "we", "our"]);
        assert_eq!(en[57..60], ["i'm", "you're", "he's"]);
        assert_eq!(en[en.len() - 3..], ["than", "too", "very"]);
    }

    #[test]
    fn the_default_list_follows_the_language() {
        let es = StopwordSpec::Default.load("es").unwrap();
        assert!(es.contains("los") && es.contains("a") && !es.contains("the"));
        let en = StopwordSpec::Default.load("en").unwrap();
        assert!(en.contains("the") && !en.contains("los"));
        let an = Analyzer::new("es", &AnalyzerConfig::default()).unwrap();
        let a = an.analyze("Los golpistas reprimieron a los manifestantes");
        let flags: Vec<(&str, bool)> = a.tokens.iter().map(|t| (&*t.norm, t.stop)).collect();
        assert_eq!(
            flags,
            [
                ("los", true),
                ("golpistas", false),
                ("reprimieron", false),
                ("a", true),
                ("los", true),
                ("manifestantes", false)
            ]
        );
        assert_eq!(an.terms(&a), ["golpist", "reprim", "manifest"]);
    }

    #[test]
    fn a_language_without_a_list_says_what_to_do() {
        for code in ["tr", "ar"] {
            let Err(Error::Usage(msg)) = StopwordSpec::Default.load(code) else {
                panic!("{code}: expected a usage error");
            };
            assert!(msg.contains(&format!("language '{code}'")), "{msg}");
            assert!(
                msg.contains("--stopwords FILE or --stopwords none"),
                "{msg}"
            );
        }
        let Err(Error::Usage(msg)) = StopwordSpec::Default.load("tr") else {
            unreachable!()
        };
        assert!(msg.contains("(Turkish)"), "{msg}");
        // With no list, none or the user's own works.
        assert!(StopwordSpec::None.load("tr").unwrap().is_empty());
    }

    #[test]
    fn a_language_code_given_as_a_file_is_refused_with_a_hint() {
        assert_eq!(StopwordSpec::check_arg("default"), Ok(()));
        assert_eq!(StopwordSpec::check_arg("en"), Ok(()));
        assert_eq!(StopwordSpec::check_arg("none"), Ok(()));
        assert_eq!(StopwordSpec::check_arg("my-list.txt"), Ok(()));
        // The older spelling of default+FILE.
        assert_eq!(StopwordSpec::check_arg("en+names.txt"), Ok(()));
        let msg = StopwordSpec::check_arg("es").unwrap_err();
        assert!(
            msg.contains("--stopwords default, with --language es"),
            "{msg}"
        );
        let msg = StopwordSpec::check_arg("es+names.txt").unwrap_err();
        assert!(msg.contains("--stopwords default+names.txt"), "{msg}");
    }
}
