//! The directory reader with an arbitrary `corpus.toml`: no panic; an error
//! names the manifest (or the corpus); a run that succeeds reads exactly the
//! two articles of the fixed corpus, and never a file outside it.
#![no_main]

mod common;

use std::sync::OnceLock;

use framelens::corpus::{read_all, ReadOptions};
use libfuzzer_sys::fuzz_target;

fn corpus() -> &'static std::path::PathBuf {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = common::scratch().join("corpus");
        for (rel, text) in [
            (
                "alpha/one.txt",
                "The junta declared a state of emergency.\n",
            ),
            ("beta/two.md", "Protesters marched on Lima.\n"),
            ("beta/notes.csv", "not an article\n"),
        ] {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, text).expect("write");
        }
        // A file outside the corpus, and a symlink to it from inside.
        let outside = common::scratch().join("outside.txt");
        std::fs::write(&outside, "secret words\n").expect("write");
        let _ = std::os::unix::fs::symlink(&outside, root.join("beta/link.txt"));
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = corpus();
    std::fs::write(root.join("corpus.toml"), data).expect("write manifest");
    match read_all(root, &ReadOptions::default()) {
        Ok((articles, _)) => {
            let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
            // link.txt is followed while walking (documented), so three articles.
            assert_eq!(ids, ["alpha/one.txt", "beta/link.txt", "beta/two.md"]);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("corpus.toml") || msg.contains("corpus"),
                "error names neither the manifest nor the corpus: {msg}"
            );
        }
    }
});
