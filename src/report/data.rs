//! `data/*.csv` (tidy: one row per observation, every row) and `analysis.json`
//! (what the report shows, bounded).
//!
//! The full tables are written while the report is built ([`Tables`]): each
//! as its rows are made, a chunk of rows rendered per thread and the chunks
//! written in order, so no table is ever held whole. What a table's rows cost
//! in memory is at most one source's (terms, TF-IDF), one round of
//! comparisons (keyness, a round is as many comparisons as threads), or one
//! chunk (articles, surface forms, warnings). Each table's file, row count
//! and columns go into `analysis.json` (`tables`).

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::model::{Report, TableInfo};
use super::write::Sink;
use crate::error::{Error, Result};
use crate::output::doc::{write_csv_rows, Rows};

/// One CSV file: its name, what a row is, its columns (the header, in order)
/// and what they mean.
pub struct CsvDoc {
    pub file: &'static str,
    pub row: &'static str,
    pub columns: &'static [&'static str],
    pub about: &'static str,
}

/// The CSV files, documented (also written as `data/README.md`).
/// The columns of `keyness.csv` and `keyness_groups.csv`.
const KEYNESS_COLUMNS: &[&str] = &[
    "target",
    "reference",
    "term",
    "display",
    "direction",
    "target_count",
    "reference_count",
    "target_per_1000",
    "reference_per_1000",
    "target_words",
    "reference_words",
    "denominator",
    "g2",
    "g2_williams",
    "p",
    "p_adj",
    "p_from",
    "chi2",
    "log_ratio",
    "log_odds",
    "z",
    "target_docs",
    "reference_docs",
    "target_articles",
    "reference_articles",
    "doc_g2",
    "doc_log_ratio",
    "lrc",
    "top_article_share",
    "carried_by_one_article",
    "welch_t",
    "welch_df",
    "welch_p",
    "welch_p_adj",
    "dp",
    "dp_norm",
    "perm_p",
    "perm_p_adj",
    "perm_draws",
    "perm_exact",
    "perm_at_cap",
];

/// The columns of `lexicon_scores.csv` and `lexicon_groups.csv`.
const LEXICON_SCORE_COLUMNS: &[&str] = &[
    "unit_type",
    "unit",
    "wc",
    "category",
    "hits",
    "covered",
    "per_1000",
    "per_1000_lo",
    "per_1000_hi",
    "percent",
    "percent_lo",
    "percent_hi",
    "ci_method",
    "weighted_per_1000",
    "rest_hits",
    "rest_wc",
    "rest_per_1000",
    "g2",
    "p",
];

