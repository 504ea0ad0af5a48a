//! `data/*.csv` (tidy: one row per observation) and `analysis.json`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::model::Report;
use super::write::Sink;
use crate::error::Result;

/// One CSV file: its name, what a row is, and its columns.
pub struct CsvDoc {
    pub file: &'static str,
    pub row: &'static str,
    pub columns: &'static str,
}

/// The CSV files, documented (also written as `data/README.md`).
pub const CSV_DOCS: &[CsvDoc] = &[
    CsvDoc { file: "sources.csv", row: "a source", columns: "source (folder id), name, url, language, notes, articles, words (WC: word tokens, stopwords included), terms (distinct terms), term_tokens (terms counted)" },
    CsvDoc { file: "articles.csv", row: "an article (sorted by source, then article id with numbers in numeric order)", columns: "article (id), source, title, date, author, url (as the article states them), words, sentences" },
    CsvDoc { file: "terms.csv", row: "a term in a source", columns: "source, term (stem), display (most frequent surface form in the source), count, per_1000 (1000·count/words), doc_freq (articles of the source containing it)" },
    CsvDoc { file: "surface_forms.csv", row: "a surface form of a term, corpus-wide", columns: "term, display, form, count" },
    CsvDoc { file: "tfidf.csv", row: "a term in a source", columns: "source, term, display, count, df (sources containing it), tf, idf, weight (sklearn variant, L2-normalized)" },
    CsvDoc { file: "keyness.csv", row: "a term tested in a source-vs-rest comparison", columns: "target, reference, term, display, direction (over/under), target_count, reference_count, target_per_1000, reference_per_1000, target_words, reference_words, g2 (signed), g2_williams, p, p_adj (Benjamini–Hochberg), chi2 (signed, conditional Yates), log_ratio, log_odds (Monroe et al. δ), z" },
    CsvDoc { file: "similarity.csv", row: "a pair of sources", columns: "source_a, source_b, cosine_tfidf, jsd (Jensen–Shannon divergence, log2)" },
    CsvDoc { file: "lexicon_scores.csv", row: "a lexicon category in a source or an article", columns: "unit_type (source/article), unit, wc, category, hits, covered (words covered), per_1000, per_1000_lo, per_1000_hi (bootstrap CI), percent (LIWC-style), percent_lo, percent_hi, weighted_per_1000, rest_hits, rest_wc, rest_per_1000, g2 (signed, vs the rest), p" },
    CsvDoc { file: "lexicon_voice.csv", row: "a category × voice in a source", columns: "source, category, voice (own/quoted/scare/distanced), hits, per_1000, share (of the category's hits)" },
    CsvDoc { file: "lexicon_actors.csv", row: "a category × target actor in a source", columns: "source, category, actor (empty: no actor named in the sentence), hits, per_1000" },
    CsvDoc { file: "lexicon_hits.csv", row: "a lexicon hit (sorted by source, article id, position)", columns: "source, article, sentence, start, end (byte span in the article file), category, entry, surface, form, voice, target" },
    CsvDoc { file: "kwic.csv", row: "a concordance line of a lexicon hit: a sample, the first 50 per source × category in (article id, position) order (every hit is in lexicon_hits.csv; `framelens kwic` gives the full concordance)", columns: "source, article, sentence, start, end, voice, category, target (nearest actor named in the sentence), left, match, right" },
    CsvDoc { file: "lexicon_audit.csv", row: "a lexicon entry × matched form in a source", columns: "unit (source), category, entry, form, count" },
];

/// Rows to write as CSV (lazily: written straight to the file).
struct Csv<I>(I);

/// Writes `data/<name>`: a header row, then one row per item.
fn put<T: Serialize, I: IntoIterator<Item = T>>(
    out: &Sink,
    name: &str,
    rows: Csv<I>,
) -> Result<()> {
    out.stream(PathBuf::from("data").join(name), |w| {
        let mut w = csv::WriterBuilder::new().has_headers(true).from_writer(w);
        for r in rows.0 {
            w.serialize(r).map_err(std::io::Error::other)?;
        }
        w.flush()
    })
}

#[derive(Serialize)]
struct ScoreRow<'a> {
    unit_type: &'static str,
    unit: &'a str,
    wc: u64,
    category: &'a str,
    hits: u64,
    covered: u64,
    per_1000: f64,
    per_1000_lo: Option<f64>,
    per_1000_hi: Option<f64>,
    percent: f64,
    percent_lo: Option<f64>,
    percent_hi: Option<f64>,
    weighted_per_1000: f64,
    rest_hits: u64,
    rest_wc: u64,
    rest_per_1000: f64,
    g2: f64,
    p: f64,
}

