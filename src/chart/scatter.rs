//! Labelled scatter plot ("fightin' words": term frequency vs z-score), with
//! greedy label placement that skips a label rather than overlap another. The
//! axes are laid out first, then the highlighted points' labels are placed, then
//! the grid, the dots, the markers and the labels are drawn.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::canvas::{
    fit, legend_row_layout, no_data, render, text_width, widest, Canvas, Font, Plot, Swatch, AXIS,
    HEADER_H, MARGIN, TICK_PX,
};
use super::scale::{decade_marks, log_decades, nice_ticks, Linear, OVER, UNDER};
use super::{Labels, Point};

const OTHER: RGBColor = RGBColor(0x99, 0x99, 0x99);
const POINT_PX: f64 = 11.0;
const MARKER_R: f64 = 3.5;
const MAX_LABEL_W: f64 = 220.0;
/// Distance between a marker's centre and its label's box.
const LABEL_GAP: f64 = 5.0;
/// Grid on which non-highlighted dots are deduplicated.
const DOT_CELL: f64 = 3.0;
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 700.0;
/// The legend: the two colours of highlighted points, then the other points.
const LEGEND: [(&str, RGBColor); 3] = [
    ("highlighted, above 0", OVER),
    ("highlighted, below 0", UNDER),
    ("other points", OTHER),
];

/// An axis-aligned box in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

impl Rect {
    pub(crate) fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside(&self, b: &Rect) -> bool {
        self.x0 >= b.x0 && self.x1 <= b.x1 && self.y0 >= b.y0 && self.y1 <= b.y1
    }
    fn grow(&self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }
}

/// A label's place: its box, and whether a leader line joins it to its point
/// (when no place right next to the point was free).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spot {
    pub(crate) rect: Rect,
    pub(crate) leader: bool,
}

/// The distance from `(x, y)` to the box `r` (0 inside it).
pub(crate) fn distance(r: &Rect, (x, y): (f64, f64)) -> f64 {
    let dx = (r.x0 - x).max(0.0).max(x - r.x1);
    let dy = (r.y0 - y).max(0.0).max(y - r.y1);
    dx.hypot(dy)
}

/// Greedy placement, in the order given (most important first). Each label of
/// size `sizes[i]` tries eight positions around `anchors[i]` (right, left,
/// above, below, then the diagonals) and takes the first one inside `bounds`
/// that overlaps no label already placed (with 1 px to spare) and no other
/// anchor's marker (radius `radius`), and is nearer its own point than any
/// other: a reader takes a label for the point it is next to. When none is
/// free, the same eight directions are tried farther out ([`LEADER_STEPS`]),
/// with a leader line from the point to the label, which then need not be the
/// nearest. A label with no free position is left out (`None`).
pub(crate) fn place_labels(
    anchors: &[(f64, f64)],
    sizes: &[(f64, f64)],
    radius: f64,
    bounds: Rect,
) -> Vec<Option<Spot>> {
    let markers: Vec<Rect> = anchors
        .iter()
        .map(|&(x, y)| Rect {
            x0: x - radius,
            y0: y - radius,
            x1: x + radius,
            y1: y + radius,
        })
        .collect();
    let gap = LABEL_GAP.max(radius + 1.0);
    let mut placed: Vec<Rect> = Vec::new();
    let mut lines: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let mut out = Vec::with_capacity(anchors.len());
    for (i, (&anchor, &size)) in anchors.iter().zip(sizes).enumerate() {
        let free = |r: &Rect, leader: bool| {
            r.inside(&bounds)
                && !placed.iter().any(|p| p.grow(1.0).overlaps(r))
                && !markers
                    .iter()
                    .enumerate()
                    .any(|(j, m)| j != i && m.overlaps(r))
                && (leader
                    || anchors.iter().enumerate().all(|(j, &a)| {
                        j == i || same_place(a, anchor) || distance(r, a) > distance(r, anchor)
                    }))
                && (!leader || !crosses_any(anchor, r, &placed, &markers, i))
                && !lines.iter().any(|&(a, b)| segment_hits(a, b, r))
        };
        let mut spot = None;
        for (step, &k) in std::iter::once(&1.0).chain(LEADER_STEPS.iter()).enumerate() {
            let leader = step > 0;
            if let Some(rect) = around(anchor, size, gap * k)
                .into_iter()
                .find(|r| free(r, leader))
            {
                spot = Some(Spot { rect, leader });
                break;
            }
        }
        if let Some(s) = spot {
            placed.push(s.rect);
            if s.leader {
                lines.push((anchor, nearest_point(&s.rect, anchor)));
            }
        }
        out.push(spot);
    }
    out
}

