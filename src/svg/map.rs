//! The partnership map: country outlines, partnerships as curves, cities as links.
//!
//! Input: points (cities with a position), links (pairs of point indexes) and options.
//! Output: one `<svg class="map">`, viewBox `0 0 1000 H`, that scales with CSS
//! `width: 100%; height: auto`. Two views:
//!
//! - the whole world (`fit: false`, or no points, or points spread over more than the globe
//!   allows): the Natural Earth projection, latitudes from 57° S to 84° N, widened to show
//!   any point beyond them (a pole included); links that cross the antimeridian leave at
//!   one edge and come back at the other;
//! - fitted (`fit: true`): an equirectangular projection scaled by the cosine of the
//!   middle latitude, around the points' bounding box with padding, a minimum span and an
//!   aspect ratio between 1.6:1 and 2.2:1. The box takes the shorter way round the globe, so
//!   points on both sides of the antimeridian sit together. Land rings whose bounding box
//!   misses the view are left out, the others cut 20 units outside it.
//!
//! With a shared land drawing (`land`, an address of [`world_land`]'s file), a world view
//! refers to it with `<use class="map-land">` instead of drawing 35 KB of land, and a
//! fitted view whose cut land would pass 12 KB (a wide region, drawn in more detail than the
//! world) is simplified twice as much, or else becomes a world view: every map then stays
//! within some 12 KB plus its points.
//!
//! Layers, in order: `<title>`, `<desc>`, then a hidden group with the land
//! (`path.map-land`, even-odd, or the `<use>`) and the links (`path.map-link`), then one
//! `<a class="map-city" href>` per point, named by its `<title>`, drawn as a `<circle>`;
//! emphasised points get `map-city--emphasis`, a larger circle and a visible label
//! (`text.map-label`). Points are drawn in the caller's order, which is also the tab order.
//!
//! With points the root is `role="group"` (an `img` may not contain links); without, a map
//! of land only, it is `role="img"`. The first child, `<title>`, names it; with a
//! description, `aria-labelledby` and `aria-describedby` point at `<title>` and `<desc>`
//! (ids `{id}-title`, `{id}-desc`).

use super::simplify::{Ranks, importance, simplify};
use super::{Fnv, clean_id, escape, num, push_escaped, push_path_num, tenths, world};
use std::f64::consts::PI;
use std::fmt::Write as _;

/// A city on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPoint<'a> {
    /// Accessible name and tooltip; also the label of an emphasised point.
    pub name: &'a str,
    /// Where the marker links to; empty for a marker that is not a link.
    pub url: &'a str,
    /// Degrees north, -90 to 90 (values beyond are clamped; non-finite ones skip the point).
    pub lat: f64,
    /// Degrees east; any finite value, taken modulo 360.
    pub lon: f64,
    /// Drawn larger and labelled: the city a city page is about.
    pub emphasis: bool,
}

/// A partnership between two points, by index into the points. Links to a missing or
/// skipped point, and from a point to itself, are not drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapLink {
    pub from: usize,
    pub to: usize,
}

/// How to draw a map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MapOptions<'a> {
    /// Prefix of the element ids (`{id}-title`, `{id}-desc`), unique on the page; empty for
    /// one derived from the input (two identical maps on one page then share ids). Ids are
    /// written only when there is a description.
    pub id: &'a str,
    /// The accessible name, e.g. "Map of Lyon's partner cities"; empty gives "Map".
    pub title: &'a str,
    /// A longer description (`<desc>`), e.g. "12 cities in 8 countries; the list follows.";
    /// may be empty.
    pub description: &'a str,
    /// Zoom to the points instead of showing the whole world.
    pub fit: bool,
    /// Address of the shared land drawing, [`world_land`] written to a file: a world view
    /// then refers to it with `<use>` (a few dozen bytes) instead of drawing the land
    /// inline (some 35 KB). Empty draws inline. Fitted views always draw inline: they cut
    /// the land to what they show.
    pub land: &'a str,
}

/// Width of every map's viewBox, in user units.
const WIDTH: f64 = 1000.0;
/// Space around the world view, so markers on its edge are not cut.
const MARGIN: f64 = 10.0;
/// Marker radii and label size, in user units.
const RADIUS: f64 = 6.0;
const RADIUS_EMPHASIS: f64 = 9.0;
const FONT_SIZE: f64 = 20.0;
/// Latitudes the world view always shows: all land but Antarctica.
const WORLD_NORTH: f64 = 84.0;
const WORLD_SOUTH: f64 = -57.0;

