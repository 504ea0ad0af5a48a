//! Analyzer cases on tricky text. Every expectation below was written from the
//! rules (UAX #29 + the normalization steps in mod.rs), not copied from output.

use super::*;

fn with(cfg: AnalyzerConfig) -> Analyzer {
    Analyzer::new("en", &cfg).unwrap()
}

fn en() -> Analyzer {
    with(AnalyzerConfig::default())
}

/// The normalized surface form of every word token.
fn words(text: &str) -> Vec<String> {
    en().analyze(text)
        .tokens
        .iter()
        .map(|t| t.norm.to_string())
        .collect()
}

/// One case per line: text → expected word tokens.
fn check(text: &str, want: &[&str]) {
    assert_eq!(words(text), want, "text: {text:?}");
}

#[test]
fn quotes_are_not_part_of_words() {
    check(
        "He said “the coup” and \"the coup\".",
        &["he", "said", "the", "coup", "and", "the", "coup"],
    );
    check(
        "the “president” Boluarte",
        &["the", "president", "boluarte"],
    );
    check(
        "so-called ‘leftist’ congressmen",
        &["so-called", "leftist", "congressmen"],
    );
}

#[test]
fn possessives_and_apostrophes() {
    check(
        "Castillo’s arrest and Boluarte's government",
        &["castillo", "arrest", "and", "boluarte", "government"],
    );
    // A trailing apostrophe is not inside a word (UAX #29 MidNumLet needs letters on both sides).
    check("the workers’ republic", &["the", "workers", "republic"]);
    // Contractions in the stopword list stay whole (and are stopwords).
    let a = en().analyze("It’s a coup, don't deny it");
    let got: Vec<(&str, bool)> = a.tokens.iter().map(|t| (&*t.norm, t.stop)).collect();
    assert_eq!(
        got,
        [
            ("it's", true),
            ("a", true),
            ("coup", false),
            ("don't", true),
            ("deny", false),
            ("it", true)
        ]
    );
}

#[test]
fn hyphenated_compounds_stay_whole_unless_split() {
    check(
        "right-wing, pro-Castillo law-fare",
        &["right-wing", "pro-castillo", "law-fare"],
    );
    // U+2011 non-breaking hyphen joins too, and is normalized to '-'.
    check("left\u{2011}wing", &["left-wing"]);
    let split = with(AnalyzerConfig {
        split_hyphens: true,
        ..Default::default()
    });
    let got: Vec<String> = split
        .analyze("right-wing, pro-Castillo")
        .tokens
        .into_iter()
        .map(|t| t.norm.to_string())
        .collect();
    assert_eq!(got, ["right", "wing", "pro", "castillo"]);
    // Each part of a compound is stemmed on its own: "human-rights" → "human-right",
    // and "right-wing" keeps "wing" (no "-ing" stripping across the hyphen).
    assert_eq!(en().stem("human-rights"), "human-right");
    assert_eq!(en().stem("right-wing"), "right-wing");
}

#[test]
fn dashes_separate_words() {
    check("the coup—a farce", &["the", "coup", "a", "farce"]);
    check("Fujimori – Castillo", &["fujimori", "castillo"]);
    // A trailing hyphen joins nothing.
    check("pro- and anti-coup", &["pro", "and", "anti-coup"]);
}

#[test]
fn numbers_and_footnote_markers_are_not_words() {
    check(
        "a massacre[8] in 2022, 30 deaths",
        &["a", "massacre", "in", "deaths"],
    );
    // A compound with a letter is a word; one without is not.
    check("Covid-19 in 2022-2023", &["covid-19", "in"]);
    assert_eq!(en().analyze("[8] 1,000 2022").wc(), 0);
}

#[test]
fn urls_and_email_addresses_are_dropped() {
    check(
        "See <https://fourth.international/en/566> or mail info@example.org today",
        &["see", "or", "mail", "today"],
    );
    check("visit www.resumen-english.org now", &["visit", "now"]);
    // An @ without a dotted host is not an address.
    check("@Boluarte tweets", &["boluarte", "tweets"]);
}

#[test]
fn line_ends_bom_and_invisible_characters() {
    let a = en().analyze("Coup.\r\nRepression.\rMassacre.");
    let got: Vec<&str> = a.tokens.iter().map(|t| &*t.norm).collect();
    assert_eq!(got, ["coup", "repression", "massacre"]);
    assert_eq!(a.sentences.len(), 3);
    check("\u{FEFF}Peru", &["peru"]);
    // A soft hyphen is invisible (UAX #29 Format, removed); a zero-width space is a space.
    check(
        "re\u{00AD}pression zero\u{200B}width",
        &["repression", "zero", "width"],
    );
}