/// Two points drawn at one place (terms with the same counts and score): their
/// labels belong to either.
fn same_place(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() < 0.5
}

/// How far out (in label gaps) a label with a leader line is tried.
const LEADER_STEPS: [f64; 3] = [4.0, 7.0, 11.0];

/// The eight boxes of size `(w, h)` at distance `d` from `(ax, ay)`: right,
/// left, above, below, then the diagonals.
fn around((ax, ay): (f64, f64), (w, h): (f64, f64), d: f64) -> [Rect; 8] {
    let dd = d * std::f64::consts::FRAC_1_SQRT_2;
    [
        (ax + d, ay - h / 2.0),
        (ax - d - w, ay - h / 2.0),
        (ax - w / 2.0, ay - d - h),
        (ax - w / 2.0, ay + d),
        (ax + dd, ay - dd - h),
        (ax + dd, ay + dd),
        (ax - dd - w, ay - dd - h),
        (ax - dd - w, ay + dd),
    ]
    .map(|(x0, y0)| Rect {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    })
}

/// The point of `r` nearest `(x, y)`: where a leader line ends.
pub(crate) fn nearest_point(r: &Rect, (x, y): (f64, f64)) -> (f64, f64) {
    (x.clamp(r.x0, r.x1), y.clamp(r.y0, r.y1))
}

/// Whether the leader from `anchor` to `r` would cross a placed label or
/// another point's marker.
fn crosses_any(
    anchor: (f64, f64),
    r: &Rect,
    placed: &[Rect],
    markers: &[Rect],
    own: usize,
) -> bool {
    let end = nearest_point(r, anchor);
    placed.iter().any(|p| segment_hits(anchor, end, p))
        || markers.iter().enumerate().any(|(j, m)| {
            let centre = ((m.x0 + m.x1) / 2.0, (m.y0 + m.y1) / 2.0);
            j != own && !same_place(centre, anchor) && segment_hits(anchor, end, m)
        })
}

/// Whether the segment `a`–`b` passes through the box `r` (sampled every
/// pixel: labels and markers are several pixels wide).
fn segment_hits(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let len = (b.0 - a.0).hypot(b.1 - a.1);
    let steps = len.ceil().max(1.0) as usize;
    (0..=steps).any(|k| {
        let t = k as f64 / steps as f64;
        let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
        x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1
    })
}

/// Scatter plot of `points` (x on a log scale when `log_x`; points with x ≤ 0 are
/// then dropped, as are non-finite ones). Highlighted points are coloured by the
/// sign of y (orange above zero, blue below) and labelled, largest |y| first,
/// wherever a label fits without overlapping another label or a highlighted
/// marker; the others are small grey dots (at most one per 3 × 3 pixels).
pub fn scatter_labeled(labels: &Labels, points: &[Point], log_x: bool) -> String {
    let pts: Vec<&Point> = points
        .iter()
        .filter(|p| p.x.is_finite() && p.y.is_finite() && (!log_x || p.x > 0.0))
        .collect();
    if pts.is_empty() {
        return no_data(labels, "No data: no point with finite coordinates.");
    }
    let axes = Axes::new(&pts, log_x);
    let high = Highlights::place(&pts, &axes);
    let plot = axes.plot;

    render(labels, WIDTH, HEIGHT, |c| {
        c.title(labels.title);
        let legend: Vec<(String, RGBColor)> = LEGEND
            .iter()
            .map(|&(n, col)| (n.to_string(), col))
            .collect();
        c.legend_row(&legend, Swatch::Dot, plot.left, HEADER_H - 4.0, plot.right);
        axes.draw(c);
        draw_dots(c, &pts, &axes);
        high.draw(c);
        c.axis_titles(labels, &plot, plot.bottom + 30.0, plot.right - plot.left);
    })
}

