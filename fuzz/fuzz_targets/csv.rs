//! The CSV reader on arbitrary bytes: no panic; an error names the file;
//! articles come in file order with lines inside the file.
#![no_main]

mod common;

use framelens::corpus::{read_all, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::scratch().join("in.csv");
    std::fs::write(&path, data).expect("write scratch");
    for lossy in [false, true] {
        let opts = ReadOptions {
            lossy,
            ..Default::default()
        };
        match read_all(&path, &opts) {
            Ok((articles, summary)) => {
                assert_eq!(articles.len() as u64, summary.articles);
                let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                let mut last = 0;
                for a in &articles {
                    assert!(
                        a.line > last && a.line <= lines,
                        "line {} of {lines}",
                        a.line
                    );
                    last = a.line;
                    assert!(!a.text.trim().is_empty());
                }
            }
            Err(e) => common::check_error(&e, "in.csv"),
        }
    }
});
