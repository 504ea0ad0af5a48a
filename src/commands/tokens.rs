//! `framelens tokens`: one JSON line per article with exactly the terms that are
//! counted (stems after stopword removal, and n-grams when enabled), in text order.
//! This is the token stream the scikit-learn comparison is fed.

use std::io::Write;

use super::Warnings;
use crate::error::Result;
use crate::output::doc::stdout_err;
use crate::pipeline::{for_each_article, Config};

#[derive(serde::Serialize)]
struct Line<'a> {
    id: &'a str,
    source: &'a str,
    terms: Vec<String>,
}

pub fn run(config: &Config, out: &mut dyn Write) -> Result<Warnings> {
    let mut failed: Option<std::io::Error> = None;
    let read = for_each_article(
        config,
        |_, an, analyzed| an.terms(analyzed),
        |a, terms| {
            if failed.is_some() {
                return;
            }
            let line = Line {
                id: &a.id,
                source: &a.source,
                terms,
            };
            let r = serde_json::to_writer(&mut *out, &line)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out));
            if let Err(e) = r {
                failed = Some(e);
            }
        },
    )?;
    if let Some(e) = failed {
        return Err(stdout_err(e));
    }
    Ok(read.warnings)
}
