//! The matcher, voices, targets, scoring and KWIC on small hand-made lexicons.
//! Expected values are worked out by reading the text, not taken from the program.

use std::path::Path;

use framelens::analyze::{Analyzed, Analyzer, AnalyzerConfig};
use framelens::lexicon::*;

fn en() -> Analyzer {
    Analyzer::new("en", &AnalyzerConfig::default()).unwrap()
}

const LEX: &str = r#"
distancing = ["so-called", "alleged", "self-proclaimed"]

[meta]
name = "test"
version = "0.1.0"
language = "en"

[categories.labels]
label = "Labels"
description = "Labels for protesters."
terms = ["terrorists", "terror*", "rioters", "vandals", "leftist", "usurper", "mob"]

[categories.emergency]
label = "Emergency rule"
description = "Emergency rule."
terms = ["emergency", "state of emergency", "coup", "coup d'état", "human rights", "rights violations"]

[categories.gov]
label = "Gov"
description = "Delegitimizing."
terms = ["regime"]

[categories.foreign]
label = "Foreign"
description = "Foreign."
terms = ["regime change"]

[actors.boluarte]
label = "Dina Boluarte"
aliases = ["Dina Boluarte", "Boluarte", "Boularte"]

[actors.castillo]
label = "Pedro Castillo"
aliases = ["Pedro Castillo", "Castillo"]

[actors.us]
label = "United States"
aliases = ["US", "United States"]
"#;

