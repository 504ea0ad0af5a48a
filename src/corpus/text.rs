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

#[cfg(test)]
mod tests {
    use super::*;

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
