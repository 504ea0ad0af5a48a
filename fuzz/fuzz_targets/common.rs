//! Shared by the targets: a per-process scratch folder for reader inputs (the
//! readers take a path, so the fuzz input is written to a file and read back
//! through the real code path).

use std::path::PathBuf;
use std::sync::OnceLock;

use framelens::error::Error;

/// A scratch folder unique to this process, created once.
#[allow(dead_code, reason = "not every target reads a file")]
pub fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("framelens-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// Every input error must name its file; an I/O error on the scratch file is a
/// harness problem, not a finding.
#[allow(dead_code, reason = "not every target reads a corpus")]
pub fn check_error(e: &Error, file: &str) {
    let msg = e.to_string();
    match e {
        Error::Input { .. } => assert!(msg.contains(file), "error does not name {file}: {msg}"),
        Error::Io { .. } | Error::Usage(_) => {}
        Error::Stale(_) | Error::Internal(_) => panic!("unexpected error kind: {msg}"),
    }
}
