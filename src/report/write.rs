//! Writing `reports/` atomically, and `--check`ing it.
//!
//! Files go to a [`Sink`]: written one by one, as they are made, into a fresh
//! temporary folder beside the destination (so a large report is never held in
//! memory whole), which is then moved into place with two renames: a run that
//! fails at any point, before or during writing, leaves the previous reports
//! untouched. `--check` collects the files in memory instead and compares them.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::interrupt;
use crate::error::{Error, Result};

/// Relative path → bytes, sorted by path.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// The folder `out` lives in, and its name.
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "reports".into());
    (parent, name)
}

/// Checks that `out` can be written, before any work is done: it is a folder
/// or absent, and a folder can be made where it (or its first missing parent)
/// would go. Leaves nothing behind.
pub fn check_writable(out: &Path) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(Error::input(
            out,
            0,
            "exists and is not a folder: choose another --out",
        ));
    }
    check_replaceable(out)?;
    let (parent, name) = parent_and_name(out);
    let base = parent
        .ancestors()
        .find(|a| a.as_os_str().is_empty() || a.exists())
        .unwrap_or(&parent);
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    if !base.is_dir() {
        return Err(Error::input(
            base,
            0,
            format!(
                "is a file, so the output folder {} cannot be created",
                out.display()
            ),
        ));
    }
    let probe = unique(base, &format!(".{name}.probe"));
    fs::create_dir(&probe).map_err(|e| {
        Error::input(
            base,
            0,
            format!(
                "cannot create the output folder {} here: {e}",
                out.display()
            ),
        )
    })?;
    let _ = fs::remove_dir(&probe);
    Ok(())
}

/// `p` made absolute, with the part of it that exists resolved (symbolic
/// links, `..`), the rest appended as written.
fn resolved(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        match existing.file_name() {
            Some(n) => {
                rest.push(n.to_os_string());
                existing.pop();
            }
            None => return abs,
        }
    }
    let mut r = fs::canonicalize(&existing).unwrap_or(existing);
    r.extend(rest.iter().rev());
    r
}

/// Refuses an `--out` whose swap would delete what the run reads or runs in,
/// or that the next run would read as part of the corpus, before any work:
/// the current folder or one that holds it (`report --out .`); a folder
/// inside a directory corpus (its `README.md` would be read as an article of
/// a source named after the folder); a folder that holds the corpus, the
/// lexicon or a partial. `inputs` are the corpus (`-` is skipped), the lexicon
/// and the partials.
pub fn check_out_place(out: &Path, corpus: Option<&Path>, inputs: &[&Path]) -> Result<()> {
    let out_r = resolved(out);
    let refuse = |why: String| Err(Error::input(out, 0, why));
    if let Ok(cwd) = std::env::current_dir() {
        let cwd = fs::canonicalize(&cwd).unwrap_or(cwd);
        if cwd.starts_with(&out_r) {
            return refuse(format!(
                "is the folder framelens runs in{}; the report replaces the whole --out folder, so choose a folder of its own, such as reports",
                if cwd == out_r { "" } else { ", or holds it" }
            ));
        }
    }
    if let Some(c) = corpus.filter(|c| *c != Path::new(crate::corpus::STDIN)) {
        let c_r = resolved(c);
        if c_r.is_dir() && out_r.starts_with(&c_r) {
            return refuse(format!(
                "is inside the corpus folder {}: the next run would read the report as a source; choose an --out outside the corpus",
                c.display()
            ));
        }
        if c_r.starts_with(&out_r) {
            return refuse(format!(
                "holds the corpus {}; the report replaces the whole --out folder, so choose another one",
                c.display()
            ));
        }
    }
    for i in inputs.iter().filter(|i| **i != Path::new("-")) {
        if resolved(i).starts_with(&out_r) {
            return refuse(format!(
                "holds {}, which this run reads; the report replaces the whole --out folder, so choose another one",
                i.display()
            ));
        }
    }
    Ok(())
}

