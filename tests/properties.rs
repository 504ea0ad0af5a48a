//! Property tests (proptest) over random Unicode text (issue 7, part 3):
//! - the analyzer never panics; token spans are ordered, non-overlapping char
//!   boundaries inside their sentence, and `normalize_word` of the span is the
//!   token's norm (plus "'s" when a possessive was stripped);
//! - the counted terms of an article sum to WC minus its stopwords;
//! - the readers lose nothing: texts written as JSONL or CSV come back byte for
//!   byte, in order, except the empty ones (skipped and counted);
//! - `framelens tokens` and `terms` print the same bytes for 1 and 2 threads.
//!
//! The text alphabet leans on what breaks tokenizers: curly quotes and
//! apostrophes, hyphens and dashes, combining marks, emoji with ZWJ and skin
//! tones, Arabic and Hebrew, Han, digits, brackets, CR and LF, format characters,
//! case mappings that change length (İ, ß, final Σ), URL and e-mail pieces, and
//! now and then any `char` at all.

use std::path::Path;
use std::process::Command;

use framelens::analyze::{normalize_word, Analyzer, AnalyzerConfig};
use framelens::corpus::{read_all, ReadOptions};
use framelens::count::SourceCounts;
use proptest::prelude::*;

const TRICKY: &[char] = &[
    'a',
    'e',
    's',
    't',
    'n',
    'I',
    'A',
    'Z',
    ' ',
    ' ',
    ' ',
    '\n',
    '\r',
    '\t',
    '.',
    ',',
    '!',
    '?',
    ';',
    ':',
    '\'',
    '\u{2019}',
    '\u{2018}',
    '"',
    '\u{201C}',
    '\u{201D}',
    '«',
    '»',
    '-',
    '\u{2010}',
    '\u{2011}',
    '–',
    '—',
    '\u{0301}',
    '\u{0308}',
    '😀',
    '👨',
    '\u{200D}',
    '👩',
    '\u{1F3FD}',
    '🇵',
    '🇪',
    'م',
    'ر',
    'ح',
    'ب',
    'ا',
    'ש',
    'ל',
    'ו',
    'ם',
    '你',
    '好',
    '世',
    '0',
    '1',
    '9',
    '[',
    ']',
    '(',
    ')',
    '\u{200B}',
    '\u{00AD}',
    '\u{FEFF}',
    'İ',
    'ß',
    'Σ',
    'ς',
    'é',
    'ñ',
    '@',
    '/',
    'w',
    '\u{00A0}',
    '\u{2028}',
    '…',
];

fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        10 => prop::sample::select(TRICKY),
        1 => any::<char>(),
    ]
}

fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Tricky text that sometimes holds whole English words, stopwords and a
/// possessive, so that stemming, stopwords and "'s" are exercised.
fn texty(max: usize) -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "the",
        "junta",
        "Castillo's",
        "President",
        "it's",
        "right-wing",
        "so-called",
        "www.x.org",
        "a@b.co",
        "don’t",
        "of",
        "state",
        "emergency",
        "Boluarte’s",
        "x'S",
    ]);
    prop::collection::vec(
        prop_oneof![
            3 => tricky_text(6),
            2 => word.prop_map(|w| format!(" {w} ")),
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

fn analyzers() -> Vec<Analyzer> {
    let plain = AnalyzerConfig::default();
    let split = AnalyzerConfig {
        split_hyphens: true,
        ..AnalyzerConfig::default()
    };
    let nostem = AnalyzerConfig {
        stem: false,
        ngram_max: 2,
        ..AnalyzerConfig::default()
    };
    [plain, split, nostem]
        .iter()
        .map(|c| Analyzer::new("en", c).unwrap())
        .collect()
}

/// Whether the analyzer could find a word in `text` (a letter before or after
/// lowercasing): the readers skip an article without one.
fn has_letter(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphabetic() || c.to_lowercase().any(char::is_alphabetic))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn token_spans_are_boundaries_that_normalize_to_the_norm(text in texty(30)) {
        for an in analyzers() {
            let a = an.analyze(&text);
            let mut prev_end = 0;
            for t in &a.tokens {
                prop_assert!(t.start < t.end && t.end <= text.len());
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                prop_assert!(t.start >= prev_end, "overlap at {}", t.start);
                prev_end = t.end;
                let s = &a.sentences[t.sentence as usize];
                prop_assert!(s.start <= t.start && t.end <= s.end);
                let n = normalize_word(&text[t.start..t.end]);
                prop_assert!(
                    *n == *t.norm || n == format!("{}'s", t.norm),
                    "span {:?} normalizes to {:?}, token norm {:?}", &text[t.start..t.end], n, t.norm
                );
                prop_assert!(t.norm.chars().any(char::is_alphabetic), "{:?}", t.norm);
                prop_assert_eq!(t.stop, an.is_stopword(&t.norm) || an.is_stopword(&n));
            }
            // Sentences are in order and do not overlap.
            for w in a.sentences.windows(2) {
                prop_assert!(w[0].end <= w[1].start);
            }
        }
    }

    #[test]
    fn counted_terms_sum_to_wc_minus_stopwords(text in texty(40)) {
        let an = Analyzer::new("en", &AnalyzerConfig::default()).unwrap();
        let a = an.analyze(&text);
        let stops = a.tokens.iter().filter(|t| t.stop).count() as u64;
        let c = SourceCounts::of_article(&an, &a);
        prop_assert_eq!(c.words, a.wc() as u64);
        prop_assert_eq!(c.total_terms(), c.words - stops);
        prop_assert_eq!(an.terms(&a).len() as u64, c.words - stops);
        // Analysis is a function of the text.
        prop_assert_eq!(an.analyze(&text), a);
    }

    #[test]
    fn jsonl_and_csv_lose_nothing(texts in prop::collection::vec(texty(12), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        let mut jsonl = String::new();
        let mut csv = String::from("source,text\n");
        for (i, t) in texts.iter().enumerate() {
            let line = serde_json::json!({"source": format!("s{}", i % 3), "text": t});
            jsonl.push_str(&line.to_string());
            jsonl.push('\n');
            csv.push_str(&format!("s{},\"{}\"\n", i % 3, t.replace('"', "\"\"")));
        }
        let expected: Vec<&String> = texts.iter().filter(|t| has_letter(t)).collect();
        let skipped = (texts.len() - expected.len()) as u64;
        // A NUL is refused in every layout (as in a directory article); the
        // first text with one is the line (JSONL) or record (CSV) named.
        let first_nul = texts.iter().position(|t| t.contains('\0'));
        for (name, body) in [("c.jsonl", jsonl), ("c.csv", csv)] {
            let path = dir.path().join(name);
            std::fs::write(&path, body).unwrap();
            let read = read_all(&path, &ReadOptions::default());
            if let Some(i) = first_nul {
                let e = read.err().map(|e| e.to_string()).unwrap_or_default();
                prop_assert!(e.contains("NUL"), "{}: {}", name, e);
                if name == "c.jsonl" {
                    prop_assert!(e.contains(&format!("c.jsonl:{}: ", i + 1)), "{}", e);
                }
                continue;
            }
            match read {
                Ok((articles, summary)) => {
                    let got: Vec<&String> = articles.iter().map(|a| &a.text).collect();
                    prop_assert_eq!(&got, &expected, "{}", name);
                    prop_assert_eq!(summary.skipped_empty, skipped, "{}", name);
                }
                Err(e) => {
                    prop_assert!(expected.is_empty(), "{}: {}", name, e);
                    prop_assert!(e.to_string().contains("no articles to read"), "{}", e);
                }
            }
        }
    }
}

fn framelens(args: &[&str], dir: &Path) -> Vec<u8> {
    let out = Command::new(assert_cmd::cargo::cargo_bin("framelens"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "framelens {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

proptest! {
    // Each case runs the binary four times: few cases.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn one_and_two_threads_print_the_same_bytes(
        articles in prop::collection::vec((0..3usize, texty(25)), 2..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, (source, text)) in articles.iter().enumerate() {
            let folder = dir.path().join(format!("source-{source}"));
            std::fs::create_dir_all(&folder).unwrap();
            // One sure word per article, so that the corpus is never empty; a
            // NUL would make the file binary (an error by design).
            let text = text.replace('\0', " ");
            std::fs::write(folder.join(format!("{i:02}.txt")), format!("{text} junta"))
                .unwrap();
        }
        for cmd in [&["tokens"][..], &["terms", "--format", "csv", "--by", "article"][..]] {
            let run = |threads: &str| {
                let mut args = cmd.to_vec();
                args.extend(["--corpus", ".", "--threads", threads]);
                framelens(&args, dir.path())
            };
            let one = run("1");
            prop_assert!(!one.is_empty());
            prop_assert_eq!(&one, &run("2"), "{:?}", cmd);
        }
    }
}
