//! The table view: a table for people (headers with an alignment, rows of
//! cells), rendered as an aligned text table on the terminal (here), and as
//! HTML and Markdown tables by the report. Cells say what they are (text, a
//! number, a link, an id), never how a format marks them up.

use std::io::{self, Write};

use super::printable;

/// Column alignment in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One cell of a table view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Plain text (a number already formatted, a word, a name).
    Text(String),
    /// Text that links to `url` where a format can link (an http(s) URL).
    Link { text: String, url: Option<String> },
    /// An identifier (a file name, an article id): set apart where a format can.
    Id(String),
    /// Text that should not wrap (a date).
    NoWrap(String),
    /// A URL, shown as itself and linked where a format can.
    Url(Option<String>),
    /// A file of the report, shown as its name in code type, linked to `href`.
    File { name: String, href: String },
}

impl Cell {
    /// The cell's text, without any markup.
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(t) | Cell::Id(t) | Cell::NoWrap(t) => t,
            Cell::Link { text, .. } => text,
            Cell::Url(u) => u.as_deref().unwrap_or(""),
            Cell::File { name, .. } => name,
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

/// A table for people.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub headers: Vec<(String, Align)>,
    pub rows: Vec<Vec<Cell>>,
}

impl View {
    pub fn new(headers: &[(&str, Align)]) -> View {
        View {
            headers: headers.iter().map(|(h, a)| (h.to_string(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of plain text cells.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(Cell::Text).collect());
    }

    /// Adds a row of cells.
    pub fn cells(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Writes the view as an aligned text table: numbers (right-aligned
    /// columns) padded on the left, words on the right, two spaces between
    /// columns, no trailing spaces. Control characters in any cell or header
    /// (terminal escapes from scraped text) are replaced.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let n = self.headers.len();
        let headers: Vec<String> = self.headers.iter().map(|(h, _)| printable(h)).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| printable(c.text())).collect())
            .collect();
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
            let mut s = String::new();
            for (i, ((c, w), (_, align))) in
                cells.iter().zip(&widths).zip(&self.headers).enumerate()
            {
                let pad = w.saturating_sub(c.chars().count());
                if i > 0 {
                    s.push_str("  ");
                }
                match align {
                    Align::Right => {
                        s.extend(std::iter::repeat_n(' ', pad));
                        s.push_str(c);
                    }
                    Align::Left => {
                        s.push_str(c);
                        if i + 1 < n {
                            s.extend(std::iter::repeat_n(' ', pad));
                        }
                    }
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(&headers, out)?;
        for r in &rows {
            line(r, out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: &View) -> String {
        let mut buf = Vec::new();
        v.write(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn aligns_numbers_right_and_words_left() {
        let mut t = View::new(&[("term", Align::Left), ("count", Align::Right)]);
        t.row(vec!["coup".into(), "12".into()]);
        t.row(vec!["repression".into(), "3".into()]);
        assert_eq!(
            text(&t),
            "term        count\ncoup           12\nrepression      3\n"
        );
    }

    #[test]
    fn control_characters_in_cells_and_headers_are_replaced() {
        let mut t = View::new(&[("a\u{1b}]0;x\u{7}", Align::Left)]);
        t.cells(vec![Cell::Link {
            text: "\u{1b}[2Jname".into(),
            url: None,
        }]);
        let s = text(&t);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'), "{s:?}");
        assert!(s.contains("\u{FFFD}[2Jname"));
    }

    #[test]
    fn a_short_row_is_written_as_far_as_it_goes() {
        let mut t = View::new(&[("a", Align::Left), ("b", Align::Right)]);
        t.row(vec!["x".into()]);
        assert_eq!(text(&t), "a  b\nx\n");
    }
}
