use super::*;

fn en() -> Analyzer {
    Analyzer::new("en", &AnalyzerConfig::default()).unwrap()
}

/// (norm, stem, stop) of every word token.
fn words(text: &str) -> Vec<String> {
    en().analyze(text)
        .tokens
        .iter()
        .map(|t| t.norm.clone())
        .collect()
}

#[test]
fn smoke() {
    assert_eq!(words("Hello, world"), ["hello", "world"]);
}
