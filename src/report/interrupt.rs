//! The temporary folders of a report being written, and what is left of them
//! when a run does not finish.
//!
//! - Interrupted (SIGINT, SIGTERM, SIGHUP): a thread that waits for those
//!   signals (installed with the first temporary folder, `signal-hook`: no
//!   unsafe code here) removes the folders registered in [`active`], then ends
//!   the process the way the signal would have. The folders are registered
//!   under the same lock as the swap into place, so a signal never splits the
//!   swap: it waits for it, and removes what is left (the previous reports'
//!   folder, being deleted).
//! - Killed outright (SIGKILL, a crash, a power cut): nothing can run, so the
//!   next run removes what an earlier run left beside `--out`
//!   ([`clean_leftovers`]): the folders named `.<name>.tmp-PID-K`,
//!   `.<name>.old-PID-K` and `.<name>.probe-PID-K` whose process is gone.
//!   A run killed between the two renames of the swap leaves `--out` missing
//!   and the previous reports in `.<name>.old-PID-K`: those are put back.
//!   Whether a process is gone is read from `/proc` (Linux): elsewhere, or for
//!   a run in another PID namespace (a container sharing the folder), leftovers
//!   are kept rather than risk removing a live run's folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// Temporary folders to remove if the process is interrupted.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry of temporary folders, locked; the first call starts the
/// thread that cleans up on a signal.
pub(crate) fn active() -> MutexGuard<'static, Vec<PathBuf>> {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(install);
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        // Without the handler an interrupted run leaves its folder to the next run.
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("framelens-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let folders = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
                for dir in folders.iter() {
                    remove_all(dir);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                // Not reached: the default action of these signals ends the process.
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}

#[cfg(not(unix))]
fn install() {}

/// Removes `dir` and everything in it, again while other threads of this
/// process may still be adding files to it (they cannot add the folder itself
/// back: see `Sink::stream`).
pub(crate) fn remove_all(dir: &Path) {
    for _ in 0..1000 {
        match fs::remove_dir_all(dir) {
            Ok(()) => return,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(_) => std::thread::yield_now(),
        }
    }
}

/// What a leftover folder beside `--out` was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A report being written.
    Tmp,
    /// The previous reports, moved aside during the swap.
    Old,
    /// `check_writable`'s test folder.
    Probe,
}

/// The kind and process of a folder named `.<name>.<kind>-PID-K`.
fn leftover(file_name: &str, name: &str) -> Option<(Kind, u32)> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let (kind, rest) = rest.split_once('-')?;
    let kind = match kind {
        "tmp" => Kind::Tmp,
        "old" => Kind::Old,
        "probe" => Kind::Probe,
        _ => return None,
    };
    let (pid, k) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(k) {
        return None;
    }
    Some((kind, pid.parse().ok()?))
}

/// Whether process `pid` is certainly gone (`false` when it cannot be told).
fn gone(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Removes (or, for the previous reports of a swap cut short, puts back) what
/// runs that are gone left beside `out` (`parent/name`). Call it holding the
/// lock on `parent`. Errors are ignored: a leftover that cannot be removed
/// stays, as it would without this.
pub(crate) fn clean_leftovers(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut found: Vec<(Kind, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let file_name = e.file_name();
            let (kind, pid) = leftover(file_name.to_str()?, name)?;
            (gone(pid) && e.file_type().is_ok_and(|t| t.is_dir())).then(|| (kind, e.path()))
        })
        .collect();
    found.sort();
    for (kind, path) in found {
        if kind == Kind::Old && !out.exists() && fs::rename(&path, out).is_ok() {
            continue;
        }
        remove_all(&path);
    }
}

/// An exclusive lock on the folder `dir` (held until the file is dropped):
/// `report` runs writing into one folder take turns to clean up and to swap
/// their reports into place. `None` if the folder cannot be opened or locked
/// (then the run goes on without it).
pub(crate) fn lock_folder(dir: &Path) -> Option<fs::File> {
    let f = fs::File::open(dir).ok()?;
    f.lock().ok()?;
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names() {
        assert_eq!(
            leftover(".reports.tmp-123-0", "reports"),
            Some((Kind::Tmp, 123))
        );
        assert_eq!(
            leftover(".reports.old-9-12", "reports"),
            Some((Kind::Old, 9))
        );
        assert_eq!(
            leftover(".reports.probe-9-0", "reports"),
            Some((Kind::Probe, 9))
        );
        for other in [
            "reports",
            ".reports.tmp-123",
            ".reports.tmp-x-0",
            ".other.tmp-1-0",
            ".reports.tmp-1-0x",
            ".reports.lock",
        ] {
            assert_eq!(leftover(other, "reports"), None, "{other}");
        }
        assert!(!gone(std::process::id()));
    }
}