#[derive(Serialize)]
struct VoiceRow<'a> {
    source: &'a str,
    category: &'a str,
    voice: &'static str,
    hits: u64,
    per_1000: f64,
    share: f64,
}

#[derive(Serialize)]
struct ActorRow<'a> {
    source: &'a str,
    category: &'a str,
    actor: &'a str,
    hits: u64,
    per_1000: f64,
}

pub fn files(report: &Report, out: &Sink) -> Result<()> {
    put(out, "sources.csv", Csv(&report.corpus.sources))?;
    put(out, "articles.csv", Csv(&report.corpus.articles))?;
    put(out, "terms.csv", Csv(&report.terms))?;
    put(out, "surface_forms.csv", Csv(&report.surface_forms))?;
    put(out, "tfidf.csv", Csv(&report.tfidf.rows))?;
    put(
        out,
        "keyness.csv",
        Csv(report
            .keyness
            .comparisons
            .iter()
            .flat_map(|c| c.over.iter().chain(&c.under))),
    )?;
    put(out, "similarity.csv", Csv(report.similarity.rows()))?;
    lexicon_files(report, out)?;
    let mut doc = String::from("# Data files\n\nTidy CSV: one row per observation, a header row, UTF-8, RFC 4180 quoting. Floats are written in their shortest round-trip form. `analysis.json` (beside this folder) holds all of it with a `schema_version`, each table row on one line.\n\n| file | one row is | columns |\n|---|---|---|\n");
    for d in CSV_DOCS {
        doc.push_str(&format!("| `{}` | {} | {} |\n", d.file, d.row, d.columns));
    }
    out.put(PathBuf::from("data").join("README.md"), doc.as_bytes())
}

/// The lexicon's tables: scores by source and article, voices, targets,
/// hits, the KWIC sample, the audit.
fn lexicon_files(report: &Report, out: &Sink) -> Result<()> {
    let lex = &report.lexicon;
    let scores = [("source", &lex.by_source), ("article", &lex.by_article)]
        .into_iter()
        .flat_map(|(kind, s)| {
            s.units.iter().flat_map(move |u| {
                u.categories.iter().map(move |c| ScoreRow {
                    unit_type: kind,
                    unit: &u.unit,
                    wc: u.wc,
                    category: &c.category,
                    hits: c.hits,
                    covered: c.covered,
                    per_1000: c.per_1000,
                    per_1000_lo: c.per_1000_ci.map(|x| x.0),
                    per_1000_hi: c.per_1000_ci.map(|x| x.1),
                    percent: c.percent,
                    percent_lo: c.percent_ci.map(|x| x.0),
                    percent_hi: c.percent_ci.map(|x| x.1),
                    weighted_per_1000: c.weighted_per_1000,
                    rest_hits: c.rest_hits,
                    rest_wc: c.rest_wc,
                    rest_per_1000: c.rest_per_1000,
                    g2: c.g2,
                    p: c.p,
                })
            })
        });
    put(out, "lexicon_scores.csv", Csv(scores))?;
    put(
        out,
        "lexicon_voice.csv",
        Csv(lex.by_source.units.iter().flat_map(|u| {
            u.categories.iter().flat_map(move |c| {
                c.voices.iter().map(move |v| VoiceRow {
                    source: &u.unit,
                    category: &c.category,
                    voice: v.voice.as_str(),
                    hits: v.hits,
                    per_1000: v.per_1000,
                    share: v.share,
                })
            })
        })),
    )?;
    put(
        out,
        "lexicon_actors.csv",
        Csv(lex.by_source.units.iter().flat_map(|u| {
            u.categories.iter().flat_map(move |c| {
                c.actors.iter().map(move |a| ActorRow {
                    source: &u.unit,
                    category: &c.category,
                    actor: a.actor.as_deref().unwrap_or(""),
                    hits: a.hits,
                    per_1000: a.per_1000,
                })
            })
        })),
    )?;
    put(out, "lexicon_hits.csv", Csv(&lex.hits))?;
    put(out, "kwic.csv", Csv(&lex.kwic))?;
    put(out, "lexicon_audit.csv", Csv(&lex.audit))?;

    Ok(())
}

/// `analysis.json`: the whole report, serialized straight to the file; table
/// fields are marked `one_row_per_line` in the model.
pub fn json(report: &Report, out: &Sink) -> Result<()> {
    out.stream("analysis.json", |w| {
        // serde_json writes in small pieces: buffer them here, not through `dyn Write`.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer_pretty(&mut w, report)?;
        w.write_all(b"\n")?;
        w.flush()
    })
}
