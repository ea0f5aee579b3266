//! Douglas–Peucker simplification of the land outlines of the world view, one ring at a
//! time in the map's own units (the Natural Earth projection bends every outline
//! differently). It runs once a site, for the shared world drawing.
//!
//! Douglas–Peucker on a closed ring, here: the ring is cut at its first point and the
//! point farthest from it, which are always kept; between two kept points, the point
//! farthest from the line through them is kept if it strays more than the tolerance, and
//! both halves are simplified in turn.

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
    use super::super::world;
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
    fn the_integer_pass_is_douglas_peucker() {
        let mut compared = 0;
        for ring in world::rings().iter().filter(|r| r.points.len() >= 4) {
            // In hundredths of a degree, without repeated points, as maps draw them.
            let mut at: Vec<(i64, i64)> = Vec::new();
            for &(lon, lat) in &ring.points {
                let p = ((lon * 100.0).round() as i64, (lat * 100.0).round() as i64);
                if at.last() != Some(&p) && at.first() != Some(&p) {
                    at.push(p);
                }
            }
            let floats: Vec<(f64, f64)> = at.iter().map(|&(x, y)| (x as f64, y as f64)).collect();
            for tolerance in [1, 5, 20, 100] {
                let mut kept = at.clone();
                simplify(&mut kept, tolerance);
                let want: Vec<(i64, i64)> = reference(&floats, tolerance as f64)
                    .into_iter()
                    .map(|i| at[i])
                    .collect();
                assert_eq!(kept, want);
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
