//! Where a map's city labels go: beside their marker without covering another label or
//! marker, or not at all.
//!
//! Input: the markers (position and radius, in user units), the texts to place (each with
//! its marker, in order of importance), the font size and the panel's bounds. Output: for
//! each text, a [`Placed`] position or `None` (dropped).
//!
//! Greedy and deterministic: each text in turn tries the positions right, left, above,
//! below and the four diagonals of its marker, then the same eight directions further
//! out with a leader line; the first box that stays inside the bounds and clear of every
//! marker and every label placed before wins. Text widths are estimated from the
//! characters (generously, after a bold sans-serif), since the build cannot measure the
//! font the browser will use.

/// A marker that labels must not cover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Marker {
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

/// A text to place next to `markers[marker]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Wanted<'a> {
    pub text: &'a str,
    pub marker: usize,
}

/// Where a text went: its anchor point (`x`, baseline `y`) with `text-anchor`, and the
/// leader line from its marker, if it sits away from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub leader: Option<[f64; 4]>,
    /// The box the text takes, for tests and callers that check coverage.
    pub bounds: Rect,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The `text-anchor` attribute, empty for the default (`start`).
    pub fn attribute(self) -> &'static str {
        match self {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        }
    }
}

/// An axis-aligned box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn holds(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    fn grown(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky).
    fn crossed_by(&self, [ax, ay, bx, by]: [f64; 4]) -> bool {
        let (dx, dy) = (bx - ax, by - ay);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, ax - self.x0),
            (dx, self.x1 - ax),
            (-dy, ay - self.y0),
            (dy, self.y1 - ay),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// Height of a line of text in ems (ascent and descent of common sans-serif fonts), and
/// where its baseline sits below the top.
const LINE: f64 = 1.2;
const BASELINE: f64 = 0.93;
/// Clear space kept around each label, in ems.
const PAD: f64 = 0.12;

/// Places `wanted` in order; see the module documentation.
pub(super) fn place(
    markers: &[Marker],
    wanted: &[Wanted],
    font: f64,
    bounds: Rect,
) -> Vec<Option<Placed>> {
    let marker_boxes: Vec<Rect> = markers
        .iter()
        .map(|m| Rect {
            x0: m.x - m.r,
            y0: m.y - m.r,
            x1: m.x + m.r,
            y1: m.y + m.r,
        })
        .collect();
    let mut taken: Vec<Rect> = Vec::new();
    wanted
        .iter()
        .map(|w| {
            let m = markers.get(w.marker)?;
            let width = text_width(w.text) * font;
            let found = candidates(m, width, font).find(|c| {
                let padded = c.bounds.grown(PAD * font);
                bounds.holds(&c.bounds)
                    && !taken.iter().any(|t| t.overlaps(&padded))
                    && !marker_boxes.iter().any(|b| b.overlaps(&padded))
                    && c.leader
                        .is_none_or(|l| !taken.iter().any(|t| t.crossed_by(l)))
            });
            if let Some(c) = found {
                taken.push(c.bounds);
            }
            found
        })
        .collect()
}

/// The positions a label may take around `m`, best first.
fn candidates(m: &Marker, width: f64, font: f64) -> impl Iterator<Item = Placed> + '_ {
    let gap = 0.3 * font;
    let near = m.r + gap;
    let far = m.r + 2.2 * font;
    // Directions as (x, y) unit steps: right, left, above, below, then the diagonals.
    const WAYS: [(f64, f64); 8] = [
        (1.0, 0.0),
        (-1.0, 0.0),
        (0.0, -1.0),
        (0.0, 1.0),
        (1.0, -1.0),
        (1.0, 1.0),
        (-1.0, -1.0),
        (-1.0, 1.0),
    ];
    let height = LINE * font;
    [(near, false), (far, true)]
        .into_iter()
        .flat_map(move |(distance, leader)| {
            WAYS.iter().map(move |&(dx, dy)| {
                // The point of the box nearest the marker sits `distance` away from its
                // centre along the direction (diagonals at 45°).
                let k = if dx != 0.0 && dy != 0.0 {
                    std::f64::consts::FRAC_1_SQRT_2
                } else {
                    1.0
                };
                let (px, py) = (m.x + dx * distance * k, m.y + dy * distance * k);
                let x0 = match dx {
                    d if d > 0.0 => px,
                    d if d < 0.0 => px - width,
                    _ => px - width / 2.0,
                };
                let y0 = match dy {
                    d if d > 0.0 => py,
                    d if d < 0.0 => py - height,
                    _ => py - height / 2.0,
                };
                let bounds = Rect {
                    x0,
                    y0,
                    x1: x0 + width,
                    y1: y0 + height,
                };
                let (x, anchor) = match dx {
                    d if d > 0.0 => (x0, Anchor::Start),
                    d if d < 0.0 => (x0 + width, Anchor::End),
                    _ => (x0 + width / 2.0, Anchor::Middle),
                };
                Placed {
                    x,
                    y: y0 + BASELINE * font,
                    anchor,
                    leader: leader.then(|| {
                        let start = (m.x + dx * m.r * k, m.y + dy * m.r * k);
                        let end = (px - dx * gap * k, py - dy * gap * k);
                        [start.0, start.1, end.0, end.1]
                    }),
                    bounds,
                }
            })
        })
}

