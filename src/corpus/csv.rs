//! A CSV corpus: RFC 4180, comma-separated, with a header row.
//!
//! - Columns are found by header name, case-insensitively: the source column is
//!   `source`, else `publication`; the text column `text`, else `content`; the id
//!   column `id` if there is one, the language column `language` and the
//!   group column `group` if there are; `title`, `date`, `author`, `url` are
//!   used when present. [`ReadOptions`] selects other names for the source,
//!   text, id, language and group columns. This reads exports
//!   such as "All the News" (`id,title,publication,author,date,year,month,url,content`)
//!   directly.
//! - Strict quoting, so that a stray quote is found where it is rather than
//!   swallowing the rest of the file: a quoted field ends with `"` followed by `,`
//!   or the end of the record; `""` inside it is a quote; a `"` inside an
//!   unquoted field, text after a closing quote, a row whose field count differs
//!   from the header's, and an unclosed quote at the end of the file are errors.
//! - Records may contain newlines inside quotes; an article's line is the line
//!   where its record starts. Blank lines are skipped; CRLF is accepted; a
//!   UTF-8 BOM is stripped. The file is read one record at a time.
//! - Without an id column (or with an empty id), an article's id is
//!   `<file name>:<line>`.
//! - As in every layout: a NUL byte anywhere is an error, a `date` must be
//!   a real date (`text::is_date`), and a language an ISO 639-1 code
//!   (`crate::language::check`); an empty language cell is the corpus's
//!   default language (`--language`, else "en").
//! - A source's group (an empty cell: none) is the same in all its rows, else
//!   an error naming the row's line and the source's first.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::text::{
    bad_date, check_no_nul, check_not_utf16, decode, is_date, strip_cr, too_long, At, BOM,
};
use super::{Article, Common, ReadOptions, MAX_RECORD_BYTES};
use crate::error::{Error, Result};

/// Column indices chosen from the header.
#[derive(Debug)]
struct Columns {
    count: usize,
    header_line: u64,
    source: usize,
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    author: Option<usize>,
    url: Option<usize>,
    language: Option<usize>,
    group: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct CsvReader {
    path: PathBuf,
    file_name: String,
    records: RecordReader,
    columns: Columns,
}

impl CsvReader {
    pub fn open(
        path: &Path,
        opts: &ReadOptions,
        common: &mut Common,
        digest: Option<super::SharedDigest>,
    ) -> Result<CsvReader> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut records = RecordReader::new(
            path,
            BufReader::with_capacity(1 << 20, super::Hashing::new(file, digest)),
        );
        let header = HeaderRow::read(&mut records, path, common)?;
        let columns = header.columns(opts)?;
        Ok(CsvReader {
            path: path.to_path_buf(),
            file_name,
            records,
            columns,
        })
    }

