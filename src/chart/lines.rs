//! Rank–frequency (Zipf) plot on log–log axes.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::canvas::{
    legend_column_height, legend_column_width, no_data, render, text_width, Font, AXIS, HEADER_H,
    MARGIN, MUTED, TICK_PX,
};
use super::scale::{category, fmt_pow10, log_decades, Linear};
use super::Labels;

const MINOR_GRID: RGBColor = RGBColor(0xF3, 0xF3, 0xF3);

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
    let data: Vec<Vec<u64>> = series
        .iter()
        .map(|(_, f)| {
            let mut f: Vec<u64> = f.iter().copied().filter(|&v| v > 0).collect();
            f.sort_unstable_by(|a, b| b.cmp(a));
            f
        })
        .collect();
    let n_max = data.iter().map(Vec::len).max().unwrap_or(0);
    if n_max == 0 {
        return no_data(&labels, "No data: every series is empty.");
    }
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

    let tick_w = (y0e..=y1e)
        .map(|e| text_width(&fmt_pow10(e), TICK_PX))
        .fold(0.0, f64::max);
    let names: Vec<&str> = series.iter().map(|(n, _)| n.as_str()).collect();
    let legend_w = legend_column_width(&names, 260.0).max(100.0);
    let left = MARGIN + 24.0 + tick_w + 12.0;
    let width = 1000.0;
    let legend_x = width - MARGIN - legend_w;
    let plot_right = legend_x - 24.0;
    let plot_top = HEADER_H + 8.0;
    let plot_h = (legend_column_height(&names, legend_w) + 20.0).max(440.0);
    let plot_bottom = plot_top + plot_h;
    let height = plot_bottom + 30.0 + 24.0 + MARGIN;
    let sx = Linear::new(f64::from(x0e), f64::from(x1e), left, plot_right);
    // A little room below the lowest decade so the frequency-1 tail does not run
    // along the axis line.
    let y_pad = 0.03 * f64::from(y1e - y0e);
    let sy = Linear::new(
        f64::from(y0e) - y_pad,
        f64::from(y1e),
        plot_bottom,
        plot_top,
    );

    render(&labels, width, height, |c| {
        c.title(labels.title);
        // Minor grid at 2..9 × 10^k, then major grid and labels at powers of ten.
        for e in x0e..x1e {
            for m in 2..10 {
                let x = sx.map(f64::from(e) + f64::from(m).log10());
                c.line(&[(x, plot_top), (x, plot_bottom)], MINOR_GRID.to_rgba(), 1);
            }
        }
        for e in y0e..y1e {
            for m in 2..10 {
                let y = sy.map(f64::from(e) + f64::from(m).log10());
                c.line(&[(left, y), (plot_right, y)], MINOR_GRID.to_rgba(), 1);
            }
        }
        let xt: Vec<(f64, String)> = (x0e..=x1e)
            .map(|e| (sx.map(f64::from(e)), fmt_pow10(e)))
            .collect();
        c.grid_x(&xt, plot_top, plot_bottom);
        let yt: Vec<(f64, String)> = (y0e..=y1e)
            .map(|e| (sy.map(f64::from(e)), fmt_pow10(e)))
            .collect();
        c.grid_y(&yt, left, plot_right);
        c.line(&[(left, plot_top), (left, plot_bottom)], AXIS.to_rgba(), 1);
        c.line(
            &[(left, plot_bottom), (plot_right, plot_bottom)],
            AXIS.to_rgba(),
            1,
        );
        for (i, f) in data.iter().enumerate() {
            let pts = thin(
                f.iter()
                    .enumerate()
                    .map(|(r, &v)| (sx.map(((r + 1) as f64).log10()), sy.map((v as f64).log10()))),
            );
            if pts.len() == 1 {
                c.circle(pts[0].0, pts[0].1, 3.0, category(i).to_rgba());
            }
            c.line(
                &pts,
                category(i).to_rgba(),
                if data.len() > 8 { 1 } else { 2 },
            );
        }
        let entries: Vec<(String, RGBColor)> = series
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (n.clone(), category(i)))
            .collect();
        let legend_bottom = c.legend_column(&entries, legend_x, plot_top, legend_w);
        c.text(
            "log–log scales",
            legend_x,
            legend_bottom + 10.0,
            Font::new(TICK_PX)
                .color(MUTED)
                .anchor(HPos::Left, VPos::Top),
        );
        c.x_title(
            labels.x,
            (left + plot_right) / 2.0,
            plot_bottom + 30.0,
            plot_right - left,
        );
        c.y_title(labels.y, MARGIN, (plot_top + plot_bottom) / 2.0);
    })
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
