//! Horizontal bars in small multiples: top terms per source, and diverging
//! (keyness) bars with over-used terms to the right and under-used to the left.
//! Both lay their panels out on a `Grid` and draw them panel by panel.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::canvas::{
    fit, no_data, render, text_width, wrap_bold, Canvas, Font, Swatch, AXIS, HEADER_H, LABEL_PX,
    MARGIN, MUTED, PANEL_TITLE_PX, VALUE_PX,
};
use super::scale::{fmt_value, nice_ticks, Linear, Ticks, OKABE_ITO, OVER, UNDER};
use super::{Bar, DivergingPanel, Labels, Panel};

/// Vertical distance between bars, and a bar's thickness.
const PITCH: f64 = 20.0;
const BAR_H: f64 = 14.0;
const PANEL_TITLE_H: f64 = 22.0;
/// A panel title takes up to two lines; the second adds this much.
const PANEL_TITLE_LINE: f64 = 16.0;
/// Room under a panel's bars for the tick labels.
const AXIS_H: f64 = 24.0;
const GAP_X: f64 = 28.0;
const GAP_Y: f64 = 20.0;

/// Panels on a grid: 1, 2 (up to 4 panels), 3 (up to 9) or 4 columns.
struct Grid {
    cols: usize,
    left: f64,
    top: f64,
    panel_w: f64,
    panel_h: f64,
    /// Each panel's title, in one or two lines.
    titles: Vec<Vec<String>>,
    /// Room above each panel's body for the titles (the same in every panel).
    title_h: f64,
    width: f64,
    height: f64,
}

impl Grid {
    fn new(
        titles: &[&str],
        panel_body_h: f64,
        top: f64,
        has_y_title: bool,
        has_x_title: bool,
    ) -> Grid {
        let n = titles.len();
        let cols = match n {
            0 | 1 => 1,
            2..=4 => 2,
            5..=9 => 3,
            _ => 4,
        };
        let rows = n.div_ceil(cols).max(1);
        let width = [760.0, 1000.0, 1100.0, 1200.0][cols - 1];
        let left = MARGIN + if has_y_title { 24.0 } else { 0.0 };
        let panel_w = (width - left - MARGIN - GAP_X * (cols - 1) as f64) / cols as f64;
        let titles: Vec<Vec<String>> = titles
            .iter()
            .map(|t| wrap_bold(t, PANEL_TITLE_PX, panel_w, 2))
            .collect();
        let title_lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let title_h = PANEL_TITLE_H + (title_lines - 1) as f64 * PANEL_TITLE_LINE;
        let panel_h = title_h + panel_body_h + AXIS_H;
        let footer = if has_x_title { 32.0 } else { 4.0 };
        let height = top + rows as f64 * panel_h + (rows - 1) as f64 * GAP_Y + footer + MARGIN;
        Grid {
            cols,
            left,
            top,
            panel_w,
            panel_h,
            titles,
            title_h,
            width,
            height,
        }
    }

    /// Panel `i`'s title, drawn at its origin.
    fn panel_title(&self, c: &mut Canvas, i: usize) {
        let (x, y) = self.origin(i);
        for (k, line) in self.titles.get(i).into_iter().flatten().enumerate() {
            c.text(
                line,
                x,
                y + 2.0 + k as f64 * PANEL_TITLE_LINE,
                Font::new(PANEL_TITLE_PX)
                    .bold()
                    .anchor(HPos::Left, VPos::Top),
            );
        }
    }

    fn origin(&self, i: usize) -> (f64, f64) {
        let (r, c) = (i / self.cols, i % self.cols);
        (
            self.left + c as f64 * (self.panel_w + GAP_X),
            self.top + r as f64 * (self.panel_h + GAP_Y),
        )
    }

