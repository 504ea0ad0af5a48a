//! `framelens generate`: a synthetic corpus for benchmarks (see `crate::generate`).

use std::io::Write;

use super::Warnings;
use crate::error::Result;
use crate::generate::{generate, GenerateOptions};
use crate::output::doc::stdout_err;

pub fn run(opts: &GenerateOptions, out: &mut dyn Write) -> Result<Warnings> {
    let s = generate(opts)?;
    writeln!(
        out,
        "wrote {} articles, {} bytes of text, {} sources (seed {}) to {}",
        s.articles,
        s.bytes,
        s.sources.len(),
        opts.seed,
        s.path.display()
    )
    .map_err(stdout_err)?;
    Ok(Vec::new())
}
