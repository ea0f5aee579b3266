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
//!   points on both sides of the antimeridian sit together. Such a view is an affine map of
//!   longitude and latitude, so its land is the whole world in degrees ([`detailed_land`])
//!   under one `transform`, cut by the viewBox; a second copy, a turn east or west, shows
//!   what lies across the antimeridian.
//!
//! With shared land drawings ([`SharedLand`], the addresses of [`world_land`]'s and
//! [`detailed_land`]'s files), a map refers to its land with `<use class="map-land">`
//! instead of drawing it (35 KB for the world, 60 KB for a fitted view): every map then
//! takes some 300 bytes plus 350 a city.
//!
//! When most points crowd in one place and others lie far away (a city's neighbours and
//! its partners on other continents), a detail panel under the main view enlarges the crowd
//! (a nested `<svg class="map-detail">`; the main view outlines its region with
//! `path.map-zoom` and shows its cities as `circle.map-dot`).
//!
//! Layers of each panel, in order: a hidden group with the land (`path.map-land`, even-odd,
//! or the `<use>`) and the links (`path.map-link`), then one `<a class="map-city" href>` per
//! point, named by its `<title>`, holding an invisible `circle.map-hit` (the 24 px target),
//! `circle.map-ring` (shown on focus) and `circle.map-marker`; emphasised points get
//! `map-city--emphasis`. Then the labels, in two hidden groups `g.map-labels--wide` and
//! `g.map-labels--narrow`, each placed for its size without overlaps
//! ([`super::labels`]); the theme shows the one that is legible at the map's width. Points
//! are drawn in the caller's order, which is also the tab order, and labelled in it (the
//! emphasised point first) while there is room.
//!
//! With points the root is `role="group"` (an `img` may not contain links); without, a map
//! of land only, it is `role="img"`. The first child, `<title>`, names it; with a
//! description, `aria-labelledby` and `aria-describedby` point at `<title>` and `<desc>`
//! (ids `{id}-title`, `{id}-desc`).

use super::labels::{self, Marker, Rect, Wanted};
use super::simplify::simplify;
use super::{Fnv, clean_id, decimals, num, push_num, push_path_num, tenths, world};
use crate::xml::{escape, push_escaped};
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
    /// One of the directory's own cities (`home:`), not a partner abroad: its marker
    /// has the class `map-city--ours`.
    pub ours: bool,
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
    /// Where the shared land drawings are; without them the land is drawn inline.
    pub land: SharedLand<'a>,
}

/// Addresses of the shared land drawings, each the output of a function of this module
/// written to a file; empty draws that view's land inline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SharedLand<'a> {
    /// [`world_land`]: the land of world views.
    pub world: &'a str,
    /// [`detailed_land`]: the land of fitted views.
    pub detailed: &'a str,
}