fn create_parent(parent: &Path, out: &Path) -> Result<()> {
    fs::create_dir_all(parent).map_err(|e| match parent.ancestors().find(|a| a.is_file()) {
        Some(file) => Error::input(
            file,
            0,
            format!(
                "is a file, so the output folder {} cannot be created",
                out.display()
            ),
        ),
        None => Error::io(parent, e),
    })
}

/// A relative path with `/` separators.
fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files an operating system's file browser leaves in a folder it showed;
/// replacing them with the folder loses nothing.
fn os_metadata(name: &str) -> bool {
    matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini" | ".gitkeep") || name.starts_with("._")
}

/// The whole `out` folder is replaced by the new report, so it must be absent,
/// empty, or an earlier report holding nothing but the files that report
/// wrote (the `files` of its `manifest.json`; for a report from before that
/// list, the names a report writes) and file-browser metadata. Never a
/// folder of other files, or a report with a file of the user's added, that
/// the swap would delete.
pub(crate) fn check_replaceable(out: &Path) -> Result<()> {
    let Ok(mut entries) = fs::read_dir(out) else {
        // Absent (or unreadable: the write itself will say why).
        return Ok(());
    };
    if entries.next().is_none() {
        return Ok(());
    }
    // Not `fs::read`: a FIFO named manifest.json would block the run forever.
    let manifest = crate::corpus::read_regular_file(
        &out.join("manifest.json"),
        crate::corpus::MAX_SETTINGS_FILE_BYTES,
    )
    .ok()
    .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
    .filter(|m| m.pointer("/tool/name").and_then(|n| n.as_str()) == Some("framelens"));
    let refuse = |why: String| {
        Err(Error::input(
            out,
            0,
            format!(
                "{why}; the report replaces the whole --out folder, so choose a new or empty one (or move that away)"
            ),
        ))
    };
    let Some(manifest) = manifest else {
        return refuse(
            "is a folder of other files, not an earlier framelens report (no framelens manifest.json)"
                .into(),
        );
    };
    let listed: Option<std::collections::BTreeSet<&str>> = manifest
        .get("files")
        .and_then(|f| f.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect());
    let mut found = Vec::new();
    walk(out, Path::new(""), &mut found);
    for (rel, name) in found {
        let ours = os_metadata(&name)
            || rel == "manifest.json"
            || match &listed {
                Some(l) => l.contains(rel.as_str()),
                None => written_by_a_report(&rel),
            };
        if !ours {
            return refuse(format!(
                "holds {}, which is not a file of the earlier report",
                out.join(&rel).display()
            ));
        }
    }
    Ok(())
}

/// Every entry under `dir` that is not a folder (symbolic links included,
/// not followed), as (path relative to the top, with `/`, file name).
fn walk(dir: &Path, rel: &Path, found: &mut Vec<(String, String)>) {
    let mut entries: Vec<fs::DirEntry> =
        fs::read_dir(dir).into_iter().flatten().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        let r = rel.join(&name);
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            walk(&e.path(), &r, found);
        } else {
            found.push((slashed(&r), name.to_string_lossy().into_owned()));
        }
    }
}

/// For a report whose manifest has no `files` list: the names a report writes
/// (`index.html`, `README.md`, `analysis.json`, `data/*.csv`, `data/README.md`,
/// `charts/*.svg`).
fn written_by_a_report(rel: &str) -> bool {
    match rel.split_once('/') {
        None => matches!(rel, "index.html" | "README.md" | "analysis.json"),
        Some(("data", f)) => !f.contains('/') && (f.ends_with(".csv") || f == "README.md"),
        Some(("charts", f)) => !f.contains('/') && f.ends_with(".svg"),
        Some(_) => false,
    }
}

