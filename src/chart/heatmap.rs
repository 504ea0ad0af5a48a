//! Heatmap with the value printed in every cell (lexicon rates, source
//! similarity, actor × category): the layout (cell width, label room, where the
//! bands of column labels go) is worked out first, then the cells, the column
//! labels and the colour bar are drawn.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::canvas::{
    fit, label_width, no_data, render, row_label_width, text_width, widest, wrap, wrap_width,
    Canvas, Font, Plot, HEADER_H, INK, LABEL_PX, MARGIN, MUTED, ROW_LINE, TICK_PX,
};
use super::scale::{fmt_fixed, nice_ticks, text_on, viridis, Linear};
use super::{ColourScale, Labels};

const CELL_H: f64 = 26.0;
const CELL_PX: f64 = 11.0;
const MIN_CELL_W: f64 = 48.0;
const MAX_CELL_W: f64 = 120.0;
const MAX_ROW_LABEL_W: f64 = 240.0;
const MAX_COL_LABEL_H: f64 = 200.0;
const LEGEND_W: f64 = 260.0;
/// Lines of a column label under its cell, and of a vertical one.
const COL_LINES: usize = 4;
const COL_LINES_VERTICAL: usize = 3;
const EMPTY_CELL: RGBColor = RGBColor(0xF0, 0xF0, 0xF0);
/// Rows between two bands of column labels: a tall heatmap repeats its column
/// labels above every block of this many rows.
pub(crate) const BLOCK_ROWS: usize = 40;
/// Room for the horizontal axis title above the column labels.
const X_TITLE_H: f64 = 24.0;
/// Gap between the colour bar and the note naming the observed range.
const NOTE_GAP: f64 = 14.0;

/// A heatmap of `values[row][col]` (rows × cols; missing or non-finite cells are
/// grey with "–"), coloured on viridis as `scale` says (dark purple the low end,
/// yellow the high end), each value printed with `decimals` decimals (at most 6)
/// in black or white for contrast. Row labels on the left (axis title
/// `labels.y`); column labels above the cells (horizontal when they fit, else
/// vertical; axis title `labels.x` above them), repeated above every block of
/// [`BLOCK_ROWS`] rows and below the last row when its block is more than half
/// that. Under the cells a colour bar titled `value_label`: on
/// [`ColourScale::Observed`] its ends give the exact minimum and maximum; on
/// [`ColourScale::Fixed`] it spans the fixed ends, with the observed range
/// bracketed over it and named beside it ("observed 0.90–1.00").
pub fn heatmap(
    labels: &Labels,
    rows: &[String],
    cols: &[String],
    values: &[Vec<Option<f64>>],
    value_label: &str,
    decimals: usize,
    scale: ColourScale,
) -> String {
    let decimals = decimals.min(6);
    let cells = Cells {
        values,
        rows: rows.len(),
        cols: cols.len(),
    };
    let finite = cells.finite();
    let Some(scale) = Scale::new(scale, &finite) else {
        return no_data(labels, "No data: every cell is empty.");
    };
    let note = scale.observed_note(decimals);
    let layout = Layout::new(labels, rows, cols, &finite, decimals, note.as_deref());

    render(labels, layout.width, layout.height, |c| {
        c.title(labels.title);
        draw_cells(c, &layout, rows, &cells, &scale, decimals);
        for band in &layout.bands {
            draw_col_labels(c, &layout, cols, *band);
        }
        let grid = &layout.grid;
        c.axis_titles(
            labels,
            grid,
            layout.x_title_y,
            (grid.right - grid.left).max(300.0),
        );
        draw_colour_bar(c, &layout, value_label, &scale, decimals);
        if let Some(note) = &note {
            draw_observed(c, &layout, &scale, note);
        }
    })
}

/// The cells of a heatmap: `values[row][col]`, missing or non-finite ones `None`.
struct Cells<'a> {
    values: &'a [Vec<Option<f64>>],
    rows: usize,
    cols: usize,
}

impl Cells<'_> {
    fn get(&self, r: usize, c: usize) -> Option<f64> {
        self.values
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }

    /// The finite values, row by row.
    fn finite(&self) -> Vec<f64> {
        (0..self.rows)
            .flat_map(|r| (0..self.cols).filter_map(move |c| self.get(r, c)))
            .collect()
    }
}

/// The colour scale: its ends `lo` (darkest) and `hi` (brightest), the
/// smallest and largest value drawn, and whether the ends are fixed.
#[derive(Clone, Copy)]
struct Scale {
    lo: f64,
    hi: f64,
    observed: (f64, f64),
    fixed: bool,
}

