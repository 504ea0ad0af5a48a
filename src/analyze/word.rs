//! The word rules: what a raw word (its exact bytes in the text) is. The one
//! definition, called by the full analyzer (`Analyzer::analyze`, through its
//! `WordCache`) and by the counting scan (`count::scan`, through its raw-word
//! cache and the shared unigram table): caches may sit in front of it, never
//! a second copy of the rules.
//!
//! In order (steps 3, 5 and 6 of the module doc of `analyze`):
//! 1. normalize (`normalize_word`): lowercase, NFC, `'` apostrophes, `-` hyphens,
//!    invisible format characters removed;
//! 2. no letter: not a word (a number, a footnote marker);
//! 3. the whole word a stopword ("it's", "don't"): kept whole, a stopword;
//! 4. else a trailing possessive `'s` is stripped, and the rest looked up in
//!    the stopwords;
//! 5. the stem of the normalized form (`Analyzer::stem`), a step of its own so
//!    that a caller that already knows the stem of a form (or has no use for
//!    it, as for a stopword in counting) skips the stemmer.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{Analyzer, Case};

/// What a raw word is after the word rules (before stemming).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordForm {
    /// The normalized form: lowercase, NFC, `'` apostrophes, a possessive `'s`
    /// removed (unless the whole word is a stopword).
    pub norm: String,
    /// The same form with the case the text wrote it in ("US", "Boluarte"):
    /// what a table shows (display forms), never what is counted.
    pub cased: String,
    /// A stopword: part of WC and of lexicon phrases, not of term statistics.
    pub stop: bool,
}

impl Analyzer {
    /// The word rules (steps 1–4 of the module doc): `None` when `raw` is no
    /// word (it has no letter), else its normalized form and stopword flag.
    /// [`Analyzer::stem`] of the form is the last step.
    pub fn word(&self, raw: &str) -> Option<WordForm> {
        let norm = normalize_word(raw);
        if !norm.chars().any(char::is_alphabetic) {
            return None;
        }
        let mut cased = normalize(raw, false);
        if self.stopwords.contains(&norm) {
            return Some(WordForm {
                norm,
                cased,
                stop: true,
            });
        }
        let before = norm.len();
        let norm = strip_possessive(norm);
        if norm.len() < before && cased.len() > 2 {
            // The same two ASCII bytes, `'s` or `'S`.
            cased.truncate(cased.len() - 2);
        }
        let stop = self.stopwords.contains(&norm);
        if !stop && self.config.case == Case::Acronyms && is_acronym(&cased) {
            // Counted as written: "US" is not "us".
            return Some(WordForm {
                norm: cased.clone(),
                cased,
                stop,
            });
        }
        Some(WordForm { norm, cased, stop })
    }

    /// The stem of a normalized word (step 5); each part of a hyphenated
    /// compound is stemmed on its own. The normalized form itself with
    /// stemming off.
    pub fn stem(&self, norm: &str) -> String {
        let Some(stemmer) = &self.stemmer else {
            return norm.to_string();
        };
        // Only an acronym (`--case acronyms`) keeps capitals: not stemmed.
        if norm.chars().any(char::is_uppercase) {
            return norm.to_string();
        }
        if !norm.contains('-') {
            return stemmer.stem(norm).into_owned();
        }
        let mut s = String::with_capacity(norm.len());
        for (k, part) in norm.split('-').enumerate() {
            if k > 0 {
                s.push('-');
            }
            s.push_str(&stemmer.stem(part));
        }
        s
    }

    /// Is `norm` (a normalized word) a stopword for this analyzer?
    pub fn is_stopword(&self, norm: &str) -> bool {
        self.stopwords.contains(norm)
    }
}

/// Lowercase, NFC, typographic apostrophes to `'`, non-ASCII hyphens to `-`,
/// invisible format characters (BOM, zero-width space/joiners, soft hyphen) removed.
pub fn normalize_word(raw: &str) -> String {
    normalize(raw, true)
}

/// [`normalize_word`], lowercasing or not (the cased form of a display).
fn normalize(raw: &str, lower: bool) -> String {
    if raw.is_ascii() {
        return if lower {
            raw.to_ascii_lowercase()
        } else {
            raw.to_string()
        };
    }
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => s.push('\''),
            '\u{2010}' | '\u{2011}' => s.push('-'),
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}' => {}
            c if lower => s.extend(c.to_lowercase()),
            c => s.push(c),
        }
    }
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        s = s.nfc().collect();
    }
    s
}

/// A word of 2 to 5 letters, all capitals ("US", "OAS", "USAID").
fn is_acronym(cased: &str) -> bool {
    let n = cased.chars().count();
    (2..=5).contains(&n) && cased.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Removes a trailing possessive `'s` ("castillo's" → "castillo").
fn strip_possessive(mut norm: String) -> String {
    if norm.len() > 2 && norm.ends_with("'s") {
        norm.truncate(norm.len() - 2);
    }
    norm
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::AnalyzerConfig;

    fn en() -> Analyzer {
        Analyzer::new("en", &AnalyzerConfig::default()).unwrap()
    }

    fn form(norm: &str, cased: &str, stop: bool) -> Option<WordForm> {
        Some(WordForm {
            norm: norm.to_string(),
            cased: cased.to_string(),
            stop,
        })
    }

    #[test]
    fn each_rule_in_order() {
        let an = en();
        // No letter: no word.
        assert_eq!(an.word("2022"), None);
        assert_eq!(an.word("3.5"), None);
        // Normalized, possessive stripped, not a stopword.
        assert_eq!(
            an.word("Boluarte\u{2019}s"),
            form("boluarte", "Boluarte", false)
        );
        assert_eq!(an.word("USAID\u{2019}S"), form("usaid", "USAID", false));
        // A whole stopword keeps its "'s" ("it's" is in the list, "it" too).
        assert_eq!(an.word("It\u{2019}s"), form("it's", "It's", true));
        // A stopword once its possessive is gone ("them's" is not in the list).
        assert_eq!(an.word("Them's"), form("them", "Them", true));
        // Only a trailing "'s" of a longer word is a possessive.
        assert_eq!(an.word("'s"), form("'s", "'s", false));
        // The case is kept, everything else normalized as the text is.
        assert_eq!(an.word("Pe\u{0301}rez"), form("pérez", "Pérez", false));
        assert_eq!(an.stem("protesters"), "protest");
    }
}