    pub fn next_article(&mut self, common: &mut Common) -> Result<Option<Article>> {
        loop {
            let Some((line, record)) = self.records.next_record(common)? else {
                return Ok(None);
            };
            let fields = split_fields(&record, line)
                .map_err(|(at, msg)| Error::input(&self.path, at, msg))?;
            let c = &self.columns;
            if fields.len() != c.count {
                return Err(Error::input(
                    &self.path,
                    line,
                    format!(
                        "row has {} field(s) but the header (line {}) has {}",
                        fields.len(),
                        c.header_line,
                        c.count
                    ),
                ));
            }
            // `fields.len() == c.count` (checked above) and every column index
            // was found in the header, so `field` only returns "" for a bug.
            let field = |i: usize| fields.get(i).map_or("", |f| f.as_ref());
            let source = field(c.source).trim();
            if source.is_empty() {
                return Err(Error::input(&self.path, line, "empty source"));
            }
            let get = |i: Option<usize>| {
                i.map(|i| field(i).trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let id = get(c.id);
            if let Some(id) = &id {
                common.check_id(&self.path, line, id)?;
            }
            let source_language = common.source_entry(source).language.clone();
            if let Some(g) = c.group {
                common.set_group(&self.path, line, source, Some(field(g)))?;
            }
            let language = match get(c.language) {
                Some(l) => crate::language::check(&l)
                    .map(|()| l)
                    .map_err(|m| Error::input(&self.path, line, m))?,
                None => source_language,
            };
            if !common.wants(source) {
                continue;
            }
            let date = get(c.date);
            if let Some(d) = &date {
                if !is_date(d) {
                    return Err(Error::input(&self.path, line, bad_date(d)));
                }
            }
            let text = field(c.text);
            if let Some(why) = common.emptiness(source, text) {
                common.warn(&self.path, line, why);
                common.skipped_empty += 1;
                continue;
            }
            return Ok(Some(Article {
                id: id.unwrap_or_else(|| format!("{}:{line}", self.file_name)),
                source: source.to_string(),
                text: text.to_string(),
                path: self.path.clone(),
                line,
                title: get(c.title),
                date,
                author: get(c.author),
                url: get(c.url),
                language,
            }));
        }
    }
}

/// The header row: its column names (trimmed, lowercase) and its line.
struct HeaderRow<'p> {
    path: &'p Path,
    line: u64,
    names: Vec<String>,
}

impl<'p> HeaderRow<'p> {
    /// Reads the first record as the header.
    fn read(records: &mut RecordReader, path: &'p Path, common: &mut Common) -> Result<Self> {
        let Some((line, header)) = records.next_record(common)? else {
            return Err(Error::input(path, 0, "empty CSV file: no header row"));
        };
        if header.contains('\r') {
            return Err(Error::input(
                path,
                line,
                "the header row holds a carriage return: CR-only line ends? CSV rows end with \\n or \\r\\n",
            ));
        }
        let names =
            split_fields(&header, line).map_err(|(line, msg)| Error::input(path, line, msg))?;
        let names = names.iter().map(|n| n.trim().to_lowercase()).collect();
        Ok(HeaderRow { path, line, names })
    }

    /// The columns to read: the source and text columns are required, the
    /// others used when present.
    fn columns(&self, opts: &ReadOptions) -> Result<Columns> {
        let source = self.required(
            &opts.source_column,
            "--source-column",
            &["source", "publication"],
        )?;
        let text = self.required(&opts.text_column, "--text-column", &["text", "content"])?;
        let id = self.chosen(&opts.id_column, "--id-column", &["id"])?;
        let language = self.chosen(&opts.language_column, "--language-column", &["language"])?;
        let group = self.chosen(&opts.group_column, "--group-column", &["group"])?;
        Ok(Columns {
            count: self.names.len(),
            header_line: self.line,
            source,
            text,
            id,
            title: self.find("title"),
            date: self.find("date"),
            author: self.find("author"),
            url: self.find("url"),
            language,
            group,
        })
    }

    /// The column named `name`, case-insensitively.
    fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| *n == name.trim().to_lowercase())
    }

    /// The header's names, quoted, for messages.
    fn listing(&self) -> String {
        self.names
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The column the option names (which must exist), else the first of
    /// `defaults` present.
    fn chosen(
        &self,
        option: &Option<String>,
        flag: &str,
        defaults: &[&str],
    ) -> Result<Option<usize>> {
        match option {
            Some(name) => match self.find(name) {
                Some(i) => Ok(Some(i)),
                None => Err(Error::input(
                    self.path,
                    self.line,
                    format!(
                        "no column {name:?} ({flag}); the header has {}",
                        self.listing()
                    ),
                )),
            },
            None => Ok(defaults.iter().find_map(|d| self.find(d))),
        }
    }

    /// As [`HeaderRow::chosen`], but a column must be found.
    fn required(&self, option: &Option<String>, flag: &str, defaults: &[&str]) -> Result<usize> {
        self.chosen(option, flag, defaults)?.ok_or_else(|| {
            let expected = defaults
                .iter()
                .map(|d| format!("{d:?}"))
                .collect::<Vec<_>>()
                .join(" or ");
            Error::input(
                self.path,
                self.line,
                format!(
                    "no {expected} column (choose one with {flag}); the header has {}",
                    self.listing()
                ),
            )
        })
    }
}

