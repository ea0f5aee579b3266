//! Charts for the statistics page: bars of counts (agreements per decade, per area, per
//! country) and a step line of a count over the years (agreements in force).
//!
//! Input: a title and bars (label, count) in the order to draw them, or one value per
//! year from the first to the last; the caller sorts and fills gaps.
//! Output: one `<svg class="chart chart--bars">` (one row per bar: the label on a line of
//! its own, then the bar and its count) or `<svg class="chart chart--line">` (years along
//! the bottom, a value axis with grid lines, the last value written at the line's end),
//! [`WIDTH`] user units wide with text of [`FONT_SIZE`], scaling with CSS
//! `width: 100%; height: auto`: at 262 px wide (a 320 px phone, inside the chart's frame)
//! the text is still 12 px. No data gives an empty string: the template shows its table,
//! or nothing.
//!
//! The chart is `role="img"` named by its first child, `<title>` (no `aria-labelledby`, which
//! would make Chrome also read the title as the description); each bar carries a
//! `<title>` "label: value" as a tooltip. Screen readers get the numbers from the table the
//! template puts after the chart. Classes: `chart-bar`, `chart-area`, `chart-line`,
//! `chart-label` (category labels), `chart-value` (counts), `chart-tick` (axis numbers),
//! `chart-grid`, `chart-axis`. Labels longer than a row are cut with "…" (the bar's title
//! has them whole); years are labelled every 1, 2, 5, 10, 20, 25 or 50 as room allows.

use super::num;
use crate::xml::{escape, push_escaped};
use std::fmt::Write as _;

/// One bar: a category and its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: u64,
}

/// Width of every chart, in user units, and the size of its text: 14.5 × 262 / 300 is
/// 12.7 px on the narrowest phone.
const WIDTH: f64 = 300.0;
const FONT_SIZE: f64 = 14.5;
// 262 px is the chart's width on a 320 px screen, inside its frame.
const _: () = assert!(FONT_SIZE * 262.0 / WIDTH >= 12.0);
/// A generous width of one character at the chart's font size, for layout.
const CHAR: f64 = 8.6;
/// The longest label a row holds.
const MAX_LABEL: usize = 34;

/// Draws one row per bar, longest bar the full width. Returns an empty string when there
/// are no bars.
pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let (body, height) = bar_rows(bars);
    wrap("bars", title, &body, height)
}

/// Draws `values`, one per year from `first`, as a step line over a shaded area. Returns
/// an empty string when there are no values.
pub fn step_chart(title: &str, first: u16, values: &[u64]) -> String {
    if values.is_empty() {
        return String::new();
    }
    let (body, height) = step_line(first, values);
    wrap("line", title, &body, height)
}

fn wrap(kind: &str, title: &str, body: &str, height: f64) -> String {
    let mut out = String::with_capacity(body.len() + 256);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{kind}" viewBox="0 0 {WIDTH} {}" role="img" font-size="{FONT_SIZE}"><title>"#,
        num(height),
    );
    push_escaped(&mut out, if title.is_empty() { "Chart" } else { title });
    out.push_str("</title>");
    out.push_str(body);
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

/// One row per bar: its label, then the bar and its count. Returns the body and height.
fn bar_rows(bars: &[Bar]) -> (String, f64) {
    const BAR: f64 = 13.0;
    const ROW: f64 = FONT_SIZE * 1.25 + BAR + 9.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let plot_w = WIDTH - digits(max) as f64 * CHAR - 8.0;
    let mut out = String::new();
    for (i, bar) in bars.iter().enumerate() {
        let top = ROW * i as f64;
        push_text(
            &mut out,
            "chart-label",
            (0.0, top + FONT_SIZE),
            "",
            &cut(bar.label, MAX_LABEL),
        );
        let w = if max == 0 {
            0.0
        } else {
            (bar.value as f64 / max as f64 * plot_w).max(if bar.value > 0 { 1.0 } else { 0.0 })
        };
        let bar_top = top + FONT_SIZE * 1.25 + 2.0;
        push_bar(&mut out, bar, (0.0, bar_top, w, BAR));
        push_text(
            &mut out,
            "chart-value",
            (w + 5.0, bar_top + BAR / 2.0 + FONT_SIZE * 0.35),
            "",
            &bar.value.to_string(),
        );
    }
    (out, ROW * bars.len() as f64)
}

