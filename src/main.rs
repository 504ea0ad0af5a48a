//! The framelens binary: parse arguments, run the library, print errors.
//! Exit codes: 0 success (a closed pipe included), 1 error, 2 bad usage.

#![forbid(unsafe_code)]

use std::io::{BufWriter, Write};
use std::process::ExitCode;

mod cli;

use cli::{run, Cli};
use framelens::diag;
use framelens::error::Error;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    // The pipeline runs its own pool of `--threads`; the statistics after it
    // (per-source merges, bootstrap resampling) use rayon's global pool, so
    // that one gets the same size. It can only be set once, before any use.
    if let Some(n) = cli.threads() {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    // A progress bar and stage lines on stderr, only on a terminal.
    framelens::progress::enable(framelens::progress::wanted(cli.quiet()));
    let mut out = BufWriter::with_capacity(1 << 16, diag::Stdout::lock());
    let result = run(&cli, &mut out)
        .and_then(|r| out.flush().map(|_| r).map_err(|e| Error::io("<stdout>", e)));
    match result {
        Ok((warnings, show)) => {
            if show {
                for w in &warnings {
                    diag::warn(&w.to_string());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            diag::eprint(&e.to_string());
            ExitCode::from(if matches!(e, Error::Usage(_)) { 2 } else { 1 })
        }
    }
}

/// Whether the error is a closed stdout (`| head`), also when a serializer
/// wrapped the I/O error (`io::Error::other(serde_json::Error)` has kind Other).
fn is_broken_pipe(e: &Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    let Error::Io { source, .. } = e else {
        return false;
    };
    if source.kind() == BrokenPipe {
        return true;
    }
    let mut inner: Option<&(dyn std::error::Error + 'static)> = source
        .get_ref()
        .map(|e| e as &(dyn std::error::Error + 'static));
    while let Some(err) = inner {
        if err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || err
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
        {
            return true;
        }
        inner = err.source();
    }
    false
}