/// Where the files of a report go. Shared by the threads that render them.
pub enum Sink {
    /// Kept in memory (for `--check`).
    Memory(Mutex<Files>),
    /// Written under `root`, the temporary folder that becomes `out`.
    Folder {
        root: PathBuf,
        out: PathBuf,
        /// The relative paths written so far.
        written: Mutex<Vec<PathBuf>>,
    },
}

impl Sink {
    pub fn memory() -> Sink {
        Sink::Memory(Mutex::new(Files::new()))
    }

    /// Adds a file made in memory.
    pub fn put(&self, rel: impl Into<PathBuf>, bytes: &[u8]) -> Result<()> {
        self.stream(rel, |w| w.write_all(bytes))
    }

    /// Adds a file written piece by piece by `fill` (buffered).
    pub fn stream(
        &self,
        rel: impl Into<PathBuf>,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let rel = rel.into();
        match self {
            Sink::Memory(files) => {
                let mut bytes = Vec::new();
                // Writing to memory cannot fail; a serializer error can.
                fill(&mut bytes).map_err(|e| Error::Internal(format!("{}: {e}", rel.display())))?;
                files
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(rel, bytes);
                Ok(())
            }
            Sink::Folder { root, out, written } => {
                let path = root.join(&rel);
                let write = || -> std::io::Result<()> {
                    // Sub-folders are made inside `root`, never `root` itself:
                    // once an interrupted run removed it, no file comes back.
                    let mut dir = root.clone();
                    for c in rel.parent().into_iter().flat_map(Path::components) {
                        dir.push(c);
                        match fs::create_dir(&dir) {
                            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                                return Err(e)
                            }
                            _ => {}
                        }
                    }
                    let mut f = BufWriter::with_capacity(1 << 20, fs::File::create(&path)?);
                    fill(&mut f)?;
                    f.into_inner().map_err(|e| e.into_error())?.sync_all()
                };
                write().map_err(|e| {
                    Error::input(
                        out.join(&rel),
                        0,
                        format!("cannot write: {e}; {} was left as it was", out.display()),
                    )
                })?;
                written.lock().unwrap_or_else(|e| e.into_inner()).push(rel);
                Ok(())
            }
        }
    }

    /// Files added so far.
    pub fn len(&self) -> usize {
        self.paths().len()
    }

    /// The relative paths of the files added so far, sorted, with `/`
    /// separators.
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = match self {
            Sink::Memory(files) => files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .keys()
                .map(|p| slashed(p))
                .collect(),
            Sink::Folder { written, .. } => written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
                .map(|p| slashed(p))
                .collect(),
        };
        v.sort();
        v
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The files of a `memory()` sink.
    pub fn into_files(self) -> Files {
        match self {
            Sink::Memory(files) => files.into_inner().unwrap_or_else(|e| e.into_inner()),
            Sink::Folder { .. } => Files::new(),
        }
    }
}

/// Writes what `fill` puts in the sink as the complete contents of `out`,
/// replacing what was there; returns the number of files. Every file is
/// flushed to disk before the swap; on any error (a full disk included) `out`
/// is left as it was and the temporary folder is removed.
///
/// `before_swap` runs right before the swap, in turn with other runs writing
/// beside `out` (the report checks there that `out` still holds nothing but an
/// earlier report: another run may have swapped its own in meanwhile, which is
/// fine, or a file may have been added, which the swap would delete).
pub fn write_atomically_with(
    out: &Path,
    fill: impl FnOnce(&Sink) -> Result<()>,
    before_swap: impl FnOnce() -> Result<()>,
) -> Result<usize> {
    if out.exists() && !out.is_dir() {
        check_writable(out)?;
    }
    let (parent, name) = parent_and_name(out);
    create_parent(&parent, out)?;
    let cannot = |e: std::io::Error| {
        Error::input(
            out,
            0,
            format!("cannot write: {e}; {} was left as it was", out.display()),
        )
    };
    // Runs writing beside `out` take turns to clean up what killed runs left
    // and to swap their reports in (the analysis and the writing of each run's
    // own temporary folder go on at the same time).
    let tmp = {
        let _turn = interrupt::lock_folder(&parent);
        interrupt::clean_leftovers(&parent, &name, out);
        let mut active = interrupt::active();
        let tmp = unique(&parent, &format!(".{name}.tmp"));
        fs::create_dir(&tmp).map_err(cannot)?;
        active.push(tmp.clone());
        tmp
    };
    let sink = Sink::Folder {
        root: tmp.clone(),
        out: out.to_path_buf(),
        written: Mutex::new(Vec::new()),
    };
    let result = fill(&sink).and_then(|_| {
        let _turn = interrupt::lock_folder(&parent);
        before_swap()?;
        swap_into_place(&tmp, out, &parent, &name)
    });
    if result.is_err() {
        let mut active = interrupt::active();
        interrupt::remove_all(&tmp);
        active.retain(|p| p != &tmp);
    }
    result.map(|_| sink.len())
}