pub const CSV_DOCS: &[CsvDoc] = &[
    CsvDoc { file: "sources.csv", row: "a source", columns: &["source", "name", "url", "language", "notes", "group", "articles", "words", "terms", "term_tokens"], about: "source (folder id), name, url, language, notes, group (empty: none), articles, words (WC: word tokens, stopwords included), terms (distinct terms), term_tokens (terms counted)" },
    CsvDoc { file: "articles.csv", row: "an article (sorted by source, then article id with numbers in numeric order)", columns: &["article", "source", "title", "date", "author", "url", "words", "sentences"], about: "article (id), source, title, date, author, url (as the article states them), words, sentences" },
    CsvDoc { file: "terms.csv", row: "a term in a source (by source, most frequent first)", columns: &["source", "term", "display", "count", "per_1000", "doc_freq"], about: "source, term (stem), display (most frequent surface form in the source), count, per_1000 (1000·count/words), doc_freq (articles of the source containing it)" },
    CsvDoc { file: "surface_forms.csv", row: "a surface form of a term, corpus-wide", columns: &["term", "display", "form", "count"], about: "term, display, form, count" },
    CsvDoc { file: "tfidf.csv", row: "a term in a source (by source, highest weight first)", columns: &["source", "term", "display", "count", "df", "tf", "idf", "weight"], about: "source, term, display, count, df (sources containing it), tf, idf, weight (sklearn variant, L2-normalized)" },
    CsvDoc { file: "keyness.csv", row: "a term tested in a source-vs-rest comparison", columns: KEYNESS_COLUMNS, about: "target, reference, term, display, direction (over/under, by the observed rates), target_count, reference_count, target_per_1000, reference_per_1000, target_words, reference_words, denominator (what the sizes count: words, all word tokens), g2 (signed), g2_williams, p, p_adj (Benjamini–Hochberg), p_from (the test p comes from: g2), chi2 (signed, conditional Yates), log_ratio, log_odds (Monroe et al. δ), z, target_docs, reference_docs (articles containing the term), target_articles, reference_articles, doc_g2, doc_log_ratio (text-dispersion keyness on articles, Egbert & Biber 2019), lrc (Evert's conservative Log Ratio, 95% with Bonferroni over the terms tested), top_article_share (share of the target count in its top article), carried_by_one_article (over-used, top_article_share ≥ 0.5 and target_docs ≤ 2), welch_t, welch_df, welch_p, welch_p_adj (Welch's t-test on per-article rates count/words, Lijffijt et al. 2016; Benjamini–Hochberg; empty when a side has fewer than 2 articles), dp, dp_norm, perm_p, perm_p_adj, perm_draws, perm_exact, perm_at_cap (DP and the permutation test over articles: empty here, because the report keeps mergeable sums per source, not each article's term counts; `framelens keyness` on the corpus gives them)" },
    CsvDoc { file: "keyness_groups.csv", row: "a term tested in a group-vs-other-groups comparison (only when sources belong to groups)", columns: KEYNESS_COLUMNS, about: "the columns of keyness.csv; target is a group (its sources' counts summed), reference the other groups together" },
    CsvDoc { file: "similarity.csv", row: "a pair of sources", columns: &["source_a", "source_b", "cosine_tfidf", "jsd"], about: "source_a, source_b, cosine_tfidf, jsd (Jensen–Shannon divergence, log2)" },
    CsvDoc { file: "lexicon_scores.csv", row: "a lexicon category in a source or an article", columns: LEXICON_SCORE_COLUMNS, about: "unit_type (source/article), unit, wc, category, hits, covered (words covered), per_1000, per_1000_lo, per_1000_hi (95% CI), percent (LIWC-style), percent_lo, percent_hi, ci_method (sentence_bootstrap; article_bootstrap for a source of 20 articles or more; poisson_exact, Garwood's exact interval, for 0 hits; empty: no CI), weighted_per_1000, rest_hits, rest_wc, rest_per_1000, g2 (signed, vs the rest), p" },
    CsvDoc { file: "lexicon_groups.csv", row: "a lexicon category in a group (only when sources belong to groups)", columns: LEXICON_SCORE_COLUMNS, about: "the columns of lexicon_scores.csv, unit_type group: a group's hits and words are its sources' summed" },
    CsvDoc { file: "lexicon_voice.csv", row: "a category × voice in a source", columns: &["source", "category", "voice", "hits", "per_1000", "share"], about: "source, category, voice (own/quoted/scare/distanced), hits, per_1000, share (of the category's hits)" },
    CsvDoc { file: "lexicon_actors.csv", row: "a category × target actor in a source", columns: &["source", "category", "actor", "hits", "per_1000"], about: "source, category, actor (empty: no actor named in the sentence), hits, per_1000" },
    CsvDoc { file: "kwic.csv", row: "a concordance line of a lexicon hit: a sample, the first 50 per source × category in (article id, position) order (`framelens kwic` and `framelens lexicon --hits` give every hit)", columns: &["source", "article", "sentence", "start", "end", "voice", "category", "target", "left", "match", "right"], about: "source, article, sentence, start, end (byte span in the article's text: the file, or the JSONL/CSV text field), voice, category, target (nearest actor named in the sentence), left, match, right" },
    CsvDoc { file: "key_lines.csv", row: "a concordance line of a key term the findings name, read from the corpus text: up to 5 per term and unit, for a shown source its first in (article id, position) order, for a group the first of each of its sources in turn", columns: &["unit_type", "unit", "term", "display", "count", "line", "source", "article", "sentence", "start", "end", "voice", "target", "left", "match", "right"], about: "unit_type (group/source), unit, term (stem), display, count (its occurrences in the unit), line (1–5), source, article, sentence, start, end (byte span in the article's text: the file, or the JSONL/CSV text field), voice, target (nearest actor named in the sentence), left, match, right; empty when the report was made from partials without --corpus" },
    CsvDoc { file: "lexicon_audit.csv", row: "a lexicon entry × matched form in a source", columns: &["unit", "category", "entry", "form", "count"], about: "unit (source), category, entry, form, count" },
    CsvDoc { file: "warnings.csv", row: "a warning of the corpus reader (sorted by file and line)", columns: &["path", "line", "column", "message"], about: "path, line (0 = the file as a whole), column (0 = unknown), message" },
    CsvDoc { file: "inputs.csv", row: "a corpus file read (sorted by path)", columns: &["path", "bytes", "sha256"], about: "path (relative to the corpus folder), bytes, sha256 (of the bytes read); the SHA-256 of this file is in manifest.json" },
];