/// The plot area, both scales and their tick marks (pixel position, label).
struct Axes {
    plot: Plot,
    log_x: bool,
    sx: Linear,
    sy: Linear,
    x_marks: Vec<(f64, String)>,
    y_marks: Vec<(f64, String)>,
}

impl Axes {
    fn new(pts: &[&Point], log_x: bool) -> Axes {
        let (xmin, xmax, ymin, ymax) = pts.iter().fold(
            (f64::INFINITY, f64::NEG_INFINITY, 0.0f64, 0.0f64),
            |(a, b, c, d), p| (a.min(p.x), b.max(p.x), c.min(p.y), d.max(p.y)),
        );
        let yt = nice_ticks(ymin, ymax, 6);
        let tick_w = widest(yt.values.iter().map(|&v| yt.label(v)), TICK_PX);
        let left = MARGIN + 24.0 + tick_w + 12.0;
        let right = WIDTH - MARGIN - 8.0;
        let names = LEGEND.map(|(n, _)| n);
        let legend_bottom = legend_row_layout(&names, left, HEADER_H - 4.0, right).1;
        let plot = Plot {
            left,
            top: legend_bottom + 8.0,
            right,
            bottom: HEIGHT - MARGIN - 24.0 - 30.0,
        };
        let (sx, x_marks) = x_axis(xmin, xmax, log_x, &plot);
        let sy = Linear::new(yt.lo, yt.hi, plot.bottom, plot.top);
        Axes {
            plot,
            log_x,
            sx,
            sy,
            x_marks,
            y_marks: yt.marks(&sy),
        }
    }

    /// Where `p` is drawn, in pixels.
    fn at(&self, p: &Point) -> (f64, f64) {
        let x = if self.log_x { p.x.log10() } else { p.x };
        (self.sx.map(x), self.sy.map(p.y))
    }

    /// The grid with its tick labels, the axis lines and the zero line.
    fn draw(&self, c: &mut Canvas) {
        let plot = &self.plot;
        c.grid_x(&self.x_marks, plot.top, plot.bottom);
        c.grid_y(&self.y_marks, plot.left, plot.right);
        c.axis_lines(plot);
        let zero = self.sy.map(0.0);
        c.line(&[(plot.left, zero), (plot.right, zero)], AXIS.to_rgba(), 1);
    }
}

/// The x scale from `xmin` to `xmax` across `plot` and its tick marks: on
/// powers of ten when `log_x` (the scale's domain is then in decades), else on
/// nice ticks.
fn x_axis(xmin: f64, xmax: f64, log_x: bool, plot: &Plot) -> (Linear, Vec<(f64, String)>) {
    if log_x {
        let (a, b) = log_decades(xmin, xmax);
        let sx = Linear::new(f64::from(a), f64::from(b), plot.left, plot.right);
        (sx, decade_marks(a, b, &sx))
    } else {
        let t = nice_ticks(xmin, xmax, 6);
        let sx = Linear::new(t.lo, t.hi, plot.left, plot.right);
        (sx, t.marks(&sx))
    }
}

/// Other points: one dot per 3 × 3 pixel cell (a dot is 4 px wide, so the
/// picture is the same), in a fixed (sorted) order; keeps the SVG small for a
/// vocabulary of 100,000 terms.
fn draw_dots(c: &mut Canvas, pts: &[&Point], axes: &Axes) {
    let mut dots: Vec<(i64, i64)> = pts
        .iter()
        .filter(|p| !p.highlight)
        .map(|p| {
            let cell = |v: f64| (v / DOT_CELL).round() as i64;
            let (x, y) = axes.at(p);
            (cell(x), cell(y))
        })
        .collect();
    dots.sort_unstable();
    dots.dedup();
    for (x, y) in dots {
        let (x, y) = (x as f64 * DOT_CELL, y as f64 * DOT_CELL);
        c.circle(x, y, 2.0, OTHER.mix(0.55));
    }
}

