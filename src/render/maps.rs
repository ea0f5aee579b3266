//! The partnership maps of the home, city and area pages: the directory graph → the
//! points and lines that [`crate::svg::world_map`] draws, and the counts their captions
//! give.
//!
//! Input: the directory, a city or an area, the theme's words (for the map's accessible
//! name). Output: a [`MapView`], or `None` when there is nothing to draw.
//!
//! Invariants: the work and the bytes stay linear in the content. A city map draws that
//! city and its partners only; the home and area maps draw at most [`MAP_LINES`]
//! partnerships among at most [`MAP_CITIES`] cities, those of the best connected cities,
//! and say so in their caption. Maps refer to two shared land drawings,
//! [`WORLD_LAND_FILE`] and [`DETAILED_LAND_FILE`], rather than repeat the land on every
//! page. Cities without a location are left
//! off the map (they stay in the lists beside it).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::OutputFile;
use super::view::Views;
use crate::content::model::Collection;
use crate::graph::{AreaIx, CityIx, Directory, sort_key};
use crate::svg::{MapLink, MapOptions, MapPoint, SharedLand, detailed_land, world_land, world_map};

/// At most this many cities on the home and area maps.
pub const MAP_CITIES: usize = 60;
/// At most this many lines on the home and area maps.
pub const MAP_LINES: usize = 150;
/// The shared land drawings, under the output folder: of world views, and of fitted
/// views (the world in degrees, which each fitted map scales to its region).
pub const WORLD_LAND_FILE: &str = "static/world-land.svg";
pub const DETAILED_LAND_FILE: &str = "static/land-degrees.svg";

/// A drawn map and what it shows, for its caption.
#[derive(Serialize)]
pub struct MapView {
    /// The `<svg>` element: print it with `| safe`.
    pub svg: String,
    /// Cities and lines drawn.
    pub cities: usize,
    pub lines: usize,
    /// Cities with a location and the partnerships between them, drawn or not.
    pub total_cities: usize,
    pub total_lines: usize,
    /// Some cities or lines were left out by the caps.
    pub capped: bool,
}

/// The shared land drawings, written once per build.
pub fn land_files() -> [OutputFile; 2] {
    [
        (WORLD_LAND_FILE, world_land()),
        (DETAILED_LAND_FILE, detailed_land()),
    ]
    .map(|(path, svg)| OutputFile {
        path: path.to_owned(),
        bytes: svg.into_bytes(),
    })
}

/// The city and its partners, the city emphasised; `None` unless the city and at least
/// one partner have a location.
pub fn city_map(views: &Views, ix: CityIx) -> Option<MapView> {
    let d = views.d;
    let city = d.city(ix);
    city.location?;
    let partners: Vec<CityIx> = d.city_links[ix.index()]
        .partners
        .iter()
        .map(|p| p.city)
        .filter(|&p| d.city(p).location.is_some())
        .collect();
    if partners.is_empty() {
        return None;
    }
    // The city last, so that its marker and label are drawn over its neighbours'.
    let cities: Vec<CityIx> = partners.into_iter().chain([ix]).collect();
    let last = cities.len() - 1;
    let links: Vec<MapLink> = (0..last).map(|from| MapLink { from, to: last }).collect();
    let title = word(views.words, "map_city_title").replace("{name}", views.city_name(ix));
    let drawn = Drawn {
        degrees: vec![1; cities.len()],
        total_cities: cities.len(),
        total_lines: links.len(),
        cities,
        links,
    };
    Some(draw(views, &drawn, &title, Some(ix)))
}

/// The most connected cities of the whole directory and the partnerships between them.
pub fn home_map(views: &Views) -> Option<MapView> {
    let drawn = network(views.d, all_pairs(views.d));
    let title = word(views.words, "map_network_title");
    (!drawn.cities.is_empty()).then(|| draw(views, &drawn, &title, None))
}

/// The partnerships of the area's agreements.
pub fn area_map(views: &Views, ix: AreaIx) -> Option<MapView> {
    let d = views.d;
    let area = d.area(ix);
    let mut pairs = BTreeSet::new();
    for &a in &area.agreements {
        add_pairs(d, &mut pairs, &d.agreement_links[a.index()].parties);
    }
    let drawn = network(d, pairs);
    let title = word(views.words, "map_area_title").replace("{name}", views.area_name(ix));
    (!drawn.cities.is_empty()).then(|| draw(views, &drawn, &title, None))
}

