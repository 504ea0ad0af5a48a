//! Heatmap with the value printed in every cell (lexicon rates, source
//! similarity, actor × category).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::canvas::{
    fit, label_width, no_data, render, row_label_width, text_width, wrap, wrap_width, Font,
    HEADER_H, LABEL_PX, MARGIN, MUTED, ROW_LINE, TICK_PX,
};
use super::scale::{fmt_fixed, nice_ticks, text_on, viridis, Linear};
use super::Labels;

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

/// A heatmap of `values[row][col]` (rows × cols; missing or non-finite cells are
/// grey with "–"), coloured on viridis from the smallest to the largest value,
/// each value printed with `decimals` decimals (at most 6) in black or white for
/// contrast. Row labels on the left (axis title `labels.y`), column labels below
/// (horizontal when they fit, else vertical; axis title `labels.x`), and a colour
/// bar titled `value_label` whose ends give the exact minimum and maximum.
pub fn heatmap(
    labels: &Labels,
    rows: &[String],
    cols: &[String],
    values: &[Vec<Option<f64>>],
    value_label: &str,
    decimals: usize,
) -> String {
    let decimals = decimals.min(6);
    let cell = |r: usize, c: usize| -> Option<f64> {
        values
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    };
    let finite: Vec<f64> = (0..rows.len())
        .flat_map(|r| (0..cols.len()).filter_map(move |c| cell(r, c)))
        .collect();
    if finite.is_empty() {
        return no_data(labels, "No data: every cell is empty.");
    }
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let colour_of = |v: f64| {
        if hi > lo {
            viridis((v - lo) / (hi - lo))
        } else {
            viridis(0.5)
        }
    };

    let (nr, nc) = (rows.len(), cols.len());
    let value_w = finite
        .iter()
        .map(|&v| text_width(&fmt_fixed(v, decimals), CELL_PX))
        .fold(0.0, f64::max);
    let cell_w = (value_w + 12.0)
        .max(MIN_CELL_W)
        .max((560.0 / nc as f64).min(MAX_CELL_W));
    // A label too long for its room wraps (rows: two lines, one above the
    // other; columns: up to four lines under the cell, or, when that is too
    // narrow, vertical in up to three lines side by side); cut only beyond that.
    let row_label_w = row_label_width(rows, MAX_ROW_LABEL_W);
    let col_room = cell_w - 6.0;
    let vertical_cols = cols
        .iter()
        .any(|c| wrap_width(c, LABEL_PX, COL_LINES) > col_room);
    let col_h = if vertical_cols {
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

    let left = MARGIN + if labels.y.is_empty() { 0.0 } else { 24.0 } + row_label_w + 10.0;
    let grid_top = HEADER_H + 4.0;
    let grid_bottom = grid_top + nr as f64 * CELL_H;
    let grid_right = left + nc as f64 * cell_w;
    let x_title_y = grid_bottom + col_h + 4.0;
    let legend_y = x_title_y + if labels.x.is_empty() { 4.0 } else { 30.0 };
    let width = (grid_right + MARGIN).max(640.0);
    let height = legend_y + 18.0 + 14.0 + 22.0 + MARGIN;

    render(labels, width, height, |c| {
        c.title(labels.title);
        for (r, row) in rows.iter().enumerate() {
            let y = grid_top + r as f64 * CELL_H;
            c.row_label(row, left - 8.0, y + CELL_H / 2.0, row_label_w);
            for col in 0..nc {
                let x = left + col as f64 * cell_w;
                let (fill, text, ink) = match cell(r, col) {
                    Some(v) => {
                        let bg = colour_of(v);
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
        for (col, name) in cols.iter().enumerate() {
            let x = left + col as f64 * cell_w + cell_w / 2.0;
            if vertical_cols {
                let lines = wrap(name, LABEL_PX, col_h - 10.0, COL_LINES_VERTICAL);
                for (i, line) in lines.iter().enumerate() {
                    let dx = (i as f64 - (lines.len() - 1) as f64 / 2.0) * ROW_LINE;
                    c.text(
                        line,
                        x + dx,
                        grid_bottom + 6.0,
                        Font::new(LABEL_PX)
                            .anchor(HPos::Right, VPos::Center)
                            .vertical(),
                    );
                }
            } else {
                for (i, line) in wrap(name, LABEL_PX, col_room, COL_LINES).iter().enumerate() {
                    c.text(
                        line,
                        x,
                        grid_bottom + 6.0 + i as f64 * (LABEL_PX + 3.0),
                        Font::new(LABEL_PX).anchor(HPos::Center, VPos::Top),
                    );
                }
            }
        }
        if !labels.x.is_empty() {
            c.x_title(
                labels.x,
                (left + grid_right) / 2.0,
                x_title_y,
                (grid_right - left).max(300.0),
            );
        }
        if !labels.y.is_empty() {
            c.y_title(labels.y, MARGIN, (grid_top + grid_bottom) / 2.0);
        }
        // Colour bar.
        let lx = left;
        let title = fit(value_label, LABEL_PX, width - lx - MARGIN);
        c.text(
            &title,
            lx,
            legend_y,
            Font::new(LABEL_PX).anchor(HPos::Left, VPos::Top),
        );
        let by = legend_y + 18.0;
        let steps = 64;
        for i in 0..steps {
            let t0 = i as f64 / steps as f64;
            let t1 = (i + 1) as f64 / steps as f64;
            let colour = if hi > lo {
                viridis((t0 + t1) / 2.0)
            } else {
                viridis(0.5)
            };
            c.rect(
                lx + t0 * LEGEND_W,
                by,
                lx + t1 * LEGEND_W,
                by + 12.0,
                colour.to_rgba(),
            );
        }
        // The ends carry the exact minimum and maximum; nice ticks in between
        // unless they would crowd an end label.
        let ticks: Vec<(f64, String)> = if hi > lo {
            let t = nice_ticks(lo, hi, 4);
            let sc = Linear::new(lo, hi, lx, lx + LEGEND_W);
            let mut marks = vec![(lx, fmt_fixed(lo, decimals))];
            marks.extend(
                t.values
                    .iter()
                    .map(|&v| (sc.map(v), t.label(v)))
                    .filter(|(x, _)| *x > lx + 36.0 && *x < lx + LEGEND_W - 36.0),
            );
            marks.push((lx + LEGEND_W, fmt_fixed(hi, decimals)));
            marks
        } else {
            vec![(lx + LEGEND_W / 2.0, fmt_fixed(lo, decimals))]
        };
        for (x, label) in ticks {
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
    })
}
