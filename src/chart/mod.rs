//! SVG charts for the report.
//!
//! Every function takes plain data (no other framelens type) and returns a complete
//! SVG document as a `String`. Each chart has a visible title, labelled axes, a
//! legend where colour carries meaning, and `<title>`/`<desc>` elements right after
//! the opening `<svg>` tag (the caller supplies the description, e.g. a one-sentence
//! summary of the finding).
//!
//! Invariants:
//! - Rendering never touches the system's fonts: DejaVu Sans is embedded in the
//!   binary and registered with plotters' `ab_glyph` backend once, and all text
//!   measurement (truncation, layout, label collisions) uses it. The SVG names
//!   `DejaVu Sans, Verdana, Arial, sans-serif`; measurement with DejaVu is
//!   slightly conservative for the narrower fallbacks.
//! - Untrusted text (labels come from the corpus) is escaped by plotters' SVG
//!   backend (`< > & " '`); characters that XML 1.0 forbids (C0/C1 controls,
//!   U+FFFE/U+FFFF) are replaced by spaces before drawing, so the output always
//!   parses as XML. `<title>`/`<desc>` are escaped here.
//! - Same input, same bytes: no ids, no hash-map order, coordinates rounded to
//!   whole pixels.
//! - Non-finite numbers are skipped, empty inputs give a chart with a "No data"
//!   note; nothing panics.
//! - Palettes are colour-blind safe: Okabe–Ito for categories, viridis for
//!   heatmaps, blue–orange for diverging (keyness) bars.
//! - A heatmap of a bounded measure is coloured on its fixed scale
//!   ([`ColourScale::Fixed`]: a cosine near 1 is bright however close the
//!   other cells are); only unbounded values (rates, counts) stretch over the
//!   values drawn, and the colour bar's ends then name them.
//! - Sizes grow with the number of panels, rows, groups and series; labels that do
//!   not fit are shortened with an ellipsis, never drawn over each other.

mod bars;
mod canvas;
mod grouped;
mod heatmap;
mod lines;
mod scale;
mod scatter;

pub use bars::{bar_small_multiples, diverging_bars};
pub use grouped::{bars_with_ci, stacked_bars, CI_PANEL_SERIES};
pub use heatmap::heatmap;
pub use lines::rank_frequency;
pub use scatter::scatter_labeled;

/// The words of a chart: its visible title, its `<desc>` text and its axis titles.
///
/// An empty axis title is not drawn (some charts supply a default; see each
/// function).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Labels<'a> {
    /// Visible title, also written to the SVG `<title>`.
    pub title: &'a str,
    /// Written to the SVG `<desc>` (not drawn).
    pub desc: &'a str,
    /// Title of the horizontal axis.
    pub x: &'a str,
    /// Title of the vertical axis.
    pub y: &'a str,
}

/// How a heatmap's colours map onto its values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColourScale {
    /// From the smallest value in the chart (darkest) to the largest (brightest):
    /// for unbounded values such as rates and counts. The darkest cell is the
    /// smallest value drawn, not zero; the colour bar's ends name both.
    Observed,
    /// From `lo` (darkest) to `hi` (brightest) whatever the values: for bounded
    /// measures (a cosine or a Jensen–Shannon divergence on 0–1), so that a
    /// value's colour says where it lies on the measure, not among its
    /// neighbours. Values beyond an end take its colour; the colour bar spans
    /// `lo..=hi` and brackets the observed range over it. Ends that are not
    /// finite, or `lo >= hi`, fall back to [`ColourScale::Observed`].
    Fixed { lo: f64, hi: f64 },
}

/// One bar: a label (a term), its value and an optional note drawn at the bar's
/// end instead of the value (e.g. the raw count, `"n=45"`).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub annotation: Option<String>,
}

/// One panel of small multiples (one source).
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub title: String,
    /// Drawn top to bottom in this order.
    pub bars: Vec<Bar>,
}

/// One panel of diverging bars: terms a source over-uses (drawn to the right) and
/// under-uses (drawn to the left; the magnitude `|value|` is used whatever the sign).
#[derive(Clone, Debug, PartialEq)]
pub struct DivergingPanel {
    pub title: String,
    pub over: Vec<Bar>,
    pub under: Vec<Bar>,
}

/// One series of grouped bars (one source): `points[i]` is `(value, lo, hi)` for
/// group `i`, with `lo..hi` the confidence interval. Missing or non-finite values
/// are not drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64, f64)>,
}

/// One point of a labelled scatter plot. Highlighted points are drawn larger and
/// get a text label when it fits without overlapping another.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub highlight: bool,
}