/// Reads raw records: the bytes up to a newline outside quotes.
#[derive(Debug)]
struct RecordReader {
    path: PathBuf,
    reader: BufReader<super::Hashing<File>>,
    /// Lines consumed so far.
    line: u64,
    /// Bytes consumed so far.
    offset: u64,
}

impl RecordReader {
    fn new(path: &Path, reader: BufReader<super::Hashing<File>>) -> RecordReader {
        RecordReader {
            path: path.to_path_buf(),
            reader,
            line: 0,
            offset: 0,
        }
    }

    /// The next non-blank record, decoded, with the line it starts on.
    fn next_record(&mut self, common: &mut Common) -> Result<Option<(u64, String)>> {
        loop {
            let mut buf = Vec::new();
            let start = At {
                line: self.line + 1,
                offset: self.offset,
            };
            let (consumed, newlines, open_quote) =
                read_record(&mut self.reader, &mut buf, start.line).map_err(|e| {
                    if e.kind() == io::ErrorKind::InvalidData {
                        Error::input(
                            &self.path,
                            start.line,
                            format!("record {e} (an unclosed quote?)"),
                        )
                    } else {
                        Error::io(&self.path, e)
                    }
                })?;
            if consumed == 0 {
                return Ok(None);
            }
            if let Some(open_line) = open_quote {
                return Err(Error::input(
                    &self.path,
                    open_line,
                    "unclosed quote: the quoted field opened on this line runs to the end of the file",
                ));
            }
            self.line += newlines.max(1);
            self.offset += consumed as u64;
            let mut at = start;
            if start.offset == 0 {
                check_not_utf16(&buf, &self.path)?;
            }
            if start.offset == 0 && buf.starts_with(BOM) {
                buf.drain(..BOM.len());
                at.offset += BOM.len() as u64;
            }
            strip_cr(&mut buf);
            if buf.is_empty() {
                continue;
            }
            check_no_nul(&buf, &self.path, at)?;
            return Ok(Some((start.line, decode(buf, &self.path, at, common)?)));
        }
    }
}

/// Appends one record (without its final `\n`) to `buf`. Returns the bytes
/// consumed (0 at the end of the input), the number of line ends consumed, and
/// the line of a quote still open at the end of the input.
fn read_record(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    first_line: u64,
) -> io::Result<(usize, u64, Option<u64>)> {
    let mut consumed = 0;
    let mut newlines = 0u64;
    let mut in_quotes = false;
    let mut open_line = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            let open = (in_quotes && consumed > 0).then_some(open_line);
            return Ok((consumed, newlines, open));
        }
        let mut end = None;
        for (i, &b) in chunk.iter().enumerate() {
            if b == b'"' {
                in_quotes = !in_quotes;
                if in_quotes {
                    open_line = first_line + newlines;
                }
            } else if b == b'\n' {
                newlines += 1;
                if !in_quotes {
                    end = Some(i);
                    break;
                }
            }
        }
        let (content, take) = match end {
            Some(i) => (chunk.get(..i).unwrap_or(chunk), i + 1),
            None => (chunk, chunk.len()),
        };
        if buf.len() + content.len() > MAX_RECORD_BYTES {
            return Err(too_long());
        }
        buf.extend_from_slice(content);
        reader.consume(take);
        consumed += take;
        if end.is_some() {
            return Ok((consumed, newlines, None));
        }
    }
}

