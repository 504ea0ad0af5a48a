//! Scales, ticks, number formats and palettes.

use plotters::style::RGBColor;

/// Maps a data interval linearly onto a pixel interval.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    pub(crate) fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Self {
        Linear { d0, d1, r0, r1 }
    }
    pub(crate) fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }
}

/// Tick positions on a "nice" (1, 2, 5 × 10^k) step covering `lo..hi`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ticks {
    pub(crate) values: Vec<f64>,
    /// Decimals needed to print every tick exactly.
    pub(crate) decimals: usize,
    /// The extended domain: first and last tick.
    pub(crate) lo: f64,
    pub(crate) hi: f64,
}

impl Ticks {
    pub(crate) fn label(&self, v: f64) -> String {
        fmt_fixed(v, self.decimals)
    }

    /// Every tick at its pixel position on `sc`, with its label.
    pub(crate) fn marks(&self, sc: &Linear) -> Vec<(f64, String)> {
        self.values
            .iter()
            .map(|&v| (sc.map(v), self.label(v)))
            .collect()
    }
}

/// About `target` intervals on a 1–2–5 step; the domain is widened to whole steps.
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize) -> Ticks {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        if lo == 0.0 {
            hi = 1.0;
        } else {
            let pad = lo.abs() * 0.1;
            lo -= pad;
            hi += pad;
        }
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    // Thresholds at the geometric means of neighbouring steps (as d3-array's
    // tickStep), so the tick count is nearest the target.
    let mult = if f >= 50f64.sqrt() {
        10.0
    } else if f >= 10f64.sqrt() {
        5.0
    } else if f >= 2f64.sqrt() {
        2.0
    } else {
        1.0
    };
    let step = mult * mag;
    // Tolerance so that 0.30000000000000004 counts as 0.3.
    let k0 = (lo / step + 1e-9).floor();
    let k1 = (hi / step - 1e-9).ceil();
    let n = ((k1 - k0).max(1.0) as usize).min(1000);
    let values: Vec<f64> = (0..=n).map(|i| (k0 + i as f64) * step).collect();
    let decimals = (-(step.log10().floor())).clamp(0.0, 12.0) as usize;
    Ticks {
        lo: values[0],
        hi: values[values.len() - 1],
        values,
        decimals,
    }
}

/// Marks at the powers of ten `10^a ..= 10^b` on a log axis `sc` (whose domain
/// is in decades), labelled for a reader ([`fmt_pow10`]).
pub(crate) fn decade_marks(a: i32, b: i32, sc: &Linear) -> Vec<(f64, String)> {
    (a..=b)
        .map(|e| (sc.map(f64::from(e)), fmt_pow10(e)))
        .collect()
}

/// Powers of ten covering `lo..hi` (both > 0), for log axes.
pub(crate) fn log_decades(lo: f64, hi: f64) -> (i32, i32) {
    let a = lo.max(f64::MIN_POSITIVE).log10().floor() as i32;
    let b = (hi.max(lo).log10().ceil() as i32).max(a + 1);
    (a, b)
}

/// `10^e` written for a reader: 0.01, 1, 1,000, 1,000,000, then 1e7.
pub(crate) fn fmt_pow10(e: i32) -> String {
    if (-4..=6).contains(&e) {
        fmt_fixed(10f64.powi(e), (-e).max(0) as usize)
    } else {
        format!("1e{e}")
    }
}

/// Fixed decimals, thousands grouped, never "-0".
pub(crate) fn fmt_fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let negative = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let (int, frac) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s.as_str(), ""),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 && int.len() > 3 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}{frac}", if negative { "-" } else { "" })
}

/// A value for a label: about three significant digits (12.3, 0.0123, 1,234),
/// scientific below 0.001.
pub(crate) fn fmt_value(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let a = v.abs();
    if a == 0.0 {
        "0".to_string()
    } else if a >= 100.0 {
        fmt_fixed(v, 0)
    } else if a >= 0.001 {
        let d = (2.0 - a.log10().floor()).max(0.0) as usize;
        fmt_fixed(v, d)
    } else {
        format!("{v:.1e}")
    }
}

/// Okabe & Ito (2008), "Color Universal Design": distinguishable under the common
/// colour-vision deficiencies. Yellow and black last (yellow is faint on white).
pub(crate) const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x00, 0x00, 0x00), // black
];

/// Category colour `i`: Okabe–Ito, then lighter and darker tints of it past eight
/// (the legend order then carries the distinction).
pub(crate) fn category(i: usize) -> RGBColor {
    let base = OKABE_ITO[i % 8];
    match (i / 8) % 3 {
        0 => base,
        1 => mix(base, RGBColor(255, 255, 255), 0.5),
        _ => mix(base, RGBColor(0x30, 0x30, 0x30), 0.45),
    }
}

