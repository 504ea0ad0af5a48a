//! Byte-level helpers shared by the layouts: UTF-8 decoding that says where it
//! failed, BOM stripping, and reading one line or CSV record with a size cap.

use std::io::{self, BufRead};
use std::path::Path;

use super::{Common, MAX_RECORD_BYTES};
use crate::error::{Error, Result};

pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where a chunk of bytes starts in its file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    /// 1-based line of the chunk's first byte.
    pub line: u64,
    /// 0-based byte offset of the chunk's first byte.
    pub offset: u64,
}

/// Decodes `bytes` as UTF-8. Invalid UTF-8 is an error giving the line and the
/// byte offset in the file; with `lossy` it becomes U+FFFD and a warning.
pub(crate) fn decode(bytes: Vec<u8>, path: &Path, at: At, common: &mut Common) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = at.line + count_newlines(bytes.get(..bad).unwrap_or(&[]));
            let offset = at.offset + bad as u64;
            if !common.lossy {
                return Err(Error::input(
                    path,
                    line,
                    format!("invalid UTF-8 at byte offset {offset} (--lossy replaces invalid bytes with U+FFFD)"),
                ));
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            common.warn(
                path,
                line,
                format!("invalid UTF-8 at byte offset {offset} replaced with U+FFFD"),
            );
            Ok(text)
        }
    }
}

pub(crate) fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Why `text` holds no article, if it does not: it is empty or whitespace, or
/// it has no letter at all (only digits, punctuation or symbols), so the
/// analyzer would find no word in it. Such an article is skipped with a warning
/// and counted in `skipped_empty`, rather than entering every statistic as a
/// document of 0 words.
pub(crate) fn emptiness(text: &str) -> Option<&'static str> {
    if text.trim().is_empty() {
        Some("empty article skipped")
    } else if !text.chars().any(is_letter) {
        Some("article has no words (no letter at all) skipped")
    } else {
        None
    }
}

/// The warning for an article that its source's boilerplate lines leave
/// without a word.
pub(crate) const BOILERPLATE_ONLY: &str =
    "article has no words once its source's boilerplate lines are dropped: skipped";

/// Why an article of a source with these `boilerplate` lines holds no article,
/// if it does not: [`emptiness`] of the text as read, or of the text once the
/// boilerplate lines are blanked as the analyzer blanks them. The one rule of
/// every layout: such an article is skipped with a warning and counted in
/// `skipped_empty`, never kept with 0 words.
pub(crate) fn emptiness_of_article(text: &str, boilerplate: &[String]) -> Option<&'static str> {
    emptiness(text).or_else(
        || match crate::analyze::blank_boilerplate(text, boilerplate) {
            std::borrow::Cow::Owned(blanked) => emptiness(&blanked).map(|_| BOILERPLATE_ONLY),
            std::borrow::Cow::Borrowed(_) => None,
        },
    )
}

/// Fails on a NUL byte in the bytes of an article (a whole file, a JSONL line,
/// a CSV record starting at `at`): the one rule for every layout, since no
/// text holds one. The message says binary file, or UTF-16 without a
/// byte-order mark when the NULs look like it, with the line and byte offset.
pub(crate) fn check_no_nul(bytes: &[u8], path: &Path, at: At) -> Result<()> {
    let Some(nul) = memchr::memchr(0, bytes) else {
        return Ok(());
    };
    let line = at.line + count_newlines(bytes.get(..nul).unwrap_or(&[]));
    let offset = at.offset + nul as u64;
    let msg = if looks_like_utf16(bytes) {
        format!("NUL byte at byte offset {offset}: UTF-16 text without a byte-order mark? framelens reads UTF-8")
    } else {
        format!("binary file (NUL byte at byte offset {offset}): not a text article")
    };
    Err(Error::input(path, line, msg))
}

/// Fails on a NUL character (U+0000, written `\u0000` in JSON or TOML) in a
/// field of an article: the same rule as a NUL byte in a file.
pub(crate) fn check_no_nul_char(value: &str, field: &str) -> std::result::Result<(), String> {
    if value.contains('\0') {
        Err(format!(
            "NUL character (U+0000) in field {field:?}: not text"
        ))
    } else {
        Ok(())
    }
}

