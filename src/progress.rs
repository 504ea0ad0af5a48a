//! Progress on a terminal: while the corpus is read, a bar with the bytes and
//! articles read, the rate and the time left (the size of a corpus file or
//! folder is known up front; standard input gets a spinner with the counts);
//! then a one-line summary of each later stage that takes over a second.
//! Only when stderr is a terminal and `--quiet` is not given: the binary calls
//! [`enable`] with [`wanted`]; the library shows nothing otherwise, so logs,
//! pipes, CI and library users stay clean.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether to show progress: stderr is a terminal and `--quiet` is off.
pub fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Turns progress on or off for the rest of the run (off by default).
pub fn enable(on: bool) {
    SHOWN.store(on, Ordering::Relaxed);
}

/// Whether progress is shown.
pub fn shown() -> bool {
    SHOWN.load(Ordering::Relaxed)
}

/// Stages shorter than this get no line.
const STAGE_MIN: Duration = Duration::from_secs(1);

/// The bar of one read of the corpus (hidden when progress is off).
pub struct Reading {
    bar: ProgressBar,
    articles: u64,
}

impl Reading {
    /// A bar over the corpus at `path` (a spinner for standard input), or a
    /// hidden one when progress is off.
    pub fn start(path: &Path) -> Reading {
        if !shown() {
            return Reading {
                bar: ProgressBar::hidden(),
                articles: 0,
            };
        }
        let total = (path != Path::new(crate::corpus::STDIN)).then(|| size_of(path));
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
                .with_style(style(
                    "{spinner} reading {bytes}/{total_bytes} [{wide_bar}] {msg}, {bytes_per_sec}, {eta} left",
                )),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                .with_style(style("{spinner} reading {bytes}, {msg}, {bytes_per_sec}")),
        };
        bar.set_message("0 articles");
        bar.enable_steady_tick(Duration::from_millis(200));
        Reading { bar, articles: 0 }
    }

    /// One batch read: `bytes` of article text, `articles` articles.
    pub fn advance(&mut self, bytes: u64, articles: u64) {
        self.articles += articles;
        self.bar.inc(bytes);
        if !self.bar.is_hidden() {
            self.bar.set_message(format!("{} articles", self.articles));
        }
    }

    /// The read is over: the bar is replaced by a one-line summary.
    pub fn finish(self) {
        if self.bar.is_hidden() {
            return;
        }
        let line = format!(
            "read {} articles ({} of text) in {}",
            self.articles,
            indicatif::HumanBytes(self.bar.position()),
            seconds(self.bar.elapsed())
        );
        self.bar.finish_and_clear();
        crate::diag::eprint(&line);
    }
}

/// A later stage: prints `framelens: <what> in <time>` when progress is shown
/// and the stage took at least a second.
pub fn stage(what: &str, started: Instant) {
    let took = started.elapsed();
    if shown() && took >= STAGE_MIN {
        crate::diag::eprint(&format!("{what} in {}", seconds(took)));
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// Bytes of the regular files under `path` (or of the file itself): the
/// bar's total. Unreadable entries count 0 (the read reports them).
fn size_of(path: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    if !meta.is_dir() {
        return 0;
    }
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(t) if t.is_file() => total += e.metadata().map_or(0, |m| m.len()),
                _ => {}
            }
        }
    }
    total
}