fn lex() -> Lexicon {
    let (lex, warnings) = Lexicon::parse_toml(LEX, Path::new("test.toml"), &en()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    lex
}

/// (category id, matched text, voice, target id) of every hit.
fn hits(text: &str) -> Vec<(String, String, Voice, Option<String>)> {
    let lex = lex();
    let a = en().analyze(text);
    find_hits(&lex, "en", text, &a)
        .iter()
        .map(|h| {
            (
                lex.categories[h.category as usize].id.clone(),
                text[h.start..h.end].to_string(),
                h.voice,
                h.target.map(|t| lex.actors[t as usize].id.clone()),
            )
        })
        .collect()
}

/// Matched texts of one category.
fn matched(text: &str, category: &str) -> Vec<String> {
    hits(text)
        .into_iter()
        .filter(|h| h.0 == category)
        .map(|h| h.1)
        .collect()
}

fn voices(text: &str, category: &str) -> Vec<(String, Voice)> {
    hits(text)
        .into_iter()
        .filter(|h| h.0 == category)
        .map(|h| (h.1, h.2))
        .collect()
}

fn targets(text: &str, category: &str) -> Vec<(String, Option<String>)> {
    hits(text)
        .into_iter()
        .filter(|h| h.0 == category)
        .map(|h| (h.1, h.3))
        .collect()
}

// ---- matching -------------------------------------------------------------

#[test]
fn word_matches_its_inflections() {
    // "rioters" (entry) → stem "rioter", so the singular matches too.
    assert_eq!(
        matched("A rioter, then two rioters.", "labels"),
        ["rioter", "rioters"]
    );
}

#[test]
fn glob_is_a_prefix_of_the_lowercased_word() {
    // terror* matches Terrorism and terrorized, not "error" or "anti-terror" (prefix of the word).
    assert_eq!(
        matched("Terrorism, terrorized, error, anti-terror.", "labels"),
        ["Terrorism", "terrorized"]
    );
}

#[test]
fn entry_terrorists_matches_terrorist_once_per_token() {
    // "terrorists" and "terror*" both match these tokens: each token counts once,
    // credited to the first listed entry.
    let lex = lex();
    let text = "One terrorist and many terrorists.";
    let a = en().analyze(text);
    let h = find_hits(&lex, "en", text, &a);
    assert_eq!(h.len(), 2);
    for hit in &h {
        assert_eq!(
            lex.categories[hit.category as usize].entries[hit.entry as usize].text,
            "terrorists"
        );
    }
}

#[test]
fn phrase_matches_across_a_stopword_within_a_sentence() {
    assert_eq!(
        matched("They declared a state of emergency today.", "emergency"),
        ["state of emergency"]
    );
    // Not across a sentence boundary: only the word "emergency" matches.
    assert_eq!(
        matched("It is a state. Of emergency nothing was said.", "emergency"),
        ["emergency"]
    );
}

#[test]
fn phrases_match_on_tokens_whatever_the_ngram_settings() {
    // N-grams drop or join around stopwords; the lexicon matches the token
    // stream, stopwords included, under every setting.
    use framelens::analyze::NgramStopwords::{Join, Skip};
    let text = "They declared a state of emergency today.";
    for (min, max, rule) in [(1, 1, Skip), (1, 3, Skip), (2, 2, Skip), (1, 2, Join)] {
        let an = Analyzer::new(
            "en",
            &AnalyzerConfig {
                ngram_min: min,
                ngram_max: max,
                ngram_stopwords: rule,
                ..AnalyzerConfig::default()
            },
        )
        .unwrap();
        let (lex, _) = Lexicon::parse_toml(LEX, Path::new("test.toml"), &an).unwrap();
        let a = an.analyze(text);
        let got: Vec<&str> = find_hits(&lex, "en", text, &a)
            .iter()
            .filter(|h| lex.categories[h.category as usize].id == "emergency")
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(got, ["state of emergency"], "{min}..{max} {rule:?}");
    }
}

#[test]
fn longest_match_wins_and_covers_its_tokens() {
    let lex = lex();
    let text = "It was a coup d’état, not an emergency.";
    let a = en().analyze(text);
    let h = find_hits(&lex, "en", text, &a);
    let e: Vec<_> = h
        .iter()
        .map(|h| (text[h.start..h.end].to_string(), h.len()))
        .collect();
    assert_eq!(
        e,
        [("coup d’état".to_string(), 2), ("emergency".to_string(), 1)]
    );
    let stats = ArticleLexStats::from_hits(&lex, &a, &h);
    let c = lex.category_index("emergency").unwrap();
    assert_eq!((stats.hits[c], stats.covered[c]), (2, 3));
}

#[test]
fn leftmost_longest_within_a_category() {
    // "human rights" starts first and takes "rights"; "rights violations" cannot match.
    assert_eq!(
        matched("Human rights violations were reported.", "emergency"),
        ["Human rights"]
    );
}

#[test]
fn categories_overlap_independently() {
    // "regime" (gov) and "regime change" (foreign) both match, as in LIWC.
    let h = hits("They want regime change.");
    let got: Vec<_> = h.iter().map(|h| (h.0.as_str(), h.1.as_str())).collect();
    assert_eq!(got, [("gov", "regime"), ("foreign", "regime change")]);
}

// ---- voice ----------------------------------------------------------------

#[test]
fn own_voice() {
    assert_eq!(
        voices("The rioters burned a bus.", "labels"),
        [("rioters".to_string(), Voice::Own)]
    );
}

#[test]
fn quoted_voice_curly_and_straight() {
    let t = "“The rioters must be stopped now,” he said. \"These vandals are paid by someone,\" she said.";
    assert_eq!(
        voices(t, "labels"),
        [
            ("rioters".to_string(), Voice::Quoted),
            ("vandals".to_string(), Voice::Quoted)
        ]
    );
    let t = "«Les rioters sont partout ici» and ‘the mob is everywhere now’.";
    assert_eq!(
        voices(t, "labels"),
        [
            ("rioters".to_string(), Voice::Quoted),
            ("mob".to_string(), Voice::Quoted)
        ]
    );
}

#[test]
fn scare_quotes_of_one_to_three_words() {
    let t = "She calls them “vandals”. They are “violent rioters”. A ‘terrorist mob’ indeed, the “usurper of power” said.";
    assert_eq!(
        voices(t, "labels"),
        [
            ("vandals".to_string(), Voice::Scare),
            ("rioters".to_string(), Voice::Scare),
            ("terrorist".to_string(), Voice::Scare),
            ("mob".to_string(), Voice::Scare),
            ("usurper".to_string(), Voice::Scare),
        ]
    );
    // Four words are a quotation, not a scare quote.
    assert_eq!(
        voices("They said “the usurper must go”.", "labels"),
        [("usurper".to_string(), Voice::Quoted)]
    );
}

#[test]
fn distancing_marker() {
    let t = "The so-called “leftist” deputies and the alleged terrorists left; self-proclaimed rioters too.";
    assert_eq!(
        voices(t, "labels"),
        [
            ("leftist".to_string(), Voice::Distanced),
            ("terrorists".to_string(), Voice::Distanced),
            ("rioters".to_string(), Voice::Distanced),
        ]
    );
    // Not distanced when another word comes between.
    assert_eq!(
        voices("The alleged violent rioters.", "labels"),
        [("rioters".to_string(), Voice::Own)]
    );
}

#[test]
fn apostrophes_are_not_quotes() {
    // ’ inside don’t and after workers is not a closing quote; nothing is quoted.
    let t = "The workers’ rioters don’t stop; the mob’s leaders won’t either.";
    assert_eq!(
        voices(t, "labels"),
        [
            ("rioters".to_string(), Voice::Own),
            ("mob’s".to_string(), Voice::Own)
        ]
    );
}

#[test]
fn unbalanced_quote_does_not_flip_the_rest_of_the_article() {
    // The opening “ in the first paragraph is never closed; a stray ” later must
    // not pair with it, and the later paragraphs stay in the author's voice.
    let t = "He shouted “down with the usurper and the rest.\n\nThe rioters marched.\n\nThen the mob” left.";
    assert_eq!(
        voices(t, "labels"),
        [
            ("usurper".to_string(), Voice::Own),
            ("rioters".to_string(), Voice::Own),
            ("mob".to_string(), Voice::Own)
        ]
    );
    // A closed quotation after an unbalanced one still counts.
    let t = "He shouted “down with it.\nShe said “vandals” twice.";
    assert_eq!(voices(t, "labels"), [("vandals".to_string(), Voice::Scare)]);
}

#[test]
fn quote_spans_pairs_marks_per_line() {
    let t = "a “b” c ‘d e’ f don’t \"g\"\n“h";
    let spans: Vec<&str> = quote_spans(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(spans, ["b", "d e", "g"]);
}

// ---- voice in other typographies and languages ----------------------------

/// The same label in five languages: each article is matched with its own
/// language's terms.
const LEX_LANGUAGES: &str = r#"
[meta]
name = "languages"
version = "0.1.0"
language = "en"

[categories.labels]
label = "Labels"
description = "Labels for protesters."

[categories.labels.terms]
en = ["rioters", "vandals"]
es = ["vándalos", "terroristas"]
pt = ["vândalos", "terroristas"]
fr = ["vandales", "casseurs"]
de = ["Terroristen", "Chaoten"]
"#;

/// (matched text, voice) of every hit of `text` read as `language`.
fn voices_in(language: &str, text: &str) -> Vec<(String, Voice)> {
    let (lex, warnings) =
        Lexicon::parse_toml(LEX_LANGUAGES, Path::new("languages.toml"), &en()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let an = Analyzer::new(language, &AnalyzerConfig::default()).unwrap();
    let a = an.analyze(text);
    find_hits(&lex, language, text, &a)
        .iter()
        .map(|h| (text[h.start..h.end].to_string(), h.voice))
        .collect()
}

fn pairs(v: &[(&str, Voice)]) -> Vec<(String, Voice)> {
    v.iter().map(|&(t, v)| (t.to_string(), v)).collect()
}

#[test]
fn german_low_quotes_are_scare_quotes() {
    // „ … “: one word is a scare quote; ‚ … ‘ too; four words a quotation.
    let t = "Die Polizei nannte sie „Terroristen“ und ‚Chaoten‘. „Das sind keine Terroristen“, sagte er.";
    use Voice::*;
    assert_eq!(
        voices_in("de", t),
        pairs(&[
            ("Terroristen", Scare),
            ("Chaoten", Scare),
            ("Terroristen", Quoted)
        ])
    );
    // » … « and › … ‹ (German books).
    assert_eq!(
        voices_in("de", "Er nannte sie »Terroristen« und ›Chaoten‹."),
        pairs(&[("Terroristen", Scare), ("Chaoten", Scare)])
    );
}

#[test]
fn french_guillemets_with_spaces_inside_are_scare_quotes() {
    use Voice::*;
    // A space, a no-break space (U+00A0) and a narrow no-break space (U+202F)
    // inside « »: one word is a scare quote as without spaces; the spaces
    // before : and ! are not part of any word.
    for space in [" ", "\u{A0}", "\u{202F}"] {
        let t = format!(
            "Le ministre parle de «{space}vandales{space}»{space}: des casseurs{space}! Il dit «{space}ce sont des casseurs payés{space}»."
        );
        assert_eq!(
            voices_in("fr", &t),
            pairs(&[("vandales", Scare), ("casseurs", Own), ("casseurs", Quoted)]),
            "{t:?}"
        );
        // ‹ › with spaces inside, too.
        let t = format!("Des ‹{space}casseurs{space}› partout.");
        assert_eq!(voices_in("fr", &t), pairs(&[("casseurs", Scare)]), "{t:?}");
    }
}

#[test]
fn dialogue_dashes_are_quoted_speech_in_spanish_and_portuguese() {
    use Voice::*;
    // Read by hand: line 1 is dialogue (the minister speaks, "dijo el
    // ministro" is the narrator's incise, the speech goes on after it), so
    // both "vándalos" are his words; line 2 is narration with a parenthesis of
    // dashes: own voice; line 3 is a one-word line of dialogue: speech, not a
    // scare quote.
    let es = "—Son vándalos —dijo el ministro—, vándalos pagados.\nLos terroristas —así los llamó— huyeron.\n—¡Terroristas!\n";
    assert_eq!(
        voices_in("es", es),
        pairs(&[
            ("vándalos", Quoted),
            ("vándalos", Quoted),
            ("terroristas", Own),
            ("Terroristas", Quoted),
        ])
    );
    // Portuguese writes the incise between spaced dashes.
    let pt = "— São vândalos — disse o ministro.\nOs terroristas fugiram.";
    assert_eq!(
        voices_in("pt", pt),
        pairs(&[("vândalos", Quoted), ("terroristas", Own)])
    );
}

#[test]
fn dashes_are_not_dialogue_in_english() {
    use Voice::*;
    // The same lines in an English article: a line that starts with a dash is
    // not dialogue, and a pair of dashes inside a sentence is a parenthesis.
    let t = "—They are vandals —the minister said—, paid vandals.\nThe rioters — so he called them — fled.";
    assert_eq!(
        voices_in("en", t),
        pairs(&[("vandals", Own), ("vandals", Own), ("rioters", Own)])
    );
}

// ---- targets --------------------------------------------------------------

#[test]
fn target_is_the_nearest_actor_in_the_sentence() {
    // usurper: Castillo is 2 tokens before ("called the"), Boluarte adjacent after.
    assert_eq!(
        targets("Castillo called the usurper Boluarte out.", "labels"),
        [("usurper".into(), Some("boluarte".into()))]
    );
    // A tie (one token each side) goes to the preceding mention.
    assert_eq!(
        targets("Castillo and rioters and Boluarte.", "labels"),
        [("rioters".into(), Some("castillo".into()))]
    );
}

#[test]
fn no_target_when_the_sentence_names_no_actor() {
    assert_eq!(
        targets("Boluarte spoke. The rioters left.", "labels"),
        [("rioters".into(), None)]
    );
}

#[test]
fn aliases_misspellings_and_acronyms() {
    // "Dina Boularte" (a misspelling in the corpus) → boluarte.
    assert_eq!(
        targets("Dina Boularte called them terrorists.", "labels"),
        [("terrorists".into(), Some("boluarte".into()))]
    );
    // "us" the pronoun is not the United States; "US" is.
    assert_eq!(
        targets("They told us the rioters came.", "labels"),
        [("rioters".into(), None)]
    );
    assert_eq!(
        targets("The US funded the rioters.", "labels"),
        [("rioters".into(), Some("us".into()))]
    );
    let lex = lex();
    let text = "Dina Boluarte met Pedro Castillo's lawyer and the United States envoy.";
    let m: Vec<_> = find_actor_mentions(&lex, text, &en().analyze(text))
        .iter()
        .map(|m| {
            (
                lex.actors[m.actor as usize].id.as_str(),
                m.end_token - m.first,
            )
        })
        .collect();
    assert_eq!(m, [("boluarte", 2), ("castillo", 2), ("us", 2)]);
}

// ---- scores ---------------------------------------------------------------

fn stats_of(text: &str) -> (Lexicon, Analyzed, ArticleLexStats) {
    let lex = lex();
    let a = en().analyze(text);
    let h = find_hits(&lex, "en", text, &a);
    let s = ArticleLexStats::from_hits(&lex, &a, &h);
    (lex, a, s)
}

#[test]
fn rates_and_percent_by_hand() {
    // 8 words; labels: rioters, vandals (2 hits, 2 words); emergency: one phrase
    // of 3 words. Rate = 1000·2/8 = 250; percent = 100·2/8 = 25; emergency:
    // 125 per 1,000 and 37.5%.
    let (lex, _, s) = stats_of("Rioters and vandals. A state of emergency now.");
    assert_eq!(s.wc, 8);
    assert_eq!(s.sentence_wc, [3, 5]);
    let sc = score(
        &lex,
        &[("a".to_string(), s)],
        &ScoreConfig {
            resamples: 0,
            ..Default::default()
        },
    );
    let labels = &sc.units[0].categories[0];
    assert_eq!(
        (labels.hits, labels.per_1000, labels.percent),
        (2, 250.0, 25.0)
    );
    let em = &sc.units[0].categories[1];
    assert_eq!(
        (em.hits, em.covered, em.per_1000, em.percent),
        (1, 3, 125.0, 37.5)
    );
    // A single unit has no rest: G² = 0, p = 1; no CI with 0 resamples.
    assert_eq!((labels.g2, labels.p, labels.per_1000_ci), (0.0, 1.0, None));
}

/// A unit of `n` sentences of 10 words, `h` of which hold one hit of category 0.
fn synthetic(lex: &Lexicon, n: u32, h: u32) -> ArticleLexStats {
    let mut s = ArticleLexStats::empty(lex);
    s.wc = 10 * n as u64;
    s.sentence_wc = vec![10; n as usize];
    s.hits[0] = h as u64;
    s.covered[0] = h as u64;
    s.cells = (0..h)
        .map(|i| score::SentenceCell {
            sentence: i * (n / h.max(1)),
            category: 0,
            hits: 1,
            covered: 1,
        })
        .collect();
    s
}

#[test]
fn g2_against_the_rest_matches_the_worked_example() {
    // docs/METHODS.md: a = 12 of 1,000 words, b = 3 of 4,000 → G² = 25.055 (+), and
    // the reference unit is under-used with the same magnitude.
    let lex = lex();
    let units = vec![
        ("t".to_string(), synthetic(&lex, 100, 12)),
        ("r".to_string(), synthetic(&lex, 400, 3)),
    ];
    let sc = score(
        &lex,
        &units,
        &ScoreConfig {
            resamples: 0,
            ..Default::default()
        },
    );
    let t = &sc.units[0].categories[0];
    assert!((t.g2 - 25.055).abs() < 1e-3, "{}", t.g2);
    assert_eq!((t.rest_hits, t.rest_wc), (3, 4000));
    assert!((sc.units[1].categories[0].g2 + 25.055).abs() < 1e-3);
    assert!(t.p < 1e-5);
}

#[test]
fn bootstrap_is_deterministic_and_contains_the_estimate() {
    let lex = lex();
    let units = vec![
        ("a".to_string(), synthetic(&lex, 50, 7)),
        ("b".to_string(), synthetic(&lex, 80, 2)),
    ];
    let cfg = ScoreConfig::default();
    let one = score(&lex, &units, &cfg);
    let two = score(&lex, &units, &cfg);
    assert_eq!(one, two);
    for u in &one.units {
        let c = &u.categories[0];
        let (lo, hi) = c.per_1000_ci.unwrap();
        assert!(
            lo <= c.per_1000 && c.per_1000 <= hi,
            "{lo} {} {hi}",
            c.per_1000
        );
        assert!(lo < hi);
        let (plo, phi) = c.percent_ci.unwrap();
        assert!(plo <= c.percent && c.percent <= phi);
    }
    // Another seed gives another interval.
    let other = score(
        &lex,
        &units,
        &ScoreConfig {
            seed: 7,
            ..cfg.clone()
        },
    );
    assert_ne!(
        one.units[0].categories[0].per_1000_ci,
        other.units[0].categories[0].per_1000_ci
    );
}

#[test]
fn bootstrap_of_identical_sentences_is_degenerate() {
    // Every sentence: 10 words, 1 hit → every resample gives 100 per 1,000.
    let lex = lex();
    let s = synthetic(&lex, 20, 20);
    let sc = score(&lex, &[("a".to_string(), s)], &ScoreConfig::default());
    assert_eq!(sc.units[0].categories[0].per_1000_ci, Some((100.0, 100.0)));
    assert_eq!(sc.units[0].categories[0].percent_ci, Some((10.0, 10.0)));
}

#[test]
fn merge_order_does_not_change_scores() {
    let (lex, _, a) = stats_of("Rioters and vandals. A state of emergency now. Calm here.");
    let (_, _, b) = stats_of("The mob came. Nothing else. A terrorist, they said, and a coup.");
    let mut ab = a.clone();
    ab += &b;
    let mut ba = b.clone();
    ba += &a;
    assert_eq!(ab.wc, a.wc + b.wc);
    let cfg = ScoreConfig::default();
    let s1 = score(&lex, &[("x".to_string(), ab)], &cfg);
    let s2 = score(&lex, &[("x".to_string(), ba)], &cfg);
    assert_eq!(s1, s2);
}

#[test]
fn voice_and_actor_counts() {
    let (lex, _, s) =
        stats_of("Boluarte said “vandals”. The so-called rioters left. The mob, Castillo said.");
    let c = lex.category_index("labels").unwrap();
    // own: mob; scare: vandals; distanced: rioters.
    assert_eq!(s.voice[c], [1, 0, 1, 1]);
    let na = lex.actors.len() + 1;
    // vandals → boluarte, rioters → none, mob → castillo.
    assert_eq!(&s.actors[c * na..(c + 1) * na], &[1, 1, 0, 1]);
}

// ---- KWIC and audit -------------------------------------------------------

#[test]
fn kwic_word_glob_phrase_and_category() {
    let lex = lex();
    let an = en();
    let text = "Police said the rioters, many of them young, attacked. A rioter fled.";
    let a = an.analyze(text);
    let doc = ArticleRef {
        source: "s",
        article: "a1",
        language: "en",
        text,
        analyzed: &a,
    };
    let p = KwicPattern::parse("rioters", &lex, &an).unwrap();
    let lines = kwic(&p, &lex, doc, 2);
    let got: Vec<_> = lines
        .iter()
        .map(|l| (l.left.as_str(), l.matched.as_str(), l.right.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("said the", "rioters", ", many of"),
            ("attacked. A", "rioter", "fled")
        ]
    );
    assert_eq!(
        (lines[0].start, lines[0].end, lines[0].sentence),
        (16, 23, 0)
    );
    assert_eq!(lines[1].sentence, 1);

    let p = KwicPattern::parse("many of them", &lex, &an).unwrap();
    assert_eq!(kwic(&p, &lex, doc, 1)[0].left, "rioters,");
    let p = KwicPattern::parse("riot*", &lex, &an).unwrap();
    assert_eq!(kwic(&p, &lex, doc, 0).len(), 2);
    let p = KwicPattern::parse("category:labels", &lex, &an).unwrap();
    let l = kwic(&p, &lex, doc, 8);
    assert_eq!(l.len(), 2);
    assert_eq!(l[0].category.as_deref(), Some("labels"));
    assert!(KwicPattern::parse("category:nope", &lex, &an).is_err());
    assert!(KwicPattern::parse("ri*ot", &lex, &an).is_err());
}

#[test]
fn audit_counts_forms_per_entry() {
    let (lex, _, s) = stats_of("Rioters, a rioter, rioters. Terrorism.");
    let rows = audit(&lex, &[("src".to_string(), s)]);
    let got: Vec<_> = rows
        .iter()
        .map(|r| (r.entry.as_str(), r.form.as_str(), r.count))
        .collect();
    assert_eq!(
        got,
        [
            ("terror*", "terrorism", 1),
            ("rioters", "rioters", 2),
            ("rioters", "rioter", 1)
        ]
    );
}

#[test]
fn hit_record_serializes() {
    let lex = lex();
    let text = "The so-called rioters met Boluarte.";
    let a = en().analyze(text);
    let h = find_hits(&lex, "en", text, &a);
    let r = h[0].record(&lex, text, &a, "src", "art");
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(
        json,
        r#"{"source":"src","article":"art","sentence":0,"start":14,"end":21,"category":"labels","entry":"rioters","surface":"rioters","form":"rioters","voice":"distanced","target":"boluarte"}"#
    );
}

/// The lexicon format shown in the README (its ```toml block) loads as is.
#[test]
fn the_readme_lexicon_example_loads() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n")
        .expect("a toml block in the README")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, &readme[start..end]).unwrap();
    let (lex, warnings) = Lexicon::load(&path, &en()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(lex.categories.len(), 2);
    assert_eq!(lex.categories[0].label, "State violence");
    assert_eq!(
        lex.category_languages(1).into_iter().collect::<Vec<_>>(),
        ["en", "es", "pt"]
    );
    assert_eq!(lex.actors.len(), 1);
}
