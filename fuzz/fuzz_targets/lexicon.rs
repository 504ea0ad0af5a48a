//! The lexicon readers on arbitrary text: TOML, LIWC .dic and quanteda YAML
//! (the first byte picks the format). No panic; an error names the file; a
//! lexicon that parses is matched against a fixed text without panicking and
//! every hit lies inside the text.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use framelens::analyze::{Analyzed, Analyzer, AnalyzerConfig};
use framelens::lexicon::{find_hits, liwc, yaml, Lexicon};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "The so-called \"president\" Boluarte declared a state of emergency; \
    police repressed the protesters. Terrorists, said the regime's ministers. «Usurper!»";

fn setup() -> &'static (Analyzer, Analyzed) {
    static A: OnceLock<(Analyzer, Analyzed)> = OnceLock::new();
    A.get_or_init(|| {
        let an = Analyzer::new("en", &AnalyzerConfig::default()).expect("analyzer");
        let analyzed = an.analyze(TEXT);
        (an, analyzed)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (an, analyzed) = setup();
    let (name, result) = match kind % 3 {
        0 => (
            "lex.toml",
            Lexicon::parse_toml(text, Path::new("lex.toml"), an),
        ),
        1 => ("lex.dic", liwc::parse_dic(text, Path::new("lex.dic"), an)),
        _ => ("lex.yml", yaml::parse_yaml(text, Path::new("lex.yml"), an)),
    };
    match result {
        Ok((lex, _warnings)) => {
            for h in find_hits(&lex, "en", TEXT, analyzed) {
                assert!(h.start <= h.end && h.end <= TEXT.len());
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with(name),
                "error does not start with {name}: {msg}"
            );
        }
    }
});
