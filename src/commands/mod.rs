//! One module per subcommand. Each collects the corpus through
//! `analysis::collect`, selects rows from the analysis model, and returns them
//! as an `output::doc::Document` that the binary renders in the format asked
//! for. No statistic is computed here: commands only select and render.
//! Warnings go back to the caller, which prints them to stderr.

pub mod generate;
pub mod keyness;
pub mod lexicon;
pub mod similarity;
pub mod terms;
pub mod tfidf;
pub mod tokens;

use crate::analysis::{DocHead, Unit};
use crate::corpus::Warning;
use crate::output::printable;

pub type Warnings = Vec<Warning>;

/// The heading line of one document in the table view.
pub(crate) fn heading(doc: &DocHead<'_>, unit: Unit) -> String {
    let what = match unit {
        Unit::Source | Unit::Group if doc.name.is_empty() || doc.name == doc.id => {
            printable(doc.id)
        }
        Unit::Source | Unit::Group => format!("{} ({})", printable(doc.name), printable(doc.id)),
        Unit::Article => printable(doc.id),
    };
    format!(
        "== {what}: {} article{}, {} words ==",
        doc.articles,
        if doc.articles == 1 { "" } else { "s" },
        doc.words
    )
}

/// Under `--by group`, says what the units are: a line first in the table
/// view, and the groups with their sources in JSON (`groups`).
pub(crate) fn groups_note<R>(
    doc: &mut crate::output::doc::Document<'_, R>,
    c: &crate::analysis::collect::Collection,
) {
    if let Some(g) = &c.groups {
        doc.text.insert(
            0,
            crate::output::doc::Block::Line(format!("{}\n", printable(&g.describe()))),
        );
        doc.fields
            .insert("groups".into(), crate::output::doc::json(&g.units));
    }
}

/// A source's name for people: "Name (id)", or the id when the corpus gives
/// no other name.
pub(crate) fn source_label(name: &str, id: &str) -> String {
    if name.is_empty() || name == id {
        printable(id)
    } else {
        format!("{} ({})", printable(name), printable(id))
    }
}

/// Opens `text` with the line that says a statistic was computed within each
/// language (`how`: what it does within one), when there are several.
pub(crate) fn within_languages_line(
    text: &mut Vec<crate::output::doc::Block>,
    dtm: &crate::analysis::dtm::Dtm<'_>,
    languages: &[(&str, Vec<usize>)],
    how: &str,
) {
    if languages.len() > 1 {
        text.insert(
            0,
            crate::output::doc::Block::Line(format!(
                "The corpus has sources in {} languages; {how} ({}).\n",
                languages.len(),
                crate::analysis::languages_line(dtm, languages)
            )),
        );
    }
}
