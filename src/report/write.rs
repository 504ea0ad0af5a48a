//! Writing `reports/` atomically, and `--check`ing it.
//!
//! All files are built in memory first (`Files`), then written to a fresh
//! temporary folder beside the destination and moved into place with two
//! renames: a run that fails at any point, before or during writing, leaves the
//! previous reports untouched.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Relative path → bytes, sorted by path.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// Writes `files` as the complete contents of `out`, replacing what was there.
pub fn write_atomically(out: &Path, files: &Files) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reports".into());
    let tmp = unique(&parent, &format!(".{name}.tmp"));
    let result = write_tree(&tmp, files).and_then(|_| swap_into_place(&tmp, out, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn unique(parent: &Path, stem: &str) -> PathBuf {
    let pid = std::process::id();
    (0u32..)
        .map(|k| parent.join(format!("{stem}-{pid}-{k}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| parent.join(stem))
}

fn write_tree(root: &Path, files: &Files) -> Result<()> {
    fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

fn swap_into_place(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    if out.exists() {
        let old = unique(parent, &format!(".{name}.old"));
        fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = fs::rename(tmp, out) {
            // Put the previous reports back before failing.
            let _ = fs::rename(&old, out);
            return Err(Error::io(out, e));
        }
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    } else {
        fs::rename(tmp, out).map_err(|e| Error::io(out, e))?;
    }
    Ok(())
}

/// The files of `out` that differ from `files`: changed, missing or extra.
pub fn stale_files(out: &Path, files: &Files) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    for (rel, bytes) in files {
        match fs::read(out.join(rel)) {
            Ok(old) if &old == bytes => {}
            Ok(_) => stale.push(format!("{} (differs)", rel.display())),
            Err(_) => stale.push(format!("{} (missing)", rel.display())),
        }
    }
    if out.is_dir() {
        let mut on_disk = Vec::new();
        list(out, Path::new(""), &mut on_disk)?;
        for rel in on_disk {
            if !files.contains_key(&rel) {
                stale.push(format!("{} (not made by this run)", rel.display()));
            }
        }
    }
    stale.sort();
    Ok(stale)
}

fn list(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let dir = root.join(rel);
    for e in fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
        let e = e.map_err(|e| Error::io(&dir, e))?;
        let r = rel.join(e.file_name());
        if e.path().is_dir() {
            list(root, &r, out)?;
        } else {
            out.push(r);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(p, c)| (PathBuf::from(p), c.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn replaces_the_whole_folder_and_checks_it() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("reports");
        write_atomically(&out, &files(&[("a.txt", "1"), ("data/b.csv", "2")])).unwrap();
        write_atomically(&out, &files(&[("a.txt", "3")])).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "3");
        assert!(!out.join("data/b.csv").exists());
        assert!(stale_files(&out, &files(&[("a.txt", "3")]))
            .unwrap()
            .is_empty());
        let stale = stale_files(&out, &files(&[("a.txt", "4"), ("c.txt", "5")])).unwrap();
        assert_eq!(stale, ["a.txt (differs)", "c.txt (missing)"]);
        // Nothing temporary is left beside it.
        let names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["reports"]);
    }

    #[test]
    fn a_failed_write_leaves_the_previous_reports() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("reports");
        write_atomically(&out, &files(&[("a.txt", "old")])).unwrap();
        // A file whose parent is a file cannot be written.
        let bad = files(&[("x", "file"), ("x/y.txt", "under a file")]);
        assert!(write_atomically(&out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["reports"]);
    }
}