/// The most connected cities of the directory with their number of partners (with a
/// location), most first: the cities of the home map, which the statistics page lists as
/// its text alternative.
pub fn most_connected(d: &Directory) -> Vec<(CityIx, usize)> {
    let drawn = network(d, all_pairs(d));
    drawn.cities.into_iter().zip(drawn.degrees).collect()
}

/// What a map draws: cities (in drawing and tab order) and lines between them.
struct Drawn {
    cities: Vec<CityIx>,
    /// Parallel to `cities`: how many of the pairs each one is in.
    degrees: Vec<usize>,
    links: Vec<MapLink>,
    total_cities: usize,
    total_lines: usize,
}

/// Every partnership of the directory as a pair of cities, the smaller index first.
fn all_pairs(d: &Directory) -> BTreeSet<(CityIx, CityIx)> {
    let mut pairs = BTreeSet::new();
    for links in d.agreement_links.iter() {
        add_pairs(d, &mut pairs, &links.parties);
    }
    pairs
}

/// The partnerships among an agreement's parties: with `home:`, between one of ours and
/// one abroad only (co-signatories on one side are not partners).
fn add_pairs(d: &Directory, pairs: &mut BTreeSet<(CityIx, CityIx)>, parties: &[CityIx]) {
    for (i, &a) in parties.iter().enumerate() {
        for &b in &parties[i + 1..] {
            if a != b && d.side.partners(a, b) {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
}

/// The partnerships among `pairs` between cities with a location that a capped map
/// draws: those of the best connected cities first, as long as they bring the map to no
/// more than [`MAP_CITIES`] cities and [`MAP_LINES`] lines. Choosing lines rather than
/// cities keeps the map a network: the 60 cities with most partners may have few ties with
/// one another, while each hub's partners abroad show where the directory reaches.
fn network(d: &Directory, pairs: BTreeSet<(CityIx, CityIx)>) -> Drawn {
    let located = |c: CityIx| d.city(c).location.is_some();
    let pairs: Vec<(CityIx, CityIx)> = pairs
        .into_iter()
        .filter(|&(a, b)| located(a) && located(b))
        .collect();
    let mut degree: BTreeMap<CityIx, usize> = BTreeMap::new();
    for &(a, b) in &pairs {
        *degree.entry(a).or_default() += 1;
        *degree.entry(b).or_default() += 1;
    }
    let lines = chosen_lines(&pairs, &degree);
    let mut cities: Vec<(CityIx, usize, String)> = lines
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|c| (c, degree[&c], sort_key(&d.city(c).name)))
        .collect();
    // Most partners first: the order of the markers, and of the keyboard through them.
    cities.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
    });
    let position: BTreeMap<CityIx, usize> =
        cities.iter().enumerate().map(|(i, c)| (c.0, i)).collect();
    Drawn {
        links: lines
            .iter()
            .map(|(a, b)| MapLink {
                from: position[a],
                to: position[b],
            })
            .collect(),
        degrees: cities.iter().map(|c| c.1).collect(),
        cities: cities.into_iter().map(|c| c.0).collect(),
        total_cities: degree.len(),
        total_lines: pairs.len(),
    }
}

/// The lines to draw, hub by hub: pairs ranked by their better connected end (its
/// partners together), then by the other end's partners.
fn chosen_lines(
    pairs: &[(CityIx, CityIx)],
    degree: &BTreeMap<CityIx, usize>,
) -> Vec<(CityIx, CityIx)> {
    let rank = |&(a, b): &(CityIx, CityIx)| {
        let (hub, other) =
            if (degree[&a], std::cmp::Reverse(a)) >= (degree[&b], std::cmp::Reverse(b)) {
                (a, b)
            } else {
                (b, a)
            };
        let (h, o) = (degree[&hub], degree[&other]);
        (std::cmp::Reverse(h), hub, std::cmp::Reverse(o), other)
    };
    let mut ranked = pairs.to_vec();
    ranked.sort_by_cached_key(rank);
    let mut cities: BTreeSet<CityIx> = BTreeSet::new();
    let mut lines = Vec::new();
    for (a, b) in ranked {
        if lines.len() == MAP_LINES {
            break;
        }
        let new = usize::from(!cities.contains(&a)) + usize::from(!cities.contains(&b));
        if cities.len() + new <= MAP_CITIES {
            cities.extend([a, b]);
            lines.push((a, b));
        }
    }
    lines
}