/// Width of every map's viewBox, in user units.
const WIDTH: f64 = 1000.0;
/// Space around the world view, so that a focus ring around a marker on its edge (the
/// ring's radius, doubled on phones) is not cut.
const MARGIN: f64 = 32.0;
/// Marker radii, in user units; the theme doubles them on phones ([`PHONE_SCALE`]).
const RADIUS: f64 = 6.0;
const RADIUS_EMPHASIS: f64 = 9.0;
/// The focus ring around a marker, shown by CSS on keyboard focus.
const RING_RADIUS: f64 = 12.0;
/// The invisible circle that takes a marker's clicks and taps: 40 units are 24 px
/// (WCAG 2.5.8) on a map 600 px wide; the theme scales it by [`PHONE_SCALE`] on phones,
/// where a map is 288 px wide or more.
const HIT_RADIUS: f64 = 20.0;
/// How much the theme enlarges markers on phones (`@media (max-width: 40rem)`).
const PHONE_SCALE: f64 = 2.1;
/// Label sizes in user units: 20 is 12 px or more on a map 600 px wide or wider, 42 on
/// one 288 px wide (a 320 px phone). Each size has its own placement; CSS shows one.
const LABEL_SIZES: [(&str, f64, f64); 2] = [("wide", 20.0, 1.0), ("narrow", 42.0, PHONE_SCALE)];
/// Points closer than this in the main view (user units) crowd each other; a crowd of at
/// least [`DETAIL_MIN_CITIES`] that a detail view shows [`DETAIL_MIN_ZOOM`] times larger
/// gets a detail panel under the main one.
const CROWDED: f64 = 45.0;
const DETAIL_MIN_CITIES: usize = 3;
const DETAIL_MIN_ZOOM: f64 = 3.0;
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
    let view = View::new(&located, options.fit);
    let detail = detail_view(&view, &located);
    let height = view.height + detail.as_ref().map_or(0.0, |d| d.view.height);

    let mut out = String::with_capacity(1024);
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
        num(height)
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
    out.push('>');
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

    // The main view; the cities of the detail panel are dots here, links there.
    let in_detail = |i: usize| detail.as_ref().is_some_and(|d| d.shows[i]);
    out.push_str(r#"<g aria-hidden="true">"#);
    push_land(&mut out, &view, &options.land);
    push_links(&mut out, &view, &located, links);
    if let Some(detail) = &detail {
        push_zoom_box(&mut out, &view, &detail.view);
        for (i, at) in located.iter().enumerate() {
            if let (true, Some((lon, lat))) = (in_detail(i), *at) {
                let (x, y) = view.xy(lon, lat);
                out.push_str(r#"<circle class="map-marker map-dot""#);
                push_attribute(&mut out, "cx", x);
                push_attribute(&mut out, "cy", y);
                push_attribute(&mut out, "r", radius(&points[i]));
                out.push_str("/>");
            }
        }
    }
    out.push_str("</g>");
    push_cities(&mut out, &view, points, &located, |i| !in_detail(i));

    if let Some(detail) = &detail {
        let h = num(detail.view.height);
        let _ = write!(
            out,
            r#"<svg class="map-detail" y="{}" width="{WIDTH}" height="{h}" viewBox="0 0 {WIDTH} {h}"><g aria-hidden="true"><rect class="map-sea" width="{WIDTH}" height="{h}"/>"#,
            num(view.height),
        );
        push_land(&mut out, &detail.view, &options.land);
        push_links(&mut out, &detail.view, &located, links);
        let _ = write!(
            out,
            r#"<path class="map-frame" vector-effect="non-scaling-stroke" d="M0 0H{WIDTH}"/></g>"#
        );
        push_cities(&mut out, &detail.view, points, &located, |i| {
            detail.shows[i]
        });
        out.push_str("</svg>");
    }
    out.push_str("</svg>");
    out
}

/// Appends the partnership curves of `view`.
fn push_links(out: &mut String, view: &View, located: &[Option<(f64, f64)>], links: &[MapLink]) {
    let curves = links_path(view, located, links);
    if !curves.is_empty() {
        let _ = write!(
            out,
            r#"<path class="map-link" fill="none" vector-effect="non-scaling-stroke" d="{curves}"/>"#
        );
    }
}

/// Appends the cities that `shown` picks as links in `view`, then their labels: one set
/// placed for each of [`LABEL_SIZES`], of which the theme's CSS shows one. Every located
/// point is an obstacle to the labels.
fn push_cities(
    out: &mut String,
    view: &View,
    points: &[MapPoint],
    located: &[Option<(f64, f64)>],
    shown: impl Fn(usize) -> bool,
) {
    let at: Vec<(usize, (f64, f64))> = located
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|(lon, lat)| (i, view.xy(lon, lat))))
        .collect();
    for &(i, xy) in &at {
        if shown(i) {
            push_city(out, &points[i], xy);
        }
    }
    // The city a page is about first, then the caller's order (most important first).
    let mut wanted: Vec<Wanted> = at
        .iter()
        .enumerate()
        .filter(|&(_, &(i, _))| shown(i) && !points[i].name.is_empty())
        .map(|(marker, &(i, _))| Wanted {
            text: points[i].name,
            marker,
        })
        .collect();
    wanted.sort_by_key(|w| !points[at[w.marker].0].emphasis);
    if wanted.is_empty() {
        return;
    }
    let bounds = Rect {
        x0: 2.0,
        y0: 2.0,
        x1: WIDTH - 2.0,
        y1: view.height - 2.0,
    };
    for (size, font, scale) in LABEL_SIZES {
        let markers: Vec<Marker> = at
            .iter()
            .map(|&(i, (x, y))| Marker {
                x,
                y,
                r: radius(&points[i]) * scale + 1.0,
            })
            .collect();
        let placed = labels::place(&markers, &wanted, font, bounds);
        // Left to right whatever the page's direction: the anchors were placed so (an
        // Arabic name still reads right to left within its box).
        let _ = write!(
            out,
            r#"<g class="map-labels map-labels--{size}" font-size="{font}" direction="ltr" aria-hidden="true">"#
        );
        let mut leaders = String::new();
        for p in placed.iter().flatten() {
            if let Some([x0, y0, x1, y1]) = p.leader {
                leaders.push('M');
                push_path_num(&mut leaders, tenths(x0));
                push_path_num(&mut leaders, tenths(y0));
                leaders.push('L');
                push_path_num(&mut leaders, tenths(x1));
                push_path_num(&mut leaders, tenths(y1));
            }
        }
        if !leaders.is_empty() {
            let _ = write!(
                out,
                r#"<path class="map-leader" vector-effect="non-scaling-stroke" d="{leaders}"/>"#
            );
        }
        for (w, p) in wanted.iter().zip(&placed) {
            let Some(p) = p else { continue };
            let point = &points[at[w.marker].0];
            out.push_str(if point.emphasis {
                r#"<text class="map-label map-label--emphasis""#
            } else {
                r#"<text class="map-label""#
            });
            push_attribute(out, "x", p.x);
            push_attribute(out, "y", p.y);
            out.push_str(p.anchor.attribute());
            out.push('>');
            push_escaped(out, point.name);
            out.push_str("</text>");
        }
        out.push_str("</g>");
    }
}