/// The highlighted points, largest |y| first, with their markers' centres and
/// their labels' places (`None`: no room).
struct Highlights<'a> {
    points: Vec<&'a Point>,
    anchors: Vec<(f64, f64)>,
    texts: Vec<String>,
    spots: Vec<Option<Spot>>,
}

impl<'a> Highlights<'a> {
    fn place(pts: &[&'a Point], axes: &Axes) -> Highlights<'a> {
        let mut points: Vec<&Point> = pts.iter().copied().filter(|p| p.highlight).collect();
        points.sort_by(|a, b| {
            b.y.abs()
                .total_cmp(&a.y.abs())
                .then_with(|| a.label.cmp(&b.label))
        });
        let anchors: Vec<(f64, f64)> = points.iter().map(|p| axes.at(p)).collect();
        let texts: Vec<String> = points
            .iter()
            .map(|p| fit(&p.label, POINT_PX, MAX_LABEL_W))
            .collect();
        let sizes: Vec<(f64, f64)> = texts
            .iter()
            .map(|t| (text_width(t, POINT_PX), POINT_PX * 1.3))
            .collect();
        let plot = &axes.plot;
        let bounds = Rect {
            x0: plot.left + 1.0,
            y0: plot.top + 1.0,
            x1: plot.right - 1.0,
            y1: plot.bottom - 1.0,
        };
        let spots = place_labels(&anchors, &sizes, MARKER_R, bounds);
        Highlights {
            points,
            anchors,
            texts,
            spots,
        }
    }

    /// The markers (the most important last, on top), then the labels.
    fn draw(&self, c: &mut Canvas) {
        for (p, &(x, y)) in self.points.iter().zip(&self.anchors).rev() {
            let colour = if p.y >= 0.0 { OVER } else { UNDER };
            c.circle(x, y, MARKER_R, colour.to_rgba());
        }
        for ((text, spot), &anchor) in self.texts.iter().zip(&self.spots).zip(&self.anchors) {
            if let Some(Spot { rect: r, leader }) = spot {
                if *leader {
                    let end = nearest_point(r, anchor);
                    c.line(&[anchor, end], OTHER.to_rgba(), 1);
                }
                c.text(
                    text,
                    r.x0,
                    (r.y0 + r.y1) / 2.0,
                    Font::new(POINT_PX).anchor(HPos::Left, VPos::Center),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Places the labels and checks what a reader relies on: every label
    /// inside the plot, no two labels overlapping, no label over another
    /// point's marker, every label without a leader line nearer its own point
    /// than any other, and every leader line clear of other labels and markers.
    fn check(anchors: &[(f64, f64)], sizes: &[(f64, f64)], bounds: Rect) -> Vec<Option<Rect>> {
        let spots = place_labels(anchors, sizes, MARKER_R, bounds);
        assert_eq!(spots.len(), anchors.len());
        let placed: Vec<(usize, Spot)> = spots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|r| (i, r)))
            .collect();
        let marker = |&(x, y): &(f64, f64)| Rect {
            x0: x - MARKER_R,
            y0: y - MARKER_R,
            x1: x + MARKER_R,
            y1: y + MARKER_R,
        };
        for (k, &(i, s)) in placed.iter().enumerate() {
            let a = s.rect;
            assert!(a.inside(&bounds), "{a:?} outside {bounds:?}");
            assert!((a.x1 - a.x0 - sizes[i].0).abs() < 1e-9);
            for &(_, b) in &placed[..k] {
                assert!(!a.overlaps(&b.rect), "{a:?} overlaps {:?}", b.rect);
            }
            for (j, p) in anchors.iter().enumerate() {
                assert!(
                    j == i || !a.overlaps(&marker(p)),
                    "label {i} covers marker {j}"
                );
                if !s.leader && j != i && !same_place(*p, anchors[i]) {
                    assert!(
                        distance(&a, *p) > distance(&a, anchors[i]),
                        "label {i} is nearer point {j} than its own"
                    );
                }
            }
            if s.leader {
                let end = nearest_point(&a, anchors[i]);
                for (j, p) in anchors.iter().enumerate() {
                    assert!(
                        j == i
                            || same_place(*p, anchors[i])
                            || !segment_hits(anchors[i], end, &marker(p))
                    );
                }
                for &(m, b) in &placed {
                    assert!(m == i || !segment_hits(anchors[i], end, &b.rect));
                }
            }
        }
        spots.iter().map(|s| s.map(|s| s.rect)).collect()
    }

    #[test]
    fn labels_sit_by_their_own_points_at_any_number_of_points() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 1000.0,
            y1: 700.0,
        };
        for n in [2usize, 20, 200] {
            let mut rng = crate::stats::rng::SplitMix64::new(n as u64);
            // Half the points spread out, half in a crowded band (as z-scores
            // pile up near the axis in a fightin' words plot).
            let anchors: Vec<(f64, f64)> = (0..n)
                .map(|i| {
                    let (x, y) = (rng.f64(), rng.f64());
                    if i % 2 == 0 {
                        (20.0 + 960.0 * x, 20.0 + 660.0 * y)
                    } else {
                        (400.0 + 200.0 * x, 330.0 + 40.0 * y)
                    }
                })
                .collect();
            let sizes: Vec<(f64, f64)> = (0..n)
                .map(|i| (30.0 + (i % 5) as f64 * 12.0, 14.0))
                .collect();
            let spots = check(&anchors, &sizes, bounds);
            assert!(
                spots[0].is_some(),
                "the most important label is placed ({n} points)"
            );
        }
    }

    #[test]
    fn points_at_one_place_all_get_labels() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 600.0,
            y1: 400.0,
        };
        // Three terms with the same count and score, drawn at one point.
        let anchors = [(300.0, 200.0), (300.0, 200.0), (300.0, 200.0)];
        let sizes = [(40.0, 14.0), (50.0, 14.0), (30.0, 14.0)];
        let spots = check(&anchors, &sizes, bounds);
        assert!(spots.iter().all(Option::is_some), "{spots:?}");
    }

