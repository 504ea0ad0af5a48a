//! Grouped bars with confidence-interval whiskers, and stacked horizontal bars.
//! Each chart works out its layout first (label widths, group and bar widths,
//! where the legend goes), then draws the grid, the marks and the legend.

use std::ops::Range;

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::canvas::{
    legend_column_height, legend_column_width, legend_row_layout, no_data, render, row_label_width,
    text_width, widest, wrap, wrap_width, Canvas, Font, Plot, Swatch, AXIS, HEADER_H, LABEL_PX,
    MARGIN, PANEL_TITLE_PX, TICK_PX, VALUE_PX,
};
use super::scale::{
    category, category_entries, fmt_fixed, fmt_value, nice_ticks, text_on, Linear, Ticks,
};
use super::{Labels, Series};

const WHISKER: RGBColor = RGBColor(0x33, 0x33, 0x33);
const MIN_BAR_W: f64 = 7.0;
const MAX_BAR_W: f64 = 36.0;
/// Share of a group's width taken by its bars (the rest separates groups).
const GROUP_FILL: f64 = 0.8;
/// Line step of a group name wrapped under its group.
const GROUP_LINE: f64 = LABEL_PX + 3.0;
const CI_NOTE: &str = "Whiskers: 95% CI";
/// Vertical distance between stacked bars, and a stacked bar's thickness.
const STACK_PITCH: f64 = 26.0;
const STACK_BAR_H: f64 = 18.0;

/// Series drawn in one panel of grouped bars at most: each has a colour of
/// its own there (Okabe–Ito), and the legend stays short.
pub const CI_PANEL_SERIES: usize = 8;

/// Grouped vertical bars: one group per entry of `groups` (e.g. lexicon
/// categories) holding one bar per series (e.g. source), each with a whisker from
/// `lo` to `hi` (a 95% confidence interval). Series are coloured Okabe–Ito and
/// named in a legend on the right, or above the plot when the groups need the
/// room. Past [`CI_PANEL_SERIES`] series the chart is small multiples: panels
/// one under another, as few as hold every series and as even as can be (20
/// series: 7, 7, 6), each headed "Panel 1 of 3", with its own legend (no
/// colour twice in a panel), its group names and the same vertical scale.
/// Non-finite values draw no bar; non-finite bounds draw no whisker.
pub fn bars_with_ci(labels: &Labels, groups: &[String], series: &[Series]) -> String {
    let Some((lo, hi)) = ci_range(groups.len(), series) else {
        return no_data(labels, "No data: no finite value to show.");
    };
    let ticks = nice_ticks(lo, hi, 5);
    let layout = CiLayout::new(labels, groups, series, &ticks);

    render(labels, layout.width, layout.height, |c| {
        c.title(labels.title);
        for panel in &layout.panels {
            let part = series.get(panel.series.clone()).unwrap_or_default();
            draw_ci_panel(c, &layout, panel, part, &ticks);
        }
        if !labels.x.is_empty() {
            let mid = (layout.left + layout.right) / 2.0;
            let max_w = (layout.right - layout.left).max(300.0);
            c.x_title(labels.x, mid, layout.x_title_y, max_w);
        }
        // Each panel's vertical axis title.
        for panel in layout.panels.iter().filter(|_| !labels.y.is_empty()) {
            c.y_title(labels.y, MARGIN, panel.plot.mid_y());
        }
    })
}

/// One panel of grouped bars: the heading, the grid, the groups, the axis
/// lines and the legend.
fn draw_ci_panel(
    c: &mut Canvas,
    layout: &CiLayout,
    panel: &CiPanel,
    series: &[Series],
    ticks: &Ticks,
) {
    let plot = panel.plot;
    if let Some((y, heading)) = &panel.heading {
        let font = Font::new(PANEL_TITLE_PX)
            .bold()
            .anchor(HPos::Left, VPos::Top);
        c.text(heading, plot.left, *y, font);
    }
    let sc = Linear::new(ticks.lo, ticks.hi, plot.bottom, plot.top);
    c.grid_y(&ticks.marks(&sc), plot.left, plot.right);
    for g in 0..layout.group_labels.len() {
        draw_group(c, layout, &plot, series, g, &sc);
    }
    let zero = sc.map(0.0);
    c.line(&[(plot.left, zero), (plot.right, zero)], AXIS.to_rgba(), 1);
    c.y_axis_line(&plot);
    draw_ci_legend(c, panel, series);
}

/// Series `s`'s point for group `g` when its value is finite.
fn point(s: &Series, g: usize) -> Option<(f64, f64, f64)> {
    s.points.get(g).copied().filter(|p| p.0.is_finite())
}

