//! The report's tables as HTML and as Markdown: one renderer each for any
//! table view (`output::View`), which the page and the README build their
//! tables as. Every cell's text is escaped here (`escape`), links only through
//! `escape::link_url`; the only markup is written here with fixed strings.

use std::fmt::Write;

use super::escape::{self, html as esc};
use crate::output::{Align, Cell, View};

/// A cell as HTML.
fn html_cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => esc(t),
        Cell::Link { text, url } => html_link(text, url.as_deref()),
        Cell::Id(t) => format!("<span class=\"id\">{}</span>", esc(t)),
        Cell::NoWrap(t) => format!("<span class=\"nw\">{}</span>", esc(t)),
        Cell::Url(u) => u
            .as_deref()
            .map(|u| format!("<span class=\"url\">{}</span>", html_link(u, Some(u))))
            .unwrap_or_default(),
        Cell::File { name, href } => {
            format!("<a href=\"{}\"><code>{}</code></a>", esc(href), esc(name))
        }
    }
}

/// Escaped text, linked when `url` is an http(s) URL.
pub fn html_link(text: &str, url: Option<&str>) -> String {
    match url.and_then(escape::link_url) {
        Some(u) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            esc(u),
            esc(text)
        ),
        None => esc(text),
    }
}

/// A table view as an HTML table in a scrolling box; `caption` is HTML.
pub fn html(h: &mut String, v: &View, class: &str, caption: &str) {
    if class.is_empty() {
        h.push_str("<div class=\"wide\"><table>");
    } else {
        let _ = write!(h, "<div class=\"wide\"><table class=\"{class}\">");
    }
    if !caption.is_empty() {
        let _ = write!(h, "<caption>{caption}</caption>");
    }
    let num = |a: Align| {
        if a == Align::Right {
            " class=\"num\""
        } else {
            ""
        }
    };
    h.push_str("<thead><tr>");
    for (t, a) in &v.headers {
        let _ = write!(h, "<th{}>{}</th>", num(*a), esc(t));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &v.rows {
        h.push_str("<tr>");
        for ((_, a), cell) in v.headers.iter().zip(r) {
            let _ = write!(h, "<td{}>{}</td>", num(*a), html_cell(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
}

/// A cell as Markdown.
fn markdown_cell(c: &Cell) -> String {
    match c {
        Cell::Link { text, url } => markdown_link(text, url.as_deref()),
        Cell::Url(u) => u
            .as_deref()
            .map(|u| markdown_link(u, Some(u)))
            .unwrap_or_default(),
        Cell::File { name, href } => format!("[`{name}`]({})", escape::markdown_url(href)),
        other => escape::markdown(other.text()),
    }
}

/// Escaped text, linked when `url` is an http(s) URL.
pub fn markdown_link(text: &str, url: Option<&str>) -> String {
    match url.and_then(escape::link_url) {
        Some(u) => format!("[{}]({})", escape::markdown(text), escape::markdown_url(u)),
        None => escape::markdown(text),
    }
}

/// A table view as a Markdown (GitHub) table, followed by a blank line.
pub fn markdown(m: &mut String, v: &View) {
    let head: Vec<String> = v.headers.iter().map(|(t, _)| escape::markdown(t)).collect();
    let _ = writeln!(m, "| {} |", head.join(" | "));
    let align: Vec<&str> = v
        .headers
        .iter()
        .map(|(_, a)| if *a == Align::Right { "---:" } else { "---" })
        .collect();
    let _ = writeln!(m, "|{}|", align.join("|"));
    for r in &v.rows {
        let cells: Vec<String> = r.iter().map(markdown_cell).collect();
        let _ = writeln!(m, "| {} |", cells.join(" | "));
    }
    m.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> View {
        let mut v = View::new(&[("Source", Align::Left), ("n", Align::Right)]);
        v.cells(vec![
            Cell::Link {
                text: "<b>A|B</b>".into(),
                url: Some("javascript:alert(1)".into()),
            },
            Cell::Text("3".into()),
        ]);
        v.cells(vec![
            Cell::Link {
                text: "C".into(),
                url: Some("https://c.example/(x)".into()),
            },
            Cell::Text("12".into()),
        ]);
        v
    }

    #[test]
    fn html_escapes_every_cell_and_links_only_http() {
        let mut h = String::new();
        html(&mut h, &view(), "", "cap");
        assert!(h.contains("<caption>cap</caption>"));
        assert!(h.contains("<td>&lt;b&gt;A|B&lt;/b&gt;</td><td class=\"num\">3</td>"));
        assert!(!h.contains("javascript"));
        assert!(h.contains(
            "<a href=\"https://c.example/(x)\" rel=\"noopener noreferrer nofollow\">C</a>"
        ));
    }

    #[test]
    fn markdown_escapes_every_cell_and_aligns_numbers() {
        let mut m = String::new();
        markdown(&mut m, &view());
        assert_eq!(
            m,
            "| Source | n |\n|---|---:|\n| \\<b\\>A\\|B\\</b\\> | 3 |\n| [C](https://c.example/%28x%29) | 12 |\n\n"
        );
    }
}
