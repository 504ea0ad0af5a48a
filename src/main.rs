//! The framelens binary: parse arguments, run the library, print errors.
//! Exit codes: 0 success (a closed pipe included), 1 error, 2 bad usage.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use framelens::cli::{run, Cli};
use framelens::error::Error;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = run(&cli, &mut out)
        .and_then(|r| out.flush().map(|_| r).map_err(|e| Error::io("<stdout>", e)));
    match result {
        Ok((warnings, show)) => {
            if show {
                for w in &warnings {
                    eprintln!("framelens: warning: {w}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("framelens: {e}");
            ExitCode::from(if matches!(e, Error::Usage(_)) { 2 } else { 1 })
        }
    }
}