/// The range of the finite values and bounds of the first `ng` groups, widened
/// to include zero; `None` when no value is finite.
fn ci_range(ng: usize, series: &[Series]) -> Option<(f64, f64)> {
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    let mut any = false;
    for s in series {
        for g in 0..ng {
            if let Some((v, a, b)) = point(s, g) {
                any = true;
                for x in [v, a, b].into_iter().filter(|x| x.is_finite()) {
                    lo = lo.min(x);
                    hi = hi.max(x);
                }
            }
        }
    }
    any.then_some((lo, hi))
}

/// The series of each panel: `n` split into as few runs of at most
/// [`CI_PANEL_SERIES`] as hold them, the longer runs first, differing by one
/// at most.
fn panel_runs(n: usize) -> Vec<Range<usize>> {
    let k = n.div_ceil(CI_PANEL_SERIES).max(1);
    let (base, extra) = (n / k, n % k);
    let mut start = 0;
    (0..k)
        .map(|i| {
            let len = base + usize::from(i < extra);
            let run = start..start + len;
            start += len;
            run
        })
        .collect()
}

/// Where the series legend of grouped bars goes.
#[derive(Clone, Copy)]
enum CiLegend {
    /// In rows from `top` above the plot, ending at `bottom`; the whisker
    /// note is right-aligned under them.
    Top { top: f64, bottom: f64 },
    /// In a column `w` wide at `x`, right of the plot; the whisker note under it.
    Side { x: f64, w: f64 },
}

/// One panel of grouped bars: its series, its heading (y, text) when there
/// are several panels, its legend and its plot.
struct CiPanel {
    series: Range<usize>,
    heading: Option<(f64, String)>,
    legend: CiLegend,
    plot: Plot,
}

/// Where everything of grouped bars goes, in pixels.
struct CiLayout {
    /// The plots' left and right sides (the same in every panel).
    left: f64,
    right: f64,
    group_w: f64,
    bar_w: f64,
    /// Each group's name in up to three lines.
    group_labels: Vec<Vec<String>>,
    panels: Vec<CiPanel>,
    x_title_y: f64,
    width: f64,
    height: f64,
}

impl CiLayout {
    fn new(labels: &Labels, groups: &[String], series: &[Series], ticks: &Ticks) -> CiLayout {
        let ng = groups.len();
        let runs = panel_runs(series.len());
        let ns = runs.iter().map(ExactSizeIterator::len).max().unwrap_or(1);
        let tick_w = widest(ticks.values.iter().map(|&v| ticks.label(v)), TICK_PX);
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        let legend_w = legend_column_width(&names, 260.0).max(110.0);
        let left = MARGIN + if labels.y.is_empty() { 0.0 } else { 24.0 } + tick_w + 12.0;
        let (legend_on_top, group_w) = group_width(groups, ns, left, legend_w);
        let right = left + group_w * ng as f64;
        // Group names wrap onto up to three lines under their group.
        let group_labels: Vec<Vec<String>> = groups
            .iter()
            .map(|name| wrap(name, LABEL_PX, group_w - 6.0, 3))
            .collect();
        let label_lines = group_labels.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let below = 30.0 + (label_lines - 1) as f64 * GROUP_LINE;
        let side = (!legend_on_top).then_some(CiLegend::Side {
            x: right + 20.0,
            w: legend_w,
        });
        let stack = PanelStack {
            left,
            right,
            side,
            below,
        };
        let (panels, x_title_y) = stack.place(&names, runs, ns);
        let width = match side {
            Some(CiLegend::Side { x, w }) => x + w + MARGIN,
            _ => right + MARGIN,
        };
        CiLayout {
            left,
            right,
            group_w,
            bar_w: (group_w * GROUP_FILL / ns as f64).min(MAX_BAR_W),
            group_labels,
            panels,
            x_title_y,
            width,
            height: x_title_y + if labels.x.is_empty() { 0.0 } else { 24.0 } + MARGIN,
        }
    }
}
/// Room for a panel's heading when there are several.
const HEADING_H: f64 = 20.0;
/// Gap between one panel's group names and the next panel.
const PANEL_GAP: f64 = 24.0;

/// How the panels of grouped bars stack: the plots' sides, the legend beside
/// them (none when legends go above each plot), and the room under a plot
/// for the group names.
struct PanelStack {
    left: f64,
    right: f64,
    side: Option<CiLegend>,
    below: f64,
}

