//! Douglas–Peucker simplification of the land outlines, two ways.
//!
//! - [`simplify`]: one pass over one ring in a map's own units, for the world view, whose
//!   Natural Earth projection bends every outline differently; it is drawn once a site.
//! - [`importance`]: every point of every world ring ranked once by the tolerance at which
//!   Douglas–Peucker drops it. A fitted view is a uniform scaling of longitude × cosine and
//!   latitude, so simplifying its land to a tolerance is keeping the points ranked above
//!   it: a comparison a point instead of a pass over the ring for every city map.
//!
//! Douglas–Peucker on a closed ring, here: the ring is cut at its first point and the
//! point farthest from it, which are always kept; between two kept points, the point
//! farthest from the line through them is kept if it strays more than the tolerance, and
//! both halves are simplified in turn.

use std::sync::OnceLock;

use super::world;

/// Keeps, in place, the points of `ring` that Douglas–Peucker keeps at `tolerance`.
/// Distances are compared as cross products, exact on these integers, so that finding
/// the farthest point takes no division.
pub(super) fn simplify(ring: &mut Vec<(i64, i64)>, tolerance: i64) {
    let n = ring.len();
    if n < 4 {
        return;
    }
    let far = farthest_from_first(n, |i| {
        let (dx, dy) = (ring[i].0 - ring[0].0, ring[i].1 - ring[0].1);
        (dx * dx + dy * dy) as f64
    });
    let mut keep = vec![false; n + 1];
    keep[0] = true;
    keep[far] = true;
    keep[n] = true;
    // Index n stands for the first point again, closing the ring.
    let at = |i: usize| {
        let p = ring[i % n];
        (p.0 as f64, p.1 as f64)
    };
    let mut stack = vec![(0, far), (far, n)];
    while let Some((a, b)) = stack.pop() {
        let (worst, far) = farthest_from_line(at(a), at(b), a + 1..b, at);
        if far > tolerance as f64 * length(at(a), at(b)).max(1.0) {
            keep[worst] = true;
            stack.push((a, worst));
            stack.push((worst, b));
        }
    }
    let mut i = 0;
    ring.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// The importance of each point of one ring: a fitted view drawn at the ring's cosine
/// keeps at tolerance `t` degrees exactly the points whose importance exceeds `t`.
pub(super) struct Ranks {
    /// In the ring's order.
    pub of_points: Box<[f32]>,
    /// The same, ascending, to count the points kept without looking at each.
    sorted: Box<[f32]>,
}

impl Ranks {
    fn new(of_points: Box<[f32]>) -> Ranks {
        let mut sorted = of_points.clone();
        sorted.sort_by(f32::total_cmp);
        Ranks { of_points, sorted }
    }

    /// How many points are kept at tolerance `least`.
    pub fn kept(&self, least: f64) -> usize {
        self.sorted.len() - self.sorted.partition_point(|&r| f64::from(r) <= least)
    }
}

/// For each ring of [`world::rings`], in order, the importance of each of its points
/// in a fitted view drawn at `cos` (the cosine of its middle latitude). The cosine is
/// taken to the nearest of a few steps (a view is not distorted by the difference);
/// each step's table is made the first time a view needs it.
pub(super) fn importance(cos: f64) -> &'static [Ranks] {
    const STEPS: usize = 16;
    static TABLES: [OnceLock<Vec<Ranks>>; STEPS] = [const { OnceLock::new() }; STEPS];
    // Fitted views clamp their middle latitude to ±60°, so the cosine is 0.5 to 1.
    let step = ((cos.clamp(0.5, 1.0) - 0.5) * 2.0 * (STEPS - 1) as f64).round() as usize;
    TABLES[step].get_or_init(|| {
        let cos = 0.5 + step as f64 / (2.0 * (STEPS - 1) as f64);
        world::rings()
            .iter()
            .map(|ring| Ranks::new(ring_importance(&ring.points, cos)))
            .collect()
    })
}

/// The importance of each point of one ring of (longitude, latitude) pairs, with
/// longitudes scaled by `cos`. A point's importance is its distance from the line
/// Douglas–Peucker measures it against, capped by the importance of the point whose
/// keeping made that line: a point can only be kept after the one that splits its span.
fn ring_importance(points: &[(f64, f64)], cos: f64) -> Box<[f32]> {
    let n = points.len();
    let mut importance = vec![f32::INFINITY; n].into_boxed_slice();
    if n < 4 {
        return importance;
    }
    let at = |i: usize| {
        let (lon, lat) = points[i % n];
        (lon * cos, lat)
    };
    let (x0, y0) = at(0);
    let far = farthest_from_first(n, |i| {
        let (x, y) = at(i);
        (x - x0).powi(2) + (y - y0).powi(2)
    });
    let mut stack = vec![(0, far, f32::INFINITY), (far, n, f32::INFINITY)];
    while let Some((a, b, cap)) = stack.pop() {
        if b - a < 2 {
            continue;
        }
        let (worst, far) = farthest_from_line(at(a), at(b), a + 1..b, at);
        let len = length(at(a), at(b));
        let distance = if len == 0.0 { far } else { far / len };
        let rank = (distance as f32).min(cap);
        importance[worst] = rank;
        stack.push((a, worst, rank));
        stack.push((worst, b, rank));
    }
    importance
}