impl Scale {
    /// The scale of `finite` values as `scale` asks; `None` when there is none.
    fn new(scale: ColourScale, finite: &[f64]) -> Option<Scale> {
        if finite.is_empty() {
            return None;
        }
        let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
        let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(match scale {
            ColourScale::Fixed { lo, hi } if lo.is_finite() && hi.is_finite() && lo < hi => Scale {
                lo,
                hi,
                observed: (min, max),
                fixed: true,
            },
            _ => Scale {
                lo: min,
                hi: max,
                observed: (min, max),
                fixed: false,
            },
        })
    }

    /// Where `v` lies between the ends, in 0..=1 (clamped).
    fn t(&self, v: f64) -> f64 {
        ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0)
    }

    /// Viridis at `t` in 0..=1 along the scale; its middle when all values are
    /// equal on an observed scale.
    fn colour_at(&self, t: f64) -> RGBColor {
        if self.hi > self.lo {
            viridis(t)
        } else {
            viridis(0.5)
        }
    }

    /// The colour of a cell holding `v`.
    fn colour(&self, v: f64) -> RGBColor {
        self.colour_at(if self.hi > self.lo { self.t(v) } else { 0.5 })
    }

    /// "observed 0.90–1.00" (or "observed 0.90" when every value is equal)
    /// on a fixed scale; nothing on an observed one, whose ends say it.
    fn observed_note(&self, decimals: usize) -> Option<String> {
        let (a, b) = self.observed;
        let (a, b) = (fmt_fixed(a, decimals), fmt_fixed(b, decimals));
        self.fixed.then(|| {
            if a == b {
                format!("observed {a}")
            } else {
                format!("observed {a}–{b}")
            }
        })
    }
}

/// A band of column labels: the y of its edge against the cells, and whether
/// it lies above them (else below).
#[derive(Clone, Copy)]
struct Band {
    edge: f64,
    above: bool,
}

/// Where everything goes, in pixels.
struct Layout {
    cell_w: f64,
    row_label_w: f64,
    /// Room for a horizontal column label over its cell.
    col_room: f64,
    /// Whether the column labels are drawn vertically.
    vertical_cols: bool,
    /// Height of a band holding the column labels.
    col_h: f64,
    /// The bands of column labels, top to bottom.
    bands: Vec<Band>,
    /// From the first row's top to the last row's bottom.
    grid: Plot,
    x_title_y: f64,
    /// The top of the colour bar's title, and of its gradient.
    legend_y: f64,
    bar_y: f64,
    width: f64,
    height: f64,
}

impl Layout {
    fn new(
        labels: &Labels,
        rows: &[String],
        cols: &[String],
        finite: &[f64],
        decimals: usize,
        note: Option<&str>,
    ) -> Layout {
        let (nr, nc) = (rows.len(), cols.len());
        let value_w = widest(finite.iter().map(|&v| fmt_fixed(v, decimals)), CELL_PX);
        let cell_w = (value_w + 12.0)
            .max(MIN_CELL_W)
            .max((560.0 / nc as f64).min(MAX_CELL_W));
        // A label too long for its room wraps (rows: two lines, one above the
        // other; columns: see `col_labels`); cut only beyond that.
        let row_label_w = row_label_width(rows, MAX_ROW_LABEL_W);
        let col_room = cell_w - 6.0;
        let (vertical_cols, col_h) = col_labels(cols, col_room);

        let left = MARGIN + if labels.y.is_empty() { 0.0 } else { 24.0 } + row_label_w + 10.0;
        let x_title_y = HEADER_H + 4.0;
        let first_band = x_title_y + if labels.x.is_empty() { 0.0 } else { X_TITLE_H };
        let (bands, rows_h) = bands(nr, first_band + col_h, col_h);
        let grid = Plot {
            left,
            top: first_band + col_h,
            right: left + nc as f64 * cell_w,
            bottom: first_band + col_h + rows_h,
        };
        let below = bands.last().filter(|b| !b.above).map_or(0.0, |_| col_h);
        let legend_y = grid.bottom + below + 14.0;
        // Room above the gradient for the bracket of the observed range.
        let bar_y = legend_y + if note.is_some() { 24.0 } else { 18.0 };
        let note_w = note.map_or(0.0, |n| NOTE_GAP + text_width(n, TICK_PX) + 4.0);
        let legend_right = left + LEGEND_W + note_w;
        Layout {
            cell_w,
            row_label_w,
            col_room,
            vertical_cols,
            col_h,
            bands,
            grid,
            x_title_y,
            legend_y,
            bar_y,
            width: (grid.right.max(legend_right) + MARGIN).max(640.0),
            height: bar_y + 14.0 + 22.0 + MARGIN,
        }
    }

