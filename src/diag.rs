//! What framelens prints to the terminal besides its output: errors, warnings
//! and notes on standard error, and the check that standard output is open.
//!
//! - Every message goes through [`message`]: control characters (a file or
//!   folder name holding `ESC ] 0 ; … BEL` would retitle the terminal, `ESC [ 2 J`
//!   clear it) are written as Rust escapes (`\u{1b}`), visibly, so the file can
//!   still be found; a newline is kept (a message may list several files, one a
//!   line).
//! - Writing to standard error never fails the run and never panics: a closed or
//!   full stderr (`2>&-`, `2>/dev/full`, `2>&1 | head -1`) loses the message,
//!   nothing else (`eprintln!` would panic).
//! - A closed standard output (`>&-`) does not drop the output silently:
//!   [`Stdout`] warns once, on the first write, that the output is discarded.
//!   It cannot be told from `/dev/null` opened read-write (Python's
//!   `subprocess.DEVNULL`, `1<>/dev/null`), which the Rust runtime also puts in
//!   place of a closed descriptor, so it is a warning and not an error: a
//!   program that discards the output on purpose keeps working. A pipe closed
//!   early (`| head`) is not reported: the caller treats `BrokenPipe` as success.

use std::io::{self, Write};
use std::sync::OnceLock;

/// `text` with every control character but `\n` escaped (`\u{1b}`, `\t`, `\r`).
pub fn message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints `framelens: <text>` and a newline on standard error, escaped
/// ([`message`]); a failed write is ignored.
pub fn eprint(text: &str) {
    let line = format!("framelens: {}\n", message(text));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// Prints `framelens: warning: <text>` (see [`eprint`]).
pub fn warn(text: &str) {
    eprint(&format!("warning: {text}"));
}

/// Whether standard output was closed when framelens started (`>&-`).
///
/// The Rust runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null`
/// (read-write) before `main`, so writes to a closed stdout would succeed and go
/// nowhere. A shell's `>/dev/null` opens it write-only: on Linux the open mode
/// in `/proc/self/fdinfo/1` tells the two apart. Elsewhere this is `false`.
pub fn stdout_closed() -> bool {
    static CLOSED: OnceLock<bool> = OnceLock::new();
    *CLOSED.get_or_init(|| {
        if !cfg!(target_os = "linux") {
            return false;
        }
        let is_null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|t| t == std::path::Path::new("/dev/null"));
        if !is_null {
            return false;
        }
        const O_ACCMODE: u32 = 0o3;
        const O_RDWR: u32 = 0o2;
        std::fs::read_to_string("/proc/self/fdinfo/1")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("flags:"))
                    .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            })
            .is_some_and(|flags| flags & O_ACCMODE == O_RDWR)
    })
}

/// Warns, once per run, that the output goes nowhere (see [`stdout_closed`]).
fn warn_discarded() {
    static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        warn("standard output is closed (>&-), or /dev/null opened read-write: the output is discarded (redirect it with > /dev/null to discard it without this warning)");
    }
}

/// Standard output that warns on its first write when it was closed at start
/// ([`stdout_closed`]) instead of writing into nothing without a word.
pub struct Stdout<W> {
    inner: W,
}

impl Stdout<io::StdoutLock<'static>> {
    /// The locked standard output.
    pub fn lock() -> Self {
        Stdout {
            inner: io::stdout().lock(),
        }
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if stdout_closed() {
            warn_discarded();
            return Ok(buf.len());
        }
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if stdout_closed() {
            warn_discarded();
            return Ok(());
        }
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_visibly_but_newlines_kept() {
        assert_eq!(
            message("a/\u{1b}]0;PWNED\u{7}\u{1b}[2J.txt: x\n  y\tz\r\u{85}é"),
            "a/\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J.txt: x\n  y\\tz\\r\\u{85}é"
        );
        assert_eq!(message("plain"), "plain");
    }
}