/// Draws the map. See the module documentation for what the SVG holds.
pub fn world_map(points: &[MapPoint], links: &[MapLink], options: &MapOptions) -> String {
    // Each usable point, with its longitude in [-180, 180).
    let located: Vec<Option<(f64, f64)>> = points
        .iter()
        .map(|p| {
            (p.lat.is_finite() && p.lon.is_finite())
                .then(|| (wrap(p.lon), p.lat.clamp(-90.0, 90.0)))
        })
        .collect();
    let (view, land) = view_and_land(&located, options);

    let mut out = String::with_capacity(if view.fitted { 16 * 1024 } else { 48 * 1024 });
    let role = if located.iter().any(Option::is_some) {
        "group"
    } else {
        "img"
    };
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="map map--{}" viewBox="0 0 {} {}" role="{role}""#,
        if view.fitted { "fit" } else { "world" },
        WIDTH,
        num(view.height)
    );
    // The first-child <title> names the map. With a description, both are also referenced
    // explicitly; without one, no aria-labelledby, which would make Chrome read the title
    // twice (as name and as description).
    let id = (!options.description.is_empty()).then(|| {
        clean_id(options.id)
            .unwrap_or_else(|| format!("map-{}", input_hash(points, links, options)))
    });
    if let Some(id) = &id {
        let _ = write!(
            out,
            r#" aria-labelledby="{id}-title" aria-describedby="{id}-desc""#
        );
    }
    let _ = write!(out, r#" font-size="{FONT_SIZE}">"#);
    match &id {
        Some(id) => {
            let _ = write!(out, r#"<title id="{id}-title">"#);
        }
        None => out.push_str("<title>"),
    }
    push_escaped(
        &mut out,
        if options.title.is_empty() {
            "Map"
        } else {
            options.title
        },
    );
    out.push_str("</title>");
    if let Some(id) = &id {
        let _ = write!(out, r#"<desc id="{id}-desc">"#);
        push_escaped(&mut out, options.description);
        out.push_str("</desc>");
    }

    out.push_str(r#"<g aria-hidden="true">"#);
    if !view.fitted && !options.land.is_empty() {
        // The shared drawing is in the plain world view's frame; a view widened to the
        // north moves it down.
        let shift = (view.top - View::world(&[]).top) * view.scale;
        let _ = write!(
            out,
            r#"<use class="map-land" href="{}#land""#,
            escape(options.land)
        );
        if tenths(shift) != 0 {
            let _ = write!(out, r#" y="{}""#, num(shift));
        }
        out.push_str("/>");
    } else {
        push_land(&mut out, &land);
    }
    let curves = links_path(&view, &located, links);
    if !curves.is_empty() {
        let _ = write!(
            out,
            r#"<path class="map-link" fill="none" vector-effect="non-scaling-stroke" d="{curves}"/>"#
        );
    }
    out.push_str("</g>");

    for (point, at) in points.iter().zip(&located) {
        if let Some((lon, lat)) = *at {
            push_city(&mut out, point, view.xy(lon, lat));
        }
    }
    out.push_str("</svg>");
    out
}

/// Appends the land of `view` as one inline path, if any land shows.
fn push_land(out: &mut String, land: &str) {
    if !land.is_empty() {
        let _ = write!(
            out,
            r#"<path class="map-land" fill-rule="evenodd" vector-effect="non-scaling-stroke" d="{land}"/>"#
        );
    }
}

/// The view, and the land to draw inline (empty when the shared drawing is used). A fitted
/// view of a wide region holds more detail than the whole world: when a shared drawing is
/// at hand and the fitted land passes [`FITTED_LAND_BUDGET`], it is simplified twice as
/// much, and if that is still too much, the world view is taken instead.
fn view_and_land(located: &[Option<(f64, f64)>], options: &MapOptions) -> (View, String) {
    let shared = !options.land.is_empty();
    let view = View::new(located, options.fit);
    if view.fitted && !shared {
        let land = whole_land_path(&view);
        return (view, land);
    }
    if view.fitted {
        // Coarser outlines (still within 2 pixels as shown) before the world view.
        for tolerance in [TOLERANCE, 2 * TOLERANCE] {
            if let Some(land) = land_path(&view, tolerance, FITTED_LAND_BUDGET) {
                return (view, land);
            }
        }
    }
    let view = View::new(located, false);
    let land = if shared {
        String::new()
    } else {
        whole_land_path(&view)
    };
    (view, land)
}

/// Bytes of inline land a fitted view may draw when a shared world drawing is at hand.
const FITTED_LAND_BUDGET: usize = 12 * 1024;

/// The land of the plain world view (no points beyond 84° N or 57° S) as a standalone SVG
/// file whose path has the id `land`, for [`MapOptions::land`]. It carries no colours: a
/// `<use>` passes the page's fill and stroke down to it, so CSS and dark mode still apply.
pub fn world_land() -> String {
    let view = View::world(&[]);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {}"><path id="land" fill-rule="evenodd" vector-effect="non-scaling-stroke" d="{}"/></svg>
"#,
        num(view.height),
        whole_land_path(&view)
    )
}

/// What [`world_map`] would draw, as a short string that differs whenever the drawing
/// would: a stand-in for the map where only a fingerprint of a page is needed (`serve`
/// deciding which pages to render again), at a fraction of the cost of drawing it.
pub fn map_fingerprint(points: &[MapPoint], links: &[MapLink], options: &MapOptions) -> String {
    format!("{}:{}", options.id, input_hash(points, links, options))
}

/// A stable id for the map from everything that is drawn.
fn input_hash(points: &[MapPoint], links: &[MapLink], options: &MapOptions) -> String {
    let mut h = Fnv::new();
    h.str(options.title);
    h.str(options.description);
    h.str(options.land);
    h.u64(u64::from(options.fit));
    for p in points {
        h.str(p.name);
        h.str(p.url);
        h.u64(p.lat.to_bits());
        h.u64(p.lon.to_bits());
        h.u64(u64::from(p.emphasis));
    }
    for l in links {
        h.u64(l.from as u64);
        h.u64(l.to as u64);
    }
    h.hex()
}

/// A longitude in [-180, 180).
fn wrap(lon: f64) -> f64 {
    let l = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if l >= 180.0 { -180.0 } else { l }
}

/// The Natural Earth projection (Šavrič et al., 2015), degrees in, radians-scale units out,
/// y growing northwards.
fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
    let (l, p) = (lon.to_radians(), lat.to_radians());
    let p2 = p * p;
    let p4 = p2 * p2;
    (
        l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
        p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
    )
}

/// Half the width of the Natural Earth projection, at the equator.
const NE_HALF_WIDTH: f64 = PI * 0.8707;

/// Where the map looks and how degrees become user units.
struct View {
    fitted: bool,
    height: f64,
    /// User units per projection unit.
    scale: f64,
    /// World: the projected y of the top edge. Fitted: the latitude of the top edge.
    top: f64,
    /// Fitted only: the longitude of the left edge and the cosine correction.
    left: f64,
    cos: f64,
    /// Fitted only: the longitudes (unwrapped, so `east` may pass 180) and latitudes seen.
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl View {
    fn new(located: &[Option<(f64, f64)>], fit: bool) -> View {
        let points: Vec<(f64, f64)> = located.iter().flatten().copied().collect();
        if fit && let Some(view) = View::fitted(&points) {
            return view;
        }
        View::world(&points)
    }

    fn world(points: &[(f64, f64)]) -> View {
        let north = points
            .iter()
            .fold(WORLD_NORTH, |m, p| m.max((p.1 + 4.0).min(90.0)));
        let south = points
            .iter()
            .fold(WORLD_SOUTH, |m, p| m.min((p.1 - 4.0).max(-90.0)));
        let scale = (WIDTH - 2.0 * MARGIN) / (2.0 * NE_HALF_WIDTH);
        let top = natural_earth(0.0, north).1;
        let height = ((top - natural_earth(0.0, south).1) * scale + 2.0 * MARGIN).ceil();
        View {
            fitted: false,
            height,
            scale,
            top,
            left: 0.0,
            cos: 1.0,
            west: -180.0,
            east: 180.0,
            south,
            north,
        }
    }

    /// The view around `points`, or `None` when the whole world would show them as well.
    fn fitted(points: &[(f64, f64)]) -> Option<View> {
        if points.is_empty() {
            return None;
        }
        // The shortest arc of longitudes holding every point: the complement of the
        // largest gap between neighbours (going round), preferring the one at ±180°.
        let mut lons: Vec<f64> = points.iter().map(|p| p.0).collect();
        lons.sort_by(f64::total_cmp);
        let n = lons.len();
        let (mut west, mut east) = (lons[0], lons[n - 1]);
        let mut gap = lons[0] + 360.0 - lons[n - 1];
        for i in 0..n - 1 {
            if lons[i + 1] - lons[i] > gap {
                gap = lons[i + 1] - lons[i];
                (west, east) = (lons[i + 1], lons[i] + 360.0);
            }
        }
        let south = points.iter().map(|p| p.1).fold(90.0, f64::min);
        let north = points.iter().map(|p| p.1).fold(-90.0, f64::max);
        let mid_lon = (west + east) / 2.0;
        let mid_lat = (south + north) / 2.0;
        let cos = mid_lat.clamp(-60.0, 60.0).to_radians().cos();

        // Width and height in degrees of latitude, padded, not too small, not too narrow.
        let mut w = ((east - west) * cos * 1.2 + 10.0).max(18.0);
        let mut h = ((north - south) * 1.2 + 8.0).max(10.0);
        if w < 1.6 * h {
            w = 1.6 * h;
        } else if w > 2.2 * h {
            h = w / 2.2;
        }
        if w / cos >= 360.0 || h >= 180.0 {
            return None;
        }
        let mut top = mid_lat + h / 2.0;
        if top > 90.0 {
            top = 90.0;
        } else if top - h < -90.0 {
            top = -90.0 + h;
        }
        let scale = WIDTH / w;
        let left = mid_lon - w / cos / 2.0;
        Some(View {
            fitted: true,
            height: h * scale,
            scale,
            top,
            left,
            cos,
            west: left,
            east: left + w / cos,
            south: top - h,
            north: top,
        })
    }

    /// User-space position of a point; fitted views move the longitude by whole turns so it
    /// falls in the view.
    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        let mid = (self.west + self.east) / 2.0;
        let lon = if self.fitted {
            lon + ((mid - lon) / 360.0).round() * 360.0
        } else {
            lon
        };
        self.xy_raw(lon, lat)
    }

    /// Fitted only: the degrees the view shows.
    fn seen_box(&self) -> DegreeBox {
        DegreeBox {
            west: self.west,
            east: self.east,
            south: self.south,
            north: self.north,
        }
    }

    /// Fitted only: the degrees whose points a fitted view draws without cutting, those
    /// within [`CLIP_MARGIN`] of it, a hair smaller so that rounding cannot put a point
    /// it holds outside.
    fn held_box(&self) -> DegreeBox {
        let hair = 1e-9;
        let (margin_lon, margin_lat) = (
            CLIP_MARGIN / (self.cos * self.scale),
            CLIP_MARGIN / self.scale,
        );
        DegreeBox {
            west: self.west - margin_lon + hair,
            east: self.east + margin_lon - hair,
            south: self.south - margin_lat + hair,
            north: self.north + margin_lat - hair,
        }
    }

    /// User-space position, the longitude as given.
    fn xy_raw(&self, lon: f64, lat: f64) -> (f64, f64) {
        if self.fitted {
            (
                (lon - self.left) * self.cos * self.scale,
                (self.top - lat) * self.scale,
            )
        } else {
            let (x, y) = natural_earth(lon, lat);
            (
                (x + NE_HALF_WIDTH) * self.scale + MARGIN,
                (self.top - y) * self.scale + MARGIN,
            )
        }
    }
}

/// [`land_path`] at the usual tolerance, however long it is.
fn whole_land_path(view: &View) -> String {
    land_path(view, TOLERANCE, usize::MAX).unwrap_or_default()
}

/// The `d` of the land: every ring the view shows, relative, in tenths; `None` as soon as
/// it passes `budget` bytes. Most city maps of a directory whose partners are spread over
/// the world are too wide for their land, and stopping early spares drawing the rest of
/// the world only to throw it away: that was a third of a build.
fn land_path(view: &View, tolerance: i64, budget: usize) -> Option<String> {
    if view.fitted {
        fitted_land_path(view, tolerance, budget)
    } else {
        Some(world_land_path(view, tolerance))
    }
}

/// The land of the world view: each ring projected, then simplified in the map's units.
fn world_land_path(view: &View, tolerance: i64) -> String {
    let mut d = String::with_capacity(48 * 1024);
    let mut at = Vec::new();
    for ring in world::rings() {
        let raw = ring.points.iter().map(|&(lon, lat)| view.xy_raw(lon, lat));
        to_tenths(raw, &mut at);
        simplify(&mut at, tolerance);
        push_ring(&mut d, &at);
    }
    d
}

/// The land of a fitted view: of each ring it shows, the points Douglas–Peucker keeps
/// at `tolerance` (known in advance, see [`importance`]), projected and cut.
fn fitted_land_path(view: &View, tolerance: i64, budget: usize) -> Option<String> {
    let ranks = importance(view.cos);
    // The view is `scale` user units a degree; `tolerance` is in tenths of a unit.
    let least = tolerance as f64 / 10.0 / view.scale;
    let (lo, hi) = (-CLIP_MARGIN, WIDTH + CLIP_MARGIN);
    let (top, bottom) = (-CLIP_MARGIN, view.height + CLIP_MARGIN);
    // Each ring whose box the view touches, once for every whole turn it must be shifted
    // by to be seen, and whether its box lies wholly inside the cut (most rings of a
    // fitted view do): such a ring needs no cutting, and its kept points need no counting.
    let (seen, held) = (&view.seen_box(), &view.held_box());
    let shown: Vec<(&world::Ring, &Ranks, f64, bool)> = world::rings()
        .iter()
        .zip(ranks)
        .flat_map(|(ring, ranks)| {
            [-360.0, 0.0, 360.0]
                .into_iter()
                .filter(|&shift| seen.touches(ring, shift))
                .map(move |shift| (ring, ranks, shift, held.holds(ring, shift)))
        })
        .collect();
    let kept = |ring: &'static world::Ring, ranks: &'static Ranks, shift: f64| {
        ring.points
            .iter()
            .zip(&ranks.of_points)
            .filter(move |&(_, &rank)| f64::from(rank) > least)
            .map(move |(&(lon, lat), _)| view.xy_raw(lon + shift, lat))
    };
    // Every point drawn takes at least four bytes (two numbers, each after a separator
    // or a sign), so counting the points inside the view tells of most views that are
    // over budget without drawing them: a third of all city maps, in a directory whose
    // partners are spread over the world.
    if budget != usize::MAX {
        let inside = |&(x, y): &(f64, f64)| (lo..=hi).contains(&x) && (top..=bottom).contains(&y);
        let mut points = 0;
        for &(ring, ranks, shift, held) in &shown {
            points += if held {
                ranks.kept(least)
            } else {
                kept(ring, ranks, shift).filter(inside).count()
            };
            if points > budget / 4 {
                return None;
            }
        }
    }
    let mut d = String::with_capacity(8 * 1024);
    let (mut raw, mut spare, mut at) = (Vec::new(), Vec::new(), Vec::new());
    for &(ring, ranks, shift, held) in &shown {
        raw.clear();
        raw.extend(kept(ring, ranks, shift));
        if !held {
            // Cut away what lies well outside the view; the cut edges, and their
            // strokes, stay out of sight.
            clip(&mut raw, &mut spare, |p| p.0, lo, false);
            clip(&mut raw, &mut spare, |p| p.0, hi, true);
            clip(&mut raw, &mut spare, |p| p.1, top, false);
            clip(&mut raw, &mut spare, |p| p.1, bottom, true);
        }
        to_tenths(raw.iter().copied(), &mut at);
        push_ring(&mut d, &at);
        if d.len() > budget {
            return None;
        }
    }
    Some(d)
}

/// A box in degrees, for [`View::seen_box`] and [`View::held_box`].
struct DegreeBox {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl DegreeBox {
    /// Whether some of `ring`'s box, shifted by `shift` degrees of longitude, is inside.
    fn touches(&self, ring: &world::Ring, shift: f64) -> bool {
        ring.lon_max + shift >= self.west
            && ring.lon_min + shift <= self.east
            && ring.lat_max >= self.south
            && ring.lat_min <= self.north
    }

    /// Whether every point of `ring`, shifted by `shift` degrees of longitude, is inside.
    fn holds(&self, ring: &world::Ring, shift: f64) -> bool {
        ring.lon_min + shift >= self.west
            && ring.lon_max + shift <= self.east
            && ring.lat_min >= self.south
            && ring.lat_max <= self.north
    }
}

/// `ring` in tenths of a unit into `at`, without repeated points (the ring's last point
/// is not its first again).
fn to_tenths(ring: impl Iterator<Item = (f64, f64)>, at: &mut Vec<(i64, i64)>) {
    at.clear();
    for (x, y) in ring {
        let p = (tenths(x), tenths(y));
        if at.last() != Some(&p) {
            at.push(p);
        }
    }
    while at.len() > 1 && at.first() == at.last() {
        at.pop();
    }
}

/// Appends one closed ring to path data, relative; rings of fewer than three points
/// (what is left of an island at this scale) are not drawn.
fn push_ring(d: &mut String, at: &[(i64, i64)]) {
    if at.len() < 3 {
        return;
    }
    d.push('M');
    push_path_num(d, at[0].0);
    push_path_num(d, at[0].1);
    d.push('l');
    for w in at.windows(2) {
        push_path_num(d, w[1].0 - w[0].0);
        push_path_num(d, w[1].1 - w[0].1);
    }
    d.push('z');
}

/// How far outside a fitted view land is still drawn, in user units.
const CLIP_MARGIN: f64 = 20.0;

/// Sutherland–Hodgman against one axis-parallel line: keeps the part of the closed ring
/// where `coord(p)` is at most (`below`) or at least (`!below`) `limit`.
fn clip(
    ring: &mut Vec<(f64, f64)>,
    spare: &mut Vec<(f64, f64)>,
    coord: fn(&(f64, f64)) -> f64,
    limit: f64,
    below: bool,
) {
    let inside = |p: &(f64, f64)| {
        if below {
            coord(p) <= limit
        } else {
            coord(p) >= limit
        }
    };
    if ring.iter().all(inside) {
        return;
    }
    spare.clear();
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
        if inside(&a) {
            spare.push(a);
        }
        if inside(&a) != inside(&b) {
            let t = (limit - coord(&a)) / (coord(&b) - coord(&a));
            spare.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
        }
    }
    std::mem::swap(ring, spare);
}

/// How far, in tenths of a user unit, a simplified outline may stray from the data: well
/// under a pixel at the sizes maps are shown.
const TOLERANCE: i64 = 8;

/// The `d` of the links: one quadratic curve each, bowed to the north like a flight path.
fn links_path(view: &View, located: &[Option<(f64, f64)>], links: &[MapLink]) -> String {
    let mut d = String::new();
    for link in links {
        let (Some(Some(a)), Some(Some(b))) = (located.get(link.from), located.get(link.to)) else {
            continue;
        };
        if link.from == link.to {
            continue;
        }
        let (a, b) = (*a, *b);
        if !view.fitted && (b.0 - a.0).abs() > 180.0 {
            // The short way crosses the antimeridian: out at one edge, in at the other.
            let b_lon = if b.0 < a.0 { b.0 + 360.0 } else { b.0 - 360.0 };
            let edge = if b_lon > a.0 { 180.0 } else { -180.0 };
            let t = (edge - a.0) / (b_lon - a.0);
            let lat = a.1 + t * (b.1 - a.1);
            push_curve(&mut d, view.xy_raw(a.0, a.1), view.xy_raw(edge, lat));
            push_curve(&mut d, view.xy_raw(-edge, lat), view.xy_raw(b.0, b.1));
        } else {
            push_curve(&mut d, view.xy(a.0, a.1), view.xy(b.0, b.1));
        }
    }
    d
}

/// Appends `M a q c b`, the control point off the middle by a fifth of the length, on the
/// upper side (the right-hand side when the chord is vertical).
fn push_curve(d: &mut String, a: (f64, f64), b: (f64, f64)) {
    let (ax, ay, bx, by) = (tenths(a.0), tenths(a.1), tenths(b.0), tenths(b.1));
    let (dx, dy) = ((bx - ax) as f64, (by - ay) as f64);
    let len = dx.hypot(dy);
    if len < 1.0 {
        return;
    }
    let (mut nx, mut ny) = (dy / len, -dx / len);
    if ny > 0.0 || (ny == 0.0 && nx < 0.0) {
        (nx, ny) = (-nx, -ny);
    }
    let bow = 0.2 * len;
    let cx = (dx / 2.0 + nx * bow).round() as i64;
    let cy = (dy / 2.0 + ny * bow).round() as i64;
    d.push('M');
    push_path_num(d, ax);
    push_path_num(d, ay);
    d.push('q');
    for v in [cx, cy, bx - ax, by - ay] {
        push_path_num(d, v);
    }
}

/// Appends one city: a link (or, without a URL, a group) named by its title.
fn push_city(out: &mut String, point: &MapPoint, (x, y): (f64, f64)) {
    let class = if point.emphasis {
        "map-city map-city--emphasis"
    } else {
        "map-city"
    };
    let tag = if point.url.is_empty() { "g" } else { "a" };
    let _ = write!(out, r#"<{tag} class="{class}""#);
    if !point.url.is_empty() {
        let _ = write!(out, r#" href="{}""#, escape(point.url));
    }
    out.push_str("><title>");
    push_escaped(out, point.name);
    let r = if point.emphasis {
        RADIUS_EMPHASIS
    } else {
        RADIUS
    };
    let _ = write!(
        out,
        r#"</title><circle cx="{}" cy="{}" r="{}"/>"#,
        num(x),
        num(y),
        num(r)
    );
    if point.emphasis && !point.name.is_empty() {
        // A label to the right, or to the left when it would run off the edge. The offsets
        // are in em, so a theme that enlarges labels (and markers) keeps them apart.
        let guess = point.name.chars().count() as f64 * FONT_SIZE * 0.55;
        let (dx, anchor) = if x + FONT_SIZE * 0.75 + guess > WIDTH {
            ("-.75em", r#" text-anchor="end""#)
        } else {
            (".75em", "")
        };
        let _ = write!(
            out,
            r#"<text class="map-label" x="{}" y="{}" dx="{dx}" dy=".35em"{anchor}>"#,
            num(x),
            num(y),
        );
        push_escaped(out, point.name);
        out.push_str("</text>");
    }
    let _ = write!(out, "</{tag}>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(name: &'static str, lat: f64, lon: f64) -> MapPoint<'static> {
        MapPoint {
            name,
            url: "/cities/x/",
            lat,
            lon,
            emphasis: false,
        }
    }

    fn sample() -> (Vec<MapPoint<'static>>, Vec<MapLink>) {
        let points = vec![
            city("Lyon", 45.76, 4.84),
            city("Tokyo", 35.68, 139.69),
            city("San Francisco", 37.77, -122.42),
            city("Suva", -18.14, 178.44),
            city("Apia", -13.83, -171.76),
        ];
        let links = vec![
            MapLink { from: 0, to: 1 },
            MapLink { from: 1, to: 2 },
            MapLink { from: 3, to: 4 },
            MapLink { from: 0, to: 9 },
            MapLink { from: 2, to: 2 },
        ];
        (points, links)
    }

    #[test]
    fn the_rings_a_fitted_view_holds_are_inside_its_cut() {
        // Western Europe, and the Suva–Apia pair that sits across the antimeridian.
        let views = [
            [(4.84, 45.76), (13.4, 52.52), (-3.7, 40.42)],
            [(178.44, -18.14), (-171.76, -13.83), (174.76, -36.85)],
        ];
        for located in views {
            let located: Vec<_> = located.into_iter().map(Some).collect();
            let view = View::new(&located, true);
            assert!(view.fitted);
            let held = view.held_box();
            let mut rings = 0;
            for ring in world::rings() {
                for shift in [-360.0, 0.0, 360.0] {
                    if !held.holds(ring, shift) {
                        continue;
                    }
                    rings += 1;
                    for &(lon, lat) in &ring.points {
                        let (x, y) = view.xy_raw(lon + shift, lat);
                        assert!((-CLIP_MARGIN..=WIDTH + CLIP_MARGIN).contains(&x), "{x}");
                        assert!(
                            (-CLIP_MARGIN..=view.height + CLIP_MARGIN).contains(&y),
                            "{y}"
                        );
                    }
                }
            }
            assert!(rings > 0, "no ring held in {located:?}");
        }
    }

    fn view_box(svg: &str) -> (f64, f64) {
        let start = svg.find("viewBox=\"0 0 ").unwrap() + 13;
        let rest = &svg[start..];
        let mut it = rest[..rest.find('"').unwrap()].split(' ');
        (
            it.next().unwrap().parse().unwrap(),
            it.next().unwrap().parse().unwrap(),
        )
    }

    fn circles(svg: &str) -> Vec<(f64, f64)> {
        svg.match_indices("<circle cx=\"")
            .map(|(i, _)| {
                let rest = &svg[i + 12..];
                let cx = &rest[..rest.find('"').unwrap()];
                let rest = &rest[rest.find("cy=\"").unwrap() + 4..];
                let cy = &rest[..rest.find('"').unwrap()];
                (cx.parse().unwrap(), cy.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn the_fingerprint_changes_with_anything_drawn() {
        let (points, links) = sample();
        let options = MapOptions {
            title: "Partners",
            fit: true,
            ..MapOptions::default()
        };
        let base = map_fingerprint(&points, &links, &options);
        assert_eq!(base, map_fingerprint(&points, &links, &options));
        let mut moved = points.clone();
        moved[1].lat += 0.001;
        let mut renamed = points.clone();
        renamed[0].name = "Other";
        let unfitted = MapOptions {
            fit: false,
            ..options
        };
        let with_id = MapOptions {
            id: "home-map",
            ..options
        };
        let others = [
            map_fingerprint(&moved, &links, &options),
            map_fingerprint(&renamed, &links, &options),
            map_fingerprint(&points, &links[..1], &options),
            map_fingerprint(&points, &links, &unfitted),
            map_fingerprint(&points, &links, &with_id),
        ];
        for other in others {
            assert_ne!(other, base);
        }
    }

    #[test]
    fn same_input_same_bytes() {
        let (points, links) = sample();
        for fit in [false, true] {
            let options = MapOptions {
                title: "Partners",
                fit,
                ..MapOptions::default()
            };
            let a = world_map(&points, &links, &options);
            let b = world_map(&points, &links, &options);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn a_world_map_without_points_is_land_only_and_small() {
        let svg = world_map(
            &[],
            &[],
            &MapOptions {
                id: "m",
                title: "World",
                ..MapOptions::default()
            },
        );
        assert!(
            svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="map map--world""#)
        );
        assert!(svg.contains(r#"role="img" font-size="20"><title>World</title><g"#));
        assert!(!svg.contains("<desc"));
        assert!(!svg.contains("map-link"));
        assert!(!svg.contains("<a "));
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(svg.len() < 45_000, "{} bytes", svg.len());
        assert_eq!(view_box(&svg).0, 1000.0);
        // A fitted map of nothing is the world.
        let fitted = world_map(
            &[],
            &[],
            &MapOptions {
                id: "m",
                title: "World",
                fit: true,
                ..MapOptions::default()
            },
        );
        assert_eq!(svg, fitted);
    }

    #[test]
    fn a_fitted_map_holds_its_points() {
        let europe = [
            city("Lisbon", 38.72, -9.14),
            city("Helsinki", 60.17, 24.94),
            city("Athens", 37.98, 23.73),
            city("Dublin", 53.35, -6.26),
        ];
        let (pacific, _) = sample();
        let cases: [&[MapPoint]; 5] = [
            &europe,
            &pacific[3..5],
            &pacific,
            &[city("Pole", 90.0, 0.0), city("Longyearbyen", 78.22, 15.65)],
            &[city("Alone", -33.87, 151.21)],
        ];
        for points in cases {
            let svg = world_map(
                points,
                &[],
                &MapOptions {
                    title: "t",
                    fit: true,
                    ..MapOptions::default()
                },
            );
            let (w, h) = view_box(&svg);
            let found = circles(&svg);
            assert_eq!(found.len(), points.len());
            for (x, y) in found {
                assert!(
                    (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
                    "{x},{y} in {w}x{h}: {points:?}"
                );
            }
        }
    }

    #[test]
    fn a_fitted_map_is_smaller_than_the_world() {
        let points = [city("Lisbon", 38.72, -9.14), city("Helsinki", 60.17, 24.94)];
        let world = world_map(&points, &[], &MapOptions::default());
        let fitted = world_map(
            &points,
            &[],
            &MapOptions {
                fit: true,
                ..MapOptions::default()
            },
        );
        assert!(fitted.contains("map--fit"));
        assert!(
            fitted.len() * 2 < world.len(),
            "{} vs {}",
            fitted.len(),
            world.len()
        );
    }

    #[test]
    fn the_antimeridian_pair_sits_together() {
        let (points, _) = sample();
        let svg = world_map(
            &points[3..5],
            &[MapLink { from: 0, to: 1 }],
            &MapOptions {
                fit: true,
                ..MapOptions::default()
            },
        );
        let (w, _) = view_box(&svg);
        let found = circles(&svg);
        // Suva west of Apia, both well inside: the view did not take the long way round.
        assert!(
            found[0].0 < found[1].0 && found[1].0 - found[0].0 < w / 2.0,
            "{found:?}"
        );
    }

    #[test]
    fn world_links_across_the_antimeridian_are_split() {
        let (points, links) = sample();
        let svg = world_map(&points, &links[1..3], &MapOptions::default());
        let d = svg
            .split(r#"class="map-link" fill="none" vector-effect="non-scaling-stroke" d=""#)
            .nth(1)
            .unwrap();
        let d = &d[..d.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 4, "{d}");
    }

    #[test]
    fn bad_links_and_points_are_skipped() {
        let (mut points, links) = sample();
        points.push(city("Nowhere", f64::NAN, 0.0));
        let svg = world_map(
            &points,
            &[links[0], links[3], links[4], MapLink { from: 5, to: 0 }],
            &MapOptions::default(),
        );
        let d = svg
            .split(r#"class="map-link" fill="none" vector-effect="non-scaling-stroke" d=""#)
            .nth(1)
            .unwrap();
        assert_eq!(d[..d.find('"').unwrap()].matches('M').count(), 1);
        assert_eq!(circles(&svg).len(), 5);
    }

    #[test]
    fn names_and_urls_are_escaped() {
        let points = [MapPoint {
            name: r#"<Saint "Jean" & 'Co'>"#,
            url: "/c/?a=1&b=\"2\"",
            lat: 10.0,
            lon: 10.0,
            emphasis: true,
        }];
        let options = MapOptions {
            id: "x y",
            title: "A < B",
            description: "C & D",
            fit: true,
            land: "",
        };
        let svg = world_map(&points, &[], &options);
        assert!(
            svg.contains(r#"<title>&lt;Saint &quot;Jean&quot; &amp; &#39;Co&#39;&gt;</title>"#)
        );
        assert!(svg.contains(r#"href="/c/?a=1&amp;b=&quot;2&quot;""#));
        assert!(svg.contains(
            r#"<title id="x-y-title">A &lt; B</title><desc id="x-y-desc">C &amp; D</desc>"#
        ));
        assert!(svg.contains(r#"aria-describedby="x-y-desc""#));
        assert!(svg.contains(r#"class="map-label""#));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn poles_and_the_antimeridian_are_drawn() {
        let points = [
            city("North", 90.0, 180.0),
            city("South", -90.0, -180.0),
            city("Far", 10.0, 540.0),
        ];
        let links = [MapLink { from: 0, to: 1 }, MapLink { from: 1, to: 2 }];
        for fit in [false, true] {
            let svg = world_map(
                &points,
                &links,
                &MapOptions {
                    fit,
                    ..MapOptions::default()
                },
            );
            let (w, h) = view_box(&svg);
            for (x, y) in circles(&svg) {
                assert!(
                    (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
                    "{x},{y} in {w}x{h}"
                );
            }
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
    }

    #[test]
    fn ids_are_derived_when_not_given() {
        let (points, links) = sample();
        let options = MapOptions {
            description: "d",
            ..MapOptions::default()
        };
        let a = world_map(&points, &links, &options);
        let b = world_map(&points[..2], &links, &options);
        let id = |s: &str| {
            s.split(r#"aria-labelledby=""#)
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        assert!(id(&a).starts_with("map-") && id(&a).ends_with("-title"));
        assert_ne!(id(&a), id(&b));
        assert!(a.contains(&format!(r#"<title id="{}">Map</title>"#, id(&a))));
        // The group role when there are links inside; a title even when none was given.
        assert!(a.contains(r#"role="group""#));
        // Without a description, no ids at all: the <title> child names the map.
        let c = world_map(&points, &links, &MapOptions::default());
        assert!(
            !c.contains(" id=")
                && !c.contains("aria-labelledby")
                && c.contains("><title>Map</title>")
        );
    }

    #[test]
    fn a_world_view_can_use_the_shared_land() {
        let (points, links) = sample();
        let options = MapOptions {
            land: "/static/world-land.svg",
            ..MapOptions::default()
        };
        let svg = world_map(&points, &links, &options);
        assert!(svg.contains(r#"<use class="map-land" href="/static/world-land.svg#land"/>"#));
        assert!(!svg.contains("<path class=\"map-land\""));
        assert!(svg.len() < 2_000, "{} bytes", svg.len());
        // The shared file is the inline land of the same view, in a file of its own.
        let inline = world_map(&points, &links, &MapOptions::default());
        let land = world_land();
        let d = |s: &str| {
            s.split(" d=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(d(&land), d(&inline));
        assert!(land.contains(r#"<path id="land""#) && !land.contains("fill="));
        assert_eq!(view_box(&land), view_box(&svg));
        // A view widened to the pole moves the shared land down; a fitted one draws inline.
        let north = world_map(&[city("Pole", 90.0, 0.0)], &[], &options);
        assert!(north.contains(r#"#land" y=""#), "{north:.300}");
        let fitted = world_map(
            &[city("Lyon", 45.76, 4.84), city("Geneva", 46.2, 6.14)],
            &[],
            &MapOptions {
                fit: true,
                ..options
            },
        );
        assert!(fitted.contains("map--fit") && fitted.contains("<path class=\"map-land\""));
        assert!(!fitted.contains("<use"));
    }

    #[test]
    fn a_wide_fitted_view_with_shared_land_becomes_the_world() {
        // Lisbon to Tokyo: a fitted view of most of Eurasia, in more detail than the world.
        let points = [city("Lisbon", 38.72, -9.14), city("Tokyo", 35.68, 139.69)];
        let inline = MapOptions {
            fit: true,
            ..MapOptions::default()
        };
        let wide = world_map(&points, &[], &inline);
        assert!(
            wide.contains("map--fit") && wide.len() > FITTED_LAND_BUDGET,
            "{}",
            wide.len()
        );
        let shared = world_map(
            &points,
            &[],
            &MapOptions {
                land: "/w.svg",
                ..inline
            },
        );
        assert!(shared.contains("map--world") && shared.contains(r#"href="/w.svg#land""#));
        assert!(shared.len() < 1_000, "{}", shared.len());
        // A narrow one stays fitted, its land inline.
        let near = [city("Lisbon", 38.72, -9.14), city("Porto", 41.15, -8.61)];
        let svg = world_map(
            &near,
            &[],
            &MapOptions {
                land: "/w.svg",
                ..inline
            },
        );
        assert!(
            svg.contains("map--fit") && !svg.contains("<use"),
            "{svg:.200}"
        );
    }

    #[test]
    fn wrap_keeps_longitudes_in_range() {
        assert_eq!(wrap(180.0), -180.0);
        assert_eq!(wrap(-180.0), -180.0);
        assert_eq!(wrap(190.0), -170.0);
        assert_eq!(wrap(-190.0), 170.0);
        assert_eq!(wrap(720.5), 0.5);
    }
}
