//! The drawing surface shared by all charts: the embedded font, text measurement
//! and truncation, a thin wrapper over plotters' SVG backend in pixel coordinates,
//! the steps several charts share (grid lines, axis lines and titles, legends,
//! row labels), and the finishing step that inserts `<title>`/`<desc>`.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontDesc, FontFamily, FontStyle, FontTransform};
use unicode_segmentation::UnicodeSegmentation;

use super::Labels;

/// Family string written to the SVG: the embedded font first, then fallbacks of
/// similar or smaller width so that layouts measured with DejaVu Sans still fit.
pub(crate) const FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// DejaVu Sans 2.37 (Bitstream Vera licence, see assets/fonts/LICENSE-DejaVu.txt).
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// plotters writes `font-size = size / 1.24` into the SVG; we think in SVG pixels.
const PLOTTERS_SIZE_FACTOR: f64 = 1.24;

/// Bold glyphs are measured with the regular face (only it is embedded), widened
/// by this factor (DejaVu Sans Bold is about 8–10 % wider).
const BOLD_WIDTH_FACTOR: f64 = 1.12;

pub(crate) const MARGIN: f64 = 16.0;
pub(crate) const TITLE_PX: f64 = 18.0;
pub(crate) const PANEL_TITLE_PX: f64 = 13.0;
pub(crate) const AXIS_TITLE_PX: f64 = 13.0;
pub(crate) const LABEL_PX: f64 = 12.0;
pub(crate) const TICK_PX: f64 = 11.0;
pub(crate) const VALUE_PX: f64 = 10.5;
/// Height of the band holding the chart title.
pub(crate) const HEADER_H: f64 = 44.0;

pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(crate) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub(crate) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
pub(crate) const AXIS: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// Registers the embedded font once; false if it could not be parsed (then every
/// chart degrades to a note instead of panicking).
fn fonts_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT).is_ok())
}

/// Replaces what XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF) and
/// line breaks by spaces, and collapses runs of white space.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            ' '
        } else {
            c
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Escapes text for an XML text node or attribute.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Width in pixels of `s` drawn at `px` (SVG font-size) with the embedded font.
pub(crate) fn text_width(s: &str, px: f64) -> f64 {
    let font = FontDesc::new(
        FontFamily::Name(FAMILY),
        px * PLOTTERS_SIZE_FACTOR,
        FontStyle::Normal,
    );
    match font.box_size(s) {
        Ok((w, _)) => f64::from(w),
        // Only reachable if the font failed to register; a generous estimate.
        Err(_) => s.chars().count() as f64 * px * 0.7,
    }
}

pub(crate) fn bold_width(s: &str, px: f64) -> f64 {
    text_width(s, px) * BOLD_WIDTH_FACTOR
}

/// `s` cleaned and, if wider than `max_w`, cut at a grapheme boundary with "…".
pub(crate) fn fit(s: &str, px: f64, max_w: f64) -> String {
    fit_with(s, max_w, |t| text_width(t, px))
}

pub(crate) fn fit_bold(s: &str, px: f64, max_w: f64) -> String {
    fit_with(s, max_w, |t| bold_width(t, px))
}

fn fit_with(s: &str, max_w: f64, width: impl Fn(&str) -> f64) -> String {
    let s = clean(s);
    if width(&s) <= max_w {
        return s;
    }
    let graphemes: Vec<&str> = s.graphemes(true).collect();
    let cut = |k: usize| format!("{}…", graphemes[..k].concat().trim_end());
    // Largest prefix that fits with the ellipsis; widths grow with the prefix.
    let (mut lo, mut hi) = (0usize, graphemes.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(&cut(mid)) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        "…".to_string()
    } else {
        cut(lo)
    }
}

/// Bold `s` at the largest size from `px` down to `min_px` (in half pixels) at
/// which it fits `max_w` whole; at `min_px` and cut with "…" when none does.
pub(crate) fn fit_bold_shrinking(s: &str, px: f64, min_px: f64, max_w: f64) -> (String, f64) {
    let s = clean(s);
    let min_px = min_px.min(px);
    let mut size = px;
    while size >= min_px {
        if bold_width(&s, size) <= max_w {
            return (s, size);
        }
        size -= 0.5;
    }
    (fit_bold(&s, min_px, max_w), min_px)
}

/// `s` word-wrapped into at most `max_lines` lines no wider than `max_w`; a
/// line may also break after the hyphen of a hyphenated word ("legal-" /
/// "procedural"). A word wider than a line, or text left over after the last
/// line, is cut with "…" (as [`fit`] does).
pub(crate) fn wrap(s: &str, px: f64, max_w: f64, max_lines: usize) -> Vec<String> {
    wrap_with(s, max_w, max_lines, |t| text_width(t, px))
}

/// [`wrap`] in bold.
pub(crate) fn wrap_bold(s: &str, px: f64, max_w: f64, max_lines: usize) -> Vec<String> {
    wrap_with(s, max_w, max_lines, |t| bold_width(t, px))
}

fn wrap_with(
    s: &str,
    max_w: f64,
    max_lines: usize,
    width: impl Fn(&str) -> f64 + Copy,
) -> Vec<String> {
    let s = clean(s);
    let pieces = pieces(&s);
    let mut lines: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if lines.len() + 1 == max_lines.max(1) {
            // The last line takes the rest of the text, cut to fit.
            lines.push(fit_with(&join(&pieces[i..]), max_w, width));
            break;
        }
        let mut end = i + 1;
        while end < pieces.len() && width(&join(&pieces[i..=end])) <= max_w {
            end += 1;
        }
        lines.push(fit_with(&join(&pieces[i..end]), max_w, width));
        i = end;
    }
    lines
}