/// Years along the bottom, values up the side, a step line over a shaded area, the last
/// value at its end. Returns the body and the height.
fn step_line(first: u16, values: &[u64]) -> (String, f64) {
    const HEIGHT: f64 = 190.0;
    const TOP: f64 = 22.0;
    const BOTTOM: f64 = 24.0;
    // Room for half a year label at the right.
    const RIGHT: f64 = 2.2 * CHAR;
    let max = values.iter().copied().max().unwrap_or(0);
    let step = nice_step(max.max(1), 4);
    let axis_max = max.max(1).div_ceil(step).saturating_mul(step);
    let left = digits(axis_max) as f64 * CHAR + 8.0;
    let plot_w = WIDTH - left - RIGHT;
    let base = HEIGHT - BOTTOM;
    let plot_h = base - TOP;
    // A single year still spans the plot.
    let years = values.len().max(2) - 1;
    let x_of = |i: usize| left + i as f64 / years as f64 * plot_w;
    let y_of = |v: u64| base - v as f64 / axis_max as f64 * plot_h;

    let mut out = String::new();
    let mut grid = String::new();
    let mut v = step;
    while v <= axis_max {
        let _ = write!(
            grid,
            "M{} {}H{}",
            num(left),
            num(y_of(v)),
            num(left + plot_w)
        );
        match v.checked_add(step) {
            Some(next) => v = next,
            None => break,
        }
    }
    if !grid.is_empty() {
        let _ = write!(
            out,
            r#"<path class="chart-grid" vector-effect="non-scaling-stroke" d="{grid}"/>"#
        );
    }
    let mut v = 0;
    loop {
        let at = (left - 5.0, y_of(v) + FONT_SIZE * 0.35);
        push_text(&mut out, "chart-tick", at, "end", &v.to_string());
        match v.checked_add(step) {
            Some(next) if next <= axis_max => v = next,
            _ => break,
        }
    }

    // The line: level through each year, a step at the start of the next.
    let mut line = format!("M{} {}", num(x_of(0)), num(y_of(values[0])));
    for (i, &v) in values.iter().enumerate().skip(1) {
        let _ = write!(line, "H{}V{}", num(x_of(i)), num(y_of(v)));
    }
    if values.len() == 1 {
        let _ = write!(line, "H{}", num(x_of(1)));
    }
    let _ = write!(
        out,
        r#"<path class="chart-area" d="{line}V{}H{}z"/><path class="chart-line" fill="none" vector-effect="non-scaling-stroke" d="{line}"/>"#,
        num(base),
        num(left)
    );
    let _ = write!(
        out,
        r#"<path class="chart-axis" vector-effect="non-scaling-stroke" d="M{} {}H{}"/>"#,
        num(left),
        num(base),
        num(left + plot_w)
    );
    // The last value, above the line's highest point under the text.
    let last = *values.last().unwrap_or(&0);
    let text_w = (digits(last) as f64 * CHAR) / plot_w * years as f64;
    let under = values.len() - (text_w.ceil() as usize + 1).min(values.len());
    let top = values[under..].iter().copied().max().unwrap_or(last);
    push_text(
        &mut out,
        "chart-value",
        (left + plot_w, y_of(top) - 6.0),
        "end",
        &last.to_string(),
    );

    // Year labels at round years, as many as fit.
    let label_w = 4.0 * CHAR + 10.0;
    let per_year = plot_w / years as f64;
    let every = [1u16, 2, 5, 10, 20, 25, 50, 100]
        .into_iter()
        .find(|&e| f64::from(e) * per_year >= label_w)
        .unwrap_or(100);
    let last_year = first.saturating_add(years as u16);
    for year in first..=last_year {
        if year % every == 0 {
            let at = (x_of(usize::from(year - first)), base + FONT_SIZE + 3.0);
            push_text(&mut out, "chart-label", at, "middle", &year.to_string());
        }
    }
    (out, HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(data: &[(String, u64)]) -> Vec<Bar<'_>> {
        data.iter()
            .map(|(l, v)| Bar {
                label: l,
                value: *v,
            })
            .collect()
    }

    fn decades() -> Vec<(String, u64)> {
        (196..203)
            .map(|d| (format!("{}–{}", d * 10, d * 10 + 9), (d as u64 * 7) % 13))
            .collect()
    }

    #[test]
    fn no_data_no_chart() {
        assert_eq!(bar_chart("Agreements per area", &[]), "");
        assert_eq!(step_chart("In force", 1990, &[]), "");
    }

    #[test]
    fn same_input_same_bytes() {
        let data = decades();
        let a = bar_chart("Per decade", &bars(&data));
        assert_eq!(a, bar_chart("Per decade", &bars(&data)));
        assert_eq!(a.matches("<rect class=\"chart-bar\"").count(), data.len());
        assert!(a.contains(r#"role="img""#) && !a.contains("style="));
        let values: Vec<u64> = (0..40).map(|i| i / 3).collect();
        assert_eq!(
            step_chart("t", 1961, &values),
            step_chart("t", 1961, &values)
        );
    }

    #[test]
    fn text_stays_legible_on_a_phone() {
        let svg = bar_chart("t", &bars(&decades()));
        assert!(svg.contains(r#"viewBox="0 0 300 "#) && svg.contains(r#"font-size="14.5""#));
    }

    #[test]
    fn a_step_line_labels_round_years_and_ends_with_its_last_value() {
        let values: Vec<u64> = (1961..=2024).map(|y| (y - 1961) / 4).collect();
        let svg = step_chart("In force", 1961, &values);
        let labels: Vec<&str> = svg
            .split(r#"<text class="chart-label""#)
            .skip(1)
            .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
            .collect();
        assert_eq!(labels, ["1980", "2000", "2020"]);
        assert!(svg.contains(r#"text-anchor="end">15</text>"#), "{svg}");
        // Each year after the first adds one level and one step.
        let line = svg.split(r#"class="chart-line""#).nth(1).unwrap();
        let line = &line[..line.find("/>").unwrap()];
        assert_eq!(line.matches('H').count(), values.len() - 1);
        // One year alone still draws a line across.
        let one = step_chart("In force", 2001, &[3]);
        assert!(one.contains("chart-line") && !one.contains("NaN"));
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
        let svg = bar_chart("Areas <&>", &bars);
        assert!(svg.contains("&lt;Culture &amp; &quot;Arts&quot;&gt;: 3</title>"));
        assert!(svg.contains(">Areas &lt;&amp;&gt;</title>"));
        assert!(!svg.contains("<Culture"));
    }

    #[test]
    fn all_zero_and_huge_values_draw() {
        let zeros = [
            Bar {
                label: "a",
                value: 0,
            },
            Bar {
                label: "b",
                value: 0,
            },
        ];
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
        for svg in [
            bar_chart("z", &zeros),
            bar_chart("h", &huge),
            step_chart("z", 2000, &[0, 0]),
            step_chart("h", 2000, &[u64::MAX, 1]),
        ] {
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
        );
        assert!(svg.contains(&format!("<title>{long}: 2</title>")));
        assert!(svg.contains(&format!(">{}…</text>", &long[..MAX_LABEL - 1])));
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