    fn axis_titles(&self, c: &mut Canvas, labels: &Labels) {
        let plot_w = self.width - self.left - MARGIN;
        if !labels.x.is_empty() {
            c.x_title(
                labels.x,
                self.left + plot_w / 2.0,
                self.height - MARGIN - 20.0,
                plot_w,
            );
        }
        if !labels.y.is_empty() {
            let body = self.height - self.top - MARGIN;
            c.y_title(labels.y, MARGIN, self.top + body / 2.0);
        }
    }
}

/// The text drawn at a bar's end: its annotation, or else its value.
fn note(bar: &Bar, value: f64) -> String {
    bar.annotation.clone().unwrap_or_else(|| fmt_value(value))
}

fn finite(bars: &[Bar]) -> Vec<&Bar> {
    bars.iter().filter(|b| b.value.is_finite()).collect()
}

fn empty_note(c: &mut Canvas, x: f64, y: f64) {
    c.text(
        "No data",
        x,
        y + PITCH / 2.0,
        Font::new(LABEL_PX)
            .color(MUTED)
            .anchor(HPos::Left, VPos::Center),
    );
}

/// Tick marks of `ticks` that fall inside the data domain `lo..=hi` (the bars use
/// the whole width; the ticks are not allowed to stretch it), mirrored to the
/// negative side for diverging panels.
fn tick_marks(ticks: &Ticks, sc: &Linear, lo: f64, hi: f64, mirrored: bool) -> Vec<(f64, String)> {
    let eps = (hi - lo).abs() * 1e-9;
    let inside: Vec<f64> = ticks
        .values
        .iter()
        .copied()
        .filter(|&v| v >= lo - eps && v <= hi + eps)
        .collect();
    let mut out: Vec<(f64, String)> = Vec::new();
    if mirrored {
        for &v in inside.iter().rev().filter(|&&v| v > 0.0) {
            out.push((sc.map(-v), ticks.label(-v)));
        }
    }
    out.extend(inside.iter().map(|&v| (sc.map(v), ticks.label(v))));
    out
}