#[test]
fn accents_and_unicode_normalization() {
    check(
        "Perú, Policía Nacional, Ingeniería",
        &["perú", "policía", "nacional", "ingeniería"],
    );
    // Decomposed (NFD) input gives the same word as composed (NFC).
    check("Peru\u{0301}", &["perú"]);
    check("ÉLITE", &["élite"]);
}

#[test]
fn non_latin_scripts_and_emoji() {
    check("الشعب يريد", &["الشعب", "يريد"]);
    check("Путч в Перу", &["путч", "в", "перу"]);
    // UAX #29 has no dictionary: each ideograph is its own word.
    check("秘鲁政变", &["秘", "鲁", "政", "变"]);
    // Emoji (flags, ZWJ sequences) have no letter: not words.
    check("coup 🇵🇪 👩‍👩‍👧 protest", &["coup", "protest"]);
}

#[test]
fn byte_offsets_point_at_the_token() {
    let text = "“Vandals”, she said — Boluarte’s words.";
    let an = en();
    for t in an.analyze(text).tokens {
        let raw = &text[t.start..t.end];
        let norm = normalize_word(raw);
        assert!(
            *norm == *t.norm || norm == format!("{}'s", t.norm),
            "{raw:?} vs {:?}",
            t.norm
        );
    }
}

#[test]
fn sentences() {
    let a = en().analyze("Castillo was ousted. Protests followed! Was it a coup?");
    assert_eq!(a.sentences.len(), 3);
    let s: Vec<u32> = a.tokens.iter().map(|t| t.sentence).collect();
    assert_eq!(s, [0, 0, 0, 1, 1, 2, 2, 2, 2]);
    // Sentences with no word (a lone number, punctuation) are not listed.
    let b = en().analyze("2022. Coup!");
    assert_eq!(b.sentences.len(), 1);
    assert_eq!(b.tokens[0].sentence, 0);
}

#[test]
fn stems_are_snowball_english_as_in_snowballc_0_7() {
    let an = en();
    assert_eq!(an.stem("protesters"), "protest");
    assert_eq!(an.stem("repression"), "repress");
    assert_eq!(an.stem("terrorists"), "terrorist");
    assert_eq!(an.stem("elections"), "elect");
    // SnowballC 0.7 (and rust-stemmers) give "ad"; newer Snowball (PyStemmer 3) gives "add".
    assert_eq!(an.stem("added"), "ad");
    let none = with(AnalyzerConfig {
        stem: false,
        ..Default::default()
    });
    assert_eq!(none.stem("protesters"), "protesters");
}

#[test]
fn stopwords_are_flagged_but_counted_in_wc() {
    let an = en();
    let a = an.analyze("The coup of the Congress");
    assert_eq!(a.wc(), 5);
    assert_eq!(an.terms(&a), ["coup", "congress"]);
    let none = with(AnalyzerConfig {
        stopwords: StopwordSpec::None,
        ..Default::default()
    });
    assert_eq!(none.terms(&none.analyze("The coup")), ["the", "coup"]);
}

#[test]
fn bigrams_skip_stopwords_and_stop_at_sentence_ends() {
    let an = with(AnalyzerConfig {
        ngrams: 2,
        ..Default::default()
    });
    let a = an.analyze("State of emergency declared. Police fired");
    assert_eq!(
        an.terms(&a),
        [
            "state",
            "emerg",
            "state emerg",
            "declar",
            "emerg declar",
            "polic",
            "fire",
            "polic fire"
        ]
    );
    let mut surfaces = vec![];
    an.for_each_term(&a, |_, s| surfaces.push(s.to_string()));
    assert_eq!(surfaces[2], "state emergency");
}

#[test]
fn boilerplate_lines_are_dropped_and_offsets_kept() {
    let text = "Subscribe to our channel\nCoup now\n  Subscribe to our channel  \n";
    let a = en().analyze_with_boilerplate(text, &["Subscribe to our channel".to_string()]);
    let got: Vec<(&str, usize)> = a.tokens.iter().map(|t| (&*t.norm, t.start)).collect();
    assert_eq!(got, [("coup", 25), ("now", 30)]);
    // CR-only and CRLF line ends end a boilerplate line too.
    for text in [
        "Subscribe to our channel\rCoup now\r",
        "Subscribe to our channel\r\nCoup now\r\n",
    ] {
        let c = en().analyze_with_boilerplate(text, &["Subscribe to our channel".to_string()]);
        let got: Vec<&str> = c.tokens.iter().map(|t| &*t.norm).collect();
        assert_eq!(got, ["coup", "now"], "{text:?}");
    }
    // A line that only contains the phrase among other words stays.
    let b = en().analyze_with_boilerplate(
        "Please Subscribe to our channel",
        &["Subscribe to our channel".to_string()],
    );
    assert_eq!(b.wc(), 5);
}

