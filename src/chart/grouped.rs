//! Grouped bars with confidence-interval whiskers, and stacked horizontal bars.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::canvas::{
    legend_column_height, legend_column_width, legend_row_layout, no_data, render, row_label_width,
    text_width, wrap, wrap_width, Font, AXIS, HEADER_H, LABEL_PX, MARGIN, MUTED, TICK_PX, VALUE_PX,
};
use super::scale::{category, fmt_fixed, fmt_value, nice_ticks, text_on, Linear};
use super::{Labels, Series};

const WHISKER: RGBColor = RGBColor(0x33, 0x33, 0x33);
const MIN_BAR_W: f64 = 7.0;
const MAX_BAR_W: f64 = 36.0;
/// Share of a group's width taken by its bars (the rest separates groups).
const GROUP_FILL: f64 = 0.8;

/// Grouped vertical bars: one group per entry of `groups` (e.g. lexicon
/// categories) holding one bar per series (e.g. source), each with a whisker from
/// `lo` to `hi` (a 95% confidence interval). Series are coloured Okabe–Ito and
/// named in a legend on the right. Non-finite values draw no bar; non-finite bounds
/// draw no whisker.
pub fn bars_with_ci(labels: &Labels, groups: &[String], series: &[Series]) -> String {
    let point = |s: &Series, g: usize| s.points.get(g).copied().filter(|p| p.0.is_finite());
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    let mut any = false;
    for s in series {
        for g in 0..groups.len() {
            if let Some((v, a, b)) = point(s, g) {
                any = true;
                for x in [v, a, b].into_iter().filter(|x| x.is_finite()) {
                    lo = lo.min(x);
                    hi = hi.max(x);
                }
            }
        }
    }
    if !any {
        return no_data(labels, "No data: no finite value to show.");
    }
    let (ng, ns) = (groups.len(), series.len());
    let ticks = nice_ticks(lo, hi, 5);
    let tick_w = ticks
        .values
        .iter()
        .map(|&v| text_width(&ticks.label(v), TICK_PX))
        .fold(0.0, f64::max);
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let legend_w = legend_column_width(&names, 260.0).max(110.0);
    let left = MARGIN + if labels.y.is_empty() { 0.0 } else { 24.0 } + tick_w + 12.0;
    // Each group is wide enough for its name in three lines with no word cut.
    // When the groups need more room than is left beside a legend on the
    // right, the legend goes above the plot (one row, wrapping); the chart
    // grows wider only when even that is not enough.
    let name_w = groups
        .iter()
        .map(|name| wrap_width(name, LABEL_PX, 3) + 8.0)
        .fold(0.0, f64::max);
    let min_group_w = (ns as f64 * MIN_BAR_W / GROUP_FILL).max(name_w);
    let side_plot_w = 1000.0 - left - MARGIN - legend_w - 20.0;
    let legend_on_top = min_group_w * ng as f64 > side_plot_w;
    let base_plot_w = if legend_on_top {
        1000.0 - left - MARGIN
    } else {
        side_plot_w
    };
    let group_w = (base_plot_w / ng as f64).max(min_group_w);
    let bar_w = (group_w * GROUP_FILL / ns as f64).min(MAX_BAR_W);
    let plot_w = group_w * ng as f64;
    let plot_right = left + plot_w;
    let legend_bottom = if legend_on_top {
        legend_row_layout(&names, left, HEADER_H - 4.0, plot_right).1
    } else {
        0.0
    };
    // On top, the whisker note sits right-aligned under the legend row.
    let plot_top = if legend_on_top {
        legend_bottom + 22.0
    } else {
        HEADER_H + 8.0
    };
    let legend_h = if legend_on_top {
        0.0
    } else {
        legend_column_height(&names, legend_w) + 22.0
    };
    let plot_h = (ns as f64 * 18.0 + 40.0).max(legend_h).max(360.0);
    let plot_bottom = plot_top + plot_h;
    let legend_x = plot_right + 20.0;
    let width = if legend_on_top {
        plot_right + MARGIN
    } else {
        legend_x + legend_w + MARGIN
    };
    // Group names wrap onto up to three lines under their group.
    let group_labels: Vec<Vec<String>> = groups
        .iter()
        .map(|name| wrap(name, LABEL_PX, group_w - 6.0, 3))
        .collect();
    let label_lines = group_labels.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line_h = LABEL_PX + 3.0;
    let x_title_y = plot_bottom + 30.0 + (label_lines - 1) as f64 * line_h;
    let height = x_title_y + if labels.x.is_empty() { 0.0 } else { 24.0 } + MARGIN;

    render(labels, width, height, |c| {
        c.title(labels.title);
        let sc = Linear::new(ticks.lo, ticks.hi, plot_bottom, plot_top);
        let marks: Vec<(f64, String)> = ticks
            .values
            .iter()
            .map(|&v| (sc.map(v), ticks.label(v)))
            .collect();
        c.grid_y(&marks, left, plot_right);
        let zero = sc.map(0.0);
        for (g, lines) in group_labels.iter().enumerate() {
            let gx = left + g as f64 * group_w;
            let x0 = gx + (group_w - ns as f64 * bar_w) / 2.0;
            for (si, s) in series.iter().enumerate() {
                let Some((v, a, b)) = point(s, g) else {
                    continue;
                };
                let bx = x0 + si as f64 * bar_w;
                let inner = if bar_w >= 4.0 { 1.0 } else { 0.0 };
                c.rect(
                    bx,
                    zero,
                    bx + bar_w - inner,
                    sc.map(v),
                    category(si).to_rgba(),
                );
                if a.is_finite() && b.is_finite() {
                    let mx = bx + (bar_w - inner) / 2.0;
                    let cap = (bar_w * 0.3).min(4.0);
                    let (ya, yb) = (sc.map(a), sc.map(b));
                    let ink = WHISKER.to_rgba();
                    c.line(&[(mx, ya), (mx, yb)], ink, 1);
                    c.line(&[(mx - cap, ya), (mx + cap, ya)], ink, 1);
                    c.line(&[(mx - cap, yb), (mx + cap, yb)], ink, 1);
                }
            }
            for (i, line) in lines.iter().enumerate() {
                c.text(
                    line,
                    gx + group_w / 2.0,
                    plot_bottom + 8.0 + i as f64 * line_h,
                    Font::new(LABEL_PX).anchor(HPos::Center, VPos::Top),
                );
            }
        }
        c.line(&[(left, zero), (plot_right, zero)], AXIS.to_rgba(), 1);
        c.line(&[(left, plot_top), (left, plot_bottom)], AXIS.to_rgba(), 1);
        let entries: Vec<(String, RGBColor)> = series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), category(i)))
            .collect();
        if legend_on_top {
            c.legend_row(&entries, left, HEADER_H - 4.0, plot_right);
            c.text(
                "Whiskers: 95% CI",
                plot_right,
                legend_bottom + 2.0,
                Font::new(TICK_PX)
                    .color(MUTED)
                    .anchor(HPos::Right, VPos::Top),
            );
        } else {
            let below = c.legend_column(&entries, legend_x, plot_top, legend_w);
            c.text(
                "Whiskers: 95% CI",
                legend_x,
                below + 10.0,
                Font::new(TICK_PX)
                    .color(MUTED)
                    .anchor(HPos::Left, VPos::Top),
            );
        }
        if !labels.x.is_empty() {
            c.x_title(
                labels.x,
                (left + plot_right) / 2.0,
                x_title_y,
                plot_w.max(300.0),
            );
        }
        if !labels.y.is_empty() {
            c.y_title(labels.y, MARGIN, (plot_top + plot_bottom) / 2.0);
        }
    })
}

