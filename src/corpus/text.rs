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
            let line = at.line + count_newlines(&bytes[..bad]);
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

/// Whether `text` has no article in it.
pub(crate) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
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
        let content = if found { &chunk[..take - 1] } else { chunk };
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
    fn newlines_are_counted() {
        assert_eq!(count_newlines(b"a\nb\n\nc"), 3);
        assert_eq!(count_newlines(b""), 0);
    }
}