/// Whether `d` is a date as every layout takes one (JSONL and CSV `date`,
/// `corpus.toml`): ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar
/// day (no 2023-02-30), the full date optionally followed by a time (`T` or a
/// space, then `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fff`, then optionally `Z` or
/// `±hh:mm`).
pub fn is_date(d: &str) -> bool {
    let (date, time) = match d.find(['T', ' ']) {
        Some(i) => (&d[..i], Some(&d[i + 1..])),
        None => (d, None),
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let parts: Vec<&str> = date.split('-').collect();
    let full = match parts.as_slice() {
        [y] if time.is_none() => return digits(y, 4),
        [y, m] if time.is_none() => {
            return digits(y, 4) && digits(m, 2) && (1..=12).contains(&num(m))
        }
        [y, m, day] => {
            if !(digits(y, 4) && digits(m, 2) && digits(day, 2)) {
                return false;
            }
            let (y, m, day) = (num(y), num(m), num(day));
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&day)
        }
        _ => false,
    };
    full && time.is_none_or(is_time)
}

/// `hh:mm[:ss[.f…]][Z|±hh:mm]`.
fn is_time(t: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u32>().unwrap_or(99);
    let (clock, zone) = if let Some(c) = t.strip_suffix('Z') {
        (c, None)
    } else if let Some(i) = t.rfind(['+', '-']) {
        (&t[..i], Some(&t[i + 1..]))
    } else {
        (t, None)
    };
    if let Some(z) = zone {
        let ok = match z.split_once(':') {
            Some((h, m)) => digits(h, 2) && digits(m, 2) && num(h) <= 23 && num(m) <= 59,
            None => false,
        };
        if !ok {
            return false;
        }
    }
    let (hms, frac) = match clock.split_once('.') {
        Some((a, f)) => (a, Some(f)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let p: Vec<&str> = hms.split(':').collect();
    match p.as_slice() {
        [h, m] if frac.is_none() => digits(h, 2) && digits(m, 2) && num(h) <= 23 && num(m) <= 59,
        [h, m, s] => {
            digits(h, 2)
                && digits(m, 2)
                && digits(s, 2)
                && num(h) <= 23
                && num(m) <= 59
                && num(s) <= 60
        }
        _ => false,
    }
}

/// The message for a date [`is_date`] refuses.
pub(crate) fn bad_date(d: &str) -> String {
    format!(
        "date {d:?} is not a date: YYYY-MM-DD (a real calendar day, optionally with a time, as 2023-01-04T10:30:00Z), YYYY-MM or YYYY"
    )
}

/// A letter as the analyzer sees one: alphabetic before or after lowercasing.
fn is_letter(c: char) -> bool {
    c.is_alphabetic() || (!c.is_ascii() && c.to_lowercase().any(char::is_alphabetic))
}

/// Fails on a file that starts with a UTF-16 or UTF-32 byte-order mark: such a
/// file is text in another encoding, and the UTF-8 decoder (or the NUL-byte
/// check) would only call it invalid or binary.
pub(crate) fn check_not_utf16(bytes: &[u8], path: &Path) -> Result<()> {
    let found = if bytes.starts_with(b"\xFF\xFE\0\0") {
        Some(("UTF-32LE", "FF FE 00 00"))
    } else if bytes.starts_with(b"\0\0\xFE\xFF") {
        Some(("UTF-32BE", "00 00 FE FF"))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(("UTF-16LE", "FF FE"))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(("UTF-16BE", "FE FF"))
    } else {
        None
    };
    match found {
        None => Ok(()),
        Some((enc, mark)) => Err(Error::input(
            path,
            1,
            format!(
                "{enc} text (byte-order mark {mark}): framelens reads UTF-8; convert it first, e.g. `iconv -f {enc} -t UTF-8`"
            ),
        )),
    }
}

/// Whether bytes with a NUL look like UTF-16 text without a byte-order mark
/// (ASCII letters interleaved with NULs) rather than a binary file.
pub(crate) fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = bytes.get(..64).unwrap_or(bytes);
    if head.len() < 4 {
        return false;
    }
    let (even_nul, odd_nul) = head
        .chunks_exact(2)
        .fold((0, 0), |(e, o), pair| match pair {
            [0, b] if *b != 0 => (e + 1, o),
            [a, 0] if *a != 0 => (e, o + 1),
            _ => (e, o),
        });
    let pairs = head.len() / 2;
    even_nul == pairs || odd_nul == pairs
}

/// Appends the next line of `reader` (without its `\n`) to `buf`; returns the
/// number of bytes consumed (0 at the end of the input). A line longer than
/// [`MAX_RECORD_BYTES`] is an `InvalidData` error.
pub(crate) fn read_line_capped(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut consumed = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (take, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let content = if found {
            chunk.get(..take - 1).unwrap_or(chunk)
        } else {
            chunk
        };
        if buf.len() + content.len() > MAX_RECORD_BYTES {
            return Err(too_long());
        }
        buf.extend_from_slice(content);
        reader.consume(take);
        consumed += take;
        if found {
            return Ok(consumed);
        }
    }
}

pub(crate) fn too_long() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("longer than {} MiB", MAX_RECORD_BYTES >> 20),
    )
}

