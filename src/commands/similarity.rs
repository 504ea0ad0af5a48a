//! `framelens similarity`: how alike the sources' vocabularies are. Cosine of the
//! sources' TF-IDF vectors (scikit-learn variant, L2-normalized, so cosine = dot
//! product) and Jensen–Shannon divergence (base 2, in [0, 1]) of their term
//! distributions. Formulas in `stats::similarity`.

use std::io::Write;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{csv_err, stdout_err, AnalyzerInfo, Warnings, SCHEMA_VERSION};
use crate::count::CorpusCounts;
use crate::error::Result;
use crate::output::{csv_writer, printable, write_json, Align, Format, Table};
use crate::pipeline::{self, Config};
use crate::stats::similarity::{cosine_matrix, jsd_matrix};
use crate::stats::tfidf::{weigh, TfidfOptions};

/// Both matrices, rows and columns in `sources` order.
#[derive(Debug, Clone, Serialize)]
pub struct Similarity {
    pub sources: Vec<String>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub cosine_tfidf: Vec<Vec<f64>>,
    #[serde(serialize_with = "crate::output::one_row_per_line")]
    pub jsd: Vec<Vec<f64>>,
}

/// One cell, for CSV.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarityRow<'a> {
    pub source_a: &'a str,
    pub source_b: &'a str,
    pub cosine_tfidf: f64,
    pub jsd: f64,
}

pub fn compute(counts: &CorpusCounts) -> Similarity {
    // Term ids are ranks in string order, so the sums below run in the same
    // order on every run (and as they did with a sorted map).
    let mut vocab: Vec<&str> = counts
        .sources
        .values()
        .flat_map(|c| c.terms.keys().map(String::as_str))
        .collect();
    vocab.par_sort_unstable();
    vocab.dedup();
    let ids: FxHashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, &t)| (t, i as u32))
        .collect();
    let sources: Vec<_> = counts.sources.values().collect();
    let rows: Vec<Vec<(u32, u64)>> = sources
        .par_iter()
        .map(|c| {
            let mut r: Vec<(u32, u64)> =
                c.terms.iter().map(|(t, &n)| (ids[t.as_str()], n)).collect();
            r.sort_unstable();
            r
        })
        .collect();
    let mut df = vec![0u64; vocab.len()];
    for r in &rows {
        for &(t, _) in r {
            df[t as usize] += 1;
        }
    }
    let (cosine_tfidf, jsd) = rayon::join(
        || {
            let weighted: Vec<Vec<(u32, f64)>> = weigh(&rows, &df, &TfidfOptions::default())
                .into_iter()
                .map(|cells| cells.into_iter().map(|c| (c.term, c.weight)).collect())
                .collect();
            cosine_matrix(&weighted)
        },
        || jsd_matrix(&rows),
    );
    Similarity {
        sources: counts.sources.keys().cloned().collect(),
        cosine_tfidf,
        jsd,
    }
}

pub fn run(config: &Config, format: Format, out: &mut dyn Write) -> Result<Warnings> {
    let counted = pipeline::count(config, false)?;
    let sim = compute(&counted.counts);
    let n = sim.sources.len();
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for i in 0..n {
                for j in 0..n {
                    w.serialize(SimilarityRow {
                        source_a: &sim.sources[i],
                        source_b: &sim.sources[j],
                        cosine_tfidf: sim.cosine_tfidf[i][j],
                        jsd: sim.jsd[i][j],
                    })
                    .map_err(csv_err)?;
                }
            }
            w.flush().map_err(stdout_err)?;
        }
        Format::Json => write_json(
            out,
            &serde_json::json!({
                "schema_version": SCHEMA_VERSION,
                "command": "similarity",
                "cosine_tfidf": "cosine of the sources' TF-IDF vectors (sklearn variant: tf = count, idf = ln((1+n)/(1+df))+1, L2 norm)",
                "jsd": "Jensen–Shannon divergence of the term distributions, log base 2 (0 = identical, 1 = disjoint)",
                "analyzer": AnalyzerInfo::new(&config.analyzer),
                "similarity": sim,
            }),
        )
        .map_err(stdout_err)?,
        Format::Table => {
            for (title, m, note) in [
                ("Cosine similarity of TF-IDF vectors (sklearn variant)", &sim.cosine_tfidf, "1 = same weighted vocabulary"),
                ("Jensen–Shannon divergence of term distributions (log2)", &sim.jsd, "0 = identical, 1 = disjoint"),
            ] {
                writeln!(out, "{title}; {note}").map_err(stdout_err)?;
                let mut headers: Vec<(&str, Align)> = vec![("", Align::Left)];
                let short: Vec<String> = (1..=n).map(|k| format!("[{k}]")).collect();
                headers.extend(short.iter().map(|s| (s.as_str(), Align::Right)));
                let mut t = Table::new(&headers);
                for (i, (source, values)) in sim.sources.iter().zip(m.iter()).enumerate() {
                    let mut row = vec![format!("[{}] {}", i + 1, printable(source))];
                    row.extend(values.iter().map(|v| format!("{v:.3}")));
                    t.row(row);
                }
                t.write(out).map_err(stdout_err)?;
                writeln!(out).map_err(stdout_err)?;
            }
        }
    }
    Ok(counted.read.warnings)
}