/// The data range widened to include zero; a zero range becomes 0..1.
fn domain(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    if hi > lo {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

/// Top terms per source: one panel of horizontal bars per source, on a grid with
/// a shared value axis (`labels.x`). Bars are drawn in the order given; each bar's
/// annotation (or its value) is written at its end. Non-finite values are dropped.
pub fn bar_small_multiples(labels: &Labels, panels: &[Panel]) -> String {
    let data: Vec<Vec<&Bar>> = panels.iter().map(|p| finite(&p.bars)).collect();
    if data.iter().all(Vec::is_empty) {
        return no_data(labels, "No data: no panel has a finite value to show.");
    }
    let k = data.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let titles: Vec<&str> = panels.iter().map(|p| p.title.as_str()).collect();
    let grid = Grid::new(
        &titles,
        k as f64 * PITCH,
        HEADER_H,
        !labels.y.is_empty(),
        !labels.x.is_empty(),
    );
    let values = data.iter().flatten().map(|b| b.value);
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = domain(lo, hi);
    let ticks = nice_ticks(lo, hi, if grid.panel_w > 320.0 { 4 } else { 3 });
    let note_w = data
        .iter()
        .flatten()
        .map(|b| text_width(&fit(&note(b, b.value), VALUE_PX, 90.0), VALUE_PX))
        .fold(0.0, f64::max)
        + 8.0;
    let note_w = note_w.min(grid.panel_w * 0.25);
    let label_w = data
        .iter()
        .flatten()
        .map(|b| text_width(&b.label, LABEL_PX))
        .fold(0.0, f64::max)
        .min(grid.panel_w * 0.42)
        + 8.0;

    render(labels, grid.width, grid.height, |c| {
        c.title(labels.title);
        for (i, bars) in data.iter().enumerate() {
            let (x0, y0) = grid.origin(i);
            grid.panel_title(c, i);
            let body_top = y0 + grid.title_h;
            let body_bottom = body_top + k as f64 * PITCH;
            let bx0 = x0 + label_w;
            let bx1 = x0 + grid.panel_w - note_w;
            let sc = Linear::new(lo, hi, bx0, bx1);
            c.grid_x(
                &tick_marks(&ticks, &sc, lo, hi, false),
                body_top,
                body_bottom,
            );
            if bars.is_empty() {
                empty_note(c, bx0, body_top);
                continue;
            }
            let zero = sc.map(0.0);
            for (j, bar) in bars.iter().enumerate() {
                let y = body_top + j as f64 * PITCH + (PITCH - BAR_H) / 2.0;
                let end = sc.map(bar.value);
                c.rect(zero, y, end, y + BAR_H, OKABE_ITO[0].to_rgba());
                let label = fit(&bar.label, LABEL_PX, label_w - 8.0);
                c.text(
                    &label,
                    bx0 - 6.0,
                    y + BAR_H / 2.0,
                    Font::new(LABEL_PX).anchor(HPos::Right, VPos::Center),
                );
                let n = fit(&note(bar, bar.value), VALUE_PX, note_w - 6.0);
                c.text(
                    &n,
                    end.max(zero) + 4.0,
                    y + BAR_H / 2.0,
                    Font::new(VALUE_PX)
                        .color(MUTED)
                        .anchor(HPos::Left, VPos::Center),
                );
            }
            c.line(&[(zero, body_top), (zero, body_bottom)], AXIS.to_rgba(), 1);
        }
        grid.axis_titles(c, labels);
    })
}

/// Keyness per source: one panel per source; over-used terms (`over`, orange)
/// extend right of zero, under-used terms (`under`, blue) extend left, by
/// magnitude `|value|`. Each term's label sits on the other side of the zero line
/// from its bar, so labels never cover bars. The value axis (`labels.x`) is shared
/// and symmetric.
pub fn diverging_bars(labels: &Labels, panels: &[DivergingPanel]) -> String {
    let data: Vec<(Vec<&Bar>, Vec<&Bar>)> = panels
        .iter()
        .map(|p| (finite(&p.over), finite(&p.under)))
        .collect();
    if data.iter().all(|(o, u)| o.is_empty() && u.is_empty()) {
        return no_data(labels, "No data: no panel has a finite value to show.");
    }
    let body_h = data
        .iter()
        .map(|(o, u)| (o.len() + u.len()) as f64 * PITCH + sep(o, u))
        .fold(PITCH, f64::max);
    let titles: Vec<&str> = panels.iter().map(|p| p.title.as_str()).collect();
    let grid = Grid::new(
        &titles,
        body_h,
        HEADER_H + 24.0,
        !labels.y.is_empty(),
        !labels.x.is_empty(),
    );
    let axis = DivergingAxis::new(&data, body_h, grid.panel_w);

    render(labels, grid.width, grid.height, |c| {
        c.title(labels.title);
        c.legend_row(
            &[
                ("over-used (right)".to_string(), OVER),
                ("under-used (left)".to_string(), UNDER),
            ],
            Swatch::Square,
            grid.left,
            HEADER_H - 4.0,
            grid.width - MARGIN,
        );
        for (i, (over, under)) in data.iter().enumerate() {
            draw_diverging_panel(c, &grid, &axis, i, over, under);
        }
        grid.axis_titles(c, labels);
    })
}

/// The gap between a panel's over-used and under-used bars (none when one side
/// is empty).
fn sep(over: &[&Bar], under: &[&Bar]) -> f64 {
    if !over.is_empty() && !under.is_empty() {
        8.0
    } else {
        0.0
    }
}

/// What every diverging panel shares: the height of its body, the symmetric
/// value axis (`-max_abs..=max_abs`) and the room for the notes at the bars' ends.
struct DivergingAxis {
    body_h: f64,
    max_abs: f64,
    ticks: Ticks,
    note_w: f64,
}

impl DivergingAxis {
    fn new(data: &[(Vec<&Bar>, Vec<&Bar>)], body_h: f64, panel_w: f64) -> DivergingAxis {
        let max_abs = data
            .iter()
            .flat_map(|(o, u)| o.iter().chain(u.iter()))
            .map(|b| b.value.abs())
            .fold(0.0, f64::max);
        let (_, max_abs) = domain(0.0, max_abs);
        let notes = |b: &Bar, v: f64| text_width(&fit(&note(b, v), VALUE_PX, 90.0), VALUE_PX);
        let note_w = data
            .iter()
            .flat_map(|(o, u)| {
                o.iter()
                    .map(|b| notes(b, b.value.abs()))
                    .chain(u.iter().map(|b| notes(b, -b.value.abs())))
            })
            .fold(0.0, f64::max)
            + 8.0;
        DivergingAxis {
            body_h,
            max_abs,
            ticks: nice_ticks(0.0, max_abs, 2),
            note_w: note_w.min(panel_w * 0.2),
        }
    }
}

/// Panel `i`: its title, grid and zero line, the over-used bars and below them
/// the under-used ones.
fn draw_diverging_panel(
    c: &mut Canvas,
    grid: &Grid,
    axis: &DivergingAxis,
    i: usize,
    over: &[&Bar],
    under: &[&Bar],
) {
    let (x0, y0) = grid.origin(i);
    grid.panel_title(c, i);
    let body_top = y0 + grid.title_h;
    let body_bottom = body_top + axis.body_h;
    let cx = x0 + grid.panel_w / 2.0;
    let half = grid.panel_w / 2.0 - axis.note_w;
    let sc = Linear::new(-axis.max_abs, axis.max_abs, cx - half, cx + half);
    let marks = tick_marks(&axis.ticks, &sc, 0.0, axis.max_abs, true);
    c.grid_x(&marks, body_top, body_bottom);
    if over.is_empty() && under.is_empty() {
        empty_note(c, x0, body_top);
        return;
    }
    let row = DivergingRow {
        cx,
        sc,
        label_w: half - 8.0,
        note_w: axis.note_w,
    };
    let rows = over
        .iter()
        .map(|b| (*b, b.value.abs(), 0.0))
        .chain(under.iter().map(|b| (*b, -b.value.abs(), sep(over, under))));
    for (j, (bar, v, extra)) in rows.enumerate() {
        let y = body_top + j as f64 * PITCH + extra + (PITCH - BAR_H) / 2.0;
        row.draw(c, bar, v, y);
    }
    c.line(&[(cx, body_top), (cx, body_bottom)], AXIS.to_rgba(), 1);
}

/// How a diverging panel draws a bar: its zero line at `cx`, its scale, and
/// the room for a label and for a note.
struct DivergingRow {
    cx: f64,
    sc: Linear,
    label_w: f64,
    note_w: f64,
}

impl DivergingRow {
    /// `bar` at signed value `v` with its top at `y`: the label across the zero
    /// line from the bar, the note at the bar's end.
    fn draw(&self, c: &mut Canvas, bar: &Bar, v: f64, y: f64) {
        let cx = self.cx;
        let mid = y + BAR_H / 2.0;
        let end = self.sc.map(v);
        let colour = if v >= 0.0 { OVER } else { UNDER };
        c.rect(cx, y, end, y + BAR_H, colour.to_rgba());
        let label = fit(&bar.label, LABEL_PX, self.label_w);
        let n = fit(&note(bar, v), VALUE_PX, self.note_w - 6.0);
        let (label_x, label_h, note_x, note_h) = if v >= 0.0 {
            (cx - 5.0, HPos::Right, end + 4.0, HPos::Left)
        } else {
            (cx + 5.0, HPos::Left, end - 4.0, HPos::Right)
        };
        c.text(
            &label,
            label_x,
            mid,
            Font::new(LABEL_PX).anchor(label_h, VPos::Center),
        );
        c.text(
            &n,
            note_x,
            mid,
            Font::new(VALUE_PX)
                .color(MUTED)
                .anchor(note_h, VPos::Center),
        );
    }
}