/// The radius of a point's marker.
fn radius(point: &MapPoint) -> f64 {
    if point.emphasis {
        RADIUS_EMPHASIS
    } else {
        RADIUS
    }
}

/// A zoomed view of the main view's largest crowd, and which points it shows.
struct Detail {
    view: View,
    /// Parallel to the points: drawn (as links) in the detail panel rather than the main.
    shows: Vec<bool>,
}

/// The detail panel of a map whose points crowd together in one place while others lie
/// far away (a city's neighbours and its partners on other continents), or `None`.
///
/// The crowd is the largest group of points linked by steps shorter than [`CROWDED`] in
/// the main view (the first such group on a tie); it needs [`DETAIL_MIN_CITIES`] points,
/// a point outside it, and a fitted view that spreads it [`DETAIL_MIN_ZOOM`] times wider.
/// The panel then shows every point inside its margins.
fn detail_view(main: &View, located: &[Option<(f64, f64)>]) -> Option<Detail> {
    let at: Vec<(usize, (f64, f64))> = located
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|(lon, lat)| (i, main.xy(lon, lat))))
        .collect();
    let near = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1) < CROWDED;
    // Groups by a flood fill over the points, in order.
    let mut group = vec![usize::MAX; at.len()];
    let mut best: Vec<usize> = Vec::new();
    for start in 0..at.len() {
        if group[start] != usize::MAX {
            continue;
        }
        group[start] = start;
        let mut members = vec![start];
        let mut next = 0;
        while next < members.len() {
            let m = members[next];
            next += 1;
            for (j, g) in group.iter_mut().enumerate() {
                if *g == usize::MAX && near(at[m].1, at[j].1) {
                    *g = start;
                    members.push(j);
                }
            }
        }
        if members.len() > best.len() {
            best = members;
        }
    }
    if best.len() < DETAIL_MIN_CITIES || best.len() == at.len() {
        return None;
    }
    let crowd: Vec<(f64, f64)> = best.iter().filter_map(|&m| located[at[m].0]).collect();
    let view = View::fitted(&crowd)?;
    // How much wider the detail shows the crowd: its widest pair in both views.
    let (mut main_span, mut detail_span) = (0.0_f64, 0.0_f64);
    for (k, a) in crowd.iter().enumerate() {
        for b in &crowd[k + 1..] {
            let (pa, pb) = (main.xy(a.0, a.1), main.xy(b.0, b.1));
            let (da, db) = (view.xy(a.0, a.1), view.xy(b.0, b.1));
            main_span = main_span.max((pa.0 - pb.0).hypot(pa.1 - pb.1));
            detail_span = detail_span.max((da.0 - db.0).hypot(da.1 - db.1));
        }
    }
    if detail_span < DETAIL_MIN_ZOOM * main_span {
        return None;
    }
    let shows = located
        .iter()
        .map(|p| {
            p.is_some_and(|(lon, lat)| {
                let (x, y) = view.xy(lon, lat);
                (MARGIN..=WIDTH - MARGIN).contains(&x)
                    && (MARGIN..=view.height - MARGIN).contains(&y)
            })
        })
        .collect();
    Some(Detail { view, shows })
}

