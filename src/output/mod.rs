//! Output: what a command prints is a [`doc::Document`] — typed rows in groups,
//! with the JSON fields that describe them — and one renderer per format writes
//! any document: CSV and JSON for programs ([`doc`]), an aligned text table for
//! people ([`view::View`], the table view that the report's HTML and Markdown
//! render too). Floats in CSV and JSON use Rust's shortest round-trip form,
//! which depends only on the value, so output bytes are reproducible.

pub mod doc;
pub mod formula;
pub mod view;

pub use view::{Align, Cell, View};

use std::io::{self, Write};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return Err(format!("unknown format '{s}' (table, csv, json)")),
        })
    }
}

/// Replaces control characters (terminal escapes from scraped text) before a
/// string reaches a terminal table.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Writes `value` as pretty JSON followed by a newline.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// A CSV writer over `out` (header written by the first `serialize`).
pub fn csv_writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv_builder(true).from_writer(out)
}

/// The settings of `csv_writer`, with or without the header (for output
/// rendered in pieces: only the first piece has it).
pub fn csv_builder(header: bool) -> csv::WriterBuilder {
    let mut b = csv::WriterBuilder::new();
    b.has_headers(header);
    b
}

/// Rows rendered at a time by [`one_row_per_line`]: enough to keep every
/// thread busy, few enough that memory does not grow with the table.
const ROW_CHUNK: usize = 4096;

/// Serializes `rows` as a JSON array of rows written compactly, each as one
/// element, so that pretty-printed JSON (`write_json`, `analysis.json`) has
/// one row per line, like JSON Lines, instead of one field per line: about a
/// third smaller and readable row by row. The value is the same JSON either
/// way. Rows are rendered in parallel, a chunk at a time, and written in order.
///
/// For JSON only (`serialize_with` on a table field): with another format the
/// rows would arrive as pre-rendered JSON text.
pub fn one_row_per_line<T, S>(rows: &[T], s: S) -> Result<S::Ok, S::Error>
where
    T: serde::Serialize + Sync,
    S: serde::Serializer,
{
    use rayon::prelude::*;
    use serde::ser::{Error as _, SerializeSeq};
    let mut seq = s.serialize_seq(Some(rows.len()))?;
    for chunk in rows.chunks(ROW_CHUNK) {
        let rendered: Vec<serde_json::Result<Box<serde_json::value::RawValue>>> = chunk
            .par_iter()
            // Our own serializer's output: wrapped as is, not parsed again.
            .map(serde_json::value::to_raw_value)
            .collect();
        for r in rendered {
            seq.serialize_element(&r.map_err(S::Error::custom)?)?;
        }
    }
    seq.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        term: String,
        count: u64,
        rate: f64,
        ci: Option<(f64, f64)>,
    }

    #[derive(serde::Serialize)]
    struct Doc {
        name: &'static str,
        #[serde(serialize_with = "one_row_per_line")]
        rows: Vec<Row>,
    }

    fn doc(n: usize) -> Doc {
        Doc {
            name: "t",
            rows: (0..n)
                .map(|i| Row {
                    term: format!("w\"{i}\n"),
                    count: i as u64,
                    rate: i as f64 / 7.0,
                    ci: (i % 2 == 0).then_some((0.5, i as f64)),
                })
                .collect(),
        }
    }

    #[test]
    fn one_row_per_line_is_the_same_json_with_each_row_on_its_own_line() {
        for n in [0, 1, 2, ROW_CHUNK + 3] {
            let t = doc(n);
            let mut out = Vec::new();
            write_json(&mut out, &t).unwrap();
            let text = String::from_utf8(out).unwrap();
            let plain: serde_json::Value = serde_json::from_str(
                &serde_json::to_string(&serde_json::json!({
                    "name": "t",
                    "rows": t.rows.iter().map(|r| serde_json::json!({
                        "term": r.term, "count": r.count, "rate": r.rate, "ci": r.ci,
                    })).collect::<Vec<_>>(),
                }))
                .unwrap(),
            )
            .unwrap();
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, plain, "n = {n}");
            let row_lines: Vec<&str> = text.lines().filter(|l| l.contains("\"term\"")).collect();
            assert_eq!(row_lines.len(), n);
            for (i, l) in row_lines.iter().enumerate() {
                let l = l.trim().trim_end_matches(',');
                let row: serde_json::Value = serde_json::from_str(l).unwrap();
                assert_eq!(row["count"], i as u64, "rows in order");
            }
        }
        let mut out = Vec::new();
        write_json(&mut out, &doc(1)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"name\": \"t\",\n  \"rows\": [\n    {\"term\":\"w\\\"0\\n\",\"count\":0,\"rate\":0.0,\"ci\":[0.5,0.0]}\n  ]\n}\n"
        );
    }

    #[test]
    fn control_characters_do_not_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
    }
}
