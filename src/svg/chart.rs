//! Bar charts for the statistics page: agreements per year, per area, per country.
//!
//! Input: a title and bars (label, count) in the order to draw them; the caller sorts and
//! fills gaps (a year without agreements is a bar of 0, not a missing bar).
//! Output: one `<svg class="chart chart--vertical">` (years along the bottom, a value axis
//! with grid lines) or `<svg class="chart chart--horizontal">` (one row per category, the
//! label on the left, the count after the bar), 640 (vertical) or 480 (horizontal) user
//! units wide, scaling with CSS `width: 100%; height: auto`. No bars give an empty string: the template shows its table,
//! or nothing.
//!
//! The chart is `role="img"` named by its first child, `<title>` (no `aria-labelledby`, which
//! would make Chrome also read the title as the description); each bar carries a
//! `<title>` "label: value" as a tooltip. Screen readers get the numbers from the table the
//! template puts beside the chart. Classes: `chart-bar`, `chart-label` (category labels),
//! `chart-value` (counts), `chart-tick` (axis numbers), `chart-grid`, `chart-axis`.
//! Long labels are cut to 30 characters with "…" (the bar's title has them whole); when
//! years are too many to label each, every n-th is labelled.

use super::num;
use crate::xml::{escape, push_escaped};
use std::fmt::Write as _;

/// One bar: a category or a year, and its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: u64,
}

const WIDTH: f64 = 640.0;
/// Horizontal charts are narrower, so that their labels stay legible on a phone, where
/// the chart shrinks to the screen's width.
const WIDTH_HORIZONTAL: f64 = 480.0;
const FONT_SIZE: f64 = 14.0;
/// A rough width of one character at the chart's font size, for layout.
const CHAR: f64 = 7.8;
const MAX_LABEL: usize = 30;

/// Draws a bar chart: `horizontal` for categories (areas, countries), vertical for years.
/// Returns an empty string when there are no bars.
pub fn bar_chart(title: &str, bars: &[Bar], horizontal: bool) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let (body, height) = if horizontal {
        horizontal_bars(bars)
    } else {
        vertical_bars(bars)
    };
    let mut out = String::with_capacity(body.len() + 256);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{}" viewBox="0 0 {} {}" role="img" font-size="{FONT_SIZE}"><title>"#,
        if horizontal { "horizontal" } else { "vertical" },
        if horizontal { WIDTH_HORIZONTAL } else { WIDTH },
        num(height),
    );
    push_escaped(&mut out, if title.is_empty() { "Chart" } else { title });
    out.push_str("</title>");
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// Number of characters in the decimal form of `v`.
fn digits(v: u64) -> usize {
    v.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `label`, cut to `max` characters with an ellipsis.
fn cut(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// The smallest step of 1, 2 or 5 × 10ⁿ that reaches `max` in at most `ticks` steps.
fn nice_step(max: u64, ticks: u64) -> u64 {
    let mut magnitude = 1u64;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if max.div_ceil(step) <= ticks {
                return step;
            }
        }
        magnitude = magnitude.saturating_mul(10);
        if magnitude == u64::MAX {
            return u64::MAX;
        }
    }
}

fn push_bar(out: &mut String, bar: &Bar, (x, y, w, h): (f64, f64, f64, f64)) {
    let _ = write!(
        out,
        r#"<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"><title>"#,
        num(x),
        num(y),
        num(w),
        num(h)
    );
    push_escaped(out, bar.label);
    let _ = write!(out, ": {}</title></rect>", bar.value);
}