/// The narrowest width (whole pixels) at which [`wrap`] sets `s` in at most
/// `max_lines` lines without cutting anything (at least the widest
/// unbreakable piece). Greedy wrapping never needs more lines at a larger
/// width, so the width is found by bisection.
pub(crate) fn wrap_width(s: &str, px: f64, max_lines: usize) -> f64 {
    let s = clean(s);
    let pieces = pieces(&s);
    let widest = pieces
        .iter()
        .map(|(p, _)| text_width(p, px))
        .fold(0.0, f64::max)
        .ceil();
    let full = text_width(&s, px).ceil().max(widest);
    let fits = |w: f64| wrap(&s, px, w, usize::MAX).len() <= max_lines.max(1);
    if !(widest.is_finite() && full.is_finite()) || fits(widest) {
        return widest;
    }
    // fits(full) holds (one line); fits(lo) does not.
    let (mut lo, mut hi) = (widest, full);
    while hi - lo > 1.0 {
        let mid = ((lo + hi) / 2.0).floor();
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// The width a label needs: its own width when that is at most `cap`, else
/// the width it takes in `lines` lines ([`wrap_width`]), at most `cap`.
pub(crate) fn label_width(s: &str, cap: f64, lines: usize) -> f64 {
    let one = text_width(s, LABEL_PX);
    if one <= cap {
        one
    } else {
        wrap_width(s, LABEL_PX, lines).min(cap)
    }
}

/// The pieces a line may break between: words, and the parts of a hyphenated
/// word after each inner hyphen; each with whether a space goes before it.
fn pieces(s: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    for word in s.split_whitespace() {
        let mut start = 0;
        for (i, _) in word.match_indices('-') {
            let end = i + 1;
            // Only inner hyphens: "-5" and "well-" stay whole.
            if i > 0 && end < word.len() && i > start {
                out.push((&word[start..end], start == 0));
                start = end;
            }
        }
        out.push((&word[start..], start == 0));
    }
    out
}

fn join(pieces: &[(&str, bool)]) -> String {
    let mut s = String::new();
    for (k, (p, space)) in pieces.iter().enumerate() {
        if k > 0 && *space {
            s.push(' ');
        }
        s.push_str(p);
    }
    s
}

/// How a piece of text is drawn.
#[derive(Clone, Copy)]
pub(crate) struct Font {
    px: f64,
    bold: bool,
    color: RGBColor,
    h: HPos,
    v: VPos,
    vertical: bool,
}

impl Font {
    pub(crate) fn new(px: f64) -> Self {
        Font {
            px,
            bold: false,
            color: INK,
            h: HPos::Left,
            v: VPos::Center,
            vertical: false,
        }
    }
    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub(crate) fn color(mut self, color: RGBColor) -> Self {
        self.color = color;
        self
    }
    pub(crate) fn anchor(mut self, h: HPos, v: VPos) -> Self {
        self.h = h;
        self.v = v;
        self
    }
    /// Rotated to read bottom to top (for y-axis titles).
    pub(crate) fn vertical(mut self) -> Self {
        self.vertical = true;
        self
    }
}

fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

/// A drawing area in pixel coordinates that records the first drawing error
/// instead of returning it from every call.
pub(crate) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    failed: Option<String>,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

impl Canvas<'_> {
    fn note<E: std::fmt::Display>(&mut self, r: Result<(), E>) {
        if let Err(e) = r {
            self.failed.get_or_insert_with(|| e.to_string());
        }
    }

    pub(crate) fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: RGBAColor) {
        let (xa, xb) = (px(x0.min(x1)), px(x0.max(x1)));
        let (ya, yb) = (px(y0.min(y1)), px(y0.max(y1)));
        if xa == xb || ya == yb {
            return;
        }
        let r = self
            .area
            .draw(&Rectangle::new([(xa, ya), (xb, yb)], fill.filled()));
        self.note(r);
    }

    pub(crate) fn line(&mut self, points: &[(f64, f64)], color: RGBAColor, width: u32) {
        if points.len() < 2 {
            return;
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        let r = self
            .area
            .draw(&PathElement::new(pts, color.stroke_width(width)));
        self.note(r);
    }

    pub(crate) fn circle(&mut self, x: f64, y: f64, radius: f64, fill: RGBAColor) {
        let r = self.area.draw(&Circle::new(
            (px(x), px(y)),
            px(radius).max(1),
            fill.filled(),
        ));
        self.note(r);
    }

    /// Draws `s` (cleaned; the SVG backend escapes it) without any truncation.
    pub(crate) fn text(&mut self, s: &str, x: f64, y: f64, font: Font) {
        let s = clean(s);
        if s.is_empty() {
            return;
        }
        let style = if font.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let mut ts: TextStyle = FontDesc::new(
            FontFamily::Name(FAMILY),
            font.px * PLOTTERS_SIZE_FACTOR,
            style,
        )
        .color(&font.color)
        .pos(Pos::new(font.h, font.v));
        if font.vertical {
            ts = ts.transform(FontTransform::Rotate270);
        }
        let r = self.area.draw(&Text::new(s, (px(x), px(y)), ts));
        self.note(r);
    }

    /// Vertical grid lines at `ticks` (pixel x, label) from `y0` to `y1`, with
    /// the labels centred below `y1`.
    pub(crate) fn grid_x(&mut self, ticks: &[(f64, String)], y0: f64, y1: f64) {
        for (x, label) in ticks {
            self.line(&[(*x, y0), (*x, y1)], GRID.to_rgba(), 1);
            self.line(&[(*x, y1), (*x, y1 + 4.0)], AXIS.to_rgba(), 1);
            self.text(
                label,
                *x,
                y1 + 6.0,
                Font::new(TICK_PX)
                    .color(MUTED)
                    .anchor(HPos::Center, VPos::Top),
            );
        }
    }

    /// Horizontal grid lines at `ticks` (pixel y, label) from `x0` to `x1`, with
    /// the labels right-aligned left of `x0`.
    pub(crate) fn grid_y(&mut self, ticks: &[(f64, String)], x0: f64, x1: f64) {
        for (y, label) in ticks {
            self.line(&[(x0, *y), (x1, *y)], GRID.to_rgba(), 1);
            self.line(&[(x0 - 4.0, *y), (x0, *y)], AXIS.to_rgba(), 1);
            self.text(
                label,
                x0 - 7.0,
                *y,
                Font::new(TICK_PX)
                    .color(MUTED)
                    .anchor(HPos::Right, VPos::Center),
            );
        }
    }

    /// Horizontal axis title centred at `(x, y)` (top of the text), shortened to
    /// `max_w`.
    pub(crate) fn x_title(&mut self, s: &str, x: f64, y: f64, max_w: f64) {
        let s = fit(s, AXIS_TITLE_PX, max_w);
        self.text(
            &s,
            x,
            y,
            Font::new(AXIS_TITLE_PX).anchor(HPos::Center, VPos::Top),
        );
    }

    /// Vertical axis title reading bottom to top, its top side at `x`, centred
    /// on `y`, shortened to the height available around `y` below the header.
    pub(crate) fn y_title(&mut self, s: &str, x: f64, y: f64) {
        let room = 2.0 * (y - HEADER_H).min(self.height - MARGIN - y);
        let s = fit(s, AXIS_TITLE_PX, room.max(40.0));
        self.text(
            &s,
            x,
            y,
            Font::new(AXIS_TITLE_PX)
                .anchor(HPos::Center, VPos::Top)
                .vertical(),
        );
    }

    /// The chart title, top left, shortened to the canvas width.
    pub(crate) fn title(&mut self, title: &str) {
        let (t, px) = fit_bold_shrinking(title, TITLE_PX, 13.0, self.width - 2.0 * MARGIN);
        self.text(
            &t,
            MARGIN,
            MARGIN,
            Font::new(px).bold().anchor(HPos::Left, VPos::Top),
        );
    }

    /// The axis titles that are not empty: `labels.x` centred under `plot`,
    /// its top at `x_title_y`, shortened to `x_max_w`; `labels.y` in the left
    /// margin, centred on `plot`.
    pub(crate) fn axis_titles(
        &mut self,
        labels: &Labels,
        plot: &Plot,
        x_title_y: f64,
        x_max_w: f64,
    ) {
        if !labels.x.is_empty() {
            self.x_title(labels.x, plot.mid_x(), x_title_y, x_max_w);
        }
        if !labels.y.is_empty() {
            self.y_title(labels.y, MARGIN, plot.mid_y());
        }
    }

    /// The vertical axis line along the left side of `plot`.
    pub(crate) fn y_axis_line(&mut self, plot: &Plot) {
        self.line(
            &[(plot.left, plot.top), (plot.left, plot.bottom)],
            AXIS.to_rgba(),
            1,
        );
    }

    /// The axis lines along the left side and the bottom of `plot`.
    pub(crate) fn axis_lines(&mut self, plot: &Plot) {
        self.y_axis_line(plot);
        self.line(
            &[(plot.left, plot.bottom), (plot.right, plot.bottom)],
            AXIS.to_rgba(),
            1,
        );
    }

    /// A small muted note (e.g. what whiskers mean) with its top at `y`,
    /// starting, centred or ending at `x` as `h` says.
    pub(crate) fn small_note(&mut self, s: &str, x: f64, y: f64, h: HPos) {
        self.text(
            s,
            x,
            y,
            Font::new(TICK_PX).color(MUTED).anchor(h, VPos::Top),
        );
    }

    /// A horizontal legend flowing left to right from `(x, y)`, wrapping at
    /// `max_x` (see [`legend_row_layout`]), each colour marked by `swatch`.
    pub(crate) fn legend_row(
        &mut self,
        entries: &[(String, RGBColor)],
        swatch: Swatch,
        x: f64,
        y: f64,
        max_x: f64,
    ) -> f64 {
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        let (places, bottom) = legend_row_layout(&names, x, y, max_x);
        for ((cx, cy, name), (_, color)) in places.into_iter().zip(entries) {
            swatch.draw(self, cx, cy, *color);
            self.text(
                &name,
                cx + 17.0,
                cy + 8.0,
                Font::new(LABEL_PX).anchor(HPos::Left, VPos::Center),
            );
        }
        bottom
    }

    /// A row label right-aligned at `x`, centred on `y`, in up to two lines of
    /// `max_w` pixels (one above the other), cut only beyond that.
    pub(crate) fn row_label(&mut self, s: &str, x: f64, y: f64, max_w: f64) {
        let lines = wrap(s, LABEL_PX, max_w, 2);
        for (i, line) in lines.iter().enumerate() {
            let dy = (i as f64 - (lines.len() - 1) as f64 / 2.0) * ROW_LINE;
            self.text(
                line,
                x,
                y + dy,
                Font::new(LABEL_PX).anchor(HPos::Right, VPos::Center),
            );
        }
    }

    /// A vertical legend at `(x, y)`, one entry under another, each name
    /// wrapped onto up to two lines of `max_w` pixels including the swatch.
    /// Returns the y just below the legend.
    pub(crate) fn legend_column(
        &mut self,
        entries: &[(String, RGBColor)],
        x: f64,
        y: f64,
        max_w: f64,
    ) -> f64 {
        let mut cy = y;
        for (name, color) in entries {
            let lines = legend_lines(name, max_w);
            self.rect(x, cy + 2.0, x + 12.0, cy + 14.0, color.to_rgba());
            for (i, line) in lines.iter().enumerate() {
                self.text(
                    line,
                    x + 17.0,
                    cy + 8.0 + i as f64 * LEGEND_LINE,
                    Font::new(LABEL_PX).anchor(HPos::Left, VPos::Center),
                );
            }
            cy += legend_entry_h(lines.len());
        }
        cy
    }

    /// [`Canvas::legend_column`] with a [`Canvas::small_note`] under it.
    pub(crate) fn legend_column_noted(
        &mut self,
        entries: &[(String, RGBColor)],
        x: f64,
        y: f64,
        max_w: f64,
        note: &str,
    ) {
        let below = self.legend_column(entries, x, y, max_w);
        self.small_note(note, x, below + 10.0, HPos::Left);
    }
}

/// How a horizontal legend marks an entry's colour.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Swatch {
    /// A 12-pixel square (bars, areas).
    Square,
    /// A dot (scatter points).
    Dot,
}