/// Appends the outline, in the main view, of the region the detail panel shows: the box
/// around its edges as projected (curved in the world view).
fn push_zoom_box(out: &mut String, main: &View, detail: &View) {
    let (west, east) = (detail.west, detail.east);
    let (north, south) = (detail.top, detail.top - detail.height / detail.scale);
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for k in 0..=8 {
        let t = f64::from(k) / 8.0;
        let lon = west + (east - west) * t;
        let lat = south + (north - south) * t;
        for (lon, lat) in [(lon, north), (lon, south), (west, lat), (east, lat)] {
            let (x, y) = main.xy(wrap(lon), lat);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
    }
    let mut d = String::from("M");
    push_path_num(&mut d, tenths(x0));
    push_path_num(&mut d, tenths(y0));
    d.push('H');
    push_path_num(&mut d, tenths(x1));
    d.push('V');
    push_path_num(&mut d, tenths(y1));
    d.push('H');
    push_path_num(&mut d, tenths(x0));
    d.push('z');
    let _ = write!(
        out,
        r#"<path class="map-zoom" fill="none" vector-effect="non-scaling-stroke" d="{d}"/>"#
    );
}

/// Appends the land of `view`: a `<use>` of the shared drawing, or the drawing inline.
fn push_land(out: &mut String, view: &View, land: &SharedLand) {
    if view.fitted {
        let inline = land.detailed.is_empty().then(detailed_land_path);
        for shift in view.turns() {
            let transform = format!(r#" transform="{}""#, view.degrees_transform(shift));
            match &inline {
                Some(d) => push_land_path(out, &transform, d),
                None => {
                    let _ = write!(
                        out,
                        r#"<use class="map-land" href="{}#land"{transform}/>"#,
                        escape(land.detailed)
                    );
                }
            }
        }
    } else if land.world.is_empty() {
        push_land_path(out, "", &world_land_path(view));
    } else {
        // The shared drawing is in the plain world view's frame; a view widened to the
        // north moves it down.
        let shift = (view.top - View::world(&[]).top) * view.scale;
        let _ = write!(
            out,
            r#"<use class="map-land" href="{}#land""#,
            escape(land.world)
        );
        if tenths(shift) != 0 {
            let _ = write!(out, r#" y="{}""#, num(shift));
        }
        out.push_str("/>");
    }
}

/// Appends land drawn inline, with `attributes` (each after a space) before its data.
fn push_land_path(out: &mut String, attributes: &str, d: &str) {
    let _ = write!(
        out,
        r#"<path class="map-land" fill-rule="evenodd" vector-effect="non-scaling-stroke"{attributes} d="{d}"/>"#
    );
}

/// The land of the plain world view (no points beyond 84° N or 57° S) as a standalone SVG
/// file whose path has the id `land`, for [`SharedLand::world`]. It carries no colours: a
/// `<use>` passes the page's fill and stroke down to it, so CSS and dark mode still apply.
pub fn world_land() -> String {
    let view = View::world(&[]);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {}"><path id="land" fill-rule="evenodd" vector-effect="non-scaling-stroke" d="{}"/></svg>
"#,
        num(view.height),
        world_land_path(&view)
    )
}

/// The land of the whole world at full detail, in hundredths of a degree (x east,
/// y south: the plate carrée), as a standalone SVG file whose path has the id `land`, for
/// [`SharedLand::detailed`]: fitted views scale it to their region. No colours, as
/// [`world_land`].
pub fn detailed_land() -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-18000 -9000 36000 18000"><path id="land" fill-rule="evenodd" vector-effect="non-scaling-stroke" d="{}"/></svg>
"#,
        detailed_land_path()
    )
}