/// Legend entries: each of `names` with its category colour, in order.
pub(crate) fn category_entries<S: AsRef<str>>(names: &[S]) -> Vec<(String, RGBColor)> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_ref().to_string(), category(i)))
        .collect()
}

/// Diverging pair for keyness: over-use (orange) and under-use (blue), Okabe–Ito.
pub(crate) const OVER: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub(crate) const UNDER: RGBColor = RGBColor(0x00, 0x72, 0xB2);

/// Viridis (matplotlib) at nine evenly spaced stops, interpolated linearly.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (0x44, 0x01, 0x54),
    (0x47, 0x2c, 0x7a),
    (0x3b, 0x51, 0x8b),
    (0x2c, 0x71, 0x8e),
    (0x21, 0x90, 0x8d),
    (0x27, 0xad, 0x81),
    (0x5c, 0xc8, 0x63),
    (0xaa, 0xdc, 0x32),
    (0xfd, 0xe7, 0x25),
];

/// Viridis colour at `t` in 0..=1 (clamped; NaN gives the low end).
pub(crate) fn viridis(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (VIRIDIS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    mix(RGBColor(a.0, a.1, a.2), RGBColor(b.0, b.1, b.2), f)
}

/// `a` moved a fraction `t` of the way towards `b`.
pub(crate) fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let ch = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(ch(a.0, b.0), ch(a.1, b.1), ch(a.2, b.2))
}

/// WCAG 2 relative luminance.
fn luminance(c: RGBColor) -> f64 {
    let lin = |u: u8| {
        let s = f64::from(u) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// Black or white, whichever contrasts more with `bg` (WCAG contrast ratio).
pub(crate) fn text_on(bg: RGBColor) -> RGBColor {
    let l = luminance(bg);
    let vs_white = 1.05 / (l + 0.05);
    let vs_black = (l + 0.05) / 0.05;
    if vs_white >= vs_black {
        RGBColor(255, 255, 255)
    } else {
        RGBColor(0, 0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_use_1_2_5_steps_and_cover_the_domain() {
        let t = nice_ticks(0.0, 0.87, 4);
        assert_eq!(t.decimals, 1);
        let labels: Vec<String> = t.values.iter().map(|&v| t.label(v)).collect();
        assert_eq!(labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let t = nice_ticks(-37.0, 120.0, 5);
        let labels: Vec<String> = t.values.iter().map(|&v| t.label(v)).collect();
        assert_eq!(
            labels,
            ["-40", "-20", "0", "20", "40", "60", "80", "100", "120"]
        );
        // Degenerate and non-finite inputs still give a usable axis.
        assert_eq!(nice_ticks(0.0, 0.0, 4).hi, 1.0);
        assert!(nice_ticks(f64::NAN, 1.0, 4).values.len() >= 2);
        let t = nice_ticks(5.0, 5.0, 4);
        assert!(t.lo < 5.0 && t.hi > 5.0);
    }

    #[test]
    fn numbers_are_rounded_for_readers() {
        assert_eq!(fmt_value(0.0), "0");
        assert_eq!(fmt_value(0.123456), "0.123");
        assert_eq!(fmt_value(0.0123456), "0.0123");
        assert_eq!(fmt_value(1.23456), "1.23");
        assert_eq!(fmt_value(12.3456), "12.3");
        assert_eq!(fmt_value(-12.3456), "-12.3");
        assert_eq!(fmt_value(1234.6), "1,235");
        assert_eq!(fmt_value(0.00001234), "1.2e-5");
        assert_eq!(fmt_value(f64::NAN), "n/a");
        assert_eq!(fmt_fixed(-0.0001, 2), "0.00");
        // Exact ties round half to even, as C printf and R's sprintf do.
        assert_eq!(fmt_fixed(0.125, 2), "0.12");
        assert_eq!(fmt_fixed(0.375, 2), "0.38");
        assert_eq!(fmt_fixed(1234567.891, 1), "1,234,567.9");
        assert_eq!(fmt_fixed(-999.0, 0), "-999");
        assert_eq!(fmt_pow10(3), "1,000");
        assert_eq!(fmt_pow10(-2), "0.01");
        assert_eq!(fmt_pow10(8), "1e8");
    }

    #[test]
    fn text_colour_contrasts_with_cell() {
        // Dark viridis end needs white text, bright yellow end needs black.
        assert_eq!(text_on(viridis(0.0)), RGBColor(255, 255, 255));
        assert_eq!(text_on(viridis(1.0)), RGBColor(0, 0, 0));
        assert_eq!(viridis(0.5), RGBColor(0x21, 0x90, 0x8d));
        assert_eq!(viridis(f64::NAN), RGBColor(0x44, 0x01, 0x54));
    }

    #[test]
    fn categories_past_eight_are_distinct() {
        let colours: Vec<RGBColor> = (0..24).map(category).collect();
        for i in 0..colours.len() {
            for j in 0..i {
                assert_ne!(colours[i], colours[j], "{i} vs {j}");
            }
        }
    }
}