/// The index, from 1 to n - 1, of the point with the largest `distance` (the first of
/// equals).
fn farthest_from_first(n: usize, distance: impl Fn(usize) -> f64) -> usize {
    let mut best = (1, f64::NEG_INFINITY);
    for i in 1..n {
        let d = distance(i);
        if d > best.1 {
            best = (i, d);
        }
    }
    best.0
}

/// The point among `span` farthest from the line through `a` and `b` (the first of
/// equals, or the span's first point when all lie on it), and its distance times the
/// length of `a`–`b`; when `a` and `b` are the same point, its plain distance from them.
fn farthest_from_line(
    a: (f64, f64),
    b: (f64, f64),
    span: std::ops::Range<usize>,
    at: impl Fn(usize) -> (f64, f64),
) -> (usize, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut worst = (span.start, 0.0);
    let mut consider = |i: usize, far: f64| {
        if far > worst.1 {
            worst = (i, far);
        }
    };
    // Two loops, so that the usual one does no `hypot` a point.
    if dx == 0.0 && dy == 0.0 {
        for i in span {
            let p = at(i);
            consider(i, (p.0 - a.0).hypot(p.1 - a.1));
        }
    } else {
        for i in span {
            let p = at(i);
            consider(i, ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs());
        }
    }
    worst
}

fn length(a: (f64, f64), b: (f64, f64)) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Douglas–Peucker as written in the textbooks, recursive, on floats.
    fn reference(points: &[(f64, f64)], tolerance: f64) -> Vec<usize> {
        fn split(p: &[(f64, f64)], n: usize, a: usize, b: usize, t: f64, keep: &mut [bool]) {
            let (pa, pb) = (p[a % n], p[b % n]);
            let len = length(pa, pb);
            let mut worst = (0.0, a);
            for (i, &q) in p.iter().enumerate().take(b).skip(a + 1) {
                let d = if len == 0.0 {
                    length(pa, q)
                } else {
                    ((q.0 - pa.0) * (pb.1 - pa.1) - (q.1 - pa.1) * (pb.0 - pa.0)).abs() / len
                };
                if d > worst.0 {
                    worst = (d, i);
                }
            }
            if worst.0 > t {
                keep[worst.1] = true;
                split(p, n, a, worst.1, t, keep);
                split(p, n, worst.1, b, t, keep);
            }
        }
        let n = points.len();
        let far = farthest_from_first(n, |i| length(points[0], points[i]));
        let mut keep = vec![false; n];
        keep[0] = true;
        keep[far] = true;
        split(points, n, 0, far, tolerance, &mut keep);
        split(points, n, far, n, tolerance, &mut keep);
        (0..n).filter(|&i| keep[i]).collect()
    }

    #[test]
    fn keeping_the_important_points_is_douglas_peucker() {
        let rings = world::rings();
        let table = importance(1.0);
        assert_eq!(table.len(), rings.len());
        let mut compared = 0;
        for (ring, ranks) in rings.iter().zip(table).filter(|(r, _)| r.points.len() >= 4) {
            for tolerance in [0.01, 0.05, 0.2, 1.0] {
                let kept: Vec<usize> = (0..ranks.of_points.len())
                    .filter(|&i| f64::from(ranks.of_points[i]) > tolerance)
                    .collect();
                assert_eq!(kept, reference(&ring.points, tolerance));
                assert_eq!(ranks.kept(tolerance), kept.len());
                compared += 1;
            }
        }
        assert!(compared > 100, "{compared} rings compared");
    }

    #[test]
    fn the_integer_pass_keeps_corners_and_drops_what_lies_on_a_line() {
        let mut ring = vec![(0, 0), (50, 1), (100, 0), (100, 100), (50, 99), (0, 100)];
        simplify(&mut ring, 8);
        assert_eq!(ring, [(0, 0), (100, 0), (100, 100), (0, 100)]);
        let mut triangle = vec![(0, 0), (10, 0), (0, 10)];
        simplify(&mut triangle, 8);
        assert_eq!(triangle.len(), 3, "rings of three are left alone");
    }
}