    /// The top of row `r`: a band of column labels lies above every block of
    /// [`BLOCK_ROWS`] rows.
    fn row_y(&self, r: usize) -> f64 {
        self.grid.top + r as f64 * CELL_H + (r / BLOCK_ROWS) as f64 * self.col_h
    }
}

/// The bands of column labels for `nr` rows whose first row starts at
/// `rows_top`, and the height from there to the last row's bottom: a band
/// above each block of [`BLOCK_ROWS`] rows, and one below the last row when
/// its block holds more than half that many.
fn bands(nr: usize, rows_top: f64, col_h: f64) -> (Vec<Band>, f64) {
    let blocks = nr.div_ceil(BLOCK_ROWS).max(1);
    let block_h = BLOCK_ROWS as f64 * CELL_H + col_h;
    let mut bands: Vec<Band> = (0..blocks)
        .map(|b| Band {
            edge: rows_top + b as f64 * block_h,
            above: true,
        })
        .collect();
    let rows_h = nr as f64 * CELL_H + (blocks - 1) as f64 * col_h;
    let last_block = nr.saturating_sub((blocks - 1) * BLOCK_ROWS);
    if last_block > BLOCK_ROWS / 2 {
        bands.push(Band {
            edge: rows_top + rows_h,
            above: false,
        });
    }
    (bands, rows_h)
}

/// Whether the column labels go vertical, and the height they need. A label
/// takes up to four lines over its cell (`col_room` wide); when one of them
/// does not fit so, all are vertical, in up to three lines side by side.
fn col_labels(cols: &[String], col_room: f64) -> (bool, f64) {
    let vertical = cols
        .iter()
        .any(|c| wrap_width(c, LABEL_PX, COL_LINES) > col_room);
    let h = if vertical {
        cols.iter()
            .map(|c| label_width(c, MAX_COL_LABEL_H, COL_LINES_VERTICAL))
            .fold(0.0, f64::max)
            + 10.0
    } else {
        let lines = cols
            .iter()
            .map(|c| wrap(c, LABEL_PX, col_room, COL_LINES).len())
            .max()
            .unwrap_or(1)
            .max(1);
        24.0 + (lines - 1) as f64 * (LABEL_PX + 3.0)
    };
    (vertical, h)
}

/// Each row's label, then its cells with their values.
fn draw_cells(
    c: &mut Canvas,
    layout: &Layout,
    rows: &[String],
    cells: &Cells,
    scale: &Scale,
    decimals: usize,
) {
    let (left, cell_w) = (layout.grid.left, layout.cell_w);
    for (r, row) in rows.iter().enumerate() {
        let y = layout.row_y(r);
        c.row_label(row, left - 8.0, y + CELL_H / 2.0, layout.row_label_w);
        for col in 0..cells.cols {
            let x = left + col as f64 * cell_w;
            let (fill, text, ink) = match cells.get(r, col) {
                Some(v) => {
                    let bg = scale.colour(v);
                    (bg, fmt_fixed(v, decimals), text_on(bg))
                }
                None => (EMPTY_CELL, "–".to_string(), MUTED),
            };
            c.rect(
                x + 1.0,
                y + 1.0,
                x + cell_w - 1.0,
                y + CELL_H - 1.0,
                fill.to_rgba(),
            );
            c.text(
                &text,
                x + cell_w / 2.0,
                y + CELL_H / 2.0,
                Font::new(CELL_PX)
                    .color(ink)
                    .anchor(HPos::Center, VPos::Center),
            );
        }
    }
}

/// One band of column labels, vertical or horizontal as laid out, set
/// against the cells: a vertical label reads bottom to top with its end next
/// to the cells below it (its start next to the cells above it); the lines
/// of a horizontal label sit on the cells below (hang from the cells above).
fn draw_col_labels(c: &mut Canvas, layout: &Layout, cols: &[String], band: Band) {
    let y = if band.above {
        band.edge - 6.0
    } else {
        band.edge + 6.0
    };
    for (col, name) in cols.iter().enumerate() {
        let x = layout.grid.left + col as f64 * layout.cell_w + layout.cell_w / 2.0;
        if layout.vertical_cols {
            let lines = wrap(name, LABEL_PX, layout.col_h - 10.0, COL_LINES_VERTICAL);
            let h = if band.above { HPos::Left } else { HPos::Right };
            for (i, line) in lines.iter().enumerate() {
                let dx = (i as f64 - (lines.len() - 1) as f64 / 2.0) * ROW_LINE;
                let font = Font::new(LABEL_PX).anchor(h, VPos::Center).vertical();
                c.text(line, x + dx, y, font);
            }
        } else {
            let lines = wrap(name, LABEL_PX, layout.col_room, COL_LINES);
            let step = LABEL_PX + 3.0;
            for (i, line) in lines.iter().enumerate() {
                let (ly, v) = if band.above {
                    (y - (lines.len() - 1 - i) as f64 * step, VPos::Bottom)
                } else {
                    (y + i as f64 * step, VPos::Top)
                };
                c.text(line, x, ly, Font::new(LABEL_PX).anchor(HPos::Center, v));
            }
        }
    }
}

