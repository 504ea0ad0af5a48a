//! Escaping of untrusted text for the human-facing reports.
//!
//! Everything that comes from the corpus or the lexicon (source names, titles,
//! URLs, authors, terms, KWIC contexts, category labels, warnings) is untrusted:
//! scraped text may contain markup. Each exporter passes every such string through
//! one of these functions, and only these.

/// Text for HTML element content and quoted attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A URL that may become a link: only absolute `http://` and `https://` URLs
/// (no `javascript:`, `data:` or relative paths), with no whitespace or control
/// characters in it.
pub fn link_url(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (clean && !rest.is_empty()).then_some(url)
}

/// Markdown text (paragraphs and table cells): every character that could start
/// markup, a link, an HTML tag, an entity or a table cell is backslash-escaped, and
/// line breaks become spaces, so corpus text stays literal text on one line.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

/// A link destination for Markdown (`[text](dest)`): the characters that could end
/// the destination, start a title, or break a table cell are percent-encoded.
/// Call only on a URL accepted by [`link_url`].
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '\\' => out.push_str("%5C"),
            '|' => out.push_str("%7C"),
            '`' => out.push_str("%60"),
            ' ' => out.push_str("%20"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(
            html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(html("plain – text"), "plain – text");
    }

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(
            link_url("https://a.example/x?y=1"),
            Some("https://a.example/x?y=1")
        );
        assert_eq!(link_url("HTTP://A.EXAMPLE"), Some("HTTP://A.EXAMPLE"));
        for bad in [
            "javascript:alert(1)",
            " https://a.example",
            "https://a.example/\nx",
            "//a.example",
            "data:text/html,<script>",
            "https://",
            "",
            "ftp://a.example",
        ] {
            assert_eq!(link_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn markdown_text_cannot_make_markup() {
        assert_eq!(
            markdown("<script>a|b</script> *x* [l](u) `c` #1 a_b\nnext & ~s~ ![i]"),
            "\\<script\\>a\\|b\\</script\\> \\*x\\* \\[l\\](u) \\`c\\` \\#1 a\\_b next \\& \\~s\\~ \\!\\[i\\]"
        );
        assert_eq!(markdown(r"a\b"), r"a\\b");
    }

    #[test]
    fn markdown_urls_cannot_close_the_link() {
        assert_eq!(
            markdown_url("https://a.example/x_(y)<z>|\"w\""),
            "https://a.example/x_%28y%29%3Cz%3E%7C%22w%22"
        );
    }
}
