//! Stopword lists. The default for English is the Snowball list
//! (snowballstem.org/algorithms/english/stop.txt, 174 words), the same list as
//! tidytext's `stop_words` lexicon "snowball" and quanteda's `stopwords("en")`.

use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Snowball's English stopword list, in the order of the original file.
pub const SNOWBALL_ENGLISH: &[&str] = &[
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "would",
    "should",
    "could",
    "ought",
    "i'm",
    "you're",
    "he's",
    "she's",
    "it's",
    "we're",
    "they're",
    "i've",
    "you've",
    "we've",
    "they've",
    "i'd",
    "you'd",
    "he'd",
    "she'd",
    "we'd",
    "they'd",
    "i'll",
    "you'll",
    "he'll",
    "she'll",
    "we'll",
    "they'll",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "doesn't",
    "don't",
    "didn't",
    "won't",
    "wouldn't",
    "shan't",
    "shouldn't",
    "can't",
    "cannot",
    "couldn't",
    "mustn't",
    "let's",
    "that's",
    "who's",
    "what's",
    "here's",
    "there's",
    "when's",
    "where's",
    "why's",
    "how's",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
];

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
    /// Parses the `--stopwords` argument: `none`, a language code (the
    /// built-in list), a file path (that list only), or `en+FILE` (both).
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

    /// Resolves the list for `language` (ISO 639-1).
    pub fn load(&self, language: &str) -> Result<FxHashSet<String>> {
        match self {
            StopwordSpec::None => Ok(FxHashSet::default()),
            StopwordSpec::Default => match language {
                "en" => Ok(SNOWBALL_ENGLISH.iter().map(|s| s.to_string()).collect()),
                other => Err(Error::Usage(format!(
                    "no built-in stopword list for language '{other}': pass --stopwords FILE or --stopwords none"
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