impl Swatch {
    /// Draws the swatch of an entry whose row starts at `(x, y)`.
    fn draw(self, c: &mut Canvas, x: f64, y: f64, color: RGBColor) {
        match self {
            Swatch::Square => c.rect(x, y + 2.0, x + 12.0, y + 14.0, color.to_rgba()),
            Swatch::Dot => c.circle(x + 6.0, y + 8.0, 4.0, color.to_rgba()),
        }
    }
}

/// A plot's rectangle in pixels: the area the axes enclose.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plot {
    pub(crate) left: f64,
    pub(crate) top: f64,
    pub(crate) right: f64,
    pub(crate) bottom: f64,
}

impl Plot {
    pub(crate) fn mid_x(&self) -> f64 {
        (self.left + self.right) / 2.0
    }
    pub(crate) fn mid_y(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// Width in pixels of the widest of `texts` drawn at `px` (0 for none).
pub(crate) fn widest<S: AsRef<str>>(texts: impl IntoIterator<Item = S>, px: f64) -> f64 {
    texts
        .into_iter()
        .map(|t| text_width(t.as_ref(), px))
        .fold(0.0, f64::max)
}

/// The width row labels need ([`Canvas::row_label`]): a label wider than
/// `cap` counts at the width it takes in two lines, at most `cap`.
pub(crate) fn row_label_width(rows: &[String], cap: f64) -> f64 {
    rows.iter()
        .map(|r| label_width(r, cap, 2))
        .fold(0.0, f64::max)
}

/// Line step of a two-line row label (fits a 26-pixel row).
pub(crate) const ROW_LINE: f64 = 12.5;

/// Line step of a legend name wrapped onto a second line.
const LEGEND_LINE: f64 = 15.0;

/// Where each entry of a horizontal legend goes (swatch x, row y, shortened
/// name) and the y just below the legend.
pub(crate) fn legend_row_layout(
    names: &[&str],
    x: f64,
    y: f64,
    max_x: f64,
) -> (Vec<(f64, f64, String)>, f64) {
    let (mut cx, mut cy) = (x, y);
    let row_h = 18.0;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let name = fit(name, LABEL_PX, (max_x - x - 22.0).max(40.0));
        let w = 12.0 + 5.0 + text_width(&name, LABEL_PX) + 18.0;
        if cx > x && cx + w > max_x {
            cx = x;
            cy += row_h;
        }
        out.push((cx, cy, name));
        cx += w;
    }
    (out, cy + row_h)
}

/// Height of a vertical legend of `names` at `max_w` ([`Canvas::legend_column`]):
/// 18 pixels an entry, plus a line for each name wrapped onto two.
pub(crate) fn legend_column_height(names: &[&str], max_w: f64) -> f64 {
    names
        .iter()
        .map(|n| legend_entry_h(legend_lines(n, max_w).len()))
        .sum()
}

/// A vertical legend's name in lines (up to two), beside its swatch.
fn legend_lines(name: &str, max_w: f64) -> Vec<String> {
    wrap(name, LABEL_PX, max_w - 17.0, 2)
}

/// Height of a vertical legend entry whose name takes `lines` lines.
fn legend_entry_h(lines: usize) -> f64 {
    18.0 + lines.saturating_sub(1) as f64 * LEGEND_LINE
}

/// Width a vertical legend needs for `names` (swatch, gap, text), at most `cap`.
pub(crate) fn legend_column_width(names: &[&str], cap: f64) -> f64 {
    let w = names
        .iter()
        .map(|n| text_width(&clean(n), LABEL_PX))
        .fold(0.0, f64::max);
    (w + 17.0 + 4.0).min(cap)
}

/// Draws a chart of `width` × `height` pixels with `draw`, then inserts
/// `<title>`/`<desc>`. If drawing fails, returns a small SVG stating so.
pub(crate) fn render(
    labels: &Labels,
    width: f64,
    height: f64,
    draw: impl FnOnce(&mut Canvas),
) -> String {
    if !fonts_ready() {
        return fallback(
            labels,
            "chart could not be drawn: embedded font unavailable",
        );
    }
    let (w, h) = (px(width).max(200) as u32, px(height).max(80) as u32);
    let mut buf = String::new();
    let failed = {
        let area = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        let mut canvas = Canvas {
            area,
            failed: None,
            width: f64::from(w),
            height: f64::from(h),
        };
        let r = canvas.area.fill(&WHITE);
        canvas.note(r);
        draw(&mut canvas);
        let r = canvas.area.present();
        canvas.note(r);
        canvas.failed
    };
    match failed {
        Some(e) => fallback(labels, &format!("chart could not be drawn: {e}")),
        None => with_title_desc(&buf, labels),
    }
}

/// A chart with only its title and a note (no data, or all of it non-finite).
pub(crate) fn no_data(labels: &Labels, note: &str) -> String {
    render(labels, 720.0, 140.0, |c| {
        c.title(labels.title);
        let note = fit(note, LABEL_PX, c.width - 2.0 * MARGIN);
        c.text(
            &note,
            MARGIN,
            HEADER_H + 30.0,
            Font::new(LABEL_PX)
                .color(MUTED)
                .anchor(HPos::Left, VPos::Center),
        );
    })
}

/// Inserts `<title>` and `<desc>` right after the opening `<svg ...>` tag.
fn with_title_desc(svg: &str, labels: &Labels) -> String {
    let head = format!(
        "<title>{}</title>\n<desc>{}</desc>\n",
        escape_xml(labels.title),
        escape_xml(labels.desc)
    );
    let at = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|end| start + end + 1));
    match at {
        Some(i) => {
            let mut out = String::with_capacity(svg.len() + head.len() + 1);
            out.push_str(&svg[..i]);
            out.push('\n');
            out.push_str(&head);
            out.push_str(svg[i..].trim_start_matches('\n'));
            out
        }
        None => svg.to_string(),
    }
}