/// The documentation of `file`.
fn doc(file: &str) -> Result<&'static CsvDoc> {
    CSV_DOCS
        .iter()
        .find(|d| d.file == file)
        .ok_or_else(|| Error::Internal(format!("data/{file} is not documented")))
}

/// The rows of one CSV file as they are written: the header before the first
/// row, the count of rows written.
pub struct Table<'w> {
    w: &'w mut dyn Write,
    header: bool,
    pub rows: u64,
}

impl Table<'_> {
    /// Appends `rows` (rendered in parallel chunks, written in order).
    pub fn write<R: Serialize + Send + Sync>(&mut self, rows: &Rows<'_, R>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        write_csv_rows(rows, !self.header, self.w)?;
        self.header = true;
        self.rows += rows.len() as u64;
        Ok(())
    }

    /// Appends rows already made.
    pub fn rows<R: Serialize + Send + Sync>(&mut self, rows: Vec<R>) -> Result<()> {
        self.write(&Rows::Built(rows))
    }
}

/// The full tables written so far (their file, rows and columns).
#[derive(Default)]
pub struct Tables {
    pub written: Vec<TableInfo>,
}

impl Tables {
    /// Writes `data/<file>` with the rows `fill` appends, and records it.
    pub fn put(
        &mut self,
        out: &Sink,
        file: &'static str,
        fill: impl FnOnce(&mut Table<'_>) -> Result<()>,
    ) -> Result<()> {
        let d = doc(file)?;
        let mut failed: Option<Error> = None;
        let mut rows = 0;
        out.stream(PathBuf::from("data").join(file), |w| {
            let mut t = Table {
                w,
                header: false,
                rows: 0,
            };
            let r = fill(&mut t);
            rows = t.rows;
            if t.rows == 0 && r.is_ok() {
                // An empty table still says what its columns are.
                writeln!(t.w, "{}", d.columns.join(","))?;
            }
            r.map_err(|e| {
                failed = Some(e);
                std::io::Error::other("a table's rows could not be made")
            })
        })
        .map_err(|e| failed.take().unwrap_or(e))?;
        self.written.push(TableInfo {
            name: d.file.trim_end_matches(".csv"),
            file: format!("data/{file}"),
            rows,
            columns: d.columns.to_vec(),
        });
        Ok(())
    }
}

/// `data/README.md`: what each file written (`report.tables`) holds.
pub fn readme(report: &Report, out: &Sink) -> Result<()> {
    let mut doc = String::from("# Data files\n\nTidy CSV: one row per observation, every row, a header row, UTF-8, RFC 4180 quoting. Floats are written in their shortest round-trip form. A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (a source name, title, author, URL, path or context taken from the corpus) gets a leading `'` so that a spreadsheet shows it as text instead of running it as a formula (OWASP's CSV-injection advice); numbers such as `-3.03` are left as they are, and `analysis.json` and `--format json` keep the raw values. `analysis.json` (beside this folder) holds what the report shows (the top rows of each table) and, under `tables`, each file's row count and columns.\n\n| file | one row is | columns |\n|---|---|---|\n");
    for d in written(report) {
        doc.push_str(&format!("| `{}` | {} | {} |\n", d.file, d.row, d.about));
    }
    out.put(PathBuf::from("data").join("README.md"), doc.as_bytes())
}

/// The documentation of each table the report wrote, in `CSV_DOCS` order
/// (the group tables only when sources have groups).
pub fn written(report: &Report) -> impl Iterator<Item = &'static CsvDoc> + '_ {
    CSV_DOCS.iter().filter(move |d| {
        report
            .tables
            .iter()
            .any(|t| t.file.strip_prefix("data/") == Some(d.file))
            || d.file == "inputs.csv"
    })
}

/// `analysis.json`: the report, serialized straight to the file.
pub fn json(report: &Report, out: &Sink) -> Result<()> {
    out.stream("analysis.json", |w| {
        // serde_json writes in small pieces: buffer them here, not through `dyn Write`.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer_pretty(&mut w, report)?;
        w.write_all(b"\n")?;
        w.flush()
    })
}