/// Writes `files` as the complete contents of `out` (see [`write_atomically_with`]).
pub fn write_atomically(out: &Path, files: &Files) -> Result<()> {
    write_atomically_with(
        out,
        |sink| {
            for (rel, bytes) in files {
                sink.put(rel, bytes)?;
            }
            Ok(())
        },
        || Ok(()),
    )
    .map(|_| ())
}

fn unique(parent: &Path, stem: &str) -> PathBuf {
    let pid = std::process::id();
    (0u32..)
        .map(|k| parent.join(format!("{stem}-{pid}-{k}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| parent.join(stem))
}

/// Moves `tmp` (registered in [`interrupt::active`]) to `out`, replacing it:
/// two renames, which a signal cannot split (it waits for the registry), then
/// the previous reports are deleted (registered meanwhile, so that an
/// interrupted run still removes them).
fn swap_into_place(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    let mut active = interrupt::active();
    active.retain(|p| p != tmp);
    if !out.exists() {
        return fs::rename(tmp, out).map_err(|e| {
            active.push(tmp.to_path_buf());
            Error::io(out, e)
        });
    }
    let old = unique(parent, &format!(".{name}.old"));
    if let Err(e) = fs::rename(out, &old) {
        active.push(tmp.to_path_buf());
        return Err(Error::io(out, e));
    }
    if let Err(e) = fs::rename(tmp, out) {
        // Put the previous reports back before failing.
        let _ = fs::rename(&old, out);
        active.push(tmp.to_path_buf());
        return Err(Error::io(out, e));
    }
    active.push(old.clone());
    drop(active);
    let removed = fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e));
    interrupt::active().retain(|p| p != &old);
    removed
}

/// The files of `out` that differ from `files`: changed, missing or extra.
pub fn stale_files(out: &Path, files: &Files) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    for (rel, bytes) in files {
        // A regular file of the same size is read and compared; anything else
        // (a FIFO there would block a plain read) differs.
        let path = out.join(rel);
        let same = match fs::metadata(&path) {
            Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => Some(
                crate::corpus::read_regular_file(&path, m.len()).is_ok_and(|old| &old == bytes),
            ),
            Ok(_) => Some(false),
            Err(_) => None,
        };
        match same {
            Some(true) => {}
            Some(false) => stale.push(format!("{} (differs)", rel.display())),
            None => stale.push(format!("{} (missing)", rel.display())),
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
    fn checking_leaves_nothing_behind() {
        let d = tempfile::tempdir().unwrap();
        check_writable(&d.path().join("a/b/reports")).unwrap();
        check_writable(&d.path().join("reports")).unwrap();
        let names: Vec<_> = fs::read_dir(d.path()).unwrap().collect();
        assert!(names.is_empty(), "{names:?}");
        fs::write(d.path().join("f"), "x").unwrap();
        let e = check_writable(&d.path().join("f/a/reports")).unwrap_err();
        assert!(e.to_string().contains("is a file"), "{e}");
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