/// A stable id for the map from everything that is drawn.
fn input_hash(points: &[MapPoint], links: &[MapLink], options: &MapOptions) -> String {
    let mut h = Fnv::new();
    h.str(options.title);
    h.str(options.description);
    h.str(options.land.world);
    h.str(options.land.detailed);
    h.u64(u64::from(options.fit));
    for p in points {
        h.str(p.name);
        h.str(p.url);
        h.u64(p.lat.to_bits());
        h.u64(p.lon.to_bits());
        h.u64(u64::from(p.emphasis));
        h.u64(u64::from(p.ours));
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
    /// Fitted only: the longitudes seen, unwrapped (`west` may be under -180, `east` over
    /// 180).
    west: f64,
    east: f64,
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

    /// Fitted only: the whole turns (-360, 0, 360) the world must be shifted by, in
    /// degrees of longitude, for each part of the view to show land. A view is narrower
    /// than a turn, so it needs one or two.
    fn turns(&self) -> impl Iterator<Item = f64> + '_ {
        [-360.0, 0.0, 360.0]
            .into_iter()
            .filter(|shift| self.west < 180.0 + shift && self.east > -180.0 + shift)
    }

    /// Fitted only: the SVG transform from [`detailed_land`]'s units, shifted by `shift`
    /// degrees of longitude, to the view's: [`View::xy_raw`] as a matrix. Six decimals keep
    /// it within a fiftieth of a unit across the whole world.
    fn degrees_transform(&self, shift: f64) -> String {
        let (x_scale, y_scale) = (
            self.cos * self.scale / DEGREE_UNITS,
            self.scale / DEGREE_UNITS,
        );
        let (dx, dy) = self.xy_raw(shift, 0.0);
        format!(
            "matrix({} 0 0 {} {} {})",
            decimals(x_scale, 6),
            decimals(y_scale, 6),
            decimals(dx, 2),
            decimals(dy, 2)
        )
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

/// The land of the world view: each ring projected, then simplified in the map's units.
fn world_land_path(view: &View) -> String {
    let mut d = String::with_capacity(48 * 1024);
    let mut at = Vec::new();
    for ring in world::rings() {
        let raw = ring.points.iter().map(|&(lon, lat)| view.xy_raw(lon, lat));
        to_tenths(raw, &mut at);
        simplify(&mut at, TOLERANCE);
        push_ring(&mut d, &at);
    }
    d
}

/// The path data of [`detailed_land`]: every point of every ring, in whole hundredths of
/// a degree (handed to [`push_ring`] as tenths, they are written without decimals).
fn detailed_land_path() -> String {
    let mut d = String::with_capacity(64 * 1024);
    let mut at = Vec::new();
    for ring in world::rings() {
        let hundredths = ring
            .points
            .iter()
            .map(|&(lon, lat)| ((lon * DEGREE_UNITS).round(), (-lat * DEGREE_UNITS).round()));
        to_tenths(hundredths, &mut at);
        push_ring(&mut d, &at);
    }
    d
}

/// User units of [`detailed_land`] in a degree: a hundredth of a degree is about a
/// kilometre, well under a pixel in the narrowest fitted view (18° wide), and finer than
/// the 1:110m outlines themselves.
const DEGREE_UNITS: f64 = 100.0;

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

/// Appends one city: a link (or, without a URL, a group) named by its title, holding its
/// marker, a focus ring that CSS shows on keyboard focus and, for a link, a larger
/// invisible circle that takes clicks and taps.
fn push_city(out: &mut String, point: &MapPoint, (x, y): (f64, f64)) {
    let class = match (point.emphasis, point.ours) {
        (true, true) => "map-city map-city--emphasis map-city--ours",
        (true, false) => "map-city map-city--emphasis",
        (false, true) => "map-city map-city--ours",
        (false, false) => "map-city",
    };
    let tag = if point.url.is_empty() { "g" } else { "a" };
    // Pushed piece by piece rather than by `write!`: a map has a city for each partner,
    // and formatting them was a quarter of drawing a city's map.
    for part in ["<", tag, r#" class=""#, class, "\""] {
        out.push_str(part);
    }
    if !point.url.is_empty() {
        out.push_str(r#" href=""#);
        push_escaped(out, point.url);
        out.push('"');
    }
    out.push_str("><title>");
    push_escaped(out, point.name);
    out.push_str("</title>");
    let mut circle = |class: &str, r: f64| {
        out.push_str(r#"<circle class=""#);
        out.push_str(class);
        out.push('"');
        push_attribute(out, "cx", x);
        push_attribute(out, "cy", y);
        push_attribute(out, "r", r);
        out.push_str("/>");
    };
    if !point.url.is_empty() {
        circle(r#"map-hit" opacity="0"#, HIT_RADIUS);
        circle(r#"map-ring" fill="none"#, RING_RADIUS);
    }
    circle("map-marker", radius(point));
    for part in ["</", tag, ">"] {
        out.push_str(part);
    }
}

/// Appends ` name="v"`, `v` as [`super::num`] writes it.
fn push_attribute(out: &mut String, name: &str, v: f64) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_num(out, v);
    out.push('"');
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
            ours: false,
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
    fn fitted_land_is_the_world_in_degrees_under_the_views_projection() {
        // Western Europe, and the Suva–Apia pair that sits across the antimeridian.
        let views = [
            (vec![(4.84, 45.76), (13.4, 52.52), (-3.7, 40.42)], vec![0.0]),
            (
                vec![(178.44, -18.14), (-171.76, -13.83), (174.76, -36.85)],
                vec![0.0, 360.0],
            ),
        ];
        for (located, turns) in views {
            let located: Vec<_> = located.into_iter().map(Some).collect();
            let view = View::new(&located, true);
            assert!(view.fitted);
            assert_eq!(view.turns().collect::<Vec<_>>(), turns);
            for shift in turns {
                let matrix = view.degrees_transform(shift);
                let m: Vec<f64> = matrix["matrix(".len()..matrix.len() - 1]
                    .split(' ')
                    .map(|v| v.parse().unwrap())
                    .collect();
                assert_eq!((m[1], m[2]), (0.0, 0.0), "{matrix}");
                for &(lon, lat) in world::rings().iter().flat_map(|r| r.points.iter()) {
                    let (x, y) = (lon * DEGREE_UNITS, -lat * DEGREE_UNITS);
                    let (want_x, want_y) = view.xy_raw(lon + shift, lat);
                    let (got_x, got_y) = (m[0] * x + m[4], m[3] * y + m[5]);
                    assert!(
                        (got_x - want_x).abs() < 0.05 && (got_y - want_y).abs() < 0.05,
                        "{lon},{lat}: {got_x},{got_y} for {want_x},{want_y} ({matrix})"
                    );
                }
            }
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
        svg.match_indices("<circle class=\"map-marker\" cx=\"")
            .map(|(i, _)| {
                let rest = &svg[i + 31..];
                let cx = &rest[..rest.find('"').unwrap()];
                let rest = &rest[rest.find("cy=\"").unwrap() + 4..];
                let cy = &rest[..rest.find('"').unwrap()];
                (cx.parse().unwrap(), cy.parse().unwrap())
            })
            .collect()
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
        assert!(svg.contains(r#"role="img"><title>World</title><g"#));
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
            ours: false,
        }];
        let options = MapOptions {
            id: "x y",
            title: "A < B",
            description: "C & D",
            fit: true,
            land: SharedLand::default(),
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
        assert!(svg.contains(r#"<text class="map-label map-label--emphasis""#));
        assert!(svg.contains(r#">&lt;Saint &quot;Jean&quot; &amp; &#39;Co&#39;&gt;</text>"#));
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

    const SHARED: SharedLand = SharedLand {
        world: "/static/world-land.svg",
        detailed: "/static/land-degrees.svg",
    };

    /// The path data of the first `<path>` with some.
    fn d(svg: &str) -> String {
        let rest = svg.split(" d=\"").nth(1).unwrap();
        rest[..rest.find('"').unwrap()].to_owned()
    }

    #[test]
    fn a_world_view_can_use_the_shared_land() {
        let (points, links) = sample();
        let options = MapOptions {
            land: SHARED,
            ..MapOptions::default()
        };
        let svg = world_map(&points, &links, &options);
        assert!(svg.contains(r#"<use class="map-land" href="/static/world-land.svg#land"/>"#));
        assert!(!svg.contains("<path class=\"map-land\""));
        assert!(svg.len() < 3_000, "{} bytes", svg.len());
        // The shared file is the inline land of the same view, in a file of its own.
        let inline = world_map(&points, &links, &MapOptions::default());
        let land = world_land();
        assert_eq!(d(&land), d(&inline));
        assert!(land.contains(r#"<path id="land""#) && !land.contains("fill="));
        assert_eq!(view_box(&land), view_box(&svg));
        // A view widened to the pole moves the shared land down.
        let north = world_map(&[city("Pole", 90.0, 0.0)], &[], &options);
        assert!(north.contains(r#"#land" y=""#), "{north:.300}");
    }

    #[test]
    fn a_fitted_view_can_use_the_detailed_land() {
        // Lyon and Geneva, and Lisbon to Tokyo: most of Eurasia, still fitted and small.
        let near = [city("Lyon", 45.76, 4.84), city("Geneva", 46.2, 6.14)];
        let wide = [city("Lisbon", 38.72, -9.14), city("Tokyo", 35.68, 139.69)];
        for points in [&near[..], &wide] {
            let options = MapOptions {
                fit: true,
                land: SHARED,
                ..MapOptions::default()
            };
            let svg = world_map(points, &[], &options);
            assert!(svg.contains("map--fit"), "{svg:.200}");
            assert!(svg.contains(
                r#"<use class="map-land" href="/static/land-degrees.svg#land" transform="matrix("#
            ));
            assert!(svg.len() < 1_500, "{} bytes", svg.len());
            // Inline, the same land under the same transform.
            let inline = world_map(
                points,
                &[],
                &MapOptions {
                    land: SharedLand::default(),
                    ..options
                },
            );
            let transform = |s: &str| s.split(" transform=\"").nth(1).unwrap()[..40].to_owned();
            assert_eq!(transform(&inline), transform(&svg));
            assert_eq!(d(&inline), d(&detailed_land()));
        }
        let land = detailed_land();
        assert!(land.contains(r#"<path id="land""#) && !land.contains("fill="));
        assert!(!d(&land).contains('.'), "whole hundredths of a degree");
        assert!(land.len() < 64 * 1024, "{} bytes", land.len());
    }

    fn dresden_and_partners() -> Vec<MapPoint<'static>> {
        vec![
            city("Columbus", 39.96, -83.0),
            city("Hangzhou", 30.27, 120.16),
            city("Coventry", 52.41, -1.51),
            city("Lyon", 45.76, 4.84),
            city("Florence", 43.77, 11.26),
            city("Wrocław", 51.11, 17.04),
            city("Ostrava", 49.82, 18.26),
            MapPoint {
                emphasis: true,
                url: "",
                ..city("Dresden", 51.05, 13.74)
            },
        ]
    }

    #[test]
    fn a_crowd_far_from_the_rest_gets_a_detail_panel() {
        let points = dresden_and_partners();
        let links: Vec<MapLink> = (0..7).map(|from| MapLink { from, to: 7 }).collect();
        let options = MapOptions {
            fit: true,
            ..MapOptions::default()
        };
        let svg = world_map(&points, &links, &options);
        let detail = svg
            .find(r#"<svg class="map-detail""#)
            .expect("a detail panel");
        let (main, detail) = svg.split_at(detail);
        // The far cities are links of the main view, the European ones of the panel, where
        // they are labelled; the main view shows them as dots.
        for name in ["Columbus", "Hangzhou"] {
            assert!(main.contains(&format!("<title>{name}</title>")), "{name}");
        }
        for name in ["Coventry", "Lyon", "Wrocław", "Ostrava", "Dresden"] {
            assert!(detail.contains(&format!("<title>{name}</title>")), "{name}");
            assert!(!main.contains(&format!("<title>{name}</title>")), "{name}");
        }
        assert_eq!(main.matches("map-dot").count(), 6);
        assert!(main.contains(r#"class="map-zoom""#));
        assert!(detail.contains(r#"map-label--emphasis""#) && detail.contains(">Dresden</text>"));
        // The panel enlarges the crowd: its markers lie far further apart than the dots.
        let spread = |s: &str| {
            let xs: Vec<f64> = circles(s).iter().map(|c| c.0).collect();
            xs.iter().fold(f64::MIN, |a, &b| a.max(b)) - xs.iter().fold(f64::MAX, |a, &b| a.min(b))
        };
        let dots: Vec<f64> = main
            .match_indices(r#"map-dot" cx=""#)
            .map(|(i, m)| {
                let rest = &main[i + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        let dot_spread = dots.iter().fold(f64::MIN, |a, &b| a.max(b))
            - dots.iter().fold(f64::MAX, |a, &b| a.min(b));
        assert!(
            spread(detail) > DETAIL_MIN_ZOOM * dot_spread,
            "{dot_spread}"
        );
        // Europe alone fits one view: no panel.
        let europe = world_map(&points[2..], &[], &options);
        assert!(!europe.contains("map-detail") && europe.contains("map--fit"));
    }

    #[test]
    fn fitted_extents_pad_the_points_and_keep_a_minimum_size() {
        // Two cities a few kilometres apart still show a region 18° wide, centred on them.
        let located = [Some((13.74, 51.05)), Some((13.93, 50.96))];
        let view = View::new(&located, true);
        assert!(view.fitted);
        let cos = 51.0_f64.to_radians().cos();
        assert!((view.east - view.west) * cos >= 18.0 - 1e-9);
        assert!(view.west < 13.74 && view.east > 13.93);
        // Every point stays clear of the edges by more than a phone's focus ring.
        for points in [
            &dresden_and_partners()[2..],
            &[city("Lisbon", 38.72, -9.14), city("Helsinki", 60.17, 24.94)][..],
        ] {
            let svg = world_map(
                points,
                &[],
                &MapOptions {
                    fit: true,
                    ..MapOptions::default()
                },
            );
            let (w, h) = view_box(&svg);
            assert!((1.6..=2.2).contains(&(w / h)), "{w}x{h}");
            for (x, y) in circles(&svg) {
                assert!(
                    x >= MARGIN && x <= w - MARGIN && y >= MARGIN && y <= h - MARGIN,
                    "{x},{y}"
                );
            }
        }
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
