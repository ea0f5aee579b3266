//! Build-time SVG drawings: the partnership map and the statistics bar charts.
//!
//! Input: plain values from the renderer — cities as [`MapPoint`]s (name, URL, latitude and
//! longitude in degrees), partnerships as [`MapLink`]s (indexes into the points), chart data
//! as [`Bar`]s. Country outlines are Natural Earth 1:110m (public domain) via the npm package
//! `world-atlas` (ISC), converted by `tools/world-outline.mjs` into
//! `themes/default/data/world-110m.txt`, compiled in with `include_str!` and parsed once.
//!
//! Output: one inline `<svg>` element as a `String`, ready to be placed in an HTML5 page
//! (the template marks it safe). Nothing is fetched: no tiles, no fonts, no scripts.
//!
//! Invariants:
//! - Deterministic: the same input gives the same bytes (no hash maps, no clocks; ids that
//!   the caller does not give are a hash of the input).
//! - Valid HTML5 inline SVG: every text and attribute value is XML-escaped; no inline
//!   `style`, no colours. Every colour comes from CSS classes (`map-*`, `chart-*`), so themes
//!   and dark mode restyle the drawings (see the maps section of
//!   `themes/default/static/amicus.css`).
//! - Accessible: each drawing is named by its first child, `<title>` (a map with a
//!   description also points `aria-labelledby`/`aria-describedby` at it); a map's
//!   cities are links (`<a href>`) that keyboard users tab to and screen readers announce by
//!   name. The page must still give the same data as a list or table beside the drawing.
//! - Small: coordinates are rounded to 0.1 of a user unit in a viewBox 1000 units wide,
//!   outlines are simplified to within 0.8 of a unit (under a pixel as shown) and path data
//!   is relative and minified. The land is drawn once a site, into two shared files that
//!   maps `<use>`: [`world_land`] for world views (35 KB, 12 KB gzipped) and
//!   [`detailed_land`] for fitted ones (60 KB, 27 KB gzipped). A map then takes some
//!   300 bytes plus 350 a city (marker, target, focus ring, and a label in two sizes).
//! - Total: any input draws something or nothing; non-finite coordinates and links to
//!   missing points are skipped, never a panic.

mod chart;
mod labels;
mod map;
mod simplify;
mod world;

pub use chart::{Bar, bar_chart, step_chart};
pub use map::{MapLink, MapOptions, MapPoint, SharedLand, detailed_land, world_land, world_map};

/// Rounds a user-space coordinate to tenths, the drawings' precision, halves away from
/// zero as `f64::round` does. `round` is a library call on the baseline x86-64 target,
/// and a map rounds tens of thousands of numbers; truncating and correcting by the rest
/// (exact for these magnitudes) is inlined, and without branches, whose outcome is a
/// coin toss for every number.
fn tenths(v: f64) -> i64 {
    let x = v * 10.0;
    let t = x as i64;
    let rest = x - t as f64;
    t.saturating_add(i64::from(rest >= 0.5) - i64::from(rest <= -0.5))
}

/// Appends a number given in tenths, as short as SVG allows: `12`, `1.2`, `.2`, `-.2`.
fn push_tenths(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let (whole, frac) = (a / 10, (a % 10) as u8);
    if whole >= 10_000 {
        out.push_str(itoa::Buffer::new().format(whole));
    } else if whole != 0 || frac == 0 {
        // Maps write tens of thousands of numbers, nearly all under 1,000: their digits
        // pushed one by one cost a fraction of formatting them and copying the result.
        let digit = |d: u64| char::from(b'0' + d as u8);
        if whole >= 1000 {
            out.push(digit(whole / 1000));
        }
        if whole >= 100 {
            out.push(digit(whole / 100 % 10));
        }
        if whole >= 10 {
            out.push(digit(whole / 10 % 10));
        }
        out.push(digit(whole % 10));
    }
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + frac));
    }
}

/// Appends a number in path data, after a separator if the previous one needs it.
fn push_path_num(out: &mut String, v: i64) {
    if v >= 0 && matches!(out.as_bytes().last(), Some(b'0'..=b'9' | b'.')) {
        out.push(' ');
    }
    push_tenths(out, v);
}

/// A number for an attribute value, in tenths: `12.5`, `0.5`.
fn num(v: f64) -> String {
    let mut out = String::new();
    push_num(&mut out, v);
    out
}

/// Appends [`num`]'s text of `v`.
fn push_num(out: &mut String, v: f64) {
    let t = tenths(v);
    if t.unsigned_abs() < 10 && t != 0 {
        // Attribute values read better with the leading zero; the bytes are few.
        if t < 0 {
            out.push('-');
        }
        out.push('0');
        push_tenths(out, t.abs());
    } else {
        push_tenths(out, t);
    }
}

/// A number with at most `places` decimals and no trailing zeros: `0.052631`, `-12.5`,
/// `3`; for the few attribute values that need more precision than [`num`]'s tenths.
fn decimals(v: f64, places: usize) -> String {
    let mut out = format!("{v:.places$}");
    if out.contains('.') {
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
    }
    if out == "-0" {
        out.remove(0);
    }
    out
}

/// FNV-1a, 64 bits: a stable hash for ids derived from the input.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0xff]);
    }

    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    /// Eight hex digits.
    fn hex(self) -> String {
        format!("{:08x}", (self.0 >> 32) as u32 ^ self.0 as u32)
    }
}

/// An id usable in HTML (no spaces; letters, digits, `-` and `_` only), or `None` if empty.
fn clean_id(id: &str) -> Option<String> {
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let cases = [
            (0, "0"),
            (5, ".5"),
            (-5, "-.5"),
            (10, "1"),
            (125, "12.5"),
            (-120, "-12"),
            (99_999, "9999.9"),
            (100_000, "10000"),
            (-1_234_567, "-123456.7"),
        ];
        for (v, want) in cases {
            let mut s = String::new();
            push_tenths(&mut s, v);
            assert_eq!(s, want, "{v}");
        }
        assert_eq!(num(0.04), "0");
        assert_eq!(num(0.25), "0.3");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(999.96), "1000");
        assert_eq!(decimals(0.0526316, 6), "0.052632");
        assert_eq!(decimals(-12.5, 2), "-12.5");
        assert_eq!(decimals(3.0004, 2), "3");
        assert_eq!(decimals(-0.001, 2), "0");
        assert_eq!(decimals(1500.0, 2), "1500");
    }

    #[test]
    fn tenths_round_halves_away_from_zero_like_round() {
        for i in -200_000..200_000 {
            let v = f64::from(i) * 0.00731 + 0.05;
            assert_eq!(tenths(v), (v * 10.0).round() as i64, "{v}");
        }
        for v in [
            0.05,
            -0.05,
            0.15,
            -0.25,
            1e9 + 0.05,
            -0.0,
            12.349_999_999,
            f64::NAN,
            f64::INFINITY,
            -1e300,
        ] {
            assert_eq!(tenths(v), (v * 10.0).round() as i64, "{v}");
        }
    }

    #[test]
    fn path_numbers_are_separated_only_when_needed() {
        let mut d = String::from("M");
        for v in [12, 5, -3, 0, -10] {
            push_path_num(&mut d, v);
        }
        assert_eq!(d, "M1.2 .5-.3 0-1");
    }

    #[test]
    fn ids_are_cleaned() {
        assert_eq!(clean_id("home map"), Some("home-map".to_owned()));
        assert_eq!(clean_id(""), None);
    }
}