/// Stacked horizontal bars: one bar per row (e.g. source) split into
/// `stack_names` segments (e.g. voices: own, quoted, scare, distanced), with
/// `values[row][stack]` shares or rates. Negative and non-finite values count as
/// zero. A segment's value is printed inside it when it fits; when every row
/// sums to 1 the values are shares and are printed as percentages.
pub fn stacked_bars(
    labels: &Labels,
    rows: &[String],
    stack_names: &[String],
    values: &[Vec<f64>],
) -> String {
    let val = |r: usize, k: usize| {
        values
            .get(r)
            .and_then(|row| row.get(k))
            .copied()
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(0.0)
    };
    let (nr, nk) = (rows.len(), stack_names.len());
    let max_total = (0..nr)
        .map(|r| (0..nk).map(|k| val(r, k)).sum::<f64>())
        .fold(0.0, f64::max);
    if nr == 0 || nk == 0 || max_total <= 0.0 {
        return no_data(labels, "No data: no positive value to show.");
    }
    let width = 1000.0;
    let pitch = 26.0;
    let bar_h = 18.0;
    let label_w = row_label_width(rows, 220.0);
    let left = MARGIN + if labels.y.is_empty() { 0.0 } else { 24.0 } + label_w + 12.0;
    let plot_right = width - MARGIN - 24.0;
    let names: Vec<&str> = stack_names.iter().map(String::as_str).collect();
    let (places, legend_bottom) = legend_row_layout(&names, left, HEADER_H - 4.0, plot_right);
    let plot_top = legend_bottom + 8.0;
    let plot_bottom = plot_top + nr as f64 * pitch;
    let x_title_y = plot_bottom + 28.0;
    let height = x_title_y + if labels.x.is_empty() { 0.0 } else { 24.0 } + MARGIN;
    // Rows that each sum to 1 are shares: printed as percentages.
    let shares = (0..nr).all(|r| {
        let total: f64 = (0..nk).map(|k| val(r, k)).sum();
        total == 0.0 || (total - 1.0).abs() < 1e-6
    });
    let ticks = nice_ticks(0.0, max_total, 5);
    let tick_label = |v: f64| {
        if shares {
            format!(
                "{}%",
                fmt_fixed(v * 100.0, ticks.decimals.saturating_sub(2))
            )
        } else {
            ticks.label(v)
        }
    };

    render(labels, width, height, |c| {
        c.title(labels.title);
        for (k, (x, y, name)) in places.iter().enumerate() {
            c.rect(*x, y + 2.0, x + 12.0, y + 14.0, category(k).to_rgba());
            c.text(
                name,
                x + 17.0,
                y + 8.0,
                Font::new(LABEL_PX).anchor(HPos::Left, VPos::Center),
            );
        }
        let sc = Linear::new(0.0, ticks.hi, left, plot_right);
        let marks: Vec<(f64, String)> = ticks
            .values
            .iter()
            .map(|&v| (sc.map(v), tick_label(v)))
            .collect();
        c.grid_x(&marks, plot_top, plot_bottom);
        for (r, name) in rows.iter().enumerate() {
            let y = plot_top + r as f64 * pitch + (pitch - bar_h) / 2.0;
            c.row_label(name, left - 8.0, y + bar_h / 2.0, label_w);
            let mut acc = 0.0;
            for k in 0..nk {
                let v = val(r, k);
                if v <= 0.0 {
                    continue;
                }
                let (x0, x1) = (sc.map(acc), sc.map(acc + v));
                let colour = category(k);
                c.rect(x0, y, x1, y + bar_h, colour.to_rgba());
                let text = if shares {
                    format!("{}%", fmt_fixed(v * 100.0, 0))
                } else {
                    fmt_value(v)
                };
                if text_width(&text, VALUE_PX) + 6.0 <= x1 - x0 {
                    c.text(
                        &text,
                        (x0 + x1) / 2.0,
                        y + bar_h / 2.0,
                        Font::new(VALUE_PX)
                            .color(text_on(colour))
                            .anchor(HPos::Center, VPos::Center),
                    );
                }
                acc += v;
            }
        }
        c.line(&[(left, plot_top), (left, plot_bottom)], AXIS.to_rgba(), 1);
        if !labels.x.is_empty() {
            c.x_title(
                labels.x,
                (left + plot_right) / 2.0,
                x_title_y,
                plot_right - left,
            );
        }
        if !labels.y.is_empty() {
            c.y_title(labels.y, MARGIN, (plot_top + plot_bottom) / 2.0);
        }
    })
}