impl PanelStack {
    /// Each run of series (`names`) placed in a panel under the one before
    /// (every plot as tall as the tallest needs: one vertical scale), and the
    /// y of the horizontal axis title under the last.
    fn place(&self, names: &[&str], runs: Vec<Range<usize>>, ns: usize) -> (Vec<CiPanel>, f64) {
        let k = runs.len();
        let plot_h = runs
            .iter()
            .map(|r| self.legend_h(names.get(r.clone()).unwrap_or_default()))
            .fold((ns as f64 * 18.0 + 40.0).max(360.0), f64::max);
        // Headings keep clear of the chart's title.
        let mut y = HEADER_H - if k > 1 { 0.0 } else { 4.0 };
        let mut panels = Vec::with_capacity(k);
        for (i, run) in runs.into_iter().enumerate() {
            let heading = (k > 1).then(|| (y, format!("Panel {} of {k}", i + 1)));
            let content = y + if k > 1 { HEADING_H } else { 0.0 };
            let (legend, top) = match self.side {
                Some(side) => (side, content + 12.0),
                None => {
                    let part = names.get(run.clone()).unwrap_or_default();
                    let bottom = legend_row_layout(part, self.left, content, self.right).1;
                    let legend = CiLegend::Top {
                        top: content,
                        bottom,
                    };
                    (legend, bottom + 22.0)
                }
            };
            let plot = Plot {
                left: self.left,
                top,
                right: self.right,
                bottom: top + plot_h,
            };
            y = plot.bottom + self.below + PANEL_GAP;
            panels.push(CiPanel {
                series: run,
                heading,
                legend,
                plot,
            });
        }
        (panels, y - PANEL_GAP)
    }

    /// The height a side legend of `names` takes, with the whisker note.
    fn legend_h(&self, names: &[&str]) -> f64 {
        match self.side {
            Some(CiLegend::Side { w, .. }) => legend_column_height(names, w) + 22.0,
            _ => 0.0,
        }
    }
}

/// Whether the legend goes above the plot, and the width of a group for `ns`
/// series in a plot starting at `left`. Each group is wide enough for its name
/// in three lines with no word cut. When the groups need more room than is
/// left beside a legend (`legend_w` wide) on the right, the legend goes above
/// the plot (one row, wrapping); the chart grows wider only when even that is
/// not enough.
fn group_width(groups: &[String], ns: usize, left: f64, legend_w: f64) -> (bool, f64) {
    let ng = groups.len();
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
    (legend_on_top, (base_plot_w / ng as f64).max(min_group_w))
}

/// Group `g`: one bar per series with its whisker, then the group's name under
/// the plot.
fn draw_group(
    c: &mut Canvas,
    layout: &CiLayout,
    plot: &Plot,
    series: &[Series],
    g: usize,
    sc: &Linear,
) {
    let (group_w, bar_w) = (layout.group_w, layout.bar_w);
    let gx = plot.left + g as f64 * group_w;
    let x0 = gx + (group_w - series.len() as f64 * bar_w) / 2.0;
    let zero = sc.map(0.0);
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
            whisker(c, mx, (bar_w * 0.3).min(4.0), sc.map(a), sc.map(b));
        }
    }
    for (i, line) in layout.group_labels[g].iter().enumerate() {
        c.text(
            line,
            gx + group_w / 2.0,
            plot.bottom + 8.0 + i as f64 * GROUP_LINE,
            Font::new(LABEL_PX).anchor(HPos::Center, VPos::Top),
        );
    }
}

/// A whisker at `x` from `ya` to `yb`, its caps reaching `cap` pixels either side.
fn whisker(c: &mut Canvas, x: f64, cap: f64, ya: f64, yb: f64) {
    let ink = WHISKER.to_rgba();
    c.line(&[(x, ya), (x, yb)], ink, 1);
    c.line(&[(x - cap, ya), (x + cap, ya)], ink, 1);
    c.line(&[(x - cap, yb), (x + cap, yb)], ink, 1);
}