/// The width of `text` in ems, estimated on the wide side for a semi-bold sans-serif:
/// better a label dropped than two that touch.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' => 0.36,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '-' => 0.48,
            'm' | 'w' => 1.0,
            'M' | 'W' => 1.05,
            'A'..='Z' => 0.8,
            'a'..='z' | '0'..='9' => 0.68,
            c if c.is_ascii() => 0.7,
            // CJK, kana, hangul and other wide scripts.
            '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' => 1.05,
            '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' => 1.05,
            // Marks that combine with the letter before them take no room.
            '\u{0300}'..='\u{036F}' => 0.0,
            c if c.is_uppercase() => 0.8,
            _ => 0.72,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Rect = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 1000.0,
        y1: 500.0,
    };

    fn crowd() -> (Vec<Marker>, Vec<&'static str>) {
        // A tight cluster (as central Europe on a world map) and a few cities far apart.
        let mut markers = Vec::new();
        let mut names = Vec::new();
        let cluster = [
            "Dresden",
            "Chemnitz",
            "Leipzig",
            "Wrocław",
            "Ústí nad Labem",
            "Liberec",
            "Ostrava",
            "Görlitz",
            "Zgorzelec",
            "Jelenia Góra",
        ];
        for (i, name) in cluster.into_iter().enumerate() {
            let i = i as f64;
            markers.push(Marker {
                x: 500.0 + (i * 37.0) % 60.0,
                y: 150.0 + (i * 23.0) % 40.0,
                r: 6.0,
            });
            names.push(name);
        }
        for (x, y, name) in [
            (120.0, 200.0, "Columbus"),
            (990.0, 230.0, "Hangzhou"),
            (530.0, 490.0, "Brazzaville"),
            (5.0, 5.0, "Houston"),
        ] {
            markers.push(Marker { x, y, r: 6.0 });
            names.push(name);
        }
        (markers, names)
    }

    fn placed(font: f64) -> (Vec<Marker>, Vec<Option<Placed>>) {
        let (markers, names) = crowd();
        let wanted: Vec<Wanted> = names
            .iter()
            .enumerate()
            .map(|(marker, text)| Wanted { text, marker })
            .collect();
        let placed = place(&markers, &wanted, font, BOUNDS);
        (markers, placed)
    }

    #[test]
    fn labels_never_overlap_each_other_nor_markers() {
        for font in [14.0, 20.0, 42.0] {
            let (markers, placed) = placed(font);
            let boxes: Vec<Rect> = placed.iter().flatten().map(|p| p.bounds).collect();
            assert!(boxes.len() >= 4, "{font}: only {} placed", boxes.len());
            for (i, a) in boxes.iter().enumerate() {
                assert!(BOUNDS.holds(a), "{a:?} outside");
                for b in &boxes[i + 1..] {
                    assert!(!a.overlaps(b), "{font}: {a:?} and {b:?}");
                }
                for m in &markers {
                    let mb = Rect {
                        x0: m.x - m.r,
                        y0: m.y - m.r,
                        x1: m.x + m.r,
                        y1: m.y + m.r,
                    };
                    assert!(!a.overlaps(&mb), "{font}: {a:?} covers {m:?}");
                }
            }
        }
    }

    #[test]
    fn placement_is_deterministic_and_prefers_the_right() {
        let a = placed(20.0);
        assert_eq!(a, placed(20.0));
        // The first label, placed first, finds room beside its marker.
        assert!(a.1[0].unwrap().leader.is_none());
        // Columbus, alone, goes to the right of its marker.
        let columbus = a.1[10].unwrap();
        assert_eq!(columbus.anchor, Anchor::Start);
        assert!(columbus.x > a.0[10].x && columbus.leader.is_none());
        // Houston, in the corner, goes where it fits: not off the map.
        let houston = a.1[13].unwrap();
        assert!(houston.bounds.x0 >= 0.0 && houston.bounds.y0 >= 0.0);
        // Hangzhou at the right edge turns left.
        assert_eq!(a.1[11].unwrap().anchor, Anchor::End);
    }

    #[test]
    fn a_crowd_gets_leaders_or_drops_labels() {
        let (_, placed) = placed(42.0);
        assert!(placed.iter().any(Option::is_none), "{placed:?}");
        let (_, placed) = placed_all_at_one_point();
        // Labels of markers at one spot spread out, some on leader lines.
        assert!(placed.iter().flatten().any(|p| p.leader.is_some()));
    }

    fn placed_all_at_one_point() -> (Vec<Marker>, Vec<Option<Placed>>) {
        let markers = vec![
            Marker {
                x: 500.0,
                y: 250.0,
                r: 6.0
            };
            12
        ];
        let wanted: Vec<Wanted> = (0..12)
            .map(|marker| Wanted { text: "Ab", marker })
            .collect();
        let placed = place(&markers, &wanted, 20.0, BOUNDS);
        (markers, placed)
    }

    #[test]
    fn segments_cross_boxes() {
        let r = Rect {
            x0: 10.0,
            y0: 10.0,
            x1: 20.0,
            y1: 20.0,
        };
        assert!(r.crossed_by([0.0, 0.0, 30.0, 30.0]));
        assert!(r.crossed_by([15.0, 0.0, 15.0, 12.0]));
        assert!(!r.crossed_by([0.0, 0.0, 30.0, 5.0]));
        assert!(!r.crossed_by([0.0, 25.0, 25.0, 25.0]));
    }

    #[test]
    fn widths_grow_with_the_text() {
        assert!(text_width("Ústí nad Labem") > text_width("Ustí"));
        assert!(text_width("杭州") > text_width("ab"));
        assert_eq!(text_width(""), 0.0);
    }
}
