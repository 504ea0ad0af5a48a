//! The analyzer on arbitrary text: no panic; token spans are ordered char
//! boundaries inside their sentence; the norm is the normalized span (less a
//! possessive 's); every counted term is a non-stopword token's stem (plus
//! n-grams); boilerplate blanking keeps offsets.
#![no_main]

use std::sync::OnceLock;

use framelens::analyze::{normalize_word, Analyzer, AnalyzerConfig};
use libfuzzer_sys::fuzz_target;

fn analyzers() -> &'static [Analyzer; 2] {
    static A: OnceLock<[Analyzer; 2]> = OnceLock::new();
    A.get_or_init(|| {
        let plain = Analyzer::new("en", &AnalyzerConfig::default()).expect("analyzer");
        let cfg = AnalyzerConfig {
            split_hyphens: true,
            ngram_max: 3,
            ..AnalyzerConfig::default()
        };
        let split = Analyzer::new("en", &cfg).expect("analyzer");
        [plain, split]
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (k, an) in analyzers().iter().enumerate() {
        let a = if k == 0 {
            an.analyze(&text)
        } else {
            // Blank the first line as boilerplate.
            let first = text.lines().next().unwrap_or("").to_string();
            an.analyze_with_boilerplate(&text, &[first])
        };
        let mut prev_end = 0;
        for t in &a.tokens {
            assert!(t.start < t.end && t.end <= text.len());
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start >= prev_end, "tokens overlap");
            prev_end = t.end;
            let s = &a.sentences[t.sentence as usize];
            assert!(s.start <= t.start && t.end <= s.end);
            if k == 0 {
                let n = normalize_word(&text[t.start..t.end]);
                assert!(
                    *n == *t.norm || n == format!("{}'s", t.norm),
                    "{n:?} vs {:?}",
                    t.norm
                );
            }
            assert!(t.norm.chars().any(char::is_alphabetic));
        }
        let unigrams = a.tokens.iter().filter(|t| !t.stop).count();
        let mut terms = 0;
        an.for_each_term(&a, |term, surface| {
            terms += 1;
            assert_eq!(term.matches(' ').count(), surface.matches(' ').count());
        });
        if k == 0 {
            assert_eq!(terms, unigrams);
        } else {
            assert!(terms >= unigrams);
        }
    }
});
