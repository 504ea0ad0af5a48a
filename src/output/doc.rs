//! What a command prints, as data, and the renderers that write it.
//!
//! A [`Document`] holds typed rows (any `Serialize` row type) in groups (a
//! source's terms, a comparison's over- and under-used terms) or in one list,
//! the JSON fields that describe them, and the text blocks of its table view.
//! One renderer per format writes any document:
//! - CSV: a header, then every row of every list of every group, in order;
//! - JSON: one object: `schema_version`, `command`, the document's fields, and
//!   the groups (each an object of its fields and its lists) or the list;
//!   keys sorted, pretty-printed;
//! - table: the text blocks (lines and aligned [`View`]s).
//!
//! Rows may be produced lazily ([`Rows::Lazy`]): CSV then renders chunks of
//! them in parallel and writes them in order, so a table of millions of rows
//! is never held whole.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{csv_builder, write_json, Format, View};
use crate::analysis::SCHEMA_VERSION;
use crate::error::{Error, Result};

/// Rows of one list: built, or made on demand by index.
pub enum Rows<'a, R> {
    Built(Vec<R>),
    Lazy {
        len: usize,
        row: &'a (dyn Fn(usize) -> R + Sync),
    },
}

impl<R: Send> Rows<'_, R> {
    pub fn len(&self) -> usize {
        match self {
            Rows::Built(v) => v.len(),
            Rows::Lazy { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every row, built (in parallel when lazy).
    pub fn collect(&self) -> Vec<R>
    where
        R: Clone,
    {
        match self {
            Rows::Built(v) => v.clone(),
            Rows::Lazy { len, row } => (0..*len).into_par_iter().map(row).collect(),
        }
    }
}

/// A group of rows: its JSON fields, and its lists of rows by JSON key.
pub struct Group<'a, R> {
    pub fields: Map<String, Value>,
    pub lists: Vec<(&'static str, Rows<'a, R>)>,
}

/// The rows of a document.
pub enum Body<'a, R> {
    /// Groups, under `key` in JSON (`in_json: false` leaves them out of the
    /// JSON, for a document whose fields already say everything).
    Groups {
        key: &'static str,
        groups: Vec<Group<'a, R>>,
        in_json: bool,
    },
    /// One list of rows, under `key` in JSON.
    Rows {
        key: &'static str,
        rows: Rows<'a, R>,
    },
}

/// A piece of the table view: lines of text, or an aligned table.
pub enum Block {
    Line(String),
    Table(View),
}

/// What a command prints (see the module doc).
pub struct Document<'a, R> {
    pub command: &'static str,
    /// JSON fields besides `schema_version`, `command` and the rows.
    pub fields: Map<String, Value>,
    pub body: Body<'a, R>,
    /// The table view, in order.
    pub text: Vec<Block>,
}

impl<'a, R: Serialize + Send + Sync + Clone> Document<'a, R> {
    /// Every list of rows, in order.
    fn lists(&self) -> Vec<&Rows<'a, R>> {
        match &self.body {
            Body::Groups { groups, .. } => groups
                .iter()
                .flat_map(|g| g.lists.iter().map(|(_, r)| r))
                .collect(),
            Body::Rows { rows, .. } => vec![rows],
        }
    }

    /// Writes the document in `format`.
    pub fn render(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        match format {
            Format::Csv => self.csv(out),
            Format::Json => self.json(out),
            Format::Table => self.table(out),
        }
    }

    fn csv(&self, out: &mut dyn Write) -> Result<()> {
        let mut header = true;
        for rows in self.lists() {
            if rows.is_empty() {
                continue;
            }
            write_csv_rows(rows, header, out)?;
            header = false;
        }
        out.flush().map_err(stdout_err)
    }

    fn json(&self, out: &mut dyn Write) -> Result<()> {
        let mut doc = self.fields.clone();
        doc.insert("schema_version".into(), SCHEMA_VERSION.into());
        doc.insert("command".into(), self.command.into());
        match &self.body {
            Body::Groups { in_json: false, .. } => {}
            Body::Groups { key, groups, .. } => {
                let groups: Vec<Value> = groups
                    .iter()
                    .map(|g| {
                        let mut o = g.fields.clone();
                        for (k, rows) in &g.lists {
                            o.insert((*k).into(), to_json(rows));
                        }
                        Value::Object(o)
                    })
                    .collect();
                doc.insert((*key).into(), Value::Array(groups));
            }
            Body::Rows { key, rows } => {
                doc.insert((*key).into(), to_json(rows));
            }
        }
        write_json(out, &Value::Object(doc)).map_err(stdout_err)
    }

    fn table(&self, out: &mut dyn Write) -> Result<()> {
        for b in &self.text {
            match b {
                Block::Line(l) => writeln!(out, "{l}").map_err(stdout_err)?,
                Block::Table(v) => v.write(out).map_err(stdout_err)?,
            }
        }
        Ok(())
    }
}

/// Rows as a JSON array (each row an object with sorted keys).
fn to_json<R: Serialize + Send + Sync>(rows: &Rows<'_, R>) -> Value {
    let values: Vec<Value> = match rows {
        Rows::Built(v) => v
            .par_iter()
            .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
            .collect(),
        Rows::Lazy { len, row } => (0..*len)
            .into_par_iter()
            .map(|i| serde_json::to_value(row(i)).unwrap_or(Value::Null))
            .collect(),
    };
    Value::Array(values)
}

/// Rows rendered at a time, per thread, when writing CSV.
const CSV_CHUNK: usize = 4096;