#[test]
fn unknown_language_and_bad_ngrams_are_errors() {
    assert!(Analyzer::new(
        "xx",
        &AnalyzerConfig {
            stopwords: StopwordSpec::None,
            ..Default::default()
        }
    )
    .is_err());
    assert!(Analyzer::new(
        "en",
        &AnalyzerConfig {
            ngrams: 0,
            ..Default::default()
        }
    )
    .is_err());
    // Spanish stems with Snowball, but has no built-in stopword list.
    assert!(Analyzer::new("es", &AnalyzerConfig::default()).is_err());
    let es = Analyzer::new(
        "es",
        &AnalyzerConfig {
            stopwords: StopwordSpec::None,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(es.stem("represiones"), "represion");
}

/// The definition `url_spans` implements: every whitespace-delimited chunk,
/// judged one by one.
fn url_spans_by_chunk(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut pos = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += chunk.len();
        let word = chunk.trim_end();
        if is_url_or_email(word) {
            spans.push(start..start + word.len());
        }
    }
    spans
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn url_spans_equal_the_chunk_by_chunk_definition(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "b.c", "@", "://", "www.", "http", " ", "\u{a0}", "\n", "(", ")", ".", "é", "x@y", "\u{2003}",
            ]),
            0..30,
        )
    ) {
        let text = parts.concat();
        proptest::prop_assert_eq!(url_spans(&text), url_spans_by_chunk(&text));
    }
}

#[test]
fn a_long_chunk_of_addresses_is_one_span() {
    // 250 KB without whitespace and 50,000 '@': one chunk, judged once (the
    // chunk starts are found in one forward pass, not a search per '@').
    let text = "a@b.c".repeat(50_000);
    assert_eq!(url_spans(&text), vec![0..text.len()]);
    assert_eq!(url_spans(&text), url_spans_by_chunk(&text));
    let spaced = "x a@b.c www.y.z ".repeat(1_000);
    assert_eq!(url_spans(&spaced), url_spans_by_chunk(&spaced));
    assert_eq!(url_spans(&spaced).len(), 2_000);
}

#[test]
fn a_word_cache_kept_across_texts_gives_the_same_tokens_and_shares_strings() {
    let an = en();
    let texts = [
        "The protesters’ “vandals” — so-called right-wing Boluarte’s regime. Protesters!",
        "Visit https://example.com now. The regime's protesters; 3.5 vandals, café.",
        "",
        "Protesters protesters PROTESTERS, the the.",
    ];
    let mut cache = WordCache::new();
    for t in texts {
        assert_eq!(an.analyze_cached(t, &mut cache), an.analyze(t), "{t:?}");
    }
    assert!(!cache.is_empty());
    // The same raw word: one pair of strings for all its tokens.
    let a = an.analyze_cached("regime. The regime", &mut cache);
    assert!(Arc::ptr_eq(&a.tokens[0].stem, &a.tokens[2].stem));
    assert_eq!(
        (&*a.tokens[2].norm, &*a.tokens[2].stem),
        ("regime", "regim")
    );
}

#[test]
fn stopword_lists_are_builtin_yours_or_both() {
    use std::path::PathBuf;
    assert_eq!(StopwordSpec::parse("en"), StopwordSpec::Default);
    assert_eq!(StopwordSpec::parse("none"), StopwordSpec::None);
    assert_eq!(
        StopwordSpec::parse("names.txt"),
        StopwordSpec::File(PathBuf::from("names.txt"))
    );
    assert_eq!(
        StopwordSpec::parse("en+names.txt"),
        StopwordSpec::DefaultAndFile(PathBuf::from("names.txt"))
    );
    // A file whose name has a `+` is a file.
    assert_eq!(
        StopwordSpec::parse("a+b.txt"),
        StopwordSpec::File(PathBuf::from("a+b.txt"))
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("names.txt");
    // Written as the text may write it: capitals, a curly apostrophe, a comment.
    std::fs::write(&file, "Boluarte\nO\u{2019}Neill  # a name\n").unwrap();
    let yours = StopwordSpec::File(file.clone()).load("en").unwrap();
    let both = StopwordSpec::DefaultAndFile(file).load("en").unwrap();
    let builtin = StopwordSpec::Default.load("en").unwrap();
    assert!(yours.contains("boluarte") && yours.contains("o'neill"));
    assert!(!yours.contains("for"));
    assert!(both.contains("boluarte") && both.contains("for"));
    assert_eq!(both.len(), builtin.len() + 2);
}