/// Strips a trailing `\r` (CRLF line ends).
pub(crate) fn strip_cr(buf: &mut Vec<u8>) {
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
}

/// Line and column of byte offsets in one text, for the messages about many
/// positions of a settings file (every entry of a lexicon, every source of a
/// manifest). Built in one pass; a line costs O(log lines); a column counts
/// the characters from the line's start, or from the previous column asked on
/// the same line, so positions asked in file order cost linear time in all,
/// even when every entry sits on one line.
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line's first character.
    starts: Vec<usize>,
    /// (offset, column) of the last column asked.
    last: std::cell::Cell<(usize, u64)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// `offset` clamped to the text and moved back to a character boundary.
    fn boundary(&self, offset: usize) -> usize {
        let mut off = offset.min(self.text.len());
        while off > 0 && !self.text.is_char_boundary(off) {
            off -= 1;
        }
        off
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> u64 {
        let off = self.boundary(offset);
        self.starts.partition_point(|&s| s <= off) as u64
    }

    /// 1-based (line, column) of byte `offset`; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (u64, u64) {
        let off = self.boundary(offset);
        let line = self.starts.partition_point(|&s| s <= off);
        let start = self.starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let (last_off, last_col) = self.last.get();
        let (from, col) = if (start..=off).contains(&last_off) && last_col > 0 {
            (last_off, last_col)
        } else {
            (start, 1)
        };
        let col = col + self.text.get(from..off).map_or(0, |s| s.chars().count()) as u64;
        self.last.set((off, col));
        (line as u64, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = x\n";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_col(0), (1, 1));
        assert_eq!(ix.line_col(6), (2, 1));
        // "bé " is 4 bytes, 3 characters: the `=` is column 4.
        assert_eq!(ix.line_col(10), (2, 4));
        // Inside "é": the character's start. Past the end: the end.
        assert_eq!(ix.line_col(8), (2, 2));
        assert_eq!(ix.line_col(99), (3, 1));
        assert_eq!(ix.line(99), 3);
    }

    #[test]
    fn columns_asked_in_any_order_equal_counting_from_the_line_start() {
        let text = "x\n«ab» cd é\n\nlast line";
        let ix = LineIndex::new(text);
        let naive = |off: usize| {
            let before = &text[..off];
            let line = before.matches('\n').count() as u64 + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            (line, text[start..off].chars().count() as u64 + 1)
        };
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        // In order, backwards, and jumping between lines (the cache must not leak).
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([9, 20, 4, 0, 14].iter())
        {
            assert_eq!(ix.line_col(o), naive(o), "offset {o}");
            assert_eq!(ix.line(o), naive(o).0, "offset {o}");
        }
    }

    #[test]
    fn capped_lines_split_on_newline_and_keep_the_last_line() {
        let mut r = io::BufReader::with_capacity(4, &b"ab\ncdefgh\n\nxyz"[..]);
        let mut lines = Vec::new();
        loop {
            let mut buf = Vec::new();
            if read_line_capped(&mut r, &mut buf).unwrap() == 0 {
                break;
            }
            lines.push(String::from_utf8(buf).unwrap());
        }
        assert_eq!(lines, ["ab", "cdefgh", "", "xyz"]);
    }

    #[test]
    fn dates_are_real_calendar_days() {
        for ok in [
            "2023",
            "2023-01",
            "2023-01-04",
            "1999-12-31",
            "2024-02-29",
            "2000-02-29",
            "2023-01-04T10:30",
            "2023-01-04T10:30:59",
            "2023-01-04 10:30:59.123",
            "2023-01-04T10:30:00Z",
            "2023-01-04T10:30:00+05:30",
            "2023-01-04T10:30:00.5-08:00",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "yesterday",
            "2023-02-30",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "23-01-04",
            "2023-1-4",
            "04-01-2023",
            "2023-13",
            "2023-01-32",
            "2023-00-10",
            "",
            "2023/01/04",
            "2023-01T10:00",
            "2023T10:00",
            "2023-01-04T",
            "2023-01-04T24:00",
            "2023-01-04T10:60",
            "2023-01-04T10:30:00.",
            "2023-01-04T10:30:00+5",
            "2023-01-04 noon",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn nul_bytes_are_refused_with_their_line() {
        let p = Path::new("a.csv");
        let at = At {
            line: 10,
            offset: 100,
        };
        assert!(check_no_nul(b"abc\ndef", p, at).is_ok());
        let e = check_no_nul(b"abc\nd\0f", p, at).unwrap_err().to_string();
        assert_eq!(
            e,
            "a.csv:11: binary file (NUL byte at byte offset 105): not a text article"
        );
        assert!(check_no_nul_char("a\0b", "text")
            .unwrap_err()
            .contains("U+0000"));
    }

    #[test]
    fn boilerplate_only_is_empty() {
        let b = [
            "Subscribe to our channel".to_string(),
            "Follow us".to_string(),
        ];
        assert_eq!(
            emptiness_of_article("Subscribe to our channel\r\n  Follow us  \n\n", &b),
            Some(BOILERPLATE_ONLY)
        );
        assert_eq!(
            emptiness_of_article("Follow us\n-- 2023 --\n", &b),
            Some(BOILERPLATE_ONLY)
        );
        assert_eq!(emptiness_of_article("Follow us\nThe junta.\n", &b), None);
        // A line that only holds a boilerplate line is not one.
        assert_eq!(emptiness_of_article("Please Follow us\n", &b), None);
        assert_eq!(
            emptiness_of_article(" \n", &b),
            Some("empty article skipped")
        );
        assert_eq!(emptiness_of_article("Follow us\n", &[]), None);
    }

    #[test]
    fn emptiness_needs_a_letter() {
        assert_eq!(emptiness(" \t\r\n"), Some("empty article skipped"));
        assert!(emptiness("!!! ... 2023 -- [8] 👍").is_some_and(|m| m.contains("no words")));
        assert_eq!(emptiness("2023: a"), None);
        assert_eq!(emptiness("مرحبا"), None);
        assert_eq!(emptiness("你好"), None);
    }

    #[test]
    fn utf16_is_recognized() {
        let p = Path::new("x.txt");
        assert!(check_not_utf16(b"\xFF\xFEa\0", p)
            .unwrap_err()
            .to_string()
            .contains("UTF-16LE text (byte-order mark FF FE)"));
        assert!(check_not_utf16(b"\xFE\xFF\0a", p)
            .unwrap_err()
            .to_string()
            .contains("UTF-16BE"));
        assert!(check_not_utf16(b"\xFF\xFE\0\0a\0\0\0", p)
            .unwrap_err()
            .to_string()
            .contains("UTF-32LE"));
        assert!(check_not_utf16(b"\xEF\xBB\xBFabc", p).is_ok());
        assert!(looks_like_utf16(b"H\0e\0l\0l\0o\0"));
        assert!(looks_like_utf16(b"\0H\0e\0l\0l\0o"));
        assert!(!looks_like_utf16(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
    }

    #[test]
    fn newlines_are_counted() {
        assert_eq!(count_newlines(b"a\nb\n\nc"), 3);
        assert_eq!(count_newlines(b""), 0);
    }
}
