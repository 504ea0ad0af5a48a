//! CSV cells a spreadsheet would run as a formula (CSV injection, OWASP): a
//! text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets a leading `'`, which Excel, LibreOffice and Google Sheets show as text.
//! Numbers (`-3.03`, `+1e-5`) are left alone: a spreadsheet reads them as
//! numbers, not formulas. Corpus text (source names, titles, authors, URLs,
//! paths, KWIC context, surface forms) reaches CSV cells, so every CSV
//! framelens writes passes through [`neutralize`]; JSON keeps the raw values.

use crate::error::Error;

/// Whether a spreadsheet would take `cell` for a formula.
pub fn is_formula(cell: &[u8]) -> bool {
    match cell.first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_number(cell),
        _ => false,
    }
}

/// A decimal number as CSV writes one (`-12`, `+0.5`, `-1e-7`), not `-inf`.
fn is_number(cell: &[u8]) -> bool {
    std::str::from_utf8(cell).is_ok_and(|s| {
        s.bytes().any(|b| b.is_ascii_digit())
            && s.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
            && s.parse::<f64>().is_ok()
    })
}

/// `csv` (bytes of whole records, as a `csv::Writer` with framelens's settings
/// wrote them) with a `'` in front of every cell [`is_formula`] flags; the
/// same bytes when none is (the common case costs one read of the records).
pub fn neutralize(csv: Vec<u8>) -> Result<Vec<u8>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_slice());
    let records: Vec<csv::ByteRecord> = reader
        .byte_records()
        .collect::<Result<_, _>>()
        .map_err(|e| Error::Internal(format!("CSV output reread: {e}")))?;
    if !records.iter().any(|r| r.iter().any(is_formula)) {
        return Ok(csv);
    }
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::with_capacity(csv.len() + 64));
    let err = |e: csv::Error| Error::Internal(format!("CSV output: {e}"));
    let mut quoted = Vec::new();
    for r in &records {
        for f in r {
            if is_formula(f) {
                quoted.clear();
                quoted.push(b'\'');
                quoted.extend_from_slice(f);
                out.write_field(&quoted).map_err(err)?;
            } else {
                out.write_field(f).map_err(err)?;
            }
        }
        // Ends the record.
        out.write_record(None::<&[u8]>).map_err(err)?;
    }
    out.into_inner()
        .map_err(|e| Error::Internal(format!("CSV output: {}", e.error())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        String::from_utf8(neutralize(s.as_bytes().to_vec()).unwrap()).unwrap()
    }

    #[test]
    fn formulas_get_a_quote_and_numbers_do_not() {
        assert_eq!(run("a,b\n-3.03,+1e-5\n"), "a,b\n-3.03,+1e-5\n");
        assert_eq!(
            run("source,n\n\"=HYPERLINK(\"\"x\"\")\",-2\n"),
            "source,n\n\"'=HYPERLINK(\"\"x\"\")\",-2\n"
        );
        assert_eq!(
            run("x\n+cmd\n-1+1\n@SUM(A1)\n"),
            "x\n'+cmd\n'-1+1\n'@SUM(A1)\n"
        );
        assert_eq!(run("x\n\"\tTAB\"\n"), "x\n'\tTAB\n");
        assert_eq!(run("x\n-inf\n-\n"), "x\n'-inf\n'-\n");
        // Quoted cells stay quoted; a plain text is untouched.
        assert_eq!(run("x,y\n\"=a,b\",plain\n"), "x,y\n\"'=a,b\",plain\n");
        assert_eq!(run(""), "");
    }

    #[test]
    fn the_flag_is_exactly_the_owasp_list() {
        for (cell, flagged) in [
            ("=1", true),
            ("@a", true),
            ("\tx", true),
            ("\rx", true),
            ("+x", true),
            ("-x", true),
            ("-12", false),
            ("+0.5", false),
            ("-1e-7", false),
            ("1-2", false),
            ("a=b", false),
            ("", false),
        ] {
            assert_eq!(is_formula(cell.as_bytes()), flagged, "{cell:?}");
        }
    }
}