/// The colour bar under the grid: its title, the gradient, and tick labels.
fn draw_colour_bar(
    c: &mut Canvas,
    layout: &Layout,
    value_label: &str,
    scale: &Scale,
    decimals: usize,
) {
    let (lx, legend_y) = (layout.grid.left, layout.legend_y);
    let title = fit(value_label, LABEL_PX, layout.width - lx - MARGIN);
    c.text(
        &title,
        lx,
        legend_y,
        Font::new(LABEL_PX).anchor(HPos::Left, VPos::Top),
    );
    let by = layout.bar_y;
    let steps = 64;
    for i in 0..steps {
        let t0 = i as f64 / steps as f64;
        let t1 = (i + 1) as f64 / steps as f64;
        c.rect(
            lx + t0 * LEGEND_W,
            by,
            lx + t1 * LEGEND_W,
            by + 12.0,
            scale.colour_at((t0 + t1) / 2.0).to_rgba(),
        );
    }
    for (x, label) in colour_bar_ticks(scale, lx, decimals) {
        c.line(&[(x, by + 12.0), (x, by + 16.0)], MUTED.to_rgba(), 1);
        c.text(
            &label,
            x,
            by + 18.0,
            Font::new(TICK_PX)
                .color(MUTED)
                .anchor(HPos::Center, VPos::Top),
        );
    }
}

/// On a fixed scale: the observed range bracketed over the colour bar (at
/// least 4 pixels wide, so that a single value shows), and `note` naming it
/// to the bar's right.
fn draw_observed(c: &mut Canvas, layout: &Layout, scale: &Scale, note: &str) {
    let (lx, by) = (layout.grid.left, layout.bar_y);
    let (a, b) = scale.observed;
    let (mut x0, mut x1) = (lx + scale.t(a) * LEGEND_W, lx + scale.t(b) * LEGEND_W);
    if x1 - x0 < 4.0 {
        let mid = ((x0 + x1) / 2.0).clamp(lx + 2.0, lx + LEGEND_W - 2.0);
        (x0, x1) = (mid - 2.0, mid + 2.0);
    }
    let (top, foot) = (by - 5.0, by - 1.0);
    let bracket = [(x0, foot), (x0, top), (x1, top), (x1, foot)];
    c.line(&bracket, INK.to_rgba(), 2);
    let room = layout.width - MARGIN - (lx + LEGEND_W + NOTE_GAP);
    c.text(
        &fit(note, TICK_PX, room),
        lx + LEGEND_W + NOTE_GAP,
        by + 6.0,
        Font::new(TICK_PX).anchor(HPos::Left, VPos::Center),
    );
}

/// The colour bar's tick marks (pixel x, label) for a bar starting at `lx`.
/// On an observed scale the ends carry the exact minimum and maximum, with
/// nice ticks in between unless they would crowd an end label, and one mark
/// in the middle when all values are equal. On a fixed scale, the nice ticks
/// from end to end.
fn colour_bar_ticks(scale: &Scale, lx: f64, decimals: usize) -> Vec<(f64, String)> {
    let (lo, hi) = (scale.lo, scale.hi);
    if hi <= lo {
        return vec![(lx + LEGEND_W / 2.0, fmt_fixed(lo, decimals))];
    }
    let t = nice_ticks(lo, hi, 4);
    let sc = Linear::new(lo, hi, lx, lx + LEGEND_W);
    if scale.fixed {
        let eps = (hi - lo) * 1e-9;
        return t
            .values
            .iter()
            .filter(|&&v| v >= lo - eps && v <= hi + eps)
            .map(|&v| (sc.map(v), t.label(v)))
            .collect();
    }
    let mut marks = vec![(lx, fmt_fixed(lo, decimals))];
    marks.extend(
        t.marks(&sc)
            .into_iter()
            .filter(|(x, _)| *x > lx + 36.0 && *x < lx + LEGEND_W - 36.0),
    );
    marks.push((lx + LEGEND_W, fmt_fixed(hi, decimals)));
    marks
}
