//! Language codes: an article's language is an ISO 639-1 code ("en", "es"),
//! checked by the same rule in every corpus layout (`corpus.toml`, a JSONL
//! `language` field, a CSV language column) and in `--language`.
//!
//! A code is valid when it is one of the 184 codes of ISO 639-1; whether
//! framelens can stem it or has a stopword list for it is the analyzer's
//! question (`analyze::snowball_algorithm`, `analyze::stopwords`), asked of
//! the first article in that language. A value that is no code gets an error
//! that suggests the code it probably means ("Spanish", "ES", "es-MX" and
//! "spa" all suggest "es").

/// The language of a source whose articles are in more than one language
/// (ISO 639-2 "mul", multiple languages).
pub const MIXED: &str = "mul";

/// The language of a source from its articles' languages, one at a time:
/// the articles' language if they all have one, else [`MIXED`]. Associative
/// and commutative, so that shards merge to what the whole corpus gives.
pub fn combine(a: &str, b: &str) -> String {
    if a == b {
        a.to_string()
    } else {
        MIXED.to_string()
    }
}

/// The two-letter codes of ISO 639-1, sorted.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce \
ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he \
hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw \
ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj \
om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta \
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// The languages Snowball stems: (ISO 639-1 code, English name, ISO 639-2
/// codes), for messages and for suggesting a code.
const NAMED: &[(&str, &str, &[&str])] = &[
    ("ar", "Arabic", &["ara"]),
    ("da", "Danish", &["dan"]),
    ("de", "German", &["deu", "ger"]),
    ("el", "Greek", &["ell", "gre"]),
    ("en", "English", &["eng"]),
    ("es", "Spanish", &["spa"]),
    ("fi", "Finnish", &["fin"]),
    ("fr", "French", &["fra", "fre"]),
    ("hu", "Hungarian", &["hun"]),
    ("it", "Italian", &["ita"]),
    ("nb", "Norwegian Bokmål", &["nob"]),
    ("nl", "Dutch", &["nld", "dut"]),
    ("no", "Norwegian", &["nor"]),
    ("pt", "Portuguese", &["por"]),
    ("ro", "Romanian", &["ron", "rum"]),
    ("ru", "Russian", &["rus"]),
    ("sv", "Swedish", &["swe"]),
    ("ta", "Tamil", &["tam"]),
    ("tr", "Turkish", &["tur"]),
];

/// Whether `code` is an ISO 639-1 code, exactly (lowercase, no region).
pub fn is_iso_639_1(code: &str) -> bool {
    code.len() == 2 && ISO_639_1.split(' ').any(|c| c == code)
}

/// The English name of a language framelens can stem ("es" → "Spanish").
pub fn name(code: &str) -> Option<&'static str> {
    NAMED.iter().find(|(c, ..)| *c == code).map(|(_, n, _)| *n)
}

/// `'code' (Name)`, or `'code'` when it has no name here: a language in a message.
pub fn labelled(code: &str) -> String {
    match name(code) {
        Some(n) => format!("'{code}' ({n})"),
        None => format!("'{code}'"),
    }
}

/// Checks a language value; the error is a message for the value's line.
pub fn check(value: &str) -> Result<(), String> {
    if is_iso_639_1(value) {
        return Ok(());
    }
    let hint = match suggestion(value) {
        Some(code) => format!(": did you mean \"{code}\"?"),
        None => String::new(),
    };
    Err(format!(
        "language {value:?} is not an ISO 639-1 code such as \"en\" or \"es\"{hint}"
    ))
}

/// The code a value that is none probably means: the same code in capitals or
/// with spaces around it, a code with a region ("es-MX", "pt_BR"), the English
/// name of a language Snowball stems ("Spanish") or its ISO 639-2 code ("spa").
fn suggestion(value: &str) -> Option<&'static str> {
    let v = value.trim().to_lowercase();
    let base = v.split(['-', '_']).next().unwrap_or("");
    let code = ISO_639_1.split(' ').find(|c| *c == v || *c == base);
    code.or_else(|| {
        NAMED
            .iter()
            .find(|(_, n, alpha3)| n.to_lowercase() == v || alpha3.contains(&v.as_str()))
            .map(|(c, ..)| *c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_iso_639_1_exactly() {
        assert_eq!(ISO_639_1.split(' ').count(), 184);
        let codes: Vec<&str> = ISO_639_1.split(' ').collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        for ok in ["en", "es", "pt", "nb", "ja", "zh"] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for (bad, hint) in [
            ("English", Some("en")),
            ("spanish", Some("es")),
            ("ES", Some("es")),
            (" es", Some("es")),
            ("es-MX", Some("es")),
            ("pt_BR", Some("pt")),
            ("spa", Some("es")),
            ("ger", Some("de")),
            ("xx", None),
            ("", None),
            ("e", None),
        ] {
            let msg = check(bad).unwrap_err();
            assert!(msg.contains("is not an ISO 639-1 code"), "{msg}");
            match hint {
                Some(code) => assert!(msg.ends_with(&format!("did you mean \"{code}\"?")), "{msg}"),
                None => assert!(!msg.contains("did you mean"), "{msg}"),
            }
        }
    }

    #[test]
    fn a_source_of_several_languages_is_mixed_whatever_the_order() {
        assert_eq!(combine("es", "es"), "es");
        assert_eq!(combine("es", "pt"), MIXED);
        for (a, b, c) in [("es", "es", "pt"), ("es", "pt", "es"), ("pt", "es", "es")] {
            assert_eq!(combine(&combine(a, b), c), MIXED);
            assert_eq!(combine(a, &combine(b, c)), MIXED);
        }
        assert_eq!(combine(MIXED, "es"), MIXED);
        assert!(!is_iso_639_1(MIXED));
    }

    #[test]
    fn every_named_language_is_a_code() {
        for (code, ..) in NAMED {
            assert!(is_iso_639_1(code), "{code}");
        }
        assert_eq!(labelled("es"), "'es' (Spanish)");
        assert_eq!(labelled("ja"), "'ja'");
    }
}