/// A panel's series legend and the note saying what the whiskers are.
fn draw_ci_legend(c: &mut Canvas, panel: &CiPanel, series: &[Series]) {
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let entries = category_entries(&names);
    let plot = &panel.plot;
    match panel.legend {
        CiLegend::Top { top, bottom } => {
            c.legend_row(&entries, Swatch::Square, plot.left, top, plot.right);
            c.small_note(CI_NOTE, plot.right, bottom + 2.0, HPos::Right);
        }
        CiLegend::Side { x, w } => c.legend_column_noted(&entries, x, plot.top, w, CI_NOTE),
    }
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
    let stacks = Stacks {
        values,
        rows: rows.len(),
        stacks: stack_names.len(),
    };
    let max_total = stacks.max_total();
    if stacks.rows == 0 || stacks.stacks == 0 || max_total <= 0.0 {
        return no_data(labels, "No data: no positive value to show.");
    }
    let width = 1000.0;
    let label_w = row_label_width(rows, 220.0);
    let left = MARGIN + if labels.y.is_empty() { 0.0 } else { 24.0 } + label_w + 12.0;
    let right = width - MARGIN - 24.0;
    let names: Vec<&str> = stack_names.iter().map(String::as_str).collect();
    let legend_bottom = legend_row_layout(&names, left, HEADER_H - 4.0, right).1;
    let top = legend_bottom + 8.0;
    let plot = Plot {
        left,
        top,
        right,
        bottom: top + stacks.rows as f64 * STACK_PITCH,
    };
    let x_title_y = plot.bottom + 28.0;
    let height = x_title_y + if labels.x.is_empty() { 0.0 } else { 24.0 } + MARGIN;
    let shares = stacks.are_shares();
    let ticks = nice_ticks(0.0, max_total, 5);

    render(labels, width, height, |c| {
        c.title(labels.title);
        let entries = category_entries(&names);
        c.legend_row(&entries, Swatch::Square, left, HEADER_H - 4.0, right);
        let sc = Linear::new(0.0, ticks.hi, left, right);
        c.grid_x(&stack_marks(&ticks, &sc, shares), plot.top, plot.bottom);
        for (r, name) in rows.iter().enumerate() {
            let y = plot.top + r as f64 * STACK_PITCH + (STACK_PITCH - STACK_BAR_H) / 2.0;
            c.row_label(name, left - 8.0, y + STACK_BAR_H / 2.0, label_w);
            draw_stack(c, &stacks, r, y, &sc, shares);
        }
        c.y_axis_line(&plot);
        c.axis_titles(labels, &plot, x_title_y, right - left);
    })
}

/// The values of stacked bars: `values[row][stack]`, negative and non-finite
/// ones as zero.
struct Stacks<'a> {
    values: &'a [Vec<f64>],
    rows: usize,
    stacks: usize,
}

impl Stacks<'_> {
    fn get(&self, r: usize, k: usize) -> f64 {
        self.values
            .get(r)
            .and_then(|row| row.get(k))
            .copied()
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(0.0)
    }

    fn total(&self, r: usize) -> f64 {
        (0..self.stacks).map(|k| self.get(r, k)).sum()
    }

    fn max_total(&self) -> f64 {
        (0..self.rows).map(|r| self.total(r)).fold(0.0, f64::max)
    }

    /// Whether every row sums to 1 (or 0): then the values are shares, printed
    /// as percentages.
    fn are_shares(&self) -> bool {
        (0..self.rows).all(|r| {
            let total = self.total(r);
            total == 0.0 || (total - 1.0).abs() < 1e-6
        })
    }
}

/// The value axis's tick marks on `sc`, as percentages when the rows are shares.
fn stack_marks(ticks: &Ticks, sc: &Linear, shares: bool) -> Vec<(f64, String)> {
    if !shares {
        return ticks.marks(sc);
    }
    let decimals = ticks.decimals.saturating_sub(2);
    ticks
        .values
        .iter()
        .map(|&v| (sc.map(v), format!("{}%", fmt_fixed(v * 100.0, decimals))))
        .collect()
}

/// Row `r`'s bar, its top at `y`: the segments left to right, each with its
/// value inside when it fits.
fn draw_stack(c: &mut Canvas, stacks: &Stacks, r: usize, y: f64, sc: &Linear, shares: bool) {
    let mut acc = 0.0;
    for k in 0..stacks.stacks {
        let v = stacks.get(r, k);
        if v <= 0.0 {
            continue;
        }
        let (x0, x1) = (sc.map(acc), sc.map(acc + v));
        let colour = category(k);
        c.rect(x0, y, x1, y + STACK_BAR_H, colour.to_rgba());
        let text = if shares {
            format!("{}%", fmt_fixed(v * 100.0, 0))
        } else {
            fmt_value(v)
        };
        if text_width(&text, VALUE_PX) + 6.0 <= x1 - x0 {
            c.text(
                &text,
                (x0 + x1) / 2.0,
                y + STACK_BAR_H / 2.0,
                Font::new(VALUE_PX)
                    .color(text_on(colour))
                    .anchor(HPos::Center, VPos::Center),
            );
        }
        acc += v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_hold_at_most_eight_series_as_evenly_as_can_be() {
        let one = |n: usize| vec![Range { start: 0, end: n }];
        assert_eq!(panel_runs(0), one(0));
        assert_eq!(panel_runs(5), one(5));
        assert_eq!(panel_runs(8), one(8));
        assert_eq!(panel_runs(9), [0..5, 5..9]);
        assert_eq!(panel_runs(20), [0..7, 7..14, 14..20]);
        for n in 1..200 {
            let runs = panel_runs(n);
            assert_eq!(runs.len(), n.div_ceil(CI_PANEL_SERIES));
            assert!(runs
                .iter()
                .all(|r| r.len() <= CI_PANEL_SERIES && !r.is_empty()));
            assert_eq!(runs.last().map(|r| r.end), Some(n));
        }
    }
}
