//! The partial-statistics reader (`merge`, `report --stats`) on arbitrary
//! bytes: no panic, no allocation out of proportion to the input (libFuzzer's
//! `-rss_limit_mb`), no hang (`-timeout`); an error names the file; a partial
//! that reads is written back to bytes that read again to the same bytes; and
//! when it fits the sample lexicon, the report computed from it does not panic.
#![no_main]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use framelens::analyze::{Analyzer, AnalyzerConfig};
use framelens::lexicon::{Lexicon, ScoreConfig};
use framelens::partial;
use framelens::report::build::{assemble, ReportConfig};
use libfuzzer_sys::fuzz_target;

/// The sample lexicon's bytes.
fn lexicon_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/lexicon.toml"))
            .expect("corpus/lexicon.toml")
    })
}

/// The sample lexicon compiled with the analyzer a partial names (cached).
fn lexicon(cfg: &AnalyzerConfig) -> Option<&'static Lexicon> {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static Lexicon>>> = OnceLock::new();
    let key = serde_json::to_string(cfg).ok()?;
    let mut cache = CACHE.get_or_init(Default::default).lock().ok()?;
    if let Some(l) = cache.get(&key) {
        return Some(l);
    }
    let an = Analyzer::new("en", cfg).ok()?;
    let (lex, _) = Lexicon::from_bytes(Path::new("lexicon.toml"), lexicon_bytes(), &an).ok()?;
    let lex: &'static Lexicon = Box::leak(Box::new(lex));
    cache.insert(key, lex);
    Some(lex)
}

fuzz_target!(|data: &[u8]| {
    let stats = match partial::read(data, Path::new("in.tsv")) {
        Ok(s) => s,
        Err(e) => return common::check_error(&e, "in.tsv"),
    };
    let mut bytes = Vec::new();
    partial::write(&stats, &mut bytes).expect("write to memory");
    let back = partial::read(&bytes[..], Path::new("again.tsv"))
        .unwrap_or_else(|e| panic!("a partial framelens wrote does not read back: {e}"));
    let mut again = Vec::new();
    partial::write(&back, &mut again).expect("write to memory");
    assert!(
        bytes == again,
        "written, read and written again: other bytes"
    );

    // The report from it, with the sample lexicon (the hash is not checked
    // here: a fuzzer cannot forge it, and the shape check is what guards the
    // report).
    let Ok((analyzer, window)) = stats.header.analyzer() else {
        return;
    };
    let Some(lex) = lexicon(&analyzer) else {
        return;
    };
    let entries: Vec<usize> = lex.categories.iter().map(|c| c.entries.len()).collect();
    if stats.check_shape(&entries, lex.actors.len()).is_err() {
        return;
    }
    let cfg = ReportConfig {
        pipeline: framelens::pipeline::Config {
            corpus: PathBuf::from("-"),
            read: Default::default(),
            analyzer,
            threads: Some(1),
        },
        lexicon: PathBuf::from("lexicon.toml"),
        top: 15,
        min_count: 3,
        score: ScoreConfig {
            resamples: 20,
            ..Default::default()
        },
        window,
    };
    let file = partial::InputFile {
        path: "lexicon.toml".into(),
        bytes: lexicon_bytes().len() as u64,
        sha256: stats.header.lexicon_sha256.clone(),
    };
    // Its only error is running past 32-bit term ids, which no fuzz input can.
    let report = assemble(&cfg, lex, Vec::new(), file, &stats).expect("assemble");
    framelens::report::render_files(&report).expect("render in memory");
});