/// Splits one record into fields, unescaping quoted ones. An error gives the
/// line of the offending quote and a message.
fn split_fields(
    record: &str,
    first_line: u64,
) -> std::result::Result<Vec<Cow<'_, str>>, (u64, String)> {
    let bytes = record.as_bytes();
    let line_at =
        |pos: usize| first_line + super::text::count_newlines(bytes.get(..pos).unwrap_or(bytes));
    let mut fields = Vec::new();
    let mut pos = 0;
    loop {
        let field_no = fields.len() + 1;
        if bytes.get(pos) == Some(&b'"') {
            // Quoted field.
            let mut value: Option<String> = None;
            let mut seg_start = pos + 1;
            let mut i = pos + 1;
            loop {
                match bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'"'))
                {
                    None => {
                        // read_record only ends a record outside quotes.
                        return Err((line_at(pos), format!("unclosed quote in field {field_no}")));
                    }
                    Some(q) => {
                        let q = i + q;
                        if bytes.get(q + 1) == Some(&b'"') {
                            value
                                .get_or_insert_with(String::new)
                                .push_str(&record[seg_start..=q]);
                            i = q + 2;
                            seg_start = i;
                        } else {
                            let field = match value {
                                Some(mut v) => {
                                    v.push_str(&record[seg_start..q]);
                                    Cow::Owned(v)
                                }
                                None => Cow::Borrowed(&record[seg_start..q]),
                            };
                            fields.push(field);
                            pos = q + 1;
                            break;
                        }
                    }
                }
            }
            match bytes.get(pos) {
                None => return Ok(fields),
                Some(b',') => pos += 1,
                Some(_) => {
                    return Err((
                        line_at(pos),
                        format!("unexpected text after the closing quote of field {field_no}"),
                    ))
                }
            }
        } else {
            let rest = bytes.get(pos..).unwrap_or(&[]);
            let end = rest
                .iter()
                .position(|&b| b == b',')
                .map_or(bytes.len(), |e| pos + e);
            let field = bytes.get(pos..end).unwrap_or(&[]);
            if let Some(q) = field.iter().position(|&b| b == b'"') {
                return Err((
                    line_at(pos + q),
                    format!("quote inside unquoted field {field_no} (quote the field and double the quote)"),
                ));
            }
            fields.push(Cow::Borrowed(&record[pos..end]));
            if end == bytes.len() {
                return Ok(fields);
            }
            pos = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        split_fields(s, 1)
            .unwrap()
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    }

    #[test]
    fn fields_are_split_and_unescaped() {
        assert_eq!(split("a,b,c"), ["a", "b", "c"]);
        assert_eq!(split("a,,"), ["a", "", ""]);
        assert_eq!(split(""), [""]);
        assert_eq!(
            split(r#""a,b","say ""hi""",x"#),
            ["a,b", r#"say "hi""#, "x"]
        );
        assert_eq!(split("\"line1\nline2\",z"), ["line1\nline2", "z"]);
        assert_eq!(split(r#""""#), [""]);
        assert_eq!(split(r#"x,"""""#), ["x", "\""]);
    }

    #[test]
    fn bad_quotes_give_the_line_of_the_quote() {
        assert_eq!(split_fields("a,b\"c", 7).unwrap_err().0, 7);
        let (line, msg) = split_fields("\"a\nb\"c,d", 7).unwrap_err();
        assert_eq!(line, 8);
        assert!(msg.contains("after the closing quote of field 1"), "{msg}");
    }

    #[test]
    fn records_end_at_newlines_outside_quotes() {
        let data = b"a,b\n\"x\ny\",z\r\nlast";
        let mut r = io::BufReader::with_capacity(3, &data[..]);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            let (n, nl, open) = read_record(&mut r, &mut buf, 1).unwrap();
            if n == 0 {
                break;
            }
            assert_eq!(open, None);
            out.push((String::from_utf8(buf).unwrap(), nl));
        }
        assert_eq!(
            out,
            [
                ("a,b".to_string(), 1),
                ("\"x\ny\",z\r".to_string(), 2),
                ("last".to_string(), 0)
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_reports_where_it_opened() {
        let data = b"a\n\"x,\ny\nz";
        let mut r = io::BufReader::new(&data[..]);
        let mut buf = Vec::new();
        read_record(&mut r, &mut buf, 1).unwrap();
        buf.clear();
        let (_, _, open) = read_record(&mut r, &mut buf, 2).unwrap();
        assert_eq!(open, Some(2));
    }
}
