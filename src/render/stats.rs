//! The statistics page: agreements signed per year, by engagement area and by country,
//! each as a bar chart drawn at build time ([`crate::svg::bar_chart`]) and as the table
//! that screen readers and text browsers read instead; and the most connected cities,
//! the text alternative of the home page's map.
//!
//! Input: the directory and the theme's words (the charts' titles). Output: a
//! [`StatisticsView`] for `statistics.html`. Invariants: one pass over the agreements and
//! the countries, so the page costs time linear in the content; the country chart draws at
//! most [`CHART_COUNTRIES`] bars while its table lists every country; years without an
//! agreement are bars of 0 in the chart and absent from the table.

use std::collections::BTreeMap;

use serde::Serialize;

use super::maps::most_connected;
use super::view::{CityRef, Views};
use crate::graph::{AreaIx, CountryIx, Directory};
use crate::svg::{Bar, bar_chart};

/// At most this many countries in the country chart.
pub const CHART_COUNTRIES: usize = 20;

#[derive(Serialize)]
pub struct StatisticsView<'a> {
    /// All agreements, and those without a known signing date (left out of `per_year`).
    pub agreements: usize,
    pub undated: usize,
    pub per_year: Chart,
    pub per_area: Chart,
    pub per_country: Chart,
    /// The cities of the home map, most partners first.
    pub most_connected: Vec<Connected<'a>>,
}

/// A chart and its data as table rows.
#[derive(Serialize)]
pub struct Chart {
    /// The `<svg>`, empty when there is no data: print it with `| safe`.
    pub svg: String,
    pub rows: Vec<Row>,
    /// How many rows the chart draws (the first ones).
    pub drawn: usize,
}

#[derive(Serialize)]
pub struct Row {
    pub label: String,
    /// The page of the area or country, if it has one.
    pub url: Option<String>,
    pub count: u64,
}

#[derive(Serialize)]
pub struct Connected<'a> {
    pub city: CityRef<'a>,
    pub partners: usize,
}

pub fn statistics<'a>(views: &Views<'a>) -> StatisticsView<'a> {
    let d = views.d;
    let word = |key: &str| (views.words.get(key).cloned()).unwrap_or_else(|| key.to_owned());
    StatisticsView {
        agreements: d.agreements.len(),
        undated: d.agreements.iter().filter(|a| a.signed.is_none()).count(),
        per_year: per_year(d, &word("stats_per_year")),
        per_area: per_area(views, &word("stats_per_area")),
        per_country: per_country(views, &word("stats_per_country")),
        most_connected: most_connected(d)
            .into_iter()
            .map(|(c, partners)| Connected {
                city: views.city_ref(c),
                partners,
            })
            .collect(),
    }
}

/// Years from the first to the last signing, gaps as bars of 0; the table has the years
/// with agreements.
fn per_year(d: &Directory, title: &str) -> Chart {
    let mut years: BTreeMap<u16, u64> = BTreeMap::new();
    for year in d
        .agreements
        .iter()
        .filter_map(|a| a.signed.map(|s| s.year()))
    {
        *years.entry(year).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (years.keys().next(), years.keys().next_back()) else {
        return Chart::empty();
    };
    let labels: Vec<String> = (first..=last).map(|y| y.to_string()).collect();
    let bars: Vec<Bar> = (first..=last)
        .zip(&labels)
        .map(|(y, label)| Bar {
            label,
            value: years.get(&y).copied().unwrap_or(0),
        })
        .collect();
    let svg = bar_chart(title, &bars, false);
    let rows: Vec<Row> = years
        .iter()
        .map(|(y, &count)| Row {
            label: y.to_string(),
            url: None,
            count,
        })
        .collect();
    Chart {
        svg,
        drawn: rows.len(),
        rows,
    }
}

/// Every engagement area, in site.yaml's order, with its agreements.
fn per_area(views: &Views, title: &str) -> Chart {
    let d = views.d;
    let rows: Vec<Row> = (0..d.areas.len())
        .map(|i| {
            let area = d.area(AreaIx(i as u32));
            Row {
                label: views.area_name(AreaIx(i as u32)).to_owned(),
                url: Some(views.urls().area(area.area.id.as_str())),
                count: area.agreements.len() as u64,
            }
        })
        .collect();
    Chart::horizontal(title, rows, usize::MAX)
}

/// Countries by their number of agreements (an agreement counts for each country of its
/// parties; with `home:`, of its partners abroad), most first; the chart draws the first
/// [`CHART_COUNTRIES`].
fn per_country(views: &Views, title: &str) -> Chart {
    let d = views.d;
    let counts = agreements_by_country(d);
    let mut rows: Vec<Row> = (0..d.countries.len())
        .map(|i| {
            let node = d.country(CountryIx(i as u32));
            Row {
                label: super::view::country_name(views.locale(), node.code.as_str()).to_owned(),
                url: Some(views.urls().country(&node.code.slug())),
                count: counts[i],
            }
        })
        .filter(|r| r.count > 0)
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    Chart::horizontal(title, rows, CHART_COUNTRIES)
}

/// Per country, parallel to `d.countries`: its agreements, or with `home:` the
/// agreements with a partner abroad there (a party abroad beside one of ours).
fn agreements_by_country(d: &Directory) -> Vec<u64> {
    if !d.side.declared() {
        return d
            .countries
            .iter()
            .map(|c| c.agreements.len() as u64)
            .collect();
    }
    let mut counts = vec![0; d.countries.len()];
    for links in d.agreement_links.iter() {
        if !links.parties.iter().any(|&p| d.side.is_ours(p)) {
            continue;
        }
        let mut countries: Vec<CountryIx> = (links.parties.iter())
            .filter(|&&p| !d.side.is_ours(p))
            .filter_map(|p| d.city_links[p.index()].country)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        for c in countries {
            counts[c.index()] += 1;
        }
    }
    counts
}

impl Chart {
    fn empty() -> Chart {
        Chart {
            svg: String::new(),
            rows: Vec::new(),
            drawn: 0,
        }
    }

    /// A horizontal chart of the first `max` rows; no chart when every count is 0.
    fn horizontal(title: &str, rows: Vec<Row>, max: usize) -> Chart {
        if rows.iter().all(|r| r.count == 0) {
            return Chart::empty();
        }
        let drawn = rows.len().min(max);
        let bars: Vec<Bar> = rows[..drawn]
            .iter()
            .map(|r| Bar {
                label: &r.label,
                value: r.count,
            })
            .collect();
        Chart {
            svg: bar_chart(title, &bars, true),
            rows,
            drawn,
        }
    }
}
