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

fn ngrams(min: u8, max: u8, rule: NgramStopwords) -> Analyzer {
    with(AnalyzerConfig {
        ngram_min: min,
        ngram_max: max,
        ngram_stopwords: rule,
        ..Default::default()
    })
}

fn terms_of(an: &Analyzer, text: &str) -> Vec<String> {
    an.terms(&an.analyze(text))
}

#[test]
fn bigrams_skip_stopwords_and_stop_at_sentence_ends() {
    // The default rule: a bigram holding a stopword ("of") is dropped.
    let an = with(AnalyzerConfig {
        ngram_max: 2,
        ..Default::default()
    });
    assert_eq!(an.config().ngram_stopwords, NgramStopwords::Skip);
    let a = an.analyze("State of emergency declared. Police fired");
    assert_eq!(
        an.terms(&a),
        [
            "state",
            "emerg",
            "declar",
            "emerg declar",
            "polic",
            "fire",
            "polic fire"
        ]
    );
    let mut surfaces = vec![];
    an.for_each_term(&a, |_, s| surfaces.push(s.to_string()));
    // Surfaces keep the case of the text (display forms).
    assert_eq!(surfaces[3], "emergency declared");
    assert_eq!(surfaces[0], "State");
}

#[test]
fn bigrams_join_the_words_around_stopwords_with_join() {
    let an = ngrams(1, 2, NgramStopwords::Join);
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
    assert_eq!(surfaces[2], "State emergency");
}

#[test]
fn we_can_do_better_gives_a_bigram_only_with_join() {
    // "we" and "do" are stopwords: every adjacent pair holds one.
    let text = "We can do better.";
    assert_eq!(
        terms_of(&ngrams(1, 2, NgramStopwords::Skip), text),
        ["can", "better"]
    );
    assert!(terms_of(&ngrams(2, 3, NgramStopwords::Skip), text).is_empty());
    assert_eq!(
        terms_of(&ngrams(1, 2, NgramStopwords::Join), text),
        ["can", "better", "can better"]
    );
    assert_eq!(
        terms_of(&ngrams(2, 2, NgramStopwords::Join), text),
        ["can better"]
    );
}

#[test]
fn a_range_from_two_counts_no_unigram() {
    let text = "Police fired tear gas. Protesters fled the square.";
    let two = terms_of(&ngrams(2, 2, NgramStopwords::Skip), text);
    assert_eq!(two, ["polic fire", "fire tear", "tear gas", "protest fled"]);
    let three = terms_of(&ngrams(2, 3, NgramStopwords::Skip), text);
    assert_eq!(
        three,
        [
            "polic fire",
            "fire tear",
            "polic fire tear",
            "tear gas",
            "fire tear gas",
            "protest fled"
        ]
    );
    assert_eq!(
        terms_of(&ngrams(3, 3, NgramStopwords::Skip), text),
        ["polic fire tear", "fire tear gas"]
    );
    // 1..2 is the unigrams and the bigrams.
    let one_two = terms_of(&ngrams(1, 2, NgramStopwords::Skip), text);
    let unigrams = terms_of(&en(), text);
    let mut both: Vec<String> = unigrams.iter().chain(&two).cloned().collect();
    let mut got = one_two.clone();
    both.sort();
    got.sort();
    assert_eq!(got, both);
}

#[test]
fn ngram_ranges_parse_and_validate() {
    let r = |s: &str| s.parse::<NgramRange>();
    assert_eq!(r("2"), Ok(NgramRange { min: 1, max: 2 }));
    assert_eq!(r("2..2"), Ok(NgramRange { min: 2, max: 2 }));
    assert_eq!(r("1..3"), Ok(NgramRange { min: 1, max: 3 }));
    assert_eq!(r(" 2 .. 3 "), Ok(NgramRange { min: 2, max: 3 }));
    assert!(r("4").unwrap_err().contains("4 is not in 1..=3"));
    assert!(r("0..2").unwrap_err().contains("0 is not in 1..=3"));
    assert!(r("3..2").unwrap_err().contains("3..2 is empty"));
    for bad in ["", "..", "1..", "..2", "1-2", "x", "1..2..3", "-1"] {
        assert!(
            r(bad).unwrap_err().contains("is not N or MIN..MAX"),
            "{bad:?}"
        );
    }
    assert_eq!("join".parse(), Ok(NgramStopwords::Join));
    assert_eq!("skip".parse(), Ok(NgramStopwords::Skip));
    assert!("drop".parse::<NgramStopwords>().is_err());
}

#[test]
fn ngram_settings_in_words() {
    let label = |min, max, rule| ngrams(min, max, rule).config().ngrams_label();
    assert_eq!(label(1, 1, NgramStopwords::Skip), "unigrams");
    assert_eq!(
        label(1, 2, NgramStopwords::Skip),
        "unigrams and bigrams (an n-gram with a stopword is dropped)"
    );
    assert_eq!(
        label(2, 2, NgramStopwords::Join),
        "bigrams (stopwords removed first, the words left joined)"
    );
    assert_eq!(
        label(1, 3, NgramStopwords::Skip),
        "unigrams, bigrams and trigrams (an n-gram with a stopword is dropped)"
    );
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
    for (min, max) in [(1, 0), (0, 1), (1, 4), (3, 2)] {
        let r = Analyzer::new(
            "en",
            &AnalyzerConfig {
                ngram_min: min,
                ngram_max: max,
                ..Default::default()
            },
        );
        match r {
            Err(Error::Usage(m)) => assert!(m.starts_with("--ngrams: "), "{m}"),
            other => panic!("{min}..{max}: {other:?}"),
        }
    }
    // Turkish stems with Snowball, but Snowball publishes no stopword list for it.
    assert!(Analyzer::new("tr", &AnalyzerConfig::default()).is_err());
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

#[test]
fn capitals_are_folded_unless_acronyms_are_asked_for() {
    let acronyms = with(AnalyzerConfig {
        case: Case::Acronyms,
        ..Default::default()
    });
    let terms = |an: &Analyzer, text: &str| an.terms(&an.analyze(text));
    let text = "US us USAID's THE Peru AMERICA IT";
    // Fold (the default): one term, whatever the case.
    assert_eq!(terms(&en(), text), ["us", "us", "usaid", "peru", "america"]);
    // Acronyms: 2–5 capitals stand apart, unstemmed; a stopword in capitals
    // ("THE", "IT") is still a stopword; 7 capitals are a word in a headline.
    assert_eq!(
        terms(&acronyms, text),
        ["US", "us", "USAID", "peru", "america"]
    );
    // The cased form is what a display shows, in both modes.
    let a = en().analyze("US");
    assert_eq!((&*a.tokens[0].norm, &*a.tokens[0].cased), ("us", "US"));
}