/// Hand-written SVG used only when plotters reports an error.
fn fallback(labels: &Labels, note: &str) -> String {
    format!(
        "<svg width=\"720\" height=\"120\" viewBox=\"0 0 720 120\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title>{t}</title>\n<desc>{d}</desc>\n\
         <rect x=\"0\" y=\"0\" width=\"720\" height=\"120\" fill=\"#FFFFFF\"/>\n\
         <text x=\"16\" y=\"34\" font-family=\"{f}\" font-size=\"18\" font-weight=\"bold\">{t}</text>\n\
         <text x=\"16\" y=\"74\" font-family=\"{f}\" font-size=\"12\" fill=\"#555555\">{n}</text>\n\
         </svg>\n",
        t = escape_xml(labels.title),
        d = escape_xml(labels.desc),
        f = FAMILY,
        n = escape_xml(note),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_what_xml_cannot_carry() {
        assert_eq!(clean("a\u{0}b\u{1b}[31m\nc\u{FFFF}"), "a b [31m c");
        assert_eq!(clean("  two   words \t"), "two words");
        assert_eq!(clean("Boluarte"), "Boluarte");
    }

    #[test]
    fn wrap_breaks_between_words_and_cuts_the_last_line() {
        let w = text_width("Delegitimize", 12.0) + 1.0;
        assert_eq!(
            wrap("Delegitimize government", 12.0, w, 3),
            ["Delegitimize", "government"]
        );
        assert_eq!(wrap("Delegitimize protesters", 12.0, w, 1).len(), 1);
        assert!(wrap("Delegitimize protesters", 12.0, w, 1)[0].ends_with('…'));
        // A hyphenated word breaks after its hyphen; a leading or trailing
        // hyphen is no break.
        let narrow = text_width("procedural", 12.0) + 1.0;
        assert_eq!(
            wrap("Coup and legal-procedural framing", 12.0, narrow, 4),
            ["Coup and", "legal-", "procedural", "framing"]
        );
        assert_eq!(wrap("-5 well-", 12.0, 1.0, 3), ["…", "…"]);
        let lines = wrap("a b c d e f g h i j k l m n o p", 12.0, w, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= w));
        assert!(wrap("", 12.0, w, 3).is_empty());
    }

    #[test]
    fn titles_shrink_before_they_are_cut() {
        let title =
            "Who is called what: Fight Racism! Fight Imperialism! (Revolutionary Communist Group)";
        let full = bold_width(title, 18.0);
        // Room for it at about 15 px: smaller, whole.
        let (t, px) = fit_bold_shrinking(title, 18.0, 13.0, full * 15.2 / 18.0);
        assert_eq!(t, title);
        assert!((13.0..18.0).contains(&px), "{px}");
        assert!(bold_width(title, px) <= full * 15.2 / 18.0);
        // Room for it at 18 px: unchanged.
        assert_eq!(
            fit_bold_shrinking(title, 18.0, 13.0, full),
            (title.to_string(), 18.0)
        );
        // No room even at 13 px: cut at 13 px.
        let (t, px) = fit_bold_shrinking(title, 18.0, 13.0, 200.0);
        assert_eq!(px, 13.0);
        assert!(
            t.ends_with('…') && title.starts_with(t.trim_end_matches('…')),
            "{t}"
        );
    }

    #[test]
    fn wrap_width_fits_every_word_whole() {
        for (label, lines) in [
            ("Delegitimizing the government", 3),
            ("Coup and legal-procedural framing", 3),
            ("Foreign interference", 1),
            ("x", 2),
        ] {
            let w = wrap_width(label, LABEL_PX, lines);
            let got = wrap(label, LABEL_PX, w, lines);
            assert!(got.len() <= lines, "{label}: {got:?}");
            assert!(got.iter().all(|l| !l.contains('…')), "{label}: {got:?}");
            assert_eq!(got.join(" ").replace("- ", "-"), label);
            // Narrower than that, something is cut or a line is added.
            let cut = wrap(label, LABEL_PX, w - 3.0, lines);
            assert!(
                cut.iter().any(|l| l.contains('…')),
                "{label} at {w}: {cut:?}"
            );
        }
        // One line: the whole text.
        let one = wrap_width("Foreign interference", LABEL_PX, 1);
        assert!((one - text_width("Foreign interference", LABEL_PX).ceil()).abs() < 1e-9);
    }

    #[test]
    fn fit_keeps_short_text_and_cuts_long_text_with_ellipsis() {
        assert!(fonts_ready());
        assert_eq!(fit("coup", LABEL_PX, 200.0), "coup");
        let long = "Resumen Latinoamericano y del Tercer Mundo";
        let cut = fit(long, LABEL_PX, 120.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, LABEL_PX) <= 120.0);
        assert!(long.starts_with(cut.trim_end_matches('…')));
        // Grapheme clusters are not split: "é" as e + combining acute.
        let cut = fit(
            "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
            LABEL_PX,
            30.0,
        );
        assert!(!cut.trim_end_matches('…').ends_with('e'), "{cut:?}");
    }

    #[test]
    fn measured_width_grows_with_text_and_size() {
        assert!(fonts_ready());
        let a = text_width("repression", 12.0);
        // DejaVu Sans averages ~0.6 em per lowercase letter: 10 letters at 12 px.
        assert!(a > 50.0 && a < 90.0, "{a}");
        assert!(text_width("repression", 24.0) > 1.8 * a);
        assert!(text_width("repressions", 12.0) > a);
    }

    #[test]
    fn title_and_desc_follow_the_svg_tag() {
        let labels = Labels {
            title: "A & B",
            desc: "x < y",
            ..Labels::default()
        };
        let out = with_title_desc("<svg a=\"1\">\n<rect/>\n</svg>\n", &labels);
        assert_eq!(
            out,
            "<svg a=\"1\">\n<title>A &amp; B</title>\n<desc>x &lt; y</desc>\n<rect/>\n</svg>\n"
        );
    }
}