fn push_text(out: &mut String, class: &str, (x, y): (f64, f64), anchor: &str, text: &str) {
    let _ = write!(
        out,
        r#"<text class="{class}" x="{}" y="{}""#,
        num(x),
        num(y)
    );
    if !anchor.is_empty() {
        let _ = write!(out, r#" text-anchor="{anchor}""#);
    }
    let _ = write!(out, ">{}</text>", escape(text));
}

/// Years along the bottom, counts up the side. Returns the body and the height.
fn vertical_bars(bars: &[Bar]) -> (String, f64) {
    const HEIGHT: f64 = 240.0;
    const TOP: f64 = 20.0;
    const BOTTOM: f64 = 26.0;
    const RIGHT: f64 = 8.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let step = nice_step(max.max(1), 4);
    let axis_max = max.max(1).div_ceil(step).saturating_mul(step);
    let left = digits(axis_max) as f64 * CHAR + 14.0;
    let plot_w = WIDTH - left - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let base = TOP + plot_h;
    let slot = plot_w / bars.len() as f64;
    let bar_w = if slot >= 4.0 { slot * 0.72 } else { slot };
    let y_of = |v: u64| base - v as f64 / axis_max as f64 * plot_h;

    let mut out = String::new();
    // Grid lines and their numbers, every step from 0 to the top.
    let mut grid = String::new();
    let mut v = step;
    while v <= axis_max {
        let _ = write!(
            grid,
            "M{} {}H{}",
            num(left),
            num(y_of(v)),
            num(WIDTH - RIGHT)
        );
        v = v.saturating_add(step);
        if v == u64::MAX {
            break;
        }
    }
    if !grid.is_empty() {
        let _ = write!(
            out,
            r#"<path class="chart-grid" vector-effect="non-scaling-stroke" d="{grid}"/>"#
        );
    }
    let _ = write!(
        out,
        r#"<path class="chart-axis" vector-effect="non-scaling-stroke" d="M{} {}H{}"/>"#,
        num(left),
        num(base),
        num(WIDTH - RIGHT)
    );
    let mut v = 0;
    loop {
        let at = (left - 6.0, y_of(v) + FONT_SIZE * 0.35);
        push_text(&mut out, "chart-tick", at, "end", &v.to_string());
        match v.checked_add(step) {
            Some(next) if next <= axis_max => v = next,
            _ => break,
        }
    }

    // Label every k-th bar so labels do not overlap; values only when they fit.
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count().min(MAX_LABEL))
        .max()
        .unwrap_or(0);
    let every = ((longest as f64 * CHAR + 8.0) / slot).ceil().max(1.0) as usize;
    let show_values = slot >= digits(max) as f64 * CHAR + 4.0;
    for (i, bar) in bars.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let y = y_of(bar.value);
        push_bar(&mut out, bar, (x, y, bar_w, base - y));
        let mid = x + bar_w / 2.0;
        if i % every == 0 {
            push_text(
                &mut out,
                "chart-label",
                (mid, base + 17.0),
                "middle",
                &cut(bar.label, MAX_LABEL),
            );
        }
        if show_values {
            push_text(
                &mut out,
                "chart-value",
                (mid, y - 5.0),
                "middle",
                &bar.value.to_string(),
            );
        }
    }
    (out, HEIGHT)
}