/// Every map fits its cities: a region when they lie in one, the world (with a detail
/// panel where they crowd) when they spread over it.
fn draw(views: &Views, drawn: &Drawn, title: &str, emphasis: Option<CityIx>) -> MapView {
    let (d, urls) = (views.d, views.urls());
    let addresses: Vec<String> = drawn
        .cities
        .iter()
        .map(|&c| urls.entry(Collection::Cities, d.city(c).meta.id.as_str()))
        .collect();
    let points: Vec<MapPoint> = drawn
        .cities
        .iter()
        .zip(&addresses)
        .filter_map(|(&c, url)| {
            let city = d.city(c);
            let at = city.location?;
            // The city a page is about is not a link to the page itself.
            let url = if emphasis == Some(c) {
                ""
            } else {
                url.as_str()
            };
            Some(MapPoint {
                name: views.city_name(c),
                url,
                lat: at.lat,
                lon: at.lon,
                emphasis: emphasis == Some(c),
                ours: d.side.is_ours(c),
            })
        })
        .collect();
    let (world, detailed) = (urls.path(WORLD_LAND_FILE), urls.path(DETAILED_LAND_FILE));
    let options = MapOptions {
        title,
        fit: true,
        land: SharedLand {
            world: &world,
            detailed: &detailed,
        },
        ..MapOptions::default()
    };
    MapView {
        svg: world_map(&points, &drawn.links, &options),
        cities: drawn.cities.len(),
        lines: drawn.links.len(),
        total_cities: drawn.total_cities,
        total_lines: drawn.total_lines,
        capped: drawn.cities.len() < drawn.total_cities || drawn.links.len() < drawn.total_lines,
    }
}

fn word(words: &BTreeMap<String, String>, key: &str) -> String {
    words.get(key).cloned().unwrap_or_else(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn degrees(pairs: &[(CityIx, CityIx)]) -> BTreeMap<CityIx, usize> {
        let mut degree = BTreeMap::new();
        for &(a, b) in pairs {
            *degree.entry(a).or_default() += 1;
            *degree.entry(b).or_default() += 1;
        }
        degree
    }

    #[test]
    fn lines_come_hub_by_hub_within_the_caps() {
        let c = CityIx;
        // Hub 0 with 100 partners (1..=100), hub 200 with 3 (201..=203), one lone pair.
        let mut pairs: Vec<(CityIx, CityIx)> = (1..=100).map(|i| (c(0), c(i))).collect();
        pairs.extend((201..=203).map(|i| (c(200), c(i))));
        pairs.push((c(300), c(301)));
        let lines = chosen_lines(&pairs, &degrees(&pairs));
        // The big hub fills the map: itself and 59 partners, the smallest ids first.
        assert_eq!(lines.len(), MAP_CITIES - 1);
        assert!(lines.iter().all(|&(a, _)| a == c(0)));
        assert_eq!(lines.last(), Some(&(c(0), c(59))));

        // With room left, the smaller hub comes whole before the lone pair.
        let small: Vec<_> = pairs[95..].to_vec();
        let lines = chosen_lines(&small, &degrees(&small));
        let order: Vec<u32> = lines.iter().map(|&(a, b)| a.0.max(b.0)).collect();
        assert_eq!(order, [96, 97, 98, 99, 100, 201, 202, 203, 301]);
    }

    #[test]
    fn lines_stop_at_their_cap() {
        // A complete graph of 30 cities: 435 partnerships, at most 150 drawn.
        let pairs: Vec<(CityIx, CityIx)> = (0..30)
            .flat_map(|a| (a + 1..30).map(move |b| (CityIx(a), CityIx(b))))
            .collect();
        let lines = chosen_lines(&pairs, &degrees(&pairs));
        assert_eq!(lines.len(), MAP_LINES);
    }
}