    #[test]
    fn four_points_close_together_never_swap_labels() {
        // The case that labelled "fight" with "middle": four highlighted points
        // a label's width apart on one row.
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 600.0,
            y1: 400.0,
        };
        let anchors = [
            (300.0, 200.0),
            (345.0, 200.0),
            (390.0, 200.0),
            (322.0, 214.0),
        ];
        let sizes = [(40.0, 14.0), (40.0, 14.0), (40.0, 14.0), (40.0, 14.0)];
        let spots = check(&anchors, &sizes, bounds);
        assert!(spots.iter().all(Option::is_some), "{spots:?}");
    }

    #[test]
    fn sparse_points_all_get_labels() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 800.0,
            y1: 600.0,
        };
        let anchors: Vec<(f64, f64)> = (0..10).map(|i| (50.0 + 70.0 * i as f64, 300.0)).collect();
        let sizes = vec![(50.0, 14.0); 10];
        let spots = check(&anchors, &sizes, bounds);
        assert!(spots.iter().all(Option::is_some));
        // The first choice is to the right of the point.
        assert_eq!(spots[0].map(|r| r.x0), Some(50.0 + LABEL_GAP));
    }

    #[test]
    fn crowded_points_skip_labels_instead_of_overlapping() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 300.0,
            y1: 200.0,
        };
        // 60 points packed into a 40 × 40 square: not all labels can fit.
        let anchors: Vec<(f64, f64)> = (0..60)
            .map(|i| (130.0 + (i % 8) as f64 * 5.0, 80.0 + (i / 8) as f64 * 5.0))
            .collect();
        let sizes = vec![(70.0, 14.0); 60];
        let spots = check(&anchors, &sizes, bounds);
        assert!(spots.iter().any(Option::is_none));
        assert!(spots.iter().any(Option::is_some));
    }

    #[test]
    fn labels_stay_inside_the_plot_near_its_edges() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 200.0,
            y1: 100.0,
        };
        let anchors = [(199.0, 50.0), (1.0, 1.0), (100.0, 99.0)];
        let sizes = [(60.0, 14.0), (60.0, 14.0), (60.0, 14.0)];
        let spots = check(&anchors, &sizes, bounds);
        // Right edge: the label goes to the left.
        assert_eq!(spots[0].map(|r| r.x1), Some(199.0 - LABEL_GAP));
        assert!(spots.iter().all(Option::is_some));
    }
}