/// Writes `rows` as CSV (the header first when `header`; cells a spreadsheet
/// would run as formulas neutralized, `formula::neutralize`), the same bytes as
/// one writer serializing them in order: chunks of rows are rendered in
/// parallel, a few at a time, and written in order, so memory stays bounded.
pub fn write_csv_rows<R: Serialize + Send + Sync>(
    rows: &Rows<'_, R>,
    header: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let n = rows.len();
    let window = 4 * rayon::current_num_threads().max(1) * CSV_CHUNK;
    let mut start = 0;
    while start < n {
        let end = (start + window).min(n);
        let chunks: Vec<(usize, usize)> = (start..end)
            .step_by(CSV_CHUNK)
            .map(|s| (s, (s + CSV_CHUNK).min(end)))
            .collect();
        let rendered: Vec<Result<Vec<u8>>> = chunks
            .par_iter()
            .map(|&(s, e)| {
                let mut csv = csv_builder(header && s == 0).from_writer(Vec::new());
                for i in s..e {
                    let r = match rows {
                        Rows::Built(v) => csv.serialize(&v[i]),
                        Rows::Lazy { row, .. } => csv.serialize(row(i)),
                    };
                    r.map_err(csv_err)?;
                }
                let bytes = csv.into_inner().map_err(|e| stdout_err(e.into_error()))?;
                super::formula::neutralize(bytes)
            })
            .collect();
        for bytes in rendered {
            out.write_all(&bytes?).map_err(stdout_err)?;
        }
        start = end;
    }
    Ok(())
}

/// An error writing to standard output.
pub fn stdout_err(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// A CSV error on standard output: an I/O error, or a serializer error on
/// framelens's own rows.
pub fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => stdout_err(io),
        other => Error::Internal(format!("CSV output: {other:?}")),
    }
}

/// JSON fields from `(key, value)` pairs.
pub fn fields<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A value as JSON (a serializer error on framelens's own data is `null`,
/// which cannot happen for the types used).
pub fn json<T: Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Align;

    #[derive(Clone, Serialize)]
    struct Row {
        term: String,
        count: u64,
        rate: f64,
    }

    fn row(i: usize) -> Row {
        Row {
            term: format!("t,{i}\""),
            count: i as u64,
            rate: i as f64 / 3.0,
        }
    }

    fn render(doc: &Document<'_, Row>, format: Format) -> String {
        let mut out = Vec::new();
        doc.render(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The bytes one csv writer gives for `rows`.
    fn one_writer(rows: &[Row]) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in rows {
            w.serialize(r).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn csv_is_one_header_then_every_row_of_every_list_in_order() {
        let make = |i| row(i);
        let big = 2 * CSV_CHUNK + 5;
        let doc = Document {
            command: "x",
            fields: Map::new(),
            body: Body::Groups {
                key: "docs",
                in_json: true,
                groups: vec![
                    Group {
                        fields: Map::new(),
                        lists: vec![
                            ("a", Rows::Built(vec![])),
                            ("b", Rows::Built(vec![row(1), row(2)])),
                        ],
                    },
                    Group {
                        fields: Map::new(),
                        lists: vec![(
                            "a",
                            Rows::Lazy {
                                len: big,
                                row: &make,
                            },
                        )],
                    },
                ],
            },
            text: Vec::new(),
        };
        let mut all = vec![row(1), row(2)];
        all.extend((0..big).map(row));
        assert_eq!(render(&doc, Format::Csv), one_writer(&all));
    }

    #[test]
    fn json_has_the_version_the_command_the_fields_and_the_groups_sorted() {
        let doc = Document {
            command: "terms",
            fields: fields([("unit", "source".into())]),
            body: Body::Groups {
                key: "docs",
                in_json: true,
                groups: vec![Group {
                    fields: fields([("id", "a".into())]),
                    lists: vec![("terms", Rows::Built(vec![row(3)]))],
                }],
            },
            text: Vec::new(),
        };
        let v: Value = serde_json::from_str(&render(&doc, Format::Json)).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["command"], "terms");
        assert_eq!(v["unit"], "source");
        assert_eq!(v["docs"][0]["id"], "a");
        assert_eq!(v["docs"][0]["terms"][0]["count"], 3);
        assert_eq!(v["docs"][0]["terms"][0]["rate"], 1.0);
        let text = render(&doc, Format::Json);
        assert!(
            text.find("\"command\"") < text.find("\"docs\""),
            "keys sorted"
        );
        // Groups kept out of the JSON.
        let hidden = Document {
            body: Body::Groups {
                key: "docs",
                in_json: false,
                groups: Vec::new(),
            },
            ..doc
        };
        let v: Value = serde_json::from_str(&render(&hidden, Format::Json)).unwrap();
        assert!(v.get("docs").is_none());
    }

    #[test]
    fn table_is_the_text_blocks_in_order() {
        let mut v = View::new(&[("term", Align::Left), ("n", Align::Right)]);
        v.row(vec!["coup".into(), "3".into()]);
        let doc: Document<'_, Row> = Document {
            command: "x",
            fields: Map::new(),
            body: Body::Rows {
                key: "rows",
                rows: Rows::Built(Vec::new()),
            },
            text: vec![
                Block::Line("== a ==".into()),
                Block::Table(v),
                Block::Line(String::new()),
            ],
        };
        assert_eq!(render(&doc, Format::Table), "== a ==\nterm  n\ncoup  3\n\n");
        assert_eq!(render(&doc, Format::Csv), "");
    }
}