/// One row per category: label, bar, count. Returns the body and the height.
fn horizontal_bars(bars: &[Bar]) -> (String, f64) {
    const ROW: f64 = 28.0;
    const BAR: f64 = 18.0;
    const PAD: f64 = 4.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count().min(MAX_LABEL))
        .max()
        .unwrap_or(0);
    let label_w = longest as f64 * CHAR + 12.0;
    let value_w = digits(max) as f64 * CHAR + 12.0;
    let plot_w = WIDTH_HORIZONTAL - label_w - value_w;
    let height = PAD * 2.0 + ROW * bars.len() as f64;

    let mut out = String::new();
    let _ = write!(
        out,
        r#"<path class="chart-axis" vector-effect="non-scaling-stroke" d="M{} {}V{}"/>"#,
        num(label_w),
        num(PAD),
        num(height - PAD)
    );
    for (i, bar) in bars.iter().enumerate() {
        let top = PAD + ROW * i as f64;
        let w = if max == 0 {
            0.0
        } else {
            (bar.value as f64 / max as f64 * plot_w).max(if bar.value > 0 { 1.0 } else { 0.0 })
        };
        push_bar(&mut out, bar, (label_w, top + (ROW - BAR) / 2.0, w, BAR));
        let text_y = top + ROW / 2.0 + FONT_SIZE * 0.35;
        push_text(
            &mut out,
            "chart-label",
            (label_w - 6.0, text_y),
            "end",
            &cut(bar.label, MAX_LABEL),
        );
        push_text(
            &mut out,
            "chart-value",
            (label_w + w + 5.0, text_y),
            "",
            &bar.value.to_string(),
        );
    }
    (out, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years() -> Vec<(String, u64)> {
        (1990..2026)
            .map(|y| (y.to_string(), (y as u64 * 7) % 13))
            .collect()
    }

    #[test]
    fn no_bars_no_chart() {
        assert_eq!(bar_chart("Agreements per year", &[], false), "");
        assert_eq!(bar_chart("Agreements per area", &[], true), "");
    }

    #[test]
    fn same_input_same_bytes() {
        let data = years();
        let bars: Vec<Bar> = data
            .iter()
            .map(|(l, v)| Bar {
                label: l,
                value: *v,
            })
            .collect();
        for horizontal in [false, true] {
            let a = bar_chart("Per year", &bars, horizontal);
            assert_eq!(a, bar_chart("Per year", &bars, horizontal));
            assert_eq!(a.matches("<rect class=\"chart-bar\"").count(), bars.len());
            assert!(a.contains(r#"role="img""#) && !a.contains("style="));
        }
    }

    #[test]
    fn many_years_label_some() {
        let data = years();
        let bars: Vec<Bar> = data
            .iter()
            .map(|(l, v)| Bar {
                label: l,
                value: *v,
            })
            .collect();
        let svg = bar_chart("Per year", &bars, false);
        let labels = svg.matches("class=\"chart-label\"").count();
        assert!(labels > 4 && labels < bars.len(), "{labels}");
        assert!(svg.contains(">1990</text>"));
    }

    #[test]
    fn labels_and_titles_are_escaped() {
        let bars = [
            Bar {
                label: r#"<Culture & "Arts">"#,
                value: 3,
            },
            Bar {
                label: "Trade",
                value: 0,
            },
        ];
        let svg = bar_chart("Areas <&>", &bars, true);
        assert!(svg.contains("&lt;Culture &amp; &quot;Arts&quot;&gt;: 3</title>"));
        assert!(svg.contains(">Areas &lt;&amp;&gt;</title>"));
        assert!(!svg.contains("<Culture"));
    }

    #[test]
    fn all_zero_and_huge_values_draw() {
        let zeros = [
            Bar {
                label: "2001",
                value: 0,
            },
            Bar {
                label: "2002",
                value: 0,
            },
        ];
        for horizontal in [false, true] {
            let svg = bar_chart("z", &zeros, horizontal);
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
            let huge = [
                Bar {
                    label: "a",
                    value: u64::MAX,
                },
                Bar {
                    label: "b",
                    value: 1,
                },
            ];
            let svg = bar_chart("h", &huge, horizontal);
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        }
    }

    #[test]
    fn long_labels_are_cut() {
        let long = "A very long engagement area name that goes on and on";
        let svg = bar_chart(
            "t",
            &[Bar {
                label: long,
                value: 2,
            }],
            true,
        );
        assert!(svg.contains(&format!("<title>{long}: 2</title>")));
        assert!(svg.contains(&format!(">{}…</text>", &long[..29])));
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(1, 4), 1);
        assert_eq!(nice_step(7, 4), 2);
        assert_eq!(nice_step(13, 4), 5);
        assert_eq!(nice_step(40, 4), 10);
        assert_eq!(nice_step(u64::MAX, 4), 5_000_000_000_000_000_000);
        assert_eq!(digits(0), 1);
        assert_eq!(digits(10), 2);
    }
}
