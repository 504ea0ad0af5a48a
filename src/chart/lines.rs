//! Rank–frequency (Zipf) plot on log–log axes: the decades and the plot area are
//! laid out first, then the grid, the series and the legend are drawn.

use plotters::style::{Color, RGBColor};

use super::canvas::{
    legend_column_height, legend_column_width, no_data, render, widest, Canvas, Plot, HEADER_H,
    MARGIN, TICK_PX,
};
use super::scale::{category, category_entries, decade_marks, fmt_pow10, log_decades, Linear};
use super::Labels;

const MINOR_GRID: RGBColor = RGBColor(0xF3, 0xF3, 0xF3);
const WIDTH: f64 = 1000.0;

/// Log–log rank–frequency plot, one line per `(name, frequencies)` series; the
/// frequencies are sorted in descending order here (zeros dropped), rank 1 first.
/// Axis titles default to "Rank" and "Frequency" when `labels.x`/`labels.y` are
/// empty. Long series are thinned to the points that change a pixel, so the SVG
/// stays small for a vocabulary of millions.
pub fn rank_frequency(labels: &Labels, series: &[(String, Vec<u64>)]) -> String {
    let labels = Labels {
        x: if labels.x.is_empty() {
            "Rank"
        } else {
            labels.x
        },
        y: if labels.y.is_empty() {
            "Frequency"
        } else {
            labels.y
        },
        ..*labels
    };
    let data = descending(series);
    if data.iter().all(Vec::is_empty) {
        return no_data(&labels, "No data: every series is empty.");
    }
    let names: Vec<&str> = series.iter().map(|(n, _)| n.as_str()).collect();
    let layout = Layout::new(&names, &data);
    let plot = layout.plot;

    render(&labels, WIDTH, layout.height, |c| {
        c.title(labels.title);
        layout.draw_grid(c);
        c.axis_lines(&plot);
        for (i, f) in data.iter().enumerate() {
            let width = if data.len() > 8 { 1 } else { 2 };
            layout.draw_series(c, f, category(i), width);
        }
        c.legend_column_noted(
            &category_entries(&names),
            layout.legend_x,
            plot.top,
            layout.legend_w,
            "log–log scales",
        );
        c.axis_titles(&labels, &plot, plot.bottom + 30.0, plot.right - plot.left);
    })
}

/// Each series' frequencies without zeros, largest first.
fn descending(series: &[(String, Vec<u64>)]) -> Vec<Vec<u64>> {
    series
        .iter()
        .map(|(_, f)| {
            let mut f: Vec<u64> = f.iter().copied().filter(|&v| v > 0).collect();
            f.sort_unstable_by(|a, b| b.cmp(a));
            f
        })
        .collect()
}

/// Where everything goes: the decades each axis spans, the plot area and its
/// log scales (domains in decades), the legend on the right.
struct Layout {
    x_decades: (i32, i32),
    y_decades: (i32, i32),
    plot: Plot,
    sx: Linear,
    sy: Linear,
    legend_x: f64,
    legend_w: f64,
    height: f64,
}

impl Layout {
    /// The layout for series `names` with frequencies `data` (each descending,
    /// at least one not empty).
    fn new(names: &[&str], data: &[Vec<u64>]) -> Layout {
        let n_max = data.iter().map(Vec::len).max().unwrap_or(0);
        let f_max = data
            .iter()
            .filter_map(|f| f.first())
            .max()
            .copied()
            .unwrap_or(1);
        let f_min = data
            .iter()
            .filter_map(|f| f.last())
            .min()
            .copied()
            .unwrap_or(1);
        let (x0e, x1e) = log_decades(1.0, n_max as f64);
        let (y0e, y1e) = log_decades(f_min as f64, f_max as f64);

        let tick_w = widest((y0e..=y1e).map(fmt_pow10), TICK_PX);
        let legend_w = legend_column_width(names, 260.0).max(100.0);
        let left = MARGIN + 24.0 + tick_w + 12.0;
        let legend_x = WIDTH - MARGIN - legend_w;
        let top = HEADER_H + 8.0;
        let plot_h = (legend_column_height(names, legend_w) + 20.0).max(440.0);
        let plot = Plot {
            left,
            top,
            right: legend_x - 24.0,
            bottom: top + plot_h,
        };
        let sx = Linear::new(f64::from(x0e), f64::from(x1e), left, plot.right);
        // A little room below the lowest decade so the frequency-1 tail does not
        // run along the axis line.
        let y_pad = 0.03 * f64::from(y1e - y0e);
        let sy = Linear::new(
            f64::from(y0e) - y_pad,
            f64::from(y1e),
            plot.bottom,
            plot.top,
        );
        Layout {
            x_decades: (x0e, x1e),
            y_decades: (y0e, y1e),
            plot,
            sx,
            sy,
            legend_x,
            legend_w,
            height: plot.bottom + 30.0 + 24.0 + MARGIN,
        }
    }

    /// Minor grid at 2..9 × 10^k, then major grid and labels at powers of ten.
    fn draw_grid(&self, c: &mut Canvas) {
        let ((x0e, x1e), (y0e, y1e)) = (self.x_decades, self.y_decades);
        let plot = &self.plot;
        let minor = MINOR_GRID.to_rgba();
        for e in x0e..x1e {
            for m in 2..10 {
                let x = self.sx.map(f64::from(e) + f64::from(m).log10());
                c.line(&[(x, plot.top), (x, plot.bottom)], minor, 1);
            }
        }
        for e in y0e..y1e {
            for m in 2..10 {
                let y = self.sy.map(f64::from(e) + f64::from(m).log10());
                c.line(&[(plot.left, y), (plot.right, y)], minor, 1);
            }
        }
        c.grid_x(&decade_marks(x0e, x1e, &self.sx), plot.top, plot.bottom);
        c.grid_y(&decade_marks(y0e, y1e, &self.sy), plot.left, plot.right);
    }

    /// One series' line (a dot when it is a single point), `width` pixels wide.
    fn draw_series(&self, c: &mut Canvas, f: &[u64], colour: RGBColor, width: u32) {
        let pts = thin(f.iter().enumerate().map(|(r, &v)| {
            (
                self.sx.map(((r + 1) as f64).log10()),
                self.sy.map((v as f64).log10()),
            )
        }));
        if pts.len() == 1 {
            c.circle(pts[0].0, pts[0].1, 3.0, colour.to_rgba());
        }
        c.line(&pts, colour.to_rgba(), width);
    }
}

/// Keeps the points that move to another whole pixel, and of each horizontal run
/// only its ends: the drawn line is unchanged at pixel resolution.
fn thin(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    let mut px: Vec<(f64, f64)> = Vec::new();
    for (x, y) in points {
        let p = (x.round(), y.round());
        if px.last() != Some(&p) {
            px.push(p);
        }
    }
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(px.len());
    for (i, &p) in px.iter().enumerate() {
        let inside_run = i > 0 && i + 1 < px.len() && px[i - 1].1 == p.1 && px[i + 1].1 == p.1;
        if !inside_run {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_run_ends_and_drops_repeats() {
        let pts = [
            (0.0, 0.0),
            (0.2, 0.1), // same pixel as the first
            (1.0, 5.0),
            (2.0, 5.0),
            (3.0, 5.0),
            (4.0, 5.0),
            (5.0, 9.0),
        ];
        assert_eq!(
            thin(pts.into_iter()),
            vec![(0.0, 0.0), (1.0, 5.0), (4.0, 5.0), (5.0, 9.0)]
        );
    }
}
